"""The concordance: links from the report's recommendations to resolution paragraphs, both ways.

Loaded from ``sources/data/concordance.yaml`` and checked against the anchors the
parsers actually produce, so a link can never point at nothing. A link to a body
recommendation (``rec4-c``) also holds for its executive-summary twin
(``es-rec4-c``), which carries the same text.

Display follows one convention everywhere (the edition note): a small labelled
block after the paragraph or recommendation, never inside its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .datafile import read_data
from .errors import DataError, DataErrors
from .schemas import LINK_KINDS, ConcordanceFile
from .writer import html
from .writer.escape import escape_text
from .writer.markdown import Context, attr_list, link

KINDS = LINK_KINDS
WHOLE_REPORT = "report"
_REC = re.compile(r"^rec(?P<n>[1-7])(?:-(?P<item>[a-z])(?:-(?P<sub>[ivx]+))?)?$")
_PARA = re.compile(r"^(?P<kind>pp|op)(?P<n>\d+)$")


@dataclass(frozen=True)
class Link:
    recommendation: str
    paragraph: str
    kind: str
    rationale: dict[str, str]
    line: int | None = None

    @property
    def number(self) -> int | None:
        m = _REC.match(self.recommendation)
        return int(m.group("n")) if m else None


def load_concordance(path: Path, report_anchors: set[str], resolution_anchors: set[str]) -> list[Link]:
    """Read the concordance against its schema and check every anchor exists; all errors together."""
    data, lines = read_data(path, ConcordanceFile)
    errors: list[DataError] = []
    links: list[Link] = []
    for i, raw in enumerate(data.links):
        line = lines.at("links", i)
        where = f"link {i + 1} ({raw.recommendation} → {raw.paragraph})"
        if raw.recommendation != WHOLE_REPORT and raw.recommendation not in report_anchors:
            errors.append(lines.error(("links", i, "recommendation"), f"{where}: unknown recommendation anchor "
                                      f"'{raw.recommendation}'; the report has no such recommendation"))
        if raw.paragraph not in resolution_anchors:
            errors.append(lines.error(("links", i, "paragraph"), f"{where}: unknown resolution paragraph "
                                      f"'{raw.paragraph}'; the resolution has no such paragraph"))
        links.append(Link(raw.recommendation, raw.paragraph, raw.kind,
                          {lang: " ".join(text.split()) for lang, text in raw.rationale.items()}, line))
    if errors:
        raise DataErrors(errors)
    return links


def concordance_works(path: Path, kinds: dict[str, str]) -> tuple[str, str]:
    """The report and the resolution the concordance joins (its ``report:`` and ``resolution:``),
    checked against the declared works and their kinds (``kinds``: work id -> kind)."""
    data, lines = read_data(path, ConcordanceFile)
    errors = [lines.error((key,), f"'{key}: {value}' must name a work of kind {key} declared in "
                                  f"sources/data/works.yaml")
              for key, value in (("report", data.report), ("resolution", data.resolution)) if kinds.get(value) != key]
    if errors:
        raise DataErrors(errors)
    return data.report, data.resolution


# ------------------------------------------------------------------- labels


def rec_label(anchor: str, ctx: Context) -> str:
    """"Recommendation 4 (c) (iii)" in the interface language."""
    if anchor == WHOLE_REPORT:
        return ctx.t("concordance_whole_report")
    m = _REC.match(anchor.removeprefix("es-"))
    label = ctx.t("recommendation_n", n=m.group("n"))
    for part in (m.group("item"), m.group("sub")):
        if part:
            label += f" ({part})"
    return label


def para_label(anchor: str, ctx: Context) -> str:
    m = _PARA.match(anchor)
    return ctx.t("para_short_pp" if m.group("kind") == "pp" else "para_short_op", n=m.group("n"))


def twins(anchor: str) -> tuple[str, ...]:
    """A body recommendation anchor and its executive-summary twin."""
    return (anchor,) if anchor == WHOLE_REPORT else (anchor, f"es-{anchor}")


# ------------------------------------------------------------------ display


def note_block(label: str, items: list[str], classes: tuple[str, ...], lang: str | None = None,
               searchable: bool = True) -> str:
    """The one display convention for editorial notes: a labelled line after the text it annotates.

    ``searchable=False`` keeps a note out of the search index: the concordance notes
    repeat the titles of the linked texts under every paragraph, and indexed they would
    make each page a hit for every recommendation's title (the concordance page lists
    the same links, and is indexed).
    """
    body = html.inline("span", label, class_="edition-note__label") + " " + " · ".join(items)
    return body + "\n" + attr_list("edition-note", *classes, lang=lang,
                                    data_search_exclude=None if searchable else "")


def annotation_note(text: str, ctx: Context) -> str:
    """An editor's annotation (``annotations.yaml``) under the block it annotates: plain text, no markup."""
    return note_block(ctx.t("editorial_note"), [escape_text(text)], ("annotation",), lang=ctx.tag(ctx.lang))


def answered_by(paragraph: str, links: list[Link], ctx: Context, page_of, titles: dict[str, str],
                titles_lang: str) -> str:
    """Under a resolution paragraph: the recommendations that answer it, linking to the report
    (``titles``: the recommendations' titles, in the report's language ``titles_lang``)."""
    mine = [l for l in links if l.paragraph == paragraph]
    if not mine:
        return ""
    items = []
    for l in mine:
        target = l.recommendation
        page = page_of(target) if target != WHOLE_REPORT else "report"
        title = titles.get(target.split("-")[0]) if target != WHOLE_REPORT else None
        text = escape_text(rec_label(target, ctx))
        if title:
            text += " " + html.open_inline("span", lang=ctx.tag(titles_lang)) + escape_text(f"（{title}）") + "</span>"
        items.append(link(text, ctx.href(page, None if target == WHOLE_REPORT else target), "concordance-link",
                          title=f"{ctx.t('kind_' + l.kind)}: {l.rationale[ctx.lang]}", data_kind=l.kind))
    return note_block(ctx.t("answered_by"), items, ("concordance-note",), searchable=False,
                      lang=ctx.tag(ctx.lang))


def answers(recommendation: str, links: list[Link], ctx: Context, resolution_page: str = "resolution") -> str:
    """Under a recommendation (body or summary): the resolution paragraphs it and its items answer."""
    base = recommendation.removeprefix("es-")
    mine = [l for l in links if l.recommendation == base or l.recommendation.startswith(base + "-")]
    if not mine:
        return ""
    items = []
    for l in mine:
        text = escape_text(para_label(l.paragraph, ctx))
        if l.recommendation != base:
            text = escape_text(rec_label(l.recommendation, ctx)) + " → " + text
        items.append(link(text, ctx.href(resolution_page, l.paragraph), "concordance-link",
                          title=f"{ctx.t('kind_' + l.kind)}: {l.rationale[ctx.lang]}", data_kind=l.kind))
    return note_block(ctx.t("answers_heading"), items, ("concordance-note",), lang=ctx.tag(ctx.lang),
                      searchable=False)
