#!/usr/bin/env python3
"""Time each stage of digesting an archive, in one process, on real articles loose in one folder.

Usage (from the project root, after `make site` made .venv):
    .venv/bin/python benchmarks/stage_times.py [--eval ../shared/eval] [--size 1x]

It writes the flat seeds folder of benchmarks/scale.py at the size given (1x: 494 articles) into a
temporary folder and builds it with one worker and no cache, timing every digest stage
(``generator.digest.STAGES``) and the rendering of each story's pages as they run. It prints the
whole build and each part's seconds, largest first. One process makes the parts add up; the real
build runs them on every core (benchmarks/site_scale.py times that).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import collect, sized, write_seeds  # noqa: E402

import generator.build as build_module  # noqa: E402
import generator.digest as digest_module  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--size", choices=("0.5x", "1x", "2x"), default="1x")
    args = ap.parse_args()
    if not args.eval.is_dir():
        print(f"no evaluation data at {args.eval}")
        return 1
    spent: Counter[str] = Counter()

    def timed(name, run):
        def stage(*a, **k):
            start = time.perf_counter()
            try:
                return run(*a, **k)
            finally:
                spent[name] += time.perf_counter() - start
        return stage

    digest_module.STAGES = tuple((name, timed(name, run)) for name, run in digest_module.STAGES)
    build_module.story_pages = timed("rendering", build_module.story_pages)
    files = sized(collect(args.eval))[args.size]
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        write_seeds(seeds, files)
        start = time.perf_counter()
        report = build_module.build(seeds, Path(tmp) / "content", use_cache=False, workers=1, warn=lambda line: None)
        total = time.perf_counter() - start
    print(f"{len(files)} articles ({args.size}) -> {len(report.digests)} stories, one process: {total:.1f} s")
    for name, seconds in spent.most_common():
        print(f"  {name:14} {seconds:6.1f} s")
    print(f"  {'the rest':14} {total - sum(spent.values()):6.1f} s (reading, grouping, writing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
