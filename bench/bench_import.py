"""Benchmark: import 100,000 leads and 1,000,000 touchpoints from CSV into the embedded database.

    python bench/bench_import.py [--leads 100000] [--touches 1000000] [--keep DIR] [--row-path] [--floor]

Writes Salesforce-shaped CSV files (leads, campaigns, campaign members) to a
temporary folder, imports them with the same code as `graphcrm import`, and
prints rows/s per file and the peak memory (RSS) of the process. A second run
of the leads file measures the idempotent re-import (every row unchanged).

``--floor`` then measures what the database alone needs for the same data: the import runs
again into a scratch database with every bulk write (the Arrow tables given to ``COPY``) saved
to disk, and those writes are replayed, in the same order, into a fresh database with no
reading, normalising or lookups: only the ``COPY`` statements, grouped in the import's
transactions, and their commits.
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
from itertools import groupby
from datetime import datetime, timedelta
from pathlib import Path

from graphcrm.ingest import ImportOptions, import_files
from graphcrm.store import Store, open_store

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


class _Recorder:
    """Saves every bulk write a store is asked for, per input file, as Parquet (for ``--floor``)."""

    def __init__(self, store: Store, folder: Path) -> None:
        self.store, self.folder, self.file, self.count, self.commits = store, folder, "", 0, 0
        self._nodes, self._rels, self._commit = store.bulk_create_nodes, store.bulk_create_rels, store._commit
        store.bulk_create_nodes = self.nodes  # type: ignore[method-assign]
        store.bulk_create_rels = self.rels  # type: ignore[method-assign]
        store._commit = self.commit  # type: ignore[method-assign]

    def commit(self) -> None:
        self.commits += 1
        self._commit()

    def _save(self, frame, *names: str) -> None:
        self.count += 1
        target = self.folder / self.file / f"{self.count:05d}.{self.commits:05d}.{'.'.join(names)}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(target, index=False)

    def nodes(self, label: str, frame) -> int:
        if len(frame):
            self._save(frame, label)
        return self._nodes(label, frame)

    def rels(self, rel: str, from_label: str, to_label: str, frame) -> int:
        if len(frame):
            self._save(frame, rel, from_label, to_label)
        return self._rels(rel, from_label, to_label, frame)


def measure_floor(folder: Path, files: dict[str, Path], file_rows: dict[str, int]) -> None:
    """Replay the bulk writes of each file's import into a fresh database; print the time per file."""
    import pandas as pd

    recorded = folder / "floor-writes"
    scratch = open_store(str(folder / "floor-scratch.lbug"))
    scratch.setup_schema()
    recorder = _Recorder(scratch, recorded)
    for name, path in files.items():
        recorder.file = name
        import_files(scratch, [path], ImportOptions())
    scratch.close()
    fresh = open_store(str(folder / "floor.lbug"))
    fresh.setup_schema()
    print("database floor: the same COPY statements replayed into a fresh database, with the commit")
    print(f"{'file':<16}{'COPYs':>8}{'commits':>9}{'written':>12}{'seconds':>10}{'file rows/s':>12}")
    for name in files:
        writes = sorted((recorded / name).glob("*.parquet"))
        frames = [(w.name.split(".")[1], w.name.split(".")[2:-1], pd.read_parquet(w)) for w in writes]
        rows = sum(len(f) for _, _, f in frames)
        started = time.perf_counter()
        for _, group in groupby(frames, key=lambda write: write[0]):  # the import's transactions
            with fresh.transaction():
                for _, names, frame in group:
                    if len(names) == 1:
                        fresh.bulk_create_nodes(names[0], frame)
                    else:
                        fresh.bulk_create_rels(names[0], names[1], names[2], frame)
        seconds = time.perf_counter() - started
        commits = len({tx for tx, _, _ in frames})
        print(f"{name:<16}{len(frames):>8,}{commits:>9,}{rows:>12,}{seconds:>10.1f}{file_rows[name] / seconds:>12,.0f}",
              flush=True)
    fresh.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--touches", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="write files and database here instead of a temp folder")
    parser.add_argument("--floor", action="store_true",
                        help="also time the same COPY statements alone, replayed into a fresh database")
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
    print(f"{'file':<16}{'rows':>12}{'seconds':>10}{'rows/s':>12}{'peak MB':>10}  created")
    results = {}
    for name, path in (("leads", leads_path), ("campaigns", campaigns_path), ("touchpoints", members_path),
                       ("leads again", leads_path)):
        seconds, report = timed_import(store, path, columnar=not args.row_path)
        results[name] = (report.rows, seconds)
        created = ", ".join(f"{k} {v:,}" for k, v in sorted(report.created.items()) if v) or \
            f"nothing (unchanged {report.unchanged:,})"
        print(f"{name:<16}{report.rows:>12,}{seconds:>10.1f}{report.rows / seconds:>12,.0f}{peak_rss_mb():>10,.0f}"
              f"  {created}", flush=True)
        if report.rejected:
            print(f"  rejected {report.rejected:,}: {report.rejects[0].reason}", file=sys.stderr)
    store.close()
    rss = peak_rss_mb()
    if args.floor:
        measure_floor(folder, {"leads": leads_path, "campaigns": campaigns_path, "touchpoints": members_path},
                      {name: rows for name, (rows, _) in results.items()})
    print(f"peak RSS {rss:,.0f} MB (of the timed imports); database {(folder / 'bench.lbug').stat().st_size / 1e6:,.0f} MB; "
          f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
