"""Read a saved web page: the article body and its metadata, offline, with trafilatura."""
from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import Document

from generator.errors import InputError

# Latest publication date htmldate may accept. Fixed, not "today", so that the same page gives the
# same date whenever it is read (htmldate's default bound moves with the clock).
_MAX_DATE = "2099-12-31"

# A calendar date as htmldate returns it: "2024-03-17".
_ISO_DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")

# Runs of spaces and tabs inside a paragraph: "Niger  said\t today".
_INLINE_SPACE_RE = re.compile(r"[ \t]+")

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
    """The site's name (og:site_name or similar), or None."""
    url: str | None = None
    """The canonical address the page declares (link rel=canonical, og:url), or None."""


def read_webpage(
    html: str,
    *,
    favor_precision: bool = True,
    favor_recall: bool = False,
    include_tables: bool = True,
    fast: bool = False,
) -> WebPage:
    """Extract the article body and metadata from a web page's HTML; raise InputError if none."""
    document = trafilatura.bare_extraction(
        html,
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
    title = _clean(document.title) or ""
    text = _without_headline(_paragraphs(document.text or ""), title)
    if not text:
        raise InputError("web page holds no article text")
    return WebPage(
        text=text,
        title=title,
        date=_iso_date(document.date),
        outlet=_clean(document.sitename),
        url=_clean(document.url),
    )


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
