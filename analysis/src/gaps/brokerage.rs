//! Gould–Fernandez brokerage: who mediates between groups on the directed view (who
//! reported whom), in which of the five roles.

use crate::network::{node, Network, Node};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One value per Gould–Fernandez brokerage role, for a broker b on a two-path a → b → c.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Roles<T> {
    /// Coordinator (w_I): a, b, c all in the same group.
    pub coordinator: T,
    /// Itinerant / consultant (w_O): a and c in one group, b in another.
    pub itinerant: T,
    /// Representative (b_OI in Gould–Fernandez): a and b in one group, c in another — b
    /// carries its group's message out.
    pub representative: T,
    /// Gatekeeper (b_IO in Gould–Fernandez): b and c in one group, a in another — b controls
    /// what comes into its group.
    pub gatekeeper: T,
    /// Liaison (b_O): a, b, c in three different groups.
    pub liaison: T,
    /// All open two-paths through b.
    pub total: T,
}

/// Gould–Fernandez brokerage of every organization.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brokerage {
    /// Raw counts per node.
    pub raw: Vec<Roles<u64>>,
    /// Expected counts per node under random group assignment (depends on the node's group).
    pub expected: Vec<Roles<f64>>,
    /// raw / expected (NaN when the expectation is 0).
    pub normalized: Vec<Roles<f64>>,
    /// Density of the deduplicated directed view, d = arcs / (n (n − 1)).
    pub density: f64,
}

/// Gould–Fernandez brokerage roles on the directed view, for any grouping.
///
/// For each broker b, every open two-path a → b → c (a ≠ c, arcs a→b and b→c present, arc
/// a→c absent) is counted in one role by the groups g(·): coordinator g(a)=g(b)=g(c);
/// itinerant g(a)=g(c)≠g(b); representative g(a)=g(b)≠g(c); gatekeeper g(a)≠g(b)=g(c);
/// liaison all three different.
///
/// Expected counts (Gould & Fernandez 1989, as in R sna `brokerage`): with d the density of
/// the directed view, n_b the size of b's group, N the number of nodes and n_g the other
/// groups' sizes, P = d²(1−d) (the chance that a given ordered triple is an open two-path):
/// coordinator P(n_b−1)(n_b−2); itinerant P Σ_{g≠b} n_g(n_g−1); representative and gatekeeper
/// P(N−n_b)(n_b−1); liaison P[(Σ_{g≠b} n_g)² − Σ_{g≠b} n_g²]; total P(N−1)(N−2).
///
/// Repeated arcs (several ties reported by the same side) count once; self-arcs are ignored.
///
/// # Arguments
/// * `net` — the network; its [`Network::arcs`] are the directed view.
/// * `groups` — a group id per node (e.g. a country index, or a community from
///   [`crate::community`]); put organizations with a missing attribute in a group of
///   their own if they should count as different from everyone.
///
/// # Returns
/// A [`Brokerage`] with raw counts, expected counts and their ratio per node.
///
/// # Panics
/// If `groups.len() != net.node_count()`.
///
/// # Complexity
/// O(arcs·log arcs + Σ_b indeg(b)·outdeg(b)·log arcs) time, parallel over brokers (integer
/// counts: deterministic); O(n + arcs) memory.
///
/// # Reference
/// R. V. Gould, R. M. Fernandez, "Structures of mediation: a formal approach to brokerage in
/// transaction networks", Sociological Methodology 19 (1989) 89–126. Same counts as R sna
/// `brokerage(g, cl)` (whose documentation swaps the names of b_IO and b_OI; the
/// definitions above follow the paper).
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::brokerage;
/// use puentes_analysis::network::Network;
/// // 0 → 1 → 2, with 0 and 1 in group 0 and 2 in group 1: 1 is a representative.
/// let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
/// let b = brokerage(&net, &[0, 0, 1]);
/// assert_eq!(b.raw[1].representative, 1);
/// assert_eq!(b.raw[1].total, 1);
/// ```
pub fn brokerage(net: &Network, groups: &[u32]) -> Brokerage {
    let n = net.node_count();
    assert_eq!(groups.len(), n, "one group per node");
    let mut arcs: Vec<(Node, Node)> = net
        .arcs()
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
        .collect();
    arcs.sort_unstable();
    arcs.dedup();
    // Sorted, deduplicated arc lists are the directed adjacency: the arcs leaving `v` are the
    // run of `(v, _)` pairs, found by binary search (no second CSR beside the network's).
    let reversed: Vec<(Node, Node)> = {
        let mut r: Vec<(Node, Node)> = arcs.iter().map(|&(a, b)| (b, a)).collect();
        r.sort_unstable();
        r
    };
    let outs = |v: usize| run_of(&arcs, node(v)).iter().map(|&(_, c)| c);
    let ins = |v: usize| run_of(&reversed, node(v)).iter().map(|&(_, a)| a);
    let raw: Vec<Roles<u64>> = (0..n)
        .into_par_iter()
        .map(|b| {
            let mut r = Roles::<u64>::default();
            let gb = groups[b];
            for a in ins(b) {
                let ga = groups[a as usize];
                for c in outs(b) {
                    if c == a || arcs.binary_search(&(a, c)).is_ok() {
                        continue;
                    }
                    let gc = groups[c as usize];
                    r.total += 1;
                    match (ga == gb, gb == gc, ga == gc) {
                        (true, true, _) => r.coordinator += 1,
                        (false, false, true) => r.itinerant += 1,
                        (true, false, _) => r.representative += 1,
                        (false, true, _) => r.gatekeeper += 1,
                        (false, false, false) => r.liaison += 1,
                    }
                }
            }
            r
        })
        .collect();
    // Group sizes.
    let mut sizes: BTreeMap<u32, f64> = BTreeMap::new();
    for &g in groups {
        *sizes.entry(g).or_insert(0.0) += 1.0;
    }
    let nf = n as f64;
    let density = if n > 1 {
        arcs.len() as f64 / (nf * (nf - 1.0))
    } else {
        0.0
    };
    let p = density * density * (1.0 - density);
    let sum_all: f64 = sizes.values().sum();
    let sum_sq: f64 = sizes.values().map(|x| x * x).sum();
    let sum_pairs: f64 = sizes.values().map(|x| x * (x - 1.0)).sum();
    let expected_for = |g: u32| -> Roles<f64> {
        let nb = sizes.get(&g).copied().unwrap_or(0.0);
        let others = sum_all - nb;
        let others_sq = sum_sq - nb * nb;
        let rep = p * (nf - nb) * (nb - 1.0);
        Roles {
            coordinator: p * (nb - 1.0) * (nb - 2.0),
            itinerant: p * (sum_pairs - nb * (nb - 1.0)),
            representative: rep,
            gatekeeper: rep,
            liaison: p * (others * others - others_sq),
            total: p * (nf - 1.0) * (nf - 2.0),
        }
    };
    let ratio = |x: u64, e: f64| if e > 0.0 { x as f64 / e } else { f64::NAN };
    let expected: Vec<Roles<f64>> = groups.iter().map(|&g| expected_for(g)).collect();
    let normalized = raw
        .iter()
        .zip(&expected)
        .map(|(r, e)| Roles {
            coordinator: ratio(r.coordinator, e.coordinator),
            itinerant: ratio(r.itinerant, e.itinerant),
            representative: ratio(r.representative, e.representative),
            gatekeeper: ratio(r.gatekeeper, e.gatekeeper),
            liaison: ratio(r.liaison, e.liaison),
            total: ratio(r.total, e.total),
        })
        .collect();
    Brokerage {
        raw,
        expected,
        normalized,
        density,
    }
}

/// The run of pairs `(v, _)` in `pairs`, sorted by first element.
fn run_of(pairs: &[(Node, Node)], v: Node) -> &[(Node, Node)] {
    let from = pairs.partition_point(|&(a, _)| a < v);
    let to = from + pairs[from..].partition_point(|&(a, _)| a == v);
    &pairs[from..to]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brokerage_hand_example() {
        // Arcs: 0→2, 1→2, 2→3, 2→4, 3→4, 4→2 (repeated 0→2 once more, and a self-arc).
        // Groups: 0:A 1:B 2:A 3:A 4:B.
        // Two-paths through 2 (in {0,1,4}, out {3,4}):
        //   0→2→3: A A A, arc 0→3? no → coordinator
        //   0→2→4: A A B, 0→4? no → representative
        //   1→2→3: B A A, 1→3? no → gatekeeper
        //   1→2→4: B A B, 1→4? no → itinerant
        //   4→2→3: B A A, 4→3? no → gatekeeper
        //   4→2→4: a = c, skipped
        // Through 3 (in {2}, out {4}): 2→3→4 with 2→4 present → closed, not counted.
        // Through 4 (in {2,3}, out {2}): 3→4→2: A B A, 3→2? no → itinerant; 2→4→2 skipped.
        let mut edges = vec![
            (0, 2, 1.0),
            (1, 2, 1.0),
            (2, 3, 1.0),
            (2, 4, 1.0),
            (3, 4, 1.0),
            (4, 2, 1.0),
            (0, 2, 1.0),
        ];
        edges.push((1, 1, 1.0));
        let net = Network::from_edges(5, &edges);
        let b = brokerage(&net, &[0, 1, 0, 0, 1]);
        let r2 = b.raw[2];
        assert_eq!(
            (
                r2.coordinator,
                r2.itinerant,
                r2.representative,
                r2.gatekeeper,
                r2.liaison,
                r2.total
            ),
            (1, 1, 1, 2, 0, 5)
        );
        assert_eq!(b.raw[3].total, 0);
        assert_eq!((b.raw[4].itinerant, b.raw[4].total), (1, 1));
        // Density: 6 distinct arcs / 20. P = d²(1−d) = 0.09·0.7 = 0.063.
        assert_close!(b.density, 0.3, 1e-12);
        // Broker 2 in group A (size 3), other group size 2, N = 5:
        // coordinator P·2·1, itinerant P·2·1, representative P·2·2, liaison P·(4 − 4) = 0.
        let p = 0.063;
        assert_close!(b.expected[2].coordinator, 2.0 * p, 1e-12);
        assert_close!(b.expected[2].itinerant, 2.0 * p, 1e-12);
        assert_close!(b.expected[2].representative, 4.0 * p, 1e-12);
        assert_close!(b.expected[2].total, 12.0 * p, 1e-12);
        assert!(b.normalized[2].liaison.is_nan());
        assert_close!(b.normalized[2].gatekeeper, 2.0 / (4.0 * p), 1e-12);
    }

    #[test]
    fn liaison_needs_three_groups() {
        // 0 → 1 → 2 in groups 0, 1, 2.
        let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        let b = brokerage(&net, &[0, 1, 2]);
        assert_eq!(b.raw[1].liaison, 1);
    }
}
