//! [`Neo4jStore`]: the network kept in a Neo4j 5 database over Bolt (neo4rs).
//!
//! # Graph model
//! ```text
//! (:Organization {id, name, country, region, city, corridor, latitude, longitude, contact,
//!                 services: [..], populations: [..], population_served, salaried_staff,
//!                 annual_budget_usd, founded_year, partner, agreement_review,
//!                 feedback_to_population, social_media_use, donation_sources, seq})
//!   -[:COLLABORATES_WITH {kind, strength, since, until, reported_by, seq}]->
//! (:Organization)
//! (:PuentesMeta {key: 'revision', value})
//! ```
//! Absent optional fields are absent properties; vocabularies are stored by their snake_case
//! names. A tie's direction is `source -> target`. `seq` keeps the stored order of
//! organizations and ties, so a snapshot lists them in the same order as the embedded store
//! would (seeded algorithms then give the same results on both backends). Metrics written
//! back by [`Neo4jStore::write_metrics`] are `puentes_*` properties; they are not part of the
//! network, and an organization rewritten by an import loses them until the next write-back.
//!
//! # Revision and atomicity
//! The revision lives in the database (`(:PuentesMeta {key: 'revision'})`), so several
//! service replicas over one database agree on it. Every [`GraphStore::apply`] runs in ONE
//! transaction that first takes the write lock of that meta node (`SET m.locked = true`,
//! removed again by the revision bump), then reads the current network, validates the batch
//! with the shared [`merged`], writes only the difference with batched parameterised `UNWIND`
//! statements, bumps the revision and commits. Holding the lock from the first read to the
//! commit serializes writers across replicas, so a batch is never merged into a stale view
//! and no `Conflict` can arise among Puentes writers. [`GraphStore::snapshot`] takes the same
//! lock (and rolls back), so it never sees half of a commit. Writes made to the graph by other
//! tools, outside this protocol, are not covered. A failure at any point (invalid batch,
//! server stopped, timeout) rolls the transaction back: Neo4j discards uncommitted
//! transactions, also during crash recovery.
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

use super::{merged, Batch, GraphStore, Snapshot, StoreError};
use async_trait::async_trait;
use neo4rs::{query, BoltType, ConfigBuilder, Graph, Neo4jErrorKind, Query, Row, Txn};
use puentes_analysis::model::{
    Frequency, NetworkData, Organization, Population, ReportedBy, Service, Tie, TieKind,
};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

/// Rows per `UNWIND` statement; a batch of any size is written in chunks of this many rows,
/// all inside the same transaction.
pub const CHUNK_ROWS: usize = 5000;

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
mod txn;
use convert::*;
use cypher::*;
use diff::*;
use txn::*;

impl Neo4jStore {
    /// Connects, checks that Neo4j answers (`RETURN 1`), and creates the schema: uniqueness
    /// constraints on `Organization.id` and `PuentesMeta.key` (IF NOT EXISTS) and the
    /// revision node.
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
        let store = Neo4jStore {
            graph,
            config,
            writer: tokio::sync::Mutex::new(()),
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
        Ok(store)
    }

    /// The connection settings in use.
    pub fn config(&self) -> &Neo4jConfig {
        &self.config
    }

    async fn begin(&self) -> Result<Txn, StoreError> {
        self.graph.start_txn().await.map_err(driver_error)
    }

    /// Reads the whole network inside `txn`, checking the row counts.
    async fn read_all(txn: &mut Txn) -> Result<Stored, StoreError> {
        let counts = rows(txn, query(COUNT)).await?;
        let (orgs, ties) = match counts.first() {
            Some(row) => (
                row.get::<i64>("orgs").unwrap_or(-1),
                row.get::<i64>("ties").unwrap_or(-1),
            ),
            None => (-1, -1),
        };
        let mut data = NetworkData::default();
        let mut org_seq = Vec::new();
        for row in rows(txn, query(READ_ORGS)).await? {
            let r: OrgRow = row
                .get("o")
                .map_err(|e| StoreError::Backend(format!("reading an organization: {e}")))?;
            let (o, s) = r.into_model()?;
            data.organizations.push(o);
            org_seq.push(s);
        }
        let mut tie_seq = Vec::new();
        for row in rows(txn, query(READ_TIES)).await? {
            let r: TieRow = row
                .get("t")
                .map_err(|e| StoreError::Backend(format!("reading a tie: {e}")))?;
            let (t, s) = r.into_model()?;
            data.ties.push(t);
            tie_seq.push(s);
        }
        if usize::try_from(orgs).ok() != Some(data.organizations.len())
            || usize::try_from(ties).ok() != Some(data.ties.len())
        {
            return Err(StoreError::Backend(format!(
                "incomplete read: Neo4j counts {orgs} organizations and {ties} ties, \
                 received {} and {}",
                data.organizations.len(),
                data.ties.len()
            )));
        }
        Ok(Stored {
            data,
            org_seq,
            tie_seq,
        })
    }

    /// Writes metric values as properties of the organizations, like Neo4j GDS write mode:
    /// each `(id, [(name, value)])` sets `puentes_<name> = value` and
    /// `puentes_revision = revision` on the organization `id`, in one transaction. Non-finite
    /// values remove the property (a metric undefined for that organization).
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
                    return Err(StoreError::Invalid(format!(
                        "metric name {name:?}: expected 1 to 64 characters a-z, 0-9 or _"
                    )));
                }
                let v = value.is_finite().then_some(*value);
                props.insert(format!("{METRIC_PREFIX}{name}"), v.into());
            }
            let row: HashMap<&str, BoltType> =
                HashMap::from([("id", id.as_str().into()), ("props", props.into())]);
            params.push(BoltType::from(row));
        }
        let rev = i64::try_from(revision)
            .map_err(|_| StoreError::Invalid(format!("revision {revision} is too large")))?;
        let ids: Arc<Vec<String>> = Arc::new(rows_in.iter().map(|(id, _)| id.clone()).collect());
        let _guard = self.writer.lock().await;
        within(self.config.long_timeout, "the metrics write-back", async {
            let txn = self.begin().await?;
            in_txn(txn, true, move |t| {
                Box::pin(async move {
                    let stored = lock_and_read_revision(t).await?;
                    if stored != revision {
                        return Err(StoreError::Conflict(format!(
                            "metrics are for revision {revision} but the store is at {stored}"
                        )));
                    }
                    let mut params = params;
                    let mut done = 0;
                    while !params.is_empty() {
                        let rest = params.split_off(params.len().min(CHUNK_ROWS));
                        let chunk = std::mem::replace(&mut params, rest);
                        let expected = chunk.len();
                        let q = query(WRITE_METRICS)
                            .param("rows", BoltType::from_iter(chunk))
                            .param("revision", rev);
                        let n = single_int(t, q, "n").await?.unwrap_or(0);
                        if usize::try_from(n).ok() != Some(expected) {
                            let missing =
                                Self::first_missing(t, &ids[done..done + expected]).await?;
                            return Err(StoreError::NotFound(format!(
                                "organization {missing} (metrics not written)"
                            )));
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
    async fn first_missing(t: &mut Txn, ids: &[String]) -> Result<String, StoreError> {
        let q = query(
            "UNWIND $ids AS id OPTIONAL MATCH (o:Organization {id: id}) \
             WITH id, o WHERE o IS NULL RETURN id LIMIT 1",
        )
        .param("ids", ids.to_vec());
        let found = rows(t, q).await?;
        Ok(found
            .first()
            .and_then(|r| r.get::<String>("id").ok())
            .unwrap_or_else(|| "(unknown)".into()))
    }
}

#[async_trait]
impl GraphStore for Neo4jStore {
    async fn snapshot(&self) -> Result<Snapshot, StoreError> {
        within(self.config.long_timeout, "a snapshot read", async {
            let txn = self.begin().await?;
            // Taking the meta lock (then rolling back) guarantees no Puentes commit is halfway
            // applied while we read, so revision and content belong together.
            in_txn(txn, false, |t| {
                Box::pin(async move {
                    let revision = lock_and_read_revision(t).await?;
                    let stored = Self::read_all(t).await?;
                    Ok(Snapshot {
                        revision,
                        data: Arc::new(stored.data),
                    })
                })
            })
            .await
        })
        .await
    }

    async fn revision(&self) -> Result<u64, StoreError> {
        within(self.config.timeout, "a revision read", async {
            let txn = self.begin().await?;
            in_txn(txn, false, |t| {
                Box::pin(
                    async move { to_revision(single_int(t, query(READ_REVISION), "value").await?) },
                )
            })
            .await
        })
        .await
    }

    async fn apply(&self, batch: Batch) -> Result<u64, StoreError> {
        let _guard = self.writer.lock().await;
        within(self.config.long_timeout, "an import", async {
            let txn = self.begin().await?;
            in_txn(txn, true, move |t| {
                Box::pin(async move {
                    rows(t, query(LOCK_META)).await?;
                    let current = Self::read_all(t).await?;
                    let next = merged(&current.data, batch.clone())?;
                    let d = diff(&current, &next)?;
                    write_chunks(t, DELETE_TIES, "deleting ties", d.delete_ties).await?;
                    write_chunks(t, DELETE_ORGS, "deleting organizations", d.delete_orgs).await?;
                    write_chunks(t, UPSERT_ORGS, "writing organizations", d.upsert_orgs).await?;
                    write_chunks(t, CREATE_TIES, "writing ties", d.create_ties).await?;
                    to_revision(single_int(t, query(BUMP_REVISION), "value").await?)
                })
            })
            .await
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
        let d = diff(&stored, &data).expect("diff");
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
        let d = diff(&stored, &next).expect("diff");
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
    fn debug_hides_the_password() {
        let c = Neo4jConfig::new("bolt://127.0.0.1:7687", "neo4j", "s3cret");
        assert!(!format!("{c:?}").contains("s3cret"));
    }
}
