//! Every gap finding of one network, computed together: the value the service keeps once per
//! revision and words per request (its gap report, profiles, map flags and position columns
//! all read it). Data only: no sentence, so one value serves every language.

use super::{
    brokerage, community_gaps, cut_points, inward_looking, peripheral_organizations_with,
    service_reach, structural_holes, Brokerage, CommunityGaps, CutPoints, InwardLooking,
    PeripheralOrganization, ServiceReach, StructuralHoles,
};
use crate::centrality::Distances;
use crate::community::{louvain, Partition};
use crate::network::{node, Network, Node, NominalAttribute};
use crate::policy::{DEFAULT_SEED, MAX_LISTED};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// What the brokerage groups are: corridors when the organizations have them, communities
/// otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BrokerageGroups {
    /// The `corridor` attribute (organizations without one form a group of their own).
    Corridor,
    /// The Louvain communities.
    Community,
}

impl BrokerageGroups {
    /// `corridor` or `community`, as in column names and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            BrokerageGroups::Corridor => "corridor",
            BrokerageGroups::Community => "community",
        }
    }
}

/// Every gap finding of one network.
#[derive(Debug)]
pub struct GapAnalysis {
    /// Louvain partition (γ = 1, seed [`DEFAULT_SEED`]).
    pub partition: Partition,
    /// What characterises each community ([`community_themes`]), by community number.
    pub themes: Vec<CommunityTheme>,
    /// Peripheral organizations, most severe first.
    pub peripheral: Vec<PeripheralOrganization>,
    /// Organizations whose ties all stay inside their community, most ties first.
    pub inward_looking: Vec<InwardLooking>,
    /// Cut points, each listing at most [`MAX_LISTED`] organizations per part cut off.
    pub cut: CutPoints,
    /// Structural holes (weighted).
    pub holes: StructuralHoles,
    /// Organizations with a finite constraint, most constrained first (ties by index).
    pub most_constrained: Vec<Node>,
    /// Community gaps.
    pub community_gaps: CommunityGaps,
    /// Service reach.
    pub reach: ServiceReach,
    /// Brokerage by corridor (or community when no corridor is known).
    pub brokerage: Brokerage,
    /// What the brokerage groups are.
    pub brokerage_groups: BrokerageGroups,
}

impl GapAnalysis {
    /// What characterises community `c` (`None` for a community that does not exist).
    pub fn theme(&self, c: u32) -> Option<&CommunityTheme> {
        self.themes.get(c as usize)
    }
}

/// Runs every gap analysis of `net` (see [`gap_analysis_with`] to share the distance search
/// with closeness and harmonic centrality).
///
/// # Returns
/// The Louvain partition at γ = 1 with the default seed and what characterises each community; peripheral and
/// inward-looking organizations; cut points; structural holes on the tie weights, with the
/// organizations ordered by constraint; community gaps; service reach; brokerage roles
/// between corridors (between communities when no organization has a corridor).
///
/// # Complexity
/// The sum of its parts; the largest are structural holes, O(Σ_v deg(v)²), and service
/// reach, O(n + m) per service.
///
/// # Examples
/// Two triangles joined by one tie: two communities, and the tie's ends are cut points.
/// ```
/// use puentes_analysis::gaps::{gap_analysis, BrokerageGroups};
/// use puentes_analysis::Network;
/// let tie = |a, b| (a, b, 1.0);
/// let net = Network::from_edges(6, &[tie(0, 1), tie(1, 2), tie(0, 2), tie(3, 4), tie(4, 5),
///                                    tie(3, 5), tie(2, 3)]);
/// let g = gap_analysis(&net);
/// assert_eq!(g.partition.membership, vec![0, 0, 0, 1, 1, 1]);
/// assert_eq!(g.themes.iter().map(|t| t.size).collect::<Vec<_>>(), vec![3, 3]);
/// let mut cut: Vec<u32> = g.cut.articulation_points.iter().map(|a| a.node).collect();
/// cut.sort();
/// assert_eq!(cut, vec![2, 3]);
/// assert_eq!(g.brokerage_groups, BrokerageGroups::Community);
/// ```
pub fn gap_analysis(net: &Network) -> GapAnalysis {
    gap_analysis_with(net, &Distances::of(net))
}

/// [`gap_analysis`] reading the periphery's closeness from `distances` ([`Distances::of`] of
/// the same `net`): a caller that keeps them for its closeness and harmonic columns too
/// searches the network once.
///
/// # Panics
/// When `distances` were computed from a network with another number of nodes.
pub fn gap_analysis_with(net: &Network, distances: &Distances) -> GapAnalysis {
    let partition = louvain(net, 1.0, DEFAULT_SEED);
    let themes = community_themes(net, &partition);
    let (corridors, table) = codes(net, NominalAttribute::Corridor);
    let (groups, brokerage_groups) = if table.is_empty() {
        (partition.membership.clone(), BrokerageGroups::Community)
    } else {
        let missing = table.len() as u32;
        (
            corridors.iter().map(|c| c.unwrap_or(missing)).collect(),
            BrokerageGroups::Corridor,
        )
    };
    let holes = structural_holes(net, true);
    let mut most_constrained: Vec<Node> = (0..net.node_count())
        .map(node)
        .filter(|&v| holes.constraint[v as usize].is_finite())
        .collect();
    most_constrained.sort_by(|&a, &b| {
        holes.constraint[b as usize]
            .total_cmp(&holes.constraint[a as usize])
            .then(a.cmp(&b))
    });
    GapAnalysis {
        peripheral: peripheral_organizations_with(net, distances),
        inward_looking: inward_looking(net, &partition.membership),
        cut: cut_points(net, MAX_LISTED),
        holes,
        most_constrained,
        community_gaps: community_gaps(net, &partition.membership),
        reach: service_reach(net),
        brokerage: brokerage(net, &groups),
        brokerage_groups,
        themes,
        partition,
    }
}

/// Codes for a nominal attribute, in order of first appearance (missing = `None`), with the
/// code → value table.
///
/// ```
/// use puentes_analysis::gaps::codes;
/// use puentes_analysis::network::NominalAttribute;
/// use puentes_analysis::Network;
/// let net = Network::from_edges(2, &[(0, 1, 1.0)]);
/// assert_eq!(codes(&net, NominalAttribute::Corridor), (vec![None, None], vec![]));
/// ```
pub fn codes(net: &Network, attr: NominalAttribute) -> (Vec<Option<u32>>, Vec<String>) {
    let mut table: Vec<String> = Vec::new();
    // Values borrowed from the organizations: one string copied per distinct value.
    let mut index: HashMap<Cow<'_, str>, u32> = HashMap::new();
    let codes = net
        .organizations()
        .iter()
        .map(|o| {
            attr.value(o).map(|v| match index.get(&v) {
                Some(&code) => code,
                None => {
                    let code = table.len() as u32;
                    table.push(v.to_string());
                    index.insert(v, code);
                    code
                }
            })
        })
        .collect();
    (codes, table)
}

/// The [`codes`] of the three place attributes of every organization, for callers that
/// need more than one of them (the community themes, the countries of each community, the
/// attribute partitions) and should compute each once.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceCodes {
    /// [`NominalAttribute::Corridor`]: codes and the code → value table.
    pub corridor: (Vec<Option<u32>>, Vec<String>),
    /// [`NominalAttribute::Country`].
    pub country: (Vec<Option<u32>>, Vec<String>),
    /// [`NominalAttribute::Region`].
    pub region: (Vec<Option<u32>>, Vec<String>),
}

impl PlaceCodes {
    /// The three attributes' codes of `net`'s organizations.
    ///
    /// # Complexity
    /// O(n) expected time (one hash lookup per organization and attribute).
    pub fn of(net: &Network) -> Self {
        PlaceCodes {
            corridor: codes(net, NominalAttribute::Corridor),
            country: codes(net, NominalAttribute::Country),
            region: codes(net, NominalAttribute::Region),
        }
    }
}

/// What characterises a community: the place most of its members work in, and, when another
/// community has the same place, what tells them apart. Data, not words: the service names a
/// community from it in the reader's language (`Frontera sur de México`, `Mexico's northern
/// border · Chihuahua`), so one value serves every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CommunityTheme {
    /// Members.
    pub size: usize,
    /// Its most common corridor (or country, for members without a corridor) and how many
    /// members have it; `None` when no member has either.
    pub place: Option<Dominant>,
    /// When another community has the same `place`: its most common region and how many
    /// members are there.
    pub region: Option<Dominant>,
    /// When `place` and `region` still repeat: the community's position (1, 2, …, by
    /// community number) among those that share them.
    pub ordinal: Option<u32>,
}

/// The most common value of an attribute among a community's members.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Dominant {
    /// Which attribute: corridor, country or region.
    pub attribute: Place,
    /// Its value (a corridor id, an ISO country code, a region's name).
    pub value: String,
    /// Members with that value.
    pub count: usize,
}

/// The attributes a community is characterised by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// A migration corridor id (`mx_southern_border`).
    Corridor,
    /// An ISO 3166-1 alpha-2 country code (`MX`).
    Country,
    /// A region inside a country, as written in the data (`Chiapas`).
    Region,
}

/// The most common `(attribute, value)` of each community (ties: the smaller value) and its
/// count, from `(community, attribute, code)` of every member that has one; `value` gives
/// the text of a code.
fn dominants<'a>(
    count: usize,
    mut keys: Vec<(u32, Place, u32)>,
    value: impl Fn(Place, u32) -> &'a str,
) -> Vec<Option<Dominant>> {
    keys.sort_unstable();
    let mut out: Vec<Option<Dominant>> = vec![None; count];
    for run in keys.chunk_by(|a, b| a == b) {
        let (c, attribute, code) = run[0];
        let text = value(attribute, code);
        let better = match &out[c as usize] {
            None => true,
            Some(d) => {
                run.len() > d.count
                    || (run.len() == d.count && (attribute, text) < (d.attribute, d.value.as_str()))
            }
        };
        if better {
            out[c as usize] = Some(Dominant {
                attribute,
                value: text.to_owned(),
                count: run.len(),
            });
        }
    }
    out
}

/// Characterises each community by its most common corridor (or country, for members
/// without a corridor) and that value's count, so the service can name it ("4 of its 19
/// organizations work in …"). Communities that share that place are told apart by their
/// most common region, and those that still share both by an ordinal; so two communities
/// never get the same characterisation.
///
/// # Complexity
/// O(n log n) time, O(n) extra memory.
///
/// # Examples
/// ```
/// use puentes_analysis::community::Partition;
/// use puentes_analysis::gaps::community_themes;
/// use puentes_analysis::Network;
/// let net = Network::from_edges(3, &[(0, 1, 1.0)]);
/// let p = Partition { membership: vec![0, 0, 1], count: 2, modularity: 0.0 };
/// let themes = community_themes(&net, &p);
/// assert_eq!((themes[0].size, themes[0].place.clone()), (2, None));
/// ```
pub fn community_themes(net: &Network, p: &Partition) -> Vec<CommunityTheme> {
    community_themes_of(&PlaceCodes::of(net), p)
}

/// [`community_themes`] from place codes already computed.
pub fn community_themes_of(places: &PlaceCodes, p: &Partition) -> Vec<CommunityTheme> {
    let (corridor, corridors) = &places.corridor;
    let (country, countries) = &places.country;
    let (region, region_names) = &places.region;
    let value = |attribute: Place, code: u32| -> &str {
        let table = match attribute {
            Place::Corridor => corridors,
            Place::Country => countries,
            Place::Region => region_names,
        };
        &table[code as usize]
    };
    let n = p.membership.len();
    let mut places = Vec::with_capacity(n);
    let mut regions = Vec::with_capacity(n);
    let mut sizes = vec![0usize; p.count];
    for (v, &c) in p.membership.iter().enumerate() {
        sizes[c as usize] += 1;
        match (corridor[v], country[v]) {
            (Some(k), _) => places.push((c, Place::Corridor, k)),
            (None, Some(k)) => places.push((c, Place::Country, k)),
            (None, None) => {}
        }
        if let Some(k) = region[v] {
            regions.push((c, Place::Region, k));
        }
    }
    let regions = dominants(p.count, regions, value);
    let mut themes: Vec<CommunityTheme> = dominants(p.count, places, value)
        .into_iter()
        .zip(sizes)
        .map(|(place, size)| CommunityTheme {
            size,
            place,
            region: None,
            ordinal: None,
        })
        .collect();
    // Communities sharing a place are told apart by region, then by ordinal.
    let key = |t: &CommunityTheme| t.place.as_ref().map(|d| (d.attribute, d.value.clone()));
    let mut by_place: BTreeMap<(Place, String), Vec<usize>> = BTreeMap::new();
    for (c, t) in themes.iter().enumerate() {
        if let Some(k) = key(t) {
            by_place.entry(k).or_default().push(c);
        }
    }
    // (place, its most common region) → the communities that have both.
    type PlaceAndRegion = ((Place, String), Option<String>);
    let mut by_region: BTreeMap<PlaceAndRegion, Vec<usize>> = BTreeMap::new();
    for (k, group) in by_place.into_iter().filter(|(_, g)| g.len() > 1) {
        for c in group {
            themes[c].region = regions[c].clone();
            let region = themes[c].region.as_ref().map(|d| d.value.clone());
            by_region.entry((k.clone(), region)).or_default().push(c);
        }
    }
    for group in by_region.into_values().filter(|g| g.len() > 1) {
        for (i, c) in group.into_iter().enumerate() {
            themes[c].ordinal = Some(i as u32 + 1);
        }
    }
    themes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NetworkData, Organization};

    fn org(id: &str, country: &str, region: &str, corridor: Option<&str>) -> Organization {
        Organization {
            country: country.into(),
            region: region.into(),
            corridor: corridor.map(Into::into),
            ..Organization::bare(id)
        }
    }

    fn dominant(attribute: Place, value: &str, count: usize) -> Option<Dominant> {
        Some(Dominant {
            attribute,
            value: value.into(),
            count,
        })
    }

    /// Five communities: two on the northern border in different regions, two more on the
    /// southern border in the same region, and one whose members have no place at all.
    #[test]
    fn themes_name_the_place_and_tell_apart_those_that_share_it() {
        let north = Some("mx_northern_border");
        let south = Some("mx_southern_border");
        let data = NetworkData {
            organizations: vec![
                org("a", "MX", "Chihuahua", north),
                org("b", "MX", "Chihuahua", north),
                org("c", "US", "Texas", None),
                org("d", "MX", "Sonora", north),
                org("e", "MX", "Baja California", north),
                org("f", "MX", "Baja California", None),
                org("g", "MX", "Chiapas", south),
                org("h", "MX", "Chiapas", south),
                org("i", "", "", None),
            ],
            ties: Vec::new(),
        };
        let net = Network::new(&data);
        let p = Partition {
            membership: vec![0, 0, 0, 1, 1, 1, 2, 3, 4],
            count: 5,
            modularity: 0.0,
        };
        let t = community_themes(&net, &p);
        // Community 0: 2 of 3 on the northern border, most in Chihuahua (2 of 3).
        assert_eq!(t[0].size, 3);
        assert_eq!(
            t[0].place,
            dominant(Place::Corridor, "mx_northern_border", 2)
        );
        assert_eq!(t[0].region, dominant(Place::Region, "Chihuahua", 2));
        assert_eq!(t[0].ordinal, None);
        // Community 1: 2 of 3 (f has only a country, MX: 1); Baja California 2 of 3.
        assert_eq!(
            t[1].place,
            dominant(Place::Corridor, "mx_northern_border", 2)
        );
        assert_eq!(t[1].region, dominant(Place::Region, "Baja California", 2));
        assert_eq!(t[1].ordinal, None);
        // Communities 2 and 3: same corridor, same region: numbered.
        for (c, ordinal) in [(2, 1), (3, 2)] {
            assert_eq!(
                t[c].place,
                dominant(Place::Corridor, "mx_southern_border", 1)
            );
            assert_eq!(t[c].region, dominant(Place::Region, "Chiapas", 1));
            assert_eq!(t[c].ordinal, Some(ordinal));
        }
        // Community 4: no place known.
        assert_eq!((t[4].size, &t[4].place, &t[4].region), (1, &None, &None));
    }

    #[test]
    fn a_country_characterises_members_without_a_corridor() {
        let data = NetworkData {
            organizations: vec![
                org("a", "GT", "", None),
                org("b", "GT", "", None),
                org("c", "HN", "", Some("honduras_el_salvador")),
            ],
            ties: Vec::new(),
        };
        let p = Partition {
            membership: vec![0, 0, 0],
            count: 1,
            modularity: 0.0,
        };
        let t = community_themes(&Network::new(&data), &p);
        assert_eq!(t[0].place, dominant(Place::Country, "GT", 2));
        assert_eq!(t[0].region, None);
    }
}
