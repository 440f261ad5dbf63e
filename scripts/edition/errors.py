"""Errors that name the file, the line and what was expected.

A reader of an error message should be able to open the file at the line and
see the problem; so every error raised while reading sources or editorial data
carries those three things, and the command line prints them in one line in the
``file:line: message`` form that editors and CI logs make clickable.
"""

from __future__ import annotations


class EditionError(Exception):
    """Bad input: a source text or a data file is not what the edition expects."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
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
