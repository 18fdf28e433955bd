"""Split cleaned paragraphs into sentences with stable ids ``<source-id>-s<n>``."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..english.boundaries import period_ends_sentence, word_before
from ..model import Sentence

# A candidate end of sentence: terminal punctuation (or an ellipsis), any closing quotes or
# brackets, then white space. Example: 'effect.” The' ends after '”'.
_END = re.compile(r"(?P<mark>\.\s?\.\s?\.|…|[.!?])(?P<close>[\"”’')\]]*)(?P<space>\s+)")

# A sentence must begin like one: an opening quote or bracket, then a capital letter or a digit.
_START = re.compile(r"[\"“‘'(\[]*[A-Z0-9À-Ý$£€]")
# How much of the text after a period the decision reads: the opening of the next word is enough.
_LOOKAHEAD = 64


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
    following = text[match.end():match.end() + _LOOKAHEAD]
    if not _START.match(following):
        return False
    mark = match.group("mark")
    if mark != "." and mark not in "!?":
        # An ellipsis ends a sentence only outside quotation marks.
        return not _inside_quote(text[start:match.start()])
    if mark in "!?":
        return True
    if match.group("close"):
        return True
    # The word is read walking back from the period, never by a search over the paragraph: one
    # paragraph of a very long article can hold thousands of candidate ends.
    word = word_before(text, start, match.start()).lstrip("'’(")
    return period_ends_sentence(word, following)


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
