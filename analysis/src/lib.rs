//! Pure network analysis for Puentes.
//!
//! This crate knows nothing of HTTP, async, Neo4j or files. It takes a [`network::Network`]
//! (the validated organizations and ties of one store revision, as a compact CSR graph with
//! attribute columns) and returns plain values indexed by node. Keeping it pure means every
//! algorithm can be tested on tiny hand-derived graphs and on real reference networks, and
//! reused by the service, the CLI and the benchmarks alike.
//!
//! Conventions follow NetworkX unless an item's documentation says otherwise and why.
//!
//! ```
//! use puentes_analysis::network::Network;
//! // A path a - b - c: b lies on the only shortest path between a and c.
//! let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
//! assert_eq!(net.degree(1), 2);
//! assert_eq!(net.neighbors(1), &[0, 2]);
//! ```

#![warn(missing_docs, unreachable_pub)]

/// Asserts `|a − b| ≤ tol` for floats, naming both expressions on failure (tests only).
#[cfg(test)]
macro_rules! assert_close {
    ($a:expr, $b:expr, $tol:expr) => {{
        let (a, b, tol): (f64, f64, f64) = ($a, $b, $tol);
        assert!(
            (a - b).abs() <= tol,
            "{} = {a} vs {} = {b} (tolerance {tol})",
            stringify!($a),
            stringify!($b)
        );
    }};
}

/// Runs `f` on a fresh rayon pool of `threads` threads (tests that results do not depend on
/// the number of threads).
#[cfg(test)]
fn on_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(f)
}

pub mod model;
pub mod network;

pub use model::{NetworkData, Organization, Tie};
pub use network::Network;
pub mod attributes;
pub mod centrality;
pub mod community;
pub mod components;
pub mod gaps;
pub mod generate;
pub mod layout;
pub mod metrics;
pub mod names;
pub mod policy;
mod shortest_paths;
#[cfg(test)]
mod small_graphs;
pub mod suggest;
pub mod summary;
pub mod time;
pub mod visit;
