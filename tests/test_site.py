"""MkDocs in strict mode on the generated pages: broken links or anchors fail the build."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.build import build

from .browser_util import write_config
from .golden import SEEDS


def mkdocs_build(folder: Path, site: str, *, hash_seed: str = "0") -> subprocess.CompletedProcess[str]:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(folder / site)],
        cwd=folder, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0", "PYTHONHASHSEED": hash_seed},
    )


def test_mkdocs_strict_build_of_the_seeds(tmp_path: Path) -> None:
    report = build(SEEDS, tmp_path / "content", warn=lambda line: None)
    write_config(tmp_path)
    result = mkdocs_build(tmp_path, "site")
    assert result.returncode == 0, result.stderr[-2000:]
    story = tmp_path / "site" / report.digests[0].story.slug
    html = (story / "index.html").read_text(encoding="utf-8")
    assert html.count('class="cites"') >= 4
    assert (story / "digest.json").is_file()
    assert (tmp_path / "site" / "archive" / "2024-03" / "index.html").is_file()
    assert not any("fonts.googleapis" in p.read_text(errors="ignore") for p in (tmp_path / "site").rglob("*.html"))


def test_the_site_is_byte_identical_across_builds(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "content", warn=lambda line: None)
    write_config(tmp_path)
    assert mkdocs_build(tmp_path, "one", hash_seed="1").returncode == 0
    assert mkdocs_build(tmp_path, "two", hash_seed="777").returncode == 0
    tree = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
