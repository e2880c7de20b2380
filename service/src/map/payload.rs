//! The answer of `GET /api/v1/map`: one view of the network, laid out and styled, ready to
//! draw. Every type here is documented in the OpenAPI document (`/api/v1/docs`).

use crate::i18n::Lang;
use crate::report::OrgRef;
use puentes_analysis::model::{Service, TieKind};
use serde::Serialize;

/// One view of the network map: what to draw, where, and in which colours.
///
/// Coordinates are layout units in a frame `[0, width] × [0, height]` whose longer side is
/// 1000; `y` grows downward (as in SVG and canvas). Every node's disc (`x ± radius`,
/// `y ± radius`) lies inside the frame. Positions come from the force-directed layout of the
/// ties (close = tied or sharing partners), never from geography: exact coordinates and
/// contacts are not part of this answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MapView {
    /// Store revision the view was computed from.
    pub revision: u64,
    /// The year of the network drawn, when one was asked (`as_of`): the ties active then, and
    /// every organization where the map of the whole network puts it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were drawn (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// The years the whole network's ties speak of, first and last
    /// ([`puentes_analysis::time::span`]): the years a client can ask `as_of` and compare
    /// (`/api/v1/changes`); absent when no tie carries a year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<[i32; 2]>,
    /// Language of `legend`, `view.title` and `view.subtitle`.
    pub lang: Lang,
    /// Which view this is, and how to name it.
    pub view: ViewInfo,
    /// Width of the frame (layout units; the longer side is 1000).
    pub width: f64,
    /// Height of the frame (layout units).
    pub height: f64,
    /// What `nodes[].size` measures.
    pub size_by: SizeBy,
    /// The nodes to draw: organizations, or communities in the overview of a large network.
    pub nodes: Vec<MapNode>,
    /// The ties between drawn nodes (each unordered pair once).
    pub edges: Vec<MapEdge>,
    /// Every community of the network (Louvain, γ = 1, seed 42: the partition of
    /// `/api/v1/gaps`), largest first, whatever the view shows.
    pub communities: Vec<MapCommunity>,
    /// Counts of the whole network and of this view.
    pub totals: MapTotals,
    /// The legend's words in `lang`, from the message catalogue.
    pub legend: Legend,
    /// The corridors and countries of the network's organizations, in words in `lang`
    /// (what a filter, the legend or a panel shows for the nodes' `corridor` and `country`).
    pub places: Places,
}

/// The places of a network, in words.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Places {
    /// Migration corridors, sorted by their words.
    pub corridors: Vec<PlaceName>,
    /// Countries, sorted by their words.
    pub countries: Vec<PlaceName>,
}

/// A corridor or a country: its id (as in `nodes[].corridor`, `nodes[].country`) and its
/// words.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlaceName {
    /// `mx_southern_border`, `MX`.
    pub id: String,
    /// "Frontera sur de México", "México".
    pub label: String,
}

/// Which view is shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ViewInfo {
    /// `overview`, `community` or `ego`.
    pub kind: ViewKind,
    /// The `view` parameter that gives this view again (`overview`, `community/3`,
    /// `ego/casa-alba`; an ego view also needs its `radius`): put them in the page's URL to
    /// share the view.
    pub param: String,
    /// What the nodes are: `organizations`, or `communities` in the overview of a network
    /// above the overview threshold (`threshold`).
    pub level: Level,
    /// The community of a `community` view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<u32>,
    /// The organization at the centre of an `ego` view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub center: Option<OrgRef>,
    /// Ties from the centre of an `ego` view (1 or 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius: Option<u8>,
    /// Networks with more organizations than this are shown as one node per community in
    /// the overview (`puentes_analysis::policy::MAP_MAX_ORGANIZATIONS`).
    pub threshold: usize,
    /// A title for the view, in `lang` ("Network map", "Community 3: …", "Neighbourhood of
    /// Casa Alba").
    pub title: String,
    /// A second line: what the circles are, and whether the view was capped.
    pub subtitle: String,
}

/// The three views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViewKind {
    /// The whole network.
    Overview,
    /// One community's organizations and the ties among them.
    Community,
    /// One organization and its neighbours within one or two ties.
    Ego,
}

/// What the nodes of a view are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// One node per organization.
    Organizations,
    /// One node per community (the overview of a large network).
    Communities,
}

/// The metric behind `nodes[].size` (and so `nodes[].radius`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SizeBy {
    /// The organization's number of ties in the whole network (degree).
    Degree,
    /// The community's number of organizations.
    Members,
}

/// Whether a node is an organization or a community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// An organization (`id` is its id).
    Organization,
    /// A community (`id` is `community/<number>`, the view that drills into it).
    Community,
}

/// A node to draw.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MapNode {
    /// The organization's id, or `community/<number>` for a community node (the `view`
    /// value that drills into it). For an organization, `ego/<id>` is its neighbourhood.
    pub id: String,
    /// Organization or community.
    pub kind: NodeKind,
    /// The organization's name, or the community's label.
    pub label: String,
    /// Centre, x (layout units, see [`MapView`]).
    pub x: f64,
    /// Centre, y (layout units, growing downward).
    pub y: f64,
    /// Radius of the disc in layout units: grows with the square root of `size`, so the
    /// disc's area follows the metric. Discs are laid out so they do not overlap.
    pub radius: f64,
    /// The value of `size_by`: ties of the organization, or members of the community.
    pub size: f64,
    /// Community number (see `communities`).
    pub community: u32,
    /// Fill colour, `#rrggbb`: the community's colour.
    pub color: String,
    /// Whether `puentes render` writes this node's label: the largest nodes first, each
    /// label on the first side of its disc (right, left, above, below) where it overlaps no
    /// label already placed and no other node's disc; at most 60. A page may show these
    /// labels at its first zoom and the others on hover.
    pub labelled: bool,
    /// Where the label goes when `labelled`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_side: Option<LabelSide>,
    /// Organization: ISO country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Organization: migration corridor, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corridor: Option<String>,
    /// Organization: services offered (empty for communities).
    pub services: Vec<Service>,
    /// Organization: portfolio partner (`true`) or external ally (`false`); absent for
    /// communities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner: Option<bool>,
    /// Ego view: ties between this node and the centre (0 for the centre).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<u8>,
    /// Organization: what the gap analysis found about it; absent for communities (their
    /// counts are in `communities`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<Flags>,
}

/// Where a node's label goes, beside its disc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LabelSide {
    /// Right of the disc, vertically centred.
    Right,
    /// Left of the disc, vertically centred.
    Left,
    /// Above the disc, horizontally centred.
    Above,
    /// Below the disc, horizontally centred.
    Below,
}

impl LabelSide {
    /// The sides in the order they are tried.
    pub const ALL: [LabelSide; 4] = [
        LabelSide::Right,
        LabelSide::Left,
        LabelSide::Above,
        LabelSide::Below,
    ];
}

/// The planner's findings about one organization (same analysis as `/api/v1/gaps`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Flags {
    /// No tie at all.
    pub isolated: bool,
    /// In the peripheral list: isolated, pendant, low coreness or low closeness.
    pub peripheral: bool,
    /// Why, most severe first: `isolated`, `pendant`, `low_coreness`, `low_closeness`.
    pub peripheral_reasons: Vec<String>,
    /// Its removal would cut organizations off from the rest; what it cuts off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut_point: Option<CutOff>,
    /// Has ties, all inside its own community.
    pub inward_looking: bool,
}

/// What a cut point cuts off.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CutOff {
    /// Organizations that would lose every path to the rest of their component.
    pub total: usize,
    /// Size of each part cut off, largest first.
    pub sizes: Vec<usize>,
    /// Up to 25 organizations of each part, in the order of `sizes`.
    pub organizations: Vec<Vec<OrgRef>>,
    /// Organizations that stay connected in the largest remaining part.
    pub remaining: usize,
}

/// One tie between two drawn organizations: what a client filters ties by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MapTie {
    /// What the tie consists of (`GET /api/v1/vocabulary`'s `tie_kinds`).
    pub kind: TieKind,
    /// Strength, 1 (weak) to 5 (strong).
    pub strength: u8,
    /// First year, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<i32>,
    /// Last year, when it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<i32>,
}

/// A tie to draw (collapsed: every tie between the two, of any kind).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MapEdge {
    /// Organizations: each tie between the two (kind, strength, years), by kind then
    /// strongest first; empty between communities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub detail: Vec<MapTie>,
    /// `id` of one node.
    pub source: String,
    /// `id` of the other node.
    pub target: String,
    /// Sum of tie strengths (for communities: of every tie between their members).
    pub weight: f64,
    /// Number of ties collapsed (for communities: organization pairs tied across).
    pub ties: u32,
    /// The only tie between two parts of the network (for communities: at least one tie
    /// between them is such a bridge).
    pub bridge: bool,
    /// Organization bridges: how many organizations lie on the smaller side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cuts_off: Option<usize>,
}

/// A community of the network.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MapCommunity {
    /// Its number (`community` of the nodes).
    pub id: u32,
    /// The `view` value that shows its organizations: `community/<id>`.
    pub view: String,
    /// Its name: most common corridor (or country), with its region or a number when
    /// another community shares that place, as in `/api/v1/communities`.
    pub label: String,
    /// What the name rests on, in words ("17 of its 19 organizations work in that
    /// corridor"); empty when no member has a corridor or a country.
    pub description: String,
    /// Members.
    pub size: usize,
    /// Members that are portfolio partners.
    pub partners: usize,
    /// Colour, `#rrggbb`: one of 9 distinct colours for the 9 largest communities, grey
    /// (`legend.other_communities`) for the rest.
    pub color: String,
    /// Isolated members.
    pub isolated: usize,
    /// Peripheral members (isolated included).
    pub peripheral: usize,
    /// Members that are cut points.
    pub cut_points: usize,
    /// Inward-looking members.
    pub inward_looking: usize,
}

/// Counts of the network and of the view.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MapTotals {
    /// Organizations in the network.
    pub organizations: usize,
    /// Ties in the network (collapsed pairs).
    pub ties: usize,
    /// Communities in the network.
    pub communities: usize,
    /// Nodes in this view.
    pub nodes: usize,
    /// Edges in this view.
    pub edges: usize,
    /// Ego view: organizations within the radius before the cap; community view of a
    /// community larger than the threshold: its members (`nodes` is smaller when the view
    /// was capped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reachable: Option<usize>,
}

/// The legend's words, in the view's language (the same catalogue as the reports; every
/// key is also in `GET /api/v1/messages`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Legend {
    /// "Colour: community".
    pub color: String,
    /// "Size: number of ties" or "Size: number of members".
    pub size: String,
    /// "Isolated".
    pub isolated: String,
    /// "Peripheral".
    pub peripheral: String,
    /// "Cut point: …".
    pub cut_point: String,
    /// "Bridge: …".
    pub bridge: String,
    /// "Ties only inside its community".
    pub inward_looking: String,
    /// "Other communities" (the grey ones).
    pub other_communities: String,
    /// "Positions show ties, not geography".
    pub positions: String,
    /// The word "organizations".
    pub organizations: String,
    /// The word "ties".
    pub ties: String,
    /// The word "communities".
    pub communities: String,
}
