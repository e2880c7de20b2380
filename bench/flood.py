#!/usr/bin/env python3
"""A bounded flood of distinct requests: bench/flood.py URL_TEMPLATE N [THREADS] [--pid PID].

Sends N GET requests (default 16 threads, keep-alive, loopback only) to URL_TEMPLATE with `{i}`
replaced by 0..N-1 (e.g. 'http://127.0.0.1:8080/api/v1/communities?seed={i}'), then prints the
status codes, the elapsed time and, with --pid, the server's resident memory (VmRSS and VmHWM
from /proc) before and after. Used for the analysis-cache bound (issue 11); standard library only.
"""
import http.client
import sys
import threading
import time
import urllib.parse


def rss(pid: int) -> str:
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            fields[k] = v.strip()
    return f"VmRSS {fields.get('VmRSS')}, VmHWM {fields.get('VmHWM')}"


def main() -> None:
    args = sys.argv[1:]
    pid = None
    if "--pid" in args:
        k = args.index("--pid")
        pid = int(args[k + 1])
        del args[k : k + 2]
    template, n = args[0], int(args[1])
    threads = int(args[2]) if len(args) > 2 else 16
    host = urllib.parse.urlsplit(template.replace("{i}", "0"))
    if host.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("flood.py only targets loopback")
    codes: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(n))

    def worker() -> None:
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            u = urllib.parse.urlsplit(template.replace("{i}", str(i)))
            try:
                conn.request("GET", u.path + "?" + u.query)
                r = conn.getresponse()
                r.read()
                status = r.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
                status = -1
            with lock:
                codes[status] = codes.get(status, 0) + 1

    if pid:
        print("before:", rss(pid))
    t0 = time.time()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    print(f"{n} requests in {time.time() - t0:.1f} s, status {codes}")
    if pid:
        print("after: ", rss(pid))


if __name__ == "__main__":
    main()
