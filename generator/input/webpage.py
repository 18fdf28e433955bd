"""Read a saved web page: the article body and its metadata, offline, with trafilatura."""
from __future__ import annotations

import re
from urllib.parse import urlsplit
from dataclasses import dataclass

import trafilatura
from courlan import extract_domain
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from generator.errors import InputError
from ..english.text import key

# Latest publication date htmldate may accept. Fixed, not "today", so that the same page gives the
# same date whenever it is read (htmldate's default bound moves with the clock).
_MAX_DATE = "2099-12-31"

# A calendar date as htmldate returns it: "2024-03-17".
_ISO_DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")

# Runs of spaces and tabs inside a paragraph: "Niger  said\t today".
_INLINE_SPACE_RE = re.compile(r"[ \t]+")

# Where a page title joins the headline and the site's name: "Headline | Site", "Headline - Site",
# "Headline – Site", "Site: Headline".
_TITLE_JOIN_RE = re.compile(r"\s+[|·•»–—-]\s+|\s*\|\s*|:\s+")

# The bullet trafilatura puts before each list item in its text output: "- item".
_LIST_MARKER_RE = re.compile(r"\A- (?=\S)")


@dataclass(frozen=True, slots=True)
class WebPage:
    """What a saved web page says about its article."""

    text: str
    """The article body: paragraphs separated by one blank line, without navigation or scripts."""
    title: str
    """The headline (og:title, the <title> without the site name, or the first heading); may be ""."""
    date: str | None = None
    """Publication date ``YYYY-MM-DD`` from the page's metadata, or None when it gives none."""
    outlet: str | None = None
    """The site's name (og:site_name, JSON-LD publisher or similar), else its address's domain, or None."""
    url: str | None = None
    """The canonical address the page declares (link rel=canonical, og:url), or None."""
    outlet_basis: str | None = None
    """"page" when the page states ``outlet``, "address" when it is only the domain, else None."""


def read_webpage(
    html: str,
    *,
    favor_precision: bool = True,
    favor_recall: bool = False,
    include_tables: bool = True,
    fast: bool = False,
) -> WebPage:
    """Extract the article body and metadata from a web page's HTML; raise InputError if none."""
    tree = load_html(html) if html.strip() else None
    if tree is None:
        raise InputError("web page holds no article text")
    document = trafilatura.bare_extraction(
        _without_base(tree),
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        include_tables=include_tables,
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        fast=fast,
        deduplicate=False,
        date_extraction_params={
            "original_date": True,
            "extensive_search": True,
            "max_date": _MAX_DATE,
        },
    )
    if not isinstance(document, Document):
        raise InputError("web page holds no article text")
    outlet, url = _clean(document.sitename), _clean(document.url)
    title = _without_site_name(_clean(document.title) or "", outlet, url)
    text = _without_headline(_paragraphs(document.text or ""), title)
    if not text:
        raise InputError("web page holds no article text")
    return WebPage(text=text, title=title, date=_iso_date(document.date), outlet=outlet, url=url, outlet_basis=_outlet_basis(outlet, url))


def _outlet_basis(outlet: str | None, url: str | None) -> str | None:
    """Say whether the page states its outlet ("page") or only its address gives one ("address")."""
    # Without a site name, trafilatura names the outlet by the address's host: "localnews.example.org".
    if not outlet:
        return None
    host = urlsplit(url).netloc.lower() if url else ""
    return "address" if "." in outlet and " " not in outlet and outlet.lower() in host else "page"


def _without_base(tree: HtmlElement) -> HtmlElement:
    """Drop every <base> element, which says where relative links point, not where the page is."""
    # trafilatura would take a <base href> for the page's own URL, and the outlet and date from it.
    for element in tree.xpath("//base"):
        element.drop_tree()
    return tree


def _without_site_name(title: str, outlet: str | None, url: str | None) -> str:
    """Drop the site's name from either end of a page title: "Headline | Site" -> "Headline"."""
    # The name is the outlet (og:site_name or similar) or the address's domain ("TechCrunch" on
    # social.techcrunch.com); any other part ("Opinion | Headline") stays.
    names = {_squash(outlet or "")} | _domain_names(url)
    names.discard("")
    joins = list(_TITLE_JOIN_RE.finditer(title))
    for join in joins:  # leftmost first, the longest tail: "Headline - Site - Motto"
        if join.start() > 0 and _squash(title[join.end():]) in names:
            return title[:join.start()]
    for join in reversed(joins):  # rightmost first, the longest head: "Site | Motto: Headline"
        if join.end() < len(title) and _squash(title[:join.start()]) in names:
            return title[join.end():]
    return title


def _squash(text: str) -> str:
    """Fold a name to compare it with another or with a domain: "The Anti-June Cleaver" -> "theantijunecleaver"."""
    return key(text).replace(" ", "")


def _domain_names(url: str | None) -> set[str]:
    """Name the site as its address does: "https://social.techcrunch.com/x" -> {"techcrunch", "techcrunchcom"}."""
    domain = extract_domain(url) if url else None  # the registered domain, offline: "bbc.co.uk"
    return {domain.split(".")[0], _squash(domain)} if domain else set()


def _paragraphs(text: str) -> str:
    """Put each extracted block (paragraph, heading, list item, line) in its own paragraph."""
    lines = (
        _LIST_MARKER_RE.sub("", _INLINE_SPACE_RE.sub(" ", line).strip()) for line in text.splitlines()
    )
    return "\n\n".join(line for line in lines if line)


def _without_headline(text: str, title: str) -> str:
    """Drop a first paragraph that repeats the headline (the page's <h1>), which is not body."""
    first, _sep, rest = text.partition("\n\n")
    if title and rest and first.casefold() == title.casefold():
        return rest
    return text


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    return _INLINE_SPACE_RE.sub(" ", value).strip() or None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()[:10]
    return value if _ISO_DATE_RE.match(value) else None
