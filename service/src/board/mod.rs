//! The planner's report: one self-contained, printable HTML document a planner hands to a
//! board (`puentes report`, `GET /api/v1/report`), and its PDF printed by headless Chromium.
//!
//! # What it holds
//! Title, date, network revision and source; the map of the network with its legend (the
//! picture of `puentes render`, [`crate::map::svg_with`]); the key figures (the numbers of
//! `/api/v1/summary` and of the gap analysis, each with a `data-figure` attribute holding
//! the raw value); the findings in the catalogue's sentences ([`crate::report::gap_report()`]):
//! isolated and peripheral organizations, cut points and what they cut off, bridges,
//! communities that do not talk to each other (with the community gap matrix as a heat map),
//! services out of reach; the best suggested introductions (the network's suggestions, goal
//! `bridge`, as `/api/v1/suggestions` gives them); the degree distribution; the definition
//! of every figure.
//!
//! # Why it is shaped this way
//! * **Self-contained**: one file, inline CSS, inline SVG drawn here; no script, no font, no
//!   image or style sheet fetched from anywhere (a board member may open it offline, and a
//!   printed page must not depend on a network). Served with its own Content-Security-Policy
//!   ([`CONTENT_SECURITY_POLICY`]: nothing may load, inline styles only).
//! * **Never restricted fields**: it is built from names, communities, services and numbers
//!   only; exact locations and contacts are not read.
//! * **Every word from the catalogue** (`i18n/catalogue/report.rs` for its own headings and
//!   definitions, the findings' sentences for the rest), every name escaped.
//! * Built from one [`Revision`]: one answer never mixes two revisions; the analyses it reads
//!   are the ones every other route caches.

mod charts;
mod figures;
mod html;
mod pdf;

pub use figures::{figure_key, needs_gaps, Figures};
pub use pdf::{chromium, print_pdf, Paper};

use crate::analyses::{AnalysisFailure, Revision};
use crate::i18n::Lang;
use crate::report::{self, OrgRef};
use charts::{Heat, HeatRow};
use puentes_analysis::gaps::{community_gaps, GapAnalysis};
use puentes_analysis::network::node;
use puentes_analysis::suggest::Goal;
use puentes_analysis::Network;

/// The Content-Security-Policy of the report as the API serves it: nothing is loaded from
/// anywhere (`default-src 'none'`, so no script can run either), the one inline `<style>`
/// and inline SVG are allowed, never framed, no `<base>`, no form.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
    img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Items listed per finding in the report (each list says how many more there are).
const LISTED: usize = 12;
/// Suggested introductions listed.
const INTRODUCTIONS: usize = 10;
/// Communities drawn in the heat map (the rest are one row, "all smaller communities").
const HEAT_COMMUNITIES: usize = 12;

/// Where the report comes from, written under its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The day it was made, `2026-12-06`.
    pub date: String,
    /// A file name, or the store's words.
    pub source: String,
}

/// One suggested introduction: a peripheral organization and its best new partner.
#[derive(Debug, Clone)]
struct Introduction {
    from: OrgRef,
    to: OrgRef,
    explanation: String,
    introducers: Vec<String>,
}

/// The report of `ctx`'s network in `lang`, as one HTML document.
///
/// `paper` sets the printed page size (`None`: the printer's own, A4 or Letter).
///
/// # Errors
/// [`AnalysisFailure`] when an analysis fails or the analysis queue is full.
pub async fn report_html(
    ctx: &Revision,
    lang: Lang,
    made: Made,
    paper: Option<Paper>,
) -> Result<String, AnalysisFailure> {
    let (net, gaps, summary, layout) = (
        ctx.network().await?,
        ctx.gaps().await?,
        ctx.summary().await?,
        ctx.layout().await?,
    );
    let suggestions = ctx.network_suggestions(Goal::Bridge).await?;
    let (revision, as_of, confirmed) = (ctx.revision, ctx.as_of, ctx.confirmed);
    let data = std::sync::Arc::clone(&ctx.data);
    ctx.bounded(move || {
        let map = crate::map::view(
            &net,
            &gaps,
            &layout,
            &crate::map::View::Overview,
            lang,
            revision,
        )
        .map(|mut view| {
            view.name_the_network(as_of, confirmed, None);
            crate::map::label_every_name(&mut view);
            let caption = crate::map::Caption {
                date: made.date.clone(),
                source: made.source.clone(),
                revision,
            };
            crate::map::svg_with(&view, Some(&caption))
        })
        .unwrap_or_default();
        let (peripheral, introductions) = match suggestions.as_ref() {
            Ok(all) => introductions(&net, &gaps, all, lang),
            Err(_) => (0, Vec::new()),
        };
        let partners = data.organizations.iter().filter(|o| o.partner);
        let input = html::Input {
            lang,
            made: &made,
            revision,
            as_of,
            confirmed,
            paper,
            summary: &summary,
            partners: partners.clone().count(),
            people_served: partners.filter_map(|o| o.population_served).sum(),
            gaps: &gaps,
            report: report::gap_report(&net, &gaps, 0, LISTED, lang),
            map_svg: map,
            heat: heat(&net, &gaps, lang),
            degrees: (0..net.node_count()).map(|v| net.degree(node(v))).collect(),
            peripheral_considered: peripheral,
            introductions,
        };
        html::document(&input)
    })
    .await
}

/// The best new tie of the first [`INTRODUCTIONS`] peripheral organizations that have one,
/// with the number of peripheral organizations considered.
fn introductions(
    net: &Network,
    gaps: &GapAnalysis,
    all: &[puentes_analysis::suggest::Suggestions],
    lang: Lang,
) -> (usize, Vec<Introduction>) {
    let list = all
        .iter()
        .filter(|s| !s.suggestions.is_empty())
        .take(INTRODUCTIONS)
        .filter_map(|s| {
            let r = report::suggestion_report(net, gaps, s, lang);
            let best = r.items.into_iter().next()?;
            Some(Introduction {
                from: r.organization,
                to: best.organization,
                explanation: best.explanation,
                introducers: best
                    .introducers
                    .into_iter()
                    .take(3)
                    .map(|i| i.organization.name)
                    .collect(),
            })
        })
        .collect();
    (all.len(), list)
}

/// The community gap matrix of the [`HEAT_COMMUNITIES`] largest communities (the others
/// together as one last row): the same computation as the gap analysis's
/// ([`community_gaps`]), on the partition with the smaller communities merged, so the
/// overall density, and with it every expected count, is the network's.
fn heat(net: &Network, gaps: &GapAnalysis, lang: Lang) -> Heat {
    let sizes = &gaps.community_gaps.sizes;
    let mut order: Vec<u32> = (0..sizes.len() as u32).collect();
    order.sort_by(|&a, &b| sizes[b as usize].cmp(&sizes[a as usize]).then(a.cmp(&b)));
    let shown = order.len().min(HEAT_COMMUNITIES);
    let rest = order.len() > shown;
    let mut row_of = vec![shown as u32; sizes.len()];
    for (row, &c) in order.iter().take(shown).enumerate() {
        row_of[c as usize] = row as u32;
    }
    let membership: Vec<u32> = gaps
        .partition
        .membership
        .iter()
        .map(|&c| row_of[c as usize])
        .collect();
    let k = shown + usize::from(rest);
    let mut ratio = vec![vec![None; k]; k];
    if !membership.is_empty() {
        let m = community_gaps(net, &membership);
        for p in m.least_connected.iter().chain(&m.inside) {
            let (a, b) = (p.a as usize, p.b as usize);
            if a < k && b < k {
                let r = p.ratio.is_finite().then_some(p.ratio);
                ratio[a][b] = r;
                ratio[b][a] = r;
            }
        }
    }
    let mut rows: Vec<HeatRow> = order
        .iter()
        .take(shown)
        .map(|&c| HeatRow {
            name: report::community(gaps, c).name(lang),
            size: sizes[c as usize],
        })
        .collect();
    if rest {
        rows.push(HeatRow {
            name: crate::i18n::catalogue::report::ReportText::OtherCommunities.render(lang),
            size: order[shown..].iter().map(|&c| sizes[c as usize]).sum(),
        });
    }
    Heat { rows, ratio }
}
