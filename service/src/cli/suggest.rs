//! `puentes suggest`, `puentes backtest` and `puentes what-if`: partner suggestions, their
//! evaluation on real history, and their effect.

use super::{csv_out, json_out, source_context, SourceArgs, TableOut};
use crate::i18n::{refuse, say, BacktestText, Expected, Lang, Notice, Refusal};
use crate::import::{self, dataset};
use crate::report;
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use puentes_analysis::model::{NetworkData, Rule};
use puentes_analysis::suggest::backtest::{backtest as run_backtest, BacktestOptions, Presence};
use puentes_analysis::suggest::backtest::{Backtest, Metrics, ScorerResult};
use puentes_analysis::suggest::what_if::ProposedTie;
use puentes_analysis::suggest::{Goal, SuggestOptions, Weights};
use std::collections::HashSet;
use std::path::PathBuf;

/// `puentes suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The organization asking (its id).
    pub organization: String,
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// strengthen (closure and trust), bridge (reach other communities), services (fill
    /// service gaps) or balanced.
    #[arg(long, default_value = "balanced", conflicts_with = "weights")]
    pub goal: String,
    /// Custom weights instead of a goal, e.g. adamic_adar=0.5,complementarity=0.5.
    #[arg(long)]
    pub weights: Option<String>,
    /// How many suggestions.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// json: every number and the explanation; csv: one row per suggestion.
    #[arg(long, value_enum, default_value_t = TableOut::Json)]
    pub format: TableOut,
}

/// `puentes suggest`.
pub async fn suggest(args: SuggestArgs) -> Result<()> {
    let goal = match &args.weights {
        Some(w) => Goal::Custom(Weights::parse(w).map_err(|e| refuse(&Refusal::BadWeights(e)))?),
        None => args
            .goal
            .parse()
            .map_err(|e| refuse(&Refusal::Suggest(e)))?,
    };
    if !(1..=1000).contains(&args.limit) {
        return Err(refuse(&Refusal::BadValue {
            name: "--limit".into(),
            value: args.limit.to_string(),
            expected: Expected::Whole {
                min: Some(1.0),
                above: None,
                max: Some(1000.0),
            },
        }));
    }
    let ctx = source_context(&args.source).await?;
    let net = ctx.network().await?;
    let Some(v) = net.node(&args.organization) else {
        return Err(refuse(&Refusal::NoOrganization {
            id: args.organization.clone(),
        }));
    };
    let options = SuggestOptions {
        goal,
        limit: args.limit,
        ..SuggestOptions::default()
    };
    let s = ctx.suggestions(v, options).await?;
    let r = report::suggestion_report(&net, &*ctx.gaps().await?, &s, crate::i18n::current());
    match args.format {
        TableOut::Json => json_out(&r),
        TableOut::Csv => csv_out(
            &[
                "id",
                "name",
                "score",
                "shared_partners",
                "introducer",
                "services_gained",
                "joins_communities",
                "explanation",
            ],
            r.items
                .iter()
                .map(|x| {
                    vec![
                        x.organization.id.clone(),
                        x.organization.name.clone(),
                        x.score.to_string(),
                        x.shared_partner_count.to_string(),
                        x.introducers
                            .first()
                            .map(|i| i.organization.id.clone())
                            .unwrap_or_default(),
                        x.services_gained
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(";"),
                        x.joins_communities.to_string(),
                        x.explanation.clone(),
                    ]
                })
                .collect(),
        ),
    }
}

/// Output of `puentes backtest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BacktestOut {
    /// Markdown tables.
    Table,
    /// The whole result.
    Json,
}

/// Who counts as present at the split year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PresenceArg {
    /// Organizations with a tie before the split year.
    Tied,
    /// Also organizations known (founded / first seen) before it, without ties.
    Existing,
}

/// `puentes backtest`.
#[derive(Debug, Args)]
pub struct BacktestArgs {
    /// A dated dataset directory (organizations.csv + ties.csv[.gz] `source,target,year`,
    /// as ../shared/datasets/somalia-iati-aid and cordis-h2020-2014-2019), or any import
    /// format whose ties carry a `since` year.
    #[arg(long)]
    pub input: PathBuf,
    /// Y: train on ties formed before this year.
    #[arg(long)]
    pub split_year: i32,
    /// H: score against pairs first tied in [Y, Y + H].
    #[arg(long)]
    pub horizon: i32,
    /// Cut-off of precision@k and hit rate@k.
    #[arg(long, default_value_t = 10)]
    pub k: usize,
    /// Who is present at Y.
    #[arg(long, value_enum, default_value_t = PresenceArg::Existing)]
    pub presence: PresenceArg,
    /// Seed of the random baseline, Louvain and the tuning sample.
    #[arg(long, default_value_t = puentes_analysis::policy::DEFAULT_SEED)]
    pub seed: u64,
    /// Do not fit the `learned` combination (on the split Y-1, never on test years).
    #[arg(long)]
    pub no_tune: bool,
    /// table (markdown) or json.
    #[arg(long, value_enum, default_value_t = BacktestOut::Table)]
    pub format: BacktestOut,
}

/// A directory reads as a dataset ([`dataset`]: also the project's own CSV pair, whose
/// columns it understands); a file as any import format.
fn read_dated(path: &std::path::Path) -> Result<NetworkData> {
    if path.is_dir() {
        return Ok(dataset::read(path)?);
    }
    let parsed = import::read_path(path, None)?;
    match parsed.finish(&HashSet::new()) {
        Ok((data, _)) => Ok(data),
        Err(e) => bail!(e),
    }
}

/// `puentes backtest`.
pub async fn backtest(args: BacktestArgs) -> Result<()> {
    let data = read_dated(&args.input)?;
    let mut options = BacktestOptions::new(args.split_year, args.horizon);
    options.k = args.k;
    options.seed = args.seed;
    options.tune = !args.no_tune;
    options.presence = match args.presence {
        PresenceArg::Tied => Presence::Tied,
        PresenceArg::Existing => Presence::Existing,
    };
    let started = std::time::Instant::now();
    let out = tokio::task::spawn_blocking(move || run_backtest(&data, &options))
        .await?
        .map_err(|e| refuse(&Refusal::Suggest(e)))?;
    eprintln!(
        "{}",
        say(&Notice::BacktestRan {
            seconds: started.elapsed().as_secs_f64()
        })
    );
    match args.format {
        BacktestOut::Json => json_out(&out),
        BacktestOut::Table => {
            print!("{}", backtest_tables(&out, crate::i18n::current()));
            Ok(())
        }
    }
}

/// The backtest as markdown tables in `lang`: every scorer on all organizations, then
/// precision@k by distance and by degree.
pub fn backtest_tables(out: &Backtest, lang: Lang) -> String {
    let k = out.k;
    let s = &out.split;
    let said = |b: BacktestText| b.render(lang);
    let num = |x: f64| lang.decimal(x, 3);
    let mut t = said(BacktestText::Headline {
        split_year: s.split_year,
        horizon: s.horizon,
        training_ties: s.training_ties,
        present: s.present,
        isolated: s.present_isolated,
        evaluated: s.evaluated,
        test_pairs: s.test_pairs,
        distance_2: s.test_pairs_distance_2,
    });
    t.push_str("\n\n");
    let aa = out
        .rows
        .iter()
        .find(|r| r.scorer.name() == "adamic_adar")
        .map(|r| r.all.precision_at_k);
    t.push_str(&said(BacktestText::Header { k }));
    t.push_str("\n|---|---|---|---|---|---|---|---|\n");
    for r in &out.rows {
        let m = &r.all;
        if !r.active {
            t.push_str(&format!(
                "| {} | {} |||||||\n",
                r.scorer.name(),
                said(BacktestText::Inactive)
            ));
            continue;
        }
        let vs = match aa {
            Some(a) if a > 0.0 => {
                let change = 100.0 * (m.precision_at_k / a - 1.0);
                let sign = if change >= 0.0 { "+" } else { "" };
                let percent = match lang {
                    Lang::En => "%",
                    Lang::Es => "\u{a0}%",
                };
                format!("{sign}{}{percent}", lang.decimal(change, 1))
            }
            _ => String::new(),
        };
        t.push_str(&format!(
            "| {} | {} | {} | {vs} | {} | {} | {} | {} |\n",
            r.scorer.name(),
            num(r.coverage),
            num(m.precision_at_k),
            num(m.hit_rate_at_k),
            num(m.mrr),
            num(m.aupr),
            m.auc.map_or("–".into(), num)
        ));
    }
    let split = |pick: fn(&ScorerResult) -> &Metrics| -> Vec<String> {
        out.rows
            .iter()
            .filter(|r| r.active)
            .map(|r| {
                format!(
                    "{} ({})",
                    num(pick(r).precision_at_k),
                    pick(r).organizations
                )
            })
            .collect()
    };
    t.push_str(&format!(
        "\n{}\n\n| {} | {} |\n|---|{}\n",
        said(BacktestText::BySplit { k }),
        said(BacktestText::Split),
        out.rows
            .iter()
            .filter(|r| r.active)
            .map(|r| r.scorer.name())
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(out.rows.iter().filter(|r| r.active).count())
    ));
    for (name, pick) in [
        (
            BacktestText::Distance2,
            (|r: &ScorerResult| &r.distance_2) as fn(&ScorerResult) -> &Metrics,
        ),
        (BacktestText::Distance3Plus, |r: &ScorerResult| {
            &r.distance_3_plus
        }),
        (BacktestText::IsolatedOrPendant, |r: &ScorerResult| {
            &r.isolated_or_pendant
        }),
        (BacktestText::Other, |r: &ScorerResult| &r.other),
    ] {
        t.push_str(&format!(
            "| {} | {} |\n",
            said(name),
            split(pick).join(" | ")
        ));
    }
    if let Some(l) = &out.learned {
        t.push('\n');
        t.push_str(&said(BacktestText::Learned {
            split_year: l.split.split_year,
            horizon: l.split.horizon,
            organizations: l.organizations,
            k,
            adamic_adar: num(l.precision_adamic_adar),
            learned: num(l.precision_learned),
            weights: serde_json::to_string(&l.weights).unwrap_or_default(),
        }));
        t.push('\n');
    }
    t
}

/// `puentes what-if`.
#[derive(Debug, Args)]
pub struct WhatIfArgs {
    /// A CSV of proposed ties `source,target[,strength]` (header optional).
    pub ties: Option<PathBuf>,
    /// Instead of a file: the top suggestion (under this goal) of every peripheral portfolio
    /// partner (`--all-peripheral`: of every peripheral organization).
    #[arg(long, conflicts_with = "ties")]
    pub from_suggestions: Option<String>,
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
            let text = std::fs::read_to_string(path).map_err(|e| {
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
            let goal: Goal = goal.parse().map_err(|e| refuse(&Refusal::Suggest(e)))?;
            let all = ctx.network_suggestions(goal).await?;
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
