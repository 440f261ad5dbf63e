"""Render model nodes to Markdown for MkDocs (Python-Markdown with attr_list and md_in_html).

One function per node type; page modules compose them. All source text passes
through :func:`escape_text`; all attributes through ``attr_list`` values or the
:mod:`.html` helpers. Nothing here knows about a particular document.
"""

from __future__ import annotations

import posixpath
from html import escape as html_escape
from urllib.parse import urlsplit
from dataclasses import dataclass, field
from typing import Callable

from ..languages import Languages
from ..model import (
    Abbr,
    Conjecture,
    Container,
    DocRef,
    Emended,
    Emphasis,
    ExternalLink,
    Footnote,
    Heading,
    Illegible,
    Inline,
    ListItem,
    NoteRef,
    Paragraph,
    Table,
    Text,
    Xref,
    plain_text,
    walk_inlines,
)
from ..ui import UI
from . import html
from .escape import attr_value, escape_href, escape_line, escape_text, guard_line_start

#: The schemes a URL printed in a source may link to; any other (``javascript:``, ``data:``) stays text.
LINK_SCHEMES = frozenset({"http", "https"})

#: White space HTML folds (and the writer with it); other spaces (U+3000, U+2003) are text.
ASCII_SPACE = " \t\n\r\f\v"

#: The element of each emphasis style (the model's, and an emendation's declared subset).
EMPHASIS_TAGS: dict[str, str] = {"italic": "em", "bold": "strong"}


def doc_url(symbol: str, lang: str) -> str:
    """The official address of a UN document by symbol, in the reader's language."""
    return f"https://undocs.org/{lang}/{symbol}"  # data: escaped by link() like every target


@dataclass
class Context:
    """What rendering needs to know about where the Markdown will stand.

    ``lang`` is the interface language of the page; ``page`` its path under the
    language folder; ``note_suffix`` disambiguates footnote ids when several
    languages share a page (the parallel view). ``doc_title`` gives the title of a
    UN document for its link's tooltip. ``text_lang`` is the language of the text
    being rendered when it is not the interface language (a cell of the parallel
    view): marks labelled in the interface language then say so with ``lang``,
    so a screen reader reads "Link to operative paragraph 5" in English, not with
    a Chinese voice. ``languages`` gives the ``lang`` tag of each language; ``pages``
    maps page keys to paths (from :mod:`edition.assembly`), for links between pages.
    """

    lang: str
    page: str
    ui: UI
    languages: Languages
    pages: dict[str, str] = field(default_factory=dict)
    note_suffix: str = ""
    doc_title: Callable[[str, str], str | None] = lambda symbol, lang: None
    seen_refs: set[str] = field(default_factory=set)
    #: Editorial notes for an anchor (concordance links, annotations), as Markdown blocks,
    #: rendered after the block that carries the anchor; one display convention for all.
    annotate: Callable[[str, "Context"], str] = lambda anchor, ctx: ""
    text_lang: str | None = None
    #: how the page's work cites a unit: ``citation(unit, lang, **values)`` (see :class:`edition.works.Work`)
    citation: Callable[..., str] | None = None

    def ui_lang(self) -> str | None:
        """``lang`` for an interface label inside text of another language, else None."""
        return self.tag(self.lang) if self.text_lang and self.text_lang != self.lang else None

    def tag(self, lang: str) -> str:
        """The ``lang`` attribute value of a language (``zh`` -> ``zh-Hans``)."""
        return self.languages.tag(lang)

    def t(self, key: str, **values: object) -> str:
        return self.ui.t(key, self.lang, **values)

    def cite(self, unit: str, **values: object) -> str:
        """The citation of one unit of the page's work in the interface language (citations belong to
        the work, not to the interface strings)."""
        if self.citation is None:
            raise ValueError(f"page {self.page} has no work to cite a {unit} of")
        return self.citation(unit, self.lang, **values)

    def date(self, iso: str) -> str:
        """A date (``YYYY-MM-DD``) as the interface language writes it ("1 July 2024", "2024年7月1日")."""
        year, month, day = (int(x) for x in iso.split("-"))
        return self.t("date_format", year=year, day=day, month_name=self.t(f"month_{month}"))

    def names(self, items: list[str]) -> str:
        """A list of names as the interface language joins it ("A, B and C")."""
        if len(items) < 2:
            return "".join(items)
        return self.t("list_separator").join(items[:-1]) + self.t("list_last") + items[-1]

    def href(self, page_key: str, anchor: str | None = None) -> str:
        """A link from this page to ``page_key#anchor`` as a relative ``.md`` path MkDocs resolves."""
        target = self.pages[page_key]
        if target == self.page:
            return f"#{anchor}" if anchor else posixpath.basename(target)
        rel = posixpath.relpath(target, posixpath.dirname(self.page) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def note_id(self, anchor: str) -> str:
        return anchor + self.note_suffix


def attr_list(*classes: str, id: str | None = None, **values: str | None) -> str:
    """An ``attr_list`` block: ``{#id .a .b key="value"}``."""
    parts = []
    if id:
        parts.append(f"#{id}")
    parts.extend(f".{c}" for c in classes)
    parts.extend(f"{k.replace('_', '-')}={attr_value(v)}" for k, v in values.items() if v is not None)
    return "{" + " ".join(parts) + "}"


def link(text_md: str, href: str, *classes: str, **values: str | None) -> str:
    """``[text](href){attributes}``: ``text_md`` is Markdown the writer made; ``href`` is escaped here."""
    suffix = attr_list(*classes, **values) if classes or any(v is not None for v in values.values()) else ""
    return f"[{text_md}]({escape_href(href)}){suffix}"


def front_matter(**values: object) -> str:
    """A YAML front matter block (page title for the navigation, search settings, hidden sidebars).

    MkDocs' templates are not autoescaped and Material writes ``title`` as HTML (in
    ``<title>``, the header, the navigation), so the title is given as HTML text.
    """
    import yaml

    if isinstance(values.get("title"), str):
        values["title"] = html_escape(values["title"], quote=True)
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000) + "---"


# --------------------------------------------------------------------- inlines


def inlines_md(nodes: tuple[Inline, ...], ctx: Context) -> str:
    return "".join(inline_md(n, ctx) for n in nodes)


def inline_md(node: Inline, ctx: Context) -> str:
    if isinstance(node, Text):
        return escape_text(node.text)
    if isinstance(node, Emphasis):
        # written as tags, not as * or **: Markdown's emphasis rules would drop a mark
        # whose text starts or ends with a space, or pair it with a neighbour's
        tag = EMPHASIS_TAGS[node.style]
        return html.open_inline(tag) + inlines_md(node.children, ctx) + f"</{tag}>"
    if isinstance(node, NoteRef):
        target = ctx.note_id(node.note)
        ref_id = None
        if target not in ctx.seen_refs:
            ctx.seen_refs.add(target)
            ref_id = f"ref-{target}"
        return link(escape_text(node.label), f"#{target}", "fnref", id=ref_id,
                    aria_label=ctx.t("footnote_ref", n=node.label), lang=ctx.ui_lang())
    if isinstance(node, Emended):
        label = ctx.t("emendation_mark", original=node.original)
        return (html.open_inline("ins", class_="emended") + inlines_md(node.corrected, ctx) + "</ins>"
                + link("°", ctx.href("apparatus", node.emendation), "emendation-mark", title=label, aria_label=label,
                      lang=ctx.ui_lang()))
    if isinstance(node, Xref):
        return link(inlines_md(node.children, ctx), ctx.href(node.page, node.anchor), "xref", title=node.title)
    if isinstance(node, DocRef):
        title = ctx.doc_title(node.symbol, ctx.lang)
        return link(inlines_md(node.children, ctx), doc_url(node.symbol, ctx.lang), "docref", title=title,
                    hreflang=ctx.lang)
    if isinstance(node, ExternalLink):
        if urlsplit(node.url).scheme.lower() not in LINK_SCHEMES:
            return inlines_md(node.children, ctx)  # a printed address that is not a web link stays text
        return link(inlines_md(node.children, ctx), node.url, "external")
    if isinstance(node, Abbr):
        return html.inline("abbr", node.text, title=node.title)
    if isinstance(node, Conjecture):
        # a reading the decipherment key gives for garbled glyphs: conjectural, the original on hover
        title = ctx.t("report_conjecture", source=node.source)
        return html.inline("span", node.reading, class_="conjecture", title=title)
    if isinstance(node, Illegible):
        # one mark per unread glyph, as epigraphic editions mark characters they cannot read
        marks = UNREAD_GLYPH * max(1, sum(1 for c in node.source if not c.isspace()))
        # the label speaks the interface language; the marks stand for characters of the text and
        # take its language (and so its font: a Latin font's square sits off the line in print)
        inner = html.inline("span", marks, lang=ctx.tag(ctx.text_lang) if ctx.text_lang else None) if ctx.ui_lang() else marks
        return (html.open_inline("span", class_="illegible", title=ctx.t("illegible"), role="img",
                                 aria_label=ctx.t("illegible"), lang=ctx.ui_lang()) + inner + "</span>")
    raise TypeError(f"no Markdown for {type(node).__name__}")


#: The mark for one glyph of the source that cannot be read (the 缺字 square of Chinese editions).
UNREAD_GLYPH = "□"


# ---------------------------------------------------------------------- blocks


def para_link(anchor: str, what: str, ctx: Context, cite: str | None = None) -> str:
    """The link mark shown on hover and focus; the script copies its URL."""
    return link("¶", f"#{anchor}", "para-link", title=ctx.t("link_mark"),
                aria_label=ctx.t("link_mark_for", what=what), lang=ctx.ui_lang())


def cite_values(cite: str | None, ctx: Context, *, indexed: bool) -> dict[str, str | None]:
    """Attributes of a citable unit: its citation and the copy button's labels.

    An anchored unit is also marked ``data-search-exclude``: it gets a search entry of its
    own (``edition.search``), so Material's section indexer must not index it again.
    """
    if not cite:
        return {}
    return {"data_cite": cite, "data_cite_copy": ctx.t("cite_copy"), "data_cite_done": ctx.t("cite_copied"),
            "data_search_exclude": "" if indexed else None}


def paragraph_md(p: Paragraph, ctx: Context, *, anchor: str | None, what: str,
                 cite: str | None = None, classes: tuple[str, ...] = (), lang: str | None = None) -> str:
    """A paragraph: link mark, printed number, text, and its attributes on the line below."""
    parts = []
    if p.anchor:
        parts.append(para_link(p.anchor, what, ctx, cite))
    if p.label:
        parts.append(html.inline("span", p.label, class_="para-num"))
    parts.append(inlines_md(p.inlines, ctx))
    body = guard_line_start(" ".join(x for x in parts if x))
    values = {"lang": ctx.tag(lang) if lang else None, **cite_values(cite, ctx, indexed=bool(anchor))}
    out = body + "\n" + attr_list("para", f"para-{p.role}", *classes, id=anchor, **values)
    notes = ctx.annotate(anchor, ctx) if anchor else ""
    return out + "\n\n" + notes if notes else out


def toc_label(nodes: tuple[Inline, ...], prefix: str = "") -> str | None:
    """The table-of-contents text of a heading that carries marks, else ``None``.

    The contents list and the navigation repeat a heading's text; an emendation's "°", a
    footnote number or an illegible-glyph sign in it would show there as stray characters
    (Python-Markdown's ``toc`` takes ``data-toc-label`` instead of the text when given).
    """
    if not any(isinstance(n, (NoteRef, Emended, Illegible)) for n in walk_inlines(nodes)):
        return None
    return " ".join(x for x in (prefix, plain_text(nodes, note_labels=False).strip(ASCII_SPACE)) if x)


def heading_line(level: int, text_md: str, nodes: tuple[Inline, ...], anchor: str | None, prefix: str = "") -> str:
    """One ATX heading with its id, and a plain contents label when its text carries marks."""
    values = {"data_toc_label": toc_label(nodes, prefix)}
    line = f"{'#' * level} {guard_line_start(text_md)}"
    return line + " " + attr_list(id=anchor, **values) if anchor or values["data_toc_label"] else line


def heading_md(h: Heading, ctx: Context, level_offset: int = 0) -> str:
    return heading_line(min(6, h.level + level_offset), inlines_md(h.inlines, ctx), h.inlines, h.anchor)


def footnote_md(fn: Footnote, ctx: Context, lang: str | None = None) -> str:
    target = ctx.note_id(fn.anchor)
    back = link(escape_text(fn.label), f"#ref-{target}", "fn-back", title=ctx.t("footnote_back"), lang=ctx.ui_lang())
    values = {"lang": ctx.tag(lang) if lang else None}
    return back + " " + inlines_md(fn.inlines, ctx) + "\n" + attr_list("footnote", id=target, **values)


def table_md(t: Table, ctx: Context, supplied_header: tuple[str, ...] = ()) -> str:
    """A pipe table; cell text is escaped (``|`` included) so cells never split.

    ``supplied_header``: column names the editors give a table the source prints without
    a header row (a pipe table needs one, and an empty header cell says nothing to a
    screen reader); they are interface text, marked as supplied and in its language.
    """
    if not t.header and not t.rows:
        return ""
    width = max(len(t.header), len(supplied_header), *(len(r) for r in t.rows)) if t.rows else len(t.header)
    if t.header:
        head = [inlines_md(c, ctx) for c in t.header]
    else:
        head = [html.inline("span", name, class_="supplied", lang=ctx.ui_lang()) for name in supplied_header]
    head += [""] * (width - len(head))
    lines = ["| " + " | ".join(c or " " for c in head) + " |",
             "|" + "|".join("---" for _ in range(width)) + "|"]
    for row in t.rows:
        cells = list(row) + [()] * (width - len(row))
        lines.append("| " + " | ".join(inlines_md(c, ctx) or " " for c in cells) + " |")
    # attr_list cannot attach to a pipe table (a line under it joins the table, and breaks a
    # one-column one): an anchored table gets a wrapper instead.
    out = "\n".join(lines)
    if t.anchor:
        out = html.open_block("div", id=t.anchor, class_="edition-table") + "\n\n" + out + "\n\n" + html.close_block("div")
    if t.caption:
        out = guard_line_start(inlines_md(t.caption, ctx)) + "\n" + attr_list("table-caption") + "\n\n" + out
    return out


def list_item_md(item: ListItem, ctx: Context, render_block) -> str:
    inner = "\n\n".join(render_block(b) for b in item.blocks)
    subs = "\n\n".join(list_item_md(s, ctx, render_block) for s in item.items)
    head = html.open_block("div", id=item.anchor, class_="list-item", data_label=item.label)
    label = html.inline("span", item.label, class_="item-label")
    body = f"{label} {inner}" if inner and not inner.startswith(("<", "#")) else f"{label}\n\n{inner}"
    return "\n\n".join(x for x in (head, body, subs, html.close_block("div")) if x)


def container_md(c: Container, ctx: Context, render_block, heading_level: int = 3, cite: str | None = None) -> str:
    """A box, recommendation, figure or photo: a titled section holding blocks (``cite``: how to cite it)."""
    parts = [html.open_block("section", id=c.anchor, class_=f"container container-{c.kind}",
                             **cite_values(cite, ctx, indexed=bool(c.anchor)))]
    title = " ".join(x for x in (escape_text(c.label or ""), inlines_md(c.title, ctx)) if x)
    if title:
        parts.append(heading_line(heading_level, title, c.title, f"{c.anchor}-title" if c.anchor else None,
                                  prefix=c.label or ""))
    if c.note:
        parts.append(escape_line(c.note) + "\n" + attr_list("container-note", lang=ctx.ui_lang()))
    parts.extend(render_block(b) for b in c.blocks)
    if c.anchor:
        parts.append(ctx.annotate(c.anchor, ctx))
    parts.append(html.close_block("section"))
    return "\n\n".join(p for p in parts if p)


def plain(nodes: tuple[Inline, ...]) -> str:
    return plain_text(nodes)
