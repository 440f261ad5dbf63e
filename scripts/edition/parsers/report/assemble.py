"""The walk over the lines, the ledger and :func:`parse_report`: the stages put together."""

from __future__ import annotations

from ...errors import SourceError
from ...model import Container, Document, Footnote, Heading, LedgerEntry, Paragraph, walk
from .boxes import BoxStage
from .figures import FigureStage, add_lost_figures, group_survey_charts
from .lines import FULL_FOOTNOTE, FurnitureStage, Line, ends_sentence, join_lines, lines_inlines, split_parts, width
from .notes import NoteStage, resolve_box_notes, resolve_note_calls
from .paragraphs import ParagraphStage
from .references import link_references
from .tree import map_blocks
from .state import AssemblerState, Assembly, Builder, Sequences


class Assembler(FurnitureStage, ParagraphStage, NoteStage, BoxStage, FigureStage, AssemblerState):
    """Walks the lines once; each kind of line is handled by a named method of its stage's module.
    All its state is declared by :class:`.state.AssemblerState`."""

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
                self.out.mark(ln.number, "report.paragraph", ln.text)
        elif b.kind == "text":
            p = Paragraph(None, None, lines_inlines(b.lines), tuple(ln.number for ln in b.lines), b.role)
            if b.role == "container" and self.container is not None:
                self.container.extra["blocks"].append(p)
            else:
                self.emit(p, b.lines[0].number)
            for ln in b.lines:
                self.out.mark(ln.number, f"report.{b.role}", ln.text)
        elif b.kind == "footnote":
            fn = Footnote(b.anchor, b.label, lines_inlines(b.lines, b.extra["first"]), tuple(ln.number for ln in b.lines))
            self.out.footnotes.append(fn)
            for ln in b.lines:
                self.out.mark(ln.number, "report.footnote", ln.text)
            last = b.lines[-1].text
            self.unfinished_note = b if width(last) >= FULL_FOOTNOTE and not ends_sentence(last) else None
        elif b.kind == "boxrun":
            # Box text without a following title: prose that is not in a box (or chart text after a figure).
            for f in b.extra.get("figures", []):
                self.emit(self.figure_block(f), f.lines[0])
            if self.figure is not None:
                for ln in b.lines:
                    self.figure_line(ln)
            else:
                self.open = Builder("text", b.lines, role="unnumbered")
                self.close()
        elif b.kind == "item":
            self.finish_item(b)

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
        if self.furniture(ln):
            return i + 1
        if self.part == "annexes":
            return self.annex_line(i)
        return self.text_line(i)


# ------------------------------------------------------------------ ledger


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
    ordered = group_survey_charts(add_lost_figures(ordered))

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
        linked.append(map_blocks(b, lambda inl, part=part: link_references(inl, part, anchors, page_of)))
    footnotes = [map_blocks(f, lambda inl, f=f: link_references(
        inl, "summary" if f.anchor.startswith("es-") else "body", anchors, page_of)) for f in asm.footnotes]

    meta = (("missing_calls", " ".join(missing)),)
    return Document(source=source, document=document, lang="zh", path=path, blocks=tuple(linked),
                    footnotes=tuple(footnotes), ledger=build_ledger(src, asm.classes, path), meta=meta)
