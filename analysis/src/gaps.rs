//! Gaps: where the network is thin, fragile or out of reach — the questions network
//! planners ask.
//!
//! * [`peripheral_organizations`]: isolated, pendant, inward-looking and peripheral
//!   organizations, each with its reasons;
//! * [`cut_points`]: articulation points and bridges, with what each would cut off;
//! * [`structural_holes`] / [`constraint`]: Burt's constraint, effective size, efficiency and
//!   hierarchy;
//! * [`brokerage`]: Gould–Fernandez brokerage roles on the directed view;
//! * [`community_gaps`]: the community × community tie-density matrix against what the
//!   community sizes predict;
//! * [`service_reach`]: who has no path of at most two ties to each service.
//!
//! Every flagged item carries its explanation in plain words (organization names, counts),
//! next to the machine-readable fields, so the service can show it as is.

use crate::model::Service;
use crate::network::{node, Network, Node};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

const NONE: u32 = u32::MAX;

/// Names of up to five organizations, then "and N more".
fn names(net: &Network, nodes: &[Node]) -> String {
    let s: Vec<&str> = nodes
        .iter()
        .take(5)
        .map(|&v| net.organization(v).name.as_str())
        .collect();
    let more = nodes.len().saturating_sub(5);
    let mut out = s.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

// ---------------------------------------------------------------------------------------
// Periphery

/// Why an organization is flagged as isolated or peripheral.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeripheryReason {
    /// No ties at all.
    Isolated,
    /// Exactly one tie, to `neighbor`.
    Pendant {
        /// The only partner.
        neighbor: Node,
    },
    /// All of its ties stay inside its own community.
    OnlyInsideCommunity {
        /// The community.
        community: u32,
        /// Number of ties (all internal).
        degree: usize,
    },
    /// Core number 1 (not in any 2-core) while having at least two ties: it hangs on a
    /// tree-like part of the network. (Pendants have core number 1 too; they are reported
    /// as [`PeripheryReason::Pendant`] only.)
    LowCoreness {
        /// Core number.
        core: u32,
    },
    /// Closeness in the bottom decile of the organizations that have ties.
    LowCloseness {
        /// Its closeness (NetworkX `closeness_centrality`, unweighted, Wasserman–Faust
        /// scaling for disconnected networks).
        closeness: f64,
        /// The decile threshold: flagged when `closeness <= threshold`.
        threshold: f64,
    },
}

/// An isolated or peripheral organization and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeripheralOrganization {
    /// The organization.
    pub node: Node,
    /// Every reason that applies.
    pub reasons: Vec<PeripheryReason>,
    /// The reasons in plain words, one sentence each, in the same order.
    pub explanation: Vec<String>,
}

/// Core number of every node (largest k such that the node is in the k-core).
///
/// Batagelj–Zaveršnik bucket algorithm, O(n + m). Same values as NetworkX `core_number`.
fn core_numbers(net: &Network) -> Vec<u32> {
    let n = net.node_count();
    let mut deg: Vec<usize> = (0..n).map(|v| net.degree(node(v))).collect();
    let maxd = deg.iter().copied().max().unwrap_or(0);
    let mut bin = vec![0usize; maxd + 2];
    for &d in &deg {
        bin[d] += 1;
    }
    let mut start = 0;
    for b in bin.iter_mut() {
        let c = *b;
        *b = start;
        start += c;
    }
    let mut pos = vec![0usize; n];
    let mut vert = vec![0usize; n];
    for v in 0..n {
        pos[v] = bin[deg[v]];
        vert[pos[v]] = v;
        bin[deg[v]] += 1;
    }
    for d in (1..=maxd + 1).rev() {
        bin[d] = bin[d - 1];
    }
    bin[0] = 0;
    for i in 0..n {
        let v = vert[i];
        for &u in net.neighbors(node(v)) {
            let u = u as usize;
            if deg[u] > deg[v] {
                let du = deg[u];
                let pu = pos[u];
                let pw = bin[du];
                let w = vert[pw];
                if u != w {
                    pos[u] = pw;
                    vert[pu] = w;
                    pos[w] = pu;
                    vert[pw] = u;
                }
                bin[du] += 1;
                deg[u] -= 1;
            }
        }
    }
    deg.into_iter().map(|d| d as u32).collect()
}

/// Unweighted closeness of every node, NetworkX `closeness_centrality(G)` convention:
/// C(v) = (r − 1)/(n − 1) · (r − 1)/Σ d(v, u), r = nodes reachable from v (itself included);
/// 0 when r = 1. One BFS per node, in parallel (each value independent: deterministic).
fn closeness(net: &Network) -> Vec<f64> {
    let n = net.node_count();
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![NONE; n], VecDeque::new()),
            |(dist, queue), s| {
                let mut seen = vec![s as Node];
                dist[s] = 0;
                queue.push_back(s as Node);
                let mut total = 0u64;
                while let Some(v) = queue.pop_front() {
                    let dv = dist[v as usize];
                    total += u64::from(dv);
                    for &u in net.neighbors(v) {
                        if dist[u as usize] == NONE {
                            dist[u as usize] = dv + 1;
                            seen.push(u);
                            queue.push_back(u);
                        }
                    }
                }
                let r = seen.len();
                for v in seen {
                    dist[v as usize] = NONE;
                }
                if r <= 1 || n <= 1 {
                    0.0
                } else {
                    let r1 = (r - 1) as f64;
                    (r1 / (n - 1) as f64) * (r1 / total as f64)
                }
            },
        )
        .collect()
}

/// Isolated and peripheral organizations, each with the reasons it is flagged.
///
/// An organization is flagged when any of these holds:
/// * **isolated**: degree 0 (no other reason is then listed);
/// * **pendant**: degree 1;
/// * **only inside its community** (when `membership` is given): degree ≥ 1 and every
///   neighbour u has `membership[u] == membership[v]`;
/// * **low coreness**: core number k(v) = 1 and degree ≥ 2, where k(v) is the largest k
///   such that v belongs to the k-core (the maximal subgraph with all degrees ≥ k);
/// * **low closeness**: among the n′ organizations with degree ≥ 1, closeness
///   C(v) = (r−1)/(n−1) · (r−1)/Σ_u d(v,u) (r: organizations reachable from v, itself
///   included; d: number of ties on a shortest path; n: all organizations) is ≤ the
///   ⌈n′/10⌉-th smallest value (bottom decile, ties at the threshold included).
///
/// # Arguments
/// * `net` — the network (unweighted view: a tie is a tie).
/// * `membership` — optional community of each node (e.g. from
///   [`crate::community::leiden`]).
///
/// # Returns
/// The flagged organizations in node order, each with machine-readable reasons and one
/// plain-language sentence per reason.
///
/// # Complexity
/// O(n·(n + m)) time for closeness (one BFS per node, run in parallel), O(n + m) for the
/// rest; O(n) extra memory per thread.
///
/// # Reference
/// Core numbers: V. Batagelj, M. Zaveršnik (2003), same values as NetworkX `core_number`.
/// Closeness: same convention as NetworkX `closeness_centrality(G)` (wf_improved=True).
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::{peripheral_organizations, PeripheryReason};
/// use puentes_analysis::network::Network;
/// // Triangle 0-1-2 with a pendant 3 on node 2, and an isolate 4.
/// let net = Network::from_edges(5, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
/// let flagged = peripheral_organizations(&net, None);
/// assert_eq!(flagged[0].node, 3);
/// assert_eq!(flagged[0].reasons[0], PeripheryReason::Pendant { neighbor: 2 });
/// assert_eq!(flagged[1].reasons, vec![PeripheryReason::Isolated]);
/// ```
pub fn peripheral_organizations(
    net: &Network,
    membership: Option<&[u32]>,
) -> Vec<PeripheralOrganization> {
    let n = net.node_count();
    let core = core_numbers(net);
    let close = closeness(net);
    let mut connected: Vec<f64> = (0..n)
        .filter(|&v| net.degree(node(v)) > 0)
        .map(|v| close[v])
        .collect();
    connected.sort_by(f64::total_cmp);
    let threshold = if connected.is_empty() {
        f64::NEG_INFINITY
    } else {
        let k = connected.len().div_ceil(10);
        connected[k - 1]
    };
    let mut out = Vec::new();
    for v in 0..n {
        let vn = node(v);
        let name = &net.organization(vn).name;
        let deg = net.degree(vn);
        let mut reasons = Vec::new();
        let mut words = Vec::new();
        if deg == 0 {
            reasons.push(PeripheryReason::Isolated);
            words.push(format!("{name} has no ties to any other organization."));
        } else {
            if deg == 1 {
                let u = net.neighbors(vn)[0];
                reasons.push(PeripheryReason::Pendant { neighbor: u });
                words.push(format!(
                    "{name} has a single tie, to {}; if that tie ends it is cut off.",
                    net.organization(u).name
                ));
            }
            if let Some(m) = membership {
                let c = m[v];
                if net.neighbors(vn).iter().all(|&u| m[u as usize] == c) {
                    reasons.push(PeripheryReason::OnlyInsideCommunity {
                        community: c,
                        degree: deg,
                    });
                    words.push(if deg == 1 {
                        format!("The only tie of {name} stays inside its own community ({c}).")
                    } else {
                        format!("All {deg} ties of {name} stay inside its own community ({c}).")
                    });
                }
            }
            if core[v] == 1 && deg >= 2 {
                reasons.push(PeripheryReason::LowCoreness { core: 1 });
                words.push(format!(
                    "{name} is not part of any cohesive group where every member has at least \
                     two ties (core number 1): it sits on a chain or tree-like branch."
                ));
            }
            if close[v] <= threshold {
                reasons.push(PeripheryReason::LowCloseness {
                    closeness: close[v],
                    threshold,
                });
                words.push(format!(
                    "{name} is among the 10% of connected organizations farthest from the rest \
                     (closeness {:.3}, threshold {:.3}).",
                    close[v], threshold
                ));
            }
        }
        if !reasons.is_empty() {
            out.push(PeripheralOrganization {
                node: vn,
                reasons,
                explanation: words,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Articulation points and bridges

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
    /// Plain-language explanation.
    pub explanation: String,
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
    /// Plain-language explanation.
    pub explanation: String,
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
/// A [`CutPoints`] with node lists and plain-language explanations.
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
    let mut comp_of = vec![0u32; n]; // root of each node's component
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
        let all: Vec<Node> = cut_off.iter().flatten().copied().collect();
        let explanation = format!(
            "Without {}, {} ({}) would lose every path to the other {} organizations of its \
             component.",
            net.organization(node(v)).name,
            plural(cut_off_total, "organization", "organizations"),
            names(net, &all),
            remaining
        );
        aps.push(ArticulationPoint {
            node: node(v),
            component_size: comp_size,
            remaining,
            cut_off,
            cut_off_sizes,
            cut_off_total,
            explanation,
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
        let explanation = format!(
            "The tie between {} and {} is the only link between {} ({}) and the other {} \
             organizations.",
            net.organization(near).name,
            net.organization(far).name,
            plural(small_size, "organization", "organizations"),
            names(net, &small),
            comp_size - small_size
        );
        bridges.push(Bridge {
            u: near,
            v: far,
            smaller_side_size: small_size,
            larger_side_size: comp_size - small_size,
            smaller_side: small,
            explanation,
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

// ---------------------------------------------------------------------------------------
// Structural holes

/// Burt's structural-hole measures for every organization.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructuralHoles {
    /// Constraint C_i (NaN for isolates).
    pub constraint: Vec<f64>,
    /// Effective size E_i (NaN for isolates).
    pub effective_size: Vec<f64>,
    /// Efficiency E_i / degree_i (NaN for isolates).
    pub efficiency: Vec<f64>,
    /// Hierarchy H_i (NaN for degree < 2).
    pub hierarchy: Vec<f64>,
}

/// Per-thread scratch for the structural-hole kernel.
struct HoleScratch {
    pos: Vec<u32>,
    indirect: Vec<f64>,
    redundancy: Vec<f64>,
}

impl HoleScratch {
    fn new(n: usize) -> Self {
        HoleScratch {
            pos: vec![NONE; n],
            indirect: Vec::new(),
            redundancy: Vec::new(),
        }
    }
}

/// Computes (constraint, effective size, hierarchy) of `v`; `want_es` skips effective size.
fn holes_of(
    net: &Network,
    strength: &[f64],
    max_w: &[f64],
    weighted: bool,
    v: usize,
    want_all: bool,
    s: &mut HoleScratch,
) -> (f64, f64, f64) {
    let vn = node(v);
    let ns = net.neighbors(vn);
    let k = ns.len();
    if k == 0 {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let wv = net.neighbor_weights(vn);
    let w_of = |w: f64| if weighted { w } else { 1.0 };
    for (i, &u) in ns.iter().enumerate() {
        s.pos[u as usize] = i as u32;
    }
    s.indirect.clear();
    s.indirect.resize(k, 0.0);
    s.redundancy.clear();
    s.redundancy.resize(k, 0.0);
    let sv = strength[v];
    for (qi, (&q, &wvq)) in ns.iter().zip(wv).enumerate() {
        let p_vq = w_of(wvq) / sv;
        let sq = strength[q as usize];
        let mut red = 0.0;
        for (&j, &wqj) in net.neighbors(q).iter().zip(net.neighbor_weights(q)) {
            let pj = s.pos[j as usize];
            if pj == NONE {
                continue;
            }
            let wqj = w_of(wqj);
            s.indirect[pj as usize] += p_vq * wqj / sq;
            if want_all {
                // Redundancy of q: Σ_j p_vj · m_qj with m_qj = w_qj / max_x w_qx.
                red += w_of(wv[pj as usize]) / sv * wqj;
            }
        }
        if want_all {
            s.redundancy[qi] = red / max_w[q as usize];
        }
    }
    let mut c_total = 0.0;
    for (j, &wvj) in wv.iter().enumerate() {
        let c = w_of(wvj) / sv + s.indirect[j];
        let c = c * c;
        s.indirect[j] = c; // now the local constraint c_vj
        c_total += c;
    }
    let mut es = f64::NAN;
    let mut hier = f64::NAN;
    if want_all {
        es = s.redundancy.iter().map(|r| 1.0 - r).sum();
        if k >= 2 {
            let kf = k as f64;
            let mean = c_total / kf;
            let sum: f64 = s
                .indirect
                .iter()
                .map(|&c| {
                    let r = c / mean;
                    if r > 0.0 {
                        r * r.ln()
                    } else {
                        0.0
                    }
                })
                .sum();
            hier = sum / (kf * kf.ln());
        }
    }
    for &u in ns {
        s.pos[u as usize] = NONE;
    }
    (c_total, es, hier)
}

fn strengths(net: &Network, weighted: bool) -> (Vec<f64>, Vec<f64>) {
    let n = net.node_count();
    let mut strength = vec![0.0; n];
    let mut max_w = vec![0.0f64; n];
    for v in 0..n {
        let ws = net.neighbor_weights(node(v));
        if weighted {
            strength[v] = ws.iter().sum();
            max_w[v] = ws.iter().copied().fold(0.0, f64::max);
        } else {
            strength[v] = ws.len() as f64;
            max_w[v] = if ws.is_empty() { 0.0 } else { 1.0 };
        }
    }
    (strength, max_w)
}

/// Burt's constraint of every organization.
///
/// C_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i), q ≠ i, j} p_iq · p_qj)², with
/// p_ij = w_ij / Σ_{k ∈ N(i)} w_ik the proportion of i's tie weight invested in j (w: collapsed
/// tie weight, or 1 for every tie when `weighted` is false; N(i): neighbours of i). High
/// constraint: i's contacts are few and tied to each other; low: i spans structural holes.
///
/// # Arguments
/// * `net` — the network.
/// * `weighted` — use collapsed tie weights (`true`) or treat every tie as weight 1.
///
/// # Returns
/// C_i per node; NaN for isolates (as NetworkX).
///
/// # Complexity
/// O(Σ_q deg(q)²) time (each neighbour's adjacency is scanned once per ego), run in parallel
/// over egos with per-thread scratch (results do not depend on the thread count);
/// O(n) extra memory per thread.
///
/// # Reference
/// R. S. Burt, *Structural Holes* (1992). Same convention as NetworkX
/// `constraint(G, weight="weight")` (or `weight=None` when `weighted` is false).
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::constraint;
/// use puentes_analysis::network::Network;
/// // Star with centre 0 and three leaves: the centre has p = 1/3 to each leaf → 3·(1/3)² = 1/3;
/// // a leaf invests everything in the centre → 1.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let c = constraint(&net, true);
/// assert!((c[0] - 1.0 / 3.0).abs() < 1e-12);
/// assert!((c[1] - 1.0).abs() < 1e-12);
/// ```
pub fn constraint(net: &Network, weighted: bool) -> Vec<f64> {
    let n = net.node_count();
    let (strength, max_w) = strengths(net, weighted);
    (0..n)
        .into_par_iter()
        .map_init(
            || HoleScratch::new(n),
            |s, v| holes_of(net, &strength, &max_w, weighted, v, false, s).0,
        )
        .collect()
}

/// Burt's structural-hole measures: constraint, effective size, efficiency and hierarchy.
///
/// With N(i) the neighbours of i, k_i = |N(i)|, w_ij the tie weight (1 for every tie when
/// `weighted` is false), p_ij = w_ij / Σ_{k∈N(i)} w_ik and m_jq = w_jq / max_x w_jx:
/// * constraint C_i = Σ_{j∈N(i)} c_ij, c_ij = (p_ij + Σ_{q∈N(i), q≠j} p_iq p_qj)²
///   (see [`constraint`]);
/// * effective size E_i = Σ_{j∈N(i)} (1 − Σ_{q∈N(i), q≠j} p_iq m_jq); without weights this
///   equals Borgatti's simplification k_i − 2t_i/k_i (t_i: ties among i's contacts), which is
///   what NetworkX uses for unweighted undirected graphs;
/// * efficiency = E_i / k_i;
/// * hierarchy (Burt 1992, p. 71; NetworkX has none)
///   H_i = Σ_{j∈N(i)} (r_ij ln r_ij) / (k_i ln k_i), r_ij = c_ij / (C_i / k_i): 0 when all
///   contacts constrain i equally, approaching 1 when one contact holds all the constraint.
///
/// Isolates get NaN for all four (NetworkX returns NaN for constraint and effective size of
/// isolates); hierarchy is also NaN for k_i = 1, where it is 0/0.
///
/// # Arguments
/// * `net` — the network.
/// * `weighted` — use collapsed tie weights or treat every tie as 1.
///
/// # Returns
/// A [`StructuralHoles`] with one value per node in each vector.
///
/// # Complexity
/// O(Σ_q deg(q)²) time, parallel over egos (deterministic); O(n) extra memory per thread.
///
/// # Reference
/// R. S. Burt, *Structural Holes* (1992); S. P. Borgatti, "Structural holes: unpacking Burt's
/// redundancy measures", Connections 20 (1997). Same conventions as NetworkX
/// `constraint(G, weight=...)` and `effective_size(G, weight=...)`.
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::structural_holes;
/// use puentes_analysis::network::Network;
/// // Star with centre 0 and three unconnected leaves: effective size 3, efficiency 1,
/// // hierarchy 0 (all leaves constrain equally).
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let h = structural_holes(&net, false);
/// assert!((h.effective_size[0] - 3.0).abs() < 1e-12);
/// assert!((h.efficiency[0] - 1.0).abs() < 1e-12);
/// assert!(h.hierarchy[0].abs() < 1e-12);
/// assert!(h.hierarchy[1].is_nan());
/// ```
pub fn structural_holes(net: &Network, weighted: bool) -> StructuralHoles {
    let n = net.node_count();
    let (strength, max_w) = strengths(net, weighted);
    let all: Vec<(f64, f64, f64)> = (0..n)
        .into_par_iter()
        .map_init(
            || HoleScratch::new(n),
            |s, v| holes_of(net, &strength, &max_w, weighted, v, true, s),
        )
        .collect();
    let mut out = StructuralHoles {
        constraint: Vec::with_capacity(n),
        effective_size: Vec::with_capacity(n),
        efficiency: Vec::with_capacity(n),
        hierarchy: Vec::with_capacity(n),
    };
    for (v, (c, e, h)) in all.into_iter().enumerate() {
        out.constraint.push(c);
        out.effective_size.push(e);
        out.efficiency.push(e / net.degree(node(v)) as f64);
        out.hierarchy.push(h);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Brokerage

/// One value per Gould–Fernandez brokerage role, for a broker b on a two-path a → b → c.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Roles<T> {
    /// Coordinator (w_I): a, b, c all in the same group.
    pub coordinator: T,
    /// Itinerant / consultant (w_O): a and c in one group, b in another.
    pub itinerant: T,
    /// Representative (b_OI in Gould–Fernandez): a and b in one group, c in another — b
    /// carries its group's message out.
    pub representative: T,
    /// Gatekeeper (b_IO in Gould–Fernandez): b and c in one group, a in another — b controls
    /// what comes into its group.
    pub gatekeeper: T,
    /// Liaison (b_O): a, b, c in three different groups.
    pub liaison: T,
    /// All open two-paths through b.
    pub total: T,
}

/// Gould–Fernandez brokerage of every organization.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brokerage {
    /// Raw counts per node.
    pub raw: Vec<Roles<u64>>,
    /// Expected counts per node under random group assignment (depends on the node's group).
    pub expected: Vec<Roles<f64>>,
    /// raw / expected (NaN when the expectation is 0).
    pub normalized: Vec<Roles<f64>>,
    /// Density of the deduplicated directed view, d = arcs / (n (n − 1)).
    pub density: f64,
}

/// Gould–Fernandez brokerage roles on the directed view, for any grouping.
///
/// For each broker b, every open two-path a → b → c (a ≠ c, arcs a→b and b→c present, arc
/// a→c absent) is counted in one role by the groups g(·): coordinator g(a)=g(b)=g(c);
/// itinerant g(a)=g(c)≠g(b); representative g(a)=g(b)≠g(c); gatekeeper g(a)≠g(b)=g(c);
/// liaison all three different.
///
/// Expected counts (Gould & Fernandez 1989, as in R sna `brokerage`): with d the density of
/// the directed view, n_b the size of b's group, N the number of nodes and n_g the other
/// groups' sizes, P = d²(1−d) (the chance that a given ordered triple is an open two-path):
/// coordinator P(n_b−1)(n_b−2); itinerant P Σ_{g≠b} n_g(n_g−1); representative and gatekeeper
/// P(N−n_b)(n_b−1); liaison P[(Σ_{g≠b} n_g)² − Σ_{g≠b} n_g²]; total P(N−1)(N−2).
///
/// Repeated arcs (several ties reported by the same side) count once; self-arcs are ignored.
///
/// # Arguments
/// * `net` — the network; its [`Network::arcs`] are the directed view.
/// * `groups` — a group id per node (e.g. a country index, or a community from
///   [`crate::community`]); put organizations with a missing attribute in a group of
///   their own if they should count as different from everyone.
///
/// # Returns
/// A [`Brokerage`] with raw counts, expected counts and their ratio per node.
///
/// # Panics
/// If `groups.len() != net.node_count()`.
///
/// # Complexity
/// O(Σ_b indeg(b)·outdeg(b)·log outdeg) time, parallel over brokers (integer counts:
/// deterministic); O(n + arcs) memory.
///
/// # Reference
/// R. V. Gould, R. M. Fernandez, "Structures of mediation: a formal approach to brokerage in
/// transaction networks", Sociological Methodology 19 (1989) 89–126. Same counts as R sna
/// `brokerage(g, cl)` (whose documentation swaps the names of b_IO and b_OI; the
/// definitions above follow the paper).
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::brokerage;
/// use puentes_analysis::network::Network;
/// // 0 → 1 → 2, with 0 and 1 in group 0 and 2 in group 1: 1 is a representative.
/// let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
/// let b = brokerage(&net, &[0, 0, 1]);
/// assert_eq!(b.raw[1].representative, 1);
/// assert_eq!(b.raw[1].total, 1);
/// ```
pub fn brokerage(net: &Network, groups: &[u32]) -> Brokerage {
    let n = net.node_count();
    assert_eq!(groups.len(), n, "one group per node");
    let mut arcs: Vec<(Node, Node)> = net
        .arcs()
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
        .collect();
    arcs.sort_unstable();
    arcs.dedup();
    let csr = |pairs: &[(Node, Node)]| {
        let mut off = vec![0usize; n + 1];
        for &(a, _) in pairs {
            off[a as usize + 1] += 1;
        }
        for i in 0..n {
            off[i + 1] += off[i];
        }
        let mut fill = off.clone();
        let mut tg = vec![0; pairs.len()];
        for &(a, b) in pairs {
            tg[fill[a as usize]] = b;
            fill[a as usize] += 1;
        }
        (off, tg)
    };
    let (out_off, out_t) = csr(&arcs); // sorted per source (arcs sorted)
    let rev: Vec<(Node, Node)> = {
        let mut r: Vec<(Node, Node)> = arcs.iter().map(|&(a, b)| (b, a)).collect();
        r.sort_unstable();
        r
    };
    let (in_off, in_t) = csr(&rev);
    let outs = |v: usize| &out_t[out_off[v]..out_off[v + 1]];
    let ins = |v: usize| &in_t[in_off[v]..in_off[v + 1]];
    let raw: Vec<Roles<u64>> = (0..n)
        .into_par_iter()
        .map(|b| {
            let mut r = Roles::<u64>::default();
            let gb = groups[b];
            for &a in ins(b) {
                let ga = groups[a as usize];
                let a_out = outs(a as usize);
                for &c in outs(b) {
                    if c == a || a_out.binary_search(&c).is_ok() {
                        continue;
                    }
                    let gc = groups[c as usize];
                    r.total += 1;
                    match (ga == gb, gb == gc, ga == gc) {
                        (true, true, _) => r.coordinator += 1,
                        (false, false, true) => r.itinerant += 1,
                        (true, false, _) => r.representative += 1,
                        (false, true, _) => r.gatekeeper += 1,
                        (false, false, false) => r.liaison += 1,
                    }
                }
            }
            r
        })
        .collect();
    // Group sizes.
    let mut sizes: BTreeMap<u32, f64> = BTreeMap::new();
    for &g in groups {
        *sizes.entry(g).or_insert(0.0) += 1.0;
    }
    let nf = n as f64;
    let density = if n > 1 {
        arcs.len() as f64 / (nf * (nf - 1.0))
    } else {
        0.0
    };
    let p = density * density * (1.0 - density);
    let sum_all: f64 = sizes.values().sum();
    let sum_sq: f64 = sizes.values().map(|x| x * x).sum();
    let sum_pairs: f64 = sizes.values().map(|x| x * (x - 1.0)).sum();
    let expected_for = |g: u32| -> Roles<f64> {
        let nb = sizes.get(&g).copied().unwrap_or(0.0);
        let others = sum_all - nb;
        let others_sq = sum_sq - nb * nb;
        let rep = p * (nf - nb) * (nb - 1.0);
        Roles {
            coordinator: p * (nb - 1.0) * (nb - 2.0),
            itinerant: p * (sum_pairs - nb * (nb - 1.0)),
            representative: rep,
            gatekeeper: rep,
            liaison: p * (others * others - others_sq),
            total: p * (nf - 1.0) * (nf - 2.0),
        }
    };
    let ratio = |x: u64, e: f64| if e > 0.0 { x as f64 / e } else { f64::NAN };
    let expected: Vec<Roles<f64>> = groups.iter().map(|&g| expected_for(g)).collect();
    let normalized = raw
        .iter()
        .zip(&expected)
        .map(|(r, e)| Roles {
            coordinator: ratio(r.coordinator, e.coordinator),
            itinerant: ratio(r.itinerant, e.itinerant),
            representative: ratio(r.representative, e.representative),
            gatekeeper: ratio(r.gatekeeper, e.gatekeeper),
            liaison: ratio(r.liaison, e.liaison),
            total: ratio(r.total, e.total),
        })
        .collect();
    Brokerage {
        raw,
        expected,
        normalized,
        density,
    }
}

// ---------------------------------------------------------------------------------------
// Community gap matrix

/// Ties between two communities (or inside one) against what their sizes predict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunityPair {
    /// First community.
    pub a: u32,
    /// Second community (`a <= b`; `a == b` for ties inside one community).
    pub b: u32,
    /// Possible ties: n_a·n_b, or n_a(n_a−1)/2 when a = b.
    pub possible: f64,
    /// Observed ties (collapsed edges).
    pub observed: u64,
    /// Total weight of those ties.
    pub observed_weight: f64,
    /// Expected ties if ties were spread evenly: overall density × possible.
    pub expected: f64,
    /// observed / expected (NaN when expected is 0).
    pub ratio: f64,
    /// Configuration-model expectation from the communities' degree sums:
    /// D_a·D_b / 2M (a ≠ b) or D_a² / 4M (a = b).
    pub expected_by_degree: f64,
    /// Plain-language explanation.
    pub explanation: String,
}

/// The community × community tie matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunityGaps {
    /// Size of each community.
    pub sizes: Vec<usize>,
    /// Overall density 2M / (n(n−1)).
    pub density: f64,
    /// `observed[a][b]`: ties between communities a and b (symmetric; diagonal = inside).
    pub observed: Vec<Vec<u64>>,
    /// `expected[a][b]`: density × possible pairs.
    pub expected: Vec<Vec<f64>>,
    /// Pairs of different communities, least connected first (ratio ascending, then larger
    /// expected first, then by ids).
    pub least_connected: Vec<CommunityPair>,
    /// Each community's own pair (a = b), in community order.
    pub inside: Vec<CommunityPair>,
}

/// Community × community tie density against what community sizes predict.
///
/// For communities a ≠ b of sizes n_a, n_b: possible ties P_ab = n_a·n_b, observed O_ab =
/// number of ties (collapsed edges) with one end in each, expected E_ab = δ·P_ab where
/// δ = 2M / (n(n−1)) is the overall density (M ties, n organizations), and the ratio O/E
/// (1 = as connected as the network on average, 0 = no tie at all). Inside a community
/// P_aa = n_a(n_a−1)/2. The configuration-model expectation D_a·D_b/2M (D: sum of degrees)
/// is given too, for readers who want degree-corrected gaps (it is what modularity uses);
/// the ranking uses the density ratio because planners read "how many of the possible
/// partnerships exist".
///
/// # Arguments
/// * `net` — the network.
/// * `membership` — community per node, labels `0..k` (e.g. [`crate::community::Partition`]).
///
/// # Returns
/// A [`CommunityGaps`] with the matrices and the pairs ranked from least connected.
///
/// # Panics
/// If `membership.len() != net.node_count()`.
///
/// # Complexity
/// O(n + m + k²) time and O(k²) memory for k communities.
///
/// # Reference
/// Block densities of a blockmodel: S. Wasserman, K. Faust, *Social Network Analysis* (1994),
/// ch. 10; configuration expectation as in M. E. J. Newman's modularity (2006).
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::community_gaps;
/// use puentes_analysis::network::Network;
/// // Two triangles joined by one tie: density 7/15; between them 1 of 9 possible ties.
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
/// let g = community_gaps(&net, &[0, 0, 0, 1, 1, 1]);
/// let pair = &g.least_connected[0];
/// assert_eq!(pair.observed, 1);
/// assert!((pair.expected - 9.0 * 7.0 / 15.0).abs() < 1e-12);
/// ```
pub fn community_gaps(net: &Network, membership: &[u32]) -> CommunityGaps {
    let n = net.node_count();
    assert_eq!(membership.len(), n, "one community per node");
    let k = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut sizes = vec![0usize; k];
    let mut deg_sum = vec![0.0; k];
    for (v, &c) in membership.iter().enumerate() {
        sizes[c as usize] += 1;
        deg_sum[c as usize] += net.degree(node(v)) as f64;
    }
    let mut observed = vec![vec![0u64; k]; k];
    let mut weight = vec![vec![0.0; k]; k];
    let mut m = 0u64;
    for (u, v, w) in net.edges() {
        let (a, b) = (
            membership[u as usize] as usize,
            membership[v as usize] as usize,
        );
        m += 1;
        observed[a][b] += 1;
        weight[a][b] += w;
        if a != b {
            observed[b][a] += 1;
            weight[b][a] += w;
        }
    }
    let nf = n as f64;
    let density = if n > 1 {
        2.0 * m as f64 / (nf * (nf - 1.0))
    } else {
        0.0
    };
    let mf = m as f64;
    let mut expected = vec![vec![0.0; k]; k];
    let mut least = Vec::new();
    let mut inside = Vec::new();
    for a in 0..k {
        for b in a..k {
            let (na, nb) = (sizes[a] as f64, sizes[b] as f64);
            let possible = if a == b {
                na * (na - 1.0) / 2.0
            } else {
                na * nb
            };
            let e = density * possible;
            expected[a][b] = e;
            expected[b][a] = e;
            let by_degree = if mf == 0.0 {
                0.0
            } else if a == b {
                deg_sum[a] * deg_sum[a] / (4.0 * mf)
            } else {
                deg_sum[a] * deg_sum[b] / (2.0 * mf)
            };
            let o = observed[a][b];
            let ratio = if e > 0.0 { o as f64 / e } else { f64::NAN };
            let explanation = if a == b {
                format!(
                    "Community {a} ({} organizations) has {o} of {possible} possible internal \
                     ties; the network's average density predicts {e:.1}.",
                    sizes[a]
                )
            } else {
                format!(
                    "Communities {a} ({} organizations) and {b} ({} organizations) share {o} \
                     ties out of {possible} possible; the network's average density predicts \
                     {e:.1} ({:.0}% of that).",
                    sizes[a],
                    sizes[b],
                    100.0 * ratio
                )
            };
            let pair = CommunityPair {
                a: a as u32,
                b: b as u32,
                possible,
                observed: o,
                observed_weight: weight[a][b],
                expected: e,
                ratio,
                expected_by_degree: by_degree,
                explanation,
            };
            if a == b {
                inside.push(pair);
            } else {
                least.push(pair);
            }
        }
    }
    least.sort_by(|x, y| {
        x.ratio
            .total_cmp(&y.ratio)
            .then(y.expected.total_cmp(&x.expected))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    CommunityGaps {
        sizes,
        density,
        observed,
        expected,
        least_connected: least,
        inside,
    }
}

// ---------------------------------------------------------------------------------------
// Service reachability

/// How close an organization is to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// It offers the service itself.
    Offers,
    /// A direct partner offers it.
    OneTie,
    /// A partner of a partner offers it.
    TwoTies,
    /// No organization within two ties offers it.
    Unreachable,
}

/// A region's organizations lacking a service within two ties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionGap {
    /// Country code.
    pub country: String,
    /// Region (may be empty).
    pub region: String,
    /// Organizations of the region with no path of ≤ 2 ties to the service.
    pub lacking: usize,
    /// Organizations in the region.
    pub total: usize,
}

/// Who lacks one service within two ties.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceGap {
    /// The service.
    pub service: Service,
    /// Number of organizations offering it.
    pub offered_by: usize,
    /// Organizations with no path of ≤ 2 ties to an organization offering it, ascending.
    pub organizations: Vec<Node>,
    /// Regions with at least one such organization, most lacking first.
    pub regions: Vec<RegionGap>,
    /// Plain-language explanation.
    pub explanation: String,
}

/// Service reachability for every organization and service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceReach {
    /// The services, in vocabulary order ([`Service::ALL`]); columns of `reach`.
    pub services: Vec<Service>,
    /// `reach[v][s]`: how close node v is to `services[s]`.
    pub reach: Vec<Vec<Reach>>,
    /// One entry per service that some organization cannot reach within two ties.
    pub gaps: Vec<ServiceGap>,
}

/// For each organization and service: does it offer the service, or can it reach an
/// organization that does through one or two ties?
///
/// With S(v) the services v offers: reach(v, s) = offers if s ∈ S(v); one tie if
/// s ∈ S(u) for a neighbour u; two ties if s ∈ S(x) for a neighbour x of a neighbour;
/// unreachable otherwise.
///
/// # Arguments
/// * `net` — the network with its organizations' `services`.
///
/// # Returns
/// A [`ServiceReach`]: the per-organization table and, per service, the organizations and
/// regions (country, region) with no path of ≤ 2 ties to it.
///
/// # Complexity
/// O(n + m) time with one bit mask per node (services ≤ 32), O(n · |services|) output.
///
/// # Reference
/// Two-step reach: S. P. Borgatti, "Identifying sets of key players in a social network",
/// Comput. Math. Organ. Theory 12 (2006) — distance-2 reach per service.
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::{service_reach, Reach};
/// use puentes_analysis::model::*;
/// use puentes_analysis::network::Network;
/// let mut a = Organization::bare("a");
/// a.services = vec![Service::Shelter];
/// let tie = |s: &str, t: &str| Tie { source: s.into(), target: t.into(),
///     kind: TieKind::Referral, strength: 1, since: Some(2020), until: None,
///     reported_by: ReportedBy::Both };
/// let data = NetworkData {
///     organizations: vec![a, Organization::bare("b"), Organization::bare("c"),
///                         Organization::bare("d")],
///     ties: vec![tie("a", "b"), tie("b", "c"), tie("c", "d")],
/// };
/// let r = service_reach(&Network::new(&data));
/// let shelter = 1; // index of Service::Shelter in Service::ALL
/// assert_eq!(r.reach[2][shelter], Reach::TwoTies);
/// assert_eq!(r.reach[3][shelter], Reach::Unreachable);
/// ```
pub fn service_reach(net: &Network) -> ServiceReach {
    let services: Vec<Service> = Service::ALL.to_vec();
    assert!(services.len() <= 32, "service masks are 32 bits");
    let n = net.node_count();
    let bit = |s: Service| {
        1u32 << services
            .iter()
            .position(|&x| x == s)
            .expect("every service is in Service::ALL")
    };
    let own: Vec<u32> = net
        .organizations()
        .iter()
        .map(|o| o.services.iter().fold(0, |m, &s| m | bit(s)))
        .collect();
    let one: Vec<u32> = (0..n)
        .map(|v| {
            net.neighbors(node(v))
                .iter()
                .fold(0, |m, &u| m | own[u as usize])
        })
        .collect();
    let two: Vec<u32> = (0..n)
        .map(|v| {
            net.neighbors(node(v))
                .iter()
                .fold(0, |m, &u| m | one[u as usize])
        })
        .collect();
    let reach: Vec<Vec<Reach>> = (0..n)
        .map(|v| {
            (0..services.len())
                .map(|i| {
                    let b = 1u32 << i;
                    if own[v] & b != 0 {
                        Reach::Offers
                    } else if one[v] & b != 0 {
                        Reach::OneTie
                    } else if two[v] & b != 0 {
                        Reach::TwoTies
                    } else {
                        Reach::Unreachable
                    }
                })
                .collect()
        })
        .collect();
    let mut region_total: BTreeMap<(String, String), usize> = BTreeMap::new();
    for o in net.organizations() {
        *region_total
            .entry((o.country.clone(), o.region.clone()))
            .or_insert(0) += 1;
    }
    let mut gaps = Vec::new();
    for (i, &service) in services.iter().enumerate() {
        let lacking: Vec<Node> = (0..n)
            .filter(|&v| reach[v][i] == Reach::Unreachable)
            .map(node)
            .collect();
        if lacking.is_empty() {
            continue;
        }
        let offered_by = (0..n).filter(|&v| own[v] & (1 << i) != 0).count();
        let mut per_region: BTreeMap<(String, String), usize> = BTreeMap::new();
        for &v in &lacking {
            let o = net.organization(v);
            *per_region
                .entry((o.country.clone(), o.region.clone()))
                .or_insert(0) += 1;
        }
        let mut regions: Vec<RegionGap> = per_region
            .into_iter()
            .map(|((country, region), lacking)| RegionGap {
                total: region_total
                    .get(&(country.clone(), region.clone()))
                    .copied()
                    .unwrap_or(lacking),
                country,
                region,
                lacking,
            })
            .collect();
        regions.sort_by_key(|r| std::cmp::Reverse(r.lacking));
        let explanation = if offered_by == 0 {
            format!(
                "No organization in the network offers {service}; all {} organizations lack it.",
                lacking.len()
            )
        } else {
            format!(
                "{} ({}) cannot reach any of the {} offering {service} through two ties or \
                 fewer.",
                plural(lacking.len(), "organization", "organizations"),
                names(net, &lacking),
                plural(offered_by, "organization", "organizations")
            )
        };
        gaps.push(ServiceGap {
            service,
            offered_by,
            organizations: lacking,
            regions,
            explanation,
        });
    }
    ServiceReach {
        services,
        reach,
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::small_graphs::{path, unit, TWO_TRIANGLES};

    #[test]
    fn core_numbers_by_hand() {
        // K4 (0-3), a chain 3-4-5 into a triangle 5-6-7, an isolate 8 and a pendant 9 on 0.
        // Node 4 has degree 2 and both its neighbours survive in the 2-core, so it is in the
        // 2-core too; the pendant has core 1, the isolate 0.
        let mut e = vec![];
        for a in 0..4 {
            for b in a + 1..4 {
                e.push((a, b, 1.0));
            }
        }
        e.extend([
            (3, 4, 1.0),
            (4, 5, 1.0),
            (5, 6, 1.0),
            (6, 7, 1.0),
            (5, 7, 1.0),
            (0, 9, 1.0),
        ]);
        let net = Network::from_edges(10, &e);
        assert_eq!(core_numbers(&net), vec![3, 3, 3, 3, 2, 2, 2, 2, 0, 1]);
    }

    #[test]
    fn closeness_by_hand() {
        // Path 0-1-2: centre 2/2 = 1; ends (2/3)... n = 3, r = 3: (2/2)·(2/3).
        let c = closeness(&path(3));
        assert_close!(c[1], 1.0, 1e-12);
        assert_close!(c[0], 2.0 / 3.0, 1e-12);
        // Disconnected: edge 0-1 plus isolate 2: r = 2, n = 3 → (1/2)·(1/1).
        let c = closeness(&Network::from_edges(3, &[(0, 1, 1.0)]));
        assert_close!(c[0], 0.5, 1e-12);
        assert_close!(c[2], 0.0, 1e-12);
    }

    #[test]
    fn periphery_reasons() {
        // Path of 12: the two ends are pendants; interior nodes have core 1 and degree 2.
        let net = path(12);
        let f = peripheral_organizations(&net, Some(&[0; 12]));
        assert_eq!(f.len(), 12);
        // Ends: pendant, only inside community, lowest closeness.
        assert_eq!(f[0].reasons[0], PeripheryReason::Pendant { neighbor: 1 });
        assert!(matches!(
            f[0].reasons[1],
            PeripheryReason::OnlyInsideCommunity {
                community: 0,
                degree: 1
            }
        ));
        // n' = 12 → ⌈1.2⌉ = 2nd smallest closeness; the two ends share it.
        assert!(matches!(
            f[0].reasons[2],
            PeripheryReason::LowCloseness { .. }
        ));
        assert!(matches!(
            f[5].reasons[1],
            PeripheryReason::LowCoreness { core: 1 }
        ));
        assert_eq!(f[5].reasons.len(), 2);
        assert_eq!(f[0].explanation.len(), f[0].reasons.len());
        // K5: nobody is flagged except for closeness ties (all equal → all in bottom decile).
        let mut e = vec![];
        for a in 0..5 {
            for b in a + 1..5 {
                e.push((a, b, 1.0));
            }
        }
        let f = peripheral_organizations(&Network::from_edges(5, &e), Some(&[0, 0, 1, 1, 1]));
        assert!(f.iter().all(|p| p
            .reasons
            .iter()
            .all(|r| matches!(r, PeripheryReason::LowCloseness { .. }))));
    }

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

    #[test]
    fn structural_holes_by_hand() {
        // Triangle 0-1-2 plus pendant 3 on 0, unweighted.
        // Node 0: N = {1,2,3}, p = 1/3 each. p_12 = 1/2 (1's ties: 0, 2), p_21 = 1/2.
        // c_01 = (1/3 + p_02 p_21)² = (1/3 + 1/6)² = 1/4; c_02 = 1/4; c_03 = (1/3)² = 1/9.
        // C_0 = 1/2 + 1/9 = 11/18.
        // ES_0 (Borgatti): 3 − 2·1/3 = 7/3. Efficiency 7/9.
        // Hierarchy: mean = 11/54; r = (27/22, 27/22, 6/11).
        let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        let h = structural_holes(&net, false);
        assert_close!(h.constraint[0], 11.0 / 18.0, 1e-12);
        assert_close!(h.effective_size[0], 7.0 / 3.0, 1e-12);
        assert_close!(h.efficiency[0], 7.0 / 9.0, 1e-12);
        let r = [27.0f64 / 22.0, 27.0 / 22.0, 6.0 / 11.0];
        let expect: f64 = r.iter().map(|x| x * x.ln()).sum::<f64>() / (3.0 * 3.0f64.ln());
        assert_close!(h.hierarchy[0], expect, 1e-12);
        // Node 1: N = {0,2}, p = 1/2; p_02 = 1/3, p_20 = 1/2.
        // c_10 = (1/2 + 1/2·1/2)² = 9/16; c_12 = (1/2 + 1/2·1/3)² = 4/9.
        assert_close!(h.constraint[1], 9.0 / 16.0 + 4.0 / 9.0, 1e-12);
        // Pendant: C = 1, ES = 1, hierarchy undefined.
        assert_close!(h.constraint[3], 1.0, 1e-12);
        assert_close!(h.effective_size[3], 1.0, 1e-12);
        assert!(h.hierarchy[3].is_nan());
        assert_eq!(constraint(&net, false), h.constraint);
        // Isolates are NaN.
        let h = structural_holes(&Network::from_edges(2, &[]), true);
        assert!(h.constraint[0].is_nan() && h.effective_size[0].is_nan());
    }

    #[test]
    fn parallel_results_do_not_depend_on_thread_count() {
        let mut e = Vec::new();
        for a in 0..200u32 {
            for k in 1..6u32 {
                let b = (a * 7 + k * 13) % 200;
                e.push((a, b, f64::from(1 + (a + k) % 5)));
            }
        }
        let net = Network::from_edges(200, &e);
        let groups: Vec<u32> = (0..200).map(|v| v % 4).collect();
        let run = |threads: usize| {
            crate::on_threads(threads, || {
                (
                    structural_holes(&net, true),
                    closeness(&net),
                    brokerage(&net, &groups).raw,
                )
            })
        };
        assert_eq!(run(1), run(2));
    }

    #[test]
    fn weighted_structural_holes_by_hand() {
        // Path 1 - 0 - 2 with w01 = 3, w02 = 1, plus 1-2 with weight 2.
        // s0 = 4, s1 = 5, s2 = 3. p01 = 3/4, p02 = 1/4, p12 = 2/5, p21 = 2/3.
        // c_01 = (3/4 + 1/4·2/3)² = (11/12)²; c_02 = (1/4 + 3/4·2/5)² = (11/20)².
        // ES_0 = Σ_j (1 − Σ_q p_0q m_jq): m_12 = 2/max(3,2) = 2/3, m_21 = 2/max(1,2) = 1.
        // j=1: 1 − p02·m12 = 1 − 1/6; j=2: 1 − p01·m21 = 1 − 3/4. ES_0 = 13/12.
        let net = Network::from_edges(3, &[(0, 1, 3.0), (0, 2, 1.0), (1, 2, 2.0)]);
        let h = structural_holes(&net, true);
        let c0 = (11.0f64 / 12.0).powi(2) + (11.0f64 / 20.0).powi(2);
        assert_close!(h.constraint[0], c0, 1e-12);
        assert_close!(h.effective_size[0], 13.0 / 12.0, 1e-12);
        assert_close!(h.efficiency[0], 13.0 / 24.0, 1e-12);
    }

    #[test]
    fn brokerage_hand_example() {
        // Arcs: 0→2, 1→2, 2→3, 2→4, 3→4, 4→2 (repeated 0→2 once more, and a self-arc).
        // Groups: 0:A 1:B 2:A 3:A 4:B.
        // Two-paths through 2 (in {0,1,4}, out {3,4}):
        //   0→2→3: A A A, arc 0→3? no → coordinator
        //   0→2→4: A A B, 0→4? no → representative
        //   1→2→3: B A A, 1→3? no → gatekeeper
        //   1→2→4: B A B, 1→4? no → itinerant
        //   4→2→3: B A A, 4→3? no → gatekeeper
        //   4→2→4: a = c, skipped
        // Through 3 (in {2}, out {4}): 2→3→4 with 2→4 present → closed, not counted.
        // Through 4 (in {2,3}, out {2}): 3→4→2: A B A, 3→2? no → itinerant; 2→4→2 skipped.
        let mut edges = vec![
            (0, 2, 1.0),
            (1, 2, 1.0),
            (2, 3, 1.0),
            (2, 4, 1.0),
            (3, 4, 1.0),
            (4, 2, 1.0),
            (0, 2, 1.0),
        ];
        edges.push((1, 1, 1.0));
        let net = Network::from_edges(5, &edges);
        let b = brokerage(&net, &[0, 1, 0, 0, 1]);
        let r2 = b.raw[2];
        assert_eq!(
            (
                r2.coordinator,
                r2.itinerant,
                r2.representative,
                r2.gatekeeper,
                r2.liaison,
                r2.total
            ),
            (1, 1, 1, 2, 0, 5)
        );
        assert_eq!(b.raw[3].total, 0);
        assert_eq!((b.raw[4].itinerant, b.raw[4].total), (1, 1));
        // Density: 6 distinct arcs / 20. P = d²(1−d) = 0.09·0.7 = 0.063.
        assert_close!(b.density, 0.3, 1e-12);
        // Broker 2 in group A (size 3), other group size 2, N = 5:
        // coordinator P·2·1, itinerant P·2·1, representative P·2·2, liaison P·(4 − 4) = 0.
        let p = 0.063;
        assert_close!(b.expected[2].coordinator, 2.0 * p, 1e-12);
        assert_close!(b.expected[2].itinerant, 2.0 * p, 1e-12);
        assert_close!(b.expected[2].representative, 4.0 * p, 1e-12);
        assert_close!(b.expected[2].total, 12.0 * p, 1e-12);
        assert!(b.normalized[2].liaison.is_nan());
        assert_close!(b.normalized[2].gatekeeper, 2.0 / (4.0 * p), 1e-12);
    }

    #[test]
    fn liaison_needs_three_groups() {
        // 0 → 1 → 2 in groups 0, 1, 2.
        let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        let b = brokerage(&net, &[0, 1, 2]);
        assert_eq!(b.raw[1].liaison, 1);
    }

    #[test]
    fn community_gaps_by_hand() {
        // Two triangles joined by 2-3 plus an isolated third community {6}.
        let net = Network::from_edges(
            7,
            &[
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (2, 3, 2.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
            ],
        );
        let g = community_gaps(&net, &[0, 0, 0, 1, 1, 1, 2]);
        // M = 7, n = 7: density = 14/42 = 1/3.
        assert_close!(g.density, 1.0 / 3.0, 1e-12);
        assert_eq!(g.observed[0][1], 1);
        assert_eq!(g.observed[0][0], 3);
        // Least connected: pairs with community 2 (0 observed, expected 1 each), ties broken
        // by ids; then 0-1 with ratio 1/3.
        let order: Vec<(u32, u32)> = g.least_connected.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(order, vec![(0, 2), (1, 2), (0, 1)]);
        assert_close!(g.least_connected[2].ratio, 1.0 / 3.0, 1e-12);
        assert_close!(g.least_connected[2].observed_weight, 2.0, 1e-12);
        // Degree sums: D0 = 7, D1 = 7; configuration: 49/14 = 3.5.
        assert_close!(g.least_connected[2].expected_by_degree, 3.5, 1e-12);
        assert_close!(g.inside[0].ratio, 3.0, 1e-12);
    }

    #[test]
    fn service_reach_regions() {
        use crate::model::*;
        let mut orgs: Vec<Organization> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|id| Organization::bare(id))
            .collect();
        orgs[0].services = vec![Service::Health];
        for (o, (c, r)) in orgs.iter_mut().zip([
            ("MX", "CHIS"),
            ("MX", "CHIS"),
            ("MX", "CHIS"),
            ("GT", "PET"),
            ("GT", "PET"),
        ]) {
            o.country = c.into();
            o.region = r.into();
        }
        let tie = |s: &str, t: &str| Tie {
            source: s.into(),
            target: t.into(),
            kind: TieKind::Referral,
            strength: 1,
            since: Some(2020),
            until: None,
            reported_by: ReportedBy::Both,
        };
        let data = NetworkData {
            organizations: orgs,
            ties: vec![tie("a", "b"), tie("b", "c"), tie("c", "d")],
        };
        let net = Network::new(&data);
        let r = service_reach(&net);
        let h = Service::ALL
            .iter()
            .position(|&s| s == Service::Health)
            .unwrap_or(0);
        let got: Vec<Reach> = (0..5).map(|v| r.reach[v][h]).collect();
        assert_eq!(
            got,
            vec![
                Reach::Offers,
                Reach::OneTie,
                Reach::TwoTies,
                Reach::Unreachable,
                Reach::Unreachable
            ]
        );
        let gap = r.gaps.iter().find(|g| g.service == Service::Health);
        let gap = gap.expect("health has a gap");
        assert_eq!(gap.organizations, vec![3, 4]);
        assert_eq!(gap.offered_by, 1);
        assert_eq!(
            gap.regions,
            vec![RegionGap {
                country: "GT".into(),
                region: "PET".into(),
                lacking: 2,
                total: 2
            }]
        );
        // Shelter is offered by nobody: everyone lacks it.
        let shelter = r.gaps.iter().find(|g| g.service == Service::Shelter);
        assert_eq!(shelter.map(|g| g.organizations.len()), Some(5));
    }
}
