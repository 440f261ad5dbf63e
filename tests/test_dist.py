"""The offline archive: reproducible bytes, checksums, README, and the site inside works offline.

The archive holds the books, whose PDFs chromium prints: these tests therefore run with the
browser tests (the two archives are built once per session, ``conftest.dist_archives``, and
shared with ``test_books_print.py``)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def archives(dist_archives):
    """Two archives of the same commit, built independently."""
    return dist_archives


def test_two_builds_give_byte_identical_archives(archives):
    a, b = archives
    assert a.read_bytes() == b.read_bytes()


def test_archive_has_readme_and_checksums_of_every_file(archives):
    with zipfile.ZipFile(archives[0]) as zf:
        names = zf.namelist()
        prefix = names[0].split("/")[0]
        assert names == sorted(names)
        readme = zf.read(f"{prefix}/README.txt").decode("utf-8")
        assert "index.html" in readme and "sha256" in readme.lower() and "78/311" in readme
        sums = dict(line.split("  ", 1)[::-1] for line in zf.read(f"{prefix}/SHA256SUMS").decode().splitlines())
        files = [n for n in names if not n.endswith(("/", "SHA256SUMS"))]
        assert len(sums) == len(files)
        for name in files:
            rel = name.removeprefix(prefix + "/")
            assert sums[rel] == hashlib.sha256(zf.read(name)).hexdigest(), rel
        assert f"{prefix}/index.html" in names and f"{prefix}/ru/resolution/index.html" in names
        assert f"{prefix}/search/search_index.js" in names  # the offline search index
        stamps = {zf.getinfo(n).date_time for n in names}
        assert len(stamps) == 1, "entries must share one fixed timestamp"


def test_archive_sidecar_checksum(archives):
    a = archives[0]
    side = a.with_name(a.name + ".sha256").read_text().split()[0]
    assert side == hashlib.sha256(a.read_bytes()).hexdigest()


def test_archive_carries_the_open_data_and_text_for_tools(archives):
    """The open data (data/), the plain Markdown renderings (md/) and llms.txt are in the archive, so the
    byte-identical comparison above covers them too."""
    with zipfile.ZipFile(archives[0]) as zf:
        names = zf.namelist()
        prefix = names[0].split("/")[0]
        rel = {n.removeprefix(prefix + "/") for n in names}
    assert "llms.txt" in rel and "opendata.html" in rel
    assert any(n.startswith("data/") and n.endswith(".aligned.json") for n in rel)
    assert any(n.startswith("data/") and n.endswith(".akn.xml") for n in rel)
    assert {"data/citations.csl.json", "data/citations.bib", "data/citations.ris"} <= rel
    assert any(n.startswith("data/schemas/") for n in rel) and any(n.startswith("md/") for n in rel)
