//! The project's CSV pair: `organizations.csv` and `ties.csv`.
//!
//! Comma-separated, one header row naming the columns (any order; see
//! [`super::fields::ORGANIZATION_FIELDS`] and [`super::fields::TIE_FIELDS`]), UTF-8 (a byte
//! order mark is accepted), lists inside a cell separated by `;`. A cell that starts with `'`
//! and then a formula character (`'=x`) is read without the `'`, the escape CSV exports add
//! ([`super::fields::unquote_formula`]).

use super::fields::{self, ORGANIZATION_FIELDS, ORGANIZATION_REQUIRED, TIE_FIELDS, TIE_REQUIRED};
use super::{Location, Parsed, Problem, Problems, RecordAt};
use crate::i18n::Expected;
use puentes_analysis::model::TIE_ATTRIBUTE_PREFIX;

/// Records as `(line, [(field, text)])`.
pub(crate) type Records<'h> = Vec<(u64, Vec<(&'h str, String)>)>;

/// One CSV file's records as `(line, [(field, text)])`, plus its header; problems with the
/// header, encoding or shape are pushed to `problems`.
pub(crate) fn records<'h>(
    file: &str,
    bytes: &[u8],
    allowed: &'h [&'h str],
    required: &[&str],
    problems: &mut Problems,
) -> (Vec<String>, Records<'h>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let at = |line: u64, column: Option<usize>, field: &str| Location {
        file: file.to_owned(),
        line: Some(line),
        column,
        field: field.to_owned(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = reader.byte_records();
    let header: Vec<String> = match rows.next() {
        Some(Ok(h)) => h
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_owned())
            .collect(),
        Some(Err(e)) => {
            problems.push(Problem::new(
                at(1, None, "header"),
                &e.to_string(),
                Expected::CsvHeader,
            ));
            return (Vec::new(), Vec::new());
        }
        None => {
            problems.push(Problem::new(
                at(1, None, "header"),
                "",
                Expected::HeaderColumns(allowed.iter().map(|c| c.to_string()).collect()),
            ));
            return (Vec::new(), Vec::new());
        }
    };
    // Map each header cell to a known field. Which fields were seen is kept apart, so a
    // header of any width is read in time proportional to it (a search of the columns so far
    // made a header of many unknown and then repeated columns quadratic).
    let mut columns: Vec<Option<&'h str>> = Vec::with_capacity(header.len());
    let mut seen = vec![false; allowed.len()];
    let unknown = Expected::Columns(allowed.iter().map(|c| c.to_string()).collect());
    for (i, name) in header.iter().enumerate() {
        match allowed.iter().position(|f| *f == name.as_str()) {
            Some(k) if seen[k] => {
                problems.push(Problem::new(
                    at(1, Some(i + 1), "header"),
                    name,
                    Expected::ColumnOnce,
                ));
                columns.push(None);
            }
            Some(k) => {
                seen[k] = true;
                columns.push(Some(allowed[k]));
            }
            None => {
                problems.push(Problem::new(
                    at(1, Some(i + 1), "header"),
                    name,
                    unknown.clone(),
                ));
                columns.push(None);
            }
        }
    }
    for r in required {
        if !allowed.iter().zip(&seen).any(|(f, s)| *s && f == r) {
            problems.push(Problem::new(
                at(1, None, "header"),
                &header.join(","),
                Expected::RequiredColumn(r.to_string()),
            ));
        }
    }
    let mut out = Vec::new();
    for row in rows {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Problem::new(
                    at(line, None, "row"),
                    "",
                    Expected::CsvRow {
                        detail: e.to_string(),
                    },
                ));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        if row.len() == 1
            && row
                .get(0)
                .is_some_and(|c| c.iter().all(u8::is_ascii_whitespace))
        {
            continue; // blank line
        }
        if row.len() != header.len() {
            problems.push(Problem::new(
                at(line, None, "row"),
                &row.len().to_string(),
                Expected::FieldCount(header.len()),
            ));
            continue;
        }
        let mut values = Vec::with_capacity(row.len());
        for (i, cell) in row.iter().enumerate() {
            let Some(field) = columns[i] else { continue };
            match std::str::from_utf8(cell) {
                Ok(text) => values.push((field, fields::unquote_formula(text).to_owned())),
                Err(_) => problems.push(Problem::new(
                    at(line, Some(i + 1), field),
                    &String::from_utf8_lossy(cell),
                    Expected::Utf8SaveAs,
                )),
            }
        }
        out.push((line, values));
    }
    (header, out)
}

/// The header cells of a tie file that name a tie attribute (`attr:` and a name; whether the
/// name is allowed, [`fields::tie`] checks).
fn attribute_columns(bytes: &[u8]) -> Vec<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut first = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut first).unwrap_or(false) {
        return Vec::new();
    }
    let mut names: Vec<String> = first
        .iter()
        .map(|c| String::from_utf8_lossy(c).trim().to_owned())
        .filter(|c| c.starts_with(TIE_ATTRIBUTE_PREFIX) && !TIE_FIELDS.contains(&c.as_str()))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Reads the pair. Never fails: every problem is in [`Parsed::problems`].
pub fn read(orgs: (&str, &[u8]), ties: (&str, &[u8])) -> Parsed {
    let mut parsed = Parsed::default();
    let (org_file, org_bytes) = orgs;
    let (tie_file, tie_bytes) = ties;
    let mut problems = Problems::default();
    let (org_header, org_rows) = records(
        org_file,
        org_bytes,
        ORGANIZATION_FIELDS,
        ORGANIZATION_REQUIRED,
        &mut problems,
    );
    // Tie attribute columns (`attr:trust`) are read as fields of their own.
    let attribute_columns = attribute_columns(tie_bytes);
    let tie_fields: Vec<&str> = TIE_FIELDS
        .iter()
        .copied()
        .chain(attribute_columns.iter().map(String::as_str))
        .collect();
    let (tie_header, tie_rows) = records(
        tie_file,
        tie_bytes,
        &tie_fields,
        TIE_REQUIRED,
        &mut problems,
    );
    parsed.headers = vec![
        (org_file.to_owned(), org_header),
        (tie_file.to_owned(), tie_header),
    ];
    parsed.files = vec![org_file.to_owned(), tie_file.to_owned()];
    for (line, values) in org_rows {
        let at = RecordAt::Line { file: 0, line };
        let rec = parsed.record_location(at);
        let o = fields::organization(&values, |f| parsed.field_at(&rec, f), &mut problems);
        parsed.data.organizations.push(o);
        parsed.org_at.push(at);
    }
    for (line, values) in tie_rows {
        let at = RecordAt::Line { file: 1, line };
        let rec = parsed.record_location(at);
        if let Some(t) = fields::tie(&values, |f| parsed.field_at(&rec, f), &mut problems) {
            parsed.data.ties.push(t);
            parsed.tie_at.push(at);
        }
    }
    parsed.problems = problems;
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportError;
    use std::collections::HashSet;

    const ORGS: &str = "id,name,country,services,partner\n\
        casa-a,Casa A,MX,shelter;legal_accompaniment,true\n\
        red-b,Red B,US,advocacy,false\n";

    #[test]
    fn reads_a_valid_pair() {
        let ties =
            "source,target,kind,strength,since,reported_by\ncasa-a,red-b,referral,3,2019,both\n";
        let (data, summary) = read(
            ("organizations.csv", ORGS.as_bytes()),
            ("ties.csv", ties.as_bytes()),
        )
        .finish(&HashSet::new())
        .expect("valid");
        assert_eq!(summary.organizations, 2);
        assert_eq!(data.ties[0].strength, 3);
        assert!(data.organizations[0].partner);
    }

    #[test]
    fn reports_every_bad_row_with_line_and_column() {
        let ties = "source,target,kind,strength,since\n\
            casa-a,red-b,referral,3,2019\n\
            casa-a,nowhere,referral,3,2019\n\
            casa-a,red-b,lunch,9,1850\n\
            casa-a,casa-a,coalition,2,2020\n";
        let err = read(
            ("organizations.csv", ORGS.as_bytes()),
            ("ties.csv", ties.as_bytes()),
        )
        .finish(&HashSet::new())
        .expect_err("invalid");
        let ImportError::Invalid(problems) = err else {
            panic!("expected Invalid, got {err:?}")
        };
        let problems = problems.into_listed();
        let got: Vec<(u64, Option<usize>, &str)> = problems
            .iter()
            .map(|p| (p.at.line.unwrap_or(0), p.at.column, p.at.field.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, Some(2), "target"),
                (4, Some(3), "kind"),
                (4, Some(4), "strength"),
                (4, Some(5), "since"),
                (5, Some(2), "target"),
            ],
            "{problems:#?}"
        );
        assert!(problems[1]
            .expected
            .render(crate::i18n::Lang::En)
            .contains("joint_project"));
    }

    #[test]
    fn header_and_encoding_problems() {
        let orgs = b"id,name,pais\ncasa-a,Caf\xe9,MX\n";
        let ties = "source,target,strength\n";
        let err = read(("organizations.csv", orgs), ("ties.csv", ties.as_bytes()))
            .finish(&HashSet::new())
            .expect_err("invalid");
        let text = err.to_string();
        assert!(
            text.contains("organizations.csv:1:3: header = \"pais\""),
            "{text}"
        );
        assert!(text.contains("required column kind"), "{text}");
        assert!(
            !text.contains("country = "),
            "a country may be unknown: {text}"
        );
        assert!(text.contains("organizations.csv:2:2: name"), "{text}");
        assert!(text.contains("UTF-8"), "{text}");
    }

    #[test]
    fn an_exported_pair_reads_back_unchanged_formula_cells_too() {
        use puentes_analysis::model::{NetworkData, Organization, ReportedBy, Tie, TieKind};
        let org = |id: &str, name: &str, country: &str| Organization {
            name: name.into(),
            country: country.into(),
            ..Organization::bare(id)
        };
        let data = NetworkData {
            organizations: vec![
                org("f", "=HYPERLINK(\"x\")", "MX"),
                org("s", "-1+2", ""),
                org("q", "'quoted'", "GT"),
            ],
            ties: vec![Tie {
                source: "f".into(),
                target: "s".into(),
                kind: TieKind::Coalition,
                strength: 2,
                since: None,
                until: None,
                reported_by: ReportedBy::Both,
                attributes: Default::default(),
            }],
        };
        let (mut orgs, mut ties) = (Vec::new(), Vec::new());
        crate::export::organizations_csv(&data.organizations, &mut orgs).expect("write");
        crate::export::ties_csv(&data.ties, &mut ties).expect("write");
        let text = String::from_utf8_lossy(&orgs);
        assert!(text.contains("f,\"'=HYPERLINK(\"\"x\"\")\",MX"), "{text}");
        let (read_back, _) = read(("organizations.csv", &orgs), ("ties.csv", &ties))
            .finish(&HashSet::new())
            .expect("valid");
        assert_eq!(read_back, data);
    }
}
