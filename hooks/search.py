"""MkDocs hook: site search with Pagefind, in place of Material's search plugin.

Material's search puts every page's text into one ``search/search_index.json`` that each reader
downloads whole (25 MB at a thousand articles). Pagefind indexes the built pages into many small
files; a search fetches Pagefind's UI, a small metadata file per index and only the chunks of the
words typed, and the excerpts of the results it shows.

The UI: ``templates/overrides/`` (Material's header with a search button and a dialog instead of the plugin's
search box, and ``assets/javascripts/search.js``, which loads Pagefind's UI when a reader opens
it). This hook puts that folder first among the theme's folders, as ``theme.custom_dir`` would;
custom_dir resolves against the folder of the config file being built, so a config that INHERITs
this one from elsewhere (tests/browser_util.py) would not find it.

The index: Pagefind has no incremental mode, and re-indexing a thousand stories takes longer than
the rest of a one-article rebuild. So after the build the pages of each section (a folder with an
index page: a story) go into one of ``SHARDS`` groups by the folder's name, each indexed on its own
into ``site/pagefind/shard/<n>/``; the site-wide pages (home, archive, problems), which change with
any story, go into ``site/pagefind/`` with Pagefind's UI, and ``site/pagefind/shards.json`` lists
the groups for the UI to merge. A group's index is kept in ``.site.cache/search/<key>`` beside
mkdocs.yml, keyed by its pages' paths and bytes, Pagefind's version and the options below, so a
rebuild runs Pagefind only on the groups whose pages changed; Pagefind gives the same bytes for
the same pages, so the site is the same as after a full build. Every group costs each search a
little more (see ``SHARDS``), so there are few.

Pages whose front matter says ``search: {exclude: true}`` (a source's full text, a redirect) are
left out, as Material's search leaves them out; so are a story's comparison page (its claims repeat
the sources' sentences), the coverage matrices and the page chrome. Readers find a story by its
title, summary, quotes and speakers, people, figures, timeline and disagreements.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

log = logging.getLogger("mkdocs.hooks.search")

OVERRIDES = Path(__file__).resolve().parent.parent / "templates" / "overrides"
"""The theme overrides that hold the search UI."""

SHARDS = 2
"""Groups of story folders, each indexed on its own. A search reads a chunk of every index for each word typed
(about 30 KiB each), so more groups make a one-story rebuild cheaper and every search dearer: at 988 articles
(2,839 pages indexed), a six-word title costs 517 KiB with one group, 682 with 2, 923 with 4, 1,315 with 8."""
UNINDEXED = ("comparison.md",)
"""Pages left out besides those whose front matter excludes them: a story's comparison repeats its sources'
sentences claim by claim (as the sources, left out, hold them), and took the most time to index."""
BUNDLE = "pagefind"
"""Where the index goes in the site: the UI and the site-wide pages' index, and shard/<n>/ for each group."""
CACHE = Path(".site.cache") / "search"
"""Each group's index by key, relative to mkdocs.yml."""
OPTIONS = (
    # Index the page's content column only: not the header, the navigation, the table of contents or the footer.
    "--root-selector", ".md-content",
    # Nor the heading permalinks' "¶", nor the coverage matrix, whose cells repeat each claim.
    "--exclude-selectors", ".headerlink",
    "--exclude-selectors", ".coverage-matrix",
    "--quiet",
)
"""Pagefind's command-line options for every index."""
SHARD_FILES = ("pagefind-entry.json", "index", "fragment")
"""What a merged index needs besides its metadata file (*.pf_meta); the UI and WebAssembly come from the main bundle."""

_files: Files | None = None


def on_config(config: Any) -> None:
    """Put the search UI's theme overrides first among the theme's folders."""
    if str(OVERRIDES) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(OVERRIDES))


def on_files(files: Files, *, config: Any) -> None:
    """Keep the build's files: after the build, their pages' front matter says which to index."""
    global _files
    _files = files


def pagefind_version() -> str:
    """Return the installed Pagefind's version; fail the build with a hint when it is missing."""
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        raise PluginError("search index: Pagefind is not installed (pip install 'pagefind[bin]', or make site)") from None


def group_of(src_uri: str, sections: set[str]) -> str:
    """Name the index a page goes into: a section's (a folder with an index page: a story) by the shard of
    its folder's name; any other page's (home, archive, problems), the main one, ""."""
    folder, slash, _ = src_uri.partition("/")
    if not slash or folder not in sections:
        return ""
    return f"shard/{int(hashlib.sha256(folder.encode()).hexdigest(), 16) % SHARDS}"


def indexed_pages(files: Files) -> dict[str, list[tuple[str, Path]]]:
    """Map each index to its pages (path in the site, built file), leaving out UNINDEXED pages and those whose front matter excludes them."""
    pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
    sections = {f.src_uri.split("/")[0] for f in pages if f.src_uri.count("/") == 1 and f.src_uri.endswith("/index.md")}
    groups: dict[str, list[tuple[str, Path]]] = {}
    for file in pages:
        page = file.page
        search = (page.meta.get("search") if page is not None else None) or {}
        if page is None or (isinstance(search, dict) and search.get("exclude")) or file.src_uri.rsplit("/", 1)[-1] in UNINDEXED:
            continue
        groups.setdefault(group_of(file.src_uri, sections), []).append((file.dest_uri, Path(file.abs_dest_path)))
    return {name: sorted(pages) for name, pages in sorted(groups.items())}


class Digests:
    """Each built page's SHA-256, kept between builds by path, size and time so that unchanged pages are not read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.known: dict[str, list[Any]] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, list[Any]] = {}

    def __call__(self, page: Path) -> str:
        status = page.stat()
        was = self.known.get(str(page))
        if was is None or was[:2] != [status.st_size, status.st_mtime_ns]:
            was = [status.st_size, status.st_mtime_ns, hashlib.sha256(page.read_bytes()).hexdigest()]
        self.used[str(page)] = was
        return str(was[2])

    def save(self) -> None:
        self.path.write_text(json.dumps(self.used), encoding="utf-8")


def index_key(version: str, pages: list[tuple[str, Path]], digest_of: Any) -> str:
    """Hash what one index is made of: Pagefind's version and options, and each page's path and bytes."""
    digest = hashlib.sha256(json.dumps([version, OPTIONS]).encode())
    for dest, path in pages:
        digest.update(dest.encode() + b"\0" + digest_of(path).encode())
    return digest.hexdigest()


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def run_pagefind(pages: list[tuple[str, Path]], out: Path) -> None:
    """Index ``pages`` alone into ``out``: Pagefind reads a folder holding just them, at their paths in the site."""
    stage = out.with_name(out.name + ".pages")
    shutil.rmtree(stage, ignore_errors=True)
    for dest, path in pages:
        target = stage / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(str(path), str(target))
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(stage), "--output-path", str(partial), *OPTIONS],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise PluginError(f"search index: pagefind failed on {len(pages)} pages: {(done.stderr or done.stdout).strip()[-500:]}")
        os.replace(partial, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        shutil.rmtree(partial, ignore_errors=True)


def _bundle_files(source: Path, main: bool) -> list[Path]:
    """The files of one index that go into the site: all for the main bundle, the index alone for a shard."""
    tops = [e for e in source.iterdir() if main or e.name in SHARD_FILES or e.suffix == ".pf_meta"]
    return sorted(p for top in tops for p in ([top] if top.is_file() else top.rglob("*")) if p.is_file())


def _place(source: Path, target: Path, main: bool) -> None:
    """Make ``target`` hold the index in ``source`` (left as it is when it already does)."""
    # Pagefind's entry file names its metadata file by hash, which names every chunk by hash.
    entry = target / "pagefind-entry.json"
    if entry.is_file() and entry.read_bytes() == (source / "pagefind-entry.json").read_bytes():
        metas = [p.name for p in source.glob("*.pf_meta")]
        if metas and all((target / name).is_file() for name in metas):
            return
    wanted = {p.relative_to(source).as_posix(): p for p in _bundle_files(source, main)}
    present = {}
    if target.is_dir():
        tops = [e for e in target.iterdir() if not (main and e.name in ("shard", "shards.json"))]
        present = {p.relative_to(target).as_posix(): p for top in tops
                   for p in ([top] if top.is_file() else top.rglob("*")) if p.is_file()}
    # Pagefind names its chunks by their content; its entry file names the metadata's: read that one.
    def summary(files: dict[str, Path]) -> dict[str, Any]:
        return {k: p.read_bytes() if k.endswith(".json") else p.stat().st_size for k, p in files.items()}

    if summary(present) == summary(wanted):
        return
    for name, path in present.items():
        path.unlink()
    for name, path in sorted(wanted.items()):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(str(path), str(target / name))
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def build_index(site: Path, cache: Path, groups: dict[str, list[tuple[str, Path]]]) -> tuple[int, int]:
    """Make ``site/pagefind`` hold the groups' indexes, running Pagefind on those not in ``cache``; return (built, reused)."""
    version = pagefind_version()
    digests = Digests(cache / "pages.json")
    keys = {name: index_key(version, pages, digests) for name, pages in groups.items()}
    missing = [name for name, key in keys.items() if not (cache / key).is_dir()]
    cache.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max(1, min(len(missing), os.cpu_count() or 1))) as pool:
        for future in [pool.submit(run_pagefind, groups[name], cache / keys[name]) for name in missing]:
            future.result()
    bundle = site / BUNDLE
    for name, key in keys.items():
        _place(cache / key, bundle / name, main=not name)
    for old in (bundle / "shard").iterdir() if (bundle / "shard").is_dir() else ():
        if f"shard/{old.name}" not in keys:
            shutil.rmtree(old)
    shards = [f"{name}/" for name in sorted(keys) if name]
    (bundle / "shards.json").write_text(json.dumps(shards) + "\n", encoding="utf-8")
    used = set(keys.values())
    for old in cache.iterdir():
        if old.is_dir() and old.name not in used:
            shutil.rmtree(old, ignore_errors=True)
    digests.save()
    return len(missing), len(keys) - len(missing)


def on_post_build(*, config: Any) -> None:
    """Index the site just built."""
    if _files is None:
        return
    start = time.perf_counter()
    groups = indexed_pages(_files)
    if "" not in groups:
        raise PluginError("search index: no page outside a folder to hold the main index (the home page?)")
    root = Path(config.config_file_path).resolve().parent
    built, reused = build_index(Path(config.site_dir), root / CACHE, groups)
    pages = sum(len(p) for p in groups.values())
    log.info(
        "search index: %d pages in %d indexes (%d built, %d reused) in %.1f s",
        pages, len(groups), built, reused, time.perf_counter() - start,
    )
