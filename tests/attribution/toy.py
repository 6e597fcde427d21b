"""Toy journeys for attribution tests: written as channel paths, built by the real ``journeys.build``."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

from graphcrm.attribution.journeys import Journeys, build

DAY0 = datetime(2026, 1, 1)


def day(n: float) -> datetime:
    return DAY0 + timedelta(days=n)


def journeys(paths: list[dict], *, by: str = "campaign", costs: dict[str, float] | None = None) -> Journeys:
    """``paths``: dicts with ``touches`` [(channel, day)], optional ``created`` (day, default 0),
    ``converted`` (day or None), ``revenue`` (won amount; 0 = lost) and ``after`` (touches after conversion).

    Each channel is one campaign (external id = channel name) on a source of the same name.
    """
    touches, leads, conversions = [], [], []
    channels: dict[str, None] = {}
    for i, p in enumerate(paths):
        lead = f"lead-{i}"
        leads.append({"lead": lead, "created_at": day(p.get("created", 0)), "status": "new", "source": None})
        for channel, when in p.get("touches", []):
            channels[channel] = None
            touches.append({"lead": lead, "campaign": f"k-{channel}", "at": day(when)})
        if p.get("converted") is not None:
            revenue = p.get("revenue", 0.0)
            conversions.append({"lead": lead, "at": day(p["converted"]), "amount": revenue or 123.0,
                                "won": bool(revenue)})
    for c in (costs or {}):
        channels[c] = None
    campaigns = pd.DataFrame([{"campaign": f"k-{c}", "external_id": c, "name": f"Campaign {c}",
                               "cost": (costs or {}).get(c, 0.0), "start_date": None, "end_date": None,
                               "source": c} for c in channels],
                             columns=["campaign", "external_id", "name", "cost", "start_date", "end_date", "source"])
    return build(pd.DataFrame(touches, columns=["lead", "campaign", "at"]),
                 pd.DataFrame(leads, columns=["lead", "created_at", "status", "source"]),
                 pd.DataFrame(conversions, columns=["lead", "at", "amount", "won"]), campaigns, by=by)


def by_key(j: Journeys, values) -> dict[str, float]:
    """Channel key -> value, leaving out zeros."""
    return {str(k): round(float(v), 9) for k, v in zip(j.channels.keys, values, strict=True) if abs(v) > 1e-12}


def t(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour)


def load_toy_graph(store) -> None:
    """Three leads: L1 touched by K1 (Web) then K2 (=Evil, Email), converted and won 1000, then
    touched again; L2 touched by K2, never converted; L3 no touch, converted and lost."""
    store.bulk_create_nodes("Source", pd.DataFrame({"id": ["s-web", "s-mail"], "name": ["Web", "Email"]}))
    store.bulk_create_nodes("Campaign", pd.DataFrame({
        "id": ["k1", "k2"], "external_id": ["K1", "K2"], "name": ["Spring <script>web", "=HYPERLINK(\"x\")"],
        "actual_cost": [100.0, 300.0], "start_date": [date(2026, 3, 1), date(2026, 3, 1)],
        "end_date": [date(2026, 3, 31), date(2026, 3, 31)]}))
    store.bulk_create_rels("ON_CHANNEL", "Campaign", "Source",
                           pd.DataFrame({"from": ["k1", "k2"], "to": ["s-web", "s-mail"]}))
    store.bulk_create_nodes("Lead", pd.DataFrame({
        "id": ["L1", "L2", "L3"], "status": ["converted", "working", "converted"],
        "created_at": [t(1), t(2), t(20)]}))
    store.bulk_create_rels("FROM_SOURCE", "Lead", "Source",
                           pd.DataFrame({"from": ["L1", "L2", "L3"], "to": ["s-web", "s-mail", "s-web"]}))
    store.bulk_create_rels("TOUCHED_BY", "Lead", "Campaign", pd.DataFrame({
        "from": ["L1", "L1", "L1", "L2"], "to": ["k1", "k2", "k2", "k2"],
        "key": ["a", "b", "c", "d"], "at": [t(1, 8), t(5), t(25), t(3)], "kind": ["clicked"] * 4}))
    store.bulk_create_nodes("Opportunity", pd.DataFrame({
        "id": ["o1", "o3"], "amount": [1000.0, 500.0], "won": [True, False], "created_at": [t(10), t(21)]}))
    store.bulk_create_rels("CONVERTED_TO", "Lead", "Opportunity",
                           pd.DataFrame({"from": ["L1", "L3"], "to": ["o1", "o3"], "at": [t(10), None]}))
    store.bulk_create_nodes("Rep", pd.DataFrame({"id": ["r1"], "name": ["Ann"]}))
    store.bulk_create_rels("OWNS", "Rep", "Lead", pd.DataFrame({"from": ["r1"], "to": ["L1"], "since": [t(1)]}))
