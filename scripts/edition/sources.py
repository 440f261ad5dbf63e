"""Loading the registry of sources and reading source texts defensively.

The texts are evidence. Before any parser sees one, we check it is the file the
registry describes (checksum), that it decodes as UTF-8, and that it has none of
the things that make a text look fine in an editor but parse differently (a byte
order mark, CR line ends, NUL bytes). Each refusal names file and line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from typing import Any

from .datafile import allowed_format_characters, compose, read_data, read_text
from .errors import DataError, DataErrors, SourceError
from .schemas import SOURCE_KINDS, TEXTS_FOLDER, Registry

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


def read_source(path: Path, sha256: str | None = None, display: str | None = None) -> list[str]:
    """Return the lines of a source text (without line ends), refusing malformed files."""
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(shown, None, "source file not found") from None
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
    return lines


def load_yaml(path: Path) -> Any:
    """Parse a YAML data file into plain values (texts, lists, mappings, None) with the strict reader
    of :mod:`edition.datafile`: no duplicate keys, aliases or tags; no schema. Prefer
    :func:`edition.datafile.load_data` with a model."""
    value, _lines, errors = compose(read_text(path), str(path), allowed_format_characters(path))
    if errors:
        raise DataErrors(errors)
    return value
