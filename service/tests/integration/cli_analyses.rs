//! The analysis commands of the real `puentes` binary at researcher scale (issue 13): the
//! metrics command computes only the column groups asked for, the iterative metrics say how
//! they converged, and the gap and analytics lists are cut to a readable length, each saying
//! how many items it holds.

use crate::support;

use serde_json::Value;
use std::time::Duration;
use support::{puentes, run_for_at_most, Run};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");

/// `puentes <args> --input <fixture>`, which must succeed. (Its output can exceed a pipe's
/// buffer, so it is read while the command runs.)
fn run(args: &[&str]) -> Run {
    let out = puentes()
        .args(args)
        .args(["--input", FIXTURE])
        .output()
        .expect("run puentes");
    let run = Run {
        status: Some(out.status),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(
        out.status.code(),
        Some(0),
        "puentes {args:?}: {}",
        run.stderr
    );
    run
}

/// The header row of a CSV answer, split into column names.
fn header(csv: &str) -> Vec<String> {
    csv.lines()
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::to_owned)
        .collect()
}

#[test]
fn metrics_computes_the_column_groups_asked_for() {
    // One metric: no position column (the gap analysis is not run).
    let one = run(&["metrics", "--metrics", "degree", "--format", "csv"]);
    let cols = header(&one.stdout);
    assert!(cols.contains(&"degree".to_owned()), "{cols:?}");
    for absent in ["community", "constraint", "pagerank"] {
        assert!(!cols.contains(&absent.to_owned()), "{absent} in {cols:?}");
    }
    assert!(!cols.iter().any(|c| c.starts_with("broker_")), "{cols:?}");
    assert_eq!(
        one.stdout.lines().count(),
        121,
        "a header and 120 organizations"
    );
    // A metric and two position groups: exactly their columns.
    let some = run(&[
        "metrics",
        "--metrics",
        "degree,community,structural_holes",
        "--format",
        "csv",
    ]);
    let cols = header(&some.stdout);
    for present in [
        "degree",
        "community",
        "community_label",
        "community_label_es",
        "constraint",
        "effective_size",
        "efficiency",
        "hierarchy",
    ] {
        assert!(
            cols.contains(&present.to_owned()),
            "{present} not in {cols:?}"
        );
    }
    assert!(!cols.iter().any(|c| c.starts_with("broker_")), "{cols:?}");
    // Everything by default, with how PageRank and eigenvector converged.
    let all = run(&["metrics", "--format", "csv"]);
    let cols = header(&all.stdout);
    for present in [
        "closeness",
        "harmonic",
        "pagerank",
        "community",
        "hierarchy",
    ] {
        assert!(
            cols.contains(&present.to_owned()),
            "{present} not in {cols:?}"
        );
    }
    assert!(cols.iter().any(|c| c.starts_with("broker_")), "{cols:?}");
    assert!(
        all.stderr
            .contains("note: pagerank: conjugate gradients, converged in "),
        "{}",
        all.stderr
    );
    assert!(
        all.stderr
            .contains("note: eigenvector: power iteration on A+I, converged in "),
        "{}",
        all.stderr
    );
    // An unknown name lists the metrics and the groups (the API's sentence for the same
    // value: see params_parity.rs).
    let mut cmd = puentes();
    cmd.args(["metrics", "--metrics", "degree,brokers", "--input", FIXTURE]);
    let bad = run_for_at_most(cmd, Duration::from_secs(120));
    assert_ne!(bad.status.and_then(|s| s.code()), Some(0));
    assert!(
        bad.stderr
            .contains("error: metrics = \"brokers\": expected one of: degree, strength")
            && bad
                .stderr
                .contains("or a position group: community, structural_holes, brokerage"),
        "{}",
        bad.stderr
    );
}

#[test]
fn gap_lists_are_cut_to_the_limit_and_state_their_totals() {
    let report = |args: &[&str]| -> Value {
        let out = run(&[&["gaps", "--format", "json"], args].concat());
        serde_json::from_str(&out.stdout).expect("JSON")
    };
    let all = report(&["--all"]);
    let three = report(&["--limit", "3"]);
    let default = report(&[]);
    let sections = [
        "peripheral",
        "inward_looking",
        "cut_points",
        "bridges",
        "least_connected_communities",
        "service_gaps",
        "most_constrained",
    ];
    for s in sections {
        let total = all[s]["total"].as_u64().expect("total");
        let listed = |r: &Value| r[s]["items"].as_array().expect("items").len() as u64;
        assert_eq!(listed(&all), total, "{s}: --all lists everything");
        assert_eq!(three[s]["total"], all[s]["total"], "{s}: the total stays");
        assert_eq!(listed(&three), total.min(3), "{s}");
        assert_eq!(listed(&default), total.min(50), "{s}: 50 by default");
        assert_eq!(three[s]["items"][0], all[s]["items"][0], "{s}: same order");
    }
    // The fixture flags 20 of its 120 organizations; "most constrained" lists all 120.
    assert_eq!(all["peripheral"]["total"], 20);
    assert_eq!(all["most_constrained"]["total"], 120);
    assert_eq!(
        default["most_constrained"]["items"]
            .as_array()
            .map(Vec::len),
        Some(50)
    );
    // The CSV (peripheral organizations) says what it left out.
    let csv = run(&["gaps", "--format", "csv", "--limit", "3"]);
    assert_eq!(csv.stdout.lines().count(), 4, "{}", csv.stdout);
    assert!(
        csv.stderr.contains(
            "3 of 20 peripheral organizations listed, most severe first (--all lists every one)."
        ),
        "{}",
        csv.stderr
    );
}

#[test]
fn analytics_lists_are_cut_to_the_limit_and_state_their_totals() {
    let report = |args: &[&str]| -> Value {
        let out = run(&[&["analytics", "--format", "json"], args].concat());
        serde_json::from_str(&out.stdout).expect("JSON")
    };
    let all = report(&["--all"]);
    let two = report(&["--limit", "2"]);
    for key in ["assortativity", "correlations"] {
        let total = all[key].as_array().expect("list").len();
        assert!(total > 2, "{key}: the fixture has more than two");
        assert_eq!(all[format!("{key}_total")], total);
        assert_eq!(two[format!("{key}_total")], total);
        assert_eq!(two[key].as_array().map(Vec::len), Some(2), "{key}");
        assert_eq!(two[key][1], all[key][1], "{key}: same order");
    }
    let groupings = all["ei_index"].as_array().expect("E-I groupings");
    assert!(!groupings.is_empty());
    for (i, g) in groupings.iter().enumerate() {
        let total = g["groups"].as_array().expect("groups").len();
        assert_eq!(g["groups_total"], total);
        assert_eq!(two["ei_index"][i]["groups_total"], total);
        assert_eq!(
            two["ei_index"][i]["groups"].as_array().map(Vec::len),
            Some(total.min(2))
        );
        // The permutation test is the same whatever is listed.
        assert_eq!(
            two["ei_index"][i]["permutation_test"],
            g["permutation_test"]
        );
    }
    let csv = run(&["analytics", "--format", "csv", "--limit", "2"]);
    assert_eq!(
        csv.stdout.lines().count(),
        3,
        "a header and two correlations"
    );
    assert!(
        csv.stderr.contains("2 of ")
            && csv
                .stderr
                .contains(" correlations listed (--all lists every one)."),
        "{}",
        csv.stderr
    );
}
