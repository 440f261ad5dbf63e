"""Publishing on the web: the sitemap, robots.txt, canonical links and hreflang alternates with a
public address and without one (the offline archive), the metadata of every page (Open Graph,
Twitter card, schema.org JSON-LD) in its language, hostile text kept inert, the preview images,
the inline scripts moved into files (for the Content-Security-Policy) and precompression.

One build with the sample address (``built_with_address``) serves every check of it; the
offline build is the session's ``site_dir``. Languages and works come from the data."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import INTERFACE, LANGUAGES, SAMPLE_SITE_URL
from edition.publish import PageRef, head_block, json_for_script, metadata, og_locale, pages
from edition.preview import IMAGE_SIZE, draw_preview, find_font, image_path

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = SAMPLE_SITE_URL
TAGS = {LANGUAGES.tag(code) for code in INTERFACE}


class Head(HTMLParser):
    """The elements of a page's head: links, metas, scripts (with their text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict] = []
        self.metas: list[dict] = []
        self.scripts: list[tuple[dict, str]] = []
        self.elements: list[str] = []
        self._script: dict | None = None
        self._text: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append(tag)
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "link":
            self.links.append(a)
        elif tag == "meta":
            self.metas.append(a)
        elif tag == "script":
            self._script, self._text = a, []

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def prop(self, name: str) -> list[str]:
        return [m["content"] for m in self.metas if m.get("property") == name or m.get("name") == name]

    def jsonld(self) -> list:
        return [json.loads(text) for attrs, text in self.scripts if attrs.get("type") == "application/ld+json"]


def head_of(path: Path) -> Head:
    parser = Head()
    text = path.read_text(encoding="utf-8")
    parser.feed(text.split("</head>", 1)[0] + "</head>")
    return parser


# ------------------------------------------------------------------ with a public address


@pytest.fixture(scope="module")
def sitemap(built_with_address):
    return ET.parse(built_with_address / "sitemap.xml").getroot()


def test_sitemap_is_sitemap_0_9_with_absolute_addresses_of_built_pages(built_with_address, sitemap, site_spec):
    assert sitemap.tag == f"{SM}urlset"
    urls = sitemap.findall(f"{SM}url")
    assert len(urls) == len(site_spec.specs) * len(INTERFACE)
    locs = [u.find(f"{SM}loc").text for u in urls]
    assert len(set(locs)) == len(locs)
    for loc in locs:
        assert loc.startswith(BASE) and "None" not in loc, loc
        assert (built_with_address / loc[len(BASE):]).is_file(), loc
    for child in sitemap.iter():
        assert child.tag in {f"{SM}urlset", f"{SM}url", f"{SM}loc", f"{XHTML}link"}, child.tag


def test_sitemap_alternates_are_every_language_and_reciprocal(built_with_address, sitemap):
    by_loc = {}
    for url in sitemap.findall(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        alternates = {}
        for link in url.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            alternates[link.get("hreflang")] = link.get("href")
        by_loc[loc] = alternates
    default_tag = LANGUAGES.tag(LANGUAGES.default)
    for loc, alternates in by_loc.items():
        assert set(alternates) == TAGS | {"x-default"}, (loc, alternates)
        assert loc in alternates.values()
        assert alternates["x-default"] == alternates[default_tag]
        for tag, href in alternates.items():
            assert href.startswith(BASE) and (built_with_address / href[len(BASE):]).is_file(), href
            # reciprocal: the alternate's own entry names the same language versions
            assert by_loc[href] == alternates, (loc, href)


def test_robots_txt_names_the_sitemap(built_with_address):
    robots = (built_with_address / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()
    # the sample address has a sub-path: the rule names it, ready for the host root's robots.txt
    assert f"Allow: {urlsplit(BASE).path}" in robots.splitlines()
    assert not (built_with_address / "sitemap.xml.gz").exists()  # the theme's copy of its own sitemap


def test_robots_txt_at_a_host_root_and_without_an_address():
    from edition.publish import robots_txt

    assert robots_txt("https://un.example.org/").splitlines() == [
        "User-agent: *", "Allow: /", "", "Sitemap: https://un.example.org/sitemap.xml"]
    assert robots_txt(None).splitlines() == ["User-agent: *", "Allow: /"]


def test_every_page_has_its_canonical_link_and_absolute_alternates(built_with_address, site_spec):
    for ref in pages(site_spec):
        head = head_of(built_with_address / ref.path)
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [BASE + ref.path], ref.path
        alternates = {link["hreflang"]: link["href"] for link in head.links if link.get("rel") == "alternate"}
        assert set(alternates) == TAGS | {"x-default"}, ref.path
        for code in INTERFACE:
            assert alternates[LANGUAGES.tag(code)] == BASE + html_path_of(code, ref.spec.path.removesuffix(".md") + ".html")
        assert len([link for link in head.links if link.get("rel") == "alternate"]) == len(alternates)


def test_open_graph_with_address_has_url_and_preview_image(built_with_address, site_spec):
    from PIL import Image

    for ref in pages(site_spec):
        head = head_of(built_with_address / ref.path)
        assert head.prop("og:url") == [BASE + ref.path]
        [image] = head.prop("og:image")
        assert image.startswith(BASE) and head.prop("twitter:image") == [image]
        with Image.open(built_with_address / image[len(BASE):]) as img:
            assert img.format == "PNG" and img.size == IMAGE_SIZE
        assert head.prop("twitter:card") == ["summary_large_image"]


def test_preview_images_are_reproducible_and_drawn_with_a_covering_font(built_with_address, site_spec, tmp_path):
    from edition.preview import write_previews

    work = site_spec.edition.works[0]
    for code in INTERFACE:
        text = work.title[code] + site_spec.edition.ui.t("site_name", code)
        assert find_font(text) is not None, f"no system font for {code} (fonts-noto-cjk: make system-deps)"
    images = [(work.id, code) for code in INTERFACE]
    write_previews(tmp_path, site_spec, images)
    for work_id, code in images:
        assert (tmp_path / image_path(work_id, code)).read_bytes() == \
            (built_with_address / image_path(work_id, code)).read_bytes()
    one, ok = draw_preview("a", "b " * 200, "c")
    assert ok and one == draw_preview("a", "b " * 200, "c")[0]


# ------------------------------------------------------------------ without one (the offline archive)


def test_offline_build_names_no_address(site_dir, site_spec):
    assert not (site_dir / "sitemap.xml").exists() and not (site_dir / "sitemap.xml.gz").exists()
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap" not in robots
    for ref in pages(site_spec):
        page = site_dir / ref.path
        head = head_of(page)
        assert not [link for link in head.links if link.get("rel") == "canonical"], ref.path
        alternates = {link["hreflang"]: link["href"] for link in head.links if link.get("rel") == "alternate"}
        assert set(alternates) == TAGS | {"x-default"}, ref.path
        for href in alternates.values():
            assert "://" not in href and "None" not in href
            assert (page.parent / href).resolve().is_file(), (ref.path, href)
        assert not head.prop("og:url") and not head.prop("og:image")
        assert head.prop("twitter:card") == ["summary"]
    assert not (site_dir / "assets" / "images" / "preview").exists()


# ------------------------------------------------------------------ metadata in both builds


def _expected_type(site_spec, ref: PageRef):
    edition = site_spec.edition
    work_id = ref.spec.work or next((w.id for w in edition.works if w.id == ref.spec.key), None)
    if not work_id:
        return None, "WebPage"
    work = edition.work(work_id)
    return work, {"resolution": "Legislation", "report": "Report", "news": "NewsArticle"}[work.kind]


@pytest.mark.parametrize("which", ["offline", "address"])
def test_every_page_has_json_ld_and_open_graph_in_its_language(request, site_spec, which):
    folder = request.getfixturevalue("site_dir" if which == "offline" else "built_with_address")
    edition = site_spec.edition
    seen = set()
    for ref in pages(site_spec):
        head = head_of(folder / ref.path)
        tag = LANGUAGES.tag(ref.lang)
        assert head.prop("og:locale") == [og_locale(tag)], ref.path
        assert sorted(head.prop("og:locale:alternate")) == sorted(og_locale(LANGUAGES.tag(c)) for c in INTERFACE
                                                                   if c != ref.lang)
        for name in ("og:title", "og:description", "og:site_name", "twitter:title", "twitter:description"):
            assert len(head.prop(name)) == 1 and head.prop(name)[0].strip(), (ref.path, name)
        assert head.prop("og:site_name") == [edition.ui.t("site_name", ref.lang)]
        [data] = head.jsonld()
        work, kind = _expected_type(site_spec, ref)
        seen.add(kind)
        assert data["@context"] == "https://schema.org" and data["@type"] == kind, ref.path
        assert data["publisher"]["name"] == edition.ui.t("site_name", ref.lang)
        assert data["isPartOf"]["@type"] == "WebSite" and data["isPartOf"]["inLanguage"] == tag
        assert ("url" in data) == (which == "address")
        if which == "address":
            assert data["url"] == BASE + ref.path
        languages = data["inLanguage"] if isinstance(data["inLanguage"], list) else [data["inLanguage"]]
        assert set(languages) <= {LANGUAGES.tag(c) for c in LANGUAGES.codes}
        if work is None:
            assert languages == [tag] and data["name"]
            continue
        assert data["name"] == work.title[ref.lang]
        source = data["isBasedOn"]
        assert source["@type"] == kind and source["name"] == work.title[ref.lang]
        if work.author:
            assert source["publisher"]["name"] == work.author[ref.lang]
        witnesses = edition.witnesses(work.id)
        if kind == "Legislation":
            assert data["legislationIdentifier"] == work.symbol == source["legislationIdentifier"]
            assert data["legislationDate"] == work.date
            assert source["url"].endswith(work.symbol)
            examples = data["workExample"]
            assert [e["inLanguage"] for e in examples] == [LANGUAGES.tag(c) for c in witnesses]
            assert all(e["legislationIdentifier"] == work.symbol and e["name"] for e in examples)
            if ref.spec.key == work.id and ref.lang in witnesses:
                assert languages == [tag]  # the edition page shows the witness in the page's language
        else:
            assert data["datePublished"] == work.date
        if kind == "NewsArticle":
            assert data["headline"] == work.title[ref.lang]
    assert seen == {"WebPage", "Legislation", "Report", "NewsArticle"}


# ------------------------------------------------------------------ hostile text


HOSTILE = '</script><script>alert(1)</script><!-- "\'><img src=x onerror=alert(2)>&amp;\u2028'


def test_hostile_text_in_titles_and_data_stays_inert(site_spec):
    """Work titles, publishers, the site's name and the page title hostile: the head block adds no
    element but its links, metas and one JSON-LD script, and every value reads back as the text."""
    edition = site_spec.edition
    works = [dataclasses.replace(w, title={c: HOSTILE for c in w.title},
                                 author={c: HOSTILE for c in (w.author or w.title)}) for w in edition.works]
    ui = dataclasses.replace(edition.ui, strings={**edition.ui.strings,
                                                  "site_name": {c: HOSTILE for c in INTERFACE}})
    hostile_edition = dataclasses.replace(edition, works=works, ui=ui)
    site = dataclasses.replace(site_spec, edition=hostile_edition)
    for base in (None, BASE):
        for ref in pages(site):
            meta = metadata(site, ref, HOSTILE, base)
            block = head_block(site, ref, meta, base)
            assert "</script" not in block.split('<script type="application/ld+json">', 1)[1].rsplit("</script>", 1)[0]
            head = Head()
            head.feed(f"<html><head>{block}</head></html>")
            assert set(head.elements) <= {"html", "head", "link", "meta", "script"}, head.elements
            assert len(head.scripts) == 1
            [data] = head.jsonld()
            assert data == json.loads(json.dumps(meta.jsonld))
            assert head.prop("og:title") == [HOSTILE] and head.prop("og:site_name") == [HOSTILE]
            if ref.spec.work:
                assert data["name"] == HOSTILE and data["isBasedOn"]["publisher"]["name"] == HOSTILE


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text() | st.integers() | st.none(), lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8))
def test_json_for_script_cannot_end_the_script_and_reads_back(value):
    text = json_for_script(value)
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


# ------------------------------------------------------------------ inline scripts and precompression


@pytest.mark.parametrize("which", ["offline", "address"])
def test_no_page_has_an_inline_script(request, which):
    folder = request.getfixturevalue("site_dir" if which == "offline" else "built_with_address")
    for page in folder.rglob("*.html"):
        if which == "offline" and page == folder / "404.html":
            continue  # offline its links are relative: a moved script would not load at another depth
        text = page.read_text(encoding="utf-8")
        for attrs in re.findall(r"<script\b([^>]*)>", text):
            assert "src=" in attrs or 'type="application/json"' in attrs or 'type="application/ld+json"' in attrs, \
                (page, attrs)
        for src in re.findall(r'<script src="([^"]+)"', text):
            if not src.startswith("/"):
                assert (page.parent / src).resolve().is_file(), (page, src)
            else:  # the 404 page with an address: from the site's path
                assert (folder / src[len("/ai/"):]).is_file(), (page, src)


def test_worker_shim_writes_no_inline_script():
    from conftest import ROOT

    shim = (ROOT / "overrides/assets/javascripts/vendor/iframe-worker/shim.js").read_text(encoding="utf-8")
    written = re.findall(r"<script>|<script [^>]*>", shim.replace("<\\/script>", ""))
    assert written and all("src=" in tag for tag in written), written


def test_precompress_is_reproducible_and_lossless(site_dir, tmp_path):
    import shutil

    from edition.deploy import precompress

    copy = tmp_path / "site"
    shutil.copytree(site_dir / "resolution", copy)
    count, before, after = precompress(copy)
    assert count and after < before
    first = {p: p.read_bytes() for p in copy.rglob("*.gz")}
    assert precompress(copy)[0] == count and {p: p.read_bytes() for p in copy.rglob("*.gz")} == first
    for packed, data in first.items():
        assert gzip.decompress(data) == packed.with_suffix("").read_bytes()


@pytest.mark.parametrize("field", ["listen", "server_name", "site_url"])
def test_nginx_conf_refuses_values_that_would_change_the_configuration(tmp_path, field):
    from edition.deploy import nginx_conf
    from edition.errors import DataError

    values = {"listen": "80", "server_name": "_", "site_url": None}
    values[field] = "80; include /etc/passwd" if field != "site_url" else "https://e.org/a;b/"
    with pytest.raises(DataError):
        nginx_conf(tmp_path, **values)
    conf = nginx_conf(tmp_path, site_url=BASE)
    assert "@" not in re.sub(r"#.*", "", conf) and "location /ai/ {" in conf


def test_pages_with_an_address_are_valid_html(built_with_address):
    """The head with canonical link, alternates, Open Graph and JSON-LD passes the Nu Html Checker
    (one page of each work kind and language suffices: every page gets the same head block)."""
    from test_vnu import vnu_errors

    pages = [built_with_address / path for path in ("index.html", "404.html")]
    for code in INTERFACE:
        for name in ("resolution/index.html", "resolution/parallel.html", "report/index.html", "context.html"):
            pages.append(built_with_address / html_path_of(code, name))
    errors = vnu_errors(pages)
    assert not errors, "\n".join(f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in errors[:20])


def html_path_of(code: str, name: str) -> str:
    return name if code == LANGUAGES.default else f"{code}/{name}"


def test_a_mistyped_address_stops_the_build_before_anything_is_built(tmp_path, monkeypatch):
    from conftest import build, copy_project
    from edition.address import VARIABLE
    from edition.errors import DataError

    monkeypatch.setenv(VARIABLE, "edition.example.org/ai")
    with pytest.raises(DataError, match=VARIABLE):
        build(copy_project(tmp_path / "p"), docs_dir=tmp_path / "docs", site_dir=tmp_path / "site", log=lambda s: None)
    assert not (tmp_path / "docs").exists() and not (tmp_path / "site").exists()
