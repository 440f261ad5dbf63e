"""Stage 5, figures and tables: figure captions (the chart is not reproduced, its residue is left
out), figures the extraction lost, and the annexes: list annexes as tables, survey annexes
as chart headlines, prose, residue and charts (their labels and garbled lines, grouped).
"""

from __future__ import annotations

import re

from ...model import Container, Heading, Paragraph, Table, plain_text
from ..text import is_cjk, is_han
from .lines import (
    _ANNEX, _ANNEXES, _ARABIC_START, _FIGURE, WIDE, Line, ends_sentence, is_garbled_zh, join_lines, legible_han,
    mostly_legible, text_inlines, width,
)
from .state import Builder, FigureBuilder

def is_chart_label(lines: list[Line], i: int) -> bool:
    """A word of a chart printed outside its figure (the "所有" of figure (a)): a lone line of at
    most three characters right before a new page (whose first line the extraction indents)."""
    text = lines[i].text
    if not text or width(text) > 6:
        return False
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    return j < len(lines) and lines[j].raw.startswith(" ") and lines[i - 1].blank


_DATE = r"\d{1,2}\s*月\s*\d{1,2}\s*日"


def annex_row(annex: str | None, text: str) -> tuple[str, ...] | None:
    """Split a line of a list annex into table cells: A (members), C (event, date, region),
    D (deep dive, date), G (abbreviation, name). Other annexes are prose."""
    if annex == "A":
        return (text,)
    if annex == "C":
        if text.startswith("活动"):
            return tuple(text.split())
        m = re.match(rf"^(?P<event>.+?)\s+(?P<date>{_DATE})\s*(?P<region>\S+)\s*$", text)
        return (m.group("event"), m.group("date"), m.group("region")) if m else None
    if annex == "D":
        if text.startswith("领域"):
            return tuple(text.split())
        m = re.match(rf"^(?P<topic>.+?)\s+(?P<date>{_DATE})\s*$", text)
        return (m.group("topic"), m.group("date")) if m else None
    if annex == "G":
        m = re.match(r"^(?P<abbr>\S+)\s+(?P<name>\S.*)$", text)
        return (m.group("abbr"), m.group("name")) if m else None
    return None


def caption_wraps(caption: str, next_raw: str) -> bool:
    """A caption goes on to the next line when it fills the line, or when it stops
    mid-phrase ("…按地区和可" / "持续发展目标分列") and the next line carries on at the
    margin with Chinese text (chart text and the next block start indented or with digits)."""
    if width(caption) >= 76:
        return True
    return (not ends_sentence(caption) and not caption.rstrip().endswith(("）", ")"))
            and bool(next_raw) and is_han(next_raw[0]))


#: A survey-annex line this wide that stops without punctuation was cut at the margin
#: (chart headlines wrap at about 70 and stand a line each when shorter than 40)...
SURVEY_WRAP_WIDTH = 60
#: ...and the annexes' prose is set at most this wide (notes under the charts run to 110, unwrapped).
SURVEY_PROSE_MEASURE = 80


def survey_line_continues(above: str, here: str) -> bool:
    """In the survey annexes, whether ``here`` goes on from the text line ``above``: only
    where ``above`` was cut at the margin. Chart headlines are set a line each
    ("74% 的受访者预计技术变革将加速" / "非西欧和其他地区组答复者预计…"), and numbers
    under a headline are the chart's."""
    if is_numeric_residue(here) or width(above) < SURVEY_WRAP_WIDTH:
        return False
    if not ends_sentence(above):
        return True
    # a sentence that ends at the margin of a prose paragraph, which goes on at full width
    return width(above) <= SURVEY_PROSE_MEASURE and width(here) >= SURVEY_WRAP_WIDTH


def is_slide_title(lines: list[Line], i: int) -> bool:
    """A survey slide's title ("样本概览"): a short Chinese line alone between blank lines,
    no digits and no chart label doubled by a text shadow ("中中国国")."""
    text = lines[i].text.strip()
    if not (2 <= len(text) <= 8) or not all(is_cjk(c) for c in text):
        return False
    if len(text) % 2 == 0 and text[0::2] == text[1::2]:
        return False
    return (i > 0 and lines[i - 1].blank) and (i + 1 < len(lines) and lines[i + 1].blank)


def is_numeric_residue(text: str) -> bool:
    """Axis values and percentages: a line at least half digits and number signs."""
    t = text.replace(" ", "")
    return bool(t) and sum(c.isdigit() or c in "%.-–,/" for c in t) / len(t) >= 0.5


def is_chart_residue(text: str) -> bool:
    """Axis values, percentages and legend fragments of a chart: digits, %, short labels."""
    if not text.replace(" ", ""):
        return False
    return is_numeric_residue(text) or (width(text) <= 8 and not ends_sentence(text))


#: A chart's values printed after a label on its line: numbers, and the check marks of figure 10,
#: which the extraction gives as "3" (a symbol font's tick).
_CHART_VALUES = re.compile(r"(?:\s+\(?[\d.,%]+\)?)+\s*$")
#: A legible label holds at least this many Han characters, and they are most of its glyphs.
LABEL_MIN_HAN = 2
LABEL_HAN_SHARE = 0.6


def chart_label(text: str) -> str | None:
    """The label a chart's line prints, its values stripped ("人工智能标准交流 3 3 3" reads
    "人工智能标准交流"), or None for a line that is no legible label (values, brackets, garbled
    glyphs: those stay the chart's residue)."""
    t = _CHART_VALUES.sub("", text.strip()).strip()
    han, glyphs = legible_han(t)
    if not glyphs or is_garbled_zh(t):
        return None
    return t if han >= LABEL_MIN_HAN and han >= LABEL_HAN_SHARE * glyphs else None


#: Overprinted bold: two or more glyphs in a row each printed twice ("中中国国"). A lost glyph
#: (U+FFFD) pair may be two different glyphs, and "……" is one punctuation mark: neither counts.
_OVERPRINT = re.compile(r"(?:((?![\ufffd…\s\d]).)\1){2,}")


def read_overprint(text: str) -> str | None:
    """``text`` with each overprinted run read once ("按按区区ֿֿ" reads "按区ֿ"), or None when it
    has none. Only for the survey annexes: elsewhere the report's own words double characters
    ("方方面面", "仅仅")."""
    if not _OVERPRINT.search(text):
        return None
    return _OVERPRINT.sub(lambda m: m.group(0)[::2], text)


# ----------------------------------------------------------- lost figures

#: ``Container.note`` of a chart of the survey annexes: its labels and garbled lines, grouped.
SURVEY_CHART = "survey-chart"
#: The survey annexes (their headings' anchors), whose charts are grouped.
SURVEY_ANNEXES = ("annex-e", "annex-f")
#: Paragraph roles of a chart's lines: a legible label (an overprinted one read once), a partly
#: legible label, a garbled line.
CHART_ROLES = ("chart-label", "partial", "illegible")
#: A legible line at most this wide, without closing punctuation, standing between two runs of a
#: chart's lines is the chart's own legend ("按性别"), not a headline of the next slide.
CHART_LEGEND_WIDTH = 12


def _chart_line(block) -> bool:
    return isinstance(block, Paragraph) and block.role in CHART_ROLES and not block.anchor


def _chart_legend(blocks: list, i: int) -> bool:
    b = blocks[i]
    if not (isinstance(b, Paragraph) and b.role == "annex" and not b.anchor and len(b.lines) == 1):
        return False
    text = plain_text(b.inlines).strip()
    return (width(text) <= CHART_LEGEND_WIDTH and not ends_sentence(text)
            and i > 0 and _chart_line(blocks[i - 1]) and i + 1 < len(blocks) and _chart_line(blocks[i + 1]))


def group_survey_charts(blocks: list) -> list:
    """In the survey annexes (E, F) each chart printed on a slide came through as a run of lines:
    labels, some legible, many garbled, under the slide's headline. Each run becomes one figure
    (anchor ``annex-e-chart-3``, label ``E.3``: the annex, then the chart's place among the annex's
    runs; the pages call it "调查图表 E.3" in the reader's language), so
    that a reader sees a chart, not a stream of fragments; its lines stay in order, each still
    classed by its own rule in the ledger. A short legible legend standing between two runs
    ("按性别") belongs to the chart; the headlines and prose around the charts stay where they are.
    A run without a wholly garbled line is no chart's residue (a garbled "可持续发展目标?" among its
    legible siblings, the numbered answers of a question): its lines stay as they are."""
    out: list = []
    annex: str | None = None
    counts: dict[str, int] = {}
    run: list = []

    def flush() -> None:
        if any(b.role == "illegible" for b in run):
            n = counts[annex] = counts.get(annex, 0) + 1  # type: ignore[index]
            out.append(Container("figure", f"{annex}-chart-{n}", f"{annex[-1].upper()}.{n}", (), tuple(run),
                                 tuple(line for b in run for line in b.lines), note=SURVEY_CHART))
        else:  # labels alone, no chart residue: a scale's legend, a garbled SDG label among legible ones
            out.extend(run)
        run.clear()

    for i, b in enumerate(blocks):
        if isinstance(b, Heading):
            flush()
            annex = b.anchor if b.anchor in SURVEY_ANNEXES else None
            out.append(b)
        elif annex and (_chart_line(b) or (run and _chart_legend(blocks, i))):
            run.append(b)
        else:
            flush()
            out.append(b)
    flush()
    return out


#: A figure cited in the text: "（见图4）", "图 12".
_FIG_CITED = re.compile(r"图\s*(\d{1,2})(?!\d)")

#: ``Container.note`` of a figure the source text lacks entirely (the page says so).
LOST_FIGURE = "lost"


def add_lost_figures(blocks: list) -> list:
    """Figures are numbered consecutively; a number missing between the captions
    that are present is a figure the report prints but the extracted text lost,
    caption and data alike (figures 4 and 6). It gets a placeholder - anchor and
    label, no title, no source line - after the first paragraph that cites it, so
    that the anchor exists like every other figure's and "见图4" still leads to the
    place where the figure belongs, marked as missing from the source."""
    present = {int(b.anchor[3:]) for b in blocks
               if isinstance(b, Container) and b.kind == "figure" and b.anchor and b.anchor[3:].isdigit()}
    lost = {n for n in range(1, max(present, default=0) + 1)} - present
    out: list = []
    for b in blocks:
        out.append(b)
        if not lost or not isinstance(b, Paragraph):
            continue
        for m in _FIG_CITED.finditer(plain_text(b.inlines)):
            n = int(m.group(1))
            if n in lost:
                lost.discard(n)
                out.append(Container("figure", f"fig{n}", f"图{n}", (), (), (), note=LOST_FIGURE))
    return out


class FigureStage:
    """Figures and annexes while the lines are walked: methods of the :class:`.assemble.Assembler`."""

    def start_figure(self, i: int, m: re.Match) -> int:
        """A figure caption; the chart is not reproduced and its residue is left out."""
        if self.open is not None and self.open.kind == "paragraph":
            self.close()
        elif self.open is not None and self.open.kind == "boxrun":
            pass  # a figure inside a box's pages: the box text goes on after it
        else:
            self.close()
        self.close_figure()
        key = m.group("letter") or m.group("number")
        anchor = f"fig-{key}" if m.group("letter") else f"fig{key}"
        used = [self.lines[i]]
        j = i + 1
        if j < len(self.lines) and not self.lines[j].blank and not _ARABIC_START.match(self.lines[j].raw) \
                and not _FIGURE.match(self.lines[j].raw) and caption_wraps(self.lines[i].text, self.lines[j].raw):
            used.append(self.lines[j])  # a caption wrapped over two lines
        for ln in used:
            self.out.mark(ln.number, "report.figure-caption")
        caption = join_lines([m.group("title")] + [ln.text for ln in used[1:]])
        label = self.lines[i].text[: self.lines[i].text.find(m.group("title"))].strip() if m.group("title") else None
        self.figure = FigureBuilder(anchor, label, caption, [ln.number for ln in used])
        if self.open is not None and self.open.kind == "boxrun":
            # the figure is emitted with the box
            self.open.extra.setdefault("figures", []).append(self.figure)
            self.figure = None
        return i + len(used)

    def close_figure(self) -> None:
        f = self.figure
        self.figure = None
        if f is None:
            return
        self.emit(self.figure_block(f), f.lines[0])

    def figure_line(self, ln: Line) -> None:
        """A line of a chart after its caption: a legible label, shown with the figure (its values
        are not), or residue. A label that fills the line goes on in the next one (figure 10's
        note on the AI office)."""
        f = self.figure
        assert f is not None
        label = chart_label(ln.text)
        if label is None:
            self.out.mark(ln.number, "report.figure-residue")
            f.residue.append(ln.number)
            return
        self.out.mark(ln.number, "report.figure-label")
        last = f.labels[-1][-1] if f.labels else None
        if last is not None and last.number == ln.number - 1 and width(last.text) >= WIDE:
            f.labels[-1].append(ln)
        else:
            f.labels.append([ln])

    @staticmethod
    def figure_block(f: FigureBuilder) -> Container:
        labels = tuple(Paragraph(None, None, text_inlines(join_lines([chart_label(x.text) or "" for x in lines])),
                                 tuple(x.number for x in lines), "figure-label") for lines in f.labels)
        own = tuple(f.lines) + tuple(n for p in labels for n in p.lines)
        return Container("figure", f.anchor, f.label, text_inlines(f.title), labels, own,
                         note="figure-not-reproduced")

    # --------------------------------------------------------------- annexes

    def annex_line(self, i: int) -> int:
        ln = self.lines[i]
        text = ln.text
        if _ANNEXES.match(ln.raw):
            self.close_all()
            self.heading(1, "annexes", text, [ln], "report.part-heading")
            return i + 1
        m = _ANNEX.match(ln.raw)
        if m:
            self.close_annex()
            self.annex = m.group("letter")
            self.heading(2, f"annex-{self.annex.lower()}", text, [ln], "report.annex-heading", label=m.group("letter"))
            self.annex_rows = []
            return i + 1
        if self.annex == "G" and text in ("捐赠者", "秘书处"):
            self.close_annex()
            self.annex = "back"
            self.heading(2, None, text, [ln], "report.back-heading")
            return i + 1
        if self.annex == "back" and text == "秘书处":
            self.heading(2, None, text, [ln], "report.back-heading")
            return i + 1
        row = annex_row(self.annex, text)
        if row is not None:
            self.close()
            self.annex_rows.append((ln, row))
            self.out.mark(ln.number, f"report.annex-{self.annex.lower()}-row")
            return i + 1
        reading = read_overprint(text) if self.annex in ("E", "F") else None
        if reading is not None and (is_garbled_zh(text) or is_chart_residue(text)):
            return self.overprinted_line(i, reading)
        if is_garbled_zh(text) and mostly_legible(text):
            # shown with its legible characters, each unread glyph marked (never hidden whole)
            self.close()
            self.emit(Paragraph(None, None, text_inlines(text), (ln.number,), "partial"), ln.number)
            self.out.mark(ln.number, "report.partly-legible-line")
            return i + 1
        if is_garbled_zh(text):
            self.close()
            self.emit(Paragraph(None, None, text_inlines(text), (ln.number,), "illegible"), ln.number)
            self.out.mark(ln.number, "report.garbled-line")
            return i + 1
        survey = self.annex in ("E", "F")
        wrapped = self.continues_text(i)
        if survey and is_chart_residue(text) and not wrapped and not is_slide_title(self.lines, i):
            self.close()
            self.out.mark(ln.number, "report.chart-residue")
            return i + 1
        # prose: paragraphs split at blank lines; in the survey annexes a line goes on from the
        # one above only where that one was cut at the margin (chart headlines stand a line each)
        if wrapped or (not survey and self.open is not None and self.open.kind == "text"
                       and not self.lines[i - 1].blank):
            self.open.lines.append(ln)
            return i + 1
        self.close()
        self.open = Builder("text", [ln], role="annex")
        return i + 1

    def overprinted_line(self, i: int, reading: str) -> int:
        """A chart label of the survey annexes set in overprinted bold, every glyph printed twice
        ("中中国国", "੼੼ࠬࠬ和和其其ѕѕ地地区区组组"): read once. A line an emendation cannot correct
        (its doubled run is broken by garbled glyphs, or it would be chart residue, in no block);
        the doubled runs of legible lines are emendation records. Shown as a label (its values
        left out, each unread glyph marked) where it is legible, as the source line would be or
        its reading is; otherwise part of its illegible passage."""
        ln = self.lines[i]
        self.close()
        label = _CHART_VALUES.sub("", reading.strip()).strip()
        if not is_garbled_zh(label) and legible_han(label)[0] < LABEL_MIN_HAN:
            self.out.mark(ln.number, "report.chart-residue")  # no words left: values only
            return i + 1
        if not is_garbled_zh(label) or mostly_legible(ln.text) or mostly_legible(label):
            role = "partial" if is_garbled_zh(label) else "chart-label"
            self.emit(Paragraph(None, None, text_inlines(label), (ln.number,), role), ln.number)
            self.out.mark(ln.number, "report.overprinted-label")
            return i + 1
        self.emit(Paragraph(None, None, text_inlines(reading.strip()), (ln.number,), "illegible"), ln.number)
        self.out.mark(ln.number, "report.overprinted-garbled")
        return i + 1

    def continues_text(self, i: int) -> bool:
        """In the survey annexes: the line above belongs to the open text and was cut at the
        margin (wide, no closing punctuation), so this line, however short, ends it
        ("…的担忧程" / "度较低")."""
        if self.open is None or self.open.kind != "text" or self.lines[i - 1].blank:
            return False
        above = self.open.lines[-1]
        if above.number != self.lines[i - 1].number:
            return False
        return self.annex not in ("E", "F") or survey_line_continues(above.text, self.lines[i].text)

    def close_annex(self) -> None:
        self.close()
        rows = self.annex_rows
        if rows:
            header = None
            body = []
            for ln, cells in rows:
                if header is None and self.annex in ("C", "D") and ln.text.startswith(("活动", "领域")):
                    header = cells
                else:
                    body.append(cells)
            t = Table(f"annex-{self.annex.lower()}-table", tuple(text_inlines(c) for c in header or ()),
                      tuple(tuple(text_inlines(c) for c in r) for r in body), tuple(ln.number for ln, _ in rows))
            self.emit(t, rows[0][0].number)
        self.annex_rows = []
