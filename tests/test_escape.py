"""Source text must come out of Markdown as text: every construct listed stays literal.

The Markdown is rendered with exactly the extensions of mkdocs.yml plus the
pymdown extensions whose syntax the issue lists (mark, caret, tilde, keys, emoji,
snippets), so enabling one of them later cannot turn source text into markup.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from edition.mkdocs_config import markdown_extensions
from edition.writer.escape import escape_text, guard_line_start

ROOT = Path(__file__).resolve().parents[1]


def site_extensions() -> tuple[list, dict]:
    """The site's Markdown extensions and settings, read from mkdocs.yml as the books read them."""
    return markdown_extensions(ROOT / "mkdocs.yml")


EXTRA = ["pymdownx.mark", "pymdownx.caret", "pymdownx.tilde", "pymdownx.keys", "pymdownx.emoji",
         "pymdownx.snippets", "pymdownx.critic", "pymdownx.betterem", "footnotes", "abbr", "admonition"]


def render(md_text: str) -> str:
    names, configs = site_extensions()
    md = markdown.Markdown(extensions=names + [e for e in EXTRA if e not in names], extension_configs=configs)
    return md.convert(md_text)


def as_block(text: str) -> str:
    return guard_line_start(escape_text(text))


CASES = [
    "1. not a list", "1) not a list", "# not a heading", "> not a quote", "- not a bullet", "* not a bullet",
    "+ not a bullet", "    not code", "[x]: https://example.org", "[^x]: not a footnote", ": not a definition",
    "text with a trailing {#id .class}", "<b>bold</b> <script>alert(1)</script>", "AT&T &amp; &lt;",
    "==mark== ^^insert^^ ~~delete~~ ++ctrl+alt+del++ :smile: :material-home:", "--8<-- \"file.md\"",
    "[link](javascript:alert(1)) ![img](x.png) <https://example.org>", "*em* **strong** _u_ __uu__ `code`",
    "| a | b |", "\\ and \\\\", "{++add++} {--del--} {~~a~>b~~}", "*[HTML]: Hyper Text", "!!! note",
    "方法 and 业务模式 **决心**弥合", "---", "===", "<!-- comment -->",
]


@pytest.mark.parametrize("text", ["新华社北京7月2日电\u2003题:为", "吴黎明\u3000毛振华", "a\u00a0b"])
def test_non_ascii_spaces_are_text_and_are_kept(text):
    out = render(as_block(text))
    assert html.unescape(out[3:-4]) == text


@pytest.mark.parametrize("text", CASES)
def test_construct_comes_out_as_text(text):
    out = render(as_block(text))
    assert out.startswith("<p>") and out.endswith("</p>"), out
    inner = out[3:-4]
    assert not re.search(r"<[a-zA-Z!/]", inner), f"markup added: {out}"
    assert html.unescape(inner) == " ".join(text.split())
