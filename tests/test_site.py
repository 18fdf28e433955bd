"""MkDocs in strict mode on the generated pages: broken links or anchors fail the build."""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.build import build

from .browser_util import ROOT, make_site, write_config
from .golden import SEEDS


def mkdocs_build(folder: Path, site: str, *, hash_seed: str = "0") -> subprocess.CompletedProcess[str]:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(folder / site)],
        cwd=folder, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0", "PYTHONHASHSEED": hash_seed},
    )


@pytest.fixture(scope="module")
def built_seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, subprocess.CompletedProcess[str]]:
    """The seeds built once for this module's tests: the folder, the story's slug and how mkdocs build ended."""
    folder = tmp_path_factory.mktemp("seeds")
    report = build(SEEDS, folder / "content", warn=lambda line: None)
    write_config(folder)
    return folder, report.digests[0].story.slug, mkdocs_build(folder, "site")


def test_mkdocs_strict_build_of_the_seeds(built_seeds: tuple[Path, str, subprocess.CompletedProcess[str]]) -> None:
    tmp_path, slug, result = built_seeds
    assert result.returncode == 0, result.stderr[-2000:]
    story = tmp_path / "site" / slug
    html = (story / "index.html").read_text(encoding="utf-8")
    assert html.count('class="cites"') >= 4
    assert (story / "digest.json").is_file()
    assert (tmp_path / "site" / "archive" / "2024-03" / "index.html").is_file()
    assert not any("fonts.googleapis" in p.read_text(errors="ignore") for p in (tmp_path / "site").rglob("*.html"))


class _Links(HTMLParser):
    """Collect a page's ids and the addresses of its links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")


def test_every_link_in_the_built_seeds_lands_on_a_page_and_its_anchor(
    built_seeds: tuple[Path, str, subprocess.CompletedProcess[str]],
) -> None:
    # MkDocs checks the links and anchors written in Markdown; the parts of pages written as HTML
    # (templates/*.html.j2) carry final addresses it does not check: this checks every link of the built site.
    folder, _slug, result = built_seeds
    assert result.returncode == 0
    site = folder / "site"
    pages = {}
    for path in site.rglob("*.html"):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    broken, checked = [], 0
    for path, parser in pages.items():
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or parts.path.startswith("/") or not (parts.path or parts.fragment):
                continue  # another site, the 404 page's absolute addresses, or "#"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if target.suffix != ".html":
                if not target.is_file():
                    broken.append(f"{path.relative_to(site)}: {href}")
                continue
            checked += 1
            if target not in pages or (parts.fragment and unquote(parts.fragment) not in pages[target].ids):
                broken.append(f"{path.relative_to(site)}: {href}")
    assert checked > 500 and broken == []


def test_the_site_is_byte_identical_across_builds(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "content", warn=lambda line: None)
    write_config(tmp_path)
    assert mkdocs_build(tmp_path, "one", hash_seed="1").returncode == 0
    assert mkdocs_build(tmp_path, "two", hash_seed="777").returncode == 0
    tree = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


HEADER = ROOT / "templates" / "overrides" / "partials" / "header.html"
# One of the override's blocks marked "search", with its comments.
_OUR_SEARCH = re.compile(r"[ \t]*\{#- search:.*?\{#- end of search -#\}\n", re.DOTALL)
# Material's search block in its header: the plugin's button and search box.
_MATERIAL_SEARCH = re.compile(r'[ \t]*\{% if "material/search" in config.plugins %\}.*?\{% endif %\}\s*\{% endif %\}\n', re.DOTALL)
# The leading template comment of a partial.
_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def test_the_header_override_is_materials_header_with_pagefind_search() -> None:
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = HEADER.read_text(encoding="utf-8")
    assert len(_OUR_SEARCH.findall(ours)) == 2 and len(_MATERIAL_SEARCH.findall(theirs)) == 1
    strip = lambda text: [line for line in text.splitlines() if line.strip()]  # noqa: E731
    assert strip(_OUR_SEARCH.sub("", _COMMENT.sub("", ours))) == strip(_MATERIAL_SEARCH.sub("", _COMMENT.sub("", theirs)))


def _indexed(site: Path) -> dict[str, str]:
    """Map each URL in the site's Pagefind indexes to the text indexed for it."""
    pages = {}
    for path in (site / "pagefind").rglob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[fragment["url"]] = fragment["content"]
    return pages


def test_search_is_pagefinds_index_of_the_story_pages(tmp_path: Path) -> None:
    make_site(SEEDS, tmp_path)
    site = tmp_path / "site"
    assert not (site / "search" / "search_index.json").exists()
    shards = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert shards and all((site / "pagefind" / shard / "pagefind-entry.json").is_file() for shard in shards)
    assert len(list(site.rglob("pagefind-ui.js"))) == 1  # the UI once, not per index or page
    indexed = _indexed(site)
    (story,) = [p.parent.name for p in site.glob("*/digest.json")]
    for page in ("", "quotes/", "people/", "figures/", "timeline/"):
        assert f"/{story}/{page}" in indexed
    assert "/" in indexed and any(url.startswith("/archive/") for url in indexed)
    assert not [url for url in indexed if "/sources/" in url]  # a source's full text is left out
    assert f"/{story}/comparison/" not in indexed  # and so is the comparison, which repeats it claim by claim
    # Nor the page chrome: the site's name is only in the header and footer.
    assert not [url for url, text in indexed.items() if "News explainers" in text]
