//! The catalogue's sentences about imports of names and surveys: the id map of an edge list
//! of names, a survey's figures, the review list and what to do with it. English and Spanish
//! side by side; [`SurveyText::render`] matches on `(text, language)` with no catch-all arm.

use crate::i18n::Lang;

/// A sentence about a survey import or a list of names.
#[derive(Debug, Clone, PartialEq)]
pub enum SurveyText {
    /// Organizations an edge list named got ids made from their names.
    NamedIds {
        /// How many.
        named: usize,
        /// Other spellings merged into them.
        spellings: usize,
        /// A few of them, `name → id`.
        examples: Vec<(String, String)>,
    },
    /// Who answered.
    Respondents {
        /// The wave.
        year: i32,
        /// Respondents.
        respondents: usize,
        /// Expected respondents (partners), when known.
        expected: Option<usize>,
        /// The response rate, when known.
        rate: Option<f64>,
    },
    /// How the names were resolved: count per method, in resolution order.
    Resolved {
        /// Names read.
        nominations: usize,
        /// (method, count), methods as written in reports.
        by_method: Vec<(String, usize)>,
    },
    /// The ties this wave gives.
    Ties {
        /// Pairs tied.
        pairs: usize,
        /// Named by both.
        reciprocated: usize,
        /// Named by one.
        one_sided: usize,
        /// Ties already there, reported again.
        again: usize,
        /// Ties ended.
        ended: usize,
        /// Organizations created.
        new_organizations: usize,
    },
    /// Names wait for a decision in a review file.
    ReviewWritten {
        /// How many spellings.
        count: usize,
        /// The file.
        path: String,
    },
    /// Names wait for a decision, and no review file was asked for.
    ReviewPending {
        /// How many spellings.
        count: usize,
    },
    /// The report was written.
    ReportWritten {
        /// The file.
        path: String,
    },
}

fn method_word(method: &str, lang: Lang) -> &str {
    match (method, lang) {
        ("id", Lang::En) => "by id",
        ("id", Lang::Es) => "por id",
        ("name", Lang::En) => "by name",
        ("name", Lang::Es) => "por nombre",
        ("alias", Lang::En) => "by a saved decision",
        ("alias", Lang::Es) => "por una decisión guardada",
        ("fuzzy", Lang::En) => "by close spelling",
        ("fuzzy", Lang::Es) => "por escritura parecida",
        ("review", Lang::En) => "to review",
        ("review", Lang::Es) => "por revisar",
        ("new", Lang::En) => "new",
        ("new", Lang::Es) => "nuevos",
        (other, _) => other,
    }
}

impl SurveyText {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        use Lang::{En, Es};
        use SurveyText as S;
        let n = |x: usize| lang.count(x);
        match (self, lang) {
            (
                S::NamedIds {
                    named,
                    spellings,
                    examples,
                },
                _,
            ) => {
                let shown: Vec<String> = examples
                    .iter()
                    .map(|(name, id)| format!("\"{name}\" → {id}"))
                    .collect();
                let more = named.saturating_sub(examples.len());
                match lang {
                    En => {
                        let mut s = format!(
                            "{} organizations were named rather than given an id; their ids were made from the names ({}",
                            n(*named),
                            shown.join(", ")
                        );
                        if more > 0 {
                            s.push_str(&format!(" and {} more", n(more)));
                        }
                        s.push(')');
                        if *spellings > 0 {
                            s.push_str(&format!(
                                "; {} other spellings (case, accents, spaces or punctuation) were taken as the same organization",
                                n(*spellings)
                            ));
                        }
                        s.push('.');
                        s
                    }
                    Es => {
                        let mut s = format!(
                            "{} organizaciones venían con nombre en vez de id; sus ids se hicieron a partir del nombre ({}",
                            n(*named),
                            shown.join(", ")
                        );
                        if more > 0 {
                            s.push_str(&format!(" y {} más", n(more)));
                        }
                        s.push(')');
                        if *spellings > 0 {
                            s.push_str(&format!(
                                "; otras {} escrituras (mayúsculas, acentos, espacios o puntuación) se tomaron como la misma organización",
                                n(*spellings)
                            ));
                        }
                        s.push('.');
                        s
                    }
                }
            }
            (
                S::Respondents {
                    year,
                    respondents,
                    expected: Some(expected),
                    rate: Some(rate),
                },
                En,
            ) => format!(
                "Survey {year}: {} of {} partner organizations answered ({}).",
                n(*respondents),
                n(*expected),
                lang.percent(*rate)
            ),
            (
                S::Respondents {
                    year,
                    respondents,
                    expected: Some(expected),
                    rate: Some(rate),
                },
                Es,
            ) => format!(
                "Encuesta {year}: respondieron {} de {} organizaciones socias ({}).",
                n(*respondents),
                n(*expected),
                lang.percent(*rate)
            ),
            (S::Respondents {
                year, respondents, ..
            }, En) => format!(
                "Survey {year}: {} organizations answered (the network lists no partner organizations yet, so there is no response rate).",
                n(*respondents)
            ),
            (S::Respondents {
                year, respondents, ..
            }, Es) => format!(
                "Encuesta {year}: respondieron {} organizaciones (la red aún no tiene organizaciones socias, así que no hay tasa de respuesta).",
                n(*respondents)
            ),
            (
                S::Resolved {
                    nominations,
                    by_method,
                },
                _,
            ) => {
                let parts: Vec<String> = by_method
                    .iter()
                    .filter(|(_, c)| *c > 0)
                    .map(|(m, c)| format!("{} {}", n(*c), method_word(m, lang)))
                    .collect();
                match lang {
                    En => format!("{} names of collaborators: {}.", n(*nominations), parts.join(", ")),
                    Es => format!(
                        "{} nombres de organizaciones con las que colaboran: {}.",
                        n(*nominations),
                        parts.join(", ")
                    ),
                }
            }
            (
                S::Ties {
                    pairs,
                    reciprocated,
                    one_sided,
                    again,
                    ended,
                    new_organizations,
                },
                En,
            ) => format!(
                "{} pairs of organizations tied ({} named by both sides, {} by one side); {} ties already in the network were reported again and {} ended (both answered, neither named the other); {} new organizations.",
                n(*pairs),
                n(*reciprocated),
                n(*one_sided),
                n(*again),
                n(*ended),
                n(*new_organizations)
            ),
            (
                S::Ties {
                    pairs,
                    reciprocated,
                    one_sided,
                    again,
                    ended,
                    new_organizations,
                },
                Es,
            ) => format!(
                "{} pares de organizaciones vinculadas ({} nombradas por ambas partes, {} por una sola); {} vínculos que ya estaban en la red se volvieron a reportar y {} terminaron (ambas respondieron y ninguna nombró a la otra); {} organizaciones nuevas.",
                n(*pairs),
                n(*reciprocated),
                n(*one_sided),
                n(*again),
                n(*ended),
                n(*new_organizations)
            ),
            (S::ReviewWritten { count, path }, En) => format!(
                "{} names need a person's decision and made no tie yet: fill the decision column of {path} (an organization id, new or skip) and import again with --aliases {path}.",
                n(*count)
            ),
            (S::ReviewWritten { count, path }, Es) => format!(
                "{} nombres necesitan la decisión de una persona y aún no crearon vínculos: llene la columna decision de {path} (el id de una organización, new o skip) e importe de nuevo con --aliases {path}.",
                n(*count)
            ),
            (S::ReviewPending { count }, En) => format!(
                "{} names need a person's decision and made no tie yet: add --review REVIEW.csv to get the list.",
                n(*count)
            ),
            (S::ReviewPending { count }, Es) => format!(
                "{} nombres necesitan la decisión de una persona y aún no crearon vínculos: agregue --review REVISION.csv para obtener la lista.",
                n(*count)
            ),
            (S::ReportWritten { path }, En) => format!("The report of every name is in {path}."),
            (S::ReportWritten { path }, Es) => {
                format!("El informe de cada nombre está en {path}.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_sentences_in_both_languages() {
        let r = SurveyText::Respondents {
            year: 2025,
            respondents: 70,
            expected: Some(87),
            rate: Some(70.0 / 87.0),
        };
        assert_eq!(
            r.render(Lang::En),
            "Survey 2025: 70 of 87 partner organizations answered (80%)."
        );
        assert_eq!(
            r.render(Lang::Es),
            "Encuesta 2025: respondieron 70 de 87 organizaciones socias (80\u{a0}%)."
        );
        let m = SurveyText::Resolved {
            nominations: 1200,
            by_method: vec![
                ("name".into(), 1000),
                ("review".into(), 0),
                ("new".into(), 200),
            ],
        };
        assert_eq!(
            m.render(Lang::Es),
            "1.200 nombres de organizaciones con las que colaboran: 1.000 por nombre, 200 nuevos."
        );
        let named = SurveyText::NamedIds {
            named: 3,
            spellings: 1,
            examples: vec![("Casa del Migrante".into(), "casa-del-migrante".into())],
        };
        assert_eq!(
            named.render(Lang::En),
            "3 organizations were named rather than given an id; their ids were made from the names (\"Casa del Migrante\" → casa-del-migrante and 2 more); 1 other spellings (case, accents, spaces or punctuation) were taken as the same organization."
        );
    }
}
