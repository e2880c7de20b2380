//! `puentes gaps`: gaps for planners.

use super::{csv_out, json_out, source_context, ReportArgs, TableFormat};
use crate::i18n::{say, ListName, Notice};
use anyhow::Result;

/// `puentes gaps`.
pub async fn gaps(args: ReportArgs) -> Result<()> {
    let ctx = source_context(&args.source).await?;
    let (net, g) = (ctx.network().await?, ctx.gaps().await?);
    // Each section keeps its first --limit items and states its total.
    let report = crate::report::gap_report(&net, &g, 0, args.shown(), crate::i18n::current());
    match args.format {
        TableFormat::Json => json_out(&report),
        TableFormat::Csv => {
            let section = &report.peripheral;
            if section.items.len() < section.total {
                eprintln!(
                    "{}",
                    say(&Notice::Listed {
                        shown: section.items.len(),
                        total: section.total,
                        list: ListName::Peripheral,
                    })
                );
            }
            csv_out(
                &["id", "name", "partner", "reasons", "explanation"],
                section
                    .items
                    .iter()
                    .map(|p| {
                        vec![
                            p.organization.id.clone(),
                            p.organization.name.clone(),
                            p.partner.to_string(),
                            p.reasons.join(";"),
                            p.explanation.join(" "),
                        ]
                    })
                    .collect(),
            )
        }
    }
}
