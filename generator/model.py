"""The digest's dataclasses: the contract between the stages and with digest.json (schema 1).

Every stage takes and returns these immutable values. ``to_dict``/``from_dict`` (msgspec) turn any of
them into JSON-ready data and back; extra keys beyond schema 1 are allowed, its keys keep their meaning.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, TypeVar

import msgspec

SCHEMA = 1

T = TypeVar("T")

OUTLET_BASES = ("front matter", "sources.yml", "page", "dateline", "address")
"""Where a source's outlet name can come from, strongest first: the user's front matter, the user's
sources.yml, what the page states (og:site_name, JSON-LD publisher), a dateline's agency
("NIAMEY (Reuters) -"), and last the page's address, shown as a domain."""


@dataclass(frozen=True, slots=True)
class Article:
    """One file as read, before cleaning: what ``read`` hands to ``clean``."""

    id: str
    """The file name without extension."""
    file: str
    """The path it was read from, as given to the build."""
    text: str
    """The body: plain text, paragraphs separated by blank lines."""
    title: Optional[str] = None
    """The title the file states (front matter, page title), else None."""
    outlet: Optional[str] = None
    """The outlet the file states, else None."""
    outlet_basis: Optional[str] = None
    """Where ``outlet`` comes from: one of OUTLET_BASES, or None with no outlet."""
    date: Optional[str] = None
    """Publication date the file states, ``YYYY-MM-DD``, else None."""
    url: Optional[str] = None
    """The address the file states, else None."""
    notes: tuple[str, ...] = ()
    """Repairs made while reading (encoding guessed, mojibake fixed)."""
    warnings: tuple[str, ...] = ()
    """Problems the user should hear about (unreadable date, malformed front matter)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a source's cleaned text."""

    id: str
    """Stable id ``<source-id>-s<n>``, numbered from 1 in reading order."""
    text: str
    """The sentence as it reads in the cleaned source."""
    paragraph: int = 0
    """Index of the paragraph it belongs to (0-based), so pages can keep the article's shape."""


@dataclass(frozen=True, slots=True)
class Source:
    """One article as read and cleaned."""

    id: str
    """The file name without extension; unique within a story."""
    file: str
    """The path it was read from, relative to the seeds folder's parent where possible."""
    title: str
    """From front matter, else a headline-like first line, else the first sentence shortened."""
    outlet: Optional[str] = None
    """The publisher as given (front matter, sources.yml or the page); never invented."""
    outlet_basis: Optional[str] = None
    """Where ``outlet`` comes from: one of OUTLET_BASES, or None with no outlet."""
    date: Optional[str] = None
    """Publication date, ``YYYY-MM-DD``, or None when the article gives none."""
    url: Optional[str] = None
    """The article's address as given (shown as a link only for http/https)."""
    words: int = 0
    """Number of words in the cleaned text."""
    sentences: tuple[Sentence, ...] = ()
    """The cleaned text, split into sentences."""
    removed: tuple[str, ...] = ()
    """Every piece of text cleaning took out (boilerplate, repeated title), in order."""
    slug: str = ""
    """A URL- and file-safe name for this source's page and anchors, unique within the story."""
    notes: tuple[str, ...] = ()
    """What reading repaired or assumed (encoding guessed, mojibake fixed, date unreadable)."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """What the user says about the outlet in seeds/sources.yml (country, ownership, ...)."""

    @property
    def published(self) -> dt.date | None:
        """``date`` as a date, or None (no date, or one that does not parse)."""
        try:
            return dt.date.fromisoformat(self.date) if self.date else None
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of the extractive summary, with every source that reports its event."""

    text: str
    """The sentence, verbatim from ``sentences[0]``."""
    sources: tuple[str, ...] = ()
    """Ids of every source that reports the event."""
    sentences: tuple[str, ...] = ()
    """Ids of the source sentences it cites (every sentence of the event); the first is the one quoted."""
    claim: str = ""
    """Id of the claim it states."""
    event: str = ""
    """Id of the event it reports."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement aligned across sources: which sentences of which source state it."""

    id: str
    """``c<n>``, numbered by how many sources state it, then by the mean relative position of its
    sentences in their sources, then by its first sentence's id."""
    text: str
    """A representative wording (one of its sentences, verbatim)."""
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Source id -> ids of that source's sentences stating the claim."""
    independent: int = 0
    """How many independent reports carry it: sources that rewrite the same wire copy count once."""


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened or was said, with every sentence of every source that reports it.

    Its claims are its sentences grouped by what they state in detail: sentences that give different
    numbers for the event are different claims of one event."""

    id: str
    """``e<n>``, numbered by how many sources report it, then by the mean relative position of its
    sentences in their sources, then by its first sentence's id."""
    label: str
    """One of its sentences, verbatim: the one closest in meaning to the others, among its ``core`` when
    that holds any."""
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Source id -> ids of that source's sentences reporting it, in the source's order."""
    date: Optional[str] = None
    """When it happened, from the timeline entry of its sentences (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``)."""
    claims: tuple[str, ...] = ()
    """Ids of its claims."""
    independent: int = 0
    """How many independent reports carry it: sources that rewrite the same wire copy count once."""
    core: tuple[str, ...] = ()
    """Ids of its sentences that every other source of it says too: each is alike enough, on its own, to
    one of that source's sentences to report one event with it. Empty for an event of one source, or when
    no sentence is. The label and the summary's line for the event are one of these when there are any."""
    near: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Source id -> ids of sentences of a source that does not report it but touches on it: a part of the
    sentence, which reports something else, is alike to sentences of two of its sources, more than to the
    sentences of its own event (``claims.compare._near``). Such a source is not counted as reporting the event,
    nor as leaving it out."""


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One occurrence of a figure in one source."""

    source: str
    """Id of the source."""
    sentence: str
    """Id of the sentence it occurs in."""
    text: str
    """The surface text, with its hedge ("about 1,000 troops")."""
    value: Optional[float] = None
    """The number it states; for a range, its midpoint ("between 10 and 12" -> 11)."""
    value_max: Optional[float] = None
    """The upper bound of a range, else None."""
    value_min: Optional[float] = None
    """The lower bound of a range, else None."""
    hedge: Optional[str] = None
    """"about", "at least", "some", ... as written, else None."""
    unit: Optional[str] = None
    """What the number is in ("USD", "troops", "%", "years"), else None."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity that one or more sources give for the same thing counted."""

    id: str
    """``f<n>``, in rank order."""
    about: str
    """A short phrase saying what it counts, from the text ("US troops in Niger")."""
    kind: str
    """One of money, count, percent, duration, quantity."""
    unit: Optional[str] = None
    """The unit shared by its mentions."""
    mentions: tuple[FigureMention, ...] = ()
    """Every mention, across sources."""


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One source's wording of a quote."""

    source: str
    """Id of the source."""
    sentence: str
    """Id of the (first) sentence holding the quote."""
    text: str
    """The quoted words as this source gives them, without the quotation marks."""
    speaker: Optional[str] = None
    """The speaker as this source names them, else None."""
    role: Optional[str] = None
    """The speaker's role as this source gives it, else None."""
    sentences: tuple[str, ...] = ()
    """All sentence ids the quote spans (a multi-sentence quote spans several)."""

    @property
    def spanned(self) -> tuple[str, ...]:
        """``sentences``, or the one ``sentence`` of a mention made without them."""
        return self.sentences or (self.sentence,)


@dataclass(frozen=True, slots=True)
class Quote:
    """One utterance, with every source's wording of it."""

    id: str
    """``q<n>``."""
    text: str
    """The longest wording."""
    speaker: Optional[str] = None
    """Canonical name of the person or organisation quoted, or None when unknown."""
    role: Optional[str] = None
    """The role as the first source that gives one states it."""
    mentions: tuple[QuoteMention, ...] = ()
    """One per source wording."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, with every name it goes by."""

    id: str
    """``e<n>``."""
    name: str
    """The canonical (most complete, most used) name."""
    kind: str
    """person, organisation or place."""
    aliases: tuple[str, ...] = ()
    """Other names and spellings that refer to it."""
    sources: tuple[str, ...] = ()
    """Ids of the sources that mention it."""
    roles: tuple[str, ...] = ()
    """Roles the sources give it ("State Department spokesman")."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One value of a disputed fact, with who gives it."""

    value: str
    """The value as a reader sees it ("$100 million", "Antony Blinken", "2024-03-16")."""
    sources: tuple[str, ...] = ()
    """Ids of the sources that give it."""
    sentences: tuple[str, ...] = ()
    """Ids of the sentences that state it."""


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Sources that disagree on the same fact."""

    about: str
    """What is disputed ("cost of the US drone base")."""
    kind: str
    """figure, name, quote or date."""
    variants: tuple[Variant, ...] = ()
    """The values given, each with its sources."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated moment on the story's timeline."""

    date: str
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, as precise as the text allows."""
    text: str
    """The sentence that states it (verbatim, from ``sentences[0]``)."""
    precision: str = "day"
    """day, month or year."""
    sources: tuple[str, ...] = ()
    """Ids of every source that reports it."""
    sentences: tuple[str, ...] = ()
    """Ids of the sentences that state it."""
    expression: str = ""
    """The words that gave the date ("on Saturday", "July 26")."""
    event: str = ""
    """Id of the event (``Digest.events``) its first sentence reports when that sentence's own date it is; ""
    when none (every sentence only names the date for a noun, or no event holds it)."""
    own: tuple[str, ...] = ()
    """Ids of the sentences of ``sentences`` whose own date it is; in the others it dates a noun ("Due to the
    coup that took place in July 2023, movements have been limited")."""


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """A story's identity."""

    slug: str
    """URL- and file-safe name, a function of the seeds alone: a loose story's comes from its
    earliest article's title, so articles that join later do not change it."""
    title: str
    """A readable title, from the most widely shared headline."""
    aliases: tuple[str, ...] = ()
    """Addresses the story had with fewer of its articles (each member's own title slug): they
    redirect to ``slug``, so links shared before an earlier article joined keep working."""


@dataclass(frozen=True, slots=True)
class Headline:
    """One source's headline beside the others'."""

    source: str
    """Id of the source."""
    text: str
    """The headline as the source gives it."""
    distinct: tuple[str, ...] = ()
    """Its words (as written) that no other source's headline uses."""


@dataclass(frozen=True, slots=True)
class Update:
    """What the story's newest sources added: those of its latest date, and what only they report."""

    date: str
    """The latest date among the sources, ``YYYY-MM-DD``."""
    previous: str
    """The latest date of the other sources: what the update is new against."""
    sources: tuple[str, ...] = ()
    """Ids of the sources dated ``date``."""
    claims: tuple[str, ...] = ()
    """Ids of the claims that only these sources carry."""
    figures: tuple[str, ...] = ()
    """Ids of the figures these sources give first, or give a value for that the earlier ones did not."""


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything the site shows about one story; written as digest.json."""

    story: StoryInfo
    sources: tuple[Source, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    wire_groups: tuple[tuple[str, ...], ...] = ()
    """Groups of source ids that rewrite the same underlying text (wire copy), each of size >= 2."""
    headlines: tuple[Headline, ...] = ()
    """Every source's headline, with the words only it uses."""
    update: Optional[Update] = None
    """What the newest sources added, when the sources carry more than one date; else None."""
    schema: int = SCHEMA


def to_dict(value: Any) -> Any:
    """Turn a model value (dataclass, tuple, mapping) into JSON-ready data: dicts, lists, strings, numbers."""
    return msgspec.to_builtins(value)


def from_dict(cls: type[T], data: Any) -> T:
    """Build a model value of type ``cls`` from ``to_dict`` output, checking every type; unknown keys are ignored."""
    return msgspec.convert(data, cls)
