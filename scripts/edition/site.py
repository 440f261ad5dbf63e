"""What the site is made of: the page producers and the anchors each publishes.

Each part of the edition (resolution, report, context, apparatus...) registers
a producer that returns ``{path: markdown}`` for one interface language, and an
anchor source for the lock. The build knows nothing else about pages.
"""

from __future__ import annotations



from .anchors import ANCHOR_SOURCES
from .build import PRODUCERS, Edition
from .model import HeaderBlock, Paragraph
from .pages import apparatus, resolution
from .pages import report as report_pages_module
from .writer.markdown import PAGE_PATHS, Context


def context(edition: Edition, lang: str, page_key: str) -> Context:
    return Context(lang=lang, page=PAGE_PATHS[page_key], ui=edition.ui,
                   doc_title=edition.extras.get("doc_title", lambda symbol, lang: None))  # type: ignore[arg-type]


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
    return {PAGE_PATHS["apparatus"]: apparatus.apparatus_page(
        [e for e in edition.emendations if e.source in docs], docs, context(edition, lang, "apparatus"), page_of)}


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


for producer in (resolution_pages, apparatus_pages, static_pages, report_pages):
    if producer not in PRODUCERS:
        PRODUCERS.append(producer)
for source in (resolution_anchors, apparatus_anchors, report_anchors):
    if source not in ANCHOR_SOURCES:
        ANCHOR_SOURCES.append(source)


