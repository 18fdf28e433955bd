"""Find date expressions in a sentence and resolve them against a publication date.

A resolved date is a span of days (``Span``); it is shown at the finest calendar unit (day, month,
year) that holds the whole span, and anything wider stays unresolved. Regexes find the
candidates; dateparser reads the absolute dates and the "ago" phrases; weekdays, month modifiers
and "N months later" are done here because dateparser reads them differently from news copy.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser
from dateutil.relativedelta import relativedelta

from .lexicon import MONTH_ABBREVIATIONS, MONTHS, NUMBER_WORDS, TIME_MODIFIERS, WEEKDAYS, alternation

_MONTH = alternation(name.capitalize() for name in MONTHS)
# Abbreviated months only count with a day after them: "Dec. 5", "Sept. 12, 2023".
_MONTH_ABBR = alternation(abbr.capitalize() for abbr in MONTH_ABBREVIATIONS) + r"\."
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAYS = [day.capitalize() for day in WEEKDAYS]
_ONES = "|".join(w for w, n in NUMBER_WORDS.items() if 1 <= n <= 9)
_TENS = "|".join(w for w, n in NUMBER_WORDS.items() if n >= 20)
# A count in words or digits, never the tail of a longer one ("two" in "Twenty-two").
_NUMBER = (rf"(?<![\w-])(?:(?:{_TENS})(?:-(?:{_ONES}))?|a|an|{_ONES}|ten|eleven|twelve|"
           r"\d{1,3})")
_UNIT = r"(?:day|week|month|year|decade)s?"

# Every date expression we read, in order of preference where two could start at the same place.
# Example matches: "on July 26, 2023", "26 July 2023", "July 2023", "since July 26",
# "in late July", "last July", "in 2023", "on Saturday evening", "Saturday's", "yesterday",
# "about a year ago", "last week", "earlier this month", "four months later".
_EXPRESSION = re.compile(
    r"(?:\b(?P<prep>on|in|since|until|till|from|during|as\s+of)\s+(?:the\s+)?)?"
    r"(?:"
    rf"(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)"
    rf"|(?P<mdy>\b(?:{_MONTH}|{_MONTH_ABBR})\s+{_DAY}(?:,\s*|\s+){_YEAR}\b)"
    rf"|(?P<dmy>\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b)"
    rf"|(?P<my>\b{_MONTH},?\s+{_YEAR}\b)"
    rf"|(?P<md>\b(?:{_MONTH}|{_MONTH_ABBR})\s+{_DAY}\b(?!\d))"
    rf"|(?P<dm>\b{_DAY}\s+(?:of\s+)?{_MONTH}\b)"
    rf"|(?P<mod>\b{alternation(TIME_MODIFIERS)}\b[\s-]*)?(?P<month>(?<!\w){_MONTH}\b)"
    rf"|(?P<year>(?<=\s){_YEAR}\b)"
    rf"|(?P<wmod>\b(?:last|next|this)\s+)?(?P<weekday>\b(?:{'|'.join(_WEEKDAYS)})\b)"
    r"(?:['’]s\b)?(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?P<day_word>\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b)"
    rf"|(?P<ago>\b(?:(?P<ago_hedge>about|around|nearly|almost|some|just|more\s+than|over|"
    r"less\s+than|under)\s+)?"
    rf"(?P<ago_n>{_NUMBER})\s+(?P<ago_unit>{_UNIT})\s+ago\b)"
    r"|(?P<calendar>(?<!the\s)\b(?:(?:earlier|later)\s+this|last|this|next)\s+"
    r"(?P<cal_unit>week|month|year)\b)"
    rf"|(?P<later>\b(?:(?P<later_hedge>just|only|merely|about|some|more\s+than|over|less\s+than|"
    rf"under)\s+)?(?P<later_n>{_NUMBER})\s+"
    rf"(?P<later_unit>{_UNIT})\s+(?P<later_dir>later|earlier)\b(?!\s+than))"
    r")",
    re.IGNORECASE,
)
# Month names and weekdays must be capitalised in news copy ("may", "march" are verbs).
_CAPITALISED = re.compile(r"^[A-Z]")

# Words that put a bare weekday or month in the future: "will meet on Tuesday".
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are)(?:\s+(?:set|due|expected|scheduled))?\s+to|"
                     r"plans?\s+to|next)\b", re.IGNORECASE)
_FUTURE_REACH = 8
# A bound, not a date: "more than 20 years ago", "over two months later".
_BOUND = re.compile(r"^(?:more\s+than|over|less\s+than|under)$", re.IGNORECASE)

_NUMBER_WORDS = {w: n for w, n in NUMBER_WORDS.items() if n <= 12 or n % 10 == 0} | {"a": 1, "an": 1}


@dataclass(frozen=True, slots=True)
class Expression:
    """A date expression as found in a sentence."""

    text: str
    """The words as written ("on Saturday", "four months later")."""
    start: int
    """Offset of its first character in the sentence."""
    kind: str
    """absolute, partial, weekday, relative or anchored (see ``resolve``)."""
    approximate: bool = False
    """True for "a year ago", "last week", "four months later": loose, never a conflict."""


@dataclass(frozen=True, slots=True)
class Span:
    """The days a resolved expression may stand for, first and last included."""

    first: dt.date
    last: dt.date

    @property
    def precision(self) -> str | None:
        """Return day, month or year: the finest unit that holds the span, else None."""
        if self.first == self.last:
            return "day"
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            whole = self.first.day == 1 and self.last.day == _month_end(self.last).day
            return "month" if whole else None
        if self.first.year == self.last.year:
            ends = (self.first.month, self.first.day, self.last.month, self.last.day)
            return "year" if ends == (1, 1, 12, 31) else None
        return None

    @property
    def label(self) -> str:
        """Return the span as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (by its precision)."""
        width = {"day": 10, "month": 7, "year": 4}.get(self.precision or "", 0)
        return self.first.isoformat()[:width]

    def contains(self, other: Span) -> bool:
        """Return True when every day of ``other`` lies in this span."""
        return self.first <= other.first and other.last <= self.last


# A word, where an expression may start. Example: "July" in "since July 26".
_WORD = re.compile(r"\b\w+")
# The words an expression can start with (lower case), besides numbers in digits: a preposition,
# a modifier, a hedge, a count, a month, a weekday or a day word.
_FIRST_WORDS = frozenset(
    "on in since until till from during as earlier later about around nearly almost some just more less "
    "over under only merely a an ten eleven twelve yesterday today tomorrow".split()
    + list(TIME_MODIFIERS) + _ONES.split("|") + _TENS.split("|") + list(WEEKDAYS) + list(MONTHS)
    + list(MONTH_ABBREVIATIONS)
)


def find_expressions(sentence: str) -> tuple[Expression, ...]:
    """List the date expressions in a sentence, in reading order."""
    found = []
    for match in _matches(sentence):
        kind = _kind(match)
        if kind is None:
            continue
        approximate = bool(match.group("ago") or match.group("calendar") or match.group("later"))
        text = match.group(0).strip()
        found.append(Expression(text, match.start(), kind, approximate))
    return tuple(found)


def _matches(sentence: str) -> list[re.Match[str]]:
    """Do what ``_EXPRESSION.finditer`` does, trying only where a word an expression starts with
    begins: every other place fails, and trying each is what made long articles slow."""
    matches: list[re.Match[str]] = []
    end = 0
    for word in _WORD.finditer(sentence):
        if word.start() < end or not (word.group()[0].isdigit() or word.group().lower() in _FIRST_WORDS):
            continue
        match = _EXPRESSION.match(sentence, word.start())
        if match:
            matches.append(match)
            end = match.end()
    return matches


def _kind(match: re.Match[str]) -> str | None:
    for group, kind in (("iso", "absolute"), ("mdy", "absolute"), ("dmy", "absolute"),
                        ("my", "absolute"), ("md", "partial"), ("dm", "partial"),
                        ("month", "partial"), ("weekday", "weekday"), ("day_word", "relative"),
                        ("ago", "relative"), ("calendar", "relative"), ("later", "anchored")):
        value = match.group(group)
        if value is None:
            continue
        if group in ("month", "weekday", "md", "mdy", "my") and not _CAPITALISED.match(value):
            return None
        if group == "month" and not (match.group("prep") or match.group("mod")):
            return None  # a bare "May" or "March" is too often a verb or a name
        if group == "day_word" and value[0].isupper() and match.string[:match.start(group)].strip(
                " \"“‘'("):
            return None  # "USA Today" is a name; "Today" opens a sentence
        if _BOUND.match(match.group("ago_hedge") or match.group("later_hedge") or ""):
            return None
        return kind
    if match.group("year") and match.group("prep"):
        return "absolute"  # "in 2023"; a bare number could be anything
    return None


@dataclass(frozen=True, slots=True)
class Found:
    """A date expression of an article, resolved as far as the article itself allows."""

    sentence: int
    """Index of the sentence it is in."""
    expression: Expression
    span: Span | None
    """The days it stands for, or None when unresolved."""
    anchor: int | None = None
    """For "four months later": index (in the article's list) of the date it counts from."""


def resolve_article(sentences: Sequence[str], *, published: dt.date | None,
                    reach: int = 3) -> tuple[Found, ...]:
    """Find and resolve every date expression of an article's sentences, in reading order.

    "Four months later" counts from the date mentioned just before it, if that one is at most
    ``reach`` sentences back; further back, or unresolved, it stays unresolved. The comparison and
    the timeline both read a story's dates: the last 256 articles' are remembered.
    """
    return _resolved(tuple(sentences), published, reach)


@lru_cache(maxsize=256)
def _resolved(sentences: tuple[str, ...], published: dt.date | None, reach: int) -> tuple[Found, ...]:
    found: list[Found] = []
    for index, sentence in enumerate(sentences):
        for expression in find_expressions(sentence):
            anchor = None
            if expression.kind == "anchored" and found and index - found[-1].sentence <= reach:
                anchor = len(found) - 1
            span = resolve(expression, sentence, published=published,
                           anchor=found[anchor].span if anchor is not None else None)
            found.append(Found(index, expression, span, anchor))
    return tuple(found)


def resolve(expression: Expression, sentence: str, *, published: dt.date | None,
            anchor: Span | None = None) -> Span | None:
    """Resolve an expression to a span of days, or None when the text does not pin it.

    absolute needs nothing; partial, weekday and relative need the publication date; anchored
    ("four months later") needs the span of the previously mentioned date (``anchor``).
    """
    match = _EXPRESSION.fullmatch(expression.text)
    if match is None:
        return None
    if expression.kind == "absolute":
        return _parse(match, published or dt.date(2000, 1, 1), future=False)
    if expression.kind == "anchored":
        return _shift(match, anchor) if anchor else None
    if published is None:
        return None
    # "will" counts only shortly before the date: "will meet on Friday", not "will grow 2 percent,
    # less than forecast in July".
    future = bool(_FUTURE.search(" ".join(sentence[:expression.start].split()[-_FUTURE_REACH:])))
    if expression.kind == "partial":
        return _partial(match, published, future=future)
    if expression.kind == "weekday":
        return _weekday(match, published, future=future)
    return _relative(match, published)


def _parse(match: re.Match[str], base: dt.date, *, future: bool) -> Span | None:
    if match.group("iso"):
        try:  # strictly year-month-day; dateparser would read "2023-19-01" as day-month
            day = dt.date.fromisoformat(match.group("iso"))
        except ValueError:
            return None
        return Span(day, day)
    core = next(match.group(g) for g in ("iso", "mdy", "dmy", "my", "md", "dm", "month", "year")
                if match.group(g))
    return _dateparser_span(core, base, future=future)


@lru_cache(maxsize=4096)  # a long article names the same dates again and again
def _dateparser_span(text: str, base: dt.date, *, future: bool) -> Span | None:
    settings = {"RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
                "PREFER_DATES_FROM": "future" if future else "past",
                "PREFER_DAY_OF_MONTH": "first"}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    return _widen(day, data.period or "day")


def _partial(match: re.Match[str], published: dt.date, *, future: bool,
             reach: int = 4) -> Span | None:
    """Give a month (and day) its year: the last one before publication, unless the next one is
    ``reach`` times nearer ("through Feb. 8" in a January article), or the sentence is about the
    future, or it says "next"."""
    mod = (match.group("mod") or "").strip(" -").lower()
    past = _parse(match, published, future=False)
    ahead = _parse(match, published, future=True)
    if past is None or ahead is None:
        return None
    if mod == "last" and past.first.month == published.month:
        past = _calendar(past.first - relativedelta(years=1), "month")  # "last March" in March
    if mod == "next" and ahead.first.month == published.month:
        ahead = _calendar(ahead.first + relativedelta(years=1), "month")
    if mod == "last":
        return past
    if future or mod == "next":
        return ahead
    behind = max((published - past.last).days, 0)
    return ahead if (ahead.first - published).days * reach < behind else past


def _weekday(match: re.Match[str], published: dt.date, *, future: bool) -> Span:
    wanted = [w.lower() for w in _WEEKDAYS].index(match.group("weekday").lower())
    mod = (match.group("wmod") or "").strip().lower()
    if mod == "next" or (future and mod != "last"):
        ahead = (wanted - published.weekday()) % 7 or (7 if mod == "next" else 0)
        day = published + dt.timedelta(days=ahead)
    else:
        # News copy names the publication day itself by its weekday ("said Monday").
        back = (published.weekday() - wanted) % 7
        if mod == "last" and back == 0:
            back = 7
        day = published - dt.timedelta(days=back)
    return Span(day, day)


def _relative(match: re.Match[str], published: dt.date) -> Span | None:
    if match.group("day_word"):
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[match.group("day_word").lower()]
        day = published + dt.timedelta(days=shift)
        return Span(day, day)
    if match.group("ago"):
        count = _count(match.group("ago_n"))
        unit = match.group("ago_unit").lower().rstrip("s")
        point = published - _delta(unit, count)
        if unit == "year" and count == 1:
            return _widen(point, "month")  # "a year ago": about this time last year
        return _widen(point, _unit_period(unit))
    words = match.group("calendar").lower().split()
    unit = match.group("cal_unit").lower()
    step = {"last": -1, "next": 1}.get(words[0], 0)
    return _widen(published + _delta(unit, step), unit)


def _shift(match: re.Match[str], anchor: Span) -> Span | None:
    count = _count(match.group("later_n"))
    unit = match.group("later_unit").lower().rstrip("s")
    sign = 1 if match.group("later_dir").lower() == "later" else -1
    delta = _delta(unit, sign * count)
    first = _widen(anchor.first + delta, _unit_period(unit))
    last = _widen(anchor.last + delta, _unit_period(unit))
    if first is None or last is None:
        return None
    span = Span(first.first, last.last)
    return span if span.precision else None


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    return sum(_NUMBER_WORDS[part] for part in word.lower().split("-"))


def _delta(unit: str, count: int) -> relativedelta:
    if unit == "decade":
        return relativedelta(years=10 * count)
    return relativedelta(**{unit + "s": count})


def _unit_period(unit: str) -> str:
    return "year" if unit == "decade" else unit


def _widen(day: dt.date, period: str) -> Span | None:
    """Return the calendar day, week, month or year around ``day`` (a week only if it fits)."""
    if period != "week":
        return _calendar(day, period)
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return _calendar(monday, "month")
    if monday.year == sunday.year:
        return _calendar(monday, "year")
    return None


def _calendar(day: dt.date, unit: str) -> Span:
    """Return the calendar day, month or year that holds ``day``."""
    if unit == "month":
        return Span(day.replace(day=1), _month_end(day))
    if unit == "year":
        return Span(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    return Span(day, day)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
