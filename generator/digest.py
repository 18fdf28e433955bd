"""The pipeline in one place: the stage list (STAGES, in order) that turns a story into a Digest.

A build (``build.py``) runs, in order:

1. ``input/``: find the seeds' files and read each into an Article;
2. ``prepare/``: clean it and split it into numbered sentences (``prepare_source`` here);
3. ``stories/``: decide which articles make one story;
4. for each story, the stages of ``STAGES`` below (``build_digest``): wire copy (``claims/``),
   ``people/``, ``quotes/``, claims and events (``claims/``), ``summary/``, ``figures/``,
   ``timeline/``, then what disagrees, the headlines and what the newest sources added;
5. ``output/``: the view model, the Markdown pages, and publishing them into the docs folder.

Every step asks ``english/`` what it needs to know about English and ``common/`` for helpers that
know none; ``model.py`` holds the values passed between them. ``digest.json`` is a Digest written
out (``dumps``/``loads`` here).
"""
from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace

import msgspec

from .claims.compare import align, quoted_people
from .claims.wire import independent_count, wire_groups
from .common.slugs import slugify
from .figures.extract import extract_figures, figure_discrepancies
from .model import Article, Digest, Source, StoryInfo, to_dict
from .people.entities import extract_entities, name_discrepancies
from .prepare.clean import clean_text
from .prepare.sentences import split_sentences
from .quotes.extract import extract_quotes, quote_discrepancies
from .summary.choose import summarise
from .summary.updates import compare_headlines, latest_update
from .timeline.events import date_events, timeline_and_discrepancies

_TITLE_WORDS = 14
# A hash-like part of a file name ("d927ee6055b5c552"): it tells a reader nothing.
_HASHLIKE = re.compile(r"^(?=.*\d)(?=.*[a-f])[0-9a-f]{8,}$")


def prepare_source(article: Article) -> Source:
    """Clean an article and split it into numbered sentences."""
    cleaned = clean_text(article.text, title=article.title)
    sentences = split_sentences(article.id, cleaned.paragraphs)
    title = cleaned.title or (shorten(sentences[0].text) if sentences else article.id)
    return Source(
        id=article.id,
        file=article.file,
        title=title,
        outlet=article.outlet,
        outlet_basis=article.outlet_basis,
        date=article.date,
        url=article.url,
        words=sum(len(p.split()) for p in cleaned.paragraphs),
        sentences=sentences,
        removed=cleaned.removed,
        notes=article.notes,
    )


def shorten(text: str, *, words: int = _TITLE_WORDS) -> str:
    """Shorten a sentence to a title: its first words, an ellipsis when cut."""
    parts = text.split()
    if len(parts) <= words:
        return text.rstrip(".")
    return " ".join(parts[:words]).rstrip(",;:") + "…"


def readable_label(source_id: str) -> str:
    """Make a short label from a file name when no outlet is known ("000_d927ee60" -> "000")."""
    return _readable_words(source_id) or source_id


def _readable_words(source_id: str) -> str:
    """Keep the words of a file name that are not hashes ("ap_d927ee60" -> "ap"; may be "")."""
    return " ".join(p for p in re.split(r"[_\-\s.]+", source_id) if p and not _HASHLIKE.match(p.lower()))


def story_title(sources: Sequence[Source]) -> str:
    """Pick the story's title: the earliest source's own title, else the shortened lead of the earliest."""
    ordered = sorted(sources, key=lambda s: (s.date or "9999", s.id))
    return next((s.title for s in ordered if not s.title.endswith("…")), ordered[0].title)


def with_slugs(sources: Sequence[Source]) -> tuple[Source, ...]:
    """Give each source a page slug that is unique within its story: its file name without hashes,
    else its outlet ("000_d927ee60.txt" -> "000", "d927ee6055b5.html" from Reuters -> "reuters")."""
    taken: set[str] = set()
    out = []
    for source in sorted(sources, key=lambda s: s.id):
        base = slugify(_readable_words(source.id)) or slugify(source.outlet or "") or "source"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out.append(replace(source, slug=slug))
    return tuple(out)


Stage = Callable[[Digest], Digest]
"""A stage reads what the stages before it filled in and returns the digest with its own part."""


def _wire(d: Digest) -> Digest:
    return replace(d, wire_groups=wire_groups(d.sources))


def _claims(d: Digest) -> Digest:
    # Who said what only weighs between sources: a story of one source is not read for it.
    quoted = quoted_people(d.quotes, d.entities, d.sources) if len(d.sources) > 1 else {}
    claims, events = align(d.sources, quoted)
    return replace(
        d,
        claims=tuple(replace(c, independent=independent_count(c.sources, d.wire_groups)) for c in claims),
        events=tuple(replace(e, independent=independent_count(e.sources, d.wire_groups)) for e in events),
    )


def _summary(d: Digest) -> Digest:
    return replace(d, summary=summarise(d.sources, d.events, d.claims))


def _figures(d: Digest) -> Digest:
    cited = frozenset(sid for line in d.summary for sid in line.sentences)
    return replace(d, figures=extract_figures(d.sources, cited=cited))


def _entities(d: Digest) -> Digest:
    return replace(d, entities=extract_entities(d.sources))


def _quotes(d: Digest) -> Digest:
    return replace(d, quotes=extract_quotes(d.sources, d.entities))


def _timeline(d: Digest) -> Digest:
    timeline, date_conflicts = timeline_and_discrepancies(d.sources)
    timeline, events = date_events(timeline, d.events)
    return replace(d, timeline=timeline, events=events, discrepancies=(*d.discrepancies, *date_conflicts))


def _discrepancies(d: Digest) -> Digest:
    # Figures, names and quotes first; the timeline stage has already added the dates' conflicts.
    found = (*figure_discrepancies(d.figures), *name_discrepancies(d.entities, d.sources), *quote_discrepancies(d.quotes))
    return replace(d, discrepancies=(*found, *d.discrepancies))


def _headlines(d: Digest) -> Digest:
    return replace(d, headlines=compare_headlines(d.sources))


def _update(d: Digest) -> Digest:
    return replace(d, update=latest_update(d.sources, d.claims, d.figures))


STAGES: tuple[tuple[str, Stage], ...] = (
    ("wire", _wire),
    ("entities", _entities),
    ("quotes", _quotes),
    ("claims", _claims),
    ("summary", _summary),
    ("figures", _figures),
    ("timeline", _timeline),
    ("discrepancies", _discrepancies),
    ("headlines", _headlines),
    ("update", _update),
)
"""The comparison and extraction stages, in the order they run: each may read what those before it
filled in (quotes need the entities, claims the wire groups and the quotes, figures the summary)."""


MAX_SENTENCES = 2_000
"""The sentences of one article that the comparison and extraction stages read. News articles have
a few hundred (the longest texts of the evaluation sets have under 600); what an article holds beyond this is shown
on its source page but not compared or searched for quotes, figures, names and dates, with a warning:
each stage costs a few milliseconds a sentence, which makes minutes of a 5 MB article."""


def build_digest(story: StoryInfo, sources: Sequence[Source], *, max_sentences: int = MAX_SENTENCES) -> Digest:
    """Run the comparison and extraction stages over one story's sources (the first ``max_sentences``
    of each); the digest keeps every sentence of each source."""
    full = with_slugs(sources)
    digest = Digest(story=story, sources=tuple(analysed(s, max_sentences=max_sentences) for s in full))
    for source in full:
        if len(source.sentences) > max_sentences:
            warnings.warn(f"{source.file}: its {len(source.sentences):,} sentences are more than {max_sentences:,}; "
                          f"claims, quotes, figures, names and dates were looked for in the first {max_sentences:,} "
                          "only (the source page shows them all)", RuntimeWarning, stacklevel=2)
    for _name, stage in STAGES:
        digest = stage(digest)
    return replace(digest, sources=full)


def analysed(source: Source, *, max_sentences: int = MAX_SENTENCES) -> Source:
    """Return the part of a source the stages read: all of it, or its first ``max_sentences`` sentences."""
    if len(source.sentences) <= max_sentences:
        return source
    return replace(source, sentences=source.sentences[:max_sentences])


def dumps(digest: Digest) -> str:
    """Serialise a digest as digest.json: sorted keys, UTF-8, indented, one trailing newline."""
    data = to_dict(digest)
    compact = json.dumps(data, sort_keys=True, ensure_ascii=False)
    try:
        # The same text as json.dumps(..., indent=2), whose indenting encoder is pure Python (2.2 s
        # CPU for the 466 digests of the 2x benchmark, 0.6 s this way): msgspec only re-spaces the
        # compact JSON, keeping every number and string as json wrote it.
        return msgspec.json.format(compact, indent=2) + "\n"
    except (msgspec.DecodeError, UnicodeEncodeError):  # NaN, or a lone surrogate: not JSON msgspec reads
        return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def loads(text: str) -> Digest:
    """Read a digest back from digest.json text."""
    return msgspec.json.decode(text, type=Digest)
