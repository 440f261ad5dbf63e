"""End-to-end tests of the resolution pages in Debian's chromium (Playwright, no download)."""

from __future__ import annotations

import pytest

from htmlscan import html_path

pytestmark = pytest.mark.browser


def url(site_dir, lang, md_path, fragment=""):
    return html_path(site_dir, lang, md_path).as_uri() + fragment


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect();
        const header = document.querySelector('.md-header');
        const top = header ? header.getBoundingClientRect().bottom : 0;
        return r.top >= top - 1 && r.top < window.innerHeight;
    }""")


def highlighted(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => el.matches(':target') &&
        getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)'""")


def test_chinese_edition_at_op5_shows_and_highlights_the_paragraph(page, site_dir):
    page.goto(url(site_dir, "zh", "resolution/index.md", "#op5"))
    page.wait_for_load_state("load")
    assert in_view(page, "#op5"), "operative paragraph 5 is not in view below the header"
    assert highlighted(page, "#op5")
    assert "鼓励" in page.inner_text("#op5")


def test_language_switch_keeps_the_paragraph(page, site_dir):
    page.goto(url(site_dir, "zh", "resolution/index.md", "#op5"))
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang=ru]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/ru/resolution/index.html#op5"), page.url
    assert in_view(page, "#op5") and highlighted(page, "#op5")
    assert "рекомендует" in page.inner_text("#op5")


def test_parallel_page_has_no_horizontal_scroll_at_375px(browser, site_dir):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    try:
        page = context.new_page()
        for lang in ("zh", "ru", "en"):
            page.goto(url(site_dir, lang, "resolution/parallel.md", "#op8"))
            page.wait_for_load_state("load")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{lang}: page is {width}px wide at 375px"
            assert in_view(page, "#op8")
    finally:
        context.close()


def test_parallel_rows_align_paragraphs_with_their_translations(page, site_dir):
    page.goto(url(site_dir, "en", "resolution/parallel.md", "#op5"))
    tops = page.eval_on_selector_all("#op5 .par-cell", "cells => cells.map(c => Math.round(c.getBoundingClientRect().top))")
    assert len(tops) == 3 and max(tops) - min(tops) <= 1, tops
    langs = page.eval_on_selector_all("#op5 .par-cell", "cells => cells.map(c => c.lang)")
    assert langs == ["zh-Hans", "ru", "en"]


def column_display(page, lang: str, row: str = "#op5") -> str:
    """The computed display of one language's cell: "none" only when the toggle hid it.

    Read from the style, not from layout: rows far off screen are not laid out
    (content-visibility), and that must not pass for "hidden"."""
    return page.eval_on_selector(f"{row} .par-cell[data-lang={lang}]", "c => getComputedStyle(c).display")


def test_column_toggle_hides_a_language_and_is_remembered(page, site_dir):
    from playwright.sync_api import expect

    target = url(site_dir, "en", "resolution/parallel.md")
    page.goto(target)
    page.evaluate("localStorage.clear()")
    page.reload()
    assert [column_display(page, l) for l in ("zh", "ru", "en")].count("none") == 0
    page.click(".par-toggle[data-lang=ru]")
    assert page.get_attribute(".par-toggle[data-lang=ru]", "aria-pressed") == "false"
    assert column_display(page, "ru") == "none"
    assert column_display(page, "zh") != "none" and column_display(page, "en") != "none"
    page.locator("#op5").scroll_into_view_if_needed()
    expect(page.locator("#op5 .par-cell[data-lang=zh]")).to_be_visible()
    expect(page.locator("#op5 .par-cell[data-lang=en]")).to_be_visible()
    page.reload()
    assert column_display(page, "ru") == "none", "the choice was not remembered"
    assert page.get_attribute(".par-toggle[data-lang=ru]", "aria-pressed") == "false"
    page.click(".par-toggle[data-lang=ru]")
    assert column_display(page, "ru") != "none"
    page.locator("#op5").scroll_into_view_if_needed()
    expect(page.locator("#op5 .par-cell[data-lang=ru]")).to_be_visible()


def test_link_mark_appears_on_focus_and_copies_the_paragraph_url(browser, served):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    try:
        page = context.new_page()
        page.goto(served + "/en/resolution/index.html")
        mark = page.locator("#op5 > a.para-link")
        assert mark.evaluate("el => getComputedStyle(el).opacity") == "0"
        mark.focus()
        assert mark.evaluate("el => getComputedStyle(el).opacity") == "1"
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#op5'")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == served + "/en/resolution/index.html#op5"
    finally:
        context.close()
