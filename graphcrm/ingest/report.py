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


@dataclass(frozen=True)
class Repeated:
    """A row whose new record shares an email or phone with an existing lead or contact (loaded all the same)."""

    file: str
    row: int
    field: str  # email, phone or mobile
    value: str
    label: str  # the existing record's label, id and name
    id: str
    name: str | None

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "field": self.field, "value": self.value,
                "existing": {"label": self.label, "id": self.id, "name": self.name}}


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
    ignored: dict[str, list[str]] = field(default_factory=dict)  # file -> columns left out by choice
    file_kinds: dict[str, str] = field(default_factory=dict)  # file -> what it holds
    samples: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # file -> unmapped column -> values
    detected_regions: list[str] = field(default_factory=list)  # files whose region came from their script
    source_aliases: dict[str, str] = field(default_factory=dict)  # source name in a file -> existing source
    repeated: list[Repeated] = field(default_factory=list)  # new records that repeat existing ones' email or phone
    rejects_file: str | None = None
    seconds: float = 0.0

    @property
    def repeated_rows(self) -> int:
        """How many rows repeat an existing record's email or phone."""
        return len({(r.file, r.row) for r in self.repeated})

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
            "ignored_columns": self.ignored,
            "mappings": self.mappings,
            "regions": self.regions,
            "detected_regions": self.detected_regions,
            "source_aliases": self.source_aliases,
            "repeated_rows": self.repeated_rows,
            "repeated": [r.as_json() for r in self.repeated[:100]],
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
