"""The ``edition`` MkDocs plugin: thin hooks over the framework-free core.

Listed first in ``mkdocs.yml``'s plugins, so that ``mkdocs build``, ``mkdocs serve`` and
``edition build`` (which adds the lock, the staging folders and the atomic swap around the
same MkDocs build) make the same site:

- ``on_config``: the navigation, the theme's default language and the ``extra`` keys the
  templates read, from the data; the public address from ``EDITION_SITE_URL``;
- also in ``on_config``: the pages the writer makes from the model (the hand-written pages of
  ``sources/pages`` among them, read by the writer with its checks), written as Markdown under
  a language folder each into the folder MkDocs then reads as ``docs_dir``: a private
  temporary folder, or the staging folder of ``edition build`` (which publishes it as
  ``docs/``, for review). mkdocs-static-i18n (1.3) makes its own ``File`` objects from the
  files it finds in ``docs_dir``, so pages held only in memory (``File.generated``) would
  not reach it. Only files whose text changed are written. The anchor lock is checked first;
- ``on_page_context``: each page's head block (canonical address, language alternates,
  Open Graph, JSON-LD: :mod:`edition.publish`) for the theme's ``site_meta`` block
  (``overrides/main.html``);
- ``on_post_page`` / ``on_post_template``: the one HTML pass (:mod:`.markup`, with its reasons);
- ``on_post_build``, once every language tree is built (mkdocs-static-i18n builds the others
  from its own ``on_post_build``): the paragraph-level search entries, the open data, the
  sitemap, robots.txt and preview images;
- ``on_serve``: ``mkdocs serve`` watches ``sources/`` (not the generated folder).

The plugin keeps its state between the rebuilds of ``mkdocs serve`` (it has ``on_startup``,
so MkDocs keeps the instance): the loaded edition (:mod:`.loading`) and the generated
Markdown are reused while the sources are unchanged.

Bad input raises :class:`EditionPluginError`, a :class:`mkdocs.exceptions.PluginError`
whose message is the edition's ``file:line: message`` (MkDocs prints it and stops); the
original error is kept on it for ``edition build``, which exits 2 with it.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import mkdocs_config, opendata
from ..address import site_url
from ..anchors import check_lock
from ..assembly import Site, html_name
from ..containment import refuse_symlinks
from ..errors import EditionError
from ..project import Project
from ..publish import PageRef, finish_site, head_block, metadata, page_image, pages
from ..search import add_paragraph_entries, add_witness_entries
from .loading import edition_at, site_at
from .markup import finish_page

log = logging.getLogger("mkdocs.plugins.edition")


class EditionPluginError(PluginError):
    """Bad input met while MkDocs builds: the edition's message, and the error itself (``.error``;
    MkDocs turns a plugin's error into its own ``Abort``, so the plugin also keeps the last one
    it raised as :attr:`EditionPlugin.failed`)."""

    def __init__(self, error: EditionError) -> None:
        super().__init__("\n".join(str(e) for e in getattr(error, "errors", (error,))))
        self.error = error


class EditionConfig(Config):
    #: build the books' download page (``edition dist`` sets it; the books are made afterwards)
    downloads = c.Type(bool, default=False)
    #: where the generated Markdown is written (``edition build``'s staging folder); by default a
    #: temporary folder of the plugin's own, removed at the end
    docs_dir = c.Optional(c.Type(str))


class EditionPlugin(BasePlugin[EditionConfig]):
    """Pages, navigation, head, search entries and open data of the edition (see the module)."""

    def __init__(self) -> None:
        self.command = "build"
        self.site: Site | None = None
        self.base: str | None = None
        self.root: Path | None = None
        #: {lang: {path: markdown}} of the site in :attr:`site` (kept while it is the same object)
        self.generated: dict[str, dict[str, str]] = {}
        self._generated_for: Site | None = None
        self._refs: dict[str, PageRef] = {}
        self._images: set[tuple[str | None, str]] = set()
        self._depth = 0
        self._temporary: Path | None = None
        self.messages: list[str] = []
        #: the edition's error that stopped the last build, if one did
        self.failed: EditionError | None = None
        self._bytecode = _KeptBytecode()

    # ------------------------------------------------------------ lifecycle

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this event makes MkDocs keep the plugin between the rebuilds of ``mkdocs serve``."""
        self.command = command

    def on_shutdown(self) -> None:
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    def on_config(self, config):
        if self._depth:  # one of mkdocs-static-i18n's builds of another language: configured already
            return config
        self.failed = None
        self.root = Path(config.config_file_path).resolve().parent
        try:
            refuse_symlinks(self.root)
            # the preview serves on loopback: it names no public address, as offline
            self.base = None if self.command == "serve" else site_url()
            self.site = site_at(self.root, downloads=self.config.downloads)
            if self._generated_for is not self.site:
                written = {lang: self.site.write(lang) for lang in self.site.edition.languages.interface}
                check_lock(self.site, written, Project(self.root).anchors_lock)
                self.generated, self._generated_for = written, self.site
        except EditionError as exc:
            raise EditionPluginError(exc) from None
        config.docs_dir = str(self._write_markdown())
        edition = self.site.edition
        config.nav = mkdocs_config.nav(self.site)
        config.theme["language"] = edition.languages.default
        config.extra.update(mkdocs_config.extra(edition))
        if self.base:
            config.site_url = self.base
        self._refs = {ref.path: ref for ref in pages(self.site)}
        self._images = set()
        self.messages = []
        return config

    def on_pre_build(self, *, config) -> None:
        self._depth += 1

    def on_build_error(self, *, error: Exception) -> None:
        self._depth = 0
        if isinstance(error, EditionPluginError):
            self.failed = error.error

    def on_env(self, env, *, config, files):
        """The theme's templates compiled once per process: MkDocs makes a new Jinja environment for
        every build (one per language tree, and one per rebuild of ``mkdocs serve``), and compiling
        Material's templates again each time is most of a rebuild's template cost. Jinja's bytecode
        cache is keyed on the template and its source's checksum, so an edited template (in
        ``overrides/``) is compiled again."""
        env.bytecode_cache = self._bytecode
        return env

    def on_serve(self, server, *, config, builder):
        """``mkdocs serve``: rebuild on any change under ``sources/`` (MkDocs watches ``mkdocs.yml`` and
        the theme by itself; not the generated folder, which the plugin writes); a bad edit is
        reported as ``file:line: message`` and the last good site stays served."""
        server.unwatch(config.docs_dir)
        server.watch(str(Project(self.root).sources))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        server.builder = _reporting(builder, self.root)
        return server

    def _write_markdown(self) -> Path:
        """Write :attr:`generated` under ``<lang>/`` of the folder MkDocs is to read; files whose text
        is unchanged are left alone (their times too), files no longer generated are removed."""
        if self.config.docs_dir:
            folder = Path(self.config.docs_dir)
        else:
            if self._temporary is None or not self._temporary.is_dir():
                self._temporary = Path(tempfile.mkdtemp(prefix="edition-docs-"))
            folder = self._temporary
        wanted = {f"{lang}/{path}": text for lang, written in self.generated.items() for path, text in written.items()}
        for name, text in sorted(wanted.items()):
            target = folder / name
            data = text.encode("utf-8")
            if not target.is_file() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        for stale in sorted(folder.rglob("*.md")):
            if stale.relative_to(folder).as_posix() not in wanted:
                stale.unlink()
        return folder

    # ------------------------------------------------------------ pages

    def on_page_context(self, context, *, page, config, nav):
        ref = self._refs.get(page.file.dest_uri)
        if ref is not None:
            meta = metadata(self.site, ref, _page_title(page, config.site_name), self.base)
            image = page_image(self.site, ref, meta)
            if image:
                self._images.add(image)
            context["edition_head"] = head_block(self.site, ref, meta, self.base)
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        return finish_page(output, page.file.dest_uri, Path(config.site_dir), site_path=self._site_path())

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if not template_name.endswith(".html"):
            return output_content
        # the 404 page: with an address its links start at the site's path (a server sends it for any
        # missing address, at any depth) and its scripts move out; offline its links are relative,
        # so they break at other depths, and its scripts stay inline
        return finish_page(output_content, template_name, Path(config.site_dir), relative=not self.base,
                           scripts=bool(self.base), site_path=self._site_path())

    def _site_path(self) -> str | None:
        return urlsplit(self.base).path if self.base else None

    # ------------------------------------------------------------ the whole site

    @event_priority(-200)  # after mkdocs-static-i18n's (-100), which builds the other languages
    def on_post_build(self, *, config) -> None:
        self._depth -= 1
        if self._depth > 0:  # the end of one language's build inside mkdocs-static-i18n's
            return
        self._depth = 0
        site, site_dir = self.site, Path(config.site_dir)
        finish_site(site_dir, site, self.base, self._images, log=self._say)
        text_pages = frozenset(html_name(spec.path) for spec in site.specs if spec.work)
        try:
            entries = add_paragraph_entries(site_dir, site.edition.languages, text_pages)
        except EditionError as exc:
            raise EditionPluginError(exc) from None
        self._say("search: paragraph-level entries " + ", ".join(f"{k} {v}" for k, v in entries.items()))
        self._witness_search(site, site_dir)
        self._say(f"open data: {len(opendata.write(site, site_dir))} files (data/, md/, llms.txt)")

    def _witness_search(self, site: Site, site_dir: Path) -> None:
        """Search entries for the witness languages that have no interface tree (their text stands
        on the parallel view only); a witness language with no page to link to is named."""
        languages = site.edition.languages
        pages, names, unlinked = {}, {}, []
        for work in site.edition.works:
            extra = [lang for lang in site.edition.witnesses(work.id) if lang not in languages.interface]
            if not extra:
                continue
            shown = [s for s in site.specs if s.work == work.id and s.all_witnesses]
            edition_page = next((s for s in site.specs if s.key == work.id), None)
            if not shown or edition_page is None:
                unlinked += [f"{lang} ({work.id})" for lang in extra]
                continue
            pages[html_name(shown[0].path)] = html_name(edition_page.path)
            for tree in languages.interface:
                names.setdefault(tree, {}).update({lang: languages.name(lang, tree) for lang in extra})
        if pages:
            counts = add_witness_entries(site_dir, languages, pages, names)
            self._say("search: witness languages without an interface tree, in every tree: "
                      + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        if unlinked:
            self._say("search: no page shows these witnesses beside the others, so they are not searched: "
                      + ", ".join(unlinked))

    def _say(self, line: str) -> None:
        self.messages.append(line)
        log.info(line)


class _KeptBytecode(BytecodeCache):
    """Jinja's compiled templates, kept in memory for as long as the plugin (the process)."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._kept.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()


_TAG = re.compile(r"<[^>]*>")


def _page_title(page, site_name: str) -> str:
    """The page's ``<title>`` as the theme writes it (``htmltitle`` in Material's base.html), as text."""
    meta_title = (page.meta or {}).get("title")
    if meta_title:
        title = f"{meta_title} - {site_name}"
    elif page.title and not page.is_homepage:
        title = f"{' '.join(_TAG.sub('', page.title).split())} - {site_name}"
    else:
        title = site_name
    return html.unescape(title.strip())


def _reporting(builder, root: Path):
    """``builder`` for the rebuilds of ``mkdocs serve``. The edition is loaded first, so that bad
    input is reported as the edition's ``file:line: message`` before MkDocs reads anything; a
    rebuild that stops, for any reason, is reported in one line and returns: MkDocs' loop would
    print a traceback and hold every request until a build succeeds, while this way the last good
    site stays served (the open pages reload with it, at the paragraph being read) and the next
    save rebuilds. A bad edit is always met before MkDocs cleans its folder: the edition is
    loaded, the lock checked and the Markdown written in ``on_config``."""
    from mkdocs.exceptions import Abort, ConfigurationError

    def rebuild(config=None):
        try:
            edition_at(root)
            builder(config)
            return
        except EditionError as exc:
            for error in getattr(exc, "errors", (exc,)):
                log.error(str(error))
        except (Abort, ConfigurationError):
            pass  # MkDocs has logged why
        except Exception as exc:  # noqa: BLE001 - the preview must survive any bad edit
            log.error(f"the build stopped: {type(exc).__name__}: {exc}")
        log.error("the last good build is still served: fix the file and save it")

    return rebuild
