//! What-if: the effect of proposed ties on the network's gaps, before and after.
//!
//! Every measure comes from its one implementation elsewhere in the crate (periphery, cut
//! points and constraint from [`crate::gaps`], components from [`crate::components`], the
//! average distance and global efficiency from [`crate::summary`]); this module only builds the network with the ties added and
//! compares.

use super::SuggestError;
use crate::components::components;
use crate::gaps::{constraint, cut_points, peripheral_organizations, service_reach, Reach};
use crate::model::{rules, NetworkData, ReportedBy, Service, Tie, TieKind};
use crate::network::{Network, Node};
use crate::summary::{cohesion, PathMethod, SummaryOptions};
use serde::Serialize;
use std::collections::BTreeSet;

/// A proposed tie between two organizations (node indices of the data's organizations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProposedTie {
    /// One organization.
    pub source: Node,
    /// The other.
    pub target: Node,
    /// Strength 1 to 5 (added to the pair's weight if they are already tied).
    pub strength: u8,
}

/// A value before and after the proposed ties.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change<T> {
    /// Now.
    pub before: T,
    /// With the proposed ties.
    pub after: T,
}

/// How many organizations lack one service within two ties, before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ServiceChange {
    /// The service.
    pub service: Service,
    /// Organizations with no offerer within two ties now.
    pub before: usize,
    /// With the proposed ties.
    pub after: usize,
}

/// The effect of the proposed ties.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// Proposed ties joining pairs that were not tied.
    pub new_pairs: usize,
    /// Proposed ties strengthening a pair already tied.
    pub strengthened_pairs: usize,
    /// Organizations with no ties.
    pub isolated: Change<usize>,
    /// Organizations flagged by [`crate::gaps::peripheral_organizations`] (isolated,
    /// pendant, low coreness or low closeness).
    pub peripheral: Change<usize>,
    /// Peripheral now, not any more.
    pub no_longer_peripheral: Vec<Node>,
    /// Not peripheral now, peripheral after (closeness thresholds move with the network).
    pub newly_peripheral: Vec<Node>,
    /// Connected components, isolates included.
    pub components: Change<usize>,
    /// Organizations in the largest component.
    pub largest_component: Change<usize>,
    /// Articulation points ([`crate::gaps::cut_points()`]).
    pub articulation_points: Change<usize>,
    /// Bridges.
    pub bridges: Change<usize>,
    /// Mean hop distance between organizations of the largest component (NetworkX
    /// `average_shortest_path_length` on it; estimated from sampled sources above
    /// [`crate::policy::EXACT_MAX_NODES`] organizations, see `distance_method`).
    pub average_distance: Change<Option<f64>>,
    /// How `average_distance` was obtained (the same both times).
    pub distance_method: PathMethod,
    /// Global efficiency Σ_{u≠v} 1/d(u, v) / (n (n − 1)), 1/∞ = 0 (NetworkX
    /// `global_efficiency`; [`crate::summary::global_efficiency`], sampled as the average
    /// distance is); 0 for fewer than two organizations.
    pub global_efficiency: Change<f64>,
    /// Each organization's Burt constraint (weighted, [`crate::gaps::constraint`]); `None`
    /// for an organization without ties.
    pub constraint: Change<Vec<Option<f64>>>,
    /// after − before per organization (`None` where either is undefined).
    pub constraint_delta: Vec<Option<f64>>,
    /// (organization, service) pairs with no offerer within two ties
    /// ([`crate::gaps::service_reach()`]), over services someone offers.
    pub unreachable_services: Change<usize>,
    /// The same per service offered by someone.
    pub services: Vec<ServiceChange>,
}

/// Measures the network of `data` with and without the proposed ties.
///
/// # Arguments
/// * `data` — the organizations and ties now (built with [`Network::new`], like the
///   service's revision network).
/// * `proposed` — ties to add; a pair may be proposed several times (weights add up).
///
/// # Errors
/// [`SuggestError::UnknownNode`] for a node outside the data,
/// [`SuggestError::InvalidOption`] for a self-tie or a strength outside 1-5.
///
/// # Complexity
/// Dominated by the distance measures, each twice (before and after): O(n m) for closeness
/// (in periphery), and one search for the average distance and global efficiency together
/// (sampled above [`crate::policy::EXACT_MAX_NODES`]; no betweenness); O(Σ_q k_q²) for
/// constraint.
///
/// # Examples
/// ```
/// use puentes_analysis::model::*;
/// use puentes_analysis::suggest::what_if::{what_if, ProposedTie};
/// // a - b and an isolated c: tying b and c joins everything in one path.
/// let data = NetworkData {
///     organizations: ["a", "b", "c"].map(Organization::bare).to_vec(),
///     ties: vec![Tie { source: "a".into(), target: "b".into(), kind: TieKind::Referral,
///         strength: 2, since: None, until: None, reported_by: ReportedBy::Both,
///         attributes: Default::default() }],
/// };
/// let w = what_if(&data, &[ProposedTie { source: 1, target: 2, strength: 1 }]).unwrap();
/// assert_eq!((w.isolated.before, w.isolated.after), (1, 0));
/// assert_eq!((w.components.before, w.components.after), (2, 1));
/// // Efficiency: before 2·1 / 6, after (2·1 + 2·1 + 2·1/2) / 6.
/// assert!((w.global_efficiency.before - 1.0 / 3.0).abs() < 1e-12);
/// assert!((w.global_efficiency.after - 5.0 / 6.0).abs() < 1e-12);
/// ```
pub fn what_if(data: &NetworkData, proposed: &[ProposedTie]) -> Result<WhatIf, SuggestError> {
    what_if_from(data, &Baseline::of(data), proposed)
}

/// The network of some data and its measures before any tie is added: half the work of a
/// [`what_if`], the same for every what-if of that data, so a caller that answers many
/// what-ifs of one network (the service, once per revision) computes it once.
#[derive(Debug)]
pub struct Baseline {
    net: Network,
    measures: Measures,
}

impl Baseline {
    /// The network of `data` ([`Network::new`]) and its measures.
    ///
    /// # Complexity
    /// One half of [`what_if`]'s: the distance measures of one network.
    pub fn of(data: &NetworkData) -> Baseline {
        let net = Network::new(data);
        let measures = Measures::of(&net);
        Baseline { net, measures }
    }
}

/// [`what_if`] with the measures before the ties read from `baseline`, which must be
/// [`Baseline::of`] the same `data`: only the network with the ties added is measured.
///
/// # Errors
/// As [`what_if`].
///
/// # Examples
/// ```
/// use puentes_analysis::model::*;
/// use puentes_analysis::suggest::what_if::{what_if, what_if_from, Baseline, ProposedTie};
/// let data = NetworkData {
///     organizations: ["a", "b", "c"].map(Organization::bare).to_vec(),
///     ties: vec![],
/// };
/// let baseline = Baseline::of(&data);
/// let tie = [ProposedTie { source: 0, target: 2, strength: 3 }];
/// assert_eq!(what_if_from(&data, &baseline, &tie).unwrap(), what_if(&data, &tie).unwrap());
/// ```
pub fn what_if_from(
    data: &NetworkData,
    baseline: &Baseline,
    proposed: &[ProposedTie],
) -> Result<WhatIf, SuggestError> {
    let n = data.organizations.len();
    let before = &baseline.net;
    let mut after_data = data.clone();
    let (mut new_pairs, mut strengthened) = (0, 0);
    let mut seen: BTreeSet<(Node, Node)> = BTreeSet::new();
    for t in proposed {
        for v in [t.source, t.target] {
            if v as usize >= n {
                return Err(SuggestError::UnknownNode { node: v, nodes: n });
            }
        }
        if t.source == t.target {
            return Err(SuggestError::InvalidOption {
                field: "target",
                value: t.target.to_string(),
                allowed: super::Allowed::Rule(crate::model::Rule::NotSelf),
            });
        }
        rules::strength(t.strength).map_err(|rule| SuggestError::InvalidOption {
            field: "strength",
            value: t.strength.to_string(),
            allowed: super::Allowed::Rule(rule),
        })?;
        let pair = (t.source.min(t.target), t.source.max(t.target));
        if before.has_edge(t.source, t.target) {
            strengthened += usize::from(seen.insert(pair));
        } else {
            new_pairs += usize::from(seen.insert(pair));
        }
        after_data.ties.push(Tie {
            source: data.organizations[t.source as usize].id.clone(),
            target: data.organizations[t.target as usize].id.clone(),
            kind: TieKind::JointProject,
            strength: t.strength,
            since: None,
            until: None,
            reported_by: ReportedBy::Both,
            attributes: Default::default(),
        });
    }
    let after = Network::new(&after_data);
    let b = &baseline.measures;
    let a = Measures::of(&after);
    let change = |f: fn(&Measures) -> usize| Change {
        before: f(b),
        after: f(&a),
    };
    let constraint_delta = b
        .constraint
        .iter()
        .zip(&a.constraint)
        .map(|(x, y)| Some(y.as_ref()? - x.as_ref()?))
        .collect();
    Ok(WhatIf {
        new_pairs,
        strengthened_pairs: strengthened,
        isolated: change(|m| m.isolated),
        peripheral: change(|m| m.peripheral.len()),
        no_longer_peripheral: b.peripheral.difference(&a.peripheral).copied().collect(),
        newly_peripheral: a.peripheral.difference(&b.peripheral).copied().collect(),
        components: change(|m| m.components),
        largest_component: change(|m| m.largest),
        articulation_points: change(|m| m.articulation_points),
        bridges: change(|m| m.bridges),
        average_distance: Change {
            before: b.average_distance,
            after: a.average_distance,
        },
        distance_method: b.distance_method,
        global_efficiency: Change {
            before: b.efficiency,
            after: a.efficiency,
        },
        constraint: Change {
            before: b.constraint.clone(),
            after: a.constraint.clone(),
        },
        constraint_delta,
        unreachable_services: change(|m| m.services.iter().map(|s| s.1).sum()),
        services: b
            .services
            .iter()
            .zip(&a.services)
            .map(|(x, y)| ServiceChange {
                service: x.0,
                before: x.1,
                after: y.1,
            })
            .collect(),
    })
}

/// The measures compared by [`what_if`], for one network.
#[derive(Debug)]
struct Measures {
    isolated: usize,
    peripheral: BTreeSet<Node>,
    components: usize,
    largest: usize,
    articulation_points: usize,
    bridges: usize,
    average_distance: Option<f64>,
    distance_method: PathMethod,
    efficiency: f64,
    constraint: Vec<Option<f64>>,
    /// (service, organizations without it within two ties) for services someone offers.
    services: Vec<(Service, usize)>,
}

impl Measures {
    fn of(net: &Network) -> Measures {
        let n = net.node_count();
        let comps = components(net);
        let cuts = cut_points(net, 0);
        // The summary's distances and the global efficiency in one search, without the
        // betweenness the summary would also compute (the same values, field for field).
        let s = cohesion(net, &SummaryOptions::default(), true);
        let reach = service_reach(net);
        let services = reach
            .services
            .iter()
            .enumerate()
            .filter(|&(i, _)| reach.reach.iter().any(|r| r[i] == Reach::Offers))
            .map(|(i, &svc)| {
                let lacking = reach.reach.iter().filter(|r| r[i] == Reach::Unreachable);
                (svc, lacking.count())
            })
            .collect();
        Measures {
            isolated: (0..n)
                .filter(|&v| net.degree(crate::network::node(v)) == 0)
                .count(),
            peripheral: peripheral_organizations(net)
                .into_iter()
                .map(|p| p.node)
                .collect(),
            components: comps.count,
            largest: comps.largest().map_or(0, |c| comps.sizes[c as usize]),
            articulation_points: cuts.articulation_points.len(),
            bridges: cuts.bridges.len(),
            average_distance: s.average_shortest_path_length,
            distance_method: s.paths,
            efficiency: s.global_efficiency,
            constraint: constraint(net, true)
                .into_iter()
                .map(|c| c.is_finite().then_some(c))
                .collect(),
            services,
        }
    }
}
