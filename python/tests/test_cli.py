"""The package's numbers and sentences equal the CLI's on the fixture (same seed).

Each test runs the `puentes` binary on fixtures/hip (the synthetic HIP-like network) and
the package on the same directory, and compares: every cell of `puentes metrics`, the
partition of `puentes communities` (Louvain and Leiden, two seeds), every list and
sentence of `puentes gaps` (English and Spanish), `puentes suggest` (scores, components,
introducers, sentences), `puentes summary`, `puentes what-if` and `puentes backtest`.
"""

import io
import json
import math

import pandas as pd
import pytest

import puentes
from conftest import FIXTURE, cli, cli_json, dataset, isclose


def test_metrics_equal_the_cli_csv(fixture_net):
    theirs = pd.read_csv(io.StringIO(cli("metrics", "--input", str(FIXTURE), "--format", "csv").stdout),
                         keep_default_na=False, dtype=str).set_index("id")
    ours = fixture_net.metrics()
    assert list(ours.columns) == list(theirs.columns)
    assert list(ours.index) == list(theirs.index)
    assert len(ours) == 120
    for column in ours.columns:
        for i, (a, b) in enumerate(zip(ours[column], theirs[column])):
            if b == "":
                assert a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a)), (column, i, a)
            elif isinstance(a, (bool,)) or str(ours[column].dtype) in ("bool", "boolean"):
                assert str(bool(a)).lower() == b, (column, i)
            elif isinstance(a, str):
                assert a == b, (column, i)
            else:
                assert float(a) == float(b), (column, i, a, b)


def test_metrics_selection_and_as_of(fixture_net):
    theirs = pd.read_csv(io.StringIO(cli("metrics", "--input", str(FIXTURE), "--metrics", "degree,pagerank,community", "--as-of", "2019").stdout), float_precision="round_trip").set_index("id")
    ours = fixture_net.metrics(["degree", "pagerank", "community"], as_of=2019)
    assert list(ours.columns) == list(theirs.columns)
    assert (ours["degree"].to_numpy() == theirs["degree"].to_numpy()).all()
    assert (ours["pagerank"].to_numpy() == theirs["pagerank"].to_numpy()).all()
    assert (ours["community"].to_numpy() == theirs["community"].to_numpy()).all()


@pytest.mark.parametrize("algorithm,seed", [("louvain", 42), ("louvain", 7), ("leiden", 42), ("leiden", 7)])
def test_communities_equal_the_cli(fixture_net, algorithm, seed):
    done = cli("communities", "--input", str(FIXTURE), "--algorithm", algorithm, "--seed", str(seed), "--format", "json")
    theirs = json.loads(done.stdout)
    ours = fixture_net.communities(algorithm=algorithm, seed=seed)
    assert ours.to_dict() == theirs["membership"]
    assert ours.attrs["modularity"] == theirs["modularity"]
    assert ours.attrs["count"] == theirs["count"] == ours.nunique()
    assert [c["label"] for c in ours.attrs["communities"]] == [c["label"] for c in theirs["communities"]]
    # The rest of the report, built as Python values, is the CLI's JSON without the members.
    for community in theirs["communities"]:
        community.pop("members")
    del theirs["membership"]
    assert ours.attrs == theirs


def test_communities_as_of_equal_the_cli(fixture_net):
    # The year's ids are asked for once and kept: the second call reads them back.
    theirs = cli_json("communities", "--input", str(FIXTURE), "--as-of", "2019", "--seed", "3")
    first = fixture_net.communities(seed=3, as_of=2019)
    assert first.to_dict() == theirs["membership"]
    assert first.equals(fixture_net.communities(seed=3, as_of=2019))
    assert list(first.index) == list(fixture_net.metrics(["degree"], as_of=2019).index)


def test_communities_resolution(fixture_net):
    theirs = cli_json("communities", "--input", str(FIXTURE), "--resolution", "1.5", "--seed", "3")
    ours = fixture_net.communities(resolution=1.5, seed=3)
    assert ours.to_dict() == theirs["membership"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_gaps_equal_the_cli(fixture_net, lang):
    theirs = cli_json("gaps", "--input", str(FIXTURE), "--all", "--lang", lang)
    ours = fixture_net.gaps(lang=lang)
    assert set(ours) == set(theirs)
    assert ours["communities"] == theirs["communities"]
    for key, section in theirs.items():
        if not isinstance(section, dict):
            assert ours[key] == section
            continue
        frame = ours[key]
        assert frame.attrs["total"] == section["total"]
        assert len(frame) == len(section["items"])
        if section["items"] and "explanation" in section["items"][0]:
            assert list(frame["explanation"]) == [i["explanation"] for i in section["items"]]
    peripheral = ours["peripheral"]
    assert list(peripheral["id"]) == [i["organization"]["id"] for i in theirs["peripheral"]["items"]]
    if lang == "es":
        assert "vínculo" in " ".join(peripheral["explanation"].iloc[0])


@pytest.mark.parametrize("goal", ["balanced", "bridge", "services", "strengthen"])
def test_suggestions_equal_the_cli(fixture_net, goal):
    org = "casa-quetzal-nuevo"
    theirs = cli_json("suggest", org, "--input", str(FIXTURE), "--goal", goal, "--limit", "5", "--lang", "es")
    ours = fixture_net.suggest(org, goal=goal, limit=5, lang="es")
    items = theirs["items"]
    assert list(ours.index) == [i["organization"]["id"] for i in items]
    assert list(ours["score"]) == [i["score"] for i in items]
    assert list(ours["explanation"]) == [i["explanation"] for i in items]
    for (_, row), item in zip(ours.iterrows(), items):
        for c in item["components"]:
            assert row[c["component"]] == c["contribution"]
            assert row[c["component"] + "_raw"] == c["raw"]
        first = item["introducers"][0]["organization"]["id"] if item["introducers"] else None
        assert row["introducer"] == first
    assert ours.attrs["goal"] == theirs["goal"] and ours.attrs["weights"] == theirs["weights"]


def test_summary_equals_the_cli(fixture_net):
    assert fixture_net.summary() == cli_json("summary", "--input", str(FIXTURE))


def test_what_if_equals_the_cli(fixture_net, tmp_path):
    ties = [("casa-quetzal-nuevo", "proyecto-brujula-lejano", 3), ("iniciativa-raices-comun", "proyecto-brujula-lejano", 1)]
    path = tmp_path / "proposed.csv"
    path.write_text("source,target,strength\n" + "".join(f"{s},{t},{w}\n" for s, t, w in ties))
    theirs = cli_json("what-if", str(path), "--input", str(FIXTURE))
    ours = fixture_net.what_if(ties)
    assert ours == theirs
    frame = pd.DataFrame(ties, columns=["source", "target", "strength"])
    assert fixture_net.what_if(frame) == theirs


@pytest.mark.parametrize("source", [FIXTURE, "somalia-iati-aid"])
def test_backtest_equals_the_cli(source):
    src = str(source if source == FIXTURE else dataset(source))
    split = "2020" if source == FIXTURE else "2018"
    theirs = cli_json("backtest", "--input", src, "--split-year", split, "--horizon", "3", "--k", "5", "--format", "json")
    ours = puentes.backtest(src, int(split), 3, k=5)
    rows = [r["scorer"].get("name", r["scorer"]["kind"]) for r in theirs["rows"]]
    assert list(ours.index) == rows
    for (scorer, row), r in zip(ours.iterrows(), theirs["rows"]):
        for key, value in r["all"].items():
            assert isclose(row[key], value, 0), (scorer, key)
        assert isclose(row["distance_2_precision_at_k"], r["distance_2"]["precision_at_k"], 0)
    assert ours.attrs["split"] == theirs["split"]
    assert ours.attrs["learned"] == theirs["learned"]


def test_export_is_the_cli_export(fixture_net):
    assert json.loads(fixture_net.export("json")) == cli_json("export", "--input", str(FIXTURE), "--format", "json")
