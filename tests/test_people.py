"""People, organisations and places from case files; name discrepancies across outlets."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from generator.model import Entity, Source
from generator.english.names import same_person, strip_titles
from generator.people.entities import extract_entities, name_discrepancies

from .casefile import load_fixtures, text_source

CASES = Path(__file__).parent / "cases" / "people"


def sources(text: str) -> list[Source]:
    """Build sources from '=== id' sections, one paragraph per line."""
    out, current, lines = [], None, []
    for line in [*text.splitlines(), "=== "]:
        if line.startswith("=== "):
            if current:
                out.append(text_source(current, "\n".join(lines)))
            current, lines = line[4:].strip(), []
        else:
            lines.append(line)
    return out


def row(e: Entity) -> str:
    cells = [e.kind, e.name, ", ".join(e.aliases) or "-", ", ".join(e.sources), "; ".join(e.roles) or "-"]
    return " | ".join(cells)


@pytest.mark.parametrize(("title", "text", "expected"), load_fixtures(CASES / "entities.txt"), ids=lambda v: v if isinstance(v, str) and "\n" not in v and len(v) < 80 else "")
def test_entities(title: str, text: str, expected: list[str]) -> None:
    rows = [row(e) for e in extract_entities(sources(text))]
    for line in expected:
        assert line in rows, f"{title}: {line!r} not in {rows}"
    named = {r.split(" | ")[1] for r in rows}
    assert not named & {"Saturday", "Status of Forces Agreement", "Neighbouring Mali", "Following", "Democrat of Nevada",
                         "Dec", "God We Trust"}, title


def test_spelling_variants_are_a_name_discrepancy_saying_who_wrote_which() -> None:
    srcs = sources("=== a\nUS Secretary of State Anthony Blinken visited.\n=== b\nAntony Blinken visited.\n=== c\nAntony Blinken left.")
    (found,) = name_discrepancies(extract_entities(srcs), srcs)
    assert found.kind == "name"
    assert [(v.value, v.sources, v.sentences) for v in found.variants] == [
        ("Antony Blinken", ("b", "c"), ("b-s1", "c-s1")),
        ("Anthony Blinken", ("a",), ("a-s1",)),
    ]


def test_a_source_that_writes_both_forms_disagrees_with_no_other_source() -> None:
    srcs = sources("=== a\nAntony Blinken visited. Anthony Blinken left.\n=== b\nAntony Blinken visited.")
    assert name_discrepancies(extract_entities(srcs), srcs) == ()
    # ... until another source writes the other form only.
    srcs = sources("=== a\nAntony Blinken visited. Anthony Blinken left.\n=== b\nAntony Blinken visited."
                   "\n=== c\nAnthony Blinken spoke.")
    (found,) = name_discrepancies(extract_entities(srcs), srcs)
    assert [(v.value, v.sources) for v in found.variants] == [("Anthony Blinken", ("a", "c")), ("Antony Blinken", ("a", "b"))]


def test_same_spelling_everywhere_is_no_discrepancy() -> None:
    srcs = sources("=== a\nPentagon spokeswoman Sabrina Singh spoke.\n=== b\nSabrina Singh said more.")
    assert name_discrepancies(extract_entities(srcs), srcs) == ()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Anthony Blinken", "Antony Blinken", True),
        ("Bazoum Mohamed", "Mohamed Bazoum", True),
        ("Blinken", "Antony Blinken", True),
        ("Gen. Michael Langley", "Michael Langley", True),
        ("Bill Clinton", "Hillary Clinton", False),
        ("Sabrina Singh", "Vedant Patel", False),
    ],
)
def test_same_person_rules(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


def test_titles_are_stripped() -> None:
    assert strip_titles("Col Amadou Abdramane") == "Amadou Abdramane"
    assert strip_titles("President-elect Mohamed Bazoum") == "Mohamed Bazoum"


def test_entities_are_numbered_in_order() -> None:
    text = "=== a\nPentagon spokeswoman Sabrina Singh spoke in Niamey.\n=== b\nSingh said the Pentagon was aware."
    entities = extract_entities(sources(text))
    assert [(e.id, e.name, e.kind) for e in entities] == [
        ("e1", "Pentagon", "organisation"), ("e2", "Sabrina Singh", "person"), ("e3", "Niamey", "place")]


@pytest.mark.parametrize(("text", "expected"), [
    # A country is a place however a sentence names it, with no "in" or "from" before it, and when it speaks.
    ("=== a\nThe junta demanded the departure of troops, such as its neighbors Mali and Burkina Faso.",
     {("Mali", "place"), ("Burkina Faso", "place")}),
    ("=== a\nRussia said it would send troops.\n=== b\nSouth Sudan and Equatorial Guinea voted against it.",
     {("Russia", "place"), ("South Sudan", "place"), ("Equatorial Guinea", "place")}),
    # A country's name that is a person's name in the story is the person's.
    ("=== a\nRepresentative Jim Jordan spoke on Tuesday.\n=== b\nJordan said the committee would vote.",
     {("Jim Jordan", "person")}),
])
def test_a_country_is_a_place(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(e.name, e.kind) for e in extract_entities(sources(text)) if e.kind != "organisation"} == expected


SEEDS = Path(__file__).parent.parent / "seeds"


def test_seeds_blinken_and_bazoum_are_one_person_each() -> None:
    texts = []
    for path in sorted(SEEDS.glob("*.txt")):
        body = path.read_text(encoding="utf-8").replace(" date 2024-03-18 ", "").replace(" date 2024-03-17 ", "")
        texts.append(f"=== {path.stem[:3]}\n{body}")
    srcs = sources("\n".join(texts))
    entities = extract_entities(srcs)
    people = {e.name: e for e in entities if e.kind == "person"}
    assert people["Antony Blinken"].aliases == ("Anthony Blinken",)
    assert people["Mohamed Bazoum"].aliases == ("Bazoum", "Bazoum Mohamed")
    assert not any("Blinken" in name or "Bazoum" in name for name in set(people) - {"Antony Blinken", "Mohamed Bazoum"})
    about = {d.about: d for d in name_discrepancies(entities, srcs)}
    blinken = about["spelling of Antony Blinken"]
    assert [(v.value, v.sources) for v in blinken.variants] == [("Antony Blinken", ("001", "003")), ("Anthony Blinken", ("000",))]
    # 003 writes "Mohamed Bazoum" and "Bazoum Mohamed", the others "Mohamed Bazoum": 003 disagrees with itself.
    assert "name order of Mohamed Bazoum" not in about


_WORDS = st.sampled_from(
    ["Col", "Amadou", "Abdramane", "Anthony", "Antony", "Blinken", "the", "said", "in", "Niger", "Pentagon",
     "U.S.", "State", "Department", "spokesman", ",", ".", "\n", "Mr.", "O'Neill", "“", "”", "of", "Republic"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_any_text_gives_well_formed_entities(tokens: list[str]) -> None:
    entities = extract_entities(sources("=== a\n" + " ".join(tokens)))
    assert [e.id for e in entities] == [f"e{n}" for n in range(1, len(entities) + 1)]
    for e in entities:
        assert e.kind in ("person", "organisation", "place")
        assert e.name and e.name not in e.aliases and e.sources == ("a",)


def test_an_accent_is_a_spelling_difference_and_swapped_words_a_name_order() -> None:
    accent = sources("=== a\nPresident José Ruiz spoke in Lima on Monday.\n=== b\nPresident Jose Ruiz spoke in Lima on Monday.")
    swapped = sources("=== a\nPresident Mamadou Diallo spoke in Dakar.\n=== b\nPresident Diallo Mamadou spoke in Dakar.")
    assert [d.about for d in name_discrepancies(extract_entities(accent), accent)] == ["spelling of José Ruiz"]
    assert [d.about for d in name_discrepancies(extract_entities(swapped), swapped)] == ["name order of Mamadou Diallo"]


def test_a_middle_initial_a_suffix_or_an_apostrophe_is_a_house_style_not_a_spelling() -> None:
    styled = sources("=== a\nMichael T. Flynn and Terry O’Neill met Theodore J. Boutrous Jr. on Monday."
                     "\n=== b\nMichael Flynn and Terry O'Neill met Theodore Boutrous on Monday.")
    assert name_discrepancies(extract_entities(styled), styled) == ()
    # A misspelling is still one, with each styled form counted under its spelling.
    spelt = sources("=== a\nAntony J. Blinken spoke.\n=== b\nAntony Blinken spoke.\n=== c\nAnthony Blinken spoke.")
    (found,) = name_discrepancies(extract_entities(spelt), spelt)
    assert found.about == "spelling of Antony J. Blinken"
    assert [(v.value, v.sources) for v in found.variants] == [("Antony Blinken", ("a", "b")), ("Anthony Blinken", ("c",))]
