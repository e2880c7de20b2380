#!/usr/bin/env python3
"""The body of bench/run: build, run Puentes (criterion + fresh processes) and the peers,
print the tables. See bench/run and BENCHMARKS.md for what each number means."""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TARGET = os.environ.get(
    "CARGO_TARGET_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "bench")
)
PY = os.path.join(HERE, ".venv", "bin", "python")
PEERS = os.path.join(HERE, "peers.py")
BENCH_BIN = os.path.join(TARGET, "release", "puentes-bench")
PUENTES_BIN = os.path.join(TARGET, "release", "puentes")
DATA = os.path.join(TARGET, "bench-data")
DATASETS = os.environ.get("PUENTES_DATASETS", os.path.join(ROOT, "..", "shared", "datasets"))
SLASHDOT_GZ = os.path.join(DATASETS, "soc-Slashdot0902", "soc-Slashdot0902.txt.gz")

# (task, graph, benchmark file, peers to run, target: (which peers, factor))
TASKS = [
    ("betweenness_exact", "grqc-lcc", "centrality", ["igraph", "rustworkx", "networkx"], (["igraph", "rustworkx"], 0.25)),
    ("closeness", "grqc-lcc", "centrality", ["igraph", "rustworkx", "networkx"], (None, 1.0)),
    # rustworkx's closeness_centrality did not finish on Slashdot within 900 s (BENCHMARKS.md).
    ("closeness_all", "slashdot-lcc", "centrality", ["igraph", "networkx"], (None, 1.0)),
    ("harmonic_all", "slashdot-lcc", "centrality", ["igraph", "networkx"], (None, 1.0)),
    ("pagerank", "slashdot-lcc", "centrality", ["igraph", "rustworkx", "networkx"], (["igraph"], 0.5)),
    ("eigenvector", "slashdot-lcc", "centrality", ["igraph", "networkx"], (None, 1.0)),
    ("kcore", "slashdot-lcc", "centrality", ["igraph", "rustworkx", "networkx"], (None, 1.0)),
    ("clustering", "slashdot-lcc", "centrality", ["igraph", "networkx"], (None, 1.0)),
    ("betweenness_sampled", "slashdot-lcc", "centrality", ["igraph"], (None, 1.0)),
    ("louvain", "slashdot-lcc", "community", ["igraph", "networkx"], (None, 1.0)),
    ("leiden", "slashdot-lcc", "community", ["igraph"], (None, 1.0)),
    ("constraint", "slashdot-lcc", "community", ["igraph"], (None, 1.0)),
]

PARAMS = {
    "betweenness_exact": "unweighted, all sources, normalized",
    "closeness": "unweighted (Wasserman-Faust; graph connected)",
    "closeness_all": "exact, every node (all-pairs BFS); every value compared with igraph",
    "harmonic_all": "exact, every node; every value compared with igraph (normalized by n-1)",
    "pagerank": "alpha 0.85 at equal accuracy: Puentes residual ≤ 1e-12 (conjugate gradients); igraph PRPACK; rustworkx, NetworkX L1 change < n*1e-15",
    "eigenvector": "Puentes estimated error ≤ 1e-12; igraph ARPACK; NetworkX L1 change < n*1e-15",
    "kcore": "core numbers",
    "clustering": "local clustering coefficient of every node",
    "betweenness_sampled": "500 sources (Brandes-Pich), unweighted",
    "louvain": "resolution 1",
    "leiden": "modularity, resolution 1; Puentes until stable (≤10 it.), igraph n_iterations=2",
    "constraint": "Burt constraint, unweighted",
}

THREADS = {
    # What each tool uses on this 2-core machine for these calls.
    ("puentes", "*"): "2 (rayon)",
    ("igraph", "*"): "1",
    ("networkx", "*"): "1",
    ("rustworkx", "betweenness_exact"): "2 (rayon)",
    ("rustworkx", "closeness"): "2 (rayon)",
    ("rustworkx", "*"): "1",
}

SINGLE_THREADED_PUENTES = {"kcore", "louvain", "leiden"}

# Tasks whose every per-node value is compared with each peer (puentes-bench --values,
# peers.py --compare).
COMPARED = {"closeness_all", "harmonic_all", "pagerank", "eigenvector"}


def threads(tool, task):
    if tool == "puentes" and task in SINGLE_THREADED_PUENTES:
        return "1"
    return THREADS.get((tool, task)) or THREADS[(tool, "*")]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    log("$ " + " ".join(cmd))
    return subprocess.run(cmd, check=True, **kw)


def load_avg():
    return open("/proc/loadavg").read().split()[:3]


def machine():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "rustc": rustc,
        "python": platform.python_version(),
    }


def json_line(out):
    for line in reversed(out.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON in output:\n" + out)


def criterion_median(group, name):
    path = os.path.join(TARGET, "criterion", group, name, "new", "estimates.json")
    with open(path) as f:
        est = json.load(f)
    return est["median"]["point_estimate"] / 1e9


def run_json(cmd, timeout):
    log("$ " + " ".join(cmd))
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout}s"}
    if r.returncode != 0:
        return {"error": r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit {r.returncode}"}
    return json_line(r.stdout)


def fmt_s(t):
    if t is None:
        return "–"
    if t >= 10:
        return f"{t:.1f} s"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.1f} ms"
    return f"{t * 1e6:.0f} µs"


def fmt_mib(kib):
    return "–" if not kib else f"{kib / 1024:.0f} MiB"


def fmt_val(v):
    if v is None:
        return "–"
    return f"{v:.6g}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--only", help="comma-separated parts: import,centrality,community")
    ap.add_argument("--reuse-criterion", default="", metavar="BENCHES",
                    help="comma-separated criterion benches (import,centrality,community) not to "
                         "run again: their medians are read from the last criterion run")
    ap.add_argument("--render", metavar="JSON", help="only print the tables of a saved bench-report.json")
    args = ap.parse_args()
    if args.render:
        print(render(json.load(open(args.render))))
        return
    parts = set((args.only or "import,centrality,community").split(","))
    quick = args.quick
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    if quick:
        env["PUENTES_BENCH_QUICK"] = "1"

    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_start = load_avg()
    if not args.skip_build:
        sh(["cargo", "build", "--release", "-p", "puentes", "-p", "puentes-bench"], cwd=ROOT, env=env)
        if not quick:
            sh(["cargo", "bench", "-p", "puentes-bench", "--no-run"], cwd=ROOT, env=env)
    sh([BENCH_BIN, "prepare", DATA], stdout=subprocess.DEVNULL)
    graphs = json.load(open(os.path.join(DATA, "graphs.json")))
    versions = json.loads(subprocess.run([PY, PEERS, "versions"], capture_output=True, text=True, check=True).stdout)

    peer_reps = 1 if quick else 3
    peer_budget = 5.0 if quick else 30.0
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    report = {"commit": commit, "machine": machine(), "versions": versions, "graphs": graphs, "quick": quick, "started": started}

    # ---- Rust: criterion medians -------------------------------------------------------
    # Criterion writes under $CRITERION_HOME; with --skip-build the bench executables already
    # built are run directly (no rebuild when someone else's files changed meanwhile).
    env["CRITERION_HOME"] = os.path.join(TARGET, "criterion")
    bench_log = os.path.join(TARGET, "bench-criterion.log")
    with open(bench_log, "a" if args.reuse_criterion else "w") as logf:
        for bench in ("import", "centrality", "community"):
            if quick or bench not in parts or bench in args.reuse_criterion.split(","):
                continue
            if args.skip_build:
                deps = os.path.join(TARGET, "release", "deps")
                exes = [os.path.join(deps, f) for f in os.listdir(deps)
                        if f.startswith(bench + "-") and "." not in f]
                exe = max(exes, key=os.path.getmtime)
                sh([exe, "--bench"], cwd=HERE, env=env, stdout=logf, stderr=subprocess.STDOUT)
            else:
                sh(["cargo", "bench", "-p", "puentes-bench", "--bench", bench], cwd=ROOT, env=env,
                   stdout=logf, stderr=subprocess.STDOUT)

    # ---- Import -----------------------------------------------------------------------
    if "import" in parts:
        imp = {}
        imp["inproc"] = run_json([BENCH_BIN, "import"], 600)
        if quick:  # one in-process run instead of criterion
            p_, w_ = imp["inproc"]["parse_validate"][0], imp["inproc"]["write"][0]
            imp["criterion"] = {"parse_validate": p_, "write": w_, "total": p_ + w_}
        else:
            imp["criterion"] = {k: criterion_median("import", k) for k in ("parse_validate", "write", "total")}
        with tempfile.TemporaryDirectory() as d:
            cmd = ["/usr/bin/time", "-v", PUENTES_BIN, "import", "--mode", "replace", "--data-dir", d, SLASHDOT_GZ]
            log("$ " + " ".join(cmd))
            r = subprocess.run(cmd, capture_output=True, text=True)
            rss = None
            wall = None
            for line in r.stderr.splitlines():
                if "Maximum resident set size" in line:
                    rss = int(line.split(":")[1])
                if "Elapsed (wall clock) time" in line:
                    v = line.split("):", 1)[1].strip().split(":")
                    wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(v)))
            imp["cli"] = {"rss_kib": rss, "wall": wall, "stdout": r.stdout.strip(), "rc": r.returncode}
        imp["peers"] = {}
        for tool in ("igraph", "rustworkx", "networkx"):
            imp["peers"][tool] = run_json(
                [PY, PEERS, "import", tool, "--data", DATA, "--gz", SLASHDOT_GZ,
                 "--max-reps", str(peer_reps), "--budget", str(peer_budget)], 900)
        report["import"] = imp
        save(report)

    # ---- Analysis tasks ---------------------------------------------------------------
    rows = []
    for task, graph, bench, peers, target in TASKS:
        if bench not in parts:
            continue
        row = {"task": task, "graph": graph, "target": target}
        values = os.path.join(DATA, f"{task}.puentes-values.json")
        compare = ["--values", values] if task in COMPARED else []
        row["puentes"] = run_json([BENCH_BIN, "task", task] + compare, 900)
        if compare:
            compare = ["--compare", values]
        if quick:  # one run in a fresh process instead of criterion
            row["puentes_time"] = row["puentes"]["times"][0]
        else:
            row["puentes_time"] = criterion_median(graph, task)
        row["peers"] = {}
        for tool in peers:
            if quick and (tool == "networkx" or task == "betweenness_sampled"):
                row["peers"][tool] = {"skipped": "quick mode"}
                continue
            res = run_json([PY, PEERS, task, tool, "--data", DATA,
                            "--max-reps", str(peer_reps), "--budget", str(peer_budget)] + compare,
                           300 if tool == "networkx" else 900)
            row["peers"][tool] = res
            save(report)
        rows.append(row)
        report["tasks"] = rows
        save(report)
    report["tasks"] = rows
    report.pop("partial", None)
    report["load_end"] = load_avg()
    report["load_start"] = load_start
    report["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())

    with open(os.path.join(TARGET, "bench-report.json"), "w") as f:
        json.dump(report, f, indent=1)
    text = render(report)
    print(text)
    with open(os.path.join(TARGET, "bench-report.md"), "w") as f:
        f.write(text)
    log(f"written {TARGET}/bench-report.md and bench-report.json; criterion log {bench_log}")


def save(report):
    """Saves what has been measured so far (bench-report.partial.json)."""
    with open(os.path.join(TARGET, "bench-report.partial.json"), "w") as f:
        json.dump(dict(report, partial=True), f, indent=1)


def median_time(res):
    if not res or "times" not in res:
        return None
    return statistics.median(res["times"])


def render(rep):
    out = []
    m = rep["machine"]
    if rep["quick"]:
        out.append("QUICK MODE: Puentes times are ONE run of `puentes-bench task` (no criterion), peers one run; "
                   "NetworkX and igraph's sampled betweenness are skipped. Do not quote these numbers.")
    out.append(f"Commit {rep.get('commit', '?')}; run {rep['started']} → {rep.get('finished', '(partial)')}{' (QUICK: sanity check only)' if rep['quick'] else ''}")
    out.append(f"Machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM, Linux {m['kernel']}; {m['rustc']}; Python {m['python']}")
    v = rep["versions"]
    out.append(f"Peers: python-igraph (igraph) {v['igraph']}, rustworkx {v['rustworkx']}, networkx {v['networkx']}")
    out.append(f"Load average (1/5/15 min) at start {' '.join(rep.get('load_start', ['?']))}, at end {' '.join(rep.get('load_end', ['?']))}")
    g = rep["graphs"]
    out.append(
        f"Graphs: grqc-lcc n={g['grqc-lcc']['n']} m={g['grqc-lcc']['m']}; "
        f"slashdot-lcc n={g['slashdot-lcc']['n']} m={g['slashdot-lcc']['m']}"
    )
    out.append("")
    if "import" in rep:
        imp = rep["import"]
        c = imp["criterion"]
        ties = imp["inproc"].get("ties")
        orgs = imp["inproc"].get("organizations")
        out.append(f"## Import: soc-Slashdot0902.txt.gz → {orgs} organizations, {ties} ties")
        out.append("")
        out.append("| step | Puentes median | ties/s |")
        out.append("|---|---:|---:|")
        for k, label in (("parse_validate", "parse + validate (read_path → finish)"),
                         ("write", "persisted write (MemoryStore::open → apply(replace))"),
                         ("total", "total")):
            out.append(f"| {label} | {fmt_s(c[k])} | {ties / c[k]:,.0f} |" if ties else f"| {label} | {fmt_s(c[k])} | – |")
        cli = imp["cli"]
        out.append("")
        out.append(
            f"`puentes import --mode replace` (release binary, one run, /usr/bin/time -v): "
            f"wall {fmt_s(cli['wall'])}, max RSS {fmt_mib(cli['rss_kib'])}, exit {cli['rc']}; "
            f"in-process pipeline peak (VmHWM) {fmt_mib(imp['inproc'].get('hwm_kib'))}."
        )
        out.append("")
        out.append("Peers, in-memory load only (no validation, nothing persisted):")
        out.append("")
        out.append("| tool | what | median | nodes | edges | peak RSS | Puentes total / peer |")
        out.append("|---|---|---:|---:|---:|---:|---:|")
        for tool, r in imp["peers"].items():
            if "error" in r:
                out.append(f"| {tool} | error: {r['error']} | | | | | |")
                continue
            t = median_time(r)
            out.append(f"| {tool} {r['version']} | {r['what']} | {fmt_s(t)} | {r['n']} | {r['m']} | {fmt_mib(r['hwm_kib'])} | {c['total'] / t:.2f} |")
        out.append("")
    if rep.get("tasks"):
        out.append("## Analysis")
        out.append("")
        out.append("| task | graph | tool | threads | median | peak RSS (after load) | check | Puentes / this |")
        out.append("|---|---|---|---:|---:|---:|---|---:|")
        for row in rep["tasks"]:
            task = row["task"]
            pt = row["puentes_time"]
            p = row["puentes"]
            chk = f"{p.get('check')} {fmt_val(p.get('value'))}" if "value" in p else p.get("error", "")
            if p.get("iterations") is not None:
                chk += f"; {p['iterations']} it., residual {p['residual']:.1e}"
            out.append(f"| {task} | {row['graph']} | **Puentes** | {threads('puentes', task)} | **{fmt_s(pt)}** | {fmt_mib(p.get('hwm_kib'))} ({fmt_mib(p.get('hwm_load_kib'))}) | {chk} | |")
            for tool, r in row["peers"].items():
                if "skipped" in r:
                    out.append(f"| | | {tool} | | skipped ({r['skipped']}) | | | |")
                    continue
                if "error" in r:
                    out.append(f"| | | {tool} | | {r['error']} | | | |")
                    continue
                if r.get("unsupported"):
                    continue
                t = median_time(r)
                reps = len(r["times"])
                diff = f"; max abs diff {r['max_abs_diff']:.1e} over {r['compared']} nodes" if "max_abs_diff" in r else ""
                if "sample" in r:
                    out.append(
                        f"| | | {tool} | {threads(tool, task)} | sample of {r['sample']} nodes (check only) | {fmt_mib(r['hwm_kib'])} ({fmt_mib(r['hwm_load_kib'])}) | "
                        f"{r['check']} {fmt_val(r['value'])}{diff} | |"
                    )
                    continue
                out.append(
                    f"| | | {tool} | {threads(tool, task)} | {fmt_s(t)} ({reps}×) | {fmt_mib(r['hwm_kib'])} ({fmt_mib(r['hwm_load_kib'])}) | "
                    f"{r['check']} {fmt_val(r['value'])}{diff} | {pt / t:.2f} |"
                )
        out.append("")
        out.append("## Targets")
        out.append("")
        out.append("| task | parameters | Puentes | fastest peer | ratio | target | met |")
        out.append("|---|---|---:|---|---:|---|---|")
        for row in rep["tasks"]:
            task = row["task"]
            pt = row["puentes_time"]
            which, factor = row["target"]
            times = {tool: median_time(r) for tool, r in row["peers"].items()
                     if median_time(r) and "sample" not in r}
            if not times:
                continue
            fastest = min(times, key=times.get)
            pool = {t: times[t] for t in (which or times) if t in times}
            ref_tool = min(pool, key=pool.get) if pool else fastest
            ratio = pt / pool[ref_tool] if pool else None
            label = {0.25: "≤ 1/4 of faster of igraph/rustworkx", 0.5: "≤ 1/2 of igraph", 1.0: "≤ fastest peer"}[factor]
            met = "yes" if ratio is not None and ratio <= factor else "**no**"
            shown = f"{ratio:.2f} (vs {ref_tool})" if ratio is not None else f"– (no {'/'.join(which or [])} time)"
            out.append(
                f"| {task} | {PARAMS[task]} | {fmt_s(pt)} | {fastest} {fmt_s(times[fastest])} | {shown} | {label} | {met} |"
            )
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    main()
