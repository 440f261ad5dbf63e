"""The anchor contract: published anchors are listed in ``sources/anchors.lock`` and never removed.

People link to paragraphs. An anchor that disappears or moves to another page
breaks their links silently, so the build compares what it publishes with the
lock file: a locked anchor that is no longer published stops the build; a new
anchor must be added to the lock (``edition lock``) in the same change, so that
review sees it. Anchors are language-independent: the same lock applies to the
zh, ru and en trees.
"""

from __future__ import annotations

from pathlib import Path
from .errors import DataError

def read_lock(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 2:
            raise DataError(str(path), number, f"expected 'page anchor', got {line!r}")
        entries.append((parts[0], parts[1]))
    return entries


def write_lock(site, path: Path) -> int:
    """Add newly published anchors to the lock; keep every old entry. Returns entries added."""
    old = read_lock(path)
    have = set(old)
    new = [(page, a) for page, anchors in site.published().items() for a in anchors if (page, a) not in have]
    entries = old + new
    header = ("# Published anchors: 'page anchor', one per line, for every language tree.\n"
              "# Never remove or move an entry: links to it exist. Add with `edition lock`.\n")
    path.write_text(header + "".join(f"{p} {a}\n" for p, a in entries), encoding="utf-8")
    return len(new)


def check_lock(site, written: dict[str, dict[str, str]] | None, path: Path) -> None:
    """Fail if a locked anchor is not published, or a published one is not locked.

    ``site`` is the assembled site (:class:`edition.assembly.Site`): its page list says
    which page publishes which anchors."""
    pub = site.published()
    have = {(page, a) for page, anchors in pub.items() for a in anchors}
    lock = read_lock(path)
    locked = set(lock)
    lost = [f"{p}#{a}" for p, a in lock if (p, a) not in have]
    if lost:
        raise DataError(str(path), None, f"{len(lost)} locked anchor(s) no longer published: {', '.join(lost[:12])}"
                        " (anchors are a public contract: restore them)")
    unlocked = sorted(f"{p}#{a}" for p, a in have - locked)
    if unlocked:
        raise DataError(str(path), None, f"{len(unlocked)} new anchor(s) not in the lock: {', '.join(unlocked[:12])}"
                        " (run `edition lock` and commit the lock file)")
    if written is not None:
        for lang, pages in written.items():
            for page in pub:
                if page not in pages:
                    raise DataError(str(path), None, f"page {page} with locked anchors is missing in {lang}")
