"""Tests for generator.input.decode: encodings, repairs, Unicode traps and refused files."""
from __future__ import annotations

import re
from pathlib import Path

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.input import decode as decode_module
from generator.input.decode import decode
from generator.errors import InputError

CASES = Path(__file__).parent / "cases" / "decode"

# An escape in a case file: "\u200b", "\x93", "\r", "\n", "\t" or "\\".
_ESCAPE_RE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[rnt\\])")

# A case's title line: "cp1252 with curly quotes [cp1252]".
_TITLE_RE = re.compile(r"\A(?P<title>.+?) \[(?P<encoding>[\w-]+)\]\Z")

# Characters decode must never leave: NUL, zero-width, bidirectional controls.
_FORBIDDEN_RE = re.compile("[\x00\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")

_SIMPLE = {"r": "\r", "n": "\n", "t": "\t", "\\": "\\"}


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        return _SIMPLE[code] if code in _SIMPLE else chr(int(code[1:], 16))

    return _ESCAPE_RE.sub(replace, text)


def _read_cases(path: Path) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """Parse a fixture file into (title, encoding, input, expected, notes) cases."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    cases = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        match = _TITLE_RE.match(lines[i])
        assert match, f"{path.name}:{i + 1}: bad title line {lines[i]!r}"
        assert lines[i + 1] == ".", f"{path.name}:{i + 2}: expected '.'"
        sections: list[list[str]] = []
        i += 2
        while len(sections) < 3:
            end = lines.index(".", i)
            sections.append(lines[i:end])
            i = end + 1
        source, expected, notes = sections
        cases.append(
            (
                match["title"],
                match["encoding"],
                _unescape("\n".join(source)),
                _unescape("\n".join(expected)),
                tuple(notes),
            )
        )
    return cases


CASE_LIST = [case for path in sorted(CASES.glob("*.txt")) for case in _read_cases(path)]


def test_case_files_were_found() -> None:
    assert len(CASE_LIST) >= 15


@pytest.mark.parametrize(("title", "encoding", "source", "expected", "notes"), CASE_LIST, ids=[c[0] for c in CASE_LIST])
def test_case(title: str, encoding: str, source: str, expected: str, notes: tuple[str, ...]) -> None:
    text, got_notes = decode(source.encode(encoding))
    assert text == expected
    assert got_notes == notes


def test_cp1252_built_in_test() -> None:
    assert decode("Café “quoted” text".encode("cp1252")) == (
        "Café “quoted” text",
        ("decoded as cp1252 (not valid UTF-8)",),
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_encodings_round_trip(encoding: str) -> None:
    text = "Niger’s junta: “with immediate effect” — 1,000 troops, café, naïve.\nEnd."
    assert decode(text.encode(encoding))[0] == text


def test_utf16_odd_trailing_byte_is_dropped_and_noted() -> None:
    text, notes = decode("Hello world".encode("utf-16-le") + b"!")
    assert text == "Hello world"
    assert "dropped a trailing odd byte" in notes


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"GIF87a\x01\x00\x01\x00", "GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip archive"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
    ],
)
def test_binary_magic_numbers_are_refused(raw: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=re.escape(f"binary file ({kind})")):
        decode(raw + b"some trailing text that looks harmless")


def test_nul_bytes_outside_utf16_are_refused() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode(b"Some text\x00\x00\x01\x02 and \x00 more text that is long enough here")


def test_mostly_control_characters_are_refused() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode(bytes(range(1, 9)) * 10 + b"abc")


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n  ", "\u200b\u200d\ufeff".encode(), "\u00a0\u3000".encode()])
def test_empty_files_are_refused(raw: bytes) -> None:
    with pytest.raises(InputError, match="^empty file$"):
        decode(raw)


def test_mojibake_of_zero_width_space_is_removed_after_repair() -> None:
    text, notes = decode("doesnâ€™t\u00e2\u20ac\u2039 stop".encode())
    assert text == "doesn’t stop"
    assert notes == ("repaired mojibake", "removed 1 zero-width character")


def test_same_bytes_give_same_result() -> None:
    raw = "Caf\u00c3\u00a9 \u200b “x”\r\n".encode("cp1252", errors="replace")
    assert decode(raw) == decode(raw)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_decode_or_raise_input_error(raw: bytes) -> None:
    try:
        text, notes = decode(raw)
    except InputError as error:
        assert str(error)
        return
    assert text.strip()
    assert not _FORBIDDEN_RE.search(text)
    assert "\r" not in text
    assert all(isinstance(note, str) and note for note in notes)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-8-sig", "cp1252"]))
def test_arbitrary_text_never_keeps_invisible_characters(text: str, encoding: str) -> None:
    try:
        text_out, _notes = decode(text.encode(encoding, errors="replace"))
    except InputError as error:
        assert str(error).startswith(("binary file", "empty file"))
        return
    assert not _FORBIDDEN_RE.search(text_out)
    assert text_out.strip()


# Printable ASCII without the characters whose handling is itself a transformation.
_PLAIN = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=200)


@settings(max_examples=300, deadline=None)
@given(_PLAIN.filter(str.strip), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be"]))
def test_plain_text_is_unchanged(text: str, encoding: str) -> None:
    decoded, notes = decode(text.encode(encoding))
    assert decoded == text
    if encoding == "utf-8":
        assert notes == ()
    else:
        assert notes[0].startswith("decoded as UTF-16")


# Characters that exercise every repair: invisible, bidi, odd spaces, mojibake pieces, controls.
_TRICKY = st.text(
    alphabet=st.sampled_from(
        list("aZ 1.\n\r\té“”’—â€™Ã©Â\x00\x07\x1b\x85\x9d\u00a0\u00ad\u200b\u200d\u200e\u202e")
        + list("\u2066\u2069\u2060\ufeff\u3000\uff21\ufb01\u2028")
    ),
    max_size=120,
)


@settings(max_examples=500, deadline=None)
@given(_TRICKY, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be"]))
def test_tricky_text_comes_out_clean(text: str, encoding: str) -> None:
    try:
        text_out, notes = decode(text.encode(encoding))
    except InputError as error:
        assert str(error).startswith(("binary file", "empty file"))
        return
    assert not _FORBIDDEN_RE.search(text_out)
    assert not re.search("[\r\u00a0\u3000\u2028\x07\x1b]", text_out)
    assert text_out.strip()
    assert len(set(notes)) == len(notes)


_PLAIN = [chr(c) for c in range(0x20, 0x7F)] + list("\t“”‘’–—…")


def test_ftfy_leaves_every_pair_of_plain_characters_as_it_is() -> None:
    # decode skips ftfy for lines of these characters alone; a new ftfy that changed them would show here.
    for first in _PLAIN:
        for second in _PLAIN:
            line = f"{first}{second}\n"
            assert decode_module._PLAIN_LINE_RE.fullmatch(line)
            assert ftfy.fix_and_explain(line, decode_module._FTFY_CONFIG) == (line, [])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_PLAIN + ["Ã", "Â", "\x93", "\x1b", "\r", "ﬁ"]), max_size=40))
def test_lines_skipped_by_ftfy_are_those_it_leaves_as_they_are(line: str) -> None:
    if decode_module._PLAIN_LINE_RE.fullmatch(line):
        assert ftfy.fix_and_explain(line, decode_module._FTFY_CONFIG) == (line, [])
    assert decode_module._fix_lines(line)[0] == ftfy.fix_and_explain(line, decode_module._FTFY_CONFIG)[0]
