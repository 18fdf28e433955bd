"""Read one sentence for figures: which numbers are quantities, what kind, in what unit, with what words.

``numbers`` finds the numerals; this module decides which are figures (not years, dates, ages, labels)
and what they measure (money, count, percent, duration, quantity). ``figures`` groups them across sources.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..english.lexicon import MONTH_ABBREVIATIONS, MONTHS, TIME_RELATIONS, alternation
from ..english.numbers import Number, find_numbers, hedge_before, with_short_scale
from ..english.text import STOP_WORDS as TEXT_STOP_WORDS, TIME_RELATION_AFTER

Mention = tuple[Number, str, str | None, str]
"""A figure in a sentence: the number, its kind (money, count, percent, duration, quantity), unit, surface text."""

# A currency written before a number: "$", "US$", "US $", "HK$", "£", "€", "R$", "USD ".
_CUR_BEFORE_RE = re.compile(
    r"((?:\b(?:US|U\.S\.|HK|hk|NZ)\s?|\b(?:us|[ACSR]))?\$(?:US)?|£|€|¥|₹|₦|₩|₽|₺|₴|\bRs\.?|"
    r"\bK?Sh|\b(?:USD|EUR|GBP|JPY|CHF|INR|CNY|CAD|AUD|KES) ?)(?:\s?)$")
# Currency codes by symbol, written without spaces or dots ("U.S. $" -> "US$").
_CUR_SYMBOLS = {
    "$": "USD", "US$": "USD", "$US": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD",
    "R$": "BRL", "RS": "INR", "KSH": "KES", "SH": "KES", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
    "₦": "NGN", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₴": "UAH", "₡": "CRC", "₾": "GEL", "₭": "LAK", "元": "CNY",
}
# A currency written after a number, maybe with a qualifier: "420 million Finnish markka", "15€".
_CUR_AFTER_RE = re.compile(
    r"\s?(?:(?P<sym>[€£$¥₹₦₩₽₺₴₡₾₭元])|(?P<name>(?:(?:US|[A-Z][a-z]+)\s){0,2}(?:dollars?|pounds sterling|euros?|"
    r"yen|yuan|renminbi|(?:CFA\s)?francs?|markkas?|markka|rupees?|roubles?|rubles?|naira|shillings?|"
    r"rand|pesos?|dinars?|riyals?|dirhams?|lira|lire|kronor|kroner|krona|krone|zloty|cedis?|"
    r"birr|kwacha|rupiah|ringgit|bitcoins?|RMB|rmb|guilders?|pesetas?|pence|cents?|dimes?|pennies|penny)\b))"
)
# "pounds" and "won" are money after a magnitude ("20 million pounds", "1.2 trillion won"), else a
# weight or a verb.
_POUNDS_RE = re.compile(r"\s(pounds?|won)\b")
# Pence glued to the number, as British copy writes prices: "50p", "a 99p sandwich".
_PENCE_RE = re.compile(r"p(?!\w|\.[a-z])")
# A percentage sign or word after a number: "35%", "12 percent", "3 percentage points", "3.5pc".
_PERCENT_RE = re.compile(r"\s?(%|percent\b|per cent\b|percentage points?\b|pct\b|(?-i:pc)\b)", re.IGNORECASE)
# The words after a span of time that make it a point in time: "ago", "later".
_RELATION = alternation(TIME_RELATIONS)
# A unit of time after a number, maybe hyphenated: "three-day", "six years", "six weeks'".
_TIME_RE = re.compile(
    r"[\s-](?:more\s|additional\s|extra\s|other\s)?(seconds?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|decades?|centuries|century)\b'?"
    rf"(?:\s+{_RELATION}\b)?", re.IGNORECASE)
# A unit of measure after a number: "27-kilometer", "4 km", "10kg", "7.3 MWh", "1 fb−1".
_MEASURE_RE = re.compile(
    r"[\s-]?((?:square|cubic|sq)\s)?(kilomet(?:er|re)s?|met(?:er|re)s?|centimet(?:er|re)s?|"
    r"millimet(?:er|re)s?|nanomet(?:er|re)s?|miles?|feet|foot|inch(?:es)?|yards?|acres?|hectares?|"
    r"kilograms?|grams?|milligrams?|tonnes?|tons?|pounds?|ounces?|lit(?:er|re)s?|gallons?|barrels?|"
    r"cups?|(?:degrees?|deg\.?)(?:\s(?:[Cc]el[sc]ius|[Ff]ahrenheit|[Ff]arenheit|[Cc]entigrade|[CFcf]\b))?|"
    r"[Cc]el[sc]ius|[Ff]ahrenheit|[Cc]entigrade|(?:kilo|mega|giga|tera|peta|exa|kibi|mebi|gibi)?(?:bytes?|bits?)|"
    r"calories|watts?|megawatts?|gigawatts?|kilowatts?|volts?|knots|"
    r"[kKMGTµmnpcd]?(?:m|g|l|L|W|Wh|Hz|eV|B|b|Gy|J|Js|V|A|s|t)(?:\^?[23−-]?\d?|/\w+)?"
    r"|km2|km/h|mph|kph|mi|lbs?|oz|°[CF]?|tbsp|tsp|tpd|cds|fb\S*|hrs|ft|ml|cl|dl|Ga|Ma)"
    r"(?![\w])(?:\s(?:cubed|squared))?"
)
# "a" or "an" standing for one unit of time: "nearly a decade", "a year ago", "a day after".
_A_TIME_RE = re.compile(
    r"(?:\b(?P<hedge>about|around|nearly|almost|more than|over|less than|under|just over|roughly|"
    r"some|at least|close to)\s+)?\b(?P<a>an?)\s+(?P<unit>decade|year|month|week|day|century|fortnight)\b"
    rf"(?P<when>(?=\s+{_RELATION}\b))?", re.IGNORECASE)
# "a" or "an" standing for one unit of measure or money, then a word that ends the amount: "a gallon of beer",
# "a penny!", "a mile away", "A kibibyte is"; not "a dollar amount", "a euro zone", "$80 a barrel".
_A_UNIT_RE = re.compile(
    r"\b(?P<a>an?)\s+(?P<unit>gallon|lit(?:re|er)|mile|kilomet(?:re|er)|met(?:re|er)|acre|hectare|kilogram|"
    r"gram|tonne|ounce|barrel|(?:kilo|mega|giga|tera|kibi|mebi|gibi|tebi)?byte|dollar|euro|penny|cent)"
    r"(?=\s+(?:of|a|an|per|is|was|for|each|apiece|or|and|to|in|at|more|less|away|long|wide|high|deep|tall)\b"
    r"|\s*[.,;:!?)]|\s*$)", re.IGNORECASE)
# An amount just before "a"/"an" makes it a rate ("$80 a barrel", "64 cents a dozen"); a fraction makes it
# part of another amount ("half a mile").
_AMOUNT_BEFORE_RE = re.compile(
    r"(?:\d\S*|cents?|pence|dollars?|euros?|pounds?|yen|percent|%|half|quarters?|thirds?)\s*$", re.IGNORECASE)
# A negation a few words before "a penny" makes it an idiom for none: "won't have a penny", "not a dollar".
_NEGATED_RE = re.compile(r"\b(?:not|never|no|without|n[’']t)\b(?:\s+\w+){0,2}\s+$|n[’']t(?:\s+\w+){0,2}\s+$",
                         re.IGNORECASE)
# The currency that "a dollar", "a penny" stands for.
_A_MONEY = {"dollar": "USD", "euro": "EUR", "penny": "penny", "cent": "cent"}
# An amount in parentheses where a value is due is negative, as accounts write it: "revenue was ($99.99)".
_ACCOUNTS_BEFORE_RE = re.compile(r"\b(?:is|was|were|are|be|been|of|at|totall?ed|totall?ing|reached)\s*\($|:\s*\($")
# Cents after dollars make one amount: "3 dollars 50 cents", "thirteen dollars and forty-five cents".
_CENTS_GAP_RE = re.compile(r"\s+(?:and\s+)?")
# Money as the first part of a compound adjective: "25-cent-a-share", "one-yen", "million-dollar".
_COMPOUND_MONEY_RE = re.compile(r"-(cents?|dollars?|pence|penny|euros?|yen|pounds?)\b")
# Words that make "one-" an adjective: "one-off", "one-time", "one-way", "one-sided".
_ONE_OFF = frozenset(["off", "time", "way", "sided", "shot", "stop", "size", "liner", "on"])
# A count written as a compound adjective: "300-member", "12-person".
COMPOUND_RE = re.compile(r"-([a-z]{3,})\b(?!-)")
# A photo caption's counter: "1 of 6.", "Image 3 of 10", "1 of 26 Full Screen".
_CAPTION_RE = re.compile(r"\s*(?:[A-Za-z]+\s)?\d+\s+of\s+\d+(?:\W*$|\s+[A-Z])")
# A phone number: "(818) 374-1925", "202-555-0143", "+44 20 7946 0958".
_PHONE_RE = re.compile(r"\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\+\d[\d\s()-]{7,}\d")
# A short magnitude before the plural noun it counts: "10k followers", "0.5k miles", "2bn users", "1.5 mln
# barrels" (not "a 5k run"; not "m", which is as often metres: "10m waves").
_SHORT_COUNT_RE = re.compile(r"(?:[kK]|bn|tn|\s?mln|\s?mn)\s+([a-z]+)\b")
# Degrees glued to a number, as British copy writes temperatures: "-10C", "35C", "95F".
_GLUED_DEGREES_RE = re.compile(r"([CF])(?![\w'’])")
# Letters glued to a number that make it a name or an ordinal: "21st", "1960s", "860BOX".
_GLUED_RE = re.compile(r"[A-Za-z]")
_MONTHS = alternation([*MONTHS, *MONTH_ABBREVIATIONS])
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
# Words a counted thing is not: function words, reporting verbs and "ago", "later", "earlier".
STOP_WORDS = TEXT_STOP_WORDS | frozenset(TIME_RELATIONS)
# A plural noun: "troops", "protesters" (not "news", "status", "gas", "class").
_PLURAL_RE = re.compile(r"^(?!news$)[a-z][a-z'-]+[^suiao's]s$")
_IRREGULAR_PLURALS = frozenset(("people", "children", "men", "women", "personnel", "police", "staff", "cattle"))
_MORE = frozenset(["more", "other", "additional", "new", "extra", "fewer"])
# A word before a figure that adds it to others or sets it apart from them: "another 300 troops",
# "a further $5 billion", "an extra day", "the other two cases".
_PART_BEFORE_RE = re.compile(r"\b(?:another|other|(?:an?\s+)?(?:further|additional|extra))\s+$", re.IGNORECASE)
# Words before a figure that make it the whole: "a total of 300", "In all, 300 troops".
_TOTAL_BEFORE_RE = re.compile(
    r"\b(?:(?:a\s+)?total\s+of|(?:in\s+all|in\s+total|all\s+told|altogether|overall),?)\s+$", re.IGNORECASE)
# Words after a figure that make it the whole: "three cases in all", "300 troops, in total".
_TOTAL_AFTER_RE = re.compile(r",?\s+(?:in\s+all|in\s+total|all\s+told|altogether)\b", re.IGNORECASE)


def find_mentions(text: str) -> list[Mention]:
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
    for m in _A_UNIT_RE.finditer(text):
        if not _AMOUNT_BEFORE_RE.search(text, 0, m.start()) and not _NEGATED_RE.search(text, 0, m.start()):
            unit = m.group("unit").lower()
            n = Number(m.start("a"), m.end("a"), 1.0, words=True)
            kind = "money" if unit in _A_MONEY else "quantity"
            out.append((n, kind, _A_MONEY.get(unit, unit), text[m.start():m.end()]))
    for m in _A_TIME_RE.finditer(text):
        if m.group("hedge") or m.group("when") is not None:
            hedge = (m.group("hedge") or "").lower() or None
            n = Number(m.start("a"), m.end("a"), 1.0, hedge=hedge, words=True, begin=m.start())
            ago = TIME_RELATION_AFTER.match(text, m.end("unit"))
            out.append((n, "duration", _duration_unit(m.group("unit")), text[m.start():ago.end() if ago else m.end("unit")]))
    return _with_cents(text, sorted(out, key=lambda f: f[0].start))


def _with_cents(text: str, found: list[Mention]) -> list[Mention]:
    """Join "3 dollars" and "50 cents" that follow each other into one amount, 3.5 dollars."""
    out: list[Mention] = []
    for n, kind, unit, surface in found:
        if out and kind == "money" and unit in ("cents", "cent", "pence") and n.value_max is None and n.value < 100:
            m, m_kind, m_unit, m_surface = out[-1]
            if m_kind == "money" and m_unit in ("USD", "EUR", "GBP") and m.value_max is None \
                    and _CENTS_GAP_RE.fullmatch(text, surface_begin(m) + len(m_surface), surface_begin(n)):
                whole = replace(m, end=n.end, value=m.value + n.value / 100)
                out[-1] = (whole, m_kind, m_unit, text[surface_begin(m):surface_begin(n) + len(surface)])
                continue
        out.append((n, kind, unit, surface))
    return out


def _classify(text: str, n: Number) -> Mention | None:
    """Say what one number is (money, percent, duration, quantity, count), or None when it is no figure."""
    before, after = text[: n.start], text[n.end:]
    start = n.start
    cur = _CUR_BEFORE_RE.search(before)
    if cur:
        n = with_short_scale(text, n)
        after, start = text[n.end:], cur.start()
        hedge = hedge_before(text, start)
        if hedge and n.hedge is None:
            n = replace(n, hedge=hedge.group(1).lower(), begin=min(hedge.start(1), surface_begin(n)))
        code = _currency_code(cur.group(1))
        n = replace(n, begin=min(start, surface_begin(n)))
        if _ACCOUNTS_BEFORE_RE.search(text, 0, surface_begin(n)) and text.startswith(")", n.end):
            n = replace(n, value=-n.value, value_max=None if n.value_max is None else -n.value_max,
                        begin=surface_begin(n) - 1, end=n.end + 1)  # "($99.99)": the brackets are the sign
        return n, "money", code, text[surface_begin(n):n.end]
    short = _SHORT_COUNT_RE.match(after)
    if short and not n.scale and not n.words and is_plural(short.group(1)):
        n = with_short_scale(text, n)
        after = text[n.end:]
    if _skip(text, n, before, after):
        return None
    m = _CUR_AFTER_RE.match(after)
    if m:
        unit = _currency_code(m.group("sym")) if m.group("sym") else _currency_name(m.group("name"))
        return n, "money", unit, text[surface_begin(n):n.end + m.end()]
    pounds = _POUNDS_RE.match(after)
    if pounds and n.scale:
        code = "KRW" if pounds.group(1) == "won" else "GBP"
        return n, "money", code, text[surface_begin(n):n.end + pounds.end()]
    pence = _PENCE_RE.match(after)
    if pence and not n.words:
        return n, "money", "pence", text[surface_begin(n):n.end + pence.end()]
    for pattern, kind in ((_PERCENT_RE, "percent"), (_TIME_RE, "duration"), (_MEASURE_RE, "quantity")):
        m = pattern.match(after)
        if m:
            unit = "%" if kind == "percent" else _duration_unit(m.group(1)) if kind == "duration" \
                else _unit_name(m.group().strip(" -'"))
            return n, kind, unit, text[surface_begin(n):n.end + m.end()]
    temperature = _GLUED_DEGREES_RE.match(after)
    if temperature:
        return n, "quantity", f"°{temperature.group(1)}", text[surface_begin(n):n.end + temperature.end()]
    if _GLUED_RE.match(after):
        return None
    cash = _COMPOUND_MONEY_RE.match(after)
    if cash:  # "a 25-cent-a-share dividend", "a one-yen bid"
        return n, "money", _currency_name(cash.group(1)), text[surface_begin(n):n.end + cash.end()]
    compound = COMPOUND_RE.match(after)
    if compound and n.words and n.value == 1 and compound.group(1) in _ONE_OFF:
        return None  # "a one-off payment", "a one-time fee": an adjective, not a count
    if compound:  # "a 300-member coalition", "a 12-person task force", "a million-dollar check"
        money = _currency_name(compound.group(1)) if _CUR_AFTER_RE.fullmatch(" " + compound.group(1)) else None
        return n, "money" if money else "count", money or compound.group(1), text[surface_begin(n):n.end + compound.end()]
    head = noun_chunk(after)
    surface = text[surface_begin(n):n.end + chunk_end(after, head)]
    return n, "count", head[-1] if head else None, surface


def qualifier(text: str, n: Number, surface: str) -> str:
    """Say which part of a whole a figure gives: "total" (in all), a word for a part (other, more, new) or ""."""
    begin = surface_begin(n)
    first = _WORD_RE.match(text[n.end:].lstrip(" -"))
    if first and first.group().lower() in _MORE:
        return first.group().lower()  # "two other cases", "30,000 more troops", "three new cases"
    part = _PART_BEFORE_RE.search(text, 0, begin)
    if part:
        word = part.group().split()[-1].lower()
        return "more" if word in ("another", "further") else word  # "another 300 troops": 300 more
    if _TOTAL_BEFORE_RE.search(text, 0, begin) or _TOTAL_AFTER_RE.match(text, begin + len(surface)):
        return "total"
    return ""


def surface_begin(n: Number) -> int:
    """Where a figure's written text begins: at its hedge, currency or "between" when it has one."""
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
        plain_int and not n.hedge and _LABEL_BEFORE_RE.search(before) and _is_name_before(before, after)
        and not (_TIME_RE.match(after) or _MEASURE_RE.match(after) or _PERCENT_RE.match(after)),
        n.words and raw[:1].isupper() and re.search(r"\b[A-Z]\w*\s(?:of\s)?$", before),  # "Xbox One", "Group of Eight"
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
    if _unit_after(after):
        return False  # "1200 degrees Celsius", "1500 years", "1080 km"
    counted = noun_chunk(after)
    return not (n.hedge and counted and is_plural(counted[-1]))


def _is_name_before(before: str, after: str) -> bool:
    """Tell whether a name or title ends in the number ("Voyager 2", "The 411"), not "The 25 members"."""
    m = _CAPITALISED_RE.search(before)
    if m is None:
        return False
    return m.group().strip().lower() not in STOP_WORDS or not re.match(r"[a-z]{0,3}[\s-][a-z]", after)


def _unit_after(after: str) -> bool:
    """Tell whether a unit of time or measure follows a number, so that it is not a year ("1200 degrees")."""
    time = _TIME_RE.match(after)
    if time and after[time.end():time.end() + 1] != "-":  # not "the 2024 year-end"
        return True
    measure = _MEASURE_RE.match(after)  # glued ("1500m", "1500b") or of two letters or more ("1200 km")
    return bool(measure and (len(measure.group().strip(" -")) >= 2 or not after[:1].isspace()))


def _in_phone_number(text: str, n: Number) -> bool:
    return any(m.start() <= n.start < m.end() for m in _PHONE_RE.finditer(text))


def _currency_code(symbol: str) -> str:
    """Name a currency symbol by its ISO code: "US $" -> "USD", "£" -> "GBP", "Rs." -> "INR"."""
    key = re.sub(r"[\s.]", "", symbol).upper()
    return _CUR_SYMBOLS.get(key, key)


def _currency_name(name: str) -> str:
    words = name.split()
    last = words[-1].lower()
    if last.startswith("dollar") and len(words) == 1 or words[:2] == ["US", "dollars"]:
        return "USD"
    if last in ("rmb", "renminbi"):
        return "yuan"
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


def word_list(text: str) -> list[str]:
    """List the words of a text, keeping "U.S." and "anti-jihadist" whole."""
    return _WORD_RE.findall(text)


def noun_chunk(after: str) -> list[str]:
    """The words a count counts: up to four words after the number, up to a function word or verb."""
    out: list[str] = []
    for i, m in enumerate(re.finditer(r"\S+", after)):
        token = m.group()
        word = _WORD_RE.match(token)
        w = word.group() if word else ""
        if i == 0 and w.lower() in _MORE:
            continue  # "30,000 more troops": count the troops
        if not word or w.lower().rstrip(".") in STOP_WORDS or len(out) == 4 or re.search(r"n[’']t$", w):
            break
        if out and w[0].isupper() and out[-1][0].islower():
            break  # "three term Texas Governor": a name starts after the counted thing
        if out and w[0].islower() and is_plural(out[-1]) and not is_plural(w):
            break  # "100 Occupy protesters sat": the plural noun was the head
        if out and re.search(r"(?:ed|ing|ly)$", w) and w[0].islower():
            break
        out.append(w.rstrip(".") if not re.fullmatch(r"(?:[A-Z]\.)+", w) else w)
        if word.end() < len(token):
            break  # punctuation ends the chunk
    return out


def is_plural(word: str) -> bool:
    """Tell whether a word is a plural noun: "troops", "people" (not "news", "status")."""
    return bool(_PLURAL_RE.search(word)) or word.lower() in _IRREGULAR_PLURALS


def chunk_end(after: str, chunk: list[str]) -> int:
    """Find where the words of ``chunk`` end in ``after``."""
    pos = 0
    for w in chunk:
        pos = after.index(w, pos) + len(w)
    return pos

