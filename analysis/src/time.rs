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
use crate::gaps::cut_points::cut_points;
use crate::gaps::periphery::peripheral_organizations;
use crate::model::{NetworkData, MAX_YEAR, MIN_YEAR};
use crate::network::Network;
use crate::summary::{summary, PathMethod, SummaryOptions};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The network of `year` (see the [module docs](self)).
///
/// # Complexity
/// O(n + m) for n organizations and m ties.
pub fn at_year(data: &NetworkData, year: i32) -> NetworkData {
    let ties: Vec<_> = data
        .ties
        .iter()
        .filter(|t| t.active_in(year))
        .cloned()
        .collect();
    let tied: HashSet<&str> = data
        .ties
        .iter()
        .filter(|t| t.since.is_none_or(|s| s <= year))
        .flat_map(|t| [t.source.as_str(), t.target.as_str()])
        .collect();
    let organizations = data
        .organizations
        .iter()
        .filter(|o| o.founded_year.is_none_or(|f| f <= year) || tied.contains(o.id.as_str()))
        .cloned()
        .collect();
    NetworkData {
        organizations,
        ties,
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
}

fn view(data: &NetworkData, year: i32) -> YearView {
    let d = at_year(data, year);
    let net = Network::new(&d);
    let id = |v: crate::network::Node| d.organizations[v as usize].id.clone();
    let pairs = pairs(&d);
    let mut tied: HashSet<&str> = HashSet::new();
    for (a, b) in pairs.keys() {
        tied.insert(a);
        tied.insert(b);
    }
    let cuts = cut_points(&net, usize::MAX);
    YearView {
        ids: d.organizations.iter().map(|o| o.id.clone()).collect(),
        isolated: d
            .organizations
            .iter()
            .filter(|o| !tied.contains(o.id.as_str()))
            .map(|o| o.id.clone())
            .collect(),
        peripheral: peripheral_organizations(&net)
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
/// (O(n + m)) and the periphery (closeness: O(n·m) unweighted) of each year.
pub fn changes(data: &NetworkData, from: i32, to: i32) -> Changes {
    let (a, b) = (view(data, from), view(data, to));
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
/// One [`summary`] and one [`louvain`] of the year's network.
pub fn figures(data: &NetworkData, year: i32, opts: &SummaryOptions) -> YearFigures {
    let d = at_year(data, year);
    let net = Network::new(&d);
    let s = summary(&net, opts);
    let partition = louvain(&net, 1.0, crate::policy::DEFAULT_SEED);
    let tied = (0..net.node_count())
        .filter(|&v| net.degree(v as crate::network::Node) > 0)
        .count();
    YearFigures {
        year,
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
pub fn timeline(data: &NetworkData, from: i32, to: i32, opts: &SummaryOptions) -> Vec<YearFigures> {
    (from..=to).map(|y| figures(data, y, opts)).collect()
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
        let t = timeline(&dated(), 2018, 2024, &SummaryOptions::default());
        let pairs: Vec<usize> = t.iter().map(|f| f.tied_pairs).collect();
        assert_eq!(pairs, vec![1, 2, 2, 3, 3, 4, 4]);
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
