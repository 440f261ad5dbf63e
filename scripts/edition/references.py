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

from .errors import DataError
from .model import LANGS, Container, DocRef, Document, Footnote, HeaderBlock, Inline, ListItem, Paragraph, Table, Text, Xref
from .sources import load_yaml


@dataclass(frozen=True)
class UNDocument:
    symbol: str
    mentions: dict[str, tuple[str, ...]]
    title: dict[str, str]
    internal: str | None = None


def load_documents(path: Path) -> list[UNDocument]:
    data = load_yaml(path)
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("documents"), list):
        raise DataError(str(path), 1, "expected a mapping with 'version: 1' and a list 'documents'")
    lines = path.read_text(encoding="utf-8").splitlines()
    out, seen = [], set()
    for i, raw in enumerate(data["documents"], 1):
        symbol = str((raw or {}).get("symbol") or "")
        line = next((n for n, l in enumerate(lines, 1) if l.strip() == f"- symbol: {symbol}"), None)
        if not symbol:
            raise DataError(str(path), line, f"document {i}: missing 'symbol'")
        if symbol in seen:
            raise DataError(str(path), line, f"document {symbol}: listed twice")
        seen.add(symbol)
        title = raw.get("title") or {}
        missing = [lang for lang in LANGS if not title.get(lang)]
        if missing:
            raise DataError(str(path), line, f"document {symbol}: title missing language {', '.join(missing)}")
        mentions = raw.get("mentions") or {}
        if not mentions or any(lang not in LANGS for lang in mentions):
            raise DataError(str(path), line, f"document {symbol}: 'mentions' needs zh, ru or en keys")
        out.append(UNDocument(symbol, {k: tuple(v) for k, v in mentions.items()}, {k: title[k] for k in LANGS},
                              raw.get("internal")))
    return out


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
