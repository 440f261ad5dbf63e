"""Accessibility of every page type in every language, in Debian's chromium.

axe-core (pinned in package-lock.json, installed by ``make system-deps``) is
injected by Playwright into every built page, in the light and the dark colour
scheme and at phone width. Next to it, checks axe cannot make: the ``lang`` of
every column, paragraph, quotation and interface label; keyboard use of the
link marks, buttons and column toggles with a visible focus; reduced motion.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from htmlscan import html_path
from pagetypes import LANGS, REQUIRED, by_type, pages

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
from conftest import LANGUAGES

HTML_LANG = {lang.code: lang.tag for lang in LANGUAGES.all}

#: Structure rules that fail the test whatever impact axe gives them
#: ("landmarks and headings are in order").
STRUCTURE_RULES = {"heading-order", "page-has-heading-one", "landmark-one-main", "landmark-unique", "region",
                   "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
                   "landmark-no-duplicate-main", "landmark-main-is-top-level", "empty-heading", "html-has-lang",
                   "html-lang-valid", "valid-lang"}

VARIANTS = {
    "light": {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}},
    "dark": {"color_scheme": "dark", "viewport": {"width": 1280, "height": 900}},
    "phone": {"color_scheme": "light", "viewport": {"width": 375, "height": 740}, "is_mobile": True},
}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make system-deps` (npm ci from package-lock.json)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", REQUIRED)
def test_page_type_exists(site_dir, lang, kind):
    """The tests below cover what the build made; this says what it must make."""
    found = by_type(site_dir, lang)
    assert kind in found, f"no {kind} page in the {lang} site (found: {', '.join(sorted(found))})"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_violation(browser, site_dir, axe_source, lang, variant):
    context = browser.new_context(**VARIANTS[variant])
    problems: list[str] = []
    try:
        page = context.new_page()
        for path in pages(site_dir, lang):
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            scheme = page.get_attribute("body", "data-md-color-scheme")
            assert scheme == ("slate" if variant == "dark" else "default"), f"{path}: scheme {scheme}"
            page.add_script_tag(content=axe_source)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical") or v["id"] in STRUCTURE_RULES:
                    where = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
                    problems.append(f"{path.relative_to(site_dir)}: {v['impact']} {v['id']} "
                                    f"({len(v['nodes'])}x: {where}) {v['help']}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------- languages


class LangScan(HTMLParser):
    """Every element with its effective language (the nearest ``lang`` up the tree)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.elements: list[tuple[str, dict[str, str | None], str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def lang(self) -> str | None:
        return next((lang for _, lang in reversed(self.stack) if lang is not None), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        effective = a.get("lang") if a.get("lang") is not None else self.lang()
        self.elements.append((tag, a, effective))
        if tag not in self.VOID:
            self.stack.append((tag, a.get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if data.strip():
            self.texts.append((data, self.lang()))


def lang_scan(path: Path) -> LangScan:
    s = LangScan()
    s.feed(path.read_text(encoding="utf-8"))
    return s


def same_lang(effective: str | None, lang: str) -> bool:
    return (effective or "").split("-")[0] == lang


#: Elements whose text or accessible name is interface text, not edition text.
UI_LABEL_CLASSES = ("par-label", "para-link", "fnref", "emendation-mark", "fn-back", "par-toggle", "par-mode")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_declares_its_language(site_dir, lang):
    for path in pages(site_dir, lang):
        html = next(e for e in lang_scan(path).elements if e[0] == "html")
        assert same_lang(html[1].get("lang"), lang), f"{path}: <html lang={html[1].get('lang')}>"


@pytest.mark.parametrize("lang", LANGS)
def test_parallel_columns_and_their_labels_carry_the_right_lang(site_dir, lang):
    scan = lang_scan(html_path(site_dir, lang, "resolution/parallel.md"))
    cells = [(a, eff) for tag, a, eff in scan.elements if "par-cell" in (a.get("class") or "").split()]
    text_cells = [(a, eff) for a, eff in cells if a.get("lang")]
    assert len(text_cells) > 30
    for a, eff in text_cells:
        assert eff == HTML_LANG[a["data-lang"]], f"cell {a} has lang {eff}"
    labels = [(tag, a, eff) for tag, a, eff in scan.elements
              if set((a.get("class") or "").split()) & set(UI_LABEL_CLASSES)]
    assert labels
    for tag, a, eff in labels:
        assert same_lang(eff, lang), f"interface label <{tag} class={a.get('class')}> read as {eff} on the {lang} page"


@pytest.mark.parametrize("lang", LANGS)
def test_edition_paragraphs_are_in_the_language_of_their_text(site_dir, edition, lang):
    for md in ("resolution/index.md",):
        scan = lang_scan(html_path(site_dir, lang, md))
        paras = [(a, eff) for tag, a, eff in scan.elements if "para" in (a.get("class") or "").split()]
        assert len(paras) >= 30
        for a, eff in paras:
            assert same_lang(eff, lang), f"{md} #{a.get('id')} is marked {eff}"


@pytest.mark.parametrize("lang", LANGS)
def test_quoted_readings_in_the_apparatus_carry_the_source_language(site_dir, edition, lang):
    scan = lang_scan(html_path(site_dir, lang, "apparatus.md"))
    checked = 0
    for e in edition.emendations:
        doc = edition.documents.get(e.source)
        if doc is None:
            continue
        hits = [eff for text, eff in scan.texts if text == e.original]
        assert hits, f"{e.id}: the source reading {e.original!r} is not quoted on the {lang} apparatus page"
        assert all(same_lang(eff, doc.lang) for eff in hits), f"{e.id}: {e.original!r} read as {hits}"
        checked += 1
    assert checked


def test_language_menu_names_each_language_in_its_language(page, site_dir):
    page.goto(html_path(site_dir, "en", "index.md").as_uri())
    langs = page.eval_on_selector_all("a.md-select__link[hreflang]",
                                      "links => links.map(a => [a.hreflang, a.lang, a.textContent.trim()])")
    assert {h for h, _, _ in langs} == set(LANGS)
    for hreflang, lang, name in langs:
        assert same_lang(lang, hreflang), f"{name!r} is not marked as {hreflang}"


# ------------------------------------------------------------------ keyboard


FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          opacity: parseFloat(s.opacity), visible: el.getBoundingClientRect().width > 0};
}"""


def tab_until(page, selector: str, limit: int = 400) -> list[str]:
    """Press Tab until an element matching ``selector`` has focus; return what was focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate("""sel => { const el = document.activeElement;
            return [el.matches(sel), el.tagName + '.' + el.className]; }""", selector)
        seen.append(info[1])
        if info[0]:
            return seen
    raise AssertionError(f"{selector} not reached by Tab in {limit} presses: {seen[-20:]}")


@pytest.mark.parametrize("lang", LANGS)
def test_parallel_toolbar_is_usable_by_keyboard_with_a_visible_focus(page, site_dir, lang):
    page.goto(html_path(site_dir, lang, "resolution/parallel.md").as_uri())
    page.evaluate("localStorage.clear()")
    page.reload()
    for sel in (".par-toggle[data-lang=zh]", ".par-toggle[data-lang=ru]", ".par-toggle[data-lang=en]", ".par-mode",
                ".par-row a.para-link"):
        tab_until(page, sel)
        style = page.eval_on_selector(":focus", FOCUS_STYLE)
        assert style["outline"] and style["visible"] and style["opacity"] == 1, f"{sel}: focus not visible {style}"
    page.reload()
    tab_until(page, ".par-toggle[data-lang=ru]")
    page.keyboard.press("Space")
    assert page.get_attribute(".par-toggle[data-lang=ru]", "aria-pressed") == "false"
    assert not page.is_visible("#op5 .par-cell[data-lang=ru]")
    page.keyboard.press("Enter")
    assert page.get_attribute(".par-toggle[data-lang=ru]", "aria-pressed") == "true"
    tab_until(page, ".par-mode")
    page.keyboard.press("Enter")
    assert page.get_attribute(".par-mode", "aria-pressed") == "true"
    shown = page.eval_on_selector_all("#op5 .par-cell", "cs => cs.filter(c => c.offsetParent).map(c => c.dataset.lang)")
    assert len(shown) == 1, shown


@pytest.mark.parametrize("lang", LANGS)
def test_every_control_in_the_text_is_reachable_by_tab_with_a_visible_focus(page, site_dir, lang):
    """Link marks, and any copy or citation button a page carries, on every page type."""
    for path in pages(site_dir, lang):
        page.goto(path.as_uri())
        controls = page.eval_on_selector_all(
            ".md-content a.para-link, .md-content button", "els => els.filter(e => e.offsetParent).length")
        if not controls:
            continue
        reached = 0
        page.keyboard.press("Tab")
        for _ in range(2000):
            if page.evaluate("document.activeElement.matches('.md-content a.para-link, .md-content button')"):
                style = page.eval_on_selector(":focus", FOCUS_STYLE)
                assert style["outline"] and style["opacity"] == 1, f"{path}: focus not visible {style}"
                reached += 1
            if page.evaluate("!document.querySelector('.md-content').contains(document.activeElement)") and reached:
                break
            page.keyboard.press("Tab")
        assert reached == controls, f"{path}: {reached} of {controls} controls reached by Tab"


def test_link_mark_works_from_the_keyboard(page, site_dir):
    page.goto(html_path(site_dir, "zh", "resolution/index.md").as_uri())
    tab_until(page, "#op3 > a.para-link")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#op3'")


# -------------------------------------------------------------------- motion


def test_reduced_motion_stops_transitions_and_animations(browser, site_dir):
    context = browser.new_context(reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(html_path(site_dir, "en", "resolution/parallel.md").as_uri() + "#op5")
        moving = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el => {
            const s = getComputedStyle(el);
            const t = s.transitionDuration.split(',').some(d => parseFloat(d) > 0);
            const a = s.animationName !== 'none' && s.animationDuration.split(',').some(d => parseFloat(d) > 0);
            return t || a ? [el.tagName + '.' + el.className] : [];
        })""")
        assert not moving, f"moving under reduced motion: {moving[:10]}"
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    finally:
        context.close()


def test_a_paragraph_link_jumps_without_animated_scrolling(page, site_dir):
    """Readers arrive at a paragraph at once, whatever their motion setting (no smooth scroll)."""
    page.goto(html_path(site_dir, "ru", "resolution/index.md").as_uri() + "#op12")
    y = page.evaluate("scrollY")
    page.wait_for_timeout(300)
    assert y > 0 and page.evaluate("scrollY") == y
