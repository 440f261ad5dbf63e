"""The archive unpacked into a folder and opened from file:// in Chromium, with no request
leaving the folder: navigation, a #paragraph link, the language switch, the parallel view."""

from __future__ import annotations

import re
import zipfile

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory, dist_archives):
    archive = dist_archives[0]  # the archive of this commit, made once per session (conftest)
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)
    (folder,) = [p for p in target.iterdir() if p.is_dir()]
    return folder


def test_offline_site_works_from_file_without_leaving_its_folder(browser, unpacked):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    try:
        page.goto(unpacked.joinpath("index.html").as_uri())
        # navigate: home -> resolution edition via the navigation
        page.click("nav.md-nav--primary a[href$='resolution/index.html']")
        page.wait_for_load_state("load")
        assert page.url.endswith("/resolution/index.html")
        # a #paragraph link
        page.goto(unpacked.joinpath("resolution", "index.html").as_uri() + "#op5")
        assert page.evaluate("document.querySelector(':target').id") == "op5"
        # the language switch keeps the paragraph
        page.hover(".md-header__option .md-select")
        page.click("a.md-select__link[hreflang=en]")
        page.wait_for_load_state("load")
        assert page.url.endswith("/en/resolution/index.html#op5"), page.url
        assert "Encourages" in page.inner_text("#op5")
        # the parallel view and a column toggle
        page.goto(unpacked.joinpath("en", "resolution", "parallel.html").as_uri() + "#op5")
        page.click(".par-toggle[data-lang=ru]")
        assert page.eval_on_selector("#op5 .par-cell[data-lang=ru]", "c => getComputedStyle(c).display") == "none"
        page.click(".par-toggle[data-lang=ru]")
    finally:
        context.close()
    base = unpacked.as_uri()
    outside = sorted({u for u in requests if not u.startswith(base + "/") and not u.startswith("data:")})
    assert not outside, f"requests outside the site folder: {outside}"
    assert len(requests) > 10


def search(page, query: str) -> list[str]:
    """Type a query into Material's search box; return the result links (hrefs as written)."""
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item a", timeout=20000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("lang,query,expected", [
    ("zh", "算力", "report/chapter-4.html#rec4"),
    ("ru", "потенциала", "ru/resolution/index.html#op5"),
])
def test_search_from_file_finds_the_paragraph_in_the_readers_language(browser, unpacked, lang, query, expected):
    """Search works from file:// (iframe-worker shim, index as a script), lists paragraphs
    titled with their citation, only in the page's language unless the reader unticks
    the limit, and a result opens the page at the paragraph."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    try:
        home = unpacked / "index.html" if lang == "zh" else unpacked / lang / "index.html"
        page.goto(home.as_uri())
        links = search(page, query)
        absolute = [page.evaluate("h => new URL(h, location.href).href", h) for h in links]
        tree = unpacked.as_uri() + ("/" if lang == "zh" else f"/{lang}/")
        assert all(u.startswith(tree) for u in absolute), absolute
        if lang == "zh":  # the default language is at the root: no result may come from ru/ or en/
            assert not any(u.startswith(tree + "ru/") or u.startswith(tree + "en/") for u in absolute), absolute
        paragraph_links = [h for h in links if "#" in h and not h.split("#")[1].startswith("_")]
        assert len(paragraph_links) >= 3, links
        # the paragraph we know holds the word is among them (Material adds ?h=terms)
        assert unpacked.joinpath(expected.split("#")[0]).as_uri() + "#" + expected.split("#")[1] in [
            u.split("?")[0] + "#" + u.split("#")[1] for u in absolute if "#" in u], (expected, links)
        # a word found through its stem is not reported as missing from the result
        assert page.locator(".md-search-result__terms").count() == 0
        # a result titled with its citation
        titles = page.eval_on_selector_all(".md-search-result__item h1, .md-search-result__item h2",
                                           "els => els.map(e => e.textContent.replace(/\\u200b/g, ''))")
        cite = "《治理人工智能，助力造福人类》建议4" if lang == "zh" else "A/RES/78/311, п. 5"
        assert cite in titles, titles
        # follow the first paragraph result shown: the page opens at that paragraph, in view
        shown = page.eval_on_selector_all(".md-search-result__item a", """els => els
            .filter(e => !e.closest('details:not([open])')).map(e => e.getAttribute('href'))""")
        target = next(h for h in shown if re.fullmatch(r"(pp|op|p|es|es-rec|rec|box)\d+", h.partition("#")[2]))
        anchor = target.split("#")[1]
        page.click(f".md-search-result__item a[href='{target}']")
        page.wait_for_load_state("load")
        page.wait_for_function(f"document.getElementById('{anchor}') && location.hash === '#{anchor}'")
        box = page.eval_on_selector(f"#{anchor}", "e => e.getBoundingClientRect().toJSON()")
        assert 0 <= box["top"] < 900, box
        assert page.eval_on_selector(f"#{anchor}", "e => e.hasAttribute('data-cite')")
        # untick the limit: the other languages' pages join the results
        # (Russian words are only in the Russian tree; the Chinese report is in all three)
        page.go_back()
        page.wait_for_load_state("load")
        page.fill("input.md-search__input", "")
        search(page, "算力")
        page.uncheck(".edition-search-scope input")
        other = "['/ru/', '/en/'].some(t => h.includes(t))" if lang == "zh" else f"!h.includes('/{lang}/')"
        page.wait_for_function(f"""() => [...document.querySelectorAll('.md-search-result__item a')]
            .map(a => a.href).some(h => {other})""", timeout=20000)
        page.check(".edition-search-scope input")  # and back: only the reader's language again
        page.wait_for_function(f"""() => {{ const hs = [...document.querySelectorAll('.md-search-result__item a')]
            .map(a => a.href); return hs.length > 0 && !hs.some(h => {other}); }}""", timeout=20000)
    finally:
        context.close()
    base = unpacked.as_uri()
    outside = sorted({u for u in requests if not u.startswith(base + "/") and not u.startswith("data:")})
    assert not outside, f"requests outside the site folder: {outside}"
