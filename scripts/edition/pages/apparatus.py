"""The apparatus: every emendation, with place, source reading, adopted reading and reason.

Each entry has the emendation's id as anchor (the reading text's marker links
here) and links back to the paragraph it corrects, so a reader can go both ways.
"""

from __future__ import annotations

import re

from ..emendations import Emendation
from ..model import Document
from ..writer import html
from ..writer.escape import escape_line, escape_text, guard_line_start
from ..writer.markdown import Context, front_matter, inlines_md, link

class Places:
    """The anchored blocks of each document with the source lines they hold, walked once.

    Every emendation is placed by its source line; walking a document's block tree for each
    emendation of each language's apparatus made placing them the dearest step of the page."""

    def __init__(self, docs: dict[str, Document]) -> None:
        self._docs = docs
        self._held: dict[str, list[tuple[str, frozenset[int]]]] = {}
        self._starts: dict[str, list[tuple[str, int]]] = {}

    def held(self, source: str) -> list[tuple[str, frozenset[int]]]:
        """(anchor, lines) of every anchored block and footnote, in document order."""
        if source not in self._held:
            from ..model import walk
            doc = self._docs[source]
            self._held[source] = [(b.anchor, frozenset(getattr(b, "lines", ())))
                                  for b in walk(doc.blocks + doc.footnotes) if getattr(b, "anchor", None)]
        return self._held[source]

    def starts(self, source: str) -> list[tuple[str, int]]:
        """(anchor, first line) of every anchored block with lines (no footnotes), in document order."""
        if source not in self._starts:
            from ..model import walk
            self._starts[source] = [(b.anchor, min(b.lines)) for b in walk(self._docs[source].blocks)
                                    if getattr(b, "anchor", None) and getattr(b, "lines", ())]
        return self._starts[source]


def locate(e: Emendation, docs: dict[str, Document], places: Places | None = None) -> str | None:
    """The anchor of the block that holds the emendation (None if it is not in an anchored block);
    the innermost, last such block in document order."""
    places = places or Places(docs)
    best = None
    for anchor, lines in places.held(e.source):
        if e.line in lines:
            best = anchor
    return best


def nearest(e: Emendation, docs: dict[str, Document], shown,
            places: Places | None = None) -> tuple[str | None, bool]:
    """The anchor to link for the emendation, and whether it holds the line itself.

    The block that holds the line if a page shows it (``shown(anchor)``); else the last shown,
    anchored block that starts before the line (a chart or a footnote without a place of its
    own: the reader lands at the text just before it)."""
    places = places or Places(docs)
    own = locate(e, docs, places)
    if own and shown(own):
        return own, True
    before = None
    for anchor, first in places.starts(e.source):
        if first <= e.line and shown(anchor):
            before = anchor
    return before, False


_PARA = re.compile(r"^(pp|op)\d+$")


def place_label(anchor: str | None, ctx: Context) -> str | None:
    """A paragraph named for readers ("op. 1"), None for other anchors."""
    if anchor and _PARA.match(anchor):
        from ..concordance import para_label
        return para_label(anchor, ctx)
    return None


def apparatus_page(emendations: list[Emendation], docs: dict[str, Document], ctx: Context,
                   page_of, witness_label) -> str:
    """A table, one row per emendation: a readable label (the row's anchor is the emendation's id,
    which the marks in the text link to), the place with a link to the reading in its own witness,
    the source reading, the edition's reading and the reason.

    ``page_of(source, anchor)``: the page key showing the anchor in that witness (None if no page
    shows it); ``witness_label(source, lang)``: a witness named for readers."""
    # an explicit title: without one MkDocs takes the heading's text, and Material writes it
    # into <title> through striptags, which decodes it (a title '</title><script>' would run)
    parts = [front_matter(title=ctx.t("apparatus_title")), f"# {escape_line(ctx.t('apparatus_title'))}",
             escape_line(ctx.t("apparatus_intro"))]
    head = [escape_text(ctx.t(k)) for k in ("apparatus_entry", "apparatus_place", "apparatus_original",
                                              "apparatus_corrected", "apparatus_reason")]
    rows = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    places = Places(docs)
    for e in emendations:
        anchor, own = nearest(e, docs, lambda a: page_of(e.source, a) is not None, places)
        page = page_of(e.source, anchor) if anchor else None
        para = place_label(anchor, ctx) if own else None
        label = witness_label(e.source, ctx.lang)
        label = label[:1].upper() + label[1:]  # it begins the cell
        if para:
            label = ctx.t("apparatus_label", witness=label, place=para)
        place = escape_text(ctx.t("apparatus_line", line=e.line))
        if page and anchor:
            text = para or ctx.t("apparatus_at" if own else "apparatus_near")
            place += " · " + link(escape_text(text), ctx.href(page, anchor), "apparatus-target")
        # The readings are quotations in the source's language, not the page's (a11y: right voice and font).
        lang = ctx.tag(docs[e.source].lang)
        original = html.open_inline("span", lang=lang) + escape_text(e.original) + "</span>"
        corrected = (html.open_inline("span", lang=lang) + inlines_md(e.corrected_inlines(), ctx) + "</span>"
                     if e.corrected else html.inline("em", ctx.t("apparatus_deleted"), class_="apparatus-deleted"))
        cells = [html.inline("span", label, id=e.id, class_="apparatus-entry"), place, original, corrected,
                 escape_text(e.reason[ctx.lang])]
        rows.append("| " + " | ".join(c.replace("\n", " ") for c in cells) + " |")
    parts.append(html.open_block("div", class_="apparatus-table") + "\n\n" + "\n".join(rows) + "\n\n"
                 + html.close_block("div"))
    return "\n\n".join(parts) + "\n"


def decipherment_section(key, decoded, ctx: Context, text_lang: str) -> str:
    """The decipherment key of the report (see :mod:`edition.decipherment`): each entry with its
    code points, reading, context and the lines that attest it; then what the key decoded
    (``text_lang``: the language of the text the key reads)."""
    if not key:
        return ""
    zh = ctx.tag(text_lang)
    parts = ["", f"## {escape_text(ctx.t('apparatus_key_title'))}", escape_text(ctx.t("apparatus_key_intro"))]
    rows = []
    for e in key:
        codes = html.inline("span", e.codes, class_="garbled-code") + " (" + escape_text(e.code_points) + ")"
        reading = html.inline("span", e.reading, lang=zh)
        if e.before:
            reading += " " + escape_text(ctx.t("apparatus_key_before")) + " " + html.inline("span", e.before, lang=zh)
        atts = "; ".join(escape_text(ctx.t("apparatus_key_attested", garbled=a.garbled, legible=a.legible)) + " "
                         + html.inline("span", a.words, lang=zh) for a in e.attested)
        rows.append(f"| {codes} | {reading} | {atts} |")
    head = [escape_text(ctx.t(k)) for k in ("apparatus_key_codes", "apparatus_key_reading", "apparatus_key_lines")]
    parts.append(f"| {head[0]} | {head[1]} | {head[2]} |\n| --- | --- | --- |\n" + "\n".join(rows))
    if decoded is not None:
        parts.append(escape_text(ctx.t("apparatus_key_counts", chars=decoded.characters,
                                       lines=len(decoded.lines_legible))))
    return "\n\n".join(parts) + "\n"
