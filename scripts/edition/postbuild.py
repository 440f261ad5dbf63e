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


def relativize_root_links(site: Path, keep: tuple[str, ...] = ()) -> int:
    """Rewrite ``href="/x"``/``src="/x"`` in every HTML page as a relative link; return how many.
    Pages named in ``keep`` (paths under ``site``) keep their links."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).as_posix() in keep:
            continue
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


#: An inline classic script (no attributes): Material writes a few (its storage helpers in the head,
#: the palette and the tab restore in the body). JSON data blocks carry a type and are not scripts.
_INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.S)
INLINE_FOLDER = "assets/javascripts/inline"


def externalize_inline_scripts(site: Path, site_path: str | None = None, keep: tuple[str, ...] = ()) -> dict[str, int]:
    """Move every inline ``<script>`` of the built pages into a file named by its content's hash
    (``assets/javascripts/inline/<sha256:16>.js``), loaded at the same place, so that a
    Content-Security-Policy of ``script-src 'self'`` holds without per-build hashes. The code runs
    as before: a classic script without ``async`` or ``defer`` runs where it stands, with the page's
    ``location``. Links are relative, except on pages whose other links start at the site's path
    (``site_path``: the 404 page of a site with a public address). Pages named in ``keep`` (paths
    under ``site``) keep their scripts. Returns {file: uses}."""
    import hashlib

    uses: dict[str, int] = {}
    folder = site / INLINE_FOLDER
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "<script>" not in text:
            continue
        rel = page.relative_to(site).as_posix()
        if rel in keep:
            continue
        rooted = site_path is not None and re.search(r'\bsrc="' + re.escape(site_path) + r'assets/', text)
        prefix = site_path if rooted else posixpath.relpath(".", posixpath.dirname(rel) or ".") + "/"
        if prefix == "./":
            prefix = ""

        def move(m: re.Match) -> str:
            code = m.group("code")
            name = hashlib.sha256(code.encode("utf-8")).hexdigest()[:16] + ".js"
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / name
            if not target.exists():
                target.write_text(code, encoding="utf-8")
            uses[name] = uses.get(name, 0) + 1
            return f'<script src="{prefix}{INLINE_FOLDER}/{name}"></script>'

        new = _INLINE_SCRIPT.sub(move, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return uses
