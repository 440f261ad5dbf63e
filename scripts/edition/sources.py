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

import yaml

from .errors import DataError, SourceError

KINDS = ("resolution", "report", "news")


@dataclass(frozen=True)
class SourceEntry:
    id: str
    work: str
    lang: str
    kind: str
    file: Path
    sha256: str | None
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
    required = ("id", "work", "lang", "kind", "file", "date", "title", "provenance")
    for i, raw in enumerate(data["sources"], 1):
        line = _line_of(path, f"id: {raw.get('id')}") if isinstance(raw, dict) else None
        if not isinstance(raw, dict):
            raise DataError(str(path), None, f"source entry {i}: expected a mapping")
        for key in required:
            if not raw.get(key):
                raise DataError(str(path), line, f"source entry {i} ({raw.get('id')}): missing field '{key}'")
        if raw["kind"] not in KINDS:
            raise DataError(str(path), line, f"source '{raw['id']}': unknown kind '{raw['kind']}', expected one of {', '.join(KINDS)}")
        if raw["id"] in seen:
            raise DataError(str(path), line, f"duplicate source id '{raw['id']}'")
        seen.add(raw["id"])
        entries.append(
            SourceEntry(
                id=raw["id"], work=raw["work"], lang=raw["lang"], kind=raw["kind"],
                file=(path.parent / raw["file"]), sha256=raw.get("sha256"),
                date=str(raw["date"]), title=raw["title"], provenance=" ".join(str(raw["provenance"]).split()),
            )
        )
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
