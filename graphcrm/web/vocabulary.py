"""Display names for labels, relationship types, statuses and facts, in the UI language."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l

LABELS = {
    "Lead": _l("Lead"), "Contact": _l("Contact"), "Company": _l("Company"), "Campaign": _l("Campaign"),
    "Source": _l("Source"), "Rep": _l("Rep"), "Opportunity": _l("Opportunity"), "Activity": _l("Activity"),
    "Email": _l("Email"), "Phone": _l("Phone"), "Domain": _l("Domain"),
}
PLURALS = {
    "Lead": _l("leads"), "Contact": _l("contacts"), "Company": _l("companies"), "Campaign": _l("campaigns"),
    "Source": _l("sources"), "Rep": _l("reps"), "Opportunity": _l("opportunities"),
    "Activity": _l("activities"), "Email": _l("emails"), "Phone": _l("phones"), "Domain": _l("domains"),
}
RELATIONSHIPS = {
    "WORKS_AT": _l("works at"), "HAS_DOMAIN": _l("domain"), "HAS_EMAIL": _l("email"), "HAS_PHONE": _l("phone"),
    "FROM_SOURCE": _l("from source"), "ON_CHANNEL": _l("on channel"), "TOUCHED_BY": _l("touched by"),
    "OWNS": _l("owns"), "REFERRED_BY": _l("referred by"), "CONVERTED_TO": _l("converted to"),
    "FOR_COMPANY": _l("for company"), "LOGGED": _l("logged"), "ABOUT": _l("about"),
    "POSSIBLE_DUPLICATE": _l("possible duplicate"), "MERGED_INTO": _l("merged into"),
}
STATUSES = {
    "new": _l("new"), "working": _l("working"), "qualified": _l("qualified"),
    "disqualified": _l("disqualified"), "converted": _l("converted"),
}
RATINGS = {"hot": _l("hot"), "warm": _l("warm"), "cold": _l("cold")}
REASONS = {
    "email": _l("same email"), "phone": _l("same phone"), "company": _l("same company"),
    "domain": _l("same email domain"), "converted_contact": _l("converted to the same contact"),
    "referral": _l("referral"), "same_referrer": _l("same referrer"),
    "same_referring_contact": _l("same referrer"), "campaign": _l("same campaign"),
    "owner": _l("same owner"),
}
FACTS = {
    "title": _l("Title"), "company_name": _l("Company"), "status": _l("Status"), "rating": _l("Rating"),
    "score": _l("Score"), "email": _l("Email"), "phone": _l("Phone"), "mobile": _l("Mobile"),
    "website": _l("Website"), "industry": _l("Industry"), "employees": _l("Employees"),
    "annual_revenue": _l("Annual revenue"), "city": _l("City"), "region": _l("Region"),
    "country": _l("Country"), "domain": _l("Domain"), "type": _l("Type"), "start_date": _l("Start"),
    "end_date": _l("End"), "budgeted_cost": _l("Budgeted cost"), "actual_cost": _l("Actual cost"),
    "channel": _l("Channel"), "team": _l("Team"), "capacity": _l("Capacity"), "stage": _l("Stage"),
    "amount": _l("Amount"), "close_date": _l("Close date"), "won": _l("Won"), "at": _l("At"),
    "outcome": _l("Outcome"), "note": _l("Note"), "next_at": _l("Next follow-up"),
    "source_system": _l("Source system"), "external_id": _l("External id"),
    "created_at": _l("Created"), "updated_at": _l("Updated"), "converted_at": _l("Converted"),
    "last_activity_at": _l("Last activity"),
}
# Which facts each label shows, in order (tooltips use the first few).
SHOWN_FACTS = {
    "Lead": ("title", "company_name", "status", "rating", "score", "email", "phone", "mobile", "industry",
             "city", "country", "source_system", "external_id", "created_at", "last_activity_at", "converted_at"),
    "Contact": ("title", "company_name", "email", "phone", "mobile", "industry", "city", "country",
                "source_system", "external_id", "created_at"),
    "Company": ("industry", "domain", "website", "employees", "annual_revenue", "phone", "city", "country",
                "source_system", "external_id"),
    "Campaign": ("type", "status", "start_date", "end_date", "budgeted_cost", "actual_cost", "external_id"),
    "Source": ("channel",),
    "Rep": ("email", "team", "region", "capacity"),
    "Opportunity": ("stage", "amount", "close_date", "won", "company_name", "external_id"),
    "Activity": ("type", "at", "outcome", "note", "next_at"),
    "Email": (), "Phone": (), "Domain": (),
}
# URL segment of each label's page.
SLUGS = {
    "Lead": "leads", "Contact": "contacts", "Company": "companies", "Campaign": "campaigns",
    "Source": "sources", "Rep": "reps", "Opportunity": "opportunities", "Activity": "activities",
    "Email": "emails", "Phone": "phones", "Domain": "domains",
}
LABEL_OF_SLUG = {slug: label for label, slug in SLUGS.items()}


def text(message: object) -> str:
    """A lazily translated vocabulary entry as text, translated once a request (a graph of 150
    nodes asked for some 1,500 of them, 40 us each through Flask-Babel)."""
    if isinstance(message, str):
        return message
    memo = g.setdefault("graphcrm_vocabulary", {})
    key = id(message)  # the entries are module constants: their ids hold for the process
    if key not in memo:
        memo[key] = str(message)
    return memo[key]


def display(prop: str, value: object) -> str:
    """A property value as the UI shows it (translated status and rating, dates without seconds)."""
    if prop == "status" and value in STATUSES:
        return text(STATUSES[value])
    if prop == "rating" and value in RATINGS:
        return text(RATINGS[value])
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def facts(label: str, props: dict) -> list[tuple[str, str]]:
    """(caption, value) pairs for the facts a node of ``label`` shows, empty ones left out."""
    return [(text(FACTS[p]), display(p, props[p])) for p in SHOWN_FACTS.get(label, ()) if props.get(p) not in (None, "")]
