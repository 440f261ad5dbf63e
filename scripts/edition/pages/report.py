"""The report's pages: front matter and executive summary, one page per chapter, the annexes,
and a contents list of recommendations and boxes.

The text is Chinese in every language tree; in the Russian and English trees the
interface is in that language, the text carries ``lang="zh-Hans"``, and a note
says that this edition has the Chinese text only. Anchors are those of the
parser (``es1``, ``p140``, ``rec4-c-ii``, ``box9``, ``fig-a``, ``annex-e``...).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import DataError
from ..model import Container, Document, Footnote, Heading, Illegible, ListItem, NoteRef, Paragraph, Table, plain_text, walk, walk_inlines
from ..parsers.report import LOST_FIGURE, SURVEY_CHART
from ..parsers.text import is_han
from ..writer import html
from ..writer.escape import escape_line, escape_text
from ..writer.markdown import (
    Context,
    attr_list,
    container_md,
    footnote_md,
    front_matter,
    guard_line_start,
    heading_md,
    inlines_md,
    link,
    list_item_md,
    paragraph_md,
)

CHAPTERS = (1, 2, 3, 4, 5)

#: Page key -> path under a language folder. Keys match :func:`edition.parsers.report.page_key`.
PAGES: dict[str, str] = {
    "report": "report/index.md",
    **{f"report-ch{n}": f"report/chapter-{n}.md" for n in CHAPTERS},
    "report-annexes": "report/annexes.md",
    "report-contents": "report/contents.md",
}

#: Heading levels of the model shifted per page: the page's top heading becomes the H1's child.
_OFFSET = {"report": 1, "report-annexes": 0}


def split_pages(doc: Document) -> dict[str, list]:
    """The blocks of each page, in order (front and summary; chapters 1–5; annexes)."""
    out: dict[str, list] = {key: [] for key in PAGES if key != "report-contents"}
    key = "report"
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == 2 and block.anchor and block.anchor.startswith("ch"):
            key = f"report-ch{block.label}"
        elif isinstance(block, Heading) and block.anchor == "annexes":
            key = "report-annexes"
        out[key].append(block)
    return out


def notes_by_page(doc: Document, pages: dict[str, list]) -> dict[str, list[Footnote]]:
    """Each footnote goes on the page that calls it (so its link is on the same page)."""
    called: dict[str, str] = {}
    for key, blocks in pages.items():
        for b in walk(tuple(blocks)):
            for node in _inlines(b):
                if isinstance(node, NoteRef):
                    called.setdefault(node.note, key)
    out: dict[str, list[Footnote]] = {key: [] for key in pages}
    for fn in doc.footnotes:
        key = called.get(fn.anchor) or _page_of_line(fn.lines[0], pages)
        out[key].append(fn)
    return out


def _page_of_line(line: int, pages: dict[str, list]) -> str:
    best = "report"
    for key, blocks in pages.items():
        if blocks and blocks[0].lines and blocks[0].lines[0] <= line:
            if not pages[best] or pages[best][0].lines[0] <= blocks[0].lines[0]:
                best = key
    return best


def _inlines(block):
    """Every inline of a block's own text (and of a container's title)."""
    own = tuple(getattr(block, "inlines", ()) or ())
    return walk_inlines(own + (block.title if isinstance(block, Container) else ()))


def page_anchors(doc: Document) -> dict[str, list[str]]:
    """Anchors published on each report page (for the lock)."""
    pages = split_pages(doc)
    notes = notes_by_page(doc, pages)
    out: dict[str, list[str]] = {}
    for key, blocks in pages.items():
        anchors = [b.anchor for b in walk(tuple(blocks)) if getattr(b, "anchor", None)]
        anchors += [fn.anchor for fn in notes[key]]
        out[PAGES[key]] = anchors
    return out


def cite(block, ctx: Context) -> str | None:
    """The report's own citation form: by paragraph, executive-summary paragraph, recommendation or box."""
    anchor = getattr(block, "anchor", None) or ""
    if isinstance(block, Paragraph) and anchor.startswith("es") and anchor[2:].isdigit():
        return ctx.cite("summary", n=anchor[2:])
    if isinstance(block, Paragraph) and anchor.startswith("p") and anchor[1:].isdigit():
        return ctx.cite("paragraph", n=anchor[1:])
    if isinstance(block, Container) and block.kind == "recommendation" and anchor:
        from ..concordance import rec_label

        return ctx.cite("recommendation", label=rec_label(anchor, ctx))
    if isinstance(block, Container) and block.kind == "box" and anchor.startswith("box"):
        return ctx.cite("box", n=anchor[3:])
    return None


def what(p: Paragraph, ctx: Context) -> str:
    n = p.label or ""
    return ctx.t("report_summary_para" if p.role == "summary" else "report_para", n=n)


@dataclass(frozen=True)
class IllegiblePassage:
    """Consecutive source lines whose glyphs are garbled, shown as one marked passage.

    Their legible fragments (a digit here, a character there, from chart labels) mean
    nothing on their own; the ledger still records every line as illegible."""

    lines: tuple[int, ...]
    #: the opening of the text the passage follows (a chart headline), so that a reader can
    #: find the place in the printed report; source line numbers do not
    after: str = ""
    #: the part of the page the passage stands in, as its heading names it ("附件E"), and the
    #: heading's anchor (the note links to it)
    where: str = ""
    where_anchor: str | None = None


#: How many characters of the preceding text name a passage's place.
PLACE_CHARS = 18


def place_after(block) -> str:
    """The opening of ``block``'s text, cut at PLACE_CHARS with an ellipsis."""
    from ..writer.markdown import UNREAD_GLYPH

    inlines = getattr(block, "inlines", ()) or getattr(block, "title", ())
    # as the reader sees it: each unread glyph marked, not dropped
    text = "".join(UNREAD_GLYPH * len(n.source) if isinstance(n, Illegible) else plain_text((n,), note_labels=False)
                   for n in inlines).strip()
    return text if len(text) <= PLACE_CHARS else text[:PLACE_CHARS] + "…"


def garbled(block) -> bool:
    """A garbled source line that still holds illegible glyphs (an emendation that repairs
    every one of them makes the line read again)."""
    return (isinstance(block, Paragraph) and block.role == "illegible"
            and any(isinstance(n, Illegible) for n in walk_inlines(block.inlines)))


def heading_place(block: Heading) -> str:
    """How a note names the part a heading opens: its text up to the colon ("附件E：全球风险脉动调查的
    答复" is "附件E"), cut at PLACE_CHARS."""
    text = plain_text(block.inlines, note_labels=False).strip()
    text = text.split("：", 1)[0].split(": ", 1)[0].strip()
    return text if len(text) <= PLACE_CHARS else text[:PLACE_CHARS] + "…"


def illegible_passages(blocks: list) -> list:
    """Replace each run of garbled-line paragraphs by one :class:`IllegiblePassage`, placed by the
    heading it stands under and the text it follows."""
    out: list = []
    where, where_anchor = "", None
    for block in blocks:
        if isinstance(block, Heading) and block.anchor:
            where, where_anchor = heading_place(block), block.anchor
        if garbled(block) and not block.anchor:
            if out and isinstance(out[-1], IllegiblePassage):
                out[-1] = replace(out[-1], lines=out[-1].lines + block.lines)
            else:
                # right under its heading, the heading names the place on its own
                after = place_after(out[-1]) if out and not isinstance(out[-1], Heading) else ""
                out.append(IllegiblePassage(block.lines, after, where, where_anchor))
        else:
            out.append(block)
    return out


def _place_md(template: str, values: dict[str, str], ctx: Context, key: str, anchor: str | None) -> str:
    """An interface sentence whose ``{where}`` and ``{after}`` quote the Chinese text: each quotation in
    its own language, ``{where}`` a link to the heading it names."""
    import re

    lang = ctx.tag(ctx.text_lang or ctx.lang)
    out = []
    for k, piece in enumerate(re.split(r"\{(where|after)\}", template)):
        if k % 2 == 0:
            out.append(escape_text(piece))
        elif piece == "where" and anchor:
            out.append(link(escape_text(values[piece]), ctx.href(key, anchor), lang=lang))
        else:
            out.append(html.inline("span", values[piece], lang=lang))
    return "".join(out)


@dataclass(frozen=True)
class FigureLabels:
    """The legible labels of a chart that is not reproduced (the parser's ``figure-label``
    paragraphs), shown under the figure's title and note as one list."""

    labels: tuple[Paragraph, ...]


def note_language(note: Footnote) -> str | None:
    """``en`` for a note the Chinese report prints in English (box 11, note b), so that
    it is read and hyphenated as English; None for the notes in Chinese. Source titles
    quoted in Latin script inside a Chinese note leave it Chinese: any Han character does."""
    text = plain_text(note.inlines)
    if any(is_han(ch) for ch in text):  # a Han character: a Chinese note
        return None
    return "en" if sum(ch.isascii() and ch.isalpha() for ch in text) >= 20 else None


def heading_level(block: Heading, key: str) -> int:
    """The HTML level of a model heading on the page ``key`` (never above H1)."""
    return max(1, block.level + _OFFSET.get(key, -1))


def render_block(block, ctx: Context, key: str, container_level: int = 4) -> str:
    """One block; a box, recommendation or figure title is ``container_level`` (one below the
    heading it stands under, so heading levels never skip)."""
    if isinstance(block, Heading):
        return heading_md(replace(block, level=heading_level(block, key)), ctx)
    if isinstance(block, FigureLabels):
        items = "\n".join("- " + guard_line_start(inlines_md(p.inlines, ctx)) for p in block.labels)
        return html.open_block("div", class_="figure-labels") + "\n\n" + items + "\n\n" + html.close_block("div")
    if isinstance(block, IllegiblePassage):
        # where it stands in a reader's terms: the heading it is under (a link) and the text it
        # follows, both quotations of the Chinese text; how many lines, never which source lines
        key_ = "report_illegible_passage" if len(block.lines) > 1 else "report_illegible_line"
        note = escape_text(ctx.t(key_, n=len(block.lines)))
        place = ("report_illegible_where_after" if block.where and block.after else "report_illegible_where"
                 if block.where else "report_illegible_after" if block.after else None)
        if place:
            template = ctx.t(place, where="{where}", after="{after}").strip()
            note = (_place_md(template, {"where": block.where, "after": block.after}, ctx, key, block.where_anchor)
                    + ("" if ctx.lang == ctx.text_lang else " ") + note)
        return (html.inline("span", "⟨…⟩", class_="illegible", aria_hidden="true") + " " + note + "\n"
                + attr_list("illegible-passage", lang=ctx.ui_lang()))
    if isinstance(block, Paragraph):
        classes = ("illegible-line",) if garbled(block) else ("partly-legible",) if block.role == "partial" else ()
        return paragraph_md(block, ctx, anchor=block.anchor, what=what(block, ctx), classes=classes,
                            cite=cite(block, ctx))
    if isinstance(block, Footnote):
        lang = note_language(block)
        if lang:  # the back link's label is in the interface language, not the note's
            ctx = replace(ctx, text_lang=lang)
        if ctx.note_id(block.anchor) not in ctx.seen_refs:
            # a note whose call the source does not print: no back link to a call that is not there
            return (html.inline("span", block.label, class_="fn-label") + " " + inlines_md(block.inlines, ctx) + "\n"
                    + attr_list("footnote", id=block.anchor, lang=ctx.tag(lang) if lang else None))
        return footnote_md(block, ctx, lang=lang)
    if isinstance(block, ListItem):
        return list_item_md(block, ctx, lambda b: render_block(b, ctx, key, container_level))
    if isinstance(block, Table):
        return _table_md(block, ctx)
    if isinstance(block, Container):
        if block.kind == "figure" and block.note == SURVEY_CHART:
            block = survey_chart(block, ctx)
        elif block.kind == "figure":
            lost = block.note == LOST_FIGURE
            labels = tuple(b for b in block.blocks if isinstance(b, Paragraph))
            key_ = "report_figure_lost" if lost else "report_figure_labels_note" if labels else "report_figure_note"
            block = replace(block, note=ctx.t(key_), blocks=(FigureLabels(labels),) if labels else block.blocks)
        inner = min(6, container_level + 1)
        return container_md(block, ctx, lambda b: render_block(b, ctx, key, inner), heading_level=container_level,
                            cite=cite(block, ctx))
    raise TypeError(f"no Markdown for {type(block).__name__}")


def survey_chart(block: Container, ctx: Context) -> Container:
    """A chart of the survey annexes as the reader sees it: an editorial title (the annex and
    the chart's place among its charts: "调查图表 E.3"; the slide's headline stands right
    above it), the note that its data is not reproduced, its legible labels as a list (each
    unread glyph marked), then one note for its garbled lines (how many, never which)."""
    labels = tuple(b for b in block.blocks if not garbled(b))
    unread = tuple(n for b in block.blocks if garbled(b) for n in b.lines)
    parts: tuple = ((FigureLabels(labels),) if labels else ()) + ((IllegiblePassage(unread),) if unread else ())
    return replace(block, label=ctx.t("report_survey_chart", n=block.label),
                   note=ctx.t("report_figure_labels_note" if labels else "report_survey_chart_note"), blocks=parts)


#: Where the report's interface strings live (named in errors about them).
_REPORT_UI = "sources/data/ui/report.yaml"


def _table_md(t: Table, ctx: Context) -> str:
    """A report table; one the source prints without a header row (annex A's member list,
    annex G's glossary) gets the column names of the UI strings ``report_columns_<anchor>``."""
    from ..writer.markdown import table_md

    if t.header:
        return table_md(t, ctx)
    key = "report_columns_" + (t.anchor or "").removesuffix("-table").replace("-", "_")
    if key not in ctx.ui.strings:
        raise DataError(_REPORT_UI, None, f"table '{t.anchor}' has no header row in the source: "
                        f"expected its column names as interface string '{key}' (names separated by ' | ')")
    names = tuple(n.strip() for n in ctx.t(key).split(" | "))
    width = max((len(r) for r in t.rows), default=1)
    if len(names) != width:
        raise DataError(_REPORT_UI, None, f"interface string '{key}': {len(names)} column name(s) "
                        f"for a table of {width} column(s)")
    return table_md(t, ctx, supplied_header=names)


def _title(key: str, blocks: list, ctx: Context) -> str:
    if key == "report":
        return ctx.t("report_nav_front")
    if key == "report-annexes":
        return ctx.t("report_nav_annexes")
    n = key.removeprefix("report-ch")
    return ctx.t("report_nav_chapter", n=n)


def _zh_only(doc: Document, ctx: Context) -> str:
    """The note that the work is in one language only, on the pages of the other trees."""
    if ctx.lang == doc.lang:
        return ""
    return escape_line(ctx.t("report_zh_only")) + "\n" + attr_list("report-zh-only", "admonition", "note")


def page_md(doc: Document, key: str, blocks: list, notes: list[Footnote], ctx: Context) -> str:
    """One report page: front matter, the note on the language, the text (in Chinese), its notes."""
    parts = [front_matter(title=_title(key, blocks, ctx))]
    body: list[str] = []
    if key == "report":
        parts.append(f"# {escape_line(ctx.t('report_title'))}")
    zh_only = _zh_only(doc, ctx)
    if zh_only:
        parts.append(zh_only)
    current = 1  # the page's H1
    # the text is Chinese in every tree: interface labels inside it (link marks, notes)
    # then say their own language
    ctx = replace(ctx, text_lang=doc.lang)
    for block in illegible_passages(blocks):
        if isinstance(block, Heading):
            current = heading_level(block, key)
        body.append(render_block(block, ctx, key, container_level=min(6, current + 1)))
    if notes:
        body.append(f"## {escape_line(ctx.t('report_notes_heading'))} " + attr_list("notes-heading",
                                                                                     id=f"notes-{key}"))
        body += [render_block(fn, ctx, key) for fn in notes]
    text = "\n\n".join(body)
    if ctx.lang != doc.lang:
        # the text is Chinese in every tree: say so once, around it
        text = html.open_block("div", class_="report-text", lang=ctx.tag(doc.lang)) + "\n\n" + text + "\n\n" + \
            html.close_block("div")
    parts.append(text)
    return "\n\n".join(p for p in parts if p) + "\n"


def contents_md(doc: Document, ctx: Context, anchor_page: dict[str, str]) -> str:
    """A contents list of the recommendations (summary and body) and the boxes, with links."""
    parts = [front_matter(title=ctx.t("report_nav_contents")), f"# {escape_line(ctx.t('report_nav_contents'))}"]
    zh_only = _zh_only(doc, ctx)
    if zh_only:
        parts.append(zh_only)
    containers = [b for b in walk(doc.blocks) if isinstance(b, Container)]
    zh = {"lang": ctx.tag(doc.lang)} if ctx.lang != doc.lang else {}

    def entry(c: Container, label: str) -> str:
        title = inlines_md(c.title, replace(ctx, seen_refs=set())) or escape_text(label)
        return "- " + link(escape_text(label), ctx.href(anchor_page[c.anchor], c.anchor)) + " " + (
            html.open_inline("span", **zh) + title + "</span>" if zh else title)

    groups = (
        ("report_contents_es_recs", [c for c in containers if c.kind == "recommendation" and c.anchor.startswith("es-")]),
        ("report_contents_recs", [c for c in containers if c.kind == "recommendation" and not c.anchor.startswith("es-")]),
        ("report_contents_boxes", [c for c in containers if c.kind == "box"]),
    )
    for key, items in groups:
        parts.append(f"## {escape_line(ctx.t(key))}")
        lines = []
        for c in items:
            label = c.label
            lines.append(entry(c, label or c.anchor))
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def report_pages(doc: Document, context) -> dict[str, str]:
    """All report pages for one interface language; ``context(key)`` gives the page's Context."""
    pages = split_pages(doc)
    notes = notes_by_page(doc, pages)
    anchor_page = {a: key for key, blocks in pages.items() for b in walk(tuple(blocks))
                   if (a := getattr(b, "anchor", None))}
    out = {PAGES[key]: page_md(doc, key, blocks, notes[key], context(key)) for key, blocks in pages.items()}
    out[PAGES["report-contents"]] = contents_md(doc, context("report-contents"), anchor_page)
    return out


def ledger_report(doc: Document) -> str:
    """The fidelity ledger's counts per class, printed by the build ("make site")."""
    from collections import Counter

    counts = Counter(e.cls for e in doc.ledger)
    order = ("text", "heading", "footnote", "caption", "table", "furniture", "residue", "illegible", "blank")
    return f"{doc.source} ledger ({len(doc.ledger)} lines): " + ", ".join(f"{c} {counts.get(c, 0)}" for c in order)
