"""Fixes applied to the built site before it is swapped in: it must work from ``file://``.

MkDocs writes the 404 page (and static-i18n some alternate links) with links from
the site root (``/assets/...``), which on ``file://`` point at the root of the disk.
Every such link becomes relative to the page that holds it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

_ROOT_LINK = re.compile(r'(?P<attr>\b(?:href|src)=")/(?!/)(?P<path>[^"]*)"')


def relativize_root_links(site: Path) -> int:
    """Rewrite ``href="/x"``/``src="/x"`` in every HTML page as a relative link; return how many."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        depth = posixpath.relpath(".", page.parent.relative_to(site).as_posix() or ".")

        def fix(m: re.Match) -> str:
            nonlocal count
            count += 1
            target = m.group("path") or "index.html"
            if target.endswith("/"):
                target += "index.html"
            return f'{m.group("attr")}{posixpath.normpath(posixpath.join(depth, target))}"'

        new = _ROOT_LINK.sub(fix, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return count
