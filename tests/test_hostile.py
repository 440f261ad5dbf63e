"""Hostile input: source text is never markup. A property test over the writer, and a real
build of a source that carries HTML, script tags, Markdown link syntax and javascript: URLs."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.model import Paragraph, Text
from conftest import LANGUAGES
from edition.ui import load_ui
from edition.writer.markdown import Context, paragraph_md
from htmlscan import scan
from test_bad_input import edit_source, project  # noqa: F401  (fixture)
from test_escape import render

ROOT = Path(__file__).resolve().parents[1]
UI = load_ui(ROOT / "sources" / "data" / "ui")

# Text made of the characters that matter to Markdown, HTML and pymdown, plus CJK and Cyrillic.
ALPHABET = st.sampled_from(list("\\`*_{}[]()<>&#!=^~+|:.-\"'/;@$%?,0123456789 aZ\tжЯ中文，。《》、\u3000\u2003\u00a0"))
TEXTS = st.lists(ALPHABET, min_size=1, max_size=80).map("".join).filter(lambda s: s.strip(" \t"))


def fold(s: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", s).strip(" ")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_through_the_writer_comes_out_verbatim_and_adds_no_element(text):
    ctx = Context(lang="en", page="resolution/index.md", ui=UI, languages=LANGUAGES)
    md = paragraph_md(Paragraph(None, None, (Text(text),), (1,), "body"), ctx, anchor=None, what="")
    out = render(md)
    assert out.startswith("<p") and out.endswith("</p>"), out
    inner = out[out.index(">") + 1:-4]
    assert not re.search(r"<[a-zA-Z!/?]", inner), f"markup from text {text!r}: {out}"
    assert fold(html.unescape(inner)) == fold(text)  # as the browser renders both


HOSTILE = ('<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) '
           '![i](https://example.org/x.png) <a href="javascript:void(0)">a</a> &lt;b&gt; {: onclick="x"}')


def test_a_hostile_source_renders_as_inert_text(project):  # noqa: F811
    edit_source(project, "a-res-78-311.en.txt", "12. *Supports* the United Nations",
                "12. *Supports* " + HOSTILE + " the United Nations")
    result = subprocess.run([sys.executable, "-m", "edition", "--root", str(project), "build"], cwd=project,
                            capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    page = project / "site" / "en" / "resolution" / "index.html"
    scanned = scan(page)
    assert HOSTILE in scanned.text, "the hostile text must be shown literally"
    elements = op12_elements(page)
    assert elements, "op12 not found"
    for tag, attrs in elements:
        assert tag in {"p", "a", "span", "em", "strong", "ins", "abbr"}, f"element <{tag}> in op12"
        assert not any(name.startswith("on") for name in attrs), f"event handler on <{tag}>: {attrs}"
        assert not (attrs.get("href") or "").lower().startswith("javascript:"), attrs
        assert not (tag == "a" and (attrs.get("href") or "").startswith("http")), "an outbound link from text"


def op12_elements(page: Path) -> list[tuple[str, dict]]:
    """Every element inside <p id="op12">, parsed (text that merely looks like a tag is not one)."""
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.out: list[tuple[str, dict]] = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if self.depth or (tag == "p" and a.get("id") == "op12"):
                self.depth += 1
                self.out.append((tag, a))

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

    parser = P()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.out
