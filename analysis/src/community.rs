//! Communities: groups of organizations that collaborate more among themselves than with
//! the rest of the network.
//!
//! * [`louvain`] and [`leiden`] ([`leiden_iterations`]) optimise modularity with a resolution γ on the weighted
//!   network (collapsed tie weights, see [`crate::network`]);
//! * [`label_propagation`] is the fast, parameter-free alternative;
//! * [`connected_components`] gives the pieces that share no path at all;
//! * [`modularity`] scores any partition ([`modularities`] several of them in one pass).
//!
//! Every result is a [`Partition`] whose communities are numbered by their smallest node
//! index (community 0 holds node 0, community 1 holds the smallest node not in community 0,
//! …), so two equal partitions always compare equal.
//!
//! # Determinism
//! The randomised algorithms take a `u64` seed and draw every random choice from one
//! [`ChaCha8Rng`] in a fixed order, so the same network and seed give the same partition on
//! every run, on every machine and for any thread pool. Two steps run on several threads,
//! each handling every community on its own: the aggregation (Louvain and Leiden; the runs
//! of communities are joined in order) and Leiden's refinement (each community with its own
//! stream of a generator seeded from that order). How the communities are shared among
//! threads changes nothing.
//!
//! # Internal representation
//! The optimisers work on a private weighted CSR graph with a separate self-loop array, so
//! that aggregated graphs (one node per community) reuse the same code; the first level
//! borrows the network's CSR arrays rather than copying them. Neighbour
//! communities are accumulated in a dense array reset after each node: no hashing in the
//! inner loops.

use crate::network::{Network, Node};
use prefetch_index::prefetch_index;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};

/// A partition of the organizations into communities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partition {
    /// `membership[v]` is the community of node `v`, in `0..count`, numbered by smallest
    /// node index.
    pub membership: Vec<u32>,
    /// Number of communities.
    pub count: usize,
    /// Modularity of the partition at the resolution it was computed with (see
    /// [`modularity`]); NaN when the network has no ties.
    pub modularity: f64,
}

impl Partition {
    /// Builds a partition from any labelling: renumbers the labels by smallest node index
    /// and computes the modularity on `net` at `resolution`.
    ///
    /// # Panics
    /// If `labels.len() != net.node_count()`.
    pub fn from_labels(net: &Network, labels: &[u32], resolution: f64) -> Self {
        let (membership, count) = renumber(labels);
        let modularity = modularity(net, &membership, resolution);
        Partition {
            membership,
            count,
            modularity,
        }
    }

    /// The members of each community, each list ascending.
    pub fn communities(&self) -> Vec<Vec<Node>> {
        let mut out = vec![Vec::new(); self.count];
        for (v, &c) in self.membership.iter().enumerate() {
            out[c as usize].push(crate::network::node(v));
        }
        out
    }

    /// Size of each community.
    pub fn sizes(&self) -> Vec<usize> {
        let mut out = vec![0; self.count];
        for &c in &self.membership {
            out[c as usize] += 1;
        }
        out
    }
}

/// Renumbers arbitrary labels to `0..k` in order of first appearance (i.e. by the smallest
/// node index carrying each label). Returns the new labels and `k`.
///
/// Labels below twice the number of nodes (every partition the optimisers build, and codes
/// of attribute values) are looked up in a dense table; others in a hash map.
pub fn renumber(labels: &[u32]) -> (Vec<u32>, usize) {
    const UNSEEN: u32 = u32::MAX;
    let mut out = Vec::with_capacity(labels.len());
    let max = labels.iter().copied().max().unwrap_or(0) as usize;
    if max < 2 * labels.len() + 64 {
        let mut map = vec![UNSEEN; max + 1];
        let mut k = 0u32;
        for &l in labels {
            let slot = &mut map[l as usize];
            if *slot == UNSEEN {
                *slot = k;
                k += 1;
            }
            out.push(*slot);
        }
        return (out, k as usize);
    }
    let mut map: HashMap<u32, u32> = HashMap::new();
    for &l in labels {
        let next = map.len() as u32;
        out.push(*map.entry(l).or_insert(next));
    }
    let k = map.len();
    (out, k)
}

/// Modularity of a partition, with resolution γ, on the weighted network.
///
/// Q = Σ_c [ L_c / m − γ (d_c / 2m)² ], where for each community c, L_c is the total weight
/// of the edges with both ends in c, d_c the sum of the weighted degrees (strengths) of its
/// members, and m the total edge weight of the network.
///
/// Same convention as NetworkX `nx.community.modularity(G, communities, weight="weight",
/// resolution=γ)`. NetworkX raises `ZeroDivisionError` on a network without edges; this
/// returns NaN there (modularity is undefined).
///
/// # Arguments
/// * `net` — the network (edge weights = collapsed tie strengths).
/// * `membership` — any label per node (labels need not be contiguous); nodes with the same
///   label form one community.
/// * `resolution` — γ; 1 is the classical modularity, larger values favour smaller
///   communities.
///
/// # Returns
/// Q, in [−1/2, 1) for γ = 1; NaN if the network has no edges.
///
/// # Panics
/// If `membership.len() != net.node_count()`.
///
/// # Complexity
/// O(n + m) time, O(n) extra memory.
///
/// # Reference
/// M. E. J. Newman, "Modularity and community structure in networks", PNAS 103 (2006);
/// resolution: J. Reichardt and S. Bornholdt, Phys. Rev. E 74 (2006).
///
/// # Examples
/// ```
/// use puentes_analysis::community::modularity;
/// use puentes_analysis::network::Network;
/// // Two triangles joined by one edge, split into the two triangles: 6/7 − 2·(7/14)².
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
/// let q = modularity(&net, &[0, 0, 0, 1, 1, 1], 1.0);
/// assert!((q - (6.0 / 7.0 - 0.5)).abs() < 1e-12);
/// ```
pub fn modularity(net: &Network, membership: &[u32], resolution: f64) -> f64 {
    modularities(net, &[membership], resolution)[0]
}

/// The [`modularity`] of several partitions of the same network, in one pass over its
/// adjacency arrays; each value is exactly (bit for bit) what [`modularity`] gives for that
/// partition.
///
/// # Panics
/// If a membership does not have one label per node.
///
/// # Complexity
/// O(p·(n + m)) time for p partitions, with the arcs read once; O(p·n) extra memory.
///
/// # Examples
/// ```
/// use puentes_analysis::community::{modularities, modularity};
/// use puentes_analysis::network::Network;
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
/// let (a, b) = ([0, 0, 1, 1], [0, 1, 1, 1]);
/// let q = modularities(&net, &[&a, &b], 1.0);
/// assert_eq!(q, vec![modularity(&net, &a, 1.0), modularity(&net, &b, 1.0)]);
/// ```
pub fn modularities(net: &Network, memberships: &[&[u32]], resolution: f64) -> Vec<f64> {
    for membership in memberships {
        assert_eq!(
            membership.len(),
            net.node_count(),
            "membership must have one label per node"
        );
    }
    // Per partition and community: twice its internal weight (each internal edge seen from
    // both ends) and its total strength; one pass over the adjacency arrays in node order.
    let mut parts: Vec<(Vec<u32>, Vec<f64>, Vec<f64>)> = memberships
        .iter()
        .map(|m| {
            let (labels, k) = renumber(m);
            (labels, vec![0.0; k], vec![0.0; k])
        })
        .collect();
    let (offsets, targets, weights) = net.csr();
    for v in 0..net.node_count() {
        let (lo, hi) = (offsets[v], offsets[v + 1]);
        for (labels, inside, total) in parts.iter_mut() {
            // Summed per node, then added to its community: no chain of additions through
            // memory from one arc to the next.
            let c = labels[v];
            let (mut all, mut within) = (0.0, 0.0);
            for (&u, &w) in targets[lo..hi].iter().zip(&weights[lo..hi]) {
                all += w;
                within += if labels[u as usize] == c { w } else { 0.0 };
            }
            total[c as usize] += all;
            inside[c as usize] += within;
        }
    }
    parts
        .iter()
        .map(|(_, inside, total)| score(inside, total, resolution))
        .collect()
}

/// Q = Σ_c [L_c/2m − γ·(d_c/2m)²] from each community's twice-internal weight L_c and total
/// strength d_c (2m = Σ_c d_c); NaN when there is no weight at all.
fn score(inside: &[f64], total: &[f64], resolution: f64) -> f64 {
    let two_m: f64 = total.iter().sum();
    if two_m == 0.0 {
        return f64::NAN;
    }
    inside
        .iter()
        .zip(total)
        .map(|(&l, &d)| l / two_m - resolution * (d / two_m) * (d / two_m))
        .sum()
}

/// Connected components as a partition.
///
/// Two organizations share a component when a path of ties joins them. The labelling is
/// [`crate::components::components`] (the one implementation of components); this wraps it as
/// a [`Partition`] so it can be scored and compared with the communities.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// A [`Partition`] numbered by smallest node index (component 0 contains node 0), with its
/// modularity at γ = 1 (NaN without edges).
///
/// # Complexity
/// O(n + m) time (breadth-first search, then the modularity), O(n) extra memory.
///
/// # Reference
/// Same sets as NetworkX `nx.connected_components(G)`.
///
/// # Examples
/// ```
/// use puentes_analysis::community::connected_components;
/// use puentes_analysis::network::Network;
/// let net = Network::from_edges(5, &[(0, 1, 1.0), (3, 4, 1.0)]);
/// let p = connected_components(&net);
/// assert_eq!(p.membership, vec![0, 0, 1, 2, 2]);
/// assert_eq!(p.count, 3);
/// ```
pub fn connected_components(net: &Network) -> Partition {
    let c = crate::components::components(net);
    Partition {
        modularity: modularity(net, &c.label, 1.0),
        membership: c.label,
        count: c.count,
    }
}

// ---------------------------------------------------------------------------------------
// Private weighted graph used by the optimisers (original network or an aggregate).

/// A weighted CSR graph with self-loops: the network itself (its CSR arrays borrowed, not
/// copied) or an aggregate (owned arrays). The separate `loops` array is why the optimisers
/// do not run on [`Network`] directly: an aggregated node keeps the weight of the edges
/// collapsed inside it.
#[derive(Debug, Clone)]
struct Level<'a> {
    offsets: Cow<'a, [usize]>,
    targets: Cow<'a, [u32]>,
    weights: Cow<'a, [f64]>,
    /// Total weight of the edges collapsed inside each node (each edge once).
    loops: Vec<f64>,
    /// Weighted degree: Σ_j w_ij + 2·loops_i.
    strength: Vec<f64>,
}

impl<'a> Level<'a> {
    /// Level 0: the network's own CSR arrays, borrowed.
    fn from_network(net: &'a Network) -> Self {
        let (offsets, targets, weights) = net.csr();
        let n = net.node_count();
        let strength = (0..n)
            .map(|v| net.neighbor_weights(v as Node).iter().sum())
            .collect();
        Level {
            offsets: Cow::Borrowed(offsets),
            targets: Cow::Borrowed(targets),
            weights: Cow::Borrowed(weights),
            loops: vec![0.0; n],
            strength,
        }
    }

    fn len(&self) -> usize {
        self.loops.len()
    }

    #[inline]
    fn adj(&self, v: usize) -> (&[u32], &[f64]) {
        let (lo, hi) = (self.offsets[v], self.offsets[v + 1]);
        (&self.targets[lo..hi], &self.weights[lo..hi])
    }

    /// Collapses each community of `comm` (labels `0..k`) into one node. Runs of
    /// consecutive communities ([`community_runs`]) are collapsed in parallel and joined in
    /// order: the result does not depend on the thread pool.
    fn aggregate(&self, comm: &[u32], k: usize) -> Level<'static> {
        let (start, members) = members_by_community(comm, k);
        let runs = community_runs(self, &start, &members);
        let parts: Vec<Aggregated> = runs
            .into_par_iter()
            .map(|(range, arcs)| {
                // At most as many arcs as its members have: one allocation, no copies while
                // it grows (pages never written are never touched).
                let mut part = Aggregated {
                    degrees: Vec::with_capacity(range.len()),
                    targets: Vec::with_capacity(arcs),
                    weights: Vec::with_capacity(arcs),
                    loops: vec![0.0; range.len()],
                    strength: vec![0.0; range.len()],
                };
                let mut acc = Accumulator::new(k);
                for (i, c) in range.enumerate() {
                    for &v in &members[start[c]..start[c + 1]] {
                        let v = v as usize;
                        part.loops[i] += self.loops[v];
                        part.strength[i] += self.strength[v];
                        let (ts, ws) = self.adj(v);
                        for (&u, &w) in ts.iter().zip(ws) {
                            let cu = comm[u as usize];
                            if cu as usize == c {
                                // Each internal edge is seen from both ends.
                                part.loops[i] += 0.5 * w;
                            } else {
                                acc.add(cu, w);
                            }
                        }
                    }
                    let before = part.targets.len();
                    for (d, w) in acc.entries() {
                        part.targets.push(d);
                        part.weights.push(w);
                    }
                    part.degrees.push(part.targets.len() - before);
                    acc.clear();
                }
                part
            })
            .collect();
        let arcs = parts.iter().map(|p| p.targets.len()).sum();
        let mut offsets = Vec::with_capacity(k + 1);
        offsets.push(0);
        let (mut targets, mut weights) = (Vec::with_capacity(arcs), Vec::with_capacity(arcs));
        let (mut loops, mut strength) = (Vec::with_capacity(k), Vec::with_capacity(k));
        for part in parts {
            for d in part.degrees {
                offsets.push(offsets[offsets.len() - 1] + d);
            }
            targets.extend_from_slice(&part.targets);
            weights.extend_from_slice(&part.weights);
            loops.extend_from_slice(&part.loops);
            strength.extend_from_slice(&part.strength);
        }
        Level {
            offsets: Cow::Owned(offsets),
            targets: Cow::Owned(targets),
            weights: Cow::Owned(weights),
            loops,
            strength,
        }
    }
}

/// The aggregate of a run of consecutive communities (see [`Level::aggregate`]).
struct Aggregated {
    /// Arcs of each community.
    degrees: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    loops: Vec<f64>,
    strength: Vec<f64>,
}

/// Runs of consecutive communities (`start` and `members` as [`members_by_community`]
/// gives them) holding about the same number of arcs of `g`, a few per thread: the units of
/// parallel work of [`Level::aggregate`] and [`leiden_refine`]. Each community is handled
/// alone, so how they are grouped changes no result.
/// Returns each run with its number of arcs.
fn community_runs(
    g: &Level,
    start: &[usize],
    members: &[u32],
) -> Vec<(std::ops::Range<usize>, usize)> {
    let k = start.len() - 1;
    let share = g.targets.len() / (4 * rayon::current_num_threads()) + 1;
    let mut runs = Vec::new();
    let (mut from, mut load) = (0, 0usize);
    for c in 0..k {
        load += members[start[c]..start[c + 1]]
            .iter()
            .map(|&v| g.offsets[v as usize + 1] - g.offsets[v as usize])
            .sum::<usize>();
        if load >= share || c + 1 == k {
            runs.push((from..c + 1, load));
            (from, load) = (c + 1, 0);
        }
    }
    runs
}

/// The members of each community of `comm` (labels `0..k`), by counting sort: community
/// `c` holds `members[start[c]..start[c + 1]]`, in ascending node order.
fn members_by_community(comm: &[u32], k: usize) -> (Vec<usize>, Vec<u32>) {
    let mut start = vec![0usize; k + 1];
    for &c in comm {
        start[c as usize + 1] += 1;
    }
    for c in 0..k {
        start[c + 1] += start[c];
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; comm.len()];
    for (v, &c) in comm.iter().enumerate() {
        members[fill[c as usize]] = v as u32;
        fill[c as usize] += 1;
    }
    (start, members)
}

/// Dense accumulator of weights per community, with the list of touched communities in
/// order of first touch (so iteration order is deterministic). An untouched community's
/// weight is −0.0, which no sum of weights yields (x + (−x) is +0.0): whether a community
/// was touched is read off its own weight, so adding a neighbour's weight costs one random
/// access to an 8-byte cell after reading its community (a separate slot index and list
/// cost two: on CORDIS the local moving spent a third of its time waiting on the second;
/// a stamp beside each weight doubled the cells' size).
#[derive(Debug)]
struct Accumulator {
    /// Per community: its weight, or −0.0 when untouched since the last clear.
    cells: Vec<f64>,
    /// Communities touched since the last clear, in order of first touch: the first `len`
    /// entries (one slot per community, written before it is known whether it counts).
    touched: Vec<u32>,
    len: usize,
}

/// The weight of an untouched community.
const UNTOUCHED: f64 = -0.0;

impl Accumulator {
    fn new(n: usize) -> Self {
        Accumulator {
            cells: vec![UNTOUCHED; n],
            touched: vec![0; n + 1],
            len: 0,
        }
    }

    /// Adds `w` to community `c`'s weight. `w` must not be −0.0, or a later add would
    /// list `c` again: the network stores a −0.0 weight as +0.0, and sums of its weights
    /// are never −0.0.
    #[inline]
    fn add(&mut self, c: u32, w: f64) {
        // Without a branch: whether `c` was touched before is a coin toss for the
        // predictor. −0.0 + w is w, bit for bit.
        debug_assert!(w.to_bits() != UNTOUCHED.to_bits(), "a weight of -0.0");
        let cell = &mut self.cells[c as usize];
        let fresh = cell.to_bits() == UNTOUCHED.to_bits();
        *cell += w;
        self.touched[self.len] = c;
        self.len += usize::from(fresh);
    }

    /// Community `c`'s weight (0 when untouched).
    #[inline]
    fn get(&self, c: u32) -> f64 {
        self.cells[c as usize]
    }

    /// The touched communities and their weights, in order of first touch.
    fn entries(&self) -> impl Iterator<Item = (u32, f64)> + '_ {
        self.touched[..self.len]
            .iter()
            .map(|&c| (c, self.cells[c as usize]))
    }

    #[inline]
    fn clear(&mut self) {
        for &c in &self.touched[..self.len] {
            self.cells[c as usize] = UNTOUCHED;
        }
        self.len = 0;
    }
}

/// Tolerance for "strictly better" moves, relative to the node's strength, so rounding noise
/// cannot make nodes oscillate between equally good communities.
const MOVE_EPS: f64 = 1e-12;

/// Takes node `v` out of its community (its strength leaves `tot`) and returns the best
/// community for it with that community's gain `k_v,c − γ·tot_c·k_v/2m` (edge-weight
/// units); `scale` is γ/2m. The current community wins ties. The caller puts `v` back by
/// adding its strength to the chosen community's total.
#[inline]
fn best_move(
    g: &Level,
    comm: &[u32],
    tot: &mut [f64],
    v: usize,
    scale: f64,
    acc: &mut Accumulator,
) -> (u32, f64) {
    let (ts, ws) = g.adj(v);
    for (&u, &w) in ts.iter().zip(ws) {
        acc.add(comm[u as usize], w);
    }
    let cur = comm[v];
    let kv = g.strength[v];
    tot[cur as usize] -= kv;
    let mut best = cur;
    let mut best_gain = acc.get(cur) - scale * tot[cur as usize] * kv;
    let eps = MOVE_EPS * (1.0 + kv);
    for (c, w) in acc.entries() {
        let gain = w - scale * tot[c as usize] * kv;
        if gain > best_gain + eps {
            best = c;
            best_gain = gain;
        }
    }
    acc.clear();
    (best, best_gain)
}

fn two_m(g: &Level) -> f64 {
    g.strength.iter().sum()
}

/// The modularity at `resolution` of the partition `comm` of a level's nodes: the
/// [`modularity`] of the partition of the network it stands for (each level node holds the
/// weight inside it as a loop), up to rounding (the sums run in another order), read from
/// the last aggregate, which is far smaller than the network.
fn level_modularity(g: &Level, comm: &[u32], resolution: f64) -> f64 {
    let k = comm.iter().max().map_or(0, |&c| c as usize + 1);
    let (mut inside, mut total) = (vec![0.0; k], vec![0.0; k]);
    for v in 0..g.len() {
        let c = comm[v] as usize;
        total[c] += g.strength[v];
        inside[c] += 2.0 * g.loops[v];
        let (ts, ws) = g.adj(v);
        for (&u, &w) in ts.iter().zip(ws) {
            if comm[u as usize] as usize == c {
                inside[c] += w;
            }
        }
    }
    score(&inside, &total, resolution)
}

/// Louvain community detection: greedy modularity optimisation by local moving and
/// aggregation.
///
/// Each level moves each node to the neighbouring community with the largest modularity gain
/// ΔQ ∝ k_{v,c} − γ · Σ_c · k_v / 2m (k_{v,c}: weight from v to community c, Σ_c: total
/// strength of c without v, k_v: strength of v, m: total weight). The nodes wait in a queue,
/// at first all of them in a seeded random order; a node that moves puts back in the queue
/// its neighbours outside its new community (their best move may now be to follow it), and
/// the level ends when the queue is empty. Then each community
/// becomes one node (runs of communities are collapsed in parallel, joined in order: the same
/// result on any thread pool) and the process repeats until no node moves. The modularity
/// returned is read off the last aggregate.
///
/// The queue is Ozaki, Tezuka and Inaba's pruning (the fast local moving of Leiden): Blondel
/// et al.'s sweeps revisit every node until a whole sweep moves none, 17 sweeps of all
/// 32,012 nodes at the first level of cordis-h2020-2014-2019. With the queue Louvain takes
/// about 0.6 of the time there (0.12–0.13 s instead of 0.20 s) and half on soc-Slashdot0902,
/// at the same modularity up to noise (medians over 10 seeds: 0.43416 against 0.43420 with
/// sweeps on CORDIS, 0.3525 against 0.3531 on Slashdot).
///
/// # Arguments
/// * `net` — the network (weights = collapsed tie strengths).
/// * `resolution` — γ (1 = classical modularity).
/// * `seed` — seed of the [`ChaCha8Rng`] that orders the nodes at every level.
///
/// # Returns
/// A [`Partition`] (numbered by smallest node index) with its modularity at γ.
/// Isolated organizations form singleton communities.
///
/// # Complexity
/// O(deg v) per visit of node v; in practice near-linear overall. O(n + m) extra memory.
///
/// # Reference
/// V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre, "Fast unfolding of communities
/// in large networks", J. Stat. Mech. (2008) P10008; N. Ozaki, H. Tezuka, M. Inaba, "A
/// simple acceleration method for the Louvain algorithm", Int. J. Computer and Electrical
/// Engineering 8 (2016) 207–218. Like NetworkX `louvain_communities(G,
/// weight="weight", resolution=γ, seed=...)` (a different random generator, so partitions
/// are not identical, but of comparable modularity).
///
/// # Examples
/// ```
/// use puentes_analysis::community::louvain;
/// use puentes_analysis::network::Network;
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
/// let p = louvain(&net, 1.0, 7);
/// assert_eq!(p.membership, vec![0, 0, 0, 1, 1, 1]);
/// assert!((p.modularity - (6.0 / 7.0 - 0.5)).abs() < 1e-12);
/// ```
pub fn louvain(net: &Network, resolution: f64, seed: u64) -> Partition {
    let n = net.node_count();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut level = Level::from_network(net);
    let total = two_m(&level);
    if total == 0.0 {
        let labels: Vec<u32> = (0..n as u32).collect();
        return Partition::from_labels(net, &labels, resolution);
    }
    let scale = resolution / total;
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let mut acc = Accumulator::new(n);
    loop {
        let ln = level.len();
        let mut comm: Vec<u32> = (0..ln as u32).collect();
        let mut tot = level.strength.clone();
        let moves = Moves {
            scale,
            to_empty: false,
        };
        if !fast_move(&level, &mut comm, &mut tot, moves, &mut rng, &mut acc) {
            break;
        }
        let (comm, k) = renumber(&comm);
        for m in membership.iter_mut() {
            *m = comm[*m as usize];
        }
        if k == ln {
            break;
        }
        level = level.aggregate(&comm, k);
    }
    // Each node of the last level is one community.
    let own: Vec<u32> = (0..level.len() as u32).collect();
    let modularity = level_modularity(&level, &own, resolution);
    let (membership, count) = renumber(&membership);
    Partition {
        membership,
        count,
        modularity,
    }
}

/// How nodes move in [`fast_move`].
#[derive(Debug, Clone, Copy)]
struct Moves {
    /// γ/2m.
    scale: f64,
    /// Whether a node whose every neighbouring community loses may leave for an empty
    /// community (Leiden) or stays (Louvain).
    to_empty: bool,
}

/// Fast local moving (Traag, Waltman, van Eck 2019; Ozaki, Tezuka, Inaba 2016 for Louvain):
/// a queue of nodes, initially all in a seeded random order; each node moves to its best
/// community, and a node whose move changes its community re-queues its neighbours outside
/// the new community. Stops when the queue is empty. Returns whether any node moved.
/// Inlined into both callers: called as a function, Leiden's first moving phase on
/// soc-Slashdot0902 ran 20–30% slower in alternating trials.
#[inline(always)]
fn fast_move(
    g: &Level,
    comm: &mut [u32],
    tot: &mut [f64],
    moves: Moves,
    rng: &mut ChaCha8Rng,
    acc: &mut Accumulator,
) -> bool {
    let scale = moves.scale;
    let n = g.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.shuffle(rng);
    let mut queue: VecDeque<u32> = order.into_iter().collect();
    let mut queued = vec![true; n];
    let mut size = vec![0u32; n];
    for &c in comm.iter() {
        size[c as usize] += 1;
    }
    let mut empty: Vec<u32> = (0..n as u32).filter(|&c| size[c as usize] == 0).collect();
    // Pop from the end so the smallest free labels are reused first.
    empty.reverse();
    let mut any = false;
    while let Some(v) = queue.pop_front() {
        let v = v as usize;
        // The queue is in random order, so each node's ties start at a random place of the
        // network's arrays: asking the processor for the ties of the node after next while
        // this one is evaluated took 3–10% off Louvain and Leiden on CORDIS and Slashdot.
        if let Some(&next) = queue.get(1) {
            let lo = g.offsets[next as usize];
            prefetch_index(&*g.targets, lo);
            prefetch_index(&*g.weights, lo);
        }
        queued[v] = false;
        let cur = comm[v];
        let kv = g.strength[v];
        let (mut best, best_gain) = best_move(g, comm, tot, v, scale, acc);
        // An empty community has gain 0 (no ties, no strength).
        if moves.to_empty && best_gain < -MOVE_EPS * (1.0 + kv) && size[cur as usize] > 1 {
            if let Some(&e) = empty.last() {
                best = e;
            }
        }
        tot[best as usize] += kv;
        if best != cur {
            any = true;
            if best == empty.last().copied().unwrap_or(u32::MAX) {
                empty.pop();
            }
            size[cur as usize] -= 1;
            if size[cur as usize] == 0 {
                empty.push(cur);
            }
            size[best as usize] += 1;
            comm[v] = best;
            for &u in g.adj(v).0 {
                if !queued[u as usize] && comm[u as usize] != best {
                    queued[u as usize] = true;
                    queue.push_back(u);
                }
            }
        }
    }
    any
}

/// Leiden refinement: inside each community of `comm` (labels `0..k`), starts from
/// singletons and merges well-connected singleton nodes into well-connected
/// sub-communities, choosing randomly among non-negative gains with probability
/// ∝ exp(ΔH/θ). Returns refined labels (not contiguous: each is a node of the refined
/// community, which lies inside one community of `comm`).
///
/// The refinement of a community never looks outside it, so the communities are refined in
/// parallel, each with its own random stream (stream `c` of a [`ChaCha8Rng`] seeded with
/// `seed`): the result does not depend on the thread pool.
fn leiden_refine(g: &Level, comm: &[u32], k: usize, scale: f64, seed: u64) -> Vec<u32> {
    let n = g.len();
    let (start, members) = members_by_community(comm, k);
    let mut comm_tot = vec![0.0; k];
    for v in 0..n {
        comm_tot[comm[v] as usize] += g.strength[v];
    }
    // Each node's community and its place among the community's members, side by side:
    // one read per neighbour.
    let mut slot = vec![(0u32, 0u32); n];
    for c in 0..k {
        for (i, &v) in members[start[c]..start[c + 1]].iter().enumerate() {
            slot[v as usize] = (c as u32, i as u32);
        }
    }
    // Each run of communities writes its own slice of `out` (refined labels in member
    // order).
    let mut out = vec![0u32; n];
    let mut jobs = Vec::new();
    let mut rest: &mut [u32] = &mut out;
    for (range, _) in community_runs(g, &start, &members) {
        let (slice, tail) = rest.split_at_mut(start[range.end] - start[range.start]);
        jobs.push((range, slice));
        rest = tail;
    }
    let (start, members, slot) = (&start, &members, &slot);
    jobs.into_par_iter().for_each(|(range, out)| {
        let largest = range.clone().map(|c| start[c + 1] - start[c]).max();
        let mut scratch = RefineScratch::new(largest.unwrap_or(0));
        let base = start[range.start];
        for c in range {
            let (lo, hi) = (start[c], start[c + 1]);
            let community = Community {
                label: c as u32,
                members: &members[lo..hi],
                total: comm_tot[c],
            };
            refine_community(
                g,
                slot,
                &community,
                scale,
                seed,
                &mut scratch,
                &mut out[lo - base..hi - base],
            );
        }
    });
    let mut refined = vec![0u32; n];
    for (&v, &r) in members.iter().zip(&out) {
        refined[v as usize] = r;
    }
    refined
}

/// One community of the partition being refined.
struct Community<'a> {
    label: u32,
    /// Its nodes, ascending.
    members: &'a [u32],
    /// Σ of their strengths.
    total: f64,
}

/// Per-thread working arrays of [`refine_community`], indexed by a node's place among its
/// community's members.
struct RefineScratch {
    /// Refined community of each member (the place of the member it is named after).
    refined: Vec<u32>,
    /// Weight from each refined community to the rest of the community.
    ext: Vec<f64>,
    /// Strength of each refined community.
    tot: Vec<f64>,
    singleton: Vec<bool>,
    order: Vec<u32>,
    candidates: Vec<(u32, f64)>,
    acc: Accumulator,
}

impl RefineScratch {
    fn new(largest: usize) -> Self {
        RefineScratch {
            refined: Vec::with_capacity(largest),
            ext: Vec::with_capacity(largest),
            tot: Vec::with_capacity(largest),
            singleton: Vec::with_capacity(largest),
            order: Vec::with_capacity(largest),
            candidates: Vec::new(),
            acc: Accumulator::new(largest),
        }
    }
}

/// Refines one community (see [`leiden_refine`]); writes the refined community of each
/// member, as a node, to `out`.
fn refine_community(
    g: &Level,
    slot: &[(u32, u32)],
    community: &Community,
    scale: f64,
    seed: u64,
    s: &mut RefineScratch,
    out: &mut [u32],
) {
    const THETA: f64 = 0.01;
    let Community {
        label: c,
        members,
        total,
    } = *community;
    let size = members.len();
    if size == 1 {
        out[0] = members[0];
        return;
    }
    s.refined.clear();
    s.refined.extend(0..size as u32);
    s.tot.clear();
    s.tot
        .extend(members.iter().map(|&v| g.strength[v as usize]));
    s.singleton.clear();
    s.singleton.resize(size, true);
    // ext of each singleton: its weight to the rest of the community.
    s.ext.clear();
    s.ext.extend(members.iter().map(|&v| {
        let (ts, ws) = g.adj(v as usize);
        ts.iter()
            .zip(ws)
            .filter(|(&u, _)| slot[u as usize].0 == c)
            .map(|(_, &w)| w)
            .sum::<f64>()
    }));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::from(c));
    s.order.clear();
    s.order.extend(0..size as u32);
    s.order.shuffle(&mut rng);
    let acc = &mut s.acc;
    for &i in &s.order {
        let i = i as usize;
        if !s.singleton[i] {
            continue;
        }
        let v = members[i] as usize;
        let kv = g.strength[v];
        // v must be well connected to its community.
        if s.ext[i] < scale * kv * (total - kv) {
            continue;
        }
        let (ts, ws) = g.adj(v);
        for (&u, &w) in ts.iter().zip(ws) {
            let (cu, place) = slot[u as usize];
            if cu == c {
                acc.add(s.refined[place as usize], w);
            }
        }
        // Candidates: v's own singleton (gain 0) and well-connected refined communities
        // with non-negative gain.
        let cand = &mut s.candidates;
        cand.clear();
        cand.push((i as u32, 0.0));
        let mut max_gain = 0.0f64;
        for (r, w) in acc.entries() {
            let rt = s.tot[r as usize];
            if r as usize == i || s.ext[r as usize] < scale * rt * (total - rt) {
                continue;
            }
            let gain = w - scale * rt * kv;
            if gain >= 0.0 {
                cand.push((r, gain));
                max_gain = max_gain.max(gain);
            }
        }
        let chosen = if cand.len() == 1 {
            i as u32
        } else {
            // Each candidate's weight exp(ΔH/θ), relative to the largest; computed once.
            let mut sum = 0.0;
            for cd in cand.iter_mut() {
                cd.1 = ((cd.1 - max_gain) / THETA).exp();
                sum += cd.1;
            }
            let mut x = rng.random::<f64>() * sum;
            let mut pick = cand[cand.len() - 1].0;
            for &(r, weight) in cand.iter() {
                x -= weight;
                if x < 0.0 {
                    pick = r;
                    break;
                }
            }
            pick
        };
        if chosen as usize != i {
            let w_ir = acc.get(chosen);
            let r = chosen as usize;
            s.ext[r] = s.ext[r] + s.ext[i] - 2.0 * w_ir;
            s.tot[r] += kv;
            s.tot[i] = 0.0;
            s.refined[i] = chosen;
            s.singleton[i] = false;
            // The target's original member (label r is member r) is no longer alone.
            s.singleton[r] = false;
        }
        acc.clear();
    }
    for (o, &r) in out.iter_mut().zip(&s.refined) {
        *o = members[r as usize];
    }
}

/// Leiden community detection with two iterations, igraph's default: see
/// [`leiden_iterations`].
///
/// # Arguments
/// * `net` — the network (weights = collapsed tie strengths).
/// * `resolution` — γ (1 = classical modularity).
/// * `seed` — seed of the [`ChaCha8Rng`] used for node orders and refinement choices.
///
/// # Returns
/// A [`Partition`] (numbered by smallest node index) with its modularity at γ.
///
/// # Complexity
/// As [`leiden_iterations`] with 2 iterations.
///
/// # Reference
/// V. A. Traag, L. Waltman, N. J. van Eck (2019); same default as igraph
/// `community_leiden(objective_function="modularity", n_iterations=2)`.
///
/// # Examples
/// ```
/// use puentes_analysis::community::leiden;
/// use puentes_analysis::network::Network;
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
/// let p = leiden(&net, 1.0, 7);
/// assert_eq!(p.membership, vec![0, 0, 0, 1, 1, 1]);
/// assert!((p.modularity - (6.0 / 7.0 - 0.5)).abs() < 1e-12);
/// ```
pub fn leiden(net: &Network, resolution: f64, seed: u64) -> Partition {
    leiden_iterations(net, resolution, seed, 2)
}

/// Leiden community detection: Louvain's local moving plus a refinement step that
/// guarantees well-connected communities, optimising modularity with resolution γ.
///
/// Each iteration runs fast local moving (queue-based; gain
/// ΔQ ∝ k_{v,c} − γ · Σ_c · k_v / 2m as in [`louvain`]), refines every community from
/// singletons (merging only nodes and sub-communities C with
/// E(C, S∖C) ≥ γ · ‖C‖ · (‖S‖ − ‖C‖) / 2m, choosing among non-negative gains ΔH with
/// probability ∝ exp(ΔH/θ), θ = 0.01, like igraph's β), aggregates by the refined partition
/// and repeats until every community is one aggregate node. Each further iteration starts
/// from the previous partition; iterations stop early when the partition no longer changes.
/// More iterations raise modularity a little (on soc-Slashdot0902, about +0.003 from 2 to 10
/// iterations) at proportional cost.
///
/// The moving runs on one thread; the refinement and the aggregation handle runs of
/// communities on the rayon pool (each community refined with its own random stream), with
/// the same result for any number of threads. The modularity returned is read off the last
/// aggregate.
///
/// # Arguments
/// * `net` — the network (weights = collapsed tie strengths).
/// * `resolution` — γ (1 = classical modularity).
/// * `seed` — seed of the [`ChaCha8Rng`] used for node orders and refinement choices (and
///   of the refinement's per-community streams).
/// * `max_iterations` — at most this many iterations (at least 1 is run).
///
/// # Returns
/// A [`Partition`] (numbered by smallest node index) with its modularity at γ.
///
/// # Complexity
/// Near-linear in m per iteration in practice; O(n + m) extra memory.
///
/// # Reference
/// V. A. Traag, L. Waltman, N. J. van Eck, "From Louvain to Leiden: guaranteeing
/// well-connected communities", Scientific Reports 9 (2019) 5233. Same objective as igraph
/// `community_leiden(objective_function="modularity", weights="weight",
/// resolution=γ, n_iterations=max_iterations)`.
///
/// # Examples
/// ```
/// use puentes_analysis::community::leiden_iterations;
/// use puentes_analysis::network::Network;
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
/// let p = leiden_iterations(&net, 1.0, 7, 10);
/// assert_eq!(p.count, 2);
/// assert!((p.modularity - (6.0 / 7.0 - 0.5)).abs() < 1e-12);
/// ```
pub fn leiden_iterations(
    net: &Network,
    resolution: f64,
    seed: u64,
    max_iterations: usize,
) -> Partition {
    let n = net.node_count();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let base = Level::from_network(net);
    let total = two_m(&base);
    if total == 0.0 {
        let labels: Vec<u32> = (0..n as u32).collect();
        return Partition::from_labels(net, &labels, resolution);
    }
    let scale = resolution / total;
    let mut acc = Accumulator::new(n);
    let mut result: Vec<u32> = (0..n as u32).collect();
    let mut modularity = f64::NAN;
    for _ in 0..max_iterations.max(1) {
        let (next, q) = leiden_iteration(&base, &result, scale, resolution, &mut rng, &mut acc);
        let changed = next != result;
        (result, modularity) = (next, q);
        if !changed {
            break;
        }
    }
    let count = result.iter().max().map_or(0, |&c| c as usize + 1);
    Partition {
        membership: result,
        count,
        modularity,
    }
}

/// One Leiden iteration from the partition `start` (labels renumbered `0..k`). Returns the
/// new partition, renumbered by smallest node index, and its modularity at `resolution`
/// (`scale` is γ/2m).
fn leiden_iteration(
    base: &Level,
    start: &[u32],
    scale: f64,
    resolution: f64,
    rng: &mut ChaCha8Rng,
    acc: &mut Accumulator,
) -> (Vec<u32>, f64) {
    let n = base.len();
    let mut membership: Vec<u32> = (0..n as u32).collect(); // original node -> level node
    let mut level_owned: Option<Level> = None;
    let mut comm: Vec<u32> = renumber(start).0;
    loop {
        let g = level_owned.as_ref().unwrap_or(base);
        let ln = g.len();
        let mut tot = vec![0.0; ln];
        for v in 0..ln {
            tot[comm[v] as usize] += g.strength[v];
        }
        let moves = Moves {
            scale,
            to_empty: true,
        };
        fast_move(g, &mut comm, &mut tot, moves, rng, acc);
        let (c, k) = renumber(&comm);
        comm = c;
        if k == ln {
            break;
        }
        let refined = leiden_refine(g, &comm, k, scale, rng.random());
        let (refined, kr) = renumber(&refined);
        // Initial partition of the aggregate: the (unrefined) community of each refined part.
        let mut next_comm = vec![0u32; kr];
        for v in 0..ln {
            next_comm[refined[v] as usize] = comm[v];
        }
        for m in membership.iter_mut() {
            *m = refined[*m as usize];
        }
        let agg = g.aggregate(&refined, kr);
        level_owned = Some(agg);
        comm = next_comm;
        if kr == ln {
            // Refinement merged nothing: aggregation cannot progress; one more move pass
            // on the same graph would repeat this one.
            break;
        }
    }
    let g = level_owned.as_ref().unwrap_or(base);
    let modularity = level_modularity(g, &comm, resolution);
    let flat: Vec<u32> = membership.iter().map(|&m| comm[m as usize]).collect();
    (renumber(&flat).0, modularity)
}

/// Label propagation: every organization adopts the label carrying the largest total tie
/// weight among its neighbours, until every label is already one of the heaviest.
///
/// Nodes are visited in a fresh seeded random order each sweep; a node keeps its label when
/// that label is among the heaviest (within 1e-12), otherwise it picks one of the heaviest
/// uniformly at random. Stops after a sweep with no change (or 1000 sweeps).
///
/// # Arguments
/// * `net` — the network (weights = collapsed tie strengths).
/// * `seed` — seed of the [`ChaCha8Rng`] for visiting orders and tie breaks.
///
/// # Returns
/// A [`Partition`] (numbered by smallest node index) with its modularity at γ = 1.
///
/// # Complexity
/// O(m) per sweep, O(n) extra memory.
///
/// # Reference
/// U. N. Raghavan, R. Albert, S. Kumara, "Near linear time algorithm to detect community
/// structures in large-scale networks", Phys. Rev. E 76 (2007). Like NetworkX
/// `asyn_lpa_communities(G, weight="weight", seed=...)` (different random generator).
///
/// # Examples
/// ```
/// use puentes_analysis::community::label_propagation;
/// use puentes_analysis::network::Network;
/// // Two 4-cliques with no tie between them end up as two communities.
/// let mut e = Vec::new();
/// for a in 0..4 { for b in a + 1..4 { e.push((a, b, 1.0)); e.push((a + 4, b + 4, 1.0)); } }
/// let p = label_propagation(&Network::from_edges(8, &e), 3);
/// assert_eq!(p.membership, vec![0, 0, 0, 0, 1, 1, 1, 1]);
/// ```
pub fn label_propagation(net: &Network, seed: u64) -> Partition {
    const MAX_SWEEPS: usize = 1000;
    let n = net.node_count();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut acc = Accumulator::new(n);
    let mut best: Vec<u32> = Vec::new();
    for _ in 0..MAX_SWEEPS {
        order.shuffle(&mut rng);
        let mut changed = false;
        for &v in &order {
            let ns = net.neighbors(v);
            if ns.is_empty() {
                continue;
            }
            for (&u, &w) in ns.iter().zip(net.neighbor_weights(v)) {
                acc.add(labels[u as usize], w);
            }
            let max = acc
                .entries()
                .map(|(_, w)| w)
                .fold(f64::NEG_INFINITY, f64::max);
            let tol = 1e-12 * (1.0 + max.abs());
            best.clear();
            best.extend(
                acc.entries()
                    .filter(|&(_, w)| w >= max - tol)
                    .map(|(l, _)| l),
            );
            acc.clear();
            let cur = labels[v as usize];
            if !best.contains(&cur) {
                labels[v as usize] = best[rng.random_range(0..best.len())];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    Partition::from_labels(net, &labels, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::small_graphs::two_triangles;

    #[test]
    fn renumber_numbers_labels_by_first_appearance_small_or_large() {
        // Small labels take the dense table, large ones the hash map: same numbering.
        assert_eq!(renumber(&[5, 5, 2, 7, 2]), (vec![0, 0, 1, 2, 1], 3));
        assert_eq!(
            renumber(&[4_000_000_000, 4_000_000_000, 9, u32::MAX, 9]),
            (vec![0, 0, 1, 2, 1], 3)
        );
        assert_eq!(renumber(&[]), (vec![], 0));
    }

    fn k(n: u32) -> Network {
        let mut e = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                e.push((a, b, 1.0));
            }
        }
        Network::from_edges(n as usize, &e)
    }

    /// `cliques` cliques of size `size` joined in a ring by single edges.
    fn ring_of_cliques(cliques: u32, size: u32) -> Network {
        let mut e = Vec::new();
        for c in 0..cliques {
            let o = c * size;
            for a in 0..size {
                for b in a + 1..size {
                    e.push((o + a, o + b, 1.0));
                }
            }
            e.push((o, ((c + 1) % cliques) * size + 1, 1.0));
        }
        Network::from_edges((cliques * size) as usize, &e)
    }

    #[test]
    fn modularity_hand_values() {
        // K5: singletons give −Σ (4/20)² = −0.2; one community gives 1 − 1 = 0.
        let net = k(5);
        assert_close!(modularity(&net, &[0, 1, 2, 3, 4], 1.0), -0.2, 1e-12);
        assert_close!(modularity(&net, &[9, 9, 9, 9, 9], 1.0), 0.0, 1e-12);
        // Two triangles: 6/7 − γ·2·(1/2)².
        let net = two_triangles();
        assert_close!(
            modularity(&net, &[0, 0, 0, 1, 1, 1], 1.0),
            6.0 / 7.0 - 0.5,
            1e-12
        );
        assert_close!(
            modularity(&net, &[5, 5, 5, 2, 2, 2], 2.0),
            6.0 / 7.0 - 1.0,
            1e-12
        );
        // Weighted: path 0-1 (w 3), 1-2 (w 1); {0,1},{2}: m = 4, L = 3, d = 7 and 1.
        let net = Network::from_edges(3, &[(0, 1, 3.0), (1, 2, 1.0)]);
        assert_close!(
            modularity(&net, &[0, 0, 1], 1.0),
            3.0 / 4.0 - (7.0f64 / 8.0).powi(2) - (1.0f64 / 8.0).powi(2),
            1e-12
        );
        assert!(modularity(&Network::from_edges(2, &[]), &[0, 1], 1.0).is_nan());
    }

    #[test]
    fn components_are_numbered_by_smallest_node() {
        let net = Network::from_edges(6, &[(4, 5, 1.0), (1, 3, 1.0)]);
        let p = connected_components(&net);
        assert_eq!(p.membership, vec![0, 1, 2, 1, 3, 3]);
        assert_eq!(p.count, 4);
        assert_eq!(p.sizes(), vec![1, 2, 1, 2]);
        assert_eq!(p.communities()[1], vec![1, 3]);
    }

    #[test]
    fn louvain_and_leiden_find_planted_cliques() {
        let net = ring_of_cliques(8, 5);
        let expected: Vec<u32> = (0..40).map(|v| v / 5).collect();
        // Each clique: 10 internal edges; ring adds 8 edges; m = 88; each clique strength 22.
        let q = 8.0 * (10.0 / 88.0 - (22.0f64 / 176.0).powi(2));
        for seed in 0..5 {
            let p = louvain(&net, 1.0, seed);
            assert_eq!(p.membership, expected, "louvain seed {seed}");
            assert_close!(p.modularity, q, 1e-12);
            let p = leiden(&net, 1.0, seed);
            assert_eq!(p.membership, expected, "leiden seed {seed}");
            assert_close!(p.modularity, q, 1e-12);
            let p = label_propagation(&net, seed);
            assert_close!(p.modularity, modularity(&net, &p.membership, 1.0), 1e-12);
        }
    }

    #[test]
    fn optimisers_report_the_modularity_of_their_partition() {
        // Louvain and Leiden read the modularity off their last aggregate; it must be the
        // modularity of the partition they return, at any resolution, with weights.
        let plain = random_graph(400, 0.02, 3);
        let (offsets, targets, _) = plain.csr();
        let mut edges = Vec::new();
        for v in 0..plain.node_count() {
            for &u in &targets[offsets[v]..offsets[v + 1]] {
                if (v as u32) < u {
                    edges.push((v as u32, u, 1.0 + f64::from((v as u32 * 7 + u) % 5) * 0.75));
                }
            }
        }
        let net = Network::from_edges(400, &edges);
        for resolution in [0.5, 1.0, 2.5] {
            for seed in 0..3 {
                for p in [
                    louvain(&net, resolution, seed),
                    leiden(&net, resolution, seed),
                    leiden_iterations(&net, resolution, seed, 5),
                ] {
                    let q = modularity(&net, &p.membership, resolution);
                    assert_close!(p.modularity, q, 1e-12);
                    assert_eq!(p.count, renumber(&p.membership).1);
                }
            }
        }
    }

    #[test]
    fn resolution_controls_granularity() {
        let net = ring_of_cliques(8, 5);
        // Tiny γ merges everything into one community (Q_γ→0 favours one block).
        let p = louvain(&net, 0.01, 1);
        assert_eq!(p.count, 1);
        let p = leiden(&net, 0.01, 1);
        assert_eq!(p.count, 1);
        // Huge γ splits into singletons or near-singletons.
        assert!(louvain(&net, 50.0, 1).count >= 20);
        assert!(leiden(&net, 50.0, 1).count >= 20);
    }

    #[test]
    fn edgeless_and_isolates() {
        let net = Network::from_edges(3, &[]);
        for p in [louvain(&net, 1.0, 1), leiden(&net, 1.0, 1)] {
            assert_eq!(p.membership, vec![0, 1, 2]);
            assert!(p.modularity.is_nan());
        }
        // An isolate stays alone next to a triangle.
        let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
        assert_eq!(louvain(&net, 1.0, 1).membership, vec![0, 0, 0, 1]);
        assert_eq!(leiden(&net, 1.0, 1).membership, vec![0, 0, 0, 1]);
        assert_eq!(label_propagation(&net, 1).membership, vec![0, 0, 0, 1]);
    }

    #[test]
    fn same_seed_same_partition() {
        let net = ring_of_cliques(30, 4);
        for seed in [0u64, 42] {
            assert_eq!(louvain(&net, 1.0, seed), louvain(&net, 1.0, seed));
            assert_eq!(leiden(&net, 1.0, seed), leiden(&net, 1.0, seed));
            assert_eq!(label_propagation(&net, seed), label_propagation(&net, seed));
        }
    }

    /// A seeded random graph: n nodes, each pair tied with probability p, weights 1-5.
    fn random_graph(n: u32, p: f64, seed: u64) -> Network {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut e = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                if rng.random::<f64>() < p {
                    e.push((a, b, f64::from(rng.random_range(1..=5u8))));
                }
            }
        }
        Network::from_edges(n as usize, &e)
    }

    #[test]
    fn same_partition_on_any_thread_pool() {
        let net = random_graph(300, 0.03, 11);
        let run = |threads: usize| {
            crate::on_threads(threads, || {
                (
                    louvain(&net, 1.0, 5),
                    leiden(&net, 1.0, 5),
                    label_propagation(&net, 5),
                )
            })
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert_eq!(one, run(1));
        // Different seeds explore different orders but land on similar quality.
        let other = louvain(&net, 1.0, 6);
        assert!((other.modularity - one.0.modularity).abs() < 0.05);
        // Leiden is at least as good as Louvain here, up to noise.
        assert!(one.1.modularity >= one.0.modularity - 0.02);
    }

    #[test]
    fn modularities_equal_modularity_bit_for_bit() {
        let net = random_graph(300, 0.03, 5);
        let louvain = louvain(&net, 1.0, 3).membership;
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let random: Vec<u32> = (0..300).map(|_| rng.random_range(0..7)).collect();
        let sparse: Vec<u32> = (0..300).map(|v| v * 1000).collect();
        for gamma in [1.0, 0.5, 2.0] {
            let q = modularities(&net, &[&louvain, &random, &sparse], gamma);
            assert_eq!(
                q,
                vec![
                    modularity(&net, &louvain, gamma),
                    modularity(&net, &random, gamma),
                    modularity(&net, &sparse, gamma),
                ]
            );
        }
        assert!(modularities(&Network::from_edges(3, &[]), &[&[0, 0, 1]], 1.0)[0].is_nan());
        assert!(modularities(&net, &[], 1.0).is_empty());
    }

    #[test]
    fn aggregate_preserves_modularity() {
        // Aggregating by a partition and scoring the singleton partition of the aggregate
        // gives the partition's modularity.
        let net = ring_of_cliques(4, 3);
        let g = Level::from_network(&net);
        let comm: Vec<u32> = (0..12).map(|v| v / 3).collect();
        let a = g.aggregate(&comm, 4);
        let m2 = two_m(&a);
        assert_close!(m2, two_m(&g), 1e-12);
        let q: f64 = (0..4)
            .map(|c| 2.0 * a.loops[c] / m2 - (a.strength[c] / m2).powi(2))
            .sum();
        assert_close!(q, modularity(&net, &comm, 1.0), 1e-12);
    }

    #[test]
    fn accumulator_lists_each_community_once_whatever_the_weights() {
        // A −0.0 tie weight reaches the accumulator as +0.0 (Network::from_pairs).
        let net = Network::from_edges(4, &[(0, 2, -0.0), (1, 2, 1.5), (0, 1, 2.0)]);
        assert_eq!(net.weight(0, 2).map(f64::to_bits), Some(0.0f64.to_bits()));
        let mut acc = Accumulator::new(4);
        for (c, w) in [(2, 0.0), (2, 1.5), (0, 0.0), (0, 2.0), (3, -1.0), (3, 1.0)] {
            acc.add(c, w);
        }
        assert_eq!(
            acc.entries().collect::<Vec<_>>(),
            [(2, 1.5), (0, 2.0), (3, 0.0)]
        );
        assert_eq!((acc.get(2), acc.get(1)), (1.5, 0.0));
        acc.clear();
        assert_eq!(acc.entries().count(), 0);
        acc.add(1, 3.0);
        assert_eq!(acc.entries().collect::<Vec<_>>(), [(1, 3.0)]);
        assert_eq!(acc.get(2), 0.0);
    }

    #[test]
    fn aggregate_is_the_same_on_any_thread_pool() {
        // The runs of communities collapsed in parallel are joined in order.
        let net = random_graph(300, 0.05, 4);
        let g = Level::from_network(&net);
        let comm: Vec<u32> = (0..300).map(|v| (v * 7) % 37).collect();
        let run = |threads| {
            let a = crate::on_threads(threads, || g.aggregate(&comm, 37));
            (
                a.offsets.to_vec(),
                a.targets.to_vec(),
                a.weights.to_vec(),
                a.loops,
                a.strength,
            )
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert_eq!(one, run(3));
        // Every arc of the level is inside a community or on an arc of the aggregate.
        let between: f64 = one.2.iter().sum();
        let inside: f64 = one.3.iter().sum();
        assert_close!(between + 2.0 * inside, two_m(&g), 1e-9);
    }
}
