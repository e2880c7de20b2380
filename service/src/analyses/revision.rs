//! One revision of the network and its analyses, each a typed lazy value.

use super::cache::{Bounded, Lazy};
use super::queue::{compute, Limits};
use super::{invalid, AnalysisFailure, AnalysisLimits, EXPORT_ENTRIES, PARAMETERIZED_ENTRIES};
use crate::export::{Column, ExportFormat};
use crate::i18n::Lang;
use crate::map::{self, MapError, MapLayout, View};
use crate::metrics::{self, Metric, MetricOptions, MetricsTable, NodeTable};
use crate::paging::Window;
use crate::params::MetricSelection;
use crate::report::{self, AttributeReport, CommunityParams, CommunityReport, GapAnalysis};
use crate::store::Snapshot;
use crate::time::ChangesAnswer;
use puentes_analysis::centrality::Distances;
use puentes_analysis::model::NetworkData;
use puentes_analysis::network::{BuildOptions, Node};
use puentes_analysis::suggest::what_if::{self, Baseline, ProposedTie, WhatIf};
use puentes_analysis::suggest::{
    self, Goal, IndexOptions, SuggestError, SuggestIndex, SuggestOptions, Suggestions, TieYears,
};
use puentes_analysis::summary::{Summary, SummaryOptions};
use puentes_analysis::time::YearFigures;
use puentes_analysis::Network;
use std::sync::Arc;

/// Everything known about one revision of the network. Obtained from [`Analyses::current`](super::Analyses::current);
/// every analysis read from one `Revision` describes the same data.
#[derive(Debug)]
pub struct Revision {
    /// The store revision.
    pub revision: u64,
    /// The organizations and ties.
    pub data: Arc<NetworkData>,
    pub(super) limits: Arc<Limits>,
    pub(super) network: Lazy<Network>,
    /// The hop-distance totals from every organization: one search that the closeness and
    /// harmonic columns and the gap analysis's periphery all read.
    pub(super) distances: Lazy<Distances>,
    /// One column per metric, unweighted and weighted (`[weighted as usize][metric]`).
    pub(super) columns: [[Lazy<metrics::MetricColumn>; Metric::ALL.len()]; 2],
    pub(super) gaps: Lazy<GapAnalysis>,
    /// The gap analysis's per-organization columns (community, structural holes, brokerage).
    pub(super) position_columns: Lazy<Vec<Column>>,
    pub(super) summary: Lazy<Summary>,
    pub(super) layout: Lazy<MapLayout>,
    /// Export files as rendered, per (format, restricted fields included): one copy that
    /// every client asking for it is sent (a 120 MB GraphML is not rendered per request).
    pub(super) exports: Bounded<(ExportFormat, bool), Result<bytes::Bytes, String>>,
    pub(super) communities: Bounded<CommunityParams, CommunityReport>,
    pub(super) attributes: Bounded<(usize, u64), AttributeReport>,
    pub(super) suggest_index: Lazy<Result<SuggestIndex, String>>,
    /// The top suggestion of every peripheral organization, per goal.
    pub(super) network_suggestions: Bounded<Goal, Result<Vec<Suggestions>, String>>,
    /// Overview and community views of the map, as the JSON bytes of the answer, per view
    /// and language (ego views are drawn per request).
    pub(super) map_views: Bounded<(View, Lang), Result<Vec<u8>, MapError>>,
    /// The network without proposed ties and its measures: the half of every what-if that is
    /// the same for all of them, computed once.
    pub(super) what_if_baseline: Lazy<Baseline>,
    /// What-if answers per set of proposed ties (`what_if_key`).
    pub(super) what_ifs: Bounded<Vec<ProposedTie>, Result<Arc<WhatIf>, SuggestError>>,
    /// The networks of past years as revision contexts of their own (same store revision,
    /// same limits), for the most recently asked years.
    pub(super) years: Bounded<(Option<i32>, bool, Option<String>), Revision>,
    /// Timelines, per (first year, last year).
    pub(super) timelines: Bounded<(i32, i32), Vec<YearFigures>>,
    /// What changed, per (from, to, language, items per list).
    pub(super) changes: Bounded<(i32, i32, Lang, usize), ChangesAnswer>,
    /// The year this context is the network of (`None`: the whole network).
    pub as_of: Option<i32>,
    /// Whether this context holds only the confirmed ties (reported by both sides).
    pub confirmed: bool,
    /// The whole network's context this one is a view of ([`Revision::view`]): its map keeps
    /// the whole network's positions, so an organization stays put from year to year. Weak:
    /// the whole network owns its views, not the other way round.
    pub(super) whole: std::sync::Weak<Revision>,
    /// The tie attribute read as the tie weight (`None`: strength), see
    /// [`BuildOptions::weight`].
    pub weight: Option<String>,
    /// Woken when a background warm-up of this revision ends ([`Analyses::for_reading`](super::Analyses::for_reading)).
    pub(super) warm_done: tokio::sync::Notify,
}

impl Revision {
    pub(super) fn new(snap: Snapshot, limits: Arc<Limits>) -> Self {
        Revision {
            revision: snap.revision,
            data: snap.data,
            limits,
            network: Lazy::default(),
            distances: Lazy::default(),
            columns: Default::default(),
            gaps: Lazy::default(),
            position_columns: Lazy::default(),
            summary: Lazy::default(),
            layout: Lazy::default(),
            exports: Bounded::new(EXPORT_ENTRIES),
            communities: Bounded::new(PARAMETERIZED_ENTRIES),
            attributes: Bounded::new(PARAMETERIZED_ENTRIES),
            suggest_index: Lazy::default(),
            network_suggestions: Bounded::new(PARAMETERIZED_ENTRIES),
            map_views: Bounded::new(PARAMETERIZED_ENTRIES),
            what_if_baseline: Lazy::default(),
            what_ifs: Bounded::new(PARAMETERIZED_ENTRIES),
            years: Bounded::new(PARAMETERIZED_ENTRIES),
            timelines: Bounded::new(PARAMETERIZED_ENTRIES),
            changes: Bounded::new(PARAMETERIZED_ENTRIES),
            as_of: None,
            confirmed: false,
            whole: std::sync::Weak::new(),
            weight: None,
            warm_done: tokio::sync::Notify::new(),
        }
    }

    /// The network of `year` ([`puentes_analysis::time::at_year`]) as a revision context of
    /// its own (see [`Revision::view`]).
    pub async fn at_year(self: &Arc<Self>, year: i32) -> Result<Arc<Revision>, AnalysisFailure> {
        self.view(Some(year), false).await
    }

    /// The network of `as_of` (when given) with only its confirmed ties (when `confirmed`:
    /// [`NetworkData::confirmed_only`]) as a revision context of its own: every analysis of it
    /// is computed once, lazily, under the same limits, and the [`PARAMETERIZED_ENTRIES`]
    /// most recently asked views are kept. No year and not confirmed: a copy of this one.
    /// The view's map places every organization where the map of this context does.
    pub async fn view(
        self: &Arc<Self>,
        as_of: Option<i32>,
        confirmed: bool,
    ) -> Result<Arc<Revision>, AnalysisFailure> {
        self.view_weighted(as_of, confirmed, None).await
    }

    /// This context with the ties weighed by the tie attribute `name` (see
    /// [`BuildOptions::weight`]), as a view of its own (same year and ties).
    pub async fn weighted_by(
        self: &Arc<Self>,
        name: &str,
    ) -> Result<Arc<Revision>, AnalysisFailure> {
        self.view_weighted(None, false, Some(name.to_owned())).await
    }

    /// [`Revision::view`] of this context, its ties weighed by `weight` (or by this context's
    /// weight). The view keeps this context's year and confirmed flag when it names none.
    async fn view_weighted(
        self: &Arc<Self>,
        as_of: Option<i32>,
        confirmed: bool,
        weight: Option<String>,
    ) -> Result<Arc<Revision>, AnalysisFailure> {
        let (data, limits, revision, whole) = (
            Arc::clone(&self.data),
            Arc::clone(&self.limits),
            self.revision,
            Arc::downgrade(self),
        );
        let (own_year, own_confirmed) = (self.as_of, self.confirmed);
        let weight = weight.or_else(|| self.weight.clone());
        self.years
            .slot(&(as_of, confirmed, weight.clone()))
            .get(&self.limits, move || {
                let mut d = match as_of {
                    Some(year) => puentes_analysis::time::at_year(&data, year),
                    None => (*data).clone(),
                };
                if confirmed {
                    d = d.confirmed_only();
                }
                let mut r = Revision::new(
                    Snapshot {
                        revision,
                        data: Arc::new(d),
                    },
                    limits,
                );
                r.as_of = as_of.or(own_year);
                r.confirmed = confirmed || own_confirmed;
                r.weight = weight;
                r.whole = whole;
                r
            })
            .await
    }

    /// A context over `data` that no store backs (one-shot CLI analysis of `--input`).
    pub fn detached(revision: u64, data: Arc<NetworkData>) -> Arc<Self> {
        let limits = Arc::new(Limits::new(AnalysisLimits::default()));
        Arc::new(Revision::new(Snapshot { revision, data }, limits))
    }

    /// The compact analysis graph.
    pub async fn network(&self) -> Result<Arc<Network>, AnalysisFailure> {
        let data = Arc::clone(&self.data);
        let weight = self.weight.clone();
        self.network
            .get(&self.limits, move || {
                let options = BuildOptions {
                    weight: weight.as_deref(),
                    ..BuildOptions::default()
                };
                Network::build(&data, options)
            })
            .await
    }

    /// The table of `chosen` metrics; only those columns are computed (each once).
    pub async fn metrics(
        &self,
        chosen: &[Metric],
        weighted: bool,
    ) -> Result<MetricsTable, AnalysisFailure> {
        let net = self.network().await?;
        let opts = MetricOptions {
            weighted,
            ..MetricOptions::default()
        };
        // One column after another: each kernel already uses every core (rayon).
        let mut columns = Vec::with_capacity(chosen.len());
        for &m in chosen {
            let net = Arc::clone(&net);
            let slot = &self.columns[usize::from(weighted)][m.index()];
            let distances = if metrics::reads_distances(m, opts) && !slot.0.initialized() {
                Some(self.distances().await?)
            } else {
                None
            };
            columns.push(
                slot.get(&self.limits, move || {
                    metrics::column(&net, m, opts, distances.as_deref())
                })
                .await?,
            );
        }
        Ok(MetricsTable::from_columns(chosen, columns))
    }

    /// The node table of `window` (see [`metrics::node_table`]): the selected metrics (and
    /// `sort`'s) computed, the gap analysis's position columns only when a group is selected.
    pub async fn node_table(
        &self,
        selection: &MetricSelection,
        weighted: bool,
        sort: Option<Metric>,
        window: Window,
    ) -> Result<NodeTable, AnalysisFailure> {
        let mut needed = selection.metrics.clone();
        needed.extend(sort.filter(|m| !selection.metrics.contains(m)));
        let table = self.metrics(&needed, weighted).await?;
        let positions = if selection.groups.is_empty() {
            None
        } else {
            Some(self.position_columns().await?)
        };
        Ok(metrics::node_table(
            &self.data,
            &table,
            positions.as_deref().map(Vec::as_slice),
            selection,
            sort,
            window,
        ))
    }

    /// The gap analysis (periphery, cut points, structural holes, brokerage, community and
    /// service gaps).
    pub async fn gaps(&self) -> Result<Arc<GapAnalysis>, AnalysisFailure> {
        let net = self.network().await?;
        let distances = if self.gaps.0.initialized() {
            None
        } else {
            Some(self.distances().await?)
        };
        self.gaps
            .get(&self.limits, move || {
                let distances = distances.expect("read above, as the gap analysis was not made");
                report::gap_analysis_with(&net, &distances)
            })
            .await
    }

    /// The hop-distance totals from every organization (one bit-parallel search), shared by
    /// the closeness and harmonic columns and the gap analysis's periphery.
    pub async fn distances(&self) -> Result<Arc<Distances>, AnalysisFailure> {
        let net = self.network().await?;
        self.distances
            .get(&self.limits, move || Distances::of(&net))
            .await
    }

    /// The whole-network summary.
    pub async fn summary(&self) -> Result<Arc<Summary>, AnalysisFailure> {
        let net = self.network().await?;
        self.summary
            .get(&self.limits, move || {
                puentes_analysis::summary::summary(&net, &SummaryOptions::default())
            })
            .await
    }

    /// The per-organization columns of the gap analysis (community, its label, structural
    /// holes, brokerage roles), every organization, built once per revision.
    pub async fn position_columns(&self) -> Result<Arc<Vec<Column>>, AnalysisFailure> {
        let gaps = self.gaps().await?;
        self.position_columns
            .get(&self.limits, move || report::position_columns(&gaps))
            .await
    }

    /// The map's layout: every organization placed, the community overview and each
    /// community's own layout (see [`crate::map`]). A view of a year (or of the confirmed
    /// ties) places each organization where the whole network's map does
    /// ([`MapLayout::pinned`]).
    pub async fn layout(&self) -> Result<Arc<MapLayout>, AnalysisFailure> {
        if let Some(done) = self.layout.0.get() {
            return Ok(Arc::clone(done));
        }
        let net = self.network().await?;
        let gaps = self.gaps().await?;
        let whole = match self.whole.upgrade() {
            // Boxed: a view of a view reads its own whole network's layout, and so on.
            Some(w) => Some((w.network().await?, Box::pin(w.layout()).await?)),
            None => None,
        };
        let data = Arc::clone(&self.data);
        self.layout
            .get(&self.limits, move || {
                match whole {
                    Some((whole_net, whole_layout)) => {
                        MapLayout::pinned(&net, &gaps, &whole_net, &whole_layout)
                    }
                    None => MapLayout::new(&net, &gaps),
                }
                .with_ties(&net, &data)
            })
            .await
    }

    /// Communities with `params` (kept for the [`PARAMETERIZED_ENTRIES`] most recently used
    /// parameter sets).
    pub async fn communities(
        &self,
        params: CommunityParams,
    ) -> Result<Arc<CommunityReport>, AnalysisFailure> {
        let net = self.network().await?;
        self.communities
            .slot(&params)
            .get(&self.limits, move || report::communities(&net, params))
            .await
    }

    /// Attribute analytics with `permutations` E-I permutations and `seed` (kept for the
    /// [`PARAMETERIZED_ENTRIES`] most recently used parameter pairs).
    pub async fn attributes(
        &self,
        permutations: usize,
        seed: u64,
    ) -> Result<Arc<AttributeReport>, AnalysisFailure> {
        let net = self.network().await?;
        let table = Arc::new(self.metrics(&Metric::ALL, false).await?);
        let gaps = self.gaps().await?;
        self.attributes
            .slot(&(permutations, seed))
            .get(&self.limits, move || {
                report::attribute_report(&net, &table, &gaps, permutations, seed)
            })
            .await
    }

    /// An export file of this revision with every attribute, metric and position column;
    /// restricted fields only when `restricted` is true.
    pub async fn export(
        &self,
        format: ExportFormat,
        restricted: bool,
    ) -> Result<bytes::Bytes, AnalysisFailure> {
        let slot = self.exports.slot(&(format, restricted));
        if let Some(done) = slot.0.get() {
            return done.as_ref().clone().map_err(AnalysisFailure::Task);
        }
        let net = self.network().await?;
        let table = self.metrics(&Metric::ALL, false).await?;
        let gaps = self.gaps().await?;
        let positions = self.position_columns().await?;
        let layout = match format {
            ExportFormat::Gexf => Some(self.layout().await?),
            _ => None,
        };
        let data = Arc::clone(&self.data);
        slot.get(&self.limits, move || {
            let every: Vec<usize> = (0..data.organizations.len()).collect();
            let extra = metrics::selected_columns(
                &table,
                Some(&positions),
                &MetricSelection::default(),
                &every,
            );
            let viz = layout.map(|l| l.viz(&gaps));
            crate::export::render(format, &data, &net, extra, restricted, viz.as_deref())
                .map(bytes::Bytes::from)
                .map_err(|e| format!("rendering the {format:?} export: {e}"))
        })
        .await?
        .as_ref()
        .clone()
        .map_err(AnalysisFailure::Task)
    }

    /// The suggestion engine's per-revision index: communities from the gap analysis's
    /// partition, tie years from the data.
    pub(super) async fn suggest_index(
        &self,
    ) -> Result<Arc<Result<SuggestIndex, String>>, AnalysisFailure> {
        let net = self.network().await?;
        let gaps = self.gaps().await?;
        let data = Arc::clone(&self.data);
        self.suggest_index
            .get(&self.limits, move || {
                let years = TieYears::from_data(&net, &data, BuildOptions::default());
                let options = IndexOptions {
                    membership: Some(gaps.partition.membership.clone()),
                    years: Some(years),
                    ..IndexOptions::default()
                };
                SuggestIndex::new(&net, options).map_err(|e| e.to_string())
            })
            .await
    }

    /// New partners for organization `v` (see [`puentes_analysis::suggest`]).
    pub async fn suggestions(
        &self,
        v: Node,
        options: SuggestOptions,
    ) -> Result<Suggestions, AnalysisFailure> {
        let net = self.network().await?;
        let index = self.suggest_index().await?;
        compute(&self.limits, move || {
            let index = index
                .as_ref()
                .as_ref()
                .map_err(|e| AnalysisFailure::Task(e.clone()))?;
            suggest::suggest(&net, index, v, &options).map_err(|e| invalid(&e))
        })
        .await?
    }

    /// The top suggestion under `goal` of every peripheral organization, most severe first,
    /// spread so that no organization is suggested to more than
    /// [`suggest::DEFAULT_SPREAD_CAP`] of them ([`suggest::suggest_spread`]; kept for the
    /// [`PARAMETERIZED_ENTRIES`] most recently used goals).
    pub async fn network_suggestions(
        &self,
        goal: Goal,
    ) -> Result<Arc<Result<Vec<Suggestions>, String>>, AnalysisFailure> {
        let net = self.network().await?;
        let gaps = self.gaps().await?;
        let index = self.suggest_index().await?;
        self.network_suggestions
            .slot(&goal)
            .get(&self.limits, move || {
                let index = index.as_ref().as_ref().map_err(Clone::clone)?;
                let nodes: Vec<Node> = gaps.peripheral.iter().map(|p| p.node).collect();
                let options = SuggestOptions {
                    goal,
                    limit: 1,
                    ..SuggestOptions::default()
                };
                // Spread: no organization is everyone's introduction.
                let cap = suggest::DEFAULT_SPREAD_CAP;
                suggest::suggest_spread(&net, index, &nodes, &options, cap)
                    .map_err(|e| e.to_string())
            })
            .await
    }

    /// A view of the map in `lang`, serialized as JSON. Overview and community views only read
    /// the revision's layout and are kept (for the [`PARAMETERIZED_ENTRIES`] most recently
    /// used views and languages), so a repeated request costs a copy of the bytes; an ego view
    /// runs a capped layout of its own and is drawn for each request, under the same bound as
    /// every analysis.
    pub async fn map_view(
        &self,
        view: View,
        lang: Lang,
    ) -> Result<Arc<Result<Vec<u8>, MapError>>, AnalysisFailure> {
        let (net, gaps, layout) = (
            self.network().await?,
            self.gaps().await?,
            self.layout().await?,
        );
        let (revision, as_of, confirmed) = (self.revision, self.as_of, self.confirmed);
        // The years of the whole network, whichever year this context is.
        let years = match self.whole.upgrade() {
            Some(whole) => puentes_analysis::time::span(&whole.data),
            None => puentes_analysis::time::span(&self.data),
        };
        // A neighbourhood in a view of the network (a year, the confirmed ties) is drawn where
        // the same neighbourhood of the whole network puts its organizations (the overview and
        // community views are pinned by the view's layout already).
        let whole = match (&view, self.whole.upgrade()) {
            (View::Ego { .. }, Some(w)) => {
                Some((w.network().await?, w.gaps().await?, w.layout().await?))
            }
            _ => None,
        };
        let draw = move |view: View| {
            map::view(&net, &gaps, &layout, &view, lang, revision).map(|mut v| {
                if let Some((wn, wg, wl)) = &whole {
                    if let Ok(w) = map::view(wn, wg, wl, &view, lang, revision) {
                        v.pin_to(&w);
                    }
                }
                v.name_the_network(as_of, confirmed, years);
                serde_json::to_vec(&v).expect("a map view serializes (plain data, string keys)")
            })
        };
        match view {
            View::Ego { .. } => compute(&self.limits, move || draw(view))
                .await
                .map(Arc::new),
            View::Overview | View::Community(_) => {
                let key = (view.clone(), lang);
                self.map_views
                    .slot(&key)
                    .get(&self.limits, move || draw(view))
                    .await
            }
        }
    }

    /// The whole-network figures of every year from `from` to `to`
    /// ([`crate::time::timeline`]), computed once per revision and pair of years.
    pub async fn timeline(
        &self,
        from: i32,
        to: i32,
    ) -> Result<Arc<Vec<YearFigures>>, AnalysisFailure> {
        let data = Arc::clone(&self.data);
        self.timelines
            .slot(&(from, to))
            .get(&self.limits, move || crate::time::timeline(&data, from, to))
            .await
    }

    /// What changed from `from` to `to` ([`crate::time::changes`]), in `lang`, each list cut
    /// to `limit`: computed once per revision and set of parameters.
    pub async fn changes(
        &self,
        from: i32,
        to: i32,
        lang: Lang,
        limit: usize,
    ) -> Result<Arc<ChangesAnswer>, AnalysisFailure> {
        let (data, revision) = (Arc::clone(&self.data), self.revision);
        self.changes
            .slot(&(from, to, lang, limit))
            .get(&self.limits, move || {
                crate::time::changes(&data, revision, from, to, lang, limit)
            })
            .await
    }

    /// What the `proposed` ties would change (see [`puentes_analysis::suggest::what_if`]).
    ///
    /// The network without them is measured once per revision ([`Baseline`]), so a what-if
    /// costs the measures of the network with the ties only; and the answer is kept per set
    /// of ties (the same ties in any order, either end first, are one set) for the
    /// [`PARAMETERIZED_ENTRIES`] most recently asked sets, so asking again computes nothing.
    /// A refusal (a self-tie, a strength outside 1-5) is kept too: it costs nothing to say
    /// again. A set not asked before first waits for one of the few what-if turns
    /// ([`AnalysisLimits::what_ifs`](super::AnalysisLimits::what_ifs)), then for an analysis
    /// turn like every computation.
    pub async fn what_if(
        &self,
        proposed: Vec<ProposedTie>,
    ) -> Result<Arc<WhatIf>, AnalysisFailure> {
        let key = what_if_key(proposed);
        let slot = self.what_ifs.slot(&key);
        let answer = match slot.0.get() {
            Some(done) => Arc::clone(done),
            None => {
                // One of the few what-if turns first (a what-if asked before needs none).
                let _turn = self.limits.what_if_turn().await?;
                let data = Arc::clone(&self.data);
                let baseline = self
                    .what_if_baseline
                    .get(&self.limits, move || Baseline::of(&data))
                    .await?;
                let data = Arc::clone(&self.data);
                slot.get(&self.limits, move || {
                    what_if::what_if_from(&data, &baseline, &key).map(Arc::new)
                })
                .await?
            }
        };
        match answer.as_ref() {
            Ok(w) => Ok(Arc::clone(w)),
            Err(e) => Err(invalid(e)),
        }
    }

    /// What-if answers held now (tests of the cache).
    pub fn what_if_entries(&self) -> usize {
        self.what_ifs.len()
    }

    /// Runs `f`, work done for one request and not kept (a map's ego view), on the blocking
    /// pool under the same bound as every analysis ([`AnalysisLimits`]): it waits for a turn
    /// in the bounded queue, or is refused with [`AnalysisFailure::Busy`].
    pub async fn bounded<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AnalysisFailure> {
        compute(&self.limits, f).await
    }

    /// Parameterized results held now (tests of the bound).
    pub fn parameterized_entries(&self) -> usize {
        self.communities.len()
            + self.attributes.len()
            + self.network_suggestions.len()
            + self.map_views.len()
            + self.what_ifs.len()
    }
}

/// The key of a what-if answer: each tie with its ends in ascending order, the ties sorted.
/// Neither the order of the ties nor which end is named first changes the answer (ties are
/// undirected and their strengths add up), so they are one entry of the cache.
fn what_if_key(mut ties: Vec<ProposedTie>) -> Vec<ProposedTie> {
    for t in &mut ties {
        if t.target < t.source {
            std::mem::swap(&mut t.source, &mut t.target);
        }
    }
    ties.sort_by_key(|t| (t.source, t.target, t.strength));
    ties
}
