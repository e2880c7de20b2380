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
//! [`Message::render`] sends each message to its sentence in its family's file
//! (`findings.rs`: the gap report's findings and the partition; `profile.rs`: an
//! organization's profile and its suggested partners), where English and Spanish sit side by
//! side in one `match lang`: no catch-all arm, so a message without a sentence in one
//! language does not compile. [`MessageKind::examples`] is exhaustive too, and
//! [`Message::kind`], [`MessageKind`] and [`MessageKind::ALL`] are generated from the enum
//! itself (`messages!`), so the catalogue test (`every_kind_speaks_both_languages`)
//! renders every kind in both languages. The page labels and service names are tables with
//! both languages on one line.

mod findings;
mod labels;
pub mod metrics;
pub mod missing_data;
pub mod notices;
pub mod places;
mod profile;
pub mod refusals;
pub mod report;
pub mod survey;
pub mod time;
pub mod vocabulary;

pub use labels::Label;
pub use metrics::{metric_definition, metric_note};
pub use missing_data::ProfileText;
pub use notices::{BacktestText, ListName, Notice};
pub use places::{
    community_in_words, community_name, community_share, corridor_name, country_name,
    list_in_words, Community,
};
pub use refusals::{BusyReason, Expected, MapError, ProblemCounts, Refusal};
pub use survey::SurveyText;
pub use vocabulary::{population_name, service_name, tie_kind_name};

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

/// Declares [`Message`] and derives from the same list its kinds ([`MessageKind`],
/// [`MessageKind::ALL`]) and [`Message::kind`], so a new message is written once here (then
/// its sentence and its examples).
macro_rules! messages {
    (
        $(#[$enum_meta:meta])*
        pub enum Message<$lt:lifetime> {
            $($(#[$meta:meta])* $kind:ident {
                $($(#[$field_meta:meta])* $field:ident: $ty:ty),* $(,)?
            }),+ $(,)?
        }
    ) => {
        $(#[$enum_meta])*
        pub enum Message<$lt> {
            $($(#[$meta])* $kind { $($(#[$field_meta])* $field: $ty),* }),+
        }

        /// The kind of a [`Message`], without its facts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum MessageKind {
            $(#[doc = concat!("[`Message::", stringify!($kind), "`].")] $kind),+
        }

        impl MessageKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [MessageKind] = &[$(MessageKind::$kind),+];
        }

        impl Message<'_> {
            /// The kind of this message.
            pub fn kind(&self) -> MessageKind {
                match self {
                    $(Message::$kind { .. } => MessageKind::$kind),+
                }
            }
        }
    };
}

messages! {
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
}

impl Message<'_> {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Message::Isolated { org } => findings::isolated(org, lang),
            Message::Pendant { org, neighbor } => findings::pendant(org, neighbor, lang),
            Message::LowCoreness { org } => findings::low_coreness(org, lang),
            Message::LowCloseness {
                org,
                closeness,
                threshold,
            } => findings::low_closeness(org, *closeness, *threshold, lang),
            Message::InwardLooking {
                org,
                community,
                degree,
            } => findings::inward_looking(org, *community, *degree, lang),
            Message::ArticulationPoint {
                org,
                cut_off,
                remaining,
            } => findings::articulation_point(org, cut_off, *remaining, lang),
            Message::Bridge {
                near,
                far,
                smaller,
                larger,
            } => findings::bridge(near, far, smaller, *larger, lang),
            Message::CommunityPair {
                a,
                b,
                observed,
                expected,
            } => findings::community_pair(*a, *b, *observed, *expected, lang),
            Message::ServiceOfferedByNobody { service, lacking } => {
                findings::service_offered_by_nobody(*service, *lacking, lang)
            }
            Message::ServiceOutOfReach {
                service,
                lacking,
                offered_by,
            } => findings::service_out_of_reach(*service, lacking, *offered_by, lang),
            Message::Communities {
                algorithm,
                resolution,
                seed,
                count,
                modularity,
            } => findings::communities(algorithm, *resolution, *seed, *count, *modularity, lang),
            Message::ProfileTies {
                org,
                degree,
                community,
            } => profile::profile_ties(org, *degree, *community, lang),
            Message::ProfileBetweennessHigh { rank, of } => {
                profile::profile_betweenness_high(*rank, *of, lang)
            }
            Message::ProfileBetweennessLow { rank, of } => {
                profile::profile_betweenness_low(*rank, *of, lang)
            }
            Message::ProfileBrokerage { groups, roles } => {
                profile::profile_brokerage(*groups, roles, lang)
            }
            Message::ProfileServicesOutOfReach { services } => {
                profile::profile_services_out_of_reach(services, lang)
            }
            Message::Suggestion {
                candidate,
                shared,
                introducer,
                services_gained,
                same_corridor,
                same_country,
                other_community,
                unreachable,
            } => profile::suggestion(
                candidate,
                shared,
                introducer,
                services_gained,
                *same_corridor,
                *same_country,
                other_community,
                *unreachable,
                lang,
            ),
        }
    }
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
