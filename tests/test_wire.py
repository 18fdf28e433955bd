"""Tests for generator.claims.wire: rewrites of one text are grouped, independent reports are not."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Sentence, Source
from generator.claims.wire import WireEvidence, independent_count, wire_evidence, wire_groups

CASES = Path(__file__).parent / "cases" / "wire"


def _source(sid: str, paragraphs: list[list[str]]) -> Source:
    """Build a source from paragraphs of sentences, numbering sentences as sentences.py does."""
    numbered = [(p, text) for p, para in enumerate(paragraphs) for text in para]
    sentences = tuple(
        Sentence(id=f"{sid}-s{n}", text=text, paragraph=p)
        for n, (p, text) in enumerate(numbered, start=1)
    )
    return Source(id=sid, file=f"{sid}.txt", title=sid, sentences=sentences)


def _read_case(path: Path) -> tuple[list[Source], tuple[tuple[str, ...], ...]]:
    """Read a case: '=== id' starts a source (a sentence a line, blank lines between
    paragraphs); '=== groups' lists the expected groups, one a line, ids separated by spaces."""
    blocks: dict[str, list[str]] = {}
    name = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            name = line[4:].strip()
            blocks[name] = []
        elif name is not None:
            blocks[name].append(line)
    expected = tuple(tuple(line.split()) for line in blocks.pop("groups") if line.strip())
    sources = []
    for sid, lines in blocks.items():
        sources.append(_source(sid, _paragraphs(lines)))
    return sources, expected


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Split lines into paragraphs at blank lines."""
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line.strip())
        elif out[-1]:
            out.append([])
    return [para for para in out if para]


CASE_FILES = sorted(CASES.glob("*.txt"))


def test_case_files_exist() -> None:
    assert len(CASE_FILES) >= 4


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(path: Path) -> None:
    sources, expected = _read_case(path)
    assert wire_groups(sources) == expected


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case_does_not_depend_on_input_order(path: Path) -> None:
    sources, expected = _read_case(path)
    assert wire_groups(list(reversed(sources))) == expected


def test_paraphrase_pairs_most_sentences_in_order() -> None:
    sources, _ = _read_case(CASES / "paraphrased_copy.txt")
    wire, paraphrase = sorted(sources, key=lambda s: s.id != "wire")
    evidence = wire_evidence(wire, paraphrase)
    assert evidence.score >= 0.8
    assert evidence.order == 1.0
    # The first sentence of each is the other's closest partner.
    assert ("wire-s1", "paraphrase-s1") in evidence.pairs
    # Pairs come in the first source's reading order.
    firsts = [int(a.rsplit("-s", 1)[1]) for a, _ in evidence.pairs]
    assert firsts == sorted(firsts)


def test_independent_reports_share_only_background_lines() -> None:
    sources, _ = _read_case(CASES / "independent_reports.txt")
    evidence = wire_evidence(*sources)
    # The shared quote is not a near-copy; the two shared background lines are, and no more.
    assert evidence.pairs == (("wire-s7", "local-s7"), ("wire-s9", "local-s9"))
    assert evidence.score < 0.3
    assert evidence.run < 4


def test_rewrites_count_once_beside_an_independent_report() -> None:
    wire, paraphrase = _read_case(CASES / "paraphrased_copy.txt")[0]
    local = next(s for s in _read_case(CASES / "independent_reports.txt")[0] if s.id == "local")
    groups = wire_groups([local, paraphrase, wire])
    assert groups == (("paraphrase", "wire"),)
    assert independent_count(["wire", "paraphrase", "local"], groups) == 2
    assert independent_count(["wire", "paraphrase"], groups) == 1


def test_reordered_copy_keeps_order_within_paragraphs_only() -> None:
    sources, _ = _read_case(CASES / "reordered_copy.txt")
    evidence = wire_evidence(*sources)
    assert evidence.score >= 0.8
    assert 0.0 < evidence.order < 1.0


def test_reused_block_is_found_as_a_run() -> None:
    sources, _ = _read_case(CASES / "reused_paragraphs.txt")
    wire, analysis = sorted(sources, key=lambda s: s.id != "wire")
    evidence = wire_evidence(wire, analysis)
    assert evidence.score < 0.5  # most of each text is its own ...
    assert evidence.run >= 4  # ... but a block of four sentences is taken over
    assert ("wire-s5", "analysis-s4") in evidence.pairs


def test_shared_quotes_alone_are_not_near_copies() -> None:
    quote = (
        "“The harbour will stay closed until every worker has a fair contract, and we will not "
        "be moved by threats from the port authority or the ministry,” the union leader said."
    )
    a = _source("a", [[quote]])
    b = _source("b", [[quote.replace("the union leader said", "said Dev Akintola")]])
    assert wire_evidence(a, b).pairs == ()


def test_a_quote_running_over_sentences_is_ignored_to_its_end() -> None:
    opening = "“The harbour will stay closed until every worker has a fair contract with the port."
    closing = "We will not be moved by threats from the authority or the ministry,” Akintola said."
    a = _source("a", [[opening, closing]])
    b = _source("b", [[opening, closing]])
    assert wire_evidence(a, b).pairs == ()
    # In separate paragraphs the second sentence's quote has no opening mark, so it is compared.
    c = _source("c", [[opening], [closing.replace("”", "")]])
    d = _source("d", [[opening], [closing.replace("”", "")]])
    assert wire_evidence(c, d).pairs == (("c-s2", "d-s2"),)


def test_inflections_and_possessives_do_not_count_as_differences() -> None:
    a = _source(
        "a",
        [["Rescuers searched the flooded villages near the river, looking for missing residents."]],
    )
    b = _source(
        "b",
        [
            [
                "Rescuers are searching flooding villages by the river and looking for the missing resident."
            ]
        ],
    )
    # Unstemmed, these score below 90; cut to their stems they score above.
    assert wire_evidence(a, b, sentence_cutoff=90.0).pairs == (("a-s1", "b-s1"),)
    c = _source(
        "c", [["The port’s director met the union’s leaders at the ministry’s offices on Friday."]]
    )
    d = _source(
        "d", [["The port director met the union leaders at the ministry offices on Friday."]]
    )
    assert wire_evidence(c, d, sentence_cutoff=100.0).pairs == (("c-s1", "d-s1"),)


def test_identical_sources_pair_every_long_sentence() -> None:
    paragraphs = [
        ["Engineers began draining the flooded tunnel under the river early on Sunday morning."],
        ["Ok.", "The city expects the line to reopen to commuters by the middle of next week."],
    ]
    evidence = wire_evidence(_source("a", paragraphs), _source("b", paragraphs))
    # "Ok." is too short to judge and is left out of pairs and of the score.
    assert evidence == WireEvidence(
        score=1.0, pairs=(("a-s1", "b-s1"), ("a-s3", "b-s3")), order=1.0, run=2
    )


def test_empty_source_scores_zero() -> None:
    full = _source(
        "a", [["Engineers began draining the flooded tunnel under the river on Sunday."]]
    )
    assert wire_evidence(full, _source("b", [])) == WireEvidence(score=0.0)


def test_groups_join_through_a_shared_rewrite_and_are_sorted() -> None:
    sources, _ = _read_case(CASES / "paraphrased_copy.txt")
    wire, paraphrase = sorted(sources, key=lambda s: s.id != "wire")
    copy = dataclasses.replace(
        paraphrase,
        id="b-copy",
        sentences=tuple(
            dataclasses.replace(s, id="b-copy" + s.id[len("paraphrase") :])
            for s in paraphrase.sentences
        ),
    )
    local = _read_case(CASES / "independent_reports.txt")[0]
    other = [s for s in local if s.id == "local"]
    assert wire_groups([wire, other[0], copy, paraphrase]) == (("b-copy", "paraphrase", "wire"),)


def test_stricter_cutoff_splits_a_paraphrase() -> None:
    sources, _ = _read_case(CASES / "paraphrased_copy.txt")
    assert wire_groups(sources, sentence_cutoff=99.0) == ()


@pytest.mark.parametrize(
    ("ids", "groups", "expected"),
    [
        (["a", "b", "c"], [], 3),
        (["a", "b", "c"], [["a", "b"]], 2),
        (["a", "b", "c"], [["a", "b", "c"]], 1),
        (["a", "c"], [["a", "b"]], 2),
        (["a", "b", "c", "d"], [["a", "b"], ["c", "d"]], 2),
        (["a", "a", "b"], [], 2),
        ([], [["a", "b"]], 0),
    ],
)
def test_independent_count(ids: list[str], groups: list[list[str]], expected: int) -> None:
    assert independent_count(ids, groups) == expected


_WORDS = st.sampled_from(
    ["harbour", "strike", "union", "grain", "vessel", "minister", "wages", "anchor", "bread"]
)
_TEXTS = st.lists(
    st.lists(st.lists(_WORDS, min_size=3, max_size=10).map(" ".join), min_size=1, max_size=4),
    min_size=1,
    max_size=3,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_TEXTS, min_size=0, max_size=5))
def test_groups_are_a_sorted_partition_whatever_the_order(texts: list[list[list[str]]]) -> None:
    sources = [_source(f"s{n}", paragraphs) for n, paragraphs in enumerate(texts)]
    groups = wire_groups(sources)
    members = [sid for group in groups for sid in group]
    assert len(members) == len(set(members))
    assert all(len(group) >= 2 and list(group) == sorted(group) for group in groups)
    assert list(groups) == sorted(groups)
    assert wire_groups(list(reversed(sources))) == groups
    assert independent_count([s.id for s in sources], groups) == len(sources) - len(members) + len(
        groups
    )


def test_a_near_copy_in_a_wire_group_is_named_from_the_evidence_weighed() -> None:
    sources, _ = _read_case(CASES / "independent_reports.txt")
    wire = dataclasses.replace(next(s for s in sources if s.id == "wire"), words=120)
    copy = dataclasses.replace(wire, id="xcopy", file="xcopy.txt")
    with pytest.warns(RuntimeWarning, match=rf"^xcopy\.txt: near-duplicate of {wire.file}: kept"):
        assert wire_groups([copy, wire]) == (("wire", "xcopy"),)
