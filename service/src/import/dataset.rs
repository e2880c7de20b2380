//! Dated inter-organization datasets from elsewhere, read as they are for backtests: a
//! directory with `organizations.csv` and `ties.csv` or `ties.csv.gz` (the layout of
//! `../shared/datasets/somalia-iati-aid` and `cordis-h2020-2014-2019`).
//!
//! * `ties.csv[.gz]`: header `source,target,year` (or `since` for `year`, and an optional
//!   `strength` 1-5); each row a pair of ids and the year the pair first collaborated.
//! * `organizations.csv`: header with `id` and any of `name`, `country`, `corridor`,
//!   `services` (`;`-separated vocabulary), `population_served`, and `first_year` or
//!   `founded_year` (the year the organization is known from, which decides who is present at
//!   a backtest's split year). Other columns are ignored. Organizations without ties are kept
//!   (they are the isolated organizations of their years).
//! * `memberships.csv` (optional, Somalia's layout: `org_id,…,start_date,…`): when the
//!   organizations carry no year, each one's first activity year stands in for it.
//! * **Repeated collaboration.** `ties.csv` has one row per pair (its first year), so every
//!   pair would weigh 1. When the directory also lists who took part in what —
//!   `participations.csv[.gz]` (CORDIS: `rcn,…,pic,…,start_year`) or `memberships.csv`
//!   (Somalia: `activity_id,org_id,…,start_date`); generic names `project`, `organization`,
//!   `year` work too — each pair of `ties.csv` also gets one tie (strength 1) per further
//!   project the two shared, dated by that project's start year. A pair's collapsed weight
//!   is then the number of projects it shared, and a backtest that trains on ties started
//!   before Y counts only the projects started before Y: nothing from the test years leaks.
//!   `ties.csv` stays the authority on which pairs exist and when they first worked
//!   together (both bundled datasets' pair lists are exactly the pairs of their
//!   participation files, with the same first years); a project with one organization, a
//!   row without a year (empty or `NA`) or an organization absent from `ties.csv` adds
//!   nothing.
//!
//! `country` is compared as a label only (proximity = same label), so a dataset that writes
//! country names rather than ISO codes still works; the data is for analysis, never stored.
//! Every problem names file, line, field, value and what is allowed.

use super::{gzip_limit, ImportError, Location, Problem};
use crate::i18n::{Expected, Lang};
use puentes_analysis::model::{
    rules, NetworkData, Organization, ReportedBy, Rule, Service, Tie, TieKind,
};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A problem in a dataset file (`Display` words it in the [`crate::i18n::current`]
/// language).
#[derive(Debug)]
pub struct DatasetError {
    /// The file.
    pub path: PathBuf,
    /// The line (1 = header).
    pub line: u64,
    /// The column.
    pub field: String,
    /// The value found.
    pub value: String,
    /// What is allowed.
    pub allowed: Expected,
}

impl DatasetError {
    /// `file:line: field = "value": expected …` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let at = Location {
            file: self.path.display().to_string(),
            line: Some(self.line),
            column: None,
            field: self.field.clone(),
        };
        Problem::new(at, &self.value, self.allowed.clone()).render(lang)
    }
}

impl std::fmt::Display for DatasetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(crate::i18n::current()))
    }
}

impl std::error::Error for DatasetError {}

/// Why a dataset directory could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A file could not be read or decompressed.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A row breaks a rule.
    #[error(transparent)]
    Row(#[from] Box<DatasetError>),
}

fn bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let raw = super::read_input(path)?;
    if path.extension().is_none_or(|e| e != "gz") {
        return Ok(raw);
    }
    let compressed = raw.len() as u64;
    let limit = gzip_limit(compressed);
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&raw[..])
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(io)?;
    if out.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            compressed,
            limit,
        });
    }
    Ok(out)
}

/// One CSV row: its line and its non-empty cells by (lowercase) column name.
type Row = (u64, HashMap<String, String>);

/// The rows of a CSV file.
fn rows(path: &Path) -> Result<Vec<Row>, ReadError> {
    let data = bytes(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(&data[..]);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| {
            let detail = e.to_string();
            bad(path, 1, "header", "", Expected::CsvRow { detail })
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(
                path,
                line,
                "row",
                "",
                Expected::CsvRow {
                    detail: e.to_string(),
                },
            )
        })?;
        let line = row.position().map_or(0, |p| p.line());
        let map = header
            .iter()
            .cloned()
            .zip(row.iter().map(|c| c.trim().to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        out.push((line, map));
    }
    Ok(out)
}

fn bad(
    path: &Path,
    line: u64,
    field: &str,
    value: &str,
    allowed: impl Into<Expected>,
) -> ReadError {
    ReadError::Row(Box::new(DatasetError {
        path: path.to_owned(),
        line,
        field: field.to_owned(),
        value: value.to_owned(),
        allowed: allowed.into(),
    }))
}

fn year(path: &Path, line: u64, field: &str, value: &str) -> Result<i32, ReadError> {
    value
        .parse::<i32>()
        .ok()
        .filter(|y| rules::year(*y).is_ok())
        .ok_or_else(|| bad(path, line, field, value, Rule::Year))
}

/// Reads a dataset directory (see the module docs).
pub fn read(dir: &Path) -> Result<NetworkData, ReadError> {
    let orgs_path = dir.join("organizations.csv");
    let ties_path = ["ties.csv", "ties.csv.gz"]
        .map(|f| dir.join(f))
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| dir.join("ties.csv"));
    let mut organizations = Vec::new();
    let mut has_year = false;
    for (line, row) in rows(&orgs_path)? {
        let get = |k: &str| row.get(k).map(String::as_str);
        let id = get("id").unwrap_or_default();
        rules::id(id).map_err(|rule| bad(&orgs_path, line, "id", id, rule))?;
        let mut o = Organization::bare(id);
        if let Some(name) = get("name") {
            o.name = name.to_owned();
        }
        o.country = get("country").unwrap_or_default().to_owned();
        o.corridor = get("corridor").map(str::to_owned);
        for s in get("services").unwrap_or_default().split(';') {
            let s = s.trim();
            if !s.is_empty() {
                let service: Service = s
                    .parse()
                    .map_err(|rule| bad(&orgs_path, line, "services", s, rule))?;
                o.services.push(service);
            }
        }
        if let Some(p) = get("population_served") {
            let value = p.parse().map_err(|_| {
                bad(
                    &orgs_path,
                    line,
                    "population_served",
                    p,
                    Expected::WholeNotNegative,
                )
            })?;
            o.population_served = Some(value);
        }
        for field in ["first_year", "founded_year"] {
            if let Some(y) = get(field) {
                has_year = true;
                o.founded_year = Some(year(&orgs_path, line, field, y)?);
            }
        }
        organizations.push(o);
    }
    let memberships = dir.join("memberships.csv");
    if !has_year && memberships.exists() {
        let mut first: HashMap<String, i32> = HashMap::new();
        for (line, row) in rows(&memberships)? {
            let (Some(org), Some(date)) = (row.get("org_id"), row.get("start_date")) else {
                continue;
            };
            let y = year(
                &memberships,
                line,
                "start_date",
                date.get(..4).unwrap_or(date),
            )?;
            let e = first.entry(org.clone()).or_insert(y);
            *e = (*e).min(y);
        }
        for o in &mut organizations {
            o.founded_year = first.get(&o.id).copied();
        }
    }
    let mut known: HashMap<String, usize> = organizations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    let mut ties = Vec::new();
    for (line, row) in rows(&ties_path)? {
        let get = |k: &str| row.get(k).map(String::as_str);
        let mut end = |field: &str| -> Result<String, ReadError> {
            let id = get(field).unwrap_or_default();
            rules::id(id).map_err(|rule| bad(&ties_path, line, field, id, rule))?;
            if !known.contains_key(id) {
                known.insert(id.to_owned(), organizations.len());
                organizations.push(Organization::bare(id));
            }
            Ok(id.to_owned())
        };
        let (source, target) = (end("source")?, end("target")?);
        let since = match get("year").or_else(|| get("since")) {
            Some(y) => Some(year(&ties_path, line, "year", y)?),
            None => None,
        };
        let strength = match get("strength") {
            Some(s) => s
                .parse::<u8>()
                .ok()
                .filter(|s| rules::strength(*s).is_ok())
                .ok_or_else(|| bad(&ties_path, line, "strength", s, Rule::Strength))?,
            None => 1,
        };
        if source != target {
            ties.push(Tie {
                source,
                target,
                kind: TieKind::JointProject,
                strength,
                since,
                until: None,
                reported_by: ReportedBy::Both,
                attributes: Default::default(),
            });
        }
    }
    let further = further_projects(dir, &known)?;
    if !further.is_empty() {
        let mut extra = Vec::new();
        let mut done = std::collections::HashSet::new();
        for t in &ties {
            let (Some(&a), Some(&b)) = (known.get(&t.source), known.get(&t.target)) else {
                continue;
            };
            let key = (a.min(b), a.max(b));
            if !done.insert(key) {
                continue; // a pair listed twice is extended once
            }
            let from = further.partition_point(|e| (e.0, e.1) < key);
            let years = further[from..]
                .iter()
                .take_while(|e| (e.0, e.1) == key)
                .map(|e| e.2);
            // The first shared project is the ties.csv row itself.
            for year in years.skip(1) {
                extra.push(Tie {
                    since: Some(year),
                    strength: 1,
                    ..t.clone()
                });
            }
        }
        ties.extend(extra);
    }
    Ok(NetworkData {
        organizations,
        ties,
    })
}

/// The participation file of a dataset directory, if any: CORDIS's
/// `participations.csv[.gz]`, else Somalia's `memberships.csv`.
fn participation_file(dir: &Path) -> Option<PathBuf> {
    [
        "participations.csv",
        "participations.csv.gz",
        "memberships.csv",
    ]
    .map(|f| dir.join(f))
    .into_iter()
    .find(|p| p.exists())
}

/// Every (organization, organization, project start year) of the projects in the
/// participation file (see the module docs), organizations as indices of `known`, sorted
/// (so a pair's shared projects are adjacent, earliest first). Empty without such a file.
fn further_projects(
    dir: &Path,
    known: &HashMap<String, usize>,
) -> Result<Vec<(usize, usize, i32)>, ReadError> {
    let Some(path) = participation_file(dir) else {
        return Ok(Vec::new());
    };
    let mut projects: HashMap<String, (i32, Vec<usize>)> = HashMap::new();
    for (line, row) in rows(&path)? {
        let get = |names: &[&str]| names.iter().find_map(|k| row.get(*k).map(String::as_str));
        let (Some(project), Some(org)) = (
            get(&["project", "rcn", "activity_id"]),
            get(&["organization", "pic", "org_id"]),
        ) else {
            continue;
        };
        let (field, raw) = match (get(&["year", "start_year"]), get(&["start_date"])) {
            (Some(y), _) => ("start_year", y),
            (None, Some(d)) => ("start_date", d.get(..4).unwrap_or(d)),
            (None, None) => continue,
        };
        if raw.eq_ignore_ascii_case("na") {
            continue;
        }
        let y = year(&path, line, field, raw)?;
        let Some(&v) = known.get(org) else {
            continue;
        };
        let entry = projects
            .entry(project.to_owned())
            .or_insert((y, Vec::new()));
        entry.0 = entry.0.min(y);
        entry.1.push(v);
    }
    let mut out = Vec::new();
    for (y, mut members) in projects.into_values() {
        members.sort_unstable();
        members.dedup();
        for (i, &a) in members.iter().enumerate() {
            out.extend(members[i + 1..].iter().map(|&b| (a, b, y)));
        }
    }
    out.sort_unstable();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_dataset_directory_and_names_bad_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("organizations.csv"),
            "id,name,country,type,first_year\na,Org A,Norway,NGO,2015\nb,,,,2016\nlonely,,,,2010\n",
        )
        .expect("write");
        std::fs::write(
            dir.path().join("ties.csv"),
            "source,target,year\na,b,2017\nb,c,2018\n",
        )
        .expect("write");
        let data = read(dir.path()).expect("valid");
        let ids: Vec<&str> = data.organizations.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "lonely", "c"]);
        assert_eq!(data.organizations[0].country, "Norway");
        assert_eq!(data.organizations[2].founded_year, Some(2010));
        assert_eq!(data.ties[1].since, Some(2018));
        // A participation file: a and b shared p1 (2017, the ties.csv row), p2 (2019) and
        // p3 (2020); b and c shared p4 (2018) only; p5 has one organization; the NA row and
        // the organization outside ties.csv add nothing.
        std::fs::write(
            dir.path().join("participations.csv"),
            "rcn,role,pic,start_year\np1,coordinator,a,2017\np1,participant,b,2017\n\
             p2,x,a,2019\np2,x,b,2019\np2,x,b,2019\np3,x,b,2020\np3,x,a,2020\n\
             p4,x,b,2018\np4,x,c,2018\np5,x,a,2021\np6,x,a,NA\np6,x,c,NA\n\
             p7,x,a,2022\np7,x,nobody,2022\n",
        )
        .expect("write");
        let data = read(dir.path()).expect("valid");
        let mut ab: Vec<Option<i32>> = data
            .ties
            .iter()
            .filter(|t| (t.source.as_str(), t.target.as_str()) == ("a", "b"))
            .map(|t| t.since)
            .collect();
        ab.sort_unstable();
        assert_eq!(ab, [Some(2017), Some(2019), Some(2020)]);
        assert_eq!(data.ties.len(), 4);
        let net = puentes_analysis::Network::build(
            &data,
            puentes_analysis::network::BuildOptions {
                as_of: None,
                before: Some(2020),
                weight: None,
            },
        );
        assert_eq!(net.weight(0, 1), Some(2.0)); // p1 and p2, not p3 (2020)
        std::fs::remove_file(dir.path().join("participations.csv")).expect("remove");
        std::fs::write(
            dir.path().join("ties.csv"),
            "source,target,year\na,b,soon\n",
        )
        .expect("write");
        let err = read(dir.path()).expect_err("bad year").to_string();
        assert!(
            err.ends_with("ties.csv:2: year = \"soon\": expected a year from 1900 to 2100"),
            "{err}"
        );
        let ReadError::Row(row) = read(dir.path()).expect_err("bad year") else {
            panic!("a row error")
        };
        assert!(
            row.render(Lang::Es)
                .ends_with("ties.csv:2: year = \"soon\": se espera un año de 1900 a 2100"),
            "{}",
            row.render(Lang::Es)
        );
    }
}
