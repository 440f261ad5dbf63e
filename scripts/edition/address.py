"""The edition's public address, when it has one.

The same build serves two publications: the site on a public host, and the offline
archive opened from ``file://``. Only the first has an address, so the address is not
in the repository but one setting read at build time: the environment variable
``EDITION_SITE_URL`` (for example ``https://ai-texts.example.org/``). Everything that
needs an absolute address (the sitemap, canonical links, ``hreflang`` alternates,
link previews, the open data's URIs) asks here, and does without when there is none.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from .errors import DataError

#: The one setting that gives the site's public base address.
VARIABLE = "EDITION_SITE_URL"


def site_url(environ: dict[str, str] | None = None) -> str | None:
    """The public base address, normalised to end with ``/``; ``None`` when unset or empty.

    Refused (exit 2 through ``DataError``) unless it is an absolute ``http`` or ``https``
    address without query or fragment: a mistyped address would otherwise be written into
    every page and the sitemap of a published site.
    """
    env = os.environ if environ is None else environ
    value = (env.get(VARIABLE) or "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment \
            or any(c.isspace() or c in "\"'<>" for c in value):
        raise DataError(VARIABLE, None, f"expected an absolute http(s) address such as "
                        f"https://example.org/texts/ (no query, no fragment), got {value!r}")
    return value if value.endswith("/") else value + "/"
