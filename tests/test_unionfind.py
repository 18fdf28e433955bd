"""The shared union-find: sets merge, and the result does not depend on the order of the unions."""
from __future__ import annotations

import itertools

from generator.common.unionfind import DisjointSets


def test_unions_in_any_order_give_the_same_sets() -> None:
    pairs = [(0, 3), (4, 5), (3, 6), (5, 1)]
    results = set()
    for order in itertools.permutations(pairs):
        sets = DisjointSets(8)
        for a, b in order:
            sets.union(b, a)
        results.add(tuple(tuple(g) for g in sets.groups()))
    assert results == {((0, 3, 6), (1, 4, 5), (2,), (7,))}


def test_union_says_whether_it_merged_and_the_root_is_the_smallest() -> None:
    sets = DisjointSets(4)
    assert sets.union(3, 2) and sets.union(2, 1)
    assert not sets.union(1, 3)
    assert {sets.find(i) for i in (1, 2, 3)} == {1} and sets.find(0) == 0
