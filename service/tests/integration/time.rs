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
    // Communities matched: four groups of 2020 communities became one each, and three pairs
    // of communities (the same in both years) started working together.
    assert_eq!(en["counts"]["communities_merged"], 4);
    assert_eq!(en["counts"]["communities_split"], 0);
    assert_eq!(en["counts"]["communities_started_talking"], 3);
    assert_eq!(
        en["changes"]["communities"]["merged"][0]["from"],
        serde_json::json!([0, 1])
    );
    let efficiency = |f: &serde_json::Value| f["global_efficiency"].as_f64().unwrap_or(-1.0);
    assert!(efficiency(&en["figures_from"]) < efficiency(&en["figures_to"]));
    assert!(es["sentences"].as_array().expect("sentences").iter().any(|s| s
        == "Para 2024 las comunidades “Frontera sur de México · Chiapas 1” (sus 6 organizaciones trabajan en ese corredor) y “Frontera sur de México · Chiapas 2” (sus 10 organizaciones trabajan en ese corredor) se habían unido en una: “Frontera sur de México” (17 de sus 19 organizaciones trabajan en ese corredor)."));
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

/// The whole app over an in-memory store holding `data`.
async fn app_of(data: puentes_analysis::model::NetworkData) -> axum::Router {
    use puentes::store::GraphStore;
    let store = std::sync::Arc::new(puentes::store::MemoryStore::ephemeral());
    store
        .apply(puentes::store::Batch::replace(data))
        .await
        .expect("load");
    let state = puentes::http::AppState::new(store, puentes::http::Config::default());
    puentes::http::app(state)
}

/// A POST of a JSON `body` to `uri`.
fn post_json(uri: &str, body: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post(uri)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_owned()))
        .expect("request")
}

/// `v` without the keys `drop` (at any depth): what depends on the place of each
/// organization, or names the store revision or the year.
fn without(mut v: serde_json::Value, drop: &[&str]) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value, drop: &[&str]) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|k, _| !drop.contains(&k.as_str()));
                m.values_mut().for_each(|x| walk(x, drop));
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(x, drop)),
            _ => {}
        }
    }
    walk(&mut v, drop);
    v
}

#[tokio::test]
async fn the_map_of_a_year_keeps_every_organization_in_place() {
    let (app, _) = fixture_app(None).await;
    let (status, whole) = call(&app, get_request("/api/v1/map")).await;
    assert_eq!(status, StatusCode::OK, "{whole}");
    let (status, y2018) = call(&app, get_request("/api/v1/map?as_of=2018&lang=es")).await;
    assert_eq!(status, StatusCode::OK, "{y2018}");
    // The timeline's 2018: 118 organizations, 105 pairs (a map's edge is a pair).
    assert_eq!(y2018["as_of"], 2018);
    assert_eq!(y2018["view"]["title"], "Mapa de la red · 2018");
    assert_eq!(y2018["totals"]["organizations"], 118);
    assert_eq!(y2018["edges"].as_array().map(Vec::len), Some(105));
    assert_eq!(
        (&y2018["width"], &y2018["height"]),
        (&whole["width"], &whole["height"])
    );
    let place = |map: &serde_json::Value| -> std::collections::HashMap<String, (f64, f64)> {
        map["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| {
                let xy = (
                    n["x"].as_f64().unwrap_or(-1.0),
                    n["y"].as_f64().unwrap_or(-1.0),
                );
                (n["id"].as_str().unwrap_or_default().to_owned(), xy)
            })
            .collect()
    };
    let (everywhere, then) = (place(&whole), place(&y2018));
    assert_eq!(then.len(), 118);
    for (id, xy) in &then {
        assert_eq!(Some(xy), everywhere.get(id), "{id} moved");
    }
    // Every disc stays inside the frame.
    let (w, h) = (
        y2018["width"].as_f64().unwrap_or(0.0),
        y2018["height"].as_f64().unwrap_or(0.0),
    );
    for n in y2018["nodes"].as_array().expect("nodes") {
        let (x, y, r) = (
            n["x"].as_f64().unwrap_or(-1.0),
            n["y"].as_f64().unwrap_or(-1.0),
            n["radius"].as_f64().unwrap_or(-1.0),
        );
        assert!(
            r > 0.0 && x - r >= -0.01 && x + r <= w + 0.01 && y - r >= -0.01 && y + r <= h + 0.01,
            "{n}"
        );
    }
    // A community view of 2018 keeps its members' relative places: the same offsets as on
    // the whole map, up to one scale.
    let (status, c0) = call(&app, get_request("/api/v1/map?as_of=2018&view=community/0")).await;
    assert_eq!(status, StatusCode::OK, "{c0}");
    let inside = place(&c0);
    let mut ids: Vec<&String> = inside.keys().collect();
    ids.sort();
    assert!(ids.len() >= 3, "{c0}");
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    let ratio = |m: &std::collections::HashMap<String, (f64, f64)>, p: &String, q: &String| {
        (m[p].0 - m[q].0, m[p].1 - m[q].1)
    };
    let (d_in, d_whole) = (ratio(&inside, a, b), ratio(&everywhere, a, b));
    let (e_in, e_whole) = (ratio(&inside, a, c), ratio(&everywhere, a, c));
    let s = d_in.0.hypot(d_in.1) / d_whole.0.hypot(d_whole.1);
    assert!((e_in.0 - s * e_whole.0).abs() < 0.1 && (e_in.1 - s * e_whole.1).abs() < 0.1);

    // A neighbourhood of 2018 is drawn where the whole network's neighbourhood puts its
    // organizations (two ties out: 2018 holds fewer of them).
    let centre = "casa-quetzal-nuevo";
    let ego = |year: &str| format!("/api/v1/map?view=ego/{centre}&radius=2{year}");
    let (status, ego_whole) = call(&app, get_request(&ego(""))).await;
    assert_eq!(status, StatusCode::OK, "{ego_whole}");
    let (status, ego_2018) = call(&app, get_request(&ego("&as_of=2018"))).await;
    assert_eq!(status, StatusCode::OK, "{ego_2018}");
    let (all, then) = (place(&ego_whole), place(&ego_2018));
    assert!(
        then.len() >= 2 && then.len() < all.len(),
        "{} of {} organizations in 2018",
        then.len(),
        all.len()
    );
    for (id, xy) in &then {
        assert_eq!(Some(xy), all.get(id), "{id} moved in the neighbourhood");
    }
    let labelled = ego_2018["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["labelled"] == true)
        .count();
    assert!(labelled >= 1, "labels chosen again: {ego_2018}");
}

/// For every year of the fixture, each analysis route with `as_of` answers what the same
/// route answers about a store that holds only the network of that year (filtered by
/// `puentes_analysis::time::at_year`), but for the places on the map (the whole map's) and
/// the year it names.
#[tokio::test]
async fn as_of_equals_analysing_the_network_filtered_by_year() {
    let (app, _) = fixture_app(None).await;
    let data = puentes::cli::builtin_fixture().expect("fixture");
    let what_if =
        r#"{"ties": [{"source": "casa-quetzal-nuevo", "target": "asociacion-maguey-andante"}]}"#;
    for year in [2015, 2018, 2020, 2024] {
        let filtered = app_of(puentes_analysis::time::at_year(&data, year)).await;
        for uri in [
            "/api/v1/summary",
            "/api/v1/gaps?limit=10000",
            "/api/v1/communities",
            "/api/v1/metrics?metrics=degree,betweenness,closeness",
            "/api/v1/organizations/casa-quetzal-nuevo/profile",
            "/api/v1/organizations/casa-quetzal-nuevo/suggestions",
            "/api/v1/map",
            "/api/v1/map?view=ego/casa-quetzal-nuevo",
        ] {
            let sep = if uri.contains('?') { '&' } else { '?' };
            let (s1, dated) = call(&app, get_request(&format!("{uri}{sep}as_of={year}"))).await;
            let (s2, alone) = call(&filtered, get_request(uri)).await;
            assert_eq!(
                (s1, s2),
                (StatusCode::OK, StatusCode::OK),
                "{uri} {year}: {dated} {alone}"
            );
            assert_eq!(dated["as_of"], year, "{uri}");
            let mut drop = vec!["revision", "as_of"];
            if uri.starts_with("/api/v1/map") {
                // The places and the frame are the whole map's (a neighbourhood's are the whole
                // network's neighbourhood's); the labels shown follow the places; the years
                // offered are the whole network's.
                let placed = [
                    "x",
                    "y",
                    "radius",
                    "labelled",
                    "label_side",
                    "width",
                    "height",
                ];
                drop.extend(placed.iter().chain(&["title", "years"]));
            }
            let (a, b) = (without(dated, &drop), without(alone, &drop));
            assert_eq!(a, b, "{uri} in {year}");
        }
        let (s1, dated) = call(
            &app,
            post_json(&format!("/api/v1/what-if?as_of={year}"), what_if),
        )
        .await;
        let (s2, alone) = call(&filtered, post_json("/api/v1/what-if", what_if)).await;
        assert_eq!(
            (s1, s2),
            (StatusCode::OK, StatusCode::OK),
            "{dated} {alone}"
        );
        assert_eq!(dated["as_of"], year);
        assert_eq!(
            without(dated, &["revision", "as_of"]),
            without(alone, &["revision", "as_of"]),
            "what-if in {year}"
        );
    }
}

/// A network none of whose ties carries a year has nothing to follow over time: `changes`
/// and `timeline` say so, in both languages, through the API and the CLI (before, they
/// answered "nothing changed" and one row for this year).
#[tokio::test]
async fn a_network_without_years_is_refused_over_time() {
    use puentes::store::GraphStore;
    let mut data = puentes::cli::builtin_fixture().expect("fixture");
    for t in &mut data.ties {
        (t.since, t.until) = (None, None);
    }
    let store = std::sync::Arc::new(puentes::store::MemoryStore::ephemeral());
    store
        .apply(puentes::store::Batch::replace(data.clone()))
        .await
        .expect("load");
    let app = puentes::http::app(puentes::http::AppState::new(
        store,
        puentes::http::Config::default(),
    ));
    for path in [
        "/api/v1/changes?from=2020&to=2024",
        "/api/v1/timeline",
        "/api/v1/timeline?from=2020&to=2024&format=csv",
    ] {
        let (status, body) = call(&app, get_request(path)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(body["error"]["code"], "bad_request");
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("no tie in this network carries a year"),
            "{message}"
        );
        assert!(message.contains("since"), "{message}");
    }
    let mut es = get_request("/api/v1/changes?from=2020&to=2024");
    es.headers_mut()
        .insert("accept-language", "es".parse().expect("header"));
    let (_, body) = call(&app, es).await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("ningún vínculo de esta red lleva un año"),
        "{body}"
    );
    // The CLI reads the same file and refuses the same way, exit 1.
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("network.json");
    std::fs::write(&file, serde_json::to_vec(&data).expect("json")).expect("write");
    for command in ["changes", "timeline"] {
        let mut args = vec![command, "--input", file.to_str().expect("path")];
        if command == "changes" {
            args.extend(["--from", "2020", "--to", "2024"]);
        }
        let out = support::puentes().args(&args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("no tie in this network carries a year"),
            "{command}: {stderr}"
        );
    }
}
