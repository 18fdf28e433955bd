"""List the quotes the project finds in PolNeAR that match no gold quote, so anyone can read them.

Usage (from the project root, with the scorer's environment):
    /tmp/evalenv/bin/python benchmarks/polnear_unmatched.py [--split DIR]

Why: the shared scorer's precision counts every such quote as a false positive. Reading them
tells apart quotes the project should not have found (terms, titles, fragments) from real,
attributed quotes that the gold leaves out: the New York Times articles whose ''…'' quotes the
scorer's expression cannot read, and quotes the annotators did not mark. The last line gives
the counts. Nothing is copied from the evaluation set: it is read in place from ../shared/eval.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import polnear_scorer


def main() -> int:
    scorer = polnear_scorer.load()  # the shared scorer's own gold, build and matching rules
    if scorer is None:
        return 1
    from common import norm  # the scorer's text normaliser, importable once the scorer is loaded

    parser = argparse.ArgumentParser()
    parser.add_argument("--split", type=Path, default=scorer.EVAL / "polnear-dev")
    split = parser.parse_args().split
    gold = scorer.load_gold(split)
    with tempfile.TemporaryDirectory() as tmp:
        found = scorer.run_project(split, Path(tmp))
    empty = other = 0
    for article, items in gold.items():
        mine = [(q, s) for q, s in found.get(article, []) if len(norm(q).split()) >= 3]
        for quote, speaker in mine:
            if any(scorer.same(quote, g["quote"]) for g in items):
                continue
            where = "no gold quote in article" if not items else "article has gold quotes"
            empty, other = (empty + 1, other) if not items else (empty, other + 1)
            print(f"[{where}] {article}: {quote[:110]!r} -- {speaker or 'no speaker'}")
    print(f"unmatched quotes: {empty + other} ({empty} in articles with no gold quote, {other} in the others)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
