//! The bulk path: a network written as a new generation in bounded transactions, made current
//! by one small transaction, and the generations nobody reads any more deleted in bounded
//! transactions. See the module docs of [`super`] for the protocol.

use super::*;
use std::time::Instant;

/// How the switch to a staged generation ended.
enum Switched {
    /// The staged generation is current; the new revision.
    Done(u64),
    /// A merge's base revision is no longer current: nothing was switched.
    Stale,
}

/// The import lease as stored.
struct Lease {
    generation: Option<i64>,
    owner: Option<String>,
    expired: bool,
    next: i64,
}

async fn read_lease(t: &mut Txn) -> Result<Lease, StoreError> {
    let found = rows(t, query(READ_LEASE)).await?;
    let Some(row) = found.first() else {
        return Ok(Lease {
            generation: None,
            owner: None,
            expired: true,
            next: 1,
        });
    };
    let bad = |e: neo4rs::DeError| StoreError::Backend(format!("reading the import lease: {e}"));
    Ok(Lease {
        generation: row.get::<Option<i64>>("generation").map_err(bad)?,
        owner: row.get::<Option<String>>("owner").map_err(bad)?,
        expired: row.get::<bool>("expired").map_err(bad)?,
        next: row.get::<i64>("next").map_err(bad)?,
    })
}

impl Neo4jStore {
    fn lease_ms(&self) -> i64 {
        i64::try_from(self.config.import_lease.as_millis()).unwrap_or(i64::MAX / 2)
    }

    /// Writes `batch` as a new generation and switches to it. A merge is computed from the
    /// current revision and switched only if that revision is still current (otherwise it is
    /// computed again, up to three times).
    pub(super) async fn apply_bulk(&self, batch: Batch) -> Result<u64, StoreError> {
        const ATTEMPTS: usize = 3;
        if batch.mode == ApplyMode::Replace {
            let next = merged(&NetworkData::default(), batch)?;
            return match self.stage_and_switch(&next, None).await? {
                Switched::Done(revision) => Ok(revision),
                Switched::Stale => Err(StoreError::Backend(
                    "a replace was refused as stale; it has no base revision".into(),
                )),
            };
        }
        for _ in 0..ATTEMPTS {
            let (current, stored) = self.read_locked().await?;
            let next = merged(&stored.data, batch.clone())?;
            drop(stored);
            if let Switched::Done(revision) =
                self.stage_and_switch(&next, Some(current.revision)).await?
            {
                return Ok(revision);
            }
        }
        Err(StoreError::Conflict(Refusal::MergeRaced {
            attempts: ATTEMPTS,
        }))
    }

    /// Takes the lease, writes `next` as the leased generation, and switches to it.
    async fn stage_and_switch(
        &self,
        next: &NetworkData,
        base: Option<u64>,
    ) -> Result<Switched, StoreError> {
        let generation = self.take_lease().await?;
        let staged = async {
            // Leftovers of interrupted imports (ours included: the lease is ours now).
            self.remove_dead_generations().await?;
            self.write_generation(generation, next).await?;
            self.switch(generation, base, next).await
        }
        .await;
        match staged {
            Ok(Switched::Done(revision)) => {
                // The previous generation: a failure leaves it to the next import or start.
                if let Err(e) = self.remove_dead_generations().await {
                    tracing::warn!("Neo4j: the previous generation is not removed yet: {e}");
                }
                Ok(Switched::Done(revision))
            }
            other => {
                // Best effort; the next import or start does it otherwise.
                if let Err(e) = self.release_lease(generation).await {
                    tracing::warn!("Neo4j: an abandoned import is not removed yet: {e}");
                }
                other
            }
        }
    }

    /// Takes the import lease for a new generation; waits while another store holds a live
    /// lease (bounded by the caller's limit).
    async fn take_lease(&self) -> Result<i64, StoreError> {
        let lease_ms = self.lease_ms();
        loop {
            let owner = self.owner.clone();
            let txn = self.begin().await?;
            let taken = in_txn(txn, true, move |t| {
                Box::pin(async move {
                    rows(t, query(LOCK_LEASE)).await?;
                    let lease = read_lease(t).await?;
                    let busy = lease.generation.is_some()
                        && !lease.expired
                        && lease.owner.as_deref() != Some(owner.as_str());
                    if busy {
                        rows(t, query(UNLOCK_LEASE)).await?;
                        return Ok(None);
                    }
                    // The current generation only changes under this lock, so reading it
                    // without the meta lock is fresh enough.
                    let current = read_current(t).await?;
                    let generation = lease.next.max(current.generation + 1);
                    let q = query(TAKE_LEASE)
                        .param("generation", generation)
                        .param("owner", owner.as_str())
                        .param("lease_ms", lease_ms);
                    rows(t, q).await?;
                    Ok(Some(generation))
                })
            })
            .await?;
            match taken {
                Some(generation) => return Ok(generation),
                None => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Gives up the lease of `generation` if it is still ours, then removes dead generations
    /// (that one included, unless it became current after all).
    async fn release_lease(&self, generation: i64) -> Result<(), StoreError> {
        let owner = self.owner.clone();
        let txn = self.begin().await?;
        in_txn(txn, true, move |t| {
            Box::pin(async move {
                rows(t, query(LOCK_LEASE)).await?;
                let lease = read_lease(t).await?;
                if lease.generation == Some(generation) && lease.owner.as_deref() == Some(&owner) {
                    rows(t, query(CLEAR_LEASE)).await.map(drop)
                } else {
                    rows(t, query(UNLOCK_LEASE)).await.map(drop)
                }
            })
        })
        .await?;
        self.remove_dead_generations().await
    }

    /// Writes `next` as `generation`, [`BULK_CHUNK_ROWS`] rows per transaction, two
    /// transactions at a time (the server works on both, one per core), renewing the lease
    /// every [`Self::renew_every`]. Organizations first; ties then find their ends by the
    /// element ids the organizations' transactions returned.
    async fn write_generation(
        &self,
        generation: i64,
        next: &NetworkData,
    ) -> Result<(), StoreError> {
        let renewed = std::sync::Mutex::new(Instant::now()); // by take_lease
        let renewed = &renewed;
        let org_chunks: Vec<&[Organization]> = next.organizations.chunks(BULK_CHUNK_ROWS).collect();
        let created = two_at_a_time(&org_chunks, |c, chunk| async move {
            let start = c * BULK_CHUNK_ROWS;
            let rows = chunk
                .iter()
                .enumerate()
                .map(|(i, o)| org_props(o, (start + i) as i64, generation))
                .collect::<Result<Vec<_>, _>>()?;
            let q = query(CREATE_ORGS).param("rows", BoltType::from_iter(rows));
            let found = self
                .write_staged(generation, self.renew_due(renewed), q)
                .await?;
            let created: Vec<(String, String)> = match found.first() {
                Some(row) => row.get("created").map_err(|e| {
                    StoreError::Backend(format!("reading created organizations: {e}"))
                })?,
                None => Vec::new(),
            };
            if created.len() != chunk.len() {
                return Err(StoreError::Backend(format!(
                    "writing organizations: Neo4j created {} nodes for {} rows (nothing was \
                     applied)",
                    created.len(),
                    chunk.len()
                )));
            }
            Ok(created)
        })
        .await?;
        let element_ids: HashMap<String, String> = created.into_iter().flatten().collect();
        let element_ids = &element_ids;
        let tie_chunks: Vec<&[Tie]> = next.ties.chunks(BULK_CHUNK_ROWS).collect();
        two_at_a_time(&tie_chunks, |c, chunk| async move {
            let start = c * BULK_CHUNK_ROWS;
            let element_id = |id: &str| {
                element_ids.get(id).map(String::as_str).ok_or_else(|| {
                    StoreError::Backend(format!(
                        "writing ties: organization {id} was not created (nothing was applied)"
                    ))
                })
            };
            let rows = chunk
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let (a, b) = (element_id(&t.source)?, element_id(&t.target)?);
                    Ok(tie_row_between(a, b, t, (start + i) as i64))
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let expected = rows.len();
            let q = query(CREATE_STAGED_TIES)
                .param("rows", BoltType::from_iter(rows))
                .param("generation", generation);
            let found = self
                .write_staged(generation, self.renew_due(renewed), q)
                .await?;
            let n = found.first().and_then(|row| row.get::<i64>("n").ok());
            if n != Some(expected as i64) {
                return Err(StoreError::Backend(format!(
                    "writing ties: Neo4j created {n:?} relationships for {expected} rows; the \
                     database was changed outside Puentes (nothing was applied)"
                )));
            }
            Ok(())
        })
        .await?;
        Ok(())
    }

    /// How often a bulk import renews its lease: a quarter of the lease, at most every 2 s.
    fn renew_every(&self) -> Duration {
        (self.config.import_lease / 4).min(Duration::from_secs(2))
    }

    /// Whether the lease should be renewed with the next transaction (then counts it done).
    fn renew_due(&self, renewed: &std::sync::Mutex<Instant>) -> bool {
        let mut last = renewed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.elapsed() < self.renew_every() {
            return false;
        }
        *last = Instant::now();
        true
    }

    /// One transaction of a staged generation: renews the lease first when `renew` (failing
    /// if it was lost), runs `q`, commits, and returns its rows. A deadlock with the other
    /// transaction of [`two_at_a_time`] (Neo4j rolls one back) is retried.
    async fn write_staged(
        &self,
        generation: i64,
        renew: bool,
        q: Query,
    ) -> Result<Vec<Row>, StoreError> {
        const ATTEMPTS: u32 = 5;
        let lease_ms = self.lease_ms();
        let mut attempt = 1;
        loop {
            let mut txn = self.begin().await?;
            let t = &mut txn;
            let work = async {
                if renew {
                    rows(t, query(LOCK_LEASE)).await?;
                    let q = query(RENEW_LEASE)
                        .param("generation", generation)
                        .param("lease_ms", lease_ms);
                    if single_int(t, q, "n").await? != Some(1) {
                        return Err(lost_lease(generation));
                    }
                }
                rows(t, q.clone()).await
            }
            .await;
            match finish(txn, work).await {
                Err(e) if is_deadlock(&e) && attempt < ATTEMPTS => {
                    tokio::time::sleep(Duration::from_millis(50 * u64::from(attempt))).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// The one small transaction that makes `generation` current, if it is still leased to
    /// us, complete, and (for a merge) based on the current revision.
    async fn switch(
        &self,
        generation: i64,
        base: Option<u64>,
        next: &NetworkData,
    ) -> Result<Switched, StoreError> {
        let (orgs, ties) = (next.organizations.len(), next.ties.len());
        let txn = self.begin().await?;
        in_txn(txn, true, move |t| {
            Box::pin(async move {
                // Lock order everywhere: the revision node, then the lease node.
                let current = lock_and_read_current(t).await?;
                rows(t, query(LOCK_LEASE)).await?;
                if read_lease(t).await?.generation != Some(generation) {
                    return Err(lost_lease(generation));
                }
                if base.is_some_and(|b| b != current.revision) {
                    rows(t, query(UNLOCK_LEASE)).await?;
                    rows(t, query(UNLOCK_META)).await?;
                    return Ok(Switched::Stale);
                }
                let counts = rows(t, query(COUNT).param("generation", generation)).await?;
                let got = counts.first().map(|row| {
                    (
                        row.get::<i64>("orgs").unwrap_or(-1),
                        row.get::<i64>("ties").unwrap_or(-1),
                    )
                });
                if got != Some((orgs as i64, ties as i64)) {
                    return Err(StoreError::Backend(format!(
                        "the staged import holds {got:?} (organizations, ties) instead of \
                         ({orgs}, {ties}); the database was changed outside Puentes (nothing \
                         was applied)"
                    )));
                }
                let q = query(SWITCH_GENERATION).param("generation", generation);
                let revision = to_revision(single_int(t, q, "value").await?)?;
                rows(t, query(CLEAR_LEASE)).await?;
                Ok(Switched::Done(revision))
            })
        })
        .await
    }

    /// Deletes every generation that is neither current nor leased (an expired lease is
    /// cleared first, so its importer can no longer switch to it), [`DELETE_ROWS`]
    /// organizations per transaction.
    pub(super) async fn remove_dead_generations(&self) -> Result<(), StoreError> {
        let txn = self.begin().await?;
        let dead: Vec<i64> = in_txn(txn, true, |t| {
            Box::pin(async move {
                rows(t, query(LOCK_LEASE)).await?;
                let lease = read_lease(t).await?;
                let staged = match lease.generation {
                    Some(g) if !lease.expired => Some(g),
                    Some(_) => {
                        rows(t, query(CLEAR_LEASE)).await?;
                        None
                    }
                    None => None,
                };
                // Stable while we hold the lease lock: switching needs it.
                let current = read_current(t).await?;
                let q = query(GARBAGE_GENERATIONS)
                    .param("current", current.generation)
                    .param("staged", staged);
                let found = rows(t, q).await?;
                rows(t, query(UNLOCK_LEASE)).await?;
                found
                    .iter()
                    .map(|row| {
                        row.get::<i64>("generation").map_err(|e| {
                            StoreError::Backend(format!("reading a generation number: {e}"))
                        })
                    })
                    .collect()
            })
        })
        .await?;
        for generation in dead {
            // Dead for good: never current, never leased again (new leases take larger
            // numbers), so no lock is needed to delete it.
            loop {
                let txn = self.begin().await?;
                let n = in_txn(txn, true, |t| {
                    Box::pin(async move {
                        let q = query(DELETE_GENERATION)
                            .param("generation", generation)
                            .param("limit", DELETE_ROWS as i64);
                        single_int(t, q, "n").await
                    })
                })
                .await?
                .unwrap_or(0);
                if n < DELETE_ROWS as i64 {
                    break;
                }
            }
        }
        Ok(())
    }
}

/// Runs `work` on every item, two at a time (each on its own connection), and returns the
/// results in the items' order; the first error stops both.
async fn two_at_a_time<'a, T, R, F, Fut>(items: &'a [T], work: F) -> Result<Vec<R>, StoreError>
where
    F: Fn(usize, &'a T) -> Fut,
    Fut: Future<Output = Result<R, StoreError>>,
{
    let next = std::sync::atomic::AtomicUsize::new(0);
    let worker = || async {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return Ok::<_, StoreError>(done);
            };
            done.push((i, work(i, item).await?));
        }
    };
    let (mut a, b) = tokio::try_join!(worker(), worker())?;
    a.extend(b);
    a.sort_unstable_by_key(|(i, _)| *i);
    Ok(a.into_iter().map(|(_, r)| r).collect())
}

fn lost_lease(generation: i64) -> StoreError {
    StoreError::Unavailable(format!(
        "the import (generation {generation}) lost its lease: it stalled longer than the \
         lease lasts and another import or start took over; nothing was applied"
    ))
}
