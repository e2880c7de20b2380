#!/usr/bin/env python3
"""A dated network of Slashdot's size for timing `puentes changes` and `timeline` (issue 22).

SNAP soc-Slashdot0902 carries no dates. This writes it as a Puentes dataset directory
(organizations.csv, ties.csv in the project's format, so `until` is read) with made-up years: the i-th distinct pair of the file (in
file order) starts in year FIRST + floor(YEARS · i / pairs), so the network grows year by year
as the file goes; every 10th pair ends three years after it started (when that is before the
last year). Strength is 1 + (i mod 5). Same input, same output (no randomness). The years are
invented for timing only: no finding on them means anything.

    python3 bench/dated.py ../shared/datasets/soc-Slashdot0902/soc-Slashdot0902.txt.gz /tmp/slashdot-dated
    puentes changes --input /tmp/slashdot-dated --from 2010 --to 2019
"""
import csv
import gzip
import os
import sys

FIRST, YEARS = 2010, 10


def main(src, out):
    opener = gzip.open if src.endswith('.gz') else open
    pairs, seen = [], set()
    with opener(src, 'rt') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            a, b = line.split()[:2]
            if a == b:
                continue
            key = (a, b) if a < b else (b, a)
            if key not in seen:
                seen.add(key)
                pairs.append(key)
    os.makedirs(out, exist_ok=True)
    nodes = sorted({x for p in pairs for x in p}, key=int)
    with open(os.path.join(out, 'organizations.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['id', 'name'])
        for n in nodes:
            w.writerow([n, 'Organization ' + n])
    last = FIRST + YEARS - 1
    with open(os.path.join(out, 'ties.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['source', 'target', 'kind', 'strength', 'since', 'until', 'reported_by'])
        for i, (a, b) in enumerate(pairs):
            since = FIRST + YEARS * i // len(pairs)
            until = since + 3 if i % 10 == 0 and since + 3 < last else ''
            w.writerow([a, b, 'joint_project', 1 + i % 5, since, until, 'both'])
    print(f'{len(nodes)} organizations, {len(pairs)} pairs, years {FIRST}-{last} -> {out}')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
