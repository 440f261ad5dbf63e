"""The README's pictures: ``make pictures`` (scripts/readme_pictures.py) takes them from the
built site. The suite runs the same code into a temporary folder, to prove the command works
and that the pictures are the ones the README shows, without touching ``assets/readme/``
(``make test`` leaves the working tree as it found it)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

SCRIPT = ROOT / "scripts" / "readme_pictures.py"


def load_script():
    spec = importlib.util.spec_from_file_location("readme_pictures", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_pictures_are_taken_into_the_folder_given(site_dir, tmp_path, chromium_path):
    """The command as `make pictures` runs it, in its own process (the suite's browser already holds
    Playwright's synchronous API in this one)."""
    tracked = {p: p.stat().st_mtime_ns for p in (ROOT / "assets" / "readme").glob("*.png")}
    run = subprocess.run([sys.executable, str(SCRIPT), "--site", str(site_dir), "--out", str(tmp_path / "readme")],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    written = sorted((tmp_path / "readme").glob("*.png"))
    assert [p.name for p in written] == ["parallel-view.png", "recommendation.png"]
    for path in written:
        assert path.parent == tmp_path / "readme" and path.stat().st_size > 20_000, path
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "assets" / "readme").glob("*.png")} == tracked


def test_the_readme_shows_the_pictures_the_command_takes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for picture in load_script().PICTURES:
        assert f"assets/readme/{picture.name}" in readme
        assert (ROOT / "assets" / "readme" / picture.name).is_file()
    assert "make pictures" in readme


def test_the_command_refuses_a_folder_that_is_not_a_built_site(tmp_path):
    run = subprocess.run([sys.executable, str(SCRIPT), "--site", str(tmp_path), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "make site" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()
