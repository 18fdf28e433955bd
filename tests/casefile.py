"""Read case files and build sources from their text: ``=== name`` opens a case, ``---`` separates its input from the expected output."""
from __future__ import annotations

from pathlib import Path

from generator.clean import clean_text
from generator.model import Sentence, Source
from generator.sentences import split_paragraph

CASES = Path(__file__).resolve().parent / "cases"


def load(name: str) -> list[tuple[str, str, str]]:
    """Return (case name, input, expected) for every case in ``cases/<name>``."""
    cases = []
    text = (CASES / name).read_text(encoding="utf-8")
    for block in text.split("\n=== ")[1:] if not text.startswith("=== ") else ("\n" + text).split("\n=== ")[1:]:
        title, _, body = block.partition("\n")
        given, _, expected = body.partition("\n---\n")
        cases.append((title.strip(), given.strip("\n"), expected.strip("\n")))
    return cases


def load_fixtures(path: Path) -> list[tuple[str, str, list[str]]]:
    """Read markdown-it-py style fixtures: a title, ".", the input, ".", the expected lines, ".".

    Lines starting with "#" outside a case are comments.
    """
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    cases, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", f"{path.name}: '.' expected after {title!r}"
        j = lines.index(".", i + 2)
        k = lines.index(".", j + 1)
        cases.append((title, "\n".join(lines[i + 2:j]), lines[j + 1:k]))
        i = k + 1
    return cases


def text_source(source_id: str, text: str) -> Source:
    """Build a source from a case's text, cleaned (broken lines mended) and split as the build does."""
    sentences, n = [], 0
    for p, paragraph in enumerate(clean_text(text, title="").paragraphs):
        for piece in split_paragraph(paragraph):
            n += 1
            sentences.append(Sentence(f"{source_id}-s{n}", piece, p))
    return Source(id=source_id, file=f"{source_id}.txt", title=source_id, sentences=tuple(sentences))
