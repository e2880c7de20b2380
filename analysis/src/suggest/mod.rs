//! Partner suggestions: whom an organization could work with next, why, and with what
//! effect — as data. Sentences are made by the service from its message catalogue.
//!
//! # Shape
//! * [`SuggestIndex`] — built once per network revision: degree-derived weights, strengths,
//!   service sets, countries and corridors, communities, tie recency, and the lookup pools of
//!   attribute-driven candidates.
//! * [`candidates()`] — one bounded scan per request: every candidate with its raw
//!   components.
//! * [`suggest`] / [`suggest_with`] / [`suggest_many`] — normalize, weigh by a [`Goal`], rank,
//!   explain ([`Explanation`]: shared partners, introducers, services gained, communities,
//!   constraint before and after, distance).
//! * [`suggest_spread`] — network-wide lists (e.g. the best tie of every peripheral
//!   organization) in which no organization is suggested more than a cap of times.
//! * [`backtest`](mod@backtest) — time-split evaluation on dated ties against baselines.
//! * [`what_if`](mod@what_if) — the change in isolates, periphery, components, cut points,
//!   distances, efficiency, constraint and service reach if proposed ties were added.
//!
//! # Components
//! For the asking organization v and a candidate c, with Γ(x) the partners of x,
//! k_x = |Γ(x)|, w_xy the collapsed tie weight (sum of the strengths of the ties joining x
//! and y), s_x = Σ_y w_xy, and CN = Γ(v) ∩ Γ(c):
//!
//! | component | raw value |
//! |---|---|
//! | `common_neighbors` | \|CN\| (NetworkX `common_neighbors`) |
//! | `jaccard` | \|CN\| / \|Γ(v) ∪ Γ(c)\| (NetworkX `jaccard_coefficient`) |
//! | `adamic_adar` | Σ_{z∈CN} 1 / ln k_z (Adamic & Adar 2003; NetworkX `adamic_adar_index`) |
//! | `resource_allocation` | Σ_{z∈CN} 1 / k_z (Zhou, Lü & Zhang 2009; NetworkX `resource_allocation_index`) |
//! | `preferential_attachment` | k_v k_c (NetworkX `preferential_attachment`) |
//! | `weighted_adamic_adar` | Σ_{z∈CN} √(w_vz w_zc) / ln(1 + s_z) (geometric mean of the two ties; the family of Lü & Zhou 2010) |
//! | `recency` | Σ_{z∈CN} r_vz r_zc / ln k_z, r_xy = 2^(−max(0, Y − y_xy)/h) |
//! | `complementarity` | (\|G\| / \|L\|) · (1 + π_c) / 2 |
//! | `proximity` | ([country_v = country_c] + [corridor_v = corridor_c]) / 2 |
//! | `community_bridge` | [m_v ≠ m_c] |
//! | `constraint_drop` | max(0, C_v − C′_v) |
//!
//! * Recency: y_xy is the tie's year ([`TieYears`]: the latest `since` of the ties joining x
//!   and y), Y the reference year (the latest tie year unless given) and h the half-life
//!   ([`IndexOptions::half_life_years`], 3 years by default): a tie started h years before Y
//!   counts half. A tie without a year counts 1, so without years it equals Adamic–Adar.
//! * Complementarity: L = the services that neither v nor any partner of v offers, among
//!   those some eligible organization offers; G = L ∩ services(c); π_c = ln(1 + p_c) /
//!   ln(1 + max_x p_x) with p the reported `population_served` (0 if unreported). In [0, 1]:
//!   1 for a candidate filling every gap with the largest population served; an offerer with
//!   no reported population counts half.
//! * Proximity: an empty country or corridor never matches. No coordinates are read.
//! * Community bridge: m is the membership passed to [`IndexOptions::membership`]
//!   (connected components when none).
//! * Constraint drop: C_v is Burt's constraint of v with weights (the convention of
//!   [`crate::gaps::constraint`] with `weighted = true`), C′_v the same with the tie {v, c}
//!   of weight [`SuggestOptions::new_tie_weight`] added, computed locally in O(1) per
//!   candidate from sums the scan accumulates (formula on `scores::constraint_after`). 0 for
//!   an isolated v (its constraint is undefined).
//!
//! # Score
//! Each raw value is divided by its largest value among the request's candidates
//! (x̂_i ∈ [0, 1]); the score is S = Σ_i w_i x̂_i with the [`Goal`]'s weights, and each term
//! w_i x̂_i is returned as that component's contribution, so the contributions add up to the
//! score. Only candidates with S > 0 are suggested, best first, ties by node index. Nothing
//! is random: the same network, index and options give the same ranking (the membership is
//! seeded by whoever computes it).
//!
//! # Reference
//! D. Liben-Nowell and J. Kleinberg, "The link-prediction problem for social networks",
//! JASIST 58(7), 2007; L. A. Adamic and E. Adar, "Friends and neighbors on the Web", Social
//! Networks 25(3), 2003; T. Zhou, L. Lü and Y.-C. Zhang, "Predicting missing links via local
//! information", Eur. Phys. J. B 71, 2009; R. S. Burt, *Structural Holes*, 1992.
//!
//! # Examples
//! ```
//! use puentes_analysis::network::Network;
//! use puentes_analysis::suggest::{suggest, Component, Goal, IndexOptions, SuggestIndex,
//!                                 SuggestOptions};
//! // Two triangles {0,1,2} and {3,4,5} joined by 2 - 3, split in two communities.
//! let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
//!                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
//! let opts = IndexOptions { membership: Some(vec![0, 0, 0, 1, 1, 1]), ..Default::default() };
//! let index = SuggestIndex::new(&net, opts).unwrap();
//! let bridge = SuggestOptions { goal: Goal::Bridge, ..SuggestOptions::default() };
//! let out = suggest(&net, &index, 1, &bridge).unwrap();
//! // 1 is two steps from 3 (through 2): the tie would join the other community.
//! let best = &out.suggestions[0];
//! assert_eq!(best.node, 3);
//! assert!(best.explanation.joins_communities);
//! let total: f64 = best.components.iter().map(|c| c.contribution).sum();
//! assert!((total - best.score).abs() < 1e-12);
//! assert_eq!(best.components[Component::CommonNeighbors.index()].raw, 1.0);
//! ```

pub mod backtest;
mod candidates;
mod explain;
mod index;
mod ranking;
pub mod scores;
mod weights;
pub mod what_if;

pub use candidates::{
    candidates, candidates_with, Candidate, CandidateCounts, CandidateSet, Scratch, Sources,
};
pub use explain::{Distance, Explanation, Introducer};
pub use index::{IndexOptions, SuggestIndex, TieYears, DEFAULT_HALF_LIFE_YEARS};
pub use ranking::{
    suggest, suggest_many, suggest_spread, suggest_with, ComponentScore, Suggestion, Suggestions,
    DEFAULT_SPREAD_CAP, SPREAD_POOL,
};
pub use weights::{Component, Goal, Weights, COMPONENTS};

use crate::network::Node;

/// Options of one suggestion request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuggestOptions {
    /// The goal (weights). Default: [`Goal::Balanced`].
    pub goal: Goal,
    /// At most this many suggestions. Default 10.
    pub limit: usize,
    /// Weight w of the proposed tie in the constraint change (a single tie of strength 1 by
    /// default). Finite and > 0.
    pub new_tie_weight: f64,
    /// Budget of two-step paths read per request (default 1,000,000, a few milliseconds);
    /// beyond it the best-tied partners are skipped and the answer says `capped`.
    pub max_scan: usize,
    /// Offerers taken per lacking service (default 3).
    pub per_service: usize,
    /// Best-tied organizations of the same corridor or country added as candidates
    /// (default 10).
    pub proximity_candidates: usize,
    /// Shared partners and introducers listed per suggestion (default 10; counts are exact).
    pub max_listed: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            goal: Goal::Balanced,
            limit: 10,
            new_tie_weight: 1.0,
            max_scan: 1_000_000,
            per_service: 3,
            proximity_candidates: 10,
            max_listed: 10,
        }
    }
}

/// What can go wrong, with what the caller needs to fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SuggestError {
    /// A node index outside the network.
    #[error("organization {node} is not in the network (it has organizations 0 to {nodes} - 1)")]
    UnknownNode {
        /// The node asked for.
        node: Node,
        /// Number of organizations.
        nodes: usize,
    },
    /// The index was built for another network.
    #[error(
        "the suggestion index was built for {index_nodes} organizations and {index_ties} \
         ties, this network has {nodes} and {ties}: rebuild the index"
    )]
    IndexMismatch {
        /// Organizations of the indexed network.
        index_nodes: usize,
        /// Ties of the indexed network.
        index_ties: usize,
        /// Organizations of this network.
        nodes: usize,
        /// Ties of this network.
        ties: usize,
    },
    /// A per-organization or per-tie input of the wrong length.
    #[error("{field} has {got} values; expected {expected} (one per organization or tie)")]
    WrongLength {
        /// The input.
        field: &'static str,
        /// Its length.
        got: usize,
        /// The expected length.
        expected: usize,
    },
    /// An unknown component name in custom weights.
    #[error("unknown score component {name:?}; allowed: {allowed}")]
    UnknownComponent {
        /// The name given.
        name: String,
        /// The allowed names.
        allowed: String,
    },
    /// A weight that is not a number from 0 to [`crate::policy::MAX_WEIGHT`] (or a part
    /// without `=`).
    #[error("weight {value:?} for {component:?}: allowed a number from 0 to 1000, as name=weight")]
    InvalidWeight {
        /// The component (or the malformed part).
        component: String,
        /// The value given.
        value: String,
    },
    /// A component given two weights (`jaccard=1,jaccard=5`): which one counts would be a
    /// guess.
    #[error("{component:?} is given a weight more than once")]
    RepeatedComponent {
        /// The component.
        component: String,
    },
    /// An option outside its allowed values.
    #[error("{field} = {value:?}; allowed: {allowed:?}")]
    InvalidOption {
        /// The option.
        field: &'static str,
        /// The value given.
        value: String,
        /// What is allowed.
        allowed: Allowed,
    },
}

/// What an option allows, as data: the service words it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowed {
    /// A finite number above 0.
    PositiveNumber,
    /// A whole number ≥ 1.
    PositiveWhole,
    /// A whole number of years ≥ 0.
    YearsNotNegative,
    /// One of these names.
    OneOf(Vec<&'static str>),
    /// What a field rule of the data model allows.
    Rule(crate::model::Rule),
}

#[cfg(test)]
mod tests;
