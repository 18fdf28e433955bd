"""Find the numbers written in a piece of English news copy: digits, words, fractions, ranges, hedges.

This module knows numerals only; what a number counts (money, troops, days) is ``figures``' concern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# South Asian magnitudes, used after digits only: "Rs 500 crore".
_DIGIT_SCALES = {**_SCALES, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
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

_WORD = "|".join(sorted([*_UNITS, *_SCALES, *_DENOMINATORS, "dozen"], key=len, reverse=True))

# A run of number words with their glue: "a hundred and two", "twenty-one", "two and a half".
_WORDS_RE = re.compile(
    rf"\b(?:an?\s+)?(?:{_WORD})\b(?:(?:\s*,\s*|\s+|-)(?:and\s+an?|and|&|an?)?\s*(?:{_WORD})\b)*",
    re.IGNORECASE,
)
# A number in digits: "1,000", "16.25", "-15", "2.48×10−5", "4e14", "8x2^10", "2 1/2", "1/40", "½".
_DIGITS_RE = re.compile(
    r"(?:(?<=\$US)|(?<![\w.,/:^]))(?<![A-Za-z]-)(?<!\+/-)(?<!± )(?<!±)(?P<sign>[-−](?=\d))?"
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
_FEW = {"a few": 3, "several": 3, "a couple of": 2}
# What joins the two ends of a range: "10-15", "3.5–4.0", "8- to 16-", "10 to 12", "44 and 50".
_RANGE_GLUE_RE = re.compile(r"(?:\s?[-–—]\s?|-?\s+to\s+|\s+and\s+)(?:[$£€]|US\$)?", re.IGNORECASE)
# A unit repeated on the left end of a range: " mg" in "44 mg to 50 mg", " per kg" in "$350 per kg to $680 per kg".
_UNIT_IN_GAP_RE = re.compile(r"\s?-?[^\d\s,;()$£€]{1,12}(?:\s(?:per|a|an)\s\w+)?|\s(?:per|a|an)\s\w+")
# "between" or "from" opening a range: "between 10 and 12".
_RANGE_OPEN_RE = re.compile(r"\b(between|from)\s+(?:[$£€]|US\$)?$", re.IGNORECASE)


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
    total, current, seen = 0.0, 0.0, False
    fraction_num: float | None = None
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in ("and", "&"):
            continue
        if w in ("a", "an"):
            if nxt in _SCALES or nxt in ("dozen", "half", "quarter", "third"):
                current += 1 if nxt != "half" or not seen else 0
                if nxt == "half" and seen:
                    fraction_num = 1
                continue
            return None
        if w in _UNITS:
            prev = words[i - 1] if i else ""
            if prev in _UNITS and not (_UNITS[prev] >= 20 and _UNITS[prev] % 10 == 0 and _UNITS[w] < 10):
                return None  # "one two" is two numbers; "twenty one" is one
            current += _UNITS[w]
        elif w in _SCALES:
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0.0
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in _DENOMINATORS:
            # "two thirds" = 2/3; "and a half" adds 1/2; a bare "half" is a half.
            if fraction_num is not None:
                total += fraction_num / _DENOMINATORS[w]
                fraction_num = None
                continue
            return (total + (current or 1) / _DENOMINATORS[w]) if not total else None
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
    if lead and not re.match(r"an?\s+(hundred|thousand|million|billion|trillion|dozen)\b", text, re.IGNORECASE):
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
        # A comma or "and" joins only after a magnitude: "a hundred and two", "three million, two hundred".
        if glue in (",", "and", "&") and prev not in _SCALES and nxt in _UNITS:
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
            # Allow a repeated unit on the left end: "44 mg to 50 mg", "$350 per kg to $680".
            glue = _RANGE_GLUE_RE.fullmatch(gap)
            unit = _UNIT_IN_GAP_RE.match(gap)
            if not glue and unit and text.startswith(unit.group(), b.end):
                glue = _RANGE_GLUE_RE.fullmatch(gap[unit.end():])
            opener = _RANGE_OPEN_RE.search(text, 0, a.start)
            is_and = bool(glue and "and" in glue.group().lower())
            is_to = bool(glue and "to" in glue.group().lower())
            if glue and (not is_and or (opener and opener.group(1).lower() == "between")) \
                    and (is_and or is_to or gap.strip() in "-–—") and _plausible_range(a, b, opener):
                low = a.value
                if b.scale and not a.scale and b.scale in _SCALES and a.value < b.value / _SCALES[b.scale]:
                    low = a.value * _SCALES[b.scale]  # "between 19 and 22 million": both ends are millions
                out.append(replace(a, end=b.end, value=low, value_max=b.value, scale=b.scale or a.scale,
                                   begin=opener.start() if opener else None))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _plausible_range(a: Number, b: Number, opener: re.Match[str] | None) -> bool:
    # "from 44 mg to 50 mg" after a verb of change is two figures, not a range; keep "ranged from".
    if opener and opener.group(1).lower() == "from":
        return False
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
    if hedge in _FEW and n.words and value in _SCALES.values():
        # "a few hundred" is a few times a hundred: keep its likely size, not the bare word's.
        value, value_max = value * _FEW[hedge], None
    return replace(n, value=value, value_max=value_max, hedge=hedge, begin=m.start(1))


def find_numbers(text: str) -> list[Number]:
    """Find every number in ``text``, in order: its span, value, range bound and hedge."""
    digits = [_with_scale(text, n) for n in _digit_numbers(text)]
    found = sorted(digits + _words_numbers(text), key=lambda n: (n.start, -n.end))
    nums: list[Number] = []
    for n in found:
        if nums and n.start < nums[-1].end:
            continue
        nums.append(n)
    hedged = [_hedged(text, n) for n in _ranges(text, nums)]
    # A bare "million" or "hundred" is a number only as "a few hundred", "several thousand".
    return [n for n in hedged if not (n.words and n.hedge not in _FEW and text[n.start:n.end].lower() in _SCALES)]
