"""Interface strings in the three languages, from ``sources/data/ui.yaml``.

Every key must have zh, ru and en; a missing one stops the build with the file
and the line of the key, rather than showing a reader an English string on a
Russian page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .model import LANGS
from .sources import load_yaml


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
    """Merge every ``*.yaml`` of the folder (one file per part of the site); keys must be unique."""
    strings: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        for key, value in _load_ui_file(path).items():
            if key in strings:
                raise DataError(str(path), None, f"interface string '{key}' is also defined in {origin[key]}")
            strings[key] = value
            origin[key] = str(path)
    return UI(strings, str(folder))


def _load_ui_file(path: Path) -> dict[str, dict[str, str]]:
    data = load_yaml(path)
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("strings"), dict):
        raise DataError(str(path), 1, "expected a mapping with 'version: 1' and a mapping 'strings'")
    lines = path.read_text(encoding="utf-8").splitlines()
    strings: dict[str, dict[str, str]] = {}
    for key, value in data["strings"].items():
        line = next((i for i, l in enumerate(lines, 1) if l.startswith(f"  {key}:")), None)
        if not isinstance(value, dict):
            raise DataError(str(path), line, f"string '{key}': expected a mapping of zh, ru, en")
        missing = [lang for lang in LANGS if not value.get(lang)]
        if missing:
            raise DataError(str(path), line, f"string '{key}': missing language {', '.join(missing)}")
        unknown = sorted(set(value) - set(LANGS))
        if unknown:
            raise DataError(str(path), line, f"string '{key}': unknown language {', '.join(unknown)}")
        strings[key] = {lang: str(value[lang]) for lang in LANGS}
    return strings
