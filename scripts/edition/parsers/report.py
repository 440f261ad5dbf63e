"""Parser for the Chinese text of the report "Governing AI for Humanity" (治理人工智能，助力造福人类).

The source is text extracted from a two-column PDF: numbered paragraphs run in a
narrow column, boxes and footnotes run across the page, charts leave their axis
values behind, and page headers sit among the text. The parser reads it in named
steps, each a small function with its own tests:

1. :func:`classify_line` - what a line looks like on its own (blank, page
   furniture, garbled, figure caption, box title, recommendation, item, bullet,
   a line opening with an Arabic or a Chinese number, wide or narrow).
2. :func:`split_parts` - front matter, executive summary, body, annexes.
3. :class:`Sequences` - the numbered sequences that run interleaved
   (paragraphs 一–七十一 and 1–219, footnotes restarting per part, chapters and
   sections): a number is a paragraph only if it is the next paragraph number,
   a footnote only if it is the next footnote number.
4. :func:`assemble` - lines become blocks: paragraphs continue across blank
   lines and page breaks until the next structural element; box text printed
   before its title is gathered into the box; figures keep their caption and
   leave their residue out; recommendations keep their lettered and roman items.
5. :func:`resolve_note_calls` and :func:`resolve_box_notes` - digits and letters
   glued to the text become footnote references.
6. :func:`link_references` - "见建议4和5", "方框9", "第66和73段", "附件E", "图9",
   "78/265" become links.
7. :func:`build_ledger` - every source line in exactly one class.

Anchors (``es1``–``es71``, ``p1``–``p219``, ``es-rec1``, ``rec4-c-ii``, ``box1``,
``fig-a``, ``fig1``, ``annex-a``, ``es-fn1``, ``fn1``, ``box1-note-a``) are
language-independent: other language editions of the report use the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..errors import SourceError
from ..model import (
    Container,
    DocRef,
    Document,
    Footnote,
    Heading,
    Illegible,
    Inline,
    LedgerEntry,
    ListItem,
    NoteRef,
    Paragraph,
    Table,
    Text,
    Xref,
    plain_text,
    walk,
)
from .text import is_cjk, is_garbled, is_han, join_wrapped

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


# ------------------------------------------------------------- step 1: lines


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
    return sum(2 if is_cjk(c) else 1 for c in text.strip())


def is_page_header(text: str) -> bool:
    """A running head with a page number ("22 治理人工智能，助力造福人类"): furniture, not paragraph 22."""
    return bool(_PAGE_HEADER.match(text))


_FOREIGN_SCRIPTS = ((0x0370, 0x1DFF), (0xA000, 0xABFF))


def is_garbled_zh(text: str) -> bool:
    """True for glyphs a Chinese text never holds: PUA or replacement characters, or letters of
    unrelated scripts (Armenian, Arabic, Indic...) that a broken font mapping produced."""
    if is_garbled(text):
        return True
    return any(lo <= ord(c) <= hi for c in text for lo, hi in _FOREIGN_SCRIPTS)


#: A garbled line is mostly legible when at least this share of its glyphs are legible Han
#: characters, and it holds at least MIN_LEGIBLE_HAN of them: it is shown with its unread
#: glyphs marked, not hidden whole ("1 不ઍ为人工智能正֨产生任何积极影响").
MOSTLY_LEGIBLE = 0.6
MIN_LEGIBLE_HAN = 4


def mostly_legible(text: str) -> bool:
    """True for a garbled line whose legible Han characters carry its sense."""
    glyphs = [c for c in text if not c.isspace()]
    han = sum(1 for c in glyphs if is_han(c) and not is_garbled_zh(c))
    return han >= MIN_LEGIBLE_HAN and han >= MOSTLY_LEGIBLE * len(glyphs)


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


def is_subheading(lines: list[Line], i: int) -> bool:
    """A short line standing alone between blank lines, without punctuation: a run-in title
    ("国际人工智能科学小组", "人才") that heads the paragraphs after it."""
    text = lines[i].text
    if not text or width(text) > 40 or width(text) < 4 or any(c in text for c in " ，。；：、（）,.;:()•·%"):
        return False
    if any(c.isdigit() for c in text) or not all(is_cjk(c) or c == " " for c in text):
        return False
    # a page's first line (indented by the extraction) follows whatever ended the page
    # before, often a note: it stands alone as well ("人才" after box 11's note b)
    before = lines[i - 1].blank or lines[i].raw.startswith(" ") if i > 0 else True
    after = lines[i + 1].blank if i + 1 < len(lines) else True
    return before and after


#: A subheading printed over two column lines is at most this wide (the column is about 48).
SUBHEADING_WIDTH = 48


def wrapped_subheading(lines: list[Line], i: int) -> int:
    """A title wrapped over two column lines between blank lines, without a sentence end
    ("建设国际人工智能核心公共能力，实现共享" / "惠益" before #p143): the number of its lines, or 0.
    Whether it heads a paragraph is the caller's check (the next text is the expected paragraph)."""
    # after a blank line, or as a page's first line (which the extraction indents)
    if i == 0 or not (lines[i - 1].blank or lines[i].raw.startswith(" ")) or i + 2 >= len(lines):
        return 0
    first, second = lines[i], lines[i + 1]
    if second.blank or not lines[i + 2].blank or _ARABIC_START.match(first.raw) or _CN_START.match(first.raw):
        return 0
    text = join_lines([first.text, second.text])
    if width(text) > SUBHEADING_WIDTH or ends_sentence(text) or width(second.text) >= width(first.text):
        return 0
    if not all(is_cjk(c) for c in text):
        return 0
    return 2


#: A label over a group of bullets is at most this wide (ten Chinese characters).
GROUP_LABEL_WIDTH = 20


def is_group_label(lines: list[Line], i: int) -> bool:
    """A short label after a blank line, right above a bullet: it names the bullets below it
    ("政治和社会", "经济" in box 4; "共同基础：", "共享惠益：" in box 15). The bullet before it has
    ended its sentence: a short line after an unfinished bullet is that bullet's end ("向")."""
    text = lines[i].text
    if i == 0 or not lines[i - 1].blank or i + 1 >= len(lines) or not _BULLET.match(lines[i + 1].raw):
        return False
    k = i - 1
    while k > 0 and lines[k].blank:
        k -= 1
    if not ends_sentence(lines[k].text):
        return False
    body = text.rstrip("：:")
    return 0 < width(body) <= GROUP_LABEL_WIDTH and all(is_han(c) for c in body)


def is_chart_label(lines: list[Line], i: int) -> bool:
    """A word of a chart printed outside its figure (the "所有" of figure (a)): a lone line of at
    most three characters right before a new page (whose first line the extraction indents)."""
    text = lines[i].text
    if not text or width(text) > 6:
        return False
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    return j < len(lines) and lines[j].raw.startswith(" ") and lines[i - 1].blank


# ------------------------------------------------------------ step 2: parts


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


# -------------------------------------------------------- step 3: sequences


@dataclass
class Sequences:
    """The numbered sequences of one part, each expecting its next number.

    Paragraph and footnote numbers run interleaved in the extracted text; a line
    opening with "22" is paragraph 22 only if 22 is the next paragraph number,
    and a footnote only if it is the next footnote number.
    """

    paragraph: int = 1
    footnote: int = 1
    chapter: int = 1
    section: str = "A"
    recommendation: int = 1
    box: int = 1

    def next_section(self) -> None:
        self.section = chr(ord(self.section) + 1)


def footnote_or_paragraph(lines: list[Line], i: int, n: int, seq: Sequences, prev_kind: str | None) -> str | None:
    """Decide what a line opening with the number ``n`` is: ``footnote``, ``paragraph`` or None.

    When both sequences expect ``n`` (paragraph 1 and footnote 1 at the start of
    the body), a line is a footnote if it stands in a run of footnotes (the
    previous line was one, or the next line is footnote n+1) or holds a URL.
    """
    text = lines[i].text
    wants_para = n == seq.paragraph
    wants_note = n == seq.footnote or (n == seq.footnote - 1 and width(text) >= FULL_FOOTNOTE)
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    nxt = _ARABIC_START.match(lines[j].raw) if j < len(lines) else None
    in_run = prev_kind == "footnote" or "http" in text or bool(nxt and int(nxt.group("n")) == n + 1)
    if n == seq.footnote + 1 and not wants_para and in_run:
        return "footnote"  # the source skips a footnote number (21 and 42 are not printed)
    if wants_para and wants_note:
        if prev_kind == "footnote" or "http" in text or (nxt and int(nxt.group("n")) == n + 1 and width(lines[j].text) > WIDE):
            return "footnote"
        return "paragraph"
    if wants_para:
        return "paragraph"
    if wants_note:
        return "footnote"
    return None


# --------------------------------------------------------- step 4: assemble


@dataclass
class Builder:
    """A block being gathered: its kind, its lines and what it needs to become a block."""

    kind: str  # paragraph, footnote, boxrun, box, rec, figure, item, text, annex-table
    lines: list[Line] = field(default_factory=list)
    anchor: str | None = None
    label: str | None = None
    role: str = "body"
    extra: dict = field(default_factory=dict)


@dataclass
class Assembly:
    """What the assembly step produces, before inline rules run."""

    blocks: list = field(default_factory=list)  # (first line, block)
    footnotes: list = field(default_factory=list)
    classes: dict = field(default_factory=dict)  # line -> (cls, rule)

    def mark(self, line: int, cls: str, rule: str) -> None:
        self.classes[line] = (cls, rule)


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


class Assembler:
    """Walks the lines once; each kind of line is handled by its own named method."""

    def __init__(self, lines: list[Line], parts: Parts, path: str) -> None:
        self.lines = lines
        self.parts = parts
        self.path = path
        self.out = Assembly()
        self.open: Builder | None = None  # the paragraph, box run, footnote... being gathered
        self.container: Builder | None = None  # an open recommendation or box (after its title)
        self.items: list[Builder] = []  # items of the open container or after the paragraph
        self.figure: Builder | None = None  # residue mode after a figure caption
        self.pending_para: Builder | None = None  # an unfinished paragraph cut by a figure or box
        self.seq = Sequences()
        self.part = "front"
        self.prev_kind: str | None = None
        self.box_titles: dict[int, list] = {}
        self.annex: str | None = None

    # ---------------------------------------------------------------- output

    def emit(self, block, first_line: int) -> None:
        self.out.blocks.append((first_line, len(self.out.blocks), block))

    def close(self) -> None:
        """Finish whatever is being gathered."""
        b = self.open
        self.open = None
        if (b is None or b.kind != "footnote") and self.parked is not None:
            self.flush_parked()
        if b is None:
            return
        if b.kind == "paragraph":
            text = b.extra["first"]
            inl = lines_inlines(b.lines, text)
            p = Paragraph(b.anchor, b.label, inl, tuple(ln.number for ln in b.lines), b.role)
            self.emit(p, b.lines[0].number)
            if not ends_sentence(join_lines([ln.text for ln in b.lines])):
                self.pending_para = b
            else:
                self.pending_para = None
            for ln in b.lines:
                self.out.mark(ln.number, "illegible" if is_garbled_zh(ln.text) else "text", "report.paragraph")
        elif b.kind == "text":
            p = Paragraph(None, None, lines_inlines(b.lines), tuple(ln.number for ln in b.lines), b.role)
            if b.role == "container" and self.container is not None:
                self.container.extra["blocks"].append(p)
            else:
                self.emit(p, b.lines[0].number)
            for ln in b.lines:
                self.out.mark(ln.number, "illegible" if is_garbled_zh(ln.text) else "text", f"report.{b.role}")
        elif b.kind == "footnote":
            fn = Footnote(b.anchor, b.label, lines_inlines(b.lines, b.extra["first"]), tuple(ln.number for ln in b.lines))
            self.out.footnotes.append(fn)
            for ln in b.lines:
                self.out.mark(ln.number, "illegible" if is_garbled_zh(ln.text) else "footnote", "report.footnote")
            last = b.lines[-1].text
            self.unfinished_note = b if width(last) >= FULL_FOOTNOTE and not ends_sentence(last) else None
        elif b.kind == "boxrun":
            # Box text without a following title: prose that is not in a box (or chart text after a figure).
            for f in b.extra.get("figures", []):
                self.emit(self.figure_block(f), f["lines"][0])
            if self.figure is not None:
                for ln in b.lines:
                    self.out.mark(ln.number, "residue", "report.figure-residue")
                self.figure["residue"].extend(ln.number for ln in b.lines)  # type: ignore[index]
            else:
                self.open = Builder("text", b.lines, role="unnumbered")
                self.close()
        elif b.kind == "item":
            self.finish_item(b)

    # ---------------------------------------------------------------- items

    def finish_item(self, b: Builder) -> None:
        inl = lines_inlines(b.lines, b.extra["first"])
        item = ListItem(b.anchor, b.label, (Paragraph(None, None, inl, tuple(ln.number for ln in b.lines), "item"),),
                        tuple(ln.number for ln in b.lines))
        for ln in b.lines:
            self.out.mark(ln.number, "illegible" if is_garbled_zh(ln.text) else "text", "report.item")
        b.extra["block"] = item
        self.items.append(b)

    def flush_items(self) -> list[ListItem]:
        """Nest roman items under the lettered item before them."""
        top: list[tuple[Builder, list[ListItem]]] = []
        for b in self.items:
            if b.extra.get("roman") and top:
                top[-1][1].append(b.extra["block"])
            else:
                top.append((b, []))
        self.items = []
        out = []
        for b, subs in top:
            item = b.extra["block"]
            out.append(replace(item, items=tuple(subs), lines=item.lines + tuple(n for s in subs for n in s.lines)))
        return out

    def close_container(self) -> None:
        """End an open recommendation or box (after its title): its items and text become one block."""
        self.close()
        c = self.container
        if c is None:
            items = self.flush_items()
            for it in items:
                self.emit(it, it.lines[0])
            return
        self.container = None
        blocks = list(c.extra["blocks"]) + self.flush_items()
        lines = tuple(sorted({n for b in blocks for n in b.lines} | set(c.extra["own"])))
        if c.kind == "rec":
            block = Container("recommendation", c.anchor, c.label, c.extra["title"], tuple(blocks), lines)
            self.emit(block, lines[0])
        elif c.kind == "box":
            self.add_box_part(c.extra["number"], c.extra["title"], blocks, lines, c.extra["continued"])

    def add_box_part(self, number: int, title, blocks, lines, continued: bool) -> None:
        self.box_titles.setdefault(number, []).append((title, blocks, lines, continued))

    # -------------------------------------------------------------- anchors

    def para_anchor(self, n: int) -> str:
        return f"es{n}" if self.part == "summary" else f"p{n}"

    def note_anchor(self, n: int) -> str:
        base = f"es-fn{n}" if self.part == "summary" else f"fn{n}"
        taken = {f.anchor for f in self.out.footnotes}
        if self.open is not None and self.open.kind == "footnote":
            taken.add(self.open.anchor)
        anchor, k = base, 2
        while anchor in taken:
            anchor, k = f"{base}-{k}", k + 1
        return anchor

    def rec_anchor(self, n: int) -> str:
        return f"es-rec{n}" if self.part == "summary" else f"rec{n}"

    # ----------------------------------------------------------------- walk

    def run(self) -> Assembly:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        self.close_container()
        self.close_figure()
        self.close_annex()
        self.finish_boxes()
        return self.out

    def set_part(self, number: int) -> None:
        part = ("annexes" if number >= self.parts.annexes else "body" if number >= self.parts.body
                else "summary" if number >= self.parts.summary else "front")
        if part != self.part:
            self.close_container()
            self.close_figure()
            self.pending_para = None
            self.part = part
            self.seq = Sequences()

    def step(self, i: int) -> int:
        ln = self.lines[i]
        self.set_part(ln.number)
        text = ln.text
        if ln.blank:
            self.out.mark(ln.number, "blank", "blank")
            return i + 1
        if is_page_header(text):
            self.out.mark(ln.number, "furniture", "report.page-header")
            return i + 1
        if _BARE_NUMBER.match(text):
            if self.part == "annexes":
                self.out.mark(ln.number, "residue", "report.chart-value")
            else:
                self.out.mark(ln.number, "furniture", "report.badge-number")
            return i + 1
        if self.part == "annexes":
            return self.annex_line(i)
        return self.text_line(i)

    # ------------------------------------------------------ summary and body

    def text_line(self, i: int) -> int:
        ln = self.lines[i]
        text = ln.text
        if self.part == "front" and i == 0:
            self.heading(1, None, text, [ln], "report.front-heading")
            return i + 1
        if _SUMMARY.match(text):
            self.close_container()
            self.heading(1, "summary", text, [ln], "report.part-heading")
            return i + 1
        # numbered lines: footnote or paragraph, by the sequences
        m = _ARABIC_START.match(ln.raw)
        if m and not is_page_header(text):
            n = int(m.group("n"))
            kind = footnote_or_paragraph(self.lines, i, n, self.seq, self.prev_kind)
            if kind == "footnote":
                return self.start_footnote(i, n, m.group("text"))
            if kind == "paragraph" and self.part == "body":
                return self.start_paragraph(i, n, str(n), m.group("text"))
        m = _CN_START.match(ln.raw)
        if m and self.part == "summary" and cn_number(m.group("n")) == self.seq.paragraph:
            return self.start_paragraph(i, self.seq.paragraph, m.group("n"), m.group("text"))
        if self.open is not None and self.open.kind == "footnote" and self.continues_footnote(i):
            self.open.lines.append(ln)
            return i + 1
        m = _CHAPTER.match(ln.raw)
        if m and int(m.group("n")) == self.seq.chapter and width(text) < 40:
            self.close_all()
            self.seq.chapter += 1
            self.seq.section = "A"
            anchor = f"es-ch{m.group('n')}" if self.part == "summary" else f"ch{m.group('n')}"
            self.heading(2, anchor, text, [ln], "report.chapter-heading", label=m.group("n"))
            return i + 1
        m = _SECTION.match(ln.raw)
        if m and m.group("n") == self.seq.section and width(text) < 40:
            self.close_all()
            self.seq.next_section()
            chapter = self.seq.chapter - 1
            anchor = (f"es-sec{chapter}-{m.group('n').lower()}" if self.part == "summary"
                      else f"sec{chapter}-{m.group('n').lower()}")
            used = [ln]
            j = i + 1
            # a section title wrapped over two lines ("A. 国际人工智能治理的指" / "导原则和职能")
            if j < len(self.lines) and not self.lines[j].blank and width(self.lines[j].text) <= 24 \
                    and not _ARABIC_START.match(self.lines[j].raw) and not _CN_START.match(self.lines[j].raw) \
                    and not ends_sentence(self.lines[j].text):
                used.append(self.lines[j])
            self.heading(3, anchor, join_lines([x.text for x in used]), used, "report.section-heading",
                         label=m.group("n"))
            return i + len(used)
        m = _FIGURE.match(ln.raw)
        if m:
            return self.start_figure(i, m)
        m = _BOX.match(ln.raw)
        if m:
            return self.box_title(i, m)
        m = _REC.match(ln.raw)
        if m and int(m.group("number")) == self.seq.recommendation:
            return self.start_recommendation(i, m)
        if is_chart_label(self.lines, i):
            self.close()
            self.out.mark(ln.number, "residue", "report.chart-label")
            return i + 1
        n_title = wrapped_subheading(self.lines, i)
        if n_title and (self.heads_next_paragraph(i + n_title - 1) or self.heads_recommendation(i + n_title - 1)) and (
                self.open is None or self.open.kind != "paragraph"
                or ends_sentence(join_lines([x.text for x in self.open.lines]))):
            self.close_all()
            self.heading(4, None, join_lines([x.text for x in self.lines[i:i + n_title]]),
                         self.lines[i:i + n_title], "report.wrapped-subheading")
            return i + n_title
        if is_subheading(self.lines, i) and (self.container is None or self.heads_next_paragraph(i)):
            self.close_all()
            self.heading(4, None, text, [ln], "report.subheading")
            return i + 1
        m = _ROMAN_ITEM.match(ln.raw) if self.roman_expected() else None
        if m:
            return self.start_item(i, m.group("label"), m.group("text"), roman=True)
        m = _LETTER_ITEM.match(ln.raw)
        if m and self.letter_item_allowed(m.group("label")):
            return self.start_item(i, m.group("label"), m.group("text"), roman=False)
        m = _BULLET.match(ln.raw)
        if m:
            return self.start_item(i, "•", m.group("text"), roman=False, bullet=True)
        if self.in_box_notes() and _BOX_NOTE.match(ln.raw):
            return self.start_box_note(i)
        if self.container is None and self.open is None or (self.open is not None and self.open.kind == "footnote"):
            j = self.orphan_box_note(i)
            if j is not None:
                return j
        return self.continuation(i)

    def heads_next_paragraph(self, i: int) -> bool:
        """The next text after line ``i`` is the body paragraph expected next: a lone line
        there heads that paragraph, even where a box's page is still open ("人才" / "131")."""
        j = i + 1
        while j < len(self.lines) and self.lines[j].blank:
            j += 1
        if j >= len(self.lines):
            return False
        if self.part == "summary":  # the summary numbers its paragraphs in Chinese ("四十三")
            m = _CN_START.match(self.lines[j].raw)
            return bool(m) and cn_number(m.group("n")) == self.seq.paragraph
        m = _ARABIC_START.match(self.lines[j].raw)
        return bool(m) and self.part == "body" and int(m.group("n")) == self.seq.paragraph

    def heads_recommendation(self, i: int) -> bool:
        """The next text after line ``i`` is the title of the recommendation expected next: the
        lines before it are the recommendation's subheading ("在联合国秘书处内设立人工智" / "能办公室")."""
        j = i + 1
        while j < len(self.lines) and self.lines[j].blank:
            j += 1
        m = _REC.match(self.lines[j].raw) if j < len(self.lines) else None
        return bool(m) and int(m.group("number")) == self.seq.recommendation

    def close_all(self) -> None:
        self.close()
        self.close_container()
        self.close_figure()
        self.pending_para = None

    def heading(self, level: int, anchor: str | None, text: str, lines: list[Line], rule: str,
                label: str | None = None) -> None:
        self.close()
        h = Heading(level, anchor, text_inlines(text), tuple(ln.number for ln in lines), label)
        self.emit(h, lines[0].number)
        for ln in lines:
            self.out.mark(ln.number, "heading", rule)
        self.prev_kind = "heading"

    def start_paragraph(self, i: int, n: int, label: str, first: str) -> int:
        self.close_all()
        self.last_box = None
        self.seq.paragraph = n + 1
        role = "summary" if self.part == "summary" else "body"
        self.open = Builder("paragraph", [self.lines[i]], self.para_anchor(n), label, role, {"first": first})
        self.prev_kind = "paragraph"
        return i + 1

    def start_footnote(self, i: int, n: int, first: str) -> int:
        if self.open is not None and self.open.kind in ("paragraph", "item"):
            self.park()
        else:
            self.close()
        self.seq.footnote = max(self.seq.footnote, n + 1)
        self.open = Builder("footnote", [self.lines[i]], self.note_anchor(n), str(n), extra={"first": first})
        self.prev_kind = "footnote"
        return i + 1

    def park(self) -> None:
        """A footnote cuts a paragraph at the foot of a page: the paragraph may resume after it."""
        b = self.open
        self.open = None
        if b is not None and b.kind == "paragraph":
            self.parked = b
        elif b is not None:
            self.open = b
            self.close()

    parked: Builder | None = None

    def flush_parked(self) -> None:
        """A paragraph cut by footnotes that does not resume is complete as it stands."""
        b, self.parked = self.parked, None
        if b is not None:
            keep, self.open = self.open, b
            self.close()
            self.open = keep

    def continues_footnote(self, i: int) -> bool:
        """A footnote wraps across the page: it continues while its last line ran full width."""
        last = self.open.lines[-1]  # type: ignore[union-attr]
        if _FIGURE.match(self.lines[i].raw) or _BOX.match(self.lines[i].raw) or _REC.match(self.lines[i].raw):
            return False
        return width(last.text) >= FULL_FOOTNOTE or (last.text.endswith(("/", "-")) and "http" in last.text)

    def continuation(self, i: int) -> int:
        """A line that opens nothing continues what is open, or starts box text or residue."""
        ln = self.lines[i]
        wide = width(ln.text) >= WIDE
        if self.open is not None and self.open.kind == "item" and is_group_label(self.lines, i):
            # a label over a group of bullets ("政治和社会", "共同基础：") is not the end of the bullet before
            self.close()
            if self.container is not None:  # the bullets above the label stay above it
                self.container.extra["blocks"].extend(self.flush_items())
            self.open = Builder("text", [ln], role="container" if self.container is not None else "unnumbered")
            return i + 1
        if self.open is not None and self.open.kind == "footnote":
            self.close()
            if self.parked is not None and not wide and self.opens_box_text(i):
                # a finished paragraph does not resume in a box's subheading ("强调基于人权的
                # 人工智能治理：" after #p48 and its footnote opens box 7's text)
                self.flush_parked()
                self.open = Builder("boxrun", [ln])
                return i + 1
            if self.parked is not None and not wide:
                self.open, self.parked = self.parked, None
                self.open.lines.append(ln)
                return i + 1
        if self.open is None and wide:
            self.flush_parked()
        if self.open is not None and self.open.kind in ("paragraph", "item") and not wide:
            self.open.lines.append(ln)
            return i + 1
        if self.open is not None and self.open.kind == "text" and self.lines[i - 1].blank \
                and ends_sentence(self.open.lines[-1].text):
            self.close()  # a blank line after a full sentence: a new paragraph of unnumbered text
            self.open = Builder("text", [ln], role="container" if self.container is not None else "unnumbered")
            return i + 1
        if self.open is not None and self.open.kind in ("boxrun", "text"):
            self.open.lines.append(ln)
            return i + 1
        if self.container is not None:
            # text of an open recommendation or box: intro text, or a continuation of its last item
            if self.open is not None and self.open.kind == "item":
                self.open.lines.append(ln)
                return i + 1
            if self.items and self.container.kind == "rec":
                self.items[-1].lines.append(ln)
                self.finish_item_again()
                return i + 1
            self.close()
            self.open = Builder("text", [ln], role="container")
            return i + 1
        if self.open is not None and self.open.kind == "item" and wide and not self.box_context():
            self.open.lines.append(ln)
            return i + 1
        if self.figure is not None and not wide:
            if self.pending_para is not None and self.figure["resumable"]:
                # the paragraph cut by the figure resumes on the next page
                self.figure["resumable"] = False
                return self.resume(i)
            self.out.mark(ln.number, "residue", "report.figure-residue")
            self.figure["residue"].append(ln.number)
            return i + 1
        if self.unfinished_note is not None and width(ln.text) >= FULL_FOOTNOTE and self.figure is None:
            return self.resume_footnote(i)
        if wide:
            self.close()
            self.open = Builder("boxrun", [ln])
            return i + 1
        if self.parked is not None:
            self.open, self.parked = self.parked, None
            self.open.lines.append(ln)
            return i + 1
        if self.pending_para is not None:
            return self.resume(i)
        if self.open is not None and self.open.kind == "paragraph":
            self.open.lines.append(ln)
            return i + 1
        n_dup = self.duplicate_of_next_paragraph(i)
        if n_dup:
            self.close()
            for x in self.lines[i:i + n_dup]:
                self.out.mark(x.number, "residue", "report.page-break-duplicate")
            return i + n_dup
        self.close()
        self.open = Builder("text", [ln], role="unnumbered")
        return i + 1

    #: how many blank lines may stand between a repeated run and the paragraph it repeats
    DUPLICATE_REACH = 4

    def duplicate_of_next_paragraph(self, i: int) -> int:
        """Lines from ``i`` to the next blank line that the next paragraph prints again at its
        opening: the extraction repeated them at a page break ("述多个国家、区域、…了我们的咨询。"
        under the chapter 3 heading, then "59 上述多个国家、区域、…"). Returns their number, or 0."""
        j = i
        while j < len(self.lines) and not self.lines[j].blank:
            j += 1
        run = join_lines([x.text for x in self.lines[i:j]])
        k = j
        while k < len(self.lines) and k <= j + self.DUPLICATE_REACH and self.lines[k].blank:
            k += 1
        m = _ARABIC_START.match(self.lines[k].raw) if k < len(self.lines) else None
        if not m or self.part != "body" or int(m.group("n")) != self.seq.paragraph or len(run) < 8:
            return 0
        end = k
        while end < len(self.lines) and not self.lines[end].blank:
            end += 1
        para = join_lines([m.group("text")] + [x.text for x in self.lines[k + 1:end]])
        return j - i if run in para else 0

    #: the last footnote closed, if it stopped mid-sentence at full width: a page break cut it
    unfinished_note: Builder | None = None

    def resume_footnote(self, i: int) -> int:
        """A line at footnote width after a page break goes on with the footnote the break cut
        (note 16 stops at "包括：拉" and goes on "丁美洲和加勒比经济委员会；…" under #p75)."""
        b = self.unfinished_note
        assert b is not None
        self.close()
        self.flush_parked()
        self.unfinished_note = None
        self.out.footnotes = [f for f in self.out.footnotes if f.anchor != b.anchor]
        b.lines.append(self.lines[i])
        self.open = b
        self.prev_kind = "footnote"
        return i + 1

    def opens_box_text(self, i: int) -> bool:
        """Line ``i`` heads box text, not the rest of the paragraph parked before a footnote: the
        parked paragraph ended its sentence, and the text after line ``i`` runs at box width."""
        if self.parked is None or not ends_sentence(join_lines([ln.text for ln in self.parked.lines])):
            return False
        j = i + 1
        while j < len(self.lines) and self.lines[j].blank:
            j += 1
        return j < len(self.lines) and j > i + 1 and width(self.lines[j].text) >= WIDE + 30

    def finish_item_again(self) -> None:
        """Re-render the last finished item after a continuation line joined it."""
        b = self.items.pop()
        self.finish_item(b)

    def box_context(self) -> bool:
        return False

    def resume(self, i: int) -> int:
        """Re-open the paragraph a figure, box or page break cut, and add the line to it."""
        b = self.pending_para
        self.pending_para = None
        assert b is not None
        # drop the block emitted for the first half; the paragraph is emitted again whole
        self.out.blocks = [x for x in self.out.blocks if getattr(x[2], "anchor", None) != b.anchor or b.anchor is None
                           and x[2].lines != tuple(ln.number for ln in b.lines)]
        if b.anchor is None:
            self.out.blocks = [x for x in self.out.blocks if x[2].lines != tuple(ln.number for ln in b.lines)]
        self.close_figure()
        self.close()
        b.lines.append(self.lines[i])
        self.open = b
        return i + 1

    # ------------------------------------------------------------- items

    def roman_expected(self) -> bool:
        return any(not b.extra.get("bullet") for b in self.items) or (
            self.open is not None and self.open.kind == "item" and not self.open.extra.get("bullet"))

    def letter_item_allowed(self, label: str) -> bool:
        """Lettered items follow a paragraph or a recommendation's text, in order a, b, c."""
        if self.in_box_notes():
            return False
        letters = [b.extra["letter"] for b in self.items if not b.extra.get("roman") and not b.extra.get("bullet")]
        if self.open is not None and self.open.kind == "item" and not self.open.extra.get("roman") \
                and not self.open.extra.get("bullet"):
            letters.append(self.open.extra["letter"])
        expected = chr(ord(letters[-1]) + 1) if letters else "a"
        return label == expected

    def start_item(self, i: int, label: str, first: str, *, roman: bool, bullet: bool = False) -> int:
        if self.open is not None and self.open.kind == "paragraph":
            self.close()
            self.pending_para = None
        elif self.open is not None and self.open.kind == "boxrun":
            self.open.lines.append(self.lines[i])
            return i + 1
        else:
            self.close()
        anchor = None
        if self.container is not None and self.container.kind == "rec" and not bullet:
            if roman:
                parent = next((b for b in reversed(self.items) if not b.extra.get("roman")), None)
                anchor = f"{parent.anchor}-{label}" if parent is not None else None
            else:
                anchor = f"{self.container.anchor}-{label}"
        printed = self.lines[i].text[: len(self.lines[i].text) - len(first)].strip() if first else self.lines[i].text
        if bullet:
            printed = "•"  # box 15 prints "• ·": one bullet
        self.open = Builder("item", [self.lines[i]], anchor, printed or label, extra={"first": first, "roman": roman, "letter": label,
                                                                           "bullet": bullet})
        return i + 1

    # ------------------------------------------------------------- figures

    def start_figure(self, i: int, m: re.Match) -> int:
        """A figure caption; the chart is not reproduced and its residue is left out."""
        if self.open is not None and self.open.kind == "paragraph":
            self.close()
        elif self.open is not None and self.open.kind == "boxrun":
            pass  # a figure inside a box's pages: the box text goes on after it
        else:
            self.close()
        self.close_figure()
        key = m.group("letter") or m.group("number")
        anchor = f"fig-{key}" if m.group("letter") else f"fig{key}"
        used = [self.lines[i]]
        j = i + 1
        if j < len(self.lines) and not self.lines[j].blank and not _ARABIC_START.match(self.lines[j].raw) \
                and not _FIGURE.match(self.lines[j].raw) and caption_wraps(self.lines[i].text, self.lines[j].raw):
            used.append(self.lines[j])  # a caption wrapped over two lines
        for ln in used:
            self.out.mark(ln.number, "caption", "report.figure-caption")
        caption = join_lines([m.group("title")] + [ln.text for ln in used[1:]])
        label = self.lines[i].text[: self.lines[i].text.find(m.group("title"))].strip() if m.group("title") else None
        self.figure = {"anchor": anchor, "label": label, "title": caption, "lines": [ln.number for ln in used],
                       "residue": [], "resumable": True}
        if self.open is not None and self.open.kind == "boxrun":
            self.open.extra.setdefault("figures", []).append(self.figure)
            self.figure = None
            self.out.blocks  # the figure is emitted with the box
        return i + len(used)

    def close_figure(self) -> None:
        f = self.figure
        self.figure = None
        if f is None:
            return
        self.emit(self.figure_block(f), f["lines"][0])

    @staticmethod
    def figure_block(f: dict) -> Container:
        return Container("figure", f["anchor"], f["label"], text_inlines(f["title"]), (),
                         tuple(f["lines"]), note="figure-not-reproduced")

    # --------------------------------------------------------------- boxes

    def box_title(self, i: int, m: re.Match) -> int:
        """A box's title. The source prints it after the box text (which is then gathered
        before it) or, on a continuation page or a box that opens a page, before it."""
        ln = self.lines[i]
        n = int(m.group("number"))
        title = m.group("title")
        continued = bool(_BOX_CONTINUED.search(title))
        title = _BOX_CONTINUED.sub("", title).strip()
        if continued:
            # the box's title repeated on a continuation page: a running head, not a second title
            self.out.mark(ln.number, "furniture", "report.box-continued-title")
        else:
            self.out.mark(ln.number, "heading", "report.box-title")
        self.box_label = getattr(self, "box_label", {})
        if not continued:
            self.box_label[n] = ln.text[: ln.text.find(title)].strip() if title else ln.text
        figures = []
        if self.open is not None and self.open.kind == "boxrun":
            run = self.open
            self.open = None
            figures = run.extra.get("figures", [])
            blocks = self.box_blocks(run.lines)
            lines = tuple(x.number for x in run.lines) + (ln.number,)
            self.add_box_part(n, text_inlines(title), blocks, lines, continued)
            self.last_box = (n, [ln.number])
            for f in figures:
                self.emit(self.figure_block(f), f["lines"][0])
            return i + 1
        # title first: the box's text follows
        self.close_container()
        self.container = Builder("box", [ln], extra={"number": n, "title": text_inlines(title), "blocks": [],
                                                      "own": [ln.number], "continued": continued})
        self.last_box = None
        return i + 1

    last_box: tuple | None = None

    def in_box_notes(self) -> bool:
        return self.last_box is not None or (self.container is not None and self.container.kind == "box")

    def box_blocks(self, lines: list[Line]) -> list:
        """Box text: paragraphs split at blank lines, bullets as items, lettered notes kept apart."""
        blocks: list = []
        group: list[Line] = []
        notes: list[Line] = []

        def flush() -> None:
            if group:
                kind_bullet = _BULLET.match(group[0].raw)
                first = kind_bullet.group("text") if kind_bullet else None
                inl = lines_inlines(group, first)
                p = Paragraph(None, None, inl, tuple(x.number for x in group), "box")
                blocks.append(ListItem(None, "•", (p,), p.lines) if kind_bullet else p)
                for x in group:
                    self.out.mark(x.number, "illegible" if is_garbled_zh(x.text) else "text", "report.box-text")
                group.clear()

        in_note = False
        for ln in lines:
            if ln.blank:
                continue
            if _BOX_NOTE.match(ln.raw) and width(ln.text) > 20:
                flush()
                notes.append(ln)
                in_note = True
                continue
            if in_note and width(notes[-1].text) >= FULL_FOOTNOTE:
                notes.append(ln)
                continue
            in_note = False
            if _BULLET.match(ln.raw) or _SOURCE_LINE.match(ln.text) or (
                    group and ends_sentence(group[-1].text) and width(group[-1].text) < WIDE + 30):
                flush()
            group.append(ln)
        flush()
        blocks.extend(self.box_note_blocks(notes))
        return blocks

    def box_note_blocks(self, lines: list[Line]) -> list:
        """Lettered notes of a box (a, b, c...): footnotes that belong to the box."""
        out = []
        current: list[Line] = []
        for ln in lines + [None]:  # type: ignore[list-item]
            if ln is None or _BOX_NOTE.match(ln.raw):
                if current:
                    m = _BOX_NOTE.match(current[0].raw)
                    label = m.group("label")
                    out.append(Footnote(f"note-{label}", label, lines_inlines(current, m.group("text")),
                                        tuple(x.number for x in current)))
                    for x in current:
                        self.out.mark(x.number, "footnote", "report.box-note")
                current = [ln] if ln is not None else []
            else:
                current.append(ln)
        return out

    def start_box_note(self, i: int) -> int:
        """A lettered note printed after its box's title: it joins the box."""
        self.close()
        note = [self.lines[i]]
        # a note that fills its line goes on at the margin of the next one (box 11, note a:
        # "…这项研究还认为，人工" / "智能的发展可能会对59项目标…"); a new page starts indented
        j = i + 1
        while j < len(self.lines) and not self.lines[j].blank and not self.lines[j].raw[:1].isspace() \
                and width(note[-1].text) >= FULL_FOOTNOTE and not _BOX_NOTE.match(self.lines[j].raw):
            note.append(self.lines[j])
            j += 1
        j = self.note_bracket_continues(note, j)
        if self.container is not None and self.container.kind == "box":
            self.container.extra["blocks"].extend(self.box_note_blocks(note))
            return j
        n, _ = self.last_box  # type: ignore[misc]
        title, blocks, lines, continued = self.box_titles[n][-1]
        self.box_titles[n][-1] = (title, blocks + self.box_note_blocks(note), lines + tuple(x.number for x in note),
                                  continued)
        return j

    def note_bracket_continues(self, note: list[Line], j: int) -> int:
        """A note that stops with a bracket open goes on at the top of the next page (box 2's note c
        stops at "(Washington, D.C.:" and ends "International Monetary Fund, 2024)." after the break):
        the continuation joins ``note``; returns the index after it."""
        text = join_lines([x.text for x in note])
        if text.count("(") + text.count("（") <= text.count(")") + text.count("）"):
            return j
        k = j
        while k < len(self.lines) and self.lines[k].blank:
            k += 1
        if k < len(self.lines) and not _BOX_NOTE.match(self.lines[k].raw) and not _FIGURE.match(self.lines[k].raw) \
                and not _ARABIC_START.match(self.lines[k].raw) and re.search(r"[\)）]", self.lines[k].text):
            for x in self.lines[j:k]:
                self.out.mark(x.number, "blank", "blank")
            note.append(self.lines[k])
            return k + 1
        return j

    def orphan_box_note(self, i: int) -> int | None:
        """A lettered note printed pages after its box, where no box is open (box 2's note d after
        #p26): it joins the latest box that has the notes before its letter and not this one."""
        m = _BOX_NOTE.match(self.lines[i].raw)
        if m is None or width(self.lines[i].text) <= 20 or not self.box_titles:
            return None
        label = m.group("label")
        n = max(self.box_titles)
        title, blocks, lines, continued = self.box_titles[n][-1]
        have = {f.label for part in self.box_titles[n] for f in part[1] if isinstance(f, Footnote)}
        if label in have or (label != "a" and chr(ord(label) - 1) not in have):
            return None
        self.close()
        note = [self.lines[i]]
        j = i + 1
        while j < len(self.lines) and not self.lines[j].blank and not _BOX_NOTE.match(self.lines[j].raw) \
                and not _FIGURE.match(self.lines[j].raw) and width(note[-1].text) >= WIDE:
            note.append(self.lines[j])
            j += 1
        self.box_titles[n][-1] = (title, blocks + self.box_note_blocks(note), lines + tuple(x.number for x in note),
                                  continued)
        return j

    def finish_boxes(self) -> None:
        """Reassemble each box from its parts (text, title, continuations) into one container."""
        for n, parts in sorted(self.box_titles.items()):
            title = next((t for t, _, _, cont in parts if not cont), parts[0][0])
            blocks: list = []
            notes: list = []
            lines: list[int] = []
            for _, bl, ln, _ in parts:
                blocks.extend(b for b in bl if not isinstance(b, Footnote))
                notes.extend(b for b in bl if isinstance(b, Footnote))
                lines.extend(ln)
            anchor = f"box{n}"
            notes = [replace(f, anchor=f"{anchor}-{f.anchor}") for f in notes]
            label = getattr(self, "box_label", {}).get(n)
            block = Container("box", anchor, label, title, tuple(blocks + notes), tuple(sorted(set(lines))))
            self.emit(block, min(lines))

    # ------------------------------------------------------- recommendations

    def start_recommendation(self, i: int, m: re.Match) -> int:
        self.close_all()
        self.last_box = None
        n = int(m.group("number"))
        self.seq.recommendation = n + 1
        used = [self.lines[i]]
        title = m.group("title")
        if not title:
            j = i + 1
            while j < len(self.lines) and self.lines[j].blank:
                j += 1
            used.append(self.lines[j])
            title = self.lines[j].text
            for k in range(i + 1, j):
                self.out.mark(self.lines[k].number, "blank", "blank")
        for ln in used:
            self.out.mark(ln.number, "heading", "report.recommendation-title")
        label = re.sub(r"^\d\s*", "", self.lines[i].text)
        label = label[: label.find(m.group("title"))].strip() if m.group("title") else label
        self.container = Builder("rec", used, self.rec_anchor(n), label,
                                 extra={"title": text_inlines(title), "blocks": [], "own": [ln.number for ln in used]})
        return used[-1].number  # index of the line after the last used one

    # --------------------------------------------------------------- annexes

    def annex_line(self, i: int) -> int:
        ln = self.lines[i]
        text = ln.text
        if _ANNEXES.match(ln.raw):
            self.close_all()
            self.heading(1, "annexes", text, [ln], "report.part-heading")
            return i + 1
        m = _ANNEX.match(ln.raw)
        if m:
            self.close_annex()
            self.annex = m.group("letter")
            self.heading(2, f"annex-{self.annex.lower()}", text, [ln], "report.annex-heading", label=m.group("letter"))
            self.annex_rows: list = []
            return i + 1
        if self.annex == "G" and text in ("捐赠者", "秘书处"):
            self.close_annex()
            self.annex = "back"
            self.heading(2, None, text, [ln], "report.back-heading")
            return i + 1
        if self.annex == "back" and text == "秘书处":
            self.heading(2, None, text, [ln], "report.back-heading")
            return i + 1
        row = annex_row(self.annex, text)
        if row is not None:
            self.close()
            self.annex_rows.append((ln, row))
            self.out.mark(ln.number, "table", f"report.annex-{self.annex.lower()}-row")
            return i + 1
        if is_garbled_zh(text) and mostly_legible(text):
            # shown with its legible characters, each unread glyph marked (never hidden whole)
            self.close()
            self.emit(Paragraph(None, None, text_inlines(text), (ln.number,), "partial"), ln.number)
            self.out.mark(ln.number, "text", "report.partly-legible-line")
            return i + 1
        if is_garbled_zh(text):
            self.close()
            self.emit(Paragraph(None, None, text_inlines(text), (ln.number,), "illegible"), ln.number)
            self.out.mark(ln.number, "illegible", "report.garbled-line")
            return i + 1
        survey = self.annex in ("E", "F")
        wrapped = self.continues_text(i)
        if survey and is_chart_residue(text) and not wrapped and not is_slide_title(self.lines, i):
            self.close()
            self.out.mark(ln.number, "residue", "report.chart-residue")
            return i + 1
        # prose: paragraphs split at blank lines; in the survey annexes a line goes on from the
        # one above only where that one was cut at the margin (chart headlines stand a line each)
        if wrapped or (not survey and self.open is not None and self.open.kind == "text"
                       and not self.lines[i - 1].blank):
            self.open.lines.append(ln)
            return i + 1
        self.close()
        self.open = Builder("text", [ln], role="annex")
        return i + 1

    def continues_text(self, i: int) -> bool:
        """In the survey annexes: the line above belongs to the open text and was cut at the
        margin (wide, no closing punctuation), so this line, however short, ends it
        ("…的担忧程" / "度较低")."""
        if self.open is None or self.open.kind != "text" or self.lines[i - 1].blank:
            return False
        above = self.open.lines[-1]
        if above.number != self.lines[i - 1].number:
            return False
        return self.annex not in ("E", "F") or survey_line_continues(above.text, self.lines[i].text)

    def close_annex(self) -> None:
        self.close()
        rows = getattr(self, "annex_rows", [])
        if rows:
            header = None
            body = []
            for ln, cells in rows:
                if header is None and self.annex in ("C", "D") and ln.text.startswith(("活动", "领域")):
                    header = cells
                else:
                    body.append(cells)
            t = Table(f"annex-{self.annex.lower()}-table", tuple(text_inlines(c) for c in header or ()),
                      tuple(tuple(text_inlines(c) for c in r) for r in body), tuple(ln.number for ln, _ in rows))
            self.emit(t, rows[0][0].number)
        self.annex_rows = []


_DATE = r"\d{1,2}\s*月\s*\d{1,2}\s*日"


def annex_row(annex: str | None, text: str) -> tuple[str, ...] | None:
    """Split a line of a list annex into table cells: A (members), C (event, date, region),
    D (deep dive, date), G (abbreviation, name). Other annexes are prose."""
    if annex == "A":
        return (text,)
    if annex == "C":
        if text.startswith("活动"):
            return tuple(text.split())
        m = re.match(rf"^(?P<event>.+?)\s+(?P<date>{_DATE})\s*(?P<region>\S+)\s*$", text)
        return (m.group("event"), m.group("date"), m.group("region")) if m else None
    if annex == "D":
        if text.startswith("领域"):
            return tuple(text.split())
        m = re.match(rf"^(?P<topic>.+?)\s+(?P<date>{_DATE})\s*$", text)
        return (m.group("topic"), m.group("date")) if m else None
    if annex == "G":
        m = re.match(r"^(?P<abbr>\S+)\s+(?P<name>\S.*)$", text)
        return (m.group("abbr"), m.group("name")) if m else None
    return None


def caption_wraps(caption: str, next_raw: str) -> bool:
    """A caption goes on to the next line when it fills the line, or when it stops
    mid-phrase ("…按地区和可" / "持续发展目标分列") and the next line carries on at the
    margin with Chinese text (chart text and the next block start indented or with digits)."""
    if width(caption) >= 76:
        return True
    return (not ends_sentence(caption) and not caption.rstrip().endswith(("）", ")"))
            and bool(next_raw) and is_han(next_raw[0]))


#: A survey-annex line this wide that stops without punctuation was cut at the margin
#: (chart headlines wrap at about 70 and stand a line each when shorter than 40)...
SURVEY_WRAP_WIDTH = 60
#: ...and the annexes' prose is set at most this wide (notes under the charts run to 110, unwrapped).
SURVEY_PROSE_MEASURE = 80


def survey_line_continues(above: str, here: str) -> bool:
    """In the survey annexes, whether ``here`` goes on from the text line ``above``: only
    where ``above`` was cut at the margin. Chart headlines are set a line each
    ("74% 的受访者预计技术变革将加速" / "非西欧和其他地区组答复者预计…"), and numbers
    under a headline are the chart's."""
    if is_numeric_residue(here) or width(above) < SURVEY_WRAP_WIDTH:
        return False
    if not ends_sentence(above):
        return True
    # a sentence that ends at the margin of a prose paragraph, which goes on at full width
    return width(above) <= SURVEY_PROSE_MEASURE and width(here) >= SURVEY_WRAP_WIDTH


def is_slide_title(lines: list[Line], i: int) -> bool:
    """A survey slide's title ("样本概览"): a short Chinese line alone between blank lines,
    no digits and no chart label doubled by a text shadow ("中中国国")."""
    text = lines[i].text.strip()
    if not (2 <= len(text) <= 8) or not all(is_cjk(c) for c in text):
        return False
    if len(text) % 2 == 0 and text[0::2] == text[1::2]:
        return False
    return (i > 0 and lines[i - 1].blank) and (i + 1 < len(lines) and lines[i + 1].blank)


def is_numeric_residue(text: str) -> bool:
    """Axis values and percentages: a line at least half digits and number signs."""
    t = text.replace(" ", "")
    return bool(t) and sum(c.isdigit() or c in "%.-–,/" for c in t) / len(t) >= 0.5


def is_chart_residue(text: str) -> bool:
    """Axis values, percentages and legend fragments of a chart: digits, %, short labels."""
    if not text.replace(" ", ""):
        return False
    return is_numeric_residue(text) or (width(text) <= 8 and not ends_sentence(text))


# ----------------------------------------------------- step 5: note calls

#: A number after these is not a footnote call: "建议4", "方框9", "图9", "第23段", "至28"...
_CALL_BEFORE_BAD = ("建议", "方框", "图", "第", "至", "和", "及", "、", "-", "–", "/", ".", "约", "附件")
#: ...nor a number before these: "2024年", "18个月", "90%", "26项", "3.5"...
_CALL_AFTER_BAD = set("年月日个%％段名项多亿万号届次岁位家倍分./-–至和点")


def find_call(text: str, n: int, start: int = 0) -> int | None:
    """Position of a footnote call ``n`` glued to the text ("中期报告1中", "汇总 22、"), or None."""
    s = str(n)
    pos = start
    while True:
        k = text.find(s, pos)
        if k < 0:
            return None
        head = text[:k].rstrip(" ")
        before = head[-1:] if head else ""
        after = text[k + len(s)] if k + len(s) < len(text) else ""
        ok_before = bool(before) and not before.isdigit() and not head.endswith(_CALL_BEFORE_BAD) \
            and not (before.isascii() and before.isalnum())
        ok_after = not after.isdigit() and after not in _CALL_AFTER_BAD and not (after.isascii() and after.isalpha())
        if ok_before and ok_after:
            return k
        pos = k + 1


def _map_text(inlines: tuple[Inline, ...], fn) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.extend(fn(node.text))
        else:
            out.append(node)
    return tuple(out)


def _inline_blocks(block):
    """The blocks whose inlines hold text: paragraphs, headings and footnotes, nested ones too."""
    for b in walk((block,)):
        if isinstance(b, (Paragraph, Footnote)):
            yield b


def _rewrite(block, target, new):
    """Return ``block`` with the nested block ``target`` replaced by ``new``."""
    if block is target:
        return new
    if isinstance(block, Container):
        return replace(block, blocks=tuple(_rewrite(b, target, new) for b in block.blocks))
    if isinstance(block, ListItem):
        return replace(block, blocks=tuple(_rewrite(b, target, new) for b in block.blocks),
                       items=tuple(_rewrite(b, target, new) for b in block.items))
    return block


def resolve_note_calls(blocks: list, footnotes: list[Footnote], window: int = 260) -> tuple[list, list[str]]:
    """Turn glued footnote numbers into :class:`NoteRef` nodes.

    Footnotes are taken in order; each looks for its number in the text from
    where the previous footnote's call was found, among blocks printed near it
    (footnotes stand on the page of their call). Returns the new blocks and the
    anchors of footnotes whose call was not found.
    """
    blocks = list(blocks)
    missing: list[str] = []
    cursor = (0, 0)  # block index, line
    for fn in footnotes:
        n = int(fn.label)
        found = False
        for bi in range(cursor[0], len(blocks)):
            for inner in _inline_blocks(blocks[bi]):
                if isinstance(inner, Footnote) or not inner.lines:
                    continue
                if abs(inner.lines[0] - fn.lines[0]) > window:
                    continue
                new_inlines, ok = _place_call(inner.inlines, n, fn)
                if ok:
                    blocks[bi] = _rewrite(blocks[bi], inner, replace(inner, inlines=new_inlines))
                    cursor = (bi, 0)
                    found = True
                    break
            if found:
                break
        if not found:
            missing.append(fn.anchor)
    return blocks, missing


def _place_call(inlines: tuple[Inline, ...], n: int, fn: Footnote) -> tuple[tuple[Inline, ...], bool]:
    out: list[Inline] = []
    done = False
    for node in inlines:
        if not done and isinstance(node, Text):
            k = find_call(node.text, n)
            if k is not None:
                before, after = node.text[:k], node.text[k + len(str(n)):]
                if before.endswith(" "):
                    before = before[:-1]
                if before:
                    out.append(Text(before))
                out.append(NoteRef(fn.anchor, fn.label))
                if after:
                    out.append(Text(after))
                done = True
                continue
        out.append(node)
    return tuple(out), done


def resolve_box_notes(block: Container) -> Container:
    """In a box, letters glued to the text ("看好a。", "反应b。") call the box's lettered notes."""
    notes = {b.label: b.anchor for b in block.blocks if isinstance(b, Footnote)}
    if not notes:
        return block
    pending = dict(notes)

    def split(text: str) -> list[Inline]:
        out: list[Inline] = []
        pos = 0
        for m in re.finditer(r"(?<=[\u3000-\u9fff\uff00-\uffef”。）])\s?([a-e])(?![A-Za-z0-9.])", text):
            label = m.group(1)
            if label not in pending:
                continue
            out.append(Text(text[pos:m.start()]))
            out.append(NoteRef(pending.pop(label), label))
            pos = m.end()
        if pos < len(text):
            out.append(Text(text[pos:]))
        return [x for x in out if not (isinstance(x, Text) and not x.text)]

    def fix(b):
        if isinstance(b, Paragraph):
            return replace(b, inlines=_map_text(b.inlines, split))
        if isinstance(b, ListItem):
            return replace(b, blocks=tuple(fix(x) for x in b.blocks))
        return b

    return replace(block, blocks=tuple(fix(b) for b in block.blocks))


# ------------------------------------------------- step 5b: lost figures

#: A figure cited in the text: "（见图4）", "图 12".
_FIG_CITED = re.compile(r"图\s*(\d{1,2})(?!\d)")

#: ``Container.note`` of a figure the source text lacks entirely (the page says so).
LOST_FIGURE = "lost"


def add_lost_figures(blocks: list) -> list:
    """Figures are numbered consecutively; a number missing between the captions
    that are present is a figure the report prints but the extracted text lost,
    caption and data alike (figures 4 and 6). It gets a placeholder - anchor and
    label, no title, no source line - after the first paragraph that cites it, so
    that the anchor exists like every other figure's and "见图4" still leads to the
    place where the figure belongs, marked as missing from the source."""
    present = {int(b.anchor[3:]) for b in blocks
               if isinstance(b, Container) and b.kind == "figure" and b.anchor and b.anchor[3:].isdigit()}
    lost = {n for n in range(1, max(present, default=0) + 1)} - present
    out: list = []
    for b in blocks:
        out.append(b)
        if not lost or not isinstance(b, Paragraph):
            continue
        for m in _FIG_CITED.finditer(plain_text(b.inlines)):
            n = int(m.group(1))
            if n in lost:
                lost.discard(n)
                out.append(Container("figure", f"fig{n}", f"图{n}", (), (), (), note=LOST_FIGURE))
    return out


# ------------------------------------------------------ step 6: references

_REF = re.compile(
    r"(?P<rec>建议\s*(?P<recs>\d(?:\s*[、和及至]\s*\d)*))"
    r"|(?P<box>方框\s*(?P<boxn>\d{1,2}))"
    r"|(?P<para>第\s*(?P<paras>\d{1,3}(?:\s*[、和至]\s*\d{1,3})*)\s*段)"
    r"|(?P<annex>附件\s*(?P<annexl>[A-G]))"
    r"|(?P<fig>图\s*(?:[\(（](?P<figl>[a-d])[\)）]|(?P<fign>\d{1,2})))"
    r"|(?P<res>(?<![\d/])78/(?P<resn>265|311)(?!\d))"
)


def link_references(inlines: tuple[Inline, ...], part: str, anchors: set[str], page_of) -> tuple[Inline, ...]:
    """Make internal references links: recommendations, boxes, paragraphs, annexes, figures,
    and resolutions 78/265 and 78/311 (to the official document). A reference to a
    target that does not exist in the edition stays text."""

    def target(kind: str, key: str) -> str | None:
        if kind == "rec":
            a = f"es-rec{key}" if part == "summary" and f"es-rec{key}" in anchors else f"rec{key}"
        elif kind == "box":
            a = f"box{key}"
        elif kind == "para":
            a = f"p{key}"
        elif kind == "annex":
            a = f"annex-{key.lower()}"
        else:
            a = key
        return a if a in anchors else None

    def split(text: str) -> list[Inline]:
        out: list[Inline] = []
        pos = 0
        for m in _REF.finditer(text):
            if m.start() > pos:
                out.append(Text(text[pos:m.start()]))
            pos = m.end()
            if m.group("res"):
                out.append(DocRef(f"A/RES/78/{m.group('resn')}", (Text(m.group(0)),)))
                continue
            if m.group("rec") or m.group("para"):
                kind = "rec" if m.group("rec") else "para"
                body = m.group(0)
                # each number in "建议4和5" / "第66和73段" links to its own target
                pieces: list[Inline] = []
                last = 0
                for num in re.finditer(r"\d{1,3}", body):
                    a = target(kind, num.group(0))
                    end = num.end()
                    if num.start() == re.search(r"\d", body).start():
                        chunk_start = 0
                    else:
                        chunk_start = num.start()
                    if last < chunk_start:
                        pieces.append(Text(body[last:chunk_start]))
                    chunk_end = end if kind == "rec" or num.end() != len(body.rstrip("段")) else len(body)
                    chunk = body[chunk_start:chunk_end]
                    pieces.append(Xref(page_of(a), a, (Text(chunk),)) if a else Text(chunk))
                    last = chunk_end
                if last < len(body):
                    pieces.append(Text(body[last:]))
                out.extend(pieces)
                continue
            if m.group("box"):
                a = target("box", m.group("boxn"))
            elif m.group("annex"):
                a = target("annex", m.group("annexl"))
            else:
                a = target("fig", f"fig-{m.group('figl')}" if m.group("figl") else f"fig{m.group('fign')}")
            out.append(Xref(page_of(a), a, (Text(m.group(0)),)) if a else Text(m.group(0)))
        if pos < len(text):
            out.append(Text(text[pos:]))
        return out

    return _map_text(inlines, split)


def _map_blocks(block, fn):
    if isinstance(block, (Paragraph, Footnote)):
        return replace(block, inlines=fn(block.inlines))
    if isinstance(block, Container):
        return replace(block, blocks=tuple(_map_blocks(b, fn) for b in block.blocks))
    if isinstance(block, ListItem):
        return replace(block, blocks=tuple(_map_blocks(b, fn) for b in block.blocks),
                       items=tuple(_map_blocks(b, fn) for b in block.items))
    return block


# ---------------------------------------------------------- step 7: ledger


def build_ledger(lines: list[Line], classes: dict[int, tuple[str, str]], path: str) -> tuple[LedgerEntry, ...]:
    """Every source line in exactly one class, by the rule that decided it."""
    out = []
    for ln in lines:
        if ln.number not in classes:
            raise SourceError(path, ln.number, f"line not accounted for by any rule: {ln.text!r}")
        cls, rule = classes[ln.number]
        out.append(LedgerEntry(ln.number, cls, rule))  # type: ignore[arg-type]
    return tuple(out)


# ------------------------------------------------------------------- parse

#: Where each part of the report goes: page keys (see :mod:`edition.pages.report`).
def page_key(part: str, chapter: int | None = None) -> str:
    if part in ("front", "summary"):
        return "report"
    if part == "annexes":
        return "report-annexes"
    return f"report-ch{chapter}"


def parse_report(lines: list[str], *, lang: str, path: str, source: str = "", document: str = "report") -> Document:
    """Parse the Chinese report. Raises :class:`SourceError` on input the rules cannot read."""
    if lang != "zh":
        raise SourceError(path, None, f"the report parser reads the Chinese text; got language '{lang}'")
    src = [Line(i, raw.rstrip("\n")) for i, raw in enumerate(lines, 1)]
    if not any(not ln.blank for ln in src):
        raise SourceError(path, 1, "empty source; expected the report text")
    parts = split_parts(src, path)
    asm = Assembler(src, parts, path).run()
    ordered = [b for _, _, b in sorted(asm.blocks, key=lambda x: (x[0], x[1]))]
    ordered = [resolve_box_notes(b) if isinstance(b, Container) and b.kind == "box" else b for b in ordered]

    # footnotes per part, and their calls
    summary_notes = [f for f in asm.footnotes if f.anchor.startswith("es-")]
    body_notes = [f for f in asm.footnotes if not f.anchor.startswith("es-")]
    ordered, missing = resolve_note_calls(ordered, summary_notes + body_notes)
    ordered = add_lost_figures(ordered)

    # which page holds each anchor, for links
    page: dict[str, str] = {}
    part_of_line = lambda n: ("annexes" if n >= parts.annexes else "body" if n >= parts.body  # noqa: E731
                              else "summary" if n >= parts.summary else "front")
    chapter = 0
    pages: list[tuple[str, object]] = []
    first = 0
    for b in ordered:
        first = b.lines[0] if b.lines else first  # a lost figure stands where its citing paragraph is
        part = part_of_line(first)
        if part == "body" and isinstance(b, Heading) and b.level == 2:
            chapter = int(b.label or 0)
        key = page_key(part, chapter or 1)
        pages.append((key, b))
        for x in walk((b,)):
            if getattr(x, "anchor", None):
                page[x.anchor] = key
    for f in asm.footnotes:
        page[f.anchor] = page_key(part_of_line(f.lines[0]), None) if part_of_line(f.lines[0]) != "body" else page.get(f.anchor, "")
    anchors = set(page)

    def page_of(anchor: str) -> str:
        return page[anchor]

    linked = []
    for key, b in pages:
        part = "summary" if key == "report" else "body"
        linked.append(_map_blocks(b, lambda inl, part=part: link_references(inl, part, anchors, page_of)))
    footnotes = [_map_blocks(f, lambda inl, f=f: link_references(
        inl, "summary" if f.anchor.startswith("es-") else "body", anchors, page_of)) for f in asm.footnotes]

    meta = (("missing_calls", " ".join(missing)),)
    return Document(source=source, document=document, lang="zh", path=path, blocks=tuple(linked),
                    footnotes=tuple(footnotes), ledger=build_ledger(src, asm.classes, path), meta=meta)
