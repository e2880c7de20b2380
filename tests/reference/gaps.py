#!/usr/bin/env python3
"""Reference values for puentes-analysis gaps, communities and attribute statistics.

Pinned: networkx==3.4.2, igraph==1.0.0 (python-igraph), scipy==1.17.1 (numpy 2.x). Install with

    python3 -m venv .venv && .venv/bin/pip install networkx==3.4.2 igraph==1.0.0 scipy==1.17.1

and run from anywhere:

    PYTHONHASHSEED=0 .venv/bin/python tests/reference/gaps.py [path/to/shared/datasets]

Run it with PYTHONHASHSEED=0 for byte-identical output: NetworkX's nominal assortativity sums
over a set of string values, so the last bits depend on Python's string-hash seed.

It writes tests/reference/gaps-<name>.json beside this script, read by
tests/tests/reference_gaps.rs. Floats are written with full precision (Python's repr); NaN
(constraint and effective size of isolates, as NetworkX returns them) is written as null.

Datasets (see each folder's SOURCE.txt in shared/datasets):
  florentine-marriage  PADGB.edgelist (SOURCE.txt: the file named PADGB holds the MARRIAGE
                       ties), all 16 families from PADGM.nodes (PUCCI is an isolate).
  florentine-business  PADGM.edgelist (the BUSINESS ties, 15 edges, 6 components).
  florentine-both      both relations collapsed into one weighted graph: weight = number of
                       relations joining the pair (1 or 2), like Puentes' collapse rule.
  knoke-information    KNOKM.edgelist (SOURCE.txt: KNOKM holds the INFORMATION relation),
                       directed arcs; undirected metrics use the symmetrised graph with
                       weight = number of arcs joining the pair (1 or 2). Brokerage uses the
                       arcs and the Sector attribute (GOV/VOL/PVT) from KNOKM.GraphML.
  knoke-money          KNOKI.edgelist (MONEY relation; WRO has no money ties).
  grqc                 SNAP ca-GrQc, whole graph (5242 nodes, 355 components), self-loops
                       dropped (Puentes drops self-ties), unweighted; node ids as in the file.

Per graph: nx.constraint and nx.effective_size with weight="weight" and with weight=None
(unweighted: NetworkX then uses Borgatti's simplified effective size; on grqc that branch is
re-run by borgatti_effective_size below, same formula, because NetworkX's copy per node makes
it take hours), articulation points and bridges. On grqc the structural-hole values are for
every 8th node in ascending id order (computed on the whole graph), to keep the run short. On grqc also: igraph community_multilevel and community_leiden(objective_function=
"modularity") with igraph's RNG seeded from Python's random.seed(SEED), their modularity, and
NetworkX modularity of igraph's multilevel partition at resolutions 1 and 0.5 (to check
Puentes' modularity function on a real partition). Brokerage (Gould-Fernandez) on
knoke-information with groups = Sector, counted by a direct brute-force loop below (sna's
definition: open two-paths a->b->c, a != c, arc a->c absent). Stats: scipy pearsonr and
spearmanr on a few vectors (Florentine attributes and degrees), and NetworkX assortativity on
florentine-marriage with the real Wealth attribute and a made-up nominal attribute
PARTY[v] = "abc"[v % 3] (stated here, not from the data).
"""

import json
import math
import os
import random
import sys
import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx
import scipy
from scipy import stats

from datasets import read_node_count, read_pairs

PINNED = {"networkx": "3.4.2", "igraph": "1.0.0", "scipy": "1.17.1"}
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 42


def check_versions():
    got = {"networkx": nx.__version__, "igraph": ig.__version__, "scipy": scipy.__version__}
    if got != PINNED:
        sys.exit(f"expected {PINNED}, found {got}")


def graphml_attr(path, key):
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    out = []
    for node in root.iter("{http://graphml.graphdrawing.org/xmlns}node"):
        val = None
        for d in node.findall("g:data", ns):
            if d.get("key") == key:
                val = d.text
        out.append(val)
    return out


def clean(x):
    if isinstance(x, float) and math.isnan(x):
        return None
    return x


def weighted_graph(n, pairs):
    """Undirected simple graph; weight = number of input pairs joining {u, v}."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for a, b in pairs:
        if a == b:
            continue
        if g.has_edge(a, b):
            g[a][b]["weight"] += 1
        else:
            g.add_edge(a, b, weight=1)
    return g


def borgatti_effective_size(g, nodes=None):
    """NetworkX 3.4.2's own unweighted undirected branch of nx.effective_size, line for line,
    except that it calls nx.ego_graph without undirected=True: for an undirected graph that
    flag only makes NetworkX deep-copy the whole graph once per node (hours on ca-GrQc on a
    busy machine), and the ego graph is the same."""
    out = {}
    for v in g if nodes is None else nodes:
        if len(g[v]) == 0:
            out[v] = float("nan")
            continue
        e = nx.ego_graph(g, v, center=False)
        out[v] = len(e) - (2 * e.size()) / len(e)
    return out


def holes(g, fast_unweighted_es=False, nodes=None):
    """Structural holes (for `nodes`, default all; values still use the whole graph),
    articulation points and bridges."""
    keyed = lambda d: {str(k): clean(v) for k, v in sorted(d.items())}
    if fast_unweighted_es:
        es = borgatti_effective_size(g, nodes)
    else:
        es = nx.effective_size(g, nodes=nodes)
    return {
        "constraint_weighted": keyed(nx.constraint(g, nodes=nodes, weight="weight")),
        "constraint_unweighted": keyed(nx.constraint(g, nodes=nodes)),
        "effective_size_weighted": keyed(nx.effective_size(g, nodes=nodes, weight="weight")),
        "effective_size_unweighted": keyed(es),
        "articulation_points": sorted(nx.articulation_points(g)),
        "bridges": sorted(sorted(e) for e in nx.bridges(g)),
    }


def brokerage(n, arcs, groups):
    """Gould-Fernandez raw counts by brute force over ordered triples."""
    adj = set((a, b) for a, b in arcs if a != b)
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
    out = {r: [0] * n for r in roles}
    for b in range(n):
        for a in range(n):
            for c in range(n):
                if len({a, b, c}) < 3 or (a, b) not in adj or (b, c) not in adj or (a, c) in adj:
                    continue
                ga, gb, gc = groups[a], groups[b], groups[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                out[role][b] += 1
                out["total"][b] += 1
    return out


def write(name, data):
    path = os.path.join(HERE, f"gaps-{name}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path)


def correlation_cases(wealth, priors, degree):
    """scipy pearsonr / spearmanr on a few vectors; None marks a missing value, dropped
    pairwise before calling scipy."""
    cases = {
        "wealth_vs_degree": (wealth, degree),
        "wealth_vs_priors": (wealth, priors),
        # Priors has many ties (zeros) -> exercises average ranks.
        "priors_vs_degree": (priors, degree),
        # Missing values: wealth hidden for every third family.
        "wealth_missing_vs_degree": ([None if i % 3 == 0 else w for i, w in enumerate(wealth)], degree),
        "small_negative": ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [6.5, 5.0, 5.2, 3.0, 1.0, 1.5]),
        "weak": ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]),
    }
    out = {}
    for name, (x, y) in cases.items():
        pairs = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
        xs = [float(a) for a, _ in pairs]
        ys = [float(b) for _, b in pairs]
        p = stats.pearsonr(xs, ys)
        s = stats.spearmanr(xs, ys)
        out[name] = {
            "x": [None if a is None else float(a) for a in x],
            "y": [None if b is None else float(b) for b in y],
            "n": len(pairs),
            "pearson_r": float(p.statistic),
            "pearson_p": float(p.pvalue),
            "spearman_r": float(s.statistic),
            "spearman_p": float(s.pvalue),
        }
    return out


def main():
    check_versions()
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "datasets")

    # --- Florentine ------------------------------------------------------------------------
    flo = os.path.join(data, "padgett-florentine")
    n = read_node_count(os.path.join(flo, "PADGM.nodes"))
    marriage = read_pairs(os.path.join(flo, "PADGB.edgelist"))
    business = read_pairs(os.path.join(flo, "PADGM.edgelist"))
    gm = weighted_graph(n, marriage)
    gb = weighted_graph(n, business)
    gboth = weighted_graph(n, marriage + business)
    assert gm.number_of_edges() == 20 and gb.number_of_edges() == 15
    wealth = [float(x) for x in graphml_attr(os.path.join(flo, "PADGB.GraphML"), "Wealth")]
    priors = [float(x) for x in graphml_attr(os.path.join(flo, "PADGB.GraphML"), "Priors")]
    party = {v: "abc"[v % 3] for v in range(n)}
    nx.set_node_attributes(gm, {v: wealth[v] for v in range(n)}, "wealth")
    nx.set_node_attributes(gm, party, "party")
    degree = [float(gm.degree(v)) for v in range(n)]
    flo_out = {
        "nodes": n,
        "marriage": holes(gm),
        "business": holes(gb),
        "both": holes(gboth),
        "wealth": wealth,
        "priors": priors,
        "party": [party[v] for v in range(n)],
        "assortativity_party": nx.attribute_assortativity_coefficient(gm, "party"),
        "assortativity_wealth": nx.numeric_assortativity_coefficient(gm, "wealth"),
        "correlations": correlation_cases(wealth, priors, degree),
    }
    write("florentine", flo_out)

    # --- Knoke -----------------------------------------------------------------------------
    kno = os.path.join(data, "knoke-bureaucracies")
    n = read_node_count(os.path.join(kno, "KNOKM.nodes"))
    info = read_pairs(os.path.join(kno, "KNOKM.edgelist"))
    money = read_pairs(os.path.join(kno, "KNOKI.edgelist"))
    sector = graphml_attr(os.path.join(kno, "KNOKM.GraphML"), "Sector")
    assert len(info) == 49 and len(money) == 22 and len(sector) == n
    codes = sorted(set(sector))
    groups = [codes.index(s) for s in sector]
    kn_out = {
        "nodes": n,
        "information": holes(weighted_graph(n, info)),
        "money": holes(weighted_graph(n, money)),
        "sector": sector,
        "sector_codes": codes,
        "brokerage_information": brokerage(n, info, groups),
    }
    write("knoke", kn_out)

    # --- ca-GrQc ---------------------------------------------------------------------------
    pairs = read_pairs(os.path.join(data, "ca-GrQc", "CA-GrQc.txt"))
    g = nx.Graph()
    for a, b in pairs:
        g.add_node(a)
        g.add_node(b)
        if a != b:
            g.add_edge(a, b, weight=1)
    ids = sorted(g.nodes())
    assert len(ids) == 5242
    # NetworkX's structural-hole functions are pure Python and take tens of minutes on all
    # 5242 nodes of a busy 2-core machine: values for every 8th node in id order (656 nodes,
    # each computed on the whole graph) are enough to compare.
    sample = ids[::8]
    gr_out = holes(g, fast_unweighted_es=True, nodes=sample)
    gr_out["nodes"] = len(ids)
    gr_out["edges"] = g.number_of_edges()
    # igraph on the same graph, vertices in ascending id order.
    pos = {v: i for i, v in enumerate(ids)}
    h = ig.Graph(n=len(ids), edges=[(pos[a], pos[b]) for a, b in g.edges()])
    random.seed(SEED)
    ig.set_random_number_generator(random)
    ml = h.community_multilevel()
    random.seed(SEED)
    ld2 = h.community_leiden(objective_function="modularity", n_iterations=2)
    random.seed(SEED)
    ld = h.community_leiden(objective_function="modularity", n_iterations=10)
    membership = {str(ids[i]): c for i, c in enumerate(ml.membership)}
    comms = {}
    for i, c in enumerate(ml.membership):
        comms.setdefault(c, set()).add(ids[i])
    gr_out["igraph"] = {
        "seed": SEED,
        "multilevel_modularity": ml.modularity,
        "multilevel_count": len(ml),
        "leiden_n2_modularity": ld2.modularity,
        "leiden_n10_modularity": ld.modularity,
        "multilevel_membership": membership,
        "nx_modularity_of_multilevel": nx.community.modularity(g, comms.values(), weight="weight", resolution=1.0),
        "nx_modularity_of_multilevel_res05": nx.community.modularity(g, comms.values(), weight="weight", resolution=0.5),
    }
    write("grqc", gr_out)


if __name__ == "__main__":
    main()
