"""The schema of every editorial data file, and their JSON Schemas for editors.

Each data file is one :class:`~edition.datafile.DataFile` model made of
:class:`~edition.datafile.Record` entries. The models check what a file can say
on its own (types, forms, languages, unique ids); the loaders check what needs
the parsed texts (an emendation's reading is on its line, a concordance anchor
exists). :data:`SCHEMAS` names the JSON Schema generated from each model into
``sources/schemas/<name>.schema.json`` (``edition schemas``); each data file's first
line points its editor at it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from string import Formatter
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .datafile import (
    DataFile,
    FormatCharactersFile,
    Identifier,
    IsoDate,
    Language,
    LanguageCode,
    LanguagesFile,
    LineNumber,
    Record,
    Text,
    TextLanguage,
    Translation,
    load_data,
    matching,
)
from .errors import DataError, DataErrors
from .project import SCHEMAS as SCHEMAS_FOLDER, SOURCES

#: Source kinds: each has a parser (``edition.build.PARSERS``).
SOURCE_KINDS = ("resolution", "report", "news")
#: How a recommendation bears on a resolution paragraph (see concordance.yaml's header).
LINK_KINDS = ("answers", "implements", "relates")

#: A source file's folder, relative to ``sources/``: registry entries may point nowhere else.
TEXTS_FOLDER = "texts"


_TEXTS_PATH = r"texts/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*"


def _inside_texts(value: str) -> str:
    """A registry ``file`` names a file under ``texts/``, relative to ``sources/``, and nothing else."""
    parts = value.split("/")
    if (value.startswith("/") or "\\" in value or parts[0] != TEXTS_FOLDER or len(parts) < 2
            or any(part in ("..", ".", "") for part in parts) or not re.fullmatch(_TEXTS_PATH, value)):
        raise PydanticCustomError("contained", "expected a file inside {folder}/ written relative to sources/ "
                                  "({folder}/<name>.txt: letters, digits, '.', '-', '_'; no '..', not absolute), "
                                  "got {value!r}", {"folder": TEXTS_FOLDER, "value": value})
    return value


TextsPath = Annotated[str, AfterValidator(_inside_texts),
                      WithJsonSchema({"type": "string", "pattern": f"^(?:{_TEXTS_PATH})$",
                                      "description": "a file in texts/, relative to sources/ (texts/<name>.txt)"})]
Sha256 = matching(r"[0-9a-f]{64}", "the file's SHA-256 checksum: 64 lower-case hex digits")


# -------------------------------------------------------------- registry.yaml


class SourceRecord(Record):
    """One source text as received: which work it witnesses, in which language, read by which parser."""

    id: Identifier = Field(description="the source id used by editorial data (res-zh)")
    work: Identifier = Field(description="the work it is a witness of, declared in data/works.yaml")
    lang: TextLanguage = Field(description="a language declared in data/languages.yaml")
    kind: Literal[SOURCE_KINDS] = Field(description="which parser reads it")
    file: TextsPath
    sha256: Sha256
    date: IsoDate
    title: Text
    provenance: Text


class Registry(DataFile):
    """``sources/registry.yaml``: every source text, with its checksum."""

    unique = (("sources", ("id",)),)
    entry_names = {"sources": "source entry"}

    sources: list[SourceRecord] = Field(min_length=1)


# ---------------------------------------------------------- emendations/*.yaml


class EmendationRecord(Record):
    """A correction of one source reading: where, what it reads, what it should read, and why."""

    id: matching(r"e-[a-z0-9-]+", "an id of the form e-<source>-<n>")
    source: Identifier
    line: LineNumber
    original: Text
    corrected: str = Field(description="the corrected reading; \"\" deletes the original; **x** bold, *x* italic")
    reason: Translation


class EmendationsFile(DataFile):
    """``sources/data/emendations/*.yaml``: corrections, never silent."""

    unique = (("emendations", ("id",)),)
    entry_names = {"emendations": "emendation"}

    emendations: list[EmendationRecord]


# ------------------------------------------------------------ concordance.yaml


class LinkRecord(Record):
    """A recommendation of the report (or the report as a whole) and a resolution paragraph it bears on."""

    recommendation: matching(r"report|rec[1-7](?:-[a-z](?:-[ivx]+)?)?",
                             "a recommendation anchor of the report such as rec4 or rec4-c, or 'report'")
    paragraph: matching(r"(?:pp|op)[1-9][0-9]*", "a resolution paragraph such as pp3 or op5")
    kind: Literal[LINK_KINDS]
    rationale: Translation


class ConcordanceFile(DataFile):
    """``sources/data/concordance.yaml``: links from recommendations to resolution paragraphs."""

    unique = (("links", ("recommendation", "paragraph")),)
    entry_names = {"links": "link"}

    report: Identifier = Field(description="the work (of kind report) whose recommendations the links start from")
    resolution: Identifier = Field(description="the work (of kind resolution) whose paragraphs they point to")
    links: list[LinkRecord]


# ------------------------------------------------------------ annotations.yaml


class NoteRecord(Record):
    """An editorial note on one published anchor."""

    page: Identifier
    anchor: matching(r"[A-Za-z0-9_-]+", "an anchor such as op14 or header")
    text: Translation


class AnnotationsFile(DataFile):
    """``sources/data/annotations.yaml``: editorial notes."""

    entry_names = {"notes": "note"}

    notes: list[NoteRecord]


# -------------------------------------------------------------- documents.yaml


class DocumentRecord(Record):
    """A UN document the texts cite: how each source language writes it, its title in each interface language."""

    symbol: Text
    mentions: dict[Language, Annotated[list[Text], Field(min_length=1)]] = Field(min_length=1)
    title: Translation
    internal: Identifier | None = Field(default=None, description="a page of this edition to link to instead")


class DocumentsFile(DataFile):
    """``sources/data/documents.yaml``: UN documents referred to, linked where mentioned."""

    unique = (("documents", ("symbol",)),)
    entry_names = {"documents": "document"}

    documents: list[DocumentRecord]


# -------------------------------------------------------------------- ui/*.yaml


UIKey = matching(r"[a-z][a-z0-9_-]*", "a key of lower-case letters, digits, '_' and '-'")


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _literal, name, _spec, _conv in Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise PydanticCustomError("template", f"{exc} in {text[:60]!r}; a placeholder is written {{name}}") from None


def _same_placeholders(value: dict[str, str]) -> dict[str, str]:
    """Every language of an interface string has the same ``{placeholders}``: the writer fills the
    same values in each, and a stray brace would stop the build with a traceback instead of a line."""
    names = {lang: _placeholders(text) for lang, text in value.items()}
    if len({frozenset(n) for n in names.values()}) > 1:
        shown = "; ".join(f"{lang}: {', '.join(sorted(n)) or 'none'}" for lang, n in names.items())
        raise PydanticCustomError("placeholders", "the languages have different placeholders ({shown}); "
                                  "expected the same in each", {"shown": shown})
    return value


#: An interface string: a translation whose languages share their ``{placeholders}``.
Template = Annotated[Translation, AfterValidator(_same_placeholders)]


class UIFile(DataFile):
    """``sources/data/ui/*.yaml``: interface strings, one text per interface language.

    ``{name}`` placeholders are filled by the writer; each language has the same ones."""

    strings: dict[UIKey, Template]


# ------------------------------------------------------------------ works.yaml


WORK_KINDS = ("resolution", "report", "news")


class WorkRecord(Record):
    """A work: what readers cite (see ``sources/data/works.yaml``'s header)."""

    id: Identifier
    kind: Literal[WORK_KINDS] = Field(description="which pages the work gets")
    folder: matching(r"\.|[a-z0-9][a-z0-9-]*", "'.' or one folder name of lower-case letters, digits, hyphens")
    symbol: Text | None = Field(default=None, description="the UN document symbol")
    date: IsoDate
    title: Translation
    nav: Translation
    short: Translation
    about: Identifier | None = Field(default=None, description="(news) the work the pieces report on")
    author: Translation | None = Field(default=None, description="who issued the work, in each interface language: "
                                       "the author its citations name and the publisher the pages' metadata name")
    citation: dict[Identifier, Template] = Field(default={}, description="citation form of each kind of unit")


class WorksFile(DataFile):
    """``sources/data/works.yaml``: the works of the edition."""

    unique = (("works", ("id",)), ("works", ("folder",)))
    entry_names = {"works": "work"}

    works: list[WorkRecord] = Field(min_length=1)


# ------------------------------------------------------- conventions/resolution.yaml


class ResolutionConventions(Record):
    """How the fixed parts of a resolution read in one language (patterns are regular expressions)."""

    opening: Text
    preamble_openers: list[Text] = Field(min_length=1)
    plenary: Text
    date: Text
    header: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] = Field(min_length=1)
    meeting_and_date: Text | None = None


class ResolutionConventionsFile(DataFile):
    """``sources/data/conventions/resolution.yaml``: drafting conventions of resolutions, per language."""

    languages: dict[LanguageCode, ResolutionConventions]


# ----------------------------------------------------------- decipherment/*.yaml


class AttestationRecord(Record):
    """A garbled line that reads ``words`` with the entry, and a line that prints ``words`` legibly."""

    garbled: LineNumber
    legible: LineNumber
    words: Text


class KeyRecord(Record):
    """One entry of a decipherment key: garbled code points and the characters they stand for."""

    codes: Text = Field(description="the garbled code points as the source prints them")
    reading: Text = Field(description="the characters they stand for, one per code point")
    before: str = Field(default="", description="the entry applies only where these words follow the codes")
    attested: list[AttestationRecord] = Field(min_length=1)


class DecipheringKeyFile(DataFile):
    """``sources/data/decipherment/*.yaml``: the key to a source's broken font mapping."""

    unique = (("key", ("codes", "before")),)
    entry_names = {"key": "key entry"}

    key: list[KeyRecord]


# ------------------------------------------------------------------ audit/*.yaml


class ReviewRecord(Record):
    """A place the audit reports that an editor has looked at."""

    check: matching(r"[a-z][a-z-]*", "the name of an audit check such as hidden-legible")
    line: LineNumber
    status: Literal["accepted", "open"]
    reason: Text


class ReviewedFile(DataFile):
    """``sources/data/audit/*.yaml``: the reviewed places of an audit."""

    unique = (("reviewed", ("check", "line")),)
    entry_names = {"reviewed": "review"}

    reviewed: list[ReviewRecord] = []


#: The JSON Schema of each data file: ``sources/schemas/<name>.schema.json``.
SCHEMAS: dict[str, type[DataFile]] = {
    "decipherment": DecipheringKeyFile,
    "audit-reviewed": ReviewedFile,
    "languages": LanguagesFile,
    "works": WorksFile,
    "conventions-resolution": ResolutionConventionsFile,
    "registry": Registry,
    "emendations": EmendationsFile,
    "concordance": ConcordanceFile,
    "annotations": AnnotationsFile,
    "documents": DocumentsFile,
    "ui": UIFile,
    "format-characters": FormatCharactersFile,
}

SCHEMA_FOLDER = Path(SOURCES) / SCHEMAS_FOLDER

#: Every data file under ``sources/`` (a glob) and the schema it is written against.
DATA_FILES: dict[str, str] = {
    "data/languages.yaml": "languages",
    "data/works.yaml": "works",
    "data/conventions/resolution.yaml": "conventions-resolution",
    "registry.yaml": "registry",
    "data/emendations/*.yaml": "emendations",
    "data/concordance.yaml": "concordance",
    "data/annotations.yaml": "annotations",
    "data/documents.yaml": "documents",
    "data/ui/*.yaml": "ui",
    "data/format-characters.yaml": "format-characters",
    "data/decipherment/*.yaml": "decipherment",
    "data/audit/*.yaml": "audit-reviewed",
}


def check_data_files(sources: Path) -> int:
    """Validate every data file against its schema alone (no cross-checks); all errors of all files together.

    Returns the number of files checked. The loaders check the same files again
    with what needs the parsed texts; this lets ``edition check`` report every
    schema error at once, including files only the page producers read.
    """
    errors: list[DataError] = []
    count = 0
    for pattern, name in DATA_FILES.items():
        for path in sorted(sources.glob(pattern)):
            count += 1
            try:
                load_data(path, SCHEMAS[name])
            except DataErrors as exc:
                errors.extend(exc.errors)
            except DataError as exc:
                errors.append(exc)
    if errors:
        raise DataErrors(errors)
    return count


def json_schema(model: type[DataFile]) -> str:
    """The JSON Schema text of a data file model, as committed (sorted keys, LF, final newline)."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def generated_schemas() -> dict[str, str]:
    """``{file name: text}`` of every JSON Schema."""
    return {f"{name}.schema.json": json_schema(model) for name, model in SCHEMAS.items()}


def write_schemas(root: Path) -> list[str]:
    """Write the JSON Schemas under ``root/sources/schemas``; return the names that changed."""
    folder = root / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generated_schemas().items():
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed
