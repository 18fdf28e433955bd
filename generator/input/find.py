"""Find the article files of a seeds folder: what is read, what is skipped and why."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import SeedsError
from .read import ARTICLE_SUFFIXES

CONFIG_FILES = frozenset({"sources.yml", "sources.yaml", "feeds.yml", "fetched.yml"})
"""Files in the seeds folder that configure the build rather than hold an article."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file found in the seeds folder."""

    path: Path
    label: str
    """The path as shown to users: relative to the seeds folder's parent."""
    folder: str | None
    """The subfolder (a story forced by the user), or None for a loose file."""
    id: str
    """The source id: the file name without its extension ("ap"), unique within a story. Files
    are told apart by ``label`` (their path), so "niger/ap.txt" and "plague/ap.html" stay apart."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not read, and why."""

    label: str
    reason: str


def find_files(seeds: Path) -> tuple[list[Candidate], list[Skipped]]:
    """List the article files under ``seeds`` (one level of subfolders), in a stable order."""
    if not seeds.is_dir():
        raise SeedsError(f"seeds folder not found: {seeds}")
    root = seeds.resolve()
    found: list[Candidate] = []
    skipped: list[Skipped] = []
    for path in sorted(seeds.rglob("*"), key=lambda p: p.as_posix()):
        rel = path.relative_to(seeds)
        label = (Path(seeds.name) / rel).as_posix()
        if path.name in CONFIG_FILES:
            continue
        if any(part.startswith(".") for part in rel.parts):
            if path.suffix.lower() in ARTICLE_SUFFIXES and not any(p.startswith(".") for p in rel.parts[:-1]):
                skipped.append(Skipped(label, "hidden file (its name starts with a dot): not read"))
            continue
        if path.is_dir() and not path.is_symlink():
            if len(rel.parts) > 1:
                skipped.append(Skipped(label, "folders nested more than one level deep are not read"))
            continue
        if len(rel.parts) > 2:
            continue  # reported with its folder above
        if path.is_symlink() and not _inside(path, root):
            skipped.append(Skipped(label, "symbolic link pointing outside the seeds folder: not followed"))
            continue
        if path.is_dir():
            skipped.append(Skipped(label, "linked folder: not followed"))
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            skipped.append(Skipped(label, f"not an article (extension {path.suffix or 'none'!r})"))
            continue
        if not path.is_file():
            skipped.append(Skipped(label, "not a regular file (a pipe, socket or device): not read"))
            continue
        folder = rel.parts[0] if len(rel.parts) == 2 else None
        found.append(Candidate(path=path, label=label, folder=folder, id=path.stem))
    return found, skipped


def _inside(path: Path, root: Path) -> bool:
    try:
        return Path(os.path.realpath(path)).is_relative_to(root)
    except OSError:
        return False
