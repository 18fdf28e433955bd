"""``add`` and ``update`` against a local HTTP server on 127.0.0.1 (never the internet): what is kept,
what is refused, and that the normal build reads what was kept."""
from __future__ import annotations

import gzip
import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.build import build
from generator.cli import main
from generator.errors import FetchError
from generator.input.feeds import feed_links
from generator.input.fetch import (
    USER_AGENT,
    Added,
    Client,
    add_pages,
    declares_address,
    fetch,
    file_stem,
    normalize_url,
    record,
    recorded_urls,
)

EVAL_PAGES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "article-extraction" / "html"
LOCAL = Client(allow_hosts=("127.0.0.1",))
HUGE = 100 * 1024 * 1024


def _article(headline: str, outlet: str, paragraphs: list[str], *, extra_head: str = "") -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta name="date" content="2024-03-17">{extra_head}
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{headline}</h1>
{body}
</article>
<footer>Copyright {outlet}. All rights reserved.</footer>
</body></html>
""".encode()


PAGES: dict[str, bytes] = {
    "/news/niger-ends-us-military-pact.html": _article(
        "Niger ends military pact with United States", "Daily Planet", [
            "Niger's military junta said on Saturday it was ending a military cooperation agreement with the "
            "United States with immediate effect.",
            "About 1,000 American troops are stationed in the country, most of them at a drone base near "
            "Agadez, spokesman Amadou Abdramane said in a statement read on national television.",
            "The decision follows a visit to Niamey this week by a US delegation led by Assistant Secretary "
            "of State Molly Phee, which the junta said had not followed diplomatic protocol.",
            "Washington had already suspended some aid after the coup in July 2023.",
        ]),
    "/world/africa/junta-orders-us-troops-out": _article(
        "Junta orders US troops out of Niger", "Morning Ledger", [
            "The ruling junta in Niger on Saturday revoked with immediate effect a military accord with the "
            "United States that allowed about 1,000 American soldiers to operate in the country.",
            "Spokesman Amadou Abdramane said on national television that the US presence was illegal and "
            "violated the constitution.",
            "A US delegation led by Molly Phee had visited Niamey this week to discuss the transition.",
            "The United States runs a drone base near Agadez that cost about $100 million to build.",
        ]),
    "/politics/niger-us.html": _article(
        "Niger revokes US military accord", "Evening Courier", [
            "Niger has revoked its military cooperation agreement with the United States, the junta "
            "spokesman Amadou Abdramane said on Saturday.",
            "About 1,000 US troops are based in the country, many at the drone base near Agadez.",
            "The announcement came after talks in Niamey with a delegation led by Molly Phee.",
            "The US State Department said it was aware of the statement.",
        ], extra_head='\n<meta property="og:url" content="https://courier.example/politics/niger-us">'),
}
GZIPPED = "/world/africa/junta-orders-us-troops-out"


def _rss(base: str) -> bytes:
    items = [
        f"{base}/news/niger-ends-us-military-pact.html?utm_source=rss&utm_medium=feed",
        f"{base}/world/africa/junta-orders-us-troops-out",
        "/politics/niger-us.html",  # relative: resolved against the feed's address
        f"{base}/news/niger-ends-us-military-pact.html?fbclid=abc#top",  # the first again, tracked
    ]
    entries = "".join(f"<item><title>Item {n}</title><link>{link}</link></item>" for n, link in enumerate(items))
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Niger news</title>'
        f"<link>{base}/</link><description>Test feed</description>{entries}</channel></rss>"
    ).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        path = urlsplit(self.path).path
        if path in PAGES:
            body = PAGES[path]
            if path == GZIPPED and "gzip" in self.headers.get("Accept-Encoding", ""):
                self._send(200, gzip.compress(body), "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
            else:
                self._send(200, body, "text/html; charset=utf-8")
        elif path == "/feed.xml":
            self._send(200, _rss(f"http://127.0.0.1:{self.server.server_port}"), "application/rss+xml")
        elif path == "/short/a":
            self._redirect(302, "/news/niger-ends-us-military-pact.html")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, PAGES["/politics/niger-us.html"], "text/html")
        elif path == "/loop/a":
            self._redirect(302, "/loop/b")
        elif path == "/loop/b":
            self._redirect(301, "/loop/a")
        elif path.startswith("/hops/"):
            self._redirect(302, f"/hops/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/to-file":
            self._redirect(302, "file:///etc/passwd")
        elif path == "/to-private":
            self._redirect(302, "http://10.0.0.1/news.html")
        elif path == "/data.json":
            self._send(200, b'{"title": "not a page"}', "application/json")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(HUGE))
            self.end_headers()
            self._stream(HUGE)
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the body runs until the connection closes
            self._stream(HUGE)
        else:
            self._send(404, b"<html><body><p>Not found</p></body></html>", "text/html")

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, total: int) -> None:
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        sent = 0
        try:
            self.wfile.write(b"<html><body>")
            while sent < total:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:  # the client hung up: how much it let through is what the test checks
            pass
        finally:
            self.server.streamed.append(sent)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.streamed: list[int] = []

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up early (a timeout, a size limit) is what some tests want

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.splitlines()


def test_add_keeps_each_page_as_fetched_and_the_build_reads_it(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    urls = [server.url(path) for path in PAGES]
    code = main(["add", *urls, "--story", "niger", "--seeds", str(seeds), "--allow-host", "127.0.0.1"])
    lines = _lines(capsys)
    assert code == 0, lines
    assert lines == [
        "added seeds/niger/127-0-0-1-news-niger-ends-us-military-pact.html <- " + urls[0],
        "added seeds/niger/127-0-0-1-world-africa-junta-orders-us-troops-out.html <- " + urls[1],
        "added seeds/niger/127-0-0-1-politics-niger-us.html <- " + urls[2],
    ]
    assert _files(seeds) == [
        "fetched.yml",
        "niger/127-0-0-1-news-niger-ends-us-military-pact.html",
        "niger/127-0-0-1-politics-niger-us.html",
        "niger/127-0-0-1-world-africa-junta-orders-us-troops-out.html",
    ]
    kept = (seeds / "niger/127-0-0-1-world-africa-junta-orders-us-troops-out.html").read_bytes()
    assert recorded_urls(kept) == [urls[1]]
    assert b'<link rel="canonical" href="' + urls[1].encode() + b'">' in kept
    original = PAGES["/world/africa/junta-orders-us-troops-out"]  # served gzipped, kept decoded
    assert _without_note(kept, canonical=True) == original
    report = build(seeds, tmp_path / "out", warn=lambda line: None, use_cache=False)
    (digest,) = report.digests
    assert {s.file: s.url for s in digest.sources} == {
        "seeds/niger/127-0-0-1-news-niger-ends-us-military-pact.html": urls[0],
        "seeds/niger/127-0-0-1-world-africa-junta-orders-us-troops-out.html": urls[1],
        # The page names its own address (og:url): that stays the article's URL.
        "seeds/niger/127-0-0-1-politics-niger-us.html": "https://courier.example/politics/niger-us",
    }
    assert {s.outlet for s in digest.sources} == {"Daily Planet", "Morning Ledger", "Evening Courier"}


def test_update_adds_the_feeds_new_items_once_and_a_failing_feed_is_one_line(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    missing, feed = server.url("/missing-feed.xml"), server.url("/feed.xml")
    (seeds / "feeds.yml").write_text(f"- url: {missing}\n- url: {feed}\n", encoding="utf-8")
    code = main(["update", "--seeds", str(seeds), "--allow-host", "127.0.0.1"])
    lines = _lines(capsys)
    assert code == 1
    assert lines[0] == f"error: feed {missing}: HTTP 404 Not Found"
    assert [line.split(" <- ")[1] for line in lines[1:4]] == [
        server.url("/news/niger-ends-us-military-pact.html?utm_source=rss&utm_medium=feed"),
        server.url("/world/africa/junta-orders-us-troops-out"),
        server.url("/politics/niger-us.html"),
    ]
    assert lines[4:] == [f"feed {feed}: 3 new, 1 added before, 0 failed"]
    added = [name for name in _files(seeds) if name.endswith(".html")]
    assert len(added) == 3
    # A second run finds nothing new; a removed page does not come back from the feed.
    (seeds / added[0]).unlink()
    assert main(["update", "--seeds", str(seeds), "--allow-host", "127.0.0.1"]) == 1
    assert _lines(capsys)[1:] == [f"feed {feed}: 0 new, 4 added before, 0 failed"]
    assert len([name for name in _files(seeds) if name.endswith(".html")]) == 2
    report = build(seeds, tmp_path / "out", warn=lambda line: None, use_cache=False)
    assert report.articles == 2
    urls = {s.url for digest in report.digests for s in digest.sources}
    assert server.url("/world/africa/junta-orders-us-troops-out") in urls


def test_the_same_page_with_tracking_parameters_or_a_redirect_is_not_added_twice(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    first = server.url("/news/niger-ends-us-military-pact.html")
    again = [
        server.url("/news/niger-ends-us-military-pact.html?utm_source=x&fbclid=y&gclid=z#comments"),
        server.url("/short/a"),  # redirects to the first
        first.replace("127.0.0.1", "127.0.0.1.", 1).replace("http://", "HTTP://", 1),
    ]
    assert main(["add", first, "--seeds", str(seeds), "--allow-host", "127.0.0.1"]) == 0
    capsys.readouterr()
    assert main(["add", *again, "--seeds", str(seeds), "--allow-host", "127.0.0.1"]) == 0
    label = "seeds/127-0-0-1-news-niger-ends-us-military-pact.html"
    assert _lines(capsys) == [f"already added: {url} ({label})" for url in again]
    assert _files(seeds) == ["127-0-0-1-news-niger-ends-us-military-pact.html", "fetched.yml"]
    # The note in the page is enough: without the index, the page is still known.
    (seeds / "fetched.yml").unlink()
    (outcome,) = add_pages([again[0]], seeds, client=LOCAL)
    assert isinstance(outcome, Added) and not outcome.new


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/loop/a", "redirect loop"),
        ("/hops/0", "more than 5 redirects"),
        ("/data.json", "not a web page (Content-Type 'application/json')"),
        ("/huge", "too large (over "),
        ("/huge-declared", "too large (104,857,600 bytes; the limit is "),
        ("/to-file", "only http and https addresses are fetched, not file: at file:///etc/passwd after 1 redirect"),
        ("/to-private", "refused: 10.0.0.1 is a private address"),
        ("file:///etc/passwd", "only http and https addresses are fetched, not file:"),
        ("ftp://127.0.0.1/news.html", "only http and https addresses are fetched, not ftp:"),
        ("javascript:alert(1)", "only http and https addresses are fetched, not javascript:"),
        ("news.example/story.html", "only http and https addresses are fetched, not an address without a scheme"),
    ],
)
def test_a_page_that_cannot_be_added_is_one_line_and_adds_nothing(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, reason: str
) -> None:
    seeds = tmp_path / "seeds"
    url = server.url(path) if path.startswith("/") else path
    started = time.monotonic()
    code = main(["add", url, "--seeds", str(seeds), "--allow-host", "127.0.0.1"])
    elapsed = time.monotonic() - started
    (line,) = _lines(capsys)
    assert code == 1
    assert line.startswith(f"error: {url}: ")
    assert reason in line
    assert _files(seeds) == []
    assert elapsed < 3


def test_a_huge_body_is_not_read_past_the_limit(server: _Server, tmp_path: Path) -> None:
    del server.streamed[:]
    started = time.monotonic()
    (outcome,) = add_pages([server.url("/huge")], tmp_path / "seeds", client=LOCAL)
    assert isinstance(outcome, FetchError) and "too large" in str(outcome)
    assert time.monotonic() - started < 2
    deadline = time.monotonic() + 5
    while not server.streamed and time.monotonic() < deadline:
        time.sleep(0.01)
    (sent,) = server.streamed
    assert sent < HUGE / 4  # the server stopped when the client hung up, long before 100 MB
    assert _files(tmp_path / "seeds") == []


def test_a_server_slower_than_the_timeout_is_one_line_and_adds_nothing(server: _Server, tmp_path: Path) -> None:
    started = time.monotonic()
    (outcome,) = add_pages([server.url("/slow")], tmp_path / "seeds", client=Client(allow_hosts=("127.0.0.1",), timeout=0.3))
    assert time.monotonic() - started < 1.5
    assert isinstance(outcome, FetchError)
    assert str(outcome) == f"{server.url('/slow')}: timed out: no answer within 0.3 s"
    assert _files(tmp_path / "seeds") == []


def test_a_loopback_address_is_refused_unless_allowed(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    url = server.url("/news/niger-ends-us-military-pact.html")
    before = len(server.requests)
    assert main(["add", url, "--seeds", str(seeds)]) == 1
    assert _lines(capsys) == [
        f"error: {url}: refused: 127.0.0.1 is a loopback address (allow it with --allow-host 127.0.0.1)"
    ]
    assert len(server.requests) == before  # refused before connecting
    assert _files(seeds) == []
    assert main(["add", url, "--seeds", str(seeds), "--allow-host", "127.0.0.0/8"]) == 0


@pytest.mark.parametrize(
    ("addresses", "reason"),
    [
        (["93.184.215.14", "10.0.0.7"], "news.example resolves to 10.0.0.7, a private address"),
        (["169.254.169.254"], "news.example resolves to 169.254.169.254, a link-local address"),
        (["::ffff:127.0.0.1"], "news.example resolves to ::ffff:127.0.0.1, a loopback address"),
        (["::1"], "news.example resolves to ::1, a loopback address"),
        (["100.64.0.1"], "news.example resolves to 100.64.0.1, not a public address"),
        (["0.0.0.0"], "news.example resolves to 0.0.0.0, an unspecified address"),
    ],
)
def test_every_address_a_host_resolves_to_is_checked(addresses: list[str], reason: str) -> None:
    client = Client(resolve=lambda host, port: addresses)
    with pytest.raises(FetchError) as raised:
        fetch("https://news.example/story.html", client=client)
    assert str(raised.value).startswith(f"https://news.example/story.html: refused: {reason} (allow it with")


def test_a_resolver_slower_than_the_timeout_is_a_timeout() -> None:
    def resolve(host: str, port: int) -> list[str]:
        time.sleep(1)
        return ["93.184.215.14"]

    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^https://news.example/a: timed out resolving host 'news.example'$"):
        fetch("https://news.example/a", client=Client(resolve=resolve, timeout=0.2))
    assert time.monotonic() - started < 0.8


def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(server: _Server) -> None:
    resolved: list[tuple[str, int]] = []

    def resolve(host: str, port: int) -> list[str]:
        resolved.append((host, port))
        return ["127.0.0.1"]

    url = f"http://News.Example:{server.server_port}/news/niger-ends-us-military-pact.html"
    page = fetch(url, client=Client(allow_hosts=("127.0.0.1",), resolve=resolve))
    assert resolved == [("news.example", server.server_port)]
    path, headers = server.requests[-1]
    assert path == "/news/niger-ends-us-military-pact.html"
    assert headers["Host"] == f"news.example:{server.server_port}"
    assert headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("news-explainer/")
    assert page.body == PAGES[path] and page.content_type == "text/html"


def test_a_broken_index_or_a_missing_feeds_file_is_one_line(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    assert main(["update", "--seeds", str(seeds)]) == 1
    assert _lines(capsys) == [f"error: {seeds / 'feeds.yml'}: not found; list feeds in it as '- url: https://...'"]
    (seeds / "fetched.yml").write_text("file: not a list\n", encoding="utf-8")
    assert main(["add", server.url("/politics/niger-us.html"), "--seeds", str(seeds), "--allow-host", "127.0.0.1"]) == 1
    assert _lines(capsys) == [
        f"error: {seeds / 'fetched.yml'}: expected a list of entries with 'file' and 'urls'; fix or delete it"
    ]
    assert _files(seeds) == ["fetched.yml"]


def test_usage_errors_exit_with_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["add"],
        ["add", "https://news.example/a", "--story", "../elsewhere", "--seeds", str(tmp_path)],
        ["add", "https://news.example/a", "--allow-host", "not a host", "--seeds", str(tmp_path)],
    ):
        with pytest.raises(SystemExit) as raised:
            main(argv)
        assert raised.value.code == 2
    assert "not a story folder name: '../elsewhere'" in capsys.readouterr().err
    assert _files(tmp_path) == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.ORG:443/a/b?utm_source=x&b=2&a=1#frag", "https://www.example.org/a/b?a=1&b=2"),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/x?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ocid=5&cmpid=6", "http://example.org:8080/x"),
        ("https://example.org/x?UTM_Campaign=a&id=7", "https://example.org/x?id=7"),
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
        ("https://news.example/a b/é?q=x y", "https://news.example/a%20b/%C3%A9?q=x%20y"),
        ("https://news.example/a%20b/%C3%A9", "https://news.example/a%20b/%C3%A9"),
    ],
)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.org/world/africa/niger-us-troops.html", "example-org-world-africa-niger-us-troops"),
        ("https://apnews.com/", "apnews-com-index"),
        ("https://news.example/read.php?id=42&utm_source=x", "news-example-read-id-42"),
        (
            "https://www.wsj.com/articles/google-stadia-microsoft-xcloud-apple-arcade-so-many-ways-to-playand-pay-11574168580",
            "wsj-com-google-stadia-microsoft-xcloud-apple-arcade-so-many-ways-to-playand-pay",
        ),
    ],
)
def test_file_stem_is_readable_and_short(url: str, expected: str) -> None:
    assert file_stem(url) == expected
    assert len(file_stem(url)) <= 80


def test_record_adds_a_canonical_link_only_to_a_page_that_names_no_address() -> None:
    from generator.input.fetch import Fetched

    plain = Fetched(
        url="https://news.example/a?utm_source=x", final_url="https://news.example/b?utm_source=x&id=1",
        body=b"<html><head><title>T</title></head><body><p>Text.</p></body></html>",
        content_type="text/html", fetched="2026-01-02T03:04:05Z",
    )
    kept = record(plain)
    assert kept.startswith(
        b"<html><head>\n<!-- news-explainer: fetched from https://news.example/a?utm_source=x at 2026-01-02T03:04:05Z -->\n"
        b"<!-- news-explainer: redirected to https://news.example/b?utm_source=x&id=1 -->\n"
        b'<link rel="canonical" href="https://news.example/b?id=1">\n<title>'
    )
    assert recorded_urls(kept) == [plain.url, plain.final_url]
    named = Fetched(
        url=plain.url, final_url=plain.url, content_type="text/html", fetched=plain.fetched,
        body=b'<html><head><link rel="canonical" href="https://news.example/c"></head><body></body></html>',
    )
    assert b"<link rel=\"canonical\" href=\"https://news.example/a" not in record(named)
    assert _without_note(record(named), canonical=False) == named.body


def test_feed_links_reads_rss_and_atom_and_refuses_what_is_no_feed() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b'<entry><title>a</title><link rel="alternate" href="/a.html"/></entry></feed>'
    )
    assert feed_links(atom, url="https://news.example/feed") == ["https://news.example/a.html"]
    assert feed_links(_rss("https://news.example"), url="https://news.example/feed.xml", max_items=2) == [
        "https://news.example/news/niger-ends-us-military-pact.html?utm_source=rss&utm_medium=feed",
        "https://news.example/world/africa/junta-orders-us-troops-out",
    ]
    # A feed's text that names a local file is parsed as text, never opened.
    with pytest.raises(FetchError, match="not a readable feed"):
        feed_links(b"/etc/passwd", url="https://news.example/feed")


_EVAL = sorted(EVAL_PAGES.glob("*.html.gz"))[:2] if EVAL_PAGES.is_dir() else []


@pytest.mark.skipif(not _EVAL, reason="../shared/eval/article-extraction is not here")
def test_real_saved_pages_are_kept_byte_for_byte(
    server: _Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = {f"/eval/{path.name.removesuffix('.gz')}": gzip.decompress(path.read_bytes()) for path in _EVAL}
    for path, page in served.items():
        monkeypatch.setitem(PAGES, path, page)
    outcomes = list(add_pages([server.url(p) for p in served], tmp_path, client=LOCAL))
    for outcome, original in zip(outcomes, served.values(), strict=True):
        assert isinstance(outcome, Added) and outcome.new and outcome.path is not None, outcome
        kept = outcome.path.read_bytes()
        assert _without_note(kept, canonical=not declares_address(original)) == original


def _without_note(kept: bytes, *, canonical: bool) -> bytes:
    """The page as served: the bytes less the lines ``record`` inserted after its <head>."""
    note = _NOTE_RE if canonical else _NOTE_WITHOUT_LINK_RE
    assert len(note.findall(kept)) == 1
    return note.sub(b"", kept)


# What ``record`` inserts: the notes, then the canonical link (only into a page that names no address).
_NOTE_WITHOUT_LINK_RE = re.compile(
    rb"\n<!-- news-explainer: fetched from \S+ at \S+ -->\n(?:<!-- news-explainer: redirected to \S+ -->\n)?"
)
_NOTE_RE = re.compile(_NOTE_WITHOUT_LINK_RE.pattern + rb'<link rel="canonical" href="[^"]+">\n')


def test_the_index_lists_every_address_of_each_page(server: _Server, tmp_path: Path) -> None:
    import yaml

    (outcome,) = add_pages([server.url("/short/a?utm_source=x")], tmp_path, client=LOCAL)
    assert isinstance(outcome, Added) and outcome.new
    index = yaml.safe_load((tmp_path / "fetched.yml").read_text(encoding="utf-8"))
    assert index == [{
        "file": "127-0-0-1-news-niger-ends-us-military-pact.html",
        "fetched": index[0]["fetched"],
        "urls": [server.url("/short/a"), server.url("/news/niger-ends-us-military-pact.html")],
    }]
    assert json.dumps(index[0]["fetched"]).endswith('Z"')
