//! The message catalogue: every sentence and label Puentes shows, in English and Spanish,
//! side by side.
//!
//! * [`Message`]: one variant per kind of finding or report line, carrying the facts the
//!   sentence needs (names already resolved, numbers raw); [`Message::render`] words it in a
//!   language, formatting numbers with [`Lang`]'s separators and choosing singular or plural
//!   forms per language.
//! * [`Label`]: the fixed words of the planners' page, served by `GET /api/v1/messages`.
//! * [`service_name`]: the services of the vocabulary, in words; [`vocabulary`]: the
//!   populations and tie kinds.
//! * [`metrics`]: each metric's definition and the notes on how a column was computed.
//! * [`notices`]: what the CLI says while and after it works ([`Notice`]).
//! * [`refusals`]: every error sentence of the API and the CLI ([`Refusal`]) and what a
//!   refused value must be ([`Expected`]).
//!
//! # Nothing can go missing
//! [`Message::render`] matches on `(message, language)` with no catch-all arm, so a message
//! without a sentence in one language does not compile; [`Message::kind`] and
//! [`MessageKind::examples`] are exhaustive too, and [`MessageKind::ALL`] is generated from
//! the same list as the enum, so the catalogue test (`every_kind_speaks_both_languages`)
//! renders every kind in both languages. The page labels and service names are tables with
//! both languages on one line.

pub mod metrics;
pub mod notices;
pub mod places;
pub mod profile;
pub mod refusals;
pub mod survey;
pub mod time;
pub mod vocabulary;

pub use metrics::{metric_definition, metric_note};
pub use notices::{BacktestText, ListName, Notice};
pub use places::{
    community_in_words, community_name, community_share, corridor_name, country_name,
    list_in_words, Community,
};
pub use profile::ProfileText;
pub use refusals::{BusyReason, Expected, MapError, ProblemCounts, Refusal};
pub use survey::SurveyText;
pub use vocabulary::{population_name, tie_kind_name};

use super::Lang;
use puentes_analysis::gaps::BrokerageGroups;
use puentes_analysis::gaps::Roles;
use puentes_analysis::model::Service;

/// Up to a few organization names of a longer list, and the list's length.
#[derive(Debug, Clone, PartialEq)]
pub struct Names<'a> {
    /// Names to show (at most [`Names::SHOWN`] are used).
    pub shown: Vec<&'a str>,
    /// How many organizations the list has in all (at least `shown.len()`).
    pub total: usize,
}

impl<'a> Names<'a> {
    /// Names written out before "and N more".
    pub const SHOWN: usize = 5;

    /// The first [`Names::SHOWN`] of `names`, out of `total`.
    pub fn new(names: impl IntoIterator<Item = &'a str>, total: usize) -> Self {
        let shown: Vec<&str> = names.into_iter().take(Self::SHOWN).collect();
        let total = total.max(shown.len());
        Names { shown, total }
    }

    /// "A, B, C and 4 more" / "A, B, C y 4 más"; empty when no name is known.
    fn render(&self, lang: Lang) -> String {
        let more = self.total - self.shown.len();
        if more == 0 {
            return list_in_words(&self.shown, lang);
        }
        let mut out = self.shown.join(", ");
        if more > 0 && !self.shown.is_empty() {
            let more = lang.count(more);
            out.push_str(&match lang {
                Lang::En => format!(" and {more} more"),
                Lang::Es => format!(" y {more} más"),
            });
        }
        out
    }

    /// " (A, B, C and 4 more)", or nothing when no name is known.
    fn in_parentheses(&self, lang: Lang) -> String {
        let names = self.render(lang);
        if names.is_empty() {
            names
        } else {
            format!(" ({names})")
        }
    }
}

/// "1 organization" / "3 organizations", "1 organización" / "3 organizaciones".
fn organizations(lang: Lang, n: usize) -> String {
    let count = lang.count(n);
    match (lang, n == 1) {
        (Lang::En, true) => format!("{count} organization"),
        (Lang::En, false) => format!("{count} organizations"),
        (Lang::Es, true) => format!("{count} organización"),
        (Lang::Es, false) => format!("{count} organizaciones"),
    }
}

macro_rules! kinds {
    ($($(#[$meta:meta])* $kind:ident),+ $(,)?) => {
        /// The kind of a [`Message`], without its facts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum MessageKind {
            $($(#[$meta])* $kind),+
        }

        impl MessageKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [MessageKind] = &[$(MessageKind::$kind),+];
        }
    };
}

kinds! {
    /// [`Message::Isolated`].
    Isolated,
    /// [`Message::Pendant`].
    Pendant,
    /// [`Message::LowCoreness`].
    LowCoreness,
    /// [`Message::LowCloseness`].
    LowCloseness,
    /// [`Message::InwardLooking`].
    InwardLooking,
    /// [`Message::ArticulationPoint`].
    ArticulationPoint,
    /// [`Message::Bridge`].
    Bridge,
    /// [`Message::CommunityPair`].
    CommunityPair,
    /// [`Message::ServiceOfferedByNobody`].
    ServiceOfferedByNobody,
    /// [`Message::ServiceOutOfReach`].
    ServiceOutOfReach,
    /// [`Message::Communities`].
    Communities,
    /// [`Message::ProfileTies`].
    ProfileTies,
    /// [`Message::ProfileBetweennessHigh`].
    ProfileBetweennessHigh,
    /// [`Message::ProfileBetweennessLow`].
    ProfileBetweennessLow,
    /// [`Message::ProfileBrokerage`].
    ProfileBrokerage,
    /// [`Message::ProfileServicesOutOfReach`].
    ProfileServicesOutOfReach,
    /// [`Message::Suggestion`].
    Suggestion,
}

/// A finding or report line with the facts it states. Names are resolved by the caller;
/// numbers are raw and formatted per language when rendered.
#[derive(Debug, Clone, PartialEq)]
pub enum Message<'a> {
    /// An organization without ties.
    Isolated {
        /// Its name.
        org: &'a str,
    },
    /// An organization with a single tie.
    Pendant {
        /// Its name.
        org: &'a str,
        /// The organization at the other end of its only tie.
        neighbor: &'a str,
    },
    /// Core number 1 with at least two ties.
    LowCoreness {
        /// Its name.
        org: &'a str,
    },
    /// Closeness in the bottom decile.
    LowCloseness {
        /// Its name.
        org: &'a str,
        /// Its closeness.
        closeness: f64,
        /// The decile threshold.
        threshold: f64,
    },
    /// Every tie inside its own community.
    InwardLooking {
        /// Its name.
        org: &'a str,
        /// Its community.
        community: Community<'a>,
        /// Its number of ties.
        degree: usize,
    },
    /// An organization whose removal cuts others off.
    ArticulationPoint {
        /// Its name.
        org: &'a str,
        /// The organizations it would cut off.
        cut_off: Names<'a>,
        /// Organizations of its component that stay connected.
        remaining: usize,
    },
    /// A tie that alone joins two sides.
    Bridge {
        /// The end on the larger side.
        near: &'a str,
        /// The end on the smaller side.
        far: &'a str,
        /// The organizations on the smaller side.
        smaller: Names<'a>,
        /// Organizations on the larger side.
        larger: usize,
    },
    /// Two communities with few ties between them.
    CommunityPair {
        /// First community.
        a: Community<'a>,
        /// Second community.
        b: Community<'a>,
        /// Ties between them.
        observed: u64,
        /// Ties the network's average density predicts.
        expected: f64,
    },
    /// A service no organization offers.
    ServiceOfferedByNobody {
        /// The service.
        service: Service,
        /// Organizations in the network (all lack it).
        lacking: usize,
    },
    /// A service some organizations cannot reach within two ties.
    ServiceOutOfReach {
        /// The service.
        service: Service,
        /// Organizations with no provider within two ties.
        lacking: Names<'a>,
        /// Organizations offering it.
        offered_by: usize,
    },
    /// The partition the community findings use.
    Communities {
        /// Algorithm name (a proper name, not translated).
        algorithm: &'a str,
        /// Resolution γ.
        resolution: f64,
        /// Seed.
        seed: u64,
        /// Number of communities.
        count: usize,
        /// Modularity.
        modularity: f64,
    },
    /// Profile: ties and community.
    ProfileTies {
        /// Its name.
        org: &'a str,
        /// Its number of ties.
        degree: usize,
        /// Its community.
        community: Community<'a>,
    },
    /// Profile: a betweenness rank in the top tenth.
    ProfileBetweennessHigh {
        /// Rank (1 = highest).
        rank: usize,
        /// Organizations ranked.
        of: usize,
    },
    /// Profile: a betweenness rank below the top tenth.
    ProfileBetweennessLow {
        /// Rank (1 = highest).
        rank: usize,
        /// Organizations ranked.
        of: usize,
    },
    /// Profile: brokerage between groups.
    ProfileBrokerage {
        /// What the groups are.
        groups: BrokerageGroups,
        /// Raw Gould–Fernandez counts.
        roles: Roles<u64>,
    },
    /// Profile: services no organization within two ties offers.
    ProfileServicesOutOfReach {
        /// The services.
        services: &'a [Service],
    },
    /// A suggested partner and why, addressed to the asking organization.
    Suggestion {
        /// The suggested organization's name.
        candidate: &'a str,
        /// The partners both already have.
        shared: Names<'a>,
        /// The shared partner best placed to introduce them (strongest ties to both).
        introducer: Option<&'a str>,
        /// Services the candidate offers that the asker and its partners lack.
        services_gained: &'a [Service],
        /// Both work in the same corridor.
        same_corridor: bool,
        /// Both are in the same country.
        same_country: bool,
        /// The candidate's community, when it is not the asker's.
        other_community: Option<Community<'a>>,
        /// No path joins them today (different components).
        unreachable: bool,
    },
}

impl Message<'_> {
    /// The kind of this message.
    pub fn kind(&self) -> MessageKind {
        match self {
            Message::Isolated { .. } => MessageKind::Isolated,
            Message::Pendant { .. } => MessageKind::Pendant,
            Message::LowCoreness { .. } => MessageKind::LowCoreness,
            Message::LowCloseness { .. } => MessageKind::LowCloseness,
            Message::InwardLooking { .. } => MessageKind::InwardLooking,
            Message::ArticulationPoint { .. } => MessageKind::ArticulationPoint,
            Message::Bridge { .. } => MessageKind::Bridge,
            Message::CommunityPair { .. } => MessageKind::CommunityPair,
            Message::ServiceOfferedByNobody { .. } => MessageKind::ServiceOfferedByNobody,
            Message::ServiceOutOfReach { .. } => MessageKind::ServiceOutOfReach,
            Message::Communities { .. } => MessageKind::Communities,
            Message::ProfileTies { .. } => MessageKind::ProfileTies,
            Message::ProfileBetweennessHigh { .. } => MessageKind::ProfileBetweennessHigh,
            Message::ProfileBetweennessLow { .. } => MessageKind::ProfileBetweennessLow,
            Message::ProfileBrokerage { .. } => MessageKind::ProfileBrokerage,
            Message::ProfileServicesOutOfReach { .. } => MessageKind::ProfileServicesOutOfReach,
            Message::Suggestion { .. } => MessageKind::Suggestion,
        }
    }

    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        use Lang::{En, Es};
        let n = |x: usize| lang.count(x);
        match (self, lang) {
            (Message::Isolated { org }, En) => {
                format!("{org} has no ties to any other organization.")
            }
            (Message::Isolated { org }, Es) => {
                format!("{org} no tiene vínculos con ninguna otra organización.")
            }

            (Message::Pendant { org, neighbor }, En) => {
                format!("{org} has a single tie, to {neighbor}; if that tie ends it is cut off.")
            }
            (Message::Pendant { org, neighbor }, Es) => format!(
                "{org} tiene un solo vínculo, con {neighbor}; si ese vínculo se pierde, queda \
                 sin conexión con la red."
            ),

            (Message::LowCoreness { org }, En) => format!(
                "{org} is not part of any cohesive group where every member has at least two \
                 ties (core number 1): it sits on a chain or tree-like branch."
            ),
            (Message::LowCoreness { org }, Es) => format!(
                "{org} no forma parte de ningún grupo cohesionado en el que cada integrante \
                 tenga al menos dos vínculos (número de núcleo 1): está en una cadena o en una \
                 rama de la red."
            ),

            (
                Message::LowCloseness {
                    org,
                    closeness,
                    threshold,
                },
                En,
            ) => format!(
                "{org} is among the {} of connected organizations farthest from the rest \
                 (closeness {}, threshold {}).",
                lang.percent(0.1),
                lang.decimal(*closeness, 3),
                lang.decimal(*threshold, 3)
            ),
            (
                Message::LowCloseness {
                    org,
                    closeness,
                    threshold,
                },
                Es,
            ) => format!(
                "{org} está entre el {} de las organizaciones conectadas más alejadas del resto \
                 (cercanía {}; umbral {}).",
                lang.percent(0.1),
                lang.decimal(*closeness, 3),
                lang.decimal(*threshold, 3)
            ),

            (
                Message::InwardLooking {
                    org,
                    community,
                    degree,
                },
                En,
            ) => match degree {
                1 => format!(
                    "The only tie of {org} stays inside its own community, {}.",
                    community.in_words(lang)
                ),
                d => format!(
                    "All {} ties of {org} stay inside its own community, {}.",
                    n(*d),
                    community.in_words(lang)
                ),
            },
            (
                Message::InwardLooking {
                    org,
                    community,
                    degree,
                },
                Es,
            ) => match degree {
                1 => format!(
                    "El único vínculo de {org} se queda dentro de su propia comunidad, {}.",
                    community.in_words(lang)
                ),
                d => format!(
                    "Los {} vínculos de {org} se quedan dentro de su propia comunidad, {}.",
                    n(*d),
                    community.in_words(lang)
                ),
            },

            (
                Message::ArticulationPoint {
                    org,
                    cut_off,
                    remaining,
                },
                En,
            ) => format!(
                "Without {org}, {}{} would lose every path to {}.",
                organizations(lang, cut_off.total),
                cut_off.in_parentheses(lang),
                match remaining {
                    1 => "the one other organization of its component".to_owned(),
                    r => format!("the other {} organizations of its component", n(*r)),
                }
            ),
            (
                Message::ArticulationPoint {
                    org,
                    cut_off,
                    remaining,
                },
                Es,
            ) => format!(
                "Sin {org}, {}{} {} todo camino hacia {}.",
                organizations(lang, cut_off.total),
                cut_off.in_parentheses(lang),
                if cut_off.total == 1 {
                    "perdería"
                } else {
                    "perderían"
                },
                match remaining {
                    1 => "la otra organización de su componente".to_owned(),
                    r => format!("las otras {} organizaciones de su componente", n(*r)),
                }
            ),

            (
                Message::Bridge {
                    near,
                    far,
                    smaller,
                    larger,
                },
                En,
            ) => format!(
                "The tie between {near} and {far} is the only link between {}{} and {}.",
                organizations(lang, smaller.total),
                smaller.in_parentheses(lang),
                match larger {
                    1 => "the one other organization".to_owned(),
                    l => format!("the other {} organizations", n(*l)),
                }
            ),
            (
                Message::Bridge {
                    near,
                    far,
                    smaller,
                    larger,
                },
                Es,
            ) => format!(
                "El vínculo entre {near} {} {far} es el único puente entre {}{} y {}.",
                lang.and_before(far),
                organizations(lang, smaller.total),
                smaller.in_parentheses(lang),
                match larger {
                    1 => "la otra organización".to_owned(),
                    l => format!("las otras {} organizaciones", n(*l)),
                }
            ),

            (
                Message::CommunityPair {
                    a,
                    b,
                    observed,
                    expected,
                },
                En,
            ) => format!(
                "“{}” and “{}”: {} where the network's average density predicts {}.",
                a.name(lang),
                b.name(lang),
                match observed {
                    1 => "1 tie".to_owned(),
                    o => format!("{} ties", lang.int(*o)),
                },
                lang.decimal(*expected, 1)
            ),
            (
                Message::CommunityPair {
                    a,
                    b,
                    observed,
                    expected,
                },
                Es,
            ) => format!(
                "“{}” y “{}”: {}, cuando la densidad promedio de la red haría esperar {}.",
                a.name(lang),
                b.name(lang),
                match observed {
                    1 => "1 vínculo".to_owned(),
                    o => format!("{} vínculos", lang.int(*o)),
                },
                lang.decimal(*expected, 1)
            ),

            (Message::ServiceOfferedByNobody { service, lacking }, En) => format!(
                "No organization in the network offers {}; {}.",
                service_name(*service, lang),
                match lacking {
                    1 => "its only organization lacks it".to_owned(),
                    l => format!("all {} organizations lack it", n(*l)),
                }
            ),
            (Message::ServiceOfferedByNobody { service, lacking }, Es) => format!(
                "Ninguna organización de la red ofrece {}; {}.",
                service_name(*service, lang),
                match lacking {
                    1 => "su única organización no tiene acceso a ese servicio".to_owned(),
                    l => format!(
                        "ninguna de sus {} organizaciones tiene acceso a ese servicio",
                        n(*l)
                    ),
                }
            ),

            (
                Message::ServiceOutOfReach {
                    service,
                    lacking,
                    offered_by,
                },
                En,
            ) => format!(
                "{}{} cannot reach {} offering {} through two ties or fewer.",
                organizations(lang, lacking.total),
                lacking.in_parentheses(lang),
                match offered_by {
                    1 => "the only organization".to_owned(),
                    k => format!("any of the {}", organizations(lang, *k)),
                },
                service_name(*service, lang)
            ),
            (
                Message::ServiceOutOfReach {
                    service,
                    lacking,
                    offered_by,
                },
                Es,
            ) => format!(
                "{}{} no {} llegar {} {} en dos vínculos o menos.",
                organizations(lang, lacking.total),
                lacking.in_parentheses(lang),
                if lacking.total == 1 {
                    "puede"
                } else {
                    "pueden"
                },
                match offered_by {
                    1 => "a la única organización que ofrece".to_owned(),
                    k => format!("a ninguna de las {} que ofrecen", organizations(lang, *k)),
                },
                service_name(*service, lang)
            ),

            (
                Message::Communities {
                    algorithm,
                    resolution,
                    seed,
                    count,
                    modularity,
                },
                En,
            ) => format!(
                "{algorithm} (resolution {}, seed {seed}): {}, modularity {}",
                lang.plain(*resolution),
                match count {
                    1 => "1 community".to_owned(),
                    c => format!("{} communities", n(*c)),
                },
                lang.decimal(*modularity, 3)
            ),
            (
                Message::Communities {
                    algorithm,
                    resolution,
                    seed,
                    count,
                    modularity,
                },
                Es,
            ) => format!(
                "{algorithm} (resolución {}, semilla {seed}): {}, modularidad {}",
                lang.plain(*resolution),
                match count {
                    1 => "1 comunidad".to_owned(),
                    c => format!("{} comunidades", n(*c)),
                },
                lang.decimal(*modularity, 3)
            ),

            (
                Message::ProfileTies {
                    org,
                    degree,
                    community,
                },
                En,
            ) => format!(
                "{org} has ties with {} and belongs to the community {}.",
                organizations(lang, *degree),
                community.in_words(lang)
            ),
            (
                Message::ProfileTies {
                    org,
                    degree,
                    community,
                },
                Es,
            ) => match degree {
                0 => format!(
                    "{org} no tiene vínculos con otras organizaciones y pertenece a la \
                     comunidad {}.",
                    community.in_words(lang)
                ),
                1 => format!(
                    "{org} tiene vínculo con 1 organización y pertenece a la comunidad {}.",
                    community.in_words(lang)
                ),
                d => format!(
                    "{org} tiene vínculos con {} organizaciones y pertenece a la comunidad {}.",
                    n(*d),
                    community.in_words(lang)
                ),
            },

            (Message::ProfileBetweennessHigh { rank, of }, En) => format!(
                "Counting how many of the shortest paths between other organizations pass \
                 through it (betweenness), it comes {} of {} (1 = the most): it is in the top \
                 tenth, so many connections between others run through it.",
                n(*rank),
                n(*of)
            ),
            (Message::ProfileBetweennessHigh { rank, of }, Es) => format!(
                "Según cuántos de los caminos más cortos entre otras organizaciones pasan por \
                 ella (intermediación), ocupa el lugar {} de {} (1 = por la que más pasan): \
                 está en el décimo más alto, así que muchas conexiones entre otras pasan por \
                 ella.",
                n(*rank),
                n(*of)
            ),
            (Message::ProfileBetweennessLow { rank, of }, En) => format!(
                "Counting how many of the shortest paths between other organizations pass \
                 through it (betweenness), it comes {} of {} (1 = the most): few connections \
                 between others run through it.",
                n(*rank),
                n(*of)
            ),
            (Message::ProfileBetweennessLow { rank, of }, Es) => format!(
                "Según cuántos de los caminos más cortos entre otras organizaciones pasan por \
                 ella (intermediación), ocupa el lugar {} de {} (1 = por la que más pasan): \
                 pocas conexiones entre otras pasan por ella.",
                n(*rank),
                n(*of)
            ),

            (Message::ProfileBrokerage { groups, roles }, En) => {
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
            (Message::ProfileBrokerage { groups, roles }, Es) => {
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

            (Message::ProfileServicesOutOfReach { services }, En) => format!(
                "No organization within two ties offers: {}.",
                service_list(services, lang)
            ),
            (Message::ProfileServicesOutOfReach { services }, Es) => format!(
                "Ninguna organización a dos vínculos o menos ofrece: {}.",
                service_list(services, lang)
            ),

            (
                Message::Suggestion {
                    candidate,
                    shared,
                    introducer,
                    services_gained,
                    same_corridor,
                    same_country,
                    other_community,
                    unreachable,
                },
                En,
            ) => {
                let mut out = match (shared.total, unreachable) {
                    (0, true) => format!("{candidate}: no path links you today"),
                    (0, false) => {
                        format!("{candidate}: no organization has ties with you both yet")
                    }
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
                if *same_corridor {
                    out.push_str("; same corridor");
                } else if *same_country {
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
            (
                Message::Suggestion {
                    candidate,
                    shared,
                    introducer,
                    services_gained,
                    same_corridor,
                    same_country,
                    other_community,
                    unreachable,
                },
                Es,
            ) => {
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
                if *same_corridor {
                    out.push_str("; mismo corredor");
                } else if *same_country {
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
}

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

/// Made-up communities for [`MessageKind::examples`]: 0 on Mexico's southern border (17 of
/// 19), 3 in Guatemala (12 of 14, by country), 4 in the US border states (16 of 19).
fn example_community(number: u32) -> Community<'static> {
    use puentes_analysis::gaps::{CommunityTheme, Dominant, Place};
    use std::sync::LazyLock;
    fn theme(attribute: Place, value: &str, count: usize, size: usize) -> CommunityTheme {
        CommunityTheme {
            size,
            place: Some(Dominant {
                attribute,
                value: value.into(),
                count,
            }),
            region: None,
            ordinal: None,
        }
    }
    static THEMES: LazyLock<[CommunityTheme; 3]> = LazyLock::new(|| {
        [
            theme(Place::Corridor, "mx_southern_border", 17, 19),
            theme(Place::Country, "GT", 12, 14),
            theme(Place::Corridor, "us_border_states", 16, 19),
        ]
    });
    let i = match number {
        0 => 0,
        3 => 1,
        _ => 2,
    };
    Community {
        number,
        theme: Some(&THEMES[i]),
    }
}

impl MessageKind {
    /// Messages of this kind with made-up facts, covering its singular and plural forms
    /// (for the catalogue test and for reviewing the wording).
    pub fn examples(self) -> Vec<Message<'static>> {
        const SERVICES: &[Service] = &[Service::Health, Service::LegalAccompaniment];
        let names = |total| Names::new(["Casa Alba", "Iniciativa Sendero"], total);
        let one = || Names::new(["Casa Alba"], 1);
        match self {
            MessageKind::Isolated => vec![Message::Isolated { org: "Casa Alba" }],
            MessageKind::Pendant => vec![Message::Pendant {
                org: "Casa Alba",
                neighbor: "Red Maguey",
            }],
            MessageKind::LowCoreness => vec![Message::LowCoreness { org: "Casa Alba" }],
            MessageKind::LowCloseness => vec![Message::LowCloseness {
                org: "Casa Alba",
                closeness: 0.1114,
                threshold: 0.114,
            }],
            MessageKind::InwardLooking => [1, 3]
                .map(|degree| Message::InwardLooking {
                    org: "Casa Alba",
                    community: example_community(3),
                    degree,
                })
                .to_vec(),
            MessageKind::ArticulationPoint => vec![
                Message::ArticulationPoint {
                    org: "Red Maguey",
                    cut_off: names(18),
                    remaining: 101,
                },
                Message::ArticulationPoint {
                    org: "Red Maguey",
                    cut_off: one(),
                    remaining: 1,
                },
            ],
            MessageKind::Bridge => vec![
                Message::Bridge {
                    near: "Red Maguey",
                    far: "Iniciativa Sendero",
                    smaller: names(18),
                    larger: 102,
                },
                Message::Bridge {
                    near: "Red Maguey",
                    far: "Casa Alba",
                    smaller: one(),
                    larger: 1,
                },
            ],
            MessageKind::CommunityPair => [0, 1, 1234]
                .map(|observed| Message::CommunityPair {
                    a: example_community(0),
                    b: example_community(4),
                    observed,
                    expected: 12.04,
                })
                .to_vec(),
            MessageKind::ServiceOfferedByNobody => [1, 120]
                .map(|lacking| Message::ServiceOfferedByNobody {
                    service: Service::Shelter,
                    lacking,
                })
                .to_vec(),
            MessageKind::ServiceOutOfReach => vec![
                Message::ServiceOutOfReach {
                    service: Service::LegalAccompaniment,
                    lacking: names(5),
                    offered_by: 35,
                },
                Message::ServiceOutOfReach {
                    service: Service::Health,
                    lacking: one(),
                    offered_by: 1,
                },
            ],
            MessageKind::Communities => [1, 9]
                .map(|count| Message::Communities {
                    algorithm: "Louvain",
                    resolution: 1.0,
                    seed: 42,
                    count,
                    modularity: 0.7621,
                })
                .to_vec(),
            MessageKind::ProfileTies => [0, 1, 7]
                .map(|degree| Message::ProfileTies {
                    org: "Casa Quetzal Nuevo",
                    degree,
                    community: example_community(0),
                })
                .to_vec(),
            MessageKind::ProfileBetweennessHigh => {
                vec![Message::ProfileBetweennessHigh { rank: 3, of: 120 }]
            }
            MessageKind::ProfileBetweennessLow => {
                vec![Message::ProfileBetweennessLow { rank: 80, of: 120 }]
            }
            MessageKind::ProfileBrokerage => {
                [BrokerageGroups::Corridor, BrokerageGroups::Community]
                    .map(|groups| Message::ProfileBrokerage {
                        groups,
                        roles: Roles {
                            coordinator: 4,
                            itinerant: 0,
                            representative: 1,
                            gatekeeper: 0,
                            liaison: 0,
                            total: 5,
                        },
                    })
                    .to_vec()
            }
            MessageKind::ProfileServicesOutOfReach => {
                vec![Message::ProfileServicesOutOfReach { services: SERVICES }]
            }
            MessageKind::Suggestion => vec![
                Message::Suggestion {
                    candidate: "Casa Alba",
                    shared: Names::new(["Red Maguey", "Iniciativa Sendero", "Centro Faro"], 3),
                    introducer: Some("Iniciativa Sendero"),
                    services_gained: &[Service::LegalAccompaniment],
                    same_corridor: true,
                    same_country: true,
                    other_community: Some(example_community(3)),
                    unreachable: false,
                },
                Message::Suggestion {
                    candidate: "Casa Alba",
                    shared: one(),
                    introducer: Some("Casa Alba"),
                    services_gained: &[],
                    same_corridor: false,
                    same_country: true,
                    other_community: None,
                    unreachable: false,
                },
                Message::Suggestion {
                    candidate: "Casa Alba",
                    shared: Names::new([], 0),
                    introducer: None,
                    services_gained: SERVICES,
                    same_corridor: false,
                    same_country: false,
                    other_community: None,
                    unreachable: true,
                },
            ],
        }
    }
}

/// A service of the vocabulary, in words.
pub fn service_name(service: Service, lang: Lang) -> &'static str {
    let (en, es) = match service {
        Service::LegalAccompaniment => ("legal accompaniment", "acompañamiento legal"),
        Service::Shelter => ("shelter", "albergue"),
        Service::HumanitarianAid => ("humanitarian aid", "ayuda humanitaria"),
        Service::Health => ("health care", "atención de salud"),
        Service::MentalHealth => ("mental health care", "atención de salud mental"),
        Service::HumanRightsMonitoring => {
            ("human rights monitoring", "monitoreo de derechos humanos")
        }
        Service::Advocacy => ("advocacy", "incidencia"),
        Service::ReturnReintegration => ("return and reintegration", "retorno y reintegración"),
        Service::Education => ("education", "educación"),
        Service::Livelihoods => ("livelihoods", "medios de vida"),
        Service::ChildProtection => ("child protection", "protección de la niñez"),
        Service::GenderViolence => (
            "care for survivors of gender-based violence",
            "atención a sobrevivientes de violencia de género",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

macro_rules! labels {
    ($($(#[$meta:meta])* $label:ident = $key:literal => ($en:literal, $es:literal)),+ $(,)?) => {
        /// A fixed word or phrase of the planners' page.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Label {
            $($(#[$meta])* $label),+
        }

        impl Label {
            /// Every label, in declaration order.
            pub const ALL: &'static [Label] = &[$(Label::$label),+];

            /// The key the page looks it up by.
            pub fn key(self) -> &'static str {
                match self { $(Label::$label => $key),+ }
            }

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Label::$label, Lang::En) => $en, (Label::$label, Lang::Es) => $es),+
                }
            }
        }
    };
}

labels! {
    /// Under the page title.
    Lead = "lead" => (
        "The collaboration network of organizations that accompany migrants, refugees and displaced people.",
        "La red de colaboración de las organizaciones que acompañan a personas migrantes, refugiadas y desplazadas."
    ),
    /// While the data loads.
    Loading = "loading" => ("Loading…", "Cargando…"),
    /// Card: organizations.
    CardOrganizations = "card_organizations" => ("organizations", "organizaciones"),
    /// Card: portfolio partners.
    CardPartners = "card_partners" => ("partners", "organizaciones socias"),
    /// Card: people served by partners.
    CardPeopleServed = "card_people_served" => ("people served by partners", "personas atendidas por las socias"),
    /// Card: ties.
    CardTies = "card_ties" => ("ties (collapsed pairs)", "vínculos (pares de organizaciones)"),
    /// Card: connected components.
    CardComponents = "card_components" => ("components", "componentes"),
    /// Card: cut points.
    CardCutPoints = "card_cut_points" => ("cut points", "puntos de corte"),
    /// Heading: cut points.
    HeadingCutPoints = "heading_cut_points" => ("Who holds the network together", "Quién mantiene unida la red"),
    /// Heading: peripheral organizations.
    HeadingPeripheral = "heading_peripheral" => ("Isolated and peripheral organizations", "Organizaciones aisladas y periféricas"),
    /// Heading: inward-looking organizations.
    HeadingInwardLooking = "heading_inward_looking" => (
        "Organizations whose ties all stay inside their community",
        "Organizaciones cuyos vínculos no salen de su comunidad"
    ),
    /// Heading: services out of reach.
    HeadingServices = "heading_services" => ("Services out of reach", "Servicios fuera de alcance"),
    /// Heading: least connected community pairs.
    HeadingCommunityPairs = "heading_community_pairs" => (
        "Communities that do not talk to each other",
        "Comunidades con pocos vínculos entre sí"
    ),
    /// An empty list.
    NoneFound = "none_found" => ("None found.", "No se encontró ninguno."),
    /// The page could not load its data.
    LoadFailed = "load_failed" => ("Could not load the network:", "No se pudo cargar la red:"),
    /// Footer, before the links.
    FooterIntro = "footer_intro" => ("Everything here comes from the API:", "Todo lo que se ve aquí viene de la API:"),
    /// Footer link: the API explorer.
    LinkExplorer = "link_explorer" => ("explorer", "explorador"),
    /// Footer link: the gap report.
    LinkGaps = "link_gaps" => ("gaps", "brechas"),
    /// Footer link: the metrics table.
    LinkMetrics = "link_metrics" => ("metrics (CSV)", "métricas (CSV)"),
    /// Footer, before the export links.
    ExportsAs = "exports_as" => ("exports as", "exportaciones en"),
    /// Map: title of the overview.
    MapTitle = "map_title" => ("Network map", "Mapa de la red"),
    /// Map: the overview of a large network draws communities.
    MapCommunityOverview = "map_community_overview" => ("One circle per community", "Un círculo por comunidad"),
    /// Map: the overview draws organizations.
    MapOrganizationOverview = "map_organization_overview" => ("One circle per organization", "Un círculo por organización"),
    /// Map: title of a community view, before its label.
    MapCommunity = "map_community" => ("Community", "Comunidad"),
    /// Map: title of an ego view, before the organization's name.
    MapNeighbourhood = "map_neighbourhood" => ("Neighbourhood of", "Entorno de"),
    /// Map: ego view of radius 1.
    MapWithinOneTie = "map_within_one_tie" => ("Organizations within one tie", "Organizaciones a un vínculo"),
    /// Map: ego view of radius 2.
    MapWithinTwoTies = "map_within_two_ties" => ("Organizations within two ties", "Organizaciones a uno o dos vínculos"),
    /// Map: an ego view with more organizations than are drawn.
    MapCapped = "map_capped" => ("only the closest are drawn", "solo se dibujan las más cercanas"),
    /// Map legend: colours.
    MapColourCommunity = "map_colour_community" => ("Colour: community", "Color: comunidad"),
    /// Map legend: organization sizes.
    MapSizeTies = "map_size_ties" => ("Size: number of ties", "Tamaño: número de vínculos"),
    /// Map legend: community sizes.
    MapSizeMembers = "map_size_members" => ("Size: number of organizations", "Tamaño: número de organizaciones"),
    /// Map legend: isolated organizations.
    MapIsolated = "map_isolated" => ("Isolated: no tie", "Aislada: sin vínculos"),
    /// Map legend: peripheral organizations.
    MapPeripheral = "map_peripheral" => ("Peripheral", "Periférica"),
    /// Map legend: cut points.
    MapCutPoint = "map_cut_point" => (
        "Cut point: others depend on it to stay connected",
        "Punto de corte: otras dependen de ella para seguir conectadas"
    ),
    /// Map legend: bridges.
    MapBridge = "map_bridge" => ("Bridge: the only tie between two parts", "Puente: el único vínculo entre dos partes"),
    /// Map legend: inward-looking organizations.
    MapInwardLooking = "map_inward_looking" => ("Ties only inside its community", "Vínculos solo dentro de su comunidad"),
    /// Map legend: the communities drawn in grey.
    MapOtherCommunities = "map_other_communities" => ("Other communities", "Otras comunidades"),
    /// Map legend: what positions mean.
    MapPositions = "map_positions" => ("Positions show ties, not geography", "Las posiciones muestran vínculos, no geografía"),
    /// Map: the word for ties in counts.
    MapTies = "map_ties" => ("ties", "vínculos"),
    /// Map: the word for communities in counts.
    MapCommunities = "map_communities" => ("communities", "comunidades"),
    /// Page: the language switch.
    PageLanguage = "page_language" => ("Language", "Idioma"),
    /// Page: back to the whole network.
    PageOverview = "page_overview" => ("Whole network", "Toda la red"),
    /// Page: the search box.
    PageSearch = "page_search" => ("Search an organization…", "Buscar una organización…"),
    /// Page: the search found nothing.
    PageSearchNone = "page_search_none" => ("No organization matches.", "Ninguna organización coincide."),
    /// Page: the colour selector.
    PageColour = "page_colour" => ("Colour", "Color"),
    /// Page: the size selector.
    PageSize = "page_size" => ("Size", "Tamaño"),
    /// Page: colour or filter by country.
    PageCountry = "page_country" => ("Country", "País"),
    /// Page: colour or filter by corridor.
    PageCorridor = "page_corridor" => ("Corridor", "Corredor"),
    /// Page: filter by service.
    PageService = "page_service" => ("Service", "Servicio"),
    /// Page: filter partners or allies.
    PagePartnerOrAlly = "page_partner_or_ally" => ("Partners and allies", "Socias y aliadas"),
    /// Page: portfolio partners (filter option and panel).
    PagePartner = "page_partner" => ("Portfolio partner", "Organización socia"),
    /// Page: external allies (filter option and panel).
    PageAlly = "page_ally" => ("External ally", "Aliada externa"),
    /// Page: the filters' heading.
    PageFilters = "page_filters" => ("Filters", "Filtros"),
    /// Page: a filter that keeps everything.
    PageAll = "page_all" => ("All", "Todas"),
    /// Page: clears the filters.
    PageClearFilters = "page_clear_filters" => ("Clear filters", "Quitar filtros"),
    /// Page: a missing country or corridor.
    PageUnknown = "page_unknown" => ("unknown", "desconocido"),
    /// Page: how many organizations the filters keep.
    PageShown = "page_shown" => ("{shown} of {total} organizations match the filters", "{shown} de {total} organizaciones cumplen los filtros"),
    /// Page: the findings' heading.
    PageFindings = "page_findings" => ("Findings", "Hallazgos"),
    /// Page: highlight cut points and bridges.
    PageCutsToggle = "page_cuts_toggle" => ("Cut points and bridges", "Puntos de corte y puentes"),
    /// Page: highlight organizations lacking a service.
    PageGapsToggle = "page_gaps_toggle" => (
        "Organizations that cannot reach a service within two ties",
        "Organizaciones que no alcanzan un servicio a dos vínculos o menos"
    ),
    /// Page: how many of those the gap report lists.
    PageGapsListed = "page_gaps_listed" => (
        "{shown} of the {total} organizations lacking it are listed by the gap report (at most 25 per service).",
        "El informe de brechas lista {shown} de las {total} organizaciones que no lo alcanzan (como máximo 25 por servicio)."
    ),
    /// Page: draw suggested ties.
    PageSuggestionsToggle = "page_suggestions_toggle" => ("Suggested ties (dashed)", "Vínculos sugeridos (discontinuos)"),
    /// Page: suggestions that join communities.
    PageSuggestBridge = "page_suggest_bridge" => ("to reach other communities", "para llegar a otras comunidades"),
    /// Page: suggestions that bring services.
    PageSuggestServices = "page_suggest_services" => ("to reach missing services", "para llegar a servicios que faltan"),
    /// Page: how many suggested ties are drawn.
    PageSuggestionsShown = "page_suggestions_shown" => ("{shown} of {total} suggested ties are in this view.", "{shown} de {total} vínculos sugeridos están en esta vista."),
    /// Page: the count of highlighted organizations.
    PageHighlighted = "page_highlighted" => ("highlighted", "resaltadas"),
    /// Page: findings are shown on organizations, not communities.
    PageFindingsNeedOrganizations = "page_findings_need_organizations" => (
        "Open a community to see these findings on its organizations.",
        "Abra una comunidad para ver estos hallazgos en sus organizaciones."
    ),
    /// Page: how to drill down.
    PageDrillHint = "page_drill_hint" => ("Click a community to see its organizations.", "Haga clic en una comunidad para ver sus organizaciones."),
    /// Page: zoom in.
    PageZoomIn = "page_zoom_in" => ("Zoom in", "Acercar"),
    /// Page: zoom out.
    PageZoomOut = "page_zoom_out" => ("Zoom out", "Alejar"),
    /// Page: fit the map to the screen.
    PageZoomFit = "page_zoom_fit" => ("Fit to screen", "Ajustar a la pantalla"),
    /// Page: download the view as SVG.
    PageDownloadSvg = "page_download_svg" => ("Download SVG", "Descargar SVG"),
    /// Page: download the view as PNG.
    PageDownloadPng = "page_download_png" => ("Download PNG", "Descargar PNG"),
    /// Page: copy a link to the view.
    PageCopyLink = "page_copy_link" => ("Copy link to this view", "Copiar enlace a esta vista"),
    /// Page: the link was copied.
    PageLinkCopied = "page_link_copied" => ("Link copied", "Enlace copiado"),
    /// Page: the legend's heading.
    PageLegend = "page_legend" => ("Legend", "Leyenda"),
    /// Page: a suggested tie in the legend.
    PageSuggestedTie = "page_suggested_tie" => ("Suggested tie", "Vínculo sugerido"),
    /// Page: the low end of a metric's colour scale.
    PageLow = "page_low" => ("low", "bajo"),
    /// Page: the high end of a metric's colour scale.
    PageHigh = "page_high" => ("high", "alto"),
    /// Page: closes the side panel.
    PageClose = "page_close" => ("Close", "Cerrar"),
    /// Page: shows an organization's neighbourhood (ego view).
    PageEgo = "page_ego" => ("Show its neighbourhood", "Ver su entorno"),
    /// Page: an ego view two ties deep.
    PageEgoTwo = "page_ego_two" => ("Within two ties", "A dos vínculos"),
    /// Page: drills into a community.
    PageOpenCommunity = "page_open_community" => ("Open this community", "Abrir esta comunidad"),
    /// Page: services an organization offers.
    PageServicesOffered = "page_services_offered" => ("Services offered", "Servicios que ofrece"),
    /// Page: the profile sentences.
    PageInPlainWords = "page_in_plain_words" => ("In plain words", "En pocas palabras"),
    /// Page: the metrics table.
    PageMetrics = "page_metrics" => ("Metrics", "Métricas"),
    /// Page: the brokerage roles.
    PageRoles = "page_roles" => ("Brokerage roles (Gould–Fernandez)", "Roles de intermediación (Gould–Fernandez)"),
    /// Page: the suggested partners.
    PageSuggestions = "page_suggestions" => ("Suggested new ties", "Nuevos vínculos sugeridos"),
    /// Page: who can introduce two organizations.
    PageIntroducers = "page_introducers" => ("Who can introduce you:", "Quién puede presentarlas:"),
    /// Page: what a cut point cuts off.
    PageCutsOff = "page_cuts_off" => (
        "Without it, these organizations lose every path to the rest:",
        "Sin ella, estas organizaciones pierden todo camino hacia el resto:"
    ),
    /// Page: more names than are listed.
    PageMore = "page_more" => ("and {n} more", "y {n} más"),
    /// Page: the size of the smaller side of a bridge.
    PageBridgeSide = "page_bridge_side" => (
        "{n} organizations are on its smaller side.",
        "{n} organizaciones quedan de su lado más pequeño."
    ),
    /// Page: the best new tie of a peripheral organization.
    PageBestTieFor = "page_best_tie_for" => ("Best new tie for", "Mejor vínculo nuevo para"),
    /// Page: an organization's members count in a community panel.
    PageMembers = "page_members" => ("Organizations in it", "Organizaciones que la forman"),
    /// Metric: degree.
    MetricDegree = "metric_degree" => ("Ties (degree)", "Vínculos (grado)"),
    /// Metric: strength.
    MetricStrength = "metric_strength" => ("Sum of tie strengths", "Suma de intensidades de los vínculos"),
    /// Metric: betweenness.
    MetricBetweenness = "metric_betweenness" => ("Betweenness", "Intermediación"),
    /// Metric: closeness.
    MetricCloseness = "metric_closeness" => ("Closeness", "Cercanía"),
    /// Metric: harmonic closeness.
    MetricHarmonic = "metric_harmonic" => ("Harmonic closeness", "Cercanía armónica"),
    /// Metric: eigenvector centrality.
    MetricEigenvector = "metric_eigenvector" => ("Eigenvector centrality", "Centralidad de vector propio"),
    /// Metric: PageRank.
    MetricPagerank = "metric_pagerank" => ("PageRank (influence)", "PageRank (influencia)"),
    /// Metric: core number.
    MetricCoreNumber = "metric_core_number" => ("Core number (k-core)", "Número de núcleo (k-core)"),
    /// Metric: clustering coefficient.
    MetricClustering = "metric_clustering" => ("Clustering coefficient", "Coeficiente de agrupamiento"),
    /// Metric: Burt's constraint.
    MetricConstraint = "metric_constraint" => ("Constraint (Burt)", "Restricción (Burt)"),
    /// Metric: Burt's effective size.
    MetricEffectiveSize = "metric_effective_size" => ("Effective size (Burt)", "Tamaño efectivo (Burt)"),
    /// Metric: Burt's efficiency.
    MetricEfficiency = "metric_efficiency" => ("Efficiency (Burt)", "Eficiencia (Burt)"),
    /// Metric: Burt's hierarchy.
    MetricHierarchy = "metric_hierarchy" => ("Hierarchy (Burt)", "Jerarquía (Burt)"),
    /// Brokerage role: coordinator.
    RoleCoordinator = "role_coordinator" => ("coordinator", "coordinador"),
    /// Brokerage role: gatekeeper.
    RoleGatekeeper = "role_gatekeeper" => ("gatekeeper", "guardián"),
    /// Brokerage role: representative.
    RoleRepresentative = "role_representative" => ("representative", "representante"),
    /// Brokerage role: liaison.
    RoleLiaison = "role_liaison" => ("liaison", "enlace"),
    /// Brokerage role: itinerant.
    RoleItinerant = "role_itinerant" => ("itinerant", "itinerante"),
    /// Page: a filter that keeps everything, for a masculine noun (país, corredor, servicio).
    PageAllMasculine = "page_all_masculine" => ("All", "Todos"),
    /// Page: the count of cut points and bridges highlighted.
    PageCutsCount = "page_cuts_count" => ("{cuts} cut points, {bridges} bridges", "{cuts} puntos de corte, {bridges} puentes"),
    /// Page: a profile on a network without service data.
    PageNoServiceData = "page_no_service_data" => (
        "This network has no service data.",
        "Esta red no tiene datos de servicios."
    ),
    /// Page: the heading of the short guide to the map.
    PageHowToRead = "page_how_to_read" => ("How to read this map", "Cómo leer este mapa"),
    /// Page: what a circle is.
    PageHowCircle = "page_how_circle" => (
        "Each circle is an organization; a bigger circle has more ties.",
        "Cada círculo es una organización; un círculo más grande tiene más vínculos."
    ),
    /// Page: what a line is.
    PageHowTie = "page_how_tie" => (
        "Each line is a tie: the two organizations work together (case referrals, joint projects, coalitions, training…).",
        "Cada línea es un vínculo: las dos organizaciones trabajan juntas (derivación de casos, proyectos conjuntos, coaliciones, capacitación…)."
    ),
    /// Page: what a colour is.
    PageHowCommunity = "page_how_community" => (
        "Each colour (and letter) is a community: organizations with more ties among themselves than with the rest. Positions show ties, not geography.",
        "Cada color (y letra) es una comunidad: organizaciones con más vínculos entre sí que con el resto. Las posiciones muestran vínculos, no geografía."
    ),
    /// Page: where to start.
    PageHowStart = "page_how_start" => (
        "Where to start: find your organization with the search box; turn on “Isolated and peripheral organizations” under Findings to see who is alone; read “Communities that do not talk to each other” below the map.",
        "Por dónde empezar: busque su organización en el buscador; active “Organizaciones aisladas y periféricas” en Hallazgos para ver quién está sola; lea “Comunidades con pocos vínculos entre sí” debajo del mapa."
    ),
    /// Page: the list alternative to the map.
    PageOrganizationList = "page_organization_list" => ("The organizations of this view as a table", "Las organizaciones de esta vista en una tabla"),
    /// Page: the map's name for screen readers and keyboard users.
    PageMapKeys = "page_map_keys" => (
        "Network map: Tab reaches it; arrow keys move between organizations, Enter opens one, Escape closes the panel.",
        "Mapa de la red: se llega con Tab; las flechas pasan de una organización a otra, Enter abre una, Escape cierra el panel."
    ),
    /// Page: the community pairs' explanation.
    PageCommunityPairsNone = "page_community_pairs_none" => (
        "Every pair of communities has about as many ties as expected.",
        "Cada par de comunidades tiene más o menos los vínculos esperados."
    ),
    /// Page: filter ties by kind.
    PageTieKind = "page_tie_kind" => ("Kind of tie", "Tipo de vínculo"),
    /// Page: filter ties by strength.
    PageMinStrength = "page_min_strength" => ("Tie strength", "Intensidad del vínculo"),
    /// Page: a strength of at least `n` (1 to 5).
    PageStrengthAtLeast = "page_strength_at_least" => ("{n} or more (of 5)", "{n} o más (de 5)"),
    /// Page: filter ties by a year they were active in.
    PageTieYear = "page_tie_year" => ("Ties active in", "Vínculos activos en"),
    /// Page: the name column of the table of organizations.
    PageColumnName = "page_column_name" => ("Name", "Nombre"),
    /// Page: the number of results of the search box.
    PageSearchResults = "page_search_results" => ("{n} organizations match", "{n} organizaciones coinciden"),
    /// Map and download: when a drawing was made, and from what.
    MapDrawnFrom = "map_drawn_from" => (
        "Drawn {date} from {source}, revision {revision}",
        "Dibujado el {date} a partir de {source}, revisión {revision}"
    ),
    /// Map picture: how many names it writes.
    MapNamesShown = "map_names_shown" => (
        "{shown} of {total} names written where they fit; every name is on the page and in the exports.",
        "{shown} de {total} nombres escritos donde caben; todos los nombres están en la página y en las exportaciones."
    ),
    /// Map picture: its source when it is the store.
    MapSourceStore = "map_source_store" => ("the Puentes store", "el almacén de Puentes"),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_speaks_both_languages() {
        for &kind in MessageKind::ALL {
            let examples = kind.examples();
            assert!(!examples.is_empty(), "{kind:?} has no example");
            for m in examples {
                assert_eq!(m.kind(), kind);
                let (en, es) = (m.render(Lang::En), m.render(Lang::Es));
                for (lang, s) in [("en", &en), ("es", &es)] {
                    assert!(!s.trim().is_empty(), "{kind:?} has no {lang} sentence");
                    assert!(
                        !s.contains('{') && !s.contains("  "),
                        "{kind:?} {lang}: {s}"
                    );
                }
                assert_ne!(en, es, "{kind:?}: the Spanish sentence is the English one");
            }
        }
    }

    #[test]
    fn labels_and_services_speak_both_languages() {
        for &label in Label::ALL {
            assert!(!label.text(Lang::En).is_empty() && !label.text(Lang::Es).is_empty());
            assert_ne!(label.text(Lang::En), label.text(Lang::Es), "{label:?}");
        }
        let keys: std::collections::BTreeSet<&str> = Label::ALL.iter().map(|l| l.key()).collect();
        assert_eq!(keys.len(), Label::ALL.len(), "label keys are unique");
        for &s in Service::ALL {
            assert_ne!(service_name(s, Lang::En), service_name(s, Lang::Es), "{s}");
        }
    }

    #[test]
    fn sentences_by_hand() {
        let m = Message::ArticulationPoint {
            org: "Red Maguey",
            cut_off: Names::new(["A", "B", "C", "D", "E", "F"], 18),
            remaining: 1234,
        };
        assert_eq!(
            m.render(Lang::En),
            "Without Red Maguey, 18 organizations (A, B, C, D, E and 13 more) would lose every \
             path to the other 1,234 organizations of its component."
        );
        assert_eq!(
            m.render(Lang::Es),
            "Sin Red Maguey, 18 organizaciones (A, B, C, D, E y 13 más) perderían todo camino \
             hacia las otras 1.234 organizaciones de su componente."
        );
        let m = Message::Bridge {
            near: "Casa Alba",
            far: "Iniciativa Sendero",
            smaller: Names::new(["Iniciativa Sendero"], 1),
            larger: 4,
        };
        assert_eq!(
            m.render(Lang::Es),
            "El vínculo entre Casa Alba e Iniciativa Sendero es el único puente entre 1 \
             organización (Iniciativa Sendero) y las otras 4 organizaciones."
        );
        let m = Message::LowCloseness {
            org: "Casa Alba",
            closeness: 0.1114,
            threshold: 0.114,
        };
        assert_eq!(
            m.render(Lang::En),
            "Casa Alba is among the 10% of connected organizations farthest from the rest \
             (closeness 0.111, threshold 0.114)."
        );
        assert_eq!(
            m.render(Lang::Es),
            "Casa Alba está entre el 10\u{a0}% de las organizaciones conectadas más alejadas \
             del resto (cercanía 0,111; umbral 0,114)."
        );
        let m = Message::ProfileBrokerage {
            groups: BrokerageGroups::Community,
            roles: Roles {
                representative: 2,
                total: 2,
                ..Roles::default()
            },
        };
        assert_eq!(
            m.render(Lang::En),
            "It brokers 2 exchanges between communities (Gould–Fernandez roles: 0 gatekeeper, \
             2 representative, 0 liaison, 0 itinerant)."
        );
    }
}
