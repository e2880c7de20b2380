//! `puentes export`: the network with every attribute and metric, as a file.

use super::{output, output_private, source_context, SourceArgs};
use crate::export::ExportFormat;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// `puentes export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// csv, json, graphml or gexf.
    #[arg(long, value_parser = ExportFormat::parse)]
    pub format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Include restricted fields (exact coordinates, contacts). Handle the file with care:
    /// with --out it is written readable by its owner only (mode 0600).
    #[arg(long)]
    pub include_restricted: bool,
}

/// `puentes export`.
pub async fn export(args: ExportArgs) -> Result<()> {
    let ctx = source_context(&args.source).await?;
    let bytes = ctx.export(args.format, args.include_restricted).await?;
    if args.include_restricted {
        output_private(args.out.as_ref(), &bytes)
    } else {
        output(args.out.as_ref(), &bytes)
    }
}
