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

from .errors import DataError
from .model import (
    LANGS,
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
from .sources import load_yaml

_ID = re.compile(r"^e-[a-z0-9-]+$")


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
    """Load every ``*.yaml`` in ``folder`` and check each record against its source line."""
    records: list[Emendation] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = load_yaml(path)
        if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("emendations"), list):
            raise DataError(str(path), 1, "expected a mapping with 'version: 1' and a list 'emendations'")
        text = path.read_text(encoding="utf-8").splitlines()
        for i, raw in enumerate(data["emendations"], 1):
            where = _entry_line(text, raw.get("id") if isinstance(raw, dict) else None)
            if not isinstance(raw, dict):
                raise DataError(str(path), where, f"emendation {i}: expected a mapping")
            for key in ("id", "source", "line", "original", "corrected", "reason"):
                # an empty corrected reading is a deletion (chart text glued to a caption); the
                # field must still be written, as "", so that no deletion is an accident
                if key not in raw or raw[key] is None or (raw[key] == "" and key != "corrected"):
                    raise DataError(str(path), where, f"emendation {raw.get('id', i)}: missing field '{key}'")
            eid = str(raw["id"])
            if not _ID.match(eid):
                raise DataError(str(path), where, f"emendation id '{eid}' must look like e-<source>-<n>")
            if eid in seen:
                raise DataError(str(path), where, f"duplicate emendation id '{eid}' (also in {seen[eid]})")
            seen[eid] = str(path)
            reason = raw["reason"]
            if not isinstance(reason, dict) or any(not reason.get(lang) for lang in LANGS):
                raise DataError(str(path), where, f"emendation {eid}: 'reason' needs zh, ru and en")
            if raw["source"] not in source_lines:
                raise DataError(str(path), where, f"emendation {eid}: unknown source '{raw['source']}'")
            lines = source_lines[raw["source"]]
            line = raw["line"]
            if not isinstance(line, int) or not 1 <= line <= len(lines):
                raise DataError(str(path), where, f"emendation {eid}: line {line} is not a line of source '{raw['source']}'")
            if str(raw["original"]) not in lines[line - 1]:
                raise DataError(str(path), where, f"emendation {eid}: original reading {raw['original']!r} "
                                f"is not on line {line} of source '{raw['source']}' (which reads {lines[line - 1][:80]!r})")
            records.append(Emendation(eid, raw["source"], line, str(raw["original"]), str(raw["corrected"]),
                                      {k: str(v) for k, v in reason.items()}, str(path), where))
    return records


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
                            "was not found in the parsed text (is it split by markup?)")
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
