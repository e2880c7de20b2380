//! Analysis results cached per store revision, computed once even when requested
//! concurrently, off the async threads.
//!
//! Keys are `(revision, name)`. When a request arrives at a newer revision, entries of older
//! revisions are dropped. Concurrent identical requests share one `OnceCell`, so the work runs
//! once; it runs on the blocking pool (`spawn_blocking`), never on an async worker.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Slot = Arc<OnceCell<Arc<dyn Any + Send + Sync>>>;

/// The cache. Cheap to clone (shared).
#[derive(Debug, Clone, Default)]
pub struct Cache {
    inner: Arc<Mutex<(u64, HashMap<String, Slot>)>>,
    computations: Arc<std::sync::atomic::AtomicU64>,
}

impl Cache {
    /// Returns the value for `(revision, key)`, computing it with `f` on the blocking pool if
    /// absent. Errors are not cached.
    pub async fn get_or_compute<T, E, F>(&self, revision: u64, key: &str, f: F) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        E: Send + 'static + From<tokio::task::JoinError>,
        F: FnOnce() -> Result<T, E> + Send + 'static,
    {
        let Some(slot) = self.slot(revision, key) else {
            // A request that read an older snapshot: compute without caching.
            return Ok(Arc::new(tokio::task::spawn_blocking(f).await??));
        };
        let computations = Arc::clone(&self.computations);
        let value = slot
            .get_or_try_init(|| async move {
                computations.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let v = tokio::task::spawn_blocking(f).await??;
                Ok::<_, E>(Arc::new(v) as Arc<dyn Any + Send + Sync>)
            })
            .await?;
        Ok(Arc::clone(value)
            .downcast::<T>()
            .unwrap_or_else(|_| panic!("cache key {key:?} used with two types")))
    }

    /// The shared slot for `(revision, key)`, or `None` if `revision` is older than the
    /// cache's (the caller then computes without caching).
    fn slot(&self, revision: u64, key: &str) -> Option<Slot> {
        let mut guard = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if revision < guard.0 {
            return None;
        }
        if revision > guard.0 {
            *guard = (revision, HashMap::new());
        }
        Some(guard.1.entry(key.to_owned()).or_default().clone())
    }

    /// How many computations ran (for tests of the single-flight behaviour).
    pub fn computations(&self) -> u64 {
        self.computations.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_identical_requests_compute_once() {
        let cache = Cache::default();
        let calls = (0..8).map(|_| {
            let cache = cache.clone();
            tokio::spawn(async move {
                cache
                    .get_or_compute(1, "k", || {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        Ok::<_, tokio::task::JoinError>(42u32)
                    })
                    .await
            })
        });
        for c in calls {
            assert_eq!(*c.await.expect("join").expect("value"), 42);
        }
        assert_eq!(cache.computations(), 1);
        let v = cache
            .get_or_compute(2, "k", || Ok::<_, tokio::task::JoinError>(7u32))
            .await
            .expect("value");
        assert_eq!(
            (*v, cache.computations()),
            (7, 2),
            "new revision recomputes"
        );
    }
}
