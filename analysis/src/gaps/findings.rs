//! Every gap finding of one network, computed together: the value the service keeps once per
//! revision and words per request (its gap report, profiles, map flags and position columns
//! all read it). Data only: no sentence, so one value serves every language.

use super::{
    brokerage, community_gaps, cut_points, inward_looking, peripheral_organizations_with,
    service_reach, structural_holes, Brokerage, CommunityGaps, CutPoints, InwardLooking,
    PeripheralOrganization, ServiceReach, StructuralHoles,
};
use crate::centrality::Distances;
use crate::community::{louvain, Partition};
use crate::network::{node, Network, Node, NominalAttribute};
use crate::policy::{DEFAULT_SEED, MAX_LISTED};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the brokerage groups are: corridors when the organizations have them, communities
/// otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BrokerageGroups {
    /// The `corridor` attribute (organizations without one form a group of their own).
    Corridor,
    /// The Louvain communities.
    Community,
}

impl BrokerageGroups {
    /// `corridor` or `community`, as in column names and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            BrokerageGroups::Corridor => "corridor",
            BrokerageGroups::Community => "community",
        }
    }
}

/// Every gap finding of one network.
#[derive(Debug)]
pub struct GapAnalysis {
    /// Louvain partition (γ = 1, seed [`DEFAULT_SEED`]).
    pub partition: Partition,
    /// Community labels ([`community_labels`]).
    pub labels: Vec<String>,
    /// Peripheral organizations, most severe first.
    pub peripheral: Vec<PeripheralOrganization>,
    /// Organizations whose ties all stay inside their community, most ties first.
    pub inward_looking: Vec<InwardLooking>,
    /// Cut points, each listing at most [`MAX_LISTED`] organizations per part cut off.
    pub cut: CutPoints,
    /// Structural holes (weighted).
    pub holes: StructuralHoles,
    /// Organizations with a finite constraint, most constrained first (ties by index).
    pub most_constrained: Vec<Node>,
    /// Community gaps.
    pub community_gaps: CommunityGaps,
    /// Service reach.
    pub reach: ServiceReach,
    /// Brokerage by corridor (or community when no corridor is known).
    pub brokerage: Brokerage,
    /// What the brokerage groups are.
    pub brokerage_groups: BrokerageGroups,
}

impl GapAnalysis {
    /// The label of community `c` (empty for a community that does not exist).
    pub fn label(&self, c: u32) -> &str {
        self.labels.get(c as usize).map_or("", String::as_str)
    }
}

/// Runs every gap analysis of `net` (see [`gap_analysis_with`] to share the distance search
/// with closeness and harmonic centrality).
///
/// # Returns
/// The Louvain partition at γ = 1 with the default seed and its labels; peripheral and
/// inward-looking organizations; cut points; structural holes on the tie weights, with the
/// organizations ordered by constraint; community gaps; service reach; brokerage roles
/// between corridors (between communities when no organization has a corridor).
///
/// # Complexity
/// The sum of its parts; the largest are structural holes, O(Σ_v deg(v)²), and service
/// reach, O(n + m) per service.
///
/// # Examples
/// Two triangles joined by one tie: two communities, and the tie's ends are cut points.
/// ```
/// use puentes_analysis::gaps::{gap_analysis, BrokerageGroups};
/// use puentes_analysis::Network;
/// let tie = |a, b| (a, b, 1.0);
/// let net = Network::from_edges(6, &[tie(0, 1), tie(1, 2), tie(0, 2), tie(3, 4), tie(4, 5),
///                                    tie(3, 5), tie(2, 3)]);
/// let g = gap_analysis(&net);
/// assert_eq!(g.partition.membership, vec![0, 0, 0, 1, 1, 1]);
/// assert_eq!(g.labels, vec!["0 (3)", "1 (3)"]);
/// let mut cut: Vec<u32> = g.cut.articulation_points.iter().map(|a| a.node).collect();
/// cut.sort();
/// assert_eq!(cut, vec![2, 3]);
/// assert_eq!(g.brokerage_groups, BrokerageGroups::Community);
/// ```
pub fn gap_analysis(net: &Network) -> GapAnalysis {
    gap_analysis_with(net, &Distances::of(net))
}

/// [`gap_analysis`] reading the periphery's closeness from `distances` ([`Distances::of`] of
/// the same `net`): a caller that keeps them for its closeness and harmonic columns too
/// searches the network once.
///
/// # Panics
/// When `distances` were computed from a network with another number of nodes.
pub fn gap_analysis_with(net: &Network, distances: &Distances) -> GapAnalysis {
    let partition = louvain(net, 1.0, DEFAULT_SEED);
    let labels = community_labels(net, &partition);
    let (corridors, table) = codes(net, NominalAttribute::Corridor);
    let (groups, brokerage_groups) = if table.is_empty() {
        (partition.membership.clone(), BrokerageGroups::Community)
    } else {
        let missing = table.len() as u32;
        (
            corridors.iter().map(|c| c.unwrap_or(missing)).collect(),
            BrokerageGroups::Corridor,
        )
    };
    let holes = structural_holes(net, true);
    let mut most_constrained: Vec<Node> = (0..net.node_count())
        .map(node)
        .filter(|&v| holes.constraint[v as usize].is_finite())
        .collect();
    most_constrained.sort_by(|&a, &b| {
        holes.constraint[b as usize]
            .total_cmp(&holes.constraint[a as usize])
            .then(a.cmp(&b))
    });
    GapAnalysis {
        peripheral: peripheral_organizations_with(net, distances),
        inward_looking: inward_looking(net, &partition.membership),
        cut: cut_points(net, MAX_LISTED),
        holes,
        most_constrained,
        community_gaps: community_gaps(net, &partition.membership),
        reach: service_reach(net),
        brokerage: brokerage(net, &groups),
        brokerage_groups,
        labels,
        partition,
    }
}

/// Codes for a nominal attribute, in order of first appearance (missing = `None`), with the
/// code → value table.
///
/// ```
/// use puentes_analysis::gaps::codes;
/// use puentes_analysis::network::NominalAttribute;
/// use puentes_analysis::Network;
/// let net = Network::from_edges(2, &[(0, 1, 1.0)]);
/// assert_eq!(codes(&net, NominalAttribute::Corridor), (vec![None, None], vec![]));
/// ```
pub fn codes(net: &Network, attr: NominalAttribute) -> (Vec<Option<u32>>, Vec<String>) {
    let mut table: Vec<String> = Vec::new();
    let mut index: BTreeMap<String, u32> = BTreeMap::new();
    let col = net.nominal(attr);
    let codes = col
        .into_iter()
        .map(|v| {
            v.map(|s| {
                *index.entry(s.clone()).or_insert_with(|| {
                    table.push(s);
                    (table.len() - 1) as u32
                })
            })
        })
        .collect();
    (codes, table)
}

/// Labels each community by its most common corridor (or country when no corridor is known)
/// and that value's share of the members: `4: us_border_states (16/19)`, or `4 (19)` when no
/// member has either. A label is data, not words, so it reads the same in every language.
pub fn community_labels(net: &Network, p: &Partition) -> Vec<String> {
    let mut counts: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); p.count];
    let mut sizes = vec![0usize; p.count];
    for v in 0..net.node_count() {
        let c = p.membership[v] as usize;
        sizes[c] += 1;
        let o = net.organization(node(v));
        let key = o
            .corridor
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| o.country.clone());
        if !key.is_empty() {
            *counts[c].entry(key).or_default() += 1;
        }
    }
    counts
        .iter()
        .enumerate()
        .map(
            |(c, m)| match m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                Some((k, n)) => format!("{c}: {k} ({n}/{})", sizes[c]),
                None => format!("{c} ({})", sizes[c]),
            },
        )
        .collect()
}
