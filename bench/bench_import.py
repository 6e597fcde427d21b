"""Benchmark: import 100,000 leads and 1,000,000 touchpoints from CSV into the embedded database.

    python bench/bench_import.py [--leads 100000] [--touches 1000000] [--keep DIR] [--row-path]

Writes Salesforce-shaped CSV files (leads, campaigns, campaign members) to a
temporary folder, imports them with the same code as `graphcrm import`, and
prints rows/s per file and the peak memory (RSS) of the process. A second run
of the leads file measures the idempotent re-import (every row unchanged).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from graphcrm.ingest import ImportOptions, import_files
from graphcrm.store import open_store

FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
         "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Wei", "Fang"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Li", "Wang"]
SOURCES = ["Web", "Trade Show", "Partner Referral", "Webinar", "Advertisement", "Cold Call", "Employee Referral"]
STATUSES = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]
OWNERS = ["Mark Moses", "Paul Yang", "Andrea Clark", "Kara Wilson", "Michael Black", "William Castillo"]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_files(folder: Path, leads: int, touches: int, seed: int = 1) -> tuple[Path, Path, Path]:
    """Salesforce-shaped leads, campaigns and campaign members."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1)
    leads_path = folder / "leads.csv"
    with leads_path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Lead ID", "First Name", "Last Name", "Title", "Company / Account", "Email", "Phone",
                      "Lead Source", "Lead Status", "Rating", "Industry", "City", "State/Province", "Country",
                      "Lead Owner", "Create Date"])
        for i in range(leads):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = f"{rng.choice(LAST)} {rng.choice(['Inc', 'LLC', 'Group', 'Ltd'])} {i % (leads // 8 + 1)}"
            domain = company.lower().replace(" ", "") + ".com"
            created = start + timedelta(minutes=rng.randrange(0, 300 * 24 * 60))
            out.writerow([f"00Q{i:09d}", first, last, "Manager", company, f"{first}.{last}{i}@{domain}".lower(),
                          f"+1 415 {rng.randrange(200, 999)} {rng.randrange(1000, 9999)}", rng.choice(SOURCES),
                          rng.choice(STATUSES), rng.choice(["Hot", "Warm", "Cold"]), "Technology", "Springfield",
                          "CA", "USA", rng.choice(OWNERS), created.strftime("%m/%d/%Y %I:%M %p")])
    campaigns_path = folder / "campaigns.csv"
    n_campaigns = max(20, leads // 500)
    with campaigns_path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Campaign ID", "Campaign Name", "Type", "Status", "Start Date", "End Date", "Budgeted Cost",
                      "Actual Cost"])
        for c in range(n_campaigns):
            out.writerow([f"701C{c:06d}", f"Campaign {c}", rng.choice(["Webinar", "Email", "Trade Show"]),
                          "Completed", "01/05/2026", "12/31/2026", "10000.00", f"{rng.randrange(1000, 20000)}.00"])
    members_path = folder / "members.csv"
    with members_path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Campaign ID", "Lead ID", "Member Status", "First Responded Date", "Created Date"])
        for t in range(touches):
            lead = rng.randrange(leads)
            when = start + timedelta(minutes=t % (300 * 24 * 60))
            out.writerow([f"701C{rng.randrange(n_campaigns):06d}", f"00Q{lead:09d}",
                          rng.choice(["Sent", "Opened", "Responded", "Attended"]), "",
                          when.strftime("%m/%d/%Y %I:%M %p")])
    return leads_path, campaigns_path, members_path


def timed_import(store, path: Path, *, columnar: bool = True) -> tuple[float, object]:
    started = time.perf_counter()
    report = import_files(store, [path], ImportOptions(columnar=columnar))  # otherwise `graphcrm import`'s defaults
    return time.perf_counter() - started, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--touches", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="write files and database here instead of a temp folder")
    parser.add_argument("--row-path", action="store_true",
                        help="leads through prepare() row by row instead of the columnar path")
    args = parser.parse_args(argv)
    print(f"load average at start {os.getloadavg()[0]:.1f} (2 cores shared: figures vary with it)")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="graphcrm-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    leads_path, campaigns_path, members_path = write_files(folder, args.leads, args.touches)
    print(f"wrote CSV files in {time.perf_counter() - started:.1f} s "
          f"({leads_path.stat().st_size / 1e6:.0f} MB leads, {members_path.stat().st_size / 1e6:.0f} MB touchpoints)")
    store = open_store(str(folder / "bench.lbug"))
    store.setup_schema()
    print(f"{'file':<16}{'rows':>12}{'seconds':>10}{'rows/s':>12}  created")
    results = {}
    for name, path in (("leads", leads_path), ("campaigns", campaigns_path), ("touchpoints", members_path),
                       ("leads again", leads_path)):
        seconds, report = timed_import(store, path, columnar=not args.row_path)
        results[name] = (report.rows, seconds)
        created = ", ".join(f"{k} {v:,}" for k, v in sorted(report.created.items()) if v) or \
            f"nothing (unchanged {report.unchanged:,})"
        print(f"{name:<16}{report.rows:>12,}{seconds:>10.1f}{report.rows / seconds:>12,.0f}  {created}", flush=True)
        if report.rejected:
            print(f"  rejected {report.rejected:,}: {report.rejects[0].reason}", file=sys.stderr)
    store.close()
    print(f"peak RSS {peak_rss_mb():,.0f} MB; database {(folder / 'bench.lbug').stat().st_size / 1e6:,.0f} MB; "
          f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
