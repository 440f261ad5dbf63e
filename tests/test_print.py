"""Printing: every page type to PDF with Debian's chromium, read back with poppler's pdftotext.

Readers print pages to annotate them. A printed page must carry the text (all of
it), the paragraph numbers and anchors (so the paper can be cited back to the
web), the notes at the end, and nothing of the screen's machinery (navigation,
search, buttons). The parallel view prints in columns on landscape A4.
"""

from __future__ import annotations

import math
from html import unescape as html_unescape
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from htmlscan import html_path
from pagetypes import LANGS, representatives

pytestmark = pytest.mark.browser

A4 = (595, 842)  # points, portrait
#: A printed A4 page holds at least this many characters of running text (Chinese
#: is denser, so this is a floor for every script); more pages than the text
#: needs means blank pages or one paragraph per page.
MIN_CHARS_PER_PAGE = 700


@pytest.fixture(scope="session")
def poppler():
    for tool in ("pdftotext", "pdfinfo"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: run `make system-deps` (apt-get install poppler-utils)")


def print_pdf(browser, path: Path, out: Path) -> dict[str, object]:
    """Print ``path`` to ``out``; return what the screen shows: article text, site title, navigation titles."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.emulate_media(media="print")  # what the printed page holds (screen-only rendering aside)
        shown = page.evaluate("""() => ({
            article: document.querySelector('article').innerText,
            title: (document.querySelector('.md-header__topic .md-ellipsis') || {}).textContent || '',
            nav: [...document.querySelectorAll('.md-nav__link .md-ellipsis')].map(e => e.textContent.trim()),
        })""")
        page.pdf(path=str(out), prefer_css_page_size=True)
    finally:
        context.close()
    return shown


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def pdf_text(pdf: Path, columns: int = 1) -> str:
    """The PDF's text; with ``columns``, each page read strip by strip (pdftotext would
    otherwise interleave the lines of side-by-side columns)."""
    if columns == 1:
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    out = []
    for number, (w, h) in enumerate(pdf_pages(pdf), start=1):
        margin = 12 / 25.4 * 72  # the parallel page's @page margin
        step = (w - 2 * margin) / columns
        for c in range(columns):
            x = int(margin + c * step) if c else 0
            width = int(margin + (c + 1) * step) - x if c < columns - 1 else int(w) - x
            out.append(subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), "-r", "72", "-x", str(x),
                 "-y", "0", "-W", str(width), "-H", str(int(h)), str(pdf), "-"],
                capture_output=True, text=True, check=True).stdout)
    return "\n".join(out)


def page_feet(pdf: Path) -> list[str]:
    """The last line of text on each page (without whitespace): what stands at the page's foot."""
    feet = []
    for number in range(1, len(pdf_pages(pdf)) + 1):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [squash(line) for line in text.splitlines() if squash(line)]
        feet.append(lines[-1] if lines else "")
    return feet


def norm(text: str, anchors: list[str]) -> str:
    """Text to compare with a PDF's: no whitespace, no hyphens (print hyphenates), no printed [#anchors]
    (they stand in the margin of the paragraph and land inside its text in pdftotext's reading order)."""
    for anchor in sorted(anchors, key=len, reverse=True):
        text = text.replace(f"[#{anchor}]", "")
    return re.sub(r"[\s\-\u2010\u00ad°]", "", text)  # ° : the emendation mark, a superscript placed loosely


def squash(text: str) -> str:
    """Text without any whitespace: pdftotext breaks lines (and spaces CJK) where the PDF does."""
    return re.sub(r"\s+", "", text)


PRINT_CASES = [(lang, kind) for lang in LANGS for kind in
               ("home", "resolution", "parallel", "report", "box", "recommendation", "concordance", "apparatus",
                "context", "about")]


@pytest.mark.parametrize(("lang", "kind"), PRINT_CASES, ids=[f"{lang}-{kind}" for lang, kind in PRINT_CASES])
def test_page_type_prints_with_its_text(browser, site_dir, tmp_path, poppler, lang, kind):
    pages = representatives(site_dir, lang)
    if kind not in pages:
        pytest.fail(f"no {kind} page in the {lang} site to print")
    path = pages[kind]
    pdf = tmp_path / f"{kind}.pdf"
    shown = print_pdf(browser, path, pdf)
    sizes = pdf_pages(pdf)
    text = pdf_text(pdf, columns=3 if kind == "parallel" else 1)
    flat = squash(text)
    article = squash(shown["article"])

    # page count: at least one page, and no more than the text needs (+2 for headings and breaks)
    assert sizes, "empty PDF"
    ceiling = math.ceil(len(article) / MIN_CHARS_PER_PAGE) + 2
    assert len(sizes) <= ceiling, f"{len(sizes)} pages for {len(article)} characters of page text (max {ceiling})"
    landscape = kind == "parallel"
    for w, h in sizes:
        expect = (A4[1], A4[0]) if landscape else A4
        assert abs(w - expect[0]) < 2 and abs(h - expect[1]) < 2, f"page size {w}x{h}, expected {expect}"

    # the text is there: every paragraph's words, and its anchor
    html = path.read_text(encoding="utf-8")
    anchors = re.findall(r'<(?:p|div) class="(?:para [^"]*|par-row)" (?:[^>]*?)id="([^"]+)"', html)
    anchors += re.findall(r'<(?:p|div) (?:[^>]*?)id="([^"]+)" class="(?:para [^"]*|par-row)"', html)
    for anchor in anchors:
        assert f"[#{anchor}]" in flat, f"the anchor #{anchor} is not printed"
    for p in re.findall(r'<p class="para(?: [^"]*)?"[^>]*>(.*?)</p>', html, flags=re.S):
        words = squash(re.sub(r"<[^>]+>", "", re.sub(r'<a [^>]*class="[^"]*(?:para-link|emendation-mark)[^"]*"[^>]*>.*?</a>',
                                                      "", p)))
        words = norm(html_unescape(words), anchors)[:40]
        assert words and words in norm(flat, anchors), f"not printed: {words!r}"

    # nothing of the screen's machinery
    for selector_text in re.findall(r'class="(?:par-toggle|par-mode)"[^>]*>([^<]+)<', html):
        if kind == "parallel":  # the toolbar's labels are also the column heads; only the mode switch is unique
            continue
        assert selector_text not in text
    for machinery in re.findall(r'class="par-mode"[^>]*>([^<]+)<', html):
        assert machinery not in text, f"the button {machinery!r} is printed"
    assert flat.count("¶") <= article.count("¶"), "link marks are printed"
    title = squash(shown["title"])
    assert not title or flat.count(title) <= article.count(title), f"the header ({shown['title']!r}) is printed"
    nav = [squash(t) for t in set(shown["nav"]) if squash(t) and squash(t) not in article]
    printed_nav = [t for t in nav if t in flat]
    assert len(printed_nav) < max(2, len(nav) // 2), f"the navigation is printed: {printed_nav}"

    # no on-screen instructions
    for intro in re.findall(r'<p class="parallel-intro">(.*?)</p>', html, flags=re.S):
        assert squash(html_unescape(re.sub(r"<[^>]+>", "", intro)))[:30] not in flat, "on-screen instructions are printed"

    # no heading alone at the foot of a page (it must stay with what it heads)
    headings = {squash(html_unescape(re.sub(r"<[^>]+>", "", h))) for h in
                re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, flags=re.S)}
    headings = {h for h in headings if len(h) >= 2}
    for number, foot in enumerate(page_feet(pdf)[:-1], start=1):
        alone = [h for h in headings if foot and (foot == h or (len(foot) >= 4 and h.startswith(foot)))]
        assert not alone, f"page {number} ends with the heading {alone[0]!r}, alone at its foot"

    # notes at the end: the notes heading comes after the last paragraph
    if 'id="notes"' in html and anchors:
        last = max(flat.find(f"[#{a}]") for a in anchors if a not in ("notes",))
        notes_at = flat.rfind("[#notes]") if "[#notes]" in flat else -1
        first_note = re.search(r'<p class="footnote" id="([^"]+)"', html)
        if first_note:
            fn_text = squash(re.sub(r"<[^>]+>", "", re.search(
                r'<p class="footnote" id="%s"[^>]*>(.*?)</p>' % re.escape(first_note.group(1)), html, re.S).group(1)))
            at = flat.find(fn_text[1:30])
            assert at > last, "the notes are not at the end"
        assert notes_at == -1 or notes_at > 0


@pytest.mark.parametrize("lang", LANGS)
def test_parallel_view_prints_in_columns(browser, site_dir, lang):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(html_path(site_dir, lang, "resolution/parallel.md").as_uri())
        page.emulate_media(media="print")
        boxes = page.eval_on_selector_all("#op5 .par-cell[lang]", """cells => cells.map(c => {
            const r = c.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top), Math.round(r.width)]; })""")
        assert len(boxes) == 3
        lefts = [b[0] for b in boxes]
        tops = [b[1] for b in boxes]
        assert lefts == sorted(lefts) and len(set(lefts)) == 3, f"columns not side by side: {boxes}"
        assert max(tops) - min(tops) <= 1, f"cells of a row do not start together: {boxes}"
        hidden = page.eval_on_selector_all(".par-toolbar, .md-header, .md-sidebar, .md-footer, a.para-link",
                                           "els => els.filter(e => e.getClientRects().length > 0).length")
        assert hidden == 0, "navigation, toolbar or link marks are laid out in print"
    finally:
        context.close()
