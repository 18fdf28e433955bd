"""Blocking: which pairs of texts are worth comparing when comparing all pairs would take too long."""
from __future__ import annotations

import warnings
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence


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


def shared_word_neighbours(vocab: Sequence[Iterable[str]], *, common: int, window: int,
                           rarest: int = 2) -> tuple[list[set[int]], list[str]]:
    """List, for each item in reading order, the others that share a word with it: every holder of
    a word at most ``common`` items hold, else, through the item's ``rarest`` such words only, the
    ``window`` holders on either side (a link goes both ways). Also return the words more than
    ``common`` items hold, most held first. An item is linked through common words to at most
    ``2 * rarest * window`` others, each of them to ``common`` at most through each of its words."""
    words = [list(dict.fromkeys(item)) for item in vocab]
    holders: dict[str, list[int]] = {}
    for i, item in enumerate(words):
        for word in item:
            holders.setdefault(word, []).append(i)
    near: list[set[int]] = []
    for i, item in enumerate(words):
        linked: set[int] = set()
        for word in item:
            if len(holders[word]) <= common:
                linked.update(holders[word])
        for word in sorted((w for w in item if len(holders[w]) > common), key=lambda w: (len(holders[w]), w))[:rarest]:
            at = bisect_left(holders[word], i)
            linked.update(holders[word][max(0, at - window):at + window + 1])
        linked.discard(i)
        near.append(linked)
    for i, linked in enumerate(near):
        for j in linked:
            near[j].add(i)
    return near, sorted((w for w, ids in holders.items() if len(ids) > common), key=lambda w: (-len(holders[w]), w))


def warn_windowed(files: Sequence[str], what: str, common_words: Sequence[str], *, common: int, window: int) -> None:
    """Warn, naming the file that holds most of the ``what`` (one file per item), that items sharing
    only ``common_words`` were compared within a window: a RuntimeWarning the build reports for that file."""
    counts = Counter(files)
    warnings.warn(f"{max(counts, key=counts.__getitem__)}: its story has {len(files):,} {what}; those sharing only "
                  f"words more than {common} of them hold (such as {', '.join(repr(w) for w in common_words[:3])}) "
                  f"were compared only with the {window} nearest on either side that share their rarest words",
                  RuntimeWarning, stacklevel=3)
