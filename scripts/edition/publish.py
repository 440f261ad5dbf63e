"""The site as the web expects it: addresses, language alternates, metadata, sitemap, robots.txt.

Made from the same page list as everything else (the assembly's page specifications times the
interface languages), so that a page, its language versions and its metadata cannot disagree:
each page's head block (:func:`head_block`) goes into the theme's ``site_meta`` block through
the page context (:mod:`edition.adapter.plugin`), in place of the theme's canonical and
alternate links; the site's files (:func:`finish_site`) are written once every page is built. With a public address (``EDITION_SITE_URL``,
:mod:`edition.address`) every page gets a canonical link, absolute ``hreflang`` alternates
(``x-default``: the default language), ``og:url`` and a preview image, and the site a
``sitemap.xml`` (sitemap 0.9 with ``xhtml:link`` alternates) named by ``robots.txt``. Without
one (the offline archive) nothing names an address that cannot resolve: alternates stay
relative, there is no sitemap and ``robots.txt`` has no ``Sitemap`` line.

Every page also gets, in its own language, Open Graph and Twitter card tags and a schema.org
description in JSON-LD (``Legislation``, ``Report``, ``NewsArticle`` by the kind of its work,
else ``WebPage``) whose ``isBasedOn`` names the source the edition reproduces. All of it is
data text: escaped as HTML in attributes, and as JSON with ``<``, ``>`` and ``&`` written as
``\\u003c``… inside ``<script type="application/ld+json">``, so no text can end the script.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr
from xml.sax.saxutils import escape as xml_escape

from .assembly import PageSpec, Site
from .preview import IMAGE_SIZE, image_path, write_previews
from .works import Work

#: schema.org type of the pages of each kind of work (other pages: WebPage).
SCHEMA_TYPES = {"resolution": "Legislation", "report": "Report", "news": "NewsArticle"}

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"



@dataclass(frozen=True)
class PageRef:
    """One built page: its specification, its interface language, its path under the site."""

    spec: PageSpec
    lang: str
    path: str  # posix, relative to the site folder


def pages(site: Site) -> list[PageRef]:
    languages = site.edition.languages
    return [PageRef(spec, lang, site.html_path(spec.path, lang))
            for spec in site.specs for lang in languages.interface]


def _relative(from_path: str, to_path: str) -> str:
    import posixpath
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def json_for_script(data: object) -> str:
    """JSON that can stand inside ``<script>``: no ``<``, ``>``, ``&`` or line separators as such."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                       ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


# ------------------------------------------------------------------ metadata


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    locale: str
    image: str | None  # site path of the preview image (only with an address)
    jsonld: dict


def og_locale(tag: str) -> str:
    """Open Graph's form of a language tag: ``zh-Hans`` → ``zh_Hans``, ``en`` → ``en``."""
    return tag.replace("-", "_")


def _work_of(site: Site, spec: PageSpec) -> Work | None:
    """The work a page presents: the work of its navigation section, or a work whose only page it is."""
    if spec.work:
        return site.edition.work(spec.work)
    return next((w for w in site.edition.works if w.id == spec.key), None)


def metadata(site: Site, ref: PageRef, page_title: str, base: str | None) -> PageMeta:
    """The page's metadata in its language, from the data (works, languages, UI strings)."""
    edition = site.edition
    languages, ui, lang = edition.languages, edition.ui, ref.lang
    default = languages.default
    work = _work_of(site, ref.spec)
    site_name = ui.t("site_name", lang)
    url = (lambda path: base + path) if base else (lambda path: None)
    website = {"@type": "WebSite", "name": site_name, "inLanguage": languages.tag(lang)}
    if base:
        website["url"] = base + ("" if lang == default else f"{lang}/")
    edition_org = {"@type": "Organization", "name": site_name}
    if base:
        edition_org["url"] = base
    data: dict = {"@context": "https://schema.org"}
    if work is None:
        description = ui.t("site_description", lang)
        data.update({"@type": "WebPage", "name": page_title, "inLanguage": languages.tag(lang)})
    else:
        witnesses = edition.witnesses(work.id)
        shown = list(witnesses) if ref.spec.key != work.id or work.kind != "resolution" else \
            [lang if lang in witnesses else next(iter(witnesses))]
        kind = SCHEMA_TYPES.get(work.kind, "CreativeWork")
        title = work.title[lang]
        description = title
        in_language = [languages.tag(code) for code in shown]
        data.update({"@type": kind, "name": title, "inLanguage": in_language[0] if len(in_language) == 1 else in_language})
        source = {"@type": kind, "name": title}
        if work.author:  # who issued the work: the publisher of the source
            source["publisher"] = {"@type": "Organization", "name": work.author[lang]}
        if kind == "Legislation":
            data["legislationIdentifier"] = work.symbol
            data["legislationDate"] = work.date
            source.update({"legislationIdentifier": work.symbol, "legislationDate": work.date})
            if work.symbol:
                from .writer.markdown import doc_url
                source["url"] = doc_url(work.symbol, lang)
            examples = []
            for code, doc in witnesses.items():
                example = {"@type": kind, "name": edition.entry(doc.source).title, "inLanguage": languages.tag(code),
                           "legislationIdentifier": work.symbol}
                if base and code in languages.interface:
                    example["url"] = base + site.html_path(site.pages[work.id], code)
                examples.append(example)
            data["workExample"] = examples
        else:
            data["datePublished"] = work.date
            source["datePublished"] = work.date
        if kind == "NewsArticle":
            data["headline"] = title
            source["headline"] = title
            if work.about:
                about = edition.work(work.about)
                data["about"] = {"@type": SCHEMA_TYPES.get(about.kind, "CreativeWork"), "name": about.title[lang]}
                if about.symbol and about.kind == "resolution":
                    data["about"]["legislationIdentifier"] = about.symbol
        data["isBasedOn"] = source
    data["publisher"] = edition_org
    data["isPartOf"] = website
    data["description"] = description
    if base:
        data["url"] = url(ref.path)
    image = image_path(work.id if work else None, lang) if base else None
    if image:
        data["image"] = base + image
    return PageMeta(page_title, description, og_locale(languages.tag(lang)), image, data)


def head_block(site: Site, ref: PageRef, meta: PageMeta, base: str | None) -> str:
    """Links and meta elements for the page's ``<head>``."""
    languages = site.edition.languages
    out: list[str] = []
    if base:
        out.append(f'<link rel="canonical" href="{_attr(base + ref.path)}">')

    def href(lang: str) -> str:
        path = site.html_path(ref.spec.path, lang)
        return base + path if base else _relative(ref.path, path)

    for lang in languages.interface:
        out.append(f'<link rel="alternate" hreflang="{_attr(languages.tag(lang))}" href="{_attr(href(lang))}">')
    out.append(f'<link rel="alternate" hreflang="x-default" href="{_attr(href(languages.default))}">')
    og = [("og:type", "article" if meta.jsonld["@type"] != "WebPage" else "website"),
          ("og:site_name", site.edition.ui.t("site_name", ref.lang)),
          ("og:title", meta.title), ("og:description", meta.description), ("og:locale", meta.locale)]
    og += [("og:locale:alternate", og_locale(languages.tag(lang))) for lang in languages.interface if lang != ref.lang]
    if base:
        og.append(("og:url", base + ref.path))
    if meta.image and base:
        og += [("og:image", base + meta.image), ("og:image:width", str(IMAGE_SIZE[0])),
               ("og:image:height", str(IMAGE_SIZE[1])), ("og:image:alt", meta.description)]
    out += [f'<meta property="{p}" content="{_attr(v)}">' for p, v in og]
    tw = [("twitter:card", "summary_large_image" if meta.image and base else "summary"),
          ("twitter:title", meta.title), ("twitter:description", meta.description)]
    if meta.image and base:
        tw.append(("twitter:image", base + meta.image))
    out += [f'<meta name="{n}" content="{_attr(v)}">' for n, v in tw]
    out.append(f'<script type="application/ld+json">{json_for_script(meta.jsonld)}</script>')
    return "\n    ".join(out)


# ------------------------------------------------------------------ the site


def robots_txt(base: str | None) -> str:
    """``robots.txt``: everything may be read; with an address, the sitemap is named. Under a
    sub-path (``https://host/ai/``) the rule names that path, so that the lines can go into the
    host's own robots.txt as they are (crawlers read it only at the host's root)."""
    path = urlsplit(base).path or "/" if base else "/"
    return f"User-agent: *\nAllow: {path}\n" + (f"\nSitemap: {base}sitemap.xml\n" if base else "")


def page_image(site: Site, ref: PageRef, meta: PageMeta) -> tuple[str | None, str] | None:
    """The preview image a page names (its work, its language), if any."""
    if not meta.image:
        return None
    work = _work_of(site, ref.spec)
    return (work.id if work else None, ref.lang)


def finish_site(site_dir: Path, site: Site, base: str | None, images: set[tuple[str | None, str]], *,
                log=lambda s: None) -> None:
    """Write robots.txt and (with ``base``) sitemap.xml and the preview images the pages name;
    remove the theme's sitemap (it lists no alternates, and offline it would name no address)."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)
    if base:
        (site_dir / "sitemap.xml").write_text(sitemap(site, base), encoding="utf-8")
        if urlsplit(base).path not in ("", "/"):
            log(f"note: the site is served under {urlsplit(base).path}; crawlers read robots.txt only at "
                "the host's root: add the built robots.txt's lines to the root's robots.txt")
        write_previews(site_dir, site, sorted(images, key=lambda x: (x[0] or "", x[1])), log=log)
    (site_dir / "robots.txt").write_text(robots_txt(base), encoding="utf-8")


def sitemap(site: Site, base: str) -> str:
    """sitemap.xml: every page of every language tree, with its language versions as alternates."""
    languages = site.edition.languages
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for spec in site.specs:
        versions = [(languages.tag(lang), base + site.html_path(spec.path, lang)) for lang in languages.interface]
        versions.append(("x-default", base + site.html_path(spec.path)))
        for lang in languages.interface:
            lines.append("  <url>")
            lines.append(f"    <loc>{xml_escape(base + site.html_path(spec.path, lang))}</loc>")
            lines += [f'    <xhtml:link rel="alternate" hreflang={quoteattr(tag)} href={quoteattr(href)}/>'
                      for tag, href in versions]
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
