"""Parser for the Chinese text of the report "Governing AI for Humanity" (治理人工智能，助力造福人类).

The source is text extracted from a two-column PDF: numbered paragraphs run in a
narrow column, boxes and footnotes run across the page, charts leave their axis
values behind, and page headers sit among the text. The parser reads it in
stages, one module each:

- :mod:`.lines` - lines and page furniture: what a line looks like on its own
  (patterns, printed width, garbled glyphs), the parts of the report (front
  matter, executive summary, body, annexes), blank lines, running heads, bare numbers.
- :mod:`.paragraphs` - paragraphs and headings: the numbered sequences that run
  interleaved (paragraphs 一–七十一 and 1–219, footnotes restarting per part): a
  number is a paragraph only if it is the next paragraph number, a footnote only
  if it is the next footnote number; paragraphs continue across blank lines and
  page breaks until the next structural element; headings, run-in titles, items.
- :mod:`.notes` - footnotes and, after assembly, the calls glued to the text.
- :mod:`.boxes` - boxes (text printed before its title is gathered into the box,
  lettered notes wherever printed) and recommendations with their items.
- :mod:`.figures` - figure captions (the chart's residue left out), lost figures,
  and the annexes: tables and survey charts.
- :mod:`.references` - "见建议4和5", "方框9", "第66和73段", "附件E", "图9", "78/265" become links.

:mod:`.rules` is the one table of line rules, by the names the fidelity ledger
records (every source line in exactly one class, by one rule);
:mod:`.state` declares everything the assembler keeps between lines;
:mod:`.assemble` walks the lines once and puts the stages together in
:func:`parse_report`.

Anchors (``es1``–``es71``, ``p1``–``p219``, ``es-rec1``, ``rec4-c-ii``, ``box1``,
``fig-a``, ``fig1``, ``annex-a``, ``es-fn1``, ``fn1``, ``box1-note-a``) are
language-independent: other language editions of the report use the same ids.
"""

from __future__ import annotations

from .assemble import Assembler, build_ledger, page_key, parse_report
from .figures import (
    LOST_FIGURE,
    SURVEY_CHART,
    add_lost_figures,
    annex_row,
    caption_wraps,
    chart_label,
    group_survey_charts,
    is_chart_label,
    is_chart_residue,
    is_numeric_residue,
    is_slide_title,
    read_overprint,
    survey_line_continues,
)
from .lines import (
    _BOX,
    _BULLET,
    _SOURCE_LINE,
    FULL_FOOTNOTE,
    WIDE,
    Line,
    Parts,
    cn_number,
    ends_sentence,
    is_garbled_zh,
    is_page_header,
    join_lines,
    legible_han,
    lines_inlines,
    mostly_legible,
    split_parts,
    strip_badge,
    text_inlines,
    width,
)
from .notes import find_call, resolve_box_notes, resolve_note_calls
from .paragraphs import footnote_or_paragraph, is_group_label, is_subheading, wrapped_subheading
from .references import link_references
from .rules import RULES, LineRule
from .state import AssemblerState, Assembly, Builder, FigureBuilder, Sequences

__all__ = [
    "_BOX", "_BULLET", "_SOURCE_LINE", "FULL_FOOTNOTE", "LOST_FIGURE", "RULES", "SURVEY_CHART", "WIDE",
    "Assembler", "AssemblerState", "Assembly", "Builder", "FigureBuilder", "Line", "LineRule", "Parts", "Sequences",
    "add_lost_figures", "annex_row", "build_ledger", "caption_wraps", "chart_label", "cn_number", "ends_sentence", "find_call",
    "footnote_or_paragraph", "group_survey_charts", "is_chart_label", "is_chart_residue", "is_garbled_zh", "is_group_label",
    "is_numeric_residue", "is_page_header", "is_slide_title", "is_subheading", "join_lines", "legible_han", "link_references",
    "lines_inlines", "mostly_legible", "page_key", "parse_report", "read_overprint", "resolve_box_notes", "resolve_note_calls",
    "split_parts", "strip_badge", "survey_line_continues", "text_inlines", "width", "wrapped_subheading",
]
