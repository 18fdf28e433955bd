"""Tests for generator.input.webpage: article body and metadata from a saved page."""
from __future__ import annotations

import dataclasses

import pytest

from generator.errors import InputError
from generator.input.webpage import WebPage, read_webpage

PARAGRAPHS = (
    (
        "Niger's military government said on Saturday that it was ending its military cooperation "
        "agreement with the United States with immediate effect, a spokesman said on national "
        "television."
    ),
    (
        "The announcement came a day after a senior American delegation left Niamey following three "
        "days of talks with the junta that seized power in a coup last July."
    ),
    (
        "About 1,000 US troops are stationed in the country, most of them at a drone base near "
        "Agadez that cost more than $100 million to build, according to officials."
    ),
    (
        "A Pentagon spokeswoman said Washington was aware of the statement and was seeking "
        "clarification through diplomatic channels."
    ),
)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Niger ends military pact with US | The Daily Example</title>
  <meta property="og:title" content="Niger ends military pact with US">
  <meta property="og:site_name" content="The Daily Example">
  <meta property="article:published_time" content="2024-03-17T09:30:00Z">
  <link rel="canonical" href="https://news.example.com/world/niger-us-pact">
  <script>var trackingToken = "SCRIPT_MUST_NOT_APPEAR"; window.dataLayer = [];</script>
  <style>.lead { font-weight: bold } /* STYLE_MUST_NOT_APPEAR */</style>
</head>
<body>
  <header>
    <nav class="menu"><ul>
      <li><a href="/">Home</a></li><li><a href="/world">World NAVIGATION_LINK</a></li>
      <li><a href="/subscribe">Subscribe today NAVIGATION_LINK</a></li>
    </ul></nav>
  </header>
  <main>
    <article>
      <h1>Niger ends military pact with US</h1>
      <p>{0}</p>
      <p>{1}</p>
      <script>document.write("INLINE_SCRIPT_MUST_NOT_APPEAR");</script>
      <p>{2}</p>
      <p>{3}</p>
    </article>
  </main>
  <aside class="related"><h2>Most read</h2><ul><li><a href="/x">SIDEBAR_LINK one</a></li></ul></aside>
  <footer class="footer"><p>Copyright 2024 Example Media FOOTER_TEXT. All rights reserved.</p>
    <a href="/privacy">Privacy policy FOOTER_TEXT</a></footer>
</body>
</html>
"""

HTML = PAGE.replace("{0}", PARAGRAPHS[0]).replace("{1}", PARAGRAPHS[1])
HTML = HTML.replace("{2}", PARAGRAPHS[2]).replace("{3}", PARAGRAPHS[3])


@pytest.fixture(scope="module")
def page() -> WebPage:
    return read_webpage(HTML)


def test_body_is_the_article_paragraphs_separated_by_blank_lines(page: WebPage) -> None:
    assert page.text == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    "boilerplate",
    ["SCRIPT_MUST_NOT_APPEAR", "INLINE_SCRIPT_MUST_NOT_APPEAR", "STYLE_MUST_NOT_APPEAR",
     "NAVIGATION_LINK", "FOOTER_TEXT", "SIDEBAR_LINK", "trackingToken"],
)
def test_boilerplate_and_scripts_are_left_out(page: WebPage, boilerplate: str) -> None:
    assert boilerplate not in page.text


def test_metadata(page: WebPage) -> None:
    assert page.title == "Niger ends military pact with US"
    assert page.date == "2024-03-17"
    assert page.outlet == "The Daily Example"
    assert page.url == "https://news.example.com/world/niger-us-pact"


def test_page_without_metadata_gives_none() -> None:
    bare = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
    result = read_webpage(bare)
    assert result.text == "\n\n".join(PARAGRAPHS)
    assert (result.date, result.outlet, result.url) == (None, None, None)


def test_webpage_is_frozen(page: WebPage) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.text = "changed"  # type: ignore[misc]


def test_same_page_gives_same_result(page: WebPage) -> None:
    assert read_webpage(HTML) == page


def test_recall_setting_keeps_the_article() -> None:
    text = read_webpage(HTML, favor_precision=False, favor_recall=True).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)


@pytest.mark.parametrize(
    "html", ["", "<html><head><title>T</title></head><body><script>var x = 1;</script></body></html>"]
)
def test_page_without_article_text_is_refused(html: str) -> None:
    with pytest.raises(InputError, match="no article text"):
        read_webpage(html)


def test_list_items_and_line_breaks_become_paragraphs_without_bullets() -> None:
    html = (
        "<html><head><title>Key facts</title></head><body><article>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}<br>{PARAGRAPHS[2]}</p>"
        "<ul><li>US troops: about 1,000</li><li>Base cost: $100 million</li></ul>"
        f"<p>{PARAGRAPHS[3]}</p></article></body></html>"
    )
    assert read_webpage(html).text.split("\n\n") == [
        PARAGRAPHS[0],
        PARAGRAPHS[1],
        PARAGRAPHS[2],
        "US troops: about 1,000",
        "Base cost: $100 million",
        PARAGRAPHS[3],
    ]


BASE_PAGE = (
    "<html><head><title>Niger ends military pact with US</title>"
    '<base href="https://archive.mirror.example/2023/01/">{head}</head><body><article>'
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article></body></html>"
)


NIGER_URL = "https://news.example.com/world/niger"


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ("", None),
        (f'<link rel="canonical" href="{NIGER_URL}">', NIGER_URL),
        (f'<meta property="og:url" content="{NIGER_URL}">', NIGER_URL),
    ],
    ids=["base-alone", "base-and-canonical", "base-and-og-url"],
)
def test_base_href_never_gives_the_page_url_outlet_or_date(head: str, url: str | None) -> None:
    page = read_webpage(BASE_PAGE.format(head=head))
    assert page.url == url
    assert page.outlet != "archive.mirror.example"
    assert page.date != "2023-01-01"


# The title in og:title, which trafilatura takes whole (it splits a <title> at separators itself).
TITLED_PAGE = (
    '<html><head><meta property="og:title" content="{title}">{head}</head><body><article>'
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article></body></html>"
)
SITE_NAME = '<meta property="og:site_name" content="The Daily Example">'
CANONICAL = '<link rel="canonical" href="https://social.techcrunch.com/2024/03/17/niger-ends-pact/">'


@pytest.mark.parametrize(
    ("title", "head", "expected"),
    [
        ("Niger ends military pact with US | The Daily Example", SITE_NAME, "Niger ends military pact with US"),
        ("Niger ends military pact with US - The Daily Example", SITE_NAME, "Niger ends military pact with US"),
        ("The Daily Example: Niger ends military pact with US", SITE_NAME, "Niger ends military pact with US"),
        ("Niger ends military pact with US – TechCrunch", CANONICAL, "Niger ends military pact with US"),
        ("Opinion | Niger ends military pact with US", SITE_NAME, "Opinion | Niger ends military pact with US"),
        ("Niger ends pact - a setback for Washington", SITE_NAME, "Niger ends pact - a setback for Washington"),
        ("The Daily Example", SITE_NAME, "The Daily Example"),
    ],
    ids=["pipe-site-name", "dash-site-name", "site-name-first", "host-name", "section-stays", "subtitle-stays",
         "only-the-name"],
)
def test_site_name_is_dropped_from_the_title(title: str, head: str, expected: str) -> None:
    assert read_webpage(TITLED_PAGE.format(title=title, head=head)).title == expected
