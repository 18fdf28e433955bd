"""The seeds' docs folder, byte for byte against tests/golden (regenerate with ``make golden``)."""
from __future__ import annotations

import difflib
from pathlib import Path

from generator.build import build

from .golden import GOLDEN, SEEDS


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_seeds_build_matches_golden(tmp_path: Path) -> None:
    out = tmp_path / "content"
    build(SEEDS, out, warn=lambda line: None)
    built, golden = tree(out), tree(GOLDEN)
    assert sorted(built) == sorted(golden), "pages added or removed: run `make golden` and review the diff"
    changed = [name for name in built if built[name] != golden[name]]
    assert not changed, f"pages differ from tests/golden ({changed}); run `make golden` and review the diff:\n" + _diff(
        golden, built, changed
    )


def _diff(golden: dict[str, bytes], built: dict[str, bytes], names: list[str], *, limit: int = 80) -> str:
    """Show the first lines of a unified diff of the changed pages, so a failure says what changed."""
    lines: list[str] = []
    for name in names:
        old = golden[name].decode("utf-8", "replace").splitlines()
        new = built[name].decode("utf-8", "replace").splitlines()
        lines += difflib.unified_diff(old, new, f"golden/{name}", f"built/{name}", n=1, lineterm="")
    more = f"\n... {len(lines) - limit} more diff lines" if len(lines) > limit else ""
    return "\n".join(line[:300] for line in lines[:limit]) + more
