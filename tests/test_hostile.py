"""Hostile input: source text is never markup. A property test over the writer, and a real
build of a source that carries HTML, script tags, Markdown link syntax and javascript: URLs."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.model import Paragraph, Text
from conftest import LANGUAGES
from edition.ui import load_ui
from edition.writer.markdown import Context, paragraph_md
from htmlscan import scan
from test_bad_input import edit_source
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


# ------------------------------------------------------------------ every data field and a line of every source kind

#: Markup of every kind the site's stack reads: Markdown, attr_list, HTML, comments, CDATA, a URL scheme.
DATA_HOSTILE = ("*x* <img src=x onerror=alert(1)> \"q\" 'a' [l](javascript:alert(1)) &amp; <!-- --> ]]> `c` "
                "__u__ ~~d~~ ==m== | # ! ^ +")
#: Interface strings keep their {placeholders}: the hostile text without braces is appended to each.
DATA_HOSTILE_BRACES = DATA_HOSTILE + " {b} {: onclick=x}"


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _all_langs(value: str) -> dict[str, str]:
    return {"zh": value, "ru": value, "en": value}


def _hostile_everywhere(project: Path) -> dict[str, str]:
    """Put hostile text into every kind of data field and into a line of every source kind.

    Returns what each field must show, verbatim, somewhere in the built pages.
    """
    data = project / "sources" / "data"
    shown: dict[str, str] = {}

    def ui(d):
        for key, value in d["strings"].items():
            # a table's supplied column names are a "|"-separated list: each name gets the text without "|"
            hostile = DATA_HOSTILE.replace("|", "") if key.startswith("report_columns_") else DATA_HOSTILE
            d["strings"][key] = {lang: text + " " + hostile for lang, text in value.items()}
    for path in sorted((data / "ui").glob("*.yaml")):
        _edit_yaml(path, ui)
    shown["interface string"] = DATA_HOSTILE

    def concordance(d):
        d["links"][0]["rationale"] = _all_langs(DATA_HOSTILE_BRACES)
    _edit_yaml(data / "concordance.yaml", concordance)
    shown["concordance rationale"] = DATA_HOSTILE_BRACES

    def annotations(d):
        d["notes"][0]["text"] = _all_langs("annotation " + DATA_HOSTILE_BRACES)
    _edit_yaml(data / "annotations.yaml", annotations)
    shown["annotation text"] = "annotation " + DATA_HOSTILE_BRACES

    def documents(d):
        d["documents"][0]["title"] = _all_langs("title " + DATA_HOSTILE_BRACES)
    _edit_yaml(data / "documents.yaml", documents)
    shown["UN document title"] = "title " + DATA_HOSTILE_BRACES

    # an emendation: its original reading is on the source line, its corrected reading and reason are data
    original = "capacitybuilding <b>o</b> {o} &amp; `c` [l](x) \"q\""
    edit_source(project, "a-res-78-311.en.txt", "cooperation on capacitybuilding in", f"cooperation on {original} in")

    def emendations(d):
        e = next(e for e in d["emendations"] if e["id"] == "e-res-en-2")
        e.update(original=original, corrected="capacity-building " + DATA_HOSTILE_BRACES,
                 reason=_all_langs("reason " + DATA_HOSTILE_BRACES))
    _edit_yaml(data / "emendations" / "resolution.yaml", emendations)
    shown["emendation original reading"] = original
    shown["emendation corrected reading"] = "capacity-building " + DATA_HOSTILE_BRACES
    shown["emendation reason"] = "reason " + DATA_HOSTILE_BRACES

    # the registry's title and provenance reach only the archive's README.txt; they must not reach HTML as markup
    registry = project / "sources" / "registry.yaml"
    reg = registry.read_text(encoding="utf-8")
    reg = reg.replace("    title: 加强人工智能能力建设方面的国际合作\n",
                      "    title: '加强 " + DATA_HOSTILE_BRACES.replace("'", "''") + "'\n")
    registry.write_text(reg, encoding="utf-8")

    source_line = "source " + DATA_HOSTILE_BRACES
    edit_source(project, "a-res-78-311.en.txt", "12. *Supports* the United Nations",
                f"12. *Supports* {source_line} the United Nations")
    edit_source(project, "governing-ai-for-humanity.zh.txt", "我们建议设立全球人工智能基金，",
                f"我们建议设立全球人工智能基金{source_line}，")
    edit_source(project, "xinhua-2024-07.zh.txt", "该决议强调", f"该决议强调{source_line}")
    shown["resolution source line"] = shown["report source line"] = shown["news source line"] = source_line
    return shown


class _Everything(HTMLParser):
    """Every element with its attributes (decoded), and the text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.texts.append(data)


def test_hostile_text_in_every_data_field_and_source_kind_is_inert_in_the_built_site(project):  # noqa: F811
    shown = _hostile_everywhere(project)
    result = subprocess.run([sys.executable, "-m", "edition", "--root", str(project), "build"], cwd=project,
                            capture_output=True, text=True, timeout=600,
                            env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-3000:]
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) > 30
    found = {field: False for field in shown}
    for page in pages:
        parser = _Everything()
        source = page.read_text(encoding="utf-8")
        parser.feed(source)
        assert "<code>c</code>" not in source, f"code from text in {page}"
        for tag, attrs in parser.elements:
            where = f"{page.relative_to(project)}: <{tag} {attrs}>"
            assert not any(name.startswith("on") for name in attrs), f"event handler: {where}"
            assert not (tag == "img" and attrs.get("src") == "x"), f"an image from text: {where}"
            assert not attrs.get("href", "").lower().startswith("javascript:"), f"a javascript: link: {where}"
            assert tag not in ("b", "u", "mark", "del"), f"markup from text: {where}"
        haystack = [fold(t) for t in parser.texts] + [fold(v) for _, a in parser.elements for v in a.values()]
        page_text = fold(" ".join(parser.texts))
        for field, value in shown.items():
            found[field] = found[field] or fold(value) in page_text or any(fold(value) in h for h in haystack)
    assert all(found.values()), f"not shown verbatim anywhere: {[f for f, ok in found.items() if not ok]}"
    # the search index holds HTML: the text must be escaped there, never markup
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            parser = _Everything()
            parser.feed(doc.get(key) or "")
            assert not [t for t, a in parser.elements if t in ("img", "script", "b") or any(n.startswith("on") for n in a)], \
                (key, doc.get("location"), doc.get(key, "")[:300])
