//! [`Neo4jStore`]: the network kept in a Neo4j 5 database over Bolt (neo4rs).
//!
//! # Graph model
//! ```text
//! (:Organization {id, name, country, region, city, corridor, latitude, longitude, contact,
//!                 services: [..], populations: [..], population_served, salaried_staff,
//!                 annual_budget_usd, founded_year, partner, agreement_review,
//!                 feedback_to_population, social_media_use, donation_sources, seq,
//!                 generation})
//!   -[:COLLABORATES_WITH {kind, strength, since, until, reported_by, seq, attr_names,
//!                         attr_values}]->
//! (:Organization)                      (both ends of a tie have the same generation)
//! (:PuentesMeta {key: 'revision', value, generation})
//! (:PuentesMeta {key: 'import', generation, owner, until, next})     (the import lease)
//! ```
//! Absent optional fields, empty texts and lists and a false `partner` are absent properties;
//! vocabularies are stored by their snake_case names. A tie's direction is `source -> target`.
//! `seq` keeps the stored order of organizations and ties, so a snapshot lists them in the
//! same order as the embedded store would (seeded algorithms then give the same results on
//! both backends). Metrics written back by [`Neo4jStore::write_metrics`] are `puentes_*`
//! properties; they are not part of the network, and an organization rewritten by an import
//! loses them until the next write-back.
//!
//! # Generations
//! Every organization belongs to a `generation`; the revision node names the current one, and
//! only that one is ever read. Other generations are an import being written, or what an
//! interrupted import or a replaced network left; Puentes deletes them (see below). Other
//! tools reading the graph should match `generation` too (`(generation, id)` is unique and
//! indexed; `id` alone is unique within a generation).
//!
//! # Revision and atomicity
//! The revision lives in the database (`(:PuentesMeta {key: 'revision'})`), so several
//! service replicas over one database agree on it. Writing a property of a node takes its
//! write lock until the transaction ends; the revision node's lock is "the meta lock" and the
//! import node's "the lease lock". Every change commits under the meta lock, so readers and
//! writers of all replicas are serialized on it. There are two write paths:
//!
//! - **In place** (a merge of at most [`BULK_MIN_ROWS`] records): ONE transaction takes the
//!   meta lock, reads the current generation, validates the batch with the shared [`merged`],
//!   writes only the difference with batched parameterised `UNWIND` statements, bumps the
//!   revision and commits. Holding the lock from the first read to the commit means a batch is
//!   never merged into a stale view, and no `Conflict` can arise among Puentes writers.
//! - **Bulk** (every replace, and larger merges): the network the batch produces is validated
//!   first, then written as a NEW generation in transactions of [`BULK_CHUNK_ROWS`] rows (two
//!   at a time), which no reader sees; then ONE small transaction takes the meta lock and the
//!   lease lock, checks that the lease is still this import's, that the new generation holds
//!   exactly the organizations and ties written, and (for a merge) that the revision it was
//!   computed from is still current, and makes it current (`generation` and revision in one
//!   write). A merge whose base revision changed meanwhile is computed and written again (up
//!   to three times, then `Conflict`). The server's transaction memory stays bounded by one
//!   chunk, whatever the size of the import.
//!
//! Only one import writes a new generation at a time (across replicas): it holds the lease
//! (`{key: 'import'}`: its generation, its owner, and `until`, a time on the server's clock)
//! and renews it at least every quarter of [`Neo4jConfig::import_lease`]. Another bulk import
//! waits until the lease is released or expired; an import whose lease was taken over stops
//! at its next renewal or at the switch. Generations are numbered from the lease's counter,
//! so a number is never reused.
//!
//! **Removing dead generations.** Before writing and after switching, and when a store
//! connects, Puentes takes the lease lock, clears an expired lease (its importer can then
//! never switch), and deletes every generation other than the current and the leased one, in
//! transactions of [`DELETE_ROWS`] organizations with their ties. A generation found dead stays
//! dead, so the deletions need no lock. An import interrupted by a crash, a kill or a lost
//! connection therefore leaves a generation nobody reads, removed by the next bulk import or
//! start once its lease has expired (at once when the same store object imports again: it
//! knows its own lease is abandoned).
//!
//! [`GraphStore::snapshot`] takes the meta lock in a transaction it rolls back, and while it
//! holds it reads the current generation in [`READ_PARTS`] read transactions in parallel (one
//! row per organization with its ties as lists), then checks the counts: no Puentes commit can
//! change the current generation while the lock is held, so a snapshot never sees half of one
//! (nor any staged generation). Writes made to the graph by other tools, outside this
//! protocol, are not covered. A failure at any point (invalid batch, server stopped, timeout)
//! rolls back the transaction in progress: Neo4j discards uncommitted transactions, also
//! during crash recovery; a bulk import's committed chunks are a dead generation.
//!
//! # Time limits
//! neo4rs 0.9.0-rc.11 connects lazily and retries auto-commit queries for up to a minute, so
//! this store uses explicit transactions only (no driver retry) and wraps every call in
//! [`tokio::time::timeout`]: [`Neo4jConfig::timeout`] for pings and the revision,
//! [`Neo4jConfig::long_timeout`] for snapshots, imports and write-back. An elapsed limit, a
//! refused connection or a server shutting down become [`StoreError::Unavailable`]; a later
//! call reconnects by itself (the pool discards dead connections). A transaction abandoned by
//! an elapsed limit stays open on the server until its connection is recycled or the server's
//! `db.transaction.timeout` ends it; set that setting in production.
//!
//! Every Cypher statement is a constant; values travel as parameters only.

use super::{merged, ApplyMode, Batch, GraphStore, Snapshot, StoreError};
use crate::i18n::{Expected, Refusal};
use async_trait::async_trait;
use neo4rs::{query, BoltType, ConfigBuilder, Graph, Neo4jErrorKind, Query, Row, Txn};
use puentes_analysis::model::{
    Frequency, NetworkData, Organization, Population, ReportedBy, Service, Tie, TieKind,
};
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

/// Rows per `UNWIND` statement of an in-place apply; a batch of any size is written in chunks
/// of this many rows, all inside the same transaction.
pub const CHUNK_ROWS: usize = 5000;

/// Rows per transaction when a new generation is written (bulk path): each is committed on
/// its own, so the server's transaction memory stays bounded whatever the import's size.
pub const BULK_CHUNK_ROWS: usize = 10_000;

/// A merge with more records than this (organizations, ties and deletions together) is
/// written as a new generation (bulk path) instead of in place in one transaction. A replace
/// always is.
pub const BULK_MIN_ROWS: usize = 20_000;

/// Organizations (with their ties) deleted per transaction when a dead generation is removed.
pub const DELETE_ROWS: usize = 2000;

/// Read transactions of one snapshot, run in parallel (each part is decoded on its own task).
pub const READ_PARTS: usize = 2;

/// Prefix of the metric properties written by [`Neo4jStore::write_metrics`].
pub const METRIC_PREFIX: &str = "puentes_";

/// Connection settings for [`Neo4jStore`].
#[derive(Clone)]
pub struct Neo4jConfig {
    /// Bolt URI, e.g. `bolt://127.0.0.1:7687`.
    pub uri: String,
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
    /// Limit for connecting, pings and reading the revision (default 10 s).
    pub timeout: Duration,
    /// Limit for snapshots, imports and metric write-back (default 300 s).
    pub long_timeout: Duration,
    /// How long a bulk import's lease lasts without being renewed (default 30 s). Every
    /// transaction of the import renews it; an importer that stops renewing it (killed,
    /// disconnected) is considered gone after this long, and its staged generation is
    /// deleted by the next import or start. Until then, another process's bulk import waits.
    pub import_lease: Duration,
    /// Largest number of pooled Bolt connections (default 8).
    pub max_connections: usize,
    /// Rows fetched per Bolt `PULL` when reading (default 5000).
    pub fetch_size: usize,
}

impl Neo4jConfig {
    /// Settings with the default limits.
    pub fn new(
        uri: impl Into<String>,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        Neo4jConfig {
            uri: uri.into(),
            user: user.into(),
            password: password.into(),
            timeout: Duration::from_secs(10),
            long_timeout: Duration::from_secs(300),
            import_lease: Duration::from_secs(30),
            max_connections: 8,
            fetch_size: 5000,
        }
    }
}

impl std::fmt::Debug for Neo4jConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Neo4jConfig")
            .field("uri", &self.uri)
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .field("timeout", &self.timeout)
            .field("long_timeout", &self.long_timeout)
            .field("import_lease", &self.import_lease)
            .field("max_connections", &self.max_connections)
            .field("fetch_size", &self.fetch_size)
            .finish()
    }
}

/// The Neo4j-backed store. See the module docs for the model and the transaction protocol.
pub struct Neo4jStore {
    graph: Graph,
    config: Neo4jConfig,
    /// Serializes this process's writers, so they queue here instead of on the meta lock.
    writer: tokio::sync::Mutex<()>,
    /// Names this store object in the import lease: a lease with this owner can only be left
    /// over from an apply of ours that was dropped (we hold `writer` when we look).
    owner: String,
    /// Whole-network reads at once (snapshots, in-place applies): each holds the meta lock on
    /// one connection and reads on [`READ_PARTS`] others, so their number is bounded by the
    /// pool (`max_connections / (READ_PARTS + 1)`, at least 1) lest lock holders take every
    /// connection and leave none for the reads.
    readers: tokio::sync::Semaphore,
}

impl std::fmt::Debug for Neo4jStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Neo4jStore")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

mod convert;
mod cypher;
mod diff;
mod generation;
mod txn;
use convert::*;
use cypher::*;
use diff::*;
use txn::*;

/// A name for this store object in the import lease: process id, clock and a random number
/// (from the standard library's randomly seeded hasher).
fn owner_name() -> String {
    use std::hash::{BuildHasher, Hasher};
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}-{:016x}", std::process::id(), random)
}

/// Organizations and ties read, each with its stored position.
type Part = (Vec<(Option<i64>, Organization)>, Vec<(Option<i64>, Tie)>);

/// Reads part `part` of `parts` of `generation` in a read transaction of its own.
async fn read_part(graph: Graph, generation: i64, part: usize) -> Result<Part, StoreError> {
    let mut txn = graph.start_txn().await.map_err(driver_error)?;
    let read = read_part_in(&mut txn, generation, part, READ_PARTS).await;
    rollback(txn).await;
    read
}

/// Reads part `part` of `parts` of `generation` inside `txn`.
async fn read_part_in(
    txn: &mut Txn,
    generation: i64,
    part: usize,
    parts: usize,
) -> Result<Part, StoreError> {
    let q = query(READ_PART)
        .param("generation", generation)
        .param("part", part as i64)
        .param("parts", parts as i64);
    let mut stream = txn.execute(q).await.map_err(driver_error)?;
    let (mut orgs, mut ties) = (Vec::new(), Vec::new());
    while let Some(row) = stream.next(txn.handle()).await.map_err(driver_error)? {
        let bad = |e: neo4rs::DeError| {
            StoreError::Backend(format!("reading an organization and its ties: {e}"))
        };
        let a: OrgColsA = row.get("a").map_err(bad)?;
        let b: OrgColsB = row.get("b").map_err(bad)?;
        let out: Vec<TieCols> = row.get("out").map_err(bad)?;
        let (o, seq) = OrgRow::from_cols(a, b).into_model()?;
        for cols in out {
            ties.push(tie_from_cols(&o.id, cols).map(|(t, s)| (s, t))?);
        }
        orgs.push((seq, o));
    }
    Ok((orgs, ties))
}

/// Records in a batch (organizations, ties, deletions): what decides the bulk path.
fn batch_rows(batch: &Batch) -> usize {
    batch.upsert_organizations.len()
        + batch.upsert_ties.len()
        + batch.delete_organizations.len()
        + batch.delete_ties.len()
}

impl Neo4jStore {
    /// Connects, checks that Neo4j answers (`RETURN 1`), creates the schema (uniqueness of
    /// `(Organization.generation, Organization.id)` and of `PuentesMeta.key`, IF NOT EXISTS)
    /// and the revision node, adopts organizations written before generations existed, and
    /// removes what interrupted imports left (best effort: a failure there is logged).
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] when Neo4j does not answer within `config.timeout`;
    /// [`StoreError::Backend`] for a malformed URI or refused credentials.
    pub async fn connect(config: Neo4jConfig) -> Result<Neo4jStore, StoreError> {
        let driver = ConfigBuilder::default()
            .uri(config.uri.as_str())
            .user(config.user.as_str())
            .password(config.password.as_str())
            .max_connections(config.max_connections.max(1))
            .fetch_size(config.fetch_size.max(1))
            // Connect and per-message read limit. A single statement may legitimately run
            // long (a big chunk, a commit), so this is the long limit; callers are bounded
            // by the outer limits of each method.
            .connection_timeout(config.long_timeout)
            // In rc.11 this knob is the pool's wait timeout (time to obtain a connection).
            .max_lifetime(Some(config.long_timeout))
            .build()
            .map_err(driver_error)?;
        let graph = Graph::connect(driver).map_err(driver_error)?;
        let readers = (config.max_connections / (READ_PARTS + 1)).max(1);
        let store = Neo4jStore {
            graph,
            config,
            writer: tokio::sync::Mutex::new(()),
            owner: owner_name(),
            readers: tokio::sync::Semaphore::new(readers),
        };
        store.ping().await?;
        within(store.config.timeout * 3, "the schema setup", async {
            for statement in SCHEMA {
                let txn = store.begin().await?;
                in_txn(txn, true, |t| {
                    Box::pin(async move { rows(t, query(statement)).await.map(drop) })
                })
                .await?;
            }
            let txn = store.begin().await?;
            in_txn(txn, true, |t| {
                Box::pin(async move { single_int(t, query(ENSURE_META), "value").await.map(drop) })
            })
            .await
        })
        .await?;
        within(store.config.long_timeout, "adopting older data", async {
            store.adopt_legacy().await
        })
        .await?;
        if let Err(e) = within(
            store.config.long_timeout,
            "removing dead generations",
            async { store.remove_dead_generations().await },
        )
        .await
        {
            tracing::warn!("Neo4j: leftovers of an interrupted import not removed yet: {e}");
        }
        Ok(store)
    }

    /// A permit to read the whole network, taken BEFORE the meta lock (so a holder of the
    /// lock never waits for a permit held by someone waiting for the lock).
    async fn read_permit(&self) -> Result<tokio::sync::SemaphorePermit<'_>, StoreError> {
        self.readers
            .acquire()
            .await
            .map_err(|e| StoreError::Backend(format!("the read permits are gone: {e}")))
    }

    /// The connection settings in use.
    pub fn config(&self) -> &Neo4jConfig {
        &self.config
    }

    async fn begin(&self) -> Result<Txn, StoreError> {
        self.graph.start_txn().await.map_err(driver_error)
    }

    /// Gives organizations without a generation (written before generations existed) the
    /// current one, in bounded transactions.
    async fn adopt_legacy(&self) -> Result<(), StoreError> {
        loop {
            let txn = self.begin().await?;
            let n = in_txn(txn, true, |t| {
                Box::pin(async move {
                    let current = lock_and_read_current(t).await?;
                    let q = query(ADOPT_LEGACY)
                        .param("limit", DELETE_ROWS as i64)
                        .param("generation", current.generation);
                    let n = single_int(t, q, "n").await?.unwrap_or(0);
                    rows(t, query(UNLOCK_META)).await?;
                    Ok(n)
                })
            })
            .await?;
            if n < DELETE_ROWS as i64 {
                return Ok(());
            }
        }
    }

    /// Whether reads run [`READ_PARTS`] transactions in parallel beside the lock holder: only
    /// when the pool has room for them.
    fn parallel_reads(&self) -> bool {
        self.config.max_connections > READ_PARTS
    }

    /// Reads the organizations and ties of `generation` while `holder` holds the meta lock
    /// (and the caller a permit of `readers`): [`READ_PARTS`] read transactions in parallel,
    /// each on its own connection and decoded on its own task, then the counts are checked in
    /// `holder`. No Puentes writer can change the current generation while the lock is held,
    /// so the parts belong together. With a pool too small for that, one read in `holder`.
    async fn read_generation(
        &self,
        holder: &mut Txn,
        generation: i64,
    ) -> Result<Stored, StoreError> {
        let (mut orgs, mut ties) = (Vec::new(), Vec::new());
        if self.parallel_reads() {
            let tasks: Vec<_> = (0..READ_PARTS)
                .map(|part| tokio::spawn(read_part(self.graph.clone(), generation, part)))
                .collect();
            let mut first_error = None;
            for task in tasks {
                match task.await {
                    Ok(Ok((o, t))) => {
                        orgs.extend(o);
                        ties.extend(t);
                    }
                    Ok(Err(e)) => {
                        first_error.get_or_insert(e);
                    }
                    Err(e) => {
                        first_error
                            .get_or_insert(StoreError::Backend(format!("a read task failed: {e}")));
                    }
                }
            }
            if let Some(e) = first_error {
                return Err(e);
            }
        } else {
            (orgs, ties) = read_part_in(holder, generation, 0, 1).await?;
        }
        Self::check_counts(holder, generation, orgs.len(), ties.len()).await?;
        Ok(Stored::in_stored_order(orgs, ties))
    }

    /// Fails unless `generation` holds exactly `orgs` organizations and `ties` ties: first
    /// against the whole database's counts (constant time; equal whenever no other generation
    /// exists), else by counting the generation.
    async fn check_counts(
        t: &mut Txn,
        generation: i64,
        orgs: usize,
        ties: usize,
    ) -> Result<(), StoreError> {
        let pair = |found: Vec<Row>| match found.first() {
            Some(row) => (
                row.get::<i64>("orgs").unwrap_or(-1),
                row.get::<i64>("ties").unwrap_or(-1),
            ),
            None => (-1, -1),
        };
        let want = (orgs as i64, ties as i64);
        if pair(rows(t, query(COUNT_ALL)).await?) == want {
            return Ok(());
        }
        let counted = pair(rows(t, query(COUNT).param("generation", generation)).await?);
        if counted == want {
            return Ok(());
        }
        Err(StoreError::Backend(format!(
            "incomplete read: Neo4j counts {} organizations and {} ties, received {orgs} and \
             {ties}",
            counted.0, counted.1
        )))
    }

    /// Reads the current revision under the meta lock (rolled back), with its content.
    async fn read_locked(&self) -> Result<(Current, Stored), StoreError> {
        let _permit = self.read_permit().await?;
        let mut holder = self.begin().await?;
        // Taking the meta lock (then rolling back) guarantees no Puentes commit is halfway
        // applied while we read, so revision and content belong together.
        let read = async {
            let current = lock_and_read_current(&mut holder).await?;
            let stored = self
                .read_generation(&mut holder, current.generation)
                .await?;
            Ok((current, stored))
        }
        .await;
        rollback(holder).await;
        read
    }

    /// Writes metric values as properties of the organizations, like Neo4j GDS write mode:
    /// each `(id, [(name, value)])` sets `puentes_<name> = value` and
    /// `puentes_revision = revision` on the organization `id`, in one transaction. Non-finite
    /// values remove the property (a metric undefined for that organization). An import that
    /// rewrites an organization drops its metrics; a bulk import (every replace, and merges
    /// of more than [`BULK_MIN_ROWS`] records) rewrites every organization.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when `revision` is not the stored revision (the metrics
    /// describe other data); [`StoreError::Invalid`] for a metric name that is not
    /// `[a-z0-9_]{1,64}`; [`StoreError::NotFound`] when an id is not stored (nothing is
    /// written then); [`StoreError::Unavailable`] when Neo4j cannot be reached in time.
    pub async fn write_metrics(
        &self,
        revision: u64,
        rows_in: &[(String, Vec<(String, f64)>)],
    ) -> Result<(), StoreError> {
        let mut params = Vec::with_capacity(rows_in.len());
        for (id, metrics) in rows_in {
            let mut props: HashMap<String, BoltType> = HashMap::with_capacity(metrics.len());
            for (name, value) in metrics {
                let ok = !name.is_empty()
                    && name.len() <= 64
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if !ok {
                    return Err(StoreError::Invalid(Refusal::BadValue {
                        name: "metric name".into(),
                        value: name.clone(),
                        expected: Expected::MetricName,
                    }));
                }
                let v = value.is_finite().then_some(*value);
                props.insert(format!("{METRIC_PREFIX}{name}"), v.into());
            }
            let row: HashMap<&str, BoltType> =
                HashMap::from([("id", id.as_str().into()), ("props", props.into())]);
            params.push(BoltType::from(row));
        }
        let rev = i64::try_from(revision)
            .map_err(|_| StoreError::Backend(format!("revision {revision} is too large")))?;
        let ids: Arc<Vec<String>> = Arc::new(rows_in.iter().map(|(id, _)| id.clone()).collect());
        let _guard = self.writer.lock().await;
        within(self.config.long_timeout, "the metrics write-back", async {
            let txn = self.begin().await?;
            in_txn(txn, true, move |t| {
                Box::pin(async move {
                    let current = lock_and_read_current(t).await?;
                    if current.revision != revision {
                        return Err(StoreError::Conflict(Refusal::StaleRevision {
                            asked: revision,
                            current: current.revision,
                        }));
                    }
                    let generation = current.generation;
                    let mut params = params;
                    let mut done = 0;
                    while !params.is_empty() {
                        let rest = params.split_off(params.len().min(CHUNK_ROWS));
                        let chunk = std::mem::replace(&mut params, rest);
                        let expected = chunk.len();
                        let q = query(WRITE_METRICS)
                            .param("rows", BoltType::from_iter(chunk))
                            .param("revision", rev)
                            .param("generation", generation);
                        let n = single_int(t, q, "n").await?.unwrap_or(0);
                        if usize::try_from(n).ok() != Some(expected) {
                            let missing =
                                Self::first_missing(t, generation, &ids[done..done + expected])
                                    .await?;
                            return Err(StoreError::NotFound(Refusal::NoOrganization {
                                id: missing,
                            }));
                        }
                        done += expected;
                    }
                    rows(t, query(UNLOCK_META)).await.map(drop)
                })
            })
            .await
        })
        .await
    }

    /// The first id of `ids` without an Organization node (for error messages).
    async fn first_missing(
        t: &mut Txn,
        generation: i64,
        ids: &[String],
    ) -> Result<String, StoreError> {
        let q = query(FIRST_MISSING)
            .param("ids", ids.to_vec())
            .param("generation", generation);
        let found = rows(t, q).await?;
        Ok(found
            .first()
            .and_then(|r| r.get::<String>("id").ok())
            .unwrap_or_else(|| "(unknown)".into()))
    }

    /// A small change: in one transaction, under the meta lock, on the current generation.
    async fn apply_in_place(&self, batch: Batch) -> Result<u64, StoreError> {
        let _permit = self.read_permit().await?;
        let mut txn = self.begin().await?;
        let t = &mut txn;
        let work = async {
            let current = lock_and_read_current(t).await?;
            let g = current.generation;
            let stored = self.read_generation(t, g).await?;
            let next = merged(&stored.data, batch)?;
            let d = diff(&stored, &next, g)?;
            write_chunks(t, DELETE_TIES, g, "deleting ties", d.delete_ties).await?;
            write_chunks(t, DELETE_ORGS, g, "deleting organizations", d.delete_orgs).await?;
            write_chunks(t, UPSERT_ORGS, g, "writing organizations", d.upsert_orgs).await?;
            write_chunks(t, CREATE_TIES, g, "writing ties", d.create_ties).await?;
            to_revision(single_int(t, query(BUMP_REVISION), "value").await?)
        }
        .await;
        finish(txn, work).await
    }
}

#[async_trait]
impl GraphStore for Neo4jStore {
    async fn snapshot(&self) -> Result<Snapshot, StoreError> {
        within(self.config.long_timeout, "a snapshot read", async {
            let (current, stored) = self.read_locked().await?;
            Ok(Snapshot {
                revision: current.revision,
                data: Arc::new(stored.data),
            })
        })
        .await
    }

    async fn revision(&self) -> Result<u64, StoreError> {
        within(self.config.timeout, "a revision read", async {
            let txn = self.begin().await?;
            in_txn(txn, false, |t| {
                Box::pin(async move { read_current(t).await.map(|c| c.revision) })
            })
            .await
        })
        .await
    }

    async fn apply(&self, batch: Batch) -> Result<u64, StoreError> {
        let _guard = self.writer.lock().await;
        within(self.config.long_timeout, "an import", async {
            if batch.mode == ApplyMode::Merge && batch_rows(&batch) <= BULK_MIN_ROWS {
                self.apply_in_place(batch).await
            } else {
                self.apply_bulk(batch).await
            }
        })
        .await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        within(self.config.timeout, "a ping", async {
            let txn = self.begin().await?;
            in_txn(txn, false, |t| {
                Box::pin(async move {
                    match single_int(t, query("RETURN 1 AS one"), "one").await? {
                        Some(1) => Ok(()),
                        other => Err(StoreError::Backend(format!(
                            "Neo4j answered RETURN 1 with {other:?}"
                        ))),
                    }
                })
            })
            .await
        })
        .await
    }

    fn backend(&self) -> &'static str {
        "neo4j"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &[&'static str]) -> Vec<&'static str> {
        v.to_vec()
    }

    #[test]
    fn positions_keep_stored_order_and_append() {
        let k = keys(&["a", "b", "c", "d"]);
        let (a, b) = ("a", "b");
        let stored: HashMap<&&str, Option<i64>> = HashMap::from([(&a, Some(3)), (&b, Some(7))]);
        assert_eq!(positions(&k, &stored), vec![3, 7, 8, 9]);
    }

    #[test]
    fn positions_renumber_when_order_changes() {
        let k = keys(&["b", "a", "c"]);
        let (a, b) = ("a", "b");
        let stored: HashMap<&&str, Option<i64>> = HashMap::from([(&a, Some(0)), (&b, Some(1))]);
        assert_eq!(positions(&k, &stored), vec![0, 1, 2]);
        // A new record before a kept one also renumbers.
        let k = keys(&["c", "a"]);
        assert_eq!(positions(&k, &stored), vec![0, 1]);
        // A kept record without a stored position renumbers.
        let stored: HashMap<&&str, Option<i64>> = HashMap::from([(&a, None)]);
        assert_eq!(positions(&keys(&["a"]), &stored), vec![0]);
    }

    #[test]
    fn diff_of_equal_data_is_empty_and_changes_are_minimal() {
        let data = crate::store::conformance::sample();
        let stored = Stored {
            org_seq: (0..3).map(Some).collect(),
            tie_seq: (0..2).map(Some).collect(),
            data: data.clone(),
        };
        let d = diff(&stored, &data, 0).expect("diff");
        assert_eq!(
            (
                d.delete_ties.len(),
                d.delete_orgs.len(),
                d.upsert_orgs.len(),
                d.create_ties.len()
            ),
            (0, 0, 0, 0)
        );
        let mut next = data;
        next.organizations[1].name = "Renamed".into();
        next.ties[0].strength = 5;
        next.ties.remove(1);
        let d = diff(&stored, &next, 0).expect("diff");
        assert_eq!(
            (
                d.delete_ties.len(),
                d.delete_orgs.len(),
                d.upsert_orgs.len(),
                d.create_ties.len()
            ),
            (2, 0, 1, 1),
            "one org rewritten; the changed tie is deleted and created, the removed one deleted"
        );
    }

    #[test]
    fn stored_order_is_by_seq_then_id_with_missing_seq_last() {
        let org = |id: &str| Organization::bare(id);
        let stored = Stored::in_stored_order(
            vec![
                (None, org("a")),
                (Some(2), org("b")),
                (Some(1), org("d")),
                (Some(1), org("c")),
            ],
            Vec::new(),
        );
        let ids: Vec<&str> = stored
            .data
            .organizations
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(ids, ["c", "d", "b", "a"]);
        assert_eq!(stored.org_seq, [Some(1), Some(1), Some(2), None]);
    }

    #[test]
    fn empty_fields_are_not_stored_and_read_back_the_same() {
        let mut o = Organization::bare("x");
        o.name = String::new();
        let BoltType::Map(props) = org_props(&o, 7, 3).expect("props") else {
            panic!("a map");
        };
        let mut keys: Vec<String> = props.value.keys().map(|k| k.value.clone()).collect();
        keys.sort();
        assert_eq!(
            keys,
            ["generation", "id", "name", "seq"],
            "name is kept even when empty"
        );
        let a: OrgColsA = (
            Some("x".into()),
            Some(String::new()),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        );
        let b: OrgColsB = (
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            Some(7),
        );
        let (back, seq) = OrgRow::from_cols(a, b).into_model().expect("model");
        assert_eq!((back, seq), (o, Some(7)));
    }

    #[test]
    fn tie_columns_convert_and_name_the_tie_in_errors() {
        let cols: TieCols = (
            Some("b"),
            Some("coalition"),
            Some(3),
            Some(2019),
            None,
            Some("both"),
            Some(4),
            Some(vec!["trust", "value"]),
            Some(vec![3.5, 2.0]),
        );
        let (t, seq) = tie_from_cols("a", cols).expect("tie");
        assert_eq!(
            t.attributes,
            [("trust".to_owned(), 3.5), ("value".to_owned(), 2.0)].into()
        );
        assert_eq!(
            (t.source.as_str(), t.target.as_str(), t.kind, t.strength),
            ("a", "b", TieKind::Coalition, 3)
        );
        assert_eq!(
            (t.since, t.until, t.reported_by, seq),
            (Some(2019), None, ReportedBy::Both, Some(4))
        );
        let bad: TieCols = (
            Some("b"),
            Some("gossip"),
            Some(3),
            None,
            None,
            Some("both"),
            None,
            None,
            None,
        );
        let e = tie_from_cols("a", bad).expect_err("unknown kind");
        assert!(
            e.to_string().contains("the tie a -> b") && e.to_string().contains("gossip"),
            "{e}"
        );
    }

    #[test]
    fn debug_hides_the_password() {
        let c = Neo4jConfig::new("bolt://127.0.0.1:7687", "neo4j", "s3cret");
        assert!(!format!("{c:?}").contains("s3cret"));
    }
}
