"""Group loose articles into stories: weighted terms, blocking on rare terms, average linkage.

Each article becomes a sparse TF-IDF vector in which names, numbers and headline words weigh more.
Candidate pairs come from an inverted index on each article's most distinctive terms, so an article
is only compared with articles that share at least ``min_shared`` of them; the cost grows with the
number of articles times the (capped) length of the posting lists, not with its square. Dates are a
soft constraint: articles far apart in time need more shared evidence. Average linkage over the
candidate graph (``common.linkage.sparse_average_linkage``) merges stories without chaining two
events through one bridging article.
"""
from __future__ import annotations

import datetime
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..common.linkage import sparse_average_linkage
from ..common.tfidf import cosine, unit_vectors
from ..english.lexicon import CALENDAR_WORDS, SMALL_NUMBER_WORDS
from ..english.text import STOP_WORDS, stem


@dataclass(frozen=True, slots=True)
class Doc:
    """One loose article, as much of it as grouping needs."""

    id: str
    """Unique id of the article (its source id)."""
    title: str
    """The headline, or "" when there is none."""
    text: str
    """The cleaned body text."""
    date: str | None = None
    """Publication date ``YYYY-MM-DD``, or None."""
    terms: Mapping[str, float] | None = None
    """The article's ``term_counts``, when already counted (the build keeps them in its cache)."""


@dataclass(frozen=True, slots=True)
class GroupingStats:
    """What one grouping run cost."""

    docs: int
    """Articles grouped."""
    groups: int
    """Stories found."""
    compared: int
    """Pairs of articles whose similarity was computed (after blocking)."""


# A word, a contraction or hyphenated word, or a number: "Niger's", "drone-base", "1,000", "2024".
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?|\d+(?:[.,]\d+)*")
# The end of a sentence or line just before a word, so its capital says nothing: ". ", "?” ", "\n".
_SENTENCE_END = re.compile(r"(?:[.!?:;\"“”]\s*|\n\s*)$")
# An English possessive ending: "Niger's" -> "Niger", "Niger’s" -> "Niger".
_POSSESSIVE = re.compile(r"['’]s?$")

# Function words and words of news copy itself, which say nothing about which event it is.
# Words that say nothing of which story an article tells: function words, dates, small counts,
# and the words of news pages themselves ("photo", "reuters", "advertisement").
_STOP = STOP_WORDS | CALENDAR_WORDS | SMALL_NUMBER_WORDS | frozenset(
    """first last new dr however get got many time times people report reports reported statement
    news story article image photo video getty ap reuters afp read advertisement""".split()
)

_TITLE_BOOST = 2.0
_NAME_BOOST = 1.6
_NUMBER_BOOST = 1.3
_LEAD_BOOST = 1.5
_LEAD_TERMS = 60
# Pseudo-documents added to the corpus size: in a folder of five articles on one event a term
# they all share must still count as evidence, as it would against a background of other news.
_PRIOR_DOCS = 50


def group_articles(docs: Sequence[Doc], **options: Any) -> tuple[tuple[str, ...], ...]:
    """Group articles that report the same event; every article lands in exactly one group.

    ``options`` are those of ``group_articles_with_stats`` (``threshold``, ``date_scale``, ...).
    """
    return group_articles_with_stats(docs, **options)[0]


def group_articles_with_stats(
    docs: Sequence[Doc],
    *,
    threshold: float = 0.15,
    keys: int = 25,
    min_shared: int = 2,
    max_postings: int = 60,
    grace_days: int = 2,
    date_scale: float = 10.0,
) -> tuple[tuple[tuple[str, ...], ...], GroupingStats]:
    """Group articles as ``group_articles`` does and say how many pairs were compared."""
    ordered = sorted(docs, key=lambda d: d.id)
    ids = [d.id for d in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError(f"Expected unique doc ids, got duplicates in {ids!r}")
    counts = [d.terms if d.terms is not None else term_counts(d) for d in ordered]
    vectors = unit_vectors(counts, prior_docs=_PRIOR_DOCS)
    pairs = candidate_pairs(vectors, keys=keys, min_shared=min_shared, max_postings=max_postings)
    days = [_day(d.date) for d in ordered]
    edges: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        sim = cosine(vectors[i], vectors[j]) * _date_factor(
            days[i], days[j], grace_days=grace_days, scale=date_scale
        )
        if sim > 0.0:
            edges[(i, j)] = sim
    clusters = sparse_average_linkage(len(ordered), edges, threshold=threshold)
    groups = tuple(sorted(tuple(sorted(ids[i] for i in c)) for c in clusters))
    return groups, GroupingStats(docs=len(ordered), groups=len(groups), compared=len(pairs))


def candidate_pairs(
    vectors: Sequence[Mapping[str, float]], *, keys: int, min_shared: int, max_postings: int
) -> list[tuple[int, int]]:
    """List the pairs (i < j) that share at least ``min_shared`` of their top ``keys`` terms."""
    df: Counter[str] = Counter()
    for vec in vectors:
        df.update(vec.keys())
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        # A term no other article has cannot pair this one; one most articles have proves little.
        rare = [t for t in vec if 2 <= df[t] <= max_postings]
        for term in sorted(rare, key=lambda t: (-vec[t], t))[:keys]:
            postings[term].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for term in sorted(postings):
        docs = postings[term]
        # A key that many articles share is not rare: it would cost a square and prove little.
        if len(docs) < 2 or len(docs) > max_postings:
            continue
        for a in range(len(docs)):
            for b in range(a + 1, len(docs)):
                shared[(docs[a], docs[b])] += 1
    return sorted(p for p, n in shared.items() if n >= min_shared)


def term_counts(doc: Doc) -> dict[str, float]:
    """Count a document's content terms, weighting headline words, names and numbers; sorted by term."""
    weights: dict[str, float] = defaultdict(float)
    # Headlines are often in Title Case, so their capitals say nothing about names.
    for term, factor in _terms(doc.title.lower()):
        weights[term] += _TITLE_BOOST * factor
    for n, (term, factor) in enumerate(_terms(doc.text)):
        # The lead says what happened; the rest of a long article drifts into background.
        weights[term] += (_LEAD_BOOST if n < _LEAD_TERMS else 1.0) * factor
    return dict(sorted(weights.items()))


def _terms(text: str) -> Iterable[tuple[str, float]]:
    """Yield (term, weight) for each content word and each two-word name in ``text``."""
    previous_name: str | None = None
    for match in _TOKEN.finditer(text):
        found = _term(match.group())
        if found is None:
            previous_name = None
            continue
        word, kind = found
        start = match.start()
        if kind == _NUMBER:
            yield word, _NUMBER_BOOST
            previous_name = None
        elif kind == _CAPITAL and not (start == 0 or _SENTENCE_END.search(text[max(0, start - 3) : start])):
            yield word, _NAME_BOOST
            if previous_name is not None:
                yield f"{previous_name}_{word}", _NAME_BOOST
            previous_name = word
        else:
            yield word, 1.0
            previous_name = None


_NUMBER, _CAPITAL, _WORD = range(3)
"""What a token starts with: a digit, a capital (a name, unless it opens a sentence) or else."""


@lru_cache(maxsize=65536)
def _term(token: str) -> tuple[str, int] | None:
    """A token's term and what it starts with (``_NUMBER``, ``_CAPITAL``, ``_WORD``); None for a stop word or a
    term shorter than two letters. Kept per token: an archive repeats its words (the 988 articles of
    benchmarks/site_scale.py: 3.6 s, then 2.5 s, the same counts)."""
    raw = _POSSESSIVE.sub("", token)
    word = stem(raw.lower())
    if len(word) < 2 or raw.lower() in _STOP or word in _STOP:
        return None
    return word, _NUMBER if raw[0].isdigit() else _CAPITAL if raw[0].isupper() else _WORD


def _day(date: str | None) -> int | None:
    """Turn ``YYYY-MM-DD`` into a day number, or None when absent or unreadable."""
    if not date:
        return None
    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def _date_factor(a: int | None, b: int | None, *, grace_days: int, scale: float) -> float:
    """Shrink a similarity as two dates drift apart beyond ``grace_days``; 1.0 without dates."""
    if a is None or b is None:
        return 1.0
    gap = abs(a - b) - grace_days
    return 1.0 if gap <= 0 else math.exp(-gap / scale)
