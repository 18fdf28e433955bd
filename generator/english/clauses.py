"""The structure of a clause, read from part-of-speech tags: is a reporting cue a verb, which noun
phrase is its subject, is a sentence told in the past perfect or the present, and does a date belong to a
noun.

The tags come from ``tagger.tag``; these functions say "cannot tell" (True, None) where the tags do
not decide, so that the rules in ``speakers`` keep the last word there.
"""
from __future__ import annotations

import re
from typing import Optional

from . import tagger
from .lexicon import SAYING_FORMS
from .names import ORG_NOUNS, ROLE_NOUNS, TITLES
from .text import fold

# Tags of the words a noun phrase is made of: determiners, adjectives, numbers, nouns, possessives.
_NP = frozenset("DT PDT PRP$ JJ JJR JJS CD NN NNS NNP NNPS POS HYPH".split())
_NOUNS = frozenset("NN NNS NNP NNPS PRP".split())
# Words between a subject and its verb: adverbs, modals and auxiliaries ("has also said").
_BETWEEN = frozenset("RB RBR RBS MD".split())
# Tags of a finite verb: past, present, modal.
_FINITE = frozenset("VBD VBZ VBP MD".split())
# Tags of the word that opens a subordinate or relative clause: "after", "because", "when", "which", "who".
_SUBORDINATE = frozenset("IN WRB WDT WP".split())
# Tags of a relative pronoun: "which", "that" (as the tagger reads it after a noun), "who".
_RELATIVE = frozenset("WDT WP".split())
# Tags of a determiner or a possessive before a noun: "the", "a", "its".
_DETERMINERS = frozenset("DT PRP$".split())
# The words that may carry those tags before a date: a relative pronoun, a determiner or a possessive.
_RELATIVE_WORD = re.compile(r"\b(?:which|whichever|that|who|whom|whose|whoever|whomever|what|whatever)\b", re.IGNORECASE)
_DETERMINER_WORD = re.compile(r"\b(?:the|a|an|this|that|these|those|some|any|no|each|every|all|another|both|either|"
                              r"neither|its|his|her|their|our|my|your)\b", re.IGNORECASE)
_AUXILIARIES = frozenset("has have had is was were are be been being do does did 's 've 'd".split())
# Nouns for a person or people, besides roles: 'Gary Johnson's doctor', 'Scott's family'.
_PERSON_NOUNS = frozenset(
    """doctor physician nurse lawyer teacher student worker voter voters resident residents member members
    activist activists critic critics supporter supporters friend friends wife husband son daughter mother
    father brother sister family relatives parents neighbor neighbour witness witnesses people businessman
    businesswoman man woman""".split()
)
# What a person or a body writes, whose words are the writer's: 'Ivana Trump's brief said'.
_DOCUMENTS = frozenset(
    "report statement study survey poll analysis memo letter filing brief release document website post tweet".split()
)
# Nouns that head a noun phrase standing for people or a body: 'a spokesman', 'the campaign', 'the report'.
_PEOPLE_NOUNS = ROLE_NOUNS | ORG_NOUNS | TITLES | _PERSON_NOUNS | _DOCUMENTS
# A plural noun after a determiner, an adjective or a possessive is no verb: 'Republican claims',
# 'his remarks'. A singular reading is not trusted: the tagger, trained on web text, reads news
# copy's "said" as a noun after "an official".
_NOUN_READING = frozenset({"NNS"})
_MODIFIERS = frozenset("DT PRP$ JJ POS CD".split())
# Prepositions that place or accompany a noun ('officials in Washington', 'a man outside the bank',
# 'a woman with her children'). Not the ones that open a clause ('after', 'because', 'that'), nor
# "of"/"for", which name what a role is of ('a spokesman for Acme').
_PLACING = frozenset("in at near outside inside from across around behind within on with among beside".split())


def _at(tokens: tuple[tagger.Token, ...], offset: int) -> Optional[int]:
    for i, token in enumerate(tokens):
        if token.start <= offset < token.end:
            return i
    return None


def is_verb(text: str, offset: int) -> bool:
    """Tell whether the word at ``offset`` is used as a verb ("Republican claims" is a noun)."""
    tokens = tagger.tag(text)
    i = _at(tokens, offset)
    if i is None or i == 0 or not tokens[i].text[:1].islower():
        return True  # no tags, or a capitalised cue opening a sentence ("Said Ellis:"), which the tagger misreads
    # Only a noun reading after a modifier counts: a tagger trained on web text misreads news
    # copy's verbs now and then ("Shah told/NN InsideSources"), and a lost cue costs a right speaker.
    return not (tokens[i].tag in _NOUN_READING and tokens[i - 1].tag in _MODIFIERS)


def heads_the_subject(text: str, offset: int) -> bool:
    """Tell whether the word at ``offset`` is a singular common noun right before the clause's verb, as
    the tagger reads them: "law" in "Federal law makes", "campaign" in "The Trump campaign said". (A
    plural is left alone, "Trump tweets" may be the verb; so is a noun not followed by a verb, as the
    tagger reads some verbs after a name as nouns: "Trump stood/NN by".)"""
    tokens = tagger.tag(text)
    i = _at(tokens, offset)
    return i is not None and tokens[i].tag == "NN" and i + 1 < len(tokens) and tokens[i + 1].tag in _FINITE


def subject_head(text: str, offset: int) -> Optional[tuple[int, tagger.Token]]:
    """Return the head word of the noun phrase right before the verb at ``offset``, if the tags show one.

    'A chorus of prominent Republicans has said' -> chorus; 'Scott's family has called' -> family;
    'Clinton spokesman Jesse Lehrich said' -> Lehrich. None when the words before the verb are not a
    plain noun phrase (a comma, a quotation, a clause): the caller's rules read those.
    """
    tokens = tagger.tag(text)
    i = _at(tokens, offset)
    if i is None:
        return None
    j = i - 1
    while j >= 0 and (tokens[j].tag in _BETWEEN or fold(tokens[j].text) in _AUXILIARIES):
        j -= 1
    if j < 0 or tokens[j].tag not in _NOUNS:
        return None
    head = tokens[j]
    k = _phrase_start(tokens, j)
    # 'A chorus of prominent Republicans': a phrase after "of" modifies the noun before it.
    if k >= 2 and fold(tokens[k - 1].text) == "of" and tokens[k - 2].tag in ("NN", "NNS"):
        return tokens[_phrase_start(tokens, k - 2)].start, tokens[k - 2]
    # 'Officials in Washington said', 'a man standing outside the bank said': a noun phrase after a
    # preposition is the preposition's object, and the subject is the noun phrase before it (past a
    # participle). 'A spokesman for Acme said' is left to the caller, which credits the body.
    m = k - 1
    # (The tagger reads some prepositions before a place as adverbs: 'Residents near/RB Lake Tahoe'.)
    if m >= 1 and tokens[m].tag in ("IN", "RB") and fold(tokens[m].text) in _PLACING:
        m -= 1
        while m >= 0 and tokens[m].tag in ("VBG", "VBN", "RB"):
            m -= 1
        if m >= 0 and tokens[m].tag in _NOUNS and tokens[m].tag != "PRP":
            return tokens[_phrase_start(tokens, m)].start, tokens[m]
    return tokens[k].start, head


def _phrase_start(tokens: tuple[tagger.Token, ...], i: int) -> int:
    """The index of the first word of the noun phrase whose last word is ``tokens[i]``."""
    while i > 0 and tokens[i - 1].tag in _NP:
        i -= 1
    return i


def opens_with_group(text: str, offset: int) -> bool:
    """Tell whether the sentence at ``offset`` opens on a noun phrase for a group the text does not
    name, by a plural common noun: 'Critics of the program see …', 'Many lawmakers say …'. A later
    "they" most likely stands for that group."""
    tokens = tagger.tag(text)
    i = _at(tokens, offset)
    if i is None:
        return False
    while i < len(tokens) and tokens[i].tag in ("DT", "PDT", "JJ", "CD", "PRP$"):
        i += 1
    return i < len(tokens) and tokens[i].tag == "NNS"


def prepositional_name(text: str, offset: int) -> Optional[int]:
    """Return where a name right before the participle at ``offset`` starts when a preposition
    governs it ('footage of Hillary Clinton asking', 'with Smith saying'): the participle's clause
    is that name's, not the main clause's. None otherwise ('Clinton attacked Trump, saying')."""
    tokens = tagger.tag(text)
    i = _at(tokens, offset)
    if i is None:
        return None
    k = i
    while k > 0 and tokens[k - 1].tag in ("NNP", "NNPS"):
        k -= 1
    if k == i or k == 0 or tokens[k - 1].tag != "IN":
        return None
    return tokens[k].start


def possessed(text: str, head: tagger.Token) -> bool:
    """Tell whether a head noun follows a possessive: 'Scott's family', 'Gary Johnson's doctor'."""
    tokens = tagger.tag(text)
    i = _at(tokens, head.start)
    return i is not None and i > 0 and tokens[i - 1].tag == "POS"


def after_quoted_noun(text: str, offset: int, floor: int = 0) -> bool:
    """Tell whether the word at ``offset`` follows a quotation used as a noun ('his “Congratulations”
    Vladimir Putin'): the name goes on that noun phrase and opens no clause of its own. Only a
    quotation after ``floor`` (where the sentence starts) counts: one before may have ended a sentence."""
    tokens = tagger.tag(text)
    i = _at(tokens, offset)
    return (i is not None and i >= 2 and tokens[i - 2].start >= floor and tokens[i - 1].text.startswith("\x00")
            and tokens[i - 2].tag in ("PRP$", "DT"))


def joins_nouns(text: str, offset: int) -> bool:
    """Tell whether the "and" at ``offset`` joins two nouns of one noun phrase ('an economist and
    tax expert'), not two clauses or predicates ('met the mayor and said')."""
    tokens = tagger.tag(text)
    i = _at(tokens, offset)
    return (i is not None and 0 < i < len(tokens) - 1 and tokens[i - 1].tag in ("NN", "NNS", "JJ")
            and tokens[i + 1].tag in ("NN", "NNS", "JJ"))


def is_document(token: tagger.Token) -> bool:
    """Tell whether a common noun names something written, whose words are its author's ('brief', 'report')."""
    return fold(token.text) in _DOCUMENTS


def is_person_noun(token: tagger.Token) -> bool:
    """Tell whether a common noun stands for a person or people ('doctor', 'family', 'spokesman')."""
    return fold(token.text) in ROLE_NOUNS | _PERSON_NOUNS


def heads_people(token: tagger.Token) -> bool:
    """Tell whether a noun phrase with this head may stand for a speaker: a name, a pronoun, a role or a body."""
    return token.tag in ("NNP", "NNPS", "PRP") or fold(token.text) in _PEOPLE_NOUNS


# Words between "had" or "has" and its participle in a perfect: "had closely collaborated", "had in the
# past worked", "had long been".
_PERFECT_BETWEEN = frozenset("in the past long also already previously once never not earlier recently often".split())
# Only a sentence with "had" can be in the past perfect; most have none and are not tagged for it.
_HAD = re.compile(r"\b(?:had|'d|’d)\b", re.IGNORECASE)


def _main_verb(tokens: tuple[tagger.Token, ...]) -> Optional[int]:
    """The index of a sentence's first finite verb outside an opening clause ("After the junta had seized
    power, it ...") and outside a relative clause ("The deal, which had been expected, gives ...")."""
    start = next((i + 1 for i, t in enumerate(tokens) if t.text == ","), 0) if tokens and tokens[0].tag in _SUBORDINATE else 0
    return next((i for i in range(start, len(tokens)) if tokens[i].tag in _FINITE
                 and not (i > 0 and tokens[i - 1].tag in _SUBORDINATE)), None)


def past_perfect(text: str) -> bool:
    """Tell whether a sentence's first finite verb is in the past perfect: "In the past, Niger's military
    had closely collaborated with the United States" tells what had happened before the story's events;
    "Police said the man had shot his wife" (its first verb "said") and "The US had 1,000 troops there"
    (no participle) do not."""
    if not _HAD.search(text):
        return False
    tokens = tagger.tag(text)
    finite = _main_verb(tokens)
    if finite is None or fold(tokens[finite].text) not in ("had", "'d"):
        return False
    participle = _past_adverbs(tokens, finite + 1)
    if any(fold(t.text) == "just" for t in tokens[finite + 1:participle]):
        return False  # "had just parked her car when ...": the moment of the event itself
    return _is_participle(tokens, participle)


# Words that bring a perfect up to now: "has so far refused", "have still not set", "has not yet named".
_UP_TO_NOW = re.compile(r"\b(?:so far|still|now|yet)\b")
# The tags the tagger gives a quotation mark, opening or closing.
_QUOTE_TAGS = frozenset({"``", "''"})


def tells_of_the_present(text: str) -> bool:
    """Tell whether a sentence's first finite verb is in the simple or progressive present: "The West
    African countries are seen to be forging closer ties with Russia", "Niger moves closer to the Kremlin"
    tell how things stand as the story is written. The present perfect does not: "There have been limited
    movements since the coup" and "The junta has sought cooperation with Russia" tell of a time from some
    point before up to now, which can be long; unless it is brought up to now ("The government has so far
    refused to set a date", "has still not named"). Nor does a verb that reports words ("Officials say the man
    was arrested in 2019" tells the time of its report, not of what it reports), nor a modal ("will",
    "may")."""
    tokens = tagger.tag(text)
    finite = _main_verb(tokens)
    if finite is None or tokens[finite].tag not in ("VBZ", "VBP") or _reports_words(tokens, finite):
        return False
    if fold(tokens[finite].text) not in ("has", "have"):
        return True
    participle = _past_adverbs(tokens, finite + 1)
    if not _is_participle(tokens, participle):
        return True  # "has about 1,000 troops", "has yet to set a date"
    between = " ".join(fold(t.text) for t in tokens[finite + 1:participle])
    return bool(_UP_TO_NOW.search(between))


def _reports_words(tokens: tuple[tagger.Token, ...], verb: int) -> bool:
    """Whether ``tokens[verb]``, a finite verb, reports words or thoughts: a verb of saying
    (``lexicon.SAYING_FORMS``) followed by what was said, "that", a quotation or a clause with a finite verb of
    its own before the next comma ("Officials say the man was arrested"), not by an object alone ("The United
    States maintains around 1,000 troops in Niger, stationed at …")."""
    if fold(tokens[verb].text) not in SAYING_FORMS:
        return False
    for token in tokens[verb + 1:]:
        if token.text in (",", ";", ":"):
            return False
        if fold(token.text) == "that" or token.tag in _QUOTE_TAGS or token.tag in _FINITE:
            return True
    return False


def _past_adverbs(tokens: tuple[tagger.Token, ...], i: int) -> int:
    """The index of the first token from ``i`` on that is not one of the adverbs a perfect holds between its
    "have" and its participle ("had closely collaborated", "had in the past worked", "has so far refused"), nor
    a short aside between commas ("has, since the coup, expelled")."""
    while i < len(tokens):
        if tokens[i].tag in _BETWEEN or fold(tokens[i].text) in _PERFECT_BETWEEN:
            i += 1
        elif tokens[i].text == "," and (close := next((j for j in range(i + 1, min(i + 8, len(tokens)))
                                                       if tokens[j].text == ","), None)):
            i = close + 1
        else:
            return i
    return i


def _is_participle(tokens: tuple[tagger.Token, ...], i: int) -> bool:
    """Whether ``tokens[i]`` is a past participle. The tagger, trained on web text, reads some participles after
    an adverbial as past tense ("had in the past worked/VBD"): either counts."""
    return i < len(tokens) and tokens[i].tag in ("VBN", "VBD")


# A full date's year after its comma, ending the date: "Sept. 11, 2012".
_YEAR_AFTER_COMMA = re.compile(r",\s*\d{4}$")


def dates_a_noun(text: str, start: int, end: int) -> bool:
    """Tell whether the date expression at ``text[start:end]`` tells the time of a noun's event rather than
    of the sentence's: before a noun ("since the July 2023 coup", "in a July 26 coup") or in a relative
    clause ("the coup that took place in July 2023", "The State Department, which did not declare the
    takeover until October, reduced aid"). In "The junta that seized power in July ended the agreement on
    Saturday", "on Saturday" is the sentence's."""
    # Neither needs reading without a relative pronoun before the date or a determiner at its start (most
    # sentences): the tags are not read for nothing.
    if not (_RELATIVE_WORD.search(text, 0, start) or _DETERMINER_WORD.search(text, max(start - 12, 0), end)):
        return False
    tokens = tagger.tag(text)
    first, last = _at(tokens, start), _at(tokens, end - 1)
    if first is None or last is None:
        return False
    # A determiner before the date's words, or among them ("since the July 2023"), and a noun after them, past
    # the comma that closes a full date's year ("the Sept. 11, 2012, attack"; not "This week, officials said").
    determined = any(tokens[i].tag in _DETERMINERS for i in range(max(first - 1, 0), last + 1))
    closed = _YEAR_AFTER_COMMA.search(text, start, end) and last + 2 < len(tokens) and tokens[last + 1].text == ","
    after = last + 2 if closed else last + 1
    if determined and after < len(tokens) and tokens[after].tag in ("NN", "NNS"):
        return True
    # The clause the date is in: back to its finite verb, whose subject a relative pronoun may be.
    i = first - 1
    while i >= 0 and tokens[i].tag not in _FINITE and tokens[i].text != ",":
        i -= 1
    if i < 0 or tokens[i].text == ",":
        return False
    i -= 1
    while i >= 0 and (tokens[i].tag in _BETWEEN or fold(tokens[i].text) in _AUXILIARIES):
        i -= 1
    return i >= 0 and tokens[i].tag in _RELATIVE


# Words that tell a sentence's event against another's time: "after the coup", "following the vote", "since the
# takeover", "until his resignation". Not "during" or "amid", whose event's time is the sentence's own, nor
# "before", which as often places ("the issue before the justices at Tuesday's arguments").
_TIME_ANCHORS = frozenset("after following since until till".split())
_TIME_ANCHOR_WORD = re.compile(rf"\b(?:{'|'.join(sorted(_TIME_ANCHORS))})\b", re.IGNORECASE)


def dates_what_it_follows(text: str, start: int, end: int) -> bool:
    """Tell whether the date expression at ``text[start:end]`` comes right after a noun phrase that a word such
    as "after", "since" or "until" opens ("Following the coup last year, the United States suspended aid", "after
    the end of the talks on Tuesday"): it tells when that noun's event was, against which the sentence tells its
    own, not when the sentence's event was. Unlike a date ``dates_a_noun`` finds, it still tells roughly when. A
    date after a verb's object ("After the vote, the junta ended the agreement on Saturday") is the sentence's."""
    if not _TIME_ANCHOR_WORD.search(text, 0, start):
        return False  # most sentences: the tags are not read for nothing
    tokens = tagger.tag(text)
    first = _at(tokens, start)
    if first is None:
        return False
    i = first - 1
    if i >= 0 and tokens[i].tag == "IN" and fold(tokens[i].text) in ("in", "on", "at", "of"):
        i -= 1  # a date whose preposition the expression leaves out
    while i >= 0 and tokens[i].tag in ("NN", "NNS"):
        while i > 0 and tokens[i - 1].tag in _NP - _DETERMINERS - {"PDT"}:
            i -= 1  # the noun's modifiers: "the July 26 military coup"
        if i > 0 and tokens[i - 1].tag in _DETERMINERS:
            i -= 1
        if i > 1 and fold(tokens[i - 1].text) == "of":
            i -= 2  # "the end of the talks": the phrase's head comes first
            continue
        return i > 0 and fold(tokens[i - 1].text) in _TIME_ANCHORS
    return False


# "The declaration came just a day after …", "This latest announcement by the junta, in power since July,
# comes as …", "The State Department's decision follows …", "It comes after …": news tells when its own
# story's event came, against something else, a few hours, days or weeks before.
_NEWS_NOUNS = "decision|declaration|announcement|statement|move|step|development|news|ruling"
_NEWS_CAME = re.compile(
    rf"^(?:(?:[\w.'’-]+\s+){{1,4}}?(?:{_NEWS_NOUNS})\b[^.;:!?“”\"]{{0,80}}?|(?:it|this)\s+)"
    r"\b(?:(?:came|comes|was made|was announced)\s+"
    r"(?:(?:just|only|shortly|soon|barely|less than|more than|about|a|an|one|two|three|four|five|six|several|few|"
    r"days?|hours?|weeks?)\s+)*"
    r"(?:after|as|amid|following|in the wake of|in the week)|follows|followed)\b",
    re.IGNORECASE)


def tells_when_the_news_came(text: str) -> bool:
    """Tell whether a sentence opens by telling when its story's own event came against another, a few
    hours, days or weeks apart ("The declaration came just a day after a US delegation left", "This
    decision was made one day after …", "It comes as …", "The move follows …"): its time is the story's,
    not the other thing's. A longer span ("The decision came two years after the coup") may tell of a
    decision of the background, and "The agreement came into force in 2012" tells no such thing."""
    return bool(_NEWS_CAME.match(text))


# Words that open a clause of their own inside a sentence: a subordinate one ("after", "because", "while") or a
# relative one ("which", "who", "where").
_OPENS_CLAUSE = frozenset("after as since while because following when where which who whom whose though although "
                          "whereas".split())
# Marks that end one part of a sentence and begin another.
_BREAKS = frozenset({",", ";", ":", "—", "–", "--"})


def parts(text: str, min_words: int) -> tuple[tuple[int, int], ...]:
    """The parts of a sentence that may tell of something on their own, as (start, end) offsets: the sentence is
    cut at commas, semicolons, colons and dashes, before a word that opens a subordinate or relative clause
    ("which came to power in a coup", "who has been under house arrest") and before "and" or "but" that joins a
    verb ("and ordering some 1,000 U.S. troops to leave the country"); a part counts when it holds a verb and
    ``min_words`` words or more. A sentence that is one part gives none: it is its own part."""
    if not text.strip():
        return ()
    tokens = tagger.tag(text)
    cuts = [0]
    for i, t in enumerate(tokens):
        word = fold(t.text)
        if t.text in _BREAKS:
            cuts.append(t.end)
        elif i > 0 and (word in _OPENS_CLAUSE
                        or (word in ("and", "but") and i + 1 < len(tokens) and tokens[i + 1].tag.startswith("VB"))):
            cuts.append(t.start)
    cuts.append(len(text))
    found = []
    for start, end in zip(cuts, cuts[1:]):
        inside = [t for t in tokens if t.start >= start and t.end <= end and t.text not in _BREAKS]
        if (sum(any(c.isalnum() for c in t.text) for t in inside) >= min_words
                and any(t.tag.startswith("VB") or t.tag == "MD" for t in inside)):
            found.append((inside[0].start, inside[-1].end))
    return tuple(found) if len(cuts) > 2 else ()
