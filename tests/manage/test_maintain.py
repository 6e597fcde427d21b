"""`maintain`: bulk rescoring agrees with the per-lead explanation; follow-ups and the pool on a known graph."""

from __future__ import annotations

from datetime import timedelta

import pytest

from graphcrm.demo.generate import REFERENCE
from graphcrm.demo.load import load_demo
from graphcrm.manage import followups, status
from graphcrm.clock import FixedClock
from graphcrm.manage.maintain import explain_lead, load_scoring, maintain, rescore
from tests.manage import world
from tests.manage.world import T0


@pytest.fixture
def demo(store):
    """The demo graph, on each backend (one test uses it: a module scope would only clash with the
    wipes of the Neo4j database between tests)."""
    load_demo(store, leads=400, seed=3)
    return store


def test_bulk_scores_equal_the_explained_ones(demo):
    clock = FixedClock(REFERENCE + timedelta(days=1))
    done = rescore(demo, clock=clock)
    assert done.leads >= 400 and done.changed > 0 and set(done.ratings) <= {"hot", "warm", "cold"}
    assert len(done.ratings) >= 2  # the demo spreads over more than one rating
    cfg = load_scoring(demo)
    stored = {r["id"]: (r["score"], r["rating"]) for r in demo.read("manage/score_leads")}
    explained_lines = 0
    for lead_id, (score, rating) in stored.items():
        explained = explain_lead(demo, lead_id, clock=clock, cfg=cfg)
        assert (explained.score, explained.rating) == (score, rating), lead_id
        explained_lines += len(explained.reasons)
    assert explained_lines > len(stored)  # most scores have reasons
    again = rescore(demo, clock=clock)
    assert again.changed == 0  # nothing to write the second time


def test_maintain_flags_overdue_and_recycles(store):
    world.build(store)
    clock = FixedClock(T0)
    followups.log_followup(store, "lead-ann", "rep-rita", type="call", next_at=T0 + timedelta(days=1), clock=clock)
    clock.advance(days=2)
    report = maintain(store, clock=clock)
    assert (report.overdue_flagged, report.overdue_cleared) == (1, 0)
    assert report.recycled == []  # ownerships started 12 days ago
    assert report.rescored.leads == 5
    assert status.lead_row(store, "lead-ann")["score"] == explain_lead(store, "lead-ann", clock=clock).score
    clock.advance(days=19)
    report = maintain(store, clock=clock)
    assert sorted(report.recycled) == ["lead-bob", "lead-dan"]  # Ann was called 21 days ago
    assert report.overdue_cleared == 0
    assert maintain(store, clock=clock, recycle=False).recycled == []


def test_maintenance_runs_on_a_schedule(store):
    import threading

    from graphcrm.manage.schedule import MaintenanceSchedule

    world.build(store)
    done = threading.Event()
    reports = []
    schedule = MaintenanceSchedule(store, 0.2, clock=FixedClock(T0 + timedelta(days=40)),
                                   on_report=lambda r: (reports.append(r), done.set()))
    schedule.start()
    try:
        assert done.wait(60)
    finally:
        schedule.stop()
    assert sorted(reports[0].recycled) == ["lead-ann", "lead-bob", "lead-dan"]
    with pytest.raises(ValueError):
        MaintenanceSchedule(store, 0)
