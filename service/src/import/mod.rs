//! Import: files → validated [`NetworkData`], all-or-nothing.
//!
//! Every reader (project CSV pair, JSON document, plain edge lists) turns its records into
//! *fields as text* with a [`Location`], and every field goes through the same parser
//! ([`fields`]); the cross-record rules (unique ids, known endpoints, no self-ties) come from
//! [`NetworkData::check`]. So a value is judged the same way whichever format it came in, and
//! every problem is collected, never just the first: a user fixes a file in one round.

pub mod edgelist;
pub mod fields;
pub mod json;
pub mod project_csv;

use puentes_analysis::model::{NetworkData, RecordRef, Violation};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem is: file, line (1-based, when the format has lines) and column or field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Location {
    /// File name as given by the user (e.g. `ties.csv`).
    pub file: String,
    /// 1-based line, for line-oriented formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based column number in CSV files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Field (CSV header name) or JSON pointer (e.g. `/ties/3/strength`).
    pub field: String,
}

/// One thing wrong with the input, with what would be accepted instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// Where.
    #[serde(flatten)]
    pub at: Location,
    /// The offending value (truncated to 100 characters).
    pub value: String,
    /// What is allowed.
    pub expected: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.at.file)?;
        if let Some(line) = self.at.line {
            write!(f, ":{line}")?;
        }
        if let Some(col) = self.at.column {
            write!(f, ":{col}")?;
        }
        write!(
            f,
            ": {} = {:?}: expected {}",
            self.at.field, self.value, self.expected
        )
    }
}

impl Problem {
    /// A problem at `at` with `value` (truncated) and what is `expected`.
    pub fn new(at: Location, value: &str, expected: impl Into<String>) -> Self {
        let value = if value.chars().count() > 100 {
            format!("{}…", value.chars().take(100).collect::<String>())
        } else {
            value.to_owned()
        };
        Problem {
            at,
            value,
            expected: expected.into(),
        }
    }
}

/// Errors of the import crate module.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input has problems; nothing was imported.
    #[error("{} problem(s) in the input; nothing was imported:\n{}", .0.len(), list(.0))]
    Invalid(Vec<Problem>),
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The input's kind could not be told from its name.
    #[error("{0}")]
    UnknownFormat(String),
}

fn list(problems: &[Problem]) -> String {
    let mut s = String::new();
    for p in problems.iter().take(200) {
        s.push_str("  ");
        s.push_str(&p.to_string());
        s.push('\n');
    }
    if problems.len() > 200 {
        s.push_str(&format!("  … and {} more\n", problems.len() - 200));
    }
    s
}

/// Where a record was read. One is kept per record, so it is small (no strings); it becomes a
/// [`Location`] only when a problem has to be reported ([`Parsed::record_location`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAt {
    /// Line `line` (1-based) of file number `file` in [`Parsed::files`]: CSV and edge lists.
    Line { file: u8, line: u64 },
    /// Item `index` (0-based) of the JSON array `section` of file number `file`.
    Item {
        file: u8,
        section: &'static str,
        index: usize,
    },
}

/// What a reader produced: the data, where each record came from, and what it merged.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The records.
    pub data: NetworkData,
    /// The files read, in the order [`RecordAt`] numbers them.
    pub files: Vec<String>,
    /// Where each organization record was read (same order as `data.organizations`).
    pub org_at: Vec<RecordAt>,
    /// Where each tie record was read.
    pub tie_at: Vec<RecordAt>,
    /// Problems found while reading fields.
    pub problems: Vec<Problem>,
    /// Whether ids follow the strict slug rule (project formats) or are loose (edge lists).
    pub strict_ids: bool,
    /// Edge lists only: repeated or mirrored lines merged into one tie.
    pub merged_duplicates: usize,
    /// Edge lists only: self-loops skipped.
    pub skipped_self_loops: usize,
    /// CSV files: each file's header, to turn a field name into a column number.
    pub headers: Vec<(String, Vec<String>)>,
}

/// A summary of a successful parse (what would be or was imported).
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct ImportSummary {
    /// Organizations read.
    pub organizations: usize,
    /// Ties read.
    pub ties: usize,
    /// Edge lists: repeated or mirrored lines merged into one tie.
    pub merged_duplicates: usize,
    /// Edge lists: self-loops skipped.
    pub skipped_self_loops: usize,
}

impl Parsed {
    /// Applies the cross-record rules and returns the data, or every problem found.
    ///
    /// `known` lists ids already in the store that ties may refer to (merge imports).
    pub fn finish(
        mut self,
        known: &HashSet<String>,
    ) -> Result<(NetworkData, ImportSummary), ImportError> {
        let violations = self.data.check(self.strict_ids, known);
        for v in violations {
            let p = self.locate(&v);
            self.problems.push(p);
        }
        if !self.problems.is_empty() {
            self.problems.sort_by(|a, b| {
                (&a.at.file, a.at.line, a.at.column, &a.at.field).cmp(&(
                    &b.at.file,
                    b.at.line,
                    b.at.column,
                    &b.at.field,
                ))
            });
            self.problems.dedup();
            return Err(ImportError::Invalid(self.problems));
        }
        let summary = ImportSummary {
            organizations: self.data.organizations.len(),
            ties: self.data.ties.len(),
            merged_duplicates: self.merged_duplicates,
            skipped_self_loops: self.skipped_self_loops,
        };
        Ok((self.data, summary))
    }

    /// The location of `field` inside the record at `record`: a JSON pointer is extended
    /// (`/ties/3` → `/ties/3/target`); a CSV record gets the field's header and column.
    pub fn field_at(&self, record: &Location, field: &str) -> Location {
        if record.field.starts_with('/') {
            return Location {
                field: format!("{}/{field}", record.field),
                ..record.clone()
            };
        }
        let column = self
            .headers
            .iter()
            .find(|(file, _)| *file == record.file)
            .and_then(|(_, header)| header.iter().position(|h| h == field))
            .map(|i| i + 1);
        Location {
            field: field.to_owned(),
            column,
            ..record.clone()
        }
    }

    /// The [`Location`] of a whole record: its file and line, or its JSON pointer.
    pub fn record_location(&self, at: RecordAt) -> Location {
        let file = |i: u8| self.files.get(usize::from(i)).cloned().unwrap_or_default();
        match at {
            RecordAt::Line { file: f, line } => Location {
                file: file(f),
                line: Some(line),
                column: None,
                field: String::new(),
            },
            RecordAt::Item {
                file: f,
                section,
                index,
            } => Location {
                file: file(f),
                line: None,
                column: None,
                field: format!("/{section}/{index}"),
            },
        }
    }

    fn locate(&self, v: &Violation) -> Problem {
        let base = match v.record {
            RecordRef::Organization(i) => self.org_at.get(i),
            RecordRef::Tie(i) => self.tie_at.get(i),
        };
        let at = match base {
            Some(&at) => self.field_at(&self.record_location(at), v.field),
            None => Location {
                file: String::new(),
                line: None,
                column: None,
                field: v.field.to_owned(),
            },
        };
        Problem::new(at, &v.value, v.expected.clone())
    }
}

/// The input formats Puentes reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A directory (or pair) with `organizations.csv` and `ties.csv`.
    Project,
    /// One JSON document `{"organizations": [...], "ties": [...]}`.
    Json,
    /// SNAP-style text edge list: `source target` per line, `#` comments, optionally gzip.
    Snap,
    /// CSV edge list `source,target[,weight]` (header optional), weight = strength 1-5.
    EdgeCsv,
}

impl Format {
    /// Guesses the format from a path: a directory is `project`, `.json` is `json`,
    /// `.csv` is `edge-csv`, `.txt`/`.gz`/`.edgelist`/`.tsv` is `snap`.
    pub fn detect(path: &Path) -> Result<Format, ImportError> {
        if path.is_dir() {
            return Ok(Format::Project);
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".json") {
            Ok(Format::Json)
        } else if name.ends_with(".csv") {
            Ok(Format::EdgeCsv)
        } else if [".txt", ".edgelist", ".tsv", ".edges"]
            .iter()
            .any(|e| name.ends_with(e))
        {
            Ok(Format::Snap)
        } else {
            Err(ImportError::UnknownFormat(format!(
                "cannot tell the format of {}: pass --format project|json|snap|edge-csv \
                 (a directory with organizations.csv and ties.csv, a .json document, a .txt SNAP \
                 edge list or a .csv source,target[,weight] edge list)",
                path.display()
            )))
        }
    }
}

/// Reads a file or directory in `format` (detected when `None`) into a [`Parsed`].
pub fn read_path(path: &Path, format: Option<Format>) -> Result<Parsed, ImportError> {
    let format = match format {
        Some(f) => f,
        None => Format::detect(path)?,
    };
    let read = |p: &Path| -> Result<Vec<u8>, ImportError> {
        let bytes = std::fs::read(p).map_err(|source| ImportError::Io {
            path: p.to_owned(),
            source,
        })?;
        if p.extension().is_some_and(|e| e == "gz") {
            let mut out = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
                &mut out,
            )
            .map_err(|source| ImportError::Io {
                path: p.to_owned(),
                source,
            })?;
            Ok(out)
        } else {
            Ok(bytes)
        }
    };
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    Ok(match format {
        Format::Project => {
            let (orgs, ties) = if path.is_dir() {
                (path.join("organizations.csv"), path.join("ties.csv"))
            } else {
                (path.to_owned(), path.with_file_name("ties.csv"))
            };
            project_csv::read((&name(&orgs), &read(&orgs)?), (&name(&ties), &read(&ties)?))
        }
        Format::Json => json::read(&name(path), &read(path)?),
        Format::Snap => edgelist::read_snap(&name(path), &read(path)?),
        Format::EdgeCsv => edgelist::read_csv(&name(path), &read(path)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_by_name() {
        assert_eq!(Format::detect(Path::new("x.json")).ok(), Some(Format::Json));
        assert_eq!(
            Format::detect(Path::new("x.txt.gz")).ok(),
            Some(Format::Snap)
        );
        assert_eq!(
            Format::detect(Path::new("e.csv")).ok(),
            Some(Format::EdgeCsv)
        );
        assert!(Format::detect(Path::new("x.xlsx")).is_err());
    }
}
