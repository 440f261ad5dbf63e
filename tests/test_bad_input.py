"""Bad input stops the build with file, line and expectation, and writes nothing.

Each test copies the project's inputs into a temporary folder, breaks one thing
the way an editor might, and runs the real command line. A source edit also
updates the registry checksum (as a reviewed change would), so that the parser,
not the checksum, is what is tested.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
    assert "Traceback" not in message, message
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
    assert_refused(project, run(project, "build"), r"sources/registry\.yaml:\d+:", "language 'fr' is not declared")


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


# ------------------------------------------------ data files: the typed schemas (issue 10)


def edit_data(project: Path, name: str, old: str, new: str) -> Path:
    path = project / "sources" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def test_duplicate_key_in_a_data_file(project):
    path = edit_data(project, "data/ui/core.yaml", "  nav_home: {zh: 首页,", "  nav_home: {zh: 首页,")
    text = path.read_text(encoding="utf-8")
    first = line_of(path, "  nav_home:")
    path.write_text(text.replace("  nav_parallel:", "  nav_home: {zh: 又, ru: ещё, en: again}\n  nav_parallel:", 1),
                    encoding="utf-8")
    second = line_of(path, "  nav_home: {zh: 又")
    assert_refused(project, run(project, "check"), rf"ui/core\.yaml:{second}:",
                   f"key 'nav_home' given twice (first at line {first})")


def test_list_where_a_text_is_expected(project):
    path = edit_data(project, "data/ui/core.yaml", "nav_home: {zh: 首页, ru: Главная, en: Home}",
                     "nav_home: {zh: 首页, ru: Главная, en: [Home, Start]}")
    assert_refused(project, run(project, "check"), rf"ui/core\.yaml:{line_of(path, 'nav_home')}:",
                   "'strings.nav_home.en'", "expected a text, got a list")


def test_mapping_where_a_text_is_expected(project):
    path = edit_data(project, "data/concordance.yaml", "    paragraph: op14", "    paragraph: {op: 14}")
    assert_refused(project, run(project, "check"), rf"concordance\.yaml:{line_of(path, 'paragraph: {op: 14}')}:",
                   "'paragraph' of link 1", "got a mapping")


def test_line_true_is_not_line_one(project):
    path = edit_data(project, "data/emendations/resolution.yaml", "line: 38", "line: true")
    assert_refused(project, run(project, "check"), rf"resolution\.yaml:{line_of(path, 'line: true')}:",
                   "'line' of emendation", "expected a whole number from 1", "'true'")


def test_misspelt_key(project):
    path = edit_data(project, "data/emendations/report.yaml", "    corrected: \"7\"", "    corected: \"7\"")
    result = run(project, "check")
    assert_refused(project, result, rf"report\.yaml:{line_of(path, 'corected')}:", "unknown key 'corected'",
                   "expected one of id, source, line, original, corrected, reason")
    assert "missing field 'corrected'" in result.stderr  # both, in the same run


def test_alias_bomb_is_refused_fast(project):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = project / "sources" / "data" / "annotations.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(levels) + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = run(project, "check")
    assert time.perf_counter() - started < 30
    assert_refused(project, result, rf"annotations\.yaml:{line_of(path, 'a0: &a0')}:", "anchor '&a0'",
                   "anchors and aliases are not allowed", "alias '*a0'")


def test_explicit_tag(project):
    path = edit_data(project, "data/documents.yaml", "  - symbol: A/RES/70/1",
                     "  - symbol: !!python/object/apply:os.system [\"echo pwned\"]")
    result = run(project, "check")
    assert_refused(project, result, rf"documents\.yaml:{line_of(path, 'pwned')}:", "explicit tag",
                   "python/object/apply:os.system", "tags are not allowed")
    assert "pwned" not in result.stdout


def test_lone_surrogate_escape(project):
    path = edit_data(project, "data/ui/core.yaml", "nav_home: {zh: 首页,", 'nav_home: {zh: "首\\ud800页",')
    assert_refused(project, run(project, "check"), rf"ui/core\.yaml:{line_of(path, 'nav_home')}:",
                   "lone surrogate U+D800", "'strings.nav_home.zh'")


def test_binary_anchor_lock(project):
    (project / "sources" / "anchors.lock").write_bytes(bytes(range(256)) * 4)
    assert_refused(project, run(project, "check"), r"sources/anchors\.lock:1:", "binary content")


def test_malformed_anchor_lock_lines_are_all_reported(project):
    lock = project / "sources" / "anchors.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "resolution/index.md\nresolution/index.md op1\n",
                    encoding="utf-8")
    lines = lock.read_text(encoding="utf-8").split("\n")
    result = run(project, "check")
    assert_refused(project, result, rf"anchors\.lock:{len(lines) - 2}: expected 'page\.md anchor'",
                   f"anchors.lock:{len(lines) - 1}: 'resolution/index.md op1' given twice")


def registry_entry_file(project: Path, new_file: str, data: bytes | None = None) -> Path:
    """Point the English resolution's entry at ``new_file`` (with the checksum of ``data``, if given)."""
    registry = project / "sources" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("file: texts/a-res-78-311.en.txt", f"file: {new_file}", 1)
    if data is not None:
        digest = hashlib.sha256(data).hexdigest()
        text = re.sub(rf"(file: {re.escape(new_file)}\n    sha256: )[0-9a-f]+", rf"\g<1>{digest}", text)
    registry.write_text(text, encoding="utf-8")
    return registry


def test_registry_file_outside_the_texts_folder(project):
    secret = project / "secret.txt"
    secret.write_bytes(b"not a source\n")
    registry = registry_entry_file(project, "../../secret.txt", secret.read_bytes())
    assert_refused(project, run(project, "check"), rf"registry\.yaml:{line_of(registry, 'secret.txt')}:",
                   "'file' of source entry 3", "no '..'")


def test_registry_absolute_path(project):
    registry = registry_entry_file(project, "/etc/hostname")
    assert_refused(project, run(project, "check"), rf"registry\.yaml:{line_of(registry, '/etc/hostname')}:",
                   "'file' of source entry 3", "not absolute")


def test_registry_symlink_leaving_the_texts_folder(project):
    """Two walls: no symlink anywhere under sources/ (refused before anything is read), and the
    registry's own check that a file resolves inside sources/texts/ (if a symlink got past the first)."""
    from edition.errors import DataErrors
    from edition.sources import load_registry

    secret = project / "secret.txt"
    secret.write_bytes(source_bytes("a-res-78-311.en.txt"))
    (project / "sources" / "texts" / "link.txt").symlink_to(secret)
    registry = registry_entry_file(project, "texts/link.txt", secret.read_bytes())
    assert_refused(project, run(project, "check"), r"sources/texts/link\.txt: symlink not allowed",
                   "secret.txt")
    with pytest.raises(DataErrors) as err:
        load_registry(registry)
    assert f"registry.yaml:{line_of(registry, 'texts/link.txt')}:" in str(err.value)
    assert "outside sources/texts/" in str(err.value) and "symlink" in str(err.value)


def test_registry_entry_without_checksum(project):
    registry = project / "sources" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    text = re.sub(r"(file: texts/a-res-78-311\.en\.txt\n)    sha256: [0-9a-f]+\n", r"\1", text)
    registry.write_text(text, encoding="utf-8")
    assert_refused(project, run(project, "check"), rf"registry\.yaml:{line_of(registry, 'id: res-en')}:",
                   "source entry 3: missing field 'sha256'")


def test_bidi_override_in_an_interface_string(project):
    path = edit_data(project, "data/ui/core.yaml", "nav_home: {zh: 首页, ru: Главная, en: Home}",
                     "nav_home: {zh: 首页, ru: Главная, en: Ho\u202eme}")
    assert_refused(project, run(project, "check"), rf"ui/core\.yaml:{line_of(path, 'nav_home')}:",
                   "U+202E RIGHT-TO-LEFT OVERRIDE (bidi control) in 'strings.nav_home.en'",
                   "format-characters.yaml")


def test_a_recorded_format_character_is_accepted(project):
    path = edit_data(project, "data/ui/core.yaml", "nav_home: {zh: 首页, ru: Главная, en: Home}",
                     "nav_home: {zh: 首页, ru: Главная, en: Ho\u200bme}")
    line = line_of(path, "nav_home")
    allowance = project / "sources" / "data" / "format-characters.yaml"
    allowance.write_text(allowance.read_text(encoding="utf-8") + (
        f"  - file: data/ui/core.yaml\n    line: {line}\n    char: U+200B\n"
        "    reason: {zh: 测试, ru: проверка, en: a test}\n"), encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 0, result.stderr


def test_several_errors_in_one_file_are_all_reported(project):
    path = project / "sources" / "data" / "emendations" / "resolution.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("line: 38", "line: yes", 1).replace("    source:", "    sauce:", 1)
    text = text.replace("version: 1", "version: 1\nversion: 1", 1)
    path.write_text(text, encoding="utf-8")
    result = run(project, "check")
    assert_refused(project, result, r"resolution\.yaml:\d+:", "key 'version' given twice", "unknown key 'sauce'",
                   "missing field 'source'", "got the text 'yes'")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) >= 4 and all(re.match(r"error: \S+resolution\.yaml:\d+: ", e) for e in errors), errors
    assert "Traceback" not in result.stderr


def test_two_emendations_on_one_reading_are_named_not_blamed_on_markup(project):
    path = project / "sources" / "data" / "emendations" / "resolution.yaml"
    text = path.read_text(encoding="utf-8")
    second = text.split("  - id: e-res-ru-1\n", 1)[1].split("  - id:", 1)[0]
    text = text.replace("  - id: e-res-en-1\n", "  - id: e-res-ru-2\n" + second.replace('"неперенных"', '"перен"')
                        + "  - id: e-res-en-1\n", 1)
    path.write_text(text, encoding="utf-8")
    result = run(project, "check")
    line = line_of(path, 'original: "перен"')
    assert_refused(project, result, rf"resolution\.yaml:{line}: emendation e-res-ru-2",
                   "overlaps the reading 'неперенных' that emendation e-res-ru-1", "merge the two")
    assert "markup" not in result.stderr


def test_a_resolution_witness_language_without_its_iso_code_is_refused_at_the_language(project):
    """Akoma Ntoso names a language version by its ISO 639-2/T code: a witness of a resolution in a
    language that declares none is refused when the data is read, at the language's line."""
    path = edit_data(project, "data/languages.yaml", "    iso639_2: rus\n", "")
    result = run(project, "check")
    assert_refused(project, result, rf"languages\.yaml:{line_of(path, '- code: ru')}:", "language ru",
                   "expected `iso639_2:`", "Akoma Ntoso")
