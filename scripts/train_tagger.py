#!/usr/bin/env python3
"""Train the part-of-speech tagger that generator/english/tagger.py reads, from UD English EWT.

Usage:
    git clone https://github.com/UniversalDependencies/UD_English-EWT /tmp/UD_English-EWT
    python scripts/train_tagger.py /tmp/UD_English-EWT [--out generator/english/data/pos-ewt.json.gz]

The training data is the treebank's train split: en_ewt-ud-train.conllu, or, where a copy of the
repository lacks that (large) file, the same documents from not-to-release/sources in the order
not-to-release/file-lists/files.train gives. It prints the tagger's accuracy on the dev split.
The output is deterministic: the same treebank gives the same bytes (fixed shuffle seed, sorted
JSON keys, rounded weights, gzip without a time stamp).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.english.tagger import Perceptron, features, normalise  # noqa: E402

ITERATIONS = 5
SEED = 0
# Weights rounded to this many decimals, and features whose every weight rounds below KEEP dropped:
# a model of a couple of megabytes that tags as well as the full one.
DECIMALS = 2
KEEP = 0.3
# A word seen this often with one tag this share of the time is tagged from a dictionary.
FREQUENT, UNAMBIGUOUS = 20, 0.97


def read_conllu(text: str) -> list[tuple[list[str], list[str]]]:
    """Read sentences as (words, Penn Treebank tags), leaving out multiword ranges and empty nodes."""
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        words.append(cols[1])
        tags.append(cols[4])
    if words:
        sentences.append((words, tags))
    return sentences


def split(root: Path, name: str) -> list[tuple[list[str], list[str]]]:
    """Read one split of the treebank (train, dev or test)."""
    whole = root / f"en_ewt-ud-{name}.conllu"
    if whole.exists():
        return read_conllu(whole.read_text(encoding="utf-8"))
    listing = root / "not-to-release" / "file-lists" / f"files.{name}"
    sentences: list[tuple[list[str], list[str]]] = []
    for rel in listing.read_text(encoding="utf-8").split():
        sentences.extend(read_conllu((root / "not-to-release" / "sources" / rel).read_text(encoding="utf-8")))
    return sentences


class _Trainer:
    """Averaged perceptron training (Collins 2002), with lazy averaging by time stamps."""

    def __init__(self, classes: list[str]) -> None:
        self.classes = classes
        self.weights: dict[str, dict[str, float]] = {}
        self._totals: dict[tuple[str, str], float] = defaultdict(float)
        self._stamps: dict[tuple[str, str], int] = defaultdict(int)
        self.i = 0

    def predict(self, feats: list[str]) -> str:
        scores = dict.fromkeys(self.classes, 0.0)
        for f in feats:
            for c, w in self.weights.get(f, {}).items():
                scores[c] += w
        return max(self.classes, key=lambda c: (scores[c], c))

    def update(self, truth: str, guess: str, feats: list[str]) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in feats:
            row = self.weights.setdefault(f, {})
            for c, v in ((truth, 1.0), (guess, -1.0)):
                w = row.get(c, 0.0)
                key = (f, c)
                self._totals[key] += (self.i - self._stamps[key]) * w
                self._stamps[key] = self.i
                row[c] = w + v

    def average(self) -> None:
        for f, row in self.weights.items():
            for c, w in list(row.items()):
                key = (f, c)
                total = self._totals[key] + (self.i - self._stamps[key]) * w
                row[c] = total / self.i


def _tagdict(sentences: list[tuple[list[str], list[str]]]) -> dict[str, str]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for words, tags in sentences:
        for w, t in zip(words, tags):
            counts[w][t] += 1
    out = {}
    for w, by_tag in counts.items():
        tag, n = max(by_tag.items(), key=lambda kv: (kv[1], kv[0]))
        total = sum(by_tag.values())
        if total >= FREQUENT and n / total >= UNAMBIGUOUS:
            out[w] = tag
    return out


def train(sentences: list[tuple[list[str], list[str]]]) -> Perceptron:
    """Train a tagger on tagged sentences."""
    tagdict = _tagdict(sentences)
    classes = sorted({t for _, tags in sentences for t in tags})
    trainer = _Trainer(classes)
    order = list(sentences)
    rng = random.Random(SEED)
    for it in range(ITERATIONS):
        right = total = 0
        for words, tags in order:
            prev, prev2 = "-START-", "-START2-"
            context = ["-START-", "-START2-", *(normalise(w) for w in words), "-END-", "-END2-"]
            for i, word in enumerate(words):
                guess = tagdict.get(word)
                if not guess:
                    feats = features(i, word, context, prev, prev2)
                    guess = trainer.predict(feats)
                    trainer.update(tags[i], guess, feats)
                prev2, prev = prev, guess
                right += guess == tags[i]
                total += 1
        print(f"iteration {it + 1}: {right / total:.4f} on train", file=sys.stderr)
        rng.shuffle(order)
    trainer.average()
    weights = {}
    for f, row in trainer.weights.items():
        kept = {c: round(w, DECIMALS) for c, w in sorted(row.items()) if abs(w) >= KEEP}
        if kept:
            weights[f] = kept
    return Perceptron(weights, tagdict, classes)


def accuracy(tagger: Perceptron, sentences: list[tuple[list[str], list[str]]]) -> float:
    """Share of tokens tagged as the treebank tags them."""
    right = total = 0
    for words, tags in sentences:
        right += sum(g == t for g, t in zip(tagger.tag(words), tags))
        total += len(words)
    return right / total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("treebank", type=Path, help="a copy of the UD_English-EWT repository")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "generator/english/data/pos-ewt.json.gz")
    a = ap.parse_args()
    tagger = train(split(a.treebank, "train"))
    print(f"dev accuracy {accuracy(tagger, split(a.treebank, 'dev')):.4f}", file=sys.stderr)
    data = {"classes": tagger.classes, "tagdict": tagger.tagdict, "weights": tagger.weights}
    raw = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"wrote {a.out} ({a.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
