#!/usr/bin/env python3
"""Time the whole build on a few hundred real articles and print articles per second and peak memory.

Usage (from the project root, after `make site` made .venv):
    .venv/bin/python benchmarks/build_speed.py [--eval ../shared/eval] [--repeat 1]

The articles are the BASIL triples (one story per event) and the Multi-News clusters (one story per
cluster), written at run time into a temporary seeds folder, one subfolder per story; nothing from
the evaluation data is kept. Each build runs in a fresh interpreter, as `make site` runs it, so the
peak memory is that of one whole build (resident set size of the child process).
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_basil(eval_dir: Path, seeds: Path) -> int:
    count = 0
    for path in sorted((eval_dir / "basil" / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        story = seeds / f"basil-{article['triplet-uuid']}"
        story.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(" ".join(p) for p in article["body-paragraphs"])
        title = article["title"].replace('"', "'")
        front = f'---\ntitle: "{title}"\ndate: {article["date"]}\n---\n\n'
        (story / f"{path.stem}.md").write_text(front + body + "\n", encoding="utf-8")
        count += 1
    return count


def write_multinews(eval_dir: Path, seeds: Path) -> int:
    count = 0
    lines = (eval_dir / "multinews" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(l for l in lines if l.strip()):
        context = json.loads(line)["context"].replace(" NEWLINE_CHAR ", "\n").replace("NEWLINE_CHAR", "\n")
        passages = [p.strip() for p in re.split(r"Passage \d+:\n", context) if len(p.strip()) >= 300]
        story = seeds / f"multinews-{i:03d}"
        for j, text in enumerate(passages):
            story.mkdir(parents=True, exist_ok=True)
            (story / f"mn{i:03d}-{j}.txt").write_text(text + "\n", encoding="utf-8")
            count += 1
    return count


def run_build(seeds: Path, out: Path) -> tuple[float, float]:
    """Build once in a child interpreter; return (seconds, peak resident memory in MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed: {result.stderr.strip().splitlines()[-1:]}")
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return seconds, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not (args.eval / "basil").is_dir():
        print(f"no evaluation data at {args.eval}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        articles = write_basil(args.eval, seeds) + write_multinews(args.eval, seeds)
        stories = sum(1 for p in seeds.iterdir() if p.is_dir())
        times, peaks = [], []
        for n in range(args.repeat):
            seconds, peak = run_build(seeds, Path(tmp) / f"out{n}")
            times.append(seconds)
            peaks.append(peak)
        unchanged, _ = run_build(seeds, Path(tmp) / "out0")
    best = min(times)
    print(f"articles: {articles} in {stories} stories (BASIL triples and Multi-News clusters)")
    print(f"full build: {best:.1f} s, {articles / best:.1f} articles/s, peak memory {max(peaks):.0f} MiB")
    print(f"second build with no change: {unchanged:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
