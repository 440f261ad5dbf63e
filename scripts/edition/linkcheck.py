"""A link checker over the built site: every internal link, resource and #fragment must resolve.

It reads every HTML page, collects ids, and checks each ``href``/``src``: a
relative target must be a file of the site (never outside it), and its fragment
an id of that page. Root-absolute and protocol-relative links are errors (they
break on ``file://``). External ``http(s):`` links are listed, not fetched (the
site must work offline; they are outbound links, not resources).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOURCE_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                  ("iframe", "src"), ("area", "href")}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attr, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (tag, name) in RESOURCE_ATTRS and value is not None:
                self.links.append((tag, name, value))


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    external: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def check_site(site: Path) -> Report:
    report = Report()
    parsed: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path.relative_to(site).as_posix()] = page
    report.pages = len(parsed)
    for rel, page in parsed.items():
        for tag, attr, value in page.links:
            report.links += 1
            where = f"{rel}: <{tag} {attr}={value!r}>"
            if value.startswith(("mailto:", "tel:", "data:", "javascript:")):
                if value.startswith("javascript:"):
                    report.errors.append(f"{where}: javascript: URL")
                continue
            parts = urlsplit(value)
            if parts.scheme in ("http", "https"):
                if tag != "a":
                    report.errors.append(f"{where}: a resource loaded from outside the site")
                report.external.add(value)
                continue
            if parts.scheme or value.startswith("//"):
                report.errors.append(f"{where}: unsupported or protocol-relative URL")
                continue
            if value.startswith("/"):
                report.errors.append(f"{where}: root-absolute link (breaks on file://)")
                continue
            target = rel if not parts.path else posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            if target.startswith("../") or target == "..":
                report.errors.append(f"{where}: points outside the site")
                continue
            file = site / target
            if file.is_dir():
                file = file / "index.html"
                target = posixpath.join(target, "index.html")
            if not file.exists():
                report.errors.append(f"{where}: no such file {target}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.endswith(".html"):
                ids = parsed[target].ids if target in parsed else set()
                if fragment not in ids:
                    report.errors.append(f"{where}: no id {fragment!r} in {target}")
    return report
