"""The report parser: each rule on a small fixture cut from the real source, then the whole text.

Fixtures in tests/fixtures/report are copied line for line from
sources/texts/governing-ai-for-humanity.zh.txt; the number in the file name is
the source line where the cut starts.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from edition.errors import SourceError
from edition.model import Container, DocRef, Footnote, Heading, Illegible, ListItem, NoteRef, Paragraph, Text, Xref, plain_text, walk
from edition.parsers import report as R

FIX = Path(__file__).parent / "fixtures" / "report"
ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "sources" / "texts" / "governing-ai-for-humanity.zh.txt"


def fixture(name: str, start: int) -> list[R.Line]:
    text = (FIX / name).read_text(encoding="utf-8").splitlines()
    return [R.Line(start + i, raw) for i, raw in enumerate(text)]


@pytest.fixture(scope="module")
def doc():
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    return R.parse_report(lines, lang="zh", path="report.zh.txt", source="report-zh")


# ------------------------------------------------------------ single rules


def test_interleaved_numbering_footnote_versus_paragraph():
    lines = fixture("interleaved-753.txt", 744)
    at = {ln.number: i for i, ln in enumerate(lines)}
    seq = R.Sequences(paragraph=12, footnote=1)
    # "1 见 https://..." stands among footnotes: footnote 1, while paragraph 12 is expected
    assert R.footnote_or_paragraph(lines, at[753], 1, seq, None) == "footnote"
    seq.footnote = 3
    assert R.footnote_or_paragraph(lines, at[756], 12, seq, "footnote") == "paragraph"
    # a number neither sequence expects is neither
    assert R.footnote_or_paragraph(lines, at[756], 12, R.Sequences(paragraph=40, footnote=9), None) is None


def test_both_sequences_expect_one_paragraph_wins_outside_a_footnote_run():
    lines = [R.Line(675, "1. 导言"), R.Line(676, ""), R.Line(677, "1 成立秘书长人工智能高级别咨询机构的目的是分析国"),
             R.Line(678, "际人工智能治理问题，并就此提出建议。我们的成员")]
    assert R.footnote_or_paragraph(lines, 2, 1, R.Sequences(), "heading") == "paragraph"


def test_page_header_is_not_paragraph_22():
    lines = fixture("page-header-892.txt", 888)
    header = next(ln for ln in lines if ln.number == 892)
    assert R.is_page_header(header.text)
    assert not R.is_page_header("22 在人工智能相关的示例风险领域列表中7 ，多数专家")
    assert R.is_page_header("61最后报告")


def test_page_header_in_the_whole_text(doc):
    entry = next(e for e in doc.ledger if e.line == 892)
    assert (entry.cls, entry.rule) == ("furniture", "report.page-header")
    assert doc.find("p22").lines[0] == 954


def test_paragraph_continues_across_a_blank_line(doc):
    lines = fixture("blank-inside-paragraph-12.txt", 12)
    assert lines[1].blank  # line 13 is blank inside paragraph 一
    es1 = doc.find("es1")
    assert es1.lines == (12, 14, 15, 16)
    assert plain_text(es1.inlines) == "人工智能正在变革我们的世界。这套技术具有巨大的向善潜力，从开辟新的科学探索领域和优化能源" \
        "网络，到改善公共卫生和农业，乃至促进在实现可持续发展目标方面取得更广泛的进展。"


def test_join_keeps_a_space_between_latin_words_only():
    assert R.join_lines(["人工智能的", "发展"]) == "人工智能的发展"
    assert R.join_lines(["see also Josh", "Abramson"]) == "see also Josh Abramson"


def test_box_whose_title_follows_its_text(doc):
    lines = fixture("box1-title-after-text-847.txt", 847)
    assert R._BOX.match(lines[-1].raw)
    box = doc.find("box1")
    assert isinstance(box, Container) and box.kind == "box"
    assert plain_text(box.title) == "人工智能在推动科学进步方面的潜力"
    assert box.lines[0] == 847 and 888 in box.lines
    notes = [b for b in box.blocks if isinstance(b, Footnote)]
    assert [n.anchor for n in notes] == ["box1-note-a", "box1-note-b", "box1-note-c", "box1-note-d"]
    calls = {n.note for b in walk(box.blocks) for n in getattr(b, "inlines", ()) if isinstance(n, NoteRef)}
    assert calls == {"box1-note-a", "box1-note-b", "box1-note-c", "box1-note-d"}


def test_box_continuation_is_one_box(doc):
    box9 = doc.find("box9")
    assert 1858 in box9.lines and 1864 in box9.lines  # text before the title and after "（续）"
    assert sum(1 for b in doc.blocks if isinstance(b, Container) and b.anchor == "box9") == 1
    assert next(e for e in doc.ledger if e.line == 1862).rule == "report.box-continued-title"


def test_glued_footnote_markers():
    text = plain_text((Text(fixture("glued-marker-44.txt", 44)[0].text),))
    assert R.find_call(text, 1) == text.index("1中")
    assert R.find_call("小组可以为受众汇总 22、提炼", 22) == 10
    for not_a_call, n in (("见建议4和5", 4), ("2024年5月", 5), ("第23段", 23), ("方框9", 9), ("18个月", 18)):
        assert R.find_call(not_a_call, n) is None, not_a_call


def test_glued_marker_resolved_in_the_whole_text(doc):
    es6 = doc.find("es6")
    refs = [n for n in es6.inlines if isinstance(n, NoteRef)]
    assert [(r.note, r.label) for r in refs] == [("es-fn1", "1")]
    assert plain_text(es6.inlines).startswith("正如我们在中期报告1中指出的")


def test_garbled_lines_become_illegible():
    lines = fixture("garbled-3506.txt", 3506)
    garbled = [ln for ln in lines if R.is_garbled_zh(ln.text)]
    assert [ln.number for ln in garbled] == [3510, 3511, 3512, 3513, 3515]
    assert not R.is_garbled_zh("样本概览") and not R.is_garbled_zh("按性别和区域划分显示分布均衡")
    inl = R.text_inlines(garbled[0].text)
    assert any(isinstance(n, Illegible) for n in inl)
    assert all(not R.is_garbled_zh(plain_text((n,))) for n in inl)


def test_garbled_lines_in_the_ledger(doc):
    cls = {e.line: e.cls for e in doc.ledger}
    assert cls[3510] == "illegible" and cls[914] == "illegible"  # annex E; the source line of box 2
    for b in walk(doc.blocks):
        for n in getattr(b, "inlines", ()):
            if hasattr(n, "text"):
                assert not R.is_garbled_zh(n.text), (b.lines, n.text)


def test_chinese_numerals():
    assert [R.cn_number(s) for s in ("一", "十", "十一", "二十", "七十一")] == [1, 10, 11, 20, 71]
    assert R.cn_number("百") is None


def test_recommendation_items_and_anchors(doc):
    rec4 = doc.find("rec4")
    assert rec4.kind == "recommendation" and rec4.label == "建议4："
    assert plain_text(rec4.title) == "能力发展网络"
    c = doc.find("rec4-c")
    assert isinstance(c, ListItem) and [i.anchor for i in c.items] == ["rec4-c-i", "rec4-c-ii", "rec4-c-iii", "rec4-c-iv"]
    assert doc.find("es-rec4-c-ii") is not None


def test_figure_caption_kept_residue_left_out(doc):
    fig10 = doc.find("fig10")
    assert fig10.kind == "figure" and fig10.note == "figure-not-reproduced"
    cls = {e.line: e.cls for e in doc.ledger}
    # the caption; the legible labels are shown (see below), what is no label stays residue
    assert cls[1665] == "caption" and cls[1670] == "text" and cls[1684] == "residue"


def test_a_figure_lost_in_extraction_gets_a_placeholder_after_its_first_citation():
    def fig(n):
        return Container("figure", f"fig{n}", f"图{n}", (Text(f"caption {n}"),), (), (n * 10,), note="figure-not-reproduced")

    cites = Paragraph("p32", "32", (Text("在开发（74%）以及采用和应用（89%）方面（见图4）。"),), (1059,), "body")
    again = Paragraph("p33", "33", (Text("再次见图4。"),), (1065,), "body")
    out = R.add_lost_figures([fig(3), cites, again, fig(5)])
    assert [getattr(b, "anchor", None) for b in out] == ["fig3", "p32", "fig4", "p33", "fig5"]
    lost = out[2]
    assert lost.label == "图4" and lost.title == () and lost.lines == () and lost.note == R.LOST_FIGURE
    # with no gap in the numbering nothing is added
    assert R.add_lost_figures([fig(3), cites, fig(4)]) == [fig(3), cites, fig(4)]


def test_every_figure_has_its_anchor_and_only_4_and_6_are_lost(doc):
    figures = {b.anchor: b for b in walk(doc.blocks)
               if isinstance(b, Container) and b.kind == "figure" and b.note != R.SURVEY_CHART}
    assert set(figures) == {f"fig-{c}" for c in "abcd"} | {f"fig{n}" for n in range(1, 18)}
    assert sorted(a for a, f in figures.items() if f.note == R.LOST_FIGURE) == ["fig4", "fig6"]
    # and the text's "见图4" / "见图6" now lead there
    for p, target in (("p32", "fig4"), ("p54", "fig6")):
        assert target in [n.anchor for n in doc.find(p).inlines if isinstance(n, Xref)], p


def test_references_become_links(doc):
    es30 = doc.find("es30")
    links = [(n.page, n.anchor) for n in es30.inlines if isinstance(n, Xref)]
    assert links == [("report", "es-rec4"), ("report", "es-rec5")]
    p100 = doc.find("p100")
    assert [n.anchor for n in p100.inlines if isinstance(n, Xref)] == ["p66", "p73"]
    p21 = doc.find("p21")
    assert ("report-annexes", "annex-e") in [(n.page, n.anchor) for n in p21.inlines if isinstance(n, Xref)]
    fn14 = doc.find("fn14")
    assert {n.symbol for n in fn14.inlines if isinstance(n, DocRef)} == {"A/RES/78/265", "A/RES/78/311"}


def test_wrong_language_and_empty_input_are_refused():
    with pytest.raises(SourceError):
        R.parse_report(["x"], lang="en", path="x")
    with pytest.raises(SourceError):
        R.parse_report(["", ""], lang="zh", path="x")
    with pytest.raises(SourceError, match="执行摘要"):
        R.parse_report(["一 段落"], lang="zh", path="x")


# ------------------------------------------------------------------ counts


def test_counts(doc):
    anchors = doc.anchors()
    assert [a for a in anchors if a.startswith("es") and a[2:].isdigit()] == [f"es{i}" for i in range(1, 72)]
    assert [a for a in anchors if a.startswith("p") and a[1:].isdigit()] == [f"p{i}" for i in range(1, 220)]
    recs = [b for b in walk(doc.blocks) if isinstance(b, Container) and b.kind == "recommendation"]
    assert [r.anchor for r in recs] == [f"es-rec{i}" for i in range(1, 8)] + [f"rec{i}" for i in range(1, 8)]
    boxes = [b.anchor for b in doc.blocks if isinstance(b, Container) and b.kind == "box"]
    assert sorted(boxes, key=lambda a: int(a[3:])) == [f"box{i}" for i in range(1, 17)]
    assert [a for a in anchors if a.startswith("annex-") and len(a) == 7] == [f"annex-{c}" for c in "abcdefg"]


def test_every_footnote_is_called(doc):
    called = {n.note for b in walk(doc.blocks) for n in getattr(b, "inlines", ()) if isinstance(n, NoteRef)}
    assert [f.anchor for f in doc.footnotes if f.anchor not in called] == []
    assert len(doc.footnotes) >= 50


def test_ledger_covers_every_line_once(doc):
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    assert [e.line for e in doc.ledger] == list(range(1, len(lines) + 1))
    counts = Counter(e.cls for e in doc.ledger)
    assert set(counts) <= {"text", "heading", "footnote", "caption", "table", "furniture", "residue", "illegible", "blank"}
    for e in doc.ledger:
        assert (e.cls == "blank") == (not lines[e.line - 1].strip()), e


def test_a_caption_cut_mid_phrase_goes_on_to_the_next_line():
    # figure 15 (source lines 2277-2278): the caption stops at "和可" and goes on at the margin
    assert R.caption_wraps("图 15：专家对人工智能在未来三年产生重大积极影响的预期，按地区和可", "持续发展目标分列")
    # a complete caption followed by an indented page line or chart text does not
    assert not R.caption_wraps("图 14：专家对人工智能在各领域产生重大积极影响的时间的预期", " 专家预计，未来三年中")
    assert not R.caption_wraps("图5: 在国际层面提出的人工智能治理职能", " 能问题的原则、宣言")
    assert not R.caption_wraps("图 9：某某", "75")


def test_two_line_captions_are_whole(doc):
    assert plain_text(doc.find("fig15").title).endswith("按地区和可持续发展目标分列")
    assert plain_text(doc.find("fig16").title).endswith("所面临障碍的评分")
    assert "工智能治理举措样本的情况" in plain_text(doc.find("fig12").title)


def test_a_subheading_at_the_top_of_a_page_after_a_note():
    """"人才" (source line 2303) opens a page right after box 11's note b: no blank line
    before it, but the extraction indents a page's first line."""
    lines = [R.Line(2301, "higher in the first chart than the second chart."), R.Line(2302, "cause a major positive impact."),
             R.Line(2303, " 人才"), R.Line(2304, ""), R.Line(2305, "131 世界各地的社会能否参与人工智能的有益成果，首先")]
    assert R.is_subheading(lines, 2)
    # an indented lone line that is not followed by a blank line is not one
    assert not R.is_subheading(lines[:3] + [R.Line(2304, "继续的文字")], 2)


def test_the_talent_heading_is_a_heading(doc):
    cls = {e.line: e.cls for e in doc.ledger}
    assert cls[2303] == "heading" and cls[2328] == "heading" and cls[2360] == "heading"


def test_a_lettered_note_after_its_box_title_keeps_its_wrapped_lines(doc):
    """Notes printed after the box title used to lose the lines they wrap onto (to chart
    residue or to the box text): box 2 note a runs over four lines, box 11 notes a and b
    over two and three; a new page (indented) ends them."""
    notes = {f.anchor: f for b in ("box2", "box9", "box10", "box11") for f in walk((doc.find(b),))
             if isinstance(f, Footnote)}
    assert notes["box2-note-a"].lines == (919, 920, 921, 922)
    assert notes["box11-note-a"].lines == (2273, 2274)
    assert plain_text(notes["box11-note-a"].inlines).endswith("产生负面影响")
    assert notes["box11-note-b"].lines == (2300, 2301, 2302)
    assert notes["box9-note-b"].lines == (1882, 1883) and notes["box10-note-a"].lines == (2167, 2168)
    cls = {e.line: e.cls for e in doc.ledger}
    assert all(cls[n] == "footnote" for n in (920, 921, 922, 2274, 2301, 2302))


def test_survey_lines_join_only_where_cut_at_the_margin():
    """Annexes E and F: a chart headline stands a line each; a line cut at the margin goes on."""
    wrapped = fixture("survey-lines-4016.txt", 4016)  # "…的担忧程" / "度较低"
    above, here = wrapped[5].text, wrapped[6].text
    assert above.endswith("担忧程") and R.survey_line_continues(above, here)
    headline = fixture("survey-headline-3644.txt", 3644)  # two headlines, then the chart's "2 3 4 5"
    assert not R.survey_line_continues(headline[2].text, headline[3].text)
    assert not R.survey_line_continues(headline[3].text, headline[4].text)
    assert R.is_numeric_residue(headline[4].text)
    prose = fixture("survey-prose-4062.txt", 4062)  # a sentence ends at the margin, the paragraph goes on
    assert R.survey_line_continues(prose[1].text, prose[2].text)
    assert prose[3].text.endswith("。") and R.survey_line_continues(prose[3].text, prose[4].text)
    assert R.survey_line_continues(prose[4].text, prose[5].text)
    assert not R.survey_line_continues(prose[5].text, prose[6].text)  # " 58": the chart below


def test_a_survey_slide_title_is_text():
    lines = fixture("survey-title-3504.txt", 3504)  # "样本概览" between blank lines
    assert lines[2].text == "样本概览" and R.is_slide_title(lines, 2)
    shadowed = [R.Line(1, ""), R.Line(2, "中中国国 "), R.Line(3, "")]  # a chart label doubled by its shadow
    assert not R.is_slide_title(shadowed, 1)
    assert not R.is_slide_title([R.Line(1, ""), R.Line(2, "可"), R.Line(3, "")], 1)  # a label set letter by letter


def test_survey_annexes_in_the_whole_text(doc):
    cls = {e.line: e.cls for e in doc.ledger}
    assert cls[3506] == cls[4125] == "text"  # the slide titles "样本概览", "样本概述"
    assert cls[4022] == cls[4164] == "text"  # "度较低", "较少": the ends of cut headlines
    assert cls[3648] == "residue"  # "2 3 4 5"
    assert cls[4109] == "text"  # "中中国国", a chart label in overprinted bold, read once: "中国"
    texts = {b.lines: plain_text(b.inlines) for b in walk(doc.blocks) if isinstance(b, Paragraph)}
    assert texts[(4021, 4022)].endswith("的担忧程度较低")
    assert texts[(3646,)] == "男女受访者的概况存在一些差异"
    assert texts[(4063, 4064, 4065, 4066, 4067)].endswith("（包括不同地区和性别）。")


# ------------------------------------------- issue 11: defects the audit found


def _block(doc, anchor):
    return next(b for b in walk(doc.blocks) if getattr(b, "anchor", None) == anchor)


def test_a_title_wrapped_over_two_column_lines_is_a_subheading():
    lines = fixture("wrapped-subheading-2399.txt", 2399)
    at = {ln.number: i for i, ln in enumerate(lines)}
    assert R.wrapped_subheading(lines, at[2402]) == 2  # "建设国际人工智能核心公共能力，实现共享" / "惠益"
    assert R.wrapped_subheading(lines, at[2399]) == 0  # a paragraph's lines are not a title
    page_top = fixture("rec-subheading-2879.txt", 2879)
    at = {ln.number: i for i, ln in enumerate(page_top)}
    assert R.wrapped_subheading(page_top, at[2882]) == 2  # indented: a page's first line after a bullet


def test_p142_no_longer_ends_with_the_next_heading(doc):
    p142 = _block(doc, "p142")
    assert plain_text(p142.inlines).endswith("利用。") and p142.lines[-1] == 2400
    after = doc.blocks[doc.blocks.index(p142) + 1]
    assert isinstance(after, Heading) and plain_text(after.inlines) == "建设国际人工智能核心公共能力，实现共享惠益"


def test_box15_ends_before_the_subheading_of_recommendation_7(doc):
    box15 = _block(doc, "box15")
    assert max(box15.lines) == 2881
    assert not plain_text(box15.blocks[-1].blocks[0].inlines).endswith("人工智能办公室")


def test_a_group_label_above_bullets_stands_alone():
    lines = fixture("group-label-1083.txt", 1083)
    at = {ln.number: i for i, ln in enumerate(lines)}
    assert R.is_group_label(lines, at[1085])  # "政治和社会" above "• 对群体的歧视…"
    assert not R.is_group_label(lines, at[1083])
    wrapped = fixture("bullet-wrap-1288.txt", 1288)
    at = {ln.number: i for i, ln in enumerate(wrapped)}
    assert not R.is_group_label(wrapped, at[1293])  # "向": the end of guiding principle 2, not a label


def test_box4_group_labels_are_not_glued_to_bullets(doc):
    box4 = _block(doc, "box4")
    labels = [plain_text(b.inlines) for b in box4.blocks if isinstance(b, Paragraph)]
    assert labels[:4] == ["个人", "政治和社会", "经济", "环境"]
    items = [plain_text(b.blocks[0].inlines) for b in box4.blocks if isinstance(b, ListItem)]
    assert not any(t.endswith(("政治和社会", "经济", "环境")) for t in items)
    # each label stands right above its bullets
    kinds = [type(b).__name__ for b in box4.blocks]
    assert kinds.index("Paragraph", 1) > kinds.index("ListItem")


def test_box15_bullets_drop_the_doubled_bullet_and_keep_their_labels(doc):
    box15 = _block(doc, "box15")
    texts = [plain_text(b.inlines) if isinstance(b, Paragraph) else plain_text(b.blocks[0].inlines) for b in box15.blocks]
    assert "共同基础：" in texts and "共享惠益：" in texts and "协同努力：" in texts
    assert not any(t.startswith("·") for t in texts)
    assert {b.label for b in box15.blocks if isinstance(b, ListItem)} == {"•"}


def test_p48_ends_with_its_sentence_and_box7_opens_with_its_subheading(doc):
    p48 = _block(doc, "p48")
    assert plain_text(p48.inlines).endswith("使边缘群体得到代表的问题。") and p48.lines[-1] == 1309
    box7 = _block(doc, "box7")
    assert plain_text(box7.blocks[0].inlines) == "强调基于人权的人工智能治理："


def test_the_summary_subheading_before_paragraph_43_is_a_heading(doc):
    rec4 = _block(doc, "es-rec4")
    assert max(rec4.lines) == 389
    h = next(b for b in doc.blocks if isinstance(b, Heading) and b.lines == (391,))
    assert plain_text(h.inlines) == "能力发展网络"


def test_box2_note_c_goes_on_after_the_page_break(doc):
    note = _block(doc, "box2-note-c")
    assert plain_text(note.inlines).endswith("(Washington, D.C.: International Monetary Fund, 2024).")
    assert note.lines == (925, 927)
    assert dict((e.line, e.cls) for e in doc.ledger)[927] == "footnote"


def test_a_lettered_note_printed_pages_after_its_box_joins_it(doc):
    note = _block(doc, "box2-note-d")
    assert note.lines == (997, 998) and plain_text(note.inlines).startswith("Mauro Cazzaniga")
    assert not any(isinstance(b, Paragraph) and 997 in b.lines for b in walk(doc.blocks))


def test_a_footnote_cut_by_a_page_break_goes_on_under_the_next_paragraph(doc):
    fn16 = next(f for f in doc.footnotes if f.anchor == "fn16")
    assert fn16.lines[0] == 1502 and fn16.lines[-1] == 1549 and 1541 in fn16.lines
    assert "包括：拉丁美洲和加勒比经济委员会" in plain_text(fn16.inlines)
    assert not any(isinstance(b, Paragraph) and 1541 in b.lines for b in walk(doc.blocks))


def test_a_page_break_duplicate_of_an_opening_is_residue(doc):
    lines = fixture("page-break-duplicate-1410.txt", 1410)
    assert lines[8].text.startswith("述多个国家") and lines[13].text.startswith("59 上述多个国家")
    classes = {e.line: (e.cls, e.rule) for e in doc.ledger}
    assert all(classes[n] == ("residue", "report.page-break-duplicate") for n in range(1418, 1422))
    shown = [plain_text(b.inlines) for b in walk(doc.blocks) if isinstance(b, Paragraph)]
    assert sum(t.count("述多个国家、区域、多利益攸关方") for t in shown) == 1


def test_a_garbled_source_line_is_not_glued_to_the_box_paragraph_before_it(doc):
    box2 = _block(doc, "box2")
    para = next(b for b in box2.blocks if isinstance(b, Paragraph) and 912 in b.lines)
    assert 914 not in para.lines
    assert R._SOURCE_LINE.match("Ғێ来源：国எ୐壝Ҹ՛。") and not R._SOURCE_LINE.match("研究还表明，来源：")


def test_a_mostly_legible_garbled_line_is_shown_with_its_unread_glyphs_marked(doc):
    assert R.mostly_legible("1 不ઍ为人工智能正֨产生任何积极影响")
    assert not R.mostly_legible("Ғێ来源：国எ୐壝Ҹ՛。") and not R.mostly_legible("ӹ۪߂଎֨")
    para = next(b for b in walk(doc.blocks) if isinstance(b, Paragraph) and b.lines == (4368,))
    assert para.role == "partial"
    assert plain_text(para.inlines) == "1 不为人工智能正产生任何积极影响"
    assert [n.source for n in para.inlines if isinstance(n, Illegible)] == ["ઍ", "֨"]
    classes = {e.line: (e.cls, e.rule) for e in doc.ledger}
    assert classes[4368] == ("text", "report.partly-legible-line")
    assert classes[3510][0] == "illegible"  # a line of chart glyphs stays in its illegible passage


# ------------------------------------------------------------- the package


def test_every_ledger_rule_is_a_named_rule_of_the_one_table_and_gives_its_class(doc):
    used = {e.rule for e in doc.ledger}
    assert used <= set(R.RULES), sorted(used - set(R.RULES))
    # a rule in the table that classes no line of the report is dead: it goes, or gets a fixture that uses it
    assert set(R.RULES) == used, sorted(set(R.RULES) - used)
    source = SOURCE.read_text(encoding="utf-8").splitlines()
    for e in doc.ledger:
        assert e.cls == R.RULES[e.rule].classify(source[e.line - 1]), (e.line, e.rule, e.cls)
    # a rule whose lines may be garbled classes them apart; the others never do
    assert R.RULES["report.paragraph"].classify("不ઍ为") == "illegible"
    assert R.RULES["report.box-note"].classify("不ઍ为") == "footnote"


def test_an_unknown_rule_name_cannot_class_a_line():
    with pytest.raises(KeyError):
        R.Assembly().mark(1, "report.no-such-rule")


def test_the_assembler_keeps_no_state_outside_its_declared_fields():
    from dataclasses import fields

    lines = [R.Line(i, raw) for i, raw in enumerate(SOURCE.read_text(encoding="utf-8").splitlines(), 1)]
    asm = R.Assembler(lines, R.split_parts(lines, "report.zh.txt"), "report.zh.txt")
    asm.run()
    declared = {f.name for f in fields(R.AssemblerState)}
    assert set(vars(asm)) == declared, sorted(set(vars(asm)) ^ declared)
    # no stage module hides state in a class attribute either
    for stage in R.Assembler.__mro__[1:-1]:
        if stage is R.AssemblerState:
            continue
        data = {k for k, v in vars(stage).items() if not k.startswith("__") and not callable(v)
                and not isinstance(v, (staticmethod, property, int, str))}
        assert not data, (stage.__name__, data)


# ------------------------------------------------------ figures: legible labels


def _assemble(lines, paragraph: int, footnote: int):
    """Assemble a body fixture, its sequences expecting ``paragraph`` and ``footnote`` next."""
    asm = R.Assembler(lines, R.Parts(summary=1, body=1, annexes=10**6), "fixture.txt")
    asm.part, asm.seq = "body", R.Sequences(paragraph=paragraph, footnote=footnote)
    out = asm.run()
    return [b for _, _, b in sorted(out.blocks, key=lambda x: (x[0], x[1]))], out


def test_a_chart_label_is_read_without_the_charts_values():
    assert R.chart_label("人工智能标准交流 3 3 3") == "人工智能标准交流"
    assert R.chart_label("目的 加强代表性 促进协调 加强实施") == "目的 加强代表性 促进协调 加强实施"
    assert R.chart_label("共同点") == "共同点"
    for residue in ("(   )", "3 3", "74%", "所", "Ғێ来源", "੼੼ࠬࠬ和和其其"):
        assert R.chart_label(residue) is None, residue


def test_figure_10_shows_its_legible_labels_and_leaves_its_values_out():
    lines = fixture("figure10-labels-1660.txt", 1660)
    blocks, out = _assemble(lines, paragraph=85, footnote=20)
    fig = next(b for b in blocks if isinstance(b, Container) and b.kind == "figure")
    assert fig.anchor == "fig10" and fig.note == "figure-not-reproduced"
    labels = [plain_text(p.inlines) for p in fig.blocks]
    assert labels[:3] == ["目的 加强代表性 促进协调 加强实施", "共同理解", "人工智能国际科学小组"]
    assert "人工智能标准交流" in labels and not any("3" in t for t in labels)
    # the note on the AI office wraps over two lines: one label
    assert labels[-1].startswith("就有关") and labels[-1].endswith("支持其他建议。")
    assert fig.blocks[-1].lines == (1681, 1682)
    assert out.classes[1684] == ("residue", "report.figure-residue")  # "(   )": no label
    assert {out.classes[n] for n in (1667, 1670, 1681, 1682)} == {("text", "report.figure-label")}
    # the footnote after the chart is not swallowed
    assert [f.label for f in out.footnotes] == ["20"]


def test_figure_10_labels_in_the_whole_text(doc):
    fig = doc.find("fig10")
    assert len(fig.blocks) == 13 and all(p.role == "figure-label" for p in fig.blocks)
    assert fig.lines[0] == 1665 and 1684 not in fig.lines


# ------------------------------------------------- overprinted chart labels


def test_an_overprinted_run_is_read_once():
    assert R.read_overprint("中中国国 ") == "中国 "
    assert R.read_overprint("按按区区ֿֿ") == "按区ֿ"
    assert R.read_overprint("为……作作出出直直接接") == "为……作出直接"  # "……" is one mark, not a doubled glyph
    assert R.read_overprint("��ЗЗघघ") == "��Зघ"  # two lost glyphs may be two different glyphs
    assert R.read_overprint("2024年5月13日") is None and R.read_overprint("人工智能") is None


def _annex_fixture(name: str, start: int, annex: str):
    lines = fixture(name, start)
    asm = R.Assembler(lines, R.Parts(summary=1, body=1, annexes=1), "fixture.txt")
    asm.part, asm.annex = "annexes", annex
    out = asm.run()
    by_line = {b.lines[0]: b for _, _, b in out.blocks if isinstance(b, Paragraph)}
    return by_line, out.classes


def test_overprinted_chart_labels_with_garbled_glyphs_are_read_once():
    blocks, classes = _annex_fixture("overprinted-3844.txt", 3844, "E")
    # "西欧和其他地区组", every glyph printed twice, 西欧 and 他 garbled: read once, shown partly legible
    label = blocks[3849]
    assert label.role == "partial" and plain_text(label.inlines) == "和其地区组"
    assert [n.source for n in label.inlines if isinstance(n, Illegible)] == ["੼ࠬ", "ѕ"]
    assert classes[3849] == ("text", "report.overprinted-label")
    assert plain_text(blocks[3851].inlines) == "按区" and classes[3851] == ("text", "report.overprinted-label")
    # the same label twice on one line, mostly garbled even once read: it stays in its illegible passage
    assert blocks[3846].role == "illegible" and classes[3846] == ("illegible", "report.overprinted-garbled")
    assert plain_text(blocks[3846].inlines).split() == ["和其地区组", "和其地区组"]


def test_an_overprinted_label_among_chart_values_is_shown_and_its_values_are_not():
    blocks, classes = _annex_fixture("overprinted-4103.txt", 4103, "F")
    assert plain_text(blocks[4109].inlines) == "中国" and classes[4109] == ("text", "report.overprinted-label")
    assert classes[4110] == ("residue", "report.chart-residue")  # "6 (5%)": the chart's value


def test_a_survey_chart_groups_its_labels_and_garbled_lines_and_leaves_the_headline_out():
    """Lines 3596-3648: the end of a chart (garbled lines, the legend "按性别" printed doubled and
    emended elsewhere, here read as prose), a second run, then the next slide's headline."""
    lines = fixture("survey-chart-3596.txt", 3596)
    asm = R.Assembler(lines, R.Parts(summary=1, body=1, annexes=1), "fixture.txt")
    asm.part, asm.annex = "annexes", "E"
    out = asm.run()
    blocks = [Heading(2, "annex-e", (Text("附件E"),), (3490,))] + [b for _, _, b in sorted(out.blocks, key=lambda x: (x[0], x[1]))]
    grouped = R.group_survey_charts(blocks)
    charts = [b for b in grouped if isinstance(b, Container)]
    assert [c.anchor for c in charts] == ["annex-e-chart-1"] and charts[0].note == R.SURVEY_CHART
    assert charts[0].label == "E.1"  # the pages call it "调查图表 E.1" in the reader's language
    inside = {n for b in charts[0].blocks for n in b.lines}
    assert charts[0].lines == tuple(n for b in charts[0].blocks for n in b.lines)  # in source order
    # every chart line of the fixture is in the chart; nothing else is
    chart_lines = {b.lines[0] for b in blocks if isinstance(b, Paragraph) and b.role in R.figures.CHART_ROLES}
    assert chart_lines <= inside
    legend = next(b for b in blocks if isinstance(b, Paragraph) and b.lines == (3602,))
    assert plain_text(legend.inlines) == "按按性性别别" and legend in charts[0].blocks  # between two runs: the legend
    headline = next(b for b in grouped if isinstance(b, Paragraph) and b.lines[0] == 3642)
    assert headline.role == "annex" and grouped.index(headline) > grouped.index(charts[0])
    # labels with no garbled line among them are no chart's residue: "可持续发展目标?" among its
    # legible siblings (line 4346) stays a paragraph
    sdg = [Heading(2, "annex-f", (Text("附件F"),), (4046,)),
           Paragraph(None, None, (Text("可持续发展目标11-可持续城市和社区"),), (4344,), "annex"),
           Paragraph(None, None, (Text("可持续发展目标"), Illegible("\ufffd"), Text("-经济适用的清洁能源")), (4346,), "partial"),
           Paragraph(None, None, (Text("可持续发展目标13-气候行动"),), (4348,), "annex")]
    assert R.group_survey_charts(sdg) == sdg
    # outside the survey annexes nothing is grouped
    assert R.group_survey_charts([Heading(2, "annex-d", (Text("附件D"),), (1,))] + blocks[1:]) == \
        [Heading(2, "annex-d", (Text("附件D"),), (1,))] + blocks[1:]


def test_the_survey_annexes_charts_in_the_whole_text(doc):
    charts = [b for b in walk(doc.blocks) if isinstance(b, Container) and b.note == R.SURVEY_CHART]
    assert {c.anchor.rsplit("-chart-", 1)[0] for c in charts} == {"annex-e", "annex-f"}
    # no garbled line is left outside a chart (labels alone may be: a scale's legend, an SDG label),
    # and no chart holds prose or a headline
    loose = [b.lines for b in doc.blocks if isinstance(b, Paragraph) and b.role == "illegible"]
    assert loose == []
    assert [b.lines for b in doc.blocks if isinstance(b, Paragraph) and b.role == "partial"]  # (4346, ...)
    texts = [plain_text(p.inlines) for c in charts for p in c.blocks]
    for headline in ("84%的答复者居住在国籍国所在区域", "74% 的受访者预计技术变革将加速", "样本概览"):
        assert headline not in texts
    assert "按按性性别别" in texts  # the legend (emended to "按性别" after parsing)


def test_overprinting_is_read_only_in_the_survey_annexes(doc):
    # the report's own words double characters ("方方面面"); outside annexes E and F nothing is undoubled
    shown = "".join(plain_text(b.inlines) for b in walk(doc.blocks) if isinstance(b, Paragraph))
    assert "方方面面" in shown
    assert {e.rule for e in doc.ledger if e.line < 3490 or e.line >= 5244} & {
        "report.overprinted-label", "report.overprinted-garbled"} == set()
