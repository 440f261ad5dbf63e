"""Headings through the writer: their contents-list entry is the reading text, without marks."""

from __future__ import annotations

from pathlib import Path

import html

import markdown

from edition.model import Emended, Heading, NoteRef, Text
from conftest import LANGUAGES
from edition.ui import load_ui
from edition.writer.markdown import Context, heading_md
from test_escape import site_extensions

ROOT = Path(__file__).resolve().parents[1]
UI = load_ui(ROOT / "sources" / "data" / "ui")


def toc_of(md_text: str) -> list[dict]:
    names, configs = site_extensions()
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    md.convert(md_text)
    return md.toc_tokens


def test_a_heading_with_an_emendation_and_a_note_lists_its_reading_text():
    ctx = Context(lang="zh", page="report/chapter-4.md", ui=UI, languages=LANGUAGES, pages={"apparatus": "apparatus.md"})
    heading = Heading(3, "fig12-title", (Text("图 12：参加{举措}的情况"), Emended("e-x", " party to", ()),
                                         NoteRef("fn3", "3")), (1,))
    md = heading_md(heading, ctx)
    [token] = toc_of(md)
    assert token["id"] == "fig12-title"
    # the label is the reading text itself: the toc name is HTML, braces come as character references
    assert html.unescape(token["name"]) == "图 12：参加{举措}的情况"
    name = html.unescape(token["name"])
    assert "°" not in name and "3" not in name.replace("12", "")


def test_a_plain_heading_needs_no_label():
    ctx = Context(lang="zh", page="report/chapter-4.md", ui=UI, languages=LANGUAGES)
    md = heading_md(Heading(2, "x", (Text("导言"),), (1,)), ctx)
    assert "data-toc-label" not in md
    assert toc_of(md)[0]["name"] == "导言"
