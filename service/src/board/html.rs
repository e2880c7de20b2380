//! The report as one HTML document: inline CSS (screen and print), inline SVG, every text
//! from the catalogue, every name escaped.

use super::charts::{self, Heat};
use super::figures::{figure_key, Figures};
use super::{Introduction, Made, Paper};
use crate::i18n::catalogue::metric_definition;
use crate::i18n::catalogue::report::{Figure, ReportText};
use crate::i18n::{Label, Lang};
use crate::report::GapReport;
use puentes_analysis::gaps::GapAnalysis;
use puentes_analysis::metrics::Metric;
use puentes_analysis::summary::Summary;
use std::fmt::Write as _;

/// Everything the document shows.
pub(super) struct Input<'a> {
    pub lang: Lang,
    pub made: &'a Made,
    pub revision: u64,
    pub as_of: Option<i32>,
    pub confirmed: bool,
    pub paper: Option<Paper>,
    pub summary: &'a Summary,
    pub partners: usize,
    pub people_served: u64,
    pub gaps: &'a GapAnalysis,
    pub report: GapReport,
    pub map_svg: String,
    pub heat: Heat,
    pub degrees: Vec<usize>,
    pub peripheral_considered: usize,
    pub introductions: Vec<Introduction>,
}

/// The style sheet: a readable page on screen, A4/Letter pages in print (the map on a
/// landscape page of its own).
const STYLE: &str = "
:root { color: #1f2328; font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 11pt; line-height: 1.4; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #0072b2; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; }
p.meta, figcaption, .muted { color: #57606a; }
figcaption { font-size: .9rem; margin-top: .3rem; }
figure { margin: .5rem 0; }
svg { max-width: 100%; height: auto; }
svg.map { width: 100%; border: 1px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #d0d7de; }
th { background: #f6f8fa; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
ul, ol { padding-left: 1.3rem; margin: .3rem 0; }
li { margin: .2rem 0; }
dl dt { font-weight: bold; margin-top: .5rem; }
dl dd { margin: 0 0 .2rem 1rem; }
dd.cite { color: #57606a; font-size: .85rem; }
footer { margin-top: 2rem; font-size: .9rem; color: #57606a; }
@page { margin: 14mm 12mm; }
@page wide { size: landscape; margin: 10mm; }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  section.map-page { page: wide; }
  h2, h3 { break-after: avoid; }
  figure, tr, li, dt, dd, svg { break-inside: avoid; }
  section.findings, section.introductions, section.distribution, section.definitions { break-before: page; }
  svg.map { border: none; width: auto; height: 155mm; max-width: 100%; }
}
";

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    crate::export::xml(s)
}

fn text(t: ReportText<'_>, lang: Lang) -> String {
    esc(&t.render(lang))
}

/// A list of sentences with its "and N more".
fn sentences(out: &mut String, items: &[String], total: usize, lang: Lang) {
    if items.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", text(ReportText::NoneFound, lang));
        return;
    }
    out.push_str("<ul>\n");
    for s in items {
        let _ = writeln!(out, "<li>{}</li>", esc(s));
    }
    out.push_str("</ul>\n");
    more(out, items.len(), total, lang);
}

fn more(out: &mut String, shown: usize, total: usize, lang: Lang) {
    if total > shown {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            text(
                ReportText::MoreInFullList {
                    more: total - shown
                },
                lang
            )
        );
    }
}

/// The whole document.
pub(super) fn document(input: &Input<'_>) -> String {
    let lang = input.lang;
    let r = &input.report;
    let mut out = String::with_capacity(64 * 1024 + input.map_svg.len());
    let title = text(ReportText::Title, lang);
    let paper = match input.paper {
        Some(Paper::A4) => "@page { size: A4; }",
        Some(Paper::Letter) => "@page { size: letter; }",
        None => "",
    };
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}{paper}</style>\n</head>\n<body>\n",
        lang.code()
    );
    // Title and where it comes from.
    let _ = writeln!(out, "<header>\n<h1>{title}</h1>");
    let _ = writeln!(
        out,
        "<p class=\"meta\" id=\"made\">{}</p>",
        text(
            ReportText::Made {
                date: &input.made.date,
                source: &input.made.source,
                revision: input.revision,
            },
            lang
        )
    );
    if let Some(year) = input.as_of {
        let _ = writeln!(
            out,
            "<p class=\"meta\">{}</p>",
            text(ReportText::AsOf { year }, lang)
        );
    }
    if input.confirmed {
        let _ = writeln!(
            out,
            "<p class=\"meta\">{}</p>",
            text(ReportText::ConfirmedOnly, lang)
        );
    }
    out.push_str("</header>\n");

    // Key figures.
    let _ = writeln!(
        out,
        "<section class=\"figures\" id=\"figures\">\n<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        text(ReportText::KeyFigures, lang),
        text(ReportText::ColumnFigure, lang),
        text(ReportText::ColumnValue, lang)
    );
    let figures = Figures {
        summary: input.summary,
        partners: input.partners,
        people_served: input.people_served,
        gaps: Some(input.gaps),
    };
    for &f in Figure::ALL {
        let (shown, raw) = figures
            .value(f, lang)
            .unwrap_or_else(|| ("–".to_owned(), String::new()));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\" data-figure=\"{}\" data-value=\"{}\">{}</td></tr>",
            esc(f.name(lang)),
            figure_key(f),
            esc(&raw),
            esc(&shown)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");

    // The map.
    let map = input
        .map_svg
        .trim_start_matches(|c| c != '<')
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .unwrap_or(&input.map_svg)
        .trim()
        // Inline SVG in HTML needs no namespace: the document names no address at all.
        .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
        .replacen("<svg ", "<svg class=\"map\" role=\"img\" ", 1);
    let _ = writeln!(
        out,
        "<section class=\"map-page\" id=\"map\">\n<h2>{}</h2>\n<figure>\n{map}\n<figcaption>{}</figcaption>\n</figure>\n</section>",
        text(ReportText::MapHeading, lang),
        text(ReportText::MapCaption, lang)
    );

    // Findings.
    let _ = writeln!(
        out,
        "<section class=\"findings\" id=\"findings\">\n<h2>{}</h2>\n<p class=\"muted\">{}</p>",
        text(ReportText::Findings, lang),
        esc(&r.communities)
    );
    // Isolated and peripheral organizations: a table.
    let _ = writeln!(
        out,
        "<h3 id=\"peripheral\">{}</h3>",
        text(
            ReportText::PeripheralHeading {
                total: r.peripheral.total
            },
            lang
        )
    );
    if r.peripheral.items.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", text(ReportText::NoneFound, lang));
    } else {
        let _ = writeln!(
            out,
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            text(ReportText::ColumnOrganization, lang),
            text(ReportText::ColumnMembership, lang),
            text(ReportText::ColumnWhy, lang)
        );
        for p in &r.peripheral.items {
            let membership = if p.partner {
                ReportText::Partner
            } else {
                ReportText::Ally
            };
            let _ = writeln!(
                out,
                "<tr><td><strong>{}</strong></td><td>{}</td><td>{}</td></tr>",
                esc(&p.organization.name),
                text(membership, lang),
                esc(&p.explanation.join(" "))
            );
        }
        out.push_str("</tbody>\n</table>\n");
        more(&mut out, r.peripheral.items.len(), r.peripheral.total, lang);
    }
    let _ = writeln!(
        out,
        "<h3 id=\"cut-points\">{}</h3>",
        text(
            ReportText::CutPointsHeading {
                total: r.cut_points.total
            },
            lang
        )
    );
    let cut: Vec<String> = r
        .cut_points
        .items
        .iter()
        .map(|c| c.explanation.clone())
        .collect();
    sentences(&mut out, &cut, r.cut_points.total, lang);
    let _ = writeln!(
        out,
        "<h3 id=\"bridges\">{}</h3>",
        text(
            ReportText::BridgesHeading {
                total: r.bridges.total
            },
            lang
        )
    );
    let bridges: Vec<String> = r
        .bridges
        .items
        .iter()
        .map(|b| b.explanation.clone())
        .collect();
    sentences(&mut out, &bridges, r.bridges.total, lang);
    // Communities that do not talk: the heat map, then the least connected pairs.
    let _ = writeln!(
        out,
        "<h3 id=\"community-gaps\">{}</h3>",
        text(ReportText::CommunityGapsHeading, lang)
    );
    if !input.heat.rows.is_empty() {
        let shown = input.gaps.partition.count.min(super::HEAT_COMMUNITIES);
        let _ = writeln!(
            out,
            "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>",
            charts::heat_map(&input.heat, lang),
            text(
                ReportText::HeatMapCaption {
                    shown,
                    total: input.gaps.partition.count
                },
                lang
            )
        );
    }
    let pairs: Vec<String> = r
        .least_connected_communities
        .items
        .iter()
        .take(8)
        .map(|p| p.explanation.clone())
        .collect();
    sentences(&mut out, &pairs, r.least_connected_communities.total, lang);
    let _ = writeln!(
        out,
        "<h3 id=\"services\">{}</h3>",
        text(
            ReportText::ServicesHeading {
                total: r.service_gaps.total
            },
            lang
        )
    );
    let services: Vec<String> = r
        .service_gaps
        .items
        .iter()
        .map(|s| s.explanation.clone())
        .collect();
    sentences(&mut out, &services, r.service_gaps.total, lang);
    let _ = writeln!(
        out,
        "<h3 id=\"inward\">{}</h3>",
        text(
            ReportText::InwardHeading {
                total: r.inward_looking.total
            },
            lang
        )
    );
    let inward: Vec<String> = r
        .inward_looking
        .items
        .iter()
        .map(|i| i.explanation.clone())
        .collect();
    sentences(&mut out, &inward, r.inward_looking.total, lang);
    out.push_str("</section>\n");

    // Introductions.
    let _ = writeln!(
        out,
        "<section class=\"introductions\" id=\"introductions\">\n<h2>{}</h2>",
        text(ReportText::Introductions, lang)
    );
    if input.introductions.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", text(ReportText::NoneFound, lang));
    } else {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>\n<ol>",
            text(
                ReportText::IntroductionsLead {
                    peripheral: input.peripheral_considered,
                    with: input.introductions.len(),
                },
                lang
            )
        );
        for i in &input.introductions {
            let _ = write!(
                out,
                "<li><strong>{}</strong> → <strong>{}</strong>. {}",
                esc(&i.from.name),
                esc(&i.to.name),
                esc(&i.explanation)
            );
            if !i.introducers.is_empty() {
                let names: Vec<&str> = i.introducers.iter().map(String::as_str).collect();
                let listed = crate::i18n::catalogue::list_in_words(&names, lang);
                let _ = write!(
                    out,
                    " {}",
                    text(ReportText::IntroducedBy { names: &listed }, lang)
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");

    // Degree distribution.
    let bins = charts::degree_bins(&input.degrees);
    let mut sorted = input.degrees.clone();
    sorted.sort_unstable();
    let median = sorted
        .get(sorted.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0);
    let max = sorted.last().copied().unwrap_or(0);
    let _ = writeln!(
        out,
        "<section class=\"distribution\" id=\"distribution\">\n<h2>{}</h2>\n<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n</section>",
        text(ReportText::DegreeHeading, lang),
        charts::histogram(&bins, lang),
        text(ReportText::DegreeCaption { median, max }, lang)
    );

    // Definitions.
    let _ = writeln!(
        out,
        "<section class=\"definitions\" id=\"definitions\">\n<h2>{}</h2>\n<dl>",
        text(ReportText::Definitions, lang)
    );
    for &f in Figure::ALL {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            esc(f.name(lang)),
            esc(f.definition(lang))
        );
    }
    // The organization metrics the findings read, as the catalogue defines them for citation.
    for (label, metric) in [
        (Label::MetricDegree, Metric::Degree),
        (Label::MetricCoreNumber, Metric::CoreNumber),
        (Label::MetricCloseness, Metric::Closeness),
    ] {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd class=\"cite\">{}</dd>",
            esc(label.text(lang)),
            esc(metric_definition(metric, lang))
        );
    }
    out.push_str("</dl>\n</section>\n");
    let _ = writeln!(
        out,
        "<footer>\n<h2>{}</h2>\n<p>{}</p>\n</footer>\n</body>\n</html>",
        text(ReportText::HowMade, lang),
        text(ReportText::HowMadeText, lang)
    );
    out
}
