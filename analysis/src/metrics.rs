//! The node metrics by name (the columns of the node table researchers pick: degree,
//! strength, betweenness, closeness, harmonic, eigenvector, PageRank, core number,
//! clustering) and the facts about how a column was computed ([`MetricNote`]). The
//! algorithms are in [`crate::centrality`]; this module only names them, so a caller can ask
//! for columns by name and word their caveats.

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

    /// Position in [`Metric::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses a column name.
    pub fn parse(s: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.name() == s.trim())
    }
}

/// How a metric column was computed, when that needs saying: the facts, worded per language
/// by the message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub enum MetricNote {
    /// Betweenness estimated from `sources` random sources.
    Sampled {
        /// Sources used.
        sources: usize,
        /// Their seed.
        seed: u64,
        /// With 95 % confidence, each value is within this of the exact one.
        bound: f64,
    },
    /// An iterative metric converged.
    Converged {
        /// The metric.
        metric: Metric,
        /// Iterations made.
        iterations: usize,
        /// The residual reached.
        residual: f64,
    },
    /// The metric could not be computed; its values are left empty.
    Failed {
        /// The metric.
        metric: Metric,
        /// The kernel's reason.
        reason: String,
    },
}
