"""Reproducible zip files: the offline archive and the EPUB books.

The same inputs give the same bytes: entries sorted by name, one timestamp for all (the
source date, never before 1980, which zip cannot store), fixed Unix modes, one compression
level. The file is written beside its target and renamed into place, so a reader never sees
half a zip."""

from __future__ import annotations

import hashlib
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

#: 1980-01-01, the first date a zip entry can carry
ZIP_EPOCH_MIN = 315532800


def _info(name: str, stamp: tuple, compress_type: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = compress_type
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


def write_zip(out: Path, entries: Iterable[tuple[str, bytes]], epoch: int, *,
              stored_first: tuple[str, bytes] | None = None) -> None:
    """Write ``entries`` (name, bytes) to ``out``, deflated and sorted; ``stored_first`` is written
    before them, uncompressed (an EPUB's ``mimetype`` must be)."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w") as zf:
        if stored_first is not None:
            zf.writestr(_info(stored_first[0], stamp, zipfile.ZIP_STORED), stored_first[1])
        for name, data in sorted(entries):
            zf.writestr(_info(name, stamp, zipfile.ZIP_DEFLATED), data, compresslevel=9)
    partial.replace(out)


def checksum_line(data: bytes, name: str) -> str:
    """A line of a ``sha256sum`` file: the digest, two spaces, the name."""
    return f"{hashlib.sha256(data).hexdigest()}  {name}\n"
