//! SURVEY.toml: a questionnaire described once and reused every wave.
//!
//! ```toml
//! layout = "wide"          # wide | long | options (see `Layout`)
//! respondent = "Nombre de su organización"
//! collaborators = "¿Con qué organizaciones colaboró en el último año?"
//! separators = [";", "\n"] # wide (and `other`): what separates names in one cell
//! year = 2025              # the wave: new ties get since = year
//! kind = "referral"        # a fixed kind, or kind_column = "…" with [kind_map]
//! strength_column = "¿Con qué frecuencia?"   # optional; without it strength = 1
//! header_rows = 1          # 2 for SurveyMonkey (question row, then answer row)
//! [strength_map]
//! "Semanal" = 5
//! [attributes]             # organization fields from the respondent's row
//! salaried_staff = "Número de personas empleadas"
//! [attribute_values.agreement_review]   # optional: answer text → value
//! "Cada mes" = "monthly"
//! [tie_attributes]         # per-tie answers on a number scale (long and options layouts)
//! trust = "Confianza"
//! ```
//!
//! A column is its header text or its 1-based number. With `header_rows = 2` (SurveyMonkey)
//! a column's header is the question row's text (carried right across merged cells), the
//! answer row's text, or both joined by `" / "`. KoboToolbox headers `group/question` match
//! by their full text or by the part after the last `/`.

use crate::i18n::Expected;
use crate::import::fields::ORGANIZATION_FIELDS;
use crate::import::{Location, Problem, Problems};
use puentes_analysis::model::{Rule, TieKind};
use serde::Deserialize;
use std::collections::BTreeMap;

/// How the export lays out who named whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// One row per respondent; the collaborators in one cell, separated by `separators`.
    Wide,
    /// One row per (respondent, collaborator).
    Long,
    /// One column per listed organization (`collaborators/<Name>`, or under the question in
    /// a second header row), holding 1/0, yes/no, sí/no or the option's own text; plus an
    /// optional `other` free-text column.
    Options,
}

/// A column of the responses: its header text or its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Column {
    /// 1-based column number.
    Number(usize),
    /// Header text.
    Text(String),
}

impl Column {
    /// How the column is written in SURVEY.toml (for problems).
    pub fn shown(&self) -> String {
        match self {
            Column::Number(n) => n.to_string(),
            Column::Text(t) => t.clone(),
        }
    }
}

/// The questionnaire, as SURVEY.toml says it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// How the export lays out nominations.
    pub layout: Layout,
    /// The column naming the responding organization.
    pub respondent: Column,
    /// The column(s) naming collaborators (for `options`, the question the option columns
    /// belong to).
    pub collaborators: Column,
    /// `options` (and optionally `wide`): a free-text column for organizations not listed.
    #[serde(default)]
    pub other: Option<Column>,
    /// What separates names inside one cell (default `;` and a line break; add `","` or
    /// `" y "` only if your organizations' names never hold them).
    #[serde(default = "default_separators")]
    pub separators: Vec<String>,
    /// The wave's year: new ties start then.
    pub year: i32,
    /// The kind of every tie, when no `kind_column` says (default `joint_project`).
    #[serde(default)]
    pub kind: Option<String>,
    /// A column whose answer says the kind, through `kind_map`.
    #[serde(default)]
    pub kind_column: Option<Column>,
    /// Answer text → kind.
    #[serde(default)]
    pub kind_map: BTreeMap<String, String>,
    /// A column whose answer says the strength, through `strength_map` (or a number 1-5).
    #[serde(default)]
    pub strength_column: Option<Column>,
    /// Answer text → strength 1-5.
    #[serde(default)]
    pub strength_map: BTreeMap<String, u8>,
    /// Header rows above the answers: 1, or 2 (SurveyMonkey).
    #[serde(default = "one")]
    pub header_rows: usize,
    /// Whether respondents are the funder's partner organizations (default true).
    #[serde(default = "yes")]
    pub respondents_are_partners: bool,
    /// Organization field → column.
    #[serde(default)]
    pub attributes: BTreeMap<String, Column>,
    /// Tie attribute name → column of a per-tie numeric answer.
    #[serde(default)]
    pub tie_attributes: BTreeMap<String, Column>,
    /// Per organization field, answer text → the value Puentes reads (e.g.
    /// `[attribute_values.agreement_review]` `"Cada mes" = "monthly"`); answers not listed
    /// are read as they are (frequencies also from built-in Spanish and English words).
    #[serde(default)]
    pub attribute_values: BTreeMap<String, BTreeMap<String, String>>,
}

fn default_separators() -> Vec<String> {
    vec![";".into(), "\n".into()]
}

fn one() -> usize {
    1
}

fn yes() -> bool {
    true
}

/// Columns of `organizations.csv` a survey answer may not fill: the import itself sets the
/// id, the name, the partner flag and the aliases, and exact coordinates are not asked.
const NOT_ANSWERS: [&str; 6] = ["id", "name", "partner", "latitude", "longitude", "aliases"];

/// The organization field `name` when a survey may fill it (`[attributes]`): any column of
/// `organizations.csv` ([`ORGANIZATION_FIELDS`]) but the id, the name, the partner flag, the
/// coordinates and the aliases.
pub fn attribute_field(name: &str) -> Option<&'static str> {
    ORGANIZATION_FIELDS
        .iter()
        .copied()
        .find(|f| *f == name && !NOT_ANSWERS.contains(f))
}

/// Every field a survey may fill, for refusals.
fn attribute_fields() -> Vec<String> {
    ORGANIZATION_FIELDS
        .iter()
        .filter(|f| !NOT_ANSWERS.contains(f))
        .map(|f| (*f).to_owned())
        .collect()
}

/// Names of tie attributes: 1 to 64 characters a-z, 0-9 or `_`.
fn attribute_name_ok(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The questionnaire with its kinds parsed.
#[derive(Debug, Clone)]
pub struct Checked {
    /// As written.
    pub survey: Survey,
    /// The fixed kind.
    pub kind: TieKind,
    /// Answer key ([`puentes_analysis::names::key`]) → kind.
    pub kind_map: BTreeMap<String, TieKind>,
    /// Answer key → strength.
    pub strength_map: BTreeMap<String, u8>,
}

/// Reads SURVEY.toml; every problem is located in `file` (line and key).
pub fn parse(file: &str, text: &str) -> Result<Checked, Problems> {
    let mut problems = Problems::default();
    let at = |line: Option<u64>, field: &str| Location {
        file: file.to_owned(),
        line,
        column: None,
        field: field.to_owned(),
    };
    let survey: Survey = match toml::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
            let detail = e.message().to_owned();
            problems.push(Problem::new(
                at(line, "survey"),
                "",
                Expected::SurveyToml { detail },
            ));
            return Err(problems);
        }
    };
    let mut bad = |field: &str, value: &str, expected: Expected| {
        problems.push(Problem::new(at(None, field), value, expected));
    };
    let kind = match survey.kind.as_deref() {
        None => TieKind::JointProject,
        Some(k) => k.parse().unwrap_or_else(|rule: Rule| {
            bad("kind", k, rule.into());
            TieKind::JointProject
        }),
    };
    let mut kind_map = BTreeMap::new();
    for (answer, k) in &survey.kind_map {
        match k.parse::<TieKind>() {
            Ok(kind) => {
                kind_map.insert(puentes_analysis::names::key(answer), kind);
            }
            Err(rule) => bad(&format!("kind_map.{answer}"), k, rule.into()),
        }
    }
    let mut strength_map = BTreeMap::new();
    for (answer, s) in &survey.strength_map {
        if (1..=5).contains(s) {
            strength_map.insert(puentes_analysis::names::key(answer), *s);
        } else {
            bad(
                &format!("strength_map.{answer}"),
                &s.to_string(),
                Rule::Strength.into(),
            );
        }
    }
    if puentes_analysis::model::rules::year(survey.year).is_err() {
        bad("year", &survey.year.to_string(), Rule::Year.into());
    }
    if !(1..=2).contains(&survey.header_rows) {
        bad(
            "header_rows",
            &survey.header_rows.to_string(),
            Expected::OneOf(vec!["1".into(), "2".into()]),
        );
    }
    for field in survey.attributes.keys() {
        if attribute_field(field).is_none() {
            let allowed = attribute_fields();
            bad(
                &format!("attributes.{field}"),
                field,
                Expected::OneOf(allowed),
            );
        }
    }
    for field in survey.attribute_values.keys() {
        if attribute_field(field).is_none() {
            let allowed = attribute_fields();
            bad(
                &format!("attribute_values.{field}"),
                field,
                Expected::OneOf(allowed),
            );
        }
    }
    for name in survey.tie_attributes.keys() {
        if !attribute_name_ok(name) {
            bad(
                &format!("tie_attributes.{name}"),
                name,
                Expected::MetricName,
            );
        }
    }
    if survey.separators.iter().any(String::is_empty) {
        bad("separators", "", Expected::Required);
    }
    if survey.kind.is_some() && survey.kind_column.is_some() {
        bad(
            "kind",
            survey.kind.as_deref().unwrap_or_default(),
            Expected::OneOf(vec!["kind".into(), "kind_column".into()]),
        );
    }
    if problems.is_empty() {
        Ok(Checked {
            survey,
            kind,
            kind_map,
            strength_map,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issues_example_parses() {
        let text = r#"
layout = "wide"
respondent = "Nombre de su organización"
collaborators = 3
separators = [";", "\n"]
year = 2025
kind = "referral"
strength_column = "¿Con qué frecuencia?"
[strength_map]
"Semanal" = 5
"Mensual" = 4
[attributes]
salaried_staff = "Número de personas empleadas"
agreement_review = "¿Con qué frecuencia revisan sus acuerdos de equipo?"
"#;
        let c = parse("SURVEY.toml", text).expect("valid");
        assert_eq!(c.survey.layout, Layout::Wide);
        assert_eq!(c.survey.collaborators, Column::Number(3));
        assert_eq!(c.kind, TieKind::Referral);
        assert_eq!(c.strength_map.get("semanal"), Some(&5));
        assert_eq!(c.survey.header_rows, 1);
    }

    #[test]
    fn every_problem_is_located() {
        let text = "layout = \"wide\"\nrespondent = 1\ncollaborators = 2\nyear = 1066\nkind = \"hugs\"\n[strength_map]\nSiempre = 9\n[attributes]\nfavourite_colour = 4\n";
        let Err(p) = parse("S.toml", text) else {
            panic!("invalid")
        };
        let fields: Vec<_> = p.listed().iter().map(|p| p.at.field.clone()).collect();
        assert_eq!(
            fields,
            vec![
                "attributes.favourite_colour",
                "kind",
                "strength_map.Siempre",
                "year"
            ]
        );
        let Err(p) = parse("S.toml", "layout = \"wide\"\nrespondent = 1\nlayot = 2\n") else {
            panic!("invalid")
        };
        let first = p.listed()[0].clone();
        assert_eq!((first.at.file.as_str(), first.at.line), ("S.toml", Some(3)));
    }
}
