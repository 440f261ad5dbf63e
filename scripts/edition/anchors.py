"""The anchor contract: published anchors are listed in ``sources/anchors.lock`` and never removed.

People link to paragraphs. An anchor that disappears or moves to another page
breaks their links silently, so the build compares what it publishes with the
lock file: a locked anchor that is no longer published stops the build; a new
anchor must be added to the lock (``edition lock``) in the same change, so that
review sees it. Anchors are language-independent: the same lock applies to the
zh, ru and en trees.
"""

from __future__ import annotations

import re
from pathlib import Path

from .datafile import read_text, sorted_errors
from .errors import DataError, DataErrors

#: The form of a lock entry: a page of the site and one anchor on it.
_LOCK_ENTRY = re.compile(r"(?P<page>[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.md) (?P<anchor>[A-Za-z0-9_-]+)")


def read_lock(path: Path) -> list[tuple[str, str]]:
    """The locked ``(page, anchor)`` entries, in file order.

    The lock is not YAML but gets the same defensive reading as the data files
    (UTF-8 without BOM, LF, no control characters: a binary file is refused on its
    first line), and each entry must be ``page.md anchor``; all problems together.
    """
    if not path.exists():
        return []
    shown = str(path)
    errors: list[DataError] = []
    entries: list[tuple[str, str]] = []
    first: dict[tuple[str, str], int] = {}
    for number, raw in enumerate(read_text(path, shown).split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _LOCK_ENTRY.fullmatch(line)
        if m is None:
            errors.append(DataError(shown, number, f"expected 'page.md anchor' (a page path, one space, an anchor "
                                    f"of letters, digits, '-' and '_'), got {line[:80]!r}"))
            continue
        entry = (m["page"], m["anchor"])
        if entry in first:
            errors.append(DataError(shown, number, f"'{line}' given twice (first at line {first[entry]})"))
            continue
        first[entry] = number
        entries.append(entry)
    if errors:
        raise DataErrors(sorted_errors(errors))
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
