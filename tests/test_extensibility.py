"""Adding a language and a work is adding data and text files: no code, no mkdocs.yml edit.

In a temporary copy of the project, the fixtures of ``tests/fixtures/extensibility/`` add
a French witness of resolution 78/311 (a text language with no interface of its own)
and a second, synthetic resolution (A/RES/78/900, with an English and a Chinese
witness and an emendation), the way an editor would: texts into ``sources/texts/``,
entries appended to the data files. The anchor lock is extended with ``edition lock``
(as the README says to), and the real command line builds the site strictly. Then the
built site must show what a reader and a re-user expect: the pages of the new work in
every interface tree and in the navigation, a fourth column of the parallel view, the
new anchors, the new work cited by its own symbol, its search entries, its apparatus.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGUAGES, copy_project
from htmlscan import lang_root, scan

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "extensibility"

#: Fixture -> data file it is appended to (relative to sources/).
APPENDS = {
    "languages.append.yaml": "data/languages.yaml",
    "registry.append.yaml": "registry.yaml",
    "works.append.yaml": "data/works.yaml",
    "conventions.append.yaml": "data/conventions/resolution.yaml",
}


def run(project: Path, *args: str, code: Path = ROOT) -> subprocess.CompletedProcess:
    """The command line on ``project``, with the code under ``code/scripts`` (the checkout's by default)."""
    return subprocess.run([sys.executable, "-m", "edition", "--root", str(project), *args],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={"PYTHONPATH": str(code / "scripts"), "PATH": "/usr/bin:/bin"})


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def code_tree(root: Path) -> dict[str, bytes]:
    """The build code: what an addition of data must not touch."""
    return {k: v for k, v in tree(root / "scripts" / "edition").items()}


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """The project with a French witness and a second resolution added, built; and what was touched."""
    project = copy_project(tmp_path_factory.mktemp("extended"))
    # the project's own copy of the code, which the commands below run: any change to it shows
    shutil.copytree(ROOT / "scripts" / "edition", project / "scripts" / "edition",
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = tree(project)
    sources = project / "sources"
    for text in (FIXTURES / "texts").iterdir():
        shutil.copy(text, sources / "texts" / text.name)
    for fixture, target in APPENDS.items():
        path = sources / target
        path.write_text(path.read_text(encoding="utf-8") + (FIXTURES / "data" / fixture).read_text(encoding="utf-8"),
                        encoding="utf-8")
    shutil.copy(FIXTURES / "data" / "emendations-res900.yaml", sources / "data" / "emendations" / "res900.yaml")
    lock = run(project, "lock", code=project)
    assert lock.returncode == 0, lock.stderr
    build = run(project, "build", code=project)
    assert build.returncode == 0, build.stdout + build.stderr
    # what the build makes (docs/, site/) and its own lock file are not inputs
    after = {k: v for k, v in tree(project).items() if not k.startswith(("docs/", "site/", "."))}
    touched = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return project, project / "site", touched


def test_the_build_ran_the_projects_copy_of_the_code_and_left_it_as_the_checkouts(extended):
    """The check behind "no code touched": the commands ran the copy (not the checkout's code), and
    the copy is, after the build, byte for byte the checkout's code."""
    project, _, _ = extended
    where = subprocess.run([sys.executable, "-c", "import edition; print(edition.__file__)"], capture_output=True,
                           text=True, env={"PYTHONPATH": str(project / "scripts"), "PATH": "/usr/bin:/bin"})
    assert Path(where.stdout.strip()).parent == project / "scripts" / "edition", where
    assert code_tree(project) == code_tree(ROOT)


def test_the_code_check_can_fail(tmp_path):
    copy = tmp_path / "scripts" / "edition"
    shutil.copytree(ROOT / "scripts" / "edition", copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "parsers" / "resolution.py").write_text("# changed\n", encoding="utf-8")
    assert code_tree(tmp_path) != code_tree(ROOT)


def test_the_french_heading_is_read_with_the_french_conventions(extended):
    """The real UN French heading line ("Distr. générale" and its date) is found by the pattern in
    the French conventions (data), not by one written in the parser."""
    _, site, _ = extended
    page = scan(lang_root(site, "en") / "resolution" / "parallel.html")
    assert "Distr. générale" in page.text and "5 juillet 2024" in page.text


def test_only_data_and_text_files_were_touched(extended):
    _, _, touched = extended
    assert touched, "the additions touched nothing?"
    assert all(t.startswith("sources/") and t.endswith((".yaml", ".txt", ".lock")) for t in touched), touched
    assert "mkdocs.yml" not in touched and not any(t.startswith("overrides/") for t in touched)
    # 3 texts, 4 data files appended to, 1 emendation file, the anchor lock
    assert len(touched) == 9, touched


@pytest.mark.parametrize("lang", LANGUAGES.interface)
def test_the_second_work_has_its_pages_in_every_tree_and_the_navigation(extended, lang):
    _, site, _ = extended
    root = lang_root(site, lang)
    for page in ("resolution-78-900/index.html", "resolution-78-900/parallel.html"):
        assert (root / page).is_file(), (lang, page)
    home = scan(root / "index.html")
    assert any(h.endswith("resolution-78-900/index.html") for h in home.hrefs), "not in the navigation"


@pytest.mark.parametrize("lang", LANGUAGES.interface)
def test_the_parallel_view_has_a_french_column(extended, lang):
    _, site, _ = extended
    page = scan(lang_root(site, lang) / "resolution" / "parallel.html")
    cells = [a for tag, a in page.elements if "par-cell" in (a.get("class") or "") and a.get("lang")]
    assert {c["data-lang"] for c in cells} == {"zh", "ru", "en", "fr"}
    assert all(c["lang"] == "fr" for c in cells if c["data-lang"] == "fr")
    french = {"zh": "法文", "ru": "французский", "en": "French"}[lang]  # from the fixture's languages entry
    buttons = [a for tag, a in page.elements if tag == "button" and a.get("data-lang") == "fr"]
    assert buttons, "no toolbar button for the French column"
    assert french in page.text
    assert "L’Assemblée générale," in page.text
    # the interface trees stay the declared ones: no French tree
    assert not (site / "fr").exists()


def test_the_interface_edition_pages_keep_their_own_language(extended):
    _, site, _ = extended
    for lang in LANGUAGES.interface:
        page = scan(lang_root(site, lang) / "resolution" / "index.html")
        assert "L’Assemblée générale," not in page.text, lang


@pytest.mark.parametrize("lang", LANGUAGES.interface)
def test_the_new_anchors_are_published_and_locked(extended, lang):
    project, site, _ = extended
    lock = (project / "sources" / "anchors.lock").read_text(encoding="utf-8")
    for anchor in ("pp1", "pp2", "op1", "op2", "op3", "header", "closing"):
        assert f"resolution-78-900/index.md {anchor}\n" in lock
        assert f"resolution-78-900/parallel.md {anchor}\n" in lock
    ids = set(scan(lang_root(site, lang) / "resolution-78-900" / "index.html").ids)
    assert {"pp1", "pp2", "op1", "op2", "op3", "fn1"} <= ids


def test_the_second_work_is_cited_by_its_own_symbol(extended):
    _, site, _ = extended
    page = scan(lang_root(site, "en") / "resolution-78-900" / "index.html")
    cites = {a.get("id"): a.get("data-cite") for tag, a in page.elements if a.get("data-cite")}
    assert cites["op2"] == "A/RES/78/900, para. 2"
    assert cites["pp1"] == "A/RES/78/900, preambular para. 1"
    assert not any("78/311" in (c or "") for c in cites.values())
    first = scan(lang_root(site, "en") / "resolution" / "index.html")
    assert {a.get("data-cite") for tag, a in first.elements if a.get("id") == "op2"} == {"A/RES/78/311, para. 2"}


def test_the_second_work_has_search_entries(extended):
    _, site, _ = extended
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = {d["location"]: d["title"] for d in docs}
    assert entries.get("en/resolution-78-900/index.html#op2") == "A/RES/78/900, para. 2"
    assert "resolution-78-900/index.html#op2" in entries  # the default tree


@pytest.mark.parametrize("lang", LANGUAGES.interface)
def test_the_french_witness_is_searchable_in_every_tree(extended, lang):
    """French has no interface tree: its text stands on the parallel view, and is searched there."""
    _, site, _ = extended
    prefix = "" if lang == LANGUAGES.default else f"{lang}/"
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = {d["location"]: d for d in docs}
    french = {"zh": "法文", "ru": "французский", "en": "French"}[lang]
    op2 = entries.get(f"{prefix}resolution/parallel.html#op2")
    assert op2 is not None, "no search entry for the French text of op2"
    assert french in op2["title"].replace("\u200b", "")
    assert "L’Assemblée générale" in entries[f"{prefix}resolution/parallel.html#header"]["text"] or \
        "Distr. générale" in entries[f"{prefix}resolution/parallel.html#header"]["text"]
    # the interface languages' own text is not indexed a second time from the parallel view
    assert not any(l.startswith(f"{prefix}resolution/parallel.html#") and french not in d["title"].replace("\u200b", "")
                   for l, d in entries.items())


def test_the_additions_reach_the_open_data_and_the_text_for_tools(extended):
    _, site, _ = extended
    data = site / "data"
    french = json.loads((data / "resolution.aligned.json").read_text(encoding="utf-8"))
    assert "fr" in [language["code"] for language in french["languages"]]
    assert any("L’Assemblée générale" in (u["text"].get("fr") or "") for u in french["units"])
    second = json.loads((data / "resolution-78-900.aligned.json").read_text(encoding="utf-8"))
    assert {language["code"] for language in second["languages"]} == {"en", "zh"}
    op2 = next(u for u in second["units"] if u["anchor"] == "op2")
    assert op2["citation"]["en"] == "A/RES/78/900, para. 2" and op2["text"]["en"] and op2["text"]["zh"]
    for name in ("resolution.fr.akn.xml", "resolution-78-900.en.akn.xml", "resolution-78-900.zh.akn.xml"):
        assert (data / name).is_file(), name
    assert "/78-900/" in (data / "resolution-78-900.en.akn.xml").read_text(encoding="utf-8")
    citations = json.loads((data / "citations.csl.json").read_text(encoding="utf-8"))
    assert any("A/RES/78/900" in json.dumps(c, ensure_ascii=False) for c in citations)
    for name in ("md/resolution.fr.md", "md/resolution-78-900.en.md", "md/resolution-78-900.zh.md"):
        assert (site / name).is_file(), name
    assert "md/resolution-78-900.en.md" in (site / "llms.txt").read_text(encoding="utf-8")


def test_the_additions_reach_the_books(extended, tmp_path):
    """The EPUB of each interface language holds the second work's pages and the French column."""
    import zipfile

    from edition.adapter.loading import site_at
    from edition.books.epub import build_epub

    project, _, _ = extended
    site_spec = site_at(project)
    for lang in LANGUAGES.interface:
        book = build_epub(site_spec, lang, tmp_path, 0, project / "mkdocs.yml")
        with zipfile.ZipFile(book) as zf:
            text = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xhtml"))
        assert "A/RES/78/900" in text, lang
        assert "L’Assemblée générale," in text, lang


def test_the_apparatus_lists_the_new_emendation_with_its_place(extended):
    _, site, _ = extended
    page = scan(lang_root(site, "en") / "apparatus.html")
    assert "e-res900-en-1" in page.ids
    assert "Resolution 78/900, English text, para. 3" in page.text
    # the place: the row of the work's parallel page, where the English witness stands in every tree
    assert any(h.endswith("resolution-78-900/parallel.html#op3") for h in page.hrefs)
    reading = scan(lang_root(site, "en") / "resolution-78-900" / "index.html")
    assert "seised" in reading.text


def test_a_second_witness_in_one_language_is_refused(tmp_path):
    copy_project(tmp_path)
    registry = tmp_path / "sources" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text + text[text.index("  - id: res-en"):text.index("  - id: report-zh")]
                        .replace("id: res-en", "id: res-en-2"), encoding="utf-8")
    result = run(tmp_path, "check")
    assert result.returncode == 2
    assert "registry.yaml:" in result.stderr and "a second en witness of work resolution" in result.stderr


def test_a_witness_of_an_undeclared_work_or_language_is_refused(tmp_path):
    copy_project(tmp_path)
    registry = tmp_path / "sources" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("work: context", "work: kontext"), encoding="utf-8")
    result = run(tmp_path, "check")
    assert result.returncode == 2 and "work 'kontext' is not declared" in result.stderr


def test_a_witness_that_would_not_be_shown_is_refused(tmp_path):
    """A news work's page shows one witness: a second one (here the same pieces declared again as a
    Russian witness) would be published nowhere."""
    copy_project(tmp_path)
    registry = tmp_path / "sources" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    entry = text[text.index("  - id: news-zh"):]
    registry.write_text(text + entry.replace("id: news-zh", "id: news-ru").replace("lang: zh", "lang: ru"),
                        encoding="utf-8")
    result = run(tmp_path, "build")
    assert result.returncode == 2, result.stderr
    assert "registry.yaml" in result.stderr and "a witness that is not shown is not allowed" in result.stderr
    assert not (tmp_path / "site").exists() and not (tmp_path / "docs").exists()


def test_a_work_without_a_witness_has_no_pages_and_is_refused(tmp_path):
    copy_project(tmp_path)
    works = tmp_path / "sources" / "data" / "works.yaml"
    works.write_text(works.read_text(encoding="utf-8") + (FIXTURES / "data" / "works.append.yaml")
                     .read_text(encoding="utf-8"), encoding="utf-8")
    result = run(tmp_path, "check")
    assert result.returncode == 2 and "work resolution-78-900 has no witness" in result.stderr


def test_a_relative_root_builds(tmp_path):
    """`edition --root PATH` with a relative PATH (MkDocs resolves relative folders against mkdocs.yml)."""
    copy_project(tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "edition", "--root", "p", "build"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600,
                            env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "p" / "site" / "en" / "resolution" / "index.html").is_file()
