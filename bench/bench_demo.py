"""Benchmark: generate and load the demo CRM into a fresh embedded database.

    python bench/bench_demo.py [--leads 100000] [--seed 7]

Prints generation and load time, rows/s and the process's peak memory (RSS).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from graphcrm.demo.generate import generate
from graphcrm.demo.load import load_demo
from graphcrm.store import open_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = generate(args.leads, args.seed)
    generated = time.perf_counter() - started
    rows = sum(data.counts().values())
    del data
    folder = Path(tempfile.mkdtemp(prefix="graphcrm-demo-bench-"))
    store = open_store(str(folder / "demo.lbug"))
    store.setup_schema()
    report = load_demo(store, leads=args.leads, seed=args.seed)
    store.close()
    total = report.seconds
    print(f"leads {args.leads:,}: {rows:,} nodes and relationships")
    print(f"generate only     {generated:8.1f} s")
    print(f"generate + load   {total:8.1f} s   {rows / total:,.0f} rows/s")
    print(f"touchpoints       {report.counts.get('TOUCHED_BY', 0):,}")
    print(f"peak RSS          {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print(f"database size     {(folder / 'demo.lbug').stat().st_size / 1e6:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
