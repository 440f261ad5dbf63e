"""Command line: ``edition build | generate | lock | check | dist | books | bench | schemas | nginx
| precompress``.

Errors from bad input print as ``file:line: message`` and exit with status 2;
nothing is left half-written (see :mod:`edition.staging`). The commands that write
(build, generate, dist, lock) hold the checkout's build lock. No bad input ends in
a Python traceback: an unreadable file, a file that is a folder, a file too large
or too deeply nested to load are reported the same way.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path

from .errors import EditionError
from .project import Project

#: The commands that write into the checkout, and so hold its build lock.
LOCKED_COMMANDS = frozenset({"build", "generate", "dist", "books", "lock"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edition", description=__doc__)
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate docs/ and build site/ with MkDocs (strict)")
    b.add_argument("--no-strict", action="store_true", help="let MkDocs warnings pass (for local previews only)")
    b.add_argument("--out", type=Path, default=None, help="write OUT/docs and OUT/site instead of docs/ and site/")
    sub.add_parser("generate", help="generate docs/ only")
    sub.add_parser("lock", help="add newly published anchors to sources/anchors.lock")
    sub.add_parser("check", help="parse every source and validate every data file")
    d = sub.add_parser("dist", help="the offline archive in dist/ (reproducible, with SHA256SUMS)")
    d.add_argument("--out", type=Path, default=None, help="folder for the archive (default: dist/)")
    bk = sub.add_parser("books", help="the EPUB of each language and the print PDF of each work and language")
    bk.add_argument("--out", type=Path, default=None, help="folder for the books (default: dist/books/)")
    lc = sub.add_parser("check-links", help="check every internal link and #fragment of a built site")
    lc.add_argument("site", type=Path, nargs="?", default=None)
    au = sub.add_parser("audit", help="the report audit: suspicious places not yet reviewed")
    au.add_argument("work", choices=["report"])
    bn = sub.add_parser("bench", help="speed and size figures against the budgets in bench/budgets.yaml")
    bn.add_argument("--preview", action="store_true", help="only the live preview figure (save to reload)")
    ng = sub.add_parser("nginx", help="print the nginx configuration for a built site (deploy/nginx.conf filled in)")
    ng.add_argument("site", type=Path, nargs="?", default=None, help="the built site's folder (default: site/)")
    ng.add_argument("--listen", default="80", help="what nginx listens on (default 80)")
    ng.add_argument("--server-name", default="_", help="host name (default: the one of EDITION_SITE_URL, else any)")
    pc = sub.add_parser("precompress", help="write foo.gz beside each text file of a built site (nginx gzip_static)")
    pc.add_argument("site", type=Path, nargs="?", default=None, help="the built site's folder (default: site/)")
    sc = sub.add_parser("schemas", help="write the JSON Schemas of the data files into sources/schemas/")
    sc.add_argument("--check", action="store_true", help="only check that the committed schemas are current")
    args = parser.parse_args(argv)

    from . import build as build_mod

    root = (args.root or build_mod.ROOT).resolve()  # MkDocs resolves relative folders against mkdocs.yml
    from .staging import build_lock

    try:
        with build_lock(root) if args.command in LOCKED_COMMANDS else nullcontext():
            return _run(args, root)
    except EditionError as exc:
        # a data file reports all of its problems at once: one line each
        for error in getattr(exc, "errors", (exc,)):
            print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file the edition reads or writes: missing, a folder, no permission
        where = exc.filename or root
        print(f"error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except (MemoryError, RecursionError) as exc:  # outside a known file (see errors.reading)
        print(f"error: {root}: {_too_big(exc)}", file=sys.stderr)
        return 2


def _too_big(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "out of memory while building the edition (an input file too large?)"
    return "input nested too deeply to process (recursion limit)"


def _run(args: argparse.Namespace, root: Path) -> int:
    """Run one command; bad input raises :class:`EditionError`."""
    from . import build as build_mod

    if args.command == "build":
        out = args.out
        timings = build_mod.build(root, strict=not args.no_strict, docs_dir=out / "docs" if out else None,
                                  site_dir=out / "site" if out else None)
        print("built site/ in {total:.2f} s (convert {convert:.2f} s, generate {generate:.2f} s, "
              "mkdocs {mkdocs:.2f} s)".format(**timings))
    elif args.command == "generate":
        timings = build_mod.build(root, site=False)
        print(f"generated docs/ in {timings['total']:.2f} s")
    elif args.command == "lock":
        from .anchors import write_lock
        from .containment import refuse_symlinks

        from .assembly import assemble

        refuse_symlinks(root)
        added = write_lock(assemble(build_mod.load_edition(root)), Project(root).anchors_lock)
        print(f"anchors.lock: {added} anchor(s) added")
    elif args.command == "dist":
        import time as _time

        from .dist import make_dist

        t0 = _time.perf_counter()
        make_dist(root, args.out)
        print(f"dist made in {_time.perf_counter() - t0:.2f} s")
    elif args.command == "books":
        import tempfile
        import time as _time

        from .assembly import assemble
        from .books.make import make_books
        from .dist import source_date_epoch

        t0 = _time.perf_counter()
        out = (args.out or root / "dist" / "books").resolve()
        with tempfile.TemporaryDirectory(prefix="edition-books-") as tmp:
            build_mod.build(root, docs_dir=Path(tmp) / "docs", site_dir=Path(tmp) / "site", log=lambda s: None)
            make_books(assemble(build_mod.load_edition(root)), Path(tmp) / "site", out, source_date_epoch(root),
                       root / "mkdocs.yml")
        for f in sorted(out.iterdir()):
            print(f"{f} ({f.stat().st_size / 1e6:.2f} MB)")
        print(f"books made in {_time.perf_counter() - t0:.2f} s")
    elif args.command == "check-links":
        from .linkcheck import check_site

        report = check_site(args.site or root / "site")
        for error in report.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"{report.pages} pages, {report.links} links, {len(report.external)} external (not fetched), "
              f"{len(report.errors)} errors")
        return 1 if report.errors else 0
    elif args.command == "check":
        from .containment import refuse_symlinks

        from .anchors import check_lock
        from .assembly import assemble
        from .schemas import check_data_files

        refuse_symlinks(root)
        files = check_data_files(Project(root).sources)
        edition = build_mod.load_edition(root)
        # assembling the site reads the concordance and the annotations, with their cross-checks
        check_lock(assemble(edition), None, Project(root).anchors_lock)
        print(f"ok: {files} data files, {len(edition.documents)} documents, {len(edition.emendations)} emendations")
    elif args.command == "bench":
        from .bench import run as run_bench

        run_bench(root, preview_only=args.preview)
    elif args.command == "audit":
        from .audit import audit_report, report, stale, unreviewed

        places, reviewed = audit_report(root)
        print(report(places, reviewed))
        return 1 if unreviewed(places, reviewed) or stale(places, reviewed) else 0
    elif args.command == "nginx":
        from urllib.parse import urlsplit

        from .address import site_url
        from .deploy import nginx_conf

        url = site_url()
        name = args.server_name if args.server_name != "_" or not url else urlsplit(url).hostname
        print(nginx_conf(args.site or root / "site", site_url=url, listen=args.listen, server_name=name), end="")
    elif args.command == "precompress":
        from .deploy import precompress

        count, before, after = precompress(args.site or root / "site")
        print(f"{count} files compressed: {before} → {after} bytes")
    elif args.command == "schemas":
        from .schemas import SCHEMA_FOLDER, generated_schemas, write_schemas

        if args.check:
            stale = [name for name, text in generated_schemas().items()
                     if not (root / SCHEMA_FOLDER / name).is_file()
                     or (root / SCHEMA_FOLDER / name).read_text(encoding="utf-8") != text]
            for name in stale:
                print(f"error: {SCHEMA_FOLDER / name}: not what the models generate (run `edition schemas`)",
                      file=sys.stderr)
            return 1 if stale else 0
        changed = write_schemas(root)
        written = f" ({', '.join(changed)})" if changed else ""
        print(f"{SCHEMA_FOLDER}: {len(changed)} schema(s) written{written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
