"""The lead funnel: how many leads reached each stage, and the rates between stages, per group."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from graphcrm.attribution.journeys import NO_TOUCH, NO_TOUCH_NAME, UNKNOWN_SOURCE, _positions, build
from graphcrm.store import Store

FunnelBy = Literal["source", "campaign", "rep", "period"]
FUNNEL_BY = ("source", "campaign", "rep", "period")
STAGES = ("lead", "working", "qualified", "opportunity", "won")
RATES = ("working_rate", "qualified_rate", "opportunity_rate", "won_rate", "lead_to_won")
UNASSIGNED = "(unassigned)"
# statuses at or past each stage (a disqualified lead was worked before it was let go)
_WORKED = {"working", "qualified", "converted", "disqualified"}
_QUALIFIED = {"qualified", "converted"}


def stages(leads: pd.DataFrame, conversions: pd.DataFrame) -> pd.DataFrame:
    """One row per lead with a boolean column per stage.

    lead: every lead; working: status past new; qualified: qualified or converted;
    opportunity: converted to an opportunity; won: one of its opportunities was won.
    A later stage implies the earlier ones.
    """
    leads = leads.drop_duplicates("lead").reset_index(drop=True)
    status = leads["status"].astype(object).fillna("new").astype(str).str.lower()
    pos = _positions(conversions["lead"], leads["lead"])
    mine = pos >= 0
    opportunity = np.zeros(len(leads), dtype=bool)
    opportunity[pos[mine]] = True
    won_flags = conversions["won"].to_numpy(dtype=object)[mine]
    won = np.zeros(len(leads), dtype=bool)
    won[pos[mine][np.asarray([w is True or w == True for w in won_flags], dtype=bool)]] = True  # noqa: E712
    qualified = status.isin(_QUALIFIED).to_numpy() | opportunity
    working = status.isin(_WORKED).to_numpy() | qualified
    return pd.DataFrame({"lead": leads["lead"].to_numpy(dtype=object), "lead_stage": True, "working": working,
                         "qualified": qualified, "opportunity": opportunity, "won": won})


def funnel(frames: dict[str, pd.DataFrame], by: FunnelBy = "source") -> pd.DataFrame:
    """Stage counts and conversion rates per group (``key``, ``name``), largest group first.

    Groups: the lead's source; the campaign of its first touch; its current owner; the month
    it was created (months in order). ``frames`` are ``journeys.fetch_frames`` results (plus ``owners`` for reps).
    """
    if by not in FUNNEL_BY:
        raise ValueError(f"by must be one of {', '.join(FUNNEL_BY)}, not {by!r}")
    leads = frames["leads"].drop_duplicates("lead").reset_index(drop=True)
    table = stages(leads, frames["conversions"])
    keys, names = _groups(frames, leads, by)
    table["key"], table["name"] = keys, names
    counts = (table.drop(columns="lead").rename(columns={"lead_stage": "lead"})
              .groupby(["key", "name"], sort=False)[list(STAGES)].sum().reset_index())
    if by == "period":
        counts = counts.sort_values("key", kind="stable").reset_index(drop=True)
    else:
        counts = counts.sort_values(["lead", "key"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return with_rates(counts)


def with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Add each stage's rate from the stage before it, and lead-to-won."""
    out = counts.copy()
    for rate, (before, after) in zip(RATES, [*zip(STAGES, STAGES[1:]), ("lead", "won")], strict=True):
        out[rate] = np.divide(out[after].astype(float), out[before].astype(float),
                              out=np.full(len(out), np.nan), where=out[before].to_numpy() > 0)
    return out


def totals(table: pd.DataFrame) -> dict[str, float]:
    """The whole funnel (every group added up), with its rates."""
    whole = pd.DataFrame([table[list(STAGES)].sum()]).assign(key="(all)", name="All leads")
    return with_rates(whole).iloc[0].to_dict()


def fetch_owners(store: Store) -> pd.DataFrame:
    """Lead -> current owner rep (id and name)."""
    return store.read_frame("attribution/owners").reindex(columns=["lead", "rep", "name"])


def _groups(frames: dict[str, pd.DataFrame], leads: pd.DataFrame, by: str) -> tuple[np.ndarray, np.ndarray]:
    n = len(leads)
    if by == "source":
        keys = leads["source"].astype(object).where(leads["source"].notna(), UNKNOWN_SOURCE).to_numpy(dtype=object)
        return keys, keys
    if by == "period":
        created = pd.to_datetime(leads["created_at"])
        keys = created.dt.strftime("%Y-%m").astype(object).where(created.notna(), "(unknown)").to_numpy(dtype=object)
        return keys, keys
    if by == "rep":
        owners = frames["owners"].drop_duplicates("lead")
        pos = _positions(owners["lead"], leads["lead"])
        keys = np.full(n, UNASSIGNED, dtype=object)
        names = np.full(n, UNASSIGNED, dtype=object)
        mine = pos >= 0
        keys[pos[mine]] = owners["rep"].to_numpy(dtype=object)[mine]
        names[pos[mine]] = owners["name"].astype(object).fillna(UNASSIGNED).to_numpy(dtype=object)[mine]
        return keys, names
    j = build(frames["touches"], leads, frames["conversions"], frames["campaigns"], by="campaign")
    first = j.t_channel[j.starts]
    keys = j.channels.keys[first].astype(object)
    names = j.channels.names[first].astype(object)
    names[keys == NO_TOUCH] = NO_TOUCH_NAME
    return keys, names
