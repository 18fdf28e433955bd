"""Run the whole pipeline: find, read, prepare, group, digest, render, publish."""
from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .digest import build_digest, prepare_source, story_title
from .errors import InputError, SeedsError, StrictError
from .model import Digest, Source
from .read import previous_slugs, read_article
from .render import environment, publish, site_pages
from .stories import find_files, plan_stories
from .textutil import looks_english


@dataclass
class BuildReport:
    """What a build did: the stories written and every problem met, by file."""

    digests: list[Digest] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(file, message) for every skipped file and every warning, in file order."""
    written: bool = False
    """False when the output already held exactly these pages."""


def build(
    seeds: Path,
    out: Path,
    *,
    strict: bool = False,
    warn: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> BuildReport:
    """Build the docs folder ``out`` from the articles in ``seeds``; raise GeneratorError on failure."""
    report = BuildReport()
    candidates, skipped = find_files(seeds)
    for item in skipped:
        report.problems.append((item.label, f"skipped: {item.reason}"))
    sources: list[Source] = []
    folders: dict[str, str | None] = {}
    seen_text: dict[str, str] = {}
    for candidate in candidates:
        try:
            article = read_article(candidate.path, label=candidate.label)
        except InputError as exc:
            report.problems.append((candidate.label, f"skipped: {exc}"))
            continue
        except OSError as exc:
            report.problems.append((candidate.label, f"skipped: cannot read it ({exc.strerror or exc})"))
            continue
        if article.id in folders and folders[article.id] == candidate.folder:
            report.problems.append((candidate.label, f"skipped: another file in the same story is named {article.id!r}"))
            continue
        for message in article.warnings:
            report.problems.append((candidate.label, message))
        source = prepare_source(article)
        if not source.sentences:
            report.problems.append((candidate.label, "skipped: no text left after cleaning"))
            continue
        text = " ".join(s.text for s in source.sentences)
        twin = seen_text.get(text)
        if twin is not None:
            report.problems.append((candidate.label, f"skipped: the same text as {twin}"))
            continue
        seen_text[text] = candidate.label
        if not looks_english(text):
            report.problems.append(
                (candidate.label, "does not read as English: kept, but figures, dates and quotes are found by English rules")
            )
        sources.append(source)
        folders[source.id] = candidate.folder
    for label, message in report.problems:
        warn(f"warning: {label}: {message}")
    if strict and report.problems:
        label, message = report.problems[0]
        raise StrictError(f"{label}: {message} (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else f"{label}: {message}")
    if not sources:
        raise SeedsError(f"no readable article in {seeds}")
    keys = {folders[s.id] or "" for s in sources}
    titles = {k: story_title([s for s in sources if (folders[s.id] or "") == k]) for k in keys}
    plan = plan_stories(sources, folders, previous=previous_slugs(out), titles=titles)
    report.digests = [build_digest(info, members) for info, members in plan]
    pages = site_pages(report.digests, report.problems, environment())
    report.written = publish(pages, out)
    return report
