"""The works of the edition, declared in ``sources/data/works.yaml``.

A work is what a reader cites: resolution 78/311, the report, the news context.
Its witnesses are the registry's source texts that name it. The work carries what
belongs to it rather than to one witness or to the interface: its symbol and date,
its title and navigation label, and how each of its units is cited, per language.
The site's page set follows from the works and their kinds (:mod:`edition.assembly`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .languages import Languages
from .sources import _line_of

@dataclass(frozen=True)
class Kind:
    """What a kind of work is: the units a reader cites (the ``citation`` keys a work of the kind
    must give) and how many witnesses its pages show (None: every one, side by side)."""

    units: tuple[str, ...]
    witnesses_shown: int | None


KINDS: dict[str, Kind] = {
    "resolution": Kind(("preamble", "operative"), None),
    "report": Kind(("paragraph", "summary", "recommendation", "box"), 1),
    "news": Kind((), 1),
}

_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_FOLDER = re.compile(r"^(\.|[a-z0-9][a-z0-9-]*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Work:
    id: str
    kind: str
    folder: str
    date: str
    title: dict[str, str]
    nav: dict[str, str]
    short: dict[str, str]
    citation: dict[str, dict[str, str]]
    symbol: str | None = None
    about: str | None = None

    def path(self, name: str) -> str:
        """A page of the work under a language folder (``resolution/index.md``)."""
        return name if self.folder == "." else f"{self.folder}/{name}"

    def cite(self, unit: str, lang: str, **values: object) -> str:
        """How a reader cites one unit (``operative``, n=5) in ``lang``: ``A/RES/78/311, para. 5``."""
        return self.citation[unit][lang].format(**values)


def load_works(path: Path, languages: Languages) -> list[Work]:
    """Read and validate ``works.yaml`` against the declared languages and kinds."""
    from .datafile import Record, load_data  # noqa: PLC0415

    class WorkEntry(Record):
        id: str
        kind: str
        folder: str
        date: str
        title: dict[str, str]
        nav: dict[str, str]
        short: dict[str, str]
        citation: dict[str, dict[str, str]] = {}
        symbol: str | None = None
        about: str | None = None

    class WorksFile(Record):
        version: int
        works: list[WorkEntry]

    data = load_data(path, WorksFile)
    shown = str(path)
    interface = set(languages.interface)
    works: list[Work] = []
    seen_ids: set[str] = set()
    seen_folders: dict[str, str] = {}
    for entry in data.works:
        line = _line_of(path, f"id: {entry.id}")

        def fail(message: str) -> None:
            raise DataError(shown, line, f"work {entry.id}: {message}")

        if not _ID.match(entry.id):
            fail("id: expected lower-case letters, digits and hyphens")
        if entry.id in seen_ids:
            fail("declared twice")
        if entry.kind not in KINDS:
            fail(f"unknown kind {entry.kind!r}; expected one of {', '.join(KINDS)}")
        if not _FOLDER.match(entry.folder):
            fail(f"folder {entry.folder!r}: expected '.' or one path segment of lower-case letters, digits, hyphens")
        if entry.folder != "." and entry.folder in seen_folders:
            fail(f"folder {entry.folder!r} is also the folder of work {seen_folders[entry.folder]}")
        if not _DATE.match(entry.date):
            fail(f"date {entry.date!r}: expected YYYY-MM-DD")
        for field in ("title", "nav", "short"):
            value = getattr(entry, field)
            if set(value) != interface or not all(v.strip() for v in value.values()):
                fail(f"{field}: expected a non-empty text in each interface language ({', '.join(languages.interface)})")
        units = set(KINDS[entry.kind].units)
        if set(entry.citation) != units:
            fail(f"citation: a work of kind {entry.kind} cites {', '.join(sorted(units)) or 'nothing'}; "
                 f"got {', '.join(sorted(entry.citation)) or 'nothing'}")
        for unit, forms in entry.citation.items():
            if set(forms) != interface or not all(v.strip() for v in forms.values()):
                fail(f"citation.{unit}: expected a form in each interface language ({', '.join(languages.interface)})")
        seen_ids.add(entry.id)
        seen_folders[entry.folder] = entry.id
        works.append(Work(entry.id, entry.kind, entry.folder, entry.date, dict(entry.title), dict(entry.nav), dict(entry.short),
                          {u: dict(f) for u, f in entry.citation.items()}, entry.symbol, entry.about))
    if data.version != 1:
        raise DataError(shown, _line_of(path, "version:"), "expected 'version: 1'")
    for work in works:
        if work.about is not None and work.about not in seen_ids:
            raise DataError(shown, _line_of(path, f"about: {work.about}"),
                            f"work {work.id}: about {work.about!r} is not a declared work")
    return works
