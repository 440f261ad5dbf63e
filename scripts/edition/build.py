"""The build: sources -> model -> Markdown in ``docs/`` -> MkDocs site in ``site/``.

Nothing is written in place. Markdown is generated into a staging folder, MkDocs
builds the site from that folder into a second staging folder, and only when
both succeeded are ``docs/`` and ``site/`` replaced (by renames). Bad input
therefore never leaves a half-written ``docs/`` or ``site/`` behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .emendations import Emendation, apply_emendations, load_emendations
from .errors import EditionError, SourceError
from .model import LANGS, Document
from .parsers.report import parse_report
from .parsers.news import parse_news
from .parsers.resolution import parse_resolution
from .sources import SourceEntry, load_registry, read_source
from .ui import UI, load_ui

ROOT = Path(__file__).resolve().parents[2]

#: The parser of each source kind. A kind's parser takes the source lines and returns a Document.
PARSERS: dict[str, Callable[..., Document]] = {"resolution": parse_resolution, "report": parse_report, "news": parse_news}


@dataclass
class Edition:
    """Everything the writer needs: parsed, emended documents and editorial data."""

    root: Path
    registry: list[SourceEntry]
    texts: dict[str, list[str]]
    documents: dict[str, Document]
    emendations: list[Emendation]
    ui: UI
    extras: dict[str, object] = field(default_factory=dict)

    def by_document(self, document: str) -> dict[str, Document]:
        """The witnesses of one work by language, e.g. ``{"zh": ..., "ru": ..., "en": ...}``."""
        return {d.lang: d for d in self.documents.values() if d.document == document}

    def entry(self, source_id: str) -> SourceEntry:
        return next(e for e in self.registry if e.id == source_id)


def load_edition(root: Path = ROOT) -> Edition:
    """Read the registry, every source and every data file; parse and emend. Pure apart from reading."""
    sources = root / "sources"
    registry = load_registry(sources / "registry.yaml")
    texts: dict[str, list[str]] = {}
    documents: dict[str, Document] = {}
    for entry in registry:
        shown = os.path.relpath(entry.file, root)
        texts[entry.id] = read_source(entry.file, entry.sha256, display=shown)
        parser = PARSERS.get(entry.kind)
        if parser is None:
            continue  # a kind whose parser is not part of this build yet
        documents[entry.id] = parser(texts[entry.id], lang=entry.lang, path=shown, source=entry.id,
                                     document=entry.document)
    from .pages.resolution import rows

    # The parallel view needs the same paragraphs in every language: refuse a witness
    # that lost or gained one before anything is written.
    rows({d.lang: d for d in documents.values() if d.document == "resolution"})
    emendations = load_emendations(sources / "data" / "emendations", texts)
    for e in emendations:
        if e.source in documents:
            documents[e.source] = apply_emendations(documents[e.source], [e])
    from .references import apply_references, load_documents

    un_documents = load_documents(sources / "data" / "documents.yaml")
    from .glossary import apply_glossary, glossary_of

    from .decipherment import apply_key, load_report_key, stats

    decipherment: tuple = ()
    decoded = None
    for key, doc in documents.items():
        if doc.document == "report" and doc.lang == "zh":  # the key to the broken font mapping (issue 11)
            decipherment = load_report_key(root, texts[key])
            documents[key] = apply_key(doc, decipherment)
            decoded = stats(doc, documents[key])
    for key, doc in documents.items():
        if doc.document in ("resolution", "report"):
            documents[key] = apply_references(doc, un_documents)
        if doc.document == "report" and doc.lang == "zh":
            documents[key] = apply_glossary(documents[key], glossary_of(doc))
    ui = load_ui(sources / "data" / "ui")
    edition = Edition(root, registry, texts, documents, emendations, ui)
    titles = {d.symbol: d.title for d in un_documents}
    edition.extras["doc_title"] = lambda symbol, lang: titles.get(symbol, {}).get(lang)
    edition.extras["un_documents"] = un_documents
    edition.extras["decipherment"] = decipherment
    edition.extras["decipherment_stats"] = decoded
    for hook in LOAD_HOOKS:
        hook(edition)
    return edition


#: Functions called with the loaded edition to add data (concordance, glossary...).
LOAD_HOOKS: list[Callable[[Edition], None]] = []

#: Page producers: ``producer(edition, lang) -> {path: markdown}``; see :mod:`edition.site`.
PRODUCERS: list[Callable[[Edition, str], dict[str, str]]] = []


def generate(edition: Edition, out: Path) -> dict[str, dict[str, str]]:
    """Write every page of every language under ``out/<lang>/``; return the pages written."""
    from . import site  # noqa: F401  (registers the producers)

    written: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        pages: dict[str, str] = {}
        for producer in PRODUCERS:
            for path, text in producer(edition, lang).items():
                if path in pages:
                    raise EditionError(path, None, f"two producers write the page {path}")
                pages[path] = text
        for path, text in sorted(pages.items()):
            target = out / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        written[lang] = pages
    return written


def _swap(staged: Path, final: Path) -> None:
    """Replace ``final`` by ``staged`` with renames, so ``final`` is never half-written."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    staged.rename(final)
    if old.exists():
        shutil.rmtree(old)


def build(root: Path = ROOT, *, site: bool = True, strict: bool = True, config_file: Path | None = None,
          docs_dir: Path | None = None, site_dir: Path | None = None,
          log: Callable[[str], None] = print) -> dict[str, float]:
    """Generate ``docs/`` and (if ``site``) build ``site/``; return timings in seconds.

    ``docs_dir`` and ``site_dir`` default to the project's ``docs/`` and ``site/``;
    tests pass temporary folders so that runs never disturb each other.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    edition = load_edition(root)
    timings["convert"] = time.perf_counter() - t0

    docs_final = docs_dir or (root / "docs")
    site_final = site_dir or (root / "site")
    stage_docs = docs_final.with_name("." + docs_final.name + ".staging")
    stage_site = site_final.with_name("." + site_final.name + ".staging")
    for stale in (stage_docs, stage_site):
        if stale.exists():
            shutil.rmtree(stale)
    try:
        t1 = time.perf_counter()
        written = generate(edition, stage_docs)
        timings["generate"] = time.perf_counter() - t1
        from .anchors import check_lock

        check_lock(edition, written, root / "sources" / "anchors.lock")
        if site:
            t2 = time.perf_counter()
            run_mkdocs(config_file or (root / "mkdocs.yml"), stage_docs, stage_site, strict=strict)
            from .postbuild import relativize_root_links, repair_theme_markup

            relativize_root_links(stage_site)
            repair_theme_markup(stage_site)
            from .search import add_paragraph_entries

            entries = add_paragraph_entries(stage_site)
            log("search: paragraph-level entries " + ", ".join(f"{k} {v}" for k, v in entries.items()))
            timings["mkdocs"] = time.perf_counter() - t2
        _swap(stage_docs, docs_final)
        if site:
            _swap(stage_site, site_final)
    finally:
        for stale in (stage_docs, stage_site):
            if stale.exists():
                shutil.rmtree(stale)
    for name, report in edition.extras.get("reports", {}).items():  # type: ignore[union-attr]
        log(report)
    timings["total"] = time.perf_counter() - t0
    return timings


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, *, strict: bool = True) -> None:
    """Build with MkDocs in-process; in strict mode any warning fails the build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        cfg = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=strict)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        raise EditionError(str(config_file), None, f"MkDocs build failed: {exc}; warnings: {counter.messages}") from None
    finally:
        logger.removeHandler(counter)
    if strict and counter.messages:
        raise EditionError(str(config_file), None, "MkDocs warnings in strict mode: " + "; ".join(counter.messages))


__all__ = ["Edition", "load_edition", "generate", "build", "SourceError", "ROOT"]
