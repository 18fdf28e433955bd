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
def _table() -> dict[str, str]:
    """Word form -> its synsets as the file writes them (numbers, space-separated), read once per process;
    a word's set is made when it is asked about (making them all took half a second)."""
    raw = resources.files("generator.english").joinpath("data", DATA).read_bytes()
    table = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        form, _, ids = line.partition("\t")
        table[form] = ids
    return table


def _senses(word: str) -> frozenset[str] | None:
    ids = _table().get(word.lower().replace("’", "'"))
    return None if ids is None else frozenset(ids.split())


def synonymous(a: str, b: str) -> bool | None:
    """True when the two words (as written, any case) share a sense; False when the wordnet knows both
    and they share none; None when it does not know one of them (a name, a rare spelling)."""
    first, second = _senses(a), _senses(b)
    if first is None or second is None:
        return None
    return not first.isdisjoint(second)


def is_english_word(word: str) -> bool:
    """Whether the wordnet knows the word, in lower case, as a form of an English noun or verb: "hours",
    "senior", "protesters" are; "Rogers", "Gingrich" are not."""
    return _senses(word) is not None
