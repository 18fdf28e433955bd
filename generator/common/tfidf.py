"""TF-IDF weighting, the one the stages share: log-scaled counts times inverse document frequency."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence


def unit_vectors(
    counts: Sequence[Mapping[str, float]], *, prior_docs: int = 0, smooth: bool = False, sublinear: bool = True,
    floor: float = 0.0, fitted: int | None = None,
) -> list[dict[str, float]]:
    """Weight each document's terms by term frequency times inverse document frequency; unit length.

    The frequency is ``1 + log(count)`` (``sublinear``) or the count itself; the inverse document
    frequency is ``log((N + s) / (df + s))``, with s = 1 when ``smooth``. ``prior_docs`` adds documents
    that hold none of the terms, so that in a small collection a term every document shares still
    counts for something (N = len(counts) + prior_docs); ``floor`` is added to every inverse document
    frequency (scikit-learn adds 1), so that a term all documents hold still counts a little. Terms of
    no weight are left out. With ``fitted``, only the first ``fitted`` documents count towards N and
    the document frequencies, and the rest are weighed by them (a term none of those holds is left out).
    """
    fitting = counts if fitted is None else counts[:fitted]
    df: Counter[str] = Counter()
    for c in fitting:
        df.update(c.keys())
    n, s = len(fitting) + prior_docs, int(smooth)
    idf = {t: math.log((n + s) / (d + s)) + floor for t, d in df.items()}
    vectors = []
    for c in counts:
        vec = {t: (1.0 + math.log(w) if sublinear else w) * idf[t]
               for t, w in c.items() if w > 0 and idf.get(t, 0.0) > 0}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        vectors.append({t: v / norm for t, v in vec.items()} if norm else {})
    return vectors


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The dot product of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def centrality(counts: Sequence[Mapping[str, float]]) -> list[float]:
    """Score each document by its mean cosine similarity to all the others (LexRank's degree).

    The sum of cosines with all others is the dot product with the sum of all unit vectors, less
    the document's own; so the cost is linear in the number of terms, with no matrix of all pairs.
    """
    if len(counts) < 2:
        return [0.0] * len(counts)
    units = unit_vectors(counts, smooth=True, sublinear=False)
    total: Counter[str] = Counter()
    for unit in units:
        total.update(unit)
    return [
        (sum(v * total[w] for w, v in sorted(unit.items())) - (1.0 if unit else 0.0)) / (len(counts) - 1)
        for unit in units
    ]
