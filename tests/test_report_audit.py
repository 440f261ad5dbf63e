"""The report audit: each check on blocks cut from the real source, then the whole edition.

The checks are the independent route back to the source: they know nothing of the
parser's rules, only the shape of what a reader sees. Each check is shown to find
the defect the issue names, on the source lines that held it, before it was fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import audit as A
from edition.errors import DataError, SourceError

ROOT = Path(__file__).resolve().parents[1]
SOURCE = (ROOT / "sources" / "texts" / "governing-ai-for-humanity.zh.txt").read_text(encoding="utf-8").splitlines()


def block(kind: str, numbers: list[int], cls: str = "text", role: str = "body", place: str = "x",
          text: str | None = None) -> A.MappedBlock:
    """A rendered block as the old parser made it, from the source lines it held."""
    lines = tuple(A.MappedLine(n, SOURCE[n - 1].strip(), cls, "report.paragraph") for n in numbers)
    return A.MappedBlock(kind, place, role, text if text is not None else "".join(ln.text for ln in lines), lines)


def checks(found) -> list[tuple[str, int]]:
    return [(p.check, p.line) for p in found]


def test_short_last_line_finds_a_heading_glued_to_a_paragraph():
    # p48 ended with Box 7's first subheading; p142 with the next section's heading (two lines)
    p48 = block("paragraph", [1305, 1306, 1307, 1308, 1309, 1312], place="p48")
    p142 = block("paragraph", [2395, 2396, 2397, 2398, 2399, 2400, 2402, 2403], place="p142")
    assert checks(A.check_short_last_line((p48, p142))) == [("short-last-line", 1312), ("short-last-line", 2402)]
    # the same paragraphs without the glued lines are clean
    clean = (block("paragraph", [1305, 1306, 1307, 1308, 1309]), block("paragraph", [2395, 2396, 2397, 2398, 2399, 2400]))
    assert list(A.check_short_last_line(clean)) == []


def test_unclosed_note_finds_a_note_cut_at_an_open_bracket():
    cut = block("note", [925], place="box2-note-c", text=SOURCE[924][2:])
    whole = block("note", [925, 927], place="box2-note-c", text=SOURCE[924][2:] + SOURCE[926])
    assert checks(A.check_unclosed((cut,))) == [("unclosed-note", 925)]
    assert list(A.check_unclosed((whole,))) == []


def test_mixed_classes_finds_a_garbled_line_inside_a_paragraph():
    lines = tuple(A.MappedLine(n, SOURCE[n - 1], "text", "report.box-text") for n in (910, 911, 912)) + (
        A.MappedLine(914, SOURCE[913], "illegible", "report.box-text"),)
    b = A.MappedBlock("paragraph", "box2", "box", "", lines)
    assert checks(A.check_mixed_classes((b,))) == [("mixed-classes", 910)]


def test_heading_inside_finds_a_group_label_glued_to_a_bullet():
    # box 4: the group label "经济" closed the bullet before it
    b = block("paragraph", [1096, 1098], role="box")
    assert SOURCE[1097].strip() == "经济"
    assert checks(A.check_heading_inside((b,))) == [("heading-inside", 1098)]


def test_note_as_paragraph_finds_a_note_continuation_after_a_page_break():
    b = block("paragraph", [1541], role="unnumbered")
    assert A.width(SOURCE[1540]) > 2 * A.WIDE
    assert checks(A.check_note_as_paragraph((b,))) == [("note-as-paragraph", 1541)]


def test_text_twice_finds_a_page_break_duplicate_of_an_opening():
    dup = A.MappedBlock("paragraph", "ch3", "unnumbered", "述多个国家、区域、多利益攸关方", ())
    para = A.MappedBlock("paragraph", "p60", "body", "……阐述多个国家、区域、多利益攸关方和其他举措", ())
    assert [p.check for p in A.check_rendered_twice((dup, para))] == ["text-twice"]


def test_hidden_legible_counts_han_against_garbled_glyphs():
    assert A.legible_share("可持续发展目标\ufffd-经济适用的清洁能源")[1] >= A.LEGIBLE_SHARE
    han, share = A.legible_share("Ғێ来源：国எ୐壝Ҹ՛。")
    assert share < A.LEGIBLE_SHARE


def test_doubled_runs_are_found_and_emended_lines_are_settled():
    from edition.model import Document, LedgerEntry

    words = next(i for i, t in enumerate(SOURCE, 1) if "联合国联合国" in t)  # a doubled word
    glyphs = next(i for i, t in enumerate(SOURCE, 1) if "按按性性别别" in t)  # every glyph twice
    reading = next(i for i, t in enumerate(SOURCE, 1) if "人工智能能力" in t)  # "能能" is the text's own
    doc = Document("report-zh", "report", "zh", "x", (), ledger=tuple(
        LedgerEntry(n, "text", "report.paragraph") for n in sorted((words, glyphs, reading))))
    assert checks(A.check_doubled_runs(doc, SOURCE)) == sorted([("doubled-run", words), ("doubled-run", glyphs)],
                                                               key=lambda x: x[1])
    assert checks(A.check_doubled_runs(doc, SOURCE, frozenset({words}))) == [("doubled-run", glyphs)]


def test_reviewed_list_refuses_an_entry_without_reason(tmp_path):
    f = tmp_path / "r.yaml"
    f.write_text("version: 1\nreviewed:\n  - check: doubled-run\n    line: 3\n    status: accepted\n    reason: ''\n",
                 encoding="utf-8")
    with pytest.raises(DataError) as e:
        A.load_reviewed(f)
    assert str(e.value).startswith(f"{f}:6: ")  # the reason's own line
    f.write_text("version: 1\nreviewed:\n  - check: nonsense\n    line: 3\n    status: open\n    reason: x\n",
                 encoding="utf-8")
    with pytest.raises(DataError, match="unknown check 'nonsense'"):
        A.load_reviewed(f)


def test_the_report_audit_has_no_unreviewed_place_and_no_stale_review():
    """`edition audit report` at zero: every place is fixed by a rule or reviewed with a reason."""
    places, reviewed = A.audit_report(ROOT)
    assert [(p.check, p.line, p.place, p.detail[:60]) for p in A.unreviewed(places, reviewed)] == []
    assert A.stale(places, reviewed) == []
    assert all(r.reason for r in reviewed.values())


def test_the_issue_examples_are_fixed_not_reviewed():
    """#p48, #p142, box 2 note c, note 16's continuation, the chapter 3 duplicate: gone from the audit."""
    places, reviewed = A.audit_report(ROOT)
    lines = {p.line for p in places}
    assert not lines & {1312, 2402, 925, 910, 1541, 997, 1418, 1085, 1098, 1107, 391, 2882}
    hidden = [p for p in places if p.check == "hidden-legible" and p.line >= 3400]
    assert [p.line for p in hidden] == []  # annexes E/F: "中中国国" (4109) is read once and shown


def test_the_audit_command_prints_counts_and_exits_0():
    from edition.cli import main

    assert main(["audit", "report"]) == 0
