"""Build the story's timeline from the dates in its sources, and find dates they disagree on.

Every date expression is a mention of an event at that date. Mentions whose dates nest (July 2023
holds July 26, 2023) and whose surrounding words agree are one event; mentions of the same day are
one event. A source without a publication date resolves only absolute dates and dates anchored
on them by itself; its other dates count only where, read as of a dated source's publication
date, they fall on an event that a dated source reports in similar words.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..common.blocking import shared_word_neighbours, warn_windowed
from ..common.unionfind import DisjointSets
from ..english.clauses import dates_a_noun, dates_what_it_follows
from ..english.dates import Expression, Span, resolve, resolve_article
from ..english.lexicon import CALENDAR_WORDS, SMALL_NUMBER_WORDS, TIME_MODIFIERS, TIME_RELATIONS
from ..english.text import STOP_WORDS, stem
from ..model import Discrepancy, Event, Source, TimelineEntry, Variant

# A word, for comparing the words around two dates. Example: "overthrew", "Bazoum's".
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

# Words that carry no event: function words, reporting verbs and the date words themselves.
# Words that say nothing of which event a date belongs to: function words, dates, small counts
# and the words that place a time ("ago", "early", "ahead").
_STOP = (STOP_WORDS | CALENDAR_WORDS | SMALL_NUMBER_WORDS | frozenset(TIME_MODIFIERS) | frozenset(TIME_RELATIONS)
         | frozenset("ahead merely however".split()))

# Words news copy uses for the same kind of event, read as one. Example: "overthrew" ~ "coup".
_SAME_EVENT = {
    **dict.fromkeys("coup putsch overthrew overthrow overthrown ousted oust deposed depose toppled "
                    "topple takeover".split(), "coup"),
    **dict.fromkeys("announced announcement announces announce statement declaration declared "
                    "communique".split(), "announce"),
    **dict.fromkeys("visit visited visiting visits trip toured".split(), "visit"),
    **dict.fromkeys("election elections elected vote voted polls ballot".split(), "elect"),
    **dict.fromkeys("arrested detained detention custody".split(), "arrest"),
}
WINDOW = 10
"""How many words on each side of a date describe its event."""
MERGE_CUTOFF = 0.3
"""How alike (0-1) the words around two nested dates must be to make them one event."""
PIN_CUTOFF = 0.3
"""How alike the words must be to date an undated source's mention by a dated event."""
COMMON_STEM = 100
"""A word more dated mentions of a story have around them than this links each only to its
nearest (no story of the evaluation sets comes near)."""
NEAR = 5
"""How many mentions on either side a mention is compared with through a common word."""



@dataclass(frozen=True, slots=True)
class _Mention:
    source: int
    """Index of the source in the story."""
    sentence: int
    """Index of the sentence in its source."""
    expression: Expression
    span: Span | None
    context: tuple[tuple[str, float], ...]
    """Word stems around the expression, each with its nearness weight."""
    dates_in_sentence: int = 1
    """How many date expressions its sentence holds (one reads best on a timeline)."""
    pinned: bool = False
    """Dated only through a dated source's event (the source itself has no date)."""
    anchor: int | None = None
    """For "four months later": index (among all mentions) of the date it counts from."""
    own: bool = True
    """The date is its sentence's, not a noun's in it ("in a July 26 coup" in a sentence that tells of
    something else: ``clauses.dates_a_noun``; "Following the coup last year, the US suspended aid":
    ``clauses.dates_what_it_follows``)."""


def extract_timeline(sources: Sequence[Source], *, window: int = WINDOW,
                     merge_cutoff: float = MERGE_CUTOFF,
                     pin_cutoff: float = PIN_CUTOFF) -> tuple[TimelineEntry, ...]:
    """List the story's dated events in date order, one per event with every source reporting it."""
    clusters = _clusters(sources, window=window, merge_cutoff=merge_cutoff, pin_cutoff=pin_cutoff)
    return tuple(_event(c, sources) for c in clusters)


def date_discrepancies(events: Sequence[TimelineEntry], sources: Sequence[Source], *,
                       window: int = WINDOW, conflict_cutoff: float = 0.5,
                       min_shared: int = 3) -> tuple[Discrepancy, ...]:
    """List events whose date sources give differently, as discrepancies of kind "date"."""
    clusters = _clusters(sources, window=window, merge_cutoff=MERGE_CUTOFF, pin_cutoff=PIN_CUTOFF)
    return _conflicts(clusters, events, sources, conflict_cutoff=conflict_cutoff, min_shared=min_shared)


def timeline_and_discrepancies(sources: Sequence[Source]) -> tuple[tuple[TimelineEntry, ...], tuple[Discrepancy, ...]]:
    """Do what ``extract_timeline`` and ``date_discrepancies`` do, finding the dated mentions once."""
    clusters = _clusters(sources, window=WINDOW, merge_cutoff=MERGE_CUTOFF, pin_cutoff=PIN_CUTOFF)
    events = tuple(_event(c, sources) for c in clusters)
    return events, _conflicts(clusters, events, sources, conflict_cutoff=0.5, min_shared=3)


def _conflicts(clusters: list[list[_Mention]], events: Sequence[TimelineEntry], sources: Sequence[Source], *,
               conflict_cutoff: float, min_shared: int) -> tuple[Discrepancy, ...]:
    wanted = {(e.date, e.sentences[0]) for e in events if e.sentences}
    clusters = [c for c in clusters if (_core(c).label, _sentence_id(c[0], sources)) in wanted]
    # Two dates conflict only when their own words agree, not just the kind of event.
    weights = _weights(sources, trigger=1.0)
    exact = [(c, m) for c, cluster in enumerate(clusters) for m in cluster
             if not m.expression.approximate and not m.pinned]
    exact.sort(key=lambda cm: (cm[1].source, cm[1].sentence, cm[1].expression.start))
    near, _common = _near([m.context for _c, m in exact])
    best: dict[tuple[int, int], float] = {}
    for x, (c, m) in enumerate(exact):
        for y in near[x]:
            d, n = exact[y]
            if c < d and len(dict(m.context).keys() & dict(n.context)) >= min_shared:
                best[(c, d)] = max(best.get((c, d), 0.0), _similarity(m, n, weights))
    found = []
    for (i, j), score in sorted(best.items()):
        first, second = clusters[i], clusters[j]
        if _overlap(_core(first), _core(second)) or _sources(first) & _sources(second):
            continue  # a source that gives both dates tells of two events, not a conflict
        if score >= conflict_cutoff:
            found.append(_discrepancy((first, second), sources))
    return tuple(found)


def _clusters(sources: Sequence[Source], *, window: int, merge_cutoff: float,
              pin_cutoff: float) -> list[list[_Mention]]:
    """Group every dated mention into events, ordered by date then first appearance."""
    mentions = _mentions(sources, window=window)
    weights = _weights(sources)
    near, common = _near([m.context for m in mentions])
    if common:
        warn_windowed([sources[m.source].file for m in mentions], "dates", common, common=COMMON_STEM, window=NEAR)
    events = _Events(mentions, near, weights)
    events.merge(sorted((p for p, m in enumerate(mentions) if m.span), key=lambda p: _precision_order(mentions[p])),
                 merge_cutoff)
    bases = sorted({d for d in (s.published for s in sources) if d})
    for position, mention in enumerate(mentions):
        if mention.span:
            continue
        source = sources[mention.source]
        if mention.anchor is not None:
            anchor = mentions[mention.anchor]
            if anchor.span:
                text = source.sentences[mention.sentence].text
                span = resolve(mention.expression, text, published=None, anchor=anchor.span)
                if span:
                    mentions[position] = dataclasses.replace(mention, span=span,
                                                             pinned=anchor.pinned)
                    events.assign(position, merge_cutoff)
            continue
        events.pin(position, source, bases, pin_cutoff)
    clusters = [sorted((mentions[p] for p in members), key=_best_order) for members in events.members]
    return sorted(clusters, key=lambda c: (_core(c).first, _core(c).last,
                                           min((m.source, m.sentence) for m in c)))


def _mentions(sources: Sequence[Source], *, window: int) -> list[_Mention]:
    """Find and resolve every date expression, each source on its own."""
    found: list[_Mention] = []
    for source_index, source in enumerate(sources):
        texts = [sentence.text for sentence in source.sentences]
        article = resolve_article(texts, published=source.published)
        offset = len(found)
        by_sentence: dict[int, list[Expression]] = {}
        for item in article:
            by_sentence.setdefault(item.sentence, []).append(item.expression)
        for item in article:
            same = by_sentence[item.sentence]
            context = _context(texts[item.sentence], item.expression, same, window)
            anchor = None if item.anchor is None else offset + item.anchor
            start = item.expression.start
            end = start + len(item.expression.text)
            text = texts[item.sentence]
            own = not (dates_a_noun(text, start, end) or dates_what_it_follows(text, start, end))
            found.append(_Mention(source_index, item.sentence, item.expression, item.span, context,
                                  len(same), anchor=anchor, own=own))
    return found


def _near(contexts: Sequence[Sequence[tuple[str, float]]], *, common: int = COMMON_STEM, window: int = NEAR,
          rarest: int = 2) -> tuple[list[set[int]], list[str]]:
    """List, for each mention in reading order, the others whose words it shares, as
    ``common.blocking.shared_word_neighbours`` links them; and the words more than ``common`` have."""
    return shared_word_neighbours([[term for term, _weight in context] for context in contexts],
                                  common=common, window=window, rarest=rarest)


class _Events:
    """The events being formed: each a list of positions in ``mentions``, with its narrowest span."""

    def __init__(self, mentions: list[_Mention], near: list[set[int]], weights: dict[str, float]) -> None:
        self.mentions, self.near, self.weights = mentions, near, weights
        self.members: list[list[int]] = []
        self.core: list[Span] = []
        self.event_of: dict[int, int] = {}
        self.day: dict[Span, int] = {}
        """The event whose narrowest span is each day (one per day: the same day is the same event)."""

    def merge(self, order: list[int], cutoff: float) -> None:
        """Join dated mentions whose dates nest and whose words agree, the most alike pair first.

        Single linkage, done as Kruskal's algorithm: pairs of mentions in falling order of
        likeness, each joining its two events while their dates still nest. Calendar days, months
        and years either nest or are apart, so a pair refused once would be refused again later.
        Mentions of the same day always join, whatever else joins first, so they are joined
        before the pairs are weighed.
        """
        spans = [self._span(p) for p in order]
        index = {p: i for i, p in enumerate(order)}
        sets = DisjointSets(len(order))
        first_of: dict[Span, int] = {}
        for i, span in enumerate(spans):
            if span.precision == "day":
                sets.union(first_of.setdefault(span, i), i)
        edges = []
        for i, p in enumerate(order):
            for j in (index[q] for q in self.near[p] if q in index):
                if j <= i or (spans[i] == spans[j] and spans[i].precision == "day") or not _nested(spans[i], spans[j]):
                    continue
                score = _similarity(self.mentions[p], self.mentions[order[j]], self.weights)
                if score >= cutoff:
                    edges.append((-score, i, j))
        core = list(spans)
        for _score, i, j in sorted(edges):
            a, b = sets.find(i), sets.find(j)
            if a != b and _nested(core[a], core[b]):
                sets.union(a, b)
                core[min(a, b)] = min(core[a], core[b], key=_narrowness)
        for group in sets.groups():
            self._add([order[i] for i in group], None)

    def assign(self, position: int, cutoff: float) -> None:
        """Add a mention to the event it reports, or start a new event."""
        span = self._span(position)
        alike = self._alike(position)
        same_day = self.day.get(span) if span.precision == "day" else None
        best_score, best_index = cutoff, -1
        for index in sorted({*alike, *([] if same_day is None else [same_day])}):
            core = self.core[index]
            if not _nested(span, core):
                continue
            score = 1.0 if span == core and span.precision == "day" else alike.get(index, 0.0)
            if score > best_score or (score == best_score and best_index < 0):
                best_score, best_index = score, index
        self._add([position], None if best_index < 0 else best_index)

    def pin(self, position: int, source: Source, bases: Sequence[dt.date], cutoff: float) -> None:
        """Date an undated mention by the event it reports, read as of each dated source's date."""
        mention = self.mentions[position]
        text = source.sentences[mention.sentence].text
        alike = self._alike(position)
        best: tuple[float, int, Span | None] = (cutoff, -1, None)
        for base in bases:
            span = resolve(mention.expression, text, published=base)
            if span is None:
                continue
            for index in sorted(alike):
                if not _nested(span, self.core[index]):
                    continue
                score = alike[index]
                if span.precision == "day":
                    score *= 2.0  # a day named alike is evidence already; ask half as many words
                if score >= best[0] and (score > best[0] or best[1] < 0):
                    best = (score, index, span)
        if best[2] is None:
            return
        self.mentions[position] = dataclasses.replace(mention, span=best[2], pinned=True)
        self._add([position], best[1])

    def _alike(self, position: int) -> dict[int, float]:
        """Score each event by its mention most alike to the one at ``position``."""
        alike: dict[int, float] = {}
        for other in self.near[position]:
            index = self.event_of.get(other)
            if index is not None:
                score = _similarity(self.mentions[position], self.mentions[other], self.weights)
                alike[index] = max(alike.get(index, 0.0), score)
        return alike

    def _span(self, position: int) -> Span:
        span = self.mentions[position].span
        assert span is not None, "only dated mentions make events"
        return span

    def _add(self, positions: list[int], index: int | None) -> None:
        """Add mentions to the event at ``index``, or make them a new event."""
        if index is None:
            index = len(self.members)
            self.members.append([])
            self.core.append(self._span(positions[0]))
        for p in positions:
            self.members[index].append(p)
            self.event_of[p] = index
            self.core[index] = min(self.core[index], self._span(p), key=_narrowness)
        if self.core[index].precision == "day":
            self.day[self.core[index]] = index


def date_events(timeline: Sequence[TimelineEntry], events: Sequence[Event]) -> tuple[tuple[TimelineEntry, ...], tuple[Event, ...]]:
    """Tie the timeline to the comparison's events: each timeline entry names the event of the sentence
    it shows (its first) when that sentence tells of the date's own event (``TimelineEntry.own``; none
    when every sentence only names the date for a noun), and each event takes the date of the entry
    that shares most of its sentences, counting only those whose own date it is ("the aid cut after the
    July coup" does not date the aid cut), when no other date comes close (a sentence that gives two
    dates of its own tells nothing of which is the event's: such an event stays undated rather than take
    the wrong one). Events no entry shares are left undated."""
    event_of = {sid: e.id for e in events for ids in e.sources.values() for sid in ids}
    linked = tuple(dataclasses.replace(entry, event=event_of.get(entry.own[0], "") if entry.own else "")
                   for entry in timeline)
    precision = {"day": 0, "month": 1, "year": 2}
    held = [set(entry.own) for entry in timeline]  # "the aid cut after the July coup" does not date the aid cut
    dated: list[Event] = []
    for event in events:
        own = {sid for ids in event.sources.values() for sid in ids}
        overlap = sorted(((len(own & held[k]), -precision.get(entry.precision, 3), -k)
                          for k, entry in enumerate(timeline)), reverse=True)
        first, runner_up = (overlap + [(0, 0, 0)] * 2)[:2]
        clear = first[0] > 0 and first[0] >= 2 * runner_up[0]
        dated.append(dataclasses.replace(event, date=timeline[-first[2]].date) if clear else event)
    return linked, tuple(dated)


def _event(cluster: Sequence[_Mention], sources: Sequence[Source]) -> TimelineEntry:
    best = cluster[0]
    core = _core(cluster)
    sentence_ids = list(dict.fromkeys(_sentence_id(m, sources) for m in cluster))
    source_ids = [sources[i].id for i in sorted({m.source for m in cluster})]
    # The words that gave the date: the shown sentence's when they give it as closely as any ("Just four
    # months later" gives a month; "a July 26 coup", in a sentence on something else, the day).
    dater = best if best.span == core else next(m for m in cluster if m.span == core)
    return TimelineEntry(date=core.label, text=sources[best.source].sentences[best.sentence].text,
                 precision=core.precision or "year", sources=tuple(source_ids),
                 sentences=tuple(sentence_ids), expression=dater.expression.text,
                 own=tuple(dict.fromkeys(_sentence_id(m, sources) for m in cluster if m.own)))


def _discrepancy(pair: Sequence[Sequence[_Mention]], sources: Sequence[Source]) -> Discrepancy:
    variants = []
    for cluster in pair:
        exact = [m for m in cluster if not m.pinned] or list(cluster)
        variants.append(Variant(
            value=_core(cluster).label,
            sources=tuple(sources[i].id for i in sorted({m.source for m in exact})),
            sentences=tuple(dict.fromkeys(_sentence_id(m, sources) for m in exact))))
    best = pair[0][0]
    text = sources[best.source].sentences[best.sentence].text
    return Discrepancy(about=f"date of “{_around(text, best.expression)}”", kind="date",
                       variants=tuple(variants))


def _around(text: str, expression: Expression, *, words: int = 6) -> str:
    """Return the words on either side of the expression, the expression itself left out."""
    before = " ".join(text[:expression.start].split()[-words:]).rstrip(" ,;:")
    after = " ".join(text[expression.start + len(expression.text):].split()[:words]).lstrip(" ,;:")
    return f"{before} … {after}".strip(" …")


def _core(cluster: Sequence[_Mention]) -> Span:
    """Return the narrowest span of the cluster (every other one holds it)."""
    return min((m.span for m in cluster if m.span), key=_narrowness)


def _narrowness(span: Span) -> tuple[dt.timedelta, dt.date]:
    return span.last - span.first, span.first


def _sources(cluster: Sequence[_Mention]) -> set[int]:
    return {m.source for m in cluster}


def _nested(a: Span, b: Span) -> bool:
    return a.contains(b) or b.contains(a)


def _overlap(a: Span, b: Span) -> bool:
    return a.first <= b.last and b.first <= a.last


def _precision_order(m: _Mention) -> tuple[int, int, int, int]:
    assert m.span is not None
    return ((m.span.last - m.span.first).days, m.source, m.sentence, m.expression.start)


_KIND_RANK = {"absolute": 0, "partial": 1, "weekday": 2, "relative": 3, "anchored": 4}


def _best_order(m: _Mention) -> tuple[object, ...]:
    """Order a cluster's mentions so the one that best states the event comes first: a sentence that tells of
    the dated event before one that only dates a noun in it."""
    assert m.span is not None
    return (not m.own, m.pinned, m.expression.approximate, (m.span.last - m.span.first).days,
            m.dates_in_sentence,
            _KIND_RANK[m.expression.kind], m.source, m.sentence, m.expression.start)


def _sentence_id(m: _Mention, sources: Sequence[Source]) -> str:
    return sources[m.source].sentences[m.sentence].id


def _context(text: str, expression: Expression, others: Sequence[Expression],
             window: int) -> tuple[tuple[str, float], ...]:
    """Return the stems near the expression, each weighted by its nearness (1 next to it).

    The words between two dates of one sentence are split between them at the middle, so each
    date keeps the words of its own clause; function words and date words are left out.
    """
    start, end = expression.start, expression.start + len(expression.text)
    left, right = 0, len(text)
    for other in others:
        other_end = other.start + len(other.text)
        if other_end <= start:
            left = max(left, (other_end + start) // 2)
        elif other.start >= end:
            right = min(right, (end + other.start) // 2)
    before = _WORD.findall(text[left:start])[::-1][:window]
    after = _WORD.findall(text[end:right])[:window]
    near: dict[str, float] = {}
    for words in (before, after):
        for distance, word in enumerate(words):
            stem = _term(word)
            if stem:
                near[stem] = max(near.get(stem, 0.0), 1.0 / (1.0 + distance / 4.0))
    return tuple(sorted(near.items()))


@lru_cache(maxsize=65536)
def _term(word: str) -> str:
    """The key a word of a date's context is compared by: a stem cut to six letters, or its kind of event."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    if word in _STOP or len(word) < 3:
        return ""
    if word in _SAME_EVENT:
        return _SAME_EVENT[word]
    return stem(word)[:6]


def _weights(sources: Sequence[Source], *, trigger: float = 3.0) -> dict[str, float]:
    """Weigh each stem by how rare it is among the story's sentences (inverse doc. frequency)."""
    counts: Counter[str] = Counter()
    total = 0
    for source in sources:
        for sentence in source.sentences:
            total += 1
            counts.update({s for s in (_term(w) for w in _WORD.findall(sentence.text)) if s})
    triggers = set(_SAME_EVENT.values())
    # A word that names the kind of event ("coup", "visit") says more than any other.
    return {stem: (math.log((total + 1) / (n + 1)) + 1.0) * (trigger if stem in triggers else 1.0)
            for stem, n in counts.items()}


def _similarity(a: _Mention, b: _Mention, weights: dict[str, float]) -> float:
    """Return how much of the smaller context the other shares, by rarity and nearness."""
    first, second = dict(a.context), dict(b.context)
    if not first or not second:
        return 0.0
    shared = sum(weights.get(s, 1.0) * min(first[s], second[s]) for s in first.keys() & second)
    sizes = [sum(weights.get(s, 1.0) * w for s, w in c.items()) for c in (first, second)]
    return shared / min(sizes)
