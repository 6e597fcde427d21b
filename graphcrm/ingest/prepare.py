"""Turn one mapped, canonical row into what the graph should hold.

Pure functions: a row (canonical field -> raw text) becomes a ``Prepared``
record (the node's normalised properties, the shared nodes it needs and the
links it makes) or raises ``RowRejected`` naming the column and the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from graphcrm.clock import utc_now
from graphcrm.ingest import keys
from graphcrm.ingest.fields import REQUIRED_ANY, Kind
from graphcrm.ingest.normalise import (
    InvalidValue,
    address,
    blank,
    canonical_rating,
    canonical_stage,
    canonical_status,
    clean_company_name,
    clean_text,
    company_key,
    email_domain,
    is_free_mail,
    normalise_email,
    normalise_phone,
    parse_amount,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_int,
    person_name,
    website_domain,
)
from graphcrm.ingest.normalise.sources import CHANNELS, channel_of  # noqa: F401  (the vocabulary, re-exported)

if TYPE_CHECKING:
    from graphcrm.ingest.sources import SourceMatcher

LABEL_OF: dict[Kind, str] = {
    Kind.LEADS: "Lead",
    Kind.CONTACTS: "Contact",
    Kind.COMPANIES: "Company",
    Kind.CAMPAIGNS: "Campaign",
    Kind.OPPORTUNITIES: "Opportunity",
    Kind.REPS: "Rep",
    Kind.ACTIVITIES: "Activity",
}


class RowRejected(ValueError):
    """A row that cannot be loaded: which column, and why."""

    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class NodeRef:
    """A node another record points at, created with ``props`` if it does not exist."""

    label: str
    id: str
    props: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Link:
    """A relationship of the record: ``outgoing`` from it, or incoming (Rep -OWNS-> it)."""

    rel: str
    other: NodeRef
    outgoing: bool = True
    props: tuple[tuple[str, Any], ...] = ()
    must_exist: bool = False  # link only if the other node is already there (referrals, converted lead)


@dataclass
class Prepared:
    """One record ready to write."""

    label: str
    id: str
    props: dict[str, Any]
    links: list[Link] = field(default_factory=list)
    row: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """What every row of one import shares."""

    source_system: str
    region: str = "US"
    now: datetime = field(default_factory=utc_now)
    sources: SourceMatcher | None = None  # source names -> existing sources (None: every name its own)


def prepare(kind: Kind, row: Mapping[str, Any], ctx: Context) -> Prepared:
    """Normalise one canonical row of ``kind``; raise RowRejected when it is unusable."""
    if error := row.get("__error__"):
        raise RowRejected(None, str(error))
    _require(kind, row)
    return _BUILDERS[kind](row, ctx)


# -- helpers ---------------------------------------------------------------------------


def _require(kind: Kind, row: Mapping[str, Any]) -> None:
    for group in REQUIRED_ANY[kind]:
        if all(blank(row.get(f)) for f in group):
            raise RowRejected(None, f"no {' / '.join(group)}: nothing to identify the record by")


def _value(row: Mapping[str, Any], column: str, parse: Callable[[Any], Any]) -> Any:
    """Parse one field, turning InvalidValue into a rejection that names the column."""
    raw = row.get(column)
    if raw is None:  # readers already turn empty cells into None; normalisers handle the rest
        return None
    try:
        return parse(raw)
    except InvalidValue as exc:
        raise RowRejected(column, str(exc)) from None


def _text(row: Mapping[str, Any], column: str) -> str | None:
    return _value(row, column, clean_text)


def _extra(row: Mapping[str, Any], kept: Mapping[str, Any] | None = None) -> str | None:
    extra = {**(row.get("__extra__") or {}), **(kept or {})}
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None


def _contact_point(row: Mapping[str, Any], column: str, parse: Callable[[Any], Any], warnings: list[str],
                   kept: dict[str, Any]) -> Any:
    """An email, phone or website: a malformed one does not cost the whole record.

    The raw text is kept as the extra property ``invalid_<column>`` and the import warns.
    """
    try:
        return _value(row, column, parse)
    except RowRejected as exc:
        kept[f"invalid_{column}"] = row.get(column)
        warnings.append(f"{exc.reason}; kept as extra property invalid_{column}")
        return None


def _record_id(label: str, row: Mapping[str, Any], ctx: Context, *content: Any) -> tuple[str, str | None]:
    external = _text(row, "external_id")
    if external:
        return keys.record_id(label, ctx.source_system, external), external
    return keys.content_id(label, ctx.source_system, *content), None


def _company_ref(name: str | None, domain: str | None, ctx: Context) -> NodeRef | None:
    key = company_key(name) if name else None
    if not key and not domain:
        return None
    props = {"name": clean_company_name(name) if name else domain, "name_key": key or domain,
             "domain": domain, "source_system": ctx.source_system}
    return NodeRef("Company", keys.company_id(key or domain or ""), _frozen(props))


def _source_ref(name: str | None, ctx: Context) -> NodeRef | None:
    if not name:
        return None
    if ctx.sources is not None:  # an import: the graph's own source when the name is one of its words
        return NodeRef("Source", *ctx.sources.link(name))
    return NodeRef("Source", keys.source_id(name), _frozen({"name": name, "channel": channel_of(name)}))


def _rep_ref(owner: str | None) -> NodeRef | None:
    if not owner:
        return None
    props = {"email": owner.lower(), "name": owner.split("@")[0]} if "@" in owner else {"name": owner}
    return NodeRef("Rep", keys.rep_id(owner), _frozen({**props, "active": True}))


def _frozen(props: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in props.items() if v is not None))


# -- builders per kind -----------------------------------------------------------------


def _person(label: str) -> Callable[[Mapping[str, Any], Context], Prepared]:
    def build(row: Mapping[str, Any], ctx: Context) -> Prepared:
        warnings: list[str] = []
        kept: dict[str, Any] = {}
        name = person_name(_text(row, "first_name"), _text(row, "last_name"), _text(row, "name"))
        email = _contact_point(row, "email", normalise_email, warnings, kept)
        phone = _contact_point(row, "phone", lambda v: normalise_phone(v, ctx.region), warnings, kept)
        mobile = _contact_point(row, "mobile", lambda v: normalise_phone(v, ctx.region), warnings, kept)
        if not (name or email or phone or mobile):
            reason = "no name and no usable email or phone"
            raise RowRejected(None, f"{reason} ({'; '.join(warnings)})" if warnings else reason)
        company = _text(row, "company_name")
        website = _value(row, "website", website_domain)
        mail_domain = email_domain(email)
        work_domain = None if is_free_mail(mail_domain) else mail_domain
        status, status_original = canonical_status(row.get("status"), ctx.source_system)
        if status is None and status_original:
            warnings.append(f"unknown status {status_original!r}: kept as status_original, status set to new")
        converted = _value(row, "converted", parse_bool)
        if converted:
            status = "converted"
        rating, rating_original = canonical_rating(row.get("rating"))
        addr = address(_text(row, "street"), _text(row, "city"), _text(row, "region"),
                       _text(row, "postcode"), _text(row, "country"))
        created = _value(row, "created_at", parse_datetime)
        node_id, external = _record_id(
            label, row, ctx, email or phone or mobile, name.key if name else None, company_key(company) if company else None
        )
        props: dict[str, Any] = {
            "external_id": external,
            "source_system": ctx.source_system,
            "first_name": name.first if name else None,
            "last_name": name.last if name else None,
            "name": (name.full if name else None) or email or phone or mobile,
            "name_key": name.key if name else None,
            "pinyin_key": name.pinyin_key if name else None,
            "title": _text(row, "title"),
            "email": email,
            "phone": phone or mobile,
            "mobile": mobile,
            "website": _text(row, "website"),
            "company_name": clean_company_name(company) if company else None,
            "company_key": company_key(company) if company else None,
            "industry": _text(row, "industry"),
            "employees": _value(row, "employees", parse_int),
            "annual_revenue": _value(row, "annual_revenue", parse_amount),
            "street": addr.street if addr else None,
            "city": addr.city if addr else None,
            "region": addr.region if addr else None,
            "postcode": addr.postcode if addr else None,
            "country": addr.country if addr else None,
            "status": status or "new",
            "status_original": status_original,
            "rating": rating,
            "rating_original": rating_original,
            "description": _text(row, "description"),
            "last_activity_at": _value(row, "last_activity_at", parse_datetime),
            "created_at": created,
            "extra": _extra(row, kept),
        }
        links: list[Link] = []
        if ref := _company_ref(company, website or work_domain, ctx):
            links.append(Link("WORKS_AT", ref))
        if email:
            links.append(Link("HAS_EMAIL", NodeRef("Email", email)))
        for number in dict.fromkeys(p for p in (phone, mobile) if p):
            links.append(Link("HAS_PHONE", NodeRef("Phone", number)))
        if work_domain:
            links.append(Link("HAS_DOMAIN", NodeRef("Domain", work_domain)))
        if ref := _source_ref(_text(row, "source"), ctx):
            links.append(Link("FROM_SOURCE", ref))
        if ref := _rep_ref(_text(row, "owner")):
            links.append(Link("OWNS", ref, outgoing=False, props=_frozen({"since": created or ctx.now})))
        if referrer := _text(row, "referred_by"):
            target = NodeRef("Lead", keys.record_id("Lead", ctx.source_system, referrer))
            links.append(Link("REFERRED_BY", target, must_exist=True))
        return Prepared(label, node_id, props, links, warnings=warnings)

    return build


def _company(row: Mapping[str, Any], ctx: Context) -> Prepared:
    name = _text(row, "name")
    domain = _value(row, "domain", website_domain) or _value(row, "website", website_domain)
    ref = _company_ref(name, domain, ctx)
    if ref is None:
        raise RowRejected("name", "no company name or domain")
    addr = address(_text(row, "street"), _text(row, "city"), _text(row, "region"),
                   _text(row, "postcode"), _text(row, "country"))
    phone = _value(row, "phone", lambda v: normalise_phone(v, ctx.region))
    props = {
        **dict(ref.props),
        "external_id": _text(row, "external_id"),
        "website": _text(row, "website"),
        "industry": _text(row, "industry"),
        "employees": _value(row, "employees", parse_int),
        "annual_revenue": _value(row, "annual_revenue", parse_amount),
        "phone": phone,
        "street": addr.street if addr else None,
        "city": addr.city if addr else None,
        "region": addr.region if addr else None,
        "postcode": addr.postcode if addr else None,
        "country": addr.country if addr else None,
        "description": _text(row, "description"),
        "created_at": _value(row, "created_at", parse_datetime),
        "extra": _extra(row),
    }
    links = []
    if domain:
        links.append(Link("HAS_DOMAIN", NodeRef("Domain", domain)))
    if phone:
        links.append(Link("HAS_PHONE", NodeRef("Phone", phone)))
    if rep := _rep_ref(_text(row, "owner")):
        links.append(Link("OWNS", rep, outgoing=False, props=_frozen({"since": props["created_at"] or ctx.now})))
    return Prepared("Company", ref.id, props, links)


def _campaign(row: Mapping[str, Any], ctx: Context) -> Prepared:
    name = _text(row, "name")
    node_id, external = _record_id("Campaign", row, ctx, name)
    start = _value(row, "start_date", parse_date)
    end = _value(row, "end_date", parse_date)
    if start and end and end < start:
        raise RowRejected("end_date", f"ends ({end}) before it starts ({start})")
    kind = _text(row, "type")
    props = {
        "external_id": external,
        "source_system": ctx.source_system,
        "name": name or external,
        "type": kind,
        "status": _text(row, "status"),
        "start_date": start,
        "end_date": end,
        "budgeted_cost": _value(row, "budgeted_cost", parse_amount),
        "actual_cost": _value(row, "actual_cost", parse_amount),
        "description": _text(row, "description"),
        "created_at": _value(row, "created_at", parse_datetime),
        "extra": _extra(row),
    }
    links = []
    if ref := _source_ref(_text(row, "source") or kind, ctx):
        links.append(Link("ON_CHANNEL", ref))
    return Prepared("Campaign", node_id, props, links)


def _opportunity(row: Mapping[str, Any], ctx: Context) -> Prepared:
    name = _text(row, "name")
    node_id, external = _record_id("Opportunity", row, ctx, name, _text(row, "company_name"))
    stage, won = canonical_stage(row.get("stage"))
    explicit_won = _value(row, "won", parse_bool)
    created = _value(row, "created_at", parse_datetime)
    props = {
        "external_id": external,
        "source_system": ctx.source_system,
        "name": name or external,
        "company_name": _text(row, "company_name"),
        "stage": stage,
        "amount": _value(row, "amount", parse_amount),
        "close_date": _value(row, "close_date", parse_date),
        "won": won if explicit_won is None else explicit_won,
        "created_at": created,
        "extra": _extra(row),
    }
    links = []
    if ref := _company_ref(props["company_name"], None, ctx):
        links.append(Link("FOR_COMPANY", ref))
    if rep := _rep_ref(_text(row, "owner")):
        links.append(Link("OWNS", rep, outgoing=False, props=_frozen({"since": created or ctx.now})))
    if lead := _text(row, "lead_id"):
        when = created or (datetime.combine(props["close_date"], datetime.min.time()) if props["close_date"] else None)
        source = NodeRef("Lead", keys.record_id("Lead", ctx.source_system, lead))
        links.append(Link("CONVERTED_TO", source, outgoing=False, props=_frozen({"at": when}), must_exist=True))
    return Prepared("Opportunity", node_id, props, links)


def _rep(row: Mapping[str, Any], ctx: Context) -> Prepared:
    name = _text(row, "name")
    email = _value(row, "email", normalise_email)
    ref = _rep_ref(name or email)
    assert ref is not None  # _require saw a name or an email
    props = {
        "external_id": _text(row, "external_id"),
        "source_system": ctx.source_system,
        "name": name or (email or "").split("@")[0],
        "email": email,
        "phone": _value(row, "phone", lambda v: normalise_phone(v, ctx.region)),
        "region": _text(row, "region"),
        "team": _text(row, "team"),
        "capacity": _value(row, "capacity", parse_int),
        "active": True,
        "extra": _extra(row),
    }
    return Prepared("Rep", ref.id, props)


def _activity(row: Mapping[str, Any], ctx: Context) -> Prepared:
    lead = _text(row, "lead_id") or ""
    at = _value(row, "at", parse_datetime)
    kind = (_text(row, "type") or "note").casefold()
    node_id, external = _record_id("Activity", row, ctx, lead, at, kind, _text(row, "note"))
    props = {
        "external_id": external,
        "source_system": ctx.source_system,
        "type": kind,
        "at": at,
        "outcome": _text(row, "outcome"),
        "note": _text(row, "note"),
        "next_at": _value(row, "next_at", parse_datetime),
        "created_at": at,
        "extra": _extra(row),
    }
    about = NodeRef("Lead", keys.record_id("Lead", ctx.source_system, lead))
    links = [Link("ABOUT", about, must_exist=True)]
    if rep := _rep_ref(_text(row, "owner")):
        links.append(Link("LOGGED", rep, outgoing=False))
    return Prepared("Activity", node_id, props, links)


_BUILDERS: dict[Kind, Callable[[Mapping[str, Any], Context], Any]] = {
    Kind.LEADS: _person("Lead"),
    Kind.CONTACTS: _person("Contact"),
    Kind.COMPANIES: _company,
    Kind.CAMPAIGNS: _campaign,
    Kind.OPPORTUNITIES: _opportunity,
    Kind.REPS: _rep,
    Kind.ACTIVITIES: _activity,
}
