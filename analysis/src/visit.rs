//! petgraph's graph traits on `&Network`, read straight from its CSR arrays (no copy).
//!
//! With these, petgraph's algorithms run on a [`Network`] as they are, without building a
//! petgraph graph per revision. The crate uses them as *oracles*: property tests check our
//! components, shortest-path lengths, articulation points and bridges against petgraph's on
//! random networks (the tests at the bottom of this file).
//!
//! | petgraph          | on `&Network`                                                      |
//! |-------------------|--------------------------------------------------------------------|
//! | `NodeId`          | [`Node`] (`u32`), the node index `0..n`: compact, so `to_index` is a cast |
//! | `EdgeId`          | `usize`, the CSR arc index `e` (into [`Network::csr`]'s `targets`)  |
//! | `NodeWeight`      | the [`Organization`]                                               |
//! | `EdgeWeight`      | `f64`, the collapsed tie weight `w_uv` (a *capacity*; path lengths are `1 / w`, see [`crate::centrality`]) |
//! | `EdgeType`        | [`Undirected`]                                                     |
//! | `Map` (visit map) | `FixedBitSet` of `n` bits                                          |
//!
//! `edges(v)` yields every arc out of `v` (source `v`, neighbours ascending);
//! `edge_references()` yields each undirected edge once, as its arc from the smaller end.
//!
//! # Examples
//! ```
//! use petgraph::algo::{articulation_points, bridges, connected_components, dijkstra};
//! use petgraph::visit::EdgeRef;
//! use puentes_analysis::Network;
//! // Path 0 - 1 - 2 (weights 1 and 4) and a separate edge 3 - 4.
//! let net = Network::from_edges(5, &[(0, 1, 1.0), (1, 2, 4.0), (3, 4, 1.0)]);
//! assert_eq!(connected_components(&net), 2);
//! // Lengths 1 / w: 1 + 1/4 from 0 to 2; 3 and 4 are not reached.
//! let d = dijkstra(&net, 0, None, |e| 1.0 / *e.weight());
//! assert_eq!((d[&2], d.get(&3)), (1.25, None));
//! let cut: Vec<u32> = articulation_points::articulation_points(&net).into_iter().collect();
//! assert_eq!(cut, vec![1]);
//! let mut b: Vec<(u32, u32)> = bridges(&net).map(|e| (e.source(), e.target())).collect();
//! b.sort_unstable();
//! assert_eq!(b, vec![(0, 1), (1, 2), (3, 4)]);
//! ```

use crate::model::Organization;
use crate::network::{Network, Node};
use fixedbitset::FixedBitSet;
use petgraph::visit::{
    Data, EdgeCount, EdgeRef, GraphBase, GraphProp, IntoEdgeReferences, IntoEdges, IntoNeighbors,
    IntoNodeIdentifiers, IntoNodeReferences, NodeCompactIndexable, NodeCount, NodeIndexable,
    Visitable,
};
use petgraph::Undirected;
use std::iter::{Copied, Zip};
use std::ops::Range;
use std::slice;

/// One arc of a [`Network`] as petgraph sees it: `source → target` with the edge's weight,
/// identified by its CSR arc index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeReference<'a> {
    source: Node,
    target: Node,
    weight: &'a f64,
    arc: usize,
}

impl<'a> EdgeReference<'a> {
    fn new(net: &'a Network, source: Node, arc: usize) -> Self {
        let (_, targets, weights) = net.csr();
        EdgeReference {
            source,
            target: targets[arc],
            weight: &weights[arc],
            arc,
        }
    }
}

impl EdgeRef for EdgeReference<'_> {
    type NodeId = Node;
    type EdgeId = usize;
    type Weight = f64;

    fn source(&self) -> Node {
        self.source
    }

    fn target(&self) -> Node {
        self.target
    }

    fn weight(&self) -> &f64 {
        self.weight
    }

    fn id(&self) -> usize {
        self.arc
    }
}

/// The arcs out of one node ([`IntoEdges::edges`]).
#[derive(Debug, Clone)]
pub struct Edges<'a> {
    net: &'a Network,
    source: Node,
    arcs: Range<usize>,
}

impl<'a> Iterator for Edges<'a> {
    type Item = EdgeReference<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let arc = self.arcs.next()?;
        Some(EdgeReference::new(self.net, self.source, arc))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.arcs.size_hint()
    }
}

/// Every undirected edge once, as its arc from the smaller end
/// ([`IntoEdgeReferences::edge_references`]).
#[derive(Debug, Clone)]
pub struct EdgeReferences<'a> {
    net: &'a Network,
    /// The node whose arcs `arc` is walking.
    source: Node,
    /// The next arc to look at.
    arc: usize,
}

impl<'a> Iterator for EdgeReferences<'a> {
    type Item = EdgeReference<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let (offsets, targets, _) = self.net.csr();
        while self.arc < targets.len() {
            let arc = self.arc;
            self.arc += 1;
            // `arc < offsets[n]`, so this stops at a node `< n`.
            while offsets[self.source as usize + 1] <= arc {
                self.source += 1;
            }
            if targets[arc] > self.source {
                return Some(EdgeReference::new(self.net, self.source, arc));
            }
        }
        None
    }
}

impl GraphBase for Network {
    type NodeId = Node;
    type EdgeId = usize;
}

impl Data for Network {
    type NodeWeight = Organization;
    type EdgeWeight = f64;
}

impl GraphProp for Network {
    type EdgeType = Undirected;
}

impl NodeCount for Network {
    fn node_count(&self) -> usize {
        Network::node_count(self)
    }
}

impl EdgeCount for Network {
    fn edge_count(&self) -> usize {
        Network::edge_count(self)
    }
}

impl NodeIndexable for Network {
    fn node_bound(&self) -> usize {
        Network::node_count(self)
    }

    fn to_index(&self, a: Node) -> usize {
        a as usize
    }

    fn from_index(&self, i: usize) -> Node {
        crate::network::node(i)
    }
}

impl NodeCompactIndexable for Network {}

impl Visitable for Network {
    type Map = FixedBitSet;

    fn visit_map(&self) -> FixedBitSet {
        FixedBitSet::with_capacity(Network::node_count(self))
    }

    fn reset_map(&self, map: &mut FixedBitSet) {
        map.clear();
        map.grow(Network::node_count(self));
    }
}

impl<'a> IntoNeighbors for &'a Network {
    type Neighbors = Copied<slice::Iter<'a, Node>>;

    fn neighbors(self, a: Node) -> Self::Neighbors {
        Network::neighbors(self, a).iter().copied()
    }
}

impl IntoNodeIdentifiers for &Network {
    type NodeIdentifiers = Range<Node>;

    fn node_identifiers(self) -> Range<Node> {
        0..crate::network::node(Network::node_count(self))
    }
}

impl<'a> IntoNodeReferences for &'a Network {
    type NodeRef = (Node, &'a Organization);
    type NodeReferences = Zip<Range<Node>, slice::Iter<'a, Organization>>;

    fn node_references(self) -> Self::NodeReferences {
        self.node_identifiers().zip(self.organizations())
    }
}

impl<'a> IntoEdgeReferences for &'a Network {
    type EdgeRef = EdgeReference<'a>;
    type EdgeReferences = EdgeReferences<'a>;

    fn edge_references(self) -> EdgeReferences<'a> {
        EdgeReferences {
            net: self,
            source: 0,
            arc: 0,
        }
    }
}

impl<'a> IntoEdges for &'a Network {
    type Edges = Edges<'a>;

    fn edges(self, a: Node) -> Edges<'a> {
        let (offsets, _, _) = self.csr();
        let v = a as usize;
        Edges {
            net: self,
            source: a,
            arcs: offsets[v]..offsets[v + 1],
        }
    }
}

/// petgraph's algorithms as oracles for ours, on hand-derived cases and random networks.
#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::centrality::{edge_lengths, Weighting};
    use crate::components::components;
    use crate::gaps::cut_points;
    use crate::shortest_paths::{Graph, ShortestPaths};
    use crate::small_graphs::{path, star, two_triangles, unit};
    use petgraph::algo::{articulation_points::articulation_points, bridges, dijkstra};
    use petgraph::visit::Dfs;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// Components labelled by petgraph's depth-first search, started from each unlabelled
    /// node in ascending order (so numbered by smallest node, like ours).
    fn petgraph_labels(net: &Network) -> Vec<u32> {
        let n = Network::node_count(net);
        let mut label = vec![u32::MAX; n];
        let mut next = 0;
        for s in 0..n {
            if label[s] != u32::MAX {
                continue;
            }
            let mut dfs = Dfs::new(net, crate::network::node(s));
            while let Some(v) = dfs.next(net) {
                label[v as usize] = next;
            }
            next += 1;
        }
        label
    }

    fn petgraph_cut_nodes(net: &Network) -> BTreeSet<Node> {
        articulation_points(net).into_iter().collect()
    }

    fn petgraph_bridges(net: &Network) -> BTreeSet<(Node, Node)> {
        bridges(net)
            .map(|e| (e.source().min(e.target()), e.source().max(e.target())))
            .collect()
    }

    fn our_cut_nodes(net: &Network) -> BTreeSet<Node> {
        let cuts = cut_points(net, usize::MAX);
        cuts.articulation_points.iter().map(|a| a.node).collect()
    }

    fn our_bridges(net: &Network) -> BTreeSet<(Node, Node)> {
        let cuts = cut_points(net, usize::MAX);
        cuts.bridges
            .iter()
            .map(|b| (b.u.min(b.v), b.u.max(b.v)))
            .collect()
    }

    /// Distances from `s` by petgraph's Dijkstra with `cost`, `+∞` where not reached.
    fn petgraph_distances(net: &Network, s: Node, cost: impl Fn(f64) -> f64) -> Vec<f64> {
        let d = dijkstra(net, s, None, |e| cost(*e.weight()));
        (0..Network::node_count(net))
            .map(|v| {
                d.get(&crate::network::node(v))
                    .copied()
                    .unwrap_or(f64::INFINITY)
            })
            .collect()
    }

    /// Distances from `s` by our engine, with the lengths closeness and betweenness use
    /// (`None`: hops; `Weighted`: `1 / w`).
    fn our_distances(net: &Network, s: Node, weighting: Weighting) -> Vec<f64> {
        let lengths = edge_lengths(net, weighting, "oracle test").unwrap();
        let mut sp = ShortestPaths::new(Network::node_count(net));
        sp.run(Graph::of(net, lengths.as_deref()), s);
        (0..Network::node_count(net))
            .map(|v| sp.distance(crate::network::node(v)))
            .collect()
    }

    fn set<T: Ord + Copy>(items: &[T]) -> BTreeSet<T> {
        items.iter().copied().collect()
    }

    #[test]
    fn traits_read_the_csr() {
        // 0 - 1 (weight 3, two ties), 0 - 2, isolated 3.
        let net = Network::from_edges(4, &[(1, 0, 1.0), (0, 1, 2.0), (2, 0, 1.0)]);
        assert_eq!(net.node_identifiers().collect::<Vec<_>>(), vec![0, 1, 2, 3]);
        assert_eq!(NodeIndexable::node_bound(&net), 4);
        assert_eq!(EdgeCount::edge_count(&net), 2);
        assert_eq!(
            IntoNeighbors::neighbors(&net, 0).collect::<Vec<_>>(),
            vec![1, 2]
        );
        // CSR arcs: 0→1 (0), 0→2 (1), 1→0 (2), 2→0 (3).
        let out: Vec<_> = IntoEdges::edges(&net, 0)
            .map(|e| (e.source(), e.target(), *e.weight(), e.id()))
            .collect();
        assert_eq!(out, vec![(0, 1, 3.0, 0), (0, 2, 1.0, 1)]);
        let back: Vec<_> = IntoEdges::edges(&net, 2)
            .map(|e| (e.source(), e.target(), e.id()))
            .collect();
        assert_eq!(back, vec![(2, 0, 3)]);
        let all: Vec<_> = net
            .edge_references()
            .map(|e| (e.source(), e.target(), *e.weight(), e.id()))
            .collect();
        assert_eq!(all, vec![(0, 1, 3.0, 0), (0, 2, 1.0, 1)]);
        assert_eq!(net.node_references().len(), 4);
        assert_eq!(
            net.node_references().nth(2).map(|r| r.1.id.as_str()),
            Some("2")
        );
    }

    #[test]
    fn empty_network() {
        let net = Network::from_edges(0, &[]);
        assert_eq!(petgraph::algo::connected_components(&net), 0);
        assert_eq!(components(&net).count, 0);
        assert_eq!(net.edge_references().count(), 0);
        assert!(petgraph_cut_nodes(&net).is_empty() && our_cut_nodes(&net).is_empty());
    }

    #[test]
    fn path_by_hand() {
        // 0 - 1 - 2 - 3 with weights 1, 2, 4: lengths 1, 1/2, 1/4.
        let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 2.0), (2, 3, 4.0)]);
        assert_eq!(petgraph::algo::connected_components(&net), 1);
        assert_eq!(components(&net).label, vec![0, 0, 0, 0]);
        let cut = set(&[1, 2]);
        assert_eq!(
            (petgraph_cut_nodes(&net), our_cut_nodes(&net)),
            (cut.clone(), cut)
        );
        let b = set(&[(0, 1), (1, 2), (2, 3)]);
        assert_eq!((petgraph_bridges(&net), our_bridges(&net)), (b.clone(), b));
        let d = vec![0.0, 1.0, 1.5, 1.75];
        assert_eq!(petgraph_distances(&net, 0, |w| 1.0 / w), d);
        assert_eq!(our_distances(&net, 0, Weighting::Weighted), d);
        let hops = vec![3.0, 2.0, 1.0, 0.0];
        assert_eq!(petgraph_distances(&path(4), 3, |_| 1.0), hops);
        assert_eq!(our_distances(&path(4), 3, Weighting::Unweighted), hops);
    }

    #[test]
    fn star_by_hand() {
        // Centre 0, leaves 1..4: the centre is the only cut node, every tie a bridge; leaf to
        // leaf is 2 hops.
        let net = star(5);
        let cut = set(&[0]);
        assert_eq!(
            (petgraph_cut_nodes(&net), our_cut_nodes(&net)),
            (cut.clone(), cut)
        );
        let b = set(&[(0, 1), (0, 2), (0, 3), (0, 4)]);
        assert_eq!((petgraph_bridges(&net), our_bridges(&net)), (b.clone(), b));
        let d = vec![1.0, 0.0, 2.0, 2.0, 2.0];
        assert_eq!(petgraph_distances(&net, 1, |w| 1.0 / w), d);
        assert_eq!(our_distances(&net, 1, Weighting::Weighted), d);
    }

    #[test]
    fn two_triangles_joined_by_a_bridge_by_hand() {
        // {0, 1, 2} - {3, 4, 5} through 2 - 3, plus an isolated 6.
        let mut edges = crate::small_graphs::TWO_TRIANGLES.to_vec();
        edges.push((0, 0)); // a self-tie: dropped by the network, invisible to both
        let net = unit(7, &edges);
        assert_eq!(petgraph::algo::connected_components(&net), 2);
        let c = components(&net);
        assert_eq!((c.label, c.sizes), (vec![0, 0, 0, 0, 0, 0, 1], vec![6, 1]));
        assert_eq!(petgraph_labels(&net), vec![0, 0, 0, 0, 0, 0, 1]);
        let cut = set(&[2, 3]);
        assert_eq!(
            (petgraph_cut_nodes(&net), our_cut_nodes(&net)),
            (cut.clone(), cut)
        );
        let b = set(&[(2, 3)]);
        assert_eq!((petgraph_bridges(&net), our_bridges(&net)), (b.clone(), b));
        // From 0: 1 and 2 at 1, 3 at 2, 4 and 5 at 3, 6 unreachable.
        let d = vec![0.0, 1.0, 1.0, 2.0, 3.0, 3.0, f64::INFINITY];
        assert_eq!(petgraph_distances(&net, 0, |w| 1.0 / w), d);
        assert_eq!(our_distances(&net, 0, Weighting::Weighted), d);
        assert_eq!(
            our_distances(&two_triangles(), 0, Weighting::Unweighted),
            d[..6]
        );
    }

    /// Up to 40 nodes; ties only between nodes of the same residue class modulo `groups`
    /// (1 to 4), so several components and isolated nodes are common; weights 1 to 5
    /// (parallel ties add up, self-ties are dropped).
    fn random_network() -> impl Strategy<Value = (usize, Vec<(Node, Node, f64)>)> {
        (1usize..=40, 1u32..=4).prop_flat_map(|(n, groups)| {
            let nodes = 0..crate::network::node(n);
            let edges = prop::collection::vec((nodes.clone(), nodes, 1u32..=5), 0..=80);
            (
                Just(n),
                edges.prop_map(move |edges| {
                    edges
                        .into_iter()
                        .filter(|(a, b, _)| a % groups == b % groups)
                        .map(|(a, b, w)| (a, b, f64::from(w)))
                        .collect()
                }),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Our component labels, sizes and count equal petgraph's: the count of
        /// `algo::connected_components` and the labels of its depth-first search.
        #[test]
        fn components_match_petgraph((n, edges) in random_network()) {
            let net = Network::from_edges(n, &edges);
            let ours = components(&net);
            prop_assert_eq!(ours.count, petgraph::algo::connected_components(&net));
            let labels = petgraph_labels(&net);
            let mut sizes = vec![0usize; ours.count];
            for &l in &labels {
                sizes[l as usize] += 1;
            }
            prop_assert_eq!(&ours.label, &labels);
            prop_assert_eq!(&ours.sizes, &sizes);
            prop_assert_eq!(crate::community::connected_components(&net).membership, labels);
        }

        /// From every source, our weighted Dijkstra (lengths `1 / w`, as closeness and
        /// betweenness use) and our hop BFS equal petgraph's Dijkstra within 1e-12, and
        /// reach the same nodes.
        #[test]
        fn distances_match_petgraph_dijkstra((n, edges) in random_network()) {
            let net = Network::from_edges(n, &edges);
            for s in 0..crate::network::node(n) {
                let (ours, theirs) = (
                    our_distances(&net, s, Weighting::Weighted),
                    petgraph_distances(&net, s, |w| 1.0 / w),
                );
                for v in 0..n {
                    prop_assert_eq!(ours[v].is_finite(), theirs[v].is_finite(), "{} → {}", s, v);
                    if ours[v].is_finite() {
                        prop_assert!((ours[v] - theirs[v]).abs() <= 1e-12,
                            "{} → {}: {} vs {}", s, v, ours[v], theirs[v]);
                    }
                }
                prop_assert_eq!(
                    our_distances(&net, s, Weighting::Unweighted),
                    petgraph_distances(&net, s, |_| 1.0)
                );
            }
        }

        /// `gaps::cut_points` finds the same articulation points and bridges as petgraph.
        #[test]
        fn cut_points_match_petgraph((n, edges) in random_network()) {
            let net = Network::from_edges(n, &edges);
            prop_assert_eq!(our_cut_nodes(&net), petgraph_cut_nodes(&net));
            prop_assert_eq!(our_bridges(&net), petgraph_bridges(&net));
        }
    }
}
