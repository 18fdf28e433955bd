"""The command line: ``python -m generator build [--seeds DIR] [--out DIR] [--strict]`` and ``clean``."""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .build import build, clean
from .errors import GeneratorError

LOG_INTERVAL = 10.0
"""Seconds between progress lines in a log (stderr not a terminal); every stage also gets one."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("build", help="build the docs folder from a folder of articles")
    run.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles (default: seeds)")
    run.add_argument("--out", type=Path, default=Path("content"), help="docs folder to write (default: content)")
    run.add_argument("--strict", action="store_true", help="fail on any warning, as mkdocs build --strict does")
    run.add_argument("--no-cache", action="store_true", help="redo every article and story instead of reusing cached results")
    tidy = commands.add_parser("clean", help="remove a docs folder this tool wrote, its cache and leftovers")
    tidy.add_argument("--out", type=Path, default=Path("content"), help="docs folder to remove (default: content)")
    args = parser.parse_args(argv)
    if args.command == "clean":
        return _run(lambda: _clean(args.out))
    return _run(lambda: _build(args))


def _run(command: Callable[[], None]) -> int:
    try:
        command()
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


def _build(args: argparse.Namespace) -> None:
    progress: Callable[[str], None] = _TerminalProgress() if sys.stderr.isatty() else _LogProgress()
    try:
        report = build(args.seeds, args.out, strict=args.strict, use_cache=not args.no_cache, progress=progress)
    finally:
        if isinstance(progress, _TerminalProgress):
            progress.clear()
    stories, articles = report.stories, report.articles
    state = "written" if report.written else "up to date" if report.up_to_date else "unchanged"
    reused = f", {report.reused} reused from the cache" if report.reused and not report.up_to_date else ""
    print(f"{articles} articles in {stories} stories -> {args.out} ({state}{reused})", file=sys.stderr)


def _clean(out: Path) -> None:
    removed = clean(out)
    print(f"removed {len(removed)} folders and files: {', '.join(str(p) for p in removed) or 'none'}", file=sys.stderr)


class _TerminalProgress:
    """Show progress on one line of a terminal, rewritten in place."""

    def __call__(self, message: str) -> None:
        print(f"\r\033[K{message}", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        print("\r\033[K", end="", file=sys.stderr, flush=True)


class _LogProgress:
    """Print progress as lines for a log: each new stage, and a count at most every LOG_INTERVAL s."""

    def __init__(self, *, interval: float = LOG_INTERVAL, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval, self.clock = interval, clock
        self.stage, self.last = "", clock()

    def __call__(self, message: str) -> None:
        stage, _, count = message.partition(": ")
        done, _, total = count.partition("/")
        now = self.clock()
        if stage != self.stage or now - self.last >= self.interval or (done and done == total):
            print(f"progress: {message}", file=sys.stderr, flush=True)
            self.stage, self.last = stage, now
