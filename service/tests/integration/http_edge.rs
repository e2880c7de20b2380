//! The HTTP edge through `puentes::http::app` (issue 11, item 7): every error answer has the
//! JSON error body, a body over the limit is 413 naming the limit, the `Bearer` scheme is
//! case-insensitive, and an empty admin token leaves the server read-only.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use puentes::http::{app, AppState, Config};
use puentes::store::{Batch, GraphStore, MemoryStore};
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

const TOKEN: &str = "edge-admin-token";

async fn fixture_app(config: Config) -> (Router, Arc<MemoryStore>) {
    let store = Arc::new(MemoryStore::ephemeral());
    let data = puentes::cli::builtin_fixture().expect("fixture");
    store.apply(Batch::replace(data)).await.expect("fixture");
    (app(AppState::new(store.clone(), config)), store)
}

fn admin(limit: usize) -> Config {
    Config {
        admin_token: Some(TOKEN.to_owned()),
        body_limit: limit,
        ..Config::default()
    }
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let resp = app.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, headers, json)
}

/// Asserts an error answer: its status, its `error.code`, and a part of its message.
fn assert_error(got: (StatusCode, &Value), status: StatusCode, code: &str, in_message: &str) {
    let (got_status, body) = got;
    assert_eq!(got_status, status, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(in_message),
        "{in_message:?} not in {message:?}"
    );
}

/// A JSON import of `n` new organizations: about 70 bytes each.
fn import_doc(n: usize) -> String {
    let orgs: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "nueva-{i}", "name": "Nueva {i}", "country": "HN"}}"#))
        .collect();
    format!(r#"{{"organizations": [{}], "ties": []}}"#, orgs.join(","))
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_naming_the_limit() {
    let (app, store) = fixture_app(admin(4096)).await;
    let revision = store.revision().await.expect("revision");
    let doc = import_doc(100);
    assert!(doc.len() > 4096);
    for with_length in [true, false] {
        let mut req = Request::post("/api/v1/import")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"));
        if with_length {
            req = req.header(header::CONTENT_LENGTH, doc.len());
        }
        let req = req.body(Body::from(doc.clone())).expect("request");
        let (status, _, body) = call(&app, req).await;
        assert_error(
            (status, &body),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "4096 bytes (4 KiB)",
        );
    }
    // Multipart too.
    let boundary = "edge-boundary";
    let multipart = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"organizations\"; filename=\"o.csv\"\r\n\r\n{}\r\n--{boundary}--\r\n",
        "x".repeat(8192)
    );
    let req = Request::post("/api/v1/import")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from(multipart))
        .expect("request");
    let (status, _, body) = call(&app, req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(store.revision().await.expect("revision"), revision);
}

#[tokio::test]
async fn the_default_limit_is_named_in_mib() {
    let (app, _) = fixture_app(admin(Config::default().body_limit)).await;
    let req = Request::post("/api/v1/import")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::CONTENT_LENGTH, (256u64 << 20) + 1)
        .body(Body::empty())
        .expect("request");
    let (status, _, body) = call(&app, req).await;
    assert_error(
        (status, &body),
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        "268435456 bytes (256 MiB)",
    );
}

#[tokio::test]
async fn method_not_allowed_has_the_json_error_body_and_allow() {
    let (app, _) = fixture_app(Config::default()).await;
    let req = Request::builder()
        .method(Method::DELETE)
        .uri("/health")
        .body(Body::empty())
        .expect("request");
    let (status, headers, body) = call(&app, req).await;
    assert_error(
        (status, &body),
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "DELETE is not allowed on this route; allowed: GET, HEAD",
    );
    assert_eq!(headers[header::ALLOW], "GET, HEAD");
}

#[tokio::test]
async fn a_long_uri_is_414_with_the_json_error_body() {
    let (app, _) = fixture_app(Config::default()).await;
    let uri = format!("/api/v1/organizations?q={}", "a".repeat(9000));
    let (status, _, body) = call(
        &app,
        Request::get(uri).body(Body::empty()).expect("request"),
    )
    .await;
    assert_error(
        (status, &body),
        StatusCode::URI_TOO_LONG,
        "uri_too_long",
        "longer than 8192 bytes (8 KiB)",
    );
}

#[tokio::test]
async fn large_headers_are_431_with_the_json_error_body() {
    let (app, _) = fixture_app(Config::default()).await;
    let req = Request::get("/health")
        .header("x-big", "b".repeat(40 << 10))
        .body(Body::empty())
        .expect("request");
    let (status, _, body) = call(&app, req).await;
    assert_error(
        (status, &body),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        "headers_too_large",
        "larger than 32768 bytes (32 KiB) in total, or more than 100",
    );
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let (app, _) = fixture_app(admin(1 << 20)).await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let req = Request::get("/api/v1/organizations/casa-quetzal-nuevo")
            .header(header::AUTHORIZATION, format!("{scheme} {TOKEN}"))
            .body(Body::empty())
            .expect("request");
        let (status, _, org) = call(&app, req).await;
        assert_eq!(status, StatusCode::OK, "{scheme}: {org}");
        assert!(
            org["latitude"].is_number(),
            "{scheme}: restricted fields shown to the admin token"
        );
        let req = Request::post("/api/v1/import?dry_run=true")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("{scheme} {TOKEN}"))
            .body(Body::from(import_doc(1)))
            .expect("request");
        let (status, _, body) = call(&app, req).await;
        assert_eq!(status, StatusCode::OK, "{scheme}: {body}");
    }
    // Another scheme is not a bearer token.
    let req = Request::post("/api/v1/import?dry_run=true")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Basic {TOKEN}"))
        .body(Body::from(import_doc(1)))
        .expect("request");
    let (status, _, _) = call(&app, req).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_empty_admin_token_is_no_admin_token() {
    let (app, store) = fixture_app(Config {
        admin_token: Some(String::new()),
        ..Config::default()
    })
    .await;
    let revision = store.revision().await.expect("revision");
    for authorization in ["Bearer ", "Bearer"] {
        let req = Request::post("/api/v1/import")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, authorization)
            .body(Body::from(import_doc(1)))
            .expect("request");
        let (status, _, body) = call(&app, req).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{authorization:?}: {body}");
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("writes are disabled"), "{message}");
    }
    assert_eq!(store.revision().await.expect("revision"), revision);
}

/// A request body that never arrives.
struct Never;

impl axum::body::HttpBody for Never {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_408_with_the_json_error_body() {
    let (app, _) = fixture_app(Config {
        request_timeout: std::time::Duration::from_millis(200),
        ..admin(1 << 20)
    })
    .await;
    let req = Request::post("/api/v1/import")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::new(Never))
        .expect("request");
    let (status, _, body) = call(&app, req).await;
    assert_error(
        (status, &body),
        StatusCode::REQUEST_TIMEOUT,
        "request_timeout",
        "the request took longer than 200 ms and was stopped",
    );
}
