//! Browser-facing protections and secrets (issue 15, item 3): the security headers on every
//! answer (the API explorer alone with its relaxed policy), CORS off by default and limited to
//! the configured origins, and tokens that never show in `--help`, in what the server prints
//! or in its log, whether they come from the environment or from files.

use crate::support;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use puentes::http::security::{CONTENT_SECURITY_POLICY, DOCS_CONTENT_SECURITY_POLICY};
use puentes::http::{app, AppState, Config};
use puentes::store::{Batch, GraphStore, MemoryStore};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;
use support::{puentes, run_for_at_most, serve_command, Server};
use tower::ServiceExt;

const ADMIN: &str = "s3cr3t-value-admin-5f1c9e";
const READER: &str = "s3cr3t-value-reader-8d2a71";
const NEO4J_PASSWORD: &str = "s3cr3t-value-neo4j-40be6c";

async fn fixture_app(config: Config) -> Router {
    let store = Arc::new(MemoryStore::ephemeral());
    let data = puentes::cli::builtin_fixture().expect("fixture");
    store.apply(Batch::replace(data)).await.expect("fixture");
    app(AppState::new(store, config))
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, HeaderMap) {
    let resp = app.clone().oneshot(req).await.expect("infallible");
    (resp.status(), resp.headers().clone())
}

fn request(method: Method, uri: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::empty()).expect("request")
}

fn value<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn every_answer_has_the_security_headers() {
    let app = fixture_app(Config {
        admin_token: Some(ADMIN.to_owned()),
        ..Config::default()
    })
    .await;
    let long = format!("/api/v1/organizations?country={}", "M".repeat(9000));
    let cases: Vec<(Method, String, StatusCode)> = vec![
        (Method::GET, "/".into(), StatusCode::OK),
        (Method::GET, "/health".into(), StatusCode::OK),
        (Method::GET, "/api/v1/organizations".into(), StatusCode::OK),
        (Method::GET, "/api/v1/openapi.json".into(), StatusCode::OK),
        (
            Method::GET,
            "/api/v1/export?format=csv".into(),
            StatusCode::OK,
        ),
        (Method::GET, "/nowhere".into(), StatusCode::NOT_FOUND),
        (
            Method::DELETE,
            "/health".into(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            Method::GET,
            "/api/v1/ties?limit=0".into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::POST,
            "/api/v1/import".into(),
            StatusCode::UNAUTHORIZED,
        ),
        (Method::GET, long, StatusCode::URI_TOO_LONG),
        (
            Method::OPTIONS,
            "/api/v1/summary".into(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
    ];
    for (method, uri, expected) in cases {
        let (status, h) = call(&app, request(method.clone(), &uri, &[])).await;
        let shown = &uri[..uri.len().min(60)];
        assert_eq!(status, expected, "{method} {shown}");
        assert_eq!(
            value(&h, "content-security-policy"),
            Some(CONTENT_SECURITY_POLICY),
            "{method} {shown}"
        );
        assert_eq!(value(&h, "x-content-type-options"), Some("nosniff"));
        assert_eq!(value(&h, "referrer-policy"), Some("no-referrer"));
        assert_eq!(value(&h, "x-frame-options"), Some("DENY"));
    }
    assert_eq!(
        CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
         connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    );
}

/// Issue 24, item 5: the same API address answers with or without restricted fields
/// depending on the token, so every API answer says `Vary: Authorization`, and an answer to
/// a request with a token is never stored by a cache.
#[tokio::test]
async fn answers_with_a_token_are_never_cached_and_vary_by_token() {
    let app = fixture_app(Config {
        admin_token: Some(ADMIN.to_owned()),
        restricted_token: Some(READER.to_owned()),
        ..Config::default()
    })
    .await;
    let bearer = |t: &str| format!("Bearer {t}");
    for uri in [
        "/api/v1/organizations",
        "/api/v1/organizations/casa-quetzal-nuevo",
        "/api/v1/export?format=csv",
        "/api/v1/ties?limit=0",
    ] {
        for token in [ADMIN, READER] {
            let (_, h) = call(
                &app,
                request(Method::GET, uri, &[("authorization", &bearer(token))]),
            )
            .await;
            assert_eq!(value(&h, "cache-control"), Some("no-store"), "{uri}");
            assert_eq!(value(&h, "vary"), Some("Authorization"), "{uri}");
        }
        let (_, h) = call(&app, request(Method::GET, uri, &[])).await;
        assert_eq!(value(&h, "cache-control"), None, "{uri}");
        assert_eq!(value(&h, "vary"), Some("Authorization"), "{uri}");
    }
    // The page is the same for everyone.
    let (_, h) = call(&app, request(Method::GET, "/", &[])).await;
    assert_eq!(value(&h, "vary"), None);
}

/// The status and JSON body of `req` on `app`.
async fn call_json(app: &Router, req: Request<Body>) -> (StatusCode, serde_json::Value) {
    let resp = app.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}

/// Issue 24, item 5: two `Authorization` headers are refused (which one counts would
/// depend on who reads them), and the answers that had no JSON body have it: the API
/// explorer's 404, and a path that does not decode (`%ff`).
#[tokio::test]
async fn two_tokens_are_refused_and_every_error_has_the_json_body() {
    let app = fixture_app(Config {
        admin_token: Some(ADMIN.to_owned()),
        ..Config::default()
    })
    .await;
    let mut req = request(Method::GET, "/api/v1/organizations?lang=en", &[]);
    for token in [ADMIN, "other"] {
        req.headers_mut().append(
            "authorization",
            format!("Bearer {token}").parse().expect("header"),
        );
    }
    let (status, body) = call_json(&app, req).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        body["error"]["message"],
        "the Authorization header was sent more than once: send it once"
    );
    let (status, body) = call_json(
        &app,
        request(Method::GET, "/api/v1/docs/no-such-file.js?lang=en", &[]),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found", "{body}");
    for uri in [
        "/api/v1/organizations/%ff?lang=en",
        "/api/v1/organizations/%ff/profile?lang=en",
        "/api/v1/organizations/%ff/suggestions?lang=en",
    ] {
        let (status, body) = call_json(&app, request(Method::GET, uri, &[])).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(
            body["error"]["message"], "malformed path: a %-escape in it is not UTF-8 text",
            "{uri}"
        );
    }
}

#[tokio::test]
async fn only_the_api_explorer_gets_the_relaxed_policy() {
    let app = fixture_app(Config::default()).await;
    for uri in [
        "/api/v1/docs/",
        "/api/v1/docs/index.css",
        "/api/v1/docs/swagger-initializer.js",
    ] {
        let (status, h) = call(&app, request(Method::GET, uri, &[])).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(
            value(&h, "content-security-policy"),
            Some(DOCS_CONTENT_SECURITY_POLICY),
            "{uri}"
        );
        assert_eq!(value(&h, "x-frame-options"), Some("DENY"));
    }
    // Inline styles only; scripts stay files from this origin, and it is never framed.
    assert_eq!(
        DOCS_CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; \
         base-uri 'none'; form-action 'none'"
    );
    for uri in ["/api/v1/docsx", "/api/v1/openapi.json", "/"] {
        let (_, h) = call(&app, request(Method::GET, uri, &[])).await;
        assert_eq!(
            value(&h, "content-security-policy"),
            Some(CONTENT_SECURITY_POLICY),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn cors_is_off_by_default() {
    let app = fixture_app(Config::default()).await;
    let origin = ("origin", "https://mapa.example.org");
    let (status, h) = call(&app, request(Method::GET, "/api/v1/summary", &[origin])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(value(&h, "access-control-allow-origin"), None);
    let preflight = [
        origin,
        ("access-control-request-method", "POST"),
        ("access-control-request-headers", "authorization"),
    ];
    let (status, h) = call(&app, request(Method::OPTIONS, "/api/v1/import", &preflight)).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        !h.keys().any(|k| k.as_str().starts_with("access-control-")),
        "{h:?}"
    );
}

#[tokio::test]
async fn cors_allows_the_configured_origins_only() {
    let app = fixture_app(Config {
        cors_origins: vec![
            "https://mapa.example.org".into(),
            "http://localhost:3000".into(),
        ],
        ..Config::default()
    })
    .await;
    let allowed = "https://mapa.example.org";
    let preflight = |origin| {
        request(
            Method::OPTIONS,
            "/api/v1/import",
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
                (
                    "access-control-request-headers",
                    "authorization,content-type",
                ),
            ],
        )
    };
    let (status, h) = call(&app, preflight(allowed)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(value(&h, "access-control-allow-origin"), Some(allowed));
    assert_eq!(
        value(&h, "access-control-allow-methods"),
        Some("GET,HEAD,POST")
    );
    assert_eq!(
        value(&h, "access-control-allow-headers"),
        Some("authorization,content-type,accept-language")
    );
    assert_eq!(value(&h, "access-control-max-age"), Some("600"));
    assert_eq!(value(&h, "access-control-allow-credentials"), None);
    assert_eq!(
        value(&h, "content-security-policy"),
        Some(CONTENT_SECURITY_POLICY),
        "preflights carry the security headers too"
    );
    // Another origin gets no permission.
    let (_, h) = call(&app, preflight("https://evil.example")).await;
    assert_eq!(value(&h, "access-control-allow-origin"), None);
    // Real answers, errors included, name the allowed origin.
    for (uri, expected) in [
        ("/api/v1/summary", StatusCode::OK),
        ("/api/v1/ties?limit=0", StatusCode::BAD_REQUEST),
        ("/nowhere", StatusCode::NOT_FOUND),
    ] {
        let (status, h) = call(
            &app,
            request(Method::GET, uri, &[("origin", "http://localhost:3000")]),
        )
        .await;
        assert_eq!(status, expected, "{uri}");
        assert_eq!(
            value(&h, "access-control-allow-origin"),
            Some("http://localhost:3000"),
            "{uri}"
        );
        assert_eq!(
            value(&h, "access-control-expose-headers"),
            Some("retry-after,content-disposition")
        );
        let (_, h) = call(
            &app,
            request(Method::GET, uri, &[("origin", "https://evil.example")]),
        )
        .await;
        assert_eq!(value(&h, "access-control-allow-origin"), None, "{uri}");
    }
}

// ---------------------------------------------------------------------------------------------
// The real binary: `--help`, start-up output, the log, token files, CORS flags.

/// Sends `request` and returns the answer's status, headers (lowercase names) and body.
fn exchange(addr: SocketAddr, request: &str) -> (u16, Vec<(String, String)>, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    s.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).expect("read");
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (status, headers, body.to_owned())
}

fn header_of<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Every secret of this test that appears in `text`.
fn leaked(text: &str) -> Vec<&'static str> {
    [ADMIN, READER, NEO4J_PASSWORD]
        .into_iter()
        .filter(|s| text.contains(s))
        .collect()
}

#[test]
fn tokens_never_show_in_help() {
    for args in [
        &["serve", "--help"][..],
        &["serve", "-h"],
        &["import", "--help"],
        &["--help"],
    ] {
        let mut cmd = puentes();
        cmd.args(args)
            .env("PUENTES_ADMIN_TOKEN", ADMIN)
            .env("PUENTES_RESTRICTED_TOKEN", READER)
            .env("NEO4J_PASSWORD", NEO4J_PASSWORD);
        let run = run_for_at_most(cmd, Duration::from_secs(30));
        assert!(run.status.is_some_and(|s| s.success()), "{args:?}");
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(leaked(&out).is_empty(), "{args:?} printed a secret:\n{out}");
        if args[0] == "serve" && args[1] == "--help" {
            assert!(out.contains("--admin-token-file"), "{out}");
            assert!(out.contains("--restricted-token-file"), "{out}");
            assert!(out.contains("--cors-origin <ORIGIN>"), "{out}");
        }
    }
}

#[test]
fn tokens_from_the_environment_never_show_in_the_output_or_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = serve_command(&dir.path().join("data"), &[]);
    cmd.env("PUENTES_ADMIN_TOKEN", ADMIN)
        .env("PUENTES_RESTRICTED_TOKEN", READER)
        .env("NEO4J_PASSWORD", NEO4J_PASSWORD)
        .env("RUST_LOG", "trace");
    let log = dir.path().join("serve.log");
    let mut server = Server::start(cmd, &log);
    let bearer = |t: &str| format!("Authorization: Bearer {t}\r\n");
    let get = |path: &str, auth: &str| {
        exchange(
            server.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n"),
        )
    };
    // Reads with each token, a wrong one, and writes with and without the admin token.
    assert_eq!(get("/api/v1/organizations?limit=1", &bearer(ADMIN)).0, 200);
    assert_eq!(get("/api/v1/organizations?limit=1", &bearer(READER)).0, 200);
    let wrong = format!("{ADMIN}x");
    let (status, _, body) = get("/api/v1/organizations?limit=1", &bearer(&wrong));
    assert_eq!(status, 403, "{body}");
    assert!(leaked(&body).is_empty(), "{body}");
    let post = |auth: &str| {
        exchange(
            server.addr,
            &format!(
                "POST /api/v1/import?dry_run=true HTTP/1.1\r\nHost: x\r\n{auth}\
                 Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
            ),
        )
    };
    assert_eq!(post(&bearer(ADMIN)).0, 200);
    let (status, _, body) = post(&bearer(READER));
    assert_eq!(status, 403, "{body}");
    assert!(leaked(&body).is_empty(), "{body}");
    server.terminate();
    assert!(server.wait_for_exit(Duration::from_secs(30)).is_some());
    drop(server);
    let log = std::fs::read_to_string(&log).expect("log");
    assert!(
        log.contains("TRACE") || log.contains("DEBUG") || log.contains("INFO"),
        "{log}"
    );
    assert!(leaked(&log).is_empty(), "the log holds a secret:\n{log}");
}

#[test]
fn tokens_can_come_from_files_and_a_bad_file_is_named_not_read_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let admin_file = dir.path().join("admin-token");
    let reader_file = dir.path().join("reader-token");
    std::fs::write(&admin_file, format!("{ADMIN}\n")).expect("write");
    std::fs::write(&reader_file, READER).expect("write");
    let mut cmd = serve_command(&dir.path().join("data"), &["--admin-token-file"]);
    cmd.arg(&admin_file)
        .arg("--restricted-token-file")
        .arg(&reader_file);
    let log = dir.path().join("serve.log");
    let server = Server::start(cmd, &log);
    let import = |token: &str| {
        exchange(
            server.addr,
            &format!(
                "POST /api/v1/import?dry_run=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \
                 {token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\
                 Connection: close\r\n\r\n{{}}"
            ),
        )
        .0
    };
    assert_eq!(import(ADMIN), 200, "the file's token, without its newline");
    assert_eq!(import(READER), 403, "the reader token may not write");
    let (status, _, body) = exchange(
        server.addr,
        &format!(
            "GET /api/v1/organizations/casa-quetzal-nuevo HTTP/1.1\r\nHost: x\r\n\
             Authorization: Bearer {READER}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 200);
    assert!(
        body.contains("contacto@casa-quetzal-nuevo.example.org"),
        "{body}"
    );
    drop(server);
    let log = std::fs::read_to_string(&log).expect("log");
    assert!(leaked(&log).is_empty(), "{log}");
    assert!(!log.contains("PUENTES_ADMIN_TOKEN is not set"), "{log}");

    // A file that cannot be read: the message names it and stops the start.
    let missing = dir.path().join("no-such-token");
    let mut cmd = serve_command(&dir.path().join("data2"), &["--admin-token-file"]);
    cmd.arg(&missing);
    let run = run_for_at_most(cmd, Duration::from_secs(30));
    assert!(run.status.is_some_and(|s| !s.success()), "{run:?}");
    assert!(
        run.stderr.contains(&format!(
            "cannot read --admin-token-file {}",
            missing.display()
        )),
        "{}",
        run.stderr
    );
    // A token both in the environment and in a file: refused, without printing it.
    let mut cmd = serve_command(&dir.path().join("data3"), &["--admin-token-file"]);
    cmd.arg(&admin_file).env("PUENTES_ADMIN_TOKEN", ADMIN);
    let run = run_for_at_most(cmd, Duration::from_secs(30));
    assert!(run.status.is_some_and(|s| !s.success()), "{run:?}");
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    assert!(
        leaked(&format!("{}{}", run.stdout, run.stderr)).is_empty(),
        "{}",
        run.stderr
    );
    // An empty file counts as no token, with a warning naming the file.
    let empty = dir.path().join("empty-token");
    std::fs::write(&empty, "\n").expect("write");
    let mut cmd = serve_command(&dir.path().join("data4"), &["--admin-token-file"]);
    cmd.arg(&empty);
    let log = dir.path().join("serve4.log");
    let server = Server::start(cmd, &log);
    assert_eq!(
        exchange(
            server.addr,
            "POST /api/v1/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \r\n\
             Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
        )
        .0,
        403
    );
    drop(server);
    let log = std::fs::read_to_string(&log).expect("log");
    assert!(
        log.contains(&format!(
            "the admin token file {} is set but empty",
            empty.display()
        )),
        "{log}"
    );
}

#[test]
fn cors_origins_come_from_flags_or_the_environment_and_are_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let preflight = |addr, origin: &str| {
        let (status, headers, _) = exchange(
            addr,
            &format!(
                "OPTIONS /api/v1/summary HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\n\
                 Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n"
            ),
        );
        (
            status,
            header_of(&headers, "access-control-allow-origin").map(str::to_owned),
        )
    };
    let cmd = serve_command(
        &dir.path().join("data"),
        &[
            "--cors-origin",
            "https://mapa.example.org",
            "--cors-origin",
            "http://localhost:3000",
        ],
    );
    let server = Server::start(cmd, &dir.path().join("a.log"));
    assert_eq!(
        preflight(server.addr, "http://localhost:3000"),
        (200, Some("http://localhost:3000".to_owned()))
    );
    assert_eq!(preflight(server.addr, "https://evil.example").1, None);
    drop(server);

    let mut cmd = serve_command(&dir.path().join("data2"), &[]);
    cmd.env(
        "PUENTES_CORS_ORIGINS",
        "https://mapa.example.org,https://otro.example.org",
    );
    let server = Server::start(cmd, &dir.path().join("b.log"));
    assert_eq!(
        preflight(server.addr, "https://otro.example.org")
            .1
            .as_deref(),
        Some("https://otro.example.org")
    );
    drop(server);

    let cmd = serve_command(&dir.path().join("data3"), &[]);
    let server = Server::start(cmd, &dir.path().join("c.log"));
    let (status, allow) = preflight(server.addr, "https://mapa.example.org");
    assert_eq!((status, allow), (405, None), "off by default");
    drop(server);

    let cmd = serve_command(&dir.path().join("data4"), &["--cors-origin", "*"]);
    let run = run_for_at_most(cmd, Duration::from_secs(30));
    assert!(run.status.is_some_and(|s| !s.success()));
    assert!(
        run.stderr
            .contains("CORS origin \"*\": expected a scheme and host"),
        "{}",
        run.stderr
    );
}

/// Headless Chromium (installed by scripts/test), as in `browser.rs`.
fn chromium() -> String {
    for candidate in ["chromium", "chromium-browser", "google-chrome"] {
        if std::process::Command::new(candidate)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return candidate.to_owned();
        }
    }
    panic!("headless Chromium is needed for this test: run scripts/test (it installs Debian's chromium) or apt-get install chromium");
}

#[test]
fn the_page_and_the_explorer_run_under_their_policies_in_a_browser() {
    let browser = chromium();
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(
        serve_command(&dir.path().join("data"), &[]),
        &dir.path().join("serve.log"),
    );
    for (path, rendered) in [("/api/v1/docs/", "Puentes API"), ("/", "</script>")] {
        let out = std::process::Command::new(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--virtual-time-budget=10000",
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join(format!("profile{}", path.len())).display()
            ))
            .arg(format!("http://{}{path}", server.addr))
            .output()
            .expect("run chromium");
        let dom = String::from_utf8_lossy(&out.stdout);
        let console = String::from_utf8_lossy(&out.stderr);
        assert!(dom.contains(rendered), "{path}: {rendered:?} not rendered");
        let violations: Vec<&str> = console
            .lines()
            .filter(|l| l.contains("Content Security Policy"))
            .collect();
        assert!(violations.is_empty(), "{path}: {violations:#?}");
    }
}
