"""The loaded edition and its assembled site, kept per process while the inputs are unchanged.

Both plugins of a build need the edition (the i18n plugin its languages and interface
strings when MkDocs reads ``mkdocs.yml``, the edition plugin everything after), and so do
``edition build`` (which loads it first, so that bad input stops with ``file:line`` before
MkDocs runs) and every rebuild of ``mkdocs serve``. Loading is pure apart from reading
files, so the result is kept, keyed on the project folder and the path, size and change
time of every file under ``sources/``: an edit anywhere there loads again.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..assembly import Site, assemble
from ..edition import Edition, load_edition
from ..project import SOURCES

#: project folder -> (signature of its sources, the edition, {downloads: site})
_KEPT: dict[Path, tuple[tuple, Edition, dict[bool, Site]]] = {}


def signature(root: Path) -> tuple:
    """What identifies the state of ``root/sources``: every file's path, size and change time."""
    out = []
    for folder, dirs, files in os.walk(root / SOURCES):
        dirs.sort()
        for name in sorted(files):
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:  # removed while walking
                continue
            out.append((os.path.join(folder, name), st.st_size, st.st_mtime_ns))
    return tuple(out)


def edition_at(root: Path) -> Edition:
    """The edition of the project at ``root``, loaded again only when a source changed."""
    root = root.resolve()
    sig = signature(root)
    kept = _KEPT.get(root)
    if kept is None or kept[0] != sig:
        kept = (sig, load_edition(root), {})
        _KEPT[root] = kept
    return kept[1]


def site_at(root: Path, *, downloads: bool = False) -> Site:
    """The assembled site of :func:`edition_at` (with the books' download page when ``downloads``)."""
    edition = edition_at(root)
    sites = _KEPT[root.resolve()][2]
    if downloads not in sites:
        site = assemble(edition)
        if downloads:
            from ..books.make import downloads_spec
            site.specs.append(downloads_spec(site))
        sites[downloads] = site
    return sites[downloads]
