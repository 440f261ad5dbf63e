"""Print PDFs: each work in each interface language, printed by Chromium from the built site.

The pages are the site's own pages with the edition's print styles (``@media print`` in the
stylesheet: no screen machinery, the paragraph anchors printed as ``[#op5]``, notes at the end
of each page, the parallel view on landscape A4). A work with several pages (the report) is
printed as one document: the first page holds the articles of all of them, each link between
them turned into a link inside the PDF (an id two pages share, a heading's generated id, is
renamed in the later one); a link to a page outside the PDF keeps its text only. Chromium writes the bookmarks from the headings
(``outline``), a tagged PDF, and the page numbers in the footer; its fonts are embedded and
subset. The file is then normalised with pikepdf: fixed dates in the document information and
the XMP metadata (``SOURCE_DATE_EPOCH``), and an ``/ID`` computed from the content, so that
two builds of the same commit give the same bytes.
"""

from __future__ import annotations

import shutil
import time
from html import escape
from pathlib import Path

from ..assembly import built_path
from ..errors import EditionError
from . import PrintUnit

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"]

#: Gather the articles of the unit's pages into the first one: links between them become
#: fragments, links to pages outside the PDF keep their text only (a file:// address on paper
#: or in a PDF leads nowhere), links to the web stay.
MERGE_JS = """([articles, urls]) => {
  const article = document.querySelector('article');
  article.innerHTML = articles.map((html, i) => `<section class="print-part" id="print-part-${i}">${html}</section>`).join('');
  const parts = [...article.querySelectorAll(':scope > section.print-part')];
  // an id a part shares with an earlier one (a heading's generated id) is renamed in the later part
  const seen = new Set(), renamed = parts.map(() => new Map());
  parts.forEach((part, i) => {
    for (const el of part.querySelectorAll('[id]')) {
      if (seen.has(el.id)) { renamed[i].set(el.id, `p${i}-${el.id}`); el.id = `p${i}-${el.id}`; }
      seen.add(el.id);
    }
  });
  const inside = new Map(urls.map((u, i) => [u, i]));
  for (const a of article.querySelectorAll('a[href]')) {
    const url = new URL(a.getAttribute('href'), document.baseURI);
    if (url.protocol === 'http:' || url.protocol === 'https:') continue;
    const page = url.href.split('#')[0];
    if (!inside.has(page)) { a.removeAttribute('href'); continue; }
    const j = inside.get(page), id = decodeURIComponent(url.hash.slice(1));
    a.setAttribute('href', id ? '#' + (renamed[j].get(id) || id) : `#print-part-${j}`);
  }
  const ids = [...article.querySelectorAll('[id]')].map(e => e.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}"""

#: Absolute addresses for the links of one article, so they survive the move into the first page.
ARTICLE_JS = """() => {
  const article = document.querySelector('article');
  for (const a of article.querySelectorAll('a[href]')) a.setAttribute('href', a.href);
  return article.innerHTML;
}"""


def page_file(site_dir: Path, lang: str, default: str, page: str) -> Path:
    """The built HTML file of ``page`` (a path under a language folder) in ``lang``'s tree."""
    return site_dir / built_path(page, lang, default)


def launch(playwright):
    path = shutil.which("chromium")
    if not path:
        raise EditionError("chromium", None, "Debian's chromium is not installed: run `make system-deps`")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)


def print_unit(browser, unit: PrintUnit, site_dir: Path, default: str, title: str, out: Path) -> None:
    """Print one PDF (not yet normalised) of ``unit`` from the built site."""
    files = [page_file(site_dir.resolve(), unit.lang, default, p) for p in unit.pages]
    for f in files:
        if not f.is_file():
            raise EditionError(str(f), None, "a page to print is missing from the built site")
    context = browser.new_context()
    try:
        page = context.new_page()
        articles = []
        for f in files:
            page.goto(f.as_uri())
            articles.append(page.evaluate(ARTICLE_JS))
        page.goto(files[0].as_uri())
        page.wait_for_load_state("load")
        dupes = page.evaluate(MERGE_JS, [articles, [f.as_uri() for f in files]])
        if dupes:
            raise EditionError(str(files[0]), None, f"ids used on two pages of {unit.name}: {sorted(set(dupes))[:10]}")
        page.evaluate("document.fonts.ready")
        label = escape(title, quote=True)
        page.pdf(
            path=str(out), prefer_css_page_size=True, print_background=False, outline=True, tagged=True,
            display_header_footer=True,
            header_template=f'<div style="font-size:7pt;width:100%;text-align:center;color:#555">{label}</div>',
            footer_template='<div style="font-size:8pt;width:100%;text-align:center">'
                            '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
        )
    finally:
        context.close()


def normalise(raw: Path, out: Path, epoch: int, title: str, lang_tag: str) -> None:
    """Fixed dates, title and language in the document information and XMP; a content-derived ``/ID``."""
    import pikepdf

    stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch))
    iso = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(epoch))
    with pikepdf.open(raw) as pdf:
        pdf.docinfo["/CreationDate"] = pikepdf.String(stamp)
        pdf.docinfo["/ModDate"] = pikepdf.String(stamp)
        pdf.docinfo["/Title"] = pikepdf.String(title)
        pdf.Root.Lang = pikepdf.String(lang_tag)
        _renumber_structure_ids(pdf)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = title
            meta["xmp:CreateDate"] = iso
            meta["xmp:ModifyDate"] = iso
            meta["xmp:MetadataDate"] = iso
            meta["pdf:Producer"] = str(pdf.docinfo.get("/Producer", ""))
        partial = out.with_name(out.name + ".partial")
        pdf.save(partial, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    partial.replace(out)


def _renumber_structure_ids(pdf) -> None:
    """Name the structure elements of the tagged PDF in object order.

    Chromium names them after its DOM nodes (``node00003252``), whose numbers depend on what
    the page did before printing; renamed in order (``/ID``, the ``/Headers`` of table cells
    and the ``/IDTree``), two prints of the same page give the same bytes.
    """
    import pikepdf

    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return
    names: dict[str, str] = {}
    elements = []
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem" and "/ID" in obj:
            new = f"s{len(names):08d}"
            names[str(obj.ID)] = new
            obj.ID = pikepdf.String(new)
            elements.append((new, obj))
    for obj in pdf.objects:
        if not (isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem" and "/A" in obj):
            continue
        attrs = obj.A if isinstance(obj.A, pikepdf.Array) else [obj.A]
        for attr in attrs:
            if isinstance(attr, pikepdf.Dictionary) and "/Headers" in attr:
                attr.Headers = pikepdf.Array([pikepdf.String(names.get(str(h), str(h))) for h in attr.Headers])
    if "/IDTree" in tree or elements:
        pairs = pikepdf.Array()
        for new, obj in sorted(elements, key=lambda e: e[0]):
            pairs.append(pikepdf.String(new))
            pairs.append(obj)
        tree.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pairs))
