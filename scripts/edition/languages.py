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

from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, DataErrors


@dataclass(frozen=True)
class Language:
    code: str
    tag: str
    autonym: str
    names: dict[str, str]
    interface: bool = False
    default: bool = False
    #: ISO 639-2/T code (``zho``), which Akoma Ntoso's names use; None when not declared
    iso639_2: str | None = None
    #: where the language is declared in languages.yaml (errors about it point there)
    line: int | None = field(default=None, compare=False)


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
    """Read ``languages.yaml`` (schema: :class:`edition.datafile.LanguagesFile`) and refuse what would
    build a broken site: no default or two, a default without an interface, names missing for an
    interface language or given for a language without one."""
    from .datafile import LanguagesFile, read_data

    data, lines = read_data(path, LanguagesFile)
    errors: list[DataError] = []
    defaults = [i for i, x in enumerate(data.languages) if x.default]
    if len(defaults) != 1:
        errors.append(lines.error(("languages",), f"expected exactly one default language, found {len(defaults)}"))
    interface = {x.code for x in data.languages if x.interface}
    for i, x in enumerate(data.languages):
        if x.default and not x.interface:
            errors.append(lines.error(("languages", i, "default"),
                                      f"language {x.code}: the default language must be an interface language"))
        missing, extra = sorted(interface - set(x.names)), sorted(set(x.names) - interface)
        if missing or extra:
            what = "; ".join(w for w in (f"missing {', '.join(missing)}" if missing else "",
                                         f"not an interface language: {', '.join(extra)}" if extra else "") if w)
            errors.append(lines.error(("languages", i, "names"),
                                      f"language {x.code}: names must be given in every interface language ({what})"))
    if errors:
        raise DataErrors(errors)
    return Languages(tuple(Language(x.code, x.tag, x.autonym, dict(x.names), x.interface, x.default, x.iso639_2,
                                    lines.at("languages", i))
                           for i, x in enumerate(data.languages)))
