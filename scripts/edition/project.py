"""Where a project's inputs and outputs live: the one module that knows the layout of a checkout.

Every other module asks a :class:`Project` for a path instead of joining ``"sources"``,
``"data"`` and a file name itself, so that the layout is written down once (and a test can
lay out a project elsewhere). Paths are absolute when the root is; :meth:`Project.shown`
gives the form messages print (relative to the project folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The project's inputs, relative to its folder: what a copy of the project holds, what the live
#: preview watches, where symlinks are refused.
SOURCES = "sources"
OVERRIDES = "overrides"
MKDOCS_YML = "mkdocs.yml"
INPUTS = (SOURCES, OVERRIDES, MKDOCS_YML)

#: Inside ``sources/``.
DATA = "data"
SCHEMAS = "schemas"
PAGES = "pages"
REGISTRY = "registry.yaml"
ANCHORS_LOCK = "anchors.lock"


@dataclass(frozen=True)
class Project:
    """A checkout (or a copy of its inputs) at ``root``."""

    root: Path

    @property
    def sources(self) -> Path:
        return self.root / SOURCES

    @property
    def data(self) -> Path:
        """The editorial data files (``sources/data/``)."""
        return self.sources / DATA

    @property
    def pages(self) -> Path:
        """The hand-written pages (``sources/pages/<lang>/``)."""
        return self.sources / PAGES

    @property
    def schemas(self) -> Path:
        """The JSON Schemas of the data files, and (``opendata/``) of the open data."""
        return self.sources / SCHEMAS

    @property
    def registry(self) -> Path:
        return self.sources / REGISTRY

    @property
    def anchors_lock(self) -> Path:
        return self.sources / ANCHORS_LOCK

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / MKDOCS_YML

    @property
    def overrides(self) -> Path:
        return self.root / OVERRIDES

    def datafile(self, *parts: str) -> Path:
        """A file under ``sources/data/`` (``datafile("ui", "core.yaml")``)."""
        return self.data.joinpath(*parts)

    def shown(self, path: Path) -> str:
        """``path`` as messages print it: relative to the project folder."""
        return os.path.relpath(path, self.root)
