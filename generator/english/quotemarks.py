"""Find quoted spans in a paragraph's text, pairing the mismatched marks that real copy has."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A double quotation mark in any of its forms, including two apostrophes or two backticks used
# as one. Example: 'decided to "denounce\'\' the agreement' has '"' and "''".
_DOUBLE = re.compile(r"``|''|[“”\"„‟«»]")
# Marks that point forwards (they usually open) and backwards (they usually close).
_OPENING = frozenset({"“", "„", "«", "``"})
_CLOSING = frozenset({"”", "»"})
# Characters that may stand right before an opening mark, or right after a closing one.
_BEFORE_OPEN = frozenset("([{—–-/")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-…'’")
# A single-quoted span, used only in paragraphs without double marks: ‘No longer justified’.
_SINGLE = re.compile(r"(?<![\w’'])[‘'](?=[\w“\"])(?P<body>[^‘’'\n]*?[\w.,!?…])[’'](?![\w])")


@dataclass(frozen=True, slots=True)
class Span:
    """One quoted span of a paragraph: where its words and its marks are."""

    start: int
    """Offset of the first quoted character."""
    end: int
    """Offset just past the last quoted character."""
    outer_start: int
    """Offset of the opening mark (equals ``start`` when there is none)."""
    outer_end: int
    """Offset just past the closing mark (equals ``end`` when the quote is left open)."""
    closed: bool = True
    """False when the paragraph ended before a closing mark."""


def _kind(text: str, start: int, end: int) -> str:
    mark = text[start:end]
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    open_side = left.isspace() or left in _BEFORE_OPEN
    close_side = right.isspace() or right in _AFTER_CLOSE
    if open_side and not close_side:
        return "open"
    if close_side and not open_side:
        return "close"
    if mark in _OPENING:
        return "open" if not (open_side and right.isspace()) else "either"
    if mark in _CLOSING and not open_side:
        return "close"
    return "either"


def find_spans(text: str) -> list[Span]:
    """Return every quoted span of a paragraph, in order; an unclosed quote runs to the end."""
    marks = [(m.start(), m.end()) for m in _DOUBLE.finditer(text)]
    if not marks:
        return _single_spans(text)
    spans: list[Span] = []
    opened: tuple[int, int] | None = None
    nested = False
    for start, end in marks:
        kind = _kind(text, start, end)
        if opened is None:
            if kind != "close":
                opened = (start, end)
            continue
        if kind == "open" and _family(text[start:end]) != _family(text[opened[0]:opened[1]]) and not nested:
            nested = True  # a quote inside a quote, in the other style: '"... the question: “As you know ...”"'
            continue
        if nested:
            nested = False
            continue
        # Otherwise a mark met inside a quote closes it: copy with two opening marks in a row almost
        # always lost a closing one, and pairing neighbours keeps every later quote right.
        spans.append(_span(text, opened[0], opened[1], start, end))
        opened = None
    if opened is not None:
        spans.append(_span(text, opened[0], opened[1], len(text), len(text), closed=False))
    return [s for s in spans if s.end > s.start]


def _family(mark: str) -> str:
    return "straight" if mark in ('"', "''", "``") else "typographic"


def _span(text: str, o_start: int, o_end: int, c_start: int, c_end: int, *, closed: bool = True) -> Span:
    start, end = o_end, c_start
    while start < end and (text[start].isspace()):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return Span(start, end, o_start, c_end, closed)


def _single_spans(text: str) -> list[Span]:
    return [
        _span(text, m.start(), m.start("body"), m.end("body"), m.end())
        for m in _SINGLE.finditer(text)
        if len(m.group("body").split()) >= 3
    ]


def mask(text: str, spans: list[Span]) -> str:
    """Blank out every quoted span (marks included) so that cue rules only see the reporting text."""
    chars = list(text)
    for span in spans:
        for i in range(span.outer_start, span.outer_end):
            chars[i] = "\x00"
    return "".join(chars)
