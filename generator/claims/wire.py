"""Find sources that are rewrites of one underlying text (wire copy, reused paragraphs).

Two rewrites of one wire story share many sentences that are near-copies of each other, mostly in
the same order; two independent reports of one event share names and numbers but few such
sentences. Each sentence is reduced to its content words outside quotations (independent reports
quote the same statement word for word), sentences are paired one to one by rapidfuzz similarity,
and two sources are rewrites when at least half the shorter one's sentences have a partner, or a
block of four runs side by side in both (one outlet taking over another's paragraphs).
Rewrites are grouped transitively, so a group is what its members share through one another.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..common.blocking import shared_rare_word_pairs
from ..common.unionfind import DisjointSets
from ..english.quotemarks import find_spans, mask
from ..english.text import STOP_WORDS
from ..model import Sentence, Source

# A word: letters or digits, with inner apostrophes ("don't" is one word, "1,000" is "1", "000").
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# A possessive ending, after apostrophes are made straight: "niger's" -> "niger".
_POSSESSIVE = re.compile(r"'s\b")

# Words are cut to this many letters, a crude stemmer: "stationed", "stations" -> "statio".
_STEM = 6

# Default knobs, calibrated on independent reports (BASIL triples) and rewrites (Multi-News):
# a near-copy scores at least this (rapidfuzz token_sort_ratio, 0-100) on stemmed content words,
SENTENCE_CUTOFF = 65.0
# and a sentence needs this many content words outside quotes to be compared at all.
MIN_WORDS = 5

# Function words and reporting verbs: they say nothing about which text a sentence came from.
# Words that say nothing of what a sentence reports, and the "s" and "t" a split apostrophe leaves.
_STOPWORDS = STOP_WORDS | frozenset("s t".split())


@dataclass(frozen=True, slots=True)
class WireEvidence:
    """Why two sources look like rewrites of one text (or not)."""

    score: float
    """Share (0 to 1) of the shorter source's comparable sentences that have a near-copy."""
    pairs: tuple[tuple[str, str], ...] = ()
    """(sentence id in a, sentence id in b) for each near-copy, in a's reading order."""
    order: float = 0.0
    """Share (0 to 1) of consecutive near-copies that follow each other in b as in a."""
    run: int = 0
    """Length of the longest block of near-copies that runs side by side in both sources."""


def wire_evidence(
    a: Source,
    b: Source,
    *,
    sentence_cutoff: float = SENTENCE_CUTOFF,
    min_words: int = MIN_WORDS,
) -> WireEvidence:
    """Pair the near-copy sentences of two sources and measure how much of them is shared."""
    return _evidence(
        _comparable(a.sentences, min_words=min_words),
        _comparable(b.sentences, min_words=min_words),
        sentence_cutoff=sentence_cutoff,
    )


def wire_groups(
    sources: Sequence[Source],
    *,
    cutoff: float = 0.5,
    min_pairs: int = 3,
    min_run: int = 4,
    sentence_cutoff: float = SENTENCE_CUTOFF,
    min_words: int = MIN_WORDS,
) -> tuple[tuple[str, ...], ...]:
    """Group the ids of sources that are rewrites of the same underlying text.

    A member that is a near-copy of an earlier one (``NEAR_COPY_SHARE`` of its sentences, of about
    the same length) is worth a reader's knowing: it is named in a RuntimeWarning, which the build
    reports against the file, from the evidence weighed here.
    """
    ordered = sorted(sources, key=lambda s: s.id)
    prepared = [_comparable(s.sentences, min_words=min_words) for s in ordered]
    sets = DisjointSets(len(ordered))
    weighed: dict[tuple[int, int], WireEvidence] = {}
    for x, y in itertools.combinations(range(len(ordered)), 2):
        evidence = weighed[(x, y)] = _evidence(prepared[x], prepared[y], sentence_cutoff=sentence_cutoff)
        # Most of the shorter text rewritten, or a block of paragraphs taken over whole.
        if (evidence.score >= cutoff and len(evidence.pairs) >= min_pairs) or (
            evidence.run >= min_run
        ):
            sets.union(x, y)
    groups = sorted(sorted(g) for g in sets.groups() if len(g) >= 2)
    for group in groups:
        _warn_near_copies([ordered[i] for i in group], [weighed[pair] for pair in itertools.combinations(group, 2)])
    return tuple(tuple(ordered[i].id for i in g) for g in groups)


NEAR_COPY_SHARE = 0.95
"""Share of a source's sentences found in another of its wire group that makes it a near-copy."""
NEAR_COPY_LENGTH = 0.8
"""Least ratio of the shorter source's words to the longer's for the two to be near-copies."""


def _warn_near_copies(members: Sequence[Source], evidence: Sequence[WireEvidence]) -> None:
    """Name each member that is a near-copy of an earlier one; ``evidence`` in ``combinations`` order."""
    named: set[str] = set()
    for (first, other), weighed in zip(itertools.combinations(members, 2), evidence, strict=True):
        shorter, longer = sorted((first.words, other.words))
        if other.id in named or not longer or shorter / longer < NEAR_COPY_LENGTH:
            continue
        if weighed.score >= NEAR_COPY_SHARE:
            named.add(other.id)
            warnings.warn(
                f"{other.file}: near-duplicate of {first.file}: kept, and counted with it as one independent report",
                RuntimeWarning,
                stacklevel=2,
            )


def independent_count(source_ids: Iterable[str], groups: Sequence[Sequence[str]]) -> int:
    """Count the independent reports among sources, each wire group counting once."""
    group_of = {sid: min(group) for group in groups for sid in group}
    return len({group_of.get(sid, sid) for sid in source_ids})


def _evidence(
    left: Sequence[tuple[str, str]], right: Sequence[tuple[str, str]], *, sentence_cutoff: float
) -> WireEvidence:
    """Pair prepared sentences one to one and measure coverage, order and the longest block."""
    if not left or not right:
        return WireEvidence(score=0.0)
    matched = _pair(left, right, sentence_cutoff=sentence_cutoff)
    steps = list(itertools.pairwise(matched))
    return WireEvidence(
        score=len(matched) / min(len(left), len(right)),
        pairs=tuple((left[i][0], right[j][0]) for i, j in matched),
        order=sum(1 for (_, j1), (_, j2) in steps if j2 > j1) / len(steps) if steps else 0.0,
        run=_longest_run(matched),
    )


EXACT_PAIRS = 1_000_000
"""Two sources with at most this many sentence pairs are compared pair by pair; longer ones only
where sentences share their rarest words (compare.py says so in a warning for the same articles)."""


def _pair(
    left: Sequence[tuple[str, str]], right: Sequence[tuple[str, str]], *, sentence_cutoff: float
) -> list[tuple[int, int]]:
    """Return (left index, right index) of near-copies, one partner each, in left's order."""
    choices = [text for _, text in right]
    if len(left) * len(right) <= EXACT_PAIRS:
        candidates = [
            (score, i, j)
            for i, (_, text) in enumerate(left)
            for _, score, j in process.extract(
                text, choices, scorer=fuzz.token_sort_ratio, score_cutoff=sentence_cutoff, limit=None
            )
        ]
    else:  # very long articles: only the pairs that share their rarest words
        texts = [text for _, text in left]
        at_left = [i / max(len(left) - 1, 1) for i in range(len(left))]
        at_right = [j / max(len(right) - 1, 1) for j in range(len(right))]
        candidates = []
        for i, j in shared_rare_word_pairs(texts, choices, at_left, at_right):
            score = fuzz.token_sort_ratio(texts[i], choices[j], score_cutoff=sentence_cutoff)
            if score:
                candidates.append((score, i, j))
    # Best pairs first, ties by position, so each sentence keeps its closest partner.
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _score, i, j in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            matched.append((i, j))
    return sorted(matched)


def _longest_run(matched: Sequence[tuple[int, int]]) -> int:
    """Return the length of the longest block of pairs that advance together in both texts."""
    run = best = 1 if matched else 0
    for (i1, j1), (i2, j2) in itertools.pairwise(matched):
        # Side by side: both texts move on by one or two sentences (one may be inserted or cut).
        run = run + 1 if 0 < i2 - i1 <= 2 and 0 < j2 - j1 <= 2 else 1
        best = max(best, run)
    return best


def _comparable(sentences: Sequence[Sentence], *, min_words: int) -> list[tuple[str, str]]:
    """Reduce sentences to stems of their content words outside quotes; drop the too short."""
    out = []
    for sentence, text in zip(sentences, _unquoted(sentences), strict=True):
        words = [
            w[:_STEM]
            for w in _WORD.findall(_POSSESSIVE.sub("", text.casefold().replace("’", "'")))
            if w not in _STOPWORDS
        ]
        if len(words) >= min_words:
            out.append((sentence.id, " ".join(words)))
    return out


def _unquoted(sentences: Sequence[Sentence]) -> list[str]:
    """Blank out quoted words; a quote can run over several sentences of one paragraph."""
    out: list[str] = []
    for _, run in itertools.groupby(sentences, key=lambda s: s.paragraph):
        texts = [s.text for s in run]
        joined = " ".join(texts)
        masked = mask(joined, find_spans(joined)).replace("\x00", " ")
        start = 0
        for text in texts:
            out.append(masked[start : start + len(text)])
            start += len(text) + 1
    return out
