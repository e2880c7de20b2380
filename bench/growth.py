#!/usr/bin/env python3
"""How the cost of each analysis grows with the size of the network (issue 13, item 4).

Runs what a researcher runs, the `puentes` command end to end (read the file, build, analyse,
write the answer), on networks from 120 to 5 million ties, under `/usr/bin/time -v`, and
prints a Markdown table of wall time and peak memory with the fitted growth exponent: the
slope b of log(time) = a + b·log(ties) by least squares over the networks of at least
100,000 ties where the command finished (b = 1: linear in the ties; b = 2: quadratic). The
fixture takes no part in the fit: at 238 ties the process start dominates.

    python3 bench/growth.py --puentes target/release/puentes [--timeout 900] [--only NAME,...]

Networks (read in place from ../shared/datasets, never copied into the repository):
  fixture     fixtures/hip (synthetic, 120 organizations)
  ca-HepPh    SNAP ca-HepPh: the 118,521 edge lines after its header line (the per-node values
              after them are not edges), written to a temporary file
  cordis      cordis-h2020-2014-2019 (the dated dataset directory, as `import` reads it)
  slashdot    SNAP soc-Slashdot0902.txt.gz
  synthetic-1m  `puentes generate --nodes 200000 --ties-per-node 5 --seed 42` (999,985 ties)
  synthetic-5m  `puentes generate --nodes 1000000 --ties-per-node 5 --seed 42` (4,999,985 ties),
              each generated into a temporary directory first (its own time is reported too)

A command that runs longer than --timeout seconds is stopped and reported as "> timeout"; it
takes no part in the fit. analytics (which computes every metric first) and suggest (which
computes the gap analysis first) are not run where metrics or gaps timed out. Timings depend on the machine and on what else runs on it: report
the load average with the table (printed at the start and the end).
"""
import argparse
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "datasets")

# (name, command arguments after `puentes`, with {input} and {org})
COMMANDS = [
    ("metrics", ["metrics", "--input", "{input}", "--format", "csv"]),
    ("gaps", ["gaps", "--input", "{input}", "--format", "json"]),
    ("communities", ["communities", "--input", "{input}"]),
    ("summary", ["summary", "--input", "{input}"]),
    ("analytics", ["analytics", "--input", "{input}", "--format", "json"]),
    ("suggest", ["suggest", "{org}", "--input", "{input}", "--format", "json"]),
]

# Commands that compute another one first (analytics: every metric; suggest: the gap
# analysis, whose communities the suggestion index uses): not run when that one timed out.
NEEDS = {"analytics": "metrics", "suggest": "gaps"}


def networks(tmp, puentes, timeout):
    """(name, input path, an organization id, ties) for each network, preparing the files."""
    hepph = os.path.join(tmp, "ca-hepph.txt")
    with open(os.path.join(DATA, "ca-HepPh", "CA-HepPh.txt")) as src, open(hepph, "w") as dst:
        lines = src.readlines()
        dst.writelines(lines[1:118522])
    synthetic = os.path.join(tmp, "synthetic-5m.txt.gz")
    synthetic1 = os.path.join(tmp, "synthetic-1m.txt.gz")
    return [
        ("fixture", os.path.join(ROOT, "fixtures", "hip"), None, 238),
        ("ca-HepPh", hepph, "17010", 118_489),
        ("cordis", os.path.join(DATA, "cordis-h2020-2014-2019"), None, 654_956),
        ("slashdot", os.path.join(DATA, "soc-Slashdot0902", "soc-Slashdot0902.txt.gz"), "0", 504_230),
        ("synthetic-1m", synthetic1, "0", 999_985,
         ["generate", "--nodes", "200000", "--ties-per-node", "5", "--seed", "42",
          "--out", synthetic1]),
        ("synthetic-5m", synthetic, "0", 4_999_985,
         ["generate", "--nodes", "1000000", "--ties-per-node", "5", "--seed", "42",
          "--out", synthetic]),
    ]


def first_org(puentes, path):
    """The first organization of a network (for `suggest`), from the CSV export's first row."""
    out = subprocess.run([puentes, "metrics", "--input", path, "--metrics", "degree",
                          "--format", "csv"],
                         capture_output=True, text=True, check=True).stdout
    row = out.splitlines()[1]
    return row.split(",")[0]


def timed(puentes, args, timeout):
    """(wall seconds, peak RSS MiB) of one run, or (None, None) when stopped by the timeout."""
    started = time.monotonic()
    # Its own process group, so that a timeout stops puentes too, not only /usr/bin/time.
    run = subprocess.Popen(["/usr/bin/time", "-v", puentes, *args], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, stderr = run.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        return None, None
    wall = time.monotonic() - started
    if run.returncode != 0:
        sys.exit(f"puentes {' '.join(args)} failed:\n{stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr).group(1))
    return wall, rss / 1024


def slope(points):
    """Least-squares slope of log(y) on log(x)."""
    if len(points) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--puentes", default=os.path.join(ROOT, "target", "release", "puentes"))
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--only", help="comma-separated network names")
    a = ap.parse_args()
    only = set(a.only.split(",")) if a.only else None
    print(f"load average at start: {os.getloadavg()}", flush=True)
    results = {}  # (network, command) -> (wall, rss)
    with tempfile.TemporaryDirectory() as tmp:
        chosen = [n for n in networks(tmp, a.puentes, a.timeout) if not only or n[0] in only]
        for net in chosen:
            name, path, org, ties = net[:4]
            if len(net) > 4:
                wall, rss = timed(a.puentes, net[4], a.timeout)
                results[(name, "generate")] = (wall, rss)
                print(f"{name} generate: {wall} s, {rss} MiB", flush=True)
            org = org or first_org(a.puentes, path)
            for command, args in COMMANDS:
                needs = NEEDS.get(command)
                if needs and results.get((name, needs), (1, 1))[0] is None:
                    # It runs `needs` first, which did not finish: not run.
                    results[(name, command)] = ("skipped", needs)
                    print(f"{name} {command}: not run ({needs} took longer than the timeout)", flush=True)
                    continue
                argv = [x.format(input=path, org=org) for x in args]
                wall, rss = timed(a.puentes, argv, a.timeout)
                results[(name, command)] = (wall, rss)
                print(f"{name} {command}: {wall} s, {rss} MiB", flush=True)
    print(f"load average at end: {os.getloadavg()}\n")
    names = [n[0] for n in chosen]
    ties = {n[0]: n[3] for n in chosen}
    print("| command | " + " | ".join(f"{n} ({ties[n]:,} ties)" for n in names) + " | exponent |")
    print("|---|" + "---:|" * len(names) + "---:|")
    for command, _ in COMMANDS:
        cells, points = [], []
        for n in names:
            wall, rss = results.get((n, command), (None, None))
            if wall == "skipped":
                cells.append(f"not run (computes {rss} first)")
            elif wall is None:
                cells.append(f"> {a.timeout:.0f} s")
            else:
                cells.append(f"{wall:.2f} s, {rss:.0f} MiB")
                if ties[n] >= 100_000:
                    points.append((ties[n], max(wall, 1e-3)))
        b = slope(points)
        print(f"| {command} | " + " | ".join(cells) + f" | {'' if b is None else f'{b:.2f}'} |")


if __name__ == "__main__":
    main()
