"""`make site` after a change gives the same bytes as a full build, and rebuilds only what changed.

Each step builds as `make site` does (the generator, then ``mkdocs build --strict --dirty`` with the
project's hooks: page cache and Pagefind search) into one archive folder, and compares the site with
a full build of the same seeds in a fresh folder, with no cache.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build

from .browser_util import make_site, write_config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# "page cache: 19 pages: 7 kept as built, 0 from the cache, 12 rendered"
_PAGES = re.compile(r"page cache: (\d+) pages: (\d+) kept as built, (\d+) from the cache, (\d+) rendered")
# "search index: 10 pages in 3 indexes (1 built, 2 reused)"
_INDEXES = re.compile(r"search index: \d+ pages in (\d+) indexes \((\d+) built, (\d+) reused\)")
# A run of letters, to spell backwards: "Niger" -> "regiN".
_LETTERS = re.compile(r"[^\W\d_]+")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def assert_same_site(folder: Path, fresh: Path) -> None:
    one, two = tree(folder / "site"), tree(fresh / "site")
    differ = sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))
    assert differ == [], differ[:20]


def mirrored(text: str) -> str:
    """Spell every run of letters backwards: another story with the same shape and no shared words."""
    return _LETTERS.sub(lambda m: m.group()[::-1], text)


def other_shard(seeds: Path, scratch: Path) -> str:
    """Return a story folder name whose search shard is not that of the story the seeds make."""
    spec = importlib.util.spec_from_file_location("search_hook", ROOT / "hooks" / "search.py")
    assert spec is not None and spec.loader is not None
    search = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(search)
    report = build(seeds, scratch, warn=lambda line: None)
    taken = {search.group_of(f"{d.story.slug}/index.md", {d.story.slug}) for d in report.digests}
    return next(name for name in (f"regin-{n}" for n in range(100))
                if search.group_of(f"{name}/index.md", {name}) not in taken)


def test_one_more_article_gives_the_bytes_of_a_full_build(tmp_path: Path) -> None:
    # Two stories: the seeds' articles loose (grouped by the build), and a mirrored copy in a folder
    # whose name puts it in another part of the search index.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    articles = sorted(SEEDS.glob("*.txt"))
    for path in articles[:-1]:
        shutil.copy(path, seeds / path.name)
    mirror = other_shard(seeds, tmp_path / "probe")
    (seeds / mirror).mkdir()
    for path in articles:
        (seeds / mirror / path.name).write_text(mirrored(path.read_text(encoding="utf-8")), encoding="utf-8")
    archive = tmp_path / "archive"
    pages, kept, _, _ = map(int, _PAGES.search(make_site(seeds, archive)).groups())
    assert kept == 0

    # One more article joins the first story.
    shutil.copy(articles[-1], seeds / articles[-1].name)
    log = make_site(seeds, archive)
    pages, kept, _, rendered = map(int, _PAGES.search(log).groups())
    indexes, built, reused = map(int, _INDEXES.search(log).groups())
    assert kept > 0 and rendered < pages, log  # the other story's pages were left as they were
    assert reused > 0 and built < indexes, log  # and so was its part of the search index
    fresh = tmp_path / "fresh"
    make_site(seeds, fresh)
    assert_same_site(archive, fresh)
    assert tree(archive / "content") == tree(fresh / "content")

    # A story removed: its pages and its part of the search index go.
    shutil.rmtree(seeds / mirror)
    log = make_site(seeds, archive)
    assert _PAGES.search(log) is not None
    fresh = tmp_path / "fresh-without-mirror"
    make_site(seeds, fresh)
    assert_same_site(archive, fresh)


def test_the_page_cache_gives_mkdocs_own_bytes(tmp_path: Path) -> None:
    cached = tmp_path / "cached"
    make_site(SEEDS, cached)  # every page rendered by the hook's worker processes
    assert list((cached / ".site.cache" / "templates").glob("*/__jinja2_*.cache"))  # the theme's templates, compiled
    again = make_site(SEEDS, cached)
    pages, kept, _, rendered = map(int, _PAGES.search(again).groups())
    assert (kept, rendered) == (pages, 0), again
    plain = tmp_path / "plain"
    log = make_site(SEEDS, plain, cache=False)  # MkDocs renders every page itself
    assert _PAGES.search(log) is None
    assert_same_site(cached, plain)
    shutil.rmtree(cached / "site")  # every page from its cache entry (as for `mkdocs serve`'s own folder)
    again = make_site(SEEDS, cached)
    pages, _, reused, rendered = map(int, _PAGES.search(again).groups())
    assert (reused, rendered) == (pages, 0), again
    assert_same_site(cached, plain)


@pytest.mark.parametrize("page, warning", [
    ("A [link](missing.md) to nowhere.", "'missing.md'"),
    # A link to a file the build leaves out is no warning, but the page's other links must still be checked.
    ("A [hidden](.hidden.md) page and [an anchor](p1.md#nope) that is not there.", "'p1.md#nope'"),
])
def test_a_page_whose_conversion_warns_is_left_to_mkdocs_which_warns(tmp_path: Path, page: str, warning: str) -> None:
    # A worker cannot log a warning where MkDocs counts it: it leaves such a page to the main process.
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("# Home\n", encoding="utf-8")
    (content / ".hidden.md").write_text("# Hidden\n", encoding="utf-8")
    for n in range(12):  # enough new pages for the workers
        (content / f"p{n}.md").write_text(f"# Page {n}\n\nSome text.\n", encoding="utf-8")
    (content / "p7.md").write_text(f"# Page 7\n\n{page}\n", encoding="utf-8")
    config = write_config(tmp_path, hooks=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MKDOCS_PAGE_CACHE": "1"}
    for _ in range(2):  # and again: the page is built, and warns, on every build
        result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--dirty", "--config-file",
                                 str(config)], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
        assert result.returncode != 0 and result.stderr.count(warning) == 1, result.stderr  # once: the workers print nothing


_VERBATIM_PAGES = [
    # A block between paragraphs, one at the end, one first; one followed by an admonition.
    'Intro\n\n<div class="a" data-verbatim>\n<p id="x1">A &amp; <strong>b</strong></p>\n<table>\n<tr><td>1</td></tr>\n</table>\n</div>\n\n## Next\n\ntext [link](#x1)\n',
    'Intro\n\n<div class="a" data-verbatim>\n<p><span class="sentence" id="s-1">One.</span> <span id="s-2">Two.</span></p>\n</div>\n',
    '<div class="a" data-verbatim>\n<p id="top">first</p>\n</div>\n\n??? note "More"\n\n    - a\n',
    # Left to Markdown: a block holding another div, a block with no blank line before it, a block with a blank line inside.
    'Intro\n\n<div class="a" data-verbatim>\n<div id="in">x</div>\n</div>\n\nafter\n',
    'Intro\n<div class="a" data-verbatim>\n<p id="y">x</p>\n</div>\n\nafter\n',
    'Intro\n\n<div class="a" data-verbatim>\n<p id="z">x</p>\n\n<p>y</p>\n</div>\n\nafter\n',
]


@pytest.mark.parametrize("page", _VERBATIM_PAGES)
def test_verbatim_blocks_set_aside_give_the_html_markdown_gives(page: str) -> None:
    # hooks/page_cache.py sets data-verbatim blocks aside while Markdown converts a page, and puts them back.
    import markdown

    spec = importlib.util.spec_from_file_location("page_cache_hook", ROOT / "hooks" / "page_cache.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    extensions = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]
    text, blocks = hook._set_aside(page)
    assert bool(blocks) == (page in _VERBATIM_PAGES[:3])
    assert hook._put_back(markdown.markdown(text, extensions=extensions), blocks) == markdown.markdown(page, extensions=extensions)
    ids = {i for block in blocks.values() for i in hook._ID.findall(block)}
    assert ids == ({"x1"}, {"s-1", "s-2"}, {"top"}, set(), set(), set())[_VERBATIM_PAGES.index(page)]
