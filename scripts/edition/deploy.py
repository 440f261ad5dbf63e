"""Serving the built site: the nginx configuration and precompressed files.

``deploy/nginx.conf`` is a template for Debian's nginx (a ``server`` block with its cache map);
:func:`nginx_conf` fills it in for one site folder and public address, and the test suite runs
nginx on exactly that output. :func:`precompress` writes ``foo.gz`` beside each text file of a
site (for nginx's ``gzip_static``), reproducibly: no name and no time in the gzip header.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

from .errors import DataError

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"

#: Files worth compressing (text), by suffix.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".map", ".md", ".jsonld",
                          ".webmanifest", ".xsd", ".bib", ".ris"})
#: Smaller files are sent as they are (a gzip header and a round trip cost more than they save).
MIN_SIZE = 512


def nginx_conf(site_dir: Path, *, site_url: str | None = None, listen: str = "80", server_name: str = "_",
               template: Path = TEMPLATE) -> str:
    """The nginx configuration for the site in ``site_dir``, served at ``site_url``'s path ("/" without)."""
    path = urlsplit(site_url).path if site_url else "/"
    if not path.endswith("/"):
        path += "/"
    for name, value in (("listen", listen), ("server name", server_name), ("site folder", str(site_dir)),
                        ("site path", path)):
        if not value or re.search(r"[\s;{}\"'#$\\]", value):
            raise DataError(name, None, f"expected a value without spaces, quotes, ';', braces, '#', '$' or "
                            f"backslashes for nginx's configuration, got {value!r}")
    text = template.read_text(encoding="utf-8")
    values = {"@SITE_DIR@": str(Path(site_dir).resolve()), "@SITE_PATH_RE@": re.escape(path),
              "@SITE_PATH@": path, "@LISTEN@": listen, "@SERVER_NAME@": server_name}
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def precompress(site_dir: Path) -> tuple[int, int, int]:
    """Write ``<file>.gz`` beside every compressible file of ``site_dir`` (level 9, no name, mtime 0);
    stale ``.gz`` files are replaced. Returns (files, bytes before, bytes after)."""
    count = before = after = 0
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.is_symlink() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        target = path.with_name(path.name + ".gz")
        target.write_bytes(packed)
        count, before, after = count + 1, before + len(data), after + len(packed)
    return count, before, after
