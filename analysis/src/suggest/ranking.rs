//! Ranking candidates for one asking organization: normalize, weigh, explain the best.

use super::candidates::{
    candidates_with, check_options, Candidate, CandidateCounts, CandidateSet, Scratch,
};
use super::explain::{explain, Explanation};
use super::index::{services_of, SuggestIndex};
use super::{Component, SuggestError, SuggestOptions, Weights, COMPONENTS};
use crate::model::Service;
use crate::network::{Network, Node};
use rayon::prelude::*;
use serde::Serialize;

/// One component's part in a suggestion's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ComponentScore {
    /// The component.
    pub component: Component,
    /// Its raw value for this pair (e.g. the number of shared partners).
    pub raw: f64,
    /// raw / (largest raw value among this request's candidates), in [0, 1]; 0 when every
    /// candidate has 0.
    pub normalized: f64,
    /// The goal's weight of the component.
    pub weight: f64,
    /// weight × normalized. The contributions add up to the score.
    pub contribution: f64,
}

/// One suggested tie.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The suggested partner.
    pub node: Node,
    /// Σ of the contributions.
    pub score: f64,
    /// Every component, in [`Component::ALL`] order (zero weights included, so the raw
    /// values can be quoted).
    pub components: Vec<ComponentScore>,
    /// Why, as data.
    pub explanation: Explanation,
}

/// The answer to "whom should `node` work with next?".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions {
    /// The asking organization.
    pub node: Node,
    /// The goal's name (`custom` for custom weights).
    pub goal: &'static str,
    /// The weights used.
    pub weights: Weights,
    /// The best candidates with a score above 0, best first (ties by node index), at most
    /// [`SuggestOptions::limit`].
    pub suggestions: Vec<Suggestion>,
    /// Candidates considered, by source.
    pub counts: CandidateCounts,
    /// Candidates with a score above 0 (before the limit).
    pub scored: usize,
    /// True when the scan budget was reached (see [`CandidateSet::capped`]).
    pub capped: bool,
    /// The asking organization's constraint now (`None`: no ties).
    pub constraint: Option<f64>,
    /// Services it and its partners lack that some organization offers.
    pub lacking_services: Vec<Service>,
    /// Its community.
    pub community: u32,
    /// Better-ranked suggestions skipped by the spread rule of [`suggest_spread`] (those
    /// ranked above the last one kept, or all considered when none is kept); 0 elsewhere.
    pub passed_over: usize,
}

/// The largest raw value of each component among the candidates (0 when none).
pub(crate) fn maxima(candidates: &[Candidate]) -> [f64; COMPONENTS] {
    let mut m = [0.0f64; COMPONENTS];
    for c in candidates {
        for (mx, &x) in m.iter_mut().zip(&c.raw) {
            *mx = mx.max(x);
        }
    }
    m
}

/// The contributions w_i · raw_i / max_i of one candidate and their sum, in a fixed order.
pub(crate) fn contributions(
    raw: &[f64; COMPONENTS],
    max: &[f64; COMPONENTS],
    w: &Weights,
) -> ([f64; COMPONENTS], f64) {
    let mut out = [0.0; COMPONENTS];
    let mut score = 0.0;
    for i in 0..COMPONENTS {
        let normalized = if max[i] > 0.0 { raw[i] / max[i] } else { 0.0 };
        out[i] = w.0[i] * normalized;
        score += out[i];
    }
    (out, score)
}

/// Indices of the candidates with score > 0, best first (ties by node), at most `limit`.
pub(crate) fn top(candidates: &[Candidate], scores: &[f64], limit: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..candidates.len()).filter(|&i| scores[i] > 0.0).collect();
    let better = |&a: &usize, &b: &usize| {
        scores[b]
            .total_cmp(&scores[a])
            .then(candidates[a].node.cmp(&candidates[b].node))
    };
    if idx.len() > limit && limit > 0 {
        idx.select_nth_unstable_by(limit - 1, better);
    }
    idx.truncate(limit);
    idx.sort_by(better);
    idx
}

/// Suggests new partners for `v`. Allocates a [`Scratch`]; see [`suggest_with`].
///
/// # Errors
/// See [`suggest_with`].
pub fn suggest(
    net: &Network,
    index: &SuggestIndex,
    v: Node,
    opts: &SuggestOptions,
) -> Result<Suggestions, SuggestError> {
    suggest_with(net, index, v, opts, &mut Scratch::new(net.node_count()))
}

/// Suggests new partners for `v`, reusing `scratch`.
///
/// Each candidate ([`super::candidates()`]) gets, for every component i, the normalized
/// value x̂_i = x_i / max_{c′} x_i(c′) (the maximum over this request's candidates; 0 when
/// it is 0) and the score S = Σ_i w_i x̂_i with the goal's weights w. Candidates with S > 0
/// are ranked by S, then by node index (so the same network, index and options always give
/// the same ranking); the first `limit` are explained ([`Explanation`]).
///
/// # Errors
/// [`SuggestError::UnknownNode`] for a node outside the network,
/// [`SuggestError::IndexMismatch`] for an index built from another network,
/// [`SuggestError::InvalidOption`] for a bad option.
///
/// # Complexity
/// The scan of [`super::candidates_with`], then O(C · |components|) to score C candidates,
/// O(C + L log L) to pick the best L, O(Σ (k_v + k_c)) to explain them.
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::{suggest, Goal, IndexOptions, SuggestIndex, SuggestOptions};
/// // Path 0 - 1 - 2 - 3: for 0, only 2 is at distance 2 (through 1).
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
/// let index = SuggestIndex::new(&net, IndexOptions::default()).unwrap();
/// let opts = SuggestOptions { goal: Goal::Strengthen, ..SuggestOptions::default() };
/// let out = suggest(&net, &index, 0, &opts).unwrap();
/// assert_eq!(out.suggestions[0].node, 2);
/// assert_eq!(out.suggestions[0].explanation.introducers[0].node, 1);
/// // Each component is normalized by the best candidate: the only one scores 1.
/// assert!((out.suggestions[0].score - 1.0).abs() < 1e-12);
/// ```
pub fn suggest_with(
    net: &Network,
    index: &SuggestIndex,
    v: Node,
    opts: &SuggestOptions,
    scratch: &mut Scratch,
) -> Result<Suggestions, SuggestError> {
    check_options(opts)?;
    let set = candidates_with(net, index, v, opts, scratch)?;
    Ok(rank_set(net, index, &set, opts))
}

/// Ranks and explains an already computed candidate set.
pub(crate) fn rank_set(
    net: &Network,
    index: &SuggestIndex,
    set: &CandidateSet,
    opts: &SuggestOptions,
) -> Suggestions {
    let weights = opts.goal.weights();
    let max = maxima(&set.candidates);
    let scores: Vec<f64> = set
        .candidates
        .iter()
        .map(|c| contributions(&c.raw, &max, &weights).1)
        .collect();
    let scored = scores.iter().filter(|&&s| s > 0.0).count();
    let v = set.node;
    let suggestions = top(&set.candidates, &scores, opts.limit)
        .into_iter()
        .map(|i| {
            let cand = &set.candidates[i];
            let (parts, score) = contributions(&cand.raw, &max, &weights);
            let components = Component::ALL
                .into_iter()
                .map(|comp| {
                    let j = comp.index();
                    ComponentScore {
                        component: comp,
                        raw: cand.raw[j],
                        normalized: if max[j] > 0.0 {
                            cand.raw[j] / max[j]
                        } else {
                            0.0
                        },
                        weight: weights.0[j],
                        contribution: parts[j],
                    }
                })
                .collect();
            Suggestion {
                node: cand.node,
                score,
                components,
                explanation: explain(
                    net,
                    index,
                    v,
                    cand,
                    set.constraint,
                    set.lacking,
                    opts.max_listed,
                ),
            }
        })
        .collect();
    Suggestions {
        node: v,
        goal: opts.goal.name(),
        weights,
        suggestions,
        counts: set.counts,
        scored,
        capped: set.capped,
        constraint: set.constraint,
        lacking_services: services_of(set.lacking),
        community: index.community(v),
        passed_over: 0,
    }
}

/// [`suggest`] for many organizations at once, in parallel (one [`Scratch`] per thread), in
/// the order of `nodes`. Use it for network-wide answers, e.g. the best `bridge` tie of every
/// peripheral organization.
///
/// # Errors
/// The first error of [`suggest_with`] in `nodes` order.
///
/// # Complexity
/// The sum of the requests, spread over rayon's threads; results do not depend on the
/// number of threads.
pub fn suggest_many(
    net: &Network,
    index: &SuggestIndex,
    nodes: &[Node],
    opts: &SuggestOptions,
) -> Result<Vec<Suggestions>, SuggestError> {
    let n = net.node_count();
    nodes
        .par_iter()
        .map_init(
            || Scratch::new(n),
            |s, &v| suggest_with(net, index, v, opts, s),
        )
        .collect()
}

/// How many of its own best suggestions each organization looks through in
/// [`suggest_spread`], beyond the `limit` it keeps.
pub const SPREAD_POOL: usize = 10;

/// Default of the spread rule's cap: in a network-wide list, one organization is suggested to
/// at most this many others ([`suggest_spread`]).
pub const DEFAULT_SPREAD_CAP: usize = 2;

/// Network-wide suggestions that do not all point at the same well-placed organization.
///
/// Ranks like [`suggest_many`] (each organization's best `opts.limit + SPREAD_POOL`
/// suggestions), then goes through `nodes` in their order (put the most urgent first): each
/// keeps, best first, up to `opts.limit` of its suggestions whose organization has been kept
/// fewer than `cap` times so far in the list, and skips the others (counted in
/// [`Suggestions::passed_over`]). An organization whose whole pool is taken gets fewer
/// suggestions, possibly none. So no organization is suggested more than `cap` times in all,
/// and an organization's own ranking is never reordered, only thinned. Deterministic: the
/// same input gives the same list on any number of threads.
///
/// # Errors
/// [`SuggestError::InvalidOption`] for `cap` = 0; otherwise those of [`suggest_with`].
///
/// # Complexity
/// That of [`suggest_many`] with the larger limit, plus O(Σ pool) for the spread.
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::{suggest_spread, Goal, IndexOptions, SuggestIndex,
///                                 SuggestOptions, Weights};
/// // 0 has partners 1, 2, 3, 4 and the hub 5 (also tied to 6 and 7). By preferential
/// // attachment every leaf's best candidate is 5 (degree 3).
/// let net = Network::from_edges(8, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0),
///                                    (0, 5, 1.0), (5, 6, 1.0), (5, 7, 1.0)]);
/// let index = SuggestIndex::new(&net, IndexOptions::default()).unwrap();
/// let pa = Goal::Custom(Weights::parse("preferential_attachment=1").unwrap());
/// let opts = SuggestOptions { goal: pa, limit: 1, ..SuggestOptions::default() };
/// let out = suggest_spread(&net, &index, &[1, 2, 3, 4], &opts, 2).unwrap();
/// let picked: Vec<u32> = out.iter().map(|s| s.suggestions[0].node).collect();
/// // 5 twice; then the best leaf not yet suggested twice (ties by node index).
/// assert_eq!(picked, [5, 5, 1, 1]);
/// assert_eq!(out[3].passed_over, 1);
/// ```
pub fn suggest_spread(
    net: &Network,
    index: &SuggestIndex,
    nodes: &[Node],
    opts: &SuggestOptions,
    cap: usize,
) -> Result<Vec<Suggestions>, SuggestError> {
    if cap == 0 {
        return Err(SuggestError::InvalidOption {
            field: "cap",
            value: "0".into(),
            allowed: super::Allowed::PositiveWhole,
        });
    }
    let pool = SuggestOptions {
        limit: opts.limit.saturating_add(SPREAD_POOL),
        ..*opts
    };
    let mut all = suggest_many(net, index, nodes, &pool)?;
    let mut times = vec![0usize; net.node_count()];
    for s in &mut all {
        let mut kept = Vec::with_capacity(opts.limit);
        let (mut skipped, mut passed_over) = (0, 0);
        for x in std::mem::take(&mut s.suggestions) {
            if kept.len() == opts.limit {
                break;
            }
            let t = &mut times[x.node as usize];
            if *t < cap {
                *t += 1;
                kept.push(x);
                passed_over = skipped;
            } else {
                skipped += 1;
            }
        }
        s.passed_over = if kept.is_empty() {
            skipped
        } else {
            passed_over
        };
        s.suggestions = kept;
    }
    Ok(all)
}
