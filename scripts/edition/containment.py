"""Containment: the build reads only files that are really inside the project's input folders.

A symbolic link under ``overrides/`` was followed by MkDocs, which copied its
target (any file the build could read) into the site and the offline archive; a
link under ``sources/`` would let a page or a text come from anywhere. The
editorial folders hold plain files only, so every link is refused, in one check
that runs before anything is read or written.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import EditionError
from .project import OVERRIDES, SOURCES

#: The input folders that are published or read into the edition, relative to the project root.
CONTAINED_FOLDERS: tuple[str, ...] = (OVERRIDES, SOURCES)


def refuse_symlinks(root: Path) -> None:
    """Raise ``path: symlink not allowed (...)`` for the first link under a contained folder."""
    for name in CONTAINED_FOLDERS:
        top = root / name
        if top.is_symlink():
            _refuse(root, top)
        for folder, subfolders, files in os.walk(top, onerror=None, followlinks=False):
            for entry in sorted(subfolders + files):
                path = Path(folder) / entry
                if path.is_symlink():
                    _refuse(root, path)


def _refuse(root: Path, path: Path) -> None:
    shown = os.path.relpath(path, root)
    raise EditionError(shown, None, f"symlink not allowed (it points to {os.readlink(path)}); the input folders "
                       f"{', '.join(f'{n}/' for n in CONTAINED_FOLDERS)} hold plain files only: copy the file in")
