//! Periphery: organizations with no ties, one tie, or a place far from the rest — and, as a
//! finding of its own, organizations whose ties all stay inside their community.
//!
//! Core numbers and closeness come from [`crate::centrality`] (one implementation each).

use crate::centrality::{closeness_from, core_number, Distances};
use crate::network::{node, Network, Node};
use serde::Serialize;
use std::cmp::Reverse;

/// Why an organization is flagged as isolated or peripheral (declared most severe first).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeripheryReason {
    /// No ties at all.
    Isolated,
    /// Exactly one tie, to `neighbor`: if it ends, the organization is cut off.
    Pendant {
        /// The only organization it is tied to.
        neighbor: Node,
    },
    /// Core number 1 (not in any 2-core) while having at least two ties: it hangs on a
    /// tree-like part of the network. (Pendants have core number 1 too; they are reported
    /// as [`PeripheryReason::Pendant`] only.)
    LowCoreness {
        /// Core number.
        core: usize,
    },
    /// Closeness in the bottom decile of the organizations that have ties (and below their
    /// median, so that nobody is "far" when everyone is equally close).
    LowCloseness {
        /// Its closeness ([`crate::centrality::closeness`], unweighted: NetworkX
        /// `closeness_centrality`, Wasserman–Faust scaling for disconnected networks).
        closeness: f64,
        /// The decile threshold: flagged when `closeness <= threshold`.
        threshold: f64,
    },
}

impl PeripheryReason {
    /// Severity rank: 0 (isolated) is the most severe, 3 (low closeness) the least.
    pub fn severity(&self) -> u8 {
        match self {
            PeripheryReason::Isolated => 0,
            PeripheryReason::Pendant { .. } => 1,
            PeripheryReason::LowCoreness { .. } => 2,
            PeripheryReason::LowCloseness { .. } => 3,
        }
    }
}

/// An isolated or peripheral organization and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeripheralOrganization {
    /// The organization.
    pub node: Node,
    /// Every reason that applies, most severe first.
    pub reasons: Vec<PeripheryReason>,
    /// Its closeness (0 for an isolate), the last tie-breaker of the order.
    pub closeness: f64,
}

/// Isolated and peripheral organizations, most severe first, each with the reasons it is
/// flagged.
///
/// An organization is flagged when any of these holds:
/// * **isolated**: degree 0 (no other reason is then listed);
/// * **pendant**: degree 1;
/// * **low coreness**: core number k(v) = 1 and degree ≥ 2, where k(v) is the largest k
///   such that v belongs to the k-core (the maximal subgraph with all degrees ≥ k);
/// * **low closeness**: among the n′ organizations with degree ≥ 1, closeness
///   C(v) = (r−1)/(n−1) · (r−1)/Σ_u d(v,u) (r: organizations reachable from v, itself
///   included; d: number of ties on a shortest path; n: all organizations) is ≤ the
///   ⌈n′/10⌉-th smallest value (bottom decile, ties at the threshold included) and below the
///   median of those n′ values (so a network where everyone is equally close flags nobody).
///
/// Whether all of an organization's ties stay inside its community is not a sign of being
/// peripheral (most organizations of a well-knit corridor are like that); it is a finding of
/// its own, [`inward_looking`].
///
/// # Arguments
/// * `net` — the network (unweighted view: a tie is a tie).
///
/// # Returns
/// The flagged organizations ordered by their most severe reason (isolated, pendant, low
/// coreness, low closeness), then by more reasons first, then by lower closeness, then by
/// node.
///
/// # Complexity
/// Closeness as [`crate::centrality::closeness`]: the bit-parallel multi-source BFS (256
/// sources per pass; 1.4–1.6 s on soc-Slashdot0902's 82,168 nodes with 2 threads, where one
/// BFS per node took minutes), and free with [`peripheral_organizations_with`] when the
/// distance totals were computed already (for the metrics table's closeness). O(n + m) for the rest; O(n + m) extra memory, plus
/// 96 bytes per node per thread during the search.
///
/// # Reference
/// Core numbers: V. Batagelj, M. Zaveršnik (2003), NetworkX `core_number`. Closeness: same
/// convention as NetworkX `closeness_centrality(G)` (wf_improved=True).
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::{peripheral_organizations, PeripheryReason};
/// use puentes_analysis::network::Network;
/// // Triangle 0-1-2 with a pendant 3 on node 2, and an isolate 4.
/// let net = Network::from_edges(5, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
/// let flagged = peripheral_organizations(&net);
/// assert_eq!(flagged[0].reasons, vec![PeripheryReason::Isolated]);
/// assert_eq!(flagged[1].node, 3);
/// assert_eq!(flagged[1].reasons[0], PeripheryReason::Pendant { neighbor: 2 });
/// ```
pub fn peripheral_organizations(net: &Network) -> Vec<PeripheralOrganization> {
    peripheral_organizations_with(net, &Distances::of(net))
}

/// [`peripheral_organizations`] with the closeness read from `distances`
/// ([`Distances::of`] of the same `net`), so a caller that also computes closeness or
/// harmonic centrality searches once.
///
/// # Panics
/// When `distances` were computed from a network with another number of nodes.
pub fn peripheral_organizations_with(
    net: &Network,
    distances: &Distances,
) -> Vec<PeripheralOrganization> {
    let n = net.node_count();
    let core = core_number(net);
    let close = closeness_from(net, distances);
    let mut connected: Vec<f64> = (0..n)
        .filter(|&v| net.degree(node(v)) > 0)
        .map(|v| close[v])
        .collect();
    connected.sort_by(f64::total_cmp);
    // Flagged when C(v) <= threshold and C(v) < median; nobody without connected organizations.
    let (threshold, median) = match connected.len() {
        0 => (f64::NEG_INFINITY, f64::NEG_INFINITY),
        len => (connected[len.div_ceil(10) - 1], connected[(len - 1) / 2]),
    };
    let mut out = Vec::new();
    for v in 0..n {
        let vn = node(v);
        let deg = net.degree(vn);
        let mut reasons = Vec::new();
        if deg == 0 {
            reasons.push(PeripheryReason::Isolated);
        } else {
            if deg == 1 {
                reasons.push(PeripheryReason::Pendant {
                    neighbor: net.neighbors(vn)[0],
                });
            }
            if core[v] == 1 && deg >= 2 {
                reasons.push(PeripheryReason::LowCoreness { core: 1 });
            }
            if close[v] <= threshold && close[v] < median {
                reasons.push(PeripheryReason::LowCloseness {
                    closeness: close[v],
                    threshold,
                });
            }
        }
        if !reasons.is_empty() {
            out.push(PeripheralOrganization {
                node: vn,
                reasons,
                closeness: close[v],
            });
        }
    }
    let rank = |p: &PeripheralOrganization| {
        let worst = p.reasons.iter().map(PeripheryReason::severity).min();
        (worst, Reverse(p.reasons.len()))
    };
    out.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(a.closeness.total_cmp(&b.closeness))
            .then(a.node.cmp(&b.node))
    });
    out
}

/// An organization whose ties all stay inside its own community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InwardLooking {
    /// The organization.
    pub node: Node,
    /// Its community.
    pub community: u32,
    /// Its number of ties (all inside the community).
    pub degree: usize,
}

/// Organizations with at least one tie whose ties all stay inside their own community:
/// degree ≥ 1 and `membership[u] == membership[v]` for every neighbour u.
///
/// They are not peripheral — they may be central in their community — but they link their
/// community to no other; a planner looking for new bridges between communities starts
/// from the best-tied of them.
///
/// # Arguments
/// * `net` — the network.
/// * `membership` — community of each node (e.g. [`crate::community::louvain`]).
///
/// # Returns
/// The inward-looking organizations, most ties first, then by node.
///
/// # Panics
/// If `membership.len() != net.node_count()`.
///
/// # Complexity
/// O(n + m) time, O(k log k) to sort the k results.
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::{inward_looking, InwardLooking};
/// use puentes_analysis::network::Network;
/// // Path 0-1-2-3 split into {0, 1} and {2, 3}: only the ends keep their ties inside.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
/// let inward = inward_looking(&net, &[0, 0, 1, 1]);
/// assert_eq!(inward[0], InwardLooking { node: 0, community: 0, degree: 1 });
/// assert_eq!(inward.len(), 2);
/// ```
pub fn inward_looking(net: &Network, membership: &[u32]) -> Vec<InwardLooking> {
    assert_eq!(membership.len(), net.node_count(), "one community per node");
    let mut out: Vec<InwardLooking> = (0..net.node_count())
        .map(node)
        .filter(|&v| {
            let c = membership[v as usize];
            net.degree(v) > 0
                && net
                    .neighbors(v)
                    .iter()
                    .all(|&u| membership[u as usize] == c)
        })
        .map(|v| InwardLooking {
            node: v,
            community: membership[v as usize],
            degree: net.degree(v),
        })
        .collect();
    out.sort_by_key(|i| (Reverse(i.degree), i.node));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::small_graphs::{complete, path, unit};

    #[test]
    fn periphery_reasons_on_a_path() {
        // Path of 12: the two ends are pendants; interior nodes have core 1 and degree 2.
        // Closeness: Σd from an end = 66, so C = (11/11)·(11/66) = 1/6; from node 1,
        // Σd = 1 + 55 = 56 → 11/56. n' = 12 → the ⌈1.2⌉ = 2nd smallest value, 1/6 (both
        // ends), is the threshold; the median (6th smallest, 11/48) is higher.
        let f = peripheral_organizations(&path(12));
        assert_eq!(f.len(), 12);
        // Most severe first: the two pendant ends (with low closeness), then the interior.
        assert_eq!((f[0].node, f[1].node), (0, 11));
        assert_eq!(f[0].reasons[0], PeripheryReason::Pendant { neighbor: 1 });
        assert_eq!(f[1].reasons[0], PeripheryReason::Pendant { neighbor: 10 });
        match f[0].reasons[1] {
            PeripheryReason::LowCloseness {
                closeness,
                threshold,
            } => {
                assert_close!(closeness, 1.0 / 6.0, 1e-12);
                assert_close!(threshold, 1.0 / 6.0, 1e-12);
            }
            ref other => panic!("expected low closeness, got {other:?}"),
        }
        // Interior: low coreness only, nearest the ends (lowest closeness) first.
        assert_eq!(f[2].reasons, vec![PeripheryReason::LowCoreness { core: 1 }]);
        assert_eq!((f[2].node, f[3].node), (1, 10));
        assert_close!(f[2].closeness, 11.0 / 56.0, 1e-12);
    }

    #[test]
    fn isolates_come_first_and_equal_closeness_flags_nobody() {
        // K5: everyone equally close → nobody is "far from the rest".
        assert_eq!(peripheral_organizations(&complete(5)), vec![]);
        // K5 plus an isolate 5: only the isolate (its closeness, 0, is not counted in the
        // decile of connected organizations).
        let mut e: Vec<(Node, Node)> = vec![];
        for a in 0..5 {
            for b in a + 1..5 {
                e.push((a, b));
            }
        }
        let f = peripheral_organizations(&unit(6, &e));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].node, 5);
        assert_eq!(f[0].reasons, vec![PeripheryReason::Isolated]);
    }

    #[test]
    fn inward_looking_is_its_own_finding() {
        // Triangle {0,1,2} (community 0) tied by 2-3 to triangle {3,4,5} (community 1), plus
        // the pendant 6 on 5 in community 1: 0, 1, 4, 5 and 6 keep every tie inside.
        let net = unit(
            7,
            &[
                (0, 1),
                (1, 2),
                (0, 2),
                (2, 3),
                (3, 4),
                (4, 5),
                (3, 5),
                (5, 6),
            ],
        );
        let inward = inward_looking(&net, &[0, 0, 0, 1, 1, 1, 1]);
        let got: Vec<(Node, u32, usize)> = inward
            .iter()
            .map(|i| (i.node, i.community, i.degree))
            .collect();
        assert_eq!(
            got,
            vec![(5, 1, 3), (0, 0, 2), (1, 0, 2), (4, 1, 2), (6, 1, 1)]
        );
        // Keeping every tie inside is no reason to be peripheral: only the pendant 6 is
        // flagged, and its closeness (Σd = 1 + 2 + 2 + 3 + 4 + 4 = 16, C = 6/16) is the
        // lowest, the ⌈7/10⌉ = 1st smallest.
        let f = peripheral_organizations(&net);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].node, 6);
        assert_eq!(f[0].reasons[0], PeripheryReason::Pendant { neighbor: 5 });
        match f[0].reasons[1] {
            PeripheryReason::LowCloseness { threshold, .. } => {
                assert_close!(threshold, 0.375, 1e-12)
            }
            ref other => panic!("expected low closeness, got {other:?}"),
        }
    }
}
