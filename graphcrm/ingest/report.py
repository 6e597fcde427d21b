"""What an import did: counts, warnings, and the reject report."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A spreadsheet treats a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Reject:
    """A row that was not loaded: where it is and why."""

    file: str
    row: int
    column: str | None
    reason: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportReport:
    """The outcome of one import batch; ``rows == loaded + rejected + unchanged``."""

    batch_id: str
    files: list[str]
    kinds: list[str] = field(default_factory=list)
    source_systems: list[str] = field(default_factory=list)
    dry_run: bool = False
    rows: int = 0
    loaded: int = 0
    rejected: int = 0
    unchanged: int = 0
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    linked: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    unmapped: dict[str, list[str]] = field(default_factory=dict)
    mappings: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> column -> field
    regions: dict[str, str] = field(default_factory=dict)  # file -> default phone region
    detected_regions: list[str] = field(default_factory=list)  # files whose region came from their script
    source_aliases: dict[str, str] = field(default_factory=dict)  # source name in a file -> existing source
    rejects_file: str | None = None
    seconds: float = 0.0

    def reject(self, item: Reject) -> None:
        """Count a rejected row and keep it for the report."""
        self.rejected += 1
        self.rejects.append(item)

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` shape."""
        return {
            "batch_id": self.batch_id,
            "dry_run": self.dry_run,
            "files": self.files,
            "kinds": self.kinds,
            "source_systems": self.source_systems,
            "rows": self.rows,
            "loaded": self.loaded,
            "rejected": self.rejected,
            "unchanged": self.unchanged,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "linked_to_existing": dict(self.linked),
            "unmapped_columns": self.unmapped,
            "mappings": self.mappings,
            "regions": self.regions,
            "detected_regions": self.detected_regions,
            "source_aliases": self.source_aliases,
            "warnings": self.warnings[:100],
            "warning_count": len(self.warnings),
            "rejects_file": self.rejects_file,
            "seconds": round(self.seconds, 3),
        }

    def counts_json(self) -> dict[str, Any]:
        """The counts kept on the ImportBatch node."""
        data = self.as_json()
        return {k: data[k] for k in ("rows", "loaded", "rejected", "unchanged", "created", "updated", "files", "kinds")}


def spreadsheet_safe(value: Any) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_rejects(rejects: list[Reject], path: Path) -> None:
    """Write the reject report: file, row, column, reason, then the row's own values."""
    columns: list[str] = []
    for item in rejects:
        columns.extend(c for c in item.values if c not in columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "row", "column", "reason", *columns])
        for item in rejects:
            cells = [item.file, item.row, item.column or "", item.reason, *(item.values.get(c) for c in columns)]
            writer.writerow([spreadsheet_safe(c) for c in cells])
