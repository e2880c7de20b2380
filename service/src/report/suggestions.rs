//! Partner suggestions and what-if answers for people: organizations named, communities
//! labelled, every suggestion explained in one sentence of the reader's language next to the
//! numbers it rests on (each score component's contribution, shared partners, introducers).

use super::{finite, org, orgs, GapAnalysis, OrgRef};
use crate::i18n::{Lang, Message, Names};
use puentes_analysis::model::Service;
use puentes_analysis::suggest::what_if::WhatIf;
use puentes_analysis::suggest::{Component, Distance, Suggestion, Suggestions};
use puentes_analysis::Network;
use serde::Serialize;
use std::collections::BTreeMap;

/// One score component's part in a suggestion.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ComponentItem {
    /// Component name (`adamic_adar`, `complementarity`, …).
    pub component: &'static str,
    /// Its raw value for this pair (e.g. shared partners for `common_neighbors`).
    pub raw: f64,
    /// raw / the largest raw value among this request's candidates.
    pub normalized: f64,
    /// The goal's weight.
    pub weight: f64,
    /// weight × normalized; the contributions add up to `score`.
    pub contribution: f64,
}

/// A shared partner who could introduce the two organizations.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IntroducerItem {
    /// The shared partner.
    pub organization: OrgRef,
    /// The weaker of its two ties (collapsed weights; ranked by this first).
    pub weaker_tie: f64,
    /// The sum of its two ties.
    pub both_ties: f64,
}

/// One suggested partner.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SuggestionItem {
    /// The suggested organization.
    pub organization: OrgRef,
    /// Σ of the contributions.
    pub score: f64,
    /// Every component (zero weights too, so raw values can be quoted).
    pub components: Vec<ComponentItem>,
    /// `two` (shares a partner), `three_or_more`, or `unreachable` (another component).
    #[schema(value_type = String)]
    pub distance: Distance,
    /// Partners both already have (exact count).
    pub shared_partner_count: usize,
    /// Up to 10 of them.
    pub shared_partners: Vec<OrgRef>,
    /// Shared partners ranked by the strength of both their ties.
    pub introducers: Vec<IntroducerItem>,
    /// Services it offers that the asking organization and its partners lack.
    pub services_gained: Vec<Service>,
    /// Same (known) corridor.
    pub same_corridor: bool,
    /// Same (known) country.
    pub same_country: bool,
    /// Its community's label.
    pub community: String,
    /// Whether the tie joins two communities.
    pub joins_communities: bool,
    /// The asking organization's Burt constraint now and with the tie.
    pub constraint_before: Option<f64>,
    /// With the tie added.
    pub constraint_after: Option<f64>,
    /// In words.
    pub explanation: String,
}

/// The answer to "whom should this organization work with next, and why?".
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SuggestionReport {
    /// The year of the network read, when one was asked (`as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were read (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// The asking organization.
    pub organization: OrgRef,
    /// Goal: strengthen, bridge, services, balanced or custom.
    pub goal: &'static str,
    /// The weight of each score component.
    pub weights: BTreeMap<&'static str, f64>,
    /// Its community's label.
    pub community: String,
    /// Its Burt constraint now (null: no ties).
    pub constraint: Option<f64>,
    /// Services it and its partners lack that some organization offers.
    pub lacking_services: Vec<Service>,
    /// Candidates with a score above 0 (before the limit).
    pub scored: usize,
    /// True when the candidate scan stopped at its budget on a very large network (shared
    /// counts of the skipped paths are then partial; the listed shared partners are exact).
    pub capped: bool,
    /// Best first.
    pub items: Vec<SuggestionItem>,
}

/// Words and names for the suggestions of one organization.
pub fn suggestion_report(
    net: &Network,
    g: &GapAnalysis,
    s: &Suggestions,
    lang: Lang,
) -> SuggestionReport {
    SuggestionReport {
        as_of: None,
        confirmed: false,
        organization: org(net, s.node),
        goal: s.goal,
        weights: Component::ALL
            .into_iter()
            .map(|c| (c.as_str(), s.weights.get(c)))
            .collect(),
        community: super::community(g, s.community).name(lang),
        constraint: s.constraint,
        lacking_services: s.lacking_services.clone(),
        scored: s.scored,
        capped: s.capped,
        items: s
            .suggestions
            .iter()
            .map(|x| suggestion_item(net, g, x, lang))
            .collect(),
    }
}

fn suggestion_item(net: &Network, g: &GapAnalysis, x: &Suggestion, lang: Lang) -> SuggestionItem {
    let e = &x.explanation;
    let other_community = e
        .joins_communities
        .then(|| super::community(g, e.communities[1]));
    let shared_names: Vec<&str> = e
        .shared_partners
        .iter()
        .map(|&z| net.organization(z).name.as_str())
        .collect();
    let explanation = Message::Suggestion {
        candidate: &net.organization(x.node).name,
        shared: Names::new(shared_names, e.shared_partner_count),
        introducer: e
            .introducers
            .first()
            .map(|i| net.organization(i.node).name.as_str()),
        services_gained: &e.services_gained,
        same_corridor: e.same_corridor,
        same_country: e.same_country,
        other_community,
        unreachable: e.distance == Distance::Unreachable,
    }
    .render(lang);
    SuggestionItem {
        organization: org(net, x.node),
        score: x.score,
        components: x
            .components
            .iter()
            .map(|c| ComponentItem {
                component: c.component.as_str(),
                raw: c.raw,
                normalized: c.normalized,
                weight: c.weight,
                contribution: c.contribution,
            })
            .collect(),
        distance: e.distance,
        shared_partner_count: e.shared_partner_count,
        shared_partners: orgs(net, &e.shared_partners),
        introducers: e
            .introducers
            .iter()
            .map(|i| IntroducerItem {
                organization: org(net, i.node),
                weaker_tie: i.weakest,
                both_ties: i.total,
            })
            .collect(),
        services_gained: e.services_gained.clone(),
        same_corridor: e.same_corridor,
        same_country: e.same_country,
        community: super::community(g, e.communities[1]).name(lang),
        joins_communities: e.joins_communities,
        constraint_before: e.constraint_before,
        constraint_after: finite(e.constraint_after),
        explanation,
    }
}

/// A value before and after the proposed ties.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct BeforeAfter<T> {
    /// Now.
    pub before: T,
    /// With the proposed ties.
    pub after: T,
}

/// One organization whose constraint the ties change.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConstraintChange {
    /// The organization.
    pub organization: OrgRef,
    /// Burt's constraint now (null: no ties).
    pub before: Option<f64>,
    /// With the ties.
    pub after: Option<f64>,
}

/// Organizations lacking one service within two ties, before and after.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ServiceReachChange {
    /// The service.
    pub service: Service,
    /// Organizations with no provider within two ties now.
    pub before: usize,
    /// With the ties.
    pub after: usize,
}

/// What the proposed ties would change.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WhatIfReport {
    /// Proposed ties joining pairs that were not tied.
    pub new_pairs: usize,
    /// Proposed ties strengthening a pair already tied.
    pub strengthened_pairs: usize,
    /// Organizations with no ties.
    pub isolated: BeforeAfter<usize>,
    /// Isolated, pendant, low-coreness or low-closeness organizations.
    pub peripheral: BeforeAfter<usize>,
    /// Peripheral now, not any more.
    pub no_longer_peripheral: Vec<OrgRef>,
    /// Not peripheral now, peripheral after (closeness thresholds move with the network).
    pub newly_peripheral: Vec<OrgRef>,
    /// Connected components (isolates included).
    pub components: BeforeAfter<usize>,
    /// Organizations in the largest component.
    pub largest_component: BeforeAfter<usize>,
    /// Cut points.
    pub cut_points: BeforeAfter<usize>,
    /// Bridges.
    pub bridges: BeforeAfter<usize>,
    /// Mean distance (hops) in the largest component (NetworkX
    /// `average_shortest_path_length` on it).
    pub average_distance: BeforeAfter<Option<f64>>,
    /// Global efficiency (NetworkX `global_efficiency`).
    pub global_efficiency: BeforeAfter<f64>,
    /// (organization, service) pairs with no provider within two ties.
    pub unreachable_services: BeforeAfter<usize>,
    /// The same per service.
    pub services: Vec<ServiceReachChange>,
    /// Organizations whose constraint changes, largest drop first.
    pub constraint: Vec<ConstraintChange>,
}

/// Names for a what-if answer.
pub fn what_if_report(net: &Network, w: &WhatIf) -> WhatIfReport {
    let pair = |c: &puentes_analysis::suggest::what_if::Change<usize>| BeforeAfter {
        before: c.before,
        after: c.after,
    };
    let mut constraint: Vec<(u32, Option<f64>, Option<f64>, f64)> = w
        .constraint_delta
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let before = w.constraint.before[i];
            let after = w.constraint.after[i];
            let changed = match (before, after) {
                (Some(b), Some(a)) => (a - b).abs() > 1e-12,
                (None, None) => false,
                _ => true,
            };
            changed.then(|| {
                (
                    puentes_analysis::network::node(i),
                    before,
                    after,
                    d.unwrap_or(0.0),
                )
            })
        })
        .collect();
    constraint.sort_by(|a, b| a.3.total_cmp(&b.3).then(a.0.cmp(&b.0)));
    WhatIfReport {
        new_pairs: w.new_pairs,
        strengthened_pairs: w.strengthened_pairs,
        isolated: pair(&w.isolated),
        peripheral: pair(&w.peripheral),
        no_longer_peripheral: orgs(net, &w.no_longer_peripheral),
        newly_peripheral: orgs(net, &w.newly_peripheral),
        components: pair(&w.components),
        largest_component: pair(&w.largest_component),
        cut_points: pair(&w.articulation_points),
        bridges: pair(&w.bridges),
        average_distance: BeforeAfter {
            before: w.average_distance.before,
            after: w.average_distance.after,
        },
        global_efficiency: BeforeAfter {
            before: w.global_efficiency.before,
            after: w.global_efficiency.after,
        },
        unreachable_services: pair(&w.unreachable_services),
        services: w
            .services
            .iter()
            .map(|s| ServiceReachChange {
                service: s.service,
                before: s.before,
                after: s.after,
            })
            .collect(),
        constraint: constraint
            .into_iter()
            .map(|(v, before, after, _)| ConstraintChange {
                organization: org(net, v),
                before,
                after,
            })
            .collect(),
    }
}

/// The top suggestion of each peripheral organization (partners only if asked) as ties of
/// strength 1.
pub fn top_suggestions(
    net: &puentes_analysis::Network,
    all: &[puentes_analysis::suggest::Suggestions],
    partners_only: bool,
) -> Vec<puentes_analysis::suggest::what_if::ProposedTie> {
    all.iter()
        .filter(|s| !partners_only || net.organization(s.node).partner)
        .filter_map(|s| {
            s.suggestions
                .first()
                .map(|best| puentes_analysis::suggest::what_if::ProposedTie {
                    source: s.node,
                    target: best.node,
                    strength: 1,
                })
        })
        .collect()
}
