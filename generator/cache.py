"""A content-addressed cache, so unchanged input is not redone: prepared sources, their term counts
for grouping, story digests, each story's rendered pages, and a record of the last build.

Keys hash the input bytes together with the generator's own files and the versions of Python and
of the libraries it depends on, so editing or upgrading any of them invalidates what depended on
it. Entries live in ``.<out>.cache`` beside the output folder.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import msgspec

PACKAGE = Path(__file__).resolve().parent
DISTRIBUTION = "news-explainer"
"""The name the package is installed under (pyproject.toml's ``name``)."""


@lru_cache(maxsize=1)
def generator_version() -> str:
    """Hash every file of the package (code and data, in subfolders too), Python's version and the
    installed versions of the package's dependencies: any change gives a new version."""
    digest = hashlib.sha256(" ".join([sys.version, *_dependency_versions()]).encode())
    files = (p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files, key=lambda p: p.relative_to(PACKAGE).as_posix()):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _dependency_versions() -> list[str]:
    """``name==version`` for each library the installed package requires (its extras left out)."""
    try:
        required = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return ["not installed"]  # run from a bare checkout: its libraries are whatever Python finds
    names = sorted({re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0] for r in required if "extra ==" not in r})
    versions = []
    for name in names:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return versions


def key(*parts: str | bytes) -> str:
    """Hash the parts, with the generator's version, into a cache key."""
    digest = hashlib.sha256(generator_version().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """JSON entries by kind and key under one folder (read and written with msgspec); a missing or unreadable entry is a miss."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def get(self, kind: str, entry: str) -> object | None:
        """Return the cached value, or None."""
        if self.root is None:
            return None
        try:
            return msgspec.json.decode((self.root / kind / entry[:2] / f"{entry}.json").read_bytes())
        except (OSError, msgspec.DecodeError):
            return None

    def folder(self, kind: str) -> Path | None:
        """A folder of this generator version's files of one kind that are not JSON entries (compiled
        templates), made on first use, the folders of other versions removed; None without a cache."""
        if self.root is None:
            return None
        here = self.root / kind / generator_version()[:32]
        try:
            if not here.is_dir():
                for old in here.parent.iterdir() if here.parent.is_dir() else ():
                    shutil.rmtree(old, ignore_errors=True)
                here.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # a cache that cannot be written only costs speed
        return here

    def has(self, kind: str, entry: str) -> bool:
        """Tell whether an entry is stored (without reading it: it may still be unreadable)."""
        return self.root is not None and (self.root / kind / entry[:2] / f"{entry}.json").is_file()

    def put(self, kind: str, entry: str, value: object) -> None:
        """Store a value; a cache that cannot be written only costs speed."""
        if self.root is None:
            return
        path = self.root / kind / entry[:2] / f"{entry}.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(msgspec.json.encode(value, order="sorted"))
            tmp.replace(path)
        except OSError:
            pass
