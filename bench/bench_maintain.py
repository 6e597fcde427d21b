"""Benchmark: `graphcrm maintain` (bulk rescoring, follow-ups, pool recycling) on demo data.

    python bench/bench_maintain.py [--db PATH] [--leads 100000]

Builds the demo database at ``--db`` if the file does not exist (default ``./bench-maintain.lbug``)
and works on a fresh copy of it, so every run starts from the same untouched demo. The clock is
the demo's reference day plus one, so the figures do not depend on the date. Runs maintain twice
(the second run writes only what changed: nothing) and prints each phase, the peak RSS, then the
time of one lead's explanation, "my day" for the busiest rep, an assignment dry run, and the
rep pages (my day, my leads, a lead page with its actions panel) through the Flask app.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from datetime import timedelta

from demo_copy import scratch_copy

from graphcrm.demo.generate import REFERENCE
from graphcrm.manage.assignment import load_reps, run_assignment
from graphcrm.clock import FixedClock
from graphcrm.manage.followups import my_day
from graphcrm.manage.maintain import explain_lead, maintain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench-maintain.lbug")
    parser.add_argument("--leads", type=int, default=100_000)
    args = parser.parse_args()
    with scratch_copy(args.db, args.leads, "bench-maintain") as store:
        run(store)


def run(store) -> None:
    """The measurements, on a copy of the demo."""
    clock = FixedClock(REFERENCE + timedelta(days=1))
    for attempt in (1, 2):
        report = maintain(store, clock=clock)
        r = report.rescored
        print(f"maintain run {attempt}: {report.seconds:.1f} s total {report.phases}; scoring {r.leads:,} leads: fetch {r.seconds['fetch']} s, "
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
    pages(store, busiest.id, lead_ids[:20])


def pages(store, rep_id: str, lead_ids: list[str]) -> None:
    """Median time of the rep pages through the Flask app (in process)."""
    from graphcrm.web import create_app

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench"}, store=store)
    client = app.test_client()
    client.post("/act-as", data={"rep_id": rep_id})
    for name, urls in [("my day", ["/my-day"] * 5), ("my leads", ["/my-leads", "/my-leads?sort=next_followup_at",
                       "/my-leads?rating=hot", "/my-leads?overdue=1", "/my-leads?page=3"]),
                       ("pool", ["/pool"] * 5), ("lead page with actions", [f"/leads/{i}" for i in lead_ids])]:
        times = []
        for url in urls:
            t0 = time.perf_counter()
            assert client.get(url).status_code == 200, url
            times.append((time.perf_counter() - t0) * 1000)
        print(f"{name}: median {statistics.median(times):.0f} ms over {len(times)} requests")


if __name__ == "__main__":
    main()
