"""A small sales team and its leads, for lead-management tests.

    Team West: Rita (capacity 3), Walt (capacity 5, inactive later in some tests)
    Team East: Sam (capacity 2)
    Leads: lead-ann (Rita, working, Acme, CTO), lead-bob (Rita, qualified, Acme), lead-cat (unowned, new),
           lead-dan (Sam, new), lead-eve (unowned, new, region CN-East)
    Ann and Bob work at Acme (company-acme, domain acme.com); Ann was touched by the Spring Webinar.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from graphcrm.store import Store

T0 = dt.datetime(2026, 11, 2, 9, 0)  # a Monday morning

REPS = [
    {"id": "rep-rita", "name": "Rita Ray", "team": "West", "region": "US-West", "capacity": 3, "active": True},
    {"id": "rep-walt", "name": "Walt Wu", "team": "West", "region": "US-West", "capacity": 5, "active": True},
    {"id": "rep-sam", "name": "Sam Su", "team": "East", "region": "US-East", "capacity": 2, "active": True},
]
LEADS = [
    {"id": "lead-ann", "name": "Ann Lee", "first_name": "Ann", "last_name": "Lee", "title": "CTO",
     "email": "ann@acme.com", "phone": "+14155550100", "company_name": "Acme Inc", "company_key": "acme",
     "industry": "Software", "employees": 1200, "region": "US-West", "country": "US", "status": "working",
     "rating": "warm", "score": 40.0},
    {"id": "lead-bob", "name": "Bob Stone", "title": "Sales Director", "email": "bob@acme.com",
     "company_name": "Acme Inc", "company_key": "acme", "industry": "Software", "employees": 1200,
     "region": "US-West", "status": "qualified", "rating": "hot", "score": 70.0},
    {"id": "lead-cat", "name": "Cat Wu", "title": "Engineer", "company_name": "Beta GmbH", "industry": "Retail",
     "employees": 40, "region": "US-West", "status": "new"},
    {"id": "lead-dan", "name": "Dan Berg", "title": "Buyer", "company_name": "Dune LLC", "industry": "Retail",
     "employees": 300, "region": "US-East", "status": "new"},
    {"id": "lead-eve", "name": "Eve Park", "title": "经理", "company_name": "东方科技", "employees": 800,
     "region": "CN-East", "status": "new"},
]
COMPANIES = [{"id": "company-acme", "name": "Acme Inc", "name_key": "acme", "domain": "acme.com",
              "industry": "Software", "employees": 1200}]
CAMPAIGNS = [{"id": "campaign-webinar", "name": "Spring Webinar", "type": "Webinar"}]
SOURCES = [{"id": "source-web", "name": "Web", "channel": "web"}]


def _frame(rows: list[dict], created: dt.datetime) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame["created_at"] = created
    frame["updated_at"] = created
    return frame


def _rels(pairs: list[tuple[str, str]], created: dt.datetime, **props: list) -> pd.DataFrame:
    frame = pd.DataFrame({"from": [a for a, _ in pairs], "to": [b for _, b in pairs], **props})
    frame["created_at"] = created
    return frame


def build(store: Store, *, created: dt.datetime = T0 - dt.timedelta(days=10)) -> None:
    """Write the world; ownerships start ``created``."""
    store.bulk_create_nodes("Rep", _frame(REPS, created))
    store.bulk_create_nodes("Lead", _frame(LEADS, created))
    store.bulk_create_nodes("Company", _frame(COMPANIES, created))
    store.bulk_create_nodes("Campaign", _frame(CAMPAIGNS, created))
    store.bulk_create_nodes("Source", _frame(SOURCES, created))
    store.bulk_create_nodes("Email", _frame([{"id": "ann@acme.com"}, {"id": "bob@acme.com"}], created))
    store.bulk_create_nodes("Phone", _frame([{"id": "+14155550100"}], created))
    store.bulk_create_nodes("Domain", _frame([{"id": "acme.com"}], created))
    owned = [("rep-rita", "lead-ann"), ("rep-rita", "lead-bob"), ("rep-sam", "lead-dan")]
    store.bulk_create_rels("OWNS", "Rep", "Lead", _rels(owned, created, since=[created] * 3))
    store.bulk_create_rels("WORKS_AT", "Lead", "Company", _rels([("lead-ann", "company-acme"), ("lead-bob", "company-acme")], created))
    store.bulk_create_rels("HAS_EMAIL", "Lead", "Email", _rels([("lead-ann", "ann@acme.com"), ("lead-bob", "bob@acme.com")], created))
    store.bulk_create_rels("HAS_PHONE", "Lead", "Phone", _rels([("lead-ann", "+14155550100")], created))
    store.bulk_create_rels("HAS_DOMAIN", "Lead", "Domain", _rels([("lead-ann", "acme.com")], created))
    store.bulk_create_rels("HAS_DOMAIN", "Company", "Domain", _rels([("company-acme", "acme.com")], created))
    store.bulk_create_rels("FROM_SOURCE", "Lead", "Source", _rels([("lead-cat", "source-web")], created))
    touched = T0 - dt.timedelta(days=3)
    store.bulk_create_rels("TOUCHED_BY", "Lead", "Campaign", _rels(
        [("lead-ann", "campaign-webinar")], created, key=["t1"], at=[touched], kind=["attended"],
        responded_at=[None]))
    # the scores and ratings above are what an import brought; the rules give every lead its one score
    from graphcrm.clock import FixedClock
    from graphcrm.manage.maintain import rescore

    rescore(store, clock=FixedClock(T0))
