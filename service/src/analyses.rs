//! The revision context: everything Puentes knows about one revision of the network, each
//! analysis computed at most once, only when something asks for it.
//!
//! ```text
//! store ──revision()──▶ Analyses ──(same revision: cached)──▶ Arc<Revision>
//!                          │ (new revision: one snapshot())         │ lazily, once each:
//!                          ▼                                        ├─ network  (compact graph)
//!                    Revision { revision, data }                    ├─ metric columns (per metric)
//!                                                                   ├─ gap analysis, summary
//!                                                                   └─ communities, attribute
//!                                                                      analytics (per parameters,
//!                                                                      least recently used goes)
//! ```
//!
//! # Why this shape
//! - **One revision read per request.** [`Analyses::current`] asks the store for its revision
//!   (one small query on Neo4j) and hands out the cached [`Revision`] when it matches; only a new
//!   revision costs a [`GraphStore::snapshot`], and concurrent requests that find a new revision
//!   share one snapshot.
//! - **One revision per answer.** A handler takes one `Arc<Revision>` and reads every analysis
//!   from it, so an answer that combines analyses (metrics with community columns, the profile,
//!   the export) can never mix two revisions.
//! - **Typed, lazy, single-flight.** Each analysis is a `OnceCell` of its own type: the first
//!   caller computes it on the blocking pool (never on an async worker), concurrent callers wait
//!   for that one computation, errors are not cached.
//! - **Bounded.** Results that depend on request parameters (seed, resolution, permutations)
//!   live in small least-recently-used tables ([`PARAMETERIZED_ENTRIES`] each), and at most
//!   [`CONCURRENT_COMPUTATIONS`] computations run at once, so a flood of distinct parameter
//!   values costs bounded memory (regression test `flood_of_distinct_parameters_stays_bounded`).
//!   Computations waiting for a turn are bounded too ([`AnalysisLimits`]: at most
//!   [`QUEUED_COMPUTATIONS`], each for at most [`QUEUE_WAIT`]); beyond that a request is refused
//!   at once with [`AnalysisFailure::Busy`] (503 with `Retry-After`), so a flood of distinct
//!   heavy requests costs bounded memory and tasks instead of an ever longer queue.
//!
//! HTTP handlers and CLI commands both read analyses through this module and only convert
//! requests and answers.

use crate::export::{Column, ExportFormat};
use crate::i18n::{BusyReason, Lang, Refusal};
use crate::map::{self, MapError, MapLayout, View};
use crate::metrics::{self, Metric, MetricOptions, MetricsTable, NodeTable};
use crate::paging::Window;
use crate::params::MetricSelection;
use crate::report::{self, AttributeReport, CommunityParams, CommunityReport, GapAnalysis};
use crate::store::{GraphStore, Snapshot, StoreError};
use puentes_analysis::centrality::Distances;
use puentes_analysis::model::NetworkData;
use puentes_analysis::network::{BuildOptions, Node};
use puentes_analysis::suggest::what_if::{ProposedTie, WhatIf};
use puentes_analysis::suggest::{
    self, Goal, IndexOptions, SuggestError, SuggestIndex, SuggestOptions, Suggestions, TieYears,
};
use puentes_analysis::summary::{Summary, SummaryOptions};
use puentes_analysis::Network;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{OnceCell, Semaphore};

/// Results kept per parameterized analysis (communities, attribute analytics) and revision.
pub const PARAMETERIZED_ENTRIES: usize = 16;
/// Analyses computed at the same time, across all requests (each may use every core).
pub const CONCURRENT_COMPUTATIONS: usize = 4;
/// Computations that may wait for a turn at once (default); one more is refused as busy.
pub const QUEUED_COMPUTATIONS: usize = 32;
/// Longest a computation waits for a turn (default) before it is refused as busy.
pub const QUEUE_WAIT: Duration = Duration::from_secs(30);
/// What a busy answer tells the client to wait before retrying (default, `Retry-After`).
pub const BUSY_RETRY_AFTER: Duration = Duration::from_secs(5);

/// Why an analysis could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisFailure {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The request's parameters are not allowed (the refusal says what is).
    #[error("{}", .0.render(crate::i18n::current()))]
    Invalid(Refusal),
    /// The computation panicked or was cancelled (a bug; logged).
    #[error("analysis task failed: {0}")]
    Task(String),
    /// Too many computations are running and waiting: nothing was computed; retry later.
    #[error("the server is busy: {reason:?}; retry in {} s", retry_after.as_secs())]
    Busy {
        /// Why: how many run and wait, or how long this one waited.
        reason: BusyReason,
        /// How long the client should wait before retrying.
        retry_after: Duration,
    },
}

impl From<tokio::task::JoinError> for AnalysisFailure {
    fn from(e: tokio::task::JoinError) -> Self {
        AnalysisFailure::Task(e.to_string())
    }
}

/// Hands out the [`Revision`] of the store's current revision. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Analyses {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Arc<dyn GraphStore>,
    current: Mutex<Option<Arc<Revision>>>,
    /// Serializes snapshot reads, so concurrent requests at a new revision read it once.
    loading: tokio::sync::Mutex<()>,
    /// The last revision read from the store and when ([`AnalysisLimits::revision_check`]).
    checked: Mutex<Option<(u64, Instant)>>,
    limits: Arc<Limits>,
    /// The newest revision whose common analyses are computed ([`Revision::is_warm`]).
    warm: Mutex<Option<Arc<Revision>>>,
    /// The revision a background warm-up computes now ([`Analyses::for_reading`]); one at a
    /// time.
    warming: Mutex<Option<Arc<Revision>>>,
}

/// How much analysis work runs and waits at once. A computation that finds every one of the
/// `concurrent` turns taken waits for one, unless `queued` computations already wait (then it
/// is refused at once); it waits at most `wait` (then it is refused). A refusal is
/// [`AnalysisFailure::Busy`], which tells the client to retry after `retry_after`.
///
/// Requests that ask for a value already being computed (the same analysis of the same
/// revision) wait for that computation and take no place in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalysisLimits {
    /// Computations running at once (at least 1).
    pub concurrent: usize,
    /// Computations waiting for a turn at once; 0: none waits, a computation runs at once or
    /// is refused.
    pub queued: usize,
    /// Longest a computation waits for a turn.
    pub wait: Duration,
    /// The `Retry-After` of a refusal.
    pub retry_after: Duration,
    /// How long a revision read stays good: within this time after a read, requests reuse the
    /// known revision without asking the store again. Zero (the default): every request asks
    /// (free on the embedded store, one small query on Neo4j). Writes made through these
    /// analyses' owner ([`Analyses::written`]) are seen at once; writes by another process
    /// (another replica over the same Neo4j database) are seen within this time.
    pub revision_check: Duration,
    /// How long a request for analyses ([`Analyses::for_reading`]) waits for a newer
    /// revision's analyses to be computed before it is answered from the newest revision whose
    /// analyses are ready (the answer names its revision). Zero: always wait for the newest.
    /// Default [`STALE_AFTER`].
    pub stale_after: Duration,
}

/// How long a request waits for a new revision's analyses before the newest ready revision
/// answers it (default of [`AnalysisLimits::stale_after`]).
pub const STALE_AFTER: Duration = Duration::from_secs(1);

impl Default for AnalysisLimits {
    /// [`CONCURRENT_COMPUTATIONS`] running, [`QUEUED_COMPUTATIONS`] waiting for at most
    /// [`QUEUE_WAIT`], retry after [`BUSY_RETRY_AFTER`].
    fn default() -> Self {
        AnalysisLimits {
            concurrent: CONCURRENT_COMPUTATIONS,
            queued: QUEUED_COMPUTATIONS,
            wait: QUEUE_WAIT,
            retry_after: BUSY_RETRY_AFTER,
            revision_check: Duration::ZERO,
            stale_after: STALE_AFTER,
        }
    }
}

/// Shared by every revision: the computation bound, the queue, and counters for tests.
#[derive(Debug)]
struct Limits {
    bounds: AnalysisLimits,
    permits: Semaphore,
    /// Computations waiting for a permit now.
    waiting: AtomicUsize,
    /// Computations refused as busy so far.
    refused: AtomicU64,
    computations: AtomicU64,
    snapshots: AtomicU64,
}

impl Limits {
    fn new(bounds: AnalysisLimits) -> Self {
        let bounds = AnalysisLimits {
            concurrent: bounds.concurrent.max(1),
            ..bounds
        };
        Limits {
            permits: Semaphore::new(bounds.concurrent),
            bounds,
            waiting: AtomicUsize::new(0),
            refused: AtomicU64::new(0),
            computations: AtomicU64::new(0),
            snapshots: AtomicU64::new(0),
        }
    }

    /// A refusal: counted, and worded with `reason`.
    fn busy(&self, reason: BusyReason) -> AnalysisFailure {
        self.refused.fetch_add(1, Ordering::Relaxed);
        AnalysisFailure::Busy {
            reason,
            retry_after: self.bounds.retry_after,
        }
    }
}

/// A place in the queue of [`Limits`], given back when dropped (also when the waiting request
/// is cancelled).
struct Queued<'a>(&'a AtomicUsize);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Analyses {
    /// Analyses over `store`, with the default [`AnalysisLimits`].
    pub fn new(store: Arc<dyn GraphStore>) -> Self {
        Analyses::with_limits(store, AnalysisLimits::default())
    }

    /// Analyses over `store` that run and queue at most what `limits` allow.
    pub fn with_limits(store: Arc<dyn GraphStore>, limits: AnalysisLimits) -> Self {
        Analyses {
            inner: Arc::new(Inner {
                store,
                current: Mutex::new(None),
                loading: tokio::sync::Mutex::new(()),
                checked: Mutex::new(None),
                limits: Arc::new(Limits::new(limits)),
                warm: Mutex::new(None),
                warming: Mutex::new(None),
            }),
        }
    }

    /// The store these analyses read.
    pub fn store(&self) -> &Arc<dyn GraphStore> {
        &self.inner.store
    }

    /// The context of the store's current revision: one [`GraphStore::revision`] read when it
    /// is already known, one [`GraphStore::snapshot`] (shared by concurrent callers) when not.
    /// Within [`AnalysisLimits::revision_check`] of the last read, no read at all. While
    /// another caller reads a new revision's snapshot, waits for it at most
    /// [`AnalysisLimits::stale_after`], then returns the revision already known.
    pub async fn current(&self) -> Result<Arc<Revision>, StoreError> {
        let check = self.inner.limits.bounds.revision_check;
        if !check.is_zero() {
            let recent = *lock(&self.inner.checked);
            if let Some((revision, at)) = recent {
                if at.elapsed() < check {
                    if let Some(r) = self.cached(revision) {
                        return Ok(r);
                    }
                }
            }
        }
        let asked = Instant::now();
        let revision = self.inner.store.revision().await?;
        if !check.is_zero() {
            let mut checked = lock(&self.inner.checked);
            // Keep the newest read: a slower, older read must not hide a write seen since.
            if checked.is_none_or(|(r, at)| r < revision || (r == revision && at < asked)) {
                *checked = Some((revision, asked));
            }
        }
        if let Some(r) = self.cached(revision) {
            return Ok(r);
        }
        // One snapshot read at a time. While another request reads the new revision, wait for
        // it at most `stale_after`, then answer from the known revision (a large network's
        // snapshot takes about a second to read from Neo4j).
        let _loading = match self.inner.loading.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                let stale_after = self.inner.limits.bounds.stale_after;
                let known = lock(&self.inner.current).clone();
                match known.filter(|_| !stale_after.is_zero()) {
                    Some(known) => {
                        match tokio::time::timeout(stale_after, self.inner.loading.lock()).await {
                            Ok(guard) => guard,
                            Err(_) => return Ok(known),
                        }
                    }
                    None => self.inner.loading.lock().await,
                }
            }
        };
        if let Some(r) = self.cached(revision) {
            return Ok(r);
        }
        let snap = self.inner.store.snapshot().await?;
        self.inner.limits.snapshots.fetch_add(1, Ordering::Relaxed);
        let fresh = Arc::new(Revision::new(snap, Arc::clone(&self.inner.limits)));
        let mut current = lock(&self.inner.current);
        match current.as_ref() {
            // A writer may have moved on between our read and another caller's: keep the newest.
            Some(kept) if kept.revision > fresh.revision => Ok(fresh),
            _ => {
                *current = Some(Arc::clone(&fresh));
                Ok(fresh)
            }
        }
    }

    /// The revision an analysis answer reads: the store's current one when its common
    /// analyses (network, gap analysis, map layout: [`Revision::is_warm`]) are computed;
    /// otherwise they are computed in the background (one warm-up at a time, each of the
    /// newest revision at its start) and:
    /// * if the warm-up runs for the current revision and an older revision is ready, the
    ///   request waits for it at most [`AnalysisLimits::stale_after`] (counting any wait for
    ///   the revision's snapshot in [`Analyses::current`]), then is answered from the newest
    ///   ready revision; with none ready (just after start), it reads the current revision at
    ///   once, sharing the warm-up's computations;
    /// * if it runs for an older revision (the current one comes next), the request is
    ///   answered at once from the newest ready revision, or, when none is ready yet, from the
    ///   one being warmed once it is (waiting at most [`AnalysisLimits::wait`]).
    ///
    /// Every answer carries the number of the revision it describes. So while imports follow
    /// each other faster than a large network's analyses can be computed, answers come from a
    /// revision at most one warm-up old, instead of each request waiting for (and starting)
    /// the computations of a new revision. After a single import the first readers wait up to
    /// `stale_after` for it. With `stale_after` zero this is [`Analyses::current`]. Lists of
    /// organizations and ties read [`Analyses::current`]: they need no analysis.
    pub async fn for_reading(&self) -> Result<Arc<Revision>, StoreError> {
        let asked = Instant::now();
        let newest = self.current().await?;
        if newest.is_warm() {
            self.note_warm(&newest);
            return Ok(newest);
        }
        let bounds = self.inner.limits.bounds;
        if bounds.stale_after.is_zero() {
            return Ok(newest);
        }
        let warming = self.warm_up(&newest);
        let warm = lock(&self.inner.warm)
            .clone()
            .filter(|w| w.revision < newest.revision);
        if warming.revision >= newest.revision {
            // Nothing older to answer from: no reason to wait (the request computes what it
            // needs itself, sharing the warm-up's computations).
            let Some(warm) = warm else {
                return Ok(newest);
            };
            // One budget for the whole request: time spent waiting for a snapshot counts.
            let budget = bounds.stale_after.saturating_sub(asked.elapsed());
            if newest.wait_warm(budget).await {
                self.note_warm(&newest);
                return Ok(newest);
            }
            return Ok(warm);
        }
        match warm {
            Some(warm) => Ok(warm),
            None if warming.wait_warm(bounds.wait).await => Ok(warming),
            None => Ok(newest),
        }
    }

    /// [`Analyses::for_reading`] for an answer about organization `id`: when the ready
    /// revision does not hold it (it was just imported), the current revision, whose
    /// analyses the request then waits for, so a new organization is never a 404.
    pub async fn for_reading_about(&self, id: &str) -> Result<Arc<Revision>, StoreError> {
        let ready = self.for_reading().await?;
        if ready.data.organizations.iter().any(|o| o.id == id) {
            return Ok(ready);
        }
        let current = self.current().await?;
        Ok(if current.revision > ready.revision {
            current
        } else {
            ready
        })
    }

    /// Keeps `rev` as the newest warm revision if it is newer than the one kept.
    fn note_warm(&self, rev: &Arc<Revision>) {
        let mut warm = lock(&self.inner.warm);
        if warm.as_ref().is_none_or(|w| w.revision < rev.revision) {
            *warm = Some(Arc::clone(rev));
        }
    }

    /// Computes `rev`'s common analyses in the background, unless a warm-up already runs
    /// (then, when it ends, the current revision's if it is newer and cold). The revision
    /// being warmed now.
    fn warm_up(&self, rev: &Arc<Revision>) -> Arc<Revision> {
        {
            let mut warming = lock(&self.inner.warming);
            if let Some(running) = warming.as_ref() {
                return Arc::clone(running);
            }
            *warming = Some(Arc::clone(rev));
        }
        let this = self.clone();
        let mut rev = Arc::clone(rev);
        let started = Arc::clone(&rev);
        tokio::spawn(async move {
            loop {
                WARMING_UP.scope((), rev.warm_up()).await;
                if rev.is_warm() {
                    this.note_warm(&rev);
                }
                let next = lock(&this.inner.current)
                    .clone()
                    .filter(|c| c.revision > rev.revision && !c.is_warm());
                *lock(&this.inner.warming) = next.clone();
                // Waiters look again whether it worked (a refusal as busy leaves it cold).
                rev.warm_done.notify_waiters();
                match next {
                    Some(next) => rev = next,
                    None => break,
                }
            }
        });
        started
    }

    /// Tells the analyses that their owner has just written to the store, so the next
    /// [`Analyses::current`] asks the store for its revision even within
    /// [`AnalysisLimits::revision_check`].
    pub fn written(&self) {
        *lock(&self.inner.checked) = None;
    }

    /// The cached context if it is at least `revision` (a snapshot read after the revision
    /// may already be newer).
    fn cached(&self, revision: u64) -> Option<Arc<Revision>> {
        lock(&self.inner.current)
            .as_ref()
            .filter(|r| r.revision >= revision)
            .cloned()
    }

    /// Computations run so far for requests (tests of the single-flight behaviour); a
    /// background warm-up's are not counted.
    pub fn computations(&self) -> u64 {
        self.inner.limits.computations.load(Ordering::Relaxed)
    }

    /// Snapshots read so far (tests: a cached answer reads no snapshot).
    pub fn snapshots(&self) -> u64 {
        self.inner.limits.snapshots.load(Ordering::Relaxed)
    }

    /// Computations refused as busy so far (tests of the queue bound).
    pub fn refused(&self) -> u64 {
        self.inner.limits.refused.load(Ordering::Relaxed)
    }
}

/// A suggestion request the engine refused: the caller's parameters (400).
fn invalid(e: &SuggestError) -> AnalysisFailure {
    AnalysisFailure::Invalid(Refusal::Suggest(e.clone()))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One value computed lazily, at most once, off the async threads.
#[derive(Debug)]
struct Lazy<T>(OnceCell<Arc<T>>);

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Lazy(OnceCell::new())
    }
}

impl<T: Send + Sync + 'static> Lazy<T> {
    async fn get(
        &self,
        limits: &Limits,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<Arc<T>, AnalysisFailure> {
        self.0
            .get_or_try_init(|| async { compute(limits, f).await.map(Arc::new) })
            .await
            .map(Arc::clone)
    }
}

tokio::task_local! {
    /// Set inside a background warm-up ([`Analyses::for_reading`]): its computations take no
    /// turn and no place in the queue, so a warm-up never makes a request wait or be refused.
    /// One warm-up runs at a time and computes one value after another, so at most one
    /// computation runs beyond [`AnalysisLimits::concurrent`].
    static WARMING_UP: ();
}

/// Runs `f` on the blocking pool once a computation permit is free: at once if one is, else
/// after waiting in the bounded queue of `limits` ([`AnalysisLimits`]). A full queue, or a
/// wait longer than the limit, is [`AnalysisFailure::Busy`] and `f` does not run. Inside a
/// background warm-up, at once and without a permit.
async fn compute<T: Send + 'static>(
    limits: &Limits,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AnalysisFailure> {
    if WARMING_UP.try_with(|()| ()).is_ok() {
        return Ok(tokio::task::spawn_blocking(f).await?);
    }
    let closed = |e: tokio::sync::AcquireError| AnalysisFailure::Task(e.to_string());
    let bounds = limits.bounds;
    let _permit = match limits.permits.try_acquire() {
        Ok(permit) => permit,
        Err(tokio::sync::TryAcquireError::Closed) => {
            return Err(AnalysisFailure::Task(
                "the computation permits are closed".into(),
            ))
        }
        Err(tokio::sync::TryAcquireError::NoPermits) => {
            let queued = limits
                .waiting
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                    (n < bounds.queued).then_some(n + 1)
                });
            if queued.is_err() {
                return Err(limits.busy(BusyReason::QueueFull {
                    running: bounds.concurrent,
                    waiting: bounds.queued,
                }));
            }
            let _place = Queued(&limits.waiting);
            match tokio::time::timeout(bounds.wait, limits.permits.acquire()).await {
                Ok(permit) => permit.map_err(closed)?,
                Err(_) => {
                    return Err(limits.busy(BusyReason::WaitedTooLong {
                        waited: bounds.wait,
                        running: bounds.concurrent,
                    }))
                }
            }
        }
    };
    limits.computations.fetch_add(1, Ordering::Relaxed);
    Ok(tokio::task::spawn_blocking(f).await?)
}

/// Lazily computed values keyed by parameters, at most `capacity` kept: the least recently
/// used goes first. A computation in flight when its entry is evicted still completes for its
/// waiters; the value is then dropped with the last of them.
#[derive(Debug)]
struct Bounded<K, V> {
    capacity: usize,
    entries: Mutex<Entries<K, V>>,
}

/// The entries of a [`Bounded`] table and a use counter (the "time" of each entry's last use).
#[derive(Debug)]
struct Entries<K, V> {
    clock: u64,
    items: Vec<Entry<K, V>>,
}

#[derive(Debug)]
struct Entry<K, V> {
    key: K,
    last_used: u64,
    slot: Arc<Lazy<V>>,
}

impl<K: PartialEq + Clone, V: Send + Sync + 'static> Bounded<K, V> {
    fn new(capacity: usize) -> Self {
        Bounded {
            capacity,
            entries: Mutex::new(Entries {
                clock: 0,
                items: Vec::new(),
            }),
        }
    }

    fn slot(&self, key: &K) -> Arc<Lazy<V>> {
        let mut entries = lock(&self.entries);
        entries.clock += 1;
        let now = entries.clock;
        if let Some(e) = entries.items.iter_mut().find(|e| e.key == *key) {
            e.last_used = now;
            return Arc::clone(&e.slot);
        }
        if entries.items.len() >= self.capacity {
            if let Some(oldest) =
                (0..entries.items.len()).min_by_key(|&i| entries.items[i].last_used)
            {
                entries.items.swap_remove(oldest);
            }
        }
        let slot = Arc::new(Lazy::default());
        entries.items.push(Entry {
            key: key.clone(),
            last_used: now,
            slot: Arc::clone(&slot),
        });
        slot
    }

    fn len(&self) -> usize {
        lock(&self.entries).items.len()
    }
}

/// Everything known about one revision of the network. Obtained from [`Analyses::current`];
/// every analysis read from one `Revision` describes the same data.
#[derive(Debug)]
pub struct Revision {
    /// The store revision.
    pub revision: u64,
    /// The organizations and ties.
    pub data: Arc<NetworkData>,
    limits: Arc<Limits>,
    network: Lazy<Network>,
    /// The hop-distance totals from every organization: one search that the closeness and
    /// harmonic columns and the gap analysis's periphery all read.
    distances: Lazy<Distances>,
    /// One column per metric, unweighted and weighted (`[weighted as usize][metric]`).
    columns: [[Lazy<metrics::MetricColumn>; Metric::ALL.len()]; 2],
    gaps: Lazy<GapAnalysis>,
    /// The gap analysis's per-organization columns (community, structural holes, brokerage).
    position_columns: Lazy<Vec<Column>>,
    summary: Lazy<Summary>,
    layout: Lazy<MapLayout>,
    communities: Bounded<CommunityParams, CommunityReport>,
    attributes: Bounded<(usize, u64), AttributeReport>,
    suggest_index: Lazy<Result<SuggestIndex, String>>,
    /// The top suggestion of every peripheral organization, per goal.
    network_suggestions: Bounded<Goal, Result<Vec<Suggestions>, String>>,
    /// Overview and community views of the map, as the JSON bytes of the answer, per view
    /// and language (ego views are drawn per request).
    map_views: Bounded<(View, Lang), Result<Vec<u8>, MapError>>,
    /// Woken when a background warm-up of this revision ends ([`Analyses::for_reading`]).
    warm_done: tokio::sync::Notify,
}

impl Revision {
    fn new(snap: Snapshot, limits: Arc<Limits>) -> Self {
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
            communities: Bounded::new(PARAMETERIZED_ENTRIES),
            attributes: Bounded::new(PARAMETERIZED_ENTRIES),
            suggest_index: Lazy::default(),
            network_suggestions: Bounded::new(PARAMETERIZED_ENTRIES),
            map_views: Bounded::new(PARAMETERIZED_ENTRIES),
            warm_done: tokio::sync::Notify::new(),
        }
    }

    /// Whether the analyses every planner's view reads are computed: the network, the gap
    /// analysis and the map layout.
    pub fn is_warm(&self) -> bool {
        self.network.0.initialized() && self.gaps.0.initialized() && self.layout.0.initialized()
    }

    /// Computes what the common answers read, one after another: the network, the gap
    /// analysis and its columns, the map layout, every metric (unweighted), the summary, the
    /// suggestion index and the map overview in each language. Failures (a refusal as busy)
    /// are left for the requests to meet.
    async fn warm_up(&self) {
        let _ = self.gaps().await;
        let _ = self.layout().await;
        let _ = self.position_columns().await;
        let _ = self.metrics(&Metric::ALL, false).await;
        let _ = self.summary().await;
        let _ = self.suggest_index().await;
        for lang in Lang::ALL {
            let _ = self.map_view(View::Overview, lang).await;
        }
    }

    /// Waits at most `d` for a background warm-up of this revision; whether it is warm.
    async fn wait_warm(&self, d: Duration) -> bool {
        let done = self.warm_done.notified();
        tokio::pin!(done);
        done.as_mut().enable();
        if self.is_warm() {
            return true;
        }
        let _ = tokio::time::timeout(d, done).await;
        self.is_warm()
    }

    /// A context over `data` that no store backs (one-shot CLI analysis of `--input`).
    pub fn detached(revision: u64, data: Arc<NetworkData>) -> Arc<Self> {
        let limits = Arc::new(Limits::new(AnalysisLimits::default()));
        Arc::new(Revision::new(Snapshot { revision, data }, limits))
    }

    /// The compact analysis graph.
    pub async fn network(&self) -> Result<Arc<Network>, AnalysisFailure> {
        let data = Arc::clone(&self.data);
        self.network
            .get(&self.limits, move || Network::new(&data))
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
    /// community's own layout (see [`crate::map`]).
    pub async fn layout(&self) -> Result<Arc<MapLayout>, AnalysisFailure> {
        let net = self.network().await?;
        let gaps = self.gaps().await?;
        self.layout
            .get(&self.limits, move || MapLayout::new(&net, &gaps))
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
    ) -> Result<Vec<u8>, AnalysisFailure> {
        let net = self.network().await?;
        let table = self.metrics(&Metric::ALL, false).await?;
        let gaps = self.gaps().await?;
        let positions = self.position_columns().await?;
        let layout = match format {
            ExportFormat::Gexf => Some(self.layout().await?),
            _ => None,
        };
        let data = Arc::clone(&self.data);
        compute(&self.limits, move || {
            let every: Vec<usize> = (0..data.organizations.len()).collect();
            let extra = metrics::selected_columns(
                &table,
                Some(&positions),
                &MetricSelection::default(),
                &every,
            );
            let viz = layout.map(|l| l.viz(&gaps));
            crate::export::render(format, &data, &net, extra, restricted, viz.as_deref())
        })
        .await?
        .map_err(|e| AnalysisFailure::Task(format!("rendering the {format:?} export: {e}")))
    }

    /// The suggestion engine's per-revision index: communities from the gap analysis's
    /// partition, tie years from the data.
    async fn suggest_index(&self) -> Result<Arc<Result<SuggestIndex, String>>, AnalysisFailure> {
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
        let revision = self.revision;
        let draw = move |view: View| {
            map::view(&net, &gaps, &layout, &view, lang, revision).map(|v| {
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

    /// What the `proposed` ties would change (see [`puentes_analysis::suggest::what_if`]).
    pub async fn what_if(&self, proposed: Vec<ProposedTie>) -> Result<WhatIf, AnalysisFailure> {
        let data = Arc::clone(&self.data);
        compute(&self.limits, move || {
            suggest::what_if::what_if(&data, &proposed).map_err(|e| invalid(&e))
        })
        .await?
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Batch, MemoryStore};
    use std::collections::HashSet;

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
            revision_check: Duration::ZERO,
            stale_after: Duration::ZERO,
        }));
        // A computation that holds the only turn until told to finish.
        let (finish, finished) = std::sync::mpsc::channel::<()>();
        let running = {
            let limits = Arc::clone(&limits);
            tokio::spawn(async move { compute(&limits, move || finished.recv().is_ok()).await })
        };
        while limits.permits.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        // The second waits in the queue, the third finds it full.
        let waiting = {
            let limits = Arc::clone(&limits);
            tokio::spawn(async move { compute(&limits, || 2).await })
        };
        while limits.waiting.load(Ordering::Acquire) == 0 {
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
            limits.waiting.load(Ordering::Acquire),
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
}
