"""The apparatus: every emendation, with place, source reading, adopted reading and reason.

Each entry has the emendation's id as anchor (the reading text's marker links
here) and links back to the paragraph it corrects, so a reader can go both ways.
"""

from __future__ import annotations

from ..emendations import Emendation
from ..model import Document
from ..writer import html
from ..writer.escape import escape_line, escape_text, guard_line_start
from ..writer.markdown import Context, attr_list, front_matter, inlines_md, link

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
                   page_of, witness_label) -> str:
    """``page_of(source, anchor)``: the page key showing the anchor; ``witness_label(source, lang)``: a
    witness named for readers."""
    # an explicit title: without one MkDocs takes the heading's text, and Material writes it
    # into <title> through striptags, which decodes it (a title '</title><script>' would run)
    parts = [front_matter(title=ctx.t("apparatus_title")), f"# {escape_line(ctx.t('apparatus_title'))}",
             escape_line(ctx.t("apparatus_intro"))]
    for e in emendations:
        anchor = locate(e, docs)
        page = page_of(e.source, anchor)
        place = escape_text(witness_label(e.source, ctx.lang)) + ", " + escape_text(ctx.t("apparatus_line", line=e.line))
        if page and anchor:
            place += " · " + link(escape_text(anchor), ctx.href(page, anchor), "apparatus-target")
        # The readings are quotations in the source's language, not the page's (a11y: right voice and font).
        lang = ctx.tag(docs[e.source].lang)
        original = html.open_inline("span", lang=lang) + escape_text(e.original) + "</span>"
        corrected = html.open_inline("span", lang=lang) + inlines_md(e.corrected_inlines(), ctx) + "</span>"
        rows = [
            (ctx.t("apparatus_place"), place),
            (ctx.t("apparatus_original"), original),
            (ctx.t("apparatus_corrected"), corrected),
            (ctx.t("apparatus_reason"), escape_text(e.reason[ctx.lang])),
        ]
        body = "\n\n".join(f"{escape_line(k)}\n:   {guard_line_start(v)}" for k, v in rows)  # blank lines: one flat <dl>
        parts.append(f"## {escape_line(e.id)} " + attr_list("apparatus-entry", id=e.id) + "\n\n" + body)
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
