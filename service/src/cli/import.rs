//! `puentes import`: read a file, validate it whole, write it to the store all-or-nothing.

use super::{cannot_write, open_store, spinner, StoreArgs};
use crate::i18n::{current, refuse, say, Notice, Refusal, SurveyText};
use crate::import::{self, Format, ImportSummary};
use crate::store::{ApplyMode, Batch, GraphStore};
use crate::survey::{self, SurveyFiles};
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use puentes_analysis::names::resolve::{Method, Thresholds};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `puentes import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// File or directory to import (with --survey: the survey export, CSV or XLSX).
    pub path: PathBuf,
    /// The questionnaire's description (SURVEY.toml): PATH is then a survey export, one row
    /// per respondent (or per nomination), whose typed names are resolved to organizations.
    #[arg(long, value_name = "SURVEY.toml")]
    pub survey: Option<PathBuf>,
    /// With --survey: saved decisions, an `alias,id` file or a filled review list
    /// (its `decision` column: an organization id, new or skip).
    #[arg(long, value_name = "ALIASES.csv", requires = "survey")]
    pub aliases: Option<PathBuf>,
    /// With --survey: write the names that need a person's decision here (CSV).
    #[arg(long, value_name = "REVIEW.csv", requires = "survey")]
    pub review: Option<PathBuf>,
    /// With --survey: write the report of every name and the survey's figures here (JSON).
    #[arg(long, value_name = "REPORT.json", requires = "survey")]
    pub report: Option<PathBuf>,
    /// The sheet of an XLSX file to read (the first when omitted).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Input format (guessed from the name when omitted).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// merge: upsert by id and keep the rest; replace: the file becomes the network.
    #[arg(long, value_enum, default_value_t = Mode::Merge)]
    pub mode: Mode,
    /// Validate and report, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// With --mode replace: allow an input with no organizations to replace a network that
    /// has some, deleting them all (refused without it, as it is usually a mistake).
    #[arg(long)]
    pub confirm_empty: bool,
    /// Store selection.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Import modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Upsert, keep the rest.
    Merge,
    /// Replace the whole network.
    Replace,
}

/// `puentes import`. Returns the process exit code (0 ok, 2 invalid input).
pub async fn import(args: ImportArgs) -> Result<i32> {
    let store = open_store(&args.store).await?;
    if args.survey.is_some() {
        return import_survey(args, store).await;
    }
    let pb = spinner(&say(&Notice::Reading {
        path: args.path.display().to_string(),
    }));
    let path = args.path.clone();
    let format = args.format;
    let sheet = args.sheet.clone();
    let parsed = tokio::task::spawn_blocking(move || {
        import::read_path_sheet(&path, format, sheet.as_deref())
    })
    .await??;
    pb.set_message(say(&Notice::Validating));
    let known: HashSet<String> = match args.mode {
        Mode::Replace => HashSet::new(),
        Mode::Merge => store
            .snapshot()
            .await?
            .data
            .organizations
            .iter()
            .map(|o| o.id.clone())
            .collect(),
    };
    let result = tokio::task::spawn_blocking(move || parsed.finish(&known)).await?;
    let (data, summary) = match or_problems(result, &pb)? {
        Ok(ok) => ok,
        Err(code) => return Ok(code),
    };
    if args.mode == Mode::Replace && data.organizations.is_empty() && !args.confirm_empty {
        let current = store.snapshot().await?;
        let (orgs, ties) = (current.data.organizations.len(), current.data.ties.len());
        if orgs > 0 {
            pb.finish_and_clear();
            return Err(refuse(&Refusal::FileWouldEmpty {
                path: args.path.display().to_string(),
                orgs,
                ties,
            }));
        }
    }
    let line = say(&Notice::ImportSize {
        orgs: summary.organizations,
        ties: summary.ties,
        merged: summary.merged_duplicates,
        self_loops: summary.skipped_self_loops,
    });
    if args.dry_run {
        pb.finish_and_clear();
        println!("{}", say(&Notice::DryRunValid { what: line }));
        print_named(&summary);
        return Ok(0);
    }
    pb.set_message(say(&Notice::Writing { what: line.clone() }));
    let batch = match args.mode {
        Mode::Merge => Batch {
            mode: ApplyMode::Merge,
            ..Batch::merge(data)
        },
        Mode::Replace => Batch::replace(data),
    };
    let revision = store.apply(batch).await?;
    pb.finish_and_clear();
    println!(
        "{}",
        say(&Notice::Imported {
            what: line,
            revision
        })
    );
    print_named(&summary);
    Ok(0)
}

/// What an import step gave, or the exit code 2 once its problems are printed (the first in
/// full, the others counted by kind).
fn or_problems<T>(
    result: std::result::Result<T, import::ImportError>,
    pb: &indicatif::ProgressBar,
) -> Result<std::result::Result<T, i32>> {
    match result {
        Ok(ok) => Ok(Ok(ok)),
        Err(import::ImportError::Invalid(problems)) => {
            pb.finish_and_clear();
            eprint!("{problems}");
            Ok(Err(2))
        }
        Err(e) => bail!(e),
    }
}

/// The id map of an edge list of names, in one sentence (the first five; `--format json`
/// exports give the whole map through the API's import answer).
fn print_named(summary: &ImportSummary) {
    if summary.named.is_empty() {
        return;
    }
    let text = SurveyText::NamedIds {
        named: summary.named.len(),
        spellings: summary.named.iter().map(|n| n.spellings.len()).sum(),
        examples: summary
            .named
            .iter()
            .take(5)
            .map(|n| (n.name.clone(), n.id.clone()))
            .collect(),
    };
    println!("{}", text.render(current()));
}

/// The bytes of `path`, at most [`crate::import::input_limit`] of them.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    Ok(crate::import::read_input(path)?)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `puentes import RESPONSES --survey SURVEY.toml`: resolve every typed name, print the
/// survey's figures, write the review list and report when asked, merge the rest.
async fn import_survey(args: ImportArgs, store: Arc<dyn GraphStore>) -> Result<i32> {
    if args.mode == Mode::Replace {
        return Err(refuse(&Refusal::SurveyMerges));
    }
    let survey_path = args.survey.clone().unwrap_or_default();
    let pb = spinner(&say(&Notice::Reading {
        path: args.path.display().to_string(),
    }));
    let responses = read_file(&args.path)?;
    let survey_text = read_file(&survey_path)?;
    let aliases = match &args.aliases {
        Some(p) => Some((file_name(p), read_file(p)?)),
        None => None,
    };
    let network = store.snapshot().await?.data;
    pb.set_message(say(&Notice::Validating));
    let (rname, sname) = (file_name(&args.path), file_name(&survey_path));
    let sheet = args.sheet.clone();
    let current_for_names = Arc::clone(&network);
    let result = tokio::task::spawn_blocking(move || {
        let files = SurveyFiles {
            responses: (&rname, &responses),
            survey: (&sname, &survey_text),
            aliases: aliases.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
            sheet: sheet.as_deref(),
        };
        let imported = survey::import(files, &network, Thresholds::default())?;
        Ok::<_, import::ImportError>((imported, survey::review::kept(&files)))
    })
    .await?;
    let (imported, kept) = match or_problems(result, &pb)? {
        Ok(ok) => ok,
        Err(code) => return Ok(code),
    };
    pb.finish_and_clear();
    let report = &imported.report;
    let lang = current();
    let c = &report.counts;
    let lines = [
        SurveyText::Respondents {
            year: c.year,
            respondents: c.respondents,
            expected: c.response_rate.map(|_| c.expected_respondents),
            rate: c.response_rate,
        },
        SurveyText::Resolved {
            nominations: c.nominations,
            by_method: Method::ALL
                .iter()
                .map(|m| {
                    (
                        m.as_str().to_owned(),
                        c.by_method.get(m.as_str()).copied().unwrap_or(0),
                    )
                })
                .collect(),
        },
        SurveyText::Ties {
            pairs: c.tied_pairs,
            reciprocated: c.reciprocated,
            one_sided: c.one_sided,
            again: c.ties_reported_again,
            ended: c.ties_ended,
            new_organizations: c.new_organizations,
        },
    ];
    for l in &lines {
        println!("{}", l.render(lang));
    }
    if let Some(path) = &args.report {
        let json = serde_json::to_vec_pretty(report)?;
        std::fs::write(path, json).map_err(|e| cannot_write(path, &e))?;
        println!(
            "{}",
            SurveyText::ReportWritten {
                path: path.display().to_string()
            }
            .render(lang)
        );
    }
    if !report.review.is_empty() {
        match &args.review {
            Some(path) => {
                let names: HashMap<String, String> = current_for_names
                    .organizations
                    .iter()
                    .map(|o| (o.id.clone(), o.name.clone()))
                    .chain(report.new_organizations.iter().cloned())
                    .collect();
                std::fs::write(path, survey::review_csv(report, &names))
                    .map_err(|e| cannot_write(path, &e))?;
                let text = SurveyText::ReviewWritten {
                    count: report.review.len(),
                    path: path.display().to_string(),
                };
                println!("{}", text.render(lang));
            }
            None => {
                let text = SurveyText::ReviewPending {
                    count: report.review.len(),
                };
                println!("{}", text.render(lang));
            }
        }
    }
    let what = say(&Notice::ImportSize {
        orgs: imported.data.organizations.len(),
        ties: imported.data.ties.len(),
        merged: 0,
        self_loops: 0,
    });
    if args.dry_run {
        println!("{}", say(&Notice::DryRunValid { what }));
        return Ok(0);
    }
    // Kept before the write, as the API does (see `survey::review`), so that the page can
    // decide the names left in review.
    store.keep_survey(kept).await?;
    let revision = store.apply(Batch::merge(imported.data)).await?;
    println!("{}", say(&Notice::Imported { what, revision }));
    Ok(0)
}
