"""The command line: ``python -m generator build [--seeds DIR] [--out DIR] [--strict]``."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .build import build
from .errors import GeneratorError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("build", help="build the docs folder from a folder of articles")
    run.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles (default: seeds)")
    run.add_argument("--out", type=Path, default=Path("content"), help="docs folder to write (default: content)")
    run.add_argument("--strict", action="store_true", help="fail on any warning, as mkdocs build --strict does")
    args = parser.parse_args(argv)
    try:
        report = build(args.seeds, args.out, strict=args.strict)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    stories = len(report.digests)
    articles = sum(len(d.sources) for d in report.digests)
    state = "written" if report.written else "unchanged"
    print(f"{articles} articles in {stories} stories -> {args.out} ({state})", file=sys.stderr)
    return 0
