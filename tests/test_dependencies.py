"""Dependencies say what they are: every import is declared (and every declared package is
used), the lock files pin every package with its hashes, and the runtime lock that `make site`
installs holds no tool of the tests or the books."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)", re.M)


def pins(lock: Path) -> dict[str, str]:
    return {m["name"].lower(): m["version"] for m in PIN.finditer(lock.read_text(encoding="utf-8"))}


def test_deptry_finds_no_undeclared_or_unused_dependency():
    exe = Path(sys.executable).parent / "deptry"
    done = subprocess.run([str(exe), "."], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_deptry_can_fail(tmp_path):
    """The check can fail: a module that imports a package nobody declared."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "p"\nversion = "0"\ndependencies = []\n', encoding="utf-8")
    (tmp_path / "m.py").write_text("import edition_undeclared_package\n", encoding="utf-8")
    exe = Path(sys.executable).parent / "deptry"
    done = subprocess.run([str(exe), "."], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "DEP001" in done.stdout + done.stderr


def test_every_pin_has_hashes():
    for lock in ("site.txt", "test.txt"):
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1])
        for entry in entries:
            if PIN.match(entry):
                assert "--hash=sha256:" in entry, f"{lock}: {entry.splitlines()[0]} has no hash"


def test_the_runtime_lock_is_the_runtime_only_and_agrees_with_the_test_lock():
    site, test = pins(ROOT / "requirements" / "site.txt"), pins(ROOT / "requirements" / "test.txt")
    for tool in ("pytest", "playwright", "hypothesis", "pikepdf", "deptry", "import-linter", "pytest-xdist"):
        assert tool not in site, f"{tool} is not needed to build the site"
        assert tool in test, f"{tool} is missing from the test lock"
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "jieba"):
        assert name in site
    assert {n: v for n, v in test.items() if n in site} == site, "the two locks pin the runtime differently"


def test_the_makefile_installs_the_runtime_for_the_site_and_with_hashes():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^site: \$\(SITE_STAMP\)$", make, re.M)
    assert "--require-hashes -r requirements/site.txt" in make
    assert "--require-hashes -r requirements/test.txt" in make
    assert not (ROOT / "requirements.lock").exists()
