"""Shared paths and helpers of the puentes package's tests.

The tests run on the installed package (``pip install ./python``) and compare it with
NetworkX, with the reference values NetworkX 3.4.2 wrote to ``tests/reference`` and with the
``puentes`` binary itself. Paths:

* ``PUENTES_DATASETS``: the real networks (default ``../shared/datasets`` beside the repo);
* ``PUENTES_BIN``: the CLI (default ``$CARGO_TARGET_DIR/debug/puentes``, else
  ``target/debug/puentes``; ``scripts/test`` builds it).

A missing dataset or binary fails the tests that need it: nothing passes by being skipped.
"""

import json
import math
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATASETS = Path(os.environ.get("PUENTES_DATASETS", REPO.parent / "shared" / "datasets"))
FIXTURE = REPO / "fixtures" / "hip"
REFERENCE = REPO / "tests" / "reference"


def _binary() -> Path:
    if os.environ.get("PUENTES_BIN"):
        return Path(os.environ["PUENTES_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "debug" / "puentes"


BIN = _binary()


def dataset(relative: str) -> Path:
    path = DATASETS / relative
    assert path.exists(), f"{path} is missing: put shared/datasets beside the repository"
    return path


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Runs the puentes binary; its standard output and error as text."""
    assert BIN.exists(), f"{BIN} is missing: cargo build -p puentes (or set PUENTES_BIN)"
    env = dict(os.environ, PUENTES_LANG="en", RUST_LOG="off")
    done = subprocess.run(
        [str(BIN), *args], capture_output=True, text=True, env=env, cwd=REPO
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def cli_json(*args: str):
    return json.loads(cli(*args).stdout)


def read_pairs(path: Path):
    """Whitespace-separated integer pairs; '#' comments and blank lines skipped (CRLF-safe)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("%"):
            continue
        a, b = line.split()[:2]
        pairs.append((int(a), int(b)))
    return pairs


def node_count(path: Path) -> int:
    """Nodes in a `.nodes` file: its non-blank lines minus the header."""
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()) - 1


def assert_close(ours, theirs, tol=1e-9, what=""):
    """Every key of `theirs` within tol · max(1, |value|) of `ours`."""
    assert set(ours) == set(theirs), f"{what}: different nodes"
    worst = max(
        (abs(ours[k] - theirs[k]) / max(1.0, abs(theirs[k])) for k in theirs), default=0.0
    )
    assert worst <= tol, f"{what}: largest relative difference {worst:.3e} > {tol:.0e}"


@pytest.fixture(scope="session")
def fixture_net():
    import puentes

    return puentes.Network.read(FIXTURE)


def isclose(a, b, tol=1e-12):
    if a is None or b is None:
        return a is b
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return abs(a - b) <= tol * max(1.0, abs(b))
