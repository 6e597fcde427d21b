"""Dates: every shape the exports use, as naive UTC datetimes; nonsense refused, never guessed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphcrm.ingest.normalise import InvalidValue, blank, parse_date, parse_datetime
from graphcrm.ingest.normalise.columns import datetime_column
from graphcrm.ingest.normalise.dates import EXCEL_EPOCH


@pytest.mark.parametrize("raw,expected", [
    ("03/06/2026 12:00 AM", datetime(2026, 3, 6, 0, 0)),  # Salesforce Create Date
    ("04/16/2026 11:00 PM", datetime(2026, 4, 16, 23, 0)),
    ("04/16/2026 12:30 PM", datetime(2026, 4, 16, 12, 30)),
    ("09/30/2026", datetime(2026, 9, 30)),  # Salesforce Close Date
    ("2026-03-31 15:00:00", datetime(2026, 3, 31, 15, 0)),  # Zoho Created Time
    ("2026-04-28 00:00", datetime(2026, 4, 28)),  # HubSpot Create Date
    ("2026-03-31T15:00:00Z", datetime(2026, 3, 31, 15, 0)),
    ("2026-03-31T15:00:00.123Z", datetime(2026, 3, 31, 15, 0, 0, 123000)),
    ("2026-03-31T23:00:00+08:00", datetime(2026, 3, 31, 15, 0)),
    ("2026-03-31 15:00 +0800", datetime(2026, 3, 31, 7, 0)),
    ("2026-03-31 15:00 GMT+8", datetime(2026, 3, 31, 7, 0)),  # as people mean it, not POSIX's reversed sign
    ("2026-03-31 15:00 UTC", datetime(2026, 3, 31, 15, 0)),
    ("2026-03-31 15:00 PST", datetime(2026, 3, 31, 23, 0)),
    ("2026年3月5日", datetime(2026, 3, 5)),
    ("2026年3月5日 14:30", datetime(2026, 3, 5, 14, 30)),
    ("2026年03月05日 14时30分", datetime(2026, 3, 5, 14, 30)),
    ("2026年3月5日 下午2:30", datetime(2026, 3, 5, 14, 30)),
    ("2026年3月5日 上午12:30", datetime(2026, 3, 5, 0, 30)),
    ("2026/3/5", datetime(2026, 3, 5)),
    ("2026/03/05 14:30", datetime(2026, 3, 5, 14, 30)),
    ("2026-3-5", datetime(2026, 3, 5)),
    ("20260305", datetime(2026, 3, 5)),
    ("Mar 5, 2026", datetime(2026, 3, 5)),
    ("5 March 2026", datetime(2026, 3, 5)),
    ("Thu Mar 05 14:30:00 GMT+0800 2026", datetime(2026, 3, 5, 6, 30)),
    ("３/５/２０２６", datetime(2026, 3, 5)),  # full-width digits
    # Excel serial days (1900 system) and Unix times
    (46091, datetime(2026, 3, 10)),
    ("46091", datetime(2026, 3, 10)),
    (46091.5, datetime(2026, 3, 10, 12, 0)),
    ("46091.5", datetime(2026, 3, 10, 12, 0)),
    (46091.1, datetime(2026, 3, 10, 2, 24)),  # rounded to the second, not 02:23:59.99
    (1772668800, datetime(2026, 3, 5)),
    (1772668800000, datetime(2026, 3, 5)),
    # values that are already dates
    (date(2026, 1, 2), datetime(2026, 1, 2)),
    (datetime(2026, 1, 2, 8, 0, tzinfo=timezone(timedelta(hours=8))), datetime(2026, 1, 2, 0, 0)),
    (pd.Timestamp("2026-03-05 10:00"), datetime(2026, 3, 5, 10, 0)),
    (pd.Timestamp("2026-03-05 10:00", tz="Asia/Shanghai"), datetime(2026, 3, 5, 2, 0)),
])
def test_dates_in_the_forms_exports_use(raw, expected):
    result = parse_datetime(raw)
    assert result == expected
    assert type(result) is datetime and result.tzinfo is None


@pytest.mark.parametrize("raw,reason", [
    ("02/30/2026", "not a date: '02/30/2026'"),
    ("13/45/2026", "not a date: '13/45/2026'"),
    ("13/05/2026", "not a date (no month 13; day first?): '13/05/2026'"),
    ("not a date", "not a date: 'not a date'"),
    ("1", "not a date: '1'"),
    ("May", "not a date: 'May'"),
    ("12345", "not a date: '12345'"),  # a bare number outside the Excel and epoch ranges
    ("Mar 5", "not a date (no year): 'Mar 5'"),  # dateutil would invent the year
    ("2026-02-30", "not a date: '2026-02-30'"),
    ("2026年13月5日", "not a date: '2026年13月5日'"),
    ("3000-01-01", "date out of range (1900-2100): '3000-01-01'"),
    ("1899-12-31", "date out of range (1900-2100): '1899-12-31'"),
    ("Thu Mar 05 14:30:00 CST 2026", "unknown or ambiguous time zone 'CST' in 'Thu Mar 05 14:30:00 CST 2026'"),
    (float("inf"), "not a date: 'inf'"),
    (True, "not a date: 'True'"),
])
def test_impossible_dates_are_rejected_with_a_reason(raw, reason):
    with pytest.raises(InvalidValue) as caught:
        parse_datetime(raw)
    assert caught.value.reason == reason


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "N/A", float("nan"), pd.NaT, pd.NA, "NaT"])
def test_blank_is_none(raw):
    assert parse_datetime(raw) is None and parse_date(raw) is None


def test_dayfirst_reads_day_before_month():
    assert parse_datetime("05/03/2026", dayfirst=True) == datetime(2026, 3, 5)
    assert parse_datetime("13/05/2026 14:30", dayfirst=True) == datetime(2026, 5, 13, 14, 30)
    assert parse_datetime("05/03/2026") == datetime(2026, 5, 3)
    assert parse_datetime("2026-03-05", dayfirst=True) == datetime(2026, 3, 5)  # ISO is never ambiguous


def test_parse_date_keeps_the_date_part():
    assert parse_date("10/23/2026 11:00 PM") == date(2026, 10, 23)
    assert parse_date("2026-03-31T23:30:00-05:00") == date(2026, 4, 1)  # the UTC day


def test_a_date_column_parses_in_one_pass_like_the_row_parser():
    usual = [f"03/{day:02d}/2026 {day % 12 + 1:02d}:00 PM" for day in range(1, 21)]
    column = pd.Series([*usual, None, "2026年3月5日", "02/30/2026"])
    parsed = datetime_column(column)
    assert list(parsed[:20]) == [parse_datetime(v) for v in usual]
    assert blank(parsed[20])
    assert list(parsed[21:]) == ["2026年3月5日", "02/30/2026"]  # left for the row parser to read or reject


def test_a_date_column_with_an_impossible_date_in_its_sample_is_left_to_the_row_parser():
    column = pd.Series(["03/06/2026 12:00 AM", "02/30/2026"])
    assert list(datetime_column(column)) == list(column)


MOMENTS = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)).map(
    lambda d: d.replace(microsecond=0))
FORMATS = ["%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M",
           "%Y/%m/%d %H:%M:%S", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H时%M分%S秒", "%d %B %Y %H:%M:%S",
           "%b %d, %Y %H:%M:%S", "%a %b %d %H:%M:%S UTC %Y"]


@given(MOMENTS, st.sampled_from(FORMATS))
def test_round_trip_through_every_supported_format(moment, fmt):
    if "%S" not in fmt:
        moment = moment.replace(second=0)
    assert parse_datetime(moment.strftime(fmt)) == moment


@given(MOMENTS, st.sampled_from(["%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d", "%Y年%m月%d日", "%Y%m%d", "%B %d, %Y"]))
def test_date_only_formats_round_trip(moment, fmt):
    assert parse_date(moment.strftime(fmt)) == moment.date()


@given(MOMENTS, st.sampled_from(["%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M"]))
def test_day_first_formats_round_trip_with_dayfirst(moment, fmt):
    assert parse_datetime(moment.strftime(fmt), dayfirst=True) == moment.replace(second=0)


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30)).map(
    lambda d: d.replace(microsecond=0)), st.integers(-12 * 60, 14 * 60).map(lambda m: timedelta(minutes=m)))
def test_aware_values_become_naive_utc(moment, offset):
    aware = moment.replace(tzinfo=timezone(offset))
    expected = (moment - offset)
    if 1900 <= expected.year <= 2100:
        assert parse_datetime(aware) == expected
        assert parse_datetime(aware.isoformat()) == expected


@given(st.datetimes(min_value=datetime(1954, 10, 3), max_value=datetime(2100, 12, 31)).map(
    lambda d: d.replace(microsecond=0)), st.sampled_from([float, str]))
def test_excel_serials_round_trip(moment, kind):
    serial = (moment - EXCEL_EPOCH).total_seconds() / 86400
    assert parse_datetime(kind(serial)) == moment


@given(st.datetimes(min_value=datetime(2002, 1, 1), max_value=datetime(2100, 12, 31)).map(
    lambda d: d.replace(microsecond=0)))
def test_epoch_seconds_and_milliseconds_round_trip(moment):
    seconds = int(moment.replace(tzinfo=UTC).timestamp())
    assert parse_datetime(seconds) == moment
    assert parse_datetime(seconds * 1000) == moment


@given(st.text(max_size=30), st.booleans())
def test_any_text_gives_a_valid_datetime_or_invalid_value(text, dayfirst):
    try:
        result = parse_datetime(text, dayfirst=dayfirst)
    except InvalidValue:
        return
    if result is not None:
        assert type(result) is datetime and result.tzinfo is None and 1900 <= result.year <= 2100
        assert parse_datetime(result) == result
        assert parse_datetime(result.isoformat()) == result


def test_an_offset_of_a_day_or_more_is_invalid_not_a_crash():
    with pytest.raises(InvalidValue, match="offset"):
        parse_datetime("2026-01-01T00:00:00+25:00")
