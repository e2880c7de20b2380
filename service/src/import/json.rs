//! The JSON document `{"organizations": [...], "ties": [...]}`.
//!
//! Keys are the same as the CSV columns; `services` and `populations` are arrays of strings
//! (a `;`-separated string is accepted too). A key given twice in one object is refused
//! ([`super::json_keys`]). Problems are located by JSON pointer
//! (`/ties/3/strength`); syntax errors by line and column.

use super::fields::{self, ORGANIZATION_FIELDS, TIE_FIELDS};
use super::{Location, Parsed, Problem, Problems, RecordAt};
use crate::i18n::Expected;
use puentes_analysis::model::TIE_ATTRIBUTE_PREFIX;
use serde_json::Value;

/// Reads a JSON document. Never fails: every problem is in [`Parsed::problems`].
pub fn read(file: &str, bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed {
        files: vec![file.to_owned()],
        ..Parsed::default()
    };
    let loc = |pointer: String, line: Option<u64>, column: Option<usize>| Location {
        file: file.to_owned(),
        line,
        column,
        field: pointer,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A key given twice would be read as its last value, silently: refused, by name.
    if let Some(r) = super::json_keys::repeated_key(bytes) {
        parsed.problems.push(Problem::new(
            loc(r.pointer, Some(r.line as u64), Some(r.column)),
            &r.key,
            Expected::KeyOnce,
        ));
        return parsed;
    }
    let doc: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            parsed.problems.push(Problem::new(
                loc(String::new(), Some(e.line() as u64), Some(e.column())),
                "",
                Expected::JsonDocument {
                    detail: e.to_string(),
                },
            ));
            return parsed;
        }
    };
    let Value::Object(top) = doc else {
        parsed.problems.push(Problem::new(
            loc(String::new(), None, None),
            &short(&doc),
            Expected::JsonTop,
        ));
        return parsed;
    };
    for key in top.keys().filter(|k| *k != "organizations" && *k != "ties") {
        parsed.problems.push(Problem::new(
            loc(format!("/{key}"), None, None),
            key,
            Expected::JsonTopKeys,
        ));
    }
    // Taken out while records are read, as locating a field borrows `parsed`.
    let mut problems = std::mem::take(&mut parsed.problems);
    // Tie attributes (`"attributes": {"trust": 3.5}`) are read as fields `attr:trust`.
    let mut attribute_fields: Vec<String> = top
        .get("ties")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("attributes")?.as_object())
        .flat_map(|m| m.keys().map(|k| format!("{TIE_ATTRIBUTE_PREFIX}{k}")))
        .collect();
    attribute_fields.sort();
    attribute_fields.dedup();
    let tie_fields: Vec<&str> = TIE_FIELDS
        .iter()
        .copied()
        .chain(["attributes"])
        .chain(attribute_fields.iter().map(String::as_str))
        .collect();
    for (section, allowed) in [
        ("organizations", ORGANIZATION_FIELDS),
        ("ties", tie_fields.as_slice()),
    ] {
        let items = match top.get(section) {
            Some(Value::Array(items)) => items.as_slice(),
            None => &[],
            Some(other) => {
                problems.push(Problem::new(
                    loc(format!("/{section}"), None, None),
                    &short(other),
                    Expected::JsonArray,
                ));
                &[]
            }
        };
        for (i, item) in items.iter().enumerate() {
            let at = RecordAt::Item {
                file: 0,
                section,
                index: i,
            };
            let rec = parsed.record_location(at);
            let Some(values) = record(item, allowed, &rec, &mut problems) else {
                continue;
            };
            if section == "organizations" {
                let o = fields::organization(&values, |f| parsed.field_at(&rec, f), &mut problems);
                parsed.data.organizations.push(o);
                parsed.org_at.push(at);
            } else if let Some(t) =
                fields::tie(&values, |f| parsed.field_at(&rec, f), &mut problems)
            {
                parsed.data.ties.push(t);
                parsed.tie_at.push(at);
            }
        }
    }
    parsed.problems = problems;
    parsed
}

/// One JSON object as `(field, text)` pairs, or `None` (with a problem) if it is not an object.
fn record<'h>(
    item: &Value,
    allowed: &'h [&'h str],
    rec: &Location,
    problems: &mut Problems,
) -> Option<Vec<(&'h str, String)>> {
    let at = |key: &str| Location {
        field: format!("{}/{key}", rec.field),
        ..rec.clone()
    };
    let Value::Object(map) = item else {
        problems.push(Problem::new(
            rec.clone(),
            &short(item),
            Expected::JsonObject,
        ));
        return None;
    };
    let mut values = Vec::with_capacity(map.len());
    for (key, value) in map {
        let Some(field) = allowed.iter().find(|f| **f == key.as_str()) else {
            problems.push(Problem::new(
                at(key),
                key,
                Expected::JsonKeys(allowed.iter().map(|k| k.to_string()).collect()),
            ));
            continue;
        };
        if let (true, Value::Object(attributes)) = (*field == "attributes", value) {
            for (name, v) in attributes {
                let column = format!("{TIE_ATTRIBUTE_PREFIX}{name}");
                let Some(field) = allowed.iter().find(|f| **f == column) else {
                    continue;
                };
                match v {
                    Value::Number(n) => values.push((*field, n.to_string())),
                    other => problems.push(Problem::new(
                        at(&format!("attributes/{name}")),
                        &short(other),
                        Expected::FiniteDecimal,
                    )),
                }
            }
            continue;
        }
        let text = match value {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(items) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(&fields::LIST_SEPARATOR.to_string()),
            other => {
                problems.push(Problem::new(at(key), &short(other), Expected::JsonValue));
                continue;
            }
        };
        values.push((*field, text));
    }
    Some(values)
}

fn short(v: &Value) -> String {
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportError;
    use std::collections::HashSet;

    #[test]
    fn reads_and_locates_by_pointer() {
        let doc = r#"{"organizations": [
            {"id": "a", "name": "A", "country": "MX", "services": ["shelter", "health"]},
            {"id": "b", "name": "B", "country": "GT", "social_media_use": 7}
        ], "ties": [
            {"source": "a", "target": "b", "kind": "coalition", "strength": 2, "since": 2018},
            {"source": "a", "target": "c", "kind": "coalition", "strength": 2, "since": 2018, "colour": "red"}
        ]}"#;
        let err = read("net.json", doc.as_bytes())
            .finish(&HashSet::new())
            .expect_err("invalid");
        let ImportError::Invalid(problems) = err else {
            panic!("{err:?}")
        };
        let listed = problems.listed();
        let fields: Vec<&str> = listed.iter().map(|p| p.at.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "/organizations/1/social_media_use",
                "/ties/1/colour",
                "/ties/1/target"
            ]
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let parsed = read("net.json", b"{\n  \"organizations\": [,]\n}");
        let listed = parsed.problems.listed();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].at.line, Some(2));
        assert!(listed[0].at.column.is_some());
    }
}
