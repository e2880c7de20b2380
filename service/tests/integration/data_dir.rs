//! Who owns the data directory, and what `network.json` may hold (issue 11, items 1 and 7).
//!
//! One process writes a data directory; every other writer is refused with what to do
//! instead, and nothing is written. `network.json` is private to its owner, is checked by
//! the data model's rules when it is loaded, and a write that cannot reach the disk answers
//! 503 instead of 500. Most tests drive the real `puentes` binary.

use crate::support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use puentes::http::{app, AppState, Config};
use puentes::store::{Batch, GraphStore, MemoryStore};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use support::{get, puentes, run_for_at_most, serve_command, Server};
use tower::ServiceExt;

const TOKEN: &str = "data-dir-admin-token";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");
const IN_USE: &str = "is in use by another Puentes process";
const WHAT_TO_DO: &str = "import through the running server's API \
                          (POST /api/v1/import with the admin token) or stop it first";

/// The error of opening `dir`, which must fail.
fn open_error(dir: &Path, why: &str) -> String {
    match MemoryStore::open(dir) {
        Ok(_) => panic!("{} opened, but {why}", dir.display()),
        Err(e) => e.to_string(),
    }
}

fn network_file(data: &Path) -> Vec<u8> {
    std::fs::read(data.join("network.json")).expect("read network.json")
}

#[test]
fn a_second_open_of_a_data_directory_is_refused_while_the_first_lives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = MemoryStore::open(dir.path()).expect("first open");
    let err = open_error(dir.path(), "the first owner still holds it");
    assert!(err.contains(IN_USE), "{err}");
    assert!(err.contains(WHAT_TO_DO), "{err}");
    assert!(
        err.contains(&format!("pid {}", std::process::id())),
        "{err}"
    );
    drop(first);
    MemoryStore::open(dir.path()).expect("free again once the first owner is gone");
}

#[test]
fn a_second_server_and_a_cli_import_are_refused_while_a_server_owns_the_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let server = Server::start(
        serve_command(&data, &[]),
        &dir.path().join("first-serve.log"),
    );
    let before = network_file(&data);

    let mut second = serve_command(&data, &[]);
    second.env("PUENTES_ADMIN_TOKEN", TOKEN);
    let second = run_for_at_most(second, Duration::from_secs(20));
    assert!(
        second.status.is_some(),
        "the second serve on {} was still running after 20 s; stdout: {}",
        data.display(),
        second.stdout.trim()
    );
    assert!(!second.status.expect("exited").success());
    assert!(second.stderr.contains(IN_USE), "{}", second.stderr);
    assert!(
        second.stderr.contains(&format!("(pid {})", server.pid())),
        "{}",
        second.stderr
    );
    assert!(second.stderr.contains(WHAT_TO_DO), "{}", second.stderr);

    let mut import = puentes();
    import
        .args(["import", FIXTURE, "--mode", "replace", "--data-dir"])
        .arg(&data);
    let import = run_for_at_most(import, Duration::from_secs(60));
    assert!(
        !import.stdout.contains("Imported"),
        "the CLI import wrote behind the server's back: {}",
        import.stdout.trim()
    );
    assert!(!import.status.expect("exited").success());
    assert!(import.stderr.contains(IN_USE), "{}", import.stderr);
    assert!(import.stderr.contains(WHAT_TO_DO), "{}", import.stderr);

    assert_eq!(network_file(&data), before, "network.json is unchanged");
    assert_eq!(get(server.addr, "/health").0, 200, "the owner still serves");

    // Once the owner is gone, the directory is free again (the lock is not left behind).
    drop(server);
    let mut import = puentes();
    import
        .args(["import", FIXTURE, "--mode", "replace", "--data-dir"])
        .arg(&data);
    let import = run_for_at_most(import, Duration::from_secs(60));
    assert!(
        import.status.expect("exited").success(),
        "{}",
        import.stderr
    );
    assert!(
        import.stdout.contains("store revision is now 2"),
        "{}",
        import.stdout
    );
}

#[test]
fn read_only_commands_read_while_a_server_owns_the_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let _server = Server::start(serve_command(&data, &[]), &dir.path().join("serve.log"));
    let mut summary = puentes();
    summary.args(["summary", "--data-dir"]).arg(&data);
    let summary = run_for_at_most(summary, Duration::from_secs(60));
    assert!(
        summary.status.expect("exited").success(),
        "{}",
        summary.stderr
    );
    let s: Value = serde_json::from_str(&summary.stdout).expect("summary JSON");
    assert_eq!(s["nodes"], 120, "the fixture the server loaded");
}

#[tokio::test]
async fn network_json_is_readable_by_its_owner_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = MemoryStore::open(dir.path()).expect("open");
    let data = puentes::cli::builtin_fixture().expect("fixture");
    store.apply(Batch::replace(data)).await.expect("apply");
    let mode = std::fs::metadata(dir.path().join("network.json"))
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "mode {:o}", mode & 0o777);
}

/// Writes `network.json` through a store, then lets `edit` change its JSON.
async fn saved_fixture_edited(data: &Path, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    {
        let store = MemoryStore::open(data).expect("open");
        let fixture = puentes::cli::builtin_fixture().expect("fixture");
        store.apply(Batch::replace(fixture)).await.expect("apply");
    }
    let mut doc: Value = serde_json::from_slice(&network_file(data)).expect("JSON");
    edit(&mut doc);
    let bytes = serde_json::to_vec(&doc).expect("serialize");
    std::fs::write(data.join("network.json"), &bytes).expect("write");
    bytes
}

#[tokio::test]
async fn an_unknown_format_is_refused_naming_the_file_and_the_supported_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = saved_fixture_edited(dir.path(), |doc| doc["format"] = 2.into()).await;
    let err = open_error(dir.path(), "format 2 is not one this version reads");
    let file = dir.path().join("network.json");
    assert!(err.contains(&file.display().to_string()), "{err}");
    assert!(err.contains("format 2"), "{err}");
    assert!(err.contains("format 1"), "{err}");
    assert_eq!(
        network_file(dir.path()),
        bytes,
        "the file is left as it was"
    );
}

#[tokio::test]
async fn a_latitude_of_999_in_network_json_is_refused_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let mut id = String::new();
    let bytes = saved_fixture_edited(&data, |doc| {
        let org = &mut doc["organizations"][5];
        id = org["id"].as_str().expect("id").to_owned();
        org["latitude"] = 999.into();
    })
    .await;
    let err = open_error(&data, "latitude 999 breaks the data model");
    for expected in [
        data.join("network.json").display().to_string(),
        format!("organization {id:?}"),
        "latitude = 999".to_owned(),
        "a number from -90 to 90".to_owned(),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in: {err}");
    }

    // The real server does not start on it, and leaves it as it was.
    let serve = run_for_at_most(serve_command(&data, &[]), Duration::from_secs(20));
    assert!(
        serve.status.is_some(),
        "serve started on a network.json with latitude 999: {}",
        serve.stdout.trim()
    );
    assert!(!serve.status.expect("exited").success());
    assert!(serve.stderr.contains("latitude = 999"), "{}", serve.stderr);
    assert_eq!(network_file(&data), bytes, "the file is left as it was");
}

#[tokio::test]
async fn a_write_that_cannot_reach_the_disk_answers_503_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Arc::new(MemoryStore::open(dir.path()).expect("open"));
    let fixture = puentes::cli::builtin_fixture().expect("fixture");
    let revision = store.apply(Batch::replace(fixture)).await.expect("apply");
    let before = network_file(dir.path());
    // A full disk, for real: the next write goes to /dev/full, which answers ENOSPC. (The
    // tests run as root, so a read-only mode bit would not stop the write.)
    std::os::unix::fs::symlink("/dev/full", dir.path().join("network.json.tmp")).expect("symlink");
    let app = app(AppState::new(
        store.clone(),
        Config {
            admin_token: Some(TOKEN.to_owned()),
            ..Config::default()
        },
    ));
    let doc =
        r#"{"organizations": [{"id": "nueva", "name": "Nueva", "country": "HN"}], "ties": []}"#;
    let import = || {
        Request::post("/api/v1/import")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::from(doc))
            .expect("request")
    };
    let resp = app.clone().oneshot(import()).await.expect("infallible");
    let status = resp.status();
    let retry_after = resp.headers().get(header::RETRY_AFTER).cloned();
    let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(retry_after.is_some(), "503 carries Retry-After");
    assert_eq!(body["error"]["code"], "unavailable", "{body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("cannot write"), "{message}");
    assert!(
        !message.contains(&dir.path().display().to_string()),
        "no server paths: {message}"
    );
    assert_eq!(store.revision().await.expect("revision"), revision);
    assert_eq!(
        network_file(dir.path()),
        before,
        "network.json is unchanged"
    );

    // The failed write cleaned up after itself; once the disk has room, writes work again.
    let resp = app.oneshot(import()).await.expect("infallible");
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(store.revision().await.expect("revision"), revision + 1);
}

#[tokio::test]
async fn a_truncated_network_json_is_refused_at_start_and_never_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let whole = saved_fixture_edited(&data, |_| {}).await;
    // A crash of another tool, a full disk on a copy: the file ends in the middle.
    let cut = &whole[..whole.len() / 2];
    std::fs::write(data.join("network.json"), cut).expect("truncate");
    let err = open_error(&data, "half a network.json is not a network");
    assert!(
        err.contains(&data.join("network.json").display().to_string()),
        "{err}"
    );
    // The real server refuses to start: it neither starts empty nor loads the fixture over it.
    let serve = run_for_at_most(serve_command(&data, &[]), Duration::from_secs(20));
    assert!(
        serve.status.is_some(),
        "serve started on a truncated network.json: {}",
        serve.stdout.trim()
    );
    assert!(!serve.status.expect("exited").success());
    assert!(serve.stderr.contains("network.json"), "{}", serve.stderr);
    assert_eq!(network_file(&data), cut, "the file is left as it was");
    // An empty file (zero bytes) is not an empty network either.
    std::fs::write(data.join("network.json"), b"").expect("empty");
    let serve = run_for_at_most(serve_command(&data, &[]), Duration::from_secs(20));
    assert!(!serve.status.expect("exited").success(), "{}", serve.stdout);
    assert!(
        network_file(&data).is_empty(),
        "the empty file is left as it was"
    );
}
