"""Find the people, organisations and places the sources name, merging every alias of each."""
from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Optional

from ..english.lexicon import CALENDAR_WORDS, COUNTRIES, COUNTRY_CODES, MONTH_ABBREVIATIONS
from ..english.names import (
    HONORIFICS, NAME_RUN, NOT_NAME, ORG_WORDS, PLACE_WORDS, ROLE_NOUNS, TITLES, PersonIndex, is_acronym, is_given_name,
    looks_like_org, name_key, same_person, spelling_key, strip_possessive, strip_titles, without_home, words,
)
from ..english.speakers import CUE, PARTY, parse_subject
from ..english.text import fold
from ..model import Discrepancy, Entity, Source, Variant

# Verbs that a title-case headline puts between capitalised words ("Trump Is Right").
_VERBS = frozenset("is are was were be has have had will would can could says said wins win gets".split())
# Words that show an appositive is a clause, not a role ('he told the host').
_NOT_ROLE = frozenset("he she they we i you it who which that is was are were has have had".split())
# Quotation marks, read as spaces when looking for a role before a name: 'steps”State Department'.
_MARKS = re.compile(r"[“”\"«»]")
# A lower-case word, to learn which capitalised first words are ordinary words.
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
# A nationality adjective: 'French troops', 'American presence', 'Western security'.
_DEMONYM = re.compile(r"(?:an|ese|ish|ch|ern)$")
# A lower-case word after an adjective, that is not a function word: ' troops', ' presence'.
_NOUN_NEXT = re.compile(r" (?!(?:and|or|to|in|of|on|for|with|has|had|have|is|was|were|are|said|says)\b)[a-z]")
# The word before a capitalised phrase that makes it a place: 'in Niger', 'from Niamey'.
_PLACE_BEFORE = re.compile(r"\b(?:in|(?<!according )to|from|near|across|into|toward|towards|throughout|outside|inside)\s+$", re.I)
# A role's domain before a name: 'the governor of Ohio', 'a spokesman for Acme' (the name is what
# the role is of, not who holds it).
_DOMAIN_BEFORE = re.compile(r"\b(\w+)\s+(?:of|for)\s+(?:the\s+)?$", re.I)
# An appositive role after a name: 'Matthew Miller, a spokesperson for the State Department,'.
_APPOSITIVE = re.compile(r"^,\s+((?:the|a|an)\s+)?(?P<role>[^,.;“”\"]{3,80}?),")
# A run of letters, a word of a name as its initials read it: 'France', 'Presse' in 'Agence France-Presse'.
_LETTERS = re.compile(r"[^\W\d_]+")
# A whole word, as the regex engine reads one: 'Abdramane' in 'Col Abdramane said'.
_WORD = re.compile(r"\w+")
# Words that make a capitalised phrase a thing rather than a name ('Status of Forces Agreement').
_THINGS = frozenset(
    """agreement act treaty plan law bill accord deal programme program day week war operation
    election elections summit conference road street avenue hour times""".split()
)


# Prepositions of place that may open a sentence before a name: "In Burkina Faso, ...", "From Niamey, ...".
_PLACE_OPENERS = frozenset("in from near across throughout outside inside into within".split())
# Pronouns, as a name never holds them after its first word ("In God We Trust"; "He Lifeng" is a name, and
# "I" a numeral: "Elizabeth I").
_PRONOUNS = frozenset("We You He She It They".split())
# The words that name a form of state before a country's name: 'the Republic of Niger', 'the Kingdom of Spain'.
_STATE_FORMS = frozenset("republic kingdom state commonwealth emirate sultanate principality".split())


@dataclass(frozen=True, slots=True)
class _Mention:
    """A capitalised name found in one sentence, with what its context says about it."""

    name: str
    kind: str
    source: str
    sentence: str
    role: Optional[str]


def extract_entities(sources: Sequence[Source]) -> tuple[Entity, ...]:
    """Find people, organisations and places, merging titles, lone surnames, swapped and variant spellings."""
    plain = frozenset(w for src in sources for s in src.sentences for w in _LOWER_WORD.findall(s.text))
    mentions = _settle_kinds(
        [m for source in sources for s in source.sentences for m in _mentions(source.id, s.id, s.text, plain)]
    )
    people = _cluster_people(
        [m for m in mentions if m.kind == "person"], [m for m in mentions if m.kind in ("single", "speaker")]
    )
    groups = [("person", g) for g in people] + _group_others(mentions)
    order = {s.id: i for i, s in enumerate(sources)}
    rows = sorted((_entity(kind, group, order) for kind, group in groups), key=lambda r: r[0])
    return tuple(replace(entity, id=f"e{n}") for n, (_, entity) in enumerate(rows, start=1))


def _settle_kinds(mentions: list[_Mention]) -> list[_Mention]:
    # A word used as a person's name anywhere is not a place elsewhere ("to Obama", "Mr. Obama"),
    # and a lone word said to speak more often than it is a place is a person ("Scott responded").
    personal = {w for m in mentions if m.kind == "person" for w in name_key(m.name)}
    place_count = Counter(name_key(m.name) for m in mentions if m.kind == "place")
    speaker_count = Counter(name_key(m.name) for m in mentions if m.kind == "speaker")
    places = {k for k, n in place_count.items() if n >= speaker_count[k]}
    settled = []
    for m in mentions:
        key = name_key(m.name)
        if m.kind == "place" and len(key) == 1 and (key[0] in personal or key not in places):
            m = replace(m, kind="single")
        elif m.kind in ("single", "speaker") and key in places:
            m = replace(m, kind="place", role=None)
        settled.append(m)
    return settled


def _group_others(mentions: list[_Mention]) -> list[tuple[str, list[_Mention]]]:
    groups: dict[tuple[str, ...], list[_Mention]] = {}
    for m in mentions:
        if m.kind in ("organisation", "place"):
            groups.setdefault((m.kind, *name_key(m.name)), []).append(m)
    # "US State Department" is the "State Department": a place written before an organisation's name.
    places = {key[1:] for key in groups if key[0] == "place"}
    for key in sorted(groups, key=len, reverse=True):
        if key[0] != "organisation":
            continue
        for cut in range(2, len(key)):
            shorter = ("organisation", *key[cut:])
            if shorter in groups and shorter != key and tuple(key[1:cut]) in places:
                groups[shorter].extend(groups.pop(key))
                break
    # The "Republic of Niger" is "Niger": a place named by its form of state ("the Islamic Republic of Iran",
    # "the Kingdom of Saudi Arabia") is the place of that name in the story. Two forms of one name ("the
    # Republic of the Congo", "the Democratic Republic of the Congo") are two countries: both stay apart.
    short: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in groups:
        if key[0] == "place" and (rest := _state_of(key[1:])) and ("place", *rest) in groups:
            short.setdefault(("place", *rest), []).append(key)
    for target, forms in sorted(short.items()):
        if len(forms) == 1:
            groups[target].extend(groups.pop(forms[0]))
    # "UN" is the "United Nations": an acronym made of the initials of a longer name of the same kind in the
    # story is that name's alias (the group's own names: not the "US State Department" just folded into
    # the "State Department"), and a country's code the country's name ("US", "United States of America").
    # An acronym two names share stays apart.
    longer: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for key, group in groups.items():
        for m in group:
            if name_key(m.name) == key[1:] and (letters := _initials(m.name)) is not None:
                longer.setdefault((key[0], letters), set()).add(key)
    for key in sorted(k for k in groups if len(k) == 2):
        if not any(is_acronym(m.name) for m in groups[key]):
            continue
        if (code := key[1].upper()) in COUNTRY_CODES:
            found = {k for k in (("place", *name_key(n)) for n in COUNTRY_CODES[code]) if k in groups}
        else:
            found = longer.get((key[0], key[1]), set())
        if len(found) == 1:
            groups[found.pop()].extend(groups.pop(key))
    return [(key[0], group) for key, group in groups.items()]


def _state_of(key: tuple[str, ...]) -> tuple[str, ...]:
    """The name a place's key gives after its form of state ("republic of niger" -> "niger", "democratic republic
    of the congo" -> "congo"); empty when it names none."""
    for k, word in enumerate(key[:-2]):
        if word in _STATE_FORMS and key[k + 1] == "of":
            rest = key[k + 2:]
            return rest[1:] if rest[:1] == ("the",) else rest
    return ()


def _initials(name: str) -> Optional[str]:
    """The lower-cased initials of a name of two or more capitalised words, without a "The" before them or
    the lower-case words between them ("United States" -> "us", "Agence France-Presse" -> "afp", "The
    Department of Defense" -> "dd"); None for a name of one word, or an acronym."""
    if is_acronym(name):
        return None
    capitalised = [w for w in _LETTERS.findall(strip_possessive(name)) if w[0].isupper()]
    if capitalised[:1] == ["The"]:
        capitalised = capitalised[1:]
    # An acronym among the words gives all its letters: "US State Department" is "ussd", not "USD".
    return "".join(w if w.isupper() else w[0] for w in capitalised).lower() if len(capitalised) >= 2 else None


def _entity(kind: str, group: list[_Mention], order: dict[str, int]) -> tuple[tuple[int, int, tuple[int, int], str], Entity]:
    counts = Counter(strip_titles(m.name) for m in group)
    # A person by the fullest name, anything else by the name most used, spelt out rather than an acronym.
    name = max(counts, key=lambda n: (len(n.split()) if kind == "person" else not is_acronym(n),
                                      counts[n], -_first(group, n)))
    aliases = tuple(sorted({m.name for m in group} - {name}))
    sources = tuple(sorted({m.source for m in group}, key=lambda s: order.get(s, 0)))
    roles: dict[str, str] = {}
    for m in group:
        if m.role:
            roles.setdefault(fold(m.role), m.role)
    first = min(_position(m, order) for m in group)
    # The most widely reported first, then the most mentioned, then by first appearance.
    rank = (-len(sources), -len(group), first, name)
    return rank, Entity("", name, kind, aliases, sources, tuple(roles.values()))


def _first(group: list[_Mention], name: str) -> int:
    return next(i for i, m in enumerate(group) if strip_titles(m.name) == name)


def _position(m: _Mention, order: dict[str, int]) -> tuple[int, int]:
    number = m.sentence.rsplit("-s", 1)[-1]
    return order.get(m.source, 0), int(number) if number.isdigit() else 0


def _mentions(source: str, sentence: str, text: str, plain: frozenset[str]) -> list[_Mention]:
    out = []
    for match in NAME_RUN.finditer(text):
        tokens = match.group(0).split()
        # A capitalised first word of a sentence that the sources also write in lower case is an
        # ordinary word ("Neighbouring Mali"), unless it is a title.
        popped = []
        while tokens and fold(strip_possessive(tokens[0])).strip(".") in NOT_NAME:
            popped.append(tokens.pop(0))
        initial = not text[: match.start()].strip(" “\"'‘")
        if tokens and initial and tokens[0].lower() in plain and fold(tokens[0]).strip(".") not in TITLES | ROLE_NOUNS:
            popped.append(tokens.pop(0))
        if not tokens or any(ch.isdigit() for ch in "".join(tokens)):
            continue
        phrase = strip_possessive(" ".join(tokens))
        if (phrase.isupper() and not is_acronym(phrase)) or (" of " in phrase and PARTY.match(phrase)):
            continue  # a shouted phrase, or a party and state ('Democrat of Nevada')
        role, name = _role_and_name(without_home(phrase.split()), text[: match.start()])
        # A name ending in a title or a role is none ('Deputy Secretary'), unless the word also names an
        # organisation after other words ('Associated Press', 'Detroit Free Press': "press" is the one such word).
        last = fold(name[-1]).strip(".") if name else ""
        if not name or (last in TITLES | ROLE_NOUNS and not (len(name) > 1 and last in ORG_WORDS)):
            continue
        written = " ".join(name)
        if written.endswith(".") and len(name[-1]) > 2 and not is_acronym(name[-1]):
            written = written[:-1]
        key = words(written)
        if key[-1] in _THINGS or len(key) > 6:
            continue
        # A month or a day ("In Dec. 2016"), or a motto or a title with a pronoun in it ("In God We Trust").
        if (len(key) == 1 and (key[0] in CALENDAR_WORDS or key[0] in MONTH_ABBREVIATIONS)) or _PRONOUNS & set(name[1:]):
            continue
        appositive = _APPOSITIVE.match(text[match.end():])
        if appositive and not role and any(fold(w) in ROLE_NOUNS for w in appositive.group("role").split()):
            role = appositive.group("role").strip(" ,”“\"")
        after = text[match.end():]
        if len(key) == 1 and _DEMONYM.search(written) and _NOUN_NEXT.match(after):
            continue
        role = role if role and _role_ok(role) else None
        # A sentence's opening preposition of place, left out of the run, comes before the name: "In Burkina
        # Faso, ..." is in a place; "In Bazoum's view" and "To Macron, ..." are not.
        opening = popped[-1:] if popped and fold(popped[-1]) in _PLACE_OPENERS and phrase == " ".join(tokens) else []
        kind = _kind(written, role, " ".join([text[: match.start()], *opening, ""]).lstrip(), after)
        if kind == "person" and (
            sum(t.lower() in plain for t in written.split()) > 1 or any(fold(t) in _VERBS for t in written.split())
        ):
            continue  # a headline in title case, not a name: "Donald Trump Is Right"
        if kind:
            out.append(_Mention(written, kind, source, sentence, role))
    return out


def _role_ok(role: str) -> bool:
    tokens = [fold(t).strip(".,") for t in role.split()]
    return (
        bool(tokens)
        and tokens[-1] not in ("the", "of", "for", "a", "an", "and", "in", "to")
        and "including" not in tokens
        and not any(t in _NOT_ROLE for t in tokens)
        and not CUE.search(role)
        and any(t in ROLE_NOUNS - HONORIFICS for t in tokens)
    )


def _role_and_name(tokens: list[str], before: str) -> tuple[Optional[str], list[str]]:
    subject = parse_subject(f"{_MARKS.sub(' ', before[-80:])} {' '.join(tokens)}")
    if subject is not None and subject.kind == "name" and " ".join(tokens).endswith(subject.text):
        name = subject.text.split()
        return (subject.role.strip(" ,”“\"") if subject.role else None), name
    return None, tokens


def _kind(name: str, role: Optional[str], before: str, after: str) -> Optional[str]:
    key = words(name)
    if name.replace(".", "") in COUNTRY_CODES:
        return "place"
    if name in COUNTRIES:  # "Russia said": a country that speaks is still one ("Jim Jordan" elsewhere: _settle_kinds)
        return "place"
    if looks_like_org(name):
        return "organisation"
    if any(w in PLACE_WORDS for w in key):
        return "place"
    titled = fold(name.split()[0]).strip(".") in TITLES
    bare = name_key(name)
    if (role or titled) and bare:
        return "person"
    if 2 <= len(bare) <= 4 and is_given_name(strip_titles(name).split()[0]) and " of " not in name:
        return "person"
    if _PLACE_BEFORE.search(before):
        return "place"
    if len(key) == 1:
        domain = _DOMAIN_BEFORE.search(before)
        held = domain is not None and fold(domain.group(1)) in ROLE_NOUNS
        return "speaker" if CUE.match(after.strip()) and not held else "single"
    if 2 <= len(bare) <= 4 and CUE.match(after.strip()) and " of " not in name:
        return "person"
    return None


def _cluster_people(full: list[_Mention], singles: list[_Mention]) -> list[list[_Mention]]:
    counts = Counter(name_key(m.name) for m in full)
    keys = sorted(counts, key=lambda k: (-len(k), -counts[k], k))
    clusters: list[list[tuple[str, ...]]] = []
    cluster_of: list[int] = []  # for each key placed so far, its cluster
    index = PersonIndex()  # the keys placed so far, in the order of cluster_of
    for key in keys:
        # Each key joins the first cluster holding a name of the same person; PersonIndex finds the
        # few names same_person could say so of.
        text = " ".join(key)
        candidates = index.candidates(text)
        joined = min((cluster_of[i] for i in candidates if same_person(text, " ".join(keys[i]))), default=None)
        if joined is None:
            joined = len(clusters)
            clusters.append([])
        clusters[joined].append(key)
        cluster_of.append(joined)
        index.add(text)
    by_key = {key: i for i, cluster in enumerate(clusters) for key in cluster}
    groups: list[list[_Mention]] = [[] for _ in clusters]
    for m in full:
        groups[by_key[name_key(m.name)]].append(m)
    speakers = {name_key(m.name) for m in singles if m.kind == "speaker"}
    bearers: dict[str, list[int]] = {}  # each word of a full name -> the clusters with a name holding it
    for i, cluster in enumerate(clusters):
        for w in dict.fromkeys(w for key in cluster for w in key):
            bearers.setdefault(w, []).append(i)
    lone: dict[tuple[str, ...], list[_Mention]] = {}
    for m in singles:
        word = name_key(m.name)
        owners = bearers.get(word[0], []) if word else []
        if owners:
            best = max(owners, key=lambda i: (len(groups[i]), -i))
            groups[best].append(m)
        elif word in speakers:
            lone.setdefault(word, []).append(_Mention(m.name, "person", m.source, m.sentence, m.role))
    return [g for g in groups if g] + list(lone.values())


def name_discrepancies(entities: Sequence[Entity], sources: Sequence[Source]) -> tuple[Discrepancy, ...]:
    """Report people whose full name the sources spell differently, with which source wrote which: two sources
    that write no form of it in common."""
    people: list[tuple[Entity, list[str]]] = []
    for entity in entities:
        if entity.kind != "person":
            continue
        forms: dict[str, str] = {}
        for written in (entity.name, *entity.aliases):
            bare = strip_titles(written)
            if len(bare.split()) >= 2:
                forms.setdefault(" ".join(bare.split()), bare)
        # A middle initial, a suffix or an apostrophe's form is a house style, not a spelling.
        if len({spelling_key(form) for form in forms}) >= 2:
            people.append((entity, sorted(forms)))
    sentences = [(src.id, s.id, s.text) for src in sources for s in src.sentences]
    # A sentence with a whole form has each word of the form as a whole word: look only there.
    wanted = {w for _entity, spellings in people for form in spellings for w in _WORD.findall(form)}
    holding: dict[str, set[int]] = {w: set() for w in wanted}
    for i, (_source, _sentence, text) in enumerate(sentences):
        for w in wanted.intersection(_WORD.findall(text)):
            holding[w].add(i)
    out = []
    for entity, spellings in people:
        found: dict[tuple[str, ...], list[tuple[str, list[int]]]] = {}  # spelling -> its forms, each with its sentences
        for form in spellings:
            pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
            words = _WORD.findall(form)
            candidates = sorted(set.intersection(*(holding[w] for w in words))) if words else range(len(sentences))
            hits = [i for i in candidates if pattern.search(sentences[i][2])]
            if hits:
                found.setdefault(spelling_key(form), []).append((form, hits))
        variants = []
        for styled in found.values():
            # One spelling, however styled: shown as the form most sources write.
            form = min(styled, key=lambda f: (-len({sentences[i][0] for i in f[1]}), f[0]))[0]
            hits = sorted({i for _form, form_hits in styled for i in form_hits})
            variants.append(Variant(form, tuple(dict.fromkeys(sentences[i][0] for i in hits)),
                                    tuple(sentences[i][1] for i in hits)))
        # Sources disagree when two of them write no form in common: one that writes both ("Mohamed Bazoum",
        # later "Bazoum Mohamed") disagrees with itself, not with the others.
        writes: dict[str, set[int]] = {}  # source -> the variants it writes
        for k, v in enumerate(variants):
            for source in v.sources:
                writes.setdefault(source, set()).add(k)
        if any(not a & b for a, b in itertools.combinations(writes.values(), 2)):
            variants.sort(key=lambda v: (-len(v.sources), v.value))
            # "Mohamed Bazoum" / "Bazoum Mohamed": the same words, only their order differs.
            reordered = len({tuple(sorted(spelling_key(v.value))) for v in variants}) == 1
            what = "name order" if reordered else "spelling"
            out.append(Discrepancy(about=f"{what} of {entity.name}", kind="name", variants=tuple(variants)))
    return tuple(out)
