//! [`Neo4jStore`] against a real Neo4j server (no mock).
//!
//! Start one and point the tests at it:
//! ```text
//! scripts/neo4j/start && source scripts/neo4j/run/neo4j.env
//! CARGO_TARGET_DIR=... cargo test -p puentes --test integration neo4j_store::
//! scripts/neo4j/stop
//! ```
//! Without `NEO4J_TEST_URI` every test here FAILS, saying how to start Neo4j: a missing
//! service must never look like a pass. Community edition has one database and the
//! conformance suite replaces its content, so the tests take turns through [`SERIAL`].
//! `faults_are_bounded_and_leave_no_partial_data` stops and restarts the server through
//! `scripts/neo4j/stop` and `scripts/neo4j/start --keep`, so it needs the server started by
//! those scripts.

use neo4rs::{query, Graph};
use puentes::store::{conformance, Batch, GraphStore, Neo4jConfig, Neo4jStore, StoreError};
use puentes_analysis::model::{NetworkData, Organization, ReportedBy, Tie, TieKind};
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The tests share one database; each holds this for its whole run.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const HOW: &str = "these tests need a real Neo4j server: run \
    `scripts/neo4j/start && source scripts/neo4j/run/neo4j.env` \
    (sets NEO4J_TEST_URI, NEO4J_TEST_USER, NEO4J_TEST_PASSWORD) and run the tests again";

fn config() -> Neo4jConfig {
    let uri = std::env::var("NEO4J_TEST_URI")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| panic!("NEO4J_TEST_URI is not set: {HOW}"));
    let user = std::env::var("NEO4J_TEST_USER").unwrap_or_else(|_| "neo4j".into());
    let password = std::env::var("NEO4J_TEST_PASSWORD").unwrap_or_default();
    Neo4jConfig::new(uri, user, password)
}

async fn connect(config: Neo4jConfig) -> Neo4jStore {
    Neo4jStore::connect(config)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to Neo4j ({e}); {HOW}"))
}

/// A raw driver connection, to check what the store wrote with plain Cypher.
fn raw(config: &Neo4jConfig) -> Graph {
    Graph::new(&config.uri, &config.user, &config.password).expect("neo4rs graph")
}

fn sorted(mut d: NetworkData) -> NetworkData {
    d.organizations.sort_by(|x, y| x.id.cmp(&y.id));
    d.ties
        .sort_by(|x, y| (&x.source, &x.target, x.kind).cmp(&(&y.source, &y.target, y.kind)));
    d
}

#[tokio::test]
async fn conformance_suite_passes_on_neo4j() {
    let _serial = SERIAL.lock().await;
    let store = connect(config()).await;
    assert_eq!(store.backend(), "neo4j");
    conformance::run_all(&store).await;
}

#[tokio::test]
async fn snapshot_keeps_the_stored_order() {
    let _serial = SERIAL.lock().await;
    let store = connect(config()).await;
    let mut data = conformance::sample();
    data.organizations.reverse(); // c, b, a: not alphabetical
    data.ties.reverse();
    store
        .apply(Batch::replace(data.clone()))
        .await
        .expect("replace");
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(*snap.data, data, "same order as imported");
    // A merge keeps the order and appends new records, like the embedded store.
    let mut d = Organization {
        country: "HN".into(),
        ..Organization::bare("d")
    };
    d.name = "Org d".into();
    let mut renamed = data.organizations[1].clone();
    renamed.name = "Renamed b".into();
    store
        .apply(Batch {
            upsert_organizations: vec![d.clone(), renamed.clone()],
            ..Batch::default()
        })
        .await
        .expect("merge");
    let snap = store.snapshot().await.expect("snapshot");
    let ids: Vec<&str> = snap
        .data
        .organizations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(ids, ["c", "b", "a", "d"]);
    assert_eq!(snap.data.organizations[1].name, "Renamed b");
}

#[tokio::test]
async fn metrics_are_written_back_as_properties() {
    let _serial = SERIAL.lock().await;
    let cfg = config();
    let store = connect(cfg.clone()).await;
    let rev = store
        .apply(Batch::replace(conformance::sample()))
        .await
        .expect("replace");
    let rows = vec![
        (
            "a".to_string(),
            vec![
                ("degree".to_string(), 1.0),
                ("betweenness".to_string(), 0.0),
            ],
        ),
        (
            "b".to_string(),
            vec![
                ("degree".to_string(), 2.0),
                ("betweenness".to_string(), 1.0),
            ],
        ),
        (
            "c".to_string(),
            vec![
                ("degree".to_string(), 1.0),
                ("betweenness".to_string(), f64::NAN),
            ],
        ),
    ];
    store
        .write_metrics(rev, &rows)
        .await
        .expect("write metrics");

    let graph = raw(&cfg);
    let mut stream = graph
        .execute(
            query(
                "MATCH (o:Organization) WHERE o.puentes_revision = $rev \
                 RETURN o.id AS id, o.puentes_degree AS degree, \
                 o.puentes_betweenness AS betweenness ORDER BY id",
            )
            .param("rev", i64::try_from(rev).expect("small revision")),
        )
        .await
        .expect("query");
    let mut got = Vec::new();
    while let Some(row) = stream.next().await.expect("row") {
        got.push((
            row.get::<String>("id").expect("id"),
            row.get::<f64>("degree").expect("degree"),
            row.get::<Option<f64>>("betweenness").expect("betweenness"),
        ));
    }
    assert_eq!(
        got,
        vec![
            ("a".to_string(), 1.0, Some(0.0)),
            ("b".to_string(), 2.0, Some(1.0)),
            ("c".to_string(), 1.0, None), // NaN: the property is absent
        ]
    );
    // Metrics are derived data: the revision and the network are unchanged.
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(snap.revision, rev);
    assert_eq!(sorted((*snap.data).clone()), sorted(conformance::sample()));

    // Refusals write nothing.
    let stale = store.write_metrics(rev - 1, &rows).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict(_))),
        "stale revision: {stale:?}"
    );
    let unknown = store
        .write_metrics(
            rev,
            &[
                ("a".to_string(), vec![("degree".to_string(), 99.0)]),
                ("nowhere".to_string(), vec![("degree".to_string(), 1.0)]),
            ],
        )
        .await;
    assert!(
        matches!(&unknown, Err(StoreError::NotFound(m)) if m.render(puentes::i18n::Lang::En).contains("nowhere")),
        "unknown id: {unknown:?}"
    );
    let bad_name = store
        .write_metrics(
            rev,
            &[("a".to_string(), vec![("Deg ree".to_string(), 1.0)])],
        )
        .await;
    assert!(
        matches!(bad_name, Err(StoreError::Invalid(_))),
        "bad name: {bad_name:?}"
    );
    let mut stream = graph
        .execute(query(
            "MATCH (o:Organization {id: 'a'}) RETURN o.puentes_degree AS degree",
        ))
        .await
        .expect("query");
    let row = stream.next().await.expect("row").expect("a exists");
    assert_eq!(row.get::<f64>("degree").expect("degree"), 1.0, "unchanged");
    while stream.next().await.expect("drain").is_some() {}
}

/// Batches larger than one `UNWIND` chunk (5000 rows) are written completely, in order, and a
/// later merge touches only what changed.
#[tokio::test]
async fn imports_larger_than_one_chunk_round_trip() {
    let _serial = SERIAL.lock().await;
    let store = connect(config()).await;
    let data = big_network(12_000); // 12 000 organizations, 36 000 ties: 3 and 8 chunks
    let t = Instant::now();
    let rev = store
        .apply(Batch::replace(data.clone()))
        .await
        .expect("big replace");
    let took_apply = t.elapsed();
    let t = Instant::now();
    let snap = store.snapshot().await.expect("snapshot");
    eprintln!(
        "replace with {} organizations and {} ties: {took_apply:?}; snapshot: {:?}",
        data.organizations.len(),
        data.ties.len(),
        t.elapsed()
    );
    assert_eq!(snap.revision, rev);
    assert_eq!(*snap.data, data, "same content in the same order");

    let batch = Batch {
        delete_organizations: vec!["big-7".into()],
        upsert_ties: vec![Tie {
            strength: 5,
            ..data.ties[100].clone()
        }],
        ..Batch::default()
    };
    let expected = puentes::store::merged(&data, batch.clone()).expect("valid batch");
    let t = Instant::now();
    let rev2 = store
        .apply(batch)
        .await
        .expect("small merge into a big network");
    eprintln!("merge deleting one organization: {:?}", t.elapsed());
    assert_eq!(rev2, rev + 1);
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(snap.data.organizations.len(), 11_999);
    assert_eq!(snap.data.ties.len(), 36_000 - 6, "big-7 had 6 ties");
    assert_eq!(
        *snap.data, expected,
        "same as the shared merge rule, same order"
    );
}

/// Two stores (as two service replicas would) write at once while a third reads: every
/// write lands, revisions are consecutive, and each snapshot's content matches its revision.
#[tokio::test]
async fn replicas_serialize_writes_and_snapshots_are_consistent() {
    let _serial = SERIAL.lock().await;
    let cfg = config();
    let (one, two, reader) = (
        Arc::new(connect(cfg.clone()).await),
        Arc::new(connect(cfg.clone()).await),
        Arc::new(connect(cfg).await),
    );
    let base_rev = one
        .apply(Batch::replace(conformance::sample()))
        .await
        .expect("replace");
    let base_orgs = conformance::sample().organizations.len();
    let per_writer = 8;
    let writer = |store: Arc<Neo4jStore>, prefix: &'static str| {
        tokio::spawn(async move {
            for i in 0..per_writer {
                let mut o = Organization::bare(&format!("{prefix}-{i}"));
                o.country = "MX".into();
                store
                    .apply(Batch {
                        upsert_organizations: vec![o],
                        upsert_ties: vec![Tie {
                            source: format!("{prefix}-{i}"),
                            target: "a".into(),
                            kind: TieKind::Referral,
                            strength: 2,
                            since: Some(2020),
                            until: None,
                            reported_by: ReportedBy::Source,
                            attributes: Default::default(),
                        }],
                        ..Batch::default()
                    })
                    .await
                    .expect("concurrent apply");
            }
        })
    };
    let w1 = writer(one.clone(), "one");
    let w2 = writer(two.clone(), "two");
    let r = {
        let reader = reader.clone();
        tokio::spawn(async move {
            let mut seen = 0;
            for _ in 0..40 {
                let snap = reader.snapshot().await.expect("snapshot during writes");
                let added = usize::try_from(snap.revision - base_rev).expect("small");
                assert_eq!(
                    snap.data.organizations.len(),
                    base_orgs + added,
                    "snapshot at revision {} must hold exactly its writes",
                    snap.revision
                );
                assert_eq!(snap.data.ties.len(), 2 + added);
                seen += 1;
            }
            seen
        })
    };
    w1.await.expect("writer one");
    w2.await.expect("writer two");
    assert_eq!(r.await.expect("reader"), 40);
    let snap = reader.snapshot().await.expect("snapshot");
    assert_eq!(snap.revision, base_rev + 2 * per_writer as u64);
    assert_eq!(snap.data.organizations.len(), base_orgs + 2 * per_writer);
    assert_eq!(snap.data.ties.len(), 2 + 2 * per_writer);
}

// ---- faults: the test stops and restarts the server itself ---------------------------------

fn scripts() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/neo4j"))
}

/// Where the scripts keep the server's pid and env files (`NEO4J_RUN_DIR`, as for them).
fn run_dir() -> PathBuf {
    std::env::var_os("NEO4J_RUN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| scripts().join("run"))
}

fn script(args: &[&str]) {
    let (name, rest) = args.split_first().expect("script name");
    let out = Command::new(scripts().join(name))
        .args(rest)
        .output()
        .unwrap_or_else(|e| panic!("cannot run scripts/neo4j/{name}: {e}"));
    assert!(
        out.status.success(),
        "scripts/neo4j/{} failed:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Restarts the server if a failed assertion left it stopped, so later tests still run.
struct RestartOnDrop;

impl Drop for RestartOnDrop {
    fn drop(&mut self) {
        if !run_dir().join("neo4j.pid").exists() {
            let _ = Command::new(scripts().join("start")).arg("--keep").output();
        }
    }
}

/// A network big enough that writing it takes a while (so it can be interrupted).
fn big_network(n: usize) -> NetworkData {
    let organizations = (0..n)
        .map(|i| Organization {
            country: "GT".into(),
            city: "Tapachula".into(),
            ..Organization::bare(&format!("big-{i}"))
        })
        .collect();
    let ties = (0..n)
        .flat_map(|i| {
            [1, 2, 5].map(|step| Tie {
                source: format!("big-{i}"),
                target: format!("big-{}", (i + step) % n),
                kind: TieKind::Coalition,
                strength: 1 + (i % 5) as u8,
                since: Some(2010 + (i % 12) as i32),
                until: None,
                reported_by: ReportedBy::Both,
                attributes: Default::default(),
            })
        })
        .collect();
    NetworkData {
        organizations,
        ties,
    }
}

/// Waits until a write statement of the store is running on the server.
async fn wait_for_write_in_progress(graph: &Graph, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(mut stream) = graph
            .execute(query(
                "SHOW TRANSACTIONS YIELD currentQuery \
                 WHERE currentQuery CONTAINS 'UNWIND $rows' RETURN count(*) AS n",
            ))
            .await
        {
            if let Ok(Some(row)) = stream.next().await {
                if row.get::<i64>("n").unwrap_or(0) > 0 {
                    return true;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

fn assert_unavailable<T: std::fmt::Debug>(what: &str, r: &Result<T, StoreError>, took: Duration) {
    assert!(
        matches!(r, Err(StoreError::Unavailable(_))),
        "{what} while Neo4j is stopped: expected Unavailable, got {r:?}"
    );
    eprintln!("{what} while Neo4j is stopped: {r:?} after {took:?}");
    assert!(
        took < Duration::from_secs(5),
        "{what} while Neo4j is stopped took {took:?}; must fail promptly"
    );
}

async fn interrupted_import_leaves_nothing(
    store: &Arc<Neo4jStore>,
    cfg: &Neo4jConfig,
    stop_args: &[&str],
) {
    let before = store.snapshot().await.expect("snapshot before");
    let big = big_network(30_000);
    let task = {
        let store = store.clone();
        tokio::spawn(async move { store.apply(Batch::replace(big)).await })
    };
    let watcher = raw(cfg);
    assert!(
        wait_for_write_in_progress(&watcher, Duration::from_secs(120)).await,
        "the big import never showed up in SHOW TRANSACTIONS"
    );
    // Mid-load: part of the new generation is committed.
    assert!(
        wait_for_staged_rows(&watcher, Duration::from_secs(120)).await,
        "the big import never committed a chunk"
    );
    script(stop_args);
    let result = tokio::time::timeout(Duration::from_secs(60), task)
        .await
        .expect("the interrupted apply returns promptly")
        .expect("apply task");
    eprintln!(
        "import interrupted by `{}` returned {result:?}",
        stop_args.join(" ")
    );
    assert!(
        result.is_err(),
        "{}: the import was meant to be interrupted but committed: {result:?}",
        stop_args.join(" ")
    );
    script(&["start", "--keep"]);
    let after = store.snapshot().await.expect("snapshot after restart");
    assert_eq!(
        after.revision,
        before.revision,
        "{}: revision unchanged",
        stop_args.join(" ")
    );
    assert_eq!(
        *after.data,
        *before.data,
        "{}: content unchanged, no partial import",
        stop_args.join(" ")
    );
}

#[tokio::test]
async fn faults_are_bounded_and_leave_no_partial_data() {
    let _serial = SERIAL.lock().await;
    let mut cfg = config();
    assert!(
        run_dir().join("neo4j.pid").exists(),
        "the fault test stops and restarts Neo4j through scripts/neo4j/stop and \
         scripts/neo4j/start --keep, so the server must be started by scripts/neo4j/start"
    );
    let _restart = RestartOnDrop;
    cfg.timeout = Duration::from_secs(3);
    cfg.long_timeout = Duration::from_secs(120);
    let store = Arc::new(connect(cfg.clone()).await);
    let rev = store
        .apply(Batch::replace(conformance::sample()))
        .await
        .expect("replace");

    // 1. Stopped server: every call fails promptly with Unavailable.
    script(&["stop"]);
    let t = Instant::now();
    let r = store.ping().await;
    assert_unavailable("ping", &r, t.elapsed());
    let t = Instant::now();
    let r = store.snapshot().await;
    assert_unavailable("snapshot", &r, t.elapsed());
    let t = Instant::now();
    let r = store.revision().await;
    assert_unavailable("revision", &r, t.elapsed());
    let t = Instant::now();
    let r = store.apply(Batch::replace(NetworkData::default())).await;
    assert_unavailable("apply", &r, t.elapsed());
    match Neo4jStore::connect(cfg.clone()).await {
        Err(StoreError::Unavailable(_)) => {}
        other => panic!("connect while stopped: expected Unavailable, got {other:?}"),
    }

    // 2. Back up: the same store object recovers by itself, data intact.
    script(&["start", "--keep"]);
    store.ping().await.expect("ping after restart");
    let snap = store.snapshot().await.expect("snapshot after restart");
    assert_eq!(snap.revision, rev);
    assert_eq!(sorted((*snap.data).clone()), sorted(conformance::sample()));

    // 3. An import interrupted by a clean stop (SIGTERM), then by a crash (SIGKILL).
    interrupted_import_leaves_nothing(&store, &cfg, &["stop"]).await;
    interrupted_import_leaves_nothing(&store, &cfg, &["stop", "--kill"]).await;

    // 4. And the store still writes; that import (the lease of the interrupted ones is this
    // store's own) removes what they had written.
    let graph = raw(&cfg);
    assert!(
        staged(&graph).await.0 > 0,
        "the interrupted imports left a generation nobody reads"
    );
    let r2 = store
        .apply(Batch::replace(conformance::sample()))
        .await
        .expect("apply after the faults");
    assert_eq!(r2, rev + 1);
    assert_eq!(
        staged(&graph).await,
        (0, None),
        "the next import removed the leftovers and released the lease"
    );
}

// ---- interrupted bulk imports: readers stay on the old revision, leftovers are removed -----

/// Organizations outside the current generation (an import's staged or left-over nodes), and
/// the generation the import lease names, if any.
async fn staged(graph: &Graph) -> (i64, Option<i64>) {
    let mut stream = graph
        .execute(query(
            "MATCH (m:PuentesMeta {key: 'revision'}) \
             OPTIONAL MATCH (o:Organization) WHERE o.generation <> m.generation \
             WITH count(o) AS n \
             OPTIONAL MATCH (i:PuentesMeta {key: 'import'}) \
             RETURN n, i.generation AS leased",
        ))
        .await
        .expect("query");
    let row = stream.next().await.expect("row").expect("one row");
    while stream.next().await.expect("drain").is_some() {}
    (
        row.get::<i64>("n").expect("n"),
        row.get::<Option<i64>>("leased").expect("leased"),
    )
}

/// Waits until an import has committed part of a new generation.
async fn wait_for_staged_rows(graph: &Graph, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if staged(graph).await.0 > 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

async fn assert_still_sample(store: &Neo4jStore, revision: u64, what: &str) {
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(snap.revision, revision, "{what}: revision unchanged");
    assert_eq!(
        sorted((*snap.data).clone()),
        sorted(conformance::sample()),
        "{what}: readers see the old network, nothing of the interrupted import"
    );
}

/// `puentes import --store neo4j` killed (SIGKILL) while it writes the new generation: readers
/// stay on the old revision; the next start, once the dead importer's lease has expired,
/// deletes what it had written; the next import works.
#[tokio::test]
async fn killed_import_process_leaves_readers_on_the_old_revision() {
    let _serial = SERIAL.lock().await;
    let cfg = config();
    let store = connect(cfg.clone()).await;
    let graph = raw(&cfg);
    let rev = store
        .apply(Batch::replace(conformance::sample()))
        .await
        .expect("replace");
    assert_eq!(staged(&graph).await, (0, None), "a clean start");

    // 40 000 organizations and 120 000 ties as a SNAP edge list.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.txt");
    let n = 40_000;
    let mut text = String::with_capacity(n * 3 * 14);
    for i in 0..n {
        for step in [1, 2, 5] {
            text.push_str(&format!("{i}\t{}\n", (i + step) % n));
        }
    }
    std::fs::write(&path, text).expect("write the edge list");
    let mut child = Command::new(env!("CARGO_BIN_EXE_puentes"))
        .args([
            "import",
            path.to_str().expect("utf-8 path"),
            "--mode",
            "replace",
        ])
        .args([
            "--store",
            "neo4j",
            "--neo4j-uri",
            &cfg.uri,
            "--neo4j-user",
            &cfg.user,
        ])
        .env("NEO4J_PASSWORD", &cfg.password)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start puentes import");
    let started = wait_for_staged_rows(&graph, Duration::from_secs(120)).await;
    let finished_early = child.try_wait().expect("child status");
    child.kill().expect("kill -9 the import");
    let status = child.wait().expect("reap the import");
    assert!(
        started && finished_early.is_none(),
        "the import must be killed while it writes (started: {started}, exit: {finished_early:?})"
    );
    eprintln!("killed the import: {status:?}");

    assert_still_sample(&store, rev, "after kill -9").await;
    let (left, leased) = staged(&graph).await;
    assert!(left > 0, "the killed import left its staged generation");
    assert!(leased.is_some(), "and its lease, until it expires");

    // A start while the dead importer's lease still looks alive leaves its generation alone
    // (a commit the server had received before the kill may still land: never fewer rows).
    drop(connect(cfg.clone()).await);
    let (kept, leased_after) = staged(&graph).await;
    assert!(
        kept >= left,
        "an unexpired lease is respected: {kept} < {left}"
    );
    assert_eq!(leased_after, leased, "the lease is untouched");
    // Time passes (the lease lasts 30 s): expire it on the server's clock.
    graph
        .run(query(
            "MATCH (i:PuentesMeta {key: 'import'}) SET i.until = timestamp() - 1",
        ))
        .await
        .expect("expire the lease");
    let restarted = connect(cfg.clone()).await;
    assert_eq!(
        staged(&graph).await,
        (0, None),
        "the next start removed the leftovers and the expired lease"
    );
    assert_still_sample(&restarted, rev, "after the clean-up").await;
    let rev2 = restarted
        .apply(Batch::replace(big_network(500)))
        .await
        .expect("the next import");
    assert_eq!(rev2, rev + 1);
    assert_eq!(
        *restarted.snapshot().await.expect("snapshot").data,
        big_network(500)
    );
}

/// An import whose future is dropped between its transactions (a cancelled request): readers
/// stay on the old revision, and the same store's next import takes its own abandoned lease
/// over at once and removes what the dropped one wrote.
#[tokio::test]
async fn dropped_import_leaves_readers_on_the_old_revision() {
    let _serial = SERIAL.lock().await;
    let cfg = config();
    let store = Arc::new(connect(cfg.clone()).await);
    let graph = raw(&cfg);
    let rev = store
        .apply(Batch::replace(conformance::sample()))
        .await
        .expect("replace");
    let task = {
        let store = store.clone();
        tokio::spawn(async move { store.apply(Batch::replace(big_network(30_000))).await })
    };
    assert!(
        wait_for_staged_rows(&graph, Duration::from_secs(120)).await,
        "the big import never committed a chunk"
    );
    task.abort();
    let outcome = task.await;
    assert!(
        outcome.as_ref().is_err_and(|e| e.is_cancelled()),
        "the import was meant to be dropped mid-way: {outcome:?}"
    );
    assert_still_sample(&store, rev, "after the drop").await;
    assert!(staged(&graph).await.0 > 0, "the dropped import left rows");

    let mut next = conformance::sample();
    next.organizations[0].name = "Renamed".into();
    let t = Instant::now();
    let rev2 = store
        .apply(Batch::replace(next.clone()))
        .await
        .expect("the next import");
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "the store's own abandoned lease is taken over without waiting for it to expire"
    );
    assert_eq!(rev2, rev + 1);
    assert_eq!(staged(&graph).await, (0, None), "leftovers removed");
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(sorted((*snap.data).clone()), sorted(next));
}

/// Two stores (two processes or replicas) import in bulk at once: the second waits for the
/// first's lease, both land, in turn, and nothing is left over.
#[tokio::test]
async fn concurrent_bulk_imports_take_turns() {
    let _serial = SERIAL.lock().await;
    let cfg = config();
    let (one, two) = (
        Arc::new(connect(cfg.clone()).await),
        Arc::new(connect(cfg.clone()).await),
    );
    let graph = raw(&cfg);
    let base = one
        .apply(Batch::replace(conformance::sample()))
        .await
        .expect("replace");
    let import = |store: Arc<Neo4jStore>, n: usize| {
        tokio::spawn(async move { store.apply(Batch::replace(big_network(n))).await })
    };
    let (a, b) = (import(one.clone(), 6000), import(two.clone(), 7000));
    let (ra, rb) = (
        a.await.expect("task").expect("import one"),
        b.await.expect("task").expect("import two"),
    );
    let mut revs = [ra, rb];
    revs.sort_unstable();
    assert_eq!(
        revs,
        [base + 1, base + 2],
        "both applied, one after the other"
    );
    let last = if rb > ra { 7000 } else { 6000 };
    let snap = one.snapshot().await.expect("snapshot");
    assert_eq!(snap.revision, base + 2);
    assert_eq!(
        *snap.data,
        big_network(last),
        "the later switch wins, whole"
    );
    assert_eq!(staged(&graph).await, (0, None), "nothing left over");
}

/// Issue 24, beyond one machine: two `puentes serve --store neo4j` processes (replicas behind
/// a load balancer) over one Neo4j. Imports sent through both at once all land, one after the
/// other (no write lost, revisions consecutive), and each replica answers with every write,
/// its own and the other's.
#[tokio::test]
async fn two_serve_replicas_on_one_neo4j_see_each_others_imports() {
    use crate::support::{self, Server};
    let _serial = SERIAL.lock().await;
    let cfg = config();
    let store = connect(cfg.clone()).await;
    let base = store
        .apply(Batch::replace(conformance::sample()))
        .await
        .expect("replace");
    let base_orgs = conformance::sample().organizations.len();
    let base_gt = conformance::sample()
        .organizations
        .iter()
        .filter(|o| o.country == "GT")
        .count();
    let dir = tempfile::tempdir().expect("tempdir");
    let token = "replica-admin-token";
    let replica = |name: &str| {
        let mut cmd = support::puentes();
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--store", "neo4j"])
            .args(["--neo4j-uri", &cfg.uri, "--neo4j-user", &cfg.user])
            // Every read asks Neo4j for its revision: a write through the other replica is
            // seen at once (the default, 250 ms, lets a replica answer from its cache that long).
            .args(["--revision-check-ms", "0", "--client-rate", "0"])
            // Reads wait for the newest revision's analyses instead of answering from the
            // previous one after a second (a busy debug build may take longer).
            .args(["--stale-after-ms", "0"])
            .env("NEO4J_PASSWORD", &cfg.password)
            .env("PUENTES_ADMIN_TOKEN", token);
        Server::start(cmd, &dir.path().join(format!("{name}.stderr")))
    };
    let (one, two) = (replica("one"), replica("two"));
    let rounds = 5;
    let import = |addr: std::net::SocketAddr, prefix: &'static str| {
        std::thread::spawn(move || {
            (0..rounds)
                .map(|round| {
                    let body = serde_json::json!({
                        "organizations": (0..3).map(|i| serde_json::json!({
                            "id": format!("{prefix}-{round}-{i}"),
                            "name": format!("Replica {prefix} {round} {i}"),
                            "country": "GT",
                        })).collect::<Vec<_>>(),
                        "ties": (0..3).map(|i| serde_json::json!({
                            "source": format!("{prefix}-{round}-{i}"),
                            "target": "a",
                            "kind": "referral",
                            "strength": 2,
                        })).collect::<Vec<_>>(),
                    })
                    .to_string();
                    let request = format!(
                        "POST /api/v1/import HTTP/1.1\r\nHost: puentes\r\nConnection: close\r\n\
                         Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
                         Content-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    let (status, answer) = support::raw(addr, request.as_bytes());
                    assert_eq!(status, 200, "import through {prefix}: {answer}");
                    let answer: serde_json::Value =
                        serde_json::from_str(&answer).expect("JSON answer");
                    answer["revision"].as_u64().expect("revision")
                })
                .collect::<Vec<u64>>()
        })
    };
    // Both replicas import at once.
    let (a, b) = (import(one.addr, "one"), import(two.addr, "two"));
    let mut revisions = a.join().expect("imports through one");
    revisions.extend(b.join().expect("imports through two"));
    revisions.sort_unstable();
    let expected: Vec<u64> = (base + 1..=base + 2 * rounds as u64).collect();
    assert_eq!(
        revisions, expected,
        "every import landed, one after the other"
    );
    // Each replica reads every write, its own and the other's.
    let total = base_orgs + 2 * rounds * 3;
    for server in [&one, &two] {
        let (status, page) =
            support::get(server.addr, "/api/v1/organizations?country=GT&limit=100");
        assert_eq!(status, 200, "{page}");
        let page: serde_json::Value = serde_json::from_str(&page).expect("JSON");
        assert_eq!(page["total"], base_gt + 2 * rounds * 3, "{}", server.addr);
        for id in ["one-0-0", "one-4-2", "two-0-0", "two-4-2"] {
            let (status, _) = support::get(server.addr, &format!("/api/v1/organizations/{id}"));
            assert_eq!(status, 200, "{id} through {}", server.addr);
        }
        let (status, summary) = support::get(server.addr, "/api/v1/summary");
        assert_eq!(status, 200, "{summary}");
        let summary: serde_json::Value = serde_json::from_str(&summary).expect("JSON");
        assert_eq!(summary["revision"], base + 2 * rounds as u64);
        assert_eq!(summary["network"]["nodes"], total);
    }
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(snap.revision, base + 2 * rounds as u64);
    assert_eq!(snap.data.organizations.len(), total);
}
