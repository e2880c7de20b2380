//! The one place where field text becomes typed values.
//!
//! Readers hand over each record as `(field name, text)` pairs; these functions parse every
//! field, collect a [`Problem`] for each bad one (with the allowed values), and build the
//! record from what parsed. Range and cross-record rules are in
//! [`puentes_analysis::model::NetworkData::check`].

use super::{Location, Problem, Problems};
use crate::i18n::Expected;
use puentes_analysis::model::{
    rules, Frequency, Organization, Population, ReportedBy, Rule, Service, Tie, TieKind,
    TIE_ATTRIBUTE_PREFIX,
};
use std::str::FromStr;

/// Columns of `organizations.csv` (and keys of JSON organizations), in the canonical order.
pub const ORGANIZATION_FIELDS: &[&str] = &[
    "id",
    "name",
    "country",
    "region",
    "city",
    "corridor",
    "latitude",
    "longitude",
    "contact",
    "services",
    "populations",
    "population_served",
    "salaried_staff",
    "annual_budget_usd",
    "founded_year",
    "partner",
    "agreement_review",
    "feedback_to_population",
    "social_media_use",
    "donation_sources",
    "aliases",
];

/// Fields every organization must have. `country` may be empty (unknown), as organizations
/// created from plain edge lists have it, so the store's own data re-imports in every format.
pub const ORGANIZATION_REQUIRED: &[&str] = &["id", "name"];

/// Columns of `ties.csv` (and keys of JSON ties), in the canonical order.
pub const TIE_FIELDS: &[&str] = &[
    "source",
    "target",
    "kind",
    "strength",
    "since",
    "until",
    "reported_by",
];

/// Fields every tie must have. `since` may be empty (unknown), as for ties from edge lists.
pub const TIE_REQUIRED: &[&str] = &["source", "target", "kind", "strength"];

/// First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
/// CSV exports write such text cells with a leading `'`; CSV imports drop that `'` again, as
/// spreadsheets do, so an export re-imports unchanged.
pub const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Separator of list values (`services`, `populations`) in CSV cells.
pub const LIST_SEPARATOR: char = ';';

/// `text` without the `'` a CSV export puts before a cell that starts with one of
/// [`FORMULA_STARTS`] (`'=x` is read as `=x`); any other text as it is.
pub fn unquote_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

/// Field-by-field parsing state for one record.
struct Fields<'a, F: Fn(&str) -> Location> {
    values: &'a [(&'a str, String)],
    at: F,
    problems: &'a mut Problems,
}

impl<F: Fn(&str) -> Location> Fields<'_, F> {
    fn text(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == field)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn string(&self, field: &str) -> String {
        self.text(field).unwrap_or_default().to_owned()
    }

    fn optional_string(&self, field: &str) -> Option<String> {
        self.text(field).map(str::to_owned)
    }

    fn fail(&mut self, field: &str, value: &str, expected: impl Into<Expected>) {
        let at = (self.at)(field);
        self.problems.push(Problem::new(at, value, expected));
    }

    fn required(&mut self, field: &str) -> Option<String> {
        let v = self.text(field).map(str::to_owned);
        if v.is_none() {
            self.fail(field, "", Expected::Required);
        }
        v
    }

    fn number<T: FromStr>(&mut self, field: &str, expected: Expected) -> Option<T> {
        let text = self.text(field)?.to_owned();
        match text.parse::<T>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.fail(field, &text, expected);
                None
            }
        }
    }

    fn float(&mut self, field: &str) -> Option<f64> {
        let v = self.number::<f64>(field, Expected::Decimal)?;
        if v.is_finite() {
            Some(v)
        } else {
            self.fail(field, &v.to_string(), Expected::FiniteDecimal);
            None
        }
    }

    fn vocabulary<T: FromStr<Err = Rule>>(&mut self, field: &str) -> Option<T> {
        let text = self.text(field)?.to_owned();
        match text.parse::<T>() {
            Ok(v) => Some(v),
            Err(allowed) => {
                self.fail(field, &text, allowed);
                None
            }
        }
    }

    fn list<T: FromStr<Err = Rule> + PartialEq>(&mut self, field: &str) -> Vec<T> {
        let Some(text) = self.text(field).map(str::to_owned) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in text
            .split(LIST_SEPARATOR)
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match item.parse::<T>() {
                Ok(v) if !out.contains(&v) => out.push(v),
                Ok(_) => {}
                Err(Rule::OneOf(names)) => self.fail(field, item, Expected::ListOf(names)),
                Err(rule) => self.fail(field, item, rule),
            }
        }
        out
    }

    /// A `;`-separated list of names (each checked by [`rules::plain_name`]), repeats dropped.
    fn names(&mut self, field: &str) -> Vec<String> {
        let Some(text) = self.text(field).map(str::to_owned) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for item in text
            .split(LIST_SEPARATOR)
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match rules::plain_name(item) {
                Ok(()) if !out.iter().any(|n| n == item) => out.push(item.to_owned()),
                Ok(()) => {}
                Err(rule) => self.fail(field, item, rule),
            }
        }
        out
    }

    fn boolean(&mut self, field: &str) -> Option<bool> {
        let text = self.text(field)?.to_lowercase();
        match text.as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => {
                self.fail(field, &text, Expected::YesOrNo);
                None
            }
        }
    }
}

/// Parses one organization. Problems are pushed to `problems`; the returned record holds
/// what parsed (bad fields left empty) so cross-record checks can still run.
pub fn organization(
    values: &[(&str, String)],
    at: impl Fn(&str) -> Location,
    problems: &mut Problems,
) -> Organization {
    let mut f = Fields {
        values,
        at,
        problems,
    };
    for field in ORGANIZATION_REQUIRED {
        f.required(field);
    }
    Organization {
        id: f.string("id"),
        name: f.string("name"),
        country: f.string("country"),
        region: f.string("region"),
        city: f.string("city"),
        corridor: f.optional_string("corridor"),
        latitude: f.float("latitude"),
        longitude: f.float("longitude"),
        contact: f.optional_string("contact"),
        services: f.list::<Service>("services"),
        populations: f.list::<Population>("populations"),
        population_served: f.number("population_served", Expected::WholeNotNegative),
        salaried_staff: f.number("salaried_staff", Expected::WholeNotNegative),
        annual_budget_usd: f.number("annual_budget_usd", Expected::Dollars),
        founded_year: f.number("founded_year", Expected::FoundedYear),
        partner: f.boolean("partner").unwrap_or(false),
        agreement_review: f.vocabulary::<Frequency>("agreement_review"),
        feedback_to_population: f.vocabulary::<Frequency>("feedback_to_population"),
        social_media_use: f.number("social_media_use", Rule::SocialMediaUse.into()),
        donation_sources: f.number("donation_sources", Expected::WholeNotNegative),
        aliases: f.names("aliases"),
    }
}

/// Parses one tie of a project file (all of [`TIE_REQUIRED`] needed). Returns `None` when a
/// field needed to build the record did not parse.
pub fn tie(
    values: &[(&str, String)],
    at: impl Fn(&str) -> Location,
    problems: &mut Problems,
) -> Option<Tie> {
    let mut f = Fields {
        values,
        at,
        problems,
    };
    let source = f.required("source");
    let target = f.required("target");
    f.required("kind");
    let kind = f.vocabulary::<TieKind>("kind");
    f.required("strength");
    let strength = f.number::<u8>("strength", Rule::Strength.into());
    let since = f.number::<i32>("since", Expected::SinceYear);
    let until = f.number::<i32>("until", Expected::UntilYear);
    let reported_by = match f.text("reported_by") {
        None => Some(ReportedBy::Source),
        Some(_) => f.vocabulary::<ReportedBy>("reported_by"),
    };
    if kind.is_none() || source.is_none() || target.is_none() || reported_by.is_none() {
        // The record is dropped, so NetworkData::check will not see it: apply its range rules
        // here, so every problem is still reported in this round.
        let ranges = [
            (
                "strength",
                strength.map(|s| (s.to_string(), rules::strength(s))),
            ),
            ("since", since.map(|y| (y.to_string(), rules::year(y)))),
            ("until", until.map(|y| (y.to_string(), rules::year(y)))),
        ];
        for (field, result) in ranges {
            if let Some((value, Err(expected))) = result {
                f.fail(field, &value, expected);
            }
        }
    }
    let mut attributes = std::collections::BTreeMap::new();
    for (field, text) in values {
        let Some(name) = field.strip_prefix(TIE_ATTRIBUTE_PREFIX) else {
            continue;
        };
        if let Err(rule) = rules::attribute_name(name) {
            f.fail(field, name, rule);
            continue;
        }
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => {
                attributes.insert(name.to_owned(), v);
            }
            _ => f.fail(field, text, Expected::FiniteDecimal),
        }
    }
    Some(Tie {
        source: source?,
        target: target?,
        kind: kind?,
        strength: strength?,
        since,
        until,
        reported_by: reported_by?,
        attributes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(field: &str) -> Location {
        Location {
            file: "t.csv".into(),
            line: Some(2),
            column: None,
            field: field.into(),
        }
    }

    #[test]
    fn organization_collects_every_bad_field() {
        let values = vec![
            ("id", "casa-1".to_string()),
            ("name", "Casa".to_string()),
            ("services", "shelter; legal;health".to_string()),
            ("partner", "maybe".to_string()),
            ("latitude", "north".to_string()),
            ("agreement_review", "daily".to_string()),
        ];
        let mut problems = Problems::default();
        let o = organization(&values, at, &mut problems);
        let listed = problems.listed();
        let fields: Vec<_> = listed.iter().map(|p| p.at.field.as_str()).collect();
        // No country is no problem: it is unknown.
        assert_eq!(
            fields,
            vec!["agreement_review", "latitude", "partner", "services"]
        );
        assert_eq!(o.services, vec![Service::Shelter, Service::Health]);
        assert_eq!(o.country, "");
        assert!(
            matches!(&listed[3].expected, Expected::ListOf(names) if names.contains(&"legal_accompaniment"))
        );
        assert_eq!(listed[3].value, "legal");
    }

    #[test]
    fn tie_requires_its_fields_but_not_a_year() {
        let values = vec![
            ("source", "a".to_string()),
            ("target", "b".to_string()),
            ("strength", "9x".to_string()),
        ];
        let mut problems = Problems::default();
        assert!(tie(&values, at, &mut problems).is_none());
        let fields: Vec<_> = problems
            .listed()
            .iter()
            .map(|p| (p.at.field.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(fields, vec![("kind", ""), ("strength", "9x")]);
        let values = vec![
            ("source", "a".to_string()),
            ("target", "b".to_string()),
            ("kind", "referral".to_string()),
            ("strength", "2".to_string()),
        ];
        let mut problems = Problems::default();
        let t = tie(&values, at, &mut problems).expect("a tie with an unknown year");
        assert!(problems.is_empty());
        assert_eq!(t.since, None);
    }
}
