//! Backtest on real history: train on the ties formed before a year, suggest, and score the
//! suggestions against the ties actually formed afterwards.
//!
//! # Protocol
//! Given dated ties and a split year Y with horizon h:
//! * **training network**: the ties with `since < Y` that are still current at Y — no
//!   `until`, or `until ≥ Y` ([`BuildOptions`] with `before` and `as_of` = Y): a tie that
//!   ended before the split year is not a partnership at Y — with their years
//!   ([`TieYears`]; recency measured from Y − 1) and Louvain communities (resolution 1,
//!   seeded);
//! * **present organizations**: those with a dated tie started before Y (current or ended),
//!   and with [`Presence::Existing`] also those whose `founded_year` (read as "known since")
//!   is before Y. Only present organizations are asked for suggestions or can be suggested;
//! * **test pairs**: pairs of present organizations that are not partners in training and
//!   have a tie with `since` in [Y, Y + h] (both ends included: h = 0 is the single year Y):
//!   pairs tied for the first time, and pairs whose earlier ties had all ended before Y
//!   (renewed). Without `until` (as in the bundled datasets) these are exactly the pairs
//!   whose first year is in the window. Undated ties take part in nothing;
//! * each present organization v with at least one test pair is **evaluated**: its universe
//!   U_v is every present organization except v and its training partners; its positives
//!   P_v ⊆ U_v the organizations it forms a test pair with. A scorer's list for v is the
//!   engine's candidates ([`super::candidates()`]) with a score above 0, ranked by score then
//!   node index (exactly as [`super::suggest`] ranks them); everything else in U_v is
//!   unranked.
//!
//! Random edge removal is not used: in co-participation data nearly every removed tie sits at
//! distance 2 and every neighbourhood score looks good.
//!
//! # Metrics (per organization, then averaged over evaluated organizations)
//! With rank(p) the position of positive p in the list (1-based) and k the cut-off:
//! * precision@k = |{p : rank(p) ≤ k}| / k; hit rate@k = [some rank(p) ≤ k];
//! * MRR: 1 / min_p rank(p), 0 when no positive is listed;
//! * AUPR as average precision: (1 / |P_v|) Σ_{listed p} |{q ∈ P_v : rank(q) ≤ rank(p)}| /
//!   rank(p) — the area under the step-wise precision–recall curve of the ranked list, with
//!   unlisted positives contributing 0 (they are never retrieved);
//! * AUC: the probability that a positive of U_v outranks a negative of U_v, every
//!   organization of U_v taking part (not a sample): unlisted members count as tied below
//!   every listed one, and ties count ½. Averaged over organizations with at least one
//!   positive and one negative (per-organization AUC, not pooled: the scores are normalized
//!   per request and are not comparable across organizations).
//!
//! The same metrics are reported for the positives at distance 2 (the list and the universe
//! restricted to organizations sharing a partner with v) and at distance ≥ 3 (the rest,
//! unreachable included), and separately for isolated or pendant organizations (degree ≤ 1
//! in training) and the others. Coverage is the share of present organizations (evaluated or
//! not) with at least one suggestion.
//!
//! # Scorers
//! Every component alone, every preset [`Goal`], the `learned` weights (below), and the
//! `random` baseline: a uniformly random order of U_v (a permutation drawn with ChaCha8
//! seeded by the options' seed, the organization and the group), scored exactly by the
//! positions of the positives in it.
//!
//! # Learned weights
//! With [`BacktestOptions::tune`], weights are fitted on an earlier split: year
//! Y′ = Y − 1 − h′ with horizon h′ ([`BacktestOptions::tune_horizon`], default 0: train before
//! Y − 1, test pairs first formed in Y − 1), whose window ends at Y − 1, so no year ≥ Y is
//! read: on at
//! most [`BacktestOptions::tune_organizations`] evaluated organizations (a seeded sample),
//! keeping for each the union of the top 50 candidates of every active component, coordinate
//! ascent on the mean precision@k over the weight grid {0, 0.05, 0.1, 0.25, 0.5, 1, 2, 4}
//! (starting from Adamic–Adar alone; at most 4 rounds; a change is kept only when it
//! improves), then scaled to add up to 1.

use super::candidates::{candidates_with, Candidate, Scratch};
use super::index::{IndexOptions, SuggestIndex, TieYears};
use super::ranking::maxima;
use super::{Component, Goal, SuggestError, SuggestOptions, Weights, COMPONENTS};
use crate::community::louvain;
use crate::model::NetworkData;
use crate::network::{node, BuildOptions, Network, Node};
use rand::seq::index::sample;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

/// Which organizations count as present at the split year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Only organizations with at least one dated tie started before the split year
    /// (current or ended).
    Tied,
    /// Also organizations without ties whose `founded_year` (read as "known since") is
    /// before the split year: the isolated organizations of that year.
    Existing,
}

/// Options of [`backtest`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacktestOptions {
    /// Y: train on ties with `since < Y`.
    pub split_year: i32,
    /// h: test pairs first formed in [Y, Y + h].
    pub horizon: i32,
    /// Cut-off of precision and hit rate.
    pub k: usize,
    /// Who is present at Y.
    pub presence: Presence,
    /// Seed of the random baseline, of Louvain and of the tuning sample.
    pub seed: u64,
    /// Recency half-life in years.
    pub half_life_years: f64,
    /// Fit the `learned` weights on an earlier split (see the module docs).
    pub tune: bool,
    /// Horizon h′ of the tuning split, whose year is Y − 1 − h′, so that its window
    /// [Y − 1 − h′, Y − 1] ends before Y (default 0: train before Y − 1, test Y − 1).
    pub tune_horizon: i32,
    /// Organizations sampled for tuning.
    pub tune_organizations: usize,
    /// Candidate generation (the goal is ignored: every scorer is evaluated).
    pub suggest: SuggestOptions,
}

impl BacktestOptions {
    /// Defaults for a split: k = 10, [`Presence::Existing`], seed 42, half-life 3 years,
    /// tuning on (3000 organizations), default candidate options.
    pub fn new(split_year: i32, horizon: i32) -> Self {
        BacktestOptions {
            split_year,
            horizon,
            k: 10,
            presence: Presence::Existing,
            seed: crate::policy::DEFAULT_SEED,
            half_life_years: super::DEFAULT_HALF_LIFE_YEARS,
            tune: true,
            tune_horizon: 0,
            tune_organizations: 3000,
            suggest: SuggestOptions::default(),
        }
    }
}

/// A ranking evaluated by the backtest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Scorer {
    /// Uniformly random order of the universe (seeded).
    Random,
    /// One component alone.
    Component(Component),
    /// A goal preset.
    Goal(Goal),
    /// The weights fitted on the earlier split.
    Learned,
}

impl Scorer {
    /// A short name: `random`, the component's name, the goal's name or `learned`.
    pub fn name(&self) -> &'static str {
        match self {
            Scorer::Random => "random",
            Scorer::Component(c) => c.as_str(),
            Scorer::Goal(g) => g.name(),
            Scorer::Learned => "learned",
        }
    }
}

/// Averages over the evaluated organizations of one group.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Metrics {
    /// Organizations with at least one positive in the group.
    pub organizations: usize,
    /// Mean precision@k.
    pub precision_at_k: f64,
    /// Mean hit rate@k.
    pub hit_rate_at_k: f64,
    /// Mean reciprocal rank.
    pub mrr: f64,
    /// Mean average precision (AUPR, see the module docs).
    pub aupr: f64,
    /// Mean per-organization AUC (`None` when no organization has a negative).
    pub auc: Option<f64>,
}

/// The results of one scorer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorerResult {
    /// The scorer.
    pub scorer: Scorer,
    /// False when the scorer can only give 0 on this data (a component whose inputs are
    /// missing, e.g. complementarity without services): its rows are empty.
    pub active: bool,
    /// Share of present organizations with at least one suggestion.
    pub coverage: f64,
    /// All evaluated organizations.
    pub all: Metrics,
    /// Positives at distance 2.
    pub distance_2: Metrics,
    /// Positives at distance ≥ 3 (unreachable included).
    pub distance_3_plus: Metrics,
    /// Organizations with at most one training tie.
    pub isolated_or_pendant: Metrics,
    /// Organizations with two or more training ties.
    pub other: Metrics,
}

/// The shape of one split.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Split {
    /// Y.
    pub split_year: i32,
    /// h.
    pub horizon: i32,
    /// Collapsed ties before Y still current at Y (the training network).
    pub training_ties: usize,
    /// Organizations present at Y.
    pub present: usize,
    /// Present organizations with no training tie.
    pub present_isolated: usize,
    /// Present organizations with at least one test pair.
    pub evaluated: usize,
    /// Test pairs (both ends present).
    pub test_pairs: usize,
    /// Test pairs at distance 2 in training.
    pub test_pairs_distance_2: usize,
    /// Pairs formed in the window with an end not present at Y (not scored).
    pub pairs_with_new_organizations: usize,
    /// Organizations whose scan hit the budget (their distance-2 sets are partial).
    pub capped: usize,
}

/// The weights fitted on the earlier split.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Learned {
    /// The weights (adding up to 1).
    pub weights: Weights,
    /// The tuning split (train before it, test pairs first formed in it).
    pub split: Split,
    /// Organizations used for tuning.
    pub organizations: usize,
    /// Mean precision@k of Adamic–Adar alone on the tuning organizations.
    pub precision_adamic_adar: f64,
    /// Mean precision@k of the learned weights on the tuning organizations.
    pub precision_learned: f64,
}

/// The result of [`backtest`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    /// The test split.
    pub split: Split,
    /// k.
    pub k: usize,
    /// Components that are 0 everywhere on this data.
    pub inactive: Vec<Component>,
    /// The learned weights, when tuned.
    pub learned: Option<Learned>,
    /// Ties without a year (ignored).
    pub undated_ties: usize,
    /// One row per scorer: random, each component, each goal, learned.
    pub rows: Vec<ScorerResult>,
}

/// Runs the time-split backtest described in the [module docs](self).
///
/// # Arguments
/// * `data` — organizations and dated ties (`since`); several ties may join a pair.
/// * `opts` — split, horizon, k, presence rule, seed, tuning.
///
/// # Errors
/// [`SuggestError::InvalidOption`] for k = 0, a negative horizon or a bad half-life.
///
/// # Complexity
/// Per split: building the training network O(n + t log t), Louvain, then one candidate scan
/// per present organization (O(Σ_v Σ_{z∈Γ(v)} k_z) in total) and, for evaluated
/// organizations, O(C_v · S · log |P_v|) for C_v candidates and S scorers; in parallel over
/// organizations (results do not depend on the thread count). Tuning adds one split and
/// O(rounds · grid · components · Σ kept candidates).
///
/// # Examples
/// ```
/// use puentes_analysis::model::*;
/// use puentes_analysis::suggest::backtest::{backtest, BacktestOptions};
/// // a - b - c in 2020; a - c forms in 2021: the one candidate of a is a hit.
/// let orgs = ["a", "b", "c"].map(Organization::bare).to_vec();
/// let tie = |s: &str, t: &str, y| Tie { source: s.into(), target: t.into(),
///     kind: TieKind::JointProject, strength: 1, since: Some(y), until: None,
///     reported_by: ReportedBy::Both,
///     attributes: Default::default() };
/// let data = NetworkData { organizations: orgs,
///     ties: vec![tie("a", "b", 2020), tie("b", "c", 2020), tie("a", "c", 2021)] };
/// let mut opts = BacktestOptions::new(2021, 0);
/// opts.tune = false;
/// let out = backtest(&data, &opts).unwrap();
/// let aa = out.rows.iter().find(|r| r.scorer.name() == "adamic_adar").unwrap();
/// assert_eq!(out.split.test_pairs, 1);
/// assert_eq!(aa.all.hit_rate_at_k, 1.0);
/// assert_eq!(aa.all.mrr, 1.0);
/// ```
pub fn backtest(data: &NetworkData, opts: &BacktestOptions) -> Result<Backtest, SuggestError> {
    if opts.k == 0 {
        return Err(SuggestError::InvalidOption {
            field: "k",
            value: "0".into(),
            allowed: super::Allowed::PositiveWhole,
        });
    }
    for (field, h) in [
        ("horizon", opts.horizon),
        ("tune_horizon", opts.tune_horizon),
    ] {
        if h < 0 {
            return Err(SuggestError::InvalidOption {
                field,
                value: h.to_string(),
                allowed: super::Allowed::YearsNotNegative,
            });
        }
    }
    super::candidates::check_options(&opts.suggest)?;
    let undated_ties = data.ties.iter().filter(|t| t.since.is_none()).count();
    let learned = if opts.tune {
        let h = opts.tune_horizon;
        let tune = Prepared::new(data, opts.split_year - 1 - h, h, opts)?;
        Some(tune.fit(opts))
    } else {
        None
    };
    let test = Prepared::new(data, opts.split_year, opts.horizon, opts)?;
    let mut scorers: Vec<(Scorer, Weights)> = Vec::new();
    for c in Component::ALL {
        let mut w = [0.0; COMPONENTS];
        w[c.index()] = 1.0;
        scorers.push((Scorer::Component(c), Weights(w)));
    }
    for g in [
        Goal::Strengthen,
        Goal::Bridge,
        Goal::Services,
        Goal::Balanced,
    ] {
        scorers.push((Scorer::Goal(g), g.weights()));
    }
    if let Some(l) = &learned {
        scorers.push((Scorer::Learned, l.weights));
    }
    let active = test.index.active();
    let (split, mut rows) = test.evaluate(&scorers, opts);
    for row in &mut rows {
        if let Scorer::Component(c) = row.scorer {
            row.active = active[c.index()];
        }
    }
    Ok(Backtest {
        split,
        k: opts.k,
        inactive: Component::ALL
            .into_iter()
            .filter(|c| !active[c.index()])
            .collect(),
        learned,
        undated_ties,
        rows,
    })
}

/// One split, ready to evaluate: training network, index, present organizations, positives.
struct Prepared {
    net: Network,
    index: SuggestIndex,
    present: Vec<bool>,
    positives: Vec<Vec<Node>>,
    split: Split,
}

impl Prepared {
    fn new(
        data: &NetworkData,
        year: i32,
        horizon: i32,
        opts: &BacktestOptions,
    ) -> Result<Prepared, SuggestError> {
        // Ties started before Y and still current at Y (`until` absent or ≥ Y): a tie that
        // ended before the split year is not a partnership the organizations have at Y.
        let build = BuildOptions {
            as_of: Some(year),
            before: Some(year),
            weight: None,
        };
        let net = Network::build(data, build);
        let n = net.node_count();
        // Seen before Y: a dated tie started before Y, current or ended.
        let mut tied_before = vec![false; n];
        for t in &data.ties {
            if t.since.is_some_and(|s| s < year) {
                for id in [&t.source, &t.target] {
                    if let Some(v) = net.node(id) {
                        tied_before[v as usize] = true;
                    }
                }
            }
        }
        let present: Vec<bool> = (0..n)
            .map(|v| {
                tied_before[v]
                    || (opts.presence == Presence::Existing
                        && net
                            .organization(node(v))
                            .founded_year
                            .is_some_and(|f| f < year))
            })
            .collect();
        // Pairs that form a tie in the window and are not partners at Y: new pairs, and pairs
        // whose earlier ties all ended before Y (renewed).
        let mut formed: Vec<(Node, Node)> = data
            .ties
            .iter()
            .filter(|t| t.since.is_some_and(|y| y >= year && y <= year + horizon))
            .filter_map(|t| {
                let (a, b) = (net.node(&t.source)?, net.node(&t.target)?);
                (a != b && !net.has_edge(a, b)).then_some((a.min(b), a.max(b)))
            })
            .collect();
        formed.sort_unstable();
        formed.dedup();
        let mut positives: Vec<Vec<Node>> = vec![Vec::new(); n];
        let (mut test_pairs, mut dropped) = (0, 0);
        for &(a, b) in &formed {
            if present[a as usize] && present[b as usize] {
                positives[a as usize].push(b);
                positives[b as usize].push(a);
                test_pairs += 1;
            } else {
                dropped += 1;
            }
        }
        for p in &mut positives {
            p.sort_unstable();
        }
        let membership = louvain(&net, 1.0, opts.seed).membership;
        let years = TieYears::from_data(&net, data, build);
        let index = SuggestIndex::new(
            &net,
            IndexOptions {
                membership: Some(membership),
                years: Some(years),
                reference_year: Some(year - 1),
                half_life_years: opts.half_life_years,
                eligible: Some(present.clone()),
            },
        )?;
        let split = Split {
            split_year: year,
            horizon,
            training_ties: net.edge_count(),
            present: present.iter().filter(|&&p| p).count(),
            present_isolated: (0..n)
                .filter(|&v| present[v] && net.degree(node(v)) == 0)
                .count(),
            evaluated: positives.iter().filter(|p| !p.is_empty()).count(),
            test_pairs,
            test_pairs_distance_2: 0,
            pairs_with_new_organizations: dropped,
            capped: 0,
        };
        Ok(Prepared {
            net,
            index,
            present,
            positives,
            split,
        })
    }

    /// Candidates of `v` with normalized components and which of them are positives.
    fn org(&self, v: Node, opts: &BacktestOptions, s: &mut Scratch) -> Option<OrgData> {
        let set = candidates_with(&self.net, &self.index, v, &opts.suggest, s).ok()?;
        let max = maxima(&set.candidates);
        let pos = &self.positives[v as usize];
        let mut x = Vec::with_capacity(set.candidates.len());
        let mut positive = Vec::with_capacity(set.candidates.len());
        for c in &set.candidates {
            let mut row = [0.0; COMPONENTS];
            for i in 0..COMPONENTS {
                row[i] = if max[i] > 0.0 { c.raw[i] / max[i] } else { 0.0 };
            }
            x.push(row);
            positive.push(pos.binary_search(&c.node).is_ok());
        }
        Some(OrgData {
            candidates: set.candidates,
            x,
            positive,
            max,
            capped: set.capped,
        })
    }

    fn evaluate(
        &self,
        scorers: &[(Scorer, Weights)],
        opts: &BacktestOptions,
    ) -> (Split, Vec<ScorerResult>) {
        let n = self.net.node_count();
        let present_count = self.split.present;
        let rows = scorers.len() + 1; // + random
        let nodes: Vec<Node> = (0..n).filter(|&v| self.present[v]).map(node).collect();
        // Fixed chunks, each summed in node order, then merged in chunk order: the sums do
        // not depend on the number of threads.
        let chunks: Vec<Accumulator> = nodes
            .par_chunks(64)
            .map_init(
                || Scratch::new(n),
                |s, chunk| {
                    let mut acc = Accumulator::new(rows);
                    for &v in chunk {
                        self.add_org(v, scorers, opts, s, &mut acc);
                    }
                    acc
                },
            )
            .collect();
        let total = chunks
            .into_iter()
            .fold(Accumulator::new(rows), Accumulator::merge);
        let mut split = self.split;
        split.test_pairs_distance_2 = total.positives_distance_2 / 2;
        split.capped = total.capped;
        let all_scorers = std::iter::once(Scorer::Random).chain(scorers.iter().map(|s| s.0));
        let results = all_scorers
            .enumerate()
            .map(|(r, scorer)| ScorerResult {
                scorer,
                active: true,
                coverage: total.covered[r] as f64 / present_count.max(1) as f64,
                all: total.sums[r][0].mean(),
                distance_2: total.sums[r][1].mean(),
                distance_3_plus: total.sums[r][2].mean(),
                isolated_or_pendant: total.sums[r][3].mean(),
                other: total.sums[r][4].mean(),
            })
            .collect();
        (split, results)
    }

    /// Adds one present organization's coverage and (when it has test pairs) metrics.
    fn add_org(
        &self,
        v: Node,
        scorers: &[(Scorer, Weights)],
        opts: &BacktestOptions,
        s: &mut Scratch,
        acc: &mut Accumulator,
    ) {
        let present_count = self.split.present;
        let vu = v as usize;
        let Some(org) = self.org(v, opts, s) else {
            return;
        };
        acc.capped += usize::from(org.capped);
        for (r, (_, w)) in scorers.iter().enumerate() {
            let covered = (0..COMPONENTS).any(|i| w.0[i] > 0.0 && org.max[i] > 0.0);
            acc.covered[r + 1] += usize::from(covered);
        }
        let universe = present_count - 1 - self.net.degree(v);
        acc.covered[0] += usize::from(universe > 0);
        let pos = &self.positives[vu];
        if pos.is_empty() {
            return;
        }
        let two_hop = org.candidates.iter().filter(|c| c.sources.two_hop).count();
        let p2 = org
            .candidates
            .iter()
            .zip(&org.positive)
            .filter(|(c, &p)| p && c.sources.two_hop)
            .count();
        acc.positives_distance_2 += p2;
        let p_total = [pos.len(), p2, pos.len() - p2];
        let u_total = [universe, two_hop, universe - two_hop];
        let low = self.net.degree(v) <= 1;
        let mut rng_seed = opts.seed ^ (u64::from(v) << 20);
        let random: [Option<OrgMetrics>; 3] = std::array::from_fn(|g| {
            rng_seed = rng_seed.wrapping_add(1);
            random_metrics(u_total[g], p_total[g], opts.k, rng_seed)
        });
        acc.add(0, &random, low);
        let mut scores = vec![0.0; org.candidates.len()];
        for (r, (_, w)) in scorers.iter().enumerate() {
            let nz: Vec<(usize, f64)> = (0..COMPONENTS)
                .filter(|&i| w.0[i] > 0.0)
                .map(|i| (i, w.0[i]))
                .collect();
            for (sc, row) in scores.iter_mut().zip(&org.x) {
                let mut t = 0.0;
                for &(i, wi) in &nz {
                    t += wi * row[i];
                }
                *sc = t;
            }
            let m = eval_groups(
                &scores,
                &org.candidates,
                &org.positive,
                p_total,
                u_total,
                opts.k,
            );
            acc.add(r + 1, &m, low);
        }
    }

    /// Fits the learned weights on this (tuning) split.
    fn fit(&self, opts: &BacktestOptions) -> Learned {
        const TOP: usize = 50;
        let n = self.net.node_count();
        let active = self.index.active();
        let mut evaluated: Vec<Node> = (0..n)
            .filter(|&v| self.present[v] && !self.positives[v].is_empty())
            .map(node)
            .collect();
        if evaluated.len() > opts.tune_organizations {
            let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
            let mut picked: Vec<Node> = sample(&mut rng, evaluated.len(), opts.tune_organizations)
                .into_iter()
                .map(|i| evaluated[i])
                .collect();
            picked.sort_unstable();
            evaluated = picked;
        }
        let tuning: Vec<TuneOrg> = evaluated
            .par_iter()
            .map_init(
                || Scratch::new(n),
                |s, &v| {
                    let org = self.org(v, opts, s)?;
                    let c = org.candidates.len();
                    let mut keep = vec![false; c];
                    let mut idx: Vec<usize> = (0..c).collect();
                    for i in (0..COMPONENTS).filter(|&i| active[i]) {
                        let better = |&a: &usize, &b: &usize| {
                            org.x[b][i]
                                .total_cmp(&org.x[a][i])
                                .then(org.candidates[a].node.cmp(&org.candidates[b].node))
                        };
                        if c > TOP {
                            idx.select_nth_unstable_by(TOP - 1, better);
                        }
                        for &j in idx.iter().take(TOP) {
                            if org.x[j][i] > 0.0 {
                                keep[j] = true;
                            }
                        }
                    }
                    let mut t = TuneOrg {
                        nodes: Vec::new(),
                        x: Vec::new(),
                        positive: Vec::new(),
                    };
                    for j in (0..c).filter(|&j| keep[j]) {
                        t.nodes.push(org.candidates[j].node);
                        t.x.push(org.x[j].map(|x| x as f32));
                        t.positive.push(org.positive[j]);
                    }
                    Some(t)
                },
            )
            .flatten()
            .collect();
        let k = opts.k;
        let precision = |w: &[f64; COMPONENTS]| -> f64 {
            let wf = w.map(|x| x as f32);
            // Whole hits, summed exactly whatever the thread count.
            let hits: u64 = tuning
                .par_iter()
                .map(|t| u64::from(t.hits_at(&wf, k)))
                .sum();
            hits as f64 / k as f64 / tuning.len().max(1) as f64
        };
        let mut w = [0.0; COMPONENTS];
        w[Component::AdamicAdar.index()] = 1.0;
        let aa = precision(&w);
        let mut best = aa;
        const GRID: [f64; 8] = [0.0, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0];
        for _round in 0..4 {
            let mut improved = false;
            for i in (0..COMPONENTS).filter(|&i| active[i]) {
                for g in GRID {
                    if w[i] == g {
                        continue;
                    }
                    let mut trial = w;
                    trial[i] = g;
                    if trial.iter().all(|&x| x == 0.0) {
                        continue;
                    }
                    let p = precision(&trial);
                    if p > best + 1e-12 {
                        best = p;
                        w = trial;
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
        let sum: f64 = w.iter().sum();
        let weights = Weights(w.map(|x| x / sum));
        Learned {
            weights,
            split: self.split,
            organizations: tuning.len(),
            precision_adamic_adar: aa,
            precision_learned: best,
        }
    }
}

/// One organization's candidates, normalized.
struct OrgData {
    candidates: Vec<Candidate>,
    x: Vec<[f64; COMPONENTS]>,
    positive: Vec<bool>,
    max: [f64; COMPONENTS],
    capped: bool,
}

/// One tuning organization: the kept candidates.
struct TuneOrg {
    nodes: Vec<Node>,
    x: Vec<[f32; COMPONENTS]>,
    positive: Vec<bool>,
}

impl TuneOrg {
    /// Positives among the k best kept candidates with a score above 0 (ties by node).
    fn hits_at(&self, w: &[f32; COMPONENTS], k: usize) -> u32 {
        let mut best: Vec<(f32, Node, bool)> = Vec::with_capacity(k + 1);
        for ((row, &v), &p) in self.x.iter().zip(&self.nodes).zip(&self.positive) {
            let s: f32 = row.iter().zip(w).map(|(a, b)| a * b).sum();
            if s <= 0.0 {
                continue;
            }
            let worse = |e: &(f32, Node, bool)| e.0 < s || (e.0 == s && e.1 > v);
            if best.len() == k && !best.last().is_some_and(worse) {
                continue;
            }
            let at = best.iter().position(worse).unwrap_or(best.len());
            best.insert(at, (s, v, p));
            best.truncate(k);
        }
        best.iter().map(|e| u32::from(e.2)).sum()
    }
}

/// One organization's metrics in one group.
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrgMetrics {
    precision: f64,
    hit: f64,
    rr: f64,
    ap: f64,
    auc: Option<f64>,
}

/// Sums of [`OrgMetrics`] over organizations.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    orgs: usize,
    precision: f64,
    hit: f64,
    rr: f64,
    ap: f64,
    auc_orgs: usize,
    auc: f64,
}

impl Sums {
    fn add(&mut self, m: &OrgMetrics) {
        self.orgs += 1;
        self.precision += m.precision;
        self.hit += m.hit;
        self.rr += m.rr;
        self.ap += m.ap;
        if let Some(a) = m.auc {
            self.auc_orgs += 1;
            self.auc += a;
        }
    }

    fn merge(mut self, o: Sums) -> Sums {
        self.orgs += o.orgs;
        self.precision += o.precision;
        self.hit += o.hit;
        self.rr += o.rr;
        self.ap += o.ap;
        self.auc_orgs += o.auc_orgs;
        self.auc += o.auc;
        self
    }

    fn mean(&self) -> Metrics {
        let d = self.orgs.max(1) as f64;
        Metrics {
            organizations: self.orgs,
            precision_at_k: self.precision / d,
            hit_rate_at_k: self.hit / d,
            mrr: self.rr / d,
            aupr: self.ap / d,
            auc: (self.auc_orgs > 0).then(|| self.auc / self.auc_orgs as f64),
        }
    }
}

/// Per-scorer sums for the groups all, distance 2, distance ≥ 3, low degree, other.
struct Accumulator {
    sums: Vec<[Sums; 5]>,
    covered: Vec<usize>,
    positives_distance_2: usize,
    capped: usize,
}

impl Accumulator {
    fn new(rows: usize) -> Self {
        Accumulator {
            sums: vec![[Sums::default(); 5]; rows],
            covered: vec![0; rows],
            positives_distance_2: 0,
            capped: 0,
        }
    }

    fn add(&mut self, row: usize, m: &[Option<OrgMetrics>; 3], low_degree: bool) {
        for (g, mg) in m.iter().enumerate() {
            if let Some(mg) = mg {
                self.sums[row][g].add(mg);
            }
        }
        if let Some(all) = &m[0] {
            self.sums[row][if low_degree { 3 } else { 4 }].add(all);
        }
    }

    fn merge(mut self, o: Accumulator) -> Accumulator {
        for (a, b) in self.sums.iter_mut().zip(o.sums) {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.merge(y);
            }
        }
        for (a, b) in self.covered.iter_mut().zip(o.covered) {
            *a += b;
        }
        self.positives_distance_2 += o.positives_distance_2;
        self.capped += o.capped;
        self
    }
}

/// Metrics of a uniformly random order of `universe` members with `positives` of them
/// positive: the positives' positions are a uniform random subset of 1..=universe.
fn random_metrics(universe: usize, positives: usize, k: usize, seed: u64) -> Option<OrgMetrics> {
    if positives == 0 || positives > universe {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut ranks: Vec<usize> = sample(&mut rng, universe, positives)
        .into_iter()
        .map(|i| i + 1)
        .collect();
    ranks.sort_unstable();
    let negatives = universe - positives;
    let auc = (negatives > 0).then(|| {
        let wins: usize = ranks
            .iter()
            .enumerate()
            .map(|(i, &r)| (universe - r) - (positives - 1 - i))
            .sum();
        wins as f64 / (positives as f64 * negatives as f64)
    });
    Some(from_ranks(&ranks, positives, k, auc))
}

/// Precision@k, hit, reciprocal rank and average precision from the ascending ranks of the
/// listed positives (`total` positives in all).
fn from_ranks(ranks: &[usize], total: usize, k: usize, auc: Option<f64>) -> OrgMetrics {
    let hits = ranks.iter().filter(|&&r| r <= k).count();
    let ap: f64 = ranks
        .iter()
        .enumerate()
        .map(|(i, &r)| (i + 1) as f64 / r as f64)
        .sum::<f64>()
        / total as f64;
    OrgMetrics {
        precision: hits as f64 / k as f64,
        hit: if hits > 0 { 1.0 } else { 0.0 },
        rr: ranks.first().map_or(0.0, |&r| 1.0 / r as f64),
        ap,
        auc,
    }
}

/// Per-group (all, distance 2, distance ≥ 3) metrics of one scorer for one organization.
///
/// `scores[i]` is candidate i's score (listed when > 0), `positive[i]` whether it is a
/// positive; `p_total` and `u_total` the positives and universe sizes of each group. Every
/// listed negative x is located among the listed positives by two binary searches: by rank
/// key (score descending, node ascending) to count the candidates ranked above each positive,
/// and by score to count, for the AUC, the negatives scoring above or equal to each positive.
fn eval_groups(
    scores: &[f64],
    cands: &[Candidate],
    positive: &[bool],
    p_total: [usize; 3],
    u_total: [usize; 3],
    k: usize,
) -> [Option<OrgMetrics>; 3] {
    let group = |i: usize| if cands[i].sources.two_hop { 1 } else { 2 };
    // Listed positives per group, by rank key.
    let mut listed: [Vec<(f64, Node)>; 3] = Default::default();
    for i in (0..scores.len()).filter(|&i| positive[i] && scores[i] > 0.0) {
        let e = (scores[i], cands[i].node);
        listed[0].push(e);
        listed[group(i)].push(e);
    }
    let key_order = |a: &(f64, Node), b: &(f64, Node)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    for l in &mut listed {
        l.sort_by(key_order);
    }
    // Ascending scores (the reverse of the rank order's scores).
    let asc: [Vec<f64>; 3] = std::array::from_fn(|g| listed[g].iter().rev().map(|e| e.0).collect());
    let mut above: [Vec<i64>; 3] = std::array::from_fn(|g| vec![0; listed[g].len() + 1]);
    let mut lose: [Vec<i64>; 3] = std::array::from_fn(|g| vec![0; listed[g].len() + 1]);
    let mut tie: [Vec<i64>; 3] = std::array::from_fn(|g| vec![0; listed[g].len() + 1]);
    let mut listed_negatives = [0usize; 3];
    for i in 0..scores.len() {
        let s = scores[i];
        if positive[i] || s <= 0.0 {
            continue;
        }
        let x = cands[i].node;
        for g in [0, group(i)] {
            listed_negatives[g] += 1;
            let l = &listed[g];
            if l.is_empty() {
                continue;
            }
            let j = l.partition_point(|&(ps, pn)| ps > s || (ps == s && pn < x));
            above[g][j] += 1;
            let a = &asc[g];
            let lo = a.partition_point(|&ps| ps < s);
            let hi = a.partition_point(|&ps| ps <= s);
            lose[g][0] += 1;
            lose[g][lo] -= 1;
            tie[g][lo] += 1;
            tie[g][hi] -= 1;
        }
    }
    std::array::from_fn(|g| {
        let p = p_total[g];
        if p == 0 {
            return None;
        }
        let l = &listed[g];
        let mut ranks = Vec::with_capacity(l.len());
        let mut above_sum = 0i64;
        for (i, &d) in above[g].iter().take(l.len()).enumerate() {
            above_sum += d;
            ranks.push(1 + i + above_sum as usize);
        }
        let negatives = u_total[g].saturating_sub(p);
        let auc = (negatives > 0).then(|| {
            // Positives by ascending score: losses and ties against listed negatives.
            let (mut lsum, mut tsum) = (0i64, 0i64);
            let mut total = 0.0;
            for i in 0..l.len() {
                lsum += lose[g][i];
                tsum += tie[g][i];
                let wins = negatives as f64 - lsum as f64 - tsum as f64;
                total += wins + 0.5 * tsum as f64;
            }
            // Unlisted positives tie with the unlisted negatives.
            let unlisted_neg = negatives.saturating_sub(listed_negatives[g]) as f64;
            total += (p - l.len()) as f64 * 0.5 * unlisted_neg;
            total / (p as f64 * negatives as f64)
        });
        Some(from_ranks(&ranks, p, k, auc))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::candidates::Sources;

    fn cand(node: Node, two_hop: bool) -> Candidate {
        Candidate {
            node,
            raw: [0.0; COMPONENTS],
            constraint_after: 0.0,
            sources: Sources {
                two_hop,
                service: false,
                proximity: false,
            },
        }
    }

    #[test]
    fn metrics_of_a_ranked_list_by_hand() {
        // Universe of 6: candidates 10..14 with scores 5, 4, 4, 2, 0; positives 11, 14 and
        // one unlisted positive (not a candidate). 10, 11, 12 at distance 2.
        let cands: Vec<Candidate> = (10..15).map(|v| cand(v, v <= 12)).collect();
        let scores = [5.0, 4.0, 4.0, 2.0, 0.0];
        let positive = [false, true, false, false, true];
        // Ranking: 10 (5), 11 (4, node 11 < 12), 12 (4), 13 (2); 14 unlisted.
        // Positives: 11 at rank 2; 14 and the outsider unlisted. k = 2.
        let m = eval_groups(&scores, &cands, &positive, [3, 1, 2], [6, 3, 3], 2);
        let all = m[0].expect("positives");
        assert_close!(all.precision, 0.5, 1e-15);
        assert_close!(all.hit, 1.0, 1e-15);
        assert_close!(all.rr, 0.5, 1e-15);
        // AP = (1/3) · (1/2).
        assert_close!(all.ap, 1.0 / 6.0, 1e-15);
        // AUC over 3 positives × 3 negatives (10, 12, 13): positive 11 (score 4) beats 13,
        // ties 12, loses to 10 → 1.5; each unlisted positive ties with no unlisted negative
        // (all 3 negatives are listed) → 0. AUC = 1.5 / 9.
        assert_close!(all.auc.expect("negatives"), 1.5 / 9.0, 1e-15);
        // Distance 2: list 10, 11, 12; positive 11 at rank 2; negatives 10, 12 (u = 3).
        let d2 = m[1].expect("a positive at distance 2");
        assert_close!(d2.rr, 0.5, 1e-15);
        assert_close!(d2.auc.expect("negatives"), 0.5 / 2.0 + 0.0, 1e-15);
        // Distance ≥ 3: list 13 only (negative); positives 14 and the outsider unlisted;
        // universe 3 → 1 negative (13, listed): AUC 0, nothing retrieved.
        let d3 = m[2].expect("positives at distance ≥ 3");
        assert_eq!((d3.precision, d3.rr, d3.ap), (0.0, 0.0, 0.0));
        assert_close!(d3.auc.expect("a negative"), 0.0, 1e-15);
    }

    #[test]
    fn random_baseline_is_exact_for_its_draw() {
        // All positives: every metric is perfect and there is no AUC.
        let m = random_metrics(3, 3, 3, 7).expect("positives");
        assert_eq!((m.precision, m.rr, m.ap, m.auc), (1.0, 1.0, 1.0, None));
        // Averaged over many draws, AUC tends to 1/2 and precision@k to P / U.
        let (mut auc, mut p) = (0.0, 0.0);
        for seed in 0..2000 {
            let m = random_metrics(50, 5, 10, seed).expect("positives");
            auc += m.auc.expect("negatives");
            p += m.precision;
        }
        assert!((auc / 2000.0 - 0.5).abs() < 0.02, "{}", auc / 2000.0);
        assert!((p / 2000.0 - 0.1).abs() < 0.01, "{}", p / 2000.0);
    }
}
