"""Annex G's abbreviations explained on hover in the Chinese text of the report."""

from __future__ import annotations

from edition.glossary import apply_glossary, glossary_of
from edition.model import Abbr, Document, Paragraph, Text
from htmlscan import html_path, scan


def test_glossary_comes_from_annex_g(edition):
    glossary = glossary_of(next(d for d in edition.documents.values() if d.document == "report"))
    assert len(glossary) == 19
    assert glossary["经合组织"] == "经济合作与发展组织" and glossary["G7"] == "七国集团"


def test_abbreviations_are_marked_inside_chinese_text_and_latin_ones_as_whole_tokens():
    doc = Document("s", "report", "zh", "s.txt", (Paragraph("p1", "1", (Text("经合组织和G7以及G77支持"),), (1,)),))
    out = apply_glossary(doc, {"经合组织": "经济合作与发展组织", "G7": "七国集团"})
    nodes = out.blocks[0].inlines
    assert nodes == (Abbr("经合组织", "经济合作与发展组织"), Text("和"), Abbr("G7", "七国集团"), Text("以及G77支持"))


def test_abbr_markup_in_the_built_report_but_not_in_the_glossary_table(site_dir):
    chapter = html_path(site_dir, "en", "report/chapter-1.md").read_text(encoding="utf-8")
    assert '<abbr title="经济合作与发展组织">经合组织</abbr>' in chapter
    annexes = html_path(site_dir, "zh", "report/annexes.md").read_text(encoding="utf-8")
    table = annexes[annexes.index('id="annex-g-table"'):]
    table = table[:table.index("</table>")]
    assert "<abbr" not in table and "经合组织" in table
    assert "经合组织" in scan(html_path(site_dir, "zh", "report/chapter-1.md")).text
