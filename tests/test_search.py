"""Search that lands on the paragraph: one index entry per citable unit (paragraph, box,
recommendation), titled with its citation, in every language tree; the units' text not
indexed twice; Chinese text segmented; and the search scope label from the UI data."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
import yaml

from edition.search import add_paragraph_entries, citable_units, page_language, segment
from edition.ui import load_ui
from conftest import LANGUAGES
from htmlscan import html_path, lang_root, scan

ROOT = Path(__file__).resolve().parents[1]

PAGE = """<html><body><article>
<h1 id="t">Title</h1>
<p class="para" id="op5" data-cite="A/RES/78/311, para. 5" data-search-exclude="">
<a class="para-link" href="#op5">¶</a> <span class="para-num">5.</span> <em>Encourages</em> Member
States<a class="fnref" href="#fn1">1</a> to increase <span class="emendation-mark" title="x">†</span>capacity-building</p>
<section id="box9" class="container" data-cite="Box 9" data-search-exclude="">
<h3 id="box9-title">Box 9: Open and closed systems</h3><p>Box text<br>continues.</p>
<p id="box9-p" data-cite="Box 9, para. 1">Inner cited paragraph.</p>
<script>var x = "not text";</script>
</section>
<p id="plain">A paragraph without a citation.</p>
<p data-cite="no id">A cell of the parallel view.</p>
</article></body></html>"""


def test_citable_units_keep_the_text_and_drop_the_marks():
    units = {u.anchor: u for u in citable_units(PAGE)}
    assert list(units) == ["op5", "box9", "box9-p"]
    assert units["op5"].cite == "A/RES/78/311, para. 5"
    # the link mark, the footnote number and the emendation marker are not the text
    assert units["op5"].text == "5. Encourages Member States to increase capacity-building"


def test_a_nested_unit_owns_its_text_and_the_outer_one_its_headings():
    units = {u.anchor: u for u in citable_units(PAGE)}
    assert units["box9"].text == "Box 9: Open and closed systems Box text continues."
    assert "Inner cited" not in units["box9"].text and "not text" not in units["box9"].text
    assert units["box9-p"].text == "Inner cited paragraph."
    assert units["box9"].inner_ids == ["box9-title", "box9-p"]


def test_chinese_is_segmented_with_zero_width_spaces_and_latin_left_alone():
    out = segment("各国应加强人工智能能力建设 AI capacity")
    assert "\u200b" in out and out.replace("\u200b", "") == "各国应加强人工智能能力建设 AI capacity"
    assert "人工智能" in out.split("\u200b")
    assert segment("capacity-building") == "capacity-building"


def test_page_language_from_the_language_tree():
    assert page_language("resolution/index.html", LANGUAGES) == "zh"
    assert page_language("ru/resolution/index.html", LANGUAGES) == "ru"
    assert page_language("en/report/chapter-4.html", LANGUAGES) == "en"
    assert page_language("ru.html", LANGUAGES) == "zh"


def test_entries_are_added_after_their_page_and_covered_headings_dropped(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "page.html").write_text(PAGE, encoding="utf-8")
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "en/page.html", "title": "Title", "text": ""},
        {"location": "en/page.html#box9-title", "title": "Box 9", "text": ""},
        {"location": "other.html", "title": "Other", "text": "x"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    assert add_paragraph_entries(tmp_path, LANGUAGES) == {"en": 3}
    out = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in out["docs"]] == [
        "en/page.html", "en/page.html#op5", "en/page.html#box9", "en/page.html#box9-p", "other.html"]
    assert out["docs"][1]["title"] == "A/RES/78/311, para. 5"
    js = (tmp_path / "search" / "search_index.js").read_text(encoding="utf-8")
    assert js.startswith("var __index = ") and json.loads(js[len("var __index = "):]) == out


def test_a_site_without_a_search_index_is_an_error(tmp_path):
    from edition.errors import EditionError

    with pytest.raises(EditionError, match="search_index.json"):
        add_paragraph_entries(tmp_path, LANGUAGES)


# ------------------------------------------------------------------ the real site


@pytest.fixture(scope="module")
def index(site_dir):
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {d["location"]: d for d in data["docs"]}


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_every_citable_unit_of_every_page_has_its_entry(site_dir, index, lang):
    root = lang_root(site_dir, lang)
    checked = 0
    for page in sorted(root.glob("**/*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if page_language(rel, LANGUAGES) != lang:  # the default language's tree holds the others' folders
            continue
        for unit in citable_units(page.read_text(encoding="utf-8")):
            e = index.get(f"{rel}#{unit.anchor}")
            assert e is not None, f"no search entry for {rel}#{unit.anchor}"
            assert e["title"].replace("\u200b", "") == unit.cite
            checked += 1
    assert checked >= 350  # 30 resolution paragraphs, 290 report paragraphs, 30 recommendations and boxes


@pytest.mark.parametrize("lang,location,title,words", [
    ("zh", "resolution/index.html#op5", "第78/311号决议第5段", ["能力", "建设"]),
    ("ru", "ru/resolution/index.html#op5", "A/RES/78/311, п. 5", ["наращивания", "потенциала"]),
    ("en", "en/resolution/index.html#op5", "A/RES/78/311, para. 5", ["capacity-building"]),
    ("ru", "ru/report/chapter-4.html#p140", "«Управление ИИ в интересах человечества», п. 140", ["农业"]),
])
def test_a_paragraph_entry_is_titled_with_its_citation_and_holds_its_words(index, lang, location, title, words):
    e = index[location]
    assert e["title"].replace("\u200b", "") == title
    tokens = set(e["text"].replace("\u200b", " ").split())
    assert all(w in tokens for w in words), (words, e["text"][:200])


def test_paragraph_text_is_not_indexed_twice(index):
    page = index["en/resolution/index.html"]
    assert "Encourages" not in page["text"] and "Member States" not in page["text"]
    op5 = index["en/resolution/index.html#op5"]["text"]
    assert sum(op5[:60] in d["text"] for d in index.values()) == 1


def test_offline_copy_of_the_index_is_the_same_index(site_dir):
    data = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    js = (site_dir / "search" / "search_index.js").read_text(encoding="utf-8")
    assert js == f"var __index = {data}"


def test_the_i18n_languages_are_generated_from_the_language_data(site_spec):
    """static-i18n needs per-language interface strings at build time: its plugin, as MkDocs loads it
    from mkdocs.yml, has its languages from languages.yaml and the UI strings (the single source);
    mkdocs.yml declares none."""
    from mkdocs.config import load_config

    from edition.mkdocs_config import I18N_PLUGIN, overrides

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p[I18N_PLUGIN] for p in config["plugins"] if isinstance(p, dict) and I18N_PLUGIN in p)
    assert "languages" not in i18n and "nav" not in config
    loaded = load_config(str(ROOT / "mkdocs.yml")).plugins[I18N_PLUGIN].config.languages
    generated = overrides(site_spec, ROOT / "mkdocs.yml")
    languages = next(p[I18N_PLUGIN] for p in generated["plugins"] if isinstance(p, dict) and I18N_PLUGIN in p)["languages"]
    assert [x.locale for x in loaded] == [x["locale"] for x in languages] == list(LANGUAGES.interface)
    assert [x.site_name for x in loaded] == [x["site_name"] for x in languages]
    assert [x["locale"] for x in languages if x["default"]] == [LANGUAGES.default]
    assert generated["theme"]["language"] == LANGUAGES.default
    strings = load_ui(ROOT / "sources" / "data" / "ui").strings
    for language in languages:
        lang = language["locale"]
        # escaped once, for the templates that write them into HTML as they are
        assert html.unescape(language["extra"]["search_scope"]) == strings["search_scope"][lang]
        assert html.unescape(language["site_name"]) == strings["site_name"][lang]
        assert html.unescape(language["site_description"]) == strings["site_description"][lang]
        assert html.unescape(language["name"]) == LANGUAGES.get(lang).autonym


@pytest.mark.parametrize("lang", LANGUAGES.interface)
def test_every_tree_carries_its_search_scope_label(site_dir, lang):
    """The generated configuration reaches the pages: each tree's label in its own language."""
    strings = load_ui(ROOT / "sources" / "data" / "ui").strings
    page = scan(html_path(site_dir, lang, "resolution/index.md"))
    metas = {a.get("name"): a.get("content") for tag, a in page.elements if tag == "meta"}
    assert metas["edition:search-scope"] == strings["search_scope"][lang]


# ---------------------------------------------------------------- the search worker, from file://

#: Counts the iframes of the page when its DOM is complete and at the first frame after (the
#: iframe-worker shim runs Material's search "worker" in an iframe on the page's own thread).
IFRAMES_AT_START = """
window.__iframes = {};
document.addEventListener("DOMContentLoaded", () => {
  window.__iframes.ready = document.querySelectorAll("iframe").length;
  requestAnimationFrame(() => { window.__iframes.frame = document.querySelectorAll("iframe").length; });
});
"""


@pytest.mark.browser
def test_from_file_the_search_worker_is_made_after_the_page_shows_and_still_answers(browser, site_dir):
    """From file:// the search worker's iframe, its scripts and its index take the page's own main
    thread: it is not made while the page is first shown (not by DOMContentLoaded, nor by the
    first frame after it), but once the page has loaded and the browser is idle; a reader who
    goes to the search box at once gets it then, and answers."""
    url = (site_dir / "en" / "resolution" / "index.html").as_uri() + "#op12"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(IFRAMES_AT_START)
        page.goto(url)
        page.wait_for_function("window.__iframes.frame !== undefined")
        assert page.evaluate("window.__iframes") == {"ready": 0, "frame": 0}
        page.wait_for_function("document.querySelectorAll('iframe').length === 1", timeout=10_000)

        # a reader who searches before the browser was idle: focusing the box makes the worker
        eager = context.new_page()
        eager.add_init_script(IFRAMES_AT_START + """
          if (window.top === window) {  // (init scripts run in the worker's iframe too)
            window.requestIdleCallback = () => 0;  // never idle: only the search box can start it
            document.addEventListener("DOMContentLoaded", () => {
              setTimeout(() => document.querySelector("input.md-search__input").focus(), 0);
            });
          }""")
        eager.goto(url)
        eager.wait_for_function("document.querySelectorAll('iframe').length === 1", timeout=10_000)
        eager.fill("input.md-search__input", "capacity-building")
        eager.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
    finally:
        context.close()


def test_witness_cells_are_the_text_of_the_wanted_languages_only():
    from edition.search import witness_cells

    html = ('<div class="par-row" id="op1"><div class="par-cell" data-lang="en" lang="en">'
            '<div class="par-label">English</div><p>1. <em>Decides</em> to act;</p></div>'
            '<div class="par-cell" data-lang="fr" lang="fr"><div class="par-label">French</div>'
            '<p>1. <em>Décide</em> d’agir<sup class="fnref">1</sup>;</p></div></div>'
            '<div class="par-row" id="op2"><div class="par-cell" data-lang="fr"><p>2. Prie</p></div></div>')
    assert witness_cells(html, frozenset({"fr"})) == {("op1", "fr"): "1. Décide d’agir;", ("op2", "fr"): "2. Prie"}
