//! The work queue: how many computations run and wait at once ([`AnalysisLimits`]), and
//! [`compute`], which runs one on the blocking pool when its turn comes or refuses it as busy.

use super::AnalysisFailure;
use crate::i18n::BusyReason;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Analyses computed at the same time, across all requests (each may use every core).
pub const CONCURRENT_COMPUTATIONS: usize = 4;
/// Computations that may wait for a turn at once (default); one more is refused as busy.
pub const QUEUED_COMPUTATIONS: usize = 32;
/// Longest a computation waits for a turn (default) before it is refused as busy.
pub const QUEUE_WAIT: Duration = Duration::from_secs(30);
/// What a busy answer tells the client to wait before retrying (default, `Retry-After`).
pub const BUSY_RETRY_AFTER: Duration = Duration::from_secs(5);
/// What-if computations at the same time (default): each also takes one of the
/// [`CONCURRENT_COMPUTATIONS`] turns, so what-ifs (anonymous, and 3 s of CPU each on an
/// 82,000-organization network) never hold more than this many of them.
pub const CONCURRENT_WHAT_IFS: usize = 1;

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
    /// What-if computations running at once (at least 1; each also takes one of the
    /// `concurrent` turns). Further what-ifs wait in a queue of their own, `queued` long,
    /// at most `wait`, without holding a turn: twelve clients asking what-ifs of their own
    /// leave the other `concurrent − what_ifs` turns to everything else. A what-if asked
    /// before is answered from memory and waits for nothing.
    pub what_ifs: usize,
    /// How long a revision read stays good: within this time after a read, requests reuse the
    /// known revision without asking the store again. Zero (the default): every request asks
    /// (free on the embedded store, one small query on Neo4j). Writes made through these
    /// analyses' owner ([`Analyses::written`](super::Analyses::written)) are seen at once; writes by another process
    /// (another replica over the same Neo4j database) are seen within this time.
    pub revision_check: Duration,
    /// How long a request for analyses ([`Analyses::for_reading`](super::Analyses::for_reading)) waits for a newer
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
            what_ifs: CONCURRENT_WHAT_IFS,
            revision_check: Duration::ZERO,
            stale_after: STALE_AFTER,
        }
    }
}

/// Shared by every revision: the computation bound, the queue, the what-if lane, and
/// counters for tests.
#[derive(Debug)]
pub(super) struct Limits {
    pub(super) bounds: AnalysisLimits,
    /// Turns for every computation.
    pub(super) turns: Lane,
    /// Turns for what-ifs, taken before one of [`Limits::turns`].
    pub(super) what_ifs: Lane,
    /// Computations refused as busy so far.
    pub(super) refused: AtomicU64,
    pub(super) computations: AtomicU64,
    pub(super) snapshots: AtomicU64,
}

impl Limits {
    pub(super) fn new(bounds: AnalysisLimits) -> Self {
        let bounds = AnalysisLimits {
            concurrent: bounds.concurrent.max(1),
            what_ifs: bounds.what_ifs.max(1),
            ..bounds
        };
        Limits {
            turns: Lane::new(bounds.concurrent, bounds.queued),
            what_ifs: Lane::new(bounds.what_ifs, bounds.queued),
            bounds,
            refused: AtomicU64::new(0),
            computations: AtomicU64::new(0),
            snapshots: AtomicU64::new(0),
        }
    }

    /// A refusal: counted, and worded with `reason`.
    pub(super) fn busy(&self, reason: BusyReason) -> AnalysisFailure {
        self.refused.fetch_add(1, Ordering::Relaxed);
        AnalysisFailure::Busy {
            reason,
            retry_after: self.bounds.retry_after,
        }
    }

    /// A what-if turn: at once, or after waiting in the what-if queue (refused as busy when
    /// it is full or the wait too long). Held while the what-if computes.
    pub(super) async fn what_if_turn(&self) -> Result<SemaphorePermit<'_>, AnalysisFailure> {
        let (running, waiting) = (self.what_ifs.running, self.what_ifs.queued);
        self.what_ifs
            .turn(self.bounds.wait)
            .await
            .map_err(|refused| match refused {
                Refused::Closed(e) => e,
                Refused::Full | Refused::TooLong => {
                    self.busy(BusyReason::WhatIfs { running, waiting })
                }
            })
    }
}

/// A bounded number of turns, and of places to wait for one.
#[derive(Debug)]
pub(super) struct Lane {
    pub(super) permits: Semaphore,
    /// Waiting for a turn now.
    pub(super) waiting: AtomicUsize,
    running: usize,
    queued: usize,
}

/// Why a [`Lane`] gave no turn.
enum Refused {
    /// Every place in the queue is taken.
    Full,
    /// The wait was longer than the limit.
    TooLong,
    /// The permits are closed (not in use: no lane is ever closed).
    Closed(AnalysisFailure),
}

impl Lane {
    fn new(running: usize, queued: usize) -> Self {
        Lane {
            permits: Semaphore::new(running),
            waiting: AtomicUsize::new(0),
            running,
            queued,
        }
    }

    /// A turn at once if one is free, else after waiting in the queue (at most `wait`).
    async fn turn(&self, wait: Duration) -> Result<SemaphorePermit<'_>, Refused> {
        let closed =
            |e: &dyn std::fmt::Display| Refused::Closed(AnalysisFailure::Task(e.to_string()));
        match self.permits.try_acquire() {
            Ok(permit) => Ok(permit),
            Err(e @ tokio::sync::TryAcquireError::Closed) => Err(closed(&e)),
            Err(tokio::sync::TryAcquireError::NoPermits) => {
                let queued = self
                    .waiting
                    .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                        (n < self.queued).then_some(n + 1)
                    });
                if queued.is_err() {
                    return Err(Refused::Full);
                }
                let _place = Queued(&self.waiting);
                match tokio::time::timeout(wait, self.permits.acquire()).await {
                    Ok(permit) => permit.map_err(|e| closed(&e)),
                    Err(_) => Err(Refused::TooLong),
                }
            }
        }
    }
}

/// A place in the queue of [`Limits`], given back when dropped (also when the waiting request
/// is cancelled).
pub(super) struct Queued<'a>(&'a AtomicUsize);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

tokio::task_local! {
    /// Set inside a background warm-up ([`Analyses::for_reading`](super::Analyses::for_reading)): its computations take no
    /// turn and no place in the queue, so a warm-up never makes a request wait or be refused.
    /// One warm-up runs at a time and computes one value after another, so at most one
    /// computation runs beyond [`AnalysisLimits::concurrent`].
    pub(super) static WARMING_UP: ();
}

/// Runs `f` on the blocking pool once a computation permit is free: at once if one is, else
/// after waiting in the bounded queue of `limits` ([`AnalysisLimits`]). A full queue, or a
/// wait longer than the limit, is [`AnalysisFailure::Busy`] and `f` does not run. Inside a
/// background warm-up, at once and without a permit.
pub(super) async fn compute<T: Send + 'static>(
    limits: &Limits,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AnalysisFailure> {
    if WARMING_UP.try_with(|()| ()).is_ok() {
        return Ok(tokio::task::spawn_blocking(f).await?);
    }
    let bounds = limits.bounds;
    let _permit = limits
        .turns
        .turn(bounds.wait)
        .await
        .map_err(|refused| match refused {
            Refused::Closed(e) => e,
            Refused::Full => limits.busy(BusyReason::QueueFull {
                running: bounds.concurrent,
                waiting: bounds.queued,
            }),
            Refused::TooLong => limits.busy(BusyReason::WaitedTooLong {
                waited: bounds.wait,
                running: bounds.concurrent,
            }),
        })?;
    limits.computations.fetch_add(1, Ordering::Relaxed);
    Ok(tokio::task::spawn_blocking(f).await?)
}
