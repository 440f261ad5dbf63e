"""Escaping source text so that Python-Markdown and pymdown-extensions leave it literal.

Source text is evidence, never markup. With ``pymdownx.escapeall`` enabled a
backslash escapes any character, so the rule can be simple and total: every ASCII
character that starts or ends some Markdown or pymdown construct gets a
backslash, wherever it stands. Two constructs only matter at the start of a
line (ordered lists ``1.`` and bullets ``-``); the writer never starts a line with
source text without passing through :func:`escape_text`, which escapes them too.

Why not escape everything: readable Markdown (golden files) is a goal as well;
``.``, ``,``, ``-``, quotes and ``/`` mid-line are harmless and stay as they are.
"""

from __future__ import annotations

import re

#: Characters that open or close a construct of Python-Markdown or of the pymdown
#: extensions this site could enable: emphasis (* _), code (`), links and
#: footnotes ([ ] ( )), attr_list ({ }), raw HTML and entities (< > &), headings
#: (#), quotes (>), mark (=), caret/superscript (^), tilde/subscript (~), keys (+),
#: tables (|), emoji and definition lists (:), images (!), and the backslash.
SPECIAL = frozenset("\\`*_{}[]()<>&#!=^~+|:")

_LINE_START_LIST = re.compile(r"^(\d+)([.)])")
#: Only ASCII white space is folded (as HTML does): an EM SPACE or an IDEOGRAPHIC SPACE
#: in Chinese text is part of the text and must survive.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def escape_text(text: str) -> str:
    """Return Markdown that renders as exactly ``text`` (white space folded to single spaces)."""
    return "".join("\\" + ch if ch in SPECIAL else ch for ch in _SPACES.sub(" ", text))


def guard_line_start(markdown: str) -> str:
    """Make a line of inline Markdown safe to stand at the start of a block.

    Leading blanks would make an indented code block, ``1.`` an ordered list and
    ``-`` a bullet or a rule; every other line-start construct begins with a
    character :func:`escape_text` already escapes.
    """
    markdown = markdown.strip(" ")
    # Markdown strips (and a line of only such characters is blank): keep Unicode spaces
    # at either end as character references, which render as the same character.
    lead = len(markdown) - len(markdown.lstrip())
    trail = len(markdown.rstrip())
    if lead or trail < len(markdown):
        core = markdown[lead:trail] if trail > lead else ""
        markdown = (_char_refs(markdown[:lead]) + core + _char_refs(markdown[max(trail, lead):]))
    m = _LINE_START_LIST.match(markdown)
    if m:
        return m.group(1) + "\\" + m.group(2) + markdown[m.end():]
    if markdown.startswith("-"):
        return "\\" + markdown
    return markdown


def _char_refs(spaces: str) -> str:
    return "".join(f"&#x{ord(ch):X};" for ch in spaces)


def attr_value(value: str) -> str:
    """A value for an ``attr_list`` attribute: double-quoted, with no character that ends it.

    attr_list has no escape inside quotes, so a double quote in a value (it can
    only come from titles and tooltips, never from reading text) becomes the
    typographic ″, and braces, which end the attribute list, their full-width forms.
    """
    cleaned = _SPACES.sub(" ", value).replace('"', "″").replace("{", "｛").replace("}", "｝")
    return '"' + cleaned + '"'
