"""The site, assembled in one place from a list of page specifications.

Each page of the site is a :class:`PageSpec`: its key (what cross-references name),
its path under a language folder, the function that writes it for one interface
language, and the anchors it publishes (for the anchor lock). The list follows from
the data: each work of ``works.yaml`` contributes the pages of its kind
(:data:`KIND_PAGES`), the editorial layer adds the apparatus and the concordance, and
``sources/pages/<lang>/`` the hand-written pages. Nothing registers itself at import
time; the build, the anchor lock and the MkDocs configuration all read the same list.

What several pages share (the concordance, the annotations, which report page holds
an anchor) is computed once, here, into the :class:`Site`, not cached on the side.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from . import concordance as concordance_mod
from .alignment import rows
from .annotations import Note, load_annotations
from . import opendata as opendata_mod
from .edition import Edition
from .errors import DataError, EditionError
from .opendata import page as opendata_page_mod
from .model import Container, Document, HeaderBlock, Paragraph, plain_text, walk
from .pages import apparatus as apparatus_page_mod
from .pages import concordance as concordance_page_mod
from .pages import context as context_page_mod
from .pages import report as report_page_mod
from .pages import resolution as resolution_page_mod
from .sources import read_page
from .works import Work
from .writer.escape import escape_text
from .writer.markdown import Context, link
from .project import Project


@dataclass(frozen=True)
class PageSpec:
    """One page of every language tree."""

    key: str
    path: str
    produce: Callable[["Site", str], str]
    anchors: Callable[["Site"], list[str]] = lambda site: []
    #: the work whose navigation section holds the page (None: a page of its own in the navigation)
    work: str | None = None
    #: the page shows every witness of its work side by side (the parallel view): the one place
    #: where the text of a witness language without an interface tree stands, and is searched
    all_witnesses: bool = False


def html_name(md_path: str) -> str:
    """The built HTML file of a page's Markdown (``resolution/index.md`` -> ``resolution/index.html``)."""
    return md_path.removesuffix(".md") + ".html"


def built_path(md_path: str, lang: str, default: str) -> str:
    """Where the page ``md_path`` of ``lang``'s tree stands in the built site, relative to its root
    (the default language's tree is the root itself)."""
    return html_name(md_path) if lang == default else f"{lang}/{html_name(md_path)}"


@dataclass
class Site:
    """The edition with its page set and the editorial data shared between pages."""

    edition: Edition
    specs: list[PageSpec] = field(default_factory=list)
    concordance: list[concordance_mod.Link] = field(default_factory=list)
    annotations: list[Note] = field(default_factory=list)
    #: report anchor -> report page key
    report_anchor_pages: dict[str, str] = field(default_factory=dict)
    recommendation_titles: dict[str, str] = field(default_factory=dict)
    #: the anchors of the report's recommendations (in the body and in the executive summary)
    recommendations: frozenset[str] = frozenset()
    #: the language of the report's text (its recommendation titles are quoted in it)
    report_lang: str = ""
    #: the resolution whose paragraphs the concordance links to
    concordance_work: str = ""
    #: what the outputs compute once per assembled site (the open data files, which the pages, the
    #: data and the books all list), by the name of what computed it
    computed: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pages(self) -> dict[str, str]:
        """Page key -> path under a language folder."""
        return {s.key: s.path for s in self.specs}

    def html_path(self, md_path: str, lang: str | None = None) -> str:
        """:func:`built_path` of a page in ``lang``'s tree (default: the default language)."""
        default = self.edition.languages.default
        return built_path(md_path, lang or default, default)

    def context(self, lang: str, key: str) -> Context:
        """Where a page's Markdown stands: its language, path, page map, and its work's citation forms."""
        spec = next(s for s in self.specs if s.key == key)
        work = self.edition.work(spec.work) if spec.work else None
        return Context(lang=lang, page=spec.path, ui=self.edition.ui, languages=self.edition.languages,
                       pages=self.pages, doc_title=self.edition.doc_title,
                       annotate=lambda anchor, ctx: annotate(self, anchor, ctx),
                       citation=work.cite if work and work.citation else None)

    def published(self) -> dict[str, list[str]]:
        """Anchors published on each page (every language tree publishes the same)."""
        out: dict[str, list[str]] = {}
        for spec in self.specs:
            anchors = spec.anchors(self)
            dupes = sorted({a for a in anchors if anchors.count(a) > 1})
            if dupes:
                raise DataError(spec.path, None, f"anchor(s) used twice on the page: {', '.join(dupes)}")
            if anchors:
                out.setdefault(spec.path, []).extend(anchors)
        return out

    def write(self, lang: str) -> dict[str, str]:
        """Every page of one language tree: ``{path: markdown}``."""
        return {spec.path: spec.produce(self, lang) for spec in self.specs}


# ----------------------------------------------------------------- kinds of work


def resolution_specs(work: Work, edition: Edition) -> list[PageSpec]:
    """An edition page (the witness in the reader's language) and the parallel page of all witnesses."""
    witnesses = edition.witnesses(work.id)

    def shown(lang: str) -> Document:
        # the reader's language if the work has it, else the first witness in the declared order
        return witnesses.get(lang) or witnesses[edition.languages.ordered(witnesses)[0]]

    def edition_anchors(site: Site) -> list[str]:
        some = next(iter(witnesses.values()))
        anchors = [b.anchor for b in some.blocks if isinstance(b, (Paragraph, HeaderBlock))]
        return anchors + [f.anchor for f in some.footnotes]

    parallel_key = f"{work.id}-parallel"
    return [
        PageSpec(work.id, work.path("index.md"), work=work.id, anchors=edition_anchors,
                 produce=lambda site, lang: resolution_page_mod.edition_page(
                     shown(lang), work, site.context(lang, work.id))),
        PageSpec(parallel_key, work.path("parallel.md"), work=work.id, all_witnesses=True,
                 anchors=lambda site: rows(witnesses),
                 produce=lambda site, lang: resolution_page_mod.parallel_page(
                     witnesses, work, site.context(lang, parallel_key))),
    ]


def report_specs(work: Work, edition: Edition) -> list[PageSpec]:
    """The report's pages (front matter and summary, chapters, annexes, contents), from its one witness."""
    doc = _single_witness(work, edition)
    keys = report_page_mod.PAGES
    written: dict[str, dict[str, str]] = {}

    def produce(key: str) -> Callable[[Site, str], str]:
        def page(site: Site, lang: str) -> str:
            if lang not in written:
                written[lang] = report_page_mod.report_pages(doc, lambda k: site.context(lang, k))
            return written[lang][keys[key]]
        return page

    anchors = report_page_mod.page_anchors(doc)
    return [PageSpec(key, work.path(path.split("/", 1)[1]), produce(key), work=work.id,
                     anchors=lambda site, p=path: anchors.get(p, []))
            for key, path in keys.items()]


def news_specs(work: Work, edition: Edition) -> list[PageSpec]:
    """One context page of the news pieces."""
    doc = _single_witness(work, edition)
    return [PageSpec(work.id, work.path(f"{work.id}.md"),
                     lambda site, lang: context_page_mod.context_page(doc, work, site.context(lang, work.id)),
                     anchors=lambda site: context_page_mod.context_anchors(doc))]


def _single_witness(work: Work, edition: Edition) -> Document:
    witnesses = edition.witnesses(work.id)
    if len(witnesses) != 1:
        entry = edition.registry_path
        raise DataError(entry, None, f"work {work.id} (kind {work.kind}) shows one witness; it has "
                        f"{len(witnesses)} ({', '.join(sorted(witnesses)) or 'none'}): a witness that is not shown "
                        "is not allowed")
    return next(iter(witnesses.values()))


#: The pages each kind of work gets.
KIND_PAGES: dict[str, Callable[[Work, Edition], list[PageSpec]]] = {
    "resolution": resolution_specs,
    "report": report_specs,
    "news": news_specs,
}


# ------------------------------------------------------------ editorial pages


def apparatus_spec(edition: Edition) -> PageSpec:
    emendations = [e for e in edition.emendations if e.source in edition.documents]

    def produce(site: Site, lang: str) -> str:
        docs = {d.source: d for d in edition.documents.values()}
        ctx = site.context(lang, "apparatus")
        return apparatus_page_mod.apparatus_page(emendations, docs, ctx,
                                                 lambda source, anchor: page_of_anchor(site, source, anchor),
                                                 witness_label=lambda source, in_lang: witness_label(edition, source, in_lang)) \
            + apparatus_page_mod.decipherment_section(edition.decipherment, edition.decipherment_stats, ctx,
                                                      site.report_lang)

    return PageSpec("apparatus", "apparatus.md", produce, anchors=lambda site: [e.id for e in emendations])


def concordance_spec() -> PageSpec:
    def produce(site: Site, lang: str) -> str:
        return concordance_page_mod.concordance_page(site.concordance, site.context(lang, "concordance"),
                                                     lambda a: site.report_anchor_pages[a], site.recommendation_titles)

    return PageSpec("concordance", "concordance.md", produce, anchors=lambda site: ["links"])


def opendata_spec() -> PageSpec:
    """The "Open data" page: every file of ``data/`` (and the text for tools) with its licence."""
    def produce(site: Site, lang: str) -> str:
        return opendata_page_mod.opendata_page(site, lang, opendata_mod.open_data(site), opendata_mod.text_files(site))

    return PageSpec("opendata", opendata_page_mod.PAGE, produce, anchors=lambda site: list(opendata_page_mod.ANCHORS))


#: Page keys of the hand-written pages (``sources/pages/<lang>/<path>``), by path.
STATIC_KEYS = {"index.md": "home", "about.md": "about"}


def static_specs(edition: Edition) -> list[PageSpec]:
    """Hand-written pages: the same set in every interface language (else the build stops)."""
    folder = Project(edition.root).pages
    for lang in edition.languages.interface:
        for p in (folder / lang).rglob("*.md"):
            if not p.is_file():
                raise DataError(os.path.relpath(p, edition.root), None, "is a folder; expected a file")
    sets = {lang: sorted(str(p.relative_to(folder / lang)) for p in (folder / lang).rglob("*.md"))
            for lang in edition.languages.interface}
    default = sets[edition.languages.default]
    for lang, paths in sets.items():
        if paths != default:
            diff = sorted(set(paths) ^ set(default))
            raise DataError(str(folder / lang), None, f"hand-written pages differ from the "
                            f"{edition.languages.default} ones: {', '.join(diff)}; expected the same pages in every "
                            "interface language")

    def produce(path: str) -> Callable[[Site, str], str]:
        def page(site: Site, lang: str) -> str:
            return read_page(folder / lang / path, edition.root, edition.format_characters)
        return page

    return [PageSpec(STATIC_KEYS.get(p, p.removesuffix(".md")), p, produce(p)) for p in default]


# ------------------------------------------------------------------ assembly


def assemble(edition: Edition) -> Site:
    """The site: every page specification, in navigation order, and the shared editorial data."""
    site = Site(edition)
    static = static_specs(edition)
    home = [s for s in static if s.key == "home"]
    specs: list[PageSpec] = list(home)
    for work in edition.works:
        specs += KIND_PAGES[work.kind](work, edition)
    specs.append(concordance_spec())
    specs.append(apparatus_spec(edition))
    specs.append(opendata_spec())
    specs += [s for s in static if s.key != "home"]
    paths: dict[str, str] = {}
    keys: set[str] = set()
    for spec in specs:
        if spec.path in paths:
            raise EditionError(spec.path, None, f"two pages are written to {spec.path}: {paths[spec.path]} and {spec.key}")
        if spec.key in keys:
            raise EditionError(spec.path, None, f"page key {spec.key} is used twice")
        paths[spec.path] = spec.key
        keys.add(spec.key)
    site.specs = specs
    _editorial_data(site)
    return site


def _editorial_data(site: Site) -> None:
    """Concordance and annotations, checked against the anchors the parsers produced."""
    edition = site.edition
    data = Project(edition.root).data
    report_id, resolution_id = concordance_mod.concordance_works(data / "concordance.yaml",
                                                                 {w.id: w.kind for w in edition.works})
    report, resolution = edition.work(report_id), edition.work(resolution_id)
    doc = _single_witness(report, edition)
    for key, blocks in report_page_mod.split_pages(doc).items():
        for b in walk(tuple(blocks)):
            if getattr(b, "anchor", None):
                site.report_anchor_pages[b.anchor] = key
    site.report_lang = doc.lang
    site.recommendation_titles = {
        b.anchor: plain_text(b.title).strip() for b in walk(doc.blocks)
        if isinstance(b, Container) and b.kind == "recommendation" and b.anchor and not b.anchor.startswith("es-")}
    site.recommendations = frozenset(b.anchor for b in walk(doc.blocks)
                                     if isinstance(b, Container) and b.kind == "recommendation" and b.anchor)
    site.concordance_work = resolution.id
    res_anchors = {b.anchor for d in edition.witnesses(resolution.id).values() for b in d.blocks
                   if getattr(b, "anchor", None)}
    site.concordance = concordance_mod.load_concordance(data / "concordance.yaml", set(site.report_anchor_pages),
                                                        res_anchors)
    anchors: dict[str, set[str]] = {}
    for work in edition.works:
        if work.kind == "resolution":
            anchors[work.id] = {b.anchor for d in edition.witnesses(work.id).values() for b in d.blocks
                                if getattr(b, "anchor", None)}
    for anchor, key in site.report_anchor_pages.items():
        anchors.setdefault(key, set()).add(anchor)
    site.annotations = load_annotations(data / "annotations.yaml", anchors)


def page_of_anchor(site: Site, source: str, anchor: str | None) -> str | None:
    """The page key that shows ``anchor`` in the witness ``source`` itself (the apparatus links there).

    A resolution's edition page shows the interface language's witness only; its parallel page,
    where every witness stands, shows the reading of the witness the emendation corrects."""
    doc = site.edition.documents[source]
    work = site.edition.work(doc.document)
    if work.kind == "report":
        return site.report_anchor_pages.get(anchor or "")
    return next((s.key for s in site.specs if s.work == work.id and s.all_witnesses), work.id)


def witness_label(edition: Edition, source: str, lang: str) -> str:
    """A witness named for readers: "resolution 78/311, English text"."""
    doc = edition.documents[source]
    work = edition.work(doc.document)
    return edition.ui.t("witness_label", lang, work=work.short[lang], language=edition.languages.name(doc.lang, lang))


# ------------------------------------------------------------- editorial notes


def annotate(site: Site, anchor: str, ctx: Context) -> str:
    """Every editorial note for ``anchor`` on the page being written, in one display convention."""
    links = site.concordance
    resolutions = {w.id for w in site.edition.works if w.kind == "resolution"}
    spec = next((s for s in site.specs if s.path == ctx.page), None)
    page_key = spec.key if spec else None
    work_key = spec.work if spec else None
    on_resolution = work_key in resolutions
    out: list[str] = []
    contexts = [w for w in site.edition.works if w.kind == "news" and w.about == work_key]
    if on_resolution and anchor == "header" and contexts:
        out.append(concordance_mod.note_block(ctx.t("editorial_note"), [
            link(escape_text(ctx.t("context_link")), ctx.href(contexts[0].id))], ("context-note",),
            lang=ctx.tag(ctx.lang)))
    if on_resolution and work_key == site.concordance_work:
        out.append(concordance_mod.answered_by(anchor, links, ctx, lambda a: site.report_anchor_pages[a],
                                               site.recommendation_titles, site.report_lang))
    elif anchor in site.recommendations:
        out.append(concordance_mod.answers(anchor, links, ctx, site.concordance_work))
    for note in site.annotations:
        if note.anchor == anchor and note.page == (work_key if on_resolution else page_key):
            out.append(concordance_mod.annotation_note(note.text[ctx.lang], ctx))
    return "\n\n".join(x for x in out if x)


__all__ = ["PageSpec", "Site", "assemble", "KIND_PAGES"]

