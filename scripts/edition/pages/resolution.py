"""The resolution's pages: one edition page per language and the parallel page.

Both pages carry the same language-independent anchors (``header``, ``pp1``..
``pp15``, ``op1``..``op15``, ``closing``), so a link to ``#op5`` works on either
page and in every language: that is the anchor contract (see ``anchors.lock``).
"""

from __future__ import annotations

from ..errors import SourceError
from ..model import HTML_LANG, LANGS, Document, HeaderBlock, Paragraph
from ..writer import html
from ..writer.escape import escape_line, guard_line_start
from ..writer.markdown import Context, attr_list, footnote_md, front_matter, inlines_md, paragraph_md


def what(p: Paragraph, ctx: Context) -> str:
    """How the interface names a paragraph ("operative paragraph 5")."""
    n = _number(p.anchor)
    return ctx.t("para_operative" if p.role == "operative" else "para_preamble", n=n)


def cite(p: Paragraph, ctx: Context) -> str:
    return ctx.t("cite_operative" if p.role == "operative" else "cite_preamble", n=_number(p.anchor))


def _number(anchor: str | None) -> str:
    return "".join(ch for ch in (anchor or "") if ch.isdigit())


def header_fields_md(block: HeaderBlock, ctx: Context, skip: tuple[str, ...] = ()) -> list[str]:
    out = []
    for f in block.fields:
        if f.name in skip:
            continue
        out.append(guard_line_start(inlines_md(f.inlines, ctx)) + "\n" + attr_list("head-field", f"head-{f.name}"))
    return out


def edition_page(doc: Document, ctx: Context) -> str:
    """The resolution in one language, as the UN prints it, with anchors and notes."""
    header = next(b for b in doc.blocks if isinstance(b, HeaderBlock) and b.anchor == "header")
    title = header.get("title")
    lang_name = ctx.t(f"edition_lang_{doc.lang}")
    parts = [
        front_matter(title=ctx.t(f"nav_edition_{doc.lang}"), search={"boost": 2}),
        f"# {guard_line_start(inlines_md(title.inlines, ctx))}",
        escape_line(ctx.t("edition_meta", symbol=ctx.t("res_symbol"), language=lang_name)) + "\n" + attr_list("edition-meta"),
        html.open_block("div", id="header", class_="res-head", lang=HTML_LANG[doc.lang]),
        *header_fields_md(header, ctx, skip=("title",)),
        html.close_block("div"),
        ctx.annotate("header", ctx),
    ]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            parts.append(paragraph_md(block, ctx, anchor=block.anchor, what=what(block, ctx), cite=cite(block, ctx),
                                      lang=doc.lang if doc.lang != ctx.lang else None))
        elif isinstance(block, HeaderBlock) and block.anchor == "closing":
            parts += [html.open_block("div", id="closing", class_="res-closing", lang=HTML_LANG[doc.lang]),
                      *header_fields_md(block, ctx), html.close_block("div")]
    if doc.footnotes:
        parts.append(f"## {escape_line(ctx.t('notes_heading'))} " + attr_list("notes-heading", id="notes"))
        parts += [footnote_md(fn, ctx, lang=doc.lang if doc.lang != ctx.lang else None) for fn in doc.footnotes]
    return "\n\n".join(p for p in parts if p) + "\n"


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


def parallel_page(docs: dict[str, Document], ctx: Context) -> str:
    """All languages side by side, one row per paragraph, one column per language (zh, ru, en)."""
    langs = [lang for lang in LANGS if lang in docs]
    parts = [
        front_matter(title=ctx.t("nav_parallel"), hide=["navigation", "toc"], search={"exclude": True}),
        f"# {escape_line(ctx.t('parallel_title'))}",
        escape_line(ctx.t("parallel_intro")) + "\n" + attr_list("parallel-intro"),
        _toolbar(langs, ctx),
        html.open_block("div", class_="parallel", data_langs=" ".join(langs)),
        html.open_block("div", class_="par-row par-head", aria_hidden="true"),
        *[html.inline("div", ctx.t(f"lang_{lang}"), class_="par-cell", data_lang=lang) for lang in langs],
        html.close_block("div"),
    ]
    for anchor in rows(docs):
        parts.append(html.open_block("div", id=anchor, class_="par-row"))
        for lang in langs:
            doc = docs[lang]
            cell = Context(lang=ctx.lang, page=ctx.page, ui=ctx.ui, note_suffix=f"-{lang}",
                           doc_title=ctx.doc_title, seen_refs=ctx.seen_refs, text_lang=lang)
            block = next(b for b in doc.blocks if getattr(b, "anchor", None) == anchor)
            parts.append(html.open_block("div", class_="par-cell", lang=HTML_LANG[lang], data_lang=lang,
                                         data_lang_name=ctx.t(f"lang_{lang}")))
            parts.append(_cell_label(lang, ctx))
            if isinstance(block, HeaderBlock):
                parts += header_fields_md(block, cell)
            else:
                parts.append(paragraph_md(block, cell, anchor=None, what=what(block, cell), cite=cite(block, cell)))
            parts.append(html.close_block("div"))
        parts.append(html.close_block("div"))
        notes = ctx.annotate(anchor, ctx)
        if notes:
            parts.append(html.open_block("div", class_="par-notes-row") + "\n\n" + notes + "\n\n" + html.close_block("div"))
    if any(docs[lang].footnotes for lang in langs):
        parts.append(html.open_block("div", id="notes", class_="par-row par-notes"))
        for lang in langs:
            cell = Context(lang=ctx.lang, page=ctx.page, ui=ctx.ui, note_suffix=f"-{lang}", seen_refs=ctx.seen_refs,
                           text_lang=lang)
            parts.append(html.open_block("div", class_="par-cell", lang=HTML_LANG[lang], data_lang=lang,
                                         data_lang_name=ctx.t(f"lang_{lang}")))
            parts.append(_cell_label(lang, ctx))
            parts += [footnote_md(fn, cell) for fn in docs[lang].footnotes]
            parts.append(html.close_block("div"))
        parts.append(html.close_block("div"))
    parts.append(html.close_block("div"))
    return "\n\n".join(parts) + "\n"


def _cell_label(lang: str, ctx: Context) -> str:
    """The language of a cell, in the interface language (and marked as such).

    The column heads are hidden from screen readers (they would be read once, far
    from the text), so each cell names its language: shown above the cell when
    rows are stacked on a phone, visually hidden but read aloud on wider screens.
    The label carries the interface ``lang`` so it is not read in the voice of
    the cell's language.
    """
    return html.inline("div", ctx.t(f"lang_{lang}"), class_="par-label", lang=HTML_LANG[ctx.lang])


def _toolbar(langs: list[str], ctx: Context) -> str:
    """Column toggles, and the "one language" switch (one column at a time, for phones)."""
    buttons = "".join(
        html.inline("button", ctx.t(f"lang_{lang}"), type="button", class_="par-toggle", data_lang=lang,
                    aria_pressed="true")
        for lang in langs
    )
    buttons += html.inline("button", ctx.t("columns_one"), type="button", class_="par-mode", aria_pressed="false",
                           title=ctx.t("columns_one_hint"))
    return f'<div class="par-toolbar" role="group"{html.attrs({"aria_label": ctx.t("columns_label")})}>{buttons}</div>'
