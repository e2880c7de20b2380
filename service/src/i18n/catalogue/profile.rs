//! The sentences of an organization's profile (ties, betweenness rank, brokerage, services
//! out of reach) and of a suggested partner: one function per [`super::Message`] variant, English and
//! Spanish side by side.

use super::{list_in_words, service_name, Community, Names};
use crate::i18n::Lang::{self, En, Es};
use puentes_analysis::gaps::{BrokerageGroups, Roles};
use puentes_analysis::model::Service;

/// Exchanges brokered between groups: every open two-path except those inside one group
/// (coordinator).
fn brokered(r: &Roles<u64>) -> u64 {
    r.itinerant + r.representative + r.gatekeeper + r.liaison
}

/// "health, shelter and food" / "salud, albergue y alimentación".
fn service_list(services: &[Service], lang: Lang) -> String {
    let words: Vec<&str> = services.iter().map(|&s| service_name(s, lang)).collect();
    list_in_words(&words, lang)
}

/// [`super::Message::ProfileTies`].
pub(super) fn profile_ties(
    org: &str,
    degree: usize,
    community: Community<'_>,
    lang: Lang,
) -> String {
    let n = |x: usize| lang.count(x);
    let community = community.in_words(lang);
    match lang {
        En => format!(
            "{org} has ties with {} {} and belongs to the community {community}.",
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
                "{org} tiene vínculo con 1 organización y pertenece a la comunidad {community}."
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
            "Counting how many of the shortest paths between other organizations pass \
             through it (betweenness), it comes {} of {} (1 = the most): it is in the top \
             tenth, so many connections between others run through it.",
            n(rank),
            n(of)
        ),
        Es => format!(
            "Según cuántos de los caminos más cortos entre otras organizaciones pasan por \
             ella (intermediación), ocupa el lugar {} de {} (1 = por la que más pasan): \
             está en el décimo más alto, así que muchas conexiones entre otras pasan por \
             ella.",
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
            "Counting how many of the shortest paths between other organizations pass \
             through it (betweenness), it comes {} of {} (1 = the most): few connections \
             between others run through it.",
            n(rank),
            n(of)
        ),
        Es => format!(
            "Según cuántos de los caminos más cortos entre otras organizaciones pasan por \
             ella (intermediación), ocupa el lugar {} de {} (1 = por la que más pasan): \
             pocas conexiones entre otras pasan por ella.",
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
    other_community: &Option<Community<'_>>,
    unreachable: bool,
    lang: Lang,
) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => {
            let mut out = match (shared.total, unreachable) {
                (0, true) => format!("{candidate}: no path links you today"),
                (0, false) => format!("{candidate}: no organization has ties with you both yet"),
                (1, _) => format!(
                    "{candidate}: 1 organization has ties with you both ({})",
                    shared.render(lang)
                ),
                (k, _) => format!(
                    "{candidate}: {} organizations have ties with you both ({})",
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
                    "; it offers {}, which neither you nor the organizations tied to you offer",
                    service_list(services_gained, lang)
                ));
            }
            if same_corridor {
                out.push_str("; same corridor");
            } else if same_country {
                out.push_str("; same country");
            }
            if let Some(c) = other_community {
                out.push_str(&format!(
                    "; the tie would link your community to “{}”",
                    c.name(lang)
                ));
            }
            out.push('.');
            out
        }
        Es => {
            let mut out = match (shared.total, unreachable) {
                (0, true) => format!("{candidate}: hoy ningún camino las une"),
                (0, false) => {
                    format!("{candidate}: todavía ninguna organización tiene vínculo con ambas")
                }
                (1, _) => format!(
                    "{candidate}: 1 organización tiene vínculo con ambas ({})",
                    shared.render(lang)
                ),
                (k, _) => format!(
                    "{candidate}: {} organizaciones tienen vínculo con ambas ({})",
                    n(k),
                    shared.render(lang)
                ),
            };
            if let Some(z) = introducer {
                out.push_str(&format!("; {z} conoce mejor a ambas y podría presentarlas"));
            }
            if !services_gained.is_empty() {
                out.push_str(&format!(
                    "; ofrece {}, que ni ustedes ni las organizaciones vinculadas a ustedes ofrecen",
                    service_list(services_gained, lang)
                ));
            }
            if same_corridor {
                out.push_str("; mismo corredor");
            } else if same_country {
                out.push_str("; mismo país");
            }
            if let Some(c) = other_community {
                out.push_str(&format!(
                    "; el vínculo uniría su comunidad con “{}”",
                    c.name(lang)
                ));
            }
            out.push('.');
            out
        }
    }
}
