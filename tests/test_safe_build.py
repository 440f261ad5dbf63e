"""One safe build at a time: the build lock, private staging folders, the journaled swap.

Through the command line on temporary copies of the project, as in test_bad_input:
a second build started during a first is refused and the first completes a full
site; a build killed between two renames of the swap is completed or undone by the
next command, so docs/ and site/ are never missing and always from one build; stale
staging folders are removed. The swap itself is also checked on small folders,
killed after every one of its renames.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from zipfile import ZipFile

import pytest

from edition import build as build_mod
from conftest import LANGUAGES, copy_project
from edition.search import page_language
from edition.staging import JOURNAL, LOCK_FILE, STAMP, read_stamp
from test_bad_input import ROOT, assert_no_staging_left, edit_source, run

ENV = {"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"}

#: The start of a script that dies mid-swap: die_after_rename(n) makes the process exit at once
#: (os._exit, status 9: no cleanup runs, as with a kill) right after the n-th rename of a swap.
KILL_AFTER_RENAME = textwrap.dedent("""
    import os, sys
    from edition import staging
    def die_after_rename(after):
        renames = [0]
        real = staging._rename
        def rename_then_die(source, target):
            real(source, target)
            renames[0] += 1
            if renames[0] == after:
                os._exit(9)
        staging._rename = rename_then_die
""")

#: A command line that dies after the N-th rename of its swap (argv: N, then the command line).
DYING_SWAP = KILL_AFTER_RENAME + textwrap.dedent("""
    from edition import cli
    die_after_rename(int(sys.argv[1]))
    sys.exit(cli.main(sys.argv[2:]))
""")


def run_dying(project: Path, after: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DYING_SWAP, str(after), "--root", str(project), *args],
                          cwd=project, capture_output=True, text=True, timeout=300, env=ENV)


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    """A copy of the project with docs/ and site/ built once; tests work on copies of it."""
    base = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = run(base, "build")
    assert result.returncode == 0, result.stderr
    return base


@pytest.fixture()
def built(built_project, tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(built_project, copy, symlinks=True)
    return copy


def languages_in_search_index(site: Path) -> dict[str, int]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    counts: dict[str, int] = {}
    for d in docs:
        if "#" in d["location"]:
            lang = page_language(d["location"], LANGUAGES)
            counts[lang] = counts.get(lang, 0) + 1
    return counts


def lock_is_held(project: Path) -> bool:
    path = project / LOCK_FILE
    if not path.exists():
        return False
    with open(path, "rb") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


# ------------------------------------------------------------------ two builds at once


def test_a_second_build_is_refused_while_the_first_completes_a_full_site(project):
    first = subprocess.Popen([sys.executable, "-m", "edition", "--root", str(project), "build"], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        deadline = time.monotonic() + 120
        while not lock_is_held(project):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first build never took the lock"
            time.sleep(0.05)
        for command in ("build", "generate", "dist", "lock"):
            second = run(project, command)
            assert second.returncode == 2, second.stdout + second.stderr
            assert re.search(rf"another build is running in this checkout \(pid {first.pid}, started "
                             r"\d\d:\d\d:\d\d\); wait for it or stop it", second.stderr), second.stderr
            assert "Traceback" not in second.stderr
        out, err = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == 0, err
    counts = languages_in_search_index(project / "site")
    assert set(counts) == {"zh", "ru", "en"} and min(counts.values()) >= 350, counts
    assert read_stamp(project / "docs") == read_stamp(project / "site") is not None
    assert not (project / "dist").exists()
    assert_no_staging_left(project)


def test_the_lock_is_not_held_after_a_build_and_dies_with_its_process(built):
    assert not lock_is_held(built)
    result = run_dying(built, 1, "build")  # dies holding the lock
    assert result.returncode == 9
    assert not lock_is_held(built)  # the kernel released it: no stale lock
    assert run(built, "lock").returncode == 0


# ------------------------------------------------------------------ a build killed during the swap


@pytest.mark.parametrize("after", [1, 3])
def test_a_build_killed_during_the_swap_is_completed_by_the_next_command(built, after):
    before = read_stamp(built / "docs")
    assert before and read_stamp(built / "site") == before
    result = run_dying(built, after, "build")
    assert result.returncode == 9, result.stderr
    journal = json.loads((built / JOURNAL).read_text(encoding="utf-8"))
    missing = {1: "docs", 3: "site"}[after]  # the gap the kill left: no docs/ (or no site/) at all
    assert not (built / missing).exists()
    nxt = run(built, "lock")  # a locked command that builds nothing: it only repairs first
    assert nxt.returncode == 0, nxt.stderr
    assert "completed the swap" in nxt.stderr
    assert read_stamp(built / "docs") == read_stamp(built / "site") == journal["build"] != before
    assert languages_in_search_index(built / "site").keys() == {"zh", "ru", "en"}
    assert not (built / JOURNAL).exists()
    assert_no_staging_left(built)


#: A small swap of docs/ and site/ that dies after the N-th rename (argv: the root, N).
SWAP_SCRIPT = KILL_AFTER_RENAME + textwrap.dedent("""
    from pathlib import Path
    root = Path(sys.argv[1])
    die_after_rename(int(sys.argv[2]))
    with staging.build_lock(root):
        build_id = staging.new_build_id()
        finals = [root / "docs", root / "site"]
        with staging.staged(*finals) as folders:
            for folder in folders:
                (folder / "page.html").write_text("new " + build_id)
                staging.write_stamp(folder, build_id)
            staging.swap(root, list(zip(folders, finals)), build_id)
""")


def small_output(root: Path, build_id: str) -> None:
    from edition.staging import write_stamp

    for name in ("docs", "site"):
        (root / name).mkdir(parents=True)
        (root / name / "page.html").write_text("old")
        write_stamp(root / name, build_id)


def recover_with_lock(root: Path) -> subprocess.CompletedProcess:
    code = "import sys; from pathlib import Path; from edition import staging\n" \
           "with staging.build_lock(Path(sys.argv[1])): pass"
    return subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=60,
                          env=ENV)


@pytest.mark.parametrize("after", [1, 2, 3, 4])
def test_a_swap_killed_after_any_rename_is_completed(tmp_path, after):
    small_output(tmp_path, "old-build")
    killed = subprocess.run([sys.executable, "-c", SWAP_SCRIPT, str(tmp_path), str(after)], capture_output=True,
                            text=True, timeout=60, env=ENV)
    assert killed.returncode == 9, killed.stderr
    new = json.loads((tmp_path / JOURNAL).read_text(encoding="utf-8"))["build"]
    result = recover_with_lock(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "completed the swap" in result.stderr
    for name in ("docs", "site"):
        assert read_stamp(tmp_path / name) == new
        assert (tmp_path / name / "page.html").read_text() == "new " + new
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_FILE, "docs", "site"]


def test_a_swap_whose_staged_output_is_gone_is_undone(tmp_path):
    small_output(tmp_path, "old-build")
    killed = subprocess.run([sys.executable, "-c", SWAP_SCRIPT, str(tmp_path), "1"], capture_output=True,
                            text=True, timeout=60, env=ENV)
    assert killed.returncode == 9, killed.stderr
    assert not (tmp_path / "docs").exists()
    for staged in tmp_path.glob(".site.staging-*"):
        shutil.rmtree(staged)  # the new site is lost: the swap cannot be completed
    result = recover_with_lock(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "undid the swap" in result.stderr
    for name in ("docs", "site"):
        assert read_stamp(tmp_path / name) == "old-build"
        assert (tmp_path / name / "page.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_FILE, "docs", "site"]


# ------------------------------------------------------------------ staging folders


def test_staging_folders_are_private_and_stale_ones_are_removed(project, monkeypatch):
    stale = [project / ".docs.staging", project / ".site.staging", project / ".docs.staging-k1ll3d",
             project / ".site.staging-k1ll3d", project / ".site.old-20260101T000000Z-dead"]
    for folder in stale:
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "index.html").write_text("stale")
    seen: list[tuple[str, str]] = []
    real = build_mod.run_mkdocs

    def recording(config_file, docs_dir, site_dir, **kwargs):
        seen.append((docs_dir.name, site_dir.name))
        assert docs_dir.parent == site_dir.parent == project
        assert not any(folder.exists() for folder in stale), "stale staging folders were not removed first"
        return real(config_file, docs_dir, site_dir, **kwargs)

    monkeypatch.setattr(build_mod, "run_mkdocs", recording)
    build_mod.build(project, log=lambda s: None)
    (docs_name, site_name), = seen
    assert re.fullmatch(r"\.docs\.staging-\w{6,}", docs_name) and docs_name != ".docs.staging-k1ll3d"
    assert re.fullmatch(r"\.site\.staging-\w{6,}", site_name)
    assert read_stamp(project / "docs") == read_stamp(project / "site") is not None
    assert oct((project / "site").stat().st_mode & 0o777) == oct(0o777 & ~_umask())
    assert_no_staging_left(project)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_stamp_is_not_published(built):
    assert (built / "site" / STAMP).exists() and (built / "docs" / STAMP).exists()
    assert not any(p.name == STAMP for p in (built / "site").rglob("*") if p.parent != built / "site")
    assert STAMP not in (built / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    for published in (built / "site").rglob("*"):  # the sitemap (with an address), robots.txt, every page
        if published.is_file() and published.name != STAMP and published.suffix in (".xml", ".txt", ".html"):
            assert STAMP not in published.read_text(encoding="utf-8"), published


# ------------------------------------------------------------------ the archive


def test_a_refused_or_killed_dist_leaves_the_previous_archive_untouched(built):
    made = run(built, "dist")
    assert made.returncode == 0, made.stderr
    archives = sorted((built / "dist").iterdir())
    # the archive and its checksum, and the books (EPUB, PDF) beside it, each with its checksum
    assert [p.suffix for p in archives if p.suffix not in (".epub", ".pdf", ".sha256")] == [".zip"]
    assert all(p.with_name(p.name + ".sha256") in archives for p in archives if p.suffix != ".sha256")
    assert len([p for p in archives if p.suffix == ".sha256"]) * 2 == len(archives)
    before = {p.name: p.read_bytes() for p in archives}
    with ZipFile(next(p for p in archives if p.suffix == ".zip")) as zf:
        assert not any(n.endswith("/" + STAMP) for n in zf.namelist())  # the stamp is not published
    edit_source(built, "a-res-78-311.en.txt", "7. Encourages Member States", "6. Encourages Member States")
    refused = run(built, "dist")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr, refused.stderr
    assert {p.name: p.read_bytes() for p in (built / "dist").iterdir()} == before
    assert_no_staging_left(built)
    edit_source(built, "a-res-78-311.en.txt", "6. Encourages Member States", "7. Encourages Member States")
    # the inner build swaps docs/ and site/ into the staging folder (2 renames), then the archive:
    # old archive out (3), new archive in (4), old checksum out (5); killed there, no checksum at all
    killed = run_dying(built, 5, "dist")
    assert killed.returncode == 9, killed.stderr
    assert not any(p.name.endswith(".zip.sha256") for p in (built / "dist").iterdir())
    nxt = run(built, "lock")
    assert nxt.returncode == 0 and "completed the swap" in nxt.stderr, nxt.stderr
    after = {p.name: p.read_bytes() for p in (built / "dist").iterdir()}
    assert after.keys() == before.keys()
    zip_name = next(n for n in after if n.endswith(".zip"))
    assert after[zip_name + ".sha256"].decode().split()[0] == hashlib.sha256(after[zip_name]).hexdigest()
    assert_no_staging_left(built)
