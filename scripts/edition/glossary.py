"""The report's glossary (Annex G) explained on hover wherever an abbreviation appears.

Python-Markdown's ``abbr`` extension matches on word boundaries, and Chinese has
none, so the abbreviations are marked in the model instead: each occurrence in
the report's text becomes an :class:`Abbr` node (rendered ``<abbr title>``). The
glossary table itself and headings are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Abbr, Container, DocRef, Document, Footnote, Heading, Inline, ListItem, Paragraph, Table, Text, Xref, plain_text, walk

GLOSSARY_TABLE = "annex-g-table"


def glossary_of(doc: Document) -> dict[str, str]:
    """Abbreviation -> expansion, from the two-column glossary table of Annex G."""
    for block in walk(doc.blocks):
        if isinstance(block, Table) and block.anchor == GLOSSARY_TABLE:
            return {plain_text(r[0]).strip(): plain_text(r[1]).strip() for r in block.rows
                    if len(r) >= 2 and plain_text(r[0]).strip() and plain_text(r[1]).strip()}
    return {}


def apply_glossary(doc: Document, glossary: dict[str, str]) -> Document:
    if not glossary:
        return doc
    alts = "|".join(re.escape(a) for a in sorted(glossary, key=len, reverse=True))
    # Latin abbreviations (G7, G20) must not match inside a longer token (G77); Han ones stand alone
    pattern = re.compile(rf"(?<![0-9A-Za-z])(?:{alts})(?![0-9A-Za-z])")

    def inl(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for n in nodes:
            if isinstance(n, Text):
                pos = 0
                for m in pattern.finditer(n.text):
                    if m.start() > pos:
                        out.append(Text(n.text[pos:m.start()]))
                    out.append(Abbr(m.group(0), glossary[m.group(0)]))
                    pos = m.end()
                if pos < len(n.text):
                    out.append(Text(n.text[pos:]))
            elif isinstance(n, (Xref, DocRef, Abbr)) or not hasattr(n, "children"):
                out.append(n)
            else:
                out.append(replace(n, children=inl(n.children)))
        return tuple(out)

    def blk(b):
        if isinstance(b, (Heading,)) or (isinstance(b, Table) and b.anchor == GLOSSARY_TABLE):
            return b
        if isinstance(b, (Paragraph, Footnote)):
            return replace(b, inlines=inl(b.inlines))
        if isinstance(b, Container):
            return replace(b, blocks=tuple(blk(x) for x in b.blocks))
        if isinstance(b, ListItem):
            return replace(b, blocks=tuple(blk(x) for x in b.blocks), items=tuple(blk(x) for x in b.items))
        if isinstance(b, Table):
            return replace(b, rows=tuple(tuple(inl(c) for c in row) for row in b.rows))
        return b

    return replace(doc, blocks=tuple(blk(b) for b in doc.blocks), footnotes=tuple(blk(f) for f in doc.footnotes))
