"""The normalisers as one public API: names, blanks, and only InvalidValue for bad input."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.ingest import normalise
from graphcrm.ingest.normalise import InvalidValue

REQUIRED = {
    "InvalidValue", "blank", "clean_text", "normalise_email", "normalise_phone", "email_domain", "website_domain",
    "is_free_mail", "clean_company_name", "company_key", "PersonName", "person_name", "Address", "address",
    "parse_datetime", "parse_date", "parse_amount", "parse_int", "parse_bool", "CANONICAL_STATUSES",
    "canonical_status", "canonical_rating", "canonical_stage",
}
# every normaliser of one raw cell; each returns None for a blank cell
CELL_NORMALISERS = [
    normalise.clean_text, normalise.normalise_email, normalise.normalise_phone, normalise.website_domain,
    normalise.clean_company_name, normalise.company_key, normalise.person_name, normalise.address,
    normalise.parse_datetime, normalise.parse_date, normalise.parse_amount, normalise.parse_int,
    normalise.parse_bool,
]
PAIRS = [normalise.canonical_status, normalise.canonical_rating, normalise.canonical_stage]
BLANKS = [None, float("nan"), pd.NA, pd.NaT, "", "  ", "\u3000", "-", "--", "N/A", "n/a", "null", "无"]


def test_public_api_is_exported():
    assert REQUIRED <= set(normalise.__all__)
    assert all(hasattr(normalise, name) for name in normalise.__all__)
    assert normalise.CANONICAL_STATUSES == ("new", "working", "qualified", "disqualified", "converted")


@pytest.mark.parametrize("value", BLANKS, ids=repr)
@pytest.mark.parametrize("fn", CELL_NORMALISERS + PAIRS, ids=lambda f: f.__name__)
def test_every_normaliser_returns_none_for_blank(fn, value):
    result = fn(value)
    assert result == (None, None) if fn in PAIRS else result is None


CELLS = st.one_of(st.text(max_size=25), st.integers(), st.floats(), st.booleans(), st.none(), st.decimals(),
                  st.datetimes(), st.dates(), st.lists(st.integers(), max_size=2))


@settings(deadline=None)  # the first call loads pypinyin's dictionary
@given(CELLS)
def test_any_cell_gives_a_value_none_or_invalid_value(cell):
    for fn in CELL_NORMALISERS + PAIRS:
        try:
            fn(cell)
        except InvalidValue as exc:
            assert exc.reason and str(exc) == exc.reason and len(exc.reason) < 160


def test_dates_accept_their_own_types():
    assert normalise.parse_date(date(2026, 3, 5)) == date(2026, 3, 5)
    assert normalise.parse_datetime(datetime(2026, 3, 5, 14, 30)) == datetime(2026, 3, 5, 14, 30)
