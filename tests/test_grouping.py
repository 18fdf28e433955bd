"""Tests for generator.stories.grouping: constructed cases from tests/cases/grouping and the parts."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.stories.grouping import (
    Doc,
    candidate_pairs,
    group_articles,
    group_articles_with_stats,
)

CASES = Path(__file__).parent / "cases" / "grouping"
# A case file's article header: "@@ id | YYYY-MM-DD | title" (the date may be "-" for none).
_HEADER = re.compile(r"^@@ (\S+) \| (\S+) \| (.*)$", re.MULTILINE)


def _read_case(path: Path) -> tuple[list[Doc], tuple[tuple[str, ...], ...]]:
    """Parse a case file into its documents and the expected groups."""
    text = path.read_text(encoding="utf-8")
    articles, expected = text.split("\n== expected\n")
    heads = list(_HEADER.finditer(articles))
    docs = []
    for n, head in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(articles)
        date = None if head.group(2) == "-" else head.group(2)
        docs.append(Doc(head.group(1), head.group(3), articles[head.end() : end].strip(), date))
    groups = tuple(tuple(line.split()) for line in expected.splitlines() if line.strip())
    return docs, groups


@pytest.mark.parametrize("path", sorted(CASES.glob("*.txt")), ids=lambda p: p.stem)
def test_case_file(path: Path) -> None:
    docs, expected = _read_case(path)
    assert group_articles(docs) == expected


@pytest.mark.parametrize("path", sorted(CASES.glob("*.txt")), ids=lambda p: p.stem)
def test_case_file_ignores_input_order(path: Path) -> None:
    docs, expected = _read_case(path)
    shuffled = list(docs)
    random.Random(7).shuffle(shuffled)
    shuffled.reverse()
    assert group_articles(shuffled) == expected


def _all_cases() -> list[Doc]:
    return [d for p in sorted(CASES.glob("*.txt")) for d in _read_case(p)[0]]


def test_cases_together_keep_their_groups() -> None:
    # Every case's articles in one folder: no story picks up an article from another case.
    docs = _all_cases()
    groups = group_articles(docs)
    expected = sorted(g for p in sorted(CASES.glob("*.txt")) for g in _read_case(p)[1])
    assert list(groups) == expected


def test_every_doc_in_exactly_one_sorted_group() -> None:
    docs = _all_cases()
    groups = group_articles(docs)
    ids = [i for g in groups for i in g]
    assert sorted(ids) == sorted(d.id for d in docs)
    assert len(ids) == len(set(ids))
    assert all(list(g) == sorted(g) for g in groups)
    assert [g[0] for g in groups] == sorted(g[0] for g in groups)


def test_empty_input_gives_no_groups() -> None:
    assert group_articles([]) == ()


def test_article_without_words_is_its_own_group() -> None:
    docs = [Doc("a", "", "", None), Doc("b", "Quake hits Esselin", "A quake hit Esselin.", None)]
    assert group_articles(docs) == (("a",), ("b",))


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unique doc ids"):
        group_articles([Doc("a", "x", "y", None), Doc("a", "x", "y", None)])


def test_identical_copies_join_even_without_dates() -> None:
    text = "Divers searched the Tessel River after the Harbor Street bridge collapsed in Calloway."
    docs = [Doc("a", "Bridge collapse", text, None), Doc("b", "Bridge collapse", text, "2024-09-02")]
    assert group_articles(docs) == (("a", "b"),)


def test_unreadable_date_is_treated_as_missing() -> None:
    text = "Divers searched the Tessel River after the Harbor Street bridge collapsed in Calloway."
    docs = [Doc("a", "Bridge collapse", text, "not a date"), Doc("b", "Bridge collapse", text, "2024-09-02")]
    assert group_articles(docs) == (("a", "b"),)


def test_dates_far_apart_split_identical_copies_only_with_a_high_bar() -> None:
    text = "Divers searched the Tessel River after the Harbor Street bridge collapsed in Calloway."
    docs = [Doc("a", "Bridge", text, "2024-01-01"), Doc("b", "Bridge", text, "2024-06-01")]
    assert group_articles(docs) == (("a",), ("b",))
    assert group_articles(docs, date_scale=1000.0) == (("a", "b"),)


def test_stats_count_compared_pairs_below_all_pairs() -> None:
    docs = _all_cases()
    groups, stats = group_articles_with_stats(docs)
    assert stats.docs == len(docs)
    assert stats.groups == len(groups)
    # Blocking: unrelated articles share no rare terms and are never compared.
    assert 0 < stats.compared < len(docs) * (len(docs) - 1) // 2


def test_candidate_pairs_need_shared_rare_terms() -> None:
    vectors = [
        {"niamey": 0.8, "junta": 0.6},
        {"niamey": 0.7, "junta": 0.7},
        {"niamey": 0.9, "orchestra": 0.4},
        {"tornado": 1.0},
    ]
    assert candidate_pairs(vectors, keys=5, min_shared=2, max_postings=10) == [(0, 1)]
    assert candidate_pairs(vectors, keys=5, min_shared=1, max_postings=10) == [(0, 1), (0, 2), (1, 2)]
    # A term shared by more articles than max_postings is not rare and makes no pair.
    assert candidate_pairs(vectors, keys=5, min_shared=1, max_postings=2) == [(0, 1)]


def test_new_article_joins_its_story_and_leaves_the_others_alone() -> None:
    docs = _all_cases()
    before = group_articles([d for d in docs if d.id != "collapse-followup"])
    after = group_articles(docs)
    joined = [g for g in after if "collapse-followup" in g]
    assert joined == [("collapse-a", "collapse-b", "collapse-followup")]
    assert [g for g in after if g not in joined] == [g for g in before if "collapse-a" not in g]


_WORDS = ["Niamey", "junta", "troops", "Langley", "drone", "base", "tornado", "Millbrook", "1,000", "bill"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_WORDS), max_size=12),
            st.sampled_from([None, "2024-03-16", "2024-03-18", "2024-05-01"]),
        ),
        max_size=8,
    ),
    st.randoms(use_true_random=False),
)
def test_partition_is_complete_and_order_free(items: list[tuple[list[str], str | None]], rnd: random.Random) -> None:
    docs = [Doc(f"d{n}", "", " ".join(words), date) for n, (words, date) in enumerate(items)]
    groups = group_articles(docs)
    assert sorted(i for g in groups for i in g) == sorted(d.id for d in docs)
    assert all(list(g) == sorted(g) for g in groups)
    assert list(groups) == sorted(groups)
    shuffled = list(docs)
    rnd.shuffle(shuffled)
    assert group_articles(shuffled) == groups
