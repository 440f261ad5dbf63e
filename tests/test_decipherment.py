"""The decipherment key: each entry attested by the source, applied only in its context."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import decipherment as D
from edition.errors import DataError
from edition.model import Conjecture, Illegible

ROOT = Path(__file__).resolve().parents[1]
SOURCE = (ROOT / "sources" / "texts" / "governing-ai-for-humanity.zh.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def key():
    return D.load_report_key(ROOT, SOURCE)


def test_every_entry_is_attested_by_a_legible_line(key):
    assert len(key) >= 10
    for e in key:
        for a in e.attested:
            assert e.codes in SOURCE[a.garbled - 1] and a.words in SOURCE[a.legible - 1]


def test_a_code_in_its_context_becomes_a_conjecture_and_lost_glyphs_stay_illegible(key):
    # "Ғێ来源：" is read 信息来源： (the legible chart source lines of annex F print 信息来源：)
    assert D.decode("Ғێ", "来源：联合国秘书长", key) == [Conjecture("Ғێ", "信息")]
    # out of its context the same codes are not read: Ғ stands for other characters elsewhere
    assert D.decode("Ғێ", "的", key) == [Illegible("Ғێ")]
    # U+FFFD carries nothing to decode
    assert D.decode("\ufffdѕ", "地区组", key) == [Illegible("\ufffd"), Conjecture("ѕ", "他")]


def test_a_wrong_attestation_is_refused_with_file_and_line(tmp_path):
    f = tmp_path / "key.yaml"
    f.write_text('version: 1\nkey:\n  - codes: "ѕ"\n    reading: "们"\n    attested:\n'
                 '      - {garbled: 3510, legible: 3644, words: "和其他地区组的"}\n', encoding="utf-8")
    with pytest.raises(DataError) as e:
        D.load_key(f, SOURCE)
    assert str(e.value).startswith(f"{f}:6: ")  # the attestation's own line


def test_the_key_counts_are_reported(edition):
    decoded = edition.decipherment_stats
    assert decoded.characters > 100 and len(decoded.lines_legible) >= 1
