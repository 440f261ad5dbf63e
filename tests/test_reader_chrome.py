"""The site's chrome for a reader: a clean console from file://, the footer and the 404 page in
the page's language, the header title centred, italics kept in Russian and English wherever
they stand (also on pages of the Chinese tree), and the interface strings these use equal to
the UI data."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from edition.ui import load_ui
from htmlscan import html_path
from pagetypes import LANGS, representatives


def test_the_theme_strings_are_generated_from_the_ui_strings(site_spec):
    """The templates and the script get their strings from the UI data (the single source), through the
    generated configuration; mkdocs.yml keeps no copy."""
    from edition.mkdocs_config import THEME_STRINGS, overrides

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "edition_ui" not in (config.get("extra") or {})
    strings = load_ui(ROOT / "sources" / "data" / "ui").strings
    carried = overrides(site_spec, ROOT / "mkdocs.yml")["extra"]["edition_ui"]
    assert {"link_copied", "cite_text_copy", "cite_text_copied", "cite_text_format", "made_with"} <= set(carried)
    assert set(carried) == set(THEME_STRINGS)
    for key, by_lang in carried.items():
        assert by_lang == {lang: strings[key][lang] for lang in LANGS}, key


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_console_is_clean_from_file_on_every_page_type(browser, site_dir, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"{page.url}: console {m.type}: {m.text[:160]}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"{page.url}: request failed: {r.url}"))
        kinds = representatives(site_dir, lang)
        assert len(kinds) >= 8, kinds
        for path in kinds.values():
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(400)  # Material's late requests (sitemaps, search index)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("lang,made_with", [("zh", "本站使用"), ("ru", "Сделано с помощью"), ("en", "Made with")])
def test_footer_in_the_pages_language(page, site_dir, lang, made_with):
    page.goto(html_path(site_dir, lang, "about.md").as_uri())
    text = page.inner_text(".md-copyright")
    assert made_with in text and "Material for MkDocs" in text
    if lang != "en":
        assert "Made with" not in text


@pytest.mark.browser
@pytest.mark.parametrize("folder,lang,title", [("", "zh-Hans", "未找到页面"), ("ru/", "ru", "Страница не найдена"),
                                               ("en/", "en", "Page not found")])
def test_404_page_in_the_language_of_the_missing_address(browser, served, site_dir, folder, lang, title):
    context = browser.new_context()
    try:
        page = context.new_page()
        missing = f"{served}/{folder}resolution/no-such-page.html"
        page.route(missing, lambda route: route.fulfill(status=404, path=str(site_dir / "404.html")))
        page.goto(missing)
        page.wait_for_load_state("load")
        shown = page.eval_on_selector_all(".edition-not-found", "els => els.filter(e => !e.hidden).map(e => e.lang)")
        assert shown == [lang]
        assert title in page.inner_text("h1") and page.locator("h1").count() == 1
        assert page.evaluate("document.documentElement.lang") == lang
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_header_title_is_vertically_centred(page, site_dir, lang):
    page.goto(html_path(site_dir, lang, "resolution/parallel.md").as_uri())
    header, title = page.evaluate("""() => [document.querySelector('.md-header').getBoundingClientRect().toJSON(),
        document.querySelector('.md-header__topic .md-ellipsis').getBoundingClientRect().toJSON()]""")
    centre = title["top"] + title["height"] / 2
    assert abs(centre - (header["top"] + header["height"] / 2)) <= 3, (header, title)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_italics_kept_in_russian_and_english_on_every_language_tree(page, site_dir, lang):
    page.goto(html_path(site_dir, lang, "resolution/parallel.md").as_uri() + "#op5")
    styles = page.evaluate("""() => Object.fromEntries(['zh', 'ru', 'en'].map(l => [l,
        [...document.querySelectorAll(`.par-cell[data-lang=${l}] em`)].map(e => getComputedStyle(e).fontStyle)]))""")
    assert styles["ru"] and set(styles["ru"]) == {"italic"}, styles["ru"][:5]
    assert styles["en"] and set(styles["en"]) == {"italic"}, styles["en"][:5]
    assert set(styles["zh"]) <= {"normal"}, styles["zh"][:5]


#: Every part of the collection the home page presents, by the page it links to.
COLLECTION = ("resolution/index.html", "resolution/parallel.html", "report/index.html", "report/contents.html",
              "context.html", "concordance.html", "apparatus.html", "about.html")


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_presents_the_whole_collection(site_dir, lang):
    import re

    home = html_path(site_dir, lang, "index.md")
    article = home.read_text(encoding="utf-8").split('<article', 1)[1].split("</article>", 1)[0]
    links = set(re.findall(r'<a href="([^"#]+)', article))
    missing = [page for page in COLLECTION if page not in links]
    assert not missing, f"the {lang} home page does not link to {missing}"


SIDEBAR = """() => { const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');
    if (!wrap || !wrap.getClientRects().length) return null;
    const r = wrap.getBoundingClientRect(), footer = document.querySelector('.md-footer').getBoundingClientRect();
    return {bottom: r.bottom, footer: footer.top, scroll: wrap.scrollHeight, client: wrap.clientHeight}; }"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_sidebar_is_not_clipped_by_the_footer_at_1280x900(page, site_dir, lang):
    problems = []
    seen = 0
    for kind, path in representatives(site_dir, lang).items():
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        for where in ("top", "bottom"):
            if where == "bottom":
                page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            page.wait_for_timeout(150)
            box = page.evaluate(SIDEBAR)
            if box is None:
                continue
            seen += 1
            if box["bottom"] > box["footer"] + 1 or box["scroll"] > box["client"] + 1:
                problems.append(f"{kind} ({where}): {box}")
    assert seen >= 8
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_italics_of_an_english_reading_kept_in_the_chinese_apparatus(page, site_dir):
    """The italics emendation read "Encourages → Encourages" on the zh apparatus: the correction lost its italics."""
    page.goto(html_path(site_dir, "zh", "apparatus.md").as_uri())
    styles = page.evaluate("""() => [...document.querySelectorAll('article em')]
        .filter(e => /^(en|ru)/.test((e.closest('[lang]') || {}).lang || '')).map(e => getComputedStyle(e).fontStyle)""")
    assert styles and set(styles) == {"italic"}, styles
