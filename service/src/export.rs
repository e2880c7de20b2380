//! Export: the network (and later its metrics) in the formats researchers' tools read.

use crate::import::fields::{FORMULA_STARTS, ORGANIZATION_FIELDS, TIE_FIELDS};
use puentes_analysis::model::{NetworkData, Organization, Tie, TIE_ATTRIBUTE_PREFIX};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(";")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A decimal number as a cell of an export: the shortest text that reads back as the same
/// number (Rust's and Python's `repr` rule), `0` for both zeros (never `-0`), and an exponent
/// when plain digits would be long (`1e-7`, `2.5e20`, not 232 digits of `1e232`); empty for
/// not-a-number and infinities, which no column holds on purpose and spreadsheets misread.
///
/// # Examples
/// ```
/// use puentes::export::number_text;
/// assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(number_text(-0.0), "0");
/// assert_eq!(number_text(3.0), "3");
/// assert_eq!(number_text(1e232), "1e232");
/// assert_eq!(number_text(-2.5e-7), "-2.5e-7");
/// assert_eq!(number_text(123456.75), "123456.75");
/// assert_eq!(number_text(f64::NAN), "");
/// ```
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    // Plain digits between 1e-5 and 1e16 (at most 22 characters), an exponent outside.
    if (1e-5..1e16).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

fn opt_number(v: Option<f64>) -> String {
    v.map(number_text).unwrap_or_default()
}

/// The cells of one organization, in [`ORGANIZATION_FIELDS`] order.
pub fn organization_row(o: &Organization) -> Vec<String> {
    vec![
        o.id.clone(),
        o.name.clone(),
        o.country.clone(),
        o.region.clone(),
        o.city.clone(),
        o.corridor.clone().unwrap_or_default(),
        opt_number(o.latitude),
        opt_number(o.longitude),
        o.contact.clone().unwrap_or_default(),
        join(&o.services),
        join(&o.populations),
        opt(o.population_served),
        opt(o.salaried_staff),
        opt(o.annual_budget_usd),
        opt(o.founded_year),
        o.partner.to_string(),
        opt(o.agreement_review),
        opt(o.feedback_to_population),
        opt(o.social_media_use),
        opt(o.donation_sources),
        o.aliases.join(";"),
    ]
}

/// The cells of one tie, in [`TIE_FIELDS`] order.
pub fn tie_row(t: &Tie) -> Vec<String> {
    vec![
        t.source.clone(),
        t.target.clone(),
        t.kind.to_string(),
        t.strength.to_string(),
        opt(t.since),
        opt(t.until),
        t.reported_by.to_string(),
    ]
}

/// Text made safe for a CSV cell that a spreadsheet will open (OWASP "CSV injection"): control
/// characters other than tab, line feed and carriage return are dropped, and text that starts
/// with one of [`FORMULA_STARTS`] (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading
/// `'`, so it is shown, never run. A number (`-1.5`, `-3`) is left as it is: it stays a number.
/// CSV imports drop that `'` again ([`crate::import::fields::unquote_formula`]).
pub fn csv_text(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let text: Cow<'_, str> = if text.contains(hidden) {
        Cow::Owned(text.chars().filter(|&c| !hidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    };
    let number = text.parse::<f64>().is_ok_and(f64::is_finite);
    if text.starts_with(FORMULA_STARTS) && !number {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    }
}

/// Writes a header row and then `rows` as CSV to `w`, every cell through [`csv_text`].
pub fn rows_csv<W: Write, H: AsRef<[u8]>>(
    header: &[H],
    rows: impl Iterator<Item = Vec<String>>,
    w: W,
) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(header)?;
    for row in rows {
        out.write_record(row.iter().map(|cell| csv_text(cell).into_owned()))?;
    }
    out.flush()?;
    Ok(())
}

/// Writes organizations as CSV (project format) to `w`.
pub fn organizations_csv<W: Write>(orgs: &[Organization], w: W) -> csv::Result<()> {
    rows_csv(ORGANIZATION_FIELDS, orgs.iter().map(organization_row), w)
}

/// Writes ties as CSV (project format) to `w`: [`TIE_FIELDS`], then one `attr:NAME` column
/// per tie attribute any tie carries (empty where a tie has none).
pub fn ties_csv<W: Write>(ties: &[Tie], w: W) -> csv::Result<()> {
    let mut names: Vec<String> = ties
        .iter()
        .flat_map(|t| t.attributes.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    let header: Vec<String> = TIE_FIELDS
        .iter()
        .map(|f| f.to_string())
        .chain(names.iter().map(|n| format!("{TIE_ATTRIBUTE_PREFIX}{n}")))
        .collect();
    let rows = ties.iter().map(|t| {
        let mut row = tie_row(t);
        row.extend(
            names
                .iter()
                .map(|n| opt_number(t.attributes.get(n).copied())),
        );
        row
    });
    rows_csv(&header, rows, w)
}

/// Writes the project CSV pair.
pub fn write_project_csv(data: &NetworkData, orgs: &Path, ties: &Path) -> std::io::Result<()> {
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    organizations_csv(&data.organizations, std::fs::File::create(orgs)?).map_err(io)?;
    ties_csv(&data.ties, std::fs::File::create(ties)?).map_err(io)?;
    Ok(())
}

/// The type of a node column in typed formats (GraphML, GEXF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    Text,
    /// Whole number.
    Integer,
    /// Decimal number.
    Float,
    /// true/false.
    Boolean,
}

/// A cell of a node column.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Missing.
    Empty,
    /// Text.
    Text(String),
    /// Number (integers are whole floats).
    Number(f64),
    /// Boolean.
    Bool(bool),
}

/// A named, typed node column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Name (GraphML `attr.name`, GEXF `title`, CSV header).
    pub name: String,
    /// Type.
    pub kind: ColumnType,
    /// One cell per node, in node order.
    pub cells: Vec<Cell>,
}

impl Column {
    /// The same column with only the cells of `rows`, in that order.
    pub fn rows(&self, rows: &[usize]) -> Column {
        Column {
            name: self.name.clone(),
            kind: self.kind,
            cells: rows.iter().map(|&i| self.cells[i].clone()).collect(),
        }
    }
}

/// Every node attribute of an organization as columns (restricted ones only if asked), plus
/// the given metric columns. `id` is not a column: writers use it as the node id.
pub fn node_columns(
    orgs: &[Organization],
    include_restricted: bool,
    extra: Vec<Column>,
) -> Vec<Column> {
    use ColumnType::*;
    let text = |f: &dyn Fn(&Organization) -> String| -> Vec<Cell> {
        orgs.iter()
            .map(|o| {
                let s = f(o);
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s)
                }
            })
            .collect()
    };
    let num = |f: &dyn Fn(&Organization) -> Option<f64>| -> Vec<Cell> {
        orgs.iter()
            .map(|o| f(o).map_or(Cell::Empty, Cell::Number))
            .collect()
    };
    let col = |name: &str, kind, cells| Column {
        name: name.to_owned(),
        kind,
        cells,
    };
    let mut cols = vec![
        col("name", Text, text(&|o| o.name.clone())),
        col("country", Text, text(&|o| o.country.clone())),
        col("region", Text, text(&|o| o.region.clone())),
        col("city", Text, text(&|o| o.city.clone())),
        col(
            "corridor",
            Text,
            text(&|o| o.corridor.clone().unwrap_or_default()),
        ),
        col(
            "partner",
            Boolean,
            orgs.iter().map(|o| Cell::Bool(o.partner)).collect(),
        ),
        col("services", Text, text(&|o| join(&o.services))),
        col("populations", Text, text(&|o| join(&o.populations))),
        col(
            "population_served",
            Integer,
            num(&|o| o.population_served.map(|x| x as f64)),
        ),
        col(
            "salaried_staff",
            Integer,
            num(&|o| o.salaried_staff.map(f64::from)),
        ),
        col(
            "annual_budget_usd",
            Integer,
            num(&|o| o.annual_budget_usd.map(|x| x as f64)),
        ),
        col(
            "founded_year",
            Integer,
            num(&|o| o.founded_year.map(f64::from)),
        ),
        col("agreement_review", Text, text(&|o| opt(o.agreement_review))),
        col(
            "feedback_to_population",
            Text,
            text(&|o| opt(o.feedback_to_population)),
        ),
        col(
            "social_media_use",
            Integer,
            num(&|o| o.social_media_use.map(f64::from)),
        ),
        col(
            "donation_sources",
            Integer,
            num(&|o| o.donation_sources.map(f64::from)),
        ),
    ];
    if include_restricted {
        cols.push(col("latitude", Float, num(&|o| o.latitude)));
        cols.push(col("longitude", Float, num(&|o| o.longitude)));
        cols.push(col(
            "contact",
            Text,
            text(&|o| o.contact.clone().unwrap_or_default()),
        ));
    }
    cols.extend(extra);
    cols
}

/// An undirected edge as exported: the collapsed pair with its weight and what it is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEdge {
    /// Node index of one end.
    pub u: u32,
    /// Node index of the other end.
    pub v: u32,
    /// Collapsed weight (sum of strengths).
    pub weight: f64,
    /// Number of ties collapsed.
    pub ties: u32,
    /// Kinds of the ties, `;`-separated, sorted.
    pub kinds: String,
    /// Earliest known `since`.
    pub since: Option<i32>,
    /// Per tie attribute, the mean over the pair's ties that carry it.
    pub attributes: BTreeMap<String, f64>,
}

/// The collapsed edges of `net`, with kinds and first year read from the ties of `data`.
pub fn export_edges(net: &puentes_analysis::Network, data: &NetworkData) -> Vec<ExportEdge> {
    use std::collections::HashMap;
    /// Per pair: kinds, first year, and per attribute its sum and count.
    type PairInfo = (Vec<String>, Option<i32>, BTreeMap<String, (f64, u32)>);
    let mut info: HashMap<(u32, u32), PairInfo> = HashMap::new();
    for t in &data.ties {
        let (Some(a), Some(b)) = (net.node(&t.source), net.node(&t.target)) else {
            continue;
        };
        let e = info.entry((a.min(b), a.max(b))).or_default();
        e.0.push(t.kind.to_string());
        for (name, v) in &t.attributes {
            let s = e.2.entry(name.clone()).or_default();
            s.0 += v;
            s.1 += 1;
        }
        e.1 = match (e.1, t.since) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
    }
    net.edges()
        .map(|(u, v, weight)| {
            let (mut kinds, since, sums) = info.remove(&(u, v)).unwrap_or_default();
            kinds.sort();
            kinds.dedup();
            let ties = net.multiplicity(u)[net.neighbors(u).binary_search(&v).unwrap_or(0)];
            ExportEdge {
                u,
                v,
                weight,
                ties,
                kinds: kinds.join(";"),
                since,
                attributes: sums
                    .into_iter()
                    .map(|(name, (total, n))| (name, total / f64::from(n)))
                    .collect(),
            }
        })
        .collect()
}

/// The tie attribute names any of `edges` carries, sorted.
fn edge_attribute_names(edges: &[ExportEdge]) -> Vec<String> {
    let mut names: Vec<String> = edges
        .iter()
        .flat_map(|e| e.attributes.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Escapes text for XML attribute values and content (also used by the map's SVG).
pub(crate) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn cell_text(cell: &Cell, kind: ColumnType) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(s) => Some(s.clone()),
        Cell::Bool(b) => Some(b.to_string()),
        Cell::Number(x) if kind == ColumnType::Integer => Some(format!("{}", x.round() as i64)),
        Cell::Number(x) => Some(number_text(*x)).filter(|t| !t.is_empty()),
    }
}

/// The XML Schema type name of a column, as both GraphML and GEXF spell it.
fn ty(k: ColumnType) -> &'static str {
    match k {
        ColumnType::Text => "string",
        ColumnType::Integer => "long",
        ColumnType::Float => "double",
        ColumnType::Boolean => "boolean",
    }
}

/// Writes GraphML (undirected; typed keys for every node column; edges with weight, ties,
/// kinds, since). Readable by NetworkX `read_graphml`, igraph and Gephi.
pub fn graphml<W: Write>(
    ids: &[&str],
    columns: &[Column],
    edges: &[ExportEdge],
    mut w: W,
) -> std::io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (i, c) in columns.iter().enumerate() {
        writeln!(
            w,
            r#"  <key id="n{i}" for="node" attr.name="{}" attr.type="{}"/>"#,
            xml(&c.name),
            ty(c.kind)
        )?;
    }
    for (id, name, kind) in [
        ("e0", "weight", "double"),
        ("e1", "ties", "long"),
        ("e2", "kinds", "string"),
        ("e3", "since", "long"),
    ] {
        writeln!(
            w,
            r#"  <key id="{id}" for="edge" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    let attributes = edge_attribute_names(edges);
    for (i, name) in attributes.iter().enumerate() {
        writeln!(
            w,
            r#"  <key id="a{i}" for="edge" attr.name="{TIE_ATTRIBUTE_PREFIX}{}" attr.type="double"/>"#,
            xml(name)
        )?;
    }
    writeln!(w, r#"  <graph id="puentes" edgedefault="undirected">"#)?;
    for (n, id) in ids.iter().enumerate() {
        write!(w, r#"    <node id="{}">"#, xml(id))?;
        for (i, c) in columns.iter().enumerate() {
            if let Some(t) = cell_text(&c.cells[n], c.kind) {
                write!(w, r#"<data key="n{i}">{}</data>"#, xml(&t))?;
            }
        }
        writeln!(w, "</node>")?;
    }
    for e in edges {
        write!(
            w,
            r#"    <edge source="{}" target="{}"><data key="e0">{}</data><data key="e1">{}</data><data key="e2">{}</data>"#,
            xml(ids[e.u as usize]),
            xml(ids[e.v as usize]),
            e.weight,
            e.ties,
            xml(&e.kinds)
        )?;
        if let Some(s) = e.since {
            write!(w, r#"<data key="e3">{s}</data>"#)?;
        }
        for (i, name) in attributes.iter().enumerate() {
            if let Some(v) = e.attributes.get(name) {
                write!(w, r#"<data key="a{i}">{v}</data>"#)?;
            }
        }
        writeln!(w, "</edge>")?;
    }
    writeln!(w, "  </graph>\n</graphml>")?;
    Ok(())
}

/// How Gephi should draw one node (the GEXF 1.2 `viz` module): where, how large, in which
/// colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viz {
    /// `viz:position` x.
    pub x: f64,
    /// `viz:position` y (Gephi's y axis points up).
    pub y: f64,
    /// `viz:size` value.
    pub size: f64,
    /// `viz:color` r, g, b.
    pub color: [u8; 3],
}

/// The GEXF 1.2 visualization namespace (`viz:`), as Gephi and NetworkX read it.
pub const GEXF_VIZ_NS: &str = "http://www.gexf.net/1.2draft/viz";

/// Writes GEXF 1.2 (static, undirected; typed node attributes; edge weight and attributes).
/// With `viz` (one per node), each node also carries `viz:color`, `viz:position` and
/// `viz:size`, so Gephi opens the network laid out and coloured. Readable by Gephi and
/// NetworkX `read_gexf` (which puts them in the node's `viz` attribute).
pub fn gexf<W: Write>(
    ids: &[&str],
    labels: &[&str],
    columns: &[Column],
    edges: &[ExportEdge],
    viz: Option<&[Viz]>,
    mut w: W,
) -> std::io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="{GEXF_VIZ_NS}" version="1.2">"#
    )?;
    writeln!(w, r#"  <meta><creator>Puentes</creator></meta>"#)?;
    writeln!(w, r#"  <graph mode="static" defaultedgetype="undirected">"#)?;
    writeln!(w, r#"    <attributes class="node" mode="static">"#)?;
    for (i, c) in columns.iter().enumerate() {
        writeln!(
            w,
            r#"      <attribute id="{i}" title="{}" type="{}"/>"#,
            xml(&c.name),
            ty(c.kind)
        )?;
    }
    writeln!(w, "    </attributes>")?;
    writeln!(w, r#"    <attributes class="edge" mode="static">"#)?;
    writeln!(
        w,
        r#"      <attribute id="ties" title="ties" type="long"/>"#
    )?;
    writeln!(
        w,
        r#"      <attribute id="kinds" title="kinds" type="string"/>"#
    )?;
    writeln!(
        w,
        r#"      <attribute id="since" title="since" type="long"/>"#
    )?;
    let attributes = edge_attribute_names(edges);
    for (i, name) in attributes.iter().enumerate() {
        writeln!(
            w,
            r#"      <attribute id="a{i}" title="{TIE_ATTRIBUTE_PREFIX}{}" type="double"/>"#,
            xml(name)
        )?;
    }
    writeln!(w, "    </attributes>")?;
    writeln!(w, "    <nodes>")?;
    for (n, id) in ids.iter().enumerate() {
        write!(
            w,
            r#"      <node id="{}" label="{}"><attvalues>"#,
            xml(id),
            xml(labels[n])
        )?;
        for (i, c) in columns.iter().enumerate() {
            if let Some(t) = cell_text(&c.cells[n], c.kind) {
                write!(w, r#"<attvalue for="{i}" value="{}"/>"#, xml(&t))?;
            }
        }
        write!(w, "</attvalues>")?;
        if let Some(v) = viz.and_then(|v| v.get(n)) {
            let [r, g, b] = v.color;
            write!(
                w,
                r#"<viz:color r="{r}" g="{g}" b="{b}"/><viz:position x="{}" y="{}" z="0"/><viz:size value="{}"/>"#,
                v.x, v.y, v.size
            )?;
        }
        writeln!(w, "</node>")?;
    }
    writeln!(w, "    </nodes>\n    <edges>")?;
    for (k, e) in edges.iter().enumerate() {
        write!(
            w,
            r#"      <edge id="{k}" source="{}" target="{}" weight="{}"><attvalues><attvalue for="ties" value="{}"/><attvalue for="kinds" value="{}"/>"#,
            xml(ids[e.u as usize]),
            xml(ids[e.v as usize]),
            e.weight,
            e.ties,
            xml(&e.kinds)
        )?;
        if let Some(s) = e.since {
            write!(w, r#"<attvalue for="since" value="{s}"/>"#)?;
        }
        for (i, name) in attributes.iter().enumerate() {
            if let Some(v) = e.attributes.get(name) {
                write!(w, r#"<attvalue for="a{i}" value="{v}"/>"#)?;
            }
        }
        writeln!(w, "</attvalues></edge>")?;
    }
    writeln!(w, "    </edges>\n  </graph>\n</gexf>")?;
    Ok(())
}

fn json_cell(cell: &Cell) -> serde_json::Value {
    match cell {
        Cell::Empty => serde_json::Value::Null,
        Cell::Text(s) => s.clone().into(),
        Cell::Bool(b) => (*b).into(),
        Cell::Number(x) if x.fract() == 0.0 && x.abs() < 9e15 => (*x as i64).into(),
        Cell::Number(x) => (*x).into(),
    }
}

/// One JSON object per node: `{"id": ..., <column>: value, ...}` (missing cells are null).
pub fn node_objects(
    ids: &[&str],
    columns: &[Column],
) -> Vec<serde_json::Map<String, serde_json::Value>> {
    ids.iter()
        .enumerate()
        .map(|(n, id)| {
            let mut m = serde_json::Map::new();
            m.insert("id".into(), (*id).into());
            for c in columns {
                m.insert(c.name.clone(), json_cell(&c.cells[n]));
            }
            m
        })
        .collect()
}

/// Node-link JSON as NetworkX `node_link_data` (3.4 defaults: key `links`) writes it, so
/// `nx.node_link_graph(doc)` reads it back.
pub fn node_link(ids: &[&str], columns: &[Column], edges: &[ExportEdge]) -> serde_json::Value {
    let links: Vec<serde_json::Value> = edges
        .iter()
        .map(|e| {
            let mut link = serde_json::json!({
                "source": ids[e.u as usize],
                "target": ids[e.v as usize],
                "weight": e.weight,
                "ties": e.ties,
                "kinds": e.kinds,
                "since": e.since,
            });
            for (name, v) in &e.attributes {
                link[format!("{TIE_ATTRIBUTE_PREFIX}{name}")] = (*v).into();
            }
            link
        })
        .collect();
    serde_json::json!({
        "directed": false,
        "multigraph": false,
        "graph": {"generator": "puentes"},
        "nodes": node_objects(ids, columns),
        "links": links,
    })
}

/// CSV with a header `id,<columns>` and one row per node. Text (ids, names, text cells) goes
/// through [`csv_text`]; number cells are written as numbers.
pub fn table_csv<W: Write>(ids: &[&str], columns: &[Column], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec!["id".to_owned()];
    header.extend(columns.iter().map(|c| csv_text(&c.name).into_owned()));
    out.write_record(&header)?;
    for (n, id) in ids.iter().enumerate() {
        let mut row = vec![csv_text(id).into_owned()];
        row.extend(columns.iter().map(|c| match &c.cells[n] {
            Cell::Text(s) => csv_text(s).into_owned(),
            cell => cell_text(cell, c.kind).unwrap_or_default(),
        }));
        out.write_record(&row)?;
    }
    out.flush()?;
    Ok(())
}

pub use crate::params::ExportFormat;

/// Per tie attribute, a node column `attr:NAME_mean`: the mean of the attribute over the
/// organization's ties that carry it (empty when none does), in organization order.
pub fn attribute_means(data: &NetworkData) -> Vec<Column> {
    let names = data.tie_attribute_names();
    if names.is_empty() {
        return Vec::new();
    }
    let index: std::collections::HashMap<&str, usize> = data
        .organizations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    names
        .iter()
        .map(|name| {
            let mut sums = vec![(0.0, 0u32); data.organizations.len()];
            for t in &data.ties {
                let Some(v) = t.attributes.get(name) else {
                    continue;
                };
                for end in [&t.source, &t.target] {
                    if let Some(&i) = index.get(end.as_str()) {
                        sums[i].0 += v;
                        sums[i].1 += 1;
                    }
                }
            }
            Column {
                name: format!("{TIE_ATTRIBUTE_PREFIX}{name}_mean"),
                kind: ColumnType::Float,
                cells: sums
                    .into_iter()
                    .map(|(total, n)| match n {
                        0 => Cell::Empty,
                        n => Cell::Number(total / f64::from(n)),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Renders an export file of `data` with its attributes and the `extra` columns (metrics,
/// positions); restricted fields only when `restricted` is true. GEXF nodes carry `viz`
/// (one per organization, in node order) when given; the other formats ignore it.
pub fn render(
    format: ExportFormat,
    data: &NetworkData,
    net: &puentes_analysis::Network,
    extra: Vec<Column>,
    restricted: bool,
    viz: Option<&[Viz]>,
) -> std::io::Result<Vec<u8>> {
    let ids: Vec<&str> = data.organizations.iter().map(|o| o.id.as_str()).collect();
    let names: Vec<&str> = data.organizations.iter().map(|o| o.name.as_str()).collect();
    let mut extra = extra;
    extra.extend(attribute_means(data));
    let columns = node_columns(&data.organizations, restricted, extra);
    let mut buf = Vec::new();
    match format {
        ExportFormat::Csv => table_csv(&ids, &columns, &mut buf)?,
        ExportFormat::Json => {
            let edges = export_edges(net, data);
            serde_json::to_writer(&mut buf, &node_link(&ids, &columns, &edges))?;
        }
        ExportFormat::Graphml => graphml(&ids, &columns, &export_edges(net, data), &mut buf)?,
        ExportFormat::Gexf => {
            let edges = export_edges(net, data);
            gexf(&ids, &names, &columns, &edges, viz, &mut buf)?;
        }
    }
    Ok(buf)
}
