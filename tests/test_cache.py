"""Unchanged input is not redone; a changed file or a changed generator invalidates the cache."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cache
from generator.build import build

from .golden import SEEDS


def two_stories(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    for name, files in (("niger", sorted(SEEDS.iterdir())[:3]), ("other", sorted(SEEDS.iterdir())[3:])):
        (seeds / name).mkdir(parents=True)
        for f in files:
            shutil.copy(f, seeds / name / f.name)
    return seeds


def test_unchanged_stories_come_from_the_cache(tmp_path: Path) -> None:
    seeds = two_stories(tmp_path)
    out = tmp_path / "content"
    assert build(seeds, out, warn=lambda line: None).reused == 0
    assert build(seeds, out, warn=lambda line: None).reused == 2


def test_a_changed_file_redoes_only_its_story(tmp_path: Path) -> None:
    seeds = two_stories(tmp_path)
    out = tmp_path / "content"
    first = build(seeds, out, warn=lambda line: None)
    target = next((seeds / "other").iterdir())
    target.write_text(target.read_text(encoding="utf-8") + "\nA new closing sentence was added here.\n", encoding="utf-8")
    second = build(seeds, out, warn=lambda line: None)
    assert second.reused == 1
    changed = [d for d in second.digests if d.story.slug == "other"][0]
    assert any("closing sentence" in s.text for src in changed.sources for s in src.sentences)
    assert [d for d in second.digests if d.story.slug == "niger"] == [d for d in first.digests if d.story.slug == "niger"]


def test_a_changed_generator_redoes_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = two_stories(tmp_path)
    out = tmp_path / "content"
    build(seeds, out, warn=lambda line: None)
    monkeypatch.setattr(cache, "generator_version", lambda: "another version")
    assert build(seeds, out, warn=lambda line: None).reused == 0


def test_cached_and_fresh_builds_write_the_same_bytes(tmp_path: Path) -> None:
    seeds = two_stories(tmp_path)
    build(seeds, tmp_path / "a", warn=lambda line: None)
    build(seeds, tmp_path / "a", warn=lambda line: None, use_cache=True)
    build(seeds, tmp_path / "b", warn=lambda line: None, use_cache=False)
    tree = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_an_unchanged_build_is_up_to_date_and_a_touched_output_is_repaired(tmp_path: Path) -> None:
    seeds = two_stories(tmp_path)
    out = tmp_path / "content"
    first = build(seeds, out, warn=lambda line: None)
    second = build(seeds, out, warn=lambda line: None)
    assert second.up_to_date and not second.written and second.stories == first.stories == 2
    page = next(out.glob("*/index.md"))
    original = page.read_bytes()
    page.write_text("edited by hand", encoding="utf-8")
    third = build(seeds, out, warn=lambda line: None)
    assert not third.up_to_date and third.written
    assert page.read_bytes() == original


def test_warnings_are_repeated_when_the_build_is_up_to_date(tmp_path: Path) -> None:
    seeds = two_stories(tmp_path)
    (seeds / "niger" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "content"
    first: list[str] = []
    second: list[str] = []
    build(seeds, out, warn=first.append)
    assert build(seeds, out, warn=second.append).up_to_date
    assert first == second == ["warning: seeds/niger/empty.txt: skipped: empty file"]


def test_a_changed_file_renders_only_its_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build as build_module

    seeds = two_stories(tmp_path)
    out = tmp_path / "content"
    build(seeds, out, warn=lambda line: None)
    rendered: list[str] = []
    real = build_module.story_pages
    monkeypatch.setattr(build_module, "story_pages", lambda digest, *a, **k: rendered.append(digest.story.slug) or real(digest, *a, **k))
    target = next((seeds / "other").iterdir())
    target.write_text(target.read_text(encoding="utf-8") + "\nA new closing sentence was added here.\n", encoding="utf-8")
    build(seeds, out, warn=lambda line: None)
    assert rendered == ["other"]
    fresh = tmp_path / "fresh"
    build(seeds, fresh, warn=lambda line: None, use_cache=False)
    tree = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert tree(out) == tree(fresh)


def test_one_more_loose_article_counts_only_its_own_terms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build as build_module

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    files = sorted(SEEDS.iterdir())
    for f in files[:4]:
        shutil.copy(f, seeds / f.name)
    out = tmp_path / "content"
    build(seeds, out, warn=lambda line: None)
    counted: list[str] = []
    real = build_module.term_counts
    monkeypatch.setattr(build_module, "term_counts", lambda doc: counted.append(doc.id) or real(doc))
    shutil.copy(files[4], seeds / files[4].name)
    build(seeds, out, warn=lambda line: None)
    assert counted == [files[4].stem]


def test_a_template_edit_shows_in_the_next_build_of_the_same_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `mkdocs serve` regenerates again and again in one process: the templates must be read each time.
    import generator.build as build_module
    from generator.output import render

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates, ignore=shutil.ignore_patterns("overrides"))
    monkeypatch.setattr(render, "TEMPLATES", templates)
    monkeypatch.setattr(build_module, "TEMPLATES", templates)
    monkeypatch.setattr(build_module, "environment", lambda compiled=None: render.environment(templates, compiled=compiled))
    seeds = two_stories(tmp_path)
    out = tmp_path / "content"
    build(seeds, out, warn=lambda line: None)
    overview = templates / "overview.md.j2"
    overview.write_text(overview.read_text(encoding="utf-8") + "\nEdited while serving.\n", encoding="utf-8")
    build(seeds, out, warn=lambda line: None)
    assert all("Edited while serving." in (out / story / "index.md").read_text(encoding="utf-8") for story in ("niger", "other"))


def test_a_cached_digest_that_does_not_read_back_is_digested_again(tmp_path: Path) -> None:
    seeds = two_stories(tmp_path)
    out = tmp_path / "content"
    build(seeds, out, warn=lambda line: None)
    for entry in (tmp_path / ".content.cache" / "stories").rglob("*.json"):
        entry.write_text('{"digest": "{\\"schema\\": Infinity}", "warnings": []}', encoding="utf-8")
    (out / "niger" / "index.md").unlink()  # the output was touched: build again
    assert build(seeds, out, warn=lambda line: None).reused == 0
    assert (out / "niger" / "index.md").is_file()


def test_the_cache_key_covers_the_libraries_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    versions = cache._dependency_versions()
    assert any(v.startswith("jinja2==") for v in versions) and any(v.startswith("rapidfuzz==") for v in versions)
    keys = []
    for upgraded in (versions, [*versions[:-1], versions[-1] + ".post1"]):
        monkeypatch.setattr(cache, "_dependency_versions", lambda upgraded=upgraded: upgraded)
        cache.generator_version.cache_clear()
        keys.append(cache.generator_version())
    cache.generator_version.cache_clear()
    assert keys[0] != keys[1]


def test_files_read_on_every_core_give_the_build_they_give_read_one_by_one(tmp_path: Path) -> None:
    # A build with many new files reads and cleans them in worker processes (build._prepare_new), with the
    # terms a loose file is grouped by; with one worker it reads them here. Both must write the same bytes
    # and say the same about the files, an empty one and a duplicate among them.
    import generator.build as build_module

    seeds = tmp_path / "seeds"
    (seeds / "folder").mkdir(parents=True)
    files = sorted(SEEDS.iterdir())
    for n in range(4):
        for f in files:
            text = f.read_text(encoding="utf-8") + f"\nA closing line, number {n}, was added to this copy.\n"
            (seeds / f"{n}-{f.name}").write_text(text, encoding="utf-8")
    shutil.copy(files[0], seeds / "folder" / files[0].name)
    (seeds / "empty.txt").write_text("", encoding="utf-8")
    shutil.copy(seeds / f"0-{files[1].name}", seeds / "twin.txt")
    assert len(list(seeds.glob("*.txt"))) >= build_module._PARALLEL_MIN_FILES
    reports = {workers: build(seeds, tmp_path / f"content-{workers}", warn=lambda line: None, workers=workers) for workers in (1, 2)}
    tree = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert tree(tmp_path / "content-1") == tree(tmp_path / "content-2")
    assert reports[1].problems == reports[2].problems
    assert {label for label, _message in reports[2].problems} >= {"seeds/empty.txt", "seeds/twin.txt"}


def test_a_story_left_as_it_was_is_kept_unread_and_a_touched_one_is_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One story changes; of the other, the files the last build wrote stay, unread, unless someone edited one.
    seeds = two_stories(tmp_path)
    out = tmp_path / "content"
    build(seeds, out, warn=lambda line: None)
    fresh = tmp_path / "fresh"

    def change_niger(n: int) -> None:
        target = sorted((seeds / "niger").iterdir())[0]
        target.write_text(target.read_text(encoding="utf-8") + f"\nA closing sentence, number {n}, was added.\n", encoding="utf-8")

    read: list[str] = []
    get = cache.Cache.get
    monkeypatch.setattr(cache.Cache, "get", lambda self, kind, entry: read.append(kind) or get(self, kind, entry))
    change_niger(1)
    build(seeds, out, warn=lambda line: None)
    assert "pages" not in read  # neither story's pages came from the cache: niger's were rendered, other's kept
    build(seeds, fresh, warn=lambda line: None, use_cache=False)
    tree = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert tree(out) == tree(fresh)

    edited = out / "other" / "quotes.md"
    edited.write_text("edited by hand\n", encoding="utf-8")
    change_niger(2)
    read.clear()
    build(seeds, out, warn=lambda line: None)
    assert read.count("pages") == 1  # the touched story's pages, from the cache
    assert edited.read_bytes() == (fresh / "other" / "quotes.md").read_bytes()
