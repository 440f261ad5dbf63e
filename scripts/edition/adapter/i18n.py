"""mkdocs-static-i18n's plugin with its languages from the edition's data.

``mkdocs.yml`` names this plugin (``edition-i18n``) with the i18n settings that are MkDocs'
own business (folder structure, Material and search reconfiguration); its ``languages`` are
made from ``sources/data/languages.yaml`` and the interface strings
(:func:`edition.mkdocs_config.i18n_languages`) when MkDocs reads the configuration, through
the plugin's public ``load_config``. So a language is added as data, and ``mkdocs build``
and ``mkdocs serve`` build every language tree without a generated configuration file.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.base import ValidationError
from mkdocs_static_i18n.plugin import I18n

from ..errors import EditionError
from ..mkdocs_config import i18n_languages, read_base
from .loading import edition_at


class EditionI18n(I18n):
    """:class:`mkdocs_static_i18n.plugin.I18n`, whose ``languages`` option comes from the data."""

    def load_config(self, options: dict, config_file_path: str | None = None):
        if "languages" in options:
            return [("languages", ValidationError(
                "generated from sources/data/languages.yaml; remove it from mkdocs.yml"))], []
        if config_file_path is None:
            return [("languages", ValidationError("the edition needs mkdocs.yml in the project folder"))], []
        config_file = Path(config_file_path)
        try:
            edition = edition_at(config_file.parent)
            palette = (read_base(config_file).get("theme") or {}).get("palette") or []
        except EditionError as exc:  # bad input: its file:line message, as MkDocs reports configuration errors
            return [("languages", ValidationError(str(exc)))], []
        return super().load_config({**options, "languages": i18n_languages(edition, palette)}, config_file_path)
