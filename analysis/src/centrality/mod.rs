//! Node centrality: who is central, who brokers, who is well placed.
//!
//! Every function takes a [`Network`] and returns one value per node, indexed by node
//! (`result[v as usize]` is node `v`'s score). Conventions match NetworkX 3.4.2 and each
//! function names the NetworkX call it reproduces; where a choice differs, the doc comment
//! says so and why.
//!
//! # Weights
//! An edge's weight `w_uv` is the collapsed tie strength (the sum of the strengths of the ties
//! joining `u` and `v`, see [`crate::network`]). With [`Weighting::Weighted`]:
//!
//! * path-based metrics (betweenness, closeness, harmonic) read it as a **distance**
//!   `d_uv = 1 / w_uv`, so stronger ties are shorter (NetworkX: pass the `distance=`/`weight=`
//!   attribute holding `1 / w`);
//! * spectral metrics (eigenvector, PageRank) and strength read it as a **capacity** `w_uv`
//!   (NetworkX: `weight="weight"`).
//!
//! Weighted variants need every weight finite and positive; otherwise they return
//! [`AnalysisError::InvalidWeight`].
//!
//! # Equal-length paths
//! Brandes' algorithm counts every shortest path. With weights, two paths whose lengths are
//! equal on paper (`1/3 + 1/6` and `1/2`) can differ in the last bit of a float sum; NetworkX
//! compares with `==` and then counts only one of them. Here path lengths are compared with a
//! relative tolerance of `1e-10` (as igraph does), so both are counted. On weights whose
//! reciprocals add exactly (strengths 1, 2, 4, ...) the two conventions agree exactly.
//!
//! # Performance and determinism
//! Betweenness and the weighted path metrics run one BFS (unweighted) or Dijkstra (weighted)
//! per source over the CSR arrays, in parallel with rayon; each worker reuses its buffers and
//! resets only the nodes it touched. The BFS has no data-dependent branch in its inner loop.
//! Exact betweenness first folds away degree-one nodes, whose share it counts in closed form,
//! and lets one node stand in for its twins as a source (`shortest_paths/` explains all
//! three). Betweenness sums the per-source dependencies in a fixed number of chunks added in
//! a fixed order, so results are bit-identical across runs and thread counts.
//!
//! Unweighted closeness and harmonic centrality need only each node's distance totals, and
//! get them from a bit-parallel multi-source BFS (256 sources per pass, Then et al. 2014;
//! see [`closeness`]): exact at every size, in integer sums, so equally independent of the
//! thread count. One such search ([`Distances`]) serves both metrics and the periphery's
//! closeness when the caller computes it once and passes it in ([`closeness_from`],
//! [`harmonic_from`]); nothing is kept between calls.
//!
//! Eigenvector centrality and PageRank stop on a residual ([`Convergence::Converged`], the
//! default) rather than on NetworkX's loose rule, which stays available
//! ([`Convergence::PowerIteration`]).

mod betweenness;
mod closeness;
mod cores;
mod degree;
mod eigenvector;
mod pagerank;

pub(crate) use betweenness::sample_nodes;
pub use betweenness::{betweenness, betweenness_sampled, sampled_betweenness_error_bound};
pub use closeness::{closeness, closeness_from, harmonic, harmonic_from};
pub(crate) use cores::for_each_triangle;
pub use cores::{clustering, core_number, triangles};
pub use degree::{degree, degree_centrality, strength};
pub use eigenvector::eigenvector;
pub use pagerank::pagerank;

use crate::network::{Network, Node};
pub use crate::shortest_paths::Distances;

/// Errors of the analysis algorithms.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    /// A power iteration did not reach its tolerance.
    #[error(
        "{algorithm} did not converge within {iterations} iterations \
         (tolerance {tol} per node); raise max_iter or tol"
    )]
    NonConvergence {
        /// The algorithm that failed.
        algorithm: &'static str,
        /// The number of iterations made.
        iterations: usize,
        /// The per-node tolerance that was asked for.
        tol: f64,
    },
    /// A weighted algorithm met an edge weight that is not finite and positive.
    #[error(
        "edge {u}-{v} has weight {weight}; weighted {algorithm} needs finite positive weights"
    )]
    InvalidWeight {
        /// The algorithm that refused the weight.
        algorithm: &'static str,
        /// One endpoint of the edge.
        u: Node,
        /// The other endpoint.
        v: Node,
        /// The offending weight.
        weight: f64,
    },
    /// An argument is out of its allowed range.
    #[error("invalid argument {name}: {reason}")]
    InvalidArgument {
        /// The argument's name.
        name: &'static str,
        /// What is allowed.
        reason: String,
    },
}

/// Whether an algorithm reads edge weights (see the module docs for how each metric reads them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weighting {
    /// Every edge counts 1 (length 1 for paths, capacity 1 for spectral metrics).
    #[default]
    Unweighted,
    /// Edge weight `w` is a capacity; for paths, the length is `1 / w`.
    Weighted,
}

/// NetworkX's power iteration and stopping rule, for [`Convergence::PowerIteration`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PowerIteration {
    /// Maximum number of iterations (NetworkX default 100).
    pub max_iter: usize,
    /// Per-node tolerance: stop when `Σ_v |x_v − x'_v| < n · tol` (NetworkX default `1e-6`).
    pub tol: f64,
}

impl Default for PowerIteration {
    fn default() -> Self {
        PowerIteration {
            max_iter: 100,
            tol: 1e-6,
        }
    }
}

/// When an iterative metric ([`eigenvector`], [`pagerank`]) stops.
///
/// NetworkX stops a power iteration when the L1 change of one step is below `n · 1e-6`:
/// on soc-Slashdot0902 (n = 82,168) that allows a change of 0.08 in a vector that sums to 1,
/// and the top PageRank is then 1 % off the exact solution (0.0025006 against igraph's
/// 0.0024736). [`Convergence::Converged`], the default, solves to a tolerance on the
/// residual instead, and so agrees with igraph's PRPACK PageRank and ARPACK eigenvector
/// centrality to about 1e-12 per value; [`Convergence::PowerIteration`] keeps NetworkX's rule
/// for whoever must reproduce NetworkX's numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Convergence {
    /// Iterate until the residual (defined by each metric, reported in
    /// [`Iterated::residual`]) is at most `tol`, within `max_iter` iterations.
    Converged {
        /// Largest residual accepted.
        tol: f64,
        /// Most iterations.
        max_iter: usize,
    },
    /// NetworkX's power iteration with its stopping rule (same iterates, same results).
    PowerIteration(PowerIteration),
}

impl Default for Convergence {
    /// [`Convergence::Converged`] with `tol = 1e-12` and at most 10,000 iterations.
    fn default() -> Self {
        Convergence::Converged {
            tol: 1e-12,
            max_iter: 10_000,
        }
    }
}

impl From<PowerIteration> for Convergence {
    fn from(p: PowerIteration) -> Self {
        Convergence::PowerIteration(p)
    }
}

/// The values of an iterative metric and how they were reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Iterated {
    /// One value per node.
    pub values: Vec<f64>,
    /// Iterations made (matrix–vector products, not counting the one that measures the
    /// residual).
    pub iterations: usize,
    /// The residual of `values` (each metric's documentation defines it); an upper bound on
    /// how far they are from the exact solution, up to the factor stated there.
    pub residual: f64,
}

// ---------------------------------------------------------------------------------------------
// Shortest-path machinery shared by betweenness, closeness and harmonic.

/// Converts a node position to a [`Node`] (networks hold fewer than 2^32 nodes).
#[inline]
fn node_id(v: usize) -> Node {
    crate::network::node(v)
}

/// Edge lengths aligned with the CSR arrays: `None` for hops, `Some(1 / w)` when weighted.
/// The lengths every path-based metric uses (and that the petgraph oracle tests check).
pub(crate) fn edge_lengths(
    net: &Network,
    weighting: Weighting,
    algorithm: &'static str,
) -> Result<Option<Vec<f64>>, AnalysisError> {
    match weighting {
        Weighting::Unweighted => Ok(None),
        Weighting::Weighted => {
            check_weights(net, algorithm)?;
            let (_, _, w) = net.csr();
            Ok(Some(w.iter().map(|&w| 1.0 / w).collect()))
        }
    }
}

/// Rejects weights that are not finite and positive.
fn check_weights(net: &Network, algorithm: &'static str) -> Result<(), AnalysisError> {
    match net.edges().find(|&(_, _, w)| !(w.is_finite() && w > 0.0)) {
        Some((u, v, weight)) => Err(AnalysisError::InvalidWeight {
            algorithm,
            u,
            v,
            weight,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::seq::SliceRandom;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    pub(super) fn assert_all_close(a: &[f64], b: &[f64], tol: f64) {
        assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(
                (x - y).abs() <= tol,
                "node {i}: {x} vs {y} (tolerance {tol})"
            );
        }
    }

    pub(super) const U: Weighting = Weighting::Unweighted;
    pub(super) const W: Weighting = Weighting::Weighted;

    #[test]
    fn invalid_weights_are_reported() {
        let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 0.0)]);
        let err = betweenness(&net, W).unwrap_err();
        assert!(matches!(
            err,
            AnalysisError::InvalidWeight { u: 1, v: 2, .. }
        ));
        assert!(betweenness(&net, U).is_ok());
        assert!(pagerank(&net, W, 0.85, Convergence::default()).is_err());
        assert!(pagerank(&net, U, 1.5, Convergence::default()).is_err());
    }

    /// NetworkX's rule (`PowerIteration::default()`: 100 iterations, `tol = 1e-6`).
    pub(super) const NX: Convergence = Convergence::PowerIteration(PowerIteration {
        max_iter: 100,
        tol: 1e-6,
    });

    pub(super) fn pr(net: &Network, w: Weighting, c: Convergence) -> Vec<f64> {
        pagerank(net, w, 0.85, c).unwrap().values
    }

    #[test]
    fn converged_results_do_not_depend_on_the_thread_count() {
        let edges: Vec<(Node, Node, f64)> = (0..9000u32)
            .flat_map(|v| [(v, (v * 7 + 3) % 9000, 1.0), (v, (v * v + 11) % 9000, 2.0)])
            .collect();
        let net = Network::from_edges(9000, &edges);
        let run = || {
            (
                pr(&net, W, Convergence::default()),
                eigenvector(&net, U, Convergence::default()).unwrap().values,
            )
        };
        let one = crate::on_threads(1, run);
        assert_eq!(one, crate::on_threads(2, run));
        assert_eq!(one, crate::on_threads(3, run));
    }

    /// A random simple graph of up to 12 nodes with weights in {1, 2, 4}.
    pub(super) fn graph_strategy() -> impl Strategy<Value = (usize, Vec<(Node, Node, f64)>)> {
        (2usize..12).prop_flat_map(|n| {
            let edge = (
                0..n as Node,
                0..n as Node,
                prop_oneof![Just(1.0), Just(2.0), Just(4.0)],
            );
            (Just(n), prop::collection::vec(edge, 0..30))
        })
    }

    pub(super) fn dedup(edges: &[(Node, Node, f64)]) -> Vec<(Node, Node, f64)> {
        let mut seen = std::collections::BTreeMap::new();
        for &(a, b, w) in edges {
            if a != b {
                seen.entry((a.min(b), a.max(b))).or_insert(w);
            }
        }
        seen.into_iter().map(|((a, b), w)| (a, b, w)).collect()
    }

    proptest! {
        #[test]
        fn permutation_invariance((n, edges) in graph_strategy(), seed in any::<u64>()) {
            let edges = dedup(&edges);
            // p[old] = new: a seeded random permutation.
            let mut p: Vec<Node> = (0..n).map(node_id).collect();
            p.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
            let a = Network::from_edges(n, &edges);
            let moved: Vec<_> = edges.iter().map(|&(x, y, w)| (p[x as usize], p[y as usize], w)).collect();
            let b = Network::from_edges(n, &moved);
            type Metric = fn(&Network) -> Vec<f64>;
            let metrics: [Metric; 9] = [
                |g| betweenness(g, Weighting::Unweighted).unwrap_or_default(),
                |g| betweenness(g, Weighting::Weighted).unwrap_or_default(),
                |g| closeness(g, Weighting::Weighted).unwrap_or_default(),
                |g| harmonic(g, Weighting::Unweighted).unwrap_or_default(),
                |g| pagerank(g, Weighting::Weighted, 0.85, NX).map(|r| r.values).unwrap_or_default(),
                |g| pagerank(g, Weighting::Weighted, 0.85, Convergence::default()).map(|r| r.values).unwrap_or_default(),
                |g| clustering(g),
                |g| core_number(g).into_iter().map(|c| c as f64).collect(),
                |g| strength(g),
            ];
            for m in metrics {
                let (ra, rb) = (m(&a), m(&b));
                prop_assert_eq!(ra.len(), n);
                for v in 0..n {
                    prop_assert!((ra[v] - rb[p[v] as usize]).abs() < 1e-9, "node {}: {} vs {}", v, ra[v], rb[p[v] as usize]);
                }
            }
        }

        #[test]
        fn scores_in_range((n, edges) in graph_strategy()) {
            let net = Network::from_edges(n, &dedup(&edges));
            for w in [Weighting::Unweighted, Weighting::Weighted] {
                for b in betweenness(&net, w).unwrap() { prop_assert!((-1e-12..=1.0 + 1e-12).contains(&b)); }
                for c in [NX, Convergence::default()] {
                    let pr = pr(&net, w, c);
                    prop_assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                    prop_assert!(pr.iter().all(|&x| x > 0.0));
                }
            }
            for c in closeness(&net, Weighting::Unweighted).unwrap() { prop_assert!((0.0..=1.0 + 1e-12).contains(&c)); }
            for c in clustering(&net) { prop_assert!((0.0..=1.0).contains(&c)); }
            for h in harmonic(&net, Weighting::Unweighted).unwrap() { prop_assert!(h <= (n - 1) as f64 + 1e-12); }
            let cores = core_number(&net);
            let deg = degree(&net);
            prop_assert!(cores.iter().zip(&deg).all(|(c, d)| c <= d));
        }

    }
}
