"""Interface strings in the interface languages, from ``sources/data/ui/*.yaml``.

Every key must have a text in each interface language; a missing one stops the build with the file
and the line of the key, rather than showing a reader an English string on a
Russian page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import read_data
from .errors import DataError, DataErrors
from .schemas import UIFile


@dataclass(frozen=True)
class UI:
    strings: dict[str, dict[str, str]]
    path: str = "ui.yaml"

    def t(self, key: str, lang: str, **values: object) -> str:
        """The string ``key`` in ``lang`` with its ``{placeholders}`` filled."""
        try:
            template = self.strings[key][lang]
        except KeyError:
            raise DataError(self.path, None, f"no interface string '{key}' in language '{lang}'") from None
        return template.format(**values) if values else template


def load_ui(folder: Path) -> UI:
    """Merge every ``*.yaml`` of the folder (one file per part of the site); keys must be unique.

    Every file is checked against :class:`edition.schemas.UIFile` (each key has a
    text in every interface language); the problems of all files are reported together.
    """
    strings: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    errors: list[DataError] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            data, lines = read_data(path, UIFile)
        except DataErrors as exc:
            errors.extend(exc.errors)
            continue
        except DataError as exc:
            errors.append(exc)
            continue
        for key, value in data.strings.items():
            where = f"{path}:{lines.at('strings', key)}"
            if key in strings:
                errors.append(lines.error(("strings", key),
                                          f"interface string '{key}' is also defined at {origin[key]}"))
                continue
            strings[key] = dict(value)
            origin[key] = where
    if errors:
        raise DataErrors(errors)
    return UI(strings, str(folder))
