#!/usr/bin/env python3
"""Reference values for puentes-analysis link-prediction scores (suggest), from NetworkX.

Pinned: networkx==3.4.2 (the pinned venv of scripts/setup-python has it). Run from anywhere:

    .venv/bin/python tests/reference/suggest.py [path/to/shared/datasets]

It writes tests/reference/suggest-<name>.json beside this script, read by
tests/tests/reference_suggest.rs. Floats are written with full precision (Python's repr).

For each network:
  "pairs": rows [u, v, distance, common_neighbors, jaccard, adamic_adar,
           resource_allocation, preferential_attachment] with dataset ids u, v; distance is the
           hop distance (null when unreachable); common_neighbors is
           len(list(nx.common_neighbors(G, u, v))); the other four are NetworkX's
           jaccard_coefficient, adamic_adar_index, resource_allocation_index and
           preferential_attachment for the pair.
  "ego_ids": a few organizations (the egos);
  "egos":  for each ego, every node at distance exactly 2 (the distance-2 candidates Puentes
           must enumerate), as rows [ego, node, adamic_adar] (an ego may have none).

Networks (see each folder's SOURCE.txt in shared/datasets):
  florentine  PADGB.edgelist (the MARRIAGE ties; SOURCE.txt documents the label swap), all 16
              families from PADGM.nodes (PUCCI is an isolate). Every pair of distinct nodes;
              every node is an ego.
  knoke       KNOKM.edgelist (INFORMATION relation, CRLF), arcs symmetrised into a simple
              graph over the 10 organizations of KNOKM.nodes. Every pair; every node an ego.
  grqc        SNAP ca-GrQc, whole graph (5242 nodes), self-loops dropped. A sample drawn with
              random.Random(20241126) from the ids in ascending order: 300 pairs at distance 2
              (a random node, then a random node two steps away), 200 pairs at distance >= 3
              or unreachable (random pairs not within two steps), 100 adjacent pairs, and 25
              egos.
"""

import json
import os
import random
import sys

import networkx as nx

from datasets import read_node_count, read_pairs

PINNED = "3.4.2"
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20241126


def simple_graph(nodes, pairs):
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for a, b in pairs if a != b)
    return g


def row(g, u, v, dist):
    cn = len(list(nx.common_neighbors(g, u, v)))
    (_, _, jac), = nx.jaccard_coefficient(g, [(u, v)])
    (_, _, aa), = nx.adamic_adar_index(g, [(u, v)])
    (_, _, ra), = nx.resource_allocation_index(g, [(u, v)])
    (_, _, pa), = nx.preferential_attachment(g, [(u, v)])
    return [u, v, dist, cn, float(jac), float(aa), float(ra), int(pa)]


def distance(g, u, v):
    try:
        return nx.shortest_path_length(g, u, v)
    except nx.NetworkXNoPath:
        return None


def two_steps(g, u):
    """Nodes at distance exactly 2 from u, ascending."""
    near = set(g[u]) | {u}
    return sorted({w for z in g[u] for w in g[z]} - near)


def ego_rows(g, egos):
    out = []
    for e in egos:
        cands = two_steps(g, e)
        for (_, c, aa) in nx.adamic_adar_index(g, [(e, c) for c in cands]):
            out.append([e, c, float(aa)])
    return out


def all_pairs(g):
    nodes = sorted(g)
    return [row(g, u, v, distance(g, u, v))
            for i, u in enumerate(nodes) for v in nodes[i + 1:]]


def sampled_pairs(g, rng):
    nodes = sorted(g)
    with_two = [u for u in nodes if two_steps(g, u)]
    rows, seen = [], set()

    def add(u, v, d):
        key = (min(u, v), max(u, v))
        if u != v and key not in seen:
            seen.add(key)
            rows.append(row(g, u, v, d))

    while len(rows) < 300:
        u = rng.choice(with_two)
        add(u, rng.choice(two_steps(g, u)), 2)
    while len(rows) < 500:
        u, v = rng.choice(nodes), rng.choice(nodes)
        if u == v or v in g[u] or v in two_steps(g, u):
            continue
        add(u, v, distance(g, u, v))
    edges = sorted(tuple(sorted(e)) for e in g.edges())
    for u, v in rng.sample(edges, 100):
        add(u, v, 1)
    return rows


def write(name, source, g, pairs, ego_ids):
    doc = {
        "generator": "tests/reference/suggest.py",
        "networkx": nx.__version__,
        "dataset": source,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "columns": ["u", "v", "distance", "common_neighbors", "jaccard", "adamic_adar",
                    "resource_allocation", "preferential_attachment"],
        "pairs": pairs,
        "ego_ids": ego_ids,
        "egos": ego_rows(g, ego_ids),
    }
    out = os.path.join(HERE, f"suggest-{name}.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{out}: {len(pairs)} pairs, {len(ego_ids)} egos, {os.path.getsize(out)} bytes")


def main():
    if nx.__version__ != PINNED:
        sys.exit(f"networkx=={PINNED} is pinned, found {nx.__version__}")
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared",
                                                              "datasets")
    data = os.path.abspath(data)

    pad = os.path.join(data, "padgett-florentine")
    g = simple_graph(range(read_node_count(os.path.join(pad, "PADGM.nodes"))),
                     read_pairs(os.path.join(pad, "PADGB.edgelist")))
    write("florentine", "padgett-florentine/PADGB.edgelist (marriage; see SOURCE.txt label swap)",
          g, all_pairs(g), sorted(g))

    kn = os.path.join(data, "knoke-bureaucracies")
    g = simple_graph(range(read_node_count(os.path.join(kn, "KNOKM.nodes"))),
                     read_pairs(os.path.join(kn, "KNOKM.edgelist")))
    write("knoke", "knoke-bureaucracies/KNOKM.edgelist (information, symmetrised)", g,
          all_pairs(g), sorted(g))

    pairs = read_pairs(os.path.join(data, "ca-GrQc", "CA-GrQc.txt"))
    g = simple_graph(sorted({x for p in pairs for x in p}), pairs)
    rng = random.Random(SEED)
    sample = sampled_pairs(g, rng)
    egos = rng.sample(sorted(g), 25)
    write("grqc", "ca-GrQc/CA-GrQc.txt, whole graph, self-loops dropped", g, sample,
          sorted(egos))


if __name__ == "__main__":
    main()
