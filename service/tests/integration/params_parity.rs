//! The CLI and the API read every parameter they share with the same constructor
//! (`puentes::params`): the same value gives the same answer (the same numbers) or the same
//! refusal sentence at both edges. Each value here is sent to the real `puentes` binary (with
//! `--input fixtures/hip`) and to the whole app over a store holding the same fixture.
//!
//! The parameters, and the values sent (good, then refused):
//!
//! | parameter | CLI | API | good | refused |
//! |---|---|---|---|---|
//! | algorithm | `communities --algorithm` | `/communities?algorithm=` | leiden, label_propagation | girvan_newman |
//! | resolution | `communities --resolution` | `/communities?resolution=` | 2, 100 | 1000, 0, -1, abc, NaN, inf |
//! | seed | `communities`/`analytics --seed` | `/communities`, `/analytics/attributes?seed=` | 7 | -1, abc |
//! | metrics | `metrics --metrics` | `/metrics?metrics=` | degree,community; closeness,brokerage | degree,brokers |
//! | weighted | `metrics --weighted` | `/metrics?weighted=true` | on | |
//! | weight | `--weight` (every analysis command) | `/metrics`, `/summary`, `/export?weight=` | strength | an attribute no tie carries |
//! | format (table) | `metrics --format` | `/metrics?format=` | csv, json | xml |
//! | format (export) | `export --format` | `/export?format=` | graphml | xlsx |
//! | goal | `suggest --goal`, `what-if --from-suggestions` | `?goal=`, what-if `from_suggestions.goal` | bridge, services | closure |
//! | weights | `suggest --weights` | `?weights=` | adamic_adar=0.5,proximity=0.5 | all 0, 1e308, inf, -1, unknown component, no `=`, with a goal |
//! | limit (suggestions) | `suggest --limit` | `/organizations/{id}/suggestions?limit=` | 3 | 0, 51, abc |
//! | limit (report lists) | `gaps --limit` | `/gaps?limit=` | 3 | 0, 10001, abc |
//! | lang | `--lang` | `?lang=` | es | fr |
//! | view, radius | `render --view --radius` | `/map?view=&radius=` | | communities, ego/ without id, radius 3, 300, abc; a radius without an ego view; community/999 |

use crate::support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use support::{call_raw, fixture_app, puentes};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");

/// An organization of the fixture.
const ORG: &str = "casa-quetzal-nuevo";

/// What the binary did: exit code, standard output, standard error.
struct CliRun {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

/// `puentes <args> --input fixtures/hip`.
fn cli(args: &[&str]) -> CliRun {
    let out = puentes()
        .args(args)
        .args(["--input", FIXTURE])
        .output()
        .expect("run puentes");
    CliRun {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `puentes <args>`, which must succeed; its standard output.
fn cli_ok(args: &[&str]) -> Vec<u8> {
    let run = cli(args);
    assert_eq!(run.code, Some(0), "puentes {args:?}: {}", run.stderr);
    run.stdout
}

/// `puentes <args>`, which must succeed; its standard output as JSON.
fn cli_json(args: &[&str]) -> Value {
    serde_json::from_slice(&cli_ok(args)).expect("the CLI answers JSON")
}

/// The sentence of a refused command: its last `error: …` line.
fn cli_refusal(args: &[&str]) -> String {
    let run = cli(args);
    assert_ne!(run.code, Some(0), "puentes {args:?} must be refused");
    run.stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .next_back()
        .unwrap_or_else(|| panic!("puentes {args:?}: no error line in {:?}", run.stderr))
        .to_owned()
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

fn post_json(uri: &str, body: &Value) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

/// `req`'s answer, which must be 200; its body.
async fn api_ok(app: &axum::Router, req: Request<Body>) -> Vec<u8> {
    let uri = req.uri().to_string();
    let (status, body) = call_raw(app, req).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&body)
    );
    body
}

async fn api_json(app: &axum::Router, uri: &str) -> Value {
    serde_json::from_slice(&api_ok(app, get(uri)).await).expect("the API answers JSON")
}

/// The sentence of a refused request (400 or 404): its `error.message`.
async fn api_refusal(app: &axum::Router, req: Request<Body>) -> String {
    let uri = req.uri().to_string();
    let (status, body) = call_raw(app, req).await;
    assert!(
        status == StatusCode::BAD_REQUEST || status == StatusCode::NOT_FOUND,
        "{uri} must be refused, got {status}: {}",
        String::from_utf8_lossy(&body)
    );
    let json: Value = serde_json::from_slice(&body).expect("error body");
    json["error"]["message"]
        .as_str()
        .expect("a message")
        .to_owned()
}

/// The same refusal at both edges; returns it so a test can check its words once.
async fn same_refusal(app: &axum::Router, args: &[&str], req: Request<Body>) -> String {
    let uri = req.uri().to_string();
    let from_cli = cli_refusal(args);
    let from_api = api_refusal(app, req).await;
    assert_eq!(from_cli, from_api, "puentes {args:?} and {uri}");
    from_cli
}

/// `doc` without the `<list>_total` keys the CLI adds beside the lists it cuts.
fn without_totals(doc: &mut Value) {
    match doc {
        Value::Object(map) => {
            map.retain(|k, _| !k.ends_with("_total"));
            map.values_mut().for_each(without_totals);
        }
        Value::Array(items) => items.iter_mut().for_each(without_totals),
        _ => {}
    }
}

#[tokio::test]
async fn community_parameters_give_the_same_partition_or_the_same_refusal() {
    let (app, _) = fixture_app(None).await;
    for (algorithm, resolution, seed) in [("leiden", "2", "7"), ("label_propagation", "100", "42")]
    {
        let from_cli = cli_json(&[
            "communities",
            "--algorithm",
            algorithm,
            "--resolution",
            resolution,
            "--seed",
            seed,
        ]);
        let from_api = api_json(
            &app,
            &format!(
                "/api/v1/communities?algorithm={algorithm}&resolution={resolution}&seed={seed}"
            ),
        )
        .await;
        assert_eq!(from_cli, from_api, "{algorithm} {resolution} {seed}");
        assert!(from_cli["count"].as_u64().is_some_and(|c| c > 1));
    }
    let refused = same_refusal(
        &app,
        &["communities", "--algorithm", "girvan_newman"],
        get("/api/v1/communities?algorithm=girvan_newman"),
    )
    .await;
    assert_eq!(
        refused,
        "algorithm = \"girvan_newman\": expected one of: louvain, leiden, label_propagation, \
         components"
    );
    // 1000 was answered by the CLI (120 communities, modularity −10.24) and refused by the API.
    for value in ["1000", "0", "-1", "abc", "NaN", "inf"] {
        let refused = same_refusal(
            &app,
            &["communities", &format!("--resolution={value}")],
            get(&format!("/api/v1/communities?resolution={value}")),
        )
        .await;
        assert_eq!(
            refused,
            format!("resolution = \"{value}\": expected a number above 0, at most 100")
        );
    }
    for value in ["-1", "abc"] {
        same_refusal(
            &app,
            &["communities", &format!("--seed={value}")],
            get(&format!("/api/v1/communities?seed={value}")),
        )
        .await;
    }
    // In Spanish too.
    let refused = same_refusal(
        &app,
        &["communities", "--resolution", "1000", "--lang", "es"],
        get("/api/v1/communities?resolution=1000&lang=es"),
    )
    .await;
    assert_eq!(
        refused,
        "resolution = \"1000\": se espera un número mayor que 0, como máximo 100"
    );
}

#[tokio::test]
async fn metric_lists_and_formats_give_the_same_table_or_the_same_refusal() {
    let (app, _) = fixture_app(None).await;
    // Metrics and position groups, at both edges (the API took metrics only).
    let from_cli = cli_json(&[
        "metrics",
        "--metrics",
        "degree,community",
        "--format",
        "json",
    ]);
    let from_api = api_json(&app, "/api/v1/metrics?metrics=degree,community").await;
    assert_eq!(from_cli, from_api["items"]);
    let first = &from_cli[0];
    assert!(first["degree"].is_number() && first["community_label"].is_string());
    assert!(first.get("betweenness").is_none() && first.get("constraint").is_none());
    // Weighted, with another group.
    let from_cli = cli_json(&[
        "metrics",
        "--metrics",
        "closeness,brokerage",
        "--weighted",
        "--format",
        "json",
    ]);
    let from_api = api_json(
        &app,
        "/api/v1/metrics?metrics=closeness,brokerage&weighted=true",
    )
    .await;
    assert_eq!(from_cli, from_api["items"]);
    assert!(from_cli[0]
        .as_object()
        .is_some_and(|o| o.keys().any(|k| k.starts_with("broker_"))));
    // CSV, byte for byte.
    let from_cli = cli_ok(&["metrics", "--metrics", "pagerank", "--format", "csv"]);
    let from_api = api_ok(&app, get("/api/v1/metrics?metrics=pagerank&format=csv")).await;
    assert_eq!(
        String::from_utf8_lossy(&from_cli),
        String::from_utf8_lossy(&from_api)
    );
    let refused = same_refusal(
        &app,
        &["metrics", "--metrics", "degree,brokers"],
        get("/api/v1/metrics?metrics=degree,brokers"),
    )
    .await;
    assert_eq!(
        refused,
        "metrics = \"brokers\": expected one of: degree, strength, betweenness, closeness, \
         harmonic, eigenvector, pagerank, core_number, clustering; or a position group: \
         community, structural_holes, brokerage"
    );
    let refused = same_refusal(
        &app,
        &["metrics", "--format", "xml"],
        get("/api/v1/metrics?format=xml"),
    )
    .await;
    assert_eq!(refused, "format = \"xml\": expected one of: json, csv");
    // The tie weight: strength is the default; the fixture's ties carry no attributes.
    let from_cli = cli_ok(&["metrics", "--metrics", "strength", "--weight", "strength"]);
    let from_api = api_ok(&app, get("/api/v1/metrics?metrics=strength&format=csv")).await;
    assert_eq!(
        String::from_utf8_lossy(&from_cli),
        String::from_utf8_lossy(&from_api)
    );
    let refused = same_refusal(
        &app,
        &["metrics", "--weight", "trust"],
        get("/api/v1/metrics?weight=trust"),
    )
    .await;
    assert_eq!(refused, "weight = \"trust\": expected one of: strength");
    // The export format.
    let from_cli = cli_ok(&["export", "--format", "graphml"]);
    let from_api = api_ok(&app, get("/api/v1/export?format=graphml")).await;
    assert!(from_cli == from_api, "the GraphML files differ");
    let refused = same_refusal(
        &app,
        &["export", "--format", "xlsx"],
        get("/api/v1/export?format=xlsx"),
    )
    .await;
    assert_eq!(
        refused,
        "format = \"xlsx\": expected one of: csv, json, graphml, gexf"
    );
}

#[tokio::test]
async fn suggestion_parameters_give_the_same_suggestions_or_the_same_refusal() {
    let (app, _) = fixture_app(None).await;
    let path = format!("/api/v1/organizations/{ORG}/suggestions");
    let from_cli = cli_json(&["suggest", ORG, "--goal", "bridge", "--limit", "3"]);
    let from_api = api_json(&app, &format!("{path}?goal=bridge&limit=3")).await;
    assert_eq!(from_cli, from_api);
    assert_eq!(from_cli["items"].as_array().map(Vec::len), Some(3));
    let weights = "adamic_adar=0.5,proximity=0.5";
    let from_cli = cli_json(&["suggest", ORG, "--weights", weights]);
    let from_api = api_json(&app, &format!("{path}?weights={weights}")).await;
    assert_eq!(from_cli, from_api);
    // Weights: all 0 (the CLI ranked by nothing), too large (1e308 made every score null),
    // not finite, negative, an unknown component, a part without `=`.
    let refused = same_refusal(
        &app,
        &["suggest", ORG, "--weights", "adamic_adar=0"],
        get(&format!("{path}?weights=adamic_adar=0")),
    )
    .await;
    assert_eq!(
        refused,
        "weights = \"adamic_adar=0\": expected at least one component with a weight above 0, \
         e.g. adamic_adar=0.5,proximity=0.2"
    );
    for value in ["1e308", "inf", "-1"] {
        let refused = same_refusal(
            &app,
            &["suggest", ORG, &format!("--weights=adamic_adar={value}")],
            get(&format!("{path}?weights=adamic_adar={value}")),
        )
        .await;
        assert_eq!(
            refused,
            format!(
                "weights: weight \"{value}\" for \"adamic_adar\": allowed a number from 0 to \
                 1000, as name=weight"
            )
        );
    }
    for value in ["adamic=1", "jaccard"] {
        same_refusal(
            &app,
            &["suggest", ORG, "--weights", value],
            get(&format!("{path}?weights={value}")),
        )
        .await;
    }
    let refused = same_refusal(
        &app,
        &["suggest", ORG, "--goal", "bridge", "--weights", "jaccard=1"],
        get(&format!("{path}?goal=bridge&weights=jaccard=1")),
    )
    .await;
    assert!(refused.contains("goal") && refused.contains("weights"));
    same_refusal(
        &app,
        &["suggest", ORG, "--goal", "closure"],
        get(&format!("{path}?goal=closure")),
    )
    .await;
    // The limit: 1 to 50 at both edges (the CLI took up to 1000).
    for value in ["0", "51", "abc"] {
        let refused = same_refusal(
            &app,
            &["suggest", ORG, "--limit", value],
            get(&format!("{path}?limit={value}")),
        )
        .await;
        assert_eq!(
            refused,
            format!("limit = \"{value}\": expected a whole number from 1 to 50")
        );
    }
    // What-if from suggestions: the goal.
    let mut from_cli = cli_json(&["what-if", "--from-suggestions", "services"]);
    let from_api: Value = serde_json::from_slice(
        &api_ok(
            &app,
            post_json(
                "/api/v1/what-if",
                &serde_json::json!({"from_suggestions": {"goal": "services"}}),
            ),
        )
        .await,
    )
    .expect("JSON");
    from_cli["revision"] = from_api["revision"].clone();
    assert_eq!(from_cli, from_api);
    assert!(from_cli["ties"].as_array().is_some_and(|t| !t.is_empty()));
    same_refusal(
        &app,
        &["what-if", "--from-suggestions", "closure"],
        post_json(
            "/api/v1/what-if",
            &serde_json::json!({"from_suggestions": {"goal": "closure"}}),
        ),
    )
    .await;
}

#[tokio::test]
async fn report_lists_language_seed_and_map_views_agree() {
    let (app, _) = fixture_app(None).await;
    // Items per list, in both languages.
    let from_cli = cli_json(&["gaps", "--limit", "3"]);
    let from_api = api_json(&app, "/api/v1/gaps?limit=3").await;
    assert_eq!(from_cli, from_api);
    let from_cli = cli_json(&["gaps", "--limit", "2", "--lang", "es"]);
    let from_api = api_json(&app, "/api/v1/gaps?limit=2&lang=es").await;
    assert_eq!(from_cli, from_api);
    for value in ["0", "10001", "abc"] {
        let refused = same_refusal(
            &app,
            &["gaps", "--limit", value],
            get(&format!("/api/v1/gaps?limit={value}")),
        )
        .await;
        assert_eq!(
            refused,
            format!("limit = \"{value}\": expected a whole number from 1 to 10000")
        );
    }
    let refused = same_refusal(&app, &["gaps", "--lang", "fr"], get("/api/v1/gaps?lang=fr")).await;
    assert_eq!(refused, "lang: expected es or en, not \"fr\"");
    // The seed of the permutation tests.
    let mut from_cli = cli_json(&["analytics", "--seed", "7", "--all"]);
    without_totals(&mut from_cli);
    let from_api = api_json(&app, "/api/v1/analytics/attributes?seed=7").await;
    assert_eq!(from_cli, from_api);
    same_refusal(
        &app,
        &["analytics", "--seed", "abc"],
        get("/api/v1/analytics/attributes?seed=abc"),
    )
    .await;
    // Map views.
    let out = std::env::temp_dir().join(format!("puentes-parity-{}.svg", std::process::id()));
    let out = out.to_str().expect("UTF-8 path");
    for (view, radius) in [
        ("communities", None),
        ("ego/", None),
        ("overview", Some("2")),
        (&*format!("ego/{ORG}"), Some("3")),
        (&*format!("ego/{ORG}"), Some("300")),
        (&*format!("ego/{ORG}"), Some("abc")),
        ("community/999", None),
    ] {
        let mut args = vec!["render", "--view", view, "--format", "svg", "--out", out];
        let mut uri = format!("/api/v1/map?view={view}");
        if let Some(r) = radius {
            args.extend(["--radius", r]);
            uri.push_str(&format!("&radius={r}"));
        }
        same_refusal(&app, &args, get(&uri)).await;
    }
    let _ = std::fs::remove_file(out);
}
