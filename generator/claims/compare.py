"""Align the sentences of a story's sources into claims: who states what.

Similarity is rapidfuzz over content words, computed for all sentence pairs at once with
``process.cdist``; words that most of the story's sentences share ("niger", "junta") are left out
first, since they say nothing about which claim a sentence makes. Two sentences state the same
claim only when the wording is close and their numbers and names do not contradict.
"""
from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from ..common.blocking import shared_rare_word_pairs
from ..english.text import capitalised_words, content_words, numbers_in
from ..model import Claim, Discrepancy, Sentence, Source

MIN_CLAIM_WORDS = 4
"""Sentences shorter than this (subheadings, fragments) state no claim."""
EXACT_PAIRS = 1_000_000
"""Two sources with at most this many sentence pairs have every pair scored (news articles have a
few thousand); longer ones only the pairs that share their rarest words, as ``common.blocking.shared_rare_word_pairs`` says."""


@dataclass(frozen=True, slots=True)
class _Item:
    source: str
    sentence: Sentence
    position: float  # relative position in its source, 0 (first) to 1 (last)
    lead: bool  # the first sentence of its source
    numbers: frozenset[float]
    names: frozenset[str]


def _kept_words(texts: Sequence[str], *, common_share: float = 0.25) -> list[str]:
    """Reduce texts to their content words, leaving out the words most of them share."""
    words = [content_words(t) for t in texts]
    frequency = Counter(w for ws in words for w in set(ws))
    common = {w for w, n in frequency.items() if len(texts) >= 8 and n > common_share * len(texts)}
    return [" ".join(w for w in ws if w not in common) for ws in words]


def similarity(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Score every pair (left x right) 0-100 by shared wording: token set and token sort, averaged."""
    token_set = process.cdist(left, right, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=1)
    token_sort = process.cdist(left, right, scorer=fuzz.token_sort_ratio, dtype=np.float32, workers=1)
    return (token_set + token_sort) / 2


def align(
    sources: Sequence[Source],
    *,
    score_cutoff: float = 58,
    number_bonus: float = 8,
    lead_bonus: float = 8,
    per_source: int = 1,
) -> tuple[Claim, ...]:
    """Group sentences that state the same claim, at most ``per_source`` sentences of a source each.

    Sharing a number, or both being an article's lead (news states its main event first), adds to
    the wording score; contradicting numbers or names forbid the pairing whatever the wording.
    Only pairs from different sources are scored, source pair by source pair, so one long article
    costs nothing and memory stays with the largest pair of sources.
    """
    items = [
        _Item(
            source=s.id,
            sentence=sent,
            position=i / max(len(s.sentences) - 1, 1),
            lead=i == 0,
            numbers=numbers_in(sent.text),
            names=capitalised_words(sent.text),
        )
        for s in sources
        for i, sent in enumerate(s.sentences)
        if len(sent.text.split()) >= MIN_CLAIM_WORDS
    ]
    if not items:
        return ()
    kept = _kept_words([it.sentence.text for it in items])
    by_source: dict[str, list[int]] = {}
    for k, it in enumerate(items):
        by_source.setdefault(it.source, []).append(k)
    floor = score_cutoff - 10  # below this a pair neither merges nor changes a cluster's mean much
    scores: dict[tuple[int, int], float] = {}
    groups = list(by_source.values())
    for x, left in enumerate(groups):
        for right in groups[x + 1:]:
            for r, c, value in _scored_pairs([kept[k] for k in left], [kept[k] for k in right],
                                             [items[k].position for k in right], floor - number_bonus - lead_bonus):
                i, j = left[r], right[c]
                a, b = items[i], items[j]
                score = value + number_bonus * bool(a.numbers & b.numbers) + lead_bonus * (a.lead and b.lead)
                if score >= floor:
                    scores[(i, j)] = scores[(j, i)] = score
            if len(left) * len(right) > EXACT_PAIRS:
                files = {s.id: s.file for s in sources}
                (n, longer), (m, other) = sorted(((len(ids), files[items[ids[0]].source]) for ids in (left, right)), reverse=True)
                warnings.warn(f"{longer}: its {n:,} sentences were compared with the {m:,} of {other} only where "
                              "they share their rarest words, not pair by pair", RuntimeWarning, stacklevel=2)
    clusters = _cluster(items, scores, score_cutoff, per_source)
    return _claims(items, scores, clusters)


def _scored_pairs(left: Sequence[str], right: Sequence[str], right_positions: Sequence[float],
                  minimum: float) -> Iterator[tuple[int, int, float]]:
    """Score pairs (left x right) as ``similarity`` does and yield those scoring ``minimum`` or more:
    every pair while there are at most EXACT_PAIRS, else those ``common.blocking.shared_rare_word_pairs`` gives."""
    if len(left) * len(right) <= EXACT_PAIRS:
        block = similarity(left, right)
        rows, cols = np.nonzero(block >= minimum)
        yield from ((r, c, float(block[r, c])) for r, c in zip(rows.tolist(), cols.tolist()))
        return
    positions = [r / max(len(left) - 1, 1) for r in range(len(left))]
    for r, c in shared_rare_word_pairs(left, right, positions, right_positions):
        value = (fuzz.token_set_ratio(left[r], right[c]) + fuzz.token_sort_ratio(left[r], right[c])) / 2
        if value >= minimum:
            yield r, c, value


def _compatible(a: _Item, b: _Item) -> bool:
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return False
    return not (a.names and b.names and not a.names & b.names)


def _cluster(items: list[_Item], scores: dict[tuple[int, int], float], cutoff: float, per_source: int) -> list[list[int]]:
    """Merge the closest pairs first; a merge must keep few sentences per source, no contradiction,
    and a mean score over all cross-source pairs near the cutoff (so that chains do not form)."""
    cluster_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    pairs = [(-score, i, j) for (i, j), score in scores.items() if i < j and score >= cutoff]
    for _neg, i, j in sorted(pairs):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        left, right = members[ci], members[cj]
        merged = Counter(items[k].source for k in left + right)
        if max(merged.values()) > per_source or len(merged) < 2:
            continue
        if not all(_compatible(items[a], items[b]) for a in left for b in right):
            continue
        cross = [scores.get((a, b), 0.0) for a in left for b in right if items[a].source != items[b].source]
        if not cross or np.mean(cross) < cutoff - 10:
            continue
        members[ci] = left + right
        for k in right:
            cluster_of[k] = ci
        del members[cj]
    return list(members.values())


def _claims(items: list[_Item], scores: dict[tuple[int, int], float], clusters: list[list[int]]) -> tuple[Claim, ...]:
    def order(cluster: list[int]) -> tuple[int, float, str]:
        spread = len({items[k].source for k in cluster})
        mean_position = sum(items[k].position for k in cluster) / len(cluster)
        return (-spread, round(mean_position, 6), items[min(cluster)].sentence.id)

    claims = []
    for n, cluster in enumerate(sorted(clusters, key=order), start=1):
        medoid = max(sorted(cluster), key=lambda k: sum(scores.get((k, m), 0.0) for m in cluster if m != k))
        by_source: dict[str, tuple[str, ...]] = {}
        for k in sorted(cluster, key=lambda k: (items[k].source, items[k].sentence.id)):
            by_source[items[k].source] = by_source.get(items[k].source, ()) + (items[k].sentence.id,)
        claims.append(Claim(id=f"c{n}", text=items[medoid].sentence.text, sources=by_source))
    return tuple(claims)


@dataclass(frozen=True, slots=True)
class Coverage:
    """Who carries which claim, read the ways a reader compares sources."""

    agreement: Mapping[str, str]
    """Claim id -> "all" (every source), "several" (more than one) or "one"."""
    unique: Mapping[str, tuple[str, ...]]
    """Source id -> ids of the claims only it carries."""
    omitted: Mapping[str, tuple[str, ...]]
    """Source id -> ids of the claims most other sources carry and it leaves out."""
    carried: Mapping[str, int]
    """Source id -> how many claims it carries."""
    contested: Mapping[str, tuple[str, ...]]
    """Claim id -> what other sources dispute in it: the ``about`` of each figure, quote or date
    discrepancy its sentences take part in (name spellings do not dispute a claim)."""


def coverage(
    claims: Sequence[Claim], source_ids: Sequence[str], discrepancies: Sequence[Discrepancy] = ()
) -> Coverage:
    """Classify each claim by how widely it is carried and whether it is disputed; list each source's
    unique and missing claims."""
    disputed: dict[str, list[str]] = {}
    for d in discrepancies:
        if d.kind == "name":
            continue  # a spelling differs, the claim does not
        for variant in d.variants:
            for sid in variant.sentences:
                if d.about not in disputed.setdefault(sid, []):
                    disputed[sid].append(d.about)
    contested = {}
    for claim in claims:
        about = sorted({a for ids in claim.sources.values() for sid in ids for a in disputed.get(sid, ())})
        if about:
            contested[claim.id] = tuple(about)
    total = len(source_ids)
    agreement = {}
    unique: dict[str, list[str]] = {s: [] for s in source_ids}
    omitted: dict[str, list[str]] = {s: [] for s in source_ids}
    for claim in claims:
        carried = len(claim.sources)
        agreement[claim.id] = "all" if carried == total and total > 1 else "several" if carried > 1 else "one"
        if carried == 1:
            unique[next(iter(claim.sources))].append(claim.id)
        for source in source_ids:
            others = total - 1
            if source not in claim.sources and others >= 2 and carried >= max(2, (others + 1) // 2):
                omitted[source].append(claim.id)
    return Coverage(
        carried={s: sum(s in c.sources for c in claims) for s in source_ids},
        contested=contested,
        agreement=agreement,
        unique={k: tuple(v) for k, v in unique.items()},
        omitted={k: tuple(v) for k, v in omitted.items()},
    )
