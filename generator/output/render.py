"""Render digests into Markdown pages with Jinja2 (``publish`` writes them to disk).

Article text is untrusted. In a Markdown template (``*.md.j2``) it reaches a page only through
``escape_markdown`` (the ``md`` filter), which turns every character that Markdown, HTML or attr_list
could act on into a numeric character reference: the reader sees the text as written, and nothing in
it becomes markup.

Every part of a story's pages that shows article text or cites a sentence is written as HTML instead
(macros of ``*.html.j2``, called from the Markdown templates), but the headings, from which the table
of contents is made, and the tabs of a quote the sources word differently (pymdownx.tabbed numbers
them across the page). Python-Markdown passes a block of HTML through untouched, while its inline
patterns read every link and every escaped character of Markdown: at a thousand articles, that
reading was most of ``mkdocs build``. Those templates are autoescaped: every value is HTML-escaped
(``html.escape`` with quotes) unless a filter here made it markup (``Markup``), and the filters that
write links (``cite``, ``cites``) write the HTML link with the address MkDocs would have given the
Markdown one (``site_href``).
"""
from __future__ import annotations

import html
import json
import posixpath
import re
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape as xml_escape

from jinja2 import (
    Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context, pass_eval_context, select_autoescape,
)
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..digest import dumps, readable_label
from ..model import Digest, Headline, Source
from .publish import Page
from .view import (
    Wording, figure_values, first_mentions, in_its_words, key_figures, key_quotes, one_per_source, story_context,
    unique_sources, written_differently,
)

def _templates() -> Path:
    """Find the templates: inside the package when installed from a wheel, else the repository's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


TEMPLATES = _templates()
THEME_OVERRIDES = "overrides"
"""``templates/overrides/``: MkDocs theme files for the site's search (hooks/search.py), not the generator's;
left out of the wheel and of the generator's cache key."""


def template_files() -> list[Path]:
    """List the files the generator's output depends on under TEMPLATES, sorted: all but the theme's overrides."""
    return sorted(
        p for p in TEMPLATES.rglob("*") if p.is_file() and p.relative_to(TEMPLATES).parts[0] != THEME_OVERRIDES
    )


STORY_PAGES = ("index", "comparison", "figures", "quotes", "people", "timeline", "discrepancies")
"""A story's pages, each from ``templates/<name>.md.j2`` (the overview from overview); each written when it has
something to list (``view.story_pages_present``): the overview and the comparison always."""

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


def environment(templates: Path = TEMPLATES, *, compiled: Path | None = None) -> Environment:
    """Make the Jinja2 environment with the project's filters; with ``compiled``, it keeps the templates
    compiled there (Jinja's bytecode cache, checked against each template's text): compiling them
    all took a quarter of a second of every build that renders a page. The folder must be this
    generator's alone (the compiled code depends on this function's settings)."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        # HTML parts of pages (*.html.j2) escape every value; Markdown templates escape with the md filter.
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
    )
    env.filters["md"] = escape_markdown
    env.filters["cite"] = _cite
    env.filters["cites"] = _cites
    env.filters["href"] = _href
    env.filters["outlet"] = _outlet
    env.filters["url"] = safe_url
    env.filters["yaml_string"] = yaml_title
    env.filters["date_range"] = date_range
    env.filters["one_per_source"] = one_per_source
    env.filters["anchor"] = anchor_id
    env.filters["figure_values"] = figure_values
    env.filters["unique_sources"] = unique_sources
    env.filters["key_quotes"] = key_quotes
    env.filters["in_its_words"] = in_its_words
    env.filters["highlight"] = _highlight
    env.filters["first_mentions"] = first_mentions
    env.filters["written_differently"] = written_differently
    env.filters["key_figures"] = key_figures
    env.filters["marked"] = _marked
    env.filters["xml"] = _xml
    env.filters["source_name"] = short_label
    env.filters["urn"] = _urn
    env.filters["latest_date"] = latest_date
    return env


@pass_context
def _highlight(context: Context, sentence: object) -> str:
    """Escape a sentence for its source page as HTML, marking its quotes and figures (outermost span wins)."""
    if not context.eval_ctx.autoescape:
        raise TypeError("the highlight filter writes HTML: use it in an .html.j2 template")
    text = _WHITESPACE.sub(" ", sentence.text)  # type: ignore[attr-defined]
    spans = sorted(context["marks"].get(sentence.id, ()), key=lambda s: (s[0], -s[1]))  # type: ignore[attr-defined]
    out, at = [], 0
    for start, end, kind in spans:
        if start < at or end > len(text):
            continue  # inside or overlapping a span already marked
        out.append(text[at:start])
        out.append(Markup('<mark class="%s">%s</mark>') % (kind, text[start:end]))
        at = end
    out.append(text[at:])
    out[0], out[-1] = out[0].lstrip(), out[-1].rstrip()
    return Markup("").join(out)


def marked(item: Headline | Wording, *, as_html: bool = False) -> str:
    """Escape a headline or an event's wording for a table cell or a list, its distinct words (no
    other source uses them) in bold: Markdown, or with ``as_html`` HTML (``Markup``)."""
    distinct = set(item.distinct)
    # A run of distinct words is one bold span: "**mutually beneficial,**", not "**mutually** **beneficial,**".
    runs = [(bold, " ".join(words)) for bold, words in groupby(item.text.split(), key=distinct.__contains__)]
    if as_html:
        return Markup(" ").join(Markup("<strong>%s</strong>") % run if bold else run for bold, run in runs)
    return " ".join(f"**{escape_markdown(run)}**" if bold else escape_markdown(run) for bold, run in runs)


@pass_eval_context
def _marked(eval_context: EvalContext, item: Headline | Wording) -> str:
    return marked(item, as_html=eval_context.autoescape)


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
def _cite(context: Context, sentence_id: str, label: str | None = None, *, css_class: str | None = None) -> str:
    """Link to a sentence on its source page, its text as the tooltip; the label is the source's name unless given.

    In a Markdown template the label is Markdown; in an HTML one it is escaped unless it is ``Markup``.
    """
    sentences = context["sentences"]
    source = context["sources"][context["source_of"][sentence_id]]
    tooltip = _tooltip(sentences[sentence_id].text)
    target = f"sources/{source.slug}.md#{anchor_id(source, sentence_id)}"
    if context.eval_ctx.autoescape:
        # Each value through markupsafe's escape, as Markup's "%" would (the tooltip once more: see _tooltip);
        # "%" wraps every argument in a helper object, a fifth of rendering a story's pages.
        label_html = escape(label if label is not None else short_label(source))
        attributes = f' class="{escape(css_class)}"' if css_class else ""
        return Markup(f'<a{attributes} href="{escape(_href(context, target))}" title="{escape(tooltip)}">{label_html}</a>')
    shown = label if label is not None else escape_markdown(short_label(source))
    attributes = f"{{ .{css_class} }}" if css_class else ""
    return f'[{shown}]({target} "{escape_markdown(tooltip)}"){attributes}'


@pass_context
def _cites(context: Context, sentence_ids: Iterable[str], separator: str = " · ") -> str:
    """Link to each sentence (``cite``, labelled with its source's name), the links separated by " · " unless given."""
    links = [_cite(context, sentence_id) for sentence_id in sentence_ids]
    return escape(separator).join(links) if context.eval_ctx.autoescape else separator.join(links)


# A sentence is cited from several pages of its story, and the matrix cites it again.
@lru_cache(maxsize=1 << 14)
def _tooltip(text: str) -> str:
    """Shorten a sentence for a link's title and HTML-escape it: Material's tooltips insert the title as HTML.

    The browser decodes the attribute once and the tooltip parses it as HTML once more, so the
    text is HTML-escaped before the attribute's own escaping: "<img" reaches the tooltip as "&lt;img".
    """
    flat = _WHITESPACE.sub(" ", text).strip()
    if len(flat) > _TOOLTIP_CHARS:
        flat = flat[: _TOOLTIP_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return html.escape(flat, quote=False)


@lru_cache(maxsize=1 << 14)
def site_href(page: str, target: str) -> str:
    """Give the address MkDocs makes of a link from one docs page to another (paths in the docs folder, ``.md``).

    The site is built with ``use_directory_urls`` (mkdocs.yml): ``a/b.md`` is served at ``a/b/``,
    ``a/index.md`` at ``a/``; the address is relative to the page's, as MkDocs writes it.
    """
    path, _, anchor = target.partition("#")
    url = posixpath.relpath(_page_url(path), _page_url(page))
    url = "./" if url == "." else url + "/"
    return f"{url}#{anchor}" if anchor else url


def _page_url(path: str) -> str:
    stem = path.removesuffix(".md")
    return "/" + (posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem)


@pass_context
def _outlet(context: Context, source_id: str) -> str:
    """Name a source, escaped for Markdown (an HTML template escapes it itself)."""
    name = short_label(context["sources"][source_id])
    return name if context.eval_ctx.autoescape else escape_markdown(name)


@pass_context
def _href(context: Context, target: str) -> str:
    """Give the address of another page of the story (``target`` as a Markdown link from this page has it) for an HTML link."""
    page = context["page"]
    return site_href(page, posixpath.normpath(posixpath.join(posixpath.dirname(page), target)))


def short_label(source: Source) -> str:
    """Name a source as readers know it: its outlet, else a readable form of its file name."""
    return source.outlet or readable_label(source.id)


def anchor_id(source: Source, sentence_id: str) -> str:
    """The HTML id of a sentence on its source page: ``<source-slug>-s<n>``."""
    return f"{source.slug}-{sentence_id.rsplit('-', 1)[1]}"


def story_pages(digest: Digest, env: Environment, *, digest_json: str | None = None) -> list[Page]:
    """Render every page of one story, its sources' pages and its digest.json (``digest_json``, if given)."""
    base = digest.story.slug
    context = story_context(digest)
    pages = []
    for name in STORY_PAGES:
        if not context["present"][name]:
            continue
        template = "overview.md.j2" if name == "index" else f"{name}.md.j2"
        path = f"{base}/{name}.md"
        pages.append(_page(path, env.get_template(template).render(context, page=path)))
    for source in digest.sources:
        path = f"{base}/sources/{source.slug}.md"
        text = env.get_template("source.md.j2").render(context, source=source, paragraphs=_paragraphs(source), page=path)
        pages.append(_page(path, text))
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
    stories: Mapping[str, Sequence[Page]] | None = None,
    kept: Collection[str] = (),
) -> list[Page]:
    """Render the whole docs folder: home, monthly archives, problems, every story, the static assets.

    ``stories`` holds stories' pages already rendered (from the cache), by slug; ``kept``, the slugs of
    stories whose pages are left out (the docs folder already holds them: publish keeps them); the
    others are rendered here.
    """
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
        rendered = (stories or {}).get(digest.story.slug)
        if digest.story.slug not in kept:
            pages.extend(rendered if rendered is not None else story_pages(digest, env))
        for alias in digest.story.aliases:
            pages.append(_page(f"{alias}/index.html", env.get_template("redirect.html.j2").render(story=digest.story)))
    assets = TEMPLATES / "assets"
    for path in sorted(assets.rglob("*")) if assets.is_dir() else ():
        if path.is_file():
            pages.append(Page(f"assets/{path.relative_to(assets).as_posix()}", path.read_bytes()))
    return pages
