"""Phones (375 px): no sideways scrolling on any page, the parallel view one language at a time
with a quick switch, and #paragraph links landing below the sticky header."""

from __future__ import annotations

import pytest

from htmlscan import html_path
from pagetypes import LANGS, pages

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture()
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_reads_without_sideways_scrolling(phone, site_dir, lang):
    found = pages(site_dir, lang)
    assert len(found) >= 5
    too_wide = []
    for path in found:
        phone.goto(path.as_uri())
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide.append((path.relative_to(site_dir).as_posix(), width))
    assert not too_wide, f"pages wider than the phone: {too_wide}"


def visible_langs(page, row="#op5"):
    return page.eval_on_selector_all(f"{row} .par-cell", "cells => cells.filter(c => c.offsetParent !== null)"
                                     ".map(c => c.dataset.lang)")


def test_parallel_view_one_language_at_a_time_with_a_quick_switch(phone, site_dir):
    phone.goto(html_path(site_dir, "ru", "resolution/parallel.md").as_uri())
    phone.evaluate("localStorage.clear()")
    phone.reload()
    assert visible_langs(phone) == ["zh", "ru", "en"], "stacked rows show every language by default"
    phone.click(".par-mode")
    assert phone.get_attribute(".par-mode", "aria-pressed") == "true"
    assert visible_langs(phone) == ["ru"], "one-language mode starts with the interface language"
    phone.click(".par-toggle[data-lang=zh]")
    assert visible_langs(phone) == ["zh"], "a language button switches straight to that language"
    phone.reload()
    assert visible_langs(phone) == ["zh"], "the choice is remembered"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.click(".par-mode")
    assert visible_langs(phone) == ["zh", "ru", "en"]


@pytest.mark.parametrize("md_path,anchor", [("resolution/index.md", "op8"), ("resolution/parallel.md", "op8"),
                                            ("resolution/index.md", "pp12")])
def test_paragraph_link_lands_below_the_sticky_header(phone, site_dir, md_path, anchor):
    assert_lands_below_header(phone, html_path(site_dir, "en", md_path).as_uri() + f"#{anchor}", anchor)


def test_paragraph_link_lands_below_the_header_with_one_language_shown(phone, site_dir):
    """The remembered one-language mode is applied after the page has loaded: rows above
    the target shrink by two thirds, and the target must still land below the header."""
    url = html_path(site_dir, "en", "resolution/parallel.md").as_uri()
    phone.goto(url)
    phone.evaluate("localStorage.clear()")
    phone.reload()
    phone.click(".par-mode")
    assert visible_langs(phone) == ["en"]
    phone.goto("about:blank")  # a fresh load, not a jump inside the loaded page
    assert_lands_below_header(phone, url + "#op12", "op12")
    assert visible_langs(phone, "#op12") == ["en"]


def assert_lands_below_header(phone, url, anchor):
    phone.goto(url)
    phone.wait_for_load_state("load")
    phone.wait_for_timeout(100)
    top, covered_to = phone.evaluate("""id => {
        const target = document.getElementById(id).getBoundingClientRect().top;
        let bottom = 0;
        for (const el of document.querySelectorAll('.md-header, .par-toolbar')) {
            const s = getComputedStyle(el);
            if (s.position === 'sticky' || s.position === 'fixed') bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
        }
        return [target, bottom];
    }""", anchor)
    assert covered_to > 0, "no sticky header found"
    assert top >= covered_to - 1, f"#{anchor} starts at {top}px, under the sticky header ending at {covered_to}px"
    assert top < 740 / 2, f"#{anchor} is not near the top ({top}px)"
