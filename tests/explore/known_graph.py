"""A small graph whose neighbours, reasons and paths are known by hand.

    Ann Lee (lead-ann) ──WORKS_AT──► Acme ◄──WORKS_AT── Bob Stone (lead-bob)
      │ HAS_EMAIL ann@acme.com ◄── HAS_EMAIL ── Anne Lee (lead-anne, a second record of Ann)
      │ HAS_PHONE +14155550100 ◄── HAS_PHONE ── Bob
      │ HAS_DOMAIN acme.com ◄── Acme, Bob, Cat Wu (lead-cat, at another company: Beta)
      │ TOUCHED_BY Webinar (twice) ◄── Bob, Dan (lead-dan); Webinar ON_CHANNEL Web
      │ REFERRED_BY ◄── Eve (lead-eve: referred by Ann)
    Rep Rita OWNS Ann, Bob, Dan, Eve;  Fay (lead-fay) shares nothing (an island but her owner Sam)
    Eve ── converted ──► Contact Eve (contact-eve) ── WORKS_AT ──► Beta
    Zed (lead-xss) has hostile text in name and company.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from graphcrm.store import Store

T0 = dt.datetime(2026, 3, 1, 9, 0)
XSS_NAME = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> href'
XSS_COMPANY = '<a href="javascript:window.__pwned=3">Evil & Co</a>'

LEADS = [
    {"id": "lead-ann", "name": "Ann Lee", "email": "ann@acme.com", "phone": "+14155550100", "status": "working",
     "rating": "hot", "company_name": "Acme Inc", "title": "CTO", "score": 80.0},
    {"id": "lead-anne", "name": "Anne Lee", "email": "ann@acme.com", "status": "new", "rating": "warm",
     "company_name": "ACME"},
    {"id": "lead-bob", "name": "Bob Stone", "email": "bob@acme.com", "phone": "+14155550100", "status": "qualified",
     "rating": "warm", "company_name": "Acme Inc"},
    {"id": "lead-cat", "name": "Cat Wu", "email": "cat@acme.com", "status": "new", "company_name": "Beta GmbH"},
    {"id": "lead-dan", "name": "Dan Berg", "email": "dan@gmail.com", "status": "disqualified", "rating": "cold"},
    {"id": "lead-eve", "name": "Eve Park", "email": "eve@beta.de", "status": "converted"},
    {"id": "lead-fay", "name": "Fay 王芳", "email": "fay@qq.com", "phone": "+8613800138000", "status": "new",
     "pinyin_key": "wangfang"},
    {"id": "lead-xss", "name": XSS_NAME, "company_name": XSS_COMPANY, "status": "new", "email": "zed@evil.test"},
]
CONTACTS = [{"id": "contact-eve", "name": "Eve Park", "email": "eve@beta.de"}]
COMPANIES = [
    {"id": "company-acme", "name": "Acme Inc", "name_key": "acme", "domain": "acme.com", "industry": "Software"},
    {"id": "company-beta", "name": "Beta GmbH", "name_key": "beta", "domain": "beta.de"},
    {"id": "company-xss", "name": XSS_COMPANY, "name_key": "evil"},
]
CAMPAIGNS = [{"id": "campaign-webinar", "name": "Spring Webinar", "type": "Webinar", "actual_cost": 1200.0}]
SOURCES = [{"id": "source-web", "name": "Web", "channel": "web"}]
REPS = [{"id": "rep-rita", "name": "Rita Ray", "team": "West"}, {"id": "rep-sam", "name": "Sam Su", "team": "East"}]
EMAILS = [{"id": e} for e in ("ann@acme.com", "bob@acme.com", "cat@acme.com", "dan@gmail.com", "eve@beta.de", "fay@qq.com")]
PHONES = [{"id": "+14155550100"}, {"id": "+8613800138000"}]
DOMAINS = [{"id": "acme.com"}, {"id": "beta.de"}]

RELS = [
    ("WORKS_AT", "Lead", "Company", [("lead-ann", "company-acme"), ("lead-anne", "company-acme"),
                                     ("lead-bob", "company-acme"), ("lead-cat", "company-beta"),
                                     ("lead-xss", "company-xss")]),
    ("WORKS_AT", "Contact", "Company", [("contact-eve", "company-beta")]),
    ("HAS_EMAIL", "Lead", "Email", [("lead-ann", "ann@acme.com"), ("lead-anne", "ann@acme.com"),
                                    ("lead-bob", "bob@acme.com"), ("lead-cat", "cat@acme.com"),
                                    ("lead-dan", "dan@gmail.com"), ("lead-eve", "eve@beta.de"),
                                    ("lead-fay", "fay@qq.com")]),
    ("HAS_PHONE", "Lead", "Phone", [("lead-ann", "+14155550100"), ("lead-bob", "+14155550100"),
                                    ("lead-fay", "+8613800138000")]),
    ("HAS_DOMAIN", "Lead", "Domain", [("lead-ann", "acme.com"), ("lead-bob", "acme.com"), ("lead-cat", "acme.com"),
                                      ("lead-anne", "acme.com")]),
    ("HAS_DOMAIN", "Company", "Domain", [("company-acme", "acme.com"), ("company-beta", "beta.de")]),
    ("TOUCHED_BY", "Lead", "Campaign", [("lead-ann", "campaign-webinar"), ("lead-ann", "campaign-webinar"),
                                        ("lead-bob", "campaign-webinar"), ("lead-dan", "campaign-webinar")]),
    ("ON_CHANNEL", "Campaign", "Source", [("campaign-webinar", "source-web")]),
    ("FROM_SOURCE", "Lead", "Source", [("lead-dan", "source-web")]),
    ("REFERRED_BY", "Lead", "Lead", [("lead-eve", "lead-ann")]),
    ("OWNS", "Rep", "Lead", [("rep-rita", "lead-ann"), ("rep-rita", "lead-bob"), ("rep-rita", "lead-dan"),
                             ("rep-rita", "lead-eve"), ("rep-sam", "lead-fay")]),
    ("CONVERTED_TO", "Lead", "Contact", [("lead-eve", "contact-eve")]),
]


def build(store: Store) -> None:
    """Write the known graph into an empty store."""
    for label, rows in (("Lead", LEADS), ("Contact", CONTACTS), ("Company", COMPANIES), ("Campaign", CAMPAIGNS),
                        ("Source", SOURCES), ("Rep", REPS), ("Email", EMAILS), ("Phone", PHONES),
                        ("Domain", DOMAINS)):
        store.bulk_create_nodes(label, pd.DataFrame([{**r, "created_at": T0} for r in rows]))
    for rel, a, b, pairs in RELS:
        extra = {"at": T0} if rel in ("TOUCHED_BY", "CONVERTED_TO") else {"since": T0} if rel == "OWNS" else {}
        frame = pd.DataFrame([{"from": x, "to": y, "created_at": T0, **extra} for x, y in pairs])
        store.bulk_create_rels(rel, a, b, frame)
