//! Issue 11.3, 11.5 and 11.6 through the whole app and the command line: an import's problems
//! and a `.gz` file's expansion are bounded whatever the input (the real compressed datasets
//! still import); one id rule for every format, and the store's own JSON re-imports; unknown
//! parameters are refused, and emptying a network needs a confirmation.

use crate::support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use puentes::import::{read_path, Format};
use puentes::store::{GraphStore, MemoryStore};
use serde_json::Value;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;

const TOKEN: &str = "test-admin-token";

async fn fixture_app() -> (Router, Arc<MemoryStore>) {
    support::fixture_app(Some(TOKEN)).await
}

/// `POST /api/v1/import{query}` with the admin token: the status and the raw body.
async fn post_import(
    app: &Router,
    query: &str,
    content_type: &str,
    body: impl Into<Body>,
) -> (StatusCode, Vec<u8>) {
    let req = Request::post(format!("/api/v1/import{query}"))
        .header(header::CONTENT_TYPE, content_type)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(body.into())
        .expect("request");
    let resp = app.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, bytes.to_vec())
}

/// The same, with the body read as JSON (`null` when it is not).
async fn import(app: &Router, query: &str, content_type: &str, body: &str) -> (StatusCode, Value) {
    let (status, bytes) = post_import(app, query, content_type, body.to_owned()).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// 8 MiB of edge-list lines with four tokens each: 1,048,576 problems of one kind.
#[tokio::test]
async fn a_flood_of_bad_lines_gets_a_small_422_with_the_total() {
    let body = "x y z w\n".repeat(1 << 20);
    assert_eq!(body.len(), 8 << 20);
    let (app, _) = fixture_app().await;
    let (status, bytes) = post_import(&app, "?dry_run=true", "text/plain", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bytes.len() < 64 << 10,
        "422 body is {} bytes for an 8 MiB input",
        bytes.len()
    );
    let err: Value = serde_json::from_slice(&bytes).expect("JSON body");
    let message = err["error"]["message"].as_str().expect("message");
    assert!(
        message.starts_with("1048576 problem(s) in the input; nothing was imported"),
        "{message}"
    );
    assert!(
        message.contains(
            "1048476 more problems: 1048476 of kind line (expected two ids and an optional \
             weight, separated by spaces or tabs)"
        ),
        "{message}"
    );
    let details = err["error"]["details"].as_array().expect("details");
    assert_eq!(details.len(), 100, "the first 100 in full");
    assert_eq!(details[0]["line"], 1);
    assert_eq!(details[99]["line"], 100);
    assert_eq!(details[99]["value"], "x y z w");
}

/// The same refusal in Spanish: the sentence and every problem's `expected`.
#[tokio::test]
async fn problems_are_worded_in_the_request_language() {
    let (app, store) = fixture_app().await;
    let before = store.snapshot().await.expect("snapshot");
    let doc = r#"{"organizations": [{"id": "Nueva!", "name": "Nueva", "country": "HN"}],
                  "ties": [{"source": "nueva", "target": "x", "kind": "referral", "strength": 9}]}"#;
    let (status, err) = import(&app, "?lang=es", "application/json", doc).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert!(
        err["error"]["message"]
            .as_str()
            .is_some_and(|m| m.ends_with("problema(s) en la entrada; no se importó nada")),
        "{err}"
    );
    // What each listed problem expects.
    fn expected_of(err: &Value) -> Vec<&str> {
        err["error"]["details"]
            .as_array()
            .expect("details")
            .iter()
            .filter_map(|d| d["expected"].as_str())
            .collect()
    }
    let expected = expected_of(&err);
    assert!(
        expected.contains(&"de 1 a 64 caracteres: letras minúsculas a-z, dígitos, '-' o '_'"),
        "{expected:?}"
    );
    assert!(
        expected.contains(&"un número entero de 1 a 5"),
        "{expected:?}"
    );
    assert_eq!(err["error"]["details"][0]["file"], "cuerpo de la petición");
    let (_, err) = import(&app, "", "application/json", doc).await;
    let english = expected_of(&err);
    assert!(
        english.contains(&"a whole number from 1 to 5"),
        "{english:?}"
    );
    assert_eq!(
        store.snapshot().await.expect("snapshot").revision,
        before.revision,
        "nothing written"
    );
}

/// One gzip member of `mib` MiB of zeros, compressed a MiB at a time.
fn zeros_member(mib: usize) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..mib {
        enc.write_all(&chunk).expect("compress");
    }
    enc.finish().expect("compress")
}

/// A `.txt.gz` of 40 concatenated members of 16 MiB of zeros: 640 MiB from about 650 KB.
fn gzip_bomb(dir: &Path) -> PathBuf {
    let member = zeros_member(16);
    let path = dir.join("bomb.txt.gz");
    let mut file = std::fs::File::create(&path).expect("create");
    for _ in 0..40 {
        file.write_all(&member).expect("write");
    }
    path
}

#[test]
fn a_gzip_bomb_is_refused_with_the_file_and_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = gzip_bomb(dir.path());
    let compressed = std::fs::metadata(&path).expect("metadata").len();
    assert!(compressed < 1 << 20, "{compressed} bytes");
    let err = match read_path(&path, None) {
        Ok(parsed) => panic!(
            "a 640 MiB expansion was read whole: {} problem(s), no error",
            parsed.problems.len()
        ),
        Err(e) => e.to_string(),
    };
    // The documented limit: 16 times the compressed size plus 64 MiB.
    let limit = 16 * compressed + (64 << 20);
    assert!(err.contains("bomb.txt.gz"), "{err}");
    assert!(err.contains(&format!("{limit} bytes")), "{err}");
    assert!(err.contains("16 times"), "{err}");
}

/// The command line says the same and exits with an error, instead of aborting on allocation.
#[test]
fn the_cli_refuses_a_gzip_bomb_and_summarises_a_flood_of_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bomb = gzip_bomb(dir.path());
    let data = dir.path().join("data");
    let puentes = |file: &Path| {
        support::puentes()
            .arg("import")
            .arg(file)
            .arg("--data-dir")
            .arg(&data)
            .output()
            .expect("run puentes")
    };
    let out = puentes(&bomb);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bomb.txt.gz") && stderr.contains("16 times"),
        "{stderr}"
    );

    let flood = dir.path().join("flood.txt");
    std::fs::write(&flood, "x y z w\n".repeat(100_000)).expect("write");
    let out = puentes(&flood);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.len() < 64 << 10, "{} bytes on stderr", stderr.len());
    assert!(
        stderr.contains("flood.txt:100: line = \"x y z w\""),
        "{stderr}"
    );
    assert!(!stderr.contains("flood.txt:101:"), "{stderr}");
    assert!(
        stderr.contains("99900 more problems: 99900 of kind line"),
        "{stderr}"
    );
}

/// Both real compressed datasets expand to well under the limit (measured ratios 3.5 and 5.6).
#[test]
fn the_real_gzip_datasets_are_within_the_limit() {
    let datasets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/datasets");
    let slashdot = datasets.join("soc-Slashdot0902/soc-Slashdot0902.txt.gz");
    let (_, summary) = read_path(&slashdot, Some(Format::Snap))
        .expect("read")
        .finish(&HashSet::new())
        .expect("valid");
    assert_eq!((summary.organizations, summary.ties), (82_168, 504_230));
    // CORDIS ties are a dated edge list `source,target,year` (one row per pair, its first
    // year): read whole, every tie dated (SOURCE.txt: 654,956 ties, 27,875 organizations tied).
    let cordis = datasets.join("cordis-h2020-2014-2019/ties.csv.gz");
    let (data, summary) = read_path(&cordis, None)
        .expect("decompressed within the limit")
        .finish(&HashSet::new())
        .expect("valid");
    assert_eq!((summary.organizations, summary.ties), (27_875, 654_956));
    assert!(data
        .ties
        .iter()
        .all(|t| t.since.is_some_and(|y| (2014..=2019).contains(&y))));
}

fn problems(err: &Value) -> Vec<(u64, u64, String, String)> {
    err["error"]["details"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap_or(0),
                p["column"].as_u64().unwrap_or(0),
                p["field"].as_str().unwrap_or_default().to_owned(),
                p["value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn edge_list_ends_are_ids_or_names_without_hidden_characters() {
    let (app, store) = fixture_app().await;
    let before = store.snapshot().await.expect("snapshot");
    let body = "1 ../ZzB\n2 evil\u{202E}txt.exe\n3\t4\nbell\u{7} 5\n";
    let (status, err) = import(&app, "?mode=replace", "text/plain", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(
        problems(&err),
        vec![
            (2, 2, "target".to_owned(), "evil\\u{202e}txt.exe".to_owned()),
            (4, 1, "source".to_owned(), "bell\\u{7}".to_owned()),
        ],
        "{err}"
    );
    let first = &err["error"]["details"][0];
    assert_eq!(first["file"], "request body");
    assert_eq!(
        first["expected"],
        "an id, or a non-empty name of at most 200 characters without control or text-direction characters"
    );
    let after = store.snapshot().await.expect("snapshot");
    assert_eq!(after.revision, before.revision, "nothing written");
    // "../ZzB" alone is a name: the organization "zzb", named "../ZzB".
    let (status, body) = import(&app, "?mode=replace", "text/plain", "1 ../ZzB\n").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["summary"]["named"][0]["id"], "zzb");
    assert_eq!(body["summary"]["named"][0]["name"], "../ZzB");
}

#[tokio::test]
async fn what_an_edge_list_creates_reimports_as_json() {
    let (app, store) = fixture_app().await;
    let (status, body) = import(&app, "?mode=replace", "text/plain", "1 2\n2 3\n3 1 4\n").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(snap.data.organizations[0].country, "", "country unknown");
    let json = serde_json::to_string(&*snap.data).expect("serialize");
    let (status, body) = import(&app, "?mode=replace", "application/json", &json).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["summary"]["organizations"], 3);
    assert_eq!(body["summary"]["ties"], 3);
    let again = store.snapshot().await.expect("snapshot");
    assert_eq!(*again.data, *snap.data, "the same network");
}

#[tokio::test]
async fn replacing_a_network_with_nothing_needs_confirm_empty() {
    let (app, store) = fixture_app().await;
    let before = store.snapshot().await.expect("snapshot");
    for (content_type, body) in [
        ("application/json", "{}"),
        ("text/plain", ""),
        ("text/csv", "source,target,weight\n"),
    ] {
        let (status, err) = import(&app, "?mode=replace", content_type, body).await;
        assert_eq!(
            status,
            StatusCode::CONFLICT,
            "{content_type} {body:?}: {err}"
        );
        let message = err["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("confirm_empty=true"), "{message}");
        assert!(message.contains("120 organizations"), "{message}");
    }
    let after = store.snapshot().await.expect("snapshot");
    assert_eq!(after.revision, before.revision, "nothing written");
    let (status, body) = import(&app, "?mode=replace&confirm_empty=true", "text/plain", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let emptied = store.snapshot().await.expect("snapshot");
    assert!(emptied.data.organizations.is_empty());
    // An empty network may be replaced by an empty one without confirmation.
    let (status, body) = import(&app, "?mode=replace", "application/json", "{}").await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn unknown_import_parameters_are_refused_with_the_known_ones() {
    let (app, store) = fixture_app().await;
    let before = store.snapshot().await.expect("snapshot");
    let doc = r#"{"organizations": [{"id": "nueva", "name": "Nueva", "country": "HN"}]}"#;
    let (status, err) = import(&app, "?dry-run=true", "application/json", doc).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    let message = err["error"]["message"].as_str().unwrap_or_default();
    for name in ["\"dry-run\"", "dry_run", "mode", "format", "confirm_empty"] {
        assert!(message.contains(name), "{name} missing from: {message}");
    }
    let after = store.snapshot().await.expect("snapshot");
    assert_eq!(after.revision, before.revision, "nothing written");
}
