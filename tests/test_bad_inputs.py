"""Bad input: each file is read or skipped with one warning naming it; the rest is still built."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .golden import ROOT, SEEDS

GOOD = "The flood barrier held overnight and the river fell by two metres, officials in the town said on Tuesday.\n"


def bad_seeds(root: Path) -> tuple[Path, dict[str, str]]:
    """Write the shipped seeds plus one bad file per kind; return the folder and, per file, the expected warning."""
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    outside = root / "outside.txt"
    outside.write_text(GOOD, encoding="utf-8")
    files: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "skipped: empty file"),
        "blank.md": (b"  \n\t\n", "skipped: empty file"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "skipped: binary file (PNG image)"),
        "nul.txt": (b"text\x00with\x00nul\x00bytes" * 20, "skipped: binary file"),
        "report.pdf": (b"%PDF-1.4 ...", "skipped: not an article (extension '.pdf')"),
        "bundle.zip": (b"PK\x03\x04rest", "skipped: not an article (extension '.zip')"),
        "huge.txt": (b"word " * (4 * 1024 * 1024), "skipped: too large for an article"),
        "broken front.md": (b"---\ntitle: [unclosed\n---\nThe first of three.\n" + GOOD.encode(), "malformed front matter"),
        "wrong types.md": (b"---\ntitle: [1, 2]\n---\nThe second of three.\n" + GOOD.encode(), "front matter 'title' should be text, got list"),
        "bad date.md": (b"---\ndate: yesterday\n---\nThe third of three.\n" + GOOD.encode(), "unreadable date 'yesterday'"),
        "copy.txt": ((SEEDS / "003_61c589d0ba401add.txt").read_bytes(), "skipped: the same text as seeds/003_61c589d0ba401add.txt"),
        "..hidden.txt": (GOOD.encode(), "skipped: hidden file"),
        "français.md": (
            "La crue a atteint son niveau le plus haut dans la nuit et les habitants de la ville ont été évacués "
            "vers le gymnase, a indiqué la préfecture mardi. Les routes du département restent fermées et les "
            "écoles ne rouvriront pas avant la fin de la semaine selon le maire de la commune.".encode(),
            "does not read as English",
        ),
    }
    for name, (content, _) in files.items():
        (seeds / name).write_bytes(content)
    (seeds / "link.txt").symlink_to(outside)
    expected = {name: message for name, (_, message) in files.items()}
    expected["link.txt"] = "skipped: symbolic link pointing outside the seeds folder"
    return seeds, expected


def test_every_bad_file_gets_one_warning_naming_it_and_the_story_is_built(tmp_path: Path) -> None:
    seeds, expected = bad_seeds(tmp_path)
    out = tmp_path / "content"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    for name, message in expected.items():
        mine = [line for line in lines if line.startswith(f"warning: seeds/{name}: ")]
        assert len(mine) == 1, (name, lines)
        assert message in mine[0], (name, mine[0])
    assert len(lines) == len(expected)
    home = (out / "index.md").read_text(encoding="utf-8")
    assert f"{len(expected)} files were skipped or repaired" in home and "(problems.md)" in home
    listing = (out / "problems.md").read_text(encoding="utf-8")
    assert all(name.replace(".", "").split()[0][:5] in listing.replace("&#95;", "_").replace(".", "") for name in expected)
    digests = list(out.glob("*/digest.json"))
    assert any("003_61c589d0ba401add" in p.read_text(encoding="utf-8") for p in digests)


def test_strict_fails_on_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    seeds, _ = bad_seeds(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--out", str(tmp_path / "content"), "--strict"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    warnings = [line for line in lines if line.startswith("warning: seeds/")]
    assert lines[-1] == f"error: {len(warnings)} warnings above, and --strict makes warnings fatal: nothing was written"
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("name", ["a file with spaces.txt", "accentué çà.md", "a..b.txt", "UPPER Case.TXT"])
def test_odd_file_names_are_read_and_get_safe_slugs(tmp_path: Path, name: str) -> None:
    from generator.build import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_text(GOOD, encoding="utf-8")
    report = build(seeds, tmp_path / "out", warn=lambda line: None)
    (source,) = report.digests[0].sources
    assert source.id == Path(name).stem
    assert source.slug and all(c.isalnum() or c in "-_" for c in source.slug)
    assert (tmp_path / "out" / report.digests[0].story.slug / "sources" / f"{source.slug}.md").is_file()


def test_a_one_megabyte_line_is_read(tmp_path: Path) -> None:
    from generator.build import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "long.txt").write_text(("The council met again and voted on the budget. " * 21000).strip() + "\n", encoding="utf-8")
    report = build(seeds, tmp_path / "out", warn=lambda line: None)
    assert report.digests[0].sources[0].words > 150_000


def test_a_near_duplicate_is_kept_with_a_warning(tmp_path: Path) -> None:
    from generator.build import build

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    text = (seeds / "003_61c589d0ba401add.txt").read_text(encoding="utf-8")
    (seeds / "resent.txt").write_text(text.replace("Niger's government announced", "Niger's rulers announced"), encoding="utf-8")
    warnings: list[str] = []
    report = build(seeds, tmp_path / "out", warn=warnings.append)
    assert sum(len(d.sources) for d in report.digests) == 6
    assert warnings == [
        "warning: seeds/resent.txt: near-duplicate of seeds/003_61c589d0ba401add.txt: kept, and counted with it as one independent report"
    ]


@pytest.mark.parametrize("folder", ["archive", "assets", "pagefind", "problems", "search"])
def test_a_story_does_not_take_a_folder_of_the_site(tmp_path: Path, folder: str) -> None:
    # A story in seeds/archive/ (or titled "Archive") would mix its pages with the monthly archives.
    from generator.build import build
    from generator.stories.plan import SITE_NAMES

    assert folder in SITE_NAMES
    seeds = tmp_path / "seeds"
    (seeds / folder).mkdir(parents=True)
    (seeds / folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "loose.txt").write_text(f"{folder.title()}\n\n{GOOD}", encoding="utf-8")
    report = build(seeds, tmp_path / "out", warn=lambda line: None)
    slugs = sorted(d.story.slug for d in report.digests)
    assert folder not in slugs and f"{folder}-2" in slugs, slugs
    assert not [a for d in report.digests for a in d.story.aliases if a in SITE_NAMES]
