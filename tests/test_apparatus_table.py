"""The apparatus table: one row per emendation, its id the row's anchor, a readable label, the place linked."""

from test_inert import _DOCS, _ctx, _emendation

from edition.pages.apparatus import apparatus_page


def test_apparatus_row_has_label_anchor_and_place_link():
    e = _emendation()
    md = apparatus_page([e], _DOCS, _ctx(page="apparatus.md"), lambda source, anchor: "resolution-parallel",
                        lambda source, lang: "resolution 78/311, English text")
    row = [l for l in md.splitlines() if f'id="{e.id}"' in l]
    assert len(row) == 1 and row[0].startswith("| ")
    assert f"## {e.id}" not in md  # no machine id as a heading
    assert "Resolution 78/311, English text" in row[0]
    assert "(resolution/parallel.md#op5)" in row[0]
