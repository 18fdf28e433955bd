from __future__ import annotations

import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.output.render import TEMPLATES, escape_markdown, safe_url, template_files, yaml_title

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.superfences"]
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "{{ config }} {% if 1 %}x{% endif %}",
    "# heading\n- list\n| a | b |",
    "*emphasis* _under_ `code` ~~strike~~",
    "text {: onclick='alert(1)' }",
    "&lt;already escaped&gt; &amp;",
]


def html_of(text: str) -> str:
    return markdown.markdown(f"| cell |\n|---|\n| {escape_markdown(text)} |", extensions=EXTENSIONS)


def test_hostile_text_stays_text() -> None:
    for text in HOSTILE:
        out = html_of(text)
        assert "<script" not in out and "<img" not in out and "<a " not in out and "<em>" not in out
        assert "<code>" not in out and "<h1" not in out and "<li>" not in out
        assert not re.search(r"<[^>]*\son\w+=", out), out  # no event handler attribute in any tag
        assert out.count("<td>") == 1, out


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_no_tag_and_one_cell(text: str) -> None:
    out = html_of(text)
    tags = set(re.findall(r"<(\w+)", out))
    assert tags <= {"table", "thead", "tbody", "tr", "th", "td"}
    assert out.count("<td>") == 1


def test_escaped_text_reads_the_same() -> None:
    text = "Costs rose to $1.5bn (about £1.2bn) — “a record” | up 3% & more"
    out = markdown.markdown(escape_markdown(text), extensions=EXTENSIONS)
    import html

    assert html.unescape(re.sub(r"</?p>", "", out)) == text


def test_only_http_links() -> None:
    assert safe_url("https://example.org/a b") == "https://example.org/a%20b"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("JaVaScRiPt:alert(1)") is None
    assert safe_url("http://example.org/x)(y") == "http://example.org/x%29%28y"


def test_page_titles_are_html_escaped_yaml_strings() -> None:
    assert yaml_title("</title><script>x</script>") == '"&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"'


def test_overview_key_figures_leave_out_durations_that_only_date_an_event() -> None:
    from generator.model import Figure, FigureMention, Sentence
    from generator.output.render import environment

    sentences = {
        "a-s1": Sentence("a-s1", "He visited a year ago and again four months later."),
        "a-s2": Sentence("a-s2", "The base cost $100 million after a three-day visit."),
    }
    figures = [
        Figure("f1", "visit", "duration", "years", (FigureMention("a", "a-s1", "a year ago", 1.0),)),
        Figure("f2", "later", "duration", "months", (FigureMention("a", "a-s1", "four months", 4.0),)),
        Figure("f3", "cost of the base", "money", "USD", (FigureMention("a", "a-s2", "$100 million", 1e8),)),
        Figure("f4", "length of the visit", "duration", "days", (FigureMention("a", "a-s2", "three-day", 3.0),)),
    ]
    template = environment().from_string("{% for f in figures | key_figures %}{{ f.id }} {% endfor %}")
    assert template.render(figures=figures, sentences=sentences) == "f3 f4 "


def test_story_pages_say_what_events_and_independent_mean_and_tooltips_are_escaped_twice() -> None:
    from generator.digest import build_digest, prepare_source
    from generator.model import Article, StoryInfo
    from generator.output.render import environment, story_pages

    texts = ("Officials said the <b>dam</b> would open at noon on Monday, flooding 300 homes downstream.",
             "The dam would open at noon on Monday, officials said, and 300 homes downstream would flood.")
    sources = [prepare_source(Article(id=i, file=f"seeds/{i}.txt", text=t)) for i, t in zip("ab", texts)]
    digest = build_digest(StoryInfo(slug="s", title="T"), sources)
    pages = {p.path: p.content.decode("utf-8") for p in story_pages(digest, environment())}
    assert "An *event* is" in pages["s/index.md"] and "*Independent* sources" in pages["s/index.md"]
    assert "*Independent* counts" in pages["s/comparison.md"]
    tooltips = re.findall(r'\]\(sources/[^ ]+ "([^"]*)"\)', pages["s/index.md"])  # Markdown links
    assert tooltips and all("<" not in t and "&#60;" not in t for t in tooltips)
    assert any("&#38;lt;b&#38;gt;dam" in t for t in tooltips)
    tooltips = re.findall(r'<a [^>]*title="([^"]*)"', pages["s/comparison.md"])  # HTML links (the matrix, the wordings)
    assert tooltips and all("<" not in t for t in tooltips)
    assert any("&amp;lt;b&amp;gt;dam" in t for t in tooltips)


def test_the_theme_overrides_are_not_the_generators_templates() -> None:
    # templates/overrides/ is MkDocs' (hooks/search.py): a change there must not invalidate the generator's cache.
    names = {p.relative_to(TEMPLATES).as_posix() for p in template_files()}
    assert {"source.md.j2", "assets/extra.css"} <= names
    assert (TEMPLATES / "overrides" / "partials" / "header.html").is_file()
    assert not [name for name in names if name.startswith("overrides/")]


def test_a_hostile_event_label_stays_text_in_the_comparison_page() -> None:
    from html.parser import HTMLParser

    import markdown

    from generator.digest import build_digest, prepare_source
    from generator.model import Article, StoryInfo
    from generator.output.render import environment, story_pages

    hostile = ("The council voted } { #evil .x onclick=alert(1) } on Monday to close <script>alert(1)</script> "
               "the [x](javascript:alert(1)) bridge {: #y } and **reopen** it | later.")
    texts = (hostile + "\n\nThe weather in the capital was mild for the season.",
             hostile + "\n\nLocal markets opened late because of a holiday.")
    sources = [prepare_source(Article(id=i, file=f"seeds/{i}.txt", text=t)) for i, t in zip("ab", texts)]
    digest = build_digest(StoryInfo(slug="s", title="T"), sources)
    assert any(len(e.sources) == 2 and "council" in e.label for e in digest.events)
    page = {p.path: p.content.decode("utf-8") for p in story_pages(digest, environment())}["s/comparison.md"]
    html = markdown.markdown(page, extensions=["attr_list", "tables", "md_in_html"])

    class Elements(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[tuple[str, dict[str, str | None]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found.append((tag, dict(attrs)))

    parser = Elements()
    parser.feed(html)
    assert [a["id"] for _t, a in parser.found if "id" in a] == ["e1"]
    assert not any(t == "script" or "onclick" in a or (a.get("href") or "").startswith("javascript") for t, a in parser.found)


SITE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
# A sentence that tries every way out of HTML text and attributes, and into Jinja.
HOSTILE_SENTENCE = ("The council voted <img src=x onerror=alert(1)> on Monday to close <script>alert(1)</script> the bridge "
                    "' onmouseover='alert(2)' and {{ config }} & said \"<b onmouseover=alert(3)>yes</b> ' onclick='x\".")


def test_hostile_text_stays_text_in_the_html_parts_of_pages() -> None:
    # The comparison's matrix and wordings and a source's text are written as HTML (*.html.j2), which Markdown passes
    # through: every article-derived value there must be HTML-escaped. Turning autoescape off, or a filter returning
    # unescaped text as Markup, makes this fail.
    from html.parser import HTMLParser

    from generator.digest import build_digest, prepare_source
    from generator.model import Article, StoryInfo
    from generator.output.render import environment, story_pages

    texts = (HOSTILE_SENTENCE + "\n\nThe weather in the capital was mild for the season.",
             HOSTILE_SENTENCE + "\n\nLocal markets opened late because of a holiday.")
    sources = [prepare_source(Article(id=i, file=f"seeds/{i}.txt", text=t)) for i, t in zip("ab", texts)]
    digest = build_digest(StoryInfo(slug="s", title="T"), sources)
    assert any(len(e.sources) == 2 and "council" in e.label for e in digest.events)

    class Page(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.elements: list[tuple[str, dict[str, str | None]]] = []
            self.text: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.elements.append((tag, dict(attrs)))

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    rendered = {p.path: p.content.decode("utf-8") for p in story_pages(digest, environment()) if p.path.endswith(".md")}
    seen = {}
    for path, text in rendered.items():
        page = Page()
        page.feed(markdown.markdown(text.split("\n---\n", 1)[1], extensions=SITE_EXTENSIONS))
        tags = {tag for tag, _attrs in page.elements}
        assert not tags & {"script", "img", "iframe", "object", "embed"}, (path, tags)
        assert not [a for _t, attrs in page.elements for a in attrs if a.startswith("on")], path
        assert not [v for _t, attrs in page.elements for v in attrs.values() if v and "javascript" in v], path
        seen[path] = page
    shown = " ".join(HOSTILE_SENTENCE.split())
    comparison = seen["s/comparison.md"]
    # Shown as written: in the matrix's first column, the wording's heading and each source's wording.
    assert "".join(comparison.text).count(shown) >= 2
    assert "".join(comparison.text).count("The council voted") >= 5
    assert shown in "".join(seen["s/sources/a.md"].text)
    # A tooltip is HTML-escaped once more: Material inserts it as HTML.
    titles = [a["title"] for t, a in comparison.elements if t == "a" and "council" in (a.get("title") or "")]
    assert len(titles) >= 4 and all("<" not in t and "&lt;script&gt;" in t for t in titles)


def test_html_links_get_the_address_mkdocs_gives_a_markdown_link() -> None:
    from pathlib import Path

    import yaml
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    from generator.output.render import site_href

    config = yaml.load((Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["use_directory_urls"] == "true"  # what site_href assumes
    pages = ["s/comparison.md", "s/index.md", "s/sources/a-1.md", "index.md", "archive/2024-03.md"]
    for page in pages:
        for target in pages:
            url = lambda path: File(path, "docs", "site", use_directory_urls=True).url  # noqa: E731
            expected = get_relative_url(url(target), url(page))
            assert site_href(page, target + "#x") == expected + "#x", (page, target)


def test_a_page_that_lists_nothing_is_left_out_of_search() -> None:
    # Search would lead a reader to a page that only says it has nothing; a page that lists something stays in.
    import yaml

    from generator.digest import build_digest, prepare_source
    from generator.model import Article, StoryInfo
    from generator.output.render import environment, story_pages

    def excluded(texts: tuple[str, ...]) -> set[str]:
        sources = [prepare_source(Article(id=f"s{i}", file=f"seeds/{i}.txt", text=t)) for i, t in enumerate(texts)]
        pages = story_pages(build_digest(StoryInfo(slug="s", title="T"), sources), environment())
        out = set()
        for page in pages:
            text = page.content.decode("utf-8")
            if page.path.endswith(".md") and "/sources/" not in page.path:
                assert text.startswith("---\n"), page.path  # the front matter still opens the page
                meta = yaml.safe_load(text.split("---\n", 2)[1])
                if (meta.get("search") or {}).get("exclude"):
                    out.add(page.path.removeprefix("s/"))
        return out

    plain = ("The river rose slowly in the valley after the rain stopped.", "After the rain stopped, the river rose in the valley.")
    assert excluded(plain) == {"figures.md", "quotes.md", "people.md", "timeline.md", "discrepancies.md"}
    full = ('Mayor Anna Berg said on March 3, 2024 that 300 homes were flooded. "We will rebuild," she said.',
            'Mayor Anna Berg said 500 homes were flooded on March 3, 2024. "We will rebuild," Berg said.')
    assert excluded(full) == set()


def test_a_redirect_page_keeps_a_hostile_title_as_text() -> None:
    # A story's earlier address is a plain HTML page (no Markdown, no theme): its title must be escaped there.
    from generator.model import StoryInfo
    from generator.output.render import environment

    title = '</title><script>alert(1)</script>"><a href="javascript:x">{{ 7*7 }}'
    page = environment().get_template("redirect.html.j2").render(story=StoryInfo(slug="river-rises", title=title))
    assert "<script" not in page and "49" not in page  # no tag, no template code run
    assert page.count("<title>") == 1 and page.count("</title>") == 1 and page.count("<a ") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;" in page
    assert 'url=../river-rises/"' in page and '<a href="../river-rises/">' in page
