"""Blank detection, text tidying and the InvalidValue error."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import InvalidValue, blank, clean_text

BLANKS = [None, float("nan"), pd.NA, pd.NaT, "", "   ", "\u3000", "\u00a0", "\t\n", "-", "--", "—", "N/A", "n/a",
          "NA", "#N/A", "null", "NULL", "None", "nan", "NaT", "<NA>", "无", "暂无", "\u200b", " - "]
NOT_BLANK = ["0", "Na", "na", "李", "a", "N/A value", "-5", "No", 0, 0.0, False, "无效"]


@pytest.mark.parametrize("value", BLANKS, ids=repr)
def test_blank_values(value):
    assert blank(value) is True
    assert clean_text(value) is None


@pytest.mark.parametrize("value", NOT_BLANK, ids=repr)
def test_values_that_look_empty_but_are_not(value):
    assert blank(value) is False
    assert clean_text(value) == str(value).strip()


@pytest.mark.parametrize("raw,expected", [
    ("  Bob   Smith ", "Bob Smith"),
    ("李\u3000桂花", "李 桂花"),  # full-width space
    ("Bob\u00a0Smith", "Bob Smith"),  # no-break space
    ("Jos\u0065\u0301", "José"),  # NFC: e + combining acute becomes é
    ("Jo\u200bhn", "John"),  # zero-width space removed, not turned into a gap
    ("\ufeffLead ID", "Lead ID"),  # byte-order mark left by a UTF-8-with-BOM export
    ("line\nbreak", "line break"),
    (12, "12"),
    (15969297112.0, "15969297112.0"),
])
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_invalid_value_carries_a_short_reason():
    exc = InvalidValue("not an email address: 'bob@'")
    assert isinstance(exc, ValueError)
    assert exc.reason == str(exc) == "not an email address: 'bob@'"


@given(st.text())
def test_blank_agrees_with_clean_text(text):
    assert blank(text) == (clean_text(text) is None)


@given(st.text())
def test_clean_text_is_idempotent_and_tidy(text):
    cleaned = clean_text(text)
    if cleaned is not None:
        assert cleaned == cleaned.strip() and "  " not in cleaned
        assert "\u3000" not in cleaned and "\u00a0" not in cleaned and "\u200b" not in cleaned
        assert clean_text(cleaned) == cleaned
