//! Suggestion latency (issue 12): the time to answer "whom should this organization work
//! with next?" for every organization of a network, one request at a time on one thread,
//! reported as percentiles (p50, p90, p99, max) rather than a criterion mean, because the
//! target is a tail latency (p99 ≤ 5 ms on ca-HepPh).
//!
//! Networks: the synthetic HIP fixture (`fixtures/hip`, read with the service's importer:
//! services, corridors, dated weighted ties), ca-HepPh (its `CA-HepPh.txt`: the header line
//! `m n`, then m edge lines; the per-node lines after them are not SNAP data and are not
//! read; self-loops dropped, every organization that has a tie) and soc-Slashdot0902's
//! canonical LCC (the whole graph, [`puentes_bench::Graph::slashdot_lcc`]).
//!
//! Per network, once: Louvain communities (resolution 1, seed 42) and the
//! [`SuggestIndex`] (timed). Then per organization: [`suggest_with`] with the default
//! options (goal `balanced`, limit 10, scan budget 1,000,000 paths) reusing one
//! [`Scratch`], as a service thread would; and, on every 10th organization, [`suggest`],
//! which allocates a fresh O(n) scratch per request.
//!
//! ```sh
//! cargo bench -p puentes-bench --bench suggest          # all organizations
//! PUENTES_BENCH_QUICK=1 cargo bench -p puentes-bench --bench suggest   # every 10th
//! ```
#![allow(missing_docs)]

use anyhow::{bail, Context, Result};
use puentes_analysis::community::louvain;
use puentes_analysis::network::{BuildOptions, Network, Node};
use puentes_analysis::suggest::{
    suggest, suggest_with, IndexOptions, Scratch, SuggestIndex, SuggestOptions, TieYears,
};
use puentes_analysis::NetworkData;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() -> Result<()> {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run only when
    // benchmarking.
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    let step = if puentes_bench::quick() { 10 } else { 1 };
    println!(
        "| network | organizations | ties | Louvain + index | requests | p50 | p90 | p99 | max \
         | mean | capped | mean candidates | fresh scratch p50 / p99 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let fixture = fixture()?;
    let net = Network::new(&fixture);
    let years = TieYears::from_data(&net, &fixture, BuildOptions::default());
    row("fixture (hip)", &net, Some(years), step)?;
    row("ca-HepPh", &hepph()?, None, step)?;
    let slashdot = puentes_bench::Graph::slashdot_lcc()?.network();
    row("soc-Slashdot0902 LCC", &slashdot, None, step)?;
    Ok(())
}

fn fixture() -> Result<NetworkData> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/hip");
    let (data, _) = puentes::import::read_path(&dir, None)
        .with_context(|| format!("reading {}", dir.display()))?
        .finish(&HashSet::new())
        .with_context(|| format!("validating {}", dir.display()))?;
    Ok(data)
}

/// ca-HepPh: `m n` header, m edge lines; ids renumbered ascending, self-loops dropped.
fn hepph() -> Result<Network> {
    let path = puentes_bench::datasets_dir().join("ca-HepPh/CA-HepPh.txt");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let m: usize = match header.split_whitespace().next().map(str::parse) {
        Some(Ok(m)) => m,
        _ => bail!("{}:1: expected the header `m n`", path.display()),
    };
    let mut pairs = Vec::with_capacity(m);
    for (i, line) in lines.take(m).enumerate() {
        let mut it = line.split_whitespace().map(str::parse::<u64>);
        match (it.next(), it.next()) {
            (Some(Ok(a)), Some(Ok(b))) => pairs.push((a, b)),
            _ => bail!("{}:{}: expected two node ids", path.display(), i + 2),
        }
    }
    let ids: BTreeSet<u64> = pairs
        .iter()
        .filter(|(a, b)| a != b)
        .flat_map(|&(a, b)| [a, b])
        .collect();
    let pos: HashMap<u64, Node> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, puentes_analysis::network::node(i)))
        .collect();
    let edges: BTreeSet<(Node, Node)> = pairs
        .iter()
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (pos[a].min(pos[b]), pos[a].max(pos[b])))
        .collect();
    let edges: Vec<(Node, Node, f64)> = edges.into_iter().map(|(a, b)| (a, b, 1.0)).collect();
    Ok(Network::from_edges(ids.len(), &edges))
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn row(name: &str, net: &Network, years: Option<TieYears>, step: usize) -> Result<()> {
    let n = net.node_count();
    let t = Instant::now();
    let membership = louvain(net, 1.0, 42).membership;
    let index = SuggestIndex::new(
        net,
        IndexOptions {
            membership: Some(membership),
            years,
            ..IndexOptions::default()
        },
    )?;
    let setup = t.elapsed();
    let opts = SuggestOptions::default();
    let mut scratch = Scratch::new(n);
    // Warm-up: caches and the allocator.
    for v in (0..n).step_by(97).take(200) {
        black_box(suggest_with(net, &index, v as Node, &opts, &mut scratch)?);
    }
    let mut times = Vec::with_capacity(n / step + 1);
    let (mut capped, mut candidates) = (0usize, 0usize);
    for v in (0..n).step_by(step) {
        let t = Instant::now();
        let out = suggest_with(net, &index, v as Node, &opts, &mut scratch)?;
        times.push(t.elapsed());
        capped += usize::from(out.capped);
        candidates += out.counts.total;
        black_box(out);
    }
    let mut fresh = Vec::new();
    for v in (0..n).step_by(10 * step) {
        let t = Instant::now();
        black_box(suggest(net, &index, v as Node, &opts)?);
        fresh.push(t.elapsed());
    }
    times.sort_unstable();
    fresh.sort_unstable();
    let total: Duration = times.iter().sum();
    println!(
        "| {name} | {n} | {} | {} | {} | {} | {} | {} | {} | {} | {capped} | {:.0} | {} / {} |",
        net.edge_count(),
        ms(setup),
        times.len(),
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.90)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0)),
        ms(total / times.len().max(1) as u32),
        candidates as f64 / times.len().max(1) as f64,
        ms(percentile(&fresh, 0.50)),
        ms(percentile(&fresh, 0.99)),
    );
    Ok(())
}
