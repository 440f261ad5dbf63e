"""Parser for the Xinhua pieces copied from a web page (Chinese).

The web page brings navigation ("当前位置 : 首页 > …", a section name), two
pieces, each opened by a dateline ("新华社联合国7月1日电", "新华社北京7月2日电
题:…"), a byline in the second, and captions of photos that were not copied.
The rules, in order:

1. :func:`classify` names each line: furniture, dateline, byline, photo caption,
   title or text; the page furniture is recorded in the ledger, not rendered.
2. :func:`split_pieces` starts a piece at its title or its dateline.
3. Each piece becomes a heading, a line giving source, date and author, its
   paragraphs (anchors ``xinhua-0701-p1`` …) and its photo captions (marked as
   captions of photos not included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SourceError
from ..model import Container, Document, Heading, LedgerEntry, Paragraph, Text

_FURNITURE = (re.compile(r"^当前位置\s*:"), re.compile(r"^资讯中心$"))
_DATELINE = re.compile(r"^新华社(?P<place>\S+?)(?P<month>\d{1,2})月(?P<day>\d{1,2})日电"
                       r"(?:\((?:记者)?(?P<author>[^)]+)\))?(?:\s*题:(?P<title>.+?)\s*$)?")
_BYLINE = re.compile(r"^新华社记者\s*(?P<names>\S.*)$")
_PHOTO = re.compile(r"^\d{1,2}月\d{1,2}日,.+新华社记者\s*\S+(?:\s+\S+)?\s*摄$")


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    kind: str  # furniture | dateline | byline | photo | title | text | blank


def classify(lines: list[str]) -> list[Line]:
    """Name every line; a short line followed by a dateline is a piece's title."""
    out: list[Line] = []
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text:
            kind = "blank"
        elif any(p.search(text) for p in _FURNITURE):
            kind = "furniture"
        elif _DATELINE.match(text):
            kind = "dateline"
        elif _BYLINE.match(text):
            kind = "byline"
        elif _PHOTO.match(text):
            kind = "photo"
        else:
            kind = "text"
        out.append(Line(number, text, kind))
    for i, line in enumerate(out):
        if line.kind == "text" and len(line.text) <= 40 and not line.text.endswith(("。", "，", "”")):
            following = next((x for x in out[i + 1:] if x.kind != "blank"), None)
            if following is not None and following.kind == "dateline":
                out[i] = Line(line.number, line.text, "title")
    return out


def split_pieces(lines: list[Line], path: str) -> list[list[Line]]:
    """Cut the page into pieces: each begins at a title or at a dateline not preceded by one."""
    pieces: list[list[Line]] = []
    for line in lines:
        if line.kind in ("blank", "furniture"):
            continue
        starts = line.kind == "title" or (line.kind == "dateline" and not (pieces and pieces[-1][-1].kind == "title"))
        if starts:
            pieces.append([])
        if not pieces:
            raise SourceError(path, line.number, f"text before the first piece: {line.text[:30]!r}; "
                              "expected a title or a dateline (新华社…电)")
        pieces[-1].append(line)
    if not pieces:
        raise SourceError(path, None, "no piece found; expected a dateline such as 新华社北京7月2日电")
    return pieces


def parse_news(lines: list[str], *, lang: str, path: str, source: str = "", document: str = "context") -> Document:
    if lang != "zh":
        raise SourceError(path, None, f"unknown language '{lang}' for a Xinhua piece; expected zh")
    classified = classify(lines)
    blocks: list = []
    ledger: dict[int, tuple[str, str]] = {}
    for line in classified:
        if line.kind == "blank":
            ledger[line.number] = ("blank", "blank")
        elif line.kind == "furniture":
            ledger[line.number] = ("furniture", "news.page-navigation")
    for piece in split_pieces(classified, path):
        dateline = next((x for x in piece if x.kind == "dateline"), None)
        if dateline is None:
            raise SourceError(path, piece[0].number, "a piece without a dateline; expected 新华社…电")
        m = _DATELINE.match(dateline.text)
        key = f"xinhua-{int(m.group('month')):02d}{int(m.group('day')):02d}"
        title_line = next((x for x in piece if x.kind == "title"), None)
        title = title_line.text if title_line else (m.group("title") or "")
        if not title:
            raise SourceError(path, dateline.number, "a piece without a title")
        byline = next((x for x in piece if x.kind == "byline"), None)
        title_lines = (title_line.number,) if title_line else (dateline.number,)
        blocks.append(Heading(2, key, (Text(title),), title_lines))
        # source, place, date and author, the author in the source's own words
        who = byline.text if byline else (f"新华社记者{m.group('author').removeprefix('记者')}" if m.group("author") else "")
        meta = ("新华社", m.group("place"), f"2024年{int(m.group('month'))}月{int(m.group('day'))}日", who)
        blocks.append(Paragraph(f"{key}-meta", None, (Text(" · ".join(v for v in meta if v)),),
                                tuple(x.number for x in (byline,) if x), "news-meta"))
        n = photos = 0
        for line in piece:
            if line is title_line:
                ledger[line.number] = ("heading", "news.title")
            elif line.kind == "byline":
                ledger[line.number] = ("text", "news.byline")
            elif line.kind == "photo":
                photos += 1
                blocks.append(Container("photo", f"{key}-photo{photos}", None, (Text(line.text),), (),
                                        (line.number,)))
                ledger[line.number] = ("caption", "news.photo-caption")
            elif line.kind == "dateline" and m.group("title") and line is dateline:
                # "新华社北京7月2日电 题:…": the dateline is a line of its own, with the title in it
                n += 1
                blocks.append(Paragraph(f"{key}-p{n}", None, (Text(line.text),), (line.number,), "news"))
                ledger[line.number] = ("text", "news.dateline")
            elif line.kind in ("text", "dateline"):
                n += 1
                blocks.append(Paragraph(f"{key}-p{n}", None, (Text(line.text),), (line.number,), "news"))
                ledger[line.number] = ("text", "news.paragraph")
    entries = [LedgerEntry(n, *ledger[n]) for n in range(1, len(lines) + 1)]
    return Document(source=source, document=document, lang="zh", path=path, blocks=tuple(blocks),
                    ledger=tuple(entries))
