#!/usr/bin/env python3
"""Issue 24's reproductions against a running `puentes serve` on loopback (standard library only).

    bench/faults/issue24.py slow-bodies --port P [--sockets 1030] [--sources 1] [--seconds 48]
    bench/faults/issue24.py stalled-exports --port P --pid PID [--clients 100] [--seconds 40]
    bench/faults/issue24.py greedy --port P [--seconds 20] [--greedy-threads 8]
    bench/faults/issue24.py what-ifs --port P [--clients 12] [--seconds 60] [--seed 1]

slow-bodies: SOCKETS connections (from 127.0.0.2 .. 127.0.0.(1+SOURCES), so that the /health
probes from 127.0.0.1 are another client) each send a what-if head with `Content-Length: 100`
and nothing more; meanwhile /health is asked PROBES times (5 s timeout each) from 127.0.0.1.
Prints how many slow sockets the server closed at once, how many probes were answered and how
fast, and what the slow sockets got in the end. With `--first-bytes N` each socket declares
N + 100 bytes and sends its first N at once, then nothing (a trickle that stalls).

stalled-exports: CLIENTS connections (spread over 10 source addresses) each ask for
`/api/v1/export?format=graphml` and never read; the server's VmRSS is sampled every second.
Prints the RSS before, its peak, at the end, and the connections the server holds each second
(`ss`), which fall when the send timeout drops the clients.

greedy: one client (127.0.0.2, GREEDY_THREADS keep-alive connections) asks
`/api/v1/organizations?limit=10` as fast as it can; another (127.0.0.1) asks the same ten times
a second. Prints the greedy client's status counts and the polite client's latencies.

what-ifs: CLIENTS clients (127.0.0.2 ..) each post what-ifs in a loop, every one a set of 3
ties between organizations drawn at random (seeded), never asked before; meanwhile another
client (127.0.0.1) asks one organization's suggestions twice a second, a different
organization each time (an answer not cached). Prints the what-if status counts and the
suggestions' statuses and latencies (p50, p99, max).
"""
import json
import random
import argparse
import http.client
import resource
import socket
import subprocess
import threading
import time


def server_connections(port: int) -> int:
    """Established TCP connections whose local port is `port` (the server's side), by `ss`."""
    out = subprocess.run(["ss", "-Htn", "state", "established", f"( sport = :{port} )"],
                         capture_output=True, text=True, check=False).stdout
    return sum(1 for line in out.splitlines() if line.strip())


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def connect_from(source: str, port: int, timeout: float = 5.0) -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


def health(port: int) -> float | None:
    """Seconds /health took, or None when it did not answer 200 within 5 s."""
    start = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/health")
        r = c.getresponse()
        r.read()
        c.close()
        return time.monotonic() - start if r.status == 200 else None
    except OSError:
        return None


def closed_by_server(s: socket.socket) -> bool:
    s.setblocking(False)
    try:
        data = s.recv(1)
        return data == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        s.setblocking(True)


def slow_bodies(a: argparse.Namespace) -> None:
    head = (
        b"POST /api/v1/what-if HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {a.first_bytes + 100}\r\n\r\n".encode()
        + b" " * a.first_bytes
    )
    socks, failed = [], 0
    for i in range(a.sockets):
        source = f"127.0.0.{2 + i % a.sources}"
        try:
            s = connect_from(source, a.port)
            s.sendall(head)
            socks.append(s)
        except OSError:
            failed += 1
    time.sleep(1.0)
    closed_at_once = sum(closed_by_server(s) for s in socks)
    print(f"slow sockets: {len(socks)} opened ({failed} failed to open) from {a.sources} "
          f"address(es); closed by the server within 1 s: {closed_at_once}")
    probes = []
    start = time.monotonic()
    for k in range(a.probes):
        t = health(a.port)
        probes.append(t)
        print(f"  /health at {time.monotonic() - start:5.1f} s: "
              + ("no answer in 5 s" if t is None else f"200 in {t * 1000:.1f} ms"), flush=True)
        next_at = start + (k + 1) * a.seconds / a.probes
        time.sleep(max(0.0, next_at - time.monotonic()))
    answered = [t for t in probes if t is not None]
    print(f"/health answered {len(answered)} of {len(probes)} probes"
          + (f", slowest {max(answered) * 1000:.1f} ms" if answered else ""))
    # What the slow sockets got: an answer (408 after the body deadline) or a close.
    statuses: dict[str, int] = {}
    for s in socks:
        s.settimeout(0.2)
        try:
            data = s.recv(64)
            key = data.split(b" ")[1].decode() if data.startswith(b"HTTP/") else (
                "closed" if data == b"" else "other")
        except socket.timeout:
            key = "still open"
        except OSError:
            key = "reset"
        statuses[key] = statuses.get(key, 0) + 1
        s.close()
    print(f"slow sockets at the end: {dict(sorted(statuses.items()))}")


def stalled_exports(a: argparse.Namespace) -> None:
    before = rss_kib(a.pid)
    socks = []
    request = (b"GET /api/v1/export?format=graphml HTTP/1.1\r\nHost: x\r\n\r\n")
    for i in range(a.clients):
        s = connect_from(f"127.0.0.{2 + i % 10}", a.port)
        # A small receive buffer: the client holds little; the server's writes stall.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(request)
        socks.append(s)
    peak, start = before, time.monotonic()
    samples, held = [], []
    while time.monotonic() - start < a.seconds:
        time.sleep(1.0)
        now = rss_kib(a.pid)
        peak = max(peak, now)
        samples.append(now)
        held.append(server_connections(a.port))
    end = rss_kib(a.pid)
    mib = lambda k: f"{k / 1024:,.0f} MiB"
    print(f"{a.clients} clients that never read /api/v1/export?format=graphml for {a.seconds} s")
    print(f"server VmRSS before {mib(before)}, peak {mib(peak)} (+{mib(peak - before)}), "
          f"at the end {mib(end)}")
    print("VmRSS each second (MiB): " + " ".join(f"{k / 1024:.0f}" for k in samples))
    print("connections the server holds each second: " + " ".join(map(str, held)))
    for s in socks:
        s.close()


def greedy(a: argparse.Namespace) -> None:
    stop = time.monotonic() + a.seconds
    counts: dict[int, int] = {}
    lock = threading.Lock()
    path = "/api/v1/organizations?limit=10"

    def hog() -> None:
        c = None
        while time.monotonic() < stop:
            try:
                if c is None:
                    c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5,
                                                   source_address=("127.0.0.2", 0))
                c.request("GET", path)
                r = c.getresponse()
                r.read()
                with lock:
                    counts[r.status] = counts.get(r.status, 0) + 1
            except OSError:
                c = None
                with lock:
                    counts[0] = counts.get(0, 0) + 1

    threads = [threading.Thread(target=hog) for _ in range(a.greedy_threads)]
    for t in threads:
        t.start()
    latencies, polite = [], {}
    c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5)
    while time.monotonic() < stop:
        t0 = time.monotonic()
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        latencies.append(time.monotonic() - t0)
        polite[r.status] = polite.get(r.status, 0) + 1
        time.sleep(max(0.0, 0.1 - (time.monotonic() - t0)))
    for t in threads:
        t.join()
    latencies.sort()
    q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
    retry = ""
    try:
        h = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5,
                                       source_address=("127.0.0.2", 0))
        for _ in range(200):
            h.request("GET", path)
            r = h.getresponse()
            r.read()
            if r.status == 429:
                retry = f"; a 429 carries Retry-After: {r.getheader('Retry-After')}"
                break
    except OSError:
        pass
    print(f"greedy client ({a.greedy_threads} connections, {a.seconds} s): "
          f"{dict(sorted(counts.items()))}{retry}")
    print(f"polite client: {len(latencies)} requests {dict(sorted(polite.items()))}, "
          f"p50 {q(0.5):.2f} ms, p99 {q(0.99):.2f} ms, max {latencies[-1] * 1000:.2f} ms")


def quantile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def what_ifs(a: argparse.Namespace) -> None:
    c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=120)
    ids: list[str] = []
    for offset in range(0, 5000, 1000):
        c.request("GET", f"/api/v1/organizations?limit=1000&offset={offset}")
        r = c.getresponse()
        body = json.loads(r.read())
        ids += [o["id"] for o in body["items"]]
    rng = random.Random(a.seed)
    t0 = time.monotonic()
    c.request("GET", f"/api/v1/organizations/{ids[0]}/suggestions")
    r = c.getresponse()
    r.read()
    print(f"{len(ids)} organizations to draw from; first suggestions (the revision's index): "
          f"{r.status} in {time.monotonic() - t0:.2f} s", flush=True)
    stop = time.monotonic() + a.seconds
    counts: dict[int, int] = {}
    lock = threading.Lock()

    def loop(k: int) -> None:
        mine = random.Random(a.seed * 1000 + k)
        h = None
        while time.monotonic() < stop:
            ties = [{"source": mine.choice(ids), "target": mine.choice(ids), "strength": 2}
                    for _ in range(3)]
            ties = [t for t in ties if t["source"] != t["target"]]
            try:
                if h is None:
                    h = http.client.HTTPConnection("127.0.0.1", a.port, timeout=120,
                                                   source_address=(f"127.0.0.{2 + k}", 0))
                h.request("POST", "/api/v1/what-if", body=json.dumps({"ties": ties}),
                          headers={"Content-Type": "application/json"})
                r = h.getresponse()
                r.read()
                status = r.status
                if status in (429, 503):
                    time.sleep(float(r.getheader("Retry-After") or 1))
            except OSError:
                h, status = None, 0
            with lock:
                counts[status] = counts.get(status, 0) + 1

    threads = [threading.Thread(target=loop, args=(k,)) for k in range(a.clients)]
    for t in threads:
        t.start()
    time.sleep(2.0)
    latencies, statuses = [], {}
    asked = set([ids[0]])
    while time.monotonic() < stop:
        t0 = time.monotonic()
        org = rng.choice([i for i in ids[:2000] if i not in asked] or ids)
        asked.add(org)
        try:
            c.request("GET", f"/api/v1/organizations/{org}/suggestions")
            r = c.getresponse()
            r.read()
            status = r.status
        except OSError:
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=120)
            status = 0
        latencies.append(time.monotonic() - t0)
        statuses[status] = statuses.get(status, 0) + 1
        time.sleep(max(0.0, 0.5 - (time.monotonic() - t0)))
    for t in threads:
        t.join()
    print(f"what-ifs ({a.clients} clients, {a.seconds:.0f} s): {dict(sorted(counts.items()))}")
    print(f"suggestions, a new organization each time: {len(latencies)} asked "
          f"{dict(sorted(statuses.items()))}, p50 {quantile(latencies, 0.5) * 1000:.1f} ms, "
          f"p99 {quantile(latencies, 0.99) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["slow-bodies", "stalled-exports", "greedy", "what-ifs"])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int)
    p.add_argument("--sockets", type=int, default=1030)
    p.add_argument("--sources", type=int, default=1)
    p.add_argument("--probes", type=int, default=8)
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--seconds", type=float, default=48)
    p.add_argument("--greedy-threads", type=int, default=8)
    p.add_argument("--first-bytes", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    {"slow-bodies": slow_bodies, "stalled-exports": stalled_exports, "greedy": greedy,
     "what-ifs": what_ifs}[a.what](a)


if __name__ == "__main__":
    main()
