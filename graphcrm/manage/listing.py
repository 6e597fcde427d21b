"""Filtering and sorting lead lists (the rep's "my leads" page and ``graphcrm leads list``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from graphcrm.manage.status import STATUSES

SORTS = ("score", "status", "last_activity_at", "next_followup_at", "name")
_STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}


def filter_leads(
    leads: Iterable[Mapping[str, Any]], *, status: str | None = None, rating: str | None = None,
    overdue: bool = False, text: str = "", now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Leads matching every given filter; ``overdue`` means the next follow-up date has passed
    (by ``now``, or by the flag ``maintain`` sets when ``now`` is not given)."""
    needle = text.strip().casefold()
    found = []
    for lead in leads:
        if status and lead.get("status") != status:
            continue
        if rating and lead.get("rating") != rating:
            continue
        if overdue:
            due = lead.get("next_followup_at")
            late = (due is not None and due < now) if now is not None else bool(lead.get("followup_overdue"))
            if not late:
                continue
        if needle and needle not in f"{lead.get('name') or ''} {lead.get('company_name') or ''}".casefold():
            continue
        found.append(dict(lead))
    return found


def sort_leads(leads: list[dict[str, Any]], by: str = "score", *, descending: bool | None = None) -> list[dict[str, Any]]:
    """Sort by score (high first), status (funnel order), last touch or next follow-up (empty last) or name."""
    if by not in SORTS:
        raise ValueError(f"sort by one of {', '.join(SORTS)}")
    if descending is None:
        descending = by in ("score", "last_activity_at")

    def key(lead: dict[str, Any]) -> tuple:
        value = lead.get(by)
        if by == "status":
            value = _STATUS_ORDER.get(value, len(STATUSES))
        elif by == "name":
            value = str(value or "").casefold()
        return (value is None, value if value is not None else 0, lead.get("id") or "")

    present = [lead for lead in leads if lead.get(by) is not None]
    missing = [lead for lead in leads if lead.get(by) is None]
    present.sort(key=key, reverse=descending)
    missing.sort(key=lambda lead: lead.get("id") or "")
    return present + missing
