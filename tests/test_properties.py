"""Property tests: hostile and broken input never crashes reading, cleaning, splitting or escaping."""
from __future__ import annotations

import html
import json
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from hypothesis import HealthCheck, assume, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.prepare.clean import clean_text
from generator.errors import GeneratorError, InputError
from generator.model import Article
from generator.input.read import read_article
from generator.output.render import escape_markdown, safe_url
from generator.prepare.sentences import split_paragraph

# PROPERTY_SCALE=20 runs twenty times as many examples, to hunt for new failures (about 5 minutes).
_SCALE = int(os.environ.get("PROPERTY_SCALE", "1"))
FAST = settings(deadline=None, max_examples=400 * _SCALE, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(deadline=None, max_examples=50 * _SCALE, suppress_health_check=[HealthCheck.too_slow])

# Characters and snippets that Markdown, HTML, attr_list, tables, decoding or splitting act on.
HARD = (
    "“", "”", "‘", "’", '"', "'", "<", ">", "&", "|", "*", "_", "`", "{", "}", "[", "]", "(", ")",
    "#", "\n", "\n\n", "\r\n", "\r", "\t", "\x00", "\u200b", "\u202e", "\ufeff", "\u00a0", "\u2028",
    "😀", "👩‍👩‍👧", "e\u0301", "\u0301", "…", ". ", "? ", "! ", "Mr. ", "U.S. ", "1. ", "- ", "+ ", "> ",
    "=== ", "!!! note ", "??? note ", "{: .x }", "{#id}", "&amp;", "&#60;", "<script>alert(1)</script>",
    "<b onclick=x>", "&#x202e;", "&#8203;", "&#0;", "&#xFEFF;", "<!-- c -->", "[a](javascript:alert(1))", "![i](x.png)", "<http://a.b>", "~~", "^", "$",
    "\\", "---", "***", "|---|", ":", "    ", "x" * 300, "Supercalifragilistic" * 8,
)
WORDS = ("The", "army", "said", "on", "Tuesday", "that", "1,000", "troops", "left", "Niamey", "and")
_PIECE = st.one_of(
    st.sampled_from(HARD),
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
)
_BODY = st.lists(_PIECE, max_size=40).map("".join)
hostile_text = st.one_of(_BODY, st.builds(lambda a, b, c: a + b + c, st.sampled_from(HARD), _BODY, st.sampled_from(HARD)))
"""Arbitrary text biased toward the characters that break parsers, often at its start and end."""

# Characters decoding must remove from article text: NUL and other controls, zero-width, bidi.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def _front_matter(fields: dict[str, str], body: str, *, ascii: bool = True) -> bytes:
    """Write YAML front matter whose values are JSON strings: with ``ascii``, "\\u202e" escapes reach YAML."""
    head = "".join(f"{key}: {json.dumps(value, ensure_ascii=ascii)}\n" for key, value in sorted(fields.items()))
    return f"---\n{head}---\n{body}".encode("utf-8", errors="surrogatepass")


_FIELDS = st.dictionaries(st.sampled_from(["title", "outlet", "date", "url"]), hostile_text, max_size=4)
article_bytes = st.one_of(
    st.builds(_front_matter, _FIELDS, hostile_text),
    st.binary(max_size=400),
    st.builds(_encoded, hostile_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])),
    st.builds(
        lambda head, body: (head + body).encode("utf-8", errors="surrogatepass"),
        st.sampled_from(["", " date 2024-03-18 ", "date: 2024-13-45 ", "---\ntitle: x\n---\n", "---\n[\n---\n", "---\n- 1\n...\n"]),
        hostile_text,
    ),
)


def _read(raw: bytes, suffix: str) -> Article | None:
    """Read the bytes as an article file; None when reading refused it with an InputError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(raw)
        try:
            article = read_article(path, label=path.name)
        except InputError as exc:
            assert str(exc), "an InputError must name the problem"
            _event("refused")
            return None
    assert isinstance(article, Article)
    assert not _INVISIBLE.search(article.text), repr(article.text)
    _event("read")
    return article


def _event(name: str) -> None:
    if currently_in_test_context():  # the known-bug tests call the helpers outside @given
        event(name)


@FAST
@given(raw=article_bytes, suffix=st.sampled_from([".txt", ".md"]))
def test_reading_any_bytes_gives_an_article_or_an_input_error(raw: bytes, suffix: str) -> None:
    _read(raw, suffix)


@settings(deadline=None, max_examples=60 * _SCALE, suppress_health_check=[HealthCheck.too_slow])
@given(raw=article_bytes, wrap=st.booleans())
def test_reading_any_html_gives_an_article_or_an_input_error(raw: bytes, wrap: bool) -> None:
    if wrap:
        raw = b"<html><head><title>T</title></head><body><article><p>" + raw + b"</p></article></body></html>"
    article = _read(raw, ".html")
    for field in (article.title, article.outlet) if article else ():
        assert not _INVISIBLE.search(field or ""), repr(field)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _words(text: str) -> str:
    return " " + " ".join(_WORD.findall(text)) + " "


@FAST
@given(text=hostile_text, title=st.none() | hostile_text)
def test_cleaning_loses_nothing_silently(text: str, title: str | None) -> None:
    cleaned = clean_text(text, title=title)
    input_lines = [_words(line) for line in _lines(text)]
    for line in cleaned.removed:
        assert _words(line) in input_lines, f"removed {line!r}, which is not an input line"
    kept = [_words(p) for p in cleaned.paragraphs] + [_words(r) for r in cleaned.removed]
    for line, words in zip(_lines(text), input_lines):
        if words.strip():
            assert any(words in k for k in kept), f"line {line!r} is neither kept nor removed"
    assert all(p.strip() for p in cleaned.paragraphs)


@FAST
@given(text=hostile_text)
def test_splitting_keeps_every_character_but_white_space(text: str) -> None:
    sentences = split_paragraph(text)
    assert _SPACE.sub("", "".join(sentences)) == _SPACE.sub("", text)
    assert all(s and s == s.strip() for s in sentences)


_MD = markdown.Markdown(
    extensions=["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"],
    extension_configs={"toc": {"permalink": True}, "pymdownx.tabbed": {"alternate_style": True}},
)


class _Tags(HTMLParser):
    """Collect the tags, attributes and text of rendered HTML (text of a heading's permalink left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(attrs))))
        self._skip += tag == "a"

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag == "a"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", ()))

    def handle_decl(self, decl: str) -> None:
        self.tags.append(("!decl", ()))

    def handle_pi(self, data: str) -> None:
        self.tags.append(("?pi", ()))


_CONTAINERS = {
    "paragraph": ("{}", {"p"}, "p"),
    "list item": ("- {}", {"ul", "li"}, "li"),
    "table cell": ("| A | B |\n| --- | --- |\n| {} | b |", {"table", "thead", "tbody", "tr", "th", "td"}, "td"),
    "heading": ("## {}", {"h2", "a"}, "h2"),
}


def _render(container: str, text: str) -> _Tags:
    pattern = _CONTAINERS[container][0]
    _MD.reset()
    parser = _Tags()
    parser.feed(_MD.convert(pattern.format(escape_markdown(text))))
    parser.close()
    return parser


def _shown(parser: _Tags, container: str) -> str:
    text = html.unescape("".join(parser.text))
    if container == "table cell":
        text = text.replace("A", "", 1).replace("B", "", 1)
        text = text[: text.rstrip().rfind("b")]
    return _SPACE.sub(" ", text).strip()


# Python-Markdown deletes STX and ETX (its placeholder markers) from its input before parsing.
_MARKDOWN_DROPS = re.compile("[\x02\x03]")


@FAST
@given(text=hostile_text, container=st.sampled_from(sorted(_CONTAINERS)))
def test_escaped_text_renders_as_itself_and_never_as_markup(text: str, container: str) -> None:
    expected = _SPACE.sub(" ", _MARKDOWN_DROPS.sub("", text)).strip()
    assume(expected)
    parser = _render(container, text)
    allowed = _CONTAINERS[container][1]
    for tag, attrs in parser.tags:
        assert tag in allowed, f"{text!r} became <{tag}> in a {container}"
        if container == "heading" and tag == "h2":
            assert [name for name, _ in attrs] == ["id"]
        elif container == "heading" and tag == "a":
            assert dict(attrs).get("class") == "headerlink"
        else:
            assert not attrs, f"{text!r} gave <{tag}> attributes {attrs} in a {container}"
    assert _shown(parser, container) == expected


schemes = st.sampled_from(
    ["http", "https", "HTTP", "javascript", "JavaScript", "data", "vbscript", "file", "ftp", "mailto", " javascript", "java\tscript", ""]
)
urls = st.one_of(
    hostile_text,
    st.builds(
        lambda s, sep, rest: f"{s}{sep}{rest}",
        schemes,
        st.sampled_from([":", "://", ":/", "%3A//", "\n://", "://[", "://x]"]),
        hostile_text,
    ),
)


@FAST
@given(url=urls)
def test_safe_url_only_gives_http_links_that_stay_one_markdown_link(url: str) -> None:
    result = safe_url(url)
    event("kept" if result else "refused")
    if result is None:
        return
    assert urlsplit(result).scheme.lower() in ("http", "https")
    assert result.lower().startswith(("http://", "https://")), result
    assert not re.search(r"[\s<>()\"'`\\\[\]]", result), result


_SCRIPT = "<script>alert(1)</script>"
seed_text = st.lists(st.one_of(_PIECE, st.just(_SCRIPT), st.just("<SCRIPT src=x>")), max_size=60).map("".join)
seed_file = st.one_of(
    st.tuples(st.sampled_from([".txt", ".md", ".html"]), seed_text.map(lambda t: t.encode("utf-8", errors="surrogatepass"))),
    st.tuples(st.just(".md"), st.builds(_front_matter, _FIELDS, seed_text, ascii=st.booleans())),
)


@SLOW
@given(files=st.lists(seed_file, min_size=1, max_size=3))
def test_building_any_seeds_fails_only_with_generator_errors_and_never_injects_script(
    files: list[tuple[str, bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        seeds, out = Path(folder) / "seeds", Path(folder) / "content"
        seeds.mkdir()
        for n, (suffix, raw) in enumerate(files):
            (seeds / f"{n:03d}_article{suffix}").write_bytes(raw)
        try:
            build(seeds, out, warn=lambda _line: None, use_cache=False, workers=1)
        except GeneratorError as exc:
            assert str(exc)
            event(f"refused: {type(exc).__name__}")
            return
        event("built")
        pages = sorted(out.rglob("*.md"))
        assert pages, "a build that succeeds writes pages"
        for page in pages:
            assert "<script" not in page.read_text(encoding="utf-8").lower(), page.relative_to(out)


# Bugs the properties above found once, kept as regression tests.


@pytest.mark.parametrize("container", ["paragraph", "list item"])
def test_regression_question_marks_do_not_open_a_details_block(container: str) -> None:
    assert [tag for tag, _ in _render(container, "??? note").tags] == sorted(_CONTAINERS[container][1], reverse=True)


def test_regression_heading_keeps_trailing_hash() -> None:
    assert _shown(_render("heading", "a#"), "heading") == "a#"


def test_regression_safe_url_refuses_an_unclosed_bracket() -> None:
    assert safe_url("http://[") is None


@pytest.mark.parametrize("url", ["http\n://x", "ht\ttp://x/", "\x00http://x"])
def test_regression_safe_url_never_returns_a_link_without_scheme(url: str) -> None:
    result = safe_url(url)
    assert result is None or urlsplit(result).scheme in ("http", "https")


def test_regression_build_survives_a_front_matter_url_with_a_bracket() -> None:
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        seeds.mkdir()
        (seeds / "a.md").write_bytes(_front_matter({"url": "http://["}, "The army said on Tuesday that 1,000 troops left.\n"))
        report = build(seeds, Path(folder) / "content", warn=lambda _line: None, use_cache=False, workers=1)
        assert len(report.digests) == 1


def test_regression_front_matter_loses_invisible_characters() -> None:
    article = _read(_front_matter({"title": "x\u202eevil\u200b\x00", "outlet": "\u2066o"}, "Body.\n"), ".md")
    assert article is not None
    assert not _INVISIBLE.search(article.title or "") and not _INVISIBLE.search(article.outlet or "")


def test_regression_build_survives_a_surrogate_escape_in_front_matter() -> None:
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        seeds.mkdir()
        (seeds / "a.md").write_bytes(b'---\ntitle: "\\ud800"\n---\nThe army said on Tuesday that 1,000 troops left.\n')
        report = build(seeds, Path(folder) / "content", warn=lambda _line: None, use_cache=False, workers=1)
        assert len(report.digests) == 1


def test_regression_markdown_character_references_do_not_bring_back_invisible_characters() -> None:
    article = _read(b"a&#x202e;b &#8203;c &#0;d\n", ".md")
    assert article is not None
    assert not _INVISIBLE.search(article.text), repr(article.text)
