"""The open data (``site/data/``), the plain Markdown renderings and ``llms.txt``.

Every file is checked against its schema (JSON Schema with ``jsonschema``, Akoma Ntoso with
``xmlschema`` and the vendored OASIS schema), against the model (every locked anchor of a
resolution is in its aligned file and its Akoma Ntoso table; every concordance link is an
annotation), and the "Open data" page is checked to list exactly the files that exist. The
site is the session's build (``conftest.built``); hostile text is run through each format.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest

from conftest import INTERFACE, LANGUAGES
from edition import opendata
from edition.model import Document, Emphasis, HeaderBlock, HeaderField, Paragraph, Text
from edition.opendata import akn, citations, plain
from edition.opendata.common import Addresses
from htmlscan import lang_root, scan

ROOT = Path(__file__).resolve().parents[1]
XSD = ROOT / "sources" / "schemas" / "akn" / "akomantoso30.xsd"
NS = {"a": akn.NS}
HOSTILE = "</p><script>alert(1)</script> & {x} % $ # _ ^ ~ \\ \"q\" 'a' [l](javascript:x) *b* `c`\nTY  - JOUR"


@pytest.fixture(scope="session")
def akn_schema():
    """The OASIS schema, loaded once per session (it takes a few seconds)."""
    import xmlschema

    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture(scope="module")
def catalogue(site_spec):
    return opendata.open_data(site_spec)


def resolutions(edition):
    return [w for w in edition.works if w.kind == "resolution"]


def locked(work) -> list[str]:
    page = work.path("index.md")
    lines = (ROOT / "sources" / "anchors.lock").read_text(encoding="utf-8").splitlines()
    return [line.split()[1] for line in lines if line and not line.startswith("#") and line.split()[0] == page]


def load_json(site_dir: Path, path: str):
    return json.loads((site_dir / path).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ schemas


def test_every_file_of_the_catalogue_is_in_the_site_with_the_same_bytes(site_dir, catalogue, site_spec):
    for f in [*catalogue, *opendata.text_files(site_spec)]:
        assert (site_dir / f.path).read_bytes() == f.content, f.path
    assert {p.relative_to(site_dir).as_posix() for p in (site_dir / "data").rglob("*") if p.is_file()} \
        == {f.path for f in catalogue}


def test_json_files_validate_against_their_json_schema(site_dir, catalogue):
    checked = set()
    for f in catalogue:
        if f.schema and f.schema.endswith(".json"):
            schema = load_json(site_dir, f.schema)
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.Draft202012Validator(schema).validate(load_json(site_dir, f.path))
            checked.add(f.format)
    assert {"aligned", "annotations", "akn-eids", "csl"} <= checked


def test_published_schemas_are_the_committed_ones(site_dir):
    committed = sorted((ROOT / plain.SCHEMA_SOURCES).glob("*.json"))
    assert committed
    for p in committed:
        assert (site_dir / "data" / "schemas" / p.name).read_bytes() == p.read_bytes()


def test_akoma_ntoso_files_validate_against_the_oasis_schema(site_dir, catalogue, akn_schema):
    files = [f for f in catalogue if f.format == "akn"]
    assert files
    for f in files:
        errors = list(akn_schema.iter_errors(str(site_dir / f.path)))
        assert not errors, f"{f.path}: {errors[0]}"


def test_json_ld_is_well_formed_web_annotation(site_dir, catalogue, site_spec):
    (f,) = [f for f in catalogue if f.format == "annotations"]
    doc = load_json(site_dir, f.path)
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == len(site_spec.concordance)
    ids = [a["id"] for a in items]
    assert len(set(ids)) == len(ids)
    base = "file:///site/" + f.path
    for a, link in zip(items, site_spec.concordance):
        assert a["type"] == "Annotation" and a["motivation"] == "linking"
        target = urljoin(base, a["target"])
        assert urlsplit(target).fragment == link.paragraph
        texts = {b["language"]: b["value"] for b in a["body"] if b.get("purpose") == "describing"}
        assert texts == {LANGUAGES.tag(lang): text for lang, text in link.rationale.items()}
        assert [b["value"] for b in a["body"] if b.get("purpose") == "tagging"] == [link.kind]
        # the target and the linked recommendation are pages of the site, with their fragment
        for url in (target, urljoin(base, a["body"][0]["id"])):
            parts = urlsplit(url)
            page = site_dir / parts.path.removeprefix("/site/")
            assert page.is_file(), url
            if parts.fragment:
                assert f'id="{parts.fragment}"' in page.read_text(encoding="utf-8"), url


# ------------------------------------------------------- content vs the model


def test_every_locked_anchor_of_a_resolution_is_in_its_aligned_file_and_akn_table(site_dir, edition):
    for work in resolutions(edition):
        anchors = locked(work)
        assert "op5" in anchors or len(anchors) > 3
        aligned = load_json(site_dir, f"data/{work.id}.aligned.json")
        units = {u["anchor"]: u for u in aligned["units"]}
        witnesses = edition.witnesses(work.id)
        for anchor in anchors:
            assert anchor in units, anchor
            assert set(units[anchor]["text"]) == set(witnesses), anchor
        table = load_json(site_dir, f"data/{work.id}.akn-eids.json")
        eids = {row["anchor"]: row["eId"] for row in table["anchors"]}
        assert set(anchors) <= set(eids)
        for lang in witnesses:
            tree = ET.parse(site_dir / f"data/{work.id}.{lang}.akn.xml")
            present = {e.get("eId") for e in tree.iter() if e.get("eId")}
            assert set(eids.values()) <= present, lang


def test_aligned_text_citations_and_emendations_follow_the_model(site_dir, edition, site_spec):
    for work in resolutions(edition):
        units = {u["anchor"]: u for u in load_json(site_dir, f"data/{work.id}.aligned.json")["units"]}
        for lang, doc in edition.witnesses(work.id).items():
            for block in doc.blocks:
                if isinstance(block, Paragraph):
                    from edition.model import plain_text

                    assert units[block.anchor]["text"][lang] == " ".join(plain_text(block.inlines).split())
        op = next(b for b in next(iter(edition.witnesses(work.id).values())).blocks
                  if isinstance(b, Paragraph) and b.role == "operative")
        n = "".join(c for c in op.anchor if c.isdigit())
        assert units[op.anchor]["citation"] == {lang: work.cite("operative", lang, n=n) for lang in INTERFACE}
    records = {e.id: e for e in edition.emendations if e.source in edition.documents}
    published = {}
    for work in edition.works:
        for u in load_json(site_dir, f"data/{work.id}.aligned.json")["units"]:
            for e in u["emendations"]:
                published[e["id"]] = e
    for eid, e in records.items():
        if eid in published:
            assert published[eid]["original"] == e.original and published[eid]["reading"] == e.corrected
            assert published[eid]["reason"] == e.reason
    assert published, "no emendation reached the aligned files"


def test_akn_names_follow_akn4un(site_dir, edition):
    for work in resolutions(edition):
        uri = akn.work_uri(work)
        session, number = work.symbol.split("/")[2:]
        assert uri == f"/akn/un/statement/deliberation/unga/{work.date}/{session}-{number}"
        for lang in edition.witnesses(work.id):
            code = LANGUAGES.get(lang).iso639_2
            root = ET.parse(site_dir / f"data/{work.id}.{lang}.akn.xml").getroot()
            work_this = root.find(".//a:FRBRWork/a:FRBRthis", NS).get("value")
            expr_this = root.find(".//a:FRBRExpression/a:FRBRthis", NS).get("value")
            assert work_this == f"{uri}/!main"
            assert expr_this == f"{uri}/{code}@/!main"
            assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == code
            paras = root.findall(".//a:mainBody/a:paragraph", NS)
            assert [p.get("eId") for p in paras] == [f"para_{i}" for i in range(1, len(paras) + 1)]


# ---------------------------------------------------------------- citations


def parse_bibtex(text: str) -> dict[str, dict[str, str]]:
    """A small BibTeX reader (entries of braced fields), enough to read back what the edition writes."""
    out: dict[str, dict[str, str]] = {}
    pos = 0
    while (m := re.compile(r"@(\w+)\{([^,]+),").search(text, pos)):
        fields: dict[str, str] = {"ENTRYTYPE": m.group(1)}
        i = m.end()
        while True:
            f = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, i)
            if not f:
                break
            depth, j = 1, f.end()
            while depth:
                if text[j] == "\\":
                    j += 2
                    continue
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            fields[f.group(1)] = text[f.end():j - 1]
            i = j
            c = re.compile(r"\s*,").match(text, i)
            i = c.end() if c else i
        close = re.compile(r"\s*\}").match(text, i)
        assert close, f"entry {m.group(2)} is not closed"
        out[m.group(2)] = fields
        pos = close.end()
    return out


def untex(value: str) -> str:
    for tex, ch in ((r"\textbackslash{}", "\\"), (r"\^{}", "^"), (r"\~{}", "~")):
        value = value.replace(tex, ch)
    return re.sub(r"\\([{}$&#%_])", r"\1", value)


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    records, current = [], {}
    for line in text.split("\r\n"):
        if not line:
            continue
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, line
        if m.group(1) == "ER":
            records.append(current)
            current = {}
        else:
            current.setdefault(m.group(1), []).append(m.group(2))
    assert not current
    return records


def test_bibtex_and_ris_read_back_to_the_works(site_dir, edition):
    bib = parse_bibtex((site_dir / "data/citations.bib").read_text(encoding="utf-8"))
    ris = parse_ris((site_dir / "data/citations.ris").read_bytes().decode("utf-8"))
    csl = load_json(site_dir, "data/citations.csl.json")
    assert len(bib) == len(ris) == len(csl) == len(edition.works) * len(INTERFACE)
    by_id = {r["ID"][0]: r for r in ris}
    for work in edition.works:
        for lang in INTERFACE:
            key = f"{work.id}-{lang}"
            assert untex(bib[key]["title"]) == work.title[lang]
            assert untex(bib[key]["author"]) == "{" + work.author[lang] + "}"
            assert bib[key]["date"] == work.date
            assert by_id[key]["TI"] == [work.title[lang]] and by_id[key]["AU"] == [work.author[lang]]
            if work.symbol:
                assert untex(bib[key]["number"]) == work.symbol and by_id[key]["M1"] == [work.symbol]


def test_hostile_text_is_inert_in_bibtex_and_ris():
    item = {"key": "w-en", "kind": "report", "title": HOSTILE, "author": HOSTILE, "date": "2024-01-02",
            "symbol": HOSTILE, "language": "en", "url": None}
    bib = parse_bibtex(citations.bibtex([item]))
    folded = " ".join(HOSTILE.split())
    assert list(bib) == ["w-en"] and untex(bib["w-en"]["title"]) == folded
    assert untex(bib["w-en"]["author"]) == "{" + folded + "}"
    (record,) = parse_ris(citations.ris([item]))
    assert record["TI"] == [folded] and "JOUR" not in record.get("TY", [])


# ------------------------------------------------------- hostile text in XML/MD


def test_hostile_text_is_inert_in_akoma_ntoso_and_markdown(site_spec, akn_schema):
    edition = site_spec.edition
    work = resolutions(edition)[0]
    lang, real = next(iter(edition.witnesses(work.id).items()))
    hostile = (Text(HOSTILE),)
    doc = Document(real.source, work.id, lang, "hostile.txt", (
        HeaderBlock("header", (HeaderField("title", hostile, (1,)), HeaderField("opening", hostile, (2,)))),
        Paragraph("pp1", None, hostile, (3,), role="preamble"),
        Paragraph("op1", "1.", (Emphasis(hostile),) + hostile, (4,), role="operative"),
    ))
    xml = akn.document(site_spec, work, doc)
    root = ET.fromstring(xml)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    paras = root.findall(".//a:mainBody/a:paragraph/a:content/a:p", NS)
    assert "".join(paras[0].itertext()) == HOSTILE * 2
    import xmlschema

    assert akn_schema.is_valid(xmlschema.XMLResource(xml.decode("utf-8")))

    import markdown

    md = plain.rendering(site_spec, work, doc, Addresses(site_spec, base=""))
    rendered = markdown.markdown(md)
    assert "<script" not in rendered and "javascript:" not in re.findall(r'href="([^"]*)"', rendered).__str__()
    assert "<em>" not in rendered and "<strong>" not in rendered


# ---------------------------------------------------------------- addresses


def test_with_a_public_address_every_url_is_absolute(site_spec, monkeypatch):
    from edition.assembly import assemble

    monkeypatch.setenv("EDITION_SITE_URL", "https://texts.example.org/edition")
    site = assemble(site_spec.edition)
    files = opendata.open_data(site)
    aligned = json.loads(next(f for f in files if f.format == "aligned").content)
    assert aligned["work"]["url"].startswith("https://texts.example.org/edition/")
    assert all(u["url"].startswith("https://texts.example.org/edition/") for u in aligned["units"])
    anno = json.loads(next(f for f in files if f.format == "annotations").content)
    assert anno["id"] == "https://texts.example.org/edition/data/concordance.annotations.jsonld"
    assert all(a["target"].startswith("https://texts.example.org/edition/") for a in anno["first"]["items"])
    csl = json.loads(next(f for f in files if f.format == "csl").content)
    assert all(item["URL"].startswith("https://texts.example.org/edition/") for item in csl)
    llms = next(f for f in opendata.text_files(site) if f.path == "llms.txt").content.decode("utf-8")
    assert "](https://texts.example.org/edition/md/" in llms
    for f in [*files, *opendata.text_files(site)]:
        assert b"None" not in f.content, f.path


def test_without_a_public_address_no_url_is_none_or_absolute_to_the_site(catalogue, site_spec):
    for f in [*catalogue, *opendata.text_files(site_spec)]:
        assert b"Noneindex" not in f.content and b'"None' not in f.content, f.path
    csl = json.loads(next(f for f in catalogue if f.format == "csl").content)
    assert all("URL" not in item for item in csl)


# ------------------------------------------------------------ page and tools


@pytest.mark.parametrize("lang", INTERFACE)
def test_open_data_page_lists_every_file_and_only_files_that_exist(site_dir, catalogue, site_spec, lang):
    page = lang_root(site_dir, lang) / "opendata.html"
    scanned = scan(page)
    listed = [a["href"] for tag, a in scanned.elements if tag == "a" and "opendata-file" in (a.get("class") or "")]
    resolved = {(page.parent / href).resolve() for href in listed}
    for path in resolved:
        assert path.is_file(), path
    expected = {(site_dir / f.path).resolve() for f in [*catalogue, *opendata.text_files(site_spec)]}
    assert resolved == expected
    text = page.read_text(encoding="utf-8")
    assert "CC BY 4.0" in text


def test_llms_txt_follows_the_format_and_links_files_that_exist(site_dir, edition):
    text = (site_dir / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[2].startswith("> ")
    assert [line for line in lines if line.startswith("# ")] == [lines[0]]
    links = re.findall(r"^- \[[^\n]*?\]\(([^)\s]+)\)", text, re.M)
    assert links
    for href in links:
        assert (site_dir / href).is_file(), href
    for work in edition.works:
        for lang in edition.witnesses(work.id):
            assert f"md/{work.id}.{lang}.md" in links


def test_markdown_renderings_carry_every_locked_anchor(site_dir, edition):
    for work in resolutions(edition):
        for lang in edition.witnesses(work.id):
            text = (site_dir / f"md/{work.id}.{lang}.md").read_text(encoding="utf-8")
            assert "<div" not in text and "md-" not in text
            for anchor in locked(work):
                assert f"`#{anchor}`" in text, (lang, anchor)


# ---------------------------------------------------------------- bad input


def test_a_resolution_language_without_its_iso_code_is_refused_with_the_file(edition):
    from dataclasses import replace

    from edition.errors import DataError
    from edition.languages import Languages

    lang = next(iter(edition.witnesses(resolutions(edition)[0].id)))
    stripped = Languages(tuple(replace(x, iso639_2=None) if x.code == lang else x for x in edition.languages.all))
    with pytest.raises(DataError) as exc:
        akn.language_code(replace(edition, languages=stripped), lang)
    assert "languages.yaml" in str(exc.value) and "iso639_2" in str(exc.value)


def test_a_resolution_whose_symbol_is_not_a_general_assembly_resolution_is_refused(edition):
    from dataclasses import replace

    from edition.errors import DataError

    work = replace(resolutions(edition)[0], symbol="S/RES/2719 (2023)")
    with pytest.raises(DataError) as exc:
        akn.work_uri(work)
    assert "works.yaml" in str(exc.value) and "A/RES/" in str(exc.value)


def test_survey_charts_reach_the_data_as_their_legible_labels_and_a_heading(site_dir, edition):
    """A chart of the report's survey annexes is an anchored unit: in the aligned file its text is
    its legible labels only (its garbled lines are not reproduced, as on the page), and in the plain
    Markdown it has a heading (its label) and its anchor, never an empty bold pair."""
    import re

    from edition.model import Container, plain_text
    from edition.pages.report import garbled
    from edition.parsers.report import SURVEY_CHART

    for work in edition.works:
        for lang, doc in edition.witnesses(work.id).items():
            text = (site_dir / f"md/{work.id}.{lang}.md").read_text(encoding="utf-8")
            for line in text.splitlines():  # a bold run is not empty and does not start or end with a space
                for bold in re.findall(r"\*\*(.*?)\*\*", line):
                    assert bold.strip() and bold == bold.strip(), (work.id, lang, line)
    report = next(w for w in edition.works if w.kind == "report")
    units = {u["anchor"]: u for u in load_json(site_dir, f"data/{report.id}.aligned.json")["units"]}
    doc = next(iter(edition.witnesses(report.id).values()))
    charts = [b for b in doc.blocks if isinstance(b, Container) and b.note == SURVEY_CHART]
    assert charts
    text = (site_dir / f"md/{report.id}.{doc.lang}.md").read_text(encoding="utf-8")
    for chart in charts:
        labels = [" ".join(plain_text(b.inlines).split()) for b in chart.blocks if not garbled(b)]
        assert units[chart.anchor]["text"][doc.lang] == "\n".join(t for t in labels if t), chart.anchor
        assert f"**{chart.label}** `#{chart.anchor}`" in text
