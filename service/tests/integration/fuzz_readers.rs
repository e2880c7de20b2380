//! Fuzzing the readers and the query strings (issue 15, item 2), with proptest generators
//! (cargo-fuzz would need the nightly toolchain in CI; these run on stable, in the normal test
//! run with a modest number of cases and for a bounded time with `scripts/fuzz`).
//!
//! Targets, each a `fuzz_*` test: the project CSV pair, the JSON document, the edge lists
//! (SNAP and CSV), `.gz` files through `import::read_path`, the dated dataset directories,
//! query strings through `app()`, and whole imports through `app()`. Each gets random bytes,
//! seeds from its corpus (`tests/corpus/<target>/`) mutated, and structured-but-wrong inputs
//! (known columns and keys with values of every wrong kind). Properties:
//! - nothing panics, and no single input takes more than [`SLOW`];
//! - a reader answers either data or problems, each problem naming its file and a line
//!   (line-oriented formats: line ≥ 1) or a field, the answer bounded in size;
//! - data that a reader accepts re-imports unchanged (JSON → JSON, CSV pair → CSV pair);
//! - through the app: never a 5xx, every error with the JSON error body, and a refused
//!   import leaves the store's revision unchanged.
//!
//! Cases per target: `PROPTEST_CASES` (default [`DEFAULT_CASES`]). With
//! `PUENTES_FUZZ_SECONDS=N` each target runs rounds of cases until N seconds have passed and
//! prints its executions; with `PUENTES_FUZZ_SAVE=1` a failing input (shrunk) is written to
//! its corpus as `crash-<hash>`, which [`the_corpus_replays_cleanly`] then runs in every test
//! run. `scripts/fuzz [SECONDS]` sets all three.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestError, TestRunner};
use puentes::http::{app, AppState, Config};
use puentes::i18n::Lang;
use puentes::import::{self, dataset, edgelist, json, project_csv, ImportError, Parsed};
use puentes::store::{Batch, GraphStore, MemoryStore};
use serde_json::Value;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Cases per target in a normal test run.
const DEFAULT_CASES: u32 = 64;

/// Longest one input may take (debug build): far above what any input of the generators'
/// sizes needs, far below what a quadratic or unbounded path takes.
const SLOW: Duration = Duration::from_secs(5);

/// Largest error answer or message accepted, in bytes: errors stay small however bad the
/// input (100 problems in full, the rest counted).
const MAX_ERROR_BYTES: usize = 64 << 10;

const ADMIN: &str = "fuzz-admin-token";

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(target)
}

/// Runs `property` on inputs from `strategy`: [`DEFAULT_CASES`] (or `PROPTEST_CASES`) cases,
/// repeated with fresh seeds until `PUENTES_FUZZ_SECONDS` have passed when that is set.
/// A failure is shrunk, saved to the corpus with `PUENTES_FUZZ_SAVE` (by `save`), and fails
/// the test with the input.
fn fuzz<S>(
    target: &str,
    strategy: S,
    save: impl Fn(&S::Value, &Path),
    property: impl Fn(&S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Show,
{
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let budget = std::env::var("PUENTES_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .map(Duration::from_secs_f64);
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    };
    let executions = AtomicU64::new(0);
    let started = Instant::now();
    let mut rounds = 0;
    loop {
        rounds += 1;
        let mut runner = TestRunner::new(config.clone());
        let result = runner.run(&strategy, |value| {
            executions.fetch_add(1, Ordering::Relaxed);
            let t = Instant::now();
            property(&value)?;
            let took = t.elapsed();
            if took > SLOW {
                return Err(TestCaseError::fail(format!("one input took {took:?}")));
            }
            Ok(())
        });
        match result {
            Ok(()) => {}
            Err(TestError::Fail(reason, value)) => {
                if std::env::var_os("PUENTES_FUZZ_SAVE").is_some() {
                    let dir = corpus_dir(target);
                    std::fs::create_dir_all(&dir).expect("corpus directory");
                    let name = format!("crash-{:016x}", hash(&value.show()));
                    save(&value, &dir.join(name));
                }
                panic!("{target}: {reason}\nminimal input: {}", value.show());
            }
            Err(e) => panic!("{target}: {e}"),
        }
        if budget.is_none_or(|b| started.elapsed() >= b) {
            break;
        }
    }
    let line = format!(
        "{target}: {} executions in {rounds} rounds of {cases} cases, {:.1} s, 0 failures",
        executions.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
    eprintln!("{line}");
    if let Some(report) = std::env::var_os("PUENTES_FUZZ_REPORT") {
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(report)
        {
            let _ = writeln!(f, "{line}");
        }
    }
}

/// An input as people read it: bytes as (lossy) text, escaped.
trait Show {
    fn show(&self) -> String;
}

impl Show for Vec<u8> {
    fn show(&self) -> String {
        format!("{:?} ({} bytes)", String::from_utf8_lossy(self), self.len())
    }
}

impl Show for String {
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

impl<A: Show, B: Show> Show for (A, B) {
    fn show(&self) -> String {
        format!("({}, {})", self.0.show(), self.1.show())
    }
}

impl Show for &'static str {
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

/// FNV-1a, for stable crash file names.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

// ---------------------------------------------------------------------------------------------
// Generators.

/// Pieces that break parsers: separators, quotes, encodings, numbers at and past every limit.
const TRICKY: &[&str] = &[
    "",
    " ",
    ",",
    ";",
    "\"",
    "\"\"",
    "'",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{feff}",
    "\u{202e}",
    "\u{0}",
    "é",
    "名",
    "#",
    "%",
    "=1+1",
    "@x",
    "-",
    "../x",
    "a",
    "b",
    "casa-a",
    "Casa A",
    "MX",
    "mx",
    "0",
    "1",
    "5",
    "6",
    "-1",
    "255",
    "256",
    "1900",
    "2100",
    "1899",
    "90",
    "90.0001",
    "-180",
    "1e308",
    "1e999",
    "NaN",
    "inf",
    "18446744073709551616",
    "99999999999999999999999999",
    "true",
    "false",
    "TRUE",
    "null",
    "shelter",
    "shelter;health",
    "referral",
    "coalition",
    "both",
    "source",
    "target",
    "yearly",
    "{",
    "}",
    "[",
    "]",
    ":",
    "\\",
    "\\u0000",
    "\\ud800",
];

/// Random bytes, biased towards the tricky pieces.
fn noise(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..max),
        prop::collection::vec(prop::sample::select(TRICKY), 0..max / 4)
            .prop_map(|parts| parts.concat().into_bytes()),
    ]
}

/// A mutation of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Repeat(usize, usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        (
            any::<usize>(),
            prop_oneof![
                prop::sample::select(TRICKY).prop_map(|t| t.as_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 1..8)
            ]
        )
            .prop_map(|(p, b)| Mutation::Insert(p, b)),
        (any::<usize>(), 1..64usize).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (any::<usize>(), 1..32usize, 1..20usize).prop_map(|(p, n, k)| Mutation::Repeat(p, n, k)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        let at = |p: usize| if len == 0 { 0 } else { p % (len + 1) };
        match m {
            Mutation::Flip(p, b) if len > 0 => bytes[p % len] ^= b,
            Mutation::Flip(..) => {}
            Mutation::Insert(p, b) => {
                let p = at(*p);
                bytes.splice(p..p, b.iter().copied());
            }
            Mutation::Delete(p, n) => {
                let p = at(*p);
                let end = (p + n).min(len);
                bytes.drain(p..end);
            }
            Mutation::Repeat(p, n, k) => {
                let p = at(*p);
                let end = (p + n).min(len);
                let piece = bytes[p..end].to_vec();
                for _ in 0..*k {
                    bytes.splice(end..end, piece.iter().copied());
                }
            }
            Mutation::Truncate(p) => bytes.truncate(at(*p)),
        }
    }
    bytes
}

/// The files of a corpus directory (`tests/corpus/<target>/`): each file, or each
/// subdirectory's files by name.
fn corpus_files(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(corpus_dir(target)) {
        for e in entries.flatten() {
            if e.path().is_file() {
                out.push((e.path(), std::fs::read(e.path()).expect("corpus file")));
            }
        }
    }
    out.sort();
    out
}

fn corpus_dirs(target: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(corpus_dir(target))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A corpus seed of `target` (a file's bytes), mutated; or noise when the corpus is empty.
fn seeded(target: &str) -> BoxedStrategy<Vec<u8>> {
    let seeds: Vec<Vec<u8>> = corpus_files(target).into_iter().map(|(_, b)| b).collect();
    if seeds.is_empty() {
        return noise(512).boxed();
    }
    (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 0..6),
    )
        .prop_map(|(seed, ms)| mutate(seed, &ms))
        .boxed()
}

/// A CSV text with this header (some known columns, some junk) and rows of tricky cells,
/// some rows of the wrong width.
fn csv_with(known: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let column = prop_oneof![
        4 => prop::sample::select(known).prop_map(str::to_owned),
        1 => prop::sample::select(TRICKY).prop_map(str::to_owned),
    ];
    let cell = prop_oneof![
        3 => prop::sample::select(TRICKY).prop_map(str::to_owned),
        1 => "[a-z0-9_-]{1,12}",
        1 => "-?[0-9]{1,5}(\\.[0-9]{1,6})?",
        1 => any::<String>(),
    ];
    (
        prop::collection::vec(column, 0..12),
        prop::collection::vec(prop::collection::vec(cell, 0..14), 0..12),
        any::<bool>(),
    )
        .prop_map(|(header, rows, crlf)| {
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .terminator(if crlf {
                    csv::Terminator::CRLF
                } else {
                    csv::Terminator::Any(b'\n')
                })
                .from_writer(Vec::new());
            let _ = w.write_record(&header);
            for r in &rows {
                let _ = w.write_record(r);
            }
            w.into_inner().unwrap_or_default()
        })
}

/// Either noise, a mutated corpus seed or a structured-but-wrong CSV of these columns.
fn csv_file(target: &str, known: &'static [&'static str]) -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        1 => noise(1024),
        2 => seeded(target),
        3 => csv_with(known),
    ]
    .boxed()
}

/// A JSON value of keys from `known` and junk, with values of every kind, nested.
fn json_value() -> impl Strategy<Value = Value> {
    const KEYS: &[&str] = &[
        "organizations",
        "ties",
        "id",
        "name",
        "country",
        "latitude",
        "longitude",
        "contact",
        "services",
        "populations",
        "population_served",
        "founded_year",
        "partner",
        "source",
        "target",
        "kind",
        "strength",
        "since",
        "until",
        "reported_by",
        "colour",
        "",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(TRICKY).prop_map(Value::from),
        "[a-z0-9-]{1,10}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// A JSON document: `{"organizations": [...], "ties": [...]}` of records with wrong values,
/// a random value, noise or a mutated seed.
fn json_file() -> BoxedStrategy<Vec<u8>> {
    let record = prop::collection::btree_map(
        prop::sample::select(
            [
                import::fields::ORGANIZATION_FIELDS,
                import::fields::TIE_FIELDS,
            ]
            .concat(),
        ),
        json_value(),
        0..8,
    )
    .boxed();
    let doc = (
        prop::collection::vec(record.clone(), 0..6),
        prop::collection::vec(record, 0..6),
    )
        .prop_map(|(orgs, ties)| {
            serde_json::to_vec(&serde_json::json!({"organizations": orgs, "ties": ties}))
                .unwrap_or_default()
        });
    prop_oneof![
        2 => doc,
        1 => json_value().prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
        1 => noise(512),
        2 => seeded("json"),
    ]
    .boxed()
}

/// An edge list: lines of ids, weights and years with every separator, or noise, or a seed.
fn edge_list() -> BoxedStrategy<Vec<u8>> {
    let token = prop_oneof![
        3 => "[a-z0-9_-]{1,6}",
        2 => prop::sample::select(TRICKY).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    let sep = prop::sample::select(&[" ", "\t", ",", "  ", " \t"][..]);
    let line = (prop::collection::vec(token, 0..5), sep).prop_map(|(tokens, sep)| tokens.join(sep));
    let header = prop::sample::select(
        &[
            "",
            "source,target\n",
            "source,target,weight\n",
            "source,target,year\n",
            "source,target,weight,year\n",
            "# a comment\n",
            "% a comment\n",
        ][..],
    );
    let lines = (header, prop::collection::vec(line, 0..40), any::<bool>()).prop_map(
        |(header, lines, crlf)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            format!("{header}{}", lines.join(nl)).into_bytes()
        },
    );
    prop_oneof![3 => lines, 1 => noise(1024), 2 => seeded("edgelist")].boxed()
}

// ---------------------------------------------------------------------------------------------
// Properties of a reader's answer.

/// How a format locates its problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Located {
    /// By line (1-based) and field or column: CSV, edge lists.
    Lines,
    /// By JSON pointer (`/ties/3/strength`; `""` is the whole document), or by line and
    /// column for syntax errors.
    Pointers,
}

/// A reader's answer is data or problems, each precise; checks and returns the data if any.
fn precise(
    parsed: Parsed,
    files: &[&str],
    located: Located,
) -> Result<Option<puentes_analysis::model::NetworkData>, TestCaseError> {
    match parsed.finish(&HashSet::new()) {
        Ok((data, summary)) => {
            prop_assert_eq!(summary.organizations, data.organizations.len());
            prop_assert!(data.check(false, &HashSet::new()).is_empty());
            Ok(Some(data))
        }
        Err(ImportError::Invalid(problems)) => {
            prop_assert!(!problems.is_empty());
            let listed = problems.listed();
            prop_assert!(!listed.is_empty() && listed.len() <= import::PROBLEMS_IN_FULL);
            for p in listed {
                prop_assert!(files.contains(&p.at.file.as_str()), "file of {:?}", p);
                match located {
                    Located::Lines => {
                        prop_assert!(p.at.line.is_some_and(|l| l >= 1), "line of {:?}", p);
                        prop_assert!(!p.at.field.is_empty(), "field of {:?}", p);
                    }
                    Located::Pointers => prop_assert!(
                        p.at.line.is_some_and(|l| l >= 1)
                            || p.at.field.is_empty()
                            || p.at.field.starts_with('/'),
                        "pointer of {:?}",
                        p
                    ),
                }
                let expected = p.expected.render(Lang::En);
                prop_assert!(!expected.is_empty(), "{:?}", p);
                // At most 100 characters of the value (500 of the rest), each hidden one
                // written as an escape of at most 10 (`\u{10ffff}`).
                prop_assert!(p.value.chars().count() <= 1001, "{:?}", p);
                prop_assert!(expected.chars().count() <= 5001, "{:?}", p);
            }
            let text = problems.to_string();
            prop_assert!(
                text.len() <= MAX_ERROR_BYTES,
                "{} bytes of problems",
                text.len()
            );
            Ok(None)
        }
        Err(other) => Err(TestCaseError::fail(format!(
            "a reader answered neither data nor problems: {other}"
        ))),
    }
}

/// Data accepted once re-imports as JSON unchanged.
fn reimports_as_json(data: &puentes_analysis::model::NetworkData) -> Result<(), TestCaseError> {
    let bytes = serde_json::to_vec(data).map_err(|e| TestCaseError::fail(e.to_string()))?;
    match json::read("again.json", &bytes).finish(&HashSet::new()) {
        Ok((again, _)) => {
            prop_assert_eq!(&again, data);
            Ok(())
        }
        Err(e) => Err(TestCaseError::fail(format!(
            "accepted data does not re-import as JSON: {e}"
        ))),
    }
}

/// Data accepted once re-imports as the project CSV pair unchanged.
fn reimports_as_csv(data: &puentes_analysis::model::NetworkData) -> Result<(), TestCaseError> {
    let (mut orgs, mut ties) = (Vec::new(), Vec::new());
    puentes::export::organizations_csv(&data.organizations, &mut orgs)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    puentes::export::ties_csv(&data.ties, &mut ties)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    match project_csv::read(("organizations.csv", &orgs), ("ties.csv", &ties))
        .finish(&HashSet::new())
    {
        Ok((again, _)) => {
            prop_assert_eq!(&again, data);
            Ok(())
        }
        Err(e) => Err(TestCaseError::fail(format!(
            "accepted data does not re-import as CSV: {e}"
        ))),
    }
}

fn check_pair(orgs: &[u8], ties: &[u8]) -> Result<(), TestCaseError> {
    let parsed = project_csv::read(("organizations.csv", orgs), ("ties.csv", ties));
    if let Some(data) = precise(parsed, &["organizations.csv", "ties.csv"], Located::Lines)? {
        reimports_as_csv(&data)?;
        reimports_as_json(&data)?;
    }
    Ok(())
}

fn check_json(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Some(data) = precise(
        json::read("net.json", bytes),
        &["net.json"],
        Located::Pointers,
    )? {
        reimports_as_json(&data)?;
        reimports_as_csv(&data)?;
    }
    Ok(())
}

fn check_edge_list(bytes: &[u8]) -> Result<(), TestCaseError> {
    for (file, parsed) in [
        ("g.txt", edgelist::read_snap("g.txt", bytes)),
        ("e.csv", edgelist::read_csv("e.csv", bytes)),
    ] {
        if let Some(data) = precise(parsed, &[file], Located::Lines)? {
            reimports_as_json(&data)?;
        }
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("directory");
    }
    std::fs::write(path, bytes).expect("write");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("compress");
    gz.finish().expect("compress")
}

/// `import::read_path` on a file named `name` holding `bytes`: data, problems naming the
/// file, or an error naming the file.
fn check_file(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let path = dir.path().join(name);
    write(&path, bytes);
    let plain = name.trim_end_matches(".gz");
    match import::read_path(&path, None) {
        Ok(parsed) => {
            let located = if plain.ends_with(".json") {
                Located::Pointers
            } else {
                Located::Lines
            };
            if let Some(data) = precise(parsed, &[name], located)? {
                reimports_as_json(&data)?;
            }
        }
        Err(e @ (ImportError::Io { .. } | ImportError::TooLarge { .. })) => {
            let text = e.to_string();
            prop_assert!(text.contains(&path.display().to_string()), "{}", text);
        }
        Err(e) => return Err(TestCaseError::fail(format!("{name}: {e}"))),
    }
    Ok(())
}

/// A dated dataset directory: data (that builds a network), or an error naming the file and,
/// for a bad row, its line.
fn check_dataset(dir: &Path) -> Result<(), TestCaseError> {
    match dataset::read(dir) {
        Ok(data) => {
            let net = puentes_analysis::Network::new(&data);
            prop_assert_eq!(net.node_count(), data.organizations.len());
        }
        Err(e) => {
            let text = e.to_string();
            let names_a_file = [
                "organizations.csv",
                "ties.csv",
                "ties.csv.gz",
                "memberships.csv",
            ]
            .iter()
            .any(|f| text.contains(&dir.join(f).display().to_string()));
            prop_assert!(names_a_file, "{}", text);
            if let dataset::ReadError::Row(row) = &e {
                prop_assert!(row.line >= 1, "{}", text);
                prop_assert!(
                    !row.field.is_empty() && !row.allowed.render(Lang::En).is_empty(),
                    "{}",
                    text
                );
            }
            prop_assert!(text.len() <= MAX_ERROR_BYTES, "{} bytes", text.len());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The targets.

#[test]
fn fuzz_project_csv() {
    use import::fields::{ORGANIZATION_FIELDS, TIE_FIELDS};
    fuzz(
        "project_csv",
        (
            csv_file("project_csv", ORGANIZATION_FIELDS),
            csv_file("project_csv", TIE_FIELDS),
        ),
        |(orgs, ties), path| {
            write(&path.join("organizations.csv"), orgs);
            write(&path.join("ties.csv"), ties);
        },
        |(orgs, ties)| check_pair(orgs, ties),
    );
}

#[test]
fn fuzz_json() {
    fuzz(
        "json",
        json_file(),
        |bytes, path| write(&path.with_extension("json"), bytes),
        |bytes| check_json(bytes),
    );
}

#[test]
fn fuzz_edge_lists() {
    fuzz(
        "edgelist",
        edge_list(),
        |bytes, path| write(&path.with_extension("txt"), bytes),
        |bytes| check_edge_list(bytes),
    );
}

/// How a `.gz` input is made: compressed properly, then cut, extended or left alone.
#[derive(Debug, Clone)]
enum Gz {
    Whole,
    Cut(usize),
    Garbage(Vec<u8>),
    Twice,
    Raw,
}

#[test]
fn fuzz_gzip_files() {
    let kind = prop_oneof![
        3 => Just(Gz::Whole),
        1 => any::<usize>().prop_map(Gz::Cut),
        1 => prop::collection::vec(any::<u8>(), 1..64).prop_map(Gz::Garbage),
        1 => Just(Gz::Twice),
        1 => Just(Gz::Raw),
    ];
    let name = prop::sample::select(&["g.txt.gz", "e.csv.gz", "net.json.gz", "g.edges.gz"][..]);
    let content = prop_oneof![edge_list(), json_file()];
    let file = (name, content, kind).prop_map(|(name, content, kind)| {
        let bytes = match kind {
            Gz::Whole => gzip(&content),
            Gz::Cut(at) => {
                let mut z = gzip(&content);
                z.truncate(at % (z.len() + 1));
                z
            }
            Gz::Garbage(tail) => [gzip(&content), tail].concat(),
            Gz::Twice => [gzip(&content), gzip(&content)].concat(),
            Gz::Raw => content,
        };
        (name, bytes)
    });
    let seeds: Vec<(String, Vec<u8>)> = corpus_files("gzip")
        .into_iter()
        .map(|(p, b)| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), b)
        })
        .collect();
    let from_corpus = (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 0..4),
    )
        .prop_map(|((name, b), ms)| {
            // Keep the name's kind, as the reader decides by it.
            let name: &'static str = if name.contains(".json") {
                "net.json.gz"
            } else if name.contains(".csv") {
                "e.csv.gz"
            } else {
                "g.txt.gz"
            };
            (name, mutate(b, &ms))
        });
    fuzz(
        "gzip",
        prop_oneof![3 => file, 1 => from_corpus],
        |(name, bytes), path| {
            write(
                &path.with_extension(
                    name.trim_start_matches(|c| c != '.')
                        .trim_start_matches('.'),
                ),
                bytes,
            )
        },
        |(name, bytes)| check_file(name, bytes),
    );
}

/// A dataset directory's files: organizations, ties (plain or gzip), optional memberships.
#[derive(Debug, Clone)]
struct DatasetFiles {
    organizations: Vec<u8>,
    ties: Vec<u8>,
    ties_gz: bool,
    memberships: Option<Vec<u8>>,
}

impl Show for DatasetFiles {
    fn show(&self) -> String {
        format!(
            "organizations.csv {}, ties.csv{} {}, memberships.csv {}",
            self.organizations.show(),
            if self.ties_gz { ".gz" } else { "" },
            self.ties.show(),
            self.memberships
                .as_ref()
                .map_or("none".to_owned(), Show::show)
        )
    }
}

impl DatasetFiles {
    fn write_to(&self, dir: &Path) {
        write(&dir.join("organizations.csv"), &self.organizations);
        if self.ties_gz {
            write(&dir.join("ties.csv.gz"), &gzip(&self.ties));
        } else {
            write(&dir.join("ties.csv"), &self.ties);
        }
        if let Some(m) = &self.memberships {
            write(&dir.join("memberships.csv"), m);
        }
    }
}

#[test]
fn fuzz_dataset_directories() {
    const ORGS: &[&str] = &[
        "id",
        "name",
        "country",
        "corridor",
        "services",
        "population_served",
        "first_year",
        "founded_year",
        "type",
    ];
    const TIES: &[&str] = &["source", "target", "year", "since", "strength", "weight"];
    const MEMBERSHIPS: &[&str] = &["org_id", "start_date", "cluster"];
    let files = (
        csv_file("dataset", ORGS),
        csv_file("dataset", TIES),
        any::<bool>(),
        prop::option::of(csv_file("dataset", MEMBERSHIPS)),
    )
        .prop_map(|(organizations, ties, ties_gz, memberships)| DatasetFiles {
            organizations,
            ties,
            ties_gz,
            memberships,
        });
    fuzz(
        "dataset",
        files,
        |files, path| files.write_to(path),
        |files| {
            let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
            files.write_to(dir.path());
            check_dataset(dir.path())
        },
    );
}

/// The app over the fixture (admin token set), its store, and a runtime to drive it.
fn fixture_app() -> (Router, Arc<MemoryStore>, tokio::runtime::Runtime) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let store = Arc::new(MemoryStore::ephemeral());
    let data = puentes::cli::builtin_fixture().expect("fixture");
    rt.block_on(store.apply(Batch::replace(data)))
        .expect("fixture");
    let config = Config {
        admin_token: Some(ADMIN.to_owned()),
        ..Config::default()
    };
    (app(AppState::new(store.clone(), config)), store, rt)
}

/// Sends `req`; the status and the body.
fn send(rt: &tokio::runtime::Runtime, app: &Router, req: Request<Body>) -> (StatusCode, Vec<u8>) {
    use tower::ServiceExt;
    rt.block_on(async {
        let resp = app.clone().oneshot(req).await.expect("infallible");
        let status = resp.status();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .expect("body");
        (status, body.to_vec())
    })
}

/// An error answer has the JSON error body, small.
fn error_body(status: StatusCode, body: &[u8]) -> Result<Value, TestCaseError> {
    let json: Value = serde_json::from_slice(body)
        .map_err(|e| TestCaseError::fail(format!("{status}: not a JSON error body ({e})")))?;
    prop_assert!(json["error"]["code"].is_string(), "{}", json);
    prop_assert!(json["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    prop_assert!(body.len() <= MAX_ERROR_BYTES, "{} bytes", body.len());
    Ok(json)
}

/// The GET routes of the document, path parameters filled in.
fn get_routes() -> Vec<String> {
    let doc = serde_json::to_value(puentes::http::openapi()).expect("document");
    let mut routes: Vec<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .filter(|(_, item)| item.get("get").is_some())
        .map(|(p, _)| p.replace("{id}", "casa-quetzal-nuevo"))
        .collect();
    routes.sort();
    routes
}

/// Every documented query parameter name, and some that are not.
fn parameter_names() -> Vec<String> {
    let doc = serde_json::to_value(puentes::http::openapi()).expect("document");
    let mut names: Vec<String> = ["lang", "dry-run", "", "limit[]", "a b", "é"]
        .map(str::to_owned)
        .to_vec();
    for item in doc["paths"].as_object().expect("paths").values() {
        for op in item.as_object().expect("operations").values() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                if let Some(n) = p["name"].as_str() {
                    names.push(n.to_owned());
                }
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// A query string as sent on the wire: pairs of names and values, percent-encoded or raw,
/// with broken escapes, repeats and separators thrown in.
fn query_string() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        prop::sample::select(TRICKY).prop_map(str::to_owned),
        "[a-z_/0-9.,=-]{0,16}",
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|x| x.to_string()),
        Just("%".to_owned()),
        Just("%zz".to_owned()),
        Just("%ff%fe".to_owned()),
        Just("%00".to_owned()),
        Just("+".to_owned()),
    ];
    let pair = (
        prop::sample::select(parameter_names()),
        value,
        any::<bool>(),
    )
        .prop_map(|(name, value, encode)| {
            if encode {
                serde_urlencoded::to_string([(name, value)]).unwrap_or_default()
            } else {
                format!("{name}={value}")
            }
        });
    (
        prop::collection::vec(pair, 0..6),
        prop::sample::select(&["&", "&&", ";", "&=&"][..]),
    )
        .prop_map(|(pairs, sep)| pairs.join(sep))
}

/// `text` with every byte a URI may not carry percent-encoded (`%` itself left alone, so
/// broken escapes reach the server).
fn as_uri_query(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn fuzz_query_strings() {
    let (app, store, rt) = fixture_app();
    let revision = rt.block_on(store.revision()).expect("revision");
    let seeds: Vec<String> = corpus_files("query")
        .into_iter()
        .flat_map(|(_, b)| {
            String::from_utf8_lossy(&b)
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.is_empty())
        .collect();
    let generated = (prop::sample::select(get_routes()), query_string())
        .prop_map(|(route, query)| format!("{route}?{query}"));
    let strategy = if seeds.is_empty() {
        generated.boxed()
    } else {
        prop_oneof![3 => generated, 1 => prop::sample::select(seeds)].boxed()
    };
    fuzz(
        "query",
        strategy,
        |target, path| {
            write(
                &path.with_extension("txt"),
                format!("{target}\n").as_bytes(),
            )
        },
        |target| {
            let uri = as_uri_query(target);
            let Ok(req) = Request::get(uri.as_str()).body(Body::empty()) else {
                return Ok(()); // not a request target at all: never reaches a server
            };
            let (status, body) = send(&rt, &app, req);
            prop_assert!(!status.is_server_error(), "{} -> {}", target, status);
            if !status.is_success() {
                let json = error_body(status, &body)?;
                // The survey's review list is the one GET that needs the admin token.
                let needs_token = uri.starts_with("/api/v1/import/review");
                prop_assert!(
                    [400, 404, 414].contains(&status.as_u16())
                        || (needs_token && status.as_u16() == 401),
                    "{} -> {} {}",
                    target,
                    status,
                    json
                );
            }
            Ok(())
        },
    );
    assert_eq!(rt.block_on(store.revision()).expect("revision"), revision);
}

/// An import request: a body of some format, sent as some content type, with some options.
#[derive(Debug, Clone)]
struct ImportCase {
    content_type: &'static str,
    query: &'static str,
    body: Vec<u8>,
}

impl Show for ImportCase {
    fn show(&self) -> String {
        format!(
            "POST /api/v1/import{} ({}) {}",
            self.query,
            self.content_type,
            self.body.show()
        )
    }
}

#[test]
fn fuzz_imports_through_the_app() {
    use import::fields::{ORGANIZATION_FIELDS, TIE_FIELDS};
    let (app, store, rt) = fixture_app();
    let multipart = (
        csv_file("project_csv", ORGANIZATION_FIELDS),
        csv_file("project_csv", TIE_FIELDS),
    )
        .prop_map(|(orgs, ties)| {
            let mut body = Vec::new();
            for (name, bytes) in [("organizations", orgs), ("ties", ties)] {
                body.extend_from_slice(
                    format!(
                        "--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"; \
                         filename=\"{name}.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(&bytes);
                body.extend_from_slice(b"\r\n");
            }
            body.extend_from_slice(b"--XyZ--\r\n");
            ("multipart/form-data; boundary=XyZ", body)
        });
    let body = prop_oneof![
        json_file().prop_map(|b| ("application/json", b)),
        edge_list().prop_map(|b| ("text/csv", b)),
        edge_list().prop_map(|b| ("text/plain", b)),
        multipart,
        noise(256).prop_map(|b| ("application/octet-stream", b)),
    ];
    let query = prop::sample::select(
        &[
            "",
            "?dry_run=true",
            "?mode=replace",
            "?mode=replace&dry_run=true",
            "?format=snap",
            "?mode=merge&format=edge-csv",
        ][..],
    );
    let case = (body, query).prop_map(|((content_type, body), query)| ImportCase {
        content_type,
        query,
        body,
    });
    fuzz(
        "import",
        case,
        |case, path| write(&path.with_extension("bin"), &case.body),
        |case| {
            let before = rt.block_on(store.snapshot()).expect("snapshot");
            let req = Request::post(format!("/api/v1/import{}", case.query))
                .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
                .header(header::CONTENT_TYPE, case.content_type)
                .body(Body::from(case.body.clone()))
                .expect("request");
            let (status, body) = send(&rt, &app, req);
            prop_assert!(!status.is_server_error(), "{}", status);
            let after = rt.block_on(store.snapshot()).expect("snapshot");
            if status.is_success() {
                let answer: Value = serde_json::from_slice(&body).unwrap_or_default();
                if case.query.contains("dry_run") {
                    prop_assert_eq!(after.revision, before.revision);
                } else {
                    prop_assert_eq!(answer["revision"].as_u64(), Some(after.revision));
                }
                // Put the fixture back, so every case starts from it.
                if after.revision != before.revision {
                    rt.block_on(store.apply(Batch::replace((*before.data).clone())))
                        .expect("restore");
                }
            } else {
                prop_assert_eq!(after.revision, before.revision, "a refused import wrote");
                prop_assert_eq!(&after.data, &before.data);
                let json = error_body(status, &body)?;
                prop_assert!(
                    [400, 409, 413, 415, 422].contains(&status.as_u16()),
                    "{} {}",
                    status,
                    json
                );
                if status == StatusCode::UNPROCESSABLE_ENTITY {
                    for d in json["error"]["details"].as_array().into_iter().flatten() {
                        prop_assert!(d["file"].as_str().is_some_and(|f| !f.is_empty()), "{}", d);
                    }
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The corpus, and the inputs that must stay bounded.

/// Every corpus input (seeds and saved crashes) through its target's property.
#[test]
fn the_corpus_replays_cleanly() {
    let mut replayed = 0;
    let fail = |what: &Path, e: TestCaseError| panic!("{}: {e}", what.display());
    for dir in corpus_dirs("project_csv") {
        let read = |f: &str| std::fs::read(dir.join(f)).unwrap_or_default();
        check_pair(&read("organizations.csv"), &read("ties.csv")).unwrap_or_else(|e| fail(&dir, e));
        replayed += 1;
    }
    for (path, bytes) in corpus_files("json") {
        check_json(&bytes).unwrap_or_else(|e| fail(&path, e));
        replayed += 1;
    }
    for (path, bytes) in corpus_files("edgelist") {
        check_edge_list(&bytes).unwrap_or_else(|e| fail(&path, e));
        replayed += 1;
    }
    for (path, bytes) in corpus_files("gzip") {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        check_file(&name.unwrap_or_default(), &bytes).unwrap_or_else(|e| fail(&path, e));
        replayed += 1;
    }
    for dir in corpus_dirs("dataset") {
        check_dataset(&dir).unwrap_or_else(|e| fail(&dir, e));
        replayed += 1;
    }
    assert!(replayed >= 30, "{replayed} corpus inputs");
}

/// A header of a million columns (7 MB): an answer in seconds, a bounded number of problems
/// listed. Regression: a header of many unknown columns followed by repeated known ones
/// took time quadratic in its width (200,000 columns: minutes).
#[test]
fn a_header_of_a_million_columns_is_refused_in_bounded_time_and_memory() {
    let mut cells: Vec<&str> = vec!["x"; 500_000];
    cells.extend(vec!["name"; 500_000]);
    let orgs = format!("{}\nid\n", cells.join(","));
    let started = Instant::now();
    let parsed = project_csv::read(
        ("organizations.csv", orgs.as_bytes()),
        ("ties.csv", b"source,target,kind,strength\n"),
    );
    let err = parsed.finish(&HashSet::new()).expect_err("invalid");
    let took = started.elapsed();
    let ImportError::Invalid(problems) = err else {
        panic!("{err}")
    };
    // 500,000 unknown columns, 499,999 repeats of name, no id column, the row of 1 field.
    assert_eq!(problems.len(), 1_000_001);
    assert_eq!(problems.listed().len(), import::PROBLEMS_IN_FULL);
    assert!(problems.to_string().len() < MAX_ERROR_BYTES);
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

/// JSON nested 100,000 deep, as a file and through the app: one precise problem (serde_json
/// stops at 128 levels), no stack overflow, nothing written.
#[test]
fn json_nested_a_hundred_thousand_deep_is_one_clear_problem() {
    for doc in [
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!(
            "{{\"organizations\": [{{\"id\": {}{}}}]}}",
            "{\"a\":".repeat(100_000),
            "}".repeat(100_000)
        ),
    ] {
        let parsed = json::read("deep.json", doc.as_bytes());
        let listed = parsed.problems.listed();
        assert_eq!(listed.len(), 1);
        assert!(
            listed[0]
                .expected
                .render(Lang::En)
                .contains("recursion limit exceeded"),
            "{:?}",
            listed[0]
        );
        assert_eq!(listed[0].at.line, Some(1));
        let (app, store, rt) = fixture_app();
        let revision = rt.block_on(store.revision()).expect("revision");
        let req = Request::post("/api/v1/import")
            .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(doc))
            .expect("request");
        let (status, body) = send(&rt, &app, req);
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let json = error_body(status, &body).expect("error body");
        assert!(
            json["error"]["details"][0]["expected"]
                .as_str()
                .is_some_and(|e| e.contains("recursion limit exceeded at line 1")),
            "{json}"
        );
        assert_eq!(rt.block_on(store.revision()).expect("revision"), revision);
    }
}
