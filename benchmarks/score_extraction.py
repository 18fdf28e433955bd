"""Score article-body extraction against the shared evaluation set (token-level F1).

Usage (from the project root):
    .venv/bin/python benchmarks/score_extraction.py [--neutral] [--favor-recall]
        [--no-tables] [--fast] [--all] [--data DIR] [--worst N]

``--neutral`` turns off ``favor_precision``, which ``read_webpage`` uses by default.

The set lives in ``../shared/eval/article-extraction`` beside the project (gzipped pages in
``html/``, expected bodies in ``ground-truth.json``); it is read in place, never copied. Each page
goes through ``decode`` then ``read_webpage``, as the generator reads a saved page. Per page, the
bag-of-tokens precision, recall and F1 (lower-cased ``\\w+`` tokens) of the extracted body against
the expected one are computed; the last line printed gives their means.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.input.decode import decode
from generator.errors import InputError
from generator.input.webpage import read_webpage

DATA = ROOT.parent / "shared" / "eval" / "article-extraction"

# A word for scoring: letters, digits and underscore, as in "niger", "1,000" -> "1", "000".
_TOKEN_RE = re.compile(r"\w+")

# Settings tried by --all: name -> keyword arguments of read_webpage.
SETTINGS: dict[str, dict[str, bool]] = {
    "default (favor_precision)": {},
    "neutral": {"favor_precision": False},
    "favor_recall": {"favor_precision": False, "favor_recall": True},
    "no_tables": {"include_tables": False},
    "fast": {"fast": True},
    "neutral_fast": {"favor_precision": False, "fast": True},
}


class Score(NamedTuple):
    precision: float
    recall: float
    f1: float


def tokens(text: str) -> collections.Counter[str]:
    """Count the lower-cased word tokens of a text."""
    return collections.Counter(_TOKEN_RE.findall(text.lower()))


def score(expected: str, extracted: str) -> Score:
    """Score an extracted body against the expected one by token overlap."""
    truth, got = tokens(expected), tokens(extracted)
    common = sum((truth & got).values())
    if not common:
        return Score(0.0, 0.0, 0.0)
    precision = common / sum(got.values())
    recall = common / sum(truth.values())
    return Score(precision, recall, 2 * precision * recall / (precision + recall))


def extract(path: Path, knobs: dict[str, bool]) -> str:
    """Read one gzipped page the way the generator reads a saved page; "" if unreadable."""
    try:
        text, _notes = decode(gzip.decompress(path.read_bytes()))
        return read_webpage(text, **knobs).text
    except InputError:
        return ""


def run(data: Path, knobs: dict[str, bool], *, worst: int = 0) -> Score:
    """Score every page of the set with the given settings; return the mean scores."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    scores = {}
    for key in sorted(truth):
        scores[key] = score(truth[key]["articleBody"], extract(data / "html" / f"{key}.html.gz", knobs))
    for key in sorted(scores, key=lambda k: (scores[k].f1, k))[:worst]:
        s = scores[key]
        print(f"  {s.f1:.3f} P={s.precision:.3f} R={s.recall:.3f} {key[:12]} {truth[key]['url']}")
    n = len(scores)
    return Score(*(sum(s[i] for s in scores.values()) / n for i in range(3)))


def main(argv: list[str] | None = None) -> int:
    """Print the mean precision, recall and F1 of extraction; --all tries each setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--neutral", action="store_true", help="turn off favor_precision")
    parser.add_argument("--favor-recall", action="store_true")
    parser.add_argument("--no-tables", action="store_true")
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--all", action="store_true", help="score every setting in SETTINGS")
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-scoring pages")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"no evaluation set at {args.data}", file=sys.stderr)
        return 2
    knobs = {
        "favor_precision": not (args.neutral or args.favor_recall),
        "favor_recall": args.favor_recall,
        "include_tables": not args.no_tables,
        "fast": args.fast,
    }
    runs = dict(SETTINGS) if args.all else {"chosen": knobs}
    for name, setting in runs.items():
        mean = run(args.data, setting, worst=args.worst)
        print(
            f"{name}: mean F1 {mean.f1:.4f} precision {mean.precision:.4f} "
            f"recall {mean.recall:.4f} (setting {setting})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
