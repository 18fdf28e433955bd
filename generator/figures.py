"""Key figures: every quantity the sources give, grouped by the thing counted, ranked, and compared.

``find_mentions`` reads one sentence; ``extract_figures`` groups mentions across sources into
``Figure``s; ``figure_discrepancies`` lists figures whose sources give different values.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .model import Discrepancy, Figure, FigureMention, Source, Variant
from .numbers import Number, find_numbers, hedge_before, with_short_scale

# A currency written before a number: "$", "US$", "£", "€", "USD ".
_CUR_BEFORE_RE = re.compile(
    r"(US\$|\$US|A\$|C\$|HK\$|NZ\$|S\$|\$|£|€|¥|₹|₦|\bRs\.?|USD ?|EUR ?|GBP ?|JPY ?|CHF ?|INR ?)(?:\s?)$")
_CUR_SYMBOLS = {"US$": "USD", "$US": "USD", "$": "USD", "Rs": "INR", "Rs.": "INR", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD",
                "S$": "SGD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₦": "NGN"}
# A currency written after a number, maybe with a qualifier: "420 million Finnish markka", "15€".
_CUR_AFTER_RE = re.compile(
    r"\s?(?:(?P<sym>[€£$])|(?P<name>(?:(?:US|[A-Z][a-z]+)\s){0,2}(?:dollars?|pounds sterling|euros?|"
    r"yen|yuan|renminbi|(?:CFA\s)?francs?|markkas?|markka|rupees?|roubles?|rubles?|naira|shillings?|"
    r"rand|pesos?|dinars?|riyals?|dirhams?|lira|lire|kronor|kroner|krona|krone|zloty|cedis?|"
    r"birr|kwacha|rupiah|ringgit|bitcoins?|pence|cents?|dimes?|pennies|penny)\b))"
)
# "pounds" is money after a magnitude ("20 million pounds"), otherwise weight.
_POUNDS_RE = re.compile(r"\s(pounds?)\b")
# A percentage sign or word after a number: "35%", "12 percent", "3 percentage points".
_PERCENT_RE = re.compile(r"\s?(%|percent\b|per cent\b|percentage points?\b|pct\b)", re.IGNORECASE)
# A unit of time after a number, maybe hyphenated: "three-day", "six years", "six weeks'".
_TIME_RE = re.compile(
    r"[\s-](?:more\s|additional\s|extra\s|other\s)?(seconds?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|decades?|centuries|century)\b'?"
    r"(?:\s+(?:ago|later|earlier|after|before)\b)?", re.IGNORECASE)
# The word that makes a time span a point in time: "six years ago", "four months later".
_AGO_RE = re.compile(r"\s+(ago|later|earlier|after|before)\b", re.IGNORECASE)
# A unit of measure after a number: "27-kilometer", "4 km", "10kg", "7.3 MWh", "1 fb−1".
_MEASURE_RE = re.compile(
    r"[\s-]?((?:square|cubic|sq)\s)?(kilomet(?:er|re)s?|met(?:er|re)s?|centimet(?:er|re)s?|"
    r"millimet(?:er|re)s?|nanomet(?:er|re)s?|miles?|feet|foot|inch(?:es)?|yards?|acres?|hectares?|"
    r"kilograms?|grams?|milligrams?|tonnes?|tons?|pounds?|ounces?|lit(?:er|re)s?|gallons?|barrels?|"
    r"cups?|degrees?(?:\s(?:Celsius|Fahrenheit|C|F))?|exabytes?|gigabytes?|terabytes?|megabytes?|"
    r"calories|watts?|megawatts?|gigawatts?|kilowatts?|volts?|"
    r"[kKMGTµmnpcd]?(?:m|g|l|L|W|Wh|Hz|eV|B|b|Gy|J|Js|V|A|s|t)(?:\^?[23−-]?\d?|/\w+)?"
    r"|km2|km/h|mph|kph|mi|lbs?|oz|°[CF]|tbsp|tsp|tpd|cds|fb\S*|hrs|ft|ml|cl|dl|Ga|Ma)"
    r"(?![\w])(?:\s(?:cubed|squared))?"
)
# "a" or "an" standing for one unit of time: "nearly a decade", "a year ago", "a day after".
_A_TIME_RE = re.compile(
    r"(?:\b(?P<hedge>about|around|nearly|almost|more than|over|less than|under|just over|roughly|"
    r"some|at least|close to)\s+)?\b(?P<a>an?)\s+(?P<unit>decade|year|month|week|day|century|fortnight)\b"
    r"(?P<when>(?=\s+(?:ago|later|earlier|after|before)\b))?", re.IGNORECASE)
# A count written as a compound adjective: "300-member", "12-person".
_COMPOUND_RE = re.compile(r"-([a-z]{3,})\b(?!-)")
# A photo caption's counter: "1 of 6.", "Image 3 of 10", "1 of 26 Full Screen".
_CAPTION_RE = re.compile(r"\s*(?:[A-Za-z]+\s)?\d+\s+of\s+\d+(?:\W*$|\s+[A-Z])")
# A phone number: "(818) 374-1925", "202-555-0143", "+44 20 7946 0958".
_PHONE_RE = re.compile(r"\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\+\d[\d\s()-]{7,}\d")
# Letters glued to a number that make it a name or an ordinal: "21st", "1960s", "860BOX".
_GLUED_RE = re.compile(r"[A-Za-z]")
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
           "july|august|september|october|november|december")
# A month name next to a number makes it a date: "July 26", "26 July", "March 2024".
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS})\.?,?\s+(?:of\s+)?$", re.IGNORECASE)
_MONTH_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
# A clock time: "2 pm", "2.17pm", "10:30".
_TIME_OF_DAY_RE = re.compile(r"\s?(?:[ap]\.?m\.?(?!\w)|:\d\d)", re.IGNORECASE)
# An age: "45-year-old", "aged 45", or ", 63," after a name.
_AGE_AFTER_RE = re.compile(r"-?\s?years?[- ]old\b", re.IGNORECASE)
_AGE_BEFORE_RE = re.compile(r"(?:\baged\s|\bages? of\s|\b[A-Z][a-z]+,\s)$")
# A name or label that ends in a number: "Voyager 2", "English 101", "Article 5", "No. 5", "#3".
_LABEL_BEFORE_RE = re.compile(r"(?:(?<=[^\s.!?\"“])\s|[\w-]*\d[\w-]*\s|No\.\s?|#)$")
_CAPITALISED_RE = re.compile(r"(?:\b[A-Z][\w'’]*|\b[a-z]+[A-Z0-9]\w*)\s$")
# "one" used as a pronoun: "one of", "the one who".
_PRONOUN_ONE_RE = re.compile(r"\s+(?:of|another|who|that|which|'s|’s)\b|[.,;:!?]", re.IGNORECASE)
_PRONOUN_BEFORE_RE = re.compile(r"\b(?:the|this|that|no|any|every|each|which|some|other|another|only|for)\s+$",
                                re.IGNORECASE)
# A word: letters with inner dots or hyphens ("U.S.", "anti-jihadist").
_WORD_RE = re.compile(r"[A-Za-z](?:[A-Za-z'’]|\.(?=[A-Za-z])|-(?=[A-Za-z]))*\.?")
# Function words: they end a noun phrase and carry no context.
_STOP = frozenset((
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "that", "which", "who",
    "whom", "whose", "this", "these", "those", "it", "its", "it's", "they", "them", "their", "there",
    "here", "he", "she", "his", "her", "we", "our", "you", "your", "i", "me", "my", "not", "no",
    "than", "then", "so", "such", "while", "when", "where", "after", "before", "since", "during",
    "until", "about", "around", "over", "under", "into", "onto", "out", "up", "down", "off", "only",
    "just", "also", "still", "even", "more", "most", "less", "least", "some", "any", "each", "every",
    "all", "both", "per", "said", "says", "say", "told", "according", "including", "like", "via",
    "near", "across", "along", "against", "among", "within", "without", "behind", "beyond", "inside",
    "outside", "toward", "towards", "through", "throughout", "despite", "amid", "ago", "later",
    "earlier", "if", "because",
))
# A plural noun: "troops", "protesters" (not "news", "status", "gas", "class").
_PLURAL_RE = re.compile(r"^(?!news$)[a-z][a-z'-]+[^suiao's]s$")
_IRREGULAR_PLURALS = frozenset(("people", "children", "men", "women", "personnel", "police", "staff", "cattle"))
_MORE = frozenset(["more", "other", "additional", "new", "extra", "fewer"])
_PREPOSITIONS = frozenset(["to", "in", "for", "of", "on", "at", "by", "with", "from", "as", "into", "than"])
_HEDGE_WORDS = frozenset(["about", "around", "some", "roughly", "approximately", "nearly", "almost", "over", "under", "estimated"])
_COST_WORDS = frozenset(["cost", "costs", "costing", "built", "constructed", "spent", "paid", "bought", "worth", "priced", "valued"])
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


def find_mentions(text: str) -> list[tuple[Number, str, str | None, str]]:
    """Find the figures in one sentence: (number, kind, unit, surface text), calendar years and labels left out.

    The surface text starts at the number's ``begin`` (its hedge or currency) when set, else at ``start``.
    """
    if _CAPTION_RE.match(text):
        return []
    out = []
    for n in find_numbers(text):
        found = _classify(text, n)
        if found is not None:
            out.append(found)
    for m in _A_TIME_RE.finditer(text):
        if m.group("hedge") or m.group("when") is not None:
            hedge = (m.group("hedge") or "").lower() or None
            n = Number(m.start("a"), m.end("a"), 1.0, hedge=hedge, words=True, begin=m.start())
            ago = _AGO_RE.match(text, m.end("unit"))
            out.append((n, "duration", _duration_unit(m.group("unit")), text[m.start():ago.end() if ago else m.end("unit")]))
    return sorted(out, key=lambda f: f[0].start)


def _classify(text: str, n: Number) -> tuple[Number, str, str | None, str] | None:
    before, after = text[: n.start], text[n.end:]
    start = n.start
    cur = _CUR_BEFORE_RE.search(before)
    if cur:
        n = with_short_scale(text, n)
        after, start = text[n.end:], cur.start()
        hedge = hedge_before(text, start)
        if hedge and n.hedge is None:
            n = replace(n, hedge=hedge.group(1).lower(), begin=hedge.start(1))
        code = _CUR_SYMBOLS.get(cur.group(1).strip(), cur.group(1).strip())
        n = replace(n, begin=min(start, _begin(n)))
        return n, "money", code, text[_begin(n):n.end]
    if _skip(text, n, before, after):
        return None
    m = _CUR_AFTER_RE.match(after)
    if m:
        unit = {"€": "EUR", "£": "GBP", "$": "USD"}.get(m.group("sym") or "") or _currency_name(m.group("name"))
        return n, "money", unit, text[_begin(n):n.end + m.end()]
    pounds = _POUNDS_RE.match(after)
    if pounds and n.scale:
        return n, "money", "GBP", text[_begin(n):n.end + pounds.end()]
    for pattern, kind in ((_PERCENT_RE, "percent"), (_TIME_RE, "duration"), (_MEASURE_RE, "quantity")):
        m = pattern.match(after)
        if m:
            unit = "%" if kind == "percent" else _duration_unit(m.group(1)) if kind == "duration" \
                else _unit_name(m.group().strip(" -'"))
            return n, kind, unit, text[_begin(n):n.end + m.end()]
    if _GLUED_RE.match(after):
        return None
    compound = _COMPOUND_RE.match(after)
    if compound:  # "a 300-member coalition", "a 12-person task force", "a million-dollar check"
        money = _currency_name(compound.group(1)) if _CUR_AFTER_RE.fullmatch(" " + compound.group(1)) else None
        return n, "money" if money else "count", money or compound.group(1), text[_begin(n):n.end + compound.end()]
    head = _noun_chunk(after)
    surface = text[_begin(n):n.end + _chunk_end(after, head)]
    return n, "count", head[-1] if head else None, surface


def _begin(n: Number) -> int:
    return n.start if n.begin is None else n.begin


def _skip(text: str, n: Number, before: str, after: str) -> bool:
    """Tell whether a number is a year, date, time, age, ordinal, label or pronoun rather than a figure."""
    whole = not n.scale and float(n.value).is_integer() and (n.value_max is None or float(n.value_max).is_integer())
    digits = whole and not n.words
    plain_int = digits and n.value_max is None
    raw = text[n.start:n.end]
    return any((
        digits and _is_year(n, raw, after),
        _MONTH_BEFORE_RE.search(before) or (plain_int and _MONTH_AFTER_RE.match(after)),
        re.search(r"\d{4}[-–/]$", before) or re.match(r"(?:st|nd|rd|th|s)\b", after),  # "2013-14", "21st"
        digits and _TIME_OF_DAY_RE.match(after) or re.fullmatch(r"\d{1,2}\.\d\d", raw) and _TIME_OF_DAY_RE.match(after),
        _AGE_AFTER_RE.match(after) or (whole and _AGE_BEFORE_RE.search(before)
                                       and (after[:1] in ",).;" or re.search(r"(?:of|aged) $", before))),
        plain_int and not n.hedge and _LABEL_BEFORE_RE.search(before) and _CAPITALISED_RE.search(before)
        and not (_TIME_RE.match(after) or _MEASURE_RE.match(after) or _PERCENT_RE.match(after)),
        n.words and raw[:1].isupper() and re.search(r"\b[A-Z]\w*\s$", before),  # "Xbox One"
        re.search(r"(?:\+|\+/-|±)\s?$", before) or re.fullmatch(r"\d{8,}", raw) or _in_phone_number(text, n),
        re.match(r"\s*$", before) and re.match(r"[.)]\s", after),  # list numbering: "1. ", "2) "
        re.search(r"\b(?:number|No\.|#)\s?$", before, re.IGNORECASE),  # "number two", "No. 5"
        before.endswith("(") and after.startswith(")"),  # a reference "(3)" or a restated "thirteen (13)"
        re.match(r"\([a-z0-9]{1,3}\)|:\d", after),  # "clause 11(g)", "Section 3.1(d)", a ratio "2.35:1"
        plain_int and after.startswith(")") and "(" not in before[-12:],  # inline list: "1) raise concerns"
        re.match(r"\s+block\b", after) or re.match(r"-to-", after) or before.endswith("-to-"),
        n.words and raw.lower() in ("one", "zero")
        and (_PRONOUN_ONE_RE.match(after) or _PRONOUN_BEFORE_RE.search(before)),
    ))


def _is_year(n: Number, raw: str, after: str) -> bool:
    """Tell whether digits are a calendar year ("in 2023", "2014-2015"), not a count ("about 1500 troops")."""
    ends = (n.value,) if n.value_max is None else (n.value, n.value_max)
    if "," in raw or not all(1000 <= v <= 2100 for v in ends) or _PERCENT_RE.match(after) or _CUR_AFTER_RE.match(after):
        return False
    counted = _noun_chunk(after)
    return not (n.hedge and counted and _is_plural(counted[-1]))


def _in_phone_number(text: str, n: Number) -> bool:
    return any(m.start() <= n.start < m.end() for m in _PHONE_RE.finditer(text))


def _currency_name(name: str) -> str:
    words = name.split()
    last = words[-1].lower()
    if last.startswith("dollar") and len(words) == 1 or words[:2] == ["US", "dollars"]:
        return "USD"
    if last.startswith("euro"):
        return "EUR"
    if last == "sterling" or (last.startswith("pound") and len(words) == 1):
        return "GBP"
    return " ".join(words)


def _duration_unit(unit: str) -> str:
    """Name a unit of time in the plural: "day" -> "days", "hrs" -> "hours", "century" -> "centuries"."""
    low = unit.lower().rstrip("'")
    low = {"hr": "hour", "hrs": "hour", "centuries": "century"}.get(low, low).rstrip("s")
    return "centuries" if low == "century" else low + "s"


def _unit_name(unit: str) -> str:
    return re.sub(r"\s+", " ", unit)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _noun_chunk(after: str) -> list[str]:
    """The words a count counts: up to four words after the number, up to a function word or verb."""
    out: list[str] = []
    for i, m in enumerate(re.finditer(r"\S+", after)):
        token = m.group()
        word = _WORD_RE.match(token)
        w = word.group() if word else ""
        if i == 0 and w.lower() in _MORE:
            continue  # "30,000 more troops": count the troops
        if not word or w.lower().rstrip(".") in _STOP or len(out) == 4 or re.search(r"n[’']t$", w):
            break
        if out and w[0].isupper() and out[-1][0].islower():
            break  # "three term Texas Governor": a name starts after the counted thing
        if out and w[0].islower() and _is_plural(out[-1]) and not _is_plural(w):
            break  # "100 Occupy protesters sat": the plural noun was the head
        if out and re.search(r"(?:ed|ing|ly)$", w) and w[0].islower():
            break
        out.append(w.rstrip(".") if not re.fullmatch(r"(?:[A-Z]\.)+", w) else w)
        if word.end() < len(token):
            break  # punctuation ends the chunk
    return out


def _is_plural(word: str) -> bool:
    return bool(_PLURAL_RE.search(word)) or word.lower() in _IRREGULAR_PLURALS


def _chunk_end(after: str, chunk: list[str]) -> int:
    pos = 0
    for w in chunk:
        pos = after.index(w, pos) + len(w)
    return pos


def _prep_phrase(after: str) -> str:
    """A place or owner right after the counted thing: "in Niger", "from the Africa Corps"."""
    m = re.match(r"\s+(in|at|from|of|for)\s+((?:the\s+)?(?:[A-Z][\w'’-]*\s?){1,3})", after)
    return f"{m.group(1)} {m.group(2).strip()}" if m else ""


def _back_phrase(before: str) -> tuple[list[str], bool]:
    """The noun phrase a number refers back to ("a desert drone base built at a cost of") and whether it is a cost."""
    words = _words(re.split(r"[,;:()\[\]—–]|\s-\s", before.rstrip(" ,;:—–("))[-1])
    cost = False
    while words and (words[-1].lower() in _STOP or words[-1].lower() in _COST_WORDS
                     or words[-1].lower() in _HEDGE_WORDS):
        cost = cost or words[-1].lower() in _BUILD_WORDS
        words.pop()
    phrase: list[str] = []
    while words and words[-1].lower() not in _STOP and len(phrase) < 3:
        phrase.insert(0, words.pop())
    return phrase, cost


def _about(text: str, n: Number, kind: str, surface_end: int) -> str:
    """Say in a few words of the sentence what a figure is about ("troops in Niger", "cost of the base")."""
    after = text[surface_end:]
    if kind == "count":
        compound = _COMPOUND_RE.match(text, n.end)
        chunk = _noun_chunk(text[compound.end():] if compound else text[n.end:])
        if compound:
            return " ".join(chunk) or compound.group(1)  # "a 225-page report": the report
        if chunk:
            return " ".join([*chunk, _prep_phrase(text[n.end + _chunk_end(text[n.end:], chunk):])]).strip()
    if kind == "duration":
        return _duration_about(text, n, surface_end)
    follow = _noun_chunk(after) if kind in ("money", "quantity") else []
    if follow and not re.match(r"\s*[,.;:]", after):
        return " ".join([*follow, _prep_phrase(after[_chunk_end(after, follow):])]).strip()
    of = re.match(r"\s+(?:of|in|for|on)\s+(?:the\s+|a\s+|an\s+)?" if kind == "money" else r"\s+of\s+(?:the\s+)?",
                  after)
    if of and kind in ("money", "percent") and _noun_chunk(after[of.end():]):
        return " ".join(_noun_chunk(after[of.end():]))  # "$60 billion in infrastructure spending"
    phrase, cost = _back_phrase(text[:_begin(n)])
    if not phrase:
        return ""
    return ("cost of the " if kind == "money" and cost else "") + " ".join(phrase)


def _duration_about(text: str, n: Number, surface_end: int) -> str:
    after = text[surface_end:]
    when = re.search(r"(ago|later|earlier|after|before)$", text[:surface_end], re.IGNORECASE)
    follow = _noun_chunk(after)
    if not when and follow and re.match(r"-", text[n.end:]):
        return "length of the " + " ".join(follow)  # "a three-day visit"
    if when:
        clause = _clause_words(after.lstrip(" ,"))[:7]
        while clause and clause[-1].lower() in _STOP:
            clause.pop()
        if clause and clause[0].lower() not in _PREPOSITIONS:
            word = when.group(1).lower()
            return " ".join(([word] if word in ("after", "before") else []) + clause)
    words = _clause_words(text[:_begin(n)], last=True)
    while words and words[-1].lower() in _STOP:
        words.pop()
    return " ".join(words[-6:])


def _clause_words(text: str, *, last: bool = False) -> list[str]:
    """The words of the first (or last) clause of ``text``, up to a comma, colon, dash or bracket."""
    parts = re.split(r"[;:()\[\]—–]|,\s|\s-\s|[.!?](?:\s|$)", text)
    return (parts[-1] if last else parts[0]).split()


def _content(text: str) -> set[str]:
    """Lower-cased content words, singular, "U.S." folded into "us"."""
    out = set()
    for w in _words(text):
        low = w.lower().replace(".", "")
        if low in _STOP or len(low) < 2:
            continue
        out.add(low[:-1] if low.endswith("s") and len(low) > 3 else low)
    return out


def _context(text: str, n: Number, *, window: int = 60) -> frozenset[str]:
    left = text[max(0, n.start - window * 2):n.start]
    right = text[n.end:n.end + window * 2]
    left_words = _words(left)[-window // 5:]
    right_words = _words(right)[:window // 5]
    return frozenset(_content(" ".join(left_words + right_words)))


def _mentions(sources: Sequence[Source]) -> list[_Found]:
    out = []
    for si, source in enumerate(sources):
        for ti, sentence in enumerate(source.sentences):
            for n, kind, unit, surface in find_mentions(sentence.text):
                start = _begin(n)
                mention = FigureMention(source=source.id, sentence=sentence.id, text=surface,
                                        value=_midpoint(n), value_min=n.value if n.value_max is not None else None,
                                        value_max=n.value_max, hedge=n.hedge, unit=unit)
                about = _about(sentence.text, n, kind, start + len(surface))
                out.append(_Found(mention, kind, about, _context(sentence.text, n), (si, ti, n.start)))
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


def _score(a: _Found, group: list[_Found], *, min_overlap: float) -> float:
    """Score how surely a mention belongs to a group: context overlap, or -1 when it cannot belong."""
    if _key(group[0]) != _key(a) or (a.kind == "count" and not _key(a)[1]):
        return -1.0
    close = _close_to_group(a, group)
    best = -1.0
    for b in group:
        if a.mention.source == b.mention.source and not _same_value(a.mention, b.mention):
            return -1.0
        shared = len(a.context & b.context)
        score = shared / max(1, min(len(a.context), len(b.context)))
        # Far-apart values for one thing are rare: ask for more shared context before merging them.
        if score >= min_overlap and (close or (score >= 2 * min_overlap and shared >= 4)):
            best = max(best, score)
    return best


def _group(found: list[_Found], *, min_overlap: float) -> list[list[_Found]]:
    """Put each mention with the group whose context it shares most, else start a new group."""
    groups: list[list[_Found]] = []
    for f in found:
        scores = [(_score(f, g, min_overlap=min_overlap), -i) for i, g in enumerate(groups)]
        best = max(scores, default=(-1.0, 0))
        if best[0] < 0:
            groups.append([f])
        else:
            groups[-best[1]].append(f)
    return groups


def _close_to_group(f: _Found, group: list[_Found]) -> bool:
    return any(_ratio(f.mention.value, g.mention.value) <= 1.5 for g in group)


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
    groups = _group(_mentions(sources), min_overlap=min_overlap)
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
        if x.hedge and x.value and y.value and x.value_max is None:
            digits = _significant(x.value)
            if _round_to(y.value, digits) == x.value:
                return True
    return False


def _significant(v: float) -> int:
    text = f"{abs(v):.15g}".replace(".", "").rstrip("0").lstrip("0")
    return max(1, len(text))


def _round_to(v: float, digits: int) -> float:
    if v == 0:
        return 0.0
    return float(f"{v:.{digits}g}")


def value_text(m: FigureMention) -> str:
    """Write a mention's value plainly, without its hedge: "$100 million", "1,000 troops", "1 year"."""
    if m.value is None:
        return m.text
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
        if len(variants) < 2 or len({m.source for m in fig.mentions}) < 2:
            continue
        out.append(Discrepancy(about=fig.about, kind="figure", variants=tuple(
            Variant(value=_variant_text(v), sources=_unique(m.source for m in v),
                    sentences=_unique(m.sentence for m in v)) for v in variants)))
    return tuple(out)


def _variant_text(mentions: list[FigureMention]) -> str:
    texts = Counter(m.text for m in mentions)
    return max(texts.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
