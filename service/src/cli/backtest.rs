//! `puentes backtest`: the suggestion scores evaluated on real history.

use super::json_out;
use crate::i18n::{refuse, say, BacktestText, Lang, Notice, Refusal};
use crate::import::{self, dataset};
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use puentes_analysis::model::NetworkData;
use puentes_analysis::suggest::backtest::{backtest as run_backtest, BacktestOptions, Presence};
use puentes_analysis::suggest::backtest::{Backtest, Metrics, ScorerResult};
use std::collections::HashSet;
use std::path::PathBuf;

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
/// columns it understands); a file as any import format. What `backtest` reads (the Python
/// package's `puentes.backtest` too).
pub fn read_dated(path: &std::path::Path) -> Result<NetworkData> {
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
