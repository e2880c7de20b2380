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
//!
//! # Files
//! - `mod.rs`: [`Analyses`], the revision cache (which revision a request reads);
//! - `revision.rs`: [`Revision`], the analyses of one revision as typed lazy values;
//! - `warm_up.rs`: background warm-ups of a new revision, and reading the newest warm one;
//! - `queue.rs`: the work queue ([`AnalysisLimits`]): computations bounded in number and in
//!   waiting, on the blocking pool;
//! - `cache.rs`: the lazy value and the bounded least-recently-used table behind them.

mod cache;
mod queue;
mod revision;
#[cfg(test)]
mod tests;
mod warm_up;

pub use queue::{
    AnalysisLimits, BUSY_RETRY_AFTER, CONCURRENT_COMPUTATIONS, CONCURRENT_WHAT_IFS,
    QUEUED_COMPUTATIONS, QUEUE_WAIT, STALE_AFTER,
};
pub use revision::Revision;

use queue::Limits;

use crate::i18n::{BusyReason, Refusal};
use crate::store::{GraphStore, StoreError};
use puentes_analysis::suggest::SuggestError;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Results kept per parameterized analysis (communities, attribute analytics) and revision.
pub const PARAMETERIZED_ENTRIES: usize = 16;

/// Export files kept per revision (each up to the size of the network's GraphML: 120 MB for
/// soc-Slashdot0902); the least recently asked goes first.
pub const EXPORT_ENTRIES: usize = 2;

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
