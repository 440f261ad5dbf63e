"""The site served by a real web server: Debian's nginx with the shipped configuration
(``deploy/nginx.conf`` as ``edition nginx`` fills it in), unprivileged on 127.0.0.1, over a
precompressed copy of the site built with the sample public address, at that address's path.

In Chromium over http://: a #paragraph link lands at the paragraph, the language switch keeps
it, search finds a paragraph, and no page logs a Content-Security-Policy violation or another
console error. Over plain HTTP: the security headers, the caches, the content types, gzip_static
sending the precompressed file, and a missing address answered 404 with the 404 page showing
the language of the address's tree."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import INTERFACE, LANGUAGES, SAMPLE_SITE_URL
from edition.deploy import nginx_conf, precompress

pytestmark = pytest.mark.browser

NGINX = Path("/usr/sbin/nginx")
SITE_PATH = urlsplit(SAMPLE_SITE_URL).path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(built_with_address):
    """nginx serving a precompressed copy of the site; yields the base URL, stops nginx after."""
    if not NGINX.is_file():
        pytest.skip("Debian's nginx is not installed (/usr/sbin/nginx): run `make system-deps`")
    # not under pytest's private temporary folder: nginx started by root serves as `nobody`,
    # which must be able to read the copy
    tmp = Path(tempfile.mkdtemp(prefix="edition-nginx-"))
    tmp.chmod(0o755)
    site = tmp / "site"
    shutil.copytree(built_with_address, site)
    precompress(site)
    (tmp / "logs").mkdir()
    (tmp / "temp").mkdir()
    port = _free_port()
    server = nginx_conf(site, site_url=SAMPLE_SITE_URL, listen=f"127.0.0.1:{port}")
    (tmp / "server.conf").write_text(server, encoding="utf-8")
    temps = " ".join(f"{kind}_temp_path {tmp / 'temp' / kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp / "nginx.conf").write_text(
        "worker_processes 1;\nevents { worker_connections 64; }\n"
        f"http {{\n  access_log {tmp / 'logs' / 'access.log'};\n  {temps}\n  include {tmp / 'server.conf'};\n}}\n",
        encoding="utf-8")
    error_log = tmp / "logs" / "error.log"
    directives = f"daemon off; pid {tmp / 'nginx.pid'}; error_log {error_log};"
    proc = subprocess.Popen([str(NGINX), "-e", str(error_log), "-p", str(tmp), "-c", str(tmp / "nginx.conf"),
                             "-g", directives], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{SITE_PATH}"
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace")
                pytest.fail(f"nginx stopped: {out}\n{error_log.read_text(errors='replace') if error_log.exists() else ''}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not listen within 10 s")
                time.sleep(0.05)
        yield base, site
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def path_in(lang: str, name: str) -> str:
    return name if lang == LANGUAGES.default else f"{lang}/{name}"


@pytest.fixture()
def watched(browser):
    """A browser page whose console errors, page errors and CSP violations are collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.add_init_script("""document.addEventListener('securitypolicyviolation', e =>
        console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))""")
    page.on("console", lambda m: problems.append(f"{page.url}: {m.type}: {m.text[:200]}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    yield page, problems
    context.close()


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect();
        const header = document.querySelector('.md-header');
        const top = header ? header.getBoundingClientRect().bottom : 0;
        return r.top >= top - 1 && r.top < window.innerHeight; }""")


def test_paragraph_link_language_switch_and_search_over_nginx_with_a_clean_console(nginx, watched):
    base, site = nginx
    page, problems = watched
    first, other = INTERFACE[0], INTERFACE[-1]
    page.goto(base + path_in(first, "resolution/index.html") + "#op5")
    page.wait_for_load_state("load")
    assert in_view(page, "#op5"), "the #paragraph link does not land at the paragraph"
    page.hover(".md-header__option .md-select")
    page.click(f"a.md-select__link[hreflang={other}]")
    page.wait_for_load_state("load")
    assert page.url == base + path_in(other, "resolution/index.html") + "#op5", page.url
    assert in_view(page, "#op5")
    assert page.evaluate("document.documentElement.lang") == other
    # search: a word of operative paragraph 5 in this language finds a paragraph entry
    words = [w for w in page.inner_text("#op5").split() if len(w) > 6 and w.isalpha()]
    query = words[0] if words else page.inner_text("#op5").strip()[:2]
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    assert any("#" in h for h in hrefs), hrefs[:5]
    # every other kind of page, in every language tree
    for lang in INTERFACE:
        for name in ("index.html", "resolution/parallel.html", "report/index.html", "concordance.html",
                     "apparatus.html", "about.html"):
            page.goto(base + path_in(lang, name))
            page.wait_for_load_state("load")
    page.wait_for_timeout(400)  # late requests (search index)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", INTERFACE)
def test_a_missing_page_is_a_404_in_the_language_of_its_tree(nginx, browser, lang):
    base, site = nginx
    missing = base + path_in(lang, "resolution/no-such-page.html")
    status, headers, body = fetch(missing)
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert body == (site / "404.html").read_bytes()
    context = browser.new_context()
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "404" not in m.text else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(missing)
        page.wait_for_load_state("load")
        shown = page.eval_on_selector_all(".edition-not-found", "els => els.filter(e => !e.hidden).map(e => e.lang)")
        assert shown == [LANGUAGES.tag(lang)]
        assert page.evaluate("document.documentElement.lang") == LANGUAGES.tag(lang)
        # the page is styled: its stylesheets loaded from the site's path
        assert page.evaluate("document.styleSheets.length") >= 2
    finally:
        context.close()
    assert not problems, problems


def test_headers_types_caches_and_precompressed_files(nginx):
    base, site = nginx
    status, headers, _ = fetch(base + "index.html")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers["cache-control"] == "no-cache"
    status, headers, _ = fetch(base + "search/search_index.json")
    assert status == 200 and headers["content-type"].split(";")[0] == "application/json"
    status, headers, _ = fetch(base + "sitemap.xml")
    assert status == 200 and headers["content-type"].split(";")[0] in ("text/xml", "application/xml")
    status, headers, _ = fetch(base + "robots.txt")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    hashed = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert hashed
    status, headers, _ = fetch(base + hashed[0].relative_to(site).as_posix())
    assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"]
    assert headers["content-type"].split(";")[0] == "application/javascript"
    # gzip_static: the precompressed file, byte for byte, to a client that accepts gzip
    page = "resolution/parallel.html"
    status, headers, body = fetch(base + page, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert body == (site / (page + ".gz")).read_bytes()
    status, headers, body = fetch(base + page)
    assert "content-encoding" not in headers and body == (site / page).read_bytes()
