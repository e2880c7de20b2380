//! The policy values every caller shares: one home each, so the metrics table, the summary
//! and the reports can never disagree on when sampling starts or which seed is the default.

/// Networks with at most this many nodes get exact betweenness and distances; larger ones are
/// estimated from [`SAMPLE_SOURCES`] seeded random sources.
pub const EXACT_MAX_NODES: usize = 5_000;

/// Sources drawn for sampled betweenness and sampled distances (Brandes & Pich 2007). With
/// 500 sources the simultaneous 95 % error bound on each normalized betweenness value
/// ([`crate::centrality::sampled_betweenness_error_bound`]) is about 0.12 on 80,000 nodes.
pub const SAMPLE_SOURCES: usize = 500;

/// Seed of every seeded method when the caller gives none (community detection, permutation
/// tests, source sampling). Same network and seed, same result.
pub const DEFAULT_SEED: u64 = 42;

/// Networks with at most this many organizations are drawn organization by organization in
/// the map's overview; larger ones as one node per community (a page stays responsive and
/// readable with a few thousand discs). Each community and each organization's
/// neighbourhood can still be opened organization by organization.
pub const MAP_MAX_ORGANIZATIONS: usize = 2_000;

/// Most organizations drawn in one ego view of the map (an organization's neighbourhood
/// within two ties can hold thousands on a large network); the closest are kept.
pub const EGO_MAX_ORGANIZATIONS: usize = 300;

/// Least connected pairs of communities kept by the gap analysis (the report pages through
/// them): every pair is scored, but a network in thousands of communities has millions of
/// pairs, and a planner reads the first few.
pub const COMMUNITY_PAIRS_KEPT: usize = 1_000;

/// The largest weight of one score component in custom suggestion weights
/// (`puentes_analysis::suggest::Weights`): scores are Σ weight × normalized component, so a
/// weight near `f64::MAX` overflows every score to infinity; 1000 leaves room for any ratio a
/// planner means (weights need not add up to 1).
pub const MAX_WEIGHT: f64 = 1_000.0;

/// Organizations listed per part an articulation point cuts off, or per side of a bridge, in
/// the gap analysis (`gaps::gap_analysis`); each part still states its size.
pub const MAX_LISTED: usize = 25;
