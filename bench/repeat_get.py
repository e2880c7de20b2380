#!/usr/bin/env python3
"""Latency of one repeated request: bench/repeat_get.py URL [N] [--warm W].

Sends W warm-up requests (default 1, not counted), then N (default 50) sequential GETs of URL
over one keep-alive connection to a Puentes server on loopback, and prints p50, p99 and max
in milliseconds with the status codes seen. Used for the per-request cost of cached answers
(BENCHMARKS.md); standard library only.
"""
import http.client
import statistics
import sys
import time
import urllib.parse


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    warm = 1
    if "--warm" in sys.argv:
        warm = int(sys.argv[sys.argv.index("--warm") + 1])
        args = [a for a in args if a != str(warm)]
    url = urllib.parse.urlsplit(args[0])
    n = int(args[1]) if len(args) > 1 else 50
    path = url.path + ("?" + url.query if url.query else "")
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    times, codes = [], {}
    for i in range(warm + n):
        t0 = time.perf_counter()
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        dt = (time.perf_counter() - t0) * 1000
        if i >= warm:
            times.append(dt)
            codes[resp.status] = codes.get(resp.status, 0) + 1
    times.sort()
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    print(
        f"{args[0]}: n={n} p50={statistics.median(times):.2f} ms "
        f"p99={p99:.2f} ms max={times[-1]:.2f} ms status={codes}"
    )


if __name__ == "__main__":
    main()
