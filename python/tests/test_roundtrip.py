"""Round trips: NetworkX → puentes → NetworkX, pandas → puentes → pandas, igraph → puentes."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import puentes
from conftest import isclose


def test_networkx_round_trip_keeps_nodes_edges_and_adds_metrics():
    G = nx.les_miserables_graph()
    net = puentes.Network.from_networkx(G)
    H = net.to_networkx()
    assert set(H.nodes) == set(G.nodes)
    assert {frozenset(e) for e in H.edges} == {frozenset(e) for e in G.edges}
    metrics = net.metrics()
    for node, data in H.nodes(data=True):
        row = metrics.loc[data["id"] if "id" in data else node.lower()]
        for column in ("degree", "betweenness", "pagerank", "community", "constraint"):
            assert isclose(data[column], row[column], 0), (node, column)
    # Back again: the same numbers.
    cols = ["degree", "betweenness", "closeness"]
    again = puentes.Network.from_networkx(H).metrics(cols)
    # Same numbers; another node order may change the last bit of a float sum.
    assert np.allclose(again[cols].sort_index(), metrics[cols].sort_index(), rtol=1e-12, atol=0)


def test_networkx_integer_nodes_and_isolates():
    G = nx.karate_club_graph()
    G.add_node(99)
    net = puentes.Network.from_networkx(G)
    assert len(net) == 35
    assert net.labels["99"] == 99 and net.labels["0"] == 0
    H = net.to_networkx()
    assert set(H.nodes) == set(G.nodes)
    assert H.nodes[99]["degree"] == 0
    assert H.nodes[0]["degree"] == G.degree(0)


def test_fixture_to_networkx_has_the_attributes(fixture_net):
    H = fixture_net.to_networkx()
    assert H.number_of_nodes() == 120
    node = H.nodes["casa-quetzal-nuevo"]
    assert node["name"] == "Casa Quetzal Nuevo" and node["country"] == "MX"
    assert node["degree"] == 7


def test_pandas_edges_round_trip_with_names_weights_years():
    df = pd.DataFrame(
        {
            "from": ["Casa del Migrante", "Albergue Sur", "Red Norte", "casa del migrante"],
            "to": ["Albergue Sur", "Red Norte", "Casa del Migrante", "Red Norte"],
            "w": [3, 2.0, 5, 1],
            "y": [2015, 2016, 2019, 2020],
        }
    )
    net = puentes.Network.from_edges(df, source="from", target="to", weight="w", year="y", nodes=["Solo"])
    # Names that differ only by case are one organization, as the named edge-list import has it.
    assert sorted(net.metrics().index) == ["albergue-sur", "casa-del-migrante", "red-norte", "solo"]
    summary = net.import_summary
    assert summary["ties"] == 3 and summary["merged_duplicates"] == 1
    ties = net.ties()
    assert list(ties[["source", "target", "strength", "since"]].itertuples(index=False, name=None)) == [
        ("casa-del-migrante", "albergue-sur", 3, 2015),
        ("albergue-sur", "red-norte", 2, 2016),
        ("red-norte", "casa-del-migrante", 5, 2019),
    ]
    # The ties back in: the same network, the same numbers.
    again = puentes.Network.from_edges(ties, weight="strength", year="since", nodes=["solo"])
    cols = ["degree", "strength", "betweenness", "pagerank"]
    assert (again.metrics(cols)[cols].sort_index() == net.metrics(cols)[cols].sort_index()).all().all()
    assert net.metrics(["degree"], as_of=2016)["degree"].to_dict() == {
        "casa-del-migrante": 1, "albergue-sur": 2, "red-norte": 1, "solo": 0,
    }


def test_pandas_metrics_to_csv_and_back(fixture_net, tmp_path):
    frame = fixture_net.metrics(["degree", "betweenness", "eigenvector"])
    path = tmp_path / "m.csv"
    frame.to_csv(path)
    back = pd.read_csv(path, index_col="id", float_precision="round_trip")
    assert (back[["degree", "betweenness", "eigenvector"]] == frame[["degree", "betweenness", "eigenvector"]]).all().all()


def test_igraph():
    ig = pytest.importorskip("igraph")
    G = nx.les_miserables_graph()
    names = list(G.nodes)
    g = ig.Graph(n=len(names), edges=[(names.index(u), names.index(v)) for u, v in G.edges])
    g.vs["name"] = names
    net = puentes.Network.from_igraph(g)
    cols = ["degree", "betweenness", "closeness"]
    ours = net.metrics(cols)[cols]
    assert net.labels["myriel"] == "Myriel"
    theirs = puentes.Network.from_networkx(G).metrics(cols)[cols]
    assert (ours.sort_index() == theirs.sort_index()).all().all()
    bet = g.betweenness()
    n = g.vcount()
    scale = 2 / ((n - 1) * (n - 2))
    for v in range(n):
        assert isclose(ours.loc[net_id(net, names[v]), "betweenness"], bet[v] * scale, 1e-9)


def net_id(net, label):
    return {v: k for k, v in net.labels.items()}[label]


def test_communities_series_and_seeds(fixture_net):
    a = fixture_net.communities(algorithm="leiden", seed=5)
    b = fixture_net.communities(algorithm="leiden", seed=5)
    assert a.equals(b)
    assert a.name == "community" and a.index.name == "id" and len(a) == 120
    assert 0.7 < a.attrs["modularity"] < 0.8


def test_brokerage_and_constraint(fixture_net):
    by_corridor = fixture_net.brokerage("corridor")
    metrics = fixture_net.metrics(["brokerage"])
    for role in puentes.ROLES:
        assert (by_corridor[role] == metrics[f"broker_{role}_by_corridor"]).all()
    assert (by_corridor[list(puentes.ROLES)].sum(axis=1) == by_corridor["total"]).all()
    by_country = fixture_net.brokerage("country", normalized=True)
    assert list(by_country.columns) == list(puentes.ROLES) + ["total"]
    holes = fixture_net.constraint()
    assert list(holes.columns) == ["constraint", "effective_size", "efficiency", "hierarchy"]
    assert holes["constraint"].between(0, 1.5).all()


def test_networkx_node_attributes_are_kept(fixture_net):
    H = fixture_net.to_networkx()
    net = puentes.Network.from_networkx(H)
    ours, theirs = net.metrics(), fixture_net.metrics()
    attributes = ["name", "country", "region", "city", "corridor", "partner", "services",
                  "populations", "population_served", "founded_year", "agreement_review"]
    assert ours.loc[theirs.index, attributes].astype(str).equals(theirs[attributes].astype(str))
    cols = ["degree", "betweenness", "closeness", "harmonic", "eigenvector", "core_number", "clustering"]
    assert np.allclose(ours.loc[theirs.index, cols], theirs[cols], rtol=1e-12, atol=1e-15)


def test_bad_node_attributes_raise_with_the_field():
    G = nx.Graph([("casa-a", "casa-b")])
    G.nodes["casa-a"]["country"] = "Mexico"
    G.nodes["casa-b"]["services"] = ["shelter", "massages"]
    with pytest.raises(puentes.InputError) as e:
        puentes.Network.from_networkx(G)
    message = str(e.value)
    assert "2 problem(s)" in message
    assert 'nodes: /nodes/0/country = "Mexico": expected a country code' in message
    assert 'nodes: /nodes/1/services = "massages": expected' in message
