//! `puentes changes` and `puentes timeline`: the network over time.

use super::{json_out, whole_source, SourceArgs};
use crate::i18n::catalogue::time::figure_name;
use crate::i18n::{current, refuse};
use crate::time;
use anyhow::Result;
use clap::{Args, ValueEnum};

/// How `changes` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangesOut {
    /// The sentences, then the figures of both years side by side.
    Text,
    /// Everything: figures, counts, lists, sentences.
    Json,
}

/// `puentes changes`.
#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// The first year (from the network's first dated tie to next year).
    #[arg(long)]
    pub from: String,
    /// The second year.
    #[arg(long)]
    pub to: String,
    /// text (sentences and figures) or json.
    #[arg(long, value_enum, default_value_t = ChangesOut::Text)]
    pub format: ChangesOut,
    /// Items per list in JSON (the counts are always whole).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}

/// The network, or only its confirmed ties with `--confirmed`.
fn confirmed_if_asked(
    source: &SourceArgs,
    data: &std::sync::Arc<puentes_analysis::model::NetworkData>,
) -> std::sync::Arc<puentes_analysis::model::NetworkData> {
    if source.confirmed {
        std::sync::Arc::new(data.confirmed_only())
    } else {
        std::sync::Arc::clone(data)
    }
}

/// `changes` and `timeline` name their years with --from and --to.
fn refuse_as_of(source: &SourceArgs) -> Result<()> {
    match &source.as_of {
        Some(_) => Err(refuse(&crate::i18n::Refusal::AsOfWithYears)),
        None => Ok(()),
    }
}

/// `puentes changes`.
pub async fn changes(args: ChangesArgs) -> Result<()> {
    refuse_as_of(&args.source)?;
    let ctx = whole_source(&args.source).await?;
    let (from, to) =
        crate::time::two_years(&args.from, &args.to, &ctx.data).map_err(|r| refuse(&r))?;
    let lang = current();
    let data = confirmed_if_asked(&args.source, &ctx.data);
    let (revision, limit) = (ctx.revision, args.limit);
    let answer =
        tokio::task::spawn_blocking(move || time::changes(&data, revision, from, to, lang, limit))
            .await?;
    match args.format {
        ChangesOut::Json => json_out(&answer),
        ChangesOut::Text => {
            for s in &answer.sentences {
                println!("{s}");
            }
            println!();
            let (a, b) = (&answer.figures_from, &answer.figures_to);
            let dec = |x: f64| lang.decimal(x, 3);
            let opt = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |v| lang.decimal(v, 3));
            let rows: Vec<(&str, String, String)> = vec![
                (
                    figure_name(figure_name("organizations", lang), lang),
                    lang.count(a.organizations),
                    lang.count(b.organizations),
                ),
                (
                    figure_name(figure_name("tied_organizations", lang), lang),
                    lang.count(a.tied_organizations),
                    lang.count(b.tied_organizations),
                ),
                (
                    figure_name(figure_name("tied_pairs", lang), lang),
                    lang.count(a.tied_pairs),
                    lang.count(b.tied_pairs),
                ),
                (
                    figure_name(figure_name("density", lang), lang),
                    dec(a.density),
                    dec(b.density),
                ),
                (
                    figure_name(figure_name("components", lang), lang),
                    lang.count(a.components),
                    lang.count(b.components),
                ),
                (
                    figure_name(figure_name("largest_component_share", lang), lang),
                    lang.percent(a.largest_component_share),
                    lang.percent(b.largest_component_share),
                ),
                (
                    figure_name(figure_name("average_distance", lang), lang),
                    opt(a.average_distance),
                    opt(b.average_distance),
                ),
                (
                    figure_name("global_efficiency", lang),
                    dec(a.global_efficiency),
                    dec(b.global_efficiency),
                ),
                (
                    figure_name(figure_name("clustering", lang), lang),
                    dec(a.clustering),
                    dec(b.clustering),
                ),
                (
                    figure_name(figure_name("modularity", lang), lang),
                    dec(a.modularity),
                    dec(b.modularity),
                ),
                (
                    figure_name(figure_name("degree_centralization", lang), lang),
                    opt(a.degree_centralization),
                    opt(b.degree_centralization),
                ),
            ];
            let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
            println!("{:width$}  {:>12}  {:>12}", "", answer.from, answer.to);
            for (name, x, y) in rows {
                println!("{name:width$}  {x:>12}  {y:>12}");
            }
            Ok(())
        }
    }
}

/// How `timeline` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineOut {
    /// One row per year.
    Csv,
    /// A JSON array.
    Json,
}

/// `puentes timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// The first year (default: the network's first dated tie).
    #[arg(long)]
    pub from: Option<String>,
    /// The last year (default: the network's last dated tie).
    #[arg(long)]
    pub to: Option<String>,
    /// csv or json.
    #[arg(long, value_enum, default_value_t = TimelineOut::Csv)]
    pub format: TimelineOut,
}

/// `puentes timeline`.
pub async fn timeline(args: TimelineArgs) -> Result<()> {
    refuse_as_of(&args.source)?;
    let ctx = whole_source(&args.source).await?;
    let span = puentes_analysis::time::span(&ctx.data);
    let default = span.unwrap_or((time::this_year(), time::this_year()));
    let from = args.from.unwrap_or_else(|| default.0.to_string());
    let to = args.to.unwrap_or_else(|| default.1.to_string());
    let (from, to) = crate::time::two_years(&from, &to, &ctx.data).map_err(|r| refuse(&r))?;
    let data = confirmed_if_asked(&args.source, &ctx.data);
    let rows = tokio::task::spawn_blocking(move || time::timeline(&data, from, to)).await?;
    match args.format {
        TimelineOut::Json => json_out(&rows),
        TimelineOut::Csv => {
            use std::io::Write;
            std::io::stdout().write_all(&time::timeline_csv(&rows))?;
            Ok(())
        }
    }
}
