//! The whole app driven with `tower::ServiceExt::oneshot`, no socket.

use crate::support;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use puentes::store::GraphStore;
use serde_json::Value;
use tower::ServiceExt;

use support::{call, fixture_app, get_request as get};

const TOKEN: &str = "test-admin-token";

fn post(
    uri: &str,
    content_type: &str,
    token: Option<&str>,
    body: impl Into<Body>,
) -> Request<Body> {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(body.into()).expect("request")
}

fn multipart(parts: &[(&str, &str, &str)]) -> (String, String) {
    let boundary = "puentes-test-boundary";
    let mut body = String::new();
    for (name, file, content) in parts {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn partners_are_87_and_serve_561062_people() {
    let (app, _) = fixture_app(None).await;
    let (status, body) = call(&app, get("/api/v1/organizations?partner=true")).await;
    assert_eq!(status, StatusCode::OK);
    let items = body["items"].as_array().expect("items");
    assert_eq!(items.len(), 87);
    assert_eq!(body["total"], 87);
    let served: u64 = items
        .iter()
        .map(|o| o["population_served"].as_u64().expect("population_served"))
        .sum();
    assert_eq!(served, 561_062);
}

#[tokio::test]
async fn filters_and_paging() {
    let (app, _) = fixture_app(None).await;
    let (_, all) = call(&app, get("/api/v1/organizations?limit=10&offset=5")).await;
    assert_eq!(all["items"].as_array().map(Vec::len), Some(10));
    assert_eq!(all["total"], 120);
    let (_, gt) = call(&app, get("/api/v1/organizations?country=GT&partner=true")).await;
    assert_eq!(gt["total"], 7);
    let (_, shelter) = call(&app, get("/api/v1/organizations?service=shelter")).await;
    let items = shelter["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items.iter().all(|o| o["services"]
        .as_array()
        .is_some_and(|s| s.contains(&Value::from("shelter")))));
    let (status, err) = call(&app, get("/api/v1/organizations?service=lunch")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(err["error"]["code"], "bad_request");
    let (status, err) = call(&app, get("/api/v1/organizations?limit=0")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("limit")));
    let (_, ties) = call(&app, get("/api/v1/ties?organization=casa-quetzal-nuevo")).await;
    assert!(ties["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|t| t["source"] == "casa-quetzal-nuevo" || t["target"] == "casa-quetzal-nuevo"));
}

#[tokio::test]
async fn restricted_fields_need_a_token() {
    let (app, _) = fixture_app(Some(TOKEN)).await;
    let (status, public) = call(&app, get("/api/v1/organizations/casa-quetzal-nuevo")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(public.get("latitude").is_none() && public.get("contact").is_none());
    let req = Request::get("/api/v1/organizations/casa-quetzal-nuevo")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .expect("request");
    let (_, full) = call(&app, req).await;
    assert!(full["latitude"].is_number() && full["contact"].is_string());
    let (status, err) = call(&app, get("/api/v1/organizations/nobody")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["error"]["code"], "not_found");
}

#[tokio::test]
async fn writes_need_the_admin_token() {
    let doc = r#"{"organizations": [], "ties": []}"#;
    let (app, _) = fixture_app(None).await;
    let (status, err) = call(
        &app,
        post("/api/v1/import", "application/json", Some("x"), doc),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(err["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("PUENTES_ADMIN_TOKEN")));
    let (app, _) = fixture_app(Some(TOKEN)).await;
    let (status, _) = call(&app, post("/api/v1/import", "application/json", None, doc)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = call(
        &app,
        post("/api/v1/import", "application/json", Some("wrong"), doc),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bad_csv_rows_are_all_reported_and_nothing_is_written() {
    let (app, store) = fixture_app(Some(TOKEN)).await;
    let before = store.snapshot().await.expect("snapshot");
    let orgs = "id,name,country,services\n\
        nueva-a,Nueva A,MX,shelter\n\
        nueva-b,Nueva B,Mexico,shelter\n\
        nueva-c,Nueva C,GT,shelter;cooking\n";
    let ties = "source,target,kind,strength,since\n\
        nueva-a,casa-quetzal-nuevo,referral,3,2021\n\
        nueva-a,nowhere,referral,3,2021\n\
        nueva-c,nueva-a,coalition,7,2021\n";
    let (ct, body) = multipart(&[
        ("organizations", "organizations.csv", orgs),
        ("ties", "ties.csv", ties),
    ]);
    let (status, err) = call(&app, post("/api/v1/import", &ct, Some(TOKEN), body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["error"]["code"], "invalid_input");
    let got: Vec<(String, u64, u64, String)> = err["error"]["details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap_or_default().to_owned(),
                p["line"].as_u64().unwrap_or(0),
                p["column"].as_u64().unwrap_or(0),
                p["value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("organizations.csv", 3, 3, "Mexico"),
        ("organizations.csv", 4, 4, "cooking"),
        ("ties.csv", 3, 2, "nowhere"),
        ("ties.csv", 4, 4, "7"),
    ];
    let expected: Vec<(String, u64, u64, String)> = expected
        .iter()
        .map(|(f, l, c, v)| (f.to_string(), *l, *c, v.to_string()))
        .collect();
    assert_eq!(got, expected);
    let after = store.snapshot().await.expect("snapshot");
    assert_eq!(after.revision, before.revision);
    assert_eq!(after.data, before.data);
}

#[tokio::test]
async fn import_dry_run_then_real() {
    let (app, store) = fixture_app(Some(TOKEN)).await;
    let rev = store.revision().await.expect("revision");
    let doc = r#"{"organizations": [{"id": "nueva", "name": "Nueva", "country": "HN"}],
                  "ties": [{"source": "nueva", "target": "casa-quetzal-nuevo", "kind": "training",
                            "strength": 2, "since": 2024, "reported_by": "both"}]}"#;
    let (status, body) = call(
        &app,
        post(
            "/api/v1/import?dry_run=true",
            "application/json",
            Some(TOKEN),
            doc,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["revision"], rev);
    assert_eq!(body["summary"]["ties"], 1);
    assert_eq!(store.revision().await.expect("revision"), rev);
    let (status, body) = call(
        &app,
        post("/api/v1/import", "application/json", Some(TOKEN), doc),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["revision"], rev + 1);
    let (_, org) = call(&app, get("/api/v1/organizations/nueva")).await;
    assert_eq!(org["country"], "HN");
}

#[tokio::test]
async fn edge_list_replace_import() {
    let (app, store) = fixture_app(Some(TOKEN)).await;
    let (status, body) = call(
        &app,
        post(
            "/api/v1/import?mode=replace",
            "text/plain",
            Some(TOKEN),
            "# g\n1 2\n2 1\n2 3\n",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["summary"]["merged_duplicates"], 1);
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(
        (snap.data.organizations.len(), snap.data.ties.len()),
        (3, 2)
    );
}

#[tokio::test]
async fn every_documented_route_is_served_and_errors_share_one_shape() {
    let (app, _) = fixture_app(Some(TOKEN)).await;
    let doc = puentes::http::openapi();
    let mut documented: Vec<String> = doc.paths.paths.keys().cloned().collect();
    documented.sort();
    assert_eq!(
        documented,
        vec![
            "/api/v1/analytics/attributes",
            "/api/v1/changes",
            "/api/v1/communities",
            "/api/v1/export",
            "/api/v1/gaps",
            "/api/v1/import",
            "/api/v1/import/review",
            "/api/v1/import/survey",
            "/api/v1/map",
            "/api/v1/messages",
            "/api/v1/metrics",
            "/api/v1/metrics/write-back",
            "/api/v1/organizations",
            "/api/v1/organizations/{id}",
            "/api/v1/organizations/{id}/profile",
            "/api/v1/organizations/{id}/suggestions",
            "/api/v1/report",
            "/api/v1/suggestions",
            "/api/v1/summary",
            "/api/v1/ties",
            "/api/v1/timeline",
            "/api/v1/vocabulary",
            "/api/v1/what-if",
            "/health",
            "/ready",
        ]
    );
    for (path, item) in &doc.paths.paths {
        let uri = path.replace("{id}", "casa-quetzal-nuevo");
        let uri = if uri.ends_with("/export") {
            format!("{uri}?format=csv")
        } else {
            uri
        };
        let method = if item.post.is_some() {
            Method::POST
        } else {
            Method::GET
        };
        let req = Request::builder()
            .method(method.clone())
            .uri(&uri)
            .body(Body::empty())
            .expect("request");
        let (status, _) = call(&app, req).await;
        assert!(
            status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {uri} → {status}"
        );
    }
    let (status, served) = call(&app, get("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        served["paths"].as_object().map(|p| p.len()),
        Some(documented.len())
    );
    // Every schema the document refers to exists in it.
    let mut refs = Vec::new();
    collect_refs(&served, &mut refs);
    let missing: Vec<&String> = refs
        .iter()
        .filter(|r| {
            let name = r.trim_start_matches("#/components/schemas/");
            served["components"]["schemas"].get(name).is_none()
        })
        .collect();
    assert!(!refs.is_empty());
    assert!(missing.is_empty(), "dangling $ref: {missing:?}");
    let resp = app
        .clone()
        .oneshot(get("/api/v1/docs/"))
        .await
        .expect("docs");
    assert_eq!(
        resp.status(),
        StatusCode::OK,
        "API explorer served from embedded assets"
    );
    let resp = app.clone().oneshot(get("/")).await.expect("index");
    assert_eq!(resp.status(), StatusCode::OK, "overview page at /");
    let (status, err) = call(&app, get("/api/v1/nothing-here")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["error"]["code"], "not_found");
    let (status, err) = call(
        &app,
        post(
            "/api/v1/import",
            "application/json",
            Some(TOKEN),
            "{not json",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(err["error"]["details"][0]["line"].is_number());
}

#[tokio::test]
async fn metrics_summary_and_exports() {
    let (app, _) = fixture_app(None).await;
    let (status, body) = call(&app, get("/api/v1/metrics?sort=betweenness&limit=5")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items = body["items"].as_array().expect("items");
    assert_eq!(items.len(), 5);
    assert_eq!(body["total"], 120);
    let b: Vec<f64> = items
        .iter()
        .map(|o| o["betweenness"].as_f64().expect("betweenness"))
        .collect();
    assert!(
        b.windows(2).all(|w| w[0] >= w[1]),
        "sorted descending: {b:?}"
    );
    assert!(body["definitions"]["betweenness"]
        .as_str()
        .is_some_and(|d| d.contains("NetworkX")));
    for column in [
        "degree",
        "strength",
        "closeness",
        "harmonic",
        "eigenvector",
        "pagerank",
        "core_number",
        "clustering",
        "country",
    ] {
        assert!(items[0].get(column).is_some(), "column {column}");
    }
    assert!(
        items[0].get("latitude").is_none(),
        "restricted field left out"
    );
    let resp = app
        .clone()
        .oneshot(get(
            "/api/v1/metrics?format=csv&metrics=degree,pagerank,community,structural_holes,brokerage",
        ))
        .await
        .expect("csv");
    assert_eq!(resp.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
    assert!(
        text.lines()
            .next()
            .is_some_and(|h| h.starts_with("id,name,country")
            && h.contains(",degree,pagerank,community,community_label,community_label_es,constraint,effective_size,efficiency,hierarchy,broker_coordinator_by_corridor,")),
        "{}",
        &text[..200]
    );
    assert_eq!(text.lines().count(), 121);
    let (status, err) = call(&app, get("/api/v1/metrics?metrics=fame")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("pagerank")));
    let (status, s) = call(&app, get("/api/v1/summary")).await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["partners"], 87);
    assert_eq!(s["partner_population_served"], 561_062);
    assert_eq!(s["network"]["nodes"], 120);
    assert_eq!(s["network"]["components"], 1);
    let resp = app
        .clone()
        .oneshot(get("/api/v1/export?format=gexf"))
        .await
        .expect("gexf");
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()[header::CONTENT_TYPE], "application/gexf+xml");
}

#[tokio::test]
async fn gaps_name_the_cut_points_and_service_gaps() {
    let (app, _) = fixture_app(None).await;
    let (status, g) = call(&app, get("/api/v1/gaps?limit=500")).await;
    assert_eq!(status, StatusCode::OK, "{g}");
    // NetworkX 3.6.1 on the fixture: 16 articulation points, 15 bridges, one component.
    assert_eq!(g["cut_points"]["total"], 16);
    assert_eq!(g["bridges"]["total"], 15);
    let first = &g["cut_points"]["items"][0];
    assert!(
        first["cut_off_total"].as_u64().is_some_and(|n| n >= 10),
        "{first}"
    );
    assert!(first["explanation"]
        .as_str()
        .is_some_and(|e| e.starts_with("Without ")));
    // Pendant partners come before merely inward-looking ones.
    let reasons: Vec<String> = g["peripheral"]["items"][0]["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter_map(|r| r.as_str().map(str::to_owned))
        .collect();
    assert!(reasons.contains(&"pendant".to_string()), "{reasons:?}");
    assert!(g["service_gaps"]["total"].as_u64().is_some_and(|n| n > 0));
    assert!(g["least_connected_communities"]["items"][0]["observed"] == 0);
    let (status, p) = call(
        &app,
        get("/api/v1/organizations/casa-quetzal-nuevo/profile"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{p}");
    assert_eq!(p["metrics"]["degree"], 7.0);
    assert!(p["summary"][0]
        .as_str()
        .is_some_and(|s| s.starts_with("Casa Quetzal Nuevo has ties with 7 organizations")));
    assert!(p["organization"].get("contact").is_none());
    let (status, _) = call(&app, get("/api/v1/organizations/nobody/profile")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn communities_are_seeded_and_validated() {
    let (app, _) = fixture_app(None).await;
    let (status, a) = call(&app, get("/api/v1/communities?algorithm=leiden&seed=7")).await;
    assert_eq!(status, StatusCode::OK, "{a}");
    let (_, b) = call(&app, get("/api/v1/communities?algorithm=leiden&seed=7")).await;
    assert_eq!(a["membership"], b["membership"]);
    assert!(
        a["modularity"].as_f64().is_some_and(|q| q > 0.7),
        "{}",
        a["modularity"]
    );
    let corridor = a["by_attribute"]
        .as_array()
        .and_then(|v| v.iter().find(|x| x["attribute"] == "corridor"))
        .expect("corridor modularity");
    assert!(corridor["modularity"].as_f64().is_some_and(|q| q > 0.7));
    let (_, c) = call(&app, get("/api/v1/communities?algorithm=components")).await;
    assert_eq!(c["count"], 1);
    let (status, _) = call(&app, get("/api/v1/communities?resolution=-1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = call(&app, get("/api/v1/communities?algorithm=magic")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn attribute_analytics_reproduce_the_survey_directions() {
    let (app, _) = fixture_app(None).await;
    let (status, a) = call(&app, get("/api/v1/analytics/attributes?permutations=199")).await;
    assert_eq!(status, StatusCode::OK, "{a}");
    let rho = |x: &str, y: &str| {
        a["correlations"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["x"] == x && r["y"] == y))
            .and_then(|r| {
                Some((
                    r["spearman_rho"].as_f64()?,
                    r["spearman_p"].as_f64()?,
                    r["n"].as_u64()?,
                ))
            })
            .unwrap_or_else(|| panic!("no correlation {x} ~ {y}"))
    };
    // Larger budget: more social media, more donation sources; more staff or budget: less
    // frequent agreement review and feedback. Over the 87 surveyed partners.
    for (x, y, sign) in [
        ("annual_budget_usd", "social_media_use", 1.0),
        ("annual_budget_usd", "donation_sources", 1.0),
        ("salaried_staff", "agreement_review", -1.0),
        ("annual_budget_usd", "agreement_review", -1.0),
        ("salaried_staff", "feedback_to_population", -1.0),
        ("annual_budget_usd", "feedback_to_population", -1.0),
    ] {
        let (r, p, n) = rho(x, y);
        assert_eq!(n, 87, "{x} ~ {y}");
        assert!(r * sign > 0.3 && p < 0.001, "{x} ~ {y}: rho {r}, p {p}");
    }
    let ei = a["ei_index"].as_array().expect("ei");
    let corridor = ei
        .iter()
        .find(|e| e["grouping"] == "corridor")
        .expect("corridor E-I");
    assert!(
        corridor["network"].as_f64().is_some_and(|x| x < -0.5),
        "ties stay inside corridors"
    );
    assert!(corridor["permutation_test"]["p_less"]
        .as_f64()
        .is_some_and(|p| p < 0.01));
}

/// Every `$ref` string anywhere in `v`.
fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => collect_refs(x, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn unknown_query_parameters_are_refused_naming_the_known_ones() {
    let (app, _) = fixture_app(None).await;
    // A typo of `limit` on a read route, and a parameter a route does not take at all.
    let (status, err) = call(&app, get("/api/v1/gaps?limt=5")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    let message = err["error"]["message"].as_str().unwrap_or_default();
    assert_eq!(
        message,
        "query parameters: unknown parameter \"limt\"; expected limit, offset, as_of or confirmed"
    );
    let (status, err) = call(&app, get("/api/v1/gaps?limt=5&lang=es")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    assert_eq!(
        err["error"]["message"],
        "parámetros de consulta: parámetro desconocido \"limt\"; se espera limit, offset, as_of o confirmed"
    );
    let (status, err) = call(&app, get("/api/v1/summary?seed=1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    // `lang` is accepted everywhere, and a known parameter still works beside it.
    let (status, body) = call(&app, get("/api/v1/gaps?limit=2&lang=es")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["peripheral"]["items"].as_array().map(Vec::len),
        Some(2)
    );
    let (status, _) = call(&app, get("/api/v1/summary?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_sorted_page_is_the_same_slice_of_the_whole_sorted_table() {
    let (app, _) = fixture_app(None).await;
    let ids = |body: &serde_json::Value| -> Vec<String> {
        body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|o| o["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let (status, all) = call(&app, get("/api/v1/metrics?sort=degree")).await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let all = ids(&all);
    assert_eq!(all.len(), 120);
    // Degree has many ties: they are broken by stored order, on every page alike.
    for (offset, limit) in [(0, 7), (7, 13), (50, 30), (110, 50), (200, 5)] {
        let uri = format!("/api/v1/metrics?sort=degree&offset={offset}&limit={limit}");
        let (status, page) = call(&app, get(&uri)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(page["total"], 120, "{uri}");
        let expected: Vec<String> = all.iter().skip(offset).take(limit).cloned().collect();
        assert_eq!(ids(&page), expected, "{uri}");
    }
}

#[tokio::test]
async fn metric_definitions_and_notes_follow_the_language() {
    let (app, _) = fixture_app(None).await;
    let (status, en) = call(&app, get("/api/v1/metrics?metrics=degree,pagerank&limit=1")).await;
    assert_eq!(status, StatusCode::OK, "{en}");
    let (status, es) = call(
        &app,
        get("/api/v1/metrics?metrics=degree,pagerank&limit=1&lang=es"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{es}");
    assert!(en["definitions"]["degree"]
        .as_str()
        .is_some_and(|d| d.starts_with("Number of distinct organizations")));
    assert!(es["definitions"]["degree"]
        .as_str()
        .is_some_and(|d| d.starts_with("Número de organizaciones distintas")));
    assert!(
        es["notes"][0]
            .as_str()
            .is_some_and(|n| n.starts_with("pagerank: gradientes conjugados, convergió en ")),
        "{es}"
    );
    assert!(
        en["notes"][0]
            .as_str()
            .is_some_and(|n| n.starts_with("pagerank: conjugate gradients, converged in ")),
        "{en}"
    );
}

/// Issue 24: the OpenAPI document listed only JSON for the import body. Every type the
/// handler reads is listed, each with its schema; the survey's parts are named.
#[tokio::test]
async fn the_openapi_import_body_lists_every_accepted_content_type() {
    let (app, _) = fixture_app(None).await;
    let (status, doc) = call(&app, get("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    let body = &doc["paths"]["/api/v1/import"]["post"]["requestBody"];
    let mut types: Vec<&str> = body["content"]
        .as_object()
        .expect("content")
        .keys()
        .map(String::as_str)
        .collect();
    types.sort_unstable();
    assert_eq!(
        types,
        [
            "application/json",
            "multipart/form-data",
            "text/csv",
            "text/plain"
        ]
    );
    let content = &body["content"];
    assert_eq!(
        content["application/json"]["schema"]["$ref"],
        "#/components/schemas/NetworkData"
    );
    assert_eq!(
        content["multipart/form-data"]["schema"]["$ref"],
        "#/components/schemas/ProjectCsvPair"
    );
    assert_eq!(content["text/csv"]["schema"]["type"], "string");
    assert_eq!(content["text/plain"]["schema"]["type"], "string");
    let pair = &doc["components"]["schemas"]["ProjectCsvPair"];
    for part in ["organizations", "ties"] {
        assert_eq!(pair["properties"][part]["format"], "binary", "{part}");
    }
    let description = body["description"].as_str().expect("description");
    assert!(description.contains("text/csv") && description.contains("256 MiB"));
    let survey = &doc["paths"]["/api/v1/import/survey"]["post"]["requestBody"]["content"];
    let parts = &doc["components"]["schemas"]["SurveyParts"]["properties"];
    assert_eq!(
        survey["multipart/form-data"]["schema"]["$ref"],
        "#/components/schemas/SurveyParts"
    );
    for part in ["responses", "survey", "aliases"] {
        assert!(parts.get(part).is_some(), "survey part {part}");
    }
}

/// Issue 24: a JSON body with a key given twice was read as its last value, silently. It is
/// refused (400 on what-if, 422 with its place on an import), naming the key; nothing is
/// computed or written.
#[tokio::test]
async fn a_key_given_twice_in_a_json_body_is_refused_by_name() {
    let (app, store) = fixture_app(Some(TOKEN)).await;
    let body = r#"{"ties": [{"source": "casa-quetzal-nuevo", "target": "albergue-sendero-nuevo", "strength": 2}],
        "from_suggestions": {"goal": "bridge"}, "ties": []}"#;
    let (status, err) = call(
        &app,
        post("/api/v1/what-if", "application/json", None, body),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    assert_eq!(err["error"]["code"], "bad_request");
    let message = err["error"]["message"].as_str().expect("message");
    assert!(
        message.starts_with("request body: the key \"ties\" is given twice in one object (line 2"),
        "{message}"
    );
    let (_, es) = call(
        &app,
        post("/api/v1/what-if?lang=es", "application/json", None, body),
    )
    .await;
    assert!(es["error"]["message"]
        .as_str()
        .expect("message")
        .starts_with("cuerpo de la petición: la clave \"ties\" aparece dos veces"));
    // The same inside a tie.
    let body = r#"{"ties": [{"source": "casa-quetzal-nuevo", "target": "x", "strength": 2, "target": "y"}]}"#;
    let (status, err) = call(
        &app,
        post("/api/v1/what-if", "application/json", None, body),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(err["error"]["message"]
        .as_str()
        .expect("message")
        .contains("\"target\""));
    // An import: 422, the problem at its JSON pointer, nothing written.
    let revision = store.revision().await.expect("revision");
    let doc = r#"{"organizations": [{"id": "a", "name": "A", "country": "MX", "name": "B"}], "ties": []}"#;
    let (status, err) = call(
        &app,
        post("/api/v1/import", "application/json", Some(TOKEN), doc),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let problem = &err["error"]["details"][0];
    assert_eq!(problem["field"], "/organizations/0/name", "{problem}");
    assert_eq!(problem["value"], "name");
    assert_eq!(problem["line"], 1);
    assert!(problem["expected"]
        .as_str()
        .expect("expected")
        .contains("each key once"));
    assert_eq!(store.revision().await.expect("revision"), revision);
}

/// Issue 24: every what-if was computed afresh. The same ties asked again (in another
/// order, ends swapped) are answered from the revision's cache: the same answer, and no
/// computation (the revision context's counter of computations does not move).
#[tokio::test]
async fn a_repeated_what_if_is_answered_from_the_cache() {
    let (_, store) = fixture_app(None).await;
    let state = puentes::http::AppState::new(store, puentes::http::Config::default());
    let analyses = state.analyses.clone();
    let app = puentes::http::app(state);
    let one = r#"{"ties": [{"source": "casa-quetzal-nuevo", "target": "albergue-sendero-nuevo", "strength": 2},
        {"source": "iniciativa-raices-comun", "target": "casa-quetzal-nuevo", "strength": 1}]}"#;
    let swapped = r#"{"ties": [{"source": "casa-quetzal-nuevo", "target": "iniciativa-raices-comun", "strength": 1},
        {"source": "albergue-sendero-nuevo", "target": "casa-quetzal-nuevo", "strength": 2}]}"#;
    let (status, first) = call(&app, post("/api/v1/what-if", "application/json", None, one)).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let computed = analyses.computations();
    assert!(computed > 0);
    let (status, again) = call(
        &app,
        post("/api/v1/what-if", "application/json", None, swapped),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(analyses.computations(), computed, "served from the cache");
    assert_eq!(first["effect"], again["effect"]);
    let ctx = analyses.current().await.expect("revision");
    assert_eq!(ctx.what_if_entries(), 1);
}
