from __future__ import annotations

import pytest

from generator.prepare.sentences import split_paragraph, split_sentences

from .casefile import CASES, load_fixtures


@pytest.mark.parametrize(("name", "given", "expected"), load_fixtures(CASES / "sentences/split.txt"))
def test_split(name: str, given: str, expected: list[str]) -> None:
    assert split_paragraph(given) == expected


def test_ids_are_stable_and_numbered_across_paragraphs() -> None:
    sentences = split_sentences("abc", ["One here. Two here.", "Three here."])
    assert [s.id for s in sentences] == ["abc-s1", "abc-s2", "abc-s3"]
    assert [s.paragraph for s in sentences] == [0, 0, 1]
