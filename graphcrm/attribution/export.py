"""Attribution and funnel tables as CSV or XLSX, safe to open in a spreadsheet.

Text cells that a spreadsheet would run as a formula (starting with = + - @ tab or CR)
are written with a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook

from graphcrm.ingest.report import spreadsheet_safe

FORMATS = ("csv", "xlsx")


def cell(value: Any) -> Any:
    """A value for one cell: numbers as numbers, missing as empty, text neutralised."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return round(float(value), 6) if isinstance(value, float) else int(value)
    if hasattr(value, "item"):  # numpy scalars
        return cell(value.item())
    return spreadsheet_safe(value)


def table_csv(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with BOM, so spreadsheet programs read Chinese names right)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def table_xlsx(frame: pd.DataFrame, *, title: str = "attribution") -> bytes:
    """The table as an XLSX workbook with one sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([spreadsheet_safe(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_table(frame: pd.DataFrame, path: Path, *, title: str = "attribution") -> None:
    """Write CSV or XLSX, chosen by the file's suffix."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"export to .csv or .xlsx, not {path.name!r}")
    path.write_bytes(table_csv(frame) if suffix == "csv" else table_xlsx(frame, title=title))
