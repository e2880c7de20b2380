//! Deciding, after an import, the names it left in review (the page's Admin panel).
//!
//! ```text
//! survey import ──▶ store.keep_survey(kept(files))   the files as sent, and its decisions
//! GET review    ──▶ pending(kept, network)           that import run again, nothing written:
//!                                                    what it leaves in review now
//! POST review   ──▶ decide(kept, network, decisions) checked, added to the kept decisions,
//!                                                    that import run again with them as its
//!                                                    aliases file ─▶ merged, kept again
//! ```
//!
//! Why the files and not the list: a decision does more than name an organization. An id
//! saves the spelling as an alias *and* makes the ties of every nomination that typed it
//! (with their kind, strength and per-tie answers); `new` creates the organization and its
//! ties. Those live in the rows of the export, so applying decisions means reading the rows
//! again. Running the same import again with the decisions as its aliases file is exactly what
//! `puentes import RESPONSES --survey S --aliases REVIEW.csv` does: one code path
//! ([`super::import`]) for the CLI, the API and the page. A wave imported twice is the same
//! wave (ties reported again keep their start, new organizations are then found by name), so
//! running it again only adds what the decisions allow. The list shown is computed against the
//! current network each time, so it never names an organization that is gone.
//!
//! The kept decisions accumulate: `skip` and `new` are not saved on any organization, so
//! without them a skipped name would come back to the list on the next decision.

use super::{decision_text, decisions, import, SurveyFiles, SurveyImport};
use crate::i18n::Expected;
use crate::import::{ImportError, Location, Problem, Problems};
use crate::store::KeptSurvey;
use puentes_analysis::model::NetworkData;
use puentes_analysis::names::key;
use puentes_analysis::names::resolve::{Decision, Thresholds};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The file name the kept decisions carry in a refusal of the import run again.
const DECISIONS_FILE: &str = "decisions.csv";

/// What the store keeps of a survey import that was written: its files, and the decisions of
/// its aliases file (a filled review list or `alias,id`).
pub fn kept(files: &SurveyFiles<'_>) -> KeptSurvey {
    let decided = match files.aliases {
        // The import read this file without a problem, so none is found here.
        Some((name, bytes)) => decisions(name, bytes, &mut Problems::default()),
        None => Vec::new(),
    };
    KeptSurvey {
        responses_file: files.responses.0.to_owned(),
        responses: files.responses.1.to_vec(),
        survey_file: files.survey.0.to_owned(),
        survey: String::from_utf8_lossy(files.survey.1).into_owned(),
        sheet: files.sheet.map(str::to_owned),
        decisions: decided
            .into_iter()
            .map(|(_, raw, d)| (raw, decision_text(&d)))
            .collect(),
    }
}

/// `decisions` as an aliases file (`raw,decision`), the format `--aliases` reads.
fn aliases_file(decisions: &[(String, String)]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(["raw", "decision"]);
    for (raw, decision) in decisions {
        let _ = w.write_record([raw, decision]);
    }
    w.into_inner().unwrap_or_default()
}

/// The kept import run again against `current` with the kept decisions: nothing is written;
/// its report's `review` is the pending list.
pub fn pending(kept: &KeptSurvey, current: &NetworkData) -> Result<SurveyImport, ImportError> {
    run(kept, current)
}

fn run(kept: &KeptSurvey, current: &NetworkData) -> Result<SurveyImport, ImportError> {
    let aliases = aliases_file(&kept.decisions);
    let files = SurveyFiles {
        responses: (&kept.responses_file, &kept.responses),
        survey: (&kept.survey_file, kept.survey.as_bytes()),
        aliases: (!kept.decisions.is_empty()).then_some((DECISIONS_FILE, &aliases[..])),
        sheet: kept.sheet.as_deref(),
    };
    import(files, current, Thresholds::default())
}

/// One decision sent by the page or a client.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Asked {
    /// The name as typed, as the pending list gives it.
    pub raw: String,
    /// An organization id (the name means it), `new` (a new organization) or `skip` (not an
    /// organization, or not a collaboration); empty: undecided, ignored.
    pub decision: String,
}

/// Checks `asked` against the pending list (`pending`, the report of [`pending`]) and the
/// network, adds the decisions to the kept ones (a later decision on a spelling replaces an
/// earlier one), and runs the kept import again with them. Every problem is found, located by
/// the decision's place in `body` (`/decisions/2/decision`); then nothing is decided.
///
/// Returns the kept survey with its decisions, and the import to merge.
pub fn decide(
    kept: &KeptSurvey,
    current: &NetworkData,
    pending: &SurveyImport,
    asked: &[Asked],
    body: &str,
) -> Result<(KeptSurvey, SurveyImport), ImportError> {
    let mut problems = Problems::default();
    let at = |i: usize, field: &str| Location {
        file: body.to_owned(),
        line: None,
        column: None,
        field: format!("/decisions/{i}/{field}"),
    };
    let waiting: Vec<&str> = pending
        .report
        .review
        .iter()
        .map(|item| item.raw.as_str())
        .collect();
    let known: HashSet<&str> = current
        .organizations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    let mut decided: HashMap<String, String> = HashMap::new();
    let mut added = Vec::new();
    for (i, a) in asked.iter().enumerate() {
        let raw = a.raw.trim();
        let text = a.decision.trim();
        if text.is_empty() {
            continue;
        }
        if !waiting.iter().any(|w| key(w) == key(raw)) || decided.contains_key(&key(raw)) {
            let open = waiting
                .iter()
                .filter(|w| !decided.contains_key(&key(w)))
                .map(|w| (*w).to_owned())
                .collect();
            problems.push(Problem::new(at(i, "raw"), raw, Expected::OneOf(open)));
            continue;
        }
        decided.insert(key(raw), text.to_owned());
        match super::decision(text) {
            None => problems.push(Problem::new(at(i, "decision"), text, Expected::Decision)),
            Some(Decision::Is(id)) if !known.contains(id.as_str()) => problems.push(Problem::new(
                at(i, "decision"),
                text,
                Expected::KnownOrganization,
            )),
            Some(d) => added.push((raw.to_owned(), decision_text(&d))),
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    let mut next = kept.clone();
    for (raw, d) in added {
        next.decisions.retain(|(r, _)| key(r) != key(&raw));
        next.decisions.push((raw, d));
    }
    let imported = run(&next, current)?;
    Ok((next, imported))
}

/// An organization as the list names it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Named {
    /// Its id (for a respondent whose own name is in review: that name as typed).
    pub id: String,
    /// Its name (the id when the network has no such organization).
    pub name: String,
}

/// A candidate for a pending name.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Candidate {
    /// The organization's id: the decision that accepts it.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Similarity to the typed name, 0 to 1.
    pub score: f64,
}

/// A name waiting for a decision.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PendingName {
    /// The name as typed: the `raw` of a decision.
    pub raw: String,
    /// Who wrote it.
    pub written_by: Vec<Named>,
    /// Lines of the responses file.
    pub lines: Vec<u64>,
    /// The candidates, best first.
    pub candidates: Vec<Candidate>,
}

/// The last survey import's names waiting for a decision.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PendingList {
    /// The wave's year (`null` when no survey was imported into this store).
    pub year: Option<i32>,
    /// The export's file name (`null` as `year`).
    pub responses: Option<String>,
    /// Decisions taken on this import so far.
    pub decided: usize,
    /// The names, in the order of the review list.
    pub names: Vec<PendingName>,
}

impl PendingList {
    /// No survey imported yet.
    pub fn none() -> Self {
        PendingList {
            year: None,
            responses: None,
            decided: 0,
            names: Vec::new(),
        }
    }

    /// The list of `imported` (the kept import run again against `current`), with names.
    pub fn new(kept: &KeptSurvey, imported: &SurveyImport, current: &NetworkData) -> Self {
        let names: HashMap<&str, &str> = current
            .organizations
            .iter()
            .map(|o| (o.id.as_str(), o.name.as_str()))
            .chain(
                imported
                    .report
                    .new_organizations
                    .iter()
                    .map(|(id, name)| (id.as_str(), name.as_str())),
            )
            .collect();
        let name = |id: &str| names.get(id).map_or(id, |n| n).to_owned();
        PendingList {
            year: Some(imported.report.counts.year),
            responses: Some(kept.responses_file.clone()),
            decided: kept.decisions.len(),
            names: imported
                .report
                .review
                .iter()
                .map(|item| PendingName {
                    raw: item.raw.clone(),
                    written_by: item
                        .written_by
                        .iter()
                        .map(|id| Named {
                            id: id.clone(),
                            name: name(id),
                        })
                        .collect(),
                    lines: item.lines.clone(),
                    candidates: item
                        .candidates
                        .iter()
                        .map(|c| Candidate {
                            id: c.id.clone(),
                            name: name(&c.id),
                            score: c.score,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_become_an_aliases_file_that_the_import_reads_back() {
        let decided = vec![
            (
                "Casa Quetzal Nueva".to_owned(),
                "casa-quetzal-nuevo".to_owned(),
            ),
            ("FM4, \"la radio\"".to_owned(), "skip".to_owned()),
        ];
        let file = aliases_file(&decided);
        assert_eq!(
            String::from_utf8_lossy(&file),
            "raw,decision\nCasa Quetzal Nueva,casa-quetzal-nuevo\n\"FM4, \"\"la radio\"\"\",skip\n"
        );
        let mut problems = Problems::default();
        let read = decisions(DECISIONS_FILE, &file, &mut problems);
        assert!(problems.is_empty());
        let read: Vec<(String, String)> = read
            .into_iter()
            .map(|(_, raw, d)| (raw, decision_text(&d)))
            .collect();
        assert_eq!(read, decided);
    }
}
