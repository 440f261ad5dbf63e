"""The only place the writer builds HTML: wrappers for ``md_in_html`` and a few inline elements.

Markdown has no syntax for a row of columns or for an ``abbr`` inside Chinese
text, so these few elements are written as HTML; building them here, with
attribute values always escaped, keeps raw HTML out of the rest of the writer.
"""

from __future__ import annotations

from html import escape


def attrs(values: dict[str, str | None]) -> str:
    """`` key="value"`` pairs, escaped, skipping None; ``class_`` is written ``class``."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = "class" if key == "class_" else key.replace("_", "-")
        parts.append(f' {name}="{escape(value, quote=True)}"')
    return "".join(parts)


def open_block(tag: str, **values: str | None) -> str:
    """Opening tag of a block whose content is Markdown (``md_in_html``)."""
    return f"<{tag}{attrs(values)} markdown>"


def close_block(tag: str) -> str:
    return f"</{tag}>"


def inline(tag: str, text: str, **values: str | None) -> str:
    """An inline element holding literal text (escaped here, not by Markdown)."""
    return f"<{tag}{attrs(values)}>{escape(text, quote=False)}</{tag}>"


def empty(tag: str, **values: str | None) -> str:
    return f"<{tag}{attrs(values)}></{tag}>"


def open_inline(tag: str, **values: str | None) -> str:
    """Opening tag of an inline element whose content is Markdown.

    Python-Markdown stashes inline tags one by one, so Markdown between an
    opening and a closing inline tag is still rendered.
    """
    return f"<{tag}{attrs(values)}>"
