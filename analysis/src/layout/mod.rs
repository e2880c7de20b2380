//! Layout: where to draw each organization so that the picture shows the network's shape.
//!
//! * [`force_atlas2`]: the force-directed layout of Jacomy et al. (2014), with Barnes–Hut
//!   repulsion, seeded;
//! * [`layout`]: what maps use — each connected component laid out on its own with
//!   [`force_atlas2`], scaled to a mean tie length of 1, turned landscape, its discs pushed
//!   apart, and the components packed in rows, largest first, so isolated organizations sit
//!   in a tidy grid instead of being flung to the edge;
//! * [`community_network`]: one node per community, ties weighted by the ties between
//!   communities — the overview of a network too large to draw organization by organization;
//! * [`ego_network`]: an organization and its neighbours within one or two ties, capped.
//!
//! # Determinism
//! Same network, options and seed give the same coordinates, bit for bit, on every run and
//! for any number of threads: starting positions come from a seeded ChaCha8 stream per
//! component, and every sum is taken in an order that depends only on the network (see
//! `barnes_hut.rs`; forces are computed in parallel, one sequential sum per node, and the
//! global sums are taken in node order). No hash map is iterated.
//!
//! Coordinates have `y` growing downward, as in SVG; a writer for a y-up format (GEXF for
//! Gephi) flips it.
//!
//! # Licence
//! Written for Puentes from the paper; no code of Gephi (GPL) or of the `forceatlas2` crate
//! (AGPL) is used.

mod barnes_hut;
mod force_atlas2;
mod pack;

use crate::components::components;
use crate::network::{node, Network, Node};
use force_atlas2::Graph;

/// A point `[x, y]` in layout units (`y` grows downward).
pub type Point = [f64; 2];

/// The knobs of [`force_atlas2`] and [`layout`]. The defaults are those of the paper and of
/// Gephi's ForceAtlas2 for mid-sized networks, with the seed of every seeded method
/// ([`crate::policy::DEFAULT_SEED`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Seed of the starting positions.
    pub seed: u64,
    /// Steps of the force simulation (per component in [`layout`]).
    pub iterations: usize,
    /// Barnes–Hut accuracy θ: a square of side s at distance d acts as one body when
    /// s / d < θ (0 is exact; 1.2 is Gephi's default).
    pub theta: f64,
    /// Repulsion constant k_r ("scaling" in Gephi).
    pub repulsion: f64,
    /// Gravity constant k_g: pulls every node toward the centre, so no part drifts away.
    pub gravity: f64,
    /// Edge-weight influence δ: a tie of weight w attracts with w^δ (0 ignores weights).
    pub edge_weight_influence: f64,
    /// Jitter tolerance τ of the adaptive speed: higher is faster and less precise.
    pub jitter_tolerance: f64,
    /// [`layout`] only: space left between packed components, in layout units (mean tie
    /// lengths).
    pub component_gap: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            seed: crate::policy::DEFAULT_SEED,
            iterations: 300,
            theta: 1.2,
            repulsion: 2.0,
            gravity: 1.0,
            edge_weight_influence: 1.0,
            jitter_tolerance: 1.0,
            component_gap: 1.0,
        }
    }
}

/// ForceAtlas2: a force-directed layout in which every pair of nodes repels, ties attract
/// and gravity holds the whole together.
///
/// With `m(v) = deg(v) + 1` the mass of node v, `d(u, v)` the distance between u and v and
/// `w_uv` the tie weight, the forces on each node are
///
/// * repulsion from every other node u: `F_r = k_r m(v) m(u) / d(u, v)`, away from u;
/// * attraction along each tie: `F_a = (w_uv^δ / w̄) d(u, v)`, toward u, where `w̄` is the
///   mean of `w^δ` over all ties: weights count relative to the typical tie, so ties all of
///   weight 5 are laid out as ties all of weight 1, and the sums of thousands of ties
///   between communities do not overwhelm the repulsion;
/// * gravity: `F_g = k_g m(v)`, toward the origin.
///
/// Each step moves v by `s(v) F(v)`. The speed adapts (the paper's section "Adaptive local
/// speed"): with `swg(v) = |F_t(v) − F_{t−1}(v)|` (swinging) and
/// `tra(v) = |F_t(v) + F_{t−1}(v)| / 2` (traction), the global speed is
/// `s = τ Σ m(v) tra(v) / Σ m(v) swg(v)`, rising by at most 50 % per step, and the local
/// speed `s(v) = k_s s / (1 + s √swg(v))` with `k_s = 0.1`, capped so no node moves more
/// than `k_smax = 10` units in one step. Repulsion is computed with a Barnes–Hut quadtree:
/// a square of side `ℓ` whose centre of mass is at distance `D` from v, and which does not
/// contain v, acts as one body of the square's total mass when `ℓ / D < θ`.
///
/// Starting positions are uniform in a square of side `10 √n` drawn from a ChaCha8 stream
/// of `opts.seed`. All nodes are laid out together; [`layout`] lays out each component on
/// its own and packs them, which is what maps want.
///
/// # Arguments
/// * `net` — the network (tie weights are the collapsed strengths).
/// * `opts` — constants, iterations and seed ([`LayoutOptions`]).
///
/// # Returns
/// The position of every node, in the layout's own units (the scale depends on `k_r`).
///
/// # Complexity
/// O(i · n log n + i · m) time for `i = opts.iterations` steps (the quadtree has depth
/// O(log n) for spread-out points, and each node meets O(log n) of its squares), O(n + m)
/// memory. Forces are computed on rayon's pool for 512 nodes and more.
///
/// # Reference
/// M. Jacomy, T. Venturini, S. Heymann, M. Bastian, *ForceAtlas2, a continuous graph layout
/// algorithm for handy network visualization designed for the Gephi software*, PLoS ONE 9(6),
/// e98679, 2014. J. Barnes, P. Hut, *A hierarchical O(N log N) force-calculation algorithm*,
/// Nature 324, 1986. Same forces as Gephi's ForceAtlas2 with "LinLog", "Prevent overlap",
/// "Dissuade hubs" and "Strong gravity" off, and weights divided by their mean.
///
/// # Examples
/// ```
/// use puentes_analysis::layout::{force_atlas2, LayoutOptions};
/// use puentes_analysis::Network;
/// // Two tied nodes, each of mass 2, without gravity: they settle where attraction d
/// // equals repulsion k_r · 2 · 2 / d, i.e. at distance √(4 k_r) = √8.
/// let net = Network::from_edges(2, &[(0, 1, 1.0)]);
/// let opts = LayoutOptions { gravity: 0.0, iterations: 2000, ..LayoutOptions::default() };
/// let p = force_atlas2(&net, &opts);
/// let d = ((p[0][0] - p[1][0]).powi(2) + (p[0][1] - p[1][1]).powi(2)).sqrt();
/// assert!((d - 8f64.sqrt()).abs() < 1e-6, "{d}");
/// ```
pub fn force_atlas2(net: &Network, opts: &LayoutOptions) -> Vec<Point> {
    let g = Graph::new(net, opts.edge_weight_influence);
    force_atlas2::run(
        &g,
        force_atlas2::start(net.node_count(), opts.seed, 0),
        opts,
    )
}

/// A laid-out network: every node's centre and the size of the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// `positions[v]` is the centre of node v; every disc of the given radii lies inside
    /// `[0, width] × [0, height]`.
    pub positions: Vec<Point>,
    /// Width of the picture, in layout units (1 unit = the mean tie length of a component).
    pub width: f64,
    /// Height of the picture, in layout units.
    pub height: f64,
}

/// Space left between the discs of two nodes by [`layout`], in layout units.
pub const NODE_GAP: f64 = 0.05;
/// Passes of the overlap removal in [`layout`].
const SEPARATION_PASSES: usize = 50;
/// Width over height aimed at when packing components (landscape pages and screens).
const ASPECT: f64 = 1.6;

/// The map layout: each connected component laid out on its own and the components packed
/// in rows.
///
/// For each component C (numbered as [`components`] does):
/// 1. [`force_atlas2`] on the subgraph of C, from a ChaCha8 stream of `opts.seed` numbered by
///    C's smallest node (so C's picture does not depend on the rest of the network);
/// 2. scaled about its centroid so that the mean length of C's ties is 1 unit, and turned so
///    its principal axis (the leading eigenvector of the positions' covariance) is
///    horizontal;
/// 3. when `radius` is given, discs of radius `radius[v]` that come closer than
///    [`NODE_GAP`] are pushed apart (at most 50 passes of a sweep over the x-axis);
/// 4. packed: components in order of size (largest first, then smallest node), left to
///    right in rows of width `max(widest, √(1.6 · Σ areas))`, `opts.component_gap` apart.
///
/// A lone organization is a component of one node: it is placed in the rows below the large
/// components rather than pushed away by them, and ties never cross between components.
///
/// # Arguments
/// * `net` — the network.
/// * `radius` — the radius of each node's disc in layout units (the caller's drawing size;
///   a mean tie is 1 unit long), or `None` for points.
/// * `opts` — the [`force_atlas2`] options.
///
/// # Returns
/// A [`Layout`] whose discs all lie in `[0, width] × [0, height]`.
///
/// # Panics
/// If `radius` is given with a length other than `net.node_count()`.
///
/// # Complexity
/// O(i · n log n + i · m) time for [`force_atlas2`] over all components
/// (`i = opts.iterations`), plus O(n log n + overlapping pairs) per separation pass and
/// O(c log c) to pack c components; O(n + m) memory.
///
/// # Reference
/// Forces: [`force_atlas2`]. Packing components in rows is the approach of Graphviz's `pack`
/// (E. R. Gansner, S. C. North, *Improved force-directed layouts*, GD 1998) simplified to
/// their bounding boxes.
///
/// # Examples
/// ```
/// use puentes_analysis::layout::{layout, LayoutOptions};
/// use puentes_analysis::Network;
/// // A tie 0 - 1 and a lone node 2: the tie is 1 unit long (one tie, mean length 1) and
/// // everything lies inside the picture.
/// let net = Network::from_edges(3, &[(0, 1, 1.0)]);
/// let l = layout(&net, None, &LayoutOptions::default());
/// let [a, b] = [l.positions[0], l.positions[1]];
/// let d = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
/// assert!((d - 1.0).abs() < 1e-12);
/// assert!(l.positions.iter().all(|p| (0.0..=l.width).contains(&p[0])
///                                 && (0.0..=l.height).contains(&p[1])));
/// ```
pub fn layout(net: &Network, radius: Option<&[f64]>, opts: &LayoutOptions) -> Layout {
    let n = net.node_count();
    if let Some(r) = radius {
        assert_eq!(r.len(), n, "one radius per node");
    }
    let zero = vec![0.0; n];
    let radius = radius.unwrap_or(&zero);
    let comps = components(net);
    let mut members: Vec<Vec<Node>> = comps.sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
    for v in 0..n {
        members[comps.label[v] as usize].push(node(v));
    }
    // Largest first, then by smallest node (= component number).
    let mut order: Vec<usize> = (0..comps.count).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(comps.sizes[c]), c));
    let mut pieces: Vec<Vec<Point>> = Vec::with_capacity(comps.count);
    let mut boxes: Vec<Point> = Vec::with_capacity(comps.count);
    for &c in &order {
        let nodes = &members[c];
        let r: Vec<f64> = nodes.iter().map(|&v| radius[v as usize]).collect();
        let mut pos = if nodes.len() == 1 {
            vec![[0.0, 0.0]]
        } else {
            let sub = if nodes.len() == n {
                std::borrow::Cow::Borrowed(net)
            } else {
                std::borrow::Cow::Owned(induced(net, nodes))
            };
            let g = Graph::new(&sub, opts.edge_weight_influence);
            let start = force_atlas2::start(nodes.len(), opts.seed, u64::from(nodes[0]));
            let mut pos = force_atlas2::run(&g, start, opts);
            pack::normalize(&mut pos, g.edges());
            pos
        };
        if r.iter().any(|&x| x > 0.0) {
            pack::separate(&mut pos, &r, NODE_GAP, SEPARATION_PASSES);
        }
        let (lo, hi) = pack::bounds(&pos, &r);
        for p in &mut pos {
            *p = [p[0] - lo[0], p[1] - lo[1]];
        }
        boxes.push([hi[0] - lo[0], hi[1] - lo[1]]);
        pieces.push(pos);
    }
    let (corners, width, height) = pack::shelves(&boxes, opts.component_gap, ASPECT);
    let mut positions = vec![[0.0; 2]; n];
    for ((&c, pos), corner) in order.iter().zip(&pieces).zip(&corners) {
        for (&v, p) in members[c].iter().zip(pos) {
            positions[v as usize] = [p[0] + corner[0], p[1] + corner[1]];
        }
    }
    Layout {
        positions,
        width,
        height,
    }
}

/// The community network: one node per community, and between two communities one edge
/// whose weight is the total weight of the ties between their members.
///
/// For communities a ≠ b, `W_ab = Σ w_uv` over ties {u, v} with u in a and v in b; the
/// edge's [`Network::multiplicity`] is the number of such (collapsed) ties. Ties inside a
/// community are left out (a community's size is its member count, which the caller
/// has).
///
/// # Arguments
/// * `net` — the network.
/// * `membership` — the community of each node, in `0..count`.
/// * `count` — the number of communities.
///
/// # Returns
/// A [`Network`] on nodes `0..count` (bare organizations named by the community number).
///
/// # Panics
/// If `membership.len() != net.node_count()` or a label is not below `count`.
///
/// # Complexity
/// O(n + m log m) time (building the network sorts its edges), O(count + m) memory.
///
/// # Reference
/// The quotient graph of the partition, as NetworkX `quotient_graph(G, partition,
/// relabel=True)` with `edge_weight` summing the weights (it keeps no self-loops either).
///
/// # Examples
/// ```
/// use puentes_analysis::layout::community_network;
/// use puentes_analysis::Network;
/// // Two triangles joined by the tie 2 - 3 (weight 2) and the tie 1 - 4 (weight 1).
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 2.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (1, 4, 1.0)]);
/// let q = community_network(&net, &[0, 0, 0, 1, 1, 1], 2);
/// assert_eq!((q.node_count(), q.edge_count()), (2, 1));
/// assert_eq!((q.weight(0, 1), q.multiplicity(0)), (Some(3.0), &[2][..]));
/// ```
pub fn community_network(net: &Network, membership: &[u32], count: usize) -> Network {
    assert_eq!(membership.len(), net.node_count(), "one label per node");
    let edges: Vec<(Node, Node, f64)> = net
        .edges()
        .filter_map(|(u, v, w)| {
            let (a, b) = (membership[u as usize], membership[v as usize]);
            (a != b).then_some((a, b, w))
        })
        .collect();
    assert!(
        membership.iter().all(|&c| (c as usize) < count),
        "labels below count"
    );
    Network::from_edges(count, &edges)
}

/// An organization's neighbourhood: the nodes kept and how far each is from the centre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ego {
    /// The nodes kept, ascending (the centre among them).
    pub nodes: Vec<Node>,
    /// `distance[i]`: ties between `nodes[i]` and the centre (0 for the centre).
    pub distance: Vec<u8>,
    /// Nodes within the radius before the cap (the centre included).
    pub reachable: usize,
}

/// The ego network of `center`: the nodes within `radius` ties, at most `cap` of them.
///
/// Nodes are kept in order of distance; at distance 1 by tie weight `w(center, u)`
/// (strongest first), at distance 2 by the number of distance-1 neighbours they are tied
/// to (most first), ties broken by node index. The caller draws the subgraph induced by
/// the kept nodes.
///
/// # Arguments
/// * `net` — the network.
/// * `center` — the organization.
/// * `radius` — 1 or 2 (larger values are read as 2; 0 keeps the centre alone).
/// * `cap` — most nodes kept, the centre included (at least 1).
///
/// # Returns
/// An [`Ego`]: kept nodes ascending with their distances, and how many were within reach.
///
/// # Panics
/// If `center` is not a node of `net`.
///
/// # Complexity
/// O(Σ deg over the nodes within distance radius − 1, + r log r) time for r nodes within
/// reach; O(n) memory (one distance per node).
///
/// # Reference
/// NetworkX `ego_graph(G, center, radius)` gives the same node set when nothing is capped.
///
/// # Examples
/// ```
/// use puentes_analysis::layout::ego_network;
/// use puentes_analysis::Network;
/// // Path 0 - 1 - 2 - 3: within two ties of 1 are 0, 2 and 3.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
/// let e = ego_network(&net, 1, 2, 100);
/// assert_eq!((e.nodes, e.distance, e.reachable), (vec![0, 1, 2, 3], vec![1, 0, 1, 2], 4));
/// ```
pub fn ego_network(net: &Network, center: Node, radius: u8, cap: usize) -> Ego {
    const FAR: u8 = u8::MAX;
    let radius = radius.min(2);
    let mut dist = vec![FAR; net.node_count()];
    dist[center as usize] = 0;
    let mut ring1: Vec<(Node, f64)> = Vec::new();
    if radius >= 1 {
        for (&u, &w) in net
            .neighbors(center)
            .iter()
            .zip(net.neighbor_weights(center))
        {
            dist[u as usize] = 1;
            ring1.push((u, w));
        }
    }
    let mut ring2: Vec<(Node, usize)> = Vec::new();
    if radius >= 2 {
        let mut links = vec![0usize; net.node_count()];
        for &(u, _) in &ring1 {
            for &x in net.neighbors(u) {
                if dist[x as usize] == FAR {
                    dist[x as usize] = 2;
                    ring2.push((x, 0));
                }
                if dist[x as usize] == 2 {
                    links[x as usize] += 1;
                }
            }
        }
        for (x, l) in &mut ring2 {
            *l = links[*x as usize];
        }
    }
    ring1.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ring2.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let reachable = 1 + ring1.len() + ring2.len();
    let mut kept: Vec<Node> = std::iter::once(center)
        .chain(ring1.iter().map(|&(u, _)| u))
        .chain(ring2.iter().map(|&(x, _)| x))
        .take(cap.max(1))
        .collect();
    kept.sort_unstable();
    let distance = kept.iter().map(|&v| dist[v as usize]).collect();
    Ego {
        nodes: kept,
        distance,
        reachable,
    }
}

/// The subgraph of `net` induced by `nodes` (ascending), as a network on `0..nodes.len()`:
/// local node `i` is `nodes[i]`. For laying out one community or one ego network.
///
/// # Complexity
/// O(n + Σ deg(v) over `nodes` + m' log m') time for the m' ties kept.
///
/// # Examples
/// ```
/// use puentes_analysis::layout::induced;
/// use puentes_analysis::Network;
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 3.0), (2, 3, 1.0)]);
/// let sub = induced(&net, &[1, 2, 3]);
/// assert_eq!((sub.node_count(), sub.weight(0, 1)), (3, Some(3.0)));
/// ```
pub fn induced(net: &Network, nodes: &[Node]) -> Network {
    let mut local = vec![u32::MAX; net.node_count()];
    for (i, &v) in nodes.iter().enumerate() {
        local[v as usize] = node(i);
    }
    let mut edges = Vec::new();
    for (i, &v) in nodes.iter().enumerate() {
        for (&u, &w) in net.neighbors(v).iter().zip(net.neighbor_weights(v)) {
            let l = local[u as usize];
            if l != u32::MAX && (i as u32) < l {
                edges.push((node(i), l, w));
            }
        }
    }
    Network::from_edges(nodes.len(), &edges)
}

#[cfg(test)]
mod tests;
