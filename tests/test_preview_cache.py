"""The live preview keeps each page's converted Markdown between rebuilds (``keep_rendered_pages``):
a rebuild after an edit must equal, file for file, a fresh build of the edited project, and a page
whose conversion warned must be converted (and warn) again.

Each build runs in a process of its own: the preview's caches patch MkDocs for the whole process,
and the test session must keep MkDocs as it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project

ANNOTATION = "was published in September 2024"
EDITED = "was published in September 2024 (PREVIEW-CACHE-EDIT)"

PREVIEW = """
import sys
from pathlib import Path
from edition.build import build
from edition.serve import keep_rendered_pages, keep_segmentation, keep_templates_compiled
keep_templates_compiled(); keep_segmentation(); keep_rendered_pages()
root = Path(sys.argv[1])
build(root, log=lambda line: None)
exec(sys.argv[2])  # the editor's edit, between two rebuilds of one preview process
build(root, log=lambda line: None)
"""

FRESH = """
import sys
from pathlib import Path
from edition.build import build
root = Path(sys.argv[1])
exec(sys.argv[2])
build(root, log=lambda line: None)
"""

#: An annotation changed (the Markdown of the resolution pages changes) and an interface string
#: changed (no Markdown changes, every page of that language does).
EDIT = f"""
p = root / "sources/data/annotations.yaml"
p.write_text(p.read_text(encoding="utf-8").replace({ANNOTATION!r}, {EDITED!r}), encoding="utf-8")
p = root / "sources/data/ui/core.yaml"
p.write_text(p.read_text(encoding="utf-8").replace("  site_name:\\n", "  site_name:\\n", 1), encoding="utf-8")
import re
text = p.read_text(encoding="utf-8")
m = re.search(r"^  site_name:\\n(?:    .*\\n)*?    en: (.*)$", text, re.M)
p.write_text(text[:m.start(1)] + "Preview cache edit" + text[m.end(1):], encoding="utf-8")
"""


def _run(script: str, root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, str(root), *args], cwd=root, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})


#: The build stamp (each build's own id and time: edition.staging) is the one file meant to differ.
STAMP = ".edition-build"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != STAMP}


def test_a_rebuild_with_kept_pages_equals_a_fresh_build_of_the_edit(tmp_path):
    previewed, fresh = copy_project(tmp_path / "previewed"), copy_project(tmp_path / "fresh")
    assert ANNOTATION in (previewed / "sources/data/annotations.yaml").read_text(encoding="utf-8")
    for script, root in ((PREVIEW, previewed), (FRESH, fresh)):
        done = _run(script, root, EDIT)
        assert done.returncode == 0, done.stderr[-3000:]
    page = (previewed / "site/en/resolution/index.html").read_text(encoding="utf-8")
    assert "PREVIEW-CACHE-EDIT" in page and "Preview cache edit" in page
    kept, built = _files(previewed / "site"), _files(fresh / "site")
    assert kept.keys() == built.keys()
    differing = [name for name in kept if kept[name] != built[name]]
    assert not differing, f"the preview's rebuild differs from a fresh build in {differing[:10]}"


BROKEN = """
import logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from edition.serve import keep_rendered_pages
keep_rendered_pages()
root = Path(sys.argv[1])
failures = 0
for attempt in range(2):
    cfg = load_config(str(root / "mkdocs.yml"), strict=True)
    try:
        build(cfg)
    except Exception as exc:  # MkDocs' Abort: warnings in strict mode
        failures += 1
print("failures", failures)
"""


def test_a_page_whose_conversion_warned_warns_again_on_the_next_rebuild(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA link to [nowhere](missing.md).\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: mkdocs\n", encoding="utf-8")
    done = _run(BROKEN, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "failures 2" in done.stdout, (done.stdout, done.stderr[-2000:])
