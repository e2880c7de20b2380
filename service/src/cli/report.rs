//! `puentes report`: the planner's report (see [`crate::board`]) as HTML, or as PDF printed
//! by headless Chromium.

use super::{output, source_context, spinner, today, SourceArgs};
use crate::board::{self, Paper};
use crate::i18n::catalogue::report::ReportText;
use crate::i18n::{say, Label, Notice};
use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// The report's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file (inline style and pictures), printable from any browser.
    Html,
    /// PDF, printed from the HTML by headless Chromium (chromium, chromium-browser,
    /// google-chrome or $PUENTES_CHROMIUM).
    Pdf,
}

/// `puentes report`.
#[derive(Debug, Args)]
pub struct ReportCommandArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// html or pdf.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// File to write (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Page size when printed: a4 or letter (PDF: a4 unless given; HTML: the printer's own
    /// unless given).
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
}

/// `puentes report`.
pub async fn report(args: ReportCommandArgs) -> Result<()> {
    let lang = crate::i18n::current();
    // Refuse early, before any analysis, when there is nothing to print the PDF with.
    if args.format == ReportFormat::Pdf {
        board::chromium().map_err(|tried| {
            anyhow!(ReportText::PdfNeedsChromium { tried: &tried }.render(lang))
        })?;
    }
    let ctx = source_context(&args.source).await?;
    let pb = spinner(&say(&Notice::LayingOut {
        orgs: ctx.data.organizations.len(),
    }));
    let made = board::Made {
        date: today(),
        source: match args.source.input.as_deref().and_then(|p| p.file_name()) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => Label::MapSourceStore.text(lang).to_owned(),
        },
    };
    let paper = match args.format {
        ReportFormat::Pdf => Some(args.paper.unwrap_or(Paper::A4)),
        ReportFormat::Html => args.paper,
    };
    let html = board::report_html(&ctx, lang, made, paper).await?;
    let bytes = match args.format {
        ReportFormat::Html => html.into_bytes(),
        ReportFormat::Pdf => tokio::task::spawn_blocking(move || board::print_pdf(&html, lang))
            .await?
            .map_err(|e| anyhow!(e))?,
    };
    pb.finish_and_clear();
    output(args.out.as_ref(), &bytes)?;
    if let Some(path) = &args.out {
        println!(
            "{}",
            ReportText::Wrote {
                path: &path.display().to_string(),
                bytes: bytes.len(),
            }
            .render(lang)
        );
    }
    Ok(())
}
