"""The command line as users meet it: exit codes, one-line messages, --strict, atomic output."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.build import build
from generator.cli import main
from generator.output.publish import Page, publish

from .golden import ROOT, SEEDS


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=300,
    )


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_succeeds_on_the_seeds(tmp_path: Path) -> None:
    result = run("build", "--seeds", str(SEEDS), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "5 articles in 1 stories" in result.stderr
    assert len(list((tmp_path / "out").glob("*/digest.json"))) == 1


def test_missing_seeds_folder_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = run("build", "--seeds", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"error: seeds folder not found: {tmp_path / 'nowhere'}"]


def test_empty_seeds_folder_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "seeds").mkdir()
    assert main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "out")]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("progress: ")]
    assert errors == [f"error: no readable article in {tmp_path / 'seeds'}"]
    assert not (tmp_path / "out").exists()


def test_warnings_name_the_file_and_strict_makes_them_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "--seeds", str(seeds), "--out", str(out)]) == 0
    assert "warning: seeds/empty.txt: skipped: empty file" in capsys.readouterr().err
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "strict"), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "warning: seeds/empty.txt: skipped: empty file" in err
    assert err.splitlines()[-1] == "error: 1 warning above, and --strict makes warnings fatal: nothing was written"
    assert not (tmp_path / "strict").exists()


def test_same_seeds_same_bytes_whatever_the_order_and_hash_seed(tmp_path: Path) -> None:
    forward, backward = tmp_path / "a" / "seeds", tmp_path / "b" / "seeds"
    forward.mkdir(parents=True)
    backward.mkdir(parents=True)
    files = sorted(SEEDS.iterdir())
    for f in files:
        shutil.copy(f, forward / f.name)
    for f in reversed(files):
        shutil.copy(f, backward / f.name)
    one = run("build", "--seeds", str(forward), "--out", str(tmp_path / "one"), env={"PYTHONHASHSEED": "1"})
    two = run("build", "--seeds", str(backward), "--out", str(tmp_path / "two"), env={"PYTHONHASHSEED": "4242"})
    assert one.returncode == two.returncode == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "content"
    build(SEEDS, out, warn=lambda line: None)
    (out / "marker.md").write_text("from the previous build", encoding="utf-8")
    before = tree(out)
    original = Path.write_bytes
    calls = {"n": 0}

    def failing(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OutputError, match="the disk is full"):
        publish([Page(f"p{i}.md", b"x") for i in range(10)], out)
    monkeypatch.undo()
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".content.cache", ".content.lock", "content"]


def test_an_unchanged_build_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "content"
    assert build(SEEDS, out, warn=lambda line: None).written
    stamp = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    assert not build(SEEDS, out, warn=lambda line: None).written
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamp


def test_the_same_article_twice_is_skipped_with_a_warning(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(seeds / "003_61c589d0ba401add.txt", seeds / "copy of 003.txt")
    warnings: list[str] = []
    report = build(seeds, tmp_path / "out", warn=warnings.append)
    assert sum(len(d.sources) for d in report.digests) == 5
    assert warnings == ["warning: seeds/copy of 003.txt: skipped: the same text as seeds/003_61c589d0ba401add.txt"]


def test_an_article_in_another_language_is_kept_with_a_warning(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "fr.txt").write_text(
        "La junte au pouvoir au Niger a dénoncé avec effet immédiat l'accord de coopération militaire avec les "
        "États-Unis, a annoncé samedi soir son porte-parole à la télévision nationale. Le gouvernement du Niger, "
        "tenant compte des aspirations et des intérêts de son peuple, décide en toute responsabilité de dénoncer "
        "avec effet immédiat l'accord relatif au statut du personnel militaire des États-Unis.\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    report = build(seeds, tmp_path / "out", warn=warnings.append)
    assert len(report.digests[0].sources) == 1
    assert warnings and warnings[0].startswith("warning: seeds/fr.txt: does not read as English")


def test_only_changed_pages_are_rewritten(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = tmp_path / "content"
    build(seeds, out, warn=lambda line: None)
    before = {p.relative_to(out): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    target = seeds / "004_16ec6c816ff23fee.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Phee said", "Molly Phee said"), encoding="utf-8")
    assert build(seeds, out, warn=lambda line: None).written
    after = {p.relative_to(out): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    changed = {str(p) for p in after if before.get(p) != after[p]}
    assert any(p.endswith("sources/004.md") for p in changed)
    assert "assets/extra.css" not in changed and not any(p.endswith("sources/000.md") for p in changed)
