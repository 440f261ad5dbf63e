"""References to other UN documents become links: a pure pass over the parsed model.

``sources/data/documents.yaml`` says how each language writes a reference (70/1,
217 A (III), A/HRC/53/42 …). Every mention in a Text node becomes a
:class:`DocRef` (the writer links it to https://undocs.org/<lang>/<symbol>, title
on hover) or, for a document this edition contains, an :class:`Xref` inside the
site. Mentions are matched as whole tokens: 78/1 never matches inside 78/132.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .datafile import load_data
from .model import Container, DocRef, Document, Footnote, HeaderBlock, Inline, ListItem, Paragraph, Table, Text, Xref
from .schemas import DocumentsFile


@dataclass(frozen=True)
class UNDocument:
    symbol: str
    mentions: dict[str, tuple[str, ...]]
    title: dict[str, str]
    internal: str | None = None


def load_documents(path: Path) -> list[UNDocument]:
    """Read ``documents.yaml`` against its schema (:class:`edition.schemas.DocumentsFile`)."""
    data = load_data(path, DocumentsFile)
    return [UNDocument(d.symbol, {lang: tuple(m) for lang, m in d.mentions.items()}, dict(d.title), d.internal)
            for d in data.documents]


def _pattern(docs: list[UNDocument], lang: str) -> tuple[re.Pattern[str] | None, dict[str, UNDocument]]:
    table = {m: d for d in docs for m in d.mentions.get(lang, ())}
    if not table:
        return None, table
    alts = "|".join(re.escape(m) for m in sorted(table, key=len, reverse=True))
    # token boundaries are ASCII: a Han character may touch a symbol ("217 A(III)号决议")
    return re.compile(rf"(?<![0-9A-Za-z_/.])(?:{alts})(?![0-9A-Za-z_/]|\.\d)"), table


def link_text(text: str, pattern: re.Pattern[str], table: dict[str, UNDocument]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos:m.start()]))
        doc = table[m.group(0)]
        child = (Text(m.group(0)),)
        out.append(Xref(doc.internal, None, child, doc.title["zh"]) if doc.internal else DocRef(doc.symbol, child))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def apply_references(doc: Document, docs: list[UNDocument], skip_fields: tuple[str, ...] = ("title",)) -> Document:
    """Return ``doc`` with document mentions linked (the resolution's own title field is left alone)."""
    pattern, table = _pattern(docs, doc.lang)
    if pattern is None:
        return doc
    internal = {d.symbol: d for d in docs if d.internal}

    def inl(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for n in nodes:
            if isinstance(n, Text):
                out.extend(link_text(n.text, pattern, table))
            elif isinstance(n, DocRef) and n.symbol in internal:
                out.append(Xref(internal[n.symbol].internal, None, n.children, internal[n.symbol].title["zh"]))
            elif isinstance(n, (DocRef, Xref)):
                out.append(n)
            elif hasattr(n, "children"):
                out.append(replace(n, children=inl(n.children)))
            else:
                out.append(n)
        return tuple(out)

    def blk(b):
        if isinstance(b, HeaderBlock):
            return replace(b, fields=tuple(f if f.name in skip_fields else replace(f, inlines=inl(f.inlines))
                                           for f in b.fields))
        if isinstance(b, (Paragraph, Footnote)):
            return replace(b, inlines=inl(b.inlines))
        if isinstance(b, Container):
            return replace(b, title=inl(b.title), blocks=tuple(blk(x) for x in b.blocks))
        if isinstance(b, ListItem):
            return replace(b, blocks=tuple(blk(x) for x in b.blocks), items=tuple(blk(x) for x in b.items))
        if isinstance(b, Table):
            return replace(b, rows=tuple(tuple(inl(c) for c in row) for row in b.rows))
        if hasattr(b, "inlines"):
            return replace(b, inlines=inl(b.inlines))
        return b

    return replace(doc, blocks=tuple(blk(b) for b in doc.blocks), footnotes=tuple(blk(f) for f in doc.footnotes))
