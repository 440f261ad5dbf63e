"""Text for tools that read the web: a plain Markdown rendering of each witness, and ``llms.txt``.

Each witness of each work becomes ``md/<work>.<lang>.md``: no theme, no HTML, the text in
document order with its anchors written as code spans at the start of each unit
(`` `#op5` ``: the fragment that opens the paragraph on the site). Text is escaped as the
site's writer escapes it (:func:`edition.writer.escape.escape_line`), so nothing in a source
becomes markup. ``llms.txt`` (https://llmstxt.org/) stands at the site root: the edition's
name, a one-line summary, and sections linking every Markdown rendering and the open data.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Container, Footnote, HeaderBlock, Heading, ListItem, Paragraph, Table, plain_text
from ..writer.escape import escape_line
from ..project import SCHEMAS, SOURCES
from .aligned import first_page
from .common import DATA_DIR, Addresses, DataFile

MD_DIR = "md"
#: The hand-written JSON Schemas of the open data, published under ``data/schemas/``.
SCHEMA_SOURCES = Path(SOURCES) / SCHEMAS / "opendata"


def _line(inlines) -> str:
    return escape_line(" ".join(plain_text(inlines).split()))


def _mark(anchor: str | None) -> str:
    return f"`#{anchor}` " if anchor else ""


def _blocks(blocks, depth: int = 0) -> list[str]:
    out: list[str] = []
    indent = "  " * depth
    for b in blocks:
        if isinstance(b, Heading):
            text = _line(b.inlines)
            out.append("#" * min(b.level + 1, 6) + " " + (f"{escape_line(b.label)} " if b.label else "") + text
                       + (f" `#{b.anchor}`" if b.anchor else ""))
        elif isinstance(b, Paragraph):
            label = f"{escape_line(b.label)} " if b.label else ""
            out.append(indent + _mark(b.anchor) + label + _line(b.inlines))
        elif isinstance(b, HeaderBlock):
            out.append(indent + _mark(b.anchor) + "  \n".join(_line(f.inlines) for f in b.fields))
        elif isinstance(b, ListItem):
            inner = _blocks(b.blocks, 0)
            first = " ".join(inner) if inner else ""
            out.append(f"{indent}- {_mark(b.anchor)}{escape_line(b.label)} {first}".rstrip())
            out += _blocks(b.items, depth + 1)
        elif isinstance(b, Container):
            heading = " ".join(x for x in (escape_line(b.label or ""), _line(b.title)) if x)
            out.append(indent + (f"**{heading}**" if heading else "") + (f" `#{b.anchor}`" if b.anchor else ""))
            out += _blocks(b.blocks, depth)
        elif isinstance(b, Table):
            out.append(indent + _mark(b.anchor) + " · ".join(_line(c) for c in b.header))
            out += [indent + " · ".join(_line(c) for c in row) for row in b.rows]
        elif isinstance(b, Footnote):
            out.append(indent + _mark(b.anchor) + f"[{escape_line(b.label)}] " + _line(b.inlines))
    return [x for x in out if x.strip()]


def rendering(site, work, doc, addresses: Addresses) -> str:
    edition = site.edition
    ui_lang = doc.lang if doc.lang in edition.languages.interface else edition.languages.default
    title = work.title.get(doc.lang) or work.title[ui_lang]
    meta = " · ".join(x for x in (work.symbol, work.date, edition.languages.get(doc.lang).autonym) if x)
    page = addresses.page(first_page(site, work.id), lang=ui_lang, from_dir=MD_DIR)
    parts = [f"# {escape_line(title)}", escape_line(meta),
             escape_line(edition.ui.t("opendata_md_source", ui_lang)) + f" <{page}>"]
    parts += _blocks(doc.blocks)
    if doc.footnotes:
        parts.append("## " + escape_line(edition.ui.t("notes_heading", ui_lang)) + " `#notes`")
        parts += _blocks(doc.footnotes)
    return "\n\n".join(parts) + "\n"


def markdown_files(site) -> list[DataFile]:
    addresses = Addresses(site)
    out = []
    for work in site.edition.works:
        for lang, doc in site.edition.witnesses(work.id).items():
            out.append(DataFile(f"{MD_DIR}/{work.id}.{lang}.md",
                                rendering(site, work, doc, addresses).encode("utf-8"), "markdown",
                                "text/markdown", "texts", None, work.id, lang))
    return out


def llms_txt(site, markdown: list[DataFile], data: list[DataFile]) -> str:
    edition = site.edition
    default = edition.languages.default
    addresses = Addresses(site)

    def link(path: str) -> str:
        return addresses.url(path, from_dir=".")

    parts = [f"# {escape_line(edition.ui.t('site_name', default))}",
             "> " + escape_line(edition.ui.t("site_description", default)),
             escape_line(edition.ui.t("opendata_llms_intro", default))]
    for work in edition.works:
        mine = [f for f in markdown if f.work == work.id]
        lines = [f"- [{escape_line(work.title.get(f.lang) or work.title[default])}]({link(f.path)}): "
                 + escape_line(edition.languages.get(f.lang).autonym) for f in mine]
        parts.append(f"## {escape_line(work.nav[default])}\n\n" + "\n".join(lines))
    lines = [f"- [{f.path}]({link(f.path)}): " + escape_line(edition.ui.t(f"opendata_format_{f.format}", default))
             for f in data]
    parts.append(f"## {escape_line(edition.ui.t('opendata_title', default))}\n\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


def schema_files(site) -> list[DataFile]:
    folder = site.edition.root / SCHEMA_SOURCES
    return [DataFile(f"{DATA_DIR}/schemas/{p.name}", p.read_bytes(), "schema", "application/schema+json", "data")
            for p in sorted(folder.glob("*.json"))]


def files(site, data: list[DataFile]) -> list[DataFile]:
    markdown = markdown_files(site)
    return [*markdown, DataFile("llms.txt", llms_txt(site, markdown, data).encode("utf-8"), "llms", "text/plain",
                                "data")]
