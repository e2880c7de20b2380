#!/usr/bin/env python3
"""Community quality from Python: puentes' Louvain and Leiden against igraph's, same graph,
same run, several seeds.

    python python/benchmarks/communities.py PATH [PATH ...] [--seeds 10] [--cap 120]

PATH is anything `puentes.Network.read` reads (the SNAP file of soc-Slashdot0902, the
cordis-h2020-2014-2019 dataset directory). igraph gets exactly puentes' graph (its ties, one
vertex per organization, each pair weighing the sum of its ties' strengths as in puentes). Every
partition's modularity is computed by igraph's
`Graph.modularity` (those weights, resolution 1): the objective both optimise, one formula for
all columns. igraph seeds
through Python's `random`. igraph's `community_leiden(objective_function="modularity",
n_iterations=-1)` (until stable) runs in a child process capped at --cap seconds per seed;
its default n_iterations=2 is run too. Once a seed's until-stable run is stopped at the cap, the
remaining seeds skip it (reported as not done). Prints one JSON line per run, then a markdown table of
the median (min–max) modularity and median time per method.
"""

import argparse
import json
import multiprocessing as mp
import os
import random
import statistics
import time

import igraph as ig

import puentes


def graph_of(net):
    """igraph's graph of puentes' network: one vertex per organization, one edge per pair of
    organizations with ties, weighing the sum of their ties' strengths (puentes' collapse
    rule, so both optimise the same weighted modularity)."""
    ties = net.ties()
    ids = list(net.metrics(["degree"]).index)
    index = {v: i for i, v in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=[(index[s], index[t]) for s, t in zip(ties["source"], ties["target"])])
    g.es["weight"] = [float(w) for w in ties["strength"]]
    g.simplify(combine_edges={"weight": "sum"})
    return g, ids, index


def leiden_until_stable(edges, weights, n, seed, queue):
    g = ig.Graph(n=n, edges=edges)
    g.es["weight"] = weights
    random.seed(seed)
    start = time.perf_counter()
    p = g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
    queue.put((time.perf_counter() - start, p.membership))


def run(path, seeds, cap, rows):
    start = time.perf_counter()
    net = puentes.Network.read(path)
    load = time.perf_counter() - start
    g, ids, index = graph_of(net)
    name = os.path.basename(os.path.normpath(path))
    print(json.dumps({"dataset": name, "nodes": g.vcount(), "edges": g.ecount(), "load": round(load, 2)}), flush=True)
    edges = g.get_edgelist()
    capped = False

    def record(method, seed, seconds, membership):
        q = g.modularity(membership, weights="weight") if membership is not None else None
        rows.append((name, method, seed, seconds, q))
        print(json.dumps({"dataset": name, "method": method, "seed": seed,
                          "seconds": None if seconds is None else round(seconds, 3), "modularity": q}), flush=True)

    for seed in range(1, seeds + 1):
        for algorithm in ("louvain", "leiden"):
            fresh = puentes.Network.read(path)
            fresh.metrics(["degree"])  # build the graph outside the timing
            t = time.perf_counter()
            s = fresh.communities(algorithm=algorithm, seed=seed)
            seconds = time.perf_counter() - t
            record(f"puentes {algorithm}", seed, seconds, [int(s[i]) for i in ids])
        random.seed(seed)
        t = time.perf_counter()
        p = g.community_multilevel(weights="weight")
        record("igraph community_multilevel", seed, time.perf_counter() - t, p.membership)
        random.seed(seed)
        t = time.perf_counter()
        p = g.community_leiden(objective_function="modularity", weights="weight")
        record("igraph community_leiden n_iterations=2", seed, time.perf_counter() - t, p.membership)
        if capped:
            record("igraph community_leiden n_iterations=-1", seed, None, None)
            continue
        queue = mp.Queue()
        child = mp.Process(target=leiden_until_stable, args=(edges, g.es["weight"], g.vcount(), seed, queue))
        child.start()
        child.join(cap)
        if child.is_alive():
            child.terminate()
            child.join()
            capped = True
            record("igraph community_leiden n_iterations=-1", seed, None, None)
        else:
            seconds, membership = queue.get()
            record("igraph community_leiden n_iterations=-1", seed, seconds, membership)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("paths", nargs="+")
    p.add_argument("--seeds", type=int, default=10)
    p.add_argument("--cap", type=float, default=120.0)
    a = p.parse_args()
    print(json.dumps({"load": os.getloadavg(), "igraph": ig.__version__}), flush=True)
    rows = []
    for path in a.paths:
        run(path, a.seeds, a.cap, rows)
    print(json.dumps({"load_after": os.getloadavg()}), flush=True)
    print("\n| dataset | method | modularity: median (min–max) | time: median | runs done |")
    print("|---|---|---|---:|---|")
    keys = []
    for r in rows:
        if r[:2] not in keys:
            keys.append(r[:2])
    for dataset, method in keys:
        done = [r for r in rows if r[:2] == (dataset, method) and r[4] is not None]
        total = sum(1 for r in rows if r[:2] == (dataset, method))
        if not done:
            print(f"| {dataset} | {method} | – | > {a.cap:.0f} s | 0 of {total} |")
            continue
        q = [r[4] for r in done]
        t = [r[3] for r in done]
        print(f"| {dataset} | {method} | {statistics.median(q):.4f} ({min(q):.4f}–{max(q):.4f}) | "
              f"{statistics.median(t):.2f} s | {len(done)} of {total} |")


if __name__ == "__main__":
    main()
