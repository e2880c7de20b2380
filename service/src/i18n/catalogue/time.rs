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
        ("clustering", Lang::En) => "clustering",
        ("clustering", Lang::Es) => "agrupamiento",
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
}
