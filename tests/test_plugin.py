"""The edition is an MkDocs plugin: ``mkdocs build`` on a fresh clone builds the site that
``make site`` (``edition build``) builds, file for file, and the adapter is the only code that
touches MkDocs, with public APIs only.

The fresh clone is ``git clone`` of this checkout's committed state plus the working tree's
inputs (so that the test sees uncommitted edits too), built by the ``mkdocs`` command in a
process of its own, as a maintainer who knows MkDocs would build it.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project

#: The build stamp (each build's own id and time: edition.staging) is the one file meant to differ.
STAMP = ".edition-build"
SCRIPTS = ROOT / "scripts" / "edition"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != STAMP}


def test_mkdocs_build_makes_the_same_site_as_edition_build(site_dir, tmp_path):
    project = copy_project(tmp_path / "clone")
    env = {k: v for k, v in os.environ.items() if k != "EDITION_SITE_URL"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                          cwd=project, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    plain, built = _files(tmp_path / "out"), _files(site_dir)
    assert plain.keys() == built.keys(), (sorted(plain.keys() - built.keys())[:10], sorted(built.keys() - plain.keys())[:10])
    differing = [name for name in plain if plain[name] != built[name]]
    assert not differing, f"mkdocs build and edition build differ in {differing[:10]}"
    # mkdocs build writes nothing into the project besides the site it was asked for
    assert sorted(p.name for p in project.iterdir()) == ["mkdocs.yml", "overrides", "sources"]


def test_bad_input_under_mkdocs_build_is_the_editions_message(tmp_path):
    project = copy_project(tmp_path / "clone")
    core = project / "sources" / "data" / "ui" / "core.yaml"
    core.write_text(core.read_text(encoding="utf-8") + "  broken: [unclosed\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "out")],
                          cwd=project, capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    assert f"{core}:" in done.stderr and "YAML syntax error" in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.html"))


def _modules() -> list[Path]:
    return sorted(SCRIPTS.rglob("*.py"))


def private_attributes(source: str) -> list[tuple[int, str]]:
    """``x._name`` anywhere but on ``self`` and ``cls``: another object's private attribute."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append((node.lineno, ast.unparse(node)))
    return found


def test_no_private_attribute_of_another_object_is_touched():
    found = {p.relative_to(ROOT).as_posix(): hits for p in _modules()
             if (hits := private_attributes(p.read_text(encoding="utf-8")))}
    assert not found, found


def test_the_private_attribute_check_can_fail():
    assert private_attributes("import x\nx.SearchIndex._segment_chinese = f\n") == [
        (2, "x.SearchIndex._segment_chinese")]
    assert private_attributes("page._title_from_render(html)\n") == [(1, "page._title_from_render")]
    assert private_attributes("self._depth += 1\n") == []


def test_only_the_adapter_imports_mkdocs_or_the_theme():
    outside = {}
    for path in _modules():
        if "adapter" in path.relative_to(SCRIPTS).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            bad = [n for n in names if n.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")]
            if bad:
                outside.setdefault(path.relative_to(ROOT).as_posix(), []).extend(bad)
    assert not outside, outside
