#!/usr/bin/env python3
"""The service on a large network, end to end (issue 13, item 6).

For each store of --stores (embedded, neo4j: the running test server of
scripts/neo4j/start), imports the network with `puentes import --mode replace` (timed), starts
`puentes serve`, and measures what a user meets:

  * the first `GET /api/v1/metrics` after start (the revision's snapshot, the network and
    every metric column computed then), and the first `GET /api/v1/gaps` and `/api/v1/map`;
  * cached reads: N sequential GETs over one keep-alive connection of each of
    organizations?limit=50, metrics?limit=50, gaps?limit=20, summary and map (overview),
    with p50, p99 and max in milliseconds;
  * the server's peak resident memory (VmHWM from /proc) after all of it.

    python3 bench/service_scale.py --puentes target/release/puentes \\
        --input ../shared/datasets/soc-Slashdot0902/soc-Slashdot0902.txt.gz [--stores embedded,neo4j] [-n 1000]

Prints one Markdown table per store. Standard library only.
"""
import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import time

from local import ROOT, free_port, neo4j_env  # bench/local.py

CACHED = ["/api/v1/organizations?limit=50", "/api/v1/metrics?limit=50", "/api/v1/gaps?limit=20",
          "/api/v1/summary", "/api/v1/map"]


def timed_get(conn, path):
    t0 = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    return r.status, (time.perf_counter() - t0) * 1000


def percentile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def run(a, store_name, store_args, env):
    started = time.monotonic()
    imp = subprocess.run(["/usr/bin/time", "-f", "%M", a.puentes, "import", a.input, "--mode", "replace",
                          *store_args], env=env, capture_output=True, text=True)
    if imp.returncode != 0:
        sys.exit(f"import failed: {imp.stderr[-2000:]}")
    import_s = time.monotonic() - started
    import_rss = int(imp.stderr.strip().splitlines()[-1]) / 1024
    port = free_port()
    log = open(f"/tmp/service_scale_{store_name}.log", "w")
    # One load generator on one address: the per-client limits would measure themselves.
    serve = subprocess.Popen([a.puentes, "serve", "--addr", f"127.0.0.1:{port}", *store_args,
                              "--client-rate", "0", "--max-connections-per-client", "0"],
                             env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 120
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or serve.poll() is not None:
                sys.exit(f"serve did not start: see /tmp/service_scale_{store_name}.log")
            time.sleep(0.2)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        rows = []
        for path in ["/api/v1/metrics", "/api/v1/gaps", "/api/v1/map"]:
            status, ms = timed_get(conn, path)
            rows.append((f"first {path}", status, ms))
        cached = {}
        for path in CACHED:
            timed_get(conn, path)  # warm
            times, statuses = [], set()
            for _ in range(a.n):
                status, ms = timed_get(conn, path)
                times.append(ms)
                statuses.add(status)
            cached[path] = (statuses, times)
        with open(f"/proc/{serve.pid}/status") as f:
            hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
    finally:
        serve.terminate()
        serve.wait(60)
    print(f"\n### {store_name}: import {import_s:.1f} s (peak RSS {import_rss:.0f} MiB), "
          f"server peak RSS {hwm:.0f} MiB, load average {os.getloadavg()}\n")
    print("| request | status | ms |")
    print("|---|---|---:|")
    for name, status, ms in rows:
        print(f"| {name} | {status} | {ms:.0f} |")
    print(f"\n| cached read ({a.n} sequential GETs) | status | p50 ms | p99 ms | max ms |")
    print("|---|---|---:|---:|---:|")
    for path, (statuses, times) in cached.items():
        print(f"| {path} | {','.join(map(str, sorted(statuses)))} | {percentile(times, 0.5):.2f} | "
              f"{percentile(times, 0.99):.2f} | {max(times):.2f} |")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--puentes", default=os.path.join(ROOT, "target", "release", "puentes"))
    ap.add_argument("--input", required=True)
    ap.add_argument("--stores", default="embedded", help="comma-separated: embedded, neo4j")
    ap.add_argument("-n", type=int, default=1000)
    a = ap.parse_args()
    a.input = os.path.abspath(a.input)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PUENTES_", "NEO4J_"))}
    print(f"input {a.input}; load average at start {os.getloadavg()}")
    stores = a.stores.split(",")
    if "embedded" in stores:
        with tempfile.TemporaryDirectory() as data:
            run(a, "embedded", ["--data-dir", data], env)
    if "neo4j" in stores:
        n = neo4j_env()
        env["NEO4J_PASSWORD"] = n["NEO4J_TEST_PASSWORD"]
        run(a, "neo4j", ["--store", "neo4j", "--neo4j-uri", n["NEO4J_TEST_URI"],
                         "--neo4j-user", n["NEO4J_TEST_USER"]], env)


if __name__ == "__main__":
    main()
