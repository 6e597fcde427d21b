"""A lead's one current score: stored on the lead, written by the rules, explained as of when.

The stored ``score``, ``rating`` and ``scored_at`` of a lead are the truth every page shows (lists,
my day, the facts box, the score panel). They are written only here: in bulk by ``maintain``
(time moves scores: touches decay, inactivity grows) and for the leads concerned by the writes
that change what a score depends on (a follow-up logged, a capture, a merge, the demo). The
explanation is the rules applied as of ``scored_at``, so its lines add up to the stored score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from graphcrm.clock import SYSTEM, Clock
from graphcrm.manage.config import stored_text
from graphcrm.manage.scoring import Score, ScoringConfig, explain, parse_scoring, score_frame, touches_since
from graphcrm.manage.status import LeadNotFound
from graphcrm.store import Store

LEAD_COLUMNS = ("id", "title", "industry", "region", "country", "city", "employees", "annual_revenue",
                "company_name", "source_system", "created_at", "last_activity_at", "score", "rating", "scored_at")


@dataclass(frozen=True)
class CurrentScore:
    """A lead's stored score with its explanation as of ``at`` (when it was scored)."""

    score: float
    rating: str
    reasons: tuple
    at: datetime

    def lines(self) -> list[str]:
        return [r.text for r in self.reasons]


def load_scoring(store: Store) -> ScoringConfig:
    """The scoring configuration in force."""
    return parse_scoring(stored_text(store, "scoring"))


def explain_lead(store: Store, lead_id: str, *, clock: Clock = SYSTEM, cfg: ScoringConfig | None = None,
                 at: datetime | None = None) -> Score:
    """What the rules make of one lead at ``at`` (default now), with the reasons; writes nothing."""
    now = at or clock.now()
    cfg = cfg or load_scoring(store)
    lead = store.read("manage/score_lead", id=lead_id)
    if not lead:
        raise LeadNotFound(lead_id)
    touches = store.read("manage/lead_touches", id=lead_id, since=touches_since(cfg, now))
    count = store.read("manage/lead_activity_count", id=lead_id)[0]["n"]
    return explain(lead[0], touches, int(count), cfg, now)


def frame_columns(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``frame`` with exactly ``columns`` (an empty result may come back without any)."""
    return frame.reindex(columns=list(columns)) if frame.empty else frame[list(columns)]


def rescore_leads(store: Store, ids: Iterable[str], *, clock: Clock = SYSTEM, now: datetime | None = None) -> int:
    """Score these leads at ``now`` (default: the clock's) and store score, rating and when; return
    how many were scored. Called by the writes that change what a score depends on, inside their
    transaction."""
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    now = (now or clock.now()).replace(microsecond=0)
    cfg = load_scoring(store)
    leads = frame_columns(store.read_frame("manage/score_leads_in", ids=wanted), LEAD_COLUMNS)
    if leads.empty:
        return 0
    touches = frame_columns(store.read_frame("manage/score_touches_in", ids=wanted, since=touches_since(cfg, now)),
                            ("lead_id", "at", "responded"))
    counts = frame_columns(store.read_frame("manage/activity_counts_in", ids=wanted), ("lead_id", "n"))
    scored = score_frame(leads, touches, counts.set_index("lead_id")["n"], cfg, now)
    rows = [{"id": i, "score": float(s), "rating": str(r)} for i, s, r in scored.itertuples(index=False, name=None)]
    store.write_batch("manage/score_write", rows, now=now)
    return len(rows)


def current_score(store: Store, lead_id: str, *, clock: Clock = SYSTEM) -> CurrentScore:
    """The lead's one score, as stored, with the reasons as of when it was scored.

    A lead never scored by the rules (a database from before scores were kept this way) or whose
    inputs changed without a rescore is scored now first, so what is shown is what is stored.
    """
    cfg = load_scoring(store)
    row = store.read("manage/score_lead", id=lead_id)
    if not row:
        raise LeadNotFound(lead_id)
    stored = row[0]
    if stored.get("scored_at") is not None and stored.get("score") is not None:
        explained = explain_lead(store, lead_id, cfg=cfg, at=stored["scored_at"])
        if (explained.score, explained.rating) == (float(stored["score"]), stored["rating"]):
            return CurrentScore(explained.score, explained.rating, explained.reasons, stored["scored_at"])
    rescore_leads(store, [lead_id], clock=clock)
    now = store.read("manage/score_lead", id=lead_id)[0]["scored_at"]
    explained = explain_lead(store, lead_id, cfg=cfg, at=now)
    return CurrentScore(explained.score, explained.rating, explained.reasons, now)
