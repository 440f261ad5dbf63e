"""Golden-file comparison with an explicit switch to regenerate.

``UPDATE_GOLDEN=1 pytest ...`` rewrites the golden files; review the diff and
commit it. Without the switch a difference fails with a unified diff.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path


def check_golden(path: Path, actual: str) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"golden file {path} is missing; run with UPDATE_GOLDEN=1 and review it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(path), "actual", n=1))
        raise AssertionError(f"output differs from {path.name} (UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}")
