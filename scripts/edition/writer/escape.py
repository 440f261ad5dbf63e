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
from urllib.parse import quote

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


#: Characters written as entities rather than backslash escapes: inside an ``md_in_html``
#: block, an HTML parser reads the Markdown before any backslash escape is seen, and
#: ``\<?`` or ``\<!--`` would open a processing instruction or a comment there that
#: swallows what follows. An entity is text to that parser and to Markdown alike.
_ENTITIES = {"<": "&lt;", "&": "&amp;"}


#: escape_text's encoding as a translation table: one C-level pass over the text instead of a
#: Python step per character (the writer escapes every line of every page).
_MARKDOWN_ESCAPES = str.maketrans({**{ch: "\\" + ch for ch in SPECIAL}, **_ENTITIES})


def escape_text(text: str) -> str:
    """Return Markdown that renders as exactly ``text`` (white space folded to single spaces)."""
    return _SPACES.sub(" ", text).translate(_MARKDOWN_ESCAPES)


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


#: Characters written as numeric character references in HTML text and attribute values:
#: every character :func:`escape_text` escapes, and the two quotes. A character
#: reference is inert in every place the writer puts data: Python-Markdown stashes it
#: as an entity (so no inline pattern, emphasis or attr_list brace sees the
#: character), a raw HTML block passes it through, and the browser decodes it to the
#: character itself.
HTML_SPECIAL = SPECIAL | frozenset("\"'")


def html_text(text: str) -> str:
    """Return HTML text that shows exactly ``text`` (white space folded) wherever the writer puts it.

    The one encoding for data in HTML: element content written as raw HTML
    (:mod:`.html`), and attribute values, whether on a raw HTML tag or in an
    ``attr_list`` block. Backslash escapes would not do: a raw HTML block or an
    attribute keeps the backslash, and inside ``{title="..."}`` Python-Markdown's
    inline patterns run before ``attr_list`` reads the braces, so emphasis or a tag in
    a value would break out of it. ``html.escape`` would not do either: it leaves
    ``*``, `````, ``_`` and ``[`` to those patterns.
    """
    # Other white space (U+3000, U+00A0) as references too: readers of a value that fold
    # or trim white space (toc's label: str.split) would take it for a space; a reference
    # shows as the same character.
    return _HTML_ESCAPED.sub(_char_ref, _SPACES.sub(" ", text))


#: What html_text writes as a reference: HTML_SPECIAL, and white space other than the space
#: (``\s`` in a str pattern is exactly ``str.isspace``).
_HTML_ESCAPED = re.compile("[" + "".join(sorted(re.escape(ch) for ch in HTML_SPECIAL)) + r"]|(?! )\s")


def _char_ref(m: re.Match) -> str:
    return f"&#{ord(m.group(0))};"


def attr_value(value: str) -> str:
    """A double-quoted value for an ``attr_list`` attribute, inert (see :func:`html_text`)."""
    return '"' + html_text(value) + '"'


def escape_line(text: str) -> str:
    """Markdown for ``text`` standing at the start of a block (a paragraph, a term, a caption)."""
    return guard_line_start(escape_text(text))


#: What stays as it is in a link target: RFC 3986's unreserved and reserved characters
#: that mean nothing to Markdown's link syntax, and ``%`` (a target already escaped).
#: White space, quotes, ``<``, ``>``, backslash, backtick and non-ASCII are
#: percent-encoded, so the target cannot start a title or reach an inline pattern
#: that runs before links do.
_HREF_SAFE = "-._~:/?#[]@!$*+,;=%&()"

#: Characters of a target written as character references: the parentheses, which
#: would end ``(...)`` (and are part of symbols such as ``A/RES/217(III)``: a
#: percent-encoded one is another URL), and ``&``, which Python-Markdown's serializer
#: leaves alone when it starts a reference (``&lt;`` would reach the browser as ``<``).
_HREF_REFS = {"&": "&amp;", "(": "&#40;", ")": "&#41;"}


def escape_href(url: str) -> str:
    """A link target for ``[text](target)`` that ends where the writer ends it and means ``url``."""
    return "".join(_HREF_REFS.get(ch, ch) for ch in quote(url, safe=_HREF_SAFE))
