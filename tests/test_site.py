"""MkDocs in strict mode on the generated pages: broken links or anchors fail the build."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.build import build

from .browser_util import write_config
from .golden import SEEDS


def test_mkdocs_strict_build_of_the_seeds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    build(SEEDS, content, warn=lambda line: None)
    write_config(tmp_path)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (overview,) = (tmp_path / "site").glob("*/index.html")
    html = overview.read_text(encoding="utf-8")
    assert html.count('class="cites"') >= 4
    assert (overview.parent / "digest.json").is_file()
    assert not any("fonts.googleapis" in p.read_text(errors="ignore") for p in (tmp_path / "site").rglob("*.html"))
