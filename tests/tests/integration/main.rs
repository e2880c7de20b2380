//! End-to-end and reference tests, one binary (each file a module): Puentes against NetworkX and
//! igraph values on real networks, and the API over a real Neo4j server.

mod neo4j_api;
mod reference_centrality;
mod reference_gaps;
mod reference_names;
mod reference_suggest;
mod reference_time;

/// ca-GrQc as the reference scripts read it with NetworkX: ids sorted ascending become nodes
/// 0..n, self-loops are dropped, each edge is kept once (weight 1). Also the ids, by node.
pub(crate) fn grqc() -> (puentes_analysis::Network, Vec<u64>) {
    use puentes_analysis::network::{node, Node};
    use std::collections::{BTreeSet, HashMap};
    let pairs = puentes_e2e::read_pairs("ca-GrQc/CA-GrQc.txt");
    let ids: Vec<u64> = pairs
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let pos: HashMap<u64, Node> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, node(i)))
        .collect();
    let edges: BTreeSet<(Node, Node)> = pairs
        .iter()
        .filter(|(a, b)| a != b)
        .map(|&(a, b)| (pos[&a.min(b)], pos[&a.max(b)]))
        .collect();
    let edges: Vec<(Node, Node, f64)> = edges.into_iter().map(|(a, b)| (a, b, 1.0)).collect();
    (
        puentes_analysis::Network::from_edges(ids.len(), &edges),
        ids,
    )
}
