"""One safe build at a time: the checkout's build lock, private staging folders, a journaled swap.

Why each piece exists:

- **The build lock.** Two builds of one checkout used to write the same staging
  folders, and one of them could exit 0 with a site whose search index had lost two
  languages. ``edition build``, ``generate``, ``dist`` and ``lock`` now hold an
  exclusive :func:`fcntl.flock` on ``.edition.lock`` in the project root; a second
  one stops at once and says who holds it. The kernel drops the lock when its
  process dies, so a killed build never leaves a stale lock behind.
- **Private staging folders.** Each build writes into folders made by
  :func:`tempfile.mkdtemp` beside its targets (``.docs.staging-XXXX``), never into
  fixed names; leftovers of a killed build are removed by the next build that holds
  the lock.
- **The swap journal.** ``docs/`` and ``site/`` (or the archive and its checksum)
  are replaced by renames: target -> old, staged -> target. Before the first rename
  the planned moves are written to ``.edition-swap.json`` (fsync'd); after the last
  the journal is removed, then the olds. A build killed between two renames leaves
  the journal, and every locked command starts by finishing that swap (when every
  staged item is still there and is the one the journal names) or by undoing it
  (the olds renamed back), so ``docs/`` and ``site/`` are never missing and never
  from two different builds.
- **The build stamp.** Each swapped folder holds ``.edition-build`` (the build id and
  time), written after MkDocs ran, so MkDocs never publishes it; tests compare the
  stamps of ``docs/`` and ``site/``. The archive leaves it out.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError

#: The lock file in the project root; it holds the pid and start time of the build holding it.
LOCK_FILE = ".edition.lock"
#: The swap journal in the project root: present only while a swap is under way (or was interrupted).
JOURNAL = ".edition-swap.json"
#: The build stamp inside each swapped folder.
STAMP = ".edition-build"
#: The checkout's output folders, beside which every locked command removes what killed builds left.
DEFAULT_OUTPUTS = ("docs", "site", "dist")

#: Roots whose lock this process holds, with the open descriptor and the nesting depth
#: (``edition dist`` holds the lock and calls :func:`edition.build.build`, which takes it again).
_HELD: dict[Path, list[int]] = {}


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the checkout's build lock; on first entry, finish or undo an interrupted swap.

    Re-entrant within one process. A second process gets an :class:`EditionError`
    (exit status 2) naming the pid and start time of the build that holds the lock.
    """
    key = root.resolve()
    if key in _HELD:
        _HELD[key][1] += 1
        try:
            yield
        finally:
            _HELD[key][1] -= 1
        return
    path = key / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise EditionError(str(path), None, f"cannot open the build lock: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = _holder(fd)
        os.close(fd)
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise EditionError(str(path), None, f"cannot take the build lock: {exc.strerror}") from None
        raise EditionError(str(path), None, f"another build is running in this checkout ({holder}); "
                           "wait for it or stop it") from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {time.strftime('%H:%M:%S')}\n".encode(), 0)
        _HELD[key] = [fd, 1]
        outcome = recover(key)
        if outcome:
            print(outcome, file=sys.stderr)
        for name in DEFAULT_OUTPUTS:
            clear_stale(key / name)
        yield
    finally:
        _HELD.pop(key, None)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _holder(fd: int) -> str:
    """``pid N, started HH:MM:SS`` from the lock file, as the holder wrote it."""
    try:
        pid, started = os.pread(fd, 100, 0).decode("ascii").split()
        return f"pid {int(pid)}, started {started}"
    except (OSError, ValueError):
        return "pid unknown"


def holds_lock(root: Path) -> bool:
    """True while this process holds the build lock of ``root``."""
    return root.resolve() in _HELD


# ------------------------------------------------------------------ staging folders


def new_build_id() -> str:
    """A random id for one build, shared by the stamps of everything it swaps in."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + secrets.token_hex(4)


def _staging_prefix(final: Path) -> str:
    return f".{final.name}.staging-"


def _old_prefix(final: Path) -> str:
    return f".{final.name}.old-"


def clear_stale(final: Path) -> None:
    """Remove the staging folders and olds that a killed build left beside ``final``.

    Called only while the build lock is held (so none of them belongs to a running
    build) and after :func:`recover` (so none of them is still needed). The old
    fixed-name staging folders (``.docs.staging``) go too.
    """
    parent = final.parent
    if not parent.is_dir():
        return
    for pattern in (_staging_prefix(final).rstrip("-") + "*", _old_prefix(final) + "*"):
        for stale in parent.glob(pattern):
            _remove(stale)


@contextmanager
def staged(*finals: Path) -> Iterator[list[Path]]:
    """One private, empty staging folder beside each target; whatever is not swapped in is removed."""
    for final in finals:
        clear_stale(final)
    umask = os.umask(0)
    os.umask(umask)
    folders: list[Path] = []
    try:
        for final in finals:
            final.parent.mkdir(parents=True, exist_ok=True)
            folder = Path(tempfile.mkdtemp(dir=final.parent, prefix=_staging_prefix(final)))
            os.chmod(folder, 0o777 & ~umask)  # mkdtemp makes 0700; a published site/ must be readable
            folders.append(folder)
        yield folders
    finally:
        for folder in folders:
            _remove(folder)


def write_stamp(folder: Path, build_id: str) -> None:
    """Mark ``folder`` as the output of build ``build_id``."""
    (folder / STAMP).write_text(json.dumps({"build": build_id, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                                       time.gmtime())}) + "\n",
                                encoding="utf-8")


def read_stamp(folder: Path) -> str | None:
    """The build id of ``folder``, or None when it has no readable stamp."""
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8"))["build"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def identity(path: Path) -> str | None:
    """What the journal records of a staged item: a folder's build stamp, a file's SHA-256."""
    if path.is_dir() and not path.is_symlink():
        return read_stamp(path)
    if path.is_file():
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return None


# ------------------------------------------------------------------ the journaled swap


@dataclass(frozen=True)
class Move:
    """One planned replacement: ``final`` -> ``old``, then ``staged`` -> ``final``."""

    staged: Path
    final: Path
    old: Path
    identity: str


def swap(root: Path, pairs: list[tuple[Path, Path]], build_id: str) -> None:
    """Replace each ``final`` by its ``staged`` item, all or nothing even if the process dies.

    Every staged item must be complete (a folder stamped with ``build_id``, or a file).
    """
    if not holds_lock(root):
        raise RuntimeError("swap() needs the build lock")
    moves: list[Move] = []
    for staged_item, final in pairs:
        ident = identity(staged_item)
        if ident is None:
            raise RuntimeError(f"{staged_item} is not stamped; cannot journal it")
        moves.append(Move(staged_item, final, final.with_name(_old_prefix(final) + build_id), ident))
    journal = root.resolve() / JOURNAL
    _write_journal(journal, build_id, moves)
    for m in moves:
        if m.final.exists() or m.final.is_symlink():
            _rename(m.final, m.old)
        _rename(m.staged, m.final)
    _fsync_dirs({m.final.parent for m in moves})
    journal.unlink()
    _fsync_dirs({journal.parent})
    for m in moves:
        _remove(m.old)


def recover(root: Path) -> str | None:
    """Finish or undo a swap that a killed build left half done; say which, or None if there was none.

    Forward when every move's new item is still there (staged, or already in place);
    otherwise back: each old is renamed to its final name again.
    """
    journal = root.resolve() / JOURNAL
    if not journal.exists():
        return None
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        build_id = data["build"]
        moves = [Move(Path(m["staged"]), Path(m["final"]), Path(m["old"]), m["identity"]) for m in data["moves"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EditionError(str(journal), None, f"unreadable swap journal ({exc}); check docs/ and site/ by hand, "
                           "then delete it") from None

    def in_place(m: Move) -> bool:
        return identity(m.final) == m.identity

    def waiting(m: Move) -> bool:
        return identity(m.staged) == m.identity

    if all(in_place(m) or waiting(m) for m in moves):
        for m in moves:
            if in_place(m):
                continue
            if m.final.exists() or m.final.is_symlink():
                if m.old.exists():
                    _remove(m.old)  # cannot happen through swap(); keep the older of the two olds out
                _rename(m.final, m.old)
            _rename(m.staged, m.final)
        outcome = f"completed the swap of build {build_id}, interrupted by a killed build"
    else:
        for m in moves:
            if m.old.exists() or m.old.is_symlink():
                if m.final.exists() or m.final.is_symlink():
                    _remove(m.final)
                _rename(m.old, m.final)
            elif in_place(m):
                _remove(m.final)  # there was nothing before this build: there is nothing after the undo
        outcome = f"undid the swap of build {build_id}, interrupted by a killed build (its staged output was gone)"
    _fsync_dirs({m.final.parent for m in moves})
    journal.unlink()
    for m in moves:
        _remove(m.old)
        _remove(m.staged)
    return outcome


def _write_journal(journal: Path, build_id: str, moves: list[Move]) -> None:
    """Write the journal atomically and durably: a temporary file, fsync, rename, fsync the folder."""
    text = json.dumps({"build": build_id, "moves": [
        {"staged": str(m.staged), "final": str(m.final), "old": str(m.old), "identity": m.identity}
        for m in moves]}, indent=1)
    partial = journal.with_name(journal.name + ".partial")
    with open(partial, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, journal)
    _fsync_dirs({journal.parent})


def _rename(source: Path, target: Path) -> None:
    """One step of a swap (tests replace it to kill the process between two steps)."""
    os.rename(source, target)


def _fsync_dirs(folders: set[Path]) -> None:
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
