"""The README's code map names every module and folder of the build code."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT


def unnamed(code_map: str, code: Path) -> list[str]:
    """The modules (``name.py``) and folders (``name/``) under ``code`` that ``code_map`` does not name."""
    named = set(re.findall(r"[A-Za-z0-9_]+(?:\.py|/)", code_map))
    missing = [p.relative_to(code).as_posix() for p in sorted(code.rglob("*.py"))
               if "__pycache__" not in p.parts and p.name != "__init__.py" and p.name not in named]
    missing += [p.relative_to(code).as_posix() + "/" for p in sorted(code.rglob("*"))
                if p.is_dir() and p.name != "__pycache__" and f"{p.name}/" not in named]
    return missing


def test_the_readme_code_map_names_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("scripts/edition/ ")
    code_map = readme[start:readme.index("\noverrides/ ", start)]
    assert not unnamed(code_map, ROOT / "scripts" / "edition")


def test_the_code_map_check_can_fail(tmp_path):
    (tmp_path / "stage").mkdir()
    for name in ("a.py", "stage/b.py", "stage/__init__.py"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert unnamed("a.py  stage/  b.py", tmp_path) == []
    assert unnamed("a.py  b.py", tmp_path) == ["stage/"]
    assert unnamed("stage/ b.py", tmp_path) == ["a.py"]
