"""A deterministic, realistic CRM for demos, tests and benchmarks.

Same seed, same data: companies (US and Chinese), reps, channels, campaigns
with costs, leads with identities and owners, multi-touch journeys over a year,
conversions to contacts and opportunities, follow-ups, referrals, and planted
duplicates with the variations real data has. Values are shaped the way the
importer writes them (same ids, same normalised keys).
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from graphcrm.demo import vocab
from graphcrm.ingest import keys
from graphcrm.ingest.normalise import company_key, person_name
from graphcrm.ingest.prepare import channel_of

REFERENCE = datetime(2026, 11, 1)  # "today" of the demo world, fixed so output never depends on the clock
SPAN_DAYS = 365
BATCH = "demo"
SYSTEM = "demo"
STATUS_WEIGHTS = (("new", 30), ("working", 30), ("qualified", 12), ("disqualified", 20), ("converted", 8))
STATUS_ORIGINAL = {"new": "Open - Not Contacted", "working": "Working - Contacted", "qualified": "Qualified",
                   "disqualified": "Closed - Not Converted", "converted": "Closed - Converted"}


@dataclass
class DemoData:
    """Frames ready for bulk loading, and the planted duplicate pairs."""

    nodes: dict[str, pd.DataFrame] = field(default_factory=dict)
    rels: list[tuple[str, str, str, pd.DataFrame]] = field(default_factory=list)
    truth: pd.DataFrame = field(default_factory=pd.DataFrame)

    def counts(self) -> dict[str, int]:
        """Rows per label and per relationship type."""
        out: dict[str, int] = {label: len(frame) for label, frame in self.nodes.items()}
        for rel, _, _, frame in self.rels:
            out[rel] = out.get(rel, 0) + len(frame)
        return out


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        self.phones: set[str] = set()
        self.emails: set[str] = set()

    def node(self, label: str, **props: Any) -> dict[str, Any]:
        created = props.pop("created_at", None) or REFERENCE - timedelta(days=SPAN_DAYS)
        row = {**props, "batch_id": BATCH, "created_at": created, "updated_at": created}
        self.nodes[label].append(row)
        return row

    def rel(self, rel: str, a: str, b: str, src: str, dst: str, **props: Any) -> None:
        self.rels[(rel, a, b)].append({"from": src, "to": dst, "batch_id": BATCH,
                                       "created_at": props.pop("created_at", REFERENCE), **props})

    def when(self, start: datetime, end: datetime = REFERENCE) -> datetime:
        span = max(60, int((end - start).total_seconds()))
        return (start + timedelta(seconds=self.rng.randrange(span))).replace(microsecond=0)

    def phone(self, country: str) -> str:
        while True:
            if country == "CN":
                number = f"+861{self.rng.choice('35789')}{self.rng.randrange(10**9):09d}"
            else:
                number = f"+1{self.rng.randrange(201, 990)}{self.rng.randrange(200, 999)}{self.rng.randrange(10**4):04d}"
            if number not in self.phones:
                self.phones.add(number)
                return number


def generate(leads: int = 5000, seed: int = 7) -> DemoData:
    """Build the demo CRM with ``leads`` leads (plus about 4% planted duplicates)."""
    b = _Builder(seed)
    reps = _reps(b)
    sources = _sources(b)
    campaigns = _campaigns(b, sources, max(8, leads // 60))
    companies = _companies(b, max(20, leads // 8))
    people = _leads(b, leads, companies, reps, sources)
    _journeys(b, people, campaigns)
    _conversions(b, people)
    _activities(b, people)
    _referrals(b, people)
    truth = _duplicates(b, people, max(1, leads * 4 // 100))
    data = DemoData(truth=pd.DataFrame(truth, columns=["lead_a", "lead_b", "variation"]))
    data.nodes = {
        label: pd.DataFrame([{k: v for k, v in row.items() if not k.startswith("_")} for row in rows])
        .drop_duplicates("id", keep="first").reset_index(drop=True)
        for label, rows in b.nodes.items()
    }
    data.rels = [(rel, a, c, pd.DataFrame(rows)) for (rel, a, c), rows in b.rels.items()]
    return data


def _reps(b: _Builder) -> list[dict[str, Any]]:
    out = []
    for name, region, team in vocab.REPS:
        local = keys.digest(name)[:6] if any(ord(ch) > 127 for ch in name) else name.lower().replace(" ", ".")
        out.append(b.node("Rep", id=keys.rep_id(name), external_id=None, source_system=SYSTEM, name=name,
                          email=f"{local}@graphcrm-demo.com", region=region, team=team,
                          capacity=b.rng.choice((150, 200, 250, 300)), active=True))
    return out


def _sources(b: _Builder) -> list[dict[str, Any]]:
    return [b.node("Source", id=keys.source_id(name), name=name, channel=channel_of(name))
            for name, _, _ in vocab.SOURCES]


def _campaigns(b: _Builder, sources: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    out = []
    power = {name: p for name, _, p in vocab.SOURCES}
    for i in range(n):
        source = sources[i % len(sources)]
        start = b.when(REFERENCE - timedelta(days=SPAN_DAYS), REFERENCE - timedelta(days=20))
        end = start + timedelta(days=b.rng.choice((7, 14, 30, 60, 90)))
        budget = float(b.rng.randrange(20, 400) * 100)
        theme = b.rng.choice(vocab.CAMPAIGN_THEMES)
        row = b.node("Campaign", id=keys.record_id("Campaign", SYSTEM, f"CMP{i:05d}"), external_id=f"CMP{i:05d}",
                     source_system=SYSTEM, name=f"{theme} {source['name']} {2026 if start.year == 2026 else 2025} #{i + 1}",
                     type=vocab.CAMPAIGN_TYPES[source["name"]], status="Completed" if end < REFERENCE else "In Progress",
                     start_date=start.date(), end_date=end.date(), budgeted_cost=budget,
                     actual_cost=round(budget * b.rng.uniform(0.6, 1.2), 2), created_at=start - timedelta(days=7))
        row["_start"], row["_end"], row["_power"], row["_source"] = start, end, power[source["name"]], source
        b.rel("ON_CHANNEL", "Campaign", "Source", row["id"], source["id"], created_at=row["created_at"])
        out.append(row)
    return out


def _companies(b: _Builder, n: int) -> list[dict[str, Any]]:
    out, seen = [], set()
    for i in range(n):
        chinese = b.rng.random() < 0.25
        if chinese:
            city, word, kind = (b.rng.choice(vocab.CN_CITIES), b.rng.choice(vocab.CN_COMPANY_WORDS),
                                b.rng.choice(vocab.CN_COMPANY_KINDS))
            name = f"{city}{word}{kind}有限公司"
            domain = f"{vocab.CN_COMPANY_PINYIN[word]}{i}.cn"
            place = {"city": city, "region": vocab.CN_PROVINCES[city], "country": "CN"}
            industry = b.rng.choice(vocab.CN_INDUSTRIES)
        else:
            word, kind = b.rng.choice(vocab.COMPANY_WORDS), b.rng.choice(vocab.COMPANY_KINDS)
            name = f"{word} {kind} {b.rng.choice(vocab.US_SUFFIXES)}"
            domain = f"{word}{kind}".lower() + ".com"
            city, state = b.rng.choice(vocab.US_CITIES)
            place = {"city": city, "region": state, "country": "US"}
            industry = b.rng.choice(vocab.INDUSTRIES)
        key = company_key(name)
        if key in seen:
            name = f"{name.split(' ')[0]} {i} {' '.join(name.split(' ')[1:])}" if not chinese else f"{city}{word}{i}{kind}有限公司"
            key = company_key(name)
            domain = domain.replace(".", f"{i}.", 1) if not chinese else domain
        seen.add(key)
        row = b.node("Company", id=keys.company_id(key), external_id=None, source_system=SYSTEM, name=name,
                     name_key=key, domain=domain, website=f"www.{domain}", industry=industry,
                     employees=b.rng.choice((10, 50, 250, 1000, 5000)), annual_revenue=None, **place,
                     created_at=b.when(REFERENCE - timedelta(days=SPAN_DAYS * 2), REFERENCE - timedelta(days=SPAN_DAYS)))
        row["_chinese"] = chinese
        b.node("Domain", id=domain, created_at=row["created_at"])
        b.rel("HAS_DOMAIN", "Company", "Domain", row["id"], domain, created_at=row["created_at"])
        out.append(row)
    return out


def _person(b: _Builder, chinese: bool) -> dict[str, Any]:
    if chinese:
        last, first = b.rng.choice(vocab.CN_SURNAMES), b.rng.choice(vocab.CN_GIVEN)
    else:
        first, last = b.rng.choice(vocab.FIRST_NAMES), b.rng.choice(vocab.LAST_NAMES)
    return {"first": first, "last": last}


def _person_props(first: str, last: str) -> dict[str, Any]:
    name = person_name(first, last)
    assert name is not None
    return {"first_name": name.first, "last_name": name.last, "name": name.full, "name_key": name.key,
            "pinyin_key": name.pinyin_key}


def _email_local(first: str, last: str, b: _Builder) -> str:
    pinyin = person_name(first, last)
    text = pinyin.pinyin_key if pinyin and any(ord(c) > 127 for c in first + last) else f"{first}.{last}".lower()
    return f"{text}{b.rng.randrange(100) if b.rng.random() < 0.3 else ''}"


def _leads(b: _Builder, n: int, companies: list[dict[str, Any]], reps: list[dict[str, Any]],
           sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    weights = [w for _, w, _ in vocab.SOURCES]
    statuses = [s for s, _ in STATUS_WEIGHTS]
    status_weights = [w for _, w in STATUS_WEIGHTS]
    # a few companies have many leads (accounts with buying committees), most have a handful
    company_cum = list(itertools.accumulate(1.0 / (1 + i) ** 0.6 for i in range(len(companies))))
    us_reps = [r for r in reps if r["region"].startswith("US")]
    cn_reps = [r for r in reps if r["region"].startswith("CN")]
    people = []
    for i in range(n):
        company = b.rng.choices(companies, cum_weights=company_cum)[0]
        chinese = company["_chinese"] and b.rng.random() < 0.9
        person = _person(b, chinese)
        source_index = b.rng.choices(range(len(sources)), weights)[0]
        source = sources[source_index]
        free = b.rng.random() < 0.08
        domain = b.rng.choice(vocab.FREE_MAIL_CN if chinese else vocab.FREE_MAIL_US) if free else company["domain"]
        email = f"{_email_local(person['first'], person['last'], b)}@{domain}".lower()
        if free or email in b.emails:
            email = email.replace("@", f"{i}@", 1)
        b.emails.add(email)
        created = b.when(REFERENCE - timedelta(days=SPAN_DAYS))
        status = b.rng.choices(statuses, status_weights)[0]
        rep = b.rng.choice(cn_reps if company["_chinese"] else us_reps)
        lead_id = keys.record_id("Lead", SYSTEM, f"L{i:07d}")
        props = _person_props(person["first"], person["last"])
        rating = b.rng.choices(("hot", "warm", "cold"), (2, 3, 5))[0]
        row = b.node(
            "Lead", id=lead_id, external_id=f"L{i:07d}", source_system=SYSTEM, **props,
            title=b.rng.choice(vocab.CN_TITLES if chinese else vocab.TITLES), email=email,
            phone=b.phone(company["country"]), company_name=company["name"], company_key=company["name_key"],
            industry=company["industry"], city=company["city"], region=company["region"],
            country=company["country"], status=status, status_original=STATUS_ORIGINAL[status],
            rating=rating, rating_original=rating.title(), score=float(b.rng.randrange(0, 100)),
            created_at=created,
        )
        row["_company"], row["_source"], row["_power"], row["_rep"] = (
            company, source, vocab.SOURCES[source_index][2], rep)
        row["_free"] = free
        _identity_links(b, row, company, domain if not free else None)
        b.rel("FROM_SOURCE", "Lead", "Source", lead_id, source["id"], created_at=created)
        b.rel("OWNS", "Rep", "Lead", rep["id"], lead_id, since=created, created_at=created)
        people.append(row)
    return people


def _identity_links(b: _Builder, row: dict[str, Any], company: dict[str, Any], work_domain: str | None) -> None:
    created = row["created_at"]
    b.node("Email", id=row["email"], created_at=created)
    b.node("Phone", id=row["phone"], created_at=created)
    b.rel("HAS_EMAIL", "Lead", "Email", row["id"], row["email"], created_at=created)
    b.rel("HAS_PHONE", "Lead", "Phone", row["id"], row["phone"], created_at=created)
    b.rel("WORKS_AT", "Lead", "Company", row["id"], company["id"], created_at=created)
    if work_domain:
        b.rel("HAS_DOMAIN", "Lead", "Domain", row["id"], work_domain, created_at=created)


def _journeys(b: _Builder, people: list[dict[str, Any]], campaigns: list[dict[str, Any]]) -> None:
    """Touchpoints over time; converted leads were touched more, and by stronger channels."""
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for campaign in campaigns:
        by_source[campaign["_source"]["id"]].append(campaign)
    strong = sorted(campaigns, key=lambda c: -c["_power"])[: max(3, len(campaigns) // 3)]
    for person in people:
        converted = person["status"] == "converted"
        count = min(12, int(b.rng.expovariate(1 / (7.0 if converted else 3.5))))
        start = person["created_at"] - timedelta(days=b.rng.randrange(1, 30))
        end = REFERENCE
        if converted:
            end = b.when(person["created_at"] + timedelta(days=5), REFERENCE)
            person["converted_at"] = end
        first = by_source.get(person["_source"]["id"]) or campaigns
        seen: set[tuple[str, datetime]] = set()
        for k in range(max(count, 1 if converted else 0)):
            pool = first if k == 0 else (strong if converted and b.rng.random() < 0.6 else campaigns)
            campaign = b.rng.choice(pool)
            at = start if k == 0 else b.when(start, end)
            if (campaign["id"], at) in seen:
                continue
            seen.add((campaign["id"], at))
            kind = b.rng.choice(vocab.TOUCH_KINDS)
            b.rel("TOUCHED_BY", "Lead", "Campaign", person["id"], campaign["id"], at=at, kind=kind,
                  key=keys.touch_key(person["id"], campaign["id"], at, None),
                  responded_at=at + timedelta(hours=2) if kind in ("responded", "attended") else None,
                  created_at=at)


def _conversions(b: _Builder, people: list[dict[str, Any]]) -> None:
    for i, person in enumerate(p for p in people if p["status"] == "converted"):
        at = person["converted_at"]
        company = person["_company"]
        contact_id = keys.record_id("Contact", SYSTEM, person["external_id"])
        b.node("Contact", id=contact_id, external_id=person["external_id"], source_system=SYSTEM,
               **{k: person[k] for k in ("first_name", "last_name", "name", "name_key", "pinyin_key", "title",
                                         "email", "phone", "company_name", "company_key", "industry", "city",
                                         "region", "country")},
               status="converted", created_at=at)
        b.rel("CONVERTED_TO", "Lead", "Contact", person["id"], contact_id, at=at, created_at=at)
        b.rel("WORKS_AT", "Contact", "Company", contact_id, company["id"], created_at=at)
        b.rel("HAS_EMAIL", "Contact", "Email", contact_id, person["email"], created_at=at)
        b.rel("HAS_PHONE", "Contact", "Phone", contact_id, person["phone"], created_at=at)
        roll = b.rng.random()
        stage, won = ("Closed Won", True) if roll < 0.45 else ("Closed Lost", False) if roll < 0.7 else (
            b.rng.choice(vocab.OPPORTUNITY_STAGES), None)
        close = (at + timedelta(days=b.rng.randrange(14, 120))).date()
        amount = float(round(b.rng.lognormvariate(10.2, 0.8) / 100) * 100)
        opp_id = keys.record_id("Opportunity", SYSTEM, f"O{i:07d}")
        product = b.rng.choice(("Pilot", "Platform", "Expansion", "Renewal"))
        b.node("Opportunity", id=opp_id, external_id=f"O{i:07d}", source_system=SYSTEM,
               name=f"{company['name']} - {product}", company_name=company["name"], stage=stage,
               amount=amount, close_date=close, won=won, created_at=at)
        b.rel("CONVERTED_TO", "Lead", "Opportunity", person["id"], opp_id, at=at, created_at=at)
        b.rel("FOR_COMPANY", "Opportunity", "Company", opp_id, company["id"], created_at=at)
        b.rel("OWNS", "Rep", "Opportunity", person["_rep"]["id"], opp_id, since=at, created_at=at)
    for person in people:
        if person["status"] == "converted":
            b.nodes["Lead"][_index(b, person)]["converted_at"] = person["converted_at"]


def _index(b: _Builder, person: dict[str, Any]) -> int:
    return int(person["external_id"][1:])


def _activities(b: _Builder, people: list[dict[str, Any]]) -> None:
    outcomes = ("reached", "left voicemail", "no answer", "interested", "not now", "sent proposal")
    for person in people:
        if person["status"] not in ("working", "qualified", "converted") and b.rng.random() > 0.1:
            continue
        last = None
        for j in range(b.rng.randrange(1, 4)):
            at = b.when(person["created_at"], REFERENCE)
            kind = b.rng.choice(("call", "email", "meeting", "note"))
            activity_id = keys.content_id("Activity", SYSTEM, person["id"], j)
            next_at = at + timedelta(days=b.rng.choice((1, 3, 7, 14)))
            b.node("Activity", id=activity_id, external_id=None, source_system=SYSTEM, type=kind, at=at,
                   outcome=b.rng.choice(outcomes), note=f"{kind.title()} with {person['name']}",
                   next_at=next_at.replace(hour=10, minute=0, second=0), created_at=at)
            b.rel("LOGGED", "Rep", "Activity", person["_rep"]["id"], activity_id, created_at=at)
            b.rel("ABOUT", "Activity", "Lead", activity_id, person["id"], created_at=at)
            last = max(last or at, at)
        b.nodes["Lead"][_index(b, person)]["last_activity_at"] = last


def _referrals(b: _Builder, people: list[dict[str, Any]]) -> None:
    for person in people:
        if person["_source"]["name"] == "Referral" or b.rng.random() < 0.01:
            earlier = [p for p in b.rng.sample(people, min(5, len(people))) if p["created_at"] < person["created_at"]]
            if earlier:
                b.rel("REFERRED_BY", "Lead", "Lead", person["id"], earlier[0]["id"], created_at=person["created_at"])


def _duplicates(b: _Builder, people: list[dict[str, Any]], n: int) -> list[tuple[str, str, str]]:
    """Copies of existing leads as other channels deliver them: nicknames, typos, other phone formats."""
    truth = []
    for k, original in enumerate(b.rng.sample(people, min(n, len(people)))):
        chinese = any(ord(ch) > 127 for ch in original["name"])
        first, last = original["first_name"], original["last_name"]
        kinds = ("nickname", "typo", "personal_email", "no_email", "company_suffix") if not chinese else (
            "typo", "pinyin", "personal_email", "no_email")
        variation = kinds[k % len(kinds)]  # every kind of variation turns up, even in a small demo
        email, work_domain = original["email"], None if original["_free"] else original["_company"]["domain"]
        company_name = original["company_name"]
        if variation == "nickname":
            first = vocab.NICKNAMES.get(first, first[:-1] if len(first) > 3 else first)
        elif variation == "typo":
            if chinese:
                first = "".join(vocab.CN_TYPO.get(ch, ch) for ch in first)
            else:
                pos = b.rng.randrange(1, len(last))
                last = last[:pos] + last[pos + 1:] if b.rng.random() < 0.5 else last[:pos] + last[pos - 1] + last[pos:]
        elif variation == "pinyin":
            pinyin = person_name(first, last)
            assert pinyin is not None
            from pypinyin import lazy_pinyin

            first, last = "".join(lazy_pinyin(first)).title(), "".join(lazy_pinyin(last)).title()
        if variation in ("personal_email", "pinyin") or (variation == "nickname" and b.rng.random() < 0.5):
            domain = b.rng.choice(vocab.FREE_MAIL_CN if chinese else vocab.FREE_MAIL_US)
            email, work_domain = f"{_email_local(first, last, b)}{k}@{domain}".lower(), None
        elif variation == "no_email":
            email = None
        if variation == "company_suffix":
            company_name = company_name.rsplit(" ", 1)[0] if " " in company_name else company_name + " Inc."
        index = len(b.nodes["Lead"])
        external = f"D{k:07d}"
        lead_id = keys.record_id("Lead", SYSTEM, external)
        source = b.rng.choice([s for s in b.nodes["Source"]])
        created = b.when(original["created_at"], REFERENCE)
        row = b.node("Lead", id=lead_id, external_id=external, source_system=SYSTEM, **_person_props(first, last),
                     title=original["title"], email=email, phone=original["phone"] if b.rng.random() < 0.7 else None,
                     company_name=company_name, company_key=company_key(company_name), industry=original["industry"],
                     city=original["city"], region=original["region"], country=original["country"],
                     status="new", status_original=STATUS_ORIGINAL["new"], rating="cold", rating_original="Cold",
                     score=float(b.rng.randrange(0, 60)), created_at=created)
        assert index == len(b.nodes["Lead"]) - 1
        if email:
            b.node("Email", id=email, created_at=created) if email != original["email"] else None
            b.rel("HAS_EMAIL", "Lead", "Email", lead_id, email, created_at=created)
        if row["phone"]:
            b.rel("HAS_PHONE", "Lead", "Phone", lead_id, row["phone"], created_at=created)
        b.rel("WORKS_AT", "Lead", "Company", lead_id, original["_company"]["id"], created_at=created)
        if work_domain and email and email.endswith("@" + work_domain):
            b.rel("HAS_DOMAIN", "Lead", "Domain", lead_id, work_domain, created_at=created)
        b.rel("FROM_SOURCE", "Lead", "Source", lead_id, source["id"], created_at=created)
        b.rel("OWNS", "Rep", "Lead", original["_rep"]["id"], lead_id, since=created, created_at=created)
        truth.append((original["id"], lead_id, variation))
    return truth
