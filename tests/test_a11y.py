"""Accessibility of the seeds' site in Chromium: axe-core's WCAG 2.1 A and AA rules on every page
type in the light and dark palettes, at a desktop's and a phone's width; the phone layouts of the
coverage matrix, the figures' tables and the quotes' tabs; the matrix's text alternatives and
legends; keyboard use of tabs, tooltips, the palette toggle and search, with a visible focus.

Needs Debian's ``chromium`` at /usr/bin/chromium and the ``playwright`` and ``axe-playwright-python``
packages (the latter bundles axe-core: nothing is fetched while the tests run). Where one is
missing the tests are skipped, except in CI (``CI=true``), where they fail.

``pytest -s tests/test_a11y.py`` prints axe's result for each page type; the report and the
phone-width screenshots are written to ``test-artifacts/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .browser_util import ROOT, SEARCH_BOX, SEARCH_OPEN, SEARCH_RESULTS, free_port, make_site, search, search_results, serve
from .conftest import missing

SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 10_000
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class Site:
    """The seeds' site served on 127.0.0.1, with one page of each type."""

    base: str
    folder: Path
    story: str
    pages: dict[str, str]
    """Page type -> URL path: home, archive, problems, overview, comparison, ..., source."""

    def digest(self) -> dict[str, Any]:
        return json.loads((self.folder / self.story / "digest.json").read_text(encoding="utf-8"))

    def url(self, page_type: str) -> str:
        return self.base + self.pages[page_type]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        missing("the axe-playwright-python package is not installed")
    return Path(AXE_FILE_PATH)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("a11y-site")
    port = free_port()
    make_site(SEEDS, folder, site_url=f"http://127.0.0.1:{port}/")
    built = folder / "site"
    (digest,) = built.glob("*/digest.json")
    story = digest.parent.name
    month = sorted(p.name for p in (built / "archive").iterdir())[0]
    source = sorted(p.name for p in (built / story / "sources").iterdir())[0]
    pages = {
        "home": "",
        "archive month": f"archive/{month}/",
        "problems": "problems/",
        "overview": f"{story}/",
        "comparison": f"{story}/comparison/",
        "figures": f"{story}/figures/",
        "quotes": f"{story}/quotes/",
        "people": f"{story}/people/",
        "timeline": f"{story}/timeline/",
        "discrepancies": f"{story}/discrepancies/",
        "source": f"{story}/sources/{source}/",
    }
    with serve(built, port=port) as base:
        yield Site(base=base, folder=built, story=story, pages=pages)


def _page(browser: Any, *, viewport: dict[str, int] = DESKTOP, scheme: str = "light") -> Any:
    context = browser.new_context(viewport=viewport, color_scheme=scheme, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    page = _page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    page = _page(browser, viewport=PHONE)
    yield page
    page.context.close()


# --- axe-core ---------------------------------------------------------------------------------


def _axe(page: Any, script: Path) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.1 A and AA rules on the open page; return its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return list(result["violations"])


def _summary(violations: list[dict[str, Any]]) -> str:
    return ", ".join(f"{v['id']} ({len(v['nodes'])})" for v in violations) or "none"


def _details(violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"]]
        shown = "; ".join(targets[:8]) + (f"; … {len(targets) - 8} more" if len(targets) > 8 else "")
        lines.append(f"  {v['id']} ({v['impact']}): {shown}")
    return lines


_CONFIGS = (("light", DESKTOP), ("dark", DESKTOP), ("dark", PHONE), ("light", PHONE))
"""Palette and screen for each axe run, in an order that toggles the palette least."""
_RESULTS: dict[str, dict[str, list[dict[str, Any]]]] = {}
"""Configuration ("dark, 390px") -> page type -> axe's violations, for the report."""


def _name(scheme: str, viewport: dict[str, int]) -> str:
    return f"{scheme}, {viewport['width']}px"


@pytest.fixture(scope="module")
def axe_page(browser: Any, axe_script: Path) -> Iterator[Any]:
    """One tab for every axe run: a page is loaded once and checked in each palette and width."""
    page = _page(browser)
    yield page
    page.context.close()
    if _RESULTS:
        ARTIFACTS.mkdir(exist_ok=True)
        lines = []
        for config, results in _RESULTS.items():
            width = max(map(len, results))
            lines.append(f"axe-core {_axe_version(axe_script)}, WCAG 2.1 A and AA, {config}:")
            lines += [f"  {p:<{width}}  {_summary(v)}" for p, v in results.items()]
            lines += [f"  {p}:{d}" for p, v in results.items() for d in _details(v)]
        (ARTIFACTS / "axe-report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n" + "\n".join(lines))


def _axe_version(script: Path) -> str:
    with script.open(encoding="utf-8") as f:
        head = f.readline()  # "/*! axe v4.12.1"
    return head.split()[-1]


def _set_scheme(page: Any, scheme: str) -> None:
    """Switch the palette with its own toggle in the header, as a reader would."""
    wanted = "slate" if scheme == "dark" else "default"
    current = "document.body.dataset.mdColorScheme"
    if page.evaluate(current) != wanted:
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function(f"{current} === {wanted!r}")
        # The pointer leaves the toggle, and its tooltip fades out: half-faded text is no test.
        size = page.viewport_size
        page.mouse.move(size["width"] - 1, size["height"] - 1)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.md-tooltip, .md-tooltip2')]"
            ".every(t => getComputedStyle(t).opacity === '0')"
        )


def _settle(page: Any) -> None:
    """Wait for the layout and for every transition (colours fade when the palette changes) to end."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


PAGE_TYPES = (
    "home", "archive month", "problems", "overview", "comparison", "figures", "quotes", "people",
    "timeline", "discrepancies", "source",
)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_no_violation(axe_page: Any, site: Site, axe_script: Path, page_type: str) -> None:
    page = axe_page
    page.set_viewport_size(DESKTOP)
    page.goto(site.url(page_type))
    page.locator("article").first.wait_for()
    failures = []
    for scheme, viewport in _CONFIGS:
        page.set_viewport_size(viewport)
        _set_scheme(page, scheme)
        _settle(page)
        found = _axe(page, axe_script)
        _RESULTS.setdefault(_name(scheme, viewport), {})[page_type] = found
        if found:
            failures.append(f"{_name(scheme, viewport)}: {_summary(found)}\n" + "\n".join(_details(found)))
    assert not failures, f"axe-core found WCAG 2.1 A/AA violations on {page_type}:\n" + "\n".join(failures)


def test_axe_finds_no_violation_with_controls_open(axe_page: Any, site: Site, axe_script: Path) -> None:
    """The states a reader opens: search results, a citation's tooltip, the second tab of a quote."""
    page = axe_page
    page.set_viewport_size(DESKTOP)
    results: dict[str, dict[str, list[dict[str, Any]]]] = {"light": {}, "dark": {}}

    def check(state: str) -> None:
        # Material's palette is the body's attribute: set it directly, so the open control stays open.
        for scheme, value in (("light", "default"), ("dark", "slate")):
            page.evaluate("value => document.body.setAttribute('data-md-color-scheme', value)", value)
            _settle(page)
            results[scheme][state] = _axe(page, axe_script)

    page.goto(site.url("overview"))
    search(page, _speaker(site.digest()))
    check("search results")
    page.goto(site.url("overview"))
    page.locator("article .cites a").first.focus()
    page.locator(".md-tooltip2--active").wait_for()
    check("citation tooltip")
    page.goto(site.url("quotes"))
    page.locator(".tabbed-labels > label:nth-child(2)").first.click()
    check("second tab of a quote")
    failures = []
    for scheme, found in results.items():
        _RESULTS[f"{scheme}, controls open"] = found
        failures += [f"{scheme}, {p}: {_summary(v)}\n" + "\n".join(_details(v)) for p, v in found.items() if v]
    assert not failures, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(failures)


def test_the_system_dark_setting_picks_the_dark_palette(browser: Any, site: Site) -> None:
    page = _page(browser, scheme="dark")
    try:
        page.goto(site.url("home"))
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    finally:
        page.context.close()


# --- a phone's width ----------------------------------------------------------------------------


def _shot(page: Any, name: str, *, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"phone-{name}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000, f"{path.name} is blank"
    return path


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px screen"


def test_phone_matrix_card_names_every_source(phone: Any, site: Site) -> None:
    phone.goto(site.url("comparison"))
    cards = phone.evaluate(
        """() => {
            const table = document.querySelector('.coverage-matrix table');
            const outlets = [...table.querySelectorAll('thead th')].slice(3).map(th => th.textContent.trim());
            const inView = e => { const r = e.getBoundingClientRect();
                return r.width > 1 && r.height > 1 && r.left >= 0 && r.right <= innerWidth + 0.5; };
            const cards = [...table.tBodies[0].rows].map(row => [...row.cells].slice(3).map((cell, i) => {
                const label = cell.querySelector('.cov-label');
                const mark = cell.querySelector('.cov-yes, .cov-no, .cov-near');
                return {outlet: outlets[i], text: label ? label.textContent.trim() : '',
                        shown: !!label && inView(label) && inView(mark), yes: !!cell.querySelector('a.cov-yes'),
                        near: !!cell.querySelector('a.cov-near')};
            }));
            return cards;
        }"""
    )
    digest = site.digest()
    rows = [e for e in digest["events"] if len(e["sources"]) > 1]  # the matrix: events two or more sources report
    assert len(cards) == len(rows) > 0
    for event, card in zip(rows, cards):
        assert len(card) == len(digest["sources"])
        for cell in card:
            expected = (f"reported by {cell['outlet']}" if cell["yes"] else
                        f"touched on by {cell['outlet']} in a sentence on something else" if cell["near"] else
                        f"not reported by {cell['outlet']}")
            assert cell["text"] == expected, (event["label"], cell)
            assert cell["shown"], f"{cell['text']!r} is not on screen in the card of {event['label']!r}"
        assert sum(c["yes"] for c in card) == len(event["sources"]), event["label"]
        assert sum(c["near"] for c in card) == len(event["near"]), event["label"]
    _no_sideways_scroll(phone)
    _shot(phone, "comparison")
    # What the reader sees on reaching the matrix: its legend and the first cards.
    phone.evaluate("window.scrollTo(0, document.getElementById('coverage-matrix').offsetTop - 60)")
    _settle(phone)
    _shot(phone, "comparison-matrix", full_page=False)


def test_phone_figures_tables_keep_their_last_column_on_screen(phone: Any, site: Site) -> None:
    phone.goto(site.url("figures"))
    tables = phone.evaluate(
        """() => [...document.querySelectorAll('article table')].map(t => {
            const last = t.querySelector('thead th:last-child').getBoundingClientRect();
            const wrap = t.closest('.md-typeset__scrollwrap');
            return {header: t.querySelector('thead th:last-child').textContent.trim(), left: last.left,
                    right: last.right, scrolls: wrap.scrollWidth > wrap.clientWidth + 1};
        })"""
    )
    assert len(tables) >= 2
    for table in tables:
        assert 0 <= table["left"] and table["right"] <= PHONE["width"] + 0.5, table
        assert not table["scrolls"], table
    # Every source a figure names is on screen, without scrolling sideways.
    links = phone.locator("article table td:last-child a")
    assert links.count() >= len(site.digest()["figures"])
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5
    _no_sideways_scroll(phone)


def test_phone_quote_tabs_all_on_screen(phone: Any, site: Site) -> None:
    phone.goto(site.url("quotes"))
    sets = phone.locator("article .tabbed-set")
    assert sets.count() >= 1, "the seeds have a quote that outlets word differently"
    for i in range(sets.count()):
        labels = sets.nth(i).locator(".tabbed-labels > label")
        for j in range(labels.count()):
            box = labels.nth(j).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (
                labels.nth(j).inner_text(),
                box,
            )
    first = sets.first
    first.locator(".tabbed-labels > label").last.click()
    blocks = first.locator(".tabbed-block")
    assert blocks.last.is_visible() and not blocks.first.is_visible()
    first.locator(".tabbed-labels > label").first.click()
    _no_sideways_scroll(phone)
    _shot(phone, "quotes")


def test_phone_overview(phone: Any, site: Site) -> None:
    phone.goto(site.url("overview"))
    _no_sideways_scroll(phone)
    for header in phone.locator("article table thead th:last-child").all():
        box = header.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"] + 0.5, header.inner_text()
    _shot(phone, "overview")


# --- text alternatives and legends ----------------------------------------------------------------


def test_matrix_marks_are_announced(desktop: Any, site: Site) -> None:
    desktop.goto(site.url("comparison"))
    matrix = desktop.locator(".coverage-matrix table")
    outlets = [t.strip() for t in matrix.locator("thead th").all_inner_texts()[3:]]
    digest = site.digest()
    tree = matrix.aria_snapshot()
    assert not {"●", "○", "◐"} & set(tree), "the symbols are read out instead of their meaning"
    rows = [e for e in digest["events"] if len(e["sources"]) > 1]
    for source, outlet in zip(digest["sources"], outlets):
        carried = sum(source["id"] in e["sources"] for e in rows)
        close = sum(source["id"] in e["near"] for e in rows)
        yes = matrix.get_by_role("link", name=f"reported by {outlet}", exact=True)
        assert yes.count() == carried, outlet
        near = matrix.get_by_role("link", name=f"touched on by {outlet} in a sentence on something else", exact=True)
        assert near.count() == close, outlet
        assert tree.count(f'cell "not reported by {outlet}"') == len(rows) - carried - close, outlet
    # On a wide screen the words are for screen readers only: the table shows the symbols.
    label = matrix.locator(".cov-label").first
    assert label.evaluate("e => e.getBoundingClientRect().width") <= 1


def test_every_mark_is_explained_on_its_page(desktop: Any, site: Site) -> None:
    desktop.goto(site.url("comparison"))
    legend = desktop.locator(".coverage-legend").inner_text()
    matrix = desktop.locator(".coverage-matrix tbody").inner_text()
    for mark, meaning in (("●", "reports the event"), ("○", "does not"), ("◐", "touches on it"), ("⚠ disputed", "different")):
        if mark in matrix:
            assert mark in legend and meaning in legend, mark
    for column in ("Sources", "Independent"):
        assert f"{column}: how many" in legend or f"{column}: the same count" in legend, column

    desktop.goto(site.url("source"))
    legend_classes = desktop.evaluate(
        "() => [...document.querySelectorAll('.source-legend [class]')].map(e => e.className)"
    )
    for used, name in (("mark.quote", "quote"), ("mark.figure", "figure"), (".sentence.unique", "sentence unique")):
        if desktop.locator(f"article p {used}").count():
            assert any(name in c for c in legend_classes), used
    legend = desktop.locator(".source-legend").inner_text()
    assert "dotted underline" in legend and "outlined" in legend

    desktop.goto(site.url("timeline"))
    intro = desktop.locator("article").inner_text()
    assert "filled dot" in intro
    if desktop.locator(".timeline-approximate").count():
        assert "hollow dot" in intro

    desktop.goto(site.url("overview"))
    counts = desktop.locator(".story-counts").inner_text()
    assert "An event is" in counts and "Independent sources" in counts


# --- the keyboard ---------------------------------------------------------------------------------

# What the reader sees of the focused element: its own outline, or for the inputs Material hides
# (palette, tabs) the label that stands for them.
_FOCUS = """() => {
    const e = document.activeElement;
    let shown = e;
    if (e.matches('.md-option')) shown = e.nextElementSibling;
    if (e.matches('.tabbed-set > input')) shown = e.closest('.tabbed-set').querySelector(`label[for="${e.id}"]`);
    const s = getComputedStyle(shown);
    const kind = e.matches('.md-option') ? 'palette'
        : e.matches('[data-search-open]') ? 'search'
        : e.matches('.tabbed-set > input') ? 'tab'
        : e.matches('article a[title]') && e.closest('.cites, td, p') ? 'citation' : 'other';
    if (shown.dataset) shown.dataset.focusProbe = kind;
    return {kind, tag: e.tagName, id: e.id, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
            title: e.getAttribute('title') || ''};
}"""


def test_keyboard_reaches_every_control_with_a_visible_focus(desktop: Any, site: Site) -> None:
    page = desktop
    page.goto(site.url("quotes"))
    seen: dict[str, dict[str, Any]] = {}
    for _ in range(120):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if focus["kind"] != "other" and focus["kind"] not in seen:
            seen[focus["kind"]] = focus
            if focus["kind"] == "citation":
                # Material shows the link's title as a tooltip on keyboard focus, not only on hover.
                page.wait_for_function(
                    "start => [...document.querySelectorAll('.md-tooltip2--active')]"
                    ".some(t => t.innerText.trim().startsWith(start))",
                    arg=focus["title"].strip()[:40],
                )
        if len(seen) == 4:
            break
    assert set(seen) == {"palette", "search", "tab", "citation"}, sorted(seen)
    for kind, focus in seen.items():
        assert focus["outline"] != "none" and focus["width"] >= 2, (kind, focus)
    # The ring belongs to the focus: without it, the same elements have none.
    page.evaluate("document.activeElement.blur()")
    unfocused = page.evaluate(
        "() => [...document.querySelectorAll('[data-focus-probe]')].map(e => getComputedStyle(e).outlineStyle)"
    )
    assert unfocused and set(unfocused) == {"none"}, unfocused


def test_keyboard_switches_tabs_and_palette(desktop: Any, site: Site) -> None:
    page = desktop
    page.goto(site.url("quotes"))
    tabs = page.locator("article .tabbed-set").first
    radios = tabs.locator(":scope > input")
    radios.first.focus()
    page.keyboard.press("ArrowRight")
    assert radios.nth(1).is_checked()
    assert page.evaluate("document.activeElement.id") == radios.nth(1).get_attribute("id")
    blocks = tabs.locator(".tabbed-block")
    assert blocks.nth(1).is_visible() and not blocks.first.is_visible()

    scheme = "document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == "default"
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"{scheme} === 'slate'")
    page.keyboard.press("Enter")
    page.wait_for_function(f"{scheme} === 'default'")


def _speaker(digest: dict[str, Any]) -> str:
    return next(str(q["speaker"]) for q in digest["quotes"] if q.get("speaker"))


def _tab_to(page: Any, selector: str, *, presses: int, what: str) -> None:
    """Press Tab until the focused element matches ``selector``; fail after ``presses`` presses."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reaches {what}")


def test_search_from_the_keyboard(desktop: Any, site: Site) -> None:
    page = desktop
    page.goto(site.url("home"))
    _tab_to(page, SEARCH_OPEN, presses=20, what="the search button")
    page.keyboard.press("Enter")
    page.wait_for_function("s => document.activeElement.matches(s)", arg=SEARCH_BOX)  # the box takes the focus
    query = _speaker(site.digest())
    page.keyboard.type(query)
    results = search_results(page, query)
    _tab_to(page, SEARCH_RESULTS, presses=10, what="a search result")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and focused == results.first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"/{site.story}/" in url)
