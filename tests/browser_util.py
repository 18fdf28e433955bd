"""Helpers for the site tests: build a site into a folder as `make site` does, serve it on 127.0.0.1, find Chromium."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from generator.build import build

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium package; playwright's own browser download does not work offline."""
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def write_config(folder: Path, *, site_url: str | None = None, hooks: bool = False) -> Path:
    """Write ``folder/mkdocs.yml``: the project's config for ``folder/content`` -> ``folder/site``; with ``hooks``, its hooks too."""
    # INHERIT keeps every theme and Markdown setting of the real config; the hooks are given by
    # absolute path (a relative one would resolve from ``folder``) and no folder is watched.
    config = folder / "mkdocs.yml"
    listed = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["hooks"] if hooks else []
    config.write_text(
        f"INHERIT: {json.dumps(str(ROOT / 'mkdocs.yml'))}\n"
        "docs_dir: content\n"
        "site_dir: site\n"
        f"hooks: {json.dumps([str(ROOT / hook) for hook in listed])}\n"
        "watch: []\n" + (f"site_url: {json.dumps(site_url)}\n" if site_url else ""),
        encoding="utf-8",
    )
    return config


def make_site(seeds: Path, folder: Path, *, site_url: str | None = None, cache: bool = True) -> str:
    """Build ``seeds`` into ``folder/site`` as `make site` does; return what MkDocs logged.

    The generator writes ``folder/content``; ``mkdocs build --strict --dirty`` builds it with the
    project's hooks (page cache, Pagefind search). Without ``cache`` the page cache is off and the
    build is a plain full one (MkDocs' own --dirty would warn).
    """
    build(seeds, folder / "content", warn=lambda line: None)
    config = write_config(folder, site_url=site_url, hooks=True)
    command = ["build", "--strict", "--dirty"] if cache else ["build", "--strict"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0", "MKDOCS_PAGE_CACHE": "1" if cache else "0"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), *command, "--config-file", str(config)],
        check=False, cwd=folder, capture_output=True, text=True, timeout=600, env=env,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return result.stderr


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, *, port: int = 0) -> Iterator[str]:
    """Serve the folder ``site`` on 127.0.0.1 (at a free port unless given); yield its base URL ending in "/"."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def site_pages(site: Path) -> list[str]:
    """List every HTML page of a built site as a URL path relative to its root, sorted."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


SEARCH_OPEN = "[data-search-open]"
"""The header's search button (templates/overrides/partials/header.html)."""
SEARCH_BOX = ".pagefind-ui__search-input"
"""Pagefind's search input, in the dialog the button opens."""
SEARCH_RESULTS = ".pagefind-ui__result-link"
"""The link of each result Pagefind shows."""


def search(page: Any, query: str) -> Any:
    """Type ``query`` into the site's search, opening it if it is closed; return the links of its results."""
    if not page.locator("dialog#__pagefind[open]").count():
        page.locator(SEARCH_OPEN).click()
    page.locator(SEARCH_BOX).fill(query)
    return search_results(page, query)


def search_results(page: Any, query: str) -> Any:
    """Wait until the open search shows its results for ``query``; return their links."""
    # Pagefind says "N results for <query>" once it has searched for what was typed last.
    page.wait_for_function("q => document.querySelector('.pagefind-ui__message')?.textContent.includes(q)", arg=query)
    results = page.locator(SEARCH_RESULTS)
    results.first.wait_for()
    return results
