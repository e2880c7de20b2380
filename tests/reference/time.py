#!/usr/bin/env python3
"""Reference values for the whole-network figures of puentes-analysis `time.rs` and
`summary::global_efficiency`: NetworkX `global_efficiency` (Latora-Marchiori: the mean of
1/d(u, v) over ordered pairs of distinct nodes, 0 when v cannot be reached from u).

Pinned: networkx==3.4.2. Run from anywhere:

    .venv/bin/python tests/reference/time.py [path/to/shared/datasets]

It writes tests/reference/time.json beside this script, read by
tests/tests/integration/reference_time.rs. Floats with full precision (Python's repr).

Datasets (see each folder's SOURCE.txt in shared/datasets):
  florentine-marriage  PADGB.edgelist (SOURCE.txt: the file named PADGB holds the MARRIAGE
                       ties), all 16 families from PADGM.nodes (PUCCI is an isolate, so 30
                       ordered pairs count 0).
  grqc                 SNAP ca-GrQc, whole graph (5242 nodes, 355 components), self-loops
                       dropped, each undirected edge once: most ordered pairs are unreachable.
"""

import json
import os
import sys

import networkx as nx

from datasets import read_node_count, read_pairs

HERE = os.path.dirname(os.path.abspath(__file__))


def graph(n, pairs):
    g = nx.Graph()
    g.add_nodes_from(range(n) if n is not None else [])
    for a, b in pairs:
        g.add_node(a)
        g.add_node(b)
        if a != b:
            g.add_edge(a, b)
    return g


def main():
    assert nx.__version__ == "3.4.2", nx.__version__
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "datasets")
    flo = os.path.join(data, "padgett-florentine")
    n = read_node_count(os.path.join(flo, "PADGM.nodes"))
    marriage = graph(n, read_pairs(os.path.join(flo, "PADGB.edgelist")))
    grqc = graph(None, read_pairs(os.path.join(data, "ca-GrQc", "CA-GrQc.txt")))
    assert grqc.number_of_nodes() == 5242
    out = {
        "networkx": nx.__version__,
        "florentine_marriage": {
            "nodes": marriage.number_of_nodes(),
            "edges": marriage.number_of_edges(),
            "global_efficiency": nx.global_efficiency(marriage),
        },
        "grqc": {
            "nodes": grqc.number_of_nodes(),
            "edges": grqc.number_of_edges(),
            "global_efficiency": nx.global_efficiency(grqc),
        },
    }
    with open(os.path.join(HERE, "time.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
