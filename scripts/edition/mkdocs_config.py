"""The MkDocs configuration the build runs with: ``mkdocs.yml`` plus what follows from the data.

``mkdocs.yml`` holds what is MkDocs' and the theme's own (extensions, palette,
plugins and their settings). What follows from the edition's data is added here,
at build time, so that it is declared once: the i18n plugin's languages (from
``languages.yaml``, with their site name, description and interface labels from the
UI strings), the navigation (from the assembled page list), the theme's default
language, and the languages' ``lang`` tags for the script. A language tree that
MkDocs would not build, or a page outside the navigation, cannot happen: both come
from the same lists as the Markdown.
"""

from __future__ import annotations

import copy
from html import escape
from pathlib import Path

import yaml

from .assembly import Site
from .errors import DataError

#: Interface strings the theme layer needs (the script's messages, the footer, the 404 page): passed
#: as ``extra.edition_ui`` ({key: {lang: text}}), each language's from the UI strings.
THEME_STRINGS = ("link_copied", "cite_text_copy", "cite_text_copied", "cite_text_format", "made_with",
                 "not_found_title", "not_found_text", "not_found_home", "table_scroll")


def read_base(config_file: Path) -> dict:
    """``mkdocs.yml`` as data (it uses no YAML tags); refuses a file that declares what the data declares."""
    try:
        base = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError(str(config_file), None, f"cannot read the MkDocs configuration: {exc}") from None
    if not isinstance(base, dict):
        raise DataError(str(config_file), 1, "expected a mapping")
    for key in ("nav",):
        if key in base:
            raise DataError(str(config_file), None, f"'{key}' is generated from the data (sources/data/works.yaml "
                            "and the page list); remove it from mkdocs.yml")
    i18n = _i18n(base, config_file)
    if "languages" in i18n:
        raise DataError(str(config_file), None, "the i18n plugin's 'languages' are generated from "
                        "sources/data/languages.yaml; remove them from mkdocs.yml")
    return base


def markdown_extensions(config_file: Path) -> tuple[list[str], dict]:
    """The site's Markdown extensions and their settings, as MkDocs gets them from ``mkdocs.yml``
    (the books convert the writer's Markdown with the same ones; the tests render with them)."""
    names: list[str] = []
    settings: dict = {}
    for item in read_base(config_file).get("markdown_extensions", []):
        if isinstance(item, dict):
            (name, conf), = item.items()
            names.append(name)
            settings[name] = conf or {}
        else:
            names.append(item)
    return names, settings


#: The edition's plugins in ``mkdocs.yml``: its own (pages, navigation, head, open data), and
#: mkdocs-static-i18n's plugin whose languages come from the data (:mod:`edition.adapter.i18n`).
EDITION_PLUGIN = "edition"
I18N_PLUGIN = "edition-i18n"


def _i18n(config: dict, config_file: Path) -> dict:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and I18N_PLUGIN in plugin:
            return plugin[I18N_PLUGIN]
    raise DataError(str(config_file), None, f"expected the plugin '{I18N_PLUGIN}' (mkdocs-static-i18n with the "
                    "languages of sources/data/languages.yaml) in 'plugins'")


def plain_plugins(plugins: list) -> list:
    """``plugins`` as plain MkDocs runs them without the edition (``make bench``'s baseline):
    mkdocs-static-i18n under its own name, the edition's plugin left out."""
    out: list = []
    for plugin in plugins:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == EDITION_PLUGIN:
            continue
        out.append({"i18n": plugin[name]} if name == I18N_PLUGIN else plugin)
    return out


def nav(site: Site) -> list:
    """The navigation: every page, a work with several pages as a section (titled in the default
    language; the i18n plugin translates section titles through ``nav_translations``)."""
    default = site.edition.languages.default
    out: list = []
    sections: dict[str, list[str]] = {}
    for spec in site.specs:
        work = site.edition.work(spec.work) if spec.work else None
        pages_of_work = [s for s in site.specs if work and s.work == work.id]
        if work and len(pages_of_work) > 1:
            title = escape(work.nav[default], quote=True)
            if title not in sections:
                sections[title] = []
                out.append({title: sections[title]})
            sections[title].append(spec.path)
        else:
            out.append(spec.path)
    return out


def _html(text: str) -> str:
    """Data text for a place where the theme writes a configuration value into HTML as it is (MkDocs'
    templates do not escape): the site name in ``<title>`` and the header, descriptions in ``<meta>``,
    labels in attributes. Escaped here, once, so it arrives as text."""
    return escape(text, quote=True)


def i18n_languages(edition, palette: list) -> list[dict]:
    """The i18n plugin's ``languages``, one per interface language, from the data: autonym, site name
    and description, search scope label, the palette's toggle tooltips and the sections' titles."""
    languages, ui = edition.languages, edition.ui
    default = languages.default
    tags = {lang.code: lang.tag for lang in languages.all}
    sections = {_html(w.nav[default]): w for w in edition.works}
    return [{
        "locale": code,
        "default": code == default,
        "name": _html(languages.get(code).autonym),
        "build": True,
        "site_name": _html(ui.t("site_name", code)),
        "site_description": _html(ui.t("site_description", code)),
        "extra": {"search_scope": _html(ui.t("search_scope", code)), "language_tags": tags},
        "theme": {"palette": _palette(palette, ui, code)},
        "nav_translations": {title: _html(work.nav[code]) for title, work in sections.items()},
    } for code in languages.interface]


def extra(edition) -> dict:
    """The keys of ``extra`` the templates and the script read (``overrides/``), from the data."""
    languages, ui = edition.languages, edition.ui
    default = languages.default
    return {
        "language_tags": {lang.code: lang.tag for lang in languages.all},
        "edition_ui": {key: {code: ui.t(key, code) for code in languages.interface} for key in THEME_STRINGS},
        "edition_languages": [{"code": code, "tag": languages.tag(code), "home": "" if code == default else f"{code}/"}
                              for code in languages.interface],
    }


def overrides(site: Site, config_file: Path, site_url: str | None = None) -> dict:
    """Every key that follows from the data, on top of ``mkdocs.yml``, as one mapping (what the
    edition's plugin applies in ``on_config`` and its i18n plugin reads; written whole by
    :func:`write_full` for ``make bench``'s plain-MkDocs baseline); ``site_url`` is the public
    address (:func:`edition.address.site_url`), None for the offline archive."""
    base = read_base(config_file)
    edition = site.edition
    plugins = copy.deepcopy(base.get("plugins") or [])
    i18n = _i18n({"plugins": plugins}, config_file)
    theme = copy.deepcopy(base.get("theme") or {})
    theme["language"] = edition.languages.default
    i18n["languages"] = i18n_languages(edition, theme.get("palette") or [])
    extras = copy.deepcopy(base.get("extra") or {})
    extras.update(extra(edition))
    out = {"plugins": plugins, "theme": theme, "nav": nav(site), "extra": extras}
    if site_url:
        out["site_url"] = site_url
    return out


def _palette(palette: list, ui, lang: str) -> list:
    """The theme's palette with the scheme toggle's tooltip in ``lang``."""
    out = copy.deepcopy(palette)
    for entry in out:
        toggle = entry.get("toggle")
        if isinstance(toggle, dict):
            toggle["name"] = _html(ui.t("theme_to_dark" if entry.get("scheme") == "default" else "theme_to_light", lang))
    return out


def write_full(site: Site, config_file: Path, target: Path, docs_dir: Path, site_dir: Path) -> Path:
    """The whole configuration as one file (``mkdocs.yml`` with the generated keys and absolute
    paths), for running plain MkDocs on the generated Markdown (``make bench``'s baseline)."""
    config = read_base(config_file)
    config.update(overrides(site, config_file))
    config["plugins"] = plain_plugins(config["plugins"])
    config["docs_dir"], config["site_dir"] = str(docs_dir), str(site_dir)
    config["theme"]["custom_dir"] = str((config_file.parent / config["theme"]["custom_dir"]).resolve())
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
