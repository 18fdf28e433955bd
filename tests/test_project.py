"""The project's own files as a newcomer meets them: the README renders, the package installs quietly."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent


def test_readme_code_fences_close_and_hold_only_code() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    fences = [line for line in text.splitlines() if line.lstrip().startswith("```")]
    assert len(fences) % 2 == 0
    # A fence line is the fence and an info word, nothing after it: prose there would become code.
    assert [f for f in fences if not re.fullmatch(r"\s*```[\w-]*\s*", f)] == []
    blocks = [t for t in MarkdownIt("commonmark").parse(text) if t.type == "fence"]
    assert blocks and all("The shipped example" not in b.content for b in blocks)


def test_the_licence_is_an_spdx_expression_with_its_file() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # A table ({text = ...}) makes setuptools print deprecation warnings on every install.
    assert isinstance(project["license"], str)
    for name in project["license-files"]:
        assert (ROOT / name).is_file()


STAGES = ("stories", "claims", "summary", "figures", "people", "quotes", "timeline")
"""The stage packages of generator/, each reading the language layer, common/ and the model only."""


def _imported_packages(path: Path) -> set[str]:
    """The generator packages a module imports, as top-level names under generator ("english", "claims")."""
    package = path.parent.relative_to(ROOT / "generator").parts
    found = set()
    for dots, name in re.findall(r"^\s*from (\.+)([\w.]*) import", path.read_text(encoding="utf-8"), re.M):
        base = list(package)[: len(package) - (len(dots) - 1)] if len(dots) > 1 else list(package)
        parts = base + [p for p in name.split(".") if p]
        if parts:
            found.add(parts[0])
    return found


def test_stages_import_the_language_layer_and_common_not_each_other() -> None:
    crossings = []
    for stage in STAGES:
        for path in sorted((ROOT / "generator" / stage).glob("*.py")):
            others = _imported_packages(path) & set(STAGES) - {stage}
            crossings += [f"{path.relative_to(ROOT)} imports {other}" for other in sorted(others)]
    assert crossings == []


def test_every_module_says_what_it_does() -> None:
    silent = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "generator").rglob("*.py"))
              if not re.match(r'\s*(?:#[^\n]*\n\s*)*"""\S', p.read_text(encoding="utf-8"))]
    assert silent == []
