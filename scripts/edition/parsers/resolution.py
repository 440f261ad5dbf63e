"""Parser for a General Assembly resolution in extracted plain text (zh, ru, en).

The text is read in named steps, each a small function with its own tests:

1. :func:`group_lines` - runs of non-blank lines become groups; blank lines are
   recorded as blank in the ledger.
2. :func:`split_zones` - heading block, preamble (after the opening formula
   "The General Assembly,"), operative part (from "1."), closing (plenary
   meeting and date), footnotes (lines starting with a superscript number).
3. :func:`join_continuations` - a group that does not open a paragraph of its
   zone continues the previous paragraph (a page break or a footnote cut it).
4. :func:`parse_header` - the heading block into named, language-independent
   fields, each language in its own form.
5. paragraphs and footnotes become model blocks with anchors ``pp1``..,
   ``op1``.., ``fn1``.., and every source line goes to the ledger.

The language formulae (how a session, an agenda item, a preambular opener look in
each language) are UN drafting conventions: they are data, passed in as
:class:`Formulae` (see ``sources/data/conventions/resolution.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SourceError
from ..model import (
    Document,
    Emphasis,
    Footnote,
    HeaderBlock,
    HeaderField,
    LedgerEntry,
    Paragraph,
    Text,
    walk_inlines,
)
from .text import SUPERSCRIPT_DIGITS, join_wrapped, superscript_to_ascii, tokenize_inline


@dataclass(frozen=True)
class Formulae:
    """How the fixed parts of a resolution read in one language (UN drafting conventions).

    They are data (``sources/data/conventions/resolution.yaml``, read by
    :mod:`edition.conventions`), so that a witness in another language needs no code.
    """

    opening: str
    preamble_openers: tuple[str, ...]
    plenary: re.Pattern[str]
    date: re.Pattern[str]
    header: tuple[tuple[str, re.Pattern[str]], ...]
    #: the plenary meeting and its date on one line (groups ``meeting`` and ``date``), if the language prints so
    meeting_and_date: re.Pattern[str] | None = None


#: The heading-block fields a language's conventions must give a pattern for.
HEADER_FIELDS = ("symbol", "organ", "session", "agenda_item", "adoption", "committee", "title")

_OPERATIVE = re.compile(r"^(?P<num>\d+)\.\s+(?P<rest>.*)$")
_FOOTNOTE = re.compile(rf"^(?P<label>[{SUPERSCRIPT_DIGITS}]+)\s+(?P<text>.+)$")


@dataclass(frozen=True)
class Group:
    """Consecutive non-blank source lines."""

    lines: tuple[int, ...]
    texts: tuple[str, ...]

    @property
    def first(self) -> str:
        return self.texts[0]


# ------------------------------------------------------------------- step 1


def group_lines(lines: list[str]) -> list[Group]:
    """Split a text into runs of non-blank lines (1-based line numbers kept)."""
    groups: list[Group] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            current.append((number, line.strip()))
        elif current:
            groups.append(Group(tuple(n for n, _ in current), tuple(t for _, t in current)))
            current = []
    if current:
        groups.append(Group(tuple(n for n, _ in current), tuple(t for _, t in current)))
    return groups


# ------------------------------------------------------------------- step 2


@dataclass(frozen=True)
class Zones:
    header: list[Group]
    opening: Group
    preamble: list[Group]
    operative: list[Group]
    closing: list[Group]
    footnotes: list[Group]


def split_zones(groups: list[Group], f: Formulae, path: str) -> Zones:
    """Assign every group to the heading block, preamble, operative part, closing or footnotes."""
    footnotes = [g for g in groups if _FOOTNOTE.match(g.first)]
    body = [g for g in groups if not _FOOTNOTE.match(g.first)]
    try:
        open_at = next(i for i, g in enumerate(body) if g.first == f.opening)
    except StopIteration:
        raise SourceError(path, None, f"no opening formula; expected a line reading '{f.opening}'") from None
    try:
        op_at = next(i for i, g in enumerate(body) if i > open_at and _OPERATIVE.match(g.first))
    except StopIteration:
        raise SourceError(path, body[open_at].lines[0], "no operative paragraph after the opening formula; expected a line starting '1.'") from None
    close_at = next((i for i, g in enumerate(body) if i > op_at and any(f.plenary.search(t) for t in g.texts)), len(body))
    return Zones(
        header=body[:open_at],
        opening=body[open_at],
        preamble=body[open_at + 1 : op_at],
        operative=body[op_at:close_at],
        closing=body[close_at:],
        footnotes=footnotes,
    )


# ------------------------------------------------------------------- step 3


def join_continuations(groups: list[Group], opens) -> list[Group]:
    """Merge each group that does not open a paragraph into the paragraph before it.

    ``opens(text)`` says whether a line begins a paragraph of this zone. A page
    break, or a footnote printed at the foot of the page, splits a paragraph in
    the extracted text; the second part then starts mid-sentence.
    """
    merged: list[Group] = []
    for g in groups:
        if merged and not opens(g.first):
            prev = merged[-1]
            merged[-1] = Group(prev.lines + g.lines, prev.texts + g.texts)
        else:
            merged.append(g)
    return merged


def opens_preamble(f: Formulae):
    openers = tuple(sorted(f.preamble_openers, key=len, reverse=True))
    return lambda text: text.startswith(openers)


def opens_operative(text: str) -> bool:
    return _OPERATIVE.match(text) is not None


# ------------------------------------------------------------------- step 4


def parse_header(groups: list[Group], f: Formulae, lang: str, path: str, note) -> list[HeaderField]:
    """Name each heading-block line; lines that follow the agenda item are its title."""
    fields: list[HeaderField] = []
    lines = [(n, t) for g in groups for n, t in zip(g.lines, g.texts)]
    i = 0
    while i < len(lines):
        number, text = lines[i]
        name, match = _header_field(text, f, lang)
        if name is None:
            if fields and fields[-1].name in ("agenda_item", "agenda_title"):
                # The agenda item's title, possibly wrapped over several lines.
                if fields[-1].name == "agenda_title":
                    prev = fields.pop()
                    joined = join_wrapped(_plain(prev.inlines), text)
                    fields.append(HeaderField("agenda_title", (Text(joined),), prev.lines + (number,)))
                else:
                    fields.append(HeaderField("agenda_title", (Text(text),), (number,)))
                i += 1
                continue
            if fields and fields[-1].name == "distribution" and f.date.match(text):
                fields.append(HeaderField("distribution_date", (Text(text),), (number,)))
                i += 1
                continue
            raise SourceError(path, number, f"unrecognised line in the heading block: {text!r}; expected symbol, "
                              "distribution, session, agenda item, adoption, committee note or title")
        if name == "distribution":
            dist, date = _split_distribution(text, match)
            fields.append(HeaderField("distribution", (Text(dist),), (number,)))
            if date:
                fields.append(HeaderField("distribution_date", (Text(date),), (number,)))
        elif name == "session" and match and match.groupdict().get("agenda_item"):
            fields.append(HeaderField("session", (Text(match.group("session")),), (number,)))
            fields.append(HeaderField("agenda_item", (Text(match.group("agenda_item")),), (number,)))
            if match.group("agenda_title"):
                fields.append(HeaderField("agenda_title", (Text(match.group("agenda_title")),), (number,)))
        else:
            fields.append(HeaderField(name, tokenize_inline(text, note), (number,)))
        i += 1
    names = [fl.name for fl in fields]
    for required in ("adoption", "title"):
        if required not in names:
            line = groups[-1].lines[-1] if groups else None
            raise SourceError(path, line, f"heading block has no {required} line")
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SourceError(path, None, f"heading block has more than one {', '.join(sorted(dupes))}")
    return fields


def _header_field(text: str, f: Formulae, lang: str):
    for name, pattern in f.header:
        m = pattern.search(text)
        if m:
            return name, m
    return None, None


def _split_distribution(text: str, match: re.Match) -> tuple[str, str]:
    """The distribution line and the date printed on it, from the conventions' pattern (its named
    groups ``distribution`` and ``date``; without them the whole line is the distribution): the
    wording differs by language ("Distr.: General", "Distr. générale"), so it lives in the data."""
    groups = match.groupdict()
    return (groups.get("distribution") or text).strip(), (groups.get("date") or "").strip()


def _plain(inlines) -> str:
    return "".join(n.text for n in inlines if isinstance(n, Text))


def parse_closing(groups: list[Group], f: Formulae, lang: str, path: str) -> list[HeaderField]:
    """The plenary meeting and the date that close the resolution (in either order)."""
    fields: list[HeaderField] = []
    for g in groups:
        joined = " ".join(g.texts)
        italic = joined.startswith("*") and joined.endswith("*")
        for number, raw in zip(g.lines, g.texts):
            text = raw.strip("*").strip()
            wrap = (lambda t: (Emphasis((Text(t),), "italic"),)) if italic else (lambda t: (Text(t),))
            both = f.meeting_and_date.match(text) if f.meeting_and_date and f.plenary.search(text) else None
            if both:
                # "97th plenary meeting 1 July 2024" on one line
                fields.append(HeaderField("meeting", wrap(both.group("meeting")), (number,)))
                if both.group("date"):
                    fields.append(HeaderField("meeting_date", wrap(both.group("date")), (number,)))
            elif f.plenary.search(text):
                fields.append(HeaderField("meeting", wrap(text), (number,)))
            elif f.date.match(text):
                fields.append(HeaderField("meeting_date", wrap(text), (number,)))
            else:
                raise SourceError(path, number, f"unexpected line after the last operative paragraph: {text!r}; "
                                  "expected the plenary meeting and its date")
    order = {"meeting": 0, "meeting_date": 1}
    return sorted(fields, key=lambda fl: order[fl.name])


# ------------------------------------------------------------------- step 5


def parse_resolution(lines: list[str], *, lang: str, path: str, conventions: Formulae | None, source: str = "",
                     document: str = "resolution") -> Document:
    """Parse one language version of a resolution, read with that language's ``conventions``.
    Raises :class:`SourceError` on bad input."""
    if conventions is None:
        raise SourceError(path, None, f"no drafting conventions for language '{lang}'; expected an entry "
                          f"'{lang}' in sources/data/conventions/resolution.yaml")
    f = conventions
    groups = group_lines(lines)
    if not groups:
        raise SourceError(path, 1, "empty source; expected a resolution text")
    zones = split_zones(groups, f, path)

    footnotes: list[Footnote] = []
    note_labels: dict[str, str] = {}
    for g in zones.footnotes:
        m = _FOOTNOTE.match(" ".join(g.texts))
        label = superscript_to_ascii(m.group("label"))
        if label in note_labels:
            raise SourceError(path, g.lines[0], f"footnote {label} appears twice")
        note_labels[label] = f"fn{label}"

    def note(label: str) -> str:
        if label not in note_labels:
            raise SourceError(path, None, f"note call {label} has no footnote; expected a line starting with ⁽{label}⁾")
        return note_labels[label]

    for g in zones.footnotes:
        m = _FOOTNOTE.match(" ".join(g.texts))
        label = superscript_to_ascii(m.group("label"))
        footnotes.append(Footnote(f"fn{label}", label, tokenize_inline(m.group("text"), note), g.lines))

    header = parse_header(zones.header, f, lang, path, note)
    header.append(HeaderField("opening", (Text(zones.opening.first),), zones.opening.lines))
    blocks: list = [HeaderBlock("header", tuple(header))]

    opens_pp = opens_preamble(f)
    preamble = join_continuations(zones.preamble, opens_pp)
    if preamble and not opens_pp(preamble[0].first):
        raise SourceError(path, preamble[0].lines[0], f"expected a preambular paragraph opening with one of: {', '.join(f.preamble_openers)}")
    for i, g in enumerate(preamble, 1):
        text = _join_group(g)
        blocks.append(Paragraph(f"pp{i}", None, tokenize_inline(text, note), g.lines, "preamble"))

    operative = join_continuations(zones.operative, opens_operative)
    for expected, g in enumerate(operative, 1):
        m = _OPERATIVE.match(g.first)
        number = int(m.group("num"))
        if number != expected:
            what = "doubled" if number < expected else "missing"
            raise SourceError(path, g.lines[0], f"operative paragraph numbered {number}; expected {expected} "
                              f"({what} paragraph number)")
        text = _join_group(Group(g.lines, (m.group("rest"),) + g.texts[1:]))
        blocks.append(Paragraph(f"op{number}", f"{number}.", tokenize_inline(text, note), g.lines, "operative"))

    closing = parse_closing(zones.closing, f, lang, path)
    if not any(fl.name == "meeting" for fl in closing):
        # A resolution ends with its plenary meeting: without it the file was cut short
        # (or the last paragraphs were lost), which paragraph numbering alone cannot see.
        last = max(n for g in zones.closing or operative for n in g.lines) if (zones.closing or operative) else None
        raise SourceError(path, last, f"text ends after operative paragraph {len(operative)} without the plenary "
                          "meeting line; expected the closing lines (is the file truncated?)")
    blocks.append(HeaderBlock("closing", tuple(closing)))

    used = {n.note for b in blocks for n in _walk_inlines(b) if hasattr(n, "note")}
    for fn in footnotes:
        if fn.anchor not in used:
            raise SourceError(path, fn.lines[0], f"footnote {fn.label} is never called in the text")

    return Document(
        source=source, document=document, lang=lang, path=path, blocks=tuple(blocks),
        footnotes=tuple(footnotes), ledger=tuple(_ledger(lines, blocks, footnotes)),
    )


def _join_group(g: Group) -> str:
    text = g.texts[0]
    for part in g.texts[1:]:
        text = join_wrapped(text, part)
    return text


def _walk_inlines(block):
    """Every inline of a heading-block field or a paragraph."""
    if isinstance(block, HeaderBlock):
        return walk_inlines(tuple(n for fl in block.fields for n in fl.inlines))
    return walk_inlines(block.inlines if isinstance(block, Paragraph) else ())


def _ledger(lines: list[str], blocks, footnotes) -> list[LedgerEntry]:
    cls: dict[int, tuple[str, str]] = {}
    for b in blocks:
        if isinstance(b, HeaderBlock):
            for n in b.lines:
                cls[n] = ("heading", f"resolution.{b.anchor}")
        else:
            for n in b.lines:
                cls[n] = ("text", f"resolution.{b.role}")
    for fn in footnotes:
        for n in fn.lines:
            cls[n] = ("footnote", "resolution.footnote")
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            out.append(LedgerEntry(number, "blank", "blank"))
        else:
            c, rule = cls[number]
            out.append(LedgerEntry(number, c, rule))
    return out
