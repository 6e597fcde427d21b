"""Normalisers: pure functions from raw export cells to clean values.

Every function returns None for a blank cell and raises ``InvalidValue`` (with a
short reason) for a non-blank cell it cannot use, and nothing else for any cell. The
one exception is a caller's mistake: ``normalise_phone`` with an unknown region raises a
plain ``ValueError``.
"""

from graphcrm.ingest.normalise.address import Address, address, country_code
from graphcrm.ingest.normalise.company import clean_company_name, company_key
from graphcrm.ingest.normalise.dates import parse_date, parse_datetime
from graphcrm.ingest.normalise.domains import email_domain, website_domain
from graphcrm.ingest.normalise.email import normalise_email
from graphcrm.ingest.normalise.free_mail import FREE_MAIL, is_free_mail
from graphcrm.ingest.normalise.names import PersonName, has_cjk, person_name
from graphcrm.ingest.normalise.numbers import parse_amount, parse_bool, parse_int
from graphcrm.ingest.normalise.phone import normalise_phone
from graphcrm.ingest.normalise.status import (
    CANONICAL_RATINGS,
    CANONICAL_STATUSES,
    canonical_rating,
    canonical_stage,
    canonical_status,
)
from graphcrm.ingest.normalise.text import InvalidValue, blank, clean_text

__all__ = [
    "CANONICAL_RATINGS",
    "CANONICAL_STATUSES",
    "FREE_MAIL",
    "Address",
    "InvalidValue",
    "PersonName",
    "address",
    "blank",
    "canonical_rating",
    "canonical_stage",
    "canonical_status",
    "clean_company_name",
    "clean_text",
    "company_key",
    "country_code",
    "email_domain",
    "has_cjk",
    "is_free_mail",
    "normalise_email",
    "normalise_phone",
    "parse_amount",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_int",
    "person_name",
    "website_domain",
]
