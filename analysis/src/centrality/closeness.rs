//! Closeness and harmonic centrality, from the distance totals of one bit-parallel search
//! ([`Distances`]) or one Dijkstra per source.

use super::*;
use crate::components::components;
use crate::network::Network;
use crate::shortest_paths::{harmonic_value, per_source, Graph};

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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::centrality::tests::*;
    use crate::small_graphs::{path, unit};
    use proptest::prelude::*;

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

    proptest! {
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
    }
}
