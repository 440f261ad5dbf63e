"""The layering contracts of the build code (import-linter, configured in pyproject.toml).

Parse -> model -> render holds only while the lower stages import nothing above them and
no module imports another in a circle (a cycle once hid behind function-local imports:
build -> site -> build). import-linter reads every import, function-local ones included.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(project / "scripts")}
    return subprocess.run([str(exe), "--config", str(project / "pyproject.toml"), "--no-cache"], cwd=project,
                          capture_output=True, text=True, env=env, timeout=300)


def test_every_layering_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert result.stdout.count(" KEPT") >= 6, result.stdout


def test_a_forbidden_import_and_a_cycle_are_caught(tmp_path):
    """The check can fail: the model importing the writer, and a cycle between two modules."""
    project = tmp_path / "p"
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    model = project / "scripts" / "edition" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n\ndef _late():\n    from .writer import markdown  # noqa\n",
                     encoding="utf-8")
    search = project / "scripts" / "edition" / "search.py"
    search.write_text(search.read_text(encoding="utf-8") + "\n\ndef _late():\n    from . import build  # noqa\n",
                      encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode != 0
    assert "The model and the parsers import nothing above them BROKEN" in result.stdout, result.stdout
    assert "No import cycle between the build's modules BROKEN" in result.stdout, result.stdout
