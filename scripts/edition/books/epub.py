"""EPUB 3, one book per interface language, from the writer's Markdown of the edition's pages.

Each page of the book is a page of the site (:func:`edition.books.book_pages`): its Markdown,
as the writer wrote it (every source string already escaped), is rendered by Python-Markdown
with the site's own extensions (read from ``mkdocs.yml``), parsed with lxml and written as
XHTML, so the ids are the edition's anchors (``#op5``) and the ``lang`` attributes the
writer put on text in another language stay. Links to a page of the book point to its XHTML
file; a link to a page that is not in the book keeps its text only; a link outside stays
only over http(s). The book has a navigation document with landmarks, a generated SVG
cover, a colophon with the sources' provenance, and no font (the reading system's fonts
set CJK and Cyrillic). The zip is reproducible: ``mimetype`` first and stored, the other
entries sorted, one fixed timestamp; the identifier is a UUID derived from the edition
and the language, ``dcterms:modified`` the ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import posixpath
import re
import time
import uuid
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import yaml
from lxml import etree
from lxml import html as lxml_html

from .. import __version__
from ..assembly import Site
from ..errors import EditionError
from ..mkdocs_config import markdown_extensions
from ..reproducible import write_zip
from . import book_pages, epub_name

XHTML_NS = "http://www.w3.org/1999/xhtml"
#: Namespace for the deterministic book identifiers (uuid5 of the edition, version and language).
BOOK_NS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:edition:un-ai-governance")

CSS = """/* No font is embedded: the reading system's fonts set every script. */
body { line-height: 1.5; }
.para-link, .cite-button, .edition-button { display: none; }
.para-num { font-weight: bold; }
.head-field { margin: 0.2em 0; }
.edition-note { font-size: 0.9em; margin-left: 1em; padding-left: 0.6em; border-left: 2px solid #999; }
.edition-note__label { font-weight: bold; margin-right: 0.4em; }
.par-row { margin: 1em 0; border-top: 1px solid #ccc; }
.par-label { font-size: 0.8em; font-weight: bold; color: #555; }
.footnote { font-size: 0.9em; }
.container-box, .container-recommendation { border: 1px solid #999; padding: 0 0.6em; margin: 1em 0; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.1em 0.3em; }
nav#landmarks { display: none; }
.cover { text-align: center; }
.cover img { max-width: 100%; max-height: 95vh; }
"""


def _front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        head, sep, body = text[4:].partition("\n---\n")
        if sep:
            return yaml.safe_load(head) or {}, body
    return {}, text


def xhtml_name(page: str) -> str:
    """``report/chapter-1.md`` -> ``report-chapter-1.xhtml`` (the book is one flat folder)."""
    return page.removesuffix(".md").replace("/", "-") + ".xhtml"


def _page_of(target: str, page: str) -> str:
    """The page path a relative ``target`` (``../apparatus.md``, ``chapter-1.html``) names from ``page``."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    return re.sub(r"\.html$", ".md", path)


def _unwrap(el) -> None:
    """Replace ``el`` by a ``span`` with its content and language (a link with nowhere to go)."""
    keep = {k: v for k, v in el.attrib.items() if k in ("lang", "class", "title", "id")}
    el.attrib.clear()
    el.tag = "span"
    el.attrib.update(keep)


def page_body(md_text: str, page: str, targets: dict[str, str], extensions: tuple[list[str], dict]) -> tuple[str, str, list[tuple[str, str]]]:
    """One page as XHTML body content; return ``(title, body, [(heading id, heading text)])``."""
    meta, body = _front_matter(md_text)
    names, settings = extensions
    html = markdown.Markdown(extensions=names, extension_configs=settings).convert(body)
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in [a for a in el.attrib if a == "markdown" or ":" in a]:
            del el.attrib[attr]
        if el.tag == "a" and "href" in el.attrib:
            href = el.attrib["href"]
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue
            if parts.scheme or parts.netloc:
                _unwrap(el)
            elif not parts.path:
                continue  # a fragment on this page
            else:
                target = _page_of(parts.path, page)
                if target in targets:
                    el.attrib["href"] = targets[target] + (f"#{parts.fragment}" if parts.fragment else "")
                else:
                    _unwrap(el)
    headings = [(h.get("id"), h.text_content().strip()) for h in root.iter("h1", "h2") if h.get("id")]
    h1 = next(root.iter("h1"), None)
    title = str(meta.get("title") or (h1.text_content().strip() if h1 is not None else page))
    out = escape(root.text or "", quote=False) + "".join(
        etree.tostring(child, method="xml", encoding="unicode") for child in root)
    return title, out, headings


def _document(lang_tag: str, title: str, body: str, *, epub_ns: bool = False, body_attrs: str = "") -> str:
    ns = ' xmlns:epub="http://www.idpf.org/2007/ops"' if epub_ns else ""
    text = (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="{XHTML_NS}"{ns} lang="{lang_tag}" xml:lang="{lang_tag}">\n'
            f'<head>\n<meta charset="utf-8"/>\n<title>{escape(title, quote=False)}</title>\n'
            f'<link rel="stylesheet" type="text/css" href="book.css"/>\n</head>\n'
            f'<body{body_attrs}>\n{body}\n</body>\n</html>\n')
    try:
        etree.fromstring(text.encode("utf-8"))
    except etree.XMLSyntaxError as exc:  # the writer's HTML is well-formed; this guards the conversion
        raise EditionError("epub", None, f"{title}: not well-formed XHTML: {exc}") from None
    return text


def _cover_svg(lines: list[str], lang_tag: str) -> str:
    """A plain typographic cover: the titles on a ruled ground (no font named but the generic families)."""
    rows = []
    y = 560
    for i, line in enumerate(lines):
        size = 56 if i == 0 else 34
        for chunk in _wrap(line, 26 if i == 0 else 40):
            rows.append(f'<text x="600" y="{y}" font-size="{size}" text-anchor="middle">{escape(chunk, quote=False)}</text>')
            y += int(size * 1.4)
        y += 40
    return (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 1200 1600" width="1200" '
            f'height="1600" xml:lang="{lang_tag}" font-family="serif" fill="#1b2a3a">\n'
            '<rect width="1200" height="1600" fill="#f4f1ea"/>\n'
            '<rect x="60" y="60" width="1080" height="1480" fill="none" stroke="#455a64" stroke-width="6"/>\n'
            '<rect x="60" y="60" width="1080" height="120" fill="#455a64"/>\n'
            + "\n".join(rows) + "\n</svg>\n")


def _wrap(text: str, width: int) -> list[str]:
    """Split a title for the cover: at spaces for spaced scripts, every ``width`` characters otherwise."""
    if " " not in text:
        width = max(8, width // 2)
        return [text[i:i + width] for i in range(0, len(text), width)] or [""]
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return out + [line]


def build_epub(site: Site, lang: str, out_dir: Path, epoch: int, config_file: Path) -> Path:
    """Write the EPUB of ``lang`` into ``out_dir``; return its path."""
    edition = site.edition
    ui, languages = edition.ui, edition.languages
    tag = languages.tag(lang)
    pages = book_pages(site)
    targets = {p: xhtml_name(p) for p in pages}
    extensions = markdown_extensions(config_file)
    written = site.write(lang)
    files: dict[str, bytes] = {}
    toc: list[tuple[str, str, list[tuple[str, str]]]] = []
    for page in pages:
        title, body, headings = page_body(written[page], page, targets, extensions)
        files[targets[page]] = _document(tag, title, body, epub_ns=True).encode("utf-8")
        toc.append((targets[page], title, headings))

    book_title = ui.t("site_name", lang)
    modified = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    identifier = f"urn:uuid:{uuid.uuid5(BOOK_NS, f'{__version__}/{lang}')}"

    # colophon: the sources and their provenance (registry data: escaped text)
    sources = "".join(
        f"<li>{escape(ui.t('book_source', lang, title=e.title, date=e.date, provenance=e.provenance, sha256=e.sha256), quote=False)}</li>\n"
        for e in edition.registry)
    colophon = (f'<section epub:type="colophon"><h1 id="colophon">{escape(ui.t("book_colophon", lang), quote=False)}</h1>\n'
                f'<p>{escape(book_title, quote=False)} · {escape(__version__, quote=False)} · {modified[:10]}</p>\n'
                f'<p>{escape(ui.t("book_colophon_intro", lang), quote=False)}</p>\n<ul>\n{sources}</ul></section>')
    files["colophon.xhtml"] = _document(tag, ui.t("book_colophon", lang), colophon, epub_ns=True).encode("utf-8")

    # cover: the edition's name and the works' titles in the book's language
    cover_lines = [ui.t("site_name", lang)] + [w.title[lang] for w in edition.works if w.kind != "news"]
    files["cover.svg"] = _cover_svg(cover_lines, tag).encode("utf-8")
    cover_title = ui.t("book_cover", lang)
    files["cover.xhtml"] = _document(
        tag, cover_title, f'<section epub:type="cover" class="cover"><img src="cover.svg" '
        f'alt="{escape(book_title)}"/></section>', epub_ns=True).encode("utf-8")

    # navigation document: the contents (pages and their main headings) and the landmarks
    def entry(href: str, title: str, sub: list[tuple[str, str]]) -> str:
        inner = "".join(f'<li><a href="{href}#{escape(hid)}">{escape(text, quote=False)}</a></li>'
                        for hid, text in sub if text)
        return (f'<li><a href="{href}">{escape(title, quote=False)}</a>'
                + (f"<ol>{inner}</ol>" if inner else "") + "</li>")

    contents = "\n".join(entry(href, title, [h for h in heads if h[1] != title]) for href, title, heads in toc)
    contents += "\n" + entry("colophon.xhtml", ui.t("book_colophon", lang), [])
    nav = (f'<nav epub:type="toc" id="toc"><h1>{escape(ui.t("book_contents", lang), quote=False)}</h1>\n'
           f'<ol>\n{contents}\n</ol></nav>\n'
           f'<nav epub:type="landmarks" id="landmarks" hidden="hidden"><h2>{escape(ui.t("book_landmarks", lang), quote=False)}</h2>\n<ol>\n'
           f'<li><a epub:type="cover" href="cover.xhtml">{escape(cover_title, quote=False)}</a></li>\n'
           f'<li><a epub:type="toc" href="nav.xhtml">{escape(ui.t("book_contents", lang), quote=False)}</a></li>\n'
           f'<li><a epub:type="bodymatter" href="{toc[0][0]}">{escape(toc[0][1], quote=False)}</a></li>\n'
           f'</ol></nav>')
    files["nav.xhtml"] = _document(tag, ui.t("book_contents", lang), nav, epub_ns=True).encode("utf-8")
    files["book.css"] = CSS.encode("utf-8")

    # package document
    spine_ids = ["cover", "nav"] + [f"p{i}" for i in range(len(toc))] + ["colophon"]
    spine_files = ["cover.xhtml", "nav.xhtml"] + [href for href, _, _ in toc] + ["colophon.xhtml"]
    manifest = [f'<item id="{i}" href="{f}" media-type="application/xhtml+xml"'
                + (' properties="nav"' if i == "nav" else ' properties="svg"' if i == "cover" else "") + "/>"
                for i, f in zip(spine_ids, spine_files)]
    manifest.append('<item id="cover-image" href="cover.svg" media-type="image/svg+xml" properties="cover-image"/>')
    manifest.append('<item id="css" href="book.css" media-type="text/css"/>')
    spine = "\n".join(f'<itemref idref="{i}"' + (' linear="no"' if i == "nav" else "") + "/>" for i in spine_ids)
    dc_sources = "\n".join(f"<dc:source>{escape(f'{e.title} ({e.date}): {e.provenance}', quote=False)}</dc:source>"
                           for e in edition.registry)
    opf = (f'<?xml version="1.0" encoding="utf-8"?>\n'
           f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="{tag}">\n'
           f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
           f'<dc:identifier id="book-id">{identifier}</dc:identifier>\n'
           f'<dc:title>{escape(book_title, quote=False)}</dc:title>\n'
           f'<dc:language>{tag}</dc:language>\n'
           f'<dc:date>{modified[:10]}</dc:date>\n'
           f'<dc:publisher>{escape(book_title, quote=False)}</dc:publisher>\n'
           f'<dc:description>{escape(ui.t("site_description", lang), quote=False)}</dc:description>\n'
           f'{dc_sources}\n'
           f'<meta property="dcterms:modified">{modified}</meta>\n'
           f'</metadata>\n<manifest>\n' + "\n".join(manifest) + "\n</manifest>\n"
           f'<spine>\n{spine}\n</spine>\n</package>\n')
    files["package.opf"] = opf.encode("utf-8")
    container = ('<?xml version="1.0" encoding="utf-8"?>\n'
                 '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
                 '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
                 '</rootfiles>\n</container>\n')

    entries = {f"EPUB/{name}": data for name, data in files.items()}
    entries["META-INF/container.xml"] = container.encode("utf-8")
    out = out_dir / epub_name(lang)
    write_zip(out, entries.items(), epoch, stored_first=("mimetype", b"application/epub+zip"))
    return out
