"""Regenerate the golden copy of the seeds' docs folder: ``python -m tests.golden`` (or ``make golden``).

Review the diff of tests/golden/ like code: every change there is a change users will see.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator.build import build

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "content"
SEEDS = ROOT / "seeds"


def regenerate() -> None:
    """Build seeds/ into tests/golden/content, replacing what was there."""
    shutil.rmtree(GOLDEN, ignore_errors=True)
    build(SEEDS, GOLDEN, warn=lambda line: print(line, file=sys.stderr))


if __name__ == "__main__":
    regenerate()
    print(f"golden files written to {GOLDEN.relative_to(ROOT)}")
