"""Benchmark: generate and load the demo CRM into a fresh embedded database.

    python bench/bench_demo.py [--leads 100000] [--seed 7] [--keep]

Runs ``load_demo`` exactly as ``graphcrm demo`` does (generation and loading
interleaved, a slice of 20,000 leads at a time) and prints the wall time, the
rows per second of each phase (generation, then each node label and
relationship type), the touchpoint count, the process's peak RSS and the
database size. The database goes to a temporary directory, removed afterwards
unless ``--keep``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from graphcrm.demo.load import load_demo
from graphcrm.store import open_store


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    """Load the demo into a temporary database and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database and print its path")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="graphcrm-bench-demo-"))
    db = folder / "demo.lbug"
    try:
        started = time.perf_counter()
        store = open_store(str(db))
        store.setup_schema()
        report = load_demo(store, leads=args.leads, seed=args.seed)
        store.close()
        wall = time.perf_counter() - started
        rows = report.nodes + report.relationships
        print(f"graphcrm demo: {args.leads:,} leads, seed {args.seed}")
        print(f"wall time          {wall:9.1f} s   ({rows:,} nodes and relationships, {rows / wall:,.0f} rows/s)")
        print(f"touchpoints        {report.counts.get('TOUCHED_BY', 0):>11,}")
        print(f"planted duplicates {report.duplicates:>11,}")
        print(f"peak RSS           {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:9,.0f} MB")
        print(f"database size      {_size(db) / 1e6:9,.0f} MB")
        print()
        print(f"{'phase':<16}{'rows':>12}{'seconds':>10}{'rows/s':>12}")
        for phase, seconds in sorted(report.phases.items(), key=lambda kv: -kv[1]):
            n = rows if phase == "generate" else report.counts.get(phase)
            rate = f"{n / seconds:>12,.0f}" if n and seconds > 0 else f"{'':>12}"
            print(f"{phase:<16}{(n or 0):>12,}{seconds:>10.2f}{rate}")
        if args.keep:
            print(f"\ndatabase kept at {db}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
