"""Stage 6, references: "见建议4和5", "方框9", "第66和73段", "附件E", "图9", "78/265" become links."""

from __future__ import annotations

import re

from ...model import DocRef, Inline, Text, Xref
from .tree import map_text


_REF = re.compile(
    r"(?P<rec>建议\s*(?P<recs>\d(?:\s*[、和及至]\s*\d)*))"
    r"|(?P<box>方框\s*(?P<boxn>\d{1,2}))"
    r"|(?P<para>第\s*(?P<paras>\d{1,3}(?:\s*[、和至]\s*\d{1,3})*)\s*段)"
    r"|(?P<annex>附件\s*(?P<annexl>[A-G]))"
    r"|(?P<fig>图\s*(?:[\(（](?P<figl>[a-d])[\)）]|(?P<fign>\d{1,2})))"
    r"|(?P<res>(?<![\d/])78/(?P<resn>265|311)(?!\d))"
)


def link_references(inlines: tuple[Inline, ...], part: str, anchors: set[str], page_of) -> tuple[Inline, ...]:
    """Make internal references links: recommendations, boxes, paragraphs, annexes, figures,
    and resolutions 78/265 and 78/311 (to the official document). A reference to a
    target that does not exist in the edition stays text."""

    def target(kind: str, key: str) -> str | None:
        if kind == "rec":
            a = f"es-rec{key}" if part == "summary" and f"es-rec{key}" in anchors else f"rec{key}"
        elif kind == "box":
            a = f"box{key}"
        elif kind == "para":
            a = f"p{key}"
        elif kind == "annex":
            a = f"annex-{key.lower()}"
        else:
            a = key
        return a if a in anchors else None

    def split(text: str) -> list[Inline]:
        out: list[Inline] = []
        pos = 0
        for m in _REF.finditer(text):
            if m.start() > pos:
                out.append(Text(text[pos:m.start()]))
            pos = m.end()
            if m.group("res"):
                out.append(DocRef(f"A/RES/78/{m.group('resn')}", (Text(m.group(0)),)))
                continue
            if m.group("rec") or m.group("para"):
                kind = "rec" if m.group("rec") else "para"
                body = m.group(0)
                # each number in "建议4和5" / "第66和73段" links to its own target
                pieces: list[Inline] = []
                last = 0
                for num in re.finditer(r"\d{1,3}", body):
                    a = target(kind, num.group(0))
                    end = num.end()
                    if num.start() == re.search(r"\d", body).start():
                        chunk_start = 0
                    else:
                        chunk_start = num.start()
                    if last < chunk_start:
                        pieces.append(Text(body[last:chunk_start]))
                    chunk_end = end if kind == "rec" or num.end() != len(body.rstrip("段")) else len(body)
                    chunk = body[chunk_start:chunk_end]
                    pieces.append(Xref(page_of(a), a, (Text(chunk),)) if a else Text(chunk))
                    last = chunk_end
                if last < len(body):
                    pieces.append(Text(body[last:]))
                out.extend(pieces)
                continue
            if m.group("box"):
                a = target("box", m.group("boxn"))
            elif m.group("annex"):
                a = target("annex", m.group("annexl"))
            else:
                a = target("fig", f"fig-{m.group('figl')}" if m.group("figl") else f"fig{m.group('fign')}")
            out.append(Xref(page_of(a), a, (Text(m.group(0)),)) if a else Text(m.group(0)))
        if pos < len(text):
            out.append(Text(text[pos:]))
        return out

    return map_text(inlines, split)
