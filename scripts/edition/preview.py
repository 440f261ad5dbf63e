"""Link-preview images (Open Graph ``og:image``), drawn at build time with Pillow.

One PNG per work and interface language (and one per language for the pages of no work):
the site's name, the work's title and its symbol and date, in the page's language. The
text is drawn with a system font that covers its characters (asked of fontconfig's
``fc-match`` with the text's character set: Noto Sans CJK on Debian with fonts-noto-cjk,
which also covers Cyrillic and Latin); without fontconfig or a usable font the image keeps
its layout with Pillow's own font, and the build says so. Same inputs and fonts, same
bytes: nothing time- or machine-dependent is written into the file.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
from pathlib import Path

#: Size of the preview images (Open Graph's recommended 1.91:1).
IMAGE_SIZE = (1200, 630)


def image_path(work: str | None, lang: str) -> str:
    """The preview image of a work (or of the site, for pages of no work) in one language."""
    return f"assets/images/preview/{work or 'site'}-{lang}.png"


#: Colours of the theme's palette (blue grey, indigo accent).
BACKGROUND = (38, 50, 56)
BAND = (63, 81, 181)
TEXT = (255, 255, 255)
MUTED = (207, 216, 220)


@functools.lru_cache(maxsize=None)
def find_font(chars: str, bold: bool = False) -> tuple[str, int] | None:
    """(file, face index) of a sans-serif font fontconfig finds for ``chars``; None without one."""
    fc = shutil.which("fc-match")
    if not fc:
        return None
    points = " ".join(f"{c:x}" for c in sorted({ord(ch) for ch in chars if not ch.isspace()}))
    pattern = "sans-serif" + (":weight=bold" if bold else "") + (f":charset={points}" if points else "")
    try:
        out = subprocess.run([fc, "-f", "%{file}|%{index}", pattern], capture_output=True, text=True,
                             timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    file, _, index = out.partition("|")
    if not file or not Path(file).is_file() or not re.search(r"\.(ttf|otf|ttc)$", file, re.I):
        return None
    return file, int(index or 0)


def _font(chars: str, size: int, bold: bool = False):
    from PIL import ImageFont

    found = find_font(chars, bold)
    if found:
        try:
            return ImageFont.truetype(found[0], size, index=found[1]), True
        except OSError:
            pass
    return ImageFont.load_default(size), False


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Lines of ``text`` no wider than ``width``: at spaces, or between any two characters of a
    word too long for a line (Chinese has no spaces); an ellipsis when the lines run out."""
    tokens = re.findall(r"\S+\s*", text)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if draw.textlength(line + token.rstrip(), font=font) <= width:
            line += token
            continue
        if line:
            lines.append(line.rstrip())
            line = ""
        for char in token:
            if draw.textlength(line + char, font=font) > width and line.strip():
                lines.append(line.rstrip())
                line = ""
            line += char
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def draw_preview(kicker: str, title: str, footer: str, size: tuple[int, int] = IMAGE_SIZE) -> tuple[bytes, bool]:
    """The PNG bytes of one preview image, and whether a system font covering the text was found."""
    from PIL import Image, ImageDraw

    width, height = size
    margin = 72
    img = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 24, height), fill=BAND)
    chars = kicker + title + footer
    small, ok1 = _font(chars, 34)
    big, ok2 = _font(chars, 64, bold=True)
    draw.text((margin, margin), kicker, font=small, fill=MUTED)
    y = margin + 90
    for line in _wrap(draw, title, big, width - 2 * margin, 4):
        draw.text((margin, y), line, font=big, fill=TEXT)
        y += 86
    draw.text((margin, height - margin - 40), footer, font=small, fill=MUTED)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False, compress_level=9)
    return out.getvalue(), ok1 and ok2


def write_previews(site_dir: Path, site, images, *, log=lambda s: None) -> int:
    """Write the preview image of each (work or None, language) in ``images``; return how many."""
    edition = site.edition
    ui = edition.ui
    missing_font = False
    for work_id, lang in images:
        if work_id:
            work = edition.work(work_id)
            title = work.title[lang]
            footer = " · ".join(x for x in (work.symbol or work.short[lang], _date(ui, work.date, lang)) if x)
        else:
            title = ui.t("site_description", lang)
            footer = edition.languages.get(lang).autonym
        data, ok = draw_preview(ui.t("site_name", lang), title, footer)
        missing_font |= not ok
        target = site_dir / image_path(work_id, lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if missing_font:
        log("preview images: no system font covers their text (install fonts-noto-cjk); drawn with Pillow's font")
    return len(images)


def _date(ui, iso: str, lang: str) -> str:
    year, month, day = iso.split("-")
    return ui.t("date_format", lang, year=int(year), day=int(day), month_name=ui.t(f"month_{int(month)}", lang))
