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

mod distances;
mod fold;
mod single_source;

pub use distances::Distances;
pub(crate) use distances::{distance_sums, harmonic_value};
pub(crate) use fold::fold_leaves;
#[cfg(test)]
pub(crate) use single_source::ShortestPaths;
pub(crate) use single_source::{brandes, per_source};

use crate::network::{Network, Node};

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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::network::node;

    /// Ordered-pair betweenness by definition: `σ_st(v) = σ_sv σ_vt` when
    /// `d(s, v) + d(v, t) = d(s, t)`, from all-pairs BFS counts. O(n³), independent of Brandes.
    pub(super) fn by_definition(net: &Network) -> Vec<f64> {
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
}
