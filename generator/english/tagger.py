"""Part-of-speech tags for English text: a small averaged perceptron trained on UD English EWT.

The model (``data/pos-ewt.json.gz``, with its licence and origin in ``data/README.md``) is made by
``scripts/train_tagger.py`` from the Universal Dependencies English Web Treebank; it gives each token
a Penn Treebank tag (NNP, VBD, PRP, RB, CD …). It is read from the package on first use; nothing is
downloaded. The features are the ones of Honnibal's "A good part-of-speech tagger in about 200 lines
of Python" (2013), which textblob-aptagger and NLTK's PerceptronTagger use too.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

MODEL = "pos-ewt.json.gz"
"""The file, in generator/english/data, that holds the trained weights."""

# A word-like run (or a blanked-out quotation, quotemarks.mask's NULs, as one token): initials ("U.S."), a word with inner apostrophes, hyphens, dots or commas
# ("O'Neill", "al-Sisi", "1,000.5") and a period after it; or a dash, an ellipsis or one other mark.
_RUN = re.compile(r"\x00+|(?:[A-Za-z]\.){2,}|[^\W_]+(?:[-'’.,][^\W_]+)*\.?|--|\.\.\.|\S")
# A clitic the treebank writes as its own token: "did|n't", "Trump|'s", "they|'ll".
_CLITIC = re.compile(r"(?:n['’]t|['’](?:s|d|ll|re|ve|m))$", re.IGNORECASE)
# Words the treebank writes with their period: "Mr.", "Dr.", "Sen." (else the period is a token).
_TITLE_PERIOD = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Rev|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|[A-Z])\.")
_START = ("-START-", "-START2-")
_END = ("-END-", "-END2-")


class Token(NamedTuple):
    """One token of a text with its tag."""

    start: int
    end: int
    text: str
    tag: str


def tokenize(text: str) -> list[tuple[int, int]]:
    """Split a text into treebank-style tokens, as (start, end) offsets."""
    spans = []
    for m in _RUN.finditer(text):
        s, e = m.span()
        word = m.group(0)
        tail = []
        if word.endswith(".") and len(word) > 1 and not _TITLE_PERIOD.fullmatch(word) and not re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            e -= 1
            tail.append((e, e + 1))
            word = word[:-1]
        clitic = _CLITIC.search(word)
        if clitic and clitic.start() > 0:
            spans.extend([(s, s + clitic.start()), (s + clitic.start(), e)])
        else:
            spans.append((s, e))
        spans.extend(tail)
    return spans


def normalise(word: str) -> str:
    """Map a word to the form the model's features read: digits and hyphenated words folded."""
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower().replace("’", "'")


def features(i: int, word: str, context: list[str], prev: str, prev2: str) -> list[str]:
    """List the features of the word at ``i`` (of ``context``, padded with two markers each side)."""
    i += len(_START)
    before, after = context[i - 1], context[i + 1]
    return [
        "bias",
        "i suffix " + word[-3:],
        "i pref1 " + word[:1],
        "i-1 tag " + prev,
        "i-2 tag " + prev2,
        "i tag+i-2 tag " + prev + " " + prev2,
        "i word " + context[i],
        "i-1 tag+i word " + prev + " " + context[i],
        "i-1 word " + before,
        "i-1 suffix " + before[-3:],
        "i-2 word " + context[i - 2],
        "i+1 word " + after,
        "i+1 suffix " + after[-3:],
        "i+2 word " + context[i + 2],
        "i shape " + _shape(word),
    ]


def _shape(word: str) -> str:
    # Capitalisation tells names from words where the lower-cased features cannot: "Said" / "said".
    if word.isupper() and len(word) > 1:
        return "UPPER"
    if word[:1].isupper():
        return "Title"
    if word[:1].isdigit():
        return "digit"
    return "lower" if word[:1].isalpha() else "other"


class Perceptron:
    """The trained weights (feature -> tag -> weight, kept as one matrix, a row per feature), plus
    the tags of unambiguous frequent words."""

    def __init__(self, weights: dict[str, dict[str, float]], tagdict: dict[str, str], classes: list[str]) -> None:
        self.tagdict = tagdict
        self.classes = classes
        # One row of weights per feature over the classes (row 0: no feature), in reverse name order,
        # so that numpy's first maximum is the tie-break ``max(classes, key=(score, name))`` makes.
        self._order = sorted(classes, reverse=True)
        column = {c: k for k, c in enumerate(self._order)}
        self._row = {feature: r for r, feature in enumerate(sorted(weights), start=1)}
        self._weights = np.zeros((len(self._row) + 1, len(self._order)))
        for feature, r in self._row.items():
            for tag, w in weights[feature].items():
                self._weights[r, column[tag]] = w
        # The three features that read the two tags before a word and nothing else, summed for every
        # pair of tags at once (in the order ``features`` lists them, so the sums are the same floats):
        # _history[tag before, tag before that] is a row of scores.
        self._tag_index = {t: k for k, t in enumerate([*_START, *classes])}
        names = list(self._tag_index)
        row = self._row.get
        before = self._weights[[row("i-1 tag " + p, 0) for p in names]]
        before2 = self._weights[[row("i-2 tag " + p, 0) for p in names]]
        pairs = self._weights[[[row("i tag+i-2 tag " + p + " " + p2, 0) for p2 in names] for p in names]]
        self._history = (before[:, None, :] + before2[None, :, :]) + pairs
        self._bias = self._row.get("bias", 0)
        self._own: dict[str, tuple[int, ...]] = {}  # word -> rows of its own static features
        self._near: dict[str, tuple[int, ...]] = {}  # normalised word -> rows of what it gives its neighbours
        # The fourth, the tag before with the word itself: word -> tag before -> row (most pairs have none).
        self._after_tag: dict[str, dict[int, int]] = {}
        for feature, r in self._row.items():
            if feature.startswith("i-1 tag+i word "):
                p, _, word = feature[len("i-1 tag+i word "):].partition(" ")
                if p in self._tag_index:
                    self._after_tag.setdefault(word, {})[self._tag_index[p]] = r

    def _static_rows(self, word: str, context: list[str], i: int) -> list[int]:
        """The rows of the features of the word at ``i`` of ``context`` that do not read the tags
        before it, in the order ``features`` lists them (so their sum is the same float). A word's
        own features and those it gives as a neighbour are looked up once per word."""
        own = self._own.get(word)
        if own is None:
            row = self._row.get
            own = self._own[word] = (row("i suffix " + word[-3:], 0), row("i pref1 " + word[:1], 0),
                                     row("i word " + context[i], 0), row("i shape " + _shape(word), 0))
        left, left2, right, right2 = (self._neighbour(context[k]) for k in (i - 1, i - 2, i + 1, i + 2))
        return [self._bias, own[0], own[1], own[2], left[0], left[1], left2[2], right[3], right[4], right2[5], own[3]]

    def _neighbour(self, word: str) -> tuple[int, ...]:
        """The rows of the features a (normalised) word gives the words around it: as the word
        before (word, suffix), two before, after (word, suffix) and two after."""
        found = self._near.get(word)
        if found is None:
            row = self._row.get
            found = self._near[word] = (row("i-1 word " + word, 0), row("i-1 suffix " + word[-3:], 0),
                                        row("i-2 word " + word, 0), row("i+1 word " + word, 0),
                                        row("i+1 suffix " + word[-3:], 0), row("i+2 word " + word, 0))
        return found

    def predict(self, feats: list[str]) -> str:
        """Return the best-scoring tag for a list of features (ties go to the greatest tag name)."""
        rows = [self._row.get(f, 0) for f in feats]
        return self._order[int(np.argmax(self._weights[rows].sum(axis=0)))]

    def tag(self, words: list[str]) -> list[str]:
        """Tag a sentence's words, left to right. The features that do not read the tags before a
        word are scored for all the words the tag dictionary does not settle at once; only the four
        that do are added word by word."""
        prev, prev2 = _START
        context = [*_START, *(normalise(w) for w in words), *_END]
        known = [self.tagdict.get(word) for word in words]
        unknown = [i for i, tag in enumerate(known) if tag is None]
        static = [self._static_rows(words[i], context, i + len(_START)) for i in unknown]
        base = dict(zip(unknown, self._weights[np.array(static, dtype=np.intp)].sum(axis=1))) if unknown else {}
        tags = []
        index, history, after_tag, weights = self._tag_index, self._history, self._after_tag, self._weights
        p, p2 = index[prev], index[prev2]
        for i, word in enumerate(words):
            tag = known[i]
            if tag is None:
                scores = history[p, p2]
                fourth = after_tag.get(context[i + len(_START)], {}).get(p, 0)
                if fourth:  # else its row is zeros, and adding it changes no score
                    scores = scores + weights[fourth]
                tag = self._order[int((base[i] + scores).argmax())]
            tags.append(tag)
            p2, p = p, index[tag]
        return tags


@lru_cache(maxsize=1)
def model() -> Perceptron:
    """Read the shipped model, once."""
    raw = resources.files("generator.english").joinpath("data", MODEL).read_bytes()
    data = json.loads(gzip.decompress(raw))
    return Perceptron(data["weights"], data["tagdict"], data["classes"])


@lru_cache(maxsize=16384)
def tag(text: str) -> tuple[Token, ...]:
    """Tag a text (a sentence, or a paragraph of a few): its tokens with their Penn Treebank tags."""
    spans = tokenize(text)
    # The model read straight quotes and apostrophes; a blanked-out quotation reads as a quote mark.
    words = [text[s:e].replace("’", "'").replace("“", '"').replace("”", '"') if text[s] != "\x00" else '"' for s, e in spans]
    return tuple(Token(s, e, text[s:e], t) for (s, e), t in zip(spans, model().tag(words)))
