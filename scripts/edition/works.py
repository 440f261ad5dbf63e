"""The works of the edition, declared in ``sources/data/works.yaml``.

A work is what a reader cites: resolution 78/311, the report, the news context.
Its witnesses are the registry's source texts that name it. The work carries what
belongs to it rather than to one witness or to the interface: its symbol and date,
its title and navigation label, and how each of its units is cited, per language.
The site's page set follows from the works and their kinds (:mod:`edition.assembly`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import read_data
from .errors import DataError, DataErrors
from .languages import Languages

@dataclass(frozen=True)
class Kind:
    """What a kind of work is: the units a reader cites (the ``citation`` keys a work of the kind
    must give), how many witnesses its pages show (None: every one, side by side), and whether
    its witnesses are published as Akoma Ntoso (which names a language version by its ISO 639-2/T
    code, so each witness language must declare one: checked on load, not when the data is written)."""

    units: tuple[str, ...]
    witnesses_shown: int | None
    akoma_ntoso: bool = False


KINDS: dict[str, Kind] = {
    "resolution": Kind(("preamble", "operative"), None, akoma_ntoso=True),
    "report": Kind(("paragraph", "summary", "recommendation", "box"), 1),
    "news": Kind((), 1),
}



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
    #: who issued the work, per interface language (its citations' author, the publisher in the pages' metadata); None if not declared
    author: dict[str, str] | None = None

    def path(self, name: str) -> str:
        """A page of the work under a language folder (``resolution/index.md``)."""
        return name if self.folder == "." else f"{self.folder}/{name}"

    def cite(self, unit: str, lang: str, **values: object) -> str:
        """How a reader cites one unit (``operative``, n=5) in ``lang``: ``A/RES/78/311, para. 5``."""
        return self.citation[unit][lang].format(**values)


def load_works(path: Path, languages: Languages) -> list[Work]:
    """Read ``works.yaml`` (schema: :class:`edition.schemas.WorksFile`) and check what the schema
    cannot: each work cites the units of its kind, and ``about`` names a declared work."""
    from .schemas import WorksFile

    data, lines = read_data(path, WorksFile)
    errors: list[DataError] = []
    ids = {w.id for w in data.works}
    for i, w in enumerate(data.works):
        units = set(KINDS[w.kind].units)
        if set(w.citation) != units:
            errors.append(lines.error(("works", i, "citation"), f"work {w.id}: a work of kind {w.kind} cites "
                                      f"{', '.join(sorted(units)) or 'nothing'}; got "
                                      f"{', '.join(sorted(w.citation)) or 'nothing'}"))
        if w.about is not None and w.about not in ids:
            errors.append(lines.error(("works", i, "about"), f"work {w.id}: about {w.about!r} is not a declared work"))
    if errors:
        raise DataErrors(errors)
    return [Work(w.id, w.kind, w.folder, w.date, dict(w.title), dict(w.nav), dict(w.short),
                 {u: dict(f) for u, f in w.citation.items()}, w.symbol, w.about,
                 dict(w.author) if w.author else None) for w in data.works]
