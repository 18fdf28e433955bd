"""What the shipped seeds must show (issue: the explainer end to end)."""
from __future__ import annotations

import json
import re

import pytest

from generator.build import build
from generator.prepare.clean import is_boilerplate

from .golden import SEEDS


@pytest.fixture(scope="module")
def digest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("seeds") / "content"
    report = build(SEEDS, out, warn=lambda line: None)
    assert len(report.digests) == 1
    (path,) = out.glob("*/digest.json")
    return json.loads(path.read_text(encoding="utf-8"))


def sentences(digest: dict) -> dict[str, str]:
    return {t["id"]: t["text"] for s in digest["sources"] for t in s["sentences"]}


def test_summary_cites_source_sentences(digest: dict) -> None:
    text = sentences(digest)
    assert 4 <= len(digest["summary"]) <= 8
    for line in digest["summary"]:
        assert text[line["sentences"][0]] == line["text"]
        assert {sid.rsplit("-", 1)[0] for sid in line["sentences"]} == set(line["sources"])


def test_each_summary_line_says_what_every_source_of_its_event_says(digest: dict) -> None:
    # 003's "Niger's junta says US military presence in the country was no longer justified" sat in the
    # coup's event beside 002's "The future of the American military presence ... in question since a
    # military junta placed the country's president under house arrest"; it does not tell the coup, and was
    # never to stand for it.
    events = {e["id"]: e for e in digest["events"]}
    text = sentences(digest)
    for line in digest["summary"]:
        event = events[line["event"]]
        assert line["sentences"][0] in (event["core"] or [sid for ids in event["sources"].values() for sid in ids])
    coup = _event_with(digest, "military deposed Bazoum")[0]
    assert coup["core"] and not any("no longer justified" in text[sid] for sid in coup["core"])
    for event in digest["events"]:
        members = [sid for ids in event["sources"].values() for sid in ids]
        assert [sid for sid in members if sid in event["core"]] == event["core"], event["id"]
        assert not event["core"] or event["label"] in {text[sid] for sid in event["core"]}, event["id"]


def test_no_event_holds_a_sentence_only_its_other_sentences_carried(digest: dict) -> None:
    # Each was close to no sentence of another source of its event on its own: the rest's ties to each other
    # held it. 000's Kremlin subheading had 004's "raised objections about the allies" and "In December,
    # Russia and Niger announced" beside 004's "comes as it moves closer to Russia"; Tiani's congratulations
    # to Putin sat with 004's "state-to-state relations" and 002's "turning to Russia".
    kremlin, objections, december = _event_with(digest, "moves closer to the Kremlin", "raised objections", "In December")
    assert objections is not kremlin and december is not kremlin
    congratulations, state_to_state = _event_with(digest, "Congratulations", "state-to-state")
    assert congratulations is not state_to_state


def test_claims_are_compared_across_sources(digest: dict) -> None:
    assert len(digest["claims"]) >= 10
    assert any(len(c["sources"]) >= 4 for c in digest["claims"])


def _event_with(digest: dict, *fragments: str) -> list[dict]:
    """The events holding a sentence with each fragment, one per fragment."""
    text = sentences(digest)
    return [next(e for e in digest["events"] for ids in e["sources"].values() for sid in ids if fragment in text[sid])
            for fragment in fragments]


def _prefixes(event: dict) -> list[str]:
    return sorted(sid[:3] for sid in event["sources"])


def test_the_announcement_is_one_event_all_five_report(digest: dict) -> None:
    # Five wordings: "terminating", "breaking off", "is ending", "condemned ... with immediate effect", "has ended".
    found = _event_with(digest, "it is terminating its military", "breaking off its military cooperation",
                        "Niger is ending its military", "condemned the agreement", "has ended a military agreement")
    assert all(e["id"] == found[0]["id"] for e in found)
    assert _prefixes(found[0]) == ["000", "001", "002", "003", "004"]


def test_the_uranium_accusation_is_one_event_of_002_and_004(digest: dict) -> None:
    first, second = _event_with(digest, "access to its uranium", "supply uranium to Iran")
    assert first["id"] == second["id"] and {"002", "004"} <= set(_prefixes(first))


def test_the_announcement_holds_no_background_of_another_time(digest: dict) -> None:
    # Worded like the announcement, but of another time: the past perfect, "in December", "last month".
    (announcement,) = _event_with(digest, "it is terminating its military")
    text = sentences(digest)
    held = [text[sid] for ids in announcement["sources"].values() for sid in ids]
    for background in ("had closely collaborated", "had in the past worked closely", "In December, Russia and Niger",
                       "in an interview with The Washington Post last month"):
        assert not any(background in t for t in held), background


def test_the_french_withdrawal_is_one_event_and_not_the_aid_cut(digest: dict) -> None:
    # 002 and 004 both say "last year": words of time do not make two sentences alike.
    french, other, aid = _event_with(digest, "withdrawal of its French forces", "forcing the withdrawal of French troops",
                                     "suspended military aid")
    assert french["id"] == other["id"] != aid["id"]


def test_the_delegations_visit_is_not_blinkens_visit_a_year_before(digest: dict) -> None:
    # "This decision was made just one day after a high-ranking US delegation departed Niger": the week of the news.
    delegation, blinken = _event_with(digest, "high-ranking US delegation departed Niger", "Around a year ago, US Secretary")
    assert delegation["id"] != blinken["id"]


def test_the_juntas_denunciation_is_not_the_us_officials_concern(digest: dict) -> None:
    # Both speak of the delegation's visit; what was said in Washington is not what was said in Niamey.
    concern, denunciation, illegal = _event_with(digest, "We were troubled by the path", "strongly denounces the condescending",
                                                 "Niger is illegal")
    assert denunciation["id"] != concern["id"]
    assert denunciation["id"] == illegal["id"]  # the junta's spokesman's one statement
    # Washington's concern about Russia and Iran is not Niger's account of its relations with Russia.
    worry, relations = _event_with(digest, "expressed concern about Niger’s potential relations", "“state-to-state” relations")
    assert worry["id"] != relations["id"]


def test_an_interview_last_month_is_not_the_briefing_on_the_visit(digest: dict) -> None:
    # 004: "Phee said in an interview with The Washington Post last month that she had emphasized …";
    # 000 and 002 quote Singh's briefing on the delegation's visit.
    interview, briefing = _event_with(digest, "interview with The Washington Post last month", "We were troubled by the path")
    assert interview["id"] != briefing["id"]


def test_the_junta_saying_the_us_presence_is_unjustified_is_not_the_coup(digest: dict) -> None:
    # 003's "no longer justified" shares "US military presence" with 002's sentence on the presence's future since
    # the coup, and nothing with 001's or 003's own account of the coup.
    unjustified, coup = _event_with(digest, "was no longer justified", "the military deposed Bazoum")
    assert unjustified["id"] != coup["id"]
    assert _prefixes(coup) == ["001", "002", "003"]


def test_the_aid_cut_is_one_event_of_001_to_004(digest: dict) -> None:
    found = _event_with(digest, "reduced its assistance", "reduced U.S. aid", "curbed assistance", "suspended military aid")
    assert all(e["id"] == found[0]["id"] for e in found)
    # 004 dates its aid cut "last year" and Phee's interview "last month": two times, two events.
    interview, = _event_with(digest, "interview with The Washington Post last month")
    assert interview["id"] != found[0]["id"]
    # No source says when: "Following the coup last year" dates the coup, which the aid cut came after.
    assert found[0]["date"] is None


def test_a_source_that_tells_of_an_event_in_a_sentence_on_something_else_comes_close_to_it(digest: dict) -> None:
    # 000 tells of the French troops' departure in a sentence on the junta's turn to Russia: it does not report
    # the event (its sentence is in another), but it does not leave it out either.
    france, = _event_with(digest, "forcing the withdrawal of French troops")
    sentence, = [sid for sid, text in sentences(digest).items() if "demanded the departure of troops" in text]
    assert "000_d927ee6055b5c552" not in france["sources"]
    assert france["near"] == {"000_d927ee6055b5c552": [sentence]}


def test_every_event_cites_its_sentences_and_names_its_claims(digest: dict) -> None:
    text = sentences(digest)
    claims = {c["id"]: c for c in digest["claims"]}
    assert any(len(e["sources"]) == len(digest["sources"]) for e in digest["events"])  # what all report
    for event in digest["events"]:
        members = {sid for ids in event["sources"].values() for sid in ids}
        assert event["label"] in {text[sid] for sid in members}
        assert members == {sid for cid in event["claims"] for ids in claims[cid]["sources"].values() for sid in ids}


def test_no_boilerplate_left_and_removed_lines_are_kept(digest: dict) -> None:
    for text in sentences(digest).values():
        assert not is_boilerplate(text)
        assert not re.search(r"leave a reply|email address will not be published|donate|follow us", text, re.I)
    removed = [r for s in digest["sources"] for r in s["removed"]]
    assert "Leave a Reply" in removed
    assert any(r.startswith("Follow us on") for r in removed)


def test_broken_sentence_is_joined_and_repeated_title_is_gone(digest: dict) -> None:
    texts = list(sentences(digest).values())
    assert any("had overthrown the President and aligned itself" in t for t in texts)
    (afp,) = [s for s in digest["sources"] if s["id"].startswith("001_")]
    assert afp["title"] == "The Republic of Niger Terminates Military Cooperation With United States"
    assert all(afp["title"] not in t["text"] for t in afp["sentences"])


def test_publication_dates_are_read(digest: dict) -> None:
    dates = {s["id"][:3]: s["date"] for s in digest["sources"]}
    assert dates["000"] == "2024-03-18" and dates["003"] == "2024-03-17"
    assert not any(t.lstrip().startswith("date ") for t in sentences(digest).values())
