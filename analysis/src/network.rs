//! [`Network`]: the validated network as a compact, read-only graph plus attribute columns.
//!
//! Built once per store revision and shared by every analysis.
//!
//! # Collapsing ties into edges
//! Several ties (of different kinds, reported by either side) may join one pair of
//! organizations. Undirected analysis sees one edge per unordered pair `{u, v}` with
//!
//! * weight `w_uv = Σ strength` over the ties joining `u` and `v` (each 1-5), so a pair that
//!   refers cases *and* runs a joint project is tied more strongly than one that only refers;
//! * multiplicity `m_uv` = the number of those ties (kept in [`Network::multiplicity`]).
//!
//! Metrics that read weights as *distances* (weighted betweenness, closeness) use
//! `d_uv = 1 / w_uv`: stronger ties are shorter. The directed view ([`Network::arcs`]) keeps
//! who reported whom: a tie reported by `source` is the arc source→target, by `target` the
//! arc target→source, and a confirmed tie (`both`) both arcs.
//!
//! # Layout
//! Nodes are `u32` indices `0..n` in the order of [`NetworkData::organizations`]. Adjacency is
//! CSR: the neighbours of `v` are `targets[offsets[v]..offsets[v + 1]]`, sorted ascending, with
//! the matching `weights`. Arc `e` (an index into `targets`) is the arc `v → targets[e]` for
//! the `v` with `offsets[v] ≤ e < offsets[v + 1]`; each undirected edge is two arcs.
//!
//! `&Network` implements petgraph's graph traits over these arrays, without a copy (see
//! [`crate::visit`]), so petgraph's algorithms run on it directly.

use crate::model::{NetworkData, Organization, ReportedBy};
use std::borrow::Cow;
use std::collections::HashMap;

/// A node index.
pub type Node = u32;

/// Options for building a [`Network`].
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions<'a> {
    /// Keep only ties active in this year ([`crate::model::Tie::active_in`]); all ties if `None`.
    pub as_of: Option<i32>,
    /// Keep only ties known to have started before this year (for backtests); all if `None`.
    pub before: Option<i32>,
    /// Weigh each tie by this attribute ([`crate::model::Tie::attributes`], e.g. a survey's
    /// `trust`) instead of its strength; a tie without it weighs 1, as NetworkX reads an edge
    /// without the `weight` key. `w_uv` is still the sum over the pair's ties.
    pub weight: Option<&'a str>,
}

/// The compact, read-only network. See the module docs for the collapse rule and layout.
#[derive(Debug, Clone)]
pub struct Network {
    orgs: Vec<Organization>,
    index: HashMap<String, Node>,
    offsets: Vec<usize>,
    targets: Vec<Node>,
    weights: Vec<f64>,
    multiplicity: Vec<u32>,
    arcs: Vec<(Node, Node)>,
}

impl Network {
    /// Builds the network from validated data. Ties whose endpoints are unknown are skipped
    /// (validated data has none), as are self-ties.
    ///
    /// # Complexity
    /// O(n + m log m) time for n organizations and m ties, O(n + m) memory.
    ///
    /// # Examples
    /// ```
    /// use puentes_analysis::model::*;
    /// use puentes_analysis::network::Network;
    /// let data = NetworkData {
    ///     organizations: vec![Organization::bare("a"), Organization::bare("b")],
    ///     ties: vec![
    ///         Tie { source: "a".into(), target: "b".into(), kind: TieKind::Referral,
    ///               strength: 2, since: Some(2020), until: None, reported_by: ReportedBy::Source,
    ///     attributes: Default::default() },
    ///         Tie { source: "b".into(), target: "a".into(), kind: TieKind::Funding,
    ///               strength: 3, since: Some(2021), until: None, reported_by: ReportedBy::Both,
    ///     attributes: Default::default() },
    ///     ],
    /// };
    /// let net = Network::new(&data);
    /// assert_eq!(net.edge_count(), 1);
    /// assert_eq!(net.weight(0, 1), Some(5.0)); // 2 + 3
    /// assert_eq!(net.arcs().len(), 3); // a→b (source), b→a and a→b (both)
    /// ```
    pub fn new(data: &NetworkData) -> Self {
        Self::build(data, BuildOptions::default())
    }

    /// Builds the network keeping only the ties selected by `opts`.
    pub fn build(data: &NetworkData, opts: BuildOptions) -> Self {
        let orgs = data.organizations.clone();
        let index: HashMap<String, Node> = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), node(i)))
            .collect();
        let mut pairs: Vec<(Node, Node, f64)> = Vec::with_capacity(data.ties.len());
        let mut arcs = Vec::new();
        for t in &data.ties {
            if opts.as_of.is_some_and(|y| !t.active_in(y))
                || opts.before.is_some_and(|y| t.since.is_none_or(|s| s >= y))
            {
                continue;
            }
            let (Some(&s), Some(&d)) = (index.get(&t.source), index.get(&t.target)) else {
                continue;
            };
            if s == d {
                continue;
            }
            let w = match opts.weight {
                None => f64::from(t.strength),
                Some(name) => t.attributes.get(name).copied().unwrap_or(1.0),
            };
            pairs.push((s.min(d), s.max(d), w));
            match t.reported_by {
                ReportedBy::Source => arcs.push((s, d)),
                ReportedBy::Target => arcs.push((d, s)),
                ReportedBy::Both => arcs.extend([(s, d), (d, s)]),
            }
        }
        Self::from_pairs(orgs, index, pairs, arcs)
    }

    /// Builds a network from an undirected weighted edge list over `n` nodes, with bare
    /// organizations named `0..n`. Parallel edges are summed. Meant for tests and benchmarks.
    pub fn from_edges(n: usize, edges: &[(Node, Node, f64)]) -> Self {
        let orgs: Vec<Organization> = (0..n).map(|i| Organization::bare(&i.to_string())).collect();
        let index = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), node(i)))
            .collect();
        let pairs = edges
            .iter()
            .filter(|(a, b, _)| a != b)
            .map(|&(a, b, w)| (a.min(b), a.max(b), w))
            .collect();
        let arcs = edges.iter().map(|&(a, b, _)| (a, b)).collect();
        Self::from_pairs(orgs, index, pairs, arcs)
    }

    fn from_pairs(
        orgs: Vec<Organization>,
        index: HashMap<String, Node>,
        mut pairs: Vec<(Node, Node, f64)>,
        arcs: Vec<(Node, Node)>,
    ) -> Self {
        let n = orgs.len();
        pairs.sort_unstable_by_key(|&(a, b, _)| (a, b));
        // Collapse parallel ties: sum weights, count multiplicity.
        let mut edges: Vec<(Node, Node, f64, u32)> = Vec::with_capacity(pairs.len());
        for (a, b, w) in pairs {
            match edges.last_mut() {
                Some(last) if last.0 == a && last.1 == b => {
                    last.2 += w;
                    last.3 += 1;
                }
                _ => edges.push((a, b, w, 1)),
            }
        }
        let mut degree = vec![0usize; n];
        for &(a, b, _, _) in &edges {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        for d in &degree {
            offsets.push(offsets.last().copied().unwrap_or(0) + d);
        }
        let total = offsets[n];
        let mut targets = vec![0; total];
        let mut weights = vec![0.0; total];
        let mut multiplicity = vec![0; total];
        let mut fill = offsets[..n].to_vec();
        // Edges are sorted by (a, b) with a < b, so pushing in this order keeps every
        // adjacency list sorted: for node v, neighbours u < v arrive (as b-side) in order of u,
        // before neighbours u > v (as a-side) which arrive in order of u.
        for &(a, b, w, m) in &edges {
            // A weight of −0.0 (a tie attribute read from "-0") is kept as +0.0: the
            // community accumulator marks untouched communities with −0.0.
            let w = w + 0.0;
            for (x, y) in [(a, b), (b, a)] {
                let slot = &mut fill[x as usize];
                targets[*slot] = y;
                weights[*slot] = w;
                multiplicity[*slot] = m;
                *slot += 1;
            }
        }
        for v in 0..n {
            let (lo, hi) = (offsets[v], offsets[v + 1]);
            debug_assert!(targets[lo..hi].windows(2).all(|w| w[0] < w[1]));
        }
        Network {
            orgs,
            index,
            offsets,
            targets,
            weights,
            multiplicity,
            arcs,
        }
    }

    /// Number of organizations (nodes).
    pub fn node_count(&self) -> usize {
        self.orgs.len()
    }

    /// Number of undirected edges after collapsing parallel ties.
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Neighbours of `v`, sorted ascending.
    #[inline]
    pub fn neighbors(&self, v: Node) -> &[Node] {
        let v = v as usize;
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Weights of the edges to [`Network::neighbors`]`(v)`, in the same order.
    #[inline]
    pub fn neighbor_weights(&self, v: Node) -> &[f64] {
        let v = v as usize;
        &self.weights[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Number of ties collapsed into each edge of [`Network::neighbors`]`(v)`.
    pub fn multiplicity(&self, v: Node) -> &[u32] {
        let v = v as usize;
        &self.multiplicity[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Degree (number of distinct neighbours) of `v`.
    #[inline]
    pub fn degree(&self, v: Node) -> usize {
        let v = v as usize;
        self.offsets[v + 1] - self.offsets[v]
    }

    /// Weight of the edge `{u, v}`, if any. O(log deg(u)).
    pub fn weight(&self, u: Node, v: Node) -> Option<f64> {
        let ns = self.neighbors(u);
        ns.binary_search(&v)
            .ok()
            .map(|i| self.neighbor_weights(u)[i])
    }

    /// Whether `{u, v}` is an edge. O(log deg(u)).
    pub fn has_edge(&self, u: Node, v: Node) -> bool {
        self.neighbors(u).binary_search(&v).is_ok()
    }

    /// The raw CSR arrays `(offsets, targets, weights)` (see the module docs). Every
    /// analysis reads the adjacency from here; an analysis that keeps its own layout (the
    /// oriented graph of [`crate::centrality::triangles`], the folded core of exact
    /// betweenness, the aggregated levels of community detection) says why.
    pub fn csr(&self) -> (&[usize], &[Node], &[f64]) {
        (&self.offsets, &self.targets, &self.weights)
    }

    /// Every undirected edge once, as `(u, v, weight)` with `u < v`.
    pub fn edges(&self) -> impl Iterator<Item = (Node, Node, f64)> + '_ {
        (0..self.node_count()).flat_map(move |u| {
            let u = node(u);
            self.neighbors(u)
                .iter()
                .zip(self.neighbor_weights(u))
                .filter(move |(&v, _)| v > u)
                .map(move |(&v, &w)| (u, v, w))
        })
    }

    /// Directed view: who reported whom (see module docs). May contain repeated arcs when
    /// several ties of different kinds were reported by the same side.
    pub fn arcs(&self) -> &[(Node, Node)] {
        &self.arcs
    }

    /// The organization at node `v`.
    pub fn organization(&self, v: Node) -> &Organization {
        &self.orgs[v as usize]
    }

    /// All organizations, in node order.
    pub fn organizations(&self) -> &[Organization] {
        &self.orgs
    }

    /// The node of the organization with this id.
    pub fn node(&self, id: &str) -> Option<Node> {
        self.index.get(id).copied()
    }

    /// A numeric attribute column (see [`NumericAttribute`]), `None` where missing.
    pub fn numeric(&self, attr: NumericAttribute) -> Vec<Option<f64>> {
        self.orgs.iter().map(|o| attr.get(o)).collect()
    }

    /// A nominal attribute column (see [`NominalAttribute`]), `None` where missing.
    pub fn nominal(&self, attr: NominalAttribute) -> Vec<Option<String>> {
        self.orgs.iter().map(|o| attr.get(o)).collect()
    }
}

/// Converts a `usize` index to a [`Node`]. Networks are limited to `u32::MAX` nodes.
#[inline]
pub fn node(i: usize) -> Node {
    Node::try_from(i).expect("networks have fewer than 2^32 organizations")
}

/// Numeric and ordinal organization attributes usable as columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumericAttribute {
    /// `population_served`.
    PopulationServed,
    /// `salaried_staff`.
    SalariedStaff,
    /// `annual_budget_usd`.
    AnnualBudgetUsd,
    /// `founded_year`.
    FoundedYear,
    /// `agreement_review` as its rank (never = 0 … weekly = 4).
    AgreementReview,
    /// `feedback_to_population` as its rank.
    FeedbackToPopulation,
    /// `social_media_use` 0-4.
    SocialMediaUse,
    /// `donation_sources`.
    DonationSources,
}

impl NumericAttribute {
    /// Every numeric attribute.
    pub const ALL: [NumericAttribute; 8] = [
        Self::PopulationServed,
        Self::SalariedStaff,
        Self::AnnualBudgetUsd,
        Self::FoundedYear,
        Self::AgreementReview,
        Self::FeedbackToPopulation,
        Self::SocialMediaUse,
        Self::DonationSources,
    ];

    /// The field name.
    pub fn name(self) -> &'static str {
        match self {
            Self::PopulationServed => "population_served",
            Self::SalariedStaff => "salaried_staff",
            Self::AnnualBudgetUsd => "annual_budget_usd",
            Self::FoundedYear => "founded_year",
            Self::AgreementReview => "agreement_review",
            Self::FeedbackToPopulation => "feedback_to_population",
            Self::SocialMediaUse => "social_media_use",
            Self::DonationSources => "donation_sources",
        }
    }

    /// The value for one organization.
    pub fn get(self, o: &Organization) -> Option<f64> {
        match self {
            Self::PopulationServed => o.population_served.map(|x| x as f64),
            Self::SalariedStaff => o.salaried_staff.map(f64::from),
            Self::AnnualBudgetUsd => o.annual_budget_usd.map(|x| x as f64),
            Self::FoundedYear => o.founded_year.map(f64::from),
            Self::AgreementReview => o.agreement_review.map(|f| f64::from(f.rank())),
            Self::FeedbackToPopulation => o.feedback_to_population.map(|f| f64::from(f.rank())),
            Self::SocialMediaUse => o.social_media_use.map(f64::from),
            Self::DonationSources => o.donation_sources.map(f64::from),
        }
    }
}

/// Nominal organization attributes usable for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NominalAttribute {
    /// `country`.
    Country,
    /// `region`.
    Region,
    /// `corridor`.
    Corridor,
    /// `partner` (`"true"`/`"false"`).
    Partner,
}

impl NominalAttribute {
    /// Every nominal attribute.
    pub const ALL: [NominalAttribute; 4] =
        [Self::Country, Self::Region, Self::Corridor, Self::Partner];

    /// The field name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Region => "region",
            Self::Corridor => "corridor",
            Self::Partner => "partner",
        }
    }

    /// The value for one organization (`None` when empty).
    pub fn get(self, o: &Organization) -> Option<String> {
        self.value(o).map(Cow::into_owned)
    }

    /// The value for one organization, borrowed where the organization holds it as text
    /// (`None` when empty).
    pub fn value(self, o: &Organization) -> Option<Cow<'_, str>> {
        let s = match self {
            Self::Country => Cow::Borrowed(o.country.as_str()),
            Self::Region => Cow::Borrowed(o.region.as_str()),
            Self::Corridor => Cow::Borrowed(o.corridor.as_deref().unwrap_or_default()),
            Self::Partner => Cow::Owned(o.partner.to_string()),
        };
        (!s.is_empty()).then_some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csr_is_symmetric_and_sorted() {
        let net = Network::from_edges(4, &[(2, 0, 1.0), (0, 1, 2.0), (3, 0, 1.0), (1, 0, 1.0)]);
        assert_eq!(net.edge_count(), 3);
        assert_eq!(net.neighbors(0), &[1, 2, 3]);
        assert_eq!(net.neighbor_weights(0), &[3.0, 1.0, 1.0]);
        assert_eq!(net.multiplicity(0), &[2, 1, 1]);
        assert_eq!(net.neighbors(1), &[0]);
        assert_eq!(net.weight(1, 0), Some(3.0));
        assert_eq!(net.weight(1, 2), None);
        let e: Vec<_> = net.edges().collect();
        assert_eq!(e, vec![(0, 1, 3.0), (0, 2, 1.0), (0, 3, 1.0)]);
    }
}
