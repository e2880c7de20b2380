//! The gap report: the gap analysis's findings ([`puentes_analysis::gaps::GapAnalysis`], data)
//! with organizations named and each one worded in the reader's language.

use super::communities::CommunityParams;
use super::{name, org, orgs, OrgRef, Section, DEFAULT_SEED, MAX_LISTED};
use crate::i18n::{Lang, Message, Names};
use crate::paging::Window;
use puentes_analysis::gaps::{self, GapAnalysis, InwardLooking, PeripheryReason};
use puentes_analysis::model::Service;
use puentes_analysis::Network;
use serde::Serialize;

/// An isolated or peripheral organization.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PeripheralItem {
    /// The organization.
    pub organization: OrgRef,
    /// Portfolio partner or ally.
    pub partner: bool,
    /// Reason codes, most severe first: isolated, pendant, low_coreness, low_closeness.
    pub reasons: Vec<String>,
    /// One sentence per reason, in the same order.
    pub explanation: Vec<String>,
}

/// An organization whose ties all stay inside its own community.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InwardLookingItem {
    /// The organization.
    pub organization: OrgRef,
    /// Portfolio partner or ally.
    pub partner: bool,
    /// Its community's label.
    pub community: String,
    /// Its number of ties (all inside the community).
    pub degree: usize,
    /// In words.
    pub explanation: String,
}

/// An organization whose removal cuts others off.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CutPointItem {
    /// The organization.
    pub organization: OrgRef,
    /// How many would be cut off from the rest.
    pub cut_off_total: usize,
    /// Sizes of the parts cut off.
    pub cut_off_sizes: Vec<usize>,
    /// Up to 25 organizations of each part.
    pub cut_off: Vec<Vec<OrgRef>>,
    /// Organizations that stay connected to the largest part.
    pub remaining: usize,
    /// In words.
    pub explanation: String,
}

/// A tie that alone joins two parts.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BridgeItem {
    /// The end on the larger side.
    pub from: OrgRef,
    /// The end on the smaller side.
    pub to: OrgRef,
    /// Organizations on the smaller side.
    pub smaller_side_size: usize,
    /// Up to 25 of them.
    pub smaller_side: Vec<OrgRef>,
    /// In words.
    pub explanation: String,
}

/// Two communities with fewer ties between them than their sizes predict.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunityPairItem {
    /// First community's label.
    pub a: String,
    /// Second community's label.
    pub b: String,
    /// Ties between them.
    pub observed: u64,
    /// Ties expected at the network's overall density.
    pub expected: f64,
    /// observed / expected.
    pub ratio: f64,
    /// In words.
    pub explanation: String,
}

/// A service some organizations cannot reach within two ties.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ServiceGapItem {
    /// The service.
    pub service: Service,
    /// Organizations offering it.
    pub offered_by: usize,
    /// Organizations with no path of at most two ties to it.
    pub lacking: usize,
    /// Up to 25 of them.
    pub organizations: Vec<OrgRef>,
    /// Regions ("country/region") with such organizations: (lacking, total in region).
    pub regions: Vec<(String, usize, usize)>,
    /// In words.
    pub explanation: String,
}

/// An organization with high constraint: its few partners all know each other.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConstraintItem {
    /// The organization.
    pub organization: OrgRef,
    /// Burt's constraint.
    pub constraint: f64,
    /// Effective size.
    pub effective_size: f64,
}

/// What planners ask: who is isolated, who holds the network together, which communities
/// do not talk to each other, which services are out of reach.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GapReport {
    /// The year of the network read, when one was asked (`as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were read (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// The partition used for community-based findings (Louvain, γ = 1, seed 42), in words.
    pub communities: String,
    /// Isolated and peripheral organizations, most severe first, each with its reasons.
    pub peripheral: Section<PeripheralItem>,
    /// Organizations whose ties all stay inside their own community, most ties first.
    pub inward_looking: Section<InwardLookingItem>,
    /// Organizations whose removal cuts others off, most cut off first.
    pub cut_points: Section<CutPointItem>,
    /// Ties that alone join two parts, largest smaller side first.
    pub bridges: Section<BridgeItem>,
    /// Community pairs with the fewest ties for their sizes: the 1,000 least connected
    /// (`puentes_analysis::policy::COMMUNITY_PAIRS_KEPT`), or all when there are fewer.
    pub least_connected_communities: Section<CommunityPairItem>,
    /// Pairs of different communities in the network, k(k−1)/2 for k communities (the
    /// least connected list holds at most 1,000 of them).
    pub community_pairs: usize,
    /// Services out of reach (no provider within two ties).
    pub service_gaps: Section<ServiceGapItem>,
    /// Most constrained organizations (Burt): no structural holes to broker.
    pub most_constrained: Section<ConstraintItem>,
}

/// The code of a periphery reason, as in the API's `reasons`.
pub fn reason_code(r: &PeripheryReason) -> &'static str {
    match r {
        PeripheryReason::Isolated => "isolated",
        PeripheryReason::Pendant { .. } => "pendant",
        PeripheryReason::LowCoreness { .. } => "low_coreness",
        PeripheryReason::LowCloseness { .. } => "low_closeness",
    }
}

/// The sentence for one reason why `v` is peripheral.
pub(super) fn periphery_message<'a>(net: &'a Network, v: u32, r: &PeripheryReason) -> Message<'a> {
    let org = name(net, v);
    match *r {
        PeripheryReason::Isolated => Message::Isolated { org },
        PeripheryReason::Pendant { neighbor } => Message::Pendant {
            org,
            neighbor: name(net, neighbor),
        },
        PeripheryReason::LowCoreness { .. } => Message::LowCoreness { org },
        PeripheryReason::LowCloseness {
            closeness,
            threshold,
        } => Message::LowCloseness {
            org,
            closeness,
            threshold,
        },
    }
}

/// The sentence for an inward-looking organization.
pub(super) fn inward_message<'a>(
    net: &'a Network,
    g: &'a GapAnalysis,
    i: &InwardLooking,
) -> Message<'a> {
    Message::InwardLooking {
        org: name(net, i.node),
        community: super::community(g, i.community),
        degree: i.degree,
    }
}

/// The sentence for an articulation point.
pub(super) fn cut_point_message<'a>(net: &'a Network, a: &gaps::ArticulationPoint) -> Message<'a> {
    Message::ArticulationPoint {
        org: name(net, a.node),
        cut_off: Names::new(
            a.cut_off.iter().flatten().map(|&u| name(net, u)),
            a.cut_off_total,
        ),
        remaining: a.remaining,
    }
}

/// The sentence for a bridge.
pub(super) fn bridge_message<'a>(net: &'a Network, b: &gaps::Bridge) -> Message<'a> {
    Message::Bridge {
        near: name(net, b.u),
        far: name(net, b.v),
        smaller: Names::new(
            b.smaller_side.iter().map(|&u| name(net, u)),
            b.smaller_side_size,
        ),
        larger: b.larger_side_size,
    }
}

/// The gap report in `lang`, each list paged with `offset` and `limit`.
pub fn gap_report(
    net: &Network,
    g: &GapAnalysis,
    offset: usize,
    limit: usize,
    lang: Lang,
) -> GapReport {
    let window = Window { offset, limit };
    let peripheral = g.peripheral.iter().map(|p| PeripheralItem {
        organization: org(net, p.node),
        partner: net.organization(p.node).partner,
        reasons: p
            .reasons
            .iter()
            .map(|r| reason_code(r).to_owned())
            .collect(),
        explanation: p
            .reasons
            .iter()
            .map(|r| periphery_message(net, p.node, r).render(lang))
            .collect(),
    });
    let inward_looking = g.inward_looking.iter().map(|i| InwardLookingItem {
        organization: org(net, i.node),
        partner: net.organization(i.node).partner,
        community: super::community(g, i.community).name(lang),
        degree: i.degree,
        explanation: inward_message(net, g, i).render(lang),
    });
    let cut_points = g.cut.articulation_points.iter().map(|a| CutPointItem {
        organization: org(net, a.node),
        cut_off_total: a.cut_off_total,
        cut_off_sizes: a.cut_off_sizes.clone(),
        cut_off: a.cut_off.iter().map(|part| orgs(net, part)).collect(),
        remaining: a.remaining,
        explanation: cut_point_message(net, a).render(lang),
    });
    let bridges = g.cut.bridges.iter().map(|b| BridgeItem {
        from: org(net, b.u),
        to: org(net, b.v),
        smaller_side_size: b.smaller_side_size,
        smaller_side: orgs(net, &b.smaller_side),
        explanation: bridge_message(net, b).render(lang),
    });
    let least_connected = g
        .community_gaps
        .least_connected
        .iter()
        .map(|p| CommunityPairItem {
            a: super::community(g, p.a).name(lang),
            b: super::community(g, p.b).name(lang),
            observed: p.observed,
            expected: p.expected,
            ratio: p.ratio,
            explanation: Message::CommunityPair {
                a: super::community(g, p.a),
                b: super::community(g, p.b),
                observed: p.observed,
                expected: p.expected,
            }
            .render(lang),
        });
    let service_gaps = g.reach.gaps.iter().map(|s| {
        let message = if s.offered_by == 0 {
            Message::ServiceOfferedByNobody {
                service: s.service,
                lacking: s.organizations.len(),
            }
        } else {
            Message::ServiceOutOfReach {
                service: s.service,
                lacking: Names::new(
                    s.organizations.iter().map(|&u| name(net, u)),
                    s.organizations.len(),
                ),
                offered_by: s.offered_by,
            }
        };
        ServiceGapItem {
            service: s.service,
            offered_by: s.offered_by,
            lacking: s.organizations.len(),
            organizations: orgs(
                net,
                &s.organizations[..s.organizations.len().min(MAX_LISTED)],
            ),
            regions: s
                .regions
                .iter()
                .map(|r| (format!("{}/{}", r.country, r.region), r.lacking, r.total))
                .collect(),
            explanation: message.render(lang),
        }
    });
    let most_constrained = g.most_constrained.iter().map(|&v| ConstraintItem {
        organization: org(net, v),
        constraint: g.holes.constraint[v as usize],
        effective_size: g.holes.effective_size[v as usize],
    });
    let params = CommunityParams::default();
    GapReport {
        as_of: None,
        confirmed: false,
        communities: Message::Communities {
            algorithm: "Louvain",
            resolution: params.resolution,
            seed: DEFAULT_SEED,
            count: g.partition.count,
            modularity: g.partition.modularity,
        }
        .render(lang),
        peripheral: Section::page(peripheral, window),
        inward_looking: Section::page(inward_looking, window),
        cut_points: Section::page(cut_points, window),
        bridges: Section::page(bridges, window),
        least_connected_communities: Section::page(least_connected, window),
        community_pairs: g.community_gaps.pairs,
        service_gaps: Section::page(service_gaps, window),
        most_constrained: Section::page(most_constrained, window),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use puentes_analysis::gaps::gap_analysis;
    use puentes_analysis::network::node;

    fn fixture() -> (Network, GapAnalysis) {
        let data = crate::fixtures::generate(crate::fixtures::DEFAULT_SEED);
        let net = Network::new(&data);
        let g = gap_analysis(&net);
        (net, g)
    }

    #[test]
    fn peripheral_list_on_the_fixture_points_at_few_and_pendant_partners_lead() {
        let (net, g) = fixture();
        let r = gap_report(&net, &g, 0, usize::MAX, Lang::En);
        let n = net.node_count();
        // At most a fifth of the organizations.
        assert!(
            r.peripheral.total * 5 <= n,
            "{} of {n} organizations flagged peripheral",
            r.peripheral.total
        );
        // The fixture builds 6 partners with a single tie (fixtures/hip/README.md); with the
        // allies that also keep one tie they head the list, before any other reason.
        let pendants: Vec<u32> = (0..n).map(node).filter(|&v| net.degree(v) == 1).collect();
        let pendant_partners = pendants
            .iter()
            .filter(|&&v| net.organization(v).partner)
            .count();
        assert_eq!(pendant_partners, 6);
        let top = &r.peripheral.items[..pendants.len()];
        assert!(top.iter().all(|p| p.reasons[0] == "pendant"), "{top:?}");
        let mut top_ids: Vec<&str> = top.iter().map(|p| p.organization.id.as_str()).collect();
        let mut pendant_ids: Vec<&str> = pendants
            .iter()
            .map(|&v| net.organization(v).id.as_str())
            .collect();
        top_ids.sort_unstable();
        pendant_ids.sort_unstable();
        assert_eq!(top_ids, pendant_ids);
        // Keeping every tie inside one's community is its own finding now.
        assert!(r.inward_looking.total > 0);
        assert!(r
            .peripheral
            .items
            .iter()
            .flat_map(|p| &p.reasons)
            .all(|code| code != "only_inside_community"));
    }

    #[test]
    fn the_gap_report_speaks_spanish() {
        let (net, g) = fixture();
        let en = gap_report(&net, &g, 0, 3, Lang::En);
        let es = gap_report(&net, &g, 0, 3, Lang::Es);
        assert!(en
            .communities
            .starts_with("Louvain (resolution 1, seed 42): "));
        assert!(es
            .communities
            .starts_with("Louvain (resolución 1, semilla 42): "));
        let first = |r: &GapReport| r.cut_points.items[0].explanation.clone();
        assert!(first(&en).starts_with("Without "), "{}", first(&en));
        assert!(first(&es).starts_with("Sin "), "{}", first(&es));
        assert!(first(&es).contains("perderían todo camino hacia las otras"));
        // Same facts, same codes, in both languages.
        assert_eq!(
            en.peripheral.items[0].reasons,
            es.peripheral.items[0].reasons
        );
        assert_eq!(
            en.cut_points.items[0].cut_off_total,
            es.cut_points.items[0].cut_off_total
        );
        for item in &es.peripheral.items {
            assert_eq!(item.explanation.len(), item.reasons.len());
        }
        let pendant = &es.peripheral.items[0].explanation[0];
        assert!(pendant.contains("tiene un solo vínculo, con "), "{pendant}");
        for (a, b) in en.service_gaps.items.iter().zip(&es.service_gaps.items) {
            assert_ne!(a.explanation, b.explanation);
        }
    }

    #[test]
    fn cut_point_sentence_counts_every_organization_cut_off() {
        // Path 0 - 1 - … - 80: node 40 cuts off the 40 organizations 41..80 (the parts tie
        // in size; the one holding node 0 stays). Only MAX_LISTED = 25 of them are listed;
        // the sentence names five and counts the other 35, not 25 − 5.
        let edges: Vec<(u32, u32, f64)> = (0..80).map(|i| (i, i + 1, 1.0)).collect();
        let net = Network::from_edges(81, &edges);
        let g = gap_analysis(&net);
        let r = gap_report(&net, &g, 0, 1, Lang::En);
        let item = &r.cut_points.items[0];
        assert_eq!(
            (item.organization.id.as_str(), item.cut_off_total),
            ("40", 40)
        );
        assert_eq!(item.cut_off[0].len(), MAX_LISTED);
        assert_eq!(
            item.explanation,
            "Without 40, 40 organizations (41, 42, 43, 44, 45 and 35 more) would lose every \
             path to the other 40 organizations of its component."
        );
    }
}
