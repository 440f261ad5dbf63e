"""Reading built HTML in tests: ids, links and text, with the standard library parser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


#: Editorial marks inside the reading text, left out of ``text``.
MARK_CLASSES = ("emendation-mark", "para-link", "cite-button")


class PageScan(HTMLParser):
    """Collect every id, every href, and the text of a built page (without editorial marks)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._mark_stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])
        classes = (a.get("class") or "").split()
        if tag in ("script", "style") or any(c in MARK_CLASSES for c in classes):
            self._skip += 1
            self._mark_stack.append(tag)

    def handle_endtag(self, tag):
        if self._mark_stack and self._mark_stack[-1] == tag:
            self._mark_stack.pop()
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self._text).split())


class _ElementTexts(HTMLParser):
    """The attributes and whole text of every ``tag`` element having class ``cls``."""

    def __init__(self, tag: str, cls: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.cls = tag, cls
        self.found: list[tuple[dict[str, str | None], str]] = []
        self._open: list[int] = []  # indexes into found of the matching elements still open
        self._depth: list[bool] = []  # for each open `tag` element: does it match?

    def handle_starttag(self, tag, attrs):
        if tag != self.tag:
            return
        a = dict(attrs)
        match = self.cls is None or self.cls in (a.get("class") or "").split()
        self._depth.append(match)
        if match:
            self._open.append(len(self.found))
            self.found.append((a, ""))

    def handle_endtag(self, tag):
        if tag == self.tag and self._depth and self._depth.pop():
            self._open.pop()

    def handle_data(self, data):
        for i in self._open:
            attrs, text = self.found[i]
            self.found[i] = (attrs, text + data)


def element_texts(path: Path, tag: str, cls: str | None = None) -> list[tuple[dict[str, str | None], str]]:
    """``(attributes, text)`` of each ``tag`` element of a page (with class ``cls``), in order."""
    p = _ElementTexts(tag, cls)
    p.feed(path.read_text(encoding="utf-8"))
    return p.found


def scan(path: Path) -> PageScan:
    p = PageScan()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def lang_root(site: Path, lang: str) -> Path:
    """The default language is built at the site root, the others in their folders."""
    from conftest import LANGUAGES

    return site if lang == LANGUAGES.default else site / lang


def html_path(site: Path, lang: str, md_path: str) -> Path:
    return lang_root(site, lang) / (md_path[:-3] + ".html")
