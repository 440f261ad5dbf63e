"""The loaded edition: languages, works, witnesses (parsed and emended), editorial data.

Loading is pure apart from reading files: every source is checked and parsed, every
data file validated, every emendation applied, and the relations between them
checked (each witness names a declared work and language; one witness per work and
language; the witnesses of a resolution align paragraph by paragraph) before
anything is written. What the site makes of it is :mod:`edition.assembly`'s business.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .alignment import rows
from .conventions import KIND_CONVENTIONS
from .decipherment import apply_key, load_report_key, stats
from .emendations import Emendation, apply_emendations, load_emendations
from .errors import DataError
from .glossary import apply_glossary, glossary_of
from .languages import Languages, load_languages
from .model import Document
from .parsers.news import parse_news
from .parsers.report import parse_report
from .parsers.resolution import parse_resolution
from .references import UNDocument, apply_references, load_documents
from .sources import FormatCharacter, SourceEntry, load_format_characters, load_registry, read_source
from .ui import UI, load_ui
from .works import KINDS, Work, load_works
from .project import Project

ROOT = Path(__file__).resolve().parents[2]

#: The parser of each source kind: source lines in, a Document out.
PARSERS: dict[str, Callable[..., Document]] = {"resolution": parse_resolution, "report": parse_report,
                                               "news": parse_news}


def _decipher(doc: Document, edition: "Edition") -> Document:
    """Read the garbled glyphs the decipherment key makes certain (conjectural readings, marked)."""
    key = load_report_key(edition.root, edition.texts[doc.source])
    deciphered = apply_key(doc, key)
    edition.decipherment, edition.decipherment_stats = key, stats(doc, deciphered)
    return deciphered


def _references(doc: Document, edition: "Edition") -> Document:
    return apply_references(doc, edition.un_documents)


def _glossary(doc: Document, edition: "Edition") -> Document:
    return apply_glossary(doc, glossary_of(doc))


#: Editorial passes applied to every witness of a kind of work, in order (after emendations).
KIND_PASSES: dict[str, tuple[Callable[[Document, "Edition"], Document], ...]] = {
    "resolution": (_references,),
    "report": (_decipher, _references, _glossary),
    "news": (),
}


@dataclass
class Edition:
    """Everything the pages need: parsed, emended witnesses and the editorial data."""

    root: Path
    languages: Languages
    works: list[Work]
    registry: list[SourceEntry]
    texts: dict[str, list[str]]
    documents: dict[str, Document]
    emendations: list[Emendation]
    ui: UI
    un_documents: list[UNDocument] = field(default_factory=list)
    #: invisible format characters recorded as part of a text or a page, by file relative to ``sources/``
    format_characters: dict[str, tuple[FormatCharacter, ...]] = field(default_factory=dict)
    #: the key to the report's broken font mapping, and what it decoded (:mod:`edition.decipherment`)
    decipherment: tuple = ()
    decipherment_stats: object = None
    #: each witness as parsed and emended, before the editorial passes of its kind (KIND_PASSES):
    #: the text the report's audit compares with its source, line by line
    emended: dict[str, Document] = field(default_factory=dict)

    @property
    def registry_path(self) -> str:
        return Project(self.root).shown(Project(self.root).registry)

    def work(self, work_id: str) -> Work:
        return next(w for w in self.works if w.id == work_id)

    def witnesses(self, work_id: str) -> dict[str, Document]:
        """The witnesses of one work by language, in the declared language order."""
        found = {d.lang: d for d in self.documents.values() if d.document == work_id}
        return {lang: found[lang] for lang in self.languages.ordered(found)}

    def entry(self, source_id: str) -> SourceEntry:
        return next(e for e in self.registry if e.id == source_id)

    def doc_title(self, symbol: str, lang: str) -> str | None:
        """The title of a UN document in ``lang`` (tooltips of document links)."""
        return next((d.title.get(lang) for d in self.un_documents if d.symbol == symbol), None)


def load_edition(root: Path = ROOT) -> Edition:
    """Read and check every source and data file; parse, emend and link. Pure apart from reading."""
    project = Project(root)
    sources = project.sources
    data = project.data
    languages = load_languages(data / "languages.yaml")
    works = load_works(data / "works.yaml", languages)
    conventions = {kind: loader(data / "conventions" / name) for kind, (name, loader) in KIND_CONVENTIONS.items()}
    registry_file = project.registry
    registry = load_registry(registry_file)
    _check_witnesses(registry, works, languages, registry_file, data / "languages.yaml")
    in_sources = {e.id: Path(os.path.relpath(e.file, sources)).as_posix() for e in registry}
    pages = {p.relative_to(sources).as_posix() for p in project.pages.rglob("*.md")}
    format_characters = load_format_characters(data / "format-characters.yaml", set(in_sources.values()) | pages)
    texts: dict[str, list[str]] = {}
    documents: dict[str, Document] = {}
    kinds = {w.id: w.kind for w in works}
    for entry in registry:
        shown = os.path.relpath(entry.file, root)
        texts[entry.id] = read_source(entry.file, entry.sha256, display=shown,
                                      allowed=format_characters.get(in_sources[entry.id], ()))
        extra = {"conventions": conventions[entry.kind].get(entry.lang)} if entry.kind in conventions else {}
        documents[entry.id] = PARSERS[entry.kind](texts[entry.id], lang=entry.lang, path=shown, source=entry.id,
                                                  document=entry.work, **extra)
    # The parallel view needs the same paragraphs in every language: refuse a witness
    # that lost or gained one before anything is written.
    for work in works:
        if work.kind == "resolution":
            rows({d.lang: d for d in documents.values() if d.document == work.id})
    emendations = load_emendations(data / "emendations", texts)
    for e in emendations:
        if e.source in documents:
            documents[e.source] = apply_emendations(documents[e.source], [e])
    edition = Edition(root, languages, works, registry, texts, documents, emendations, load_ui(data / "ui"),
                      load_documents(data / "documents.yaml"), format_characters, emended=dict(documents))
    for key, doc in list(documents.items()):
        for apply in KIND_PASSES[kinds[doc.document]]:
            documents[key] = apply(documents[key], edition)
    return edition


def _check_witnesses(registry: list[SourceEntry], works: list[Work], languages, path: Path,
                     languages_path: Path) -> None:
    """Every witness names a declared work and language, of the work's kind; one per work and language;
    every work has a witness; a witness published as Akoma Ntoso is in a language with an ISO 639-2/T code."""
    by_id = {w.id: w for w in works}
    seen: dict[tuple[str, str], str] = {}
    for entry in registry:
        line = entry.line
        work = by_id.get(entry.work)
        if work is None:
            raise DataError(str(path), line, f"source {entry.id}: work {entry.work!r} is not declared in "
                            f"sources/data/works.yaml (declared: {', '.join(by_id)})")
        if entry.lang not in languages.codes:
            raise DataError(str(path), line, f"source {entry.id}: language {entry.lang!r} is not declared in "
                            f"sources/data/languages.yaml (declared: {', '.join(languages.codes)})")
        if entry.kind != work.kind:
            raise DataError(str(path), line, f"source {entry.id}: kind {entry.kind!r} but work {work.id} is of kind "
                            f"{work.kind!r}")
        if KINDS[work.kind].akoma_ntoso and not languages.get(entry.lang).iso639_2:
            raise DataError(str(languages_path), languages.get(entry.lang).line,
                            f"language {entry.lang}: expected `iso639_2:` (its ISO 639-2/T code, for example fra): "
                            f"source {entry.id} is a witness of {work.id}, published as Akoma Ntoso, which names "
                            "a language version by that code")
        if (entry.work, entry.lang) in seen:
            raise DataError(str(path), line, f"source {entry.id}: a second {entry.lang} witness of work {entry.work} "
                            f"(the first is {seen[entry.work, entry.lang]}); expected one witness per work and language")
        seen[entry.work, entry.lang] = entry.id
    for work in works:
        mine = [source for (w, _), source in seen.items() if w == work.id]
        if not mine:
            raise DataError(str(path), None, f"work {work.id} has no witness in the registry; "
                            "expected at least one source with `work: " + work.id + "`")
        shown = KINDS[work.kind].witnesses_shown
        if shown is not None and len(mine) > shown:
            raise DataError(str(path), next(e.line for e in registry if e.id == mine[shown]),
                            f"source {mine[shown]}: work {work.id} (kind {work.kind}) shows {shown} witness; "
                            f"it has {len(mine)} ({', '.join(mine)}): a witness that is not shown is not allowed")
