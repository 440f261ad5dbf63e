"""Stage 1, lines and page furniture: what a source line looks like on its own.

The patterns every stage matches a line against, printed width (full-width
characters count 2: the paragraph column is about 48 wide, boxes about 100,
footnotes about 150), garbled glyphs, the parts of the report (front matter,
executive summary, body, annexes), joining wrapped lines, and the furniture
stage: blank lines, running heads, bare numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import SourceError
from ...model import Illegible, Inline, Text
from ..text import is_cjk, is_garbled, is_han, join_wrapped

# ----------------------------------------------------------------- constants

#: The running title printed in the page header ("22 治理人工智能，助力造福人类").
RUNNING_TITLES = ("治理人工智能，助力造福人类", "最后报告")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

#: Widths (full-width characters count 2): the paragraph column is about 48 wide,
#: boxes about 100, footnotes about 150.
WIDE = 64
FULL_FOOTNOTE = 120

_PAGE_HEADER = re.compile(r"^\s*(\d{1,3}\s*(?:%s)|(?:%s)\s*\d{1,3})\s*$" % ("|".join(RUNNING_TITLES), "|".join(RUNNING_TITLES)))
_BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_FIGURE = re.compile(r"^\s*图\s*(?:[\(（]\s*(?P<letter>[a-d])\s*[\)）]|(?P<number>\d{1,2}))\s*[:：]\s*(?P<title>.*)$")
_BOX = re.compile(r"^\s*方框\s*(?P<number>\d{1,2})\s*[:：]\s*(?P<title>.*?)\s*$")
_BOX_CONTINUED = re.compile(r"（(续）?|\ufffd)$")
_REC = re.compile(r"^\s*(?:\d\s*)?建议\s*(?P<number>\d)\s*[:：]\s*(?P<title>.*?)\s*$")
_LETTER_ITEM = re.compile(r"^\s*(?P<label>[a-h])\s*[\.\)）]\s*(?P<text>.*)$")
_ROMAN_ITEM = re.compile(r"^\s*(?P<label>i{1,3}|iv|vi{0,3}|ix|x)\s*[\.\)）]\s*(?P<text>.*)$")
_BULLET = re.compile(r"^\s*[•·]\s*(?:·\s*)?(?P<text>.*)$")  # box 15 prints "• ·"
_ARABIC_START = re.compile(r"^\s*(?P<n>\d{1,3})(?!\d)\s+(?P<text>\S.*)$")
_CN_START = re.compile(r"^\s*(?P<n>[一二三四五六七八九十]+)\s+(?P<text>\S.*)$")
_CHAPTER = re.compile(r"^\s*(?P<n>\d)\.\s*(?P<title>\S.*?)\s*$")
_SECTION = re.compile(r"^\s*(?P<n>[A-H])\.\s*(?P<title>\S.*?)\s*$")
_ANNEX = re.compile(r"^\s*附件\s*(?P<letter>[A-G])\s*[:：]\s*(?P<title>.*?)\s*$")
_ANNEXES = re.compile(r"^\s*附件\s*$")
_BOX_NOTE = re.compile(r"^\s*(?P<label>[a-e])\s+(?P<text>\S.*)$")
#: A box's or chart's source line, "资料来源：…", its first word often garbled ("Ғێ来源：…"): a block of its own.
_SOURCE_LINE = re.compile(r"^\S{0,3}来源\s*[:：]")
_SUMMARY = re.compile(r"^\s*执行摘要\s*$")
_TERMINAL = "。；！？：.;!?）)”」"


# ------------------------------------------------------------------- lines


@dataclass(frozen=True)
class Line:
    number: int
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def strip_badge(text: str) -> str:
    """Drop the numbered badge printed before a recommendation ("1建议1：" reads "建议1："):
    the badge is a graphic, the heading is the text after it."""
    m = re.match(r"^\s*\d\s*(?=建议\s*\d)", text)
    return text[m.end():] if m else text


def width(text: str) -> int:
    """Printed width: full-width characters count 2. Column, box and footnote lines differ by width."""
    text = text.strip()
    return len(text) + len(_CJK.findall(text))


#: is_cjk as one character class (width() is asked of every line, many times: one C-level scan)
_CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2e80-\u2fdf“”‘’—…·]")


def is_page_header(text: str) -> bool:
    """A running head with a page number ("22 治理人工智能，助力造福人类"): furniture, not paragraph 22."""
    return bool(_PAGE_HEADER.match(text))


_FOREIGN_SCRIPTS = ((0x0370, 0x1DFF), (0xA000, 0xABFF))


def is_garbled_zh(text: str) -> bool:
    """True for glyphs a Chinese text never holds: PUA or replacement characters, or letters of
    unrelated scripts (Armenian, Arabic, Indic...) that a broken font mapping produced."""
    if is_garbled(text):
        return True
    return bool(_FOREIGN.search(text))


_FOREIGN = re.compile("[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _FOREIGN_SCRIPTS) + "]")


#: A garbled line is mostly legible when at least this share of its glyphs are legible Han
#: characters, and it holds at least MIN_LEGIBLE_HAN of them: it is shown with its unread
#: glyphs marked, not hidden whole ("1 不ઍ为人工智能正֨产生任何积极影响").
MOSTLY_LEGIBLE = 0.6
MIN_LEGIBLE_HAN = 4


def legible_han(text: str) -> tuple[int, int]:
    """How many legible Han characters ``text`` holds, and how many glyphs (non-space characters):
    the measure of every rule on partly garbled lines and chart labels, and of the audit."""
    glyphs = [c for c in text if not c.isspace()]
    return sum(1 for c in glyphs if is_han(c) and not is_garbled_zh(c)), len(glyphs)


def mostly_legible(text: str) -> bool:
    """True for a garbled line whose legible Han characters carry its sense."""
    han, glyphs = legible_han(text)
    return han >= MIN_LEGIBLE_HAN and han >= MOSTLY_LEGIBLE * glyphs


def cn_number(s: str) -> int | None:
    """Value of a Chinese numeral up to 九十九 (一, 十一, 二十, 七十一)."""
    if not s or any(c not in _CN_DIGITS and c != "十" for c in s):
        return None
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else None
    tens, _, units = s.partition("十")
    if "十" in units:
        return None
    t = _CN_DIGITS.get(tens, None) if tens else 1
    u = _CN_DIGITS.get(units, None) if units else 0
    if t is None or u is None:
        return None
    return t * 10 + u


def ends_sentence(text: str) -> bool:
    """True if a paragraph's text ends a sentence (a trailing footnote number is ignored)."""
    t = re.sub(r"[\s\d]+$", "", text.strip())
    return bool(t) and t[-1] in _TERMINAL


# ------------------------------------------------------------------- parts


@dataclass(frozen=True)
class Parts:
    """Line numbers (1-based, inclusive start) where each part begins."""

    summary: int
    body: int
    annexes: int


def split_parts(lines: list[Line], path: str) -> Parts:
    """Front matter until "执行摘要"; summary until the first chapter "1. 导言"; body until "附件"."""
    summary = next((ln.number for ln in lines if _SUMMARY.match(ln.raw)), None)
    if summary is None:
        raise SourceError(path, None, "no executive summary; expected a line reading '执行摘要'")
    body = next((ln.number for ln in lines if ln.number > summary and re.match(r"^\s*1\.\s*导言\s*$", ln.raw)), None)
    if body is None:
        raise SourceError(path, summary, "no first chapter after the executive summary; expected '1. 导言'")
    annexes = next((ln.number for ln in lines if ln.number > body and _ANNEXES.match(ln.raw)), None)
    if annexes is None:
        raise SourceError(path, body, "no annexes; expected a line reading '附件'")
    return Parts(summary, body, annexes)


def join_lines(texts: list[str]) -> str:
    """Join wrapped lines: no space inside Chinese text, one between Latin words."""
    out = ""
    for t in texts:
        out = join_wrapped(out, t)
    return out


def text_inlines(text: str) -> tuple[Inline, ...]:
    """Literal text, with garbled runs kept as :class:`Illegible` nodes (never shown as text)."""
    if not is_garbled_zh(text):
        return (Text(text),) if text else ()
    out: list[Inline] = []
    buf = ""
    bad = ""
    for c in text:
        if is_garbled_zh(c):
            if buf:
                out.append(Text(buf))
                buf = ""
            bad += c
        else:
            if bad:
                out.append(Illegible(bad))
                bad = ""
            buf += c
    if buf:
        out.append(Text(buf))
    if bad:
        out.append(Illegible(bad))
    return tuple(out)


def lines_inlines(lines: list[Line], first: str | None = None) -> tuple[Inline, ...]:
    texts = [ln.text for ln in lines]
    if first is not None and texts:
        texts[0] = first
    return text_inlines(join_lines(texts))


class FurnitureStage:
    """The lines that are nothing of the text: blank lines, running heads, bare numbers."""

    def furniture(self, ln: Line) -> bool:
        """Class ``ln`` if it is a blank line or page furniture; True if it was."""
        if ln.blank:
            self.out.mark(ln.number, "blank")
            return True
        if is_page_header(ln.text):
            self.out.mark(ln.number, "report.page-header")
            return True
        if _BARE_NUMBER.match(ln.text):
            # in the annexes a chart's value; elsewhere a recommendation's badge
            self.out.mark(ln.number, "report.chart-value" if self.part == "annexes" else "report.badge-number")
            return True
        return False
