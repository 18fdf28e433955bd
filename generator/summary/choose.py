"""Choose the summary: one sentence for each widely carried event, each cited, in an order that reads as a story."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..common.tfidf import centrality
from ..english.text import content_words
from ..model import Claim, Event, Source, SummarySentence

# A sentence that leans on the one before it ("He added ...", "But ...") reads badly out of context.
_DEPENDENT_START = re.compile(
    r"^[\"“‘']?(he|she|they|it|this|that|these|those|his|her|their|its|but|and|so|however|"
    r"nevertheless|meanwhile|also|still|yet|then|there)\b",
    re.IGNORECASE,
)
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
) -> tuple[SummarySentence, ...]:
    """Pick 4-8 events that many independent sources carry and that say different things, one
    sentence each; cite every source's sentences of the event, and name the claim the sentence states."""
    sentence = {s.id: (src, i) for src in sources for i, s in enumerate(src.sentences)}
    length = {src.id: len(src.sentences) for src in sources}
    texts = {s.id: s.text for src in sources for s in src.sentences}
    if not events:
        return ()
    claim_of = {sid: c.id for c in claims for ids in c.sources.values() for sid in ids}

    def position(sid: str) -> float:
        src, i = sentence[sid]
        return i / max(length[src.id] - 1, 1)

    def representative(event: Event) -> str:
        ids = [sid for ids in event.sources.values() for sid in ids]
        return min(ids, key=lambda sid: (_awkwardness(texts[sid]), position(sid), sid))

    reps = {e.id: representative(e) for e in events}
    all_ids = [sid for src in sources for sid in (s.id for s in src.sentences)]
    degree = dict(zip(all_ids, centrality([Counter(content_words(texts[sid])) for sid in all_ids])))
    top = max(degree.values(), default=0.0) or 1.0
    central = {cid: degree[sid] / top for cid, sid in reps.items()}

    def score(event: Event) -> float:
        best = reps[event.id]
        spread = (event.independent or len(event.sources)) / len(sources)
        earliest = min(position(sid) for ids in event.sources.values() for sid in ids)
        return (
            spread_weight * spread
            + position_weight * (1 - earliest)
            + centrality_weight * central[event.id]
            - _awkwardness(texts[best])
        )

    ranked = sorted(events, key=lambda e: (-score(e), int(e.id[1:])))
    wanted = max_sentences
    chosen: list[tuple[Event, str]] = []
    for event in ranked:
        if len(chosen) >= wanted:
            break
        best = reps[event.id]
        if _awkwardness(texts[best]) >= 2 and len(chosen) >= min_sentences:
            continue
        words = " ".join(content_words(texts[best]))
        if any(fuzz.token_set_ratio(words, " ".join(content_words(texts[b]))) >= redundancy_cutoff for _, b in chosen):
            continue
        chosen.append((event, best))

    def story_order(pair: tuple[Event, str]) -> tuple[float, str]:
        event, best = pair
        positions = [position(sid) for ids in event.sources.values() for sid in ids]
        return (sum(positions) / len(positions), best)

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


def _awkwardness(text: str) -> float:
    """How badly a sentence stands alone: 0 is fine; pronoun starts, quotes and extremes cost."""
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
    return cost
