"""Shared fixtures: the real site built once per session into a temporary folder,
and Debian's chromium driven by Playwright (no browser download).

The site is built into a temporary folder, not into ``site/``, so that a test
run never disturbs a developer's build or another run.
"""

from __future__ import annotations

import http.server
import shutil
import sys
import threading
from functools import partial
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from edition.assembly import assemble  # noqa: E402
from edition.build import build, load_edition  # noqa: E402
from edition.languages import load_languages  # noqa: E402

#: The interface languages, as declared in sources/data/languages.yaml (tests parametrize over them).
LANGUAGES = load_languages(ROOT / "sources" / "data" / "languages.yaml")
INTERFACE = LANGUAGES.interface

#: What a build reads besides the code: a copy of these is a whole project to edit and build.
PROJECT_INPUTS = ("sources", "overrides", "mkdocs.yml")


def copy_project(target: Path) -> Path:
    """Copy the project's inputs into ``target`` (tests edit the copy, never the tracked files)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


@pytest.fixture()
def project(tmp_path):
    """A copy of the project's inputs in a temporary folder, to edit and build."""
    return copy_project(tmp_path)


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def edition():
    return load_edition(ROOT)


@pytest.fixture(scope="session")
def site_spec(edition):
    """The assembled site: page specifications, page map, shared editorial data."""
    return assemble(edition)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Build the real site once (strict) and return ``(docs_dir, site_dir)``.

    From a copy of the project's inputs: a build holds its project's lock, and the test workers
    (pytest-xdist) build at the same time; the checkout's own lock is left to `edition dist`."""
    out = tmp_path_factory.mktemp("build")
    docs, site = out / "docs", out / "site"
    build(copy_project(out / "project"), docs_dir=docs, site_dir=site, log=lambda s: None)
    return docs, site


#: A sample public address (with a path, as a site published in a folder of a host has).
SAMPLE_SITE_URL = "https://edition.example.org/ai/"


@pytest.fixture(scope="session")
def built_with_address(tmp_path_factory):
    """The real site built once with a public address (EDITION_SITE_URL): ``site_dir``."""
    from edition.address import VARIABLE

    out = tmp_path_factory.mktemp("build-address")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(VARIABLE, SAMPLE_SITE_URL)
        build(copy_project(out / "project"), docs_dir=out / "docs", site_dir=out / "site", log=lambda s: None)
    return out / "site"


@pytest.fixture(scope="session")
def dist_archives(tmp_path_factory):
    """Two offline archives of the same commit, built independently (each with its books: the EPUBs
    and the PDFs printed by chromium), for the archive tests and the book tests alike."""
    import os
    import subprocess

    def make_dist(out: Path) -> Path:
        out.mkdir(exist_ok=True)
        # `edition dist` in a process of its own, as a user runs it: it prints the books with
        # Playwright's sync API, which cannot start inside a test session whose browser fixture
        # already runs one (and the process is where SOURCE_DATE_EPOCH belongs).
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        result = subprocess.run([sys.executable, "-m", "edition", "--root", str(ROOT), "dist", "--out", str(out)],
                                capture_output=True, text=True, timeout=1200, env=env)
        assert result.returncode == 0, result.stderr[-3000:]
        archives = sorted(out.glob("*.zip"))
        assert len(archives) == 1, archives
        return archives[0]

    # Under pytest-xdist (`make test` runs two workers) the first worker to get here makes the two
    # archives and the other waits for them: one `edition dist` at a time holds the checkout's build
    # lock, and the books are printed once. The folder is the run's (the workers' basetemp parent).
    import fcntl
    import json

    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "dist-archives"
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = shared / "archives.json"
        if not made.exists():
            archives = [make_dist(shared / name) for name in ("dist-a", "dist-b")]
            made.write_text(json.dumps([str(a) for a in archives]), encoding="utf-8")
        a, b = (Path(x) for x in json.loads(made.read_text(encoding="utf-8")))
    return a, b


@pytest.fixture(scope="session")
def site_dir(built):
    return built[1]


@pytest.fixture(scope="session")
def docs_dir(built):
    return built[0]


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if not path:
        pytest.fail("Debian's chromium is not installed: run `make system-deps` (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def served(site_dir):
    """The built site over HTTP on loopback (for features browsers limit on file://)."""
    handler = partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
