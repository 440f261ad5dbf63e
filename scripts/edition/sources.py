"""Loading the registry of sources and reading source texts defensively.

The texts are evidence. Before any parser sees one, we check it is the file the
registry describes (checksum), that it decodes as UTF-8, and that it has none of
the things that make a text look fine in an editor but parse differently (a byte
order mark, CR line ends, NUL bytes, invisible format characters such as bidi
controls). Each refusal names file and line.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datafile import FormatCharactersFile, allowed_format_characters, compose, read_data, read_text
from .errors import DataError, DataErrors, SourceError, reading
from .schemas import SOURCE_KINDS, TEXTS_FOLDER, Registry
from .project import Project

KINDS = SOURCE_KINDS


@dataclass(frozen=True)
class SourceEntry:
    id: str
    work: str
    lang: str
    kind: str
    file: Path
    sha256: str
    date: str
    title: str
    provenance: str
    #: the line of the entry in the registry (for messages about it)
    line: int = 1


def load_registry(path: Path) -> list[SourceEntry]:
    """Read ``registry.yaml`` against its schema, and keep every source file inside ``sources/texts/``.

    The registry says which files are published, so it must not be able to point
    anywhere else: a ``file`` is a path under ``texts/`` (the schema refuses ``..``
    and absolute paths), it must resolve inside that folder once symlinks are
    followed, and its checksum is required. All problems are reported together.
    """
    registry, lines = read_data(path, Registry)
    texts = (path.parent / TEXTS_FOLDER).resolve()
    errors: list[DataError] = []
    entries: list[SourceEntry] = []
    for i, record in enumerate(registry.sources):
        file = path.parent / record.file
        resolved = file.resolve()
        if not resolved.is_relative_to(texts):
            errors.append(lines.error(("sources", i, "file"), f"source entry {i + 1} ({record.id}): {record.file} "
                                      f"resolves to {resolved}, outside sources/{TEXTS_FOLDER}/ (a symlink?); "
                                      f"expected a file inside sources/{TEXTS_FOLDER}/"))
        elif resolved.is_dir():
            errors.append(lines.error(("sources", i, "file"), f"source entry {i + 1} ({record.id}): {record.file} "
                                      "is a folder; expected a file"))
        elif not resolved.is_file():
            errors.append(lines.error(("sources", i, "file"), f"source entry {i + 1} ({record.id}): "
                                      f"no file {record.file} in sources/"))
        entries.append(SourceEntry(
            id=record.id, work=record.work, lang=record.lang, kind=record.kind, file=file,
            sha256=record.sha256, date=record.date, title=record.title,
            provenance=" ".join(record.provenance.split()), line=lines.at("sources", i),
        ))
    if errors:
        raise DataErrors(errors)
    return entries


def read_source(path: Path, sha256: str | None = None, display: str | None = None,
                allowed: Collection[FormatCharacter] = ()) -> list[str]:
    """Return the lines of a source text (without line ends), refusing malformed files.

    ``allowed`` are the records of :func:`load_format_characters` for this file: an
    invisible format character on a line is refused unless it is recorded there, and
    a recorded bidi control is shown in its visible form (see :data:`VISIBLE_FORMS`).
    """
    shown = display or str(path)
    with reading(str(path), shown):
        raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SourceError(shown, 1, "file starts with a UTF-8 byte order mark; expected plain UTF-8 without BOM")
    if sha256 is not None:
        actual = hashlib.sha256(raw).hexdigest()
        if actual != sha256:
            raise SourceError(shown, None, f"checksum {actual} does not match the registry ({sha256}); "
                              "a changed source must be reviewed and its checksum updated in sources/registry.yaml")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(shown, line, f"invalid UTF-8 at byte {exc.start}; expected UTF-8 text") from None
    for number, line in enumerate(text.split("\n"), 1):
        if "\r" in line:
            raise SourceError(shown, number, "CR line end; expected LF line ends only")
        if "\x00" in line:
            raise SourceError(shown, number, "NUL byte in text")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return _format_characters(lines, shown, allowed)


#: The bidi controls: invisible, and they reorder the text around them on screen (the
#: "Trojan Source" characters), so a reader could see words in an order the source does not have.
BIDI_CONTROLS = frozenset(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)))

#: What the reader sees for a recorded invisible format character, by kind. A bidi control
#: never reaches the HTML: it is shown as its code point between the edition's angle brackets
#: (like the ⟨…⟩ of an illegible passage). Every other format character (a zero-width space,
#: a soft hyphen, an Arabic sign from a garbled PDF line) is part of the text and stays as it is:
#: it cannot reorder anything, and dropping it would change the text silently.
VISIBLE_FORMS = {
    "bidi": lambda ch: f"⟨{code_point(ch)}⟩",
    "format": lambda ch: ch,
}


def code_point(ch: str) -> str:
    """``U+202E`` for a character."""
    return f"U+{ord(ch):04X}"


def format_kind(ch: str) -> str | None:
    """``bidi`` or ``format`` for an invisible format character (Unicode category Cf), else None."""
    if ch in BIDI_CONTROLS:
        return "bidi"
    return "format" if unicodedata.category(ch) == "Cf" else None


def _format_characters(lines: list[str], shown: str, allowed: Collection[FormatCharacter]) -> list[str]:
    """Refuse unrecorded format characters; render recorded ones; refuse records that match nothing."""
    recorded = {(r.line, r.char): r for r in allowed}
    used: set[tuple[int, str]] = set()
    out = list(lines)
    # the distinct characters of the text, checked once each: most texts hold no format character
    present = {ch for ch in set("".join(lines)) if format_kind(ch)}
    for number, line in enumerate(lines if present else (), 1):
        if line.isascii() or present.isdisjoint(line):
            continue
        shown_line: list[str] = []
        for column, ch in enumerate(line, 1):
            kind = format_kind(ch)
            if kind is None:
                shown_line.append(ch)
                continue
            key = (number, code_point(ch))
            if key not in recorded:
                what = "a bidi control" if kind == "bidi" else "an invisible format character"
                raise SourceError(shown, number, f"{code_point(ch)} {unicodedata.name(ch, 'UNNAMED')} ({what}) is "
                                  "invisible to a reader and can change how the text around it displays; record it in "
                                  "sources/data/format-characters.yaml with a reason if it is part of the text",
                                  column=column)
            used.add(key)
            shown_line.append(VISIBLE_FORMS[kind](ch))
        out[number - 1] = "".join(shown_line)
    for key, record in sorted(recorded.items()):
        if key not in used:
            raise DataError(record.data_file, record.data_line, f"{record.char} is not on line {record.line} "
                            f"of {record.file}; remove the record or correct its line")
    return out


@dataclass(frozen=True)
class FormatCharacter:
    """An invisible format character that belongs to a source text, recorded with a reason."""

    file: str  # relative to sources/, e.g. texts/governing-ai-for-humanity.zh.txt
    line: int
    char: str  # U+200B
    reason: dict[str, str]
    data_file: str
    data_line: int | None


def load_format_characters(path: Path, files: Collection[str]) -> dict[str, tuple[FormatCharacter, ...]]:
    """Read ``format-characters.yaml`` (schema: :class:`edition.datafile.FormatCharactersFile`): the format
    characters that are part of the texts, by file.

    ``files`` are the registry's source files and the hand-written pages, relative to
    ``sources/``; a record for another file is refused (the schema refuses a character
    that is not an invisible format character, a missing language, a duplicate).
    """
    data, lines = read_data(path, FormatCharactersFile)
    errors: list[DataError] = []
    by_file: dict[str, list[FormatCharacter]] = {}
    for i, record in enumerate(data.allowed):
        if record.file not in files:
            if not (path.parent.parent / record.file).is_file():  # a data file's record is the data layer's
                errors.append(lines.error(("allowed", i, "file"), f"allowed character {i + 1}: 'file' must be a "
                                          f"source file of the registry, a page or a data file, relative to sources/ "
                                          f"(texts and pages: {', '.join(sorted(files))})"))
            continue
        by_file.setdefault(record.file, []).append(FormatCharacter(record.file, record.line, record.char,
                                                                   dict(record.reason), str(path),
                                                                   lines.at("allowed", i)))
    if errors:
        raise DataErrors(errors)
    return {file: tuple(records) for file, records in by_file.items()}


def read_page(path: Path, root: Path, format_characters: dict[str, tuple[FormatCharacter, ...]]) -> str:
    """A hand-written page (``sources/pages/<lang>/*.md``): UTF-8 text, or a refusal naming the file.

    Its invisible format characters follow the rule of the source texts (refused unless
    recorded in ``format_characters``, by file relative to ``sources/``).
    """
    shown = os.path.relpath(path, root)
    with reading(str(path), shown):
        text = path.read_text(encoding="utf-8")
    in_sources = Path(os.path.relpath(path, Project(root).sources)).as_posix()
    return "\n".join(_format_characters(text.split("\n"), shown, format_characters.get(in_sources, ())))


def load_yaml(path: Path) -> Any:
    """Parse a YAML data file into plain values (texts, lists, mappings, None) with the strict reader
    of :mod:`edition.datafile`: no duplicate keys, aliases or tags; no schema. Prefer
    :func:`edition.datafile.load_data` with a model."""
    value, _lines, errors = compose(read_text(path), str(path), allowed_format_characters(path))
    if errors:
        raise DataErrors(errors)
    return value
