#!/usr/bin/env python3
"""Neo4j stopped and restarted while the service is under load (issue 15, item 5).

Starts `puentes serve --store neo4j` on the running test server of scripts/neo4j/start (the
fixture is imported first), drives it with GET requests from 8 threads (the route mix of
bench/load: organizations, metrics, gaps, map, suggestions), stops Neo4j (scripts/neo4j/stop)
after --before seconds, starts it again with `--keep` after --outage seconds, and goes on for
--after seconds once it is back. Then it asserts:

  * the service process never exits;
  * every answer is 200 or 503 (store unavailable, with Retry-After): never a 500, never a
    dropped connection;
  * once Neo4j is back, the service answers 200 again by itself (no restart of the service),
    within --recover seconds;
  * the network read after the restart is the one imported before it (same revision).

Prints one line per second (answers by status) and a summary; exits non-zero when an
assertion fails. Needs the release binary and a running test server:

    scripts/neo4j/start
    python3 bench/faults/neo4j_restart.py --puentes target/release/puentes

Not part of `.ci/run` (it stops the shared test server for several seconds); its last output
is quoted in BENCHMARKS.md.
"""
import argparse
import collections
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from local import ROOT, free_port, neo4j_env  # noqa: E402 (bench/local.py)

SCRIPTS = os.path.join(ROOT, "scripts", "neo4j")


def get(port, path, timeout=15):
    """(status, Retry-After, body) or ("transport", None, error text)."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        c.request("GET", path)
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, r.getheader("Retry-After"), body
    except (OSError, http.client.HTTPException) as e:
        return "transport", None, str(e).encode()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--puentes", default=os.path.join(ROOT, "target", "release", "puentes"))
    ap.add_argument("--before", type=float, default=8)
    ap.add_argument("--outage", type=float, default=6)
    ap.add_argument("--after", type=float, default=25)
    ap.add_argument("--recover", type=float, default=15)
    a = ap.parse_args()

    n = neo4j_env()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PUENTES_", "NEO4J_"))}
    env["NEO4J_PASSWORD"] = n["NEO4J_TEST_PASSWORD"]
    store = ["--store", "neo4j", "--neo4j-uri", n["NEO4J_TEST_URI"], "--neo4j-user", n["NEO4J_TEST_USER"]]
    subprocess.run([a.puentes, "import", os.path.join(ROOT, "fixtures", "hip"), "--mode", "replace", *store],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    log = open("/tmp/neo4j_restart_serve.log", "w")
    serve = subprocess.Popen([a.puentes, "serve", "--addr", f"127.0.0.1:{port}", *store],
                             env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while get(port, "/health")[0] != 200:
        if time.time() > deadline or serve.poll() is not None:
            sys.exit("the service did not start: see /tmp/neo4j_restart_serve.log")
        time.sleep(0.2)
    status, _, body = get(port, "/api/v1/organizations?limit=1000")
    assert status == 200, body
    ids = [o["id"] for o in json.loads(body)["items"]]
    revision_before = json.loads(get(port, "/ready")[2]).get("revision")
    routes = ["/api/v1/organizations", "/api/v1/metrics?limit=50", "/api/v1/gaps", "/api/v1/map"]

    answers = []  # (seconds since start, status, retry-after)
    lock = threading.Lock()
    start = time.time()
    done = threading.Event()

    def client(seed):
        rng = random.Random(seed)
        while not done.is_set():
            path = rng.choice(routes + [f"/api/v1/organizations/{rng.choice(ids)}/suggestions"])
            status, retry, _ = get(port, path)
            with lock:
                answers.append((time.time() - start, status, retry))
            time.sleep(0.02)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    time.sleep(a.before)
    stopped = time.time() - start
    subprocess.run([os.path.join(SCRIPTS, "stop")], check=True, stdout=subprocess.DEVNULL)
    time.sleep(a.outage)
    restarting = time.time() - start
    subprocess.run([os.path.join(SCRIPTS, "start"), "--keep"], check=True, stdout=subprocess.DEVNULL)
    back = time.time() - start
    # Load goes on for --after seconds once Neo4j is back (at least --recover + 5).
    time.sleep(max(a.after, a.recover + 5))
    done.set()
    for t in threads:
        t.join()
    alive = serve.poll() is None
    revision_after = json.loads(get(port, "/ready")[2]).get("revision")
    serve.terminate()
    serve.wait(30)

    per_second = collections.defaultdict(collections.Counter)
    for t, status, _ in answers:
        per_second[int(t)][status] += 1
    for s in sorted(per_second):
        print(f"t={s:3d}s  " + "  ".join(f"{k}: {v}" for k, v in sorted(per_second[s].items(), key=str)))
    counts = collections.Counter(status for _, status, _ in answers)
    print(f"stopped Neo4j at {stopped:.1f} s, started again at {restarting:.1f} s, ready at {back:.1f} s")
    print(f"answers: {dict(counts)}; service alive: {alive}; revision before {revision_before}, after {revision_after}")
    failures = []
    if not alive:
        failures.append("the service exited")
    bad = {k: v for k, v in counts.items() if k not in (200, 503)}
    if bad:
        failures.append(f"answers other than 200 and 503: {bad}")
    if any(status == 503 and not retry for _, status, retry in answers):
        failures.append("a 503 without Retry-After")
    late = [status for t, status, _ in answers if t > back + a.recover]
    if not late or any(status != 200 for status in late):
        failures.append(f"not all 200 from {a.recover} s after Neo4j was back: {collections.Counter(late)}")
    if revision_before != revision_after:
        failures.append(f"revision changed across the restart: {revision_before} -> {revision_after}")
    if failures:
        print("FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("OK: only 200 and 503 (with Retry-After) during the outage; all 200 again after it")


if __name__ == "__main__":
    main()
