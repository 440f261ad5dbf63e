"""The only place the writer builds HTML: wrappers for ``md_in_html`` and a few inline elements.

Markdown has no syntax for a row of columns or for an ``abbr`` inside Chinese
text, so these few elements are written as HTML; building them here, with
attribute values always escaped, keeps raw HTML out of the rest of the writer.
"""

from __future__ import annotations

import re

from .escape import html_text

#: Attributes whose values are names the build makes (anchors, class names), never
#: data text: written as they are, and refused if they are not plain names.
IDENTIFIERS = frozenset({"id", "class"})
_IDENTIFIER = re.compile(r"[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*")


def attrs(values: dict[str, str | None]) -> str:
    """`` key="value"`` pairs, inert (:func:`.escape.html_text`), skipping None; ``class_`` is written ``class``."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = "class" if key == "class_" else key.replace("_", "-")
        if name in IDENTIFIERS:
            if not _IDENTIFIER.fullmatch(value):
                raise ValueError(f"{name} {value!r}: expected names of letters, digits, '-' and '_'")
            parts.append(f' {name}="{value}"')
        else:
            parts.append(f' {name}="{html_text(value)}"')
    return "".join(parts)


def open_block(tag: str, **values: str | None) -> str:
    """Opening tag of a block whose content is Markdown (``md_in_html``)."""
    return f"<{tag}{attrs(values)} markdown>"


def close_block(tag: str) -> str:
    return f"</{tag}>"


def inline(tag: str, text: str, **values: str | None) -> str:
    """An element holding literal text, as character references (:func:`.escape.html_text`).

    Its content must be inert in both places such an element stands: inside a Markdown
    paragraph (Python-Markdown stashes only the tags, and renders the text between
    them) and as a raw HTML block (kept as written).
    """
    return f"<{tag}{attrs(values)}>{html_text(text)}</{tag}>"


def empty(tag: str, **values: str | None) -> str:
    return f"<{tag}{attrs(values)}></{tag}>"


def open_inline(tag: str, **values: str | None) -> str:
    """Opening tag of an inline element whose content is Markdown.

    Python-Markdown stashes inline tags one by one, so Markdown between an
    opening and a closing inline tag is still rendered.
    """
    return f"<{tag}{attrs(values)}>"
