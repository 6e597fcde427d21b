"""``graphcrm maintain``: rescore every lead, sync and flag follow-ups, recycle neglected leads,
forget intake idempotency keys older than a week.

Scoring is done in bulk: the columns are fetched once, scored with pandas/numpy
(``scoring.score_frame``) and only changed scores are written back, in batches.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import datetime

import pandas as pd

from graphcrm.capture import idempotency
from graphcrm.manage import pool
from graphcrm.clock import SYSTEM, Clock
from graphcrm.manage.followups import mark_overdue
from graphcrm.manage.scores import LEAD_COLUMNS, explain_lead, frame_columns, load_scoring
from graphcrm.manage.scoring import ScoringConfig, score_frame, touches_since
from graphcrm.manage.status import OPEN_STATUSES
from graphcrm.store import Store

__all__ = ["explain_lead", "load_scoring", "maintain", "rescore", "scoring_inputs", "sync_followups"]


@dataclass
class Rescored:
    """What a bulk rescoring did."""

    leads: int = 0
    changed: int = 0
    ratings: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class MaintainReport:
    """What ``maintain`` did."""

    rescored: Rescored
    followups_synced: int
    overdue_flagged: int
    overdue_cleared: int
    recycled: list[str]
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)
    idempotency_keys_forgotten: int = 0

    def as_json(self) -> dict:
        return {**asdict(self), "recycled": len(self.recycled), "recycled_ids": self.recycled[:100]}


def scoring_inputs(store: Store, cfg: ScoringConfig, now: datetime) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Every lead's scoring columns, the touches still worth points, and follow-up counts per lead."""
    leads = frame_columns(store.read_frame("manage/score_leads"), LEAD_COLUMNS)
    touches = frame_columns(store.read_frame("manage/score_touches", since=touches_since(cfg, now)),
                       ("lead_id", "at", "responded"))
    counts = frame_columns(store.read_frame("manage/activity_counts"), ("lead_id", "n"))
    return leads, touches, counts.set_index("lead_id")["n"]


def rescore(store: Store, *, clock: Clock = SYSTEM, batch_size: int = 5000) -> Rescored:
    """Recompute every lead's score and rating now; write back those that changed (or were never
    scored by the rules), with the time, which their explanation is given as of."""
    now = clock.now()
    cfg = load_scoring(store)
    done = Rescored()
    t0 = time.perf_counter()
    leads, touches, counts = scoring_inputs(store, cfg, now)
    t1 = time.perf_counter()
    scored = score_frame(leads, touches, counts, cfg, now)
    t2 = time.perf_counter()
    old_score = pd.to_numeric(leads["score"], errors="coerce").to_numpy(dtype=float)
    old_rating = leads["rating"].astype(object).where(leads["rating"].notna(), None).to_numpy()
    changed = ((scored["score"].to_numpy() != old_score) | (scored["rating"].to_numpy() != old_rating)
               | leads["scored_at"].isna().to_numpy())
    rows = [{"id": i, "score": float(s), "rating": str(r)}
            for i, s, r in scored[changed].itertuples(index=False, name=None)]
    store.write_batch("manage/score_write", rows, batch_size=batch_size, now=now)
    t3 = time.perf_counter()
    done.leads, done.changed = len(scored), len(rows)
    done.ratings = {k: int(v) for k, v in scored["rating"].value_counts().sort_index().items()}
    done.seconds = {"fetch": round(t1 - t0, 2), "score": round(t2 - t1, 2), "write": round(t3 - t2, 2)}
    return done


def sync_followups(store: Store) -> int:
    """Give open leads without a next follow-up date the one their latest activity planned (imports)."""
    rows = store.write("manage/followup_sync", open=list(OPEN_STATUSES))
    return int(rows[0]["n"]) if rows else 0


def maintain(
    store: Store, *, clock: Clock = SYSTEM, neglect_days: float | None = None, recycle: bool = True,
) -> MaintainReport:
    """Rescore, sync follow-up dates, flag overdue follow-ups, return neglected leads to the pool."""
    start = time.perf_counter()
    rescored = rescore(store, clock=clock)
    t1 = time.perf_counter()
    synced = sync_followups(store)
    t2 = time.perf_counter()
    flagged, cleared = mark_overdue(store, clock=clock)
    t3 = time.perf_counter()
    recycled = pool.recycle(store, clock=clock, neglect_days=neglect_days).lead_ids if recycle else []
    t4 = time.perf_counter()
    forgotten = idempotency.purge(store, clock.now())
    t5 = time.perf_counter()
    phases = {"rescore": t1 - start, "sync_followups": t2 - t1, "mark_overdue": t3 - t2, "recycle": t4 - t3,
              "idempotency_keys": t5 - t4}
    return MaintainReport(rescored, synced, flagged, cleared, recycled, round(t5 - start, 2),
                          {k: round(v, 2) for k, v in phases.items()}, forgotten)
