"""MkDocs run in-process from ``mkdocs.yml``, as ``mkdocs build`` runs it, for ``edition build``."""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import EditionError


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, *, strict: bool = True, downloads: bool = False):
    """Build with MkDocs in-process from ``config_file`` into ``site_dir``, as ``mkdocs build`` does,
    the generated Markdown written into ``docs_dir``; return the edition's plugin (what it generated and said). In strict mode any warning fails the
    build; bad input met by the plugin is raised as the edition's own error."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    from ..mkdocs_config import EDITION_PLUGIN

    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        try:
            cfg = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        except ConfigurationError as exc:
            raise EditionError(str(config_file), None, f"{exc}; {'; '.join(counter.messages)}") from None
        plugin = cfg.plugins.get(EDITION_PLUGIN)
        if plugin is None:
            raise EditionError(str(config_file), None, f"expected the plugin '{EDITION_PLUGIN}' in 'plugins'")
        plugin.config.downloads = downloads
        plugin.config.docs_dir = str(docs_dir)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        except Abort:
            if plugin.failed is not None:  # MkDocs' Abort for the plugin's error: the edition's own message
                raise plugin.failed from None
            raise
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        raise EditionError(str(config_file), None, f"MkDocs build failed: {exc}; warnings: {counter.messages}") from None
    finally:
        logger.removeHandler(counter)
    if strict and counter.messages:
        raise EditionError(str(config_file), None, "MkDocs warnings in strict mode: " + "; ".join(counter.messages))
    return plugin
