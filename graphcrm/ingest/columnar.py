"""Leads and contacts a chunk at a time: columns in, columns out.

The columnar twin of ``prepare._person``: every field is normalised once per
distinct value (emails, phones, company names, sources and owners repeat a lot)
with the very same normaliser functions, and the result is kept as columns
(one list per property and per link) instead of a ``Prepared`` per row.
``prepare()`` stays the reference definition: ``PeopleChunk.prepared(i)`` gives
the ``Prepared`` the row path makes for the same row, and the tests check that
the two agree row for row, rejection for rejection.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from hashlib import blake2b
from json.encoder import encode_basestring as _encode_text  # what json.dumps(ensure_ascii=False) does to a str
from typing import Any

import pandas as pd

from graphcrm.ingest import keys
from graphcrm.ingest.distinct import each, per_distinct, per_distinct_raw, texts
from graphcrm.ingest.fields import REQUIRED_ANY, Kind
from graphcrm.ingest.normalise import (
    address,
    blank,
    canonical_rating,
    canonical_status,
    clean_company_name,
    company_key,
    email_domain,
    is_free_mail,
    normalise_email,
    normalise_phone,
    parse_amount,
    parse_bool,
    parse_datetime,
    parse_int,
    person_name,
    website_domain,
)
from graphcrm.ingest.prepare import LABEL_OF, Context, Link, NodeRef, Prepared, channel_of
from graphcrm.ingest.read import ROW
from graphcrm.ingest.write import BOOKKEEPING

PEOPLE = (Kind.LEADS, Kind.CONTACTS)
_ERROR, _EXTRA = "__error__", "__extra__"


@dataclass
class LinkColumn:
    """One link slot of every record: the other node's id per row (None: no link)."""

    rel: str
    label: str  # the other node's label
    outgoing: bool
    ids: list[str | None]
    node_props: list[tuple[tuple[str, Any], ...]] | None = None  # props of a shared node created if missing
    link_props: list[tuple[tuple[str, Any], ...]] | None = None
    must_exist: bool = False


@dataclass
class PeopleChunk:
    """The usable records of a chunk of leads or contacts, as columns, and what was rejected."""

    label: str
    rows: list[int]
    ids: list[str]
    props: dict[str, list[Any]]
    links: list[LinkColumn]
    warnings: list[list[str]]
    rejects: dict[int, tuple[str | None, str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def prepared(self, i: int) -> Prepared:
        """Record ``i`` as the ``Prepared`` the row path builds for it."""
        props = {name: values[i] for name, values in self.props.items()}
        links = []
        for column in self.links:
            other = column.ids[i]
            if other is None:
                continue
            ref = NodeRef(column.label, other, column.node_props[i] if column.node_props else ())
            links.append(Link(column.rel, ref, column.outgoing, column.link_props[i] if column.link_props else (),
                              column.must_exist))
        return Prepared(self.label, self.ids[i], props, links, row=self.rows[i], warnings=list(self.warnings[i]))

    def take(self, keep: Sequence[bool]) -> PeopleChunk:
        """Only the records where ``keep`` is true."""
        def pick(values: list[Any]) -> list[Any]:
            return [v for v, k in zip(values, keep, strict=True) if k]

        links = [LinkColumn(c.rel, c.label, c.outgoing, pick(c.ids), pick(c.node_props) if c.node_props else None,
                            pick(c.link_props) if c.link_props else None, c.must_exist) for c in self.links]
        return PeopleChunk(self.label, pick(self.rows), pick(self.ids), {k: pick(v) for k, v in self.props.items()},
                           links, pick(self.warnings), self.rejects)


# -- column helpers --------------------------------------------------------------------------


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    if name not in frame.columns:
        return [None] * len(frame)
    return frame[name].tolist()


# -- the person builder, column by column ------------------------------------------------------


def prepare_people(kind: Kind, frame: pd.DataFrame, ctx: Context) -> PeopleChunk:
    """Normalise a mapped chunk of leads or contacts; the same rules as ``prepare()`` per row."""
    label = LABEL_OF[kind]
    size = len(frame)
    rows = [int(r) for r in _column(frame, ROW)]
    # Rejection reasons per row in the order the row builder checks them: the first one wins.
    rejected: dict[int, tuple[str | None, str]] = {}

    def reject_where(errors: dict[int, str], column: str | None) -> None:
        for i, error in errors.items():
            rejected.setdefault(i, (column, error))

    reject_where({i: str(e) for i, e in enumerate(_column(frame, _ERROR)) if e}, None)
    for group in REQUIRED_ANY[kind]:
        empty = list(range(size))  # rows blank in every column of the group so far
        for name in group:
            values = _column(frame, name)
            empty = [i for i, b in zip(empty, per_distinct_raw(blank, [values[i] for i in empty]), strict=True) if b]
        reason = f"no {' / '.join(group)}: nothing to identify the record by"
        reject_where(dict.fromkeys(empty, reason), None)

    first, last, full = (texts(_column(frame, f)) for f in ("first_name", "last_name", "name"))
    names = per_distinct(person_name, first, last, full)
    warnings: list[list[str]] = [[] for _ in range(size)]
    kept: dict[int, dict[str, Any]] = defaultdict(dict)

    def contact_point(column: str, parse: Callable[[Any], Any]) -> list[Any]:
        raw = _column(frame, column)
        values, errors = each(raw, parse)
        for i, error in errors.items():
            kept[i][f"invalid_{column}"] = raw[i]
            warnings[i].append(f"{error}; kept as extra property invalid_{column}")
        return values

    email = contact_point("email", normalise_email)
    phone = contact_point("phone", lambda v: normalise_phone(v, ctx.region))
    mobile = contact_point("mobile", lambda v: normalise_phone(v, ctx.region))
    nobody = "no name and no usable email or phone"
    reject_where({i: f"{nobody} ({'; '.join(warnings[i])})" if warnings[i] else nobody
                  for i, found in enumerate(zip(names, email, phone, mobile, strict=True)) if not any(found)}, None)

    company = texts(_column(frame, "company_name"))
    website_raw = _column(frame, "website")
    website, errors = each(website_raw, website_domain)
    reject_where(errors, "website")
    mail_domain = per_distinct(lambda e: email_domain(e) if e else None, email)
    work_domain = [None if is_free_mail(d) else d for d in mail_domain]
    statuses = per_distinct_raw(lambda v: canonical_status(v, ctx.source_system), _column(frame, "status"))
    converted, errors = each(_column(frame, "converted"), parse_bool)
    reject_where(errors, "converted")
    status: list[str] = []
    status_original: list[str | None] = []
    for i, ((canonical, original), conv) in enumerate(zip(statuses, converted, strict=True)):
        if canonical is None and original:
            warnings[i].append(f"unknown status {original!r}: kept as status_original, status set to new")
        status.append("converted" if conv else (canonical or "new"))
        status_original.append(original)
    ratings = per_distinct_raw(canonical_rating, _column(frame, "rating"))
    parts = [texts(_column(frame, f)) for f in ("street", "city", "region", "postcode", "country")]
    addresses = per_distinct(address, *parts)
    created, errors = each(_column(frame, "created_at"), parse_datetime)
    reject_where(errors, "created_at")
    external = texts(_column(frame, "external_id"))
    company_keys = per_distinct(lambda c: company_key(c) if c else None, company)
    ids = [keys.record_id(label, ctx.source_system, x) if x else
           keys.content_id(label, ctx.source_system, e or p or m, n.key if n else None, k)
           for x, e, p, m, n, k in zip(external, email, phone, mobile, names, company_keys, strict=True)]
    employees, errors = each(_column(frame, "employees"), parse_int)
    reject_where(errors, "employees")
    revenue, errors = each(_column(frame, "annual_revenue"), parse_amount)
    reject_where(errors, "annual_revenue")
    last_activity, errors = each(_column(frame, "last_activity_at"), parse_datetime)
    reject_where(errors, "last_activity_at")
    extra: list[str | None] = [None] * size
    for i, row_extra in enumerate(_column(frame, _EXTRA)):
        merged = {**(row_extra or {}), **kept.get(i, {})}
        if merged:
            extra[i] = json.dumps(merged, ensure_ascii=False, sort_keys=True)

    def of_name(attribute: str) -> list[Any]:
        return [getattr(n, attribute) if n else None for n in names]

    def of_address(attribute: str) -> list[Any]:
        return [getattr(a, attribute) if a else None for a in addresses]

    props: dict[str, list[Any]] = {
        "external_id": external,
        "source_system": [ctx.source_system] * size,
        "first_name": of_name("first"),
        "last_name": of_name("last"),
        "name": [(n.full if n else None) or e or p or m for n, e, p, m in zip(names, email, phone, mobile, strict=True)],
        "name_key": of_name("key"),
        "pinyin_key": of_name("pinyin_key"),
        "title": texts(_column(frame, "title")),
        "email": email,
        "phone": [p or m for p, m in zip(phone, mobile, strict=True)],
        "mobile": mobile,
        "website": texts(website_raw),
        "company_name": per_distinct(lambda c: clean_company_name(c) if c else None, company),
        "company_key": company_keys,
        "industry": texts(_column(frame, "industry")),
        "employees": employees,
        "annual_revenue": revenue,
        "street": of_address("street"),
        "city": of_address("city"),
        "region": of_address("region"),
        "postcode": of_address("postcode"),
        "country": of_address("country"),
        "status": status,
        "status_original": status_original,
        "rating": [r[0] for r in ratings],
        "rating_original": [r[1] for r in ratings],
        "description": texts(_column(frame, "description")),
        "last_activity_at": last_activity,
        "created_at": created,
        "extra": extra,
    }
    links = _person_links(ctx, company, [w or d for w, d in zip(website, work_domain, strict=True)],
                          email, phone, mobile, work_domain, created, frame)
    chunk = PeopleChunk(label, rows, ids, props, links, warnings)
    result = chunk.take([i not in rejected for i in range(size)]) if rejected else chunk
    result.rejects = {rows[i]: reason for i, reason in sorted(rejected.items())}
    return result


def _person_links(ctx: Context, company: list[str | None], domain: list[str | None],
                  email: list[str | None], phone: list[str | None], mobile: list[str | None],
                  work_domain: list[str | None], created: list[Any], frame: pd.DataFrame) -> list[LinkColumn]:
    """The link slots of a person, in the order ``prepare._person`` adds them."""
    companies = per_distinct(lambda c, d: _company_ref(c, d, ctx) if (c or d) else None, company, domain)
    matcher = ctx.sources
    sources = per_distinct(lambda s: None if not s else matcher.link(s) if matcher is not None else
                           (keys.source_id(s), _frozen({"name": s, "channel": channel_of(s)})),
                           texts(_column(frame, "source")))
    reps = per_distinct(lambda o: _rep_ref(o) if o else None, texts(_column(frame, "owner")))
    referrers = texts(_column(frame, "referred_by"))
    since = per_distinct_raw(lambda c: _frozen({"since": c or ctx.now}), created)
    none: tuple[tuple[str, Any], ...] = ()
    return [
        LinkColumn("WORKS_AT", "Company", True, [c[0] if c else None for c in companies],
                   node_props=[c[1] if c else none for c in companies]),
        LinkColumn("HAS_EMAIL", "Email", True, list(email)),
        LinkColumn("HAS_PHONE", "Phone", True, [p or m for p, m in zip(phone, mobile, strict=True)]),
        LinkColumn("HAS_PHONE", "Phone", True,
                   [m if (p and m and m != p) else None for p, m in zip(phone, mobile, strict=True)]),
        LinkColumn("HAS_DOMAIN", "Domain", True, list(work_domain)),
        LinkColumn("FROM_SOURCE", "Source", True, [s[0] if s else None for s in sources],
                   node_props=[s[1] if s else none for s in sources]),
        LinkColumn("OWNS", "Rep", False, [r[0] if r else None for r in reps],
                   node_props=[r[1] if r else none for r in reps], link_props=since),
        LinkColumn("REFERRED_BY", "Lead", True,
                   [keys.record_id("Lead", ctx.source_system, r) if r else None for r in referrers], must_exist=True),
    ]


def _frozen(props: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in props.items() if v is not None))


def _company_ref(name: str | None, domain: str | None, ctx: Context) -> tuple[str, tuple[tuple[str, Any], ...]] | None:
    key = company_key(name) if name else None
    if not key and not domain:
        return None
    props = {"name": clean_company_name(name) if name else domain, "name_key": key or domain, "domain": domain,
             "source_system": ctx.source_system}
    return keys.company_id(key or domain or ""), _frozen(props)


def _rep_ref(owner: str) -> tuple[str, tuple[tuple[str, Any], ...]]:
    props = {"email": owner.lower(), "name": owner.split("@")[0]} if "@" in owner else {"name": owner}
    return keys.rep_id(owner), _frozen({**props, "active": True})


# -- row hashes, column by column --------------------------------------------------------------


def _json(value: Any) -> str:
    """``json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)``, quicker for plain scalars."""
    kind = type(value)
    if kind is str:
        return _encode_text(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind in (datetime, date):
        return _encode_text(str(value))
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def row_hashes(chunk: PeopleChunk) -> list[str]:
    """``write.row_hash`` of every record, built from per-column JSON fragments.

    ``json.dumps([props, links], sort_keys=True)`` is ``[{"k1": v1, "k2": v2, ...}, [[rel, id, out], ...]]``
    with the keys sorted: each fragment is encoded once per distinct value, then joined per row.
    """
    size = len(chunk)
    names = sorted(k for k in chunk.props if k not in BOOKKEEPING)
    fragments = []
    for name in names:
        prefix = _json(name) + ": "
        cache: dict[tuple[type, Any], str] = {}
        column = []
        for value in chunk.props[name]:
            key = (type(value), value)  # 1, 1.0 and True are one dict key, but three JSON texts
            text = cache.get(key)
            if text is None:
                text = cache[key] = prefix + _json(value)
            column.append(text)
        fragments.append(column)
    objects = ["{" + ", ".join(parts) + "}" for parts in zip(*fragments, strict=True)] if names else ["{}"] * size
    # Links sort by (rel, other id, outgoing): slots of different types sort by type alone, so
    # only slots sharing a type (two phones) are sorted per row.
    groups: dict[str, list[LinkColumn]] = defaultdict(list)
    for column in chunk.links:
        groups[column.rel].append(column)
    parts: list[list[str | None]] = []
    for rel in sorted(groups):
        head = f"[{_json(rel)}, "
        if len(groups[rel]) == 1:
            column = groups[rel][0]
            tail = ", true]" if column.outgoing else ", false]"
            parts.append([None if other is None else head + _json(other) + tail for other in column.ids])
            continue
        slots = [(c.ids, c.outgoing) for c in groups[rel]]
        merged: list[str | None] = []
        for i in range(size):
            present = sorted((ids[i], out) for ids, out in slots if ids[i] is not None)
            merged.append(", ".join(f"{head}{_json(o)}, {'true' if out else 'false'}]" for o, out in present)
                          or None)
        parts.append(merged)
    texts = (f"[{obj}, [{', '.join(p for p in row if p is not None)}]]"
             for obj, row in zip(objects, zip(*parts, strict=True), strict=True))
    return [blake2b(t.encode("utf-8"), digest_size=16).hexdigest() for t in texts]
