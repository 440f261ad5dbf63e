"""The assembler's state: what is being gathered while the lines are walked, all of it declared here.

:class:`AssemblerState` is the one place where the assembler keeps anything
between two lines; the stage modules (:mod:`.paragraphs`, :mod:`.notes`,
:mod:`.boxes`, :mod:`.figures`) read and change these fields and create no
others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lines import Line, Parts
from .rules import RULES


@dataclass
class Sequences:
    """The numbered sequences of one part, each expecting its next number.

    Paragraph and footnote numbers run interleaved in the extracted text; a line
    opening with "22" is paragraph 22 only if 22 is the next paragraph number,
    and a footnote only if it is the next footnote number.
    """

    paragraph: int = 1
    footnote: int = 1
    chapter: int = 1
    section: str = "A"
    recommendation: int = 1
    box: int = 1

    def next_section(self) -> None:
        self.section = chr(ord(self.section) + 1)


@dataclass
class Builder:
    """A block being gathered: its kind, its lines and what it needs to become a block."""

    kind: str  # paragraph, footnote, boxrun, box, rec, item, text
    lines: list[Line] = field(default_factory=list)
    anchor: str | None = None
    label: str | None = None
    role: str = "body"
    extra: dict = field(default_factory=dict)


@dataclass
class FigureBuilder:
    """A figure after its caption: the chart is not reproduced, its residue is left out."""

    anchor: str
    label: str | None
    title: str
    lines: list[int]
    #: lines of the chart left out after the caption
    residue: list[int] = field(default_factory=list)
    #: whether the paragraph the figure cut may still resume after it (once)
    resumable: bool = True
    #: the chart's legible labels, each the lines it was printed on
    labels: list[list[Line]] = field(default_factory=list)


@dataclass
class Assembly:
    """What the assembly step produces, before inline rules run."""

    blocks: list = field(default_factory=list)  # (first line, order, block)
    footnotes: list = field(default_factory=list)
    classes: dict = field(default_factory=dict)  # line -> (cls, rule)

    def mark(self, line: int, rule: str, text: str = "") -> None:
        """Class ``line`` by the rule named ``rule`` of :data:`.rules.RULES` (its class is the table's;
        ``text``, the line's, decides it for a rule that classes garbled lines apart)."""
        self.classes[line] = (RULES[rule].classify(text), rule)


@dataclass
class AssemblerState:
    """Everything the assembler keeps from one line to the next."""

    lines: list[Line]
    parts: Parts
    path: str
    out: Assembly = field(default_factory=Assembly)
    #: front, summary, body or annexes
    part: str = "front"
    #: the numbered sequences of the current part
    seq: Sequences = field(default_factory=Sequences)
    #: what the last structural line started (paragraph, footnote, heading)
    prev_kind: str | None = None
    #: the paragraph, box run, footnote, item or text being gathered
    open: Builder | None = None
    #: an open recommendation or box (after its title)
    container: Builder | None = None
    #: items of the open container or after the paragraph
    items: list[Builder] = field(default_factory=list)
    #: residue mode after a figure caption
    figure: FigureBuilder | None = None
    #: an unfinished paragraph cut by a figure, a box or a page break
    pending_para: Builder | None = None
    #: a paragraph a footnote cut at the foot of a page: it may resume after the notes
    parked: Builder | None = None
    #: the last footnote closed, if it stopped mid-sentence at full width: a page break cut it
    unfinished_note: Builder | None = None
    #: each box's parts (title, blocks, lines, continued), gathered wherever the source prints them
    box_titles: dict[int, list] = field(default_factory=dict)
    #: each box's printed label ("方框2")
    box_label: dict[int, str] = field(default_factory=dict)
    #: the box whose title was just read after its text (its lettered notes may follow)
    last_box: tuple | None = None
    #: the current annex letter ("back" for the back matter)
    annex: str | None = None
    #: the rows of the current list annex's table
    annex_rows: list = field(default_factory=list)
