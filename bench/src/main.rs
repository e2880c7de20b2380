//! `puentes-bench`: the Puentes side of `bench/run` that is not criterion.
//!
//! ```text
//! puentes-bench prepare <dir>            write the canonical edge lists the peers read
//! puentes-bench task <name> [--reps N] [--values FILE]
//!                                        run one task in this fresh process: times, peak memory;
//!                                        per-node values (JSON array) to FILE for peers.py --compare
//! puentes-bench import [--reps N]        the import pipeline's phases on soc-Slashdot0902
//! puentes-bench stores <path>            the same network into the embedded store and Neo4j
//!                                        (NEO4J_TEST_URI/USER/PASSWORD): write, snapshot, Network
//! ```
//! Each prints one JSON object on stdout (the same shape as `bench/peers.py`).

use anyhow::{bail, Context, Result};
use puentes::import::{read_path, Format};
use puentes::store::{Batch, GraphStore, MemoryStore};
use puentes_bench::{run, slashdot_path, vm_hwm_kib, Graph, Task};
use serde_json::json;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reps = match args.iter().position(|a| a == "--reps") {
        Some(i) => args
            .get(i + 1)
            .context("--reps needs a number")?
            .parse::<usize>()
            .context("--reps needs a number")?,
        None => 1,
    };
    match args.first().map(String::as_str) {
        Some("prepare") => prepare(&PathBuf::from(args.get(1).context("prepare <dir>")?)),
        Some("task") => {
            let values = match args.iter().position(|a| a == "--values") {
                Some(i) => Some(PathBuf::from(
                    args.get(i + 1).context("--values needs a file")?,
                )),
                None => None,
            };
            task(
                Task::from_name(args.get(1).context("task <name>")?)?,
                reps,
                values.as_deref(),
            )
        }
        Some("import") => import(reps),
        Some("stores") => stores(&PathBuf::from(args.get(1).context("stores <path>")?)),
        _ => {
            bail!("usage: puentes-bench prepare <dir> | task <name> [--reps N] | import [--reps N] | stores <path>")
        }
    }
}

fn prepare(dir: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut meta = serde_json::Map::new();
    for g in [Graph::grqc_lcc()?, Graph::slashdot_lcc()?] {
        g.write_edgelist(&dir.join(format!("{}.txt", g.name)))?;
        meta.insert(g.name.clone(), json!({"n": g.n, "m": g.edges.len()}));
    }
    // igraph's Read_Edgelist reads neither gzip nor `#` comments: a plain copy of the
    // original arcs (same lines, header dropped, LF) for its import reference point.
    let arcs = puentes_bench::read_snap_arcs(&slashdot_path())?;
    let plain = dir.join("slashdot-plain.txt");
    let mut text = String::with_capacity(arcs.len() * 14);
    for (a, b) in &arcs {
        text.push_str(&format!("{a} {b}\n"));
    }
    std::fs::write(&plain, text)?;
    meta.insert("slashdot-arcs".into(), json!({"m": arcs.len()}));
    std::fs::write(
        dir.join("graphs.json"),
        serde_json::to_string_pretty(&meta)?,
    )?;
    println!("{}", serde_json::Value::Object(meta));
    Ok(())
}

fn task(task: Task, reps: usize, values: Option<&std::path::Path>) -> Result<()> {
    let g = Graph::by_name(task.graph())?;
    let net = g.network();
    let hwm_load = vm_hwm_kib();
    let mut times = Vec::new();
    let mut outcome = None;
    for _ in 0..reps.max(1) {
        let t = Instant::now();
        let o = run(task, &net)?;
        times.push(t.elapsed().as_secs_f64());
        outcome = Some(o);
    }
    let o = outcome.context("no repetition ran")?;
    if let Some(path) = values {
        anyhow::ensure!(
            !o.values.is_empty(),
            "task {} keeps no per-node values",
            task.name()
        );
        std::fs::write(path, serde_json::to_string(&o.values)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    println!(
        "{}",
        json!({
            "tool": "puentes", "task": task.name(), "graph": g.name,
            "n": net.node_count(), "m": net.edge_count(),
            "times": times, "check": o.check, "value": o.value,
            "iterations": o.convergence.map(|c| c.0), "residual": o.convergence.map(|c| c.1),
            "hwm_load_kib": hwm_load, "hwm_kib": vm_hwm_kib(),
            "threads": rayon_threads(),
        })
    );
    Ok(())
}

fn rayon_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&t| t > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn import(reps: usize) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let path = slashdot_path();
    let (mut parse, mut write) = (Vec::new(), Vec::new());
    let mut ties = 0;
    let mut orgs = 0;
    for _ in 0..reps.max(1) {
        let t = Instant::now();
        let (data, summary) = read_path(&path, Some(Format::Snap))?.finish(&HashSet::new())?;
        parse.push(t.elapsed().as_secs_f64());
        ties = summary.ties;
        orgs = summary.organizations;
        let dir = tempfile::tempdir()?;
        let t = Instant::now();
        let store = MemoryStore::open(dir.path())?;
        rt.block_on(store.apply(Batch::replace(data)))?;
        write.push(t.elapsed().as_secs_f64());
    }
    println!(
        "{}",
        json!({
            "tool": "puentes", "task": "import", "organizations": orgs, "ties": ties,
            "parse_validate": parse, "write": write, "hwm_kib": vm_hwm_kib(),
        })
    );
    Ok(())
}

/// One network into both backends, in this process: the replace write, reading the snapshot
/// back, and building `analysis::Network` from it. Neo4j is reached through NEO4J_TEST_URI,
/// NEO4J_TEST_USER and NEO4J_TEST_PASSWORD (as `scripts/neo4j/start` writes them).
fn stores(path: &std::path::Path) -> Result<()> {
    use puentes::store::{Neo4jConfig, Neo4jStore};
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (data, summary) = read_path(path, None)?.finish(&HashSet::new())?;
    let uri = std::env::var("NEO4J_TEST_URI")
        .context("NEO4J_TEST_URI: start scripts/neo4j/start and source its env file")?;
    let mut config = Neo4jConfig::new(
        uri,
        std::env::var("NEO4J_TEST_USER").unwrap_or_else(|_| "neo4j".into()),
        std::env::var("NEO4J_TEST_PASSWORD").unwrap_or_default(),
    );
    config.long_timeout = std::time::Duration::from_secs(3600);
    let dir = tempfile::tempdir()?;
    let memory: Box<dyn GraphStore> = Box::new(MemoryStore::open(dir.path())?);
    let neo4j: Box<dyn GraphStore> = Box::new(rt.block_on(Neo4jStore::connect(config))?);
    for store in [memory, neo4j] {
        rt.block_on(store.apply(Batch::replace(Default::default())))?;
        let t = Instant::now();
        rt.block_on(store.apply(Batch::replace(data.clone())))?;
        let write = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let snap = rt.block_on(store.snapshot())?;
        let read = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let net = puentes_analysis::Network::new(&snap.data);
        let build = t.elapsed().as_secs_f64();
        anyhow::ensure!(snap.data.ties.len() == summary.ties, "read back every tie");
        println!(
            "{}",
            json!({
                "store": store.backend(), "file": path.display().to_string(),
                "organizations": summary.organizations, "ties": summary.ties,
                "write_s": write, "ties_per_s": summary.ties as f64 / write,
                "snapshot_s": read, "network_build_s": build, "edges": net.edge_count(),
                "neo4j_batch_rows": puentes::store::neo4j::CHUNK_ROWS,
            })
        );
    }
    Ok(())
}
