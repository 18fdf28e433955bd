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
