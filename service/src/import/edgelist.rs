//! Plain edge lists for networks from elsewhere (SNAP text, CSV `source,target[,weight]`, and
//! dated CSV `source,target,year` or `source,target,weight,year`).
//!
//! Organizations are created from the ids seen (name = id, no attributes). Each distinct
//! unordered pair becomes one tie of kind `joint_project`, reported by `both`; its strength is
//! the weight (a whole number 1-5) or 1, and its `since` the year when the list is dated (the
//! header names a `year` column), else unknown. Repeated and mirrored lines (`a b` and `b a`,
//! as SNAP lists undirected networks) are merged into one tie, keeping the first line's weight
//! and the earliest year (the year the pair first collaborated), and counted; self-loops are
//! skipped and counted. Ids follow the same
//! rule as in every other format ([`rules::id`]: lowercase letters, digits, `-` and `_`), and the
//! organizations created have an unknown (empty) country, which every format accepts, so the
//! network re-imports as JSON or CSV.

use super::{Location, Parsed, Problem, RecordAt};
use crate::i18n::Expected;
use puentes_analysis::model::{rules, Organization, ReportedBy, Rule, Tie, TieKind};
use std::collections::HashMap;

/// The kind given to ties read from edge lists.
pub const EDGE_LIST_KIND: TieKind = TieKind::JointProject;

struct Builder<'a> {
    file: &'a str,
    parsed: Parsed,
    ids: HashMap<String, u32>,
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

    fn id(&mut self, token: &str, line: u64, column: usize, field: &str) -> Option<u32> {
        if let Some(&i) = self.ids.get(token) {
            return Some(i);
        }
        if let Err(expected) = rules::id(token) {
            let p = Problem::new(self.at(line, Some(column), field), token, expected);
            self.parsed.problems.push(p);
            return None;
        }
        let i = u32::try_from(self.ids.len()).ok()?;
        self.ids.insert(token.to_owned(), i);
        self.parsed
            .data
            .organizations
            .push(Organization::bare(token));
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
        self.parsed.data.ties.push(Tie {
            source: source.to_owned(),
            target: target.to_owned(),
            kind: EDGE_LIST_KIND,
            strength,
            since,
            until: None,
            reported_by: ReportedBy::Both,
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

/// Reads a CSV edge list `source,target[,weight]`. A first row whose first two cells are
/// `source` and `target` is a header; when it names a `year` column (`source,target,year` or
/// `source,target,weight,year`) the list is dated and each tie's `since` is its year.
pub fn read_csv(file: &str, bytes: &[u8]) -> Parsed {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut b = Builder::new(file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    for (i, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let p = Problem::new(
                    b.at(line, None, "row"),
                    "",
                    Expected::CsvRow {
                        detail: e.to_string(),
                    },
                );
                b.parsed.problems.push(p);
                continue;
            }
        };
        let line = row.position().map_or(i as u64 + 1, |p| p.line());
        let cells: Vec<&str> = row.iter().map(str::trim).collect();
        if i == 0
            && cells.len() >= 2
            && cells[0].eq_ignore_ascii_case("source")
            && cells[1].eq_ignore_ascii_case("target")
        {
            b.dated = cells.last().is_some_and(|c| c.eq_ignore_ascii_case("year"));
            continue;
        }
        match (b.dated, cells.as_slice()) {
            (_, [""]) => {}
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
    fn ids_follow_the_rule_of_every_format() {
        let text = "a ../ZzB\nBig small\nok \u{202E}fdp.exe\nfine-1 fine_2\n";
        let parsed = read_snap("g.txt", text.as_bytes());
        let got: Vec<_> = parsed
            .problems
            .listed()
            .into_iter()
            .map(|p| (p.at.line, p.at.column, p.at.field.clone(), p.value.clone()))
            .collect();
        let row = |line, column, field: &str, value: &str| {
            (Some(line), Some(column), field.to_owned(), value.to_owned())
        };
        assert_eq!(
            got,
            vec![
                row(1, 2, "target", "../ZzB"),
                row(2, 1, "source", "Big"),
                row(3, 2, "target", "\\u{202e}fdp.exe"),
            ]
        );
        assert_eq!(
            parsed.data.organizations.len(),
            5,
            "a, small, ok, fine-1, fine_2"
        );
    }
}
