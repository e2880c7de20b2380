//! `puentes metrics`: the node table.

use super::{neo4j_store, output, source_context, spinner, SourceArgs, StoreKind, TableFormat};
use crate::i18n::{refuse, say, Notice, Refusal};
use crate::metrics::{metric_columns, write_back_rows};
use crate::paging::Window;
use crate::params::MetricSelection;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// `puentes metrics`.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Comma-separated columns (default: all). Metrics: degree, strength, betweenness,
    /// closeness, harmonic, eigenvector, pagerank, core_number, clustering. Position groups,
    /// from the gap analysis (computed only when one is asked for): community
    /// (community, community_label), structural_holes (constraint, effective_size,
    /// efficiency, hierarchy), brokerage (`broker_<role>_by_<corridor|community>`).
    #[arg(long, default_value = "", hide_default_value = true,
          value_parser = MetricSelection::parse)]
    pub metrics: MetricSelection,
    /// Read tie weights (distance = 1/weight for path metrics).
    #[arg(long)]
    pub weighted: bool,
    /// Output format.
    #[arg(long, default_value = "csv", value_parser = TableFormat::parse)]
    pub format: TableFormat,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Neo4j only: store the metrics on the Organization nodes.
    #[arg(long)]
    pub write_back: bool,
}

/// `puentes metrics`.
pub async fn metrics(args: MetricsArgs) -> Result<()> {
    let selection = &args.metrics;
    if args.write_back
        && (args.source.input.is_some() || args.source.store.store != StoreKind::Neo4j)
    {
        return Err(refuse(&Refusal::WriteBackNeedsStore));
    }
    let ctx = source_context(&args.source).await?;
    let pb = spinner(&say(&Notice::ComputingMetrics {
        metrics: selection.metrics.len() + selection.groups.len(),
        orgs: ctx.data.organizations.len(),
    }));
    let table = ctx
        .node_table(selection, args.weighted, None, Window::ALL)
        .await?;
    pb.finish_and_clear();
    for note in &table.notes {
        let text = crate::i18n::catalogue::metric_note(note, crate::i18n::current());
        eprintln!("{}", say(&Notice::Note { text }));
    }
    if args.write_back {
        let metrics = ctx.metrics(&selection.metrics, args.weighted).await?;
        let metric_cols = metric_columns(&metrics, &selection.metrics);
        let neo = neo4j_store(&args.source.store).await?;
        let rows = write_back_rows(&ctx.data, &metric_cols);
        neo.write_metrics(ctx.revision, &rows).await?;
        eprintln!(
            "{}",
            say(&Notice::WroteMetrics {
                metrics: metric_cols.len(),
                nodes: rows.len(),
                revision: ctx.revision,
            })
        );
    }
    let ids = table.id_refs();
    let mut buf = Vec::new();
    match args.format {
        TableFormat::Csv => crate::export::table_csv(&ids, &table.columns, &mut buf)?,
        TableFormat::Json => {
            serde_json::to_writer_pretty(
                &mut buf,
                &crate::export::node_objects(&ids, &table.columns),
            )?;
            buf.push(b'\n');
        }
    }
    output(args.out.as_ref(), &buf)
}
