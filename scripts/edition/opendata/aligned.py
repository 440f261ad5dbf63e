"""Per work, its paragraphs aligned across languages: anchor, text per language, emendations,
notes and citation per interface language (``data/<work>.aligned.json``)."""

from __future__ import annotations

from ..model import (Container, Emended, Footnote, HeaderBlock, Heading, ListItem, Paragraph, Table, plain_text,
                     walk, walk_inlines)
from ..pages import report as report_page
from ..pages import resolution as resolution_page
from .common import DATA_DIR, Addresses, DataFile, json_bytes

SCHEMA = f"{DATA_DIR}/schemas/aligned.schema.json"


def unit_kind(block) -> str:
    """What a unit is: paragraph, heading, item, header, footnote, table, or a container's kind (box…)."""
    if isinstance(block, Container):
        return block.kind
    return {Paragraph: "paragraph", Heading: "heading", ListItem: "item", HeaderBlock: "header",
            Footnote: "footnote", Table: "table"}[type(block)]


def unit_inlines(block) -> list[tuple]:
    """The runs of text of a unit: its own text, not the text of anchored units inside it."""
    if isinstance(block, (Paragraph, Heading, Footnote)):
        return [block.inlines]
    if isinstance(block, HeaderBlock):
        return [f.inlines for f in block.fields]
    if isinstance(block, Container):
        # a garbled line is not reproduced (the pages count it in a note): a chart's labels only
        return [block.title, *(b.inlines for b in block.blocks
                               if isinstance(b, Paragraph) and not b.anchor and not report_page.garbled(b))]
    if isinstance(block, ListItem):
        return [b.inlines for b in block.blocks if isinstance(b, Paragraph) and not b.anchor]
    if isinstance(block, Table):
        return [*block.header, *(cell for row in block.rows for cell in row)]
    return []


def anchored(doc) -> list[tuple[str, object]]:
    """Every anchored unit of a witness in document order (blocks, nested blocks, footnotes)."""
    out = [(b.anchor, b) for b in walk(doc.blocks) if getattr(b, "anchor", None)]
    return out + [(f.anchor, f) for f in doc.footnotes]


def _text(block) -> str:
    return "\n".join(t for t in (" ".join(plain_text(r).split()) for r in unit_inlines(block)) if t)


def _label(block) -> str | None:
    return getattr(block, "label", None)


def _emendations(block, lang: str, records: dict) -> list[dict]:
    out = []
    for run in unit_inlines(block):
        for node in walk_inlines(run):
            if isinstance(node, Emended):
                e = records[node.emendation]
                out.append({"id": e.id, "lang": lang, "original": e.original, "reading": e.corrected,
                            "reason": dict(e.reason)})
    return out


def citation(site, work, block, lang: str, page_key: str) -> str | None:
    """How a reader cites the unit in interface language ``lang``, in the work's own form (None: no form)."""
    if not work.citation:
        return None
    ctx = site.context(lang, page_key)
    if work.kind == "resolution" and isinstance(block, Paragraph) and block.role in ("preamble", "operative"):
        return resolution_page.cite(block, work, ctx)
    if work.kind == "report":
        return report_page.cite(block, ctx)
    return None


def notes(site, work, anchor: str, page_key: str) -> list[dict]:
    """The editorial notes on a unit: the editors' annotations and the concordance's links."""
    out: list[dict] = []
    on_page = work.id if work.kind == "resolution" else page_key
    for note in site.annotations:
        if note.anchor == anchor and note.page == on_page:
            out.append({"type": "annotation", "text": dict(note.text)})
    for link in site.concordance:
        if work.id == site.concordance_work and link.paragraph == anchor:
            out.append({"type": "link", "kind": link.kind, "recommendation": link.recommendation,
                        "paragraph": link.paragraph, "rationale": dict(link.rationale)})
        elif work.kind == "report" and link.recommendation == anchor:
            out.append({"type": "link", "kind": link.kind, "recommendation": link.recommendation,
                        "paragraph": link.paragraph, "rationale": dict(link.rationale)})
    return out


def first_page(site, work_id: str) -> str:
    """The first page of a work in navigation order (its edition page, the report's front page)."""
    return next(s.key for s in site.specs if s.key == work_id or s.work == work_id)


def work_data(site, work, addresses: Addresses) -> dict:
    edition = site.edition
    witnesses = edition.witnesses(work.id)
    langs = list(witnesses)
    records = {e.id: e for e in edition.emendations}
    by_lang = {lang: dict(anchored(doc)) for lang, doc in witnesses.items()}
    order: list[str] = []
    for lang in langs:
        order += [a for a, _ in anchored(witnesses[lang]) if a not in order]
    units = []
    for anchor in order:
        present = {lang: by_lang[lang][anchor] for lang in langs if anchor in by_lang[lang]}
        first = next(iter(present.values()))
        page_key = addresses.anchor_page(work.id, anchor) or first_page(site, work.id)
        unit = {
            "anchor": anchor,
            "kind": unit_kind(first),
            "label": {lang: _label(b) for lang, b in present.items() if _label(b)},
            "text": {lang: _text(b) for lang, b in present.items()},
            "emendations": [e for lang, b in present.items() for e in _emendations(b, lang, records)],
            "notes": notes(site, work, anchor, page_key),
            "citation": {lang: c for lang in edition.languages.interface
                         if (c := citation(site, work, first, lang, page_key))},
            "url": addresses.page(page_key, anchor),
        }
        if isinstance(first, Paragraph):
            unit["role"] = first.role
        units.append(unit)
    return {
        "$schema": "schemas/aligned.schema.json",
        "work": {"id": work.id, "kind": work.kind, "symbol": work.symbol, "date": work.date,
                 "title": dict(work.title), "url": addresses.page(first_page(site, work.id))},
        "languages": [{"code": lang, "tag": edition.languages.tag(lang),
                       "source": witnesses[lang].source} for lang in langs],
        "units": units,
    }


def files(site) -> list[DataFile]:
    addresses = Addresses(site)
    return [DataFile(f"{DATA_DIR}/{work.id}.aligned.json", json_bytes(work_data(site, work, addresses)),
                     "aligned", "application/json", "texts", SCHEMA, work.id)
            for work in site.edition.works]
