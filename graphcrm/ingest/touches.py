"""Touchpoints, a chunk at a time: columns in, a frame of TOUCHED_BY edges out.

Touchpoint files are the longest an import sees (a million rows is ordinary), so
they are prepared column by column instead of row by row, each distinct cell
once. The rules are the row normalisers' rules: blank cells, dates and ids go
through the same functions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import blake2b
from itertools import compress
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

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
class SeenTouches:
    """The touches an import has met, and where first: per chunk, its new keys sorted with their rows.

    28 bytes a touch instead of a dict entry of about 190: a million touches hold 28 MB, not 190.
    """

    parts: list[tuple[np.ndarray, np.ndarray, str]] = field(default_factory=list)

    def first_seen(self, keys: list[str], rows: list[int], name: str) -> tuple[np.ndarray, dict[int, tuple[str, int]]]:
        """Which of ``keys`` (rows of file ``name``) are met for the first time, and for each other
        position the (file, row) where its touch was first met; the new ones are remembered."""
        size = len(keys)
        if not size:
            return np.ones(0, dtype=bool), {}
        cells = np.array(keys, dtype="S")
        numbers = np.asarray(rows, dtype=np.int64)
        earlier: dict[int, tuple[str, int]] = {}
        met = np.zeros(size, dtype=bool)
        for known, known_rows, known_name in self.parts:
            at = np.minimum(np.searchsorted(known, cells), len(known) - 1)
            hit = (known[at] == cells) & ~met
            for i in np.flatnonzero(hit).tolist():
                earlier[i] = (known_name, int(known_rows[at[i]]))
            met |= hit
        order = np.argsort(cells, kind="stable")  # equal keys keep file order: a run starts at the first
        ordered = cells[order]
        starts = np.ones(size, dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        first = order[np.maximum.accumulate(np.where(starts, np.arange(size), 0))]
        repeated = np.empty(size, dtype=bool)
        repeated[order] = ~starts
        first_of = np.empty(size, dtype=np.int64)
        first_of[order] = first
        for i in np.flatnonzero(repeated & ~met).tolist():
            earlier[i] = (name, int(numbers[first_of[i]]))
        fresh = ~met & ~repeated
        new = cells[fresh]
        if len(new):
            sort = np.argsort(new)
            self.parts.append((new[sort], numbers[fresh][sort], name))
        return fresh, earlier


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
    ids: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> external id -> node id
    seen: SeenTouches = field(default_factory=SeenTouches)

    def record_ids(self, label: str, source_system: str, external: list[str]) -> list[str]:
        """``keys.record_id`` of each cell, computed once per distinct id in the whole import."""
        ids = self.ids.setdefault(label, {})
        for value in dict.fromkeys(external):
            if value not in ids:
                ids[value] = keys.record_id(label, source_system, value)
        return list(map(ids.__getitem__, external))

    def existing(self, store: Store, label: str, ids: list[str], planned: set[str] | None = None) -> set[str]:
        """Which of ``ids`` are nodes of ``label`` (asking the database only about new ones).

        ``planned``: the ids a dry run would have created by now, found as the import finds them.
        """
        known = self.known.setdefault(label, {})
        unknown = [i for i in ids if i not in known]
        if unknown:
            found = existing_ids(store, label, unknown) | (planned or set()).intersection(unknown)
            known.update((i, i in found) for i in unknown)
        return {i for i in ids if known[i]}


def prepare_touches(frame: pd.DataFrame, source_system: str,
                    state: TouchImport | None = None) -> tuple[pd.DataFrame, TouchRejects]:
    """Normalise a mapped chunk of touchpoint rows; return the usable ones and the rejects."""
    rejects = TouchRejects()
    state = state or TouchImport(batch_id="")
    size = len(frame)
    rows = frame[ROW].astype(int).tolist()
    person = _text(frame.get("lead_id"), size)
    campaign = _text(frame.get("campaign_id"), size)
    at = _dates(frame.get("at"), rows, "at", rejects)
    responded = _dates(frame.get("responded_at"), rows, "responded_at", rejects)
    kind = per_distinct(lambda k: k.casefold() if k else None, _text(frame.get("kind"), size))
    # the first reason wins: a bad date (found above), then no campaign, no person, no date at all
    no_campaign = np.array([c is None for c in campaign], dtype=bool)
    no_person = np.array([p is None for p in person], dtype=bool)
    no_date = np.array([a is None and r is None for a, r in zip(at, responded, strict=True)], dtype=bool)
    bad = no_campaign | no_person | no_date
    if rejects.rows:
        bad |= np.isin(np.asarray(rows), list(rejects.rows))
    for i in np.flatnonzero(bad).tolist():
        if no_campaign[i]:
            rejects.add(rows[i], "campaign_id", "no campaign_id: nothing to identify the record by")
        elif no_person[i]:
            rejects.add(rows[i], "lead_id", "no lead_id: nothing to identify the record by")
        elif no_date[i]:
            rejects.add(rows[i], "at", "no date for the touch")
    keep = (~bad).tolist()

    def kept(values: list[Any]) -> list[Any]:
        return list(compress(values, keep)) if bad.any() else values

    person, campaign = kept(person), kept(campaign)
    out = {
        "row": kept(rows),
        "lead_id": state.record_ids("Lead", source_system, person),
        "contact_id": state.record_ids("Contact", source_system, person),
        "campaign_id": state.record_ids("Campaign", source_system, campaign),
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
                   state: TouchImport | None = None, planned: Mapping[str, set[str]] | None = None) -> pd.DataFrame:
    """Keep touches whose lead (or, failing that, contact) and campaign exist; add person and key.

    ``planned``: label -> ids a dry run would have created (the leads and campaigns files before).
    """
    if touches.empty:
        return touches.assign(person_label=[], person_id=[], key=[])
    state = state or TouchImport(batch_id="")
    planned = planned or {}
    leads = state.existing(store, "Lead", touches["lead_id"].unique().tolist(), planned.get("Lead"))
    is_lead = touches["lead_id"].isin(leads)
    contacts = state.existing(store, "Contact", touches.loc[~is_lead, "contact_id"].unique().tolist(),
                              planned.get("Contact"))
    is_contact = ~is_lead & touches["contact_id"].isin(contacts)
    campaigns = state.existing(store, "Campaign", touches["campaign_id"].unique().tolist(), planned.get("Campaign"))
    known_campaign = touches["campaign_id"].isin(campaigns)
    for row, name in touches.loc[~known_campaign, ["row", "campaign"]].itertuples(index=False):
        rejects.add(row, "campaign_id", f"unknown campaign {name!r}")
    for row, name in touches.loc[known_campaign & ~is_lead & ~is_contact, ["row", "person"]].itertuples(index=False):
        rejects.add(row, "lead_id", f"unknown lead or contact {name!r}")
    kept = touches[known_campaign & (is_lead | is_contact)].copy()
    kept["person_label"] = np.where(is_lead[kept.index].to_numpy(), "Lead", "Contact").astype(object)
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
    # pandas Timestamps are datetimes too, and print the same; an aware one would not convert
    if moments and all(isinstance(m, datetime) and m.tzinfo is None for m in moments):
        stamps = pa.array(moments, type=pa.timestamp("us")).to_numpy(zero_copy_only=False)  # 8x np.array's speed
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
