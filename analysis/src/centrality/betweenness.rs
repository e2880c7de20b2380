//! Betweenness, exact (Brandes over the folded network) and sampled (Brandes & Pich), with
//! its error bound.

use super::*;
use crate::network::{Network, Node};
use crate::shortest_paths::{brandes, fold_leaves, Graph};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

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
    use crate::centrality::tests::*;
    use crate::small_graphs::{complete, path, star, unit};
    use proptest::prelude::*;

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

    proptest! {
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
