//! Tests of the revision context.

use super::queue::*;
use super::*;
use crate::i18n::Lang;
use crate::map::{MapError, View};
use crate::metrics::Metric;
use crate::report::CommunityParams;
use crate::store::Snapshot;
use crate::store::{Batch, MemoryStore};
use std::collections::HashSet;

/// An export is rendered once per revision, format and access: every client is sent the same
/// bytes (issue 24: 100 clients of a 120 MB GraphML held 100 copies).
#[tokio::test]
async fn exports_are_rendered_once_and_shared() {
    use crate::export::ExportFormat;
    let data = crate::cli::builtin_fixture().expect("fixture");
    let ctx = Revision::detached(1, Arc::new(data));
    let a = ctx
        .export(ExportFormat::Graphml, false)
        .await
        .expect("export");
    let b = ctx
        .export(ExportFormat::Graphml, false)
        .await
        .expect("export");
    assert_eq!(a.as_ptr(), b.as_ptr(), "one copy");
    let restricted = ctx
        .export(ExportFormat::Graphml, true)
        .await
        .expect("export");
    assert_ne!(a, restricted, "restricted fields make another file");
    assert!(String::from_utf8_lossy(&a).starts_with("<?xml"));
}

/// A timeline and a comparison of two years are computed once per revision and parameters:
/// the page asks for them at every redraw.
#[tokio::test]
async fn timelines_and_changes_are_computed_once_per_revision() {
    let data = crate::cli::builtin_fixture().expect("fixture");
    let ctx = Revision::detached(1, Arc::new(data));
    let a = ctx.timeline(2015, 2024).await.expect("timeline");
    let b = ctx.timeline(2015, 2024).await.expect("timeline");
    assert!(Arc::ptr_eq(&a, &b), "one timeline");
    assert_eq!(a.len(), 10);
    assert_eq!(
        *a,
        crate::time::timeline(&ctx.data, 2015, 2024),
        "the same figures as computed directly"
    );
    let c = ctx
        .changes(2020, 2024, Lang::Es, 50)
        .await
        .expect("changes");
    let d = ctx
        .changes(2020, 2024, Lang::Es, 50)
        .await
        .expect("changes");
    assert!(Arc::ptr_eq(&c, &d), "one comparison");
    let en = ctx
        .changes(2020, 2024, Lang::En, 50)
        .await
        .expect("changes");
    assert!(!Arc::ptr_eq(&c, &en), "another language, another answer");
    assert_eq!(c.counts.ties_formed, 87);
    assert_eq!(ctx.timelines.len(), 1);
    assert_eq!(ctx.changes.len(), 2);
}

#[tokio::test]
async fn the_revisions_distance_totals_serve_closeness_harmonic_and_the_periphery() {
    use puentes_analysis::centrality::{closeness, harmonic, Weighting};
    let data = crate::cli::builtin_fixture().expect("fixture");
    let ctx = Revision::detached(1, Arc::new(data));
    let table = ctx
        .metrics(&[Metric::Closeness, Metric::Harmonic], false)
        .await
        .expect("metrics");
    let gaps = ctx.gaps().await.expect("gaps");
    let net = ctx.network().await.expect("network");
    let d = ctx.distances().await.expect("distances");
    assert_eq!(d.node_count(), 120);
    // The same numbers as a search of their own.
    let own = |v: Vec<f64>| v.into_iter().map(Some).collect::<Vec<_>>();
    let close = closeness(&net, Weighting::Unweighted).expect("closeness");
    assert_eq!(table.column(Metric::Closeness), Some(&own(close)[..]));
    let harm = harmonic(&net, Weighting::Unweighted).expect("harmonic");
    assert_eq!(table.column(Metric::Harmonic), Some(&own(harm)[..]));
    assert_eq!(
        gaps.peripheral,
        puentes_analysis::gaps::peripheral_organizations(&net)
    );
    assert!(!gaps.peripheral.is_empty());
    // Weighted columns search on their own (distance 1/weight).
    let weighted = ctx
        .metrics(&[Metric::Closeness], true)
        .await
        .expect("weighted");
    let w = closeness(&net, Weighting::Weighted).expect("weighted closeness");
    assert_eq!(weighted.column(Metric::Closeness), Some(&own(w)[..]));
}

async fn fixture_store() -> Arc<dyn GraphStore> {
    let store = MemoryStore::ephemeral();
    let data = crate::cli::builtin_fixture().expect("fixture");
    store.apply(Batch::replace(data)).await.expect("apply");
    Arc::new(store)
}

/// A store whose snapshots wait until the test lets them go.
#[derive(Debug)]
struct SlowSnapshots {
    inner: Arc<dyn GraphStore>,
    go: Arc<tokio::sync::Semaphore>,
}

#[async_trait::async_trait]
impl GraphStore for SlowSnapshots {
    async fn snapshot(&self) -> Result<Snapshot, StoreError> {
        let _go = self.go.acquire().await.expect("open");
        self.inner.snapshot().await
    }
    async fn revision(&self) -> Result<u64, StoreError> {
        self.inner.revision().await
    }
    async fn apply(&self, batch: Batch) -> Result<u64, StoreError> {
        self.inner.apply(batch).await
    }
    async fn ping(&self) -> Result<(), StoreError> {
        self.inner.ping().await
    }
    fn backend(&self) -> &'static str {
        "slow"
    }
    async fn kept_survey(&self) -> Result<Option<crate::store::KeptSurvey>, StoreError> {
        self.inner.kept_survey().await
    }
    async fn keep_survey(&self, survey: crate::store::KeptSurvey) -> Result<(), StoreError> {
        self.inner.keep_survey(survey).await
    }
}

/// While one request reads a new revision's snapshot, the others wait at most
/// `stale_after` and are answered from the revision already known; then all move on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_snapshot_read_leaves_others_on_the_known_revision() {
    let memory = fixture_store().await;
    let go = Arc::new(tokio::sync::Semaphore::new(1));
    let store: Arc<dyn GraphStore> = Arc::new(SlowSnapshots {
        inner: Arc::clone(&memory),
        go: Arc::clone(&go),
    });
    let limits = AnalysisLimits {
        stale_after: Duration::from_millis(50),
        ..AnalysisLimits::default()
    };
    let analyses = Analyses::with_limits(Arc::clone(&store), limits);
    let known = analyses.current().await.expect("first");
    // A write, and snapshots held back.
    let mut data = (*known.data).clone();
    data.organizations.truncate(100);
    let kept: HashSet<&str> = data.organizations.iter().map(|o| o.id.as_str()).collect();
    data.ties
        .retain(|t| kept.contains(t.source.as_str()) && kept.contains(t.target.as_str()));
    store.apply(Batch::replace(data)).await.expect("apply");
    let held = go.acquire().await.expect("hold");
    let reader = {
        let analyses = analyses.clone();
        tokio::spawn(async move { analyses.current().await })
    };
    while analyses.inner.loading.try_lock().is_ok() {
        tokio::task::yield_now().await;
    }
    let other = analyses.current().await.expect("other");
    assert_eq!(
        other.revision, known.revision,
        "answered from the known revision"
    );
    drop(held);
    let new = reader.await.expect("join").expect("reader");
    assert!(new.revision > known.revision);
    assert_eq!(new.data.organizations.len(), 100);
    assert_eq!(
        analyses.current().await.expect("now").revision,
        new.revision
    );
}

/// While a new revision's analyses are being computed, readers are answered from the
/// newest warm revision after `stale_after`; once the warm-up is done, from the new
/// revision. An answer about an organization only the new revision holds reads the new
/// revision. The warm-ups "in flight" are set by hand, so nothing depends on timing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_get_the_newest_warm_revision_while_a_new_one_is_computed() {
    let store = fixture_store().await;
    let limits = AnalysisLimits {
        stale_after: Duration::from_millis(50),
        ..AnalysisLimits::default()
    };
    let analyses = Analyses::with_limits(Arc::clone(&store), limits);
    // Nothing is warm yet: readers get the current revision, warmed in the background.
    let first = analyses.for_reading().await.expect("ctx");
    first.gaps().await.expect("gaps");
    first.layout().await.expect("layout");
    assert!(first.is_warm());
    assert_eq!(
        analyses.for_reading().await.expect("ctx").revision,
        first.revision
    );
    while lock(&analyses.inner.warming).is_some() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // A write: a new organization.
    let mut data = (*first.data).clone();
    let mut new = data.organizations[0].clone();
    new.id = "nueva-sede".into();
    data.organizations.push(new);
    store.apply(Batch::replace(data)).await.expect("apply");
    let current = analyses.current().await.expect("current");
    assert!(current.revision > first.revision, "the write is current");
    // A warm-up of the new revision that has not ended: readers wait 50 ms, then get the
    // warm revision.
    *lock(&analyses.inner.warming) = Some(Arc::clone(&current));
    let read = analyses.for_reading().await.expect("ctx");
    assert_eq!(
        read.revision, first.revision,
        "answered from the warm revision"
    );
    assert_eq!(read.data.organizations.len(), 120);
    // An answer about the new organization reads the revision that holds it.
    let about = analyses.for_reading_about("nueva-sede").await.expect("ctx");
    assert_eq!(about.revision, current.revision);
    let about = analyses
        .for_reading_about("casa-quetzal-nuevo")
        .await
        .expect("ctx");
    assert_eq!(
        about.revision, first.revision,
        "a known one: the warm revision"
    );
    // A warm-up of an older revision in flight: answered at once from the warm revision.
    *lock(&analyses.inner.warming) = Some(Arc::clone(&first));
    assert_eq!(
        analyses.for_reading().await.expect("ctx").revision,
        first.revision
    );
    // No warm-up in flight: the new revision's starts, and readers move on once it ends.
    *lock(&analyses.inner.warming) = None;
    let mut read = analyses.for_reading().await.expect("ctx");
    // Polls for at most 30 s (a loaded machine); a few polls on a quiet one.
    for _ in 0..1500 {
        if read.revision == current.revision {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        read = analyses.for_reading().await.expect("ctx");
    }
    assert_eq!(
        read.revision, current.revision,
        "the new revision once warm"
    );
    assert!(read.is_warm());
    assert_eq!(read.data.organizations.len(), 121);
    // With stale_after zero, readers always get the current revision.
    let eager = Analyses::with_limits(
        Arc::clone(&store),
        AnalysisLimits {
            stale_after: Duration::ZERO,
            ..AnalysisLimits::default()
        },
    );
    let latest = eager.for_reading().await.expect("ctx");
    assert_eq!(latest.revision, current.revision);
}

/// A background warm-up takes no turn: with one turn held by a request, it still runs,
/// and requests are never refused because of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_warm_up_takes_no_turn() {
    let store = fixture_store().await;
    let analyses = Analyses::with_limits(
        store,
        AnalysisLimits {
            concurrent: 1,
            queued: 0,
            ..AnalysisLimits::default()
        },
    );
    let first = analyses.current().await.expect("ctx");
    let (release, held) = tokio::sync::oneshot::channel::<()>();
    let (running, started) = tokio::sync::oneshot::channel::<()>();
    let holder = {
        let first = Arc::clone(&first);
        tokio::spawn(async move {
            first
                .bounded(move || {
                    let _ = running.send(());
                    let _ = held.blocking_recv();
                })
                .await
        })
    };
    started.await.expect("the holder runs");
    // The only turn is taken and nothing may wait; the warm-up runs all the same.
    analyses.for_reading().await.expect("ctx");
    // Polls for at most 30 s (a loaded machine); a few polls on a quiet one.
    for _ in 0..3000 {
        if first.is_warm() && lock(&analyses.inner.warming).is_none() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(first.is_warm(), "warmed without a turn");
    assert_eq!(analyses.refused(), 0, "nobody refused because of it");
    release.send(()).expect("release");
    holder.await.expect("join").expect("held work");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cached_answers_read_no_snapshot_and_compute_once() {
    let analyses = Analyses::new(fixture_store().await);
    let calls = (0..8).map(|_| {
        let a = analyses.clone();
        tokio::spawn(async move { a.current().await.expect("ctx").summary().await })
    });
    let mut nodes = Vec::new();
    for c in calls {
        nodes.push(c.await.expect("join").expect("summary").nodes);
    }
    assert_eq!(nodes, vec![120; 8]);
    assert_eq!(analyses.snapshots(), 1, "eight requests, one snapshot");
    // network + summary, each once.
    assert_eq!(analyses.computations(), 2);
    let again = analyses.current().await.expect("ctx");
    again.summary().await.expect("summary");
    assert_eq!((analyses.snapshots(), analyses.computations()), (1, 2));
}

#[tokio::test]
async fn one_request_sees_one_revision() {
    let store = fixture_store().await;
    let analyses = Analyses::new(Arc::clone(&store));
    let ctx = analyses.current().await.expect("ctx");
    let before = ctx.revision;
    // A write lands between the first and the second analysis of one request.
    let first = ctx
        .metrics(&[Metric::Degree], false)
        .await
        .expect("metrics");
    store
        .apply(Batch::replace(crate::store::conformance::sample()))
        .await
        .expect("apply");
    let gaps = ctx.gaps().await.expect("gaps");
    let net = ctx.network().await.expect("network");
    assert_eq!(ctx.revision, before);
    assert_eq!(first.column(Metric::Degree).map(<[_]>::len), Some(120));
    assert_eq!(gaps.partition.membership.len(), 120);
    assert_eq!(net.node_count(), 120);
    // The next request sees the new revision, whole.
    let next = analyses.current().await.expect("ctx");
    assert!(next.revision > before);
    assert_eq!(next.network().await.expect("network").node_count(), 3);
    assert_eq!(
        next.gaps().await.expect("gaps").partition.membership.len(),
        3
    );
}

#[tokio::test]
async fn within_the_revision_check_only_own_writes_are_seen_at_once() {
    let store = fixture_store().await;
    let limits = AnalysisLimits {
        revision_check: Duration::from_secs(3600),
        ..AnalysisLimits::default()
    };
    let analyses = Analyses::with_limits(Arc::clone(&store), limits);
    let first = analyses.current().await.expect("ctx").revision;
    // Another writer (not through `written`): not seen within the check interval.
    store
        .apply(Batch::replace(crate::store::conformance::sample()))
        .await
        .expect("apply");
    assert_eq!(analyses.current().await.expect("ctx").revision, first);
    // Our own write: seen by the next request.
    analyses.written();
    let next = analyses.current().await.expect("ctx");
    assert_eq!(next.revision, first + 1);
    assert_eq!(next.data.organizations.len(), 3);
    // Without a check interval every request asks the store.
    let eager = Analyses::new(Arc::clone(&store));
    assert_eq!(eager.current().await.expect("ctx").revision, first + 1);
    store
        .apply(Batch::replace(crate::store::conformance::sample()))
        .await
        .expect("apply");
    assert_eq!(eager.current().await.expect("ctx").revision, first + 2);
}

#[tokio::test]
async fn a_map_view_is_drawn_once_per_view_and_language() {
    let analyses = Analyses::new(fixture_store().await);
    let ctx = analyses.current().await.expect("ctx");
    let en = ctx.map_view(View::Overview, Lang::En).await.expect("view");
    let drawn = analyses.computations();
    let again = ctx.map_view(View::Overview, Lang::En).await.expect("view");
    assert_eq!(
        analyses.computations(),
        drawn,
        "a cached view computes nothing"
    );
    assert_eq!(en, again);
    let es = ctx.map_view(View::Overview, Lang::Es).await.expect("view");
    assert_eq!(
        analyses.computations(),
        drawn + 1,
        "another language is drawn once"
    );
    let json = |v: &Result<Vec<u8>, MapError>| -> serde_json::Value {
        serde_json::from_slice(v.as_ref().expect("drawn")).expect("json")
    };
    let (en, es) = (json(&en), json(&es));
    assert_eq!(en["nodes"].as_array().map(Vec::len), Some(120));
    assert_eq!(en["nodes"], es["nodes"]);
    assert_ne!(en["legend"], es["legend"]);
    // Ego views are drawn for each request.
    let ego = View::Ego {
        id: ctx.data.organizations[0].id.clone(),
        radius: 1,
    };
    ctx.map_view(ego.clone(), Lang::En).await.expect("ego");
    ctx.map_view(ego, Lang::En).await.expect("ego");
    assert_eq!(analyses.computations(), drawn + 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flood_of_distinct_parameters_stays_bounded() {
    let analyses = Analyses::new(fixture_store().await);
    let ctx = analyses.current().await.expect("ctx");
    for seed in 0..200u64 {
        let params = CommunityParams {
            seed,
            ..CommunityParams::default()
        };
        ctx.communities(params).await.expect("communities");
        assert!(ctx.parameterized_entries() <= PARAMETERIZED_ENTRIES);
    }
    assert_eq!(ctx.parameterized_entries(), PARAMETERIZED_ENTRIES);
    // The most recent parameters are still cached: asking again computes nothing.
    let before = analyses.computations();
    ctx.communities(CommunityParams {
        seed: 199,
        ..CommunityParams::default()
    })
    .await
    .expect("communities");
    assert_eq!(analyses.computations(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_is_bounded_in_length_and_in_time() {
    let limits = Arc::new(Limits::new(AnalysisLimits {
        concurrent: 1,
        queued: 1,
        wait: Duration::from_millis(300),
        retry_after: Duration::from_secs(3),
        what_ifs: 1,
        revision_check: Duration::ZERO,
        stale_after: Duration::ZERO,
    }));
    // A computation that holds the only turn until told to finish.
    let (finish, finished) = std::sync::mpsc::channel::<()>();
    let running = {
        let limits = Arc::clone(&limits);
        tokio::spawn(async move { compute(&limits, move || finished.recv().is_ok()).await })
    };
    while limits.turns.permits.available_permits() > 0 {
        tokio::task::yield_now().await;
    }
    // The second waits in the queue, the third finds it full.
    let waiting = {
        let limits = Arc::clone(&limits);
        tokio::spawn(async move { compute(&limits, || 2).await })
    };
    while limits.turns.waiting.load(Ordering::Acquire) == 0 {
        tokio::task::yield_now().await;
    }
    let refused = compute(&limits, || 3).await;
    assert!(
        matches!(&refused, Err(AnalysisFailure::Busy { reason, retry_after })
            if *reason == BusyReason::QueueFull { running: 1, waiting: 1 }
                && *retry_after == Duration::from_secs(3)),
        "{refused:?}"
    );
    // The second waits 300 ms, then is refused too.
    let waited = waiting.await.expect("join");
    assert!(
        matches!(&waited, Err(AnalysisFailure::Busy { reason, .. })
        if *reason == BusyReason::WaitedTooLong {
            waited: Duration::from_millis(300),
            running: 1,
        }),
        "{waited:?}"
    );
    assert_eq!(
        limits.turns.waiting.load(Ordering::Acquire),
        0,
        "its place is given back"
    );
    finish.send(()).expect("send");
    assert!(matches!(running.await.expect("join"), Ok(true)));
    // Free again: the next one runs at once.
    assert!(matches!(compute(&limits, || 4).await, Ok(4)));
    assert_eq!(limits.refused.load(Ordering::Relaxed), 2);
    assert_eq!(limits.computations.load(Ordering::Relaxed), 2);
}

#[tokio::test]
async fn only_requested_columns_are_computed() {
    let analyses = Analyses::new(fixture_store().await);
    let ctx = analyses.current().await.expect("ctx");
    let t = ctx
        .metrics(&[Metric::Degree], false)
        .await
        .expect("metrics");
    assert_eq!(t.metrics, vec![Metric::Degree]);
    // network + one column.
    assert_eq!(analyses.computations(), 2);
    ctx.metrics(&[Metric::Degree, Metric::Strength], false)
        .await
        .expect("metrics");
    assert_eq!(analyses.computations(), 3);
}

/// A what-if is computed once per revision and set of ties: the same ties asked again (in
/// another order, ends swapped) compute nothing, and the network without them is measured
/// once for every what-if of the revision (issue 24: every what-if was computed afresh).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_ifs_are_cached_per_set_of_ties() {
    use puentes_analysis::suggest::what_if::ProposedTie;
    let analyses = Analyses::new(fixture_store().await);
    let ctx = analyses.current().await.expect("ctx");
    let tie = |source, target, strength| ProposedTie {
        source,
        target,
        strength,
    };
    let first = vec![tie(0, 5, 3), tie(7, 2, 1)];
    let before = analyses.computations();
    let a = ctx.what_if(first.clone()).await.expect("what-if");
    // The baseline and the network with the ties: two computations.
    assert_eq!(analyses.computations(), before + 2);
    assert_eq!(ctx.what_if_entries(), 1);
    let b = ctx
        .what_if(vec![tie(2, 7, 1), tie(5, 0, 3)])
        .await
        .expect("what-if");
    assert_eq!(analyses.computations(), before + 2, "served from the cache");
    assert!(Arc::ptr_eq(&a, &b), "the same answer");
    assert_eq!(ctx.what_if_entries(), 1);
    // Another set: one computation, the baseline is reused.
    let c = ctx.what_if(vec![tie(0, 5, 4)]).await.expect("what-if");
    assert_eq!(analyses.computations(), before + 3);
    assert_eq!(ctx.what_if_entries(), 2);
    assert_eq!(a.new_pairs + a.strengthened_pairs, 2);
    assert_eq!(c.new_pairs + c.strengthened_pairs, 1);
    // The cached answer equals a what-if of the same ties computed from scratch.
    let key = vec![tie(0, 5, 3), tie(2, 7, 1)];
    let fresh = puentes_analysis::suggest::what_if::what_if(&ctx.data, &key).expect("fresh");
    assert_eq!(*a, fresh);
    // A refusal is kept as such.
    assert!(matches!(
        ctx.what_if(vec![tie(3, 3, 1)]).await,
        Err(AnalysisFailure::Invalid(_))
    ));
    // A flood of distinct sets keeps at most PARAMETERIZED_ENTRIES answers.
    for target in 10..40 {
        ctx.what_if(vec![tie(1, target, 2)]).await.expect("what-if");
        assert!(ctx.what_if_entries() <= PARAMETERIZED_ENTRIES);
    }
}

/// Issue 24: what-ifs have a lane of their own. While the only what-if turn is taken, a new
/// what-if waits in its own queue (here none: refused as busy, naming the lane) and takes no
/// analysis turn, so other analyses still run at once; a what-if asked before is answered
/// from memory without a turn.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_ifs_cannot_take_every_analysis_turn() {
    use puentes_analysis::suggest::what_if::ProposedTie;
    let limits = AnalysisLimits {
        concurrent: 2,
        queued: 0,
        what_ifs: 1,
        ..AnalysisLimits::default()
    };
    let analyses = Analyses::with_limits(fixture_store().await, limits);
    let ctx = analyses.current().await.expect("ctx");
    let tie = |source, target| ProposedTie {
        source,
        target,
        strength: 2,
    };
    let asked = ctx.what_if(vec![tie(0, 5)]).await.expect("what-if");
    // A what-if being computed holds the lane.
    let held = ctx.limits.what_if_turn().await.expect("the what-if turn");
    let refused = ctx.what_if(vec![tie(1, 6)]).await;
    assert!(
        matches!(&refused, Err(AnalysisFailure::Busy { reason, .. })
            if *reason == BusyReason::WhatIfs { running: 1, waiting: 0 }),
        "{refused:?}"
    );
    assert_eq!(
        ctx.limits.turns.permits.available_permits(),
        2,
        "the refused what-if took no analysis turn"
    );
    let again = ctx.what_if(vec![tie(5, 0)]).await.expect("asked before");
    assert!(Arc::ptr_eq(&asked, &again));
    let before = analyses.computations();
    ctx.communities(CommunityParams {
        seed: 99,
        ..CommunityParams::default()
    })
    .await
    .expect("other analyses run");
    assert!(analyses.computations() > before, "computed, not refused");
    drop(held);
    ctx.what_if(vec![tie(1, 6)])
        .await
        .expect("the lane is free again");
}
