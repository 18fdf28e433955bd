"""The stage list: from read articles to one Digest per story; digest.json in and out."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace

from .clean import clean_text
from .compare import align
from .figures import extract_figures, figure_discrepancies
from .model import Article, Digest, Source, StoryInfo, from_dict, to_dict
from .people import extract_entities, name_discrepancies
from .quotes import extract_quotes, quote_discrepancies
from .sentences import split_sentences
from .summary import summarise
from .textutil import slugify
from .updates import compare_headlines, latest_update
from .timeline import timeline_and_discrepancies
from .wire import independent_count, wire_groups

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


def build_digest(story: StoryInfo, sources: Sequence[Source]) -> Digest:
    """Run the comparison and extraction stages over one story's sources."""
    ordered = with_slugs(sources)
    groups = wire_groups(ordered)
    claims = tuple(
        replace(claim, independent=independent_count(claim.sources, groups)) for claim in align(ordered)
    )
    summary = summarise(ordered, claims)
    figures = extract_figures(ordered, cited=frozenset(sid for line in summary for sid in line.sentences))
    entities = extract_entities(ordered)
    quotes = extract_quotes(ordered, entities)
    timeline, date_conflicts = timeline_and_discrepancies(ordered)
    discrepancies = (
        *figure_discrepancies(figures),
        *name_discrepancies(entities, ordered),
        *quote_discrepancies(quotes),
        *date_conflicts,
    )
    return Digest(
        story=story,
        sources=ordered,
        summary=summary,
        claims=claims,
        figures=figures,
        quotes=quotes,
        entities=entities,
        discrepancies=discrepancies,
        timeline=timeline,
        wire_groups=groups,
        headlines=compare_headlines(ordered),
        update=latest_update(ordered, claims, figures),
    )


def dumps(digest: Digest) -> str:
    """Serialise a digest as digest.json: sorted keys, UTF-8, indented, one trailing newline."""
    return json.dumps(to_dict(digest), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def loads(text: str) -> Digest:
    """Read a digest back from digest.json text."""
    return from_dict(Digest, json.loads(text))
