"""The GIL is released while Rust computes: another Python thread runs meanwhile."""

import threading

import puentes
from conftest import dataset


def test_other_threads_run_during_a_computation():
    net = puentes.Network.read(dataset("ca-GrQc/CA-GrQc.txt"))
    done = threading.Event()
    result = {}

    def work():
        result["frame"] = net.metrics(["betweenness", "closeness", "eigenvector"])
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    spins = 0
    while not done.is_set():
        spins += 1
    worker.join()
    assert len(result["frame"]) == 5242
    # Held GIL: this loop would barely run until the computation ends (a few iterations per
    # 5 ms switch interval at most); released: it spins freely the whole time.
    assert spins > 100_000, spins
