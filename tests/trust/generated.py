"""Generated import files for the trust tests: many clean, distinct leads, written fast."""

from __future__ import annotations

import csv
from pathlib import Path

LEAD_HEADER = ["Lead ID", "First Name", "Last Name", "Company / Account", "Email", "Phone", "Lead Source",
               "Lead Status", "Lead Owner", "Create Date"]
COMPANIES = 300
OWNERS = 12


def lead_rows(count: int, *, start: int = 0) -> list[list[str]]:
    """``count`` distinct, valid Salesforce-style lead rows (unique id, email and phone each)."""
    rows = []
    for i in range(start, start + count):
        rows.append([
            f"00Q{i:07d}", f"First{i}", f"Last{i}", f"Company {i % COMPANIES} Ltd", f"lead{i}@company{i % COMPANIES}.com",
            f"+1 415 {200 + i // 10_000:03d} {i % 10_000:04d}", "Web", "Open - Not Contacted",
            f"Owner {i % OWNERS}", "03/06/2026 12:00 AM",
        ])
    return rows


def write_leads_csv(path: Path, count: int) -> Path:
    """A UTF-8 CSV of ``count`` generated leads with a header row."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(LEAD_HEADER)
        writer.writerows(lead_rows(count))
    return path
