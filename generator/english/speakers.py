"""Find who a reporting clause credits: the subject of a cue verb, before or after it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from . import clauses
from .boundaries import name_goes_on
from .lexicon import (
    DAY_WORDS, FUNCTION_WORDS, PHRASAL_SAYING_VERBS, SAYING_FORMS, SAYING_VERBS, WEEKDAYS, inflections,
)
from .text import fold
from .names import (
    GROUP_PRONOUNS, HONORIFICS, NAME_RUN, NAME_WORD, NOT_NAME, ORG_NOUNS, PERSON_PRONOUNS, ROLE_NOUNS,
    TITLES, can_speak, is_given_name, looks_like_org, reads_as_name, strip_possessive, without_home,
)

# Lemmas whose participle seldom reports speech: 'continuing', 'agreeing', 'charging'.
_NOT_PARTICIPLE = frozenset(
    """continue agree charge maintain report speak recall promise predict observe conclude concede counter
    object protest reason pledge threaten inform assure comment mention demand plead implore beg answer
    inquire enquire brag gripe confess mutter mumble sigh tease marvel text email""".split()
)


def _cue_forms() -> tuple[list[str], list[str]]:
    # Every finite form of a verb of saying, and the participles that report speech.
    finite = set(SAYING_FORMS)
    participles = {form for lemma in SAYING_VERBS - _NOT_PARTICIPLE for form in inflections(lemma)["participle"]}
    for lemma, particle in sorted(PHRASAL_SAYING_VERBS.items()):
        forms = inflections(lemma)
        finite.update(rf"{form}\s+{particle}" for form in (*forms["present"][1:], *forms["past"]))
    return sorted(finite, key=lambda f: (-len(f), f)), sorted(participles, key=lambda f: (-len(f), f))


_FINITE, _PARTICIPLES = _cue_forms()
# A cue verb of a reporting clause: any finite form of a verb of saying (lexicon.SAYING_VERBS),
# capitalised only where a sentence may open on it ("Said Ellis:"). Example: 'Singh said' ->
# 'said'; 'interjected', 'pointed out'.
CUE = re.compile(r"\b(?:Said|Says|Asked|Added|Wrote|" + "|".join(_FINITE) + r")\b")
# A participle cue that shares the subject of its main clause: 'Trump said ..., adding that'.
PARTICIPLE = re.compile(r"\b(?:" + "|".join(_PARTICIPLES) + r")\b")
# A word after a name that may be a singular noun the name modifies ('Federal law', 'Trump campaign'):
# not a function word or "also"/"later" ('Trump and', 'Trump also'), not a verb of saying, and not
# ending like a past tense, an adverb or a plural ('Trump accused', 'Trump quickly', 'Trump aides').
# Only these need their tags read.
_MAY_BE_NOUN = re.compile(r"(?!(?:" + "|".join(sorted(FUNCTION_WORDS | {"also", "later"}) + _FINITE)
                          + r")\b)[a-z]+(?<!ed)(?<!ly)(?<!s)\b")
# "according to X": the subject comes after. Example: 'according to the Pentagon'.
ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
# Someone's words named as such before a partial quote: 'Donald Trump’s claim that there have been “'.
POSSESSIVE_SPEECH = re.compile(
    rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})['’]s\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:claim|claims|statement|remark|remarks|comment|comments|words|prediction|promise|pledge|warning|"
    r"assertion|argument|message|tweet|tweets|post|letter|missive|speech|description|question|answer|reply|response)\b"
)
# Where a subject phrase before a cue starts: after a quote, a clause break or a linking word.
# Example: 'Pressed to elaborate, Singh said officials' -> 'Singh' (after the comma piece). An
# "and" inside a name ("Museum of African American History and Culture") is no break.
_CHUNK_BREAK = re.compile(r"[\x00;:\[\]—–]|\.\s|\b(?:that|but|because|when|as|while|where)\s|\band\s(?![A-Z])")
# A relative clause between a subject and its cue: 'Sanders, who lost the primaries to Clinton, said',
# 'Cyril, the director at the center and who also featured in the film, told'.
_RELATIVE = re.compile(r"(?:,|\s+and)\s+(?:who|which|whose)\b[^,\x00]*,")
# Where an inverted subject ends: a quote, punctuation, a relative or a prepositional phrase.
# Example: 'said Singh, who ...' -> 'Singh'.
_AFTER_STOP = re.compile(r"[\x00;:!?,]|\.|\s(?:who|that|on|in|at|during|after|before|to|about)\s")
# Lower-case words a role before a name may hold besides capitalised ones ("deputy press secretary").
_ROLE_WORDS = frozenset(
    """deputy press military senior top chief former foreign national campaign assistant acting
    interim defense defence state security communications political regional of for the and""".split()
) | ROLE_NOUNS
# One word of a role before its noun: capitalised, possessive or a usual modifier ("Miami-based",
# "senior", "Florida's").
ROLE_MODIFIER = r"(?:[A-Z][\w’'.-]*|[\w-]+['’]s|[\w]+-based|" + "|".join(sorted(_ROLE_WORDS - {"and"})) + ")"
# A subject without a name, ending the piece: 'the spokeswoman', 'a senior official', 'the junta'.
_NOMINAL = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+((?:[\w-]+\s+){0,3}?)([a-z][\w-]*)\s*$")
# The place before a comma that a state or country follows: 'near Austin, Tex.', 'of Washington, DC'.
_PLACE_BEFORE_COMMA = re.compile(r"\b(?:in|of|near|from|at|outside)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$")
# An article before a capitalised adjective: 'The Democratic senator', 'a Republican lawmaker'.
_DESCRIBED = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+[A-Z][\w-]*$")
# What a body publishes, whose words are the body's: 'the IMF report stated'.
_DOCUMENTS = frozenset("report statement study survey poll analysis memo letter filing brief release document website".split())
# A state or district written short after a city: 'Tex.', 'Calif.', 'N.C.', 'DC'.
_STATE_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3}|[A-Z]{2}")
# Auxiliaries and adverbs that may stand between a name and its cue: 'the Pentagon has said'.
_AUXILIARIES = frozenset("has have had would will could should may might must can did does do is was were are first last once again never always already soon just".split())
# Adverbs between a subject and its cue: 'The Democratic senator also said'.
_TRAILING_ADVERBS = re.compile(r"(?:\s+(?:also|later|then|again|once|previously|[a-z]+ly))+$")
# A sentence opening on a described group: 'The junta that came to power ... condemned'.
_NOMINAL_START = re.compile(r"[Tt]he\s+((?:[a-z][\w-]*\s+){0,2}?)([a-z][\w-]*)\b")
# A name's possessive before lower-case words only, the role of a name before it: "Strzok’s attorney",
# "Jones’ longtime lawyer" (not "Trump's lawyer Rudy Giuliani", which names the speaker after the role).
_POSSESSED_ROLE = re.compile(r"(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*['’]s?\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)*")
# A proper name with its article, not a description: 'the Pentagon', 'the White House'.
_ARTICLE_NAME = re.compile(r"(?:the|a|an)\s+" + NAME_RUN.pattern)
# Words that open an adverbial piece between a subject and its cue: 'Miller, in a post on X, noted'.
_ADVERBIAL = frozenset("in on at via during after before through while when speaking writing later also according".split())
# A party and state between commas after a name: 'Mitch McConnell, R-Ky., said', 'Ben Sasse,
# Republican of Nebraska, called', 'Elliott Maynard, a Republican, said'.
PARTY = re.compile(r"^(?:[RDI]-[A-Z][\w. ]*|(?:an?\s+)?(?:Republican|Democrat|Independent)(?:\s+(?:of|from)\s+[A-Z][\w. ]*)?)$")
# A parenthetical after a name, dropped before parsing: 'Rep. John Mica (R-Fla.)'.
_PAREN = re.compile(r"\s*\([^()]*\)")
# A contraction or possessive after a pronoun: "He’s", "she'd".
_CLITIC = re.compile(r"['’](?:s|d|ll|re|ve)$")


@dataclass(frozen=True, slots=True)
class Subject:
    """Who a reporting clause names: a name, a pronoun or a description."""

    kind: str
    """name, pronoun, nominal (a role or a body to resolve: "the spokeswoman"), description (a
    person the story does not name, shown as written: "Scott's family") or nobody (the clause has a
    subject, but not one who speaks: "A chorus of Republicans", "Already")."""
    text: str
    """The name as written, the pronoun, or the head noun of the description."""
    role: Optional[str] = None
    """The role as written next to a name ("State Department spokesman"), else None."""
    org: bool = False
    """True when the subject is an organisation or a group."""


def parse_subject(chunk: str) -> Optional[Subject]:
    """Read the subject of a reporting clause from the words right before (or after) its cue.

    A name that cannot speak (a party, a date, a number, an adverb, a page's word) gives nobody.
    """
    subject = _parse_subject(chunk)
    return subject if subject is None or subject.kind != "name" or can_speak(subject.text) else Subject("nobody", subject.text)


def _parse_subject(chunk: str) -> Optional[Subject]:
    chunk = _PAREN.sub("", chunk.replace("\x00", " ")).strip(" ,")
    pieces = [p.strip() for p in chunk.split(",")]
    pieces = [p for p in pieces if p and not PARTY.match(p)]
    if len(pieces) > 1 and _STATE_ABBREVIATION.fullmatch(pieces[-1]) and _PLACE_BEFORE_COMMA.search(pieces[-2]):
        pieces.pop()  # 'a user who lives near Austin, Tex.': the state of a place is no subject
    if not pieces:
        return None
    # An adverbial piece ("in a post via his X handle") is not the subject: look before it.
    while len(pieces) > 1 and fold(pieces[-1].split()[0]) in _ADVERBIAL:
        pieces.pop()
    last = re.sub(r"\s+(?:who|which)\s.*$", "", pieces[-1])  # 'a user who lives near Austin'
    lone = _CLITIC.sub("", last.split()[-1].lower())
    if lone in PERSON_PRONOUNS or lone in GROUP_PRONOUNS:
        return Subject("pronoun", lone, org=lone in GROUP_PRONOUNS)
    # 'Aitan Goelman, Strzok’s attorney, said': the possessor in an appositive is whose the speaker is, not
    # the speaker, who is named before it.
    appositive = len(pieces) > 1 and _POSSESSED_ROLE.fullmatch(last) is not None and _named(pieces[-2]) is not None
    named = _named(last) if (last[:1].isupper() and not appositive) or _ARTICLE_NAME.fullmatch(last) else None
    if named is not None:
        if named.role is None and len(pieces) > 1:
            role = _role_text(pieces[-2])
            named = Subject(named.kind, named.text, role, named.org) if role else named
        return named
    # Descriptions after a name ("Scott Pruitt, the attorney general of Oklahoma, said"): the
    # name is the capitalised piece before them, the nearest description its role.
    for back in range(2, min(len(pieces), 4) + 1):
        piece = pieces[-back]
        if piece[:1].isupper() and fold(piece.split()[0]) not in _ADVERBIAL:  # not 'At a forum in Virginia'
            named = _named(piece)
            if named is not None:
                role = named.role or _role_text(pieces[-back + 1])
                return Subject(named.kind, named.text, role, named.org)
            break
    return _nominal(last) or (_named(last) if not last[:1].isupper() else None)


def _nominal(last: str) -> Optional[Subject]:
    match = _NOMINAL.search(_TRAILING_ADVERBS.sub("", last))
    if match:
        head = match.group(2).lower()
        if head in ORG_NOUNS:
            phrase = " ".join(f"{match.group(1)}{match.group(2)}".split()).lower()
            return Subject("nominal", f"the {phrase}", org=True)
        if head in ROLE_NOUNS:
            return Subject("nominal", head)
    return None


def _named(piece: str) -> Optional[Subject]:
    runs = [m for m in NAME_RUN.finditer(piece)]
    for match in reversed(runs):
        text = match.group(0)
        tokens = text.split()
        while tokens and fold(tokens[0]).strip(".") in NOT_NAME:
            tokens.pop(0)
        if not tokens or tokens == ["One"]:  # 'One user who lives near Austin'
            continue
        # Words right after the run must not continue a longer lower-case phrase that is the real
        # subject, except an organisation noun ("Clinton's campaign").
        tail = piece[match.end():].strip().split()
        role, name = _split_role(tokens)
        name = without_home(name)
        if not name:
            continue
        written = " ".join(name)
        if tail and fold(tail[0]) in ORG_NOUNS and written.endswith(("’s", "'s")):
            return Subject("name", f"{strip_possessive(written)} {tail[0]}", None, True)
        if tail and fold(tail[0]) not in ROLE_NOUNS and tail[0][:1].islower() and len(tail) > 2:
            continue
        if tail and tail[0][:1].islower() and not _TRAILING_ADVERBS.fullmatch(f" {tail[0]}") \
                and fold(tail[0]) not in _DOCUMENTS | _AUXILIARIES \
                and _DESCRIBED.search(piece[: match.start()] + text):
            return None  # 'The Democratic senator', 'a Facebook user': a description, not a name
        prefix = piece[: match.start()].split()
        before = _role_words(prefix)
        full_role = " ".join([*before, *role]).strip() or None
        if full_role and not any(fold(w).strip(".,") in ROLE_NOUNS - HONORIFICS for w in full_role.split()):
            full_role = None
        return Subject("name", strip_possessive(written), full_role, looks_like_org(written))
    return None


def _split_role(tokens: list[str]) -> tuple[list[str], list[str]]:
    # "US Secretary of State Antony Blinken": everything up to the last title or role word (and
    # an "of State" after it) is the role; the rest is the name.
    cut = 0
    for i, token in enumerate(tokens[:-1]):
        bare = fold(token).strip(".")
        if (bare in TITLES or bare in ROLE_NOUNS) and bare not in HONORIFICS:
            cut = i + 1
            while cut + 1 < len(tokens) and tokens[cut] in ("of", "for"):
                cut += 2
    rest = tokens[cut:]
    # "for African Affairs Molly Phee": the name starts at a given name when there is one.
    if cut and tokens[cut - 2:cut - 1] in (["of"], ["for"]):
        starts = [i for i, t in enumerate(rest) if is_given_name(t) or fold(t).strip(".") in HONORIFICS]
        if starts:
            cut += starts[0]
        elif len(rest) > 2:
            cut = len(tokens) - 2
    # An honorific inside the run starts the name: "U.S. Air Force Gen. Norman Ham".
    inner = [i for i, t in enumerate(tokens[:-1]) if i >= cut and fold(t).strip(".") in HONORIFICS]
    if inner and inner[0] > 0:
        cut = inner[0]
    head = tokens[:cut]
    # A title left at the end of the role belongs with the name ("military spokesperson Col").
    while head and fold(head[-1]).strip(".") in HONORIFICS:
        cut -= 1
        head = tokens[:cut]
    return head, tokens[cut:]


def _role_words(prefix: list[str]) -> list[str]:
    kept: list[str] = []
    for word in reversed(prefix):
        bare = fold(word).strip(".,")
        if word[:1].isupper() or bare in _ROLE_WORDS or bare.endswith("'s"):
            if bare in NOT_NAME and bare not in ("the", "of", "for"):
                break
            kept.insert(0, word)
        else:
            break
    while kept and fold(kept[0]) in ("the", "of", "for", "and"):
        kept.pop(0)
    return kept


def _role_text(piece: str) -> Optional[str]:
    words = piece.split()
    if words and fold(words[0]) in _ADVERBIAL:
        return None  # 'According to the Associated Press, Smith said': a source, not Smith's role
    while words and fold(words[0]) in ("a", "an", "the"):
        words.pop(0)
    if 0 < len(words) <= 10 and any(fold(w).strip(".,") in ROLE_NOUNS for w in words):
        return " ".join(words)
    return None


def cues(text: str, start: int = 0, end: Optional[int] = None, *, pattern: re.Pattern[str] = CUE) -> list[re.Match[str]]:
    """List the cue verbs of a text between ``start`` and ``end`` that its tags read as verbs."""
    found = pattern.finditer(text, start, len(text) if end is None else end)
    return [m for m in found if clauses.is_verb(text, m.start())]


def subject_before(masked: str, cue_start: int, floor: int = 0) -> Optional[Subject]:
    """Parse the subject written before the cue at ``cue_start``, not looking past ``floor``.

    A name that is not the head of the noun phrase before the verb is not its subject: in 'A chorus
    of prominent Republicans has said' and 'Scott's family has called' nobody is named.
    """
    subject = _subject_before(masked, cue_start, floor)
    if subject is not None and subject.kind == "name":
        at = masked.rfind(subject.text.split()[0], floor, cue_start)
        if at >= 0 and clauses.after_quoted_noun(masked, at, floor):
            return Subject("nobody", subject.text)
    phrase = clauses.subject_head(masked, cue_start) if subject is not None and subject.kind in ("name", "nominal") else None
    if subject is None or phrase is None:
        return subject
    start, head = phrase
    described = _lowered_article(" ".join(masked[max(start, floor):head.end].split()))
    if subject.kind == "nominal" and fold(head.text) == subject.text.split()[-1]:
        # 'The Vermont senator said': if no one in the story has the role, the description stays.
        # (A nominal that is not the head, 'a man standing outside the bank said', is read below.)
        named_in = any(w[:1].isupper() for w in described.split()[1:])
        return Subject("nominal", subject.text, described if named_in and not subject.org else None, subject.org)
    if head.text in subject.text.split():
        return subject
    named_at = masked.rfind(subject.text.split()[-1], floor, start)
    if head.tag == "NNP" and start >= floor and named_at >= 0 and "," in masked[named_at:start]:
        # 'According to Reuters, police spokesman Juan Ortiz said': the name the verb's noun phrase
        # ends on, not one in a phrase before it.
        return parse_subject(described) or subject
    named_after = masked.find(subject.text, head.end, cue_start)  # the name in a phrase after the head
    if clauses.is_document(head):
        # 'Ivana Trump's brief said', 'a letter from Smith said': the words are the writer's; 'a poll
        # in Wyoming said' names a place, not who wrote it.
        between = masked[head.end:named_after].split()
        by = named_after < 0 or bool(between) and fold(between[0]) in ("by", "from")
        return subject if by else Subject("nobody", described)
    if named_after >= 0 and not clauses.is_person_noun(head):
        # 'Police in Chicago said': the name is in a phrase after the head, not the subject; the
        # body the noun phrase heads is, or nobody.
        return Subject("description", described) if clauses.heads_people(head) else Subject("nobody", described)
    if clauses.possessed(masked, head):
        # 'Scott's family has called', 'Gary Johnson's doctor is calling': the description, not the name.
        return Subject("description", described) if clauses.is_person_noun(head) else Subject("nobody", described)
    if head.tag == "NNS" and fold(head.text) not in ORG_NOUNS:
        return Subject("nobody", described)  # 'officials in Washington said': a group nobody names
    if clauses.is_person_noun(head):
        # 'The New York businessman says', 'The Indiana governor said': a name inside a description
        # is not the speaker; the role resolves to the story's person, else the description stays,
        # whole: 'The president of France said' -> "the president of France", not "president".
        if named_after >= 0 and masked[head.end:named_after].split() in (["of"], ["of", "the"]):
            described = _lowered_article(" ".join(masked[max(start, floor):named_after + len(subject.text)].split()))
        return Subject("nominal", fold(head.text), role=described)
    return subject if clauses.heads_people(head) else Subject("nobody", head.text)


def _lowered_article(phrase: str) -> str:
    """A description as it reads inside a sentence: 'The Indiana governor' -> 'the Indiana governor'."""
    return re.sub(r"^(?:The|A|An)\b", lambda m: m.group(0).lower(), phrase)


def _subject_before(masked: str, cue_start: int, floor: int = 0) -> Optional[Subject]:
    left = _RELATIVE.sub(",", masked[floor:cue_start])
    # Keep an appositive ("X, Niger's military spokesperson, said"): break only before it.
    cut = 0
    for match in _CHUNK_BREAK.finditer(left):
        if match.group(0).startswith(".") and _abbreviated(left[: match.start()].split()[-1:]):
            continue
        if match.group(0).startswith("and") and clauses.joins_nouns(left, match.start()):
            continue  # 'Douglas Holtz-Eakin, an economist and tax expert, told': one role
        cut = match.end()
    return parse_subject(left[cut:])


def subject_after(masked: str, cue_end: int, ceiling: int) -> Optional[Subject]:
    """Parse an inverted subject written right after a cue ("said Singh", "according to X")."""
    right = _PAREN.sub("", masked[cue_end:ceiling])
    chunk = right
    for stop in _AFTER_STOP.finditer(right):
        if stop.group(0) == "." and _abbreviated(right[: stop.start()].split()[-1:]):
            continue  # "said Mr. McGinley", "said John F. Kerry", "said Rep. G.K. Butterfield"
        chunk = right[: stop.start()]
        break
    return parse_subject(chunk) if chunk.strip() else None


def _abbreviated(last: list[str]) -> bool:
    # The word before a period is a title or initials, so the name goes on: "Mr.", "F.", "G.K.".
    return bool(last) and name_goes_on(last[0].lstrip("(\"“‘'"))


# An office "of the" something, and the name words after it: 'Secretary of the Interior Ryan Zinke'.
_OFFICE_OF_THE = re.compile(rf"([A-Z][a-z]+)\s+of\s+the\s+{NAME_WORD}(?:\s+{NAME_WORD})*")
# A city's name right before a comma, and the one capitalised word of its state or country after it.
_CITY_BEFORE = re.compile(r"\b(?:in|at|from|near|of|to)\s+(?:[A-Z][\w.'’-]*\s+)*[A-Z][\w.'’-]*,\s+$")
_STATE_NEXT = re.compile(r"[A-Z][\w.'’-]*,")


def sentence_subject(text: str) -> Optional[Subject]:
    """Return the named or pronoun subject a sentence opens with, after an introductory phrase."""
    # The subject may follow an introductory phrase: 'In July, Gingrich dismissed ...', 'After
    # saying her foot was “swollen,” she was ...'.
    # A place's state after its city is no subject: 'in Columbus, Ohio, Santorum had dismissed'.
    starts = [text] + [text[m.end():] for m in re.finditer(r"[,\x00]\s+", text[:150])
                       if not (_CITY_BEFORE.search(text, 0, m.end()) and _STATE_NEXT.match(text, m.end()))]
    for n, start in enumerate(starts):
        subject = _opening_subject(_PAREN.sub("", start.replace("\x00", " ")).lstrip(" “\"'"), opens=n == 0)
        if subject is not None:
            return subject
    return None


def _opening_subject(start: str, *, opens: bool = False) -> Optional[Subject]:
    """The subject ``start`` opens with; ``opens``: it is the sentence's own opening, where any word is
    written with a capital."""
    described = _NOMINAL_START.match(start)
    if described and fold(described.group(2)) in ORG_NOUNS:
        return Subject("nominal", f"the {described.group(1)}{described.group(2)}".lower(), org=True)
    first = [_CLITIC.sub("", fold(w)) for w in start.split()[:1]]
    if first and first[0] in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return Subject("pronoun", first[0], org=first[0] in GROUP_PRONOUNS)
    start = re.sub(r"^[Tt]he\s+(?=[A-Z])", "", start)  # 'The United Nations Security Council made'
    office = _OFFICE_OF_THE.match(start)
    if office and fold(office.group(1)) in TITLES | ROLE_NOUNS and start[office.end():].lstrip()[:1].islower():
        role, name = _split_role(office.group(0).split())  # 'Secretary of the Interior Ryan Zinke echoed'
        if len(name) >= 2:
            return Subject("name", " ".join(name), " ".join(role))
    match = NAME_RUN.match(start)
    if not match or fold(match.group(0).split()[0]) in NOT_NAME:
        return None
    after = start[match.end():].lstrip()
    # A lone capitalised word that opens the sentence may be capitalised for that alone: 'Trying to quell
    # the furor, Steele issued'.
    if opens and " " not in match.group(0) and not reads_as_name(start, match.group(0)):
        return None
    if PARTY.match(match.group(0)):
        return None  # 'To Rep. Zoe Lofgren, D-Calif., the bill'
    # (Only a word that may be a singular noun is tagged, with three words past the name: enough for the
    # tags of the next two, and a short text tags fast.)
    at = len(start) - len(after)
    if after[:1].islower() and _MAY_BE_NOUN.match(after) and clauses.heads_the_subject(
            start[:at] + " ".join(after.split()[:3]), at):
        return None  # 'Federal law makes', 'The Trump campaign said': the name modifies the subject's noun
    if after[:1].islower() or after.startswith(","):
        named = _named(match.group(0))
        return named if named is None or can_speak(named.text) else None
    return None


# The occasion right after a verb of saying that makes the saying an event of its own: "said in an
# interview last month that", "said Monday in a statement", "told reporters", "told The Associated
# Press", "said on national television". (The words between an article and the occasion do not hold
# "of": "said in the wake of the statement" names no occasion.)
_SAID_WHEN = "|".join((*WEEKDAYS, *sorted(DAY_WORDS)))
_OCCASION = re.compile(
    r"\s*(?:[a-z]+ly\s+)?(?:(?i:(?:on\s+|last\s+|this\s+)?(?:" + _SAID_WHEN + r")|(?:last|this)\s+(?:week|month|year))\s+)?(?:"
    r"(?:in|during)\s+(?:an?|the|his|her|their|its)\s+(?:(?!of\b)[\w'’-]+\s+){0,3}?(?:interview|statement|speech|post|"
    r"tweet|letter|op-ed|briefing|news\s+conference|press\s+conference|testimony|address|email|memo|call)s?"
    r"|in\s+testimony"
    r"|at\s+(?:an?|the)\s+(?:(?!of\b)[\w'’-]+\s+){0,3}?(?:briefing|news\s+conference|press\s+conference|rally|"
    r"hearing|summit)"
    r"|on\s+(?:(?:national|state|local)\s+)?(?:X|Twitter|Facebook|Instagram|television|TV|radio)"
    r"|on\s+an?\s+(?:conference\s+)?call"
    r"|(?<=told\s)(?:reporters|journalists|lawmakers|senators|legislators|the\s+(?:(?!of\b)[\w'’-]+\s+){0,3}?"
    r"(?:committee|panel|hearing|audience|crowd|conference|newspaper|agency|station|network)"
    r"|[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}))\b")


def speaker_at_occasion(text: str) -> Optional[Subject]:
    """The subject of the verb of saying that a sentence's main clause opens on, when the occasion it was said
    at follows the verb: "Phee said in an interview with The Washington Post last month that she had …"
    gives Phee, "Rep. Mo Brooks told reporters that …" Rep. Mo Brooks, and "…, Rucker said in a statement."
    Rucker. Such a sentence tells of a thing said, like a quote. "Police said the man was arrested", which
    tells of the arrest, gives nobody; so do a verb of a later clause ("Prosecutors said Jones told the
    committee …") and a subject inside the sentence ("Jones was fired after Smith told the committee …")."""
    if not any(_OCCASION.match(text, m.end()) for m in CUE.finditer(text)):
        return None  # most sentences: nothing to tag
    found = cues(text)
    if not found or not _OCCASION.match(text, found[0].end()):
        return None
    subject = subject_before(text, found[0].start())
    if subject is None or subject.kind != "name":
        return subject
    at = text.find(subject.text.split()[0])
    before = text[:at].rstrip()
    return subject if not before or before.endswith(",") else None
