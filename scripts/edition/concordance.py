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

from .errors import DataError
from .model import HTML_LANG, LANGS
from .sources import load_yaml
from .writer import html
from .writer.escape import escape_text
from .writer.markdown import Context, attr_list, link

KINDS = ("answers", "implements", "relates")
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
    """Read and validate the concordance; every error names the file, the entry and its line."""
    data = load_yaml(path)
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("links"), list):
        raise DataError(str(path), 1, "expected a mapping with 'version: 1' and a list 'links'")
    text = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, l in enumerate(text, 1) if l.lstrip().startswith("- recommendation:")]
    links: list[Link] = []
    seen: dict[tuple[str, str], int | None] = {}
    for i, raw in enumerate(data["links"]):
        line = starts[i] if i < len(starts) else None
        where = f"link {i + 1}"
        if not isinstance(raw, dict):
            raise DataError(str(path), line, f"{where}: expected a mapping")
        for key in ("recommendation", "paragraph", "kind", "rationale"):
            if not raw.get(key):
                raise DataError(str(path), line, f"{where}: missing field '{key}'")
        rec, para, kind = str(raw["recommendation"]), str(raw["paragraph"]), str(raw["kind"])
        where = f"link {i + 1} ({rec} → {para})"
        if rec != WHOLE_REPORT and (not _REC.match(rec) or rec not in report_anchors):
            raise DataError(str(path), line, f"{where}: unknown recommendation anchor '{rec}'; expected an anchor "
                            "of the report such as rec4 or rec4-c, or 'report'")
        if para not in resolution_anchors or not _PARA.match(para):
            raise DataError(str(path), line, f"{where}: unknown resolution paragraph '{para}'; expected pp1–pp15 or op1–op15")
        if kind not in KINDS:
            raise DataError(str(path), line, f"{where}: unknown kind '{kind}'; expected one of {', '.join(KINDS)}")
        rationale = raw["rationale"]
        if not isinstance(rationale, dict):
            raise DataError(str(path), line, f"{where}: rationale must be a mapping of zh, ru, en")
        missing = [lang for lang in LANGS if not str(rationale.get(lang) or "").strip()]
        if missing:
            raise DataError(str(path), line, f"{where}: rationale missing language {', '.join(missing)}")
        if (rec, para) in seen:
            raise DataError(str(path), line, f"{where}: duplicate link (also at line {seen[(rec, para)]})")
        seen[(rec, para)] = line
        links.append(Link(rec, para, kind, {lang: " ".join(str(rationale[lang]).split()) for lang in LANGS}, line))
    return links


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
    return note_block(ctx.t("editorial_note"), [escape_text(text)], ("annotation",), lang=HTML_LANG[ctx.lang])


def answered_by(paragraph: str, links: list[Link], ctx: Context, page_of, titles: dict[str, str]) -> str:
    """Under a resolution paragraph: the recommendations that answer it, linking to the report."""
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
            text += " " + html.open_inline("span", lang=HTML_LANG["zh"]) + escape_text(f"（{title}）") + "</span>"
        items.append(link(text, ctx.href(page, None if target == WHOLE_REPORT else target), "concordance-link",
                          title=f"{ctx.t('kind_' + l.kind)}: {l.rationale[ctx.lang]}", data_kind=l.kind))
    return note_block(ctx.t("answered_by"), items, ("concordance-note",), searchable=False,
                      lang=HTML_LANG[ctx.lang])


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
    return note_block(ctx.t("answers_heading"), items, ("concordance-note",), lang=HTML_LANG[ctx.lang],
                      searchable=False)
