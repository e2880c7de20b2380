//! Single-source shortest paths and Brandes' dependency accumulation: the engine behind
//! betweenness, closeness, harmonic centrality and the path statistics of the summary.
//!
//! # Kernels
//! * **Hops** (unweighted): a breadth-first search with `u32` distances whose arc loop has no
//!   data-dependent branch: the discovery of `u` is a conditional move plus an unconditional
//!   write of `u` into the queue slot after the tail, which only advances when `u` was new,
//!   and `u` is written the same way into the successor list of the node being expanded,
//!   which only grows when `u` is one level down. A textbook BFS on a graph that sits in
//!   cache is bound by branch mispredictions, not memory; removing them halved the time of
//!   closeness on ca-GrQc.
//!   With path counts, `σ` is pushed along the successor list of each node once it is
//!   complete, and the dependencies are pulled back along it,
//!   `δ_v = σ_v Σ_{w ∈ succ(v)} (r_w + δ_w) / σ_w` (Brandes 2001, eq. 5), so the backward
//!   pass reads only the arcs of the shortest-path DAG and compares nothing.
//! * **Lengths** (weighted): Dijkstra with a binary heap, path counts and dependencies
//!   accumulated afterwards, comparing lengths with a relative tolerance (see
//!   [`crate::centrality`]).
//!
//! # Fewer sources for exact betweenness
//! [`fold_leaves`] first removes degree-one nodes repeatedly (Sariyüce, Saule, Kaya and
//! Çatalyürek, *Shattering and compressing networks for betweenness centrality*, SDM 2013;
//! Baglioni, Geraci, Pellegrini and Lastres, *Fast exact computation of betweenness centrality
//! in social networks*, ASONAM 2012). Each removed node hangs in a tree below a remaining
//! "core" node `c`, with `r_c` the size of that tree (`c` included). Every path that leaves a
//! tree passes through its core node, so:
//! * for every node `x`, the ordered pairs separated by `x` inside the trees are counted in
//!   closed form (`Σ_{i ≠ j} |P_i| |P_j|` over the pieces `P_i` that removing `x` cuts off);
//! * Brandes runs on the core only, a source `s` standing for the `r_s` nodes of its tree and
//!   a target `w` for `r_w`: `δ_s(v) = Σ_w (σ_sv / σ_sw) (r_w + δ_s(w))`, `B(v) += r_s δ_s(v)`.
//!
//! Then [`Folded::sources`] lets one node speak for its *twins* (nodes with the same
//! neighbours), whose dependencies are equal (Sariyüce et al., "identical vertices").
//! The result equals plain Brandes on the whole network (a property test checks both against
//! the definition); on ca-GrQc's largest component 745 of 4158 nodes fold away and 2644
//! sources remain.

use crate::network::{node, Network, Node};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

/// Relative tolerance under which two path lengths are taken as equal (see
/// [`crate::centrality`]).
const PATH_EPS: f64 = 1e-10;

/// Number of partial sums [`brandes`] splits its sources into (fixed, for determinism).
const CHUNKS: usize = 64;

/// Hop distance of a node not reached (yet).
const UNREACHED: u32 = u32::MAX;

/// A CSR adjacency with optional arc lengths aligned to `targets`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Graph<'a> {
    offsets: &'a [usize],
    targets: &'a [Node],
    /// `None`: every arc is one hop. `Some(len)`: arc `e` has length `len[e] > 0`.
    lengths: Option<&'a [f64]>,
}

impl<'a> Graph<'a> {
    /// The network's own adjacency, with `lengths` (aligned to its CSR arrays) if weighted.
    pub(crate) fn of(net: &'a Network, lengths: Option<&'a [f64]>) -> Self {
        let (offsets, targets, _) = net.csr();
        Graph {
            offsets,
            targets,
            lengths,
        }
    }

    /// Number of nodes.
    pub(crate) fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The arc range of node `v` in `targets` (and `lengths`).
    fn arcs(&self, v: usize) -> std::ops::Range<usize> {
        self.offsets[v]..self.offsets[v + 1]
    }
}

/// Whether two path lengths are equal up to [`PATH_EPS`] (relative).
fn same_length(a: f64, b: f64) -> bool {
    (a - b).abs() <= PATH_EPS * a.abs().max(b.abs())
}

/// Min-heap entry for Dijkstra.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    dist: f64,
    node: Node,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap.
        other
            .dist
            .total_cmp(&self.dist)
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Reusable single-source shortest-path buffers (one per worker thread).
#[derive(Debug)]
pub(crate) struct ShortestPaths {
    /// Hop distances of the last BFS ([`UNREACHED`] if not reached).
    hops: Vec<u32>,
    /// Lengths of the last Dijkstra (`+∞` if not reached).
    dist: Vec<f64>,
    /// Whether the last run counted hops (`hops` is valid) or lengths (`dist` is).
    by_hops: bool,
    /// Nodes reached, in non-decreasing distance (the source first), then one scratch slot.
    order: Vec<Node>,
    /// Number of nodes reached by the last run (the valid prefix of `order`).
    reached: usize,
    /// `σ_v`: number of shortest paths from the source to `v`.
    sigma: Vec<f64>,
    /// Hops with paths: the successors (neighbours one level down) of `order[i]` are
    /// `successors[bounds[i]..bounds[i + 1]]`; one scratch slot at the end.
    successors: Vec<Node>,
    bounds: Vec<usize>,
    /// Hops: `(r_v + δ_v) / σ_v` of the nodes already accumulated. Lengths: `δ_v`.
    delta: Vec<f64>,
    heap: BinaryHeap<Entry>,
    settled: Vec<bool>,
}

impl ShortestPaths {
    /// Buffers for a graph of `n` nodes.
    pub(crate) fn new(n: usize) -> Self {
        ShortestPaths {
            hops: vec![UNREACHED; n],
            dist: vec![f64::INFINITY; n],
            by_hops: true,
            order: vec![0; n + 1],
            reached: 0,
            sigma: vec![0.0; n],
            successors: Vec::new(),
            bounds: vec![0; n + 1],
            delta: vec![0.0; n],
            heap: BinaryHeap::new(),
            settled: vec![false; n],
        }
    }

    /// Nodes reached by the last run, in non-decreasing distance (the source first).
    pub(crate) fn order(&self) -> &[Node] {
        &self.order[..self.reached]
    }

    /// Distance of `v` from the last source (hops, or the sum of arc lengths); `+∞` if `v`
    /// was not reached.
    pub(crate) fn distance(&self, v: Node) -> f64 {
        let v = v as usize;
        if !self.by_hops {
            self.dist[v]
        } else if self.hops[v] == UNREACHED {
            f64::INFINITY
        } else {
            f64::from(self.hops[v])
        }
    }

    /// Resets the entries touched by the previous run (O(reached)).
    fn reset(&mut self) {
        for &v in &self.order[..self.reached] {
            let v = v as usize;
            self.hops[v] = UNREACHED;
            self.sigma[v] = 0.0;
            self.dist[v] = f64::INFINITY;
            self.settled[v] = false;
        }
        self.reached = 0;
    }

    /// Distances from `s`: BFS on hops, Dijkstra on lengths. Fills [`ShortestPaths::order`].
    pub(crate) fn run(&mut self, g: Graph<'_>, s: Node) {
        match g.lengths {
            None => self.bfs::<false>(g, s),
            Some(len) => self.dijkstra(g, len, s),
        }
    }

    /// Branch-free BFS from `s` (see the module docs); with `PATHS`, also `σ` and the
    /// successor lists.
    fn bfs<const PATHS: bool>(&mut self, g: Graph<'_>, s: Node) {
        self.reset();
        self.by_hops = true;
        if PATHS && self.successors.len() <= g.targets.len() {
            self.successors.resize(g.targets.len() + 1, 0);
        }
        let (hops, order, sigma) = (&mut self.hops, &mut self.order, &mut self.sigma);
        let (successors, bounds) = (&mut self.successors, &mut self.bounds);
        hops[s as usize] = 0;
        sigma[s as usize] = 1.0;
        order[0] = s;
        let (mut head, mut tail, mut k) = (0, 1, 0);
        while head < tail {
            let w = order[head] as usize;
            head += 1;
            let below = hops[w] + 1;
            let first = k;
            for &u in &g.targets[g.arcs(w)] {
                let hu = hops[u as usize];
                let new = hu == UNREACHED;
                let hu = if new { below } else { hu };
                hops[u as usize] = hu;
                order[tail] = u;
                tail += usize::from(new);
                if PATHS {
                    successors[k] = u;
                    k += usize::from(hu == below);
                }
            }
            if PATHS {
                // σ is pushed along the successor arcs (`reset` zeroed it).
                let sw = sigma[w];
                for &u in &successors[first..k] {
                    sigma[u as usize] += sw;
                }
                bounds[head] = k;
            }
        }
        self.reached = tail;
    }

    /// Dijkstra from `s` with arc lengths `len`.
    fn dijkstra(&mut self, g: Graph<'_>, len: &[f64], s: Node) {
        self.reset();
        self.by_hops = false;
        self.heap.clear();
        self.dist[s as usize] = 0.0;
        self.heap.push(Entry { dist: 0.0, node: s });
        while let Some(Entry { dist, node: v }) = self.heap.pop() {
            let vi = v as usize;
            if self.settled[vi] || dist > self.dist[vi] {
                continue;
            }
            self.settled[vi] = true;
            self.order[self.reached] = v;
            self.reached += 1;
            for e in g.arcs(vi) {
                let w = g.targets[e];
                let alt = dist + len[e];
                // Every node touched here is settled later, so `reset` (which walks
                // `order`) restores it.
                if !self.settled[w as usize] && alt < self.dist[w as usize] {
                    self.dist[w as usize] = alt;
                    self.heap.push(Entry { dist: alt, node: w });
                }
            }
        }
    }

    /// Runs from `s` and adds `weight · δ_s(v)` into `bc[v]` for every node `v ≠ s`, where
    /// `δ_s(v) = Σ_w (σ_sv / σ_sw) (r_w + δ_s(w))` over the nodes `w` whose shortest paths
    /// from `s` pass through `v` as their last step, and `r` is `reach` (1 when `None`).
    fn dependencies(
        &mut self,
        g: Graph<'_>,
        (s, weight): (Node, f64),
        reach: Option<&[f64]>,
        bc: &mut [f64],
    ) {
        let r = |v: usize| reach.map_or(1.0, |r| r[v]);
        let Some(len) = g.lengths else {
            self.bfs::<true>(g, s);
            let (sigma, coeff) = (&self.sigma, &mut self.delta);
            for i in (1..self.reached).rev() {
                let v = self.order[i] as usize;
                let mut sum = 0.0;
                for &w in &self.successors[self.bounds[i]..self.bounds[i + 1]] {
                    sum += coeff[w as usize];
                }
                let delta = sigma[v] * sum;
                bc[v] += weight * delta;
                coeff[v] = (r(v) + delta) / sigma[v];
            }
            return;
        };
        self.dijkstra(g, len, s);
        let order = &self.order[..self.reached];
        let (dist, sigma, delta) = (&self.dist, &mut self.sigma, &mut self.delta);
        // Lengths are symmetric, so the arc v → w has the length stored at w's arc e to v.
        // Predecessors: dist[v] < dist[w] and dist[v] + len ≈ dist[w] (see PATH_EPS).
        let pred = |v: usize, w: usize, e: usize| {
            dist[v] < dist[w] && same_length(dist[v] + len[e], dist[w])
        };
        // σ in order of distance: σ_w = Σ over predecessors v of σ_v.
        sigma[s as usize] = 1.0;
        delta[s as usize] = 0.0;
        for &w in &order[1..] {
            let w = w as usize;
            delta[w] = 0.0;
            sigma[w] = g
                .arcs(w)
                .filter(|&e| pred(g.targets[e] as usize, w, e))
                .map(|e| sigma[g.targets[e] as usize])
                .sum();
        }
        // δ in reverse order: δ_v += σ_v / σ_w · (r_w + δ_w) for every predecessor v of w.
        for &w in order[1..].iter().rev() {
            let w = w as usize;
            let coeff = (r(w) + delta[w]) / sigma[w];
            for e in g.arcs(w) {
                let v = g.targets[e] as usize;
                if pred(v, w, e) {
                    delta[v] += sigma[v] * coeff;
                }
            }
            bc[w] += weight * delta[w];
        }
    }
}

/// Unscaled Brandes sums `Σ_{(s, c_s) ∈ sources} c_s δ_s(v)` (see [`ShortestPaths`]), in
/// parallel over sources, summed in a fixed chunk order so results are bit-identical across
/// runs and thread counts. `c_s` is how many sources `s` stands for (1 without folding).
pub(crate) fn brandes(g: Graph<'_>, sources: &[(Node, f64)], reach: Option<&[f64]>) -> Vec<f64> {
    let n = g.node_count();
    if sources.is_empty() {
        return vec![0.0; n];
    }
    let chunk = sources.len().div_ceil(CHUNKS);
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(chunk)
        .map(|chunk| {
            let mut sp = ShortestPaths::new(n);
            let mut bc = vec![0.0; n];
            for &s in chunk {
                sp.dependencies(g, s, reach, &mut bc);
            }
            bc
        })
        .collect();
    let mut total = vec![0.0; n];
    for p in partials {
        for (t, x) in total.iter_mut().zip(p) {
            *t += x;
        }
    }
    total
}

/// Runs one shortest-path search per node in parallel and maps each to a score.
pub(crate) fn per_source<F>(g: Graph<'_>, score: F) -> Vec<f64>
where
    F: Fn(&ShortestPaths) -> f64 + Sync,
{
    let n = g.node_count();
    (0..n)
        .into_par_iter()
        .map_init(
            || ShortestPaths::new(n),
            |sp, s| {
                sp.run(g, node(s));
                score(sp)
            },
        )
        .collect()
}

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

// ---------------------------------------------------------------------------------------------
// Bit-parallel multi-source BFS (Then et al., VLDB 2014).

/// 64-bit words of sources that one multi-source batch carries per node: a batch holds
/// `64 · LANES` sources. All-pairs closeness on soc-Slashdot0902 (82,168 nodes, 2 threads,
/// 2026-12-01, load ≈ 2): 1 word 2.3 s, 2 words 1.5 s, 4 words 1.2 s, 8 words 2.7 s (the
/// three arrays of 64-byte entries no longer fit the caches).
const LANES: usize = 4;

/// Sources per multi-source batch.
const BATCH: usize = 64 * LANES;

/// One bit per source of a batch.
type Lanes = [u64; LANES];

/// No source.
const NO_SOURCE: Lanes = [0; LANES];

/// Fixed-point scale of the harmonic sums: `1 / d` is held as the integer `round(2^80 / d)`.
pub(crate) const HARMONIC_SHIFT: i32 = 80;

/// `1 / d` in the fixed point of [`HARMONIC_SHIFT`] (`d ≥ 1`).
fn inverse_fixed(d: u32) -> u128 {
    let d = u128::from(d);
    ((1u128 << HARMONIC_SHIFT) + d / 2) / d
}

/// A fixed-point harmonic sum as a float: the integer rounded once, scaled by `2^-80` (exact).
pub(crate) fn harmonic_value(sum: u128) -> f64 {
    sum as f64 * 2f64.powi(-HARMONIC_SHIFT)
}

fn or(a: &mut Lanes, b: &Lanes) {
    for (x, y) in a.iter_mut().zip(b) {
        *x |= y;
    }
}

fn and_not(a: &Lanes, b: &Lanes) -> Lanes {
    std::array::from_fn(|i| a[i] & !b[i])
}

fn has_any(a: &Lanes) -> bool {
    a.iter().fold(0, |acc, x| acc | x) != 0
}

fn ones(a: &Lanes) -> u32 {
    a.iter().map(|x| x.count_ones()).sum()
}

/// Per-node totals of the hop distances between a set of sources and every node.
///
/// The network is undirected, so `d(s, v) = d(v, s)`: the totals "from the sources to `v`"
/// are, when every node is a source, `v`'s own totals to everyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DistanceSums {
    /// `Σ_s d(s, v)` over the sources `s` that reach `v`.
    pub(crate) farness: Vec<u64>,
    /// `Σ_{s ≠ v} round(2^80 / d(s, v))` over the sources that reach `v` (see
    /// [`harmonic_value`]).
    pub(crate) harmonic: Vec<u128>,
    /// `max_s d(s, v)` over the sources that reach `v` (0 when none but itself).
    pub(crate) eccentricity: Vec<u32>,
}

/// The adjacency renumbered for locality: components in a row (the largest first, isolated
/// nodes last), each numbered in breadth-first order from its node of highest degree, so a
/// batch of consecutive sources lies in one region of the network and the words a search
/// touches are near each other in memory.
#[derive(Debug)]
struct Local {
    offsets: Vec<usize>,
    targets: Vec<Node>,
    /// `new[v]`: the number here of network node `v`.
    new: Vec<Node>,
    /// `span[i]`: the range of numbers here of the component of node `i`.
    span: Vec<(u32, u32)>,
    /// Nodes with at least one tie (numbered `0..linked`; isolated nodes come after).
    linked: usize,
}

impl Local {
    /// The renumbered adjacency of `net`. O(n + m log m) time, O(n + m) memory.
    fn of(net: &Network) -> Self {
        let n = net.node_count();
        let comps = crate::components::components(net);
        // Components by size, largest first (ties: smaller label), each from its hub.
        let mut hub = vec![UNREACHED; comps.count];
        for v in 0..n {
            let c = comps.label[v] as usize;
            if hub[c] == UNREACHED || net.degree(node(v)) > net.degree(hub[c]) {
                hub[c] = node(v);
            }
        }
        let mut order: Vec<usize> = (0..comps.count).collect();
        order.sort_by_key(|&c| (std::cmp::Reverse(comps.sizes[c]), c));
        let mut old: Vec<Node> = Vec::with_capacity(n);
        let mut new = vec![UNREACHED; n];
        let mut span = vec![(0, 0); n];
        let mut linked = 0;
        for c in order {
            let first = old.len();
            new[hub[c] as usize] = node(first);
            old.push(hub[c]);
            let mut head = first;
            while head < old.len() {
                let v = old[head];
                head += 1;
                for &u in net.neighbors(v) {
                    if new[u as usize] == UNREACHED {
                        new[u as usize] = node(old.len());
                        old.push(u);
                    }
                }
            }
            let range = (node(first), node(old.len()));
            for s in &mut span[first..old.len()] {
                *s = range;
            }
            if comps.sizes[c] > 1 {
                linked = old.len();
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(2 * net.edge_count());
        offsets.push(0);
        for &v in &old {
            let from = targets.len();
            targets.extend(net.neighbors(v).iter().map(|&u| new[u as usize]));
            targets[from..].sort_unstable();
            offsets.push(targets.len());
        }
        Local {
            offsets,
            targets,
            new,
            span,
            linked,
        }
    }

    fn neighbors(&self, v: usize) -> &[Node] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }
}

/// One worker's buffers and totals (indexed by [`Local`] numbers).
struct Batches {
    seen: Vec<Lanes>,
    frontier: Vec<Lanes>,
    next: Vec<Lanes>,
    sums: DistanceSums,
}

impl Batches {
    fn new(n: usize) -> Self {
        Batches {
            seen: vec![NO_SOURCE; n],
            frontier: vec![NO_SOURCE; n],
            next: vec![NO_SOURCE; n],
            sums: DistanceSums {
                farness: vec![0; n],
                harmonic: vec![0; n],
                eccentricity: vec![0; n],
            },
        }
    }

    /// Breadth-first search from every source of `batch` (sorted `Local` numbers, at most
    /// [`BATCH`]) at once, adding each node's distances from them into `sums`.
    fn run(&mut self, g: &Local, batch: &[Node], inverse: &mut Vec<u128>) {
        let (Some(&first), Some(&last)) = (batch.first(), batch.last()) else {
            return;
        };
        // Every node a source can reach lies in the sources' components, a range.
        let (lo, hi) = (
            g.span[first as usize].0 as usize,
            g.span[last as usize].1 as usize,
        );
        // Searching bottom-up skips nodes every source has reached: one component only.
        let one_component = g.span[first as usize] == g.span[last as usize];
        let mut full = NO_SOURCE;
        let mut push_cost = 0;
        for (i, &s) in batch.iter().enumerate() {
            let (word, bit) = (i / 64, 1u64 << (i % 64));
            full[word] |= bit;
            self.seen[s as usize][word] |= bit;
            self.frontier[s as usize][word] |= bit;
            push_cost += g.degree(s as usize);
        }
        let mut pull_cost: usize = g.offsets[hi] - g.offsets[lo];
        let (seen, frontier, next) = (&mut self.seen, &mut self.frontier, &mut self.next);
        let sums = &mut self.sums;
        let mut level = 0u32;
        while push_cost > 0 {
            level += 1;
            // inverse[ℓ] = round(2^80 / ℓ), grown as deeper levels are met (inverse[0] unused).
            while inverse.len() <= level as usize {
                inverse.push(inverse_fixed(node(inverse.len()).max(1)));
            }
            if one_component && pull_cost < push_cost {
                // Bottom-up: each node not yet reached by every source gathers its
                // neighbours' frontier bits.
                for v in lo..hi {
                    if seen[v] == full {
                        continue;
                    }
                    let mut gathered = NO_SOURCE;
                    for &u in g.neighbors(v) {
                        or(&mut gathered, &frontier[u as usize]);
                    }
                    next[v] = gathered;
                }
            } else {
                // Top-down: each frontier node pushes its bits to its neighbours.
                for (v, f) in frontier.iter().enumerate().take(hi).skip(lo) {
                    if !has_any(f) {
                        continue;
                    }
                    for &u in g.neighbors(v) {
                        or(&mut next[u as usize], f);
                    }
                }
            }
            push_cost = 0;
            pull_cost = 0;
            let step = inverse[level as usize];
            for v in lo..hi {
                let fresh = and_not(&next[v], &seen[v]);
                next[v] = NO_SOURCE;
                frontier[v] = fresh;
                if has_any(&fresh) {
                    or(&mut seen[v], &fresh);
                    let count = ones(&fresh);
                    sums.farness[v] += u64::from(level) * u64::from(count);
                    sums.harmonic[v] += u128::from(count) * step;
                    sums.eccentricity[v] = sums.eccentricity[v].max(level);
                    push_cost += g.degree(v);
                }
                if seen[v] != full {
                    pull_cost += g.degree(v);
                }
            }
        }
        // Leave the buffers clear for the next batch.
        for v in lo..hi {
            seen[v] = NO_SOURCE;
            frontier[v] = NO_SOURCE;
        }
    }
}

/// Hop-distance totals from `sources` (every node when `None`) to every node, by bit-parallel
/// multi-source breadth-first search.
///
/// For each node `v`, with `S` the sources and `d` the hop distance: the farness
/// `Σ_{s ∈ S} d(s, v)`, the harmonic sum `Σ_{s ∈ S, s ≠ v} 1/d(s, v)` (held in fixed point,
/// [`harmonic_value`]) and the eccentricity `max_{s ∈ S} d(s, v)`, each over the sources that
/// reach `v`.
///
/// # Algorithm
/// Sources are taken [`BATCH`] (= 256) at a time. Each node carries one bit per source of
/// the batch in three words of [`LANES`] `u64`: `seen` (sources that reached it), `frontier`
/// (sources that reached it at the current level) and `next`. One level of all 256 searches
/// is one pass: either top-down (every frontier node ORs its bits into its neighbours'
/// `next`) or bottom-up (every node not yet reached by all sources ORs its neighbours'
/// frontier bits), whichever reads fewer arcs, as in direction-optimizing BFS (Beamer,
/// Asanović and Patterson, SC 2012). The bits new at level `ℓ` are
/// `next ∧ ¬seen`; their count `c` adds `ℓ·c` to the farness and `c · round(2^80 / ℓ)` to
/// the harmonic sum. A node whose neighbours are reached by most sources at the same level
/// is read once for all of them, instead of once per source.
///
/// Nodes are renumbered first ([`Local`]): components in a row, each in breadth-first order
/// from its best-connected node; a batch is 256 consecutive sources in that order, so its
/// searches stay in one region and meet the same nodes at nearly the same levels.
///
/// Every total is an integer sum, so the result does not depend on the order of batches or
/// on the number of threads.
///
/// # Complexity
/// O(⌈k / 256⌉ · (L · n′ + Σ_ℓ a_ℓ) · 4) word operations, with k sources, L levels per
/// batch, n′ the nodes of the sources' components and a_ℓ the arcs read at level ℓ (at most
/// 2m); against O(k · (n + m)) for one search per source. Memory: 3 · 32 bytes per node per
/// worker thread for the bits, plus the renumbered adjacency (O(n + m)) and the totals.
///
/// Reference: M. Then, M. Kaufmann, F. Chirigati, T.-A. Hoang-Vu, K. Pham, A. Kemper,
/// T. Neumann and H. T. Vo, *The More the Merrier: Efficient Multi-Source Graph Traversal*,
/// PVLDB 8(4), 2014 (MS-BFS with bit operations and aggregated neighbour processing).
pub(crate) fn distance_sums(net: &Network, sources: Option<&[Node]>) -> DistanceSums {
    search_all_batches(net, sources)
}

/// The hop-distance totals of a network from every node: for each node, the sum of its
/// distances to the nodes it reaches, the sum of their inverses (in 80-bit fixed point) and
/// its eccentricity. One bit-parallel search from all sources gives them (as unweighted
/// [`crate::centrality::closeness`] describes); closeness, harmonic centrality and the
/// periphery's closeness all read them, so a caller that needs more than one computes them
/// once with [`Distances::of`] and passes them in (the service keeps one per revision of its
/// network).
///
/// A value of one network: passing it with another network gives that other network wrong
/// answers (its length is checked, nothing more).
///
/// # Complexity
/// [`Distances::of`] as unweighted [`crate::centrality::closeness`]; 32 bytes per node kept.
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::{closeness, closeness_from, harmonic_from, Distances, Weighting};
/// use puentes_analysis::Network;
/// let path = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
/// let d = Distances::of(&path);
/// assert_eq!(closeness_from(&path, &d), closeness(&path, Weighting::Unweighted)?);
/// assert_eq!(harmonic_from(&d), vec![1.5, 2.0, 1.5]);
/// # Ok::<(), puentes_analysis::centrality::AnalysisError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distances {
    pub(crate) sums: DistanceSums,
}

impl Distances {
    /// The totals of `net`, from one search over all its nodes.
    pub fn of(net: &Network) -> Distances {
        Distances {
            sums: search_all_batches(net, None),
        }
    }

    /// Nodes of the network they were computed from.
    pub fn node_count(&self) -> usize {
        self.sums.farness.len()
    }
}

/// The search behind [`distance_sums`] and [`Distances::of`].
fn search_all_batches(net: &Network, sources: Option<&[Node]>) -> DistanceSums {
    let n = net.node_count();
    let g = Local::of(net);
    // Sources in local numbers, sorted; isolated ones reach nobody and are left out.
    let mut local: Vec<Node> = match sources {
        None => (0..g.linked).map(node).collect(),
        Some(s) => s
            .iter()
            .map(|&v| g.new[v as usize])
            .filter(|&i| (i as usize) < g.linked)
            .collect(),
    };
    local.sort_unstable();
    local.dedup();
    // One set of buffers per worker; each takes the next batch until none is left. The
    // totals are integers, so who ran which batch does not change them.
    let batches: Vec<&[Node]> = local.chunks(BATCH).collect();
    let taken = AtomicUsize::new(0);
    let workers = rayon::current_num_threads().clamp(1, batches.len().max(1));
    let merged = (0..workers)
        .into_par_iter()
        .map(|_| {
            let mut b = Batches::new(n);
            let mut inverse = Vec::new();
            loop {
                let i = taken.fetch_add(1, AtomicOrdering::Relaxed);
                let Some(batch) = batches.get(i) else {
                    break;
                };
                b.run(&g, batch, &mut inverse);
            }
            b.sums
        })
        .reduce_with(|mut a, b| {
            for v in 0..n {
                a.farness[v] += b.farness[v];
                a.harmonic[v] += b.harmonic[v];
                a.eccentricity[v] = a.eccentricity[v].max(b.eccentricity[v]);
            }
            a
        })
        .unwrap_or_else(|| Batches::new(n).sums);
    // Back to the network's numbering.
    DistanceSums {
        farness: (0..n).map(|v| merged.farness[g.new[v] as usize]).collect(),
        harmonic: (0..n).map(|v| merged.harmonic[g.new[v] as usize]).collect(),
        eccentricity: (0..n)
            .map(|v| merged.eccentricity[g.new[v] as usize])
            .collect(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::small_graphs::unit;
    use proptest::prelude::*;

    /// Ordered-pair betweenness by definition: `σ_st(v) = σ_sv σ_vt` when
    /// `d(s, v) + d(v, t) = d(s, t)`, from all-pairs BFS counts. O(n³), independent of Brandes.
    fn by_definition(net: &Network) -> Vec<f64> {
        let n = net.node_count();
        let mut d = vec![vec![u32::MAX; n]; n];
        let mut sigma = vec![vec![0.0; n]; n];
        for s in 0..n {
            let mut queue = std::collections::VecDeque::from([s]);
            d[s][s] = 0;
            sigma[s][s] = 1.0;
            while let Some(v) = queue.pop_front() {
                for &w in net.neighbors(node(v)) {
                    let w = w as usize;
                    if d[s][w] == u32::MAX {
                        d[s][w] = d[s][v] + 1;
                        queue.push_back(w);
                    }
                    if d[s][w] == d[s][v] + 1 {
                        sigma[s][w] += sigma[s][v];
                    }
                }
            }
        }
        let mut bc = vec![0.0; n];
        for s in 0..n {
            for t in 0..n {
                for v in 0..n {
                    let distinct = s != t && v != s && v != t;
                    let via = u64::from(d[s][v]) + u64::from(d[v][t]);
                    if distinct && d[s][t] != u32::MAX && via == u64::from(d[s][t]) {
                        bc[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
                    }
                }
            }
        }
        bc
    }

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

    /// Distance totals by definition: one plain queue-based BFS per source.
    fn sums_by_definition(net: &Network, sources: &[Node]) -> DistanceSums {
        let n = net.node_count();
        let mut sums = DistanceSums {
            farness: vec![0; n],
            harmonic: vec![0; n],
            eccentricity: vec![0; n],
        };
        for &s in sources {
            let mut d = vec![u32::MAX; n];
            d[s as usize] = 0;
            let mut queue = std::collections::VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                for &w in net.neighbors(v) {
                    if d[w as usize] == u32::MAX {
                        d[w as usize] = d[v as usize] + 1;
                        queue.push_back(w);
                    }
                }
            }
            for (v, &dv) in d.iter().enumerate() {
                if dv != u32::MAX && dv > 0 {
                    sums.farness[v] += u64::from(dv);
                    sums.harmonic[v] += inverse_fixed(dv);
                    sums.eccentricity[v] = sums.eccentricity[v].max(dv);
                }
            }
        }
        sums
    }

    /// A random sparse graph of up to 700 nodes: several 256-source batches, partial last
    /// batches, isolated nodes and batches that span components.
    fn sparse_graph() -> impl Strategy<Value = (usize, Vec<(Node, Node)>)> {
        (1usize..700).prop_flat_map(|n| {
            let edge = (0..n as Node, 0..n as Node);
            (Just(n), prop::collection::vec(edge, 0..(2 * n)))
        })
    }

    #[test]
    fn multi_source_bfs_on_a_path_and_a_star() {
        // Path 0-1-2-3: farness 6, 4, 4, 6; harmonic of an end 1 + 1/2 + 1/3.
        let sums = distance_sums(&crate::small_graphs::path(4), None);
        assert_eq!(sums.farness, vec![6, 4, 4, 6]);
        assert_eq!(sums.eccentricity, vec![3, 2, 2, 3]);
        assert_close!(
            harmonic_value(sums.harmonic[0]),
            1.0 + 0.5 + 1.0 / 3.0,
            1e-15
        );
        // Star with centre 0 and 5 leaves, plus an isolated node 6.
        let net = unit(7, &[(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)]);
        let sums = distance_sums(&net, None);
        assert_eq!(sums.farness, vec![5, 9, 9, 9, 9, 9, 0]);
        assert_eq!(harmonic_value(sums.harmonic[0]), 5.0);
        assert_eq!(harmonic_value(sums.harmonic[1]), 3.0);
        assert_eq!(sums.eccentricity, vec![1, 2, 2, 2, 2, 2, 0]);
        // From sources {1, 6} only: the isolated source reaches nobody.
        let sums = distance_sums(&net, Some(&[1, 6]));
        assert_eq!(sums.farness, vec![1, 0, 2, 2, 2, 2, 0]);
    }

    proptest! {
        /// The bit-parallel search gives exactly the totals of one BFS per source, on random
        /// graphs large enough for several batches, from every node and from a sample.
        #[test]
        fn multi_source_bfs_is_one_bfs_per_source(
            (n, edges) in sparse_graph(),
            pick in prop::collection::vec(any::<prop::sample::Index>(), 0..300),
        ) {
            let edges: Vec<_> = edges.into_iter().filter(|(a, b)| a != b).collect();
            let net = unit(n, &edges);
            let all: Vec<Node> = (0..n).map(node).collect();
            prop_assert_eq!(distance_sums(&net, None), sums_by_definition(&net, &all));
            let mut some: Vec<Node> = pick.iter().map(|i| node(i.index(n))).collect();
            some.sort_unstable();
            some.dedup();
            prop_assert_eq!(distance_sums(&net, Some(&some)), sums_by_definition(&net, &some));
        }
    }

    #[test]
    fn multi_source_bfs_does_not_depend_on_the_thread_count() {
        let edges: Vec<(Node, Node)> = (0..900u32)
            .flat_map(|v| [(v, (v * 7 + 3) % 900), (v, (v * v + 11) % 900)])
            .filter(|(a, b)| a != b)
            .collect();
        let net = unit(900, &edges);
        let one = crate::on_threads(1, || search_all_batches(&net, None));
        assert_eq!(one, crate::on_threads(2, || search_all_batches(&net, None)));
        assert_eq!(one, crate::on_threads(3, || search_all_batches(&net, None)));
        // Nothing is kept between calls: each answer is its own network's.
        let other = unit(900, &edges[..600]);
        assert_eq!(distance_sums(&net, None), one);
        assert_ne!(distance_sums(&other, None), one);
        assert_eq!(Distances::of(&net).sums, one);
    }

    #[test]
    fn harmonic_fixed_point_is_the_exact_sum_rounded_once() {
        // Σ_{d=1..60} 1/d over 1000 copies each: the fixed-point sum is within 2^-80 per term
        // of the exact rational, far below one unit in the last place of the result.
        let sum: u128 = (1..=60).map(|d| 1000 * inverse_fixed(d)).sum();
        let float: f64 = (1..=60).map(|d| 1000.0 / f64::from(d)).sum();
        assert!((harmonic_value(sum) - float).abs() <= 4.0 * f64::EPSILON * float);
        assert_eq!(harmonic_value(inverse_fixed(1)), 1.0);
        assert_eq!(harmonic_value(inverse_fixed(4)), 0.25);
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

    #[test]
    fn bfs_distances_and_order() {
        let net = Network::from_edges(5, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
        let mut sp = ShortestPaths::new(5);
        sp.run(Graph::of(&net, None), 3);
        assert_eq!(sp.order(), &[3, 2, 0, 1]);
        let d: Vec<f64> = (0..5).map(|v| sp.distance(v)).collect();
        assert_eq!(d, vec![2.0, 2.0, 1.0, 0.0, f64::INFINITY]);
        // Reused buffers: a second run from elsewhere starts clean.
        sp.run(Graph::of(&net, None), 4);
        assert_eq!(sp.order(), &[4]);
        assert_eq!(sp.distance(0), f64::INFINITY);
    }

    #[test]
    fn branch_free_brandes_matches_the_definition() {
        // Two 4-cycles sharing node 0, a chord, and an isolated node: many equal paths.
        let edges = [
            (0, 1),
            (1, 2),
            (2, 3),
            (3, 0),
            (0, 4),
            (4, 5),
            (5, 6),
            (6, 0),
            (1, 3),
        ];
        let net = unit(8, &edges);
        let sources: Vec<(Node, f64)> = (0..8).map(|v| (v, 1.0)).collect();
        let a = brandes(Graph::of(&net, None), &sources, None);
        let b = by_definition(&net);
        for v in 0..8 {
            assert_close!(a[v], b[v], 1e-12);
        }
    }
}
