"""Read case files: ``=== name`` opens a case, ``---`` separates its input from the expected output."""
from __future__ import annotations

from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"


def load(name: str) -> list[tuple[str, str, str]]:
    """Return (case name, input, expected) for every case in ``cases/<name>``."""
    cases = []
    text = (CASES / name).read_text(encoding="utf-8")
    for block in text.split("\n=== ")[1:] if not text.startswith("=== ") else ("\n" + text).split("\n=== ")[1:]:
        title, _, body = block.partition("\n")
        given, _, expected = body.partition("\n---\n")
        cases.append((title.strip(), given.strip("\n"), expected.strip("\n")))
    return cases
