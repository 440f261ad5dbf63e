"""Emendation records: validated against their source line, applied, never silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.emendations import apply_emendations, load_emendations
from edition.errors import DataError
from edition.model import Emended, Emphasis, Paragraph, Text, plain_text

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "emendations"
    folder.mkdir()
    (folder / "x.yaml").write_text("version: 1\nemendations:\n" + body, encoding="utf-8")
    return folder


RECORD = """  - id: e-x-1
    source: s
    line: 2
    original: "capacitybuilding"
    corrected: "capacity-building"
    reason: {zh: 理由, ru: причина, en: reason}
"""


def test_record_is_loaded_when_original_is_on_its_line(tmp_path):
    records = load_emendations(write(tmp_path, RECORD), {"s": ["first", "on capacitybuilding in"]})
    assert records[0].id == "e-x-1" and records[0].line == 2


def test_original_not_on_its_line_names_file_entry_and_line(tmp_path):
    folder = write(tmp_path, RECORD)
    with pytest.raises(DataError) as err:
        load_emendations(folder, {"s": ["on capacitybuilding in", "something else"]})
    message = str(err.value)
    # the line of the record's original reading
    assert "x.yaml:6:" in message and "e-x-1" in message and "not on line 2" in message


@pytest.mark.parametrize("change,expected", [
    (("source: s", "source: nope"), "unknown source 'nope'"),
    (("line: 2", "line: 99"), "line 99 is not a line"),
    (("reason: {zh: 理由, ru: причина, en: reason}", "reason: {zh: 理由, en: reason}"), "'reason' of emendation 1: missing language ru"),
    (("id: e-x-1", "id: bad id"), "expected an id of the form e-<source>-<n>, got the text 'bad id'"),
    (('original: "capacitybuilding"', "original:"), "'original' of emendation 1: expected a text, got nothing"),
    (('    original: "capacitybuilding"\n', ""), "emendation 1: missing field 'original'"),
])
def test_malformed_records_are_refused(tmp_path, change, expected):
    folder = write(tmp_path, RECORD.replace(*change))
    with pytest.raises(DataError, match=expected):
        load_emendations(folder, {"s": ["first", "on capacitybuilding in"]})


def test_duplicate_id_is_refused(tmp_path):
    with pytest.raises(DataError, match=r"x\.yaml:9: emendation 2: id 'e-x-1' given twice \(first at line 3\)"):
        load_emendations(write(tmp_path, RECORD + RECORD), {"s": ["first", "on capacitybuilding in"]})


def test_broken_yaml_names_its_line(tmp_path):
    folder = write(tmp_path, RECORD + "  - id: [unclosed\n")
    with pytest.raises(DataError, match=r"x\.yaml:\d+: YAML syntax error"):
        load_emendations(folder, {"s": ["first", "on capacitybuilding in"]})


def test_the_five_named_defects_are_corrected_in_the_real_texts(edition):
    docs = edition.witnesses("resolution")

    def emended(lang, anchor):
        block = docs[lang].find(anchor)
        return [n for n in getattr(block, "inlines", ()) if isinstance(n, Emended)]

    zh = emended("zh", "pp10")
    assert zh and zh[0].original == "方法 and 业务模式" and plain_text(zh[0].corrected) == "方法和业务模式"
    assert "方法和业务模式" in plain_text(docs["zh"].find("pp10").inlines)
    ru = emended("ru", "pp5")
    assert ru and (ru[0].original, plain_text(ru[0].corrected)) == ("неперенных", "непременных")
    en1 = emended("en", "op1")
    assert en1 and plain_text(en1[0].corrected) == "capacity-building"
    en7 = emended("en", "op7")
    assert en7 and en7[0].corrected == (Emphasis((Text("Encourages"),), "italic"),)
    header = docs["en"].find("header")
    symbol = header.get("symbol")
    assert [n for n in symbol.inlines if isinstance(n, Emended)][0].original == "A/res/78/311"


def test_every_record_changes_exactly_one_place(edition):
    for e in edition.emendations:
        doc = edition.documents.get(e.source)
        if doc is None:
            continue
        found = []

        def visit(nodes):
            for n in nodes:
                if isinstance(n, Emended) and n.emendation == e.id:
                    found.append(n)
                visit(getattr(n, "children", ()))
                visit(getattr(n, "corrected", ()))

        from edition.model import walk
        for block in walk(doc.blocks + doc.footnotes):
            visit(getattr(block, "inlines", ()))
            visit(getattr(block, "title", ()))
            for f in getattr(block, "fields", ()):
                visit(f.inlines)
            for row in getattr(block, "rows", ()):
                for cell in row:
                    visit(cell)
        assert len(found) == 1, e.id


def test_record_whose_reading_is_split_by_markup_is_reported(tmp_path):
    from edition.model import Document
    doc = Document("s", "resolution", "en", "s.txt",
                   (Paragraph("op1", "1.", (Emphasis((Text("Encou"),)), Text("rages")), (2,), "operative"),))
    folder = write(tmp_path, RECORD.replace('"capacitybuilding"', '"Encourages"').replace('"capacity-building"', '"*Encourages*"'))
    records = load_emendations(folder, {"s": ["", "1. Encourages"]})
    with pytest.raises(DataError, match="not found in the parsed text"):
        apply_emendations(doc, records)


# ------------------------------------------------ a garbled glyph whose reading is certain


def test_an_emendation_can_repair_an_illegible_glyph(edition):
    from edition.model import Document, Illegible

    para = Paragraph(None, None, (Text("可持续发展目标"), Illegible("\ufffd"), Text("-经济适用的清洁能源")), (4346,), "illegible")
    doc = Document("report-zh", "report", "zh", "r.txt", (para,))
    e = next(x for x in edition.emendations if x.id == "e-rep-zh-1")
    out = apply_emendations(doc, [e]).blocks[0]
    assert out.inlines == (Text("可持续发展目标"), Emended("e-rep-zh-1", "\ufffd", (Text("7"),)), Text("-经济适用的清洁能源"))


def test_the_repaired_line_reads_in_every_language_and_the_rest_stays_illegible(site_dir):
    from htmlscan import lang_root, scan

    for lang in ("zh", "ru", "en"):
        root = lang_root(site_dir, lang)
        annexes = scan(root / "report" / "annexes.html")
        assert "可持续发展目标7-经济适用的清洁能源" in annexes.text
        assert "\ufffd" not in annexes.text
        assert "e-rep-zh-1" in scan(root / "apparatus.html").ids
