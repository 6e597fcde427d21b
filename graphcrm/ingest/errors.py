"""Errors of the import pipeline that carry where the problem is."""

from __future__ import annotations


class ImportFileError(Exception):
    """A whole file cannot be read; ``str()`` is one line: ``path: reason``."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason.splitlines()[0] if reason else "cannot be read"
        super().__init__(f"{path}: {self.reason}")


class MappingError(ValueError):
    """A column mapping that names unknown fields or missing columns."""
