"""Touchpoints, a chunk at a time: columns in, a frame of TOUCHED_BY edges out.

Touchpoint files are the longest an import sees (a million rows is ordinary), so
they are prepared column by column instead of row by row, each distinct cell
once. The rules are the row normalisers' rules: blank cells, dates and ids go
through the same functions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import blake2b
from typing import Any

import numpy as np
import pandas as pd

from graphcrm.ingest import keys
from graphcrm.ingest.distinct import per_distinct, texts
from graphcrm.ingest.normalise import InvalidValue, parse_datetime
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


@dataclass
class TouchImport:
    """What the chunks of one touchpoint import share.

    ``known`` remembers, per label, which ids were found (or not) in earlier chunks, so each
    lead and campaign is looked up once per import; ``created`` counts the touches this import
    made, so a graph holding no others needs no lookup of earlier touches at all.
    """

    batch_id: str
    known: dict[str, dict[str, bool]] = field(default_factory=dict)
    created: int = 0

    def existing(self, store: Store, label: str, ids: list[str]) -> set[str]:
        """Which of ``ids`` are nodes of ``label`` (asking the database only about new ones)."""
        known = self.known.setdefault(label, {})
        unknown = [i for i in ids if i not in known]
        if unknown:
            found = existing_ids(store, label, unknown)
            known.update((i, i in found) for i in unknown)
        return {i for i in ids if known[i]}


def prepare_touches(frame: pd.DataFrame, source_system: str) -> tuple[pd.DataFrame, TouchRejects]:
    """Normalise a mapped chunk of touchpoint rows; return the usable ones and the rejects."""
    rejects = TouchRejects()
    size = len(frame)
    rows = frame[ROW].astype(int).tolist()
    person = _text(frame.get("lead_id"), size)
    campaign = _text(frame.get("campaign_id"), size)
    at = _dates(frame.get("at"), rows, "at", rejects)
    responded = _dates(frame.get("responded_at"), rows, "responded_at", rejects)
    kind = per_distinct(lambda k: k.casefold() if k else None, _text(frame.get("kind"), size))
    keep = []
    for i, row in enumerate(rows):
        if row in rejects.rows:
            keep.append(False)
        elif not campaign[i]:
            rejects.add(row, "campaign_id", "no campaign_id: nothing to identify the record by")
            keep.append(False)
        elif not person[i]:
            rejects.add(row, "lead_id", "no lead_id: nothing to identify the record by")
            keep.append(False)
        elif at[i] is None and responded[i] is None:
            rejects.add(row, "at", "no date for the touch")
            keep.append(False)
        else:
            keep.append(True)

    def kept(values: list[Any]) -> list[Any]:
        return [v for v, k in zip(values, keep, strict=True) if k]

    person, campaign = kept(person), kept(campaign)
    ids = per_distinct(lambda p: (keys.record_id("Lead", source_system, p),
                                  keys.record_id("Contact", source_system, p)), person)
    out = {
        "row": kept(rows),
        "lead_id": [i[0] for i in ids],
        "contact_id": [i[1] for i in ids],
        "campaign_id": per_distinct(lambda c: keys.record_id("Campaign", source_system, c), campaign),
        "person": person,
        "campaign": campaign,
        "at": [a or r for a, r in zip(kept(at), kept(responded), strict=True)],
        "kind": kept(kind),
        "responded_at": kept(responded),
    }
    return pd.DataFrame(out, columns=list(COLUMNS), dtype=object), rejects


def _text(values: pd.Series | None, size: int) -> list[str | None]:
    if values is None:
        return [None] * size
    return texts(values.tolist())


def _dates(values: pd.Series | None, rows: list[int], column: str, rejects: TouchRejects) -> list[Any]:
    """A date column: one vectorised pass where it has one format, ``parse_datetime`` for the rest."""
    if values is None:
        return [None] * len(rows)
    out = datetime_column(values).tolist()
    for i, value in enumerate(out):
        if value is None or not isinstance(value, str):
            continue
        try:
            out[i] = parse_datetime(value)
        except InvalidValue as exc:
            rejects.add(rows[i], column, str(exc))
            out[i] = None
    return out


def resolve_people(store: Store, touches: pd.DataFrame, rejects: TouchRejects,
                   state: TouchImport | None = None) -> pd.DataFrame:
    """Keep touches whose lead (or, failing that, contact) and campaign exist; add person and key."""
    if touches.empty:
        return touches.assign(person_label=[], person_id=[], key=[])
    state = state or TouchImport(batch_id="")
    leads = state.existing(store, "Lead", touches["lead_id"].unique().tolist())
    is_lead = touches["lead_id"].isin(leads)
    contacts = state.existing(store, "Contact", touches.loc[~is_lead, "contact_id"].unique().tolist())
    is_contact = ~is_lead & touches["contact_id"].isin(contacts)
    campaigns = state.existing(store, "Campaign", touches["campaign_id"].unique().tolist())
    known_campaign = touches["campaign_id"].isin(campaigns)
    for row, name in touches.loc[~known_campaign, ["row", "campaign"]].itertuples(index=False):
        rejects.add(row, "campaign_id", f"unknown campaign {name!r}")
    for row, name in touches.loc[known_campaign & ~is_lead & ~is_contact, ["row", "person"]].itertuples(index=False):
        rejects.add(row, "lead_id", f"unknown lead or contact {name!r}")
    kept = touches[known_campaign & (is_lead | is_contact)].copy()
    kept["person_label"] = ["Lead" if lead else "Contact" for lead in is_lead[kept.index]]
    kept["person_id"] = kept["lead_id"].where(kept["person_label"] == "Lead", kept["contact_id"])
    kept["key"] = touch_keys(kept["person_id"].tolist(), kept["campaign_id"].tolist(), kept["at"].tolist())
    return kept


def touch_keys(people: list[str], campaigns: list[str], moments: list[Any]) -> list[str]:
    """``keys.touch_key(person, campaign, at, None)`` for whole columns (each date formatted once)."""
    at_text = _datetime_texts(moments)
    return [blake2b(f"{p}\x1f{c}\x1f{a}\x1f".encode(), digest_size=10).hexdigest()
            for p, c, a in zip(people, campaigns, at_text, strict=True)]


def _datetime_texts(moments: list[Any]) -> list[str]:
    """``str(moment)`` of every cell ("" for None), as ``keys.digest`` writes it."""
    if moments and all(type(m) is datetime for m in moments):
        stamps = np.array(moments, dtype="datetime64[us]")
        if (stamps == stamps.astype("datetime64[s]")).all():  # whole seconds: "YYYY-MM-DD HH:MM:SS"
            return [t.replace("T", " ", 1) for t in np.datetime_as_string(stamps, unit="s").tolist()]
    return ["" if m is None else str(m) for m in moments]


def write_touches(store: Store, touches: pd.DataFrame, *, batch_id: str, now: Any,
                  dry_run: bool, state: TouchImport | None = None) -> tuple[int, int, int]:
    """Create new touches and update changed ones; return (created, updated, unchanged)."""
    created = updated = unchanged = 0
    state = state or TouchImport(batch_id=batch_id)
    # Touches this import made are in its duplicate check already; only others need looking up,
    # and when the graph holds no others there is nothing to look up.
    others = int(store.read("ingest/count_touches")[0]["n"]) != state.created
    for label, group in touches.groupby("person_label"):
        existing = {r["key"]: r for r in store.read("ingest/touches_before", label=label, batch=batch_id,
                                                     ids=group["person_id"].unique().tolist())} if others else {}
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
            state.created += len(new)
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
