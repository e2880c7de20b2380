//! The sentences of an organization's profile (ties, betweenness rank, brokerage, services
//! out of reach) and of a suggested partner: one function per [`super::Message`] variant, English and
//! Spanish side by side.

use super::{service_name, Names};
use crate::i18n::Lang::{self, En, Es};
use puentes_analysis::gaps::{BrokerageGroups, Roles};
use puentes_analysis::model::Service;

/// Exchanges brokered between groups: every open two-path except those inside one group
/// (coordinator).
fn brokered(r: &Roles<u64>) -> u64 {
    r.itinerant + r.representative + r.gatekeeper + r.liaison
}

fn service_list(services: &[Service], lang: Lang) -> String {
    services
        .iter()
        .map(|&s| service_name(s, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// [`super::Message::ProfileTies`].
pub(super) fn profile_ties(org: &str, degree: usize, community: &str, lang: Lang) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => format!(
            "{org} has {} partner {} and belongs to community {community}.",
            n(degree),
            if degree == 1 {
                "organization"
            } else {
                "organizations"
            }
        ),
        Es => match degree {
            0 => format!(
                "{org} no tiene vínculos con otras organizaciones y pertenece a la \
                 comunidad {community}."
            ),
            1 => format!(
                "{org} tiene vínculo con 1 organización y pertenece a la comunidad \
                 {community}."
            ),
            d => format!(
                "{org} tiene vínculos con {} organizaciones y pertenece a la comunidad \
                 {community}.",
                n(d)
            ),
        },
    }
}

/// [`super::Message::ProfileBetweennessHigh`].
pub(super) fn profile_betweenness_high(rank: usize, of: usize, lang: Lang) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => format!(
            "It ranks {} of {} in betweenness: it lies on many of the shortest paths \
             between others and helps hold the network together.",
            n(rank),
            n(of)
        ),
        Es => format!(
            "Ocupa el lugar {} de {} en intermediación: está en muchos de los caminos más \
             cortos entre otras organizaciones y ayuda a mantener unida la red.",
            n(rank),
            n(of)
        ),
    }
}

/// [`super::Message::ProfileBetweennessLow`].
pub(super) fn profile_betweenness_low(rank: usize, of: usize, lang: Lang) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => format!(
            "It ranks {} of {} in betweenness: few shortest paths between others pass \
             through it.",
            n(rank),
            n(of)
        ),
        Es => format!(
            "Ocupa el lugar {} de {} en intermediación: pocos caminos más cortos entre \
             otras organizaciones pasan por ella.",
            n(rank),
            n(of)
        ),
    }
}

/// [`super::Message::ProfileBrokerage`].
pub(super) fn profile_brokerage(groups: BrokerageGroups, roles: &Roles<u64>, lang: Lang) -> String {
    match lang {
        En => {
            let brokered = brokered(roles);
            format!(
                "It brokers {} {} between {} (Gould–Fernandez roles: {} gatekeeper, {} \
                 representative, {} liaison, {} itinerant).",
                lang.int(brokered),
                if brokered == 1 {
                    "exchange"
                } else {
                    "exchanges"
                },
                match groups {
                    BrokerageGroups::Corridor => "corridors",
                    BrokerageGroups::Community => "communities",
                },
                lang.int(roles.gatekeeper),
                lang.int(roles.representative),
                lang.int(roles.liaison),
                lang.int(roles.itinerant)
            )
        }
        Es => {
            let brokered = brokered(roles);
            format!(
                "Intermedia {} {} entre {} (roles de Gould–Fernandez: guardián {}, \
                 representante {}, enlace {}, itinerante {}).",
                lang.int(brokered),
                if brokered == 1 {
                    "intercambio"
                } else {
                    "intercambios"
                },
                match groups {
                    BrokerageGroups::Corridor => "corredores",
                    BrokerageGroups::Community => "comunidades",
                },
                lang.int(roles.gatekeeper),
                lang.int(roles.representative),
                lang.int(roles.liaison),
                lang.int(roles.itinerant)
            )
        }
    }
}

/// [`super::Message::ProfileServicesOutOfReach`].
pub(super) fn profile_services_out_of_reach(services: &[Service], lang: Lang) -> String {
    match lang {
        En => format!(
            "No organization within two ties offers: {}.",
            service_list(services, lang)
        ),
        Es => format!(
            "Ninguna organización a dos vínculos o menos ofrece: {}.",
            service_list(services, lang)
        ),
    }
}

/// [`super::Message::Suggestion`].
#[allow(clippy::too_many_arguments)]
pub(super) fn suggestion(
    candidate: &str,
    shared: &Names<'_>,
    introducer: &Option<&str>,
    services_gained: &[Service],
    same_corridor: bool,
    same_country: bool,
    other_community: &Option<&str>,
    unreachable: bool,
    lang: Lang,
) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => {
            let mut out = match (shared.total, unreachable) {
                (0, true) => format!("{candidate}: no path links you today"),
                (0, false) => format!("{candidate}: you share no partner yet"),
                (1, _) => format!("{candidate}: you share 1 partner ({})", shared.render(lang)),
                (k, _) => format!(
                    "{candidate}: you share {} partners ({})",
                    n(k),
                    shared.render(lang)
                ),
            };
            if let Some(z) = introducer {
                out.push_str(&format!(
                    "; {z} knows you both best and could introduce you"
                ));
            }
            if !services_gained.is_empty() {
                out.push_str(&format!(
                    "; it offers {}, which neither you nor your partners offer",
                    service_list(services_gained, lang)
                ));
            }
            if same_corridor {
                out.push_str("; same corridor");
            } else if same_country {
                out.push_str("; same country");
            }
            if let Some(c) = other_community {
                out.push_str(&format!("; the tie would link your community to {c}"));
            }
            out.push('.');
            out
        }
        Es => {
            let mut out = match (shared.total, unreachable) {
                (0, true) => format!("{candidate}: hoy ningún camino las une"),
                (0, false) => format!("{candidate}: todavía no comparten aliadas"),
                (1, _) => format!("{candidate}: comparten 1 aliada ({})", shared.render(lang)),
                (k, _) => format!(
                    "{candidate}: comparten {} aliadas ({})",
                    n(k),
                    shared.render(lang)
                ),
            };
            if let Some(z) = introducer {
                out.push_str(&format!("; {z} conoce mejor a ambas y podría presentarlas"));
            }
            if !services_gained.is_empty() {
                out.push_str(&format!(
                    "; ofrece {}, que ni ustedes ni sus aliadas ofrecen",
                    service_list(services_gained, lang)
                ));
            }
            if same_corridor {
                out.push_str("; mismo corredor");
            } else if same_country {
                out.push_str("; mismo país");
            }
            if let Some(c) = other_community {
                out.push_str(&format!("; el vínculo uniría su comunidad con {c}"));
            }
            out.push('.');
            out
        }
    }
}
