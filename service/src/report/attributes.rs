//! Attribute analytics: homophily (assortativity), the E-I index with permutation tests, and
//! correlations of network position with the organizations' numeric attributes.

use super::communities::codes;
use super::{finite, GapAnalysis};
use crate::i18n::Lang;
use crate::metrics::MetricsTable;
use puentes_analysis::attributes::{self, Correlation, EiIndex};
use puentes_analysis::network::{NominalAttribute, NumericAttribute};
use puentes_analysis::Network;
use serde::Serialize;

/// Homophily over one attribute.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Assortativity {
    /// Attribute.
    pub attribute: String,
    /// `nominal` or `numeric`.
    pub kind: &'static str,
    /// Coefficient (NetworkX attribute_/numeric_assortativity_coefficient); null if undefined.
    pub coefficient: Option<f64>,
}

/// E-I index for one grouping.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EiReport {
    /// Grouping: country, corridor or community.
    pub grouping: String,
    /// Network E-I, (E − I)/(E + I): −1 all ties inside groups, +1 all between.
    pub network: Option<f64>,
    /// Ties between groups.
    pub external: u64,
    /// Ties inside groups.
    pub internal: u64,
    /// Per group: (group, size, E-I).
    pub groups: Vec<(String, usize, Option<f64>)>,
    /// Permutation test: mean E-I under random relabelling and p-values.
    #[schema(value_type = Object)]
    pub permutation_test: Option<attributes::EiPermutationTest>,
}

/// One metric × attribute correlation.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CorrelationRow {
    /// Metric or attribute on one side.
    pub x: String,
    /// Attribute on the other side.
    pub y: String,
    /// Pairs with both values.
    pub n: usize,
    /// Pearson r.
    pub pearson_r: Option<f64>,
    /// Two-sided p-value of Pearson r.
    pub pearson_p: Option<f64>,
    /// Spearman ρ (average ranks for ties).
    pub spearman_rho: Option<f64>,
    /// Two-sided p-value of Spearman ρ.
    pub spearman_p: Option<f64>,
}

/// Attribute analytics: homophily, E-I, correlations of position with attributes.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttributeReport {
    /// The year of the network read, when one was asked (`as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were read (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// Seed of the permutation tests.
    pub seed: u64,
    /// Permutations per E-I test.
    pub permutations: usize,
    /// Assortativity of every nominal and numeric attribute.
    pub assortativity: Vec<Assortativity>,
    /// E-I index by country, corridor and community.
    pub ei_index: Vec<EiReport>,
    /// Every node metric and structural-hole measure against every numeric attribute, and
    /// the survey attributes against each other.
    pub correlations: Vec<CorrelationRow>,
}

fn corr_row(x: &str, y: &str, a: &[Option<f64>], b: &[Option<f64>]) -> CorrelationRow {
    let p: Correlation = attributes::pearson(a, b);
    let s: Correlation = attributes::spearman(a, b);
    CorrelationRow {
        x: x.to_owned(),
        y: y.to_owned(),
        n: p.n,
        pearson_r: finite(p.r),
        pearson_p: finite(p.p_value),
        spearman_rho: finite(s.r),
        spearman_p: finite(s.p_value),
    }
}

/// The attribute analytics report.
pub fn attribute_report(
    net: &Network,
    table: &MetricsTable,
    g: &GapAnalysis,
    permutations: usize,
    seed: u64,
) -> AttributeReport {
    let mut assortativity = Vec::new();
    for attr in NominalAttribute::ALL {
        let (codes, table) = codes(net, attr);
        if table.len() < 2 {
            continue;
        }
        assortativity.push(Assortativity {
            attribute: attr.name().to_owned(),
            kind: "nominal",
            coefficient: finite(attributes::nominal_assortativity(net, &codes)),
        });
    }
    for attr in NumericAttribute::ALL {
        let values = net.numeric(attr);
        if values.iter().flatten().count() < 2 {
            continue;
        }
        assortativity.push(Assortativity {
            attribute: attr.name().to_owned(),
            kind: "numeric",
            coefficient: finite(attributes::numeric_assortativity(net, &values)),
        });
    }
    let mut groupings: Vec<(String, Vec<Option<u32>>, Vec<String>)> = Vec::new();
    for attr in [NominalAttribute::Country, NominalAttribute::Corridor] {
        let (codes, table) = codes(net, attr);
        if table.len() >= 2 {
            groupings.push((attr.name().to_owned(), codes, table));
        }
    }
    groupings.push((
        "community".to_owned(),
        g.partition.membership.iter().map(|&c| Some(c)).collect(),
        (0..g.partition.count as u32)
            .map(|c| super::community(g, c).name(Lang::En))
            .collect(),
    ));
    let ei_index = groupings
        .into_iter()
        .map(|(name, codes, table)| {
            let ei: EiIndex = attributes::ei_index(net, &codes, permutations, seed);
            EiReport {
                grouping: name,
                network: finite(ei.network),
                external: ei.external,
                internal: ei.internal,
                groups: ei
                    .groups
                    .iter()
                    .map(|gr| {
                        (
                            table.get(gr.group as usize).cloned().unwrap_or_default(),
                            gr.size,
                            finite(gr.ei),
                        )
                    })
                    .collect(),
                permutation_test: ei.test,
            }
        })
        .collect();
    let numeric: Vec<(&str, Vec<Option<f64>>)> = NumericAttribute::ALL
        .iter()
        .map(|a| (a.name(), net.numeric(*a)))
        .filter(|(_, v)| v.iter().flatten().count() >= 3)
        .collect();
    let mut correlations = Vec::new();
    let mut positions: Vec<(String, Vec<Option<f64>>)> = table
        .metrics
        .iter()
        .filter_map(|m| table.column(*m).map(|c| (m.name().to_owned(), c.to_vec())))
        .collect();
    positions.push((
        "constraint".into(),
        g.holes.constraint.iter().map(|x| finite(*x)).collect(),
    ));
    positions.push((
        "effective_size".into(),
        g.holes.effective_size.iter().map(|x| finite(*x)).collect(),
    ));
    for (metric, mv) in &positions {
        for (attr, av) in &numeric {
            correlations.push(corr_row(metric, attr, mv, av));
        }
    }
    for (i, (a, av)) in numeric.iter().enumerate() {
        for (b, bv) in &numeric[i + 1..] {
            correlations.push(corr_row(a, b, av, bv));
        }
    }
    AttributeReport {
        as_of: None,
        confirmed: false,
        seed,
        permutations,
        assortativity,
        ei_index,
        correlations,
    }
}
