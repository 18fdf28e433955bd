"""The English word tables every stage reads: one table per question, no copies elsewhere.

Each table answers one question about a word ("is it a function word?", "is it a month?", "is it
a title written short?"). A stage that ignores several kinds of words composes its set from these
tables (``FUNCTION_WORDS | REPORTING_WORDS``), so that a word added here reaches every stage.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

# Grammar words that carry no topic: articles, pronouns, auxiliaries, prepositions, conjunctions,
# quantifiers and the commonest adverbs. Example: "the", "whom", "would", "despite", "each".
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for from with about as into onto over
    under above below after before between through throughout against during without within
    among amid across along around behind beyond beside besides toward towards upon via per
    despite than then that this these those there here it its it's itself he she they them
    their theirs themselves him himself his her hers herself we our ours ourselves us you your
    yours yourself yourselves i me my myself is are was were be been being am has have had
    having do does did doing will would shall should can could may might must not no also just
    only very more most such other some any all each both own same which who whom whose what
    when where while if because although though since until till once again further up down
    out off""".split()
)

# Words that report speech rather than say what happened: "said", "according" (to).
REPORTING_WORDS = frozenset(
    """say says said saying tell tells told according added adding noted stated""".split()
)

# Honorifics written before a name that say nothing of the story: "Mr", "Mrs".
COURTESY_TITLES = frozenset("mr mrs ms miss".split())

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {name: number for number, name in enumerate(
    ("january february march april may june july august september october november december").split(), 1)}
# Months written short, as news copy abbreviates them with a period: "Sept. 12", "Dec. 5".
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                       "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# Days named by their distance from today: "yesterday".
DAY_WORDS = frozenset("today yesterday tomorrow tonight".split())
# Units of time that count a span: "six years", "a decade".
TIME_UNITS = frozenset("day days week weeks month months year years decade decades".split())
# The word after a span that makes it a point in time: "six years ago", "four months later".
TIME_RELATIONS = ("ago", "later", "earlier", "after", "before")
# Parts of a day: "on Saturday evening".
TIMES_OF_DAY = frozenset("morning afternoon evening night".split())
# Words that place a month, a weekday or a unit of time: "last week", "in late July", "mid-March".
TIME_MODIFIERS = ("last", "this", "next", "early", "mid", "late")
# Every word that says when rather than what: calendar names, day words and units of time.
CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | DAY_WORDS | TIMES_OF_DAY | TIME_UNITS
# Numbers written as words from one to ten, which count without naming what: "two", "ten".
SMALL_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())

# Numbers written as words, with their values: "three", "twenty".
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Magnitudes written as words: "1.5 million".
SCALE_WORDS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# Titles written short before a name, with the word each stands for: "Sen." -> senator.
SHORT_TITLES = {
    "mr": "mister", "mrs": "missus", "ms": "ms", "dr": "doctor", "prof": "professor", "sen": "senator",
    "rep": "representative", "gov": "governor", "gen": "general", "col": "colonel", "lt": "lieutenant",
    "maj": "major", "capt": "captain", "cpt": "captain", "sgt": "sergeant", "adm": "admiral",
    "cmdr": "commander", "brig": "brigadier", "rev": "reverend", "hon": "honourable", "pres": "president",
    "supt": "superintendent", "insp": "inspector",
}
# Parts of a name written short: "St. Clair", "Martin Luther King Jr.".
NAME_ABBREVIATIONS = frozenset("st jr sr".split())
# Dotted initials of places, which may end a sentence: "in the U.S. The next day".
PLACE_INITIALS = frozenset(
    "u.s u.k u.n u.s.a e.u d.c n.c n.y n.j n.h n.d n.m s.c s.d r.i w.va l.a".split()
)
# Countries' codes, with the names each stands for: read as places, not organisations' acronyms ("US",
# "U.K."), and as aliases of these names only ("US" is not "Upper Silesia").
COUNTRY_CODES = {
    "US": ("United States", "United States of America"), "USA": ("United States", "United States of America"),
    "UK": ("United Kingdom",), "UAE": ("United Arab Emirates",),
    "DRC": ("Democratic Republic of the Congo", "Democratic Republic of Congo"), "PRC": ("People's Republic of China",),
    "ROK": ("Republic of Korea",), "DPRK": ("Democratic People's Republic of Korea",),
}
# The world's countries by the short English names news gives them: the member and observer states of the
# United Nations (https://www.un.org/en/about-us/member-states, whose own names are often longer: "Viet Nam",
# "Russian Federation"), other names in use ("Ivory Coast", "Burma", "Britain") and a few territories news names
# as countries, with the long names COUNTRY_CODES stands for. A country is a place however a sentence names it
# ("its neighbours Mali and Burkina Faso"), where another name needs a word of place before it ("in", "from").
# A name is a run of capitalised words, which "and" and "the" end: "Trinidad and Tobago" is read as two places.
COUNTRIES = frozenset(name.strip() for name in """
    Afghanistan, Albania, Algeria, Andorra, Angola, Antigua, Barbuda, Argentina, Armenia, Australia, Austria,
    Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan, Bolivia, Bosnia,
    Herzegovina, Botswana, Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cabo Verde, Cape Verde, Cambodia,
    Cameroon, Canada, Central African Republic, Chad, Chile, China, Colombia, Comoros, Congo, Costa Rica,
    Ivory Coast, Croatia, Cuba, Cyprus, Czechia, Czech Republic, North Korea, South Korea, Korea, Denmark,
    Djibouti, Dominica, Dominican Republic, Ecuador, Egypt, El Salvador, Equatorial Guinea, Eritrea, Estonia,
    Eswatini, Swaziland, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana, Greece, Grenada,
    Guatemala, Guinea, Guinea-Bissau, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq,
    Ireland, Israel, Italy, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kiribati, Kuwait, Kyrgyzstan, Laos, Latvia,
    Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi, Malaysia, Maldives,
    Mali, Malta, Marshall Islands, Mauritania, Mauritius, Mexico, Micronesia, Monaco, Mongolia, Montenegro,
    Morocco, Mozambique, Myanmar, Burma, Namibia, Nauru, Nepal, Netherlands, New Zealand, Nicaragua, Niger,
    Nigeria, North Macedonia, Norway, Oman, Pakistan, Palau, Panama, Papua New Guinea, Paraguay, Peru,
    Philippines, Poland, Portugal, Qatar, Moldova, Romania, Russia, Rwanda, Saint Kitts, Nevis, Saint Lucia,
    Samoa, San Marino, Sao Tome, Principe, Saudi Arabia, Senegal, Serbia, Seychelles, Sierra Leone, Singapore,
    Slovakia, Slovenia, Solomon Islands, Somalia, South Africa, South Sudan, Spain, Sri Lanka, Sudan, Suriname,
    Sweden, Switzerland, Syria, Tajikistan, Thailand, Timor-Leste, East Timor, Togo, Tonga, Trinidad, Tobago,
    Tunisia, Turkey, Türkiye, Turkmenistan, Tuvalu, Uganda, Ukraine, United Arab Emirates, United Kingdom,
    Britain, Great Britain, Tanzania, United States, America, Uruguay, Uzbekistan, Vanuatu, Venezuela, Vietnam,
    Yemen, Zambia, Zimbabwe, Vatican, Palestine, Taiwan, Kosovo, Greenland, Puerto Rico, Hong Kong""".split(",")
) | frozenset(name for names in COUNTRY_CODES.values() for name in names)
# Other abbreviations written with a period, which never end a sentence: "No. 5", "vs.", "Ave.".
ABBREVIATIONS = frozenset(
    """no nos vs dept univ est approx fig vol ch art sec para mon tue tues wed thu thur thurs fri
    sat sun mt ft ave blvd rd e.g i.e ph.d""".split()
) | frozenset(MONTH_ABBREVIATIONS)
# Abbreviations that often end a sentence too: "... and so on, etc. The next day".
MAY_END = frozenset("etc inc corp ltd co bros a.m p.m al".split()) | PLACE_INITIALS

# Words that usually open a sentence: after "U.S." one of these says the period ended it.
SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there but and yet so however
    meanwhile still in on at for after before when while as if its his her their our""".split()
)

# Words a line does not end on unless it was cut: "that had overthrown the" + newline + "president".
CONTINUING_WORDS = frozenset(
    """a an the of to in on at by for from with about as into onto over under after before
    between through against during without within and or but nor so yet that which who whom
    whose where when while if than because although our their his her its my your this these
    those is are was were be been being has have had will would shall should can could may
    might must not no very more most such other said says told including like per via""".split()
)


def alternation(words: Iterable[str]) -> str:
    """A regular-expression group matching any of the words, longest first: "(?:sept|sep)"."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


# Verbs of saying, by lemma: a cue of a reporting clause in any tense ("interjected", "advises",
# "quipped"). Verbs of thinking report a view as a cue does ("the campaign believes").
SAYING_VERBS = frozenset(
    """say tell add explain note write warn state declare argue ask tweet post continue insist claim
    reply respond recall acknowledge admit announce emphasize emphasise stress suggest allege describe
    urge joke quip remark observe concede complain boast predict promise vow caution conclude counter
    contend maintain reiterate assert muse shout yell scream whisper charge lament agree call confirm
    deny recount testify speak report interject advise exclaim retort comment mention opine proclaim
    murmur snap scoff grumble concur object protest inform assure reason pledge threaten
    characterize characterise chime demand plead implore beg answer inquire enquire brag gripe confess
    mutter mumble sigh tease marvel text email""".split()
)
THINKING_VERBS = frozenset("believe think wonder".split())
# Lemmas whose bare form is a cue after a plural subject ("officials say", "critics argue"); the
# bare forms of the others are mostly nouns ("a post", "the report", "a call").
BARE_SAYING_VERBS = frozenset(
    "say tell argue insist claim warn believe think contend write add agree explain suggest allege predict complain "
    "maintain acknowledge admit".split()
)
# Reporting verbs written with a particle: "pointed out", "went on", "chimed in", "put it", "hit back".
PHRASAL_SAYING_VERBS = {"point": "out", "go": "on", "chime": "in", "put": "it", "hit": "back", "fire": "back"}
# Past forms not made by adding -ed: "said", "told", "wrote".
_IRREGULAR_PAST = {
    "say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "speak": ("spoke", "spoken"),
    "think": ("thought",), "go": ("went", "gone"), "put": ("put",), "hit": ("hit",),
}
_SIBILANT = ("s", "sh", "ch", "x", "z")


def inflections(lemma: str) -> dict[str, tuple[str, ...]]:
    """Return a verb's forms by kind ("present", "past", "participle"): "quip" -> quips, quipped, quipping."""
    consonant_y = lemma.endswith("y") and lemma[-2:-1] not in "aeiou"
    present = lemma[:-1] + "ies" if consonant_y else lemma + "es" if lemma.endswith(_SIBILANT) else lemma + "s"
    if lemma in _IRREGULAR_PAST:
        past: tuple[str, ...] = _IRREGULAR_PAST[lemma]
    elif lemma.endswith("e"):
        past = (lemma + "d",)
    elif consonant_y:
        past = (lemma[:-1] + "ied",)
    else:
        past = (lemma + "ed",)
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    participle = [stem + "ing"]
    # A final consonant after one vowel may double ("quipped", "admitted"); both spellings are
    # listed, since stress decides and a form that no one writes does no harm.
    if re.fullmatch(r"(?:.*(?:[^aeiou]|qu))?[aeiou][bdgklmnprt]", lemma):
        past = (*past, lemma + lemma[-1] + "ed") if past[0].endswith("ed") else past
        participle.append(lemma + lemma[-1] + "ing")
    return {"present": (lemma, present), "past": past, "participle": tuple(participle)}


# Every finite form of a verb of saying or thinking: "says", "said", "told", "believes"; and the bare form of
# those a plural subject takes ("officials say"), BARE_SAYING_VERBS.
SAYING_FORMS = frozenset(
    form for lemma in SAYING_VERBS | THINKING_VERBS
    for form in (*inflections(lemma)["present"][1:], *inflections(lemma)["past"],
                 *((lemma,) if lemma in BARE_SAYING_VERBS else ()))
)

# Words of a news page around its text, which name no one: "Photo", "Advertisement", "Getty".
PAGE_WORDS = frozenset(
    """advertisement sponsored photo photos image images video videos caption credit copyright getty
    related read more share subscribe newsletter follow updated click watch listen""".split()
)
# Words for a party's members, which a reporting clause may hold but which name no speaker:
# "Republican claims", "a Democrat said".
PARTY_WORDS = frozenset(
    "democrat democrats democratic republican republicans libertarian libertarians independent independents".split()
)
# Sentence adverbs that open a sentence capitalised and look like a name there: "Already", "Earlier".
SENTENCE_ADVERBS = frozenset(
    """already earlier later recently currently previously meanwhile still instead now then today
    yesterday tomorrow tonight again also perhaps maybe indeed yet""".split()
)
