"""Errors of the import pipeline that say which file (or mapping) is wrong and why."""

from __future__ import annotations

from pathlib import Path


class ImportFileError(Exception):
    """A whole file cannot be read; ``str()`` is one line: ``"{path}: {reason}"``.

    ``unmapped`` (a file that was read but whose columns map to nothing) holds the file's columns
    with a few sample values each, so a caller can ask which field each one is.
    """

    def __init__(self, path: str | Path, reason: str, *, unmapped: dict[str, list[str]] | None = None) -> None:
        self.path = str(path)
        self.unmapped = unmapped
        lines = [line.strip() for line in str(reason).splitlines() if line.strip()]
        self.reason = lines[0] if lines else "cannot be read"
        super().__init__(f"{self.path}: {self.reason}")


class MappingError(ValueError):
    """A column mapping that names an unknown field or kind, or a column the file does not have."""


class NoColumnRecognised(MappingError):
    """Not one of a file's headers names a field: someone has to say which column is which."""
