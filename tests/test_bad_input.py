"""Bad input stops the build with file, line and expectation, and writes nothing.

Each test copies the project's inputs into a temporary folder, breaks one thing
the way an editor might, and runs the real command line. A source edit also
updates the registry checksum (as a reviewed change would), so that the parser,
not the checksum, is what is tested.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def project(tmp_path):
    for name in ("sources", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", "--root", str(project), *args],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})


def edit_source(project: Path, name: str, old: str, new: str) -> None:
    path = project / "sources" / "texts" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    registry = project / "sources" / "registry.yaml"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    reg = registry.read_text(encoding="utf-8")
    reg = re.sub(rf"(file: texts/{re.escape(name)}\n    sha256: )[0-9a-f]+", rf"\g<1>{digest}", reg)
    registry.write_text(reg, encoding="utf-8")


def write_source_bytes(project: Path, name: str, data: bytes) -> None:
    """Replace a source file's bytes and record the new checksum, as a reviewed change would."""
    path = project / "sources" / "texts" / name
    path.write_bytes(data)
    registry = project / "sources" / "registry.yaml"
    digest = hashlib.sha256(data).hexdigest()
    reg = registry.read_text(encoding="utf-8")
    reg = re.sub(rf"(file: texts/{re.escape(name)}\n    sha256: )[0-9a-f]+", rf"\g<1>{digest}", reg)
    registry.write_text(reg, encoding="utf-8")


def assert_refused(project: Path, result: subprocess.CompletedProcess, where: str, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    message = result.stderr
    assert re.search(where, message), message
    for word in words:
        assert word in message, message
    for leftover in ("docs", "site", "dist"):
        assert not (project / leftover).exists(), f"{leftover}/ was left behind"
    assert_no_staging_left(project)


def assert_no_staging_left(project: Path) -> None:
    """No staging folder, old output or swap journal is left beside the outputs."""
    for pattern in (".*.staging*", ".*.old-*", ".edition-swap.json*"):
        left = sorted(p.name for p in project.glob(pattern))
        assert not left, f"left behind: {left}"


def test_the_untouched_copy_builds(project):
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "resolution" / "index.html").exists()


def test_doubled_operative_number(project):
    edit_source(project, "a-res-78-311.en.txt", "7. Encourages Member States", "6. Encourages Member States")
    assert_refused(project, run(project, "build"), r"sources/texts/a-res-78-311\.en\.txt:68:",
                   "numbered 6", "expected 7", "doubled")


def test_missing_operative_number(project):
    edit_source(project, "a-res-78-311.ru.txt", "12. *поддерживает*", "13. *поддерживает*")
    assert_refused(project, run(project, "build"), r"a-res-78-311\.ru\.txt:84:", "expected 12", "missing")


def test_unknown_language(project):
    registry = project / "sources" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("lang: ru", "lang: fr", 1), encoding="utf-8")
    assert_refused(project, run(project, "build"), r"sources/registry\.yaml:\d+:", "unknown language 'fr'")


def test_emendation_whose_original_is_not_on_its_line(project):
    data = project / "sources" / "data" / "emendations" / "resolution.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("line: 38", "line: 36"), encoding="utf-8")
    assert_refused(project, run(project, "build"), r"emendations/resolution\.yaml:\d+:",
                   "e-res-ru-1", "not on line 36")


def test_changed_source_without_reviewed_checksum(project):
    path = project / "sources" / "texts" / "a-res-78-311.zh.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("决心", "决定", 1), encoding="utf-8")
    assert_refused(project, run(project, "build"), r"a-res-78-311\.zh\.txt:", "does not match the registry")


def test_lost_anchor_breaks_the_contract(project):
    lock = project / "sources" / "anchors.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "resolution/index.md op16\n", encoding="utf-8")
    assert_refused(project, run(project, "build"), r"anchors\.lock", "no longer published", "op16")


def test_a_failed_build_leaves_the_previous_site_untouched(project):
    assert run(project, "build").returncode == 0
    before = (project / "site" / "resolution" / "index.html").read_bytes()
    edit_source(project, "a-res-78-311.en.txt", "7. Encourages Member States", "6. Encourages Member States")
    result = run(project, "build")
    assert result.returncode == 2
    assert (project / "site" / "resolution" / "index.html").read_bytes() == before
    assert_no_staging_left(project)


# ------------------------------------------------------------- broken files, every kind


def source_bytes(name: str) -> bytes:
    return (ROOT / "sources" / "texts" / name).read_bytes()


def test_truncated_source(project):
    text = source_bytes("a-res-78-311.en.txt").decode("utf-8")
    cut = text[: text.index("13. ")]  # the download stopped after operative paragraph 12
    write_source_bytes(project, "a-res-78-311.en.txt", cut.encode("utf-8"))
    assert_refused(project, run(project, "build"), r"a-res-78-311\.en\.txt:\d+:",
                   "after operative paragraph 12", "plenary meeting", "truncated")


def test_wrong_encoding(project):
    text = source_bytes("a-res-78-311.zh.txt").decode("utf-8")
    write_source_bytes(project, "a-res-78-311.zh.txt", text.encode("gb18030"))
    # the first lines are ASCII in both encodings: the error names the first line that is not
    first = next(i for i, line in enumerate(text.split("\n"), 1) if not line.isascii())
    assert_refused(project, run(project, "build"), rf"a-res-78-311\.zh\.txt:{first}:", "invalid UTF-8", "expected UTF-8")


def test_byte_order_mark(project):
    write_source_bytes(project, "a-res-78-311.ru.txt", b"\xef\xbb\xbf" + source_bytes("a-res-78-311.ru.txt"))
    assert_refused(project, run(project, "build"), r"a-res-78-311\.ru\.txt:1:", "byte order mark")


def test_crlf_line_ends(project):
    write_source_bytes(project, "xinhua-2024-07.zh.txt", source_bytes("xinhua-2024-07.zh.txt").replace(b"\n", b"\r\n"))
    assert_refused(project, run(project, "build"), r"xinhua-2024-07\.zh\.txt:1:", "CR line end", "LF")


def test_broken_data_file(project):
    data = project / "sources" / "data" / "concordance.yaml"
    lines = data.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- ")) + 1
    lines[number - 1] = "  - {recommendation: rec4, paragraph: [op5"  # an unclosed flow collection
    data.write_text("\n".join(lines), encoding="utf-8")
    assert_refused(project, run(project, "build"), r"sources/data/concordance\.yaml:\d+:", "YAML syntax error")


def test_data_file_naming_an_unknown_paragraph(project):
    data = project / "sources" / "data" / "concordance.yaml"
    text = data.read_text(encoding="utf-8")
    assert "paragraph: op14" in text
    data.write_text(text.replace("paragraph: op14", "paragraph: op16", 1), encoding="utf-8")
    assert_refused(project, run(project, "build"), r"concordance\.yaml:\d+:", "op16")


def test_bad_input_leaves_no_archive(project):
    write_source_bytes(project, "a-res-78-311.ru.txt", b"\xef\xbb\xbf" + source_bytes("a-res-78-311.ru.txt"))
    result = run(project, "dist", "--out", str(project / "dist"))
    assert_refused(project, result, r"a-res-78-311\.ru\.txt:1:", "byte order mark")
    assert not (project / "dist").exists() or not any((project / "dist").iterdir())


def test_a_witness_with_a_paragraph_too_many(project):
    """Numbering can be right within a language and still not align: the Russian text
    with a sixteenth preambular paragraph stops the build, naming the Russian file."""
    text = source_bytes("a-res-78-311.ru.txt").decode("utf-8")
    marker = "\nпризнавая, что система"
    assert marker in text
    head, tail = text.split(marker, 1)
    extra = "\nпризнавая также дополнительный абзац,\n"
    write_source_bytes(project, "a-res-78-311.ru.txt", (head + extra + marker + tail).encode("utf-8"))
    assert_refused(project, run(project, "check"), r"a-res-78-311\.ru\.txt:", "does not align", "pp16")
