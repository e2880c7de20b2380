//! One organization's position: its metrics, community, brokerage roles, structural holes
//! and the gap findings that concern it, in numbers and in the reader's language.

use super::gap_report::{bridge_message, cut_point_message, inward_message, periphery_message};
use super::{finite, GapAnalysis};
use crate::i18n::catalogue::ProfileText;
use crate::i18n::{Lang, Message};
use crate::metrics::{Metric, MetricsTable};
use puentes_analysis::gaps::Reach;
use puentes_analysis::model::Service;
use puentes_analysis::Network;
use serde::Serialize;
use std::collections::BTreeMap;

/// One organization's position, in numbers and in words.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Profile {
    /// The year of the network read, when one was asked (`as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were read (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// The organization (public fields).
    #[schema(value_type = Object)]
    pub organization: puentes_analysis::Organization,
    /// Node metrics.
    pub metrics: BTreeMap<String, Option<f64>>,
    /// Burt's structural holes (weighted).
    pub structural_holes: BTreeMap<String, Option<f64>>,
    /// Its Louvain community's name, in the asked language.
    pub community: String,
    /// Whether any organization of the network lists its services (without, the profile
    /// says so and `services_out_of_reach` is empty).
    pub service_data: bool,
    /// Gould–Fernandez brokerage roles (raw counts), by corridor (or community).
    pub brokerage: BTreeMap<String, u64>,
    /// What the brokerage groups are: `corridor` or `community`.
    pub brokerage_groups: String,
    /// Services it cannot reach within two ties.
    pub services_out_of_reach: Vec<Service>,
    /// Everything above that matters, in plain words.
    pub summary: Vec<String>,
    /// Its best new partners (goal `balanced`), each explained; filled by the caller from
    /// the suggestion engine (empty when not asked).
    pub suggestions: Vec<super::suggestions::SuggestionItem>,
}

/// The profile of node `v`, its summary in `lang`.
pub fn profile(
    net: &Network,
    table: &MetricsTable,
    g: &GapAnalysis,
    v: u32,
    lang: Lang,
) -> Profile {
    let i = v as usize;
    let o = net.organization(v);
    let mut metrics = BTreeMap::new();
    for m in &table.metrics {
        metrics.insert(m.name().to_owned(), table.column(*m).and_then(|c| c[i]));
    }
    let holes: BTreeMap<String, Option<f64>> = [
        ("constraint", g.holes.constraint[i]),
        ("effective_size", g.holes.effective_size[i]),
        ("efficiency", g.holes.efficiency[i]),
        ("hierarchy", g.holes.hierarchy[i]),
    ]
    .into_iter()
    .map(|(k, x)| (k.to_owned(), finite(x)))
    .collect();
    let r = g.brokerage.raw[i];
    let brokerage: BTreeMap<String, u64> = [
        ("coordinator", r.coordinator),
        ("itinerant", r.itinerant),
        ("representative", r.representative),
        ("gatekeeper", r.gatekeeper),
        ("liaison", r.liaison),
    ]
    .into_iter()
    .map(|(k, x)| (k.to_owned(), x))
    .collect();
    let out_of_reach: Vec<Service> = g
        .reach
        .services
        .iter()
        .zip(&g.reach.reach[i])
        .filter(|(_, r)| **r == Reach::Unreachable)
        .map(|(s, _)| *s)
        .collect();
    let community = super::community(g, g.partition.membership[i]);
    let mut summary: Vec<Message> = vec![Message::ProfileTies {
        org: &o.name,
        degree: net.degree(v),
        community,
    }];
    if let Some(col) = table.column(Metric::Betweenness) {
        if let Some(b) = col[i] {
            let rank = col.iter().filter(|x| x.is_some_and(|y| y > b)).count() + 1;
            let of = net.node_count();
            summary.push(if rank <= of.div_ceil(10) {
                Message::ProfileBetweennessHigh { rank, of }
            } else {
                Message::ProfileBetweennessLow { rank, of }
            });
        }
    }
    if let Some(p) = g.peripheral.iter().find(|p| p.node == v) {
        summary.extend(p.reasons.iter().map(|r| periphery_message(net, v, r)));
    }
    if let Some(w) = g.inward_looking.iter().find(|w| w.node == v) {
        summary.push(inward_message(net, g, w));
    }
    if let Some(a) = g.cut.articulation_points.iter().find(|a| a.node == v) {
        summary.push(cut_point_message(net, a));
    }
    for b in g.cut.bridges.iter().filter(|b| b.u == v || b.v == v) {
        summary.push(bridge_message(net, b));
    }
    if r.itinerant + r.representative + r.gatekeeper + r.liaison > 0 {
        summary.push(Message::ProfileBrokerage {
            groups: g.brokerage_groups,
            roles: r,
        });
    }
    // Without any service data every service is "out of reach": say there is no data.
    // (No organization offers a service exactly when every service is a gap offered by none.)
    let service_data = g.reach.gaps.len() < g.reach.services.len()
        || g.reach.gaps.iter().any(|s| s.offered_by > 0);
    let out_of_reach = if service_data {
        out_of_reach
    } else {
        Vec::new()
    };
    if !out_of_reach.is_empty() {
        summary.push(Message::ProfileServicesOutOfReach {
            services: &out_of_reach,
        });
    }
    let mut summary: Vec<String> = summary.iter().map(|m| m.render(lang)).collect();
    if !service_data {
        summary.push(ProfileText::NoServiceData.render(lang).to_owned());
    }
    Profile {
        as_of: None,
        confirmed: false,
        organization: o.redacted(),
        metrics,
        structural_holes: holes,
        community: community.name(lang),
        service_data,
        brokerage,
        brokerage_groups: g.brokerage_groups.as_str().to_owned(),
        services_out_of_reach: out_of_reach,
        summary,
        suggestions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{compute, MetricOptions};
    use crate::report::gap_analysis;

    #[test]
    fn brokerage_sentence_names_the_groups_in_plural() {
        // Two triangles joined by 2-3, no corridors: brokerage groups are the two
        // communities. Node 2 passes 0→2→3 and 1→2→3 out of its community: 2 representative
        // exchanges (from_edges arcs: every listed pair u→v).
        let net = Network::from_edges(
            6,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (2, 3, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
            ],
        );
        let g = gap_analysis(&net);
        let table = compute(&net, &[], MetricOptions::default());
        let p = profile(&net, &table, &g, 2, Lang::En);
        assert_eq!(p.brokerage_groups, "community");
        assert!(
            p.summary.contains(
                &"It brokers 2 exchanges between communities (Gould–Fernandez roles: 0 \
                  gatekeeper, 2 representative, 0 liaison, 0 itinerant)."
                    .to_owned()
            ),
            "{:?}",
            p.summary
        );
        let es = profile(&net, &table, &g, 2, Lang::Es);
        assert!(
            es.summary.contains(
                &"Intermedia 2 intercambios entre comunidades (roles de Gould–Fernandez: \
                  guardián 0, representante 2, enlace 0, itinerante 0)."
                    .to_owned()
            ),
            "{:?}",
            es.summary
        );
    }

    #[test]
    fn profile_summary_in_both_languages_on_the_fixture() {
        let data = crate::fixtures::generate(crate::fixtures::DEFAULT_SEED);
        let net = Network::new(&data);
        let g = gap_analysis(&net);
        let table = compute(&net, &Metric::ALL, MetricOptions::default());
        let v = net
            .node("casa-quetzal-nuevo")
            .expect("fixture organization");
        let en = profile(&net, &table, &g, v, Lang::En);
        let es = profile(&net, &table, &g, v, Lang::Es);
        // The fixture's 17 organizations of the southern-border corridor are in its community
        // of 19.
        assert_eq!(
            en.summary[0],
            "Casa Quetzal Nuevo has ties with 7 organizations and belongs to the community \
             “Mexico's southern border” (17 of its 19 organizations work in that corridor)."
        );
        assert_eq!(
            es.summary[0],
            "Casa Quetzal Nuevo tiene vínculos con 7 organizaciones y pertenece a la comunidad \
             “Frontera sur de México” (17 de sus 19 organizaciones trabajan en ese corredor)."
        );
        assert_eq!(en.community, "Mexico's southern border");
        assert!(en.service_data);
        assert_eq!(en.summary.len(), es.summary.len());
        assert_eq!(en.metrics, es.metrics);
    }

    #[test]
    fn without_service_data_the_profile_says_so_rather_than_listing_every_service() {
        // A path of three organizations, none of which lists a service.
        let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        let g = gap_analysis(&net);
        let table = compute(&net, &Metric::ALL, MetricOptions::default());
        let es = profile(&net, &table, &g, 1, Lang::Es);
        assert!(!es.service_data);
        assert!(es.services_out_of_reach.is_empty());
        assert_eq!(
            es.summary.last().map(String::as_str),
            Some(ProfileText::NoServiceData.render(Lang::Es))
        );
        assert!(es
            .summary
            .iter()
            .all(|s| !s.contains("Ninguna organización a dos vínculos")));
        // The middle of a path of three: no place, so its community is named by number.
        assert!(
            es.summary[0].ends_with("pertenece a la comunidad “Comunidad 0”."),
            "{}",
            es.summary[0]
        );
    }
}
