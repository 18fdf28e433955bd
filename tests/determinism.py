"""Run a stage in fresh interpreters with different hash seeds, to see the set and dict order it depends on.

An in-process check (`f(x) == f(x)`) runs under one hash seed, so it cannot see output that follows
the iteration order of a set of strings; a fresh interpreter per seed can.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HASH_SEEDS = ("0", "1", "4242")


def outputs_under_hash_seeds(code: str) -> list[str]:
    """What ``code`` (Python that prints a stage's output) prints under each of several hash seeds."""
    outputs = []
    for seed in HASH_SEEDS:
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    return outputs
