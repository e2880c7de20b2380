"""Every metric of Network.metrics() equal to NetworkX 3.4.2 within 1e-9.

On Les Misérables (networkx.les_miserables_graph(): 77 named nodes, built with
from_networkx), Padgett's Florentine marriages (PADGB, all 16 families: Pucci isolated),
Knoke's information network (KNOKM, symmetrised) and ca-GrQc's largest component (4,158
nodes; the path metrics from tests/reference/centrality-grqc.json, which NetworkX 3.4.2
wrote with tests/reference/centrality.py, the rest computed here).

Conventions (analysis/src/centrality): betweenness normalized without endpoints, closeness
with Wasserman–Faust's improvement, harmonic unnormalized, clustering and core number as
NetworkX; eigenvector and PageRank are solved to convergence, so they are compared with
NetworkX's power iteration run to a tolerance of 1e-15 (PageRank unweighted: every tie has
strength 1), not with its default 1e-6 stop.
"""

import json

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

import puentes
from conftest import REFERENCE, assert_close, dataset, node_count, read_pairs

EXACT = ["degree", "betweenness", "closeness", "harmonic", "core_number", "clustering"]


def networkx_metrics(G, skip=()):
    """NetworkX's value of each metric (keyed by node), the expensive ones unless skipped."""
    out = {
        "degree": dict(G.degree()),
        "strength": dict(G.degree()),
        "core_number": nx.core_number(G),
        "clustering": nx.clustering(G),
        "eigenvector": nx.eigenvector_centrality(G, max_iter=100000, tol=1e-15),
        "pagerank": _pagerank_python(G, alpha=0.85, max_iter=100000, tol=1e-15, weight=None),
    }
    if "paths" not in skip:
        out["betweenness"] = nx.betweenness_centrality(G, normalized=True, endpoints=False)
        out["closeness"] = nx.closeness_centrality(G, wf_improved=True)
        out["harmonic"] = nx.harmonic_centrality(G)
    return out


def ours_by_node(net, frame, metric):
    """Our column keyed by the original node (net.labels) or by id."""
    labels = net.labels or {}
    return {labels.get(i, i): float(v) for i, v in frame[metric].items()}


def compare(net, G, metrics=None, tol=1e-9, name=""):
    frame = net.metrics()
    theirs = metrics or networkx_metrics(G)
    for metric, values in theirs.items():
        values = {n: float(v) for n, v in values.items()}
        assert_close(ours_by_node(net, frame, metric), values, tol, f"{name} {metric}")
    return frame


def test_les_miserables_named_nodes():
    G = nx.les_miserables_graph()
    net = puentes.Network.from_networkx(G)
    assert len(net) == 77
    # Names became ids; the labels map them back.
    assert net.labels["myriel"] == "Myriel"
    frame = compare(net, G, name="lesmis")
    assert frame.loc["myriel", "name"] == "Myriel"
    assert frame.loc["valjean", "degree"] == 36
    # The notes say how the iterative columns were solved (the CLI prints the same lines).
    assert [n.split(":")[0] for n in frame.attrs["notes"]] == ["eigenvector", "pagerank"]
    assert all("converged" in n for n in frame.attrs["notes"])


def florentine_graph():
    n = node_count(dataset("padgett-florentine/PADGM.nodes"))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(read_pairs(dataset("padgett-florentine/PADGB.edgelist")))
    return G


def test_florentine_marriages_with_an_isolate():
    G = florentine_graph()
    assert (G.number_of_nodes(), G.number_of_edges()) == (16, 20)
    net = puentes.Network.from_networkx(G)
    frame = compare(net, G, name="florentine")
    isolated = [n for n in G if G.degree(n) == 0]
    assert [net.labels[i] for i in frame.index[frame["degree"] == 0]] == isolated


def test_knoke_information_symmetrised():
    n = node_count(dataset("knoke-bureaucracies/KNOKM.nodes"))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from((a, b) for a, b in read_pairs(dataset("knoke-bureaucracies/KNOKM.edgelist")) if a != b)
    net = puentes.Network.from_networkx(G)
    compare(net, G, name="knoke")


@pytest.fixture(scope="module")
def grqc():
    pairs = [(a, b) for a, b in read_pairs(dataset("ca-GrQc/CA-GrQc.txt")) if a != b]
    full = nx.Graph(pairs)
    G = nx.Graph(full.subgraph(max(nx.connected_components(full), key=len)))
    return G


def test_grqc_largest_component(grqc):
    G = grqc
    assert (G.number_of_nodes(), G.number_of_edges()) == (4158, 13422)
    reference = json.loads((REFERENCE / "centrality-grqc.json").read_text())
    assert reference["networkx"] == "3.4.2"
    ids = reference["node_ids"]
    theirs = networkx_metrics(G, skip=("paths",))
    for metric in ("betweenness", "closeness", "harmonic"):
        theirs[metric] = {int(i): v for i, v in zip(ids, reference["metrics"][metric])}
    # The exact metrics NetworkX wrote agree with those computed here.
    for metric in ("core_number", "clustering"):
        stored = {int(i): v for i, v in zip(ids, reference["metrics"][metric])}
        assert_close(stored, {k: float(v) for k, v in theirs[metric].items()}, 0, metric)
    net = puentes.Network.from_networkx(G)
    compare(net, G, metrics=theirs, name="ca-GrQc")


def test_summary_against_networkx():
    G = nx.les_miserables_graph()
    s = puentes.Network.from_networkx(G).summary()
    assert s["nodes"] == 77 and s["ties"] == 254
    assert abs(s["density"] - nx.density(G)) < 1e-12
    assert abs(s["transitivity"] - nx.transitivity(G)) < 1e-12
    assert abs(s["average_clustering"] - nx.average_clustering(G)) < 1e-12
    assert abs(s["degree_assortativity"] - nx.degree_assortativity_coefficient(G)) < 1e-9
    assert s["diameter"] == nx.diameter(G)
    assert abs(s["average_shortest_path_length"] - nx.average_shortest_path_length(G)) < 1e-12


def test_weighted_strength_is_the_weighted_degree():
    G = nx.les_miserables_graph()
    # Strength is a whole number 1-5 per tie: the weights capped at 5 are valid strengths.
    for u, v, d in G.edges(data=True):
        d["strength"] = min(5, int(d["weight"]))
    net = puentes.Network.from_networkx(G, weight="strength")
    frame = net.metrics(["strength", "pagerank"])
    theirs = dict(G.degree(weight="strength"))
    assert_close(ours_by_node(net, frame, "strength"), {k: float(v) for k, v in theirs.items()}, 0, "strength")
    pr = _pagerank_python(G, alpha=0.85, max_iter=100000, tol=1e-15, weight="strength")
    assert_close(ours_by_node(net, frame, "pagerank"), pr, 1e-9, "weighted pagerank")
