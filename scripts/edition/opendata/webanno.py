"""The concordance as W3C Web Annotations (JSON-LD): one annotation per link.

Each annotation's target is the resolution paragraph's address; its motivation is
``linking``; its bodies are the linked recommendation (its address), the rationale in
each interface language (a ``TextualBody`` with its ``language``, purpose ``describing``)
and the kind of link (a ``TextualBody`` with purpose ``tagging``: ``responds``…). The
file is an ``AnnotationCollection`` whose one page holds every annotation, in the
concordance's order.
"""

from __future__ import annotations

from ..concordance import WHOLE_REPORT
from .aligned import first_page
from .common import DATA_DIR, Addresses, DataFile, json_bytes

NAME = "concordance.annotations.jsonld"
SCHEMA = f"{DATA_DIR}/schemas/web-annotation.schema.json"
#: The Web Annotation Data Model's JSON-LD context (W3C Recommendation, 23 February 2017).
CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def collection(site, addresses: Addresses) -> dict:
    edition = site.edition
    report_pages = set(site.report_anchor_pages.values())
    report = next(s.work for s in site.specs if s.key in report_pages)
    here = addresses.url(f"{DATA_DIR}/{NAME}", from_dir=DATA_DIR) if addresses.base else NAME
    items = []
    for i, link in enumerate(site.concordance, 1):
        if link.recommendation == WHOLE_REPORT:
            source = addresses.page(first_page(site, report))
        else:
            source = addresses.page(site.report_anchor_pages[link.recommendation], link.recommendation)
        bodies: list[dict] = [{"id": source, "type": "Text"}]
        bodies += [{"type": "TextualBody", "purpose": "describing", "format": "text/plain",
                    "language": edition.languages.tag(lang), "value": text}
                   for lang, text in sorted(link.rationale.items(), key=lambda kv: _order(edition, kv[0]))]
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": link.kind})
        items.append({
            "id": f"{here}#link-{i}",
            "type": "Annotation",
            "motivation": "linking",
            "body": bodies,
            "target": addresses.page(site.concordance_work, link.paragraph),
        })
    return {
        "@context": CONTEXT,
        "id": here,
        "type": "AnnotationCollection",
        "label": edition.ui.t("opendata_annotations_label", edition.languages.default),
        "total": len(items),
        "first": {"id": f"{here}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _order(edition, lang: str) -> int:
    codes = edition.languages.codes
    return codes.index(lang) if lang in codes else len(codes)


def files(site) -> list[DataFile]:
    if not site.concordance:
        return []
    return [DataFile(f"{DATA_DIR}/{NAME}", json_bytes(collection(site, Addresses(site))), "annotations",
                     "application/ld+json", "data", SCHEMA)]
