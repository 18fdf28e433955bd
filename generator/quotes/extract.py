"""Extract direct quotes with their speakers, and group one utterance's wordings across sources."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz

from ..common.blocking import shared_word_neighbours, warn_windowed
from ..common.unionfind import DisjointSets
from ..english.names import ORG_NOUNS, canonical_speaker, speaker_bearers, surname_key
from ..english.quotemarks import find_spans, mask
from ..english.text import fold, key
from ..model import Discrepancy, Entity, Quote, QuoteMention, Source, Variant
from .attribution import (
    Named, Speaker, attribute_block, blocks, closes_with_credit, excerpt_events, introduced, named_events, quotes_only,
)

# A transcript turn opened by a speaker label: 'PENCE: Well, look, ...'. Such paragraphs are
# interview transcripts, not quotations within a report.
_TRANSCRIPT = re.compile(r"[A-Z][A-Z .'’-]{1,30}:\s")
# Small words a title leaves in lower case: "Contract with America", "Fox and Friends".
_TITLE_SMALL_WORDS = frozenset("a an and the of in on at to for with by or nor but from".split())
# A letter or digit: a token without one ("&", "--") is no word of a title.
_WORD_CHAR = re.compile(r"\w")
# A clause break inside a long quote, to compare a short wording with each part of a long one.
_CLAUSE = re.compile(r"(?<=[.;!?…])\s+|\s+[–—]\s+|\.\s\.\s\.\s*")
COMMON_WORD = 100
"""A word more quotes of a story hold than this pairs each only with its nearest (no story of the
evaluation sets comes near: its most widely shared word is in 38 quotes)."""
WINDOW = 5
"""How many quotes on either side a quote is compared with through a common word."""


@dataclass(frozen=True, slots=True)
class _Found:
    """One quote found in one source, before grouping."""

    source: str
    order: tuple[int, int, int]
    mention: QuoteMention


def extract_quotes(sources: Sequence[Source], entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Find every direct quote with its speaker and role; one Quote per utterance, a mention per source wording."""
    found: list[_Found] = []
    for index, source in enumerate(sources):
        found.extend(_source_quotes(source, index, entities))
    return _group(found, entities, {s.id: s.file for s in sources})


def quote_discrepancies(quotes: Sequence[Quote]) -> tuple[Discrepancy, ...]:
    """Report quotes whose words different sources give to different speakers."""
    out: list[Discrepancy] = []
    for quote in quotes:
        by_speaker: dict[str, list[QuoteMention]] = {}
        for m in quote.mentions:
            # Only named speakers can contradict each other; "the junta" and "Niger government"
            # are descriptions that may well name the same body.
            if m.speaker and fold(m.speaker.split()[-1]) not in ORG_NOUNS:
                by_speaker.setdefault(surname_key(m.speaker), []).append(m)
        if len(by_speaker) < 2:
            continue
        variants = tuple(
            Variant(
                value=ms[0].speaker or "",
                sources=tuple(dict.fromkeys(m.source for m in ms)),
                sentences=tuple(dict.fromkeys(m.sentence for m in ms)),
            )
            for ms in by_speaker.values()
        )
        out.append(Discrepancy(about=f"speaker of “{_short(quote.text)}”", kind="quote", variants=variants))
    return tuple(out)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _source_quotes(source: Source, index: int, entities: Sequence[Entity]) -> list[_Found]:
    # Paragraph by paragraph, keeping who was named so far for "he said" to refer to.
    history: list[Named] = []
    found: list[_Found] = []
    carried: Optional[Speaker] = None
    credited: Optional[Speaker] = None  # who the last paragraph quoted, when it was their quote and its credit
    transcript = False  # in a transcript turn left open, whose next paragraphs go on with it
    excerpt = introduces = False  # in an excerpt of another article; the last paragraph ended on a colon
    paragraphs = blocks(source)
    marks = [find_spans(block.text) for block in paragraphs]
    # No quote is found after the last paragraph with quotation marks: who the paragraphs after it
    # name would only be history for pronouns that never come.
    last = max((b for b, spans in enumerate(marks) if spans), default=-1)
    for b, (block, spans) in enumerate(zip(paragraphs[: last + 1], marks)):
        masked = mask(block.text, spans)
        # An excerpt is introduced ('McCrummen reports:') and runs on in paragraphs left open.
        excerpt = bool(spans) and spans[0].outer_start == 0 and not spans[-1].closed and (excerpt or introduces)
        introduces = block.text.rstrip().endswith(":")
        events = named_events(masked, b, block, entities, history) + (excerpt_events(block, masked, spans, b, entities) if excerpt else [])
        history.extend(sorted(events, key=lambda h: h.at))  # every event of block b follows the earlier ones
        speakers = attribute_block(block, masked, spans, b, history, entities)
        if spans and speakers[0] is None and spans[0].outer_start == 0:
            speakers[0] = carried
        if credited and all(s is None for s in speakers) and quotes_only(masked):
            # '“…,” he said.' then a paragraph of quotation alone: wire copy goes on with the same speaker.
            speakers = [credited] * len(speakers)
        kept = False
        # '"PENCE: Well, look, …' opens a turn; the paragraphs after it that open with a mark and
        # leave it open go on with that turn, up to the closing line ('"Follow … on Twitter."').
        continued = transcript and bool(spans) and spans[0].outer_start == 0
        for span, speaker in zip(spans, speakers):
            text = " ".join(block.text[span.start:span.end].split())
            turn = not span.closed and bool(_TRANSCRIPT.match(text))
            if not _is_statement(text, speaker is not None) or turn or (continued and span is spans[0] and speaker is None):
                continue
            ids = tuple(sid for start, end, sid in block.sentences if start < span.end and end > span.start)
            if not ids:
                continue
            name, role = speaker or (None, None)
            found.append(_Found(source.id, (index, b, span.start), QuoteMention(source.id, ids[0], text, name, role, ids)))
            kept = True
        # Only a quote left open at the end of a paragraph goes on into the next one, and a
        # paragraph ending 'He said:' introduces the next one.
        carried = speakers[-1] if kept and spans and not spans[-1].closed else introduced(block, masked, b, history, entities)
        credited = speakers[-1] if kept and spans and spans[0].outer_start == 0 and closes_with_credit(block.text, masked, spans[-1]) else None
        transcript = len(spans) == 1 and not spans[0].closed and (
            continued or bool(_TRANSCRIPT.match(block.text[spans[0].start:])))
    return found


def _is_statement(text: str, attributed: bool) -> bool:
    # A scare quote ("reckless"), a title ("Fox News Sunday") or a name is not a statement; two
    # words are one only when a cue gives them to someone ("as warranted", Miller said).
    tokens = text.split()
    if len(tokens) < 2 or (len(tokens) <= 3 and not attributed and not text.endswith((".", "!", "?"))):
        return False  # "targeted employment area", with nobody to say it, is a term, not a statement
    long_words = [t for t in tokens if len(re.sub(r"\W", "", t)) >= 4]
    # A title or a name in title case ("Fox News Sunday", "The Art Of The Deal"), not a short
    # sentence ("Neither do I.").
    # ("&" in "Fox & Friends" is no word of it.)
    words = [t for t in tokens if t.lower() not in _TITLE_SMALL_WORDS and _WORD_CHAR.search(t)]
    titled = (len(words) >= 2 and all(t[:1].isupper() for t in words)) or (
        len(long_words) >= 2 and all(t[:1].isupper() for t in long_words)
    )
    return not (titled and len(tokens) <= 14)


def _same_utterance(a: _Found, b: _Found, na: str, nb: str, speakers: tuple[Optional[str], Optional[str]]) -> bool:
    """Whether two quotes (their normalised texts ``na``, ``nb``) give one utterance; ``speakers`` are
    the people they are credited to, as ``canonical_speaker`` reads them (None: nobody known)."""
    speakers_agree = speakers[0] is not None and speakers[0] == speakers[1]
    speakers_differ = None not in speakers and speakers[0] != speakers[1]
    short, long_ = sorted((na, nb), key=len)
    if len(short.split()) < 2:
        return False
    if short == long_:
        return True  # what the scores below say of the same words, without working them out
    # score_cutoff only lets rapidfuzz stop early: a score under it comes back as 0.
    if fuzz.partial_ratio(short, long_, score_cutoff=90 if len(short.split()) >= 3 else 100):
        if len(short.split()) < 3 and speakers_differ:
            return False  # two words two people say ("talking points") are a phrase, not one utterance
        return a.source != b.source or fuzz.ratio(short, long_, score_cutoff=90) >= 90
    if not speakers_agree or a.source == b.source:
        return False
    raw = a.mention.text if len(na) >= len(nb) else b.mention.text
    parts = [key(p) for p in _CLAUSE.split(raw) if p.strip()] + [long_]
    # A translation or paraphrase of the same words by the same speaker: "disturbed by the path
    # Niger has taken" / "troubled by the path taken by Niger".
    return any(
        fuzz.token_sort_ratio(short, p, score_cutoff=72)
        or fuzz.partial_ratio(short, p, score_cutoff=85)
        or (len(short.split()) >= 3 and fuzz.token_set_ratio(short, p, score_cutoff=80))
        for p in parts
        if p
    )


def _group(found: list[_Found], entities: Sequence[Entity], files: Mapping[str, str]) -> tuple[Quote, ...]:
    bearers = speaker_bearers(entities)
    known = {name: canonical_speaker(name, entities, bearers) for name in dict.fromkeys(f.mention.speaker for f in found)}
    canon = [known[f.mention.speaker] for f in found]
    sets = DisjointSets(len(found))
    normed = [key(f.mention.text) for f in found]
    vocab = [set(n.split()) for n in normed]
    pairs, common = _candidate_pairs(vocab)
    if common:
        warn_windowed([files[f.source] for f in found], "quotes", common, common=COMMON_WORD, window=WINDOW)
    for i, j in pairs:
        # Wordings of one utterance share words; most pairs share none worth the comparison.
        if len(vocab[i] & vocab[j]) < min(2, len(vocab[i]), len(vocab[j])) or sets.find(i) == sets.find(j):
            continue
        if _same_utterance(found[i], found[j], normed[i], normed[j], (canon[i], canon[j])):
            sets.union(i, j)
    quotes = []
    for n, members in enumerate(sorted(sets.groups(), key=lambda g: found[g[0]].order), start=1):
        members.sort(key=lambda i: found[i].order)
        mentions = tuple(found[i].mention for i in members)
        names = Counter(canon[i] for i in members if canon[i])
        first: dict[Optional[str], int] = {}
        for k, i in enumerate(members):
            first.setdefault(canon[i], k)
        speaker = max(names, key=lambda s: (names[s], -first[s])) if names else None
        role = next((m.role for m in mentions if m.role), None)
        text = max((m.text for m in mentions), key=len)
        quotes.append(Quote(f"q{n}", text, speaker, role, mentions))
    return tuple(quotes)


def _candidate_pairs(vocab: Sequence[set[str]], *, common: int = COMMON_WORD,
                     window: int = WINDOW, rarest: int = 2) -> tuple[list[tuple[int, int]], list[str]]:
    """List the pairs (i < j) of quotes that share a word, and the words more than ``common``
    quotes hold. Through those a quote is paired only by its ``rarest`` ones, with the ``window``
    holders on either side: enough for one utterance said again and again."""
    near, frequent = shared_word_neighbours(vocab, common=common, window=window, rarest=rarest)
    return [(i, j) for i, linked in enumerate(near) for j in sorted(linked) if j > i], frequent
