"""Decipherment as data: the key to the report's broken font mapping, applied where it is certain.

The garbled glyphs of the Chinese report come from a font whose mapping broke in the
PDF: the same wrong code point stands for the same character in many lines. The key
(``sources/data/decipherment/report-zh.yaml``) gives, for a run of code points, the
characters it stands for, optionally only before or after given words (a code that
stands for two characters is keyed only in the context that decides it), and the lines
that attest it: a garbled line and a line where the same words are printed legibly.

Loading checks every attestation against the source (``file:line: what was expected``).
:func:`apply_key` replaces a garbled run by a :class:`~edition.model.Conjecture` only
where an entry matches in its context; U+FFFD carries nothing to decode and stays an
:class:`~edition.model.Illegible`. The readings are conjectures: the page marks them and
shows the garbled original on hover.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import DataError
from .model import Conjecture, Document, Illegible, Inline, Text
from .project import Project

#: The replacement character: the font mapping lost the glyph; no key can restore it.
LOST = "\ufffd"


@dataclass(frozen=True)
class Attestation:
    """``words`` as the garbled line ``garbled`` reads with the key, printed legibly on ``legible``."""

    garbled: int
    legible: int
    words: str


@dataclass(frozen=True)
class KeyEntry:
    codes: str  # the garbled code points, as the source has them
    reading: str  # the characters they stand for
    before: str  # the entry applies only where these words follow the codes ("" = anywhere)
    attested: tuple[Attestation, ...]
    data_line: int

    @property
    def code_points(self) -> str:
        return " ".join(f"U+{ord(c):04X}" for c in self.codes)


@dataclass(frozen=True)
class Stats:
    """What the key did: characters decoded, and garbled lines that now read whole."""

    characters: int
    lines_legible: tuple[int, ...]


def load_key(path: Path, source: list[str], display: str | None = None) -> tuple[KeyEntry, ...]:
    """Read the key (schema: :class:`edition.schemas.DecipheringKeyFile`) and check each attestation
    against ``source``; refuse what does not hold, every problem with its line."""
    from .datafile import read_data
    from .errors import DataErrors
    from .schemas import DecipheringKeyFile

    data, lines = read_data(path, DecipheringKeyFile)
    errors: list[DataError] = []
    out: list[KeyEntry] = []
    for i, item in enumerate(data.key):
        line = lines.at("key", i)
        codes, reading, before = item.codes, item.reading, item.before
        if len(codes) != len(reading) or LOST in codes:
            errors.append(lines.error(("key", i, "reading"), f"'{codes}': one reading character per code point, "
                                      "and no U+FFFD"))
            continue
        for j, att in enumerate(item.attested):
            where = ("key", i, "attested", j)
            for n in (att.garbled, att.legible):
                if n > len(source):
                    errors.append(lines.error(where, f"attestation line {n} is not a line of the source"))
                    break
            else:
                decoded = source[att.garbled - 1].replace(codes + before, reading + before)
                if codes not in source[att.garbled - 1] or att.words not in decoded:
                    errors.append(lines.error(where, f"line {att.garbled} does not read '{att.words}' with "
                                              f"'{codes}' as '{reading}'"))
                elif att.words not in source[att.legible - 1] or reading not in att.words:
                    errors.append(lines.error(where, f"line {att.legible} does not print '{att.words}' legibly"))
        out.append(KeyEntry(codes, reading, before, tuple(Attestation(a.garbled, a.legible, a.words)
                                                          for a in item.attested), line))
    if errors:
        raise DataErrors(errors)
    return tuple(out)


def decode(run: str, following: str, key: tuple[KeyEntry, ...]) -> list[Inline]:
    """A garbled run as conjectures where the key reads it and illegible glyphs elsewhere.
    ``following``: the legible text after the run (an entry with ``before`` needs it)."""
    out: list[Inline] = []
    bad = ""
    k = 0
    while k < len(run):
        rest = run[k:]
        entry = next((e for e in sorted(key, key=lambda e: -len(e.codes)) if rest.startswith(e.codes)
                      and (rest[len(e.codes):] + following).startswith(e.before)), None)
        if entry is None:
            bad += run[k]
            k += 1
            continue
        if bad:
            out.append(Illegible(bad))
            bad = ""
        out.append(Conjecture(entry.codes, entry.reading))
        k += len(entry.codes)
    if bad:
        out.append(Illegible(bad))
    return out


def _decode_inlines(inlines: tuple[Inline, ...], key: tuple[KeyEntry, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for i, node in enumerate(inlines):
        if isinstance(node, Illegible):
            nxt = inlines[i + 1] if i + 1 < len(inlines) else None
            out.extend(decode(node.source, nxt.text if isinstance(nxt, Text) else "", key))
        elif getattr(node, "children", None):
            out.append(replace(node, children=_decode_inlines(node.children, key)))  # type: ignore[call-arg]
        else:
            out.append(node)
    return tuple(out)


def _map(block, key):
    if hasattr(block, "inlines"):
        block = replace(block, inlines=_decode_inlines(block.inlines, key))
    if getattr(block, "title", None):
        block = replace(block, title=_decode_inlines(block.title, key))
    if getattr(block, "blocks", None):
        block = replace(block, blocks=tuple(_map(b, key) for b in block.blocks))
    if getattr(block, "items", None):
        block = replace(block, items=tuple(_map(b, key) for b in block.items))
    return block


def apply_key(doc: Document, key: tuple[KeyEntry, ...]) -> Document:
    """The document with every garbled run the key reads in context replaced by a conjecture."""
    return replace(doc, blocks=tuple(_map(b, key) for b in doc.blocks),
                   footnotes=tuple(_map(f, key) for f in doc.footnotes))


def stats(before: Document, after: Document) -> Stats:
    """Characters decoded, and the lines that held garbled glyphs before and read whole now."""
    from .model import walk, walk_inlines

    def garbled_lines(doc: Document) -> dict[int, int]:
        out: dict[int, int] = {}
        for b in walk(doc.blocks + doc.footnotes):
            nodes = tuple(getattr(b, "inlines", ()) or ())
            if isinstance(b, (tuple,)):
                continue
            lines = getattr(b, "lines", ())
            if len(lines) != 1:
                continue
            out[lines[0]] = sum(1 for n in walk_inlines(nodes) if isinstance(n, Illegible))
        return out

    chars = sum(len(n.reading) for b in walk(after.blocks + after.footnotes)
                for n in walk_inlines(tuple(getattr(b, "inlines", ()) or ())) if isinstance(n, Conjecture))
    old, new = garbled_lines(before), garbled_lines(after)
    legible = tuple(sorted(n for n, k in old.items() if k and new.get(n) == 0))
    return Stats(chars, legible)


def load_report_key(root: Path, source: list[str]) -> tuple[KeyEntry, ...]:
    path = Project(root).datafile("decipherment", "report-zh.yaml")
    return load_key(path, source, display=os.path.relpath(path, root)) if path.exists() else ()
