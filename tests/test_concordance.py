"""The concordance: validated data, links rendered in both directions everywhere, and the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.concordance import load_concordance
from edition.errors import DataError
from htmlscan import html_path, scan

ROOT = Path(__file__).resolve().parents[1]
from conftest import INTERFACE as LANGS


@pytest.fixture(scope="module")
def links(site_spec):
    return site_spec.concordance


def test_concordance_covers_every_recommendation_and_op14(links):
    numbers = {l.number for l in links if l.number}
    assert numbers == set(range(1, 8)), numbers
    assert any(l.recommendation == "report" and l.paragraph == "op14" for l in links)


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_renders_under_the_paragraph_on_both_resolution_pages(site_dir, links, lang):
    for md in ("resolution/index.md", "resolution/parallel.md"):
        page = scan(html_path(site_dir, lang, md))
        hrefs = page.hrefs
        for l in links:
            target = "report/index.html" if l.recommendation == "report" else f"#{l.recommendation}"
            assert any(h.endswith(target) or (target.startswith("#") and h.endswith(".html" + target))
                       for h in hrefs), f"{lang} {md}: no link for {l.recommendation} (from {l.paragraph})"


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_renders_under_its_recommendation_in_summary_and_body(site_dir, links, lang):
    from pagetypes import pages

    html = "".join(p.read_text(encoding="utf-8") for p in pages(site_dir, lang) if "/report/" in p.as_posix())
    for l in links:
        if l.recommendation == "report":
            continue
        n = l.number
        for rec in (f"rec{n}", f"es-rec{n}"):
            start = html.index(f'id="{rec}"')
            end = html.index("</section>", start)
            assert f'#{l.paragraph}"' in html[start:end], f"{lang}: {rec} does not link to {l.paragraph}"


@pytest.mark.parametrize("lang", LANGS)
def test_concordance_page_matrix_links_to_both_texts(site_dir, links, lang):
    page = scan(html_path(site_dir, lang, "concordance.md"))
    for l in links:
        assert any(h.endswith(f"resolution/index.html#{l.paragraph}") for h in page.hrefs), l
        assert l.rationale[lang][:30] in page.text


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "concordance.yaml"
    path.write_text("version: 1\nreport: report\nresolution: resolution\nlinks:\n" + body, encoding="utf-8")
    return path


GOOD = """  - recommendation: rec4-c
    paragraph: op5
    kind: answers
    rationale: {zh: 理由, ru: причина, en: reason}
"""
REC, RES = {"rec4", "rec4-c"}, {"op5", "pp1"}


def test_valid_link_loads(tmp_path):
    assert load_concordance(write(tmp_path, GOOD), REC, RES)[0].paragraph == "op5"


@pytest.mark.parametrize("change,line,message", [
    (("rec4-c", "rec9"), 5, "expected a recommendation anchor of the report such as rec4 or rec4-c, or 'report', got the text 'rec9'"),
    (("rec4-c", "rec4-z"), 5, "unknown recommendation anchor 'rec4-z'"),
    (("op5", "op16"), 6, "unknown resolution paragraph 'op16'"),
    (("kind: answers", "kind: contradicts"), 7, "expected 'answers', 'implements' or 'relates', got the text 'contradicts'"),
    (("ru: причина, ", ""), 8, "'rationale' of link 1: missing language ru"),
    (("    kind: answers\n", ""), 5, "missing field 'kind'"),
])
def test_errors_name_file_entry_and_line(tmp_path, change, line, message):
    """The line is the field's own line (the entry's first line for a missing field)."""
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(DataError) as err:
        load_concordance(path, REC, RES)
    text = str(err.value)
    assert text.startswith(f"{path}:{line}:") and "link 1" in text and message in text, text


def test_duplicate_link_is_refused(tmp_path):
    with pytest.raises(DataError, match=r"concordance\.yaml:9: link 2: recommendation 'rec4-c', paragraph 'op5' "
                                        r"given twice \(first at line 5\)"):
        load_concordance(write(tmp_path, GOOD + GOOD), REC, RES)


@pytest.mark.browser
def test_from_russian_op5_to_recommendation_4_and_back(page, site_dir):
    page.goto(html_path(site_dir, "ru", "resolution/index.md").as_uri() + "#op5")
    note = page.locator("#op5 + .concordance-note")
    link = note.locator("a", has_text="Рекомендация 4 ").first
    assert link.get_attribute("href").endswith("#rec4")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/ru/report/chapter-4.html#rec4"), page.url
    assert page.evaluate("""() => { const r = document.getElementById('rec4').getBoundingClientRect();
        const h = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return r.top >= h - 1 && r.top < innerHeight; }"""), "recommendation 4 is not in view below the header"
    back = page.locator("#rec4 .concordance-note a[href$='#op5']").first
    back.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/ru/resolution/index.html#op5"), page.url
    assert page.evaluate("document.querySelector(':target').id") == "op5"
