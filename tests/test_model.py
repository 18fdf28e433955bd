from __future__ import annotations

import json

from generator.digest import dumps, loads
from generator.model import (
    Claim, Digest, Discrepancy, Entity, Figure, FigureMention, Quote, QuoteMention, Sentence, TimelineEntry,
    Source, StoryInfo, SummarySentence, Variant, from_dict, to_dict,
)


def sample() -> Digest:
    return Digest(
        story=StoryInfo(slug="s", title="T"),
        sources=(Source(id="a", file="seeds/a.txt", title="A", date="2024-01-02", sentences=(Sentence("a-s1", "Hi.", 0),), removed=("x",)),),
        summary=(SummarySentence(text="Hi.", sources=("a",), sentences=("a-s1",), claim="c1"),),
        claims=(Claim(id="c1", text="Hi.", sources={"a": ("a-s1",)}, independent=1),),
        figures=(Figure(id="f1", about="troops", kind="count", unit="troops", mentions=(FigureMention("a", "a-s1", "1,000 troops", 1000.0),)),),
        quotes=(Quote(id="q1", text="q", speaker="X", mentions=(QuoteMention("a", "a-s1", "q", sentences=("a-s1",)),)),),
        entities=(Entity(id="e1", name="X", kind="person", aliases=("Mr X",), sources=("a",)),),
        discrepancies=(Discrepancy(about="cost", kind="figure", variants=(Variant("$1", ("a",), ("a-s1",)),)),),
        timeline=(TimelineEntry(date="2024-01-01", text="Hi.", sources=("a",), sentences=("a-s1",)),),
        wire_groups=(("a", "b"),),
    )


def test_round_trip_through_dicts_and_json() -> None:
    digest = sample()
    assert from_dict(Digest, to_dict(digest)) == digest
    assert loads(dumps(digest)) == digest


def test_json_is_sorted_indented_utf8_with_trailing_newline() -> None:
    text = dumps(sample())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data["schema"] == 1
    assert data["claims"][0]["sources"] == {"a": ["a-s1"]}


def test_json_is_what_the_standard_indenting_encoder_writes() -> None:
    # dumps re-spaces compact JSON with msgspec: the bytes must stay json.dumps(indent=2)'s, with
    # floats in exponent form, escapes, non-ASCII text, empty containers and a NaN (the fallback).
    for value, text in ((2.48e-05, "é\u2028\x1f\"\\/< 😀\t\n"), (1.2345678901234568e17, ""), (float("nan"), "\ud800")):
        figure = Figure(id="f1", about=text, kind="count", unit="", mentions=(FigureMention("a", "a-s1", text, value),))
        digest = Digest(story=StoryInfo(slug="s", title=text), figures=(figure,))
        assert dumps(digest) == json.dumps(to_dict(digest), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert dumps(sample()) == json.dumps(to_dict(sample()), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
