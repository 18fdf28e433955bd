"""Quote and speaker forms from case files, and grouping of one utterance across sources."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from generator.model import Quote, Source
from generator.people.entities import extract_entities
from generator.english.quotemarks import find_spans, mask
from generator.quotes.extract import extract_quotes, quote_discrepancies

from .casefile import load_fixtures, text_source as source

CASES = Path(__file__).parent / "cases" / "quotes"


def mentions(sources: list[Source]) -> list[str]:
    entities = extract_entities(sources)
    quotes = extract_quotes(sources, entities)
    return [f"{m.text} | {m.speaker or '-'}" for q in quotes for m in q.mentions]


@pytest.mark.parametrize(("title", "text", "expected"), load_fixtures(CASES / "forms.txt"), ids=lambda v: v if isinstance(v, str) and "\n" not in v and len(v) < 80 else "")
def test_quote_forms(title: str, text: str, expected: list[str]) -> None:
    assert mentions([source("a", text)]) == expected, title


@pytest.mark.parametrize(("title", "text", "expected"), load_fixtures(CASES / "speakers.txt"), ids=lambda v: v if isinstance(v, str) and "\n" not in v and len(v) < 80 else "")
def test_speakers_are_people_or_nobody(title: str, text: str, expected: list[str]) -> None:
    assert mentions([source("a", text)]) == expected, title


def _pair() -> tuple[Quote, ...]:
    one = source("one", "“The US presence on the territory of the Republic of Niger is illegal and violates all the rules,” Niger’s military spokesperson Col Amadou Abdramane said.\nMiller said the US would provide updates “as warranted.”")
    two = source("two", "“The American presence in the territory of the Republic of Niger is illegal,” Colonel Amadou Abdramane said on television.\nMatthew Miller said on X that Washington would give updates \"as warranted.\"")
    entities = extract_entities([one, two])
    return extract_quotes([one, two], entities)


def test_one_utterance_from_two_outlets_is_one_quote() -> None:
    quotes = _pair()
    assert [(q.speaker, sorted(m.source for m in q.mentions)) for q in quotes] == [
        ("Amadou Abdramane", ["one", "two"]),
        ("Matthew Miller", ["one", "two"]),
    ]


def test_role_is_kept_per_source() -> None:
    quote = _pair()[0]
    assert [m.role for m in quote.mentions] == ["Niger’s military spokesperson", None]
    assert quote.role == "Niger’s military spokesperson"


def test_a_description_stays_the_speaker_and_is_never_a_place() -> None:
    # "The governor of Ohio" is not a person called Ohio, and "the Ohio governor" is not matched to
    # one by its capitalised word: with no governor named, the description as written.
    a = source("a", "The governor of Ohio spoke about jobs on Tuesday in Columbus.\n"
                    "“We are adding jobs every month,” the Ohio governor said.")
    entities = extract_entities([a])
    assert [(q.speaker, [m.speaker for m in q.mentions]) for q in extract_quotes([a], entities)] == [
        ("the Ohio governor", ["the Ohio governor"])]
    assert not [e for e in entities if e.name == "Ohio" and e.kind == "person"]


def test_the_source_a_report_names_is_not_the_speakers_role() -> None:
    a = source("a", 'According to the Associated Press, Smith said "it was terrifying for everyone."')
    (quote,) = extract_quotes([a], extract_entities([a]))
    assert (quote.speaker, quote.role) == ("Smith", None)


def test_paraphrased_translation_groups_with_same_speaker() -> None:
    a = source("a", "“We were disturbed by the path Niger has taken,” Sabrina Singh told reporters.")
    b = source("b", "“The delegation was there to express concerns. We were troubled by the path taken by Niger. So it was frank,” Singh said.")
    quotes = extract_quotes([a, b], extract_entities([a, b]))
    assert len(quotes) == 1 and [m.source for m in quotes[0].mentions] == ["a", "b"]
    assert quotes[0].text.startswith("The delegation was there")


def test_same_words_given_to_different_speakers_is_a_discrepancy() -> None:
    a = source("a", "“We will not leave the country under pressure,” said Amadou Abdramane.")
    b = source("b", "“We will not leave the country under pressure,” said Abdourahamane Tiani.")
    quotes = extract_quotes([a, b], extract_entities([a, b]))
    (found,) = quote_discrepancies(quotes)
    assert found.kind == "quote"
    assert [(v.value, v.sources) for v in found.variants] == [("Amadou Abdramane", ("a",)), ("Abdourahamane Tiani", ("b",))]


def test_one_person_named_with_and_without_a_suffix_is_no_discrepancy() -> None:
    a = source("a", "“The class includes at least 544 store managers,” said Theodore J. Boutrous Jr., the company's lawyer.")
    b = source("b", "“The class includes at least 544 store managers,” Boutrous said.")
    assert quote_discrepancies(extract_quotes([a, b], extract_entities([a, b]))) == ()


def test_two_words_two_people_say_are_not_one_utterance() -> None:
    a = source("a", "“Those findings are confirmed by the e-mails, and they contradict what the White House said about the talking points,” said Brendan Buck.")
    b = source("b", "Nuland worked on the draft. Victoria Nuland said the “talking points” were wrong.")
    quotes = extract_quotes([a, b], extract_entities([a, b]))
    assert all(len({m.speaker for m in q.mentions}) == 1 for q in quotes), [(q.text, [m.speaker for m in q.mentions]) for q in quotes]


def test_quote_spanning_sentences_lists_every_sentence() -> None:
    (quote,) = extract_quotes([source("a", "“First point. Second point here,” Smith said.")], ())
    assert quote.mentions[0].sentences == ("a-s1", "a-s2")
    assert quote.mentions[0].sentence == "a-s1"


SEEDS = Path(__file__).parent.parent / "seeds"


def seed_sources() -> list[Source]:
    """Read the seed articles crudely (one paragraph per line), as the pipeline's cleaning would."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = "\n".join(line.removeprefix(" date ").split(" ", 1)[-1] if line.startswith(" date ") else line for line in text.splitlines())
        out.append(source(path.stem[:3], text))
    return out


@pytest.fixture(scope="module")
def seeds() -> tuple[tuple[Source, ...], tuple[Quote, ...]]:
    """The seed articles and the quotes found in them."""
    sources = tuple(seed_sources())
    return sources, extract_quotes(sources, extract_entities(sources))


def _quote(quotes: tuple[Quote, ...], words: str) -> Quote:
    return next(q for q in quotes if any(words in m.text for m in q.mentions))


def test_seeds_he_added_is_patel(seeds) -> None:
    quote = _quote(seeds[1], "Our partnership with West African countries")
    assert quote.speaker == "Vedant Patel" and quote.role == "State Department spokesman"


def test_seeds_abdramane_statement_is_one_quote_from_two_outlets(seeds) -> None:
    quote = _quote(seeds[1], "is illegal")
    assert quote.speaker == "Amadou Abdramane"
    assert sorted({m.source for m in quote.mentions}) == ["002", "004"]


def test_seeds_miller_as_warranted_is_one_quote(seeds) -> None:
    quote = _quote(seeds[1], "as warranted")
    assert quote.speaker == "Matthew Miller"
    assert [m.source for m in quote.mentions] == ["001", "003"]


def test_seeds_translated_wordings_group(seeds) -> None:
    assert {m.source for m in _quote(seeds[1], "candid discussions").mentions} == {"001", "003"}
    assert {m.source for m in _quote(seeds[1], "disturbed by the path").mentions} == {"000", "002"}


def test_seeds_footer_and_titles_are_not_quotes(seeds) -> None:
    texts = [m.text for q in seeds[1] for m in q.mentions]
    assert not any("HICGI" in t or "Congratulations" == t for t in texts)


def test_seeds_every_named_quote_has_its_speaker(seeds) -> None:
    speakers = {q.speaker for q in seeds[1]}
    assert {"Vedant Patel", "Sabrina Singh", "Matthew Miller", "Amadou Abdramane", "Pentagon"} <= speakers


_PIECES = st.sampled_from(
    ["“", "”", '"', "''", "‘", "’", " said", " Singh", " he added", ", ", ". ", "\n", " the junta", "Col ",
     " Amadou Abdramane", " according to", " we are here", " It was", "…", " — ", ":", "(R-Ky.)", " x"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_any_text_gives_mentions_quoted_from_their_sentences(pieces: list[str]) -> None:
    src = source("a", "".join(pieces))
    quotes = extract_quotes([src], extract_entities([src]))
    by_id = {s.id: s.text for s in src.sentences}
    for quote in quotes:
        for m in quote.mentions:
            spanned = " ".join(by_id[i] for i in m.sentences)
            assert m.text and " ".join(m.text.split()) in " ".join(spanned.split())
            assert m.sentence == m.sentences[0]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said “we will go” and left.", ["we will go"]),
        ('It was "with immediate effect".', ["with immediate effect"]),
        ("to \"denounce'' the deal", ["denounce"]),
        ("visited to ” express concerns” about it", ["express concerns"]),
        ("“We are in touch”State Department spokesman said.", ["We are in touch"]),
        ("“First,” he said. “Second.”", ["First", "Second."]),
        ("“Open and never closed", ["Open and never closed"]),
        ('"Outer “inner words” outer," she said.', ["Outer “inner words” outer"]),
        ("‘No longer justified’", ["No longer justified"]),
        ("the Clintons' house and the Smiths' car", []),
    ],
)
def test_find_spans_pairs_real_copy_marks(text: str, quoted: list[str]) -> None:
    assert [text[s.start:s.end] for s in find_spans(text)] == quoted


def test_mask_blanks_quotes_and_their_marks_only() -> None:
    text = "“We will go,” Singh said."
    assert mask(text, find_spans(text)).replace("\x00", "#") == "############# Singh said."
