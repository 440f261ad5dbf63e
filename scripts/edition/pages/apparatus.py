"""The apparatus: every emendation, with place, source reading, adopted reading and reason.

Each entry has the emendation's id as anchor (the reading text's marker links
here) and links back to the paragraph it corrects, so a reader can go both ways.
"""

from __future__ import annotations

from ..emendations import Emendation
from ..model import HTML_LANG, Document
from ..writer import html
from ..writer.escape import escape_text
from ..writer.markdown import Context, attr_list, inlines_md, link

#: Which page shows each source, by registry id (report pages register themselves).
SOURCE_PAGES: dict[str, str] = {"res-zh": "resolution", "res-ru": "resolution", "res-en": "resolution"}


def locate(e: Emendation, docs: dict[str, Document]) -> str | None:
    """The anchor of the block that holds the emendation (None if it is not in an anchored block)."""
    doc = docs[e.source]
    from ..model import walk
    best = None
    for block in walk(doc.blocks + doc.footnotes):
        anchor = getattr(block, "anchor", None)
        lines = getattr(block, "lines", ())
        if anchor and e.line in lines:
            best = anchor
    return best


def apparatus_page(emendations: list[Emendation], docs: dict[str, Document], ctx: Context,
                   page_of=lambda source, anchor: SOURCE_PAGES.get(source)) -> str:
    parts = [f"# {escape_text(ctx.t('apparatus_title'))}", escape_text(ctx.t("apparatus_intro"))]
    for e in emendations:
        anchor = locate(e, docs)
        page = page_of(e.source, anchor)
        place = escape_text(ctx.t(f"source_{e.source}")) + ", " + escape_text(ctx.t("apparatus_line", line=e.line))
        if page and anchor:
            place += " · " + link(escape_text(anchor), ctx.href(page, anchor), "apparatus-target")
        # The readings are quotations in the source's language, not the page's (a11y: right voice and font).
        lang = HTML_LANG.get(docs[e.source].lang)
        original = html.open_inline("span", lang=lang) + escape_text(e.original) + "</span>"
        corrected = html.open_inline("span", lang=lang) + inlines_md(e.corrected_inlines(), ctx) + "</span>"
        rows = [
            (ctx.t("apparatus_place"), place),
            (ctx.t("apparatus_original"), original),
            (ctx.t("apparatus_corrected"), corrected),
            (ctx.t("apparatus_reason"), escape_text(e.reason[ctx.lang])),
        ]
        body = "\n\n".join(f"{escape_text(k)}\n:   {v}" for k, v in rows)  # blank lines: one flat <dl>
        parts.append(f"## {escape_text(e.id)} " + attr_list("apparatus-entry", id=e.id) + "\n\n" + body)
    return "\n\n".join(parts) + "\n"


def decipherment_section(key, decoded, ctx: Context) -> str:
    """The decipherment key of the report (see :mod:`edition.decipherment`): each entry with its
    code points, reading, context and the lines that attest it; then what the key decoded."""
    if not key:
        return ""
    zh = HTML_LANG["zh"]
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
