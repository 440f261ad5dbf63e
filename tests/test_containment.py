"""Containment and the last bad inputs: symlinks in the input folders, invisible format
characters in source texts, files that cannot be read. Each is refused with
``file[:line[:col]]: message``, exit status 2, no traceback, and nothing written; a
recorded format character is accepted, and a bidi control never reaches the HTML raw.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from edition import cli
from edition.staging import read_stamp
from test_bad_input import assert_refused, edit_source, run
from test_safe_build import built, built_project  # noqa: F401  (fixtures)

RES_EN = "a-res-78-311.en.txt"


def unchanged(project: Path, stamp: str, page: bytes) -> None:
    assert read_stamp(project / "docs") == read_stamp(project / "site") == stamp
    assert (project / "site" / "en" / "resolution" / "index.html").read_bytes() == page
    assert not (project / "dist").exists()


# ------------------------------------------------------------------ symlinks


@pytest.mark.parametrize("link,target", [
    ("overrides/assets/stylesheets/leak.css", "/etc/hostname"),
    ("overrides/assets/leak", "/etc"),
    ("sources/pages/en/leak.md", "../../../mkdocs.yml"),
    ("sources/texts/leak.txt", "a-res-78-311.en.txt"),
])
def test_a_symlink_in_an_input_folder_is_refused_before_anything_is_written(built, link, target):
    stamp = read_stamp(built / "site")
    page = (built / "site" / "en" / "resolution" / "index.html").read_bytes()
    (built / link).symlink_to(target)
    for command in ("build", "dist", "generate", "check"):
        result = run(built, command)
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"error: {link}: symlink not allowed (it points to {target})" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        unchanged(built, stamp, page)


# ------------------------------------------------------------------ invisible format characters


@pytest.mark.parametrize("char,name,kind", [
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE", "a bidi control"),
    ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE", "a bidi control"),
    ("\u200b", "U+200B ZERO WIDTH SPACE", "an invisible format character"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE", "an invisible format character"),
    ("\u00ad", "U+00AD SOFT HYPHEN", "an invisible format character"),
])
def test_an_unrecorded_format_character_in_a_source_line_is_refused(project, char, name, kind):
    edit_source(project, RES_EN, "7. Encourages Member States", f"7. Encourages {char}Member States")
    column = len("7. Encourages ") + 1
    assert_refused(project, run(project, "build"), rf"sources/texts/a-res-78-311\.en\.txt:68:{column}: ",
                   f"{name} ({kind})", "record it in sources/data/format-characters.yaml with a reason")


RECORD = """\
  - file: texts/a-res-78-311.en.txt
    line: {line}
    char: {char}
    reason: {{zh: 测试, ru: тест, en: a test}}
"""


def record(project: Path, line: int, char: str) -> None:
    path = project / "sources" / "data" / "format-characters.yaml"
    path.write_text(path.read_text(encoding="utf-8") + RECORD.format(line=line, char=char), encoding="utf-8")


def test_a_recorded_bidi_control_is_shown_by_its_code_point_and_never_reaches_the_html(project):
    edit_source(project, RES_EN, "7. Encourages Member States", "7. Encourages \u202eMember\u202c States")
    edit_source(project, RES_EN, "8. *Encourages* Governments", "8. *Encourages* Gov\u00adernments")
    record(project, 68, "U+202E")
    record(project, 68, "U+202C")
    record(project, 70, "U+00AD")
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "en" / "resolution" / "index.html").read_text(encoding="utf-8")
    assert "⟨U+202E⟩Member⟨U+202C⟩ States" in page
    assert "Gov\u00adernments" in page  # a soft hyphen is text: it stays
    bidi = re.compile(r"[\u202a-\u202e\u2066-\u2069]|&#x0*202[a-e];|&#x0*206[6-9];|&#8234;|&#823[5-8];"
                      r"|\\u202[a-e]|\\u206[6-9]", re.IGNORECASE)
    for path in (project / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not bidi.search(text), (path, bidi.search(text))


def test_a_format_character_in_a_page_is_refused(project):
    page = project / "sources" / "pages" / "en" / "about.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[2] = "\u202e" + lines[2]
    page.write_text("\n".join(lines), encoding="utf-8")
    assert_refused(project, run(project, "build"), r"^error: sources/pages/en/about\.md:3:1: ",
                   "U+202E RIGHT-TO-LEFT OVERRIDE (a bidi control)")


def test_a_record_that_matches_no_character_is_refused(project):
    record(project, 12, "U+200B")
    assert_refused(project, run(project, "build"), r"sources/data/format-characters\.yaml:\d+: ",
                   "U+200B is not on line 12 of texts/a-res-78-311.en.txt")


@pytest.mark.parametrize("line,char,words", [
    ("0", "U+200B", "'line' of allowed character 2: expected a whole number from 1"),
    ("true", "U+200B", "'line' of allowed character 2: expected a whole number from 1"),
    ("12", "U+0041", "'char' of allowed character 2: U+0041 is not an invisible format character"),
    ("12", "200B", "'char' of allowed character 2: expected a code point written U+200B"),
])
def test_a_malformed_record_is_refused(project, line, char, words):
    record(project, line, char)  # type: ignore[arg-type]
    assert_refused(project, run(project, "build"), r"sources/data/format-characters\.yaml:\d+: ", words)


def test_the_real_sources_record_each_format_character_they_hold(edition):
    """The one format character of the sources (U+0601 on a garbled report line) is recorded,
    and its line is shown as an illegible passage, never as glyphs."""
    doc = edition.documents["report-zh"]
    assert doc.ledger[3798 - 1].cls == "illegible"


# ------------------------------------------------------------------ files that cannot be read


def test_a_source_that_is_a_folder(project):
    path = project / "sources" / "texts" / RES_EN
    path.unlink()
    path.mkdir()
    # the registry refuses it first, at the entry's file line
    assert_refused(project, run(project, "build"), r"registry\.yaml:\d+: .*texts/a-res-78-311\.en\.txt is a folder; "
                   r"expected a file")


def test_a_page_that_is_a_folder(project):
    (project / "sources" / "pages" / "en" / "extra.md").mkdir()
    assert_refused(project, run(project, "build"), r"^error: sources/pages/en/extra\.md: is a folder")


def test_a_page_that_is_not_utf8(project):
    (project / "sources" / "pages" / "en" / "about.md").write_bytes("# About\n\nÀ propos\n".encode("latin-1"))
    assert_refused(project, run(project, "build"), r"^error: sources/pages/en/about\.md: is not valid UTF-8")


@pytest.mark.parametrize("failure,words", [
    (PermissionError(errno.EACCES, "Permission denied"), "cannot be read (permission denied)"),
    (OSError(errno.EIO, "Input/output error"), "cannot be read (Input/output error)"),
    (MemoryError(), "too large to load (out of memory)"),
    (RecursionError("maximum recursion depth exceeded"), "nested too deeply to load"),
])
def test_a_source_that_cannot_be_loaded(project, monkeypatch, capsys, failure, words):
    target = project / "sources" / "texts" / RES_EN
    real = Path.read_bytes

    def failing(path: Path) -> bytes:
        if path == target:
            raise failure
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", failing)
    assert cli.main(["--root", str(project), "build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: sources/texts/{RES_EN}: {words}"), err
    assert "Traceback" not in err
    assert not (project / "docs").exists() and not (project / "site").exists()


def test_an_output_folder_that_cannot_be_made_is_reported_without_a_traceback(project):
    (project / "out").write_text("a file where the output folder goes")
    result = run(project, "build", "--out", str(project / "out"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert re.match(rf"error: {re.escape(str(project / 'out'))}: File exists", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
