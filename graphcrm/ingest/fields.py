"""Canonical import fields per record kind.

Every reader and header profile maps source columns onto these names; the
normaliser and the loader only ever see canonical names. Columns that map to
nothing are kept as extra properties (see ``graphcrm.ingest.mapping``).
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What one import file holds."""

    LEADS = "leads"
    CONTACTS = "contacts"
    COMPANIES = "companies"
    CAMPAIGNS = "campaigns"
    TOUCHPOINTS = "touchpoints"
    OPPORTUNITIES = "opportunities"
    REPS = "reps"
    ACTIVITIES = "activities"


PERSON_FIELDS: tuple[str, ...] = (
    "external_id",  # the record's id in the system it came from
    "first_name",
    "last_name",
    "name",  # full name as written (Chinese names usually arrive only like this)
    "title",
    "company_name",
    "email",
    "phone",
    "mobile",
    "website",
    "source",  # lead source / channel (Web, Trade Show, 线索来源 ...)
    "status",
    "rating",
    "owner",  # the owning rep's name or email
    "industry",
    "employees",
    "annual_revenue",
    "street",
    "city",
    "region",  # state / province
    "postcode",
    "country",
    "created_at",
    "last_activity_at",
    "converted",  # flag from the export (Salesforce "Converted" = 1)
    "referred_by",  # external id of the lead or contact that referred this one
    "description",
)

FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.LEADS: PERSON_FIELDS,
    Kind.CONTACTS: PERSON_FIELDS,
    Kind.COMPANIES: (
        "external_id", "name", "website", "domain", "industry", "employees",
        "annual_revenue", "phone", "street", "city", "region", "postcode", "country",
        "owner", "created_at", "description",
    ),
    Kind.CAMPAIGNS: (
        "external_id", "name", "type", "status", "source", "start_date", "end_date",
        "budgeted_cost", "actual_cost", "created_at", "description",
    ),
    Kind.TOUCHPOINTS: (
        "campaign_id",  # the campaign's external id
        "lead_id",  # the lead's (or contact's) external id
        "at",  # when the touch happened
        "kind",  # member status / touch kind: sent, opened, registered, attended ...
        "responded_at",
    ),
    Kind.OPPORTUNITIES: (
        "external_id", "name", "company_name", "lead_id", "stage", "amount",
        "close_date", "owner", "created_at", "won",
    ),
    Kind.REPS: ("external_id", "name", "email", "phone", "region", "team", "capacity"),
    Kind.ACTIVITIES: (
        "external_id", "lead_id", "type", "at", "outcome", "note", "next_at", "owner",
    ),
}

# A row of these kinds must carry at least one of each group to be usable.
REQUIRED_ANY: dict[Kind, tuple[tuple[str, ...], ...]] = {
    Kind.LEADS: (("name", "first_name", "last_name", "email", "phone", "mobile"),),
    Kind.CONTACTS: (("name", "first_name", "last_name", "email", "phone", "mobile"),),
    Kind.COMPANIES: (("name", "website", "domain"),),
    Kind.CAMPAIGNS: (("name", "external_id"),),
    Kind.TOUCHPOINTS: (("campaign_id",), ("lead_id",)),
    Kind.OPPORTUNITIES: (("name", "external_id"),),
    Kind.REPS: (("name", "email"),),
    Kind.ACTIVITIES: (("lead_id",),),
}
