#!/usr/bin/env python3
"""Count what the BASIL triples' outlets report in common: events (or claims) shared by two or three.

Usage (from the project root, after `make site` made .venv):
    .venv/bin/python benchmarks/shared_events.py [--eval ../shared/eval] [--key events|claims]

Each BASIL triple (the New York Times, Fox News and HuffPost on one event) is written at run time
into a temporary seeds folder as one story, as benchmarks/build_speed.py writes them, and built once.
It prints, per story on average: how many units (`--key`) the digest holds, how many two outlets
share, how many all three share, the sentences in a shared unit; and how many stories share nothing
among all three. `--key claims` on an older checkout gives the "before" of issue 18. For events, it
then counts those two outlets share by what the third does: leave it out (the comparison page lists
it under what that outlet leaves out) or touch on it in a sentence on something else (``Event.near``).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import ROOT, write_basil  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--key", choices=("events", "claims"), default="events")
    args = parser.parse_args()
    if not (args.eval / "basil").is_dir():
        print(f"no evaluation data at {args.eval}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        seeds, out = Path(tmp) / "seeds", Path(tmp) / "out"
        write_basil(args.eval, seeds)
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--out", str(out)],
                                cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"build failed: {result.stderr.strip().splitlines()[-1:]}")
            return 1
        rows = []
        for path in sorted(out.glob("*/digest.json")):
            units = json.loads(path.read_text(encoding="utf-8")).get(args.key, [])
            shared = [u for u in units if len(u["sources"]) >= 2]
            two = [u for u in units if len(u["sources"]) == 2]
            touched = sum(bool(u.get("near")) for u in two)
            rows.append((len(units), len(two), sum(len(u["sources"]) >= 3 for u in units),
                         mean(sum(len(ids) for ids in u["sources"].values()) for u in shared) if shared else 0.0,
                         len(two) - touched, touched))
    print(f"{len(rows)} stories; per story: {args.key} {mean(r[0] for r in rows):.1f}, shared by two outlets "
          f"{mean(r[1] for r in rows):.1f}, by all three {mean(r[2] for r in rows):.1f}, sentences in a shared one "
          f"{mean(r[3] for r in rows):.1f}; stories with none shared by all three: {sum(r[2] == 0 for r in rows)}")
    if args.key == "events":
        print(f"events two outlets share, the third: leaves it out {sum(r[4] for r in rows)}, touches on it "
              f"{sum(r[5] for r in rows)} (in all {len(rows)} stories)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
