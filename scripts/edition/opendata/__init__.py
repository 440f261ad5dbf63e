"""Open data: what the edition knows, published as files others can build on.

Everything here is written at build time into ``site/data/`` (and so into the offline
archive), from the loaded edition and the assembled site, one small module per format:

- :mod:`.aligned`: per work, its paragraphs aligned across languages (JSON, with a JSON Schema);
- :mod:`.webanno`: the concordance as W3C Web Annotations (JSON-LD);
- :mod:`.akn`: each resolution in each language as Akoma Ntoso 3.0 XML (AKN4UN naming), with a
  table from the edition's anchors to the Akoma Ntoso ``eId`` s;
- :mod:`.citations`: how to cite each work, as CSL-JSON, BibTeX and RIS;
- :mod:`.plain`: a plain Markdown rendering of each witness and ``llms.txt`` at the site root.

Every file is reproducible (sorted keys, no timestamps) and made by libraries that escape
(``json``, ``xml.etree``), never by pasting text into markup. The catalogue
(:func:`open_data`) is what the "Open data" page lists. This package knows the site only
through the object :func:`edition.assembly.assemble` returns (it imports nothing of the assembly).
"""

from __future__ import annotations

from pathlib import Path

from .common import DATA_DIR, DataFile


def open_data(site) -> list[DataFile]:
    """Every open data file, in a fixed order (computed once per site)."""
    cached = site.computed.get(__name__)
    if cached is None:
        from . import akn, aligned, citations, plain, webanno

        cached = [*aligned.files(site), *webanno.files(site), *akn.files(site), *citations.files(site),
                  *plain.schema_files(site)]
        site.computed[__name__] = cached
    return cached


def text_files(site) -> list[DataFile]:
    """The plain Markdown renderings and ``llms.txt`` (for tools that read the web)."""
    from . import plain

    return plain.files(site, open_data(site))


def write(site, site_dir: Path) -> list[str]:
    """Write every open data file and text file into the built site; return their paths."""
    written = []
    for f in [*open_data(site), *text_files(site)]:
        target = site_dir / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.content)
        written.append(f.path)
    return written


__all__ = ["DATA_DIR", "DataFile", "open_data", "text_files", "write"]
