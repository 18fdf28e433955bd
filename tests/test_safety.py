"""Nothing a user does loses their articles: output folders, ids, addresses, locks, odd files, logs."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import cli
from generator.build import build
from generator.output.publish import MARKER, lock_path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def article(title: str, body: str, date: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n"


# --out must never replace what the user keeps.

@pytest.mark.parametrize("where", ["seeds", ".", "seeds/inner", "README.md", "notes"])
def test_an_output_that_would_destroy_user_files_is_refused(tmp_path: Path, where: str) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "README.md").write_text("my notes\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "draft.md").write_text("a draft\n", encoding="utf-8")
    before = tree(tmp_path)
    result = run("build", "--seeds", "seeds", "--out", where, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: refusing to write into ") and where in lines[0]
    after = tree(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith(".")} == {
        k: v for k, v in before.items() if not k.startswith(".")
    }


def test_a_folder_the_tool_wrote_is_replaced_and_marked(tmp_path: Path) -> None:
    out = tmp_path / "content"
    build(SEEDS, out, warn=lambda line: None)
    assert (out / MARKER).is_file()
    (tmp_path / "empty").mkdir()
    assert run("build", "--seeds", str(SEEDS), "--out", str(tmp_path / "empty")).returncode == 0
    assert run("build", "--seeds", str(SEEDS), "--out", str(out)).returncode == 0


# Articles are keyed by their path, not their file name; a source id (the file name without its
# extension, which readers of digest.json rely on) is unique within its story.

def test_files_of_the_same_name_in_two_story_folders_stay_two_stories(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    for folder, name, title, body in (
        ("niger", "ap.txt", None, "Niger's junta ended its military agreement with the United States on Saturday."),
        ("plague", "ap.md", "Plague case", "A case of bubonic plague was confirmed in Oregon on Friday, health officials said."),
    ):
        (seeds / folder).mkdir(parents=True)
        text = article(title, body, "2024-03-16") if title else body + "\n"
        (seeds / folder / name).write_text(text, encoding="utf-8")
    (seeds / "ap.txt").write_text("Floods closed the main road into Riverton on Monday.\n", encoding="utf-8")
    warnings: list[str] = []
    report = build(seeds, tmp_path / "out", warn=warnings.append)
    stories = sorted((d.story.slug, tuple(s.file for s in d.sources)) for d in report.digests)
    assert sorted(files for _slug, files in stories) == [("seeds/ap.txt",), ("seeds/niger/ap.txt",), ("seeds/plague/ap.md",)]
    assert not any("near-duplicate" in w for w in warnings), warnings
    slugs = {d.story.slug for d in report.digests}
    assert {"niger", "plague"} <= slugs
    for digest in report.digests:
        (source,) = digest.sources
        assert (tmp_path / "out" / digest.story.slug / "sources" / f"{source.slug}.md").is_file()
        assert all(s.id.startswith(source.id + "-s") for s in source.sentences)


def test_source_pages_are_named_by_file_name_or_outlet_never_a_hash(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "4f9c2a7d1e8b3c6a5f0d9e2b7a1c4d8f.md").write_text(
        "---\noutlet: Reuters\n---\n\nThe river rose two metres at Riverton on Monday.\n", encoding="utf-8"
    )
    (seeds / "0a1b2c3d4e5f60718293a4b5c6d7e8f9.txt").write_text("The river at Riverton rose two metres on Monday.\n", encoding="utf-8")
    (seeds / "007_a1b2c3d4e5f6.txt").write_text("Riverton's river rose by two metres on Monday, officials said.\n", encoding="utf-8")
    report = build(seeds, tmp_path / "out", warn=lambda line: None)
    assert sorted(s.slug for d in report.digests for s in d.sources) == ["007", "reuters", "source"]


# A story's address is a function of the seeds alone, and old addresses redirect.

STORY = (
    ("b.md", "Dam opens spillway", "The Riverton dam opened its spillway on Tuesday as the river rose two metres.", "2024-05-07"),
    ("a.md", "River rises at Riverton", "The river at Riverton rose two metres on Monday and the dam was ordered to open its spillway.", "2024-05-06"),
    ("c.md", "Spillway opened after river rose", "Engineers opened the dam's spillway at Riverton after the river rose two metres.", "2024-05-08"),
)


def _write(seeds: Path, names: set[str]) -> None:
    seeds.mkdir(parents=True, exist_ok=True)
    for name, title, body, date in STORY:
        if name in names:
            (seeds / name).write_text(article(title, body, date), encoding="utf-8")


def test_story_address_depends_on_the_seeds_not_on_the_previous_output(tmp_path: Path) -> None:
    seeds, one_by_one = tmp_path / "seeds", tmp_path / "one-by-one"
    added: set[str] = set()
    slugs = []
    for name, *_rest in STORY:
        added.add(name)
        _write(seeds, added)
        (report := build(seeds, one_by_one, warn=lambda line: None))
        assert len(report.digests) == 1
        slugs.append(report.digests[0].story.slug)
    together = build(seeds, tmp_path / "together", warn=lambda line: None)
    assert tree(one_by_one) == tree(tmp_path / "together")
    final = together.digests[0].story
    assert final.slug == "river-rises-at-riverton"  # the earliest article's title
    # Every address the story had on the way redirects to where it is now.
    assert set(slugs) - {final.slug} <= set(final.aliases)
    for alias in final.aliases:
        page = (one_by_one / alias / "index.html").read_text(encoding="utf-8")
        assert f'url=../{final.slug}/"' in page and f'<a href="../{final.slug}/">' in page


# An article that cannot be read now keeps its last good version.

def test_an_article_that_becomes_unreadable_keeps_its_last_good_version(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = tmp_path / "content"
    build(seeds, out, warn=lambda line: None)
    before = tree(out)
    victim = sorted(seeds.glob("*.txt"))[2]
    victim.write_bytes(b"")  # an editor saving the file, or a truncated copy
    warnings: list[str] = []
    build(seeds, out, warn=warnings.append)
    label = f"seeds/{victim.name}"
    assert warnings == [f"warning: {label}: empty file: kept its last readable version"]
    assert {k: v for k, v in tree(out).items() if k != "problems.md" and k != "index.md"} == {
        k: v for k, v in before.items() if k != "problems.md" and k != "index.md"
    }


# Only regular files are read.

def test_a_fifo_named_like_an_article_is_skipped_not_read(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    os.mkfifo(seeds / "pipe.txt")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "warning: seeds/pipe.txt: skipped: not a regular file (a pipe, socket or device): not read" in result.stderr
    assert "5 articles in 1 stories" in result.stderr


# Leftovers of a killed build, make clean, locks.

def test_a_killed_builds_folders_are_removed_by_the_next_build_and_by_clean(tmp_path: Path) -> None:
    out = tmp_path / "content"
    build(SEEDS, out, warn=lambda line: None)
    for name in (".content.new-999999", ".content.old-999998"):
        (tmp_path / name / "x").mkdir(parents=True)
        (tmp_path / name / MARKER).write_text("ours", encoding="utf-8")
    (tmp_path / ".content.new-123").mkdir()  # empty: a build killed before its first file
    (tmp_path / ".content.new-777").mkdir()
    (tmp_path / ".content.new-777" / "mine.txt").write_text("not the tool's", encoding="utf-8")
    build(SEEDS, out, warn=lambda line: None)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".content.cache", ".content.lock", ".content.new-777", "content"]
    result = run("clean", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".content.new-777"]


def test_clean_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "mine.md").write_text("mine", encoding="utf-8")
    result = run("clean", "--out", str(tmp_path / "docs"))
    assert result.returncode == 2 and result.stderr.startswith("error: refusing to remove")
    assert (tmp_path / "docs" / "mine.md").is_file()


def test_a_second_build_into_the_same_folder_waits_for_the_first(tmp_path: Path) -> None:
    out = tmp_path / "content"
    with open(lock_path(out), "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        done: list[object] = []
        worker = threading.Thread(target=lambda: done.append(build(SEEDS, out, warn=lambda line: None)))
        worker.start()
        time.sleep(1.5)
        assert not out.exists() and not done  # waiting, not writing
        fcntl.flock(held, fcntl.LOCK_UN)
    worker.join(timeout=120)
    assert done and (out / "index.md").is_file()


def test_concurrent_builds_all_succeed_with_one_output(tmp_path: Path) -> None:
    out = tmp_path / "content"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "--seeds", str(SEEDS), "--out", str(out), "--no-cache"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )
        for _ in range(3)
    ]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _err in results] == [0, 0, 0], results
    assert not any("Traceback" in err for _code, err in results)
    reference = tmp_path / "reference"
    build(SEEDS, reference, warn=lambda line: None, use_cache=False)
    assert tree(out) == tree(reference)


@pytest.mark.parametrize("limit", ["efbig", "enospc"])
def test_a_full_disk_or_file_size_limit_is_one_line_and_keeps_the_old_output(tmp_path: Path, limit: str) -> None:
    out = tmp_path / "content"
    build(SEEDS, out, warn=lambda line: None)
    before = tree(out)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "extra.txt").write_text("Officials in Niamey said on Sunday that 1,000 troops remain.\n", encoding="utf-8")
    if limit == "efbig":
        code = (
            "import resource, sys; from generator.cli import main; "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (1_000, 1_000)); sys.exit(main(sys.argv[1:]))"
        )
    else:
        code = (
            "import errno, pathlib, sys; from generator.cli import main\n"
            "def full(self, data): raise OSError(errno.ENOSPC, 'No space left on device')\n"
            "pathlib.Path.write_bytes = full; sys.exit(main(sys.argv[1:]))"
        )
    result = subprocess.run(
        [sys.executable, "-c", code, "build", "--seeds", str(seeds), "--out", str(out), "--no-cache"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith("progress: ")]
    assert len(errors) == 1 and errors[0].startswith("error: cannot write "), result.stderr
    assert "left as it was" in errors[0]
    assert tree(out) == before


# What the command line prints.

def test_strict_prints_warnings_then_one_error_line_that_counts_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "empty.txt").write_text("  \n", encoding="utf-8")
    (seeds / "notes.doc").write_bytes(b"\x00")
    assert cli.main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "strict"), "--strict"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("progress: ")]
    assert sorted(lines[:-1]) == [
        "warning: seeds/empty.txt: skipped: empty file",
        "warning: seeds/notes.doc: skipped: not an article (extension '.doc')",
    ]
    assert lines[-1] == "error: 2 warnings above, and --strict makes warnings fatal: nothing was written"
    assert not (tmp_path / "strict").exists()


def test_a_log_gets_a_line_per_stage(tmp_path: Path) -> None:
    result = run("build", "--seeds", str(SEEDS), "--out", str(tmp_path / "out"))
    progress = [line for line in result.stderr.splitlines() if line.startswith("progress: ")]
    assert [line.split()[1] for line in progress] == ["reading", "grouping", "digesting", "stories", "rendering", "writing"]
    assert "\r" not in result.stderr and "\033" not in result.stderr


def test_a_log_counts_stories_at_most_every_interval(capsys: pytest.CaptureFixture[str]) -> None:
    now = [0.0]
    progress = cli._LogProgress(interval=10.0, clock=lambda: now[0])
    for n in range(1, 101):
        now[0] = n * 0.5
        progress(f"stories digested: {n}/100")
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "progress: stories digested: 1/100" and lines[-1] == "progress: stories digested: 100/100"
    assert len(lines) == 6  # the first, one per 10 s of the 50 s, and the last


def test_what_a_stage_warns_about_reaches_the_user_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import warnings as pywarnings

    from generator import digest as digest_module

    def bounded(d):  # type: ignore[no-untyped-def]
        pywarnings.warn(f"{d.sources[0].file}: its story has many quotes; only near ones were compared", RuntimeWarning)
        return d

    monkeypatch.setattr(digest_module, "STAGES", (*digest_module.STAGES, ("bounded", bounded)))
    said: list[str] = []
    build(SEEDS, tmp_path / "out", warn=said.append, workers=1)
    assert said == ["warning: seeds/000_d927ee6055b5c552.txt: its story has many quotes; only near ones were compared"]
    (tmp_path / "out" / "index.md").unlink()  # the output was touched: rebuild, the story from the cache
    again: list[str] = []
    report = build(SEEDS, tmp_path / "out", warn=again.append, workers=1)
    assert report.reused == 1 and not report.up_to_date and again == said
