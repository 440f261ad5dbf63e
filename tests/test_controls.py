"""Controls that work: nothing lies over a control, and the parallel view keeps the reader's place.

For every control of the toolbars (the header's buttons and language menu, the
parallel view's column buttons, Material's back-to-top button when it shows), on
every page type, at phone, tablet and desktop widths, with the page at its top,
with the toolbars stuck (scrolled into the text) and just after scrolling up (when
Material shows its back-to-top button), the element at the centre of the control
is the control itself or inside it: a click or tap there reaches it.
"""

from __future__ import annotations

import pytest

from htmlscan import html_path
from pagetypes import LANGS, representatives

pytestmark = pytest.mark.browser

WIDTHS = (375, 768, 1280, 1600)
PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

#: The controls of the toolbars (those shown: a folded search field or a hidden back-to-top
#: button is not a control the reader can reach; nor an icon the pointer passes through).
CONTROLS = ".md-header .md-header__button, .md-header .md-select, .md-header .md-search__input, .par-toolbar button, .md-top"

COVERED = """selector => [...document.querySelectorAll(selector)].filter(c => {
    const r = c.getBoundingClientRect(), s = getComputedStyle(c);
    return r.width > 0 && r.height > 0 && s.pointerEvents !== 'none'
        && c.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
}).map(c => {
    const r = c.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return {control: (c.className.baseVal ?? c.className) + ' ' + c.textContent.trim().slice(0, 20), x, y,
            ok: !!hit && (c === hit || c.contains(hit)),
            hit: hit ? hit.tagName + '.' + (hit.className.baseVal ?? hit.className) : null};
})"""


def context_for(browser, width: int):
    if width == 375:
        return browser.new_context(**PHONE)
    return browser.new_context(viewport={"width": width, "height": 900})


def states(page):
    """Yield the page in its three states: at the top, toolbars stuck, just scrolled up."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(150)
    yield "top"
    page.evaluate("""() => { const t = document.querySelector('#op5') || document.querySelector('article p:nth-of-type(6)');
        if (t) t.scrollIntoView({block: 'start'}); else window.scrollTo(0, document.body.scrollHeight / 2); }""")
    page.wait_for_timeout(300)
    yield "stuck"
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(250)
    page.mouse.wheel(0, -150)
    page.wait_for_timeout(450)  # Material shows its back-to-top button on a scroll up
    yield "scrolled up"


def check_page(page, url: str, label: str, problems: list[str]) -> int:
    page.goto(url)
    page.wait_for_load_state("load")
    seen = 0
    for state in states(page):
        for c in page.evaluate(COVERED, CONTROLS):
            seen += 1
            if not c["ok"]:
                problems.append(f"{label} [{state}]: {c['control']!r} at ({c['x']:.0f}, {c['y']:.0f}) is covered by {c['hit']}")
    return seen


@pytest.mark.parametrize("width", WIDTHS)
def test_every_toolbar_control_is_the_element_at_its_centre(browser, site_dir, width):
    problems: list[str] = []
    context = context_for(browser, width)
    try:
        page = context.new_page()
        checked = 0
        for kind, path in representatives(site_dir, "en").items():
            checked += check_page(page, path.as_uri(), f"en {kind} @{width}", problems)
        for lang in LANGS:  # the column buttons' labels differ in length by language
            checked += check_page(page, html_path(site_dir, lang, "resolution/parallel.md").as_uri() + "#op5",
                                  f"{lang} parallel @{width}", problems)
    finally:
        context.close()
    assert checked > 50, f"only {checked} controls found"
    assert not problems, "\n".join(problems)


def test_the_parallel_toolbar_controls_are_checked_while_stuck(browser, site_dir):
    """The test above must really see the stuck toolbar with its four buttons."""
    context = context_for(browser, 1280)
    try:
        page = context.new_page()
        page.goto(html_path(site_dir, "en", "resolution/parallel.md").as_uri() + "#op5")
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        stuck = page.evaluate("""() => { const t = document.querySelector('.par-toolbar').getBoundingClientRect();
            const h = document.querySelector('.md-header').getBoundingClientRect(); return Math.abs(t.top - h.bottom) < 2; }""")
        assert stuck, "the column toolbar is not stuck below the header at #op5"
        found = [c for c in page.evaluate(COVERED, ".par-toolbar button") if c["ok"]]
        assert len(found) == 4, found
    finally:
        context.close()


def row_top(page, anchor: str) -> float:
    return page.eval_on_selector(f"#{anchor}", "e => e.getBoundingClientRect().top")


def reading_row(page) -> str:
    """The row being read: the one at a reading line a tenth of the way down the text area below the toolbar."""
    return page.evaluate("""() => { const below = document.querySelector('.par-toolbar').getBoundingClientRect().bottom;
        const line = below + 0.1 * (innerHeight - below);
        return [...document.querySelectorAll('.par-row[id]')].find(r => r.getBoundingClientRect().bottom > line).id; }""")


def parallel_at_op5_on_a_phone(context, site_dir, lang: str):
    """A new reader's phone (no saved column choice) opening the parallel view at #op5."""
    page = context.new_page()
    url = html_path(site_dir, lang, "resolution/parallel.md").as_uri()
    page.goto(url)
    page.evaluate("localStorage.clear()")
    page.goto("about:blank")
    page.goto(url + "#op5")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_hiding_and_showing_a_column_on_a_phone_keeps_the_paragraph_in_place(browser, site_dir, lang):
    context = browser.new_context(**PHONE)
    try:
        page = parallel_at_op5_on_a_phone(context, site_dir, lang)
        assert reading_row(page) == "op5"
        before = row_top(page, "op5")
        for toggle in (LANGS[0], LANGS[-1]) * 2:  # hide two columns, then show them again
            page.tap(f".par-toggle[data-lang={toggle}]")
            page.wait_for_timeout(300)
            assert reading_row(page) == "op5", f"after tapping {toggle}: the reader is at #{reading_row(page)}"
            assert abs(row_top(page, "op5") - before) <= 2, f"#op5 moved from {before} to {row_top(page, 'op5')}"
            assert page.evaluate("window.scrollY") > 500, "the tap threw the reader to the top"
        assert page.evaluate("document.querySelector('.md-top').hidden") or \
            page.evaluate(COVERED, ".par-toolbar button") and all(c["ok"] for c in page.evaluate(COVERED, ".par-toolbar button"))
    finally:
        context.close()


def test_one_language_mode_on_a_phone_keeps_the_paragraph_in_place(browser, site_dir):
    context = browser.new_context(**PHONE)
    try:
        page = parallel_at_op5_on_a_phone(context, site_dir, "en")
        before = row_top(page, "op5")
        page.tap(".par-mode")
        page.wait_for_timeout(300)
        assert reading_row(page) == "op5" and abs(row_top(page, "op5") - before) <= 2
        page.tap(".par-toggle[data-lang=ru]")  # the quick switch
        page.wait_for_timeout(300)
        assert reading_row(page) == "op5" and abs(row_top(page, "op5") - before) <= 2
    finally:
        context.close()
