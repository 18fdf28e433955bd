"""Write the docs folder safely: refuse folders that are not ours, one build at a time, atomic swap.

The output folder is replaced whole on every build, so the build must never take a folder that
holds anything else: the seeds, a user's own files, a file. Every folder this tool writes carries a
marker file (as Sphinx's ``.buildinfo`` marks its output); an existing folder without it is refused.
A lock beside the folder makes a second build into it wait; folders left by a build that was killed
are removed by the next one.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError

try:
    import fcntl
except ImportError:  # Windows: builds into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]

MARKER = ".news-explainer-output"
"""The file that marks a folder as written by this tool; MkDocs skips dot files."""
MARKER_TEXT = (
    b"This folder is written by `python -m generator build` and replaced whole on every build.\n"
    b"Do not keep your own files here.\n"
)


@dataclass(frozen=True, slots=True)
class Page:
    """One file of the generated docs folder."""

    path: str
    """Relative to the docs folder, with forward slashes."""
    content: bytes


def check_output(out: Path, seeds: Path) -> None:
    """Refuse an output folder whose replacement would lose files the user keeps there."""
    where, articles = out.resolve(), seeds.resolve()
    if where == articles or where.is_relative_to(articles) or articles.is_relative_to(where):
        raise OutputError(f"refusing to write into {out}: it is, holds or is inside the seeds folder {seeds}")
    if out.is_symlink():
        raise OutputError(f"refusing to write into {out}: it is a symbolic link; name the folder itself")
    if out.exists() and not out.is_dir():
        raise OutputError(f"refusing to write into {out}: it is an existing file, not a folder this tool wrote")
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise OutputError(
            f"refusing to write into {out}: it holds files this tool did not write (no {MARKER} in it);"
            " choose a new or empty folder, or remove this one"
        )


def lock_path(out: Path) -> Path:
    """Return the lock file that serialises builds into ``out``."""
    return out.parent / f".{out.name}.lock"


@contextmanager
def output_lock(out: Path, *, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output folder for one build; a second build waits until the first is done."""
    if fcntl is None:
        yield
        return
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")
    except OSError as exc:
        raise OutputError(f"cannot create the lock file {path}: {exc.strerror or exc}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(f"waiting for another build into {out} to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale(out: Path) -> list[Path]:
    """Remove the half-written and old folders that a killed build left beside ``out``.

    Call it holding the output lock: then no build is writing them. Only folders with this tool's
    names that carry its marker (or are empty) are removed.
    """
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(new|old)-\d+")
    removed = []
    for path in sorted(out.parent.glob(f".{out.name}.*-*")) if out.parent.is_dir() else ():
        if not pattern.fullmatch(path.name) or path.is_symlink() or not path.is_dir():
            continue
        if (path / MARKER).is_file() or not any(path.iterdir()):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def publish(pages: Iterable[Page], out: Path, *, kept: Iterable[str] = ()) -> bool:
    """Write the pages as a new folder and swap it in for ``out``; False when nothing changed.

    The old folder is kept until the new one is complete, so a failure leaves it as it was. A page
    whose bytes did not change is linked from the old folder rather than written, so it keeps its
    file and time stamp: only changed pages are rewritten. ``kept``: files of ``out`` (relative
    paths) known to hold what this build would write, linked (or copied) without being read. Raise
    OutputError, naming the file, when the disk is full or a file cannot be written.
    """
    pages = sorted([Page(MARKER, MARKER_TEXT), *pages], key=lambda p: p.path)
    kept = sorted(kept)
    same = _same_as_before(pages, out)
    if len(same) == len(pages) and _files(out) == sorted([*(p.path for p in pages), *kept]):
        return False
    fresh = out.parent / f".{out.name}.new-{os.getpid()}"
    stale = out.parent / f".{out.name}.old-{os.getpid()}"
    target = fresh
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir()
        folders = {fresh}

        def make_folder(file: Path) -> None:
            """Make the folder of a file of the new folder, once (a story's dozen pages share two folders)."""
            if file.parent not in folders:
                file.parent.mkdir(parents=True, exist_ok=True)
                folders.add(file.parent)

        for page in pages:  # the marker first: a killed build's folder is recognisable as ours
            target = fresh / page.path
            make_folder(target)
            if not (page.path in same and _link(out / page.path, target)):
                target.write_bytes(page.content)
        for path in kept:
            target = fresh / path
            make_folder(target)
            if not _link(out / path, target):
                shutil.copy2(out / path, target)
        target = out
        if out.exists():
            out.rename(stale)
        fresh.rename(out)
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        raise OutputError(f"cannot write {target}: {reason}; {out} is left as it was") from exc
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(stale, ignore_errors=True)
    return True


def _same_as_before(pages: Sequence[Page], out: Path) -> set[str]:
    """The pages whose file in ``out`` already holds their bytes, each file read once."""
    same = set()
    for page in pages:
        old = out / page.path
        try:
            if old.stat().st_size == len(page.content) and old.read_bytes() == page.content:
                same.add(page.path)
        except OSError:
            continue  # not there, or not a file: written afresh
    return same


def _link(old: Path, target: Path) -> bool:
    """Link an unchanged page's file into the new folder, keeping its time stamp; False where links fail."""
    try:
        os.link(old, target)
        return True
    except OSError:
        return False  # no hard links here (another file system): write the page instead


def _files(out: Path) -> list[str]:
    """Every file under ``out``, as sorted relative paths."""
    return sorted(file_stamps(out))


def file_stamps(out: Path) -> dict[str, list[int]]:
    """Every file under ``out`` (a link is followed, not listed) by relative path, with its size and
    modification time: enough to see it was touched. Empty when ``out`` is no folder."""
    stamps: dict[str, list[int]] = {}
    folders = [(out, "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # no folder (or not ours to read): nothing of the output is there
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((Path(entry.path), f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    status = entry.stat()
                    stamps[f"{prefix}{entry.name}"] = [status.st_size, status.st_mtime_ns]
            except OSError:
                continue  # a dangling link is no file of the output
    return stamps
