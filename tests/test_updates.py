"""What the newest sources added, headlines side by side, and the site's Atom feed."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from generator.build import build
from generator.model import Claim, Figure, FigureMention, Sentence, Source
from generator.output.render import marked
from generator.summary.updates import compare_headlines, latest_update

ATOM = "{http://www.w3.org/2005/Atom}"


def source(sid: str, title: str, date: str | None) -> Source:
    return Source(id=sid, file=f"seeds/{sid}.txt", title=title, date=date, sentences=(Sentence(f"{sid}-s1", title, 0),))


def test_the_latest_date_s_sources_and_what_only_they_bring() -> None:
    sources = [source("a", "Dam opens", "2024-05-06"), source("b", "Dam opened", "2024-05-06"), source("c", "Dam holds", "2024-05-07")]
    claims = [
        Claim(id="c1", text="x", sources={"a": ("a-s1",), "c": ("c-s1",)}),
        Claim(id="c2", text="y", sources={"c": ("c-s1",)}),
        Claim(id="c3", text="z", sources={"b": ("b-s1",)}),
    ]
    figures = [
        Figure(id="f1", about="homes", kind="count", mentions=(
            FigureMention("a", "a-s1", "300 homes", 300.0), FigureMention("c", "c-s1", "300 homes", 300.0))),
        Figure(id="f2", about="people", kind="count", mentions=(
            FigureMention("a", "a-s1", "1,200 people", 1200.0), FigureMention("c", "c-s1", "1,500 people", 1500.0))),
        Figure(id="f3", about="cost", kind="money", mentions=(FigureMention("c", "c-s1", "$4 million", 4e6),)),
    ]
    update = latest_update(sources, claims, figures)
    assert update is not None
    assert (update.date, update.previous, update.sources) == ("2024-05-07", "2024-05-06", ("c",))
    assert update.claims == ("c2",)
    assert update.figures == ("f2", "f3")


def test_no_update_when_the_sources_carry_one_date_or_none() -> None:
    assert latest_update([source("a", "A", "2024-05-06"), source("b", "B", None)], [], []) is None
    assert latest_update([source("a", "A", None)], [], []) is None


def test_headlines_mark_the_words_no_other_headline_uses() -> None:
    items = compare_headlines([
        source("a", "Niger ends military pact with US", None),
        source("b", "Niger junta revokes US military accord", None),
    ])
    assert items[0].distinct == ("ends", "pact")
    assert items[1].distinct == ("junta", "revokes", "accord")
    hostile = compare_headlines([source("a", "Floods <script>alert(1)</script> hit *town*", None), source("b", "Floods hit", None)])
    cell = marked(hostile[0])
    assert "<script>" not in cell and "**&#42;town&#42;**" in cell and cell.startswith("Floods ")


def test_the_feed_lists_dated_stories_newest_first_as_valid_atom(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    for folder, title, date in (
        ("old", "Bridge <b>closed</b> & reopened", "2024-01-02"),
        ("new", "Dam opens spillway", "2024-05-07"),
        ("undated", "A story with no date", None),
    ):
        (seeds / folder).mkdir(parents=True)
        front = f"---\ntitle: \"{title}\"\n" + (f"date: {date}\n" if date else "") + "---\n\n"
        (seeds / folder / "a.md").write_text(front + f"{title}, officials said on Monday in a statement.\n", encoding="utf-8")
    build(seeds, tmp_path / "out", warn=lambda line: None)
    feed = ET.parse(tmp_path / "out" / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Dam opens spillway", "Bridge <b>closed</b> & reopened"]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == ["new/", "old/"]  # type: ignore[union-attr]
    assert feed.findtext(f"{ATOM}updated") == "2024-05-07T00:00:00Z"
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 2
    home = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "(feed.xml)" in home
