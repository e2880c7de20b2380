//! Limits of the HTTP API through `puentes::http::app` (issue 15, item 1): heavy analysis work
//! is bounded in what runs and what waits (503 `busy` with `Retry-After` beyond that), and
//! every query parameter of every documented route refuses garbage and out-of-range values
//! with a 400 that names the parameter and what it allows, never a 500 or a silent 200.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use puentes::analyses::AnalysisLimits;
use puentes::http::{app, AppState, Config};
use puentes::store::{Batch, GraphStore, MemoryStore};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

const ADMIN: &str = "limits-admin-token";

/// An organization of the fixture, for path parameters.
const ORG: &str = "casa-quetzal-nuevo";
/// Another one.
const OTHER: &str = "iniciativa-raices-comun";

async fn fixture_state(config: Config) -> (AppState, Arc<MemoryStore>) {
    let store = Arc::new(MemoryStore::ephemeral());
    let data = puentes::cli::builtin_fixture().expect("fixture");
    store.apply(Batch::replace(data)).await.expect("fixture");
    (AppState::new(store.clone(), config), store)
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let resp = app.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

// ---------------------------------------------------------------------------------------------
// The bounded queue of analysis work.

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_distinct_heavy_requests_gets_503_busy_with_retry_after() {
    let bounds = AnalysisLimits {
        concurrent: 1,
        queued: 2,
        wait: Duration::from_secs(60),
        retry_after: Duration::from_secs(7),
        ..AnalysisLimits::default()
    };
    let (state, _) = fixture_state(Config {
        analysis: bounds,
        ..Config::default()
    })
    .await;
    let analyses = state.analyses.clone();
    let app = app(state);
    // The shared analyses (network, metrics, gaps) first, so that what follows differs only
    // in the parameterized computation each request asks for.
    let (status, _, body) = call(&app, get("/api/v1/analytics/attributes?permutations=1")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let before = analyses.computations();
    // 24 distinct heavy requests at once: each a different seed of 9,999 permutations.
    let calls: Vec<_> = (1..=24)
        .map(|seed| {
            let app = app.clone();
            tokio::spawn(async move {
                let uri = format!("/api/v1/analytics/attributes?permutations=9999&seed={seed}");
                call(&app, get(&uri)).await
            })
        })
        .collect();
    let mut ok = 0;
    let mut busy = 0;
    for c in calls {
        let (status, headers, body) = c.await.expect("join");
        match status {
            StatusCode::OK => ok += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                busy += 1;
                assert_eq!(body["error"]["code"], "busy", "{body}");
                assert_eq!(
                    headers.get(header::RETRY_AFTER).map(|v| v.as_bytes()),
                    Some(&b"7"[..])
                );
                let message = body["error"]["message"].as_str().unwrap_or_default();
                assert_eq!(
                    message,
                    "the server is busy: 1 analyses are running and 2 are waiting, the most \
                     this server queues; nothing was computed for this request. Retry in 7 s \
                     (Retry-After)"
                );
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert!(busy > 0, "no request was refused: {ok} answered");
    // The first takes the only turn and two wait: at least those three are answered.
    assert!(ok >= 3, "{ok} answered, {busy} refused");
    assert_eq!(ok + busy, 24);
    assert_eq!(analyses.refused(), busy as u64);
    assert_eq!(
        analyses.computations() - before,
        ok as u64,
        "refused: nothing computed"
    );
    // Once the flood has passed, the same request is answered.
    let (status, _, body) = call(
        &app,
        get("/api/v1/analytics/attributes?permutations=9999&seed=24"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_no_queue_a_second_heavy_request_is_refused_at_once_and_cached_ones_still_answer() {
    let (state, _) = fixture_state(Config {
        analysis: AnalysisLimits {
            concurrent: 1,
            queued: 0,
            ..AnalysisLimits::default()
        },
        ..Config::default()
    })
    .await;
    let app = app(state);
    let (status, _, _) = call(&app, get("/api/v1/communities?seed=1")).await;
    assert_eq!(status, StatusCode::OK);
    let calls: Vec<_> = (0..16)
        .map(|seed| {
            let app = app.clone();
            tokio::spawn(async move {
                let uri = format!("/api/v1/analytics/attributes?permutations=9999&seed={seed}");
                call(&app, get(&uri)).await.0
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for c in calls {
        statuses.push(c.await.expect("join"));
    }
    assert!(
        statuses.contains(&StatusCode::SERVICE_UNAVAILABLE),
        "{statuses:?}"
    );
    assert!(statuses
        .iter()
        .all(|s| [StatusCode::OK, StatusCode::SERVICE_UNAVAILABLE].contains(s)));
    // A cached answer needs no turn.
    let (status, _, _) = call(&app, get("/api/v1/communities?seed=1")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ego_views_of_the_map_share_the_bound_and_the_overview_never_waits() {
    let (state, _) = fixture_state(Config {
        analysis: AnalysisLimits {
            concurrent: 1,
            queued: 0,
            ..AnalysisLimits::default()
        },
        ..Config::default()
    })
    .await;
    let data = puentes::cli::builtin_fixture().expect("fixture");
    let app = app(state);
    // The layout of the revision first (computed once, then cached).
    let (status, _, _) = call(&app, get("/api/v1/map")).await;
    assert_eq!(status, StatusCode::OK);
    // Each ego view lays out its neighbourhood on request: 40 at once, and overviews among them.
    let calls: Vec<_> = data
        .organizations
        .iter()
        .take(40)
        .enumerate()
        .map(|(i, o)| {
            let app = app.clone();
            let uri = if i % 4 == 0 {
                "/api/v1/map?view=overview".to_owned()
            } else {
                format!("/api/v1/map?view=ego/{}&radius=2", o.id)
            };
            tokio::spawn(async move { (uri.clone(), call(&app, get(&uri)).await) })
        })
        .collect();
    let mut busy = 0;
    for c in calls {
        let (uri, (status, headers, body)) = c.await.expect("join");
        if uri.ends_with("overview") {
            assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        } else if status == StatusCode::SERVICE_UNAVAILABLE {
            busy += 1;
            assert_eq!(body["error"]["code"], "busy");
            assert!(headers.contains_key(header::RETRY_AFTER));
        } else {
            assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        }
    }
    assert!(
        busy > 0,
        "30 ego views at once with one turn and no queue: none refused"
    );
}

// ---------------------------------------------------------------------------------------------
// Every query parameter of every route.

/// A documented query parameter: route, method, name and schema (references resolved).
#[derive(Debug, Clone)]
struct Param {
    method: Method,
    path: String,
    name: String,
    schema: Value,
}

fn documented_parameters() -> Vec<Param> {
    let doc = serde_json::to_value(puentes::http::openapi()).expect("document");
    let resolve = |schema: &Value| -> Value {
        match schema["$ref"].as_str() {
            Some(r) => {
                let name = r.trim_start_matches("#/components/schemas/");
                doc["components"]["schemas"][name].clone()
            }
            None => schema.clone(),
        }
    };
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            let method = match method.as_str() {
                "get" => Method::GET,
                "post" => Method::POST,
                other => panic!("undocumented method {other} on {path}"),
            };
            for p in op["parameters"].as_array().into_iter().flatten() {
                if p["in"] != "query" {
                    continue;
                }
                out.push(Param {
                    method: method.clone(),
                    path: path.clone(),
                    name: p["name"].as_str().expect("name").to_owned(),
                    schema: resolve(&p["schema"]),
                });
            }
        }
    }
    out
}

/// Every route of the document with its method.
fn documented_routes() -> Vec<(Method, String)> {
    let doc = serde_json::to_value(puentes::http::openapi()).expect("document");
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("operations").keys() {
            let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).expect("m");
            out.push((method, path.clone()));
        }
    }
    out
}

/// Values a free-text parameter must refuse: syntax its parser cannot accept. A free-text
/// parameter missing here fails the walk, so a new one gets its garbage listed.
fn garbage_for_text(path: &str, name: &str) -> Option<&'static [&'static str]> {
    Some(match (path, name) {
        ("/api/v1/metrics", "metrics") => &["bogus", "degree,bogus", ",", "degree,,strength"],
        ("/api/v1/metrics", "sort") => &["bogus", "degree,strength", "", ","],
        ("/api/v1/organizations", "country") => &["Mexico", "M", "mx1", "", "MX;GT"],
        // Corridors are free text in the data (any name an organization gives), so any
        // non-empty value is a possible corridor and an unknown one is an empty page.
        ("/api/v1/organizations", "corridor") => &[""],
        ("/api/v1/ties", "organization") => &["../x", "Casa Quetzal", ""],
        (_, "goal") => &["rich", "", "bridge,balanced"],
        // The fixture's ties carry no attributes: only `strength` weighs them.
        (_, "weight") => &["trust", "", "Strength", "strength,trust"],
        (_, "weights") => &[
            "x=1",
            "adamic_adar",
            "adamic_adar=NaN",
            "adamic_adar=-1",
            "adamic_adar=inf",
            "",
            "jaccard=0",
        ],
        ("/api/v1/map", "view") => &[
            "sideways",
            "community/",
            "community/x",
            "community/-1",
            "ego/",
            "",
        ],
        ("/api/v1/import", "format") => &["xlsx", "", "json"],
        ("/api/v1/changes", "from") => &["", "veinte", "1066", "2015.5", "3000"],
        ("/api/v1/changes", "to") => &["", "veinte", "1066", "3000"],
        ("/api/v1/timeline", "from") => &["", "veinte", "1066", "3000"],
        ("/api/v1/timeline", "to") => &["", "veinte", "1066", "3000"],
        ("/api/v1/timeline", "format") => &["xml", ""],
        _ => return None,
    })
}

/// Out-of-range and garbage values for `p`, from its schema.
fn bad_values(p: &Param) -> Vec<String> {
    let s = &p.schema;
    let ty = s["type"].as_str().unwrap_or_default();
    let mut values: Vec<String> = Vec::new();
    match ty {
        "integer" => {
            values.extend(
                [
                    "",
                    "abc",
                    "-1",
                    "1.5",
                    "1e3",
                    " 5",
                    "18446744073709551616",
                    "0x10",
                ]
                .map(str::to_owned),
            );
            if let Some(max) = s["maximum"].as_u64() {
                values.push((max + 1).to_string());
            }
            if let Some(min) = s["minimum"].as_u64().filter(|m| *m > 0) {
                values.push((min - 1).to_string());
            }
        }
        "number" => {
            values.extend(["", "abc", "NaN", "inf", "-inf", "1e400"].map(str::to_owned));
            if let Some(max) = s["maximum"].as_f64() {
                values.push((max * 2.0 + 1.0).to_string());
            }
            if let Some(min) = s["exclusiveMinimum"].as_f64() {
                values.push(min.to_string());
                values.push((min - 1.0).to_string());
            }
        }
        "boolean" => values.extend(["", "maybe", "1", "yes", "TRUE"].map(str::to_owned)),
        "string" if s["enum"].is_array() => {
            values.extend(["", "nope", "../x"].map(str::to_owned));
        }
        "string" => {
            let garbage = garbage_for_text(&p.path, &p.name).unwrap_or_else(|| {
                panic!(
                    "{} {}: free-text parameter {} has no garbage listed in garbage_for_text",
                    p.method, p.path, p.name
                )
            });
            values.extend(garbage.iter().map(|v| (*v).to_owned()));
        }
        other => panic!("{} {} {}: schema type {other:?}", p.method, p.path, p.name),
    }
    values
}

/// `value` percent-encoded for a query string.
fn encoded(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .expect("encode")
        .trim_start_matches("v=")
        .to_owned()
}

/// The request for `method path?query`, path parameters filled from the fixture; a POST gets
/// the admin token and a valid body (an empty document to import, one tie for a what-if).
fn request(method: &Method, path: &str, query: &str) -> Request<Body> {
    let uri = format!("{}?{query}", path.replace("{id}", ORG));
    let builder = Request::builder().method(method.clone()).uri(uri);
    if *method == Method::POST {
        builder
            .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(if path == "/api/v1/what-if" {
                format!(r#"{{"ties": [{{"source": "{ORG}", "target": "{OTHER}"}}]}}"#)
            } else {
                r#"{"organizations": [], "ties": []}"#.to_owned()
            }))
            .expect("request")
    } else if path.starts_with("/api/v1/import/") {
        // The survey's review list is read with the admin token, like the writes.
        builder
            .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
            .body(Body::empty())
            .expect("request")
    } else {
        builder.body(Body::empty()).expect("request")
    }
}

/// Whether the numeric bounds a parameter documents are what its handler enforces: integers
/// document a minimum, and a maximum unless any value is meaningful (a seed, an offset past
/// the end is an empty page); numbers document both.
#[test]
fn every_numeric_parameter_documents_its_range() {
    let mut unbounded = Vec::new();
    for p in documented_parameters() {
        let s = &p.schema;
        let has_min = s.get("minimum").is_some() || s.get("exclusiveMinimum").is_some();
        let has_max = s.get("maximum").is_some();
        let open_ended = ["offset", "seed"].contains(&p.name.as_str());
        let ok = match s["type"].as_str() {
            Some("integer") => has_min && (has_max || open_ended),
            Some("number") => has_min && has_max,
            _ => true,
        };
        if !ok {
            unbounded.push(format!("{} {} {}: {s}", p.method, p.path, p.name));
        }
    }
    assert!(unbounded.is_empty(), "undocumented ranges: {unbounded:#?}");
}

#[tokio::test]
async fn every_query_parameter_of_every_route_refuses_garbage_with_400() {
    let (state, store) = fixture_state(Config {
        admin_token: Some(ADMIN.to_owned()),
        ..Config::default()
    })
    .await;
    let app = app(state);
    let revision = store.revision().await.expect("revision");
    let params = documented_parameters();
    assert!(params.len() >= 30, "{} parameters", params.len());
    let mut wrong = Vec::new();
    let mut tried = 0;
    for p in &params {
        for value in bad_values(p) {
            tried += 1;
            let query = format!("{}={}", p.name, encoded(&value));
            let (status, _, body) = call(&app, request(&p.method, &p.path, &query)).await;
            let message = body["error"]["message"].as_str().unwrap_or_default();
            let named = message.contains(&p.name);
            if status != StatusCode::BAD_REQUEST || body["error"]["code"] != "bad_request" || !named
            {
                wrong.push(format!(
                    "{} {}?{query} -> {status} {}",
                    p.method,
                    p.path,
                    if body.is_null() {
                        "(no JSON body)".to_owned()
                    } else {
                        body.to_string()
                    }
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {tried} bad values not refused with a 400 naming the parameter:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(
        store.revision().await.expect("revision"),
        revision,
        "a refused import wrote"
    );
}

#[tokio::test]
async fn a_400_for_a_number_says_what_is_allowed() {
    let (state, _) = fixture_state(Config::default()).await;
    let app = app(state);
    for (uri, expected) in [
        (
            "/api/v1/organizations?limit=abc",
            "limit = \"abc\": expected a whole number from 1 to 10000",
        ),
        (
            "/api/v1/organizations?limit=abc&lang=es",
            "limit = \"abc\": se espera un número entero de 1 a 10000",
        ),
        (
            "/api/v1/map?view=ego/casa-quetzal-nuevo&radius=300",
            "radius = \"300\": expected a whole number from 1 to 2",
        ),
        (
            "/api/v1/ties?offset=-1",
            "offset = \"-1\": expected a whole number, at least 0",
        ),
        (
            "/api/v1/ties?offset=-1&lang=es",
            "offset = \"-1\": se espera un número entero, como mínimo 0",
        ),
        (
            "/api/v1/metrics?weighted=yes",
            "weighted = \"yes\": expected true or false",
        ),
        (
            "/api/v1/suggestions?goal=closure&lang=es",
            "goal = \"closure\": se espera uno de: strengthen, bridge, services, balanced",
        ),
    ] {
        let (status, _, body) = call(&app, get(uri)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(body["error"]["message"], expected, "{uri}");
    }
}

#[tokio::test]
async fn unknown_and_repeated_parameters_are_refused_on_every_route() {
    let (state, store) = fixture_state(Config {
        admin_token: Some(ADMIN.to_owned()),
        ..Config::default()
    })
    .await;
    let app = app(state);
    let revision = store.revision().await.expect("revision");
    let mut wrong = Vec::new();
    let routes = documented_routes();
    assert!(routes.len() >= 19, "{routes:?}");
    for (method, path) in routes {
        let (status, _, body) = call(&app, request(&method, &path, "dry-run=true")).await;
        let message = body["error"]["message"].as_str().unwrap_or_default();
        if status != StatusCode::BAD_REQUEST || !message.contains("dry-run") {
            wrong.push(format!("{method} {path}?dry-run=true -> {status} {body}"));
        }
        // The same refusal in Spanish, on every route, by `lang` and by the header.
        let (status, _, body) = call(&app, request(&method, &path, "dry-run=true&lang=es")).await;
        let message = body["error"]["message"].as_str().unwrap_or_default();
        if status != StatusCode::BAD_REQUEST
            || !message.starts_with("parámetros de consulta: parámetro desconocido \"dry-run\"")
        {
            wrong.push(format!(
                "{method} {path}?dry-run=true&lang=es -> {status} {body}"
            ));
        }
        let mut spanish = request(&method, &path, "dry-run=true");
        spanish.headers_mut().insert(
            header::ACCEPT_LANGUAGE,
            "es-MX,es;q=0.9".parse().expect("header"),
        );
        let (_, _, body) = call(&app, spanish).await;
        let message = body["error"]["message"].as_str().unwrap_or_default();
        if !message.starts_with("parámetros de consulta") {
            wrong.push(format!("{method} {path} with Accept-Language es -> {body}"));
        }
    }
    for (uri, name) in [
        ("/api/v1/organizations?limit=5&limit=6", "\"limit\""),
        ("/api/v1/map?view=overview&view=community/0", "\"view\""),
    ] {
        let (status, _, body) = call(&app, get(uri)).await;
        let message = body["error"]["message"].as_str().unwrap_or_default();
        if status != StatusCode::BAD_REQUEST || !message.contains(name) {
            wrong.push(format!("GET {uri} -> {status} {body}"));
        }
    }
    assert_eq!(store.revision().await.expect("revision"), revision);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
