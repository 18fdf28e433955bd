"""Attribute the quotes of a paragraph to speakers: cue verbs, pronouns, roles and neighbours."""
from __future__ import annotations

import itertools
import re
from bisect import bisect_left, insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Optional, TypeVar

from ..english.clauses import is_verb, opens_with_group, prepositional_name
from ..english.lexicon import SHORT_TITLES
from ..english.names import (
    NAME_RUN, ROLE_NOUNS, can_speak, find_entity, gender, is_given_name, looks_like_org, reads_as_name, strip_possessive,
    strip_titles, surname_key,
)
from ..english.quotemarks import Span
from ..english.speakers import (
    ACCORDING, CUE, PARTICIPLE, ROLE_MODIFIER, POSSESSIVE_SPEECH, Subject, cues, parse_subject, sentence_subject,
    subject_after, subject_before,
)
from ..english.text import fold
from ..model import Entity, Source

# A cue joined to an earlier verb of the same subject: 'Clinton stressed her support ... and said'.
_COORDINATED = re.compile(r"\band\s+$")
# A relative pronoun right before a cue, whose subject is the noun phrase before it: 'a letter from
# his doctor that says', 'the memo, which said'.
_RELATIVE_SUBJECT = re.compile(r"\b(?:that|which)\s+(?:(?:also|still|now|[a-z]+ly)\s+)?$")
# A form of "be" right before a participle, which makes it a finite verb: 'is calling', 'was also telling'.
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been|am)\s+(?:(?:also|now|still|again|[a-z]+ly)\s+)?$")
# Words between a quote and a cue that hold no subject: '”, and', '” but', '”'.
_NO_SUBJECT_BETWEEN = re.compile(r"[\s,.]*(?:(?:and|but|or|then)\s+)?")
# A credit after a quote, introduced by a dash: '” ― Sonya Herridge'.
_DASH_CREDIT = re.compile(r"\s*[―—–]\s*(?P<name>[A-Z][^\x00.;:!?]{1,60})")
# A sentence going on past a quote, so a cue after it is not the quote's: '“no surprise” given his'.
_GOES_ON = re.compile(
    r"\s*(?:given|despite|for|with|without|to|from|by|of|over|under|about|against|than|into|amid|among|"
    r"between|through|toward|towards|until|like|unlike|because|since|although|though|unless|if|and|or|but)\s"
)
# Punctuation that closes a clause before the next one opens: a comma, a dash, a semicolon.
_CLAUSE_BREAK = re.compile(r"[,;:―—–]|--")
# A second subject joined to a sentence's first: 'Jane Smith and Mary Jones met'.
_CONJOINED = re.compile(rf"\s+and\s+(?P<name>{NAME_RUN.pattern})(?=\s+[a-z])")
# A dash or another quotation between someone's "remark" and a quote: the quote is not the remark.
_DASH_OR_QUOTE = re.compile(r"[—–]|--|\x00")
# A paragraph that ends by introducing the next one: 'He said:', 'Trump told reporters:'.
_INTRODUCES = re.compile(r"\b(?:" + CUE.pattern + r")(?:\s+[\w’'-]+){0,4}\s*:\s*$")
# A person introduced with a role, as copy does before quoting them: 'Henry Crespo, president of
# the Florida Democratic Black Caucus'.
_APPOSITIVE_INTRO = re.compile(
    rf"(?P<name>{NAME_RUN.pattern}),\s+(?P<role>(?:(?:a|an|the)\s+)?(?:{ROLE_MODIFIER}\s+){{0,5}}"
    rf"(?:{'|'.join(sorted(ROLE_NOUNS))})\b(?:\s+(?:of|at|for)\s[^,.;\x00]{{1,60}})?)(?=[,.;])"
)
# Words of a speaker talking about themselves or to the reader: an excerpt holding none is narrative.
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Ww]e['’](?:re|ve|d|ll)|us|[Oo]ur|[Oo]urs|[Yy]ou|[Yy]our)\b")
# Honorifics that tell a person's gender: 'Mr. Obama', 'Mrs. Clinton'.
_HONORIFIC_GENDER = {"mr": "male", "sir": "male", "lord": "male", "mrs": "female", "ms": "female", "miss": "female", "dame": "female", "lady": "female"}
# What attribution gives when a reporting clause names nobody it can resolve ("an official said").
_UNKNOWN = ("", None)
_MENTION = 0.7
"""What a name in passing counts for as a pronoun's antecedent, against a subject's 1 (Lappin and
Leass's weights: an oblique or object against a subject)."""
_MENTION_REACH = 2
"""How many sentences back a name in passing may be a pronoun's antecedent."""
_POSSESSOR = 0.45
"""What a possessor ('Trump’s plan') counts for: a name inside another noun phrase."""
_DECAY = 0.5
"""How much of its weight a name keeps for each sentence between it and the pronoun."""
REACH = 500
"""How many named people back a pronoun or a description ("the spokeswoman") may refer: far more
than a news article names, a bound on the search in a very long one."""
_T = TypeVar("_T")


Speaker = tuple[str, Optional[str]]
"""A speaker as the source names them, with the role it gives (or None)."""


@dataclass(frozen=True, slots=True)
class Named:
    """Someone the text names as a speaker or a sentence's subject: what pronouns may refer to."""

    at: tuple[int, int]
    """Block index and offset in the block."""
    name: str
    """The name as written; empty for a group the text does not name ('Critics of the program')."""
    role: Optional[str]
    org: bool
    sentence: int = -1
    """Where the sentence they are the subject of starts in the block (else -1): two people one
    sentence names as its subject ('Jane Smith and Mary Jones met') are equally likely for a later "she"."""
    ordinal: int = 0
    """The number of the sentence they are named in, counted through the whole source."""
    mention: bool = False
    """True when the sentence names them but not as its subject or a speaker ('with Hillary Clinton
    lambasting the plan'): less likely to be what a later "she" means than a subject."""
    possessive: bool = False
    """True for a mention as a possessor ('Trump’s plan'), less likely still."""


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of a source, with the offsets of its sentences."""

    text: str
    sentences: tuple[tuple[int, int, str], ...]
    first: int = 0
    """The number of its first sentence, counted through the whole source."""

    def ordinal(self, offset: int) -> int:
        """Return the number, through the whole source, of the sentence holding ``offset``."""
        return self.first + max(0, bisect_left(self.sentences, offset + 1, key=lambda s: s[0]) - 1)


def blocks(source: Source) -> list[Block]:
    """A source's paragraphs, as cleaning mended them and a reader sees them, with sentence offsets."""
    out = []
    first = 0
    for _, run in itertools.groupby(source.sentences, key=lambda sentence: sentence.paragraph):
        text, offsets = "", []
        for sentence in run:
            if text:
                text += " "
            offsets.append((len(text), len(text) + len(sentence.text), sentence.id))
            text += sentence.text
        out.append(Block(text, tuple(offsets), first))
        first += len(offsets)
    return out


def named_events(masked: str, b: int, block: Block, entities: Sequence[Entity], history: Sequence[Named] = ()) -> list[Named]:
    """List who a block names, as a speaker, a sentence's subject or in passing, for pronouns to refer to.

    A subject or a speaker written "he" or "she" is the person it stands for (read against
    ``history``, the events before the block), so that person stays the likeliest for the next
    pronoun: 'Scott bristles at the suggestion. He said … “…,” he added.'
    """
    events = []
    subjects = []
    pronouns = []  # (offset, pronoun) of subjects and speakers written as a pronoun

    def named(offset: int, subject: Subject, sentence: int = -1) -> Named:
        return Named((b, offset), subject.text, subject.role, _is_org(subject, entities), sentence, block.ordinal(offset))

    for start, end, _ in block.sentences:
        subject = sentence_subject(masked[start:end])
        if subject and subject.kind == "pronoun" and not subject.org:
            pronouns.append((start, subject))
        if (subject is None or subject.kind == "name" and not _known(subject, entities)) and opens_with_group(masked, start):
            # 'Critics of the program, like Senators …, see …. They wrote': a group nobody names.
            events.append(Named((b, start), "", None, True, ordinal=block.ordinal(start)))
        if subject and subject.kind == "name" and _known(subject, entities):
            events.append(named(start, subject, sentence=start))
            subjects.append((start, end))
            # 'Jane Smith and Mary Jones met …': both are the sentence's subject.
            at = masked.find(subject.text, start, end)
            other = _CONJOINED.match(masked, at + len(subject.text)) if at >= 0 else None
            second = parse_subject(other.group("name")) if other else None
            if second and second.kind == "name" and _known(second, entities):
                events.append(named(start, second, sentence=start))
    for cue in cues(masked):
        subject = None
        # An inverted clause names its subject after the cue: '”, said Singh', '..., noted NBC’s Dante Chinni.'
        if cue.start() == 0 or re.search(r"[\x00,]\s*$", masked[max(0, cue.start() - 4):cue.start()]):
            subject = subject_after(masked, cue.end(), len(masked))
        if subject is None or subject.kind != "name":
            subject = subject_before(masked, cue.start())
        if subject and subject.kind == "name":
            events.append(named(cue.start(), subject))
        elif subject and subject.kind == "pronoun" and not subject.org:
            pronouns.append((cue.start(), subject))
    for intro in _APPOSITIVE_INTRO.finditer(masked):
        # Only in a sentence with no named subject: in 'Cruz criticized Merrick Garland, the
        # attorney general.' the next "he" is still Cruz.
        if any(s <= intro.start() < e for s, e in subjects):
            continue
        subject = parse_subject(intro.group("name"))
        if subject and subject.kind == "name" and not subject.org and 2 <= len(subject.text.split()) <= 4:
            events.append(Named((b, intro.start("name")), subject.text, _role_of(intro.group("role")), False,
                                ordinal=block.ordinal(intro.start())))
    for acc in ACCORDING.finditer(masked):
        subject = subject_after(masked, acc.end(), len(masked))
        if subject and subject.kind == "name":
            events.append(named(acc.start(), subject))
    events.extend(_mentions(masked, b, block, entities))
    events.sort(key=lambda h: h.at)
    earlier = list(history[-REACH:])
    for offset, pronoun in sorted(pronouns, key=lambda p: p[0]):
        before = earlier + [e for e in events if e.at[1] < offset]
        found = _antecedent(pronoun, before, entities, block.ordinal(offset))
        if found:
            insort(events, Named((b, offset), found[0], found[1], False, ordinal=block.ordinal(offset)), key=lambda h: h.at)
    return events


def _mentions(masked: str, b: int, block: Block, entities: Sequence[Entity]) -> list[Named]:
    # Every person of the story a sentence names outside its quotes, subject or not ('with Hillary
    # Clinton lambasting Trump’s plan'): a pronoun in the next sentences may stand for them.
    found = []
    for match in NAME_RUN.finditer(masked):
        written = match.group(0)
        entity = _find_entity(strip_possessive(written), entities)
        if entity is not None and entity.kind == "person" and can_speak(entity.name):
            possessive = written.endswith(("’s", "'s")) or masked.startswith(("’s", "'s"), match.end())
            found.append(Named((b, match.start()), entity.name, None, False, ordinal=block.ordinal(match.start()),
                               mention=True, possessive=possessive))
    return found


def excerpt_events(block: Block, masked: str, spans: Sequence[Span], b: int, entities: Sequence[Entity]) -> list[Named]:
    """List who an excerpt of another article names as a subject, for a later "she said" to refer to.

    An excerpt ('McCrummen reports: "Melanie thought the whole thing was outrageous. …') is a
    quote left open across paragraphs that tells a story in the third person; a speaker's own
    words say "I" or "we", and the people they name are not who the report's "he" means.
    """
    events: list[Named] = []
    for span in spans:
        inner = block.text[span.start:span.end]
        if span.closed or _FIRST_PERSON.search(inner):
            continue
        unmasked = masked[: span.start] + inner + masked[span.end:]
        events.extend(e for e in named_events(unmasked, b, block, entities) if span.start <= e.at[1] < span.end)
    return events


def attribute_block(
    block: Block, masked: str, spans: Sequence[Span], b: int, history: Sequence[Named], entities: Sequence[Entity]
) -> list[Optional[Speaker]]:
    """Give each quoted span of a block its speaker; a quote with no cue of its own takes its neighbour's."""
    found = [_attribute(block, masked, span, b, history, entities) for span in spans]
    shared = [_neighbour(found, i) if found[i] is None else found[i] for i in range(len(found))]
    return [None if s == _UNKNOWN else s for s in shared]


def introduced(block: Block, masked: str, b: int, history: Sequence[Named], entities: Sequence[Entity]) -> Optional[Speaker]:
    """Return who a block ending on a cue and a colon introduces ('He said:'), for the quote that follows."""
    match = _INTRODUCES.search(masked)
    if not match:
        return None
    subject = subject_before(masked, match.start())
    return _resolve(subject, (b, match.start()), history, entities, block.ordinal(match.start())) if subject else None


def quotes_only(masked: str) -> bool:
    """Tell whether a block holds quotation and punctuation only: no words of the writer's."""
    return "\x00" in masked and not re.search(r"\w", masked.replace("\x00", ""))


def closes_with_credit(text: str, masked: str, last: Span) -> bool:
    """Tell whether a block ends on its last quote and that quote's credit alone ('”, he said.').

    A question is not one: the next paragraph's quotation may well be someone's answer.
    """
    rest = masked[last.outer_end:]
    asks = text[last.start:last.end].rstrip(" ,").endswith("?")
    return last.closed and not asks and "\x00" not in rest and 0 < len(rest.split()) <= 8 and bool(cues(rest))


def _role_of(text: str) -> str:
    return re.sub(r"^(?:a|an|the)\s+", "", " ".join(text.split()))


def _known(subject: Subject, entities: Sequence[Entity]) -> bool:
    # A lone capitalised word opening a sentence is a name only if the story knows it ("Investors" is not).
    if subject.kind != "name" or len(subject.text.split()) > 1:
        return True
    return is_given_name(subject.text) or _find_entity(subject.text, entities) is not None


def _is_org(subject: Subject, entities: Sequence[Entity]) -> bool:
    entity = _find_entity(subject.text, entities)
    if entity is not None and entity.kind != "place":
        return entity.kind != "person"
    return subject.org


def _frame(block: Block, span: Span) -> tuple[int, int]:
    starts = [s for s, e, _ in block.sentences if s <= span.outer_start] or [0]
    ends = [e for s, e, _ in block.sentences if e >= span.outer_end] or [len(block.text)]
    return max(starts), min(ends)


def _attribute(block: Block, masked: str, span: Span, b: int, history: Sequence[Named], entities: Sequence[Entity]) -> Optional[Speaker]:
    start, end = _frame(block, span)
    right = masked[span.outer_end:end]
    dash = _DASH_CREDIT.match(right)
    if dash:
        subject = parse_subject(dash.group("name"))
        if subject is not None and subject.kind == "name":
            return subject.text, subject.role
    # Whether the quote closes its clause: '“We will go,” in a statement' does, '“no surprise” given' does not.
    ends_clause = bool(re.search(r"[,.;:!?…]\W*$", block.text[span.start:span.outer_end + 1]))
    candidates = [c for c in (_after(masked, span, end, ends_clause), _before(masked, span, start, end)) if c]
    if not candidates and not masked[span.outer_end:end].strip():
        # The quote ends its sentence and the cue opens the next: '“We will go.” Singh said.'
        following = [(s, e) for s, e, _ in block.sentences if s >= end]
        after = _after(masked, span, following[0][1]) if following and _bare_report(masked[slice(*following[0])]) else None
        candidates = [after] if after and after[0] <= 4 else []
    if not candidates:
        said = [m for m in POSSESSIVE_SPEECH.finditer(masked, start, span.outer_start) if _introduces(masked[m.end():span.outer_start])]
        if said:
            named = parse_subject(said[-1].group("name"))
            if named is not None and named.kind == "name":
                return named.text, named.role
        if masked[start:span.outer_start].strip(" \x00"):
            # A partial quote with no cue: the words are the clause subject's ("Trump is promising “jobs”").
            opening = masked[start:span.outer_start]
            subject = sentence_subject(opening)
            if subject and subject.kind == "pronoun" and subject.text == "it":
                return _UNKNOWN  # 'It is also illegal for an official to use “…”': nobody's words
            if subject and not _known(subject, entities) and not reads_as_name(opening, subject.text.split()[0]):
                return _UNKNOWN  # 'Either individual managers are on their own, “or else …”': no one the story names
            if subject:
                return _resolve(subject, (b, span.outer_start), history, entities, block.ordinal(span.outer_start))
        return _previous_sentence(block, masked, start, b, history, entities)
    speakers = [_resolve(subject, (b, at), history, entities, block.ordinal(at)) for _, subject, at in candidates]
    # An unresolved description ("the senator") counts as someone else; an unresolved "he" does not.
    distinct = {_person_key(s) if s else subject.text for s, (_, subject, _) in zip(speakers, candidates)
                if s or subject.kind in ("nominal", "name")}
    if len(distinct) > 1:
        # A cue before the quote and one after it credit different people ('as Trump went on about
        # “…,” Melanie said yes'): which one the words are is not clear, so nobody.
        return _UNKNOWN
    _, subject, at = min(candidates, key=lambda c: c[0])
    return _resolve(subject, (b, at), history, entities, block.ordinal(at)) or _UNKNOWN


def _person_key(speaker: Speaker) -> str:
    # Two writings of one speaker share a surname: "Donald Trump", "Mr. Trump" (names.surname_key).
    return surname_key(speaker[0]) if speaker[0].strip() else ""


def _bare_report(sentence: str) -> bool:
    # A sentence that only says who spoke ('Singh said.', 'Smith told reporters on Monday.'), not one
    # reporting something else ('Russia insisted that Pyongyang “…”').
    return "\x00" not in sentence and not re.search(r"\bthat\b", sentence) and len(sentence.split()) <= 12


def _after(masked: str, span: Span, end: int, ends_clause: bool = True) -> Optional[tuple[int, Subject, int]]:
    # The reporting clause right after the quote: '”, Singh said', '” said Singh', '” according to X'.
    # ``ends_clause`` tells whether the quote ends on punctuation ('“We will go,” in a statement, …').
    right = masked[span.outer_end:end]
    verbs = [m for m in CUE.finditer(right) if is_verb(masked, span.outer_end + m.start())]
    found = sorted([*verbs, *ACCORDING.finditer(right)], key=lambda m: m.start())
    if not found or "\x00" in right[: found[0].start()]:
        return None
    cue = found[0]
    between = right[: cue.start()]
    if _GOES_ON.match(between) and not ends_clause and "," not in between:
        return None  # '“no surprise” given his 2016 campaign promises': the sentence goes on
    at = span.outer_end + cue.start()
    if ACCORDING.match(cue.group(0) + " "):
        subject = subject_after(masked, span.outer_end + cue.end(), end)
    else:
        # '”, Singh said' has the subject before the cue; '”, said Singh' right after it.
        if between.strip(" ,."):
            subject = subject_before(masked, at, span.outer_end)
        else:
            subject = subject_after(masked, span.outer_end + cue.end(), end)
    if subject is None and _NO_SUBJECT_BETWEEN.fullmatch(between):
        # '“…,” and concluded', 'the advertisement “…” suggests': the cue's subject is before the
        # quote, and the quote is no reporting clause's
        return None
    # A cue of the quote's own whose subject cannot be read ('” a narrator in the ad asks') gives
    # nobody: the quote does not take a neighbour's speaker.
    return len(between.split()), subject or Subject("nobody", ""), at


def _before(masked: str, span: Span, start: int, end: int) -> Optional[tuple[int, Subject, int]]:
    # The nearest reporting clause before the quote: 'Singh said officials “', 'saying, “'.
    left = masked[start:span.outer_start]
    verbs = [m for m in (*CUE.finditer(left), *PARTICIPLE.finditer(left)) if is_verb(masked, start + m.start())]
    for cue in sorted([*verbs, *ACCORDING.finditer(left)], key=lambda m: m.start(), reverse=True):
        at = start + cue.start()
        if ACCORDING.match(cue.group(0) + " "):
            subject = subject_after(masked, start + cue.end(), span.outer_start)
        elif PARTICIPLE.fullmatch(cue.group(0)) and _PROGRESSIVE.search(masked, start, at):
            # 'Gary Johnson’s doctor is calling the candidate “…”': a finite verb, with its own subject.
            subject = subject_before(masked, start + _PROGRESSIVE.search(masked[start:at]).start(), start)  # type: ignore[union-attr]
        elif PARTICIPLE.fullmatch(cue.group(0)):
            named_at = prepositional_name(masked, at)
            subject = parse_subject(masked[named_at:at]) if named_at is not None and named_at >= start else None
            if subject is None or subject.kind != "name":
                subject = _main_subject(masked, start, at, end)
        else:
            subject = subject_before(masked, at, start)
            if subject is None and _COORDINATED.search(masked[start:at]):
                subject = sentence_subject(masked[start:at])
            if subject is None and _RELATIVE_SUBJECT.search(masked, start, at):
                # 'He released a letter from his doctor that says he has “…”': the words are the
                # letter's, not the clause subject's; who wrote it the clause does not say.
                subject = Subject("nobody", "that")
            if subject is None and not masked[start:at].strip(" \x00,"):
                subject = subject_after(masked, start + cue.end(), span.outer_start)  # 'Said Ellis: “'
        if subject:
            if subject.kind in ("name", "nominal") and _reported_within(masked, start, at, subject):
                subject = Subject("nobody", subject.text)
            return len(left[cue.end():].split()) + 1, subject, at
    return None


def _reported_within(masked: str, start: int, at: int, inner: Subject) -> bool:
    # A report inside another one ('X told NBC that the campaign believes “…”', 'Trump said that
    # Clinton once described it as “…”'): an earlier cue of the sentence has a different named
    # subject, and who said the words is not clear. "According to" relays the inner speaker.
    for cue in cues(masked, start, at):
        if _CLAUSE_BREAK.search(masked, cue.end(), at):
            continue  # 'When Clinton noted that … ― Trump boasted': the earlier clause is over
        outer = subject_before(masked, cue.start(), start)
        if outer is not None and outer.kind == "name" and fold(outer.text) != fold(inner.text):
            return True
    return False


def _introduces(gap: str) -> bool:
    # 'Trump’s claim that there have been “…”' gives the claim's words; 'treating Clinton’s remark
    # as a compliment -- “…”' gives the subject's own, after a dash or another quote.
    return not _DASH_OR_QUOTE.search(gap)


def _main_subject(masked: str, floor: int, at: int, end: int) -> Optional[Subject]:
    # A participle shares the subject of its main clause: 'X said ..., adding', 'After saying “…”, she was'.
    for cue in reversed(cues(masked, floor, at)):
        subject = subject_before(masked, cue.start(), floor)
        if subject:
            return subject
    return sentence_subject(masked[floor:end])


def _previous_sentence(block: Block, masked: str, start: int, b: int, history: Sequence[Named], entities: Sequence[Entity]) -> Optional[Speaker]:
    # 'Abdramane spoke on television. "The US presence is illegal."': the cue is one sentence back.
    before = [(s, e) for s, e, _ in block.sentences if e <= start]
    if not before:
        return None
    s, e = before[-1]
    if "\x00" in masked[s:e]:
        return None
    for cue in reversed(cues(masked, s, e)):
        subject = subject_before(masked, cue.start(), s)
        if subject:
            return _resolve(subject, (b, cue.start()), history, entities, block.ordinal(cue.start()))
    return None


def _resolve(subject: Subject, at: tuple[int, int], history: Sequence[Named], entities: Sequence[Entity], here: int) -> Optional[Speaker]:
    if subject.kind in ("name", "description"):
        return subject.text, subject.role
    if subject.kind == "nobody":
        return None
    end = bisect_left(history, at, key=lambda h: h.at)  # history is in reading order
    earlier = history[max(0, end - REACH):end]
    if subject.kind == "pronoun":
        return _antecedent(subject, earlier, entities, here)
    noun = subject.text
    if subject.org and noun.startswith("the "):
        head = noun.split()[-1]
        named = next((h for h in reversed(earlier) if h.org and not h.mention and head in fold(h.name).split()), None)
        return (named.name, named.role) if named else (noun, None)
    # "the spokeswoman said": the latest named speaker the article gave that role.
    for h in reversed(earlier):
        if h.mention:
            continue
        titles = {SHORT_TITLES.get(w.strip("."), w) for w in fold(h.name).split()}
        if (h.role and noun in fold(h.role)) or noun in titles:
            return h.name, h.role
    found = _memo(entities, ("role", noun), lambda: _entity_with_role(noun, entities))
    # 'The Indiana governor said' with no governor named: the description as written, never a guess.
    return found if found or not subject.role else (subject.role, None)


def _entity_with_role(noun: str, entities: Sequence[Entity]) -> Optional[Speaker]:
    for entity in entities:
        role = next((r for r in entity.roles if noun in fold(r)), None)
        if role:
            return entity.name, role
    return None


def _antecedent(pronoun: Subject, earlier: Sequence[Named], entities: Sequence[Entity], here: int) -> Optional[Speaker]:
    # The likeliest earlier person the pronoun can stand for, by salience (Lappin and Leass 1994):
    # a subject or a speaker counts for more than a name in passing (_MENTION), a possessor for
    # less (_POSSESSOR), and each sentence back halves what a name counts for. So the subject of
    # the sentence before wins over a name in passing in it, and a name in passing in the sentence
    # before over the subject of one further back ('…, said Batchelder. It became an issue, with
    # Hillary Clinton lambasting the plan. “…,” she said.': Clinton). When the best two are equally
    # likely (two names in passing, or 'Jane Smith and Mary Jones met. She said'), nobody.
    wanted = {"he": "male", "she": "female"}.get(pronoun.text)

    def fits(h: Named) -> bool:
        if pronoun.org:
            return h.org and not h.mention
        if h.mention and not 1 <= here - h.ordinal <= _MENTION_REACH:
            # 'Asked about Clinton, he said': a name in the pronoun's own sentence is someone else's;
            # one in passing is remembered for a sentence or two, a subject for longer.
            return False
        return not h.org and _person_like(h.name, entities) and (wanted is None or _gender(h.name, entities) in (None, wanted))

    best: Optional[Named] = None
    score = 0.0
    tied = False
    for k in range(len(earlier) - 1, -1, -1):
        h = earlier[k]
        top = _DECAY ** max(0, here - h.ordinal)
        if score >= top:
            break  # nobody further back can count for more
        if not fits(h):
            continue
        weight = top * (_POSSESSOR if h.possessive else _MENTION if h.mention else 1.0)
        if best is not None and _person_key((h.name, None)) == _person_key((best.name, None)):
            if weight > score:
                best, score = h, weight
            continue
        if weight == score:
            tied = True
        elif weight > score:
            best, score, tied = h, weight, False
            if not h.mention and not pronoun.org and h.sentence >= 0 and any(
                o.at[0] == h.at[0] and o.sentence == h.sentence and _person_key((o.name, None)) != _person_key((h.name, None))
                and fits(o) for o in earlier[max(0, k - 8):k]
            ):
                return None
    if best is None or tied or not best.name:
        return None  # nobody, two equally likely, or a group the text does not name
    return best.name, best.role


def _person_like(name: str, entities: Sequence[Entity]) -> bool:
    entity = _find_entity(name, entities)
    if entity is not None:
        return entity.kind == "person"
    return 2 <= len(name.split()) <= 4 and not looks_like_org(name)


def _gender(name: str, entities: Sequence[Entity]) -> Optional[str]:
    # From the honorific ("Mr. Obama"), else the given name, else, for a lone surname, the people
    # who bear it, unless they differ (Bill and Hillary Clinton).
    by_title = _HONORIFIC_GENDER.get(fold(name.split()[0]).strip("."))
    if by_title:
        return by_title
    given = strip_titles(name).split()
    if len(given) > 1:
        return gender(given[0])  # a family shares a surname: never guess from it
    surname = fold(given[-1])
    return _memo(entities, ("surname", surname), lambda: _surname_gender(surname, entities))


def _surname_gender(surname: str, entities: Sequence[Entity]) -> Optional[str]:
    bearers = {
        _entity_gender(e) for e in entities if e.kind == "person" and surname in fold(e.name).split()
    } - {None}
    return bearers.pop() if len(bearers) == 1 else None


def _entity_gender(entity: Entity) -> Optional[str]:
    for written in (entity.name, *entity.aliases):
        by_title = _HONORIFIC_GENDER.get(fold(written.split()[0]).strip("."))
        if by_title:
            return by_title
    given = strip_titles(entity.name).split()
    return gender(given[0]) if len(given) > 1 else None


def _neighbour(found: Sequence[Optional[Speaker]], i: int) -> Optional[Speaker]:
    # '“A,” he said. “B.”': B is the same speaker's; the nearest earlier quote first, then later.
    for j in [*range(i - 1, -1, -1), *range(i + 1, len(found))]:
        if found[j] and found[j] != _UNKNOWN:
            return found[j]
    return None


def _find_entity(name: str, entities: Sequence[Entity]) -> Optional[Entity]:
    return _memo(entities, ("entity", name), lambda: find_entity(name, entities))


# The story's entities last asked about, and the answers found in them: attribution asks the same
# questions about the same few names for every quote, and each answer walks every entity.
_answers: tuple[object, dict[tuple[str, str], object]] = (None, {})


def _memo(entities: Sequence[Entity], question: tuple[str, str], answer: Callable[[], _T]) -> _T:
    """Answer a question about a story's entities once per tuple of entities."""
    global _answers
    if not isinstance(entities, tuple):
        return answer()  # a list may change between calls
    if _answers[0] is not entities:
        _answers = (entities, {})
    known = _answers[1]
    if question not in known:
        known[question] = answer()
    return known[question]  # type: ignore[return-value]
