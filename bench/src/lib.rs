//! Benchmark harness: Puentes against peer libraries on the same data, in the same run.
//!
//! The harness has three parts, all driven by `bench/run`:
//!
//! * this library: loads the real networks of `shared/datasets` into one canonical form (an
//!   undirected simple graph's largest connected component, nodes renumbered `0..n` by
//!   ascending original id) and defines every benchmarked [`Task`] once, so that the
//!   criterion benches (`bench/benches/*.rs`, timing) and the `puentes-bench` binary (one
//!   fresh process per task, peak memory and a result check) run exactly the same code;
//! * `bench/peers.py`: the same tasks in python-igraph, rustworkx and NetworkX, reading the
//!   edge lists that `puentes-bench prepare` writes from this same canonical form;
//! * `bench/run`: builds, runs everything, prints the combined tables.
//!
//! # Example
//! ```
//! use puentes_bench::canonical;
//! // Arcs 10→20, 20→10 (mirror), 20→30, 40→40 (self-loop), 50→60 (another component).
//! let g = canonical("toy", &[(10, 20), (20, 10), (20, 30), (40, 40), (50, 60)]);
//! assert_eq!((g.n, g.edges.len()), (3, 2));
//! assert_eq!(g.edges, vec![(0, 1), (1, 2)]);
//! ```

use anyhow::{bail, Context, Result};
use puentes_analysis::centrality::{self, Convergence, Weighting};
use puentes_analysis::network::{Network, Node};
use puentes_analysis::{community, gaps};
use std::collections::HashMap;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Damping factor of every PageRank in the harness (all tools).
pub const PAGERANK_ALPHA: f64 = 0.85;
/// Residual every iterative task (PageRank, eigenvector) is solved to: Puentes'
/// [`Convergence::default`] (`‖x − F(x)‖₁ ≤ 1e-12` for PageRank, `‖Ax − λx‖/λ` and the
/// estimated error ≤ 1e-12 for eigenvector). The peers are run at equal accuracy: igraph's
/// PRPACK and ARPACK solve to machine precision; rustworkx and NetworkX stop at an L1 change
/// below `n · PEER_TOL`.
pub const ITERATIVE_TOL: f64 = 1e-12;
/// Per-node tolerance passed to rustworkx's and NetworkX's PageRank (their rule
/// `Σ_v |x'_v − x_v| < n · tol`): on Slashdot a change below 8e-11, i.e. an L1 error below
/// 5e-10 (`α / (1 − α)` times the change) and far below 1e-9 per value.
pub const PEER_TOL: f64 = 1e-15;
/// Number of sources of sampled betweenness.
pub const SAMPLED_SOURCES: usize = 500;
/// Seed of every seeded algorithm in the harness.
pub const SEED: u64 = 42;

/// The shared datasets folder: `$PUENTES_DATASETS`, or `../shared/datasets` beside the repo.
pub fn datasets_dir() -> PathBuf {
    match std::env::var_os("PUENTES_DATASETS") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/datasets"),
    }
}

/// The Slashdot file the import benchmark reads (gzip, CRLF, `#` header; see its SOURCE.txt).
pub fn slashdot_path() -> PathBuf {
    datasets_dir().join("soc-Slashdot0902/soc-Slashdot0902.txt.gz")
}

/// The ca-GrQc file (both directions of every edge, `#` header; see its SOURCE.txt).
pub fn grqc_path() -> PathBuf {
    datasets_dir().join("ca-GrQc/CA-GrQc.txt")
}

/// Reads a SNAP edge list (plain or `.gz`): `u v` per line, `#` comments, CRLF or LF.
pub fn read_snap_arcs(path: &Path) -> Result<Vec<(u64, u64)>> {
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = String::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_string(&mut out)
            .with_context(|| format!("decompressing {}", path.display()))?;
        out
    } else {
        String::from_utf8(raw).with_context(|| format!("{} is not UTF-8", path.display()))?
    };
    let mut arcs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.split_whitespace();
        let (Some(a), Some(b)) = (it.next(), it.next()) else {
            bail!("{}:{}: expected two node ids", path.display(), i + 1);
        };
        let parse = |s: &str| {
            s.parse::<u64>()
                .with_context(|| format!("{}:{}: {s:?} is not a node id", path.display(), i + 1))
        };
        arcs.push((parse(a)?, parse(b)?));
    }
    Ok(arcs)
}

/// An undirected simple graph in canonical form: nodes `0..n`, edges `(u, v)` with `u < v`,
/// sorted, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    /// Name used in tables and file names (`grqc-lcc`, `slashdot-lcc`).
    pub name: String,
    /// Number of nodes.
    pub n: usize,
    /// The edges.
    pub edges: Vec<(Node, Node)>,
}

/// The canonical form of a list of arcs: directions dropped, self-loops dropped, duplicates
/// merged, then the largest connected component (ties broken by smallest original id), its
/// nodes renumbered `0..n` by ascending original id.
pub fn canonical(name: &str, arcs: &[(u64, u64)]) -> Graph {
    let mut ids: Vec<u64> = arcs
        .iter()
        .filter(|(a, b)| a != b)
        .flat_map(|&(a, b)| [a, b])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let pos: HashMap<u64, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let mut edges: Vec<(usize, usize)> = arcs
        .iter()
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (pos[a], pos[b]))
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    // Union-find for the components.
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b) in &edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut size = vec![0usize; ids.len()];
    for v in 0..ids.len() {
        let r = find(&mut parent, v);
        size[r] += 1;
    }
    // Largest size; among equals the smallest root (= smallest original id, roots are minima).
    let best = (0..ids.len()).max_by_key(|&r| (size[r], std::cmp::Reverse(r)));
    let mut new_id = vec![u32::MAX; ids.len()];
    let mut n = 0usize;
    if let Some(best) = best {
        for (v, slot) in new_id.iter_mut().enumerate() {
            if find(&mut parent, v) == best {
                *slot = puentes_analysis::network::node(n);
                n += 1;
            }
        }
    }
    let edges = edges
        .into_iter()
        .filter(|&(a, _)| new_id[a] != u32::MAX)
        .map(|(a, b)| (new_id[a], new_id[b]))
        .collect();
    Graph {
        name: name.to_owned(),
        n,
        edges,
    }
}

impl Graph {
    /// ca-GrQc's largest connected component (4158 nodes, 13422 edges per its SOURCE.txt).
    pub fn grqc_lcc() -> Result<Graph> {
        Ok(canonical("grqc-lcc", &read_snap_arcs(&grqc_path())?))
    }

    /// soc-Slashdot0902 made undirected; its largest connected component.
    pub fn slashdot_lcc() -> Result<Graph> {
        Ok(canonical(
            "slashdot-lcc",
            &read_snap_arcs(&slashdot_path())?,
        ))
    }

    /// By name (`grqc-lcc` or `slashdot-lcc`).
    pub fn by_name(name: &str) -> Result<Graph> {
        match name {
            "grqc-lcc" => Graph::grqc_lcc(),
            "slashdot-lcc" => Graph::slashdot_lcc(),
            other => bail!("unknown graph {other:?}: expected grqc-lcc or slashdot-lcc"),
        }
    }

    /// The Puentes [`Network`] (every edge weight 1).
    pub fn network(&self) -> Network {
        let edges: Vec<(Node, Node, f64)> = self.edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
        Network::from_edges(self.n, &edges)
    }

    /// Writes `u v` lines (0-based, each edge once) for the peers to read.
    pub fn write_edgelist(&self, path: &Path) -> Result<()> {
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut w = BufWriter::new(file);
        for (a, b) in &self.edges {
            writeln!(w, "{a} {b}")?;
        }
        w.flush()?;
        Ok(())
    }
}

/// A benchmarked computation. Every tool runs the same one with the parameters stated in
/// [`Task::parameters`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Exact betweenness, unweighted, normalized.
    BetweennessExact,
    /// Closeness (Wasserman–Faust; the graph is connected so every convention agrees).
    Closeness,
    /// Exact closeness of every node of soc-Slashdot0902 (all-pairs breadth-first search).
    ClosenessAll,
    /// Exact harmonic centrality of every node of soc-Slashdot0902.
    HarmonicAll,
    /// PageRank, damping [`PAGERANK_ALPHA`], converged to [`ITERATIVE_TOL`].
    PageRank,
    /// Eigenvector centrality, converged to [`ITERATIVE_TOL`].
    Eigenvector,
    /// Core numbers.
    KCore,
    /// Local clustering coefficients.
    Clustering,
    /// Betweenness from [`SAMPLED_SOURCES`] sources.
    BetweennessSampled,
    /// Louvain, resolution 1.
    Louvain,
    /// Leiden (modularity), resolution 1, iterated until stable.
    Leiden,
    /// Burt's constraint, unweighted.
    Constraint,
}

impl Task {
    /// Every task, in table order.
    pub const ALL: [Task; 12] = [
        Task::BetweennessExact,
        Task::Closeness,
        Task::ClosenessAll,
        Task::HarmonicAll,
        Task::PageRank,
        Task::Eigenvector,
        Task::KCore,
        Task::Clustering,
        Task::BetweennessSampled,
        Task::Louvain,
        Task::Leiden,
        Task::Constraint,
    ];

    /// Short name (criterion bench id, peers.py argument).
    pub fn name(self) -> &'static str {
        match self {
            Task::BetweennessExact => "betweenness_exact",
            Task::Closeness => "closeness",
            Task::ClosenessAll => "closeness_all",
            Task::HarmonicAll => "harmonic_all",
            Task::PageRank => "pagerank",
            Task::Eigenvector => "eigenvector",
            Task::KCore => "kcore",
            Task::Clustering => "clustering",
            Task::BetweennessSampled => "betweenness_sampled",
            Task::Louvain => "louvain",
            Task::Leiden => "leiden",
            Task::Constraint => "constraint",
        }
    }

    /// The task of a [`Task::name`].
    pub fn from_name(name: &str) -> Result<Task> {
        Task::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .with_context(|| format!("unknown task {name:?}"))
    }

    /// The graph it runs on.
    pub fn graph(self) -> &'static str {
        match self {
            Task::BetweennessExact | Task::Closeness => "grqc-lcc",
            _ => "slashdot-lcc",
        }
    }

    /// The parameters, as stated in the tables.
    pub fn parameters(self) -> String {
        match self {
            Task::BetweennessExact => "unweighted, all sources".into(),
            Task::Closeness | Task::ClosenessAll | Task::HarmonicAll => "unweighted".into(),
            Task::PageRank => format!("alpha {PAGERANK_ALPHA}, residual {ITERATIVE_TOL:e}"),
            Task::Eigenvector => format!("unweighted, residual {ITERATIVE_TOL:e}"),
            Task::KCore | Task::Clustering | Task::Constraint => "unweighted".into(),
            Task::BetweennessSampled => format!("{SAMPLED_SOURCES} random sources"),
            Task::Louvain => "resolution 1".into(),
            Task::Leiden => "modularity, resolution 1, until stable".into(),
        }
    }
}

/// What a task returned, reduced to one number that every tool can compute the same way, so
/// the tables show that the tools computed the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What `value` is (e.g. `max`, `modularity`).
    pub check: &'static str,
    /// The value.
    pub value: f64,
    /// The per-node values, for tasks whose every value is compared with a peer
    /// (`puentes-bench task <name> --values FILE`, `peers.py --compare FILE`); else empty.
    pub values: Vec<f64>,
    /// Iterations and residual of iterative tasks.
    pub convergence: Option<(usize, f64)>,
}

impl Outcome {
    fn of(check: &'static str, value: f64) -> Self {
        Outcome {
            check,
            value,
            values: Vec::new(),
            convergence: None,
        }
    }

    /// The maximum of `values`, keeping them for the per-node comparison.
    fn max_of(values: Vec<f64>) -> Self {
        Outcome {
            value: max(&values),
            values,
            ..Outcome::of("max", 0.0)
        }
    }
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

fn mean(v: &[f64]) -> f64 {
    let finite: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    finite.iter().sum::<f64>() / finite.len().max(1) as f64
}

/// Runs `task` on `net` (built by [`Graph::network`] from the task's graph).
pub fn run(task: Task, net: &Network) -> Result<Outcome> {
    let converged = Convergence::Converged {
        tol: ITERATIVE_TOL,
        max_iter: 10_000,
    };
    Ok(match task {
        Task::BetweennessExact => Outcome::of(
            "max",
            max(&centrality::betweenness(net, Weighting::Unweighted)?),
        ),
        Task::Closeness => Outcome::of(
            "max",
            max(&centrality::closeness(net, Weighting::Unweighted)?),
        ),
        Task::ClosenessAll => Outcome::max_of(centrality::closeness(net, Weighting::Unweighted)?),
        Task::HarmonicAll => Outcome::max_of(centrality::harmonic(net, Weighting::Unweighted)?),
        Task::PageRank => {
            let r = centrality::pagerank(net, Weighting::Unweighted, PAGERANK_ALPHA, converged)?;
            Outcome {
                convergence: Some((r.iterations, r.residual)),
                ..Outcome::max_of(r.values)
            }
        }
        Task::Eigenvector => {
            let r = centrality::eigenvector(net, Weighting::Unweighted, converged)?;
            Outcome {
                convergence: Some((r.iterations, r.residual)),
                ..Outcome::max_of(r.values)
            }
        }
        Task::KCore => Outcome::of(
            "max",
            centrality::core_number(net).into_iter().max().unwrap_or(0) as f64,
        ),
        Task::Clustering => Outcome::of("mean", mean(&centrality::clustering(net))),
        Task::BetweennessSampled => Outcome::of(
            "max",
            max(&centrality::betweenness_sampled(
                net,
                Weighting::Unweighted,
                SAMPLED_SOURCES,
                SEED,
            )?),
        ),
        Task::Louvain => Outcome::of("modularity", community::louvain(net, 1.0, SEED).modularity),
        Task::Leiden => Outcome::of("modularity", community::leiden(net, 1.0, SEED).modularity),
        Task::Constraint => Outcome::of("mean", mean(&gaps::constraint(net, false))),
    })
}

/// This process's peak resident set size (`VmHWM` in `/proc/self/status`), in KiB.
pub fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
}

/// Whether the benches run in quick mode (`PUENTES_BENCH_QUICK=1`, set by `bench/run --quick`).
pub fn quick() -> bool {
    std::env::var_os("PUENTES_BENCH_QUICK").is_some_and(|v| v == "1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_keeps_the_largest_component_renumbered() {
        let g = canonical(
            "t",
            &[(5, 7), (7, 5), (7, 9), (9, 9), (1, 2), (9, 5), (9, 5)],
        );
        assert_eq!(g.n, 3);
        assert_eq!(g.edges, vec![(0, 1), (0, 2), (1, 2)]);
    }

    #[test]
    fn equal_components_pick_the_smallest_id() {
        let g = canonical("t", &[(8, 9), (3, 4)]);
        assert_eq!((g.n, g.edges), (2, vec![(0, 1)]));
    }

    #[test]
    fn every_task_runs_on_a_triangle_with_a_tail() {
        let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
        for t in Task::ALL {
            let o = run(t, &net).expect("runs");
            assert!(o.value.is_finite(), "{}", t.name());
        }
        let k = run(Task::KCore, &net).expect("runs");
        assert_eq!(k.value, 2.0);
    }
}
