"""Unit tests of the resolution parser, rule by rule, on fixtures cut from the real sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.errors import SourceError
from edition.model import Emphasis, HeaderBlock, NoteRef, Paragraph, Text, plain_text
from edition.conventions import load_resolution_conventions
from edition.parsers.resolution import (
    Group,
    group_lines,
    join_continuations,
    opens_operative,
    opens_preamble,
    parse_resolution,
)
from edition.parsers.text import join_wrapped

FIXTURES = Path(__file__).parent / "fixtures" / "resolution"
#: The drafting conventions of each language, from the project's data file.
FORMULAE = load_resolution_conventions(Path(__file__).resolve().parents[1] / "sources" / "data" / "conventions"
                                       / "resolution.yaml")


def parse(name: str, lang: str):
    path = FIXTURES / name
    return parse_resolution(path.read_text(encoding="utf-8").split("\n")[:-1], lang=lang, path=str(path),
                            conventions=FORMULAE[lang])


def para(doc, anchor) -> Paragraph:
    block = doc.find(anchor)
    assert isinstance(block, Paragraph), anchor
    return block


# ------------------------------------------------------------------ joining


def test_join_wrapped_chinese_has_no_space():
    assert join_wrapped("联合国经济、社会及有关领域主要大型会议和", "首脑会议成果") == "联合国经济、社会及有关领域主要大型会议和首脑会议成果"


def test_join_wrapped_latin_words_get_one_space():
    assert join_wrapped("national needs,", "policies and priorities") == "national needs, policies and priorities"


def test_join_continuations_merges_a_group_that_does_not_open_a_paragraph():
    groups = [Group((1,), ("1. *Encourages* a,",)), Group((3,), ("b;",)), Group((5,), ("2. *Calls upon* c;",))]
    merged = join_continuations(groups, opens_operative)
    assert [g.lines for g in merged] == [(1, 3), (5,)]


def test_russian_preamble_cut_by_footnote_and_page_break_is_joined():
    doc = parse("ru-footnote-cut.txt", "ru")
    pp3 = para(doc, "pp3")
    assert pp3.lines == (28, 34)
    text = plain_text(pp3.inlines)
    assert "«Использование возможностей безопасных, защищенных и надежных систем" in text
    assert text.endswith("«Поощрение и защита прав человека в контексте цифровых технологий»,")
    assert "в целях устойчивого развития», свою резолюцию 77/320" in text  # one space at the join, nothing lost
    assert [b.anchor for b in doc.blocks if isinstance(b, Paragraph) and b.role == "preamble"] == ["pp1", "pp2", "pp3"]


def test_russian_operative_continued_after_page_break():
    doc = parse("ru-footnote-cut.txt", "ru")
    op2 = para(doc, "op2")
    assert op2.lines == (38, 40)
    assert "национальными потребностями, политикой и приоритетами этих стран" in plain_text(op2.inlines)


def test_english_operative_continued_after_page_break():
    doc = parse("en-page-break.txt", "en")
    op1 = para(doc, "op1")
    assert op1.lines == (22, 24)
    assert "developing countries' national needs, policies and priorities, and to hold training courses" in plain_text(op1.inlines)


def test_russian_preamble_openers_are_lowercase_participles():
    opens = opens_preamble(FORMULAE["ru"])
    assert opens("подтверждая свою резолюцию 78/265")
    assert opens("с озабоченностью отмечая также, что")
    assert not opens("свою резолюцию 77/320 от 25 июля 2023 года")


# ------------------------------------------------------------ operative verbs


def test_operative_verb_is_italic_in_english_and_russian_and_bold_in_chinese():
    en = para(parse("en-page-break.txt", "en"), "op1")
    ru = para(parse("ru-footnote-cut.txt", "ru"), "op1")
    zh = para(parse("zh-wrapped-heading.txt", "zh"), "op1")
    assert en.inlines[0] == Emphasis((Text("Encourages"),), "italic")
    assert ru.inlines[0] == Emphasis((Text("заявляет о своей решимости"),), "italic")
    assert zh.inlines[0] == Emphasis((Text("决心"),), "bold")
    assert en.label == "1." and zh.label == "1."


def test_operative_paragraph_without_italics_is_parsed_as_plain_text():
    # The emendation record (not the parser) restores the italics: the parser reports what the source has.
    op2 = para(parse("en-page-break.txt", "en"), "op2")
    assert isinstance(op2.inlines[0], Text) and op2.inlines[0].text.startswith("Encourages Member States")


# ---------------------------------------------------------------- footnotes


@pytest.mark.parametrize("name,lang,text", [
    ("en-page-break.txt", "en", "Resolution 217 A (III)."),
    ("ru-footnote-cut.txt", "ru", "Резолюция 217 А (III)."),
    ("zh-wrapped-heading.txt", "zh", "第 217 A(III)号决议。"),
])
def test_footnote_is_parsed_and_called_from_pp1(name, lang, text):
    doc = parse(name, lang)
    assert len(doc.footnotes) == 1
    fn = doc.footnotes[0]
    assert (fn.anchor, fn.label, plain_text(fn.inlines)) == ("fn1", "1", text)
    calls = [n for n in para(doc, "pp1").inlines if isinstance(n, NoteRef)]
    assert calls == [NoteRef("fn1", "1")]


# ------------------------------------------------------------- heading block


def fields(doc, anchor="header"):
    block = next(b for b in doc.blocks if isinstance(b, HeaderBlock) and b.anchor == anchor)
    return {f.name: plain_text(f.inlines) for f in block.fields}


def test_english_heading_block_splits_session_agenda_item_and_title():
    h = fields(parse("en-page-break.txt", "en"))
    assert h["symbol"] == "A/res/78/311"
    assert h["distribution"] == "Distr.: General" and h["distribution_date"] == "5 July 2024"
    assert h["session"] == "Seventy-eighth session"
    assert h["agenda_item"] == "Agenda item 13"
    assert h["agenda_title"].startswith("Integrated and coordinated implementation")
    assert h["adoption"] == "Resolution adopted by the General Assembly on 1 July 2024"
    assert h["committee"] == "[without reference to a Main Committee (A/78/L.86)]"
    assert h["title"].startswith("78/311. Enhancing international cooperation")
    assert h["opening"] == "The General Assembly,"


def test_russian_heading_block_in_its_own_form():
    h = fields(parse("ru-footnote-cut.txt", "ru"))
    assert h["organ"] == "Генеральная Ассамблея"
    assert h["session"] == "Семьдесят восьмая сессия"
    assert h["agenda_item"] == "Пункт 13 повестки дня"
    assert h["adoption"].startswith("Резолюция, принятая Генеральной Ассамблеей")
    assert h["opening"] == "Генеральная Ассамблея,"


def test_chinese_wrapped_agenda_title_is_joined_without_space():
    h = fields(parse("zh-wrapped-heading.txt", "zh"))
    assert h["agenda_title"] == "联合国经济、社会及有关领域主要大型会议和首脑会议成果的统筹协调执行及后续行动"
    assert h["session"] == "第七十八届会议" and h["agenda_item"] == "议程项目 13"


@pytest.mark.parametrize("name,lang,meeting,date", [
    ("en-page-break.txt", "en", "97th plenary meeting", "1 July 2024"),
    ("ru-footnote-cut.txt", "ru", "97-е пленарное заседание", "1 июля 2024 года"),
    ("zh-wrapped-heading.txt", "zh", "第97次全体会议", "2024年7月1日"),
])
def test_closing_meeting_and_date(name, lang, meeting, date):
    c = fields(parse(name, lang), "closing")
    assert c == {"meeting": meeting, "meeting_date": date}


def test_every_line_is_in_the_ledger_exactly_once():
    for name, lang in (("en-page-break.txt", "en"), ("ru-footnote-cut.txt", "ru"), ("zh-wrapped-heading.txt", "zh")):
        doc = parse(name, lang)
        n = len((FIXTURES / name).read_text(encoding="utf-8").split("\n")) - 1
        assert [e.line for e in doc.ledger] == list(range(1, n + 1))


# ------------------------------------------------------------------- errors


def _lines(name):
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")[:-1]


def test_doubled_operative_number_names_line_and_expectation():
    lines = _lines("en-page-break.txt")
    lines[25] = lines[25].replace("2. Encourages", "1. Encourages")
    with pytest.raises(SourceError) as err:
        parse_resolution(lines, lang="en", path="x.txt", conventions=FORMULAE.get("en"))
    assert err.value.line == 26 and "expected 2" in str(err.value) and "doubled" in str(err.value)
    assert str(err.value).startswith("x.txt:26:")


def test_missing_operative_number_names_line_and_expectation():
    lines = _lines("en-page-break.txt")
    lines[25] = lines[25].replace("2. Encourages", "3. Encourages")
    with pytest.raises(SourceError) as err:
        parse_resolution(lines, lang="en", path="x.txt", conventions=FORMULAE.get("en"))
    assert err.value.line == 26 and "expected 2" in str(err.value) and "missing" in str(err.value)


def test_unknown_language_is_refused():
    with pytest.raises(SourceError, match="no drafting conventions for language 'fr'"):
        parse_resolution(_lines("en-page-break.txt"), lang="fr", path="x.txt", conventions=FORMULAE.get("fr"))


def test_missing_opening_formula_is_refused():
    lines = [l for l in _lines("en-page-break.txt") if l != "The General Assembly,"]
    with pytest.raises(SourceError, match="opening formula"):
        parse_resolution(lines, lang="en", path="x.txt", conventions=FORMULAE.get("en"))


def test_note_call_without_footnote_is_refused():
    lines = [l for l in _lines("en-page-break.txt") if not l.startswith("¹ ")]
    with pytest.raises(SourceError, match="note call 1 has no footnote"):
        parse_resolution(lines, lang="en", path="x.txt", conventions=FORMULAE.get("en"))


def test_unknown_heading_line_is_refused_with_its_line():
    lines = _lines("en-page-break.txt")
    lines[3] = "Something unexpected"
    with pytest.raises(SourceError) as err:
        parse_resolution(lines, lang="en", path="x.txt", conventions=FORMULAE.get("en"))
    assert err.value.line == 4


# -------------------------------------------------------------- whole texts


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_real_texts_have_15_preambular_and_15_operative_paragraphs(edition, lang):
    doc = edition.witnesses("resolution")[lang]
    roles = [b.role for b in doc.blocks if isinstance(b, Paragraph)]
    assert roles.count("preamble") == 15 and roles.count("operative") == 15
    assert [b.anchor for b in doc.blocks if isinstance(b, Paragraph)] == \
        [f"pp{i}" for i in range(1, 16)] + [f"op{i}" for i in range(1, 16)]
    assert not [e for e in doc.ledger if e.cls not in ("text", "heading", "footnote", "blank")]
