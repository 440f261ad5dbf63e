"""The link checker over the real built site, and proof that it catches each kind of break."""

from __future__ import annotations

from pathlib import Path

from edition.linkcheck import check_site


def test_every_internal_link_and_fragment_of_the_site_resolves(site_dir):
    report = check_site(site_dir)
    assert report.pages > 40 and report.links > 1000
    assert not report.errors, "\n".join(report.errors[:30])


def test_the_checker_catches_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.html").write_text(
        '<p id="here"><a href="other.html">missing file</a> <a href="#nowhere">missing id</a>'
        ' <a href="#here">fine</a> <a href="/root.html">root-absolute</a>'
        ' <script src="https://cdn.example.org/x.js"></script> <a href="../../out.html">outside</a>'
        ' <a href="javascript:alert(1)">js</a> <a href="https://example.org/">outbound, fine</a></p>',
        encoding="utf-8")
    errors = "\n".join(check_site(tmp_path).errors)
    for expected in ("no such file a/other.html", "no id 'nowhere'", "root-absolute", "outside the site",
                     "resource loaded from outside", "javascript: URL"):
        assert expected in errors, expected
    assert "#here" not in errors and "example.org/\"" not in errors
    assert len(check_site(tmp_path).errors) == 6
