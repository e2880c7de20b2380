//! Restricted fields route by route (issue 15, item 3): the exact coordinates and contacts of
//! the fixture appear only where the caller's token allows them (the organization list, one
//! organization, the export, for the restricted and the admin token), and nowhere else: not
//! in any other answer of any route of the OpenAPI document, not in an error, not in the
//! server's log.
//!
//! One walk: every documented route (GET and POST, path parameters from the fixture, each
//! export format, each map view, each suggestion goal, both languages, errors too) as an
//! anonymous caller, with the restricted token and with the admin token; every body is
//! searched for every restricted VALUE of the fixture (each latitude and longitude as the
//! API prints it, each contact), and so is everything logged meanwhile (every level).

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use puentes::http::{app, AppState, Config};
use puentes::store::{Batch, GraphStore, MemoryStore};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

const ADMIN: &str = "walk-admin-token";
const READER: &str = "walk-reader-token";

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Caller {
    Anonymous,
    Restricted,
    Admin,
}

impl Caller {
    fn token(self) -> Option<&'static str> {
        match self {
            Caller::Anonymous => None,
            Caller::Restricted => Some(READER),
            Caller::Admin => Some(ADMIN),
        }
    }
}

/// The log of the whole test binary, at every level.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    fn text(&self) -> String {
        let bytes = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Every restricted value of the fixture: each contact, and each coordinate as JSON prints it
/// (shortest round-trip form) and as Rust's `Display` does (CSV, GraphML, GEXF).
fn restricted_values(data: &puentes_analysis::model::NetworkData) -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for o in &data.organizations {
        for x in [o.latitude, o.longitude].into_iter().flatten() {
            values.insert(serde_json::to_string(&x).expect("number"));
            values.insert(x.to_string());
        }
        values.extend(o.contact.clone());
    }
    values
}

/// Whether `value` occurs in `text` as a whole: a number not inside a longer number
/// (`14.8999` is not found in `114.89991`), a contact anywhere.
fn occurs(text: &str, value: &str) -> bool {
    let numeric = value.starts_with(|c: char| c == '-' || c.is_ascii_digit());
    text.match_indices(value).any(|(at, _)| {
        if !numeric {
            return true;
        }
        let before = text[..at].chars().next_back();
        let after = text[at + value.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// One request of the walk.
#[derive(Debug, Clone)]
struct Call {
    method: Method,
    /// The documented path template (`/api/v1/organizations/{id}`), or the page's path.
    route: String,
    uri: String,
    content_type: Option<&'static str>,
    body: String,
}

fn get(route: &str, uri: String) -> Call {
    Call {
        method: Method::GET,
        route: route.to_owned(),
        uri,
        content_type: None,
        body: String::new(),
    }
}

fn post(route: &str, uri: String, content_type: &'static str, body: String) -> Call {
    Call {
        method: Method::POST,
        route: route.to_owned(),
        uri,
        content_type: Some(content_type),
        body,
    }
}

/// The requests for one documented route: its variants (formats, views, goals, languages),
/// path parameters from `ids`.
fn calls_for(method: &Method, route: &str, ids: &[String], communities: usize) -> Vec<Call> {
    let with_ids = |make: &dyn Fn(&str) -> Vec<Call>| -> Vec<Call> {
        ids.iter()
            .map(String::as_str)
            .chain(["no-such-organization", "../etc"])
            .flat_map(make)
            .collect()
    };
    let langs = ["en", "es"];
    match (method.as_str(), route) {
        ("GET", "/api/v1/organizations") => vec![
            get(route, "/api/v1/organizations?limit=10000".into()),
            get(route, "/api/v1/organizations?country=MX&limit=3".into()),
            get(route, "/api/v1/organizations?limit=0".into()),
        ],
        ("GET", "/api/v1/organizations/{id}") => {
            with_ids(&|id| vec![get(route, format!("/api/v1/organizations/{id}"))])
        }
        ("GET", "/api/v1/organizations/{id}/profile") => with_ids(&|id| {
            langs
                .iter()
                .map(|l| {
                    get(
                        route,
                        format!("/api/v1/organizations/{id}/profile?lang={l}"),
                    )
                })
                .collect()
        }),
        ("GET", "/api/v1/organizations/{id}/suggestions") => with_ids(&|id| {
            ["balanced", "bridge", "services", "strengthen"]
                .iter()
                .flat_map(|g| {
                    langs.iter().map(move |l| {
                        get(
                            route,
                            format!(
                                "/api/v1/organizations/{id}/suggestions?goal={g}&limit=50&lang={l}"
                            ),
                        )
                    })
                })
                .collect()
        }),
        ("GET", "/api/v1/suggestions") => ["bridge", "services", "strengthen", "balanced"]
            .iter()
            .flat_map(|g| {
                langs.iter().map(move |l| {
                    get(
                        route,
                        format!("/api/v1/suggestions?goal={g}&limit=1000&lang={l}"),
                    )
                })
            })
            .collect(),
        ("GET", "/api/v1/export") => ["csv", "json", "graphml", "gexf"]
            .iter()
            .map(|f| get(route, format!("/api/v1/export?format={f}")))
            .chain([get(route, "/api/v1/export?format=xlsx".into())])
            .collect(),
        ("GET", "/api/v1/map") => {
            let mut views: Vec<String> = vec!["overview".into()];
            views.extend((0..communities).map(|c| format!("community/{c}")));
            views.push(format!("community/{communities}"));
            for id in ids {
                views.push(format!("ego/{id}"));
                views.push(format!("ego/{id}&radius=2"));
            }
            views.push("ego/no-such-organization".into());
            views
                .iter()
                .flat_map(|v| {
                    langs
                        .iter()
                        .map(move |l| get(route, format!("/api/v1/map?view={v}&lang={l}")))
                })
                .collect()
        }
        ("GET", "/api/v1/metrics") => vec![
            get(route, "/api/v1/metrics".into()),
            get(route, "/api/v1/metrics?format=csv".into()),
            get(
                route,
                "/api/v1/metrics?weighted=true&sort=betweenness".into(),
            ),
        ],
        ("GET", "/api/v1/gaps") => langs
            .iter()
            .map(|l| get(route, format!("/api/v1/gaps?limit=10000&lang={l}")))
            .collect(),
        ("GET", "/api/v1/ties") => vec![
            get(route, "/api/v1/ties?limit=10000".into()),
            get(route, format!("/api/v1/ties?organization={}", ids[0])),
        ],
        ("GET", "/api/v1/communities") => ["louvain", "leiden", "label_propagation", "components"]
            .iter()
            .map(|a| get(route, format!("/api/v1/communities?algorithm={a}")))
            .collect(),
        ("GET", "/api/v1/analytics/attributes") => vec![get(
            route,
            "/api/v1/analytics/attributes?permutations=99".into(),
        )],
        ("GET", "/api/v1/messages" | "/api/v1/vocabulary") => langs
            .iter()
            .map(|l| get(route, format!("{route}?lang={l}")))
            .collect(),
        ("GET", _) => vec![get(route, route.to_owned())],
        ("POST", "/api/v1/import") => {
            let doc = r#"{"organizations": [{"id": "nueva", "name": "Nueva", "country": "HN"}]}"#;
            let bad = format!(
                r#"{{"organizations": [{{"id": "{}", "name": "", "latitude": 999}}]}}"#,
                ids[0]
            );
            vec![
                post(
                    route,
                    "/api/v1/import?dry_run=true".into(),
                    "application/json",
                    doc.into(),
                ),
                post(
                    route,
                    "/api/v1/import?dry_run=true".into(),
                    "application/json",
                    bad,
                ),
                post(
                    route,
                    "/api/v1/import?dry_run=true&mode=replace".into(),
                    "text/csv",
                    format!("source,target\n{},{}\n", ids[0], ids[1]),
                ),
            ]
        }
        ("POST", "/api/v1/what-if") => vec![
            post(
                route,
                route.to_owned(),
                "application/json",
                format!(
                    r#"{{"ties": [{{"source": "{}", "target": "{}"}}]}}"#,
                    ids[0], ids[1]
                ),
            ),
            post(
                route,
                route.to_owned(),
                "application/json",
                r#"{"from_suggestions": {"goal": "bridge", "partners_only": false}}"#.into(),
            ),
            post(
                route,
                route.to_owned(),
                "application/json",
                r#"{"ties": [{"source": "nowhere", "target": "x"}]}"#.into(),
            ),
        ],
        ("POST", _) => vec![post(
            route,
            route.to_owned(),
            "application/json",
            String::new(),
        )],
        (m, r) => panic!("the walk does not know {m} {r}: add it"),
    }
}

/// The routes a restricted value may appear on, for a caller whose token allows it.
const ALLOWED: [&str; 3] = [
    "/api/v1/organizations",
    "/api/v1/organizations/{id}",
    "/api/v1/export",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restricted_values_appear_only_where_the_token_allows_them_and_never_in_the_log() {
    let log = Log::default();
    let writer = log.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    tracing::info!("the walk starts");

    let data = puentes::cli::builtin_fixture().expect("fixture");
    let values = restricted_values(&data);
    let contacts: BTreeSet<String> = data
        .organizations
        .iter()
        .filter_map(|o| o.contact.clone())
        .collect();
    assert_eq!(
        contacts.len(),
        120,
        "every fixture organization has a contact"
    );
    assert!(values.len() > 300, "{} values", values.len());
    // The organizations of the path parameters: a central one, and the least connected one
    // (its suggestions and explanations are the longest).
    let degree = |id: &str| {
        data.ties
            .iter()
            .filter(|t| t.source == id || t.target == id)
            .count()
    };
    let loneliest = data
        .organizations
        .iter()
        .min_by_key(|o| degree(&o.id))
        .map(|o| o.id.clone())
        .expect("organizations");
    let ids = vec!["casa-quetzal-nuevo".to_owned(), loneliest];

    let store = Arc::new(MemoryStore::ephemeral());
    store.apply(Batch::replace(data)).await.expect("fixture");
    let app: Router = app(AppState::new(
        store.clone(),
        Config {
            admin_token: Some(ADMIN.to_owned()),
            restricted_token: Some(READER.to_owned()),
            ..Config::default()
        },
    ));
    let revision = store.revision().await.expect("revision");
    let communities = {
        let resp = app
            .clone()
            .oneshot(
                Request::get("/api/v1/map")
                    .body(Body::empty())
                    .expect("req"),
            )
            .await
            .expect("infallible");
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .expect("body");
        let map: Value = serde_json::from_slice(&bytes).expect("map");
        map["communities"].as_array().map_or(0, Vec::len)
    };
    assert!(communities >= 2, "{communities} communities");

    let doc = serde_json::to_value(puentes::http::openapi()).expect("document");
    let mut calls = Vec::new();
    for (route, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("operations").keys() {
            let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).expect("m");
            calls.extend(calls_for(&method, route, &ids, communities));
        }
    }
    let documented = calls.len();
    // Outside the document: the page, its files, the document, the explorer, no route.
    for path in [
        "/",
        "/js/main.js",
        "/api/v1/openapi.json",
        "/api/v1/docs/",
        "/nowhere",
    ] {
        calls.push(get(path, path.to_owned()));
    }

    let mut leaks = Vec::new();
    // Per allowed route: which contacts a restricted or admin caller saw.
    let mut seen: BTreeMap<(String, Caller), BTreeSet<String>> = BTreeMap::new();
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for call in &calls {
        for caller in [Caller::Anonymous, Caller::Restricted, Caller::Admin] {
            let mut req = Request::builder()
                .method(call.method.clone())
                .uri(&call.uri);
            if let Some(t) = caller.token() {
                req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
            }
            if let Some(ct) = call.content_type {
                req = req.header(header::CONTENT_TYPE, ct);
            }
            let resp = app
                .clone()
                .oneshot(req.body(Body::from(call.body.clone())).expect("request"))
                .await
                .expect("infallible");
            let status = resp.status();
            *statuses.entry(status.as_u16()).or_default() += 1;
            assert_ne!(
                status,
                StatusCode::INTERNAL_SERVER_ERROR,
                "{} {}",
                call.method,
                call.uri
            );
            let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .expect("body");
            let body = String::from_utf8_lossy(&bytes);
            let found: Vec<&String> = values.iter().filter(|v| occurs(&body, v)).collect();
            let allowed = caller != Caller::Anonymous && ALLOWED.contains(&call.route.as_str());
            if allowed {
                seen.entry((call.route.clone(), caller))
                    .or_default()
                    .extend(
                        found
                            .iter()
                            .filter(|v| contacts.contains(**v))
                            .map(|v| (*v).clone()),
                    );
            } else if !found.is_empty() {
                leaks.push(format!(
                    "{caller:?} {} {} -> {status}: {:?}",
                    call.method,
                    call.uri,
                    found.iter().take(5).collect::<Vec<_>>()
                ));
            }
        }
    }
    eprintln!(
        "walk: {} requests ({} calls, {documented} on documented routes, x 3 callers); \
         statuses {statuses:?}; {} restricted values searched",
        calls.len() * 3,
        calls.len(),
        values.len()
    );
    assert!(
        leaks.is_empty(),
        "restricted values leaked:\n{}",
        leaks.join("\n")
    );
    assert_eq!(
        store.revision().await.expect("revision"),
        revision,
        "the walk only reads (imports are dry runs)"
    );
    assert!(
        documented >= 100,
        "{documented} calls over the documented routes"
    );
    assert!(statuses.get(&200).is_some_and(|n| *n > 200), "{statuses:?}");
    for code in [400, 401, 403, 404, 409, 422] {
        assert!(
            statuses.contains_key(&code),
            "no {code} in the walk: {statuses:?}"
        );
    }

    // The positive control: where allowed, the values are there (so the search works).
    for route in ALLOWED {
        for caller in [Caller::Restricted, Caller::Admin] {
            let got = seen
                .get(&(route.to_owned(), caller))
                .cloned()
                .unwrap_or_default();
            let expected = if route == "/api/v1/organizations/{id}" {
                2 // the two organizations asked for
            } else {
                contacts.len()
            };
            assert_eq!(got.len(), expected, "{caller:?} on {route}");
        }
    }

    let log = log.text();
    assert!(
        log.contains("the walk starts"),
        "the log is captured: {log}"
    );
    let in_log: Vec<&String> = values.iter().filter(|v| occurs(&log, v)).collect();
    assert!(
        in_log.is_empty(),
        "restricted values in the log: {in_log:?}\n{log}"
    );
    for token in [ADMIN, READER] {
        assert!(!log.contains(token), "a token in the log");
    }
}

#[test]
fn a_number_is_found_only_whole() {
    assert!(occurs("\"latitude\":14.8999,", "14.8999"));
    assert!(occurs("14.8999", "14.8999"));
    assert!(occurs("x,-92.238\n", "-92.238"));
    assert!(!occurs("114.8999", "14.8999"));
    assert!(!occurs("14.89991", "14.8999"));
    assert!(!occurs("0.14.8999", "14.8999"));
    assert!(occurs(
        "mail contacto@a.example.org.",
        "contacto@a.example.org"
    ));
}
