//! `puentes render`: a picture of the map, without a browser.

use super::{cannot_write, source_context, spinner, SourceArgs};
use crate::i18n::{refuse, say, Label, Notice, Refusal};
use crate::map::Caption;
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
    let caption = Caption {
        date: today(),
        source: match args.source.input.as_deref().and_then(|p| p.file_name()) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => Label::MapSourceStore.text(lang).to_owned(),
        },
        revision,
    };
    let (map, bytes) = tokio::task::spawn_blocking(move || -> Result<_> {
        let mut map = crate::map::view(&net, &gaps, &layout, &view, lang, revision)?;
        map.name_the_network(as_of, confirmed, None);
        // On paper every name that fits is written, not only the page's first labels.
        crate::map::label_every_name(&mut map);
        let svg = crate::map::svg_with(&map, Some(&caption));
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

/// Today's date (UTC) as `2026-12-06`.
pub(crate) fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(secs / 86_400)
}

/// The proleptic Gregorian date of day `days` after 1970-01-01, as `YYYY-MM-DD` (Howard
/// Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn days_since_1970_as_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        // 2000-02-29: 30 years (7 leap days) and 59 days later: 10,957 + 59.
        assert_eq!(civil_date(11_016), "2000-02-29");
        // 2026-12-06: 56 years with 14 leap days (20,454 days) and 339 days.
        assert_eq!(civil_date(20_793), "2026-12-06");
    }
}
