"""``edition serve``: a live preview for editors.

Builds the site, serves ``site/`` on loopback with the standard library's
HTTP server, and rebuilds (with :func:`edition.build.build`, which holds the
build lock and swaps ``site/`` in atomically) whenever something changes under
``sources/``, ``overrides/`` or in ``mkdocs.yml``. Changes are debounced: a
burst of saves makes one rebuild.

A bad edit prints ``file:line: message`` and the server keeps serving the last
good site. Open pages reload after each good rebuild at the paragraph being
read: a small script, injected into HTML responses by this server only (never
written into ``site/`` or the archive), polls ``/__edition_serve__/version``
and, when the version changes, remembers the element with an id nearest the
top of the viewport (and its offset), reloads, and scrolls it back there.
"""

from __future__ import annotations

import http.server
import io
import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import Callable

from .errors import EditionError

#: The server's own URLs (not files of the site).
PREFIX = "/__edition_serve__/"
#: Seconds of quiet after a change before a rebuild starts (one rebuild per burst of saves).
DEBOUNCE_S = 0.3
#: How many converted pages the preview keeps (the least recently used go first): every page of every
#: language of a few builds (48 pages a build today), so that an edit and its undo both hit.
KEPT_PAGES = 400
#: What is watched, relative to the project folder: folders (recursively) and single files.
WATCHED_FOLDERS = ("sources", "overrides")
WATCHED_FILES = ("mkdocs.yml",)

RELOAD_SCRIPT = """
(() => {
  const KEY = "edition-serve:" + location.pathname;
  const VERSION_URL = "/__edition_serve__/version";
  // After a reload: put the remembered element back at the same height in the viewport.
  const saved = sessionStorage.getItem(KEY);
  if (saved) {
    sessionStorage.removeItem(KEY);
    const {id, offset} = JSON.parse(saved);
    const restore = () => {
      const el = document.getElementById(id);
      if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - offset);
    };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    document.addEventListener("DOMContentLoaded", restore);
  }
  // The element with an id nearest the top of the content area (below the sticky header).
  function reading() {
    const header = document.querySelector(".md-header");
    const top = header ? header.getBoundingClientRect().bottom : 0;
    let best = null, bestDist = Infinity;
    for (const el of document.querySelectorAll(".md-content [id]")) {
      const r = el.getBoundingClientRect();
      if (r.height === 0 || r.bottom <= top || r.top >= innerHeight) continue;
      const dist = Math.abs(r.top - top);
      if (dist < bestDist) { best = el; bestDist = dist; }
    }
    const hash = decodeURIComponent(location.hash.slice(1));
    const target = hash && document.getElementById(hash);
    if (target) {  // the #anchor wins while it is still in view
      const r = target.getBoundingClientRect();
      if (r.bottom > top && r.top < innerHeight) best = target;
    }
    return best && {id: best.id, offset: best.getBoundingClientRect().top};
  }
  let version = null;
  async function poll() {
    try {
      const response = await fetch(VERSION_URL, {cache: "no-store"});
      const now = await response.text();
      if (version !== null && now !== version) {
        const where = reading();
        if (where) sessionStorage.setItem(KEY, JSON.stringify(where));
        location.reload();
        return;
      }
      version = now;
    } catch (e) { /* the server is restarting: try again */ }
    setTimeout(poll, 100);
  }
  poll();
})();
"""


class PreviewState:
    """The build version the pages compare against; bumped after each good rebuild."""

    def __init__(self) -> None:
        self.version = 0
        self.lock = threading.Lock()

    def bump(self) -> None:
        with self.lock:
            self.version += 1


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``site/`` as it stands after the last good build, with the reload script added to HTML."""

    state: PreviewState

    def __init__(self, *args, state: PreviewState, **kwargs) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:  # an editor's terminal shows rebuilds, not requests
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows the new build
        super().end_headers()

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == PREFIX + "version":
            return self._answer(str(self.state.version).encode(), "text/plain; charset=utf-8")
        if path == PREFIX + "reload.js":
            return self._answer(RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8")
        return super().send_head()

    def _answer(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        target = Path(self.translate_path(self.path.split("?", 1)[0].split("#", 1)[0]))
        if target.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            try:
                html = target.read_bytes()
            except OSError:
                self.send_error(404)
                return
            tag = f'<script src="{PREFIX}reload.js"></script>'.encode()
            at = html.rfind(b"</body>")
            html = html[:at] + tag + html[at:] if at >= 0 else html + tag
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)
            return
        super().do_GET()


def _watched(root: Path, path: str) -> bool:
    p = Path(path)
    try:
        rel = p.resolve().relative_to(root) if p.is_absolute() else p
    except (ValueError, OSError):
        return False
    parts = rel.parts
    return bool(parts) and (parts[0] in WATCHED_FOLDERS or (len(parts) == 1 and parts[0] in WATCHED_FILES))


class Rebuilder:
    """Rebuilds after changes, debounced; reports bad input and keeps the last good site."""

    def __init__(self, root: Path, state: PreviewState, build: Callable[[], float],
                 log: Callable[[str], None], err: Callable[[str], None]) -> None:
        self.root, self.state, self._build, self.log, self.err = root, state, build, log, err
        self._changed = threading.Event()
        self._last_change = 0.0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="edition-rebuild", daemon=True)

    def changed(self, path: str) -> None:
        if _watched(self.root, path):
            self._last_change = time.monotonic()
            self._changed.set()

    def stop(self) -> None:
        self._stop.set()
        self._changed.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._changed.wait()
            if self._stop.is_set():
                return
            while time.monotonic() - self._last_change < DEBOUNCE_S:  # wait for the burst to end
                time.sleep(DEBOUNCE_S / 3)
            self._changed.clear()
            self.rebuild()

    def rebuild(self) -> bool:
        try:
            seconds = self._build()
        except EditionError as exc:
            for error in getattr(exc, "errors", (exc,)):
                self.err(f"error: {error}")
            self.err("still serving the last good build")
            return False
        except OSError as exc:
            self.err(f"error: {exc.filename or self.root}: {exc.strerror or exc}")
            self.err("still serving the last good build")
            return False
        self.state.bump()
        self.log(f"rebuilt in {seconds:.2f} s; open pages reload")
        return True


def keep_templates_compiled() -> None:
    """Keep the theme's compiled templates between rebuilds of this process.

    MkDocs makes a new Jinja environment for every build, and compiling Material's and
    the edition's templates again was about a tenth of a rebuild. The compiled code is
    kept in memory with its template's checksum: Jinja compiles a template again when
    its source changed (an edit under ``overrides/``), so a preview never shows a stale
    template."""
    import jinja2
    import mkdocs.theme

    if getattr(mkdocs.theme.Theme.get_env, "keeps_templates", False):
        return
    compiled: dict[str, tuple[str, object]] = {}

    class MemoryCache(jinja2.BytecodeCache):
        def load_bytecode(self, bucket) -> None:
            found = compiled.get(bucket.key)
            if found is not None and found[0] == bucket.checksum:
                bucket.code = found[1]

        def dump_bytecode(self, bucket) -> None:
            compiled[bucket.key] = (bucket.checksum, bucket.code)

    cache, get_env = MemoryCache(), mkdocs.theme.Theme.get_env

    def get_env_with_cache(theme):
        env = get_env(theme)
        env.bytecode_cache = cache
        return env

    get_env_with_cache.keeps_templates = True  # type: ignore[attr-defined]
    mkdocs.theme.Theme.get_env = get_env_with_cache  # type: ignore[method-assign]


def keep_segmentation() -> None:
    """Remember, in this process, how Material's search plugin cut each run of Chinese text
    (jieba, a pure function of the text): a rebuild cuts again only text that changed.
    The edition's own paragraph entries are remembered by :func:`edition.search.segment`."""
    from material.plugins.search import plugin

    cut = plugin.SearchIndex._segment_chinese
    if getattr(cut, "remembers", False):
        return
    cuts: dict[str, str] = {}

    def remembered(index, data):
        if data not in cuts:
            cuts[data] = cut(index, data)
        return cuts[data]

    remembered.remembers = True  # type: ignore[attr-defined]
    plugin.SearchIndex._segment_chinese = remembered  # type: ignore[method-assign]


def keep_rendered_pages() -> None:
    """Keep, in this process, each page's Markdown converted to HTML: a rebuild converts
    again only the pages whose Markdown (or whose surroundings) changed.

    Converting the Markdown of every page in every language was a third of a rebuild, while
    an edit usually changes a few pages (an emendation, a note) or none at all (an interface
    string, a template). A page's HTML is a pure function of its Markdown, its place in the
    site (source and output paths), the Markdown extensions and their settings, the URL
    style and the site's file list (relative links are resolved against it), so all of these
    make up the key; a render that logged anything (a broken link: a warning that fails a
    strict build) is never kept, so it is converted, and reported, again. The least recently
    used pages are let go beyond :data:`KEPT_PAGES` (every page of a few builds)."""
    import copy
    import logging
    from collections import OrderedDict

    from mkdocs.structure import pages

    render = pages.Page.render
    if getattr(render, "remembers", False):
        return
    rendered: OrderedDict[tuple, tuple] = OrderedDict()
    listing: list = [None, ()]  # the last Files seen and its signature (one per language build)

    class Recorder(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.INFO)
            self.records = 0

        def emit(self, record: logging.LogRecord) -> None:
            self.records += 1

    def signature(files) -> tuple:
        if listing[0] is not files:
            listing[0] = files
            listing[1] = tuple((f.src_uri, f.dest_uri, f.url) for f in files)
        return listing[1]

    def remembered(self, config, files) -> None:
        key = (self.file.src_uri, self.file.dest_uri, self.file.url, self.markdown,
               repr(config["markdown_extensions"]), repr(config["mdx_configs"]),
               config["use_directory_urls"], repr(config["validation"]), signature(files),
               pages.log.getEffectiveLevel() > logging.DEBUG)  # whether render() keeps links_to_anchors
        found = rendered.get(key)
        if found is not None:
            rendered.move_to_end(key)
            content, toc, title, anchors, links = found
            self.content, self.toc, self._title_from_render = content, copy.deepcopy(toc), title
            self.present_anchor_ids = set(anchors)
            if links is not None:
                self.links_to_anchors = {files.get_file_from_path(src): dict(targets)
                                         for src, targets in links.items()}
            return
        recorder = Recorder()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(recorder)
        try:
            render(self, config, files)
        finally:
            logger.removeHandler(recorder)
        if recorder.records:
            return
        links = getattr(self, "links_to_anchors", None)
        rendered[key] = (self.content, copy.deepcopy(self.toc), self._title_from_render,
                         frozenset(self.present_anchor_ids or ()),
                         None if links is None else {f.src_uri: dict(t) for f, t in links.items()})
        while len(rendered) > KEPT_PAGES:
            rendered.popitem(last=False)

    remembered.remembers = True  # type: ignore[attr-defined]
    pages.Page.render = remembered  # type: ignore[method-assign]


def _say(line: str) -> None:
    print(line, flush=True)


def serve(root: Path, port: int = 8000, host: str = "127.0.0.1", *, log: Callable[[str], None] = _say,
          err: Callable[[str], None] | None = None) -> None:
    """Build, serve ``site/`` on ``host:port`` (0: a free port) and rebuild on every change until interrupted."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    from .build import build

    root = root.resolve()
    err = err or (lambda line: print(line, file=sys.stderr, flush=True))
    state = PreviewState()

    keep_templates_compiled()
    keep_segmentation()
    keep_rendered_pages()

    def do_build() -> float:
        return build(root, log=lambda line: None)["total"]

    rebuilder = Rebuilder(root, state, do_build, log, err)
    if not rebuilder.rebuild() and not (root / "site").is_dir():
        err("no site to serve yet: fix the error above and save again")
    (root / "site").mkdir(exist_ok=True)

    class Events(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            rebuilder.changed(event.src_path)
            if getattr(event, "dest_path", ""):
                rebuilder.changed(event.dest_path)

    observer = Observer()
    for name in WATCHED_FOLDERS:
        if (root / name).is_dir():
            observer.schedule(Events(), str(root / name), recursive=True)
    observer.schedule(Events(), str(root), recursive=False)  # mkdocs.yml (replaced or written)
    observer.start()
    rebuilder.thread.start()

    handler = partial(PreviewHandler, directory=str(root / "site"), state=state)
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    log(f"Serving {root / 'site'} on http://{host}:{server.server_address[1]}/ "
        f"(rebuilds on changes to {', '.join(WATCHED_FOLDERS + WATCHED_FILES)}; Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        rebuilder.stop()
        observer.stop()
        observer.join(timeout=5)


__all__ = ["serve", "PreviewHandler", "Rebuilder", "RELOAD_SCRIPT", "PREFIX", "keep_templates_compiled",
           "keep_segmentation", "keep_rendered_pages"]
