"""Toy journeys for attribution tests: written as channel paths, built by the real ``journeys.build``."""

from __future__ import annotations

from datetime import datetime, timedelta

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
