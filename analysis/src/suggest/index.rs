//! [`SuggestIndex`]: what every suggestion request of one network revision shares, computed
//! once (degrees, strengths, service sets, attribute groups, communities, tie recency), so
//! that a request only scans the asking organization's neighbourhood.

use super::SuggestError;
use crate::components::components;
use crate::model::{NetworkData, Service};
use crate::network::{node, BuildOptions, Network, Node};
use std::collections::HashMap;

/// Default half-life of tie recency, in years ([`IndexOptions::half_life_years`]).
pub const DEFAULT_HALF_LIFE_YEARS: f64 = 3.0;

/// "No group" in per-node group ids (no country, no corridor).
pub(crate) const NO_GROUP: u32 = u32::MAX;

/// The year of each collapsed tie of a [`Network`]: the latest known `since` among the ties
/// collapsed into the pair (the most recent start of a collaboration between the two), or
/// `None` when none of them has a start year.
///
/// [`Network`] keeps no years, so this side structure is built from the same
/// [`NetworkData`] and [`BuildOptions`] as the network, aligned with its CSR arcs.
#[derive(Debug, Clone, PartialEq)]
pub struct TieYears {
    /// Year per CSR arc (index into `Network::csr().1`).
    pub(crate) year: Vec<Option<i32>>,
}

impl TieYears {
    /// Years of `net`'s ties, read from `data` with the filter `opts` that built `net`
    /// ([`Network::build`]).
    ///
    /// # Complexity
    /// O(t log d) for t ties and maximum degree d; O(m) memory.
    ///
    /// # Examples
    /// ```
    /// use puentes_analysis::model::*;
    /// use puentes_analysis::network::{BuildOptions, Network};
    /// use puentes_analysis::suggest::TieYears;
    /// let tie = |kind, since| Tie { source: "a".into(), target: "b".into(), kind,
    ///     strength: 1, since, until: None, reported_by: ReportedBy::Both,
    ///     attributes: Default::default() };
    /// let data = NetworkData {
    ///     organizations: vec![Organization::bare("a"), Organization::bare("b")],
    ///     ties: vec![tie(TieKind::Referral, Some(2016)), tie(TieKind::Funding, Some(2021))],
    /// };
    /// let net = Network::new(&data);
    /// let years = TieYears::from_data(&net, &data, BuildOptions::default());
    /// assert_eq!(years.year(&net, 0, 1), Some(2021)); // the most recent start
    /// ```
    pub fn from_data(net: &Network, data: &NetworkData, opts: BuildOptions) -> TieYears {
        let mut edges = Vec::new();
        for t in &data.ties {
            // The same selection as `Network::build`.
            if opts.as_of.is_some_and(|y| !t.active_in(y))
                || opts.before.is_some_and(|y| t.since.is_none_or(|s| s >= y))
            {
                continue;
            }
            let (Some(s), Some(d), Some(y)) = (net.node(&t.source), net.node(&t.target), t.since)
            else {
                continue;
            };
            edges.push((s, d, y));
        }
        TieYears::from_edges(net, &edges)
    }

    /// Years from `(u, v, year)` triples; pairs that are not ties of `net` are ignored and a
    /// pair listed several times keeps its latest year.
    pub fn from_edges(net: &Network, edges: &[(Node, Node, i32)]) -> TieYears {
        let (offsets, targets, _) = net.csr();
        let mut year: Vec<Option<i32>> = vec![None; targets.len()];
        let n = net.node_count();
        for &(u, v, y) in edges {
            if u == v || u as usize >= n || v as usize >= n {
                continue;
            }
            for (a, b) in [(u, v), (v, u)] {
                if let Ok(i) = net.neighbors(a).binary_search(&b) {
                    let slot = &mut year[offsets[a as usize] + i];
                    *slot = Some(slot.map_or(y, |old| old.max(y)));
                }
            }
        }
        TieYears { year }
    }

    /// The year of the tie `{u, v}`, if it is a tie with a known year.
    pub fn year(&self, net: &Network, u: Node, v: Node) -> Option<i32> {
        let (offsets, _, _) = net.csr();
        let i = net.neighbors(u).binary_search(&v).ok()?;
        self.year.get(offsets[u as usize] + i).copied().flatten()
    }

    /// The latest year of any tie.
    pub fn latest(&self) -> Option<i32> {
        self.year.iter().flatten().copied().max()
    }
}

/// What [`SuggestIndex::new`] needs besides the network. All optional.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Community of each organization (e.g. [`crate::community::louvain`]'s membership);
    /// `None`: connected components stand in (so `community_bridge` only marks ties between
    /// components).
    pub membership: Option<Vec<u32>>,
    /// Tie years ([`TieYears`]); `None`: every tie counts as recent (recency = Adamic–Adar).
    pub years: Option<TieYears>,
    /// The year recency is measured from; `None`: the latest tie year.
    pub reference_year: Option<i32>,
    /// Half-life h of a tie's weight in [`super::Component::Recency`], in years (> 0).
    pub half_life_years: f64,
    /// Which organizations may be suggested (e.g. those that existed at a backtest's split
    /// year); `None`: all.
    pub eligible: Option<Vec<bool>>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            membership: None,
            years: None,
            reference_year: None,
            half_life_years: DEFAULT_HALF_LIFE_YEARS,
            eligible: None,
        }
    }
}

/// Where attribute-driven candidates are looked up: a corridor, a country, or anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Pool {
    Corridor(u32),
    Country(u32),
    Any,
}

/// Per-revision context of the suggestion engine, built once per network.
///
/// Holds, per organization: degree-derived weights of the topological scores (1/ln k,
/// 1/k, 1/ln(1 + s)), its service set and the services within one tie (as bit masks over
/// [`Service::ALL`]), its population weight, country and corridor ids, community and
/// connected component; per tie its recency factor; and the lookup pools of attribute-driven
/// candidates (offerers of each service by corridor, country and overall, largest population
/// first; best-tied organizations of each corridor and country).
///
/// # Complexity
/// O(n + m + Σ_v |S(v)| log n) time and O(n + m) memory (connected components when no
/// membership is given: O(n + m)).
#[derive(Debug, Clone)]
pub struct SuggestIndex {
    pub(crate) nodes: usize,
    pub(crate) arcs: usize,
    pub(crate) strength: Vec<f64>,
    pub(crate) inv_ln_deg: Vec<f64>,
    pub(crate) inv_deg: Vec<f64>,
    pub(crate) inv_ln1p_strength: Vec<f64>,
    /// Per CSR arc: 2^(−max(0, Y − y)/h), 1 when the year is unknown.
    pub(crate) recency: Vec<f64>,
    pub(crate) services: Vec<u32>,
    pub(crate) reach1: Vec<u32>,
    /// Services offered by at least one eligible organization.
    pub(crate) offered: u32,
    pub(crate) population: Vec<f64>,
    pub(crate) country: Vec<u32>,
    pub(crate) corridor: Vec<u32>,
    pub(crate) membership: Vec<u32>,
    pub(crate) component: Vec<u32>,
    pub(crate) eligible: Vec<bool>,
    pub(crate) offerers: HashMap<(u8, Pool), Vec<Node>>,
    pub(crate) hubs: HashMap<Pool, Vec<Node>>,
    pub(crate) has_years: bool,
    pub(crate) reference_year: Option<i32>,
    pub(crate) half_life_years: f64,
}

/// Bit of a service in the masks: its position in [`Service::ALL`].
pub(crate) fn service_bit(s: Service) -> u32 {
    let i = Service::ALL.iter().position(|&x| x == s).unwrap_or(0);
    1 << i
}

/// Numbers the distinct non-empty values `0, 1, …` in order of first appearance; empty values
/// get [`NO_GROUP`].
fn group_ids<'a>(values: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    values
        .map(|s| {
            if s.is_empty() {
                return NO_GROUP;
            }
            let next = node(ids.len());
            *ids.entry(s).or_insert(next)
        })
        .collect()
}

/// The services of a mask, in [`Service::ALL`] order.
pub(crate) fn services_of(mask: u32) -> Vec<Service> {
    Service::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, &s)| s)
        .collect()
}

impl SuggestIndex {
    /// Builds the index of `net`.
    ///
    /// Population weight of c: π_c = ln(1 + p_c) / ln(1 + max_x p_x), p the reported
    /// `population_served` (π_c = 0 when unreported or when nobody reports one).
    /// Recency factor of a tie with year y: r = 2^(−max(0, Y − y)/h), Y the reference year
    /// and h the half-life; r = 1 when the year is unknown (so without years
    /// recency-weighted Adamic–Adar equals Adamic–Adar).
    ///
    /// # Errors
    /// [`SuggestError::WrongLength`] when `membership`, `eligible` or `years` do not match
    /// the network; [`SuggestError::InvalidOption`] for a half-life that is not finite and
    /// positive.
    ///
    /// # Examples
    /// ```
    /// use puentes_analysis::network::Network;
    /// use puentes_analysis::suggest::{IndexOptions, SuggestIndex};
    /// let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
    /// let index = SuggestIndex::new(&net, IndexOptions::default()).unwrap();
    /// assert_eq!(index.community(2), 0); // components stand in for communities
    /// ```
    pub fn new(net: &Network, opts: IndexOptions) -> Result<SuggestIndex, SuggestError> {
        let n = net.node_count();
        let (offsets, targets, weights) = net.csr();
        if !(opts.half_life_years.is_finite() && opts.half_life_years > 0.0) {
            return Err(SuggestError::InvalidOption {
                field: "half_life_years",
                value: opts.half_life_years.to_string(),
                allowed: super::Allowed::PositiveNumber,
            });
        }
        let check_len = |field: &'static str, got: usize, expected: usize| {
            if got == expected {
                Ok(())
            } else {
                Err(SuggestError::WrongLength {
                    field,
                    got,
                    expected,
                })
            }
        };
        if let Some(m) = &opts.membership {
            check_len("membership", m.len(), n)?;
        }
        if let Some(e) = &opts.eligible {
            check_len("eligible", e.len(), n)?;
        }
        if let Some(y) = &opts.years {
            check_len("years", y.year.len(), targets.len())?;
        }
        let comps = components(net);
        let membership = opts.membership.unwrap_or_else(|| comps.label.clone());
        let eligible = opts.eligible.unwrap_or_else(|| vec![true; n]);

        let mut strength = vec![0.0; n];
        let mut inv_ln_deg = vec![0.0; n];
        let mut inv_deg = vec![0.0; n];
        let mut inv_ln1p_strength = vec![0.0; n];
        for v in 0..n {
            let k = offsets[v + 1] - offsets[v];
            let s: f64 = weights[offsets[v]..offsets[v + 1]].iter().sum();
            strength[v] = s;
            if k >= 1 {
                inv_deg[v] = 1.0 / k as f64;
                inv_ln1p_strength[v] = 1.0 / s.ln_1p();
            }
            if k >= 2 {
                // A common neighbour has degree ≥ 2, so ln k > 0 wherever this is read.
                inv_ln_deg[v] = 1.0 / (k as f64).ln();
            }
        }

        let reference_year = opts
            .reference_year
            .or_else(|| opts.years.as_ref().and_then(TieYears::latest));
        let has_years = opts.years.is_some();
        let recency: Vec<f64> = match (&opts.years, reference_year) {
            (Some(y), Some(reference)) => y
                .year
                .iter()
                .map(|yr| match yr {
                    Some(yr) => {
                        let age = f64::from((reference - yr).max(0));
                        (-age / opts.half_life_years).exp2()
                    }
                    None => 1.0,
                })
                .collect(),
            _ => vec![1.0; targets.len()],
        };

        let orgs = net.organizations();
        let services: Vec<u32> = orgs
            .iter()
            .map(|o| o.services.iter().fold(0, |m, &s| m | service_bit(s)))
            .collect();
        let reach1: Vec<u32> = (0..n)
            .map(|v| {
                targets[offsets[v]..offsets[v + 1]]
                    .iter()
                    .fold(services[v], |m, &u| m | services[u as usize])
            })
            .collect();
        let offered = (0..n)
            .filter(|&v| eligible[v])
            .fold(0, |m, v| m | services[v]);
        let max_pop = orgs
            .iter()
            .filter_map(|o| o.population_served)
            .max()
            .unwrap_or(0);
        let population: Vec<f64> = orgs
            .iter()
            .map(|o| match o.population_served {
                Some(p) if max_pop > 0 => (p as f64).ln_1p() / (max_pop as f64).ln_1p(),
                _ => 0.0,
            })
            .collect();
        let country = group_ids(orgs.iter().map(|o| o.country.as_str()));
        let corridor = group_ids(orgs.iter().map(|o| o.corridor.as_deref().unwrap_or("")));

        let pools_of = |v: usize| {
            let mut p = vec![Pool::Any];
            if corridor[v] != NO_GROUP {
                p.push(Pool::Corridor(corridor[v]));
            }
            if country[v] != NO_GROUP {
                p.push(Pool::Country(country[v]));
            }
            p
        };
        let mut offerers: HashMap<(u8, Pool), Vec<Node>> = HashMap::new();
        let mut hubs: HashMap<Pool, Vec<Node>> = HashMap::new();
        for v in (0..n).filter(|&v| eligible[v]) {
            for pool in pools_of(v) {
                if pool != Pool::Any {
                    hubs.entry(pool).or_default().push(node(v));
                }
                for bit in 0..Service::ALL.len() {
                    if services[v] & (1 << bit) != 0 {
                        offerers.entry((bit as u8, pool)).or_default().push(node(v));
                    }
                }
            }
        }
        for list in offerers.values_mut() {
            list.sort_by(|&a, &b| {
                population[b as usize]
                    .total_cmp(&population[a as usize])
                    .then(a.cmp(&b))
            });
        }
        let degree = |v: Node| offsets[v as usize + 1] - offsets[v as usize];
        for list in hubs.values_mut() {
            list.sort_by(|&a, &b| degree(b).cmp(&degree(a)).then(a.cmp(&b)));
        }

        Ok(SuggestIndex {
            nodes: n,
            arcs: targets.len(),
            strength,
            inv_ln_deg,
            inv_deg,
            inv_ln1p_strength,
            recency,
            services,
            reach1,
            offered,
            population,
            country,
            corridor,
            membership,
            component: comps.label,
            eligible,
            offerers,
            hubs,
            has_years,
            reference_year,
            half_life_years: opts.half_life_years,
        })
    }

    /// Fails unless the index was built for a network of `net`'s shape.
    pub(crate) fn check(&self, net: &Network) -> Result<(), SuggestError> {
        if self.nodes == net.node_count() && self.arcs == net.csr().1.len() {
            Ok(())
        } else {
            Err(SuggestError::IndexMismatch {
                index_nodes: self.nodes,
                index_ties: self.arcs / 2,
                nodes: net.node_count(),
                ties: net.edge_count(),
            })
        }
    }

    /// The community of `v` used for [`super::Component::CommunityBridge`].
    pub fn community(&self, v: Node) -> u32 {
        self.membership[v as usize]
    }

    /// Whether the index has tie years (otherwise recency equals Adamic–Adar).
    pub fn has_years(&self) -> bool {
        self.has_years
    }

    /// The year recency is measured from, if any.
    pub fn reference_year(&self) -> Option<i32> {
        self.reference_year
    }

    /// The recency half-life, in years.
    pub fn half_life_years(&self) -> f64 {
        self.half_life_years
    }

    /// Services offered by at least one eligible organization.
    pub fn services_offered(&self) -> Vec<Service> {
        services_of(self.offered)
    }

    /// The services `v` and its partners lack that some eligible organization offers.
    pub fn lacking_services(&self, v: Node) -> Vec<Service> {
        services_of(self.offered & !self.reach1[v as usize])
    }

    /// Which components can be non-zero on this network: a component whose inputs are
    /// missing everywhere (no services, no country or corridor, one community) is inactive
    /// and contributes nothing. Topological components are always listed as active.
    pub fn active(&self) -> [bool; super::COMPONENTS] {
        use super::Component::*;
        let mut a = [true; super::COMPONENTS];
        a[Complementarity.index()] = self.offered != 0;
        a[Proximity.index()] = self
            .country
            .iter()
            .chain(&self.corridor)
            .any(|&g| g != NO_GROUP);
        let first = self.membership.first();
        a[CommunityBridge.index()] = self.membership.iter().any(|m| Some(m) != first);
        a
    }
}
