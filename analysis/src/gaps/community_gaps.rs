//! The community × community tie matrix: which communities have fewer ties between them
//! than their sizes predict.

use crate::network::{node, Network};
use serde::Serialize;

/// Ties between two communities (or inside one) against what their sizes predict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunityPair {
    /// First community.
    pub a: u32,
    /// Second community (`a <= b`; `a == b` for ties inside one community).
    pub b: u32,
    /// Possible ties: n_a·n_b, or n_a(n_a−1)/2 when a = b.
    pub possible: f64,
    /// Observed ties (collapsed edges).
    pub observed: u64,
    /// Total weight of those ties.
    pub observed_weight: f64,
    /// Expected ties if ties were spread evenly: overall density × possible.
    pub expected: f64,
    /// observed / expected (NaN when expected is 0).
    pub ratio: f64,
    /// Configuration-model expectation from the communities' degree sums:
    /// D_a·D_b / 2M (a ≠ b) or D_a² / 4M (a = b).
    pub expected_by_degree: f64,
}

/// The community × community tie matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunityGaps {
    /// Size of each community.
    pub sizes: Vec<usize>,
    /// Overall density 2M / (n(n−1)).
    pub density: f64,
    /// `observed[a][b]`: ties between communities a and b (symmetric; diagonal = inside).
    pub observed: Vec<Vec<u64>>,
    /// `expected[a][b]`: density × possible pairs.
    pub expected: Vec<Vec<f64>>,
    /// Pairs of different communities, least connected first (ratio ascending, then larger
    /// expected first, then by ids).
    pub least_connected: Vec<CommunityPair>,
    /// Each community's own pair (a = b), in community order.
    pub inside: Vec<CommunityPair>,
}

/// Community × community tie density against what community sizes predict.
///
/// For communities a ≠ b of sizes n_a, n_b: possible ties P_ab = n_a·n_b, observed O_ab =
/// number of ties (collapsed edges) with one end in each, expected E_ab = δ·P_ab where
/// δ = 2M / (n(n−1)) is the overall density (M ties, n organizations), and the ratio O/E
/// (1 = as connected as the network on average, 0 = no tie at all). Inside a community
/// P_aa = n_a(n_a−1)/2. The configuration-model expectation D_a·D_b/2M (D: sum of degrees)
/// is given too, for readers who want degree-corrected gaps (it is what modularity uses);
/// the ranking uses the density ratio because planners read "how many of the possible
/// partnerships exist".
///
/// # Arguments
/// * `net` — the network.
/// * `membership` — community per node, labels `0..k` (e.g. [`crate::community::Partition`]).
///
/// # Returns
/// A [`CommunityGaps`] with the matrices and the pairs ranked from least connected.
///
/// # Panics
/// If `membership.len() != net.node_count()`.
///
/// # Complexity
/// O(n + m + k²) time and O(k²) memory for k communities.
///
/// # Reference
/// Block densities of a blockmodel: S. Wasserman, K. Faust, *Social Network Analysis* (1994),
/// ch. 10; configuration expectation as in M. E. J. Newman's modularity (2006).
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::community_gaps;
/// use puentes_analysis::network::Network;
/// // Two triangles joined by one tie: density 7/15; between them 1 of 9 possible ties.
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
/// let g = community_gaps(&net, &[0, 0, 0, 1, 1, 1]);
/// let pair = &g.least_connected[0];
/// assert_eq!(pair.observed, 1);
/// assert!((pair.expected - 9.0 * 7.0 / 15.0).abs() < 1e-12);
/// ```
pub fn community_gaps(net: &Network, membership: &[u32]) -> CommunityGaps {
    let n = net.node_count();
    assert_eq!(membership.len(), n, "one community per node");
    let k = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut sizes = vec![0usize; k];
    let mut deg_sum = vec![0.0; k];
    for (v, &c) in membership.iter().enumerate() {
        sizes[c as usize] += 1;
        deg_sum[c as usize] += net.degree(node(v)) as f64;
    }
    let mut observed = vec![vec![0u64; k]; k];
    let mut weight = vec![vec![0.0; k]; k];
    let mut m = 0u64;
    for (u, v, w) in net.edges() {
        let (a, b) = (
            membership[u as usize] as usize,
            membership[v as usize] as usize,
        );
        m += 1;
        observed[a][b] += 1;
        weight[a][b] += w;
        if a != b {
            observed[b][a] += 1;
            weight[b][a] += w;
        }
    }
    let nf = n as f64;
    let density = if n > 1 {
        2.0 * m as f64 / (nf * (nf - 1.0))
    } else {
        0.0
    };
    let mf = m as f64;
    let mut expected = vec![vec![0.0; k]; k];
    let mut least = Vec::new();
    let mut inside = Vec::new();
    for a in 0..k {
        for b in a..k {
            let (na, nb) = (sizes[a] as f64, sizes[b] as f64);
            let possible = if a == b {
                na * (na - 1.0) / 2.0
            } else {
                na * nb
            };
            let e = density * possible;
            expected[a][b] = e;
            expected[b][a] = e;
            let by_degree = if mf == 0.0 {
                0.0
            } else if a == b {
                deg_sum[a] * deg_sum[a] / (4.0 * mf)
            } else {
                deg_sum[a] * deg_sum[b] / (2.0 * mf)
            };
            let o = observed[a][b];
            let ratio = if e > 0.0 { o as f64 / e } else { f64::NAN };
            let pair = CommunityPair {
                a: a as u32,
                b: b as u32,
                possible,
                observed: o,
                observed_weight: weight[a][b],
                expected: e,
                ratio,
                expected_by_degree: by_degree,
            };
            if a == b {
                inside.push(pair);
            } else {
                least.push(pair);
            }
        }
    }
    least.sort_by(|x, y| {
        x.ratio
            .total_cmp(&y.ratio)
            .then(y.expected.total_cmp(&x.expected))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    CommunityGaps {
        sizes,
        density,
        observed,
        expected,
        least_connected: least,
        inside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn community_gaps_by_hand() {
        // Two triangles joined by 2-3 plus an isolated third community {6}.
        let net = Network::from_edges(
            7,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (2, 3, 2.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
            ],
        );
        let g = community_gaps(&net, &[0, 0, 0, 1, 1, 1, 2]);
        // M = 7, n = 7: density = 14/42 = 1/3.
        assert_close!(g.density, 1.0 / 3.0, 1e-12);
        assert_eq!(g.observed[0][1], 1);
        assert_eq!(g.observed[0][0], 3);
        // Least connected: pairs with community 2 (0 observed, expected 1 each), ties broken
        // by ids; then 0-1 with ratio 1/3.
        let order: Vec<(u32, u32)> = g.least_connected.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(order, vec![(0, 2), (1, 2), (0, 1)]);
        assert_close!(g.least_connected[2].ratio, 1.0 / 3.0, 1e-12);
        assert_close!(g.least_connected[2].observed_weight, 2.0, 1e-12);
        // Degree sums: D0 = 7, D1 = 7; configuration: 49/14 = 3.5.
        assert_close!(g.least_connected[2].expected_by_degree, 3.5, 1e-12);
        assert_close!(g.inside[0].ratio, 3.0, 1e-12);
    }
}
