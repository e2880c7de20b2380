//! The network over time at the edge: the one rule for a year parameter (CLI and API alike),
//! and the answers of `changes` and `timeline` (figures, lists and the sentences a planner
//! reads first, from the catalogue). The computing is `puentes_analysis::time`.

use crate::i18n::catalogue::time::ChangeText;
use crate::i18n::Lang;
pub use crate::params::{check_year, this_year, two_years, year_range};
use puentes_analysis::model::NetworkData;
use puentes_analysis::summary::SummaryOptions;
use puentes_analysis::time::{self, Changes, YearFigures};
use serde::Serialize;
use std::collections::HashMap;

/// Counts of each list of a [`Changes`] (the lists may be cut; the counts never are).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChangeCounts {
    /// Pairs with a new tie.
    pub ties_formed: usize,
    /// Pairs whose tie ended.
    pub ties_ended: usize,
    /// Pairs whose summed strength grew.
    pub strengthened: usize,
    /// Pairs whose summed strength fell.
    pub weakened: usize,
    /// Organizations that joined.
    pub joined: usize,
    /// Organizations that left.
    pub left: usize,
    /// Organizations without ties now (and with some, or absent, before).
    pub newly_isolated: usize,
    /// Organizations isolated before, tied now.
    pub no_longer_isolated: usize,
    /// Organizations now peripheral.
    pub newly_peripheral: usize,
    /// Organizations no longer peripheral.
    pub no_longer_peripheral: usize,
    /// New cut points.
    pub cut_points_gained: usize,
    /// Cut points no more.
    pub cut_points_lost: usize,
    /// New bridges.
    pub bridges_gained: usize,
    /// Bridges no more.
    pub bridges_lost: usize,
    /// Communities the same in both years.
    pub communities_continued: usize,
    /// Groups of communities that became one.
    pub communities_merged: usize,
    /// Communities that became several.
    pub communities_split: usize,
    /// Communities with no counterpart before.
    pub communities_appeared: usize,
    /// Communities with no counterpart after.
    pub communities_dissolved: usize,
    /// Pairs of communities that started working together.
    pub communities_started_talking: usize,
    /// Pairs of communities that stopped.
    pub communities_stopped_talking: usize,
}

/// The answer of `changes`: both years' figures, the counts, the lists (each cut to
/// `limit`), and the sentences.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChangesAnswer {
    /// The store revision the answer describes.
    pub revision: u64,
    /// The first year.
    pub from: i32,
    /// The second year.
    pub to: i32,
    /// Whole-network figures of the first year.
    #[schema(value_type = Object)]
    pub figures_from: YearFigures,
    /// Whole-network figures of the second year.
    #[schema(value_type = Object)]
    pub figures_to: YearFigures,
    /// How many of each.
    pub counts: ChangeCounts,
    /// The lists (ids; each cut to the limit asked).
    #[schema(value_type = Object)]
    pub changes: Changes,
    /// Whether the suggestions Puentes would have made in `from` became ties by `to`.
    pub suggestions_became_ties: Option<SuggestionsFollowed>,
    /// What a planner reads first, in the language asked.
    pub sentences: Vec<String>,
}

/// The time-split backtest told to a planner: for the suggestions Puentes would have made in
/// the first year (the `balanced` goal, `k` per organization), the share of organizations for
/// which at least one became a tie by the second year, beside Adamic–Adar alone and a random
/// order ([`puentes_analysis::suggest::backtest`], trained on the ties of the first year and
/// tested on the pairs first tied in the years after it).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SuggestionsFollowed {
    /// Suggestions per organization.
    pub k: usize,
    /// Organizations that formed at least one new tie in the test years (evaluated).
    pub organizations: usize,
    /// Share of them for which one of Puentes' suggestions became a tie.
    pub puentes: f64,
    /// The same with Adamic–Adar alone.
    pub adamic_adar: f64,
    /// The same with a random order (seeded).
    pub random: f64,
}

/// The backtest between `from` and `to` in a planner's terms (`None` when no organization
/// formed a new tie after `from`, or the years are equal).
fn suggestions_followed(data: &NetworkData, from: i32, to: i32) -> Option<SuggestionsFollowed> {
    use puentes_analysis::suggest::backtest::{backtest, BacktestOptions, Scorer};
    use puentes_analysis::suggest::{Component, Goal};
    if to <= from {
        return None;
    }
    let mut opts = BacktestOptions::new(from + 1, to - from - 1);
    opts.tune = false;
    let b = backtest(data, &opts).ok()?;
    if b.split.evaluated == 0 {
        return None;
    }
    let hit = |wanted: &Scorer| {
        b.rows
            .iter()
            .find(|r| r.scorer == *wanted)
            .map_or(0.0, |r| r.all.hit_rate_at_k)
    };
    Some(SuggestionsFollowed {
        k: b.k,
        organizations: b.split.evaluated,
        puentes: hit(&Scorer::Goal(Goal::Balanced)),
        adamic_adar: hit(&Scorer::Component(Component::AdamicAdar)),
        random: hit(&Scorer::Random),
    })
}

/// How many names a sentence lists before "and N more".
const NAMES_IN_A_SENTENCE: usize = 3;
/// The first [`NAMES_IN_A_SENTENCE`] of `items`, each as `f` words it.
fn first<T, U>(items: &[T], f: impl FnMut(&T) -> U) -> Vec<U> {
    items.iter().take(NAMES_IN_A_SENTENCE).map(f).collect()
}

/// How many organizations get a sentence of their own per kind of change.
const SENTENCES_PER_KIND: usize = 5;

/// What changed from `from` to `to`, with its sentences in `lang`; each list cut to `limit`.
pub fn changes(
    data: &NetworkData,
    revision: u64,
    from: i32,
    to: i32,
    lang: Lang,
    limit: usize,
) -> ChangesAnswer {
    // Each year's network is built, and its communities found, once for the lists and the
    // figures.
    // The backtest of the first year's suggestions runs beside them.
    let ((mut c, f1, f2), followed) = rayon::join(
        || time::changes_and_figures(data, from, to, &SummaryOptions::default()),
        || suggestions_followed(data, from, to),
    );
    let counts = ChangeCounts {
        ties_formed: c.ties_formed.len(),
        ties_ended: c.ties_ended.len(),
        strengthened: c.strengthened.len(),
        weakened: c.weakened.len(),
        joined: c.joined.len(),
        left: c.left.len(),
        newly_isolated: c.newly_isolated.len(),
        no_longer_isolated: c.no_longer_isolated.len(),
        newly_peripheral: c.newly_peripheral.len(),
        no_longer_peripheral: c.no_longer_peripheral.len(),
        cut_points_gained: c.cut_points_gained.len(),
        cut_points_lost: c.cut_points_lost.len(),
        bridges_gained: c.bridges_gained.len(),
        bridges_lost: c.bridges_lost.len(),
        communities_continued: c.communities.continued.len(),
        communities_merged: c.communities.merged.len(),
        communities_split: c.communities.split.len(),
        communities_appeared: c.communities.appeared.len(),
        communities_dissolved: c.communities.dissolved.len(),
        communities_started_talking: c.communities.started_talking.len(),
        communities_stopped_talking: c.communities.stopped_talking.len(),
    };
    let mut said = sentences(data, &c, &f1, &f2, &counts, lang);
    if let Some(f) = &followed {
        said.push(ChangeText::SuggestionsFollowed {
            from,
            to,
            k: f.k,
            organizations: f.organizations,
            puentes: f.puentes,
            adamic_adar: f.adamic_adar,
            random: f.random,
        });
    }
    let sentences = said.iter().map(|s| s.render(lang)).collect();
    c.ties_formed.truncate(limit);
    c.ties_ended.truncate(limit);
    c.strengthened.truncate(limit);
    c.weakened.truncate(limit);
    c.joined.truncate(limit);
    c.left.truncate(limit);
    c.newly_isolated.truncate(limit);
    c.no_longer_isolated.truncate(limit);
    c.newly_peripheral.truncate(limit);
    c.no_longer_peripheral.truncate(limit);
    c.cut_points_gained.truncate(limit);
    c.cut_points_lost.truncate(limit);
    c.bridges_gained.truncate(limit);
    c.bridges_lost.truncate(limit);
    cut_communities(&mut c.communities, limit);
    ChangesAnswer {
        revision,
        from,
        to,
        figures_from: f1,
        figures_to: f2,
        counts,
        changes: c,
        suggestions_became_ties: followed,
        sentences,
    }
}

/// Each list of `c` cut to `limit`, and the communities of each year to those the kept
/// lists name.
fn cut_communities(c: &mut time::CommunityChanges, limit: usize) {
    c.continued.truncate(limit);
    c.merged.truncate(limit);
    c.split.truncate(limit);
    c.appeared.truncate(limit);
    c.dissolved.truncate(limit);
    c.started_talking.truncate(limit);
    c.stopped_talking.truncate(limit);
    let mut named_from = std::collections::BTreeSet::new();
    let mut named_to = std::collections::BTreeSet::new();
    for k in &c.continued {
        named_from.insert(k.from);
        named_to.insert(k.to);
    }
    for r in c.merged.iter().chain(&c.split) {
        named_from.extend(&r.from);
        named_to.extend(&r.to);
    }
    named_to.extend(&c.appeared);
    named_from.extend(&c.dissolved);
    for p in c.started_talking.iter().chain(&c.stopped_talking) {
        named_from.extend([p.from.0, p.from.1]);
        named_to.extend([p.to.0, p.to.1]);
    }
    c.from.retain(|x| named_from.contains(&x.id));
    c.to.retain(|x| named_to.contains(&x.id));
}

/// The sentences about the communities: merged, split, appeared, dissolved, pairs that
/// started and stopped working together.
fn community_sentences(
    c: &time::CommunityChanges,
    from: i32,
    to: i32,
    lang: Lang,
) -> Vec<ChangeText> {
    let label = |list: &[time::YearCommunity], id: u32| {
        let theme = list.iter().find(|x| x.id == id).map(|x| &x.theme);
        crate::i18n::catalogue::community_in_words(theme, id, lang)
    };
    let (before, after) = (|id: u32| label(&c.from, id), |id: u32| label(&c.to, id));
    let mut out = Vec::new();
    for m in c.merged.iter().take(SENTENCES_PER_KIND) {
        out.push(ChangeText::CommunitiesMerged {
            to,
            names: m.from.iter().map(|&x| before(x)).collect(),
            into: m.to.first().map(|&x| after(x)).unwrap_or_default(),
        });
    }
    for s in c.split.iter().take(SENTENCES_PER_KIND) {
        out.push(ChangeText::CommunitySplit {
            to,
            name: s.from.first().map(|&x| before(x)).unwrap_or_default(),
            into: s.to.iter().map(|&x| after(x)).collect(),
        });
    }
    if !c.appeared.is_empty() {
        out.push(ChangeText::CommunitiesAppeared {
            to,
            names: first(&c.appeared, |&x| after(x)),
            count: c.appeared.len(),
        });
    }
    if !c.dissolved.is_empty() {
        out.push(ChangeText::CommunitiesDissolved {
            from,
            to,
            names: first(&c.dissolved, |&x| before(x)),
            count: c.dissolved.len(),
        });
    }
    if !c.started_talking.is_empty() {
        out.push(ChangeText::CommunitiesStartedTalking {
            from,
            to,
            pairs: first(&c.started_talking, |p| (after(p.to.0), after(p.to.1))),
            count: c.started_talking.len(),
        });
    }
    if !c.stopped_talking.is_empty() {
        out.push(ChangeText::CommunitiesStoppedTalking {
            from,
            to,
            pairs: first(&c.stopped_talking, |p| (before(p.from.0), before(p.from.1))),
            count: c.stopped_talking.len(),
        });
    }
    out
}

/// The sentences a planner reads first: growth, ties formed and ended, who is no longer (or
/// newly) isolated, new and lost cut points, bridges, periphery, global efficiency, the
/// communities.
fn sentences(
    data: &NetworkData,
    c: &Changes,
    f1: &YearFigures,
    f2: &YearFigures,
    counts: &ChangeCounts,
    lang: Lang,
) -> Vec<ChangeText> {
    let names: HashMap<&str, &str> = data
        .organizations
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let name = |id: &str| names.get(id).map_or(id, |n| *n).to_owned();
    let mut out = vec![ChangeText::Growth {
        from: c.from,
        to: c.to,
        organizations: (f1.organizations, f2.organizations),
        pairs: (f1.tied_pairs, f2.tied_pairs),
        largest: (f1.largest_component_share, f2.largest_component_share),
    }];
    let nothing = counts.ties_formed
        + counts.ties_ended
        + counts.strengthened
        + counts.weakened
        + counts.joined
        + counts.left
        == 0;
    if nothing {
        out.push(ChangeText::Nothing {
            from: c.from,
            to: c.to,
        });
        return out;
    }
    out.push(ChangeText::FormedEnded {
        from: c.from,
        to: c.to,
        formed: counts.ties_formed,
        ended: counts.ties_ended,
    });
    let later = time::at_year(data, c.to);
    let mut partners: HashMap<&str, Vec<&str>> = HashMap::new();
    for t in &later.ties {
        partners.entry(&t.source).or_default().push(&t.target);
        partners.entry(&t.target).or_default().push(&t.source);
    }
    for ps in partners.values_mut() {
        ps.sort_unstable();
        ps.dedup();
    }
    for id in c.no_longer_isolated.iter().take(SENTENCES_PER_KIND) {
        let ps = partners.get(id.as_str()).cloned().unwrap_or_default();
        out.push(ChangeText::NoLongerIsolated {
            name: name(id),
            to: c.to,
            partners: ps
                .iter()
                .take(NAMES_IN_A_SENTENCE)
                .map(|p| name(p))
                .collect(),
            count: ps.len(),
        });
    }
    for id in c.newly_isolated.iter().take(SENTENCES_PER_KIND) {
        out.push(ChangeText::NewlyIsolated {
            name: name(id),
            to: c.to,
        });
    }
    let mut gained = c.cut_points_gained.clone();
    gained.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (id, cut_off) in gained.iter().take(SENTENCES_PER_KIND) {
        out.push(ChangeText::CutPointGained {
            name: name(id),
            cut_off: *cut_off,
        });
    }
    if !c.cut_points_lost.is_empty() {
        out.push(ChangeText::CutPointsLost {
            names: first(&c.cut_points_lost, |id| name(id)),
            count: c.cut_points_lost.len(),
        });
    }
    if counts.bridges_gained + counts.bridges_lost > 0 {
        out.push(ChangeText::Bridges {
            gained: counts.bridges_gained,
            lost: counts.bridges_lost,
        });
    }
    if counts.newly_peripheral + counts.no_longer_peripheral > 0 {
        out.push(ChangeText::Periphery {
            newly: counts.newly_peripheral,
            no_longer: counts.no_longer_peripheral,
        });
    }
    out.push(ChangeText::Efficiency {
        from: c.from,
        to: c.to,
        before: f1.global_efficiency,
        after: f2.global_efficiency,
    });
    out.extend(community_sentences(&c.communities, c.from, c.to, lang));
    out
}

/// The whole-network figures of a [`YearFigures`] a reader compares year by year, by field
/// name, in the order a timeline shows them (their words:
/// [`crate::i18n::catalogue::time::figure_name`]).
pub const FIGURES: [&str; 11] = [
    "organizations",
    "tied_organizations",
    "tied_pairs",
    "density",
    "components",
    "largest_component_share",
    "average_distance",
    "global_efficiency",
    "clustering",
    "modularity",
    "degree_centralization",
];

/// The timeline: the figures of every year from `from` to `to`.
pub fn timeline(data: &NetworkData, from: i32, to: i32) -> Vec<YearFigures> {
    time::timeline(data, from, to, &SummaryOptions::default())
}

/// The columns of the timeline as CSV.
pub fn timeline_csv(rows: &[YearFigures]) -> Vec<u8> {
    let opt = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "year",
        "organizations",
        "tied_organizations",
        "tied_pairs",
        "density",
        "components",
        "largest_component_share",
        "average_distance",
        "global_efficiency",
        "clustering",
        "modularity",
        "communities",
        "degree_centralization",
        "paths",
    ]);
    for r in rows {
        let _ = w.write_record([
            r.year.to_string(),
            r.organizations.to_string(),
            r.tied_organizations.to_string(),
            r.tied_pairs.to_string(),
            r.density.to_string(),
            r.components.to_string(),
            r.largest_component_share.to_string(),
            opt(r.average_distance),
            r.global_efficiency.to_string(),
            r.clustering.to_string(),
            r.modularity.to_string(),
            r.communities.to_string(),
            opt(r.degree_centralization),
            match r.paths {
                puentes_analysis::summary::PathMethod::Exact => "exact".to_owned(),
                puentes_analysis::summary::PathMethod::Sampled { sources, .. } => {
                    format!("sampled from {sources} sources")
                }
            },
        ]);
    }
    w.into_inner().unwrap_or_default()
}
