"""Touchpoints, a chunk at a time: columns in, a frame of TOUCHED_BY edges out.

Touchpoint files are the longest an import sees (a million rows is ordinary), so
they are prepared column by column instead of row by row. The rules are the
row normalisers' rules: blank cells, dates and ids go through the same functions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from graphcrm.ingest import keys
from graphcrm.ingest.normalise import InvalidValue, clean_text, parse_datetime
from graphcrm.ingest.normalise.columns import datetime_column
from graphcrm.ingest.read import ROW
from graphcrm.ingest.write import existing_ids
from graphcrm.store import Store

COLUMNS = ("row", "lead_id", "contact_id", "campaign_id", "person", "campaign", "at", "kind", "responded_at")


@dataclass
class TouchRejects:
    """Rows of a chunk that cannot become touches: row number -> (column, reason)."""

    rows: dict[int, tuple[str | None, str]] = field(default_factory=dict)

    def add(self, row: int, column: str | None, reason: str) -> None:
        """Reject a row (the first reason found wins)."""
        self.rows.setdefault(row, (column, reason))


def prepare_touches(frame: pd.DataFrame, source_system: str) -> tuple[pd.DataFrame, TouchRejects]:
    """Normalise a mapped chunk of touchpoint rows; return the usable ones and the rejects."""
    rejects = TouchRejects()
    rows = frame[ROW].astype(int).tolist()
    person = _text(frame.get("lead_id"), len(frame))
    campaign = _text(frame.get("campaign_id"), len(frame))
    at = _dates(frame.get("at"), rows, "at", rejects)
    responded = _dates(frame.get("responded_at"), rows, "responded_at", rejects)
    kind = [k.casefold() if k else None for k in _text(frame.get("kind"), len(frame))]
    out = []
    for i, row in enumerate(rows):
        if row in rejects.rows:
            continue
        if not campaign[i]:
            rejects.add(row, "campaign_id", "no campaign_id: nothing to identify the record by")
        elif not person[i]:
            rejects.add(row, "lead_id", "no lead_id: nothing to identify the record by")
        elif at[i] is None and responded[i] is None:
            rejects.add(row, "at", "no date for the touch")
        else:
            out.append((row, keys.record_id("Lead", source_system, person[i]),
                        keys.record_id("Contact", source_system, person[i]),
                        keys.record_id("Campaign", source_system, campaign[i]), person[i], campaign[i],
                        at[i] or responded[i], kind[i], responded[i]))
    return pd.DataFrame(out, columns=list(COLUMNS), dtype=object), rejects


def _text(values: pd.Series | None, size: int) -> list[str | None]:
    if values is None:
        return [None] * size
    return [clean_text(v) if v is not None else None for v in values]


def _dates(values: pd.Series | None, rows: list[int], column: str, rejects: TouchRejects) -> list[Any]:
    if values is None:
        return [None] * len(rows)
    out = []
    for row, value in zip(rows, datetime_column(values), strict=True):
        if value is None or not isinstance(value, str):
            out.append(value)
            continue
        try:
            out.append(parse_datetime(value))
        except InvalidValue as exc:
            rejects.add(row, column, str(exc))
            out.append(None)
    return out


def resolve_people(store: Store, touches: pd.DataFrame, rejects: TouchRejects) -> pd.DataFrame:
    """Keep touches whose lead (or, failing that, contact) and campaign exist; add person and key."""
    if touches.empty:
        return touches.assign(person_label=[], person_id=[], key=[])
    leads = existing_ids(store, "Lead", touches["lead_id"].unique().tolist())
    is_lead = touches["lead_id"].isin(leads)
    contacts = existing_ids(store, "Contact", touches.loc[~is_lead, "contact_id"].unique().tolist())
    is_contact = ~is_lead & touches["contact_id"].isin(contacts)
    campaigns = existing_ids(store, "Campaign", touches["campaign_id"].unique().tolist())
    known_campaign = touches["campaign_id"].isin(campaigns)
    for row, name in touches.loc[~known_campaign, ["row", "campaign"]].itertuples(index=False):
        rejects.add(row, "campaign_id", f"unknown campaign {name!r}")
    for row, name in touches.loc[known_campaign & ~is_lead & ~is_contact, ["row", "person"]].itertuples(index=False):
        rejects.add(row, "lead_id", f"unknown lead or contact {name!r}")
    kept = touches[known_campaign & (is_lead | is_contact)].copy()
    kept["person_label"] = ["Lead" if lead else "Contact" for lead in is_lead[kept.index]]
    kept["person_id"] = kept["lead_id"].where(kept["person_label"] == "Lead", kept["contact_id"])
    kept["key"] = [keys.touch_key(p, c, a, None) for p, c, a in zip(kept["person_id"], kept["campaign_id"],
                                                                      kept["at"], strict=True)]
    return kept


def write_touches(store: Store, touches: pd.DataFrame, *, batch_id: str, now: Any,
                  dry_run: bool) -> tuple[int, int, int]:
    """Create new touches and update changed ones; return (created, updated, unchanged)."""
    created = updated = unchanged = 0
    for label, group in touches.groupby("person_label"):
        existing = {r["key"]: r for r in store.read("ingest/touches_of", label=label,
                                                    ids=group["person_id"].unique().tolist())}
        is_new = ~group["key"].isin(existing.keys())
        new, old = group[is_new], group[~is_new]
        changed = [t for t in old.itertuples(index=False)
                   if (existing[t.key]["kind"], existing[t.key]["responded_at"]) != (t.kind, _none(t.responded_at))]
        created += len(new)
        updated += len(changed)
        unchanged += len(old) - len(changed)
        if dry_run:
            continue
        if len(new):
            frame = pd.DataFrame({"from": new["person_id"], "to": new["campaign_id"], "key": new["key"],
                                  "at": new["at"], "kind": new["kind"], "responded_at": new["responded_at"],
                                  "batch_id": batch_id, "created_at": now})
            store.bulk_create_rels("TOUCHED_BY", str(label), "Campaign", frame)
        if changed:
            store.write_batch("ingest/revisions_create", [{
                "id": f"rev-{batch_id}-{t.key}", "batch_id": batch_id, "label": "TOUCHED_BY", "node_id": t.key,
                "before": json.dumps({"person_label": label, "person_id": t.person_id, "campaign_id": t.campaign_id,
                                      **existing[t.key]}, default=str),
            } for t in changed], now=now)
            store.write_batch("ingest/update_touches", [{
                "person_id": t.person_id, "campaign_id": t.campaign_id, "key": t.key, "kind": t.kind,
                "responded_at": _none(t.responded_at)} for t in changed], label=str(label))
    return created, updated, unchanged


def _none(value: Any) -> Any:
    return None if value is None or value != value or value is pd.NaT else value
