//! Import: files → validated [`NetworkData`], all-or-nothing.
//!
//! Every reader (project CSV pair, JSON document, plain edge lists) turns its records into
//! *fields as text* with a [`Location`], and every field goes through the same parser
//! ([`fields`]); the cross-record rules (unique ids, known endpoints, no self-ties) come from
//! [`NetworkData::check`]. So a value is judged the same way whichever format it came in, and
//! every problem is found, never just the first: a user fixes a file in one round.
//!
//! What an import costs is bounded by what it accepts, not by how wrong the input is: the first
//! [`PROBLEMS_IN_FULL`] problems (by position) are kept in full and the rest only counted by
//! kind ([`Problems`]), a `.gz` file is read only up to [`gzip_limit`] of its size, and no
//! input is read beyond [`input_limit`] bytes ([`read_input`]: `/dev/zero` or an endless pipe
//! is refused after that many, not read until memory runs out).

pub mod dataset;
pub mod edgelist;
pub mod fields;
pub mod json;
pub mod json_keys;
pub mod project_csv;
pub mod table;

use crate::i18n::{Expected, Lang, ProblemCounts, Refusal};
use puentes_analysis::model::{NetworkData, RecordRef, Violation};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

/// How many problems an import reports in full: the first ones by file, line and column.
pub const PROBLEMS_IN_FULL: usize = 100;

/// How many kinds of further problems are counted one by one; the rest are counted together.
pub const KINDS_COUNTED: usize = 20;

/// A `.gz` input may expand to at most this many times its compressed size (plus
/// [`GZIP_ALLOWANCE`]). The real compressed datasets expand 3.5 (soc-Slashdot0902) to 6.6
/// (CORDIS participations) times; a decompression bomb expands about a thousand times.
pub const GZIP_MAX_RATIO: u64 = 16;

/// What any `.gz` input may expand to on top of [`GZIP_MAX_RATIO`] times its size: 64 MiB.
pub const GZIP_ALLOWANCE: u64 = 64 << 20;

/// The most bytes a `.gz` input of `compressed` bytes may expand to:
/// `GZIP_MAX_RATIO × compressed + GZIP_ALLOWANCE`.
pub fn gzip_limit(compressed: u64) -> u64 {
    compressed
        .saturating_mul(GZIP_MAX_RATIO)
        .saturating_add(GZIP_ALLOWANCE)
}

/// The most bytes Puentes reads from one input by default: a file or standard input given to
/// a command, and a request body of the HTTP API (`Config::body_limit`): 256 MiB. The largest
/// dataset in use (CORDIS participations, 39 MB as CSV) fits six times over.
pub const INPUT_LIMIT: usize = 256 << 20;

/// The limit in force ([`set_input_limit`], `--max-input-bytes`), [`INPUT_LIMIT`] unless set.
static INPUT_LIMIT_NOW: AtomicUsize = AtomicUsize::new(INPUT_LIMIT);

/// Sets the most bytes read from one input, for the whole process (the binary's global
/// `--max-input-bytes`, read once at start).
pub fn set_input_limit(bytes: usize) {
    INPUT_LIMIT_NOW.store(bytes.max(1), AtomicOrdering::Relaxed);
}

/// The most bytes read from one input ([`INPUT_LIMIT`] unless [`set_input_limit`] was called).
pub fn input_limit() -> usize {
    INPUT_LIMIT_NOW.load(AtomicOrdering::Relaxed)
}

/// Reads the file (or device, or pipe: `/dev/stdin`) at `path`, at most [`input_limit`]
/// bytes: a regular file larger than that is refused before it is read, anything else after
/// the limit and one byte more have arrived ([`ImportError::InputTooLarge`]).
pub fn read_input(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let limit = input_limit();
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if size.is_some_and(|n| n > limit as u64) {
        return Err(ImportError::InputTooLarge {
            path: path.to_owned(),
            limit,
        });
    }
    read_bounded(file, path, limit, size.unwrap_or(0))
}

/// Reads `reader` to its end, at most `limit` bytes (`path` names it in the errors); `hint`
/// is its expected size, for the first allocation.
pub fn read_bounded(
    reader: impl Read,
    path: &Path,
    limit: usize,
    hint: u64,
) -> Result<Vec<u8>, ImportError> {
    let mut out = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).min(limit));
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|source| ImportError::Io {
            path: path.to_owned(),
            source,
        })?;
    if out.len() > limit {
        return Err(ImportError::InputTooLarge {
            path: path.to_owned(),
            limit,
        });
    }
    Ok(out)
}

/// Longest offending value shown in a problem, in characters.
const VALUE_CHARS: usize = 100;

/// Longest file name or field shown in a problem, in characters.
const TEXT_CHARS: usize = 500;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub at: Location,
    /// The offending value (truncated to 100 characters; control characters other than tab
    /// and bidirectional formatting marks are written as `\u{202e}`).
    pub value: String,
    /// What is allowed (worded per language by the message catalogue).
    pub expected: Expected,
}

/// A [`Problem`] as the API shows it: what is allowed in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ShownProblem {
    /// Where.
    #[serde(flatten)]
    pub at: Location,
    /// The offending value (truncated to 100 characters; control characters other than tab
    /// and bidirectional formatting marks are written as `\u{202e}`).
    pub value: String,
    /// What is allowed, in words.
    pub expected: String,
}

impl Problem {
    /// The problem with what is allowed worded in `lang`.
    pub fn shown(&self, lang: Lang) -> ShownProblem {
        ShownProblem {
            at: self.at.clone(),
            value: self.value.clone(),
            expected: self.expected.render(lang),
        }
    }

    /// `file:line:column: field = "value": expected …` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.at.file.clone();
        if let Some(line) = self.at.line {
            out.push_str(&format!(":{line}"));
        }
        if let Some(col) = self.at.column {
            out.push_str(&format!(":{col}"));
        }
        let field = self.at.field.clone();
        out.push_str(": ");
        out.push_str(
            &Refusal::BadValue {
                name: field,
                value: self.value.clone(),
                expected: self.expected.clone(),
            }
            .render(lang),
        );
        out
    }
}

impl Problem {
    /// A problem at `at` with `value` and what is `expected`, each made safe to show: bounded
    /// in length, with hidden characters (controls, bidirectional marks) written as escapes.
    pub fn new(at: Location, value: &str, expected: impl Into<Expected>) -> Self {
        let Location {
            file,
            line,
            column,
            field,
        } = at;
        Problem {
            at: Location {
                file: visible(file, TEXT_CHARS),
                line,
                column,
                field: visible(field, TEXT_CHARS),
            },
            value: visible(value.to_owned(), VALUE_CHARS),
            expected: match expected.into() {
                Expected::CsvRow { detail } => Expected::CsvRow {
                    detail: visible(detail, TEXT_CHARS),
                },
                Expected::JsonDocument { detail } => Expected::JsonDocument {
                    detail: visible(detail, TEXT_CHARS),
                },
                other => other,
            },
        }
    }

    /// The order problems are listed in: file, line, column, field (then the rest, so that
    /// equal problems, and only those, compare equal).
    fn position(&self, other: &Self) -> Ordering {
        (&self.at.file, self.at.line, self.at.column, &self.at.field)
            .cmp(&(
                &other.at.file,
                other.at.line,
                other.at.column,
                &other.at.field,
            ))
            .then_with(|| (&self.value, &self.expected).cmp(&(&other.value, &other.expected)))
    }
}

/// Whether `c` changes how the text around it is shown: a control character other than tab,
/// or a bidirectional formatting mark (e.g. U+202E RIGHT-TO-LEFT OVERRIDE).
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with hidden characters escaped (`\u{202e}`), cut to `max` characters (`…` added).
fn visible(text: String, max: usize) -> String {
    if !text.contains(is_hidden) && text.chars().nth(max).is_none() {
        return text;
    }
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if is_hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Problems beyond the first [`PROBLEMS_IN_FULL`], counted by field and expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemKind {
    /// The field; in JSON pointers record numbers are `*` (e.g. `/ties/*/strength`).
    pub field: String,
    /// What is allowed.
    pub expected: Expected,
    /// How many problems of this kind were not listed.
    pub count: usize,
}

/// A [`Problem`] ordered by [`Problem::position`], for the heap of the first ones.
#[derive(Debug, Clone)]
struct ByPosition(Problem);

impl PartialEq for ByPosition {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for ByPosition {}

impl PartialOrd for ByPosition {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ByPosition {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.position(&other.0)
    }
}

/// Every problem of one import, in bounded memory: the first [`PROBLEMS_IN_FULL`] by position
/// in full, every other one only counted, by kind (field and expectation; at most
/// [`KINDS_COUNTED`] kinds, the rest together). Repeats of a listed problem are dropped.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    /// A max-heap: its top is the last listed problem, the first to give way.
    first: BinaryHeap<ByPosition>,
    kinds: Vec<ProblemKind>,
    other_kinds: usize,
    total: usize,
}

impl Problems {
    /// Adds a problem: listed if it is among the first [`PROBLEMS_IN_FULL`] so far, else counted.
    pub fn push(&mut self, problem: Problem) {
        let p = ByPosition(problem);
        let listed =
            self.first.len() < PROBLEMS_IN_FULL || self.first.peek().is_some_and(|last| p < *last);
        if listed && self.first.iter().any(|q| *q == p) {
            return;
        }
        self.total += 1;
        if !listed {
            self.count(&p.0);
            return;
        }
        self.first.push(p);
        if self.first.len() > PROBLEMS_IN_FULL {
            if let Some(ByPosition(last)) = self.first.pop() {
                self.count(&last);
            }
        }
    }

    fn count(&mut self, p: &Problem) {
        let field = kind_field(&p.at.field);
        let known = self
            .kinds
            .iter()
            .position(|k| k.field == field && k.expected == p.expected);
        match known {
            Some(i) => self.kinds[i].count += 1,
            None if self.kinds.len() < KINDS_COUNTED => self.kinds.push(ProblemKind {
                field,
                expected: p.expected.clone(),
                count: 1,
            }),
            None => self.other_kinds += 1,
        }
    }

    /// How many problems there are, listed or counted.
    pub fn len(&self) -> usize {
        self.total
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The listed problems, in order of position.
    pub fn listed(&self) -> Vec<&Problem> {
        let mut first: Vec<&ByPosition> = self.first.iter().collect();
        first.sort();
        first.into_iter().map(|p| &p.0).collect()
    }

    /// The listed problems, in order of position, taken out (the counts are dropped).
    pub fn into_listed(self) -> Vec<Problem> {
        self.first
            .into_sorted_vec()
            .into_iter()
            .map(|p| p.0)
            .collect()
    }

    /// The problems not listed, by kind, most frequent first; then how many are of other kinds.
    pub fn unlisted(&self) -> (Vec<ProblemKind>, usize) {
        let mut kinds = self.kinds.clone();
        kinds.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.field.cmp(&b.field)));
        (kinds, self.other_kinds)
    }

    /// How many there are, listed and counted by kind, for the catalogue's sentences
    /// ([`ProblemCounts::headline`]: "N problem(s) in the input; nothing was imported";
    /// [`ProblemCounts::more`]: "N more problems: k of kind F (expected E), …").
    pub fn counts(&self) -> ProblemCounts {
        let (kinds, other) = self.unlisted();
        ProblemCounts {
            total: self.total,
            listed: self.first.len(),
            kinds: kinds
                .into_iter()
                .map(|k| (k.field, k.expected, k.count))
                .collect(),
            other,
        }
    }

    /// The headline, one line per listed problem, then the count of the others, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let counts = self.counts();
        let mut out = format!("{}:\n", counts.headline(lang));
        for p in self.listed() {
            out.push_str(&format!("  {}\n", p.render(lang)));
        }
        if let Some(more) = counts.more(lang) {
            out.push_str(&format!("  {more}\n"));
        }
        out
    }
}

impl fmt::Display for Problems {
    /// [`Problems::render`] in the [`crate::i18n::current`] language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::i18n::current()))
    }
}

/// The field of a problem kind: record numbers in a JSON pointer become `*`.
fn kind_field(field: &str) -> String {
    if !field.starts_with('/') {
        return field.to_owned();
    }
    field
        .split('/')
        .map(|seg| {
            if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Errors of the import module, worded by the message catalogue ([`ImportError::render`];
/// `Display` words them in the [`crate::i18n::current`] language).
#[derive(Debug)]
pub enum ImportError {
    /// The input has problems; nothing was imported.
    Invalid(Problems),
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A `.gz` file expands beyond [`gzip_limit`]; nothing was imported.
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        compressed: u64,
        /// What it may expand to.
        limit: u64,
    },
    /// The input's kind could not be told from its name (the path).
    UnknownFormat(PathBuf),
    /// An input larger than [`input_limit`]; nothing was imported.
    InputTooLarge {
        /// The file.
        path: PathBuf,
        /// The most bytes read.
        limit: usize,
    },
}

impl ImportError {
    /// The error in `lang`: the problems one per line, or one sentence.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ImportError::Invalid(problems) => problems.render(lang),
            ImportError::Io { path, source } => Refusal::CannotRead {
                path: path.display().to_string(),
                detail: source.to_string(),
            }
            .render(lang),
            ImportError::TooLarge {
                path,
                compressed,
                limit,
            } => Refusal::GzipTooLarge {
                path: path.display().to_string(),
                compressed: *compressed,
                limit: *limit,
                ratio: GZIP_MAX_RATIO,
            }
            .render(lang),
            ImportError::UnknownFormat(path) => Refusal::UnknownInputFormat {
                path: path.display().to_string(),
            }
            .render(lang),
            ImportError::InputTooLarge { path, limit } => Refusal::InputTooLarge {
                path: path.display().to_string(),
                limit: *limit,
            }
            .render(lang),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::i18n::current()))
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Where a record was read. One is kept per record, so it is small (no strings); it becomes a
/// [`Location`] only when a problem has to be reported ([`Parsed::record_location`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAt {
    /// Line `line` (1-based) of file number `file` in [`Parsed::files`]: CSV and edge lists.
    Line {
        /// The file's number in [`Parsed::files`].
        file: u8,
        /// The 1-based line.
        line: u64,
    },
    /// Item `index` (0-based) of the JSON array `section` of file number `file`.
    Item {
        /// The file's number in [`Parsed::files`].
        file: u8,
        /// The JSON array (`organizations` or `ties`).
        section: &'static str,
        /// The 0-based item.
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
    pub problems: Problems,
    /// Edge lists only: repeated or mirrored lines merged into one tie.
    pub merged_duplicates: usize,
    /// Edge lists only: self-loops skipped.
    pub skipped_self_loops: usize,
    /// CSV files: each file's header, to turn a field name into a column number.
    pub headers: Vec<(String, Vec<String>)>,
    /// Edge lists: the organizations whose ids were made from the names in the file.
    pub named: Vec<NamedOrganization>,
}

/// An organization an edge list names (rather than giving its id): the id made from the name,
/// and the other spellings of the same name that were merged into it (case, accents, spaces,
/// punctuation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NamedOrganization {
    /// The id made from the name.
    pub id: String,
    /// The name as first written, kept as the organization's name.
    pub name: String,
    /// Other spellings of it in the file, merged into this organization.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spellings: Vec<String>,
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
    /// Edge lists of names: the id made from each name, and the spellings merged into it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<NamedOrganization>,
}

impl Parsed {
    /// Applies the cross-record rules and returns the data, or every problem found.
    ///
    /// The rules are the same for every format: an empty country means unknown (as plain edge
    /// lists create organizations), so whatever an import stores re-imports in any format.
    /// `known` lists ids already in the store that ties may refer to (merge imports).
    pub fn finish(
        mut self,
        known: &HashSet<String>,
    ) -> Result<(NetworkData, ImportSummary), ImportError> {
        for v in self.data.check(false, known) {
            let p = self.locate(&v);
            self.problems.push(p);
        }
        if !self.problems.is_empty() {
            return Err(ImportError::Invalid(self.problems));
        }
        let summary = ImportSummary {
            organizations: self.data.organizations.len(),
            ties: self.data.ties.len(),
            merged_duplicates: self.merged_duplicates,
            skipped_self_loops: self.skipped_self_loops,
            named: self.named,
        };
        Ok((self.data, summary))
    }

    /// The location of `field` inside the record at `record`: a JSON pointer is extended
    /// (`/ties/3` → `/ties/3/target`); a CSV record gets the field's header and column.
    pub fn field_at(&self, record: &Location, field: &str) -> Location {
        if record.field.starts_with('/') {
            let field = match field.strip_prefix(puentes_analysis::model::TIE_ATTRIBUTE_PREFIX) {
                Some(name) => format!("attributes/{name}"),
                None => field.to_owned(),
            };
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
    /// Tab-separated edge list: the rows of `edge-csv`, cells separated by tabs.
    EdgeTsv,
    /// An XLSX spreadsheet edge list (first sheet, or `--sheet`): the rows of `edge-csv`.
    Xlsx,
}

impl Format {
    /// Guesses the format from a path: a directory is `project`, `.json` is `json`,
    /// `.csv` is `edge-csv`, `.tsv` is `edge-tsv`, `.xlsx` is `xlsx`,
    /// `.txt`/`.edgelist`/`.edges` is `snap` (each also with `.gz`).
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
        } else if name.ends_with(".tsv") {
            Ok(Format::EdgeTsv)
        } else if name.ends_with(".xlsx") {
            Ok(Format::Xlsx)
        } else if [".txt", ".edgelist", ".edges"]
            .iter()
            .any(|e| name.ends_with(e))
        {
            Ok(Format::Snap)
        } else {
            Err(ImportError::UnknownFormat(path.to_owned()))
        }
    }
}

/// Reads a file or directory in `format` (detected when `None`) into a [`Parsed`].
///
/// A `.gz` file is decompressed up to [`gzip_limit`] of its size; beyond that the answer is
/// [`ImportError::TooLarge`], having held at most the limit in memory.
pub fn read_path(path: &Path, format: Option<Format>) -> Result<Parsed, ImportError> {
    read_path_sheet(path, format, None)
}

/// [`read_path`], reading the sheet named `sheet` of a spreadsheet (the first when `None`).
pub fn read_path_sheet(
    path: &Path,
    format: Option<Format>,
    sheet: Option<&str>,
) -> Result<Parsed, ImportError> {
    let format = match format {
        Some(f) => f,
        None => Format::detect(path)?,
    };
    let read = |p: &Path| -> Result<Vec<u8>, ImportError> {
        let io = |source| ImportError::Io {
            path: p.to_owned(),
            source,
        };
        let bytes = read_input(p)?;
        if p.extension().is_none_or(|e| e != "gz") {
            return Ok(bytes);
        }
        let compressed = bytes.len() as u64;
        let limit = gzip_limit(compressed);
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .take(limit.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(io)?;
        if out.len() as u64 > limit {
            return Err(ImportError::TooLarge {
                path: p.to_owned(),
                compressed,
                limit,
            });
        }
        Ok(out)
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
        Format::EdgeTsv => edgelist::read_tsv(&name(path), &read(path)?),
        Format::Xlsx => {
            let file = name(path);
            let rows = table::xlsx_rows(&file, &read(path)?, sheet)?;
            edgelist::read_rows(&file, &rows)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An endless reader is refused after the limit and one byte more, holding at most that.
    #[test]
    fn reads_stop_at_the_limit() {
        let path = Path::new("/dev/stdin");
        let endless = std::io::repeat(b'x');
        match read_bounded(endless, path, 1000, 0) {
            Err(ImportError::InputTooLarge { path: p, limit }) => {
                assert_eq!((p.as_path(), limit), (path, 1000));
            }
            other => panic!("{other:?}"),
        }
        let exact = read_bounded(std::io::repeat(b'x').take(1000), path, 1000, 1000);
        assert_eq!(exact.expect("within the limit").len(), 1000);
        let e = ImportError::InputTooLarge {
            path: path.to_owned(),
            limit: 256 << 20,
        };
        assert_eq!(
            e.render(Lang::En),
            "\"/dev/stdin\" is larger than Puentes reads from one input: at most 268435456 \
             bytes (256 MiB), the same limit as an import through the API; nothing was \
             imported or analysed. Split the input, or raise the limit with --max-input-bytes"
        );
    }

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
        assert_eq!(Format::detect(Path::new("x.xlsx")).ok(), Some(Format::Xlsx));
        assert_eq!(
            Format::detect(Path::new("x.tsv")).ok(),
            Some(Format::EdgeTsv)
        );
        assert!(Format::detect(Path::new("x.ods")).is_err());
    }

    fn problem(field: &str, line: u64, expected: Expected) -> Problem {
        let at = Location {
            file: "f.txt".into(),
            line: Some(line),
            column: None,
            field: field.into(),
        };
        Problem::new(at, "v", expected)
    }

    #[test]
    fn problems_keep_the_first_by_position_and_count_the_rest() {
        let mut problems = Problems::default();
        for line in (1..=250).rev() {
            problems.push(problem("line", line, Expected::SnapLine));
        }
        problems.push(problem("line", 7, Expected::SnapLine)); // a repeat of a listed one
        for i in 0..3 {
            let strength = Expected::Rule(puentes_analysis::model::Rule::Strength);
            problems.push(problem(&format!("/ties/{i}/strength"), 300, strength));
        }
        assert_eq!(problems.len(), 253);
        let lines: Vec<_> = problems.listed().iter().map(|p| p.at.line).collect();
        assert_eq!(lines, (1..=100).map(Some).collect::<Vec<_>>());
        assert_eq!(
            problems.counts().more(Lang::En).as_deref(),
            Some(
                "153 more problems: 150 of kind line (expected two ids and an optional weight, \
                 separated by spaces or tabs), 3 of kind /ties/*/strength (expected a whole \
                 number from 1 to 5)"
            )
        );
        assert_eq!(
            problems.counts().headline(Lang::Es),
            "253 problema(s) en la entrada; no se importó nada"
        );
    }

    #[test]
    fn problem_kinds_are_bounded_too() {
        let mut problems = Problems::default();
        for i in 0..(PROBLEMS_IN_FULL + KINDS_COUNTED + 5) {
            problems.push(problem("row", i as u64, Expected::FieldCount(i)));
        }
        let (kinds, other) = problems.unlisted();
        assert_eq!((kinds.len(), other), (KINDS_COUNTED, 5));
        assert!(problems.render(Lang::En).ends_with(
            "1 of kind row (expected 119 fields, as many as the header has), 5 of other kinds\n"
        ));
        assert!(problems.render(Lang::Es).ends_with(
            "1 del tipo row (se espera 119 campos, tantos como el encabezado), 5 de otros tipos\n"
        ));
    }

    #[test]
    fn problem_values_are_bounded_and_show_hidden_characters() {
        let p = problem("id", 1, Expected::Rule(puentes_analysis::model::Rule::Id));
        assert_eq!(p.value, "v");
        let at = p.at;
        let p = Problem::new(at.clone(), "a\u{202E}b\u{7}c\td", Expected::Required);
        assert_eq!(p.value, "a\\u{202e}b\\u{7}c\td");
        let p = Problem::new(at, &"é".repeat(500), Expected::Required);
        assert_eq!(p.value.chars().count(), VALUE_CHARS + 1);
        assert!(p.value.ends_with("é…"));
    }
}
