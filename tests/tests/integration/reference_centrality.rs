//! puentes-analysis centrality and summary against NetworkX 3.4.2 on real networks.
//!
//! The reference values come from `tests/reference/centrality.py` (networkx==3.4.2), which
//! writes `tests/reference/centrality-<name>.json`; this test parses the same datasets from
//! `shared/datasets` (beside the repository root) with its own tiny edge-list reader, builds
//! `Network::from_edges`, and compares node by node.
//!
//! Tolerances: exact algorithms (degree, betweenness, closeness, harmonic, cores, triangles,
//! clustering, summary) agree within `1e-9 · max(1, |reference|)`; with
//! `Convergence::PowerIteration` (NetworkX's rule, `tol = 1e-6`) eigenvector and PageRank run
//! the same iteration as NetworkX and are held to `1e-6`.
//!
//! The converged iterative metrics (`Convergence::default()`) are compared with python-igraph
//! 1.0.0 (`tests/reference/igraph_converged.py` → `igraph-<name>.json`): PRPACK PageRank and
//! ARPACK eigenvector centrality, which solve to machine precision, within `1e-9` per value
//! (eigenvector on igraph's scale, maximum 1); exact closeness and harmonic centrality within
//! `1e-12 · max(1, |reference|)`.
//!
//! Datasets (see each SOURCE.txt): Florentine marriage = PADGB.edgelist (label swap), all 16
//! families from PADGM.nodes (PUCCI isolated); Knoke information = KNOKM.edgelist (label swap,
//! CRLF), symmetrised; ca-GrQc without self-loops, largest connected component.

use puentes_analysis::centrality::{self, Convergence, PowerIteration, Weighting};
use puentes_analysis::network::Node;
use puentes_analysis::summary::{summary, PathMethod, SummaryOptions};
use puentes_analysis::Network;
use puentes_e2e::{node_count, read_pairs};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const EXACT: f64 = 1e-9;
const ITERATIVE: f64 = 1e-6;

fn reference(name: &str) -> Value {
    puentes_e2e::reference(&format!("centrality-{name}"))
}

/// A loaded dataset: the network and each node's id in the dataset.
struct Loaded {
    net: Network,
    ids: Vec<String>,
}

/// Builds a simple unweighted graph over the given dataset ids (node v = `ids[v]`).
fn simple(ids: &[u64], pairs: &[(u64, u64)]) -> Loaded {
    let index: HashMap<u64, Node> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, Node::try_from(i).expect("small test graphs")))
        .collect();
    let edges: BTreeSet<(Node, Node)> = pairs
        .iter()
        .filter(|(a, b)| a != b)
        .filter_map(|(a, b)| Some((*index.get(a)?, *index.get(b)?)))
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    let edges: Vec<_> = edges.into_iter().map(|(a, b)| (a, b, 1.0)).collect();
    Loaded {
        net: Network::from_edges(ids.len(), &edges),
        ids: ids.iter().map(u64::to_string).collect(),
    }
}

fn florentine() -> Loaded {
    let n = node_count("padgett-florentine/PADGM.nodes") as u64;
    simple(
        &(0..n).collect::<Vec<_>>(),
        &read_pairs("padgett-florentine/PADGB.edgelist"),
    )
}

fn knoke() -> Loaded {
    let n = node_count("knoke-bureaucracies/KNOKM.nodes") as u64;
    simple(
        &(0..n).collect::<Vec<_>>(),
        &read_pairs("knoke-bureaucracies/KNOKM.edgelist"),
    )
}

fn grqc_lcc() -> Loaded {
    let pairs: Vec<_> = read_pairs("ca-GrQc/CA-GrQc.txt")
        .into_iter()
        .filter(|(a, b)| a != b)
        .collect();
    let mut adj: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
    for &(a, b) in &pairs {
        adj.entry(a).or_default().push(b);
        adj.entry(b).or_default().push(a);
    }
    // Largest connected component by BFS over the dataset ids.
    let mut seen = BTreeSet::new();
    let mut best: Vec<u64> = Vec::new();
    for &start in adj.keys() {
        if !seen.insert(start) {
            continue;
        }
        let mut comp = vec![start];
        let mut i = 0;
        while i < comp.len() {
            for &w in &adj[&comp[i]] {
                if seen.insert(w) {
                    comp.push(w);
                }
            }
            i += 1;
        }
        if comp.len() > best.len() {
            best = comp;
        }
    }
    best.sort_unstable();
    simple(&best, &pairs)
}

fn weighted(doc: &Value) -> Loaded {
    let n = doc["nodes"].as_u64().expect("nodes") as usize;
    let edges: Vec<(Node, Node, f64)> = doc["edge_list"]
        .as_array()
        .expect("edge_list")
        .iter()
        .map(|e| {
            let id = |i: usize| Node::try_from(e[i].as_u64().expect("node id")).expect("small");
            (id(0), id(1), e[2].as_f64().expect("weight"))
        })
        .collect();
    Loaded {
        net: Network::from_edges(n, &edges),
        ids: (0..n).map(|v| v.to_string()).collect(),
    }
}

/// The reference column of `metric`, reordered to our node order (`data.ids`).
fn reference_column(name: &str, metric: &str, doc: &Value, data: &Loaded) -> Vec<f64> {
    let ids: HashMap<&str, usize> = doc["node_ids"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no node_ids"))
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str().expect("node ids are strings"), i))
        .collect();
    let column = doc["metrics"][metric]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no reference for {metric}"));
    assert_eq!(column.len(), data.ids.len(), "{name} {metric}: node count");
    data.ids
        .iter()
        .map(|id| {
            ids.get(id.as_str())
                .and_then(|&i| column[i].as_f64())
                .unwrap_or_else(|| panic!("{name} {metric}: no value for node {id}"))
        })
        .collect()
}

/// Compares per-node values with the reference; returns the largest absolute difference.
fn compare(name: &str, metric: &str, doc: &Value, data: &Loaded, ours: &[f64], tol: f64) -> f64 {
    let want = reference_column(name, metric, doc, data);
    let mut worst = 0.0f64;
    for ((id, &got), &want) in data.ids.iter().zip(ours).zip(&want) {
        let diff = (got - want).abs();
        assert!(
            diff <= tol * want.abs().max(1.0),
            "{name} {metric} node {id}: ours {got} vs NetworkX {want} (diff {diff:e}, tol {tol:e})"
        );
        worst = worst.max(diff);
    }
    worst
}

fn floats(v: Vec<usize>) -> Vec<f64> {
    v.into_iter().map(|x| x as f64).collect()
}

/// Betweenness, closeness, harmonic, eigenvector and PageRank under one weighting, named as in
/// the reference JSON (`suffix` is `""` or `"_weighted"`).
fn path_and_spectral(net: &Network, w: Weighting, suffix: &str) -> Vec<(String, Vec<f64>, f64)> {
    let it = Convergence::PowerIteration(PowerIteration::default());
    let ok = "unit or positive weights";
    let conv = "converges as in NetworkX";
    vec![
        (
            "betweenness",
            centrality::betweenness(net, w).expect(ok),
            EXACT,
        ),
        ("closeness", centrality::closeness(net, w).expect(ok), EXACT),
        ("harmonic", centrality::harmonic(net, w).expect(ok), EXACT),
        (
            "eigenvector",
            centrality::eigenvector(net, w, it).expect(conv).values,
            ITERATIVE,
        ),
        (
            "pagerank",
            centrality::pagerank(net, w, 0.85, it).expect(conv).values,
            ITERATIVE,
        ),
    ]
    .into_iter()
    .map(|(m, v, tol)| (format!("{m}{suffix}"), v, tol))
    .collect()
}

/// Compares every `(metric, values, tolerance)` and prints the largest difference of each.
fn check_cases(name: &str, doc: &Value, data: &Loaded, cases: Vec<(String, Vec<f64>, f64)>) {
    for (metric, ours, tol) in cases {
        let worst = compare(name, &metric, doc, data, &ours, tol);
        println!("{name:>10} {metric:<22} max |diff| = {worst:.3e}");
    }
}

fn check_unweighted(name: &str, doc: &Value, data: &Loaded) {
    let net = &data.net;
    let mut cases: Vec<(String, Vec<f64>, f64)> = vec![
        ("degree".into(), floats(centrality::degree(net)), EXACT),
        (
            "degree_centrality".into(),
            centrality::degree_centrality(net),
            EXACT,
        ),
        (
            "core_number".into(),
            floats(centrality::core_number(net)),
            EXACT,
        ),
        (
            "triangles".into(),
            floats(centrality::triangles(net)),
            EXACT,
        ),
        ("clustering".into(), centrality::clustering(net), EXACT),
    ];
    cases.extend(path_and_spectral(net, Weighting::Unweighted, ""));
    // The ca-GrQc reference leaves out degree_centrality (degree / (n − 1)) to stay small.
    cases.retain(|(m, _, _)| m != "degree_centrality" || doc["metrics"].get(m).is_some());
    check_cases(name, doc, data, cases);
}

fn check_summary(name: &str, doc: &Value, net: &Network) {
    let opts = SummaryOptions {
        exact_max_nodes: usize::MAX,
        ..SummaryOptions::default()
    };
    let s = summary(net, &opts);
    assert_eq!(s.paths, PathMethod::Exact);
    let r = &doc["summary"];
    let int = |k: &str| {
        r[k].as_u64()
            .unwrap_or_else(|| panic!("{name}: summary.{k}")) as usize
    };
    assert_eq!(s.nodes, int("nodes"), "{name} nodes");
    assert_eq!(s.ties, int("edges"), "{name} edges");
    assert_eq!(s.components, int("components"), "{name} components");
    assert_eq!(
        s.largest_component,
        int("largest_component"),
        "{name} largest"
    );
    assert_eq!(
        s.diameter.map(|d| d as usize),
        Some(int("diameter")),
        "{name} diameter"
    );
    let floats: [(&str, Option<f64>); 8] = [
        ("density", Some(s.density)),
        ("average_degree", Some(s.average_degree)),
        ("transitivity", Some(s.transitivity)),
        ("average_clustering", Some(s.average_clustering)),
        ("degree_assortativity", s.degree_assortativity),
        (
            "average_shortest_path_length",
            s.average_shortest_path_length,
        ),
        ("degree_centralization", s.degree_centralization),
        ("betweenness_centralization", s.betweenness_centralization),
    ];
    for (k, ours) in floats {
        let want = r[k].as_f64();
        match (ours, want) {
            (Some(a), Some(b)) => {
                assert!(
                    (a - b).abs() <= EXACT * b.abs().max(1.0),
                    "{name} summary.{k}: ours {a} vs NetworkX {b}"
                );
                println!(
                    "{name:>10} summary.{k:<28} {a:.12} (diff {:.1e})",
                    (a - b).abs()
                );
            }
            (None, None) => println!("{name:>10} summary.{k:<28} null"),
            _ => panic!("{name} summary.{k}: ours {ours:?} vs NetworkX {want:?}"),
        }
    }
}

#[test]
fn florentine_marriage_matches_networkx() {
    let doc = reference("florentine");
    let data = florentine();
    assert_eq!((data.net.node_count(), data.net.edge_count()), (16, 20));
    check_unweighted("florentine", &doc, &data);
    check_summary("florentine", &doc, &data.net);
    // Hand check: the Medici (node 8) lie on 47.5 of the C(15, 2) = 105 pairs of other
    // families (NetworkX's 15-node florentine_families_graph, without PUCCI, gives 47.5 / 91).
    let b = centrality::betweenness(&data.net, Weighting::Unweighted).expect("unweighted");
    assert!(
        (b[8] - 47.5 / 105.0).abs() < 1e-12,
        "Medici betweenness {}",
        b[8]
    );
}

#[test]
fn knoke_information_matches_networkx() {
    let doc = reference("knoke");
    let data = knoke();
    assert_eq!((data.net.node_count(), data.net.edge_count()), (10, 32));
    check_unweighted("knoke", &doc, &data);
    check_summary("knoke", &doc, &data.net);
}

#[test]
fn grqc_largest_component_matches_networkx() {
    let doc = reference("grqc");
    let data = grqc_lcc();
    assert_eq!(
        (data.net.node_count(), data.net.edge_count()),
        (4158, 13422)
    );
    check_unweighted("grqc", &doc, &data);
    check_summary("grqc", &doc, &data.net);

    // Sampled betweenness: every node within the stated 95 % bound of NetworkX's exact value,
    // the error shrinking as k grows and vanishing at k = n (seeded, so deterministic).
    let exact = reference_column("grqc", "betweenness", &doc, &data);
    let mut errors = Vec::new();
    for k in [250, 1000, 4158] {
        let est = centrality::betweenness_sampled(&data.net, Weighting::Unweighted, k, 2024)
            .expect("unweighted");
        let bound = centrality::sampled_betweenness_error_bound(4158, k, 0.05);
        let worst = exact
            .iter()
            .zip(&est)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        println!(
            "      grqc sampled betweenness k={k}: max |err| = {worst:.3e}, bound {bound:.3e}"
        );
        assert!(worst <= bound.max(1e-9), "k = {k}: {worst} > {bound}");
        errors.push(worst);
    }
    assert!(errors[0] > errors[1] && errors[1] > errors[2] && errors[2] <= 1e-9);
}

#[test]
fn weighted_graph_matches_networkx() {
    let doc = reference("weighted");
    let data = weighted(&doc);
    let net = &data.net;
    check_unweighted("weighted", &doc, &data);
    check_summary("weighted", &doc, net);
    let mut cases = vec![("strength".to_string(), centrality::strength(net), EXACT)];
    cases.extend(path_and_spectral(net, Weighting::Weighted, "_weighted"));
    check_cases("weighted", &doc, &data, cases);
}

/// Our converged values against igraph's (`igraph-<name>.json`): each `(metric, values,
/// tolerance)` within `tolerance · max(1, |igraph|)`, eigenvector columns first scaled to
/// maximum 1 (igraph's scale; ours has unit Euclidean norm).
fn check_igraph(name: &str, data: &Loaded, cases: Vec<(&str, Vec<f64>, f64)>) {
    let doc = puentes_e2e::reference(&format!("igraph-{name}"));
    for (metric, mut ours, tol) in cases {
        if metric.starts_with("eigenvector") {
            let top = ours.iter().copied().fold(0.0, f64::max);
            ours.iter_mut().for_each(|x| *x /= top);
        }
        let want = reference_column(name, metric, &doc, data);
        let mut worst = 0.0f64;
        for ((id, &got), &want) in data.ids.iter().zip(&ours).zip(&want) {
            let diff = (got - want).abs();
            assert!(
                diff <= tol * want.abs().max(1.0),
                "{name} {metric} node {id}: ours {got} vs igraph {want} (diff {diff:e}, tol {tol:e})"
            );
            worst = worst.max(diff);
        }
        println!("{name:>10} {metric:<22} max |diff| vs igraph = {worst:.3e}");
    }
}

#[test]
fn grqc_converged_and_exact_metrics_match_igraph() {
    let data = grqc_lcc();
    let net = &data.net;
    let u = Weighting::Unweighted;
    let pr = centrality::pagerank(net, u, 0.85, Convergence::default()).expect("converges");
    let ev = centrality::eigenvector(net, u, Convergence::default()).expect("converges");
    println!(
        "      grqc pagerank: {} iterations, residual {:.1e}; eigenvector: {} iterations, \
         residual {:.1e}",
        pr.iterations, pr.residual, ev.iterations, ev.residual
    );
    assert!(pr.residual <= 1e-12 && ev.residual <= 1e-12);
    check_igraph(
        "grqc",
        &data,
        vec![
            ("pagerank", pr.values, 1e-9),
            ("eigenvector", ev.values, 1e-9),
            (
                "closeness",
                centrality::closeness(net, u).expect("unweighted"),
                1e-12,
            ),
            (
                "harmonic",
                centrality::harmonic(net, u).expect("unweighted"),
                1e-12,
            ),
        ],
    );
    // NetworkX's stopping rule is what leaves PageRank 1e-6-close only: the converged values
    // are closer to igraph than to NetworkX's on some node.
    let nx = reference_column("grqc", "pagerank", &reference("grqc"), &data);
    let igraph = reference_column(
        "grqc",
        "pagerank",
        &puentes_e2e::reference("igraph-grqc"),
        &data,
    );
    let apart = nx
        .iter()
        .zip(&igraph)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    println!("      grqc NetworkX (tol 1e-6) vs igraph PageRank: max |diff| = {apart:.3e}");
    assert!(
        apart > 1e-9,
        "NetworkX's rule stops {apart:e} from the solution"
    );
}

#[test]
fn weighted_converged_metrics_match_igraph() {
    let data = weighted(&reference("weighted"));
    let w = Weighting::Weighted;
    let pr = centrality::pagerank(&data.net, w, 0.85, Convergence::default()).expect("converges");
    let ev = centrality::eigenvector(&data.net, w, Convergence::default()).expect("converges");
    check_igraph(
        "weighted",
        &data,
        vec![
            ("pagerank_weighted", pr.values, 1e-9),
            ("eigenvector_weighted", ev.values, 1e-9),
        ],
    );
}
