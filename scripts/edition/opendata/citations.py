"""How to cite each work, as CSL-JSON, BibTeX and RIS: one entry per work and interface language.

Everything comes from ``works.yaml``: title, author, date and symbol of the work in each
interface language. BibTeX values have TeX's special characters escaped; RIS values are
folded to one line (a line break in a value would start a new tag).
"""

from __future__ import annotations

import re

from .aligned import first_page
from .common import DATA_DIR, Addresses, DataFile, json_bytes

CSL_SCHEMA = f"{DATA_DIR}/schemas/csl-data.schema.json"
#: Per kind of work: its CSL item type, BibTeX entry type and RIS reference type.
TYPES = {
    "resolution": ("legislation", "misc", "BILL"),
    "report": ("report", "techreport", "RPRT"),
    "news": ("article-newspaper", "misc", "NEWS"),
}
_FALLBACK = ("document", "misc", "GEN")

_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "%": r"\%",
        "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def tex(text: str) -> str:
    """``text`` as a BibTeX field value shows it (TeX specials escaped, white space folded)."""
    return "".join(_TEX.get(ch, ch) for ch in " ".join(text.split()))


def entries(site, addresses: Addresses) -> list[dict]:
    """What every format says of each work in each interface language."""
    edition = site.edition
    out = []
    for work in edition.works:
        for lang in edition.languages.interface:
            page = first_page(site, work.id)
            out.append({
                "key": f"{work.id}-{lang}", "kind": work.kind, "title": work.title[lang],
                "author": (work.author or {}).get(lang), "date": work.date, "symbol": work.symbol,
                "language": edition.languages.tag(lang),
                "url": addresses.page(page, lang=lang) if addresses.base else None,
            })
    return out


def csl(items: list[dict]) -> list[dict]:
    out = []
    for e in items:
        y, m, d = (int(x) for x in e["date"].split("-"))
        item = {"id": e["key"], "type": TYPES.get(e["kind"], _FALLBACK)[0], "title": e["title"],
                "issued": {"date-parts": [[y, m, d]]}, "language": e["language"]}
        if e["author"]:
            item["author"] = [{"literal": e["author"]}]
        if e["symbol"]:
            item["number"] = e["symbol"]
        if e["url"]:
            item["URL"] = e["url"]
        out.append(item)
    return out


def bibtex(items: list[dict]) -> str:
    blocks = []
    for e in items:
        y, m, _ = e["date"].split("-")
        fields = [("title", tex(e["title"]))]
        if e["author"]:
            fields.append(("author", "{" + tex(e["author"]) + "}"))  # a corporate author: braced, one name
        fields += [("year", y), ("month", str(int(m))), ("date", e["date"]), ("language", tex(e["language"]))]
        if e["symbol"]:
            fields.append(("number", tex(e["symbol"])))
        if e["url"]:
            fields.append(("url", tex(e["url"])))
        key = re.sub(r"[^A-Za-z0-9_:-]", "-", e["key"])
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        blocks.append(f"@{TYPES.get(e['kind'], _FALLBACK)[1]}{{{key},\n{body}\n}}\n")
    return "\n".join(blocks)


def ris(items: list[dict]) -> str:
    lines = []
    for e in items:
        def tag(name: str, value: str) -> None:
            lines.append(f"{name}  - {' '.join(value.split())}")

        tag("TY", TYPES.get(e["kind"], _FALLBACK)[2])
        tag("ID", e["key"])
        tag("TI", e["title"])
        if e["author"]:
            tag("AU", e["author"])
        tag("PY", e["date"].split("-")[0])
        tag("DA", e["date"].replace("-", "/"))
        tag("LA", e["language"])
        if e["symbol"]:
            tag("M1", e["symbol"])
        if e["url"]:
            tag("UR", e["url"])
        tag("ER", "")
    return "\r\n".join(lines) + "\r\n"


def files(site) -> list[DataFile]:
    items = entries(site, Addresses(site))
    return [
        DataFile(f"{DATA_DIR}/citations.csl.json", json_bytes(csl(items)), "csl", "application/vnd.citationstyles.csl+json",
                 "data", CSL_SCHEMA),
        DataFile(f"{DATA_DIR}/citations.bib", bibtex(items).encode("utf-8"), "bibtex", "application/x-bibtex", "data"),
        DataFile(f"{DATA_DIR}/citations.ris", ris(items).encode("utf-8"), "ris", "application/x-research-info-systems",
                 "data"),
    ]
