//! Time-split backtest of the suggestion engine on a dated network, printed as markdown
//! tables.
//!
//! ```sh
//! cargo run --release -p puentes-analysis --example backtest -- \
//!     ../shared/datasets/cordis-h2020-2014-2019 --split-year 2018 --horizon 1 --k 10
//! cargo run --release -p puentes-analysis --example backtest -- \
//!     ../shared/datasets/somalia-iati-aid --split-year 2018 --horizon 3
//! cargo run --release -p puentes-analysis --example backtest -- fixtures/hip \
//!     --split-year 2022 --horizon 2
//! ```
//!
//! Reads a folder with `organizations.csv` and `ties.csv` (or `ties.csv.gz`):
//! * organizations: `id` and, when present, `name`, `country`, `corridor`, `services`
//!   (`;`-separated), `population_served`, and `founded_year` or `first_year` (the year the
//!   organization is known from: [`Presence::Existing`] counts it present before the split
//!   year even without ties). Without either column, a `memberships.csv` beside them
//!   (`org_id`, `start_date`) gives each organization's first activity year (the Somalia
//!   IATI data). Other columns (`type`, `scope`, `humanitarian`) are not read: no component
//!   uses them.
//! * ties: `source`, `target`, and `year` or `since` (the dated edge-list format
//!   `source,target,year`, one row per tie); `strength` (1-5, default 1) when present.
//!
//! Options: `--split-year Y` (required), `--horizon H` (default 1: test pairs first formed in
//! Y..=Y+H), `--k K` (default 10), `--presence tied|existing` (default existing), `--seed S`
//! (default 42), `--no-tune`, `--tune-horizon H′` (default 0: tune on the split Y − 1 − H′
//! with horizon H′), `--half-life YEARS` (default 3).
//!
//! `--what-if-bridge` runs no backtest: on the whole network it proposes, for every
//! peripheral organization with `partner = true` (or every peripheral organization when the
//! data has no `partner` column), its top `bridge` suggestion as a tie of strength 1, and
//! prints the what-if deltas ([`what_if`]).

use puentes_analysis::community::louvain;
use puentes_analysis::gaps::peripheral_organizations;
use puentes_analysis::model::{NetworkData, Organization, ReportedBy, Service, Tie, TieKind};
use puentes_analysis::network::{BuildOptions, Network, Node};
use puentes_analysis::suggest::backtest::{
    backtest, Backtest, BacktestOptions, Metrics, Presence, ScorerResult,
};
use puentes_analysis::suggest::what_if::{what_if, ProposedTie};
use puentes_analysis::suggest::{
    suggest_many, Goal, IndexOptions, SuggestIndex, SuggestOptions, TieYears,
};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Res<T> = Result<T, String>;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn run() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir: Option<PathBuf> = None;
    let mut split: Option<i32> = None;
    let mut opts_horizon = 1;
    let mut k = 10;
    let mut presence = Presence::Existing;
    let mut seed = 42u64;
    let mut tune = true;
    let mut tune_horizon = 0;
    let mut what_if_bridge = false;
    let mut half_life = 3.0;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let int = |name: &str, v: String| {
            v.parse::<i64>()
                .map_err(|_| format!("{name} {v:?}: expected a whole number"))
        };
        match a.as_str() {
            "--split-year" => split = Some(int(a, value(a)?)? as i32),
            "--horizon" => opts_horizon = int(a, value(a)?)? as i32,
            "--k" => k = int(a, value(a)?)? as usize,
            "--seed" => seed = int(a, value(a)?)? as u64,
            "--no-tune" => tune = false,
            "--what-if-bridge" => what_if_bridge = true,
            "--tune-horizon" => tune_horizon = int(a, value(a)?)? as i32,
            "--half-life" => {
                let v = value(a)?;
                half_life = v
                    .parse()
                    .map_err(|_| format!("--half-life {v:?}: expected a number of years"))?;
            }
            "--presence" => {
                presence = match value(a)?.as_str() {
                    "tied" => Presence::Tied,
                    "existing" => Presence::Existing,
                    other => return Err(format!("--presence {other:?}: allowed tied, existing")),
                }
            }
            other if !other.starts_with("--") && dir.is_none() => dir = Some(other.into()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let dir = dir.ok_or("usage: backtest DIR --split-year Y [--horizon H] [--k K] ...")?;
    if what_if_bridge {
        return bridge_what_if(&dir, seed);
    }
    let split = split.ok_or("--split-year Y is required")?;

    let t0 = Instant::now();
    let data = read_dir(&dir)?;
    let read_secs = t0.elapsed().as_secs_f64();
    let mut opts = BacktestOptions::new(split, opts_horizon);
    opts.k = k;
    opts.presence = presence;
    opts.seed = seed;
    opts.tune = tune;
    opts.tune_horizon = tune_horizon;
    opts.half_life_years = half_life;
    let t1 = Instant::now();
    let out = backtest(&data, &opts).map_err(|e| e.to_string())?;
    let secs = t1.elapsed().as_secs_f64();
    print_report(&dir, &data, &out, &opts, read_secs, secs);
    Ok(())
}

fn read_text(path: &Path) -> Res<String> {
    let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_string(&mut s)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(s)
    } else {
        String::from_utf8(raw).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))
    }
}

/// Splits one CSV record (RFC 4180 quotes, no line breaks inside fields).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Rows of a CSV file as maps from header to value, with the line number.
fn table(path: &Path) -> Res<Vec<(usize, HashMap<String, String>)>> {
    let text = read_text(path)?;
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let header = match lines.next() {
        Some((_, h)) => fields(h),
        None => return Ok(Vec::new()),
    };
    Ok(lines
        .map(|(i, l)| {
            let row = header.iter().cloned().zip(fields(l)).collect();
            (i + 1, row)
        })
        .collect())
}

fn read_dir(dir: &Path) -> Res<NetworkData> {
    let orgs_path = dir.join("organizations.csv");
    let ties_path = ["ties.csv", "ties.csv.gz"]
        .map(|f| dir.join(f))
        .into_iter()
        .find(|p| p.exists())
        .ok_or_else(|| format!("{}: no ties.csv or ties.csv.gz", dir.display()))?;
    let bad = |path: &Path, line: usize, field: &str, value: &str, allowed: &str| {
        format!(
            "{}:{line}: {field} = {value:?}; allowed: {allowed}",
            path.display()
        )
    };
    let mut organizations = Vec::new();
    let mut known_since_column = false;
    for (line, row) in table(&orgs_path)? {
        let get = |k: &str| row.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
        let id = get("id").ok_or_else(|| bad(&orgs_path, line, "id", "", "an id"))?;
        let mut o = Organization::bare(id);
        if let Some(name) = get("name") {
            o.name = name.to_owned();
        }
        o.partner = get("partner") == Some("true");
        o.country = get("country").unwrap_or("").to_owned();
        o.corridor = get("corridor").map(str::to_owned);
        if let Some(list) = get("services") {
            for s in list.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                let svc: Service = s
                    .parse()
                    .map_err(|allowed: String| bad(&orgs_path, line, "services", s, &allowed))?;
                o.services.push(svc);
            }
        }
        if let Some(p) = get("population_served") {
            o.population_served =
                Some(p.parse().map_err(|_| {
                    bad(&orgs_path, line, "population_served", p, "a whole number")
                })?);
        }
        for col in ["founded_year", "first_year"] {
            if let Some(y) = get(col) {
                known_since_column = true;
                o.founded_year = Some(
                    y.parse()
                        .map_err(|_| bad(&orgs_path, line, col, y, "a year"))?,
                );
            }
        }
        organizations.push(o);
    }
    let memberships = dir.join("memberships.csv");
    if !known_since_column && memberships.exists() {
        let mut first: HashMap<String, i32> = HashMap::new();
        for (_, row) in table(&memberships)? {
            let (Some(org), Some(date)) = (row.get("org_id"), row.get("start_date")) else {
                continue;
            };
            if let Some(y) = date.get(..4).and_then(|y| y.parse::<i32>().ok()) {
                let e = first.entry(org.clone()).or_insert(y);
                *e = (*e).min(y);
            }
        }
        for o in &mut organizations {
            o.founded_year = first.get(&o.id).copied();
        }
    }
    let mut ties = Vec::new();
    for (line, row) in table(&ties_path)? {
        let get = |k: &str| row.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
        let source = get("source").ok_or_else(|| bad(&ties_path, line, "source", "", "an id"))?;
        let target = get("target").ok_or_else(|| bad(&ties_path, line, "target", "", "an id"))?;
        let year = match get("year").or_else(|| get("since")) {
            Some(y) => Some(
                y.parse::<i32>()
                    .map_err(|_| bad(&ties_path, line, "year", y, "a year"))?,
            ),
            None => None,
        };
        let strength = match get("strength") {
            Some(s) => s
                .parse::<u8>()
                .ok()
                .filter(|s| (1..=5).contains(s))
                .ok_or_else(|| bad(&ties_path, line, "strength", s, "1 to 5"))?,
            None => 1,
        };
        ties.push(Tie {
            source: source.to_owned(),
            target: target.to_owned(),
            kind: TieKind::JointProject,
            strength,
            since: year,
            until: None,
            reported_by: ReportedBy::Both,
        });
    }
    Ok(NetworkData {
        organizations,
        ties,
    })
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn auc(m: &Metrics) -> String {
    m.auc.map_or("–".into(), f3)
}

fn metrics_table(out: &Backtest, pick: fn(&ScorerResult) -> &Metrics, with_coverage: bool) {
    let k = out.k;
    if with_coverage {
        println!("| scorer | coverage | P@{k} | hit@{k} | MRR | AUPR | AUC | orgs |");
        println!("|---|---|---|---|---|---|---|---|");
    } else {
        println!("| scorer | P@{k} | hit@{k} | MRR | AUPR | AUC | orgs |");
        println!("|---|---|---|---|---|---|---|");
    }
    let aa = out
        .rows
        .iter()
        .find(|r| r.scorer.name() == "adamic_adar")
        .map(|r| pick(r).precision_at_k);
    for r in &out.rows {
        let m = pick(r);
        let name = r.scorer.name();
        if !r.active {
            let cells = if with_coverage { 7 } else { 6 };
            println!(
                "| {name} (inactive: no input data) |{}",
                " – |".repeat(cells)
            );
            continue;
        }
        let vs = match aa {
            Some(a) if a > 0.0 => {
                format!(" ({:+.1}%)", 100.0 * (m.precision_at_k / a - 1.0))
            }
            _ => String::new(),
        };
        let cov = if with_coverage {
            format!(" {} |", f3(r.coverage))
        } else {
            String::new()
        };
        println!(
            "| {name} |{cov} {}{vs} | {} | {} | {} | {} | {} |",
            f3(m.precision_at_k),
            f3(m.hit_rate_at_k),
            f3(m.mrr),
            f3(m.aupr),
            auc(m),
            m.organizations
        );
    }
    println!();
}

fn print_report(
    dir: &Path,
    data: &NetworkData,
    out: &Backtest,
    opts: &BacktestOptions,
    read_secs: f64,
    secs: f64,
) {
    let s = &out.split;
    println!("# Backtest: {}", dir.display());
    println!();
    println!(
        "{} organizations, {} ties ({} undated, ignored). Split Y = {}, horizon h = {} (test \
         pairs first formed in {}..={}), k = {}, presence = {:?}, seed {}, recency half-life \
         {} years. Read in {read_secs:.1} s; backtest (tuning included) in {secs:.1} s on {} \
         threads.",
        data.organizations.len(),
        data.ties.len(),
        out.undated_ties,
        s.split_year,
        s.horizon,
        s.split_year,
        s.split_year + s.horizon,
        out.k,
        opts.presence,
        opts.seed,
        opts.half_life_years,
        rayon_threads(),
    );
    println!();
    println!(
        "Training: {} collapsed ties; {} organizations present ({} without ties); {} \
         evaluated (≥ 1 test pair). Test pairs: {} ({} at distance 2, {} at distance ≥ 3); {} \
         pairs involving organizations not present at Y were not scored. Scans capped: {}.",
        s.training_ties,
        s.present,
        s.present_isolated,
        s.evaluated,
        s.test_pairs,
        s.test_pairs_distance_2,
        s.test_pairs - s.test_pairs_distance_2,
        s.pairs_with_new_organizations,
        s.capped,
    );
    println!();
    let inactive: Vec<&str> = out.inactive.iter().map(|c| c.as_str()).collect();
    println!(
        "Inactive components (their inputs are missing in this data): {}.",
        if inactive.is_empty() {
            "none".to_owned()
        } else {
            inactive.join(", ")
        }
    );
    if let Some(l) = &out.learned {
        let w: Vec<String> = l
            .weights
            .nonzero()
            .iter()
            .map(|(c, w)| format!("{}={:.3}", c.as_str(), w))
            .collect();
        println!();
        println!(
            "Learned weights (fitted on split {} with horizon {}: {} organizations; P@{} of \
             adamic_adar {:.4} → learned {:.4} there): `{}`",
            l.split.split_year,
            l.split.horizon,
            l.organizations,
            out.k,
            l.precision_adamic_adar,
            l.precision_learned,
            w.join(",")
        );
    }
    println!();
    println!("## All evaluated organizations (P@k change vs adamic_adar in brackets)");
    println!();
    metrics_table(out, |r| &r.all, true);
    println!("## Positives at distance 2");
    println!();
    metrics_table(out, |r| &r.distance_2, false);
    println!("## Positives at distance ≥ 3 (unreachable included)");
    println!();
    metrics_table(out, |r| &r.distance_3_plus, false);
    println!("## Isolated or pendant organizations (≤ 1 training tie)");
    println!();
    metrics_table(out, |r| &r.isolated_or_pendant, false);
    println!("## Organizations with ≥ 2 training ties");
    println!();
    metrics_table(out, |r| &r.other, false);
}

fn rayon_threads() -> usize {
    rayon::current_num_threads()
}

/// The top `bridge` suggestion of every peripheral partner, and what adding them would change.
fn bridge_what_if(dir: &Path, seed: u64) -> Res<()> {
    let data = read_dir(dir)?;
    let net = Network::new(&data);
    let membership = louvain(&net, 1.0, seed).membership;
    let years = TieYears::from_data(&net, &data, BuildOptions::default());
    let index = SuggestIndex::new(
        &net,
        IndexOptions {
            membership: Some(membership),
            years: Some(years),
            ..IndexOptions::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let any_partner = data.organizations.iter().any(|o| o.partner);
    let peripheral: Vec<Node> = peripheral_organizations(&net)
        .into_iter()
        .map(|p| p.node)
        .filter(|&v| !any_partner || net.organization(v).partner)
        .collect();
    let opts = SuggestOptions {
        goal: Goal::Bridge,
        limit: 1,
        ..SuggestOptions::default()
    };
    let answers = suggest_many(&net, &index, &peripheral, &opts).map_err(|e| e.to_string())?;
    println!(
        "# What-if: the top bridge suggestion of each peripheral partner ({})",
        dir.display()
    );
    println!();
    println!("| organization | suggested partner | score | shared partners | joins communities | constraint before → after |");
    println!("|---|---|---|---|---|---|");
    let mut proposed = Vec::new();
    for a in &answers {
        let Some(s) = a.suggestions.first() else {
            println!("| {} | (none) | | | | |", net.organization(a.node).id);
            continue;
        };
        let e = &s.explanation;
        println!(
            "| {} | {} | {:.3} | {} | {} | {} → {:.3} |",
            net.organization(a.node).id,
            net.organization(s.node).id,
            s.score,
            e.shared_partner_count,
            e.joins_communities,
            e.constraint_before
                .map_or("–".into(), |c| format!("{c:.3}")),
            e.constraint_after,
        );
        proposed.push(ProposedTie {
            source: a.node,
            target: s.node,
            strength: 1,
        });
    }
    let w = what_if(&data, &proposed).map_err(|e| e.to_string())?;
    let opt = |x: Option<f64>| x.map_or("–".into(), |v| format!("{v:.4}"));
    let improved = w
        .constraint_delta
        .iter()
        .flatten()
        .filter(|&&d| d < 0.0)
        .count();
    let worse = w
        .constraint_delta
        .iter()
        .flatten()
        .filter(|&&d| d > 0.0)
        .count();
    println!();
    println!(
        "{} ties proposed ({} new pairs, {} strengthened).",
        proposed.len(),
        w.new_pairs,
        w.strengthened_pairs
    );
    println!();
    println!("| measure | before | after |");
    println!("|---|---|---|");
    println!(
        "| isolated organizations | {} | {} |",
        w.isolated.before, w.isolated.after
    );
    println!(
        "| peripheral organizations | {} | {} |",
        w.peripheral.before, w.peripheral.after
    );
    println!(
        "| components | {} | {} |",
        w.components.before, w.components.after
    );
    println!(
        "| largest component | {} | {} |",
        w.largest_component.before, w.largest_component.after
    );
    println!(
        "| articulation points | {} | {} |",
        w.articulation_points.before, w.articulation_points.after
    );
    println!("| bridges | {} | {} |", w.bridges.before, w.bridges.after);
    println!(
        "| average distance (largest component) | {} | {} |",
        opt(w.average_distance.before),
        opt(w.average_distance.after)
    );
    println!(
        "| global efficiency | {:.4} | {:.4} |",
        w.global_efficiency.before, w.global_efficiency.after
    );
    println!(
        "| (organization, service) pairs without the service within two ties | {} | {} |",
        w.unreachable_services.before, w.unreachable_services.after
    );
    println!();
    println!(
        "Constraint: {improved} organizations less constrained, {worse} more; no longer peripheral: {}; newly peripheral: {}.",
        w.no_longer_peripheral.len(),
        w.newly_peripheral.len()
    );
    Ok(())
}
