"""Convert a qualified lead into a contact at a company, optionally with an opportunity; undo it.

The conversion writes a ``Conversion`` record holding what it created and the lead's previous
values, so undo removes exactly that and restores the lead — as long as nobody has changed the
opportunity, the contact or a company the conversion created since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graphcrm.clock import SYSTEM, Clock
from graphcrm.manage.ids import new_id
from graphcrm.manage.status import lead_row, record_change
from graphcrm.store import Store

IDENTITY_RELS = ("HAS_EMAIL", "HAS_PHONE", "HAS_DOMAIN")


class ConversionError(ValueError):
    """A conversion (or undo) that is not allowed."""


@dataclass(frozen=True)
class OpportunitySpec:
    """The opportunity to open with the conversion."""

    name: str | None = None
    amount: float | None = None
    stage: str = "Prospecting"
    close_date: date | None = None


@dataclass(frozen=True)
class Converted:
    """What a conversion created."""

    conversion_id: str
    contact_id: str
    company_id: str
    company_created: bool
    opportunity_id: str | None


def suggest_companies(store: Store, lead_id: str) -> list[dict[str, Any]]:
    """Companies the lead likely belongs to: the one it works at, then those sharing its email domain."""
    seen: dict[str, dict[str, Any]] = {}
    for row in store.read("manage/company_suggestions", id=lead_id) + store.read("manage/company_same_domain", id=lead_id):
        seen.setdefault(row["id"], row)
    return list(seen.values())


def convert(
    store: Store, lead_id: str, *, by: str | None, company_id: str | None = None,
    company_name: str | None = None, opportunity: OpportunitySpec | None = None, clock: Clock = SYSTEM,
) -> Converted:
    """Convert a qualified lead: Contact (+ new Company unless ``company_id``) (+ Opportunity). One transaction."""
    now = clock.now()
    with store.transaction():
        lead = lead_row(store, lead_id)
        if lead["status"] != "qualified":
            raise ConversionError(f"only a qualified lead can be converted (this one is {lead['status'] or 'new'})")
        before = store.read("manage/lead_restore_point", id=lead_id)[0]
        created = company_id is None
        if created:
            company_id = new_id("company")
            name = (company_name or lead["company_name"] or "").strip()
            if not name:
                raise ConversionError("name the new company (the lead has no company name)")
            store.write("manage/company_from_lead", lead_id=lead_id, company_id=company_id, name=name, now=now)
        elif not store.read("manage/company_get", id=company_id):
            raise ConversionError(f"no company {company_id!r}")
        contact_id = new_id("contact")
        store.write("manage/contact_from_lead", lead_id=lead_id, contact_id=contact_id, company_id=company_id,
                    now=now)
        store.write("manage/owner_link", owner_id=lead["owner_id"], id=contact_id, now=now, label="Contact")
        for rel in IDENTITY_RELS:
            store.write("manage/contact_identity", lead_id=lead_id, contact_id=contact_id, now=now, rel=rel)
        opportunity_id = None
        if opportunity is not None:
            opportunity_id = new_id("opp")
            store.write(
                "manage/opportunity_from_lead", lead_id=lead_id, opportunity_id=opportunity_id,
                company_id=company_id, now=now,
                name=opportunity.name or f"{lead['company_name'] or lead['name']} – {lead['name']}",
                amount=opportunity.amount, stage=opportunity.stage, close_date=opportunity.close_date,
            )
            store.write("manage/owner_link", owner_id=lead["owner_id"], id=opportunity_id, now=now, label="Opportunity")
        change = record_change(store, lead_id, lead["status"], "converted", by=by, reason="converted", at=now)
        store.write("manage/lead_converted", id=lead_id, now=now)
        conversion_id = new_id("conv")
        undo_info = {
            "lead": {k: _jsonable(v) for k, v in before.items()},
            "status_change_id": change.id,
            "degrees": {
                "Contact": _degree(store, "Contact", contact_id),
                "Company": _degree(store, "Company", company_id) if created else None,
                "Opportunity": _degree(store, "Opportunity", opportunity_id) if opportunity_id else None,
            },
        }
        store.write("manage/conversion_create", conversion_id=conversion_id, lead_id=lead_id, contact_id=contact_id,
                    company_id=company_id, company_created=created, opportunity_id=opportunity_id,
                    lead_before=json.dumps(undo_info, sort_keys=True), by=by, now=now)
    return Converted(conversion_id, contact_id, company_id, created, opportunity_id)


def last_conversion(store: Store, lead_id: str) -> dict[str, Any] | None:
    """The lead's conversion that is still in force, if any."""
    rows = store.read("manage/conversion_of_lead", lead_id=lead_id)
    return rows[0] if rows else None


def undo_conversion(store: Store, conversion_id: str, *, by: str | None, clock: Clock = SYSTEM) -> None:
    """Remove what a conversion created and restore the lead, if nothing changed since. One transaction."""
    now = clock.now()
    with store.transaction():
        rows = store.read("manage/conversion_get", id=conversion_id)
        if not rows:
            raise ConversionError(f"no conversion {conversion_id!r}")
        conv = rows[0]
        if conv["status"] != "done":
            raise ConversionError("this conversion was already undone")
        info = json.loads(conv["lead_before"])
        checks = [("Contact", conv["contact_id"]), ("Opportunity", conv["opportunity_id"])]
        if conv["company_created"]:
            checks.append(("Company", conv["company_id"]))
        for label, node_id in checks:
            if node_id is None:
                continue
            props = store.read("manage/node_updated", id=node_id, label=label)
            if not props or props[0]["updated_at"] != conv["at"] or _degree(store, label, node_id) != info["degrees"][label]:
                raise ConversionError(f"the {label.lower()} has changed since the conversion: undo it by hand")
        for label, node_id in checks:
            if node_id is not None:
                store.write("manage/node_delete", id=node_id, label=label)
        store.write("manage/status_change_delete", id=info["status_change_id"])
        lead = info["lead"]
        store.write("manage/lead_restore", id=conv["lead_id"], status=lead["status"],
                    converted_at=_datetime(lead["converted_at"]), updated_at=_datetime(lead["updated_at"]))
        store.write("manage/conversion_undone", id=conversion_id, by=by, now=now)


def _degree(store: Store, label: str, node_id: str) -> int:
    return int(store.read("manage/node_degree", id=node_id, label=label)[0]["n"])


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
