"""Bad input raises InputError with the catalogue's message: the CLI's, word for word."""

import pandas as pd
import pytest

import puentes
from conftest import FIXTURE, cli


def cli_error(*args):
    done = cli(*args, check=False)
    assert done.returncode != 0
    first = done.stderr.strip()
    assert first.startswith("error: ")
    return first[len("error: "):]


def test_exceptions_are_one_family():
    assert issubclass(puentes.InputError, puentes.PuentesError)
    assert issubclass(puentes.AnalysisError, puentes.PuentesError)
    assert issubclass(puentes.PuentesError, Exception)


def test_missing_file_is_the_cli_message(tmp_path):
    path = str(tmp_path / "nope.csv")
    with pytest.raises(puentes.InputError) as e:
        puentes.Network.read(path)
    assert str(e.value) == cli_error("metrics", "--input", path)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_bad_edge_list_lists_every_problem(tmp_path, lang):
    path = tmp_path / "bad.csv"
    path.write_text("source,target,weight\nCasa Azul,Albergue Sur,9\nAlbergue Sur,,2\n")
    with pytest.raises(puentes.InputError) as e:
        puentes.Network.read(path, lang=lang)
    message = str(e.value)
    assert message.strip() == cli_error("--lang", lang, "metrics", "--input", str(path))
    assert 'bad.csv:2:3: weight = "9"' in message
    if lang == "es":
        assert "se espera un número entero de 1 a 5" in message


def test_bad_dataframe_rows_name_row_and_column():
    df = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "weight": [2, 7]})
    with pytest.raises(puentes.InputError) as e:
        puentes.Network.from_edges(df, weight="weight")
    assert 'DataFrame:3:3: weight = "7": expected a whole number from 1 to 5' in str(e.value)
    with pytest.raises(puentes.InputError) as e:
        puentes.Network.from_edges(df, source="from")
    assert str(e.value) == 'column = "from": expected one of: source, target, weight'


def test_bad_parameters_are_the_cli_sentences(fixture_net):
    with pytest.raises(puentes.InputError) as e:
        fixture_net.communities(algorithm="nope")
    assert str(e.value) == cli_error("communities", "--input", str(FIXTURE), "--algorithm", "nope")
    with pytest.raises(puentes.InputError) as e:
        fixture_net.suggest("nope")
    assert str(e.value) == cli_error("suggest", "nope", "--input", str(FIXTURE))
    with pytest.raises(puentes.InputError) as e:
        fixture_net.suggest("casa-quetzal-nuevo", goal="fast")
    assert str(e.value) == cli_error("suggest", "casa-quetzal-nuevo", "--input", str(FIXTURE), "--goal", "fast")
    with pytest.raises(puentes.InputError) as e:
        fixture_net.metrics(["degree", "brokers"])
    assert str(e.value) == cli_error("metrics", "--input", str(FIXTURE), "--metrics", "degree,brokers")
    with pytest.raises(puentes.InputError) as e:
        fixture_net.metrics(as_of=1800)
    assert str(e.value) == cli_error("metrics", "--input", str(FIXTURE), "--as-of", "1800").replace("--as-of", "as_of")
    with pytest.raises(puentes.InputError) as e:
        fixture_net.gaps(lang="fr")
    assert "fr" in str(e.value)


def test_spanish_errors(fixture_net):
    with pytest.raises(puentes.InputError) as e:
        fixture_net.suggest("nadie", lang="es")
    assert str(e.value) == 'no hay ninguna organización con id "nadie"' or "nadie" in str(e.value)


def test_what_if_refuses_unknown_organizations_and_strengths(fixture_net):
    with pytest.raises(puentes.InputError) as e:
        fixture_net.what_if([("casa-quetzal-nuevo", "nobody")])
    assert str(e.value) == 'ties[0]: target = "nobody": expected the id of an organization of the network'
    with pytest.raises(puentes.InputError) as e:
        fixture_net.what_if([("casa-quetzal-nuevo", "proyecto-brujula-lejano", 8)])
    assert str(e.value).startswith('ties[0]: strength = "8": expected')


def test_backtest_refuses_a_missing_dataset(tmp_path):
    with pytest.raises(puentes.InputError):
        puentes.backtest(tmp_path / "nothing", 2018, 3)
