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


def scan(path: Path) -> PageScan:
    p = PageScan()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def lang_root(site: Path, lang: str) -> Path:
    """zh is the default language, built at the site root; ru and en in their folders."""
    return site if lang == "zh" else site / lang


def html_path(site: Path, lang: str, md_path: str) -> Path:
    return lang_root(site, lang) / (md_path[:-3] + ".html")
