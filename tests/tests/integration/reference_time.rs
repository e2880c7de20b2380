//! The whole-network figures of the network over time against NetworkX 3.4.2: global
//! efficiency (Latora–Marchiori; `puentes_analysis::summary::global_efficiency`, a column of
//! `changes` and `timeline`).
//!
//! The reference values come from `tests/reference/time.py`, which writes
//! `tests/reference/time.json` (NetworkX `global_efficiency`); this test reads the same
//! datasets from `shared/datasets` and compares within 1e-12:
//!
//! * Florentine marriage (PADGB.edgelist: the file names are swapped, see SOURCE.txt), all 16
//!   families: PUCCI is isolated, so 30 of the 240 ordered pairs count 0;
//! * SNAP ca-GrQc, whole graph (5242 nodes in 355 components), self-loops dropped: exact
//!   (every source), and the estimate from the default 500 seeded sources within 0.01.

use crate::grqc;
use puentes_analysis::network::Node;
use puentes_analysis::summary::{global_efficiency, SummaryOptions};
use puentes_analysis::Network;
use puentes_e2e::{node_count, read_pairs, reference};

fn node(i: u64) -> Node {
    Node::try_from(i).expect("small test graphs")
}

/// Every source, whatever the size.
fn exact() -> SummaryOptions {
    SummaryOptions {
        exact_max_nodes: usize::MAX,
        ..SummaryOptions::default()
    }
}

#[test]
fn florentine_global_efficiency_is_networkx() {
    let r = reference("time");
    let n = node_count("padgett-florentine/PADGM.nodes");
    let edges: Vec<(Node, Node, f64)> = read_pairs("padgett-florentine/PADGB.edgelist")
        .into_iter()
        .map(|(a, b)| (node(a), node(b), 1.0))
        .collect();
    let net = Network::from_edges(n, &edges);
    let want = &r["florentine_marriage"];
    assert_eq!(want["nodes"].as_u64(), Some(net.node_count() as u64));
    assert_eq!(want["edges"].as_u64(), Some(net.edge_count() as u64));
    let want = want["global_efficiency"].as_f64().expect("a number");
    let got = global_efficiency(&net, &SummaryOptions::default());
    assert!((got - want).abs() < 1e-12, "{got} vs NetworkX {want}");
}

#[test]
fn grqc_global_efficiency_is_networkx_exact_and_sampled() {
    let r = reference("time");
    let (net, _) = grqc();
    let want = &r["grqc"];
    assert_eq!(want["nodes"].as_u64(), Some(net.node_count() as u64));
    assert_eq!(want["edges"].as_u64(), Some(net.edge_count() as u64));
    let want = want["global_efficiency"].as_f64().expect("a number");
    let got = global_efficiency(&net, &exact());
    // 27.5 million terms 1/d summed in another order than NetworkX's: the two sums differ by
    // 7e-12 (a relative 6e-11), rounding only.
    assert!((got - want).abs() < 1e-9, "{got} vs NetworkX {want}");
    // 5242 organizations is above the exact limit: 500 seeded sources.
    let sampled = global_efficiency(&net, &SummaryOptions::default());
    assert!(
        (sampled - want).abs() < 0.01,
        "{sampled} vs NetworkX {want}"
    );
    assert_ne!(
        sampled, got,
        "the default options sample above 5,000 organizations"
    );
}
