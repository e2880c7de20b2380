//! The position columns that join the metrics table and the exports.

use super::GapAnalysis;
use crate::i18n::Lang;
use puentes_analysis::gaps;

/// The position columns that join the metrics table and the exports: community, structural
/// holes and brokerage roles.
pub fn position_columns(g: &GapAnalysis) -> Vec<crate::export::Column> {
    use crate::export::{Cell, Column, ColumnType};
    let float = |name: &str, v: &[f64]| Column {
        name: name.to_owned(),
        kind: ColumnType::Float,
        cells: v
            .iter()
            .map(|x| {
                if x.is_finite() {
                    Cell::Number(*x)
                } else {
                    Cell::Empty
                }
            })
            .collect(),
    };
    let int = |name: String, v: Vec<u64>| Column {
        name,
        kind: ColumnType::Integer,
        cells: v.into_iter().map(|x| Cell::Number(x as f64)).collect(),
    };
    // The community's name in each language: researchers read it in theirs; scripts read
    // `community_label` (English) as before.
    let label = |name: &str, lang: Lang| Column {
        name: name.to_owned(),
        kind: ColumnType::Text,
        cells: g
            .partition
            .membership
            .iter()
            .map(|&c| Cell::Text(super::community(g, c).name(lang)))
            .collect(),
    };
    let mut cols = vec![
        int(
            "community".into(),
            g.partition
                .membership
                .iter()
                .map(|&c| u64::from(c))
                .collect(),
        ),
        label("community_label", Lang::En),
        label("community_label_es", Lang::Es),
        float("constraint", &g.holes.constraint),
        float("effective_size", &g.holes.effective_size),
        float("efficiency", &g.holes.efficiency),
        float("hierarchy", &g.holes.hierarchy),
    ];
    type Role = fn(&gaps::Roles<u64>) -> u64;
    let roles: [(&str, Role); 5] = [
        ("coordinator", |r| r.coordinator),
        ("itinerant", |r| r.itinerant),
        ("representative", |r| r.representative),
        ("gatekeeper", |r| r.gatekeeper),
        ("liaison", |r| r.liaison),
    ];
    for (name, get) in roles {
        cols.push(int(
            format!("broker_{name}_by_{}", g.brokerage_groups.as_str()),
            g.brokerage.raw.iter().map(get).collect(),
        ));
    }
    cols
}
