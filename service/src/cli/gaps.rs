//! `puentes gaps`: gaps for planners.

use super::text::{bullets, heading, table, Output};
use super::{csv_out, json_out, output, source_context, SourceArgs};
use crate::i18n::catalogue::report::ReportText;
use crate::i18n::{say, Lang, ListName, Notice};
use crate::report::GapReport;
use anyhow::Result;
use clap::Args;

/// `puentes gaps`.
#[derive(Debug, Args)]
pub struct GapsArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// text: the findings in sentences and a table of the peripheral organizations, in
    /// --lang; json: the whole report; csv: one row per flagged organization. Default: text
    /// on a terminal, json when the output is piped or redirected (scripts keep working).
    #[arg(long, value_parser = Output::parse)]
    pub format: Option<Output>,
    /// Items shown per list, 1 to 10000 (every list states how many it holds in all).
    #[arg(long, default_value = "50", value_parser = crate::params::list_limit)]
    pub limit: usize,
    /// Show every item of every list (overrides --limit).
    #[arg(long)]
    pub all: bool,
}

/// `puentes gaps`.
pub async fn gaps(args: GapsArgs) -> Result<()> {
    let ctx = source_context(&args.source).await?;
    let (net, g) = (ctx.network().await?, ctx.gaps().await?);
    let shown = if args.all { usize::MAX } else { args.limit };
    let lang = crate::i18n::current();
    // Each section keeps its first --limit items and states its total.
    let report = crate::report::gap_report(&net, &g, 0, shown, lang);
    match Output::or_default(args.format) {
        Output::Json => json_out(&report),
        Output::Text => output(None, text(&report, lang).as_bytes()),
        Output::Csv => {
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

/// A list of sentences under its heading, with "and N more" when it was cut.
fn section(out: &mut String, title: &str, items: Vec<String>, total: usize, lang: Lang) {
    out.push('\n');
    out.push_str(&heading(title));
    if items.is_empty() {
        out.push_str(&format!("  {}\n", ReportText::NoneFound.render(lang)));
        return;
    }
    let listed = items.len();
    out.push_str(&bullets(items));
    if total > listed {
        out.push_str(&format!(
            "  {}\n",
            ReportText::MoreInFullList {
                more: total - listed
            }
            .render(lang)
        ));
    }
}

/// The gap report for a terminal: the partition in a sentence, the isolated and peripheral
/// organizations as a table (name, partner or ally, why), then each finding's sentences.
fn text(r: &GapReport, lang: Lang) -> String {
    let mut out = format!("{}\n", r.communities);
    out.push('\n');
    out.push_str(&heading(
        &ReportText::PeripheralHeading {
            total: r.peripheral.total,
        }
        .render(lang),
    ));
    if r.peripheral.items.is_empty() {
        out.push_str(&format!("  {}\n", ReportText::NoneFound.render(lang)));
    } else {
        let rows: Vec<Vec<String>> = r
            .peripheral
            .items
            .iter()
            .map(|p| {
                let membership = if p.partner {
                    ReportText::Partner
                } else {
                    ReportText::Ally
                };
                let why: Vec<String> = p
                    .reasons
                    .iter()
                    .map(|code| ReportText::Reason { code }.render(lang))
                    .collect();
                vec![
                    p.organization.name.clone(),
                    membership.render(lang),
                    why.join(", "),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                ReportText::ColumnOrganization.render(lang),
                ReportText::ColumnMembership.render(lang),
                ReportText::ColumnWhy.render(lang),
            ],
            &rows,
            &[false, false, false],
        ));
        let more = r.peripheral.total - r.peripheral.items.len();
        if more > 0 {
            out.push_str(&format!(
                "  {}\n",
                ReportText::MoreInFullList { more }.render(lang)
            ));
        }
    }
    section(
        &mut out,
        &ReportText::CutPointsHeading {
            total: r.cut_points.total,
        }
        .render(lang),
        r.cut_points
            .items
            .iter()
            .map(|c| c.explanation.clone())
            .collect(),
        r.cut_points.total,
        lang,
    );
    section(
        &mut out,
        &ReportText::BridgesHeading {
            total: r.bridges.total,
        }
        .render(lang),
        r.bridges
            .items
            .iter()
            .map(|b| b.explanation.clone())
            .collect(),
        r.bridges.total,
        lang,
    );
    section(
        &mut out,
        &ReportText::CommunityGapsHeading.render(lang),
        r.least_connected_communities
            .items
            .iter()
            .map(|p| p.explanation.clone())
            .collect(),
        r.least_connected_communities.total,
        lang,
    );
    section(
        &mut out,
        &ReportText::ServicesHeading {
            total: r.service_gaps.total,
        }
        .render(lang),
        r.service_gaps
            .items
            .iter()
            .map(|s| s.explanation.clone())
            .collect(),
        r.service_gaps.total,
        lang,
    );
    section(
        &mut out,
        &ReportText::InwardHeading {
            total: r.inward_looking.total,
        }
        .render(lang),
        r.inward_looking
            .items
            .iter()
            .map(|i| i.explanation.clone())
            .collect(),
        r.inward_looking.total,
        lang,
    );
    out
}
