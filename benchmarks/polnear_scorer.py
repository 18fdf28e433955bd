"""Import the shared PolNeAR scorer for the benchmarks that reuse its gold, build and matching rules.

The scorer lives in ../shared/eval/score, outside the project; nothing is copied from it.
"""
from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Optional

SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score"


def load() -> Optional[ModuleType]:
    """Return the ``score_polnear`` module, or None (after saying so) when the scorer is not there."""
    if not (SCORER / "score_polnear.py").exists():
        print(f"no scorer at {SCORER}")
        return None
    sys.path.insert(0, str(SCORER))
    import score_polnear

    return score_polnear
