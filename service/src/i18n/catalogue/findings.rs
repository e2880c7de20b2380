//! The sentences of the gap report's findings (who is isolated, peripheral, a cut point or
//! inward-looking; bridges, community pairs, services out of reach) and of the partition they
//! use: one function per [`super::Message`] variant, English and Spanish side by side.

use super::{service_name, Community, Names};
use crate::i18n::Lang::{self, En, Es};
use puentes_analysis::model::Service;

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

/// [`super::Message::Isolated`].
pub(super) fn isolated(org: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("{org} has no ties to any other organization.")
        }
        Es => {
            format!("{org} no tiene vínculos con ninguna otra organización.")
        }
    }
}

/// [`super::Message::Pendant`].
pub(super) fn pendant(org: &str, neighbor: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("{org} has a single tie, to {neighbor}; if that tie ends it is cut off.")
        }
        Es => format!(
            "{org} tiene un solo vínculo, con {neighbor}; si ese vínculo se pierde, queda \
             sin conexión con la red."
        ),
    }
}

/// [`super::Message::LowCoreness`].
pub(super) fn low_coreness(org: &str, lang: Lang) -> String {
    match lang {
        En => format!(
            "{org} is not part of any cohesive group where every member has at least two \
             ties (core number 1): it sits on a chain or tree-like branch."
        ),
        Es => format!(
            "{org} no forma parte de ningún grupo cohesionado en el que cada integrante \
             tenga al menos dos vínculos (número de núcleo 1): está en una cadena o en una \
             rama de la red."
        ),
    }
}

/// [`super::Message::LowCloseness`].
pub(super) fn low_closeness(org: &str, closeness: f64, threshold: f64, lang: Lang) -> String {
    match lang {
        En => format!(
            "{org} is among the {} of connected organizations farthest from the rest \
             (closeness {}, threshold {}).",
            lang.percent(0.1),
            lang.decimal(closeness, 3),
            lang.decimal(threshold, 3)
        ),
        Es => format!(
            "{org} está entre el {} de las organizaciones conectadas más alejadas del resto \
             (cercanía {}; umbral {}).",
            lang.percent(0.1),
            lang.decimal(closeness, 3),
            lang.decimal(threshold, 3)
        ),
    }
}

/// [`super::Message::InwardLooking`].
pub(super) fn inward_looking(
    org: &str,
    community: Community<'_>,
    degree: usize,
    lang: Lang,
) -> String {
    let n = |x: usize| lang.count(x);
    let community = community.in_words(lang);
    match lang {
        En => match degree {
            1 => format!("The only tie of {org} stays inside its own community, {community}."),
            d => format!(
                "All {} ties of {org} stay inside its own community, {community}.",
                n(d)
            ),
        },
        Es => match degree {
            1 => format!(
                "El único vínculo de {org} se queda dentro de su propia comunidad, {community}."
            ),
            d => format!(
                "Los {} vínculos de {org} se quedan dentro de su propia comunidad, {community}.",
                n(d)
            ),
        },
    }
}

/// [`super::Message::ArticulationPoint`].
pub(super) fn articulation_point(
    org: &str,
    cut_off: &Names<'_>,
    remaining: usize,
    lang: Lang,
) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => format!(
            "Without {org}, {}{} would lose every path to {}.",
            organizations(lang, cut_off.total),
            cut_off.in_parentheses(lang),
            match remaining {
                1 => "the one other organization of its component".to_owned(),
                r => format!("the other {} organizations of its component", n(r)),
            }
        ),
        Es => format!(
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
                r => format!("las otras {} organizaciones de su componente", n(r)),
            }
        ),
    }
}

/// [`super::Message::Bridge`].
pub(super) fn bridge(
    near: &str,
    far: &str,
    smaller: &Names<'_>,
    larger: usize,
    lang: Lang,
) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => format!(
            "The tie between {near} and {far} is the only link between {}{} and {}.",
            organizations(lang, smaller.total),
            smaller.in_parentheses(lang),
            match larger {
                1 => "the one other organization".to_owned(),
                l => format!("the other {} organizations", n(l)),
            }
        ),
        Es => format!(
            "El vínculo entre {near} {} {far} es el único puente entre {}{} y {}.",
            lang.and_before(far),
            organizations(lang, smaller.total),
            smaller.in_parentheses(lang),
            match larger {
                1 => "la otra organización".to_owned(),
                l => format!("las otras {} organizaciones", n(l)),
            }
        ),
    }
}

/// [`super::Message::CommunityPair`].
pub(super) fn community_pair(
    a: Community<'_>,
    b: Community<'_>,
    observed: u64,
    expected: f64,
    lang: Lang,
) -> String {
    let (a, b) = (a.name(lang), b.name(lang));
    match lang {
        En => format!(
            "“{a}” and “{b}”: {} where the network's average density predicts {}.",
            match observed {
                1 => "1 tie".to_owned(),
                o => format!("{} ties", lang.int(o)),
            },
            lang.decimal(expected, 1)
        ),
        Es => format!(
            "“{a}” y “{b}”: {}, cuando la densidad promedio de la red haría esperar {}.",
            match observed {
                1 => "1 vínculo".to_owned(),
                o => format!("{} vínculos", lang.int(o)),
            },
            lang.decimal(expected, 1)
        ),
    }
}

/// [`super::Message::ServiceOfferedByNobody`].
pub(super) fn service_offered_by_nobody(service: Service, lacking: usize, lang: Lang) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => format!(
            "No organization in the network offers {}; {}.",
            service_name(service, lang),
            match lacking {
                1 => "its only organization lacks it".to_owned(),
                l => format!("all {} organizations lack it", n(l)),
            }
        ),
        Es => format!(
            "Ninguna organización de la red ofrece {}; {}.",
            service_name(service, lang),
            match lacking {
                1 => "su única organización no tiene acceso a ese servicio".to_owned(),
                l => format!(
                    "ninguna de sus {} organizaciones tiene acceso a ese servicio",
                    n(l)
                ),
            }
        ),
    }
}

/// [`super::Message::ServiceOutOfReach`].
pub(super) fn service_out_of_reach(
    service: Service,
    lacking: &Names<'_>,
    offered_by: usize,
    lang: Lang,
) -> String {
    match lang {
        En => format!(
            "{}{} cannot reach {} offering {} through two ties or fewer.",
            organizations(lang, lacking.total),
            lacking.in_parentheses(lang),
            match offered_by {
                1 => "the only organization".to_owned(),
                k => format!("any of the {}", organizations(lang, k)),
            },
            service_name(service, lang)
        ),
        Es => format!(
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
                k => format!("a ninguna de las {} que ofrecen", organizations(lang, k)),
            },
            service_name(service, lang)
        ),
    }
}

/// [`super::Message::Communities`].
pub(super) fn communities(
    algorithm: &str,
    resolution: f64,
    seed: u64,
    count: usize,
    modularity: f64,
    lang: Lang,
) -> String {
    let n = |x: usize| lang.count(x);
    match lang {
        En => format!(
            "{algorithm} (resolution {}, seed {seed}): {}, modularity {}",
            lang.plain(resolution),
            match count {
                1 => "1 community".to_owned(),
                c => format!("{} communities", n(c)),
            },
            lang.decimal(modularity, 3)
        ),
        Es => format!(
            "{algorithm} (resolución {}, semilla {seed}): {}, modularidad {}",
            lang.plain(resolution),
            match count {
                1 => "1 comunidad".to_owned(),
                c => format!("{} comunidades", n(c)),
            },
            lang.decimal(modularity, 3)
        ),
    }
}
