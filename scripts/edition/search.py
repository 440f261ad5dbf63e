"""Paragraph-level search entries, added to Material's search index after the build.

Material's search plugin cuts a page into sections at its headings: a hit in operative
paragraph 5 would open the resolution at the top, and a hit in report paragraph 140 at
the start of a long chapter. Readers search for a paragraph, so every citable unit of
the edition (an element with an ``id`` and a ``data-cite``: a paragraph, a box, a
recommendation) becomes an entry of its own, titled with its citation in the page's
language (``A/RES/78/311, п. 5``) and linked to its anchor. The writer marks those
units ``data-search-exclude`` so that Material does not index their text a second time
in the enclosing section.

Chinese text is segmented with jieba and the words separated by U+200B, as Material's
plugin does for its own entries: the index's separator splits on U+200B, and without
it a run of Han characters would be one unsearchable token.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from .errors import EditionError
from .languages import Languages

#: Marks inside the reading text that are not the text: the link mark, emendation
#: markers (their content is the apparatus, not the reading) and footnote numbers.
SKIP_CLASSES = frozenset({"para-link", "emendation-mark", "cite-button", "fnref"})
_SKIP_TAGS = frozenset({"script", "style", "button"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
#: Elements whose boundaries separate words (else "title" and "text" of two blocks run together).
_BREAKS = frozenset({"p", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
                     "dd", "table", "tr", "td", "th", "caption", "blockquote", "figure", "figcaption", "br", "aside"})
#: Search boost of a page that has paragraph entries (Lunr multiplies the page's score by it;
#: a title hit weighs 10 text hits (mkdocs.yml), and Material boosts pages again).
PAGE_BOOST = 0.0001
#: Search boost of every entry of a page that is not a text of the collection (home, about,
#: concordance, context, apparatus): they quote or describe the texts, and a reader who
#: searches for a phrase of the texts looks for the paragraph, not for the page about it.
NAVIGATION_BOOST = 0.05
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


@dataclass
class CitableUnit:
    """One citable element of a page: its anchor, citation and text (without nested units)."""

    anchor: str
    cite: str
    parts: list[str] = field(default_factory=list)
    inner_ids: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class _UnitScanner(HTMLParser):
    """Collect the citable units of a built page, each with its own text.

    Text inside a unit nested in another (none today, but a box could hold a cited
    paragraph) belongs to the inner unit only, so no text is indexed twice.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.units: list[CitableUnit] = []
        # tag, and the state inside it: the innermost unit open, whether its text is skipped.
        # Kept per element so that the state is read in one step, not by walking the stack.
        self._stack: list[tuple[str, CitableUnit | None, bool]] = []

    def _current(self) -> tuple[CitableUnit | None, bool]:
        if not self._stack:
            return None, False
        _, unit, skipping = self._stack[-1]
        return unit, skipping

    def _break(self, tag: str) -> None:
        unit, _ = self._current()
        if unit is not None and tag in _BREAKS:
            unit.parts.append(" ")

    def handle_starttag(self, tag, attrs):
        self._break(tag)
        if tag in _VOID:
            return
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        unit = None
        enclosing, _ = self._current()
        if enclosing is not None and a.get("id"):
            enclosing.inner_ids.append(a["id"])
        if a.get("id") and a.get("data-cite"):
            unit = CitableUnit(a["id"], a["data-cite"])
            self.units.append(unit)
        outer_skipping = self._current()[1]
        self._stack.append((tag, unit or enclosing,
                            outer_skipping or tag in _SKIP_TAGS or bool(classes & SKIP_CLASSES)))

    def handle_endtag(self, tag):
        self._break(tag)
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data):
        unit, skipping = self._current()
        if unit is not None and not skipping:
            unit.parts.append(data)


def citable_units(html: str) -> list[CitableUnit]:
    """The citable units of one built page, in document order (a new list; the units are shared
    between calls with the same page and must not be changed)."""
    return list(_units_of(html))


@lru_cache(maxsize=256)
def _units_of(html: str) -> tuple[CitableUnit, ...]:
    """Remembered by the page's text: a live preview rebuilds every page, and most come out the same."""
    scanner = _UnitScanner()
    scanner.feed(html)
    scanner.close()
    return tuple(u for u in scanner.units if u.text)


@lru_cache(maxsize=1 << 16)
def _cut_run(run: str) -> str:
    """One Han run with its words separated by U+200B. Remembered: the same Chinese text stands
    on the edition page and on the parallel page of every language tree (three runs in four are
    repeats), and a live preview rebuilds the site again and again with most of its text unchanged."""
    import jieba

    return "\u200b" + "\u200b".join(jieba.cut(run)) + "\u200b"


def segment(text: str) -> str:
    """Separate the words of every Han run with U+200B (jieba), as Material does."""
    return _HAN.sub(lambda m: _cut_run(m.group(0)), text).strip("\u200b")


def page_language(location: str, languages: Languages) -> str:
    """The language tree a page belongs to: its first folder if that is an interface language
    other than the default, else the default language, built at the site root."""
    top = location.split("/", 1)[0]
    others = languages.interface[1:]
    return top if "/" in location and top in others else languages.default


def entry(page: str, unit: CitableUnit) -> dict[str, str]:
    return {"location": f"{page}#{unit.anchor}",
            "title": segment(escape(unit.cite, quote=False)),
            "text": segment(escape(unit.text, quote=False))}


def tree_path(location: str, languages: Languages) -> str:
    """A location's page path inside its language tree (``ru/report/index.html#p1`` -> ``report/index.html``)."""
    page = location.split("#")[0]
    lang = page_language(page, languages)
    return page if lang == languages.default else page.split("/", 1)[1]


_GENERATED_ID = re.compile(r"_\d+")
_ID = re.compile(r'\sid="([^"]+)"')


def _stable_section_anchors(site: Path, docs: list[dict], existing: set[str]) -> list[dict]:
    """Material's sections under a heading without an id of its own (a Chinese heading,
    whose slug is empty) link to a generated "#_5", which changes whenever a heading is
    added above it. Such a section is linked to the first stable id after its heading (the
    paragraph it introduces) when no other entry has that location, else to the nearest stable
    id before it that is free; a section with no free stable id on its page is left out."""
    html: dict[str, str] = {}
    taken = set(existing)
    out = []
    for d in docs:
        page, _, anchor = d["location"].partition("#")
        if not _GENERATED_ID.fullmatch(anchor):
            out.append(d)
            continue
        if page not in html:
            path = site / page
            html[page] = path.read_text(encoding="utf-8") if path.is_file() else ""
        text = html[page]
        # only the article's ids (the theme's navigation and configuration have ids too)
        text = text[text.find("<article"):text.find("</article>")]
        start = text.find(f' id="{anchor}"')
        ids = [(m.start(), m.group(1)) for m in _ID.finditer(text)] if start >= 0 else []
        following = [i for at, i in ids if at > start]
        preceding = [i for at, i in reversed(ids) if at < start]
        stable = next((i for i in following + preceding
                       if not _GENERATED_ID.fullmatch(i) and f"{page}#{i}" not in taken), None)
        if stable:
            d = dict(d, location=f"{page}#{stable}")
            taken.add(d["location"])
            out.append(d)
    return out


def add_paragraph_entries(site: Path, languages: Languages,
                          text_pages: frozenset[str] | None = None) -> dict[str, int]:
    """Add an entry per citable unit to ``search/search_index.json`` (and the offline
    plugin's ``search_index.js``), each after the entries of its page; return the number
    added per language (the default language at the site root, the others in their folders).

    ``text_pages`` (page paths inside a language tree, ``resolution/index.html``) are the
    pages of the collection's texts; every entry of any other page is weighted down by
    ``NAVIGATION_BOOST``. None: no page is weighted down."""
    index = _read_index(site)
    docs: list[dict] = index["docs"]
    pages = [d["location"] for d in docs if "#" not in d["location"]]
    existing = {d["location"] for d in docs}
    added: dict[str, list[dict]] = {}
    covered: set[str] = set()  # Material's entries for headings inside a unit (a box's title)
    counts: dict[str, int] = {}
    for page in pages:
        path = site / page
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        if "data-cite=" not in html:  # no citable unit on the page (home, about): nothing to scan
            continue
        for unit in citable_units(html):
            e = entry(page, unit)
            if e["location"] in existing:
                continue
            added.setdefault(page, []).append(e)
            covered.update(f"{page}#{i}" for i in unit.inner_ids)
            lang = page_language(page, languages)
            counts[lang] = counts.get(lang, 0) + 1
    for d in docs:
        if d["location"] in added:
            # The page's own entry (its title, the heading block) must not outrank its
            # paragraphs: Material folds every section that scores below the best one of
            # a page into "more on this page", and a title hit would fold them all.
            d["boost"] = PAGE_BOOST
    if text_pages is not None:
        for page_docs in [docs] + list(added.values()):
            for d in page_docs:
                if tree_path(d["location"], languages) not in text_pages:
                    d["boost"] = d.get("boost", 1) * NAVIGATION_BOOST
        for d in docs:
            # Material's own sections of a text page (a heading, a figure title, the notes):
            # a heading hit is a title hit and would outrank every paragraph that holds the words.
            if "#" in d["location"] and tree_path(d["location"], languages) in text_pages:
                d["boost"] = d.get("boost", 1) * NAVIGATION_BOOST
    docs = _stable_section_anchors(site, docs, existing | {e["location"] for v in added.values() for e in v})
    out: list[dict] = []
    for i, d in enumerate(docs):
        if d["location"] not in covered:
            out.append(d)
        page = d["location"].split("#")[0]
        last_of_page = i + 1 == len(docs) or docs[i + 1]["location"].split("#")[0] != page
        if last_of_page:
            out.extend(added.pop(page, []))
    index["docs"] = out
    _write_index(site, index)
    return counts


def _read_index(site: Path) -> dict:
    index_json = site / "search" / "search_index.json"
    if not index_json.is_file():
        raise EditionError(str(index_json), None, "no search index (is the search plugin enabled in mkdocs.yml?)")
    return json.loads(index_json.read_text(encoding="utf-8"))


def _write_index(site: Path, index: dict) -> None:
    """The index as Material's search reads it, and the offline plugin's copy (loaded by a script tag
    from file://) when the site has one."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))  # UTF-8: half the size of \\u escapes
    (site / "search" / "search_index.json").write_text(data, encoding="utf-8")
    index_js = site / "search" / "search_index.js"
    if index_js.is_file():
        index_js.write_text(f"var __index = {data}", encoding="utf-8")


# ------------------------------------------------------------------ witness languages without a tree


class _CellScanner(HTMLParser):
    """The text of each language's cell in each row of a parallel page (``.par-row[id]`` >
    ``.par-cell[data-lang]``), without the marks that are not the text (:data:`SKIP_CLASSES`) and
    without the cell's own language label."""

    def __init__(self, wanted: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.cells: dict[tuple[str, str], list[str]] = {}
        self._stack: list[tuple[str, tuple[str, str] | None, bool]] = []
        self._row: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br" and self._stack and self._stack[-1][1]:
                self.cells[self._stack[-1][1]].append(" ")
            return
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        cell, skipping = (self._stack[-1][1], self._stack[-1][2]) if self._stack else (None, False)
        if "par-row" in classes and a.get("id"):
            self._row = a["id"]
        if "par-cell" in classes and self._row and a.get("data-lang") in self.wanted:
            cell = (self._row, a["data-lang"])
            self.cells[cell] = []
        skipping = skipping or tag in _SKIP_TAGS or bool(classes & (SKIP_CLASSES | {"par-label"}))
        if cell and tag in _BREAKS:
            self.cells[cell].append(" ")
        self._stack.append((tag, cell, skipping))

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data):
        if self._stack and self._stack[-1][1] and not self._stack[-1][2]:
            self.cells[self._stack[-1][1]].append(data)


def witness_cells(html: str, langs: frozenset[str]) -> dict[tuple[str, str], str]:
    """{(row anchor, language): text} of the cells of ``langs`` on a parallel page."""
    scanner = _CellScanner(langs)
    scanner.feed(html)
    scanner.close()
    return {k: " ".join("".join(v).split()) for k, v in scanner.cells.items() if "".join(v).strip()}


def add_witness_entries(site: Path, languages: Languages, pages: dict[str, str],
                        names: dict[str, dict[str, str]]) -> dict[str, int]:
    """Search entries for the text of witness languages that have no interface tree (a French
    witness of a resolution, in an edition whose interfaces are zh, ru, en): their text stands only
    on the parallel page, which Material does not index (it would repeat every language's text).

    ``pages``: parallel page -> the edition page whose citations title the rows (paths inside a
    language tree); ``names``: {interface tree: {witness language: its name in that tree}}. Each
    row's cell becomes an entry of every interface tree, titled with the row's citation and the
    language's name, linked to the row. Returns the number of entries added per witness language."""
    index = _read_index(site)
    docs: list[dict] = index["docs"]
    counts: dict[str, int] = {}
    for tree in languages.interface:
        prefix = "" if tree == languages.default else f"{tree}/"
        for parallel, edition_page in pages.items():
            html = (site / (prefix + parallel)).read_text(encoding="utf-8")
            cites = {u.anchor: u.cite for u in citable_units((site / (prefix + edition_page)).read_text(encoding="utf-8"))}
            for (anchor, lang), text in sorted(witness_cells(html, frozenset(names[tree])).items()):
                title = f"{cites.get(anchor, anchor)} · {names[tree][lang]}"
                docs.append({"location": f"{prefix}{parallel}#{anchor}", "title": segment(escape(title, quote=False)),
                             "text": segment(escape(text, quote=False))})
                counts[lang] = counts.get(lang, 0) + 1
    _write_index(site, index)
    return counts
