from __future__ import annotations

from generator.claims.compare import align, coverage
from generator.model import Sentence, Source


def source(sid: str, *texts: str) -> Source:
    return Source(id=sid, file=f"{sid}.txt", title=sid, sentences=tuple(Sentence(f"{sid}-s{i}", t) for i, t in enumerate(texts, 1)))


FILLER = [
    "The weather in the capital was mild for the season.",
    "Local markets opened late because of a holiday.",
    "A football match drew a large crowd on the weekend.",
    "Schools announced new term dates for the autumn.",
]


def test_paraphrases_of_one_claim_are_aligned() -> None:
    a = source("a", "The storm killed 127 people in the coastal province, officials said.", *FILLER)
    b = source("b", *FILLER[:2], "Officials said the storm killed 127 people in the coastal province on Monday.")
    claims = align([a, b])
    together = [c for c in claims if len(c.sources) == 2]
    assert {"a": ("a-s1",), "b": ("b-s3",)} in [dict(c.sources) for c in together]


def test_contradicting_numbers_keep_sentences_apart() -> None:
    a = source("a", "The storm killed 127 people in the coastal province, officials said.")
    b = source("b", "The storm killed 45 people in the coastal province, officials said.")
    claims = align([a, b])
    assert all(len(c.sources) == 1 for c in claims)


def test_different_people_keep_sentences_apart() -> None:
    a = source("a", "Minister Blinken visited the refugee camp near the border on Tuesday.")
    b = source("b", "General Langley visited the refugee camp near the border on Tuesday.")
    assert all(len(c.sources) == 1 for c in align([a, b]))


def test_every_sentence_long_enough_is_in_exactly_one_claim() -> None:
    a = source("a", "Short.", *FILLER)
    b = source("b", *reversed(FILLER))
    claims = align([a, b])
    ids = [sid for c in claims for ids in c.sources.values() for sid in ids]
    assert sorted(ids) == sorted(f"{s}-s{i}" for s, n in (("a", 5), ("b", 4)) for i in range(1, n + 1) if f"{s}-s{i}" != "a-s1")


def test_coverage_names_unique_and_omitted_claims() -> None:
    sources = [source("a", *FILLER), source("b", *FILLER), source("c", FILLER[0], "Something only this outlet has to say today.")]
    claims = align(sources)
    cov = coverage(claims, ["a", "b", "c"])
    assert len(cov.unique["c"]) == 1
    assert len(cov.omitted["c"]) == 3
    assert sum(v == "all" for v in cov.agreement.values()) == 1


def test_claims_in_a_figure_discrepancy_are_disputed_but_spellings_are_not() -> None:
    from generator.model import Discrepancy, Variant

    sources = [source("a", *FILLER), source("b", *FILLER)]
    claims = align(sources)
    first = claims[0]
    sid = next(iter(first.sources.values()))[0]
    discrepancies = [
        Discrepancy(about="cost of the base", kind="figure", variants=(Variant("$1", ("a",), (sid,)), Variant("$2", ("b",), ()))),
        Discrepancy(about="spelling of X", kind="name", variants=(Variant("X", ("a",), (sid,)),)),
    ]
    cov = coverage(claims, ["a", "b"], discrepancies)
    assert cov.contested == {first.id: ("cost of the base",)}
