"""What the site is made of: the page producers and the anchors each publishes.

Each part of the edition (resolution, report, context, apparatus...) registers
a producer that returns ``{path: markdown}`` for one interface language, and an
anchor source for the lock. The build knows nothing else about pages.
"""

from __future__ import annotations

from . import concordance as concordance_mod
from .anchors import ANCHOR_SOURCES
from .annotations import Note, load_annotations
from .build import PRODUCERS, Edition
from .model import HTML_LANG, Container, HeaderBlock, Paragraph, plain_text, walk
from .pages import apparatus, resolution
from .pages import concordance as concordance_page_mod
from .pages import context as context_page_mod
from .pages import report as report_pages_module
from .writer.escape import escape_text
from .writer.markdown import PAGE_PATHS, Context, link, register_page

register_page("context", "context.md")
register_page("concordance", "concordance.md")


def context(edition: Edition, lang: str, page_key: str) -> Context:
    return Context(lang=lang, page=PAGE_PATHS[page_key], ui=edition.ui,
                   doc_title=edition.extras.get("doc_title", lambda symbol, lang: None),  # type: ignore[arg-type]
                   annotate=lambda anchor, ctx: annotate(edition, anchor, ctx))


# ------------------------------------------------------------ editorial layer


def report_anchor_pages(edition: Edition) -> dict[str, str]:
    """Anchor -> page key of the report page that carries it."""
    cached = edition.extras.get("report_anchor_pages")
    if cached is None:
        docs = edition.by_document("report")
        cached = {}
        if "zh" in docs:
            for key, blocks in report_pages_module.split_pages(docs["zh"]).items():
                for b in walk(tuple(blocks)):
                    if getattr(b, "anchor", None):
                        cached[b.anchor] = key
        edition.extras["report_anchor_pages"] = cached
    return cached  # type: ignore[return-value]


def recommendation_titles(edition: Edition) -> dict[str, str]:
    docs = edition.by_document("report")
    if "zh" not in docs:
        return {}
    return {b.anchor: plain_text(b.title).strip() for b in walk(docs["zh"].blocks)
            if isinstance(b, Container) and b.kind == "recommendation" and b.anchor and not b.anchor.startswith("es-")}


def concordance(edition: Edition) -> list[concordance_mod.Link]:
    """The concordance, loaded once and checked against the anchors the parsers produced."""
    cached = edition.extras.get("concordance")
    if cached is None:
        res = edition.by_document("resolution")
        res_anchors = {b.anchor for d in res.values() for b in d.blocks if getattr(b, "anchor", None)}
        cached = concordance_mod.load_concordance(edition.root / "sources" / "data" / "concordance.yaml",
                                                  set(report_anchor_pages(edition)), res_anchors)
        edition.extras["concordance"] = cached
    return cached  # type: ignore[return-value]


def annotations(edition: Edition) -> list[Note]:
    cached = edition.extras.get("annotations")
    if cached is None:
        res = edition.by_document("resolution")
        anchors = {"resolution": {b.anchor for d in res.values() for b in d.blocks if getattr(b, "anchor", None)}}
        for anchor, key in report_anchor_pages(edition).items():
            anchors.setdefault(key, set()).add(anchor)
        cached = load_annotations(edition.root / "sources" / "data" / "annotations.yaml", anchors)
        edition.extras["annotations"] = cached
    return cached  # type: ignore[return-value]


def annotate(edition: Edition, anchor: str, ctx: Context) -> str:
    """Every editorial note for ``anchor`` on the page being written, in one display convention."""
    links = concordance(edition)
    pages = report_anchor_pages(edition)
    on_resolution = ctx.page in (PAGE_PATHS["resolution"], PAGE_PATHS["parallel"])
    out: list[str] = []
    if on_resolution and anchor == "header" and "context" in PAGE_PATHS:
        out.append(concordance_mod.note_block(ctx.t("editorial_note"), [
            link(escape_text(ctx.t("context_link")), ctx.href("context"))], ("context-note",),
            lang=HTML_LANG[ctx.lang]))
    if on_resolution:
        out.append(concordance_mod.answered_by(anchor, links, ctx, lambda a: pages[a], recommendation_titles(edition)))
    elif anchor.startswith(("rec", "es-rec")) and anchor.count("-") <= (1 if anchor.startswith("es-") else 0):
        out.append(concordance_mod.answers(anchor, links, ctx))
    page_key = "resolution" if on_resolution else next((k for k, p in PAGE_PATHS.items() if p == ctx.page), None)
    for note in annotations(edition):
        if note.anchor == anchor and note.page == page_key:
            out.append(concordance_mod.note_block(ctx.t("editorial_note"), [escape_text(note.text[ctx.lang])],
                                                  ("annotation",), lang=HTML_LANG[ctx.lang]))
    return "\n\n".join(x for x in out if x)


def context_pages(edition: Edition, lang: str) -> dict[str, str]:
    docs = edition.by_document("context")
    if "zh" not in docs:
        return {}
    return {PAGE_PATHS["context"]: context_page_mod.context_page(docs["zh"], context(edition, lang, "context"))}


def context_anchors(edition: Edition) -> dict[str, list[str]]:
    docs = edition.by_document("context")
    return {PAGE_PATHS["context"]: context_page_mod.context_anchors(docs["zh"])} if "zh" in docs else {}


def concordance_pages(edition: Edition, lang: str) -> dict[str, str]:
    pages = report_anchor_pages(edition)
    return {PAGE_PATHS["concordance"]: concordance_page_mod.concordance_page(
        concordance(edition), context(edition, lang, "concordance"), lambda a: pages[a],
        recommendation_titles(edition))}


def concordance_anchors(edition: Edition) -> dict[str, list[str]]:
    return {PAGE_PATHS["concordance"]: ["links"]}


def resolution_pages(edition: Edition, lang: str) -> dict[str, str]:
    docs = edition.by_document("resolution")
    return {
        PAGE_PATHS["resolution"]: resolution.edition_page(docs[lang], context(edition, lang, "resolution")),
        PAGE_PATHS["parallel"]: resolution.parallel_page(docs, context(edition, lang, "parallel")),
    }


def resolution_anchors(edition: Edition) -> dict[str, list[str]]:
    docs = edition.by_document("resolution")
    some = next(iter(docs.values()))
    rows = resolution.rows(docs)
    edition_anchors = [b.anchor for b in some.blocks if isinstance(b, (Paragraph, HeaderBlock))]
    edition_anchors += [f.anchor for f in some.footnotes]
    return {PAGE_PATHS["resolution"]: edition_anchors, PAGE_PATHS["parallel"]: rows}


def apparatus_pages(edition: Edition, lang: str) -> dict[str, str]:
    docs = {d.source: d for d in edition.documents.values()}
    page_of = edition.extras.get("source_page", lambda source, anchor: apparatus.SOURCE_PAGES.get(source))
    ctx = context(edition, lang, "apparatus")
    return {PAGE_PATHS["apparatus"]: apparatus.apparatus_page(
        [e for e in edition.emendations if e.source in docs], docs, ctx, page_of)
        + apparatus.decipherment_section(edition.extras.get("decipherment", ()),
                                         edition.extras.get("decipherment_stats"), ctx)}


def apparatus_anchors(edition: Edition) -> dict[str, list[str]]:
    docs = {d.source for d in edition.documents.values()}
    return {PAGE_PATHS["apparatus"]: [e.id for e in edition.emendations if e.source in docs]}


def static_pages(edition: Edition, lang: str) -> dict[str, str]:
    """Hand-written pages (home, about) from ``sources/pages/<lang>/``."""
    folder = edition.root / "sources" / "pages" / lang
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


def report_pages(edition: Edition, lang: str) -> dict[str, str]:
    """The report (Chinese text) in every interface language."""
    docs = edition.by_document("report")
    if "zh" not in docs:
        return {}
    reports = edition.extras.setdefault("reports", {})
    reports["report"] = report_pages_module.ledger_report(docs["zh"])  # type: ignore[index]
    return report_pages_module.report_pages(docs["zh"], lambda key: context(edition, lang, key))


def report_anchors(edition: Edition) -> dict[str, list[str]]:
    docs = edition.by_document("report")
    return report_pages_module.page_anchors(docs["zh"]) if "zh" in docs else {}


for producer in (resolution_pages, apparatus_pages, static_pages, report_pages, context_pages, concordance_pages):
    if producer not in PRODUCERS:
        PRODUCERS.append(producer)
for source in (resolution_anchors, apparatus_anchors, report_anchors, context_anchors, concordance_anchors):
    if source not in ANCHOR_SOURCES:
        ANCHOR_SOURCES.append(source)


