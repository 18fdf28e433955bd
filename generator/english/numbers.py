"""Find the numbers written in a piece of English news copy: digits, words, fractions, ranges, hedges.

This module knows numerals only; what a number counts (money, troops, days) is ``figures``' concern.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicon import NUMBER_WORDS, SCALE_WORDS

# South Asian magnitudes, used after digits only: "Rs 500 crore".
_DIGIT_SCALES = {**SCALE_WORDS, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125,
           "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
# Short magnitude suffixes news copy puts after money: "$1.5bn", "£20m", "€10M", "$2.174T".
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12,
                 "tn": 1e12, "tr": 1e12}

_WORD = "|".join(sorted([*NUMBER_WORDS, *SCALE_WORDS, *_DENOMINATORS, "dozen"], key=len, reverse=True))

# A run of number words with their glue: "a hundred and two", "twenty-one", "two and a half",
# "a quarter of a million".
_WORDS_RE = re.compile(
    rf"\b(?:an?\s+)?(?:{_WORD})\b(?:(?:\s*,\s*|\s+|-)(?:and\s+an?|and|&|an?|of\s+an?)?\s*(?:{_WORD})\b)*",
    re.IGNORECASE,
)
# A number in digits: "1,000", "16.25", "-15", "2.48×10−5", "4e14", "8x2^10", "2 1/2", "1/40", "½".
# Not glued to a word ("MiG-29", "fb−1"), except a currency ("$US4", "Sh500m") or the unit of a range's
# left end ("1.5bn-2bn", "44mg-50mg").
_DIGITS_RE = re.compile(
    r"(?:(?<=\$US)|(?<=\bSh)|(?<=\bKSh)|(?<=\bRs)|(?<![\w.,/:^]))"
    r"(?:(?<=\d[a-z]-)|(?<=\d[a-z]{2}-)|(?<![A-Za-z][-−]))(?<!\+/-)(?<!± )(?<!±)(?P<sign>[-−](?=\d))?"
    r"(?:(?P<whole>\d+)\s+(?P<fnum>\d+)/(?P<fden>\d+)(?![\d/])"
    r"|(?P<num>\d+)/(?P<den>\d+)(?![\d/])"
    r"|(?P<int>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\u2009\d{3})+|\d{1,3}(?: \d{3})+(?= [a-z])|\d+)(?P<frac>\.\d+)?"
    r"(?:(?P<vulgar>[½⅓⅔¼¾⅕⅛⅜⅝⅞])"
    r"|[eE](?P<exp>[-+−]?\d+)"
    r"|\s?[×x]\s?(?P<base>\d+)\^?(?P<pow>[-−]?\d+)"
    r")?)"
    r"|(?<!\w)(?P<lone>[½⅓⅔¼¾⅕⅛⅜⅝⅞])"
)
# A magnitude word after a number: "1.5 million", "2 billion".
_SCALE_AFTER_RE = re.compile(r"\s*-?\s*(hundred|thousand|million|billion|trillion|lakhs?|crores?)\b", re.IGNORECASE)
# A short magnitude glued to a number: "1.5bn", "20m", "10M" (only used for money).
_SHORT_AFTER_RE = re.compile(r"\s?(mn|mln|bn|tn|tr|[kmbt])\b", re.IGNORECASE)
# A hedge written just before a number: "about 1,000", "some 1,000", "more than 40", "a few hundred".
_HEDGE_RE = re.compile(
    r"\b(about|around|some|roughly|approximately|approx\.|nearly|almost|more than|over|at least|"
    r"up to|less than|fewer than|under|close to|an estimated|estimated|just over|just under|"
    r"as many as|as much as|as few as|upwards of|at most|no more than|a few|several|"
    r"a couple of|somewhere around|more or less)\s+$",
    re.IGNORECASE,
)
ESTIMATES = {"a few": 3, "several": 3, "a couple of": 2}
"""Hedges that make a number the reader's guess at a size, with the times they count their scale word: "a few
hundred" is read as 300, which no source says."""
# Hedges that make a number a bound, not a value: "at least 40" is 40 or more, "up to 50" is 50 or fewer.
LOWER_BOUNDS = frozenset(["more than", "at least", "upwards of", "just over"])
UPPER_BOUNDS = frozenset(["up to", "less than", "fewer than", "at most", "no more than", "as many as",
                          "as much as", "just under"])
# "minus" written before a number: "minus 20C", "minus five degrees"; not a margin, "plus or minus 4".
_MINUS_RE = re.compile(r"(?<!plus or )(?<!plus-or-)\bminus\s+$", re.IGNORECASE)
# What joins the two ends of a range: "10-15", "3.5–4.0", "8- to 16-", "10 to 12", "44 and 50".
_RANGE_GLUE_RE = re.compile(r"(?:\s?[-–—]\s?|-?\s+to\s+|\s+and\s+)(?:[$£€]|US\$)?", re.IGNORECASE)
# "between" or "from" opening a range, maybe with a hedge: "between 10 and 12", "from about $350".
_RANGE_OPEN_RE = re.compile(
    r"\b(between|from)\s+(?:(?:about|around|roughly|approximately|some|nearly|almost|an estimated)\s+)?"
    r"(?:[$£€]|US\$)?$", re.IGNORECASE)
# Words of change: a number after them is a before or an after ("rose", "was cut", "up").
_CHANGE_WORDS = (
    "rise", "rose", "risen", "fall", "fell", "fallen", "increase", "decrease", "grow", "grew", "grown",
    "climb", "drop", "dropped", "dropping", "decline", "jump", "surge", "soar", "slip", "slipped",
    "slipping", "slide", "slid", "sink", "sank", "sunk", "plunge", "plummet", "plummeted", "plummeting",
    "tumble", "cut", "cutting", "reduce", "raise", "lower", "boost", "slash", "widen", "narrow", "up",
    "down", "go", "went", "gone", "change", "move", "shift", "expand", "shrink", "shrank", "shrunk",
    "double", "triple", "halve", "improve", "worsen", "rebound", "recover", "edge", "swell", "swollen",
    "dip", "dipped", "dipping", "spike", "revise", "adjust", "upgrade", "downgrade", "switch", "turn",
    "convert",
)
# Verbs and adverbs of change, inflected: "rose", "was cut", "increased", "up", "doubling".
_CHANGE = r"\b(?:" + "|".join(w[:-1] + "(?:e|es|ed|ing)" if w.endswith("e") else w + "(?:s|es|ed|ing)?"
                              for w in _CHANGE_WORDS) + r")\b"
# A change a few words before "from": then "from 44 to 50" is a before and an after, not a range
# ("rose from $350 to $680", "was cut from 10 to 8", "up from 3"); "ranged from 7 to 10" stays a range.
_CHANGE_BEFORE_RE = re.compile(_CHANGE + r"(?:\s+[\w$.,%-]+){0,3}\s+$", re.IGNORECASE)
# A change just before a number, maybe with "by" or a hedge, and its currency: "rose $", "fell by about ".
_CHANGE_JUST_BEFORE_RE = re.compile(
    _CHANGE + r"(?:\s+(?:by|about|around|some|nearly|almost|roughly))*\s+(?:US\$|[$£€])?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Number:
    """One number found in a text, with its place."""

    start: int
    end: int
    value: float
    value_max: float | None = None
    hedge: str | None = None
    words: bool = False
    """Written in words ("three"), not digits."""
    scale: str = ""
    """The magnitude word or suffix that multiplied it ("million", "bn"), else ""."""
    begin: int | None = None
    """Where the written figure begins when a hedge or "between" comes before the number."""


def _parse_words(words: list[str]) -> float | None:
    """Turn number words ("a", "hundred", "and", "two") into a value, or None when they do not form one."""
    total, current, seen, last_scale = 0.0, 0.0, False, 0.0
    fraction_num: float | None = None
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in ("and", "&", "of"):
            continue
        if w in ("a", "an"):
            if seen and nxt in _DENOMINATORS:
                fraction_num = 1  # "two and a half", "a million and a half"
            elif nxt in SCALE_WORDS or nxt == "dozen" or nxt in _DENOMINATORS:
                current += 1
            else:
                return None
            continue
        if w in NUMBER_WORDS:
            prev = words[i - 1] if i else ""
            if prev in NUMBER_WORDS and not (NUMBER_WORDS[prev] >= 20 and NUMBER_WORDS[prev] % 10 == 0 and NUMBER_WORDS[w] < 10):
                return None  # "one two" is two numbers; "twenty one" is one
            current += NUMBER_WORDS[w]
        elif w in SCALE_WORDS:
            current = (current or 1) * SCALE_WORDS[w]
            if SCALE_WORDS[w] >= 1000:
                total, current, last_scale = total + current, 0.0, SCALE_WORDS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in _DENOMINATORS:
            if fraction_num is not None:
                # "one and a half million" is 1.5 million; "a million and a half" is 1.5 million too.
                share = fraction_num / _DENOMINATORS[w]
                if current or not last_scale:
                    current += share
                else:
                    total += share * last_scale
                fraction_num = None
                continue
            # "two thirds" = 2/3, "half a million" = 500,000, "three quarters of a billion"; a bare "half".
            rest = [x for x in words[i + 1:] if x not in ("of", "a", "an")]
            size = 12.0 if rest == ["dozen"] else SCALE_WORDS.get(rest[0]) if len(rest) == 1 else None
            if rest and size is None or total:
                return None
            return (current or 1) / _DENOMINATORS[w] * (size or 1)
        else:
            return None
        seen = True
    if fraction_num is not None:
        return None
    return total + current if seen else None


def _trim_words(text: str) -> tuple[int, int]:
    """Drop a leading "a" that does not stand for one ("a three-day visit"), keep "a hundred"."""
    start, end = 0, len(text)
    lead = re.match(r"(?:an?\s+)(?=\S)", text, re.IGNORECASE)
    if lead and not re.match(r"an?\s+(?:hundred|thousand|million|billion|trillion|dozen|\w+\s+of\s+an?\s)\b", text,
                             re.IGNORECASE):
        start = lead.end()
    return start, end


def _split_run(run: str) -> list[tuple[int, int]]:
    """Cut a run of number words where one number ends and the next begins: "one, two and three"."""
    tokens = list(re.finditer(r"[A-Za-z]+|&|,", run))
    parts, begin = [], 0
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1].group().lower() if i else ""
        nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
        glue = tok.group().lower()
        # A comma or "and" joins only after a magnitude: "a hundred and two", "three million, two hundred";
        # "of" only after a fraction: "a quarter of a million", not "one of a hundred".
        if glue in (",", "and", "&") and prev not in SCALE_WORDS and nxt in NUMBER_WORDS \
                or glue == "of" and prev not in _DENOMINATORS:
            parts.append((begin, tokens[i - 1].end()))
            begin = tokens[i + 1].start()
    parts.append((begin, len(run)))
    return parts


def _words_numbers(text: str) -> list[Number]:
    out = []
    for m in _WORDS_RE.finditer(text):
        start, end = _trim_words(m.group())
        for a, b in _split_run(m.group()[start:end]):
            offset = m.start() + start + a
            part = text[offset:m.start() + start + b]
            toks = [t.lower() for t in re.findall(r"[A-Za-z]+|&", part)]
            value: float | None = None
            if toks not in (["dozen"], ["half"], ["quarter"], ["third"], ["fourth"], ["fifth"], ["sixth"],
                            ["seventh"], ["eighth"], ["ninth"], ["tenth"]):
                value = _parse_words(toks)
            if value is not None:
                out.append(Number(offset, offset + len(part), value, words=True))
    return out


def _digit_value(m: re.Match[str]) -> float | None:
    sign = -1.0 if m.group("sign") else 1.0
    if m.group("lone"):
        return _VULGAR[m.group("lone")]
    if m.group("fden"):
        den = int(m.group("fden"))
        return sign * (int(m.group("whole")) + int(m.group("fnum")) / den) if den else None
    if m.group("den"):
        num, den = int(m.group("num")), int(m.group("den"))
        if not den or (num <= 12 and den <= 31 and not num < den <= 10):
            return None  # a day and month ("9/11", "3/17"), not a fraction
        return sign * num / den
    value = float(re.sub(r"[,\s\u2009]", "", m.group("int")) + (m.group("frac") or ""))
    if m.group("vulgar"):
        value += _VULGAR[m.group("vulgar")]
    if m.group("exp"):
        value *= 10.0 ** int(m.group("exp").replace("−", "-"))
    if m.group("base"):
        value *= float(m.group("base")) ** int(m.group("pow").replace("−", "-"))
    return sign * value


def _digit_numbers(text: str) -> list[Number]:
    out = []
    for m in _DIGITS_RE.finditer(text):
        value = _digit_value(m)
        if value is not None:
            out.append(Number(m.start(), m.end(), value))
    return out


def _with_scale(text: str, n: Number) -> Number:
    """Multiply by a following magnitude word ("1.5 million") or, for later use, a short one ("1.5bn")."""
    m = _SCALE_AFTER_RE.match(text, n.end)
    if m and not n.words:
        return replace(n, end=m.end(), value=n.value * _DIGIT_SCALES[m.group(1).lower()], scale=m.group(1).lower())
    return n


def with_short_scale(text: str, n: Number) -> Number:
    """Apply a short magnitude suffix ("bn", "m", "k") after a number that is known to be money."""
    m = _SHORT_AFTER_RE.match(text, n.end)
    if n.scale or not m:
        return n
    factor = _SHORT_SCALES[m.group(1).lower()]
    return replace(n, end=m.end(), value=n.value * factor, scale=m.group(1),
                   value_max=None if n.value_max is None else n.value_max * factor)


def _ranges(text: str, nums: list[Number]) -> list[Number]:
    """Join "10 to 12", "between 10 and 12", "3.5–4.0" into one number with a lower and upper bound."""
    out: list[Number] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        b = nums[i + 1] if i + 1 < len(nums) else None
        if b is not None and a.words == b.words:
            gap = text[a.end:b.start]
            glue = _range_glue(gap, text[b.end:b.end + 16])
            opener = _RANGE_OPEN_RE.search(text, 0, a.start)
            is_and = bool(glue and "and" in glue.group().lower())
            is_to = bool(glue and "to" in glue.group().lower())
            if glue and (not is_and or (opener and opener.group(1).lower() == "between")) \
                    and (is_and or is_to or glue.group().strip(" $£€US") in "-–—") \
                    and _plausible_range(text, a, b, opener, is_to=is_to):
                low = a.value
                if b.scale and not a.scale and b.scale in SCALE_WORDS and a.value < b.value / SCALE_WORDS[b.scale]:
                    low = a.value * SCALE_WORDS[b.scale]  # "between 19 and 22 million": both ends are millions
                low, high = min(low, b.value), max(low, b.value)  # "from -18 °C to -34 °C"
                out.append(replace(a, end=b.end, value=low, value_max=high, scale=b.scale or a.scale,
                                   begin=opener.start() if opener else None))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _range_glue(gap: str, right_unit: str) -> re.Match[str] | None:
    """Match what joins two ends of a range, allowing the left end to repeat the right end's unit.

    "44 mg to 50 mg", "$350 per kg to $680 per kg", "$10m to $12m": the gap starts with what follows
    the right end, then the glue.
    """
    glue = _RANGE_GLUE_RE.fullmatch(gap)
    size = 0
    while size < min(len(gap), len(right_unit)) and gap[size] == right_unit[size] and not gap[size].isdigit():
        size += 1
    while not glue and size > 0:
        glue = _RANGE_GLUE_RE.fullmatch(gap, size) if gap[:size].strip(" -") else None
        size -= 1
    return glue


def _plausible_range(text: str, a: Number, b: Number, opener: re.Match[str] | None, *, is_to: bool) -> bool:
    """Tell whether two numbers joined by "to", "and" or a dash are the ends of one range."""
    if opener and opener.group(1).lower() == "from":
        # "rose from 44 mg to 50 mg" is a before and an after, not a range; "ranged from 7 to 10" is one.
        lead = text[max(0, opener.start() - 60):opener.start()]
        changed = _CHANGE_BEFORE_RE.search(lead) and not re.search(r"\brang(?:e|es|ed|ing)\b", lead[-30:])
        return not changed and (a.value < 0 or b.value > a.value)
    if is_to and a.value > 0 and b.value > 2 * a.value \
            and _CHANGE_JUST_BEFORE_RE.search(text, max(0, a.start - 40), a.start):
        return False  # "rose $2 to $84" is a change and a level; "rose 3 to 4 percent" stays a range
    return b.value > a.value if a.value >= 0 else True


def hedge_before(text: str, pos: int) -> re.Match[str] | None:
    """Find a hedge ("about", "at least") that ends just before ``pos``."""
    return _HEDGE_RE.search(text, max(0, pos - 30), pos)


def _hedged(text: str, n: Number) -> Number:
    m = hedge_before(text, n.start)
    if not m:
        return n
    hedge = m.group(1).lower()
    value, value_max = n.value, n.value_max
    if hedge in ESTIMATES and n.words and value in SCALE_WORDS.values():
        # "a few hundred" is a few times a hundred: keep its likely size, not the bare word's.
        value, value_max = value * ESTIMATES[hedge], None
    begin = m.start(1) if n.begin is None else min(m.start(1), n.begin)
    return replace(n, value=value, value_max=value_max, hedge=hedge, begin=begin)


def _signed(text: str, n: Number) -> Number:
    """Make a number negative when "minus" comes before it: "minus 20C", "minus five degrees"."""
    m = _MINUS_RE.search(text, max(0, n.start - 12), n.start)
    if not m or n.value < 0:
        return n
    low, high = (-n.value, None) if n.value_max is None else (-n.value_max, -n.value)
    return replace(n, value=low, value_max=high, begin=m.start() if n.begin is None else min(m.start(), n.begin))


@lru_cache(maxsize=65536)  # the figures and the comparison both read every sentence's numbers
def find_numbers(text: str) -> tuple[Number, ...]:
    """Find every number in ``text``, in order: its span, value, range bound and hedge."""
    digits = [_with_scale(text, n) for n in _digit_numbers(text)]
    found = sorted(digits + _words_numbers(text), key=lambda n: (n.start, -n.end))
    nums: list[Number] = []
    for n in found:
        if nums and n.start < nums[-1].end:
            continue
        nums.append(n)
    hedged = [_hedged(text, _signed(text, n)) for n in _ranges(text, nums)]
    # A bare "million" or "hundred" is a number only as "a few hundred", "several thousand"; a run of
    # digits too long for a float ("$999,999,…" of 300 digits) is no figure anyone can compare.
    return tuple(
        n for n in hedged
        if not (n.words and n.hedge not in ESTIMATES and text[n.start:n.end].lower() in SCALE_WORDS)
        and all(math.isfinite(v) for v in (n.value, n.value_max) if v is not None)
    )
