"""The line rules of the report parser: one table, by the names the fidelity ledger records.

Every source line ends in exactly one ledger class by exactly one rule (see
:func:`edition.parsers.report.assemble.build_ledger`). The assembler marks a line
with a rule's *name* only; its class is this table's: a rule never picks a
class of its own. A rule whose lines may hold glyphs of a broken font mapping
gives those lines its ``garbled`` class (``illegible``) instead.

``stage`` names the module of :mod:`edition.parsers.report` that applies the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lines import is_garbled_zh


@dataclass(frozen=True)
class LineRule:
    """A rule that classes source lines: its ledger name, its class, and what it reads."""

    name: str
    cls: str
    stage: str
    reads: str
    #: the class of a line of this rule that holds garbled glyphs (None: always ``cls``)
    garbled: str | None = None

    def classify(self, text: str) -> str:
        return self.garbled if self.garbled is not None and is_garbled_zh(text) else self.cls


_RULES = (
    # lines and page furniture
    LineRule("blank", "blank", "lines", "an empty line, or the blank lines a box note's continuation skips"),
    LineRule("report.page-header", "furniture", "lines", 'a running head with its page number ("22 治理人工智能，助力造福人类")'),
    LineRule("report.badge-number", "furniture", "lines", "a bare number outside the annexes: a recommendation's badge"),
    # paragraphs and headings
    LineRule("report.front-heading", "heading", "paragraphs", "the report's title, its first line"),
    LineRule("report.part-heading", "heading", "paragraphs", '"执行摘要", "附件": the heading of a part'),
    LineRule("report.chapter-heading", "heading", "paragraphs", 'a chapter heading, the next in sequence ("2. …")'),
    LineRule("report.section-heading", "heading", "paragraphs", 'a section heading, the next letter ("A. …"), maybe wrapped'),
    LineRule("report.subheading", "heading", "paragraphs", "a short line alone between blank lines, heading the text after it"),
    LineRule("report.wrapped-subheading", "heading", "paragraphs", "a run-in title wrapped over two column lines"),
    LineRule("report.paragraph", "text", "paragraphs", "a numbered paragraph and its continuation lines", "illegible"),
    LineRule("report.unnumbered", "text", "paragraphs", "prose outside the numbered sequence and outside a box", "illegible"),
    LineRule("report.item", "text", "paragraphs", "a lettered, roman or bulleted item and its continuation", "illegible"),
    LineRule("report.page-break-duplicate", "residue", "paragraphs",
             "lines the next paragraph prints again at its opening (a page-break repeat)"),
    # notes
    LineRule("report.footnote", "footnote", "notes", "a numbered footnote, continued across lines and page breaks",
             "illegible"),
    # boxes and recommendations
    LineRule("report.box-title", "heading", "boxes", '"方框N：…", the title of a box'),
    LineRule("report.box-continued-title", "furniture", "boxes", "a box's title repeated on a continuation page"),
    LineRule("report.box-text", "text", "boxes", "box text gathered before the box's title", "illegible"),
    LineRule("report.box-note", "footnote", "boxes", "a box's lettered note (a, b, c…)"),
    LineRule("report.recommendation-title", "heading", "boxes", '"建议N：…", the title of a recommendation'),
    LineRule("report.container", "text", "boxes", "text of an open box or recommendation after its title", "illegible"),
    # figures and tables
    LineRule("report.figure-caption", "caption", "figures", '"图N：…" and its wrapped second line'),
    LineRule("report.figure-residue", "residue", "figures", "a chart's values, brackets and garbled glyphs after its caption"),
    LineRule("report.figure-label", "text", "figures",
             "a legible label of a chart after its caption: shown with the figure, its values stripped"),
    LineRule("report.chart-label", "residue", "figures", "a chart word printed outside its figure, before a page break"),
    LineRule("report.chart-value", "residue", "figures", "a bare number in the annexes: a chart's value"),
    LineRule("report.chart-residue", "residue", "figures", "axis values, percentages, legend fragments of a survey chart"),
    LineRule("report.annex-heading", "heading", "figures", '"附件X：…", the heading of an annex'),
    LineRule("report.back-heading", "heading", "figures", "the back matter's headings (donors, secretariat)"),
    LineRule("report.annex", "text", "figures", "prose of an annex", "illegible"),
    LineRule("report.annex-a-row", "table", "figures", "a row of annex A's member list"),
    LineRule("report.annex-c-row", "table", "figures", "a row of annex C's events (event, date, region)"),
    LineRule("report.annex-d-row", "table", "figures", "a row of annex D's deep dives (topic, date)"),
    LineRule("report.annex-g-row", "table", "figures", "a row of annex G's abbreviations"),
    LineRule("report.partly-legible-line", "text", "figures",
             "a garbled annex line most of whose glyphs are legible: shown, its unread glyphs marked"),
    LineRule("report.garbled-line", "illegible", "figures", "a garbled annex line: part of a marked illegible passage"),
    LineRule("report.overprinted-label", "text", "figures",
             "a survey chart's label in overprinted bold (every glyph printed twice): read once, shown"),
    LineRule("report.overprinted-garbled", "illegible", "figures",
             "an overprinted survey chart line, read once, still mostly garbled: part of its illegible passage"),
)

#: The line rules by ledger name.
RULES: dict[str, LineRule] = {r.name: r for r in _RULES}
assert len(RULES) == len(_RULES), "a rule name is used twice"
