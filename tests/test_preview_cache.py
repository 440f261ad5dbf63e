"""The live preview (``mkdocs serve``) keeps the edition plugin between rebuilds, and with it the
loaded edition and the generated Markdown while the sources are unchanged: a rebuild after an edit,
in the process that built before it, must equal, file for file, a fresh build of the edited project.

Each run is a process of its own, as ``mkdocs serve`` is: the plugin lives as long as its process."""

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
root = Path(sys.argv[1])
build(root, log=lambda line: None)
from mkdocs.config import load_config
first = load_config(str(root / "mkdocs.yml")).plugins["edition"]
exec(sys.argv[2])  # the editor's edit, between two rebuilds of one preview process
build(root, log=lambda line: None)
assert load_config(str(root / "mkdocs.yml")).plugins["edition"] is first, "the plugin was not kept"
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
