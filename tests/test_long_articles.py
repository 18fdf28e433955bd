"""Very long articles: each stage compares only what can match, and on news-sized input finds what
comparing every pair found. Growth is checked by counting comparisons, never by timing."""
from __future__ import annotations

import datetime as dt
import random
import re
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from generator.common.blocking import shared_rare_word_pairs
from generator import digest as digest_module
from generator.claims import compare
from generator.digest import build_digest, prepare_source, with_slugs
from generator.english.dates import _EXPRESSION, Expression, Span, _matches
from generator.english.names import canonical_speaker, find_entity, name_key, same_person
from generator.english.text import key
from generator.figures import extract as figures
from generator.input.read import read_article
from generator.model import Entity, FigureMention, Sentence, Source, StoryInfo
from generator.output.view import first_mentions
from generator.people import entities as people
from generator.people.entities import extract_entities, name_discrepancies
from generator.quotes import extract as quotes
from generator.timeline import events as timeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seeds() -> tuple[Source, ...]:
    return with_slugs([prepare_source(read_article(p, label=p.name)) for p in sorted(SEEDS.glob("*.txt"))])


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))


def _source(sid: str, paragraphs: list[str], date: str | None = "2024-03-18") -> Source:
    sentences = tuple(Sentence(f"{sid}-s{n}", text, n) for n, text in enumerate(paragraphs, 1))
    return Source(id=sid, file=f"{sid}.txt", title=sid, date=date, sentences=sentences)


def _counting(function: Callable[..., object], calls: list[int]) -> Callable[..., object]:
    """Wrap a function so that each call adds to ``calls``."""
    def counted(*args: object) -> object:
        calls.append(1)
        return function(*args)
    return counted


def _growth(count: Callable[[int], int], small: int, large: int) -> float:
    """How many times the count grows when the input grows from ``small`` to ``large`` items (4x: 16 for all pairs)."""
    return count(large) / count(small)


# Quotes ------------------------------------------------------------------------------------------


def _quote_calls(n: int, monkeypatch: pytest.MonkeyPatch) -> int:
    rng = random.Random(n)
    text = [f"“We will {_word(rng)} the {_word(rng)} and {_word(rng)} of the {_word(rng)},” Smith said." for _ in range(n)]
    calls: list[int] = []
    monkeypatch.setattr(quotes, "_same_utterance", _counting(quotes._same_utterance, calls))
    with pytest.warns(RuntimeWarning, match="quotes"):
        found = quotes.extract_quotes([_source("a", text)], ())
    assert len(found) == n  # every quote is its own: none was lost or merged
    return len(calls)


def test_quote_comparisons_grow_linearly_in_a_long_article(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every pair shares "we", "will", "the", "and", "of": comparing all of them grows 16-fold.
    assert _growth(lambda n: _quote_calls(n, monkeypatch), 150, 600) < 6


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sets(st.sampled_from("abcdefghij"), max_size=4), max_size=30))
def test_quote_candidates_are_every_pair_sharing_a_word_in_a_news_story(vocab: list[set[str]]) -> None:
    pairs, common = quotes._candidate_pairs(vocab)
    assert common == []
    assert pairs == [(i, j) for i in range(len(vocab)) for j in range(i + 1, len(vocab)) if vocab[i] & vocab[j]]


def test_seed_quotes_group_as_comparing_every_pair_does() -> None:
    sources = _seeds()
    entities = extract_entities(sources)
    found = [f for i, s in enumerate(sources) for f in quotes._source_quotes(s, i, entities)]
    normed = [key(f.mention.text) for f in found]
    vocab = [set(n.split()) for n in normed]
    canon = [canonical_speaker(f.mention.speaker, entities) for f in found]
    groups = [{i} for i in range(len(found))]
    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            if len(vocab[i] & vocab[j]) >= min(2, len(vocab[i]), len(vocab[j])) and quotes._same_utterance(
                    found[i], found[j], normed[i], normed[j], (canon[i], canon[j])):
                a, b = next(g for g in groups if i in g), next(g for g in groups if j in g)
                if a is not b:
                    a |= b
                    groups.remove(b)
    expected = sorted(sorted(found[i].mention.sentence + found[i].mention.text for i in g) for g in groups)
    got = quotes.extract_quotes(sources, entities)
    assert len(got) < len(found)  # some wordings do group, so the comparison means something
    assert sorted(sorted(m.sentence + m.text for m in q.mentions) for q in got) == expected


# Dates and the timeline --------------------------------------------------------------------------


def _similarity_calls(n: int, monkeypatch: pytest.MonkeyPatch) -> int:
    rng = random.Random(n)
    text = [f"The junta signed the {_word(rng)} military agreement with the United States in March 2023, officials said."
            for _ in range(n)]
    calls: list[int] = []
    monkeypatch.setattr(timeline, "_similarity", _counting(timeline._similarity, calls))
    with pytest.warns(RuntimeWarning, match="dates"):
        events = timeline.extract_timeline([_source("a", text)])
    assert [e.date for e in events] == ["2023-03"]  # one month, and the words agree: one event
    return len(calls)


def test_date_comparisons_grow_linearly_in_a_long_article(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every mention names the same month in nearly the same words as every other.
    assert _growth(lambda n: _similarity_calls(n, monkeypatch), 150, 600) < 6


def _old_merge(clusters: list[list[timeline._Mention]], weights: dict[str, float], cutoff: float) -> list[list[timeline._Mention]]:
    """The merge as it was: every pair of mentions weighed, then joined in falling order of likeness."""
    edges = []
    for i, first in enumerate(clusters):
        for j in range(i + 1, len(clusters)):
            x, y = first[0].span, clusters[j][0].span
            assert x is not None and y is not None
            if x.contains(y) or y.contains(x):
                score = 1.0 if x == y and x.precision == "day" else timeline._similarity(first[0], clusters[j][0], weights)
                if score >= cutoff:
                    edges.append((-score, i, j))
    root = list(range(len(clusters)))

    def find(i: int) -> int:
        while root[i] != i:
            i = root[i]
        return i

    for _score, i, j in sorted(edges):
        a, b = find(i), find(j)
        if a != b and timeline._nested(timeline._core(clusters[a]), timeline._core(clusters[b])):
            root[max(a, b)] = min(a, b)
            clusters[min(a, b)] = clusters[min(a, b)] + clusters[max(a, b)]
    return [clusters[i] for i in range(len(clusters)) if find(i) == i]


_SPANS = [Span(dt.date(2023, 7, d), dt.date(2023, 7, d)) for d in (25, 26)] + [
    Span(dt.date(2023, 7, 1), dt.date(2023, 7, 31)), Span(dt.date(2023, 8, 1), dt.date(2023, 8, 31)),
    Span(dt.date(2023, 1, 1), dt.date(2023, 12, 31))]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(range(len(_SPANS))), st.sets(st.sampled_from("coup visit junta talks base".split()), max_size=3)),
                max_size=25))
def test_dated_mentions_merge_as_weighing_every_pair_does(drawn: list[tuple[int, set[str]]]) -> None:
    mentions = [timeline._Mention(0, n, Expression("July", 0, "partial"), _SPANS[s], tuple((w, 1.0) for w in sorted(words)))
                for n, (s, words) in enumerate(drawn)]
    weights = {"coup": 3.0, "visit": 2.0, "junta": 1.0, "talks": 1.5, "base": 1.2}
    order = sorted(range(len(mentions)), key=lambda p: timeline._precision_order(mentions[p]))
    near, common = timeline._near([m.context for m in mentions])
    assert common == []
    events = timeline._Events(mentions, near, weights)
    events.merge(order, timeline.MERGE_CUTOFF)
    expected = _old_merge([[mentions[p]] for p in order], weights, timeline.MERGE_CUTOFF)
    assert [sorted(mentions[p].sentence for p in members) for members in events.members] == [
        sorted(m.sentence for m in cluster) for cluster in expected]


_DATE_TOKENS = ("on in the since as of July july Jul. Sept. 26 2023 26th last mid- late this next week month year "
                "ago later earlier than a an one twenty-two about more over just Monday Monday's evening "
                "yesterday Today USA today , . 1990s 2024-03-18 ( -").split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_TOKENS), max_size=14))
def test_date_expressions_are_found_where_a_full_scan_finds_them(tokens: list[str]) -> None:
    text = " ".join(tokens).replace(" -", "-")
    assert [(m.span(), m.groupdict()) for m in _matches(text)] == [
        (m.span(), m.groupdict()) for m in _EXPRESSION.finditer(text)]


# Comparison --------------------------------------------------------------------------------------


def test_long_stories_compare_each_sources_first_sentences_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    texts = [f"the junta said {_word(rng)} {_word(rng)} troops would leave the base" for _ in range(400)]
    pairs = shared_rare_word_pairs(texts, texts, [i / 399 for i in range(400)], [i / 399 for i in range(400)])
    assert (0, 0) in pairs and len(pairs) <= 400 * 3 * 20  # each finds its copy, among at most 60 others
    monkeypatch.setattr(compare, "MAX_COMPARED", 30)
    sentences = [f"The junta said {_word(rng)} {_word(rng)} troops would leave the base in Niger." for _ in range(40)]
    with pytest.warns(RuntimeWarning, match=r"a\.txt, b\.txt: only the first 15 sentences of each were compared"):
        claims, events = compare.align([_source("a", sentences), _source("b", sentences)])
    held = sorted(sid for c in claims for ids in c.sources.values() for sid in ids)
    assert held == sorted(f"{s}-s{i}" for s in "ab" for i in range(1, 41))  # nothing is lost
    assert all(len(e.sources) == 1 for e in events if any(int(i.split("-s")[1]) > 15 for ids in e.sources.values() for i in ids))


# Figures -----------------------------------------------------------------------------------------


class _Counted(frozenset):  # type: ignore[type-arg]
    """A context that counts how often another is intersected with it."""

    calls = 0

    def __and__(self, other: object) -> frozenset:  # type: ignore[override, type-arg]
        _Counted.calls += 1
        return frozenset(self) & other  # type: ignore[operator]


def _context_reads(n: int) -> int:
    rng = random.Random(n)
    found = []
    for i in range(n):
        mention = FigureMention(source="a", sentence=f"a-s{i}", text="1,000 troops", value=1000.0, unit="troops")
        context = _Counted({"troops", "niger", "base", _word(rng), _word(rng)})
        found.append(figures._Found(mention, "count", "troops", context, (0, i, 0)))
    _Counted.calls = 0
    groups = figures._group(found, min_overlap=0.25)
    assert len(groups) == 1  # one figure, said again and again
    return _Counted.calls


def test_figure_comparisons_grow_linearly_in_a_long_article() -> None:
    assert _growth(_context_reads, 200, 800) < 6


# People ------------------------------------------------------------------------------------------


def test_first_mentions_are_the_first_sentences_naming_each_entity() -> None:
    sources = _seeds()
    entities = extract_entities(sources)
    by_id = {s.id: s for s in sources}
    expected = {e: [(sid, next((s.id for s in by_id[sid].sentences if any(n in s.text for n in (e.name, *e.aliases))), None))
                    for sid in e.sources] for e in entities}
    assert first_mentions({"sources": by_id}, entities) == expected
    odd = _source("odd", ["Niger\x00 said", "Niger said"])
    entity = entities[0].__class__("e1", "Niger", "place", ("Niger\x00",), ("odd",))
    assert first_mentions({"sources": {"odd": odd}}, [entity]) == {entity: [("odd", "odd-s1")]}


def test_name_spellings_are_found_in_every_sentence_that_has_them() -> None:
    sources = _seeds()
    found = name_discrepancies(extract_entities(sources), sources)
    assert found  # the seeds spell Bazoum's name two ways
    for d in found:
        for v in d.variants:
            pattern = re.compile(rf"(?<!\w){re.escape(v.value)}(?!\w)")
            assert v.sentences == tuple(s.id for src in sources for s in src.sentences if pattern.search(s.text))


def _old_cluster_keys(keys: list[tuple[str, ...]]) -> list[list[tuple[str, ...]]]:
    """People's names clustered as they were: each name asked about against every name before it."""
    clusters: list[list[tuple[str, ...]]] = []
    for key in keys:
        for cluster in clusters:
            if any(same_person(" ".join(key), " ".join(other)) for other in cluster):
                cluster.append(key)
                break
        else:
            clusters.append([key])
    return clusters


_NAME_PARTS = "Mohamed Mohammed Bazoum Bazoun Ann Anne Smith Smyth Jon John Lee Abdullahi Abdulahi Joan".split()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_NAME_PARTS), min_size=1, max_size=3), max_size=14))
def test_people_cluster_as_asking_about_every_pair_does(names: list[list[str]]) -> None:
    full = [people._Mention(" ".join(n), "person", "a", f"a-s{i}", None) for i, n in enumerate(names)]
    counts = Counter(name_key(m.name) for m in full)
    keys = sorted(counts, key=lambda k: (-len(k), -counts[k], k))
    expected = sorted(sorted(m.name for m in full if name_key(m.name) in c) for c in _old_cluster_keys(keys))
    assert sorted(sorted(m.name for m in g) for g in people._cluster_people(full, [])) == expected


def _same_person_calls(n: int, monkeypatch: pytest.MonkeyPatch) -> int:
    rng = random.Random(n)
    # Thirty given names, shared by many: a word in common is not enough to be compared.
    given = [_word(random.Random(k)).title() for k in range(30)]
    names = set()
    for _ in range(n // 2):  # each person written twice, a letter of the given name apart: weighed by same_person
        first, last = rng.choice(given), _word(rng).title()
        names |= {f"{first} {last}", f"{first[:-1]}y {last}"}
    calls: list[int] = []
    monkeypatch.setattr(people, "same_person", _counting(people.same_person, calls))
    people._cluster_people([people._Mention(name, "person", "a", "a-s1", None) for name in sorted(names)], [])
    return len(calls)


def test_people_comparisons_grow_linearly_with_the_names_of_a_long_article(monkeypatch: pytest.MonkeyPatch) -> None:
    # Asking about every pair, or every pair sharing a given name, grows 16-fold.
    assert _growth(lambda n: _same_person_calls(n, monkeypatch), 300, 1200) < 6


# The cap on what the stages read -----------------------------------------------------------------


def test_stages_read_the_first_sentences_of_a_very_long_article_and_say_so() -> None:
    seeds = _seeds()
    long_, other = seeds[3], seeds[1]
    cap = len(other.sentences)  # the other is read whole, the long one in part
    assert cap < len(long_.sentences)
    story = StoryInfo(slug="s", title="t")
    with pytest.warns(RuntimeWarning) as caught:
        digest = build_digest(story, [long_, other], max_sentences=cap)
    said = [str(w.message) for w in caught if long_.file in str(w.message)]
    assert said == [f"{long_.file}: its {len(long_.sentences):,} sentences are more than {cap:,}; claims, quotes, "
                    f"figures, names and dates were looked for in the first {cap:,} only (the source page shows them all)"]
    by_id = {s.id: s for s in digest.sources}
    assert by_id[long_.id].sentences == long_.sentences  # the source page still shows every sentence
    read = {s.id for s in long_.sentences[:cap]} | {s.id for s in other.sentences}
    cited = {sid for c in digest.claims for ids in c.sources.values() for sid in ids}
    cited |= {m.sentence for f in digest.figures for m in f.mentions} | {m.sentence for q in digest.quotes for m in q.mentions}
    cited |= {sid for e in digest.timeline for sid in e.sentences}
    assert cited and cited <= read
    assert cited - {s.id for s in other.sentences}  # the long article's first sentences were read


def test_news_sized_articles_are_read_whole() -> None:
    sources = _seeds()
    assert max(len(s.sentences) for s in sources) < digest_module.MAX_SENTENCES
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        assert build_digest(StoryInfo(slug="s", title="t"), sources) == build_digest(
            StoryInfo(slug="s", title="t"), sources, max_sentences=10**9)


def _old_find_entity(name: str, entities: tuple[Entity, ...], kinds: tuple[str, ...]) -> Entity | None:
    """find_entity as it was: every entity's names, then every person's, asked about in turn."""
    pool = [e for e in entities if not kinds or e.kind in kinds]
    key = name_key(name)
    if not key:
        return None
    for entity in pool:
        if any(name_key(n) == key for n in (entity.name, *entity.aliases)):
            return entity
    return next((e for e in pool if e.kind == "person" and same_person(name, e.name)), None)


_NAMES = st.lists(st.sampled_from(_NAME_PARTS + ["Gen.", "the", "Niger", "AFP"]), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_NAMES, st.sampled_from(["person", "organisation", "place"]), st.lists(_NAMES, max_size=2)),
                max_size=10), st.lists(_NAMES, min_size=1, max_size=5),
       st.sampled_from([(), ("person",), ("organisation", "place")]))
def test_find_entity_answers_as_asking_about_every_entity_does(drawn: list[tuple[str, str, list[str]]], asked: list[str],
                                                              kinds: tuple[str, ...]) -> None:
    entities = tuple(Entity(f"e{i}", name, kind, tuple(aliases)) for i, (name, kind, aliases) in enumerate(drawn))
    for name in asked:
        expected = _old_find_entity(name, entities, kinds)
        assert find_entity(name, entities, kinds=kinds) == expected
        assert find_entity(name, list(entities), kinds=kinds) == expected
