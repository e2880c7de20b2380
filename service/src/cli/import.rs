//! `puentes import`: read a file, validate it whole, write it to the store all-or-nothing.

use super::{open_store, spinner, StoreArgs};
use crate::i18n::{refuse, say, Notice, Refusal};
use crate::import::{self, Format};
use crate::store::{ApplyMode, Batch};
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use std::collections::HashSet;
use std::path::PathBuf;

/// `puentes import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// File or directory to import.
    pub path: PathBuf,
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
    let pb = spinner(&say(&Notice::Reading {
        path: args.path.display().to_string(),
    }));
    let path = args.path.clone();
    let format = args.format;
    let parsed = tokio::task::spawn_blocking(move || import::read_path(&path, format)).await??;
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
    let (data, summary) = match result {
        Ok(ok) => ok,
        Err(import::ImportError::Invalid(problems)) => {
            pb.finish_and_clear();
            // The first problems in full, the others counted by kind.
            eprint!("{problems}");
            return Ok(2);
        }
        Err(e) => bail!(e),
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
    Ok(0)
}
