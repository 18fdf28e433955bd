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
