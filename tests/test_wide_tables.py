"""The concordance matrix fits its box or says that it does not (issue 12, item 4).

At phone, tablet and desktop widths, in every interface language: either every column of
the matrix is inside the visible part of its scrolling box, or the reader is told there is
more: a visible line above the table, a fade over the edge that hides columns, and the box
a named region the keyboard reaches and scrolls; scrolled to its end, the fade moves to
the other edge and the last column is in view.
"""

from __future__ import annotations

import pytest

from conftest import INTERFACE
from htmlscan import html_path

pytestmark = pytest.mark.browser

WIDTHS = (375, 768, 1280)

STATE = """() => {
    const cell = document.querySelector('article a.concordance-cell');
    const wrap = cell.closest('.md-typeset__scrollwrap'), frame = wrap.parentElement;
    const hint = frame.previousElementSibling, box = wrap.getBoundingClientRect();
    const heads = [...wrap.querySelectorAll('thead th')].map(th => th.getBoundingClientRect());
    const fade = side => +getComputedStyle(frame, side).opacity;
    return {
        overflow: wrap.scrollWidth - wrap.clientWidth,
        all_in_view: heads.every(r => r.left >= box.left - 1 && r.right <= box.left + wrap.clientWidth + 1),
        last_in_view: heads[heads.length - 1].right <= box.left + wrap.clientWidth + 1,
        frame: frame.className,
        hint: hint && hint.classList.contains('edition-scroll__hint') && !hint.hidden
            && hint.getBoundingClientRect().height > 0 ? hint.innerText.trim() : '',
        role: wrap.getAttribute('role'), label: wrap.getAttribute('aria-label') || '',
        tabindex: wrap.getAttribute('tabindex'), scrollLeft: wrap.scrollLeft,
        left: fade('::before'), right: fade('::after'),
    };
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", INTERFACE)
def test_matrix_fits_or_shows_a_scroll_cue(browser, site_dir, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(html_path(site_dir, lang, "concordance.md").as_uri())
        page.wait_for_function("() => document.querySelector('article .edition-scroll')")
        page.wait_for_timeout(300)  # the fades' transition
        state = page.evaluate(STATE)
        assert state["frame"] == "edition-scroll", state
        if state["overflow"] <= 1:
            assert state["all_in_view"], state
            assert not state["hint"] and state["right"] == 0, state
            return
        # more columns than the box shows: the cue is there, on the hidden side only
        assert not state["all_in_view"], state
        # the region is named by the heading it stands under, then the cue (a name of its own)
        assert state["hint"] and state["label"].endswith(state["hint"]) and state["label"] != state["hint"], state
        assert state["role"] == "region" and state["tabindex"] == "0", state
        assert state["right"] == 1 and state["left"] == 0, state
        # the keyboard scrolls it
        page.focus("article .edition-scroll > .md-typeset__scrollwrap")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('article .edition-scroll > .md-typeset__scrollwrap')"
                               ".scrollLeft > 0")
        # at the end: the last column in view, the fade on the left edge only
        page.eval_on_selector("article .edition-scroll > .md-typeset__scrollwrap", "w => w.scrollLeft = w.scrollWidth")
        page.wait_for_timeout(300)
        end = page.evaluate(STATE)
        assert end["last_in_view"], end
        assert end["left"] == 1 and end["right"] == 0, end
    finally:
        context.close()


@pytest.mark.parametrize("lang", INTERFACE)
def test_every_scrolling_region_of_a_page_has_a_name_of_its_own(browser, site_dir, lang):
    """A page with several wide tables (the open data page on a phone) has as many regions,
    each named apart (axe: landmark-unique)."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        seen = 0
        for name in ("opendata.md", "concordance.md"):
            page.goto(html_path(site_dir, lang, name).as_uri())
            page.wait_for_function("() => document.querySelector('article .edition-scroll')")
            labels = page.evaluate("() => [...document.querySelectorAll('[role=region]')]"
                                   ".map(r => r.getAttribute('aria-label'))")
            seen += len(labels)
            assert all(labels) and len(set(labels)) == len(labels), labels
        assert seen >= 3, f"only {seen} scrolling regions at 375 px"
    finally:
        context.close()
