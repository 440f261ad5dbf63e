"""The offline archive: the built site as a reproducible zip with SHA256SUMS and a README.

Two builds of the same commit give the same bytes: MkDocs dates (sitemap) come from
``SOURCE_DATE_EPOCH`` (the last commit's time, or a fixed date outside git), zip
entries are sorted, with fixed timestamps and permissions. The archive and its
checksum are made in a private staging folder and swapped in together (see
:mod:`edition.staging`); the build stamp of the site is left out of the archive.

The books (an EPUB per interface language, a print PDF per work and language:
:mod:`edition.books`) are made into the staged site's ``books/`` folder, which its
download page links to, and are also put beside the archive with a ``.sha256`` each.
Every link of the staged site is checked before it is packed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from . import __version__
from .reproducible import checksum_line, write_zip
from .staging import STAMP

#: 1 July 2024, the adoption of resolution 78/311: the date used outside a git checkout.
DEFAULT_EPOCH = 1719792000

README = """UN texts on AI governance - offline edition {version}
==========================================================

Open index.html in this folder with any web browser (double-click it). No
network and no server are needed: navigation, search, the language switch
(中文 / Русский / English) and the parallel view all work from the files.

What is in it
- General Assembly resolution 78/311 (1 July 2024), "Enhancing international
  cooperation on capacity-building of artificial intelligence", in Chinese,
  Russian and English, and a paragraph-by-paragraph parallel view;
- "Governing AI for Humanity", final report of the High-level Advisory Body on
  Artificial Intelligence (2024), Chinese text, with links from its
  recommendations to the resolution paragraphs they answer;
- two Xinhua pieces on the adoption (context), an apparatus of every editorial
  correction, and a page about the edition;
- open data in data/ (aligned texts, the links as Web Annotations, Akoma Ntoso,
  citations; listed on opendata.html with their schemas and licences), and plain
  Markdown of every text in md/, indexed by llms.txt;
- books/: an e-book (EPUB 3) per language and a print-ready PDF of each text
  in each language (the "Download" page of each language lists them).

Links to one paragraph: every paragraph has a fixed anchor, the same in every
language, e.g. resolution/index.html#op5 (operative paragraph 5).

Sources and their provenance
{provenance}

Integrity: SHA256SUMS lists the SHA-256 of every file; check with
  sha256sum -c SHA256SUMS
"""


def source_date_epoch(root: Path) -> int:
    """``SOURCE_DATE_EPOCH`` if set, else the last commit's time, else the adoption date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                             text=True, timeout=30)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return DEFAULT_EPOCH


def write_archive(site: Path, out: Path, epoch: int, readme: str, prefix: str) -> None:
    """Zip ``site`` with README.txt and SHA256SUMS: sorted entries, fixed time and modes."""
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() != STAMP)
    entries: list[tuple[str, bytes]] = [(p.relative_to(site).as_posix(), p.read_bytes()) for p in files]
    entries.append(("README.txt", readme.encode("utf-8")))
    sums = "".join(checksum_line(data, name) for name, data in sorted(entries))
    entries.append(("SHA256SUMS", sums.encode("utf-8")))
    write_zip(out, ((f"{prefix}/{name}", data) for name, data in entries), epoch)


def make_dist(root: Path, out_dir: Path | None = None, log=print, books: bool = True) -> Path:
    """Build the site (strict) and pack it; return the archive path.

    Everything is made in a private staging folder beside ``out_dir`` and swapped in
    (archive and checksum together, see :mod:`edition.staging`): a refused or killed
    dist leaves the previous archive untouched, and other files in ``out_dir`` alone.
    """
    from .build import build, load_edition
    from .staging import build_lock, new_build_id, staged, swap

    epoch = source_date_epoch(root)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    out_dir = out_dir or (root / "dist")
    name = f"un-ai-governance-edition-{__version__}"
    archive = out_dir / f"{name}.zip"
    sums = out_dir / f"{name}.zip.sha256"
    with build_lock(root), staged(out_dir) as (stage,):
        build(root, docs_dir=stage / "docs", site_dir=stage / "site", log=lambda s: None, downloads=books)
        edition = load_edition(root)
        book_files = _make_books(root, edition, stage / "site", epoch, log) if books else []
        provenance = "\n".join(f"- {e.title} ({e.lang}, {e.date}): {e.provenance} sha256 {e.sha256}"
                               for e in edition.registry)
        staged_archive = stage / archive.name
        write_archive(stage / "site", staged_archive, epoch,
                      README.format(version=__version__, provenance=provenance), name)
        staged_sums = stage / sums.name
        staged_sums.write_text(checksum_line(staged_archive.read_bytes(), archive.name), encoding="utf-8")
        pairs = [(staged_archive, archive), (staged_sums, sums)]
        for book in book_files:  # the books as separate downloads, each with its checksum
            copy, copy_sums = stage / book.name, stage / f"{book.name}.sha256"
            data = book.read_bytes()
            copy.write_bytes(data)
            copy_sums.write_text(checksum_line(data, book.name), encoding="utf-8")
            pairs += [(copy, out_dir / book.name), (copy_sums, out_dir / copy_sums.name)]
        out_dir.mkdir(parents=True, exist_ok=True)
        swap(root, pairs, new_build_id())
    log(f"{archive} ({archive.stat().st_size / 1e6:.2f} MB)")
    return archive


def _make_books(root: Path, edition, site: Path, epoch: int, log) -> list[Path]:
    """The books into ``site/books/``, then every link of the site checked (the download page's too)."""
    from .assembly import assemble
    from .books.make import FOLDER, make_books
    from .errors import EditionError
    from .linkcheck import check_site

    make_books(assemble(edition), site, site / FOLDER, epoch, root / "mkdocs.yml", log=log)
    report = check_site(site)
    if report.errors:
        raise EditionError(str(site), None, f"{len(report.errors)} broken link(s) in the site to pack: "
                           + "; ".join(report.errors[:5]))
    return sorted((site / FOLDER).iterdir())
