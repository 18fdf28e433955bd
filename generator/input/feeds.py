"""Follow news feeds: ``python -m generator update`` adds the new items of ``seeds/feeds.yml``'s feeds.

Each feed is fetched by the same client, within the same limits, as a page (``fetch.fetch``), parsed
by feedparser from the bytes (feedparser itself never touches the network or the disk here), and
its items' pages go through ``fetch.add_pages`` like the addresses given to ``add``.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import yaml

from ..errors import FetchError
from .fetch import DEFAULT_CLIENT, Added, Client, add_pages, check_story, fetch

FEEDS_FILE = "feeds.yml"
"""The seeds folder's list of feeds: ``- url: https://...`` with an optional ``story: SLUG``."""

FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
})
"""Content types kept as feeds."""

MAX_ITEMS = 30
"""Items read from the top of each feed (the newest, in a feed's usual order)."""


@dataclass(frozen=True, slots=True)
class Feed:
    """One entry of ``feeds.yml``."""

    url: str
    story: str | None = None
    """The story folder its items go to, or None to let the build group them."""


@dataclass(frozen=True, slots=True)
class FeedReport:
    """What one feed brought."""

    url: str
    added: int
    """Pages fetched and written now."""
    known: int
    """Items added before."""
    failed: int
    """Items whose page could not be added."""


def read_feeds(seeds: Path) -> tuple[list[Feed], list[FetchError]]:
    """Read ``seeds/feeds.yml``; return its feeds and one error per unusable entry.

    Raise FetchError when the file is missing or is not a list.
    """
    path = seeds / FEEDS_FILE
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FetchError(f"{path}: not found; list feeds in it as '- url: https://...'") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FetchError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    if not isinstance(data, list):
        raise FetchError(f"{path}: expected a list of entries with 'url' (and optionally 'story')")
    feeds: list[Feed] = []
    problems: list[FetchError] = []
    for n, entry in enumerate(data, 1):
        if isinstance(entry, str):
            entry = {"url": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            problems.append(FetchError(f"{path}: entry {n} needs a 'url': ignored"))
            continue
        story = entry.get("story")
        try:
            feeds.append(Feed(url=entry["url"].strip(), story=check_story(str(story)) if story is not None else None))
        except FetchError as exc:
            problems.append(FetchError(f"{path}: entry {n}: {exc}: ignored"))
    return feeds, problems


def feed_links(body: bytes, *, url: str, content_type: str = "application/xml", max_items: int = MAX_ITEMS) -> list[str]:
    """Return the page addresses of a feed's first ``max_items`` items; raise FetchError if it is no feed."""
    # A stream, not bytes: feedparser would take a bytes value that names a file for a path to open.
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers={"content-location": url, "content-type": content_type}
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom found"
        raise FetchError(f"{url}: not a readable feed ({reason})")
    links: list[str] = []
    for entry in parsed.entries[:max_items]:
        link = entry.get("link") or next(
            (item.get("href") for item in entry.get("links", []) if item.get("rel", "alternate") == "alternate"), None
        )
        if isinstance(link, str) and link.strip():
            links.append(urljoin(url, link.strip()))
    return list(dict.fromkeys(links))


def update(
    seeds: Path, *, client: Client = DEFAULT_CLIENT, max_items: int = MAX_ITEMS
) -> Iterator[Added | FetchError | FeedReport]:
    """Add the new items of every feed in ``seeds/feeds.yml``; yield each outcome, then each feed's report.

    A feed that fails yields one FetchError and the others go on. Items added before are skipped,
    even when their file was removed since (delete their entry in ``fetched.yml`` to add them again).
    """
    feeds, problems = read_feeds(seeds)
    yield from problems
    for feed in feeds:
        try:
            page = fetch(feed.url, client=client, accept=FEED_TYPES)
            links = feed_links(page.body, url=page.final_url, content_type=page.content_type, max_items=max_items)
        except FetchError as exc:
            yield FetchError(f"feed {exc}")
            continue
        added = known = failed = 0
        for outcome in add_pages(links, seeds, story=feed.story, client=client, skip_removed=True):
            if isinstance(outcome, FetchError):
                failed += 1
            elif outcome.new:
                added += 1
            else:
                known += 1
            yield outcome
        yield FeedReport(url=feed.url, added=added, known=known, failed=failed)
