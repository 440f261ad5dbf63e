"""The "Open data" page of each interface language: every published file with its format, schema,
size and licence, and how to cite it. Links to the files are relative (the page works offline)."""

from __future__ import annotations

import posixpath

from ..writer import html
from ..writer.escape import escape_line, escape_text
from ..writer.markdown import attr_list, front_matter
from .common import Addresses, DataFile

PAGE = "opendata.md"
#: The anchors the page publishes (its sections).
ANCHORS = ("licence", "files", "text", "cite")


def _size(n: int, t) -> str:
    return t("opendata_size_kb", size=f"{n / 1000:.1f}") if n >= 1000 else t("opendata_size_b", size=str(n))


def _table(files: list[DataFile], here: str, addresses: Addresses, t) -> str:
    rows = ["| " + " | ".join(escape_text(t(k)) for k in ("opendata_col_file", "opendata_col_format",
                                                          "opendata_col_schema", "opendata_col_size",
                                                          "opendata_col_licence")) + " |",
            "| --- | --- | --- | ---: | --- |"]
    for f in files:
        link = html.inline("a", posixpath.basename(f.path), href=addresses.url(f.path, from_dir=here),
                           class_="opendata-file")
        if f.schema and "://" in f.schema:
            schema = html.inline("a", posixpath.basename(f.schema), href=f.schema)
        elif f.schema:
            schema = html.inline("a", posixpath.basename(f.schema), href=addresses.url(f.schema, from_dir=here))
        else:
            schema = escape_text(t("opendata_no_schema"))
        cells = [link, escape_text(t(f"opendata_format_{f.format}")), schema, escape_text(_size(len(f.content), t)),
                 escape_text(t(f"opendata_licence_{f.licence}"))]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def opendata_page(site, lang: str, data: list[DataFile], text: list[DataFile]) -> str:
    ui = site.edition.ui

    def t(key: str, **values) -> str:
        return ui.t(key, lang, **values)

    addresses = Addresses(site, base="")
    here = posixpath.dirname(addresses.site_path("opendata", lang)) or "."
    citations = [f for f in data if f.format in ("csl", "bibtex", "ris")]
    cite_links = " · ".join(html.inline("a", posixpath.basename(f.path), href=addresses.url(f.path, from_dir=here))
                            for f in citations)
    parts = [
        front_matter(title=t("opendata_title")),
        f"# {escape_line(t('opendata_title'))}",
        escape_line(t("opendata_intro")),
        f"## {escape_line(t('opendata_licence_heading'))} " + attr_list(id="licence"),
        escape_line(t("opendata_licence_texts_text")),
        escape_line(t("opendata_licence_data_text")),
        f"## {escape_line(t('opendata_files_heading'))} " + attr_list(id="files"),
        _table(data, here, addresses, t),
        f"## {escape_line(t('opendata_text_heading'))} " + attr_list(id="text"),
        escape_line(t("opendata_text_intro")),
        _table(text, here, addresses, t),
        f"## {escape_line(t('opendata_cite_heading'))} " + attr_list(id="cite"),
        escape_line(t("opendata_cite_works")) + " " + cite_links,
        escape_line(t("opendata_cite_data", edition=t("site_name"))),
    ]
    return "\n\n".join(parts) + "\n"
