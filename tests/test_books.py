"""The EPUB of each interface language (issue 14): EPUBCheck clean, the edition's anchors as ids,
``lang`` where the language changes, metadata and a reproducible zip.

The EPUBs are made from the assembled edition (no browser): a few seconds each, built once per
module, twice for the reproducibility check. EPUBCheck is Debian's ``epubcheck`` (a jar: run with
``java -jar``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import INTERFACE, LANGUAGES, ROOT
from edition.anchors import read_lock
from edition.books import book_pages
from edition.books.epub import build_epub, xhtml_name

EPOCH = 1719792000
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def epubs(site_spec, tmp_path_factory):
    out = tmp_path_factory.mktemp("epub")
    return {lang: build_epub(site_spec, lang, out, EPOCH, ROOT / "mkdocs.yml") for lang in INTERFACE}


def _unpacked(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.fixture(scope="module")
def epubcheck():
    jar = shutil.which("epubcheck")
    if not jar or not shutil.which("java"):
        pytest.fail("epubcheck or java is missing: run `make system-deps`")
    return ["java", "-jar", str(Path(jar).resolve())]


@pytest.mark.parametrize("lang", INTERFACE)
def test_epubcheck_no_error_no_warning(epubs, epubcheck, lang):
    run = subprocess.run(epubcheck + [str(epubs[lang])], capture_output=True, text=True, timeout=300)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in out, out
    assert not re.search(r"^(ERROR|WARNING|FATAL)", out, re.M), out


def test_two_builds_are_byte_identical(epubs, site_spec, tmp_path):
    for lang in INTERFACE:
        again = build_epub(site_spec, lang, tmp_path, EPOCH, ROOT / "mkdocs.yml")
        assert again.read_bytes() == epubs[lang].read_bytes(), lang


@pytest.mark.parametrize("lang", INTERFACE)
def test_zip_layout_mimetype_first_sorted_fixed_time_no_fonts(epubs, lang):
    with zipfile.ZipFile(epubs[lang]) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    names = [i.filename for i in infos[1:]]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {time.gmtime(EPOCH)[:6]}
    assert not [n for n in names if n.lower().endswith((".ttf", ".otf", ".woff", ".woff2", ".ttc"))]


@pytest.mark.parametrize("lang", INTERFACE)
def test_every_locked_anchor_of_the_book_pages_is_an_id(epubs, site_spec, lang):
    files = _unpacked(epubs[lang])
    pages = set(book_pages(site_spec))
    ids: dict[str, set[str]] = {}
    for page in pages:
        tree = etree.fromstring(files[f"EPUB/{xhtml_name(page)}"])
        ids[page] = {el.get("id") for el in tree.iter() if el.get("id")}
    locked = [(p, a) for p, a in read_lock(ROOT / "sources" / "anchors.lock") if p in pages]
    assert locked, "the lock names pages of the book"
    missing = [f"{p}#{a}" for p, a in locked if a not in ids[p]]
    assert not missing, missing[:20]
    assert "op5" in ids[next(s.path for s in site_spec.specs if s.key == site_spec.concordance_work)]


@pytest.mark.parametrize("lang", INTERFACE)
def test_lang_on_the_root_and_wherever_the_language_changes(epubs, site_spec, edition, lang):
    files = _unpacked(epubs[lang])
    tags = {LANGUAGES.tag(code) for code in LANGUAGES.codes}
    for name, data in files.items():
        if not name.endswith(".xhtml"):
            continue
        root = etree.fromstring(data)
        assert root.get("lang") == root.get(XML_LANG) == LANGUAGES.tag(lang), name
        for el in root.iter():
            if isinstance(el.tag, str) and el.get("lang") is not None:
                assert el.get("lang") in tags, (name, el.get("lang"))
    # every paragraph of a witness stands in its witness's language
    for work in edition.works:
        witnesses = edition.witnesses(work.id)
        pages = [s.path for s in site_spec.specs if work.id in (s.work, s.key) and not s.key.endswith("-parallel")]
        shown = witnesses.get(lang) or witnesses[LANGUAGES.ordered(witnesses)[0]]
        for page in pages:
            root = etree.fromstring(files[f"EPUB/{xhtml_name(page)}"])
            paras = [el for el in root.iter(f"{XHTML}p") if "para" in (el.get("class") or "").split()]
            for p in paras:
                lang_of = next(a.get("lang") for a in p.iterancestors() if a.get("lang")) if p.get("lang") is None \
                    else p.get("lang")
                assert lang_of == LANGUAGES.tag(shown.lang), (page, p.get("id"), lang_of)
    # the parallel page: in each row of text, each column in its own language
    parallel = next(s.path for s in site_spec.specs if s.key.endswith("-parallel"))
    root = etree.fromstring(files[f"EPUB/{xhtml_name(parallel)}"])
    cells = [el for el in root.iter() if "par-cell" in (el.get("class") or "").split()
             and el.getparent().get("id")]
    assert len(cells) > len(LANGUAGES.codes) and all(c.get("lang") == LANGUAGES.tag(c.get("data-lang")) for c in cells)


@pytest.mark.parametrize("lang", INTERFACE)
def test_navigation_landmarks_cover_and_metadata(epubs, edition, lang):
    files = _unpacked(epubs[lang])
    opf = etree.fromstring(files["EPUB/package.opf"])
    ns = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
    ident = opf.findtext("opf:metadata/dc:identifier", namespaces=ns)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ident)
    others = {other: etree.fromstring(_unpacked(p)["EPUB/package.opf"]).findtext(
        "opf:metadata/dc:identifier", namespaces=ns) for other, p in epubs.items()}
    assert len(set(others.values())) == len(INTERFACE), "one identifier per book"
    assert opf.findtext("opf:metadata/dc:language", namespaces=ns) == LANGUAGES.tag(lang)
    assert opf.findtext("opf:metadata/opf:meta[@property='dcterms:modified']", namespaces=ns) == \
        time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(EPOCH))
    assert opf.findtext("opf:metadata/dc:title", namespaces=ns) == edition.ui.t("site_name", lang)
    assert opf.findtext("opf:metadata/dc:publisher", namespaces=ns)
    sources = [s.text for s in opf.findall("opf:metadata/dc:source", namespaces=ns)]
    assert len(sources) == len(edition.registry)
    assert all(e.provenance in s for e, s in zip(edition.registry, sources))
    assert opf.find("opf:manifest/opf:item[@properties='cover-image']", namespaces=ns) is not None
    nav = files["EPUB/nav.xhtml"].decode("utf-8")
    assert 'epub:type="toc"' in nav and 'epub:type="landmarks"' in nav and 'epub:type="cover"' in nav
    colophon = files["EPUB/colophon.xhtml"].decode("utf-8")
    assert all(e.sha256 in colophon for e in edition.registry)


def test_links_stay_inside_the_book_or_go_to_the_web(epubs):
    for lang, path in epubs.items():
        files = _unpacked(path)
        for name, data in files.items():
            if not name.endswith(".xhtml"):
                continue
            for el in etree.fromstring(data).iter(f"{XHTML}a"):
                href = el.get("href")
                if href is None or href.startswith(("http://", "https://", "#")):
                    continue
                target, _, frag = href.partition("#")
                assert f"EPUB/{target}" in files, (lang, name, href)
                if frag:
                    ids = {e.get("id") for e in etree.fromstring(files[f"EPUB/{target}"]).iter() if e.get("id")}
                    assert frag in ids, (lang, name, href)
