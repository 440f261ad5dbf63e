"""The build (``edition build``, what ``make site`` runs): the lock, the staging folders and the
atomic swap around the MkDocs build that ``mkdocs build`` runs too.

The pages, the head of each page, the search entries and the open data are made by the
edition's MkDocs plugin (:mod:`edition.adapter.plugin`) from ``mkdocs.yml``, so that the site
is the same however it is built. What this adds: nothing is written in place. MkDocs builds
into a staging folder, the Markdown it was handed is written into a second one (``docs/``, for
review), and only when both succeeded are ``docs/`` and ``site/`` replaced (by renames). Bad
input therefore never leaves a half-written ``docs/`` or ``site/`` behind; it is found before
MkDocs starts (the edition is loaded first) and reported as ``file:line: message``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from .adapter.loading import edition_at, site_at
from .adapter.run import run_mkdocs
from .anchors import check_lock
from .assembly import Site
from .edition import ROOT, Edition, load_edition
from .errors import EditionError, SourceError
from .pages.report import ledger_report
from .project import Project


def generate(site: Site, out: Path) -> dict[str, dict[str, str]]:
    """Write every page of every interface language under ``out/<lang>/``; return the pages written."""
    return write_markdown({lang: site.write(lang) for lang in site.edition.languages.interface}, out)


def write_markdown(written: dict[str, dict[str, str]], out: Path) -> dict[str, dict[str, str]]:
    """Write ``{lang: {path: markdown}}`` under ``out/<lang>/``; return it."""
    for lang, pages in written.items():
        for path, text in sorted(pages.items()):
            target = out / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return written


def build(root: Path = ROOT, *, site: bool = True, strict: bool = True, config_file: Path | None = None,
          docs_dir: Path | None = None, site_dir: Path | None = None,
          log: Callable[[str], None] = print, downloads: bool = False) -> dict[str, float]:
    """Build ``site/`` (if ``site``) and write ``docs/``; return timings in seconds.

    ``docs_dir`` and ``site_dir`` default to the project's ``docs/`` and ``site/``;
    tests pass temporary folders so that runs never disturb each other. The build
    holds the checkout's lock and swaps its output in with a journal (see
    :mod:`edition.staging`), so ``docs/`` and ``site/`` always come from one build.
    """
    from .address import site_url
    from .containment import refuse_symlinks
    from .staging import build_lock, new_build_id, staged, swap, write_stamp

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    docs_final = docs_dir or (root / "docs")
    site_final = site_dir or (root / "site")
    with build_lock(root):
        refuse_symlinks(root)
        if site:
            site_url()  # a mistyped address stops the build before anything is built
        edition = edition_at(root)  # bad input stops here, before MkDocs reads mkdocs.yml
        site_spec = site_at(root, downloads=downloads)
        timings["convert"] = time.perf_counter() - t0
        build_id = new_build_id()
        targets = [docs_final, site_final] if site else [docs_final]
        with staged(*targets) as folders:
            stage_docs = folders[0]
            t1 = time.perf_counter()
            if site:
                plugin = run_mkdocs(config_file or Project(root).mkdocs_yml, stage_docs, folders[1], strict=strict,
                                    downloads=downloads)
                for line in plugin.messages:
                    log(line)
                timings["mkdocs"] = time.perf_counter() - t1
            else:
                written = generate(site_spec, stage_docs)
                check_lock(site_spec, written, Project(root).anchors_lock)
            timings["generate"] = time.perf_counter() - t1
            for folder in folders:  # after MkDocs, which therefore never publishes the stamp
                write_stamp(folder, build_id)
            swap(root, list(zip(folders, targets)), build_id)
    for doc in edition.documents.values():
        if edition.work(doc.document).kind == "report":
            log(ledger_report(doc))
    timings["total"] = time.perf_counter() - t0
    return timings


__all__ = ["Edition", "load_edition", "generate", "build", "SourceError", "ROOT"]
