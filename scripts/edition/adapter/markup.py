"""The one pass that still rewrites the HTML MkDocs and the theme write, and why each step must.

It runs on each page as MkDocs hands it over (``on_post_page``, and ``on_post_template`` for
the 404 page), never on files read back from ``site/``. Each step is a fix that no template
block or plugin event can make:

- **Root links** (:func:`relativize_root_links`). The site must work from ``file://``, but
  MkDocs writes the 404 page, and mkdocs-static-i18n some language links, from the site root
  (``/assets/...``), which on ``file://`` points at the root of the disk. The links come from
  MkDocs' own ``url`` filter on a page with no place, so no template can make them relative.
- **Invalid theme markup** (:func:`repair_theme_markup`). Two attributes of Material's
  navigation partials are invalid HTML (an empty ``tabindex`` on section labels,
  ``autocomplete`` on toggle checkboxes). Overriding the partials would copy them into
  ``overrides/`` and tie the site to this version of the theme; each repair removes one named
  attribute of one named element and never touches content.
- **Inline scripts** (:func:`externalize_inline_scripts`). Material writes a few inline
  ``<script>``s (storage helpers, the palette and tab restore) inside its templates; the site's
  Content-Security-Policy is ``script-src 'self'``, so each is moved into a file named by its
  hash and loaded at the same place.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

_ROOT_LINK = re.compile(r'(?P<attr>\b(?:href|src)=")/(?!/)(?P<path>[^"]*)"')


def relativize_root_links(html: str, page: str) -> tuple[str, int]:
    """``href="/x"``/``src="/x"`` as links relative to ``page`` (its path under the site); with the count."""
    depth = posixpath.relpath(".", posixpath.dirname(page) or ".")
    count = 0

    def fix(m: re.Match) -> str:
        nonlocal count
        count += 1
        target = m.group("path") or "index.html"
        if target.endswith("/"):
            target += "index.html"
        return f'{m.group("attr")}{posixpath.normpath(posixpath.join(depth, target))}"'

    return _ROOT_LINK.sub(fix, html), count


#: (the element with the invalid attribute as group 1, the attribute's name)
THEME_REPAIRS: tuple[tuple[re.Pattern[str], str], ...] = (
    # an empty tabindex is ignored by browsers: dropping it changes nothing
    (re.compile(r'<label class="md-nav__link"[^>]*?( tabindex="")[^>]*>'), "tabindex"),
    # autocomplete is not allowed on checkboxes; Chromium and WebKit ignore it there
    (re.compile(r'<input class="md-toggle"[^>]*?type="checkbox"[^>]*?( autocomplete="off")[^>]*>'), "autocomplete"),
)


def repair_theme_markup(html: str) -> tuple[str, dict[str, int]]:
    """``html`` without the theme's invalid attributes listed in :data:`THEME_REPAIRS`; with counts."""
    counts = {}
    for pattern, name in THEME_REPAIRS:
        html, counts[name] = pattern.subn(lambda m: m.group(0).replace(m.group(1), "", 1), html)
    return html, counts


#: An inline classic script (no attributes). JSON data blocks carry a type and are not scripts.
_INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.S)
INLINE_FOLDER = "assets/javascripts/inline"


def externalize_inline_scripts(html: str, page: str, site_dir: Path, site_path: str | None = None) -> str:
    """Move every inline ``<script>`` of ``html`` (the page at ``page`` under ``site_dir``) into
    ``assets/javascripts/inline/<sha256:16>.js``, loaded at the same place: a classic script
    without ``async`` or ``defer`` runs where it stands, with the page's ``location``. The link is
    relative, except on a page whose other links start at the site's path (``site_path``: the 404
    page of a site with a public address)."""
    if "<script>" not in html:
        return html
    rooted = site_path is not None and re.search(r'\bsrc="' + re.escape(site_path) + r'assets/', html)
    prefix = site_path if rooted else posixpath.relpath(".", posixpath.dirname(page) or ".") + "/"
    if prefix == "./":
        prefix = ""
    folder = site_dir / INLINE_FOLDER

    def move(m: re.Match) -> str:
        code = m.group("code")
        name = hashlib.sha256(code.encode("utf-8")).hexdigest()[:16] + ".js"
        target = folder / name
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(code, encoding="utf-8")
        return f'<script src="{prefix}{INLINE_FOLDER}/{name}"></script>'

    return _INLINE_SCRIPT.sub(move, html)


def finish_page(html: str, page: str, site_dir: Path, *, relative: bool = True, scripts: bool = True,
                site_path: str | None = None) -> str:
    """The pass over one page: root links made relative (unless ``relative`` is false: the 404 page
    of a site with an address keeps its links from the site's path, as a server sends it for any
    missing address at any depth), the theme's markup repaired, inline scripts moved out (unless
    ``scripts`` is false: offline, the 404 page's relative links break at other depths, so its
    scripts stay inline)."""
    if relative:
        html, _ = relativize_root_links(html, page)
    html, _ = repair_theme_markup(html)
    if scripts:
        html = externalize_inline_scripts(html, page, site_dir, site_path)
    return html
