"""Three scripts: a system font stack per language that really renders each script, no
synthetic italics on Chinese, line height and line breaking per script, full-width
punctuation kept, and spacing between Chinese and Latin text or digits."""

from __future__ import annotations

import pytest

from htmlscan import html_path

pytestmark = pytest.mark.browser


def glyphs_by_font(page, selector: str) -> dict[str, int]:
    """How many glyphs of a node's text Chromium drew in each font (DevTools CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    out: dict[str, int] = {}
    for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
        out[f["familyName"]] = out.get(f["familyName"], 0) + f["glyphCount"]
    return out


def fonts_used(page, selector: str) -> set[str]:
    return set(glyphs_by_font(page, selector))


@pytest.mark.parametrize("lang,selector", [("zh", "#op5"), ("en", "#op5 .par-cell[data-lang=zh] p")])
def test_chinese_is_set_in_a_cjk_font(page, site_dir, lang, selector):
    md = "resolution/index.md" if lang == "zh" else "resolution/parallel.md"
    page.goto(html_path(site_dir, lang, md).as_uri())
    page.locator(selector).scroll_into_view_if_needed()
    # rows off screen skip rendering (content-visibility): glyphs exist once the row has painted
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    glyphs = glyphs_by_font(page, selector)
    cjk = sum(n for f, n in glyphs.items() if "CJK" in f or "Han" in f)
    # interface labels inside the Chinese text (the ¶ mark of an English page) carry their own lang
    foreign = page.eval_on_selector(selector, """el => [...el.querySelectorAll('[lang]')]
        .filter(e => !e.lang.startsWith('zh')).map(e => e.textContent.trim()).join('').length""")
    assert cjk > 100 and sum(glyphs.values()) - cjk <= foreign, glyphs


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_russian_and_english_use_one_latin_cyrillic_system_font(page, site_dir, lang):
    page.goto(html_path(site_dir, lang, "resolution/index.md").as_uri())
    used = fonts_used(page, "#op5")
    assert len(used) == 1 and not any("CJK" in f for f in used), used


def test_no_synthetic_italics_or_emphasis_slant_on_chinese(page, site_dir):
    page.goto(html_path(site_dir, "en", "resolution/parallel.md").as_uri())
    styles = page.eval_on_selector_all('.par-cell[lang="zh-Hans"] strong, .par-cell[lang="zh-Hans"] em',
                                       "els => els.map(e => [getComputedStyle(e).fontStyle, getComputedStyle(e).fontSynthesisStyle])")
    assert styles, "no emphasised Chinese text found"
    assert all(style == "normal" and synth == "none" for style, synth in styles), styles


def test_line_height_and_breaking_per_script(page, site_dir):
    page.goto(html_path(site_dir, "en", "resolution/parallel.md").as_uri())
    metrics = page.evaluate("""() => Object.fromEntries(['zh', 'ru', 'en'].map(l => {
        const p = document.querySelector(`#op5 .par-cell[data-lang=${l}] p`);
        const s = getComputedStyle(p);
        return [l, [parseFloat(s.lineHeight) / parseFloat(s.fontSize), s.lineBreak, s.hyphens]];
    }))""")
    assert metrics["zh"][0] >= 1.7, metrics  # Han characters need more leading than Latin
    assert 1.4 <= metrics["en"][0] < metrics["zh"][0] and 1.4 <= metrics["ru"][0] < metrics["zh"][0], metrics
    assert metrics["zh"][1] == "strict", "no line may start with closing punctuation"
    assert metrics["ru"][2] == "auto" and metrics["en"][2] == "auto"


def test_full_width_punctuation_is_kept(page, site_dir):
    page.goto(html_path(site_dir, "zh", "resolution/index.md").as_uri())
    text = page.inner_text("#op5")
    assert "，" in text and "；" in text and "," not in text and ";" not in text
    width = page.evaluate("""() => {
        const span = document.createElement('span');
        span.textContent = '，';
        document.querySelector('#op5').appendChild(span);
        const w = span.getBoundingClientRect().width / parseFloat(getComputedStyle(span).fontSize);
        span.remove();
        return w;
    }""")
    assert width > 0.9, f"full-width comma rendered {width:.2f} em wide"


def test_latin_and_digits_inside_chinese_are_spaced(page, site_dir):
    """The browser adds the quarter-em gap between Han and Latin/digits (text-autospace)."""
    page.goto(html_path(site_dir, "zh", "resolution/index.md").as_uri())
    gap = page.evaluate("""() => {
        const host = document.querySelector('#op5');
        const measure = text => {
            const s = document.createElement('span');
            s.textContent = text;
            host.appendChild(s);
            const w = s.getBoundingClientRect().width;
            s.remove();
            return w;
        };
        return [getComputedStyle(host).textAutospace, measure('决议17项') - (measure('决议') + measure('17') + measure('项'))];
    }""")
    autospace, extra = gap
    assert autospace in ("normal", "ideograph-alpha ideograph-numeric"), autospace
    assert extra > 1, f"no space added between Han and digits ({extra:.2f}px)"
