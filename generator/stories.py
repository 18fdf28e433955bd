"""Find the article files of a seeds folder and decide which story each belongs to."""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import SeedsError
from .model import Source, StoryInfo
from .read import ARTICLE_SUFFIXES
from .textutil import slugify

CONFIG_FILES = frozenset({"sources.yml", "sources.yaml"})
"""Files in the seeds folder that configure the build rather than hold an article."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file found in the seeds folder."""

    path: Path
    label: str
    """The path as shown to users: relative to the seeds folder's parent."""
    folder: str | None
    """The subfolder (a story forced by the user), or None for a loose file."""


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
        if any(part.startswith(".") for part in rel.parts) or path.name in CONFIG_FILES:
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
        found.append(Candidate(path=path, label=label, folder=rel.parts[0] if len(rel.parts) == 2 else None))
    return found, skipped


def _inside(path: Path, root: Path) -> bool:
    try:
        return Path(os.path.realpath(path)).is_relative_to(root)
    except OSError:
        return False


def plan_stories(
    sources: Sequence[Source],
    folders: Mapping[str, str | None],
    *,
    previous: Mapping[str, str] | None = None,
    titles: Mapping[str, str],
) -> list[tuple[StoryInfo, list[Source]]]:
    """Group sources into stories: one per subfolder, the loose ones together; give stable slugs.

    ``folders`` maps a source id to its subfolder; ``previous`` maps source ids to the slug of the
    story they were in at the last build, so a story keeps its URL when an article joins it;
    ``titles`` maps a story key to its title.
    """
    groups: dict[str, list[Source]] = {}
    for source in sources:
        key = folders.get(source.id) or ""
        groups.setdefault(key, []).append(source)
    taken: set[str] = set()
    plan = []
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda s: s.id)
        slug = _slug(key, members, previous or {}, titles[key])
        unique, n = slug, 2
        while unique in taken:
            unique, n = f"{slug}-{n}", n + 1
        taken.add(unique)
        plan.append((StoryInfo(slug=unique, title=titles[key]), members))
    return plan


def _slug(key: str, members: Sequence[Source], previous: Mapping[str, str], title: str) -> str:
    if key:
        return slugify(key) or "story"
    earlier = sorted({previous[s.id] for s in members if s.id in previous})
    if earlier:
        return earlier[0]
    return slugify(title) or "story"
