"""scripts/install-system-deps.sh installs Debian packages only when they are missing: a machine
that has them all never runs apt-get (which needs root)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


def test_nothing_is_installed_when_everything_is_there(tmp_path):
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "install-system-deps.sh", project / "scripts")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("chromium", "java", "pdftotext", "npm", "nginx", "epubcheck"):
        _stub(bin_, tool, "exit 0")
    # a long font list whose CJK font comes first: a reader that stops at the first match closes
    # the pipe while fc-list is still writing
    _stub(bin_, "fc-list", "echo '/usr/share/fonts/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular'\n"
                           "yes '/usr/share/fonts/DejaVuSans.ttf: DejaVu Sans:style=Book' | head -n 200000")
    marker = tmp_path / "apt-get-ran"
    for tool in ("apt-get", "sudo"):
        _stub(bin_, tool, f"echo \"$@\" >> {marker}; exit 0")
    done = subprocess.run(["bash", str(project / "scripts" / "install-system-deps.sh")], capture_output=True,
                          text=True, env={**os.environ, "PATH": f"{bin_}:/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), f"apt-get ran with everything installed: {marker.read_text()} {done.stdout}"
    assert "installing" not in done.stdout
