"""Take the README's pictures from a built site: ``make pictures`` (after ``make site``).

The pictures are refreshed by this command only, never by the test suite (``make
test`` must leave the working tree as it found it); the suite takes them into a
temporary folder to prove that the command works and shows what the README says.

Usage: ``python scripts/readme_pictures.py [--site site] [--out assets/readme]``
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"]


@dataclass(frozen=True)
class Picture:
    """One README picture: the page (in the English tree) and the view it shows."""

    name: str
    page: str
    fragment: str
    width: int = 1280
    height: int = 800


#: The pictures the README shows, in its order.
PICTURES = (
    Picture("parallel-view.png", "en/resolution/parallel.html", "#op5"),
    Picture("recommendation.png", "en/report/chapter-4.html", "#rec4", height=900),
)


def take(site: Path, out: Path, chromium: str | None = None) -> list[Path]:
    """Shoot every picture of ``site`` into ``out``; return the files written."""
    from playwright.sync_api import sync_playwright

    executable = chromium or shutil.which("chromium")
    if not executable:
        raise SystemExit("chromium is not installed: run `make system-deps`")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            for picture in PICTURES:
                context = browser.new_context(viewport={"width": picture.width, "height": picture.height})
                try:
                    page = context.new_page()
                    page.goto((site / picture.page).resolve().as_uri() + picture.fragment)
                    page.wait_for_load_state("load")
                    page.wait_for_timeout(200)
                    path = out / picture.name
                    page.screenshot(path=str(path))
                    written.append(path)
                finally:
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "readme", help="where the pictures go")
    args = parser.parse_args(argv)
    missing = [p.page for p in PICTURES if not (args.site / p.page).is_file()]
    if missing:
        print(f"{args.site}: not a built site (missing {', '.join(missing)}); run `make site` first", file=sys.stderr)
        return 2
    for path in take(args.site, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
