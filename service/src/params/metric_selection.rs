//! Which columns of the node table to compute: metrics and position groups, as
//! `puentes metrics --metrics` and `/api/v1/metrics?metrics=` take them.

use super::bad_value;
use crate::i18n::{Expected, Refusal};
use puentes_analysis::metrics::Metric;

/// A group of position columns, computed by the gap analysis rather than by
/// `puentes_analysis::centrality`: selecting one (`degree,community`) runs the gap analysis,
/// selecting none skips it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PositionGroup {
    /// `community`, `community_label`, `community_label_es`: the Louvain community (γ = 1,
    /// seed 42) and its name in English and in Spanish.
    Community,
    /// `constraint`, `effective_size`, `efficiency`, `hierarchy`: Burt's structural holes on
    /// the tie weights.
    StructuralHoles,
    /// `broker_<role>_by_<corridor|community>`: Gould–Fernandez brokerage counts.
    Brokerage,
}

impl PositionGroup {
    /// Every group, in table order.
    pub const ALL: [PositionGroup; 3] = [
        PositionGroup::Community,
        PositionGroup::StructuralHoles,
        PositionGroup::Brokerage,
    ];

    /// The group's name in a metric list.
    pub fn name(self) -> &'static str {
        match self {
            PositionGroup::Community => "community",
            PositionGroup::StructuralHoles => "structural_holes",
            PositionGroup::Brokerage => "brokerage",
        }
    }

    /// Parses a group name.
    pub fn parse(s: &str) -> Option<PositionGroup> {
        PositionGroup::ALL
            .into_iter()
            .find(|g| g.name() == s.trim())
    }

    /// Whether the position column `column` belongs to this group.
    pub fn owns(self, column: &str) -> bool {
        match self {
            PositionGroup::Community => column.starts_with("community"),
            PositionGroup::StructuralHoles => matches!(
                column,
                "constraint" | "effective_size" | "efficiency" | "hierarchy"
            ),
            PositionGroup::Brokerage => column.starts_with("broker_"),
        }
    }
}

/// The columns asked for: metrics (computed by `puentes_analysis::centrality`, each alone)
/// and position groups (from the gap analysis, run only when one is asked for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricSelection {
    /// Metrics, in the order asked.
    pub metrics: Vec<Metric>,
    /// Position groups, in the order asked.
    pub groups: Vec<PositionGroup>,
}

impl Default for MetricSelection {
    /// Every metric and every group.
    fn default() -> Self {
        MetricSelection {
            metrics: Metric::ALL.to_vec(),
            groups: PositionGroup::ALL.to_vec(),
        }
    }
}

impl MetricSelection {
    /// Reads a comma-separated list of metric and group names; an empty list is every
    /// column. The refusal names the first unknown name and lists both kinds.
    ///
    /// ```
    /// use puentes::params::{MetricSelection, PositionGroup};
    /// let s = MetricSelection::parse("degree,community").unwrap();
    /// assert_eq!((s.metrics.len(), s.groups), (1, vec![PositionGroup::Community]));
    /// assert!(MetricSelection::parse("degree,brokers").is_err());
    /// ```
    pub fn parse(list: &str) -> Result<MetricSelection, Refusal> {
        if list.trim().is_empty() {
            return Ok(MetricSelection::default());
        }
        let (mut metrics, mut groups) = (Vec::new(), Vec::new());
        for name in list.split(',') {
            if let Some(m) = Metric::parse(name) {
                metrics.push(m);
            } else if let Some(g) = PositionGroup::parse(name) {
                groups.push(g);
            } else {
                return Err(bad_value(
                    "metrics",
                    name,
                    Expected::MetricsOrGroups(
                        Metric::ALL.map(|m| m.name().to_owned()).to_vec(),
                        PositionGroup::ALL.map(|g| g.name().to_owned()).to_vec(),
                    ),
                ));
            }
        }
        Ok(MetricSelection { metrics, groups })
    }

    /// Whether the position column `column` is asked for.
    pub fn wants_position(&self, column: &str) -> bool {
        self.groups.iter().any(|g| g.owns(column))
    }
}

/// Reads the metric a table is sorted by (`sort=`); position groups are not sortable.
pub fn sort_metric(name: &str) -> Result<Metric, Refusal> {
    Metric::parse(name).ok_or_else(|| {
        bad_value(
            "sort",
            name,
            Expected::OneOf(Metric::ALL.map(|m| m.name().to_owned()).to_vec()),
        )
    })
}
