"""The view model: what the pages show that a digest holds only implicitly, worked out before formatting.

Which events all sources report and which each leaves out, how each source words an event, which figures and quotes the overview
shows, where a sentence's quotes and figures are, which source first names a person. ``render``
formats these; it works nothing out itself.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context

from ..claims.compare import coverage
from ..claims.wire import independent_count
from ..english.text import content_words, key, time_relation, words_only_here
from ..figures.extract import value_text
from ..model import Digest, Discrepancy, Entity, Event, Figure, FigureMention, Quote, QuoteMention


def story_pages_present(digest: Digest) -> dict[str, bool]:
    """Which of a story's pages (``render.STORY_PAGES``) have something to list. A page that would only say
    the sources give none is not written: it would be a dead end for a reader and for search, and
    the overview names what was not found instead of linking to it."""
    return {
        "index": True,
        "comparison": True,
        "figures": bool(digest.figures),
        "quotes": bool(digest.quotes),
        "people": any(e.kind != "place" for e in digest.entities),
        "timeline": bool(digest.timeline) or any(d.kind == "date" for d in digest.discrepancies),
        "discrepancies": bool(digest.discrepancies),
    }


def story_context(digest: Digest) -> dict[str, Any]:
    """Everything a story's templates read: the digest, lookups by id, events' coverage, highlights,
    which pages the story has."""
    texts = {t.id: t.text for s in digest.sources for t in s.sentences}
    return {
        "digest": digest,
        "present": story_pages_present(digest),
        "sources": {s.id: s for s in digest.sources},
        "sentences": {t.id: t for s in digest.sources for t in s.sentences},
        "source_of": {t.id: s.id for s in digest.sources for t in s.sentences},
        "coverage": coverage(digest.events, [s.id for s in digest.sources], digest.discrepancies),
        "claim_of": {c.id: c for c in digest.claims},
        "event_of": {e.id: e for e in digest.events},
        "wordings": {e.id: wordings(e, texts) for e in digest.events if len(e.sources) > 1},
        "figure_of": {f.id: f for f in digest.figures},
        "independent": independent_count([s.id for s in digest.sources], digest.wire_groups),
        "marks": highlights(digest),
        "unique": {sid for e in digest.events if len(e.sources) == 1 for ids in e.sources.values() for sid in ids},
    }


@pass_context
def key_figures(context: Mapping[str, Any], figures: Sequence[Figure], *, limit: int = 5) -> list[Figure]:
    """Pick the figures for the overview: in rank order, leaving out durations that only date an
    event ("a year ago", "four months later": the timeline shows those)."""
    sentences = context["sentences"]

    def dates_an_event(mention: FigureMention) -> bool:
        text = sentences[mention.sentence].text
        at = text.find(mention.text)
        if at < 0:
            return time_relation(mention.text, 0, len(mention.text)) is not None
        return time_relation(text, at, at + len(mention.text)) is not None

    return [
        f for f in figures if not (f.kind == "duration" and all(dates_an_event(m) for m in f.mentions))
    ][:limit]


@pass_context
def first_mentions(context: Mapping[str, Any], entities: Sequence[Entity]) -> dict[Entity, list[tuple[str, str | None]]]:
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
def written_differently(context: Mapping[str, Any], entities: Sequence[Entity]) -> dict[Entity, list[tuple[str, Discrepancy]]]:
    """For each person, the name discrepancies, each with the heading that says how the names differ."""
    by_name: dict[str, list[tuple[str, Discrepancy]]] = {}
    for d in context["digest"].discrepancies:
        what, _, name = d.about.partition(" of ")
        if d.kind == "name":
            heading = "Names written in a different order" if what == "name order" else "Spelled differently"
            by_name.setdefault(name, []).append((heading, d))
    return {entity: by_name.get(entity.name, []) for entity in entities}


@dataclass(frozen=True, slots=True)
class Wording:
    """One source's sentence reporting an event, with the words no other source's sentences of the event use."""

    sentence: str
    text: str
    distinct: tuple[str, ...]


def wordings(event: Event, texts: Mapping[str, str]) -> list[tuple[str, list[Wording]]]:
    """Each source's sentences of an event (``texts``: sentence id -> text), in the source's order,
    with the words only that source chose (compared by stem, so "troops" and "troop" are one word):
    "revoked" against "ended"."""
    own = {src: {w for sid in ids for w in content_words(texts[sid])} for src, ids in event.sources.items()}
    out = []
    for src, ids in event.sources.items():
        others = set().union(*(words for other, words in own.items() if other != src))
        out.append((src, [Wording(sentence=sid, text=texts[sid], distinct=words_only_here(texts[sid], others)) for sid in ids]))
    return out


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
def one_per_source(context: Mapping[str, Any], sentence_ids: Sequence[str]) -> list[str]:
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


def in_its_words(quote: Quote) -> tuple[list[QuoteMention], list[QuoteMention]]:
    """A quote's mentions split in two: those of the sources that carry the words shown (``Quote.text``) or a
    part of them, as ``text.key`` reads words, and those of the other sources, which word it
    differently."""
    shown = f" {key(quote.text)} "
    carriers = {m.source for m in quote.mentions if f" {key(m.text)} " in shown}
    return [m for m in quote.mentions if m.source in carriers], [m for m in quote.mentions if m.source not in carriers]


def unique_sources(mentions: Sequence[FigureMention]) -> list[FigureMention]:
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
