"""MkDocs hook: under ``mkdocs serve``, regenerate the docs folder from the seeds before every build.

mkdocs.yml lists it under ``hooks:`` and adds ``seeds`` and ``templates`` to ``watch:``, so an edit to
an article or a template rebuilds the site. The generator writes nothing when the pages are already
there, so a regeneration never causes another one. A failing regeneration prints one line and the
server goes on with the previous pages. ``mkdocs build`` is left alone: ``make site`` has just
generated the docs folder, perhaps from other seeds (``make site SEEDS=...``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

SEEDS = "seeds"
"""The folder of articles, relative to mkdocs.yml, unless the environment variable SEEDS names another."""

_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this run is ``mkdocs serve``."""
    global _serving
    _serving = command == "serve"


def on_serve(server: Any, *, config: Any, builder: Any) -> Any:
    """Stop watching the docs folder: it is generated from the watched seeds and templates."""
    # Otherwise the pages a regeneration writes would count as a second change and rebuild once more.
    server.unwatch(config["docs_dir"])
    return server


def seeds_folder(config: Any) -> Path:
    """Return the folder of articles: $SEEDS, or ``seeds`` next to mkdocs.yml."""
    base = Path(config["config_file_path"]).resolve().parent
    return base / os.environ.get("SEEDS", SEEDS)


def on_pre_build(*, config: Any) -> None:
    """Regenerate the docs folder from the seeds when serving; print one line saying what happened."""
    if not _serving:
        return
    from generator.build import build  # only when serving: `mkdocs build` does not pay for the import

    docs = Path(config["docs_dir"])
    try:
        report = build(seeds_folder(config), docs)
    except Exception as exc:  # noqa: BLE001 - a live preview must survive any failure of the generator
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(
            f"regenerate: failed, serving the previous pages: {message}",
            file=sys.stderr,
        )
        return
    state = "regenerated" if report.written else "unchanged"
    print(f"regenerate: {docs.name} {state}", file=sys.stderr)
