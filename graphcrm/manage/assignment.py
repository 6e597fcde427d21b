"""Assignment rules: an ordered list, first match wins; teams share leads by weighted round robin.

Everything here is pure except ``assign``/``run_assignment``/``load_*``, which read and write the graph.
The round robin is the smooth weighted kind (as in nginx): over many leads each rep's share follows
its weight, without bursts, and a rep at capacity or inactive is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from graphcrm.clock import SYSTEM, Clock
from graphcrm.manage.config import ConfigError, number, parse_toml, stored_text, words
from graphcrm.manage.status import OPEN_STATUSES, lead_row
from graphcrm.store import Store

LIST_CONDITIONS = ("region", "industry", "source")
RANGE_CONDITIONS = (("min_score", "score", 1), ("max_score", "score", -1),
                    ("min_employees", "employees", 1), ("max_employees", "employees", -1))
RR_STATE_KEY = "assignment/round_robin"


@dataclass(frozen=True)
class Rule:
    """One assignment rule: conditions (all must hold) and a target rep or team."""

    name: str
    region: tuple[str, ...] | None = None
    industry: tuple[str, ...] | None = None
    source: tuple[str, ...] | None = None
    min_score: float | None = None
    max_score: float | None = None
    min_employees: float | None = None
    max_employees: float | None = None
    rep: str | None = None
    team: str | None = None
    weights: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RepLoad:
    """A rep as the round robin sees it."""

    id: str
    name: str
    team: str | None
    active: bool
    capacity: int | None
    open_leads: int

    @property
    def has_room(self) -> bool:
        return self.capacity is None or self.open_leads < self.capacity


@dataclass(frozen=True)
class Check:
    """One condition of a rule against one lead: what was asked, what the lead has, and the verdict."""

    condition: str
    expected: Any
    actual: Any
    ok: bool


@dataclass(frozen=True)
class RuleTrace:
    """How one rule fared against a lead."""

    name: str
    matched: bool
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Decision:
    """Where a lead goes and why: the rule that fired (or none), the rep (or the pool)."""

    lead_id: str
    rule: str | None
    rep_id: str | None
    why: str  # "rule_rep", "round_robin", "no_rule", "team_full", "rep_unavailable"
    trace: tuple[RuleTrace, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (rep id, "inactive" | "full") not considered

    @property
    def to_pool(self) -> bool:
        return self.rep_id is None


def parse_assignment(text: str) -> tuple[Rule, ...]:
    """Parse and check assignment rules (TOML ``[[rules]]``); ConfigError says what is wrong."""
    data = parse_toml(text)
    rules = []
    for i, item in enumerate(data.get("rules", []), 1):
        where = f"rules #{i}"
        if not isinstance(item.get("name"), str) or not item["name"].strip():
            raise ConfigError(f"{where}: every rule needs a name")
        known = {"name", "rep", "team", "weights", *LIST_CONDITIONS, *(c for c, _, _ in RANGE_CONDITIONS)}
        if unknown := sorted(set(item) - known):
            raise ConfigError(f"{where}: unknown key {unknown[0]!r}")
        if bool(item.get("rep")) == bool(item.get("team")):
            raise ConfigError(f"{where}: give either rep or team")
        weights = item.get("weights", {})
        if not isinstance(weights, dict):
            raise ConfigError(f"{where}: weights maps rep ids to numbers")
        rules.append(Rule(
            name=item["name"].strip(),
            **{c: words(item, c, where=where) for c in LIST_CONDITIONS},
            **{c: number(item, c, where=where) if c in item else None for c, _, _ in RANGE_CONDITIONS},
            rep=item.get("rep") or None, team=item.get("team") or None,
            weights={str(k): number(weights, k, where=f"{where} weights") for k in weights},
        ))
    return tuple(rules)


def check_rule(rule: Rule, lead: Mapping[str, Any]) -> RuleTrace:
    """Test every condition of ``rule`` on ``lead`` (keys region, industry, source, score, employees)."""
    checks = []
    for cond in LIST_CONDITIONS:
        wanted = getattr(rule, cond)
        if wanted is not None:
            actual = lead.get(cond)
            ok = actual is not None and str(actual).casefold() in {w.casefold() for w in wanted}
            checks.append(Check(cond, wanted, actual, ok))
    for cond, key, sign in RANGE_CONDITIONS:
        limit = getattr(rule, cond)
        if limit is not None:
            actual = lead.get(key)
            ok = actual is not None and (actual >= limit if sign > 0 else actual <= limit)
            checks.append(Check(cond, limit, actual, ok))
    return RuleTrace(rule.name, all(c.ok for c in checks), tuple(checks))


def first_match(rules: Iterable[Rule], lead: Mapping[str, Any]) -> tuple[Rule | None, tuple[RuleTrace, ...]]:
    """The first rule whose conditions all hold, and the traces of the rules tried up to it."""
    traces = []
    for rule in rules:
        trace = check_rule(rule, lead)
        traces.append(trace)
        if trace.matched:
            return rule, tuple(traces)
    return None, tuple(traces)


def weighted_pick(
    candidates: list[RepLoad], weights: Mapping[str, float], state: dict[str, float],
) -> str:
    """Smooth weighted round robin over ``candidates``; updates ``state`` (rep id → current weight).

    A rep's weight is ``weights[id]`` when given, else its capacity (else 1).
    """
    def weight(rep: RepLoad) -> float:
        w = weights.get(rep.id, rep.capacity if rep.capacity else 1)
        return max(float(w), 0.0)

    total = sum(weight(r) for r in candidates)
    for rep in candidates:
        state[rep.id] = state.get(rep.id, 0.0) + weight(rep)
    chosen = max(candidates, key=lambda r: (state[r.id], -candidates.index(r)))
    state[chosen.id] -= total
    return chosen.id


def decide(
    lead: Mapping[str, Any], rules: Iterable[Rule], reps: Mapping[str, RepLoad], state: dict[str, float],
) -> Decision:
    """Where ``lead`` goes: the first matching rule's rep, or a rep of its team by round robin, else the pool.

    Updates ``state`` (the round robin position) but not ``reps`` (the caller counts the new lead).
    """
    rule, trace = first_match(rules, lead)
    lead_id = str(lead.get("id"))
    if rule is None:
        return Decision(lead_id, None, None, "no_rule", trace)
    if rule.rep:
        rep = reps.get(rule.rep)
        if rep is None or not rep.active or not rep.has_room:
            why = "inactive" if rep is not None and not rep.active else "full"
            return Decision(lead_id, rule.name, None, "rep_unavailable", trace, ((rule.rep, why),))
        return Decision(lead_id, rule.name, rep.id, "rule_rep", trace)
    team = [r for r in reps.values() if r.team == rule.team]
    skipped = tuple((r.id, "inactive" if not r.active else "full") for r in team if not (r.active and r.has_room))
    candidates = [r for r in team if r.active and r.has_room]
    if not candidates:
        return Decision(lead_id, rule.name, None, "team_full", trace, skipped)
    key = f"team:{rule.team}"
    team_state = state.setdefault(key, {})
    chosen = weighted_pick(sorted(candidates, key=lambda r: r.id), rule.weights, team_state)
    return Decision(lead_id, rule.name, chosen, "round_robin", trace, skipped)


def plan(
    leads: Iterable[Mapping[str, Any]], rules: tuple[Rule, ...], reps: Mapping[str, RepLoad], state: dict,
) -> list[Decision]:
    """Decide for many leads in order, counting each assignment against the rep's capacity."""
    loads = dict(reps)
    decisions = []
    for lead in leads:
        decision = decide(lead, rules, loads, state)
        if decision.rep_id:
            rep = loads[decision.rep_id]
            loads[rep.id] = replace(rep, open_leads=rep.open_leads + 1)
        decisions.append(decision)
    return decisions


# -- the graph -------------------------------------------------------------------------------------


def load_rules(store: Store) -> tuple[Rule, ...]:
    """The assignment rules in force (stored edit, else the shipped default)."""
    return parse_assignment(stored_text(store, "assignment"))


def load_reps(store: Store) -> dict[str, RepLoad]:
    """Every rep with how many open leads it owns now."""
    return {
        r["id"]: RepLoad(r["id"], r["name"] or r["id"], r["team"], r["active"] is not False,
                         r["capacity"], int(r["open_leads"]))
        for r in store.read("manage/rep_loads", open=list(OPEN_STATUSES))
    }


def load_state(store: Store) -> dict:
    """The round robin position saved by the last assignment run."""
    rows = store.read("meta/get", id=RR_STATE_KEY)
    return json.loads(rows[0]["value"]) if rows and rows[0]["value"] else {}


def simulate(store: Store, lead_id: str) -> Decision:
    """Which rule fires for a lead and which rep would get it now — without assigning."""
    lead = assignment_view(store, lead_id)
    return decide(lead, load_rules(store), load_reps(store), load_state(store))


def assignment_view(store: Store, lead_id: str) -> dict[str, Any]:
    """The fields rules look at, for one lead."""
    lead = lead_row(store, lead_id)
    sources = store.read("manage/lead_source", id=lead_id)
    return {**lead, "source": sources[0]["source"] if sources else None}


def assign(
    store: Store, lead_id: str, rep_id: str, *, clock: Clock = SYSTEM, check_capacity: bool = False,
) -> None:
    """Give a lead to a rep now: the current ownership ends (``until``), a new one starts.

    One transaction. With ``check_capacity`` a rep at capacity or inactive is refused.
    """
    now = clock.now()
    with store.transaction():
        lead = lead_row(store, lead_id)
        reps = load_reps(store)
        if rep_id not in reps:
            raise AssignmentError(f"no rep {rep_id!r}")
        if check_capacity and (not reps[rep_id].active or not reps[rep_id].has_room):
            raise AssignmentError(f"{reps[rep_id].name} is inactive or at capacity")
        if lead["owner_id"] == rep_id:
            return
        _write_assignment(store, [{"to": lead_id, "from": rep_id}], now)


class AssignmentError(ValueError):
    """An assignment that cannot be made."""


def _write_assignment(store: Store, rows: list[dict[str, str]], now: datetime) -> None:
    store.write("manage/owner_close", rows=[{"to": r["to"]} for r in rows], now=now)
    store.write("manage/owner_open", rows=rows, now=now)


def unassigned(store: Store) -> list[dict[str, Any]]:
    """Open leads without a current owner that are not in the pool, oldest first."""
    return store.read("manage/unassigned_leads", open=list(OPEN_STATUSES))


def run_assignment(store: Store, *, dry_run: bool = False, clock: Clock = SYSTEM,
                   lead_ids: list[str] | None = None) -> list[Decision]:
    """Apply the rules to every unassigned lead (or only to ``lead_ids``); unmatched leads go to the pool.

    One transaction for the whole run (decisions, ownerships, pool entries and round robin position).
    """
    now = clock.now()
    with store.transaction():
        if lead_ids is None:
            leads = unassigned(store)
        else:
            found = {row["id"]: row for row in
                     store.read("manage/unassigned_leads_in", ids=list(lead_ids), open=list(OPEN_STATUSES))}
            leads = [found[lead_id] for lead_id in lead_ids if lead_id in found]  # in the order given
        state = load_state(store)
        decisions = plan(leads, load_rules(store), load_reps(store), state)
        if dry_run or not decisions:
            return decisions
        to_reps = [{"to": d.lead_id, "from": d.rep_id} for d in decisions if d.rep_id]
        to_pool = [{"to": d.lead_id, "by": None} for d in decisions if d.to_pool]
        for start in range(0, len(to_reps), 5000):
            store.write("manage/owner_open", rows=to_reps[start:start + 5000], now=now)
        for start in range(0, len(to_pool), 5000):
            store.write("manage/pool_enter", rows=to_pool[start:start + 5000], now=now)
        store.write("meta/set", id=RR_STATE_KEY, value=json.dumps(state, sort_keys=True), now=now)
    return decisions
