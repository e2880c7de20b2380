//! The network map: the layout of one revision, the views drawn from it (`GET /api/v1/map`,
//! `puentes render`), their styling, and the SVG and PNG pictures.
//!
//! ```text
//! Revision::layout() ──once per revision──▶ MapLayout ──view(…, lang)──▶ MapView (JSON)
//!   network + gap analysis                    │ every organization placed    │ svg() ─▶ SVG text
//!                                             │ one node per community       │ png() ─▶ PNG bytes
//!                                             │ each community's members     │
//!                                             │ colours, flags, bridges      └─ export: GEXF viz
//! ```
//!
//! # Views
//! * `overview` — the whole network: one node per organization up to
//!   [`MAP_MAX_ORGANIZATIONS`], one node per community above (sized by members, ties weighted
//!   by the ties between communities);
//! * `community/<n>` — the members of community n (the Louvain partition of the gap
//!   analysis), laid out on their own, with the ties among them; a community of more than
//!   [`MAP_MAX_ORGANIZATIONS`] is drawn as its [`MAP_MAX_ORGANIZATIONS`] organizations with the
//!   most ties (`totals.reachable` says how many it has), so no view is larger than the
//!   overview allows;
//! * `ego/<id>` — an organization and its neighbours within `radius` ties (1 or 2), at most
//!   [`EGO_MAX_ORGANIZATIONS`], laid out on request (a few milliseconds).
//!
//! Every layout comes from [`puentes_analysis::layout::layout`] with the default seed, so the
//! same revision gives the same picture. [`MapLayout`] is computed once per revision by the
//! revision context ([`crate::analyses::Revision::layout`]).
//!
//! # What the map never shows
//! Exact coordinates and contacts: positions are a drawing of the ties, not geography, and
//! [`MapView`] has no field that could carry a restricted value.

mod draw;
mod payload;

pub use draw::{label_every_name, png, svg, svg_with, Caption, RenderError, HEIGHT, WIDTH};
pub use payload::*;

use crate::export::Viz;
use crate::i18n::catalogue::refusals::community_drawn_in_part;
use crate::i18n::catalogue::{community_share, corridor_name, country_name};
use crate::i18n::{Label, Lang};
use crate::report::gap_report::reason_code;
use crate::report::{community, GapAnalysis, OrgRef};
use puentes_analysis::gaps::PeripheryReason;
use puentes_analysis::layout::{self, LayoutOptions, Point};
use puentes_analysis::model::NetworkData;
use puentes_analysis::network::{node, Network, Node};
use puentes_analysis::policy::{EGO_MAX_ORGANIZATIONS, MAP_MAX_ORGANIZATIONS};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Longer side of a view's frame, in layout units.
pub const FRAME: f64 = 1000.0;

/// Radius of an organization's disc, in mean tie lengths: `0.1 + 0.25 √(degree / max
/// degree)`.
const ORGANIZATION_RADIUS: (f64, f64) = (0.1, 0.25);
/// Radius of a community's disc, in mean tie lengths of the community network:
/// `0.05 + 1.5 √(members / most members)`, so the disc's area follows the member count.
const COMMUNITY_RADIUS: (f64, f64) = (0.05, 1.5);
/// Space between the separate pieces of the community network (communities with no tie
/// between them), in its mean tie lengths: small communities sit in a compact grid.
const COMMUNITY_GAP: f64 = 0.3;
/// Largest radius of an organization's disc in the frame (1000 units on the longer side).
const ORGANIZATION_MAX_RADIUS: f64 = 22.0;
/// Largest radius of a community's disc in the frame.
const COMMUNITY_MAX_RADIUS: f64 = 60.0;
/// Space between the components of an organization view, in mean tie lengths (isolated
/// organizations sit in a grid this far apart).
const ORGANIZATION_GAP: f64 = 1.0;

/// Distinct community colours, given to the largest communities in order; the others are
/// [`OTHER_COLOR`]. Okabe–Ito and Paul Tol colours, told apart with the common colour-vision
/// deficiencies, each at least 3:1 against white (WCAG 2 non-text contrast); the page's
/// palette (`assets/js/colours.js`) starts with the same nine.
pub(crate) const PALETTE: [[u8; 3]; 9] = [
    [0x00, 0x72, 0xb2],
    [0xd5, 0x5e, 0x00],
    [0x00, 0x9e, 0x73],
    [0xcc, 0x79, 0xa7],
    [0x8c, 0x6d, 0x00],
    [0x33, 0x22, 0x88],
    [0x88, 0x22, 0x55],
    [0x11, 0x77, 0x33],
    [0x99, 0x99, 0x33],
];
/// Colour of the communities beyond the palette (3.04:1 against white).
pub(crate) const OTHER_COLOR: [u8; 3] = [0x8c, 0x95, 0x9f];

/// "None" in per-node index columns.
const NONE: u32 = u32::MAX;

pub use crate::params::View;

/// Why a view cannot be drawn: a refusal of the catalogue ([`crate::i18n::MapError`]), which
/// owns it so that the catalogue needs nothing from this module.
pub use crate::i18n::MapError;

impl std::fmt::Display for MapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Refusal::Map(self.clone()).render(crate::i18n::current()))
    }
}

impl std::error::Error for MapError {}

impl MapError {
    /// Whether the view names something that does not exist (404) rather than being
    /// malformed (400).
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            MapError::UnknownCommunity { .. } | MapError::UnknownOrganization(_)
        )
    }
}

/// Discs placed in a picture: centres, radii and the picture's size (layout units).
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    positions: Vec<Point>,
    radius: Vec<f64>,
    width: f64,
    height: f64,
}

/// `min + extra √(v / max v)` for each value (all `min` when every value is 0).
fn radii(values: &[f64], (min, extra): (f64, f64)) -> Vec<f64> {
    let top = values.iter().copied().fold(0.0, f64::max);
    values
        .iter()
        .map(|&v| {
            if top > 0.0 {
                min + extra * (v / top).sqrt()
            } else {
                min
            }
        })
        .collect()
}

/// Lays out `net` with discs of `radius`, components `gap` apart.
fn place(net: &Network, radius: Vec<f64>, gap: f64) -> Placed {
    let opts = LayoutOptions {
        component_gap: gap,
        ..LayoutOptions::default()
    };
    let l = layout::layout(net, Some(&radius), &opts);
    Placed {
        positions: l.positions,
        radius,
        width: l.width,
        height: l.height,
    }
}

/// Counts of one community's findings.
#[derive(Debug, Clone, Default)]
struct CommunityStats {
    partners: usize,
    isolated: usize,
    peripheral: usize,
    cut_points: usize,
    inward_looking: usize,
}

/// The map of one revision: every layout the views need, computed once.
#[derive(Debug)]
pub struct MapLayout {
    /// What the overview draws.
    pub level: Level,
    /// Every organization: laid out as one network up to [`MAP_MAX_ORGANIZATIONS`]; above,
    /// each community's own layout shrunk into its disc of the community overview.
    organizations: Placed,
    /// One disc per community.
    communities: Placed,
    community_net: Network,
    /// Members of each community, ascending, and their own layout.
    members: Vec<Vec<Node>>,
    inside: Vec<Placed>,
    /// Colour of each community.
    colors: Vec<[u8; 3]>,
    /// Communities, largest first (then by number).
    order: Vec<u32>,
    stats: Vec<CommunityStats>,
    /// Per node: index into the gap analysis' peripheral list, articulation points and
    /// inward-looking list ([`NONE`] when absent).
    peripheral_at: Vec<u32>,
    cut_at: Vec<u32>,
    inward: Vec<bool>,
    /// Bridges by endpoints `(min, max)`: the size of the smaller side.
    bridges: BTreeMap<(Node, Node), usize>,
    /// Community pairs `(min, max)` joined by at least one bridge.
    bridged_communities: BTreeSet<(u32, u32)>,
    /// The ties of each tied pair `(min, max)`, as the map sends them ([`MapLayout::with_ties`]).
    ties: BTreeMap<(Node, Node), Vec<MapTie>>,
}

impl MapLayout {
    /// This layout with the ties of `data` (the data `net` was built from) kept per pair of
    /// organizations: kind, strength and years, so a client can filter ties by them. Nothing
    /// else of a tie (who reported it, its other answers) is kept.
    ///
    /// # Complexity
    /// O(t log t) for t ties.
    pub fn with_ties(mut self, net: &Network, data: &NetworkData) -> Self {
        let mut ties: BTreeMap<(Node, Node), Vec<MapTie>> = BTreeMap::new();
        for t in &data.ties {
            let (Some(a), Some(b)) = (net.node(&t.source), net.node(&t.target)) else {
                continue;
            };
            if a == b {
                continue;
            }
            ties.entry((a.min(b), a.max(b))).or_default().push(MapTie {
                kind: t.kind,
                strength: t.strength,
                since: t.since,
                until: t.until,
            });
        }
        for list in ties.values_mut() {
            list.sort_by_key(|t| {
                (
                    t.kind.as_str(),
                    std::cmp::Reverse(t.strength),
                    t.since,
                    t.until,
                )
            });
        }
        self.ties = ties;
        self
    }

    /// Lays out the network for every view: the organizations, the community overview and
    /// each community's members; and indexes the gap analysis' findings by organization.
    ///
    /// # Complexity
    /// Three layouts of at most n nodes each ([`layout::layout`]: O(i n log n + i m) for
    /// i = 300 iterations); below [`MAP_MAX_ORGANIZATIONS`] the organizations' own layout
    /// dominates, above it the communities' layouts (together n nodes) do.
    pub fn new(net: &Network, gaps: &GapAnalysis) -> Self {
        Self::build(net, gaps, None)
    }

    /// The layout of a part of a network already laid out (the network of a year, or its
    /// confirmed ties only), with every organization where `whole` (the layout of `whole_net`)
    /// put it: the map does not move from one year to the next. The overview keeps the
    /// whole map's frame; a community view is the box around its members' places. Discs are
    /// sized by the ties of this network, shrunk where needed to stay inside the frame. The
    /// community overview (above [`MAP_MAX_ORGANIZATIONS`]) is laid out anew, as this
    /// network's communities are its own. An organization `whole_net` does not have (none,
    /// when this network is a part of it) makes it [`MapLayout::new`].
    ///
    /// # Complexity
    /// O(n) for the organizations, plus the community overview's layout.
    pub fn pinned(
        net: &Network,
        gaps: &GapAnalysis,
        whole_net: &Network,
        whole: &MapLayout,
    ) -> Self {
        let n = net.node_count();
        let at: Option<Vec<usize>> = (0..n)
            .map(|v| {
                whole_net
                    .node(&net.organization(node(v)).id)
                    .map(|w| w as usize)
            })
            .collect();
        Self::build(
            net,
            gaps,
            at.as_deref().map(|at| (at, &whole.organizations)),
        )
    }

    /// [`MapLayout::new`], or with every organization at its place in `whole` (`at[v]`: its
    /// index there).
    fn build(net: &Network, gaps: &GapAnalysis, whole: Option<(&[usize], &Placed)>) -> Self {
        let n = net.node_count();
        let p = &gaps.partition;
        let degree: Vec<f64> = (0..n).map(|v| net.degree(node(v)) as f64).collect();
        let members = p.communities();
        let sizes: Vec<f64> = members.iter().map(|m| m.len() as f64).collect();
        let community_net = layout::community_network(net, &p.membership, p.count);
        let communities = place(
            &community_net,
            radii(&sizes, COMMUNITY_RADIUS),
            COMMUNITY_GAP,
        );
        let inside: Vec<Placed> = members
            .iter()
            .map(|m| {
                let deg: Vec<f64> = m.iter().map(|&v| degree[v as usize]).collect();
                let radius = radii(&deg, ORGANIZATION_RADIUS);
                match &whole {
                    Some((at, placed)) => {
                        let here: Vec<usize> = m.iter().map(|&v| at[v as usize]).collect();
                        boxed(placed, &here, radius)
                    }
                    None => place(&layout::induced(net, m), radius, ORGANIZATION_GAP),
                }
            })
            .collect();
        let level = if n > MAP_MAX_ORGANIZATIONS {
            Level::Communities
        } else {
            Level::Organizations
        };
        let organizations = match (&whole, level) {
            (Some((at, placed)), _) => framed(placed, at, radii(&degree, ORGANIZATION_RADIUS)),
            (None, Level::Organizations) => {
                place(net, radii(&degree, ORGANIZATION_RADIUS), ORGANIZATION_GAP)
            }
            (None, Level::Communities) => compose(&communities, &members, &inside, n),
        };
        let mut order: Vec<u32> = (0..p.count).map(node).collect();
        order.sort_by_key(|&c| (std::cmp::Reverse(members[c as usize].len()), c));
        let mut colors = vec![OTHER_COLOR; p.count];
        for (rank, &c) in order.iter().enumerate().take(PALETTE.len()) {
            colors[c as usize] = PALETTE[rank];
        }
        let mut peripheral_at = vec![NONE; n];
        for (i, item) in gaps.peripheral.iter().enumerate() {
            peripheral_at[item.node as usize] = node(i);
        }
        let mut cut_at = vec![NONE; n];
        for (i, a) in gaps.cut.articulation_points.iter().enumerate() {
            cut_at[a.node as usize] = node(i);
        }
        let mut inward = vec![false; n];
        for i in &gaps.inward_looking {
            inward[i.node as usize] = true;
        }
        let mut stats = vec![CommunityStats::default(); p.count];
        for v in 0..n {
            let s = &mut stats[p.membership[v] as usize];
            s.partners += usize::from(net.organization(node(v)).partner);
            s.isolated += usize::from(net.degree(node(v)) == 0);
            s.peripheral += usize::from(peripheral_at[v] != NONE);
            s.cut_points += usize::from(cut_at[v] != NONE);
            s.inward_looking += usize::from(inward[v]);
        }
        let bridges: BTreeMap<(Node, Node), usize> = gaps
            .cut
            .bridges
            .iter()
            .map(|b| ((b.u.min(b.v), b.u.max(b.v)), b.smaller_side_size))
            .collect();
        let bridged_communities = bridges
            .keys()
            .map(|&(u, v)| {
                let (a, b) = (p.membership[u as usize], p.membership[v as usize]);
                (a.min(b), a.max(b))
            })
            .filter(|(a, b)| a != b)
            .collect();
        MapLayout {
            level,
            organizations,
            communities,
            community_net,
            members,
            inside,
            colors,
            order,
            stats,
            peripheral_at,
            cut_at,
            inward,
            bridges,
            bridged_communities,
            ties: BTreeMap::new(),
        }
    }

    /// The GEXF drawing attributes of every organization: the overview's positions scaled
    /// to the [`FRAME`] (y flipped: Gephi's y axis points up), the disc radius as size, the
    /// community colour.
    pub fn viz(&self, gaps: &GapAnalysis) -> Vec<Viz> {
        let o = &self.organizations;
        let (f, fr) = frame_scale(o, ORGANIZATION_MAX_RADIUS);
        o.positions
            .iter()
            .zip(&o.radius)
            .zip(&gaps.partition.membership)
            .map(|((p, r), &c)| Viz {
                x: round2(p[0] * f),
                y: round2(-p[1] * f),
                size: round2(r * fr),
                color: self.colors[c as usize],
            })
            .collect()
    }
}

/// The organizations `at` (indices into `whole`) where `whole` put them, in `whole`'s frame;
/// each disc of `radius` shrunk where needed so that it stays inside the frame.
fn framed(whole: &Placed, at: &[usize], radius: Vec<f64>) -> Placed {
    let positions: Vec<Point> = at.iter().map(|&a| whole.positions[a]).collect();
    let radius = positions
        .iter()
        .zip(radius)
        .map(|(&[x, y], r)| {
            r.min(x)
                .min(whole.width - x)
                .min(y)
                .min(whole.height - y)
                .max(0.0)
        })
        .collect();
    Placed {
        positions,
        radius,
        width: whole.width,
        height: whole.height,
    }
}

/// The organizations `at` (indices into `whole`) where `whole` put them, with discs of
/// `radius`, in the smallest box that holds the discs (moved, not scaled).
fn boxed(whole: &Placed, at: &[usize], radius: Vec<f64>) -> Placed {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for (&a, &r) in at.iter().zip(&radius) {
        for k in 0..2 {
            lo[k] = lo[k].min(whole.positions[a][k] - r);
            hi[k] = hi[k].max(whole.positions[a][k] + r);
        }
    }
    if at.is_empty() {
        (lo, hi) = ([0.0; 2], [0.0; 2]);
    }
    Placed {
        positions: at
            .iter()
            .map(|&a| [whole.positions[a][0] - lo[0], whole.positions[a][1] - lo[1]])
            .collect(),
        radius,
        width: hi[0] - lo[0],
        height: hi[1] - lo[1],
    }
}

/// Places every organization of a large network: each community's own layout, shrunk so its
/// box's diagonal spans the community's disc of the overview.
fn compose(communities: &Placed, members: &[Vec<Node>], inside: &[Placed], n: usize) -> Placed {
    let mut positions = vec![[0.0; 2]; n];
    let mut radius = vec![0.0; n];
    for (c, (m, p)) in members.iter().zip(inside).enumerate() {
        let [cx, cy] = communities.positions[c];
        let diagonal = p.width.hypot(p.height);
        let s = if diagonal > 0.0 {
            2.0 * communities.radius[c] / diagonal
        } else {
            1.0
        };
        for ((&v, q), r) in m.iter().zip(&p.positions).zip(&p.radius) {
            positions[v as usize] = [
                cx + s * (q[0] - p.width / 2.0),
                cy + s * (q[1] - p.height / 2.0),
            ];
            radius[v as usize] = s * r;
        }
    }
    Placed {
        positions,
        radius,
        width: communities.width,
        height: communities.height,
    }
}

/// The factors that bring a picture into the frame: positions so its longer side is
/// [`FRAME`], radii the same unless the largest would then exceed `max_radius`, in which case
/// all shrink alike (a view of a few nodes would otherwise draw discs a tenth of the frame
/// wide).
fn frame_scale(placed: &Placed, max_radius: f64) -> (f64, f64) {
    let side = placed.width.max(placed.height);
    let f = if side > 0.0 { FRAME / side } else { 1.0 };
    let top = placed.radius.iter().copied().fold(0.0, f64::max) * f;
    let fr = if top > max_radius {
        f * max_radius / top
    } else {
        f
    };
    (f, fr)
}

/// Rounded to hundredths (a hundredth of a unit is far below a pixel; the JSON stays short).
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn org_ref(net: &Network, v: Node) -> OrgRef {
    let o = net.organization(v);
    OrgRef {
        id: o.id.clone(),
        name: o.name.clone(),
    }
}

/// What a view draws, before the parts every view shares are added.
struct Drawn {
    level: Level,
    title: String,
    subtitle: String,
    nodes: Vec<MapNode>,
    edges: Vec<MapEdge>,
    frame: Point,
    reachable: Option<usize>,
    community: Option<u32>,
    center: Option<OrgRef>,
    radius: Option<u8>,
}

/// Nodes, edges and the frame's size.
type Picture = (Vec<MapNode>, Vec<MapEdge>, Point);

impl Drawn {
    /// A view of `level` titled `title` and `subtitle`, drawing `picture`.
    fn new(level: Level, title: String, subtitle: String, (nodes, edges, frame): Picture) -> Self {
        Drawn {
            level,
            title,
            subtitle,
            nodes,
            edges,
            frame,
            reachable: None,
            community: None,
            center: None,
            radius: None,
        }
    }
}

/// Draws `view` of the map in `lang`: nodes, ties, communities, counts and legend, with the
/// labels `puentes render` would write marked.
///
/// # Errors
/// [`MapError::UnknownCommunity`] and [`MapError::UnknownOrganization`] when the view names
/// something the network does not have.
pub fn view(
    net: &Network,
    gaps: &GapAnalysis,
    map: &MapLayout,
    view: &View,
    lang: Lang,
    revision: u64,
) -> Result<MapView, MapError> {
    let count = gaps.partition.count;
    let t = |l: Label| l.text(lang).to_owned();
    let mut d = match view {
        View::Overview if map.level == Level::Communities => Drawn::new(
            Level::Communities,
            t(Label::MapTitle),
            t(Label::MapCommunityOverview),
            community_level(gaps, map, lang),
        ),
        View::Overview => {
            let all: Vec<Node> = (0..net.node_count()).map(node).collect();
            let drawn = organization_level(net, gaps, map, &all, &map.organizations, None);
            let sub = t(Label::MapOrganizationOverview);
            Drawn::new(Level::Organizations, t(Label::MapTitle), sub, drawn)
        }
        View::Community(c) => {
            let Some(members) = map.members.get(*c as usize) else {
                return Err(MapError::UnknownCommunity { id: *c, count });
            };
            let placed = &map.inside[*c as usize];
            let title = format!(
                "{} “{}”",
                t(Label::MapCommunity),
                community(gaps, *c).name(lang)
            );
            if members.len() > MAP_MAX_ORGANIZATIONS {
                // As the overview: no view draws more than the threshold. The organizations
                // with the most ties are drawn, at their places in the community's layout.
                let (shown, placed) = most_tied(net, members, placed, MAP_MAX_ORGANIZATIONS);
                let drawn = organization_level(net, gaps, map, &shown, &placed, None);
                let sub = community_drawn_in_part(shown.len(), members.len(), lang);
                Drawn {
                    community: Some(*c),
                    reachable: Some(members.len()),
                    ..Drawn::new(Level::Organizations, title, sub, drawn)
                }
            } else {
                let drawn = organization_level(net, gaps, map, members, placed, None);
                let sub = t(Label::MapOrganizationOverview);
                Drawn {
                    community: Some(*c),
                    ..Drawn::new(Level::Organizations, title, sub, drawn)
                }
            }
        }
        View::Ego { id, radius } => {
            let v = net
                .node(id)
                .ok_or_else(|| MapError::UnknownOrganization(id.clone()))?;
            let ego = layout::ego_network(net, v, *radius, EGO_MAX_ORGANIZATIONS);
            let deg: Vec<f64> = ego.nodes.iter().map(|&u| net.degree(u) as f64).collect();
            let placed = place(
                &layout::induced(net, &ego.nodes),
                radii(&deg, ORGANIZATION_RADIUS),
                ORGANIZATION_GAP,
            );
            let drawn =
                organization_level(net, gaps, map, &ego.nodes, &placed, Some(&ego.distance));
            let name = &net.organization(v).name;
            let title = format!("{} {name}", t(Label::MapNeighbourhood));
            let mut subtitle = t(if *radius == 1 {
                Label::MapWithinOneTie
            } else {
                Label::MapWithinTwoTies
            });
            if ego.nodes.len() < ego.reachable {
                subtitle = format!("{subtitle}; {}", t(Label::MapCapped));
            }
            Drawn {
                reachable: Some(ego.reachable),
                center: Some(org_ref(net, v)),
                radius: Some(*radius),
                ..Drawn::new(Level::Organizations, title, subtitle, drawn)
            }
        }
    };
    let size_by = match d.level {
        Level::Organizations => SizeBy::Degree,
        Level::Communities => SizeBy::Members,
    };
    draw::mark_labels(&mut d.nodes, d.frame);
    let communities = map
        .order
        .iter()
        .map(|&c| {
            let s = &map.stats[c as usize];
            MapCommunity {
                id: c,
                view: format!("community/{c}"),
                label: community(gaps, c).name(lang),
                description: community_share(gaps.theme(c), lang).unwrap_or_default(),
                size: map.members[c as usize].len(),
                partners: s.partners,
                color: hex(map.colors[c as usize]),
                isolated: s.isolated,
                peripheral: s.peripheral,
                cut_points: s.cut_points,
                inward_looking: s.inward_looking,
            }
        })
        .collect();
    let totals = MapTotals {
        organizations: net.node_count(),
        ties: net.edge_count(),
        communities: count,
        nodes: d.nodes.len(),
        edges: d.edges.len(),
        reachable: d.reachable,
    };
    Ok(MapView {
        revision,
        as_of: None,
        confirmed: false,
        years: None,
        lang,
        view: ViewInfo {
            kind: match view {
                View::Overview => ViewKind::Overview,
                View::Community(_) => ViewKind::Community,
                View::Ego { .. } => ViewKind::Ego,
            },
            param: view.param(),
            level: d.level,
            community: d.community,
            center: d.center,
            radius: d.radius,
            threshold: MAP_MAX_ORGANIZATIONS,
            title: d.title,
            subtitle: d.subtitle,
        },
        width: d.frame[0],
        height: d.frame[1],
        size_by,
        nodes: d.nodes,
        edges: d.edges,
        communities,
        totals,
        legend: legend(lang, size_by),
        places: places(net, lang),
    })
}

impl MapView {
    /// Moves every node drawn in `whole` (the same view of the whole network) to where
    /// `whole` puts it, in `whole`'s frame, and chooses the labels again: the neighbourhood of
    /// an organization in a past year drawn over that of the whole network, so nobody jumps
    /// from year to year. The network of a year holds a subset of the whole network's ties,
    /// so its neighbourhood is a subset of the whole one's (up to the cap on organizations
    /// drawn); a node `whole` does not draw keeps its own place.
    pub fn pin_to(&mut self, whole: &MapView) {
        let at: HashMap<&str, (f64, f64)> = whole
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), (n.x, n.y)))
            .collect();
        for n in &mut self.nodes {
            if let Some(&(x, y)) = at.get(n.id.as_str()) {
                (n.x, n.y) = (x, y);
            }
            n.labelled = false;
            n.label_side = None;
        }
        (self.width, self.height) = (self.width.max(whole.width), self.height.max(whole.height));
        draw::mark_labels(&mut self.nodes, [self.width, self.height]);
    }

    /// Names the network drawn: the year `as_of` (also at the end of the title, "Network map
    /// · 2018") and whether only confirmed ties were read.
    /// `years`: the whole network's span ([`MapView::years`]).
    pub fn name_the_network(
        &mut self,
        as_of: Option<i32>,
        confirmed: bool,
        years: Option<(i32, i32)>,
    ) {
        self.years = years.map(|(first, last)| [first, last]);
        self.as_of = as_of;
        self.confirmed = confirmed;
        if let Some(year) = as_of {
            self.view.title = format!("{} · {year}", self.view.title);
        }
    }
}

/// The corridors and countries of `net`'s organizations, in words, sorted by their words.
fn places(net: &Network, lang: Lang) -> Places {
    let mut corridors: BTreeMap<String, String> = BTreeMap::new();
    let mut countries: BTreeMap<String, String> = BTreeMap::new();
    for v in 0..net.node_count() {
        let o = net.organization(node(v));
        if let Some(c) = o.corridor.as_deref().filter(|c| !c.is_empty()) {
            if !corridors.contains_key(c) {
                corridors.insert(c.to_owned(), corridor_name(c, lang).into_owned());
            }
        }
        if !o.country.is_empty() && !countries.contains_key(&o.country) {
            countries.insert(
                o.country.clone(),
                country_name(&o.country, lang).into_owned(),
            );
        }
    }
    let sorted = |m: BTreeMap<String, String>| {
        let mut v: Vec<PlaceName> = m
            .into_iter()
            .map(|(id, label)| PlaceName { id, label })
            .collect();
        v.sort_by(|a, b| a.label.cmp(&b.label).then(a.id.cmp(&b.id)));
        v
    };
    Places {
        corridors: sorted(corridors),
        countries: sorted(countries),
    }
}

fn legend(lang: Lang, size_by: SizeBy) -> Legend {
    let t = |l: Label| l.text(lang).to_owned();
    Legend {
        color: t(Label::MapColourCommunity),
        size: t(match size_by {
            SizeBy::Degree => Label::MapSizeTies,
            SizeBy::Members => Label::MapSizeMembers,
        }),
        isolated: t(Label::MapIsolated),
        peripheral: t(Label::MapPeripheral),
        cut_point: t(Label::MapCutPoint),
        bridge: t(Label::MapBridge),
        inward_looking: t(Label::MapInwardLooking),
        other_communities: t(Label::MapOtherCommunities),
        positions: t(Label::MapPositions),
        organizations: t(Label::CardOrganizations),
        ties: t(Label::MapTies),
        communities: t(Label::MapCommunities),
    }
}

/// The organizations `nodes` (ascending) at `placed` (aligned with `nodes`) and the ties
/// among them, in the frame; with each node's distance in an ego view.
/// The `max` organizations of `members` (ascending) with the most ties (ties broken by
/// index), ascending, and their places in `placed` (the layout of all `members`, in order).
fn most_tied(net: &Network, members: &[Node], placed: &Placed, max: usize) -> (Vec<Node>, Placed) {
    let mut chosen: Vec<usize> = (0..members.len()).collect();
    if chosen.len() > max {
        chosen.select_nth_unstable_by_key(max - 1, |&i| {
            (std::cmp::Reverse(net.degree(members[i])), members[i])
        });
        chosen.truncate(max);
        chosen.sort_unstable();
    }
    let part = Placed {
        positions: chosen.iter().map(|&i| placed.positions[i]).collect(),
        radius: chosen.iter().map(|&i| placed.radius[i]).collect(),
        width: placed.width,
        height: placed.height,
    };
    (chosen.iter().map(|&i| members[i]).collect(), part)
}

fn organization_level(
    net: &Network,
    gaps: &GapAnalysis,
    map: &MapLayout,
    nodes: &[Node],
    placed: &Placed,
    distance: Option<&[u8]>,
) -> Picture {
    let (f, fr) = frame_scale(placed, ORGANIZATION_MAX_RADIUS);
    let out_nodes = nodes
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let o = net.organization(v);
            let c = gaps.partition.membership[v as usize];
            MapNode {
                id: o.id.clone(),
                kind: NodeKind::Organization,
                label: o.name.clone(),
                x: round2(placed.positions[i][0] * f),
                y: round2(placed.positions[i][1] * f),
                radius: round2(placed.radius[i] * fr),
                size: net.degree(v) as f64,
                community: c,
                color: hex(map.colors[c as usize]),
                labelled: false,
                label_side: None,
                country: Some(o.country.clone()).filter(|s| !s.is_empty()),
                corridor: o.corridor.clone().filter(|s| !s.is_empty()),
                services: o.services.clone(),
                partner: Some(o.partner),
                distance: distance.map(|d| d[i]),
                flags: Some(flags(net, gaps, map, v)),
            }
        })
        .collect();
    let mut edges = Vec::new();
    for &u in nodes {
        let (ns, ws, ms) = (
            net.neighbors(u),
            net.neighbor_weights(u),
            net.multiplicity(u),
        );
        for ((&v, &w), &m) in ns.iter().zip(ws).zip(ms) {
            if v <= u || nodes.binary_search(&v).is_err() {
                continue;
            }
            let cuts_off = map.bridges.get(&(u, v)).copied();
            edges.push(MapEdge {
                detail: map.ties.get(&(u, v)).cloned().unwrap_or_default(),
                source: net.organization(u).id.clone(),
                target: net.organization(v).id.clone(),
                weight: w,
                ties: m,
                bridge: cuts_off.is_some(),
                cuts_off,
            });
        }
    }
    let frame = [round2(placed.width * f), round2(placed.height * f)];
    (out_nodes, edges, frame)
}

/// One node per community and the ties between communities, in the frame.
fn community_level(gaps: &GapAnalysis, map: &MapLayout, lang: Lang) -> Picture {
    let placed = &map.communities;
    let (f, fr) = frame_scale(placed, COMMUNITY_MAX_RADIUS);
    let id = |c: u32| format!("community/{c}");
    let nodes = (0..map.members.len())
        .map(|c| MapNode {
            id: id(node(c)),
            kind: NodeKind::Community,
            label: community(gaps, node(c)).name(lang),
            x: round2(placed.positions[c][0] * f),
            y: round2(placed.positions[c][1] * f),
            radius: round2(placed.radius[c] * fr),
            size: map.members[c].len() as f64,
            community: node(c),
            color: hex(map.colors[c]),
            labelled: false,
            label_side: None,
            country: None,
            corridor: None,
            services: Vec::new(),
            partner: None,
            distance: None,
            flags: None,
        })
        .collect();
    let q = &map.community_net;
    let edges = q
        .edges()
        .map(|(a, b, w)| {
            let i = q.neighbors(a).binary_search(&b).unwrap_or(0);
            MapEdge {
                detail: Vec::new(),
                source: id(a),
                target: id(b),
                weight: w,
                ties: q.multiplicity(a).get(i).copied().unwrap_or(0),
                bridge: map.bridged_communities.contains(&(a, b)),
                cuts_off: None,
            }
        })
        .collect();
    let frame = [round2(placed.width * f), round2(placed.height * f)];
    (nodes, edges, frame)
}

/// The gap analysis' findings about organization `v`.
fn flags(net: &Network, gaps: &GapAnalysis, map: &MapLayout, v: Node) -> Flags {
    let i = v as usize;
    let reasons = match map.peripheral_at[i] {
        NONE => &[][..],
        k => &gaps.peripheral[k as usize].reasons[..],
    };
    let cut_point = match map.cut_at[i] {
        NONE => None,
        k => {
            let a = &gaps.cut.articulation_points[k as usize];
            Some(CutOff {
                total: a.cut_off_total,
                sizes: a.cut_off_sizes.clone(),
                organizations: a
                    .cut_off
                    .iter()
                    .map(|part| part.iter().map(|&u| org_ref(net, u)).collect())
                    .collect(),
                remaining: a.remaining,
            })
        }
    };
    Flags {
        isolated: reasons.contains(&PeripheryReason::Isolated),
        peripheral: !reasons.is_empty(),
        peripheral_reasons: reasons.iter().map(|r| reason_code(r).to_owned()).collect(),
        cut_point,
        inward_looking: map.inward[i],
    }
}

#[cfg(test)]
mod tests;
