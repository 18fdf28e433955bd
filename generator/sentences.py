"""Split cleaned paragraphs into sentences with stable ids ``<source-id>-s<n>``."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Sentence

# A candidate end of sentence: terminal punctuation (or an ellipsis), any closing quotes or
# brackets, then white space. Example: 'effect.” The' ends after '”'.
_END = re.compile(r"(?P<mark>\.\s?\.\s?\.|…|[.!?])(?P<close>[\"”’')\]]*)(?P<space>\s+)")

# The word before a period, to tell "Gen." or "U.S." from the end of a sentence.
_WORD_BEFORE = re.compile(r"(?P<word>[\w.'’-]*)$")

# The first word after a candidate end, past opening quotes or brackets: '“The' -> 'The'.
_NEXT_WORD = re.compile(r"[\"“‘'(\[]*(\w+)")

# A sentence must begin like one: an opening quote or bracket, then a capital letter or a digit.
_START = re.compile(r"[\"“‘'(\[]*[A-Z0-9À-Ý$£€]")

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cpt maj adm cmdr gov sen rep rev hon pres supt insp
    st jr sr no nos vs etc inc corp ltd co bros dept univ est approx fig vol ch art sec para
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    mt ft ave blvd rd e.g i.e a.m p.m u.s u.k u.n u.s.a e.u d.c ph.d al""".split()
)
# Abbreviations that often end a sentence too ("... in the U.S. The next day ..."): they end it
# only when the next word is a usual sentence opener.
_MAY_END = frozenset("etc u.s u.k u.n u.s.a e.u d.c inc corp ltd co a.m p.m al".split())
_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there but and yet so however
    meanwhile still in on at for after before when while as if its his her their our""".split()
)


def split_paragraph(text: str) -> list[str]:
    """Split one paragraph into sentences, keeping every character but the white space between."""
    sentences, start = [], 0
    for match in _END.finditer(text):
        end = match.end("close")
        if _is_boundary(text, match, start):
            piece = text[start:end].strip()
            if piece:
                sentences.append(piece)
            start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _is_boundary(text: str, match: re.Match[str], start: int) -> bool:
    # Read from positions in ``text``, never a copy of the rest of it: one paragraph of a very
    # long article can hold thousands of candidate ends.
    following = match.end()
    if not _START.match(text, following):
        return False
    mark = match.group("mark")
    if mark != "." and mark not in "!?":
        # An ellipsis ends a sentence only outside quotation marks.
        return not _inside_quote(text[start:match.start()])
    if mark in "!?":
        return True
    if match.group("close"):
        return True
    word = _word_before(text, start, match.start()).lower().lstrip("'’(")
    if not word:
        return True
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "John F. Kennedy"
    if word in _ABBREVIATIONS:
        if word in _MAY_END:
            next_word = _NEXT_WORD.match(text, following)
            return next_word is not None and next_word.group(1).lower() in _OPENERS
        return False
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return False  # dotted initialisms not listed: "N.A.T.O."
    return True


def _word_before(text: str, start: int, end: int) -> str:
    """Return the run of word characters, dots, apostrophes and hyphens that ends at ``end`` (not
    before ``start``), as ``_WORD_BEFORE`` reads it, walking back over the run alone."""
    at = end
    while at > start and (text[at - 1].isalnum() or text[at - 1] in "_.'’-"):
        at -= 1
    return text[at:end]


def _inside_quote(text: str) -> bool:
    curly = text.count("“") - text.count("”")
    return curly > 0 or text.count('"') % 2 == 1


def split_sentences(source_id: str, paragraphs: Sequence[str]) -> tuple[Sentence, ...]:
    """Number the sentences of all paragraphs as ``<source-id>-s1``, ``-s2``, ..."""
    out: list[Sentence] = []
    for index, paragraph in enumerate(paragraphs):
        for text in split_paragraph(paragraph):
            out.append(Sentence(id=f"{source_id}-s{len(out) + 1}", text=text, paragraph=index))
    return tuple(out)
