"""Make every book of the edition from a built site, and the site's download page that lists them.

The books live in the site's ``books/`` folder only in the offline archive (``edition dist``):
printing the PDFs takes Chromium about half a minute, too slow for every ``make site`` and for
the live preview. So the download page is part of the site only when the build is given the
book list (:func:`downloads_spec`), and ``edition dist`` makes the books into the staged site
before it checks every link and packs it: the archive never links to a missing file, and the
site of ``make site`` has no download page at all.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from ..assembly import PageSpec, Site
from ..writer import html
from ..writer.escape import escape_line
from ..writer.markdown import front_matter
from . import epub_name, print_units

#: The folder of the books in the site (beside the language trees).
FOLDER = "books"


def make_books(site: Site, site_dir: Path, out_dir: Path, epoch: int, config_file: Path,
               log: Callable[[str], None] = print) -> dict[str, float]:
    """Write every EPUB and PDF into ``out_dir``; return timings in seconds (``epub``, ``pdf``)."""
    from playwright.sync_api import sync_playwright

    from .epub import build_epub
    from .pdf import launch, normalise, print_unit

    out_dir.mkdir(parents=True, exist_ok=True)
    edition = site.edition
    t0 = time.perf_counter()
    for lang in edition.languages.interface:
        build_epub(site, lang, out_dir, epoch, config_file)
    t1 = time.perf_counter()
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for lang in edition.languages.interface:
                for unit in print_units(site, lang):
                    raw = out_dir / (unit.name + ".raw")
                    title = edition.work(unit.work).title[lang]
                    print_unit(browser, unit, site_dir, edition.languages.default, title, raw)
                    normalise(raw, out_dir / unit.name, epoch, title, edition.languages.tag(lang))
                    raw.unlink()
        finally:
            browser.close()
    t2 = time.perf_counter()
    log(f"books: {len(edition.languages.interface)} EPUB in {t1 - t0:.1f} s, PDFs in {t2 - t1:.1f} s")
    return {"epub": t1 - t0, "pdf": t2 - t1}


def downloads_spec(site: Site) -> PageSpec:
    """The download page: each language's EPUB and PDFs, in ``books/`` at the site's root."""
    default = site.edition.languages.default

    def produce(site: Site, lang: str) -> str:
        ui = site.edition.ui
        up = "" if lang == default else "../"  # the default language's tree is the site's root

        def item(label: str, name: str, mime: str) -> str:
            return "- " + html.inline("a", label, href=f"{up}{FOLDER}/{name}", type=mime, hreflang=None,
                                      download="") + " " + html.inline("code", name)

        title = ui.t("downloads_title", lang)
        parts = [front_matter(title=title), f"# {escape_line(title)}", escape_line(ui.t("downloads_intro", lang)),
                 f"## {escape_line(ui.t('downloads_epub', lang))}",
                 item(site.edition.ui.t("site_name", lang), epub_name(lang), "application/epub+zip"),
                 f"## {escape_line(ui.t('downloads_pdf', lang))}",
                 "\n".join(item(u.label, u.name, "application/pdf") for u in print_units(site, lang))]
        return "\n\n".join(parts) + "\n"

    return PageSpec("downloads", "downloads.md", produce)
