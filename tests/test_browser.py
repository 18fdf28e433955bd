"""The built site in a real Chromium: search, citations, pages, no outside requests, hostile input.

Needs Debian's ``chromium`` at /usr/bin/chromium and the ``playwright`` package. Where either is
missing the tests are skipped, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import json
import re
import struct
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from .browser_util import (
    ROOT,
    free_port,
    make_site,
    search,
    serve,
    site_pages,
)

SEEDS = ROOT / "seeds"
HOSTILE = ROOT / "tests" / "cases" / "hostile"
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 10_000

# "Matthew Miller said": a two-word capitalised name right before a speech verb (fallback speaker).
_SAID = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+),? (?:said|told|says|acknowledged)\b")
# What only article text could have put on a page: the hostile seeds' payloads.
_PAYLOAD = re.compile(
    r"alert\(|onerror|onload|onclick|onmouseover|display:\s*none", re.IGNORECASE
)


@dataclass
class Site:
    """A built site served on 127.0.0.1."""

    base: str
    folder: Path
    requests: list[str] = field(default_factory=list)
    """Every URL any page of this site asked for."""
    dialogs: list[str] = field(default_factory=list)
    """The message of every alert/confirm/prompt a page opened."""

    def digest(self) -> dict[str, Any]:
        (path,) = self.folder.glob("*/digest.json")
        return json.loads(path.read_text(encoding="utf-8"))

    def story(self) -> str:
        (path,) = self.folder.glob("*/digest.json")
        return path.parent.name

    def pages(self) -> list[str]:
        """Every page but 404 and the redirects from a story's earlier addresses (they navigate away)."""
        return [
            p for p in site_pages(self.folder)
            if p != "404.html" and 'http-equiv="refresh"' not in (self.folder / p / "index.html").read_text(encoding="utf-8")
        ]


def _served(folder: Path, seeds: Path) -> Iterator[Site]:
    # site_url makes the sitemap list the pages, which Material's instant navigation needs.
    port = free_port()
    make_site(seeds, folder, site_url=f"http://127.0.0.1:{port}/")
    with serve(folder / "site", port=port) as base:
        yield Site(base=base, folder=folder / "site")


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from _served(tmp_path_factory.mktemp("seeds-site"), SEEDS)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from _served(tmp_path_factory.mktemp("hostile-site"), HOSTILE)


def _open(browser: Any, site: Site) -> Any:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="block"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", lambda request: site.requests.append(request.url))
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        site.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


@pytest.fixture
def seeds_page(browser: Any, seeds_site: Site) -> Iterator[Any]:
    page = _open(browser, seeds_site)
    yield page
    page.context.close()


@pytest.fixture
def hostile_page(browser: Any, hostile_site: Site) -> Iterator[Any]:
    page = _open(browser, hostile_site)
    yield page
    page.context.close()


def _speaker(digest: dict[str, Any]) -> str:
    for quote in digest["quotes"]:
        if quote.get("speaker"):
            return str(quote["speaker"])
    for entity in digest["entities"]:
        if entity.get("kind") == "person":
            warnings.warn(
                "no quote has a speaker yet: searching for a person named in the digest",
                stacklevel=2,
            )
            return str(entity["name"])
    for line in digest["summary"]:
        match = _SAID.search(line["text"])
        if match:
            warnings.warn(
                "no quote or person in digest.json yet: searching for a speaker of the summary",
                stacklevel=2,
            )
            return match.group(1)
    raise AssertionError("digest.json names no speaker at all")


def test_search_finds_what_readers_look_for(seeds_site: Site, seeds_page: Any) -> None:
    digest = seeds_site.digest()
    story = seeds_site.story()
    person = next(e["name"] for e in digest["entities"] if e.get("kind") == "person")
    # What a reader searches for, and the page that must come up for it (for the speaker: any of the story's).
    queries = [
        (_speaker(digest), None),
        (person, f"/{story}/people/"),
        (digest["figures"][0]["about"], f"/{story}/figures/"),
        (digest["story"]["title"], f"/{story}/"),
    ]
    seeds_page.goto(seeds_site.base)
    start = len(seeds_site.requests)
    for query, expected in queries:
        results = search(seeds_page, query)
        hrefs = [(results.nth(i).get_attribute("href") or "").split("#")[0] for i in range(results.count())]
        if expected is None:
            assert any(f"/{story}/" in href for href in hrefs), (query, hrefs)
        else:
            assert any(href.endswith(expected) for href in hrefs), (query, hrefs)
    asked = [urlsplit(url) for url in seeds_site.requests[start:]]
    assert {url.hostname for url in asked} == {"127.0.0.1"}
    assert any(url.path.startswith("/pagefind/shard/") for url in asked), "no shard of the index was read"
    assert not any(url.path.endswith("search_index.json") for url in asked), "Material's whole-site index was read"


def _instant_navigation() -> bool:
    config = yaml.load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    return "navigation.instant" in config.get("theme", {}).get("features", [])


def test_summary_citation_lands_on_its_highlighted_sentence(
    seeds_site: Site, seeds_page: Any
) -> None:
    page = seeds_page
    page.goto(seeds_site.base + seeds_site.story() + "/")
    page.evaluate("window.__same_document = true")
    citation = page.locator("h2:has-text('What happened') ~ * ol .cites a").first
    anchor = (citation.get_attribute("href") or "").split("#")[1]
    citation.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=anchor)
    target = page.locator(f"[id='{anchor}']")
    target.wait_for()
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        arg=anchor,
    )
    assert page.evaluate("(document.querySelector(':target') || {}).id") == anchor
    styles = page.evaluate(
        """id => {
            const look = e => { const s = getComputedStyle(e); return [s.backgroundColor, s.outlineStyle, s.outlineColor]; };
            const other = [...document.querySelectorAll('.sentence')].find(e => e.id !== id);
            return [look(document.getElementById(id)), look(other)];
        }""",
        anchor,
    )
    assert styles[0] != styles[1], styles
    # With navigation.instant the click is an in-page swap, not a page load: :target must work there too.
    assert page.evaluate("window.__same_document === true") == _instant_navigation()


def test_coverage_matrix_is_visible(seeds_site: Site, seeds_page: Any) -> None:
    seeds_page.goto(seeds_site.base + seeds_site.story() + "/comparison/")
    matrix = seeds_page.locator("h2#coverage-matrix ~ * table").first
    assert matrix.is_visible()
    sources = len(seeds_site.digest()["sources"])
    assert matrix.locator("thead th").count() >= sources
    assert matrix.locator("tbody tr").count() >= 1
    assert matrix.locator("a.cov-yes").first.is_visible()


def test_coverage_matrix_gives_the_claims_room(seeds_site: Site, seeds_page: Any) -> None:
    seeds_page.goto(seeds_site.base + seeds_site.story() + "/comparison/")
    table, claim, frame = seeds_page.evaluate(
        """() => {
            const t = document.querySelector('h2#coverage-matrix ~ * table');
            const w = e => e.getBoundingClientRect().width;
            return [w(t), w(t.rows[1].cells[0]), t.closest('.md-typeset__scrollwrap').clientWidth];
        }"""
    )
    assert table <= frame + 1, "the matrix scrolls sideways on a desktop screen"
    assert claim >= 0.35 * table, f"the claim column is {claim:.0f}px of {table:.0f}px"


def test_an_earlier_address_of_a_story_redirects_to_it(seeds_site: Site, seeds_page: Any) -> None:
    story = seeds_site.story()
    digest = json.loads((seeds_site.folder / story / "digest.json").read_text(encoding="utf-8"))
    aliases = digest["story"]["aliases"]
    assert aliases, "the seeds' story has articles that would each have named it"
    seeds_page.goto(seeds_site.base + aliases[0] + "/")
    seeds_page.wait_for_url(seeds_site.base + story + "/")
    assert seeds_page.inner_text("article h1").rstrip("¶") == digest["story"]["title"]


def test_timeline_is_visible(seeds_site: Site, seeds_page: Any) -> None:
    seeds_page.goto(seeds_site.base + seeds_site.story() + "/timeline/")
    events = seeds_page.locator(".timeline .timeline-event")
    assert events.count() == len(seeds_site.digest()["timeline"]) > 0
    assert events.first.is_visible()
    box = seeds_page.locator(".timeline").bounding_box()
    assert box is not None and box["height"] > 100


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def _png_pixels(path: Path) -> bytes:
    """The decompressed image data of a PNG (filter bytes included): enough to tell a drawn page from a blank one."""
    data, at, chunks = path.read_bytes(), 8, []
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    return zlib.decompress(b"".join(chunks))


def test_overview_full_page_screenshot(seeds_site: Site, seeds_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "overview.png"
    shot.unlink(missing_ok=True)
    seeds_page.goto(seeds_site.base + seeds_site.story() + "/")
    seeds_page.screenshot(path=str(shot), full_page=True)
    width, height = _png_size(shot)
    assert width == 1280 and height == seeds_page.evaluate("document.documentElement.scrollHeight") > 900
    pixels = _png_pixels(shot)
    assert len(set(pixels[:: max(1, len(pixels) // 5000)])) > 16, "the screenshot is (nearly) one colour: nothing drawn"


def _check_page(page: Any) -> list[str]:
    """Return what is wrong on the open page: article markup that became live, a table that lost a cell."""
    return page.evaluate(
        r"""payload => {
            const bad = [];
            const re = new RegExp(payload, 'i');
            for (const e of document.querySelectorAll('*')) {
                for (const a of e.attributes) {
                    if (a.name.toLowerCase().startsWith('on')) bad.push(`${e.tagName} has ${a.name}`);
                    if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(a.name.toLowerCase())) {
                        const url = new URL(a.value, document.baseURI);
                        if (!['http:', 'https:'].includes(url.protocol)) bad.push(`${e.tagName} ${a.name}=${a.value.slice(0, 60)}`);
                    }
                }
            }
            for (const s of document.querySelectorAll('script, style')) {
                if (re.test(s.textContent)) bad.push(`${s.tagName} from an article: ${s.textContent.slice(0, 60)}`);
            }
            const live = 'article iframe, article object, article embed, article img, article svg, article form,'
                + ' article input, article script, article style, article base, article link, article meta';
            for (const e of document.querySelectorAll(live)) bad.push(`${e.tagName} inside the article`);
            for (const table of document.querySelectorAll('article table')) {
                const columns = table.querySelectorAll('thead th').length;
                for (const row of table.querySelectorAll('tbody tr')) {
                    const cells = row.querySelectorAll('td, th').length;
                    if (cells !== columns) bad.push(`table row with ${cells} cells under ${columns} headers`);
                }
            }
            if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
                bad.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`);
            return bad;
        }""",
        _PAYLOAD.pattern,
    )


def test_hostile_seeds_never_become_markup(
    hostile_site: Site, hostile_page: Any
) -> None:
    pages = hostile_site.pages()
    assert len(pages) >= 10
    problems = {}
    for path in pages:
        hostile_page.goto(hostile_site.base + path)
        hostile_page.locator("article").first.wait_for()
        found = _check_page(hostile_page)
        if found:
            problems[path] = found
    assert problems == {}
    assert hostile_site.dialogs == []
    assert {urlsplit(url).hostname for url in hostile_site.requests} == {"127.0.0.1"}


# Record every tooltip Material shows: it builds one when a titled element is hovered.
_TOOLTIP_RECORDER = """
window.__tooltips = [];
new MutationObserver(() => {
    for (const e of document.querySelectorAll('.md-tooltip2__inner, .md-tooltip__inner'))
        if (!window.__tooltips.includes(e.innerHTML)) window.__tooltips.push(e.innerHTML);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def test_hovering_every_title_runs_nothing(hostile_site: Site, hostile_page: Any) -> None:
    """Material's tooltips insert a title as HTML: hover every titled element of every page type."""
    page = hostile_page
    page.add_init_script(_TOOLTIP_RECORDER)
    hovered: set[str] = set()
    shown: list[str] = []
    for path in hostile_site.pages():
        page.goto(hostile_site.base + path)
        page.locator("article").first.wait_for()
        titled = page.locator("article [title]")
        for i in range(titled.count()):
            element = titled.nth(i)
            if element.is_visible():
                element.hover(force=True, timeout=2_000)
                page.wait_for_timeout(60)
                hovered.add(path.split("/")[1] if path.count("/") > 1 else path)
        shown += page.evaluate("window.__tooltips")
    assert {"comparison", "figures", "quotes", "sources"} <= hovered, sorted(hovered)
    assert any("&lt;img src=x" in html for html in shown), "no tooltip showed an article's markup as text"
    assert [html for html in shown if re.search(r"<(img|script|svg|a |b )", html)] == []
    assert hostile_site.dialogs == []


def test_hostile_text_is_shown_as_written(
    hostile_site: Site, hostile_page: Any
) -> None:
    story = hostile_site.story()
    hostile_page.goto(hostile_site.base + f"{story}/sources/bravo/")
    text = hostile_page.inner_text("article")
    for literal in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[officials said](javascript:alert(1))",
        "{{ 7*7 }}",
        "{% for x in range(3) %}loop{% endfor %}",
        "| cell | cell |",
        "Entities stay as written:",
        "a lone & ampersand",
        "$4 million | perhaps more",
        "Floodwater" + "o" * 490,
    ):
        assert literal in text, literal
    assert "49" not in text.replace("2024", "")
    hostile_page.goto(hostile_site.base + f"{story}/")
    heading = hostile_page.inner_text("article h1")
    assert "<script>alert(1)</script>" in heading and "{{ 7*7 }}" in heading
    assert "<script>alert(1)</script>" in hostile_page.title()
    hostile_page.goto(hostile_site.base + f"{story}/sources/delta/")
    assert "said <script>alert(1)</script> in a statement" in hostile_page.inner_text("article")
    original = hostile_page.get_by_role("link", name="original article").get_attribute("href") or ""
    assert original.startswith("https://evil.example/") and '"' not in original and " " not in original
    assert hostile_site.dialogs == []


def test_long_words_wrap_on_a_phone(hostile_site: Site, hostile_page: Any) -> None:
    hostile_page.set_viewport_size({"width": 375, "height": 800})
    story = hostile_site.story()
    for path in (f"{story}/", f"{story}/sources/bravo/"):
        hostile_page.goto(hostile_site.base + path)
        width = hostile_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a 375px screen"


def test_tables_keep_their_columns(
    seeds_site: Site, seeds_page: Any, hostile_site: Site, hostile_page: Any
) -> None:
    for site, page in ((seeds_site, seeds_page), (hostile_site, hostile_page)):
        page.goto(site.base + site.story() + "/comparison/")
        rows = page.locator("article table tbody tr")
        assert rows.count() >= 3
        assert _check_page(page) == []


def test_no_request_leaves_the_local_server(
    seeds_site: Site, seeds_page: Any, hostile_site: Site
) -> None:
    for path in seeds_site.pages():
        seeds_page.goto(seeds_site.base + path)
    visited = {urlsplit(url).path for url in seeds_site.requests}
    assert len(visited) >= len(seeds_site.pages())
    hosts = {
        urlsplit(url).hostname for url in seeds_site.requests + hostile_site.requests
    }
    assert hosts == {"127.0.0.1"}
    assert seeds_site.dialogs == []
