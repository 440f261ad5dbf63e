"""The block map and the audit of the report edition: an independent route back to the source.

The parser's own tests check counts and openings; they cannot see a heading glued
onto the end of a paragraph, a note cut short, or a line hidden as illegible that a
reader could read. The audit walks the *rendered* blocks (paragraphs, headings,
list items, notes, captions, table rows), maps each back to its source lines with
their ledger class and the rule that classed them, and names the places whose
shape is suspicious by checks that know nothing of the parser's rules.

A place is either fixed by a parser rule or accepted with a reason in
``sources/data/audit/report-reviewed.yaml``; ``edition audit report`` prints the
places not yet reviewed, and a test holds them at zero.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


from .errors import SourceError
from .model import Container, Document, Footnote, Heading, LedgerEntry, ListItem, Paragraph, Table, plain_text
from .parsers.report import WIDE, legible_han, width
from .parsers.text import is_cjk
from .project import Project


@dataclass(frozen=True)
class MappedLine:
    """One source line of a rendered block, with the class and rule the ledger gave it."""

    number: int
    text: str
    cls: str
    rule: str


@dataclass(frozen=True)
class MappedBlock:
    """A rendered block and the source lines it came from, in reading order."""

    kind: str  # paragraph, heading, item, note, caption, table-row, box-title, ...
    place: str  # where a reader finds it: the anchor of the block or of the nearest anchored block
    role: str  # the paragraph role (body, unnumbered, container...), or the kind again
    text: str  # the reading text, illegible runs left out
    lines: tuple[MappedLine, ...]

    @property
    def first(self) -> int:
        return self.lines[0].number if self.lines else 0


@dataclass(frozen=True)
class Place:
    """A suspicious place found by one check: ``check`` names the check, ``line`` the source line."""

    check: str
    line: int
    place: str
    detail: str

    @property
    def key(self) -> tuple[str, int]:
        return (self.check, self.line)


# ------------------------------------------------------------------ block map


def block_map(doc: Document, source: list[str]) -> tuple[MappedBlock, ...]:
    """Every rendered block of ``doc`` with its source lines, their ledger classes and rules."""
    ledger: dict[int, LedgerEntry] = {e.line: e for e in doc.ledger}

    def mapped(numbers: tuple[int, ...]) -> tuple[MappedLine, ...]:
        out = []
        for n in numbers:
            e = ledger.get(n)
            out.append(MappedLine(n, source[n - 1].strip(), e.cls if e else "?", e.rule if e else "?"))
        return tuple(out)

    blocks: list[MappedBlock] = []

    def visit(block, place: str) -> None:
        place = getattr(block, "anchor", None) or place
        if isinstance(block, Paragraph):
            blocks.append(MappedBlock("paragraph", place, block.role, plain_text(block.inlines), mapped(block.lines)))
        elif isinstance(block, Footnote):  # a box's lettered note
            blocks.append(MappedBlock("note", place, "note", plain_text(block.inlines), mapped(block.lines)))
        elif isinstance(block, Heading):
            blocks.append(MappedBlock("heading", place, "heading", plain_text(block.inlines), mapped(block.lines)))
        elif isinstance(block, ListItem):
            for child in block.blocks:
                visit(child, place)
            for child in block.items:
                visit(child, place)
        elif isinstance(block, Container):
            title_lines = _title_lines(block, source)
            if block.title:
                blocks.append(MappedBlock(f"{block.kind}-title", place, "title", plain_text(block.title),
                                          mapped(title_lines)))
            for child in block.blocks:
                visit(child, place)
        elif isinstance(block, Table):
            if block.caption:
                blocks.append(MappedBlock("caption", place, "caption", plain_text(block.caption), ()))
            for row in block.rows:
                text = " | ".join(plain_text(cell) for cell in row)
                blocks.append(MappedBlock("table-row", place, "table", text, ()))

    place = "front"
    for block in doc.blocks:
        visit(block, place)
        place = getattr(block, "anchor", None) or place
    for note in doc.footnotes:
        blocks.append(MappedBlock("note", note.anchor, "note", plain_text(note.inlines), mapped(note.lines)))
    return tuple(blocks)


def _title_lines(block: Container, source: list[str]) -> tuple[int, ...]:
    """The lines of a container's title: those of its lines that are not lines of its blocks,
    up to the first line of its first block (a box title may wrap onto a second line)."""
    inner = {n for child in block.blocks for n in getattr(child, "lines", ())}
    first_inner = min(inner) if inner else None
    return tuple(n for n in block.lines if n not in inner and (first_inner is None or n < first_inner)
                 and source[n - 1].strip())


# ---------------------------------------------------------------------- checks

#: What ends a sentence, a note or a title in the report's Chinese and in its Latin citations.
SENTENCE_END = "。；！？.;!?）)”」"
#: Punctuation of any kind: a heading-like line has none.
PUNCTUATION = " ，。；：、（）,.;:()•·%“”《》"
#: A short line: the paragraph column is about 48 wide; a line under 60% of it is short.
SHORT = 28
#: A heading-like line is at most this wide (20 Chinese characters).
HEADING_WIDTH = 40
#: A residue or illegible line is "mostly legible" if at least this share of its glyphs are Han
#: characters and it holds at least MIN_HAN of them.
LEGIBLE_SHARE = 0.6
MIN_HAN = 4
#: A hidden line whose words a block shows is not hidden if it has at least this many characters.
SHOWN_LINE = 6
#: A page-break duplicate stands at most this many lines from the block that shows its words.
DUPLICATE_REACH = 12
#: A run of text shown twice: at least this many characters.
DUPLICATE_RUN = 8


def _heading_like(text: str) -> bool:
    """A short line of Chinese without punctuation or digits: it reads as a title, not as prose."""
    return (4 <= width(text) <= HEADING_WIDTH and not any(c in PUNCTUATION for c in text)
            and not any(c.isdigit() for c in text) and all(is_cjk(c) for c in text))


def _ends(text: str) -> bool:
    t = re.sub(r"[\s\d]+$", "", text.strip())
    return bool(t) and t[-1] in SENTENCE_END


def check_mixed_classes(blocks: tuple[MappedBlock, ...]) -> Iterator[Place]:
    """A block whose lines have different ledger classes: text and a heading, a note and text...
    or a garbled line (illegible) inside a paragraph of text."""
    for b in blocks:
        classes = {ln.cls for ln in b.lines}
        if len(classes) > 1:
            yield Place("mixed-classes", b.first, b.place,
                        ", ".join(f"{ln.number}:{ln.cls}/{ln.rule}" for ln in b.lines))


def check_short_last_line(blocks: tuple[MappedBlock, ...]) -> Iterator[Place]:
    """A paragraph whose last lines stand after a gap (blank lines or a page break), are short and do
    not end a sentence, while the text before the gap did: a heading or a label glued to its end
    (#p48 ends with Box 7's subheading, #p142 with the next section's heading)."""
    for b in blocks:
        if b.kind != "paragraph" or len(b.lines) < 2:
            continue
        gaps = [k for k in range(1, len(b.lines)) if b.lines[k].number > b.lines[k - 1].number + 1]
        if not gaps:
            continue
        k = gaps[-1]
        tail = "".join(ln.text for ln in b.lines[k:])
        if width(tail) <= WIDE and not _ends(tail) and _ends(b.lines[k - 1].text):
            yield Place("short-last-line", b.lines[k].number, b.place, tail)


def check_unclosed(blocks: tuple[MappedBlock, ...]) -> Iterator[Place]:
    """A note or a title that stops without closing punctuation or with a bracket left open:
    a note cut at "(Washington, D.C.:", a box title cut in two."""
    for b in blocks:
        if b.kind == "note":
            t = b.text.strip()
            opened = t.count("(") + t.count("（") - t.count(")") - t.count("）")
            if opened > 0 or not (_ends(t) or re.search(r"(https?://\S+|\d{4}|[\w/])$", t)):
                yield Place("unclosed-note", b.first, b.place, t[-40:])
        elif b.kind.endswith("-title") and b.lines:
            t = b.text.strip()
            opened = t.count("(") + t.count("（") - t.count(")") - t.count("）")
            if opened > 0 or t.endswith(("：", ":", "，", "、", "和", "的")):
                yield Place("unclosed-title", b.first, b.place, t[-40:])


def check_heading_inside(blocks: tuple[MappedBlock, ...]) -> Iterator[Place]:
    """A heading-like line (short, alone on its line, no punctuation) inside a paragraph after a
    line that ended a sentence: a title swallowed by the paragraph before it."""
    for b in blocks:
        if b.kind not in ("paragraph", "note"):
            continue
        for before, ln in zip(b.lines, b.lines[1:]):
            if _heading_like(ln.text) and _ends(before.text):
                yield Place("heading-inside", ln.number, b.place, ln.text)


def check_note_as_paragraph(blocks: tuple[MappedBlock, ...]) -> Iterator[Place]:
    """An unnumbered paragraph set at the width of a footnote right after a page break: a note's
    continuation shown as body text."""
    for b in blocks:
        if b.kind == "paragraph" and b.role == "unnumbered" and b.lines:
            if all(width(ln.text) > 2 * WIDE for ln in b.lines[:-1]) and width(b.lines[0].text) > 2 * WIDE:
                yield Place("note-as-paragraph", b.first, b.place, b.text[:40])


def legible_share(text: str) -> tuple[int, float]:
    """How many Han characters a line holds, and their share of its non-space glyphs."""
    han, glyphs = legible_han(text)
    return han, (han / glyphs if glyphs else 0.0)


def check_hidden_legible(doc: Document, source: list[str], blocks: tuple[MappedBlock, ...]) -> Iterator[Place]:
    """A line classed residue or illegible that is mostly legible Han text: hidden from the reader
    though most of it can be read. A line whose words a rendered block a few lines away shows
    (a page-break duplicate of a paragraph's opening) is not hidden."""
    for e in doc.ledger:
        if e.cls in ("residue", "illegible"):
            line = source[e.line - 1].strip()
            near = (b.text for b in blocks if b.role != "illegible" and b.lines
                    and abs(b.lines[0].number - e.line) <= DUPLICATE_REACH)
            if len(line) >= SHOWN_LINE and any(line in t for t in near):
                continue
            han, share = legible_share(source[e.line - 1])
            if han >= MIN_HAN and share >= LEGIBLE_SHARE:
                yield Place("hidden-legible", e.line, f"{e.cls}/{e.rule}", source[e.line - 1].strip())


def check_rendered_twice(blocks: tuple[MappedBlock, ...]) -> Iterator[Place]:
    """A source line that two blocks render, or a block whose text is shown again in a block next
    to it (a page-break duplicate of a paragraph's opening). Garbled lines collapsed into an
    illegible passage are not shown, so they are not compared."""
    seen: dict[int, str] = {}
    for b in blocks:
        for ln in b.lines:
            if ln.number in seen and ln.cls not in ("blank",):
                yield Place("line-twice", ln.number, b.place, f"also in {seen[ln.number]}")
            seen[ln.number] = b.place
    for i, b in enumerate(blocks):
        t = b.text.strip()
        if len(t) < DUPLICATE_RUN or b.kind in ("table-row", "caption") or b.role == "illegible":
            continue
        for other in blocks[max(0, i - 3):i] + blocks[i + 1:i + 4]:
            if other is not b and other.kind == b.kind and other.role != "illegible" and len(other.text) > len(t) \
                    and t in other.text:
                yield Place("text-twice", b.first, b.place, t[:40])
                break


_DOUBLED = re.compile(r"([\u4e00-\u9fff（]{2,})\1|(?:([\u4e00-\u9fff])\2){3,}")


def check_doubled_runs(doc: Document, source: list[str], emended: frozenset[int] = frozenset()) -> Iterator[Place]:
    """A run of Han characters printed twice in a row on a line ("联合国联合国秘书长"), or a run with
    every glyph printed twice ("按按性性别别", a chart label set in overprinted bold): a source defect
    to record as an emendation (a line with an emendation is settled), or a reading to accept.
    A single doubled character is not checked: the report's own words double characters
    ("能能" in "人工智能能力", "仅仅", "方方面面")."""
    for e in doc.ledger:
        m = _DOUBLED.search(source[e.line - 1])
        if m and e.line not in emended:
            yield Place("doubled-run", e.line, f"{e.cls}/{e.rule}", m.group(0))


#: Every check of the audit, by name: what it looks for is in its docstring.
CHECKS: dict[str, Callable[[Document, list[str], tuple[MappedBlock, ...]], Iterator[Place]]] = {
    "mixed-classes": lambda d, s, b: check_mixed_classes(b),
    "short-last-line": lambda d, s, b: check_short_last_line(b),
    "unclosed": lambda d, s, b: check_unclosed(b),
    "heading-inside": lambda d, s, b: check_heading_inside(b),
    "note-as-paragraph": lambda d, s, b: check_note_as_paragraph(b),
    "hidden-legible": check_hidden_legible,
    "rendered-twice": lambda d, s, b: check_rendered_twice(b),
}


def audit(doc: Document, source: list[str], emended: frozenset[int] = frozenset()) -> list[Place]:
    """Every suspicious place of the report edition, in source order. ``emended``: the source lines
    an emendation record corrects (their doubled runs are settled)."""
    blocks = block_map(doc, source)
    places: dict[tuple[str, int], Place] = {}
    found = [check(doc, source, blocks) for check in CHECKS.values()] + [check_doubled_runs(doc, source, emended)]
    for check_places in found:
        for p in check_places:
            places.setdefault(p.key, p)
    return sorted(places.values(), key=lambda p: (p.line, p.check))


# -------------------------------------------------------------------- reviewed


@dataclass(frozen=True)
class Reviewed:
    """A place looked at by an editor: ``accepted`` (right as it stands, for the reason given) or
    ``open`` (a known defect not yet fixed, the reason saying what is wrong). Open places are
    printed by every audit so they are never forgotten; only a place nobody has looked at fails."""

    check: str
    line: int
    status: str
    reason: str


def load_reviewed(path: Path) -> dict[tuple[str, int], Reviewed]:
    """The reviewed places (schema: :class:`edition.schemas.ReviewedFile`): ``check``, ``line``,
    ``status`` (accepted or open), ``reason``; a check the audit does not have is refused."""
    from .datafile import read_data
    from .errors import DataErrors
    from .schemas import ReviewedFile

    if not path.exists():
        return {}
    data, lines = read_data(path, ReviewedFile)
    errors = [lines.error(("reviewed", i, "check"), f"unknown check {r.check!r}; expected one of "
                                                     f"{sorted(_CHECK_NAMES)}")
              for i, r in enumerate(data.reviewed) if r.check not in _CHECK_NAMES]
    if errors:
        raise DataErrors(errors)
    return {(r.check, r.line): Reviewed(r.check, r.line, r.status, " ".join(r.reason.split())) for r in data.reviewed}


#: What a review can say of a place.
STATUSES = ("accepted", "open")

#: The names a Place.check takes (the checks of CHECKS report under these).
_CHECK_NAMES = {"mixed-classes", "short-last-line", "unclosed-note", "unclosed-title", "heading-inside",
                "note-as-paragraph", "hidden-legible", "line-twice", "text-twice", "doubled-run"}


def _entry_line(raw: list[str], index: int) -> int:
    """The line of the index-th list entry in the YAML text, for error messages."""
    seen = -1
    for n, text in enumerate(raw, 1):
        if re.match(r"^\s*-\s", text):
            seen += 1
            if seen == index:
                return n
    return 1


def unreviewed(places: list[Place], reviewed: dict[tuple[str, int], Reviewed]) -> list[Place]:
    return [p for p in places if p.key not in reviewed]


def stale(places: list[Place], reviewed: dict[tuple[str, int], Reviewed]) -> list[Reviewed]:
    """Reviewed entries no check reports any more: the place was fixed; the entry should go."""
    found = {p.key for p in places}
    return [r for k, r in reviewed.items() if k not in found]


def report(places: list[Place], reviewed: dict[tuple[str, int], Reviewed]) -> str:
    """What ``edition audit report`` prints: unreviewed places first, then the open ones, then counts."""
    out = []
    new = unreviewed(places, reviewed)
    for p in new:
        out.append(f"unreviewed {p.check} line {p.line} ({p.place}): {p.detail[:80]}")
    for p in places:
        r = reviewed.get(p.key)
        if r is not None and r.status == "open":
            out.append(f"open {p.check} line {p.line} ({p.place}): {r.reason[:80]}")
    for r in stale(places, reviewed):
        out.append(f"stale review {r.check} line {r.line}: no check reports it any more")
    accepted = sum(1 for p in places if (r := reviewed.get(p.key)) is not None and r.status == "accepted")
    opened = sum(1 for p in places if (r := reviewed.get(p.key)) is not None and r.status == "open")
    out.append(f"report audit: {len(places)} places, {accepted} accepted, {opened} open, {len(new)} unreviewed, "
               f"{len(stale(places, reviewed))} stale reviews")
    return "\n".join(out)


def audit_report(root: Path) -> tuple[list[Place], dict[tuple[str, int], Reviewed]]:
    """Audit the report witness of ``root``'s edition, as parsed and emended (before the editorial
    passes), against its source lines and the reviewed list. The sources are read, checked and
    parsed by :func:`edition.edition.load_edition`, as for a build, so the audit sees what a build sees."""
    from .edition import load_edition

    edition = load_edition(root)
    entry = next(e for e in edition.registry if e.kind == "report")
    emended = frozenset(e.line for e in edition.emendations if e.source == entry.id)
    return (audit(edition.emended[entry.id], edition.texts[entry.id], emended),
            load_reviewed(Project(root).datafile("audit", "report-reviewed.yaml")))
