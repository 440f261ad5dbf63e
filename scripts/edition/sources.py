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
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataError, SourceError, reading
from .model import LANGS

KINDS = ("resolution", "report", "news")


@dataclass(frozen=True)
class SourceEntry:
    id: str
    document: str
    lang: str
    kind: str
    file: Path
    sha256: str | None
    symbol: str | None
    date: str
    title: str
    provenance: str


def load_registry(path: Path) -> list[SourceEntry]:
    """Read and validate ``registry.yaml``; every problem names the file and the entry."""
    data = load_yaml(path)
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("sources"), list):
        raise DataError(str(path), 1, "expected a mapping with 'version: 1' and a list 'sources'")
    entries: list[SourceEntry] = []
    seen: set[str] = set()
    required = ("id", "document", "lang", "kind", "file", "date", "title", "provenance")
    for i, raw in enumerate(data["sources"], 1):
        line = _line_of(path, f"id: {raw.get('id')}") if isinstance(raw, dict) else None
        if not isinstance(raw, dict):
            raise DataError(str(path), None, f"source entry {i}: expected a mapping")
        for key in required:
            if not raw.get(key):
                raise DataError(str(path), line, f"source entry {i} ({raw.get('id')}): missing field '{key}'")
        if raw["lang"] not in LANGS:
            raise DataError(str(path), line, f"source '{raw['id']}': unknown language '{raw['lang']}', expected one of {', '.join(LANGS)}")
        if raw["kind"] not in KINDS:
            raise DataError(str(path), line, f"source '{raw['id']}': unknown kind '{raw['kind']}', expected one of {', '.join(KINDS)}")
        if raw["id"] in seen:
            raise DataError(str(path), line, f"duplicate source id '{raw['id']}'")
        seen.add(raw["id"])
        entries.append(
            SourceEntry(
                id=raw["id"], document=raw["document"], lang=raw["lang"], kind=raw["kind"],
                file=(path.parent / raw["file"]), sha256=raw.get("sha256"), symbol=raw.get("symbol"),
                date=str(raw["date"]), title=raw["title"], provenance=" ".join(str(raw["provenance"]).split()),
            )
        )
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


_CODE_POINT = re.compile(r"U\+[0-9A-F]{4,6}")


def load_format_characters(path: Path, files: Collection[str]) -> dict[str, tuple[FormatCharacter, ...]]:
    """Read ``format-characters.yaml``: the format characters that are part of the texts, by file.

    ``files`` are the registry's source files and the hand-written pages, relative to
    ``sources/``; a record for another file, or for a character that is not an invisible format character, is refused.
    """
    data = load_yaml(path)
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("allowed"), list):
        raise DataError(str(path), 1, "expected a mapping with 'version: 1' and a list 'allowed'")
    starts = _item_lines(path, "allowed")
    by_file: dict[str, list[FormatCharacter]] = {}
    seen: set[tuple[str, int, str]] = set()
    for i, raw in enumerate(data["allowed"], 1):
        where = starts[i - 1] if i <= len(starts) else None
        if not isinstance(raw, dict):
            raise DataError(str(path), where, f"record {i}: expected a mapping with file, line, char and reason")
        unknown = sorted(set(raw) - {"file", "line", "char", "reason"})
        if unknown:
            raise DataError(str(path), where, f"record {i}: unknown field(s) {', '.join(map(str, unknown))}; "
                            "expected file, line, char and reason")
        file, line, char, reason = raw.get("file"), raw.get("line"), raw.get("char"), raw.get("reason")
        if not isinstance(file, str) or file not in files:
            raise DataError(str(path), where, f"record {i}: 'file' must be a source file of the registry or a "
                            f"page, relative to sources/ (one of {', '.join(sorted(files))})")
        if isinstance(line, bool) or not isinstance(line, int) or line < 1:
            raise DataError(str(path), where, f"record {i}: 'line' must be a line number (1 or more)")
        if not isinstance(char, str) or not _CODE_POINT.fullmatch(char) or int(char[2:], 16) > 0x10FFFF \
                or format_kind(chr(int(char[2:], 16))) is None:
            raise DataError(str(path), where, f"record {i}: 'char' must be an invisible format character written "
                            "like U+200B (Unicode category Cf)")
        if not isinstance(reason, dict) or set(reason) != set(LANGS) \
                or any(not isinstance(v, str) or not v.strip() for v in reason.values()):
            raise DataError(str(path), where, f"record {i}: 'reason' needs a text in each of {', '.join(LANGS)}")
        if (file, line, char) in seen:
            raise DataError(str(path), where, f"record {i}: {char} on line {line} of {file} is recorded twice")
        seen.add((file, line, char))
        by_file.setdefault(file, []).append(FormatCharacter(file, line, char, dict(reason), str(path), where))
    return {file: tuple(records) for file, records in by_file.items()}


def _item_lines(path: Path, key: str) -> list[int]:
    """The line of each item of the top-level list ``key`` (for error messages)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def read_page(path: Path, root: Path, format_characters: dict[str, tuple[FormatCharacter, ...]]) -> str:
    """A hand-written page (``sources/pages/<lang>/*.md``): UTF-8 text, or a refusal naming the file.

    Its invisible format characters follow the rule of the source texts (refused unless
    recorded in ``format_characters``, by file relative to ``sources/``).
    """
    shown = os.path.relpath(path, root)
    with reading(str(path), shown):
        text = path.read_text(encoding="utf-8")
    in_sources = Path(os.path.relpath(path, root / "sources")).as_posix()
    return "\n".join(_format_characters(text.split("\n"), shown, format_characters.get(in_sources, ())))


def load_yaml(path: Path):
    """Parse a YAML data file; a syntax error names file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(str(path), None, "data file not found") from None
    except UnicodeDecodeError:
        raise DataError(str(path), None, "data file is not valid UTF-8") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(str(path), line, f"YAML syntax error: {problem}") from None


def _line_of(path: Path, needle: str) -> int | None:
    """Best-effort line number of ``needle`` in a data file, for error messages."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
    except OSError:
        pass
    return None
