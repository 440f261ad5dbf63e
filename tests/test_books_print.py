"""The print PDFs and the books in the distribution (issue 14).

The books come from the two offline archives built once per session (``conftest.dist_archives``):
each PDF opens with ``pdfinfo``, is tagged, has bookmarks and page numbers, prints the paragraph
anchors and its notes at the end, embeds every font (``pdffonts``); the two builds give the same
bytes; the archive holds the books and each language's download page links them, and the site of
``make site`` has no download page. Pictures of an EPUB page rendered by chromium from the unpacked
book and of the first page of each language's PDFs (``pdftoppm``) go into ``$BOOKS_SHOTS`` (else a
temporary folder) and are checked not to be blank.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from conftest import INTERFACE, LANGUAGES, ROOT
from edition.books import book_files, epub_name, print_units
from edition.dist import source_date_epoch

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def poppler():
    for tool in ("pdfinfo", "pdffonts", "pdftotext", "pdftoppm"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: run `make system-deps` (poppler-utils)")


@pytest.fixture(scope="module")
def dists(dist_archives):
    return [a.parent for a in dist_archives]


@pytest.fixture(scope="module")
def pdfs(dists, site_spec):
    return {u.name: (u, dists[0] / u.name) for lang in INTERFACE for u in print_units(site_spec, lang)}


def _info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def _text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_every_book_is_beside_the_archive_with_its_checksum(dists, site_spec):
    names = [n for files in book_files(site_spec).values() for n in files]
    assert len(names) == len(set(names)) == len(INTERFACE) * (1 + len(print_units(site_spec, INTERFACE[0])))
    for name in names:
        data = (dists[0] / name).read_bytes()
        assert (dists[0] / f"{name}.sha256").read_text() == f"{hashlib.sha256(data).hexdigest()}  {name}\n"


def test_two_builds_give_byte_identical_books(dists, site_spec):
    for files in book_files(site_spec).values():
        for name in files:
            assert (dists[0] / name).read_bytes() == (dists[1] / name).read_bytes(), name


def test_archive_holds_the_books_and_each_download_page_links_them(dist_archives, site_spec):
    with zipfile.ZipFile(dist_archives[0]) as zf:
        names = set(zf.namelist())
        prefix = next(iter(names)).split("/")[0]
        for lang, files in book_files(site_spec).items():
            page = "downloads.html" if lang == LANGUAGES.default else f"{lang}/downloads.html"
            html = zf.read(f"{prefix}/{page}").decode("utf-8")
            hrefs = {posixpath.normpath(posixpath.join(posixpath.dirname(page), h))
                     for h in re.findall(r'href="([^"#]+\.(?:epub|pdf))"', html)}
            assert hrefs == {f"books/{name}" for name in files}, lang
            for href in hrefs:
                assert f"{prefix}/{href}" in names
                assert zf.read(f"{prefix}/{href}") == (dist_archives[0].parent / Path(href).name).read_bytes()


def test_make_site_has_no_download_page(site_dir):
    """Without the books (``make site``) nothing links to them: the page comes with ``make dist`` only."""
    assert not list(site_dir.rglob("downloads.html")) and not (site_dir / "books").exists()


def test_pdfs_open_tagged_with_bookmarks_page_numbers_and_fixed_dates(pdfs, poppler):
    import pikepdf

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(ROOT))
    stamp = time.strftime("D:%Y%m%d%H%M%S", time.gmtime(epoch))
    for name, (unit, pdf) in pdfs.items():
        info = _info(pdf)
        pages = int(info["Pages"])
        assert pages >= 1 and info["Tagged"] == "yes", name
        width, height = map(float, re.match(r"([\d.]+) x ([\d.]+)", info["Page size"]).groups())
        assert (width > height) == unit.landscape, (name, info["Page size"])
        assert re.search(rf"\b1\s*/\s*{pages}\b", _text(pdf, 1, 1)), f"{name}: no page number on page 1"
        with pikepdf.open(pdf) as doc:
            assert str(doc.docinfo["/CreationDate"]).startswith(stamp), name
            assert str(doc.docinfo["/ModDate"]).startswith(stamp), name
            with doc.open_metadata() as meta:
                assert meta["xmp:CreateDate"].startswith(time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)))
            with doc.open_outline() as outline:
                assert len(outline.root) >= 1, f"{name}: no bookmarks"


def test_pdf_fonts_all_embedded(pdfs, poppler):
    for name, (_, pdf) in pdfs.items():
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows, name
        for row in rows:
            # columns: name, type (one or two words), encoding, emb, sub, uni, object, id
            emb, sub = row.split()[-5], row.split()[-4]
            assert emb == "yes", f"{name}: font not embedded: {row}"
        assert any(r.split()[-4] == "yes" for r in rows), f"{name}: no subset font"


def test_pdf_prints_the_anchors_and_the_notes_at_the_end(pdfs, edition, site_spec, poppler):
    resolution = site_spec.concordance_work
    for name, (unit, pdf) in pdfs.items():
        if unit.work != resolution or unit.landscape:
            continue
        text = _text(pdf)
        assert "[#op5]" in text and "[#pp1]" in text, name
        notes = edition.ui.t("notes_heading", unit.lang)
        assert text.rfind(notes) > text.rfind("[#op"), f"{name}: the notes are not after the last paragraph"


def _not_blank(png: Path) -> None:
    from PIL import Image

    with Image.open(png) as img:
        grey = img.convert("L")
        dark = sum(grey.histogram()[:160])
        assert dark > 0.005 * grey.width * grey.height, f"{png} looks blank"


def test_pictures_of_an_epub_page_and_the_first_pdf_pages(dists, site_spec, browser, poppler, tmp_path):
    shots = Path(os.environ.get("BOOKS_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for lang in INTERFACE:
        book = tmp_path / f"epub-{lang}"
        with zipfile.ZipFile(dists[0] / epub_name(lang)) as zf:
            zf.extractall(book)
        context = browser.new_context(viewport={"width": 800, "height": 1000})
        try:
            page = context.new_page()
            page.goto((book / "EPUB" / "resolution-index.xhtml").as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.lang") == LANGUAGES.tag(lang)
            assert page.evaluate("!!document.getElementById('op5')")
            page.screenshot(path=str(shots / f"epub-{lang}.png"))
        finally:
            context.close()
        _not_blank(shots / f"epub-{lang}.png")
        for unit in print_units(site_spec, lang):
            stem = f"pdf-{unit.name.removesuffix('.pdf')}-p1"
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", "-singlefile",
                            str(dists[0] / unit.name), str(shots / stem)], check=True)
            _not_blank(shots / f"{stem}.png")


def test_download_pages_pass_the_nu_html_checker(dist_archives, tmp_path):
    from test_vnu import vnu_errors

    with zipfile.ZipFile(dist_archives[0]) as zf:
        pages = [n for n in zf.namelist() if n.endswith("/downloads.html")]
        assert len(pages) == len(INTERFACE)
        files = []
        for i, name in enumerate(pages):
            target = tmp_path / f"downloads-{i}.html"
            target.write_bytes(zf.read(name))
            files.append(target)
    assert not vnu_errors(files)
