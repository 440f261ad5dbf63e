"""Helpers over the model's trees: map a function over text nodes or blocks, replace a nested block."""

from __future__ import annotations

from dataclasses import replace

from ...model import Container, Footnote, Inline, ListItem, Paragraph, Text, walk


def map_text(inlines: tuple[Inline, ...], fn) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.extend(fn(node.text))
        else:
            out.append(node)
    return tuple(out)


def inline_blocks(block):
    """The blocks whose inlines hold text: paragraphs, headings and footnotes, nested ones too."""
    for b in walk((block,)):
        if isinstance(b, (Paragraph, Footnote)):
            yield b


def rewrite(block, target, new):
    """Return ``block`` with the nested block ``target`` replaced by ``new``."""
    if block is target:
        return new
    if isinstance(block, Container):
        return replace(block, blocks=tuple(rewrite(b, target, new) for b in block.blocks))
    if isinstance(block, ListItem):
        return replace(block, blocks=tuple(rewrite(b, target, new) for b in block.blocks),
                       items=tuple(rewrite(b, target, new) for b in block.items))
    return block


def map_blocks(block, fn):
    if isinstance(block, (Paragraph, Footnote)):
        return replace(block, inlines=fn(block.inlines))
    if isinstance(block, Container):
        return replace(block, blocks=tuple(map_blocks(b, fn) for b in block.blocks))
    if isinstance(block, ListItem):
        return replace(block, blocks=tuple(map_blocks(b, fn) for b in block.blocks),
                       items=tuple(map_blocks(b, fn) for b in block.items))
    return block
