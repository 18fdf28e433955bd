"""The generator type-checks: mypy on the package, as STYLE.md asks."""
from __future__ import annotations

import subprocess
import sys

from .golden import ROOT


def test_mypy_finds_no_error_in_the_generator() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "generator", "--ignore-missing-imports", "--no-error-summary"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
