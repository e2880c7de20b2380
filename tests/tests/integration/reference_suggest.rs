//! puentes-analysis link-prediction scores against NetworkX 3.4.2 on real networks.
//!
//! The reference values come from `tests/reference/suggest.py` (networkx==3.4.2), which
//! writes `tests/reference/suggest-<name>.json`: for sampled pairs (every pair on the small
//! networks; on ca-GrQc 300 at distance 2, 200 at distance ≥ 3 or unreachable and 100
//! adjacent) the common-neighbour count and NetworkX's `jaccard_coefficient`,
//! `adamic_adar_index`, `resource_allocation_index` and `preferential_attachment`, and for a
//! few egos every node at distance exactly 2 with its Adamic–Adar index.
//!
//! Checked within 1e-12 (absolute): the pair functions of `suggest::scores`, and the raw
//! components the candidate scan computes for every candidate at once; the scan's distance-2
//! candidates are exactly NetworkX's distance-2 nodes (and no adjacent or farther node is a
//! candidate when there are no attributes).
//!
//! Datasets (see each SOURCE.txt): Florentine marriage = PADGB.edgelist (label swap), all 16
//! families from PADGM.nodes (PUCCI isolated); Knoke information = KNOKM.edgelist (label
//! swap, CRLF), symmetrised; ca-GrQc whole graph, ids ascending, self-loops dropped.

use puentes_analysis::network::Node;
use puentes_analysis::suggest::{
    candidates, scores, Component, IndexOptions, SuggestIndex, SuggestOptions,
};
use puentes_analysis::Network;
use puentes_e2e::{node_count, read_pairs};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const TOL: f64 = 1e-12;

/// A simple graph over the given dataset ids (node v = `ids[v]`) and the id → node map.
fn simple(ids: &[u64], pairs: &[(u64, u64)]) -> (Network, HashMap<u64, Node>) {
    let index: HashMap<u64, Node> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, Node::try_from(i).expect("small test graphs")))
        .collect();
    let edges: BTreeSet<(Node, Node)> = pairs
        .iter()
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (index[a], index[b]))
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    let edges: Vec<_> = edges.into_iter().map(|(a, b)| (a, b, 1.0)).collect();
    (Network::from_edges(ids.len(), &edges), index)
}

fn load(name: &str) -> (Network, HashMap<u64, Node>) {
    match name {
        "florentine" => {
            let n = node_count("padgett-florentine/PADGM.nodes") as u64;
            let ids: Vec<u64> = (0..n).collect();
            simple(&ids, &read_pairs("padgett-florentine/PADGB.edgelist"))
        }
        "knoke" => {
            let n = node_count("knoke-bureaucracies/KNOKM.nodes") as u64;
            let ids: Vec<u64> = (0..n).collect();
            simple(&ids, &read_pairs("knoke-bureaucracies/KNOKM.edgelist"))
        }
        "grqc" => {
            let pairs = read_pairs("ca-GrQc/CA-GrQc.txt");
            let ids: BTreeSet<u64> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
            simple(&ids.into_iter().collect::<Vec<_>>(), &pairs)
        }
        other => panic!("unknown network {other}"),
    }
}

fn num(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what}: not a number: {v}"))
}

fn check(name: &str) {
    let doc = puentes_e2e::reference(&format!("suggest-{name}"));
    let (net, index) = load(name);
    assert_eq!(
        doc["nodes"].as_u64(),
        Some(net.node_count() as u64),
        "{name}"
    );
    assert_eq!(
        doc["edges"].as_u64(),
        Some(net.edge_count() as u64),
        "{name}"
    );
    let node = |v: &Value| {
        let id = v.as_u64().unwrap_or_else(|| panic!("{name}: bad id {v}"));
        *index
            .get(&id)
            .unwrap_or_else(|| panic!("{name}: unknown id {id}"))
    };
    let sindex = SuggestIndex::new(&net, IndexOptions::default()).expect("index");
    let opts = SuggestOptions {
        max_scan: usize::MAX,
        per_service: 0,
        proximity_candidates: 0,
        ..SuggestOptions::default()
    };
    // The scan's candidates of every asking organization met below, by node.
    let mut scans: BTreeMap<Node, HashMap<Node, [f64; 11]>> = BTreeMap::new();
    let mut scan = |u: Node| -> HashMap<Node, [f64; 11]> {
        scans
            .entry(u)
            .or_insert_with(|| {
                let set = candidates(&net, &sindex, u, &opts).expect("valid request");
                assert!(!set.capped);
                set.candidates.iter().map(|c| (c.node, c.raw)).collect()
            })
            .clone()
    };
    let pairs = doc["pairs"].as_array().expect("pairs");
    let mut worst = 0.0f64;
    let mut at_two = 0;
    for p in pairs {
        let (u, v) = (node(&p[0]), node(&p[1]));
        let what = format!("{name} pair ({}, {})", p[0], p[1]);
        let expect = [
            num(&p[3], &what),
            num(&p[4], &what),
            num(&p[5], &what),
            num(&p[6], &what),
            num(&p[7], &what),
        ];
        let ours = [
            scores::common_neighbors(&net, u, v).len() as f64,
            scores::jaccard(&net, u, v),
            scores::adamic_adar(&net, u, v),
            scores::resource_allocation(&net, u, v),
            scores::preferential_attachment(&net, u, v),
        ];
        for (i, (a, b)) in ours.iter().zip(&expect).enumerate() {
            assert!(
                (a - b).abs() <= TOL,
                "{what} score {i}: {a} vs NetworkX {b}"
            );
            worst = worst.max((a - b).abs());
        }
        // The scan: candidates are exactly the pairs at distance 2, with the same values.
        let scanned = scan(u);
        let distance = p[2].as_u64();
        match scanned.get(&v) {
            Some(raw) => {
                assert_eq!(
                    distance,
                    Some(2),
                    "{what}: a candidate at distance {distance:?}"
                );
                at_two += 1;
                let comps = [
                    Component::CommonNeighbors,
                    Component::Jaccard,
                    Component::AdamicAdar,
                    Component::ResourceAllocation,
                    Component::PreferentialAttachment,
                ];
                for (c, b) in comps.iter().zip(&expect) {
                    let a = raw[c.index()];
                    assert!((a - b).abs() <= TOL, "{what} scan {c}: {a} vs NetworkX {b}");
                    worst = worst.max((a - b).abs());
                }
            }
            None => assert_ne!(distance, Some(2), "{what}: distance 2 but not a candidate"),
        }
    }
    // Every distance-2 node of each ego, and nothing else.
    let mut by_ego: BTreeMap<Node, BTreeMap<Node, f64>> = doc["ego_ids"]
        .as_array()
        .expect("ego_ids")
        .iter()
        .map(|e| (node(e), BTreeMap::new()))
        .collect();
    for r in doc["egos"].as_array().expect("egos") {
        by_ego
            .get_mut(&node(&r[0]))
            .expect("an ego listed in ego_ids")
            .insert(node(&r[1]), num(&r[2], "ego adamic_adar"));
    }
    for (&e, expect) in &by_ego {
        let scanned = scan(e);
        let got: BTreeSet<Node> = scanned.keys().copied().collect();
        let want: BTreeSet<Node> = expect.keys().copied().collect();
        assert_eq!(got, want, "{name}: distance-2 candidates of node {e}");
        for (c, &aa) in expect {
            let a = scanned[c][Component::AdamicAdar.index()];
            assert!((a - aa).abs() <= TOL, "{name} ego {e} → {c}: {a} vs {aa}");
            worst = worst.max((a - aa).abs());
        }
    }
    println!(
        "{name}: {} pairs ({at_two} at distance 2), {} egos, largest difference {worst:e}",
        pairs.len(),
        by_ego.len()
    );
}

#[test]
fn florentine_scores_equal_networkx() {
    check("florentine");
}

#[test]
fn knoke_scores_equal_networkx() {
    check("knoke");
}

#[test]
fn grqc_scores_equal_networkx() {
    check("grqc");
}
