//! Core numbers (k-cores), triangles and the clustering coefficient.

use super::*;
use crate::network::{Network, Node};

/// Core number: the largest `k` such that `v` belongs to the k-core.
///
/// The k-core is the maximal subgraph in which every node has degree at least `k`. Computed
/// by repeatedly removing a node of minimum remaining degree, with bucket-sorted degrees.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// The core number of every node (0 for isolates).
///
/// # Complexity
/// O(n + m) time, O(n) extra memory.
///
/// Reference: V. Batagelj and M. Zaversnik, *An O(m) algorithm for cores decomposition of
/// networks*, 2003. Same convention as NetworkX `core_number(G)`.
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::core_number, Network};
/// // A triangle 0-1-2 with a pendant 3 on node 0.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// assert_eq!(core_number(&net), vec![2, 2, 2, 1]);
/// ```
pub fn core_number(net: &Network) -> Vec<usize> {
    let n = net.node_count();
    let mut deg = degree(net);
    let max_deg = deg.iter().copied().max().unwrap_or(0);
    // bin[d] = first position of degree-d nodes in `vert` (counting sort by degree).
    let mut bin = vec![0usize; max_deg + 2];
    for &d in &deg {
        bin[d + 1] += 1;
    }
    for d in 1..bin.len() {
        bin[d] += bin[d - 1];
    }
    let mut vert = vec![0 as Node; n];
    let mut pos = vec![0usize; n];
    {
        let mut fill = bin.clone();
        for v in 0..n {
            let d = deg[v];
            pos[v] = fill[d];
            vert[fill[d]] = node_id(v);
            fill[d] += 1;
        }
    }
    for i in 0..n {
        let v = vert[i];
        for &u in net.neighbors(v) {
            let (u, dv) = (u as usize, deg[v as usize]);
            if deg[u] > dv {
                // Move u to the front of its bin, then shrink the bin by one.
                let du = deg[u];
                let pu = pos[u];
                let pw = bin[du];
                let w = vert[pw];
                if u != w as usize {
                    vert.swap(pu, pw);
                    pos[u] = pw;
                    pos[w as usize] = pu;
                }
                bin[du] += 1;
                deg[u] -= 1;
            }
        }
    }
    deg
}

/// Number of triangles through each node, `T(v) = |{ {u, w} ⊆ N(v) : {u, w} ∈ E }|`.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// `T(v)` for every node.
///
/// # Complexity
/// O(m·√m) time and O(n + m) extra memory: the "forward" algorithm. Nodes are ranked by
/// (degree, index) and every edge is oriented from the lower to the higher rank, so each node
/// keeps at most O(√m) out-neighbours; each triangle is then found exactly once, from its
/// lowest-ranked corner, by marking that corner's out-neighbours and scanning theirs
/// (Schank & Wagner 2005; Latapy 2008). Hubs, which dominate a merge-based count, never scan
/// their long lists.
///
/// Same convention as NetworkX `triangles(G)`.
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::triangles, Network};
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// assert_eq!(triangles(&net), vec![1, 1, 1, 0]);
/// ```
pub fn triangles(net: &Network) -> Vec<usize> {
    let mut count = vec![0usize; net.node_count()];
    for_each_triangle(net, |v, u, w| {
        count[v as usize] += 1;
        count[u as usize] += 1;
        count[w as usize] += 1;
    });
    count
}

/// Calls `f(v, u, w)` once for every triangle `{v, u, w}` of the network, with the three
/// nodes in increasing rank (degree, then index): the "forward" listing behind
/// [`triangles`] (see there), shared with the brokerage counts, which subtract the closed
/// two-paths that lie on triangles.
///
/// O(m·√m) time, O(n + m) extra memory.
pub(crate) fn for_each_triangle(net: &Network, mut f: impl FnMut(Node, Node, Node)) {
    let n = net.node_count();
    let rank_key = |v: usize| (net.degree(node_id(v)), v);
    // Out-neighbours: neighbours of higher rank, as a CSR of their own. A deliberate second
    // layout, not a copy of the network's: it holds each edge once, oriented by rank, which
    // is what bounds every scan by O(√m); the network's CSR holds both directions.
    let mut offsets = Vec::with_capacity(n + 1);
    let mut out: Vec<Node> = Vec::with_capacity(net.edge_count());
    offsets.push(0);
    for v in 0..n {
        let kv = rank_key(v);
        out.extend(
            net.neighbors(node_id(v))
                .iter()
                .filter(|&&u| rank_key(u as usize) > kv),
        );
        offsets.push(out.len());
    }
    let mut mark = vec![false; n];
    for v in 0..n {
        let ov = &out[offsets[v]..offsets[v + 1]];
        for &u in ov {
            mark[u as usize] = true;
        }
        for &u in ov {
            let ui = u as usize;
            for &w in &out[offsets[ui]..offsets[ui + 1]] {
                if mark[w as usize] {
                    f(node_id(v), u, w);
                }
            }
        }
        for &u in ov {
            mark[u as usize] = false;
        }
    }
}

/// Local clustering coefficient `c(v) = 2 T(v) / (deg(v) (deg(v) − 1))`, `0` if `deg(v) < 2`.
///
/// `T(v)` is the number of triangles through `v` ([`triangles`]) and `deg(v)` its degree:
/// the fraction of pairs of `v`'s neighbours that are themselves tied. Unweighted.
///
/// # Arguments
/// * `net` — the network.
///
/// # Returns
/// `c(v) ∈ [0, 1]` for every node.
///
/// # Complexity
/// As [`triangles`].
///
/// Reference: D. J. Watts and S. Strogatz, *Collective dynamics of 'small-world' networks*,
/// Nature 393, 1998. Same convention as NetworkX `clustering(G)` (no weight).
///
/// # Examples
/// ```
/// use puentes_analysis::{centrality::clustering, Network};
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let c = clustering(&net);
/// assert!((c[0] - 1.0 / 3.0).abs() < 1e-12 && c[1] == 1.0 && c[3] == 0.0);
/// ```
pub fn clustering(net: &Network) -> Vec<f64> {
    triangles(net)
        .into_iter()
        .enumerate()
        .map(|(v, t)| {
            let d = net.degree(node_id(v));
            if d < 2 {
                0.0
            } else {
                2.0 * t as f64 / (d * (d - 1)) as f64
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::centrality::tests::*;
    use crate::small_graphs::{complete, path, unit};

    #[test]
    fn cores_triangles_clustering() {
        assert_eq!(core_number(&complete(5)), vec![4; 5]);
        assert_eq!(core_number(&path(4)), vec![1; 4]);
        assert_eq!(core_number(&unit(3, &[(0, 1)])), vec![1, 1, 0]);
        // K4 plus a tail 3-4-5: core 3 for the K4, 1 for the tail.
        let net = unit(
            6,
            &[
                (0, 1),
                (0, 2),
                (0, 3),
                (1, 2),
                (1, 3),
                (2, 3),
                (3, 4),
                (4, 5),
            ],
        );
        assert_eq!(core_number(&net), vec![3, 3, 3, 3, 1, 1]);
        assert_eq!(triangles(&complete(5)), vec![6; 5]);
        assert_eq!(triangles(&net), vec![3, 3, 3, 3, 0, 0]);
        assert_all_close(&clustering(&complete(4)), &[1.0; 4], 0.0);
        assert_all_close(&clustering(&net), &[1.0, 1.0, 1.0, 0.5, 0.0, 0.0], 1e-15);
    }
}
