"""Editorial notes attached to any published anchor, from ``sources/data/annotations.yaml``.

A note is data (page, anchor, text in zh/ru/en), checked against the anchors the
site publishes, and rendered with the same convention as concordance links
(:func:`edition.concordance.note_block`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .model import LANGS
from .sources import load_yaml


@dataclass(frozen=True)
class Note:
    page: str
    anchor: str
    text: dict[str, str]
    line: int | None


def load_annotations(path: Path, anchors_by_page: dict[str, set[str]]) -> list[Note]:
    """``anchors_by_page`` maps a page key to the anchors it publishes."""
    data = load_yaml(path)
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("notes"), list):
        raise DataError(str(path), 1, "expected a mapping with 'version: 1' and a list 'notes'")
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, l in enumerate(lines, 1) if l.lstrip().startswith("- page:")]
    notes = []
    for i, raw in enumerate(data["notes"]):
        line = starts[i] if i < len(starts) else None
        if not isinstance(raw, dict) or not raw.get("page") or not raw.get("anchor"):
            raise DataError(str(path), line, f"note {i + 1}: expected 'page', 'anchor' and 'text'")
        page, anchor = str(raw["page"]), str(raw["anchor"])
        if page not in anchors_by_page:
            raise DataError(str(path), line, f"note {i + 1}: unknown page '{page}'; expected one of "
                            f"{', '.join(sorted(anchors_by_page))}")
        if anchor not in anchors_by_page[page]:
            raise DataError(str(path), line, f"note {i + 1}: page '{page}' has no anchor '{anchor}'")
        text = raw.get("text")
        missing = [lang for lang in LANGS if not isinstance(text, dict) or not str(text.get(lang) or "").strip()]
        if missing:
            raise DataError(str(path), line, f"note {i + 1} ({page}#{anchor}): text missing language {', '.join(missing)}")
        notes.append(Note(page, anchor, {lang: " ".join(str(text[lang]).split()) for lang in LANGS}, line))
    return notes
