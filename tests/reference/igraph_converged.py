#!/usr/bin/env python3
"""Reference values from python-igraph for the converged iterative metrics and the exact
distance metrics of puentes-analysis.

Pinned: igraph==1.0.0 (python-igraph; its C core's PRPACK PageRank and ARPACK eigenvector
centrality solve to machine precision, unlike NetworkX's default stopping rule) and
networkx==3.4.2 (only to read the datasets the way centrality.py does). bench/.venv has both
(bench/setup-venv); or

    python3 -m venv .venv && .venv/bin/pip install igraph==1.0.0 networkx==3.4.2

and run from anywhere:

    .venv/bin/python tests/reference/igraph_converged.py [--out DIR] [path/to/shared/datasets]

It writes tests/reference/igraph-<name>.json beside this script (or in DIR), read by
tests/tests/reference_centrality.rs. Same layout as centrality.py: "node_ids" ascending,
each metric a list in that order, full precision.

  grqc      SNAP ca-GrQc, self-loops dropped, largest connected component (4158 nodes):
            pagerank     Graph.pagerank(damping=0.85, directed=False)   (PRPACK)
            eigenvector  Graph.eigenvector_centrality()   (ARPACK; scaled to
                         maximum 1, where Puentes scales to unit Euclidean norm)
            closeness    Graph.closeness()                              (connected: = Wasserman-Faust)
            harmonic     Graph.harmonic_centrality(normalized=False)
  weighted  the hand-made weighted graph of centrality.py (WEIGHTED_EDGES), weights as
            capacities:
            pagerank_weighted    Graph.pagerank(damping=0.85, weights="weight", directed=False)
            eigenvector_weighted Graph.eigenvector_centrality(weights="weight")
"""

import json
import os
import sys

import igraph as ig
import networkx as nx

from centrality import WEIGHTED_EDGES, WEIGHTED_NODES, grqc_lcc

PINNED = "1.0.0"
HERE = os.path.dirname(os.path.abspath(__file__))


def to_igraph(g, weight=None):
    """The NetworkX graph as an igraph Graph whose vertex i is the i-th node id ascending."""
    ids = sorted(g.nodes())
    index = {v: i for i, v in enumerate(ids)}
    edges = [(index[a], index[b]) for a, b in g.edges()]
    h = ig.Graph(n=len(ids), edges=edges, directed=False)
    if weight:
        h.es["weight"] = [g.edges[a, b][weight] for a, b in g.edges()]
    return ids, h


def write(name, source, ids, metrics, out_dir):
    doc = {
        "generator": "tests/reference/igraph_converged.py",
        "igraph": ig.__version__,
        "dataset": source,
        "nodes": len(ids),
        "node_ids": [str(v) for v in ids],
        "metrics": metrics,
    }
    out = os.path.join(out_dir, f"igraph-{name}.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{out}: {len(ids)} nodes, {os.path.getsize(out)} bytes")


def main():
    if ig.__version__ != PINNED:
        sys.exit(f"igraph=={PINNED} is pinned, found {ig.__version__}")
    args = sys.argv[1:]
    out_dir = HERE
    if "--out" in args:
        i = args.index("--out")
        out_dir = args[i + 1]
        del args[i:i + 2]
    data = args[0] if args else os.path.join(HERE, "..", "..", "..", "shared", "datasets")
    data = os.path.abspath(data)

    ids, h = to_igraph(grqc_lcc(data))
    write("grqc", "ca-GrQc/CA-GrQc.txt, self-loops dropped, largest connected component", ids, {
        "pagerank": h.pagerank(damping=0.85, directed=False),
        "eigenvector": h.eigenvector_centrality(),
        "closeness": h.closeness(),
        "harmonic": h.harmonic_centrality(normalized=False),
    }, out_dir)

    g = nx.Graph()
    g.add_nodes_from(range(WEIGHTED_NODES))
    for u, v, w in WEIGHTED_EDGES:
        g.add_edge(u, v, weight=w)
    ids, h = to_igraph(g, weight="weight")
    write("weighted", "hand-made (WEIGHTED_EDGES in centrality.py)", ids, {
        "pagerank_weighted": h.pagerank(damping=0.85, weights="weight", directed=False),
        "eigenvector_weighted": h.eigenvector_centrality(weights="weight"),
    }, out_dir)


if __name__ == "__main__":
    main()
