//! Reports for people: the analysis results with organizations named, groups labelled and
//! each finding worded in the reader's language. Pure functions of a [`Network`] and the
//! analyses computed from it; the HTTP API and the CLI serve the same documents.
//!
//! `puentes_analysis` returns findings as data (kinds, node indices, numbers). This layer
//! resolves node indices to [`OrgRef`]s and turns each finding into a sentence from the
//! message catalogue ([`crate::i18n::catalogue`]). The analyses themselves
//! ([`GapAnalysis`], from `puentes_analysis::gaps`; [`CommunityReport`], [`AttributeReport`]) hold no sentence, so they are
//! computed once per revision whatever the language; [`gap_report()`] and [`profile()`] word
//! them per request.
//!
//! * [`communities`](mod@communities): partitions, their names, the communities report;
//! * [`gap_report`](mod@gap_report): the planners' gap report;
//! * [`profile`](mod@profile): one organization's position in numbers and words;
//! * [`suggestions`]: partner suggestions explained, and what-if answers;
//! * [`attributes`]: homophily, E-I index, correlations;
//! * [`position_columns`](mod@position_columns): community, structural-hole and brokerage
//!   columns for the metrics table and the exports.

pub mod attributes;
pub mod communities;
pub mod gap_report;
pub mod position_columns;
pub mod profile;
pub mod suggestions;

pub use attributes::{attribute_report, Assortativity, AttributeReport, CorrelationRow, EiReport};
pub use communities::{
    codes, communities, communities_summary, community_themes, partition, Algorithm,
    AttributeModularity, CommunityInfo, CommunityParams, CommunityReport,
};
pub use gap_report::{
    gap_report, BridgeItem, CommunityPairItem, ConstraintItem, CutPointItem, GapReport,
    InwardLookingItem, PeripheralItem, ServiceGapItem,
};
pub use position_columns::position_columns;
pub use profile::{profile, Profile};
pub use puentes_analysis::policy::DEFAULT_SEED;
pub use suggestions::{suggestion_report, what_if_report, SuggestionReport, WhatIfReport};

use crate::i18n::catalogue::Community;
use crate::paging::Window;
use puentes_analysis::Network;
use serde::Serialize;

pub use puentes_analysis::gaps::{gap_analysis, gap_analysis_with, BrokerageGroups, GapAnalysis};
pub use puentes_analysis::policy::MAX_LISTED;

/// An organization as named in reports.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OrgRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// Node `v` as named in reports.
pub fn org_ref(net: &Network, v: u32) -> OrgRef {
    org(net, v)
}

fn org(net: &Network, v: u32) -> OrgRef {
    let o = net.organization(v);
    OrgRef {
        id: o.id.clone(),
        name: o.name.clone(),
    }
}

fn orgs(net: &Network, vs: &[u32]) -> Vec<OrgRef> {
    vs.iter().map(|&v| org(net, v)).collect()
}

/// Community `c` of the gap analysis, as sentences refer to it.
pub fn community(g: &GapAnalysis, c: u32) -> Community<'_> {
    Community {
        number: c,
        theme: g.theme(c),
    }
}

/// The name of node `v`.
fn name(net: &Network, v: u32) -> &str {
    &net.organization(v).name
}

/// A list with its total before paging.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Section<T> {
    /// Items in the whole list.
    pub total: usize,
    /// This page.
    pub items: Vec<T>,
}

impl<T> Section<T> {
    /// The items of `window`, with the whole list's length; only the window's items are
    /// produced (worded).
    fn page<I>(items: I, window: Window) -> Self
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: ExactSizeIterator,
    {
        let (total, items) = window.apply_exact(items);
        Section { total, items }
    }
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}
