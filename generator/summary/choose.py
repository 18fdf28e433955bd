"""Choose the summary: sentences of the most widely carried events, each cited, in an order that reads as a story."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..common.tfidf import centrality
from ..english.boundaries import abbreviation, word_before
from ..english.quotemarks import find_spans
from ..english.text import content_words
from ..model import Claim, Event, Source, SummarySentence

# A sentence that leans on the one before it ("He added ...", "But ...") reads badly out of context.
_DEPENDENT_START = re.compile(
    r"^[\"“‘']?(he|she|they|it|this|that|these|those|his|her|their|its|but|and|so|however|"
    r"nevertheless|meanwhile|also|still|yet|then|there)\b",
    re.IGNORECASE,
)
# A full stop after a word inside a sentence, the next word in lower case: copy run on past its end, unless
# the stop is an abbreviation's ("U.S. troops", "9 a.m. on Monday": ``boundaries.abbreviation`` tells).
_RUN_ON = re.compile(r"(?<=[a-z])\.(?=\s+[“\"‘']?[a-z]+\b)")
# A sentence that is mostly a quotation is a quote for the quotes page, not a summary line.
_QUOTE_OPEN = re.compile(r"^[\"“‘']")


def summarise(
    sources: Sequence[Source],
    events: Sequence[Event],
    claims: Sequence[Claim],
    *,
    min_sentences: int = 4,
    max_sentences: int = 8,
    redundancy_cutoff: float = 50,
    spread_weight: float = 3.0,
    position_weight: float = 2.0,
    centrality_weight: float = 6.0,
    repeat_cost: float = 1.0,
) -> tuple[SummarySentence, ...]:
    """Pick 4-8 sentences that report widely carried events and say different things; cite every
    source's sentences of each one's event, and name the claim the sentence states.

    A sentence stands for its event when every other source of the event says what it says too
    (``Event.core``; any of its sentences when none does). It scores by how many independent sources
    carry its event, how early it comes in its source, and how central it is to the story. The summary
    takes the best sentence that does not repeat one already taken, again and again; a sentence of an
    event the summary already tells costs ``repeat_cost`` more for each of that event's sentences
    taken, so the summary tells the main events first. An event is told in one source's words: a second
    sentence of it comes from the source of the first, the way that outlet goes on to tell it (another
    outlet's sentence of it says the same thing again in other words), and must pass the redundancy
    test, which reads wording.
    """
    if not events:
        return ()
    sentence = {s.id: (src, i) for src in sources for i, s in enumerate(src.sentences)}
    length = {src.id: len(src.sentences) for src in sources}
    texts = {s.id: s.text for src in sources for s in src.sentences}
    claim_of = {sid: c.id for c in claims for ids in c.sources.values() for sid in ids}

    def position(sid: str) -> float:
        src, i = sentence[sid]
        return i / max(length[src.id] - 1, 1)

    all_ids = [sid for src in sources for sid in (s.id for s in src.sentences)]
    degree = dict(zip(all_ids, centrality([Counter(content_words(texts[sid])) for sid in all_ids])))
    top = max(degree.values(), default=0.0) or 1.0

    def score(event: Event, sid: str) -> float:
        spread = (event.independent or len(event.sources)) / len(sources)
        return (
            spread_weight * spread
            + position_weight * (1 - position(sid))
            + centrality_weight * degree[sid] / top
            - _awkwardness(texts[sid])
        )

    candidates = sorted(
        ((score(event, sid), n, sid, event) for n, event in enumerate(events) for sid in _speaking_for(event)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    chosen: list[tuple[Event, str]] = []
    told: Counter[str] = Counter()  # event id -> its sentences the summary holds
    while candidates and len(chosen) < max_sentences:
        # Scores only fall as events are told, so the first candidate whose own score is below the
        # best adjusted one found ends the search.
        pick, best = 0, -math.inf
        for k, (value, _n, _sid, event) in enumerate(candidates):
            if value <= best:
                break
            adjusted = value - repeat_cost * told[event.id]
            if adjusted > best:
                pick, best = k, adjusted
        _value, _n, sid, event = candidates.pop(pick)
        if _awkwardness(texts[sid]) >= 2 and len(chosen) >= min_sentences:
            continue
        words = " ".join(content_words(texts[sid]))
        if any(fuzz.token_set_ratio(words, " ".join(content_words(texts[b]))) >= redundancy_cutoff for _, b in chosen):
            continue
        chosen.append((event, sid))
        told[event.id] += 1
        # The event is now told in this source's words: another source's sentence of it would retell it.
        teller = sentence[sid][0].id
        candidates = [c for c in candidates if c[3].id != event.id or sentence[c[2]][0].id == teller]

    def story_order(pair: tuple[Event, str]) -> tuple[float, float, str]:
        event, best = pair
        first = min(position(sid) for ids in event.sources.values() for sid in ids)
        return (first, position(best), best)

    return tuple(
        SummarySentence(
            text=texts[best],
            sources=tuple(sorted(event.sources)),
            sentences=(best,) + tuple(sorted(sid for ids in event.sources.values() for sid in ids if sid != best)),
            claim=claim_of.get(best, ""),
            event=event.id,
        )
        for event, best in sorted(chosen, key=story_order)
    )


def _speaking_for(event: Event) -> tuple[str, ...]:
    """The sentences that may stand for an event in the summary: those every other source of it says too
    (``Event.core``), or all of them when none is."""
    return event.core or tuple(sid for ids in event.sources.values() for sid in ids)


def _awkwardness(text: str) -> float:
    """How badly a sentence stands alone: 0 is fine; pronoun starts, quotes and extremes cost, and so do a
    fragment (no closing punctuation, or a quotation left open for the next sentence to close) and garbled
    copy (a full stop inside it)."""
    words = len(text.split())
    cost = 0.0
    if _DEPENDENT_START.match(text):
        cost += 1.5
    if _QUOTE_OPEN.match(text):
        cost += 1.0
    if words < 8 or words > 45:
        cost += 1.0
    if text.rstrip("”’\"')")[-1:] not in ".!?":
        cost += 2.0
    if any(abbreviation(word_before(text, 0, m.start())) is None for m in _RUN_ON.finditer(text)):
        cost += 1.0  # a stop inside it ("that it had condemned. “with immediate effect” Military ..."): garbled
    if any(not span.closed for span in find_spans(text)):
        cost += 2.0  # it opens a quotation a later sentence closes: whose words they are is told there
    return cost
