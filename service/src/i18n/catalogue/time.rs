//! The catalogue's sentences about the network over time: what changed between two years, in
//! the words a planner reads first. English and Spanish side by side; [`ChangeText::render`]
//! matches on `(text, language)` with no catch-all arm.

use crate::i18n::Lang;

/// "A, B and C" / "A, B y C" (Spanish `e` before an /i/ sound).
pub fn names_list(names: &[String], lang: Lang) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => {
            let and = match lang {
                Lang::En => "and",
                Lang::Es => lang.and_before(last),
            };
            format!("{} {and} {last}", rest.join(", "))
        }
    }
}

/// `names` listed, with "and N more" when `count` is larger ("A, B y 3 más").
fn with_more(names: &[String], count: usize, lang: Lang) -> String {
    let mut shown = names.to_vec();
    let more = count.saturating_sub(names.len());
    if more > 0 {
        shown.push(match lang {
            Lang::En => format!("{} more", lang.count(more)),
            Lang::Es => format!("{} más", lang.count(more)),
        });
    }
    names_list(&shown, lang)
}

/// Each pair as "A with B" / "A con B".
fn pairs_of(pairs: &[(String, String)], lang: Lang) -> Vec<String> {
    let with = match lang {
        Lang::En => "with",
        Lang::Es => "con",
    };
    pairs
        .iter()
        .map(|(a, b)| format!("{a} {with} {b}"))
        .collect()
}

/// The words for a whole-network figure of [`puentes_analysis::time::YearFigures`], by its
/// field name, in `lang` (the field name itself when unknown).
pub fn figure_name(field: &str, lang: Lang) -> &str {
    match (field, lang) {
        ("organizations", Lang::En) => "organizations",
        ("organizations", Lang::Es) => "organizaciones",
        ("tied_organizations", Lang::En) => "organizations with ties",
        ("tied_organizations", Lang::Es) => "organizaciones con vínculos",
        ("tied_pairs", Lang::En) => "pairs working together",
        ("tied_pairs", Lang::Es) => "pares que trabajan juntos",
        ("density", Lang::En) => "density",
        ("density", Lang::Es) => "densidad",
        ("components", Lang::En) => "separate groups",
        ("components", Lang::Es) => "grupos separados",
        ("largest_component_share", Lang::En) => "share in the largest group",
        ("largest_component_share", Lang::Es) => "parte en el grupo más grande",
        ("average_distance", Lang::En) => "average distance (ties)",
        ("average_distance", Lang::Es) => "distancia media (vínculos)",
        ("global_efficiency", Lang::En) => "global efficiency",
        ("global_efficiency", Lang::Es) => "eficiencia global",
        // The mean of the local coefficients (NetworkX average_clustering), not the report's
        // share of closed triangles (transitivity): named apart so the two are not confused.
        ("clustering", Lang::En) => "average clustering",
        ("clustering", Lang::Es) => "agrupamiento medio",
        ("modularity", Lang::En) => "modularity (communities)",
        ("modularity", Lang::Es) => "modularidad (comunidades)",
        ("degree_centralization", Lang::En) => "centralization",
        ("degree_centralization", Lang::Es) => "centralización",
        (other, _) => other,
    }
}

/// One sentence about what changed from year `from` to year `to`.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeText {
    /// The network's size and cohesion, then and now.
    Growth {
        /// The first year.
        from: i32,
        /// The second year.
        to: i32,
        /// Organizations then and now.
        organizations: (usize, usize),
        /// Tied pairs then and now.
        pairs: (usize, usize),
        /// Share in the largest connected group then and now.
        largest: (f64, f64),
    },
    /// Pairs that started and stopped working together.
    FormedEnded {
        /// The first year.
        from: i32,
        /// The second year.
        to: i32,
        /// Pairs with a new tie.
        formed: usize,
        /// Pairs whose tie ended.
        ended: usize,
    },
    /// An organization isolated in `from` with ties in `to`.
    NoLongerIsolated {
        /// Its name.
        name: String,
        /// The second year.
        to: i32,
        /// Its partners in `to` (names, a few).
        partners: Vec<String>,
        /// How many partners in all.
        count: usize,
    },
    /// An organization with ties in `from` (or absent) that has none in `to`.
    NewlyIsolated {
        /// Its name.
        name: String,
        /// The second year.
        to: i32,
    },
    /// An organization that became the only link of some organizations to the rest.
    CutPointGained {
        /// Its name.
        name: String,
        /// How many organizations depend on it.
        cut_off: usize,
    },
    /// Organizations that are no longer the only link of others.
    CutPointsLost {
        /// Their names (a few).
        names: Vec<String>,
        /// How many in all.
        count: usize,
    },
    /// Ties that alone join two parts of the network, gained and lost.
    Bridges {
        /// Gained.
        gained: usize,
        /// Lost.
        lost: usize,
    },
    /// Organizations that became or stopped being peripheral.
    Periphery {
        /// Newly peripheral.
        newly: usize,
        /// No longer peripheral.
        no_longer: usize,
    },
    /// Whether the suggestions of the first year became ties by the second.
    SuggestionsFollowed {
        /// The first year.
        from: i32,
        /// The second year.
        to: i32,
        /// Suggestions per organization.
        k: usize,
        /// Organizations that formed a new tie after `from`.
        organizations: usize,
        /// Share with one of Puentes' suggestions among them.
        puentes: f64,
        /// With Adamic–Adar alone.
        adamic_adar: f64,
        /// At random.
        random: f64,
    },
    /// How easily organizations reach each other, then and now.
    Efficiency {
        /// The first year.
        from: i32,
        /// The second year.
        to: i32,
        /// Global efficiency in `from`.
        before: f64,
        /// In `to`.
        after: f64,
    },
    /// Communities of the first year that became one.
    CommunitiesMerged {
        /// The second year.
        to: i32,
        /// Their labels in the first year.
        names: Vec<String>,
        /// The label of the community they formed.
        into: String,
    },
    /// A community of the first year that became several.
    CommunitySplit {
        /// The second year.
        to: i32,
        /// Its label in the first year.
        name: String,
        /// The labels of the communities it became.
        into: Vec<String>,
    },
    /// Communities of the second year with no counterpart in the first.
    CommunitiesAppeared {
        /// The second year.
        to: i32,
        /// Their labels (a few).
        names: Vec<String>,
        /// How many in all.
        count: usize,
    },
    /// Communities of the first year with no counterpart in the second.
    CommunitiesDissolved {
        /// The first year.
        from: i32,
        /// The second year.
        to: i32,
        /// Their labels (a few).
        names: Vec<String>,
        /// How many in all.
        count: usize,
    },
    /// Communities (the same in both years) that started working with each other.
    CommunitiesStartedTalking {
        /// The first year.
        from: i32,
        /// The second year.
        to: i32,
        /// Pairs of labels, in the second year (a few).
        pairs: Vec<(String, String)>,
        /// How many pairs in all.
        count: usize,
    },
    /// Communities (the same in both years) that stopped working with each other.
    CommunitiesStoppedTalking {
        /// The first year.
        from: i32,
        /// The second year.
        to: i32,
        /// Pairs of labels, in the first year (a few).
        pairs: Vec<(String, String)>,
        /// How many pairs in all.
        count: usize,
    },
    /// Nothing changed between the two years.
    Nothing {
        /// The first year.
        from: i32,
        /// The second year.
        to: i32,
    },
}

impl ChangeText {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        use ChangeText as C;
        use Lang::{En, Es};
        let n = |x: usize| lang.count(x);
        match (self, lang) {
            (
                C::Growth {
                    from,
                    to,
                    organizations: (o1, o2),
                    pairs: (p1, p2),
                    largest: (l1, l2),
                },
                En,
            ) => format!(
                "From {from} to {to} the network went from {} to {} organizations and from {} to {} pairs working together; the largest connected group went from {} to {} of the organizations.",
                n(*o1), n(*o2), n(*p1), n(*p2), lang.percent(*l1), lang.percent(*l2)
            ),
            (
                C::Growth {
                    from,
                    to,
                    organizations: (o1, o2),
                    pairs: (p1, p2),
                    largest: (l1, l2),
                },
                Es,
            ) => format!(
                "De {from} a {to} la red pasó de {} a {} organizaciones y de {} a {} pares que trabajan juntos; el grupo conectado más grande pasó del {} al {} de las organizaciones.",
                n(*o1), n(*o2), n(*p1), n(*p2), lang.percent(*l1), lang.percent(*l2)
            ),
            (C::FormedEnded { from, to, formed, ended }, En) => format!(
                "{} pairs of organizations started working together after {from} and {} stopped by {to}.",
                n(*formed), n(*ended)
            ),
            (C::FormedEnded { from, to, formed, ended }, Es) => format!(
                "{} pares de organizaciones empezaron a trabajar juntos después de {from} y {} dejaron de hacerlo para {to}.",
                n(*formed), n(*ended)
            ),
            (C::NoLongerIsolated { name, to, partners, count }, _) => {
                let mut shown = partners.clone();
                let more = count.saturating_sub(partners.len());
                match lang {
                    En => {
                        if more > 0 {
                            shown.push(format!("{} more", n(more)));
                        }
                        format!(
                            "{name} is no longer isolated: in {to} it works with {} ({}).",
                            names_list(&shown, lang),
                            if *count == 1 { "1 partner".to_owned() } else { format!("{} partners", n(*count)) }
                        )
                    }
                    Es => {
                        if more > 0 {
                            shown.push(format!("{} más", n(more)));
                        }
                        format!(
                            "{name} ya no está aislada: en {to} trabaja con {} ({}).",
                            names_list(&shown, lang),
                            if *count == 1 { "1 aliada".to_owned() } else { format!("{} aliadas", n(*count)) }
                        )
                    }
                }
            }
            (C::NewlyIsolated { name, to }, En) => {
                format!("{name} has no ties in {to}.")
            }
            (C::NewlyIsolated { name, to }, Es) => {
                format!("{name} no tiene vínculos en {to}.")
            }
            (C::CutPointGained { name, cut_off }, En) => format!(
                "{name} is now the only link of {} to the rest of the network.",
                if *cut_off == 1 { "1 organization".to_owned() } else { format!("{} organizations", n(*cut_off)) }
            ),
            (C::CutPointGained { name, cut_off }, Es) => format!(
                "{name} es ahora el único enlace de {} con el resto de la red.",
                if *cut_off == 1 { "1 organización".to_owned() } else { format!("{} organizaciones", n(*cut_off)) }
            ),
            (C::CutPointsLost { names, count }, _) => {
                let mut shown = names.clone();
                let more = count.saturating_sub(names.len());
                match lang {
                    En => {
                        if more > 0 {
                            shown.push(format!("{} more", n(more)));
                        }
                        format!(
                            "No longer the only link of others to the network: {} (other ties now reach them).",
                            names_list(&shown, lang)
                        )
                    }
                    Es => {
                        if more > 0 {
                            shown.push(format!("{} más", n(more)));
                        }
                        format!(
                            "Ya no son el único enlace de otras con la red: {} (ahora otros vínculos llegan a ellas).",
                            names_list(&shown, lang)
                        )
                    }
                }
            }
            (C::Bridges { gained, lost }, En) => format!(
                "Ties that alone join two parts of the network: {} new, {} no longer alone.",
                n(*gained), n(*lost)
            ),
            (C::Bridges { gained, lost }, Es) => format!(
                "Vínculos que por sí solos unen dos partes de la red: {} nuevos, {} que ya no son los únicos.",
                n(*gained), n(*lost)
            ),
            (C::Periphery { newly, no_longer }, En) => format!(
                "{} organizations moved to the edge of the network and {} moved in from it.",
                n(*newly), n(*no_longer)
            ),
            (C::Periphery { newly, no_longer }, Es) => format!(
                "{} organizaciones quedaron en la periferia de la red y {} salieron de ella.",
                n(*newly), n(*no_longer)
            ),
            (
                C::SuggestionsFollowed { from, to, k, organizations, puentes, adamic_adar, random },
                En,
            ) => format!(
                "Of the {} organizations that formed new ties after {from}, {} had one of the {k} partners Puentes would have suggested in {from} among them by {to} (Adamic–Adar alone: {}; at random: {}).",
                n(*organizations), lang.percent(*puentes), lang.percent(*adamic_adar), lang.percent(*random)
            ),
            (
                C::SuggestionsFollowed { from, to, k, organizations, puentes, adamic_adar, random },
                Es,
            ) => format!(
                "De las {} organizaciones que formaron vínculos nuevos después de {from}, el {} tenía entre ellos para {to} a una de las {k} aliadas que Puentes habría sugerido en {from} (solo Adamic–Adar: {}; al azar: {}).",
                n(*organizations), lang.percent(*puentes), lang.percent(*adamic_adar), lang.percent(*random)
            ),
            (C::Efficiency { from, to, before, after }, En) => format!(
                "Global efficiency, how easily organizations reach each other (1 when every pair works together directly), went from {} in {from} to {} in {to}.",
                lang.decimal(*before, 3), lang.decimal(*after, 3)
            ),
            (C::Efficiency { from, to, before, after }, Es) => format!(
                "La eficiencia global, la facilidad con que las organizaciones llegan unas a otras (1 cuando cada par trabaja junto directamente), pasó de {} en {from} a {} en {to}.",
                lang.decimal(*before, 3), lang.decimal(*after, 3)
            ),
            (C::CommunitiesMerged { to, names, into }, En) => format!(
                "By {to} the communities {} had become one: {into}.",
                names_list(names, lang)
            ),
            (C::CommunitiesMerged { to, names, into }, Es) => format!(
                "Para {to} las comunidades {} se habían unido en una: {into}.",
                names_list(names, lang)
            ),
            (C::CommunitySplit { to, name, into }, En) => format!(
                "By {to} the community {name} had split into {}.",
                names_list(into, lang)
            ),
            (C::CommunitySplit { to, name, into }, Es) => format!(
                "Para {to} la comunidad {name} se había dividido en {}.",
                names_list(into, lang)
            ),
            (C::CommunitiesAppeared { to, names, count }, _) => {
                let shown = with_more(names, *count, lang);
                match lang {
                    En if *count == 1 => format!("A new community formed by {to}: {shown}."),
                    En => format!("{} new communities formed by {to}: {shown}.", n(*count)),
                    Es if *count == 1 => format!("Para {to} se formó una comunidad nueva: {shown}."),
                    Es => format!("Para {to} se formaron {} comunidades nuevas: {shown}.", n(*count)),
                }
            }
            (C::CommunitiesDissolved { from, to, names, count }, _) => {
                let shown = with_more(names, *count, lang);
                match lang {
                    En if *count == 1 => format!("A community of {from} no longer holds together in {to}: {shown}."),
                    En => format!("{} communities of {from} no longer hold together in {to}: {shown}.", n(*count)),
                    Es if *count == 1 => format!("Una comunidad de {from} ya no se mantiene unida en {to}: {shown}."),
                    Es => format!("{} comunidades de {from} ya no se mantienen unidas en {to}: {shown}.", n(*count)),
                }
            }
            (C::CommunitiesStartedTalking { from, to, pairs, count }, _) => {
                let shown = with_more(&pairs_of(pairs, lang), *count, lang);
                match lang {
                    En => format!(
                        "Communities with no tie between them in {from} that work together in {to} ({}): {shown}.",
                        n(*count)
                    ),
                    Es => format!(
                        "Comunidades sin vínculos entre sí en {from} que trabajan juntas en {to} ({}): {shown}.",
                        n(*count)
                    ),
                }
            }
            (C::CommunitiesStoppedTalking { from, to, pairs, count }, _) => {
                let shown = with_more(&pairs_of(pairs, lang), *count, lang);
                match lang {
                    En => format!(
                        "Communities that worked together in {from} with no tie between them in {to} ({}): {shown}.",
                        n(*count)
                    ),
                    Es => format!(
                        "Comunidades que trabajaban juntas en {from} sin vínculos entre sí en {to} ({}): {shown}.",
                        n(*count)
                    ),
                }
            }
            (C::Nothing { from, to }, En) => {
                format!("Nothing changed in the network from {from} to {to}.")
            }
            (C::Nothing { from, to }, Es) => {
                format!("Nada cambió en la red de {from} a {to}.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_sentences_in_both_languages() {
        let t = ChangeText::NoLongerIsolated {
            name: "Casa X".into(),
            to: 2024,
            partners: vec!["Red A".into(), "Iniciativa B".into()],
            count: 3,
        };
        assert_eq!(
            t.render(Lang::Es),
            "Casa X ya no está aislada: en 2024 trabaja con Red A, Iniciativa B y 1 más (3 aliadas)."
        );
        assert_eq!(
            t.render(Lang::En),
            "Casa X is no longer isolated: in 2024 it works with Red A, Iniciativa B and 1 more (3 partners)."
        );
        assert_eq!(
            names_list(&["Red A".into(), "Iniciativa B".into()], Lang::Es),
            "Red A e Iniciativa B"
        );
    }

    #[test]
    fn community_sentences_in_both_languages() {
        let merged = ChangeText::CommunitiesMerged {
            to: 2024,
            names: vec!["0: norte (3/3)".into(), "1: sur (2/3)".into()],
            into: "0: norte (4/6)".into(),
        };
        assert_eq!(
            merged.render(Lang::En),
            "By 2024 the communities 0: norte (3/3) and 1: sur (2/3) had become one: 0: norte (4/6)."
        );
        assert_eq!(
            merged.render(Lang::Es),
            "Para 2024 las comunidades 0: norte (3/3) y 1: sur (2/3) se habían unido en una: 0: norte (4/6)."
        );
        let talking = ChangeText::CommunitiesStartedTalking {
            from: 2020,
            to: 2024,
            pairs: vec![("1: sur".into(), "2: este".into())],
            count: 3,
        };
        assert_eq!(
            talking.render(Lang::Es),
            "Comunidades sin vínculos entre sí en 2020 que trabajan juntas en 2024 (3): 1: sur con 2: este y 2 más."
        );
        assert_eq!(
            talking.render(Lang::En),
            "Communities with no tie between them in 2020 that work together in 2024 (3): 1: sur with 2: este and 2 more."
        );
        let e = ChangeText::Efficiency {
            from: 2020,
            to: 2024,
            before: 0.25,
            after: 0.5,
        };
        assert_eq!(
            e.render(Lang::Es),
            "La eficiencia global, la facilidad con que las organizaciones llegan unas a otras (1 cuando cada par trabaja junto directamente), pasó de 0,250 en 2020 a 0,500 en 2024."
        );
    }
}
