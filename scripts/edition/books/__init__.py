"""The books: an EPUB 3 per interface language and a print PDF per work and language (issue 14).

Both are made from the edition itself: the EPUB from the writer's Markdown of each page
(rendered by Python-Markdown with the site's extensions, then written as XHTML), the PDF
by Chromium's printer from the built site's pages and their print styles. Both are
reproducible: fixed dates (``SOURCE_DATE_EPOCH``), identifiers derived from the edition,
sorted zip entries; PDFs are normalised with pikepdf. This module names the files and
says which pages each holds; :mod:`.epub` and :mod:`.pdf` write them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import __version__
from ..assembly import Site

#: The stem of every book file (the offline archive's name, without "-edition").
STEM = "un-ai-governance"


@dataclass(frozen=True)
class PrintUnit:
    """One PDF: the pages it prints (paths under a language folder), in order."""

    name: str
    lang: str
    work: str
    pages: tuple[str, ...]
    landscape: bool = False
    #: the unit's label in its language (the work's navigation label, or the parallel text's)
    label: str = ""


def epub_name(lang: str) -> str:
    return f"{STEM}-{__version__}-{lang}.epub"


def book_pages(site: Site) -> list[str]:
    """The pages of the EPUB, in the site's order: every page of every work, the concordance and the apparatus."""
    works = {w.id for w in site.edition.works}
    return [s.path for s in site.specs if s.work or s.key in works or s.key in ("concordance", "apparatus")]


def print_units(site: Site, lang: str) -> list[PrintUnit]:
    """The PDFs of one language: each work's pages as one PDF, each parallel page as one more (landscape)."""
    units: list[PrintUnit] = []
    for work in site.edition.works:
        specs = [s for s in site.specs if work.id in (s.work, s.key)]
        main = tuple(s.path for s in specs if not s.all_witnesses)
        if main:
            units.append(PrintUnit(f"{STEM}-{__version__}-{work.id}-{lang}.pdf", lang, work.id, main,
                                   label=work.nav[lang]))
        for s in specs:
            if s.all_witnesses:
                units.append(PrintUnit(f"{STEM}-{__version__}-{s.key}-{lang}.pdf", lang, work.id, (s.path,),
                                       landscape=True, label=f"{work.nav[lang]} · {site.edition.ui.t('nav_parallel', lang)}"))
    return units


def book_files(site: Site) -> dict[str, list[str]]:
    """Every book file of each interface language: the EPUB first, then the PDFs."""
    return {lang: [epub_name(lang)] + [u.name for u in print_units(site, lang)]
            for lang in site.edition.languages.interface}
