"""The typed schemas of the editorial data files and the strict YAML reader under them.

Small fixtures, written into tmp_path; the command-line cases (exit 2, nothing
written) are in test_bad_input.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from edition.datafile import DataFile, Record, Text, Translation, interface_languages, load_data, read_data
from edition.errors import DataError, DataErrors
from edition.schemas import DATA_FILES, SCHEMA_FOLDER, SCHEMAS, EmendationsFile, Registry, UIFile, generated_schemas

ROOT = Path(__file__).resolve().parents[1]


def declare_languages(sources: Path) -> None:
    """A data file is checked against the languages its project declares: give the fixture project ours."""
    (sources / "data").mkdir(parents=True, exist_ok=True)
    (sources / "data" / "languages.yaml").write_bytes((ROOT / "sources" / "data" / "languages.yaml").read_bytes())


class Entry(Record):
    name: Text
    title: Translation


class Sample(DataFile):
    unique = (("entries", ("name",)),)
    entry_names = {"entries": "entry"}
    entries: list[Entry]


def write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "version: 1\nentries:\n  - name: a\n    title: {zh: 甲, ru: а, en: a}\n"


def messages(tmp_path: Path, text: str, model=Sample) -> list[str]:
    with pytest.raises(DataErrors) as err:
        load_data(write(tmp_path, text), model)
    return [f"{e.line}: {e.message}" for e in err.value.errors]


def test_a_good_file_loads_with_the_lines_of_its_values(tmp_path):
    data, lines = read_data(write(tmp_path, GOOD), Sample)
    assert data.entries[0].title == {"zh": "甲", "ru": "а", "en": "a"}
    assert lines.at("entries", 0) == 3 and lines.at("entries", 0, "title", "en") == 4


def test_translations_need_exactly_the_interface_languages(tmp_path):
    assert interface_languages() == ("zh", "ru", "en")
    out = messages(tmp_path, GOOD.replace("ru: а, ", "").replace("en: a", "en: a, fr: x"))
    assert out == ["4: 'title' of entry 1: missing language ru; unknown language fr; expected a text in each "
                   "interface language (zh, ru, en)"]


def test_the_languages_come_from_the_validation_context(tmp_path):
    path = write(tmp_path, GOOD.replace("{zh: 甲, ru: а, en: a}", "{zh: 甲, fr: a}"))
    assert load_data(path, Sample, context={"languages": ("zh", "fr")}).entries[0].title == {"zh": "甲", "fr": "a"}


@pytest.mark.parametrize("value", ["no", "yes", "true", "2024-07-01", "1.0", "0x10", "null-ish"])
def test_scalars_stay_text_no_yaml_1_1_guessing(tmp_path, value):
    data = load_data(write(tmp_path, GOOD.replace("name: a", f"name: {value}")), Sample)
    assert data.entries[0].name == value


@pytest.mark.parametrize("text,expected", [
    (GOOD.replace("name: a", "name: [a, b]"), "3: 'name' of entry 1: expected a text, got a list"),
    (GOOD.replace("name: a", "name: {a: b}"), "3: 'name' of entry 1: expected a text, got a mapping"),
    (GOOD.replace("name: a", "name:"), "3: 'name' of entry 1: expected a text, got nothing"),
    (GOOD.replace("name: a", "name: '  '"), "3: 'name' of entry 1: is empty; expected a text"),
    (GOOD.replace("name: a", "nmae: a"), "3: entry 1: unknown key 'nmae'; expected one of name, title"),
    (GOOD.replace("version: 1", "version: true"), "1: 'version': expected a whole number from 1"),
    (GOOD.replace("version: 1", "version: 2"), "1: 'version': expected 1"),
    (GOOD + "  - name: a\n    title: {zh: 乙, ru: б, en: b}\n", "5: entry 2: name 'a' given twice (first at line 3)"),
    (GOOD + "version: 1\n", "5: key 'version' given twice (first at line 1)"),
    (GOOD.replace("name: a", "name: &x a"), "3: anchor '&x'"),
    (GOOD.replace("name: a", "name: !!str a"), "3: explicit tag 'tag:yaml.org,2002:str'"),
    (GOOD.replace("name: a", "name: !x a"), "3: explicit tag '!x'"),
    (GOOD.replace("name: a", 'name: "a\\ud800"'), "3: lone surrogate U+D800"),
    (GOOD.replace("name: a", 'name: "a\\0"'), "3: control character U+0000 (from an escape)"),
    (GOOD.replace("name: a", 'name: "a\\x07"'), "3: control character U+0007 (from an escape)"),
    (GOOD.replace("name: a", "name: a\u202eb"), "3: U+202E RIGHT-TO-LEFT OVERRIDE (bidi control) in 'name' of entry 1"),
    (GOOD.replace("name: a", 'name: "a\\u2066"'), "3: U+2066 LEFT-TO-RIGHT ISOLATE (bidi control) (from an escape)"),
    (GOOD.replace("name: a", "name: a\u00adb"), "3: U+00AD SOFT HYPHEN (invisible format character)"),
    (GOOD.replace("name: a", "name: a\ufeffb"), "3: U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    (GOOD.replace("version: 1", "version: 1 # \u200b"), "1: U+200B ZERO WIDTH SPACE (invisible format character) "
                                                        "outside any value (in a comment)"),
])
def test_refusals_name_their_line(tmp_path, text, expected):
    out = messages(tmp_path, text)
    assert any(m.startswith(expected) or expected in m for m in out), out


def test_syntax_error_is_a_single_data_error(tmp_path):
    with pytest.raises(DataError, match=r"x\.yaml:3: YAML syntax error") as err:
        load_data(write(tmp_path, "version: 1\nentries: [a: [unclosed\n"), Sample)
    assert not isinstance(err.value, DataErrors)


@pytest.mark.parametrize("data,expected", [
    (b"\xef\xbb\xbfversion: 1\n", "x.yaml:1: file starts with a UTF-8 byte order mark"),
    (b"version: 1\r\nentries: []\r\n", "x.yaml:1: CR line end"),
    (b"version: 1\nentries: [\xff]\n", "x.yaml:2: invalid UTF-8"),
    (b"version: 1\n\x00\x01\x02", "x.yaml:2: binary content"),
    (b"version: 1\nentries: []\x07\n", "x.yaml:2: control character U+0007"),
    (b"", "x.yaml:1: the file is empty"),
])
def test_unreadable_files_are_refused_on_their_line(tmp_path, data, expected):
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    with pytest.raises(DataError) as err:
        load_data(path, Sample)
    assert expected in str(err.value)


def test_an_alias_bomb_is_refused_without_expanding(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    started = time.perf_counter()
    out = messages(tmp_path, GOOD + "\n".join(levels) + "\n")
    assert time.perf_counter() - started < 5  # 9**12 values if expanded
    assert any("alias '*a10'" in m for m in out) and any("anchor '&a0'" in m for m in out)


def test_every_error_of_a_file_is_reported_in_one_run(tmp_path):
    text = ("version: 1\nentries:\n  - name: [a]\n    title: {zh: 甲, en: a}\n    extra: 1\n"
            "  - name: b\n    name: c\n    title: {zh: 乙, ru: б, en: \"b\\ud800\"}\n")
    out = messages(tmp_path, text)
    assert [m.split(":")[0] for m in out] == ["3", "4", "5", "7", "8"], out


def test_registry_requires_a_checksum_and_a_contained_path(tmp_path):
    registry = (ROOT / "sources" / "registry.yaml").read_text(encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    declare_languages(sources)
    for old, new, expected in [
        ("file: texts/a-res-78-311.en.txt", "file: ../../etc/passwd", "no '..'"),
        ("file: texts/a-res-78-311.en.txt", "file: /etc/passwd", "not absolute"),
        ("file: texts/a-res-78-311.en.txt", "file: texts/../../x.txt", "no '..'"),
        ("file: texts/a-res-78-311.en.txt", "file: other/x.txt", "expected a file inside texts/"),
        ("sha256: 1f8701e1", "sha256: 1F8701E1", "64 lower-case hex digits"),
        ("    sha256: 1f8701e14f1adc750c69ae4090bbd33b7fc27016d47c3ad6f7ffe92b7babc6bc\n", "", "missing field 'sha256'"),
        ("date: 2024-07-01", "date: 2024-13-01", "expected a date written YYYY-MM-DD"),
        ("kind: report", "kind: book", "expected 'resolution', 'report' or 'news'"),
    ]:
        assert old in registry, old
        path = write(sources, registry.replace(old, new, 1), "registry.yaml")
        with pytest.raises(DataErrors) as err:
            load_data(path, Registry)
        assert expected in str(err.value), (new, str(err.value))


def test_emendation_line_numbers_are_explicit(tmp_path):
    record = ("version: 1\nemendations:\n  - id: e-x-1\n    source: s\n    line: {line}\n    original: a\n"
              "    corrected: b\n    reason: {{zh: 理由, ru: причина, en: reason}}\n")
    assert load_data(write(tmp_path, record.format(line="12")), EmendationsFile).emendations[0].line == 12
    for bad in ("true", "0", "-1", "1.5", "'1e3'", "012"):
        with pytest.raises(DataErrors, match="'line' of emendation 1: expected a whole number from 1"):
            load_data(write(tmp_path, record.format(line=bad)), EmendationsFile)


def test_recorded_format_characters_are_allowed_where_recorded_only(tmp_path):
    sources = tmp_path / "sources"
    (sources / "data" / "ui").mkdir(parents=True)
    declare_languages(sources)
    ui = sources / "data" / "ui" / "x.yaml"
    ui.write_text("version: 1\nstrings:\n  a: {zh: 甲, ru: а, en: \"a\u200bb\"}\n  b: {zh: 乙, ru: б, en: \"b\u200bc\"}\n",
                  encoding="utf-8")
    (sources / "data" / "format-characters.yaml").write_text(
        "version: 1\nallowed:\n  - file: data/ui/x.yaml\n    line: 3\n    char: U+200B\n"
        "    reason: {zh: 测试, ru: проверка, en: a test}\n", encoding="utf-8")
    with pytest.raises(DataErrors) as err:
        load_data(ui, UIFile)
    assert [e.line for e in err.value.errors] == [4]
    allowance = sources / "data" / "format-characters.yaml"
    allowance.write_text(allowance.read_text(encoding="utf-8").replace("char: U+200B", "char: U+0041"), encoding="utf-8")
    with pytest.raises(DataErrors, match="U\\+0041 is not an invisible format character"):
        load_data(ui, UIFile)


def test_committed_json_schemas_are_what_the_models_generate():
    folder = ROOT / SCHEMA_FOLDER
    assert sorted(p.name for p in folder.glob("*.schema.json")) == sorted(generated_schemas())
    for name, text in generated_schemas().items():
        assert (folder / name).read_text(encoding="utf-8") == text, f"{name}: run `edition schemas`"
        assert json.loads(text)["additionalProperties"] is False


def test_every_data_file_names_its_schema_on_its_first_line():
    sources = ROOT / "sources"
    seen = 0
    for pattern, name in DATA_FILES.items():
        assert name in SCHEMAS
        for path in sources.glob(pattern):
            seen += 1
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first.startswith("# yaml-language-server: $schema="), path
            target = (path.parent / first.split("=", 1)[1]).resolve()
            assert target == (ROOT / SCHEMA_FOLDER / f"{name}.schema.json").resolve(), path
    listed = {p for pattern in DATA_FILES for p in sources.glob(pattern)}
    assert listed == set(sources.glob("*.yaml")) | set(sources.glob("data/**/*.yaml"))
    assert seen == len(listed) >= 10


def test_two_emendations_on_one_reading_say_so(tmp_path):
    from edition.emendations import load_emendations

    folder = tmp_path / "emendations"
    folder.mkdir()
    record = ("  - id: e-x-{n}\n    source: s\n    line: 1\n    original: \"{o}\"\n    corrected: \"z\"\n"
              "    reason: {{zh: 理由, ru: причина, en: reason}}\n")
    (folder / "x.yaml").write_text("version: 1\nemendations:\n" + record.format(n=1, o="capacitybuilding")
                                   + record.format(n=2, o="building"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_emendations(folder, {"s": ["on capacitybuilding in"]})
    message = str(err.value)
    assert "x.yaml:12: emendation e-x-2" in message and "overlaps the reading 'capacitybuilding'" in message
    assert "e-x-1" in message and "markup" not in message
    # the same reading twice on a line is two places: each record takes one
    (folder / "x.yaml").write_text("version: 1\nemendations:\n" + record.format(n=1, o="ab")
                                   + record.format(n=2, o="ab"), encoding="utf-8")
    assert len(load_emendations(folder, {"s": ["ab and ab"]})) == 2


@pytest.mark.parametrize("strings,expected", [
    ("{zh: '第{n}段', ru: 'п. {n}', en: 'para. {m}'}", "'strings.k': the languages have different placeholders (zh: n; ru: n; en: m)"),
    ("{zh: '第{n}段', ru: 'п. {n}', en: 'para. {n'}", "'strings.k': expected '}' before end of string in 'para. {n'; a placeholder is written {name}"),
    ("{zh: 甲, ru: а, en: a, en: b}", "key 'en' given twice (first at line 3)"),
])
def test_interface_strings_share_their_placeholders(tmp_path, strings, expected):
    out = messages(tmp_path, f"version: 1\nstrings:\n  k: {strings}\n", UIFile)
    assert any(m.startswith("3: ") and expected in m for m in out), out
