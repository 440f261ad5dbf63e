"""Editorial notes attached to any published anchor, from ``sources/data/annotations.yaml``.

A note is data (page, anchor, text in zh/ru/en), checked against the anchors the
site publishes, and rendered with the same convention as concordance links
(:func:`edition.concordance.note_block`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import read_data
from .errors import DataError, DataErrors
from .schemas import AnnotationsFile


@dataclass(frozen=True)
class Note:
    page: str
    anchor: str
    text: dict[str, str]
    line: int | None


def load_annotations(path: Path, anchors_by_page: dict[str, set[str]]) -> list[Note]:
    """``anchors_by_page`` maps a page key to the anchors it publishes; every note must name one."""
    data, lines = read_data(path, AnnotationsFile)
    errors: list[DataError] = []
    notes = []
    for i, raw in enumerate(data.notes):
        if raw.page not in anchors_by_page:
            errors.append(lines.error(("notes", i, "page"), f"note {i + 1}: unknown page '{raw.page}'; expected one "
                                      f"of {', '.join(sorted(anchors_by_page))}"))
        elif raw.anchor not in anchors_by_page[raw.page]:
            errors.append(lines.error(("notes", i, "anchor"), f"note {i + 1}: page '{raw.page}' has no anchor "
                                      f"'{raw.anchor}'"))
        notes.append(Note(raw.page, raw.anchor, {lang: " ".join(text.split()) for lang, text in raw.text.items()},
                          lines.at("notes", i)))
    if errors:
        raise DataErrors(errors)
    return notes
