"""Fetch web pages into the seeds folder, as fetched: ``python -m generator add URL...``.

The input side's network edge. ``fetch`` is the one network call: http(s) only, every address the
host resolves to must be public (unless allowed), the connection goes to the address that was
checked, redirects are followed by hand and each hop is checked again, with a connect timeout, a
total deadline and a size limit. ``add_pages`` keeps each page's bytes under ``seeds/`` with where
and when it was fetched noted in its ``<head>``, and remembers every address in ``seeds/fetched.yml``
so that no page is added twice. Reading the page is left to the normal build.
"""
from __future__ import annotations

import datetime as dt
import html
import ipaddress
import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import urllib3
import yaml

from ..common.slugs import slugify
from ..errors import FetchError
from .read import MAX_BYTES as ARTICLE_MAX_BYTES

try:
    _VERSION = version("news-explainer")
except PackageNotFoundError:  # running from a source tree that was never installed
    _VERSION = "0"

USER_AGENT = f"news-explainer/{_VERSION} (+static site comparing news coverage; fetches the pages its user lists)"
"""Sent with every request, so that a site can tell what fetched its page."""

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a connection to open."""
TOTAL_TIMEOUT = 30.0
"""Seconds one fetch may take, redirects and body included."""
MAX_BYTES = ARTICLE_MAX_BYTES - 4096
"""Largest body kept: the build reads articles up to read.MAX_BYTES; 4 KiB is room for the note."""
MAX_REDIRECTS = 5
"""Redirects followed before giving up."""

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Content types kept as pages; anything else is refused."""

INDEX_FILE = "fetched.yml"
"""The seeds folder's record of the pages added, by their normalised addresses."""

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_SCHEMES = frozenset({"http", "https"})
_CHUNK = 64 * 1024
_SCAN_BYTES = 64 * 1024
"""How much of a seeds file is searched for the note and for the <head> tag."""

# Query parameters that track the click rather than name the page ("utm_source", "fbclid", ...).
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "ocid", "cmpid", "cmp", "smid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "at_medium", "at_campaign",
})

# The note added at the top of a fetched page's <head>:
# "<!-- news-explainer: fetched from https://example.org/a at 2026-01-02T03:04:05Z -->".
_FETCHED_NOTE_RE = re.compile(rb"<!-- news-explainer: fetched from (\S+) at (\S+) -->")
# The note for a page reached by a redirect: "<!-- news-explainer: redirected to https://example.org/b -->".
_REDIRECT_NOTE_RE = re.compile(rb"<!-- news-explainer: redirected to (\S+) -->")
# Where the note goes, first found wins: after "<head ...>", else "<html ...>", else "<!DOCTYPE html>".
_INSERT_AFTER_RES = (
    re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE),
    re.compile(rb"<html(?:\s[^>]*)?>", re.IGNORECASE),
    re.compile(rb"\A\s*<!doctype[^>]*>", re.IGNORECASE),
)
# A page's file extension at the end of an address's path: "/a/story.html", "/read.php", "/x.aspx".
_PAGE_SUFFIX_RE = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)\Z", re.IGNORECASE)
# A story folder's name: letters, digits, "_", "-", "." and not starting with a dot ("niger-2024").
_STORY_RE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\Z")
# Byte-order marks of encodings whose text is not ASCII-compatible: the note is written in them.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


def resolve_host(host: str, port: int) -> list[str]:
    """Return every address ``host`` resolves to, in the resolver's order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True, slots=True)
class Client:
    """How pages are fetched: which private hosts are allowed, the limits, the resolver."""

    allow_hosts: tuple[str, ...] = ()
    """Host names, addresses or networks ("127.0.0.1", "10.0.0.0/8") fetched although not public."""
    connect_timeout: float = CONNECT_TIMEOUT
    timeout: float = TOTAL_TIMEOUT
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    user_agent: str = USER_AGENT
    resolve: Callable[[str, int], list[str]] = resolve_host


DEFAULT_CLIENT = Client()


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page as a server sent it."""

    url: str
    """The address asked for."""
    final_url: str
    """The address it came from, after redirects."""
    body: bytes
    content_type: str
    """The media type without parameters: "text/html"."""
    fetched: str
    """When, in UTC: "2026-01-02T03:04:05Z"."""


@dataclass(frozen=True, slots=True)
class Added:
    """What became of one address given to ``add_pages``."""

    url: str
    path: Path | None
    """The file that holds the page, or None when it was added before and its file since removed."""
    label: str
    """The file as shown to the user: "seeds/example-org-a.html", or "" without a file."""
    new: bool
    """True when the page was fetched and written now."""


class _Refused(Exception):
    """A reason not to keep a page; ``fetch`` turns it into a FetchError naming the address."""


def check_story(story: str) -> str:
    """Return ``story`` if it can name a story folder in the seeds folder; raise FetchError if not."""
    if not _STORY_RE.match(story):
        raise FetchError(f"not a story folder name: {story!r} (use letters, digits, '-', e.g. {slugify(story) or 'my-story'!r})")
    return story


def check_allowed_host(value: str) -> str:
    """Return ``value`` if it is a host name, an address or a network; raise FetchError if not."""
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        if not re.fullmatch(r"[A-Za-z0-9.-]+", value) or value.startswith((".", "-")):
            raise FetchError(f"not a host name, address or network: {value!r}") from None
    return value


def normalize_url(url: str) -> str:
    """Return the address that identifies a page: lower-case host, no fragment or tracking, sorted query.

    Raise FetchError naming the address when it is not one that may be fetched.
    """
    try:
        parts = _check_url(url)
    except _Refused as exc:
        raise FetchError(f"{url.strip()}: {exc}") from None
    query = "&".join(sorted(_without_tracking(parts.query)))
    return urlunsplit((parts.scheme, _netloc(parts), parts.path or "/", query, ""))


def fetch(url: str, *, client: Client = DEFAULT_CLIENT, accept: frozenset[str] = HTML_TYPES) -> Fetched:
    """Fetch one page within the client's limits; raise FetchError naming ``url`` and the reason."""
    deadline = time.monotonic() + client.timeout
    current, seen = url.strip(), list[str]()
    try:
        for hops in range(client.max_redirects + 1):
            location = current.partition("#")[0]
            if location in seen:
                raise _Refused(f"redirect loop ({' -> '.join([*seen, location])})")
            seen.append(location)
            try:
                response = _request(_check_url(current), client, deadline, accept)
                if response.status in _REDIRECT_STATUSES:
                    target = response.headers.get("Location", "").strip()
                    if not target:
                        raise _Refused(f"HTTP {response.status} redirect without a Location")
                    current = urljoin(current, target)
                    continue
                body, content_type = _body(response, client, deadline, accept)
            except _Refused as exc:
                where = f" at {current} after {hops} redirect{'s' * (hops > 1)}" if hops else ""
                raise _Refused(f"{exc}{where}") from None
            return Fetched(url=url.strip(), final_url=current, body=body, content_type=content_type, fetched=_now())
        raise _Refused(f"more than {client.max_redirects} redirects")
    except _Refused as exc:
        raise FetchError(f"{url.strip()}: {exc}") from None


def record(page: Fetched) -> bytes:
    """Return the page's bytes with where and when it was fetched noted at the top of its <head>.

    A page that names no address of its own (link rel=canonical, og:url) also gets a canonical link
    to the address it came from, which the reader takes as the article's URL.
    """
    lines = [f"<!-- news-explainer: fetched from {_safe_url(page.url)} at {page.fetched} -->"]
    if page.final_url != page.url:
        lines.append(f"<!-- news-explainer: redirected to {_safe_url(page.final_url)} -->")
    if not declares_address(page.body):
        canonical = html.escape(_safe_url(_clean_url(page.final_url)), quote=True)
        lines.append(f'<link rel="canonical" href="{canonical}">')
    return _insert(page.body, "\n" + "\n".join(lines) + "\n")


def declares_address(body: bytes) -> bool:
    """Tell whether a page names its own absolute address in its <head> (canonical link or og:url)."""
    from trafilatura.utils import load_html  # imported here: slow to load, and only needed to record

    tree = load_html(body)
    if tree is None:
        return False
    values = tree.xpath('//head//link[@rel="canonical"]/@href | //head//meta[@property="og:url"]/@content')
    for value in map(str.strip, map(str, values)):
        parts = urlsplit(value)
        if parts.netloc and (parts.scheme in _SCHEMES or value.startswith("//")):
            return True
    return False


def recorded_urls(head: bytes) -> list[str]:
    """Return the addresses noted in a fetched page's first bytes: asked for, then redirected to.

    They are written percent-encoded (``_safe_url``), which ``normalize_url`` also applies.
    """
    found = [m.group(1) for m in _FETCHED_NOTE_RE.finditer(head)][:1]
    found += [m.group(1) for m in _REDIRECT_NOTE_RE.finditer(head)][:1]
    return [url.decode("ascii", "replace") for url in found]


def file_stem(url: str, *, max_length: int = 80) -> str:
    """Name a page's file after its address: "https://www.example.org/world/a-b.html" -> "example-org-world-a-b"."""
    try:
        parts = _check_url(url)
    except _Refused as exc:
        raise FetchError(f"{url.strip()}: {exc}") from None
    domain = slugify(parts.host.removeprefix("www."), max_length=30) or "page"
    path = _PAGE_SUFFIX_RE.sub("", unquote(parts.path).rstrip("/"))
    segments = [slugify(segment, max_length=max_length) for segment in path.split("/")]
    segments += [slugify(unquote(piece), max_length=max_length) for piece in _without_tracking(parts.query)]
    budget = max_length - len(domain) - 1
    picked: list[str] = []
    for segment in reversed([s for s in segments if s]):  # the end of a path names the article
        if picked and len(segment) + 1 + len("-".join(picked)) > budget:
            break
        picked.insert(0, segment)
    slug = slugify("-".join(picked), max_length=budget) if picked else "index"
    return f"{domain}-{slug or 'index'}"


def add_pages(
    urls: Iterable[str],
    seeds: Path,
    *,
    story: str | None = None,
    client: Client = DEFAULT_CLIENT,
    skip_removed: bool = False,
) -> Iterator[Added | FetchError]:
    """Fetch each page not added before into ``seeds`` (or ``seeds/story``); yield what became of each.

    A page that fails yields a FetchError and leaves nothing behind. With ``skip_removed``, a page
    added before whose file was since removed is not fetched again (what ``update`` wants).
    """
    if seeds.exists() and not seeds.is_dir():
        raise FetchError(f"seeds folder is not a folder: {seeds}")
    folder = seeds / check_story(story) if story else seeds
    known = _Known.scan(seeds)
    for url in urls:
        try:
            yield _add_page(url.strip(), seeds, folder, known, client=client, skip_removed=skip_removed)
        except FetchError as exc:
            yield exc


def _add_page(url: str, seeds: Path, folder: Path, known: _Known, *, client: Client, skip_removed: bool) -> Added:
    key = normalize_url(url)
    if key in known.files:
        return known.added(url, key, seeds)
    if skip_removed and key in known.removed:
        return Added(url=url, path=None, label="", new=False)
    page = fetch(url, client=client)
    final_key = normalize_url(page.final_url)
    if final_key in known.files:
        return known.added(url, final_key, seeds)
    data = record(page)
    if len(data) > ARTICLE_MAX_BYTES:
        raise FetchError(f"{url}: too large for an article ({len(data):,} bytes; the limit is {ARTICLE_MAX_BYTES:,})")
    try:
        path = _write_new(folder, file_stem(page.final_url), data)
    except OSError as exc:
        raise FetchError(f"{url}: could not write to {folder}: {exc.strerror or exc}") from None
    name = path.relative_to(seeds).as_posix()
    keys = list(dict.fromkeys([key, final_key]))
    try:
        _add_to_index(seeds, name, keys, page.fetched)
    except (OSError, FetchError) as exc:  # take the page back: a failure adds nothing
        path.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise FetchError(f"{url}: could not update {_label(seeds, INDEX_FILE)}: {reason}") from None
    known.files.update(dict.fromkeys(keys, name))
    return Added(url=url, path=path, label=_label(seeds, name), new=True)


@dataclass(slots=True)
class _Known:
    """The pages already in a seeds folder, by normalised address."""

    files: dict[str, str] = field(default_factory=dict)
    """Address -> the file that holds it, relative to the seeds folder."""
    removed: set[str] = field(default_factory=set)
    """Addresses in the index whose file is gone (removed by the user, or moved and renamed)."""

    @classmethod
    def scan(cls, seeds: Path) -> _Known:
        """Read the index and the note of every web page in ``seeds`` and its story folders."""
        known = cls()
        for path in sorted([*seeds.glob("*.htm*"), *seeds.glob("*/*.htm*")]):
            name = path.relative_to(seeds).as_posix()
            if path.suffix.lower() not in (".html", ".htm") or any(p.startswith(".") for p in name.split("/")):
                continue
            try:
                with path.open("rb") as handle:
                    head = handle.read(_SCAN_BYTES)
            except OSError:
                continue
            for url in recorded_urls(head):
                try:
                    known.files.setdefault(normalize_url(url), name)
                except FetchError:
                    continue
        for entry in _read_index(seeds):
            exists = (seeds / entry["file"]).is_file()
            for url in entry["urls"]:
                if exists:
                    known.files.setdefault(url, entry["file"])
                elif url not in known.files:
                    known.removed.add(url)
        return known

    def added(self, url: str, key: str, seeds: Path) -> Added:
        name = self.files[key]
        return Added(url=url, path=seeds / name, label=_label(seeds, name), new=False)


def _read_index(seeds: Path) -> list[dict[str, Any]]:
    """Read ``seeds/fetched.yml``: a list of {file, fetched, urls}; raise FetchError if malformed."""
    path = seeds / INDEX_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FetchError(f"{path}: cannot be read ({exc.__class__.__name__}); fix or delete it") from None
    entries = data or []
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("file"), str) and isinstance(e.get("urls"), list) for e in entries
    ):
        raise FetchError(f"{path}: expected a list of entries with 'file' and 'urls'; fix or delete it")
    return entries


_INDEX_HEADER = (
    "# Pages added by `python -m generator add` and `update`, by their normalised addresses, so that\n"
    "# none is added twice. Delete an entry to let `update` add that page again.\n"
)


def _add_to_index(seeds: Path, name: str, urls: list[str], fetched: str) -> None:
    entries = [e for e in _read_index(seeds) if not set(map(str, e["urls"])) & set(urls)]
    entries.append({"file": name, "fetched": fetched, "urls": urls})
    text = _INDEX_HEADER + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, default_flow_style=False)
    tmp = _temp_file(seeds, text.encode("utf-8"))
    try:
        os.replace(tmp, seeds / INDEX_FILE)
    finally:
        tmp.unlink(missing_ok=True)


def _write_new(folder: Path, stem: str, data: bytes) -> Path:
    """Write ``data`` to a new file ``folder/stem.html`` (or ``stem-2.html``...): whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _temp_file(folder, data)
    try:
        for n in range(1, 1000):
            target = folder / (f"{stem}.html" if n == 1 else f"{stem}-{n}.html")
            try:
                os.link(tmp, target)  # fails when the name is taken: never replaces another article
            except FileExistsError:
                continue
            except OSError:  # no hard links on this file system
                if target.exists():
                    continue
                os.replace(tmp, target)
            return target
        raise FileExistsError(f"no free file name for {stem}.html")
    finally:
        tmp.unlink(missing_ok=True)


def _temp_file(folder: Path, data: bytes) -> Path:
    """Write ``data`` to a hidden temporary file in ``folder``, which the build never reads."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=".fetch-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _label(seeds: Path, name: str) -> str:
    return (Path(seeds.name) / name).as_posix()


def _check_url(url: str) -> _Parts:
    """Split an address that may be fetched; raise _Refused saying why another may not."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        shown = f"{scheme}:" if scheme else "an address without a scheme"
        raise _Refused(f"only http and https addresses are fetched, not {shown}")
    if parts.username is not None or parts.password is not None:
        raise _Refused("addresses with a user name or password are not fetched")
    try:
        port = parts.port
        host = (parts.hostname or "").rstrip(".").encode("idna").decode("ascii").lower()
    except (ValueError, UnicodeError):
        raise _Refused("not a valid host or port") from None
    if not host:
        raise _Refused("no host in the address")
    default = 443 if scheme == "https" else 80
    return _Parts(scheme, host, port or default, _safe_url(parts.path), _safe_url(parts.query))


@dataclass(frozen=True, slots=True)
class _Parts:
    scheme: str
    host: str
    """ASCII (IDNA) and lower-case, without brackets: "example.org", "::1"."""
    port: int
    path: str
    """Percent-encoded where needed ("/a%20b"), as are the query and the notes."""
    query: str


def _netloc(parts: _Parts) -> str:
    host = f"[{parts.host}]" if ":" in parts.host else parts.host
    default = 443 if parts.scheme == "https" else 80
    return host if parts.port == default else f"{host}:{parts.port}"


def _without_tracking(query: str) -> list[str]:
    """The query's parameters as written, less those that track the click."""
    pieces = [piece for piece in query.split("&") if piece]
    return [p for p in pieces if not _is_tracking(unquote(p.partition("=")[0]).lower())]


def _is_tracking(name: str) -> bool:
    return name in _TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def _clean_url(url: str) -> str:
    """Drop the fragment and the tracking parameters, keeping the rest as written."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "&".join(_without_tracking(parts.query)), ""))


def _safe_url(url: str) -> str:
    """Percent-encode what may not stand in an HTML comment or attribute: spaces, quotes, <, >, non-ASCII."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _refusal(address: str) -> str | None:
    """Say why an address is not public ("a loopback address"), or None when it is."""
    ip = ipaddress.ip_address(address.partition("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind, flag in (
        ("a loopback", ip.is_loopback), ("a link-local", ip.is_link_local), ("an unspecified", ip.is_unspecified),
        ("a multicast", ip.is_multicast), ("a private", ip.is_private), ("a reserved", ip.is_reserved),
    ):
        if flag:
            return f"{kind} address"
    return None if ip.is_global else "not a public address"


def _allowed(host: str, address: str, allow_hosts: Iterable[str]) -> bool:
    ip = ipaddress.ip_address(address.partition("%")[0])
    for entry in allow_hosts:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            if entry.lower().rstrip(".") == host:
                return True
    return False


def _checked_addresses(parts: _Parts, client: Client, deadline: float) -> list[str]:
    """Resolve the host and check every address; raise _Refused if any is not public and not allowed."""
    addresses = _resolve_by(parts.host, parts.port, client.resolve, deadline - time.monotonic())
    if not addresses:
        raise _Refused(f"cannot resolve host {parts.host!r}")
    for address in addresses:
        why = _refusal(address)
        if why and not _allowed(parts.host, address, client.allow_hosts):
            shown = address.partition("%")[0]
            where = f"{parts.host} is" if shown == parts.host else f"{parts.host} resolves to {shown},"
            raise _Refused(f"refused: {where} {why} (allow it with --allow-host {shown})")
    return addresses


def _resolve_by(host: str, port: int, resolve: Callable[[str, int], list[str]], seconds: float) -> list[str]:
    """Call ``resolve`` in a thread and wait at most ``seconds``: the system resolver takes no timeout."""
    outcome: list[list[str] | Exception] = []

    def run() -> None:
        try:
            outcome.append(resolve(host, port))
        except (OSError, UnicodeError) as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, name=f"resolve {host}", daemon=True)
    thread.start()
    thread.join(max(seconds, 0.0))
    if not outcome:
        raise _Refused(f"timed out resolving host {host!r}")
    if isinstance(outcome[0], Exception):
        raise _Refused(f"cannot resolve host {host!r} ({getattr(outcome[0], 'strerror', None) or outcome[0]})")
    return outcome[0]


def _request(parts: _Parts, client: Client, deadline: float, accept: frozenset[str]) -> urllib3.BaseHTTPResponse:
    """Send a GET to the checked addresses in turn, as ``parts.host``; return the response, body unread."""
    headers = {
        "Host": _netloc(parts),
        "User-Agent": client.user_agent,
        "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    last: Exception | None = None
    for address in _checked_addresses(parts, client, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        timeout = urllib3.Timeout(connect=min(client.connect_timeout, remaining), read=remaining)
        pool: urllib3.HTTPConnectionPool
        if parts.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                address, parts.port, timeout=timeout, retries=False, maxsize=1,
                cert_reqs="CERT_REQUIRED", assert_hostname=parts.host, server_hostname=parts.host,
            )
        else:
            pool = urllib3.HTTPConnectionPool(address, parts.port, timeout=timeout, retries=False, maxsize=1)
        try:
            return pool.urlopen(
                "GET", target, headers=headers, redirect=False, retries=False,
                preload_content=False, decode_content=True, assert_same_host=False, release_conn=False,
            )
        except urllib3.exceptions.NewConnectionError as exc:  # before ConnectTimeoutError, its base class
            last = _Refused(f"cannot connect to {parts.host} ({address}): {_os_reason(exc)}")
        except urllib3.exceptions.ConnectTimeoutError:
            last = _Refused(f"timed out connecting to {parts.host} ({address}) after {client.connect_timeout:g} s")
        except urllib3.exceptions.ReadTimeoutError:
            raise _Refused(f"timed out: no answer within {client.timeout:g} s") from None
        except urllib3.exceptions.SSLError as exc:
            raise _Refused(f"TLS error: {_os_reason(exc)}") from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise _Refused(f"connection failed: {_os_reason(exc)}") from None
        finally:
            pool.close()
    raise last or _Refused(f"timed out after {client.timeout:g} s")


def _body(
    response: urllib3.BaseHTTPResponse, client: Client, deadline: float, accept: frozenset[str]
) -> tuple[bytes, str]:
    """Check the status and type, then read the body within the size limit and the deadline."""
    try:
        if response.status != 200:
            try:
                phrase = HTTPStatus(response.status).phrase
            except ValueError:
                phrase = response.reason or ""
            raise _Refused(f"HTTP {response.status} {phrase}".rstrip())
        content_type = response.headers.get("Content-Type", "").partition(";")[0].strip().lower()
        if content_type not in accept:
            raise _Refused(f"not {_expected(accept)} (Content-Type {content_type or 'missing'!r})")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > client.max_bytes:
            raise _Refused(f"too large ({int(length):,} bytes; the limit is {client.max_bytes:,})")
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise _Refused(f"timed out: body not read within {client.timeout:g} s")
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > client.max_bytes:
                raise _Refused(f"too large (over {client.max_bytes:,} bytes)")
            chunks.append(chunk)
        return b"".join(chunks), content_type
    except urllib3.exceptions.ReadTimeoutError:
        raise _Refused(f"timed out: no data within {client.timeout:g} s") from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise _Refused(f"connection failed while reading: {_os_reason(exc)}") from None
    finally:
        response.close()  # without draining: a body past the limit is not read any further


def _expected(accept: frozenset[str]) -> str:
    return "a web page" if accept == HTML_TYPES else "one of " + ", ".join(sorted(accept))


def _os_reason(exc: BaseException) -> str:
    """The innermost reason: "[Errno 111] Connection refused" rather than urllib3's wrapping."""
    for _ in range(10):  # the chain is short; the bound guards against a cycle
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).partition(": ")[2] or str(exc) or exc.__class__.__name__


def _insert(body: bytes, note: str) -> bytes:
    """Put ``note`` after the page's <head> tag (or <html>, or doctype, or at the start)."""
    for bom, codec in _WIDE_BOMS:
        if body.startswith(bom):
            return bom + note.encode(codec) + body[len(bom):]
    start = 3 if body.startswith(b"\xef\xbb\xbf") else 0
    head = body[:_SCAN_BYTES]
    for pattern in _INSERT_AFTER_RES:
        match = pattern.search(head, start)
        if match:
            return body[: match.end()] + note.encode("ascii") + body[match.end():]
    return body[:start] + note.lstrip("\n").encode("ascii") + body[start:]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
