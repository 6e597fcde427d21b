"""The lead pool (公海): release, claim with a cool-down, and recycling neglected leads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from graphcrm.manage.assignment import load_reps
from graphcrm.clock import SYSTEM, Clock
from graphcrm.manage.settings import load_settings
from graphcrm.manage.status import OPEN_STATUSES, lead_row
from graphcrm.store import Store


class PoolError(ValueError):
    """A pool action that is not allowed; ``code`` says which rule refused it."""

    def __init__(self, code: str, message: str, until: datetime | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.until = until


def claim_refusal(
    lead: Mapping[str, Any], rep_id: str, now: datetime, cooldown_days: float,
) -> PoolError | None:
    """Why ``rep_id`` may not claim ``lead`` now (None when it may).

    Only a lead in the pool can be claimed; the rep it was taken from must wait out the cool-down.
    """
    if lead.get("pool_since") is None:
        return PoolError("not_in_pool", "the lead is not in the pool")
    if lead.get("status") not in OPEN_STATUSES:
        return PoolError("closed", "the lead is no longer open")
    released_at = lead.get("released_at")
    if lead.get("released_by") == rep_id and released_at is not None:
        until = released_at + timedelta(days=cooldown_days)
        if now < until:
            return PoolError("cooldown", f"this lead was taken from you: you can claim it again after {until:%Y-%m-%d %H:%M}", until)
    return None


def is_neglected(lead: Mapping[str, Any], now: datetime, neglect_days: float) -> bool:
    """An owned open lead with no follow-up for ``neglect_days`` (counted from the later of its last
    activity and the start of its current ownership, so a fresh assignment gets the full period)."""
    if lead.get("status") not in OPEN_STATUSES:
        return False
    marks = [t for t in (lead.get("last_activity_at"), lead.get("owner_since")) if t is not None]
    return bool(marks) and now - max(marks) >= timedelta(days=neglect_days)


def neglected_frame(owned: pd.DataFrame, now: datetime, neglect_days: float) -> list[tuple[str, str]]:
    """``is_neglected`` over a frame of owned leads at once: (lead id, owner id) pairs."""
    if owned.empty:
        return []
    last = pd.concat([pd.to_datetime(owned["last_activity_at"]), pd.to_datetime(owned["owner_since"])], axis=1).max(axis=1)
    mask = owned["status"].isin(OPEN_STATUSES) & (pd.Timestamp(now) - last >= pd.Timedelta(days=neglect_days))
    return list(zip(owned.loc[mask, "id"], owned.loc[mask, "owner_id"], strict=True))


def release(store: Store, lead_id: str, *, clock: Clock = SYSTEM) -> None:
    """Return a lead to the pool: its ownership ends; its owner starts the cool-down. One transaction."""
    now = clock.now()
    with store.transaction():
        lead = lead_row(store, lead_id)
        if lead["owner_id"] is None:
            raise PoolError("not_owned", "the lead has no owner")
        store.write("manage/owner_close", rows=[{"to": lead_id}], now=now)
        store.write("manage/pool_enter", rows=[{"to": lead_id, "by": lead["owner_id"]}], now=now)


def claim(store: Store, lead_id: str, rep_id: str, *, clock: Clock = SYSTEM) -> None:
    """A rep takes a lead from the pool (refused during the cool-down or at capacity). One transaction."""
    now = clock.now()
    with store.transaction():
        lead = lead_row(store, lead_id)
        refusal = claim_refusal(lead, rep_id, now, load_settings(store).cooldown_days)
        if refusal:
            raise refusal
        rep = load_reps(store).get(rep_id)
        if rep is None or not rep.active:
            raise PoolError("rep", "no such active rep")
        if not rep.has_room:
            raise PoolError("capacity", f"{rep.name} is at capacity ({rep.capacity} open leads)")
        store.write("manage/owner_open", rows=[{"to": lead_id, "from": rep_id}], now=now)


@dataclass(frozen=True)
class Recycled:
    """What ``recycle`` returned to the pool."""

    lead_ids: list[str]
    checked: int


def recycle(
    store: Store, *, clock: Clock = SYSTEM, neglect_days: float | None = None, dry_run: bool = False,
) -> Recycled:
    """Return every neglected lead to the pool (one transaction); the owner is recorded for the cool-down."""
    now = clock.now()
    days = load_settings(store).neglect_days if neglect_days is None else neglect_days
    with store.transaction():
        owned = store.read_frame("manage/owned_open_leads", open=list(OPEN_STATUSES))
        rows = [{"to": lead_id, "by": owner} for lead_id, owner in neglected_frame(owned, now, days)]
        if not dry_run:
            for start in range(0, len(rows), 5000):
                chunk = rows[start:start + 5000]
                store.write("manage/owner_close", rows=chunk, now=now)
                store.write("manage/pool_enter", rows=chunk, now=now)
    return Recycled([r["to"] for r in rows], len(owned))


def pool_leads(store: Store, *, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """Open leads in the pool, longest-waiting first."""
    return store.read("manage/pool_list", open=list(OPEN_STATUSES), limit=limit, offset=offset)
