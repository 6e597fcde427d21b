"""Lead actions against the real graph (every backend): status history, assignment, follow-ups, the pool."""

from __future__ import annotations

from datetime import timedelta

import pytest

from graphcrm.manage import assignment, followups, pool, status
from graphcrm.clock import FixedClock
from graphcrm.manage.config import save_text
from tests.manage import world
from tests.manage.world import T0


@pytest.fixture
def team(store):
    world.build(store)
    return store


def owners(store, lead_id):
    """(rep, since, until) of every ownership the lead ever had, oldest first."""
    rows = store.read("manage/ownership_history", id=lead_id)
    return [(r["rep_id"], r["since"], r["until"]) for r in rows]


def test_status_change_writes_history(team):
    clock = FixedClock(T0)
    status.change_status(team, "lead-cat", "working", by="rep-rita", reason="called", clock=clock)
    clock.advance(hours=2)
    status.change_status(team, "lead-cat", "qualified", by="rep-rita", clock=clock)
    with pytest.raises(status.TransitionError):
        status.change_status(team, "lead-cat", "new", by="rep-rita", clock=clock)
    with pytest.raises(status.LeadNotFound):
        status.change_status(team, "lead-nobody", "working", by=None, clock=clock)
    assert status.lead_row(team, "lead-cat")["status"] == "qualified"
    assert [(h.from_status, h.to_status, h.by, h.at, h.reason) for h in status.history(team, "lead-cat")] == [
        ("working", "qualified", "rep-rita", T0 + timedelta(hours=2), None),
        ("new", "working", "rep-rita", T0, "called"),
    ]


def test_refused_change_writes_nothing(team):
    before = team.counts().as_dict()
    with pytest.raises(status.TransitionError):
        status.change_status(team, "lead-bob", "new", by="rep-rita", clock=FixedClock(T0))
    assert team.counts().as_dict() == before


def test_reassign_keeps_ownership_history(team):
    clock = FixedClock(T0)
    assignment.assign(team, "lead-ann", "rep-walt", clock=clock)
    history = owners(team, "lead-ann")
    assert history == [("rep-rita", T0 - timedelta(days=10), T0), ("rep-walt", T0, None)]
    assert status.lead_row(team, "lead-ann")["owner_id"] == "rep-walt"
    with pytest.raises(assignment.AssignmentError):
        assignment.assign(team, "lead-ann", "rep-nobody", clock=clock)


def test_assignment_run_applies_rules_and_round_robin(team):
    save_text(team, "assignment", """
[[rules]]
name = "China"
region = ["CN-East"]
rep = "rep-sam"
[[rules]]
name = "West"
region = ["US-West"]
team = "West"
""", T0)
    simulated = assignment.simulate(team, "lead-eve")
    assert (simulated.rule, simulated.rep_id) == ("China", "rep-sam")
    assert owners(team, "lead-eve") == []  # the simulator assigns nothing
    dry = assignment.run_assignment(team, dry_run=True, clock=FixedClock(T0))
    assert {d.lead_id: d.rep_id for d in dry} == {"lead-cat": "rep-walt", "lead-eve": "rep-sam"}
    assert owners(team, "lead-cat") == []
    decisions = assignment.run_assignment(team, clock=FixedClock(T0))
    # Rita has 2 of 3 open leads, Walt 0 of 5: weights are capacities, Walt goes first
    assert {d.lead_id: (d.rule, d.rep_id) for d in decisions} == {
        "lead-cat": ("West", "rep-walt"), "lead-eve": ("China", "rep-sam")}
    assert owners(team, "lead-cat") == [("rep-walt", T0, None)]
    assert assignment.run_assignment(team, clock=FixedClock(T0)) == []  # nothing left unassigned
    loads = assignment.load_reps(team)
    assert (loads["rep-sam"].open_leads, loads["rep-walt"].open_leads) == (2, 1)


def test_unmatched_leads_go_to_the_pool(team):
    save_text(team, "assignment", "[[rules]]\nname = 'none'\nregion = ['Mars']\nteam = 'West'\n", T0)
    decisions = assignment.run_assignment(team, clock=FixedClock(T0))
    assert {d.lead_id for d in decisions if d.to_pool} == {"lead-cat", "lead-eve"}
    assert {r["id"] for r in pool.pool_leads(team)} == {"lead-cat", "lead-eve"}


def test_log_followup_updates_lead_and_my_day(team):
    clock = FixedClock(T0)
    activity = followups.log_followup(team, "lead-dan", "rep-sam", type="call", outcome="Connected",
                                      note="wants a demo", next_at=T0 + timedelta(hours=3), clock=clock)
    lead = status.lead_row(team, "lead-dan")
    assert (lead["status"], lead["last_activity_at"], lead["next_followup_at"]) == ("working", T0, T0 + timedelta(hours=3))
    assert status.history(team, "lead-dan")[0].reason == "follow-up logged"
    assert team.read("manage/lead_activities", id="lead-dan", limit=10)[0]["id"] == activity
    day = followups.my_day(team, "rep-sam", clock=clock)
    assert [r["id"] for r in day.due_today] == ["lead-dan"] and day.overdue == []
    clock.advance(hours=4)
    assert followups.mark_overdue(team, clock=clock) == (1, 0)
    assert [r["id"] for r in followups.my_day(team, "rep-sam", clock=clock).overdue] == ["lead-dan"]
    followups.log_followup(team, "lead-dan", "rep-sam", type="email", next_at=clock.now() + timedelta(days=2), clock=clock)
    assert followups.mark_overdue(team, clock=clock) == (0, 0)  # logging cleared the flag itself
    with pytest.raises(followups.FollowUpError):
        followups.log_followup(team, "lead-dan", "rep-sam", type="fax", clock=clock)
    with pytest.raises(followups.FollowUpError):
        followups.log_followup(team, "lead-dan", "rep-sam", type="call", next_at=T0, clock=clock)


def test_pool_release_claim_cooldown_and_recycle(team):
    clock = FixedClock(T0)
    pool.release(team, "lead-ann", clock=clock)
    assert status.lead_row(team, "lead-ann")["owner_id"] is None
    with pytest.raises(pool.PoolError) as refused:
        pool.claim(team, "lead-ann", "rep-rita", clock=clock)
    assert refused.value.code == "cooldown" and refused.value.until == T0 + timedelta(days=7)
    clock.advance(days=7)
    pool.claim(team, "lead-ann", "rep-rita", clock=clock)  # the cool-down is over
    assert owners(team, "lead-ann")[-1] == ("rep-rita", T0 + timedelta(days=7), None)
    with pytest.raises(pool.PoolError, match="not in the pool"):
        pool.claim(team, "lead-ann", "rep-walt", clock=clock)

    # another rep may claim at once; a full rep may not
    pool.release(team, "lead-bob", clock=clock)
    pool.release(team, "lead-dan", clock=clock)
    assignment.assign(team, "lead-cat", "rep-sam", clock=clock)
    assignment.assign(team, "lead-eve", "rep-sam", clock=clock)  # Sam: 2 of 2
    with pytest.raises(pool.PoolError) as full:
        pool.claim(team, "lead-bob", "rep-sam", clock=clock)
    assert full.value.code == "capacity"
    pool.claim(team, "lead-bob", "rep-walt", clock=clock)

    # 30 days without a follow-up: back to the pool, the owner recorded for the cool-down
    clock.advance(days=29)
    followups.log_followup(team, "lead-cat", "rep-sam", type="call", clock=clock)
    clock.advance(days=1, hours=1)
    recycled = pool.recycle(team, clock=clock)
    assert sorted(recycled.lead_ids) == ["lead-ann", "lead-bob", "lead-eve"]
    assert status.lead_row(team, "lead-eve")["released_by"] == "rep-sam"
    assert status.lead_row(team, "lead-cat")["owner_id"] == "rep-sam"
    with pytest.raises(pool.PoolError, match="taken from you"):
        pool.claim(team, "lead-eve", "rep-sam", clock=clock)
    pool.claim(team, "lead-eve", "rep-rita", clock=clock)
