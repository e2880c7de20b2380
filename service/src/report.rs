//! Reports for people: the analysis results with organizations named, groups labelled and
//! each finding explained. Pure functions of a [`Network`]; the HTTP API and the CLI serve
//! the same documents.

use crate::metrics::{Metric, MetricsTable};
use puentes_analysis::attributes::{self, Correlation, EiIndex};
use puentes_analysis::community::{self, Partition};
use puentes_analysis::gaps::{self, CutPoints, Reach, ServiceReach, StructuralHoles};
use puentes_analysis::model::Service;
use puentes_analysis::network::{node, NominalAttribute, NumericAttribute};
use puentes_analysis::Network;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Default seed of seeded analyses (communities, permutation tests).
pub const DEFAULT_SEED: u64 = 42;
/// Organizations listed per cut-off part or bridge side.
pub const MAX_LISTED: usize = 25;

/// An organization as named in reports.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OrgRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

fn org(net: &Network, v: u32) -> OrgRef {
    let o = net.organization(v);
    OrgRef {
        id: o.id.clone(),
        name: o.name.clone(),
    }
}

fn orgs(net: &Network, vs: &[u32]) -> Vec<OrgRef> {
    vs.iter().map(|&v| org(net, v)).collect()
}

/// Community detection algorithms.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Deserialize,
    Serialize,
    utoipa::ToSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    /// Louvain modularity optimisation (Blondel et al. 2008).
    #[default]
    Louvain,
    /// Leiden (Traag, Waltman & van Eck 2019): well-connected communities.
    Leiden,
    /// Label propagation (Raghavan et al. 2007), seeded.
    LabelPropagation,
    /// Connected components.
    Components,
}

/// Which partition to compute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommunityParams {
    /// Algorithm.
    pub algorithm: Algorithm,
    /// Resolution γ (Louvain, Leiden): above 1, smaller communities.
    pub resolution: f64,
    /// Seed: same input and seed, same partition.
    pub seed: u64,
}

impl Default for CommunityParams {
    fn default() -> Self {
        CommunityParams {
            algorithm: Algorithm::Louvain,
            resolution: 1.0,
            seed: DEFAULT_SEED,
        }
    }
}

impl CommunityParams {
    /// A cache key.
    pub fn key(&self) -> String {
        format!("{:?}:{}:{}", self.algorithm, self.resolution, self.seed)
    }
}

/// Runs the chosen algorithm.
pub fn partition(net: &Network, p: CommunityParams) -> Partition {
    match p.algorithm {
        Algorithm::Louvain => community::louvain(net, p.resolution, p.seed),
        Algorithm::Leiden => community::leiden(net, p.resolution, p.seed),
        Algorithm::LabelPropagation => community::label_propagation(net, p.seed),
        Algorithm::Components => community::connected_components(net),
    }
}

/// One community, labelled by what most of its members share.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunityInfo {
    /// Community number (0 = the one holding the first organization).
    pub community: u32,
    /// A readable label: its most common corridor (or country) and that share.
    pub label: String,
    /// Members.
    pub size: usize,
    /// Members by country.
    pub countries: BTreeMap<String, usize>,
    /// Members.
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

/// Codes for a nominal attribute (missing = `None`), with the code → value table.
pub fn codes(net: &Network, attr: NominalAttribute) -> (Vec<Option<u32>>, Vec<String>) {
    let mut table: Vec<String> = Vec::new();
    let mut index: BTreeMap<String, u32> = BTreeMap::new();
    let col = net.nominal(attr);
    let codes = col
        .into_iter()
        .map(|v| {
            v.map(|s| {
                *index.entry(s.clone()).or_insert_with(|| {
                    table.push(s);
                    (table.len() - 1) as u32
                })
            })
        })
        .collect();
    (codes, table)
}

/// Labels each community by its most common corridor (or country when no corridor is known).
pub fn community_labels(net: &Network, p: &Partition) -> Vec<String> {
    let mut counts: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); p.count];
    let mut sizes = vec![0usize; p.count];
    for v in 0..net.node_count() {
        let c = p.membership[v] as usize;
        sizes[c] += 1;
        let o = net.organization(node(v));
        let key = o
            .corridor
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| o.country.clone());
        if !key.is_empty() {
            *counts[c].entry(key).or_default() += 1;
        }
    }
    counts
        .iter()
        .enumerate()
        .map(
            |(c, m)| match m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                Some((k, n)) => format!("{c}: {k} ({n} of {})", sizes[c]),
                None => format!("{c}: {} organizations", sizes[c]),
            },
        )
        .collect()
}

/// The communities report.
pub fn communities(net: &Network, params: CommunityParams) -> CommunityReport {
    let p = partition(net, params);
    let labels = community_labels(net, &p);
    let mut infos: Vec<CommunityInfo> = (0..p.count)
        .map(|c| CommunityInfo {
            community: c as u32,
            label: labels[c].clone(),
            size: 0,
            countries: BTreeMap::new(),
            members: Vec::new(),
        })
        .collect();
    let mut membership = BTreeMap::new();
    for v in 0..net.node_count() {
        let c = p.membership[v] as usize;
        let o = net.organization(node(v));
        infos[c].size += 1;
        if !o.country.is_empty() {
            *infos[c].countries.entry(o.country.clone()).or_default() += 1;
        }
        infos[c].members.push(org(net, node(v)));
        membership.insert(o.id.clone(), c as u32);
    }
    infos.sort_by(|a, b| b.size.cmp(&a.size).then(a.community.cmp(&b.community)));
    let by_attribute = [
        NominalAttribute::Country,
        NominalAttribute::Region,
        NominalAttribute::Corridor,
    ]
    .into_iter()
    .filter_map(|attr| {
        let (codes, table) = codes(net, attr);
        if table.is_empty() {
            return None;
        }
        // Organizations without a value form one group of their own.
        let missing = table.len() as u32;
        let m: Vec<u32> = codes.iter().map(|c| c.unwrap_or(missing)).collect();
        Some(AttributeModularity {
            attribute: attr.name(),
            groups: table.len(),
            modularity: community::modularity(net, &m, params.resolution),
        })
    })
    .collect();
    CommunityReport {
        algorithm: params.algorithm,
        resolution: params.resolution,
        seed: params.seed,
        count: p.count,
        modularity: p.modularity,
        communities: infos,
        by_attribute,
        membership,
    }
}

/// A list with its total before paging.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Section<T> {
    /// Items in the whole list.
    pub total: usize,
    /// This page.
    pub items: Vec<T>,
}

fn section<T>(items: Vec<T>, offset: usize, limit: usize) -> Section<T> {
    let total = items.len();
    Section {
        total,
        items: items.into_iter().skip(offset).take(limit).collect(),
    }
}

/// An isolated or peripheral organization.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PeripheralItem {
    /// The organization.
    pub organization: OrgRef,
    /// Portfolio partner or ally.
    pub partner: bool,
    /// Reason codes: isolated, pendant, only_inside_community, low_coreness, low_closeness.
    pub reasons: Vec<String>,
    /// One sentence per reason.
    pub explanation: Vec<String>,
}

/// An organization whose removal cuts others off.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CutPointItem {
    /// The organization.
    pub organization: OrgRef,
    /// How many would be cut off from the rest.
    pub cut_off_total: usize,
    /// Sizes of the parts cut off.
    pub cut_off_sizes: Vec<usize>,
    /// Up to 25 organizations of each part.
    pub cut_off: Vec<Vec<OrgRef>>,
    /// Organizations that stay connected to the largest part.
    pub remaining: usize,
    /// In words.
    pub explanation: String,
}

/// A tie that alone joins two parts.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BridgeItem {
    /// The end on the larger side.
    pub from: OrgRef,
    /// The end on the smaller side.
    pub to: OrgRef,
    /// Organizations on the smaller side.
    pub smaller_side_size: usize,
    /// Up to 25 of them.
    pub smaller_side: Vec<OrgRef>,
    /// In words.
    pub explanation: String,
}

/// Two communities with fewer ties between them than their sizes predict.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommunityPairItem {
    /// First community's label.
    pub a: String,
    /// Second community's label.
    pub b: String,
    /// Ties between them.
    pub observed: u64,
    /// Ties expected at the network's overall density.
    pub expected: f64,
    /// observed / expected.
    pub ratio: f64,
    /// In words.
    pub explanation: String,
}

/// A service some organizations cannot reach within two ties.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ServiceGapItem {
    /// The service.
    pub service: Service,
    /// Organizations offering it.
    pub offered_by: usize,
    /// Organizations with no path of at most two ties to it.
    pub lacking: usize,
    /// Up to 25 of them.
    pub organizations: Vec<OrgRef>,
    /// Regions ("country/region") with such organizations: (lacking, total in region).
    pub regions: Vec<(String, usize, usize)>,
    /// In words.
    pub explanation: String,
}

/// An organization with high constraint: its few partners all know each other.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConstraintItem {
    /// The organization.
    pub organization: OrgRef,
    /// Burt's constraint.
    pub constraint: f64,
    /// Effective size.
    pub effective_size: f64,
}

/// What planners ask: who is isolated, who holds the network together, which communities
/// do not talk to each other, which services are out of reach.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GapReport {
    /// The partition used for community-based findings (Louvain, γ = 1, seed 42).
    pub communities: String,
    /// Isolated and peripheral organizations, each with its reasons.
    pub peripheral: Section<PeripheralItem>,
    /// Organizations whose removal cuts others off, most cut off first.
    pub cut_points: Section<CutPointItem>,
    /// Ties that alone join two parts, largest smaller side first.
    pub bridges: Section<BridgeItem>,
    /// Community pairs with the fewest ties for their sizes.
    pub least_connected_communities: Section<CommunityPairItem>,
    /// Services out of reach (no provider within two ties).
    pub service_gaps: Section<ServiceGapItem>,
    /// Most constrained organizations (Burt): no structural holes to broker.
    pub most_constrained: Section<ConstraintItem>,
}

/// Everything the gap report and the profiles need, computed once per revision.
#[derive(Debug)]
pub struct GapAnalysis {
    /// Louvain partition (γ = 1, seed 42).
    pub partition: Partition,
    /// Community labels.
    pub labels: Vec<String>,
    /// Peripheral organizations.
    pub peripheral: Vec<gaps::PeripheralOrganization>,
    /// Cut points.
    pub cut: CutPoints,
    /// Structural holes (weighted).
    pub holes: StructuralHoles,
    /// Community gaps.
    pub community_gaps: gaps::CommunityGaps,
    /// Service reach.
    pub reach: ServiceReach,
    /// Brokerage by corridor (or community when no corridor is known).
    pub brokerage: gaps::Brokerage,
    /// What the brokerage groups are.
    pub brokerage_groups: &'static str,
}

/// Runs every gap analysis.
pub fn gap_analysis(net: &Network) -> GapAnalysis {
    let partition = partition(net, CommunityParams::default());
    let labels = community_labels(net, &partition);
    let (corridors, table) = codes(net, NominalAttribute::Corridor);
    let (groups, brokerage_groups): (Vec<u32>, &'static str) = if table.is_empty() {
        (partition.membership.clone(), "community")
    } else {
        let missing = table.len() as u32;
        (
            corridors.iter().map(|c| c.unwrap_or(missing)).collect(),
            "corridor",
        )
    };
    GapAnalysis {
        peripheral: gaps::peripheral_organizations(net, Some(&partition.membership)),
        cut: gaps::cut_points(net, MAX_LISTED),
        holes: gaps::structural_holes(net, true),
        community_gaps: gaps::community_gaps(net, &partition.membership),
        reach: gaps::service_reach(net),
        brokerage: gaps::brokerage(net, &groups),
        brokerage_groups,
        labels,
        partition,
    }
}

fn reason_code(r: &gaps::PeripheryReason) -> String {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// The gap report, each list paged with `offset` and `limit`.
pub fn gap_report(net: &Network, g: &GapAnalysis, offset: usize, limit: usize) -> GapReport {
    // Most severe first: isolated, pendant, low coreness, low closeness, inward-looking.
    let severity = |r: &gaps::PeripheryReason| match r {
        gaps::PeripheryReason::Isolated => 0,
        gaps::PeripheryReason::Pendant { .. } => 1,
        gaps::PeripheryReason::LowCoreness { .. } => 2,
        gaps::PeripheryReason::LowCloseness { .. } => 3,
        gaps::PeripheryReason::OnlyInsideCommunity { .. } => 4,
    };
    let mut flagged: Vec<&gaps::PeripheralOrganization> = g.peripheral.iter().collect();
    flagged.sort_by_key(|p| {
        let worst = p.reasons.iter().map(severity).min().unwrap_or(5);
        (worst, std::cmp::Reverse(p.reasons.len()), p.node)
    });
    let peripheral = flagged
        .into_iter()
        .map(|p| PeripheralItem {
            organization: org(net, p.node),
            partner: net.organization(p.node).partner,
            reasons: p.reasons.iter().map(reason_code).collect(),
            explanation: p.explanation.clone(),
        })
        .collect();
    let cut_points = g
        .cut
        .articulation_points
        .iter()
        .map(|a| CutPointItem {
            organization: org(net, a.node),
            cut_off_total: a.cut_off_total,
            cut_off_sizes: a.cut_off_sizes.clone(),
            cut_off: a.cut_off.iter().map(|part| orgs(net, part)).collect(),
            remaining: a.remaining,
            explanation: a.explanation.clone(),
        })
        .collect();
    let bridges = g
        .cut
        .bridges
        .iter()
        .map(|b| BridgeItem {
            from: org(net, b.u),
            to: org(net, b.v),
            smaller_side_size: b.smaller_side_size,
            smaller_side: orgs(net, &b.smaller_side),
            explanation: b.explanation.clone(),
        })
        .collect();
    let label = |c: u32| g.labels.get(c as usize).cloned().unwrap_or_default();
    let least_connected = g
        .community_gaps
        .least_connected
        .iter()
        .map(|p| CommunityPairItem {
            a: label(p.a),
            b: label(p.b),
            observed: p.observed,
            expected: p.expected,
            ratio: p.ratio,
            explanation: format!(
                "{} and {}: {} ties where the network's average density predicts {:.1}.",
                label(p.a),
                label(p.b),
                p.observed,
                p.expected
            ),
        })
        .collect();
    let service_gaps = g
        .reach
        .gaps
        .iter()
        .map(|s| ServiceGapItem {
            service: s.service,
            offered_by: s.offered_by,
            lacking: s.organizations.len(),
            organizations: orgs(
                net,
                &s.organizations[..s.organizations.len().min(MAX_LISTED)],
            ),
            regions: s
                .regions
                .iter()
                .map(|r| (format!("{}/{}", r.country, r.region), r.lacking, r.total))
                .collect(),
            explanation: s.explanation.clone(),
        })
        .collect();
    let mut constrained: Vec<u32> = (0..net.node_count())
        .map(node)
        .filter(|&v| g.holes.constraint[v as usize].is_finite())
        .collect();
    constrained.sort_by(|&a, &b| {
        g.holes.constraint[b as usize]
            .total_cmp(&g.holes.constraint[a as usize])
            .then(a.cmp(&b))
    });
    let most_constrained = constrained
        .into_iter()
        .map(|v| ConstraintItem {
            organization: org(net, v),
            constraint: g.holes.constraint[v as usize],
            effective_size: g.holes.effective_size[v as usize],
        })
        .collect();
    GapReport {
        communities: format!(
            "Louvain (resolution 1, seed {DEFAULT_SEED}): {} communities, modularity {:.3}",
            g.partition.count, g.partition.modularity
        ),
        peripheral: section(peripheral, offset, limit),
        cut_points: section(cut_points, offset, limit),
        bridges: section(bridges, offset, limit),
        least_connected_communities: section(least_connected, offset, limit),
        service_gaps: section(service_gaps, offset, limit),
        most_constrained: section(most_constrained, offset, limit),
    }
}

/// One organization's position, in numbers and in words.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Profile {
    /// The organization (public fields).
    #[schema(value_type = Object)]
    pub organization: puentes_analysis::Organization,
    /// Node metrics.
    pub metrics: BTreeMap<String, Option<f64>>,
    /// Burt's structural holes (weighted).
    pub structural_holes: BTreeMap<String, Option<f64>>,
    /// Louvain community label.
    pub community: String,
    /// Gould–Fernandez brokerage roles (raw counts), by corridor (or community).
    pub brokerage: BTreeMap<String, u64>,
    /// What the brokerage groups are: `corridor` or `community`.
    pub brokerage_groups: String,
    /// Services it cannot reach within two ties.
    pub services_out_of_reach: Vec<Service>,
    /// Everything above that matters, in plain words.
    pub summary: Vec<String>,
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The profile of node `v`.
pub fn profile(net: &Network, table: &MetricsTable, g: &GapAnalysis, v: u32) -> Profile {
    let i = v as usize;
    let o = net.organization(v);
    let mut metrics = BTreeMap::new();
    for m in &table.metrics {
        metrics.insert(m.name().to_owned(), table.column(*m).and_then(|c| c[i]));
    }
    let holes: BTreeMap<String, Option<f64>> = [
        ("constraint", g.holes.constraint[i]),
        ("effective_size", g.holes.effective_size[i]),
        ("efficiency", g.holes.efficiency[i]),
        ("hierarchy", g.holes.hierarchy[i]),
    ]
    .into_iter()
    .map(|(k, x)| (k.to_owned(), finite(x)))
    .collect();
    let r = g.brokerage.raw[i];
    let brokerage: BTreeMap<String, u64> = [
        ("coordinator", r.coordinator),
        ("itinerant", r.itinerant),
        ("representative", r.representative),
        ("gatekeeper", r.gatekeeper),
        ("liaison", r.liaison),
    ]
    .into_iter()
    .map(|(k, x)| (k.to_owned(), x))
    .collect();
    let out_of_reach: Vec<Service> = g
        .reach
        .services
        .iter()
        .zip(&g.reach.reach[i])
        .filter(|(_, r)| **r == Reach::Unreachable)
        .map(|(s, _)| *s)
        .collect();
    let community = g.labels[g.partition.membership[i] as usize].clone();
    let mut summary = Vec::new();
    let degree = net.degree(v);
    summary.push(format!(
        "{} has {degree} partner organization{} and belongs to community {community}.",
        o.name,
        if degree == 1 { "" } else { "s" }
    ));
    if let Some(col) = table.column(Metric::Betweenness) {
        if let Some(b) = col[i] {
            let rank = col.iter().filter(|x| x.is_some_and(|y| y > b)).count() + 1;
            summary.push(format!(
                "It ranks {rank} of {} in betweenness: {}.",
                net.node_count(),
                if rank <= net.node_count().div_ceil(10) {
                    "it lies on many of the shortest paths between others and helps hold the network together"
                } else {
                    "few shortest paths between others pass through it"
                }
            ));
        }
    }
    if let Some(p) = g.peripheral.iter().find(|p| p.node == v) {
        summary.extend(p.explanation.iter().cloned());
    }
    if let Some(a) = g.cut.articulation_points.iter().find(|a| a.node == v) {
        summary.push(a.explanation.clone());
    }
    for b in g.cut.bridges.iter().filter(|b| b.u == v || b.v == v) {
        summary.push(b.explanation.clone());
    }
    let brokered: u64 = r.itinerant + r.representative + r.gatekeeper + r.liaison;
    if brokered > 0 {
        summary.push(format!(
            "It brokers {brokered} exchange{} between {}s (Gould–Fernandez roles: {} gatekeeper, {} representative, {} liaison, {} itinerant).",
            if brokered == 1 { "" } else { "s" },
            g.brokerage_groups,
            r.gatekeeper,
            r.representative,
            r.liaison,
            r.itinerant
        ));
    }
    if !out_of_reach.is_empty() {
        let names: Vec<&str> = out_of_reach.iter().map(|s| s.as_str()).collect();
        summary.push(format!(
            "No organization within two ties offers: {}.",
            names.join(", ")
        ));
    }
    Profile {
        organization: o.redacted(),
        metrics,
        structural_holes: holes,
        community,
        brokerage,
        brokerage_groups: g.brokerage_groups.to_owned(),
        services_out_of_reach: out_of_reach,
        summary,
    }
}

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
        g.labels.clone(),
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
        seed,
        permutations,
        assortativity,
        ei_index,
        correlations,
    }
}

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
    let mut cols = vec![
        int(
            "community".into(),
            g.partition
                .membership
                .iter()
                .map(|&c| u64::from(c))
                .collect(),
        ),
        Column {
            name: "community_label".into(),
            kind: ColumnType::Text,
            cells: g
                .partition
                .membership
                .iter()
                .map(|&c| Cell::Text(g.labels[c as usize].clone()))
                .collect(),
        },
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
            format!("broker_{name}_by_{}", g.brokerage_groups),
            g.brokerage.raw.iter().map(get).collect(),
        ));
    }
    cols
}
