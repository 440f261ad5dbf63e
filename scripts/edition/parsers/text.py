"""Small text rules shared by the parsers: joining wrapped lines, scripts, markers.

Kept apart so that each rule has one definition and one set of tests; the
resolution and report parsers both join wrapped lines, and must do it the same way.
"""

from __future__ import annotations

import re

from ..model import Emphasis, Inline, NoteRef, Text

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


def is_cjk(ch: str) -> bool:
    """True for Han characters and CJK/full-width punctuation, which take no spaces between them."""
    if not ch:
        return False
    code = ord(ch)
    return (
        0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x9FFF  # Han
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2E80 <= code <= 0x2FDF
        or ch in "“”‘’—…·"
    )


def is_han(ch: str) -> bool:
    """True for a Han character (not CJK punctuation): what makes a line Chinese text."""
    return bool(ch) and (0x3400 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF)


def join_wrapped(left: str, right: str) -> str:
    """Join two wrapped lines: no space where either side is Chinese, one space between Latin words.

    A PDF wraps Chinese mid-word; re-inserting a space there would show as a gap
    in the middle of a word, so the space is only kept between two non-CJK ends.
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if not right:
        return left
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return left + " " + right


def superscript_to_ascii(s: str) -> str:
    return s.translate(_SUPER_TO_ASCII)


_INLINE = re.compile(
    r"(?P<strong>\*\*(?P<strong_text>[^*]+)\*\*)"
    r"|(?P<em>\*(?P<em_text>[^*]+)\*)"
    rf"|(?P<sup>[{SUPERSCRIPT_DIGITS}]+)"
)


def tokenize_inline(text: str, note_anchor) -> tuple[Inline, ...]:
    """Split extracted text into inlines: ``**bold**``, ``*italic*`` and superscript note calls.

    These are the only marks the extracted resolution texts carry; everything else
    is literal. ``note_anchor(label)`` maps a printed note number to its anchor (or
    raises if there is no such note).
    """
    out: list[Inline] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos : m.start()]))
        if m.group("strong"):
            out.append(Emphasis((Text(m.group("strong_text")),), "bold"))
        elif m.group("em"):
            out.append(Emphasis((Text(m.group("em_text")),), "italic"))
        else:
            label = superscript_to_ascii(m.group("sup"))
            out.append(NoteRef(note_anchor(label), label))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def normalize_space(s: str) -> str:
    """Collapse runs of white space (not no-break spaces) to one space and trim."""
    return re.sub(r"[ \t]+", " ", s).strip()


def is_garbled(s: str) -> bool:
    """True if a line holds characters a correct extraction never produces (PUA, replacement)."""
    return bool(_GARBLED.search(s))


#: What is_garbled looks for: private use (category Co: the BMP's area and planes 15-16),
#: surrogates (Cs) and U+FFFD, as one character class.
_GARBLED = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd\ud800-\udfff\ufffd]")
