"""Drafting conventions of each kind of source, per language, from ``sources/data/conventions/``.

A parser reads a text with the conventions of its language (how a resolution opens,
which words open a preambular paragraph, how a date is printed). They are data so
that a witness in a new language is a text file and an entry here, not a code change;
loading compiles every pattern and refuses an entry that lacks one the parser needs.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import DataError
from .parsers.resolution import HEADER_FIELDS, Formulae
from .sources import _line_of


def load_resolution_conventions(path: Path) -> dict[str, Formulae]:
    """``{lang: Formulae}`` from ``conventions/resolution.yaml``."""
    from .datafile import Record, load_data  # noqa: PLC0415

    class LanguageConventions(Record):
        opening: str
        preamble_openers: list[str]
        plenary: str
        date: str
        header: list[list[str]]
        meeting_and_date: str | None = None

    class ConventionsFile(Record):
        version: int
        languages: dict[str, LanguageConventions]

    data = load_data(path, ConventionsFile)
    out: dict[str, Formulae] = {}
    for lang, c in data.languages.items():
        line = _line_of(path, f"  {lang}:")

        def pattern(text: str, what: str) -> re.Pattern[str]:
            try:
                return re.compile(text)
            except re.error as exc:
                raise DataError(str(path), line, f"{lang}: {what}: not a valid regular expression ({exc})") from None

        if any(len(pair) != 2 for pair in c.header):
            raise DataError(str(path), line, f"{lang}: header: expected [field, pattern] pairs")
        header = tuple((name, pattern(p, f"header {name}")) for name, p in c.header)
        missing = [name for name in HEADER_FIELDS if name not in {n for n, _ in header}]
        if missing:
            raise DataError(str(path), line, f"{lang}: header: no pattern for {', '.join(missing)}")
        unknown = sorted({n for n, _ in header} - set(HEADER_FIELDS) - {"distribution"})
        if unknown:
            raise DataError(str(path), line, f"{lang}: header: unknown field {', '.join(unknown)}; expected "
                            f"{', '.join(HEADER_FIELDS)} or distribution")
        both = pattern(c.meeting_and_date, "meeting_and_date") if c.meeting_and_date else None
        if both is not None and not {"meeting", "date"} <= set(both.groupindex):
            raise DataError(str(path), line, f"{lang}: meeting_and_date needs the named groups meeting and date")
        if not c.opening.strip() or not c.preamble_openers:
            raise DataError(str(path), line, f"{lang}: expected an opening formula and preamble openers")
        out[lang] = Formulae(c.opening, tuple(c.preamble_openers), pattern(c.plenary, "plenary"),
                             pattern(c.date, "date"), header, both)
    return out


#: Conventions each source kind is read with: the file under ``sources/data/conventions/`` and its loader.
KIND_CONVENTIONS = {"resolution": ("resolution.yaml", load_resolution_conventions)}
