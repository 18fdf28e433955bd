"""Plain text helpers shared by the stages: content words, numbers, names, slugs."""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

STOPWORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for from with about as into onto over under
    after before between through against during without within than then that this these those
    there here it its it's he she they them his her their we our us you your i me my is are was were
    be been being has have had do does did will would shall should can could may might must not no
    also just only very more most such other some any all each both which who whom whose what when
    where while if because although though says said say told tell according since until upon per
    via up down out off again further once mr mrs ms""".split()
)

# A word: letters, digits and inner apostrophes or hyphens ("Niger's", "anti-jihadist", "1,000").
_WORD = re.compile(r"[^\W_]+(?:['’\-.,][^\W_]+)*")
# A number as written in digits, with thousands separators and decimals: "1,000", "1.5", "110".
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
# A scale word after a number: "1.5 billion", "$100m".
_SCALE_AFTER = re.compile(r"\s?(thousand|million|billion|trillion|bn|m)\b", re.IGNORECASE)
# A date or a year is not a quantity: "July 26", "26 July", "in 2023", "the 1990s".
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_NUMBER = re.compile(
    rf"(?:\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}|\b(?:1[89]|20)\d\d(?:s\b|\b))",
    re.IGNORECASE,
)
# Words that are capitalised as parts of institutions and titles, not of anyone's name.
_INSTITUTIONAL = frozenset(
    """state states department ministry minister secretary president vice prime general government
    council office house agency army forces force command affairs defense defence republic national
    united union party court congress senate assembly news agency international security foreign
    ministry spokesman spokeswoman spokesperson chief head deputy assistant press white american
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december""".split()
)
# A capitalised word inside a sentence, a candidate name part: "Blinken", "Niamey".
_CAPITALISED = re.compile(r"(?<=[\s(“\"‘'])[A-Z][a-zà-ÿ]+(?:[-’'][A-Za-z]+)?")


def fold(text: str) -> str:
    """Lower-case, strip accents and turn punctuation into spaces, for comparisons."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w%$€£]+", " ", text.lower()).strip()


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + keep
    return word


# Comparison, centrality and the summary each read a sentence's content words: work them out once.
@lru_cache(maxsize=1 << 17)
def content_words(text: str) -> tuple[str, ...]:
    """Return the lower-cased, crudely stemmed words of a text, without stop words."""
    words = (w.lower().replace("’", "'") for w in _WORD.findall(unicodedata.normalize("NFKC", text)))
    return tuple(_stem(w.removesuffix("'s")) for w in words if w not in STOPWORDS)


def numbers_in(text: str) -> frozenset[float]:
    """Return the numbers written in digits in a text, scaled by a following million/billion."""
    found = set()
    dates = [m.span() for m in _DATE_NUMBER.finditer(text)]
    for match in _NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in dates):
            continue
        value = float(match.group(0).replace(",", ""))
        scale = _SCALE_AFTER.match(text, match.end())
        if scale:
            value *= _SCALES[scale.group(1).lower()]
        found.add(value)
    return frozenset(found)


def capitalised_words(text: str) -> frozenset[str]:
    """Return capitalised words after the first word: the names a sentence mentions, roughly."""
    words = (re.sub(r"['’]s$", "", w) for w in _CAPITALISED.findall(text))
    return frozenset(w for w in words if w.lower() not in STOPWORDS and w.lower() not in _INSTITUTIONAL)


def slugify(text: str, *, max_length: int = 60) -> str:
    """Make a lower-case ASCII slug safe for URLs and file systems ("Niger's junta" -> "nigers-junta")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def centrality(texts: Sequence[str]) -> list[float]:
    """Score each text by its mean TF-IDF cosine similarity to all the others (LexRank's degree).

    The sum of cosines with all others is the dot product with the sum of all unit vectors, less
    the text's own; so the cost is linear in the number of words, with no matrix of all pairs.
    """
    if len(texts) < 2:
        return [0.0] * len(texts)
    counts = [Counter(content_words(t)) for t in texts]
    frequency = Counter(w for c in counts for w in c)
    idf = {w: math.log((1 + len(texts)) / (1 + n)) for w, n in frequency.items()}
    units = []
    for c in counts:
        weights = {w: n * idf[w] for w, n in c.items() if idf[w] > 0}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        units.append({w: v / norm for w, v in weights.items()} if norm else {})
    total: Counter[str] = Counter()
    for unit in units:
        total.update(unit)
    return [
        (sum(v * total[w] for w, v in sorted(unit.items())) - (1.0 if unit else 0.0)) / (len(texts) - 1)
        for unit in units
    ]


_ENGLISH_FUNCTION_WORDS = frozenset("the of and to in a is that for it on was with as by at from his her said".split())


def looks_english(text: str, *, min_share: float = 0.12, min_words: int = 40) -> bool:
    """Tell whether a text reads as English: common English function words make up a fair share of it."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < min_words:
        return True  # too short to judge; say nothing rather than guess
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= min_share
