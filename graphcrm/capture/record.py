"""Capture one record: check it, look for duplicates, write it the importer's way, record how it came.

The write is one transaction: the record (``prepare`` + ``GraphWriter``, so normalisation,
ids, identity nodes, company and source links and revisions are the importer's), the touchpoint
to the channel's campaign, and the ``Capture`` record. New unowned leads then go through the
assignment rules.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import pandas as pd

from graphcrm.capture.channel import Channel
from graphcrm.capture.duplicates import Match, find_duplicates
from graphcrm.capture.validate import CAPTURE_FIELDS, CaptureInvalid, FieldError, check_fields
from graphcrm.ingest import keys
from graphcrm.ingest.fields import Kind
from graphcrm.ingest.normalise import clean_text
from graphcrm.ingest.normalise.phone import phone_region
from graphcrm.ingest.prepare import Context, Link, NodeRef, Prepared, RowRejected, prepare
from graphcrm.ingest.report import ImportReport
from graphcrm.ingest.write import GraphWriter, existing_ids
from graphcrm.manage.assignment import run_assignment
from graphcrm.manage.scores import rescore_leads
from graphcrm.store import Store
from graphcrm.clock import utc_now

OnDuplicate = Literal["ask", "create", "existing"]
CAPTURED_SYSTEM = "graphcrm"  # source_system of records typed in or sent by forms


class DuplicatesFound(Exception):
    """The record looks like existing ones and the caller asked to be told before saving."""

    def __init__(self, matches: list[Match]) -> None:
        super().__init__(f"{len(matches)} possible duplicate(s)")
        self.matches = matches


class CaptureRefused(ValueError):
    """A capture that cannot be made (an unknown campaign, owner or record to edit)."""


@dataclass
class Captured:
    """What a capture did."""

    label: str
    id: str
    outcome: str  # created, updated, unchanged, or existing (a duplicate: the existing record was touched)
    capture_id: str
    touched: bool = False
    duplicates: list[Match] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    assigned_to: str | None = None
    pooled: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "outcome": self.outcome, "capture_id": self.capture_id,
                "touched": self.touched, "assigned_to": self.assigned_to, "pooled": self.pooled,
                "warnings": self.warnings, "duplicates": [m.as_json() for m in self.duplicates]}


LABEL = {Kind.LEADS: "Lead", Kind.CONTACTS: "Contact", Kind.COMPANIES: "Company"}


def prepare_capture(kind: Kind, fields: Mapping[str, Any], channel: Channel, *, region: str, now: datetime,
                    owner_id: str | None = None, source_system: str = CAPTURED_SYSTEM) -> Prepared:
    """Check ``fields`` and turn them into a prepared record (CaptureInvalid when they are not usable)."""
    region = phone_region(region)
    errors = check_fields(kind, fields, region)
    if errors:
        raise CaptureInvalid(errors)
    row: dict[str, Any] = {k: (str(v) if isinstance(v, (int, float)) else v) for k, v in fields.items()
                           if clean_text(v if isinstance(v, str) else str(v) if v is not None else None)}
    if kind != Kind.COMPANIES and (source := channel.source_name(row.get("source"))):
        row["source"] = source
    try:
        record = prepare(kind, row, Context(source_system, region, now))
    except RowRejected as exc:
        raise CaptureInvalid([FieldError(exc.column or "record", "invalid", exc.reason)]) from None
    if owner_id:
        since = (("since", now),)
        record.links = [link for link in record.links if link.rel != "OWNS"]
        record.links.append(Link("OWNS", NodeRef("Rep", owner_id), outgoing=False, props=since, must_exist=True))
    return record


def capture(
    store: Store,
    kind: Kind,
    fields: Mapping[str, Any],
    channel: Channel,
    *,
    region: str = "US",
    owner_id: str | None = None,
    on_duplicate: OnDuplicate = "ask",
    record_id: str | None = None,
    use_existing: str | None = None,
    source_system: str = CAPTURED_SYSTEM,
    now: datetime | None = None,
    assign: bool = True,
) -> Captured:
    """Save one lead, contact or company captured by hand, by a form or through the API.

    ``on_duplicate``: ``ask`` raises DuplicatesFound (nothing written) when strong matches exist;
    ``create`` saves anyway and records the matches shown; ``existing`` touches the record with
    the same email or phone instead of creating another. ``record_id`` edits that record
    (a blank field keeps its value, as in a re-import). ``use_existing`` names the existing record
    the person chose after a duplicate alert: it gets the touchpoint and the capture record, and
    nothing else changes. Raises CaptureInvalid for bad fields and CaptureRefused for an unknown
    campaign, owner or record.
    """
    now = now or utc_now()
    label = LABEL[kind]
    submitted = dict(fields)
    if record_id is not None:  # an edit names only what changes: the rest comes from the record
        fields = {**(stored_fields(store, kind, record_id) or {}), **{k: v for k, v in fields.items() if clean_text(
            v if isinstance(v, str) else None if v is None else str(v))}}
    record = prepare_capture(kind, fields, channel, region=region, now=now, owner_id=owner_id,
                             source_system=source_system)
    capture_id = f"cap-{uuid.uuid4().hex[:16]}"
    with store.small_writes(), store.transaction():
        store.lock("capture")  # the same person sent twice at once is one lead, on Neo4j too
        _check_refs(store, label, record_id, owner_id, channel)
        # a form or API capture only needs to recognise the same person (email or phone)
        matches = [] if record_id is not None else find_duplicates(
            store, record, exact_only=on_duplicate == "existing" and use_existing is None)
        if record_id is not None:
            record.id = record_id
            for kept in ("source_system", "external_id"):  # an edit does not change where a record came from
                record.props.pop(kept, None)
        elif on_duplicate == "ask" and use_existing is None and any(m.strong for m in matches):
            raise DuplicatesFound(matches)
        if use_existing is not None:
            target: Match | None = next((m for m in matches if m.id == use_existing), None) or \
                _existing_record(store, label, use_existing)
        elif on_duplicate == "existing" and record_id is None and not record.props.get("external_id"):
            target = _existing_target(matches)
        else:
            target = None
        if target is not None:
            result = Captured(target.label, target.id, "existing", capture_id, duplicates=matches)
        else:
            result = _write(store, record, capture_id, channel, now, matches)
        result.touched = _touch(store, result.label, result.id, channel, capture_id, now)
        if result.label == "Lead":  # new fields or a new touch: the score (which assignment reads) follows
            rescore_leads(store, [result.id], now=now)
        # only a person who was shown the alert can save despite it; forms and the API record the matches
        despite = on_duplicate == "create" and matches and result.outcome == "created"
        outcome = "created_despite_duplicates" if despite else result.outcome
        store.write("capture/record_create", label=result.label, record_id=result.id, id=capture_id,
                    record_label=result.label, method=channel.method, ref=channel.ref, by=channel.by, at=now,
                    outcome=outcome, utm=_json(channel.utm_dict), fields=_json(submitted),
                    duplicates=_json([m.as_json() for m in matches]) if matches else None)
    if assign and result.label == "Lead" and result.outcome == "created" and not owner_id:
        decisions = run_assignment(store, lead_ids=[result.id])
        if decisions:
            result.assigned_to, result.pooled = decisions[0].rep_id, decisions[0].to_pool
    return result


def stored_fields(store: Store, kind: Kind, record_id: str) -> dict[str, str] | None:
    """The capture fields a record holds now, as text (to fill its edit form); None when it does not exist."""
    rows = store.read("capture/record_values", label=LABEL[kind], id=record_id)
    if not rows:
        return None
    node = rows[0]["node"]
    out = {k: node[k] for k in CAPTURE_FIELDS[kind] if node.get(k) not in (None, "")}
    if kind == Kind.COMPANIES and node.get("domain") and "website" not in out:
        out["website"] = node["domain"]
    return {k: (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)) for k, v in out.items()}


def _check_refs(store: Store, label: str, record_id: str | None, owner_id: str | None, channel: Channel) -> None:
    if record_id is not None and not existing_ids(store, label, [record_id]):
        raise CaptureRefused(f"no {label} {record_id!r}")
    if owner_id and not existing_ids(store, "Rep", [owner_id]):
        raise CaptureRefused(f"no rep {owner_id!r}")
    if channel.campaign_id and not existing_ids(store, "Campaign", [channel.campaign_id]):
        raise CaptureRefused(f"no campaign {channel.campaign_id!r}")


def _existing_record(store: Store, label: str, node_id: str) -> Match:
    """The record chosen instead of a new one: a lead may turn out to be a contact already."""
    for candidate in (label, "Contact") if label == "Lead" else (label,):
        if existing_ids(store, candidate, [node_id]):
            return Match(node_id, candidate, None, 0.0)
    raise CaptureRefused(f"no {label} {node_id!r}")


def _existing_target(matches: list[Match]) -> Match | None:
    """The record a repeat submission belongs to: same email or phone, a lead before a contact."""
    exact = [m for m in matches if m.exact and m.label in ("Lead", "Contact")]
    exact.sort(key=lambda m: (m.label != "Lead", "email" not in m.exact, -m.score, m.id))
    return exact[0] if exact else None


def _write(store: Store, record: Prepared, capture_id: str, channel: Channel, now: datetime,
           matches: list[Match]) -> Captured:
    report = ImportReport(batch_id=capture_id, files=[])
    writer = GraphWriter(store, capture_id, report, now=now, dry_run=False)
    outcome = writer.write_records([record])
    writer.verify()
    if outcome.created:
        store.write("capture/mark_captured", label=record.label, id=record.id, via=channel.method, ref=channel.ref)
    state = "created" if outcome.created else "updated" if outcome.updated else "unchanged"
    return Captured(record.label, record.id, state, capture_id, duplicates=matches, warnings=report.warnings)


def _touch(store: Store, label: str, person_id: str, channel: Channel, capture_id: str, now: datetime) -> bool:
    """A touchpoint from the person to the channel's campaign, at capture time.

    Each capture is its own touch (its key includes the capture id), so unlike an import there is
    no earlier touch to look up: the relationship is created directly.
    """
    if not channel.campaign_id or label not in ("Lead", "Contact"):
        return False
    store.bulk_create_rels("TOUCHED_BY", label, "Campaign", pd.DataFrame([{
        "from": person_id, "to": channel.campaign_id, "at": now, "kind": channel.method, "responded_at": now,
        "key": keys.touch_key(person_id, channel.campaign_id, now, capture_id), "batch_id": capture_id,
        "created_at": now,
    }]))
    return True


def campaign_info(store: Store, campaign_id: str) -> dict[str, Any] | None:
    """A campaign's id, name and source name, or None."""
    rows = store.read("capture/campaign", id=campaign_id)
    return rows[0] if rows else None


def captures_of(store: Store, label: str, record_id: str) -> list[dict[str, Any]]:
    """How a record was captured, newest first (utm, fields and duplicates decoded).

    A record an import created shows that import batch last (imports keep their own records).
    """
    out = []
    for row in store.read("capture/of_record", label=label, id=record_id):
        out.append({**row, **{k: json.loads(row[k]) if row.get(k) else None for k in ("utm", "fields", "duplicates")}})
    node = store.read("capture/record_values", label=label, id=record_id)
    batch_id = node[0]["node"].get("batch_id") if node else None
    if batch_id and batch_id.startswith("imp-"):
        for batch in store.read("capture/import_batch", id=batch_id):
            out.append({"id": batch_id, "method": "import", "ref": ", ".join(json.loads(batch["files"] or "[]")),
                        "by": batch["source_system"], "at": batch["started_at"], "outcome": "created",
                        "utm": None, "fields": None, "duplicates": None})
    return out


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str) if value else None


__all__ = ["Captured", "CaptureInvalid", "CaptureRefused", "DuplicatesFound", "OnDuplicate", "capture",
           "campaign_info", "captures_of", "prepare_capture", "stored_fields"]
