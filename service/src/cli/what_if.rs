//! `puentes what-if`: what proposed ties would change.

use super::{json_out, source_context, SourceArgs};
use crate::i18n::{refuse, Expected, Refusal};
use crate::params::goal_name;
use crate::report;
use anyhow::Result;
use clap::Args;
use puentes_analysis::model::Rule;
use puentes_analysis::suggest::what_if::{ProposedTie, WhatIf};
use puentes_analysis::suggest::Goal;
use puentes_analysis::Network;
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
                let tie = match cells.as_slice() {
                    [s, t] => proposed_tie(&net, &at, s, t, None),
                    [s, t, w] => proposed_tie(&net, &at, s, t, Some(w)),
                    _ => Err(Refusal::BadValue {
                        name: format!("{at}: row"),
                        value: line.to_owned(),
                        expected: Expected::WhatIfRow,
                    }),
                };
                out.push(tie.map_err(|r| refuse(&r))?);
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
    json_out(&what_if_document(&net, &proposed, &effect))
}

/// One proposed tie from text: two organization ids and a strength (1-5; 1 when `None`). A
/// refusal names the field after `at` (`proposed.csv:3: target`); the Python package's
/// `what_if` reads its ties with it too.
pub fn proposed_tie(
    net: &Network,
    at: &str,
    source: &str,
    target: &str,
    strength: Option<&str>,
) -> Result<ProposedTie, Refusal> {
    let bad = |field: &str, value: &str, expected: Expected| Refusal::BadValue {
        name: format!("{at}: {field}"),
        value: value.to_owned(),
        expected,
    };
    let node = |field: &str, id: &str| {
        net.node(id)
            .ok_or_else(|| bad(field, id, Expected::KnownOrganization))
    };
    let (source, target) = (node("source", source)?, node("target", target)?);
    let strength = match strength {
        None => 1,
        Some(w) => w
            .parse::<u8>()
            .ok()
            .filter(|w| (1..=5).contains(w))
            .ok_or_else(|| bad("strength", w, Rule::Strength.into()))?,
    };
    Ok(ProposedTie {
        source,
        target,
        strength,
    })
}

/// The answer of `what-if` (and of the Python package's `what_if`): the proposed ties as
/// organization references with their strength, and their effect.
pub fn what_if_document(
    net: &Network,
    proposed: &[ProposedTie],
    effect: &WhatIf,
) -> serde_json::Value {
    let ties: Vec<serde_json::Value> = proposed
        .iter()
        .map(|t| {
            serde_json::json!({
                "source": report::org_ref(net, t.source),
                "target": report::org_ref(net, t.target),
                "strength": t.strength,
            })
        })
        .collect();
    serde_json::json!({
        "ties": ties,
        "effect": report::what_if_report(net, effect),
    })
}
