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

// ---- Cypher ------------------------------------------------------------------------------

const SCHEMA: [&str; 2] = [
    "CREATE CONSTRAINT puentes_organization_id IF NOT EXISTS \
     FOR (o:Organization) REQUIRE o.id IS UNIQUE",
    "CREATE CONSTRAINT puentes_meta_key IF NOT EXISTS \
     FOR (m:PuentesMeta) REQUIRE m.key IS UNIQUE",
];
const ENSURE_META: &str =
    "MERGE (m:PuentesMeta {key: 'revision'}) ON CREATE SET m.value = 0 RETURN m.value AS value";
/// Writing a property takes the node's write lock until the transaction ends. The value
/// written must not depend on a read: a read in the same statement may happen before the lock
/// is granted (Neo4j's "lost update" pitfall), so the revision is read by a later statement.
const LOCK_META: &str = "MERGE (m:PuentesMeta {key: 'revision'}) ON CREATE SET m.value = 0 \
     SET m.locked = true";
const UNLOCK_META: &str = "MATCH (m:PuentesMeta {key: 'revision'}) REMOVE m.locked";
const READ_REVISION: &str = "MATCH (m:PuentesMeta {key: 'revision'}) RETURN m.value AS value";
/// Runs under the lock, so `m.value` is the latest committed revision.
const BUMP_REVISION: &str = "MATCH (m:PuentesMeta {key: 'revision'}) \
     SET m.value = m.value + 1 REMOVE m.locked RETURN m.value AS value";
const COUNT: &str = "MATCH (o:Organization) WITH count(o) AS orgs \
     OPTIONAL MATCH (:Organization)-[t:COLLABORATES_WITH]->(:Organization) \
     RETURN orgs, count(t) AS ties";
const READ_ORGS: &str = "MATCH (o:Organization) RETURN o {.id, .name, .country, .region, .city, \
     .corridor, .latitude, .longitude, .contact, .services, .populations, .population_served, \
     .salaried_staff, .annual_budget_usd, .founded_year, .partner, .agreement_review, \
     .feedback_to_population, .social_media_use, .donation_sources, .seq} AS o \
     ORDER BY o.seq, o.id";
const READ_TIES: &str = "MATCH (a:Organization)-[t:COLLABORATES_WITH]->(b:Organization) \
     RETURN {source: a.id, target: b.id, kind: t.kind, strength: t.strength, since: t.since, \
     until: t.until, reported_by: t.reported_by, seq: t.seq} AS t \
     ORDER BY t.seq, t.source, t.target, t.kind";
const DELETE_TIES: &str = "UNWIND $rows AS r \
     MATCH (:Organization {id: r.a})-[t:COLLABORATES_WITH {kind: r.kind}]-(:Organization {id: r.b}) \
     DELETE t RETURN count(*) AS n";
const DELETE_ORGS: &str = "UNWIND $rows AS id MATCH (o:Organization {id: id}) \
     DETACH DELETE o RETURN count(*) AS n";
const UPSERT_ORGS: &str = "UNWIND $rows AS r MERGE (o:Organization {id: r.id}) \
     SET o = r RETURN count(*) AS n";
const CREATE_TIES: &str = "UNWIND $rows AS r \
     MATCH (a:Organization {id: r.source}) MATCH (b:Organization {id: r.target}) \
     CREATE (a)-[t:COLLABORATES_WITH]->(b) SET t = r.props RETURN count(*) AS n";
const WRITE_METRICS: &str = "UNWIND $rows AS r MATCH (o:Organization {id: r.id}) \
     SET o += r.props, o.puentes_revision = $revision RETURN count(*) AS n";

// ---- errors and limits ---------------------------------------------------------------------

/// Maps a driver error to the store's error, in words a user can act on.
fn driver_error(e: neo4rs::Error) -> StoreError {
    use neo4rs::Error as E;
    match e {
        E::IOError { .. }
        | E::ConnectionError
        | E::ConnectionTimedOut
        | E::IncompleteBoltExchange
        | E::ServerUnavailableError(_)
        | E::RequestIgnoredError
        | E::Ignored(_) => StoreError::Unavailable(format!("Neo4j cannot be reached: {e}")),
        E::AuthenticationError(_) => {
            StoreError::Backend(format!("Neo4j refused the credentials: {e}"))
        }
        E::Neo4j(ref n) => {
            let code = n.code().to_owned();
            match n.kind() {
                Neo4jErrorKind::Transient if code.ends_with("MemoryPoolOutOfMemoryError") => {
                    StoreError::Unavailable(format!(
                        "Neo4j ran out of transaction memory ({code}); the import is one \
                         transaction, so give the server more heap or raise \
                         db.memory.transaction.total.max"
                    ))
                }
                Neo4jErrorKind::Transient => {
                    StoreError::Unavailable(format!("Neo4j is busy or shutting down ({code})"))
                }
                Neo4jErrorKind::Client(neo4rs::Neo4jClientErrorKind::TransactionTerminated) => {
                    StoreError::Unavailable(format!("Neo4j ended the transaction ({code})"))
                }
                Neo4jErrorKind::Client(neo4rs::Neo4jClientErrorKind::Security(_)) => {
                    StoreError::Backend(format!("Neo4j refused access ({code}): {}", n.message()))
                }
                _ if code == "Neo.ClientError.Schema.ConstraintValidationFailed" => {
                    StoreError::Conflict(format!("Neo4j constraint violated: {}", n.message()))
                }
                _ if code.starts_with("Neo.TransientError.") => {
                    StoreError::Unavailable(format!("Neo4j is busy or shutting down ({code})"))
                }
                _ => StoreError::Backend(format!("Neo4j error {code}: {}", n.message())),
            }
        }
        other => StoreError::Backend(format!("Neo4j driver: {other}")),
    }
}

/// Runs `fut` for at most `limit`; elapsing is [`StoreError::Unavailable`].
async fn within<T>(
    limit: Duration,
    what: &str,
    fut: impl Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    match tokio::time::timeout(limit, fut).await {
        Ok(r) => r,
        Err(_) => Err(StoreError::Unavailable(format!(
            "Neo4j did not complete {what} within {} s",
            limit.as_secs_f64()
        ))),
    }
}

/// Runs `work` inside `txn`, then commits (when `commit`) or rolls back. On error the
/// transaction is rolled back before the error is returned, so it holds no lock afterwards.
async fn in_txn<T, F>(mut txn: Txn, commit: bool, work: F) -> Result<T, StoreError>
where
    F: for<'t> FnOnce(
        &'t mut Txn,
    )
        -> std::pin::Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 't>>,
{
    match work(&mut txn).await {
        Ok(v) => {
            if commit {
                txn.commit().await.map_err(driver_error)?;
            } else {
                txn.rollback().await.map_err(driver_error)?;
            }
            Ok(v)
        }
        Err(e) => {
            // Best effort: a broken connection cannot roll back, and the server discards the
            // transaction when the connection closes.
            let _ = tokio::time::timeout(Duration::from_secs(5), txn.rollback()).await;
            Err(e)
        }
    }
}

/// Runs a statement in `txn` and returns every row (the stream is consumed fully).
async fn rows(txn: &mut Txn, q: Query) -> Result<Vec<Row>, StoreError> {
    let mut stream = txn.execute(q).await.map_err(driver_error)?;
    let mut out = Vec::new();
    while let Some(row) = stream.next(txn.handle()).await.map_err(driver_error)? {
        out.push(row);
    }
    Ok(out)
}

/// Runs a statement returning one row and reads column `key` as an integer.
async fn single_int(txn: &mut Txn, q: Query, key: &str) -> Result<Option<i64>, StoreError> {
    let rows = rows(txn, q).await?;
    match rows.as_slice() {
        [] => Ok(None),
        [row] => row
            .get::<Option<i64>>(key)
            .map_err(|e| StoreError::Backend(format!("Neo4j returned a non-integer {key}: {e}"))),
        _ => Err(StoreError::Backend(format!(
            "Neo4j returned {} rows where one was expected",
            rows.len()
        ))),
    }
}

/// Takes the meta node's write lock, then reads the revision (fresh, because no Puentes writer
/// can be committing while we hold the lock).
async fn lock_and_read_revision(txn: &mut Txn) -> Result<u64, StoreError> {
    rows(txn, query(LOCK_META)).await?;
    to_revision(single_int(txn, query(READ_REVISION), "value").await?)
}

fn to_revision(v: Option<i64>) -> Result<u64, StoreError> {
    let v = v.unwrap_or(0);
    u64::try_from(v).map_err(|_| StoreError::Backend(format!("stored revision {v} is negative")))
}

/// Writes `rows` with `statement` in chunks and checks that each chunk touched every row.
async fn write_chunks(
    txn: &mut Txn,
    statement: &'static str,
    what: &str,
    rows: Vec<BoltType>,
) -> Result<(), StoreError> {
    let mut rows = rows;
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(CHUNK_ROWS));
        let chunk = std::mem::replace(&mut rows, rest);
        let expected = chunk.len();
        let q = query(statement).param("rows", BoltType::from_iter(chunk));
        let n = single_int(txn, q, "n").await?.unwrap_or(0);
        if usize::try_from(n).ok() != Some(expected) {
            return Err(StoreError::Backend(format!(
                "{what}: Neo4j touched {n} records for {expected} rows; the database was changed \
                 outside Puentes (nothing was written)"
            )));
        }
    }
    Ok(())
}

// ---- conversions ---------------------------------------------------------------------------

fn int<T: TryInto<i64> + Copy + std::fmt::Display>(
    v: T,
    field: &str,
    id: &str,
) -> Result<BoltType, StoreError> {
    v.try_into().map(BoltType::from).map_err(|_| {
        StoreError::Invalid(format!(
            "organization {id}: {field} = {v} is too large to store"
        ))
    })
}

fn opt_int<T: TryInto<i64> + Copy + std::fmt::Display>(
    v: Option<T>,
    field: &str,
    id: &str,
) -> Result<BoltType, StoreError> {
    match v {
        Some(v) => int(v, field, id),
        None => Ok(BoltType::from(None::<i64>)),
    }
}

fn names<T: Copy>(v: &[T], name: fn(T) -> &'static str) -> BoltType {
    v.iter().map(|x| name(*x)).collect()
}

/// The property map of an organization node.
fn org_props(o: &Organization, seq: i64) -> Result<BoltType, StoreError> {
    let id = o.id.as_str();
    let props: HashMap<&str, BoltType> = HashMap::from([
        ("id", o.id.as_str().into()),
        ("name", o.name.as_str().into()),
        ("country", o.country.as_str().into()),
        ("region", o.region.as_str().into()),
        ("city", o.city.as_str().into()),
        ("corridor", o.corridor.clone().into()),
        ("latitude", o.latitude.into()),
        ("longitude", o.longitude.into()),
        ("contact", o.contact.clone().into()),
        ("services", names(&o.services, Service::as_str)),
        ("populations", names(&o.populations, Population::as_str)),
        (
            "population_served",
            opt_int(o.population_served, "population_served", id)?,
        ),
        (
            "salaried_staff",
            opt_int(o.salaried_staff, "salaried_staff", id)?,
        ),
        (
            "annual_budget_usd",
            opt_int(o.annual_budget_usd, "annual_budget_usd", id)?,
        ),
        ("founded_year", o.founded_year.into()),
        ("partner", o.partner.into()),
        (
            "agreement_review",
            o.agreement_review.map(Frequency::as_str).into(),
        ),
        (
            "feedback_to_population",
            o.feedback_to_population.map(Frequency::as_str).into(),
        ),
        ("social_media_use", o.social_media_use.map(i64::from).into()),
        (
            "donation_sources",
            opt_int(o.donation_sources, "donation_sources", id)?,
        ),
        ("seq", seq.into()),
    ]);
    Ok(props.into())
}

/// The parameter row that creates one tie.
fn tie_row(t: &Tie, seq: i64) -> BoltType {
    let props: HashMap<&str, BoltType> = HashMap::from([
        ("kind", t.kind.as_str().into()),
        ("strength", i64::from(t.strength).into()),
        ("since", t.since.into()),
        ("until", t.until.into()),
        ("reported_by", t.reported_by.as_str().into()),
        ("seq", seq.into()),
    ]);
    let row: HashMap<&str, BoltType> = HashMap::from([
        ("source", t.source.as_str().into()),
        ("target", t.target.as_str().into()),
        ("props", props.into()),
    ]);
    row.into()
}

/// An organization as read back (every property optional: other tools may write the graph).
#[derive(Debug, Deserialize)]
struct OrgRow {
    id: Option<String>,
    name: Option<String>,
    country: Option<String>,
    region: Option<String>,
    city: Option<String>,
    corridor: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    contact: Option<String>,
    services: Option<Vec<String>>,
    populations: Option<Vec<String>>,
    population_served: Option<i64>,
    salaried_staff: Option<i64>,
    annual_budget_usd: Option<i64>,
    founded_year: Option<i64>,
    partner: Option<bool>,
    agreement_review: Option<String>,
    feedback_to_population: Option<String>,
    social_media_use: Option<i64>,
    donation_sources: Option<i64>,
    seq: Option<i64>,
}

/// A tie as read back.
#[derive(Debug, Deserialize)]
struct TieRow {
    source: Option<String>,
    target: Option<String>,
    kind: Option<String>,
    strength: Option<i64>,
    since: Option<i64>,
    until: Option<i64>,
    reported_by: Option<String>,
    seq: Option<i64>,
}

fn bad(what: &str, field: &str, value: impl std::fmt::Debug, expected: &str) -> StoreError {
    StoreError::Backend(format!(
        "{what} in Neo4j has {field} = {value:?}; expected {expected}"
    ))
}

fn parse<T: std::str::FromStr<Err = String>>(
    what: &str,
    field: &str,
    v: &str,
) -> Result<T, StoreError> {
    v.parse()
        .map_err(|expected: String| bad(what, field, v, &expected))
}

fn num<T: TryFrom<i64>>(what: &str, field: &str, v: Option<i64>) -> Result<Option<T>, StoreError> {
    v.map(|x| T::try_from(x).map_err(|_| bad(what, field, x, "a number in range")))
        .transpose()
}

impl OrgRow {
    fn into_model(self) -> Result<(Organization, Option<i64>), StoreError> {
        let id = self
            .id
            .ok_or_else(|| bad("an Organization node", "id", "null", "an id"))?;
        let what = format!("organization {id}");
        let w = what.as_str();
        let services = self
            .services
            .unwrap_or_default()
            .iter()
            .map(|s| parse::<Service>(w, "services", s))
            .collect::<Result<_, _>>()?;
        let populations = self
            .populations
            .unwrap_or_default()
            .iter()
            .map(|s| parse::<Population>(w, "populations", s))
            .collect::<Result<_, _>>()?;
        let freq = |field: &str, v: Option<String>| {
            v.map(|s| parse::<Frequency>(w, field, &s)).transpose()
        };
        let org = Organization {
            name: self.name.ok_or_else(|| bad(w, "name", "null", "a name"))?,
            country: self.country.unwrap_or_default(),
            region: self.region.unwrap_or_default(),
            city: self.city.unwrap_or_default(),
            corridor: self.corridor,
            latitude: self.latitude,
            longitude: self.longitude,
            contact: self.contact,
            services,
            populations,
            population_served: num(w, "population_served", self.population_served)?,
            salaried_staff: num(w, "salaried_staff", self.salaried_staff)?,
            annual_budget_usd: num(w, "annual_budget_usd", self.annual_budget_usd)?,
            founded_year: num(w, "founded_year", self.founded_year)?,
            partner: self.partner.unwrap_or(false),
            agreement_review: freq("agreement_review", self.agreement_review)?,
            feedback_to_population: freq("feedback_to_population", self.feedback_to_population)?,
            social_media_use: num(w, "social_media_use", self.social_media_use)?,
            donation_sources: num(w, "donation_sources", self.donation_sources)?,
            id,
        };
        Ok((org, self.seq))
    }
}

impl TieRow {
    fn into_model(self) -> Result<(Tie, Option<i64>), StoreError> {
        let (Some(source), Some(target)) = (self.source, self.target) else {
            return Err(StoreError::Backend(
                "a COLLABORATES_WITH relationship in Neo4j joins a node without id".into(),
            ));
        };
        let what = format!("the tie {source} -> {target}");
        let w = what.as_str();
        let kind = self
            .kind
            .ok_or_else(|| bad(w, "kind", "null", "a tie kind"))?;
        let reported_by = self
            .reported_by
            .ok_or_else(|| bad(w, "reported_by", "null", "source, target or both"))?;
        let tie = Tie {
            kind: parse::<TieKind>(w, "kind", &kind)?,
            strength: num(w, "strength", self.strength)?
                .ok_or_else(|| bad(w, "strength", "null", "1 to 5"))?,
            since: num(w, "since", self.since)?,
            until: num(w, "until", self.until)?,
            reported_by: parse::<ReportedBy>(w, "reported_by", &reported_by)?,
            source,
            target,
        };
        Ok((tie, self.seq))
    }
}

// ---- order and difference ------------------------------------------------------------------

/// The network as stored, with each record's stored position (`seq`).
struct Stored {
    data: NetworkData,
    org_seq: Vec<Option<i64>>,
    tie_seq: Vec<Option<i64>>,
}

/// A tie's identity: unordered pair and kind.
fn tie_key(t: &Tie) -> (String, String, TieKind) {
    if t.source <= t.target {
        (t.source.clone(), t.target.clone(), t.kind)
    } else {
        (t.target.clone(), t.source.clone(), t.kind)
    }
}

/// Positions for `keys` (the new order) given the stored positions of existing keys.
///
/// Kept records keep their stored position when that preserves the new order and every new
/// record comes after them (always the case for a merge: [`merged`] keeps the order and
/// appends); new records then get positions after the largest stored one. Otherwise (a
/// replace that reorders) every record is renumbered `0..n`.
fn positions<K: Hash + Eq>(keys: &[K], stored: &HashMap<&K, Option<i64>>) -> Vec<i64> {
    let mut last: Option<i64> = None;
    let mut seen_new = false;
    let mut keep = true;
    for k in keys {
        match stored.get(k) {
            Some(Some(p)) if !seen_new && last.is_none_or(|l| *p > l) => last = Some(*p),
            Some(_) => {
                keep = false;
                break;
            }
            None => seen_new = true,
        }
    }
    if !keep {
        return (0..keys.len()).map(|i| i as i64).collect();
    }
    let mut next = stored
        .values()
        .filter_map(|p| *p)
        .max()
        .map_or(0, |m| m + 1);
    keys.iter()
        .map(|k| match stored.get(k) {
            Some(Some(p)) => *p,
            _ => {
                next += 1;
                next - 1
            }
        })
        .collect()
}

/// What one apply writes: the difference between the stored network and the merged one.
#[derive(Default)]
struct Diff {
    delete_ties: Vec<BoltType>,
    delete_orgs: Vec<BoltType>,
    upsert_orgs: Vec<BoltType>,
    create_ties: Vec<BoltType>,
}

fn diff(current: &Stored, next: &NetworkData) -> Result<Diff, StoreError> {
    let mut d = Diff::default();

    let org_ids: Vec<&str> = next.organizations.iter().map(|o| o.id.as_str()).collect();
    let stored_orgs: HashMap<&str, (&Organization, Option<i64>)> = current
        .data
        .organizations
        .iter()
        .zip(&current.org_seq)
        .map(|(o, s)| (o.id.as_str(), (o, *s)))
        .collect();
    let seq_of: HashMap<&&str, Option<i64>> =
        stored_orgs.iter().map(|(k, (_, s))| (k, *s)).collect();
    let org_pos = positions(&org_ids, &seq_of);
    let next_ids: HashSet<&str> = org_ids.iter().copied().collect();
    for o in &current.data.organizations {
        if !next_ids.contains(o.id.as_str()) {
            d.delete_orgs.push(o.id.as_str().into());
        }
    }
    for (o, &pos) in next.organizations.iter().zip(&org_pos) {
        let same = stored_orgs
            .get(o.id.as_str())
            .is_some_and(|(old, seq)| *old == o && *seq == Some(pos));
        if !same {
            d.upsert_orgs.push(org_props(o, pos)?);
        }
    }

    let tie_keys: Vec<(String, String, TieKind)> = next.ties.iter().map(tie_key).collect();
    let stored_keys: Vec<(String, String, TieKind)> =
        current.data.ties.iter().map(tie_key).collect();
    let stored_ties: HashMap<&(String, String, TieKind), (&Tie, Option<i64>)> = stored_keys
        .iter()
        .zip(current.data.ties.iter().zip(&current.tie_seq))
        .map(|(k, (t, s))| (k, (t, *s)))
        .collect();
    let seq_of: HashMap<&(String, String, TieKind), Option<i64>> =
        stored_ties.iter().map(|(k, (_, s))| (*k, *s)).collect();
    let tie_pos = positions(&tie_keys, &seq_of);
    let next_ties: HashMap<&(String, String, TieKind), (&Tie, i64)> = tie_keys
        .iter()
        .zip(next.ties.iter().zip(tie_pos.iter().copied()))
        .collect();
    for (key, (old, old_seq)) in &stored_ties {
        let keep = next_ties
            .get(key)
            .is_some_and(|(t, p)| *t == *old && *old_seq == Some(*p));
        if !keep {
            let row: HashMap<&str, BoltType> = HashMap::from([
                ("a", key.0.as_str().into()),
                ("b", key.1.as_str().into()),
                ("kind", key.2.as_str().into()),
            ]);
            d.delete_ties.push(row.into());
        }
    }
    for (key, (t, p)) in next_ties.iter().map(|(k, v)| (*k, *v)) {
        let keep = stored_ties
            .get(key)
            .is_some_and(|(old, old_seq)| *old == t && *old_seq == Some(p));
        if !keep {
            d.create_ties.push(tie_row(t, p));
        }
    }
    Ok(d)
}

// ---- the store -----------------------------------------------------------------------------

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
