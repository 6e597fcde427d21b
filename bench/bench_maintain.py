"""Benchmark: `graphcrm maintain` (bulk rescoring, follow-ups, pool recycling) on demo data.

    python bench/bench_maintain.py [--db PATH] [--leads 100000]

Uses the demo database at ``--db`` (built with the demo generator first if the file does not
exist; default ``./bench-maintain.lbug``). The clock is the demo's reference day plus one, so
the figures do not depend on the date. Prints the time of each phase, the peak RSS, then the time
of one lead's explanation, of "my day" for the busiest rep, and of a whole assignment dry run.
Runs maintain twice: the second run writes only what changed (nothing).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from datetime import timedelta
from pathlib import Path

from graphcrm.demo.generate import REFERENCE
from graphcrm.demo.load import load_demo
from graphcrm.manage.assignment import load_reps, run_assignment
from graphcrm.manage.clock import FixedClock
from graphcrm.manage.followups import my_day
from graphcrm.manage.maintain import explain_lead, maintain
from graphcrm.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench-maintain.lbug")
    parser.add_argument("--leads", type=int, default=100_000)
    args = parser.parse_args()
    fresh = not Path(args.db).exists()
    store = open_store(args.db)
    store.setup_schema()
    if fresh:
        start = time.perf_counter()
        load_demo(store, leads=args.leads, seed=7)
        print(f"demo of {args.leads:,} leads loaded in {time.perf_counter() - start:.1f} s")
    clock = FixedClock(REFERENCE + timedelta(days=1))
    for run in (1, 2):
        report = maintain(store, clock=clock)
        r = report.rescored
        print(f"maintain run {run}: {report.seconds:.1f} s total; scoring {r.leads:,} leads: fetch {r.seconds['fetch']} s, "
              f"score {r.seconds['score']} s, write {r.seconds['write']} s ({r.changed:,} changed); "
              f"follow-up dates synced {report.followups_synced:,}; overdue flagged {report.overdue_flagged:,}; "
              f"recycled {len(report.recycled):,}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    lead_ids = [r["id"] for r in store.read("manage/leads_all", status="working")[:50]]
    times = []
    for lead_id in lead_ids:
        t0 = time.perf_counter()
        explain_lead(store, lead_id, clock=clock)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"explain one lead: median {statistics.median(times):.1f} ms over {len(times)} leads")
    busiest = max(load_reps(store).values(), key=lambda rep: rep.open_leads)
    t0 = time.perf_counter()
    day = my_day(store, busiest.id, clock=clock)
    print(f"my day for {busiest.name} ({busiest.open_leads:,} open leads): {(time.perf_counter() - t0) * 1000:.0f} ms "
          f"{day.counts()}")
    t0 = time.perf_counter()
    decisions = run_assignment(store, dry_run=True, clock=clock)
    print(f"assignment dry run over {len(decisions):,} unassigned leads: {time.perf_counter() - t0:.1f} s")
    store.close()


if __name__ == "__main__":
    main()
