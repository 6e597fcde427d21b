"""Web-to-lead forms: an admin defines one for a campaign; the public fills it in.

A form offers some of the person fields (never the ones a visitor should not set: external id,
status, rating, source), says which are required, thanks the visitor in English or Chinese, and
reads phone numbers without a country code in its region. A submission goes through
``capture`` like every other captured lead (one path into the graph): the campaign gets a
touchpoint, the lead its source, and a repeat visitor touches the existing lead.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import segno

from graphcrm.capture.channel import Channel
from graphcrm.capture.record import Captured, campaign_info, capture
from graphcrm.capture.validate import (
    IDENTIFYING,
    PERSON_CAPTURE_FIELDS,
    CaptureInvalid,
    FieldError,
    check_fields,
    required_missing,
)
from graphcrm.ingest.fields import Kind
from graphcrm.ingest.normalise import clean_text
from graphcrm.ingest.normalise.phone import phone_region
from graphcrm.ingest.write import existing_ids
from graphcrm.store import Store
from graphcrm.clock import utc_now

# a visitor may not set these: they are the sales team's (status, rating), the system's (external id)
# or the form's own (source)
NOT_OFFERED = ("external_id", "status", "rating", "source")
FORM_FIELDS = tuple(f for f in PERSON_CAPTURE_FIELDS if f not in NOT_OFFERED)
DEFAULT_FIELDS = ("first_name", "last_name", "company_name", "email", "phone")
DEFAULT_REQUIRED = ("email",)
LANGUAGES = ("en", "zh")
NAME_MAX = 120
THANK_YOU_MAX = 2000
FORM_ID_PREFIX = "form-"
PUBLIC_PATH = "/f/"  # the web app serves a form at /f/<form id>
QR_SCALE = {"png": 24, "svg": 10}  # PNG: a version-3 code is about 900 px, sharp on an A4 poster


def new_form_id() -> str:
    """A fresh, URL-safe and unguessable form id: ``form-`` and 12 hex digits (48 random bits)."""
    return FORM_ID_PREFIX + secrets.token_hex(6)


def looks_like_form_id(text: str) -> bool:
    """True for text shaped like a form id (checked before any lookup of a public URL)."""
    hex_part = text[len(FORM_ID_PREFIX):]
    return text.startswith(FORM_ID_PREFIX) and len(hex_part) == 12 and all(c in "0123456789abcdef" for c in hex_part)


@dataclass(frozen=True)
class FormSpec:
    """What an admin decides about a form (everything but its id and bookkeeping)."""

    name: str
    campaign_id: str
    fields: tuple[str, ...] = DEFAULT_FIELDS
    required: tuple[str, ...] = DEFAULT_REQUIRED
    thank_you: str | None = None
    language: str = "en"
    region: str = "US"
    owner_id: str | None = None
    source_name: str | None = None
    active: bool = True


@dataclass(frozen=True)
class WebForm:
    """A stored form."""

    id: str
    spec: FormSpec
    created_by: str | None = None
    submissions: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def __getattr__(self, name: str) -> Any:  # form.name, form.fields, ... read through to the spec
        if name in FormSpec.__dataclass_fields__:
            return getattr(self.spec, name)
        raise AttributeError(name)


class FormInvalid(ValueError):
    """A form definition that cannot be saved; ``errors`` says which settings and why."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


class FormNotFound(LookupError):
    """No form with that id."""


def clean_spec(spec: FormSpec) -> FormSpec:
    """The spec with text trimmed, fields in their usual order, duplicates and blanks dropped."""
    fields = tuple(f for f in FORM_FIELDS if f in set(spec.fields))
    unknown = tuple(f for f in dict.fromkeys(spec.fields) if f not in FORM_FIELDS)
    required = tuple(f for f in FORM_FIELDS if f in set(spec.required))
    unknown_required = tuple(f for f in dict.fromkeys(spec.required) if f not in FORM_FIELDS)
    region = (spec.region or "").strip()
    try:
        region = phone_region(region) if region else region
    except ValueError:
        pass  # validate_spec reports it
    return replace(
        spec,
        name=" ".join((spec.name or "").split()),
        campaign_id=(spec.campaign_id or "").strip(),
        fields=fields + unknown,
        required=required + unknown_required,
        thank_you=(spec.thank_you or "").strip() or None,
        language=(spec.language or "").strip().lower(),
        region=region,
        owner_id=(spec.owner_id or "").strip() or None,
        source_name=clean_text(spec.source_name),
    )


def validate_spec(store: Store, spec: FormSpec) -> list[FieldError]:
    """Every problem with a (cleaned) form definition; empty when it can be saved."""
    errors: list[FieldError] = []
    if not spec.name:
        errors.append(FieldError("name", "required", "required"))
    elif len(spec.name) > NAME_MAX:
        errors.append(FieldError("name", "too_long", f"longer than {NAME_MAX} characters"))
    if not spec.campaign_id:
        errors.append(FieldError("campaign_id", "required", "required"))
    elif campaign_info(store, spec.campaign_id) is None:
        errors.append(FieldError("campaign_id", "unknown_campaign", f"no campaign {spec.campaign_id!r}"))
    for name in spec.fields:
        if name not in FORM_FIELDS:
            code = "not_offered" if name in NOT_OFFERED else "unknown_field"
            errors.append(FieldError("fields", code, f"a form cannot offer {name!r}"))
    if not any(f in spec.fields for f in IDENTIFYING[Kind.LEADS]):
        errors.append(FieldError("fields", "no_identifying_field",
                                 f"offer at least one of {', '.join(IDENTIFYING[Kind.LEADS])}"))
    for name in spec.required:
        if name not in spec.fields:
            errors.append(FieldError("required", "required_not_offered", f"{name!r} is required but not offered"))
    if spec.thank_you and len(spec.thank_you) > THANK_YOU_MAX:
        errors.append(FieldError("thank_you", "too_long", f"longer than {THANK_YOU_MAX} characters"))
    if spec.language not in LANGUAGES:
        errors.append(FieldError("language", "invalid_language", f"one of {', '.join(LANGUAGES)}"))
    try:
        phone_region(spec.region)
    except ValueError:
        errors.append(FieldError("region", "invalid_region", f"unknown phone region {spec.region!r}"))
    if spec.owner_id and not existing_ids(store, "Rep", [spec.owner_id]):
        errors.append(FieldError("owner_id", "unknown_rep", f"no rep {spec.owner_id!r}"))
    if spec.source_name and len(spec.source_name) > NAME_MAX:
        errors.append(FieldError("source_name", "too_long", f"longer than {NAME_MAX} characters"))
    return errors


def _params(spec: FormSpec) -> dict[str, Any]:
    return {"name": spec.name, "campaign_id": spec.campaign_id, "source_name": spec.source_name,
            "fields": json.dumps(list(spec.fields)), "required": json.dumps(list(spec.required)),
            "thank_you": spec.thank_you, "language": spec.language, "region": spec.region,
            "owner_id": spec.owner_id, "active": bool(spec.active)}


def _checked(store: Store, spec: FormSpec) -> FormSpec:
    spec = clean_spec(spec)
    if errors := validate_spec(store, spec):
        raise FormInvalid(errors)
    return spec


def create_form(store: Store, spec: FormSpec, *, created_by: str | None = None,
                now: datetime | None = None) -> WebForm:
    """Save a new form (FormInvalid when the definition is not usable)."""
    now = now or utc_now()
    form_id = new_form_id()
    with store.transaction():
        spec = _checked(store, spec)
        store.write("capture/form_create", id=form_id, created_by=created_by, now=now, **_params(spec))
    return get_form(store, form_id)  # type: ignore[return-value]


def update_form(store: Store, form_id: str, spec: FormSpec, *, now: datetime | None = None) -> WebForm:
    """Change a form's definition (FormNotFound, FormInvalid)."""
    now = now or utc_now()
    with store.transaction():
        if get_form(store, form_id) is None:
            raise FormNotFound(form_id)
        spec = _checked(store, spec)
        store.write("capture/form_update", id=form_id, now=now, **_params(spec))
    return get_form(store, form_id)  # type: ignore[return-value]


def set_active(store: Store, form_id: str, active: bool, *, now: datetime | None = None) -> None:
    """Switch a form on or off (FormNotFound)."""
    now = now or utc_now()
    if not store.write("capture/form_set_active", id=form_id, active=active, now=now):
        raise FormNotFound(form_id)


def deactivate(store: Store, form_id: str) -> None:
    """Switch a form off: its public page answers 404 from now on."""
    set_active(store, form_id, False)


def count_submission(store: Store, form_id: str) -> int:
    """Count one accepted submission; return the new total."""
    rows = store.write("capture/form_count_submission", id=form_id)
    return int(rows[0]["submissions"]) if rows else 0


def get_form(store: Store, form_id: str) -> WebForm | None:
    """One form, or None."""
    rows = store.read("capture/form_get", id=form_id)
    return _form(rows[0]) if rows else None


def list_forms(store: Store, *, limit: int = 500) -> list[WebForm]:
    """Every form, newest first."""
    return [_form(row) for row in store.read("capture/form_list", limit=limit)]


def campaigns(store: Store) -> list[dict[str, Any]]:
    """The campaigns a form can collect for (newest first): id, name, status and source."""
    return store.read("capture/campaign_choices")


def reps(store: Store) -> list[dict[str, Any]]:
    """The active reps a form can give its new leads to: id and name."""
    return store.read("capture/rep_choices")


def qr_code(url: str) -> segno.QRCode:
    """The QR code of a form's public URL (error correction M: survives a scuffed poster)."""
    return segno.make(url, error="m", micro=False)


def write_qr(url: str, out: Any, kind: str) -> None:
    """Write the QR code of ``url`` to ``out`` (a path or a binary file) as ``svg`` or ``png``."""
    if kind not in QR_SCALE:
        raise ValueError(f"a QR code is written as svg or png, not {kind!r}")
    extra = {"xmldecl": False, "title": url} if kind == "svg" else {}
    qr_code(url).save(out, kind=kind, scale=QR_SCALE[kind], border=4, **extra)


def _form(row: Mapping[str, Any]) -> WebForm:
    spec = FormSpec(
        name=row["name"] or "", campaign_id=row["campaign_id"] or "",
        fields=tuple(json.loads(row["fields"] or "[]")), required=tuple(json.loads(row["required"] or "[]")),
        thank_you=row["thank_you"], language=row["language"] or "en", region=row["region"] or "US",
        owner_id=row["owner_id"], source_name=row["source_name"], active=bool(row["active"]),
    )
    return WebForm(row["id"], spec, row["created_by"], int(row["submissions"] or 0), row["created_at"],
                   row["updated_at"])


def submitted_fields(form: WebForm, values: Mapping[str, Any]) -> dict[str, str]:
    """The form's own fields among posted ``values``, as text; anything else posted is ignored."""
    out: dict[str, str] = {}
    for name in form.fields:
        value = values.get(name)
        if isinstance(value, str) and value.strip():
            out[name] = value.strip()
    return out


def check_submission(form: WebForm, fields: Mapping[str, Any]) -> list[FieldError]:
    """Every problem with a submission: required fields left blank first, then bad values."""
    errors = required_missing(fields, form.required)
    seen = {e.field for e in errors}
    errors += [e for e in check_fields(Kind.LEADS, fields, form.region) if e.field not in seen]
    return errors


def submit(store: Store, form: WebForm, values: Mapping[str, Any], *,
           utm: Iterable[tuple[str, str]] = (), now: datetime | None = None) -> Captured:
    """Capture one submission of ``form`` as a lead (CaptureInvalid for field errors).

    The lead's source is the form's own, else the campaign's source; a ``utm_source`` tag
    naming a known source wins over both (``Channel.source_name``): an unknown tag creates no
    source (any visitor can write one), it is only kept, raw, on the capture. A visitor already known by email or phone gets
    a new touchpoint on the existing lead instead of a second lead.
    """
    fields = submitted_fields(form, values)
    if errors := check_submission(form, fields):
        raise CaptureInvalid(errors)
    campaign = campaign_info(store, form.campaign_id) or {}
    channel = Channel("form", ref=form.id, campaign_id=form.campaign_id,
                      source=form.source_name or campaign.get("source"), utm=tuple(utm),
                      known_sources=tuple(r["name"] for r in store.read("capture/source_choices")))
    result = capture(store, Kind.LEADS, fields, channel, region=form.region, owner_id=form.owner_id,
                     on_duplicate="existing", now=now)
    count_submission(store, form.id)
    return result


__all__ = ["DEFAULT_FIELDS", "FORM_FIELDS", "FormInvalid", "FormNotFound", "FormSpec", "LANGUAGES", "WebForm",
           "campaigns", "check_submission", "count_submission", "create_form", "deactivate", "get_form",
           "list_forms", "looks_like_form_id", "new_form_id", "qr_code", "reps", "set_active", "submit", "submitted_fields",
           "update_form", "write_qr"]
