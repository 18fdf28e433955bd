"""Turn an article file's bytes into clean Unicode text, noting every repair or guess made.

Order matters: refuse binary files, pick the encoding (byte-order mark, UTF-16 by its NUL pattern,
UTF-8, else a legacy single-byte code page), repair mojibake with ftfy, then remove the invisible
characters and odd spaces that break sentence splitting and matching.

NFKC is applied only to full-width/half-width forms and Latin ligatures ("ＡＢＣ！" -> "ABC!",
"ﬁ" -> "fi"): those are typing or typesetting artefacts that read the same once normalised. Full
NFKC is not applied, because it changes what the words say: "km²" would become "km2", "½" would
become "1⁄2" and "™" "TM", which would corrupt the figures later stages extract.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes

from generator.errors import InputError

# Leading bytes of file types that are never article text, with the name shown to the user.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
)

# Byte-order marks, longest first so that UTF-32-LE is not taken for UTF-16-LE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that `surrogateescape` could not decode as UTF-8: "caf\udce9" for b"caf\xe9".
_ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")

# Zero-width and invisible characters: "co\u200boperation" (ZWSP), soft hyphen, word joiner, BOM.
_ZERO_WIDTH_RE = re.compile("[\u00ad\u180e\u200b\u200c\u200d\u2060-\u2064\ufeff]")

# Bidirectional controls (marks, embeddings, overrides, isolates): "\u202eevil" flips display.
_BIDI_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Non-breaking and typographic spaces: "1,000\u00a0troops", "10\u202f%", thin/em spaces.
_ODD_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

# Control characters that are not whitespace (NUL, bell, escape, C1): "a\x00b", "\x1b[0m".
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# What binary data decodes to: C0 controls other than whitespace, DEL, U+FFFD. C1 controls are
# left out: in text they are mojibake ("â\x80\x99"), which ftfy repairs.
_BINARY_JUNK_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")

# Vertical tab and form feed, which some exporters use as line or page breaks: "one\x0ctwo".
_VERTICAL_SPACE_RE = re.compile("[\x0b\x0c]")

# A line that ftfy leaves as it is: printable ASCII, tab, and the curly quotes, dashes and ellipsis
# of typeset text, "“Yes,” she said — twice…\n". None of ftfy's mojibake patterns matches a run of
# these alone (each needs a letter such as "Ã", "Â" or a C1 control), and no other fixer of
# _FTFY_CONFIG touches them: tests/test_decode.py checks every string of two of them and random lines.
_PLAIN_LINE_RE = re.compile("[\t\n\x20-\x7e“”‘’–—…]*")

# One line with its line break, or the last line without one: "one\n", "two".
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")

# ftfy steps that mean the text held mojibake or mis-decoded bytes.
_MOJIBAKE_STEPS = frozenset(
    {"decode_inconsistent_utf8", "replace_lossy_sequences", "restore_byte_a0", "fix_c1_controls"}
)

# Repair encoding errors only: keep curly quotes and HTML entities exactly as written.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=True,
    fix_character_width=True,
    fix_line_breaks=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=True,
)


def decode(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode an article's bytes to clean text and say what was repaired or guessed."""
    _refuse_binary_magic(raw)
    text, notes = _decode_bytes(raw)
    _refuse_binary_text(text)
    text, more = _repair(text)
    notes += more
    if not text.strip():
        raise InputError("empty file")
    return text, tuple(notes)


def _refuse_binary_magic(raw: bytes) -> None:
    if not raw.strip():
        raise InputError("empty file")
    for magic, name in _MAGIC:
        if raw.startswith(magic):
            raise InputError(f"binary file ({name})")
    if raw.startswith(b"RIFF") and raw[8:12] == b"WEBP":
        raise InputError("binary file (WebP image)")


def _refuse_binary_text(text: str, *, max_share: float = 0.1) -> None:
    """Refuse decoded text in which control characters or U+FFFD are more than a tenth."""
    junk = len(_BINARY_JUNK_RE.findall(text))
    if junk > max_share * len(text):
        raise InputError("binary file (mostly control characters)")


def _decode_bytes(raw: bytes) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_strictly(raw[len(bom) :], encoding, with_bom=True)
    utf16 = _sniff_utf16(raw)
    if utf16:
        return _decode_strictly(raw, utf16, with_bom=False)
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes)")
    text = raw.decode("utf-8", errors="surrogateescape")
    escaped = len(_ESCAPED_BYTE_RE.findall(text))
    if not escaped:
        return text, []
    if any(ord(c) > 0x7F and not _ESCAPED_BYTE_RE.match(c) for c in text):
        # Valid UTF-8 with stray bytes: those are nearly always cp1252 punctuation pasted in.
        repaired = _ESCAPED_BYTE_RE.sub(_escaped_as_cp1252, text)
        undefined = repaired.count("\ufffd") - text.count("\ufffd")
        notes = []
        if escaped > undefined:
            notes.append(f"read {_count(escaped - undefined, 'invalid UTF-8 byte')} as cp1252")
        if undefined:
            notes.append(f"replaced {_count(undefined, 'invalid byte')} with U+FFFD")
        return repaired, notes
    return _decode_legacy(raw)


def _decode_strictly(raw: bytes, encoding: str, *, with_bom: bool) -> tuple[str, list[str]]:
    notes = [] if with_bom and encoding == "utf-8" else [f"decoded as {encoding.upper()}"]
    if not with_bom:
        notes[0] += " (no byte-order mark)"
    unit = 4 if encoding.startswith("utf-32") else 2 if encoding.startswith("utf-16") else 1
    if len(raw) % unit:
        raw = raw[: len(raw) - len(raw) % unit]
        notes.append("dropped a trailing odd byte")
    text = raw.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode(encoding))
    if bad > 0:
        notes.append(f"replaced {_count(bad, 'invalid byte sequence')} with U+FFFD")
    return text, notes


def _sniff_utf16(raw: bytes, *, sample: int = 4096, share: float = 0.3) -> str | None:
    """Name the UTF-16 byte order when NULs fall on one side of most code units, else None."""
    head = raw[:sample]
    units = len(head) // 2
    if units < 1:
        return None
    even = head[0 : units * 2 : 2].count(0)
    odd = head[1 : units * 2 : 2].count(0)
    if odd >= share * units and even <= 0.05 * units:
        return "utf-16-le"
    if even >= share * units and odd <= 0.05 * units:
        return "utf-16-be"
    return None


def _escaped_as_cp1252(match: re.Match[str]) -> str:
    return bytes([ord(match.group()) - 0xDC00]).decode("cp1252", errors="replace")


def _decode_legacy(raw: bytes, *, max_foreign: float = 0.3) -> tuple[str, list[str]]:
    """Decode non-UTF-8 bytes: cp1252 for Latin-script copy, else charset-normalizer's guess."""
    text = raw.decode("cp1252", errors="replace")
    letters = [c for c in text if c.isalpha()]
    foreign = sum(1 for c in letters if ord(c) > 0x7F)
    if letters and foreign <= max_foreign * len(letters):
        return text, ["decoded as cp1252 (not valid UTF-8)"] + _replacement_note(text)
    # Mostly non-ASCII letters: another script's code page (cp1251, Shift-JIS, ...).
    best = from_bytes(raw, cp_exclusion=["utf_16", "utf_16_le", "utf_16_be", "utf_32"]).best()
    if best is None:
        return text, ["decoded as cp1252 (encoding unknown)"] + _replacement_note(text)
    guessed = str(best)
    return guessed, [f"decoded as {best.encoding} (guessed)"] + _replacement_note(guessed)


def _replacement_note(text: str) -> list[str]:
    bad = text.count("\ufffd")
    return [f"replaced {_count(bad, 'invalid byte')} with U+FFFD"] if bad else []


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _repair(text: str) -> tuple[str, list[str]]:
    """Fix mojibake and strip invisible characters; return the text and notes."""
    notes: list[str] = []
    # Strip before ftfy (a ZWSP inside a mojibake sequence would hide it) and after (mojibake
    # such as "â€‹" is itself a ZWSP once repaired).
    text, zero_width, bidi = _strip_invisible(_VERTICAL_SPACE_RE.sub("\n", text))
    fixed, steps = _fix_lines(text)
    names = {step for _kind, step in steps}
    kinds = {kind for kind, _step in steps}
    if kinds & {"encode", "decode", "transcode"} or names & _MOJIBAKE_STEPS:
        notes.append("repaired mojibake")
    if "fix_character_width" in names:
        notes.append("normalised full-width characters")
    text, more_zero_width, more_bidi = _strip_invisible(fixed)
    zero_width += more_zero_width
    bidi += more_bidi
    controls = len(_CONTROL_RE.findall(text))
    text = _CONTROL_RE.sub("", text)
    if zero_width:
        notes.append(f"removed {_count(zero_width, 'zero-width character')}")
    if bidi:
        notes.append(f"removed {_count(bidi, 'bidirectional control character')}")
    if "remove_control_chars" in names or controls:
        notes.append("removed control characters")
    text = _ODD_SPACE_RE.sub(" ", text)
    return unicodedata.normalize("NFC", text), notes


def _fix_lines(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Run ftfy line by line, as ``ftfy.fix_text`` does, so one odd line cannot block the rest."""
    out: list[str] = []
    steps: list[tuple[str, str]] = []
    for line in _LINE_RE.findall(text):
        if _PLAIN_LINE_RE.fullmatch(line):
            out.append(line)  # nothing ftfy fixes: most lines of a long article
            continue
        fixed, explanation = ftfy.fix_and_explain(line, _FTFY_CONFIG)
        out.append(fixed)
        steps.extend((kind, step) for kind, step in explanation or ())
    return "".join(out), steps


def _strip_invisible(text: str) -> tuple[str, int, int]:
    zero_width = len(_ZERO_WIDTH_RE.findall(text))
    bidi = len(_BIDI_RE.findall(text))
    return _BIDI_RE.sub("", _ZERO_WIDTH_RE.sub("", text)), zero_width, bidi


def sanitize(text: str) -> str:
    """Clean text that was unescaped after decoding (YAML escapes, character references): drop
    zero-width, bidirectional and control characters, make odd spaces plain, and replace lone
    surrogates, which no file can hold, with U+FFFD."""
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text, _zero_width, _bidi = _strip_invisible(text)
    return _ODD_SPACE_RE.sub(" ", _CONTROL_RE.sub("", text))
