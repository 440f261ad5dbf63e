"""What every open data format shares: the file record, JSON writing, and addresses."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass

from ..address import site_url

#: Where the open data stands in the built site.
DATA_DIR = "data"


@dataclass(frozen=True)
class DataFile:
    """One published file. ``format`` names its kind (the interface string ``opendata_format_<format>``
    describes it); ``schema`` is the site path of its schema, or an external address; ``licence`` is
    ``data`` (the edition's own data) or ``texts`` (it also carries the texts of the works)."""

    path: str
    content: bytes
    format: str
    media_type: str
    licence: str
    schema: str | None = None
    work: str | None = None
    lang: str | None = None


def json_bytes(value) -> bytes:
    """JSON as the open data writes it: UTF-8, sorted keys, two-space indent, one final newline."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


class Addresses:
    """Addresses of pages and files: absolute under the public address when there is one
    (``EDITION_SITE_URL``), else relative to the file that holds them."""

    def __init__(self, site, base: str | None = None):
        self.site = site
        #: the public address, as the build reads it (``""``: none, whatever the environment says)
        self.base = base if base is not None else site_url()
        self._anchor_pages: dict[str, dict[str, str]] = {}

    def site_path(self, page_key: str, lang: str | None = None) -> str:
        """The HTML path of a page in a language tree (the default language stands at the root)."""
        return self.site.html_path(self.site.pages[page_key], lang)

    def url(self, site_path: str, anchor: str | None = None, *, from_dir: str = DATA_DIR) -> str:
        """``site_path`` (under the site root) as the file in ``from_dir`` links to it."""
        if self.base:
            out = self.base + site_path
        else:
            out = posixpath.relpath(site_path, from_dir or ".")
        return f"{out}#{anchor}" if anchor else out

    def page(self, page_key: str, anchor: str | None = None, lang: str | None = None, *,
             from_dir: str = DATA_DIR) -> str:
        return self.url(self.site_path(page_key, lang), anchor, from_dir=from_dir)

    def anchor_page(self, work_id: str, anchor: str) -> str | None:
        """The page of work ``work_id`` that publishes ``anchor`` (its first page in navigation order)."""
        if work_id not in self._anchor_pages:
            pages: dict[str, str] = {}
            for spec in self.site.specs:
                if spec.key == work_id or spec.work == work_id:
                    for a in spec.anchors(self.site):
                        pages.setdefault(a, spec.key)
            self._anchor_pages[work_id] = pages
        return self._anchor_pages[work_id].get(anchor)
