"""Emendations: editorial corrections of source readings, kept as data and shown to readers.

An edition never changes text silently. Each correction is a record (source,
line, original reading, corrected reading, reason in the three interface
languages). Loading checks the record against the raw source line; applying it
replaces the original reading in the parsed model by an :class:`Emended` node,
which the writer renders as the corrected reading with a marker that shows the
original and links to the apparatus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .datafile import read_data
from .errors import DataError, DataErrors
from .model import (
    Container,
    Document,
    Emended,
    Emphasis,
    Footnote,
    HeaderBlock,
    Heading,
    Illegible,
    Inline,
    ListItem,
    Paragraph,
    Table,
    Text,
)
from .schemas import EmendationsFile

@dataclass(frozen=True)
class Emendation:
    id: str
    source: str
    line: int
    original: str
    corrected: str
    reason: dict[str, str]
    data_file: str
    data_line: int | None

    def corrected_inlines(self) -> tuple[Inline, ...]:
        """The corrected reading as inlines: ``**x**`` bold, ``*x*`` italic, the rest literal."""
        m = re.fullmatch(r"\*\*(.+)\*\*", self.corrected, re.DOTALL)
        if m:
            return (Emphasis((Text(m.group(1)),), "bold"),)
        m = re.fullmatch(r"\*(.+)\*", self.corrected, re.DOTALL)
        if m:
            return (Emphasis((Text(m.group(1)),), "italic"),)
        return (Text(self.corrected),) if self.corrected else ()


def load_emendations(folder: Path, source_lines: dict[str, list[str]]) -> list[Emendation]:
    """Load every ``*.yaml`` in ``folder`` and check each record against its source line.

    The schema (:class:`edition.schemas.EmendationsFile`) checks each file; here the
    records are checked against the texts: a known source, a line of it, the
    original reading on that line, ids unique across files, and no two records
    on one reading. Every problem of every file is reported together.
    """
    records: list[Emendation] = []
    errors: list[DataError] = []
    seen: dict[str, str] = {}
    claimed: dict[tuple[str, int], list[tuple[int, int, Emendation]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data, lines = read_data(path, EmendationsFile)
        except DataErrors as exc:
            errors.extend(exc.errors)
            continue
        for i, raw in enumerate(data.emendations):
            where = lines.at("emendations", i)

            def refuse(message: str, field: str = "id") -> None:
                errors.append(DataError(str(path), lines.at("emendations", i, field),
                                        f"emendation {raw.id}: {message}"))

            if raw.id in seen:
                refuse(f"id given twice (first at {seen[raw.id]})")
                continue
            seen[raw.id] = f"{path}:{lines.at('emendations', i, 'id')}"
            if raw.source not in source_lines:
                refuse(f"unknown source '{raw.source}'; expected one of {', '.join(sorted(source_lines))}", "source")
                continue
            text = source_lines[raw.source]
            if not 1 <= raw.line <= len(text):
                refuse(f"line {raw.line} is not a line of source '{raw.source}' (1–{len(text)})", "line")
                continue
            reading = text[raw.line - 1]
            if raw.original not in reading:
                refuse(f"original reading {raw.original!r} is not on line {raw.line} of source '{raw.source}' "
                       f"(which reads {reading[:80]!r})", "original")
                continue
            record = Emendation(raw.id, raw.source, raw.line, raw.original, raw.corrected, dict(raw.reason),
                                str(path), where)
            overlap = _claim(claimed.setdefault((raw.source, raw.line), []), reading, record)
            if overlap is not None:
                refuse(f"its reading {raw.original!r} on line {raw.line} of source '{raw.source}' overlaps the "
                       f"reading {overlap.original!r} that emendation {overlap.id} ({overlap.data_file}:"
                       f"{overlap.data_line}) already corrects; a reading takes one record: merge the two",
                       "original")
                continue
            records.append(record)
    if errors:
        raise DataErrors(errors)
    return records


def _claim(claimed: list[tuple[int, int, Emendation]], reading: str, e: Emendation) -> Emendation | None:
    """Claim the first occurrence of ``e.original`` on its line that no earlier record corrects
    (as :func:`apply_emendations` will find it); return the record in the way if there is none."""
    start = reading.find(e.original)
    first_clash = None
    while start != -1:
        end = start + len(e.original)
        clash = next((other for s, t, other in claimed if s < end and start < t), None)
        if clash is None:
            claimed.append((start, end, e))
            return None
        first_clash = first_clash or clash
        start = reading.find(e.original, start + 1)
    return first_clash


def apply_emendations(doc: Document, emendations: list[Emendation]) -> Document:
    """Return ``doc`` with each of its emendations applied to the block built from its line."""
    mine = [e for e in emendations if e.source == doc.source]
    blocks = doc.blocks
    footnotes = doc.footnotes
    for e in mine:
        done = [False]
        blocks = tuple(_apply_block(b, e, done) for b in blocks)
        footnotes = tuple(_apply_block(f, e, done) for f in footnotes)
        if not done[0]:
            raise DataError(e.data_file, e.data_line, f"emendation {e.id}: reading {e.original!r} on line {e.line} "
                            "was not found in the parsed text as one run of plain text: markup of the source "
                            "(emphasis, a link, a footnote mark) splits it, or the parser does not keep that "
                            "part of the line; correct a reading that lies within one run of text")
    return replace(doc, blocks=blocks, footnotes=footnotes)


def _apply_block(block, e: Emendation, done: list[bool]):
    if done[0]:
        return block
    if isinstance(block, HeaderBlock):
        return replace(block, fields=tuple(
            replace(f, inlines=_apply_inlines(f.inlines, e, done)) if e.line in f.lines and not done[0] else f
            for f in block.fields))
    if isinstance(block, (Container, ListItem)):
        if isinstance(block, Container) and e.line in block.lines and not done[0]:
            block = replace(block, title=_apply_inlines(block.title, e, done))
        block = replace(block, blocks=tuple(_apply_block(b, e, done) for b in block.blocks))
        if isinstance(block, ListItem):
            block = replace(block, items=tuple(_apply_block(b, e, done) for b in block.items))
        return block
    if isinstance(block, Table):
        if e.line not in block.lines:
            return block
        return replace(block, rows=tuple(tuple(_apply_inlines(c, e, done) for c in row) for row in block.rows),
                       header=tuple(_apply_inlines(c, e, done) for c in block.header))
    if isinstance(block, (Paragraph, Heading, Footnote)) and e.line in block.lines:
        return replace(block, inlines=_apply_inlines(block.inlines, e, done))
    return block


def _apply_inlines(inlines: tuple[Inline, ...], e: Emendation, done: list[bool]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in inlines:
        if not done[0] and isinstance(node, Text) and e.original in node.text:
            before, _, after = node.text.partition(e.original)
            if before:
                out.append(Text(before))
            out.append(Emended(e.id, e.original, e.corrected_inlines()))
            if after:
                out.append(Text(after))
            done[0] = True
        elif not done[0] and isinstance(node, Illegible) and node.source == e.original:
            # garbled glyphs whose intended reading is certain: the record repairs them
            out.append(Emended(e.id, e.original, e.corrected_inlines()))
            done[0] = True
        elif not done[0] and hasattr(node, "children") and not isinstance(node, Emended):
            out.append(replace(node, children=_apply_inlines(node.children, e, done)))
        else:
            out.append(node)
    return tuple(out)


def _entry_line(text: list[str], eid) -> int | None:
    if eid is None:
        return None
    for number, line in enumerate(text, 1):
        if re.search(rf"\bid:\s*{re.escape(str(eid))}\s*$", line):
            return number
    return None
