"""Average linkage over items of several groups (common.linkage)."""
from __future__ import annotations

import numpy as np
import pytest

from generator.common.linkage import Clash, average_linkage, sparse_average_linkage


def _matrix(n: int, pairs: dict[tuple[int, int], float], default: float = 0.0) -> np.ndarray:
    m = np.full((n, n), default)
    for (i, j), v in pairs.items():
        m[i, j] = m[j, i] = v
    return m


def test_only_pairs_of_different_groups_count_and_one_group_alone_never_merges() -> None:
    # 0 and 1 are one source's two sentences (dissimilar to each other, as an article's are); 2 is
    # another source's sentence close to both.
    sim = _matrix(3, {(0, 1): -5.0, (0, 2): 2.0, (1, 2): 1.5})
    assert average_linkage(sim, ["a", "a", "b"], 1.0) == [[0, 1, 2]]
    assert average_linkage(_matrix(2, {(0, 1): 9.0}), ["a", "a"], 1.0) == [[0], [1]]


def test_merging_stops_at_the_threshold_and_averages_every_cross_pair() -> None:
    sim = _matrix(4, {(0, 1): 3.0, (2, 3): 3.0, (0, 3): 1.0, (1, 2): 1.0, (0, 2): -2.0, (1, 3): -2.0})
    groups = ["a", "b", "a", "b"]
    assert average_linkage(sim, groups, 2.0) == [[0, 1], [2, 3]]
    # {0,1} and {2,3} are as close as their pairs of different groups, (0,3) and (1,2): 1.0 on
    # average; the -2.0 of each group's own pair does not count.
    assert average_linkage(sim, groups, 1.1) == [[0, 1], [2, 3]]
    assert average_linkage(sim, groups, 0.9) == [[0, 1, 2, 3]]


def test_pairs_kept_apart_and_a_cap_per_group_hold() -> None:
    sim = _matrix(3, {(0, 1): 5.0, (0, 2): 4.0, (1, 2): 4.0})
    apart = np.zeros((3, 3), dtype=bool)
    apart[0, 1] = apart[1, 0] = True
    assert average_linkage(sim, ["a", "b", "c"], 1.0, apart=apart) == [[0, 2], [1]]
    assert average_linkage(sim, ["a", "b", "a"], 1.0, per_group=1) == [[0, 1], [2]]


def test_the_result_does_not_depend_on_item_order() -> None:
    rng = np.random.default_rng(7)
    raw = rng.normal(size=(12, 12))
    sim = (raw + raw.T) / 2
    groups = [f"s{k % 3}" for k in range(12)]
    first = average_linkage(sim, groups, 0.2)
    assert len(first) < 12
    order = rng.permutation(12)
    shuffled = average_linkage(sim[np.ix_(order, order)], [groups[k] for k in order], 0.2)
    assert sorted(sorted(int(order[k]) for k in c) for c in shuffled) == sorted(first)


def test_sparse_average_linkage_does_not_chain() -> None:
    # a~b and b~c are strong, a and c share nothing: c must not join through b.
    edges = {(0, 1): 0.9, (1, 2): 0.6}
    assert sparse_average_linkage(3, edges, threshold=0.5) == [[0, 1], [2]]
    # Single linkage would chain; with a low bar the mean (0.9+0.6+0)/... passes and all join.
    assert sparse_average_linkage(3, edges, threshold=0.25) == [[0, 1, 2]]


def test_sparse_average_linkage_merges_a_clique() -> None:
    edges = {(0, 1): 0.5, (0, 2): 0.4, (1, 2): 0.45, (2, 3): 0.05}
    assert sparse_average_linkage(4, edges, threshold=0.3) == [[0, 1, 2], [3]]


@pytest.mark.parametrize("seed", range(5))
def test_the_two_forms_agree_when_every_pair_is_given(seed: int) -> None:
    # Every item its own group, every pair compared: both are plain average linkage.
    rng = np.random.default_rng(seed)
    n = 12
    sim = rng.random((n, n))
    sim = (sim + sim.T) / 2
    edges = {(i, j): float(sim[i, j]) for i in range(n) for j in range(i + 1, n)}
    for threshold in (0.45, 0.55, 0.65):
        assert average_linkage(sim, [str(i) for i in range(n)], threshold) == \
            sparse_average_linkage(n, edges, threshold=threshold)


def test_a_clash_is_read_over_the_pairs_checked_a_groups_own_pairs_too() -> None:
    # 0 and 1 are one source's sentences that it dates a year apart; 2, another source's undated
    # sentence, is close to both. Only the source's own pair was checked, and it clashes.
    sim = _matrix(3, {(0, 2): 2.0, (1, 2): 2.0})
    checked = _matrix(3, {(0, 1): 1.0}).astype(bool)
    assert average_linkage(sim, ["a", "a", "b"], 1.0) == [[0, 1, 2]]
    kept = average_linkage(sim, ["a", "a", "b"], 1.0, clashes=[Clash(checked, checked, 2.5)])
    assert kept == [[0, 2], [1]]
    # Two pairs of {0, 1} x {2, 3} were checked and one clashed: half the penalty (2.0 - 1.0), not a
    # quarter, as it would be over all four pairs.
    sim = _matrix(4, {(0, 1): 5.0, (2, 3): 5.0, (0, 2): 2.0, (0, 3): 2.0, (1, 2): 2.0, (1, 3): 2.0})
    checked = _matrix(4, {(0, 2): 1.0, (1, 3): 1.0}).astype(bool)
    clash = _matrix(4, {(0, 2): 1.0}).astype(bool)
    groups = ["a", "b", "c", "d"]
    assert average_linkage(sim, groups, 1.0, clashes=[Clash(checked, clash, 2.0)]) == [[0, 1, 2, 3]]
    assert average_linkage(sim, groups, 1.1, clashes=[Clash(checked, clash, 2.0)]) == [[0, 1], [2, 3]]
    # Two tests add up, each read over its own checked pairs: a second that checked only (1, 3), which
    # clashes, takes its whole penalty.
    other = _matrix(4, {(1, 3): 1.0}).astype(bool)
    assert average_linkage(sim, groups, 0.5, clashes=[Clash(checked, clash, 2.0), Clash(other, other, 0.4)]) == [[0, 1, 2, 3]]
    assert average_linkage(sim, groups, 0.7, clashes=[Clash(checked, clash, 2.0), Clash(other, other, 0.4)]) == [[0, 1], [2, 3]]
