"""References to UN documents: every mention linked, by the symbol address scheme of the page's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition.errors import DataError
from edition.model import Text
from edition.references import UNDocument, link_text, load_documents, _pattern
from htmlscan import html_path, scan
from pagetypes import pages

ROOT = Path(__file__).resolve().parents[1]
RESOLUTION_REFS = {"A/RES/70/1", "A/RES/69/313", "A/RES/78/1", "A/RES/70/125", "A/RES/78/265", "A/RES/77/320",
                   "A/RES/78/132", "A/RES/78/213", "A/RES/217(III)", "A/78/L.86"}


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_every_reference_in_the_resolution_links_to_the_document_in_the_readers_language(site_dir, lang):
    for reader in ("zh", "ru", "en"):
        page = scan(html_path(site_dir, reader, "resolution/index.md")) if reader == lang else None
        if page is None:
            continue
        links = [a for tag, a in page.elements if tag == "a" and "docref" in (a.get("class") or "")]
        symbols = {a["href"].split(f"https://undocs.org/{reader}/", 1)[1] for a in links}
        assert symbols == RESOLUTION_REFS, symbols ^ RESOLUTION_REFS
        assert all(a.get("title") for a in links), "every document link has its title on hover"


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_every_external_document_link_follows_the_symbol_scheme_of_its_page(site_dir, lang):
    checked = 0
    for path in pages(site_dir, lang):
        for tag, a in scan(path).elements:
            if tag == "a" and "docref" in (a.get("class") or ""):
                assert re.fullmatch(rf"https://undocs\.org/{lang}/[A-Z][A-Za-z0-9/.()]+", a["href"]), (path, a["href"])
                assert a.get("hreflang") == lang
                checked += 1
    assert checked >= 12


def test_a_reference_to_78_311_in_the_report_links_inside_the_site(site_dir):
    links = [a for p in pages(site_dir, "en") if "/report/" in p.as_posix() for tag, a in scan(p).elements
             if tag == "a" and a.get("href", "").endswith("resolution/index.html")]
    assert links, "the report's mention of 78/311 does not link to the resolution in this edition"


def test_mentions_match_whole_tokens_only():
    docs = [UNDocument("A/RES/78/1", {"en": ("78/1",)}, {"en": "x", "ru": "x", "zh": "x"}),
            UNDocument("A/RES/78/132", {"en": ("78/132",)}, {"en": "y", "ru": "y", "zh": "y"})]
    pattern, table = _pattern(docs, "en")
    out = link_text("resolutions 78/132 and 78/1, not 178/1 or 78/10", pattern, table)
    assert [n.symbol for n in out if not isinstance(n, Text)] == ["A/RES/78/132", "A/RES/78/1"]


def test_document_without_a_title_language_is_refused(tmp_path):
    path = tmp_path / "documents.yaml"
    path.write_text("version: 1\ndocuments:\n  - symbol: A/RES/1/1\n    mentions: {en: ['1/1']}\n"
                    "    title: {en: t, zh: t}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"documents\.yaml:5: 'title' of document 1: missing language ru"):
        load_documents(path)
