"""The document model shared by every source kind.

Parsers turn text into these frozen dataclasses; editorial passes (emendations,
cross-references) return new trees; one Markdown writer renders them. Keeping the
model small and immutable is what lets a resolution, a report and a news piece go
through the same writer and the same tests, and lets a test compare two parses.

Every block carries ``lines``: the 1-based source line numbers it was built from.
That is how an error names a line, how an emendation is checked against its
line, and how the fidelity ledger proves no source line was lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

#: A language code (declared in ``sources/data/languages.yaml``; the model does not enumerate them).
Lang = str


# --------------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """Literal source text. The writer escapes it; nothing in it is markup."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Text the source sets apart: ``italic`` (ru/en operative verbs) or ``bold`` (zh)."""

    children: tuple["Inline", ...]
    style: Literal["italic", "bold"] = "italic"


@dataclass(frozen=True)
class NoteRef:
    """A footnote call; ``note`` is the footnote's anchor, ``label`` what is printed."""

    note: str
    label: str


@dataclass(frozen=True)
class Emended:
    """A reading corrected by the editors; ``emendation`` is the record's id."""

    emendation: str
    original: str
    corrected: tuple["Inline", ...]


@dataclass(frozen=True)
class Xref:
    """A link inside the edition: ``page`` is a page key (see pages), ``anchor`` a fragment."""

    page: str
    anchor: str | None
    children: tuple["Inline", ...]
    title: str | None = None


@dataclass(frozen=True)
class DocRef:
    """A reference to a United Nations document by symbol (e.g. ``A/RES/78/265``)."""

    symbol: str
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class ExternalLink:
    """A URL printed in the source (e.g. in a footnote)."""

    url: str
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Abbr:
    """An abbreviation with its expansion (from the report's glossary)."""

    text: str
    title: str


@dataclass(frozen=True)
class Illegible:
    """Garbled glyphs in the source: kept in the model, never rendered as text."""

    source: str


@dataclass(frozen=True)
class Conjecture:
    """Garbled glyphs read by the decipherment key (see :mod:`edition.decipherment`): a
    conjectural reading, shown with its own mark and the garbled original on hover."""

    source: str
    reading: str


Inline = Union[Text, Emphasis, NoteRef, Emended, Xref, DocRef, ExternalLink, Abbr, Illegible, Conjecture]


# ---------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    """A numbered or unnumbered paragraph of running text.

    ``anchor`` is the public, language-independent id (``op5``, ``p140``);
    ``label`` is the number as the source prints it (``5.``, ``一百四十``) or None.
    ``role`` says which sequence it belongs to (``preamble``, ``operative``,
    ``body``, ``summary``, ``lead``, ``news``...).
    """

    anchor: str | None
    label: str | None
    inlines: tuple[Inline, ...]
    lines: tuple[int, ...]
    role: str = "body"


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str | None
    inlines: tuple[Inline, ...]
    lines: tuple[int, ...]
    label: str | None = None


@dataclass(frozen=True)
class Footnote:
    anchor: str
    label: str
    inlines: tuple[Inline, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class ListItem:
    """A lettered or roman-numbered item (``(c)``, ``(ii)``) with optional sub-items."""

    anchor: str | None
    label: str
    blocks: tuple["Block", ...]
    lines: tuple[int, ...]
    items: tuple["ListItem", ...] = ()


@dataclass(frozen=True)
class Container:
    """A block of blocks with a title: a box, a recommendation, a figure, a photo.

    ``kind`` is ``box``, ``recommendation``, ``figure``, ``photo``...; ``note`` is
    an editorial remark (e.g. "figure not reproduced").
    """

    kind: str
    anchor: str | None
    label: str | None
    title: tuple[Inline, ...]
    blocks: tuple["Block", ...]
    lines: tuple[int, ...]
    note: str | None = None


@dataclass(frozen=True)
class Table:
    anchor: str | None
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    lines: tuple[int, ...]
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class HeaderField:
    """One field of a resolution's heading block, aligned across languages by ``name``."""

    name: str
    inlines: tuple[Inline, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class HeaderBlock:
    anchor: str
    fields: tuple[HeaderField, ...]

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(n for f in self.fields for n in f.lines)

    def get(self, name: str) -> HeaderField | None:
        return next((f for f in self.fields if f.name == name), None)


Block = Union[Paragraph, Heading, Footnote, ListItem, Container, Table, HeaderBlock]


# ------------------------------------------------------------ fidelity ledger

LineClass = Literal[
    "text", "heading", "footnote", "caption", "table", "furniture", "residue", "illegible", "blank"
]


@dataclass(frozen=True)
class LedgerEntry:
    """What became of one source line, and which named rule decided it."""

    line: int
    cls: LineClass
    rule: str


# -------------------------------------------------------------------- document


@dataclass(frozen=True)
class Document:
    """One witness of one work in one language, as parsed from one source file."""

    source: str  # registry id, e.g. ``res-en``
    document: str  # work, e.g. ``resolution``
    lang: Lang
    path: str  # source file path as shown in errors
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    ledger: tuple[LedgerEntry, ...] = ()
    meta: tuple[tuple[str, str], ...] = field(default=())

    def anchors(self) -> list[str]:
        """Every public anchor in document order (blocks, nested items, footnotes)."""
        return [a for a in iter_anchors(self.blocks)] + [f.anchor for f in self.footnotes]

    def find(self, anchor: str) -> Block | None:
        for block in walk(self.blocks):
            if getattr(block, "anchor", None) == anchor:
                return block
        return next((f for f in self.footnotes if f.anchor == anchor), None)


def walk(blocks: tuple[Block, ...]):
    """Yield every block, depth first, including the contents of containers and items."""
    for block in blocks:
        yield block
        if isinstance(block, Container):
            yield from walk(block.blocks)
        elif isinstance(block, ListItem):
            yield from walk(block.blocks)
            yield from walk(block.items)


def walk_inlines(nodes: tuple[Inline, ...]):
    """Yield every inline, depth first: the children of links and emphasis, and the
    corrected reading of an emendation."""
    for node in nodes:
        yield node
        if isinstance(node, Emended):
            yield from walk_inlines(node.corrected)
        else:
            yield from walk_inlines(getattr(node, "children", ()) or ())


def iter_anchors(blocks: tuple[Block, ...]):
    for block in walk(blocks):
        anchor = getattr(block, "anchor", None)
        if anchor:
            yield anchor


def plain_text(inlines: tuple[Inline, ...], *, note_labels: bool = True) -> str:
    """The reading text of inlines (corrected readings, no markup, no illegible glyphs).

    ``note_labels=False`` drops footnote numbers too: a heading's entry in a table of
    contents reads as a title, not as "title 12".
    """
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Abbr):
            out.append(node.text)
        elif isinstance(node, NoteRef):
            if note_labels:
                out.append(node.label)
        elif isinstance(node, Emended):
            out.append(plain_text(node.corrected, note_labels=note_labels))
        elif isinstance(node, Illegible):
            continue
        elif isinstance(node, Conjecture):
            out.append(node.reading)
        else:
            out.append(plain_text(node.children, note_labels=note_labels))
    return "".join(out)
