"""Stage 2, notes: numbered footnotes (their anchors, their continuation across lines and page
breaks) and, once the blocks are assembled, the footnote calls glued to the text
("中期报告1中") and the letters that call a box's notes ("看好a。").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Container, Footnote, Inline, ListItem, NoteRef, Paragraph, Text
from .lines import _BOX, _FIGURE, _REC, FULL_FOOTNOTE, width
from .state import Builder
from .tree import inline_blocks, map_text, rewrite


class NoteStage:
    """Footnotes while the lines are walked: methods of the :class:`.assemble.Assembler`."""

    def note_anchor(self, n: int) -> str:
        base = f"es-fn{n}" if self.part == "summary" else f"fn{n}"
        taken = {f.anchor for f in self.out.footnotes}
        if self.open is not None and self.open.kind == "footnote":
            taken.add(self.open.anchor)
        anchor, k = base, 2
        while anchor in taken:
            anchor, k = f"{base}-{k}", k + 1
        return anchor

    def start_footnote(self, i: int, n: int, first: str) -> int:
        if self.open is not None and self.open.kind in ("paragraph", "item"):
            self.park()
        else:
            self.close()
        self.seq.footnote = max(self.seq.footnote, n + 1)
        self.open = Builder("footnote", [self.lines[i]], self.note_anchor(n), str(n), extra={"first": first})
        self.prev_kind = "footnote"
        return i + 1

    def continues_footnote(self, i: int) -> bool:
        """A footnote wraps across the page: it continues while its last line ran full width."""
        last = self.open.lines[-1]  # type: ignore[union-attr]
        if _FIGURE.match(self.lines[i].raw) or _BOX.match(self.lines[i].raw) or _REC.match(self.lines[i].raw):
            return False
        return width(last.text) >= FULL_FOOTNOTE or (last.text.endswith(("/", "-")) and "http" in last.text)

    def resume_footnote(self, i: int) -> int:
        """A line at footnote width after a page break goes on with the footnote the break cut
        (note 16 stops at "包括：拉" and goes on "丁美洲和加勒比经济委员会；…" under #p75)."""
        b = self.unfinished_note
        assert b is not None
        self.close()
        self.flush_parked()
        self.unfinished_note = None
        self.out.footnotes = [f for f in self.out.footnotes if f.anchor != b.anchor]
        b.lines.append(self.lines[i])
        self.open = b
        self.prev_kind = "footnote"
        return i + 1


# ------------------------------------------------------------- note calls

#: A number after these is not a footnote call: "建议4", "方框9", "图9", "第23段", "至28"...
_CALL_BEFORE_BAD = ("建议", "方框", "图", "第", "至", "和", "及", "、", "-", "–", "/", ".", "约", "附件")
#: ...nor a number before these: "2024年", "18个月", "90%", "26项", "3.5"...
_CALL_AFTER_BAD = set("年月日个%％段名项多亿万号届次岁位家倍分./-–至和点")


def find_call(text: str, n: int, start: int = 0) -> int | None:
    """Position of a footnote call ``n`` glued to the text ("中期报告1中", "汇总 22、"), or None."""
    s = str(n)
    pos = start
    while True:
        k = text.find(s, pos)
        if k < 0:
            return None
        head = text[:k].rstrip(" ")
        before = head[-1:] if head else ""
        after = text[k + len(s)] if k + len(s) < len(text) else ""
        ok_before = bool(before) and not before.isdigit() and not head.endswith(_CALL_BEFORE_BAD) \
            and not (before.isascii() and before.isalnum())
        ok_after = not after.isdigit() and after not in _CALL_AFTER_BAD and not (after.isascii() and after.isalpha())
        if ok_before and ok_after:
            return k
        pos = k + 1


def resolve_note_calls(blocks: list, footnotes: list[Footnote], window: int = 260) -> tuple[list, list[str]]:
    """Turn glued footnote numbers into :class:`NoteRef` nodes.

    Footnotes are taken in order; each looks for its number in the text from
    where the previous footnote's call was found, among blocks printed near it
    (footnotes stand on the page of their call). Returns the new blocks and the
    anchors of footnotes whose call was not found.
    """
    blocks = list(blocks)
    missing: list[str] = []
    cursor = (0, 0)  # block index, line
    for fn in footnotes:
        n = int(fn.label)
        found = False
        for bi in range(cursor[0], len(blocks)):
            for inner in inline_blocks(blocks[bi]):
                if isinstance(inner, Footnote) or not inner.lines:
                    continue
                if abs(inner.lines[0] - fn.lines[0]) > window:
                    continue
                new_inlines, ok = _place_call(inner.inlines, n, fn)
                if ok:
                    blocks[bi] = rewrite(blocks[bi], inner, replace(inner, inlines=new_inlines))
                    cursor = (bi, 0)
                    found = True
                    break
            if found:
                break
        if not found:
            missing.append(fn.anchor)
    return blocks, missing


def _place_call(inlines: tuple[Inline, ...], n: int, fn: Footnote) -> tuple[tuple[Inline, ...], bool]:
    out: list[Inline] = []
    done = False
    for node in inlines:
        if not done and isinstance(node, Text):
            k = find_call(node.text, n)
            if k is not None:
                before, after = node.text[:k], node.text[k + len(str(n)):]
                if before.endswith(" "):
                    before = before[:-1]
                if before:
                    out.append(Text(before))
                out.append(NoteRef(fn.anchor, fn.label))
                if after:
                    out.append(Text(after))
                done = True
                continue
        out.append(node)
    return tuple(out), done


def resolve_box_notes(block: Container) -> Container:
    """In a box, letters glued to the text ("看好a。", "反应b。") call the box's lettered notes."""
    notes = {b.label: b.anchor for b in block.blocks if isinstance(b, Footnote)}
    if not notes:
        return block
    pending = dict(notes)

    def split(text: str) -> list[Inline]:
        out: list[Inline] = []
        pos = 0
        for m in re.finditer(r"(?<=[\u3000-\u9fff\uff00-\uffef”。）])\s?([a-e])(?![A-Za-z0-9.])", text):
            label = m.group(1)
            if label not in pending:
                continue
            out.append(Text(text[pos:m.start()]))
            out.append(NoteRef(pending.pop(label), label))
            pos = m.end()
        if pos < len(text):
            out.append(Text(text[pos:]))
        return [x for x in out if not (isinstance(x, Text) and not x.text)]

    def fix(b):
        if isinstance(b, Paragraph):
            return replace(b, inlines=map_text(b.inlines, split))
        if isinstance(b, ListItem):
            return replace(b, blocks=tuple(fix(x) for x in b.blocks))
        return b

    return replace(block, blocks=tuple(fix(b) for b in block.blocks))
