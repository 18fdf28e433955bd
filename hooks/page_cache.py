"""MkDocs hook: build only what changed, render the rest on every core, and give the same bytes as a full build.

MkDocs converts every page's Markdown and renders every page's template on each build, in one
process: at a thousand articles (about 4,800 pages) that is most of ``make site``, though adding an
article changes a dozen pages. This hook does three things.

- It keeps, for each page, what MkDocs made of it (table of contents, title, anchors, links and
  the page's final HTML) in ``.site.cache/pages/<set-up>/`` beside
  mkdocs.yml, keyed by the page's path and source bytes; the set-up is everything else a page's
  HTML depends on (this file and the other hooks, mkdocs.yml's settings, the versions of MkDocs,
  the theme and Markdown, the theme's override files). A page with an entry is not converted or
  rendered again.
- Pages without an entry are converted and rendered in worker processes, one per core, which store
  their entries (``mkdocs build`` only: ``mkdocs serve`` runs a server thread, which forking does
  not mix with); under ``--dirty`` the workers also write the pages' files, which MkDocs then
  skips. A page whose conversion logs a warning is left to MkDocs, which logs it where ``--strict``
  counts it.
- ``mkdocs build --dirty`` (as ``make site`` runs it) leaves the site folder in place and skips
  each file whose output is already there. MkDocs decides that by modification times and leaves
  behind the files of removed pages, so it warns that a dirty build may be wrong. Here each file
  is compared by content with a record of the last build into the same site folder
  (``.site.cache/sites/``): its source bytes, the set-up, and the size and time of the file it
  wrote. What an earlier build wrote and this one does not is deleted. A skipped page gets back the
  anchors, links and front matter it had, so that MkDocs still checks every link and anchor, and a
  page whose link target is gone, or whose conversion logged a warning, is built again (and warns
  again). The result is the same bytes as a full build, so the hook drops MkDocs' dirty-build
  warning, which ``--strict`` would otherwise count.

- While Markdown converts a page, the blocks of HTML the generator marks ``data-verbatim`` (a top-level
  ``<div … data-verbatim>`` to its line ``</div>``: the parts of a story's pages that cite sentences
  or show article text) are set aside, and put back where Markdown left their placeholder paragraphs.
  Python-Markdown would pass them through unchanged, but it and MkDocs each parse them with
  Python's HTML parser first: that was half of converting a comparison page, the largest. The page
  gets the same HTML, and the ids in the blocks among its anchors, as MkDocs' own conversion gives.

The hook steps aside, and MkDocs builds as usual, when another plugin handles a page-level event (it
could change a page in ways the key does not see) or a navigation entry has no explicit title (a
page's HTML would then depend on other pages' titles). ``MKDOCS_PAGE_CACHE=0`` turns it off for
one run. Entries that the current pages do not use are removed at the end of each build.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import multiprocessing
import os
import re
import shutil
import sys
import sysconfig
import zlib
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import clean_directory, write_file

log = logging.getLogger("mkdocs.hooks.page_cache")

CACHE = Path(".site.cache")
"""The hook's folder, relative to mkdocs.yml: pages/<set-up>/ for the entries, sites/ for the records."""
KEEP_SETUPS = 2
"""Set-up folders kept: the current one and the last other (``mkdocs serve`` and ``build`` differ)."""
KEEP_SITES = 4
"""Records of site folders kept, the most recent (``mkdocs serve`` builds into a new temporary folder each time)."""
HIT_TEMPLATE = "page-cache-hit.html"
"""An empty template given to pages whose final HTML is already known; on_post_page returns that HTML."""
PAGE_EVENTS = ("page_read_source", "pre_page", "page_markdown", "page_content", "page_context", "post_page")
"""Events through which another plugin could change a page behind the key's back."""
VERSIONED = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments", "babel")
"""Distributions whose version is part of the set-up."""
UNKEYED = {"config_file_path", "docs_dir", "site_dir", "watch", "strict", "hooks", "plugins", "theme"}
"""Settings that do not change a page's HTML (or are keyed separately: hooks, plugins, theme)."""
MIN_PARALLEL = 8
"""Fewer pages than this to render are rendered in the main process: a pool would cost more."""
DIRTY_WARNINGS = ("A 'dirty' build is being performed", "The directory contains stale files")
"""The starts of MkDocs' warning and note about --dirty, which this hook makes exact (it deletes stale files itself)."""

_command = "build"
_dirty = False
_state: dict[str, Any] = {}


def _enabled() -> bool:
    return os.environ.get("MKDOCS_PAGE_CACHE", "1") != "0"


class _DropDirtyWarning(logging.Filter):
    """Drop MkDocs' warning that a dirty build is inaccurate, and its note about stale files, while this hook makes it exact."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_state.get("exact_dirty") and record.getMessage().startswith(DIRTY_WARNINGS))


_DROP_DIRTY_WARNING = _DropDirtyWarning()


def on_startup(*, command: str, dirty: bool) -> None:
    """Note the command (parallel rendering when building) and whether the build is dirty."""
    global _command, _dirty
    _command, _dirty = command, dirty
    logging.getLogger("mkdocs.commands.build").addFilter(_DROP_DIRTY_WARNING)


# --- what a page's output depends on ------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Turn a setting into JSON-able data without memory addresses."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "items"):
        return _plain(dict(value.items()))
    return f"{type(value).__qualname__}:{value}"


def _files_under(folder: Path) -> Iterable[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def setup_key(config: Any) -> str:
    """Hash everything besides a page's own source that its HTML depends on."""
    digest = hashlib.sha256()

    def add(label: str, data: Any) -> None:
        blob = data if isinstance(data, bytes) else json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        digest.update(label.encode() + b"\0" + len(blob).to_bytes(8, "big") + blob)

    add("python", list(sys.version_info[:2]))
    add("command", _command)
    for name in VERSIONED:
        try:
            add(name, metadata.version(name))
        except metadata.PackageNotFoundError:
            add(name, None)
    add("settings", {k: _plain(v) for k, v in config.items() if k not in UNKEYED})
    theme = config.theme
    add("theme", {"name": theme.name, **_plain(dict(theme.items()))})
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()
    for n, folder in enumerate(Path(d).resolve() for d in theme.dirs):
        if folder.is_relative_to(installed):  # an installed theme: its place in the package (its version is above)
            add(f"theme folder {n}", folder.relative_to(installed).as_posix())
        else:  # overrides (custom_dir and the like): their files, wherever the project is
            for path in _files_under(folder):
                add(f"theme folder {n}:{path.relative_to(folder).as_posix()}", path.read_bytes())
    for name, plugin in config.plugins.items():
        source = getattr(plugin, "__file__", None)
        if source:  # a hook: its code
            add(f"hook:{name}", Path(source).read_bytes())
        else:
            add(f"plugin:{name}", {"class": type(plugin).__module__ + "." + type(plugin).__qualname__,
                                   "config": _plain(dict(getattr(plugin, "config", {}) or {}))})
    return digest.hexdigest()


def _foreign_handlers(config: Any) -> list[str]:
    """Name the page-level event handlers that are not this hook's."""
    here = globals()
    return [
        f"{event} ({getattr(fn, '__module__', '?')})"
        for event in PAGE_EVENTS
        for fn in config.plugins.events.get(event, [])
        if getattr(fn, "__globals__", None) is not here
    ]


def _titled(nav: Any) -> bool:
    """Tell whether every navigation entry names its title (so no page's HTML depends on another's)."""
    if isinstance(nav, list):
        return all(_titled(item) for item in nav)
    if isinstance(nav, dict):
        return all(isinstance(v, str) or _titled(v) for v in nav.values())
    return False


def _fingerprint(file: File, page: bool) -> str:
    """Hash a file's bytes; a page's with its path and inclusion, which its HTML also depends on (its entry's key)."""
    digest = hashlib.sha256(file.src_uri.encode() + b"\0" + str(file.inclusion).encode() + b"\0" if page else b"")
    digest.update(file.content_bytes)
    return digest.hexdigest()


def _fingerprints(files: list[File], pages: set[str], earlier: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Map each file's destination to [fingerprint, source size, source time]; an unchanged source is not read again."""
    result = {}
    for file in files:
        source = _stat(file.abs_src_path) if file.abs_src_path else None
        was = earlier.get(file.dest_uri)
        if source is not None and was is not None and len(was) == 5 and was[3:] == source:
            result[file.dest_uri] = [was[0], *source]
        else:
            result[file.dest_uri] = [_fingerprint(file, file.src_uri in pages), *(source or [None, None])]
    return result


def _stat(path: str) -> list[Any] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def _written(files: Files) -> list[File]:
    """The files MkDocs writes in a build: included pages and static files."""
    return [f for f in files if InclusionLevel.is_included(f.inclusion)]


# --- the cache entries and the record of a site folder ------------------------------------------


def _entry_path(key: str) -> Path:
    return _state["folder"] / key[:2] / key


def _load(key: str) -> dict[str, Any] | None:
    try:
        return json.loads(zlib.decompress(_entry_path(key).read_bytes()))
    except (OSError, ValueError, zlib.error):
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _store(key: str, entry: dict[str, Any]) -> None:
    """Keep what a page's build made of it (``_convert``'s record and the page's final HTML). A page taken from
    its entry is given that final HTML (``HIT_TEMPLATE``), so the HTML of its Markdown is not kept."""
    _write_atomically(_entry_path(key), zlib.compress(json.dumps(entry, ensure_ascii=False).encode(), 1))


def _record_path(config: Any) -> Path:
    site = os.path.realpath(config.site_dir)
    return _state["root"] / "sites" / (hashlib.sha256(site.encode()).hexdigest()[:32] + ".json")


def _read_record(path: Path, setup: str) -> dict[str, Any]:
    """Return the record of the last build into this site folder, or an empty one if it used another set-up."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"files": {}, "pages": {}}
    if record.get("setup") != setup:
        return {"files": record.get("files", {}), "pages": {}, "stale_setup": True}
    return record


# --- converting a page as MkDocs does, keeping what it made --------------------------------------


class _Warnings(logging.Handler):
    """Count the warnings MkDocs logs while one page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _token(anchor: Any) -> dict[str, Any]:
    """Turn a table-of-contents entry back into the token mkdocs.structure.toc.get_toc reads."""
    return {"name": anchor.title, "id": anchor.id, "level": anchor.level, "children": [_token(c) for c in anchor.children]}


# A verbatim block: from a line "<div … data-verbatim>" to the first line "</div>", with a blank line (or the
# page's start or end) on each side and none inside: '\n<div class="wordings" data-verbatim>\n…\n</div>\n\n'.
_VERBATIM = re.compile(r"(?<=\n\n)<div [^<>\n]*\bdata-verbatim\b[^<>\n]*>\n(?:(?!</div>\n)[^\n]+\n)*?</div>(?=\n\n|\n?\Z)")
# An id attribute (the values of a verbatim block's attributes are escaped and double-quoted).
_ID = re.compile(r'<[^<>]*?\sid="([^"]*)"')


def _set_aside(markdown: str) -> tuple[str, dict[str, str]]:
    """Replace each verbatim block of a page's Markdown with a paragraph of its own; return the text and
    the blocks by their paragraph's HTML. A block holding another div stays in place (it might not end where it seems to)."""
    marker = "verbatim" + hashlib.sha256(markdown.encode()).hexdigest()[:16]
    blocks: dict[str, str] = {}

    def placeholder(match: re.Match[str]) -> str:
        block = match.group(0)
        if "<div" in block[4:]:
            return block
        name = f"{marker}x{len(blocks)}"
        blocks[f"<p>{name}</p>"] = block
        return name

    text = _VERBATIM.sub(placeholder, "\n\n" + markdown)[2:]
    return (text, blocks) if marker not in markdown else (markdown, {})


def _put_back(content: str, blocks: dict[str, str]) -> str | None:
    """Put the verbatim blocks back in a page's HTML; None if a placeholder is not there once as its own paragraph."""
    for placeholder, block in blocks.items():
        if content.count(placeholder) != 1:
            return None
        # Markdown keeps a block's line break and strips the page's HTML at both ends.
        content = content.replace(placeholder, block + "\n")
    return content.strip()


def _convert(page: Page, config: Any, files: Files) -> dict[str, Any] | None:
    """Convert one page's Markdown as MkDocs does; return what the page got that its entry keeps (all but the
    HTML, which stays on the page), or None if that logged a warning."""
    found: set[str] = set()
    lookup = files.get_file_from_path

    def recording(path: str) -> File | None:
        target = lookup(path)
        if target is not None:
            found.add(target.src_uri)
        return target

    warnings = _Warnings()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(warnings)
    files.get_file_from_path = recording  # type: ignore[method-assign]
    markdown = page.markdown or ""
    text, blocks = _set_aside(markdown)
    try:
        page.markdown = text
        Page.render(page, config, files)
        content = _put_back(page.content or "", blocks) if blocks else page.content
        page.markdown = markdown
        if content is None:  # Markdown did not keep a placeholder as its own paragraph: convert the page whole
            Page.render(page, config, files)
        elif blocks:
            page.content = content
            ids = (html.unescape(i) for block in blocks.values() for i in _ID.findall(block))
            page.present_anchor_ids = (page.present_anchor_ids or set()) | set(ids)
    finally:
        page.markdown = markdown
        del files.get_file_from_path
        mkdocs_log.removeHandler(warnings)
    if warnings.count:
        return None
    return {
        "toc": [_token(anchor) for anchor in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()},
        "found": sorted(found),
    }


def _resolves(uris: Iterable[str], files: Files) -> dict[str, File] | None:
    """Map each uri to its file in this build, or None if one is gone (MkDocs would warn about the link)."""
    by_uri = _state.get("by_uri")
    targets = {}
    for uri in uris:
        target = by_uri.get(uri) if by_uri is not None else files.get_file_from_path(uri)
        if target is None or target.inclusion.is_excluded():
            return None
        targets[uri] = target
    return targets


def _links_back(page: Page, links: dict[str, dict[str, str]], targets: dict[str, File]) -> None:
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {targets[uri]: dict(anchors) for uri, anchors in links.items()}


def _apply(page: Page, entry: dict[str, Any], files: Files) -> bool:
    """Give the page what an earlier conversion made of it; False when a link it makes no longer resolves."""
    targets = _resolves(set(entry["found"]) | set(entry["links"]), files)
    if targets is None:
        return False
    page.content = ""  # not kept: the page gets its final HTML (or is rendered from its conversion in a worker)
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    _links_back(page, entry["links"], targets)
    return True


# --- the worker side: state inherited through fork, one function per task ------------------------

_work: dict[str, Any] = {}
_IMPORTABLE = "mkdocs_hook_page_cache"
"""A module name for this hook that pickle can import: MkDocs names hooks by their path ("hooks/page_cache.py")."""


def _build_in_worker(uri: str) -> tuple[str, tuple[dict[str, Any], str | Literal[True]] | None]:
    """Convert one page's Markdown, render its template and store its entry (what MkDocs' on_post_page would get:
    no other plugin has one). Return the conversion's record (``_convert``) and the page's output; under --dirty the worker writes the page's file as MkDocs would and
    returns True instead (``_written_by_worker``: MkDocs skips the page), so the files are written on every
    core. None when the main process must build the page itself: a warning, which it logs, or an error."""
    config, files, nav, env, doc_files = (_work[k] for k in ("config", "files", "nav", "env", "doc_files"))
    page = files.get_file_from_path(uri).page
    config._current_page = page  # as MkDocs sets it while it reads and renders a page
    try:
        converted = _convert(page, config, files)
        if converted is None:
            return uri, None
        page.active = True
        context = get_context(nav, doc_files, config, page)
        output = env.get_template(page.meta.get("template", "main.html")).render(context)
        _store(_state["keys"][uri], {**converted, "output": output})
        if _dirty and output.strip():  # an empty page is left to MkDocs, which says it skips it
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
            return uri, (converted, True)
        return uri, (converted, output)
    except Exception:  # noqa: BLE001 - the main process builds it again and reports the error itself
        return uri, None
    finally:
        page.active = False
        config._current_page = None


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _in_parallel(function: Callable[[str], Any], uris: list[str], sizes: dict[str, int]) -> Iterable[tuple[str, Any]]:
    """Run ``function`` on each uri in forked workers, the largest pages first; yield the results."""
    # The pool sends each task's function by name: give this module a name pickle can look up.
    sys.modules[_IMPORTABLE] = sys.modules[function.__module__]
    function.__module__ = _IMPORTABLE
    uris = sorted(uris, key=lambda uri: -sizes.get(uri, 0))
    with multiprocessing.get_context("fork").Pool(_workers(), initializer=_quiet) as pool:
        yield from pool.imap_unordered(function, uris, chunksize=4)


def _quiet() -> None:
    """Start a worker without the console. A page whose conversion warns is built again by the main process,
    which logs the warning (the worker's copy printed it twice); a worker's info and debug lines are not shown."""
    for name in ("mkdocs", ""):
        logger = logging.getLogger(name)
        for handler in [h for h in logger.handlers if isinstance(h, logging.StreamHandler)]:
            logger.removeHandler(handler)


def _parallel(count: int) -> bool:
    return _command == "build" and _workers() > 1 and count >= MIN_PARALLEL


# --- the build events ----------------------------------------------------------------------------


def on_config(config: Any) -> None:
    """Start a build (``mkdocs serve`` keeps this module between builds); decide whether the hook can work."""
    _state.clear()
    if not _enabled():
        return
    foreign = _foreign_handlers(config)
    if foreign:
        log.info("page cache: off, other plugins handle page events: %s", ", ".join(foreign))
    elif not _titled(config.nav):
        log.info("page cache: off, a navigation entry has no explicit title")
    else:
        _state.update(exact_dirty=_dirty)


def on_files(files: Files, *, config: Any) -> None:
    """Find each page's entry, and under --dirty decide by content which files to build again."""
    if not _state:
        return
    root = Path(config.config_file_path).resolve().parent / CACHE
    setup = setup_key(config)
    _state.update(root=root, folder=root / "pages" / setup[:32], setup=setup, files=files, outputs={},
                  fresh={}, found={}, templates={}, reused=0, volatile=set())
    record_path = _record_path(config)
    record = _read_record(record_path, setup)
    _state.update(record_path=record_path, record=record)
    written = _written(files)
    _state["by_uri"] = {f.src_uri: f for f in files}
    pages = {f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_included)}
    fingerprints = _state["fingerprints"] = _fingerprints(written, pages, record["files"])
    _state["keys"] = {f.src_uri: fingerprints[f.dest_uri][0] for f in written if f.src_uri in pages}
    keys = _state["keys"]
    if not _dirty:
        return
    if "setup" not in record and "stale_setup" not in record:
        # No record of what an earlier build wrote here: start from an empty folder, as a clean build does.
        clean_directory(config.site_dir)
    for file in written:
        was = record["files"].get(file.dest_uri)
        now = [fingerprints[file.dest_uri][0], *(_stat(file.abs_dest_path) or [None, None])]
        same = was is not None and was[:3] == now
        if same and file.src_uri in keys:  # a page: also its links must still resolve, and it must not have warned
            earlier = record["pages"].get(file.src_uri)
            same = earlier is not None and not earlier.get("volatile") and _resolves(earlier["found"], files) is not None
        file.is_modified = (lambda modified: lambda: modified)(not same)  # type: ignore[method-assign]


def _page(uri: str) -> Page:
    page = _state["by_uri"][uri].page
    assert page is not None
    return page


def _modified(file: File) -> bool:
    return not _dirty or file.is_modified()


def on_nav(nav: Any, *, config: Any, files: Files) -> None:
    """Note the navigation; leave the pages to build that have no entry to workers when there are enough of them."""
    if not _state:
        return
    _state["nav"] = nav
    missing = [file.src_uri for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
               if _modified(file) and not _entry_path(_state["keys"][file.src_uri]).is_file()]
    _state["deferred"] = set(missing) if _parallel(len(missing)) else set()


def on_page_markdown(markdown: str, *, page: Page, config: Any, files: Files) -> None:
    """Let this page's conversion come from its entry, a worker, or MkDocs itself (recording it)."""
    if not _state or page.file.src_uri not in _state["keys"]:
        return

    def render(config: Any, files: Files) -> None:
        uri = page.file.src_uri
        if uri in _state["deferred"]:
            page.content = ""  # converted and rendered by a worker (on_env)
            return
        entry = _load(_state["keys"][uri])
        if entry is not None and _apply(page, entry, files):
            _state["outputs"][uri] = entry["output"]
            _state["found"][uri] = entry["found"]
            _state["reused"] += 1
            return
        converted = _convert(page, config, files)
        if converted is None:
            _state["volatile"].add(uri)
            return
        _state["found"][uri] = converted["found"]
        _state["fresh"][uri] = converted

    page.render = render  # type: ignore[method-assign]


def on_env(env: jinja2.Environment, *, config: Any, files: Files) -> jinja2.Environment:
    """Give skipped pages back their anchors, links and front matter; build the deferred pages in parallel; mark the known ones."""
    if not _state:
        return env
    earlier, deferred = _state["record"]["pages"], _state["deferred"]
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        page = file.page
        if page is not None and page.content is None and file.src_uri in earlier and file.src_uri not in deferred:
            was = earlier[file.src_uri]  # skipped under --dirty
            page.meta = dict(was["meta"])
            page.present_anchor_ids = set(was["anchors"])
            _links_back(page, was["links"], _resolves(was["links"], files) or {})
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({HIT_TEMPLATE: ""}), env.loader])
    env.bytecode_cache = _compiled_templates()
    if deferred:
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        _work.update(config=config, files=files, nav=_state["nav"], env=env, doc_files=doc_files)
        sizes = {uri: len(_page(uri).markdown or "") for uri in deferred}
        for uri, built in _in_parallel(_build_in_worker, sorted(deferred), sizes):
            page = _page(uri)
            if built is None or not _apply(page, built[0], files):
                # A warning, an error, or a link to a file the build leaves out: converted here (logging what
                # it logs), and MkDocs renders and checks the page itself.
                config._current_page = page
                converted = _convert(page, config, files)
                config._current_page = None
                if converted is None:
                    _state["volatile"].add(uri)
                else:
                    _state["found"][uri] = converted["found"]
                    _state["fresh"][uri] = converted
                continue
            known, output = built
            _state["found"][uri] = known["found"]
            if output is True:
                _written_by_worker(page.file)
            else:
                _state["outputs"][uri] = output
        _work.clear()
    for uri in _state["outputs"]:
        meta = _page(uri).meta
        _state["templates"][uri] = meta.get("template")
        meta["template"] = HIT_TEMPLATE
    return env


def _written_by_worker(file: File) -> None:
    """A worker wrote this page's file: MkDocs' --dirty build skips a file that is not modified."""
    file.is_modified = lambda: False  # type: ignore[method-assign]


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Keep the theme's templates compiled (Jinja's bytecode cache, checked against each template's text) in
    ``templates/<set-up>/``: a build compiled them all again, a second of a one-article rebuild. The
    compiled code depends on the environment the set-up key covers; old set-ups' folders go as their
    entries' do (``_prune``)."""
    folder = _state["root"] / "templates" / _state["setup"][:32]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a cache that cannot be written only costs speed
    return jinja2.FileSystemBytecodeCache(str(folder))


def on_post_page(output: str, *, page: Page, config: Any) -> str:
    """Give a page its known HTML; keep the entry of a page converted in this build."""
    if not _state:
        return output
    uri = page.file.src_uri
    if uri in _state["outputs"]:
        output = _state["outputs"][uri]
        template = _state["templates"].pop(uri, None)
        if template is None:
            page.meta.pop("template", None)
        else:
            page.meta["template"] = template
    converted = _state["fresh"].pop(uri, None)
    if converted is not None:
        _store(_state["keys"][uri], {**converted, "output": output})
    return output


def _remove_with_empty_parents(site: Path, dest: str) -> None:
    path = site / dest
    path.unlink(missing_ok=True)
    for parent in path.parents:
        if parent == site or not parent.is_dir() or any(parent.iterdir()):
            break
        parent.rmdir()


def on_post_build(*, config: Any) -> None:
    """Delete what an earlier build wrote and this one did not; record this build; prune the cache."""
    if not _state:
        return
    files: Files = _state["files"]
    record, fingerprints = _state["record"], _state["fingerprints"]
    site = Path(config.site_dir)
    if _dirty:  # a clean build emptied the folder first
        for dest in sorted(set(record["files"]) - set(fingerprints), reverse=True):
            _remove_with_empty_parents(site, dest)
    pages: dict[str, Any] = {}
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        uri, page = file.src_uri, file.page
        if page is None or uri in _state["volatile"]:
            pages[uri] = {"volatile": True}
        elif uri in _state["found"]:  # built in this build
            pages[uri] = {
                "meta": page.meta,
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": {t.src_uri: dict(a) for t, a in (page.links_to_anchors or {}).items()},
                "found": _state["found"][uri],
            }
        else:
            pages[uri] = record["pages"].get(uri, {"volatile": True})
    written = {}
    for file in _written(files):
        status = _stat(file.abs_dest_path)
        if status is not None:
            written[file.dest_uri] = [fingerprints[file.dest_uri][0], *status, *fingerprints[file.dest_uri][1:]]
    this = {"setup": _state["setup"], "site": os.path.realpath(site), "files": written, "pages": pages}
    _write_atomically(_state["record_path"], json.dumps(this, ensure_ascii=False, default=str).encode())
    total, built = len(_state["keys"]), len(_state["found"]) - _state["reused"]
    log.info(
        "page cache: %d pages: %d kept as built, %d from the cache, %d rendered",
        total, total - len(_state["found"]) - len(_state["volatile"]), _state["reused"], built + len(_state["volatile"]),
    )
    _prune()


def _prune() -> None:
    """Remove the entries no current page uses, old set-ups' folders (entries and compiled templates) and old sites' records."""
    folder: Path = _state["folder"]
    used = set(_state["keys"].values())
    if folder.is_dir():
        for path in folder.glob("*/*"):
            if path.name not in used:
                path.unlink(missing_ok=True)
    for kind in ("pages", "templates"):
        current = _state["root"] / kind / _state["setup"][:32]
        if not current.parent.is_dir():
            continue
        if current.is_dir():
            os.utime(current)
        others = sorted((p for p in current.parent.iterdir() if p.is_dir() and p != current), key=lambda p: p.stat().st_mtime)
        for old in others[: max(0, len(others) - (KEEP_SETUPS - 1))]:
            shutil.rmtree(old, ignore_errors=True)
    records = sorted((_state["root"] / "sites").glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in records[:-KEEP_SITES]:
        old.unlink(missing_ok=True)
    _state.clear()
