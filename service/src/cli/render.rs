//! `puentes render`: a picture of the map, without a browser.

use super::{cannot_write, source_context, spinner, SourceArgs};
use crate::i18n::{refuse, say, Notice, Refusal};
use crate::params::View;
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `puentes render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// overview, community/N (community number N) or ego/ID (organization ID and its
    /// neighbours).
    #[arg(long, default_value = "overview")]
    pub view: String,
    /// With --view ego/ID: ties from the organization, 1 (default) or 2.
    #[arg(long, value_parser = View::parse_radius)]
    pub radius: Option<u8>,
    /// Picture format.
    #[arg(long, value_enum)]
    pub format: ImageFormat,
    /// File to write.
    #[arg(long)]
    pub out: PathBuf,
}

/// Picture formats of `puentes render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    /// SVG, written by hand (text, scalable).
    Svg,
    /// PNG, rasterized by resvg with the embedded DejaVu Sans font.
    Png,
}

/// `puentes render`: the picture of one view of the map, written to `--out`.
pub async fn render(args: RenderArgs) -> Result<()> {
    let view = View::parse(&args.view, args.radius).map_err(|e| refuse(&Refusal::Map(e)))?;
    let ctx = source_context(&args.source).await?;
    let pb = spinner(&say(&Notice::LayingOut {
        orgs: ctx.data.organizations.len(),
    }));
    let (net, gaps, layout) = (ctx.network().await?, ctx.gaps().await?, ctx.layout().await?);
    let (lang, revision, format) = (crate::i18n::current(), ctx.revision, args.format);
    let (as_of, confirmed) = (ctx.as_of, ctx.confirmed);
    let (map, bytes) = tokio::task::spawn_blocking(move || -> Result<_> {
        let mut map = crate::map::view(&net, &gaps, &layout, &view, lang, revision)?;
        map.name_the_network(as_of, confirmed);
        let svg = crate::map::svg(&map);
        let bytes = match format {
            ImageFormat::Svg => svg.into_bytes(),
            ImageFormat::Png => crate::map::png(&svg)?,
        };
        Ok((map, bytes))
    })
    .await??;
    pb.finish_and_clear();
    std::fs::write(&args.out, &bytes).map_err(|e| cannot_write(&args.out, &e))?;
    println!(
        "{}",
        say(&Notice::WroteImage {
            path: args.out.display().to_string(),
            bytes: bytes.len(),
            width: crate::map::WIDTH,
            height: crate::map::HEIGHT,
            view: map.view.param.to_string(),
            nodes: map.totals.nodes,
            edges: map.totals.edges,
            labelled: map.nodes.iter().filter(|n| n.labelled).count(),
        })
    );
    Ok(())
}
