"""Stage 3, paragraphs and headings: numbered paragraphs (and whether a number is a paragraph's
or a footnote's), chapter, section and run-in headings, items, and the lines that continue
what is open across blank lines, page breaks, figures and footnotes.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Heading, ListItem, Paragraph
from ..text import is_cjk, is_han
from .lines import (
    _ARABIC_START, _BOX, _BOX_NOTE, _BULLET, _CHAPTER, _CN_START, _FIGURE, _LETTER_ITEM, _REC, _ROMAN_ITEM, _SECTION,
    _SUMMARY, FULL_FOOTNOTE, WIDE, Line, cn_number, ends_sentence, is_page_header, join_lines, lines_inlines, text_inlines, width,
)
from .figures import is_chart_label
from .state import Builder, Sequences

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


class ParagraphStage:
    """Paragraphs, headings and items: methods of the :class:`.assemble.Assembler`."""

    def para_anchor(self, n: int) -> str:
        return f"es{n}" if self.part == "summary" else f"p{n}"

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
            self.out.mark(ln.number, "report.chart-label")
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
            self.out.mark(ln.number, rule)
        self.prev_kind = "heading"

    def start_paragraph(self, i: int, n: int, label: str, first: str) -> int:
        self.close_all()
        self.last_box = None
        self.seq.paragraph = n + 1
        role = "summary" if self.part == "summary" else "body"
        self.open = Builder("paragraph", [self.lines[i]], self.para_anchor(n), label, role, {"first": first})
        self.prev_kind = "paragraph"
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

    def flush_parked(self) -> None:
        """A paragraph cut by footnotes that does not resume is complete as it stands."""
        b, self.parked = self.parked, None
        if b is not None:
            keep, self.open = self.open, b
            self.close()
            self.open = keep

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
            if self.pending_para is not None and self.figure.resumable:
                # the paragraph cut by the figure resumes on the next page
                self.figure.resumable = False
                return self.resume(i)
            self.figure_line(ln)
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
                self.out.mark(x.number, "report.page-break-duplicate")
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

    def finish_item(self, b: Builder) -> None:
        inl = lines_inlines(b.lines, b.extra["first"])
        item = ListItem(b.anchor, b.label, (Paragraph(None, None, inl, tuple(ln.number for ln in b.lines), "item"),),
                        tuple(ln.number for ln in b.lines))
        for ln in b.lines:
            self.out.mark(ln.number, "report.item", ln.text)
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
