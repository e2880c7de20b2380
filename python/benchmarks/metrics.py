#!/usr/bin/env python3
"""Load + every node metric from Python: puentes, igraph and NetworkX in the same run.

    python python/benchmarks/metrics.py ../shared/datasets/ca-HepPh/CA-HepPh.txt \
        [--tools puentes,igraph,networkx] [--reps 3] [--cli target/release/puentes] \
        [--skip igraph:betweenness,igraph:closeness,igraph:harmonic]

A gzip file (soc-Slashdot0902.txt.gz) is read through a plain temporary copy that every tool
reads. --skip leaves out the named (tool:task) runs, e.g. igraph's exact path metrics on
soc-Slashdot0902, which take minutes each (BENCHMARKS.md has them from earlier runs).

The copy of ca-HepPh in ../shared/datasets starts with a line "m n" and ends with n lines
"node value" that are not edges (its SOURCE.txt): only the m edge lines are kept, in a
temporary file every tool then reads. Each tool reads that edge list itself (timed as "load"), then computes each metric on a
fresh copy of the network, so no tool reuses another metric's work: degree, strength,
betweenness (exact), closeness, harmonic, eigenvector, PageRank, core number, clustering.
puentes also runs `net.metrics()` (every column, and the gap analysis's position columns) on
a fresh network, and, with --cli, the `puentes metrics --input FILE --format csv` it equals.

Parameters: puentes as the CLI computes (eigenvector and PageRank to a residual of 1e-12);
igraph 1.0.0 defaults (PRPACK PageRank, ARPACK eigenvector, closeness() and
harmonic_centrality() on every node, transitivity_local_undirected(mode="zero")); NetworkX
3.4.2 with its defaults where it has them (PageRank in pure Python, tol 1e-6, as scipy is not
installed) and without the all-pairs path metrics, which take tens of minutes on ca-HepPh
(`--networkx-paths` runs them). Medians of --reps runs; one line of JSON per (tool, task),
then a markdown table.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

METRICS = ["degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
           "pagerank", "core_number", "clustering"]


def timed(f, reps):
    times, value = [], None
    for _ in range(reps):
        start = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def read_pairs(path):
    pairs = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            a, b = line.split()[:2]
            if a != b:
                pairs.append((int(a), int(b)))
    return pairs


def bench_puentes(path, reps, out):
    import puentes

    t, net = timed(lambda: puentes.Network.read(path), reps)
    out("puentes", "load", t, len(net))
    for m in METRICS:
        t, frame = timed(lambda: puentes.Network.read(path).metrics([m]), reps)
        # the read is timed above: take it out
        out("puentes", m, max(0.0, t - out.load("puentes")), float(frame[m].max()))
    t, frame = timed(lambda: puentes.Network.read(path).metrics(), reps)
    out("puentes", "every column (load included)", t, frame.shape[1])


def bench_cli(path, reps, out, cli):
    def run():
        subprocess.run([cli, "metrics", "--input", path, "--format", "csv"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t, _ = timed(run, reps)
    out("puentes CLI", "every column (load included)", t, None)


def bench_igraph(path, reps, out, skip=()):
    import igraph as ig

    def load():
        pairs = read_pairs(path)
        ids = {}
        edges = [(ids.setdefault(a, len(ids)), ids.setdefault(b, len(ids))) for a, b in pairs]
        g = ig.Graph(n=len(ids), edges=edges)
        g.simplify()
        return g

    t, g = timed(load, reps)
    out("igraph", "load", t, g.vcount())
    tasks = {
        "degree": lambda: g.degree(),
        "strength": lambda: g.strength(),
        "betweenness": lambda: g.betweenness(directed=False),
        "closeness": lambda: g.closeness(),
        "harmonic": lambda: g.harmonic_centrality(normalized=False),
        "eigenvector": lambda: g.eigenvector_centrality(scale=False),
        "pagerank": lambda: g.pagerank(),
        "core_number": lambda: g.coreness(),
        "clustering": lambda: g.transitivity_local_undirected(mode="zero"),
    }
    for m, f in tasks.items():
        if f"igraph:{m}" in skip:
            continue
        t, v = timed(f, 1 if m in ("betweenness", "closeness", "harmonic") else reps)
        out("igraph", m, t, float(max(v)))


def bench_networkx(path, reps, out, paths, skip=()):
    import networkx as nx
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    def load():
        g = nx.read_edgelist(path, nodetype=int)
        g.remove_edges_from(list(nx.selfloop_edges(g)))
        return g

    t, g = timed(load, reps)
    out("networkx", "load", t, g.number_of_nodes())
    tasks = {
        "degree": lambda: dict(g.degree()),
        "strength": lambda: dict(g.degree(weight="weight")),
        "eigenvector": lambda: nx.eigenvector_centrality(g),
        "pagerank": lambda: _pagerank_python(g),
        "core_number": lambda: nx.core_number(g),
        "clustering": lambda: nx.clustering(g),
    }
    if paths:
        tasks["betweenness"] = lambda: nx.betweenness_centrality(g)
        tasks["closeness"] = lambda: nx.closeness_centrality(g)
        tasks["harmonic"] = lambda: nx.harmonic_centrality(g)
    for m, f in tasks.items():
        if f"networkx:{m}" in skip:
            continue
        t, v = timed(f, 1)
        out("networkx", m, t, float(max(v.values())))


class Out:
    def __init__(self):
        self.rows = []
        self.loads = {}

    def __call__(self, tool, task, seconds, check):
        if task == "load":
            self.loads[tool] = seconds
        self.rows.append((tool, task, seconds, check))
        print(json.dumps({"tool": tool, "task": task, "seconds": round(seconds, 4), "check": check}),
              flush=True)

    def load(self, tool):
        return self.loads[tool]


def edge_lines(path):
    """A temporary copy of `path` with only its edges: a first line "m n" followed by more
    than m lines means the m lines after it (see the module docs)."""
    import tempfile

    import gzip

    with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
        lines = f.read().splitlines()
    head = lines[0].split()
    if len(head) == 2 and all(x.isdigit() for x in head) and len(lines) > int(head[0]) + 1:
        lines = lines[1 : int(head[0]) + 1]
    out = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    out.write("\n".join(lines) + "\n")
    out.close()
    return out.name


def main():
    p = argparse.ArgumentParser()
    p.add_argument("path")
    p.add_argument("--tools", default="puentes,igraph,networkx")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--cli")
    p.add_argument("--networkx-paths", action="store_true")
    p.add_argument("--skip", default="", help="tool:task,... runs to leave out")
    a = p.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    a.path = edge_lines(a.path)
    out = Out()
    tools = a.tools.split(",")
    print(json.dumps({"python": sys.version.split()[0], "load": os.getloadavg()}), flush=True)
    if "puentes" in tools:
        bench_puentes(a.path, a.reps, out)
        if a.cli:
            bench_cli(a.path, a.reps, out, a.cli)
    if "igraph" in tools:
        bench_igraph(a.path, a.reps, out, skip)
    if "networkx" in tools:
        bench_networkx(a.path, a.reps, out, a.networkx_paths, skip)
    print(json.dumps({"load_after": os.getloadavg()}), flush=True)
    by = {(t, k): s for t, k, s, _ in out.rows}
    names = ["puentes", "igraph", "networkx"]
    print("\n| task | " + " | ".join(names) + " |\n|---|" + "---:|" * len(names))
    for task in ["load"] + METRICS:
        cells = [f"{by[(n, task)]:.3f} s" if (n, task) in by else "–" for n in names]
        print(f"| {task} | " + " | ".join(cells) + " |")
    for (t, k), s in by.items():
        if k.startswith("every"):
            print(f"| {t}: {k} | {s:.3f} s |")


if __name__ == "__main__":
    main()
