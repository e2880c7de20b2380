//! The network over time: the network of a year, the years a network covers, and what
//! changed between two years.
//!
//! Ties carry `since` and `until` years (survey waves add them). The network **of year Y**
//! ([`at_year`]) holds the ties active in Y (`since ≤ Y ≤ until`; an unknown `since` counts
//! as present, an unknown `until` as not ended — [`crate::model::Tie::active_in`]) and the
//! organizations founded by then (an unknown founding year counts as founded) or tied by then
//! (a tie with `since ≤ Y`, even one that ended). Every analysis of Puentes runs on it as on
//! any network.
//!
//! [`changes`] compares the networks of two years pair by pair: a tie counts once per pair of
//! organizations, however many kinds or projects it holds, and its strength is the sum of
//! their strengths (the collapsed edge weight of [`crate::network::Network`]).
//!
//! ```
//! use puentes_analysis::model::*;
//! use puentes_analysis::time::{at_year, changes};
//! let tie = |s: &str, t: &str, since, until| Tie { source: s.into(), target: t.into(),
//!     kind: TieKind::Referral, strength: 2, since: Some(since), until, reported_by: ReportedBy::Both,
//!     attributes: Default::default() };
//! let data = NetworkData {
//!     organizations: vec![Organization::bare("a"), Organization::bare("b"), Organization::bare("c")],
//!     ties: vec![tie("a", "b", 2019, Some(2021)), tie("b", "c", 2022, None)],
//! };
//! assert_eq!(at_year(&data, 2020).ties.len(), 1);
//! let c = changes(&data, 2020, 2023);
//! assert_eq!(c.ties_formed, vec![("b".to_string(), "c".to_string())]);
//! assert_eq!(c.ties_ended, vec![("a".to_string(), "b".to_string())]);
//! assert_eq!(c.newly_isolated, vec!["a".to_string()]);
//! ```

use crate::community::louvain;
use crate::community::Partition;
use crate::gaps::cut_points::cut_points;
use crate::gaps::findings::{community_themes, CommunityTheme};
use crate::gaps::periphery::peripheral_organizations;
use crate::model::{NetworkData, MAX_YEAR, MIN_YEAR};
use crate::network::Network;
use crate::summary::{cohesion, PathMethod, SummaryOptions};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The network of `year` (see the [module docs](self)).
///
/// # Complexity
/// O(n + m) for n organizations and m ties.
pub fn at_year(data: &NetworkData, year: i32) -> NetworkData {
    let (ties, organizations) = at_year_indices(data, year);
    NetworkData {
        organizations: organizations
            .into_iter()
            .map(|i| data.organizations[i].clone())
            .collect(),
        ties: ties.into_iter().map(|i| data.ties[i].clone()).collect(),
    }
}

/// The years the data speaks of: from the earliest tie start to the latest start or end,
/// `None` when no tie carries a year.
pub fn span(data: &NetworkData) -> Option<(i32, i32)> {
    let years = data
        .ties
        .iter()
        .flat_map(|t| [t.since, t.until])
        .flatten()
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y));
    let (mut lo, mut hi) = (None::<i32>, None::<i32>);
    for y in years {
        lo = Some(lo.map_or(y, |l| l.min(y)));
        hi = Some(hi.map_or(y, |h| h.max(y)));
    }
    Some((lo?, hi?))
}

/// A pair whose collapsed strength changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrengthChange {
    /// One organization (the smaller id).
    pub a: String,
    /// The other.
    pub b: String,
    /// Summed strength of the pair's ties in the first year.
    pub from: u32,
    /// In the second year.
    pub to: u32,
}

/// What changed between the networks of two years ([`changes`]). Ids are sorted; pairs are
/// `(smaller id, larger id)`, sorted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// The first year.
    pub from: i32,
    /// The second year.
    pub to: i32,
    /// Pairs without a tie in `from` and with one in `to`.
    pub ties_formed: Vec<(String, String)>,
    /// Pairs with a tie in `from` and none in `to`.
    pub ties_ended: Vec<(String, String)>,
    /// Pairs tied in both years whose strength grew.
    pub strengthened: Vec<StrengthChange>,
    /// Pairs tied in both years whose strength fell.
    pub weakened: Vec<StrengthChange>,
    /// Organizations in the network of `to` and not of `from`.
    pub joined: Vec<String>,
    /// Organizations in the network of `from` and not of `to`.
    pub left: Vec<String>,
    /// Organizations without ties in `to` that had some in `from` (or were not there).
    pub newly_isolated: Vec<String>,
    /// Organizations isolated in `from` that have ties in `to`.
    pub no_longer_isolated: Vec<String>,
    /// Peripheral in `to` and not in `from` ([`peripheral_organizations`]).
    pub newly_peripheral: Vec<String>,
    /// Peripheral in `from` and not in `to`.
    pub no_longer_peripheral: Vec<String>,
    /// Cut points of `to` that were not cut points in `from`, with how many organizations
    /// they cut off in `to`.
    pub cut_points_gained: Vec<(String, usize)>,
    /// Cut points of `from` that are not in `to`.
    pub cut_points_lost: Vec<String>,
    /// Bridges (ties whose loss splits the network) of `to` that were not bridges in `from`,
    /// with the size of the smaller side.
    pub bridges_gained: Vec<(String, String, usize)>,
    /// Bridges of `from` that are not bridges in `to`.
    pub bridges_lost: Vec<(String, String)>,
    /// The communities of both years matched ([`CommunityChanges`]).
    pub communities: CommunityChanges,
}

/// Share of the organizations of either year's version a community must keep to be the same
/// community in the other year ([`CommunityChanges::continued`]): Jaccard overlap strictly
/// above one half. Above one half, a community has at most one match in the other year
/// (two communities of the other year are disjoint, and each would need more than half of
/// it), so "the same community" needs no tie-break; at or below it, two equal halves of a
/// merged community would both claim to be it. Merges and splits, which overlap cannot
/// express at this threshold (each of two equal halves overlaps the whole at exactly 1/2,
/// each of three at 1/3), are read from where the majority of the members went instead.
pub const SAME_COMMUNITY_OVERLAP: f64 = 0.5;

/// One community of one year (two organizations or more; an isolated organization is a
/// community of one and is reported as isolated instead).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearCommunity {
    /// Its number in that year's partition (Louvain, γ = 1, the default seed: the partition
    /// of the gap analysis of that year).
    pub id: u32,
    /// Organizations in it.
    pub size: usize,
    /// What characterises it ([`community_themes`]), for the service to name it in words.
    pub theme: CommunityTheme,
}

/// A community that is the same in both years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Continued {
    /// Its number in the first year.
    pub from: u32,
    /// Its number in the second year.
    pub to: u32,
    /// Jaccard overlap of the two member sets `|A ∩ B| / |A ∪ B|`
    /// (above [`SAME_COMMUNITY_OVERLAP`]).
    pub overlap: f64,
}

/// Communities whose members came together, or a community whose members went apart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regrouped {
    /// Communities of the first year (ascending).
    pub from: Vec<u32>,
    /// Communities of the second year (ascending).
    pub to: Vec<u32>,
}

/// Two communities that started or stopped working together: each the same community in
/// both years ([`Continued`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunityPairChange {
    /// The two communities' numbers in the first year.
    pub from: (u32, u32),
    /// Their numbers in the second year.
    pub to: (u32, u32),
    /// Pairs of organizations tied across them in the first year.
    pub ties_before: usize,
    /// In the second year.
    pub ties_after: usize,
}

/// The communities of two years matched.
///
/// Communities `A` of the first year and `B` of the second, as sets of organization ids
/// (two organizations or more):
/// * **continued** — the Jaccard overlap `|A ∩ B| / |A ∪ B|` is above
///   [`SAME_COMMUNITY_OVERLAP`] (at most one such `B` per `A`);
/// * `A` **went into** `B` when `B` holds more than half of the members of `A` that are still
///   in the network, and at least two; `B` **came from** `A` when more than half of the
///   members of `B` that were in the network before (and at least two) were in `A` — each
///   community goes into, or comes from, at most one;
/// * **merged** — two or more communities went into the same `B`;
/// * **split** — two or more communities came from the same `A`;
/// * **appeared** — `B` continues none, no community went into it, it came from none (its
///   members are newcomers or came from many places);
/// * **dissolved** — `A` continues into none, went into none, and none came from it.
///
/// The change of the community tie matrix is read between continued communities only (the
/// others have no counterpart): a pair with no tie across it in one year and some in the
/// other **started** (or **stopped**) **talking**.
///
/// Same events as M. Greene, D. Doyle, P. Cunningham, *Tracking the evolution of communities
/// in dynamic social networks*, ASONAM 2010 (continuation by Jaccard overlap above a
/// threshold; merge, split, birth, death), with majorities for merges and splits.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CommunityChanges {
    /// The communities of the first year, by number.
    pub from: Vec<YearCommunity>,
    /// Of the second year.
    pub to: Vec<YearCommunity>,
    /// Same community in both years, by first-year number.
    pub continued: Vec<Continued>,
    /// Several communities of the first year went into one of the second (`to` has one).
    pub merged: Vec<Regrouped>,
    /// One community of the first year became several (`from` has one).
    pub split: Vec<Regrouped>,
    /// Communities of the second year with no counterpart in the first.
    pub appeared: Vec<u32>,
    /// Communities of the first year with no counterpart in the second.
    pub dissolved: Vec<u32>,
    /// Continued communities with ties across them in the second year and none in the first.
    pub started_talking: Vec<CommunityPairChange>,
    /// With ties across them in the first year and none in the second.
    pub stopped_talking: Vec<CommunityPairChange>,
}

/// Pair → summed strength of the active ties of `data`.
fn pairs(data: &NetworkData) -> BTreeMap<(String, String), u32> {
    let mut out: BTreeMap<(String, String), u32> = BTreeMap::new();
    for t in &data.ties {
        if t.source == t.target {
            continue;
        }
        let key = if t.source < t.target {
            (t.source.clone(), t.target.clone())
        } else {
            (t.target.clone(), t.source.clone())
        };
        *out.entry(key).or_default() += u32::from(t.strength);
    }
    out
}

/// What one year's network shows, for comparison.
struct YearView {
    ids: BTreeSet<String>,
    pairs: BTreeMap<(String, String), u32>,
    isolated: BTreeSet<String>,
    peripheral: BTreeSet<String>,
    cut_points: BTreeMap<String, usize>,
    bridges: BTreeMap<(String, String), usize>,
    /// Community of each organization (Louvain, γ = 1, the default seed).
    community: BTreeMap<String, u32>,
    /// Communities of two organizations or more.
    communities: Vec<YearCommunity>,
    /// Pairs of different communities (smaller first) → tied pairs across them.
    across: BTreeMap<(u32, u32), usize>,
}

/// The network of one year, built once, with its communities (Louvain, γ = 1, the default
/// seed): what both its [`YearView`] and its [`YearFigures`] read.
struct Year {
    year: i32,
    data: NetworkData,
    net: Network,
    partition: Partition,
}

impl Year {
    fn of(data: &NetworkData, year: i32) -> Year {
        let d = at_year(data, year);
        let net = Network::new(&d);
        let partition = louvain(&net, 1.0, crate::policy::DEFAULT_SEED);
        Year {
            year,
            data: d,
            net,
            partition,
        }
    }
}

fn view(y: &Year) -> YearView {
    let (d, net, partition) = (&y.data, &y.net, &y.partition);
    let id = |v: crate::network::Node| d.organizations[v as usize].id.clone();
    let pairs = pairs(d);
    let mut tied: HashSet<&str> = HashSet::new();
    for (a, b) in pairs.keys() {
        tied.insert(a);
        tied.insert(b);
    }
    let cuts = cut_points(net, usize::MAX);
    let themes = community_themes(net, partition);
    let members = partition.communities();
    let community: BTreeMap<String, u32> = (0..net.node_count())
        .map(|v| (id(v as crate::network::Node), partition.membership[v]))
        .collect();
    let mut across: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    for (u, v, _) in net.edges() {
        let (a, b) = (
            partition.membership[u as usize],
            partition.membership[v as usize],
        );
        if a != b {
            *across.entry((a.min(b), a.max(b))).or_default() += 1;
        }
    }
    YearView {
        communities: members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.len() >= 2)
            .map(|(c, m)| YearCommunity {
                id: c as u32,
                size: m.len(),
                theme: themes[c].clone(),
            })
            .collect(),
        community,
        across,
        ids: d.organizations.iter().map(|o| o.id.clone()).collect(),
        isolated: d
            .organizations
            .iter()
            .filter(|o| !tied.contains(o.id.as_str()))
            .map(|o| o.id.clone())
            .collect(),
        peripheral: peripheral_organizations(net)
            .into_iter()
            .map(|p| id(p.node))
            .collect(),
        cut_points: cuts
            .articulation_points
            .iter()
            .map(|a| (id(a.node), a.cut_off_total))
            .collect(),
        bridges: cuts
            .bridges
            .iter()
            .map(|b| {
                let (u, v) = (id(b.u), id(b.v));
                let key = if u < v { (u, v) } else { (v, u) };
                (key, b.smaller_side_size)
            })
            .collect(),
        pairs,
    }
}

/// What changed from the network of year `from` to that of year `to` (see [`Changes`]).
///
/// # Complexity
/// Two networks are built and analysed: O(n + m log m) each for the pairs, plus cut points
/// (O(n + m)), the periphery (closeness: O(n·m) unweighted) and Louvain of each year.
pub fn changes(data: &NetworkData, from: i32, to: i32) -> Changes {
    let (a, b) = rayon::join(|| view(&Year::of(data, from)), || view(&Year::of(data, to)));
    between(&a, &b, from, to)
}

/// [`changes`] and the [`figures`] of both years, each year's network built and its
/// communities found once for both.
///
/// # Complexity
/// That of [`changes`] plus, per year, that of [`figures`] without its Louvain.
pub fn changes_and_figures(
    data: &NetworkData,
    from: i32,
    to: i32,
    opts: &SummaryOptions,
) -> (Changes, YearFigures, YearFigures) {
    // The two years are independent: analysed side by side (rayon).
    let year = |y: i32| {
        let it = Year::of(data, y);
        (view(&it), figures_of(&it, opts))
    };
    let ((va, fa), (vb, fb)) = rayon::join(|| year(from), || year(to));
    (between(&va, &vb, from, to), fa, fb)
}

/// What changed from view `a` (of year `from`) to view `b` (of year `to`).
fn between(a: &YearView, b: &YearView, from: i32, to: i32) -> Changes {
    let minus = |x: &BTreeSet<String>, y: &BTreeSet<String>| -> Vec<String> {
        x.difference(y).cloned().collect()
    };
    let mut strengthened = Vec::new();
    let mut weakened = Vec::new();
    for (pair, &s1) in &a.pairs {
        if let Some(&s2) = b.pairs.get(pair) {
            let c = StrengthChange {
                a: pair.0.clone(),
                b: pair.1.clone(),
                from: s1,
                to: s2,
            };
            if s2 > s1 {
                strengthened.push(c);
            } else if s2 < s1 {
                weakened.push(c);
            }
        }
    }
    // Isolated in `to` and not before: had ties in `from`, or joined without any.
    let newly_isolated = b
        .isolated
        .iter()
        .filter(|id| !a.isolated.contains(*id))
        .cloned()
        .collect();
    let no_longer_isolated = a
        .isolated
        .iter()
        .filter(|id| b.ids.contains(*id) && !b.isolated.contains(*id))
        .cloned()
        .collect();
    Changes {
        from,
        to,
        ties_formed: b
            .pairs
            .keys()
            .filter(|p| !a.pairs.contains_key(*p))
            .cloned()
            .collect(),
        ties_ended: a
            .pairs
            .keys()
            .filter(|p| !b.pairs.contains_key(*p))
            .cloned()
            .collect(),
        strengthened,
        weakened,
        joined: minus(&b.ids, &a.ids),
        left: minus(&a.ids, &b.ids),
        newly_isolated,
        no_longer_isolated,
        newly_peripheral: minus(&b.peripheral, &a.peripheral),
        no_longer_peripheral: a
            .peripheral
            .iter()
            .filter(|id| b.ids.contains(*id) && !b.peripheral.contains(*id))
            .cloned()
            .collect(),
        cut_points_gained: b
            .cut_points
            .iter()
            .filter(|(id, _)| !a.cut_points.contains_key(*id))
            .map(|(id, n)| (id.clone(), *n))
            .collect(),
        cut_points_lost: a
            .cut_points
            .keys()
            .filter(|id| !b.cut_points.contains_key(*id))
            .cloned()
            .collect(),
        bridges_gained: b
            .bridges
            .iter()
            .filter(|(p, _)| !a.bridges.contains_key(*p))
            .map(|((u, v), n)| (u.clone(), v.clone(), *n))
            .collect(),
        bridges_lost: a
            .bridges
            .keys()
            .filter(|p| !b.bridges.contains_key(*p))
            .cloned()
            .collect(),
        communities: community_changes(a, b),
    }
}

/// The communities of `a` and `b` matched (see [`CommunityChanges`]).
fn community_changes(a: &YearView, b: &YearView) -> CommunityChanges {
    let sized = |v: &YearView| -> BTreeMap<u32, usize> {
        v.communities.iter().map(|c| (c.id, c.size)).collect()
    };
    let (size_a, size_b) = (sized(a), sized(b));
    // |A ∩ B| for every pair that shares someone; members still (or already) there.
    let mut shared: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    let mut staying_a: BTreeMap<u32, usize> = BTreeMap::new();
    let mut staying_b: BTreeMap<u32, usize> = BTreeMap::new();
    for (id, &ca) in &a.community {
        let Some(&cb) = b.community.get(id) else {
            continue;
        };
        if size_a.contains_key(&ca) {
            *staying_a.entry(ca).or_default() += 1;
        }
        if size_b.contains_key(&cb) {
            *staying_b.entry(cb).or_default() += 1;
        }
        if size_a.contains_key(&ca) && size_b.contains_key(&cb) {
            *shared.entry((ca, cb)).or_default() += 1;
        }
    }
    let mut continued = Vec::new();
    let mut went_into: BTreeMap<u32, u32> = BTreeMap::new();
    let mut came_from: BTreeMap<u32, u32> = BTreeMap::new();
    for (&(ca, cb), &both) in &shared {
        let union = size_a[&ca] + size_b[&cb] - both;
        let overlap = both as f64 / union as f64;
        if overlap > SAME_COMMUNITY_OVERLAP {
            continued.push(Continued {
                from: ca,
                to: cb,
                overlap,
            });
        }
        if both >= 2 && 2 * both > staying_a[&ca] {
            went_into.insert(ca, cb);
        }
        if both >= 2 && 2 * both > staying_b[&cb] {
            came_from.insert(cb, ca);
        }
    }
    let forward: BTreeMap<u32, u32> = continued.iter().map(|c| (c.from, c.to)).collect();
    let backward: BTreeMap<u32, u32> = continued.iter().map(|c| (c.to, c.from)).collect();
    let mut into: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (&ca, &cb) in &went_into {
        into.entry(cb).or_default().push(ca);
    }
    let mut from: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (&cb, &ca) in &came_from {
        from.entry(ca).or_default().push(cb);
    }
    let merged = into
        .iter()
        .filter(|(_, sources)| sources.len() >= 2)
        .map(|(&cb, sources)| Regrouped {
            from: sources.clone(),
            to: vec![cb],
        })
        .collect();
    let split = from
        .iter()
        .filter(|(_, parts)| parts.len() >= 2)
        .map(|(&ca, parts)| Regrouped {
            from: vec![ca],
            to: parts.clone(),
        })
        .collect();
    let appeared = size_b
        .keys()
        .filter(|cb| {
            !backward.contains_key(cb) && !into.contains_key(cb) && !came_from.contains_key(cb)
        })
        .copied()
        .collect();
    let dissolved = size_a
        .keys()
        .filter(|ca| {
            !forward.contains_key(ca) && !went_into.contains_key(ca) && !from.contains_key(ca)
        })
        .copied()
        .collect();
    let pair = |x: u32, y: u32| (x.min(y), x.max(y));
    let mut started_talking = Vec::new();
    for (&(x, y), &after) in &b.across {
        if let (Some(&px), Some(&py)) = (backward.get(&x), backward.get(&y)) {
            if !a.across.contains_key(&pair(px, py)) {
                started_talking.push(CommunityPairChange {
                    from: pair(px, py),
                    to: (x, y),
                    ties_before: 0,
                    ties_after: after,
                });
            }
        }
    }
    let mut stopped_talking = Vec::new();
    for (&(x, y), &before) in &a.across {
        if let (Some(&nx), Some(&ny)) = (forward.get(&x), forward.get(&y)) {
            if !b.across.contains_key(&pair(nx, ny)) {
                stopped_talking.push(CommunityPairChange {
                    from: (x, y),
                    to: pair(nx, ny),
                    ties_before: before,
                    ties_after: 0,
                });
            }
        }
    }
    CommunityChanges {
        from: a.communities.clone(),
        to: b.communities.clone(),
        continued,
        merged,
        split,
        appeared,
        dissolved,
        started_talking,
        stopped_talking,
    }
}

/// The whole-network figures of one year ([`figures`]), for a timeline or a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearFigures {
    /// The year.
    pub year: i32,
    /// Organizations in the network of the year ([`at_year`]).
    pub organizations: usize,
    /// Of them, with at least one tie that year.
    pub tied_organizations: usize,
    /// Pairs of organizations with a tie (however many kinds).
    pub tied_pairs: usize,
    /// `2m / (n (n − 1))` ([`crate::summary::Summary::density`]).
    pub density: f64,
    /// Connected components, isolated organizations included.
    pub components: usize,
    /// Share of the organizations in the largest component (0 for an empty network).
    pub largest_component_share: f64,
    /// Mean hop distance in the largest component (`None` for an empty network).
    pub average_distance: Option<f64>,
    /// Global efficiency ([`crate::summary::global_efficiency`]): the mean of `1 / d(u, v)` over ordered pairs
    /// of distinct organizations, 0 for pairs that cannot reach each other (NetworkX
    /// `global_efficiency`). Reads every component, unlike the average distance.
    pub global_efficiency: f64,
    /// Mean local clustering ([`crate::summary::Summary::average_clustering`]).
    pub clustering: f64,
    /// Modularity of the Louvain partition (resolution 1, the default seed): how clearly the
    /// network falls into communities. 0 without ties.
    pub modularity: f64,
    /// Communities of that partition.
    pub communities: usize,
    /// Freeman degree centralization (`None` when fewer than 3 organizations).
    pub degree_centralization: Option<f64>,
    /// Whether distances were exact or sampled.
    pub paths: PathMethod,
}

/// The whole-network figures of the network of `year`.
///
/// # Complexity
/// The distance search and triangles of [`crate::summary::summary`] (no betweenness: exact,
/// one search from every node gives the distances and the efficiency together), and one
/// [`louvain`] of the year's network.
pub fn figures(data: &NetworkData, year: i32, opts: &SummaryOptions) -> YearFigures {
    figures_of(&Year::of(data, year), opts)
}

fn figures_of(y: &Year, opts: &SummaryOptions) -> YearFigures {
    let (net, partition) = (&y.net, &y.partition);
    let s = cohesion(net, opts, true);
    let tied = (0..net.node_count())
        .filter(|&v| net.degree(v as crate::network::Node) > 0)
        .count();
    YearFigures {
        year: y.year,
        organizations: s.nodes,
        tied_organizations: tied,
        tied_pairs: s.ties,
        density: s.density,
        components: s.components,
        largest_component_share: if s.nodes == 0 {
            0.0
        } else {
            s.largest_component as f64 / s.nodes as f64
        },
        average_distance: s.average_shortest_path_length,
        global_efficiency: s.global_efficiency,
        clustering: s.average_clustering,
        modularity: if s.ties == 0 {
            0.0
        } else {
            partition.modularity
        },
        communities: partition.count,
        degree_centralization: s.degree_centralization,
        paths: s.paths,
    }
}

/// The figures of every year from `from` to `to` (inclusive), in order.
///
/// A year whose network is the previous year's (the same ties active, the same organizations
/// present) takes its figures without computing them again; the other years are computed in
/// parallel (rayon), each as [`figures`]. Same data, same figures, whatever the threads.
///
/// # Complexity
/// O(y (n + m)) to tell the years apart, plus [`figures`] for each year whose network differs
/// from the one before.
pub fn timeline(data: &NetworkData, from: i32, to: i32, opts: &SummaryOptions) -> Vec<YearFigures> {
    use rayon::prelude::*;
    // What each year's network is made of: the indices of its ties and organizations.
    let years: Vec<i32> = (from..=to).collect();
    let makeups: Vec<_> = years
        .par_iter()
        .map(|&y| at_year_indices(data, y))
        .collect();
    // The first year of each run of years with the same network.
    let first_of_run: Vec<usize> = (0..years.len())
        .scan(0usize, |start, i| {
            if i > 0 && makeups[i] != makeups[i - 1] {
                *start = i;
            }
            Some(*start)
        })
        .collect();
    let computed: BTreeMap<usize, YearFigures> = first_of_run
        .iter()
        .copied()
        .collect::<BTreeSet<usize>>()
        .into_par_iter()
        .map(|i| (i, figures(data, years[i], opts)))
        .collect();
    years
        .iter()
        .zip(&first_of_run)
        .map(|(&year, start)| YearFigures {
            year,
            ..computed[start].clone()
        })
        .collect()
}

/// The indices of the ties and organizations of the network of `year` (as [`at_year`] keeps
/// them).
fn at_year_indices(data: &NetworkData, year: i32) -> (Vec<usize>, Vec<usize>) {
    let ties: Vec<usize> = (0..data.ties.len())
        .filter(|&i| data.ties[i].active_in(year))
        .collect();
    let tied: HashSet<&str> = data
        .ties
        .iter()
        .filter(|t| t.since.is_none_or(|s| s <= year))
        .flat_map(|t| [t.source.as_str(), t.target.as_str()])
        .collect();
    let organizations = (0..data.organizations.len())
        .filter(|&i| {
            let o = &data.organizations[i];
            o.founded_year.is_none_or(|f| f <= year) || tied.contains(o.id.as_str())
        })
        .collect();
    (ties, organizations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Organization, ReportedBy, Tie, TieKind};
    use proptest::prelude::*;

    fn tie(s: &str, t: &str, kind: TieKind, strength: u8, since: i32, until: Option<i32>) -> Tie {
        Tie {
            source: s.into(),
            target: t.into(),
            kind,
            strength,
            since: Some(since),
            until,
            reported_by: ReportedBy::Both,
            attributes: Default::default(),
        }
    }

    /// a - b - c in 2020 (b a cut point, both ties bridges); by 2024 a - c closes the
    /// triangle, b - c grows a second kind, d joins (founded 2023) tied to c, and e (founded
    /// 2010) stays alone.
    fn dated() -> NetworkData {
        let mut d = Organization::bare("d");
        d.founded_year = Some(2023);
        let mut e = Organization::bare("e");
        e.founded_year = Some(2010);
        NetworkData {
            organizations: vec![
                Organization::bare("a"),
                Organization::bare("b"),
                Organization::bare("c"),
                d,
                e,
            ],
            ties: vec![
                tie("a", "b", TieKind::Referral, 2, 2018, None),
                tie("b", "c", TieKind::Referral, 1, 2019, None),
                tie("b", "c", TieKind::Coalition, 3, 2022, None),
                tie("a", "c", TieKind::Training, 2, 2021, None),
                tie("c", "d", TieKind::Funding, 2, 2023, None),
            ],
        }
    }

    #[test]
    fn the_network_of_a_year() {
        let data = dated();
        let y2020 = at_year(&data, 2020);
        let ids: Vec<_> = y2020.organizations.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "b", "c", "e"], "d is founded in 2023");
        assert_eq!(y2020.ties.len(), 2);
        assert_eq!(at_year(&data, 2024).ties.len(), 5);
        assert_eq!(span(&data), Some((2018, 2023)));
        assert_eq!(span(&NetworkData::default()), None);
    }

    #[test]
    fn figures_by_hand() {
        let f = figures(&dated(), 2020, &SummaryOptions::default());
        // a - b - c and e alone: 4 organizations, 2 pairs, density 2/6.
        assert_eq!(
            (f.organizations, f.tied_organizations, f.tied_pairs),
            (4, 3, 2)
        );
        assert!((f.density - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(f.components, 2);
        assert!((f.largest_component_share - 0.75).abs() < 1e-12);
        assert_eq!(f.average_distance, Some(4.0 / 3.0));
        // Ordered pairs: 4 at distance 1, 2 at distance 2 (a, c), the 6 with e unreachable.
        assert!((f.global_efficiency - (4.0 + 2.0 * 0.5) / 12.0).abs() < 1e-12);
        let t = timeline(&dated(), 2018, 2024, &SummaryOptions::default());
        let pairs: Vec<usize> = t.iter().map(|f| f.tied_pairs).collect();
        assert_eq!(pairs, vec![1, 2, 2, 3, 3, 4, 4]);
        // Years whose network is the year before's take its figures: the same as computing.
        for f in &t {
            assert_eq!(*f, figures(&dated(), f.year, &SummaryOptions::default()));
        }
        let (c, f2020, f2024) = changes_and_figures(&dated(), 2020, 2024, &Default::default());
        assert_eq!(c, changes(&dated(), 2020, 2024));
        assert_eq!((f2020, f2024), (t[2].clone(), t[6].clone()));
    }

    #[test]
    fn changes_by_hand() {
        let c = changes(&dated(), 2020, 2024);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(c.ties_formed, vec![pair("a", "c"), pair("c", "d")]);
        assert!(c.ties_ended.is_empty());
        assert_eq!(
            c.strengthened,
            vec![StrengthChange {
                a: "b".into(),
                b: "c".into(),
                from: 1,
                to: 4
            }]
        );
        assert_eq!(c.joined, vec!["d".to_string()]);
        assert!(c.left.is_empty());
        assert!(c.newly_isolated.is_empty());
        // b was the only link between a and c; the triangle ends that, and c now holds d.
        assert_eq!(c.cut_points_lost, vec!["b".to_string()]);
        assert_eq!(c.cut_points_gained, vec![("c".to_string(), 1)]);
        assert_eq!(c.bridges_lost, vec![pair("a", "b"), pair("b", "c")]);
        assert_eq!(
            c.bridges_gained,
            vec![("c".to_string(), "d".to_string(), 1)]
        );
        let back = changes(&dated(), 2024, 2020);
        assert_eq!(back.ties_ended, c.ties_formed);
        assert_eq!(back.left, c.joined);
    }

    /// Three triangles of three organizations each (`x1 x2 x3` for each prefix), tied
    /// `since` and until `until`.
    fn triangles(prefixes: &[(&str, i32, Option<i32>)]) -> Vec<Tie> {
        let mut out = Vec::new();
        for &(p, since, until) in prefixes {
            for (i, j) in [(1, 2), (1, 3), (2, 3)] {
                let (s, t) = (format!("{p}{i}"), format!("{p}{j}"));
                out.push(tie(&s, &t, TieKind::Referral, 1, since, until));
            }
        }
        out
    }

    fn organizations(prefixes: &str) -> Vec<Organization> {
        prefixes
            .chars()
            .flat_map(|p| (1..=3).map(move |i| Organization::bare(&format!("{p}{i}"))))
            .collect()
    }

    /// 2020: triangles a, b and c. 2024: a and b have become one community (all nine ties
    /// between them formed in 2022: six organizations all tied to each other), c's ties
    /// ended in 2021, and d's triangle formed in 2023.
    #[test]
    fn communities_merge_split_appear_and_dissolve() {
        let mut ties = triangles(&[("a", 2019, None), ("b", 2019, None)]);
        ties.extend(triangles(&[("c", 2019, Some(2021)), ("d", 2023, None)]));
        for i in 1..=3 {
            for j in 1..=3 {
                let (s, t) = (format!("a{i}"), format!("b{j}"));
                ties.push(tie(&s, &t, TieKind::Referral, 1, 2022, None));
            }
        }
        let data = NetworkData {
            organizations: organizations("abcd"),
            ties,
        };
        // 2020: a = 0, b = 1, c = 2 (d's are alone: communities of one, not counted).
        // 2024: a and b = 0, c's alone (1, 2, 3), d = 4.
        let c = changes(&data, 2020, 2024).communities;
        let ids = |v: &[YearCommunity]| v.iter().map(|c| (c.id, c.size)).collect::<Vec<_>>();
        assert_eq!(ids(&c.from), vec![(0, 3), (1, 3), (2, 3)]);
        assert_eq!(ids(&c.to), vec![(0, 6), (4, 3)]);
        // Each half overlaps the whole at exactly 1/2: neither is the same community.
        assert!(c.continued.is_empty());
        assert_eq!(
            c.merged,
            vec![Regrouped {
                from: vec![0, 1],
                to: vec![0]
            }]
        );
        assert!(c.split.is_empty());
        assert_eq!((c.appeared, c.dissolved), (vec![4], vec![2]));
        // Backwards, the same story read the other way.
        let back = changes(&data, 2024, 2020).communities;
        assert_eq!(
            back.split,
            vec![Regrouped {
                from: vec![0],
                to: vec![0, 1]
            }]
        );
        assert!(back.merged.is_empty());
        assert_eq!((back.appeared, back.dissolved), (vec![2], vec![4]));
    }

    /// Triangles a, b and c all years; a1 - b1 from 2019 to 2021, b2 - c1 from 2023: the
    /// same three communities, a and b stopped talking, b and c started.
    #[test]
    fn community_pairs_start_and_stop_talking() {
        let mut ties = triangles(&[("a", 2015, None), ("b", 2015, None), ("c", 2015, None)]);
        ties.push(tie("a1", "b1", TieKind::Referral, 1, 2019, Some(2021)));
        ties.push(tie("b2", "c1", TieKind::Referral, 1, 2023, None));
        let data = NetworkData {
            organizations: organizations("abc"),
            ties,
        };
        let c = changes(&data, 2020, 2024).communities;
        let kept: Vec<(u32, u32)> = c.continued.iter().map(|k| (k.from, k.to)).collect();
        assert_eq!(kept, vec![(0, 0), (1, 1), (2, 2)]);
        assert!(c.continued.iter().all(|k| k.overlap == 1.0));
        assert!(c.merged.is_empty() && c.split.is_empty());
        assert!(c.appeared.is_empty() && c.dissolved.is_empty());
        assert_eq!(
            c.stopped_talking,
            vec![CommunityPairChange {
                from: (0, 1),
                to: (0, 1),
                ties_before: 1,
                ties_after: 0
            }]
        );
        assert_eq!(
            c.started_talking,
            vec![CommunityPairChange {
                from: (1, 2),
                to: (1, 2),
                ties_before: 0,
                ties_after: 1
            }]
        );
    }

    fn arbitrary_data() -> impl Strategy<Value = NetworkData> {
        let ties = proptest::collection::vec(
            (
                0u8..8,
                0u8..8,
                1u8..=5,
                2015i32..2025,
                proptest::option::of(0i32..6),
            ),
            0..30,
        );
        ties.prop_map(|ts| {
            let organizations = (0..8)
                .map(|i| Organization::bare(&format!("o{i}")))
                .collect();
            let mut seen = HashSet::new();
            let ties = ts
                .into_iter()
                .filter(|(a, b, ..)| a != b)
                .filter(|(a, b, ..)| seen.insert((a.min(b).to_owned(), a.max(b).to_owned())))
                .map(|(a, b, s, since, dur)| {
                    tie(
                        &format!("o{a}"),
                        &format!("o{b}"),
                        TieKind::Referral,
                        s,
                        since,
                        dur.map(|d| since + d),
                    )
                })
                .collect();
            NetworkData {
                organizations,
                ties,
            }
        })
    }

    proptest! {
        /// The network of a year is the data filtered by year, and its collapsed network is
        /// the one built with `BuildOptions::as_of`.
        #[test]
        fn at_year_equals_filtering_by_year(data in arbitrary_data(), year in 2014i32..2031) {
            let filtered = at_year(&data, year);
            for t in &data.ties {
                let kept = filtered.ties.contains(t);
                prop_assert_eq!(kept, t.active_in(year));
            }
            let a = Network::new(&filtered);
            let b = Network::build(&data, crate::network::BuildOptions { as_of: Some(year), ..Default::default() });
            prop_assert_eq!(a.edge_count(), b.edge_count());
        }

        /// Formed and ended ties are exactly the brute-force difference of the two years' pairs.
        #[test]
        fn change_lists_equal_a_brute_force_diff(data in arbitrary_data(), y1 in 2014i32..2026, y2 in 2014i32..2031) {
            let c = changes(&data, y1, y2);
            let p1: BTreeSet<_> = data.ties.iter().filter(|t| t.active_in(y1)).map(|t| (t.source.clone().min(t.target.clone()), t.source.clone().max(t.target.clone()))).collect();
            let p2: BTreeSet<_> = data.ties.iter().filter(|t| t.active_in(y2)).map(|t| (t.source.clone().min(t.target.clone()), t.source.clone().max(t.target.clone()))).collect();
            prop_assert_eq!(c.ties_formed, p2.difference(&p1).cloned().collect::<Vec<_>>());
            prop_assert_eq!(c.ties_ended, p1.difference(&p2).cloned().collect::<Vec<_>>());
        }
    }
}
