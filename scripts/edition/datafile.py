"""Editorial data files: a strict YAML reader and typed records, with ``file:line`` errors.

Data files are written by editors who did not write the code, so a mistake must
be named where it is, and nothing may be guessed. PyYAML's ``safe_load`` guesses
a lot: a repeated key silently wins, ``line: true`` becomes 1 and ``no`` becomes
False (YAML 1.1 implicit typing), ``2024-07-01`` becomes a date object, anchors
and aliases share or multiply values (an alias bomb), tags build arbitrary types.
This reader composes the YAML node tree itself and keeps only what an editor can
see:

- every scalar is a text (the plain ``null``/``~``/empty value is the one
  exception: it reads as None, which a schema may allow); numbers, dates and
  versions are parsed by the schema, explicitly (:data:`LineNumber`, :data:`IsoDate`);
- a duplicate key, an anchor, an alias and an explicit tag are refused;
- text that cannot be written is refused: lone surrogates (a ``"\\ud800"``
  escape), NUL and the other control characters except tab and newline;
- invisible format characters (Unicode category Cf: bidi controls, zero-width
  spaces, the soft hyphen, BOM) are refused unless ``sources/data/format-characters.yaml``
  records them, file, line and character, with a reason;
- the file must be UTF-8 without BOM, with LF line ends.

Every node keeps its line, so each schema error maps back to ``file:line``; all
errors of a file are collected and raised together as :class:`DataErrors`.

The API for a new data file is two names: subclass :class:`DataFile` (the file)
and :class:`Record` (its entries), then call :func:`load_data` (or
:func:`read_data` when the caller needs the lines of entries for its own
cross-checks).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Callable, ClassVar, Literal, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, ValidationInfo
from pydantic import WithJsonSchema
from pydantic_core import PydanticCustomError

from .errors import DataError, DataErrors
from .project import SOURCES

#: At most this many errors of one file are listed (an alias bomb has thousands).
MAX_ERRORS = 50

#: Where the allowance for invisible format characters lives, relative to ``sources/``.
FORMAT_CHARACTERS = "data/format-characters.yaml"
#: Where the languages are declared, relative to ``sources/``.
LANGUAGES = "data/languages.yaml"
#: This checkout's ``sources/`` (the JSON Schemas are generated against its languages).
OWN_SOURCES = Path(__file__).resolve().parents[2] / SOURCES


def interface_languages(sources: Path | None = None) -> tuple[str, ...]:
    """The interface languages of a project (default first): every translated text needs exactly these.

    Declared once, in ``sources/data/languages.yaml``; the data layer learns them here
    (models read them through the validation context that :func:`read_data` fills from
    the project the data file belongs to).
    """
    return declared_languages(sources or OWN_SOURCES)[0]


def declared_languages(sources: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(interface languages, every declared language)`` of the project whose ``sources/`` is given."""
    path = sources / LANGUAGES
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        raise DataError(str(path), None, "the languages file is missing; expected the edition's languages "
                        "declared there") from None
    return _declared_cached(str(path), digest)


@lru_cache(maxsize=8)
def _declared_cached(path: str, digest: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Read before anything else can be checked (the allowance file itself needs the languages):
    # an invisible format character in languages.yaml cannot be allowed, only refused.
    data, _ = read_data(Path(path), LanguagesFile, context={"languages": (), "text_languages": ()},
                        allowed=frozenset())
    default = [x.code for x in data.languages if x.default]
    interface = default + [x.code for x in data.languages if x.interface and not x.default]
    return tuple(interface), tuple(x.code for x in data.languages)


# --------------------------------------------------------------- reading text


def read_text(path: Path, shown: str | None = None) -> str:
    """The file as text, refused with ``file:line`` if it is not plain UTF-8 with LF line ends.

    Used for YAML data files and for the anchor lock alike; control characters
    other than tab and newline are refused on their line, all of them at once.
    """
    shown = shown or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(shown, None, "data file not found") from None
    except OSError as exc:
        raise DataError(shown, None, f"cannot read the data file ({exc.strerror})") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(shown, 1, "file starts with a UTF-8 byte order mark; expected plain UTF-8 without BOM")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise DataError(shown, line, "binary content (NUL byte); expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(shown, line, f"invalid UTF-8 at byte {exc.start}; expected UTF-8 text") from None
    errors = []
    for number, line in enumerate(text.split("\n"), 1):
        if "\r" in line:
            raise DataError(shown, number, "CR line end; expected LF line ends only")
        for ch in sorted(set(line)):
            if unicodedata.category(ch) == "Cc" and ch != "\t":
                errors.append(DataError(shown, number, f"control character U+{ord(ch):04X}; "
                                        "expected text (tab and newline are the only control characters allowed)"))
    if errors:
        raise DataErrors(errors[:MAX_ERRORS])
    return text


# -------------------------------------------------------- composing the nodes


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's composer with anchors, aliases and explicit tags refused (never expanded)."""

    def __init__(self, stream: str, report: Callable[[int, str], None]) -> None:
        super().__init__(stream)
        self._report = report

    def compose_node(self, parent, index):  # noqa: ANN001 (PyYAML's signature)
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self._report(event.start_mark.line + 1, f"alias '*{event.anchor}': anchors and aliases are not "
                         "allowed in data files; write the value out where it is used")
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        event = self.peek_event()
        if event.anchor is not None:
            self._report(event.start_mark.line + 1, f"anchor '&{event.anchor}': anchors and aliases are not "
                         "allowed in data files; write the value out where it is used")
            event.anchor = None
        if getattr(event, "tag", None) is not None:
            self._report(event.start_mark.line + 1, f"explicit tag '{event.tag}': tags are not allowed in "
                         "data files; every value is read as text and checked by the file's schema")
            event.tag = None
        return super().compose_node(parent, index)


Loc = tuple[Union[str, int], ...]


@dataclass(frozen=True)
class Lines:
    """The line of every key and value of a data file, by its location (``("sources", 0, "file")``)."""

    path: str
    by_loc: dict[Loc, int]

    def at(self, *loc: str | int) -> int:
        """The line of ``loc``, or of the nearest enclosing value that has one."""
        for end in range(len(loc), -1, -1):
            line = self.by_loc.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1

    def error(self, loc: Loc, message: str) -> DataError:
        return DataError(self.path, self.at(*loc), message)


class _Tree:
    """The plain value (dicts, lists, texts, None) of a node tree, with lines and checks."""

    def __init__(self, report: Callable[[int, str], None], names: dict[str, str]) -> None:
        self.report = report
        self.names = names
        self.lines: dict[Loc, int] = {}
        self.scalars: list[tuple[yaml.ScalarNode, Loc]] = []

    def value(self, node: yaml.Node, loc: Loc) -> Any:
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            self.scalars.append((node, loc))
            return None if node.style is None and _NULL.match(node.value) else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, loc + (i,)) for i, item in enumerate(node.value)]
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(line, f"{_prefix(loc, self.names)}a key must be a plain text, not a list or mapping")
                continue
            key = key_node.value
            if key in first:
                self.report(line, f"{_prefix(loc, self.names)}key '{key}' given twice (first at line {first[key]})")
                continue
            first[key] = line
            self.lines[loc + (key,)] = line
            self.scalars.append((key_node, loc + (key,)))
            out[key] = self.value(value_node, loc + (key,))
        return out


def _char_name(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE (bidi control)``: what an editor cannot see, named."""
    kind = "bidi control" if ord(ch) in _BIDI else "invisible format character"
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')} ({kind})"


def _check_characters(text: str, tree: _Tree, allowed: frozenset[tuple[int, str]]) -> None:
    """Refuse unwritable and invisible characters, in values and keys and anywhere in the file."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    spans = sorted(((n.start_mark.index, n.end_mark.index, loc) for n, loc in tree.scalars), key=lambda s: s[0])

    def field_at(index: int) -> str:
        inside = [loc for start, end, loc in spans if start <= index < max(end, start + 1)]
        return f"in {describe(inside[-1], tree.names)}" if inside else "outside any value (in a comment)"

    for number, line in enumerate(text.split("\n"), 1):
        for col, ch in enumerate(line):
            if unicodedata.category(ch) == "Cf" and (number, f"U+{ord(ch):04X}") not in allowed:
                tree.report(number, f"{_char_name(ch)} {field_at(starts[number - 1] + col)}; invisible characters "
                            f"are refused unless recorded with a reason in sources/{FORMAT_CHARACTERS}")
    for node, loc in tree.scalars:
        line = node.start_mark.line + 1
        written = text[node.start_mark.index:node.end_mark.index]
        for ch in sorted(set(node.value)):
            code = ord(ch)
            if 0xD800 <= code <= 0xDFFF:
                tree.report(line, f"lone surrogate U+{code:04X} (from an escape) in {describe(loc, tree.names)}: "
                            "it is not a character and cannot be written; write the character itself")
            elif unicodedata.category(ch) == "Cc" and ch not in "\t\n":
                tree.report(line, f"control character U+{code:04X} (from an escape) in {describe(loc, tree.names)}; "
                            "expected text (tab and newline are the only control characters allowed)")
            elif unicodedata.category(ch) == "Cf" and ch not in written and (line, f"U+{code:04X}") not in allowed:
                tree.report(line, f"{_char_name(ch)} (from an escape) in {describe(loc, tree.names)}; invisible "
                            f"characters are refused unless recorded with a reason in sources/{FORMAT_CHARACTERS}")


def compose(text: str, shown: str, allowed: frozenset[tuple[int, str]] = frozenset(),
            names: dict[str, str] | None = None) -> tuple[Any, Lines, list[DataError]]:
    """Parse YAML text into plain values and lines; structural problems are returned, not raised."""
    errors: list[DataError] = []

    def report(line: int, message: str) -> None:
        errors.append(DataError(shown, line, message))

    loader = _StrictLoader(text, report)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(shown, line, f"YAML syntax error: {problem}") from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError(shown, 1, "the file is empty; expected a mapping with 'version: 1'")
    tree = _Tree(report, names or {})
    value = tree.value(node, ())
    _check_characters(text, tree, allowed)
    return value, Lines(shown, tree.lines), errors


# ------------------------------------------------------------------ field types


def _kind(value: object) -> str:
    """What an editor wrote, in words (for 'expected X, got Y')."""
    if value is None:
        return "nothing (an empty value or null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text {value[:60]!r}"
    return type(value).__name__


def _whole_number(value: object) -> object:
    """Read a line number or version written as digits; ``true``, ``1.0`` or ``"0"`` are refused."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    if isinstance(value, str) and re.fullmatch(r"[1-9][0-9]{0,8}", value):
        return int(value)
    raise PydanticCustomError("whole_number", "expected a whole number from 1 (digits only), got {got}",
                              {"got": _kind(value)})


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "is empty; expected a text")
    return value


def _iso_date(value: str) -> str:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise PydanticCustomError("date", "expected a date written YYYY-MM-DD, got {got}", {"got": _kind(value)})


def _languages(info: ValidationInfo) -> tuple[str, ...]:
    context = info.context or {}
    return tuple(context.get("languages") or interface_languages())


def _text_language(value: str, info: ValidationInfo) -> str:
    langs = tuple((info.context or {}).get("text_languages") or ())
    if value not in langs:
        raise PydanticCustomError("language", "language '{value}' is not declared in sources/data/languages.yaml "
                                  "(declared: {langs})", {"value": value, "langs": ", ".join(langs)})
    return value


def _language(value: str, info: ValidationInfo) -> str:
    langs = _languages(info)
    if value not in langs:
        raise PydanticCustomError("language", "unknown language '{value}', expected one of {langs}",
                                  {"value": value, "langs": ", ".join(langs)})
    return value


def _translation(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    langs = _languages(info)
    unknown = [k for k in value if k not in langs]
    missing = [k for k in langs if k not in value]
    if unknown or missing:
        parts = ([f"missing language {', '.join(missing)}"] if missing else []) + \
                ([f"unknown language {', '.join(unknown)}"] if unknown else [])
        raise PydanticCustomError("translation", "{parts}; expected a text in each interface language ({langs})",
                                  {"parts": "; ".join(parts), "langs": ", ".join(langs)})
    return {lang: value[lang] for lang in langs}


class _TranslationJsonSchema:
    """The JSON Schema of a translation names the interface languages of the day it is generated."""

    def __get_pydantic_json_schema__(self, core_schema, handler):  # noqa: ANN001 (pydantic's hook)
        schema = handler(core_schema)
        langs = list(interface_languages())
        schema.update({"required": langs, "propertyNames": {"enum": langs}})
        return schema


def matching(pattern: str, expected: str) -> Any:
    """A text of one form (an id, an anchor), refused with ``expected``, described as such in the JSON Schema."""
    rx = re.compile(pattern)

    def check(value: str) -> str:
        if not rx.fullmatch(value):
            raise PydanticCustomError("form", "expected {expected}, got {got}",
                                      {"expected": expected, "got": _kind(value)})
        return value

    return Annotated[str, AfterValidator(check),
                     WithJsonSchema({"type": "string", "pattern": f"^(?:{pattern})$", "description": expected})]


#: A text that must say something (not empty, not only spaces).
Text = Annotated[str, AfterValidator(_not_blank), WithJsonSchema({"type": "string", "minLength": 1, "pattern": r"\S"})]
#: A line number (from 1), written as digits.
LineNumber = Annotated[int, Field(ge=1), BeforeValidator(_whole_number)]
def _flag(value: object) -> object:
    """``true`` or ``false`` as written, nothing else (YAML 1.1's yes/no/on are not guessed)."""
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError("flag", "expected true or false, got {got}", {"got": _kind(value)})


#: A yes/no setting, written true or false.
Flag = Annotated[bool, BeforeValidator(_flag), WithJsonSchema({"type": "boolean"})]
#: The format version of a data file.
Version = Annotated[Literal[1], BeforeValidator(_whole_number)]
#: A calendar date, ``2024-07-01``, kept as written.
IsoDate = Annotated[str, AfterValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]
#: One of the interface languages (see :func:`interface_languages`).
Language = Annotated[str, AfterValidator(_language)]
#: Any declared language, interface or text only (a witness's language).
TextLanguage = Annotated[str, AfterValidator(_text_language)]
#: A language code as declared: two or three lower-case letters.
LanguageCode = matching(r"[a-z]{2,3}", "a language code of two or three lower-case letters (fr)")
#: A text in each interface language, no more and no fewer: ``{zh: ..., ru: ..., en: ...}``.
Translation = Annotated[dict[str, Text], AfterValidator(_translation), _TranslationJsonSchema()]
#: A lower-case id: ``res-zh``, ``report``.
Identifier = matching(r"[a-z0-9][a-z0-9-]*", "an id of lower-case letters, digits and hyphens")


class Record(BaseModel):
    """An entry of a data file: frozen, strict types, unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class DataFile(Record):
    """A whole data file. ``unique`` names the lists whose entries must differ in the given fields;
    ``entry_names`` how an entry of a list is called in messages (``emendations`` -> ``emendation 3``)."""

    unique: ClassVar[tuple[tuple[str, tuple[str, ...]], ...]] = ()
    entry_names: ClassVar[dict[str, str]] = {}

    version: Version


M = TypeVar("M", bound=BaseModel)


# ------------------------------------------------------------ error messages


def describe(loc: Loc, names: dict[str, str] | None = None) -> str:
    """``'reason.zh' of emendation 3``: a location in words; entries are counted from 1."""
    parts = [p for p in loc if p != "[key]"]
    last = max((i for i, p in enumerate(parts) if isinstance(p, int)), default=None)
    if last is None:
        return f"'{'.'.join(map(str, parts))}'" if parts else "the file"
    owner = ".".join(map(str, parts[:last]))
    entry = f"{(names or {}).get(owner, owner + ' entry')} {parts[last] + 1}"
    rest = ".".join(map(str, parts[last + 1:]))
    return f"'{rest}' of {entry}" if rest else entry


def _prefix(loc: Loc, names: dict[str, str]) -> str:
    """``emendation 3: `` before a message, nothing at the top of the file."""
    return f"{describe(loc, names)}: " if loc else ""


def _unwrap(tp: Any) -> Any:
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        elif get_origin(tp) is Union:
            tp = next(a for a in get_args(tp) if a is not type(None))
        else:
            return tp


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The record type at ``loc`` (to list the keys it accepts)."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(str(part))
            if field is None:
                return None
            tp = field.annotation
        elif get_origin(tp) in (list, dict):
            tp = get_args(tp)[-1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _explain(error: dict, model: type[BaseModel]) -> tuple[Loc, str]:
    """One pydantic error as the location it concerns and a sentence an editor can act on."""
    loc: Loc = tuple(error["loc"])
    names = getattr(model, "entry_names", {})
    kind = error["type"]
    got = _kind(error.get("input"))
    if kind in ("missing", "extra_forbidden"):
        owner = loc[:-1]
        prefix = _prefix(owner, names)
        if kind == "missing":
            return loc, f"{prefix}missing field '{loc[-1]}'"
        record = _model_at(model, owner)
        known = f"; expected one of {', '.join(record.model_fields)}" if record else ""
        return loc, f"{prefix}unknown key '{loc[-1]}'{known}"
    explained = _EXPLAIN.get(kind)
    message = explained(error, got) if explained else error["msg"]
    return loc, f"{describe(loc, names)}: {message}"


#: Pydantic's error types, said for editors (custom errors carry their own sentence).
_EXPLAIN: dict[str, Callable[[dict, str], str]] = {
    "string_type": lambda e, got: f"expected a text, got {got}",
    "dict_type": lambda e, got: f"expected a mapping (key: value), got {got}",
    "model_type": lambda e, got: f"expected a mapping (key: value), got {got}",
    "model_attributes_type": lambda e, got: f"expected a mapping (key: value), got {got}",
    "list_type": lambda e, got: f"expected a list ('- ' entries), got {got}",
    "literal_error": lambda e, got: f"expected {e['ctx']['expected']}, got {got}",
    "too_short": lambda e, got: "is empty; expected at least one entry",
    "string_too_short": lambda e, got: "is empty; expected a text",
    "int_type": lambda e, got: f"expected a whole number, got {got}",
    "greater_than_equal": lambda e, got: f"expected a number from {e['ctx']['ge']}, got {got}",
}


def _duplicates(model: type[DataFile], value: Any, lines: Lines) -> list[DataError]:
    """Entries of a list that repeat the fields that must be unique (checked on the raw values,
    so that they are reported together with the schema errors)."""
    errors = []
    for list_name, keys in getattr(model, "unique", ()):
        entries = value.get(list_name) if isinstance(value, dict) else None
        first: dict[tuple, int] = {}
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in keys):
                continue
            key = tuple(entry[k] for k in keys)
            loc = (list_name, i, keys[0])
            if key in first:
                shown = ", ".join(f"{k} '{v}'" for k, v in zip(keys, key))
                errors.append(lines.error(loc, f"{describe((list_name, i), model.entry_names)}: {shown} given twice "
                                          f"(first at line {first[key]})"))
            else:
                first[key] = lines.at(*loc)
    return errors


# -------------------------------------------------------------------- loading


def sources_folder(path: Path) -> Path | None:
    """The ``sources/`` folder that holds a data file (where its format-character allowance lives)."""
    for parent in path.resolve().parents:
        if parent.name == SOURCES:
            return parent
    return None


def allowed_format_characters(path: Path) -> frozenset[tuple[int, str]]:
    """``(line, "U+200B")`` pairs recorded for ``path`` in ``sources/data/format-characters.yaml``."""
    root = sources_folder(path)
    if root is None:
        return frozenset()
    allowance = root / FORMAT_CHARACTERS
    if path.resolve() == allowance.resolve() or not allowance.is_file():
        return frozenset()
    rel = path.resolve().relative_to(root).as_posix()
    return frozenset((line, char) for file, line, char in _allowances(allowance) if file == rel)


def _allowances(path: Path) -> frozenset[tuple[str, int, str]]:
    raw = path.read_bytes()
    return _allowances_cached(str(path), hashlib.sha256(raw).hexdigest())


@lru_cache(maxsize=8)
def _allowances_cached(path: str, digest: str) -> frozenset[tuple[str, int, str]]:
    data = load_data(Path(path), FormatCharactersFile)
    return frozenset((a.file, a.line, a.char) for a in data.allowed)


def read_data(path: Path, model: type[M], *, context: dict[str, Any] | None = None,
              allowed: frozenset[tuple[int, str]] | None = None) -> tuple[M, Lines]:
    """Load a YAML data file into ``model``, with the line of every key and value.

    Raises :class:`DataErrors` with every problem of the file (syntax errors and
    unreadable files stop at the first). ``context`` reaches the validators
    (``languages`` defaults to :func:`interface_languages`).
    """
    shown = str(path)
    text = read_text(path, shown)
    if allowed is None:
        allowed = allowed_format_characters(path)
    value, lines, errors = compose(text, shown, allowed, getattr(model, "entry_names", {}))
    context = dict(context or {})
    if "languages" not in context:
        context.update(_language_context(path))
    result = None
    try:
        result = model.model_validate(value, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc, message = _explain(error, model)
            errors.append(lines.error(loc, message))
    if isinstance(model, type) and issubclass(model, DataFile):
        errors.extend(_duplicates(model, value, lines))
    if errors:
        raise DataErrors(sorted_errors(errors))
    assert result is not None
    return result, lines


def _language_context(path: Path) -> dict[str, tuple[str, ...]]:
    """The languages a data file is checked against: those its own project declares."""
    root = sources_folder(path)
    if root is None or (root / LANGUAGES).resolve() == path.resolve():
        return {"languages": (), "text_languages": ()}
    interface, every = declared_languages(root)
    return {"languages": interface, "text_languages": every}


def load_data(path: Path, model: type[M], *, context: dict[str, Any] | None = None) -> M:
    """Load and validate a YAML data file; see :func:`read_data`."""
    return read_data(path, model, context=context)[0]


def sorted_errors(errors: list[DataError]) -> list[DataError]:
    """In file and line order, each once, at most :data:`MAX_ERRORS` (with a last line saying so)."""
    seen, out = set(), []
    for e in sorted(errors, key=lambda e: (e.path, e.line or 0)):
        if (e.path, e.line, e.message) not in seen:
            seen.add((e.path, e.line, e.message))
            out.append(e)
    if len(out) > MAX_ERRORS:
        rest = len(out) - MAX_ERRORS
        out = out[:MAX_ERRORS] + [DataError(out[MAX_ERRORS].path, out[MAX_ERRORS].line,
                                            f"… and {rest} more error(s) in this file")]
    return out


# ------------------------------------------------- the format-character allowance


SourcesPath = matching(r"(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*",
                       "a path relative to sources/ such as texts/x.txt, without '..'")


def _format_character(value: str) -> str:
    char = chr(int(value[2:], 16))
    if unicodedata.category(char) != "Cf":
        raise PydanticCustomError("format_character", "{value} is not an invisible format character (category Cf)",
                                  {"value": value})
    return value


class AllowedCharacter(Record):
    """One invisible format character that belongs to a text, where it is and why."""

    file: SourcesPath
    line: LineNumber
    char: Annotated[matching(r"U\+(?:[0-9A-F]{4,5}|10[0-9A-F]{4})", "a code point written U+200B"),
                    AfterValidator(_format_character)]
    reason: Translation


class FormatCharactersFile(DataFile):
    """``sources/data/format-characters.yaml``: invisible format characters recorded with a reason.

    Any other bidi control, zero-width character, soft hyphen or BOM in a source
    text or a data file stops the build."""

    unique = (("allowed", ("file", "line", "char")),)
    entry_names = {"allowed": "allowed character"}

    allowed: list[AllowedCharacter] = []


# ------------------------------------------------------------------ the languages


class LanguageRecord(Record):
    """A language of the edition (see ``sources/data/languages.yaml``'s header)."""

    code: LanguageCode
    tag: matching(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", "a BCP 47 language tag such as zh-Hans or fr")
    autonym: Text = Field(description="the language's name in itself")
    names: dict[LanguageCode, Text] = Field(description="its name in each interface language")
    interface: Flag = Field(default=False, description="true: the language has a tree of the site")
    default: Flag = Field(default=False, description="true: the interface language at the site root (one)")
    iso639_2: matching(r"[a-z]{3}", "an ISO 639-2/T three-letter code such as fra") | None = Field(
        default=None, description="its ISO 639-2/T code (Akoma Ntoso names a language version with it)")


class LanguagesFile(DataFile):
    """``sources/data/languages.yaml``: the languages, declared once."""

    unique = (("languages", ("code",)),)
    entry_names = {"languages": "language"}

    languages: list[LanguageRecord] = Field(min_length=1)
