//! Edge lists of names (issue 21) give NetworkX's metrics: the names become organizations
//! (ids made from them), spellings that differ only by case, accents, spaces or punctuation
//! are one organization, and the network analysed is the one NetworkX analyses.
//!
//! Reference values: `tests/reference/names.py` (networkx==3.4.2) →
//! `names-lesmis.json` (Les Misérables co-appearances, `nx.les_miserables_graph()`, Knuth's
//! Stanford GraphBase, unweighted) and `names-spanish.json` (Zachary's karate club with its
//! members renamed to invented Spanish organization names; the CSV respells 30 % of the
//! ends). The inputs are the CSV files beside them.

use puentes::import::{read_path, Format};
use puentes_analysis::centrality::{self, Convergence, PowerIteration, Weighting};
use puentes_analysis::names::key;
use puentes_analysis::Network;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

const EXACT: f64 = 1e-9;
const ITERATIVE: f64 = 1e-6;

fn check(graph: &str, nodes: usize, edges: usize) {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/reference"))
        .join(format!("names-{graph}.csv"));
    let (data, summary) = read_path(&path, Some(Format::EdgeCsv))
        .expect("readable")
        .finish(&HashSet::new())
        .expect("names are accepted");
    assert_eq!((summary.organizations, summary.ties), (nodes, edges));
    assert_eq!(summary.named.len(), nodes, "every organization was named");
    let reference = puentes_e2e::reference(&format!("names-{graph}"));
    assert_eq!(reference["nodes"], nodes);
    let net = Network::new(&data);
    let u = Weighting::Unweighted;
    let it = Convergence::PowerIteration(PowerIteration::default());
    let floats = |v: Vec<usize>| v.into_iter().map(|x| x as f64).collect::<Vec<_>>();
    let cases: Vec<(&str, Vec<f64>, f64)> = vec![
        (
            "degree_centrality",
            centrality::degree_centrality(&net),
            EXACT,
        ),
        (
            "betweenness",
            centrality::betweenness(&net, u).expect("unweighted"),
            EXACT,
        ),
        (
            "closeness",
            centrality::closeness(&net, u).expect("unweighted"),
            EXACT,
        ),
        (
            "pagerank",
            centrality::pagerank(&net, u, 0.85, it)
                .expect("converges")
                .values,
            ITERATIVE,
        ),
        ("clustering", centrality::clustering(&net), EXACT),
        ("core_number", floats(centrality::core_number(&net)), EXACT),
    ];
    // Reference names by spelling key: the organization's name is the first spelling read.
    for (metric, ours, tol) in cases {
        let theirs: HashMap<String, f64> = reference["metrics"][metric]
            .as_object()
            .unwrap_or_else(|| panic!("{graph}: {metric} missing"))
            .iter()
            .map(|(name, v)| (key(name), v.as_f64().expect("a number")))
            .collect();
        assert_eq!(theirs.len(), nodes);
        for (i, org) in data.organizations.iter().enumerate() {
            let want = theirs
                .get(&key(&org.name))
                .unwrap_or_else(|| panic!("{graph}: {} not in the reference", org.name));
            let got = ours[i];
            assert!(
                (got - want).abs() <= tol * want.abs().max(1.0),
                "{graph} {metric} {}: {got} vs NetworkX {want}",
                org.name
            );
        }
    }
}

#[test]
fn les_miserables_names_give_networkx_metrics() {
    check("lesmis", 77, 254);
}

#[test]
fn spanish_names_with_accents_and_respellings_give_networkx_metrics() {
    check("spanish", 34, 78);
}

#[test]
fn the_id_map_names_each_organization() {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/reference/names-lesmis.csv"
    ));
    let (data, summary) = read_path(&path, None)
        .expect("readable")
        .finish(&HashSet::new())
        .expect("valid");
    let map: HashMap<&str, &str> = summary
        .named
        .iter()
        .map(|n| (n.name.as_str(), n.id.as_str()))
        .collect();
    assert_eq!(map["MmeMagloire"], "mmemagloire");
    assert_eq!(map["Myriel"], "myriel");
    let by_id: HashMap<&str, &str> = data
        .organizations
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    assert_eq!(by_id["mmemagloire"], "MmeMagloire");
    let value: Value = serde_json::to_value(&summary).expect("serializes");
    assert_eq!(value["named"].as_array().map(Vec::len), Some(77));
}
