"""Lead-management rules as pure functions: table-driven, no database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from graphcrm.manage.assignment import RepLoad, Rule, check_rule, decide, first_match, parse_assignment, plan, weighted_pick
from graphcrm.manage.config import ConfigError, default_text
from graphcrm.manage.followups import plan_day
from graphcrm.manage.pool import claim_refusal, is_neglected, neglected_frame
from graphcrm.manage.scoring import explain, parse_scoring
from graphcrm.manage.settings import Settings, parse_settings
from graphcrm.manage.status import TransitionError, allowed_next, check_transition

NOW = datetime(2026, 11, 2, 9, 0)


@pytest.mark.parametrize(("current", "target", "ok"), [
    ("new", "working", True), ("new", "qualified", True), ("new", "disqualified", True),
    ("working", "qualified", True), ("working", "new", True), ("qualified", "working", True),
    ("qualified", "disqualified", True), ("disqualified", "working", True), (None, "working", True),
    ("new", "new", False), ("qualified", "new", False), ("disqualified", "qualified", False),
    ("converted", "working", False), ("qualified", "converted", False), ("new", "won", False),
])
def test_status_transitions(current, target, ok):
    if ok:
        check_transition(current, target)
    else:
        with pytest.raises(TransitionError):
            check_transition(current, target)


def test_allowed_next_in_canonical_order():
    assert allowed_next("new") == ["working", "qualified", "disqualified"]
    assert allowed_next("converted") == []


SCORING = """
[ratings]
hot = 50
warm = 20
[[fields]]
field = "title"
contains = ["Director", "总监"]
points = 20
[[fields]]
field = "industry"
equals = ["software"]
points = 10
[[fields]]
field = "employees"
at_least = 1000
points = 15
[touches]
points = 16
half_life_days = 10
responded = 8
max = 30
min_points = 2
[engagement]
per_activity = 5
max = 10
[[inactivity]]
days = 30
points = -10
[[inactivity]]
days = 90
points = -25
"""


@pytest.mark.parametrize(("lead", "touches", "activities", "score", "rating", "lines"), [
    ({"title": "Sales Director", "created_at": NOW}, [], 0, 20, "warm", ["+20 title contains Director"]),
    ({"title": "Directorate assistant", "created_at": NOW}, [], 0, 0, "cold", []),  # whole words only
    ({"title": "销售总监", "industry": "Software", "employees": 5000, "last_activity_at": NOW - timedelta(days=1)},
     [], 0, 45, "warm", ["+20 title contains 总监", "+10 industry is software", "+15 employees at least 1000"]),
    ({"title": "Engineer", "created_at": NOW}, [{"campaign": "Webinar", "at": NOW - timedelta(days=3)}], 0,
     13, "cold", ["+13 touched by Webinar 3 days ago"]),
    ({"created_at": NOW}, [{"campaign": "Expo", "at": NOW - timedelta(days=10), "responded": True}], 0,
     12, "cold", ["+12 responded to Expo 10 days ago"]),
    ({"created_at": NOW}, [{"campaign": "Old", "at": NOW - timedelta(days=60)}], 0, 0, "cold", []),
    ({"created_at": NOW}, [{"campaign": c, "at": NOW} for c in "ABC"], 0, 30, "warm",
     ["+16 touched by A 0 days ago", "+16 touched by B 0 days ago", "+16 touched by C 0 days ago",
      "-18 touch points above the cap of 30"]),
    ({"created_at": NOW - timedelta(days=5)}, [], 3, 10, "cold", ["+10 3 follow-ups logged"]),
    ({"title": "Director", "industry": "software", "last_activity_at": NOW - timedelta(days=45)}, [], 1, 25, "warm",
     ["+20 title contains Director", "+10 industry is software", "+5 1 follow-ups logged", "-10 no activity for 45 days"]),
    ({"created_at": NOW - timedelta(days=100)}, [], 0, 0, "cold", ["-25 no activity for 100 days"]),
    ({"title": "Director", "employees": 2000, "industry": "Software", "created_at": NOW},
     [{"campaign": "W", "at": NOW, "responded": True}], 2, 79, "hot", None),
])
def test_scores_explain_themselves(lead, touches, activities, score, rating, lines):
    cfg = parse_scoring(SCORING)
    result = explain(lead, touches, activities, cfg, NOW)
    assert (result.score, result.rating) == (score, rating)
    if lines is not None:
        assert result.lines() == lines
    assert sum(r.points for r in result.reasons) == pytest.approx(score) or score in (0, 100)


@pytest.mark.parametrize(("text", "message"), [
    ("[ratings]\nhot = 10\nwarm = 20", "warm must not be above hot"),
    ("[[fields]]\nfield = 'salary'\nequals = ['x']\npoints = 1", "field must be one of"),
    ("[[fields]]\nfield = 'title'\npoints = 1", "exactly one of"),
    ("[[fields]]\nfield = 'title'\nat_least = 3\npoints = 1", "at_least works on"),
    ("[touches]\nhalf_life_days = 0", "half_life_days must be above 0"),
    ("[touches]\npoints = 'many'", "points must be a number"),
    ("not toml = = =", "not valid TOML"),
])
def test_bad_scoring_configs_say_what_is_wrong(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_scoring(text)


def test_shipped_defaults_parse():
    assert parse_scoring(default_text("scoring")).fields
    assert len(parse_assignment(default_text("assignment"))) >= 3
    assert parse_settings(default_text("assignment")) == Settings(30, 7, 7, 2)


RULES = parse_assignment("""
[[rules]]
name = "VIP to Rita"
min_score = 80
rep = "rep-rita"
[[rules]]
name = "China"
region = ["CN-East", "CN-North"]
team = "China"
[[rules]]
name = "Big West"
region = ["US-West"]
min_employees = 500
team = "West"
[[rules]]
name = "Web leads"
source = ["Web"]
max_employees = 100
team = "West"
weights = {"rep-walt" = 3, "rep-rita" = 1}
""")


def reps(**over) -> dict[str, RepLoad]:
    base = {
        "rep-rita": RepLoad("rep-rita", "Rita", "West", True, 10, 0),
        "rep-walt": RepLoad("rep-walt", "Walt", "West", True, 10, 0),
        "rep-li": RepLoad("rep-li", "Li", "China", True, 10, 0),
    }
    return base | over


@pytest.mark.parametrize(("lead", "rule", "rep"), [
    ({"id": "a", "score": 90, "region": "CN-East"}, "VIP to Rita", "rep-rita"),
    ({"id": "b", "score": 10, "region": "cn-east"}, "China", "rep-li"),
    ({"id": "c", "region": "US-West", "employees": 800}, "Big West", None),
    ({"id": "d", "region": "US-West", "employees": 80, "source": "Web"}, "Web leads", None),
    ({"id": "e", "region": "US-East", "employees": 80, "source": "Web"}, "Web leads", None),
    ({"id": "f", "region": "US-East", "employees": 800}, None, None),
    ({"id": "g", "region": None, "score": None}, None, None),
])
def test_first_matching_rule_wins(lead, rule, rep):
    found, trace = first_match(RULES, lead)
    assert (found.name if found else None) == rule
    assert trace[-1].matched == (rule is not None)
    assert all(not t.matched for t in trace[:-1])
    decision = decide(lead, RULES, reps(), {})
    assert decision.rule == rule
    if rep:
        assert decision.rep_id == rep
    if rule is None:
        assert decision.to_pool and decision.why == "no_rule"


def test_simulator_trace_says_why_a_rule_did_not_fire():
    trace = check_rule(RULES[2], {"region": "US-West", "employees": 100})
    assert not trace.matched
    assert [(c.condition, c.expected, c.actual, c.ok) for c in trace.checks] == [
        ("region", ("US-West",), "US-West", True), ("min_employees", 500.0, 100, False)]


@pytest.mark.parametrize(("text", "message"), [
    ("[[rules]]\nteam = 'x'", "needs a name"),
    ("[[rules]]\nname = 'a'", "either rep or team"),
    ("[[rules]]\nname = 'a'\nrep = 'r'\nteam = 't'", "either rep or team"),
    ("[[rules]]\nname = 'a'\nteam = 't'\ncolour = 'red'", "unknown key 'colour'"),
    ("[[rules]]\nname = 'a'\nteam = 't'\nregion = 3", "region must be a list"),
    ("[[rules]]\nname = 'a'\nteam = 't'\nmin_score = 'x'", "min_score must be a number"),
])
def test_bad_rules_say_what_is_wrong(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_assignment(text)


def test_weighted_round_robin_is_fair_and_smooth():
    team = [RepLoad("a", "A", "T", True, 100, 0), RepLoad("b", "B", "T", True, 100, 0), RepLoad("c", "C", "T", True, 100, 0)]
    state: dict[str, float] = {}
    picks = [weighted_pick(team, {"a": 3, "b": 2, "c": 1}, state) for _ in range(60)]
    assert (picks.count("a"), picks.count("b"), picks.count("c")) == (30, 20, 10)
    assert picks[:6].count("a") == 3 and picks[:6].count("c") == 1  # smooth: every 6 picks hold the ratio
    # default weights are the capacities
    state = {}
    picks = [weighted_pick(team[:2], {}, state) for _ in range(10)]
    assert picks.count("a") == picks.count("b") == 5


def test_round_robin_respects_capacity_and_availability():
    loads = {
        "a": RepLoad("a", "A", "T", True, 10, 8),   # 2 free
        "b": RepLoad("b", "B", "T", True, 10, 0),
        "c": RepLoad("c", "C", "T", False, 10, 0),  # inactive: never chosen
        "d": RepLoad("d", "D", "T", True, 4, 4),    # full
    }
    rules = (Rule("all", team="T", weights={"a": 1, "b": 1}),)
    decisions = plan([{"id": str(i)} for i in range(14)], rules, loads, {})
    got = [d.rep_id for d in decisions]
    assert got.count("a") == 2 and got.count("b") == 10 and got.count("c") == got.count("d") == 0
    assert got[-2:] == [None, None] and decisions[-1].why == "team_full"
    assert dict(decisions[-1].skipped) == {"a": "full", "b": "full", "c": "inactive", "d": "full"}
    # a rule naming an inactive rep sends the lead to the pool
    one = decide({"id": "x"}, (Rule("c only", rep="c"),), loads, {})
    assert one.to_pool and one.why == "rep_unavailable" and one.skipped == (("c", "inactive"),)


@pytest.mark.parametrize(("lead", "rep", "now", "code"), [
    ({"pool_since": None, "status": "new"}, "r1", NOW, "not_in_pool"),
    ({"pool_since": NOW, "status": "converted"}, "r1", NOW, "closed"),
    ({"pool_since": NOW, "status": "new", "released_by": "r1", "released_at": NOW}, "r1", NOW + timedelta(days=6), "cooldown"),
    ({"pool_since": NOW, "status": "new", "released_by": "r1", "released_at": NOW}, "r1", NOW + timedelta(days=7), None),
    ({"pool_since": NOW, "status": "new", "released_by": "r1", "released_at": NOW}, "r2", NOW, None),
    ({"pool_since": NOW, "status": "working", "released_by": None, "released_at": None}, "r1", NOW, None),
])
def test_claim_rules(lead, rep, now, code):
    refusal = claim_refusal(lead, rep, now, 7)
    assert (refusal.code if refusal else None) == code
    if code == "cooldown":
        assert refusal.until == NOW + timedelta(days=7)


NEGLECT_CASES = [
    ({"status": "working", "last_activity_at": NOW - timedelta(days=31), "owner_since": NOW - timedelta(days=90)}, True),
    ({"status": "working", "last_activity_at": NOW - timedelta(days=29), "owner_since": NOW - timedelta(days=90)}, False),
    ({"status": "new", "last_activity_at": None, "owner_since": NOW - timedelta(days=30)}, True),
    ({"status": "new", "last_activity_at": NOW - timedelta(days=200), "owner_since": NOW - timedelta(days=2)}, False),
    ({"status": "disqualified", "last_activity_at": None, "owner_since": NOW - timedelta(days=300)}, False),
    ({"status": "new", "last_activity_at": None, "owner_since": None}, False),
]


@pytest.mark.parametrize(("lead", "neglected"), NEGLECT_CASES)
def test_neglect(lead, neglected):
    assert is_neglected(lead, NOW, 30) is neglected


def test_neglect_in_bulk_agrees():
    frame = pd.DataFrame([{**lead, "id": f"l{i}", "owner_id": f"r{i}"} for i, (lead, _) in enumerate(NEGLECT_CASES)])
    expected = [(f"l{i}", f"r{i}") for i, (_, yes) in enumerate(NEGLECT_CASES) if yes]
    assert neglected_frame(frame, NOW, 30) == expected
    assert neglected_frame(frame.iloc[0:0], NOW, 30) == []


def test_plan_day_sorts_leads_into_lists():
    settings = Settings(hot_untouched_days=7, new_assignment_days=2)
    leads = [
        {"id": "late", "next_followup_at": NOW - timedelta(hours=1), "owner_since": NOW - timedelta(days=9)},
        {"id": "later", "next_followup_at": NOW - timedelta(days=3), "owner_since": NOW - timedelta(days=9)},
        {"id": "today", "next_followup_at": NOW + timedelta(hours=5), "owner_since": NOW - timedelta(days=9)},
        {"id": "tomorrow", "next_followup_at": NOW + timedelta(hours=16), "owner_since": NOW - timedelta(days=9)},
        {"id": "hot", "rating": "hot", "score": 80, "last_activity_at": NOW - timedelta(days=8),
         "owner_since": NOW - timedelta(days=9)},
        {"id": "hot-worked", "rating": "hot", "last_activity_at": NOW - timedelta(days=1), "owner_since": NOW - timedelta(days=9)},
        {"id": "fresh", "owner_since": NOW - timedelta(days=1)},
        {"id": "fresh-worked", "owner_since": NOW - timedelta(days=1), "last_activity_at": NOW - timedelta(hours=2)},
    ]
    day = plan_day(leads, NOW, settings)
    assert [r["id"] for r in day.overdue] == ["later", "late"]
    assert [r["id"] for r in day.due_today] == ["today"]
    assert [r["id"] for r in day.hot_untouched] == ["hot"]
    assert [r["id"] for r in day.new_assignments] == ["fresh"]
