"""The concordance page: recommendations against resolution paragraphs, each cell a link to both."""

from __future__ import annotations

import re

from ..concordance import WHOLE_REPORT, Link, para_label, rec_label
from ..writer.escape import escape_line, escape_text
from ..writer.markdown import Context, attr_list, front_matter, link


def _para_key(anchor: str) -> tuple[int, int]:
    m = re.match(r"^(pp|op)(\d+)$", anchor)
    return (0 if m.group(1) == "pp" else 1, int(m.group(2)))


def concordance_page(links: list[Link], ctx: Context, page_of, titles: dict[str, str]) -> str:
    paras = sorted({l.paragraph for l in links}, key=_para_key)
    recs = [f"rec{n}" for n in range(1, 8)] + [WHOLE_REPORT]
    parts = [front_matter(title=ctx.t("nav_concordance"), hide=["navigation", "toc"]), f"# {escape_line(ctx.t('concordance_title'))}",
             escape_line(ctx.t("concordance_intro"))]

    def rec_link(anchor: str) -> str:
        label = escape_text(rec_label(anchor, ctx))
        if anchor == WHOLE_REPORT:
            return link(label, ctx.href("report"))
        return link(label, ctx.href(page_of(anchor), anchor))

    header = "| " + escape_text(ctx.t("concordance_rec_column")) + " | " + " | ".join(
        link(escape_text(para_label(p, ctx)), ctx.href("resolution", p)) for p in paras) + " |"
    lines = [header, "|" + "|".join("---" for _ in range(len(paras) + 1)) + "|"]
    for rec in recs:
        row = [rec_link(rec)]
        for p in paras:
            cell = [l for l in links if l.paragraph == p and (l.recommendation == rec or l.recommendation.startswith(rec + "-"))]
            row.append(" ".join(
                link(escape_text("●" if l.kind == "answers" else "◐" if l.kind == "implements" else "○"),
                     ctx.href("resolution", p), "concordance-cell",
                     title=f"{rec_label(l.recommendation, ctx)} → {para_label(p, ctx)}: {ctx.t('kind_' + l.kind)}. "
                           f"{l.rationale[ctx.lang]}", aria_label=f"{rec_label(l.recommendation, ctx)}, "
                                                                  f"{para_label(p, ctx)}: {ctx.t('kind_' + l.kind)}")
                for l in cell) or " ")
        lines.append("| " + " | ".join(row) + " |")
    parts.append("\n".join(lines))
    parts.append(escape_text(f"● {ctx.t('kind_answers')} · ◐ {ctx.t('kind_implements')} · ○ {ctx.t('kind_relates')}")
                 + "\n" + attr_list("concordance-legend"))
    parts.append(f"## {escape_line(ctx.t('concordance_list'))} " + attr_list(id="links"))
    items = []
    for l in sorted(links, key=lambda l: (l.number or 0, _para_key(l.paragraph))):
        items.append("- " + rec_link(l.recommendation) + " → " + link(escape_text(para_label(l.paragraph, ctx)),
                     ctx.href("resolution", l.paragraph)) + f" — *{escape_text(ctx.t('kind_' + l.kind))}*: "
                     + escape_text(l.rationale[ctx.lang]))
    parts.append("\n".join(items))
    return "\n\n".join(parts) + "\n"
