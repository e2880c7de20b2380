//! Whole-network summary: size, cohesion, clustering, mixing, distances and centralization.
//!
//! [`summary`] returns one [`Summary`] (serde-serializable, for the API and exports). Every
//! field follows NetworkX 3.4.2 unless its documentation says otherwise; the distance fields
//! say whether they are exact or estimated from sampled sources ([`PathMethod`]).

use crate::centrality::{self, sample_nodes, Weighting};
use crate::components::components;
use crate::network::{Network, Node};
use crate::policy;
use crate::shortest_paths::{distance_sums, harmonic_value};
use serde::Serialize;

/// How the distance-based fields (diameter, average shortest path length, betweenness
/// centralization) were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum PathMethod {
    /// Breadth-first search from every node of the largest component (bit-parallel, 256
    /// sources at a time): exact values.
    Exact,
    /// Breadth-first search from `sources` nodes drawn with a ChaCha8 generator seeded by `seed`.
    Sampled {
        /// Number of sampled sources.
        sources: usize,
        /// Seed of the generator.
        seed: u64,
        /// Half-width of a 95 % simultaneous confidence band on each node's sampled
        /// betweenness ([`centrality::sampled_betweenness_error_bound`] with δ = 0.05).
        betweenness_error_bound_95: f64,
    },
}

/// Options of [`summary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Distances and betweenness are exact when the network has at most this many nodes.
    pub exact_max_nodes: usize,
    /// Number of sampled sources above that size.
    pub sample_sources: usize,
    /// Seed of the source sampling.
    pub seed: u64,
}

impl Default for SummaryOptions {
    /// Exact up to [`policy::EXACT_MAX_NODES`] nodes, else [`policy::SAMPLE_SOURCES`] sources
    /// sampled with [`policy::DEFAULT_SEED`] (the same policy as the metrics table).
    fn default() -> Self {
        SummaryOptions {
            exact_max_nodes: policy::EXACT_MAX_NODES,
            sample_sources: policy::SAMPLE_SOURCES,
            seed: policy::DEFAULT_SEED,
        }
    }
}

/// Whole-network indicators. `n` is the number of nodes, `m` the number of (collapsed) ties.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// `n`, organizations.
    pub nodes: usize,
    /// `m`, undirected ties after collapsing parallel ties.
    pub ties: usize,
    /// `2m / (n (n − 1))`, 0 when `n ≤ 1` (NetworkX `density`).
    pub density: f64,
    /// Number of connected components, isolates included (NetworkX
    /// `number_connected_components`).
    pub components: usize,
    /// Nodes in the largest component.
    pub largest_component: usize,
    /// `2m / n`, 0 when `n = 0`.
    pub average_degree: f64,
    /// `3 × triangles / connected triples = Σ_v T(v) / Σ_v deg(v)(deg(v) − 1)/2`, 0 without
    /// triangles (NetworkX `transitivity`).
    pub transitivity: f64,
    /// Mean local clustering over all nodes, zeros included, 0 when `n = 0` (NetworkX
    /// `average_clustering(G)`).
    pub average_clustering: f64,
    /// Pearson correlation of the degrees at the two ends of each tie, `None` when undefined
    /// (no ties, or all ends of equal degree) (NetworkX `degree_assortativity_coefficient`,
    /// which returns NaN there).
    pub degree_assortativity: Option<f64>,
    /// Longest shortest path (hops) in the largest component; with [`PathMethod::Sampled`] the
    /// largest eccentricity among the sampled sources, a lower bound. `None` when `n = 0`
    /// (NetworkX `diameter` of the largest component).
    pub diameter: Option<u32>,
    /// Mean hop distance over ordered pairs of distinct nodes of the largest component, 0 for a
    /// single node; with [`PathMethod::Sampled`] the mean over pairs whose first node is a
    /// sampled source (unbiased). `None` when `n = 0` (NetworkX `average_shortest_path_length`
    /// of the largest component).
    pub average_shortest_path_length: Option<f64>,
    /// Freeman degree centralization `Σ_v (deg* − deg(v)) / ((n − 1)(n − 2))`, `deg*` the largest
    /// degree: 1 for a star, 0 for a regular graph; `None` when `n ≤ 2`.
    pub degree_centralization: Option<f64>,
    /// Freeman betweenness centralization `Σ_v (b* − b(v)) / (n − 1)`, `b` the normalized
    /// betweenness of [`centrality::betweenness`] (sampled per `paths`) and `b*` its maximum:
    /// 1 for a star, 0 for a cycle; `None` when `n ≤ 2`.
    pub betweenness_centralization: Option<f64>,
    /// Whether the distance fields and betweenness are exact or sampled.
    pub paths: PathMethod,
}

/// Computes the [`Summary`] of a network.
///
/// See each [`Summary`] field for its formula. The largest component is the one with most
/// nodes; among equals, the one holding the smallest node index (as NetworkX, which lists
/// components in node order). Distances are hop counts (unweighted).
///
/// # Arguments
/// * `net` — the network.
/// * `opts` — when to switch from exact to sampled distances and betweenness, and the seed.
///
/// # Returns
/// The summary. With `n > opts.exact_max_nodes`, `paths` is [`PathMethod::Sampled`].
///
/// # Complexity
/// Exact: O(n m) time for betweenness (one Brandes pass per source, after folding) and
/// O(⌈n / 256⌉ · L · m) word operations for the distances (the bit-parallel multi-source
/// search of [`crate::centrality::closeness`], L levels per batch). Sampled: O(k m) for
/// betweenness and O(⌈k / 256⌉ · L · m) for the distances, with `k = opts.sample_sources`.
/// Triangles O(m √m). O(n + m) memory per worker thread.
///
/// Reference: L. C. Freeman, *Centrality in social networks: conceptual clarification*,
/// Social Networks 1, 1979 (centralization); M. E. J. Newman, *Assortative mixing in
/// networks*, PRL 89, 2002. Same conventions as NetworkX `density`, `transitivity`,
/// `average_clustering`, `degree_assortativity_coefficient`, `diameter` and
/// `average_shortest_path_length` (the last two on the largest component).
///
/// # Examples
/// ```
/// use puentes_analysis::summary::{summary, PathMethod, SummaryOptions};
/// use puentes_analysis::Network;
/// // A star of 5 nodes plus an isolate.
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)]);
/// let s = summary(&net, &SummaryOptions::default());
/// assert_eq!((s.components, s.largest_component, s.diameter), (2, 5, Some(2)));
/// assert!((s.average_shortest_path_length.unwrap() - 1.6).abs() < 1e-12);
/// assert_eq!(s.paths, PathMethod::Exact);
/// ```
pub fn summary(net: &Network, opts: &SummaryOptions) -> Summary {
    let c = cohesion(net, opts, false);
    let nf = c.nodes as f64;
    let k = opts.sample_sources.max(1);
    let bet = if c.sampled {
        centrality::betweenness_sampled(net, Weighting::Unweighted, k, opts.seed)
    } else {
        centrality::betweenness(net, Weighting::Unweighted)
    }
    .unwrap_or_default(); // unweighted betweenness cannot fail
    Summary {
        nodes: c.nodes,
        ties: c.ties,
        density: c.density,
        components: c.components,
        largest_component: c.largest_component,
        average_degree: if c.nodes == 0 {
            0.0
        } else {
            2.0 * c.ties as f64 / nf
        },
        transitivity: c.transitivity,
        average_clustering: c.average_clustering,
        degree_assortativity: degree_assortativity(net, &c.degrees),
        diameter: c.diameter,
        average_shortest_path_length: c.average_shortest_path_length,
        degree_centralization: c.degree_centralization,
        betweenness_centralization: freeman(&bet, nf - 1.0),
        paths: c.paths,
    }
}

/// The fields of [`summary`] that need no betweenness, and (when asked) the
/// [`global_efficiency`]: what a year of a timeline shows.
#[derive(Debug, Clone)]
pub(crate) struct Cohesion {
    pub(crate) nodes: usize,
    pub(crate) ties: usize,
    pub(crate) density: f64,
    pub(crate) components: usize,
    pub(crate) largest_component: usize,
    pub(crate) transitivity: f64,
    pub(crate) average_clustering: f64,
    pub(crate) diameter: Option<u32>,
    pub(crate) average_shortest_path_length: Option<f64>,
    pub(crate) degree_centralization: Option<f64>,
    /// [`global_efficiency`], when asked (0 when not).
    pub(crate) global_efficiency: f64,
    pub(crate) degrees: Vec<usize>,
    pub(crate) sampled: bool,
    pub(crate) paths: PathMethod,
}

/// [`summary`] without betweenness, and [`global_efficiency`] when `efficiency` (the same
/// values as those functions, field for field). Exact, one distance search from every node
/// gives both the largest component's distances and the efficiency (the nodes of the largest
/// component are reached from it alone, so their totals are its totals); sampled, each draws
/// its own sources as the two functions do.
///
/// # Complexity
/// Triangles O(m √m), components O(n + m), and one (exact) or two (sampled) bit-parallel
/// distance searches: O(⌈k / 256⌉ · L · m) word operations for k sources.
pub(crate) fn cohesion(net: &Network, opts: &SummaryOptions, efficiency: bool) -> Cohesion {
    let n = net.node_count();
    let m = net.edge_count();
    let nf = n as f64;
    let degrees = centrality::degree(net);
    let tri = centrality::triangles(net);
    let comps = components(net);
    let lcc = comps.largest().map_or_else(Vec::new, |c| comps.members(c));

    let triangles_x3: usize = tri.iter().sum();
    let triples: usize = degrees.iter().map(|&d| d * d.saturating_sub(1) / 2).sum();
    let transitivity = if triangles_x3 == 0 {
        0.0
    } else {
        triangles_x3 as f64 / triples as f64
    };
    let average_clustering = if n == 0 {
        0.0
    } else {
        centrality::clustering(net).iter().sum::<f64>() / nf
    };

    let sampled = n > opts.exact_max_nodes && opts.sample_sources < n;
    let k = opts.sample_sources.max(1);
    let lcc_sources: Vec<Node> = if sampled && k < lcc.len() {
        sample_nodes(lcc.len(), k, opts.seed)
            .into_iter()
            .map(|i| lcc[i as usize])
            .collect()
    } else {
        lcc.clone()
    };
    let mut global_efficiency = 0.0;
    // The average distance: total over pairs, 0 without pairs.
    let mean = |total: u64, pairs: f64| {
        if pairs > 0.0 {
            total as f64 / pairs
        } else {
            0.0
        }
    };
    let (diameter, average_shortest_path_length) = if n == 0 {
        (None, None)
    } else if efficiency && !sampled {
        // Every node a source: the largest component's entries hold its own totals.
        let sums = distance_sums(net, None);
        let max = lcc.iter().map(|&v| sums.eccentricity[v as usize]).max();
        let total: u64 = lcc.iter().map(|&v| sums.farness[v as usize]).sum();
        let pairs = lcc.len() as f64 * (lcc.len() as f64 - 1.0);
        global_efficiency = if n < 2 {
            0.0
        } else {
            harmonic_value(sums.harmonic.iter().sum::<u128>()) / (nf * (nf - 1.0))
        };
        (Some(max.unwrap_or(0)), Some(mean(total, pairs)))
    } else {
        if efficiency {
            global_efficiency = self::global_efficiency(net, opts);
        }
        // d is symmetric: the totals over targets are the totals from the sources.
        let sums = distance_sums(net, Some(&lcc_sources));
        let max = sums.eccentricity.iter().copied().max().unwrap_or(0);
        let total: u64 = sums.farness.iter().sum();
        let pairs = lcc_sources.len() as f64 * (lcc.len() as f64 - 1.0);
        (Some(max), Some(mean(total, pairs)))
    };

    let paths = if sampled {
        PathMethod::Sampled {
            sources: k,
            seed: opts.seed,
            betweenness_error_bound_95: centrality::sampled_betweenness_error_bound(n, k, 0.05),
        }
    } else {
        PathMethod::Exact
    };
    Cohesion {
        nodes: n,
        ties: m,
        density: if n <= 1 {
            0.0
        } else {
            2.0 * m as f64 / (nf * (nf - 1.0))
        },
        components: comps.count,
        largest_component: lcc.len(),
        transitivity,
        average_clustering,
        diameter,
        average_shortest_path_length,
        degree_centralization: freeman(
            &degrees.iter().map(|&d| d as f64).collect::<Vec<_>>(),
            (nf - 1.0) * (nf - 2.0),
        ),
        global_efficiency,
        degrees,
        sampled,
        paths,
    }
}

/// Global efficiency: how easily organizations reach each other, across the whole network.
///
/// `E = 1 / (n (n − 1)) · Σ_{u ≠ v} 1 / d(u, v)` over ordered pairs of distinct nodes, `d` the
/// hop distance and `1 / d = 0` when `v` cannot be reached from `u`: 1 for a complete network,
/// 0 without ties. Unlike the average distance, it reads every component (an isolated
/// organization pulls it down), so it can be compared between years whose networks fall
/// apart differently. With `n > opts.exact_max_nodes` (and fewer sampled sources than nodes)
/// the inner sum runs over `opts.sample_sources` sources drawn with `opts.seed` and is divided
/// by `k (n − 1)` instead (unbiased), as [`summary`] samples its distances.
///
/// # Arguments
/// * `net` — the network (weights are not read).
/// * `opts` — when to sample, how many sources and with which seed.
///
/// # Returns
/// `E` in `[0, 1]`; 0 for fewer than two nodes.
///
/// # Complexity
/// The bit-parallel multi-source search of [`summary`]'s distances: O(⌈k / 256⌉ · L · m) word
/// operations for k sources (all n when exact) and L levels per batch; O(n + m) memory per
/// worker thread. The sums are integers (fixed point), so the value does not depend on the
/// number of threads.
///
/// # Reference
/// V. Latora, M. Marchiori, *Efficient behavior of small-world networks*, PRL 87, 198701
/// (2001). Same convention as NetworkX `global_efficiency` (exact).
///
/// # Examples
/// ```
/// use puentes_analysis::summary::{global_efficiency, SummaryOptions};
/// use puentes_analysis::Network;
/// // Path 0 - 1 - 2 and 3 alone: pairs at distance 1 (4 ordered), 2 (2 ordered), none else.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0)]);
/// let e = global_efficiency(&net, &SummaryOptions::default());
/// assert!((e - (4.0 + 2.0 * 0.5) / 12.0).abs() < 1e-12);
/// ```
pub fn global_efficiency(net: &Network, opts: &SummaryOptions) -> f64 {
    let n = net.node_count();
    if n < 2 {
        return 0.0;
    }
    let sampled = n > opts.exact_max_nodes && opts.sample_sources < n;
    let sources = sampled.then(|| sample_nodes(n, opts.sample_sources.max(1), opts.seed));
    let k = sources.as_ref().map_or(n, Vec::len);
    let sums = distance_sums(net, sources.as_deref());
    let total: u128 = sums.harmonic.iter().sum();
    harmonic_value(total) / (k as f64 * (n as f64 - 1.0))
}

/// Freeman centralization `Σ_v (c* − c(v)) / denominator`, `None` for fewer than 3 nodes.
fn freeman(values: &[f64], denominator: f64) -> Option<f64> {
    if values.len() <= 2 {
        return None;
    }
    let top = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some(values.iter().map(|c| top - c).sum::<f64>() / denominator)
}

/// Newman's degree assortativity over both orientations of every tie, in exact integer sums.
///
/// With `M = 2m` ends, `S₁ = Σ x`, `S₂ = Σ x²` over ends and `P = Σ x y` over oriented ties,
/// `r = (M P − S₁²) / (M S₂ − S₁²)`.
fn degree_assortativity(net: &Network, degrees: &[usize]) -> Option<f64> {
    let (mut ends, mut s1, mut s2, mut p) = (0u128, 0u128, 0u128, 0u128);
    for (u, v, _) in net.edges() {
        let (du, dv) = (degrees[u as usize] as u128, degrees[v as usize] as u128);
        ends += 2;
        s1 += du + dv;
        s2 += du * du + dv * dv;
        p += 2 * du * dv;
    }
    let den = ends * s2 - s1 * s1;
    if ends == 0 || den == 0 {
        return None;
    }
    // ends·P and S₁² are integers: take their signed difference exactly.
    let (a, b) = (ends * p, s1 * s1);
    let num = if a >= b {
        (a - b) as f64
    } else {
        -((b - a) as f64)
    };
    Some(num / den as f64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::small_graphs::unit;

    #[test]
    fn star_is_fully_centralized() {
        let s = summary(
            &unit(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]),
            &SummaryOptions::default(),
        );
        assert_eq!(
            (s.nodes, s.ties, s.components, s.largest_component),
            (5, 4, 1, 5)
        );
        assert_close!(s.density, 0.4, 1e-15);
        assert_close!(s.average_degree, 1.6, 1e-15);
        assert_close!(s.degree_centralization.unwrap_or(f64::NAN), 1.0, 1e-12);
        assert_close!(s.betweenness_centralization.unwrap_or(f64::NAN), 1.0, 1e-12);
        // Perfectly disassortative: every tie joins degree 4 to degree 1.
        assert_close!(s.degree_assortativity.unwrap_or(f64::NAN), -1.0, 1e-12);
        assert_eq!(s.diameter, Some(2));
        // 4 pairs centre-leaf at 1, 6 leaf-leaf at 2: (4 + 12) / 10.
        assert_close!(
            s.average_shortest_path_length.unwrap_or(f64::NAN),
            1.6,
            1e-12
        );
        assert_eq!((s.transitivity, s.average_clustering), (0.0, 0.0));
    }

    #[test]
    fn cycle_and_complete_graph() {
        let c5 = unit(5, &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)]);
        let s = summary(&c5, &SummaryOptions::default());
        assert_close!(s.degree_centralization.unwrap_or(f64::NAN), 0.0, 1e-15);
        assert_close!(s.betweenness_centralization.unwrap_or(f64::NAN), 0.0, 1e-12);
        assert_eq!(s.degree_assortativity, None); // all degrees equal
        assert_eq!(s.diameter, Some(2));
        assert_close!(
            s.average_shortest_path_length.unwrap_or(f64::NAN),
            1.5,
            1e-12
        );
        let mut e = Vec::new();
        for a in 0..4 {
            for b in a + 1..4 {
                e.push((a, b));
            }
        }
        let s = summary(&unit(4, &e), &SummaryOptions::default());
        assert_eq!(
            (s.transitivity, s.average_clustering, s.density),
            (1.0, 1.0, 1.0)
        );
    }

    #[test]
    fn triangle_with_tail() {
        // Triangle 0-1-2 plus 2-3: triples Σ d(d−1)/2 = 1 + 1 + 3 + 0 = 5, one triangle.
        let net = unit(5, &[(0, 1), (1, 2), (0, 2), (2, 3)]);
        let s = summary(&net, &SummaryOptions::default());
        assert_close!(s.transitivity, 3.0 / 5.0, 1e-15);
        // clustering 1, 1, 1/3, 0, 0 (node 4 isolated).
        assert_close!(s.average_clustering, (2.0 + 1.0 / 3.0) / 5.0, 1e-15);
        assert_eq!((s.components, s.largest_component), (2, 4));
        // Degrees at tie ends: (2,2),(2,3),(2,3),(3,1) both ways.
        let ends: Vec<(f64, f64)> = [(2., 2.), (2., 3.), (2., 3.), (3., 1.)]
            .iter()
            .flat_map(|&(a, b)| [(a, b), (b, a)])
            .collect();
        let mean = ends.iter().map(|e| e.0).sum::<f64>() / 8.0;
        let cov = ends
            .iter()
            .map(|e| (e.0 - mean) * (e.1 - mean))
            .sum::<f64>();
        let var = ends.iter().map(|e| (e.0 - mean).powi(2)).sum::<f64>();
        assert_close!(s.degree_assortativity.unwrap_or(f64::NAN), cov / var, 1e-12);
    }

    #[test]
    fn empty_and_tiny_networks() {
        let s = summary(&Network::from_edges(0, &[]), &SummaryOptions::default());
        assert_eq!((s.nodes, s.components, s.diameter), (0, 0, None));
        assert_eq!(s.degree_centralization, None);
        let s = summary(&Network::from_edges(1, &[]), &SummaryOptions::default());
        assert_eq!(
            (s.diameter, s.average_shortest_path_length),
            (Some(0), Some(0.0))
        );
        assert_eq!(s.density, 0.0);
    }

    #[test]
    fn sampling_is_reported_and_seeded() {
        // A path of 40 nodes, sampled above 10 nodes with 8 sources.
        let e: Vec<_> = (1..40).map(|i| (i - 1, i)).collect();
        let net = unit(40, &e);
        let opts = SummaryOptions {
            exact_max_nodes: 10,
            sample_sources: 8,
            seed: 3,
        };
        let s = summary(&net, &opts);
        assert!(matches!(
            s.paths,
            PathMethod::Sampled {
                sources: 8,
                seed: 3,
                ..
            }
        ));
        assert_eq!(s, summary(&net, &opts));
        let exact = summary(&net, &SummaryOptions::default());
        assert_eq!(exact.diameter, Some(39));
        assert!(s.diameter.unwrap_or(0) <= 39 && s.diameter.unwrap_or(0) >= 20);
    }

    /// The timeline's figures (one search for distances and efficiency when exact; each its
    /// own sources when sampled) equal those of `summary` and `global_efficiency`, bit for bit.
    #[test]
    fn cohesion_equals_summary_and_efficiency() {
        // A triangle with a tail (0-1-2-0, 2-3), a separate pair (4-5) and an isolate (6).
        let net = unit(7, &[(0, 1), (1, 2), (2, 0), (2, 3), (4, 5)]);
        let path: Vec<_> = (1..40).map(|i| (i - 1, i)).collect();
        let long = unit(40, &path);
        let sampled = SummaryOptions {
            exact_max_nodes: 10,
            sample_sources: 8,
            seed: 3,
        };
        for (net, opts) in [
            (&net, SummaryOptions::default()),
            (&long, SummaryOptions::default()),
            (&long, sampled),
        ] {
            let (s, c) = (summary(net, &opts), cohesion(net, &opts, true));
            assert_eq!(c.diameter, s.diameter);
            assert_eq!(
                c.average_shortest_path_length,
                s.average_shortest_path_length
            );
            assert_eq!(c.global_efficiency, global_efficiency(net, &opts));
            assert_eq!(
                (c.components, c.largest_component, c.degree_centralization),
                (s.components, s.largest_component, s.degree_centralization)
            );
            assert_eq!(c.average_clustering, s.average_clustering);
        }
        // By hand: ordered pairs at distance 1: 10, at 2: 4 (0-3, 1-3 both ways); 42 in all.
        let c = cohesion(&net, &SummaryOptions::default(), true);
        assert!((c.global_efficiency - (10.0 + 4.0 * 0.5) / 42.0).abs() < 1e-12);
        assert_eq!(c.average_shortest_path_length, Some(16.0 / 12.0));
    }
}
