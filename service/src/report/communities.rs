//! Communities: which algorithm, the partition, its labels and the communities report.

use super::{org, OrgRef};
use crate::i18n::catalogue::{community_name, community_share};
use crate::i18n::Lang;
pub use crate::params::{Algorithm, CommunityParams};
use puentes_analysis::community::{self, Partition};
pub use puentes_analysis::gaps::{codes, community_themes, CommunityTheme};
use puentes_analysis::gaps::{community_themes_of, PlaceCodes};
use puentes_analysis::network::{node, NominalAttribute};
use puentes_analysis::Network;
use serde::Serialize;
use std::collections::BTreeMap;

/// Runs the chosen algorithm.
pub fn partition(net: &Network, p: CommunityParams) -> Partition {
    match p.algorithm {
        Algorithm::Louvain => community::louvain(net, p.resolution, p.seed),
        Algorithm::Leiden => community::leiden(net, p.resolution, p.seed),
        Algorithm::LabelPropagation => community::label_propagation(net, p.seed),
        Algorithm::Components => community::connected_components(net),
    }
}

/// One community, named by what most of its members share.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunityInfo {
    /// Community number (0 = the one holding the first organization).
    pub community: u32,
    /// Its name in the asked language: its most common corridor (or country), with its
    /// region or a number when another community shares that place ("Frontera norte de
    /// México · Chihuahua").
    pub label: String,
    /// What the name rests on, in words ("17 de sus 19 organizaciones trabajan en ese
    /// corredor"); empty when no member has a corridor or a country.
    pub description: String,
    /// What characterises it, as data (the name's source).
    #[serde(skip)]
    pub theme: CommunityTheme,
    /// Members.
    pub size: usize,
    /// Members by country.
    pub countries: BTreeMap<String, usize>,
    /// Members (left out of [`communities_summary`]'s report, the only one where it is
    /// empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<OrgRef>,
}

/// Modularity of a partition given by an attribute, to compare with the detected one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttributeModularity {
    /// Attribute.
    pub attribute: &'static str,
    /// Groups.
    pub groups: usize,
    /// Modularity (NetworkX `modularity`, weighted, same resolution).
    pub modularity: f64,
}

/// The communities answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunityReport {
    /// The year of the network read, when one was asked (`as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were read (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// Algorithm used.
    pub algorithm: Algorithm,
    /// Resolution γ.
    pub resolution: f64,
    /// Seed.
    pub seed: u64,
    /// Number of communities.
    pub count: usize,
    /// Modularity of the partition (weighted, at γ).
    pub modularity: f64,
    /// The communities, largest first.
    pub communities: Vec<CommunityInfo>,
    /// Modularity of the partitions by country, region and corridor, for comparison.
    pub by_attribute: Vec<AttributeModularity>,
    /// Community of each organization, by id.
    pub membership: BTreeMap<String, u32>,
}

impl CommunityReport {
    /// A copy with each community named and described in `lang`.
    pub fn worded(&self, lang: Lang) -> CommunityReport {
        self.clone().into_worded(lang)
    }

    /// The report with each community named and described in `lang` (no copy).
    pub fn into_worded(mut self, lang: Lang) -> CommunityReport {
        for c in &mut self.communities {
            c.label = community_name(Some(&c.theme), c.community, lang);
            c.description = community_share(Some(&c.theme), lang).unwrap_or_default();
        }
        self
    }
}

/// The communities report, its names not yet worded ([`CommunityReport::worded`]).
pub fn communities(net: &Network, params: CommunityParams) -> CommunityReport {
    let (mut r, membership) = communities_summary(net, params);
    // Each community's members, in node order.
    let mut position: Vec<usize> = vec![0; r.communities.len()];
    for (i, c) in r.communities.iter().enumerate() {
        position[c.community as usize] = i;
    }
    for (v, &c) in membership.iter().enumerate() {
        let o = org(net, node(v));
        r.membership.insert(o.id.clone(), c);
        r.communities[position[c as usize]].members.push(o);
    }
    r
}

/// The communities report without its member lists (`members` and `membership` empty), and
/// the community of each organization in node order: what a caller that holds the
/// organizations in that order needs (the Python package), without a copy of every id and
/// name.
pub fn communities_summary(net: &Network, params: CommunityParams) -> (CommunityReport, Vec<u32>) {
    // What does not depend on the partition (each place attribute's codes, computed once,
    // and the attribute partitions' modularity) is computed beside the optimiser, on the
    // other thread: Louvain and Leiden run mostly on one.
    let (p, (places, by_attribute)) = rayon::join(
        || partition(net, params),
        || {
            let places = PlaceCodes::of(net);
            let by_attribute = attribute_modularities(net, &places, params.resolution);
            (places, by_attribute)
        },
    );
    let themes = community_themes_of(&places, &p);
    let mut infos: Vec<CommunityInfo> = themes
        .into_iter()
        .enumerate()
        .map(|(c, theme)| CommunityInfo {
            community: c as u32,
            label: String::new(),
            description: String::new(),
            size: theme.size,
            theme,
            countries: BTreeMap::new(),
            members: Vec::new(),
        })
        .collect();
    // Members per (community, country code), counted by sorting: one string copied per
    // community and country, not one per organization.
    let (country, countries) = &places.country;
    let mut pairs: Vec<(u32, u32)> = p
        .membership
        .iter()
        .zip(country)
        .filter_map(|(&c, code)| code.map(|code| (c, code)))
        .collect();
    pairs.sort_unstable();
    for run in pairs.chunk_by(|a, b| a == b) {
        let (c, code) = run[0];
        infos[c as usize]
            .countries
            .insert(countries[code as usize].clone(), run.len());
    }
    infos.sort_by(|a, b| b.size.cmp(&a.size).then(a.community.cmp(&b.community)));
    let report = CommunityReport {
        as_of: None,
        confirmed: false,
        algorithm: params.algorithm,
        resolution: params.resolution,
        seed: params.seed,
        count: p.count,
        modularity: p.modularity,
        communities: infos,
        by_attribute,
        membership: BTreeMap::new(),
    };
    (report, p.membership)
}

/// The modularity of the partitions by country, region and corridor (those with any value),
/// scored in one pass over the ties. Organizations without a value form one group of their
/// own.
fn attribute_modularities(
    net: &Network,
    places: &PlaceCodes,
    resolution: f64,
) -> Vec<AttributeModularity> {
    let coded = [
        (NominalAttribute::Country, &places.country),
        (NominalAttribute::Region, &places.region),
        (NominalAttribute::Corridor, &places.corridor),
    ];
    let present: Vec<_> = coded
        .iter()
        .filter(|(_, (_, table))| !table.is_empty())
        .collect();
    let labels: Vec<Vec<u32>> = present
        .iter()
        .map(|(_, (codes, table))| {
            let missing = table.len() as u32;
            codes.iter().map(|c| c.unwrap_or(missing)).collect()
        })
        .collect();
    let labels: Vec<&[u32]> = labels.iter().map(Vec::as_slice).collect();
    let scores = community::modularities(net, &labels, resolution);
    present
        .iter()
        .zip(scores)
        .map(|((attr, (_, table)), modularity)| AttributeModularity {
            attribute: attr.name(),
            groups: table.len(),
            modularity,
        })
        .collect()
}
