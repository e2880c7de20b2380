//! The network over time through the API and the CLI, on the synthetic fixture (ties
//! 2015-2024): `changes` and `timeline`, in both languages, and the one rule for years.

use crate::support;

use axum::http::StatusCode;
use support::{call, fixture_app, get_request};

#[tokio::test]
async fn changes_from_2020_to_2024_as_a_planner_reads_them() {
    let (app, _) = fixture_app(None).await;
    let (status, en) = call(&app, get_request("/api/v1/changes?from=2020&to=2024")).await;
    assert_eq!(status, StatusCode::OK, "{en}");
    assert_eq!(en["counts"]["ties_formed"], 87);
    assert_eq!(en["counts"]["ties_ended"], 2);
    assert_eq!(en["counts"]["no_longer_isolated"], 6);
    assert_eq!(en["figures_from"]["tied_pairs"], 148);
    assert_eq!(en["figures_to"]["tied_pairs"], 233);
    assert_eq!(en["figures_to"]["components"], 1);
    assert_eq!(
        en["sentences"][0],
        "From 2020 to 2024 the network went from 120 to 120 organizations and from 148 to 233 pairs working together; the largest connected group went from 89% to 100% of the organizations."
    );
    let (_, es) = call(
        &app,
        get_request("/api/v1/changes?from=2020&to=2024&lang=es"),
    )
    .await;
    assert_eq!(
        es["sentences"][1],
        "87 pares de organizaciones empezaron a trabajar juntos después de 2020 y 2 dejaron de hacerlo para 2024."
    );
    // The suggestions of 2020 that became ties by 2024: the backtest in a planner's words.
    let followed = &en["suggestions_became_ties"];
    assert_eq!(followed["organizations"], 91);
    assert_eq!(followed["k"], 10);
    let share = |x: &serde_json::Value| x.as_f64().unwrap_or_default();
    assert!(share(&followed["puentes"]) > share(&followed["adamic_adar"]));
    assert!(share(&followed["adamic_adar"]) > share(&followed["random"]));
    assert!(en["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .any(|s| s.as_str().unwrap_or_default().starts_with(
            "Of the 91 organizations that formed new ties after 2020, 86% had one of the 10 partners"
        )));
    // Lists are cut to the limit; counts stay whole.
    let (_, cut) = call(
        &app,
        get_request("/api/v1/changes?from=2020&to=2024&limit=3"),
    )
    .await;
    assert_eq!(
        cut["changes"]["ties_formed"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(cut["counts"]["ties_formed"], 87);
}

#[tokio::test]
async fn years_outside_the_network_are_refused_with_its_range() {
    let (app, _) = fixture_app(None).await;
    for (uri, want) in [
        (
            "/api/v1/changes?from=1999&to=2024",
            "from = \"1999\": expected a year from 2015 (the network's first dated tie) to",
        ),
        (
            "/api/v1/changes?from=2020&to=veinte",
            "to = \"veinte\": expected a year from 2015",
        ),
        (
            "/api/v1/changes?from=2024&to=2020",
            "from = 2024 comes after to = 2020: give the earlier year first",
        ),
        ("/api/v1/timeline?format=xml", "format"),
    ] {
        let (status, body) = call(&app, get_request(uri)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(want), "{uri}: {message}");
    }
}

#[tokio::test]
async fn the_timeline_has_one_row_per_year() {
    let (app, _) = fixture_app(None).await;
    let (status, rows) = call(&app, get_request("/api/v1/timeline")).await;
    assert_eq!(status, StatusCode::OK, "{rows}");
    let years: Vec<i64> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["year"].as_i64().unwrap_or_default())
        .collect();
    assert_eq!(years, (2015..=2024).collect::<Vec<_>>());
    let pairs: Vec<i64> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["tied_pairs"].as_i64().unwrap_or_default())
        .collect();
    assert_eq!(pairs[0], 31);
    assert_eq!(pairs[5], 148, "2020, as changes says");
    assert_eq!(pairs[9], 233, "2024");
    // The CLI prints the same figures.
    let out = support::puentes()
        .args(["timeline", "--input"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip"))
        .args(["--from", "2020", "--to", "2020"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("2020,120,114,148,")),
        "{text}"
    );
}

#[tokio::test]
async fn every_analysis_route_answers_about_the_network_of_a_year() {
    let (app, _) = fixture_app(None).await;
    // The summary of 2018 is the timeline's 2018 row (118 organizations, 105 pairs).
    let (status, s) = call(&app, get_request("/api/v1/summary?as_of=2018")).await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["as_of"], 2018);
    assert_eq!(s["network"]["nodes"], 118);
    assert_eq!(s["network"]["ties"], 105);
    let (_, whole) = call(&app, get_request("/api/v1/summary")).await;
    assert!(whole.get("as_of").is_none());
    assert_eq!(whole["network"]["nodes"], 120);
    // Metrics of 2018: one row per organization of that year.
    let (status, m) = call(
        &app,
        get_request("/api/v1/metrics?as_of=2018&metrics=degree"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{m}");
    assert_eq!(
        (m["as_of"].as_i64(), m["total"].as_u64()),
        (Some(2018), Some(118))
    );
    for uri in [
        "/api/v1/gaps?as_of=2018",
        "/api/v1/communities?as_of=2018",
        "/api/v1/analytics/attributes?as_of=2018&permutations=9",
        "/api/v1/export?format=json&as_of=2018",
        "/api/v1/organizations/casa-quetzal-nuevo/suggestions?as_of=2018",
        "/api/v1/suggestions?as_of=2018&confirmed=true",
    ] {
        let (status, body) = call(&app, get_request(uri)).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    }
    let (_, exported) = call(&app, get_request("/api/v1/export?format=json&as_of=2018")).await;
    assert_eq!(
        exported["nodes"].as_array().map(Vec::len),
        Some(118),
        "{exported}"
    );
    let (status, body) = call(&app, get_request("/api/v1/gaps?as_of=2031&lang=es")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["error"]["message"],
        format!(
            "as_of = \"2031\": se espera un año de 2015 (el primer vínculo con fecha de la red) a {}",
            puentes::time::this_year() + 1
        )
    );
}

#[tokio::test]
async fn analyses_can_read_the_confirmed_ties_only() {
    // The fixture has 287 ties: 115 reported by both sides, on 107 pairs.
    let (app, _) = fixture_app(None).await;
    let (status, s) = call(&app, get_request("/api/v1/summary?confirmed=true")).await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["confirmed"], true);
    assert_eq!(s["network"]["nodes"], 120, "every organization stays");
    assert_eq!(s["network"]["ties"], 107);
    let (_, both) = call(
        &app,
        get_request("/api/v1/summary?confirmed=true&as_of=2024"),
    )
    .await;
    assert_eq!(
        (both["as_of"].as_i64(), both["confirmed"].as_bool()),
        (Some(2024), Some(true))
    );
    assert!(both["network"]["ties"].as_u64().unwrap_or(999) <= 107);
    let (status, _) = call(&app, get_request("/api/v1/gaps?confirmed=maybe")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The CLI reads the same network.
    let out = support::puentes()
        .args(["summary", "--confirmed", "--input"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip"))
        .output()
        .expect("run");
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(cli["ties"], 107);
}
