//! One search per source: the branch-free BFS (hops) or Dijkstra (weighted) with path
//! counts, Brandes' dependency accumulation over many sources, and any per-source score.

use super::{Graph, UNREACHED};
use crate::network::{node, Node};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Relative tolerance under which two path lengths are taken as equal (see
/// [`crate::centrality`]).
const PATH_EPS: f64 = 1e-10;

/// Number of partial sums [`brandes`] splits its sources into (fixed, for determinism).
const CHUNKS: usize = 64;

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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::network::Network;
    use crate::shortest_paths::tests::by_definition;
    use crate::small_graphs::unit;

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
