"""The edition's languages, declared once in ``sources/data/languages.yaml``.

Which languages have a tree of the site, which one stands at the root, which tag
goes into ``lang`` attributes, how each language is named in the others: all of it
is data, so that adding a language (a French witness, a fourth interface) means
editing that file and adding texts, not code. Everything else asks this module.

A *text language* only has witnesses (a column of the parallel view, a ``lang``
attribute); an *interface language* also has a tree of the site, and then every
interface string and every translated field of the data files must exist in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .sources import _line_of

_CODE = re.compile(r"^[a-z]{2,3}$")
_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Language:
    code: str
    tag: str
    autonym: str
    names: dict[str, str]
    interface: bool = False
    default: bool = False


@dataclass(frozen=True)
class Languages:
    """The declared languages, in their declared order (the order of columns and trees)."""

    all: tuple[Language, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.all)

    @property
    def interface(self) -> tuple[str, ...]:
        """Interface languages, the default first (it is built at the site root)."""
        default = [lang.code for lang in self.all if lang.default]
        return tuple(default + [lang.code for lang in self.all if lang.interface and not lang.default])

    @property
    def default(self) -> str:
        return self.interface[0]

    def get(self, code: str) -> Language:
        for lang in self.all:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def tag(self, code: str) -> str:
        """The BCP 47 tag for ``lang`` attributes (``zh`` -> ``zh-Hans``)."""
        return self.get(code).tag

    def name(self, code: str, in_lang: str) -> str:
        """The name of language ``code`` in interface language ``in_lang`` ("китайский")."""
        return self.get(code).names[in_lang]

    def ordered(self, codes) -> list[str]:
        """``codes`` in the declared order (columns of the parallel view)."""
        wanted = set(codes)
        return [c for c in self.codes if c in wanted]


def load_languages(path: Path) -> Languages:
    """Read and validate ``languages.yaml``; refuses what would build a broken site."""
    from .datafile import Record, load_data  # noqa: PLC0415 (the data layer imports nothing of ours)

    class LanguageEntry(Record):
        code: str
        tag: str
        autonym: str
        names: dict[str, str]
        interface: bool = False
        default: bool = False

    class LanguagesFile(Record):
        version: int
        languages: list[LanguageEntry]

    data = load_data(path, LanguagesFile)

    def line_of(loc: tuple) -> int | None:
        if len(loc) >= 2 and loc[0] == "languages":
            return _line_of(path, f"code: {data.languages[loc[1]].code}")
        return _line_of(path, f"{loc[0]}:")
    shown = str(path)
    langs: list[Language] = []
    seen: set[str] = set()
    for i, entry in enumerate(data.languages):
        line = line_of(("languages", i))
        if not _CODE.match(entry.code):
            raise DataError(shown, line, f"language code {entry.code!r}: expected two or three lower-case letters")
        if not _TAG.match(entry.tag):
            raise DataError(shown, line, f"language {entry.code}: tag {entry.tag!r} is not a BCP 47 tag")
        if entry.code in seen:
            raise DataError(shown, line, f"language {entry.code} is declared twice")
        if entry.default and not entry.interface:
            raise DataError(shown, line, f"language {entry.code}: the default language must be an interface language")
        seen.add(entry.code)
        langs.append(Language(entry.code, entry.tag, entry.autonym, dict(entry.names), entry.interface, entry.default))
    if data.version != 1:
        raise DataError(shown, line_of(("version",)), "expected 'version: 1'")
    defaults = [lang.code for lang in langs if lang.default]
    if len(defaults) != 1:
        raise DataError(shown, line_of(("languages",)), f"expected exactly one default language, found {len(defaults)}")
    interface = {lang.code for lang in langs if lang.interface}
    for i, lang in enumerate(langs):
        names = set(lang.names)
        if names != interface:
            missing, extra = sorted(interface - names), sorted(names - interface)
            what = "; ".join(x for x in (f"missing {', '.join(missing)}" if missing else "",
                                         f"not an interface language: {', '.join(extra)}" if extra else "") if x)
            raise DataError(shown, line_of(("languages", i, "names")),
                            f"language {lang.code}: names must be given in every interface language ({what})")
    return Languages(tuple(langs))
