"""Key figures: every quantity the sources give, grouped by the thing counted, ranked, and compared.

``find_mentions`` (from ``quantities``) reads one sentence; ``extract_figures`` groups mentions across
sources into ``Figure``s; ``figure_discrepancies`` lists figures whose sources give different values.
"""
from __future__ import annotations

import itertools
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..english.boundaries import period_ends_sentence, word_before
from ..english.lexicon import DAY_WORDS, SCALE_WORDS
from ..english.numbers import ESTIMATES, LOWER_BOUNDS, UPPER_BOUNDS, Number
from ..english.text import time_relation
from ..model import Discrepancy, Figure, FigureMention, Source, Variant
from .quantities import (
    COMPOUND_RE,
    STOP_WORDS,
    chunk_end,
    find_mentions,
    noun_chunk,
    qualifier,
    surface_begin,
    word_list,
)

__all__ = ["extract_figures", "figure_discrepancies", "find_mentions", "value_text"]

_PREPOSITIONS = frozenset(["to", "in", "for", "of", "on", "at", "by", "with", "from", "as", "into", "than"])
_HEDGE_WORDS = frozenset(["about", "around", "some", "roughly", "approximately", "nearly", "almost", "over", "under",
                          "estimated"])
_COST_WORDS = frozenset(["cost", "costs", "costing", "built", "constructed", "spent", "paid", "bought", "worth",
                         "priced", "valued"])
# Words that open or link a clause, not part of the event a time expression dates.
_LEAD_WORDS = frozenset(["however", "but", "and", "so", "yet", "just", "only", "merely", "since", "where", "which",
                         "who", "when", "while", "whereas"])
_SUBJECT_PRONOUNS = frozenset(["i", "we", "you", "he", "she", "it", "they"])
# Words that say when, not what: "A year ago this week, the storm hit" names no event.
_TIME_WORDS = DAY_WORDS | frozenset(("this", "last", "next", "that"))
# Where a clause ends: a comma, colon, bracket, dash or the end of a sentence.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|,\s|\s-\s|[.!?](?:\s|$)")
# A period before white space or the end: a sentence's end, unless the language layer reads it as an
# abbreviation's ("Benjamin J. Rhodes", "Sept. 12", "Gov. Smith").
_PERIOD = re.compile(r"\.(?=\s|$)")
# An appositive after a name opening a clause, dropped to reach the verb, unless a list goes on:
# "Rhodes, a deputy adviser, offered" -> "Rhodes offered"; "France, the U.S., and Britain" stays.
_APPOSITIVE = re.compile(r"^([A-Z][^,]*),\s+(?:an?|the)\s[^,]+,\s+(?!and\b)")
# Hedges that make a figure a bound ("at least 40"), which is neither a round number nor a value.
_BOUNDS = LOWER_BOUNDS | UPPER_BOUNDS
# Verbs after which an amount is what something cost to make ("a base built at a cost of $100 million").
_BUILD_WORDS = frozenset(["cost", "costs", "costing", "built", "constructed"])


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention before grouping, with what grouping and labelling need."""

    mention: FigureMention
    kind: str
    about: str
    context: frozenset[str]
    order: tuple[int, int, int]
    scope: str = ""
    """What part of a whole the figure gives: "part" (two other, 30,000 more), "total" (in all) or "" (plain)."""


def _prep_phrase(after: str) -> str:
    """A place or owner right after the counted thing: "in Niger", "from the Africa Corps"."""
    m = re.match(r"\s+(in|at|from|of|for)\s+((?:the\s+)?(?:[A-Z][\w'’-]*\s?){1,3})", after)
    return f"{m.group(1)} {m.group(2).strip()}" if m else ""


def _back_phrase(before: str) -> tuple[list[str], bool]:
    """The noun phrase a number refers back to ("a desert drone base built at a cost of") and whether it is a cost."""
    words = word_list(re.split(r"[,;:()\[\]—–]|\s-\s", before.rstrip(" ,;:—–("))[-1])
    cost = False
    while words and (words[-1].lower() in STOP_WORDS or words[-1].lower() in _COST_WORDS
                     or words[-1].lower() in _HEDGE_WORDS):
        cost = cost or words[-1].lower() in _BUILD_WORDS
        words.pop()
    phrase: list[str] = []
    while words and words[-1].lower() not in STOP_WORDS and len(phrase) < 3:
        phrase.insert(0, words.pop())
    return phrase, cost


def _about(text: str, n: Number, kind: str, surface_end: int) -> str:
    """Say in a few words of the sentence what a figure is about ("troops in Niger", "cost of the base")."""
    after = text[surface_end:]
    if kind == "count":
        compound = COMPOUND_RE.match(text, n.end)
        chunk = noun_chunk(text[compound.end():] if compound else text[n.end:])
        if compound:
            return " ".join(chunk) or compound.group(1)  # "a 225-page report": the report
        if chunk:
            return " ".join([*chunk, _prep_phrase(text[n.end + chunk_end(text[n.end:], chunk):])]).strip()
    if kind == "duration":
        return _duration_about(text, n, surface_end)
    follow = noun_chunk(after) if kind in ("money", "quantity") else []
    if follow and not re.match(r"\s*[,.;:]", after):
        return " ".join([*follow, _prep_phrase(after[chunk_end(after, follow):])]).strip()
    of = re.match(r"\s+(?:of|in|for|on)\s+(?:the\s+|a\s+|an\s+)?" if kind == "money" else r"\s+of\s+(?:the\s+)?",
                  after)
    if of and kind in ("money", "percent") and noun_chunk(after[of.end():]):
        return " ".join(noun_chunk(after[of.end():]))  # "$60 billion in infrastructure spending"
    phrase, cost = _back_phrase(text[:surface_begin(n)])
    if not phrase:
        return ""
    return ("cost of the " if kind == "money" and cost else "") + " ".join(phrase)


def _duration_about(text: str, n: Number, surface_end: int) -> str:
    # "a three-day visit": the length of the visit. "a year ago, Blinken made a visit": the time
    # since the event the clause tells; "four months later, the military overthrew Bazoum": the
    # time until it.
    begin = surface_begin(n)
    after = text[surface_end:]
    follow = noun_chunk(after)
    word = time_relation(text, begin, surface_end) or ""
    if not word and follow and re.match(r"-", text[n.end:]):
        return "length of the " + " ".join(follow)
    if word in ("after", "before"):
        clause = _clause_words(after.lstrip(" ,"))[:7]
        while clause and clause[-1].lower() in STOP_WORDS:
            clause.pop()
        if clause and clause[0].lower() not in _PREPOSITIONS:
            return " ".join([word, *clause])
    event = _event(text, begin, surface_end) if word in ("ago", "earlier", "later") else ""
    if event:
        return ("time until " if word == "later" else "time since ") + event
    words = _clause_words(text[:begin], last=True)
    while words and words[-1].lower() in STOP_WORDS:
        words.pop()
    return " ".join(words[-6:])


def _event(text: str, begin: int, end: int) -> str:
    """The clause a time expression dates, without it: "Blinken made a rare visit to Niger", or ""."""
    before = _clauses(text[:begin])[-1].split()
    while before and before[-1].lower() in _PREPOSITIONS | _LEAD_WORDS:
        before.pop()
    if before and before[0].lower() in ("who", "which", "that"):
        return ""  # "Smith, who was asked about it a month ago": the clause's subject is elsewhere
    lead = 0
    while before and before[0].lower() in _LEAD_WORDS:
        before.pop(0)
        lead += 1
    if lead and before and before[0][:1].islower() and before[0].lower() not in _SUBJECT_PRONOUNS:
        return ""  # "Trump said ..., but was asked about it a month ago": the subject is elided
    words = before or _clauses(_APPOSITIVE.sub(r"\1 ", text[end:].lstrip(" ,")))[0].split()
    if not before and words and words[0].lower() in _PREPOSITIONS | _LEAD_WORDS | _TIME_WORDS:
        return ""  # "Two years ago in Paris, leaders signed": the event is past another phrase
    for i, word in enumerate(words[3:], start=3):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if (word == "to" and nxt[:1].islower()) or word.lower() in _LEAD_WORDS or _reduced_relative(words, i):
            words = words[:i]
            break
    while words and words[-1].lower() in STOP_WORDS:
        words.pop()
    if words and words[0].lower() in STOP_WORDS | _SUBJECT_PRONOUNS:
        words[0] = words[0].lower()  # "The case started" -> "time since the case started"
    return " ".join(words[:14]) if len(words) >= 2 else ""


def _reduced_relative(words: list[str], i: int) -> bool:
    # A participle after a place ends the event: "a base in northern Niger used to fly drones".
    # A main verb does not: "officials in Niger expelled the ambassador".
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    return words[i].endswith("ed") and words[i - 1][:1].isupper() and nxt in ("to", "by")


def _clauses(text: str) -> list[str]:
    """Split ``text`` at commas, colons, dashes, brackets and sentence ends, not at "Mr." or "J."."""

    def keep(m: re.Match[str]) -> str:
        word = word_before(text, 0, m.start()).lstrip("'’(")
        return "." if period_ends_sentence(word, text[m.end():m.end() + 64]) else "\x01"

    kept = _PERIOD.sub(keep, text)
    return [part.replace("\x01", ".") for part in _CLAUSE_BREAK.split(kept)]


def _clause_words(text: str, *, last: bool = False) -> list[str]:
    """The words of the first (or last) clause of ``text``, up to a comma, colon, dash or bracket."""
    parts = _clauses(text)
    return (parts[-1] if last else parts[0]).split()


def _content(text: str) -> set[str]:
    """Lower-cased content words, singular, "U.S." folded into "us"."""
    out = set()
    for w in word_list(text):
        low = w.lower().replace(".", "")
        if low in STOP_WORDS or len(low) < 2:
            continue
        out.add(low[:-1] if low.endswith("s") and len(low) > 3 else low)
    return out


def _context(text: str, n: Number, *, window: int = 60) -> frozenset[str]:
    left = text[max(0, n.start - window * 2):n.start]
    right = text[n.end:n.end + window * 2]
    left_words = word_list(left)[-window // 5:]
    right_words = word_list(right)[:window // 5]
    return frozenset(_content(" ".join(left_words + right_words)))


def _mentions(sources: Sequence[Source]) -> list[_Found]:
    out = []
    for si, source in enumerate(sources):
        for ti, sentence in enumerate(source.sentences):
            for n, kind, unit, surface in find_mentions(sentence.text):
                start = surface_begin(n)
                mention = FigureMention(source=source.id, sentence=sentence.id, text=surface,
                                        value=_midpoint(n), value_min=n.value if n.value_max is not None else None,
                                        value_max=n.value_max, hedge=n.hedge, unit=unit)
                about = _about(sentence.text, n, kind, start + len(surface))
                part = qualifier(sentence.text, n, surface)
                if part and about and kind == "count":
                    about = f"{part} {about}"  # "two other cases" are not "three cases"
                scope = "total" if part == "total" else "part" if part else ""
                out.append(_Found(mention, kind, about, _context(sentence.text, n), (si, ti, n.start), scope))
    return out


def _midpoint(n: Number) -> float:
    """A range's value is its midpoint, as quantity extractors report it ("10 to 12" -> 11)."""
    return n.value if n.value_max is None else (n.value + n.value_max) / 2


def _key(f: _Found) -> tuple[str, str]:
    """What a mention must share with another to count the same thing: its kind and its unit, singular."""
    unit = (f.mention.unit or "").lower()
    if f.kind == "count" and unit.endswith("s") and len(unit) > 3:
        unit = unit[:-1]
    return f.kind, _SAME_THING.get(unit, unit)


# Words outlets use for the same thing counted ("1,000 troops" and "1,000 soldiers").
_SAME_THING = {"soldier": "troop", "servicemen": "troop", "serviceman": "troop", "person": "people",
               "fatalitie": "death", "civilian": "people", "dollar": "usd"}


class _Group:
    """Mentions of one thing counted, with what scoring a newcomer reads of them kept apart: each
    distinct value per source and scope, each distinct value, each distinct context."""

    def __init__(self, first: _Found) -> None:
        self.key = _key(first)
        self.members: list[_Found] = []
        self.values: dict[tuple[str, str], set[_Value]] = {}
        self.numbers: dict[float | None, None] = {}
        self.contexts: dict[frozenset[str], None] = {}  # oldest first
        self.add(first)

    def add(self, f: _Found) -> None:
        """Add a mention."""
        m = f.mention
        self.members.append(f)
        self.values.setdefault((m.source, f.scope), set()).add((m.value, m.value_max, m.hedge))
        self.numbers.setdefault(m.value)
        self.contexts.pop(f.context, None)
        self.contexts[f.context] = None

    def score(self, a: _Found, *, min_overlap: float) -> float:
        """Score how surely a mention belongs here: context overlap, or -1 when it cannot belong.

        A mention of the same source with another value, or of another scope ("two other cases",
        "three cases in all") with another value, rules it out; else the best overlap with one
        member's context counts. Far-apart values for one thing are rare: they need more shared
        context. Only the CONTEXTS latest contexts are read, which bounds a group of thousands.
        """
        if self.key != _key(a) or (a.kind == "count" and not self.key[1]):
            return -1.0
        value = (a.mention.value, a.mention.value_max, a.mention.hedge)
        for (source, scope), values in self.values.items():
            if (source == a.mention.source or scope != a.scope) and not all(_same_values(value, b) for b in values):
                return -1.0
        close = any(_ratio(a.mention.value, number) <= 1.5 for number in self.numbers)
        best = -1.0
        for context in itertools.islice(reversed(self.contexts), CONTEXTS):
            shared = len(a.context & context)
            score = shared / max(1, min(len(a.context), len(context)))
            if score >= min_overlap and (close or (score >= 2 * min_overlap and shared >= 4)):
                best = max(best, score)
        return best


_Value = tuple[float | None, float | None, str | None]
"""What ``_same_value`` reads of a mention: its value, upper value and hedge."""


def _same_values(a: _Value, b: _Value) -> bool:
    """Tell what ``_same_value`` tells of two mentions with these values, quickly when they are far apart."""
    if a[:2] == b[:2]:
        return True
    if not a[0] or not b[0] or (a[0] < 0) != (b[0] < 0) or max(abs(a[0]), abs(b[0])) > 2 * min(abs(a[0]), abs(b[0])):
        return False  # rounding moves a number by half of itself at most
    return _same_value(FigureMention("", "", "", a[0], a[1], hedge=a[2]), FigureMention("", "", "", b[0], b[1], hedge=b[2]))


CONTEXTS = 64
"""How many of a group's latest distinct contexts a newcomer is compared with (news stories have
a few dozen figures in all, so this only bounds a very long article)."""
GROUPS = 100
"""How many of the latest groups of its kind and unit a mention is compared with (the same bound)."""


def _group(found: list[_Found], *, min_overlap: float) -> list[list[_Found]]:
    """Put each mention with the group whose context it shares most, else start a new group."""
    groups: list[_Group] = []
    by_key: dict[tuple[str, str], list[int]] = {}  # only a group of the mention's key may take it
    for f in found:
        key = _key(f)
        best = max(((groups[i].score(f, min_overlap=min_overlap), -i) for i in by_key.get(key, [])[-GROUPS:]),
                   default=(-1.0, 0))
        if best[0] < 0:
            by_key.setdefault(key, []).append(len(groups))
            groups.append(_Group(f))
        else:
            groups[-best[1]].add(f)
    return [g.members for g in groups]


def _ratio(a: float | None, b: float | None) -> float:
    if a is None or b is None or a == 0 or b == 0 or (a < 0) != (b < 0):
        return math.inf if a != b else 1.0
    return max(a, b) / min(a, b)


def _label(group: list[_Found]) -> str:
    labels = Counter(f.about for f in group if f.about)
    if not labels:
        return group[0].mention.unit or group[0].mention.text
    # The wording most sources share: most often given, then closest to the others' wordings.
    bags = {label: set(label.lower().split()) for label in labels}
    best = max(labels.items(), key=lambda kv: (
        kv[1], sum(len(bags[kv[0]] & bags[o]) * n for o, n in labels.items() if o != kv[0]), len(kv[0]), kv[0]))[0]
    # Borrow a qualifier another source gives ("U.S." troops, "Russian" personnel) when the best lacks one.
    head = best.split()
    for f in group if group[0].kind == "count" else ():
        words = f.about.split()
        if len(words) > 1 and words[-1] == head[0] and words[0][:1].isupper() and words[0] not in head:
            return f"{words[0]} {best}"
    return best


def _rank_key(group: list[_Found], cited: frozenset[str]) -> tuple:
    sources = {f.mention.source for f in group}
    tied = sum(f.mention.sentence in cited for f in group)
    kind_weight = {"money": 4, "count": 3, "percent": 3, "duration": 1, "quantity": 2}[group[0].kind]
    size = max((abs(f.mention.value or 0) for f in group), default=0)
    return (-len(sources), -tied, -kind_weight, -size, min(f.order for f in group))


def extract_figures(sources: Sequence[Source], *, cited: frozenset[str] = frozenset(),
                    min_overlap: float = 0.25) -> tuple[Figure, ...]:
    """Find every figure in the sources, group mentions of the same thing, and rank the groups."""
    found = _mentions(sources)
    groups = _group(found, min_overlap=min_overlap)
    kinds = Counter(_key(g[0]) for g in groups)
    crowded = sorted(k for k, n in kinds.items() if n > GROUPS)
    if crowded:
        counts = Counter(f.mention.source for f in found)
        file = next(s.file for s in sources if s.id == max(counts, key=counts.__getitem__))
        warnings.warn(f"{file}: its story has more than {GROUPS} figures of {' or '.join(' '.join(k).strip() for k in crowded[:3])}; "
                      f"each mention was compared only with the latest {GROUPS} of them", RuntimeWarning, stacklevel=2)
    groups.sort(key=lambda g: _rank_key(g, cited))
    figures = []
    for i, g in enumerate(groups, 1):
        units = Counter(f.mention.unit for f in g if f.mention.unit)
        unit = max(units.items(), key=lambda kv: (kv[1], str(kv[0])))[0] if units else None
        figures.append(Figure(id=f"f{i}", about=_label(g), kind=g[0].kind, unit=unit,
                              mentions=tuple(f.mention for f in sorted(g, key=lambda f: f.order))))
    return tuple(figures)


def _same_value(a: FigureMention, b: FigureMention) -> bool:
    """Tell whether two mentions say the same thing, allowing for a hedged round number ("about 1,000" ~ 1,040)."""
    if a.value == b.value and a.value_max == b.value_max:
        return True
    if a.value is None or b.value is None:
        return False
    for x, y in ((a, b), (b, a)):
        # A bound is not a round number: "at least 40" is not 38 (``_consistent`` reads bounds).
        if x.hedge and x.hedge not in _BOUNDS and x.value and y.value and x.value_max is None:
            digits = _significant(x.value)
            if _round_to(y.value, digits) == x.value:
                return True
    return False


@lru_cache(maxsize=65536)  # a long article compares the same values again and again
def _significant(v: float) -> int:
    text = f"{abs(v):.15g}".replace(".", "").rstrip("0").lstrip("0")
    return max(1, len(text))


@lru_cache(maxsize=65536)
def _round_to(v: float, digits: int) -> float:
    if v == 0:
        return 0.0
    return float(f"{v:.{digits}g}")


def value_text(m: FigureMention) -> str:
    """Write a mention's value plainly, without its hedge: "$100 million", "1,000 troops", "1 year"; a size
    only guessed at keeps the words that guess it ("a few hundred troops", not 300)."""
    if m.value is None:
        return m.text
    if m.hedge in ESTIMATES:
        scale = _SCALE_WORD.get(m.value / ESTIMATES[m.hedge])
        if scale is not None:
            return f"{m.hedge} {scale} {m.unit or ''}".strip()
    if m.value_min is not None and m.value_max is not None and m.value_max != m.value_min:
        number = f"{_plain_number(m.value_min)}–{_plain_number(m.value_max)}"
    else:
        number = _plain_number(m.value)
    unit = m.unit or ""
    if unit in _SYMBOL_OF:
        return f"{'-' if number.startswith('-') else ''}{_SYMBOL_OF[unit]}{number.lstrip('-')}"
    if unit == "%":
        return f"{number}%"
    if unit.endswith("s") and m.value == 1 and m.value_max is None and unit in _DURATION_UNITS:
        unit = "century" if unit == "centuries" else unit[:-1]
    return f"{number} {unit}".strip()


_SCALE_WORD = {size: word for word, size in SCALE_WORDS.items()}  # 100 -> "hundred"
_SYMBOL_OF = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}
_DURATION_UNITS = frozenset(["seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"])


def _plain_number(v: float) -> str:
    """Write a number as news copy does: "110 million", "1.5 billion", "1,000", "2.5"."""
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(v) >= size:
            return f"{_trim(v / size)} {word}"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def _trim(v: float) -> str:
    return f"{v:,.3f}".rstrip("0").rstrip(".")


def figure_discrepancies(figures: Sequence[Figure]) -> tuple[Discrepancy, ...]:
    """List the figures whose sources give values that do not say the same thing."""
    out = []
    for fig in figures:
        variants: list[list[FigureMention]] = []
        for m in fig.mentions:
            for v in variants:
                if _same_value(v[0], m):
                    v.append(m)
                    break
            else:
                variants.append([m])
        # Mentions alike in source, value, upper value and hedge answer alike: compare one of each.
        distinct = list({(m.source, m.value, m.value_max, m.hedge): m for m in fig.mentions}.values())
        if len(variants) < 2 or not any(
                a.source != b.source and not _consistent(a, b) for a in distinct for b in distinct):
            continue
        out.append(Discrepancy(about=fig.about, kind="figure", variants=tuple(
            Variant(value=_variant_text(v), sources=_unique(m.source for m in v),
                    sentences=_unique(m.sentence for m in v)) for v in variants)))
    return tuple(out)


def _consistent(a: FigureMention, b: FigureMention) -> bool:
    """Tell whether two mentions can both be true: the same value, or a bound the other's value keeps."""
    if _same_value(a, b):
        return True
    for bound, other in ((a, b), (b, a)):
        if bound.value is None or other.value is None or other.hedge in _BOUNDS:
            continue  # two bounds are compared as values: "at least 40" and "at least 52" differ
        if bound.hedge in LOWER_BOUNDS and other.value >= bound.value:
            return True  # "at least 40 people" and "52 people"
        if bound.hedge in UPPER_BOUNDS and other.value <= bound.value:
            return True  # "up to 50 people" and "45 people"
    return False


def _variant_text(mentions: list[FigureMention]) -> str:
    texts = Counter(m.text for m in mentions)
    return max(texts.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))

