"""Drafting conventions of each kind of source, per language, from ``sources/data/conventions/``.

A parser reads a text with the conventions of its language (how a resolution opens,
which words open a preambular paragraph, how a date is printed). They are data so
that a witness in a new language is a text file and an entry here, not a code change;
loading compiles every pattern and refuses an entry that lacks one the parser needs.
"""

from __future__ import annotations

import re
from pathlib import Path

from .datafile import read_data
from .errors import DataError, DataErrors
from .parsers.resolution import HEADER_FIELDS, Formulae


def load_resolution_conventions(path: Path) -> dict[str, Formulae]:
    """``{lang: Formulae}`` from ``conventions/resolution.yaml`` (schema:
    :class:`edition.schemas.ResolutionConventionsFile`); every pattern compiled, every heading field given."""
    from .schemas import ResolutionConventionsFile

    data, lines = read_data(path, ResolutionConventionsFile)
    errors: list[DataError] = []
    out: dict[str, Formulae] = {}
    for lang, c in data.languages.items():
        def pattern(text: str, *loc: str | int) -> re.Pattern[str] | None:
            try:
                return re.compile(text)
            except re.error as exc:
                errors.append(lines.error(("languages", lang, *loc), f"{lang}: not a valid regular expression "
                                          f"({exc})"))
                return None

        header = tuple((name, pattern(p, "header", i)) for i, (name, p) in enumerate(c.header))
        names = {n for n, _ in header}
        missing = [n for n in HEADER_FIELDS if n not in names]
        unknown = sorted(names - set(HEADER_FIELDS) - {"distribution"})
        if missing:
            errors.append(lines.error(("languages", lang, "header"), f"{lang}: no pattern for {', '.join(missing)}"))
        if unknown:
            errors.append(lines.error(("languages", lang, "header"), f"{lang}: unknown field {', '.join(unknown)}; "
                                      f"expected {', '.join(HEADER_FIELDS)} or distribution"))
        both = pattern(c.meeting_and_date, "meeting_and_date") if c.meeting_and_date else None
        if both is not None and not {"meeting", "date"} <= set(both.groupindex):
            errors.append(lines.error(("languages", lang, "meeting_and_date"),
                                      f"{lang}: expected the named groups meeting and date"))
        plenary, date = pattern(c.plenary, "plenary"), pattern(c.date, "date")
        if plenary and date and all(p for _, p in header):
            out[lang] = Formulae(c.opening, tuple(c.preamble_openers), plenary, date, header, both)
    if errors:
        raise DataErrors(errors)
    return out


#: Conventions each source kind is read with: the file under ``sources/data/conventions/`` and its loader.
KIND_CONVENTIONS = {"resolution": ("resolution.yaml", load_resolution_conventions)}
