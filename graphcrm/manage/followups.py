"""Follow-ups: log an activity with its outcome and next date; a rep's "my day"; overdue reminders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from graphcrm.clock import SYSTEM, Clock
from graphcrm.manage.ids import new_id
from graphcrm.manage.scores import rescore_leads
from graphcrm.manage.settings import Settings, load_settings
from graphcrm.manage.status import OPEN_STATUSES, lead_row, record_change
from graphcrm.store import Store

ACTIVITY_TYPES = ("call", "email", "meeting", "note")


class FollowUpError(ValueError):
    """A follow-up that cannot be logged."""


def log_followup(
    store: Store, lead_id: str, rep_id: str, *, type: str, outcome: str = "", note: str = "",
    next_at: datetime | None = None, clock: Clock = SYSTEM,
) -> str:
    """Record an activity on a lead (Rep-LOGGED->Activity-ABOUT->Lead) and its next follow-up date.

    A new lead becomes working. One transaction; returns the activity id.
    """
    if type not in ACTIVITY_TYPES:
        raise FollowUpError(f"type must be one of {', '.join(ACTIVITY_TYPES)}")
    now = clock.now()
    if next_at is not None and next_at <= now:
        raise FollowUpError("the next follow-up must be in the future")
    activity_id = new_id("act")
    with store.transaction():
        lead = lead_row(store, lead_id)
        if not store.read("manage/rep_get", id=rep_id):
            raise FollowUpError(f"no rep {rep_id!r}")
        store.write("manage/activity_create", activity_id=activity_id, lead_id=lead_id, rep_id=rep_id,
                    type=type, outcome=outcome or None, note=note or None, next_at=next_at, now=now)
        if (lead["status"] or "new") == "new":
            record_change(store, lead_id, lead["status"], "working", by=rep_id, reason="follow-up logged", at=now)
        rescore_leads(store, [lead_id], now=now)  # one more follow-up, and activity just now
    return activity_id


@dataclass
class MyDay:
    """What a rep should do today."""

    overdue: list[dict[str, Any]] = field(default_factory=list)
    due_today: list[dict[str, Any]] = field(default_factory=list)
    hot_untouched: list[dict[str, Any]] = field(default_factory=list)
    new_assignments: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.__dict__.items()}


def plan_day(leads: Iterable[Mapping[str, Any]], now: datetime, settings: Settings) -> MyDay:
    """Sort a rep's open leads into today's lists (pure). A lead may appear in more than one."""
    day = MyDay()
    end_of_day = datetime(now.year, now.month, now.day) + timedelta(days=1)
    hot_since = now - timedelta(days=settings.hot_untouched_days)
    new_since = now - timedelta(days=settings.new_assignment_days)
    for lead in leads:
        row = dict(lead)
        due = row.get("next_followup_at")
        if due is not None and due < now:
            day.overdue.append(row)
        elif due is not None and due < end_of_day:
            day.due_today.append(row)
        last = row.get("last_activity_at")
        if row.get("rating") == "hot" and (last is None or last < hot_since):
            day.hot_untouched.append(row)
        since = row.get("owner_since")
        if since is not None and since >= new_since and (last is None or last < since):
            day.new_assignments.append(row)
    day.overdue.sort(key=lambda r: r["next_followup_at"])
    day.due_today.sort(key=lambda r: r["next_followup_at"])
    day.hot_untouched.sort(key=lambda r: (-(r.get("score") or 0), r["id"]))
    day.new_assignments.sort(key=lambda r: r["owner_since"], reverse=True)
    return day


def my_day(store: Store, rep_id: str, *, clock: Clock = SYSTEM) -> MyDay:
    """The rep's day: overdue follow-ups, due today, hot leads not touched recently, new assignments."""
    rows = store.read("manage/rep_leads", rep=rep_id, open=list(OPEN_STATUSES))
    return plan_day(rows, clock.now(), load_settings(store))


def mark_overdue(store: Store, *, clock: Clock = SYSTEM) -> tuple[int, int]:
    """Flag open leads whose next follow-up has passed; clear the flag where it no longer holds.

    Returns (flagged, cleared).
    """
    now = clock.now()
    with store.transaction():
        flagged = store.write("manage/overdue_flag", now=now, open=list(OPEN_STATUSES))
        cleared = store.write("manage/overdue_clear", now=now, open=list(OPEN_STATUSES))
    return int(flagged[0]["n"]) if flagged else 0, int(cleared[0]["n"]) if cleared else 0
