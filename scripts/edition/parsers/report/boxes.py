"""Stage 4, boxes and recommendations: a box's title (printed before or after its text, repeated on
continuation pages), its paragraphs, bullets and lettered notes wherever they are printed, and
a recommendation's title with its lettered and roman items.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Container, Footnote, ListItem, Paragraph
from .lines import (
    _BOX_CONTINUED, _BOX_NOTE, _BULLET, _ARABIC_START, _FIGURE, _SOURCE_LINE, FULL_FOOTNOTE, WIDE, Line,
    ends_sentence, join_lines, lines_inlines, text_inlines, width,
)
from .state import Builder


class BoxStage:
    """Boxes and recommendations: methods of the :class:`.assemble.Assembler`."""

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

    def rec_anchor(self, n: int) -> str:
        return f"es-rec{n}" if self.part == "summary" else f"rec{n}"

    # ----------------------------------------------------------------- boxes

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
            self.out.mark(ln.number, "report.box-continued-title")
        else:
            self.out.mark(ln.number, "report.box-title")
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
                self.emit(self.figure_block(f), f.lines[0])
            return i + 1
        # title first: the box's text follows
        self.close_container()
        self.container = Builder("box", [ln], extra={"number": n, "title": text_inlines(title), "blocks": [],
                                                      "own": [ln.number], "continued": continued})
        self.last_box = None
        return i + 1

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
                    self.out.mark(x.number, "report.box-text", x.text)
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
                        self.out.mark(x.number, "report.box-note")
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
                self.out.mark(x.number, "blank")
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
            label = self.box_label.get(n)
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
                self.out.mark(self.lines[k].number, "blank")
        for ln in used:
            self.out.mark(ln.number, "report.recommendation-title")
        label = re.sub(r"^\d\s*", "", self.lines[i].text)
        label = label[: label.find(m.group("title"))].strip() if m.group("title") else label
        self.container = Builder("rec", used, self.rec_anchor(n), label,
                                 extra={"title": text_inlines(title), "blocks": [], "own": [ln.number for ln in used]})
        return used[-1].number  # index of the line after the last used one
