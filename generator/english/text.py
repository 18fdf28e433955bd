"""Words of an English text, read once: folding, stems, content words, numbers and names in it.

Every stage that compares texts by their words reads them through these functions, so that two
stages never disagree on what a word, a stem or a stop word is. Results for a sentence are
remembered, so a sentence read by five stages is tokenised once.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from .lexicon import (
    COURTESY_TITLES, FUNCTION_WORDS, MONTH_ABBREVIATIONS, MONTHS, REPORTING_WORDS, SCALE_WORDS, TIME_RELATIONS,
    WEEKDAYS, alternation,
)

# Words a text's content is not: function words, reporting verbs and courtesy titles.
STOP_WORDS = FUNCTION_WORDS | REPORTING_WORDS | COURTESY_TITLES

# A word: letters, digits and inner apostrophes or hyphens ("Niger's", "anti-jihadist", "1,000").
_WORD = re.compile(r"[^\W_]+(?:['’\-.,][^\W_]+)*")
# A number as written in digits, with thousands separators and decimals: "1,000", "1.5", "110".
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])")
_SCALES = {**{w: v for w, v in SCALE_WORDS.items() if v >= 1e3}, "bn": 1e9, "m": 1e6}
# A scale word after a number: "1.5 billion", "$100m".
_SCALE_AFTER = re.compile(r"\s?(thousand|million|billion|trillion|bn|m)\b", re.IGNORECASE)
# A date or a year is not a quantity: "July 26", "26 July", "in 2023", "the 1990s".
_MONTH_WORD = alternation([*MONTH_ABBREVIATIONS, "may"]) + r"[a-z]*\.?"
_DATE_NUMBER = re.compile(
    rf"(?:\b{_MONTH_WORD}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}|\b(?:1[89]|20)\d\d(?:s\b|\b))",
    re.IGNORECASE,
)
# Words that are capitalised as parts of institutions and titles, not of anyone's name.
_INSTITUTIONAL = frozenset(
    """state states department ministry minister secretary president vice prime general government
    council office house agency army forces force command affairs defense defence republic national
    united union party court congress senate assembly news agency international security foreign
    ministry spokesman spokeswoman spokesperson chief head deputy assistant press white american""".split()
) | frozenset(WEEKDAYS) | frozenset(MONTHS)
# A capitalised word inside a sentence, a candidate name part: "Blinken", "Niamey".
_CAPITALISED = re.compile(r"(?<=[\s(“\"‘'])[A-Z][a-zà-ÿ]+(?:[-’'][A-Za-z]+)?")
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
    words = (w.lower().replace("’", "'") for w in _WORD.findall(unicodedata.normalize("NFKC", text)))
    return tuple(stem(w.removesuffix("'s")) for w in words if w not in STOP_WORDS)


def time_relation(text: str, start: int, end: int) -> Optional[str]:
    """The word that makes the span of time ``text[start:end]`` a point in time, if any.

    It ends the span or follows it: "a year ago" -> "ago"; "four months" in "four months later,"
    -> "later"; "a three-day visit" -> None.
    """
    within = _TIME_RELATION_LAST.search(text, start, end)
    after = within or TIME_RELATION_AFTER.match(text, end)
    return after.group(1).lower() if after else None


def numbers_in(text: str) -> frozenset[float]:
    """Return the numbers written in digits in a text, scaled by a following million/billion."""
    return frozenset(value for value, _end in _numbers(text))


@lru_cache(maxsize=65536)
def counted_numbers(text: str) -> frozenset[tuple[str, float]]:
    """Return each number written in digits with the stem of the content word it counts, the first
    within three words after it: "killed 127 people" gives ("people", 127.0)."""
    found = set()
    for value, end in _numbers(text):
        for word in _WORD.findall(text, end, end + 40)[:3]:
            if word.lower() not in STOP_WORDS and not word[0].isdigit():
                found.add((stem(fold(word)), value))
                break
    return frozenset(found)


def _numbers(text: str) -> list[tuple[float, int]]:
    """The numbers written in digits, dates and years left out, each with where it ends (after a
    scale word such as "million", when one follows)."""
    found = []
    dates = [m.span() for m in _DATE_NUMBER.finditer(text)]
    for match in _NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in dates):
            continue
        value, end = float(match.group(0).replace(",", "")), match.end()
        scale = _SCALE_AFTER.match(text, match.end())
        if scale:
            value, end = value * _SCALES[scale.group(1).lower()], scale.end()
        found.append((value, end))
    return found


def capitalised_words(text: str) -> frozenset[str]:
    """Return capitalised words after the first word: the names a sentence mentions, roughly."""
    words = (re.sub(r"['’]s$", "", w) for w in _CAPITALISED.findall(text))
    return frozenset(w for w in words if w.lower() not in STOP_WORDS and w.lower() not in _INSTITUTIONAL)


def looks_english(text: str, *, min_share: float = 0.12, min_words: int = 40) -> bool:
    """Tell whether a text reads as English: common English function words make up a fair share of it."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < min_words:
        return True  # too short to judge; say nothing rather than guess
    return sum(w in _COMMONEST_WORDS for w in words) / len(words) >= min_share
