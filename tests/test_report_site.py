"""The built report pages: every text line is in the HTML, anchors, language, golden Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition.anchors import read_lock
from conftest import INTERFACE
from golden import check_golden
from htmlscan import element_texts, lang_root, scan

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "report"
PAGES = ["report/index", *[f"report/chapter-{n}" for n in range(1, 6)], "report/annexes"]
SHOWN = ("text", "heading", "footnote", "caption", "table")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _reading(text: str, key) -> str:
    """A line as the site shows it: a garbled run as the decipherment key reads it in context,
    each glyph the key does not read as the unread-glyph mark."""
    from edition.decipherment import decode
    from edition.model import Conjecture
    from edition.parsers.report import is_garbled_zh
    from edition.writer.markdown import UNREAD_GLYPH

    out, k = "", 0
    while k < len(text):
        if not is_garbled_zh(text[k]):
            out += text[k]
            k += 1
            continue
        j = k
        while j < len(text) and is_garbled_zh(text[j]):
            j += 1
        for node in decode(text[k:j], text[j:], key):
            out += node.reading if isinstance(node, Conjecture) else UNREAD_GLYPH * len(node.source)
        k = j
    return out


def test_every_shown_line_is_in_the_html(edition, site_dir):
    doc = edition.documents["report-zh"]
    lines = edition.texts["report-zh"]
    from edition.parsers.report import strip_badge

    html = "".join(_norm(scan(site_dir / f"{p}.html").text) for p in PAGES)

    rules = {e.line: e.rule for e in doc.ledger}

    def shown(number: int) -> str:
        """The line as the site shows it: with the emendation records of that line applied, and
        each glyph that cannot be read (a partly legible line) as the unread-glyph mark."""
        from edition.parsers.report import _BULLET

        text = lines[number - 1]
        if rules[number] == "report.figure-label":
            # a chart's label is shown, the chart's values after it are not (figure 10's ticks print "3")
            text = re.sub(r"(\s+\d+)+\s*$", "", text)
        if rules[number] == "report.overprinted-label":
            # a label in overprinted bold ("中中国国") is read once, without the chart's values after it
            text = re.sub(r"(?:([^\ufffd…\s\d])\1){2,}", lambda m: m.group(0)[::2], text)
            text = re.sub(r"(\s+\(?[\d.,%]+\)?)+\s*$", "", text)
        for e in edition.emendations:
            if e.source == "report-zh" and e.line == number:
                text = text.replace(e.original, e.corrected, 1)
        text = _reading(text, edition.decipherment)
        bullet = _BULLET.match(text)
        if bullet:  # the list marker is shown as one "•" (box 15 prints "• ·"); the text after it verbatim
            text = "•" + bullet.group("text")
        return _norm(strip_badge(text))

    missing = [(e.line, e.cls, lines[e.line - 1].strip()) for e in doc.ledger
               if e.cls in SHOWN and shown(e.line) not in html]
    assert missing == [], f"{len(missing)} source lines not in the site, e.g. {missing[:8]}"


def test_garbled_glyphs_are_not_rendered(edition, site_dir):
    from edition.model import Illegible, walk

    doc = edition.documents["report-zh"]
    runs = {n.source for b in walk(doc.blocks + doc.footnotes) for n in getattr(b, "inlines", ())
            if isinstance(n, Illegible) and len(n.source) >= 2}
    assert len(runs) > 50
    html = "".join(scan(site_dir / f"{p}.html").text for p in PAGES)
    assert [r for r in runs if r in html] == []
    assert "⟨…⟩" in html


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_report_anchors_on_pages(site_spec, site_dir, lang):
    pub = site_spec.published()
    for path, anchors in pub.items():
        if not path.startswith("report/"):
            continue
        ids = set(scan(lang_root(site_dir, lang) / path.replace(".md", ".html")).ids)
        assert [a for a in anchors if a not in ids] == [], (lang, path)


def test_new_anchors_are_locked(site_spec):
    locked = set(read_lock(ROOT / "sources" / "anchors.lock"))
    pub = site_spec.published()
    want = {"report/index.md": ["es1", "es71", "es-rec1", "es-rec7", "es-rec4-c-ii", "fig-a", "fig-d"],
            "report/chapter-4.md": ["rec1", "rec4-c", "rec4-c-ii", "rec7", "box9", "p100"],
            "report/annexes.md": [f"annex-{c}" for c in "abcdefg"]}
    for path, anchors in want.items():
        for a in anchors:
            assert a in pub[path] and (path, a) in locked, (path, a)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_other_trees_have_chinese_text_with_a_note(site_dir, lang):
    page = scan(lang_root(site_dir, lang) / "report/chapter-1.html")
    assert any(a.get("lang") == "zh-Hans" and "report-text" in (a.get("class") or "") for _, a in page.elements)
    assert any("report-zh-only" in (a.get("class") or "") for _, a in page.elements)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_markdown(site_spec, lang):
    pages = site_spec.write(lang)
    for name in ("report/index.md", "report/chapter-1.md", "report/contents.md"):
        check_golden(GOLDEN / f"{name.replace('/', '-').removesuffix('.md')}.{lang}.md", pages[name])


def test_golden_model(edition):
    doc = edition.documents["report-zh"]
    lines = []
    for b in doc.blocks:
        kind = type(b).__name__ if not hasattr(b, "kind") else f"{type(b).__name__}:{b.kind}"
        lines.append(f"{kind} {getattr(b, 'anchor', None)} {b.lines[0] if b.lines else '-'}-{b.lines[-1] if b.lines else '-'}")
    lines += [f"Footnote {f.anchor} {f.lines[0]}" for f in doc.footnotes]
    check_golden(GOLDEN / "model.txt", "\n".join(lines) + "\n")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_editorial_notes_inside_the_chinese_text_carry_the_interface_language(site_dir, lang):
    """A figure note in a Russian or English tree sits inside the report's lang="zh-Hans"
    wrapper: it must say its own language, or a screen reader reads English as Chinese."""
    page = scan(lang_root(site_dir, lang) / "report/chapter-1.html")
    notes = [a for _, a in page.elements if "container-note" in (a.get("class") or "").split()]
    assert len(notes) >= 3  # figures 1-3, and the lost figure 4
    assert all(a.get("lang") == lang for a in notes), notes


def test_lost_figures_are_marked_in_every_language(site_dir):
    for lang in ("zh", "ru", "en"):
        text = scan(lang_root(site_dir, lang) / "report/chapter-1.html").text
        assert "图4" in text and {"zh": "源文本中没有此图", "ru": "Этого графика нет", "en": "not in the source text"}[lang] in text


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_notes_printed_in_english_say_so(site_dir, lang):
    """Box 11 note b and the boxes' source notes are English in the Chinese report."""
    page = scan(lang_root(site_dir, lang) / "report/chapter-4.html")
    attrs = {a.get("id"): a for _, a in page.elements if a.get("id")}
    assert attrs["box11-note-b"].get("lang") == "en"
    chinese = [a for i, a in attrs.items() if i.startswith("fn") and "footnote" in (a.get("class") or "")]
    assert chinese and all(a.get("lang") != "en" for a in chinese[:5])


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_contents_entries_carry_no_editorial_marks(site_dir, lang):
    """Figure 12's title carries an emendation (a deleted legend): its contents entry reads
    as the title, with neither the "°" mark nor the mark's label."""
    links = {a.get("href"): " ".join(text.split())
             for a, text in element_texts(lang_root(site_dir, lang) / "report/chapter-4.html", "a", "md-nav__link")}
    entry = links["#fig12-title"]
    assert entry.startswith("图 12") and entry.endswith("举措样本的情况"), entry
    assert not any("°" in text for text in links.values())


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_no_table_has_an_empty_header_cell(site_dir, lang):
    """Annex A and G print no header row: the edition supplies column names in the
    interface language, marked as supplied, so no header cell is empty."""
    expected = {"zh": ["成员", "缩略语", "全称"], "ru": ["Член", "Сокращение", "Полное название"],
                "en": ["Member", "Abbreviation", "Full name"]}[lang]
    page = lang_root(site_dir, lang) / "report/annexes.html"
    heads = element_texts(page, "th")
    assert heads and all(text.strip() for _, text in heads)
    supplied = element_texts(page, "span", "supplied")
    assert [text.strip() for _, text in supplied] == expected
    assert all(a.get("lang") == (None if lang == "zh" else lang) for a, _ in supplied)


def test_a_headerless_table_without_column_names_stops_the_build(edition, tmp_path):
    """A new table printed without a header row must be given its column names."""
    from dataclasses import replace as _replace

    from edition.assembly import assemble
    from edition.errors import DataError
    from edition.ui import UI

    strings = {k: v for k, v in edition.ui.strings.items() if k != "report_columns_annex_g"}
    crippled = _replace(edition, ui=UI(strings, edition.ui.path))
    with pytest.raises(DataError, match=r"report\.yaml.*annex-g-table.*report_columns_annex_g"):
        assemble(crippled).write("en")


def test_an_illegible_passage_names_the_text_it_follows():
    """A reader finds the passage by the chart headline before it, not only by source line numbers."""
    from edition.model import Illegible, Paragraph, Text
    from edition.pages.report import PLACE_CHARS, IllegiblePassage, illegible_passages

    headline = Paragraph(None, None, (Text("84%的答复者居住在国籍国所在区域"),), (3560,), "annex")
    bad = [Paragraph(None, None, (Illegible("ӹ۪߂଎"),), (n,), "illegible") for n in (3562, 3563)]
    long = Paragraph(None, None, (Text("按性别和地区进行的单变量分析不会立即受到其他变量的影响。"),), (3508,), "annex")
    out = illegible_passages([headline] + bad + [long] + bad[:1])
    assert out[1] == IllegiblePassage((3562, 3563), "84%的答复者居住在国籍国所在区域")
    assert out[3].after == "按性别和地区进行的单变量分析不会立即受到其他变量的影响。"[:PLACE_CHARS] + "…"
    partial = Paragraph(None, None, (Text("工智能的"), Illegible("ߐ܉")), (3567,), "partial")
    assert illegible_passages([partial] + bad)[1].after == "工智能的□□"  # as the reader sees it


def test_an_illegible_passage_is_placed_under_its_heading():
    from edition.model import Heading, Illegible, Paragraph, Text
    from edition.pages.report import IllegiblePassage, illegible_passages

    annex = Heading(2, "annex-e", (Text("附件E：全球风险脉动调查的答复"),), (3490,), "E")
    headline = Paragraph(None, None, (Text("84%的答复者居住在国籍国所在区域"),), (3560,), "annex")
    bad = Paragraph(None, None, (Illegible("ӹ۪߂଎"),), (3562,), "illegible")
    out = illegible_passages([annex, bad, headline, bad])
    # right under the heading, the heading alone names the place; further on, the text before it too
    assert out[1] == IllegiblePassage((3562,), "", "附件E", "annex-e")
    assert out[3] == IllegiblePassage((3562,), "84%的答复者居住在国籍国所在区域", "附件E", "annex-e")


@pytest.mark.parametrize("lang", INTERFACE)
def test_illegible_passage_notes_name_their_place_not_source_lines(edition, site_dir, lang):
    """Every illegible passage of the report stands in a chart of the survey annexes: its note sits
    inside the chart's figure, whose title names the chart ("调查图表 E.3", under the slide's
    headline), and says how many lines; the source's line numbers mean nothing to a reader and are
    not printed. Passages outside a chart name the heading and the text they follow (unit test above)."""
    from edition.model import Container
    from edition.pages.report import garbled, illegible_passages, split_pages
    from edition.parsers.report import SURVEY_CHART

    blocks = split_pages(edition.documents["report-zh"])["report-annexes"]
    assert not [b for b in illegible_passages(blocks) if type(b).__name__ == "IllegiblePassage"]
    charts = [b for b in blocks if isinstance(b, Container) and b.note == SURVEY_CHART]
    with_unread = [(c, [n for b in c.blocks if garbled(b) for n in b.lines]) for c in charts]
    with_unread = [(c, lines) for c, lines in with_unread if lines]
    page = lang_root(site_dir, lang) / "report/annexes.html"
    html = page.read_text(encoding="utf-8")
    assert len(element_texts(page, "p", "illegible-passage")) == len(with_unread) > 0
    for chart, lines in with_unread:
        section = re.search(rf'<section[^>]* id="{chart.anchor}"[^>]*>(.*?)</section>', html, re.S)
        assert section, chart.anchor
        inner = section.group(1)
        annex, n = chart.anchor.removeprefix("annex-").split("-chart-")
        title = re.search(r"<h\d[^>]*>(.*?)</h\d>", inner, re.S).group(1)
        assert f"{annex.upper()}.{n}" in title, (lang, title)
        note = re.search(r'<p[^>]*class="illegible-passage"[^>]*>(.*?)</p>', inner, re.S).group(1)
        note = re.sub(r"<[^>]+>", "", note)
        assert str(len(lines)) in note or len(lines) == 1, (lang, note)
        for number in lines:
            assert str(number) not in note, (lang, number, note)
