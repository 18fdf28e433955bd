from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.input.read import markdown_to_text, read_article


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_txt_leading_date_is_the_publication_date_not_text(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", " date 2024-03-18 The junta spoke."), label="a.txt")
    assert article.date == "2024-03-18"
    assert article.text == "The junta spoke."


def test_md_front_matter_fields(tmp_path: Path) -> None:
    text = '---\ntitle: "Floods"\noutlet: Daily Example\ndate: 2024-05-01\nurl: https://example.org/a\n---\n\nBody **here**.\n'
    article = read_article(write(tmp_path, "b.md", text), label="b.md")
    assert (article.title, article.outlet, article.date, article.url) == (
        "Floods", "Daily Example", "2024-05-01", "https://example.org/a",
    )
    assert article.text == "Body here."
    assert article.warnings == ()


@pytest.mark.parametrize(
    ("front", "warning"),
    [
        ("date: yesterday", "unreadable date 'yesterday'"),
        ("title: [1, 2]", "front matter 'title' should be text, got list"),
        ("title: [unclosed", "malformed front matter"),
    ],
)
def test_bad_front_matter_is_a_warning_and_the_body_is_kept(tmp_path: Path, front: str, warning: str) -> None:
    article = read_article(write(tmp_path, "c.md", f"---\n{front}\n---\nThe body stays.\n"), label="c.md")
    assert any(w.startswith(warning) for w in article.warnings), article.warnings
    assert article.text == "The body stays."


def test_markdown_is_reduced_to_plain_paragraphs_and_raw_html_stays_text() -> None:
    body = "# Head\n\nA [link](http://x.example) and ![alt](i.png).\n\n<script>alert(1)</script>\n\n- item one\n"
    assert markdown_to_text(body).split("\n\n") == [
        "Head", "A link and alt.", "<script>alert(1)</script>", "item one",
    ]


def test_markdown_line_breaks_are_left_to_cleaning(tmp_path: Path) -> None:
    # Copy pasted one paragraph a line keeps its paragraphs; a hard-wrapped paragraph is mended.
    from generator.prepare.clean import clean_text

    lines = "“We will stay,” said Rep. Ann Cole.\n“We have work to do,” added Rep. Tom Bell.\n"
    article = read_article(write(tmp_path, "h.md", f"---\ntitle: t\n---\n{lines}"), label="h.md")
    assert clean_text(article.text).paragraphs == ("“We will stay,” said Rep. Ann Cole.", "“We have work to do,” added Rep. Tom Bell.")
    wrapped = "The council met on Monday to discuss the budget for the coming year and\nthe plan for the new park.\n"
    article = read_article(write(tmp_path, "w.md", wrapped), label="w.md")
    assert clean_text(article.text).paragraphs == (" ".join(wrapped.split()),)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "d.txt", "\ufeffCafé “quoted”.".encode("utf-16")), label="d.txt")
    assert article.text == "Café “quoted”."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("e.txt", b"   \n\n ", "empty file"),
        ("f.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("g.pdf", b"%PDF-1.4", "not an article"),
    ],
)
def test_unreadable_files_raise_input_error_naming_the_problem(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_article(write(tmp_path, name, content), label=name)
