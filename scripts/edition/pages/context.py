"""The context page: the two Xinhua pieces on the adoption, Chinese text, web furniture removed."""

from __future__ import annotations

from ..model import Container, Document, Heading, Paragraph
from ..writer import html
from ..writer.escape import escape_line
from ..writer.markdown import Context, attr_list, container_md, front_matter, heading_md, inlines_md, paragraph_md


def context_page(doc: Document, work, ctx: Context) -> str:
    """The news pieces of ``work`` (its navigation label is the page title)."""
    parts = [front_matter(title=work.nav[ctx.lang]), f"# {escape_line(ctx.t('context_title'))}",
             escape_line(ctx.t("context_intro")) + "\n" + attr_list("context-intro")]
    body: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(heading_md(block, ctx))
        elif isinstance(block, Paragraph) and block.role == "news-meta":
            body.append(inlines_md(block.inlines, ctx) + "\n" + attr_list("news-meta", id=block.anchor))
        elif isinstance(block, Paragraph):
            body.append(paragraph_md(block, ctx, anchor=block.anchor, what=block.anchor or ""))
        elif isinstance(block, Container):
            body.append(container_md(Container(block.kind, block.anchor, ctx.t("context_photo"), (), (
                Paragraph(None, None, block.title, block.lines, "caption"),), block.lines), ctx,
                lambda b: paragraph_md(b, ctx, anchor=None, what=""), heading_level=3))
    text = "\n\n".join(body)
    if ctx.lang != doc.lang:
        parts.append(escape_line(ctx.t("context_zh_only")) + "\n" + attr_list("report-zh-only", "admonition", "note"))
        text = html.open_block("div", class_="news-text", lang=ctx.tag(doc.lang)) + "\n\n" + text + "\n\n" + \
            html.close_block("div")
    parts.append(text)
    return "\n\n".join(parts) + "\n"


def context_anchors(doc: Document) -> list[str]:
    return [b.anchor for b in doc.blocks if getattr(b, "anchor", None)]
