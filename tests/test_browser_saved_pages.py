"""A story built from saved web pages, in Chromium: outlets by name, headlines side by side, and what
a later page added. Needs Debian's chromium and playwright, like tests/test_browser.py."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .browser_util import free_port, make_site, serve

PAGE = """<!doctype html><html><head><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T08:00:00Z">
<link rel="canonical" href="https://{host}/news/riverton-floods"></head>
<body><nav>Home · World · Sport</nav><article><h1>{title}</h1>
<p>The river at Riverton rose {metres} metres overnight and the town hall was closed by the mayor on Monday.</p>
<p>Rescue teams moved {people} people to the sports hall, officials said, as the main bridge was shut.</p>
<p>{extra}</p></article><footer>© {outlet}</footer></body></html>"""

PAGES = {
    "gazette.html": dict(outlet="Riverton Gazette", host="gazette.example.com", title="Floods shut Riverton bridge",
                         date="2024-05-06", metres="two", people="1,200", extra="Schools stay closed until Thursday, the council said."),
    "herald.html": dict(outlet="County Herald", host="herald.example.com", title="River bursts its banks in Riverton",
                        date="2024-05-06", metres="two", people="1,200", extra="Farmers upstream reported flooded fields on Sunday."),
}
LATER = ("tribune.html", dict(outlet="Valley Tribune", host="tribune.example.com", title="Riverton counts the cost of the flood",
                              date="2024-05-07", metres="two", people="1,500", extra="Insurers put the damage at $40 million on Tuesday."))


def _write(seeds: Path, name: str, fields: dict[str, str]) -> None:
    (seeds / name).write_text(PAGE.format(**fields), encoding="utf-8")


def test_saved_pages_show_outlets_headlines_and_what_a_later_page_added(tmp_path: Path, browser: Any) -> None:
    seeds = tmp_path / "seeds" / "riverton"
    seeds.mkdir(parents=True)
    for name, fields in PAGES.items():
        _write(seeds, name, fields)
    port = free_port()
    make_site(seeds.parent, tmp_path, site_url=f"http://127.0.0.1:{port}/")
    with serve(tmp_path / "site", port=port) as base:
        page = browser.new_page()
        page.goto(base + "riverton/")
        headlines = page.locator("article table").filter(has_text="Headline").first
        text = headlines.inner_text()
        for fields in PAGES.values():
            assert fields["outlet"] in text and fields["title"] in text
        assert headlines.locator("strong").count() >= 2  # each headline's own words stand out
        assert "New on" not in page.inner_text("article")  # one date: nothing is newer than the rest
        _write(seeds, *LATER)
        make_site(seeds.parent, tmp_path, site_url=f"http://127.0.0.1:{port}/")
        page.goto(base + "riverton/")
        box = page.locator(".admonition").filter(has_text="New on 2024-05-07")
        assert box.count() == 1
        said = box.inner_text()
        assert "Valley Tribune" in said and "dates go up to 2024-05-06" in said
        assert "$40 million" in said or "counts the cost" in said or "1,500" in said
        page.close()
