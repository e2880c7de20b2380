#!/usr/bin/env python3
"""Peer libraries on the same tasks and the same data as the Puentes benches.

Run from bench/.venv (created by bench/setup-venv with the versions pinned in
bench/requirements.txt); bench/run calls it once per (task, tool), each in a fresh process
so that the peak memory (VmHWM) is that task's:

    .venv/bin/python peers.py TASK TOOL --data DIR [--max-reps N] [--budget SECONDS]
                              [--compare PUENTES_VALUES.json]
    .venv/bin/python peers.py import TOOL --data DIR --gz FILE [--max-reps N]
    .venv/bin/python peers.py versions

TOOL is igraph, rustworkx or networkx. DIR holds the canonical edge lists written by
`puentes-bench prepare` (largest connected component, nodes 0..n-1, each edge once), so every
tool reads exactly the graph Puentes reads. Loading the graph is not timed; each task is
timed with time.perf_counter, repeated until --max-reps runs or --budget seconds are used
(at least once). One JSON object is printed, the same shape as `puentes-bench task`.

--compare reads the per-node values `puentes-bench task TASK --values FILE` wrote (node v of
the canonical graph at index v) and adds "max_abs_diff" (and "compared", the nodes compared)
to the output: the largest |Puentes - peer| over the nodes, on the peer's scale (harmonic:
Puentes / (n - 1), as igraph normalizes by default; eigenvector: both scaled to maximum 1,
igraph's scale).

Parameters (the same as the Rust side, bench/src/lib.rs):
  closeness_all     exact closeness of every node of soc-Slashdot0902 (igraph closeness(),
                    rustworkx closeness_centrality(wf_improved=True)); NetworkX only on a
                    seeded sample of SAMPLE nodes (closeness_centrality(g, u=v)), a check
                    of values, not a timing.
  harmonic_all      exact harmonic centrality of every node (igraph harmonic_centrality(),
                    normalized by n - 1); NetworkX on the same sample (one
                    single_source_shortest_path_length per node).
  pagerank          alpha 0.85, at equal accuracy: igraph's default PRPACK solver solves to
                    machine precision; rustworkx and NetworkX stop at L1 change < n * 1e-15
                    (max 1000 iterations), an L1 error below 5e-10; Puentes solves to a
                    residual of 1e-12. rustworkx's pagerank only takes a PyDiGraph: the
                    undirected graph is converted with to_directed() while loading (not timed).
  eigenvector       igraph eigenvector_centrality() (ARPACK, scaled to maximum 1); NetworkX
                    eigenvector_centrality(max_iter=1000, tol=1e-15); the check is the
                    maximum of the unit-norm vector (Puentes' and NetworkX's scale).
  betweenness_sampled  500 sources drawn with random.Random(42); igraph computes the
                    betweenness of paths from those sources to all targets (sources=), i.e.
                    the same Brandes-Pich estimator; NetworkX uses k=500, seed=42.
  louvain           resolution 1; igraph community_multilevel (random.seed(42); igraph uses
                    Python's random); NetworkX louvain_communities(seed=42).
  leiden            igraph community_leiden(objective_function="modularity",
                    resolution=1), its default n_iterations=2: with n_iterations=-1 (until
                    stable, what Puentes does, capped at 10 iterations there) it did not
                    finish in 300 s on this graph.
  constraint        unweighted Burt constraint.
"""

import argparse
import json
import os
import random
import sys
import time

SEED = 42
SAMPLED_SOURCES = 500
# Nodes of the NetworkX sample of closeness_all and harmonic_all.
SAMPLE = 20
# Per-node tolerance of rustworkx's and NetworkX's iterations at equal accuracy (PEER_TOL in
# bench/src/lib.rs).
PEER_TOL = 1e-15


def sample_nodes(n):
    return sorted(random.Random(SEED).sample(range(n), min(SAMPLE, n)))


def unit_max(values):
    norm = sum(x * x for x in values) ** 0.5
    return max(values) / norm if norm else 0.0


def vm_hwm_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def finite_mean(values):
    xs = [x for x in values if x == x and x not in (float("inf"), float("-inf"))]
    return sum(xs) / max(len(xs), 1)


GRAPH_OF = {
    "betweenness_exact": "grqc-lcc",
    "closeness": "grqc-lcc",
}


def read_edges(path):
    edges = []
    with open(path) as f:
        for line in f:
            a, b = line.split()
            edges.append((int(a), int(b)))
    return edges


def load(tool, task, data):
    name = GRAPH_OF.get(task, "slashdot-lcc")
    meta = json.load(open(os.path.join(data, "graphs.json")))[name]
    n = meta["n"]
    edges = read_edges(os.path.join(data, name + ".txt"))
    if tool == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=edges, directed=False)
        m = g.ecount()
    elif tool == "rustworkx":
        import rustworkx as rx

        g = rx.PyGraph(multigraph=False)
        g.add_nodes_from(range(n))
        g.extend_from_edge_list(edges)
        m = g.num_edges()
        if task == "pagerank":
            g = g.to_directed()
    elif tool == "networkx":
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from(edges)
        m = g.number_of_edges()
    else:
        sys.exit(f"unknown tool {tool}")
    del edges
    return name, n, m, g


def sampled_sources(n):
    return sorted(random.Random(SEED).sample(range(n), min(SAMPLED_SOURCES, n)))


def task_fn(tool, task, g, n):
    """Returns (callable computing the task, function reducing its result to the check value,
    check name), or None when the tool has no such algorithm."""
    norm = 2.0 / ((n - 1) * (n - 2))  # undirected raw betweenness (pairs once) -> NetworkX scale
    if tool == "igraph":
        import igraph as ig

        if task == "betweenness_exact":
            return (lambda: g.betweenness(directed=False)), (lambda r: max(r) * norm), "max"
        if task in ("closeness", "closeness_all"):
            return (lambda: g.closeness()), max, "max"
        if task == "harmonic_all":
            return (lambda: g.harmonic_centrality()), (lambda r: max(r) * (n - 1)), "max"
        if task == "pagerank":
            return (lambda: g.pagerank(damping=0.85, directed=False)), max, "max"
        if task == "eigenvector":
            return (lambda: g.eigenvector_centrality()), unit_max, "max"
        if task == "kcore":
            return (lambda: g.coreness()), max, "max"
        if task == "clustering":
            return (lambda: g.transitivity_local_undirected(mode="zero")), finite_mean, "mean"
        if task == "betweenness_sampled":
            src = sampled_sources(n)
            k = len(src)
            return (
                (lambda: g.betweenness(directed=False, sources=src)),
                (lambda r: max(r) * norm * n / k),
                "max",
            )
        if task == "louvain":

            def run():
                random.seed(SEED)
                return g.community_multilevel()

            return run, (lambda c: g.modularity(c.membership)), "modularity"
        if task == "leiden":

            def run():
                random.seed(SEED)
                return g.community_leiden(
                    objective_function="modularity", resolution=1, n_iterations=2
                )

            return run, (lambda c: g.modularity(c.membership)), "modularity"
        if task == "constraint":
            return (lambda: g.constraint()), finite_mean, "mean"
    elif tool == "rustworkx":
        import rustworkx as rx

        vals = lambda r: list(r.values())  # noqa: E731
        if task == "betweenness_exact":
            return (lambda: rx.betweenness_centrality(g, normalized=True)), (lambda r: max(vals(r))), "max"
        if task in ("closeness", "closeness_all"):
            return (lambda: rx.closeness_centrality(g, wf_improved=True)), (lambda r: max(vals(r))), "max"
        if task == "pagerank":
            return (
                (lambda: rx.pagerank(g, alpha=0.85, tol=PEER_TOL, max_iter=1000)),
                (lambda r: max(vals(r))),
                "max",
            )
        if task == "kcore":
            return (lambda: rx.core_number(g)), (lambda r: max(vals(r))), "max"
    elif tool == "networkx":
        import networkx as nx

        vals = lambda r: list(r.values())  # noqa: E731
        if task == "betweenness_exact":
            return (lambda: nx.betweenness_centrality(g)), (lambda r: max(vals(r))), "max"
        if task == "closeness":
            return (lambda: nx.closeness_centrality(g)), (lambda r: max(vals(r))), "max"
        if task == "closeness_all":
            sample = sample_nodes(n)
            return (
                (lambda: {v: nx.closeness_centrality(g, u=v) for v in sample}),
                (lambda r: max(vals(r))),
                "max of sample",
            )
        if task == "harmonic_all":
            sample = sample_nodes(n)

            def harmonic_sample():
                out = {}
                for v in sample:
                    d = nx.single_source_shortest_path_length(g, v)
                    out[v] = sum(1 / x for x in d.values() if x > 0)
                return out

            return harmonic_sample, (lambda r: max(vals(r))), "max of sample"
        if task == "pagerank":
            return (
                (lambda: nx.pagerank(g, alpha=0.85, tol=PEER_TOL, max_iter=1000)),
                (lambda r: max(vals(r))),
                "max",
            )
        if task == "eigenvector":
            return (
                (lambda: nx.eigenvector_centrality(g, max_iter=1000, tol=PEER_TOL)),
                (lambda r: unit_max(vals(r))),
                "max",
            )
        if task == "kcore":
            return (lambda: nx.core_number(g)), (lambda r: max(vals(r))), "max"
        if task == "clustering":
            return (lambda: nx.clustering(g)), (lambda r: finite_mean(vals(r))), "mean"
        if task == "betweenness_sampled":
            return (
                (lambda: nx.betweenness_centrality(g, k=SAMPLED_SOURCES, seed=SEED)),
                (lambda r: max(vals(r))),
                "max",
            )
        if task == "louvain":
            return (
                (lambda: nx.community.louvain_communities(g, seed=SEED)),
                (lambda c: nx.community.modularity(g, c)),
                "modularity",
            )
        if task == "constraint":
            return (lambda: nx.constraint(g)), (lambda r: finite_mean(vals(r))), "mean"
    return None


def repeat(fn, max_reps, budget):
    times, result = [], None
    start = time.perf_counter()
    while True:
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        if len(times) >= max_reps or time.perf_counter() - start >= budget:
            return times, result


def version(tool):
    import importlib.metadata as md

    return md.version({"igraph": "igraph", "rustworkx": "rustworkx", "networkx": "networkx"}[tool])


def per_node(tool, result, n):
    """The peer's result as {node: value}."""
    if isinstance(result, dict):
        return dict(result)
    if tool == "rustworkx":
        return {int(k): v for k, v in result.items()}
    return dict(enumerate(result))


def compare(task, tool, result, n, path):
    """Largest |Puentes - peer| over the nodes the peer computed, on the peer's scale."""
    ours = json.load(open(path))
    if len(ours) != n:
        sys.exit(f"{path}: {len(ours)} values for {n} nodes")
    theirs = per_node(tool, result, n)
    if task == "harmonic_all" and tool == "igraph":
        ours = [x / (n - 1) for x in ours]
    if task == "eigenvector":
        top = max(ours)
        ours = [x / top for x in ours]
        peak = max(theirs.values())
        theirs = {v: x / peak for v, x in theirs.items()}
    worst = max(abs(ours[v] - x) for v, x in theirs.items())
    return {"max_abs_diff": worst, "compared": len(theirs)}


def run_task(args):
    name, n, m, g = load(args.tool, args.task, args.data)
    spec = task_fn(args.tool, args.task, g, n)
    if spec is None:
        print(json.dumps({"tool": args.tool, "task": args.task, "unsupported": True}))
        return
    fn, check, check_name = spec
    hwm_load = vm_hwm_kib()
    times, result = repeat(fn, args.max_reps, args.budget)
    hwm = vm_hwm_kib()
    extra = compare(args.task, args.tool, result, n, args.compare) if args.compare else {}
    if check_name.endswith("of sample"):
        extra["sample"] = SAMPLE
    print(
        json.dumps(
            {
                **extra,
                "tool": args.tool,
                "version": version(args.tool),
                "task": args.task,
                "graph": name,
                "n": n,
                "m": m,
                "times": times,
                "check": check_name,
                "value": check(result),
                "hwm_load_kib": hwm_load,
                "hwm_kib": hwm,
            }
        )
    )


def run_import(args):
    """In-memory load of the Slashdot edge list (the peers have no persisted store)."""
    plain = os.path.join(args.data, "slashdot-plain.txt")
    if args.tool == "networkx":
        import networkx as nx

        # The original gzip file with its '#' header and CRLF line ends, like Puentes.
        fn = lambda: nx.read_edgelist(args.gz, nodetype=int, create_using=nx.Graph)  # noqa: E731
        what = "nx.read_edgelist(original .gz, nodetype=int) -> undirected Graph"
    elif args.tool == "igraph":
        import igraph as ig

        def fn():
            g = ig.Graph.Read_Edgelist(plain, directed=False)
            g.simplify()  # merge mirrored arcs and drop self-loops, as Puentes' import does
            return g

        what = "Graph.Read_Edgelist(plain copy) + simplify()"
    elif args.tool == "rustworkx":
        import rustworkx as rx

        fn = lambda: rx.PyGraph.read_edge_list(plain, multigraph=False)  # noqa: E731
        what = "PyGraph.read_edge_list(plain copy, multigraph=False)"
    else:
        sys.exit(f"unknown tool {args.tool}")
    times, g = repeat(fn, args.max_reps, args.budget)
    if args.tool == "networkx":
        n, m = g.number_of_nodes(), g.number_of_edges()
    elif args.tool == "igraph":
        n, m = g.vcount(), g.ecount()
    else:
        n, m = g.num_nodes(), g.num_edges()
    print(
        json.dumps(
            {
                "tool": args.tool,
                "version": version(args.tool),
                "task": "import",
                "what": what,
                "n": n,
                "m": m,
                "times": times,
                "hwm_kib": vm_hwm_kib(),
            }
        )
    )


def main():
    if sys.argv[1:] == ["versions"]:
        import platform

        out = {t: version(t) for t in ("igraph", "rustworkx", "networkx")}
        out["python"] = platform.python_version()
        print(json.dumps(out))
        return
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("task")
    p.add_argument("tool", choices=["igraph", "rustworkx", "networkx"])
    p.add_argument("--data", required=True)
    p.add_argument("--gz", help="the original Slashdot .gz (import only)")
    p.add_argument("--max-reps", type=int, default=5)
    p.add_argument("--budget", type=float, default=30.0)
    p.add_argument("--compare", help="per-node values written by puentes-bench task --values")
    args = p.parse_args()
    if args.task == "import":
        run_import(args)
    else:
        run_task(args)


if __name__ == "__main__":
    main()
