"""Render digests into Markdown pages with Jinja2 (``publish`` writes them to disk).

Article text is untrusted. It reaches a page only through ``escape_markdown`` (the ``md`` filter),
which turns every character that Markdown, HTML or attr_list could act on into a numeric
character reference: the reader sees the text as written, and nothing in it becomes markup.
"""
from __future__ import annotations

import html
import json
import re
import uuid
from xml.sax.saxutils import escape as xml_escape
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from .compare import coverage
from .digest import dumps, readable_label
from .figures import value_text
from .wire import independent_count
from .model import Digest, Discrepancy, Entity, Figure, FigureMention, Headline, Quote, Source
from .publish import Page

def _templates() -> Path:
    """Find the templates: inside the package when installed from a wheel, else the repository's."""
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


TEMPLATES = _templates()
STORY_PAGES = ("index", "comparison", "figures", "quotes", "people", "timeline", "discrepancies")
"""The pages every story gets, each from ``templates/<name>.md.j2`` (the overview from overview)."""

# Characters that Markdown, raw HTML, attr_list ("{: ...}") or a table cell could act on.
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()|~^$!#"})
# What makes a line a block construct when it starts one: "# ", "- ", "+ ", "> ", "=", "1. ", "2) ",
# "??? note" (a collapsible block).
_BLOCK_START = re.compile(r"^(?:[#+\-=>?]|\d+[.)])")
_WHITESPACE = re.compile(r"\s+")
_TOOLTIP_CHARS = 220


def escape_markdown(text: object) -> str:
    """Make untrusted text inert, on one line: shown as written, never markup, safe in a table cell."""
    return _escape_markdown(str(text))


# Every page of a story escapes the same sentences again (comparison, figures, quotes, timeline).
@lru_cache(maxsize=1 << 16)
def _escape_markdown(text: str) -> str:
    flat = _WHITESPACE.sub(" ", text).strip()
    escaped = flat.translate(_ESCAPES)
    match = _BLOCK_START.match(escaped)
    if match:
        first = escaped[0]
        escaped = f"&#{ord(first)};{escaped[1:]}"
    return escaped


def safe_url(url: str | None) -> str | None:
    """Return the URL fit for a Markdown link when it is http(s), else None (never javascript: or data:)."""
    if not url:
        return None
    # Check the address as given and as quoted: urlsplit drops tabs and newlines that quote() keeps.
    candidate = quote(url.strip(), safe=":/?#@!$&*+,;=%~-._")
    try:
        given, quoted = urlsplit(url.strip()), urlsplit(candidate)
    except ValueError:  # an unclosed IPv6 bracket: "http://["
        return None
    for parts in (given, quoted):
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return None
    return candidate


def environment(templates: Path = TEMPLATES) -> Environment:
    """Make the Jinja2 environment with the project's filters."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        autoescape=False,
    )
    env.filters["md"] = escape_markdown
    env.filters["cite"] = _cite
    env.filters["outlet"] = _outlet
    env.filters["url"] = safe_url
    env.filters["yaml_string"] = yaml_title
    env.filters["date_range"] = date_range
    env.filters["one_per_source"] = _one_per_source
    env.filters["anchor"] = anchor_id
    env.filters["figure_values"] = figure_values
    env.filters["unique_sources"] = _unique_sources
    env.filters["key_quotes"] = key_quotes
    env.filters["highlight"] = _highlight
    env.filters["first_mentions"] = _first_mentions
    env.filters["written_differently"] = _written_differently
    env.filters["key_figures"] = key_figures
    env.filters["headline"] = headline
    env.filters["xml"] = _xml
    env.filters["source_name"] = short_label
    env.filters["urn"] = _urn
    env.filters["latest_date"] = latest_date
    return env


# A duration that only places an event in time: "a year ago", "four months later".
_TIME_REFERENCE = re.compile(r"\b(ago|later|earlier|after|before)\b", re.IGNORECASE)
# The same words right after a figure's own text: "four months" + " later".
_TIME_REFERENCE_AFTER = re.compile(r"\s+(ago|later|earlier|after|before)\b", re.IGNORECASE)


@pass_context
def key_figures(context: Mapping[str, Any], figures: Sequence[Figure], *, limit: int = 5) -> list[Figure]:
    """Pick the figures for the overview: in rank order, leaving out durations that only date an
    event ("a year ago", "four months later": the timeline shows those)."""
    sentences = context["sentences"]

    def dates_an_event(mention: FigureMention) -> bool:
        if _TIME_REFERENCE.search(mention.text):
            return True
        text = sentences[mention.sentence].text
        at = text.find(mention.text)
        return at >= 0 and bool(_TIME_REFERENCE_AFTER.match(text, at + len(mention.text)))

    return [
        f for f in figures if not (f.kind == "duration" and all(dates_an_event(m) for m in f.mentions))
    ][:limit]


@pass_context
def _first_mentions(context: Mapping[str, Any], entities: Sequence[Entity]) -> dict[Entity, list[tuple[str, str | None]]]:
    """For each entity, each source naming it with the first sentence that uses one of its names, if any."""
    joined: dict[str, str | None] = {}  # a source's sentences as one text: one search per name, not per sentence
    out: dict[Entity, list[tuple[str, str | None]]] = {}
    for entity in entities:
        names = (entity.name, *entity.aliases)
        out[entity] = []
        for source_id in entity.sources:
            sentences = context["sources"][source_id].sentences
            if source_id not in joined:
                text = "\x00".join(s.text for s in sentences)
                joined[source_id] = text if sentences and text.count("\x00") == len(sentences) - 1 else None
            whole = joined[source_id]
            first: str | None
            if whole is None or any("\x00" in n for n in names):  # the separator would mislead
                first = next((s.id for s in sentences if any(n in s.text for n in names)), None)
            else:
                at = min((a for a in (whole.find(n) for n in names) if a >= 0), default=-1)
                first = sentences[whole.count("\x00", 0, at)].id if at >= 0 else None
            out[entity].append((source_id, first))
    return out


@pass_context
def _written_differently(context: Mapping[str, Any], entities: Sequence[Entity]) -> dict[Entity, list[tuple[str, Discrepancy]]]:
    """For each person, the name discrepancies, each with the heading that says how the names differ."""
    by_name: dict[str, list[tuple[str, Discrepancy]]] = {}
    for d in context["digest"].discrepancies:
        what, _, name = d.about.partition(" of ")
        if d.kind == "name":
            heading = "Names written in a different order" if what == "name order" else "Spelled differently"
            by_name.setdefault(name, []).append((heading, d))
    return {entity: by_name.get(entity.name, []) for entity in entities}


def highlights(digest: Digest) -> dict[str, list[tuple[int, int, str]]]:
    """Find, per sentence, the character spans of its quotes and figures: (start, end, kind)."""
    texts = {t.id: t.text for s in digest.sources for t in s.sentences}
    found: dict[str, list[tuple[int, int, str]]] = {}
    wanted = [(m.sentence, m.text, "quote") for q in digest.quotes for m in q.mentions]
    wanted += [(m.sentence, m.text, "figure") for f in digest.figures for m in f.mentions]
    for sentence_id, words, kind in wanted:
        start = texts.get(sentence_id, "").find(words) if words else -1
        if start >= 0:
            found.setdefault(sentence_id, []).append((start, start + len(words), kind))
    return found


@pass_context
def _highlight(context: Mapping[str, Any], sentence: object) -> str:
    """Escape a sentence for its source page, marking its quotes and figures (outermost span wins)."""
    text = _WHITESPACE.sub(" ", sentence.text)  # type: ignore[attr-defined]
    spans = sorted(context["marks"].get(sentence.id, ()), key=lambda s: (s[0], -s[1]))  # type: ignore[attr-defined]
    out, at = [], 0
    for start, end, kind in spans:
        if start < at or end > len(text):
            continue  # inside or overlapping a span already marked
        out.append(text[at:start].translate(_ESCAPES))
        out.append(f'<mark class="{kind}">{text[start:end].translate(_ESCAPES)}</mark>')
        at = end
    out.append(text[at:].translate(_ESCAPES))
    return "".join(out).strip()


def headline(item: Headline) -> str:
    """Escape a headline for a table cell, its words that no other headline uses in bold."""
    distinct = set(item.distinct)
    return " ".join(f"**{escape_markdown(w)}**" if w in distinct else escape_markdown(w) for w in item.text.split())


def _xml(text: str) -> str:
    """Escape text for an XML element or attribute (the Atom feed): untrusted text stays text."""
    return xml_escape(_WHITESPACE.sub(" ", str(text)).strip(), {'"': "&quot;"})


def _urn(name: str) -> str:
    """Make a stable Atom id from a story's slug: the same slug always gives the same id."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"news-explainer:{name}").urn


def latest_date(digest: Digest) -> str | None:
    """The latest date among a story's sources, or None when none is dated."""
    return max((s.date for s in digest.sources if s.date), default=None)


def yaml_title(text: str) -> str:
    """Quote a title for YAML front matter, HTML-escaped: themes print page titles unescaped."""
    flat = _WHITESPACE.sub(" ", str(text)).strip()
    return json.dumps(html.escape(flat, quote=True), ensure_ascii=False)


def date_range(digest: Digest) -> str:
    """Say which dates a story's sources carry: "2024-03-17 to 2024-03-18", or "undated"."""
    dates = sorted({s.date for s in digest.sources if s.date})
    if not dates:
        return "undated"
    return dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"


@pass_context
def _one_per_source(context: Mapping[str, Any], sentence_ids: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for sid in sentence_ids:
        source = context["source_of"][sid]
        if source not in seen:
            seen.add(source)
            out.append(sid)
    return out


def figure_values(figure: Figure) -> list[tuple[str, list[FigureMention]]]:
    """Group a figure's mentions by the value they state, as a reader would write it."""
    groups: dict[str, list[FigureMention]] = {}
    for mention in figure.mentions:
        groups.setdefault(value_text(mention), []).append(mention)
    return sorted(groups.items(), key=lambda kv: (-len({m.source for m in kv[1]}), kv[0]))


def _unique_sources(mentions: Sequence[FigureMention]) -> list[FigureMention]:
    seen: set[str] = set()
    out = []
    for mention in mentions:
        if mention.source not in seen:
            seen.add(mention.source)
            out.append(mention)
    return out


def key_quotes(quotes: Sequence[Quote], *, limit: int = 3) -> list[Quote]:
    """Pick the quotes to show on the overview: named speakers, most outlets, longest first."""
    ranked = sorted(
        quotes, key=lambda q: (q.speaker is None, -len({m.source for m in q.mentions}), -len(q.text), q.id)
    )
    return ranked[:limit]


@pass_context
def _cite(context: Mapping[str, Any], sentence_id: str, label: str | None = None) -> str:
    sentences = context["sentences"]
    source = context["sources"][context["source_of"][sentence_id]]
    text = sentences[sentence_id].text
    anchor = anchor_id(source, sentence_id)
    shown = label if label is not None else escape_markdown(short_label(source))
    return f'[{shown}](sources/{source.slug}.md#{anchor} "{_tooltip(text)}")'


def _tooltip(text: str) -> str:
    """Escape a sentence for a link's title, which Material's tooltips insert as HTML.

    The browser decodes the attribute once and the tooltip parses it as HTML once more, so the
    text is HTML-escaped before the Markdown escaping: "<img" reaches the tooltip as "&lt;img".
    """
    flat = _WHITESPACE.sub(" ", text).strip()
    if len(flat) > _TOOLTIP_CHARS:
        flat = flat[: _TOOLTIP_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return escape_markdown(html.escape(flat, quote=False))


@pass_context
def _outlet(context: Mapping[str, Any], source_id: str) -> str:
    return escape_markdown(short_label(context["sources"][source_id]))


def short_label(source: Source) -> str:
    """Name a source as readers know it: its outlet, else a readable form of its file name."""
    return source.outlet or readable_label(source.id)


def anchor_id(source: Source, sentence_id: str) -> str:
    """The HTML id of a sentence on its source page: ``<source-slug>-s<n>``."""
    return f"{source.slug}-{sentence_id.rsplit('-', 1)[1]}"


def story_pages(digest: Digest, env: Environment, *, digest_json: str | None = None) -> list[Page]:
    """Render every page of one story, its sources' pages and its digest.json (``digest_json``, if given)."""
    sources = {s.id: s for s in digest.sources}
    sentences = {t.id: t for s in digest.sources for t in s.sentences}
    source_of = {t.id: s.id for s in digest.sources for t in s.sentences}
    base = digest.story.slug
    context = {
        "digest": digest,
        "sources": sources,
        "sentences": sentences,
        "source_of": source_of,
        "coverage": coverage(digest.claims, [s.id for s in digest.sources], digest.discrepancies),
        "claim_of": {c.id: c for c in digest.claims},
        "figure_of": {f.id: f for f in digest.figures},
        "independent": independent_count([s.id for s in digest.sources], digest.wire_groups),
    }
    pages = []
    for name in STORY_PAGES:
        template = "overview.md.j2" if name == "index" else f"{name}.md.j2"
        pages.append(_page(f"{base}/{name}.md", env.get_template(template).render(context)))
    context["marks"] = highlights(digest)
    context["unique"] = {sid for c in digest.claims if len(c.sources) == 1 for ids in c.sources.values() for sid in ids}
    for source in digest.sources:
        text = env.get_template("source.md.j2").render(context, source=source, paragraphs=_paragraphs(source))
        pages.append(_page(f"{base}/sources/{source.slug}.md", text))
    pages.append(Page(f"{base}/digest.json", (digest_json if digest_json is not None else dumps(digest)).encode("utf-8")))
    return pages


def _paragraphs(source: Source) -> list[list[object]]:
    paragraphs: dict[int, list[object]] = {}
    for sentence in source.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    return [paragraphs[k] for k in sorted(paragraphs)]


def _page(path: str, text: str) -> Page:
    return Page(path, text.encode("utf-8"))


FEED_STORIES = 50
"""How many stories the Atom feed lists: the newest by their latest source's date."""
LATEST_STORIES = 20
"""How many stories the home page lists; the rest are on monthly archive pages, so no page lists them all."""


def story_month(digest: Digest) -> str:
    """The month a story belongs to in the archive: its latest source's, or "undated"."""
    latest = latest_date(digest)
    return latest[:7] if latest else "undated"


def site_pages(
    digests: Sequence[Digest],
    problems: Sequence[tuple[str, str]],
    env: Environment,
    *,
    texts: Mapping[str, str] | None = None,
) -> list[Page]:
    """Render the whole docs folder: home, monthly archives, problems, every story, the static assets."""
    newest_first = sorted(digests, key=lambda d: (story_month(d) != "undated", date_range(d), d.story.slug), reverse=True)
    by_month: dict[str, list[Digest]] = {}
    for digest in newest_first:
        by_month.setdefault(story_month(digest), []).append(digest)
    months = [(m, len(by_month[m])) for m in by_month]
    home = env.get_template("home.md.j2").render(
        digests=digests, latest=newest_first[:LATEST_STORIES], months=months, problems=problems
    )
    pages = [_page("index.md", home), _page("problems.md", env.get_template("problems.md.j2").render(problems=problems))]
    dated = [d for d in newest_first if latest_date(d)]
    dated.sort(key=lambda d: (latest_date(d) or "", d.story.slug), reverse=True)
    if dated:
        feed = env.get_template("feed.xml.j2").render(stories=dated[:FEED_STORIES], updated=latest_date(dated[0]))
        pages.append(_page("feed.xml", feed))
    for month, members in by_month.items():
        pages.append(_page(f"archive/{month}.md", env.get_template("archive.md.j2").render(month=month, digests=members)))
    for digest in digests:
        pages.extend(story_pages(digest, env, digest_json=(texts or {}).get(digest.story.slug)))
        for alias in digest.story.aliases:
            pages.append(_page(f"{alias}/index.md", env.get_template("redirect.md.j2").render(story=digest.story)))
    assets = TEMPLATES / "assets"
    for path in sorted(assets.rglob("*")) if assets.is_dir() else ():
        if path.is_file():
            pages.append(Page(f"assets/{path.relative_to(assets).as_posix()}", path.read_bytes()))
    return pages
