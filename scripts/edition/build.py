"""The build: sources -> model -> Markdown in ``docs/`` -> MkDocs site in ``site/``.

Nothing is written in place. Markdown is generated into a staging folder, MkDocs
builds the site from that folder into a second staging folder, and only when
both succeeded are ``docs/`` and ``site/`` replaced (by renames). Bad input
therefore never leaves a half-written ``docs/`` or ``site/`` behind.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from . import mkdocs_config, opendata
from .address import site_url
from .anchors import check_lock
from .assembly import Site, assemble, html_name
from .edition import ROOT, Edition, load_edition
from .errors import EditionError, SourceError
from .pages.report import ledger_report
from .postbuild import externalize_inline_scripts, relativize_root_links, repair_theme_markup
from .publish import publish
from .search import add_paragraph_entries


def generate(site: Site, out: Path) -> dict[str, dict[str, str]]:
    """Write every page of every interface language under ``out/<lang>/``; return the pages written."""
    written: dict[str, dict[str, str]] = {}
    for lang in site.edition.languages.interface:
        pages = site.write(lang)
        for path, text in sorted(pages.items()):
            target = out / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        written[lang] = pages
    return written


def build(root: Path = ROOT, *, site: bool = True, strict: bool = True, config_file: Path | None = None,
          docs_dir: Path | None = None, site_dir: Path | None = None,
          log: Callable[[str], None] = print, downloads: bool = False) -> dict[str, float]:
    """Generate ``docs/`` and (if ``site``) build ``site/``; return timings in seconds.

    ``docs_dir`` and ``site_dir`` default to the project's ``docs/`` and ``site/``;
    tests pass temporary folders so that runs never disturb each other. The build
    holds the checkout's lock and swaps its output in with a journal (see
    :mod:`edition.staging`), so ``docs/`` and ``site/`` always come from one build.
    """
    from .containment import refuse_symlinks
    from .staging import build_lock, new_build_id, staged, swap, write_stamp

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    docs_final = docs_dir or (root / "docs")
    site_final = site_dir or (root / "site")
    with build_lock(root):
        refuse_symlinks(root)
        base_url = site_url() if site else None  # a mistyped address stops the build before anything is built
        edition = load_edition(root)
        site_spec = assemble(edition)
        if downloads:
            from .books.make import downloads_spec
            site_spec.specs.append(downloads_spec(site_spec))
        timings["convert"] = time.perf_counter() - t0
        build_id = new_build_id()
        targets = [docs_final, site_final] if site else [docs_final]
        with staged(*targets) as folders:
            stage_docs = folders[0]
            t1 = time.perf_counter()
            written = generate(site_spec, stage_docs)
            timings["generate"] = time.perf_counter() - t1
            check_lock(site_spec, written, root / "sources" / "anchors.lock")
            if site:
                stage_site = folders[1]
                t2 = time.perf_counter()
                config = config_file or (root / "mkdocs.yml")
                run_mkdocs(config, stage_docs, stage_site, mkdocs_config.overrides(site_spec, config, base_url),
                           strict=strict)
                # with a public address the 404 page keeps its links from the site's path (a server sends
                # it for any missing address, at any depth); offline every link is relative
                relativize_root_links(stage_site, keep=("404.html",) if base_url else ())
                repair_theme_markup(stage_site)
                publish(stage_site, site_spec, base_url, log=log)
                # offline the 404 page's links are relative, so they break at any other depth a server
                # might send it from: its scripts stay inline there (a server should have the address)
                externalize_inline_scripts(stage_site, site_path=urlsplit(base_url).path if base_url else None,
                                           keep=() if base_url else ("404.html",))
                text_pages = frozenset(html_name(spec.path) for spec in site_spec.specs if spec.work)
                entries = add_paragraph_entries(stage_site, edition.languages, text_pages)
                log("search: paragraph-level entries " + ", ".join(f"{k} {v}" for k, v in entries.items()))
                log(f"open data: {len(opendata.write(site_spec, stage_site))} files (data/, md/, llms.txt)")
                timings["mkdocs"] = time.perf_counter() - t2
            for folder in folders:  # after MkDocs, which therefore never publishes the stamp
                write_stamp(folder, build_id)
            swap(root, list(zip(folders, targets)), build_id)
    for doc in edition.documents.values():
        if edition.work(doc.document).kind == "report":
            log(ledger_report(doc))
    timings["total"] = time.perf_counter() - t0
    return timings


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, overrides: dict | None = None, *,
               strict: bool = True) -> None:
    """Build with MkDocs in-process, on ``config_file`` plus ``overrides`` (what the data declares:
    languages, navigation; :func:`edition.mkdocs_config.overrides`); in strict mode any warning
    fails the build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        cfg = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=strict,
                          **(overrides or {}))
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
