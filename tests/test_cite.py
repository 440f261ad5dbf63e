"""Cite this paragraph: a copy button beside the link mark, the citation in the reader's language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CASES = [
    ("/resolution/index.html", "#op5", "第78/311号决议第5段"),
    ("/ru/resolution/index.html", "#op5", "A/RES/78/311, п. 5"),
    ("/en/resolution/index.html", "#op5", "A/RES/78/311, para. 5"),
    ("/en/resolution/index.html", "#pp3", "A/RES/78/311, preambular para. 3"),
    ("/en/report/chapter-3.html", "#p66", "Governing AI for Humanity, para. 66"),
    ("/ru/report/chapter-4.html", "#rec4", "«Управление ИИ в интересах человечества», Рекомендация 4"),
    ("/report/chapter-4.html", "#box9", "《治理人工智能，助力造福人类》方框9"),
]


@pytest.mark.parametrize("path,anchor,expected", CASES)
def test_cite_button_copies_the_citation(browser, served, path, anchor, expected):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    try:
        page = context.new_page()
        page.goto(served + path + anchor)
        button = page.locator(f"{anchor} .cite-button").first
        assert button.get_attribute("title") == expected
        button.focus()
        assert button.evaluate("b => getComputedStyle(b).opacity") == "1", "not visible on keyboard focus"
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('edition-live') !== null")
        assert page.evaluate("navigator.clipboard.readText()") == expected
    finally:
        context.close()
