//! The caches of a revision: a value computed lazily, at most once ([`Lazy`]), and a table of
//! such values keyed by parameters, least recently used first out ([`Bounded`]).

use super::queue::{compute, Limits};
use super::{lock, AnalysisFailure};
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// One value computed lazily, at most once, off the async threads.
#[derive(Debug)]
pub(super) struct Lazy<T>(pub(super) OnceCell<Arc<T>>);

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Lazy(OnceCell::new())
    }
}

impl<T: Send + Sync + 'static> Lazy<T> {
    pub(super) async fn get(
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

/// Lazily computed values keyed by parameters, at most `capacity` kept: the least recently
/// used goes first. A computation in flight when its entry is evicted still completes for its
/// waiters; the value is then dropped with the last of them.
#[derive(Debug)]
pub(super) struct Bounded<K, V> {
    pub(super) capacity: usize,
    pub(super) entries: Mutex<Entries<K, V>>,
}

/// The entries of a [`Bounded`] table and a use counter (the "time" of each entry's last use).
#[derive(Debug)]
pub(super) struct Entries<K, V> {
    pub(super) clock: u64,
    pub(super) items: Vec<Entry<K, V>>,
}

#[derive(Debug)]
pub(super) struct Entry<K, V> {
    pub(super) key: K,
    pub(super) last_used: u64,
    pub(super) slot: Arc<Lazy<V>>,
}

impl<K: PartialEq + Clone, V: Send + Sync + 'static> Bounded<K, V> {
    pub(super) fn new(capacity: usize) -> Self {
        Bounded {
            capacity,
            entries: Mutex::new(Entries {
                clock: 0,
                items: Vec::new(),
            }),
        }
    }

    pub(super) fn slot(&self, key: &K) -> Arc<Lazy<V>> {
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

    pub(super) fn len(&self) -> usize {
        lock(&self.entries).items.len()
    }
}
