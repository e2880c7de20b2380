//! Surveys: a partner survey's export (CSV or XLSX, one row per respondent or per nomination)
//! becomes organizations and ties, every typed name resolved and accounted for.
//!
//! ```text
//! SURVEY.toml ──▶ config::parse ─┐
//! responses ───▶ responses::read ┼─▶ rows: respondent, nominations, answers ─▶ names resolved
//! aliases/REVIEW ▶ decisions ────┘        (names::resolve: id, name, alias, fuzzy, review, new)
//!                                          ─▶ ties (directed nominations; reciprocated = both)
//!                                          ─▶ batch for the store + report + review list
//! ```
//!
//! Rules (the report states the figures of each):
//! - A nomination is directed: A names B → a tie A→B reported by `source`. B also names A
//!   with the same kind → one tie reported by `both`, strength the mean of the two answers
//!   rounded half up. Different kinds are different ties (a pair may hold several kinds).
//! - A name in `review` (or a respondent in review) makes no tie: nothing is guessed. The
//!   review list goes back through `--aliases`; each decision is saved as an alias of the
//!   organization, so the next wave resolves that spelling by `alias`.
//! - A wave (`year`): new ties start that year; a tie reported again keeps its start; a tie
//!   of a kind this questionnaire asks about, between two organizations that **both**
//!   answered this wave, that neither named, ended the year before (`until = year − 1`).
//!   Non-respondents keep their ties: nobody said they ended.
//! - Respondents are the funder's partners unless `respondents_are_partners = false`; the
//!   response rate is the respondents over the partners the network knows (and the new
//!   respondents).
//!
//! [`generate`] writes synthetic exports with known truth (every layout and survey tool) that
//! the tests and the worked example in `fixtures/survey/` are built on.

pub mod config;
pub mod generate;
pub mod responses;

use crate::i18n::Expected;
use crate::import::{fields, ImportError, Location, Problem, Problems};
use config::{Checked, Layout};
use puentes_analysis::model::{NetworkData, Organization, ReportedBy, Tie, TieKind};
use puentes_analysis::names::resolve::{Decision, Known, Method, Resolver, Scored, Thresholds};
use puentes_analysis::names::{self, key};
use responses::{Found, Responses};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The files of one survey import.
#[derive(Debug, Clone, Copy)]
pub struct SurveyFiles<'a> {
    /// The export: (file name, bytes).
    pub responses: (&'a str, &'a [u8]),
    /// SURVEY.toml: (file name, text bytes).
    pub survey: (&'a str, &'a [u8]),
    /// Saved decisions: an aliases file (`alias,id`) or a filled review list
    /// (`raw,…,decision`).
    pub aliases: Option<(&'a str, &'a [u8])>,
    /// The sheet of an XLSX export (the first when `None`).
    pub sheet: Option<&'a str>,
}

/// One nominated name and how it was resolved (one per name per row).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Nomination {
    /// The respondent's id (`null` when the respondent's own name is in review).
    pub respondent: Option<String>,
    /// The name as typed.
    pub raw: String,
    /// The organization it was resolved to (`null` for review and skip).
    pub resolved: Option<String>,
    /// How: id, name, alias, fuzzy, review or new.
    #[schema(value_type = String)]
    pub method: Method,
    /// The similarity of the match or of the best candidate (fuzzy step only).
    pub score: Option<f64>,
    /// The best other organization (fuzzy step only).
    pub runner_up: Option<Scored>,
    /// Line of the responses file.
    pub line: u64,
}

/// A name a person has to decide (one per spelling).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewItem {
    /// The name as typed.
    pub raw: String,
    /// Who wrote it: the respondents' ids (or their own names, for a respondent in review).
    pub written_by: Vec<String>,
    /// Lines of the responses file.
    pub lines: Vec<u64>,
    /// The candidates, best first.
    pub candidates: Vec<Scored>,
}

/// Figures of one survey import.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct SurveyCounts {
    /// The wave's year.
    pub year: i32,
    /// Answer rows read.
    pub rows: usize,
    /// Distinct responding organizations resolved.
    pub respondents: usize,
    /// Respondents expected: the partners the network knows, with the new respondents.
    pub expected_respondents: usize,
    /// `respondents / expected_respondents`, when the network knows its partners.
    pub response_rate: Option<f64>,
    /// Nominated names (one per name per row).
    pub nominations: usize,
    /// Nominations by resolution method.
    pub by_method: BTreeMap<String, usize>,
    /// Pairs of organizations with a tie from this wave.
    pub tied_pairs: usize,
    /// Of them, named by both sides.
    pub reciprocated: usize,
    /// Of them, named by one side only.
    pub one_sided: usize,
    /// Ties written (a pair may hold several kinds).
    pub ties: usize,
    /// Organizations created (new names).
    pub new_organizations: usize,
    /// Spellings waiting for a decision.
    pub review: usize,
    /// Nominations skipped by a saved decision.
    pub skipped: usize,
    /// Respondents who named themselves (ignored).
    pub self_nominations: usize,
    /// Ties already in the network and reported again.
    pub ties_reported_again: usize,
    /// Ties ended this wave (both sides answered, neither named the other).
    pub ties_ended: usize,
    /// Decisions read from the aliases file.
    pub decisions: usize,
}

/// Per-tie answers (`[tie_attributes]`) averaged.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct TieAttributeSummary {
    /// Mean of every answer.
    pub network_mean: Option<f64>,
    /// Answers given.
    pub answers: usize,
    /// Per organization named: the mean of the answers about it and how many.
    pub received: BTreeMap<String, (f64, usize)>,
}

/// What a survey import found, and what it writes.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SurveyReport {
    /// The figures.
    pub counts: SurveyCounts,
    /// Every nomination, in file order.
    pub nominations: Vec<Nomination>,
    /// Organizations created from new names: (id, name).
    pub new_organizations: Vec<(String, String)>,
    /// Names waiting for a decision.
    pub review: Vec<ReviewItem>,
    /// Per-tie answers, by attribute.
    pub tie_attributes: BTreeMap<String, TieAttributeSummary>,
}

/// A survey read and resolved: the batch to merge and its report.
#[derive(Debug, Clone)]
pub struct SurveyImport {
    /// Organizations and ties to merge into the network (upserts).
    pub data: NetworkData,
    /// The report.
    pub report: SurveyReport,
}

/// Frequency answers in Spanish and English → the vocabulary's name.
fn frequency(answer: &str) -> Option<&'static str> {
    let k = key(answer);
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| k.starts_with(p));
    Some(
        if k == "no" || starts(&["nunca", "never", "ninguna", "ningunavez"]) {
            "never"
        } else if starts(&[
            "semanal",
            "cadasemana",
            "weekly",
            "everyweek",
            "unavezalasemana",
        ]) {
            "weekly"
        } else if starts(&["mensual", "cadames", "monthly", "everymonth", "unavezalmes"]) {
            "monthly"
        } else if starts(&[
            "trimestral",
            "cadatresmeses",
            "quarterly",
            "everythreemonths",
        ]) {
            "quarterly"
        } else if starts(&[
            "anual",
            "cadaano",
            "yearly",
            "annual",
            "everyyear",
            "unavezalano",
        ]) {
            "yearly"
        } else {
            return None;
        },
    )
}

/// A number as people type it in a form: `$120,000`, `120 000 USD`, `12.5`.
fn number_text(answer: &str) -> String {
    answer
        .trim()
        .trim_start_matches(['$', '€'])
        .trim_end_matches("USD")
        .trim_end_matches("usd")
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '$'))
        .collect()
}

/// Yes in an options column: 1, yes, sí, x, true, or the option's own text.
fn chosen(cell: &str, option: &str) -> bool {
    let k = key(cell);
    !k.is_empty()
        && (matches!(
            k.as_str(),
            "1" | "yes" | "si" | "x" | "true" | "verdadero" | "selected"
        ) || k == key(option))
}

/// The decisions of an aliases file or a filled review list.
fn decisions(file: &str, bytes: &[u8], problems: &mut Problems) -> Vec<(u64, String, Decision)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let at = |line: u64, field: &str| Location {
        file: file.to_owned(),
        line: Some(line),
        column: None,
        field: field.to_owned(),
    };
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => {
            let detail = e.to_string();
            problems.push(Problem::new(
                at(1, "header"),
                "",
                Expected::CsvRow { detail },
            ));
            return Vec::new();
        }
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (raw, decision) = match (col("raw"), col("decision"), col("alias"), col("id")) {
        (Some(r), Some(d), _, _) | (_, _, Some(r), Some(d)) => (r, d),
        _ => {
            let expected =
                Expected::HeaderColumns(vec!["raw,…,decision".into(), "alias,id".into()]);
            problems.push(Problem::new(at(1, "header"), &header.join(","), expected));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let detail = e.to_string();
                problems.push(Problem::new(
                    at(line, "row"),
                    "",
                    Expected::CsvRow { detail },
                ));
                continue;
            }
        };
        let line = row.position().map_or(line, |p| p.line());
        let text = row.get(raw).unwrap_or_default().trim().to_owned();
        let d = row.get(decision).unwrap_or_default().trim();
        if text.is_empty() || d.is_empty() {
            continue;
        }
        let decided = match d.to_lowercase().as_str() {
            "new" | "nueva" | "nuevo" => Decision::New,
            "skip" | "omitir" => Decision::Skip,
            _ if puentes_analysis::model::rules::id(d).is_ok() => Decision::Is(d.to_owned()),
            _ => {
                let mut a = at(line, "decision");
                a.column = Some(decision + 1);
                problems.push(Problem::new(a, d, Expected::Decision));
                continue;
            }
        };
        out.push((line, text, decided));
    }
    out
}

/// Reads a survey export against the current network and resolves every name. Nothing is
/// written: the answer is the batch to merge and the report. Every problem in any of the
/// files is found (all-or-nothing).
pub fn import(
    files: SurveyFiles<'_>,
    current: &NetworkData,
    thresholds: Thresholds,
) -> Result<SurveyImport, ImportError> {
    let (survey_file, survey_bytes) = files.survey;
    let mut problems = Problems::default();
    let Ok(survey_text) = std::str::from_utf8(survey_bytes) else {
        let at = Location {
            file: survey_file.to_owned(),
            line: None,
            column: None,
            field: "survey".into(),
        };
        problems.push(Problem::new(at, "", Expected::Utf8SaveAs));
        return Err(ImportError::Invalid(problems));
    };
    let checked = config::parse(survey_file, survey_text).map_err(ImportError::Invalid)?;
    let (responses_file, responses_bytes) = files.responses;
    let responses = responses::read(
        responses_file,
        responses_bytes,
        files.sheet,
        checked.survey.header_rows,
    )?;
    let found = responses::columns(&responses, &checked.survey, survey_file, &mut problems);
    let saved = match files.aliases {
        Some((file, bytes)) => decisions(file, bytes, &mut problems),
        None => Vec::new(),
    };
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    let mut run = Run::new(current, &checked, &responses, &found, thresholds);
    for (line, raw, decision) in &saved {
        if let Decision::Is(id) = decision {
            if !run.resolver.knows(id) {
                let at = Location {
                    file: files.aliases.map(|a| a.0).unwrap_or_default().to_owned(),
                    line: Some(*line),
                    column: None,
                    field: "decision".into(),
                };
                run.problems
                    .push(Problem::new(at, id, Expected::KnownOrganization));
                continue;
            }
            run.alias(id, raw);
        }
        run.resolver.decide(raw, decision.clone());
    }
    run.report.counts.decisions = saved.len();
    run.read_rows();
    run.finish()
}

/// One directed report: who named whom, as what, how strongly.
#[derive(Debug, Clone)]
struct Report {
    strength: u8,
    /// Per-tie answers (`[tie_attributes]`) this respondent gave about this tie.
    answers: BTreeMap<String, Vec<f64>>,
}

/// A typed name's resolution as the report records it: method, organization, score,
/// runner-up, skipped by a saved decision.
type Resolved = (Method, Option<String>, Option<f64>, Option<Scored>, bool);

/// The state of one survey import.
struct Run<'a> {
    current: &'a NetworkData,
    checked: &'a Checked,
    r: &'a Responses,
    found: &'a Found,
    resolver: Resolver,
    problems: Problems,
    report: SurveyReport,
    /// Organizations of the network by id (index into `current.organizations`).
    existing: HashMap<&'a str, usize>,
    /// Organizations to write, by id.
    upserts: BTreeMap<String, Organization>,
    /// Ids taken (network and new), for new slugs.
    taken: HashSet<String>,
    /// Resolutions already made, by the name as typed.
    memo: HashMap<String, Resolved>,
    /// Review items by spelling key.
    review: BTreeMap<String, ReviewItem>,
    /// (reporter, named, kind) → report.
    reports: BTreeMap<(String, String, TieKind), Report>,
    /// Respondents resolved, in file order.
    respondents: Vec<String>,
    /// Per tie attribute: (named id, value).
    tie_answers: BTreeMap<String, Vec<(String, f64)>>,
}

impl<'a> Run<'a> {
    fn new(
        current: &'a NetworkData,
        checked: &'a Checked,
        r: &'a Responses,
        found: &'a Found,
        thresholds: Thresholds,
    ) -> Self {
        let known = current
            .organizations
            .iter()
            .map(|o| Known {
                id: o.id.clone(),
                name: o.name.clone(),
                city: o.city.clone(),
                aliases: o.aliases.clone(),
            })
            .collect();
        Run {
            current,
            checked,
            r,
            found,
            resolver: Resolver::new(known, thresholds),
            problems: Problems::default(),
            report: SurveyReport {
                counts: SurveyCounts {
                    year: checked.survey.year,
                    ..SurveyCounts::default()
                },
                nominations: Vec::new(),
                new_organizations: Vec::new(),
                review: Vec::new(),
                tie_attributes: BTreeMap::new(),
            },
            existing: current
                .organizations
                .iter()
                .enumerate()
                .map(|(i, o)| (o.id.as_str(), i))
                .collect(),
            upserts: BTreeMap::new(),
            taken: current.organizations.iter().map(|o| o.id.clone()).collect(),
            memo: HashMap::new(),
            review: BTreeMap::new(),
            reports: BTreeMap::new(),
            respondents: Vec::new(),
            tie_answers: BTreeMap::new(),
        }
    }

    /// The record of `id` to write: the one already being written, the network's, or none.
    fn record(&mut self, id: &str) -> Option<&mut Organization> {
        if !self.upserts.contains_key(id) {
            let org = self
                .current
                .organizations
                .get(*self.existing.get(id)?)?
                .clone();
            self.upserts.insert(id.to_owned(), org);
        }
        self.upserts.get_mut(id)
    }

    /// Saves `spelling` as an alias of organization `id`.
    fn alias(&mut self, id: &str, spelling: &str) {
        let spelling = spelling.trim().to_owned();
        if let Some(org) = self.record(id) {
            if !org.aliases.iter().any(|a| key(a) == key(&spelling)) {
                org.aliases.push(spelling);
            }
        }
    }

    /// A new organization named `name`: an id made from it, unique.
    fn create(&mut self, name: &str) -> String {
        let base = names::slug(name);
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        let mut org = Organization::bare(&id);
        org.name = name.trim().to_owned();
        self.upserts.insert(id.clone(), org);
        self.resolver.add(Known::new(&id, name.trim(), ""));
        self.report
            .new_organizations
            .push((id.clone(), name.trim().to_owned()));
        id
    }

    /// Resolves a typed name (once per spelling as typed), creating it when new. Returns the
    /// organization, or `None` for review and skip (recorded).
    fn resolve(&mut self, raw: &str, line: u64, column: usize, by: Option<&str>) -> Option<String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        if let Some(rule) = names::name_problem(raw) {
            self.problems
                .push(Problem::new(self.r.at(line, column), raw, rule));
            return None;
        }
        let (method, id, score, runner_up, skip) = match self.memo.get(raw) {
            Some(m) => m.clone(),
            None => {
                let res = self.resolver.resolve(raw);
                let id = match res.method {
                    Method::New if !res.skip => Some(self.create(raw)),
                    _ => res.id.clone(),
                };
                if res.method == Method::Review {
                    self.review.insert(
                        key(raw),
                        ReviewItem {
                            raw: raw.to_owned(),
                            written_by: Vec::new(),
                            lines: Vec::new(),
                            candidates: res.candidates.clone(),
                        },
                    );
                }
                let m = (res.method, id, res.score, res.runner_up.clone(), res.skip);
                // A new organization: later spellings resolve to it by name, not as new.
                if res.method != Method::New {
                    self.memo.insert(raw.to_owned(), m.clone());
                } else if let Some(new_id) = &m.1 {
                    self.memo.insert(
                        raw.to_owned(),
                        (Method::Name, Some(new_id.clone()), None, None, false),
                    );
                }
                m
            }
        };
        if method == Method::Review {
            if let Some(item) = self.review.get_mut(&key(raw)) {
                let who = by.map_or_else(|| raw.to_owned(), str::to_owned);
                if !item.written_by.contains(&who) {
                    item.written_by.push(who);
                }
                item.lines.push(line);
            }
        }
        if let Some(by) = by {
            *self
                .report
                .counts
                .by_method
                .entry(method.as_str().to_owned())
                .or_default() += 1;
            if skip {
                self.report.counts.skipped += 1;
            }
            self.report.nominations.push(Nomination {
                respondent: Some(by.to_owned()),
                raw: raw.to_owned(),
                resolved: id.clone(),
                method,
                score,
                runner_up,
                line,
            });
        }
        id
    }

    fn cell(row: &[String], column: Option<usize>) -> &str {
        column.and_then(|c| row.get(c)).map_or("", |s| s.trim())
    }

    /// The names in one cell, split by the questionnaire's separators.
    fn split(&self, text: &str) -> Vec<String> {
        let mut parts = vec![text.replace("\r\n", "\n")];
        for sep in &self.checked.survey.separators {
            parts = parts
                .iter()
                .flat_map(|p| p.split(sep.as_str()).map(str::to_owned).collect::<Vec<_>>())
                .collect();
        }
        parts
            .into_iter()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect()
    }

    fn read_rows(&mut self) {
        let f = self.found;
        // Respondents first, so nominations of a new respondent resolve to it.
        let mut row_respondent: Vec<Option<String>> = Vec::with_capacity(self.r.rows.len());
        let mut seen: BTreeSet<String> = BTreeSet::new();
        // The long layout repeats a respondent's answers on each of its rows (or gives them
        // on the first only): the first row that has any is read.
        let mut answered: HashSet<String> = HashSet::new();
        let long = self.checked.survey.layout == Layout::Long;
        let r: &'a Responses = self.r;
        for (line, row) in &r.rows {
            let name = Self::cell(row, Some(f.respondent));
            if name.is_empty() {
                let p = Problem::new(self.r.at(*line, f.respondent), "", Expected::Required);
                self.problems.push(p);
                row_respondent.push(None);
                continue;
            }
            let id = self.resolve(name, *line, f.respondent, None);
            if let Some(id) = &id {
                if seen.insert(id.clone()) {
                    self.respondents.push(id.clone());
                }
                let any = f
                    .attributes
                    .iter()
                    .any(|(_, c)| !Self::cell(row, Some(*c)).is_empty());
                if !(long && answered.contains(id)) {
                    self.answers(id, row, *line);
                    if any {
                        answered.insert(id.clone());
                    }
                }
            }
            row_respondent.push(id);
        }
        self.report.counts.rows = r.rows.len();
        for ((line, row), by) in r.rows.iter().zip(row_respondent) {
            let Some(by) = by else {
                // The respondent is in review: its nominations wait with it.
                continue;
            };
            let names: Vec<(String, usize)> = match self.checked.survey.layout {
                Layout::Wide => {
                    let c = f.collaborators.unwrap_or(0);
                    self.split(Self::cell(row, Some(c)))
                        .into_iter()
                        .map(|n| (n, c))
                        .collect()
                }
                Layout::Long => {
                    let c = f.collaborators.unwrap_or(0);
                    let n = Self::cell(row, Some(c));
                    if n.is_empty() {
                        Vec::new()
                    } else {
                        vec![(n.to_owned(), c)]
                    }
                }
                Layout::Options => f
                    .options
                    .iter()
                    .filter(|(c, option)| chosen(Self::cell(row, Some(*c)), option))
                    .map(|(c, option)| (option.clone(), *c))
                    .collect(),
            };
            let mut names = names;
            if self.checked.survey.layout != Layout::Long {
                if let Some(c) = f.other {
                    names.extend(
                        self.split(Self::cell(row, Some(c)))
                            .into_iter()
                            .map(|n| (n, c)),
                    );
                }
            }
            let kind = self.kind(row, *line);
            let strength = self.strength(row, *line);
            for (name, column) in names {
                self.report.counts.nominations += 1;
                let Some(named) = self.resolve(&name, *line, column, Some(&by)) else {
                    continue;
                };
                if named == by {
                    self.report.counts.self_nominations += 1;
                    continue;
                }
                let (Some(kind), Some(strength)) = (kind, strength) else {
                    continue;
                };
                let entry = self
                    .reports
                    .entry((by.clone(), named.clone(), kind))
                    .or_insert(Report {
                        strength,
                        answers: BTreeMap::new(),
                    });
                entry.strength = entry.strength.max(strength);
                let per_option = f.per_option.iter().filter_map(|(attribute, by_option)| {
                    Some((attribute, by_option.get(&key(&name))?))
                });
                let columns: Vec<(&String, &usize)> = f
                    .tie_attributes
                    .iter()
                    .map(|(a, c)| (a, c))
                    .chain(per_option)
                    .collect();
                for (attribute, c) in columns {
                    let text = Self::cell(row, Some(*c));
                    if text.is_empty() {
                        continue;
                    }
                    match number_text(text).parse::<f64>() {
                        Ok(v) if v.is_finite() => {
                            self.tie_answers
                                .entry(attribute.clone())
                                .or_default()
                                .push((named.clone(), v));
                            if let Some(rep) =
                                self.reports.get_mut(&(by.clone(), named.clone(), kind))
                            {
                                rep.answers.entry(attribute.clone()).or_default().push(v);
                            }
                        }
                        _ => {
                            let p =
                                Problem::new(self.r.at(*line, *c), text, Expected::FiniteDecimal);
                            self.problems.push(p);
                        }
                    }
                }
            }
        }
    }

    /// The kind a row's answer gives (the fixed kind without a kind column).
    fn kind(&mut self, row: &[String], line: u64) -> Option<TieKind> {
        let Some(c) = self.found.kind else {
            return Some(self.checked.kind);
        };
        let text = Self::cell(row, Some(c));
        if text.is_empty() {
            return Some(self.checked.kind);
        }
        if let Some(k) = self.checked.kind_map.get(&key(text)) {
            return Some(*k);
        }
        if let Ok(k) = text.parse::<TieKind>() {
            return Some(k);
        }
        let answers = self.checked.survey.kind_map.keys().cloned().collect();
        let p = Problem::new(self.r.at(line, c), text, Expected::MappedAnswer(answers));
        self.problems.push(p);
        None
    }

    /// The strength a row's answer gives (1 without a strength column or answer).
    fn strength(&mut self, row: &[String], line: u64) -> Option<u8> {
        let Some(c) = self.found.strength else {
            return Some(1);
        };
        let text = Self::cell(row, Some(c));
        if text.is_empty() {
            return Some(1);
        }
        if let Some(s) = self.checked.strength_map.get(&key(text)) {
            return Some(*s);
        }
        if let Ok(s) = text.parse::<u8>() {
            if (1..=5).contains(&s) {
                return Some(s);
            }
        }
        let answers = self.checked.survey.strength_map.keys().cloned().collect();
        let p = Problem::new(self.r.at(line, c), text, Expected::MappedAnswer(answers));
        self.problems.push(p);
        None
    }

    /// The respondent's organization answers (`[attributes]`), parsed by the same rules as
    /// `organizations.csv`, written onto its record.
    fn answers(&mut self, id: &str, row: &[String], line: u64) {
        let partner = self.checked.survey.respondents_are_partners;
        let attributes = self.found.attributes.clone();
        let mut values: Vec<(&str, String)> = vec![("id", id.to_owned()), ("name", "x".into())];
        let mut columns: HashMap<&str, usize> = HashMap::new();
        for (field, c) in &attributes {
            let text = Self::cell(row, Some(*c));
            if text.is_empty() {
                continue;
            }
            let mapped = self
                .checked
                .survey
                .attribute_values
                .get(field)
                .and_then(|m| m.iter().find(|(answer, _)| key(answer) == key(text)))
                .map(|(_, value)| value.as_str());
            let text = mapped.unwrap_or(text);
            let text = match field.as_str() {
                "agreement_review" | "feedback_to_population" => {
                    frequency(text).map_or_else(|| text.to_owned(), str::to_owned)
                }
                "population_served" | "salaried_staff" | "annual_budget_usd"
                | "donation_sources" | "social_media_use" | "founded_year" => number_text(text),
                _ => text.to_owned(),
            };
            let field: &str = config::attribute_field(field).unwrap_or("name");
            columns.insert(field, *c);
            values.push((field, text));
        }
        let r = self.r;
        let mut problems = std::mem::take(&mut self.problems);
        let parsed = fields::organization(
            &values,
            |field| r.at(line, columns.get(field).copied().unwrap_or(0)),
            &mut problems,
        );
        // Frequencies in words neither language maps say so, not the vocabulary's names.
        self.problems = problems;
        let Some(org) = self.record(id) else { return };
        if partner {
            org.partner = true;
        }
        for (field, _) in values.iter().skip(2) {
            match *field {
                "country" => org.country = parsed.country.clone(),
                "region" => org.region = parsed.region.clone(),
                "city" => org.city = parsed.city.clone(),
                "corridor" => org.corridor = parsed.corridor.clone(),
                "contact" => org.contact = parsed.contact.clone(),
                "services" => org.services = parsed.services.clone(),
                "populations" => org.populations = parsed.populations.clone(),
                "population_served" => org.population_served = parsed.population_served,
                "salaried_staff" => org.salaried_staff = parsed.salaried_staff,
                "annual_budget_usd" => org.annual_budget_usd = parsed.annual_budget_usd,
                "founded_year" => org.founded_year = parsed.founded_year,
                "agreement_review" => org.agreement_review = parsed.agreement_review,
                "feedback_to_population" => {
                    org.feedback_to_population = parsed.feedback_to_population
                }
                "social_media_use" => org.social_media_use = parsed.social_media_use,
                "donation_sources" => org.donation_sources = parsed.donation_sources,
                _ => {}
            }
        }
    }

    fn finish(mut self) -> Result<SurveyImport, ImportError> {
        let year = self.checked.survey.year;
        // Ties: one per pair and kind; both sides → `both`.
        let mut ties: BTreeMap<(String, String, TieKind), Tie> = BTreeMap::new();
        let mut pairs: BTreeMap<(String, String), (bool, bool)> = BTreeMap::new();
        // Per tie, every answer either side gave: the tie's attribute is their mean.
        let mut answers: BTreeMap<(String, String, TieKind), BTreeMap<String, Vec<f64>>> =
            BTreeMap::new();
        for ((by, named, kind), rep) in &self.reports {
            let (a, b) = if by < named { (by, named) } else { (named, by) };
            let given = answers.entry((a.clone(), b.clone(), *kind)).or_default();
            for (attribute, values) in &rep.answers {
                given.entry(attribute.clone()).or_default().extend(values);
            }
            let sides = pairs.entry((a.clone(), b.clone())).or_default();
            if by == a {
                sides.0 = true;
            } else {
                sides.1 = true;
            }
            match ties.get_mut(&(a.clone(), b.clone(), *kind)) {
                Some(t) => {
                    t.reported_by = ReportedBy::Both;
                    t.strength = (t.strength + rep.strength).div_ceil(2);
                }
                None => {
                    ties.insert(
                        (a.clone(), b.clone(), *kind),
                        Tie {
                            source: by.clone(),
                            target: named.clone(),
                            kind: *kind,
                            strength: rep.strength,
                            since: Some(year),
                            until: None,
                            reported_by: ReportedBy::Source,
                            attributes: Default::default(),
                        },
                    );
                }
            }
        }
        for (k, given) in answers {
            if let Some(t) = ties.get_mut(&k) {
                t.attributes = given
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(a, v)| (a, v.iter().sum::<f64>() / v.len() as f64))
                    .collect();
            }
        }
        let c = &mut self.report.counts;
        c.tied_pairs = pairs.len();
        c.reciprocated = pairs.values().filter(|(x, y)| *x && *y).count();
        c.one_sided = c.tied_pairs - c.reciprocated;
        // Earlier waves: ties reported again keep their start; unreported ones between two
        // respondents end.
        let asked: BTreeSet<TieKind> = match self.found.kind {
            None => [self.checked.kind].into(),
            Some(_) => {
                let mut k: BTreeSet<TieKind> = self.checked.kind_map.values().copied().collect();
                k.insert(self.checked.kind);
                k
            }
        };
        let responded: HashSet<&str> = self.respondents.iter().map(String::as_str).collect();
        let mut out_ties = Vec::new();
        for old in &self.current.ties {
            let (a, b) = if old.source < old.target {
                (&old.source, &old.target)
            } else {
                (&old.target, &old.source)
            };
            let k = (a.clone(), b.clone(), old.kind);
            if let Some(new) = ties.remove(&k) {
                let mut kept = old.clone();
                kept.strength = new.strength;
                // This wave's answers replace the last ones; questions not answered this wave
                // keep theirs.
                kept.attributes.extend(new.attributes);
                kept.until = None;
                kept.reported_by = match new.reported_by {
                    ReportedBy::Both => ReportedBy::Both,
                    _ if new.source == old.source => ReportedBy::Source,
                    _ => ReportedBy::Target,
                };
                self.report.counts.ties_reported_again += 1;
                out_ties.push(kept);
            } else if old.until.is_none()
                && old.since.is_none_or(|s| s < year)
                && asked.contains(&old.kind)
                && responded.contains(old.source.as_str())
                && responded.contains(old.target.as_str())
                && !pairs.contains_key(&(a.clone(), b.clone()))
            {
                let mut ended = old.clone();
                ended.until = Some(year - 1);
                self.report.counts.ties_ended += 1;
                out_ties.push(ended);
            }
        }
        out_ties.extend(ties.into_values());
        self.report.counts.ties = out_ties.len() - self.report.counts.ties_ended;
        // Response rate over the partners the network knows.
        let partners: BTreeSet<&str> = self
            .current
            .organizations
            .iter()
            .filter(|o| o.partner)
            .map(|o| o.id.as_str())
            .chain(self.respondents.iter().map(String::as_str))
            .collect();
        let c = &mut self.report.counts;
        c.respondents = self.respondents.len();
        c.expected_respondents = partners.len();
        let known_partners = self.current.organizations.iter().any(|o| o.partner);
        c.response_rate = (known_partners && c.expected_respondents > 0)
            .then(|| c.respondents as f64 / c.expected_respondents as f64);
        c.new_organizations = self.report.new_organizations.len();
        c.review = self.review.len();
        self.report.review = self.review.into_values().collect();
        for (attribute, answers) in self.tie_answers {
            let mut s = TieAttributeSummary {
                answers: answers.len(),
                ..TieAttributeSummary::default()
            };
            let total: f64 = answers.iter().map(|(_, v)| v).sum();
            s.network_mean = (!answers.is_empty()).then(|| total / answers.len() as f64);
            for (id, v) in answers {
                let e = s.received.entry(id).or_insert((0.0, 0));
                e.0 += v;
                e.1 += 1;
            }
            for e in s.received.values_mut() {
                e.0 /= e.1 as f64;
            }
            self.report.tie_attributes.insert(attribute, s);
        }
        let data = NetworkData {
            organizations: self.upserts.into_values().collect(),
            ties: out_ties,
        };
        let known: HashSet<String> = self
            .current
            .organizations
            .iter()
            .map(|o| o.id.clone())
            .collect();
        for v in data.check(false, &known) {
            let at = Location {
                file: self.r.file.clone(),
                line: None,
                column: None,
                field: v.field.to_owned(),
            };
            self.problems.push(Problem::new(at, &v.value, v.expected));
        }
        if !self.problems.is_empty() {
            return Err(ImportError::Invalid(self.problems));
        }
        Ok(SurveyImport {
            data,
            report: self.report,
        })
    }
}

/// The review list as CSV: one row per spelling, the candidates with their scores, and an
/// empty `decision` column to fill with an id, `new` or `skip` and feed back as `--aliases`.
pub fn review_csv(report: &SurveyReport, names: &HashMap<String, String>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "raw",
        "written_by",
        "lines",
        "candidate_1",
        "name_1",
        "score_1",
        "candidate_2",
        "name_2",
        "score_2",
        "candidate_3",
        "name_3",
        "score_3",
        "decision",
    ];
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for item in &report.review {
        let mut row = vec![
            crate::export::csv_text(&item.raw).into_owned(),
            item.written_by.join("; "),
            item.lines
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        ];
        for i in 0..3 {
            match item.candidates.get(i) {
                Some(c) => {
                    row.push(c.id.clone());
                    let name = names.get(&c.id).map_or("", String::as_str);
                    row.push(crate::export::csv_text(name).into_owned());
                    row.push(format!("{:.3}", c.score));
                }
                None => row.extend([String::new(), String::new(), String::new()]),
            }
        }
        row.push(String::new());
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_in_spanish_and_english_words() {
        let read = |a: &str| frequency(a);
        assert_eq!(read("Mensualmente"), Some("monthly"));
        assert_eq!(read("cada mes"), Some("monthly"));
        assert_eq!(read("Una vez al año"), Some("yearly"));
        assert_eq!(read("Trimestral"), Some("quarterly"));
        assert_eq!(read("Semanalmente"), Some("weekly"));
        assert_eq!(read("Nunca"), Some("never"));
        assert_eq!(read("No"), Some("never"));
        assert_eq!(read("never"), Some("never"));
        // Not a frequency: left for the field rules to refuse, never guessed.
        assert_eq!(read("Normalmente"), None);
        assert_eq!(read("A veces"), None);
    }

    #[test]
    fn numbers_as_typed_in_forms() {
        assert_eq!(number_text("$150,000"), "150000");
        assert_eq!(number_text("120 000 USD"), "120000");
        assert_eq!(number_text("12.5"), "12.5");
    }
}
