//! The same API answers on Neo4j as on the embedded store: the fixture imported through
//! `POST /api/v1/import` into both, then organizations, ties, summary and metrics compared;
//! and metrics write-back read with Cypher. Needs a real Neo4j (scripts/neo4j/start).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use puentes::http::{app, AppState, Config};
use puentes::store::{Batch, GraphStore, MemoryStore, Neo4jConfig, Neo4jStore};
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

const TOKEN: &str = "e2e-admin";

fn neo4j_config() -> Neo4jConfig {
    let uri = std::env::var("NEO4J_TEST_URI").unwrap_or_else(|_| {
        panic!(
            "NEO4J_TEST_URI is not set: this test needs a real Neo4j server. Start one with \
             `scripts/neo4j/start && source scripts/neo4j/run/neo4j.env` (or run scripts/test)"
        )
    });
    Neo4jConfig::new(
        uri,
        std::env::var("NEO4J_TEST_USER").unwrap_or_else(|_| "neo4j".into()),
        std::env::var("NEO4J_TEST_PASSWORD").unwrap_or_default(),
    )
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .expect("request")
}

fn import_fixture() -> Request<Body> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect("fixture file");
    let boundary = "e2e-boundary";
    let mut body = String::new();
    for (part, file) in [("organizations", "organizations.csv"), ("ties", "ties.csv")] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{part}\"; filename=\"{file}\"\r\n\r\n{}\r\n",
            read(file)
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    Request::post("/api/v1/import?mode=replace")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from(body))
        .expect("request")
}

fn by_id(page: &Value) -> Vec<Value> {
    let mut items = page["items"].as_array().cloned().unwrap_or_default();
    items.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    items
}

fn ties_sorted(page: &Value) -> Vec<Value> {
    let mut items = page["items"].as_array().cloned().unwrap_or_default();
    let key = |t: &Value| format!("{}|{}|{}", t["source"], t["target"], t["kind"]);
    items.sort_by_key(key);
    items
}

#[tokio::test]
async fn neo4j_answers_like_the_embedded_store() {
    let config = Config {
        admin_token: Some(TOKEN.into()),
        ..Config::default()
    };
    let neo = Arc::new(
        Neo4jStore::connect(neo4j_config())
            .await
            .expect("connect to Neo4j"),
    );
    neo.apply(Batch::replace(Default::default()))
        .await
        .expect("clear Neo4j");
    let on_neo = app(AppState::neo4j(Arc::clone(&neo), config.clone()));
    let on_mem = app(AppState::new(Arc::new(MemoryStore::ephemeral()), config));

    for app in [&on_neo, &on_mem] {
        let (status, body) = call(app, import_fixture()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["summary"]["organizations"], 120);
    }
    let (_, a) = call(&on_neo, get("/api/v1/organizations")).await;
    let (_, b) = call(&on_mem, get("/api/v1/organizations")).await;
    assert_eq!(a["total"], 120);
    assert_eq!(
        by_id(&a),
        by_id(&b),
        "organizations (with restricted fields)"
    );
    let (_, a) = call(
        &on_neo,
        get("/api/v1/organizations?partner=true&country=MX"),
    )
    .await;
    let (_, b) = call(
        &on_mem,
        get("/api/v1/organizations?partner=true&country=MX"),
    )
    .await;
    assert_eq!(a["total"], 37);
    assert_eq!(by_id(&a), by_id(&b), "filtered organizations");
    let (_, a) = call(&on_neo, get("/api/v1/ties")).await;
    let (_, b) = call(&on_mem, get("/api/v1/ties")).await;
    assert_eq!(a["total"], 287);
    assert_eq!(ties_sorted(&a), ties_sorted(&b), "ties");
    let (_, a) = call(&on_neo, get("/api/v1/summary")).await;
    let (_, b) = call(&on_mem, get("/api/v1/summary")).await;
    for key in [
        "nodes",
        "ties",
        "components",
        "largest_component",
        "diameter",
    ] {
        assert_eq!(a["network"][key], b["network"][key], "summary {key}");
    }
    assert_eq!(a["partner_population_served"], 561_062);
    let (_, a) = call(&on_neo, get("/api/v1/metrics")).await;
    let (_, b) = call(&on_mem, get("/api/v1/metrics")).await;
    let (a, b) = (by_id(&a), by_id(&b));
    assert_eq!(a.len(), 120);
    for (x, y) in a.iter().zip(&b) {
        for m in [
            "degree",
            "betweenness",
            "closeness",
            "pagerank",
            "core_number",
        ] {
            let (p, q) = (
                x[m].as_f64().unwrap_or(f64::NAN),
                y[m].as_f64().unwrap_or(f64::NAN),
            );
            assert!((p - q).abs() < 1e-9, "{} {m}: {p} vs {q}", x["id"]);
        }
    }

    // Write-back, then read the properties with Cypher.
    let req = Request::post("/api/v1/metrics/write-back")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .expect("request");
    let (status, body) = call(&on_neo, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let revision = body["revision"].as_i64().expect("revision");
    let expected = b
        .iter()
        .find(|o| o["id"] == "casa-quetzal-nuevo")
        .map(|o| o["betweenness"].as_f64().expect("betweenness"))
        .expect("org");
    let c = neo4j_config();
    let graph = neo4rs::Graph::new(&c.uri, &c.user, &c.password).expect("graph");
    let mut rows = graph
        .execute(
            neo4rs::query(
                "MATCH (o:Organization {id: $id}) RETURN o.puentes_betweenness AS b, o.puentes_revision AS r",
            )
            .param("id", "casa-quetzal-nuevo"),
        )
        .await
        .expect("cypher");
    let row = rows.next().await.expect("row").expect("one row");
    let got: f64 = row.get("b").expect("b");
    let rev: i64 = row.get("r").expect("r");
    assert!((got - expected).abs() < 1e-12, "{got} vs {expected}");
    assert_eq!(rev, revision);
    let (status, _) = call(
        &on_mem,
        Request::post("/api/v1/metrics/write-back")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "write-back needs Neo4j");

    // Neo4j stops while the service runs: 503 with Retry-After, promptly; then it recovers
    // by itself when Neo4j is back.
    let launcher = |name: &str, args: &[&str]| {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/neo4j/");
        let out = std::process::Command::new(format!("{script}{name}"))
            .args(args)
            .output()
            .expect("run the Neo4j launcher");
        assert!(
            out.status.success(),
            "scripts/neo4j/{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    launcher("stop", &[]);
    let started = std::time::Instant::now();
    let resp = on_neo
        .clone()
        .oneshot(get("/api/v1/organizations"))
        .await
        .expect("infallible");
    let waited = started.elapsed();
    let retry_after = resp.headers().get(header::RETRY_AFTER).cloned();
    let (ready_status, ready) = call(&on_neo, get("/ready")).await;
    // Restart before asserting, so a failure here leaves a running server for what follows.
    launcher("start", &["--keep"]);
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(retry_after.as_ref().map(|v| v.as_bytes()), Some(&b"5"[..]));
    assert!(
        waited < std::time::Duration::from_secs(15),
        "answered in {waited:?}"
    );
    assert_eq!(ready_status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready["error"]["code"], "unavailable");
    let (status, body) = call(&on_neo, get("/api/v1/organizations?partner=true")).await;
    assert_eq!(status, StatusCode::OK, "recovered after restart: {body}");
    assert_eq!(body["total"], 87);
}
