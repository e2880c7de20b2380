//! Plain edge lists for networks from elsewhere (SNAP text, CSV `source,target[,weight]`, and
//! dated CSV `source,target,year` or `source,target,weight,year`).
//!
//! Organizations are created from the ids seen (name = id, no attributes). Each distinct
//! unordered pair becomes one tie of kind `joint_project`, reported by `both`; its strength is
//! the weight (a whole number 1-5) or 1, and its `since` the year when the list is dated (the
//! header names a `year` column), else unknown. Repeated and mirrored lines (`a b` and `b a`,
//! as SNAP lists undirected networks) are merged into one tie, keeping the first line's weight
//! and the earliest year (the year the pair first collaborated), and counted; self-loops are
//! skipped and counted.
//!
//! Endpoints are ids or names. A token that is a valid id ([`rules::id`]: lowercase letters,
//! digits, `-` and `_`) is the organization's id, exactly as in every other format. Any other
//! trimmed text of 1 to 200 characters without control or direction-override characters is a
//! *name* ([`names::name_problem`]): the organization's id is made from it ([`names::slug`]:
//! accents folded, lowercase ASCII, `-` between words, `-2`, `-3`… when two names give one
//! slug, or when the slug is an id another token of the file uses), the name is kept as its
//! name, and [`Parsed::named`] lists the id map. Names that differ only by case, accents,
//! spaces or punctuation ([`names::key`]) are one organization, and the map says which
//! spellings were merged; anything fuzzier is the survey import's name resolution, never
//! silent here. The organizations created have an unknown (empty) country, which every
//! format accepts, so the network re-imports as JSON or CSV.

use super::{Location, NamedOrganization, Parsed, Problem, RecordAt};
use crate::i18n::Expected;
use puentes_analysis::model::{rules, Organization, ReportedBy, Rule, Tie, TieKind};
use puentes_analysis::names;
use std::collections::HashMap;

/// The kind given to ties read from edge lists.
pub const EDGE_LIST_KIND: TieKind = TieKind::JointProject;

struct Builder<'a> {
    file: &'a str,
    parsed: Parsed,
    /// Each token seen (id or name as written) → its organization.
    ids: HashMap<String, u32>,
    /// Each organization's id → its organization.
    taken: HashMap<String, u32>,
    /// Each spelling key ([`names::key`]) → its organization.
    keys: HashMap<String, u32>,
    /// Organizations named in the file: index into `parsed.named` by organization.
    named: HashMap<u32, usize>,
    /// Each pair's tie (index into `parsed.data.ties`).
    pairs: HashMap<(u32, u32), usize>,
    /// Whether the list carries a year column.
    dated: bool,
}

impl<'a> Builder<'a> {
    fn new(file: &'a str) -> Self {
        Builder {
            file,
            parsed: Parsed {
                files: vec![file.to_owned()],
                ..Parsed::default()
            },
            ids: HashMap::new(),
            taken: HashMap::new(),
            keys: HashMap::new(),
            named: HashMap::new(),
            pairs: HashMap::new(),
            dated: false,
        }
    }

    fn at(&self, line: u64, column: Option<usize>, field: &str) -> Location {
        Location {
            file: self.file.to_owned(),
            line: Some(line),
            column,
            field: field.to_owned(),
        }
    }

    /// The organization of an endpoint token: an id as it is, or a name (see the module docs).
    fn id(&mut self, token: &str, line: u64, column: usize, field: &str) -> Option<u32> {
        if let Some(&i) = self.ids.get(token) {
            return Some(i);
        }
        let is_id = rules::id(token).is_ok() && !self.taken.contains_key(token);
        if !is_id {
            if let Some(expected) = names::name_problem(token) {
                let p = Problem::new(self.at(line, Some(column), field), token, expected);
                self.parsed.problems.push(p);
                return None;
            }
        }
        let spelling = names::key(token);
        if !is_id {
            if let Some(&i) = self.keys.get(&spelling) {
                // Another spelling of a name seen before: one organization.
                self.ids.insert(token.to_owned(), i);
                let name = token.trim().to_owned();
                match self.named.get(&i) {
                    Some(&n) => self.parsed.named[n].spellings.push(name),
                    None => {
                        let org = &self.parsed.data.organizations[i as usize];
                        self.named.insert(i, self.parsed.named.len());
                        self.parsed.named.push(NamedOrganization {
                            id: org.id.clone(),
                            name: org.name.clone(),
                            spellings: vec![name],
                        });
                    }
                }
                return Some(i);
            }
        }
        let i = u32::try_from(self.parsed.data.organizations.len()).ok()?;
        let org = if is_id {
            Organization::bare(token)
        } else {
            let base = names::slug(token);
            let mut id = base.clone();
            let mut n = 2;
            while self.taken.contains_key(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let mut org = Organization::bare(&id);
            org.name = token.trim().to_owned();
            self.named.insert(i, self.parsed.named.len());
            self.parsed.named.push(NamedOrganization {
                id,
                name: org.name.clone(),
                spellings: Vec::new(),
            });
            org
        };
        self.ids.insert(token.to_owned(), i);
        self.taken.insert(org.id.clone(), i);
        self.keys.entry(spelling).or_insert(i);
        self.parsed.data.organizations.push(org);
        self.parsed.org_at.push(RecordAt::Line { file: 0, line });
        Some(i)
    }

    fn edge(&mut self, line: u64, source: &str, target: &str, weight: Option<&str>) {
        self.dated_edge(line, source, target, weight, None);
    }

    /// An edge with an optional year cell in `column` (1-based).
    fn dated_edge(
        &mut self,
        line: u64,
        source: &str,
        target: &str,
        weight: Option<&str>,
        year: Option<(&str, usize)>,
    ) {
        let s = self.id(source, line, 1, "source");
        let t = self.id(target, line, 2, "target");
        let since = match year {
            None => Some(None),
            Some((y, column)) => match y.parse::<i32>().ok().filter(|y| rules::year(*y).is_ok()) {
                Some(y) => Some(Some(y)),
                None => {
                    let p = Problem::new(self.at(line, Some(column), "year"), y, Rule::Year);
                    self.parsed.problems.push(p);
                    None
                }
            },
        };
        let strength = match weight.map(str::trim).filter(|w| !w.is_empty()) {
            None => Some(1),
            Some(w) => match w.parse::<u8>().ok().filter(|s| rules::strength(*s).is_ok()) {
                Some(s) => Some(s),
                None => {
                    let p = Problem::new(self.at(line, Some(3), "weight"), w, Expected::EdgeWeight);
                    self.parsed.problems.push(p);
                    None
                }
            },
        };
        let (Some(s), Some(t), Some(strength), Some(since)) = (s, t, strength, since) else {
            return;
        };
        if s == t {
            self.parsed.skipped_self_loops += 1;
            return;
        }
        let next = self.parsed.data.ties.len();
        if let Some(&i) = self.pairs.get(&(s.min(t), s.max(t))) {
            self.parsed.merged_duplicates += 1;
            let tie = &mut self.parsed.data.ties[i];
            tie.since = match (tie.since, since) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            return;
        }
        self.pairs.insert((s.min(t), s.max(t)), next);
        let orgs = &self.parsed.data.organizations;
        let (source, target) = (orgs[s as usize].id.clone(), orgs[t as usize].id.clone());
        self.parsed.data.ties.push(Tie {
            source,
            target,
            kind: EDGE_LIST_KIND,
            strength,
            since,
            until: None,
            reported_by: ReportedBy::Both,
            attributes: Default::default(),
        });
        self.parsed.tie_at.push(RecordAt::Line { file: 0, line });
    }

    fn finish(mut self) -> Parsed {
        let mut header = vec!["source".into(), "target".into(), "weight".into()];
        if self.dated {
            header.push("year".into());
        }
        self.parsed.headers = vec![(self.file.to_owned(), header)];
        self.parsed
    }
}

/// Reads a SNAP-style text edge list: per line `source target [weight]` separated by spaces
/// or tabs; lines starting with `#` or `%` and blank lines are skipped; CRLF is accepted.
pub fn read_snap(file: &str, bytes: &[u8]) -> Parsed {
    let mut b = Builder::new(file);
    for (i, raw) in bytes.split(|&c| c == b'\n').enumerate() {
        let line = i as u64 + 1;
        let Ok(text) = std::str::from_utf8(raw) else {
            let p = Problem::new(
                b.at(line, None, "line"),
                &String::from_utf8_lossy(raw),
                Expected::Utf8,
            );
            b.parsed.problems.push(p);
            continue;
        };
        let text = text.trim();
        if text.is_empty() || text.starts_with('#') || text.starts_with('%') {
            continue;
        }
        let tokens: Vec<&str> = text.split_whitespace().collect();
        match tokens.as_slice() {
            [s, t] => b.edge(line, s, t, None),
            [s, t, w] => b.edge(line, s, t, Some(w)),
            _ => {
                let p = Problem::new(b.at(line, None, "line"), text, Expected::SnapLine);
                b.parsed.problems.push(p);
            }
        }
    }
    b.finish()
}

/// Whether a first row is a header: its first two cells name the ends (`source`/`target`,
/// `from`/`to`, `origen`/`destino`, `organización`/`aliada`, `organization`/`partner`, in any
/// case and with or without accents), or its last cell names a weight or year column
/// (`weight`, `peso`, `strength`, `fuerza`, `year`, `año`), which a row of data never holds
/// there.
fn is_header(cells: &[&str]) -> bool {
    let is = |cell: &str, words: &[&str]| words.contains(&names::key(cell).as_str());
    let ends = cells.len() >= 2
        && is(
            cells[0],
            &[
                "source",
                "from",
                "origen",
                "origin",
                "organizacion",
                "organization",
            ],
        )
        && is(
            cells[1],
            &[
                "target",
                "to",
                "destino",
                "destination",
                "aliada",
                "aliado",
                "partner",
                "socia",
                "socio",
            ],
        );
    let named_last = cells.len() >= 3
        && cells
            .last()
            .is_some_and(|c| is(c, &["weight", "peso", "strength", "fuerza", "year", "ano"]));
    ends || named_last
}

/// One row of a CSV, TSV or spreadsheet edge list (`index` 0 is the first row).
fn edge_row(b: &mut Builder<'_>, index: usize, line: u64, cells: &[&str]) {
    if index == 0 && is_header(cells) {
        b.dated = cells
            .last()
            .is_some_and(|c| ["year", "ano"].contains(&names::key(c).as_str()));
        return;
    }
    match (b.dated, cells) {
        (_, [""]) | (_, []) => {}
        (false, [s, t]) => b.edge(line, s, t, None),
        (false, [s, t, w]) => b.edge(line, s, t, Some(w)),
        (true, [s, t, y]) => b.dated_edge(line, s, t, None, Some((y, 3))),
        (true, [s, t, w, y]) => b.dated_edge(line, s, t, Some(w), Some((y, 4))),
        (dated, _) => {
            let expected = if dated {
                Expected::DatedEdgeRow
            } else {
                Expected::EdgeRow
            };
            let p = Problem::new(b.at(line, None, "row"), &cells.join(","), expected);
            b.parsed.problems.push(p);
        }
    }
}

/// Reads a CSV edge list `source,target[,weight]`. A first row whose first two cells are
/// `source` and `target` is a header; when it names a `year` column (`source,target,year` or
/// `source,target,weight,year`) the list is dated and each tie's `since` is its year.
pub fn read_csv(file: &str, bytes: &[u8]) -> Parsed {
    read_delimited(file, bytes, b',')
}

/// Reads a tab-separated edge list: the same rows as [`read_csv`], cells separated by tabs
/// (so names may hold spaces), `#` comment lines skipped.
pub fn read_tsv(file: &str, bytes: &[u8]) -> Parsed {
    read_delimited(file, bytes, b'\t')
}

fn read_delimited(file: &str, bytes: &[u8], delimiter: u8) -> Parsed {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut b = Builder::new(file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment((delimiter == b'\t').then_some(b'#'))
        .from_reader(bytes);
    for (i, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let detail = e.to_string();
                let p = Problem::new(b.at(line, None, "row"), "", Expected::CsvRow { detail });
                b.parsed.problems.push(p);
                continue;
            }
        };
        let line = row.position().map_or(i as u64 + 1, |p| p.line());
        let cells: Vec<&str> = row.iter().map(str::trim).collect();
        edge_row(&mut b, i, line, &cells);
    }
    b.finish()
}

/// Reads an edge list from a spreadsheet's rows (as [`super::table::xlsx_rows`] gives them):
/// the same rows as [`read_csv`], trailing empty cells ignored; line numbers are row numbers.
pub fn read_rows(file: &str, rows: &[Vec<String>]) -> Parsed {
    read_rows_and_nodes(file, rows, &[])
}

/// [`read_rows`], then the organizations in `nodes` that no row names (a graph's isolated
/// nodes, for the Python package's `from_networkx`), each an id or a name as an endpoint is;
/// a node's problems are reported at line (rows + its position), field `node`.
pub fn read_rows_and_nodes(file: &str, rows: &[Vec<String>], nodes: &[String]) -> Parsed {
    let mut b = Builder::new(file);
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<&str> = row.iter().map(|c| c.trim()).collect();
        while cells.last() == Some(&"") {
            cells.pop();
        }
        edge_row(&mut b, i, i as u64 + 1, &cells);
    }
    for (i, node) in nodes.iter().enumerate() {
        let line = (rows.len() + i) as u64 + 1;
        b.id(node.trim(), line, 1, "node");
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn snap_merges_mirrors_and_skips_loops() {
        let text = b"# comment\r\n1\t2\r\n2\t1\r\n3 3\r\n2 3\r\n\r\n";
        let (data, s) = read_snap("g.txt", text)
            .finish(&HashSet::new())
            .expect("valid");
        assert_eq!((s.organizations, s.ties), (3, 2));
        assert_eq!((s.merged_duplicates, s.skipped_self_loops), (1, 1));
        assert_eq!(data.ties[1].source, "2");
    }

    #[test]
    fn csv_with_header_and_weights() {
        let text = b"source,target,weight\na,b,4\nb,c,7\nc\n";
        let parsed = read_csv("e.csv", text);
        let lines: Vec<_> = parsed
            .problems
            .listed()
            .into_iter()
            .map(|p| (p.at.line, p.at.field.clone()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (Some(3), "weight".to_string()),
                (Some(4), "row".to_string())
            ]
        );
    }

    #[test]
    fn dated_csv_keeps_the_first_year_of_each_pair() {
        let text = b"source,target,year\na,b,2018\nb,a,2015\nb,c,2020\nc,d,1066\n";
        let parsed = read_csv("dated.csv", text);
        let problems: Vec<_> = parsed
            .problems
            .listed()
            .into_iter()
            .map(|p| (p.at.line, p.at.column, p.at.field.clone(), p.value.clone()))
            .collect();
        assert_eq!(
            problems,
            vec![(Some(5), Some(3), "year".to_owned(), "1066".to_owned())]
        );
        let since: Vec<_> = parsed.data.ties.iter().map(|t| t.since).collect();
        assert_eq!(since, vec![Some(2015), Some(2020)]);
        assert_eq!(parsed.merged_duplicates, 1);
        let weighted = read_csv("w.csv", b"source,target,weight,year\na,b,3,2019\n");
        let t = &weighted.data.ties[0];
        assert_eq!((t.strength, t.since), (3, Some(2019)));
    }

    #[test]
    fn ids_stay_ids_and_other_tokens_are_names() {
        let text = "a ../ZzB\nBig small\nok \u{202E}fdp.exe\nfine-1 fine_2\n";
        let parsed = read_snap("g.txt", text.as_bytes());
        let got: Vec<_> = parsed
            .problems
            .listed()
            .into_iter()
            .map(|p| (p.at.line, p.at.column, p.at.field.clone(), p.value.clone()))
            .collect();
        assert_eq!(
            got,
            vec![(
                Some(3),
                Some(2),
                "target".to_owned(),
                "\\u{202e}fdp.exe".to_owned()
            )]
        );
        let ids: Vec<_> = parsed
            .data
            .organizations
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(
            ids,
            vec!["a", "zzb", "big", "small", "ok", "fine-1", "fine_2"]
        );
        let named: Vec<_> = parsed
            .named
            .iter()
            .map(|n| (n.id.as_str(), n.name.as_str()))
            .collect();
        assert_eq!(named, vec![("zzb", "../ZzB"), ("big", "Big")]);
    }

    #[test]
    fn named_csv_keeps_names_and_merges_spellings() {
        let text = "source,target\n\
            Casa del Migrante,Red Jesuita con Migrantes\n\
            casa del migrante.,Albergue Niños y Niñas A.C.\n\
            Albergue Ninos y Ninas AC,Red Jesuita con Migrantes\n\
            北京 Centro,Centro\n";
        let (data, summary) = read_csv("named.csv", text.as_bytes())
            .finish(&HashSet::new())
            .expect("names are accepted");
        let orgs: Vec<_> = data
            .organizations
            .iter()
            .map(|o| (o.id.as_str(), o.name.as_str()))
            .collect();
        assert_eq!(
            orgs,
            vec![
                ("casa-del-migrante", "Casa del Migrante"),
                ("red-jesuita-con-migrantes", "Red Jesuita con Migrantes"),
                ("albergue-ninos-y-ninas-a-c", "Albergue Niños y Niñas A.C."),
                ("centro", "北京 Centro"),
                ("centro-2", "Centro"),
            ]
        );
        let ties: Vec<_> = data
            .ties
            .iter()
            .map(|t| (t.source.as_str(), t.target.as_str()))
            .collect();
        assert_eq!(ties[1], ("casa-del-migrante", "albergue-ninos-y-ninas-a-c"));
        assert_eq!(
            ties[2],
            ("albergue-ninos-y-ninas-a-c", "red-jesuita-con-migrantes")
        );
        assert_eq!(summary.named.len(), 5);
        assert_eq!(
            summary.named[0].spellings,
            vec!["casa del migrante.".to_owned()]
        );
        assert_eq!(
            summary.named[2].spellings,
            vec!["Albergue Ninos y Ninas AC".to_owned()]
        );
    }

    #[test]
    fn strict_id_files_import_as_before() {
        let text = b"1 2\n2 3\nab a-b\n";
        let parsed = read_snap("g.txt", text);
        let ids: Vec<_> = parsed
            .data
            .organizations
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(
            ids,
            vec!["1", "2", "3", "ab", "a-b"],
            "ids are never merged by spelling"
        );
        assert!(parsed.named.is_empty());
    }

    #[test]
    fn tsv_and_spreadsheet_rows_hold_names_with_spaces() {
        // A spreadsheet's own header words, a year column last.
        let sheet = vec![
            vec![
                "Organización".to_owned(),
                "Aliada".to_owned(),
                "Año".to_owned(),
            ],
            vec![
                "Casa Quetzal".to_owned(),
                "Red Sur".to_owned(),
                "2021".to_owned(),
            ],
        ];
        let parsed = read_rows("red.xlsx", &sheet);
        assert!(parsed.problems.is_empty());
        assert_eq!(parsed.data.ties[0].since, Some(2021));
        let tsv = "# comment\nOrigen\tDestino\tAño\nCasa Quetzal\tRed Sur\t2021\n";
        let parsed = read_tsv("e.tsv", tsv.as_bytes());
        assert!(parsed.problems.is_empty());
        let t = &parsed.data.ties[0];
        assert_eq!(
            (t.source.as_str(), t.target.as_str(), t.since),
            ("casa-quetzal", "red-sur", Some(2021))
        );
        let rows = vec![
            vec![
                "source".to_owned(),
                "target".to_owned(),
                "weight".to_owned(),
            ],
            vec![
                "Casa Quetzal".to_owned(),
                "Red Sur".to_owned(),
                "4".to_owned(),
                String::new(),
            ],
            vec![],
            vec!["Red Sur".to_owned(), "x".to_owned(), "9".to_owned()],
        ];
        let parsed = read_rows("e.xlsx", &rows);
        assert_eq!(parsed.data.ties[0].strength, 4);
        let problems: Vec<_> = parsed
            .problems
            .listed()
            .into_iter()
            .map(|p| (p.at.line, p.at.field.clone()))
            .collect();
        assert_eq!(problems, vec![(Some(4), "weight".to_owned())]);
    }
}
