"""Typed data files (interim: replaced by the strict YAML reader of the schemas work).

``load_data(path, Model)`` parses YAML and validates it with a pydantic model,
raising :class:`DataError` with ``file:line`` for the first problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import DataError
from .sources import _line_of, load_yaml


class Record(BaseModel):
    """A record of a data file: immutable, no unknown keys, no silent coercion."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


M = TypeVar("M", bound=BaseModel)


def load_data(path: Path, model: type[M], *, context: dict | None = None) -> M:
    data = load_yaml(path)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), None)
        line = _line_of(path, f"{key}:") if key else None
        where = ".".join(str(p) for p in err["loc"])
        raise DataError(str(path), line, f"{where}: {err['msg']}") from None


def line_of(path: Path, needle: str) -> int | None:
    return _line_of(path, needle)
