"""Readers for the plain-text networks of shared/datasets, shared by the reference scripts."""


def read_pairs(path):
    """Whitespace-separated integer pairs; skips '#' comments and blank lines (CRLF-safe)."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            a, b = line.split()[:2]
            pairs.append((int(a), int(b)))
    return pairs


def read_node_count(path):
    """Number of nodes in a `.nodes` file: its non-blank lines minus the header."""
    with open(path, encoding="utf-8") as f:
        return sum(1 for line in f if line.strip()) - 1
