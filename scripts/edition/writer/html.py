"""The only place the writer builds HTML: wrappers for ``md_in_html`` and a few inline elements.

Markdown has no syntax for a row of columns or for an ``abbr`` inside Chinese
text, so these few elements are written as HTML; building them here, with
attribute values always made inert, keeps raw HTML out of the rest of the writer.

Python-Markdown treats the two kinds of element differently, and the encoding
follows (both proven by ``tests/test_inert.py``):

- an inline tag inside a paragraph is stashed as written and reaches the page
  unchanged: attribute values and text are :func:`.escape.html_text`;
- a block with the ``markdown`` attribute (``md_in_html``) is parsed into an
  element, its attribute values decoded, and written again by Python-Markdown's
  serializer, which leaves an ``&`` alone when what follows looks like a reference
  (``&amp;`` in a value would reach the browser as ``&``): there ``&`` is written
  so that it decodes to ``&amp;``. Block-level elements holding text are written
  as such blocks too (``markdown="span"``), so they come out the same wherever
  they stand (at the top level a raw block is kept as written; inside another
  ``markdown`` block it is parsed).
"""

from __future__ import annotations

import re

from .escape import escape_text, html_text

#: Attributes whose values are names the build makes (anchors, class names), never
#: data text: written as they are, and refused if they are not plain names.
IDENTIFIERS = frozenset({"id", "class"})
_IDENTIFIER = re.compile(r"[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*")

#: Elements Python-Markdown treats as blocks (the ones this writer uses): see the module docstring.
BLOCK_TAGS = frozenset({"div", "section", "p", "figure", "aside", "nav", "header", "footer"})


def attrs(values: dict[str, str | None], *, parsed: bool = False) -> str:
    """`` key="value"`` pairs, inert, skipping None; ``class_`` is written ``class``.

    ``parsed``: the element is parsed and written again by Python-Markdown (``md_in_html``).
    """
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
            text = html_text(value)
            parts.append(f' {name}="{text.replace("&#38;", "&#38;amp;") if parsed else text}"')
    return "".join(parts)


def open_block(tag: str, **values: str | None) -> str:
    """Opening tag of a block whose content is Markdown (``md_in_html``)."""
    return f"<{tag}{attrs(values, parsed=True)} markdown>"


def close_block(tag: str) -> str:
    return f"</{tag}>"


def inline(tag: str, text: str, **values: str | None) -> str:
    """An element holding literal text.

    An inline element's text is character references (:func:`.escape.html_text`):
    Python-Markdown stashes only its tags, and the references stay inert in the text
    it renders between them. A block-level element is an ``md_in_html`` span block
    holding escaped Markdown text (see the module docstring).
    """
    if tag in BLOCK_TAGS:
        return f'<{tag}{attrs(values, parsed=True)} markdown="span">{escape_text(text)}</{tag}>'
    return f"<{tag}{attrs(values)}>{html_text(text)}</{tag}>"


def empty(tag: str, **values: str | None) -> str:
    return f"<{tag}{attrs(values)}></{tag}>"


def open_inline(tag: str, **values: str | None) -> str:
    """Opening tag of an inline element whose content is Markdown.

    Python-Markdown stashes inline tags one by one, so Markdown between an
    opening and a closing inline tag is still rendered.
    """
    return f"<{tag}{attrs(values)}>"
