//! The node-metrics table: every metric of `puentes_analysis::centrality` for every
//! organization, with the definitions researchers cite.

use puentes_analysis::centrality::{self, AnalysisError, PowerIteration, Weighting};
use puentes_analysis::Network;
use serde::Serialize;

/// Networks with more organizations than this get sampled betweenness by default.
pub const EXACT_BETWEENNESS_MAX_NODES: usize = 5_000;
/// Sources for sampled betweenness.
pub const BETWEENNESS_SAMPLES: usize = 500;

/// A node metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Number of distinct partners.
    Degree,
    /// Sum of collapsed tie weights.
    Strength,
    /// Brandes betweenness, normalized.
    Betweenness,
    /// Closeness (Wasserman–Faust for disconnected graphs).
    Closeness,
    /// Harmonic centrality.
    Harmonic,
    /// Eigenvector centrality.
    Eigenvector,
    /// PageRank.
    Pagerank,
    /// k-core number.
    CoreNumber,
    /// Local clustering coefficient.
    Clustering,
}

impl Metric {
    /// Every metric, in table order.
    pub const ALL: [Metric; 9] = [
        Metric::Degree,
        Metric::Strength,
        Metric::Betweenness,
        Metric::Closeness,
        Metric::Harmonic,
        Metric::Eigenvector,
        Metric::Pagerank,
        Metric::CoreNumber,
        Metric::Clustering,
    ];

    /// Column name.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Degree => "degree",
            Metric::Strength => "strength",
            Metric::Betweenness => "betweenness",
            Metric::Closeness => "closeness",
            Metric::Harmonic => "harmonic",
            Metric::Eigenvector => "eigenvector",
            Metric::Pagerank => "pagerank",
            Metric::CoreNumber => "core_number",
            Metric::Clustering => "clustering",
        }
    }

    /// The definition, with the convention it follows (for citation).
    pub fn definition(self) -> &'static str {
        match self {
            Metric::Degree => "Number of distinct organizations tied to this one (parallel ties of different kinds count once). NetworkX G.degree().",
            Metric::Strength => "Sum over partners of the collapsed tie weight w_uv = sum of the strengths (1-5) of the ties joining the pair. NetworkX G.degree(weight='weight').",
            Metric::Betweenness => "Brandes (2001) betweenness: sum over pairs s!=t of the share of shortest s-t paths through v, normalized by 2/((n-1)(n-2)). NetworkX betweenness_centrality(normalized=True, endpoints=False). Above 5,000 organizations: estimated from 500 seeded random sources (Brandes & Pich 2007), rescaled as NetworkX does with k.",
            Metric::Closeness => "(r-1)/sum of distances to the r-1 reachable organizations, times (r-1)/(n-1) (Wasserman & Faust). NetworkX closeness_centrality(wf_improved=True).",
            Metric::Harmonic => "Sum over other organizations of 1/distance (0 when unreachable), not normalized. NetworkX harmonic_centrality.",
            Metric::Eigenvector => "Principal eigenvector of the adjacency matrix (power iteration on A+I), unit Euclidean norm (Bonacich 1972). NetworkX eigenvector_centrality(max_iter=100, tol=1e-6).",
            Metric::Pagerank => "PageRank with damping 0.85 on the tie weights; dangling mass spread uniformly; scores sum to 1 (Brin & Page 1998). NetworkX pagerank(alpha=0.85, weight='weight', tol=1e-6).",
            Metric::CoreNumber => "Largest k such that the organization belongs to the k-core (the maximal subgraph where everyone has at least k partners). NetworkX core_number (Batagelj & Zaversnik 2003).",
            Metric::Clustering => "Share of pairs of the organization's partners that are themselves tied: 2T/(d(d-1)). NetworkX clustering (unweighted).",
        }
    }

    /// Parses a column name.
    pub fn parse(s: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.name() == s.trim())
    }
}

/// Options for [`compute`].
#[derive(Debug, Clone, Copy)]
pub struct MetricOptions {
    /// Read tie weights for paths and spectral metrics (distance = 1 / weight). PageRank
    /// always uses weights, as NetworkX does by default.
    pub weighted: bool,
    /// Seed for sampled betweenness.
    pub seed: u64,
}

impl Default for MetricOptions {
    fn default() -> Self {
        MetricOptions {
            weighted: false,
            seed: 42,
        }
    }
}

/// Metric values, column-major: `columns[i]` holds `metrics[i]` for every node in node order.
/// `None` where a value does not exist (e.g. an iteration that did not converge; see `notes`).
#[derive(Debug, Clone, Serialize)]
pub struct MetricsTable {
    /// The metrics, in column order.
    #[serde(skip)]
    pub metrics: Vec<Metric>,
    /// Values per metric, per node.
    #[serde(skip)]
    pub columns: Vec<Vec<Option<f64>>>,
    /// Caveats (sampling, non-convergence).
    pub notes: Vec<String>,
}

impl MetricsTable {
    /// The column of `m`, if computed.
    pub fn column(&self, m: Metric) -> Option<&[Option<f64>]> {
        self.metrics
            .iter()
            .position(|x| *x == m)
            .map(|i| self.columns[i].as_slice())
    }
}

fn some(v: Vec<f64>) -> Vec<Option<f64>> {
    v.into_iter().map(|x| x.is_finite().then_some(x)).collect()
}

/// Computes `metrics` for every node of `net`.
pub fn compute(net: &Network, metrics: &[Metric], opts: MetricOptions) -> MetricsTable {
    let weighting = if opts.weighted {
        Weighting::Weighted
    } else {
        Weighting::Unweighted
    };
    let mut notes = Vec::new();
    let n = net.node_count();
    let mut columns = Vec::with_capacity(metrics.len());
    for &m in metrics {
        let col: Result<Vec<f64>, AnalysisError> = match m {
            Metric::Degree => Ok(centrality::degree(net)
                .into_iter()
                .map(|d| d as f64)
                .collect()),
            Metric::Strength => Ok(centrality::strength(net)),
            Metric::Betweenness if n > EXACT_BETWEENNESS_MAX_NODES => {
                let bound =
                    centrality::sampled_betweenness_error_bound(n, BETWEENNESS_SAMPLES, 0.05);
                notes.push(format!(
                    "betweenness: estimated from {BETWEENNESS_SAMPLES} random sources (seed {}); \
                     with 95% confidence each value is within {bound:.4} of the exact one",
                    opts.seed
                ));
                centrality::betweenness_sampled(net, weighting, BETWEENNESS_SAMPLES, opts.seed)
            }
            Metric::Betweenness => centrality::betweenness(net, weighting),
            Metric::Closeness => centrality::closeness(net, weighting),
            Metric::Harmonic => centrality::harmonic(net, weighting),
            Metric::Eigenvector => {
                centrality::eigenvector(net, weighting, PowerIteration::default())
            }
            Metric::Pagerank => {
                centrality::pagerank(net, Weighting::Weighted, 0.85, PowerIteration::default())
            }
            Metric::CoreNumber => Ok(centrality::core_number(net)
                .into_iter()
                .map(|d| d as f64)
                .collect()),
            Metric::Clustering => Ok(centrality::clustering(net)),
        };
        columns.push(match col {
            Ok(v) => some(v),
            Err(e) => {
                notes.push(format!("{}: {e}; values left empty", m.name()));
                vec![None; n]
            }
        });
    }
    MetricsTable {
        metrics: metrics.to_vec(),
        columns,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_metrics() {
        // Star with centre 0 and leaves 1..=3: the centre lies on every leaf-leaf path.
        let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 2.0), (0, 3, 1.0)]);
        let t = compute(&net, &Metric::ALL, MetricOptions::default());
        let col = |m| t.column(m).expect("computed");
        assert_eq!(col(Metric::Degree)[0], Some(3.0));
        assert_eq!(col(Metric::Strength)[0], Some(4.0));
        assert_eq!(col(Metric::Betweenness)[0], Some(1.0));
        assert_eq!(col(Metric::Betweenness)[1], Some(0.0));
        assert_eq!(col(Metric::Closeness)[0], Some(1.0));
        assert_eq!(col(Metric::CoreNumber)[2], Some(1.0));
        assert_eq!(col(Metric::Clustering)[0], Some(0.0));
        let pr: f64 = col(Metric::Pagerank).iter().flatten().sum();
        assert!((pr - 1.0).abs() < 1e-9);
        assert!(t.notes.is_empty());
    }
}
