//! Shared helpers of the end-to-end and reference tests: where the real networks are, and
//! small readers for them and for the reference values committed in `tests/reference/`.
//!
//! Panics are the failure reports here: these run only inside tests.

use serde_json::Value;
use std::path::PathBuf;

/// The real networks: `$PUENTES_DATASETS`, or `../shared/datasets` beside the repository (see
/// its README for each network's source and licence). The same rule as `puentes-bench`.
pub fn datasets() -> PathBuf {
    match std::env::var_os("PUENTES_DATASETS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/datasets"
        )),
    }
}

/// The reference values `tests/reference/<file>.json`.
pub fn reference(file: &str) -> Value {
    let path = format!("{}/reference/{file}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Integer pairs of a dataset file, whitespace-separated; `#` comments, blank lines and CRLF
/// are skipped.
pub fn read_pairs(path: &str) -> Vec<(u64, u64)> {
    let full = datasets().join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full:?}: {e}"));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut it = l.split_whitespace().map(|x| {
                x.parse::<u64>()
                    .unwrap_or_else(|e| panic!("{full:?}: {l:?}: {e}"))
            });
            match (it.next(), it.next()) {
                (Some(a), Some(b)) => (a, b),
                _ => panic!("{full:?}: {l:?}: expected two ids"),
            }
        })
        .collect()
}

/// Number of rows of a `.nodes` file (header `nodeID nodeLabel` excluded).
pub fn node_count(path: &str) -> usize {
    let full = datasets().join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full:?}: {e}"));
    text.lines().filter(|l| !l.trim().is_empty()).count() - 1
}
