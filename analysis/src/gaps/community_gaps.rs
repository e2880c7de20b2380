//! The community × community tie matrix: which communities have fewer ties between them
//! than their sizes predict.

use crate::network::{node, Network};
use crate::policy::COMMUNITY_PAIRS_KEPT;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

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
    /// Pairs of different communities: k(k−1)/2 for k communities.
    pub pairs: usize,
    /// The [`COMMUNITY_PAIRS_KEPT`] least connected pairs of different communities (all of
    /// them when there are fewer), least connected first (ratio ascending, then larger
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
/// O(n + m + k² log L) time and O(n + k + L) memory for k communities, keeping the
/// L = [`COMMUNITY_PAIRS_KEPT`] least connected pairs: every pair is scored, one row of the
/// k × k matrix at a time, and only the L best are held (a network of 32,000 organizations
/// in 4,400 communities has 9.7 million pairs; holding them all took over a gigabyte).
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
    // Ties between communities, by community: (other community, ties, weight), one entry
    // per collapsed edge end, grouped by community.
    let mut by_community: Vec<Vec<(u32, f64)>> = vec![Vec::new(); k];
    let mut m = 0u64;
    for (u, v, w) in net.edges() {
        let (a, b) = (membership[u as usize], membership[v as usize]);
        m += 1;
        by_community[a as usize].push((b, w));
        if a != b {
            by_community[b as usize].push((a, w));
        }
    }
    let nf = n as f64;
    let density = if n > 1 {
        2.0 * m as f64 / (nf * (nf - 1.0))
    } else {
        0.0
    };
    let mf = m as f64;
    let pair = |a: usize, b: usize, o: u64, w: f64| {
        let (na, nb) = (sizes[a] as f64, sizes[b] as f64);
        let possible = if a == b {
            na * (na - 1.0) / 2.0
        } else {
            na * nb
        };
        let e = density * possible;
        let by_degree = if mf == 0.0 {
            0.0
        } else if a == b {
            deg_sum[a] * deg_sum[a] / (4.0 * mf)
        } else {
            deg_sum[a] * deg_sum[b] / (2.0 * mf)
        };
        CommunityPair {
            a: a as u32,
            b: b as u32,
            possible,
            observed: o,
            observed_weight: w,
            expected: e,
            ratio: if e > 0.0 { o as f64 / e } else { f64::NAN },
            expected_by_degree: by_degree,
        }
    };
    // One row of observed ties and weights at a time, reset after use (O(k) memory).
    let (mut row_ties, mut row_weight) = (vec![0u64; k], vec![0.0f64; k]);
    let mut inside = Vec::with_capacity(k);
    // The least connected pairs seen so far; the top of the heap is the best connected of them.
    let mut kept: BinaryHeap<Ranked> = BinaryHeap::with_capacity(COMMUNITY_PAIRS_KEPT + 1);
    for a in 0..k {
        for &(b, w) in &by_community[a] {
            row_ties[b as usize] += 1;
            row_weight[b as usize] += w;
        }
        inside.push(pair(a, a, row_ties[a], row_weight[a]));
        for b in a + 1..k {
            let candidate = Ranked(pair(a, b, row_ties[b], row_weight[b]));
            if kept.len() < COMMUNITY_PAIRS_KEPT {
                kept.push(candidate);
            } else if kept.peek().is_some_and(|worst| candidate < *worst) {
                kept.pop();
                kept.push(candidate);
            }
        }
        for &(b, _) in &by_community[a] {
            row_ties[b as usize] = 0;
            row_weight[b as usize] = 0.0;
        }
    }
    let least: Vec<CommunityPair> = kept.into_sorted_vec().into_iter().map(|r| r.0).collect();
    CommunityGaps {
        sizes,
        density,
        pairs: k * k.saturating_sub(1) / 2,
        least_connected: least,
        inside,
    }
}

/// A pair of different communities ordered as the list ranks them: less connected first
/// (ratio ascending, NaN last), then larger expected first, then by ids.
struct Ranked(CommunityPair);

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        let (x, y) = (&self.0, &other.0);
        x.ratio
            .total_cmp(&y.ratio)
            .then(y.expected.total_cmp(&x.expected))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

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
        assert_eq!(g.pairs, 3);
        assert_eq!(g.inside[0].observed, 3);
        // Least connected: pairs with community 2 (0 observed, expected 1 each), ties broken
        // by ids; then 0-1 with ratio 1/3.
        let order: Vec<(u32, u32)> = g.least_connected.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(order, vec![(0, 2), (1, 2), (0, 1)]);
        assert_close!(g.least_connected[2].ratio, 1.0 / 3.0, 1e-12);
        assert_close!(g.least_connected[2].observed_weight, 2.0, 1e-12);
        // Degree sums: D0 = 7, D1 = 7; configuration: 49/14 = 3.5.
        assert_close!(g.least_connected[2].expected_by_degree, 3.5, 1e-12);
        assert_close!(g.inside[0].ratio, 3.0, 1e-12);
        assert_eq!(g.least_connected[2].observed, 1);
    }

    #[test]
    fn only_the_least_connected_pairs_are_kept_and_they_are_the_first_of_all() {
        // 120 communities (7,140 pairs, more than are kept) of varied sizes on a random graph.
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let n = 600;
        // Communities 0..30 have 8 members, the other 90 have 4.
        let membership: Vec<u32> = (0..n)
            .map(|v| if v < 480 { v % 120 } else { (v - 480) % 30 } as u32)
            .collect();
        let edges: Vec<_> = (0..1500)
            .map(|_| {
                let (u, v) = (rng.random_range(0..n), rng.random_range(0..n));
                (node(u), node(v), f64::from(rng.random_range(1..4u8)))
            })
            .filter(|(u, v, _)| u != v)
            .collect();
        let net = Network::from_edges(n, &edges);
        let k = 120;
        let g = community_gaps(&net, &membership);
        assert_eq!(g.pairs, k * (k - 1) / 2);
        assert_eq!(g.least_connected.len(), COMMUNITY_PAIRS_KEPT);
        // Every pair by brute force, ranked the same way.
        let mut all = Vec::new();
        for a in 0..k as u32 {
            for b in a + 1..k as u32 {
                let (mut o, mut w) = (0u64, 0.0);
                for (u, v, x) in net.edges() {
                    let (cu, cv) = (membership[u as usize], membership[v as usize]);
                    if (cu, cv) == (a, b) || (cu, cv) == (b, a) {
                        o += 1;
                        w += x;
                    }
                }
                let possible = (g.sizes[a as usize] * g.sizes[b as usize]) as f64;
                let e = g.density * possible;
                all.push((o as f64 / e, e, a, b, o, w));
            }
        }
        all.sort_by(|x, y| {
            x.0.total_cmp(&y.0)
                .then(y.1.total_cmp(&x.1))
                .then((x.2, x.3).cmp(&(y.2, y.3)))
        });
        for (kept, full) in g.least_connected.iter().zip(&all) {
            assert_eq!((kept.a, kept.b, kept.observed), (full.2, full.3, full.4));
            assert_close!(kept.expected, full.1, 1e-12);
            assert_close!(kept.observed_weight, full.5, 1e-12);
        }
        // More pairs without ties than are kept: the order among them (larger expected
        // first, then ids) decides which are kept.
        assert!(all.iter().filter(|p| p.4 == 0).count() > COMMUNITY_PAIRS_KEPT);
        assert!(
            g.least_connected[0].expected > g.least_connected[COMMUNITY_PAIRS_KEPT - 1].expected
        );
    }
}
