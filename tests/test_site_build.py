"""Tests over the real site, built once (strict) into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.anchors import read_lock
from edition.model import Paragraph, plain_text
from htmlscan import html_path, scan

ROOT = Path(__file__).resolve().parents[1]
from conftest import INTERFACE as LANGS


def test_build_is_strict_and_complete(site_dir):
    for lang in LANGS:
        assert html_path(site_dir, lang, "resolution/index.md").exists()
        assert html_path(site_dir, lang, "resolution/parallel.md").exists()
        assert html_path(site_dir, lang, "apparatus.md").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_every_locked_anchor_is_present_in_every_language(site_dir, lang):
    lock = read_lock(ROOT / "sources" / "anchors.lock")
    assert lock, "the anchor lock is empty"
    pages: dict[str, set[str]] = {}
    missing = []
    for page, anchor in lock:
        if page not in pages:
            pages[page] = set(scan(html_path(site_dir, lang, page)).ids)
        if anchor not in pages[page]:
            missing.append(f"{page}#{anchor}")
    assert not missing, f"{lang}: locked anchors missing from the built site: {missing[:20]}"


def test_resolution_anchors_are_locked_on_both_pages():
    lock = set(read_lock(ROOT / "sources" / "anchors.lock"))
    for page in ("resolution/index.md", "resolution/parallel.md"):
        for anchor in ["header", "closing"] + [f"pp{i}" for i in range(1, 16)] + [f"op{i}" for i in range(1, 16)]:
            assert (page, anchor) in lock, f"{page}#{anchor} not in the lock"


@pytest.mark.parametrize("lang", LANGS)
def test_ids_are_unique_on_every_page(site_dir, lang):
    for page in ("resolution/index.md", "resolution/parallel.md", "apparatus.md"):
        ids = scan(html_path(site_dir, lang, page)).ids
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        assert not dupes, f"{lang} {page}: duplicate ids {dupes}"


@pytest.mark.parametrize("lang", LANGS)
def test_edition_page_contains_every_paragraph_text(site_dir, edition, lang):
    text = scan(html_path(site_dir, lang, "resolution/index.md")).text
    doc = edition.witnesses("resolution")[lang]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            assert " ".join(plain_text(block.inlines).split()) in text, block.anchor


def test_parallel_page_has_the_three_columns_with_lang_in_default_order(site_dir):
    page = scan(html_path(site_dir, "en", "resolution/parallel.md"))
    for anchor in ["header", "pp1", "op5", "op15", "closing"]:
        assert anchor in page.ids
    cells = [a for tag, a in page.elements if "par-cell" in (a.get("class") or "") and a.get("lang")]
    assert [c["lang"] for c in cells[:3]] == ["zh-Hans", "ru", "en"]
    assert len(cells) == 3 * (1 + 15 + 15 + 1 + 1)  # header, pp, op, closing, notes


@pytest.mark.parametrize("lang", LANGS)
def test_every_emendation_is_marked_in_the_text_and_listed_in_the_apparatus(site_dir, edition, lang):
    apparatus = scan(html_path(site_dir, lang, "apparatus.md"))
    by_lang = {"res-zh": "zh", "res-ru": "ru", "res-en": "en"}
    for e in edition.emendations:
        if e.source not in by_lang:
            continue
        assert e.id in apparatus.ids
        assert e.original in apparatus.text
        edition_page = scan(html_path(site_dir, by_lang[e.source], "resolution/index.md"))
        marks = [a for tag, a in edition_page.elements if tag == "a" and (a.get("href") or "").endswith(f"#{e.id}")]
        assert marks, f"{e.id}: no marker in the {by_lang[e.source]} edition page"
        assert e.original in (marks[0].get("title") or ""), "the marker must show the original reading"


def test_site_has_a_home_page_per_language_that_says_what_it_is(site_dir):
    assert "78/311" in scan(html_path(site_dir, "zh", "index.md")).text
    assert "резолюция 78/311" in scan(html_path(site_dir, "ru", "index.md")).text
    assert "resolution 78/311" in scan(html_path(site_dir, "en", "index.md")).text


@pytest.mark.parametrize("lang,html_lang", [("zh", "zh"), ("ru", "ru"), ("en", "en")])
def test_interface_language_per_tree(site_dir, lang, html_lang):
    raw = html_path(site_dir, lang, "resolution/index.md").read_text(encoding="utf-8")
    assert f'<html lang="{html_lang}"' in raw


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_no_english_interface_string_on_chinese_and_russian_pages(site_dir, edition, lang):
    """Titles, labels and tooltips come from the translated strings, never an English fallback."""
    english = {v["en"] for k, v in edition.ui.strings.items() if v["en"] != v[lang]}
    english |= {"Dark", "Light", "Switch to dark mode", "Switch to light mode"}
    for md_path in ("index.md", "resolution/index.md", "resolution/parallel.md", "apparatus.md", "about.md"):
        page = scan(html_path(site_dir, lang, md_path))
        shown = {a.get(k) for _, a in page.elements for k in ("title", "aria-label") if a.get(k)}
        leaked = sorted(s for s in shown if s in english)
        assert not leaked, f"{lang} {md_path}: English interface strings {leaked}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_markdown_syntax_leaks_into_any_page(site_dir, lang):
    """A table, list or attribute list the writer meant must never show up as raw Markdown."""
    from pagetypes import pages

    leaks = []
    for path in pages(site_dir, lang):
        text = scan(path).text
        for raw in ("|---|", "{.", "{#", "](", "]{", "\\*"):
            if raw in text:
                leaks.append(f"{path.name}: {raw!r}")
    assert not leaks, leaks
