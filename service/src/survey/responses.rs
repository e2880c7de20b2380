//! The responses file as rows, and the questionnaire's columns found in its header.

use super::config::{Column, Survey};
use crate::i18n::Expected;
use crate::import::{table, ImportError, Location, Problem, Problems};

/// The responses: header rows and answer rows, each with its line in the file.
#[derive(Debug, Clone)]
pub struct Responses {
    /// The file name, for problems.
    pub file: String,
    /// Per column, the texts it can be named by (see [`super::config`]).
    pub names: Vec<Vec<String>>,
    /// Per column, its header as shown to people (the question, and the answer row's text).
    pub shown: Vec<String>,
    /// Answer rows: (line, cells).
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Whether `bytes` are an XLSX workbook (a zip file) rather than CSV text.
fn is_workbook(file: &str, bytes: &[u8]) -> bool {
    file.to_lowercase().ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04")
}

/// Reads the responses (CSV, UTF-8 with or without a byte-order mark; or XLSX, `sheet` or
/// the first) and splits off `header_rows` header rows.
pub fn read(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    header_rows: usize,
) -> Result<Responses, ImportError> {
    let mut all: Vec<(u64, Vec<String>)> = Vec::new();
    let mut problems = Problems::default();
    if is_workbook(file, bytes) {
        for (i, row) in table::xlsx_rows(file, bytes, sheet)?
            .into_iter()
            .enumerate()
        {
            all.push((i as u64 + 1, row));
        }
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        for (i, row) in reader.byte_records().enumerate() {
            let at = |line: u64| Location {
                file: file.to_owned(),
                line: Some(line),
                column: None,
                field: "row".into(),
            };
            match row {
                Err(e) => {
                    let line = e.position().map_or(i as u64 + 1, |p| p.line());
                    let detail = e.to_string();
                    problems.push(Problem::new(at(line), "", Expected::CsvRow { detail }));
                }
                Ok(r) => {
                    let line = r.position().map_or(i as u64 + 1, |p| p.line());
                    let mut cells = Vec::with_capacity(r.len());
                    for cell in r.iter() {
                        match std::str::from_utf8(cell) {
                            Ok(t) => cells.push(t.to_owned()),
                            Err(_) => {
                                let shown = String::from_utf8_lossy(cell);
                                problems.push(Problem::new(at(line), &shown, Expected::Utf8SaveAs));
                                cells.push(String::new());
                            }
                        }
                    }
                    all.push((line, cells));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    // Blank rows (an export's trailing lines) are not answers.
    let blank = |cells: &[String]| cells.iter().all(|c| c.trim().is_empty());
    let header: Vec<Vec<String>> = all
        .iter()
        .take(header_rows)
        .map(|(_, c)| c.clone())
        .collect();
    let rows: Vec<(u64, Vec<String>)> = all
        .into_iter()
        .skip(header_rows)
        .filter(|(_, c)| !blank(c))
        .collect();
    let width = header.iter().map(Vec::len).max().unwrap_or(0);
    let mut names = vec![Vec::new(); width];
    let mut shown = vec![String::new(); width];
    let mut carried = String::new();
    for j in 0..width {
        let cell = |r: usize| {
            header
                .get(r)
                .and_then(|row| row.get(j))
                .map(|c| c.trim().to_owned())
                .unwrap_or_default()
        };
        let first = cell(0);
        if header_rows == 1 {
            let last = first.rsplit_once('/').map(|(_, l)| l.trim().to_owned());
            shown[j] = first.clone();
            names[j].push(first);
            names[j].extend(last);
            continue;
        }
        // Two header rows: a question spans its answer columns (merged cells are empty to
        // the right of the first).
        if !first.is_empty() {
            carried = first;
        }
        let second = cell(1);
        names[j].push(carried.clone());
        if !second.is_empty() {
            names[j].push(second.clone());
            names[j].push(format!("{carried} / {second}"));
            shown[j] = format!("{carried} / {second}");
        } else {
            shown[j] = carried.clone();
        }
    }
    Ok(Responses {
        file: file.to_owned(),
        names,
        shown,
        rows,
    })
}

impl Responses {
    /// The 0-based index of `column`: its number, or the first column named so (compared
    /// without regard to case, accents, spaces or punctuation).
    pub fn find(&self, column: &Column) -> Option<usize> {
        match column {
            Column::Number(n) => (*n >= 1 && *n <= self.names.len().max(1)).then(|| n - 1),
            Column::Text(text) => {
                let wanted = puentes_analysis::names::key(text);
                let exact = self
                    .names
                    .iter()
                    .position(|ns| ns.iter().any(|n| n == text));
                exact.or_else(|| {
                    self.names
                        .iter()
                        .position(|ns| ns.iter().any(|n| puentes_analysis::names::key(n) == wanted))
                })
            }
        }
    }

    /// The option columns of an `options` question: (column index, the option's text). A
    /// column belongs to it when its one header is `question/option`, or when the question
    /// row names it and the answer row holds the option (SurveyMonkey).
    pub fn options(&self, question: &Column, other: Option<usize>) -> Vec<(usize, String)> {
        let text = match question {
            Column::Text(t) => t.clone(),
            Column::Number(n) => self
                .names
                .get(n.wrapping_sub(1))
                .and_then(|ns| ns.first().cloned())
                .unwrap_or_default(),
        };
        let key = puentes_analysis::names::key(&text);
        let mut out = Vec::new();
        for (j, ns) in self.names.iter().enumerate() {
            if Some(j) == other {
                continue;
            }
            // The whole header: a one-row header's names are [whole, after the last `/`].
            let Some(full) = ns.first() else { continue };
            if let Some((q, option)) = full.split_once('/') {
                if ns.len() <= 2 && (q.trim() == text || puentes_analysis::names::key(q) == key) {
                    out.push((j, option.trim().to_owned()));
                    continue;
                }
            }
            if ns.len() == 3 && (ns[0] == text || puentes_analysis::names::key(&ns[0]) == key) {
                out.push((j, ns[1].clone()));
            }
        }
        out
    }

    /// The problem of a column SURVEY.toml names that the responses do not have.
    pub fn missing(&self, survey_file: &str, field: &str, column: &Column) -> Problem {
        let at = Location {
            file: survey_file.to_owned(),
            line: None,
            column: None,
            field: field.to_owned(),
        };
        let headers: Vec<String> = self.shown.iter().take(12).cloned().collect();
        Problem::new(at, &column.shown(), Expected::SurveyColumn(headers))
    }

    /// Where a cell is: the responses file, its line, the column's number and header.
    pub fn at(&self, line: u64, column: usize) -> Location {
        Location {
            file: self.file.clone(),
            line: Some(line),
            column: Some(column + 1),
            field: self.shown.get(column).cloned().unwrap_or_default(),
        }
    }
}

/// Finds every column the questionnaire names; the missing ones are problems in SURVEY.toml.
pub fn columns(
    r: &Responses,
    survey: &Survey,
    survey_file: &str,
    problems: &mut Problems,
) -> Found {
    let mut find = |field: &str, c: &Column| {
        let found = r.find(c);
        if found.is_none() {
            problems.push(r.missing(survey_file, field, c));
        }
        found
    };
    let respondent = find("respondent", &survey.respondent);
    let collaborators = match survey.layout {
        super::config::Layout::Options => None,
        _ => find("collaborators", &survey.collaborators),
    };
    let other = survey.other.as_ref().and_then(|c| find("other", c));
    let kind = survey
        .kind_column
        .as_ref()
        .and_then(|c| find("kind_column", c));
    let strength = survey
        .strength_column
        .as_ref()
        .and_then(|c| find("strength_column", c));
    let attributes = survey
        .attributes
        .iter()
        .filter_map(|(f, c)| Some((f.clone(), find(&format!("attributes.{f}"), c)?)))
        .collect();
    let mut per_option = Vec::new();
    let mut tie_attributes = Vec::new();
    for (f, c) in &survey.tie_attributes {
        // Options layout: a question whose columns are `question/<option>`, one per option.
        if survey.layout == super::config::Layout::Options {
            let columns = r.options(c, other);
            if !columns.is_empty() {
                let by_option = columns
                    .into_iter()
                    .map(|(j, option)| (puentes_analysis::names::key(&option), j))
                    .collect();
                per_option.push((f.clone(), by_option));
                continue;
            }
        }
        if let Some(j) = find(&format!("tie_attributes.{f}"), c) {
            tie_attributes.push((f.clone(), j));
        }
    }
    let options = match survey.layout {
        super::config::Layout::Options => {
            let o = r.options(&survey.collaborators, other);
            if o.is_empty() {
                problems.push(r.missing(survey_file, "collaborators", &survey.collaborators));
            }
            o
        }
        _ => Vec::new(),
    };
    Found {
        respondent: respondent.unwrap_or(0),
        collaborators,
        other,
        kind,
        strength,
        attributes,
        tie_attributes,
        per_option,
        options,
    }
}

/// The columns found ([`columns`]), 0-based.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The respondent's name.
    pub respondent: usize,
    /// Wide and long: the collaborators' names.
    pub collaborators: Option<usize>,
    /// Free text for unlisted organizations.
    pub other: Option<usize>,
    /// The kind answer.
    pub kind: Option<usize>,
    /// The strength answer.
    pub strength: Option<usize>,
    /// Organization field → column.
    pub attributes: Vec<(String, usize)>,
    /// Tie attribute → column.
    pub tie_attributes: Vec<(String, usize)>,
    /// Options layout: tie attribute → (option's spelling key → its column).
    pub per_option: Vec<(String, std::collections::HashMap<String, usize>)>,
    /// Options layout: (column, option text).
    pub options: Vec<(usize, String)>,
}
