//! The listening loop of the real `puentes serve` (issue 11, item 4, and the edge of item 7):
//! half-open and idle connections are closed after the header-read timeout, the number of
//! connections is bounded, SIGTERM lets in-flight requests finish, and answers that hyper's
//! limits would leave empty carry the JSON error body.

use crate::support;

use serde_json::Value;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{get, raw, serve_command, Server};

/// A server on a fresh data directory (no fixture) with these settings in the environment.
fn server(dir: &Path, env: &[(&str, &str)]) -> Server {
    let mut cmd = serve_command(&dir.join("data"), &["--no-fixture"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    Server::start(cmd, &dir.join("serve.log"))
}

/// Reads until the server closes the connection; how long that took, or `None` if it was
/// still open after `limit`.
fn closed_within(s: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    s.set_read_timeout(Some(limit)).expect("timeout");
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return Some(started.elapsed()),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return None
            }
            Err(e) => panic!("read: {e}"),
        }
        if started.elapsed() > limit {
            return None;
        }
    }
}

/// `n` connections to `addr` whose request head never ends, given 300 ms to be accepted:
/// they hold `n` slots until the header-read timeout.
fn hold_slots(addr: std::net::SocketAddr, n: usize) -> Vec<TcpStream> {
    let held = (0..n)
        .map(|_| {
            let mut s = TcpStream::connect(addr).expect("connect");
            s.write_all(b"GET / HTTP/1.1\r\n").expect("send");
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    held
}

#[test]
fn half_open_connections_are_closed_after_the_header_timeout_and_health_still_answers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(dir.path(), &[("PUENTES_HEADER_READ_TIMEOUT", "2")]);
    // Requests whose headers never end (no blank line).
    let mut half_open: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = TcpStream::connect(server.addr).expect("connect");
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").expect("send");
            s
        })
        .collect();
    let started = Instant::now();
    assert_eq!(get(server.addr, "/health").0, 200);
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "/health answered while 50 half-open connections were open, in {:?}",
        started.elapsed()
    );
    for (i, s) in half_open.iter_mut().enumerate() {
        let waited = closed_within(s, Duration::from_secs(5));
        assert!(
            waited.is_some(),
            "half-open connection {i} was still open 5 s after the 2 s header timeout"
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(get(server.addr, "/health").0, 200);
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_the_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(dir.path(), &[("PUENTES_HEADER_READ_TIMEOUT", "1")]);
    let mut s = TcpStream::connect(server.addr).expect("connect");
    s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("send");
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let mut buf = [0u8; 4096];
    let n = s.read(&mut buf).expect("the answer");
    assert!(
        buf[..n].starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&buf[..n])
    );
    // The connection is kept alive after the answer, but not forever.
    let waited = closed_within(&mut s, Duration::from_secs(5));
    assert!(
        waited.is_some_and(|w| w < Duration::from_secs(3)),
        "an idle keep-alive connection was still open {waited:?} after its answer"
    );
}

#[test]
fn connections_beyond_the_limit_wait_for_a_free_slot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(
        dir.path(),
        &[
            ("PUENTES_HEADER_READ_TIMEOUT", "2"),
            ("PUENTES_MAX_CONNECTIONS", "2"),
            // No connection kept for health checks: the third one waits (next test: with).
            ("PUENTES_HEALTH_CONNECTIONS", "0"),
        ],
    );
    let _half_open = hold_slots(server.addr, 2);
    // Both slots are taken: the third connection is accepted only when the header timeout
    // frees one (2 s after they opened), and then answered.
    let started = Instant::now();
    assert_eq!(get(server.addr, "/health").0, 200);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(1200) && waited < Duration::from_secs(5),
        "the third connection was answered after {waited:?}; with 2 slots taken until the \
         2 s header timeout it should wait about 1.7 s"
    );
}

/// Issue 24, item 1: while every slot is held, a connection kept for health checks answers
/// `/health` and `/ready` at once, and anything else with 503 `busy` (`Retry-After: 1`, the
/// catalogue's sentence) without doing it; each such connection serves one request.
#[test]
fn health_checks_are_answered_while_every_slot_is_held() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(
        dir.path(),
        &[
            ("PUENTES_HEADER_READ_TIMEOUT", "10"),
            ("PUENTES_MAX_CONNECTIONS", "2"),
            ("PUENTES_HEALTH_CONNECTIONS", "2"),
        ],
    );
    let _held = hold_slots(server.addr, 2);
    for path in ["/health", "/ready"] {
        let started = Instant::now();
        assert_eq!(get(server.addr, path).0, 200, "{path}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{path} waited {:?} while both slots were held for 10 s",
            started.elapsed()
        );
    }
    let (status, body) = raw(
        server.addr,
        b"GET /api/v1/organizations HTTP/1.1\r\nHost: x\r\nAccept-Language: es\r\n\r\n",
    );
    assert_eq!(status, 503, "{body}");
    let json: Value = serde_json::from_str(&body).expect("a JSON body");
    assert_eq!(json["error"]["code"], "busy", "{json}");
    let message = json["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("el servidor tiene ocupadas las 2 conexiones"),
        "{message}"
    );
    // One request per health-check connection: the server closes it after the answer
    // (`raw` above read until the close; a second request on it is never read).
    let mut s = TcpStream::connect(server.addr).expect("connect");
    s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("send");
    assert!(
        closed_within(&mut s, Duration::from_secs(5)).is_some(),
        "a health-check connection stayed open after its answer"
    );
}

/// Issue 24, item 1: connections that send a POST head with `Content-Length: 100` and then
/// nothing. Three times more of them than there are slots: each is answered 408
/// (`body_timeout`) and closed when its body deadline passes, so the slots come free and
/// `/health` is answered. Before the body deadline they were held until the five-minute
/// request timeout, and `/health` was not answered at all.
#[test]
fn bodies_that_never_arrive_are_dropped_and_health_still_answers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(
        dir.path(),
        &[
            ("PUENTES_BODY_READ_TIMEOUT", "1"),
            ("PUENTES_MAX_CONNECTIONS", "8"),
            ("PUENTES_ADMIN_TOKEN", "secret-admin"),
        ],
    );
    // Mostly what-if, which needs no token; the writes with the admin token, so that they
    // read their bodies too.
    let routes = [
        "/api/v1/what-if",
        "/api/v1/what-if",
        "/api/v1/what-if",
        "/api/v1/what-if",
        "/api/v1/what-if",
        "/api/v1/import",
        "/api/v1/import/survey",
        "/api/v1/metrics/write-back",
    ];
    let mut slow: Vec<TcpStream> = (0..24)
        .map(|i| {
            let mut s = TcpStream::connect(server.addr).expect("connect");
            let head = format!(
                "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                 Authorization: Bearer secret-admin\r\nContent-Length: 100\r\n\r\n",
                routes[i % routes.len()]
            );
            s.write_all(head.as_bytes()).expect("send");
            s
        })
        .collect();
    // `raw` waits at most 30 s for the answer (it panics after): without the body deadline
    // the 8 slots stay taken for 300 s.
    assert_eq!(get(server.addr, "/health").0, 200);
    // The what-if connections opened first got the JSON 408 before being closed.
    let mut answer = String::new();
    slow[0]
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    slow[0].read_to_string(&mut answer).expect("the answer");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let body = answer.split_once("\r\n\r\n").expect("a body").1;
    let json: Value = serde_json::from_str(body).expect("a JSON body");
    assert_eq!(json["error"]["code"], "body_timeout", "{json}");
    for (i, s) in slow.iter_mut().enumerate().skip(1) {
        assert!(
            closed_within(s, Duration::from_secs(30)).is_some(),
            "slow connection {i} (to {}) was never closed",
            routes[i % routes.len()]
        );
    }
}

/// A connection to `addr` from the loopback address `from` (127.0.0.x): one machine, several
/// client addresses.
async fn connect_from(from: [u8; 4], addr: std::net::SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind((std::net::Ipv4Addr::from(from), 0).into())
        .expect("bind");
    let stream = socket.connect(addr).await.expect("connect");
    let stream = stream.into_std().expect("a std stream");
    stream.set_nonblocking(false).expect("blocking");
    stream
}

/// `GET path` on `s` (`Connection: close`): the whole answer, head and body.
fn get_on(mut s: TcpStream, path: &str) -> String {
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .expect("send");
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("the answer");
    answer
}

/// Issue 24, item 4: 5 requests a second in bursts of 10 per client address. A greedy
/// client that sends 40 requests at once gets 429 (`too_many_requests`, with `Retry-After`)
/// for most of them, while another address's requests are all answered.
#[tokio::test]
async fn a_greedy_client_gets_429_and_another_client_is_still_served() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(
        dir.path(),
        &[("PUENTES_CLIENT_RATE", "5"), ("PUENTES_CLIENT_BURST", "10")],
    );
    let mut refused = Vec::new();
    for _ in 0..40 {
        let answer = get_on(
            connect_from([127, 0, 0, 1], server.addr).await,
            "/health?lang=en",
        );
        if answer.starts_with("HTTP/1.1 429") {
            refused.push(answer);
        } else {
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        }
    }
    // 10 at once, then 5 a second: 40 requests in well under 4 s leave 10 or more refused.
    assert!(refused.len() >= 10, "{} refused", refused.len());
    let answer = &refused[0];
    let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
    let retry_after = head
        .lines()
        .find_map(|l| l.strip_prefix("retry-after: "))
        .expect("Retry-After");
    assert_eq!(retry_after, "1", "{head}");
    let json: Value = serde_json::from_str(body).expect("a JSON body");
    assert_eq!(json["error"]["code"], "too_many_requests", "{json}");
    assert_eq!(
        json["error"]["message"],
        "too many requests from this address: nothing was done; try again in 1 s"
    );
    for i in 0..10 {
        let answer = get_on(connect_from([127, 0, 0, 2], server.addr).await, "/health");
        assert!(
            answer.starts_with("HTTP/1.1 200"),
            "request {i} of the other client: {answer}"
        );
    }
    // The page's own files are not counted: the greedy client still loads the page (its
    // 25 modules and more), though its API requests wait.
    for path in ["/", "/js/main.js", "/js/time.js", "/app.css"].repeat(10) {
        let answer = get_on(connect_from([127, 0, 0, 1], server.addr).await, path);
        assert!(answer.starts_with("HTTP/1.1 200"), "{path}: {answer}");
    }
    let answer = get_on(
        connect_from([127, 0, 0, 1], server.addr).await,
        "/api/v1/messages",
    );
    assert!(answer.starts_with("HTTP/1.1 429"), "{answer}");
}

/// Issue 24, item 4: one client address may hold at most `--max-connections-per-client`
/// connections; one more is closed at once without an answer, while another address is
/// still served.
#[tokio::test]
async fn one_client_cannot_hold_every_connection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(dir.path(), &[("PUENTES_MAX_CONNECTIONS_PER_CLIENT", "4")]);
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut s = connect_from([127, 0, 0, 1], server.addr).await;
        s.write_all(b"GET / HTTP/1.1\r\n").expect("send");
        held.push(s);
    }
    let mut fifth = connect_from([127, 0, 0, 1], server.addr).await;
    assert!(
        closed_within(&mut fifth, Duration::from_secs(5)).is_some(),
        "a fifth connection from the same address was kept open"
    );
    let answer = get_on(connect_from([127, 0, 0, 3], server.addr).await, "/health");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// Issue 24, item 4: with `ulimit -n 256`, the default 1024 connections cannot all be
/// opened; `serve` says so when it starts.
#[test]
fn max_connections_above_the_open_file_limit_warns() {
    if !Path::new("/proc/self/limits").exists() {
        return; // the limit is read from /proc (Linux)
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let serve = serve_command(&dir.path().join("data"), &["--no-fixture"]);
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -n 256 && exec \"$0\" \"$@\"")
        .arg(serve.get_program())
        .args(serve.get_args());
    for (k, v) in serve.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.env("PUENTES_LANG", "en");
    let log = dir.path().join("serve.log");
    let _server = Server::start(cmd, &log);
    let log = std::fs::read_to_string(&log).expect("log");
    assert!(
        log.contains(
            "warning: --max-connections 1024 does not fit in this process's limit of 256 open \
             files (ulimit -n): past about 192 connections new ones fail to open."
        ),
        "{log}"
    );
}

#[test]
fn sigterm_lets_an_in_flight_request_finish_then_exits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut server = server(dir.path(), &[("PUENTES_ADMIN_TOKEN", "sigterm-token")]);
    let body =
        r#"{"organizations": [{"id": "nueva", "name": "Nueva", "country": "HN"}], "ties": []}"#;
    let (first, rest) = body.split_at(30);
    let mut s = TcpStream::connect(server.addr).expect("connect");
    write!(
        s,
        "POST /api/v1/import?dry_run=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sigterm-token\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{first}",
        body.len()
    )
    .expect("send the head and half the body");
    std::thread::sleep(Duration::from_millis(300));
    server.terminate();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        TcpStream::connect(server.addr).is_err(),
        "no new connections are accepted once shutting down"
    );
    s.write_all(rest.as_bytes()).expect("send the rest");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the in-flight import was not answered: {answer:?}"
    );
    assert!(answer.contains("\"dry_run\":true"), "{answer}");
    let status = server.wait_for_exit(Duration::from_secs(10));
    assert!(
        status.is_some_and(|s| s.success()),
        "serve exits cleanly after SIGTERM: {status:?}"
    );
    let log = std::fs::read_to_string(dir.path().join("serve.log")).expect("log");
    assert!(log.contains("shutting down"), "{log}");
}

#[test]
fn a_long_uri_and_large_headers_get_the_json_error_body() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(dir.path(), &[]);
    let long = "a".repeat(20 << 10);
    let (status, body) = get(server.addr, &format!("/api/v1/organizations?q={long}"));
    assert_eq!(status, 414, "{body}");
    let json: Value = serde_json::from_str(&body).expect("a JSON body");
    assert_eq!(json["error"]["code"], "uri_too_long", "{json}");

    let big = "b".repeat(40 << 10);
    let (status, body) = raw(
        server.addr,
        format!("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: {big}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(status, 431, "{body}");
    let json: Value = serde_json::from_str(&body).expect("a JSON body");
    assert_eq!(json["error"]["code"], "headers_too_large", "{json}");
}

#[test]
fn an_empty_admin_token_warns_and_the_server_is_read_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(dir.path(), &[("PUENTES_ADMIN_TOKEN", "")]);
    let (status, body) = raw(
        server.addr,
        b"POST /api/v1/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \r\n\
          Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("writes are disabled"), "{body}");
    drop(server);
    let log = std::fs::read_to_string(dir.path().join("serve.log")).expect("log");
    assert!(
        log.contains("PUENTES_ADMIN_TOKEN is set but empty"),
        "no warning at start: {log}"
    );
}

#[test]
fn a_refused_token_is_logged_without_the_token() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = server(
        dir.path(),
        &[
            ("PUENTES_ADMIN_TOKEN", "adm1n-s3cret"),
            ("PUENTES_RESTRICTED_TOKEN", "r3ader-s3cret"),
        ],
    );
    let (status, body) = raw(
        server.addr,
        b"GET /api/v1/organizations?q=1 HTTP/1.1\r\nHost: x\r\n\
          Authorization: Bearer wr0ng-guess\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 403, "{body}");
    let (status, body) = raw(
        server.addr,
        b"POST /api/v1/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer r3ader-s3cret\r\n\
          Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    );
    assert_eq!(status, 403, "{body}");
    drop(server);
    let log = std::fs::read_to_string(dir.path().join("serve.log")).expect("log");
    let refusals: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("token refused"))
        .collect();
    assert_eq!(refusals.len(), 2, "{log}");
    assert!(refusals[0].contains("GET") && refusals[0].contains("/api/v1/organizations"));
    assert!(refusals[0].contains("unknown token"), "{}", refusals[0]);
    assert!(refusals[1].contains("POST") && refusals[1].contains("/api/v1/import"));
    assert!(refusals[1].contains("read-only token"), "{}", refusals[1]);
    for secret in ["wr0ng-guess", "r3ader-s3cret", "adm1n-s3cret", "q=1"] {
        assert!(!log.contains(secret), "{secret} in the log: {log}");
    }
}
