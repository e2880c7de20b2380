"""Helpers shared by the Python scripts under bench/ that drive a local Puentes: the test Neo4j
server's settings and a free loopback port. Standard library only."""
import os
import socket

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def neo4j_env():
    """NEO4J_TEST_URI, NEO4J_TEST_USER and NEO4J_TEST_PASSWORD from the file that
    scripts/neo4j/start writes (`export A=1 B=2 ...`)."""
    env = {}
    with open(os.path.join(ROOT, "scripts", "neo4j", "run", "neo4j.env")) as f:
        for line in f:
            line = line.strip()
            if line.startswith("#"):
                continue
            for part in line.removeprefix("export ").split():
                if "=" in part:
                    k, v = part.split("=", 1)
                    env[k] = v.strip("'\"")
    return env


def free_port():
    """A loopback port free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
