"""Disjoint sets over 0..n-1: the one union-find the stages use to merge what belongs together."""
from __future__ import annotations


class DisjointSets:
    """Union-find with path halving; a merged set's root is its smallest member, so results do not
    depend on the order of the unions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        """Return the root (smallest member) of the set holding ``item``."""
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> bool:
        """Merge the sets of ``a`` and ``b``; return False when they were one already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True

    def groups(self) -> list[list[int]]:
        """List the sets, each in increasing order, ordered by their smallest member."""
        members: dict[int, list[int]] = {}
        for item in range(len(self.parent)):
            members.setdefault(self.find(item), []).append(item)
        return [members[root] for root in sorted(members)]
