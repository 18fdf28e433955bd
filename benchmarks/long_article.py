#!/usr/bin/env python3
"""Time the build of one story of two very long articles, at about 0.25, 1 and 4.9 MB each.

Usage (from the project root, after `make site` made .venv):
    .venv/bin/python benchmarks/long_article.py [--sizes 0.25,1,4.9] [--timeout 600] [--profile 0]

The articles are made at run time, deterministically, from the paragraphs of the shipped seeds:
round after round of them, each round with its people renamed, its numbers, days and weekdays
changed, so that no two rounds are the same text but every round reads as news copy (quotes with
speakers, figures, dates, names). Each story holds two such articles that share most rounds in a
different order, so comparison, wire detection and quote grouping have work to do. Each size is
built by ``generator.build.build(..., use_cache=False)`` in a fresh interpreter, killed after
``--timeout`` seconds. Each size's line gives wall-clock and CPU seconds (the CPU time hardly
moves when other work shares the machine), peak resident memory, the stages that took a second
or more (CPU seconds of each function ``generator.build`` and ``generator.digest`` call from
another module: nested ones are inside their callers), and every warning of the build.
"""
from __future__ import annotations

import argparse
import functools
import inspect
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
TARGET_SECONDS = 30.0
"""The largest size must build in less than this."""

# A publication date line opening a plain-text seed: " date 2024-03-18 ".
_DATE_LINE = re.compile(r"\A\s*date:?\s+\d{4}-\d{2}-\d{2}\s*")
# A person's name as the seeds write it: "Sabrina Singh", "Amadou Abdramane".
_SEED_NAMES = ("Vedant Patel", "Sabrina Singh", "Michael Langley", "Matthew Miller", "Amadou Abdramane",
               "Mohamed Bazoum", "Bazoum Mohamed", "Antony Blinken", "Molly Phee", "Celeste Wallander")
# A lone surname of a seed person: "Singh said", "Col Abdramane".
_SEED_SURNAMES = re.compile(r"\b(Patel|Singh|Langley|Miller|Abdramane|Bazoum|Blinken|Phee|Wallander)\b")
# A day after a month: "July 26".
_MONTH_DAY = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                        r"November|December) (\d{1,2})\b")
# A number that is not a year: "1,000", "100", "3".
_NUMBER = re.compile(r"(?<![\d,.])(?!(?:19|20)\d\d\b)\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d,.])(?!(?:19|20)\d\d\b)\d+(?![\d,])")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A weekday name: "Saturday".
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_FIRST = ("Aisha Boubacar Chantal Daniel Elena Fatima Gregory Hassan Ines Jonas Karim Laura Moussa Nadia "
          "Oscar Paula Rashid Sophie Tomas Ursula Victor Wendy Yusuf Zainab Adam Bianca Carlos Dina Emil "
          "Farah").split()
_LAST = ("Abara Bello Cisse Diallo Ekwueme Fofana Garba Haidara Issoufou Jallow Keita Lawal Maiga Ndiaye "
         "Ouattara Pierce Quinn Rahman Sow Traore Usman Vance Walker Yameogo Zongo Adler Brandt Carter "
         "Dorsey Ellison Fischer Grant Hughes Ivers Jensen Kramer Lowell Mercer Norton Osei").split()


def seed_paragraphs(seeds: Path) -> list[str]:
    """Return the paragraphs of the shipped seeds that read as article text (eight words or more)."""
    out = []
    for path in sorted(seeds.glob("*.txt")):
        text = _DATE_LINE.sub("", path.read_text(encoding="utf-8"))
        out += [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 8]
    return out


def vary(paragraph: str, k: int) -> str:
    """Rewrite a paragraph for round ``k``: other people, other numbers, days and weekdays."""
    people = {}
    for i, name in enumerate(_SEED_NAMES):
        first, last = _FIRST[(k + 3 * i) % len(_FIRST)], _LAST[(7 * k + i) % len(_LAST)]
        people[name] = f"{first} {last}"
        people[name.split()[-1]] = last
    people["Bazoum Mohamed"] = people["Mohamed Bazoum"].split()[1] + " " + people["Mohamed Bazoum"].split()[0]
    text = paragraph
    for name in _SEED_NAMES:
        text = text.replace(name, people[name])
    text = _SEED_SURNAMES.sub(lambda m: people[m.group(1)], text)
    text = _MONTH_DAY.sub(lambda m: f"{m.group(1)} {(int(m.group(2)) + k) % 28 + 1}", text)
    text = _WEEKDAY.sub(lambda m: _WEEKDAYS[(_WEEKDAYS.index(m.group(1)) + k) % 7], text)

    def number(match: re.Match[str]) -> str:
        value = int(match.group(0).replace(",", "")) * (100 + k % 41) // 100 + k % 7
        return f"{value:,}" if "," in match.group(0) else str(value)

    return _NUMBER.sub(number, text)


def write_story(folder: Path, paragraphs: list[str], size: int) -> None:
    """Write two articles of about ``size`` bytes each: the same rounds, differently ordered and cut."""
    folder.mkdir(parents=True)
    for n, (date, keep) in enumerate((("2024-03-18", 1.0), ("2024-03-17", 0.8))):
        rng = random.Random(n)
        parts, written, k = [f"date {date} "], 0, 0
        while written < size:
            round_ = [vary(p, k) for p in paragraphs if rng.random() < keep]
            rng.shuffle(round_)
            for p in round_:
                parts.append(p + "\n\n")
                written += len(p.encode("utf-8")) + 2
            k += 1
        text = "".join(parts)
        while len(text.encode("utf-8")) > size:  # cut whole paragraphs to stay under the size
            text = text[: text.rstrip("\n").rfind("\n\n") + 2]
        (folder / f"long-{n}.txt").write_text(text, encoding="utf-8")


def time_stages(times: dict[str, float]) -> None:
    """Make every function the build and the digest call from another generator module add its CPU time to ``times``."""
    import generator.build
    import generator.digest

    def timed(function, name):  # type: ignore[no-untyped-def]
        @functools.wraps(function)
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.process_time() - start
        return run

    for module in (generator.build, generator.digest):
        for name, value in list(vars(module).items()):
            if inspect.isfunction(value) and value.__module__.startswith("generator.") and value.__module__ != module.__name__:
                setattr(module, name, timed(value, f"{value.__module__.removeprefix('generator.')}.{name}"))


def child(seeds: Path, out: Path, profile: int) -> None:
    """Build once in this interpreter and print seconds, peak memory, stage times and warnings as JSON."""
    sys.path.insert(0, str(ROOT))
    from generator.build import build

    stages: dict[str, float] = {}
    time_stages(stages)

    problems: list[str] = []
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start, cpu = time.perf_counter(), time.process_time()
    report = build(seeds, out, use_cache=False, warn=problems.append, workers=1)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(profile)
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak / 1024, "warnings": problems, "stages": stages,
                      "sentences": sum(len(s.sentences) for d in report.digests for s in d.sources)}))


def main() -> int:
    """Make each size's story, build it in a fresh interpreter and print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.25,1,4.9", help="article sizes in MB (10^6 bytes), comma-separated")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a build is stopped")
    parser.add_argument("--profile", type=int, default=0, help="print the N most expensive calls of each build")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.profile)
        return 0
    paragraphs = seed_paragraphs(ROOT / "seeds")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (float(s) for s in args.sizes.split(",")):
            seeds = Path(tmp) / f"seeds-{size}"
            write_story(seeds / "long", paragraphs, int(size * MB))
            command = [sys.executable, __file__, "--child", str(seeds), str(Path(tmp) / f"out-{size}" / "content"),
                       "--profile", str(args.profile)]
            try:
                run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{size:g} MB x 2 articles: stopped after {args.timeout:.0f} s", flush=True)
                results.append((size, None))
                continue
            if args.profile:
                print(run.stderr, file=sys.stderr)
            if run.returncode != 0:
                print(f"{size:g} MB x 2 articles: build failed: {run.stderr.strip().splitlines()[-1:]}", flush=True)
                results.append((size, None))
                continue
            got = json.loads(run.stdout.strip().splitlines()[-1])
            print(f"{size:g} MB x 2 articles ({got['sentences']:,} sentences): {got['seconds']:.1f} s "
                  f"({got['cpu']:.1f} s CPU), peak memory {got['peak_mib']:.0f} MiB, {len(got['warnings'])} warnings",
                  flush=True)
            slow = sorted(((t, n) for n, t in got["stages"].items() if t >= 1.0), reverse=True)
            print("    stages (CPU s): " + ", ".join(f"{n} {t:.1f}" for t, n in slow), flush=True)
            for line in got["warnings"]:
                print(f"    {line}", flush=True)
            results.append((size, got["seconds"]))
    largest, seconds = max(results)
    verdict = "PASS" if seconds is not None and seconds < TARGET_SECONDS else "FAIL"
    print(f"{verdict}: {largest:g} MB article built in "
          f"{'more than the timeout' if seconds is None else f'{seconds:.1f} s'} (target: under {TARGET_SECONDS:.0f} s)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
