"""A deterministic, realistic CRM for demos, tests and benchmarks.

Same leads and seed, same data, on any machine: nothing depends on the clock
(the demo world's "today" is ``REFERENCE``) or on hash order. The world
(channels, reps, campaigns, US and Chinese companies) is made first; leads follow
in slices of ``SLICE_LEADS`` so 100,000 leads and a million touchpoints never
sit in memory at once. Each slice holds leads with their identities (Email,
Phone, Domain), owners, multi-touch journeys, follow-up activities, referrals,
conversions to contacts and opportunities, and about 4% planted duplicates.

Values are shaped the way ``graphcrm import`` writes them: the same ids
(``graphcrm.ingest.keys``), names and keys from the same normalisers, E.164
phones, lowercase emails, canonical statuses with the source system's word kept.
The planted duplicate pairs are returned in ``DemoData.truth`` and never stored
in the graph.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from pypinyin import lazy_pinyin

from graphcrm.demo import vocab
from graphcrm.ingest import keys
from graphcrm.ingest.normalise import canonical_rating, canonical_stage, canonical_status, company_key, person_name
from graphcrm.ingest.prepare import channel_of

REFERENCE = datetime(2026, 11, 1)  # "now" in the demo world: fixed, so the data never depends on the clock
SPAN_DAYS = 365  # leads arrive over the year before REFERENCE
SLICE_LEADS = 20_000  # leads generated (and loaded) together; part of the data's definition
DUPLICATE_SHARE = 0.04
BATCH = "demo"
SYSTEM = "demo"
GENERATOR_VERSION = 2  # bump when the same (leads, seed) would produce different data
TRUTH_COLUMNS = ("lead_a", "lead_b", "variations", "phone_as_given")
STATUSES = ("new", "working", "qualified", "disqualified", "converted")
NEW, WORKING, QUALIFIED, DISQUALIFIED, CONVERTED = range(5)

_EPOCH = datetime(1970, 1, 1)
_DAY = 86_400
_HOUR = 3_600
_REF = int((REFERENCE - _EPOCH).total_seconds())
_NAT = np.iinfo(np.int64).min  # NaT as int64 seconds
_LETTERS = re.compile(r"[^a-z]+")
_SOURCE_NAMES = tuple(s[0] for s in vocab.SOURCES)
_SHARE = np.array([s[1] for s in vocab.SOURCES], dtype=float) / sum(s[1] for s in vocab.SOURCES)
_POWER = np.array([s[2] for s in vocab.SOURCES])
_CHANNEL = {name: i for i, name in enumerate(_SOURCE_NAMES)}
# days before a campaign starts and after it ends in which its touches happen (invitations, follow-ups)
_WINDOW = {"Email": (0, 14), "Webinar": (21, 7), "Trade Show": (30, 14), "Business Card": (0, 7),
           "Partner": (0, 7), "Import": (0, 21)}
_KIND_CODE = {k: i for i, k in enumerate(vocab.TOUCH_KINDS)}
_STEPS = 4


@dataclass
class DemoData:
    """Frames ready for bulk loading (nodes per label, relationships per (type, from, to)) and the truth."""

    nodes: dict[str, pd.DataFrame] = field(default_factory=dict)
    rels: dict[tuple[str, str, str], pd.DataFrame] = field(default_factory=dict)
    truth: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(TRUTH_COLUMNS)))

    def counts(self) -> dict[str, int]:
        """Rows per node label and per relationship type."""
        out = {label: len(frame) for label, frame in self.nodes.items()}
        for (rel, _, _), frame in self.rels.items():
            out[rel] = out.get(rel, 0) + len(frame)
        return out

    def rows(self) -> int:
        """Nodes plus relationships."""
        return sum(len(f) for f in self.nodes.values()) + sum(len(f) for f in self.rels.values())

    @classmethod
    def concat(cls, parts: Iterable[DemoData]) -> DemoData:
        """One DemoData from several slices (frames concatenated in order)."""
        nodes: dict[str, list[pd.DataFrame]] = {}
        rels: dict[tuple[str, str, str], list[pd.DataFrame]] = {}
        truths = []
        for part in parts:
            for label, frame in part.nodes.items():
                nodes.setdefault(label, []).append(frame)
            for key, frame in part.rels.items():
                rels.setdefault(key, []).append(frame)
            truths.append(part.truth)
        return cls(
            {label: pd.concat(frames, ignore_index=True) for label, frames in nodes.items()},
            {key: pd.concat(frames, ignore_index=True) for key, frames in rels.items()},
            pd.concat(truths, ignore_index=True) if truths else pd.DataFrame(columns=list(TRUTH_COLUMNS)),
        )


def slice_sizes(leads: int) -> list[int]:
    """How many leads each slice holds."""
    if leads < 1:
        raise ValueError(f"leads must be at least 1, not {leads}")
    full, rest = divmod(leads, SLICE_LEADS)
    return [SLICE_LEADS] * full + ([rest] if rest else [])


def generate_slices(leads: int = 5000, seed: int = 7) -> Iterator[DemoData]:
    """The demo CRM a part at a time: the world first, then the leads slice by slice.

    Every part only points at nodes of itself or of earlier parts, so loading
    the parts in order never meets a missing endpoint.
    """
    sizes = slice_sizes(leads)
    world = _World(leads, seed)
    yield world.data()
    state = _State()
    for number, size in enumerate(sizes):
        yield _Slice(world, state, number, size, seed).data()


def generate(leads: int = 5000, seed: int = 7) -> DemoData:
    """The whole demo CRM at once (``leads`` Lead nodes, about 4% of them planted duplicates)."""
    return DemoData.concat(generate_slices(leads, seed))


# -- helpers ----------------------------------------------------------------------------------------


def _dt(seconds: np.ndarray) -> np.ndarray:
    """int64 seconds since the epoch (``_NAT`` for missing) as naive UTC datetime64[s]."""
    return np.asarray(seconds, dtype=np.int64).astype("datetime64[s]")


def _moment(seconds: int) -> datetime:
    return _EPOCH + timedelta(seconds=int(seconds))


def _weighted(pairs: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    return [p[0] for p in pairs], [float(p[1]) for p in pairs]


def _pick(rnd: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    values, weights = _weighted(pairs)
    return rnd.choices(values, weights)[0]


@lru_cache(maxsize=8192)
def _pinyin(text: str) -> str:
    return _LETTERS.sub("", "".join(lazy_pinyin(text)).lower())


def _ascii(text: str) -> str:
    return _LETTERS.sub("", text.lower())


@lru_cache(maxsize=65536)
def _person(first: str, last: str) -> tuple[str | None, ...]:
    name = person_name(first, last)
    assert name is not None
    return name.first, name.last, name.full, name.key, name.pinyin_key


def _frame(columns: dict[str, Any], n: int, created: Any, updated: Any = None) -> pd.DataFrame:
    """A node frame with the bookkeeping columns every demo node has."""
    out = dict(columns)
    out["batch_id"] = np.full(n, BATCH, dtype=object)
    out["created_at"] = created
    out["updated_at"] = created if updated is None else updated
    return pd.DataFrame(out)


def _rel_frame(src: Any, dst: Any, created: Any, **props: Any) -> pd.DataFrame:
    frame = pd.DataFrame({"from": src, "to": dst, **props})
    frame["batch_id"] = BATCH
    frame["created_at"] = created
    return frame


def _us_phone(rnd: random.Random, area: str) -> str:
    exchange = rnd.randrange(200, 1000)
    while exchange % 100 == 11 or exchange == 555:
        exchange = rnd.randrange(200, 1000)
    return f"+1{area}{exchange}{rnd.randrange(10_000):04d}"


def _cn_mobile(rnd: random.Random) -> str:
    return f"+86{rnd.choice(vocab.CN_MOBILE_PREFIXES)}{rnd.randrange(10**8):08d}"


def _cn_landline(rnd: random.Random, area: str) -> str:
    return f"+86{area}{rnd.randrange(5, 9)}{rnd.randrange(10**7):07d}"


def _phone_as_given(rnd: random.Random, e164: str) -> str:
    """The same number the way a person types it (it normalises back to ``e164``)."""
    if e164.startswith("+1"):
        a, b, c = e164[2:5], e164[5:8], e164[8:]
        return rnd.choice((f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"{a}-{b}-{c}", f"+1 {a} {b} {c}", f"1-{a}-{b}-{c}"))
    local = e164[3:]
    if local.startswith("1") and len(local) == 11:
        return rnd.choice((f"{local[:3]} {local[3:7]} {local[7:]}", f"{local[:3]}-{local[3:7]}-{local[7:]}",
                           f"+86 {local}", f"0086 {local[:3]} {local[3:7]} {local[7:]}", local))
    area = local[:2] if local[:2] in ("10", "20", "21", "22", "23", "25", "27", "28", "29") else local[:3]
    rest = local[len(area):]
    return rnd.choice((f"0{area}-{rest}", f"(0{area}) {rest[:4]} {rest[4:]}", f"+86 {area} {rest[:4]} {rest[4:]}"))


# -- the world: channels, reps, companies, campaigns --------------------------------------------------


class _World:
    """Everything the leads point at; small (about leads/8 companies and leads/60 campaigns)."""

    def __init__(self, leads: int, seed: int) -> None:
        rng = np.random.default_rng([seed, 0])
        self.rnd = random.Random(int(rng.integers(2**62)))
        self.rng = rng
        self.setup = _REF - 730 * _DAY
        self.used_phones: set[str] = set()
        self._reps()
        self._companies(max(8, round(leads / 8)))
        self._campaigns(max(8, leads // 60))

    def _reps(self) -> None:
        reps = vocab.REPS
        self.rep_id = np.array([keys.rep_id(r[0]) for r in reps], dtype=object)
        self.rep_region = [r[2] for r in reps]
        self.rep_capacity = [r[4] for r in reps]
        self.rep_candidates: dict[tuple[str, str], list[int]] = {}
        for i, (_, _, region, team, _) in enumerate(reps):
            self.rep_candidates.setdefault((region, team), []).append(i)
            self.rep_candidates.setdefault((region, ""), []).append(i)
            self.rep_candidates.setdefault((region[:2], ""), []).append(i)
        phones = []
        for _, _, region, _, _ in reps:
            phone = _cn_mobile(self.rnd) if region.startswith("CN") else _us_phone(self.rnd, "415")
            self.used_phones.add(phone)
            phones.append(phone)
        n = len(reps)
        self.reps = _frame({
            "id": self.rep_id, "external_id": [f"U{i + 1:03d}" for i in range(n)],
            "source_system": [SYSTEM] * n, "name": [r[0] for r in reps], "email": [r[1] for r in reps],
            "phone": phones, "region": [r[2] for r in reps], "team": [r[3] for r in reps],
            "capacity": [r[4] for r in reps], "active": [True] * n,
        }, n, _dt(np.full(n, self.setup)))

    def owner_for(self, rnd: random.Random, sales_region: str, employees: int) -> int:
        """A rep for a lead: its region's team for the company's size, weighted by capacity."""
        if sales_region.startswith("CN"):
            team = "大客户部" if employees > 500 else "中小客户部"
        else:
            team = "Enterprise" if employees > 1000 else "Mid-Market" if employees > 50 else "SMB"
        pool = (self.rep_candidates.get((sales_region, team)) or self.rep_candidates.get((sales_region, ""))
                or self.rep_candidates[(sales_region[:2], "")])
        return pool[0] if len(pool) == 1 else rnd.choices(pool, [self.rep_capacity[i] for i in pool])[0]

    def _companies(self, n: int) -> None:
        rnd, rng = self.rnd, self.rng
        seen_keys: set[str] = set()
        seen_domains: set[str] = set()
        rows: list[dict[str, Any]] = []
        bands, band_weights = _weighted(vocab.EMPLOYEE_BANDS)
        for i in range(n):
            chinese = rnd.random() < 0.28
            for attempt in range(40):
                made = self._cn_company(attempt) if chinese else self._us_company(attempt)
                key = company_key(made["name"])
                if key and key not in seen_keys and made["domain"] not in seen_domains:
                    break
            else:  # pragma: no cover - the vocabulary is far larger than any demo
                raise RuntimeError("ran out of company names")
            seen_keys.add(key)
            seen_domains.add(made["domain"])
            low, high = rnd.choices(bands, band_weights)[0]
            employees = int(round(np.exp(rnd.uniform(np.log(low), np.log(high + 1)))))
            made.update(name_key=key, employees=min(max(employees, low), high),
                        external_id=f"ACC{i + 1:06d}")
            made["annual_revenue"] = float(round(made["employees"] * rnd.uniform(60_000, 400_000), -3))
            made["phone"] = self._main_line(made)
            made["created"] = _REF - rnd.randrange(400, 1500) * _DAY - rnd.randrange(_DAY)
            rows.append(made)
        self.company_rows = rows
        self.company_id = np.array([keys.company_id(r["name_key"]) for r in rows], dtype=object)
        self.company_market = np.array([r["country"] == "CN" for r in rows], dtype=np.int8)
        weights = np.array([r["employees"] for r in rows], dtype=float) ** 0.35 * rng.lognormal(0, 0.5, n)
        self.company_p = weights / weights.sum()

    def _us_company(self, attempt: int) -> dict[str, Any]:
        rnd = self.rnd
        last = rnd.sample(vocab.LAST_NAMES, 3)
        industry = _pick(rnd, vocab.INDUSTRIES)
        roll = rnd.random()
        if roll < 0.3:
            base, stem = f"{last[0]}-{last[1]}", _ascii(last[0] + last[1])
        elif roll < 0.42:
            base, stem, industry = f"{last[0]}, {last[1]} and {last[2]}", _ascii(last[0] + last[1]), "Consulting"
        elif roll < 0.85:
            word, (kind, industry) = rnd.choice(vocab.COMPANY_WORDS), rnd.choice(vocab.COMPANY_KINDS)
            base, stem = f"{word} {kind}", _ascii(word + kind)
        else:
            kind, industry = rnd.choice(vocab.COMPANY_KINDS)
            base, stem = f"{last[0]} {kind}", _ascii(last[0] + kind)
        if attempt > 20:
            base, stem = f"{base} {attempt}", f"{stem}{attempt}"
        suffix = "" if "," in base else _pick(rnd, vocab.US_SUFFIXES)
        if suffix == "Inc." and rnd.random() < 0.2:
            suffix = ", Inc."
        name = f"{base}{suffix}" if suffix.startswith(",") else f"{base} {suffix}".strip()
        tld = ".io" if industry in ("Software", "Technology") and rnd.random() < 0.2 else rnd.choice(
            (".com", ".com", ".com", ".com", ".net", ".co"))
        city, state, area, region = rnd.choice(vocab.US_CITIES)
        return {"name": name, "domain": stem + tld, "industry": industry, "city": city, "region": state,
                "country": "US", "area": area, "sales_region": region}

    def _cn_company(self, attempt: int) -> dict[str, Any]:
        rnd = self.rnd
        brand = "".join(rnd.sample(vocab.CN_BRAND_CHARS, 3 if attempt > 25 else 2))
        kind, industry = rnd.choice(vocab.CN_COMPANY_KINDS)
        city, province, area, region = rnd.choice(vocab.CN_CITIES)
        suffix = _pick(rnd, vocab.CN_SUFFIXES)
        name = f"{city}{brand}{kind}{suffix}" if rnd.random() < 0.75 else f"{brand}{kind}{suffix}"
        stem = _pinyin(brand)
        if attempt > 3:
            stem += "".join(w[0] for w in lazy_pinyin(kind))
        if attempt > 12:
            stem += str(rnd.randrange(2, 99))
        domain = stem + rnd.choice((".com.cn", ".cn", ".com", ".com.cn"))
        return {"name": name, "domain": domain, "industry": industry, "city": city, "region": province,
                "country": "CN", "area": area, "sales_region": region}

    def _main_line(self, company: dict[str, Any]) -> str:
        while True:
            if company["country"] == "CN":
                phone = _cn_landline(self.rnd, company["area"])
            else:
                phone = _us_phone(self.rnd, company["area"])
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def _campaigns(self, n: int) -> None:
        rnd = self.rnd
        order = ["Paid Search", "Email", "Trade Show", "Webinar", "Social", "Referral", "Partner", "Chat",
                 "Advertisement", "Business Card", "Import", "Web Form"]
        frequency = {"Web Form": 3, "Paid Search": 8, "Social": 8, "Trade Show": 7, "Referral": 2, "Partner": 4,
                     "Email": 22, "Webinar": 12, "Chat": 2, "Business Card": 5, "Import": 4, "Advertisement": 4}
        rows = []
        for i in range(n):
            evergreen = i < 2
            if evergreen:  # always-on website forms, so every day has a campaign to be touched by
                channel, market = "Web Form", i
            else:
                channel = order[i - 2] if i - 2 < len(order) else _pick(rnd, list(frequency.items()))
                market = int(rnd.random() < 0.25)
            shortest, longest, low, high = vocab.CAMPAIGN_SHAPE[channel]
            if evergreen:
                start, days = _REF - 400 * _DAY, 765
            else:
                start = _REF - rnd.randrange(-20, 380) * _DAY
                days = rnd.randint(shortest, longest)
            start -= start % _DAY
            end = start + (days - 1) * _DAY
            names = (vocab.CN_CAMPAIGN_NAMES if market else vocab.CAMPAIGN_NAMES)[channel]
            rows.append(self._campaign_row(i, channel, market, start, end, rnd.choice(names), low, high, evergreen))
        self.campaign_rows = rows
        self.campaign_id = np.array([r["id"] for r in rows], dtype=object)
        self.campaign_channel = np.array([_CHANNEL[r["channel"]] for r in rows])
        self.campaign_market = np.array([r["market"] for r in rows], dtype=np.int8)
        before = np.array([_WINDOW.get(r["channel"], (0, 3))[0] for r in rows]) * _DAY
        after = np.array([_WINDOW.get(r["channel"], (0, 3))[1] for r in rows]) * _DAY
        self.campaign_start = np.array([r["start"] for r in rows])
        self.campaign_end = np.array([r["end"] for r in rows])
        self.window_start = self.campaign_start - before
        self.window_end = self.campaign_end + _DAY - 1 + after
        self.by_channel = [np.flatnonzero(self.campaign_channel == c) for c in range(len(_SOURCE_NAMES))]

    def _campaign_row(self, i: int, channel: str, market: int, start: int, end: int, title: str,
                      low: int, high: int, evergreen: bool) -> dict[str, Any]:
        rnd = self.rnd
        begins = _moment(start)
        if evergreen:
            name = title
        elif market:
            name = f"{title} {begins.year}年{begins.month}月" if channel in ("Email", "Webinar", "Social") else \
                f"{begins.year} {title}"
        elif channel in ("Trade Show", "Business Card"):
            name = f"{title} {begins.year}"
        else:
            name = f"{title} - {begins:%b %Y}"
        budget = float(rnd.randrange(low // 100, high // 100 + 1) * 100)
        if start > _REF:
            status, actual = "Planned", 0.0
        elif end < _REF:
            status, actual = "Completed", round(budget * rnd.uniform(0.75, 1.15), 2)
        else:
            elapsed = (_REF - start) / max(end - start, _DAY)
            status, actual = "In Progress", round(budget * elapsed * rnd.uniform(0.8, 1.1), 2)
        external = f"CMP{i + 1:05d}"
        return {"id": keys.record_id("Campaign", SYSTEM, external), "external_id": external, "name": name,
                "type": vocab.CAMPAIGN_TYPES[channel], "status": status, "channel": channel, "market": market,
                "start": start, "end": end, "budgeted_cost": budget, "actual_cost": actual,
                "created": start - rnd.randrange(7, 45) * _DAY}

    def data(self) -> DemoData:
        """The world's nodes and relationships."""
        n_src = len(_SOURCE_NAMES)
        setup = _dt(np.full(n_src, self.setup))
        sources = _frame({"id": [keys.source_id(s) for s in _SOURCE_NAMES], "name": list(_SOURCE_NAMES),
                          "channel": [channel_of(s) for s in _SOURCE_NAMES]}, n_src, setup)
        c = pd.DataFrame(self.company_rows)
        nc = len(c)
        created = _dt(c["created"].to_numpy())
        companies = _frame({
            "id": self.company_id, "external_id": c["external_id"], "source_system": [SYSTEM] * nc,
            "name": c["name"], "name_key": c["name_key"], "domain": c["domain"], "website": "www." + c["domain"],
            "industry": c["industry"], "employees": c["employees"], "annual_revenue": c["annual_revenue"],
            "phone": c["phone"], "city": c["city"], "region": c["region"], "country": c["country"],
        }, nc, created)
        domains = _frame({"id": c["domain"]}, nc, created)
        phones = _frame({"id": c["phone"]}, nc, created)
        k = pd.DataFrame(self.campaign_rows)
        nk = len(k)
        k_created = _dt(k["created"].to_numpy())
        campaigns = _frame({
            "id": k["id"], "external_id": k["external_id"], "source_system": [SYSTEM] * nk, "name": k["name"],
            "type": k["type"], "status": k["status"], "start_date": [_moment(s).date() for s in k["start"]],
            "end_date": [_moment(s).date() for s in k["end"]], "budgeted_cost": k["budgeted_cost"],
            "actual_cost": k["actual_cost"],
        }, nk, k_created)
        return DemoData(
            nodes={"Source": sources, "Rep": self.reps, "Company": companies, "Domain": domains, "Phone": phones,
                   "Campaign": campaigns},
            rels={
                ("HAS_DOMAIN", "Company", "Domain"): _rel_frame(self.company_id, c["domain"], created),
                ("HAS_PHONE", "Company", "Phone"): _rel_frame(self.company_id, c["phone"], created),
                ("ON_CHANNEL", "Campaign", "Source"): _rel_frame(
                    k["id"], [keys.source_id(ch) for ch in k["channel"]], k_created),
            },
        )

    def pick_campaigns(self, rng: np.random.Generator, channel: np.ndarray, market: np.ndarray,
                       at: np.ndarray) -> np.ndarray:
        """For each touch: a campaign of its channel running at that time (its market preferred).

        Falls back to any running campaign when the channel has none then; -1 when nothing runs.
        """
        out = np.full(len(at), -1, dtype=np.int64)
        for c, candidates in enumerate(self.by_channel):
            rows = np.flatnonzero(channel == c)
            if rows.size and candidates.size:
                out[rows] = self._running(rng, candidates, market[rows], at[rows])
        missing = np.flatnonzero(out < 0)
        if missing.size:
            out[missing] = self._running(rng, np.arange(len(self.campaign_id)), market[missing], at[missing])
        return out

    def _running(self, rng: np.random.Generator, candidates: np.ndarray, market: np.ndarray,
                 at: np.ndarray, chunk: int = 4096) -> np.ndarray:
        out = np.full(len(at), -1, dtype=np.int64)
        start, end = self.window_start[candidates], self.window_end[candidates]
        camp_market = self.campaign_market[candidates]
        for lo in range(0, len(at), chunk):
            t = at[lo:lo + chunk, None]
            weight = ((start <= t) & (t <= end)) * np.where(camp_market == market[lo:lo + chunk, None], 6.0, 1.0)
            cumulative = np.cumsum(weight, axis=1)
            total = cumulative[:, -1]
            chosen = (cumulative <= (rng.random(len(t)) * total)[:, None]).sum(axis=1)
            found = total > 0
            out[lo:lo + chunk][found] = candidates[np.minimum(chosen[found], len(candidates) - 1)]
        return out


# -- leads, a slice at a time ------------------------------------------------------------------------


@dataclass
class _State:
    """What later slices need from earlier ones: used identities and the lead pool for referrals."""

    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    pool_lead: list[np.ndarray] = field(default_factory=list)
    pool_contact: list[np.ndarray] = field(default_factory=list)
    pool_created: list[np.ndarray] = field(default_factory=list)
    pool_converted: list[np.ndarray] = field(default_factory=list)


class _Slice:
    """One slice of leads and everything that hangs off them."""

    def __init__(self, world: _World, state: _State, number: int, size: int, seed: int) -> None:
        self.world, self.state, self.number = world, state, number
        self.rng = np.random.default_rng([seed, 1, number])
        self.rnd = random.Random(int(self.rng.integers(2**62)))
        self.state.phones |= world.used_phones
        n_dup = round(size * DUPLICATE_SHARE) if size >= 25 else 0
        self.n_orig = size - n_dup
        self.people: list[dict[str, Any]] = []
        self._originals()
        self.truth = self._duplicates(n_dup)
        self._columns()

    # -- people ---------------------------------------------------------------------------

    def _originals(self) -> None:
        rng, rnd, world = self.rng, self.rnd, self.world
        n = self.n_orig
        company = rng.choice(len(world.company_id), n, p=world.company_p)
        market = world.company_market[company]
        chinese = np.where(market == 1, rng.random(n) < 0.92, rng.random(n) < 0.05)
        created = self._created(market)
        source = rng.choice(len(_SOURCE_NAMES), n, p=_SHARE)
        status = self._status(created, source)
        converted_at = np.full(n, _NAT)
        conv = status == CONVERTED
        delay = np.clip(rng.lognormal(np.log(30), 0.7, n) * _DAY, 2 * _DAY, None).astype(np.int64)
        converted_at[conv] = np.minimum(created[conv] + delay[conv], _REF - 2 * _HOUR)
        surnames, surname_weights = list(vocab.CN_SURNAMES), [1 / (8 + i) for i in range(len(vocab.CN_SURNAMES))]
        for i in range(n):
            c = world.company_rows[company[i]]
            if chinese[i]:
                last, first = rnd.choices(surnames, surname_weights)[0], rnd.choice(vocab.CN_GIVEN)
                if not market[i]:  # a Chinese name in a US system is written in pinyin
                    first, last = _pinyin(first).title(), _pinyin(last).title()
            else:
                first, last = rnd.choice(vocab.FIRST_NAMES), rnd.choice(vocab.LAST_NAMES)
            if rnd.random() < 0.9:
                city, region = c["city"], c["region"]
            else:
                city, region = rnd.choice(vocab.CN_CITIES if market[i] else vocab.US_CITIES)[:2]
            person = {
                "first": first, "last": last, "chinese": bool(chinese[i] and market[i]), "company": int(company[i]),
                "company_name": c["name"], "market": int(market[i]), "created": int(created[i]),
                "source": int(source[i]), "status": int(status[i]), "converted_at": int(converted_at[i]),
                "title": _pick(rnd, vocab.CN_TITLES if chinese[i] and market[i] else vocab.TITLES),
                "city": city, "region": region, "country": c["country"],
                "employees": c["employees"] if rnd.random() < 0.6 else None, "original": -1,
            }
            person["email"], person["work_email"] = self._email(person, c)
            person["phone"] = self._phone(person, c)
            person["owner"] = -1 if status[i] == NEW and rnd.random() < 0.05 else world.owner_for(
                rnd, c["sales_region"], c["employees"])
            self.people.append(person)

    def _created(self, market: np.ndarray) -> np.ndarray:
        """Arrival times: more leads in recent months, fewer at weekends, in local office hours."""
        rng = self.rng
        first_day = _REF // _DAY - SPAN_DAYS
        days = np.arange(SPAN_DAYS) + first_day
        weekday = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
        weight = (0.7 + 0.6 * np.arange(SPAN_DAYS) / SPAN_DAYS) * np.where(weekday >= 5, 0.35, 1.0)
        day = rng.choice(days, len(market), p=weight / weight.sum())
        office_start = np.where(market == 1, 1 * _HOUR, 13 * _HOUR)  # 09:00 in Beijing / New York, as UTC
        return day * _DAY + office_start + rng.integers(0, 10 * _HOUR, len(market))

    def _status(self, created: np.ndarray, source: np.ndarray) -> np.ndarray:
        """A plausible funnel: young leads are new, old ones qualified out or converted, by channel power."""
        age = (_REF - created) / _DAY
        table = np.array([
            [0.70, 0.25, 0.03, 0.02, 0.00],
            [0.38, 0.34, 0.12, 0.11, 0.05],
            [0.26, 0.26, 0.11, 0.27, 0.10],
        ])
        p = table[np.where(age < 14, 0, np.where(age < 60, 1, 2))].copy()
        p[:, CONVERTED] *= _POWER[source] / float(_POWER @ _SHARE)
        p[age < 3, CONVERTED] = 0.0
        p /= p.sum(axis=1, keepdims=True)
        cumulative = p.cumsum(axis=1)
        return (cumulative < self.rng.random(len(created))[:, None]).sum(axis=1).clip(0, 4)

    def _unique_email(self, local: str, domain: str) -> str:
        email = f"{local}@{domain}"
        while email in self.state.emails:
            email = f"{local}{self.rnd.randrange(2, 100)}@{domain}"
        self.state.emails.add(email)
        return email

    def _locals(self, first: str, last: str, chinese: bool) -> tuple[str, str]:
        return (_pinyin(first), _pinyin(last)) if chinese else (_ascii(first), _ascii(last))

    def _work_local(self, first: str, last: str, chinese: bool, avoid: str | None = None) -> str:
        f, s = self._locals(first, last, chinese)
        styles = ([f"{s}{f}", f"{f}.{s}", f"{s}.{f}", f"{s}{f[:1]}", f"{f[:1]}{s}"] if chinese else
                  [f"{f}.{s}", f"{f[:1]}{s}", f, f"{f}{s[:1]}", f"{f}_{s}", f"{s}.{f}"])
        weights = [4, 2, 1, 1, 1] if chinese else [5, 2, 1, 1, 1, 1]
        for _ in range(10):
            local = self.rnd.choices(styles, weights)[0]
            if local != avoid:
                return local
        return f"{f}{s}{self.rnd.randrange(2, 10)}"

    def _free_email(self, first: str, last: str, chinese: bool, market: int) -> str:
        rnd = self.rnd
        f, s = self._locals(first, last, chinese)
        domain = _pick(rnd, vocab.FREE_MAIL_CN if market else vocab.FREE_MAIL_US)
        if domain == "qq.com" and rnd.random() < 0.7:
            local = str(rnd.randrange(10**5, 3 * 10**9))
        elif market:
            number = rnd.randrange(1970, 2004) if rnd.random() < 0.5 else rnd.randrange(1, 999)
            local = rnd.choice((f"{s}{f}", f"{f}{s}", f"{s}_{f}")) + str(number)
        else:
            local = rnd.choice((f"{f}.{s}", f"{f}{s}", f"{f[:1]}{s}")) + str(rnd.randrange(1, 99))
        return self._unique_email(local, domain)

    def _email(self, person: dict[str, Any], company: dict[str, Any]) -> tuple[str | None, bool]:
        roll = self.rnd.random()
        if roll < 0.03:
            return None, False
        if roll < 0.03 + 0.08:
            return self._free_email(person["first"], person["last"], person["chinese"], person["market"]), False
        local = self._work_local(person["first"], person["last"], person["chinese"])
        return self._unique_email(local, company["domain"]), True

    def _phone(self, person: dict[str, Any], company: dict[str, Any]) -> str | None:
        rnd = self.rnd
        roll = rnd.random()
        if roll < 0.08:
            return None
        if roll < 0.08 + 0.05:  # the switchboard: coworkers share it, a trap for naive deduplication
            return company["phone"]
        while True:
            if person["market"]:
                phone = _cn_mobile(rnd) if rnd.random() < 0.85 else _cn_landline(rnd, company["area"])
            else:
                area = company["area"] if rnd.random() < 0.75 else rnd.choice(vocab.US_CITIES)[2]
                phone = _us_phone(rnd, area)
            if phone not in self.state.phones:
                self.state.phones.add(phone)
                return phone

    def _duplicates(self, n: int) -> list[tuple[int, int, str, str | None]]:
        """Copies of leads as another channel delivers them again, with the variations real data has."""
        if n == 0:
            return []
        rnd, world = self.rnd, self.world
        truth = []
        for index in sorted(int(i) for i in self.rng.choice(self.n_orig, n, replace=False)):
            o = self.people[index]
            copy = dict(o, original=index, status=NEW, converted_at=_NAT, employees=o["employees"])
            variations: list[str] = []
            first, last = o["first"], o["last"]
            roll = rnd.random()
            if o["chinese"]:
                if roll < 0.3:
                    first, last = _pinyin(first).title(), _pinyin(last).title()
                    copy["chinese"] = False
                    variations.append("pinyin")
                elif roll < 0.55 and any(ch in vocab.CN_WRONG_CHAR for ch in first):
                    pos = next(i for i, ch in enumerate(first) if ch in vocab.CN_WRONG_CHAR)
                    first = first[:pos] + vocab.CN_WRONG_CHAR[first[pos]] + first[pos + 1:]
                    variations.append("wrong_character")
            elif roll < 0.35 and first in vocab.NICKNAMES:
                first = vocab.NICKNAMES[first]
                variations.append("nickname")
            elif roll < 0.6:
                which = "last" if rnd.random() < 0.6 else "first"
                word = last if which == "last" else first
                word = _typo(rnd, word)
                first, last = (first, word) if which == "last" else (word, last)
                variations.append("typo")
            copy["first"], copy["last"] = first, last
            self._duplicate_email(o, copy, variations)
            roll = rnd.random()
            phone_as_given = None
            if o["phone"] and roll < 0.65:
                phone_as_given = _phone_as_given(rnd, o["phone"])
                variations.append("phone_format")
            elif o["phone"]:
                copy["phone"] = None
                variations.append("no_phone")
            company_name = _company_variant(rnd, o["company_name"])
            if company_name != o["company_name"]:
                copy["company_name"] = company_name
                variations.append("company_name")
            if rnd.random() < 0.3:
                copy["title"] = _pick(rnd, vocab.CN_TITLES if o["chinese"] and o["market"] else vocab.TITLES)
            latest = _REF - _HOUR
            earliest = min(o["created"] + _DAY, latest - _HOUR)
            copy["created"] = rnd.randrange(earliest, latest) if rnd.random() < 0.5 else rnd.randrange(
                earliest, min(latest, earliest + 60 * _DAY))
            copy["status"] = rnd.choices((NEW, WORKING, DISQUALIFIED), (6, 3, 1))[0]
            others = [s for s in range(len(_SOURCE_NAMES)) if s != o["source"]]
            copy["source"] = rnd.choice(others) if rnd.random() < 0.8 else o["source"]
            c = world.company_rows[o["company"]]
            if o["owner"] < 0 or rnd.random() < 0.4:
                copy["owner"] = world.owner_for(rnd, c["sales_region"], c["employees"])
            self.people.append(copy)
            truth.append((index, len(self.people) - 1, "+".join(variations) or "exact", phone_as_given))
        return truth

    def _duplicate_email(self, o: dict[str, Any], copy: dict[str, Any], variations: list[str]) -> None:
        roll = self.rnd.random()
        company = self.world.company_rows[o["company"]]
        if o["email"] and roll < 0.4:
            return
        if roll < 0.65 or (not o["work_email"] and roll < 0.8):
            copy["email"] = self._free_email(copy["first"], copy["last"], copy["chinese"], o["market"])
            copy["work_email"] = False
            variations.append("personal_email")
        elif roll < 0.8:
            local = self._work_local(copy["first"], copy["last"], copy["chinese"],
                                     avoid=o["email"].split("@")[0] if o["email"] else None)
            copy["email"] = self._unique_email(local, company["domain"])
            copy["work_email"] = True
            variations.append("other_work_email")
        elif o["email"]:
            copy["email"], copy["work_email"] = None, False
            variations.append("no_email")

    # -- columns, ids, owners --------------------------------------------------------------

    def _columns(self) -> None:
        people, world = self.people, self.world
        n = len(people)
        self.n = n
        self.created = np.array([p["created"] for p in people], dtype=np.int64)
        order = np.argsort(self.created, kind="stable")
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        offset = self.number * SLICE_LEADS
        self.external = np.array([f"L{offset + r:07d}" for r in rank], dtype=object)
        self.lead_id = np.array([keys.record_id("Lead", SYSTEM, e) for e in self.external], dtype=object)
        self.status = np.array([p["status"] for p in people])
        self.source = np.array([p["source"] for p in people])
        self.market = np.array([p["market"] for p in people], dtype=np.int8)
        self.company = np.array([p["company"] for p in people])
        self.owner = np.array([p["owner"] for p in people])
        self.converted_at = np.array([p["converted_at"] for p in people], dtype=np.int64)
        self.duplicate = np.array([p["original"] >= 0 for p in people])
        rng = self.rng
        self.since = np.minimum(self.created + rng.integers(0, 2 * _DAY, n), _REF - 60)
        # when the lead's story ends: conversion, disqualification, or still open today
        closed = self.created + rng.integers(5, 120, n) * _DAY
        self.journey_end = np.where(self.status == CONVERTED, self.converted_at,
                                    np.where(self.status == DISQUALIFIED, np.minimum(closed, _REF), _REF))
        self.company_ids = world.company_id[self.company]

    # -- journeys ---------------------------------------------------------------------------

    def touches(self) -> pd.DataFrame:
        """TOUCHED_BY edges: the lead's originating campaign, then a journey of engagements.

        Converted leads were touched more, later in the funnel and by stronger channels,
        so first-touch, last-touch and data-driven attribution credit channels differently.
        """
        rng, world, n = self.rng, self.world, self.n
        converted = self.status == CONVERTED
        age_days = (_REF - self.created) // _DAY
        count = np.where(converted, 3 + rng.poisson(5.0, n), rng.poisson(7.2, n))
        count = np.where(self.duplicate, 1 + rng.poisson(0.8, n), count)
        count = np.minimum(np.minimum(count, 8), 1 + age_days // 7)
        count = np.where(converted, np.maximum(count, 2), count)
        lead = np.repeat(np.arange(n), count)
        step = np.arange(len(lead)) - np.repeat(np.cumsum(count) - count, count)
        origin = step == 0
        last = step == np.repeat(count - 1, count)
        conv = converted[lead]
        # channels: the lead's own source first; later ones lean to strong channels for converters
        weights = np.vstack([_SHARE * _POWER ** -0.3, _SHARE * _POWER ** 1.5, _SHARE * _POWER ** 3])
        weights /= weights.sum(axis=1, keepdims=True)
        kind_of = np.where(conv & last & ~origin, 2, conv.astype(int))
        cumulative = weights.cumsum(axis=1)[kind_of]
        channel = (cumulative < rng.random(len(lead))[:, None]).sum(axis=1).clip(0, len(_SOURCE_NAMES) - 1)
        channel = np.where(origin, self.source[lead], channel)
        start, end = self.created[lead], self.journey_end[lead]
        at = start + (rng.random(len(lead)) * np.maximum(end - start, 60)).astype(np.int64)
        at = np.where(origin, start - rng.integers(60, 6 * _HOUR, len(lead)), at)
        campaign = world.pick_campaigns(rng, channel, self.market[lead], at)
        keep = campaign >= 0
        lead, at, campaign, end = lead[keep], at[keep], campaign[keep], end[keep]
        # each engagement is a few steps: sent -> opened -> clicked -> responded, and so on
        kinds, chance, hours = _step_tables()
        ch = world.campaign_channel[campaign]
        moments = np.zeros((len(lead), _STEPS), dtype=np.int64)
        present = np.zeros((len(lead), _STEPS), dtype=bool)
        moments[:, 0], present[:, 0] = at, True
        event_start, event_end = world.campaign_start[campaign], world.campaign_end[campaign] + _DAY - 1
        at_event = np.isin(ch, [_CHANNEL["Trade Show"], _CHANNEL["Webinar"]])
        for s in range(1, _STEPS):
            present[:, s] = present[:, s - 1] & (kinds[ch, s] >= 0) & (rng.random(len(lead)) < chance[ch, s])
            delay = (rng.exponential(1.0, len(lead)) * hours[ch, s] * _HOUR).astype(np.int64) + 60
            moments[:, s] = moments[:, s - 1] + delay
            # people attend an event while it is on, and only if they signed up before it ended
            during = event_start + (rng.random(len(lead)) * (event_end - event_start)).astype(np.int64)
            attend = at_event & (kinds[ch, s] == _KIND_CODE["attended"])
            present[:, s] &= ~attend | (moments[:, s - 1] < during)
            moments[:, s] = np.where(attend, np.maximum(during, moments[:, s - 1] + 60), moments[:, s])
        present &= (moments <= end[:, None]) & (moments <= _REF) & (moments <= world.window_end[campaign][:, None])
        rows, cols = np.nonzero(present)
        t_lead, t_at = lead[rows], moments[rows, cols]
        t_campaign = campaign[rows]
        t_kind = kinds[ch[rows], cols]
        order = np.lexsort((t_at, t_lead))
        t_lead, t_at, t_campaign, t_kind = t_lead[order], t_at[order], t_campaign[order], t_kind[order]
        lead_ids = self.lead_id[t_lead]
        campaign_ids = world.campaign_id[t_campaign]
        stamps = np.datetime_as_string(_dt(t_at), unit="s")
        touch_keys = [keys.touch_key(lid, cid, stamp.replace("T", " "), None)
                      for lid, cid, stamp in zip(lead_ids, campaign_ids, stamps, strict=True)]
        kind_names = np.array(vocab.TOUCH_KINDS, dtype=object)[t_kind]
        responded = np.where(kind_names == "responded", t_at, _NAT)
        frame = _rel_frame(lead_ids, campaign_ids, _dt(t_at), key=touch_keys, at=_dt(t_at), kind=kind_names,
                           responded_at=_dt(responded))
        return frame.drop_duplicates("key", ignore_index=True)

    # -- follow-ups ---------------------------------------------------------------------------

    def activities(self) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
        """Calls, emails, meetings and notes; open leads have a next step, some of them overdue.

        Returns the Activity frame, the lead and rep of each, and each lead's last activity time.
        """
        rng, rnd, n = self.rng, self.rnd, self.n
        s = self.status
        count = np.select(
            [s == NEW, s == WORKING, s == QUALIFIED, s == CONVERTED, s == DISQUALIFIED],
            [rng.random(n) < 0.3, 1 + rng.poisson(1.2, n), 2 + rng.poisson(1.5, n), 2 + rng.poisson(2.0, n),
             (rng.random(n) < 0.7) * (1 + rng.poisson(0.8, n))],
        ).astype(np.int64)
        count = np.minimum(count, 8)
        lead = np.repeat(np.arange(n), count)
        step = np.arange(len(lead)) - np.repeat(np.cumsum(count) - count, count)
        is_last = step == np.repeat(count - 1, count)
        open_lead = np.isin(s[lead], (NEW, WORKING, QUALIFIED))
        begin = np.minimum(self.created[lead] + _HOUR, _REF - 120)
        finish = np.minimum(np.maximum(self.journey_end[lead], begin + 60), _REF - 60)
        # the latest touch of an open lead is recent; the others spread over its life
        recent = np.maximum(_REF - (rng.exponential(6.0, len(lead)) * _DAY).astype(np.int64), begin)
        latest = np.where(open_lead, recent, finish)
        latest_of_lead = np.zeros(n, dtype=np.int64)
        latest_of_lead[lead[is_last]] = latest[is_last]
        spread = begin + (rng.random(len(lead)) * (latest_of_lead[lead] - begin)).astype(np.int64)
        at = np.where(is_last, latest, spread)
        # sorting within each lead's run keeps the runs in place, so the positional masks still hold
        order = np.lexsort((at, lead))
        lead, at = lead[order], at[order]
        # only an open lead's latest activity carries a next step (overdue when it is past)
        plan = at + rng.choice(np.array([1, 2, 3, 7, 14]), len(lead), p=[0.15, 0.2, 0.25, 0.25, 0.15]) * _DAY
        next_at = np.where(is_last & open_lead, plan, _NAT)
        types, type_weights = _weighted(vocab.ACTIVITY_TYPES)
        kinds = rnd.choices(types, type_weights, k=len(lead))
        outcome, note = [], []
        for i, kind in enumerate(kinds):
            person = self.people[lead[i]]
            outcome.append(rnd.choice(vocab.OUTCOMES[kind]))
            templates = (vocab.CN_NOTES if person["market"] else vocab.NOTES)[kind]
            note.append(rnd.choice(templates).format(company=person["company_name"]))
        external = [f"{self.external[li]}-A{k + 1}" for li, k in zip(lead, step, strict=True)]
        owner = self.owner[lead]
        fallback = np.array([self.world.owner_for(rnd, "CN-East" if m else "US-East", 100) for m in self.market])
        rep = np.where(owner >= 0, owner, fallback[lead])
        frame = _frame({
            "id": [keys.record_id("Activity", SYSTEM, e) for e in external], "external_id": external,
            "source_system": [SYSTEM] * len(lead), "type": kinds, "at": _dt(at), "outcome": outcome,
            "note": note, "next_at": _dt(next_at),
        }, len(lead), _dt(at))
        last_activity = np.full(n, _NAT)
        np.maximum.at(last_activity, lead, at)
        return frame, lead, rep, last_activity

    # -- referrals --------------------------------------------------------------------------

    def referrals(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Referred leads point at an earlier lead, or at its contact once that lead converted."""
        st = self.state
        contact_ids = np.where(self.status == CONVERTED, self.contact_ids, "")
        st.pool_lead.append(self.lead_id)
        st.pool_contact.append(contact_ids)
        st.pool_created.append(self.created)
        st.pool_converted.append(self.converted_at)
        pool_lead, pool_contact = np.concatenate(st.pool_lead), np.concatenate(st.pool_contact)
        pool_created, pool_converted = np.concatenate(st.pool_created), np.concatenate(st.pool_converted)
        order = np.argsort(pool_created, kind="stable")
        referred = np.flatnonzero((self.source == _CHANNEL["Referral"]) & (self.rng.random(self.n) < 0.55))
        earlier = np.searchsorted(pool_created[order], self.created[referred], side="left")
        referred, earlier = referred[earlier > 0], earlier[earlier > 0]
        pick = order[(self.rng.random(len(referred)) * earlier).astype(np.int64)]
        to_contact = (pool_contact[pick] != "") & (pool_converted[pick] < self.created[referred])
        when = _dt(self.created[referred])
        to_lead = ~to_contact
        return (_rel_frame(self.lead_id[referred[to_lead]], pool_lead[pick[to_lead]], when[to_lead]),
                _rel_frame(self.lead_id[referred[to_contact]], pool_contact[pick[to_contact]], when[to_contact]))

    # -- the slice's frames -------------------------------------------------------------------

    def data(self) -> DemoData:
        """Nodes and relationships of this slice; everything they point at exists by now."""
        world, people, n = self.world, self.people, self.n
        self.contact_ids = np.array([keys.record_id("Contact", SYSTEM, "C" + e[1:]) for e in self.external],
                                    dtype=object)
        touches = self.touches()
        activities, act_lead, act_rep, last_activity = self.activities()
        referred_lead, referred_contact = self.referrals()
        names = [_person(p["first"], p["last"]) for p in people]
        created = _dt(self.created)
        converted_at = _dt(self.converted_at)
        updated = _dt(np.maximum(np.maximum(self.created, last_activity), self.converted_at))
        word = [vocab.STATUS_WORDS[STATUSES[s]][m] for s, m in zip(self.status, self.market, strict=True)]
        rating = self._ratings()
        email = np.array([p["email"] for p in people], dtype=object)
        phone = np.array([p["phone"] for p in people], dtype=object)
        leads = _frame({
            "id": self.lead_id, "external_id": self.external, "source_system": [SYSTEM] * n,
            "first_name": [x[0] for x in names], "last_name": [x[1] for x in names], "name": [x[2] for x in names],
            "name_key": [x[3] for x in names], "pinyin_key": [x[4] for x in names],
            "title": [p["title"] for p in people], "email": email, "phone": phone,
            "company_name": [p["company_name"] for p in people],
            "company_key": [company_key(p["company_name"]) for p in people],
            "industry": [world.company_rows[c]["industry"] for c in self.company],
            "employees": pd.array([p["employees"] for p in people], dtype="Int64"),
            "city": [p["city"] for p in people], "region": [p["region"] for p in people],
            "country": [p["country"] for p in people],
            "status": [STATUSES[s] for s in self.status], "status_original": [canonical_status(w)[1] for w in word],
            "rating": [canonical_rating(r)[0] for r in rating], "rating_original": rating,
            "score": self._scores(), "converted_at": converted_at, "last_activity_at": _dt(last_activity),
        }, n, created, updated)
        has_email, has_phone = pd.notna(email), pd.notna(phone)
        work = np.array([bool(p["email"]) and p["work_email"] for p in people])
        domains = np.array([world.company_rows[c]["domain"] for c in self.company], dtype=object)
        new_phones = [p for p in dict.fromkeys(phone[has_phone]) if p not in world.used_phones]
        phone_first = pd.Series(self.created[has_phone]).groupby(pd.Series(phone[has_phone])).min()
        email_first = pd.Series(self.created[has_email]).groupby(pd.Series(email[has_email])).min()
        nodes = {
            "Lead": leads,
            "Email": _frame({"id": email_first.index.to_numpy(dtype=object)}, len(email_first),
                            _dt(email_first.to_numpy())),
            "Phone": _frame({"id": np.array(new_phones, dtype=object)}, len(new_phones),
                            _dt(phone_first.reindex(new_phones).to_numpy(dtype=np.int64))),
            "Activity": activities,
        }
        owned = self.owner >= 0
        rels = {
            ("WORKS_AT", "Lead", "Company"): _rel_frame(self.lead_id, self.company_ids, created),
            ("HAS_EMAIL", "Lead", "Email"): _rel_frame(self.lead_id[has_email], email[has_email], created[has_email]),
            ("HAS_PHONE", "Lead", "Phone"): _rel_frame(self.lead_id[has_phone], phone[has_phone], created[has_phone]),
            ("HAS_DOMAIN", "Lead", "Domain"): _rel_frame(self.lead_id[work], domains[work], created[work]),
            ("FROM_SOURCE", "Lead", "Source"): _rel_frame(
                self.lead_id, [keys.source_id(_SOURCE_NAMES[s]) for s in self.source], created),
            ("OWNS", "Rep", "Lead"): _rel_frame(world.rep_id[self.owner[owned]], self.lead_id[owned],
                                                _dt(self.since[owned]), since=_dt(self.since[owned])),
            ("TOUCHED_BY", "Lead", "Campaign"): touches,
            ("LOGGED", "Rep", "Activity"): _rel_frame(world.rep_id[act_rep], activities["id"], activities["at"]),
            ("ABOUT", "Activity", "Lead"): _rel_frame(activities["id"], self.lead_id[act_lead], activities["at"]),
            ("REFERRED_BY", "Lead", "Lead"): referred_lead,
            ("REFERRED_BY", "Lead", "Contact"): referred_contact,
        }
        self._conversions(nodes, rels, leads, work, domains)
        truth = pd.DataFrame(
            [(self.lead_id[a], self.lead_id[b], v, p) for a, b, v, p in self.truth], columns=list(TRUTH_COLUMNS))
        return DemoData(nodes, rels, truth)

    def _ratings(self) -> list[str]:
        table = np.array([[0.1, 0.3, 0.6], [0.2, 0.45, 0.35], [0.45, 0.4, 0.15], [0.02, 0.18, 0.8], [0.6, 0.3, 0.1]])
        p = table[self.status]
        p[self.duplicate] = [0.05, 0.35, 0.6]
        pick = (p.cumsum(axis=1) < self.rng.random(self.n)[:, None]).sum(axis=1).clip(0, 2)
        temps = ("hot", "warm", "cold")
        return [vocab.RATING_WORDS[temps[k]][m] for k, m in zip(pick, self.market, strict=True)]

    def _scores(self) -> np.ndarray:
        base = np.array([35.0, 50.0, 70.0, 20.0, 80.0])[self.status]
        return np.clip(np.round(base + self.rng.normal(0, 12, self.n)), 0, 100)

    def _conversions(self, nodes: dict[str, pd.DataFrame], rels: dict[tuple[str, str, str], pd.DataFrame],
                     leads: pd.DataFrame, work: np.ndarray, domains: np.ndarray) -> None:
        """Converted leads became a Contact (same company, email, phone) and an Opportunity."""
        rnd, world = self.rnd, self.world
        conv = np.flatnonzero(self.status == CONVERTED)
        at = self.converted_at[conv]
        when = _dt(at)
        lead_ids, contact_ids = self.lead_id[conv], self.contact_ids[conv]
        people = leads.iloc[conv]
        copied = ["first_name", "last_name", "name", "name_key", "pinyin_key", "title", "email", "phone",
                  "company_name", "company_key", "industry", "employees", "city", "region", "country"]
        contacts = _frame({
            "id": contact_ids, "external_id": ["C" + e[1:] for e in self.external[conv]],
            "source_system": [SYSTEM] * len(conv), **{c: people[c].reset_index(drop=True) for c in copied},
        }, len(conv), when)
        stages, amounts, closes, updated, opp_names = [], [], [], [], []
        for i, lead in enumerate(conv):
            company = world.company_rows[self.company[lead]]
            age_days = (_REF - at[i]) / _DAY
            if rnd.random() < min(0.9, age_days / 120):
                stage = "Closed Won" if rnd.random() < 0.45 else "Closed Lost"
                close = at[i] + rnd.randrange(14, int(max(15, min(age_days, 150)))) * _DAY
                close = min(close, _REF - _HOUR)
            else:
                stage = vocab.OPEN_STAGES[min(int(age_days // 25) + rnd.randrange(2), len(vocab.OPEN_STAGES) - 1)]
                close = _REF + rnd.randrange(7, 120) * _DAY
            stages.append(stage)
            closes.append(_moment(close).date())
            updated.append(min(close, _REF - _HOUR) if stage.startswith("Closed") else at[i])
            amounts.append(float(round(np.exp(8.5 + 0.35 * np.log(company["employees"])) *
                                       rnd.lognormvariate(0, 0.5), -2)))
            product = rnd.choice(vocab.CN_PRODUCTS if company["country"] == "CN" else vocab.PRODUCTS)
            opp_names.append(f"{company['name']} - {product}")
        opp_external = ["O" + e[1:] for e in self.external[conv]]
        opp_ids = np.array([keys.record_id("Opportunity", SYSTEM, e) for e in opp_external], dtype=object)
        opportunities = _frame({
            "id": opp_ids, "external_id": opp_external, "source_system": [SYSTEM] * len(conv), "name": opp_names,
            "company_name": [world.company_rows[c]["name"] for c in self.company[conv]], "stage": stages,
            "amount": amounts, "close_date": closes, "won": [canonical_stage(s)[1] for s in stages],
        }, len(conv), when, _dt(np.array(updated, dtype=np.int64)))
        nodes["Contact"], nodes["Opportunity"] = contacts, opportunities
        email, phone = contacts["email"].to_numpy(), contacts["phone"].to_numpy()
        has_email, has_phone = pd.notna(email), pd.notna(phone)
        owner = self.owner[conv]
        owned = owner >= 0
        rels.update({
            ("CONVERTED_TO", "Lead", "Contact"): _rel_frame(lead_ids, contact_ids, when, at=when),
            ("CONVERTED_TO", "Lead", "Opportunity"): _rel_frame(lead_ids, opp_ids, when, at=when),
            ("WORKS_AT", "Contact", "Company"): _rel_frame(contact_ids, self.company_ids[conv], when),
            ("HAS_EMAIL", "Contact", "Email"): _rel_frame(contact_ids[has_email], email[has_email], when[has_email]),
            ("HAS_PHONE", "Contact", "Phone"): _rel_frame(contact_ids[has_phone], phone[has_phone], when[has_phone]),
            ("HAS_DOMAIN", "Contact", "Domain"): _rel_frame(contact_ids[work[conv]], domains[conv][work[conv]],
                                                            when[work[conv]]),
            ("FROM_SOURCE", "Contact", "Source"): _rel_frame(
                contact_ids, [keys.source_id(_SOURCE_NAMES[s]) for s in self.source[conv]], when),
            ("FOR_COMPANY", "Opportunity", "Company"): _rel_frame(opp_ids, self.company_ids[conv], when),
            ("OWNS", "Rep", "Contact"): _rel_frame(world.rep_id[owner[owned]], contact_ids[owned], when[owned],
                                                   since=when[owned]),
            ("OWNS", "Rep", "Opportunity"): _rel_frame(world.rep_id[owner[owned]], opp_ids[owned], when[owned],
                                                       since=when[owned]),
        })


def _step_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per channel and step: the touch kind (-1 for none), the chance to reach it, the mean delay in hours."""
    n = len(_SOURCE_NAMES)
    kinds = np.full((n, _STEPS), -1, dtype=np.int64)
    chance = np.zeros((n, _STEPS))
    hours = np.zeros((n, _STEPS))
    for name, steps in vocab.TOUCH_STEPS.items():
        for s, (kind, p, h) in enumerate(steps):
            kinds[_CHANNEL[name], s] = _KIND_CODE[kind]
            chance[_CHANNEL[name], s] = p
            hours[_CHANNEL[name], s] = h
    return kinds, chance, hours


def _typo(rnd: random.Random, word: str) -> str:
    """One keyboard slip: a dropped, doubled or swapped letter."""
    if len(word) < 3:
        return word + word[-1]
    pos = rnd.randrange(1, len(word) - 1)
    slip = rnd.randrange(3)
    if slip == 0:
        return word[:pos] + word[pos + 1:]
    if slip == 1:
        return word[:pos] + word[pos] + word[pos:]
    return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:]


def _company_variant(rnd: random.Random, name: str) -> str:
    """The same company written another way ("Golden-Blair Inc." / "Golden Blair"); same company key."""
    if rnd.random() >= 0.35:
        return name
    key = company_key(name)
    candidates: list[str] = []
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        city = next((c[0] for c in vocab.CN_CITIES if name.startswith(c[0])), None)
        bare = name[len(city):] if city else name
        candidates += [bare] if city else [rnd.choice(vocab.CN_CITIES)[0] + name]
        for suffix, _ in vocab.CN_SUFFIXES:
            if name.endswith(suffix):
                candidates.append(name[: -len(suffix)])
                candidates.append(name[: -len(suffix)] + "公司")
                break
    else:
        words = name.replace(",", "").split()
        if words and words[-1].rstrip(".") in ("Inc", "LLC", "Corp", "Ltd", "Group", "Co"):
            candidates.append(" ".join(words[:-1]))
            candidates.append(" ".join(words[:-1]).replace("-", " "))
            candidates.append(" ".join(words[:-1]) + {"Inc": ", Inc", "Corp": " Corporation"}.get(
                words[-1].rstrip("."), " " + words[-1].rstrip(".").upper()))
        else:
            candidates.append(f"{name} Inc.")
        candidates.append(name.upper())
    candidates = [c for c in candidates if c and c != name and company_key(c) == key]
    return rnd.choice(candidates) if candidates else name

