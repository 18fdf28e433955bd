"""Read article files (.txt, .md, .html) into ``Article`` values; every problem is named."""
from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from ..errors import InputError
from ..model import Article
from .decode import decode, sanitize

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
MAX_BYTES = 5 * 1024 * 1024
"""Articles above this size are refused: no news article is that long, and it keeps builds bounded."""

# A leading publication date in plain text: " date 2024-03-18 The junta ..." (the rest stays text).
_TXT_DATE = re.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
# YAML front matter: a first line of three dashes, the YAML, a closing line of dashes or dots.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")
_FIELDS = ("title", "outlet", "date", "url")


def read_article(path: Path, *, label: str, source_id: str | None = None) -> Article:
    """Read one article file; raise InputError naming the problem when it cannot be read.

    ``source_id`` is the id the build gives it (its path in the seeds folder); by default the file
    name without its extension.
    """
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError(f"not an article: expected one of {sorted(ARTICLE_SUFFIXES)}, got {suffix!r}")
    text, notes = decode(read_file(path))
    article_id = source_id or path.stem
    if suffix in (".html", ".htm"):
        article = _from_webpage(article_id, label, text, notes)
    elif suffix == ".txt":
        article = _from_text(article_id, label, text, notes)
    else:
        article = _from_markdown(article_id, label, text, notes)
    if article.outlet_basis in (None, "address"):
        agency = dateline_agency(article.text)
        if agency:
            return replace(article, outlet=agency, outlet_basis="dateline")
    return article


# A dateline naming a news agency at the start of an article: "NIAMEY (Reuters) -", "(CNN) —",
# "Paris (AFP) –", "LOS ANGELES, Calif. (AP) —". The agency is a capitalised name in brackets, right
# before a dash, after at most a place of a few capitalised words.
_DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Za-z.'’]*(?:[ -][A-Z][A-Za-z.'’]*){0,3}(?:,\s*[A-Z][A-Za-z.]*)?,?\s*)?"
    r"\((?P<agency>[A-Z][A-Za-z&.]*(?: [A-Z][A-Za-z&.\-]*){0,3})\)\s*[-–—]"
)


def dateline_agency(text: str) -> str | None:
    """Return the news agency a dateline names at the start of a text ("WASHINGTON (AP) —" -> "AP").

    The dateline opens the first paragraph, or the second when a headline line comes first.
    """
    for paragraph in text.lstrip().split("\n\n", 2)[:2]:
        match = _DATELINE.match(paragraph)
        if match:
            return match.group("agency")
    return None


def read_file(path: Path) -> bytes:
    """Read the bytes of a regular file of at most MAX_BYTES; raise InputError for anything else.

    The file is opened without blocking and checked after opening, so a pipe or device that took
    the name since the folder was listed is refused rather than read forever.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a pipe, socket or device): not read")
        if info.st_size > MAX_BYTES:
            raise InputError(f"too large for an article ({info.st_size:,} bytes; the limit is {MAX_BYTES:,})")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise InputError(f"too large for an article (over {MAX_BYTES:,} bytes)")
    return data


def _from_text(article_id: str, label: str, text: str, notes: tuple[str, ...]) -> Article:
    match = _TXT_DATE.match(text)
    date = match.group(1) if match else None
    warnings = []
    if date and _parse_date(date) is None:
        warnings.append(f"unreadable date {date!r}")
        date = None
    body = text[match.end():] if match else text
    return Article(id=article_id, file=label, text=body, date=date, notes=notes, warnings=tuple(warnings))


def _from_markdown(article_id: str, label: str, text: str, notes: tuple[str, ...]) -> Article:
    meta, body, warnings = _front_matter(text)
    return Article(
        id=article_id,
        file=label,
        text=markdown_to_text(body),
        notes=notes,
        warnings=tuple(warnings),
        outlet_basis="front matter" if meta.get("outlet") else None,
        **meta,
    )


def _from_webpage(article_id: str, label: str, text: str, notes: tuple[str, ...]) -> Article:
    from .webpage import read_webpage  # imported here: the extractor is slow to load

    page = read_webpage(text)
    return Article(
        id=article_id, file=label, text=page.text, title=page.title, outlet=page.outlet, outlet_basis=page.outlet_basis,
        date=page.date, url=page.url, notes=notes,
    )


def _front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    body = text[match.end():]
    try:
        data = yaml.safe_load(match.group("yaml") or "") or {}
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where else ""
        return {}, body, [f"malformed front matter{line}: ignored"]
    if not isinstance(data, dict):
        return {}, body, [f"front matter is not a mapping but {type(data).__name__}: ignored"]
    meta: dict[str, Any] = {}
    warnings = []
    for key in _FIELDS:
        value = data.get(key)
        if value is None or value == "":
            continue
        if key == "date":
            parsed = _parse_date(value)
            if parsed is None:
                warnings.append(f"unreadable date {value!r}: the article is treated as undated")
            else:
                meta["date"] = parsed
        elif isinstance(value, str):
            meta[key] = " ".join(sanitize(value).split())
        else:
            warnings.append(f"front matter {key!r} should be text, got {type(value).__name__}: ignored")
    return meta, body, warnings


def _parse_date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None


_MARKDOWN = MarkdownIt("commonmark").enable("table")


def markdown_to_text(body: str) -> str:
    """Reduce a Markdown body to plain paragraphs (blank-line separated), keeping raw HTML as text.

    A line break inside a paragraph stays a line break: whether it ends a paragraph is cleaning's
    question, as for plain text (copy pasted one paragraph a line, with no blank lines between).
    """
    paragraphs = []
    for token in _MARKDOWN.parse(body):
        if token.type == "inline":
            paragraphs.append(_inline_text(token.children or []))
        elif token.type in ("html_block", "code_block", "fence"):
            paragraphs.append(" ".join(token.content.split()))
    # markdown-it turns character references ("&#x202e;") into characters: clean those too.
    return "\n\n".join(sanitize(p) for p in paragraphs if sanitize(p).strip())


def _inline_text(children: list[Any]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


OUTLETS_FILE = "sources.yml"


@dataclass(frozen=True, slots=True)
class OutletRule:
    """One entry of seeds/sources.yml: which files or URLs it covers, and what to say about them."""

    outlet: str | None
    file: str | None = None
    """A glob on the file name ("001_*", "bbc-*.md")."""
    url: str | None = None
    """A glob on the article's URL ("https://www.bbc.co.uk/*")."""
    labels: tuple[tuple[str, str], ...] = ()


def read_outlet_rules(seeds: Path) -> tuple[list[OutletRule], list[str]]:
    """Read seeds/sources.yml if there is one; return its rules and the problems found in it."""
    path = seeds / OUTLETS_FILE
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(decode(path.read_bytes())[0])
    except (yaml.YAMLError, InputError) as exc:
        return [], [f"cannot read it ({str(exc).splitlines()[0]}): no outlet names taken from it"]
    entries = data.get("sources", data) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        return [], ["expected a list of entries with 'file' or 'url' and 'outlet': no outlet names taken from it"]
    rules, problems = [], []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not (isinstance(entry.get("file"), str) or isinstance(entry.get("url"), str)):
            problems.append(f"entry {n} needs a 'file' or 'url' pattern: ignored")
            continue
        outlet = entry.get("outlet")
        labels = entry.get("labels") or {}
        if outlet is not None and not isinstance(outlet, str) or not isinstance(labels, dict):
            problems.append(f"entry {n}: 'outlet' must be text and 'labels' a mapping: ignored")
            continue
        rules.append(
            OutletRule(
                outlet=" ".join(outlet.split()) if outlet else None,
                file=entry.get("file") if isinstance(entry.get("file"), str) else None,
                url=entry.get("url") if isinstance(entry.get("url"), str) else None,
                labels=tuple(sorted((str(k), str(v)) for k, v in labels.items())),
            )
        )
    return rules, problems


def match_outlet(rules: list[OutletRule], file_name: str, url: str | None) -> OutletRule | None:
    """Return the first rule whose file or URL pattern matches, else None."""
    for rule in rules:
        if rule.file and fnmatch.fnmatchcase(file_name, rule.file):
            return rule
        if rule.url and url and fnmatch.fnmatchcase(url, rule.url):
            return rule
    return None
