//! Helpers shared by the service's integration tests: the whole app over the fixture, driven
//! in process; and for the tests that drive the real `puentes` binary, a server on a free
//! port, a command with a deadline, raw HTTP.

#![allow(dead_code)] // not every helper is used in every build of the tests

pub mod xlsx;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The `puentes` binary with every variable it reads removed from its environment (all
/// `PUENTES_*` and `NEO4J_*` settings, and `RUST_LOG`), so the caller's environment cannot
/// change what a test sees; a test sets what it needs on the returned command.
pub fn puentes() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_puentes"));
    clear_settings(&mut cmd);
    cmd
}

/// Removes from `cmd`'s environment every variable `puentes` reads (see [`puentes`]).
pub fn clear_settings(cmd: &mut Command) {
    for (var, _) in std::env::vars_os() {
        let name = var.to_string_lossy();
        if name.starts_with("PUENTES_") || name.starts_with("NEO4J_") || name == "RUST_LOG" {
            cmd.env_remove(&var);
        }
    }
}

/// `puentes serve --addr 127.0.0.1:0 --data-dir <data_dir>` plus `args`.
pub fn serve_command(data_dir: &Path, args: &[&str]) -> Command {
    let mut cmd = puentes();
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .args(args);
    cmd
}

/// A running `puentes serve`, killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    _stdout: BufReader<ChildStdout>,
}

impl Server {
    /// Starts `cmd` (a `serve` command), with standard error going to `stderr`, and waits
    /// for the line that names its address.
    pub fn start(mut cmd: Command, stderr: &Path) -> Server {
        let log = std::fs::File::create(stderr).expect("create the stderr file");
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("start puentes serve");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read stdout");
        let addr = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("http://"))
            .and_then(|w| w.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "serve printed no address: {line:?}; stderr: {}",
                    std::fs::read_to_string(stderr).unwrap_or_default()
                )
            });
        Server {
            child,
            addr,
            _stdout: stdout,
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits at most `limit` for the process to exit.
    pub fn wait_for_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("poll") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a command did within its deadline.
#[derive(Debug)]
pub struct Run {
    /// `None` when it was still running at the deadline (it was then killed).
    pub status: Option<ExitStatus>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `cmd`, killing it if it is still running after `limit`.
pub fn run_for_at_most(mut cmd: Command, limit: Duration) -> Run {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn puentes");
    let deadline = Instant::now() + limit;
    let mut status = None;
    while Instant::now() < deadline {
        status = child.try_wait().expect("poll");
        if status.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if status.is_none() {
        let _ = child.kill();
    }
    let out = child.wait_with_output().expect("collect output");
    Run {
        status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Sends `request` (raw bytes) on a new connection and returns the status code and body of
/// the answer, read until the server closes the connection.
pub fn raw(addr: SocketAddr, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    s.write_all(request).expect("send");
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).expect("read the answer");
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// `GET path` on a new connection (`Connection: close`).
pub fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: puentes\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// The whole app over an in-memory store holding the fixture, with `admin_token` (if any)
/// allowed to write; and the store, to check what was written.
pub async fn fixture_app(
    admin_token: Option<&str>,
) -> (axum::Router, std::sync::Arc<puentes::store::MemoryStore>) {
    use puentes::store::GraphStore;
    let store = std::sync::Arc::new(puentes::store::MemoryStore::ephemeral());
    let data = puentes::cli::builtin_fixture().expect("fixture");
    store
        .apply(puentes::store::Batch::replace(data))
        .await
        .expect("load fixture");
    let state = puentes::http::AppState::new(
        store.clone(),
        puentes::http::Config {
            admin_token: admin_token.map(str::to_owned),
            ..puentes::http::Config::default()
        },
    );
    (puentes::http::app(state), store)
}

/// The Python with NetworkX 3.4.2 that reads exports back: `$PUENTES_PYTHON`, or the pinned
/// venv `.venv` made by `scripts/setup-python` (and `scripts/test`).
pub fn python() -> std::path::PathBuf {
    if let Ok(p) = std::env::var("PUENTES_PYTHON") {
        return p.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python");
    assert!(
        venv.exists(),
        "NetworkX is needed to read the exports back: run scripts/setup-python (or scripts/test), \
         or set PUENTES_PYTHON to a python with networkx==3.4.2"
    );
    venv
}

/// Sends `req` to the in-process app: the status and the body as JSON (`null` when the body
/// is not JSON).
pub async fn call(
    app: &axum::Router,
    req: axum::http::Request<axum::body::Body>,
) -> (axum::http::StatusCode, serde_json::Value) {
    let (status, bytes) = call_raw(app, req).await;
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, json)
}

/// Sends `req` to the in-process app: the status and the body's bytes.
pub async fn call_raw(
    app: &axum::Router,
    req: axum::http::Request<axum::body::Body>,
) -> (axum::http::StatusCode, Vec<u8>) {
    use tower::ServiceExt;
    let resp = app.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, bytes.to_vec())
}

/// A `GET uri` request with no body, for [`call`].
pub fn get_request(uri: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::get(uri)
        .body(axum::body::Body::empty())
        .expect("request")
}
