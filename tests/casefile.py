"""Read case files (markdown-it-py's fixture format) and build sources from their text as the build does."""
from __future__ import annotations

from pathlib import Path

from markdown_it.utils import read_fixture_file

from generator.prepare.clean import clean_text
from generator.model import Sentence, Source
from generator.prepare.sentences import split_paragraph

CASES = Path(__file__).resolve().parent / "cases"


def load_fixtures(path: Path) -> list[tuple[str, str, list[str]]]:
    """Read a case file in markdown-it-py's fixture format: a title, ".", the input, ".", the expected lines, ".".

    Lines outside a case (comments, blank lines) are ignored.
    """
    return [(title, given.rstrip("\n"), expected.splitlines()) for _, title, given, expected in read_fixture_file(path)]


def text_source(source_id: str, text: str) -> Source:
    """Build a source from a case's text, cleaned (broken lines mended) and split as the build does."""
    sentences, n = [], 0
    for p, paragraph in enumerate(clean_text(text, title="").paragraphs):
        for piece in split_paragraph(paragraph):
            n += 1
            sentences.append(Sentence(f"{source_id}-s{n}", piece, p))
    return Source(id=source_id, file=f"{source_id}.txt", title=source_id, sentences=tuple(sentences))
