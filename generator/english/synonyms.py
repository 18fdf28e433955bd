"""Whether two words can mean the same: the senses Open English WordNet gives them.

``data/synsets-oewn.tsv.gz`` (made by ``scripts/build_synonyms.py``; its origin and licence, CC BY 4.0,
in ``data/README.md``) lists, for each form of a one-word English noun or verb ("terminated",
"assistance"), the synsets (sets of synonyms) its lemma belongs to. Two words share a synset when
some sense of one is a sense of the other: "terminate" and "end", "aid" and "assistance"; "arrest"
and "release" share none. It is read from the package on first use; nothing is downloaded.
"""
from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

DATA = "synsets-oewn.tsv.gz"
"""The file, in generator/english/data, that holds the word forms and their synsets."""


@cache
def _senses() -> dict[str, frozenset[int]]:
    raw = resources.files("generator.english").joinpath("data", DATA).read_bytes()
    table = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        form, _, ids = line.partition("\t")
        table[form] = frozenset(int(i, 16) for i in ids.split())
    return table


def synonymous(a: str, b: str) -> bool | None:
    """True when the two words (as written, any case) share a sense; False when the wordnet knows both
    and they share none; None when it does not know one of them (a name, a rare spelling)."""
    senses = _senses()
    first, second = senses.get(a.lower().replace("’", "'")), senses.get(b.lower().replace("’", "'"))
    if first is None or second is None:
        return None
    return not first.isdisjoint(second)
