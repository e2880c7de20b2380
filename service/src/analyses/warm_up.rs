//! Warm-ups: a new revision's common analyses computed in the background, one warm-up at a
//! time, and reading the newest warm revision meanwhile ([`Analyses::for_reading`]).

use super::queue::WARMING_UP;
use super::{lock, Analyses, Revision};
use crate::i18n::Lang;
use crate::map::View;
use crate::metrics::Metric;
use crate::store::StoreError;
use std::sync::Arc;
use std::time::{Duration, Instant};

impl Analyses {
    /// The revision an analysis answer reads: the store's current one when its common
    /// analyses (network, gap analysis, map layout: [`Revision::is_warm`]) are computed;
    /// otherwise they are computed in the background (one warm-up at a time, each of the
    /// newest revision at its start) and:
    /// * if the warm-up runs for the current revision and an older revision is ready, the
    ///   request waits for it at most [`AnalysisLimits::stale_after`](super::AnalysisLimits::stale_after) (counting any wait for
    ///   the revision's snapshot in [`Analyses::current`]), then is answered from the newest
    ///   ready revision; with none ready (just after start), it reads the current revision at
    ///   once, sharing the warm-up's computations;
    /// * if it runs for an older revision (the current one comes next), the request is
    ///   answered at once from the newest ready revision, or, when none is ready yet, from the
    ///   one being warmed once it is (waiting at most [`AnalysisLimits::wait`](super::AnalysisLimits::wait)).
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
    pub(super) fn note_warm(&self, rev: &Arc<Revision>) {
        let mut warm = lock(&self.inner.warm);
        if warm.as_ref().is_none_or(|w| w.revision < rev.revision) {
            *warm = Some(Arc::clone(rev));
        }
    }

    /// Computes `rev`'s common analyses in the background, unless a warm-up already runs
    /// (then, when it ends, the current revision's if it is newer and cold). The revision
    /// being warmed now.
    pub(super) fn warm_up(&self, rev: &Arc<Revision>) -> Arc<Revision> {
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
}

impl Revision {
    /// Whether the analyses every planner's view reads are computed: the network, the gap
    /// analysis and the map layout.
    pub fn is_warm(&self) -> bool {
        self.network.0.initialized() && self.gaps.0.initialized() && self.layout.0.initialized()
    }

    /// Computes what the common answers read, one after another: the network, the gap
    /// analysis and its columns, the map layout, every metric (unweighted), the summary, the
    /// suggestion index and the map overview in each language. Failures (a refusal as busy)
    /// are left for the requests to meet.
    pub(super) async fn warm_up(&self) {
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
    pub(super) async fn wait_warm(&self, d: Duration) -> bool {
        let done = self.warm_done.notified();
        tokio::pin!(done);
        done.as_mut().enable();
        if self.is_warm() {
            return true;
        }
        let _ = tokio::time::timeout(d, done).await;
        self.is_warm()
    }
}
