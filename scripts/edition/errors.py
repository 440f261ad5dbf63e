"""Errors that name the file, the line and what was expected.

A reader of an error message should be able to open the file at the line and
see the problem; so every error raised while reading sources or editorial data
carries those three things, and the command line prints them in one line in the
``file:line: message`` form that editors and CI logs make clickable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class EditionError(Exception):
    """Bad input: a source text or a data file is not what the edition expects."""

    def __init__(self, path: str, line: int | None, message: str, column: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.line and self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"


class SourceError(EditionError):
    """A source text breaks a rule of its parser."""


class DataError(EditionError):
    """An editorial data file is malformed or refers to something that does not exist."""


class DataErrors(DataError):
    """Every problem found in a data file, reported together (one ``file:line: message`` per line).

    An editor fixing a file should see all of its mistakes in one run, not one per build.
    """

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = tuple(errors)
        first = self.errors[0]
        super().__init__(first.path, first.line, first.message)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


#: What a reader is told when a file cannot be loaded, by the kind of failure.
LOAD_FAILURES: dict[type[BaseException], str] = {
    IsADirectoryError: "is a folder; expected a file",
    PermissionError: "cannot be read (permission denied)",
    FileNotFoundError: "file not found",
    UnicodeDecodeError: "is not valid UTF-8; expected UTF-8 text",
    MemoryError: "too large to load (out of memory)",
    RecursionError: "nested too deeply to load (recursion limit)",
    OSError: "cannot be read",  # last: the kinds above are more precise
}


@contextmanager
def reading(path: str, display: str | None = None) -> Iterator[None]:
    """Turn a failure to load ``path`` (a folder, no permission, bad UTF-8, too large or too
    deep) into an :class:`EditionError` naming the file, so that no bad input ends in a traceback."""
    try:
        yield
    except EditionError:
        raise
    except tuple(LOAD_FAILURES) as exc:
        message = next(text for kind, text in LOAD_FAILURES.items() if isinstance(exc, kind))
        if type(exc) is OSError:
            message += f" ({exc.strerror or exc})"
        raise EditionError(display or str(path), None, message) from None
