"""Inert text, proven field by field: any text in any data or source field comes out as itself.

For each kind of field (an interface string, a concordance rationale, an annotation, an
emendation's reason, original and corrected readings, a UN document's title, a source
line), the Markdown the writer makes is rendered with Python-Markdown configured as in
mkdocs.yml (plus the pymdown extensions test_escape adds, so enabling one later cannot
turn text into markup) and parsed with ``html.parser``. It is rendered twice: once with a
plain probe word in the field, once with the hostile text. The two must have the same
elements with the same attribute names in the same order, and wherever the probe stood
(in text or in an attribute value) the hostile rendering must hold the hostile text,
verbatim (ASCII white space folded, as a browser shows it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import LANGUAGES
from edition.concordance import Link, annotation_note, answered_by, answers, note_block
from edition.emendations import Emendation
from edition.model import (Abbr, Container, DocRef, Document, Emended, Emphasis, ExternalLink, Footnote, Heading,
                           Illegible, ListItem, NoteRef, Paragraph, Table, Text, Xref)
import edition.pages.report  # noqa: F401  (declares the report's page keys)
from edition.pages.apparatus import apparatus_page
from edition.pages.resolution import _cell_label, _toolbar
from edition.ui import UI, load_ui
from edition.writer.escape import escape_line, escape_text
from edition.writer.markdown import (Context, container_md, footnote_md, front_matter, heading_md, link, list_item_md,
                                     paragraph_md, table_md)
from test_escape import EXTRA, site_extensions

ROOT = Path(__file__).resolve().parents[1]
REAL_UI = load_ui(ROOT / "sources" / "data" / "ui")
PROBE = "qzprobe"

# ------------------------------------------------------------------ hostile text

#: Pieces that mean something to Markdown, to pymdown, to attr_list, to HTML or to a URL.
TOKENS = ["*", "_", "[", "]", "(", ")", "<", ">", "&", '"', "'", "{", "}", "#", "!", "|", ":", "\\", "`", "~",
          "^", "=", "+", "-", "-->", "<!--", "]]>", "javascript:", "\n", "\n\n", "  ", "    ", "\t", "1.", "1)",
          "- ", "* ", "+ ", "> ", "# ", "```", "***", "__", "**", "&amp;", "&#42;", "&lt;", "{: .x}", "{#x}",
          '{title="x"}', "<img src=x onerror=alert(1)>", "<script>", "</span>", "<b>", "[a](b)", "[a]: b",
          "![i](x.png)", "<https://x.y>", ":smile:", "==m==", "^^i^^", "~~d~~", "++k++", "{++a++}", "--8<--",
          "*[A]: b", "\u00a0", "\u2003", "\u3000", "\u200b", "中文", "Жж", " ", "a", "0"]
#: Any other character a text can hold (controls other than white space are never text).
CHARS = st.characters(blacklist_categories=("Cc", "Cs"))
#: What a browser folds, and what the writer folds with it.
_FOLD = re.compile(r"[ \t\n\r\f\v]+")
#: A blank field is not text (every text field is required, and a blank one refused on load).
HOSTILE = st.lists(st.one_of(st.sampled_from(TOKENS), CHARS), min_size=1, max_size=24).map("".join).filter(
    lambda s: _FOLD.sub("", s) != "")

#: Examples every run tries first: the reported attack and the constructs named in the brief.
ATTACKS = ["*x* <img src=x onerror=alert(1)>", '" onmouseover="alert(1)', "} <img src=x onerror=alert(1)> {",
           "<!-- x --> ]]> -->", "javascript:alert(1)", "1. not a list", "- not a bullet", "    code?",
           "\u3000lead and trail\u2003", "`code` **b** __u__ [l](javascript:x) ![i](y)", "\\*not em\\*",
           "&amp; &#42; &lt;b&gt;", "a\nb\n\n# c", "{#id .cls key=value}", "{{n}}", "~~x~~ ^^y^^ ==z== ++k++"]


def attacks(test):
    for text in ATTACKS:
        test = example(text)(test)
    return test


def fold(s: str) -> str:
    return _FOLD.sub(" ", s).strip(" ")


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ rendering and comparing


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    names, configs = site_extensions()
    return markdown.Markdown(extensions=names + [e for e in EXTRA if e not in names], extension_configs=configs)


def render(md_text: str) -> str:
    md = _markdown()
    md.reset()
    return md.convert(md_text)


class Skeleton(HTMLParser):
    """Elements (tag, attribute names and values) and text runs of an HTML fragment, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self._text: list[str] = []

    def _flush(self) -> None:
        text = fold("".join(self._text))
        if text:
            self.events.append(("text", text))
        self._text = []

    def handle_starttag(self, tag, attrs):
        self._flush()
        self.events.append(("start", tag, tuple((k, fold(v or "")) for k, v in attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._flush()
        self.events.append(("end", tag))

    def handle_data(self, data):
        self._text.append(data)

    def handle_comment(self, data):
        self._flush()
        self.events.append(("comment", data))

    def handle_decl(self, decl):
        self.events.append(("decl", decl))

    def unknown_decl(self, data):
        self.events.append(("decl", data))

    def handle_pi(self, data):
        self.events.append(("pi", data))


def skeleton(html_text: str) -> list[tuple]:
    parser = Skeleton()
    parser.feed(html_text)
    parser.close()
    parser._flush()
    return parser.events


def expected_from(probe_events: list[tuple], text: str) -> list[tuple]:
    """The probe rendering with the probe replaced by ``text`` (folded as the browser folds)."""
    out: list[tuple] = []
    for event in probe_events:
        if event[0] == "text":
            value = fold(event[1].replace(PROBE, text))
            if value:
                out.append(("text", value))
        elif event[0] == "start":
            out.append(("start", event[1], tuple((k, fold(v.replace(PROBE, text))) for k, v in event[2])))
        else:
            out.append(event)
    return _merge_texts(out)


def _merge_texts(events: list[tuple]) -> list[tuple]:
    merged: list[tuple] = []
    for event in events:
        if event[0] == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", fold(merged[-1][1] + " " + event[1]))
        else:
            merged.append(event)
    return merged


def _mask_heading_ids(events: list[tuple], probe_events: list[tuple]) -> list[tuple]:
    """Headings the writer gives no id get one from ``toc`` (a slug of their text): not data."""
    keep = {i for i, e in enumerate(probe_events) if e[0] == "start" and re.fullmatch(r"h[1-6]", e[1])
            and any(k == "id" and PROBE in v for k, v in e[2])}
    return [("start", e[1], tuple((k, "" if k == "id" else v) for k, v in e[2])) if i in keep else e
            for i, e in enumerate(events)]


def assert_inert(make_markdown: Callable[[str], str], text: str) -> None:
    """``text`` in the field that ``make_markdown`` fills adds no element and no attribute, and is shown verbatim."""
    probe = skeleton(render(make_markdown(PROBE)))
    assert any(PROBE in str(e) for e in probe), "the probe must reach the HTML (else this test proves nothing)"
    got = skeleton(render(make_markdown(text)))
    want = expected_from(probe, text)
    got, want = _mask_heading_ids(_merge_texts(got), probe), _mask_heading_ids(want, probe)
    assert got == want, _first_difference(got, want, text)


def _first_difference(got: list[tuple], want: list[tuple], text: str) -> str:
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return f"text {text!r}: event {i}: got {g!r}, expected {w!r}"
    return f"text {text!r}: {len(got)} events, expected {len(want)}"


# ------------------------------------------------------------------ fields


#: The page keys the fields below link to (the assembled site has the same ones).
PAGES = {"apparatus": "apparatus.md", "resolution": "resolution/index.md", "resolution-parallel": "resolution/parallel.md",
         "report": "report/index.md", "report-ch4": "report/chapter-4.md", "context": "context.md"}


def _ctx(ui: UI = REAL_UI, **kw) -> Context:
    return Context(lang=kw.pop("lang", "en"), page=kw.pop("page", "resolution/index.md"), ui=ui,
                   languages=LANGUAGES, pages=PAGES, **kw)


class _EveryString(UI):
    """An interface whose every string, in every language, is one text (what ``ctx.t`` hands the writer).

    Filling ``{placeholders}`` is ``UI.t``'s business; here the writer's handling of the
    string it gets is under test (``ui_placeholder_field`` covers data put into a template).
    """

    def t(self, key: str, lang: str, **values: object) -> str:
        return self.path


def _ui_all(value: str) -> UI:
    return _EveryString(REAL_UI.strings, value)


def _paragraph(ctx: Context, inlines=None, *, label: str | None = "5.") -> str:
    inlines = inlines or (Text("The Assembly "), Emphasis((Text("decides"),)), NoteRef("fn1", "1"), Text(" that "),
                          Emended("e-res-en-1", "teh", (Text("the"),)), Illegible("□"), Text(" end."))
    return paragraph_md(Paragraph("op5", label, inlines, (1,), "operative"), ctx, anchor="op5", what="op. 5",
                        cite="A/RES/78/311, para. 5", lang="ru")


def ui_field(text: str) -> str:
    """Every place an interface string goes: labels, titles, aria-labels, data-*, button and cell text."""
    ui = _ui_all(text)
    ctx = _ctx(ui, text_lang="zh")
    table = Table("t1", (), ((( Text("a"),), (Text("b"),)),), (1,))
    box = Container("photo", "ph1", "Photo", (Text("title"),), (Paragraph(None, None, (Text("x"),), (1,), "caption"),),
                    (1,), note=ctx.t("context_photo"))
    return "\n\n".join([
        _paragraph(ctx),
        footnote_md(Footnote("fn1", "1", (Text("A note."),), (2,)), ctx),
        table_md(table, ctx, supplied_header=(ctx.t("lang_en"), ctx.t("lang_ru"))),
        container_md(box, ctx, lambda b: paragraph_md(b, ctx, anchor=None, what="")),
        note_block(ctx.t("answered_by"), [link(escape_text(ctx.t("context_link")), "#x", "c", title=ctx.t("kind_answers"))],
                   ("concordance-note",), lang="en"),
        escape_line(ctx.t("parallel_intro")) + "\n" + "{.parallel-intro}",
        _cell_label("ru", ctx),
        _toolbar(["zh", "en"], ctx),
        f"## {escape_line(ctx.t('notes_heading'))} {{#notes}}",
    ])


def ui_placeholder_field(text: str) -> str:
    """Data filled into an interface string's ``{placeholders}`` (here the original reading of an emendation)."""
    ctx = _ctx()
    return _paragraph(ctx, (Text("see "), Emended("e-res-en-1", text, (Text("the"),)), Text(" end")))


LINKS = [("rec4", "op5", "answers"), ("rec4-c", "op5", "implements"), ("report", "op5", "relates")]


def concordance_field(text: str) -> str:
    ctx = _ctx()
    links = [Link(rec, para, kind, {"zh": text, "ru": text, "en": text}) for rec, para, kind in LINKS]
    titles = {"rec4": "能力发展网络"}
    under_paragraph = answered_by("op5", links, ctx, lambda anchor: "report-ch4", titles, "zh")
    under_recommendation = answers("rec4", links, replace(ctx, page="report/chapter-4.md"))
    return under_paragraph + "\n\n" + under_recommendation


def concordance_title_field(text: str) -> str:
    """A recommendation's title (source text of the report) shown beside the concordance link."""
    ctx = _ctx()
    links = [Link("rec4", "op5", "answers", {"zh": "r", "ru": "r", "en": "r"})]
    return answered_by("op5", links, ctx, lambda anchor: "report-ch4", {"rec4": text}, "zh")


def annotation_field(text: str) -> str:
    return annotation_note(text, _ctx())


def _emendation(**fields) -> Emendation:
    values = dict(id="e-res-en-1", source="res-en", line=3, original="teh", corrected="the",
                  reason={"zh": "r", "ru": "r", "en": "r"}, data_file="x.yaml", data_line=1)
    values.update(fields)
    return Emendation(**values)


_DOCS = {"res-en": Document("res-en", "resolution", "en", "x.txt",
                            (Paragraph("op5", "5.", (Text("the"),), (3,), "operative"),))}


def apparatus(e: Emendation) -> str:
    return apparatus_page([e], _DOCS, _ctx(page="apparatus.md"), lambda source, anchor: "resolution",
                          lambda source, lang: "resolution 78/311, English text")


def emendation_reason_field(text: str) -> str:
    return apparatus(_emendation(reason={"zh": text, "ru": text, "en": text}))


def emendation_original_field(text: str) -> str:
    """The original reading: in the apparatus, and in the mark's tooltip in the reading text."""
    e = _emendation(original=text)
    return apparatus(e) + "\n\n" + _paragraph(_ctx(), (Emended(e.id, e.original, e.corrected_inlines()),))


def emendation_corrected_field(text: str) -> str:
    e = _emendation(corrected=text)
    return apparatus(e) + "\n\n" + _paragraph(_ctx(), (Emended(e.id, e.original, e.corrected_inlines()),))


def document_title_field(text: str) -> str:
    """A UN document's title (documents.yaml): the tooltip of its link, and of an internal cross-reference."""
    ctx = replace(_ctx(), doc_title=lambda symbol, lang: text)
    return _paragraph(ctx, (Text("recalling "), DocRef("A/RES/70/1", (Text("70/1"),)), Text(" and "),
                            Xref("resolution", "op5", (Text("78/311"),), text)))


def source_text_field(text: str) -> str:
    """A source line's text wherever a parser puts it: paragraph, heading, footnote, table, box, list, label."""
    ctx = _ctx(page="report/chapter-1.md", text_lang="zh")
    words = (Text("lead "), Text(text), Text(" tail"))
    return "\n\n".join([
        _paragraph(ctx, (Text(text),), label=None),
        _paragraph(ctx, words, label=text),
        heading_md(Heading(2, "h1", (Text(text), NoteRef("fn1", "1")), (1,)), ctx),
        heading_md(Heading(3, "h2", (Text(text),), (1,)), ctx),
        footnote_md(Footnote("fn1", text, (Text(text),), (2,)), ctx),
        table_md(Table("t1", ((Text(text),), (Text("h"),)), (((Text(text),), (Text(text),)),), (1,),
                       caption=(Text(text),)), ctx),
        container_md(Container("box", "box1", text, (Text(text),), (Paragraph(None, None, words, (1,), "body"),),
                               (1,)), ctx, lambda b: paragraph_md(b, ctx, anchor=None, what="")),
        list_item_md(ListItem("item-a", text, (Paragraph(None, None, words, (1,), "body"),), (1,)), ctx,
                     lambda b: paragraph_md(b, ctx, anchor=None, what="")),
        _paragraph(ctx, (Text("the "), Abbr(text, text), Text(" abbr"))),
    ])


FIELDS: dict[str, Callable[[str], str]] = {
    "interface string": ui_field,
    "interface string placeholder (original reading)": ui_placeholder_field,
    "concordance rationale": concordance_field,
    "recommendation title in a concordance note": concordance_title_field,
    "annotation text": annotation_field,
    "emendation reason": emendation_reason_field,
    "emendation original reading": emendation_original_field,
    "UN document title": document_title_field,
    "source line text": source_text_field,
}


@pytest.mark.parametrize("field", list(FIELDS))
@SETTINGS
@attacks
@given(text=HOSTILE)
def test_any_text_in_any_field_comes_out_verbatim_and_adds_no_element_or_attribute(field, text):
    assert_inert(FIELDS[field], text)


# ------------------------------------------------------------------ the corrected reading's declared subset

#: The corrected reading of an emendation is the one field with markup, a declared subset the
#: writer renders itself: the whole reading in ``**...**`` is bold, in ``*...*`` italic (as the UN
#: prints operative verbs); anything else is literal text.
SUBSET = {"**{}**": "strong", "*{}*": "em"}


@SETTINGS
@attacks
@given(text=HOSTILE)
def test_a_corrected_reading_is_text_or_its_declared_emphasis(text):
    inner = text.strip("*")
    if inner and not text.startswith("*"):
        assert_inert(emendation_corrected_field, text)
    for form, tag in SUBSET.items():
        if not inner.strip():
            continue
        probe = skeleton(render(emendation_corrected_field(form.format(PROBE))))
        assert ("start", tag, ()) in probe
        got = _merge_texts(skeleton(render(emendation_corrected_field(form.format(inner)))))
        assert got == expected_from(probe, inner), _first_difference(got, expected_from(probe, inner), inner)


# ------------------------------------------------------------------ front matter: titles are HTML to Material


@SETTINGS
@attacks
@given(text=HOSTILE)
def test_a_page_title_reaches_the_theme_as_html_text(text):
    """MkDocs' templates are not autoescaped: the title in the front matter must be HTML showing ``text``."""
    import html

    block = front_matter(title=text, hide=["toc"])
    title = yaml.safe_load(block.strip("-\n"))["title"]
    assert "<" not in title and ">" not in title and '"' not in title
    assert html.unescape(title) == text


# ------------------------------------------------------------------ the contents list and the navigation


@SETTINGS
@attacks
@given(text=HOSTILE)
def test_a_heading_label_in_the_contents_list_is_text(text):
    """A heading with marks gets ``data-toc-label``; ``toc`` hands it to the theme as HTML (MkDocs writes it raw)."""
    ctx = _ctx(page="report/chapter-1.md")
    md = _markdown()
    md.reset()
    md.convert(heading_md(Heading(2, "h1", (Text(text), NoteRef("fn1", "1")), (1,)), ctx))
    [token] = md.toc_tokens
    parsed = skeleton(token["name"])
    assert [e[0] for e in parsed] == ["text"], parsed
    assert parsed[0][1] == fold(text)


# ------------------------------------------------------------------ a URL printed in a source


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "data:text/html,<b>",
                                 "vbscript:x", "//example.org/x", "x.html"])
def test_a_printed_address_that_is_not_a_web_link_stays_text(url):
    ctx = _ctx()
    out = render(_paragraph(ctx, (Text("see "), ExternalLink(url, (Text(url),)), Text(" end"))))
    events = skeleton(out)
    assert not [e for e in events if e[0] == "start" and e[1] == "a" and dict(e[2]).get("class") == "external"], out
    assert any(e[0] == "text" and fold(url) in e[1] for e in events), out


@SETTINGS
@given(rest=HOSTILE)
def test_a_web_link_goes_where_the_source_says_and_its_text_is_text(rest):
    from urllib.parse import unquote

    url = "https://example.org/" + rest
    ctx = _ctx()
    events = skeleton(render(_paragraph(ctx, (Text("see "), ExternalLink(url, (Text(rest),)), Text(" end")))))
    [anchor] = [e for e in events if e[0] == "start" and e[1] == "a" and dict(e[2]).get("class") == "external"]
    href = dict(anchor[2])["href"]
    assert unquote(href) == fold(url) or unquote(href) == url, (href, url)
    assert set(dict(anchor[2])) == {"class", "href"}
