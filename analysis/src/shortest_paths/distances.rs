//! Bit-parallel multi-source BFS (Then et al., VLDB 2014): every node's distance totals,
//! 256 sources per pass, in integer sums; [`Distances`] is what closeness, harmonic
//! centrality and the periphery read.

use super::UNREACHED;
use crate::network::{node, Network, Node};
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

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
}
