"""Errors of the import pipeline that say which file (or mapping) is wrong and why."""

from __future__ import annotations

from pathlib import Path


class ImportFileError(Exception):
    """A whole file cannot be read; ``str()`` is one line: ``"{path}: {reason}"``."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        lines = [line.strip() for line in str(reason).splitlines() if line.strip()]
        self.reason = lines[0] if lines else "cannot be read"
        super().__init__(f"{self.path}: {self.reason}")


class MappingError(ValueError):
    """A column mapping that names an unknown field or kind, or a column the file does not have."""
