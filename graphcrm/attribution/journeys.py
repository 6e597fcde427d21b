"""Journeys: each lead's ordered campaign touches up to its conversion, fetched in columns.

Four named queries (touches, leads, conversions, campaigns) come back as DataFrames
(``Store.read_frame``) and are joined in numpy; nothing is built a row at a time.
A touch after the lead's conversion does not count; leads that never converted stay
in (the data-driven models need them). A lead with no touch before its outcome gets one
pseudo-touch of the channel ``NO_TOUCH`` at its creation, so that every conversion
has something to credit and every model's credits add up to the totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphcrm.store import Store

By = Literal["source", "campaign"]
NO_TOUCH = "(none)"
NO_TOUCH_NAME = "No touchpoint"
UNKNOWN_SOURCE = "(unknown source)"
_FAR = datetime(1900, 1, 1)


@dataclass
class Channels:
    """The things credit goes to: sources or campaigns, with their names and costs."""

    keys: np.ndarray  # str: source name, or campaign external_id (its id when it has none)
    names: np.ndarray  # str
    cost: np.ndarray  # float: actual cost of the campaigns (summed per source)
    source: np.ndarray | None = None  # str: each campaign's source (by campaign only)

    def __len__(self) -> int:
        return len(self.keys)


@dataclass
class Journeys:
    """Leads (one journey each) and their touches, sorted by (journey, time, channel key).

    ``t_*`` arrays are per touch; the others per journey. ``channel`` indexes ``channels``.
    """

    lead: np.ndarray  # str ids
    created_at: np.ndarray  # datetime64[us]
    converted: np.ndarray  # bool
    converted_at: np.ndarray  # datetime64[us], NaT when not converted
    revenue: np.ndarray  # float: amount of the won opportunities
    t_journey: np.ndarray  # int64
    t_channel: np.ndarray  # int64
    t_at: np.ndarray  # datetime64[us]
    channels: Channels
    by: str = "source"
    extra: dict[str, object] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lead)

    @property
    def total_conversions(self) -> float:
        return float(self.converted.sum())

    @property
    def total_revenue(self) -> float:
        return float(self.revenue.sum())

    @property
    def touch_counts(self) -> np.ndarray:
        """How many touches each journey has (at least one: the pseudo-touch)."""
        return np.bincount(self.t_journey, minlength=len(self))

    @property
    def starts(self) -> np.ndarray:
        """Index of each journey's first touch in the ``t_*`` arrays."""
        counts = self.touch_counts
        return np.cumsum(counts) - counts


def build(
    touches: pd.DataFrame,
    leads: pd.DataFrame,
    conversions: pd.DataFrame,
    campaigns: pd.DataFrame,
    *,
    by: By = "source",
) -> Journeys:
    """Journeys from the four query results (also the entry point for tests with toy frames).

    ``touches``: lead, campaign, at. ``leads``: lead, created_at. ``conversions``: lead, at,
    amount, won. ``campaigns``: campaign, external_id, name, cost, source.
    """
    if by not in ("source", "campaign"):
        raise ValueError(f"by must be 'source' or 'campaign', not {by!r}")
    leads = leads.drop_duplicates("lead").reset_index(drop=True)
    lead_ids = leads["lead"].to_numpy(dtype=object)
    created = _datetimes(leads["created_at"])
    n = len(lead_ids)

    # conversion: the first conversion time; revenue: every won opportunity's amount
    c_pos = _positions(conversions["lead"], leads["lead"])
    mine = c_pos >= 0
    c_pos = c_pos[mine]
    c_at = _datetimes(conversions["at"])[mine]
    won = conversions["won"].to_numpy(dtype=object)[mine]
    amount = pd.to_numeric(conversions["amount"], errors="coerce").to_numpy(dtype=float)[mine]
    won_amount = np.where(pd.isna(won) | ~np.asarray(won == True, dtype=bool), 0.0, np.nan_to_num(amount))  # noqa: E712
    converted = np.zeros(n, dtype=bool)
    converted[c_pos] = True
    converted_at = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    stamps = c_at.astype(np.int64)
    stamps = np.where(np.isnat(c_at), np.iinfo(np.int64).max, stamps)
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, c_pos, stamps)
    known = converted & (first != np.iinfo(np.int64).max)
    converted_at[known] = first[known].astype("datetime64[us]")
    revenue = np.bincount(c_pos, weights=won_amount, minlength=n).astype(float)

    channels, campaign_channel = _channels(campaigns, by)
    t_journey = _positions(touches["lead"], leads["lead"])
    t_camp = _positions(touches["campaign"], campaigns["campaign"])
    t_at = _datetimes(touches["at"])
    keep = (t_journey >= 0) & (t_camp >= 0) & ~np.isnat(t_at)
    t_journey, t_camp, t_at = t_journey[keep], t_camp[keep], t_at[keep]
    # touches after the conversion do not count (at the same moment they do)
    end = converted_at[t_journey]
    keep = np.isnat(end) | (t_at <= end)
    t_journey, t_at = t_journey[keep], t_at[keep]
    t_channel = campaign_channel[t_camp[keep]]

    # leads left without a touch get the pseudo-touch at their creation (or conversion)
    bare = np.flatnonzero(np.bincount(t_journey, minlength=n) == 0)
    none_code = len(channels)
    if bare.size:
        channels = Channels(np.append(channels.keys, NO_TOUCH), np.append(channels.names, NO_TOUCH_NAME),
                            np.append(channels.cost, 0.0),
                            None if channels.source is None else np.append(channels.source, NO_TOUCH))
        at = np.where(np.isnat(created[bare]), converted_at[bare], created[bare])
        t_journey = np.concatenate([t_journey, bare])
        t_channel = np.concatenate([t_channel, np.full(bare.size, none_code)])
        t_at = np.concatenate([t_at, at])
    # ties in time are ordered by channel key, so every order-dependent model is deterministic
    rank = np.empty(len(channels), dtype=np.int64)
    rank[np.argsort(channels.keys.astype(str), kind="stable")] = np.arange(len(channels))
    order = np.lexsort((rank[t_channel], t_at, t_journey))
    return Journeys(lead_ids, created, converted, converted_at, revenue, t_journey[order].astype(np.int64),
                    t_channel[order].astype(np.int64), t_at[order], channels, by)


def fetch(store: Store, *, by: By = "source", since: date | None = None, until: date | None = None) -> Journeys:
    """The journeys of the leads created in [since, until); campaign costs of that window."""
    frames = fetch_frames(store, since=since, until=until)
    return build(frames["touches"], frames["leads"], frames["conversions"], frames["campaigns"], by=by)


def in_window(campaigns: pd.DataFrame, since: date | None, until: date | None) -> pd.DataFrame:
    """Campaigns with the cost counted for [since, until): those running in the window keep their
    actual cost, the others count 0 (undated campaigns always count)."""
    if since is None and until is None:
        return campaigns
    start = pd.to_datetime(campaigns["start_date"])
    end = pd.to_datetime(campaigns["end_date"])
    running = pd.Series(True, index=campaigns.index)
    if until is not None:
        running &= start.isna() | (start < pd.Timestamp(_moment(until)))
    if since is not None:
        running &= end.isna() | (end >= pd.Timestamp(_moment(since)))
    return campaigns.assign(cost=campaigns["cost"].where(running.to_numpy(), 0.0))


def fetch_frames(store: Store, *, since: date | None = None, until: date | None = None,
                 touches: bool = True) -> dict[str, pd.DataFrame]:
    """The four query results as DataFrames (fetch once, build journeys by source and by campaign).

    Only leads created in [since, until) and their touches; campaigns not running in the
    window count no cost. ``touches=False`` skips the (large) touch query.
    """
    window = {"everything": since is None and until is None,
              "since": _moment(since) if since else _FAR,
              "until": _moment(until) if until else datetime(9999, 1, 1)}
    return {
        "touches": _columns(store.read_frame("attribution/touches", **window) if touches else pd.DataFrame(),
                            ["lead", "campaign", "at"]),
        "leads": _columns(store.read_frame("attribution/leads", **window), ["lead", "created_at", "status", "source"]),
        "conversions": _columns(store.read_frame("attribution/conversions"), ["lead", "at", "amount", "won"]),
        "campaigns": in_window(_columns(store.read_frame("attribution/campaigns"),
                                        ["campaign", "external_id", "name", "cost", "start_date", "end_date",
                                         "source"]), since, until),
    }


def _channels(campaigns: pd.DataFrame, by: By) -> tuple[Channels, np.ndarray]:
    """The channels and, for each campaign row, the index of its channel."""
    cost = campaigns["cost"].astype(float).fillna(0.0).to_numpy() if len(campaigns) else np.zeros(0)
    if by == "campaign":
        ext = campaigns["external_id"].astype(object)
        keys = ext.where(ext.notna() & (ext != ""), campaigns["campaign"]).to_numpy(dtype=object).astype(str)
        names = campaigns["name"].astype(object).where(campaigns["name"].notna(), keys).to_numpy(dtype=object)
        source = campaigns["source"].astype(object).where(campaigns["source"].notna(), UNKNOWN_SOURCE)
        return (Channels(keys, names.astype(str), cost, source.to_numpy(dtype=object).astype(str)),
                np.arange(len(campaigns)))
    source = campaigns["source"].astype(object).where(campaigns["source"].notna(), UNKNOWN_SOURCE)
    codes, uniques = pd.factorize(source.to_numpy(dtype=object), sort=True)
    total = np.bincount(codes, weights=cost, minlength=len(uniques)) if len(codes) else np.zeros(0)
    keys = np.asarray(uniques, dtype=object).astype(str)
    return Channels(keys, keys.copy(), total), codes.astype(np.int64)


def _positions(values: pd.Series, universe: pd.Series) -> np.ndarray:
    """Where each value sits in ``universe`` (-1 when absent), computed by Arrow (fast for strings)."""
    found = pc.index_in(_strings(values), value_set=_strings(universe))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def _strings(values: pd.Series) -> pa.Array:
    return pa.array(values.astype(object).to_numpy(dtype=object) if values.dtype == object else values,
                    type=pa.string(), from_pandas=True)


def _columns(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The frame with exactly these columns (an empty result may come back without any)."""
    return frame.reindex(columns=names)


def _datetimes(values: pd.Series) -> np.ndarray:
    return pd.to_datetime(values).to_numpy(dtype="datetime64[us]")


def _moment(day: date) -> datetime:
    return day if isinstance(day, datetime) else datetime.combine(day, time())
