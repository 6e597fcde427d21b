"""Terminal output for the import command: progress bar and summary tables (English)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphcrm.ingest.report import ImportReport
from graphcrm.ingest.undo import UndoReport


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A rows-read counter on stderr while importing; nothing when not a terminal."""
    if not enabled:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("importing"), BarColumn(), TextColumn("{task.completed:,} rows"),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("import", total=None)
        yield lambda n: progress.advance(task, n)


def _render(*items: Any, width: int = 100) -> str:
    console = Console(record=True, width=width, force_terminal=False, color_system=None)
    with console.capture() as capture:
        for item in items:
            console.print(item)
    return capture.get().rstrip()


def print_report(report: ImportReport) -> str:
    """The summary a person reads after an import."""
    head = "DRY RUN, nothing written: " if report.dry_run else ""
    lines = [
        f"{head}batch {report.batch_id}: {', '.join(report.files)} "
        f"({', '.join(report.kinds)} from {', '.join(report.source_systems)})",
        f"rows {report.rows:,} = loaded {report.loaded:,} + rejected {report.rejected:,} "
        f"+ unchanged {report.unchanged:,}   ({report.seconds:.1f} s)",
    ]
    table = Table(title=None, show_edge=False)
    for column in ("label", "would create" if report.dry_run else "created",
                   "would update" if report.dry_run else "updated", "linked to existing"):
        table.add_column(column, justify="right" if column != "label" else "left")
    labels = sorted(set(report.created) | set(report.updated) | set(report.linked))
    for label in labels:
        table.add_row(label, f"{report.created[label]:,}", f"{report.updated[label]:,}", f"{report.linked[label]:,}")
    parts: list[Any] = ["\n".join(lines)]
    if labels:
        parts.append(table)
    for name, region in report.regions.items():
        if name in report.detected_regions and region != "US":
            parts.append(f"{name}: phone numbers without a country code read as {region} "
                         "(from the file's script; --region sets another)")
    for name, columns in report.unmapped.items():
        parts.append(f"{name}: columns kept as extra properties: {', '.join(columns)}")
    for name, target in sorted(report.source_aliases.items()):
        parts.append(f"source {name!r} matched to the existing source {target!r}")
    if report.repeated:
        first = report.repeated[0]
        parts.append(f"{report.repeated_rows:,} row(s) share an email or phone with an existing lead or contact, "
                     f"e.g. {first.file} row {first.row}: {first.field} {first.value} of {first.label} "
                     f"{first.name or first.id} ({first.id}); loaded all the same (graphcrm dedupe to review)")
    if report.warnings:
        parts.append(f"{len(report.warnings)} warning(s), e.g. {report.warnings[0]}")
    if report.rejects_file:
        first = report.rejects[0]
        parts.append(f"{report.rejected:,} rejected row(s) written to {report.rejects_file} "
                     f"(e.g. {first.file} row {first.row}: {first.reason})")
    if not report.dry_run and report.loaded:
        parts.append(f"undo with: graphcrm import --undo {report.batch_id}")
    return _render(*parts)


def print_undo(report: UndoReport) -> str:
    """What an undo removed and restored."""
    removed = ", ".join(f"{n:,} {label}" for label, n in sorted(report.removed.items())) or "nothing"
    restored = ", ".join(f"{n:,} {label}" for label, n in sorted(report.restored.items())) or "nothing"
    return f"batch {report.batch_id} undone: removed {removed}; restored {restored}"


def print_batches(batches: list[dict[str, Any]]) -> str:
    """A table of import batches."""
    table = Table(show_edge=False)
    table.add_column("batch", no_wrap=True)  # the id is what `--undo` needs: never cut it
    for column in ("status", "kind", "files", "rows", "loaded", "rejected", "started"):
        table.add_column(column)
    for batch in batches:
        counts = json.loads(batch["counts"] or "{}")
        files = ", ".join(json.loads(batch["files"] or "[]"))
        table.add_row(batch["id"], batch["status"], batch["kind"] or "", files, str(counts.get("rows", "")),
                      str(counts.get("loaded", "")), str(counts.get("rejected", "")), str(batch["started_at"]))
    return _render(table, width=160) if batches else "no import batches yet"
