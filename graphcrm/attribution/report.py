"""Attribution tables: any model's credits with cost, leads, cost per lead and ROI per channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from graphcrm.attribution.journeys import NO_TOUCH, Journeys
from graphcrm.attribution.markov import markov_credit
from graphcrm.attribution.models import DEFAULT_HALF_LIFE_DAYS, RULE_MODELS, Credits, rule_credit
from graphcrm.attribution.shapley import shapley_credit

MODELS = (*RULE_MODELS, "markov", "shapley")
MODEL_TITLES = {
    "first": "First touch", "last": "Last touch", "linear": "Linear", "position": "Position (U-shaped 40/20/40)",
    "w_shaped": "W-shaped (30/30/30 + 10)", "time_decay": "Time decay", "markov": "Markov chain (removal effect)",
    "shapley": "Shapley value",
}
COLUMNS = ("key", "name", "leads", "cost", "cost_per_lead", "conversions", "cost_per_conversion", "revenue", "roi")


def run_model(j: Journeys, model: str, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> Credits:
    """Credits of one model by name."""
    if model in RULE_MODELS:
        return rule_credit(j, model, half_life_days=half_life_days)
    if model == "markov":
        return markov_credit(j)
    if model == "shapley":
        return shapley_credit(j)
    raise ValueError(f"unknown model {model!r} (known: {', '.join(MODELS)})")


@dataclass
class Report:
    """One model's credits per channel, with the money columns."""

    model: str
    by: str
    total_conversions: float
    total_revenue: float
    table: pd.DataFrame  # COLUMNS (+ conversions_error, revenue_error for sampled models)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The shape ``graphcrm attribution --json`` prints."""
        credits = [
            {"key": r.key, "name": r.name, "conversions": _num(r.conversions), "revenue": _num(r.revenue),
             "cost": _num(r.cost), "roi": _num(r.roi)}
            for r in self.table.itertuples(index=False)
        ]
        return {"model": self.model, "by": self.by, "total_conversions": _num(self.total_conversions),
                "total_revenue": _num(self.total_revenue), "credits": credits}


def report(j: Journeys, model: str, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> Report:
    """The attribution table of ``model`` over ``j``, most credited channel first."""
    credits = run_model(j, model, half_life_days=half_life_days)
    table = money_table(j, credits)
    return Report(model, j.by, j.total_conversions, j.total_revenue, table, credits.note)


def money_table(j: Journeys, credits: Credits) -> pd.DataFrame:
    """Per channel: leads (first touch), cost, cost per lead, credited conversions and revenue, ROI."""
    k = len(j.channels)
    first = j.t_channel[j.starts] if len(j) else np.zeros(0, dtype=np.int64)
    leads = np.bincount(first, minlength=k)
    cost = j.channels.cost
    frame = pd.DataFrame({
        "key": j.channels.keys, "name": j.channels.names, "leads": leads, "cost": cost,
        "cost_per_lead": _ratio(cost, leads), "conversions": credits.conversions,
        "cost_per_conversion": _ratio(cost, credits.conversions), "revenue": credits.revenue,
        "roi": _ratio(credits.revenue - cost, cost),
    })
    if credits.error is not None:
        frame["conversions_error"], frame["revenue_error"] = credits.error
    # channels with nothing to show (no lead, no cost, no credit) are left out
    shown = (leads > 0) | (cost > 0) | (np.abs(credits.conversions) > 1e-12) | (np.abs(credits.revenue) > 1e-9)
    shown &= (j.channels.keys != NO_TOUCH) | (leads > 0)
    frame = frame[shown]
    return frame.sort_values(["conversions", "revenue", "key"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


def compare(j: Journeys, models: tuple[str, ...] = MODELS, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS
            ) -> pd.DataFrame:
    """Credited conversions per channel (rows) under each model (columns), plus each model's revenue."""
    out = pd.DataFrame({"key": j.channels.keys, "name": j.channels.names})
    for model in models:
        credits = run_model(j, model, half_life_days=half_life_days)
        out[model] = credits.conversions
        out[f"{model}_revenue"] = credits.revenue
    keep = np.abs(out[list(models)]).sum(axis=1) > 1e-12
    return out[keep].sort_values(models[0], ascending=False, kind="stable").reset_index(drop=True)


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.full(len(a), np.nan), where=b > 0)


def _num(value: Any) -> float | None:
    """A JSON number (6 decimals), None for NaN."""
    value = float(value)
    return None if np.isnan(value) else round(value, 6)
