"""Reference values for edge lists of *names* (issue 21): NetworkX 3.4.2 metrics on

- Les Misérables (``nx.les_miserables_graph()``: Knuth's Stanford GraphBase co-appearance
  network, shipped with NetworkX under its BSD licence), written as a CSV of names
  (``Myriel``, ``MmeMagloire``…) without weights;
- Zachary's karate club (``nx.karate_club_graph()``, Zachary 1977, shipped with NetworkX) with
  its 34 members renamed to invented Spanish organization names with accents, some rows
  spelling a name differently (case, accents, punctuation), as people do in spreadsheets.

Writes ``names-lesmis.csv``, ``names-spanish.csv`` (the inputs Puentes imports) and
``names-<graph>.json`` (per name: degree centrality, betweenness (normalized), closeness
(wf_improved), PageRank (alpha 0.85, NetworkX's defaults), clustering, core number).

Run: ``.venv/bin/python tests/reference/names.py`` (scripts/setup-python makes .venv).
"""
import csv
import json
import os
import random
import unicodedata

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))

WORDS_A = ["Casa", "Albergue", "Red", "Colectivo", "Centro", "Iniciativa", "Fundación",
           "Asociación", "Comité", "Misión"]
WORDS_B = ["Ñandú", "Quetzal", "Colibrí", "Jaguar", "Cóndor", "Ceiba", "Maíz", "Río",
           "Volcán", "Sendero", "Raíces", "Montaña", "Lucero", "Pájaro"]
WORDS_C = ["del Sur", "Común", "Unión", "Nueva Esperanza", "de la Frontera", "Solidaria",
           "Abierta", "Migrante", "Hermana", "Andina"]


def spanish_names(n, seed=21):
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        name = f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)} {rng.choice(WORDS_C)}"
        key = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if c.isalnum())
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def respell(name, rng):
    """The same name as someone else types it: lower case, no accents, a trailing period."""
    choice = rng.randrange(3)
    if choice == 0:
        return name.lower()
    if choice == 1:
        return "".join(c for c in unicodedata.normalize("NFKD", name)
                       if not unicodedata.combining(c))
    return name.replace(" ", "  ") + "."


def metrics(g):
    # NetworkX's pure-Python power iteration (same result as nx.pagerank, no numpy needed).
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    pr = _pagerank_python(g, alpha=0.85)
    return {
        "degree_centrality": nx.degree_centrality(g),
        "betweenness": nx.betweenness_centrality(g, normalized=True),
        "closeness": nx.closeness_centrality(g, wf_improved=True),
        "pagerank": pr,
        "clustering": nx.clustering(g),
        "core_number": nx.core_number(g),
    }


def write(name, g, rows):
    with open(os.path.join(HERE, f"names-{name}.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target"])
        w.writerows(rows)
    out = {"graph": name, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
           "networkx": nx.__version__,
           "metrics": {m: {str(k): v for k, v in vals.items()} for m, vals in metrics(g).items()}}
    with open(os.path.join(HERE, f"names-{name}.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=True)


def main():
    les = nx.Graph(nx.les_miserables_graph().edges())  # unweighted
    write("lesmis", les, sorted((a, b) for a, b in les.edges()))
    karate = nx.karate_club_graph()
    names = spanish_names(karate.number_of_nodes())
    g = nx.relabel_nodes(karate, dict(enumerate(names)))
    g = nx.Graph(g.edges())  # unweighted, as the CSV carries no weights
    rng = random.Random(7)
    rows = []
    for a, b in sorted(g.edges()):
        rows.append((respell(a, rng) if rng.random() < 0.3 else a,
                     respell(b, rng) if rng.random() < 0.3 else b))
    write("spanish", g, rows)


if __name__ == "__main__":
    main()
