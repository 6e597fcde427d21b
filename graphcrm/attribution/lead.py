"""One lead's journey: its touches in time, its milestones, and each touch's share under every rule model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from graphcrm.attribution.journeys import NO_TOUCH, build
from graphcrm.attribution.models import RULE_MODELS, weights
from graphcrm.store import Store


@dataclass
class LeadJourney:
    """A lead, its touches (``counted`` False for those after the conversion), milestones and shares."""

    lead: dict[str, Any]
    touches: pd.DataFrame  # at, kind, key, name, source, counted, and one share column per rule model
    created_at: pd.Timestamp | None
    converted_at: pd.Timestamp | None
    revenue: float
    opportunities: list[dict[str, Any]]


def lead_journey(store: Store, lead_id: str) -> LeadJourney | None:
    """The journey of ``lead_id`` (None when there is no such lead)."""
    rows = store.read("attribution/lead", id=lead_id)
    if not rows:
        return None
    lead = rows[0]
    touches = store.read_frame("attribution/lead_touches", id=lead_id).reindex(
        columns=["lead", "campaign", "external_id", "name", "cost", "start_date", "end_date", "source", "at", "kind"])
    conversions = store.read_frame("attribution/lead_conversions", id=lead_id).reindex(
        columns=["lead", "at", "amount", "won", "opportunity"])
    campaigns = touches.drop_duplicates("campaign")[
        ["campaign", "external_id", "name", "cost", "start_date", "end_date", "source"]].reset_index(drop=True)
    leads = pd.DataFrame({"lead": [lead["lead"]], "created_at": [lead["created_at"]], "status": [lead["status"]],
                          "source": [None]})
    j = build(touches[["lead", "campaign", "at"]], leads, conversions, campaigns, by="campaign")
    counted = pd.DataFrame({"key": j.channels.keys[j.t_channel], "at": pd.to_datetime(j.t_at)})
    for model in RULE_MODELS:
        counted[model] = weights(j, model) if j.converted[0] else np.zeros(len(counted))
    counted = counted[counted["key"] != NO_TOUCH]
    all_touches = touches.assign(
        key=touches["external_id"].where(touches["external_id"].notna(), touches["campaign"]),
        at=pd.to_datetime(touches["at"]),
        source=touches["source"].fillna("(unknown source)"),
    )[["at", "kind", "key", "name", "source"]].sort_values(["at", "key"], kind="stable").reset_index(drop=True)
    converted_at = pd.Timestamp(j.converted_at[0]) if j.converted[0] else None
    if converted_at is None:
        all_touches["counted"] = True
    else:
        all_touches["counted"] = all_touches["at"] <= converted_at
    shares = counted.groupby(["at", "key"], sort=False)[list(RULE_MODELS)].sum().reset_index()
    merged = all_touches.merge(shares, on=["at", "key"], how="left")
    # a campaign touching twice at the same moment: each row keeps its own share
    repeats = merged.groupby(["at", "key"])["key"].transform("size")
    for model in RULE_MODELS:
        merged[model] = merged[model].fillna(0.0) / repeats
    created = pd.Timestamp(lead["created_at"]) if lead.get("created_at") is not None else None
    opportunities = conversions.drop(columns="lead").to_dict("records")
    return LeadJourney(lead, merged, created, converted_at, float(j.revenue[0]), opportunities)
