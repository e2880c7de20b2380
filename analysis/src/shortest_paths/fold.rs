//! Folding before Brandes: degree-one nodes folded away with their share counted in closed
//! form, and twins that share one source.

use super::{Graph, UNREACHED};
use crate::network::{node, Network, Node};

/// A network with its degree-one nodes folded away (see the module docs).
#[derive(Debug)]
pub(crate) struct Folded {
    /// CSR of the core (the nodes left), numbered `0..c` in the network's order: a smaller
    /// graph of its own, not a copy of the network's CSR, so every Brandes pass reads only
    /// the core's arcs and sizes its buffers to `c`.
    offsets: Vec<usize>,
    targets: Vec<Node>,
    /// Tie weights aligned with `targets`.
    weights: Vec<f64>,
    /// `original[i]`: the network node of core node `i`.
    pub(crate) original: Vec<Node>,
    /// `reach[i]`: size of the tree hanging from core node `i`, itself included.
    pub(crate) reach: Vec<f64>,
    /// Ordered pairs separated inside the trees, per network node (unscaled betweenness).
    pub(crate) tree: Vec<f64>,
}

impl Folded {
    /// The core's adjacency, with lengths `1 / w` when `weighted`.
    pub(crate) fn lengths(&self, weighted: bool) -> Option<Vec<f64>> {
        weighted.then(|| self.weights.iter().map(|&w| 1.0 / w).collect())
    }

    /// The sources Brandes needs on the core, each with the number of sources it stands for.
    ///
    /// Weighted: every core node `s`, standing for the `r_s` nodes of its tree. Hops: one node
    /// per class of *twins*, standing for `Σ r` over the class. Twins are core nodes with the
    /// same neighbours and each other (closed twins, `N[u] = N[v]`), or with the same
    /// neighbours and the same tree size (open twins, `N(u) = N(v)`, `r_u = r_v`). From twins
    /// `u` and `v` every other node is at the same distance and the shortest paths correspond
    /// one to one (swap the first node; no shortest path from `u` goes through `v`), so
    /// `δ_u(x) = δ_v(x)` for `x ∉ {u, v}` and `δ_u(v) = δ_v(u) = 0`. (Open twins are at
    /// distance 2 and count as targets with weights `r_v` and `r_u` through their common
    /// neighbours: hence equal tree sizes.) Co-authors of a single paper are closed twins: on
    /// ca-GrQc's largest component this leaves 2644 of the core's 3413 nodes as sources.
    ///
    /// O(m log n) time (sorting the neighbourhoods), O(n + m) memory.
    pub(crate) fn sources(&self, weighted: bool) -> Vec<(Node, f64)> {
        let c = self.original.len();
        let mut sources: Vec<(Node, f64)> = (0..c).map(|v| (node(v), self.reach[v])).collect();
        if weighted {
            return sources;
        }
        let open = |v: usize| &self.targets[self.offsets[v]..self.offsets[v + 1]];
        let closed: Vec<Vec<Node>> = (0..c)
            .map(|v| {
                let mut key = open(v).to_vec();
                let at = key.partition_point(|&u| (u as usize) < v);
                key.insert(at, node(v));
                key
            })
            .collect();
        // rep[v]: the smallest node of v's class (v itself if it has no twin).
        let mut rep: Vec<usize> = (0..c).collect();
        merge_twins((0..c).collect(), |v| closed[v].as_slice(), &mut rep);
        let mut class_size = vec![0usize; c];
        for &r in &rep {
            class_size[r] += 1;
        }
        let alone: Vec<usize> = (0..c).filter(|&v| class_size[rep[v]] == 1).collect();
        // Open twins are targets of each other through their neighbours, where each counts
        // with its own tree size: they are merged only when those sizes are equal.
        merge_twins(alone, |v| (self.reach[v] as u64, open(v)), &mut rep);
        for v in 0..c {
            if rep[v] != v {
                sources[rep[v]].1 += sources[v].1;
                sources[v].1 = 0.0;
            }
        }
        sources.retain(|&(_, weight)| weight > 0.0);
        sources
    }

    /// The core as a [`Graph`] with the given arc lengths (from [`Folded::lengths`]).
    pub(crate) fn graph<'a>(&'a self, lengths: Option<&'a [f64]>) -> Graph<'a> {
        Graph {
            offsets: &self.offsets,
            targets: &self.targets,
            lengths,
        }
    }
}

/// Points `rep[v]` of every node in `nodes` to the smallest node with the same `key`.
fn merge_twins<K: Ord>(mut nodes: Vec<usize>, key: impl Fn(usize) -> K, rep: &mut [usize]) {
    nodes.sort_by(|&a, &b| key(a).cmp(&key(b)).then(a.cmp(&b)));
    for pair in nodes.windows(2) {
        if key(pair[0]) == key(pair[1]) {
            rep[pair[1]] = rep[pair[0]];
        }
    }
}

/// Removes degree-one nodes until none is left and counts the pairs they separate.
///
/// Repeatedly takes a node `u` of (current) degree one, with its one remaining neighbour `p`,
/// removes it and sets `r_p += r_u` (all `r` start at 1). With `C(x)` the size of `x`'s
/// connected component, the ordered pairs separated by `x` inside the trees are
/// `2 r_u (r_p − 1)` added to `p` when `u` is folded into it (pairs between `u`'s tree and
/// the trees folded into `p` before), plus `2 (r_x − 1) (C(x) − r_x)` for every node `x` at
/// the end (pairs between `x`'s tree and the rest of its component).
///
/// O(n + m) time and memory.
pub(crate) fn fold_leaves(net: &Network) -> Folded {
    let n = net.node_count();
    let components = crate::components::components(net);
    let mut degree: Vec<usize> = (0..n).map(|v| net.degree(node(v))).collect();
    let mut removed = vec![false; n];
    let mut reach = vec![1.0f64; n];
    let mut tree = vec![0.0f64; n];
    let mut leaves: Vec<usize> = (0..n).filter(|&v| degree[v] == 1).collect();
    while let Some(u) = leaves.pop() {
        if removed[u] || degree[u] != 1 {
            continue;
        }
        let Some(&p) = net
            .neighbors(node(u))
            .iter()
            .find(|&&p| !removed[p as usize])
        else {
            continue;
        };
        let p = p as usize;
        removed[u] = true;
        degree[u] = 0;
        tree[p] += 2.0 * reach[u] * (reach[p] - 1.0);
        reach[p] += reach[u];
        degree[p] -= 1;
        if degree[p] == 1 {
            leaves.push(p);
        }
    }
    for x in 0..n {
        let component_size = components.size_of(node(x)) as f64;
        tree[x] += 2.0 * (reach[x] - 1.0) * (component_size - reach[x]);
    }
    let original: Vec<Node> = (0..n).filter(|&v| !removed[v]).map(node).collect();
    let mut index = vec![UNREACHED; n];
    for (i, &v) in original.iter().enumerate() {
        index[v as usize] = node(i);
    }
    let (net_offsets, net_targets, net_weights) = net.csr();
    let mut offsets = Vec::with_capacity(original.len() + 1);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    offsets.push(0);
    for &v in &original {
        let v = v as usize;
        for e in net_offsets[v]..net_offsets[v + 1] {
            let u = net_targets[e] as usize;
            if !removed[u] {
                targets.push(index[u]);
                weights.push(net_weights[e]);
            }
        }
        offsets.push(targets.len());
    }
    let reach = original.iter().map(|&v| reach[v as usize]).collect();
    Folded {
        offsets,
        targets,
        weights,
        original,
        reach,
        tree,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::shortest_paths::brandes;
    use crate::shortest_paths::tests::by_definition;
    use crate::small_graphs::unit;
    use proptest::prelude::*;

    fn folded_brandes(net: &Network) -> Vec<f64> {
        let f = fold_leaves(net);
        let core = brandes(f.graph(None), &f.sources(false), Some(&f.reach));
        let mut bc = f.tree.clone();
        for (i, &v) in f.original.iter().enumerate() {
            bc[v as usize] += core[i];
        }
        bc
    }

    #[test]
    fn folding_a_tree_leaves_one_node_and_counts_every_pair() {
        // A spider: centre 0 with legs 0-1-2 and 0-3, plus a separate edge 4-5.
        let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 3, 1.0), (4, 5, 1.0)]);
        let f = fold_leaves(&net);
        assert_eq!(f.original.len(), 2, "one node left per tree component");
        assert_eq!(f.targets.len(), 0);
        // Node 1 separates {2} from {0, 3}: 2 ordered pairs each way; node 0 separates
        // {1, 2} from {3}: 2 · 2 = 4; the leaves and the lone edge separate nothing.
        assert_eq!(f.tree, vec![4.0, 4.0, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(folded_brandes(&net), by_definition(&net));
    }

    #[test]
    fn folding_matches_the_definition_on_a_cycle_with_trees() {
        // A 5-cycle 0..4 with a path 5-6 hanging from 0 and leaves 7, 8 on 2, and a triangle.
        let edges = [
            (0, 1),
            (1, 2),
            (2, 3),
            (3, 4),
            (4, 0),
            (0, 5),
            (5, 6),
            (2, 7),
            (2, 8),
            (9, 10),
            (10, 11),
            (9, 11),
        ];
        let net = unit(12, &edges);
        let f = fold_leaves(&net);
        assert_eq!(f.original, vec![0, 1, 2, 3, 4, 9, 10, 11]);
        assert_eq!(f.reach, vec![3.0, 1.0, 3.0, 1.0, 1.0, 1.0, 1.0, 1.0]);
        let (a, b) = (folded_brandes(&net), by_definition(&net));
        for v in 0..12 {
            assert_close!(a[v], b[v], 1e-12);
        }
        // Node 5 separates 6 from the 7 other nodes of its component (0-4, 7, 8), both orders.
        assert_close!(a[5], 14.0, 0.0);
    }

    #[test]
    fn twins_share_one_source_and_match_the_definition() {
        // 0, 1 and 3 are closed twins (pairwise tied, and each tied to 2); 4 and 5 are open
        // twins (both tied to 2 and 6 only); 7 hangs from 6 and is folded into it.
        let edges = [
            (0, 1),
            (0, 2),
            (0, 3),
            (1, 2),
            (1, 3),
            (2, 3),
            (2, 4),
            (2, 5),
            (4, 6),
            (5, 6),
            (6, 7),
        ];
        let net = unit(8, &edges);
        let f = fold_leaves(&net);
        assert_eq!(f.original, vec![0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(
            f.sources(false),
            vec![(0, 3.0), (2, 1.0), (4, 2.0), (6, 2.0)],
            "0 stands for its closed twins 1 and 3, 4 for its open twin 5, 6 for itself and 7"
        );
        assert_eq!(f.sources(true).len(), 7, "weighted: no twin merging");
        let (a, b) = (folded_brandes(&net), by_definition(&net));
        for v in 0..8 {
            assert_close!(a[v], b[v], 1e-12);
        }
    }

    proptest! {
        /// Folding and twins against the O(n³) definition on random sparse graphs (sparse, so
        /// that trees, cycles with trees and twins are common).
        #[test]
        fn folded_brandes_is_the_definition(
            (n, edges) in (2usize..14).prop_flat_map(|n| (
                Just(n),
                prop::collection::vec((0..n as Node, 0..n as Node), 0..20),
            ))
        ) {
            let edges: Vec<_> = edges.into_iter().filter(|(a, b)| a != b).collect();
            let net = unit(n, &edges);
            let (a, b) = (folded_brandes(&net), by_definition(&net));
            for v in 0..n {
                prop_assert!((a[v] - b[v]).abs() < 1e-9, "node {}: {} vs {}", v, a[v], b[v]);
            }
        }
    }

    #[test]
    fn same_sums_on_any_thread_pool() {
        // 300 nodes, each tied to two others chosen by a fixed rule: cycles, trees and twins.
        let edges: Vec<(Node, Node)> = (0..300u32)
            .flat_map(|v| [(v, (v * 7 + 3) % 300), (v, (v * v + 11) % 300)])
            .filter(|(a, b)| a != b)
            .collect();
        let net = unit(300, &edges);
        let one = crate::on_threads(1, || folded_brandes(&net));
        assert_eq!(one, crate::on_threads(2, || folded_brandes(&net)));
        assert_eq!(one, crate::on_threads(3, || folded_brandes(&net)));
        assert!(one.iter().any(|&b| b > 0.0));
    }
}
