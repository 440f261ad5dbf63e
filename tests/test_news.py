"""The Xinhua pieces: furniture removed, pieces, datelines, authors, photo captions, anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.errors import SourceError
from edition.model import Container, Heading, Paragraph, plain_text
from edition.parsers.news import classify, parse_news
from htmlscan import html_path, scan

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "sources" / "texts" / "xinhua-2024-07.zh.txt"


def parse():
    return parse_news(SOURCE.read_text(encoding="utf-8").split("\n")[:-1], lang="zh", path=str(SOURCE))


def test_page_furniture_is_classified_and_not_rendered():
    kinds = {l.number: l.kind for l in classify(SOURCE.read_text(encoding="utf-8").split("\n"))}
    assert kinds[1] == "furniture" and kinds[4] == "furniture"
    doc = parse()
    assert {e.line for e in doc.ledger if e.cls == "furniture"} == {1, 4}
    assert not any("当前位置" in plain_text(getattr(b, "inlines", ())) for b in doc.blocks)


def test_two_pieces_with_dates_authors_and_titles():
    doc = parse()
    heads = [b for b in doc.blocks if isinstance(b, Heading)]
    assert [h.anchor for h in heads] == ["xinhua-0701", "xinhua-0702"]
    assert plain_text(heads[1].inlines) == "为人工智能造福人类贡献中国智慧"
    metas = [plain_text(b.inlines) for b in doc.blocks if isinstance(b, Paragraph) and b.role == "news-meta"]
    assert metas == ["新华社 · 联合国 · 2024年7月1日 · 新华社记者王建刚", "新华社 · 北京 · 2024年7月2日 · 新华社记者吴黎明\u2003毛振华"]


def test_photo_captions_are_marked_as_captions():
    photos = [b for b in parse().blocks if isinstance(b, Container) and b.kind == "photo"]
    assert [p.lines for p in photos] == [(32,), (38,)]
    assert all(plain_text(p.title).endswith("摄") for p in photos)


def test_every_line_is_accounted_for():
    doc = parse()
    assert [e.line for e in doc.ledger] == list(range(1, 44))


def test_em_spaces_of_the_source_reach_the_page(site_dir):
    raw = html_path(site_dir, "zh", "context.md").read_text(encoding="utf-8")
    assert "新华社北京7月2日电\u2003题" in raw and "吴黎明\u2003毛振华" in raw


def test_text_before_a_dateline_is_refused():
    with pytest.raises(SourceError, match="expected a title or a dateline"):
        parse_news(["随便一段文字,没有电头。"], lang="zh", path="x.txt")


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_context_page_has_every_paragraph_and_is_linked_from_the_heading_block(site_dir, lang):
    page = scan(html_path(site_dir, lang, "context.md"))
    doc = parse()
    for b in doc.blocks:
        if isinstance(b, Paragraph) and b.role == "news":
            assert b.anchor in page.ids
            assert " ".join(plain_text(b.inlines).split()) in page.text
    resolution = scan(html_path(site_dir, lang, "resolution/index.md"))
    assert any(h.endswith("context.html") for h in resolution.hrefs)
