"""Field checks for captured records: the importer's normalisers, but a bad value is an error.

An import keeps a malformed email as an extra property and warns; a person typing into a form
or a system calling the API can fix it, so here it is a field error. Each error has a stable
``code`` (the web layer translates it) and an English ``message`` (the API returns it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphcrm.ingest.fields import Kind
from graphcrm.ingest.normalise import (
    InvalidValue,
    canonical_rating,
    canonical_status,
    clean_text,
    normalise_email,
    normalise_phone,
    parse_amount,
    parse_int,
    website_domain,
)

PERSON_CAPTURE_FIELDS = (
    "external_id", "first_name", "last_name", "name", "title", "company_name", "email", "phone", "mobile",
    "website", "source", "status", "rating", "industry", "employees", "annual_revenue", "street", "city",
    "region", "postcode", "country", "description",
)
CAPTURE_FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.LEADS: PERSON_CAPTURE_FIELDS,
    Kind.CONTACTS: PERSON_CAPTURE_FIELDS,
    Kind.COMPANIES: ("external_id", "name", "website", "industry", "employees", "annual_revenue", "phone",
                     "street", "city", "region", "postcode", "country", "description"),
}
IDENTIFYING: dict[Kind, tuple[str, ...]] = {
    Kind.LEADS: ("name", "first_name", "last_name", "email", "phone", "mobile"),
    Kind.CONTACTS: ("name", "first_name", "last_name", "email", "phone", "mobile"),
    Kind.COMPANIES: ("name", "website"),
}
MAX_LENGTH = 300
LONG_FIELDS = {"description": 5000}


@dataclass(frozen=True)
class FieldError:
    """One field's problem: a stable code and an English message."""

    field: str
    code: str
    message: str


class CaptureInvalid(ValueError):
    """The record cannot be captured as given; ``errors`` says which fields and why."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


def _checker(parse: Callable[[Any], Any], code: str) -> Callable[[Any, str], FieldError | None]:
    def check(value: Any, field: str) -> FieldError | None:
        try:
            parse(value)
        except InvalidValue as exc:
            return FieldError(field, code, str(exc))
        return None

    return check


def _known(parse: Callable[[Any], tuple[str | None, str | None]], code: str, words: str):
    def check(value: Any, field: str) -> FieldError | None:
        canonical, original = parse(value)
        if original and canonical is None:
            return FieldError(field, code, f"unknown {field} {original!r}: one of {words}")
        return None

    return check


def check_fields(kind: Kind, fields: Mapping[str, Any], region: str) -> list[FieldError]:
    """Every problem with ``fields`` for a record of ``kind`` (empty when it can be captured)."""
    if kind not in CAPTURE_FIELDS:
        raise ValueError(f"records of kind {kind} are not captured")
    allowed = CAPTURE_FIELDS[kind]
    errors: list[FieldError] = []
    phone = _checker(lambda v: normalise_phone(v, region), "invalid_phone")
    checks: dict[str, Callable[[Any, str], FieldError | None]] = {
        "email": _checker(normalise_email, "invalid_email"),
        "phone": phone,
        "mobile": phone,
        "website": _checker(website_domain, "invalid_website"),
        "employees": _checker(parse_int, "invalid_number"),
        "annual_revenue": _checker(parse_amount, "invalid_number"),
        "status": _known(canonical_status, "invalid_status", "new, working, qualified, disqualified, converted"),
        "rating": _known(canonical_rating, "invalid_rating", "hot, warm, cold"),
    }
    for field, value in fields.items():
        if field not in allowed:
            errors.append(FieldError(field, "unknown_field", f"unknown field {field!r}"))
            continue
        if value is None:
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            errors.append(FieldError(field, "not_text", "must be text or a number"))
            continue
        text = str(value)
        limit = LONG_FIELDS.get(field, MAX_LENGTH)
        if len(text) > limit:
            errors.append(FieldError(field, "too_long", f"longer than {limit} characters"))
            continue
        if clean_text(text) is None:
            continue
        if field in checks and (error := checks[field](text, field)):
            errors.append(error)
    if not any(clean_text(fields.get(f)) for f in IDENTIFYING[kind] if isinstance(fields.get(f), (str, int))):
        errors.append(FieldError(IDENTIFYING[kind][0], "required",
                                 f"give at least one of {', '.join(IDENTIFYING[kind])}"))
    return errors


def required_missing(fields: Mapping[str, Any], required: tuple[str, ...]) -> list[FieldError]:
    """Errors for the ``required`` fields left blank (a web form's own rule)."""
    return [FieldError(f, "required", "required") for f in required if clean_text(fields.get(f)) is None]
