//! The node-metrics table: every metric of `puentes_analysis::centrality` for every
//! organization, with the definitions researchers cite, and the position column groups
//! (community, structural holes, brokerage) that the gap analysis adds to it.
//!
//! Iterative metrics (eigenvector, PageRank) are solved to a residual of 1e-12 and each
//! column's note states the iterations and the residual reached; exact closeness and
//! harmonic centrality come from one bit-parallel breadth-first search over all sources
//! (`puentes_analysis::centrality::closeness`), at every network size.

use crate::export::{Cell, Column, ColumnType};
use puentes_analysis::centrality::{
    self, AnalysisError, Convergence, Distances, Iterated, Weighting,
};
use puentes_analysis::{Network, NetworkData};
use std::sync::Arc;

use puentes_analysis::policy::{DEFAULT_SEED, EXACT_MAX_NODES, SAMPLE_SOURCES};

pub use crate::params::PositionGroup;
pub use puentes_analysis::metrics::{Metric, MetricNote};

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
            seed: DEFAULT_SEED,
        }
    }
}

/// Metric values, column-major: `columns[i]` holds `metrics[i]` for every node in node order.
/// `None` where a value does not exist (e.g. an iteration that did not converge; see `notes`).
#[derive(Debug, Clone)]
pub struct MetricsTable {
    /// The metrics, in column order.
    pub metrics: Vec<Metric>,
    /// Values per metric, per node (shared with the revision context's cache, not copied).
    pub columns: Vec<Arc<MetricColumn>>,
    /// Caveats (sampling, non-convergence), worded per language by the catalogue.
    pub notes: Vec<MetricNote>,
}

impl MetricsTable {
    /// The column of `m`, if computed.
    pub fn column(&self, m: Metric) -> Option<&[Option<f64>]> {
        self.metrics
            .iter()
            .position(|x| *x == m)
            .map(|i| self.columns[i].values.as_slice())
    }
}

fn some(v: Vec<f64>) -> Vec<Option<f64>> {
    v.into_iter().map(|x| x.is_finite().then_some(x)).collect()
}

/// One metric for every node, with its caveat if any.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricColumn {
    /// Values in node order; `None` where no value exists.
    pub values: Vec<Option<f64>>,
    /// Caveat (sampling, non-convergence), worded by the catalogue
    /// ([`crate::i18n::catalogue::metric_note`]).
    pub note: Option<MetricNote>,
}

/// Whether column `m` under `opts` reads the distance totals of every organization
/// ([`Distances`]): unweighted closeness and harmonic centrality.
pub fn reads_distances(m: Metric, opts: MetricOptions) -> bool {
    !opts.weighted && matches!(m, Metric::Closeness | Metric::Harmonic)
}

/// Computes metric `m` for every node of `net`; unweighted closeness and harmonic centrality
/// read `distances` when given (the revision's, [`Distances::of`] `net`), else search.
pub fn column(
    net: &Network,
    m: Metric,
    opts: MetricOptions,
    distances: Option<&Distances>,
) -> MetricColumn {
    let weighting = if opts.weighted {
        Weighting::Weighted
    } else {
        Weighting::Unweighted
    };
    let n = net.node_count();
    let mut note = None;
    let col: Result<Vec<f64>, AnalysisError> = match m {
        Metric::Degree => Ok(centrality::degree(net)
            .into_iter()
            .map(|d| d as f64)
            .collect()),
        Metric::Strength => Ok(centrality::strength(net)),
        Metric::Betweenness if n > EXACT_MAX_NODES => {
            let bound = centrality::sampled_betweenness_error_bound(n, SAMPLE_SOURCES, 0.05);
            note = Some(MetricNote::Sampled {
                sources: SAMPLE_SOURCES,
                seed: opts.seed,
                bound,
            });
            centrality::betweenness_sampled(net, weighting, SAMPLE_SOURCES, opts.seed)
        }
        Metric::Betweenness => centrality::betweenness(net, weighting),
        Metric::Closeness => match distances.filter(|_| reads_distances(m, opts)) {
            Some(d) => Ok(centrality::closeness_from(net, d)),
            None => centrality::closeness(net, weighting),
        },
        Metric::Harmonic => match distances.filter(|_| reads_distances(m, opts)) {
            Some(d) => Ok(centrality::harmonic_from(d)),
            None => centrality::harmonic(net, weighting),
        },
        Metric::Eigenvector => {
            centrality::eigenvector(net, weighting, Convergence::default()).map(|r| {
                note = Some(converged(Metric::Eigenvector, &r));
                r.values
            })
        }
        Metric::Pagerank => {
            centrality::pagerank(net, Weighting::Weighted, 0.85, Convergence::default()).map(|r| {
                note = Some(converged(Metric::Pagerank, &r));
                r.values
            })
        }
        Metric::CoreNumber => Ok(centrality::core_number(net)
            .into_iter()
            .map(|d| d as f64)
            .collect()),
        Metric::Clustering => Ok(centrality::clustering(net)),
    };
    match col {
        Ok(v) => MetricColumn {
            values: some(v),
            note,
        },
        Err(e) => MetricColumn {
            values: vec![None; n],
            note: Some(MetricNote::Failed {
                metric: m,
                reason: e.to_string(),
            }),
        },
    }
}

/// How an iterative metric got to its values, for the column's note.
fn converged(metric: Metric, r: &Iterated) -> MetricNote {
    MetricNote::Converged {
        metric,
        iterations: r.iterations,
        residual: r.residual,
    }
}

impl MetricsTable {
    /// The table of `metrics` from their computed columns (same order).
    pub fn from_columns(metrics: &[Metric], columns: Vec<Arc<MetricColumn>>) -> Self {
        MetricsTable {
            metrics: metrics.to_vec(),
            notes: columns.iter().filter_map(|c| c.note.clone()).collect(),
            columns,
        }
    }
}

/// Computes `metrics` for every node of `net` (one [`column()`] each).
pub fn compute(net: &Network, metrics: &[Metric], opts: MetricOptions) -> MetricsTable {
    let columns = metrics
        .iter()
        .map(|&m| Arc::new(column(net, m, opts, None)))
        .collect();
    MetricsTable::from_columns(metrics, columns)
}

/// Metric columns for tables and exports, all or the chosen ones.
pub fn metric_columns(table: &MetricsTable, chosen: &[Metric]) -> Vec<Column> {
    columns_at(table, chosen, None)
}

/// [`metric_columns`] with only the cells of `rows`, in that order (a page of a table).
pub fn metric_columns_at(table: &MetricsTable, chosen: &[Metric], rows: &[usize]) -> Vec<Column> {
    columns_at(table, chosen, Some(rows))
}

fn columns_at(table: &MetricsTable, chosen: &[Metric], rows: Option<&[usize]>) -> Vec<Column> {
    chosen
        .iter()
        .filter_map(|&m| {
            let col = table.column(m)?;
            let kind = match m {
                Metric::Degree | Metric::CoreNumber => ColumnType::Integer,
                _ => ColumnType::Float,
            };
            let cell = |v: &Option<f64>| v.map_or(Cell::Empty, Cell::Number);
            Some(Column {
                name: m.name().to_owned(),
                kind,
                cells: match rows {
                    Some(rows) => rows.iter().map(|&i| cell(&col[i])).collect(),
                    None => col.iter().map(cell).collect(),
                },
            })
        })
        .collect()
}

/// The node table: one row per organization of a page (its id, its public attributes, the
/// metrics and position groups asked for), with the caveats of its metric columns. Built here
/// only: `puentes metrics` and `/api/v1/metrics` read it through
/// [`crate::analyses::Revision::node_table`], and the export adds the same columns.
#[derive(Debug, Clone)]
pub struct NodeTable {
    /// Organizations in all pages.
    pub total: usize,
    /// The rows' organization ids, in row order.
    pub ids: Vec<String>,
    /// The rows' attribute, metric and position columns.
    pub columns: Vec<Column>,
    /// Caveats of the metric columns (sampling, convergence).
    pub notes: Vec<MetricNote>,
}

impl NodeTable {
    /// The ids as the table writers take them.
    pub fn id_refs(&self) -> Vec<&str> {
        self.ids.iter().map(String::as_str).collect()
    }
}

/// The metric and position columns of `selection`, with the cells of `rows` in that order:
/// what the node table and the export add to the attributes.
pub fn selected_columns(
    table: &MetricsTable,
    positions: Option<&[Column]>,
    selection: &crate::params::MetricSelection,
    rows: &[usize],
) -> Vec<Column> {
    let mut columns = metric_columns_at(table, &selection.metrics, rows);
    columns.extend(
        positions
            .unwrap_or_default()
            .iter()
            .filter(|c| selection.wants_position(&c.name))
            .map(|c| c.rows(rows)),
    );
    columns
}

/// Assembles the [`NodeTable`] of `window` of `data`'s organizations: `table` must hold the
/// selected metrics (and `sort`, when given), `positions` every organization's position
/// columns when the selection names a group. Rows are in node order, or by `sort`
/// descending (ties in node order; missing values last). Only the page's cells are copied:
/// the rows up to the page's end are selected in O(n) and only those sorted.
pub fn node_table(
    data: &NetworkData,
    table: &MetricsTable,
    positions: Option<&[Column]>,
    selection: &crate::params::MetricSelection,
    sort: Option<Metric>,
    window: crate::paging::Window,
) -> NodeTable {
    let total = data.organizations.len();
    let mut order: Vec<usize> = (0..total).collect();
    if let Some(m) = sort {
        let col = table.column(m).unwrap_or(&[]);
        let key = |i: usize| col.get(i).copied().flatten().unwrap_or(f64::NEG_INFINITY);
        let by_value = |a: &usize, b: &usize| key(*b).total_cmp(&key(*a)).then(a.cmp(b));
        let end = window.offset.saturating_add(window.limit);
        if end < order.len() {
            order.select_nth_unstable_by(end, by_value);
            order.truncate(end);
        }
        order.sort_by(by_value);
    }
    let (_, page) = window.apply(order);
    let orgs: Vec<_> = page
        .iter()
        .map(|&i| data.organizations[i].clone())
        .collect();
    let extra = selected_columns(table, positions, selection, &page);
    NodeTable {
        total,
        ids: orgs.iter().map(|o| o.id.clone()).collect(),
        columns: crate::export::node_columns(&orgs, false, extra),
        notes: table.notes.clone(),
    }
}

/// The rows a Neo4j metrics write-back stores: per organization, its id and every numeric
/// cell of `columns` (empty cells are left out).
pub fn write_back_rows(
    data: &NetworkData,
    columns: &[Column],
) -> Vec<(String, Vec<(String, f64)>)> {
    data.organizations
        .iter()
        .enumerate()
        .map(|(n, o)| {
            let values = columns
                .iter()
                .filter_map(|c| match c.cells[n] {
                    Cell::Number(x) => Some((c.name.clone(), x)),
                    _ => None,
                })
                .collect();
            (o.id.clone(), values)
        })
        .collect()
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
        assert!((pr - 1.0).abs() < 1e-12);
        // Weighted PageRank of the star with w = (1, 2, 1): the centre x0 and leaf x_l of
        // weight w satisfy x_l = 0.0375 + 0.85 · x0 · w / 4 and x0 = 0.0375 + 0.85 Σ x_l.
        // Σ x_l = 0.1125 + 0.85 · x0, so x0 = 0.0375 + 0.85 · (0.1125 + 0.85 · x0).
        let x0 = (0.0375 + 0.85 * 0.1125) / (1.0 - 0.85 * 0.85);
        assert!((col(Metric::Pagerank)[0].unwrap_or(f64::NAN) - x0).abs() < 1e-12);
        // The iterative metrics say how they converged; nothing else has a caveat.
        assert_eq!(t.notes.len(), 2, "{:?}", t.notes);
        let notes: Vec<String> = t
            .notes
            .iter()
            .map(|n| crate::i18n::catalogue::metric_note(n, crate::i18n::Lang::En))
            .collect();
        assert!(notes[0].starts_with("eigenvector: power iteration on A+I, converged in "));
        assert!(notes[1].starts_with("pagerank: conjugate gradients, converged in "));
        assert!(notes[1].contains("residual |x - F(x)|_1 = "));
        let nota = crate::i18n::catalogue::metric_note(&t.notes[1], crate::i18n::Lang::Es);
        assert!(
            nota.starts_with("pagerank: gradientes conjugados, convergió en "),
            "{nota}"
        );
    }

    #[test]
    fn position_groups_own_their_columns() {
        use PositionGroup::*;
        assert_eq!(
            PositionGroup::parse("structural_holes"),
            Some(StructuralHoles)
        );
        assert_eq!(PositionGroup::parse("degree"), None);
        assert!(Community.owns("community_label") && !Community.owns("constraint"));
        assert!(StructuralHoles.owns("hierarchy") && !StructuralHoles.owns("community"));
        assert!(Brokerage.owns("broker_liaison_by_corridor") && !Brokerage.owns("degree"));
    }
}
