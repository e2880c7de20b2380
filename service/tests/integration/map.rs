//! The network map: `GET /api/v1/map` driven in process over the fixture (and a network
//! above the overview threshold), `puentes render` run as a binary, and the GEXF export's
//! drawing attributes read back by NetworkX.

use crate::support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use puentes::store::{Batch, GraphStore, MemoryStore};
use puentes_analysis::model::{NetworkData, Organization, ReportedBy, Tie, TieKind};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

use support::{fixture_app, puentes, run_for_at_most};

async fn get(app: &Router, uri: &str) -> (StatusCode, Value, String) {
    let req = Request::get(uri).body(Body::empty()).expect("request");
    let resp = app.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        text,
    )
}

fn ids(items: &Value, path: &[&str]) -> BTreeSet<String> {
    items
        .as_array()
        .expect("array")
        .iter()
        .map(|item| {
            let mut v = item;
            for key in path {
                v = &v[*key];
            }
            v.as_str().expect("id").to_owned()
        })
        .collect()
}

fn nodes_where(map: &Value, flag: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    map["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| flag(&n["flags"]))
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn the_overview_draws_every_organization_of_the_fixture_inside_its_frame() {
    let (app, _) = fixture_app(None).await;
    let (status, map, text) = get(&app, "/api/v1/map").await;
    assert_eq!(status, StatusCode::OK, "{map}");
    assert_eq!(map["view"]["kind"], "overview");
    assert_eq!(map["view"]["param"], "overview");
    assert_eq!(map["view"]["level"], "organizations");
    assert_eq!(map["view"]["threshold"], 2000);
    assert_eq!(map["size_by"], "degree");
    let t = &map["totals"];
    assert_eq!(
        (&t["organizations"], &t["ties"], &t["nodes"], &t["edges"]),
        (
            &Value::from(120),
            &Value::from(238),
            &Value::from(120),
            &Value::from(238)
        )
    );
    let nodes = map["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 120);
    assert_eq!(map["edges"].as_array().map(Vec::len), Some(238));
    let (w, h) = (
        map["width"].as_f64().expect("width"),
        map["height"].as_f64().expect("height"),
    );
    assert_eq!(w.max(h), 1000.0);
    for n in nodes {
        let (x, y, r) = (
            n["x"].as_f64().expect("x"),
            n["y"].as_f64().expect("y"),
            n["radius"].as_f64().expect("radius"),
        );
        assert!(r > 0.0 && x - r >= -0.02 && x + r <= w + 0.02, "{n}");
        assert!(y - r >= -0.02 && y + r <= h + 0.02, "{n}");
        assert_eq!(n["kind"], "organization");
        assert!(n["color"]
            .as_str()
            .is_some_and(|c| c.len() == 7 && c.starts_with('#')));
    }
    let quetzal = nodes
        .iter()
        .find(|n| n["id"] == "casa-quetzal-nuevo")
        .expect("casa-quetzal-nuevo");
    assert_eq!(quetzal["label"], "Casa Quetzal Nuevo");
    assert_eq!(quetzal["size"], 7.0, "its 7 ties");
    assert_eq!(quetzal["country"], "MX");
    assert_eq!(quetzal["partner"], true);
    // Restricted fields never: no key, and no value of them (the fixture has coordinates
    // and contacts for every organization).
    for key in ["latitude", "longitude", "contact"] {
        assert!(!text.contains(&format!("\"{key}\"")), "{key} in the map");
    }
    assert!(!text.contains("14.8999") && !text.contains("example.org"));
    // The communities: 9, largest first, sizes summing to 120.
    let communities = map["communities"].as_array().expect("communities");
    assert_eq!(communities.len(), 9);
    let sizes: Vec<u64> = communities
        .iter()
        .map(|c| c["size"].as_u64().expect("size"))
        .collect();
    assert_eq!(sizes.iter().sum::<u64>(), 120);
    assert!(sizes.windows(2).all(|s| s[0] >= s[1]), "{sizes:?}");
    assert_eq!(map["legend"]["color"], "Colour: community");
    // Labels: some, never more than 60.
    let labelled = nodes.iter().filter(|n| n["labelled"] == true).count();
    assert!((10..=60).contains(&labelled), "{labelled} labelled");
}

#[tokio::test]
async fn flags_and_bridges_match_the_gap_report() {
    let (app, _) = fixture_app(None).await;
    let (_, map, _) = get(&app, "/api/v1/map").await;
    let (_, gaps, _) = get(&app, "/api/v1/gaps?limit=10000").await;
    let peripheral = ids(&gaps["peripheral"]["items"], &["organization", "id"]);
    assert_eq!(peripheral.len(), 20, "the fixture's peripheral list");
    assert_eq!(nodes_where(&map, |f| f["peripheral"] == true), peripheral);
    let cut = ids(&gaps["cut_points"]["items"], &["organization", "id"]);
    assert_eq!(nodes_where(&map, |f| f["cut_point"].is_object()), cut);
    let inward = ids(&gaps["inward_looking"]["items"], &["organization", "id"]);
    assert_eq!(nodes_where(&map, |f| f["inward_looking"] == true), inward);
    // What the first cut point cuts off is the gap report's.
    let first = &gaps["cut_points"]["items"][0];
    let id = first["organization"]["id"].as_str().expect("id");
    let node = map["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["id"] == id)
        .expect("node");
    assert_eq!(node["flags"]["cut_point"]["total"], first["cut_off_total"]);
    assert_eq!(
        node["flags"]["cut_point"]["organizations"],
        first["cut_off"]
    );
    // Bridges: as many as the report has, each with its smaller side.
    let bridges: Vec<&Value> = map["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["bridge"] == true)
        .collect();
    assert_eq!(
        Some(bridges.len() as u64),
        gaps["bridges"]["total"].as_u64()
    );
    assert!(bridges.iter().all(|e| e["cuts_off"].as_u64() >= Some(1)));
}

#[tokio::test]
async fn the_same_revision_gives_the_same_map() {
    let (app, _) = fixture_app(None).await;
    let (_, _, a) = get(&app, "/api/v1/map?view=community/0&lang=es").await;
    let (other, _) = fixture_app(None).await;
    let (_, _, b) = get(&other, "/api/v1/map?view=community/0&lang=es").await;
    assert_eq!(a, b, "two services over the same data draw the same map");
}

#[tokio::test]
async fn a_community_view_draws_its_members_and_their_ties() {
    let (app, _) = fixture_app(None).await;
    let (_, overview, _) = get(&app, "/api/v1/map").await;
    let largest = &overview["communities"][0];
    let c = largest["id"].as_u64().expect("id");
    assert_eq!(largest["view"], format!("community/{c}"));
    let (status, map, _) = get(&app, &format!("/api/v1/map?view=community/{c}&lang=es")).await;
    assert_eq!(status, StatusCode::OK, "{map}");
    assert_eq!(map["view"]["kind"], "community");
    assert_eq!(map["view"]["community"], c);
    let title = map["view"]["title"].as_str().expect("title");
    // The fixture's largest community holds 17 of the 19 southern-border organizations.
    assert_eq!(title, "Comunidad “Frontera sur de México”");
    assert_eq!(
        largest["description"],
        "17 of its 19 organizations work in that corridor"
    );
    let nodes = map["nodes"].as_array().expect("nodes");
    assert_eq!(Some(nodes.len() as u64), largest["size"].as_u64());
    assert!(nodes.iter().all(|n| n["community"] == c));
    let members: BTreeSet<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    // Exactly the overview's ties with both ends in the community.
    let inside: BTreeSet<(String, String)> = overview["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| {
            members.contains(e["source"].as_str().unwrap_or(""))
                && members.contains(e["target"].as_str().unwrap_or(""))
        })
        .map(|e| (e["source"].to_string(), e["target"].to_string()))
        .collect();
    let drawn: BTreeSet<(String, String)> = map["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| (e["source"].to_string(), e["target"].to_string()))
        .collect();
    assert_eq!(drawn, inside);
    assert_eq!(map["legend"]["color"], "Color: comunidad");
    assert_eq!(
        map["legend"]["cut_point"],
        "Punto de corte: otras dependen de ella para seguir conectadas"
    );
}

#[tokio::test]
async fn an_ego_view_draws_the_neighbours_within_the_radius() {
    let (app, _) = fixture_app(None).await;
    let (status, one, _) = get(&app, "/api/v1/map?view=ego/casa-quetzal-nuevo").await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["view"]["kind"], "ego");
    assert_eq!(one["view"]["radius"], 1);
    assert_eq!(one["view"]["center"]["name"], "Casa Quetzal Nuevo");
    assert_eq!(one["view"]["title"], "Neighbourhood of Casa Quetzal Nuevo");
    // Itself and its 7 neighbours.
    assert_eq!(one["totals"]["nodes"], 8);
    assert_eq!(one["totals"]["reachable"], 8);
    let distances: Vec<u64> = one["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["distance"].as_u64().expect("distance"))
        .collect();
    assert_eq!(distances.iter().filter(|&&d| d == 0).count(), 1);
    assert_eq!(distances.iter().filter(|&&d| d == 1).count(), 7);
    let (_, two, _) = get(&app, "/api/v1/map?view=ego/casa-quetzal-nuevo&radius=2").await;
    let n2 = two["totals"]["nodes"].as_u64().expect("nodes");
    assert!(n2 > 8, "{n2}");
    assert_eq!(two["totals"]["reachable"], n2, "120 organizations: no cap");
}

#[tokio::test]
async fn bad_views_are_400_naming_what_is_allowed_and_unknown_ones_404() {
    let (app, _) = fixture_app(None).await;
    for (uri, status, message) in [
        (
            "/api/v1/map?view=communities",
            StatusCode::BAD_REQUEST,
            "view = \"communities\": expected overview, community/<number> or ego/<organization id>",
        ),
        (
            "/api/v1/map?view=community/x",
            StatusCode::BAD_REQUEST,
            "view = \"community/x\": expected overview, community/<number> or ego/<organization id>",
        ),
        (
            "/api/v1/map?view=ego/casa-quetzal-nuevo&radius=3",
            StatusCode::BAD_REQUEST,
            "radius = 3: expected 1 or 2",
        ),
        (
            "/api/v1/map?radius=2",
            StatusCode::BAD_REQUEST,
            "radius applies to view=ego/<organization id> only",
        ),
        (
            "/api/v1/map?view=community/99",
            StatusCode::NOT_FOUND,
            "no community 99: communities are numbered 0 to 8",
        ),
        (
            "/api/v1/map?view=ego/nadie",
            StatusCode::NOT_FOUND,
            "no organization with id \"nadie\"",
        ),
    ] {
        let (got, body, _) = get(&app, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert_eq!(body["error"]["message"], message, "{uri}");
    }
    let (got, body, _) = get(&app, "/api/v1/map?zoom=2").await;
    assert_eq!(got, StatusCode::BAD_REQUEST, "{body}");
    let (got, _, _) = get(&app, "/api/v1/map?lang=fr").await;
    assert_eq!(got, StatusCode::BAD_REQUEST);
}

#[test]
fn the_map_is_in_the_openapi_document() {
    let doc = serde_json::to_value(puentes::http::openapi()).expect("json");
    let op = &doc["paths"]["/api/v1/map"]["get"];
    let params: BTreeSet<&str> = op["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        params,
        BTreeSet::from(["view", "radius", "as_of", "confirmed", "lang"])
    );
    for status in ["200", "400", "404"] {
        assert!(op["responses"][status].is_object(), "{status}");
    }
    let node = &doc["components"]["schemas"]["MapNode"]["properties"];
    for field in [
        "id",
        "label",
        "x",
        "y",
        "radius",
        "size",
        "community",
        "flags",
    ] {
        assert!(node[field].is_object(), "MapNode.{field}");
    }
    for field in ["latitude", "longitude", "contact"] {
        assert!(node[field].is_null(), "MapNode.{field} must not exist");
    }
}

/// `groups` groups of `size` organizations, each a ring with chords (i, i + 2), the groups
/// joined in a chain by one tie.
fn ring_of_groups(groups: usize, size: usize) -> NetworkData {
    let id = |g: usize, i: usize| format!("g{g}-{i}");
    let organizations = (0..groups)
        .flat_map(|g| (0..size).map(move |i| (g, i)))
        .map(|(g, i)| Organization {
            name: format!("Grupo {g} organización {i}"),
            country: "MX".into(),
            ..Organization::bare(&id(g, i))
        })
        .collect();
    let tie = |a: String, b: String| Tie {
        source: a,
        target: b,
        kind: TieKind::Referral,
        strength: 2,
        since: None,
        until: None,
        reported_by: ReportedBy::Both,
        attributes: Default::default(),
    };
    let mut ties = Vec::new();
    for g in 0..groups {
        for i in 0..size {
            ties.push(tie(id(g, i), id(g, (i + 1) % size)));
            ties.push(tie(id(g, i), id(g, (i + 2) % size)));
        }
        if g + 1 < groups {
            ties.push(tie(id(g, 0), id(g + 1, 0)));
        }
    }
    NetworkData {
        organizations,
        ties,
    }
}

#[tokio::test]
async fn above_the_threshold_the_overview_draws_one_node_per_community() {
    let store = MemoryStore::ephemeral();
    store
        .apply(Batch::replace(ring_of_groups(21, 100)))
        .await
        .expect("load");
    let app = puentes::http::app(puentes::http::AppState::new(
        Arc::new(store),
        puentes::http::Config::default(),
    ));
    let (status, map, _) = get(&app, "/api/v1/map").await;
    assert_eq!(status, StatusCode::OK, "{map}");
    assert_eq!(map["view"]["level"], "communities");
    assert_eq!(map["size_by"], "members");
    assert_eq!(map["totals"]["organizations"], 2100);
    let count = map["totals"]["communities"].as_u64().expect("count");
    let nodes = map["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len() as u64, count);
    assert!(nodes.iter().all(|n| n["kind"] == "community"
        && n["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("community/"))
        && n["flags"].is_null()));
    let members: f64 = nodes
        .iter()
        .map(|n| n["size"].as_f64().unwrap_or(0.0))
        .sum();
    assert_eq!(members, 2100.0);
    // The 20 chain ties join communities: every community edge sums the ties across.
    let across: u64 = map["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["ties"].as_u64().expect("ties"))
        .sum();
    assert!(across >= 20, "{across}");
    // The chain's ties are bridges, so some community edges are.
    assert!(map["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .any(|e| e["bridge"] == true));
    // Drilling into a node's view gives its organizations.
    let first = nodes[0]["id"].as_str().expect("id");
    let (status, inside, _) = get(&app, &format!("/api/v1/map?view={first}")).await;
    assert_eq!(status, StatusCode::OK, "{inside}");
    assert_eq!(inside["view"]["level"], "organizations");
    assert_eq!(
        inside["totals"]["nodes"].as_f64(),
        nodes[0]["size"].as_f64()
    );
}

/// Width and height in the IHDR chunk of a PNG.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
fn puentes_render_draws_the_fixture_as_svg_and_png() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");
    let render = |format: &str, file: &str, extra: &[&str]| {
        let out = dir.path().join(file);
        let mut cmd = puentes();
        cmd.args(["render", "--input", fixture, "--format", format, "--out"])
            .arg(&out)
            .args(extra);
        let run = run_for_at_most(cmd, Duration::from_secs(120));
        assert_eq!(
            run.status.and_then(|s| s.code()),
            Some(0),
            "{}{}",
            run.stdout,
            run.stderr
        );
        (std::fs::read(&out).expect("output"), run.stdout)
    };
    let (svg, said) = render("svg", "map.svg", &[]);
    let svg = String::from_utf8(svg).expect("utf-8");
    assert!(
        said.contains("1600×1000 px, view overview, 120 nodes and 238 edges drawn"),
        "{said}"
    );
    assert_eq!(
        svg.matches("<circle").count(),
        120,
        "one circle per organization"
    );
    assert!(svg.contains(r#"width="1600" height="1000""#));
    assert!(svg.contains("120 organizations · 238 ties · 9 communities"));
    let (again, _) = render("svg", "again.svg", &[]);
    assert_eq!(svg.as_bytes(), &again[..], "same network, same SVG");
    let (png, _) = render("png", "map.png", &["--lang", "es"]);
    assert_eq!(png_size(&png), (1600, 1000));
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("the PNG decodes");
    let drawn = pixmap
        .pixels()
        .iter()
        .filter(|p| (p.red(), p.green(), p.blue()) != (255, 255, 255))
        .count();
    assert!(drawn > 20_000, "{drawn} pixels drawn");
    let (png_again, _) = render("png", "again.png", &["--lang", "es"]);
    assert_eq!(png, png_again, "same network, same PNG, byte for byte");
    // A community and an ego view, and a bad view named.
    let (svg, _) = render("svg", "c.svg", &["--view", "community/0"]);
    assert!(String::from_utf8_lossy(&svg).matches("<circle").count() >= 2);
    let mut cmd = puentes();
    cmd.args([
        "render",
        "--input",
        fixture,
        "--format",
        "svg",
        "--view",
        "ego/nadie",
        "--out",
    ])
    .arg(dir.path().join("x.svg"));
    let run = run_for_at_most(cmd, Duration::from_secs(120));
    assert_ne!(run.status.and_then(|s| s.code()), Some(0));
    assert!(
        run.stderr.contains("no organization with id \"nadie\""),
        "{}",
        run.stderr
    );
}

const VIZ_READER: &str = r#"
import json, sys
import networkx as nx
g = nx.read_gexf(sys.argv[1])
print(json.dumps({n: d.get("viz") for n, d in g.nodes(data=True)}))
"#;

#[tokio::test]
async fn the_gexf_export_carries_positions_colours_and_sizes_that_networkx_reads() {
    let (app, _) = fixture_app(None).await;
    let (_, map, _) = get(&app, "/api/v1/map").await;
    let req = Request::get("/api/v1/export?format=gexf")
        .body(Body::empty())
        .expect("request");
    let resp = app.clone().oneshot(req).await.expect("infallible");
    assert_eq!(resp.status(), StatusCode::OK);
    let gexf = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    let text = String::from_utf8_lossy(&gexf);
    assert!(text.contains(r#"xmlns:viz="http://www.gexf.net/1.2draft/viz""#));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("net.gexf");
    std::fs::write(&path, &gexf).expect("write");
    let out = std::process::Command::new(support::python())
        .args(["-c", VIZ_READER])
        .arg(&path)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let viz: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(viz.as_object().map(|m| m.len()), Some(120));
    for n in map["nodes"].as_array().expect("nodes") {
        let id = n["id"].as_str().expect("id");
        let v = &viz[id];
        // The overview's position, y flipped for Gephi; its radius as size; its colour.
        assert_eq!(v["position"]["x"], n["x"], "{id}");
        assert_eq!(
            v["position"]["y"].as_f64(),
            n["y"].as_f64().map(|y| -y),
            "{id}"
        );
        assert_eq!(v["size"], n["radius"], "{id}");
        let c = &v["color"];
        let hex = format!(
            "#{:02x}{:02x}{:02x}",
            c["r"].as_u64().unwrap_or(999),
            c["g"].as_u64().unwrap_or(999),
            c["b"].as_u64().unwrap_or(999)
        );
        assert_eq!(Some(hex.as_str()), n["color"].as_str(), "{id}");
    }
}
