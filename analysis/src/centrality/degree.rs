//! Degree, degree centrality and strength: what a node's own ties say.

use super::*;
use crate::network::Network;

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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::centrality::tests::*;
    use crate::small_graphs::star;

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
}
