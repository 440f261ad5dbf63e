"""Alignment of the witnesses of one work: the same paragraphs, in the same order, in every language.

The parallel view puts one paragraph of every witness in a row, and an anchor
(``#op5``) means the same paragraph in every language; a witness that lost or gained
a paragraph would silently shift every row after it. Loading checks it, before
anything is written.
"""

from __future__ import annotations

from .errors import SourceError
from .model import Document, HeaderBlock, Paragraph


def rows(docs: dict[str, Document]) -> list[str]:
    """Row anchors of the parallel page, in order; every language must have the same ones."""
    order: list[str] | None = None
    for lang, doc in docs.items():
        anchors = [b.anchor for b in doc.blocks if isinstance(b, (Paragraph, HeaderBlock))]
        if order is None:
            order = anchors
        elif anchors != order:
            missing = sorted(set(order) ^ set(anchors))
            raise SourceError(doc.path, None, f"the {lang} text does not align with the other languages: "
                              f"{', '.join(missing) or 'paragraph order differs'}; expected the same paragraphs "
                              "in every language")
    return order or []
