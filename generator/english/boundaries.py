"""Where English text breaks: does this period end a sentence, was this line break a cut line?

One decision each, read by every stage: the sentence splitter and the speaker parser ask the same
table what a word before a period is, and cleaning is the only place that mends broken lines, so
quote attribution sees the paragraphs a reader sees.
"""
from __future__ import annotations

import re
from typing import Literal, Optional, Sequence

from .lexicon import (
    ABBREVIATIONS, CONTINUING_WORDS, MAY_END, NAME_ABBREVIATIONS, PLACE_INITIALS, SENTENCE_OPENERS, SHORT_TITLES,
)

# Initials before a period: 'F' in "John F. Kerry", 'G.K' in "G.K. Butterfield".
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
# The first word after a period, past opening quotes and brackets.
_NEXT_WORD = re.compile(r"[\"“‘'(\[]*(\w+)")
# A line that ends a sentence or a clause: "... in Niamey." or "He said:".
ENDS_SENTENCE = re.compile(r"[.!?…:;][\"”’')\]]*\s*$")
# A cut line is as long as a printed line at least: shorter lines are headings or captions.
_WRAPPED_MIN_WORDS = 12
# How long a line that hard wrapping cut at the margin is (60 to 80 characters or so): "The bank
# raised its main interest rate by 50 basis". Shorter lines end a paragraph or are list items and
# credits; a line longer than 100 characters was never wrapped.
_PRINTED_LINE = range(40, 101)

Abbreviation = Literal["title", "initial", "place", "may end", "other"]


def abbreviation(word: str) -> Optional[Abbreviation]:
    """What a word written before a period abbreviates, if anything: "Sen" -> title, "U.S" -> place.

    The word is given as written, without its last period and without opening quotes: "Gen",
    "G.K", "U.S", "etc". None means a plain word, whose period ends the sentence.
    """
    low = word.lower()
    if low in PLACE_INITIALS:
        return "place"
    if low in SHORT_TITLES or low in NAME_ABBREVIATIONS:
        return "title"
    if low in MAY_END:
        return "may end"
    if low in ABBREVIATIONS:
        return "other"
    if _INITIALS.fullmatch(low):
        return "initial"  # "John F. Kennedy", "G.K. Butterfield", "N.A.T.O."
    return None


def period_ends_sentence(word: str, following: str) -> bool:
    """Does the period after ``word`` end the sentence, given the text that follows it?

    Example: ("Sen", " Smith said") -> False; ("U.S", " The next day") -> True; ("U.S", " Army")
    -> False; ("Niamey", " The") -> True.
    """
    kind = abbreviation(word) if word else None
    if kind is None:
        return True
    if kind in ("place", "may end"):
        next_word = _NEXT_WORD.match(following.lstrip())
        return next_word is not None and next_word.group(1).lower() in SENTENCE_OPENERS
    return False


def word_before(text: str, start: int, end: int) -> str:
    """The run of word characters, dots, apostrophes and hyphens that ends at ``end`` (not before
    ``start``): "Gen" or "U.S" before a period. It walks back over the run alone, never searching the
    text before it, so a paragraph with thousands of periods costs no more than its length."""
    at = end
    while at > start and (text[at - 1].isalnum() or text[at - 1] in "_.'’-"):
        at -= 1
    return text[at:end]


def name_goes_on(word: str) -> bool:
    """Does a name go on past the period after ``word``? Yes after a title or initials ("Mr.", "F.")."""
    kind = abbreviation(word)
    return kind == "title" or (kind == "initial" and word.isupper())


def continues(previous: str, line: str, *, wrapped: bool = True) -> bool:
    """Was the break between two lines a cut in one paragraph rather than the end of one?

    Yes when the first line does not end a sentence and the second goes on in lower case, or the
    first ends on a word no sentence ends on ("the", "of", "said"), or, in ``wrapped`` text, it is
    as long as a printed line ("... troops in" / "Niger"). A short line without a final period is a
    heading. In a text that puts one paragraph on each line (``wrapped=False``, see
    ``lines_are_paragraphs``) a long line is a paragraph, finished or not: a quote and its credit
    ("“…” ― Sonya Herridge"), a list item.
    """
    if not previous.strip() or ENDS_SENTENCE.search(previous):
        return False
    last_word = re.sub(r"\W+$", "", previous.split()[-1]).lower()
    if line[:1].islower() or last_word in CONTINUING_WORDS:
        return True
    return wrapped and len(previous.split()) >= _WRAPPED_MIN_WORDS


def lines_are_paragraphs(lines: Sequence[str]) -> bool:
    """Does a text put one paragraph on each line, rather than wrap paragraphs into printed lines?

    The evidence is the text's own breaks between two lines with no blank line between them. In
    hard-wrapped text most of these come after a line of printed width that stops mid-sentence; in
    text written one paragraph a line, most come after a finished sentence, a line longer than any
    printed line, or a short one (a list item, a credit). Text without such breaks (paragraphs
    apart by blank lines, as Markdown and web pages give) is taken as wrapped, the way it is mended
    across blank lines. Example: ["The minister spoke.", "“We will stay,” she said."] -> True.
    """
    runs_on = [a.strip() for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    cut = sum(not ENDS_SENTENCE.search(line) and len(line) in _PRINTED_LINE for line in runs_on)
    return 2 * cut < len(runs_on)
