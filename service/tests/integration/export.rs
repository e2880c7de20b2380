//! Exports read back by NetworkX (pinned in scripts/requirements-test.txt, installed by
//! scripts/setup-python): every organization (isolates too), every tie, typed attributes and
//! metrics survive.

use crate::support;

use puentes::analyses::Analyses;
use puentes::export::ExportFormat;
use puentes::store::{Batch, GraphStore, MemoryStore};
use puentes_analysis::model::Organization;
use serde_json::Value;
use std::process::Command;
use std::sync::Arc;
use support::python;

const READER: &str = r#"
import json, sys
import networkx as nx
path, fmt = sys.argv[1], sys.argv[2]
if fmt == "graphml":
    g = nx.read_graphml(path)
elif fmt == "gexf":
    g = nx.read_gexf(path)
else:
    g = nx.node_link_graph(json.load(open(path)), edges="links")
node = g.nodes["casa-quetzal-nuevo"]
print(json.dumps({
    "nodes": g.number_of_nodes(),
    "edges": g.number_of_edges(),
    "isolates": sorted(nx.isolates(g)),
    "population_served": node.get("population_served"),
    "population_type": type(node.get("population_served")).__name__,
    "betweenness": node.get("betweenness"),
    "partner": node.get("partner"),
    "latitude": node.get("latitude"),
    "weight_sum": sum(d.get("weight", 0) for _, _, d in g.edges(data=True)),
}))
"#;

#[tokio::test]
async fn graphml_gexf_and_json_read_back_with_networkx() {
    let mut data = puentes::cli::builtin_fixture().expect("fixture");
    data.organizations.push(Organization {
        country: "PA".into(),
        name: "Sola".into(),
        ..Organization::bare("sola")
    });
    let store = MemoryStore::ephemeral();
    store
        .apply(Batch::replace(data.clone()))
        .await
        .expect("load");
    let ctx = Analyses::new(Arc::new(store))
        .current()
        .await
        .expect("revision");
    let dir = tempfile::tempdir().expect("tempdir");
    let pairs = puentes_analysis::Network::new(&data).edge_count();
    assert_eq!(pairs, 238);
    let expected_weight: f64 = data.ties.iter().map(|t| f64::from(t.strength)).sum();
    let org = data
        .organizations
        .iter()
        .find(|o| o.id == "casa-quetzal-nuevo")
        .expect("org");
    for fmt in ["graphml", "gexf", "json"] {
        let format = ExportFormat::parse(fmt).expect("format");
        let bytes = ctx.export(format, false).await.expect("export");
        let path = dir.path().join(format!("net.{fmt}"));
        std::fs::write(&path, bytes).expect("write");
        let out = Command::new(python())
            .args(["-c", READER])
            .arg(&path)
            .arg(fmt)
            .output()
            .expect("run python");
        assert!(
            out.status.success(),
            "{fmt}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(
            got["nodes"],
            data.organizations.len(),
            "{fmt}: every organization"
        );
        assert_eq!(
            got["isolates"],
            serde_json::json!(["sola"]),
            "{fmt}: isolates kept"
        );
        assert_eq!(got["edges"], pairs, "{fmt}: one edge per collapsed pair");
        assert!(
            (got["weight_sum"].as_f64().unwrap_or(0.0) - expected_weight).abs() < 1e-9,
            "{fmt}"
        );
        assert_eq!(
            got["population_served"],
            org.population_served.expect("value"),
            "{fmt}"
        );
        assert_eq!(got["population_type"], "int", "{fmt}: typed integer");
        assert!(
            got["betweenness"]
                .as_f64()
                .is_some_and(|b| (0.0..=1.0).contains(&b)),
            "{fmt}: {got}"
        );
        assert_eq!(got["partner"], true, "{fmt}");
        assert!(
            got["latitude"].is_null(),
            "{fmt}: restricted field left out"
        );
    }
}
