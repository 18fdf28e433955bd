"""Decide which story each article belongs to: its subfolder, or grouping of the loose ones."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..common.slugs import slugify
from ..model import Source, StoryInfo
from .grouping import Doc, group_articles, term_counts


SITE_NAMES = frozenset({"archive", "assets", "pagefind", "problems", "search"})
"""Names the site gives its own pages and folders (the monthly archives, the stylesheets and the
theme's assets, the search index, the problems page; ``search`` is the theme's own search's), which a
story's folder must not take: a story titled "Archive" is at ``archive-2/``."""


def plan_stories(
    sources: Sequence[Source],
    folders: Mapping[str, str | None],
    *,
    title_of: Callable[[Sequence[Source]], str],
    terms_of: Callable[[Doc], Mapping[str, float]] = term_counts,
) -> list[tuple[StoryInfo, list[Source]]]:
    """Group sources into stories: one per subfolder; loose files grouped by the events they report.

    ``folders`` maps a source's file (its label) to its subfolder (None for a loose file); ``title_of`` names a
    story from its sources (its earliest article's title). A story's address depends on the seeds
    alone: a subfolder's name, or the slug of the title; the slugs its members would have given it
    on their own become aliases that redirect to it. ``terms_of`` counts a loose article's terms for
    grouping (the build passes one that keeps them in its cache).
    """
    by_folder: dict[str, list[Source]] = {}
    for source in sources:
        by_folder.setdefault(folders.get(source.file) or "", []).append(source)
    groups: list[tuple[str, list[Source]]] = [(k, v) for k, v in sorted(by_folder.items()) if k]
    loose = {s.id: s for s in by_folder.get("", [])}
    docs = [article_doc(s) for s in loose.values()]
    docs = [replace(d, terms=terms_of(d)) for d in docs]
    groups += [("", [loose[i] for i in ids]) for ids in group_articles(docs)]
    taken: set[str] = set(SITE_NAMES)
    planned = []
    for key, members in groups:
        members = sorted(members, key=lambda s: s.id)
        title = title_of(members)
        slug = _unique(slugify(key) if key else slugify(title), taken)
        taken.add(slug)
        planned.append((slug, title, key, members))
    plan = []
    for slug, title, key, members in planned:
        aliases = () if key else tuple(sorted({slugify(title_of([m])) for m in members} - taken - {""}))
        taken.update(aliases)
        plan.append((StoryInfo(slug=slug, title=title, aliases=aliases), members))
    return plan


def article_doc(source: Source) -> Doc:
    """A loose article as grouping reads it: its id, title, text (its sentences) and date."""
    return Doc(id=source.id, title=source.title, text=" ".join(t.text for t in source.sentences), date=source.date)


def _unique(base: str, taken: set[str]) -> str:
    base = base or "story"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
