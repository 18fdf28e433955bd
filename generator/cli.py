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
    run.add_argument("--no-cache", action="store_true", help="redo every article and story instead of reusing cached results")
    args = parser.parse_args(argv)
    progress = _terminal_progress if sys.stderr.isatty() else None
    try:
        report = build(args.seeds, args.out, strict=args.strict, use_cache=not args.no_cache, progress=progress)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if progress is not None:
            print("\r\033[K", end="", file=sys.stderr)
    stories, articles = report.stories, report.articles
    state = "written" if report.written else "up to date" if report.up_to_date else "unchanged"
    reused = f", {report.reused} reused from the cache" if report.reused and not report.up_to_date else ""
    print(f"{articles} articles in {stories} stories -> {args.out} ({state}{reused})", file=sys.stderr)
    return 0


def _terminal_progress(message: str) -> None:
    """Show progress on one line of a terminal; CI and pipes get none."""
    print(f"\r\033[K{message}", end="", file=sys.stderr, flush=True)
