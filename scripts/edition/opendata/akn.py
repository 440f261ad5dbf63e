"""Each resolution in each language as Akoma Ntoso 3.0 XML, named after the UN's AKN4UN guidelines.

The work is a General Assembly deliberation, ``/akn/un/statement/deliberation/unga/<date>/<session>-<number>``
(from the work's symbol ``A/RES/<session>/<number>`` and date); each language version is an
expression of it, ``…/<iso639-2>@/!main`` (the ISO 639-2/T code declared in ``languages.yaml``),
and the file is its XML manifestation (``…/!main.xml``). The heading stands in ``preface``, the
opening formula and the preambular paragraphs in ``preamble`` (``container`` s,
``preamble__container_<n>``), the operative paragraphs in ``mainBody`` (``paragraph``,
``para_<n>``), the meeting and date in ``conclusions``, footnotes in ``meta/notes``
(``note_<n>``). A table from the edition's anchors (``pp1``, ``op5``) to these ``eId`` s is
published beside the XML. The XML is built with :mod:`xml.etree.ElementTree`, which escapes
every text and attribute value.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..errors import DataError
from ..model import (Abbr, Conjecture, DocRef, Emended, Emphasis, ExternalLink, HeaderBlock, Illegible, NoteRef,
                     Paragraph, Text, Xref)
from .common import DATA_DIR, DataFile, json_bytes

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: The OASIS schema the files follow (vendored for the tests in sources/schemas/akn/).
SCHEMA_URL = "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/os/part2-specs/schemas/akomantoso30.xsd"
MAP_SCHEMA = f"{DATA_DIR}/schemas/akn-eids.schema.json"
_SYMBOL = re.compile(r"A/RES/(?P<session>\d+)/(?P<number>\d+)")


def work_uri(work) -> str:
    """The FRBR work URI: ``/akn/un/statement/deliberation/unga/2024-07-01/78-311``."""
    m = _SYMBOL.fullmatch(work.symbol or "")
    if not m:
        raise DataError("sources/data/works.yaml", None, f"work {work.id}: Akoma Ntoso names a General Assembly "
                        f"resolution by its symbol A/RES/<session>/<number>; got {work.symbol!r}")
    return f"/akn/un/statement/deliberation/unga/{work.date}/{m['session']}-{m['number']}"


def language_code(edition, lang: str) -> str:
    code = edition.languages.get(lang).iso639_2
    if not code:
        raise DataError("sources/data/languages.yaml", None, f"language {lang}: Akoma Ntoso names a language "
                        "version by its ISO 639-2/T code; add `iso639_2:` (for example fra) to the language")
    return code


def eid(anchor: str, block) -> str | None:
    """The Akoma Ntoso ``eId`` of an anchored unit of a resolution (None: the unit has none of its own)."""
    n = "".join(ch for ch in anchor if ch.isdigit())
    if isinstance(block, Paragraph) and block.role == "preamble":
        return f"preamble__container_{n}"
    if isinstance(block, Paragraph) and block.role == "operative":
        return f"para_{n}"
    if isinstance(block, HeaderBlock):
        return {"header": "preface", "closing": "conclusions"}.get(anchor)
    return f"note_{n}" if n else None


def eid_table(doc) -> list[dict]:
    rows = [{"anchor": b.anchor, "eId": eid(b.anchor, b)} for b in doc.blocks if getattr(b, "anchor", None)]
    rows += [{"anchor": f.anchor, "eId": eid(f.anchor, f)} for f in doc.footnotes]
    return [r for r in rows if r["eId"]]


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent, tag: str, **attrs: str):
    return ET.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items()})


#: Elements whose content is text (mixed content): never indented, so their text stays as it is.
_MIXED = {_q(t) for t in ("p", "num", "docTitle", "i", "b", "a", "abbr")}


def _indent(elem, level: int = 0) -> None:
    """Indent the structure (one space a level), leaving mixed content untouched."""
    if elem.tag in _MIXED or not len(elem):
        return
    pad = "\n" + " " * (level + 1)
    elem.text = pad
    for child in elem:
        _indent(child, level + 1)
        child.tail = pad
    elem[-1].tail = "\n" + " " * level


def _append_text(parent, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inlines(parent, inlines, notes: dict[str, str]) -> None:
    """Inline content: text, emphasis (``i``/``b``), links (``a``), abbreviations, footnote calls."""
    for node in inlines:
        if isinstance(node, Text):
            _append_text(parent, node.text)
        elif isinstance(node, Emphasis):
            _inlines(_sub(parent, "b" if node.style == "bold" else "i"), node.children, notes)
        elif isinstance(node, NoteRef):
            _sub(parent, "noteRef", href=f"#{notes.get(node.note, node.note)}", marker=node.label)
        elif isinstance(node, Emended):
            _inlines(parent, node.corrected, notes)
        elif isinstance(node, ExternalLink) and node.url.startswith(("http://", "https://")):
            _inlines(_sub(parent, "a", href=node.url), node.children, notes)
        elif isinstance(node, Abbr):
            _append_text(_sub(parent, "abbr", title=node.title), node.text)
        elif isinstance(node, Conjecture):
            _append_text(parent, node.reading)
        elif isinstance(node, Illegible):
            continue
        elif isinstance(node, (Xref, DocRef, ExternalLink)):
            _inlines(parent, node.children, notes)
        else:
            raise TypeError(f"no Akoma Ntoso form for {type(node).__name__}")


def document(site, work, doc) -> bytes:
    """One language version of a resolution as an Akoma Ntoso document."""
    edition = site.edition
    lang = language_code(edition, doc.lang)
    work_this = work_uri(work)
    expression = f"{work_this}/{lang}@"
    entry = edition.entry(doc.source)
    root = ET.Element(_q("akomaNtoso"))
    statement = _sub(root, "statement", name="deliberation")
    meta = _sub(statement, "meta")
    ident = _sub(meta, "identification", source="#edition")
    frbr = _sub(ident, "FRBRWork")
    _sub(frbr, "FRBRthis", value=f"{work_this}/!main")
    _sub(frbr, "FRBRuri", value=work_this)
    _sub(frbr, "FRBRdate", date=work.date, name="adoption")
    _sub(frbr, "FRBRauthor", href="#unga")
    _sub(frbr, "FRBRcountry", value="un")
    _sub(frbr, "FRBRsubtype", value="deliberation")
    m = _SYMBOL.fullmatch(work.symbol)
    _sub(frbr, "FRBRnumber", value=f"{m['session']}/{m['number']}")
    _sub(frbr, "FRBRname", value=work.symbol)
    expr = _sub(ident, "FRBRExpression")
    _sub(expr, "FRBRthis", value=f"{expression}/!main")
    _sub(expr, "FRBRuri", value=f"{expression}")
    _sub(expr, "FRBRdate", date=work.date, name="adoption")
    _sub(expr, "FRBRauthor", href="#unga")
    _sub(expr, "FRBRlanguage", language=lang)
    man = _sub(ident, "FRBRManifestation")
    _sub(man, "FRBRthis", value=f"{expression}/!main.xml")
    _sub(man, "FRBRuri", value=f"{expression}/.akn")
    _sub(man, "FRBRdate", date=entry.date, name="source")
    _sub(man, "FRBRauthor", href="#edition")
    refs = _sub(meta, "references", source="#edition")
    default = edition.languages.default
    in_lang = doc.lang if doc.lang in edition.languages.interface else default
    author = (work.author or {}).get(in_lang) or work.symbol
    _sub(refs, "TLCOrganization", eId="unga", href="/ontology/organization/un/unga", showAs=author)
    _sub(refs, "TLCOrganization", eId="edition", href="/ontology/organization/un-ai-texts-edition",
         showAs=edition.ui.t("site_name", in_lang))
    note_ids = {f.anchor: eid(f.anchor, f) for f in doc.footnotes}
    if doc.footnotes:
        notes = _sub(meta, "notes", source="#edition")
        for fn in doc.footnotes:
            note = _sub(notes, "note", eId=note_ids[fn.anchor], marker=fn.label)
            _inlines(_sub(note, "p"), fn.inlines, note_ids)
    blocks = {b.anchor: b for b in doc.blocks if getattr(b, "anchor", None)}
    header = blocks.get("header")
    preface = _sub(statement, "preface", eId="preface")
    preamble = _sub(statement, "preamble", eId="preamble")
    if isinstance(header, HeaderBlock):
        for field in header.fields:
            if field.name == "opening":
                _inlines(_sub(_sub(preamble, "formula", name="enactingFormula"), "p"), field.inlines, note_ids)
            elif field.name == "title":
                _inlines(_sub(_sub(preface, "p", class_="title"), "docTitle"), field.inlines, note_ids)
            else:
                _inlines(_sub(preface, "p", class_=field.name), field.inlines, note_ids)
    body = None
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.role == "preamble":
            c = _sub(preamble, "container", name="preambularParagraph", eId=eid(block.anchor, block))
            _inlines(_sub(c, "p"), block.inlines, note_ids)
        elif isinstance(block, Paragraph) and block.role == "operative":
            body = body if body is not None else _sub(statement, "mainBody")
            para = _sub(body, "paragraph", eId=eid(block.anchor, block))
            if block.label:
                _append_text(_sub(para, "num"), block.label)
            _inlines(_sub(_sub(para, "content"), "p"), block.inlines, note_ids)
    if body is None:
        raise DataError(doc.path, None, f"{doc.source}: a resolution without operative paragraphs has no "
                        "Akoma Ntoso main body")
    closing = blocks.get("closing")
    if isinstance(closing, HeaderBlock):
        conclusions = _sub(statement, "conclusions", eId="conclusions")
        for field in closing.fields:
            _inlines(_sub(conclusions, "p", class_=field.name), field.inlines, note_ids)
    if not len(preface):
        statement.remove(preface)
    if not len(preamble):
        statement.remove(preamble)
    ET.register_namespace("", NS)
    _indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                     xml_declaration=False) + b"\n"


def files(site) -> list[DataFile]:
    out: list[DataFile] = []
    for work in site.edition.works:
        if work.kind != "resolution":
            continue
        witnesses = site.edition.witnesses(work.id)
        table = {"work": work_uri(work), "anchors": eid_table(next(iter(witnesses.values())))}
        out.append(DataFile(f"{DATA_DIR}/{work.id}.akn-eids.json", json_bytes(table), "akn-eids",
                            "application/json", "data", MAP_SCHEMA, work.id))
        for lang, doc in witnesses.items():
            out.append(DataFile(f"{DATA_DIR}/{work.id}.{lang}.akn.xml", document(site, work, doc), "akn",
                                "application/akn+xml", "texts", SCHEMA_URL, work.id, lang))
    return out
