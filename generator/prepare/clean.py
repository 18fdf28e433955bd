"""Clean real web copy: boilerplate out (and kept), repeated titles out, broken lines joined.

Rules are patterns of boilerplate that recur across outlets, not strings from one site.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..english.boundaries import ENDS_SENTENCE, continues, lines_are_paragraphs
from ..english.lexicon import CONTINUING_WORDS
from ..english.text import key

# Lines that belong to the page around the article, not to the article. Each pattern is matched
# case-insensitively against a whole line; the comment gives an example it removes.
_BOILERPLATE = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^leave a (reply|comment)\b",  # "Leave a Reply"
        r"\byour e-?mail address will not be published\b",  # comment form
        r"\brequired fields are marked\b",
        r"^(post|submit|add) (a |your )?comment\b",
        r"^save my name,? e-?mail\b",
        r"^\d+\s+comments?\s*$",  # "12 Comments"
        r"^(please\s+)?(invest|donate|support (us|our)|become a (member|patron|subscriber))\b.{0,200}$",
        r"^(subscribe|sign up)\b.{0,120}\b(newsletter|updates|inbox|free|alerts?)\b",
        r"^follow us\b",  # "Follow us on all social media"
        # "Follow her on Twitter at @brookefoxnews.", "Follow him on Twitter: @AWRHawkins.", "Follow @jdoe on X."
        r"^(?:you can )?follow (?:him|her|them|me|the author|@\w+|(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})) on "
        r"(?:twitter|x|facebook|instagram|threads|bluesky|linkedin|tiktok)\b(?:\s*(?:at|:)?\s*@\w+)?[.!]?\s*$",
        r"^(share|like|tweet) (this|us|on)\b",
        r"^(click|tap) here\b",
        r"\bwatch (the |our )?video here\b",
        r"^(advertisement|sponsored)\s*[:|-]?\s*$",
        r"\ball rights reserved\b",
        r"^(©|\(c\)\s|copyright\s+(©\s*)?\d{4})",
        r"^(e-?mail|tel|telephone|phone|whatsapp|contact( us)?|fax)\s*:",  # "Email: desk@..."
    )
)

# A label that introduces links to other articles rather than article text: "Related", "Read more",
# "DON'T MISS", "Most read in World", "More from The Daily Example", "You may also like", "MORE:".
_PROMO_LABEL = (
    r"(?:more(?=\s*:)|related(?:\s+(?:articles?|stories|posts?|content|coverage|news|reading|links|topics))?"
    r"|(?:also|further)\s+read(?:ing)?|(?:read|see)\s+(?:more|also|next)|must[-\s]reads?"
    r"|more\s+(?:stories|news|(?:from|on|in)(?-i:(?:\s+(?:the|this|our|[A-Z0-9][\w’'&.-]*)){1,5}))"
    r"|most\s+(?:read|popular|viewed|shared|watched|commented)"
    r"(?:\s+(?:in|on)(?-i:(?:\s+(?:the|[A-Z0-9][\w’'&.-]*)){1,5}))?"
    r"|(?:you|we\s+think\s+you)\s+(?:may|might|could|will)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)"
    r"|don[’']?t\s+miss|trending(?:\s+(?:now|stories|news))?"
    r"|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|top\s+stories|latest\s+(?:news|stories|articles)"
    r"|editor[’']?s[’']?\s+picks?|popular\s+(?:now|stories|articles)|up\s+next)"
)
# A promo label alone on its line, heading the links under it: "DON'T MISS", "You may also like...".
_PROMO_HEADING = re.compile(rf"^[\[(]?{_PROMO_LABEL}\s*(?::|\.\.\.|…|[|»›>])?\s*$", re.IGNORECASE)
# A promo label and one linked headline on the same line: "Related: The 15 Weirdest Galaxies",
# "[Related: Salesforce Dreamforce Keynote]".
_PROMO_LINK = re.compile(rf"^[\[(]?{_PROMO_LABEL}\s*[:|»›–—-]\s*(?P<headline>\S.*)$", re.IGNORECASE)

# Contact details: an e-mail address, a phone number (+256713137566, (555) 010-2030) or a bare URL.
_EMAIL = r"[\w.+-]+@[\w-]+(\.[\w-]+)+"
_NOT_EMAIL = r"\+?\(?\d[\d\s().-]{7,}\d|https?://\S+|www\.\S+"
_CONTACT = re.compile(f"{_EMAIL}|{_NOT_EMAIL}", re.IGNORECASE)
_CONTACT_NO_EMAIL = re.compile(_NOT_EMAIL, re.IGNORECASE)

# The capital (or digit) a headline starts with, maybe after a quote mark: "Floods hit", "“We won”".
_STARTS_CAPITALISED = re.compile(r"[\"“‘']?[A-Z0-9]")

_SPACES = re.compile(r"[ \t\u00a0]{2,}")
# A space before punctuation that closes: "word ," -> "word,". Spaced ellipses (". . .") are kept.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w”’\"%)])[ \t]+(?=[,;:!?](?:\s|$)|\.(?:\s|$)(?!\s*\.))")
# A period repeated after a closing quote: 'effect.”.' -> 'effect.”'.
_PERIOD_AFTER_QUOTED_END = re.compile(r"(?<=[.!?][”’\"])\.")
# Two periods that are not an ellipsis: 'Iran”..' -> 'Iran”.'.
_DOUBLED_PERIOD = re.compile(r"(?<![.\s])\.\.(?!\.)")
# A closing curly quote glued to the next word: '”State' -> '” State'.
_GLUED_QUOTE = re.compile(r"”(?=[A-Za-z])")

_HEADLINE_MAX_WORDS = 20


@dataclass(frozen=True, slots=True)
class Cleaned:
    """An article's body after cleaning."""

    paragraphs: tuple[str, ...]
    removed: tuple[str, ...]
    title: str | None


def clean_text(text: str, *, title: str | None = None) -> Cleaned:
    """Remove boilerplate and repeated titles, join broken lines, tidy spacing; keep what went."""
    removed: list[str] = []
    lines = [_tidy(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    # Decided on the whole text, blank lines included: whether a line break ends a paragraph
    # depends on how this text breaks its lines, not on one line alone.
    wrapped = not lines_are_paragraphs(lines)
    lines = [line for line in lines if line]
    kept = []
    promo = False
    for i, line in enumerate(lines):
        # A promo heading takes the headline-like lines under it along: "DON'T MISS" and its links.
        promo = bool(_PROMO_HEADING.match(line)) or promo and _reads_as_headline(line, lines[i + 1:i + 2])
        if promo or is_boilerplate(line):
            removed.append(line)
        else:
            kept.append(line)
    if title is None and len(kept) > 1 and _reads_as_headline(kept[0], kept[1:2]):
        title = kept[0]
    if title:
        while len(kept) > 1 and (repeated := _repeated_title(kept, title)):
            removed.extend(kept[:repeated])
            del kept[:repeated]
    return Cleaned(paragraphs=tuple(_join_broken(kept, wrapped=wrapped)), removed=tuple(removed), title=title)


def _repeated_title(lines: list[str], title: str, *, most: int = 3) -> int:
    # How many of the first lines repeat the title: one, or a title the body breaks over two or
    # three lines (a headline and its deck: "… ahead of debate;" / "Talk compared to …"). Never all.
    wanted = key(title)
    for n in range(1, min(most, len(lines) - 1) + 1):
        if fuzz.ratio(key(" ".join(lines[:n])), wanted) >= 90:
            return n
    return 0


def is_boilerplate(line: str) -> bool:
    """Tell whether a line is page furniture (comment form, donation call, promo link, contact details)."""
    if any(p.search(line) for p in _BOILERPLATE) or _PROMO_HEADING.match(line):
        return True
    link = _PROMO_LINK.match(line)
    headline = link.group("headline") if link else ""
    if _STARTS_CAPITALISED.match(headline) and len(headline.split()) <= _HEADLINE_MAX_WORDS:
        return True  # "Related: The 15 Weirdest Galaxies", not "More on Tuesday: the minister will speak"
    # Without an "@" the e-mail alternative cannot match, and scanning for it costs the most: it
    # tries every position inside every word. The same matches come from the rest of the pattern.
    pattern = _CONTACT if "@" in line else _CONTACT_NO_EMAIL
    contacts = sum(len(m.group(0)) for m in pattern.finditer(line))
    return contacts > 0 and contacts >= 0.4 * len(line.replace(" ", ""))


def _tidy(line: str) -> str:
    line = _SPACES.sub(" ", line.strip())
    line = _DOUBLED_PERIOD.sub(".", _PERIOD_AFTER_QUOTED_END.sub("", line))
    line = _GLUED_QUOTE.sub("” ", line)
    return _SPACE_BEFORE_PUNCT.sub("", line)


def _reads_as_headline(line: str, following: list[str]) -> bool:
    words = line.split()
    if not words or len(words) > _HEADLINE_MAX_WORDS or ENDS_SENTENCE.search(line):
        return False
    if not _STARTS_CAPITALISED.match(line) or words[-1].lower() in CONTINUING_WORDS:
        return False
    return not (following and following[0][:1].islower())


def _join_broken(lines: list[str], *, wrapped: bool) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and continues(out[-1], line, wrapped=wrapped):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out
