"""Blocking: which pairs of texts are worth comparing when comparing all pairs would take too long."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def shared_rare_word_pairs(left: Sequence[str], right: Sequence[str], left_positions: Sequence[float],
                       right_positions: Sequence[float], *, rarest: int = 3, common: int = 20,
                       window: int = 5) -> list[tuple[int, int]]:
    """Pair each left text with the right texts holding one of its ``rarest`` words: all of them
    for a word at most ``common`` right texts hold, else the ``window`` nearest in relative position
    on either side. Each text is compared with at most ``rarest * max(common, 2 * window)`` others."""
    holders: dict[str, list[int]] = {}
    for c, text in enumerate(right):
        for word in dict.fromkeys(text.split()):
            holders.setdefault(word, []).append(c)
    pairs: list[tuple[int, int]] = []
    for r, text in enumerate(left):
        near: set[int] = set()
        for word in sorted((w for w in set(text.split()) if w in holders), key=lambda w: (len(holders[w]), w))[:rarest]:
            ids = holders[word]
            if len(ids) <= common:
                near.update(ids)
            else:
                at = bisect_left(ids, left_positions[r], key=right_positions.__getitem__)
                near.update(ids[max(0, at - window):at + window])
        pairs.extend((r, c) for c in sorted(near))
    return pairs
