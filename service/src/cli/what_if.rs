//! `puentes what-if`: what proposed ties would change.

use super::{json_out, source_context, SourceArgs};
use crate::i18n::{refuse, Expected, Refusal};
use crate::params::goal_name;
use crate::report;
use anyhow::Result;
use clap::Args;
use puentes_analysis::model::Rule;
use puentes_analysis::suggest::what_if::ProposedTie;
use puentes_analysis::suggest::Goal;
use std::path::PathBuf;

/// `puentes what-if`.
#[derive(Debug, Args)]
pub struct WhatIfArgs {
    /// A CSV of proposed ties `source,target[,strength]` (header optional).
    pub ties: Option<PathBuf>,
    /// Instead of a file: the top suggestion (under this goal) of every peripheral portfolio
    /// partner (`--all-peripheral`: of every peripheral organization).
    #[arg(long, conflicts_with = "ties")]
    #[arg(value_parser = goal_name)]
    pub from_suggestions: Option<Goal>,
    /// With --from-suggestions: allies too, not only portfolio partners.
    #[arg(long)]
    pub all_peripheral: bool,
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
}

/// `puentes what-if`.
pub async fn what_if(args: WhatIfArgs) -> Result<()> {
    let ctx = source_context(&args.source).await?;
    let net = ctx.network().await?;
    let proposed: Vec<ProposedTie> = match (&args.ties, &args.from_suggestions) {
        (Some(path), None) => {
            let bytes = crate::import::read_input(path)?;
            let text = String::from_utf8(bytes).map_err(|e| {
                refuse(&Refusal::CannotRead {
                    path: path.display().to_string(),
                    detail: e.to_string(),
                })
            })?;
            let mut out = Vec::new();
            for (i, line) in text.lines().enumerate() {
                let cells: Vec<&str> = line.split(',').map(str::trim).collect();
                if cells.iter().all(|c| c.is_empty()) || (i == 0 && cells[0] == "source") {
                    continue;
                }
                let at = format!("{}:{}", path.display(), i + 1);
                let bad = |field: &str, value: &str, expected: Expected| {
                    refuse(&Refusal::BadValue {
                        name: format!("{at}: {field}"),
                        value: value.to_owned(),
                        expected,
                    })
                };
                let node = |field: &str, id: &str| {
                    net.node(id)
                        .ok_or_else(|| bad(field, id, Expected::KnownOrganization))
                };
                let (source, target, strength) = match cells.as_slice() {
                    [s, t] => (node("source", s)?, node("target", t)?, 1),
                    [s, t, w] => (
                        node("source", s)?,
                        node("target", t)?,
                        w.parse::<u8>()
                            .ok()
                            .filter(|w| (1..=5).contains(w))
                            .ok_or_else(|| bad("strength", w, Rule::Strength.into()))?,
                    ),
                    _ => return Err(bad("row", line, Expected::WhatIfRow)),
                };
                out.push(ProposedTie {
                    source,
                    target,
                    strength,
                });
            }
            out
        }
        (None, Some(goal)) => {
            let all = ctx.network_suggestions(*goal).await?;
            let all = all.as_ref().as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
            report::suggestions::top_suggestions(&net, all, !args.all_peripheral)
        }
        _ => return Err(refuse(&Refusal::TiesFileOrSuggestions)),
    };
    let effect = ctx.what_if(proposed.clone()).await?;
    let ties: Vec<serde_json::Value> = proposed
        .iter()
        .map(|t| {
            serde_json::json!({
                "source": report::org_ref(&net, t.source),
                "target": report::org_ref(&net, t.target),
                "strength": t.strength,
            })
        })
        .collect();
    json_out(&serde_json::json!({
        "ties": ties,
        "effect": report::what_if_report(&net, &effect),
    }))
}
