"""Tests for generator.figures.extract and generator.english.numbers: what is a figure, how mentions group, what disagrees."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.figures.extract import (
    extract_figures,
    figure_discrepancies,
    find_mentions,
    value_text,
)
from generator.model import Figure, FigureMention, Sentence, Source
from generator.english.numbers import find_numbers

from .casefile import load_fixtures

CASES = Path(__file__).parent / "cases" / "figures"


def _number(text: str) -> str:
    return "-" if text is None else f"{text:.0f}" if float(text).is_integer() else repr(text)


def _describe(n, kind, unit, surface) -> str:  # type: ignore[no-untyped-def]
    value = _number(n.value) + (f"-{_number(n.value_max)}" if n.value_max is not None else "")
    return " | ".join([kind, value, unit or "-", n.hedge or "-", surface])


MENTION_CASES = [case for name in ("mentions.txt", "money.txt", "ranges.txt", "units.txt")
                 for case in load_fixtures(CASES / name)]


@pytest.mark.parametrize("title,text,expected", MENTION_CASES, ids=[c[0] for c in MENTION_CASES])
def test_mentions(title: str, text: str, expected: list[str]) -> None:
    assert [_describe(*m) for m in find_mentions(text)] == expected


def _sources(text: str) -> list[Source]:
    by_source: dict[str, list[str]] = {}
    for line in text.splitlines():
        sid, sentence = line.split(": ", 1)
        by_source.setdefault(sid, []).append(sentence)
    return [
        Source(id=sid, file=f"{sid}.txt", title=sid,
               sentences=tuple(Sentence(id=f"{sid}-s{n}", text=t) for n, t in enumerate(texts, 1)))
        for sid, texts in by_source.items()
    ]


def _values(mentions: tuple[FigureMention, ...] | list[FigureMention]) -> str:
    return ", ".join(f"{m.source}:{_number(m.value)}" for m in mentions)


GROUP_CASES = load_fixtures(CASES / "groups.txt")


@pytest.mark.parametrize("title,text,expected", GROUP_CASES, ids=[c[0] for c in GROUP_CASES])
def test_groups(title: str, text: str, expected: list[str]) -> None:
    figures = extract_figures(_sources(text))
    got = [f"{f.kind} | {f.about} | {_values(f.mentions)}" for f in figures]
    got += [
        "! " + " vs ".join(", ".join(f"{s}:{_number(_value_of(figures, d.about, v.sentences[0]))}"
                                     for s in v.sources) for v in d.variants)
        for d in figure_discrepancies(figures)
    ]
    assert got == expected


def _value_of(figures: tuple[Figure, ...], about: str, sentence: str) -> float | None:
    fig = next(f for f in figures if f.about == about)
    return next(m.value for m in fig.mentions if m.sentence == sentence)


def test_ids_follow_rank_and_cited_sentences_rank_higher() -> None:
    sources = _sources("a: Officials counted 40 tanks.\na: Officials counted 300 trucks.")
    plain = extract_figures(sources)
    assert [f.id for f in plain] == ["f1", "f2"]
    assert plain[0].mentions[0].value == 300  # larger stakes first when nothing else differs
    cited = extract_figures(sources, cited=frozenset({"a-s1"}))
    assert cited[0].mentions[0].value == 40


def test_discrepancy_variants_name_values_sources_and_sentences() -> None:
    text = ("a: The base was built for $100 million.\nb: The base was built for $100 million.\n"
            "c: The base was built for $110 million.")
    (d,) = figure_discrepancies(extract_figures(_sources(text)))
    assert d.kind == "figure"
    assert [(v.value, v.sources, v.sentences) for v in d.variants] == [
        ("$100 million", ("a", "b"), ("a-s1", "b-s1")), ("$110 million", ("c",), ("c-s1",))]


def test_one_source_alone_is_never_a_discrepancy() -> None:
    fig = Figure(id="f1", about="x", kind="count", mentions=(
        FigureMention(source="a", sentence="a-s1", text="3", value=3),
        FigureMention(source="a", sentence="a-s2", text="4", value=4)))
    assert figure_discrepancies([fig]) == ()


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_commas_read_back(value: int) -> None:
    text = f"They counted {value:,} items."
    (n,) = find_numbers(text)
    assert n.value == value


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0.1, max_value=999.9).map(lambda x: round(x, 1)),
       st.sampled_from([("million", 1e6), ("billion", 1e9), ("bn", 1e9), ("m", 1e6)]))
def test_money_with_magnitudes(amount: float, scale: tuple[str, float]) -> None:
    word, factor = scale
    space = " " if len(word) > 2 else ""
    ((n, kind, unit, _),) = find_mentions(f"The plan costs ${amount}{space}{word} over ten years.")[:1]
    assert (kind, unit) == ("money", "USD")
    assert math.isclose(n.value, amount * factor)


@pytest.mark.parametrize("sentence,value,low,high", [
    ("a: Estimates of the toll range from 40 to 60 people.", 50, 40, 60),
    ("a: Temperatures ranged from -18 °C to -34 °C.", -26, -34, -18),
    ("a: The plan would cost between $10 million and $12 million.", 11e6, 10e6, 12e6),
])
def test_a_range_is_stored_as_its_midpoint_with_its_bounds(sentence: str, value: float, low: float, high: float) -> None:
    ((mention,),) = [f.mentions for f in extract_figures(_sources(sentence))]
    assert (mention.value, mention.value_min, mention.value_max) == (value, low, high)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(["between {a} and {b}", "from {a} to {b}", "{a} to {b}", "{a}-{b}"]))
def test_ranges_of_any_size_read_back(a: int, b: int, form: str) -> None:
    low, high = sorted((a, b))
    if low == high:
        return
    (n,) = find_numbers("Officials expect " + form.format(a=f"{low:,}", b=f"{high:,}") + " visitors.")
    assert (n.value, n.value_max) == (low, high)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["rose", "fell", "was cut", "increased", "dropped sharply", "went"]))
def test_from_to_after_a_verb_of_change_is_two_figures(verb: str) -> None:
    values = [n.value for n in find_numbers(f"The number of staff {verb} from 800 to 1,000.")]
    assert values == [800, 1000]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_smoke(text: str) -> None:
    """Smoke test: arbitrary text never raises and every mention's span lies inside the text."""
    for n, _kind, _unit, surface in find_mentions(text):
        assert surface and surface in text
        assert 0 <= n.start < n.end <= len(text)


@pytest.mark.parametrize("kwargs,expected", [
    ({"value": 1e8, "unit": "USD"}, "$100 million"),
    ({"value": 1.5e9, "unit": "GBP"}, "£1.5 billion"),
    ({"value": 1000, "unit": "troops", "hedge": "about"}, "1,000 troops"),
    ({"value": 1, "unit": "years"}, "1 year"),
    ({"value": 11, "value_min": 10, "value_max": 12, "unit": "people"}, "10–12 people"),
    ({"value": 35, "unit": "%"}, "35%"),
    ({"value": 4.2e8, "unit": "Finnish markka"}, "420 million Finnish markka"),
    ({"value": 300, "unit": "troops", "hedge": "a few"}, "a few hundred troops"),  # 300 is a guess: its words
    ({"value": 3000, "unit": "people", "hedge": "several"}, "several thousand people"),
])
def test_value_text(kwargs: dict, expected: str) -> None:
    assert value_text(FigureMention(source="a", sentence="a-s1", text="A few hundred Russian troops", **kwargs)) == expected


def _figures_page(text: str) -> str:
    from generator.digest import with_slugs
    from generator.model import Digest, StoryInfo
    from generator.output.render import environment

    sources = with_slugs(_sources(text))
    figures = extract_figures(sources)
    digest = Digest(story=StoryInfo(slug="s", title="A story"), sources=sources, figures=figures,
                    discrepancies=figure_discrepancies(figures))
    context = {"digest": digest, "sources": {s.id: s for s in sources},
               "sentences": {t.id: t for s in sources for t in s.sentences},
               "source_of": {t.id: s.id for s in sources for t in s.sentences}}
    return environment().get_template("figures.md.j2").render(context, page="s/figures.md")


def test_figures_page_shows_values_outlets_and_the_disagreement() -> None:
    page = _figures_page(GROUP_CASES[1][1])
    assert '<p class="admonition-title">The sources give different values</p>' in page
    assert "\n<p>Given: $100 million (a, b) vs $110 million (c).</p>\n" in page
    assert '<a href="../sources/c/#c-s1" ' in page  # the tables are HTML (templates/figures_tables.html.j2)


def test_figures_page_escapes_article_text() -> None:
    page = _figures_page("a: They sent 40 <b>troops</b> to the [border](javascript:x).")
    assert "<td><strong>40</strong></td>" in page.split("<th>Value</th>")[2]  # the figure's own table
    # The sentence reaches the page in a link's tooltip, escaped twice (the tooltip parses it as HTML).
    assert "&amp;lt;b&amp;gt;" in page
    # The tables are HTML, which Markdown leaves as it is: "[border](javascript:x)" stays text in the tooltip.
    assert "<b>" not in page and 'href="javascript' not in page


@pytest.mark.parametrize("title,text,expected", MENTION_CASES, ids=[c[0] for c in MENTION_CASES])
def test_surface_starts_where_the_number_begins(title: str, text: str, expected: list[str]) -> None:
    for n, _kind, _unit, surface in find_mentions(text):
        begin = n.start if n.begin is None else n.begin
        assert text[begin:begin + len(surface)] == surface


_NEWSY = st.sampled_from(
    ["a", "an", "about", "$", "£", "€", "1,000", "2.5", "10", "-", "to", "and", "between", "from", "one", "two", "three", "hundred", "million", "bn", "m", "%", "percent", "years", "ago", "later", "troops", "in", "Niger", "US", "(", ")", ",", ".", ";", "2023", "July", "26", "a", "few", "some", "nearly", "decade", "day", "3/4", "½", "1e5", "Rs", "crore", "-to-", "p.m.", "age", "of", "No.", "#", "+256", "(818)", "374-1925"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_NEWSY, max_size=25).map(" ".join), min_size=1, max_size=4))
def test_news_like_soup_smoke(texts: list[str]) -> None:
    """Smoke test: token soup from news copy never raises; each mention's text is in its sentence."""
    sources = [Source(id=f"s{i}", file="x", title="x", sentences=(Sentence(id=f"s{i}-s1", text=t),))
               for i, t in enumerate(texts)]
    figures = extract_figures(sources)
    figure_discrepancies(figures)
    assert [int(f.id[1:]) for f in figures] == list(range(1, len(figures) + 1))
    for f in figures:
        for m in f.mentions:
            assert m.text in texts[int(m.source[1:])]


def test_a_number_too_long_for_a_float_is_no_figure() -> None:
    # 330 digits overflow to infinity, which digest.json cannot hold and no reader can compare.
    text = "The fund was worth $" + ",".join(["999"] * 110) + " and $5 million more."
    assert [n.value for n in find_numbers(text)] == [5_000_000.0]
