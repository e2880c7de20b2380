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
//! [`ChaCha8Rng`] in a fixed order. They run on one thread (no rayon), so the same network and
//! seed give the same partition on every run, on every machine and for any thread pool.
//!
//! # Internal representation
//! The optimisers work on a private weighted CSR graph with a separate self-loop array, so
//! that aggregated graphs (one node per community) reuse the same code; the first level
//! borrows the network's CSR arrays rather than copying them. Neighbour
//! communities are accumulated in a dense array reset after each node: no hashing in the
//! inner loops.

use crate::network::{Network, Node};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
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
            let c = labels[v] as usize;
            for (&u, &w) in targets[lo..hi].iter().zip(&weights[lo..hi]) {
                total[c] += w;
                if labels[u as usize] as usize == c {
                    inside[c] += w;
                }
            }
        }
    }
    parts
        .iter()
        .map(|(_, inside, total)| {
            let two_m: f64 = total.iter().sum();
            if two_m == 0.0 {
                return f64::NAN;
            }
            inside
                .iter()
                .zip(total)
                .map(|(&l, &d)| l / two_m - resolution * (d / two_m) * (d / two_m))
                .sum()
        })
        .collect()
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

    /// Collapses each community of `comm` (labels `0..k`) into one node.
    fn aggregate(&self, comm: &[u32], k: usize, acc: &mut Accumulator) -> Level<'static> {
        // Members of each community, by counting sort (stable: ascending node order).
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
        let mut offsets = Vec::with_capacity(k + 1);
        offsets.push(0);
        // The aggregate has at most as many arcs as this level: one allocation, no copies
        // while it grows (pages never written are never touched).
        let mut targets = Vec::with_capacity(self.targets.len());
        let mut weights = Vec::with_capacity(self.targets.len());
        let mut loops = vec![0.0; k];
        let mut strength = vec![0.0; k];
        for c in 0..k {
            for &v in &members[start[c]..start[c + 1]] {
                let v = v as usize;
                loops[c] += self.loops[v];
                strength[c] += self.strength[v];
                let (ts, ws) = self.adj(v);
                for (&u, &w) in ts.iter().zip(ws) {
                    let cu = comm[u as usize];
                    if cu as usize == c {
                        // Each internal edge is seen from both ends.
                        loops[c] += 0.5 * w;
                    } else {
                        acc.add(cu, w);
                    }
                }
            }
            for (d, w) in acc.entries() {
                targets.push(d);
                weights.push(w);
            }
            acc.clear();
            offsets.push(targets.len());
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

/// Dense accumulator of weights per community, with the list of touched communities in
/// order of first touch (so iteration order is deterministic). Each community's weight sits
/// beside the stamp that says whether it was touched since the last [`Accumulator::clear`],
/// so adding a neighbour's weight costs one random access after reading its community
/// (a separate slot index and list cost two: on CORDIS the local moving spent a third of its
/// time waiting on the second).
#[derive(Debug)]
struct Accumulator {
    /// Per community: (stamp, weight); the weight counts only when the stamp is `round`.
    cells: Vec<(u32, f64)>,
    /// Communities touched since the last clear, in order of first touch: the first `len`
    /// entries (one slot per community, written before it is known whether it counts).
    touched: Vec<u32>,
    len: usize,
    round: u32,
}

impl Accumulator {
    fn new(n: usize) -> Self {
        Accumulator {
            cells: vec![(0, 0.0); n],
            touched: vec![0; n + 1],
            len: 0,
            round: 1,
        }
    }

    #[inline]
    fn add(&mut self, c: u32, w: f64) {
        // Without a branch: whether `c` was touched before is a coin toss for the
        // predictor. A stale weight is multiplied by 0 (weights are finite).
        let cell = &mut self.cells[c as usize];
        let fresh = cell.0 != self.round;
        cell.1 = cell.1 * f64::from(u8::from(!fresh)) + w;
        cell.0 = self.round;
        self.touched[self.len] = c;
        self.len += usize::from(fresh);
    }

    #[inline]
    fn get(&self, c: u32) -> f64 {
        let cell = self.cells[c as usize];
        if cell.0 == self.round {
            cell.1
        } else {
            0.0
        }
    }

    /// The touched communities and their weights, in order of first touch.
    fn entries(&self) -> impl Iterator<Item = (u32, f64)> + '_ {
        self.touched[..self.len]
            .iter()
            .map(|&c| (c, self.cells[c as usize].1))
    }

    #[inline]
    fn clear(&mut self) {
        self.len = 0;
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            // After 2^32 clears every stamp could look current: start again.
            self.cells.iter_mut().for_each(|cell| cell.0 = 0);
            self.round = 1;
        }
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

/// Louvain community detection: greedy modularity optimisation by local moving and
/// aggregation.
///
/// Each level moves each node to the neighbouring community with the largest modularity gain
/// ΔQ ∝ k_{v,c} − γ · Σ_c · k_v / 2m (k_{v,c}: weight from v to community c, Σ_c: total
/// strength of c without v, k_v: strength of v, m: total weight). The nodes wait in a queue,
/// at first all of them in a seeded random order; a node that moves puts back in the queue
/// its neighbours outside its new community (their best move may now be to follow it), and
/// the level ends when the queue is empty. Then each community
/// becomes one node and the process repeats until no node moves.
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
        level = level.aggregate(&comm, k, &mut acc);
    }
    Partition::from_labels(net, &membership, resolution)
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

/// Leiden refinement: inside each community of `comm`, starts from singletons and merges
/// well-connected singleton nodes into well-connected sub-communities, choosing randomly
/// among non-negative gains with probability ∝ exp(ΔH/θ). Returns refined labels (not
/// contiguous; each refined community lies inside one community of `comm`).
fn leiden_refine(
    g: &Level,
    comm: &[u32],
    scale: f64,
    rng: &mut ChaCha8Rng,
    acc: &mut Accumulator,
) -> Vec<u32> {
    const THETA: f64 = 0.01;
    let n = g.len();
    let mut refined: Vec<u32> = (0..n as u32).collect();
    let mut ref_tot = g.strength.clone();
    let mut singleton = vec![true; n];
    // Community totals and each node's weight into the rest of its community.
    let mut comm_tot = vec![0.0; n];
    for v in 0..n {
        comm_tot[comm[v] as usize] += g.strength[v];
    }
    // ext[r]: weight from refined community r to the rest of its community.
    let mut ext = vec![0.0; n];
    for (v, e) in ext.iter_mut().enumerate() {
        let (ts, ws) = g.adj(v);
        *e = ts
            .iter()
            .zip(ws)
            .filter(|(&u, _)| comm[u as usize] == comm[v])
            .map(|(_, &w)| w)
            .sum();
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.shuffle(rng);
    let mut cand: Vec<(u32, f64)> = Vec::new();
    for &v in &order {
        let v = v as usize;
        if !singleton[v] {
            continue;
        }
        let kv = g.strength[v];
        let s = comm[v] as usize;
        // v must be well connected to its community.
        if ext[v] < scale * kv * (comm_tot[s] - kv) {
            continue;
        }
        let (ts, ws) = g.adj(v);
        for (&u, &w) in ts.iter().zip(ws) {
            if comm[u as usize] as usize == s {
                acc.add(refined[u as usize], w);
            }
        }
        // Candidates: v's own singleton (gain 0) and well-connected refined communities
        // with non-negative gain.
        cand.clear();
        cand.push((v as u32, 0.0));
        let mut max_gain = 0.0f64;
        for (r, w) in acc.entries() {
            let rt = ref_tot[r as usize];
            if r as usize == v || ext[r as usize] < scale * rt * (comm_tot[s] - rt) {
                continue;
            }
            let gain = w - scale * rt * kv;
            if gain >= 0.0 {
                cand.push((r, gain));
                max_gain = max_gain.max(gain);
            }
        }
        let chosen = if cand.len() == 1 {
            v as u32
        } else {
            // Each candidate's weight exp(ΔH/θ), relative to the largest; computed once.
            let mut total = 0.0;
            for c in cand.iter_mut() {
                c.1 = ((c.1 - max_gain) / THETA).exp();
                total += c.1;
            }
            let mut x = rng.random::<f64>() * total;
            let mut pick = cand[cand.len() - 1].0;
            for &(r, weight) in &cand {
                x -= weight;
                if x < 0.0 {
                    pick = r;
                    break;
                }
            }
            pick
        };
        if chosen as usize != v {
            let w_vr = acc.get(chosen);
            let r = chosen as usize;
            ext[r] = ext[r] + ext[v] - 2.0 * w_vr;
            ref_tot[r] += kv;
            ref_tot[v] = 0.0;
            refined[v] = chosen;
            singleton[v] = false;
            // The target's original node (label r is the node r) is no longer alone.
            singleton[r] = false;
        }
        acc.clear();
    }
    refined
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
/// # Arguments
/// * `net` — the network (weights = collapsed tie strengths).
/// * `resolution` — γ (1 = classical modularity).
/// * `seed` — seed of the [`ChaCha8Rng`] used for node orders and refinement choices.
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
    for _ in 0..max_iterations.max(1) {
        let next = leiden_iteration(&base, &result, scale, &mut rng, &mut acc);
        let changed = next != result;
        result = next;
        if !changed {
            break;
        }
    }
    Partition::from_labels(net, &result, resolution)
}

/// One Leiden iteration from the partition `start` (labels renumbered `0..k`). Returns the
/// new partition, renumbered by smallest node index.
fn leiden_iteration(
    base: &Level,
    start: &[u32],
    scale: f64,
    rng: &mut ChaCha8Rng,
    acc: &mut Accumulator,
) -> Vec<u32> {
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
        let refined = leiden_refine(g, &comm, scale, rng, acc);
        let (refined, kr) = renumber(&refined);
        // Initial partition of the aggregate: the (unrefined) community of each refined part.
        let mut next_comm = vec![0u32; kr];
        for v in 0..ln {
            next_comm[refined[v] as usize] = comm[v];
        }
        for m in membership.iter_mut() {
            *m = refined[*m as usize];
        }
        let agg = g.aggregate(&refined, kr, acc);
        level_owned = Some(agg);
        comm = next_comm;
        if kr == ln {
            // Refinement merged nothing: aggregation cannot progress; one more move pass
            // on the same graph would repeat this one.
            break;
        }
    }
    let flat: Vec<u32> = membership.iter().map(|&m| comm[m as usize]).collect();
    renumber(&flat).0
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
        let mut acc = Accumulator::new(12);
        let a = g.aggregate(&comm, 4, &mut acc);
        let m2 = two_m(&a);
        assert_close!(m2, two_m(&g), 1e-12);
        let q: f64 = (0..4)
            .map(|c| 2.0 * a.loops[c] / m2 - (a.strength[c] / m2).powi(2))
            .sum();
        assert_close!(q, modularity(&net, &comm, 1.0), 1e-12);
    }
}
