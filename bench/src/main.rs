//! `puentes-bench`: the Puentes side of `bench/run` that is not criterion.
//!
//! ```text
//! puentes-bench prepare <dir>            write the canonical edge lists the peers read
//! puentes-bench task <name> [--reps N]   run one task in this fresh process: times, peak memory
//! puentes-bench import [--reps N]        the import pipeline's phases on soc-Slashdot0902
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
        Some("task") => task(Task::from_name(args.get(1).context("task <name>")?)?, reps),
        Some("import") => import(reps),
        _ => {
            bail!("usage: puentes-bench prepare <dir> | task <name> [--reps N] | import [--reps N]")
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

fn task(task: Task, reps: usize) -> Result<()> {
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
    println!(
        "{}",
        json!({
            "tool": "puentes", "task": task.name(), "graph": g.name,
            "n": net.node_count(), "m": net.edge_count(),
            "times": times, "check": o.check, "value": o.value,
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
