"""Canonical lead statuses, the transitions allowed between them, and the history of changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graphcrm.clock import SYSTEM, Clock
from graphcrm.manage.ids import new_id
from graphcrm.store import Store

STATUSES = ("new", "working", "qualified", "disqualified", "converted")
OPEN_STATUSES = ("new", "working", "qualified")
# Converted is reached only by converting (conversion.py) and left only by undoing it.
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"working", "qualified", "disqualified"}),
    "working": frozenset({"new", "qualified", "disqualified"}),
    "qualified": frozenset({"working", "disqualified"}),
    "disqualified": frozenset({"new", "working"}),
    "converted": frozenset(),
}


class TransitionError(ValueError):
    """A status change the rules do not allow."""


class LeadNotFound(LookupError):
    """No lead with that id."""


def allowed_next(current: str | None) -> list[str]:
    """Statuses a lead in ``current`` may move to by hand, in canonical order (no status: like new)."""
    allowed = TRANSITIONS.get(current or "new", frozenset())
    return [s for s in STATUSES if s in allowed]


def check_transition(current: str | None, target: str) -> None:
    """Raise TransitionError unless ``current`` → ``target`` is allowed."""
    if target not in STATUSES:
        raise TransitionError(f"unknown status {target!r}")
    if target == "converted":
        raise TransitionError("a lead becomes converted only by converting it")
    if target not in TRANSITIONS.get(current or "new", frozenset()):
        raise TransitionError(f"a {current or 'new'} lead cannot become {target}")


@dataclass(frozen=True)
class StatusChange:
    """One entry of a lead's status history."""

    id: str
    lead_id: str
    from_status: str | None
    to_status: str
    by: str | None
    at: datetime
    reason: str | None


def lead_row(store: Store, lead_id: str) -> dict:
    """The lead's properties with its current owner (``owner_id``/``owner_name``); LeadNotFound if absent."""
    rows = store.read("manage/lead_get", id=lead_id)
    if not rows:
        raise LeadNotFound(lead_id)
    return rows[0]


def record_change(
    store: Store, lead_id: str, from_status: str | None, to_status: str, *, by: str | None,
    reason: str | None, at: datetime,
) -> StatusChange:
    """Write the lead's new status and its history entry (call inside the action's transaction)."""
    change = StatusChange(new_id("sc"), lead_id, from_status, to_status, by, at, reason)
    store.write("manage/status_set", id=lead_id, status=to_status, now=at)
    store.write(
        "manage/status_change_create", change_id=change.id, lead_id=lead_id, from_status=from_status,
        to_status=to_status, by=by, at=at, reason=reason,
    )
    return change


def change_status(
    store: Store, lead_id: str, target: str, *, by: str | None, reason: str | None = None,
    clock: Clock = SYSTEM,
) -> StatusChange:
    """Move a lead to ``target`` if the transition is allowed; status and history in one transaction."""
    with store.transaction():
        lead = lead_row(store, lead_id)
        check_transition(lead["status"], target)
        return record_change(store, lead_id, lead["status"], target, by=by, reason=reason, at=clock.now())


def history(store: Store, lead_id: str) -> list[StatusChange]:
    """A lead's status changes, newest first."""
    return [
        StatusChange(r["id"], r["lead_id"], r["from_status"], r["to_status"], r["by"], r["at"], r["reason"])
        for r in store.read("manage/status_history", id=lead_id)
    ]
