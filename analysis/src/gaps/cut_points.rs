//! Articulation points and bridges: the organizations and ties whose loss would cut part of
//! the network off, with what each would cut off.

use super::NONE;
use crate::network::{node, Network, Node};
use serde::Serialize;

/// An organization whose removal disconnects part of the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticulationPoint {
    /// The organization.
    pub node: Node,
    /// Size of its connected component (itself included).
    pub component_size: usize,
    /// Size of the largest part left after removing it (stays connected to the rest).
    pub remaining: usize,
    /// The parts that would be cut off from the largest remaining part, largest first; each
    /// list ascending and holding at most `max_listed` of the part's nodes (see
    /// [`cut_points`]).
    pub cut_off: Vec<Vec<Node>>,
    /// The exact size of each part in `cut_off`.
    pub cut_off_sizes: Vec<usize>,
    /// Total number of organizations in `cut_off`.
    pub cut_off_total: usize,
}

/// A tie whose removal disconnects the network into two sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bridge {
    /// One end (the one on the larger side).
    pub u: Node,
    /// The other end (the one on the smaller side).
    pub v: Node,
    /// The nodes on the smaller side (the side of `v`), ascending; at most `max_listed` of
    /// them (see [`cut_points`]).
    pub smaller_side: Vec<Node>,
    /// The exact number of nodes on the smaller side.
    pub smaller_side_size: usize,
    /// Number of nodes on the larger side.
    pub larger_side_size: usize,
}

/// Articulation points and bridges of the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutPoints {
    /// Articulation points, most cut off first (then by node).
    pub articulation_points: Vec<ArticulationPoint>,
    /// Bridges, largest smaller side first (then by endpoints).
    pub bridges: Vec<Bridge>,
}

/// Articulation points (cut vertices) and bridges (cut edges), with what each would cut
/// off.
///
/// Depth-first search numbers nodes in preorder (disc) and computes
/// low(v) = min(disc(v), disc(w) for back edges from v's subtree to w). A non-root v with a
/// DFS child c such that low(c) ≥ disc(v) is an articulation point, and so is a root with ≥ 2
/// children; the tree edge (p, c) is a bridge iff low(c) > disc(p). Removing an articulation
/// point v splits its component into the subtrees of those children plus, for a non-root, the
/// rest of the component; the largest part (ties: the one with the smallest node index)
/// is `remaining`, the others are `cut_off`. A bridge's smaller side is the side with fewer
/// nodes (ties: the DFS child's subtree).
///
/// # Arguments
/// * `net` — the network (weights ignored).
/// * `max_listed` — at most this many nodes are listed per cut-off part or bridge side
///   (sizes are always exact). On a long chain every node cuts off O(n) others, so full
///   lists would take O(n²) memory; `usize::MAX` lists everything (fine for a few hundred
///   organizations). A truncated list holds the part's first nodes in depth-first order,
///   sorted ascending.
///
/// # Returns
/// A [`CutPoints`]: for each item the organizations concerned and the exact sizes (no
/// sentences: the service words them).
///
/// # Complexity
/// O(n + m) time for the search (iterative, no recursion: safe on long paths) plus
/// O(max_listed + deg) per reported item; O(n) extra memory besides the output.
///
/// # Reference
/// R. E. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1 (1972).
/// Same sets as NetworkX `articulation_points(G)` and `bridges(G)`.
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::cut_points;
/// use puentes_analysis::network::Network;
/// // Triangle 0-1-2 with a tail 2-3-4.
/// let net = Network::from_edges(5, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0),
///                                    (2, 3, 1.0), (3, 4, 1.0)]);
/// let cuts = cut_points(&net, usize::MAX);
/// let aps: Vec<u32> = cuts.articulation_points.iter().map(|a| a.node).collect();
/// assert_eq!(aps, vec![2, 3]); // 2 cuts off {3, 4}; 3 cuts off {4}
/// assert_eq!(cuts.articulation_points[0].cut_off, vec![vec![3, 4]]);
/// assert_eq!(cuts.bridges.len(), 2);
/// assert_eq!(cuts.bridges[0].smaller_side, vec![3, 4]);
/// ```
pub fn cut_points(net: &Network, max_listed: usize) -> CutPoints {
    let n = net.node_count();
    let mut disc = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut parent = vec![NONE; n];
    let mut size = vec![0u32; n];
    let mut order: Vec<Node> = Vec::with_capacity(n);
    // The trees of the depth-first forest are the connected components (the same sets as
    // `community::connected_components`); each node's tree root and the root's subtree size
    // give its component and that component's size, so no second pass is needed.
    let mut comp_of = vec![0u32; n];
    // For each articulation point: its separated children (subtree roots).
    let mut split_children: Vec<Vec<Node>> = vec![Vec::new(); n];
    let mut bridge_edges: Vec<(Node, Node)> = Vec::new();
    let mut stack: Vec<(Node, usize)> = Vec::new();
    for root in 0..n {
        if disc[root] != NONE {
            continue;
        }
        let t0 = order.len() as u32;
        disc[root] = t0;
        low[root] = t0;
        order.push(node(root));
        stack.push((node(root), 0));
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            let ns = net.neighbors(v);
            if top.1 < ns.len() {
                let u = ns[top.1];
                top.1 += 1;
                let (vi, ui) = (v as usize, u as usize);
                if disc[ui] == NONE {
                    parent[ui] = v;
                    let t = order.len() as u32;
                    disc[ui] = t;
                    low[ui] = t;
                    order.push(u);
                    stack.push((u, 0));
                } else if u != parent[vi] {
                    low[vi] = low[vi].min(disc[ui]);
                }
            } else {
                stack.pop();
                let vi = v as usize;
                size[vi] = order.len() as u32 - disc[vi];
                let p = parent[vi];
                if p != NONE {
                    let pi = p as usize;
                    low[pi] = low[pi].min(low[vi]);
                    if low[vi] >= disc[pi] {
                        split_children[pi].push(v);
                    }
                    if low[vi] > disc[pi] {
                        bridge_edges.push((p, v));
                    }
                }
            }
        }
        for &v in &order[t0 as usize..] {
            comp_of[v as usize] = node(root);
        }
    }
    // Subtree of c = preorder positions disc[c] .. disc[c] + size[c].
    let sub_min = {
        let mut m: Vec<Node> = (0..n).map(node).collect();
        // Children finish before parents: walk preorder backwards.
        for &v in order.iter().rev() {
            let p = parent[v as usize];
            if p != NONE {
                m[p as usize] = m[p as usize].min(m[v as usize]);
            }
        }
        m
    };
    // Up to `max_listed` nodes of the preorder range [from, to) skipping the ranges in `holes`
    // (sorted by start) and the node `skip`, sorted ascending.
    let list = |from: usize, to: usize, holes: &[(usize, usize)], skip: Node| -> Vec<Node> {
        let mut out = Vec::new();
        let mut i = from;
        let mut h = 0;
        while i < to && out.len() < max_listed {
            while h < holes.len() && holes[h].1 <= i {
                h += 1;
            }
            if h < holes.len() && holes[h].0 <= i {
                i = holes[h].1;
                continue;
            }
            if order[i] != skip {
                out.push(order[i]);
            }
            i += 1;
        }
        out.sort_unstable();
        out
    };
    let range = |c: Node| {
        let s = disc[c as usize] as usize;
        (s, s + size[c as usize] as usize)
    };
    let mut aps = Vec::new();
    for v in 0..n {
        let children = &split_children[v];
        let is_root = parent[v] == NONE;
        if children.is_empty() || (is_root && children.len() < 2) {
            continue;
        }
        let root = comp_of[v] as usize;
        let comp_size = size[root] as usize;
        // Parts: (size, smallest node, which) where which = Some(child) or None for the rest.
        let mut parts: Vec<(usize, Node, Option<Node>)> = Vec::new();
        let mut in_children = 0usize;
        for &c in children {
            let sz = size[c as usize] as usize;
            in_children += sz;
            parts.push((sz, sub_min[c as usize], Some(c)));
        }
        let rest = comp_size - 1 - in_children;
        if rest > 0 {
            // The rest contains the DFS root, the smallest node of the component.
            parts.push((rest, node(root), None));
        }
        parts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let remaining = parts[0].0;
        let mut cut_off = Vec::new();
        let mut cut_off_sizes = Vec::new();
        for &(sz, _, which) in &parts[1..] {
            cut_off_sizes.push(sz);
            match which {
                Some(c) => {
                    let (a, b) = range(c);
                    cut_off.push(list(a, b, &[], NONE));
                }
                None => {
                    let mut holes: Vec<(usize, usize)> =
                        children.iter().map(|&c| range(c)).collect();
                    holes.sort_unstable();
                    let s = disc[root] as usize;
                    cut_off.push(list(s, s + comp_size, &holes, node(v)));
                }
            }
        }
        let cut_off_total = cut_off_sizes.iter().sum();
        aps.push(ArticulationPoint {
            node: node(v),
            component_size: comp_size,
            remaining,
            cut_off,
            cut_off_sizes,
            cut_off_total,
        });
    }
    aps.sort_by(|a, b| {
        b.cut_off_total
            .cmp(&a.cut_off_total)
            .then(a.node.cmp(&b.node))
    });
    let mut bridges = Vec::new();
    for (p, c) in bridge_edges {
        let root = comp_of[c as usize] as usize;
        let comp_size = size[root] as usize;
        let child_side = size[c as usize] as usize;
        let (near, far, small_size, small) = if child_side <= comp_size - child_side {
            let (a, b) = range(c);
            (p, c, child_side, list(a, b, &[], NONE))
        } else {
            // The rest of the component is the smaller side.
            let s = disc[root] as usize;
            let small = list(s, s + comp_size, &[range(c)], NONE);
            (c, p, comp_size - child_side, small)
        };
        bridges.push(Bridge {
            u: near,
            v: far,
            smaller_side_size: small_size,
            larger_side_size: comp_size - small_size,
            smaller_side: small,
        });
    }
    bridges.sort_by(|a, b| {
        b.smaller_side_size
            .cmp(&a.smaller_side_size)
            .then((a.u.min(a.v), a.u.max(a.v)).cmp(&(b.u.min(b.v), b.u.max(b.v))))
    });
    CutPoints {
        articulation_points: aps,
        bridges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::small_graphs::{path, unit, TWO_TRIANGLES};

    #[test]
    fn cut_points_on_two_triangles_and_tail() {
        // Triangles {0,1,2} and {3,4,5} joined by 2-3; tail 5-6; isolate 7.
        let net = unit(8, &[TWO_TRIANGLES.as_slice(), &[(5, 6)]].concat());
        let c = cut_points(&net, usize::MAX);
        let mut aps: Vec<(Node, usize, usize)> = c
            .articulation_points
            .iter()
            .map(|a| (a.node, a.remaining, a.cut_off_total))
            .collect();
        aps.sort();
        // 2: parts {0,1} and {3,4,5,6} → {0,1} cut off; 3: {0,1,2} vs {4,5,6} (tie in size:
        // the part with node 0 stays); 5: cuts off {6}.
        assert_eq!(aps, vec![(2, 4, 2), (3, 3, 3), (5, 5, 1)]);
        let a3 = c.articulation_points.iter().find(|a| a.node == 3);
        assert_eq!(a3.map(|a| a.cut_off.clone()), Some(vec![vec![4, 5, 6]]));
        let a2 = c.articulation_points.iter().find(|a| a.node == 2);
        assert_eq!(a2.map(|a| a.cut_off.clone()), Some(vec![vec![0, 1]]));
        let mut br: Vec<(Node, Node, Vec<Node>)> = c
            .bridges
            .iter()
            .map(|b| (b.u, b.v, b.smaller_side.clone()))
            .collect();
        br.sort();
        // DFS from 0 reaches 3 through 2, so 3's subtree {3,4,5,6} is the larger side of the
        // bridge 2-3 and the smaller side is {0,1,2}, listed with u = 3 (larger side).
        assert_eq!(br, vec![(3, 2, vec![0, 1, 2]), (5, 6, vec![6])]);
    }

    #[test]
    fn bridge_smaller_side_is_rest_when_subtree_is_larger() {
        // 0 - 1, and 1 in a triangle 1-2-3 with 4 hanging on 3: DFS from 0 puts the big part
        // in the subtree of 1; the smaller side of bridge 0-1 is {0}.
        let net = Network::from_edges(
            5,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (2, 3, 1.0),
                (1, 3, 1.0),
                (3, 4, 1.0),
            ],
        );
        let c = cut_points(&net, usize::MAX);
        let b01 = c
            .bridges
            .iter()
            .find(|b| b.u.min(b.v) == 0)
            .map(|b| (b.u, b.v, b.smaller_side.clone(), b.larger_side_size));
        assert_eq!(b01, Some((1, 0, vec![0], 4)));
        let a1 = c.articulation_points.iter().find(|a| a.node == 1);
        assert_eq!(
            a1.map(|a| (a.cut_off.clone(), a.remaining)),
            Some((vec![vec![0]], 3))
        );
    }

    #[test]
    fn deep_path_does_not_overflow() {
        let net = path(200_000);
        let c = cut_points(&net, 3);
        assert_eq!(c.articulation_points.len(), 199_998);
        assert_eq!(c.bridges.len(), 199_999);
        // Node 99 999 splits {0..99 998} (99 999 nodes) from {100 000..} (100 000 nodes): the
        // smaller part is cut off; 3 of its nodes are listed, in DFS order from the root.
        let mid = &c.articulation_points[0];
        assert_eq!((mid.node, mid.cut_off_total), (99_999, 99_999));
        assert_eq!(mid.cut_off[0], vec![0, 1, 2]);
        assert_eq!(mid.cut_off_sizes, vec![99_999]);
        assert_eq!(c.bridges[0].smaller_side_size, 100_000);
    }
}
