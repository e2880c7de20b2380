//! The whole-network figures in words ([`Figure`], named and defined in the catalogue):
//! the report's key figures and `puentes summary --format text` read them from here.

use crate::i18n::catalogue::report::Figure;
use crate::i18n::Lang;
use puentes_analysis::gaps::{GapAnalysis, PeripheryReason};
use puentes_analysis::summary::Summary;

/// What the figures are read from.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    /// The whole-network summary.
    pub summary: &'a Summary,
    /// Portfolio partners.
    pub partners: usize,
    /// People served by the partners.
    pub people_served: u64,
    /// The gap analysis, for the findings' counts and the communities (`None`: those
    /// figures are not given).
    pub gaps: Option<&'a GapAnalysis>,
}

impl Figures<'_> {
    /// Figure `f` in words in `lang`, and its raw value (the report's `data-value`); `None`
    /// when the network does not define it (an assortativity without ties), or when it is
    /// a finding's count and no gap analysis was given.
    pub fn value(&self, f: Figure, lang: Lang) -> Option<(String, String)> {
        let (s, input) = (self.summary, self);
        let gaps = |f: &dyn Fn(&GapAnalysis) -> Option<(String, String)>| self.gaps.and_then(f);
        let count = |n: usize| Some((lang.count(n), n.to_string()));
        let decimal = |x: f64, places: usize| Some((lang.decimal(x, places), x.to_string()));
        match f {
            Figure::Organizations => count(s.nodes),
            Figure::Partners => count(input.partners),
            Figure::PeopleServed => Some((
                lang.int(input.people_served),
                input.people_served.to_string(),
            )),
            Figure::Ties => count(s.ties),
            Figure::AverageDegree => decimal(s.average_degree, 1),
            Figure::Density => decimal(s.density, 3),
            Figure::Components => count(s.components),
            Figure::LargestComponent => {
                let share = if s.nodes == 0 {
                    0.0
                } else {
                    s.largest_component as f64 / s.nodes as f64
                };
                Some((
                    format!(
                        "{} ({})",
                        lang.percent(share),
                        lang.count(s.largest_component)
                    ),
                    s.largest_component.to_string(),
                ))
            }
            Figure::AverageDistance => s.average_shortest_path_length.and_then(|x| decimal(x, 2)),
            Figure::Diameter => s.diameter.and_then(|d| count(d as usize)),
            Figure::Clustering => decimal(s.transitivity, 3),
            Figure::Assortativity => s.degree_assortativity.and_then(|x| decimal(x, 3)),
            Figure::Centralization => s.degree_centralization.and_then(|x| decimal(x, 3)),
            Figure::Communities => gaps(&|g| count(g.partition.count)),
            Figure::Modularity => gaps(&|g| {
                Some(g.partition.modularity)
                    .filter(|x| x.is_finite())
                    .and_then(|x| decimal(x, 3))
            }),
            Figure::Isolated => gaps(&|g| {
                count(
                    g.peripheral
                        .iter()
                        .filter(|p| p.reasons.first() == Some(&PeripheryReason::Isolated))
                        .count(),
                )
            }),
            Figure::Peripheral => gaps(&|g| count(g.peripheral.len())),
            Figure::CutPoints => gaps(&|g| count(g.cut.articulation_points.len())),
            Figure::Bridges => gaps(&|g| count(g.cut.bridges.len())),
        }
    }
}

/// The `data-figure` key of a figure: the field of `/api/v1/summary` it equals, where there
/// is one.
pub fn figure_key(f: Figure) -> &'static str {
    match f {
        Figure::Organizations => "nodes",
        Figure::Partners => "partners",
        Figure::PeopleServed => "partner_population_served",
        Figure::Ties => "ties",
        Figure::AverageDegree => "average_degree",
        Figure::Density => "density",
        Figure::Components => "components",
        Figure::LargestComponent => "largest_component",
        Figure::AverageDistance => "average_shortest_path_length",
        Figure::Diameter => "diameter",
        Figure::Clustering => "transitivity",
        Figure::Assortativity => "degree_assortativity",
        Figure::Centralization => "degree_centralization",
        Figure::Communities => "communities",
        Figure::Modularity => "modularity",
        Figure::Isolated => "isolated",
        Figure::Peripheral => "peripheral",
        Figure::CutPoints => "cut_points",
        Figure::Bridges => "bridges",
    }
}

/// Whether figure `f` is read from the gap analysis (a finding's count, the communities).
pub fn needs_gaps(f: Figure) -> bool {
    matches!(
        f,
        Figure::Communities
            | Figure::Modularity
            | Figure::Isolated
            | Figure::Peripheral
            | Figure::CutPoints
            | Figure::Bridges
    )
}
