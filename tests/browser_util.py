"""Helpers for the browser tests: build a site into a folder, serve it on 127.0.0.1, find Chromium."""

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


def write_config(folder: Path, *, site_url: str | None = None) -> Path:
    """Write ``folder/mkdocs.yml``: the project's config for ``folder/content`` -> ``folder/site``, without the serve hook."""
    # INHERIT keeps every theme and Markdown setting of the real config; the hook and the watched
    # folders are for `mkdocs serve` in the repository and would not resolve from another folder.
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {json.dumps(str(ROOT / 'mkdocs.yml'))}\n"
        "docs_dir: content\n"
        "site_dir: site\n"
        "hooks: []\n"
        "watch: []\n" + (f"site_url: {json.dumps(site_url)}\n" if site_url else ""),
        encoding="utf-8",
    )
    return config


def build_site(seeds: Path, folder: Path, *, site_url: str | None = None) -> Path:
    """Generate ``folder/content`` from ``seeds`` and build it with ``mkdocs build --strict``; return the site folder."""
    build(seeds, folder / "content", warn=lambda line: None)
    config = write_config(folder, site_url=site_url)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "--config-file", str(config)],
        check=False,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return folder / "site"


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
