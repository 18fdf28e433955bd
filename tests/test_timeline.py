"""Tests for date resolution (generator/dates.py) and the timeline (generator/timeline.py)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from generator.english.dates import Span, find_expressions, resolve_article
from generator.model import TimelineEntry, Sentence, Source
from generator.timeline.events import date_discrepancies, extract_timeline

CASES = Path(__file__).parent / "cases" / "dates"


def _resolved(text: str) -> str:
    """Resolve a case's article: a "published:" line, then one sentence per line."""
    first, *sentences = text.splitlines()
    value = first.removeprefix("published:").strip()
    published = None if value == "none" else dt.date.fromisoformat(value)
    lines = []
    for found in resolve_article(sentences, published=published):
        if found.span is None:
            lines.append(f"{found.expression.text} -> unresolved")
        else:
            lines.append(f"{found.expression.text} -> {found.span.label} {found.span.precision}")
    return "".join(line + "\n" for line in lines)


@pytest.mark.parametrize(
    "line,title,text,expected",
    read_fixture_file(CASES / "resolve.md"),
    ids=[f"{case[0]}-{case[1]}" for case in read_fixture_file(CASES / "resolve.md")],
)
def test_resolve_cases(line: int, title: str, text: str, expected: str) -> None:
    assert _resolved(text) == expected, f"{CASES / 'resolve.md'}:{line}: {title}"


def test_span_precision_is_the_finest_unit_that_holds_it() -> None:
    assert Span(dt.date(2024, 3, 16), dt.date(2024, 3, 16)).label == "2024-03-16"
    assert Span(dt.date(2024, 2, 1), dt.date(2024, 2, 29)).label == "2024-02"
    assert Span(dt.date(2023, 1, 1), dt.date(2023, 12, 31)).label == "2023"
    assert Span(dt.date(2024, 2, 26), dt.date(2024, 3, 3)).precision is None


def test_find_expressions_gives_offsets_into_the_sentence() -> None:
    sentence = "The coup on July 26 was condemned on Saturday."
    found = find_expressions(sentence)
    assert [(e.text, sentence[e.start:e.start + len(e.text)]) for e in found] == [
        ("on July 26", "on July 26"), ("on Saturday", "on Saturday")]


def _source(sid: str, date: str | None, *texts: str) -> Source:
    sentences = tuple(Sentence(id=f"{sid}-s{n}", text=t) for n, t in enumerate(texts, 1))
    return Source(id=sid, file=f"{sid}.txt", title=sid, date=date, sentences=sentences)


# A story told by two dated and two undated outlets, in the words news copy uses.
STORY = (
    _source("afp", "2024-03-18",
            "The junta that came to power in Niger in a July 26 coup condemned the military "
            "agreement with the United States on Saturday.",
            "Washington said Monday that the partnership was mutually beneficial.",
            "Blinken made a rare visit to Niger a year ago to shore up President Bazoum."),
    _source("bbc", "2024-03-17",
            "The government denounced the military agreement with the United States in a "
            "statement read out on Saturday evening on national television.",
            "Movements have been limited since the July 2023 coup and aid was curbed.",
            "Blinken paid a rare visit to Niger a year ago in hopes of shoring up Bazoum.",
            "Just four months later, the military deposed Bazoum and put him under house arrest."),
    _source("wire", None,
            "The statement was broadcast on national television on Saturday evening.",
            "Around a year ago, Blinken made a rare visit to Niger to strengthen Bazoum.",
            "However, merely four months later, the military overthrew Bazoum.",
            "The State Department did not declare the takeover a coup until October."),
    _source("blog", None,
            "Fishermen on the river held a festival on Saturday with music and dancing."),
)


def _by_date(events: tuple[TimelineEntry, ...]) -> dict[str, TimelineEntry]:
    return {e.date: e for e in events}


def test_timeline_has_the_coup_and_the_announcement_in_date_order() -> None:
    events = extract_timeline(STORY)
    assert [e.date for e in events] == sorted(e.date for e in events)
    coup, announcement = _by_date(events)["2023-07-26"], _by_date(events)["2024-03-16"]
    # Dated to the day by afp's "a July 26 coup", told by the sentence whose own event the coup is.
    assert coup.precision == "day" and coup.expression == "July 26" and coup.sentences[0] == "bbc-s4"
    assert "Saturday" in announcement.expression and announcement.precision == "day"


def test_same_event_in_several_sources_is_one_event() -> None:
    coup = _by_date(extract_timeline(STORY))["2023-07-26"]
    # "July 26 coup", "the July 2023 coup", "four months later ... deposed" (after "a year ago").
    assert set(coup.sources) == {"afp", "bbc", "wire"}
    assert {"afp-s1", "bbc-s2", "bbc-s4", "wire-s3"} <= set(coup.sentences)
    # afp-s1 tells of Saturday's condemnation and bbc-s2 of limited movements: each names the coup's date
    # for a noun ("a July 26 coup", "since the July 2023 coup"). The coup is told by bbc-s4 and wire-s3.
    assert coup.sentences[0] == "bbc-s4" and coup.text == STORY[1].sentences[3].text
    assert set(coup.own) == {"bbc-s4", "wire-s3"}


def test_best_sentence_comes_first() -> None:
    announcement = _by_date(extract_timeline(STORY))["2024-03-16"]
    # bbc-s1 names only this date; afp-s1 also holds the coup's date.
    assert announcement.sentences[0] == "bbc-s1"
    assert announcement.expression == "on Saturday evening"


def test_undated_source_is_pinned_only_by_a_similar_dated_event() -> None:
    events = extract_timeline(STORY)
    announcement = _by_date(events)["2024-03-16"]
    assert "wire-s1" in announcement.sentences  # same words, same weekday
    assert all("blog" not in e.sources for e in events)  # a different Saturday
    assert all("wire-s4" not in e.sentences for e in events)  # "until October": no dated event
    visit = _by_date(events)["2023-03"]
    assert visit.sources == ("afp", "bbc", "wire") and visit.precision == "month"


def test_undated_sources_alone_give_only_absolute_dates() -> None:
    sources = (STORY[2], _source("x", None, "The coup took place on July 26, 2023, in Niamey."))
    events = extract_timeline(sources)
    assert [(e.date, e.sources) for e in events] == [("2023-07-26", ("x",))]


def test_publication_day_statement_is_an_event() -> None:
    monday = _by_date(extract_timeline(STORY))["2024-03-18"]
    assert monday.sentences == ("afp-s2",) and monday.expression == "Monday"


def test_no_sources_no_timeline() -> None:
    assert extract_timeline(()) == ()


CONFLICT = (
    _source("one", "2024-03-18", "The coup took place on July 26, 2023, when soldiers seized "
                                 "the presidential palace in Niamey."),
    _source("two", "2024-03-18", "The coup took place on July 27, 2023, when soldiers seized "
                                 "the presidential palace in Niamey."),
    _source("three", "2024-03-18", "Aid was suspended in August 2023 after talks failed."),
)


def test_conflicting_dates_for_the_same_event_are_a_discrepancy() -> None:
    events = extract_timeline(CONFLICT)
    found = date_discrepancies(events, CONFLICT)
    assert len(found) == 1
    assert found[0].kind == "date"
    assert [(v.value, v.sources, v.sentences) for v in found[0].variants] == [
        ("2023-07-26", ("one",), ("one-s1",)), ("2023-07-27", ("two",), ("two-s1",))]
    assert "coup" in found[0].about


def test_nested_or_unrelated_dates_are_no_discrepancy() -> None:
    assert date_discrepancies(extract_timeline(STORY), STORY) == ()


def test_approximate_dates_never_conflict() -> None:
    sources = (
        _source("one", "2024-03-18", "Blinken made a rare visit to Niger a year ago."),
        _source("two", "2024-05-02", "Blinken made a rare visit to Niger a year ago."),
    )
    events = extract_timeline(sources)
    assert {e.date for e in events} == {"2023-03", "2023-05"}
    assert date_discrepancies(events, sources) == ()


SEEDS = Path(__file__).parent.parent / "seeds"


def _seed_sources() -> tuple[Source, ...]:
    """Read and prepare the seed articles as the build does."""
    from generator.digest import prepare_source
    from generator.input.read import read_article

    paths = sorted(SEEDS.glob("*.txt"))
    return tuple(prepare_source(read_article(p, label=p.name)) for p in paths)


def test_seed_timeline_has_the_coup_and_the_announcement() -> None:
    sources = _seed_sources()
    assert [s.date for s in sources].count(None) == 3  # three seeds give no date
    events = _by_date(extract_timeline(sources))
    coup, announcement = events["2023-07-26"], events["2024-03-16"]
    assert "July 26" in coup.expression and len(coup.sources) >= 3 and coup.sentences[0] in coup.own
    assert "July 26" not in coup.text  # the sentences that give the day tell of something else
    assert "Saturday" in announcement.expression and len(announcement.sources) >= 3
    # Undated seeds join only through a dated source's event: nothing is dated by themselves.
    undated = {s.id for s in sources if s.date is None}
    assert all(set(e.sources) - undated for e in events.values())
    assert date_discrepancies(tuple(events.values()), sources) == ()


def test_timeline_page_shows_each_event_with_inert_text() -> None:
    from generator.model import Digest, StoryInfo
    from generator.output.render import environment, story_pages

    hostile = _source("evil", "2024-03-18",
                      "<script>alert(1)</script> [x](javascript:alert(1)) The coup took place on "
                      "July 26, 2023, when soldiers seized the presidential palace in Niamey.")
    sources = tuple(replace(s, slug=s.id) for s in (*CONFLICT[:2], hostile))
    events = extract_timeline(sources)
    digest = Digest(story=StoryInfo(slug="story", title="Story"), sources=sources,
                    timeline=events, discrepancies=date_discrepancies(events, sources))
    page = next(p for p in story_pages(digest, environment()) if p.path == "story/timeline.md")
    text = page.content.decode("utf-8")
    assert text.count('<div class="timeline-event') == len(events) == 2
    assert "### 2023-07-26" in text and "### 2023-07-27" in text
    # The events' text and citations are HTML (templates/timeline_events.html.j2): the script and the link stay text.
    assert "<script>" not in text and 'href="javascript:' not in text and "&amp;lt;script&amp;gt;" in text
    assert "## Dates the sources give differently" in text
    assert '<a href="#dates-the-sources-give-differently">' in text  # each disputed event points there
    assert 'href="../sources/two/#two-s1"' in text  # the other variant is cited


_PHRASES = ("on Saturday", "in July 2023", "on July 26", "a year ago", "last week", "in December",
            "four months later", "yesterday", "Monday", "in 2019", "last July")


def _invariants_hold(sources: tuple[Source, ...]) -> None:
    events = extract_timeline(sources)
    owner = {t.id: s.id for s in sources for t in s.sentences}
    width = {"day": 10, "month": 7, "year": 4}
    for event in events:
        assert len(event.date) == width[event.precision]
        assert event.sources == tuple(sorted({owner[i] for i in event.sentences},
                                             key=[s.id for s in sources].index))
        assert event.text == next(t.text for s in sources for t in s.sentences
                                  if t.id == event.sentences[0])
    assert [e.date[:4] for e in events] == sorted(e.date[:4] for e in events)


def test_timeline_invariants_on_generated_stories() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    sentence = st.builds(lambda a, b, c: f"The junta {a} the agreement {b}, officials said {c}.",
                         st.sampled_from(["ended", "signed", "denounced"]),
                         st.sampled_from(_PHRASES), st.sampled_from(_PHRASES))
    source = st.tuples(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2025, 1, 1))),
                       st.lists(sentence, min_size=1, max_size=4))

    @settings(max_examples=40, deadline=None)
    @given(st.lists(source, min_size=1, max_size=3))
    def check(raw: list[tuple[dt.date | None, list[str]]]) -> None:
        _invariants_hold(tuple(_source(f"s{i}", d.isoformat() if d else None, *texts)
                               for i, (d, texts) in enumerate(raw)))

    check()


def test_events_take_a_date_only_when_no_other_comes_close() -> None:
    from generator.model import Event, TimelineEntry
    from generator.timeline.events import date_events

    coup = TimelineEntry(date="2023-07-26", text="x", sentences=("a-s1", "b-s1"), own=("a-s1", "b-s1"))
    saturday = TimelineEntry(date="2024-03-16", text="y", sentences=("a-s1", "b-s1", "c-s1", "c-s2"),
                             own=("a-s1", "b-s1", "c-s1", "c-s2"))
    clear = Event(id="e1", label="y", sources={"a": ("a-s1",), "b": ("b-s1",), "c": ("c-s1", "c-s2")})
    close = Event(id="e2", label="z", sources={"a": ("a-s9",)})
    entries, events = date_events((coup, saturday), (clear, close))
    assert [e.date for e in events] == ["2024-03-16", None]  # 4 shared against 2: clear; e2 shares none
    assert [t.event for t in entries] == ["e1", "e1"]
    both = Event(id="e1", label="y", sources={"a": ("a-s1",), "b": ("b-s1",), "c": ("c-s1",)})
    assert date_events((coup, saturday), (both,))[1][0].date is None  # 3 against 2: either could be its own
    # Sentences that only name a date for a noun ("the aid cut after the July coup") do not date their event.
    named = replace(coup, own=())
    aid = Event(id="e3", label="x", sources={"a": ("a-s1",), "b": ("b-s1",)})
    assert date_events((named,), (aid,))[1][0].date is None
    assert date_events((named,), (aid,))[0][0].event == ""  # nor is the entry that event's
    assert date_events((coup,), (aid,))[1][0].date == "2023-07-26"
