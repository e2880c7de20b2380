//! The explanation of one suggestion, as data: who the two organizations share, who could
//! introduce them, what the tie would bring. The service words it from its catalogue.

use super::candidates::{Candidate, Sources};
use super::index::{services_of, SuggestIndex, NO_GROUP};
use super::scores::shared_with_weights;
use crate::model::Service;
use crate::network::{Network, Node};
use serde::Serialize;

/// How far the candidate is from the asking organization before the tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Distance {
    /// They share at least one partner.
    Two,
    /// Same connected component, no shared partner.
    ThreeOrMore,
    /// Different connected components: the tie would join them.
    Unreachable,
}

/// A shared partner who could introduce the two organizations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Introducer {
    /// The shared partner z.
    pub node: Node,
    /// min(w_vz, w_zc): the weaker of its two ties (introducers are ranked by this first).
    pub weakest: f64,
    /// w_vz + w_zc (the second ranking key).
    pub total: f64,
}

/// Why a candidate is suggested, as data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Distance before the tie.
    pub distance: Distance,
    /// Number of shared partners |Γ(v) ∩ Γ(c)|.
    pub shared_partner_count: usize,
    /// Shared partners, ascending, at most [`super::SuggestOptions::max_listed`].
    pub shared_partners: Vec<Node>,
    /// Shared partners ranked by the strength of both their ties: the weaker tie
    /// min(w_vz, w_zc) first, then the sum w_vz + w_zc, then node index; at most
    /// [`super::SuggestOptions::max_listed`].
    pub introducers: Vec<Introducer>,
    /// Services the candidate offers that the asking organization and its partners lack.
    pub services_gained: Vec<Service>,
    /// Both have the same (known) country.
    pub same_country: bool,
    /// Both work in the same (known) corridor.
    pub same_corridor: bool,
    /// Communities of the asking organization and of the candidate.
    pub communities: [u32; 2],
    /// Whether the two communities differ.
    pub joins_communities: bool,
    /// The asking organization's Burt constraint now (`None`: it has no ties).
    pub constraint_before: Option<f64>,
    /// Its constraint with the tie added.
    pub constraint_after: f64,
    /// Why it was a candidate.
    pub sources: Sources,
}

/// Builds the explanation of candidate `cand` for `v`.
///
/// Shared partners are recomputed exactly by merging the two sorted partner lists, so they
/// are complete even when the scan was capped.
///
/// # Complexity
/// O(k_v + k_c + s log s) for s shared partners.
pub(crate) fn explain(
    net: &Network,
    ix: &SuggestIndex,
    v: Node,
    cand: &Candidate,
    constraint_before: Option<f64>,
    lacking: u32,
    max_listed: usize,
) -> Explanation {
    let c = cand.node;
    let (vu, cu) = (v as usize, c as usize);
    let shared = shared_with_weights(net, v, c);
    let mut introducers: Vec<Introducer> = shared
        .iter()
        .map(|&(z, a, b)| Introducer {
            node: z,
            weakest: a.min(b),
            total: a + b,
        })
        .collect();
    introducers.sort_by(|x, y| {
        y.weakest
            .total_cmp(&x.weakest)
            .then(y.total.total_cmp(&x.total))
            .then(x.node.cmp(&y.node))
    });
    introducers.truncate(max_listed);
    let distance = if !shared.is_empty() {
        Distance::Two
    } else if ix.component[vu] == ix.component[cu] {
        Distance::ThreeOrMore
    } else {
        Distance::Unreachable
    };
    let same = |g: &[u32]| g[vu] != NO_GROUP && g[vu] == g[cu];
    Explanation {
        distance,
        shared_partner_count: shared.len(),
        shared_partners: shared.iter().take(max_listed).map(|x| x.0).collect(),
        introducers,
        services_gained: services_of(ix.services[cu] & lacking),
        same_country: same(&ix.country),
        same_corridor: same(&ix.corridor),
        communities: [ix.membership[vu], ix.membership[cu]],
        joins_communities: ix.membership[vu] != ix.membership[cu],
        constraint_before,
        constraint_after: cand.constraint_after,
        sources: cand.sources,
    }
}
