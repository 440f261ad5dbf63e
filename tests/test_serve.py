"""The live preview is ``mkdocs serve`` (``make serve``): it rebuilds on a saved edit of a data
file, the open page reloads at the paragraph being read, and after a bad edit the last good
site stays served, with the edition's ``file:line: message`` and no traceback. (MkDocs' live
reload then reloads the open page too, with the same site, at the same paragraph.)

Runs ``mkdocs serve`` in its own process on a free port, with a temporary copy of the project.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT

pytestmark = pytest.mark.browser

MARK = "LIVE-PREVIEW-EDIT-7"
PAGE = "resolution/index.html"
PARAGRAPH = "op7"
OFFSET = 240  # px from the top of the viewport where the reader holds the paragraph


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``mkdocs serve`` in a subprocess; its output collected line by line."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=lambda s=stream, l=lines: [l.append(x.rstrip("\n")) for x in s],
                             daemon=True).start()

    def wait_for(self, lines: list[str], pattern: str, timeout: float = 180) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(lines):
                if m := re.search(pattern, line):
                    return m
            if self.proc.poll() is not None:
                pytest.fail(f"mkdocs serve exited with {self.proc.returncode}: {self.out} {self.err}")
            time.sleep(0.05)
        pytest.fail(f"no line matching {pattern!r} in {timeout} s: {self.out} {self.err}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def set_site_name(project: Path, lang: str, new: str) -> None:
    """Rewrite the ``site_name`` interface string of ``lang`` (shown in every page's header)."""
    path = project / "sources" / "data" / "ui" / "core.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^  site_name:\n((?:    .*\n)+)", text, re.M)
    assert block, "site_name not found in core.yaml"
    line = re.search(rf"^    {re.escape(lang)}: .*$", block.group(1), re.M)
    assert line, f"site_name has no {lang} line"
    start = block.start(1) + line.start()
    path.write_text(text[:start] + f"    {lang}: {new}" + text[block.start(1) + line.end():], encoding="utf-8")


def paragraph_top(page) -> float:
    return page.evaluate(f"document.getElementById({PARAGRAPH!r}).getBoundingClientRect().top")


def test_edit_rebuilds_reloads_at_the_same_paragraph_and_bad_edit_keeps_site(project, browser):
    lang = LANGUAGES.default
    server = Server(project)
    try:
        base = server.wait_for(server.err, r"Serving on (http://127\.0\.0\.1:\d+/)").group(1)
        url = base + PAGE
        # the preview builds into a folder of its own: nothing is written into the project
        assert not (project / "site").exists() and not (project / "docs").exists()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url)
        page.evaluate(f"""() => {{
            const el = document.getElementById({PARAGRAPH!r});
            window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - {OFFSET});
            window.__beforeReload = true;
            // the browser's own scroll restoration only holds while nothing above the paragraph changes;
            // switched off, the paragraph is back in place through the edition's script alone
            history.scrollRestoration = "manual";
        }}""")
        page.wait_for_timeout(600)  # MkDocs' live reload script is polling
        assert abs(paragraph_top(page) - OFFSET) <= 2
        assert MARK not in page.inner_text(".md-header")

        set_site_name(project, lang, MARK)
        page.wait_for_function(
            f"!window.__beforeReload && document.readyState === 'complete'"
            f" && document.querySelector('.md-header').textContent.includes({MARK!r})", timeout=120_000)
        page.wait_for_timeout(300)  # the restore runs on load
        assert abs(paragraph_top(page) - OFFSET) <= 3, "the reloaded page is not at the paragraph being read"

        # a bad edit: reported as file:line: message, and the last good site stays served
        core = project / "sources" / "data" / "ui" / "core.yaml"
        core.write_text(core.read_text(encoding="utf-8") + "  broken: [unclosed\n", encoding="utf-8")
        m = server.wait_for(server.err, r"ERROR\s+-\s+(\S*core\.yaml):(\d+)(:\d+)?: \S")
        assert Path(m.group(1)).name == "core.yaml" and int(m.group(2)) > 1
        server.wait_for(server.err, r"the last good build is still served")
        assert not any("Traceback" in line for line in server.err + server.out)
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200 and MARK in response.read().decode("utf-8")
        page.wait_for_timeout(1500)  # a reload, if any, is done
        assert MARK in page.inner_text(".md-header")
        assert abs(paragraph_top(page) - OFFSET) <= 3, "the page is not at the paragraph being read"

        # fixed: rebuilt, and the open page reloads with the fix
        fixed = MARK + "-FIXED"
        set_site_name(project, lang, fixed)
        core.write_text(core.read_text(encoding="utf-8").replace("  broken: [unclosed\n", ""), encoding="utf-8")
        page.wait_for_function(f"!!document.querySelector('.md-header')?.textContent.includes({fixed!r})",
                               timeout=120_000)
        assert not any("Traceback" in line for line in server.err + server.out)
        context.close()
    finally:
        server.stop()
