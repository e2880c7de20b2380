//! `puentes summary`: whole-network measures.

use super::text::{heading, table, Output};
use super::{json_out, output, source_context, SourceArgs};
use crate::board::{needs_gaps, Figures};
use crate::i18n::catalogue::report::{Figure, ReportText};
use anyhow::Result;
use clap::Args;

/// `puentes summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// text: the figures named in --lang, aligned; json: every field as computed. Default:
    /// text on a terminal, json when the output is piped or redirected (scripts keep
    /// working).
    #[arg(long, value_parser = Output::parse_text_or_json)]
    pub format: Option<Output>,
}

/// `puentes summary`.
pub async fn summary(args: SummaryArgs) -> Result<()> {
    let ctx = source_context(&args.source).await?;
    let s = ctx.summary().await?;
    match Output::or_default(args.format) {
        Output::Text => {
            let lang = crate::i18n::current();
            let partners = ctx.data.organizations.iter().filter(|o| o.partner);
            let figures = Figures {
                summary: &s,
                partners: partners.clone().count(),
                people_served: partners.filter_map(|o| o.population_served).sum(),
                gaps: None,
            };
            let rows: Vec<Vec<String>> = Figure::ALL
                .iter()
                .filter(|f| !needs_gaps(**f))
                .map(|&f| {
                    let value = figures
                        .value(f, lang)
                        .map_or_else(|| "–".to_owned(), |v| v.0);
                    vec![f.name(lang).to_owned(), value]
                })
                .collect();
            let mut text = heading(&ReportText::SummaryHeading.render(lang));
            text.push_str(&table(
                &[
                    ReportText::ColumnFigure.render(lang),
                    ReportText::ColumnValue.render(lang),
                ],
                &rows,
                &[false, true],
            ));
            output(None, text.as_bytes())
        }
        Output::Json | Output::Csv => json_out(&*s),
    }
}
