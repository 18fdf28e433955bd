"""Run the shared PolNeAR scorer twice: as it is, and with its gold also reading '' … '' quotes.

Usage (from the project root, with the scorer's environment):
    /tmp/evalenv/bin/python benchmarks/polnear_quote_marks.py [score_polnear.py's flags]

Why: the scorer takes its gold quotes from the annotated Content spans with one regular
expression that knows “…” and "…" only. The New York Times articles in PolNeAR write quotes as
''…'' (two apostrophes on each side), so their gold list is empty and every quote the project
finds in them counts as a false positive. This script changes nothing but that expression, then
runs the scorer's own ``main``; the second line is what the scorer gives when ''…'' quotes count
as quotes. Nothing is copied from the evaluation set: it is read in place from ../shared/eval.
"""
from __future__ import annotations

import re
import sys

import polnear_scorer


def main() -> int:
    score_polnear = polnear_scorer.load()  # the shared scorer, unchanged but for QSEG below
    if score_polnear is None:
        return 1

    # Flags (--split, --min-f1, ...) go to the scorer as they are, for both runs.
    print("as shipped:            ", end="", flush=True)
    shipped = score_polnear.main()
    # The same expression, with '' accepted as an opening or closing mark.
    score_polnear.QSEG = re.compile(r"(?:[“\"]|'')((?:(?!'')[^“”\"]){3,}?)(?:[”\"]|'')")
    print("gold also reading '': ", end="", flush=True)
    return max(shipped, score_polnear.main())


if __name__ == "__main__":
    sys.exit(main())
