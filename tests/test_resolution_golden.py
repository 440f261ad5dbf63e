"""Golden Markdown of the resolution pages: the writer's output, reviewed once, then held."""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden

GOLDEN = Path(__file__).parent / "golden" / "resolution"


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_edition_page_markdown(site_spec, lang):
    pages = site_spec.write(lang)
    check_golden(GOLDEN / f"edition.{lang}.md", pages["resolution/index.md"])


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_parallel_page_markdown(site_spec, lang):
    pages = site_spec.write(lang)
    check_golden(GOLDEN / f"parallel.{lang}.md", pages["resolution/parallel.md"])
