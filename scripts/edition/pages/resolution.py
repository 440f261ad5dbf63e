"""The resolution's pages: one edition page per language and the parallel page.

Both pages carry the same language-independent anchors (``header``, ``pp1``..
``pp15``, ``op1``..``op15``, ``closing``), so a link to ``#op5`` works on either
page and in every language: that is the anchor contract (see ``anchors.lock``).
"""

from __future__ import annotations

from dataclasses import replace

from ..alignment import rows
from ..model import Document, HeaderBlock, Paragraph
from ..works import Work
from ..writer import html
from ..writer.escape import escape_line, guard_line_start
from ..writer.markdown import Context, attr_list, footnote_md, front_matter, inlines_md, paragraph_md


def what(p: Paragraph, ctx: Context) -> str:
    """How the interface names a paragraph ("operative paragraph 5")."""
    n = _number(p.anchor)
    return ctx.t("para_operative" if p.role == "operative" else "para_preamble", n=n)


def cite(p: Paragraph, work: Work, ctx: Context) -> str:
    """How a reader cites the paragraph, in the work's own form ("A/RES/78/311, para. 5")."""
    return work.cite("operative" if p.role == "operative" else "preamble", ctx.lang, n=_number(p.anchor))


def language_name(lang: str, ctx: Context, *, capital: bool = False) -> str:
    """A witness language named in the interface language ("китайский", or "Китайский" as a label)."""
    name = ctx.languages.name(lang, ctx.lang)
    return name[:1].upper() + name[1:] if capital else name


def _number(anchor: str | None) -> str:
    return "".join(ch for ch in (anchor or "") if ch.isdigit())


def header_fields_md(block: HeaderBlock, ctx: Context, skip: tuple[str, ...] = ()) -> list[str]:
    out = []
    for f in block.fields:
        if f.name in skip:
            continue
        out.append(guard_line_start(inlines_md(f.inlines, ctx)) + "\n" + attr_list("head-field", f"head-{f.name}"))
    return out


def edition_page(doc: Document, work: Work, ctx: Context) -> str:
    """The resolution in one language, as the UN prints it, with anchors and notes."""
    header = next(b for b in doc.blocks if isinstance(b, HeaderBlock) and b.anchor == "header")
    title = header.get("title")
    lang_name = language_name(doc.lang, ctx, capital=True)
    parts = [
        front_matter(title=ctx.t("nav_edition", language=lang_name), search={"boost": 2}),
        f"# {guard_line_start(inlines_md(title.inlines, ctx))}",
        escape_line(ctx.t("edition_meta", symbol=work.symbol or "", date=ctx.date(work.date), language=lang_name)) + "\n" + attr_list("edition-meta"),
        html.open_block("div", id="header", class_="res-head", lang=ctx.tag(doc.lang)),
        *header_fields_md(header, ctx, skip=("title",)),
        html.close_block("div"),
        ctx.annotate("header", ctx),
    ]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            parts.append(paragraph_md(block, ctx, anchor=block.anchor, what=what(block, ctx), cite=cite(block, work, ctx),
                                      lang=doc.lang if doc.lang != ctx.lang else None))
        elif isinstance(block, HeaderBlock) and block.anchor == "closing":
            parts += [html.open_block("div", id="closing", class_="res-closing", lang=ctx.tag(doc.lang)),
                      *header_fields_md(block, ctx), html.close_block("div")]
    if doc.footnotes:
        parts.append(f"## {escape_line(ctx.t('notes_heading'))} " + attr_list("notes-heading", id="notes"))
        parts += [footnote_md(fn, ctx, lang=doc.lang if doc.lang != ctx.lang else None) for fn in doc.footnotes]
    return "\n\n".join(p for p in parts if p) + "\n"


def parallel_page(docs: dict[str, Document], work: Work, ctx: Context) -> str:
    """All witnesses side by side, one row per paragraph, one column per language (declared order)."""
    langs = ctx.languages.ordered(docs)
    parts = [
        front_matter(title=ctx.t("nav_parallel"), hide=["navigation", "toc"], search={"exclude": True}),
        f"# {escape_line(ctx.t('parallel_title', work=work.nav[ctx.lang], languages=ctx.names([language_name(x, ctx) for x in langs])))}",
        escape_line(ctx.t("parallel_intro")) + "\n" + attr_list("parallel-intro"),
        _toolbar(langs, ctx),
        html.open_block("div", class_="parallel", data_langs=" ".join(langs)),
        html.open_block("div", class_="par-row par-head", aria_hidden="true"),
        *[html.inline("div", language_name(lang, ctx), class_="par-cell", data_lang=lang) for lang in langs],
        html.close_block("div"),
    ]
    for anchor in rows(docs):
        parts.append(html.open_block("div", id=anchor, class_="par-row"))
        for lang in langs:
            doc = docs[lang]
            cell = replace(ctx, note_suffix=f"-{lang}", text_lang=lang, annotate=_no_notes)
            block = next(b for b in doc.blocks if getattr(b, "anchor", None) == anchor)
            parts.append(html.open_block("div", class_="par-cell", lang=ctx.tag(lang), data_lang=lang,
                                         data_lang_name=language_name(lang, ctx)))
            parts.append(_cell_label(lang, ctx))
            if isinstance(block, HeaderBlock):
                parts += header_fields_md(block, cell)
            else:
                parts.append(paragraph_md(block, cell, anchor=None, what=what(block, cell), cite=cite(block, work, cell)))
            parts.append(html.close_block("div"))
        parts.append(html.close_block("div"))
        notes = ctx.annotate(anchor, ctx)
        if notes:
            parts.append(html.open_block("div", class_="par-notes-row") + "\n\n" + notes + "\n\n" + html.close_block("div"))
    if any(docs[lang].footnotes for lang in langs):
        parts.append(html.open_block("div", id="notes", class_="par-row par-notes"))
        for lang in langs:
            cell = replace(ctx, note_suffix=f"-{lang}", text_lang=lang, annotate=_no_notes)
            parts.append(html.open_block("div", class_="par-cell", lang=ctx.tag(lang), data_lang=lang,
                                         data_lang_name=language_name(lang, ctx)))
            parts.append(_cell_label(lang, ctx))
            parts += [footnote_md(fn, cell) for fn in docs[lang].footnotes]
            parts.append(html.close_block("div"))
        parts.append(html.close_block("div"))
    parts.append(html.close_block("div"))
    return "\n\n".join(parts) + "\n"


def _no_notes(anchor: str, ctx: Context) -> str:
    """Cells carry no editorial notes: they follow the row, once."""
    return ""


def _cell_label(lang: str, ctx: Context) -> str:
    """The language of a cell, in the interface language (and marked as such).

    The column heads are hidden from screen readers (they would be read once, far
    from the text), so each cell names its language: shown above the cell when
    rows are stacked on a phone, visually hidden but read aloud on wider screens.
    The label carries the interface ``lang`` so it is not read in the voice of
    the cell's language.
    """
    return html.inline("div", language_name(lang, ctx), class_="par-label", lang=ctx.tag(ctx.lang))


def _toolbar(langs: list[str], ctx: Context) -> str:
    """Column toggles, and the "one language" switch (one column at a time, for phones)."""
    buttons = "".join(
        html.inline("button", language_name(lang, ctx), type="button", class_="par-toggle", data_lang=lang,
                    aria_pressed="true")
        for lang in langs
    )
    buttons += html.inline("button", ctx.t("columns_one"), type="button", class_="par-mode", aria_pressed="false",
                           title=ctx.t("columns_one_hint"))
    return f'<div class="par-toolbar" role="group"{html.attrs({"aria_label": ctx.t("columns_label")})}>{buttons}</div>'
