"""Every page of the built site passes the Nu Html Checker (vnu, errors only, no filter).

vnu comes from the npm registry (``vnu-jar``, pinned in package-lock.json) and runs on
Debian's Java runtime; both are installed by ``make system-deps``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from edition.adapter.markup import repair_theme_markup

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar: run `make system-deps`")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_every_page_of_the_site_is_valid_html(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 40
    errors = vnu_errors(pages)
    report = "\n".join(f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in errors[:40])
    assert not errors, f"{len(errors)} vnu errors:\n{report}"


def test_the_checker_does_report_errors(tmp_path):
    """The check can fail: a page with a duplicate id and a stray attribute quote."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title>'
                    '<meta name="description" content="a "quoted" title">'
                    '<p id="op5">a</p><p id="op5">b</p></html>', encoding="utf-8")
    messages = " ".join(m["message"] for m in vnu_errors([page]))
    assert "Duplicate ID" in messages and "Attribute" in messages


def test_theme_repairs_touch_only_the_named_attributes():
    repaired, counts = repair_theme_markup(
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">x</label>'
        '<label class="other" tabindex="">y</label>')
    assert counts == {"tabindex": 1, "autocomplete": 1}
    assert repaired == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input type="text" class="md-search__input" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">x</label>'
        '<label class="other" tabindex="">y</label>')
