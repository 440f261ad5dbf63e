"""Fixes applied to the built site before it is swapped in.

It must work from ``file://``: MkDocs writes the 404 page (and static-i18n some
alternate links) with links from the site root (``/assets/...``), which on
``file://`` point at the root of the disk. Every such link becomes relative to the
page that holds it.

It must pass the Nu Html Checker: two attributes in Material's templates are invalid
HTML (an empty ``tabindex`` on navigation section labels, ``autocomplete`` on its
toggle checkboxes). Each repair is one named attribute on one named element of the
theme, never a change to content; overriding the templates instead would copy them
into ``overrides/`` and tie the site to this version of the theme.
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


#: (the element with the invalid attribute as group 1, the attribute's name)
_THEME_REPAIRS: tuple[tuple[re.Pattern[str], str], ...] = (
    # an empty tabindex is ignored by browsers: dropping it changes nothing
    (re.compile(r'<label class="md-nav__link"[^>]*?( tabindex="")[^>]*>'), "tabindex"),
    # autocomplete is not allowed on checkboxes; Chromium and WebKit ignore it there
    (re.compile(r'<input class="md-toggle"[^>]*?type="checkbox"[^>]*?( autocomplete="off")[^>]*>'), "autocomplete"),
)


def repair_theme_markup(site: Path) -> dict[str, int]:
    """Remove the theme's invalid attributes listed in ``_THEME_REPAIRS``; return counts."""
    counts = {name: 0 for _, name in _THEME_REPAIRS}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = text
        for pattern, name in _THEME_REPAIRS:
            new, n = pattern.subn(lambda m: m.group(0).replace(m.group(1), "", 1), new)
            counts[name] += n
        if new != text:
            page.write_text(new, encoding="utf-8")
    return counts
