"""Average-linkage clustering of items that come from several groups (sentences of several sources).

Two clusters are as close as the mean similarity of their pairs from *different* groups: an article
rarely says one thing twice, so the low similarity of a source's own sentences to each other says
nothing about whether they report the same event. Clusters of one group only are never merged, a
pair listed in ``apart`` is never put in one cluster, and merging stops when no two clusters are at
least ``threshold`` apart. A test that only some pairs can take (whether two sentences' dates meet,
whether two quotes' speakers are one person) is read over the pairs that took it, from any groups:
two clusters lose the test's penalty times the share of those pairs that failed it. Ties go to the
pair of smallest indices, so results do not depend on the order the machine happens to compare
things in.

Two forms of one method, for two sizes of problem:

- ``average_linkage`` holds every pair in a dense matrix (numpy), and knows groups, pairs kept
  apart, a cap per group and the clash tests: the sentences of one story (``claims.compare``, at
  most ``MAX_COMPARED`` of them).
- ``sparse_average_linkage`` holds only the pairs that were compared, in dictionaries and a heap,
  and treats the rest as 0: the articles of an archive (``stories.grouping``), where blocking
  compares a few pairs of thousands of articles and a dense matrix would grow with the square.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Clash:
    """A test some pairs of items can be put to (``checked``, boolean n x n, of the same group or not)
    and those of them that fail it (``clash``); two clusters lose ``penalty`` times the share of their
    checked pairs that clash."""

    checked: np.ndarray
    clash: np.ndarray
    penalty: float


def average_linkage(
    similarity: np.ndarray,
    groups: Sequence[str],
    threshold: float,
    *,
    apart: np.ndarray | None = None,
    per_group: int | None = None,
    clashes: Sequence[Clash] = (),
) -> list[list[int]]:
    """Cluster items 0..n-1 by average cross-group similarity; return clusters, each sorted, in
    order of their smallest member.

    ``similarity`` is a symmetric n x n matrix; ``groups[i]`` names item i's group; ``apart`` is an
    optional boolean n x n matrix of pairs that must stay in different clusters; ``per_group``
    the most items of one group a cluster may hold; each of ``clashes`` lowers two clusters' mean
    similarity by its penalty times the share of their pairs it checked that clash.
    """
    n = len(groups)
    if n == 0:
        return []
    labels = {g: k for k, g in enumerate(sorted(set(groups)))}
    group = np.array([labels[g] for g in groups])
    cross = group[:, None] != group[None, :]
    total = np.where(cross, similarity, 0.0).astype(np.float64)
    count = cross.astype(np.float64)
    sums: tuple[np.ndarray, ...] = (total, count)  # what two clusters' pairs add up to; a merge adds its two rows
    penalties: list[float] = []
    for test in clashes:
        if test.penalty and test.clash.any():  # else nothing to take
            tried = test.checked.astype(np.float64)
            np.fill_diagonal(tried, 0.0)
            sums += (tried, tried * test.clash)
            penalties.append(test.penalty)
    blocked = np.zeros((n, n), dtype=bool) if apart is None else apart.astype(bool).copy()
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    alive = np.ones(n, dtype=bool)
    held = np.zeros((n, len(labels)), dtype=np.int32)  # cluster -> how many items of each group it holds
    held[np.arange(n), group] = 1
    mean = np.full((n, n), -np.inf)
    for row in range(n):
        mean[row] = _row(row, sums, blocked, alive, penalties)
    # Each row's best partner and its mean: the pair to merge next is the best row's. After a merge
    # only the rows whose best partner was one of the two merged clusters need a full look.
    best_at = mean.argmax(axis=1)
    best = mean[np.arange(n), best_at]
    while True:
        i = int(np.argmax(best))
        j = int(best_at[i])
        if not (np.isfinite(best[i]) and best[i] >= threshold):
            break
        i, j = min(i, j), max(i, j)
        if per_group is not None and int((held[i] + held[j]).max()) > per_group:
            blocked[i, j] = blocked[j, i] = True
            mean[i, j] = mean[j, i] = -np.inf
            for row in (i, j):
                best_at[row] = int(mean[row].argmax())
                best[row] = mean[row, best_at[row]]
            continue
        _merge(i, j, sums, blocked, members, alive)
        held[i] += held[j]
        mean[j, :] = -np.inf
        mean[:, j] = -np.inf
        mean[i] = _row(i, sums, blocked, alive, penalties)
        mean[:, i] = mean[i]
        best[j] = -np.inf
        redo = np.flatnonzero(alive & ((best_at == i) | (best_at == j)))
        redo = np.union1d(redo, [i])
        best_at[redo] = mean[redo].argmax(axis=1)
        best[redo] = mean[redo, best_at[redo]]
        others = alive.copy()
        others[redo] = False
        rest = np.flatnonzero(others)
        better = rest[(mean[rest, i] > best[rest]) | ((mean[rest, i] == best[rest]) & (i < best_at[rest]))]
        best_at[better] = i
        best[better] = mean[better, i]
    return [sorted(members[k]) for k in sorted(members, key=lambda k: min(members[k]))]


def _row(i: int, sums: tuple[np.ndarray, ...], blocked: np.ndarray, alive: np.ndarray,
         penalties: Sequence[float]) -> np.ndarray:
    """Cluster i's mean similarity to every other live cluster, less the clashes' penalty; -inf where
    they may not merge."""
    total, count, *clashes = sums
    with np.errstate(invalid="ignore", divide="ignore"):
        row = np.where((count[i] > 0) & ~blocked[i] & alive, total[i] / np.maximum(count[i], 1.0), -np.inf)
    for penalty, tried, failed in zip(penalties, clashes[::2], clashes[1::2]):
        row = row - penalty * failed[i] / np.maximum(tried[i], 1.0)
    row[i] = -np.inf
    return row


def _merge(i: int, j: int, sums: tuple[np.ndarray, ...], blocked: np.ndarray,
           members: dict[int, list[int]], alive: np.ndarray) -> None:
    """Fold cluster j into cluster i: their sums, pair counts (and checked and clashing pairs) and
    forbidden partners add up."""
    for matrix in sums:
        matrix[i, :] += matrix[j, :]
        matrix[:, i] = matrix[i, :]
    blocked[i, :] |= blocked[j, :]
    blocked[:, i] = blocked[i, :]
    blocked[i, i] = False
    members[i] = members[i] + members.pop(j)
    alive[j] = False


def sparse_average_linkage(
    n: int, edges: Mapping[tuple[int, int], float], *, threshold: float
) -> list[list[int]]:
    """Cluster items 0..n-1 given only the similarities of the pairs compared (``edges``, i < j);
    a pair never compared counts as 0. Merge clusters while the mean similarity over all their
    pairs reaches ``threshold``; return clusters, each sorted, in order of their smallest member."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # links[a][b]: summed similarity between clusters a and b; pairs never compared count as 0.
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), sim in edges.items():
        links[i][j] = links[j][i] = sim
    heap = [(-sim, i, j) for (i, j), sim in sorted(edges.items()) if sim >= threshold]
    heapq.heapify(heap)
    next_id = n
    while heap:
        _neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        c, next_id = next_id, next_id + 1
        members[c] = members.pop(a) + members.pop(b)
        merged: dict[int, float] = defaultdict(float)
        for old in (a, b):
            for other, total in links.pop(old, {}).items():
                if other not in (a, b):
                    merged[other] += total
                    del links[other][old]
        for other in sorted(merged):
            total = merged[other]
            links[c][other] = links[other][c] = total
            mean = total / (len(members[c]) * len(members[other]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(c, other), max(c, other)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
