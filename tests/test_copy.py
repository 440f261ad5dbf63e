"""Clean copying, through the clipboard in Chromium: a selection copies the text alone (no
link mark, emendation mark, note number, a parallel cell's language label or a button's
label), and "copy text with citation" copies a paragraph's text followed by its citation;
both say "copied" on screen and to screen readers."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

#: What is on the page to work the edition and must never be in copied text.
MACHINERY = {"¶": "link mark", "°": "emendation mark"}


@pytest.fixture()
def clip_page(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    page = context.new_page()
    yield page
    context.close()


def copy_selection_of(page, selector: str) -> str:
    """Select the element's whole content as a reader would, press Ctrl+C, read the clipboard."""
    page.evaluate("navigator.clipboard.writeText('')")
    page.eval_on_selector(selector, """el => { const r = document.createRange(); r.selectNodeContents(el);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    page.keyboard.press("Control+C")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    return page.evaluate("navigator.clipboard.readText()")


def reading_text(page, selector: str) -> str:
    """The element's words as the page shows them, without the marks: what the clipboard should hold."""
    return page.eval_on_selector(selector, """el => { const c = el.cloneNode(true);
        c.querySelectorAll('a.para-link, .emendation-mark, .fnref, .par-label, button').forEach(n => n.remove());
        return c.textContent.replace(/\\s+/g, ' ').trim(); }""")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("path,anchor,must_read", [
    ("/en/resolution/index.html", "#op1", "capacity-building in"),   # an emended word, its ° mark left out
    ("/en/resolution/index.html", "#op5", "5. Encourages Member States"),
    ("/en/resolution/index.html", "#pp1", None),                      # a note call inside the sentence
    ("/report/chapter-1.html", "#p1", None),                          # Chinese, with a note call
    ("/ru/resolution/index.html", "#op5", "5. рекомендует"),
])
def test_a_selected_paragraph_copies_its_text_alone(clip_page, served, path, anchor, must_read):
    clip_page.goto(served + path + anchor)
    clip_page.wait_for_load_state("load")
    marks = clip_page.eval_on_selector(anchor, "el => el.querySelectorAll('.fnref, .emendation-mark, a.para-link').length")
    assert marks, f"{anchor} has no marks to leave out: the test would prove nothing"
    copied = copy_selection_of(clip_page, anchor)
    for mark, name in MACHINERY.items():
        assert mark not in copied, f"the {name} {mark!r} was copied: {copied[:80]!r}"
    assert flat(copied) == reading_text(clip_page, anchor), copied
    if must_read:
        assert must_read in copied


def test_a_note_number_is_not_glued_into_the_sentence(clip_page, served):
    clip_page.goto(served + "/report/chapter-1.html#p1")
    calls = clip_page.eval_on_selector_all("#p1 .fnref", "els => els.map(e => e.textContent)")
    assert calls
    words = clip_page.eval_on_selector("#p1", """el => { const t = []; for (const a of el.querySelectorAll('.fnref'))
        t.push((a.previousSibling ? a.previousSibling.textContent.slice(-6) : '') + a.textContent); return t; }""")
    copied = copy_selection_of(clip_page, "#p1")
    for glued in words:
        assert glued not in copied, f"note number copied inside the sentence: {glued!r}"


def test_a_parallel_row_copies_the_three_texts_without_labels(clip_page, served):
    clip_page.goto(served + "/en/resolution/parallel.html#op5")
    labels = clip_page.eval_on_selector_all("#op5 .par-label", "els => els.map(e => e.textContent.trim())")
    assert labels == ["Chinese", "Russian", "English"]
    copied = copy_selection_of(clip_page, "#op5")
    for label in labels:
        assert label not in copied, f"the cell label {label!r} was copied"
    paragraphs = [p for p in copied.split("\n\n") if p.strip()]
    assert len(paragraphs) == 3, paragraphs  # one paragraph per language, each kept apart
    assert paragraphs[0].startswith("5. 鼓励") and paragraphs[2].startswith("5. Encourages"), paragraphs


def test_a_selection_inside_a_sentence_copies_just_those_words(clip_page, served):
    clip_page.goto(served + "/en/resolution/index.html#op1")
    clip_page.evaluate("navigator.clipboard.writeText('')")
    clip_page.evaluate("""() => { const p = document.getElementById('op1');
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); let start = null, end = null, n;
        while ((n = walker.nextNode())) { if (!start && n.nodeValue.includes('capacity')) start = n; if (start && n.nodeValue.includes(' in ')) { end = n; break; } }
        const r = document.createRange(); r.setStart(start, start.nodeValue.indexOf('capacity'));
        r.setEnd(end, end.nodeValue.indexOf(' in ') + 3); getSelection().removeAllRanges(); getSelection().addRange(r); }""")
    clip_page.keyboard.press("Control+C")
    clip_page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert clip_page.evaluate("navigator.clipboard.readText()") == "capacity-building in"


@pytest.mark.parametrize("path,anchor,expected_start,expected_end,done", [
    ("/en/resolution/index.html", "#op5", "“Encourages Member States", "” (A/RES/78/311, para. 5)",
     "Text and citation copied"),
    ("/ru/resolution/index.html", "#op5", "«рекомендует государствам-членам", "» (A/RES/78/311, п. 5)",
     "Текст со ссылкой на источник скопирован"),
    ("/resolution/index.html", "#op5", "“鼓励会员国", "”（第78/311号决议第5段）", "文字及引文已复制"),
])
def test_copy_text_with_citation(clip_page, served, path, anchor, expected_start, expected_end, done):
    clip_page.goto(served + path + anchor)
    clip_page.wait_for_load_state("load")
    button = clip_page.locator(f"{anchor} .cite-text-button")
    assert button.count() == 1, "no 'copy text with citation' button beside the cite button"
    assert button.get_attribute("aria-label").endswith(clip_page.locator(f"{anchor} .cite-button").first.get_attribute("title"))
    button.focus()
    assert button.evaluate("b => getComputedStyle(b).opacity") == "1", "not visible on keyboard focus"
    clip_page.keyboard.press("Enter")
    clip_page.wait_for_function("document.querySelector('#edition-live[data-shown]') !== null")
    copied = clip_page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(expected_start) and copied.endswith(expected_end), copied
    assert "¶" not in copied and "°" not in copied
    live = clip_page.locator("#edition-live")
    assert live.get_attribute("role") == "status"
    assert live.text_content() == done
    assert live.is_visible(), "no visible 'copied' message"
    # it fades in (a 150 ms transition): at the moment it is shown its opacity may still be 0,
    # on a busy machine for a while; it must reach full opacity while it is shown
    clip_page.wait_for_function("""() => { const e = document.getElementById('edition-live');
        return e.hasAttribute('data-shown') && getComputedStyle(e).opacity === '1'; }""", timeout=2000)


@pytest.mark.parametrize("path,done", [("/en/resolution/index.html", "Link copied"),
                                       ("/ru/resolution/index.html", "Ссылка скопирована"),
                                       ("/resolution/index.html", "链接已复制")])
def test_link_mark_and_cite_button_say_copied_visibly(clip_page, served, path, done):
    clip_page.goto(served + path)
    clip_page.locator("#op5 > a.para-link").focus()
    clip_page.keyboard.press("Enter")
    clip_page.wait_for_function("document.querySelector('#edition-live[data-shown]') !== null")
    live = clip_page.locator("#edition-live")
    assert live.text_content() == done and live.is_visible()
    box = live.bounding_box()
    assert box and box["width"] > 40 and box["y"] + box["height"] <= 900, box
    clip_page.locator("#op5 .cite-button:not(.cite-text-button)").focus()
    clip_page.keyboard.press("Enter")
    cite_done = clip_page.get_attribute("#op5", "data-cite-done")
    clip_page.wait_for_function(f"""() => {{ const e = document.getElementById('edition-live');
        return e.textContent === {cite_done!r} && e.hasAttribute('data-shown'); }}""")
    assert live.is_visible() and live.get_attribute("role") == "status"
