"""``edition bench``: speed and size figures, each printed with its budget.

A benchmark, not a test: it measures on this machine and says, figure by
figure, whether the budget in ``bench/budgets.yaml`` holds. Speed is measured
here rather than in timed tests, which would fail at random on a busy machine.

Everything is built into a temporary folder, so a bench never disturbs
``site/`` or a test run in the same checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .languages import Languages, load_languages
from .project import DATA, INPUTS, SOURCES, Project

BUDGETS = Path("bench") / "budgets.yaml"

#: Pages whose #paragraph paint time is measured (page, fragment): the parallel page in the default
#: language and the text page in the last interface language (see :func:`paint_targets`).
PAINT_PAGES = [("resolution/parallel.html", "op12"), ("resolution/index.html", "op12")]

#: The theme's scripts, removed from the stripped copy of a page: Material's bundle and the edition's script.
THEME_SCRIPTS = re.compile(r'<script src="[^"]*assets/javascripts/(?:bundle\.[0-9a-f]+\.min|edition)\.js"></script>')

#: The data file the live-preview figure edits, and the interface string it changes (in every page's header).
PREVIEW_FILE = Path(SOURCES) / DATA / "ui" / "core.yaml"
PREVIEW_KEY = "site_name"

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"]


@dataclass
class Figure:
    name: str
    value: float | str
    unit: str
    budget: float | str | None
    holds: bool | None
    note: str = ""

    def line(self) -> str:
        value = f"{self.value:.3f}" if isinstance(self.value, float) else str(self.value)
        budget = "-" if self.budget is None else (f"{self.budget:g}" if isinstance(self.budget, float | int)
                                                 else str(self.budget))
        verdict = {True: "holds", False: "OVER BUDGET", None: "(no budget)"}[self.holds]
        return f"{self.name:<42} {value:>12} {self.unit:<4} budget {budget:>8}  {verdict}" + (
            f"  [{self.note}]" if self.note else "")


def load_budgets(root: Path) -> dict[str, object]:
    data = yaml.safe_load((root / BUDGETS).read_text(encoding="utf-8"))
    return data["budgets"]


def _under(value: float, budget: object) -> tuple[float | None, bool | None]:
    if budget is None:
        return None, None
    return float(budget), value <= float(budget)  # type: ignore[arg-type]


def _timed_process(args: list[str], cwd: Path) -> float:
    """Wall time of a command in a new process (what a reader of ``make site`` waits)."""
    t0 = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _lang_root(site: Path, lang: str, languages: Languages) -> Path:
    return site if lang == languages.default else site / lang


def _pages(site: Path, lang: str, languages: Languages) -> list[Path]:
    root = _lang_root(site, lang, languages)
    others = [x for x in languages.interface if x != languages.default]
    out = []
    for p in root.rglob("*.html"):
        rel = p.relative_to(root)
        if rel.parts[0] in ("assets", *others) or rel.name == "404.html":
            continue
        out.append(p)
    return out


def search_index_sizes(site: Path, languages: Languages) -> dict[str, tuple[int, str]]:
    """Bytes of each language's search index.

    With its own index file a language is measured directly; when the languages
    share one index (``search/search_index.json`` at the root), each language's
    entries are serialised on their own and measured, so the figure still says
    what one language costs.
    """
    import json

    from .search import page_language

    out: dict[str, tuple[int, str]] = {}
    shared: dict | None = None
    for lang in languages.interface:
        own = _lang_root(site, lang, languages) / "search" / "search_index.json"
        if lang != languages.default and own.exists():
            out[lang] = (own.stat().st_size, "own index")
            continue
        if shared is None:
            root_index = site / "search" / "search_index.json"
            shared = json.loads(root_index.read_text(encoding="utf-8")) if root_index.exists() else {"docs": []}
        docs = [d for d in shared["docs"] if page_language(d["location"], languages) == lang]
        size = len(json.dumps({"config": shared.get("config"), "docs": docs}, ensure_ascii=False).encode("utf-8"))
        out[lang] = (size, f"{len(docs)} entries of the shared index")
    return out


PAINT_SCRIPT = """
(() => {
  // Record the first animation frame in which the :target element is laid out
  // below the sticky header and inside the viewport; the next frame means it was painted.
  const id = decodeURIComponent(location.hash.slice(1));
  function check() {
    const el = id && document.getElementById(id);
    if (el) {
      const r = el.getBoundingClientRect();
      const header = document.querySelector('.md-header');
      const top = header ? header.getBoundingClientRect().bottom : 0;
      if (r.height > 0 && r.top >= top - 1 && r.top < innerHeight) {
        requestAnimationFrame(() => { window.__targetPainted = performance.now(); });
        return;
      }
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})();
"""


def paint_targets(languages: Languages) -> list[tuple[str, str, str]]:
    """(language, page, fragment) for each page in :data:`PAINT_PAGES`."""
    langs = [languages.default, languages.interface[-1]]
    return [(lang, page, anchor) for lang, (page, anchor) in zip(langs, PAINT_PAGES)]


def stripped_copy(page: Path) -> Path:
    """A copy of ``page`` beside it (same relative links) without the theme's scripts."""
    html = page.read_text(encoding="utf-8")
    stripped, n = THEME_SCRIPTS.subn("", html)
    if n != 2:
        raise RuntimeError(f"{page}: expected Material's bundle and the edition script, found {n} of them")
    copy = page.with_name(page.stem + ".stripped.html")
    copy.write_text(stripped, encoding="utf-8")
    return copy


def _launch(p):
    chromium = shutil.which("chromium")
    if not chromium:
        raise RuntimeError("Debian's chromium is not installed (make system-deps)")
    return p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)


def _paint_once(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(PAINT_SCRIPT)
        page.goto(url)
        page.wait_for_function("window.__targetPainted !== undefined", timeout=10_000)
        return page.evaluate("window.__targetPainted")
    finally:
        context.close()


def paint_times(site: Path, languages: Languages, runs: int = 10) -> dict[str, tuple[list[float], list[float]]]:
    """Milliseconds from navigation start to the targeted paragraph painted, per target, ``runs`` times:
    on the page as built and on its copy without the theme's scripts, measured in turns (full, stripped,
    full, ...) so that a busy machine weighs on both alike."""
    from playwright.sync_api import sync_playwright

    out: dict[str, tuple[list[float], list[float]]] = {}
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            for lang, page_path, anchor in paint_targets(languages):
                page = _lang_root(site, lang, languages) / page_path
                urls = [page.as_uri() + "#" + anchor, stripped_copy(page).as_uri() + "#" + anchor]
                full, stripped = [], []
                for i in range(runs + 1):  # the first run warms the disk cache and is dropped
                    times = [_paint_once(browser, url) for url in urls]
                    if i:
                        full.append(times[0])
                        stripped.append(times[1])
                out[f"{lang}/{page_path}#{anchor}"] = (full, stripped)
        finally:
            browser.close()
    return out


def _set_string(path: Path, key: str, lang: str, value: str) -> None:
    """Rewrite one interface string (``key``, ``lang``) of a ui/*.yaml file in place, as an editor would."""
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"^  {re.escape(key)}:\n((?:    .*\n)+)", text, re.M)
    line = block and re.search(rf"^    {re.escape(lang)}: .*$", block.group(1), re.M)
    if not line:
        raise RuntimeError(f"{path}: no {key}.{lang} to edit")
    start, end = block.start(1) + line.start(), block.start(1) + line.end()
    path.write_text(text[:start] + f"    {lang}: {value}" + text[end:], encoding="utf-8")


def preview_reload_times(root: Path, languages: Languages, runs: int = 3) -> list[float]:
    """Seconds from saving a data file to the open page reloaded with the edit, under ``mkdocs serve``
    on a copy of the project, ``runs`` times."""
    from playwright.sync_api import sync_playwright

    lang = languages.default
    with tempfile.TemporaryDirectory(prefix="edition-bench-serve-") as tmp:
        project = Path(tmp)
        for name in INPUTS:
            (shutil.copytree if (root / name).is_dir() else shutil.copy)(root / name, project / name)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"),
                                 "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
        try:
            base = None
            for line in proc.stderr:  # type: ignore[union-attr]
                if m := re.search(r"Serving on (http://127\.0\.0\.1:\d+/)", line):
                    base = m.group(1)
                    break
            if base is None:
                raise RuntimeError(f"mkdocs serve did not start (exit status {proc.wait()})")
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()  # type: ignore
            out = []
            with sync_playwright() as p:
                browser = _launch(p)
                try:
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    page.goto(base + PAINT_PAGES[-1][0] + "#" + PAINT_PAGES[-1][1])
                    for i in range(runs):
                        mark = f"bench-edit-{i}"
                        page.wait_for_timeout(500)  # the page has polled its version
                        t0 = time.perf_counter()
                        _set_string(project / PREVIEW_FILE, PREVIEW_KEY, lang, mark)
                        page.wait_for_function(
                            f"!!document.querySelector('.md-header')?.textContent.includes({mark!r})",
                            timeout=120_000, polling=20)
                        out.append(time.perf_counter() - t0)
                finally:
                    browser.close()
            return out
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def run(root: Path, log=print, preview_only: bool = False) -> list[Figure]:
    """Measure everything (or the live preview alone) and print one line per figure; return the figures."""
    budgets = load_budgets(root)
    figures: list[Figure] = []

    def add(name: str, value: float | str, unit: str, key: str | None, note: str = "") -> None:
        budget, holds = _under(value, budgets.get(key)) if key and isinstance(value, float) else (None, None)
        f = Figure(name, value, unit, budget, holds, note)
        figures.append(f)
        log(f.line())

    languages = load_languages(Project(root).datafile("languages.yaml"))
    log(f"edition bench on {os.cpu_count()} cores, Python {sys.version.split()[0]} (budgets: {BUDGETS})")
    if preview_only:
        return _preview(root, languages, figures, add, log)
    from .build import load_edition

    load_edition(root)  # warm: imports, jieba's dictionary, file cache
    convert = []
    for _ in range(5):
        t0 = time.perf_counter()
        load_edition(root)
        convert.append(time.perf_counter() - t0)
    add("convert all sources (median of 5)", statistics.median(convert), "s", "convert_s")

    bin_dir = Path(sys.executable).parent
    edition_cmd = [str(bin_dir / "edition")] if (bin_dir / "edition").exists() else [sys.executable, "-m", "edition"]
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        out = Path(tmp)
        build = [*edition_cmd, "--root", str(root), "build", "--out", str(out / "b")]
        _timed_process(build, root)  # warm environment: one build first, not counted
        site_times = [_timed_process(build, root) for _ in range(3)]
        site_s = statistics.median(site_times)
        add("full site build, new process (median of 3)", site_s, "s", "site_build_s",
            note=f"{os.cpu_count()} cores")

        # Baseline: MkDocs with the same config on the same generated Markdown, without the
        # edition's own work (parsing, emendations, writing, anchor lock) in a new process too.
        # The configuration as the build runs it (mkdocs.yml plus the generated languages and navigation),
        # written out once, so that the baseline process runs MkDocs alone.
        from .assembly import assemble
        from .mkdocs_config import write_full

        full = write_full(assemble(load_edition(root)), root / "mkdocs.yml", out / "mkdocs.full.yml",
                          out / "b" / "docs", out / "plain")
        baseline = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--config-file", str(full)]
        _timed_process(baseline, root)
        base_s = statistics.median(_timed_process(baseline, root) for _ in range(3))
        add("  plain MkDocs on the same Markdown", base_s, "s", None)
        add("  ratio full build / plain MkDocs", site_s / base_s, "x", "baseline_ratio")

        site = out / "b" / "site"
        counts = {lang: len(_pages(site, lang, languages)) for lang in languages.interface}
        equal = len(set(counts.values())) == 1
        f = Figure("pages per language", " ".join(f"{k}:{v}" for k, v in counts.items()), "",
                   "equal" if budgets.get("pages_equal_across_languages") else None,
                   equal if budgets.get("pages_equal_across_languages") else None)
        figures.append(f)
        log(f.line())
        add("site size", _dir_size(site) / 1e6, "MB", "site_mb")
        archive = out / "site.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for p in sorted(site.rglob("*")):
                if p.is_file():
                    z.write(p, p.relative_to(site).as_posix())
        add("archive size (deflated zip of the site)", archive.stat().st_size / 1e6, "MB", "archive_mb")
        largest = max((p for lang in languages.interface for p in _pages(site, lang, languages)), key=lambda p: p.stat().st_size)
        add("largest page", largest.stat().st_size / 1e3, "kB", "largest_page_kb",
            note=largest.relative_to(site).as_posix())
        for lang, (size, how) in search_index_sizes(site, languages).items():
            add(f"search index ({lang})", size / 1e3, "kB", "search_index_kb", note=how)

        # the books (issue 14): made once from the built site, as `edition dist` makes them
        from .books.make import make_books
        from .dist import source_date_epoch

        books = out / "books"
        took = make_books(assemble(load_edition(root)), site, books, source_date_epoch(root), root / "mkdocs.yml",
                          log=lambda s: None)
        epubs = sorted(books.glob("*.epub"))
        pdfs = sorted(books.glob("*.pdf"))
        add(f"books: {len(epubs)} EPUBs made", took["epub"], "s", "books_epub_s")
        add(f"books: {len(pdfs)} PDFs printed and normalised", took["pdf"], "s", "books_pdf_s",
            note="chromium, one process")
        biggest = max(epubs, key=lambda p: p.stat().st_size)
        add("largest EPUB", biggest.stat().st_size / 1e3, "kB", "epub_kb", note=biggest.name)
        biggest = max(pdfs, key=lambda p: p.stat().st_size)
        add("largest PDF", biggest.stat().st_size / 1e6, "MB", "pdf_mb", note=biggest.name)
        add("all books", sum(p.stat().st_size for p in epubs + pdfs) / 1e6, "MB", "books_mb")

        for target, (times, bare) in paint_times(site, languages).items():
            add(f"#paragraph painted, {target}", statistics.median(times), "ms", "paragraph_paint_ms",
                note=f"median of {len(times)}, file://, min {min(times):.0f} max {max(times):.0f}")
            add("  same page without the theme's scripts", statistics.median(bare), "ms", None,
                note=f"median of {len(bare)}, min {min(bare):.0f} max {max(bare):.0f}")
            ratios = [t / b for t, b in zip(times, bare)]
            add("  ratio painted / without scripts", statistics.median(ratios), "x", "paint_ratio",
                note=f"median of {len(ratios)} runs in turns, min {min(ratios):.2f} max {max(ratios):.2f}")

    return _preview(root, languages, figures, add, log, suite=True)


def suite_time(root: Path) -> tuple[float, str]:
    """Seconds of the whole test suite as `make test` runs it (two workers), and its closing line."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider"]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    took = time.perf_counter() - t0
    last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    if done.returncode != 0:
        raise RuntimeError(f"the test suite failed ({done.returncode}): {last}")
    return took, last


def _preview(root: Path, languages: Languages, figures: list[Figure], add, log, suite: bool = False) -> list[Figure]:
    reloads = preview_reload_times(root, languages)
    add("live preview: data file saved to page reloaded", statistics.median(reloads), "s", "preview_reload_s",
        note=f"median of {len(reloads)}, mkdocs serve, min {min(reloads):.1f} max {max(reloads):.1f}")
    if suite:
        took, last = suite_time(root)
        add("make test (pytest, 2 workers)", took, "s", "test_suite_s", note=f"{os.cpu_count()} cores; {last}")
    over = [f.name.strip() for f in figures if f.holds is False]
    log("all budgets hold" if not over else f"over budget: {', '.join(over)}")
    return figures


__all__ = ["run", "paint_times", "preview_reload_times", "stripped_copy", "load_budgets", "Figure"]
