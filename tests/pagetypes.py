"""The page types of the built site, discovered from the built HTML (not listed by hand).

The accessibility, phone and print tests run over every page the build made, so
pages that other parts of the edition add later (report chapters, concordance,
context) are covered without touching the tests. ``REQUIRED`` names the page
types the edition must have; a test fails if one is missing in a language.
"""

from __future__ import annotations

import re
from pathlib import Path

from htmlscan import lang_root

from conftest import INTERFACE as LANGS  # the declared interface languages

#: Every page type the edition promises, in every interface language.
REQUIRED = ("home", "resolution", "parallel", "report", "box", "recommendation", "concordance", "apparatus",
            "context", "about")


def pages(site: Path, lang: str) -> list[Path]:
    """Every content page of one language (no assets, no 404, no other language's folder)."""
    root = lang_root(site, lang)
    others = {root / other for other in LANGS if other != lang and lang_root(site, other) != root}
    out = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        if rel.parts[0] == "assets" or rel.name == "404.html" or any(o in path.parents for o in others):
            continue
        out.append(path)
    return out


def types_of(site: Path, lang: str, path: Path) -> set[str]:
    """The page types a page belongs to (a report chapter may also hold boxes and recommendations)."""
    rel = path.relative_to(lang_root(site, lang)).as_posix()
    html = path.read_text(encoding="utf-8")
    found: set[str] = set()
    if rel == "index.html":
        found.add("home")
    if rel == "resolution/index.html":
        found.add("resolution")
    if 'class="parallel"' in html:
        found.add("parallel")
    if rel.startswith("report/") or rel.startswith("report."):
        found.add("report")
    if re.search(r'class="container container-box\b', html):
        found.add("box")
    if re.search(r'class="container container-recommendation\b', html):
        found.add("recommendation")
    if "concordance" in rel:
        found.add("concordance")
    if rel == "apparatus.html":
        found.add("apparatus")
    if "context" in rel:
        found.add("context")
    if rel == "about.html":
        found.add("about")
    return found or {"other"}


def by_type(site: Path, lang: str) -> dict[str, list[Path]]:
    """``{page type: [pages]}`` for one language."""
    out: dict[str, list[Path]] = {}
    for path in pages(site, lang):
        for kind in types_of(site, lang, path):
            out.setdefault(kind, []).append(path)
    return out


def representatives(site: Path, lang: str) -> dict[str, Path]:
    """One page per type (the first in path order): for the slower checks such as printing."""
    return {kind: paths[0] for kind, paths in sorted(by_type(site, lang).items())}
