#!/usr/bin/env python3
"""Time `make site` on about a thousand real articles, then one more article, and weigh the site and its first search.

Usage (from the project root, after `make site` made .venv):
    .venv/bin/python benchmarks/site_scale.py [--eval ../shared/eval] [--size 2x] [--project .] [--keep DIR] [--no-compare]

It writes the flat seeds folder of benchmarks/scale.py (BASIL, Multi-News and PolNeAR articles loose
in one folder; 2x, the default, adds the mirrored copy: 988 articles) into a temporary folder laid
out like this project: the project's Makefile, mkdocs.yml, generator/, templates/ (with the theme's
overrides) and hooks/ copied (edits made meanwhile would change the caches' keys, and with them what is
measured), its .venv and pyproject.toml linked. There it runs `make site` as a reader of the
README would, with a shell wrapper that times each command of the recipe. It prints:

1. the full `make site` (every command: generator, mkdocs build with its hooks and search
   indexing) into the fresh folder, one article held back, and what the hooks reported;
2. the same folder after that one article is added (`make site` again);
3. the site: bytes, files, HTML pages, and each per story;
4. (unless --no-compare) a fresh full `make site` of the same seeds in a second folder, its time,
   and whether both sites and both docs folders are the same bytes;
5. what a reader's first search fetches in Chromium: the home page is loaded (every request
   counted), a quote's speaker is typed into the search box, and once results are shown every
   response is summed: the bytes of search requests (index, worker, UI) and of everything fetched
   after the page load. The local server sends no compression, so these are the files' own sizes.

`--project DIR` takes the Makefile, mkdocs.yml, hooks/ and templates/ from another folder
where it has them (for example an older commit's files, to measure the site as it was); the .venv
and whatever that folder lacks stay this project's.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import collect, sized  # noqa: E402

COPIED = ("Makefile", "mkdocs.yml", "generator", "templates", "hooks")
"""Copied into the benchmark folder: relative paths resolve there, and the code stays as it was at the start."""
LINKED = (".venv", "pyproject.toml")
"""Linked from the project (or from this repository when the project has none)."""
REPORTED = ("page cache:", "search index:")
"""What the hooks log about their work, printed under each make site."""

# The shell make runs each recipe line with: it appends "<nanoseconds>\t<command>" to $SITE_SCALE_TIMES.
_TIMED_SHELL = """#!/bin/sh
start=$(date +%s%N)
/bin/sh "$@"
code=$?
printf '%s\\t%s\\n' "$(( $(date +%s%N) - start ))" "$2" | tr -d '\\n' >> "$SITE_SCALE_TIMES"
printf '\\n' >> "$SITE_SCALE_TIMES"
exit $code
"""

SEARCH_UIS = {
    # Material's own search: the header's magnifier, its input and its result links.
    "material": ("label.md-search__icon, input.md-search__input", "input.md-search__input", ".md-search-result__item a"),
    # Pagefind's UI in the header (templates/overrides/partials/header.html).
    "pagefind": ("[data-search-open]", ".pagefind-ui__search-input", ".pagefind-ui__result-link"),
}


def lay_out(folder: Path, project: Path, seeds: list[tuple[str, str]]) -> None:
    """Make ``folder`` a copy of the project's build set-up with ``seeds`` as its seeds folder."""
    folder.mkdir(parents=True)
    for name in COPIED:
        source = project / name if (project / name).exists() else ROOT / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    for name in LINKED:
        source = project / name if (project / name).exists() else ROOT / name
        if source.exists():
            (folder / name).symlink_to(source.resolve())
    (folder / "seeds").mkdir()
    for name, text in seeds:
        (folder / "seeds" / name).write_text(text, encoding="utf-8")
    (folder / "timed-sh").write_text(_TIMED_SHELL, encoding="utf-8")
    (folder / "timed-sh").chmod(0o755)


def make_site(folder: Path) -> tuple[float, list[tuple[float, str]], list[str]]:
    """Run `make site` in ``folder``; return the seconds, (seconds, command) for each command, the hooks' reports."""
    times = folder / "times.tsv"
    times.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITE_URL", "SEEDS", "CONTENT")}
    env["SITE_SCALE_TIMES"] = str(times)
    start = time.perf_counter()
    # -o: never reinstall the linked .venv from here, even when pyproject.toml is newer than its stamp.
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", f"SHELL={folder / 'timed-sh'}", "site"],
        cwd=folder, capture_output=True, text=True, env=env,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"make site failed in {folder}:\n{done.stderr[-3000:]}")
    notes = [line.split("-  ", 1)[-1].strip() for line in done.stderr.splitlines() if any(w in line for w in REPORTED)]
    steps = []
    for line in times.read_text(encoding="utf-8").splitlines():
        nanos, _, command = line.partition("\t")
        steps.append((int(nanos) / 1e9, command))
    return seconds, steps, notes


def _short(command: str) -> str:
    """Name a recipe command by its program and subcommand: ".venv/bin/mkdocs build --strict" -> "mkdocs build"."""
    words = [w for w in command.split() if not w.startswith("-")]
    if not words:
        return command
    program = Path(words[0]).name
    rest = words[1:]
    if program.startswith("python") and rest:
        program, rest = rest[0], rest[1:]
    return " ".join([program] + rest[:1])


def print_steps(label: str, seconds: float, steps: list[tuple[float, str]], notes: list[str]) -> None:
    """Print the time of one `make site`, of each command it ran, and what the hooks reported."""
    parts = ", ".join(f"{_short(c)} {s:.1f} s" for s, c in steps)
    print(f"{label}: {seconds:.1f} s ({parts})")
    for note in notes:
        print(f"    {note}")


def site_size(site: Path) -> tuple[int, int, int]:
    """Return (bytes, files, HTML pages) of a built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files), sum(1 for p in files if p.suffix == ".html")


def tree(root: Path) -> dict[str, bytes]:
    """Map each file under ``root`` to its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(one: Path, two: Path) -> list[str]:
    """List the files that differ between two folders (missing on one side, or other bytes)."""
    a, b = tree(one), tree(two)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def a_speaker(content: Path) -> str:
    """Return the quote speaker named in the most stories (a name of two words or more; ties by name)."""
    stories: dict[str, int] = {}
    for path in sorted(content.glob("*/digest.json")):
        names = {str(q["speaker"]) for q in json.loads(path.read_text(encoding="utf-8")).get("quotes", []) if q.get("speaker")}
        for name in names:
            if len(name.split()) >= 2:
                stories[name] = stories.get(name, 0) + 1
    if not stories:
        raise SystemExit("no story has a quote with a speaker")
    return min(stories, key=lambda name: (-stories[name], name))


def is_search(url: str) -> bool:
    """Tell whether a request serves search: an index, the search worker or the search UI."""
    path = url.split("?", 1)[0]
    return "/pagefind/" in path or "/search/" in path or "/workers/search" in path


def first_search(site: Path, query: str) -> dict[str, Any] | None:
    """Load the home page in Chromium, search for ``query``; return the requests' bytes, or None without a browser."""
    from tests.browser_util import CHROMIUM, CHROMIUM_ARGS, serve

    try:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    opener, box_selector, result_selector = SEARCH_UIS["pagefind" if (site / "pagefind").is_dir() else "material"]
    fetched: list[tuple[str, int, bool]] = []  # (url, body bytes, after the page load)
    loaded = False

    def finished(request: Any) -> None:
        # A worker's script reports no body size: take the server's Content-Length then.
        response = request.response()
        length = int((response.headers.get("content-length") if response else None) or 0)
        fetched.append((request.url, max(int(request.sizes()["responseBodySize"]), length), loaded))

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        context.set_default_timeout(20_000)
        context.on("requestfinished", finished)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        load_seconds = time.perf_counter() - start
        loaded = True
        start = time.perf_counter()
        page.locator(opener).first.click()
        box = page.locator(box_selector)
        results = page.locator(result_selector)
        for _ in range(240):  # Material's worker ignores queries typed before its index is built
            box.fill(query)
            box.press("End")
            try:
                results.first.wait_for(timeout=250)
                break
            except PlaywrightTimeout:
                continue
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        search_seconds = time.perf_counter() - start
        hits = results.count()
        browser.close()
    return {
        "query": query,
        "results": hits,
        "load_seconds": load_seconds,
        "search_seconds": search_seconds,
        "load_bytes": sum(n for _, n, after in fetched if not after),
        "load_requests": sum(1 for _, _, after in fetched if not after),
        "after_bytes": sum(n for _, n, after in fetched if after),
        "after_requests": sum(1 for _, _, after in fetched if after),
        "search_bytes": sum(n for url, n, _ in fetched if is_search(url)),
        "search_requests": sum(1 for url, _, _ in fetched if is_search(url)),
        "largest": max(((n, url.removeprefix(base)) for url, n, _ in fetched if is_search(url)), default=(0, "")),
    }


def main() -> int:
    """Build the archive, add one article, measure; print one figure a line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--size", choices=("0.5x", "1x", "2x"), default="2x", help="2x: about a thousand articles")
    ap.add_argument("--project", type=Path, default=ROOT, help="the folder whose Makefile, mkdocs.yml, hooks/ and templates/ are used")
    ap.add_argument("--keep", type=Path, help="work in this (new) folder and keep it, instead of a temporary one")
    ap.add_argument("--no-compare", action="store_true", help="skip the second full build that checks the bytes")
    args = ap.parse_args()
    if not (args.eval / "basil" / "articles").is_dir():
        print(f"no evaluation data at {args.eval}")
        return 1
    named = collect(args.eval)
    full = sized(named)[args.size]
    # The one more article: the last BASIL article, whose two sibling reports of the same event are in.
    included = {name for name, _ in full}
    extra_name = max(name for name, event, _ in named if event.startswith("basil:") and name in included)
    extra = next(item for item in full if item[0] == extra_name)
    held = [item for item in full if item[0] != extra_name]

    work = args.keep or Path(tempfile.mkdtemp(prefix="site-scale-"))
    try:
        archive = work / "archive"
        lay_out(archive, args.project.resolve(), held)
        print(f"archive: {len(full)} articles ({args.size}), built with {len(held)}, then {extra_name} added; "
              f"project files from {args.project}")
        seconds, steps, notes = make_site(archive)
        stories = sum(1 for _ in (archive / "content").glob("*/digest.json"))
        print_steps(f"full make site, {len(held)} articles -> {stories} stories", seconds, steps, notes)
        (archive / "seeds" / extra[0]).write_text(extra[1], encoding="utf-8")
        more, more_steps, more_notes = make_site(archive)
        stories = sum(1 for _ in (archive / "content").glob("*/digest.json"))
        print_steps("one more article, make site again", more, more_steps, more_notes)
        size, files, pages = site_size(archive / "site")
        print(f"site: {size / 2**20:.1f} MiB in {files} files, {pages} HTML pages, for {stories} stories; "
              f"per story {size / stories / 1024:.0f} KiB, {files / stories:.1f} files, {pages / stories:.1f} pages")
        for s, command in steps:
            print(f"per story, full build: {_short(command)} {1000 * s / stories:.0f} ms")
        if not args.no_compare:
            fresh = work / "fresh"
            lay_out(fresh, args.project.resolve(), full)
            again, again_steps, again_notes = make_site(fresh)
            print_steps(f"full make site of the same {len(full)} articles in a fresh folder", again, again_steps, again_notes)
            for name in ("site", "content"):
                diff = differences(archive / name, fresh / name)
                verdict = "the same bytes" if not diff else f"{len(diff)} files differ: {', '.join(diff[:8])}"
                print(f"{name}/ after one more article against a fresh full build: {verdict}")
        search = first_search(archive / "site", a_speaker(archive / "content"))
        if search is None:
            print("first search: skipped (no playwright or no /usr/bin/chromium)")
        else:
            largest_bytes, largest_url = search["largest"]
            print(f"home page load: {search['load_requests']} requests, {search['load_bytes'] / 1024:.0f} KiB "
                  f"in {search['load_seconds']:.1f} s")
            print(f"first search for {search['query']!r}: {search['results']} results in {search['search_seconds']:.1f} s; "
                  f"search requests since the page load began: {search['search_requests']}, "
                  f"{search['search_bytes'] / 1024:.0f} KiB (largest {largest_url} {largest_bytes / 1024:.0f} KiB); "
                  f"everything fetched after the page load: {search['after_requests']} requests, "
                  f"{search['after_bytes'] / 1024:.0f} KiB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
