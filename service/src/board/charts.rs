//! The report's two charts, written by hand as SVG (no script, no external font or asset):
//! the community gap matrix as a heat map, and the degree distribution as a histogram.
//! Coordinates are written with at most one decimal.

use crate::i18n::catalogue::report::ReportText;
use crate::i18n::Lang;
use std::fmt::Write as _;

/// One row (and column) of the heat map: a community's name and size.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct HeatRow {
    /// The community's name in the reader's language.
    pub name: String,
    /// Organizations in it.
    pub size: usize,
}

/// The heat map's data: `ratio[i][j]` is observed / expected ties between rows `i` and `j`
/// (inside the community on the diagonal); `None` when nothing was expected.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Heat {
    /// The rows, largest community first.
    pub rows: Vec<HeatRow>,
    /// Observed over expected ties, symmetric.
    pub ratio: Vec<Vec<Option<f64>>>,
}

/// A number for SVG: one decimal at most.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Escapes text for XML and HTML.
fn esc(s: &str) -> String {
    crate::export::xml(s)
}

/// The fill of a ratio: white at 0, deep blue at 2 or more (square-root scale, so the
/// pale end, where communities do not talk, is spread out); grey when unknown.
fn heat_colour(ratio: Option<f64>) -> (String, &'static str) {
    let Some(r) = ratio.filter(|r| r.is_finite()) else {
        return ("#eaeef2".to_owned(), "#1f2328");
    };
    let t = (r / 2.0).clamp(0.0, 1.0).sqrt();
    // From #ffffff to #08306b.
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    let fill = format!(
        "#{:02x}{:02x}{:02x}",
        mix(255.0, 8.0),
        mix(255.0, 48.0),
        mix(255.0, 107.0)
    );
    let text = if t > 0.55 { "#ffffff" } else { "#1f2328" };
    (fill, text)
}

/// The opening of a chart: its `<svg>` element of `width` × `height` and its `<title>`.
fn svg_open(class: &str, width: f64, height: f64, title: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart {class}" viewBox="0 0 {} {}" width="{}" height="{}" role="img" font-family="DejaVu Sans, Arial, sans-serif">"#,
        num(width),
        num(height),
        num(width),
        num(height)
    );
    let _ = write!(s, "<title>{}</title>", esc(title));
    s
}

/// The heat map: rows named `1. Name (size)` on the left, columns numbered, each square
/// coloured by its ratio and labelled with it; every square has a `<title>` in words.
pub(super) fn heat_map(heat: &Heat, lang: Lang) -> String {
    let k = heat.rows.len();
    let cell = 38.0;
    let label_w = 330.0;
    let top = 30.0;
    let width = label_w + cell * k as f64 + 10.0;
    let height = top + cell * k as f64 + 60.0;
    let mut s = svg_open(
        "heat",
        width,
        height,
        &ReportText::CommunityGapsHeading.render(lang),
    );
    for (j, _) in heat.rows.iter().enumerate() {
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#1f2328">{}</text>"##,
            num(label_w + cell * (j as f64 + 0.5)),
            num(top - 10.0),
            j + 1
        );
    }
    for (i, row) in heat.rows.iter().enumerate() {
        let y = top + cell * i as f64;
        let label = format!("{}. {} ({})", i + 1, row.name, lang.count(row.size));
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#1f2328"><title>{}</title>{}</text>"##,
            num(label_w - 8.0),
            num(y + cell / 2.0 + 4.0),
            esc(&label),
            esc(&fit(&label, 48))
        );
        for (j, other) in heat.rows.iter().enumerate() {
            let ratio = heat.ratio[i][j];
            let (fill, ink) = heat_colour(ratio);
            let x = label_w + cell * j as f64;
            let shown = ratio
                .filter(|r| r.is_finite())
                .map_or_else(|| "–".to_owned(), |r| lang.decimal(r, 1));
            let _ = write!(
                s,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="#ffffff" stroke-width="1"><title>{} · {}: {shown}</title></rect>"##,
                num(x),
                num(y),
                num(cell),
                num(cell),
                esc(&row.name),
                esc(&other.name)
            );
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="{ink}">{shown}</text>"#,
                num(x + cell / 2.0),
                num(y + cell / 2.0 + 3.5)
            );
        }
    }
    // The colour key: 0, 1, 2 or more.
    let ky = top + cell * k as f64 + 22.0;
    for (step, value) in [0.0, 0.5, 1.0, 1.5, 2.0].into_iter().enumerate() {
        let (fill, _) = heat_colour(Some(value));
        let x = label_w + 40.0 * step as f64;
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="40" height="12" fill="{fill}" stroke="#8c959f" stroke-width="0.5"/><text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#1f2328">{}</text>"##,
            num(x),
            num(ky),
            num(x + 20.0),
            num(ky + 26.0),
            if step == 4 {
                format!("≥ {}", lang.decimal(value, 0))
            } else {
                lang.decimal(value, 1)
            }
        );
    }
    s.push_str("</svg>");
    s
}

/// `text` cut to `chars` characters with an ellipsis (the whole text is in the `<title>`
/// beside it).
fn fit(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(chars - 1).collect();
        cut.push('…');
        cut
    }
}

/// One bar of the histogram: its label (`3`, `5–8`) and how many organizations it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bin {
    /// The degrees it covers, as written under it.
    pub label: String,
    /// Organizations with such a degree.
    pub count: usize,
}

/// Degrees grouped into bars: one per degree up to 30, else 0, 1, 2, 3–4, 5–8, 9–16, …
pub(super) fn degree_bins(degrees: &[usize]) -> Vec<Bin> {
    let max = degrees.iter().copied().max().unwrap_or(0);
    if max <= 30 {
        let mut counts = vec![0usize; max + 1];
        for &d in degrees {
            counts[d] += 1;
        }
        return counts
            .into_iter()
            .enumerate()
            .map(|(d, count)| Bin {
                label: d.to_string(),
                count,
            })
            .collect();
    }
    // [0], [1], [2], [3, 4], [5, 8], [9, 16], …
    let mut bounds: Vec<(usize, usize)> = vec![(0, 0), (1, 1), (2, 2)];
    let mut low = 3;
    while low <= max {
        let high = (low - 1) * 2;
        bounds.push((low, high));
        low = high + 1;
    }
    bounds
        .into_iter()
        .map(|(lo, hi)| Bin {
            label: if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            },
            count: degrees.iter().filter(|&&d| d >= lo && d <= hi).count(),
        })
        .collect()
}

/// The histogram of `bins`: bars with their counts above, the degrees under them, axis
/// titles in `lang`.
pub(super) fn histogram(bins: &[Bin], lang: Lang) -> String {
    let (left, bottom, top) = (56.0, 48.0, 24.0);
    let plot_h = 220.0;
    let bar = (640.0 / bins.len().max(1) as f64).clamp(12.0, 48.0);
    let width = left + bar * bins.len() as f64 + 20.0;
    let height = top + plot_h + bottom;
    let most = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let mut s = svg_open(
        "histogram",
        width,
        height,
        &ReportText::DegreeHeading.render(lang),
    );
    let base = top + plot_h;
    let _ = write!(
        s,
        r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#57606a" stroke-width="1"/>"##,
        num(left),
        num(base),
        num(width - 10.0),
        num(base)
    );
    let small = bins.len() > 24;
    for (i, b) in bins.iter().enumerate() {
        let h = plot_h * b.count as f64 / most;
        let x = left + bar * i as f64;
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#0072b2"><title>{}: {}</title></rect>"##,
            num(x + 1.0),
            num(base - h),
            num(bar - 2.0),
            num(h),
            esc(&b.label),
            lang.count(b.count)
        );
        if b.count > 0 {
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="#1f2328">{}</text>"##,
                num(x + bar / 2.0),
                num(base - h - 4.0),
                if small { 8 } else { 10 },
                lang.count(b.count)
            );
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="#1f2328">{}</text>"##,
            num(x + bar / 2.0),
            num(base + 14.0),
            if small { 8 } else { 10 },
            esc(&b.label)
        );
    }
    let _ = write!(
        s,
        r##"<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#57606a">{}</text>"##,
        num(left + bar * bins.len() as f64 / 2.0),
        num(base + 36.0),
        esc(&ReportText::DegreeAxis.render(lang))
    );
    let _ = write!(
        s,
        r##"<text x="16" y="{}" font-size="12" text-anchor="middle" fill="#57606a" transform="rotate(-90 16 {})">{}</text>"##,
        num(top + plot_h / 2.0),
        num(top + plot_h / 2.0),
        esc(&ReportText::OrganizationsAxis.render(lang))
    );
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_are_binned_by_degree_then_by_doubling() {
        let bins = degree_bins(&[0, 1, 1, 3, 3, 3]);
        let counts: Vec<usize> = bins.iter().map(|b| b.count).collect();
        assert_eq!(counts, vec![1, 2, 0, 3]);
        let bins = degree_bins(&[0, 2, 4, 8, 9, 40]);
        let labels: Vec<&str> = bins.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            vec!["0", "1", "2", "3–4", "5–8", "9–16", "17–32", "33–64"]
        );
        let counts: Vec<usize> = bins.iter().map(|b| b.count).collect();
        assert_eq!(counts, vec![1, 0, 1, 1, 1, 1, 0, 1]);
        assert_eq!(counts.iter().sum::<usize>(), 6);
    }

    #[test]
    fn the_heat_map_escapes_names_and_colours_by_ratio() {
        let heat = Heat {
            rows: vec![
                HeatRow {
                    name: "A <&> B".into(),
                    size: 10,
                },
                HeatRow {
                    name: "C".into(),
                    size: 4,
                },
            ],
            ratio: vec![vec![Some(3.0), Some(0.0)], vec![Some(0.0), None]],
        };
        let svg = heat_map(&heat, Lang::Es);
        assert!(svg.contains("A &lt;&amp;&gt; B"), "{svg}");
        assert!(!svg.contains("A <&> B"));
        assert_eq!(heat_colour(Some(0.0)).0, "#ffffff");
        assert_eq!(heat_colour(Some(5.0)).0, "#08306b");
        // Spanish decimals in the squares.
        assert!(svg.contains(">3,0<"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 4 + 5);
    }
}
