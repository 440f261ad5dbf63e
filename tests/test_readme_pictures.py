"""The README's pictures, taken by the test suite from the built site so that they stay current.

Each run writes ``assets/readme/*.png``; a change in the pages shows up as a changed
picture in review. The test also checks the picture shows what the README says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from htmlscan import html_path

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[1] / "assets" / "readme"


def shoot(browser, url: str, name: str, width: int = 1280, height: int = 800) -> Path:
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / name
        page.screenshot(path=str(path))
        return path
    finally:
        context.close()


def test_picture_of_the_parallel_view(browser, site_dir):
    path = shoot(browser, html_path(site_dir, "en", "resolution/parallel.md").as_uri() + "#op5", "parallel-view.png")
    assert path.stat().st_size > 20_000


def test_picture_of_a_recommendation_with_its_links(browser, site_dir):
    url = html_path(site_dir, "en", "report/chapter-4.md").as_uri() + "#rec4"
    path = shoot(browser, url, "recommendation.png", height=900)
    assert path.stat().st_size > 20_000
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "assets/readme/parallel-view.png" in readme and "assets/readme/recommendation.png" in readme
