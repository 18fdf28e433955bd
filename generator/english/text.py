"""Words of an English text, read once: folding, stems, content words, the numbers in it and what they count.

Every stage that compares texts by their words reads them through these functions, so that two
stages never disagree on what a word, a stem or a stop word is. Results for a sentence are
remembered, so a sentence read by five stages is tokenised once.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Set as AbstractSet
from typing import Optional

from .lexicon import (
    COURTESY_TITLES, FUNCTION_WORDS, MONTH_ABBREVIATIONS, REPORTING_WORDS, TIME_RELATIONS, alternation,
)
from .numbers import find_numbers

# Words a text's content is not: function words, reporting verbs and courtesy titles.
STOP_WORDS = FUNCTION_WORDS | REPORTING_WORDS | COURTESY_TITLES

# A word: letters, digits and inner apostrophes or hyphens ("Niger's", "anti-jihadist", "1,000").
_WORD = re.compile(r"[^\W_]+(?:['’\-.,][^\W_]+)*")
# A date or a year is not a quantity: "July 26", "26 July", "in 2023", "the 1990s".
_MONTH_WORD = alternation([*MONTH_ABBREVIATIONS, "may"]) + r"[a-z]*\.?"
_DATE_NUMBER = re.compile(
    rf"(?:\b{_MONTH_WORD}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}|\b(?:1[89]|20)\d\d(?:s\b|\b))",
    re.IGNORECASE,
)
# The word after a span of time that makes it a point in time: "six years" + " ago".
TIME_RELATION_AFTER = re.compile(rf"\s+({alternation(TIME_RELATIONS)})\b", re.IGNORECASE)
_TIME_RELATION_LAST = re.compile(rf"\b({alternation(TIME_RELATIONS)})\W*$", re.IGNORECASE)
# Suffix -> replacement, first match wins, leaving at least four letters: "parties" -> "party".
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
# The twenty commonest English words, whose share of a text tells English from other languages.
_COMMONEST_WORDS = frozenset("the of and to in a is that for it on was with as by at from his her said".split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold accents, case and apostrophes so that spellings compare equal ("Bazoum’s" -> "bazoum's")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").casefold()


def key(text: str) -> str:
    """Fold a text and turn punctuation into single spaces, to compare wordings ("U.S.-led" -> "u s led")."""
    return re.sub(r"[^\w%$€£]+", " ", fold(text)).strip()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Fold a lower-case plural or -ing/-ed form to a rough stem, so that "troops" meets "troop"."""
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + keep
    return word


@lru_cache(maxsize=65536)
def content_words(text: str) -> tuple[str, ...]:
    """The lower-cased stems of a text's words, without stop words ("Troops left Niger" -> troop, left, niger)."""
    return tuple(stem(word) for word in content_word_forms(text))


@lru_cache(maxsize=65536)
def content_word_forms(text: str) -> tuple[str, ...]:
    """The words whose stems ``content_words`` gives, as written but lower-cased and without a possessive
    ("Troops left Niger's capital" -> troops, left, niger, capital)."""
    words = (_lowered(w) for w in _WORD.findall(unicodedata.normalize("NFKC", text)))
    return tuple(w.removesuffix("'s") for w in words if w not in STOP_WORDS)


def _lowered(word: str) -> str:
    """A word lower-cased, its apostrophes straight ("Niger’s" -> "niger's")."""
    return word.lower().replace("’", "'")


@lru_cache(maxsize=65536)
def capitalised_forms(text: str) -> frozenset[str]:
    """The words of a text written with a capital after its first word, as ``content_word_forms`` gives them
    ("The office of Mr. Ryan's aide said" -> mr, ryan; not the opening "the"): names, mostly."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text))[1:]
    return frozenset(_lowered(w).removesuffix("'s") for w in words if w[0].isupper())


def words_only_here(text: str, elsewhere: AbstractSet[str]) -> tuple[str, ...]:
    """The words of ``text`` (split on white space, as written) none of whose content words
    ``elsewhere`` holds: what one wording has that the others it is compared with lack."""
    return tuple(w for w in text.split() if (words := content_words(w)) and elsewhere.isdisjoint(words))


def time_relation(text: str, start: int, end: int) -> Optional[str]:
    """The word that makes the span of time ``text[start:end]`` a point in time, if any.

    It ends the span or follows it: "a year ago" -> "ago"; "four months" in "four months later,"
    -> "later"; "a three-day visit" -> None.
    """
    within = _TIME_RELATION_LAST.search(text, start, end)
    after = within or TIME_RELATION_AFTER.match(text, end)
    return after.group(1).lower() if after else None


@lru_cache(maxsize=65536)
def counted_numbers(text: str) -> frozenset[tuple[str, float]]:
    """Return each number written in digits in a text (``numbers.find_numbers``, scaled; dates and
    years left out) with the stem of what it counts: the first lower-case content word among the
    three after it, else the first content word ("1,000 U.S. troops" gives ("troop", 1000.0)).
    Numbers in words are left out: "one" and "two" are as often pronouns or idiom ("one of the",
    "the two countries") as counts, and read as counts they kept apart ECB+ reports of one event
    (claims recall 0.489 against 0.504 digits only, ``score_claims.py``)."""
    found = set()
    dates = [m.span() for m in _DATE_NUMBER.finditer(text)]
    for number in find_numbers(text):
        if number.words or any(start <= number.start < end for start, end in dates):
            continue
        words = [w for w in _WORD.findall(text, number.end, number.end + 120)[:3]
                 if w.lower() not in STOP_WORDS and not w[0].isdigit()]
        counted = next((w for w in words if w.islower()), words[0] if words else None)
        if counted:
            found.add((stem(fold(counted)), number.value))
    return frozenset(found)


def looks_english(text: str, *, min_share: float = 0.12, min_words: int = 40) -> bool:
    """Tell whether a text reads as English: common English function words make up a fair share of it."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < min_words:
        return True  # too short to judge; say nothing rather than guess
    return sum(w in _COMMONEST_WORDS for w in words) / len(words) >= min_share
