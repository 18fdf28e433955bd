"""Run the whole pipeline: find, read, prepare, group, digest, render, publish."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import msgspec
from jinja2 import Environment

from .cache import Cache, key
from .digest import build_digest, dumps, loads, prepare_source, story_title
from .english.text import looks_english
from .errors import InputError, OutputError, SeedsError, StrictError
from .input.find import Candidate, Skipped, find_files
from .input.read import OUTLETS_FILE, OutletRule, match_outlet, read_article, read_file, read_outlet_rules
from .model import Digest, Source, StoryInfo, from_dict, to_dict
from .output.publish import MARKER, Page, check_output, file_stamps, lock_path, output_lock, publish, remove_stale
from .output.render import TEMPLATES, environment, site_pages, story_pages, template_files
from .stories.grouping import Doc, term_counts
from .stories.plan import article_doc, plan_stories

_PARALLEL_MIN_STORIES = 4
"""Below this many stories to digest, starting worker processes costs more than it saves."""
_PARALLEL_MIN_FILES = 16
"""Below this many files to read and clean, the same."""


@dataclass
class BuildReport:
    """What a build did: the stories written and every problem met, by file."""

    digests: list[Digest] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(file, message) for every skipped file and every warning, in file order."""
    written: bool = False
    """False when the output already held exactly these pages."""
    reused: int = 0
    """Stories whose digest came from the cache."""
    stories: int = 0
    """How many stories the output holds."""
    articles: int = 0
    """How many articles those stories hold."""
    up_to_date: bool = False
    """True when nothing that the output depends on had changed: nothing was read or rendered, and
    ``digests`` is empty (the digests are in the output's digest.json files)."""


def build(
    seeds: Path,
    out: Path,
    *,
    strict: bool = False,
    warn: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
    use_cache: bool = True,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the docs folder ``out`` from the articles in ``seeds``; raise GeneratorError on failure.

    ``out`` must be new, empty or written by an earlier build, and apart from ``seeds``; one build
    at a time writes it (a second waits).
    """
    candidates, skipped = find_files(seeds)
    check_output(out, seeds)
    with output_lock(out, waiting=progress or warn):
        remove_stale(out)
        return _build(seeds, out, candidates, skipped, strict=strict, warn=warn, use_cache=use_cache,
                      workers=workers, progress=progress or (lambda message: None))


def clean(out: Path) -> list[Path]:
    """Remove the docs folder ``out`` (only if this tool wrote it), its cache, lock and leftovers."""
    removed = []
    if out.is_symlink() or out.exists() and not (out.is_dir() and (out / MARKER).is_file()):
        raise OutputError(f"refusing to remove {out}: this tool did not write it (no {MARKER} in it)")
    with output_lock(out):
        removed += remove_stale(out)
        for path in (out, cache_folder(out)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
                removed.append(path)
    lock_path(out).unlink(missing_ok=True)
    return removed


def cache_folder(out: Path) -> Path:
    """Return the folder that caches the build of ``out``: ``.<name>.cache`` beside it."""
    return out.parent / f".{out.name}.cache"


def _build(
    seeds: Path,
    out: Path,
    candidates: Sequence[Candidate],
    skipped: Sequence[Skipped],
    *,
    strict: bool,
    warn: Callable[[str], None],
    use_cache: bool,
    workers: int | None,
    progress: Callable[[str], None],
) -> BuildReport:
    report = BuildReport()
    cache = Cache(cache_folder(out) if use_cache else None)
    hashes = {c.label: _file_hash(c.path) for c in candidates}
    templates = _templates_key()  # read once per build: under `mkdocs serve` one process builds again and again
    fingerprint = _fingerprint(seeds, candidates, skipped, hashes, templates)
    previous = cache.get("builds", key("build", str(out.resolve())))
    record = previous if isinstance(previous, dict) else {}
    stamps = file_stamps(out)
    if _up_to_date(record, fingerprint, stamps, report):
        _report(report, warn, strict)
        return report
    for item in skipped:
        report.problems.append((item.label, f"skipped: {item.reason}"))
    rules, rule_problems = read_outlet_rules(seeds)
    report.problems.extend((f"{seeds.name}/{OUTLETS_FILE}", p) for p in rule_problems)
    progress(f"reading {len(candidates)} files")
    prepared = _prepare_new(candidates, hashes, cache, workers=workers)
    sources, folders = _read_all(candidates, hashes, cache, report, prepared)
    sources = [_with_outlet(s, rules) for s in sources]
    if not sources:
        _report(report, warn, strict)
        raise SeedsError(f"no readable article in {seeds}")
    progress(f"grouping {len(sources)} articles into stories")
    counted = {_terms_key(article_doc(p.source)): p.terms for p in prepared.values() if p.terms is not None}
    plan = plan_stories(sources, folders, title_of=story_title, terms_of=_cached_terms(cache, counted))
    compiled = cache.folder("templates")
    digested = _digest_all(plan, cache, report, workers=workers, progress=progress, compiled=compiled)
    report.digests = [digest for digest, _text, _pages in digested]
    _report(report, warn, strict)
    progress(f"rendering {len(report.digests)} stories")
    env = _environment(compiled)
    entries = {digest.story.slug: key("pages", templates, text) for digest, text, _pages in digested}
    kept = _kept_stories(entries, record, stamps)
    stories = _story_pages([d for d in digested if d[0].story.slug not in kept], cache, env, entries)
    pages = site_pages(report.digests, report.problems, env, stories=stories, kept=kept)
    progress(f"writing {len(pages) + sum(map(len, kept.values()))} files to {out}")
    report.written = publish(pages, out, kept=[path for paths in kept.values() for path in paths])
    report.stories = len(report.digests)
    report.articles = sum(len(d.sources) for d in report.digests)
    cache.put("builds", key("build", str(out.resolve())), {
        "fingerprint": fingerprint,
        "tree": file_stamps(out),
        "pages": entries,
        "problems": report.problems,
        "stories": report.stories,
        "articles": report.articles,
    })
    return report


def _file_hash(path: Path) -> str:
    """Hash a file's bytes (read once per build); an unreadable file hashes as its error, to be
    reported when it is read."""
    try:
        return hashlib.sha256(read_file(path)).hexdigest()
    except OSError as exc:
        return f"unreadable: {exc.errno}"
    except InputError as exc:
        return f"unreadable: {exc}"


def _fingerprint(
    seeds: Path, candidates: Sequence[Candidate], skipped: Sequence[Skipped], hashes: Mapping[str, str], templates: str
) -> str:
    """Hash everything the output depends on: the files, what was skipped, sources.yml, the templates (their key)."""
    parts: list[str | bytes] = [repr([(s.label, s.reason) for s in skipped])]
    for candidate in candidates:
        parts += [candidate.label, candidate.folder or "", hashes[candidate.label]]
    outlets = seeds / OUTLETS_FILE
    parts.append(outlets.read_bytes() if outlets.is_file() else b"")
    return key("fingerprint", *parts, templates)


def _cached_terms(cache: Cache, counted: Mapping[str, dict[str, float]]) -> Callable[[Doc], Mapping[str, float]]:
    """Count an article's terms for grouping once: an archive regrouped for one new article reads the rest.

    ``counted`` holds the counts the workers that read the new files made, by cache key."""
    def terms_of(doc: Doc) -> Mapping[str, float]:
        entry = _terms_key(doc)
        known = counted.get(entry)
        if known is not None:
            cache.put("terms", entry, known)
            return known
        hit = cache.get("terms", entry)
        if isinstance(hit, dict):
            return hit
        counts = term_counts(doc)
        cache.put("terms", entry, counts)
        return counts

    return terms_of


def _terms_key(doc: Doc) -> str:
    """The cache entry of an article's term counts: they depend on its title and text alone."""
    return key("terms", doc.title, doc.text)


def _templates_key() -> str:
    """Hash the templates the pages are rendered from (not the theme's overrides)."""
    parts: list[str | bytes] = []
    for template in template_files():
        parts += [template.relative_to(TEMPLATES).as_posix(), template.read_bytes()]
    return key("templates", *parts)


def _kept_stories(
    entries: Mapping[str, str], record: Mapping[str, object], stamps: Mapping[str, list[int]]
) -> dict[str, list[str]]:
    """The stories whose files in the docs folder are already what this build would write: by slug, the files.

    Those the last build into the folder (``record``) wrote from the same pages entry (the same digest.json
    and templates), each file untouched since (``stamps``, its size and time now). Publishing links them
    into the new folder without reading them or their pages' cache entry: at a thousand articles, most
    of what a one-article build would otherwise read and compare.
    """
    written, tree = record.get("pages"), record.get("tree")
    if not isinstance(written, dict) or not isinstance(tree, dict):
        return {}
    files: dict[str, list[str]] = {}
    for path in tree:
        files.setdefault(path.split("/", 1)[0], []).append(path)
    return {
        slug: files[slug] for slug, entry in entries.items()
        if written.get(slug) == entry and slug in files and all(stamps.get(path) == tree[path] for path in files[slug])
    }


def _story_pages(
    digested: Sequence[tuple[Digest, str, list[Page] | None]], cache: Cache, env: Environment, entries: Mapping[str, str]
) -> dict[str, list[Page]]:
    """Each story's pages, rendered again only when its digest.json or the templates changed (``entries``: each
    story's pages entry in the cache, by slug).

    A story's pages are a function of its digest alone, so in an archive where one article was
    added, only the story it joined is rendered; the others come from the cache as they were. A
    story digested in this build comes with its pages, which the worker that digested it rendered.
    """
    out: dict[str, list[Page]] = {}
    for digest, text, rendered in digested:
        entry = entries[digest.story.slug]
        if rendered is not None:
            cache.put("pages", entry, [[page.path, page.content.decode("utf-8")] for page in rendered])
            out[digest.story.slug] = rendered
            continue
        hit = cache.get("pages", entry)
        if isinstance(hit, list) and all(isinstance(p, list) and len(p) == 2 for p in hit):
            out[digest.story.slug] = [Page(path, content.encode("utf-8")) for path, content in hit]
            continue
        pages = story_pages(digest, env, digest_json=text)
        cache.put("pages", entry, [[page.path, page.content.decode("utf-8")] for page in pages])
        out[digest.story.slug] = pages
    return out


def _up_to_date(record: Mapping[str, Any], fingerprint: str, stamps: Mapping[str, list[int]], report: BuildReport) -> bool:
    """Tell whether the last build into the docs folder (``record``) had the same inputs and its files are
    untouched (``stamps``: each file's size and time now)."""
    if record.get("fingerprint") != fingerprint or record.get("tree") != stamps:
        return False
    report.problems = [(label, message) for label, message in record["problems"]]
    report.stories, report.articles = record["stories"], record["articles"]
    report.reused, report.up_to_date = record["stories"], True
    return True


def _report(report: BuildReport, warn: Callable[[str], None], strict: bool) -> None:
    """Print every problem as a warning naming its file; under --strict, then fail, counting them."""
    for label, message in report.problems:
        warn(f"warning: {label}: {message}")
    if strict and report.problems:
        count = len(report.problems)
        raise StrictError(f"{count} warning{'s' if count > 1 else ''} above, and --strict makes warnings fatal: nothing was written")


class _Prepared(NamedTuple):
    """A file read and cleaned by a worker: the source, what reading warned about, whether it reads
    as English, and for a loose file (grouped by its terms) its term counts."""

    source: Source
    warnings: tuple[str, ...]
    english: bool
    terms: dict[str, float] | None


def _prepare_new(
    candidates: Sequence[Candidate], hashes: Mapping[str, str], cache: Cache, *, workers: int | None
) -> dict[str, _Prepared]:
    """Read and clean, on every core, the files the cache has no prepared source for; by file label.

    ``_read_all`` then takes each in file order, as it takes a cached one. Reading and cleaning the
    2x benchmark's 988 files took 9 s on one core of a build's 70 (and counting their terms 3.5 s).
    """
    todo = [c for c in candidates if not cache.has("sources", key("source", c.label, hashes[c.label]))]
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(todo) < _PARALLEL_MIN_FILES:
        return {}
    with ProcessPoolExecutor(max_workers=count) as pool:
        done = pool.map(_prepare_job, todo, chunksize=max(1, min(8, len(todo) // (count * 4))))
        return {c.label: result for c, result in zip(todo, done) if result is not None}


def _prepare_job(candidate: Candidate) -> _Prepared | None:
    """Read and clean one file in a worker; None when it cannot be read (the build reads it again and says why)."""
    try:
        found = _read_and_clean(candidate)
    except (InputError, OSError):
        return None
    if candidate.folder is not None:
        return found
    return found._replace(terms=term_counts(article_doc(found.source)))


def _read_and_clean(candidate: Candidate) -> _Prepared:
    """Read one file and clean its text (no term counts)."""
    article = read_article(candidate.path, label=candidate.label, source_id=candidate.id)
    source = prepare_source(article)
    return _Prepared(source, tuple(article.warnings), _reads_as_english(source), None)


def _read_all(
    candidates: Sequence[Candidate],
    hashes: Mapping[str, str],
    cache: Cache,
    report: BuildReport,
    prepared: Mapping[str, _Prepared],
) -> tuple[list[Source], dict[str, str | None]]:
    sources: list[Source] = []
    folders: dict[str, str | None] = {}  # file label -> story folder (None for a loose file)
    ids: set[tuple[str | None, str]] = set()  # (story folder, source id) already taken
    seen_text: dict[tuple[str | None, str], str] = {}  # (story folder, text) -> first file with it
    for candidate in candidates:
        source, warnings, english = _prepare_or_keep(candidate, hashes[candidate.label], cache, prepared.get(candidate.label))
        report.problems.extend((candidate.label, message) for message in warnings)
        if source is None:
            continue
        if (candidate.folder, source.id) in ids:
            report.problems.append((candidate.label, f"skipped: another file in the same folder is named {source.id!r}"))
            continue
        text = " ".join(s.text for s in source.sentences)
        twin = seen_text.get((candidate.folder, text))
        if twin is not None:
            report.problems.append((candidate.label, f"skipped: the same text as {twin}"))
            continue
        seen_text[(candidate.folder, text)] = candidate.label
        if not english:
            report.problems.append(
                (candidate.label, "does not read as English: kept, but figures, dates and quotes are found by English rules")
            )
        sources.append(source)
        folders[source.file] = candidate.folder
        ids.add((candidate.folder, source.id))
    return sources, folders


def _prepare_or_keep(
    candidate: Candidate, file_hash: str, cache: Cache, prepared: _Prepared | None
) -> tuple[Source | None, tuple[str, ...], bool]:
    """Read one file; when it cannot be read now, keep its last readable version if the cache has it.

    Return the source (None when there is none to keep), what reading it warned about, and whether
    its text reads as English.

    A file being saved by an editor is briefly empty or half-written: under ``make serve`` its
    pages should stay as they were, with a warning, rather than disappear.
    """
    latest = key("latest", candidate.label)
    try:
        source, warnings, english = _prepare(candidate, file_hash, cache, prepared)
        problem = None if source.sentences else "no text left after cleaning"
    except InputError as exc:
        problem, warnings = str(exc), ()
    except OSError as exc:
        problem, warnings = f"cannot read it ({exc.strerror or exc})", ()
    if problem is None:
        current = {"source": key("source", candidate.label, file_hash)}
        if cache.get("latest", latest) != current:  # reading is cheaper than writing, and most files are unchanged
            cache.put("latest", latest, current)
        return source, warnings, english
    pointer = cache.get("latest", latest)
    kept = cache.get("sources", pointer["source"]) if isinstance(pointer, dict) else None
    if isinstance(kept, dict):
        source = from_dict(Source, kept["source"])
        return source, (*warnings, f"{problem}: kept its last readable version"), _reads_as_english(source)
    return None, (*warnings, f"skipped: {problem}"), True


def _with_outlet(source: Source, rules: list[OutletRule]) -> Source:
    """Name the outlet from sources.yml unless the user's front matter does; add the user's labels.

    What the user wrote (front matter, then sources.yml) wins over what a page or a dateline states.
    """
    rule = match_outlet(rules, Path(source.file).name, source.url)
    if rule is None:
        return source
    if rule.outlet and source.outlet_basis != "front matter":
        return replace(source, outlet=rule.outlet, outlet_basis="sources.yml", labels=dict(rule.labels))
    return replace(source, labels=dict(rule.labels))


def _prepare(
    candidate: Candidate, file_hash: str, cache: Cache, prepared: _Prepared | None
) -> tuple[Source, tuple[str, ...], bool]:
    """Read and clean one file, or take it from the cache when its bytes are unchanged (or from
    ``prepared``, a worker's reading of it): the source, what reading it warned about, and whether it
    reads as English."""
    entry = key("source", candidate.label, file_hash)
    if prepared is None:
        hit = cache.get("sources", entry)
        if isinstance(hit, dict) and isinstance(hit.get("english"), bool):
            return from_dict(Source, hit["source"]), tuple(hit["warnings"]), hit["english"]
        prepared = _read_and_clean(candidate)
    source, warnings, english, _terms = prepared
    cache.put("sources", entry, {"source": to_dict(source), "warnings": list(warnings), "english": english})
    return source, warnings, english


def _reads_as_english(source: Source) -> bool:
    return looks_english(" ".join(s.text for s in source.sentences))


def _digest_all(
    plan: Sequence[tuple[StoryInfo, list[Source]]],
    cache: Cache,
    report: BuildReport,
    *,
    workers: int | None,
    progress: Callable[[str], None],
    compiled: Path | None = None,
) -> list[tuple[Digest, str, list[Page] | None]]:
    """Digest every story, or take it from the cache; return each digest with its digest.json text
    and, when it was digested now, its pages (rendered by the same worker: rendering them one story
    after another in this process took 8 s of a 2x build's 64).

    What a stage warns about (a comparison bounded on a very long article) becomes a problem of the
    file it names, cached with the digest so that a rebuild says it again. ``compiled``: where the
    templates are kept compiled (``environment``).
    """
    entries = [key("story", json.dumps([to_dict(info), [to_dict(s) for s in members]], sort_keys=True)) for info, members in plan]
    progress(f"digesting {len(plan)} stories")
    results: list[_Digested | None] = []
    todo = []
    for i, entry in enumerate(entries):
        cached = _cached_digest(cache.get("stories", entry))
        results.append(cached)
        if cached is None:
            todo.append(i)
    report.reused = len(plan) - len(todo)
    count = workers if workers is not None else (os.cpu_count() or 1)
    # The largest stories first, a few at a time, so that no worker is left with a long one at the end
    # (in chunks of a quarter of a worker's share, one finished its last chunk seconds after the other).
    todo.sort(key=lambda i: (-sum(len(s.sentences) for s in plan[i][1]), i))
    jobs = [plan[i] for i in todo]
    pages: dict[int, list[Page]] = {}
    job = partial(_digest_job, compiled=compiled)
    if count > 1 and len(jobs) >= _PARALLEL_MIN_STORIES:
        with ProcessPoolExecutor(max_workers=count) as pool:
            mapped = pool.map(job, jobs, chunksize=max(1, min(4, len(jobs) // (count * 4))))
            fresh = _with_progress(mapped, len(jobs), progress)
    else:
        fresh = _with_progress(map(job, jobs), len(jobs), progress)
    for i, (digest, text, said, rendered) in zip(todo, fresh):
        results[i] = digest, text, said
        pages[i] = rendered
        cache.put("stories", entries[i], {"digest": text, "warnings": list(said)})
    out = []
    for i, result in enumerate(results):
        assert result is not None  # every story was either cached or digested
        digest, text, said = result
        for message in said:
            label, _, rest = message.partition(": ")
            report.problems.append((label, rest) if rest else (digest.story.slug, message))
        out.append((digest, text, pages.get(i)))
    return out


_Digested = tuple[Digest, str, tuple[str, ...]]
"""A digest, its digest.json text and what its stages warned about."""


def _cached_digest(hit: object) -> _Digested | None:
    """A story's digest from its cache entry, or None when the entry is missing or does not read back."""
    if not isinstance(hit, dict) or not isinstance(hit.get("digest"), str):
        return None
    try:
        return loads(hit["digest"]), hit["digest"], tuple(hit.get("warnings", ()))
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None  # written by a generator that let through what this one cannot read: digest again


def _digest_job(
    job: tuple[StoryInfo, list[Source]], *, compiled: Path | None = None
) -> tuple[Digest, str, tuple[str, ...], list[Page]]:
    """Digest one story and render its pages (the templates kept compiled in ``compiled``)."""
    info, members = job
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        digest = build_digest(info, members)
    said = tuple(dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)))
    text = dumps(digest)
    return digest, text, said, story_pages(digest, _environment(compiled), digest_json=text)


@lru_cache(maxsize=2)
def _environment(compiled: Path | None) -> Environment:
    """The templates' environment of this process, for the build and for a digest worker, which renders one
    story after another (``compiled``: see ``environment``)."""
    return environment(compiled=compiled)


_Job = TypeVar("_Job")


def _with_progress(results: Iterable[_Job], total: int, progress: Callable[[str], None]) -> list[_Job]:
    out = []
    for n, digest in enumerate(results, start=1):
        out.append(digest)
        progress(f"stories digested: {n}/{total}")
    return out
