//! Pictures of a [`MapView`]: the SVG written by hand (the same text for the same view, byte
//! for byte), the PNG rasterized from it by resvg with the one font built into the binary,
//! and the choice of labels that do not overlap.
//!
//! # Canvas
//! [`WIDTH`] × [`HEIGHT`] pixels: the map on the left, fitted to its frame with a margin,
//! the legend in a column on the right. Nodes are `<circle>` elements (one per node, nothing
//! else is a circle: legend symbols are rounded `<rect>`s), drawn over the ties; bridges
//! are drawn last among the ties, dashed.
//!
//! # Labels
//! A label is the node's whole name, wrapped at spaces onto lines of at most 30 characters
//! (never cut). Nodes are taken largest first (then by id; the centre of an ego view before
//! all); a label goes to the right of its disc, or
//! else left, above or below, on the first side where its box, measured with the embedded
//! font, stays on the map, overlaps no label kept before and covers no other node's disc;
//! at most [`MAX_LABELS`]. The API marks the same nodes `labelled`, with the side.

use super::{LabelSide, MapNode, MapView, NodeKind};
use crate::i18n::Label;
use resvg::tiny_skia;
use resvg::usvg;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

/// Width of the picture, in pixels.
pub const WIDTH: u32 = 1600;
/// Height of the picture, in pixels.
pub const HEIGHT: u32 = 1000;
/// Width of the legend column on the right.
const LEGEND_WIDTH: f64 = 380.0;
/// Space around the map.
const MARGIN: f64 = 24.0;
/// Smallest drawn radius, in pixels (so a node of a large view stays visible).
const MIN_RADIUS_PX: f64 = 1.5;
/// Most labels on one picture.
pub(super) const MAX_LABELS: usize = 60;
/// Nodes considered for a label (the largest ones).
const LABEL_CANDIDATES: usize = 400;
/// Label sizes, in pixels.
const ORGANIZATION_FONT: f64 = 11.0;
const COMMUNITY_FONT: f64 = 12.0;
/// Labels longer than this many characters wrap onto more lines (never cut).
const LABEL_CHARS: usize = 30;
/// Space between the lines of a label, in pixels beyond the font size.
const LINE_GAP: f64 = 1.0;
/// Communities listed by name in the legend.
const LEGEND_COMMUNITIES: usize = 10;

/// The font every picture uses: DejaVu Sans 2.37 (Bitstream Vera licence; see
/// `assets/fonts/SOURCE.md`), built into the binary so pixels never depend on the fonts of
/// the machine.
const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FONT_FAMILY: &str = "DejaVu Sans";

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// resvg could not read the SVG (a bug: the SVG is written here).
    #[error("reading the SVG: {0}")]
    Svg(String),
    /// The PNG could not be encoded.
    #[error("encoding the PNG: {0}")]
    Png(String),
}

/// The fonts the rasterizer knows: the embedded one, and nothing from the system.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    }))
}

fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    }
}

/// Where the map goes on the canvas: `px = left + x · scale`, `py = top + y · scale`.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    scale: f64,
    left: f64,
    top: f64,
}

impl Geometry {
    /// Fits a frame of `width × height` layout units in the map area, centred.
    fn fit([width, height]: [f64; 2]) -> Self {
        let area_w = f64::from(WIDTH) - LEGEND_WIDTH - 2.0 * MARGIN;
        let area_h = f64::from(HEIGHT) - 2.0 * MARGIN;
        let scale = match (width > 0.0, height > 0.0) {
            (true, true) => (area_w / width).min(area_h / height),
            (true, false) => area_w / width,
            (false, true) => area_h / height,
            (false, false) => 1.0,
        };
        Geometry {
            scale,
            left: MARGIN + (area_w - width * scale) / 2.0,
            top: MARGIN + (area_h - height * scale) / 2.0,
        }
    }

    fn x(&self, x: f64) -> f64 {
        self.left + x * self.scale
    }

    fn y(&self, y: f64) -> f64 {
        self.top + y * self.scale
    }

    fn r(&self, r: f64) -> f64 {
        (r * self.scale).max(MIN_RADIUS_PX)
    }
}

/// A label's lines: the node's whole label, wrapped at spaces to [`LABEL_CHARS`] characters
/// (a single word longer than that stays whole on its line).
fn label_lines(n: &MapNode) -> Vec<String> {
    let lines = wrap(&n.label, LABEL_CHARS);
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// The height of a label of `lines` lines at font size `size`.
fn label_height(lines: usize, size: f64) -> f64 {
    lines as f64 * (size + LINE_GAP)
}

fn font_size(n: &MapNode) -> f64 {
    match n.kind {
        NodeKind::Organization => ORGANIZATION_FONT,
        NodeKind::Community => COMMUNITY_FONT,
    }
}

/// Widths in pixels of `texts` (each with its font size) set in the embedded font: one SVG
/// with every text is laid out by usvg and each text's bounding box read back. A text usvg
/// cannot measure counts 0.62 em per character (wider than DejaVu Sans' average).
fn measure(texts: &[(String, f64)]) -> Vec<f64> {
    let mut doc =
        String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">"#);
    for (i, (text, size)) in texts.iter().enumerate() {
        let _ = write!(
            doc,
            r#"<text id="m{i}" x="0" y="20" font-family="{FONT_FAMILY}" font-size="{size}">{}</text>"#,
            xml(text)
        );
    }
    doc.push_str("</svg>");
    let tree = usvg::Tree::from_str(&doc, &options()).ok();
    texts
        .iter()
        .enumerate()
        .map(|(i, (text, size))| {
            tree.as_ref()
                .and_then(|t| t.node_by_id(&format!("m{i}")))
                .map(|node| f64::from(node.abs_bounding_box().width()))
                .unwrap_or(0.62 * size * text.chars().count() as f64)
        })
        .collect()
}

/// A label's box on the canvas: `[x0, y0, x1, y1]`.
type LabelBox = [f64; 4];

/// The box of node `n`'s label of width `w` and `lines` lines on `side` of its disc.
fn label_box(g: &Geometry, n: &MapNode, w: f64, lines: usize, side: LabelSide) -> LabelBox {
    let half_h = 0.5 * label_height(lines, font_size(n)) + 1.0;
    let half_w = 0.5 * w + 1.0;
    let (cx, cy, r) = (g.x(n.x), g.y(n.y), g.r(n.radius));
    let (mx, my) = match side {
        LabelSide::Right => (cx + r + 3.0 + half_w, cy),
        LabelSide::Left => (cx - r - 3.0 - half_w, cy),
        LabelSide::Above => (cx, cy - r - 2.0 - half_h),
        LabelSide::Below => (cx, cy + r + 2.0 + half_h),
    };
    [mx - half_w, my - half_h, mx + half_w, my + half_h]
}

fn overlaps(a: &LabelBox, b: &LabelBox) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether box `b` covers part of the disc at `(cx, cy)` of radius `r`.
fn covers(b: &LabelBox, cx: f64, cy: f64, r: f64) -> bool {
    let dx = cx - cx.clamp(b[0], b[2]);
    let dy = cy - cy.clamp(b[1], b[3]);
    dx * dx + dy * dy < r * r
}

/// Marks the nodes whose label the picture writes (see the module docs).
pub(super) fn mark_labels(nodes: &mut [MapNode], frame: [f64; 2]) {
    mark_labels_up_to(nodes, frame, MAX_LABELS, LABEL_CANDIDATES);
}

/// Writes the name of every organization (or community) of `view` whose label fits, with
/// no cap on how many: for the pictures of `puentes render` and of the report, which are
/// read on paper, not zoomed. The rule is the module's (largest first, right, left, above
/// or below, on the map, over no other label or disc); names that do not fit are counted
/// in the legend ("12 of 120 names written where they fit"), and every disc keeps its
/// `<title>` with the whole name.
pub fn label_every_name(view: &mut MapView) {
    for n in &mut view.nodes {
        n.labelled = false;
        n.label_side = None;
    }
    let frame = [view.width, view.height];
    mark_labels_up_to(&mut view.nodes, frame, usize::MAX, usize::MAX);
}

/// [`mark_labels`] with at most `most` labels among the `candidates` largest nodes.
fn mark_labels_up_to(nodes: &mut [MapNode], frame: [f64; 2], most: usize, candidates: usize) {
    let g = Geometry::fit(frame);
    let discs: Vec<[f64; 3]> = nodes
        .iter()
        .map(|n| [g.x(n.x), g.y(n.y), g.r(n.radius)])
        .collect();
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    // The centre of an ego view first, then the largest.
    order.sort_by(|&a, &b| {
        let centre = |i: usize| nodes[i].distance != Some(0);
        centre(a)
            .cmp(&centre(b))
            .then(nodes[b].size.total_cmp(&nodes[a].size))
            .then_with(|| nodes[a].id.cmp(&nodes[b].id))
    });
    order.truncate(candidates);
    let lines: Vec<Vec<String>> = order.iter().map(|&i| label_lines(&nodes[i])).collect();
    let texts: Vec<(String, f64)> = order
        .iter()
        .zip(&lines)
        .flat_map(|(&i, ls)| {
            let size = font_size(&nodes[i]);
            ls.iter().map(move |l| (l.clone(), size))
        })
        .collect();
    let measured = measure(&texts);
    // The widest line of each label.
    let mut at = 0;
    let widths: Vec<(f64, usize)> = lines
        .iter()
        .map(|ls| {
            let w = measured[at..at + ls.len()]
                .iter()
                .copied()
                .fold(0.0, f64::max);
            at += ls.len();
            (w, ls.len())
        })
        .collect();
    let right = f64::from(WIDTH) - LEGEND_WIDTH - 4.0;
    let mut kept: Vec<LabelBox> = Vec::new();
    for (&i, (w, count)) in order.iter().zip(widths) {
        if kept.len() == most {
            break;
        }
        let clear = |b: &LabelBox| {
            b[0] >= 0.0
                && b[2] <= right
                && b[1] >= 0.0
                && b[3] <= f64::from(HEIGHT)
                && !kept.iter().any(|k| overlaps(k, b))
                && !discs
                    .iter()
                    .enumerate()
                    .any(|(j, d)| j != i && covers(b, d[0], d[1], d[2]))
        };
        let side = LabelSide::ALL
            .into_iter()
            .map(|side| (side, label_box(&g, &nodes[i], w, count, side)))
            .find(|(_, b)| clear(b));
        if let Some((side, b)) = side {
            kept.push(b);
            nodes[i].labelled = true;
            nodes[i].label_side = Some(side);
        }
    }
}

/// Escapes text for XML content and attribute values, on one line (SVG text).
fn xml(s: &str) -> String {
    crate::export::xml(&s.replace(['\t', '\n', '\r'], " "))
}

/// A number for SVG: two decimals at most, no trailing zeros (`12.5`, `3`).
fn num(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Splits `text` into lines of at most `chars` characters, at spaces.
fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where a picture comes from, written at the foot of its legend: the date it was drawn, the
/// source's name (a file name) and the store revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// The day it was drawn, as `2026-12-06`.
    pub date: String,
    /// The source: a file name, or the store's words.
    pub source: String,
    /// The store revision drawn.
    pub revision: u64,
}

/// The SVG picture of `view`: [`WIDTH`] × [`HEIGHT`] pixels, one `<circle>` per node, the
/// legend in the view's language. The same view gives the same text, byte for byte.
pub fn svg(view: &MapView) -> String {
    svg_with(view, None)
}

/// [`svg`] with where it comes from ([`Caption`]) at the foot of the legend.
pub fn svg_with(view: &MapView, caption: Option<&Caption>) -> String {
    let g = Geometry::fit([view.width, view.height]);
    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT_FAMILY}, sans-serif">"#
    );
    let _ = writeln!(s, "<title>{}</title>", xml(&view.view.title));
    let _ = writeln!(
        s,
        r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##
    );
    edges(&mut s, view, &g);
    nodes(&mut s, view, &g);
    letters(&mut s, view, &g);
    labels(&mut s, view, &g);
    legend(&mut s, view, caption);
    s.push_str("</svg>\n");
    s
}

fn edges(s: &mut String, view: &MapView, g: &Geometry) {
    let at: std::collections::BTreeMap<&str, &MapNode> =
        view.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let heaviest = view.edges.iter().map(|e| e.weight).fold(0.0, f64::max);
    s.push_str(r##"<g class="ties" fill="none" stroke-linecap="round" stroke="#8c959f" stroke-opacity="0.5">"##);
    s.push('\n');
    // Ordinary ties first, bridges over them.
    for bridges in [false, true] {
        for e in view.edges.iter().filter(|e| e.bridge == bridges) {
            let (Some(a), Some(b)) = (at.get(e.source.as_str()), at.get(e.target.as_str())) else {
                continue;
            };
            let width = if heaviest > 0.0 {
                0.6 + 1.8 * (e.weight / heaviest).sqrt()
            } else {
                0.6
            };
            let style = if bridges {
                format!(
                    r##" stroke="#c2410c" stroke-opacity="0.9" stroke-width="{}" stroke-dasharray="6 3""##,
                    num(width.max(1.8))
                )
            } else {
                format!(r#" stroke-width="{}""#, num(width))
            };
            let _ = writeln!(
                s,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{style}/>"#,
                num(g.x(a.x)),
                num(g.y(a.y)),
                num(g.x(b.x)),
                num(g.y(b.y))
            );
        }
    }
    s.push_str("</g>\n");
}

/// Fill, stroke colour, stroke width and dashes of a node, one mark per finding: isolated
/// organizations hollow with a dashed grey ring, peripheral ones keep their colour inside a
/// solid amber ring, cut points ringed in black.
fn node_style(n: &MapNode) -> (String, &'static str, f64, Option<&'static str>) {
    let flags = n.flags.clone().unwrap_or_default();
    if flags.cut_point.is_some() {
        (n.color.clone(), CUT_RING, 2.6, None)
    } else if flags.isolated {
        (
            "#ffffff".to_owned(),
            ISOLATED_RING,
            1.6,
            Some(ISOLATED_DASH),
        )
    } else if flags.peripheral {
        (n.color.clone(), PERIPHERAL_RING, 2.4, None)
    } else {
        (n.color.clone(), "#ffffff", 0.8, None)
    }
}

/// The ring of a cut point.
const CUT_RING: &str = "#111111";
/// The ring of a peripheral organization (solid, amber).
const PERIPHERAL_RING: &str = "#b45309";
/// The ring of an isolated organization (dashed, grey, around a white disc).
const ISOLATED_RING: &str = "#57606a";
/// The dashes of an isolated organization's ring.
const ISOLATED_DASH: &str = "3 2";

fn nodes(s: &mut String, view: &MapView, g: &Geometry) {
    s.push_str("<g class=\"nodes\">\n");
    for n in &view.nodes {
        let (fill, stroke, width, dash) = node_style(n);
        let dash = dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}" stroke="{stroke}" stroke-width="{}"{dash}><title>{}</title></circle>"#,
            num(g.x(n.x)),
            num(g.y(n.y)),
            num(g.r(n.radius)),
            num(width),
            xml(&n.label)
        );
    }
    s.push_str("</g>\n");
}

/// A letter per coloured community, A to Z, largest first (the map's `communities` order),
/// skipping those drawn in the colour of the rest: the page's rule (`communityLetters` in
/// guide.js), so a picture and the page name a community alike and tell communities apart by
/// more than colour.
pub(crate) fn community_letters(view: &MapView) -> std::collections::BTreeMap<u32, char> {
    let other = super::hex(super::OTHER_COLOR);
    view.communities
        .iter()
        .filter(|c| !c.color.eq_ignore_ascii_case(&other))
        .zip('A'..='Z')
        .map(|(c, letter)| (c.id, letter))
        .collect()
}

/// Smallest disc radius (pixels) that holds its community's letter.
const LETTER_MIN_RADIUS: f64 = 6.0;

/// Each disc large enough gets its community's letter, white with a dark outline.
fn letters(s: &mut String, view: &MapView, g: &Geometry) {
    let letters = community_letters(view);
    s.push_str(r##"<g class="letters" fill="#ffffff" stroke="#1f2328" stroke-width="0.6" font-weight="bold" text-anchor="middle" aria-hidden="true">"##);
    s.push('\n');
    for n in &view.nodes {
        let r = g.r(n.radius);
        let Some(letter) = letters.get(&n.community).filter(|_| r >= LETTER_MIN_RADIUS) else {
            continue;
        };
        let size = r.min(18.0);
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" font-size="{}">{letter}</text>"#,
            num(g.x(n.x)),
            num(g.y(n.y) + 0.36 * size),
            num(size)
        );
    }
    s.push_str("</g>\n");
}

fn labels(s: &mut String, view: &MapView, g: &Geometry) {
    s.push_str(r##"<g class="labels" fill="#1f2328" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"##);
    s.push('\n');
    for n in &view.nodes {
        let Some(side) = n.label_side.filter(|_| n.labelled) else {
            continue;
        };
        let size = font_size(n);
        let lines = label_lines(n);
        // The box's width only matters for where the text starts; anchors place it.
        let b = label_box(g, n, 0.0, lines.len(), side);
        let (x, anchor) = match side {
            LabelSide::Right => (b[0] + 1.0, ""),
            LabelSide::Left => (b[2] - 1.0, r#" text-anchor="end""#),
            LabelSide::Above | LabelSide::Below => (g.x(n.x), r#" text-anchor="middle""#),
        };
        // The first line's baseline; each next line one line lower.
        let first = b[1] + 1.0 + 0.5 * (size + LINE_GAP) + 0.36 * size;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="{}"{anchor}>"#,
            num(x),
            num(first),
            num(size)
        );
        for (k, line) in lines.iter().enumerate() {
            if k == 0 {
                s.push_str(&xml(line));
            } else {
                let _ = write!(
                    s,
                    r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                    num(x),
                    num(size + LINE_GAP),
                    xml(line)
                );
            }
        }
        s.push_str("</text>\n");
    }
    s.push_str("</g>\n");
}

/// A legend swatch: a rounded square that looks like a node (not a `<circle>`, so circles
/// count nodes).
fn swatch(s: &mut String, x: f64, y: f64, fill: &str, stroke: &str, width: f64, dash: &str) {
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    };
    let _ = writeln!(
        s,
        r#"<rect x="{}" y="{}" width="12" height="12" rx="6" ry="6" fill="{fill}" stroke="{stroke}" stroke-width="{}"{dash}/>"#,
        num(x),
        num(y - 10.0),
        num(width)
    );
}

/// `template` with each `{key}` replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |t, (k, v)| {
        t.replace(&format!("{{{k}}}"), v)
    })
}

fn legend(s: &mut String, view: &MapView, caption: Option<&Caption>) {
    let lang = view.lang;
    let l = &view.legend;
    let x = f64::from(WIDTH) - LEGEND_WIDTH + 12.0;
    let tx = x + 20.0;
    let mut y = 40.0;
    let _ = writeln!(
        s,
        r##"<rect x="{}" y="0" width="{LEGEND_WIDTH}" height="{HEIGHT}" fill="#f6f8fa"/>"##,
        num(f64::from(WIDTH) - LEGEND_WIDTH)
    );
    s.push_str(r##"<g class="legend" fill="#1f2328">"##);
    s.push('\n');
    let text = |s: &mut String, x: f64, y: f64, size: f64, fill: &str, t: &str| {
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" font-size="{}" fill="{fill}">{}</text>"#,
            num(x),
            num(y),
            num(size),
            xml(t)
        );
    };
    for line in wrap(&view.view.title, 30) {
        text(s, x, y, 20.0, "#1f2328", &line);
        y += 26.0;
    }
    for line in wrap(&view.view.subtitle, 52) {
        text(s, x, y, 12.0, "#57606a", &line);
        y += 16.0;
    }
    y += 6.0;
    let t = &view.totals;
    let counts = format!(
        "{} {} · {} {} · {} {}",
        lang.count(t.organizations),
        l.organizations,
        lang.count(t.ties),
        l.ties,
        lang.count(t.communities),
        l.communities
    );
    text(s, x, y, 12.0, "#1f2328", &counts);
    y += 30.0;
    text(s, x, y, 13.0, "#1f2328", &l.color);
    y += 20.0;
    // The communities drawn, largest first.
    let shown: std::collections::BTreeSet<u32> = view.nodes.iter().map(|n| n.community).collect();
    let drawn: Vec<_> = view
        .communities
        .iter()
        .filter(|c| shown.contains(&c.id))
        .collect();
    let letters = community_letters(view);
    for c in drawn.iter().take(LEGEND_COMMUNITIES) {
        swatch(s, x, y, &c.color, "#ffffff", 0.8, "");
        let label = match letters.get(&c.id) {
            Some(letter) => format!("{letter} · {}", c.label),
            None => c.label.clone(),
        };
        for line in wrap(&label, 48) {
            text(s, tx, y, 11.0, "#1f2328", &line);
            y += 15.0;
        }
        y += 2.0;
    }
    if drawn.len() > LEGEND_COMMUNITIES {
        swatch(s, x, y, "#8c959f", "#ffffff", 0.8, "");
        let rest = drawn.len() - LEGEND_COMMUNITIES;
        text(
            s,
            tx,
            y,
            11.0,
            "#1f2328",
            &format!("{} (+{})", l.other_communities, lang.count(rest)),
        );
        y += 17.0;
    }
    y += 14.0;
    text(s, x, y, 13.0, "#1f2328", &l.size);
    y += 26.0;
    let organizations = view.nodes.iter().any(|n| n.kind == NodeKind::Organization);
    if organizations {
        for (fill, stroke, width, dash, words) in [
            ("#0072b2", CUT_RING, 2.6, "", &l.cut_point),
            ("#0072b2", PERIPHERAL_RING, 2.4, "", &l.peripheral),
            ("#ffffff", ISOLATED_RING, 1.6, ISOLATED_DASH, &l.isolated),
        ] {
            swatch(s, x, y, fill, stroke, width, dash);
            for line in wrap(words, 48) {
                text(s, tx, y, 11.0, "#1f2328", &line);
                y += 15.0;
            }
            y += 5.0;
        }
    }
    let _ = writeln!(
        s,
        r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c2410c" stroke-width="2" stroke-dasharray="6 3"/>"##,
        num(x - 2.0),
        num(y - 4.0),
        num(x + 14.0),
        num(y - 4.0)
    );
    for (k, line) in wrap(&l.bridge, 48).iter().enumerate() {
        text(s, tx, y + 15.0 * k as f64, 11.0, "#1f2328", line);
    }
    // How many names the picture writes; then, at the bottom, what positions mean and where
    // the picture comes from.
    let labelled = view.nodes.iter().filter(|n| n.labelled).count();
    let mut bottom_lines = wrap(&l.positions, 52);
    if labelled < view.nodes.len() {
        let named = fill(
            Label::MapNamesShown.text(lang),
            &[
                ("shown", &lang.count(labelled)),
                ("total", &lang.count(view.nodes.len())),
            ],
        );
        bottom_lines.extend(wrap(&named, 52));
    }
    if let Some(c) = caption {
        let drawn = fill(
            Label::MapDrawnFrom.text(lang),
            &[
                ("date", &c.date),
                ("source", &c.source),
                ("revision", &lang.int(c.revision)),
            ],
        );
        bottom_lines.extend(wrap(&drawn, 52));
    }
    let mut bottom = f64::from(HEIGHT) - 20.0 - 15.0 * (bottom_lines.len() as f64 - 1.0);
    for line in &bottom_lines {
        text(s, x, bottom, 11.0, "#57606a", line);
        bottom += 15.0;
    }
    s.push_str("</g>\n");
}

/// The PNG of an SVG written by [`svg`], at its own size, with the embedded font only.
/// Deterministic: the same SVG gives the same bytes.
///
/// # Errors
/// [`RenderError`] if resvg cannot read the SVG or the PNG cannot be encoded.
pub fn png(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree =
        usvg::Tree::from_str(svg, &options()).map_err(|e| RenderError::Svg(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| RenderError::Png(format!("no {}×{} canvas", size.width(), size.height())))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::{view, MapLayout, View};
    use crate::report::gap_analysis;
    use puentes_analysis::Network;

    #[test]
    fn kept_labels_overlap_no_label_and_no_other_disc() {
        let data = crate::cli::builtin_fixture().expect("fixture");
        let net = Network::new(&data);
        let gaps = gap_analysis(&net);
        let map = MapLayout::new(&net, &gaps);
        for v in [View::Overview, View::Community(0)] {
            let m = view(&net, &gaps, &map, &v, crate::i18n::Lang::Es, 1).expect("view");
            let kept = no_label_over_another(&m);
            assert!(kept >= 10, "{v:?}: {kept} labels");
        }
    }

    /// Asserts that no written label of `m` lies over another label or another disc; the
    /// number of labels written.
    fn no_label_over_another(m: &MapView) -> usize {
        let g = Geometry::fit([m.width, m.height]);
        let boxes: Vec<(usize, LabelBox)> = m
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.labelled)
            .map(|(i, n)| {
                let lines = label_lines(n);
                let texts: Vec<(String, f64)> =
                    lines.iter().map(|l| (l.clone(), font_size(n))).collect();
                let w = measure(&texts).into_iter().fold(0.0, f64::max);
                let side = n.label_side.expect("a labelled node has a side");
                (i, label_box(&g, n, w, lines.len(), side))
            })
            .collect();
        for (a, (i, b)) in boxes.iter().enumerate() {
            for (_, c) in &boxes[a + 1..] {
                assert!(!overlaps(b, c), "{b:?} and {c:?}");
            }
            for (j, n) in m.nodes.iter().enumerate() {
                assert!(
                    j == *i || !covers(b, g.x(n.x), g.y(n.y), g.r(n.radius)),
                    "{b:?}"
                );
            }
        }
        boxes.len()
    }

    #[test]
    fn pictures_write_every_name_that_fits_with_no_cap() {
        let data = crate::cli::builtin_fixture().expect("fixture");
        let net = Network::new(&data);
        let gaps = gap_analysis(&net);
        let map = MapLayout::new(&net, &gaps);
        let capped =
            view(&net, &gaps, &map, &View::Overview, crate::i18n::Lang::En, 1).expect("view");
        let mut every = capped.clone();
        label_every_name(&mut every);
        let count = |m: &MapView| m.nodes.iter().filter(|n| n.labelled).count();
        assert!(
            count(&every) >= count(&capped),
            "{} < {}",
            count(&every),
            count(&capped)
        );
        // Still no label over another label or another disc.
        no_label_over_another(&every);
        // The legend says how many names it left out; every disc has its whole name.
        let svg = svg(&every);
        let said = format!("{} of 120 names written where they fit", count(&every));
        assert!(svg.contains(&said), "{said}");
        assert_eq!(svg.matches("<circle").count(), 120);
        for n in &every.nodes {
            assert!(svg.contains(&format!("<title>{}</title></circle>", xml(&n.label))));
        }
    }

    #[test]
    fn measured_widths_grow_with_the_text() {
        let w = measure(&[
            ("i".to_owned(), 11.0),
            ("Casa Quetzal Nuevo".to_owned(), 11.0),
            ("Casa Quetzal Nuevo".to_owned(), 22.0),
        ]);
        // Measured, not estimated: an "i" is a quarter em wide (the estimate would say 0.62).
        assert!(w[0] > 0.0 && w[0] < 0.3 * 11.0, "{w:?}");
        // Twice the font size, twice the width (to a pixel's rounding).
        assert!((w[2] - 2.0 * w[1]).abs() < 1.0, "{w:?}");
        // DejaVu Sans is about 0.6 em per character on average.
        assert!((0.45..0.7).contains(&(w[1] / (11.0 * 18.0))), "{w:?}");
    }

    #[test]
    fn numbers_and_lines() {
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(1.005), "1");
        assert_eq!(
            wrap("Cut point: others depend on it to stay connected", 20),
            vec!["Cut point: others", "depend on it to stay", "connected"]
        );
    }
}
