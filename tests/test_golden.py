"""The seeds' docs folder, byte for byte against tests/golden (regenerate with ``make golden``)."""
from __future__ import annotations

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
    assert not changed, f"pages differ from tests/golden: {changed}; run `make golden` and review the diff"
