//! `puentes metrics`: the node table.

use super::{neo4j_store, output, source_context, spinner, SourceArgs, StoreKind, TableOut};
use crate::i18n::{refuse, say, Expected, Notice, Refusal};
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
    #[arg(long)]
    pub metrics: Option<String>,
    /// Read tie weights (distance = 1/weight for path metrics).
    #[arg(long)]
    pub weighted: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableOut::Csv)]
    pub format: TableOut,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Neo4j only: store the metrics on the Organization nodes.
    #[arg(long)]
    pub write_back: bool,
}

/// `puentes metrics`.
pub async fn metrics(args: MetricsArgs) -> Result<()> {
    use crate::metrics::{metric_columns, write_back_rows, Metric, PositionGroup};
    let (chosen, groups): (Vec<Metric>, Vec<PositionGroup>) = match &args.metrics {
        None => (Metric::ALL.to_vec(), PositionGroup::ALL.to_vec()),
        Some(list) => {
            let (mut chosen, mut groups) = (Vec::new(), Vec::new());
            for name in list.split(',') {
                if let Some(m) = Metric::parse(name) {
                    chosen.push(m);
                } else if let Some(g) = PositionGroup::parse(name) {
                    groups.push(g);
                } else {
                    return Err(refuse(&Refusal::BadValue {
                        name: "--metrics".into(),
                        value: name.to_owned(),
                        expected: Expected::MetricsOrGroups(
                            Metric::ALL.map(|m| m.name().to_owned()).to_vec(),
                            PositionGroup::ALL.map(|g| g.name().to_owned()).to_vec(),
                        ),
                    }));
                }
            }
            (chosen, groups)
        }
    };
    if args.write_back
        && (args.source.input.is_some() || args.source.store.store != StoreKind::Neo4j)
    {
        return Err(refuse(&Refusal::WriteBackNeedsStore));
    }
    let ctx = source_context(&args.source).await?;
    let pb = spinner(&say(&Notice::ComputingMetrics {
        metrics: chosen.len() + groups.len(),
        orgs: ctx.data.organizations.len(),
    }));
    let table = ctx.metrics(&chosen, args.weighted).await?;
    // The position columns come from the gap analysis: run it only when asked for.
    let gaps = if groups.is_empty() {
        None
    } else {
        Some(ctx.gaps().await?)
    };
    pb.finish_and_clear();
    for note in &table.notes {
        let text = crate::i18n::catalogue::metric_note(note, crate::i18n::current());
        eprintln!("{}", say(&Notice::Note { text }));
    }
    let mut metric_cols = metric_columns(&table, &chosen);
    if args.write_back {
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
    if let Some(g) = &gaps {
        metric_cols.extend(
            crate::report::position_columns(g)
                .into_iter()
                .filter(|c| groups.iter().any(|grp| grp.owns(&c.name))),
        );
    }
    let ids: Vec<&str> = ctx
        .data
        .organizations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    let columns = crate::export::node_columns(&ctx.data.organizations, false, metric_cols);
    let mut buf = Vec::new();
    match args.format {
        TableOut::Csv => crate::export::table_csv(&ids, &columns, &mut buf)?,
        TableOut::Json => {
            serde_json::to_writer_pretty(&mut buf, &crate::export::node_objects(&ids, &columns))?;
            buf.push(b'\n');
        }
    }
    output(args.out.as_ref(), &buf)
}
