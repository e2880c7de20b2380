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
//! and lets one node stand in for its twins as a source (`shortest_paths.rs` explains all
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

use crate::components::components;
use crate::network::{Network, Node};
pub use crate::shortest_paths::Distances;
use crate::shortest_paths::{brandes, fold_leaves, harmonic_value, per_source, Graph};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

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

/// Raw degree `deg(v)`: the number of distinct neighbours of each node.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// `deg[v]` for every node (self-ties are never present).
///
/// # Complexity
/// O(n) time and memory.
///
/// Same convention as NetworkX `G.degree()` on a simple graph.
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::degree, Network};
/// let star = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// assert_eq!(degree(&star), vec![3, 1, 1, 1]);
/// ```
pub fn degree(net: &Network) -> Vec<usize> {
    (0..net.node_count())
        .map(|v| net.degree(node_id(v)))
        .collect()
}

/// Degree centrality `C_D(v) = deg(v) / (n − 1)`.
///
/// `deg(v)` is the number of neighbours of `v` and `n` the number of nodes. A network of one
/// node gets `C_D = 1` (as NetworkX); an empty network gets an empty vector.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// `C_D(v) ∈ [0, 1]` for every node.
///
/// # Complexity
/// O(n) time and memory.
///
/// Same convention as NetworkX `degree_centrality(G)`.
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::degree_centrality, Network};
/// let star = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let c = degree_centrality(&star);
/// assert!((c[0] - 1.0).abs() < 1e-12 && (c[1] - 1.0 / 3.0).abs() < 1e-12);
/// ```
pub fn degree_centrality(net: &Network) -> Vec<f64> {
    let n = net.node_count();
    if n <= 1 {
        return vec![1.0; n];
    }
    let scale = 1.0 / (n - 1) as f64;
    (0..n)
        .map(|v| net.degree(node_id(v)) as f64 * scale)
        .collect()
}

/// Strength (weighted degree) `s(v) = Σ_{u ∈ N(v)} w_uv`.
///
/// `N(v)` is the set of neighbours of `v` and `w_uv` the collapsed tie strength of `{u, v}`.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// `s(v)` for every node.
///
/// # Complexity
/// O(n + m) time, O(n) memory.
///
/// Same convention as NetworkX `G.degree(weight="weight")`.
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::strength, Network};
/// let net = Network::from_edges(3, &[(0, 1, 2.0), (0, 2, 3.0)]);
/// assert_eq!(strength(&net), vec![5.0, 2.0, 3.0]);
/// ```
pub fn strength(net: &Network) -> Vec<f64> {
    (0..net.node_count())
        .map(|v| net.neighbor_weights(node_id(v)).iter().sum())
        .collect()
}

/// Exact shortest-path betweenness (Brandes), normalized like NetworkX.
///
/// `B(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st`, summed over ordered pairs `(s, t)` where `t` is
/// reachable from `s`, `σ_st` is the number of shortest `s`–`t` paths and `σ_st(v)` the number
/// of those passing through `v`. The result is `B(v) / ((n − 1)(n − 2))` for `n > 2` nodes
/// (each unordered pair counted twice over `(n − 1)(n − 2)` ordered pairs, i.e. the fraction of
/// the `(n − 1)(n − 2)/2` pairs of other nodes), and `B(v)` unscaled (all zeros) for `n ≤ 2`.
/// Path lengths are hops, or `1 / w` with [`Weighting::Weighted`].
///
/// # Arguments
/// * `net` — the network.
/// * `weighting` — hop counts, or distances `1 / w`.
///
/// # Returns
/// Betweenness in `[0, 1]` for every node, or [`AnalysisError::InvalidWeight`].
///
/// # Complexity
/// O(n m) time unweighted, O(n m + n² log n) weighted, in the worst case. Degree-one nodes are
/// folded away first and their share counted in closed form, and a node stands in for its
/// twins (same neighbours) as a source, which gives the same result from fewer, shorter
/// searches: O(k m′) with `k` sources left and `m′` ties among the remaining nodes (on
/// ca-GrQc's largest component `k = 2644` of 4158 nodes, `m′ = 12677` of 13422 ties).
/// O(n + m) memory per worker thread plus `min(64, n)` partial vectors of length n.
///
/// Reference: U. Brandes, *A faster algorithm for betweenness centrality*, J. Math. Sociol.
/// 25(2), 2001; folding and twins: A. E. Sariyüce et al., *Shattering and compressing networks
/// for betweenness centrality*, SDM 2013. Same convention as NetworkX
/// `betweenness_centrality(G, normalized=True, endpoints=False, weight=None | "distance")`
/// (its `_rescale`: `1 / ((n − 1)(n − 2))` on the doubly counted undirected sums).
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::{betweenness, Weighting};
/// use puentes_analysis::Network;
/// // Path 0 - 1 - 2: node 1 is on the only path of the only pair of other nodes.
/// let path = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
/// let b = betweenness(&path, Weighting::Unweighted)?;
/// assert!((b[1] - 1.0).abs() < 1e-12 && b[0].abs() < 1e-12);
/// # Ok::<(), puentes_analysis::centrality::AnalysisError>(())
/// ```
pub fn betweenness(net: &Network, weighting: Weighting) -> Result<Vec<f64>, AnalysisError> {
    let weighted = weighting == Weighting::Weighted;
    if weighted {
        check_weights(net, "betweenness")?;
    }
    let folded = fold_leaves(net);
    let lengths = folded.lengths(weighted);
    let sources = folded.sources(weighted);
    let core = brandes(
        folded.graph(lengths.as_deref()),
        &sources,
        Some(&folded.reach),
    );
    let mut raw = folded.tree;
    for (&v, b) in folded.original.iter().zip(core) {
        raw[v as usize] += b;
    }
    let n = net.node_count();
    Ok(rescale_betweenness(raw, n, n))
}

/// Betweenness estimated from `k` sampled sources (Brandes–Pich), NetworkX-compatible scale.
///
/// The sources `S` (`|S| = k`) are drawn uniformly without replacement with a ChaCha8 generator
/// seeded by `seed`. With `δ_s(v) = Σ_t σ_st(v) / σ_st` the dependency of source `s` on `v`,
/// the estimate is `B̂(v) = (n / k) Σ_{s ∈ S} δ_s(v) / ((n − 1)(n − 2))`, an unbiased estimator
/// of [`betweenness`]; with `k = n` it equals it.
///
/// # Error bound
/// Each term `X_s = n δ_s(v) / ((n − 1)(n − 2))` lies in `[0, n / (n − 1)]` because
/// `δ_s(v) ≤ n − 2`. Hoeffding's inequality (which also holds for sampling without replacement)
/// gives `P(|B̂(v) − B(v)| ≥ ε) ≤ 2 exp(−2 k ε² (n − 1)² / n²)`, so with probability at least
/// `1 − δ`, **simultaneously for all n nodes** (union bound),
/// `|B̂(v) − B(v)| ≤ (n / (n − 1)) · sqrt(ln(2n / δ) / (2k))`; see
/// [`sampled_betweenness_error_bound`]. (Brandes & Pich 2007 use the same Hoeffding argument;
/// Riondato & Kornaropoulos 2016 give sharper VC-dimension bounds for path sampling.)
///
/// # Arguments
/// * `net` — the network.
/// * `weighting` — hop counts, or distances `1 / w`.
/// * `k` — number of sources, `1 ≤ k ≤ n` (values above `n` are clamped to `n`).
/// * `seed` — seed of the ChaCha8 generator: the same seed gives the same estimate.
///
/// # Returns
/// The estimate for every node, or [`AnalysisError::InvalidArgument`] when `k = 0` on a
/// non-empty network, or [`AnalysisError::InvalidWeight`].
///
/// # Complexity
/// O(k m) time unweighted, O(k (m + n log n)) weighted; memory as [`betweenness`].
///
/// Reference: U. Brandes and C. Pich, *Centrality estimation in large networks*, Int. J.
/// Bifurcation and Chaos 17(7), 2007. Same convention as NetworkX
/// `betweenness_centrality(G, k=k, normalized=True, seed=...)` (scale `n / k`); the sampled
/// sources differ, as NetworkX draws them with Python's `random`.
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::{betweenness, betweenness_sampled, Weighting};
/// use puentes_analysis::Network;
/// let path = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
/// let exact = betweenness(&path, Weighting::Unweighted)?;
/// let all = betweenness_sampled(&path, Weighting::Unweighted, 4, 7)?;
/// assert!((exact[1] - all[1]).abs() < 1e-12);
/// # Ok::<(), puentes_analysis::centrality::AnalysisError>(())
/// ```
pub fn betweenness_sampled(
    net: &Network,
    weighting: Weighting,
    k: usize,
    seed: u64,
) -> Result<Vec<f64>, AnalysisError> {
    let n = net.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    if k == 0 {
        return Err(AnalysisError::InvalidArgument {
            name: "k",
            reason: format!("the number of sampled sources must be in 1..={n}"),
        });
    }
    let k = k.min(n);
    let sources: Vec<(Node, f64)> = sample_nodes(n, k, seed)
        .into_iter()
        .map(|s| (s, 1.0))
        .collect();
    let lengths = edge_lengths(net, weighting, "betweenness_sampled")?;
    let raw = brandes(Graph::of(net, lengths.as_deref()), &sources, None);
    Ok(rescale_betweenness(raw, n, k))
}

/// Half-width `ε` such that, with probability at least `1 − delta`, every node's
/// [`betweenness_sampled`] estimate from `k` sources is within `ε` of its exact [`betweenness`].
///
/// `ε = (n / (n − 1)) · sqrt(ln(2n / δ) / (2k))` (Hoeffding plus a union bound over the `n`
/// nodes; see [`betweenness_sampled`]). Returns `0` when `k ≥ n` (the estimate is exact) or
/// `n ≤ 2`, and `+∞` when `k = 0` or `delta` is not in `(0, 1)`.
///
/// # Arguments
/// * `n` — number of nodes; `k` — number of sampled sources; `delta` — failure probability.
///
/// # Returns
/// The bound `ε` (on the normalized scale).
///
/// # Complexity
/// O(1).
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::sampled_betweenness_error_bound;
/// let eps = sampled_betweenness_error_bound(4158, 1000, 0.05);
/// assert!(eps > 0.07 && eps < 0.08);
/// assert_eq!(sampled_betweenness_error_bound(100, 100, 0.05), 0.0);
/// ```
pub fn sampled_betweenness_error_bound(n: usize, k: usize, delta: f64) -> f64 {
    if k >= n || n <= 2 {
        return 0.0;
    }
    if k == 0 || !(delta > 0.0 && delta < 1.0) {
        return f64::INFINITY;
    }
    let nf = n as f64;
    nf / (nf - 1.0) * ((2.0 * nf / delta).ln() / (2.0 * k as f64)).sqrt()
}

/// Closeness centrality with the Wasserman–Faust correction for disconnected networks.
///
/// `C(v) = ((r(v) − 1) / Σ_{u ∈ R(v)} d(v, u)) · ((r(v) − 1) / (n − 1))`, where `R(v)` is
/// the set of nodes reachable from `v` (including `v`), `r(v) = |R(v)|`, `d` the shortest-path
/// length (hops, or `1 / w` with [`Weighting::Weighted`]) and `n` the number of nodes.
/// `C(v) = 0` when `v` reaches no other node or `n = 1`.
///
/// # Unweighted: bit-parallel multi-source BFS
/// The network is undirected, so `Σ_u d(v, u)` is also the sum over the sources `u` of the
/// distance at which a search from `u` reaches `v`. The searches from 256 sources run at once
/// (Then et al.): each node holds one bit per source in four `u64` words — the sources that
/// have reached it, and those that reached it at the current level — and one level of all
/// 256 searches is one pass in which each node ORs its bits into its neighbours' (top-down)
/// or gathers its neighbours' bits (bottom-up, once most sources have passed; whichever
/// reads fewer arcs). The bits new at level `ℓ` are counted (`c`) and `ℓ · c` is added to
/// the node's farness. So a node whose neighbours are reached by many of the 256 searches at
/// the same level is read once for all of them instead of once each; nodes are first
/// renumbered in breadth-first order so that a batch's sources are neighbours. The farness is
/// an integer (below 2^53, exact in `f64`), so `C(v)` is bit for bit what one BFS per node
/// gives (a property test checks it on random graphs against one plain BFS per source), and
/// does not depend on the thread count. The one search also gives [`harmonic`]: to ask for
/// both (or for the periphery's closeness) at the cost of one, compute [`Distances::of`] once
/// and read [`closeness_from`] and [`harmonic_from`].
///
/// # Arguments
/// * `net` — the network.
/// * `weighting` — hop counts, or distances `1 / w`.
///
/// # Returns
/// `C(v)` for every node (in `[0, 1]` unweighted), or [`AnalysisError::InvalidWeight`].
///
/// # Complexity
/// Unweighted: O(⌈n / 256⌉ · (L · n + A)) operations on 256-bit words, with L the levels of a
/// batch (about the eccentricity) and A ≤ 2 m L the arcs the levels read — against O(n m)
/// for one BFS per node; O(n + m) memory plus 3 · 32 bytes per node per worker thread. On
/// soc-Slashdot0902 (82,168 nodes, 504,230 ties) that is 1.4–1.6 s on 2 threads, where igraph's
/// `closeness()` (one BFS per node, 1 thread) takes 377 s and the one-BFS-per-node kernel it
/// replaces kept `puentes metrics --metrics degree` (the periphery's closeness) busy for
/// 382 s (BENCHMARKS.md, issue 13). Weighted: O(n (m + n log n)) time (one Dijkstra per
/// node), O(n + m) memory per worker thread.
///
/// Reference: S. Wasserman and K. Faust, *Social Network Analysis*, 1994; M. Then,
/// M. Kaufmann, F. Chirigati, T.-A. Hoang-Vu, K. Pham, A. Kemper, T. Neumann and H. T. Vo,
/// *The More the Merrier: Efficient Multi-Source Graph Traversal*, PVLDB 8(4), 2014. Same
/// convention as NetworkX `closeness_centrality(G, distance=None | "distance",
/// wf_improved=True)`, and as igraph `closeness()` on a connected network.
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::{closeness, Weighting};
/// use puentes_analysis::Network;
/// // Path 0 - 1 - 2: the middle is at distance 1 from both ends, an end at 1 + 2.
/// let path = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
/// let c = closeness(&path, Weighting::Unweighted)?;
/// assert!((c[1] - 1.0).abs() < 1e-12 && (c[0] - 2.0 / 3.0).abs() < 1e-12);
/// // A cycle of 1,000 nodes (four batches of 256 sources): from any node
/// // Σ d = 2 (1 + … + 499) + 500 = 250,000.
/// let ring: Vec<_> = (0..1000u32).map(|i| (i, (i + 1) % 1000, 1.0)).collect();
/// let c = closeness(&Network::from_edges(1000, &ring), Weighting::Unweighted)?;
/// assert!(c.iter().all(|&x| x == 999.0 / 250_000.0));
/// # Ok::<(), puentes_analysis::centrality::AnalysisError>(())
/// ```
pub fn closeness(net: &Network, weighting: Weighting) -> Result<Vec<f64>, AnalysisError> {
    let n = net.node_count();
    let wasserman_faust = |reached: usize, total: f64| {
        if total > 0.0 && n > 1 {
            let r = (reached - 1) as f64;
            (r / total) * (r / (n - 1) as f64)
        } else {
            0.0
        }
    };
    if weighting == Weighting::Unweighted {
        return Ok(closeness_from(net, &Distances::of(net)));
    }
    let lengths = edge_lengths(net, weighting, "closeness")?;
    Ok(per_source(Graph::of(net, lengths.as_deref()), |sp| {
        let total: f64 = sp.order().iter().map(|&u| sp.distance(u)).sum();
        wasserman_faust(sp.order().len(), total)
    }))
}

/// Unweighted [`closeness`] from distance totals computed beforehand ([`Distances::of`] of
/// the same `net`): no search, O(n + m) for the components. For callers that also need
/// [`harmonic_from`] or the periphery ([`crate::gaps::peripheral_organizations_with`]) of the
/// same network, which then share one search.
///
/// # Panics
/// When `distances` were computed from a network with another number of nodes.
pub fn closeness_from(net: &Network, distances: &Distances) -> Vec<f64> {
    let n = net.node_count();
    assert_eq!(
        distances.node_count(),
        n,
        "distances of another network (the caller's invariant)"
    );
    let comps = components(net);
    // Farness is an integer below 2^53, exact in f64: the same value as summing the
    // distances one by one.
    (0..n)
        .map(|v| {
            let (reached, total) = (comps.size_of(node_id(v)), distances.sums.farness[v] as f64);
            if total > 0.0 && n > 1 {
                let r = (reached - 1) as f64;
                (r / total) * (r / (n - 1) as f64)
            } else {
                0.0
            }
        })
        .collect()
}

/// Unweighted [`harmonic`] centrality from distance totals computed beforehand
/// ([`Distances::of`]): no search, O(n).
pub fn harmonic_from(distances: &Distances) -> Vec<f64> {
    distances
        .sums
        .harmonic
        .iter()
        .copied()
        .map(harmonic_value)
        .collect()
}

/// Harmonic centrality `H(v) = Σ_{u ≠ v, u reachable} 1 / d(v, u)` (not normalized).
///
/// `d` is the shortest-path length (hops, or `1 / w` with [`Weighting::Weighted`]);
/// unreachable nodes contribute `1 / ∞ = 0`, so it is well defined on disconnected networks.
/// Divide by `n − 1` for a score in `[0, 1]`.
///
/// Unweighted, the distances come from the bit-parallel multi-source BFS of [`closeness`]:
/// with `c_ℓ` the number of nodes at distance `ℓ` from `v`, `H(v) = Σ_ℓ c_ℓ / ℓ`, summed in
/// 80-bit fixed point (`1/ℓ` held as the integer `round(2^80 / ℓ)`, at most 2^-81 off) and
/// rounded to `f64` once. So the result is the exact sum to within one rounding, whatever
/// the order of the sources or the number of threads; a float sum of `1/d` one node at a time
/// carries up to n roundings instead (on ca-GrQc the two differ by up to 8e-11 on values
/// near 1,000, about 4 units in the last place).
///
/// # Arguments
/// * `net` — the network.
/// * `weighting` — hop counts, or distances `1 / w`.
///
/// # Returns
/// `H(v)` for every node, or [`AnalysisError::InvalidWeight`].
///
/// # Complexity
/// As [`closeness`] (the same search; when both are asked for, it runs once).
///
/// Reference: M. Marchiori and V. Latora, *Harmony in the small-world*, Physica A 285, 2000;
/// P. Boldi and S. Vigna, *Axioms for centrality*, 2014; multi-source BFS as in
/// [`closeness`]. Same convention as NetworkX `harmonic_centrality(G, distance=None |
/// "distance")` and igraph `harmonic_centrality(normalized=False)`.
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::{harmonic, Weighting};
/// use puentes_analysis::Network;
/// let path = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
/// let h = harmonic(&path, Weighting::Unweighted)?;
/// assert!((h[0] - 1.5).abs() < 1e-12 && (h[1] - 2.0).abs() < 1e-12);
/// // A cycle of 1,000 nodes: H = 2 (1 + 1/2 + … + 1/499) + 1/500 from every node.
/// let ring: Vec<_> = (0..1000u32).map(|i| (i, (i + 1) % 1000, 1.0)).collect();
/// let h = harmonic(&Network::from_edges(1000, &ring), Weighting::Unweighted)?;
/// let exact = 2.0 * (1..500).map(|k| 1.0 / f64::from(k)).sum::<f64>() + 1.0 / 500.0;
/// assert!(h.iter().all(|&x| (x - exact).abs() < 1e-12));
/// # Ok::<(), puentes_analysis::centrality::AnalysisError>(())
/// ```
pub fn harmonic(net: &Network, weighting: Weighting) -> Result<Vec<f64>, AnalysisError> {
    if weighting == Weighting::Unweighted {
        return Ok(harmonic_from(&Distances::of(net)));
    }
    let lengths = edge_lengths(net, weighting, "harmonic")?;
    Ok(per_source(Graph::of(net, lengths.as_deref()), |sp| {
        sp.order()
            .iter()
            .map(|&u| sp.distance(u))
            .filter(|&d| d > 0.0)
            .map(|d| 1.0 / d)
            .sum()
    }))
}

/// Eigenvector centrality: the leading eigenvector of the adjacency matrix, scaled to unit
/// Euclidean norm.
///
/// `x` solves `A x = λ₁ x` with `λ₁` the largest eigenvalue of `A`, `a_uv = 1` unweighted or
/// `w_uv` with [`Weighting::Weighted`], `x_v ≥ 0` and `Σ_v x_v² = 1` (Perron–Frobenius).
/// Both methods run the power iteration on `A + I` from `x⁰_v = 1 / n`: each step computes
/// `y_v = x_v + Σ_{u ∈ N(v)} a_uv x_u` and `x' = y / ‖y‖₂` (or `y` if `‖y‖₂ = 0`). Adding `I`
/// shifts every eigenvalue by one, which keeps the iteration from oscillating on bipartite
/// graphs without changing the eigenvectors.
///
/// * [`Convergence::Converged`] (default): with `δ_k = ‖x_k − x_{k−1}‖₂` and the observed
///   contraction `ρ = δ_k / δ_{k−1}`, the distance to the limit is about `δ_k ρ / (1 − ρ)`;
///   it stops when that estimate is at most `tol` (or `δ_k` is at rounding level,
///   `δ_k ≤ 4 ε √n`). The iteration converges like `((λ₂ + 1) / (λ₁ + 1))^k`.
/// * [`Convergence::PowerIteration`]: NetworkX's rule, `Σ_v |x'_v − x_v| < n · tol`.
///
/// [`Iterated::residual`] is `‖A x − λ x‖₂ / λ` with `λ = xᵀ A x` (the Rayleigh quotient): 0
/// for an exact eigenvector. Disconnected networks: as in NetworkX, nothing special is done —
/// the iteration converges towards the leading eigenvector of the whole adjacency matrix,
/// concentrated on the component with the largest leading eigenvalue; nodes of other
/// components decay towards 0.
///
/// # Arguments
/// * `net` — the network.
/// * `weighting` — unit capacities, or `w_uv`.
/// * `convergence` — when to stop ([`Convergence::default`]: residual-based, `tol = 1e-12`).
///
/// # Returns
/// `x_v ≥ 0` with `Σ x_v² = 1`, the iterations and the residual; or
/// [`AnalysisError::NonConvergence`] after `max_iter` iterations, or
/// [`AnalysisError::InvalidWeight`]. An empty network gives an empty vector (NetworkX raises
/// instead).
///
/// # Complexity
/// O(k · (n + m)) time for k iterations (each a parallel sparse product; sums in a fixed
/// order, so the result does not depend on the thread count), O(n) extra memory.
///
/// Reference: P. Bonacich, *Factoring and weighting approaches to status scores and clique
/// identification*, J. Math. Sociol. 2(1), 1972. [`Convergence::PowerIteration`]: same
/// iteration as NetworkX `eigenvector_centrality(G, max_iter=100, tol=1e-06, weight=None |
/// "weight")`. Converged: the same vector as igraph `eigenvector_centrality()` (ARPACK), which
/// scales it to maximum 1 instead of unit norm.
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::{eigenvector, Convergence, Weighting};
/// use puentes_analysis::Network;
/// // In a triangle every node has 1/√3.
/// let k3 = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
/// let x = eigenvector(&k3, Weighting::Unweighted, Convergence::default())?;
/// assert!((x.values[0] - 1.0 / 3f64.sqrt()).abs() < 1e-12);
/// assert!(x.residual < 1e-12);
/// # Ok::<(), puentes_analysis::centrality::AnalysisError>(())
/// ```
pub fn eigenvector(
    net: &Network,
    weighting: Weighting,
    convergence: Convergence,
) -> Result<Iterated, AnalysisError> {
    let n = net.node_count();
    if n == 0 {
        return Ok(Iterated {
            values: Vec::new(),
            iterations: 0,
            residual: 0.0,
        });
    }
    let weighted = weighting == Weighting::Weighted;
    if weighted {
        check_weights(net, "eigenvector")?;
    }
    let max_iter = match convergence {
        Convergence::Converged { max_iter, .. } => max_iter,
        Convergence::PowerIteration(p) => p.max_iter,
    };
    let nf = n as f64;
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    let mut last_change = f64::INFINITY;
    for k in 1..=max_iter {
        // y = (A + I) x, each value summed from x_v on, then normalized.
        adjacency_product(net, weighted, true, &x, &mut next);
        let norm = next.iter().map(|y| y * y).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        let mut l1_change = 0.0;
        for (y, old) in next.iter_mut().zip(&x) {
            *y /= norm;
            l1_change += (*y - old).abs();
        }
        std::mem::swap(&mut x, &mut next);
        // `next` now holds the previous iterate.
        let done = match convergence {
            Convergence::PowerIteration(p) => l1_change < nf * p.tol,
            Convergence::Converged { tol, .. } => {
                let change = sum_by_chunks_pair(&x, &next, |a, b| (a - b) * (a - b)).sqrt();
                // The contraction is known from the second step on.
                let rho = (change / last_change).min(1.0);
                last_change = change;
                change <= 4.0 * f64::EPSILON * nf.sqrt()
                    || (k > 1 && rho < 1.0 && change * rho / (1.0 - rho) <= tol)
            }
        };
        if done {
            // Rayleigh quotient and residual ‖A x − λ x‖₂ / λ.
            adjacency_product(net, weighted, false, &x, &mut next);
            let lambda = sum_by_chunks_pair(&x, &next, |a, b| a * b);
            let residual = if lambda > 0.0 {
                sum_by_chunks_pair(&next, &x, |ax, xv| (ax - lambda * xv).powi(2)).sqrt() / lambda
            } else {
                0.0
            };
            return Ok(Iterated {
                values: x,
                iterations: k,
                residual,
            });
        }
    }
    Err(AnalysisError::NonConvergence {
        algorithm: "eigenvector",
        iterations: max_iter,
        tol: match convergence {
            Convergence::Converged { tol, .. } => tol,
            Convergence::PowerIteration(p) => p.tol,
        },
    })
}

/// PageRank with uniform teleportation and dangling mass spread uniformly.
///
/// `x` is the fixed point of the PageRank step
/// `F(x)_v = α (Σ_{u ∈ N(v)} x_u a_uv / s_u + D(x) / n) + (1 − α) / n`, where `a_uv = 1`
/// unweighted or `w_uv` with [`Weighting::Weighted`], `s_u = Σ_t a_ut` the (weighted) degree
/// of `u`, `D(x) = Σ_{u : s_u = 0} x_u` the mass on dangling (isolated) nodes and `α` the
/// damping factor; `Σ_v x_v = 1`. [`Iterated::residual`] is `‖x − F(x)‖₁`; since `F` is an
/// `α`-contraction in L1, `‖x − x*‖₁ ≤ residual / (1 − α)`.
///
/// * [`Convergence::Converged`] (default): on an undirected network, `x` is proportional to
///   the solution `y` of the linear system `(I − α A S⁻¹) y = 1/n` (isolated nodes: `y = 1/n`;
///   the dangling and teleport terms are the same multiple of the uniform vector), and with
///   `y = S^{1/2} z` the system becomes `(I − α S^{-1/2} A S^{-1/2}) z = S^{-1/2} 1/n`, whose
///   matrix is symmetric with eigenvalues in `[1 − α, 1 + α]`. Conjugate gradients solve it
///   at the rate `(√κ − 1)/(√κ + 1)` with `κ = (1 + α)/(1 − α)` (0.56 per step for α = 0.85,
///   against 0.85 for the power iteration): about 45 sparse products reach a residual of
///   1e-12 where the power iteration needs about 170. It stops when `‖x − F(x)‖₁ ≤ tol`.
/// * [`Convergence::PowerIteration`]: the power iteration `x ← F(x)` from `x⁰_v = 1/n`,
///   stopping when `Σ_v |x'_v − x_v| < n · tol` (NetworkX's rule and iterates).
///
/// # Arguments
/// * `net` — the network.
/// * `weighting` — unit capacities, or `w_uv`.
/// * `alpha` — damping factor in `[0, 1]` (NetworkX default 0.85).
/// * `convergence` — when to stop ([`Convergence::default`]: `‖x − F(x)‖₁ ≤ 1e-12`).
///
/// # Returns
/// `x_v` for every node (summing to 1), the iterations and the residual; or
/// [`AnalysisError::NonConvergence`], [`AnalysisError::InvalidWeight`] or
/// [`AnalysisError::InvalidArgument`] (alpha out of range).
///
/// # Complexity
/// O(k · (n + m)) time for k iterations (parallel sparse products; every sum in a fixed
/// order, so the result does not depend on the thread count), O(n) extra memory.
///
/// Reference: L. Page, S. Brin, R. Motwani and T. Winograd, *The PageRank citation ranking*,
/// 1999; conjugate gradients: M. R. Hestenes and E. Stiefel, J. Res. NBS 49(6), 1952.
/// Converged: the same values as igraph `pagerank(damping=0.85)` (PRPACK, an exact solve).
/// [`Convergence::PowerIteration`]: same iteration as NetworkX `pagerank(G, alpha=0.85,
/// max_iter=100, tol=1e-06, weight=None | "weight")` (its scipy power iteration, no
/// personalization).
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::{pagerank, Convergence, Weighting};
/// use puentes_analysis::Network;
/// let star = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let pr = pagerank(&star, Weighting::Unweighted, 0.85, Convergence::default())?;
/// assert!((pr.values.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// // Centre: x₀ = 0.0375 · (1 + 0.85 · 3) / (1 − 0.85²).
/// assert!((pr.values[0] - 0.0375 * 3.55 / (1.0 - 0.85 * 0.85)).abs() < 1e-12);
/// # Ok::<(), puentes_analysis::centrality::AnalysisError>(())
/// ```
pub fn pagerank(
    net: &Network,
    weighting: Weighting,
    alpha: f64,
    convergence: Convergence,
) -> Result<Iterated, AnalysisError> {
    if !(0.0..=1.0).contains(&alpha) {
        return Err(AnalysisError::InvalidArgument {
            name: "alpha",
            reason: format!("damping factor must be in [0, 1], got {alpha}"),
        });
    }
    let n = net.node_count();
    if n == 0 {
        return Ok(Iterated {
            values: Vec::new(),
            iterations: 0,
            residual: 0.0,
        });
    }
    let weighted = weighting == Weighting::Weighted;
    if weighted {
        check_weights(net, "pagerank")?;
    }
    let out: Vec<f64> = if weighted {
        strength(net)
    } else {
        degree(net).into_iter().map(|d| d as f64).collect()
    };
    let inv_out: Vec<f64> = out
        .iter()
        .map(|&s| if s != 0.0 { 1.0 / s } else { 0.0 })
        .collect();
    let step = PageRankStep {
        net,
        weighted,
        alpha,
        out: &out,
        inv_out: &inv_out,
    };
    let (x, iterations) = match convergence {
        Convergence::PowerIteration(p) => step.power_iteration(p)?,
        Convergence::Converged { tol, max_iter } => step.conjugate_gradients(tol, max_iter)?,
    };
    let mut fx = vec![0.0; n];
    step.apply(&x, &mut fx);
    let residual = sum_by_chunks_pair(&x, &fx, |a, b| (a - b).abs());
    Ok(Iterated {
        values: x,
        iterations,
        residual,
    })
}

/// The PageRank step `F` of [`pagerank`] and the two ways of finding its fixed point.
struct PageRankStep<'a> {
    net: &'a Network,
    weighted: bool,
    alpha: f64,
    /// `s_v`, the (weighted) degree.
    out: &'a [f64],
    /// `1 / s_v` (0 for isolated nodes).
    inv_out: &'a [f64],
}

impl PageRankStep<'_> {
    /// `next = F(x)`.
    fn apply(&self, x: &[f64], next: &mut [f64]) {
        let n = x.len();
        let nf = n as f64;
        let share: Vec<f64> = x
            .iter()
            .zip(self.inv_out)
            .map(|(&xv, &inv)| xv * inv)
            .collect();
        let dangling: f64 = x
            .iter()
            .zip(self.out)
            .filter(|(_, &s)| s == 0.0)
            .map(|(&xv, _)| xv)
            .sum();
        let base = self.alpha * dangling / nf + (1.0 - self.alpha) / nf;
        adjacency_product(self.net, self.weighted, false, &share, next);
        for y in next.iter_mut() {
            *y = self.alpha * *y + base;
        }
    }

    /// NetworkX's iteration: `x ← F(x)` until `Σ|Δx| < n · tol`.
    fn power_iteration(&self, p: PowerIteration) -> Result<(Vec<f64>, usize), AnalysisError> {
        let n = self.out.len();
        let nf = n as f64;
        let mut x = vec![1.0 / nf; n];
        let mut next = vec![0.0; n];
        for k in 1..=p.max_iter {
            self.apply(&x, &mut next);
            let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
            std::mem::swap(&mut x, &mut next);
            if err < nf * p.tol {
                return Ok((x, k));
            }
        }
        Err(AnalysisError::NonConvergence {
            algorithm: "pagerank",
            iterations: p.max_iter,
            tol: p.tol,
        })
    }

    /// Conjugate gradients on the symmetric system of [`pagerank`], until `‖x − F(x)‖₁ ≤ tol`.
    fn conjugate_gradients(
        &self,
        tol: f64,
        max_iter: usize,
    ) -> Result<(Vec<f64>, usize), AnalysisError> {
        let n = self.out.len();
        let nf = n as f64;
        // d_v = s_v^{-1/2} (0 for isolated nodes, which the system leaves at y = 1/n).
        let d: Vec<f64> = self
            .out
            .iter()
            .map(|&s| if s > 0.0 { 1.0 / s.sqrt() } else { 0.0 })
            .collect();
        let alpha = self.alpha;
        // M p = p − α D A D p.
        let apply_m = |p: &[f64], dp: &mut [f64], q: &mut [f64]| {
            for ((x, &pv), &dv) in dp.iter_mut().zip(p).zip(&d) {
                *x = pv * dv;
            }
            adjacency_product(self.net, self.weighted, false, dp, q);
            q.par_iter_mut()
                .zip(p)
                .zip(&d)
                .for_each(|((qv, &pv), &dv)| *qv = pv - alpha * dv * *qv);
        };
        // y = S^{1/2} z on linked nodes, 1/n on isolated ones; x = y / Σ y.
        let to_x = |z: &[f64]| -> Vec<f64> {
            let y: Vec<f64> = z
                .iter()
                .zip(&d)
                .map(|(&zv, &dv)| if dv > 0.0 { zv / dv } else { 1.0 / nf })
                .collect();
            let total = sum_by_chunks(&y, |v| v);
            y.into_iter().map(|v| v / total).collect()
        };
        // Start from the uniform vector: z = D (1/n).
        let b: Vec<f64> = d.iter().map(|&dv| dv / nf).collect();
        let mut z = b.clone();
        let (mut dp, mut q) = (vec![0.0; n], vec![0.0; n]);
        apply_m(&z, &mut dp, &mut q);
        let mut r: Vec<f64> = b.iter().zip(&q).map(|(bv, qv)| bv - qv).collect();
        let mut p = r.clone();
        let mut rr = sum_by_chunks(&r, |v| v * v);
        let mut fx = vec![0.0; n];
        for k in 1..=max_iter {
            if rr == 0.0 {
                return Ok((to_x(&z), k - 1));
            }
            apply_m(&p, &mut dp, &mut q);
            let pq = sum_by_chunks_pair(&p, &q, |a, b| a * b);
            let step = rr / pq;
            z.par_iter_mut()
                .zip(&p)
                .for_each(|(zv, &pv)| *zv += step * pv);
            r.par_iter_mut()
                .zip(&q)
                .for_each(|(rv, &qv)| *rv -= step * qv);
            let rr_next = sum_by_chunks(&r, |v| v * v);
            // The residual of the linear system in y (r / d), relative to Σ y, tracks
            // ‖x − F(x)‖₁; only when it is small is the exact residual measured.
            let y_residual =
                sum_by_chunks_pair(
                    &r,
                    &d,
                    |rv, dv| if dv > 0.0 { (rv / dv).abs() } else { 0.0 },
                );
            let y_total =
                sum_by_chunks_pair(&z, &d, |zv, dv| if dv > 0.0 { zv / dv } else { 1.0 / nf });
            if y_residual <= 0.5 * tol * y_total {
                let x = to_x(&z);
                self.apply(&x, &mut fx);
                if sum_by_chunks_pair(&x, &fx, |a, b| (a - b).abs()) <= tol {
                    return Ok((x, k));
                }
            }
            let beta = rr_next / rr;
            rr = rr_next;
            p.par_iter_mut()
                .zip(&r)
                .for_each(|(pv, &rv)| *pv = rv + beta * *pv);
        }
        Err(AnalysisError::NonConvergence {
            algorithm: "pagerank",
            iterations: max_iter,
            tol,
        })
    }
}

/// `out_v = Σ_{u ∈ N(v)} a_uv x_u` for every node (`a_uv = w_uv` when `weighted`, else 1),
/// plus `x_v` when `diagonal` (the product with `A + I`, the sum starting from `x_v`), in
/// parallel over `v` (each value summed in neighbour order: deterministic).
fn adjacency_product(net: &Network, weighted: bool, diagonal: bool, x: &[f64], out: &mut [f64]) {
    out.par_iter_mut().enumerate().for_each(|(v, y)| {
        let mut acc = if diagonal { x[v] } else { 0.0 };
        let v = node_id(v);
        let nbrs = net.neighbors(v);
        if weighted {
            for (&u, &w) in nbrs.iter().zip(net.neighbor_weights(v)) {
                acc += x[u as usize] * w;
            }
        } else {
            for &u in nbrs {
                acc += x[u as usize];
            }
        }
        *y = acc;
    });
}

/// Elements per partial sum of [`sum_by_chunks`] (fixed, so sums do not depend on threads).
const SUM_CHUNK: usize = 4096;

/// `Σ_i f(a_i)`, as partial sums over fixed chunks added in order.
fn sum_by_chunks(a: &[f64], f: impl Fn(f64) -> f64 + Sync) -> f64 {
    let partial: Vec<f64> = a
        .par_chunks(SUM_CHUNK)
        .map(|c| c.iter().map(|&x| f(x)).sum())
        .collect();
    partial.iter().sum()
}

/// `Σ_i f(a_i, b_i)`, as partial sums over fixed chunks added in order.
fn sum_by_chunks_pair(a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> f64 + Sync) -> f64 {
    let partial: Vec<f64> = a
        .par_chunks(SUM_CHUNK)
        .zip(b.par_chunks(SUM_CHUNK))
        .map(|(x, y)| x.iter().zip(y).map(|(&p, &q)| f(p, q)).sum())
        .collect();
    partial.iter().sum()
}

/// Core number: the largest `k` such that `v` belongs to the k-core.
///
/// The k-core is the maximal subgraph in which every node has degree at least `k`. Computed
/// by repeatedly removing a node of minimum remaining degree, with bucket-sorted degrees.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// The core number of every node (0 for isolates).
///
/// # Complexity
/// O(n + m) time, O(n) extra memory.
///
/// Reference: V. Batagelj and M. Zaversnik, *An O(m) algorithm for cores decomposition of
/// networks*, 2003. Same convention as NetworkX `core_number(G)`.
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::core_number, Network};
/// // A triangle 0-1-2 with a pendant 3 on node 0.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// assert_eq!(core_number(&net), vec![2, 2, 2, 1]);
/// ```
pub fn core_number(net: &Network) -> Vec<usize> {
    let n = net.node_count();
    let mut deg = degree(net);
    let max_deg = deg.iter().copied().max().unwrap_or(0);
    // bin[d] = first position of degree-d nodes in `vert` (counting sort by degree).
    let mut bin = vec![0usize; max_deg + 2];
    for &d in &deg {
        bin[d + 1] += 1;
    }
    for d in 1..bin.len() {
        bin[d] += bin[d - 1];
    }
    let mut vert = vec![0 as Node; n];
    let mut pos = vec![0usize; n];
    {
        let mut fill = bin.clone();
        for v in 0..n {
            let d = deg[v];
            pos[v] = fill[d];
            vert[fill[d]] = node_id(v);
            fill[d] += 1;
        }
    }
    for i in 0..n {
        let v = vert[i];
        for &u in net.neighbors(v) {
            let (u, dv) = (u as usize, deg[v as usize]);
            if deg[u] > dv {
                // Move u to the front of its bin, then shrink the bin by one.
                let du = deg[u];
                let pu = pos[u];
                let pw = bin[du];
                let w = vert[pw];
                if u != w as usize {
                    vert.swap(pu, pw);
                    pos[u] = pw;
                    pos[w as usize] = pu;
                }
                bin[du] += 1;
                deg[u] -= 1;
            }
        }
    }
    deg
}

/// Number of triangles through each node, `T(v) = |{ {u, w} ⊆ N(v) : {u, w} ∈ E }|`.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// `T(v)` for every node.
///
/// # Complexity
/// O(m·√m) time and O(n + m) extra memory: the "forward" algorithm. Nodes are ranked by
/// (degree, index) and every edge is oriented from the lower to the higher rank, so each node
/// keeps at most O(√m) out-neighbours; each triangle is then found exactly once, from its
/// lowest-ranked corner, by marking that corner's out-neighbours and scanning theirs
/// (Schank & Wagner 2005; Latapy 2008). Hubs, which dominate a merge-based count, never scan
/// their long lists.
///
/// Same convention as NetworkX `triangles(G)`.
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::triangles, Network};
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// assert_eq!(triangles(&net), vec![1, 1, 1, 0]);
/// ```
pub fn triangles(net: &Network) -> Vec<usize> {
    let mut count = vec![0usize; net.node_count()];
    for_each_triangle(net, |v, u, w| {
        count[v as usize] += 1;
        count[u as usize] += 1;
        count[w as usize] += 1;
    });
    count
}

/// Calls `f(v, u, w)` once for every triangle `{v, u, w}` of the network, with the three
/// nodes in increasing rank (degree, then index): the "forward" listing behind
/// [`triangles`] (see there), shared with the brokerage counts, which subtract the closed
/// two-paths that lie on triangles.
///
/// O(m·√m) time, O(n + m) extra memory.
pub(crate) fn for_each_triangle(net: &Network, mut f: impl FnMut(Node, Node, Node)) {
    let n = net.node_count();
    let rank_key = |v: usize| (net.degree(node_id(v)), v);
    // Out-neighbours: neighbours of higher rank, as a CSR of their own. A deliberate second
    // layout, not a copy of the network's: it holds each edge once, oriented by rank, which
    // is what bounds every scan by O(√m); the network's CSR holds both directions.
    let mut offsets = Vec::with_capacity(n + 1);
    let mut out: Vec<Node> = Vec::with_capacity(net.edge_count());
    offsets.push(0);
    for v in 0..n {
        let kv = rank_key(v);
        out.extend(
            net.neighbors(node_id(v))
                .iter()
                .filter(|&&u| rank_key(u as usize) > kv),
        );
        offsets.push(out.len());
    }
    let mut mark = vec![false; n];
    for v in 0..n {
        let ov = &out[offsets[v]..offsets[v + 1]];
        for &u in ov {
            mark[u as usize] = true;
        }
        for &u in ov {
            let ui = u as usize;
            for &w in &out[offsets[ui]..offsets[ui + 1]] {
                if mark[w as usize] {
                    f(node_id(v), u, w);
                }
            }
        }
        for &u in ov {
            mark[u as usize] = false;
        }
    }
}

/// Local clustering coefficient `c(v) = 2 T(v) / (deg(v) (deg(v) − 1))`, `0` if `deg(v) < 2`.
///
/// `T(v)` is the number of triangles through `v` ([`triangles`]) and `deg(v)` its degree:
/// the fraction of pairs of `v`'s neighbours that are themselves tied. Unweighted.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// `c(v) ∈ [0, 1]` for every node.
///
/// # Complexity
/// As [`triangles`].
///
/// Reference: D. J. Watts and S. Strogatz, *Collective dynamics of 'small-world' networks*,
/// Nature 393, 1998. Same convention as NetworkX `clustering(G)` (no weight).
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::clustering, Network};
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let c = clustering(&net);
/// assert!((c[0] - 1.0 / 3.0).abs() < 1e-12 && c[1] == 1.0 && c[3] == 0.0);
/// ```
pub fn clustering(net: &Network) -> Vec<f64> {
    triangles(net)
        .into_iter()
        .enumerate()
        .map(|(v, t)| {
            let d = net.degree(node_id(v));
            if d < 2 {
                0.0
            } else {
                2.0 * t as f64 / (d * (d - 1)) as f64
            }
        })
        .collect()
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

/// `k` distinct nodes drawn uniformly with a ChaCha8 generator seeded by `seed`, ascending.
pub(crate) fn sample_nodes(n: usize, k: usize, seed: u64) -> Vec<Node> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut s: Vec<Node> = rand::seq::index::sample(&mut rng, n, k.min(n))
        .into_iter()
        .map(node_id)
        .collect();
    s.sort_unstable();
    s
}

/// NetworkX's `_rescale` for undirected, normalized, endpoints=False, with `k` of `n` sources.
fn rescale_betweenness(mut raw: Vec<f64>, n: usize, k: usize) -> Vec<f64> {
    if n > 2 && k > 0 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64) * (n as f64 / k as f64);
        for b in &mut raw {
            *b *= scale;
        }
    }
    raw
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::small_graphs::{complete, path, star, unit};
    use proptest::prelude::*;
    use rand::seq::SliceRandom;

    fn assert_all_close(a: &[f64], b: &[f64], tol: f64) {
        assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(
                (x - y).abs() <= tol,
                "node {i}: {x} vs {y} (tolerance {tol})"
            );
        }
    }

    const U: Weighting = Weighting::Unweighted;
    const W: Weighting = Weighting::Weighted;

    #[test]
    fn degree_and_strength() {
        let s = star(5);
        assert_eq!(degree(&s), vec![4, 1, 1, 1, 1]);
        assert_all_close(
            &degree_centrality(&s),
            &[1.0, 0.25, 0.25, 0.25, 0.25],
            1e-15,
        );
        assert_eq!(degree_centrality(&Network::from_edges(1, &[])), vec![1.0]);
        assert!(degree_centrality(&Network::from_edges(0, &[])).is_empty());
        let net = Network::from_edges(3, &[(0, 1, 2.0), (1, 2, 5.0), (0, 1, 1.0)]);
        assert_eq!(strength(&net), vec![3.0, 8.0, 5.0]);
    }

    #[test]
    fn betweenness_path_star_complete() {
        // Path of 5: node i lies on i·(4 − i) of the 6 pairs of other nodes.
        let b = betweenness(&path(5), U).unwrap();
        assert_all_close(&b, &[0.0, 3.0 / 6.0, 4.0 / 6.0, 3.0 / 6.0, 0.0], 1e-12);
        // Star: the centre is on every pair of leaves.
        let b = betweenness(&star(6), U).unwrap();
        assert_all_close(&b, &[1.0, 0.0, 0.0, 0.0, 0.0, 0.0], 1e-12);
        assert!(betweenness(&complete(5), U)
            .unwrap()
            .iter()
            .all(|&x| x == 0.0));
        // Square 0-1-2-3-0: each node carries half of the one pair opposite it.
        let sq = unit(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        assert_all_close(&betweenness(&sq, U).unwrap(), &[1.0 / 6.0; 4], 1e-12);
        // n ≤ 2: no pairs of other nodes, zeros.
        assert_eq!(betweenness(&path(2), U).unwrap(), vec![0.0, 0.0]);
    }

    #[test]
    fn weighted_betweenness_prefers_strong_ties() {
        // Triangle 0-1-2 with a strong detour: 0-1 (w 4, d .25), 1-2 (w 4, d .25), 0-2 (w 1, d 1).
        let net = Network::from_edges(3, &[(0, 1, 4.0), (1, 2, 4.0), (0, 2, 1.0)]);
        assert_all_close(&betweenness(&net, W).unwrap(), &[0.0, 1.0, 0.0], 1e-12);
        assert_all_close(&betweenness(&net, U).unwrap(), &[0.0; 3], 1e-12);
        // Square 0-1-2-3-0 with 0-3 of length 1 and 0-1-2-3 of length 1/2 + 1/3 + 1/6 = 1 on
        // paper, but 0.9999999999999999 when summed from 0 (and exactly 1 from 3). Both paths
        // count for the pair {0, 3}: nodes 1 and 2 each carry 1 (their own pair) + 1/2 of 3.
        let net = Network::from_edges(4, &[(0, 1, 2.0), (1, 2, 3.0), (2, 3, 6.0), (0, 3, 1.0)]);
        let (half, third, sixth) = (std::hint::black_box(0.5f64), 1.0 / 3.0, 1.0 / 6.0);
        assert_ne!(half + third + sixth, 1.0);
        assert_all_close(&betweenness(&net, W).unwrap(), &[0.0, 0.5, 0.5, 0.0], 1e-12);
    }

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

    #[test]
    fn sampled_betweenness() {
        let net = path(6);
        let exact = betweenness(&net, U).unwrap();
        assert_all_close(&betweenness_sampled(&net, U, 6, 1).unwrap(), &exact, 1e-12);
        assert_all_close(&betweenness_sampled(&net, U, 60, 1).unwrap(), &exact, 1e-12);
        let a = betweenness_sampled(&net, U, 3, 42).unwrap();
        assert_eq!(a, betweenness_sampled(&net, U, 3, 42).unwrap());
        assert!(betweenness_sampled(&net, U, 0, 1).is_err());
        assert_eq!(sample_nodes(10, 4, 9), sample_nodes(10, 4, 9));
        assert_eq!(sample_nodes(10, 4, 9).len(), 4);
        let eps = sampled_betweenness_error_bound(1000, 100, 0.05);
        assert_close!(
            eps,
            1000.0 / 999.0 * ((2000.0f64 / 0.05).ln() / 200.0).sqrt(),
            1e-15
        );
    }

    #[test]
    fn closeness_and_harmonic_by_hand() {
        // Path of 4: sums of distances 6, 4, 4, 6.
        let c = closeness(&path(4), U).unwrap();
        assert_all_close(&c, &[0.5, 0.75, 0.75, 0.5], 1e-12);
        let h = harmonic(&path(4), U).unwrap();
        assert_all_close(
            &h,
            &[1.0 + 0.5 + 1.0 / 3.0, 2.5, 2.5, 1.0 + 0.5 + 1.0 / 3.0],
            1e-12,
        );
        // Disconnected: edge 0-1 plus isolate 2. Wasserman–Faust: (1/1)·(1/2).
        let net = unit(3, &[(0, 1)]);
        assert_all_close(&closeness(&net, U).unwrap(), &[0.5, 0.5, 0.0], 1e-12);
        assert_all_close(&harmonic(&net, U).unwrap(), &[1.0, 1.0, 0.0], 1e-12);
        // Weighted: 0 -(w 2)- 1 -(w 4)- 2: distances 0.5 and 0.25.
        let net = Network::from_edges(3, &[(0, 1, 2.0), (1, 2, 4.0)]);
        let c = closeness(&net, W).unwrap();
        assert_all_close(&c, &[2.0 / 1.25, 2.0 / 0.75, 2.0 / 1.0], 1e-12);
        let h = harmonic(&net, W).unwrap();
        assert_all_close(&h, &[2.0 + 1.0 / 0.75, 6.0, 4.0 + 1.0 / 0.75], 1e-12);
        assert_eq!(
            closeness(&Network::from_edges(1, &[]), U).unwrap(),
            vec![0.0]
        );
    }

    /// NetworkX's rule (`PowerIteration::default()`: 100 iterations, `tol = 1e-6`).
    const NX: Convergence = Convergence::PowerIteration(PowerIteration {
        max_iter: 100,
        tol: 1e-6,
    });

    fn pr(net: &Network, w: Weighting, c: Convergence) -> Vec<f64> {
        pagerank(net, w, 0.85, c).unwrap().values
    }

    #[test]
    fn eigenvector_by_hand() {
        // Star K1,3: leading eigenvector (√3, 1, 1, 1) / √6, eigenvalue √3.
        let s6 = 6f64.sqrt();
        let exact = [3f64.sqrt() / s6, 1.0 / s6, 1.0 / s6, 1.0 / s6];
        let x = eigenvector(&star(4), U, NX).unwrap().values;
        assert_all_close(&x, &exact, 1e-5);
        let c = eigenvector(&star(4), U, Convergence::default()).unwrap();
        assert_all_close(&c.values, &exact, 1e-12);
        assert!(c.residual < 1e-12, "residual {}", c.residual);
        let norm: f64 = c.values.iter().map(|v| v * v).sum();
        assert_close!(norm, 1.0, 1e-12);
        // Weighted complete graph with equal weights = unweighted.
        let k4w = Network::from_edges(
            4,
            &[
                (0, 1, 2.0),
                (0, 2, 2.0),
                (0, 3, 2.0),
                (1, 2, 2.0),
                (1, 3, 2.0),
                (2, 3, 2.0),
            ],
        );
        assert_all_close(&eigenvector(&k4w, W, NX).unwrap().values, &[0.5; 4], 1e-9);
        assert_all_close(
            &eigenvector(&k4w, W, Convergence::default()).unwrap().values,
            &[0.5; 4],
            1e-15,
        );
        let tight = PowerIteration {
            max_iter: 1,
            tol: 1e-15,
        };
        let err = eigenvector(&path(6), U, tight.into()).unwrap_err();
        assert_eq!(
            err,
            AnalysisError::NonConvergence {
                algorithm: "eigenvector",
                iterations: 1,
                tol: 1e-15
            }
        );
        assert!(eigenvector(&Network::from_edges(0, &[]), U, NX)
            .unwrap()
            .values
            .is_empty());
    }

    #[test]
    fn eigenvector_converges_where_networkx_rule_stops_early() {
        // Path of 6: eigenvalues 2cos(kπ/7); leading eigenvector x_i ∝ sin(iπ/7), i = 1..6.
        // A + I contracts by (1 + 2cos(2π/7)) / (1 + 2cos(π/7)) ≈ 0.81 per step.
        let raw: Vec<f64> = (1..=6)
            .map(|i| (f64::from(i) * std::f64::consts::PI / 7.0).sin())
            .collect();
        let norm = raw.iter().map(|v| v * v).sum::<f64>().sqrt();
        let exact: Vec<f64> = raw.iter().map(|v| v / norm).collect();
        let c = eigenvector(&path(6), U, Convergence::default()).unwrap();
        assert_all_close(&c.values, &exact, 1e-12);
        assert!(c.residual < 1e-12, "residual {}", c.residual);
        // NetworkX's rule (Σ|Δx| < 6e-6) stops with an error above 1e-7.
        let nx = eigenvector(&path(6), U, NX).unwrap();
        let off = nx
            .values
            .iter()
            .zip(&exact)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(off > 1e-7 && off < 1e-4, "NetworkX rule: {off}");
        assert!(nx.iterations < c.iterations);
    }

    #[test]
    fn pagerank_by_hand() {
        // Regular graphs: uniform. Star of 4: x0 = 0.15/4 + 0.85·3·x_leaf and
        // x_leaf = 0.15/4 + 0.85·x0/3, so x0 = 0.0375·(1 + 2.55)/(1 − 0.85²).
        let x0 = 0.0375 * (1.0 + 2.55) / (1.0 - 0.85 * 0.85);
        for c in [NX, Convergence::default()] {
            assert_all_close(&pr(&complete(5), U, c), &[0.2; 5], 1e-12);
            let star = pr(&star(4), U, c);
            assert_close!(star.iter().sum::<f64>(), 1.0, 1e-12);
            // An isolate is dangling: its mass is spread to everyone.
            // x2 = 0.05 + 0.85·x2/3 → x2 = 0.05 / (1 − 0.85/3).
            let iso = pr(&unit(3, &[(0, 1)]), U, c);
            assert_close!(iso.iter().sum::<f64>(), 1.0, 1e-12);
            assert_close!(iso[0], iso[1], 1e-15);
            if c == NX {
                assert_close!(star[0], x0, 1e-5);
                assert_close!(iso[2], 0.05 / (1.0 - 0.85 / 3.0), 1e-5);
            } else {
                assert_close!(star[0], x0, 1e-14);
                assert_close!(iso[2], 0.05 / (1.0 - 0.85 / 3.0), 1e-14);
            }
        }
        let r = pagerank(&star(4), U, 0.85, Convergence::default()).unwrap();
        assert!(r.residual <= 1e-12 && r.iterations >= 1, "{r:?}");
    }

    /// The PageRank step applied 1000 times from the uniform vector: 0.85^1000 ≈ 1e-71, so
    /// this is the fixed point to rounding level, by the definition alone.
    fn pagerank_by_definition(net: &Network, w: Weighting) -> Vec<f64> {
        let n = net.node_count();
        let out: Vec<f64> = if w == W {
            strength(net)
        } else {
            degree(net).into_iter().map(|d| d as f64).collect()
        };
        let inv_out: Vec<f64> = out
            .iter()
            .map(|&s| if s != 0.0 { 1.0 / s } else { 0.0 })
            .collect();
        let step = PageRankStep {
            net,
            weighted: w == W,
            alpha: 0.85,
            out: &out,
            inv_out: &inv_out,
        };
        let mut x = vec![1.0 / n as f64; n];
        let mut next = vec![0.0; n];
        for _ in 0..1000 {
            step.apply(&x, &mut next);
            std::mem::swap(&mut x, &mut next);
        }
        x
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

    #[test]
    fn cores_triangles_clustering() {
        assert_eq!(core_number(&complete(5)), vec![4; 5]);
        assert_eq!(core_number(&path(4)), vec![1; 4]);
        assert_eq!(core_number(&unit(3, &[(0, 1)])), vec![1, 1, 0]);
        // K4 plus a tail 3-4-5: core 3 for the K4, 1 for the tail.
        let net = unit(
            6,
            &[
                (0, 1),
                (0, 2),
                (0, 3),
                (1, 2),
                (1, 3),
                (2, 3),
                (3, 4),
                (4, 5),
            ],
        );
        assert_eq!(core_number(&net), vec![3, 3, 3, 3, 1, 1]);
        assert_eq!(triangles(&complete(5)), vec![6; 5]);
        assert_eq!(triangles(&net), vec![3, 3, 3, 3, 0, 0]);
        assert_all_close(&clustering(&complete(4)), &[1.0; 4], 0.0);
        assert_all_close(&clustering(&net), &[1.0, 1.0, 1.0, 0.5, 0.0, 0.0], 1e-15);
    }

    /// A random simple graph of up to 12 nodes with weights in {1, 2, 4}.
    fn graph_strategy() -> impl Strategy<Value = (usize, Vec<(Node, Node, f64)>)> {
        (2usize..12).prop_flat_map(|n| {
            let edge = (
                0..n as Node,
                0..n as Node,
                prop_oneof![Just(1.0), Just(2.0), Just(4.0)],
            );
            (Just(n), prop::collection::vec(edge, 0..30))
        })
    }

    fn dedup(edges: &[(Node, Node, f64)]) -> Vec<(Node, Node, f64)> {
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

        /// The bit-parallel closeness is bit for bit the one-BFS-per-node closeness (the
        /// code it replaced, still the weighted path), and harmonic centrality its float sum
        /// to rounding.
        #[test]
        fn multi_source_closeness_is_one_bfs_per_node((n, edges) in graph_strategy()) {
            let net = Network::from_edges(n, &dedup(&edges));
            let one_by_one = per_source(Graph::of(&net, None), |sp| {
                let total: f64 = sp.order().iter().map(|&u| sp.distance(u)).sum();
                let r = (sp.order().len() - 1) as f64;
                if total > 0.0 && n > 1 { (r / total) * (r / (n - 1) as f64) } else { 0.0 }
            });
            prop_assert_eq!(closeness(&net, Weighting::Unweighted).unwrap(), one_by_one);
            let one_by_one = per_source(Graph::of(&net, None), |sp| {
                sp.order().iter().map(|&u| sp.distance(u)).filter(|&d| d > 0.0).map(|d| 1.0 / d).sum()
            });
            for (a, b) in harmonic(&net, Weighting::Unweighted).unwrap().iter().zip(&one_by_one) {
                prop_assert!((a - b).abs() <= 1e-12 * b.max(1.0), "{} vs {}", a, b);
            }
        }

        /// Conjugate gradients reach the fixed point of the PageRank step: within 1e-12 of
        /// the step applied 1000 times, with the residual they report.
        #[test]
        fn converged_pagerank_is_the_fixed_point((n, edges) in graph_strategy()) {
            let net = Network::from_edges(n, &dedup(&edges));
            for w in [Weighting::Unweighted, Weighting::Weighted] {
                let r = pagerank(&net, w, 0.85, Convergence::default()).unwrap();
                let exact = pagerank_by_definition(&net, w);
                prop_assert!(r.residual <= 1e-12);
                for (a, b) in r.values.iter().zip(&exact) {
                    prop_assert!((a - b).abs() < 1e-12, "{} vs {}", a, b);
                }
            }
        }

        #[test]
        fn sampled_with_all_sources_is_exact((n, edges) in graph_strategy(), seed in any::<u64>()) {
            let net = Network::from_edges(n, &dedup(&edges));
            for w in [Weighting::Unweighted, Weighting::Weighted] {
                let exact = betweenness(&net, w).unwrap();
                let sampled = betweenness_sampled(&net, w, n, seed).unwrap();
                for (a, b) in exact.iter().zip(&sampled) { prop_assert!((a - b).abs() < 1e-12); }
            }
        }
    }
}
