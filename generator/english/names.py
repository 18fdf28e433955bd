"""Shared name rules: titles, roles, name keys and alias matching for people and organisations."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from collections.abc import Iterable, Sequence
from typing import Optional

import gender_guesser.detector  # type: ignore[import-untyped]
from rapidfuzz import fuzz, process

from ..model import Entity
from .lexicon import (
    DAY_WORDS, MONTHS, NUMBER_WORDS, PAGE_WORDS, PARTY_WORDS, SCALE_WORDS, SENTENCE_ADVERBS, SHORT_TITLES, WEEKDAYS,
    alternation,
)
from . import tagger
from .synonyms import is_english_word
from .text import fold


@lru_cache(maxsize=1)
def _genders() -> gender_guesser.detector.Detector:
    """The given-name list, read on first use: loading it takes half a second, which a build that
    meets no new name (every story from the cache) need not pay."""
    return gender_guesser.detector.Detector(case_sensitive=False)


# Honorifics and ranks written before a name; stripped to compare names ("Col", "Gen.", "Mr").
TITLES = frozenset(SHORT_TITLES) | frozenset(SHORT_TITLES.values()) | frozenset(
    """miss general colonel lieutenant major captain sergeant admiral commander brigadier governor
    senator representative reverend president vice chancellor premier king queen prince princess
    sheikh sir dame lord lady pope judge justice mayor ambassador secretary minister prime
    chairman chairwoman chair director speaker leader former acting interim elect president-elect
    deputy councillor councilor councilman councilwoman alderman""".split()
)

# Honorifics and ranks that belong with the name rather than with the role ("Col", "Sen.").
HONORIFICS = frozenset(
    """mr mrs ms miss dr prof gen general col colonel lt lieutenant maj major capt captain cpt
    sgt sergeant adm admiral cmdr brig brigadier gov sen rep rev sir dame lord lady sheikh""".split()
)

# Nouns that make a phrase a role ("State Department spokesman", "military spokesperson").
ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson spokespeople secretary minister president
    vice-president chairman chairwoman chair director official officials adviser advisor
    aide ambassador envoy commander chief head leader general colonel governor senator
    representative mayor lawmaker candidate nominee manager strategist analyst expert
    professor researcher economist lawyer attorney prosecutor judge justice correspondent
    reporter editor anchor host founder ceo executive officer diplomat press deputy
    coordinator counsel governor-elect president-elect premier chancellor king queen
    councillor councilor councilman councilwoman alderman""".split()
)

# Collective nouns that can speak as an organisation ("the junta said", "the ministry said").
ORG_NOUNS = frozenset(
    """junta government ministry department campaign committee agency military army police
    administration council commission company firm embassy office party group coalition
    court board union regime authorities organisation organization team network newspaper
    spokesmen bank bureau service foundation institute corporation
    airline club charity cabinet parliament senate congress federation association""".split()
)

# Words that mark a capitalised phrase as an organisation ("State Department", "Africa Command").
ORG_WORDS = frozenset(
    """department ministry agency council committee commission command pentagon congress
    senate parliament assembly party campaign court union bank fund foundation institute
    university college school association organisation organization corporation company
    inc corp ltd llc group times post journal news press network tv television radio
    reuters afp bbc cnn nato un nations army navy forces force guard police office house
    administration government junta bureau service services authority board embassy
    alliance coalition cabinet republicans democrats gop fbi cia nsa""".split()
)

# Words that make a capitalised phrase a place ("Republic of Niger", "Gulf of Guinea").
PLACE_WORDS = frozenset(
    """republic kingdom state states island islands river sea ocean gulf region province county
    city valley mountains coast desert lake""".split()
)

# Days, months and day words, which are capitalised but name no one: "Monday", "March", "Today".
CALENDAR_NAMES = frozenset(WEEKDAYS) | frozenset(MONTHS) | DAY_WORDS

# Words that never start or make a name (sentence openers, days, months, plain nouns in caps).
NOT_NAME = frozenset(
    """the a an and but or so yet for nor in on at to of by with from as after before when while
    if then this that these those there here it its he she they we i you his her their our my
    your what who which where why how however meanwhile still also even just only not no yes
    email whatsapp follow leave invest watch read click share subscribe according during following
    despite although though since until because once now all another other some many most both
    each every after before asked pressed moreover furthermore nevertheless nonetheless instead
    indeed thus therefore hence otherwise likewise besides overall additionally finally similarly
    ultimately separately consequently specifically importantly notably unfortunately fortunately
    interestingly ironically accordingly apparently initially originally subsequently""".split()
) | CALENDAR_NAMES

# Pronouns that stand for a person or a group as the subject of a cue.
PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"they", "we", "it"})

# A capitalised word of a name, with inner apostrophes, dots or hyphens: "O’Neill", "Jr.", "al-Sisi".
NAME_WORD = r"(?:[A-Z][\w’'.-]*[\w.]|[A-Z]\.?)"
# Days and months, which "on" never joins to a name ("United States on Saturday").
_WHEN = alternation(name.capitalize() for name in (*WEEKDAYS, *MONTHS))
_WEEKDAY = alternation(day.capitalize() for day in WEEKDAYS)
# A run of name words, allowing lower-case particles inside: "Republic of Niger", "Charles de Gaulle". A
# day of the week after a name is when, not a name's word ("Chairman Michael Steele Sunday").
NAME_RUN = re.compile(
    rf"{NAME_WORD}(?:\s+(?:(?:of|for|on(?!\s+{_WHEN})|de|du|da|del|della|van|von|der|bin|al|el|la|le|dos|the)\s+)?"
    rf"(?!(?:{_WEEKDAY})\b){NAME_WORD})*"
)


@lru_cache(maxsize=16384)
def gender(first: str) -> Optional[str]:
    """Return "male" or "female" for a common given name, else None."""
    guess = _genders().get_gender(first.strip(".").capitalize())
    return guess if guess in ("male", "female") else None  # "mostly_male", "andy": not sure enough


# Tags of words that never name anyone: "Either individual managers", "Several lawmakers".
_NOT_NAME_TAGS = frozenset("CC DT IN PDT WDT WP WRB MD PRP PRP$ TO EX RB JJ JJR JJS".split())


def reads_as_name(text: str, word: str) -> bool:
    """Tell whether a capitalised word of ``text`` that the story knows no one by reads as a name all the
    same: the tagger reads it as a proper noun ("Japan branded", "In July, Gingrich dismissed"), or it is
    no English noun or verb Open English WordNet knows ("Rogers was injured", read as a plural). "Either",
    "Hours before", "Senior administration officials" and "Several lawmakers" name no one."""
    if fold(word) in NOT_NAME:
        return False
    token = next((t for t in tagger.tag(text) if t.text == word), None)
    if token is None or token.tag in ("NNP", "NNPS"):
        return True
    return not (token.tag in _NOT_NAME_TAGS or is_english_word(word))


def can_speak(name: str) -> bool:
    """Tell whether a name read as a speaker may be one: not a party, a page's word, a number, a date or an adverb.

    "Republicans", "Photo", "Two", "Monday", "Already", "Recently" and "Secretary" are not anyone's name;
    "Kelly" is.
    """
    read = [w.strip(".,’'") for w in re.split(r"[\s-]+", fold(strip_possessive(name)))]
    read = [w for w in read if w and w != "the"]
    if not read or (len(read) == 1 and read[0] in TITLES | ROLE_NOUNS):
        return False  # 'Secretary of the Interior Ryan Zinke echoed': a title alone names no one
    if all(w in PARTY_WORDS | PAGE_WORDS | CALENDAR_NAMES | SENTENCE_ADVERBS or w in NUMBER_WORDS or w in SCALE_WORDS
           or w.isdigit() for w in read):
        return False
    # A lone word in -ly is an adverb ("Notably") unless it is a given name ("Kelly", "Emily").
    return not (len(read) == 1 and read[0].endswith("ly") and not is_given_name(read[0]))


def is_given_name(word: str) -> bool:
    """Tell whether a word is a known given name ("Sabrina", "Matthew")."""
    return _genders().get_gender(word.strip(".").capitalize()) != "unknown"


# A run of white space, between the words of a name: "Gen.  Michael".
_SPACES = re.compile(r"\s+")
# A possessive at the end of a name: "Niger’s", "Reuters'".
_POSSESSIVE = re.compile(r"['’]s?$")


def words(name: str) -> list[str]:
    """Split a name into folded words without dots ("Gen. Michael Langley" -> gen, michael, langley)."""
    return [w for w in _SPACES.split(fold(name).replace(".", " ")) if w]


def strip_titles(name: str) -> str:
    """Drop honorifics and ranks at the front of a name ("Col Amadou Abdramane" -> "Amadou Abdramane")."""
    tokens = name.split()
    while len(tokens) > 1 and fold(tokens[0]).strip(".") in TITLES:
        tokens.pop(0)
    return " ".join(tokens)


def strip_possessive(name: str) -> str:
    """Drop a trailing possessive ("Niger’s" -> "Niger")."""
    return _POSSESSIVE.sub("", name)


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """Return the folded words of a name without titles, the key aliases are matched on."""
    if is_acronym(name):
        return (fold(name.replace(".", "")),)
    return tuple(w for w in words(strip_titles(strip_possessive(name))) if w)


_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
"""What follows a surname and is no part of its spelling ("Theodore J. Boutrous Jr.")."""


def spelling_key(name: str) -> tuple[str, ...]:
    """The words of a name as they are spelt, without what house styles add or leave out: titles, a
    middle or first initial ("Michael T. Flynn", "A. Barry Rand"), a suffix ("Jr."), case and the form
    of an apostrophe ("O’Neill"). Two names with one key are written alike; "Preibus" and "Priebus" are
    not, nor are "José" and "Jose"."""
    bare = strip_titles(strip_possessive(name)).replace(".", " ")
    spelt = (w.casefold().replace("’", "'") for w in _SPACES.split(bare))
    return tuple(w for w in spelt if len(w) > 1 and w not in _NAME_SUFFIXES)


def surname_key(name: str) -> str:
    """The word two writings of one person's name share, folded: the last one as spelt, without a
    suffix or an initial after it ("Donald Trump", "Mr. Trump" -> "trump"; "Theodore J. Boutrous Jr."
    -> "boutrous")."""
    spelt = spelling_key(name)
    return fold(spelt[-1]) if spelt else " ".join(fold(strip_possessive(name)).split()[-1:])


def is_acronym(name: str) -> bool:
    """Tell whether a name is an acronym such as "AFP" or "U.S."."""
    bare = name.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isupper() and bare.isalpha()


def looks_like_org(name: str) -> bool:
    """Tell whether a capitalised phrase names an organisation ("State Department", "AFP")."""
    return is_acronym(name) or any(w in ORG_WORDS for w in words(strip_possessive(name)))


_SAME_SURNAME_RATIO = 85
"""The ratio at or above which ``same_person`` takes two names with the same last word for one person
(its default cutoff; ``PersonIndex`` reads it too)."""
_SAME_SORTED_RATIO = 90
"""The ratio of sorted words at or above which ``same_person`` takes two other names for one person."""


def same_person(a: str, b: str, *, score_cutoff: float = _SAME_SURNAME_RATIO) -> bool:
    """Tell whether two person names are one person: same words in any order, a lone surname, a variant spelling."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if sorted(ka) == sorted(kb):
        return True
    short, long_ = sorted((ka, kb), key=len)
    if len(short) == 1:
        return short[0] in long_ and len(short[0]) > 2
    genders = {gender(ka[0]), gender(kb[0])}
    if {"male", "female"} <= genders:
        return False  # "John Smith" and "Joan Smith" are two people, however close the spelling
    if ka[-1] == kb[-1]:
        return fuzz.ratio(" ".join(ka), " ".join(kb)) >= score_cutoff
    # Swapped order with a spelling variant: "Bazoum Mohammed" / "Mohamed Bazoum".
    return fuzz.token_sort_ratio(" ".join(ka), " ".join(kb)) >= max(score_cutoff, _SAME_SORTED_RATIO)


class PersonIndex:
    """Person names, indexed by what ``same_person`` reads of them, to find the few it could take
    for the same person as another name without asking it about every one (a long article names
    thousands). Its rules read backwards: the same words, a lone word of the other, the same last
    word and a close spelling, or close sorted words; the last two are found by rapidfuzz."""

    def __init__(self) -> None:
        self._by_words: dict[tuple[str, ...], list[int]] = {}  # sorted words -> names
        self._lone: dict[str, list[int]] = {}  # a one-word name -> names
        self._holders: dict[str, list[int]] = {}  # a word -> the names of two words or more with it
        self._plain: list[str] = []  # each name's words, joined
        self._sorted: list[str] = []  # each name's words sorted, joined
        self._last: list[str] = []  # each name's last word

    def add(self, name: str) -> int:
        """Index a name; return its position (0, 1, 2, ... in the order added)."""
        read = name_key(name)
        n = len(self._plain)
        self._by_words.setdefault(tuple(sorted(read)), []).append(n)
        if len(read) == 1:
            self._lone.setdefault(read[0], []).append(n)
        for w in set(read) if len(read) > 1 else ():
            self._holders.setdefault(w, []).append(n)
        self._plain.append(" ".join(read))
        self._sorted.append(" ".join(sorted(read)))
        self._last.append(read[-1] if read else "")
        return n

    def candidates(self, name: str) -> set[int]:
        """Return the positions of the indexed names that ``same_person(name, them)`` may accept."""
        read = name_key(name)
        if not read:
            return set()
        found = set(self._by_words.get(tuple(sorted(read)), ()))
        if len(read) == 1:
            found.update(self._holders.get(read[0], ()), self._lone.get(read[0], ()))
            return found
        found.update(i for w in set(read) for i in self._lone.get(w, ()))
        close = process.extract(" ".join(read), self._plain, scorer=fuzz.ratio, score_cutoff=_SAME_SURNAME_RATIO,
                                limit=None)
        found.update(i for _, _, i in close if self._last[i] == read[-1])
        found.update(i for _, _, i in process.extract(" ".join(sorted(read)), self._sorted, scorer=fuzz.ratio,
                                                      score_cutoff=_SAME_SORTED_RATIO, limit=None))
        return found


def find_entity(name: str, entities: Sequence[Entity], *, kinds: Iterable[str] = ()) -> Optional[Entity]:
    """Return the entity a written name refers to (exact alias first, then name rules), else None."""
    allowed = set(kinds)
    key = name_key(name)
    if not key:
        return None
    index = _entity_index(entities)
    for i in index.by_key.get(key, ()):
        if not allowed or entities[i].kind in allowed:
            return entities[i]
    for i in sorted(index.people[p] for p in index.persons.candidates(name)):
        if (not allowed or "person" in allowed) and same_person(name, entities[i].name):
            return entities[i]
    return None


class _EntityIndex:
    """A story's entities by the keys of their names and aliases, and its people by their names."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.by_key: dict[tuple[str, ...], list[int]] = {}  # a name key -> the entities with it, in order
        self.persons = PersonIndex()
        self.people: list[int] = []  # the entity of each name in ``persons``
        for i, entity in enumerate(entities):
            for key in dict.fromkeys(name_key(n) for n in (entity.name, *entity.aliases)):
                self.by_key.setdefault(key, []).append(i)
            if entity.kind == "person":
                self.persons.add(entity.name)
                self.people.append(i)


# The entities last indexed, and their index: a story's stages ask about the same tuple again and
# again, and a long article's has thousands of entities (a list may change between calls: never kept).
_indexed: tuple[object, Optional[_EntityIndex]] = (None, None)


def _entity_index(entities: Sequence[Entity]) -> _EntityIndex:
    global _indexed
    if _indexed[0] is entities and _indexed[1] is not None:
        return _indexed[1]
    index = _EntityIndex(entities)
    if isinstance(entities, tuple):
        _indexed = (entities, index)
    return index


def without_home(name: list[str]) -> list[str]:
    """Drop the home state from a person's name: "Mark Warner of Virginia" -> "Mark Warner"."""
    if "of" not in name[2:]:
        return name
    head = name[: name.index("of", 2)]
    if fold(head[-1]).strip(".") in TITLES | ROLE_NOUNS:
        return name  # "Georgia Secretary of State Brad Raffensperger": a role, not a home
    given = [t for t in head if fold(t).strip(".") not in TITLES | HONORIFICS]
    return head if given and is_given_name(given[0]) and not looks_like_org(" ".join(head)) else name


def speaker_bearers(entities: Sequence[Entity]) -> Counter[str]:
    """Count, for each word of a person's name, the people of the story whose name holds it."""
    return Counter(w for e in entities if e.kind == "person" for w in set(name_key(e.name)))


SPEAKER_KINDS = ("person", "organisation")
"""The kinds of entity a quote's speaker may be named as."""


def canonical_speaker(name: Optional[str], entities: Sequence[Entity],
                      bearers: Optional[Counter[str]] = None) -> Optional[str]:
    """The entity name a speaker written ``name`` stands for (a person or an organisation, never a place),
    else the name as written: a lone "Cruz" with both Ted and Heidi Cruz in the story, and a description
    ("the Ohio governor"), name no entity. ``bearers`` (``speaker_bearers``) saves counting the names'
    words again."""
    if not name:
        return None
    key = name_key(name)
    if len(key) == 1 and (bearers if bearers is not None else speaker_bearers(entities))[key[0]] > 1:
        return name  # "Cruz" with both Ted and Heidi Cruz in the story: keep it as written
    if not NAME_RUN.fullmatch(name):
        return name  # a description as written ("the Ohio governor", "Scott's family") names nobody
    # A speaker is a person or an organisation, never a place the story names.
    entity = find_entity(name, entities, kinds=SPEAKER_KINDS)
    return entity.name if entity is not None else name
