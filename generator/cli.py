"""The command line: ``python -m generator build [--seeds DIR] [--out DIR] [--strict]``, ``clean``, ``add``, ``update``."""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .build import build, clean
from .errors import FetchError, GeneratorError
from .input.fetch import Added, Client, add_pages, check_allowed_host, check_story

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
    add = commands.add_parser("add", help="fetch web pages into the seeds folder, as fetched")
    add.add_argument("urls", nargs="+", metavar="URL", help="http or https address of an article")
    add.add_argument("--story", type=_argument(check_story), help="put them in the story folder seeds/STORY/")
    follow = commands.add_parser("update", help="add the new items of the feeds listed in seeds/feeds.yml")
    for command in (add, follow):
        command.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles (default: seeds)")
        command.add_argument(
            "--allow-host", action="append", default=[], type=_argument(check_allowed_host), metavar="HOST",
            help="fetch from this host, address or network although it is private or loopback (repeatable)",
        )
    args = parser.parse_args(argv)
    if args.command == "clean":
        return _run(lambda: _clean(args.out))
    if args.command == "add":
        return _run(lambda: _add(args))
    if args.command == "update":
        return _run(lambda: _update(args))
    return _run(lambda: _build(args))


def _run(command: Callable[[], int | None]) -> int:
    try:
        return command() or 0
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code


def _argument(check: Callable[[str], str]) -> Callable[[str], str]:
    """Turn a FetchError from ``check`` into argparse's usage error (exit code 2)."""

    def convert(value: str) -> str:
        try:
            return check(value)
        except FetchError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


def _add(args: argparse.Namespace) -> int:
    client = Client(allow_hosts=tuple(args.allow_host))
    failed = 0
    for outcome in add_pages(args.urls, args.seeds, story=args.story, client=client):
        failed += _report(outcome, quiet=False)
    return 1 if failed else 0


def _update(args: argparse.Namespace) -> int:
    from .input.feeds import FeedReport, update  # imported here: feedparser is needed by this command only

    client = Client(allow_hosts=tuple(args.allow_host))
    failed = 0
    for outcome in update(args.seeds, client=client):
        if isinstance(outcome, FeedReport):
            print(f"feed {outcome.url}: {outcome.added} new, {outcome.known} added before, {outcome.failed} failed", file=sys.stderr)
        else:
            failed += _report(outcome, quiet=True)
    return 1 if failed else 0


def _report(outcome: Added | FetchError, *, quiet: bool) -> int:
    """Print one line for what became of an address; return 1 for a failure. ``quiet`` omits pages added before."""
    if isinstance(outcome, FetchError):
        print(f"error: {outcome}", file=sys.stderr)
        return 1
    if outcome.new:
        print(f"added {outcome.label} <- {outcome.url}", file=sys.stderr)
    elif not quiet:
        print(f"already added: {outcome.url} ({outcome.label or 'its file was removed'})", file=sys.stderr)
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
