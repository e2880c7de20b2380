#!/usr/bin/env python3
"""Reference values for puentes-analysis centrality and summary metrics, from NetworkX.

Pinned: networkx==3.4.2 (with numpy and scipy, which its PageRank uses). Install with

    python3 -m venv .venv && .venv/bin/pip install networkx==3.4.2 scipy numpy

and run from anywhere:

    .venv/bin/python tests/reference/centrality.py [--out DIR] [--only a,b] [path/to/shared/datasets]

It writes tests/reference/centrality-<name>.json beside this script (or in DIR), read by
tests/tests/reference_centrality.rs. Values are written with full precision (Python's repr),
column by column: "node_ids" lists the dataset's node ids ascending and each metric is a list
in that order. The ca-GrQc run takes minutes (pure-Python all-pairs shortest paths).

Datasets (see each folder's SOURCE.txt in shared/datasets):
  florentine  Padgett's Florentine families, MARRIAGE relation. SOURCE.txt documents a label
              swap: the file named PADGB holds the marriage ties (20 edges, identical to
              networkx.florentine_families_graph()), PADGM the business ties. So we read
              PADGB.edgelist, with all 16 families from PADGM.nodes (PUCCI is an isolate).
  knoke       Knoke bureaucracies, INFORMATION relation (KNOKM.edgelist per SOURCE.txt's swap
              note; CRLF line ends), arcs symmetrised into an undirected simple graph.
  grqc        SNAP ca-GrQc, self-loops dropped, largest connected component (4158 nodes).
  weighted    a small hand-made weighted graph (below) for the weighted variants; its weights
              are powers of two so that path lengths 1/w add up exactly in floating point.

Conventions (they are the ones puentes-analysis documents):
  weighted path metrics read the distance 1/w  (edge attribute "distance");
  weighted spectral metrics read the weight w  (edge attribute "weight").
  Freeman centralization (not in NetworkX), with n nodes and c* = max_v c(v):
    degree:      sum_v (deg* - deg(v)) / ((n - 1)(n - 2))
    betweenness: sum_v (b* - b(v)) / (n - 1), b = normalized betweenness.
"""

import json
import os
import sys

import networkx as nx

from datasets import read_node_count, read_pairs

PINNED = "3.4.2"
HERE = os.path.dirname(os.path.abspath(__file__))

# The hand-made weighted graph: (u, v, w). Two components plus an isolate (node 11):
# 0..8 form a weighted ring with chords (strong shortcuts and equal-length alternatives),
# 9-10 a separate pair.
WEIGHTED_EDGES = [
    (0, 1, 4.0), (1, 2, 4.0), (0, 2, 1.0),   # 0-1-2 (0.25 + 0.25) beats 0-2 (1)
    (2, 3, 2.0), (3, 4, 2.0), (2, 4, 1.0),   # 2-3-4 (0.5 + 0.5) ties with 2-4 (1)
    (4, 5, 1.0), (5, 6, 2.0), (6, 7, 4.0),
    (7, 8, 1.0), (8, 0, 2.0), (3, 6, 1.0),
    (1, 7, 0.5), (5, 8, 4.0),
    (9, 10, 2.0),
]
WEIGHTED_NODES = 12


def read_labels(path):
    with open(path, encoding="utf-8") as f:
        rows = [l.split() for l in f if l.strip()][1:]
    return {int(r[0]): r[1] for r in rows}


def simple_graph(n_or_nodes, pairs):
    g = nx.Graph()
    g.add_nodes_from(range(n_or_nodes) if isinstance(n_or_nodes, int) else n_or_nodes)
    g.add_edges_from((a, b) for a, b in pairs if a != b)
    return g


def per_node(values):
    return {str(k): (float(v) if isinstance(v, float) else v) for k, v in sorted(values.items())}


def freeman(values, n, denominator):
    if n <= 2:
        return None
    top = max(values.values())
    return sum(top - x for x in values.values()) / denominator


def summary(g):
    n = g.number_of_nodes()
    comps = sorted(nx.connected_components(g), key=len, reverse=True)
    lcc = nx.Graph(g.subgraph(comps[0])) if comps else g  # a copy: views are slow to walk
    deg = dict(g.degree())
    bet = nx.betweenness_centrality(g)
    try:
        assort = nx.degree_assortativity_coefficient(g)
        assort = None if assort != assort else float(assort)  # NaN -> null
    except ZeroDivisionError:
        assort = None
    return {
        "nodes": n,
        "edges": g.number_of_edges(),
        "density": nx.density(g),
        "components": len(comps),
        "largest_component": len(comps[0]) if comps else 0,
        "average_degree": 2 * g.number_of_edges() / n if n else 0.0,
        "transitivity": nx.transitivity(g),
        "average_clustering": nx.average_clustering(g),
        "degree_assortativity": assort,
        "diameter": nx.diameter(lcc) if comps else None,
        "average_shortest_path_length": nx.average_shortest_path_length(lcc) if comps else None,
        "degree_centralization": freeman(deg, n, (n - 1) * (n - 2)),
        "betweenness_centralization": freeman(bet, n, n - 1),
    }


def unweighted_metrics(g):
    return {
        "degree": per_node(dict(g.degree())),
        "degree_centrality": per_node(nx.degree_centrality(g)),
        "betweenness": per_node(nx.betweenness_centrality(g, normalized=True, endpoints=False)),
        "closeness": per_node(nx.closeness_centrality(g, wf_improved=True)),
        "harmonic": per_node(nx.harmonic_centrality(g)),
        "eigenvector": per_node(nx.eigenvector_centrality(g, max_iter=100, tol=1e-06)),
        "pagerank": per_node(nx.pagerank(g, alpha=0.85, max_iter=100, tol=1e-06, weight=None)),
        "core_number": per_node(nx.core_number(g)),
        "triangles": per_node(nx.triangles(g)),
        "clustering": per_node(nx.clustering(g)),
    }


def weighted_metrics(g):
    return {
        "strength": per_node(dict(g.degree(weight="weight"))),
        "betweenness_weighted": per_node(nx.betweenness_centrality(g, weight="distance")),
        "closeness_weighted": per_node(nx.closeness_centrality(g, distance="distance")),
        "harmonic_weighted": per_node(nx.harmonic_centrality(g, distance="distance")),
        "eigenvector_weighted": per_node(
            nx.eigenvector_centrality(g, max_iter=100, tol=1e-06, weight="weight")
        ),
        "pagerank_weighted": per_node(
            nx.pagerank(g, alpha=0.85, max_iter=100, tol=1e-06, weight="weight")
        ),
    }


def columnar(metrics, skip=()):
    """{metric: {node id: value}} -> (node ids ascending, {metric: [values in that order]}).

    Keeps the JSON small (ca-GrQc: 4158 nodes) while every value stays keyed by its node id
    through "node_ids"."""
    ids = sorted(next(iter(metrics.values())), key=int)
    return ids, {m: [vals[i] for i in ids] for m, vals in metrics.items() if m not in skip}


def write(name, source, g, metrics, extra=None, skip=(), out_dir=HERE):
    ids, columns = columnar(metrics, skip)
    doc = {
        "generator": "tests/reference/centrality.py",
        "networkx": nx.__version__,
        "dataset": source,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "node_ids": ids,
        "metrics": columns,
        "summary": summary(g),
    }
    if extra:
        doc.update(extra)
    out = os.path.join(out_dir, f"centrality-{name}.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, "
          f"{os.path.getsize(out)} bytes")


def grqc_lcc(data):
    pairs = read_pairs(os.path.join(data, "ca-GrQc", "CA-GrQc.txt"))
    full = simple_graph(sorted({x for p in pairs for x in p}), pairs)
    lcc = max(nx.connected_components(full), key=len)
    return nx.Graph(full.subgraph(lcc))


def main():
    if nx.__version__ != PINNED:
        sys.exit(f"networkx=={PINNED} is pinned, found {nx.__version__}")
    args = sys.argv[1:]
    out_dir = HERE
    if "--out" in args:  # write elsewhere, e.g. to check that the committed files reproduce
        i = args.index("--out")
        out_dir = args[i + 1]
        del args[i:i + 2]
    only = None
    if "--only" in args:  # comma-separated subset of florentine,knoke,grqc,weighted
        i = args.index("--only")
        only = set(args[i + 1].split(","))
        del args[i:i + 2]
    data = args[0] if args else os.path.join(HERE, "..", "..", "..", "shared", "datasets")
    data = os.path.abspath(data)

    def wanted(name):
        return only is None or name in only

    if wanted("florentine"):
        pad = os.path.join(data, "padgett-florentine")
        g = simple_graph(read_node_count(os.path.join(pad, "PADGM.nodes")),
                         read_pairs(os.path.join(pad, "PADGB.edgelist")))
        labels = read_labels(os.path.join(pad, "PADGM.nodes"))
        write("florentine",
              "padgett-florentine/PADGB.edgelist (marriage; see SOURCE.txt label swap)",
              g, unweighted_metrics(g), {"labels": {str(k): v for k, v in labels.items()}},
              out_dir=out_dir)

    if wanted("knoke"):
        kn = os.path.join(data, "knoke-bureaucracies")
        g = simple_graph(read_node_count(os.path.join(kn, "KNOKM.nodes")),
                         read_pairs(os.path.join(kn, "KNOKM.edgelist")))
        labels = read_labels(os.path.join(kn, "KNOKM.nodes"))
        write("knoke", "knoke-bureaucracies/KNOKM.edgelist (information, symmetrised)", g,
              unweighted_metrics(g), {"labels": {str(k): v for k, v in labels.items()}},
              out_dir=out_dir)

    if wanted("grqc"):
        g = grqc_lcc(data)
        # degree_centrality is degree / (n - 1): left out here to keep the file small.
        write("grqc", "ca-GrQc/CA-GrQc.txt, self-loops dropped, largest connected component", g,
              unweighted_metrics(g), skip=("degree_centrality",), out_dir=out_dir)

    if wanted("weighted"):
        g = nx.Graph()
        g.add_nodes_from(range(WEIGHTED_NODES))
        for u, v, w in WEIGHTED_EDGES:
            g.add_edge(u, v, weight=w, distance=1.0 / w)
        metrics = unweighted_metrics(g)
        metrics.update(weighted_metrics(g))
        write("weighted", "hand-made (WEIGHTED_EDGES in centrality.py)", g, metrics,
              {"edge_list": [[u, v, w] for u, v, w in WEIGHTED_EDGES]}, out_dir=out_dir)

if __name__ == "__main__":
    main()
