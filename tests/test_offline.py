"""The archive unpacked into a folder and opened from file:// in Chromium, with no request
leaving the folder: navigation, a #paragraph link, the language switch, the parallel view."""

from __future__ import annotations

import zipfile

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    from pathlib import Path

    from edition.dist import make_dist

    root = Path(__file__).resolve().parents[1]
    archive = make_dist(root, tmp_path_factory.mktemp("dist"), log=lambda s: None)
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
