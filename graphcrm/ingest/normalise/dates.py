"""Dates and times in the forms real exports use, as naive UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dateutil import parser as dateparser

from graphcrm.ingest.normalise.text import (
    InvalidValue,
    blank,
    clean_text,
    fold_width,
    show,
)

EXCEL_EPOCH = datetime(1899, 12, 30)  # Excel's 1900 date system (with its leap-year bug) counts from here
EXCEL_SERIALS = (20000, 80000)  # 1954-10-03 .. 2119-01-10: a bare number outside this is not a serial day
EPOCH_SECONDS = (1e9, 5e9)  # 2001-09-09 .. 2128: a bare number in this range is a Unix time
EPOCH_MILLISECONDS = (1e12, 5e12)
YEARS = (1900, 2100)
# Zone abbreviations that mean one thing; others (CST is China or US Central, IST three zones)
# are refused rather than guessed. Hours east of UTC.
TIME_ZONES: dict[str, float] = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "EET": 2,
    "EEST": 3, "MSK": 3, "GST": 4, "PKT": 5, "ICT": 7, "WIB": 7, "HKT": 8, "SGT": 8, "AWST": 8, "JST": 9,
    "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7,
    "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}
_CN_DATE = re.compile(
    r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"
    r"(?:\s*(上午|下午|凌晨|早上|晚上)?\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?:\s*[:：]?\s*(\d{1,2})\s*秒?)?)?$"
)
_NUMERIC = re.compile(r"^\d+(\.\d+)?$")
_HAS_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?|\d{8}|[A-Za-z]{3,}\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]{3,}")
_US_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})\b")
_US_TIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?)?$")
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
_YEAR_FIRST = re.compile(r"^\d{4}")
# dateutil reads "GMT+8" the POSIX way (8 hours west); people who write it mean UTC+08:00.
_GMT_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b", re.IGNORECASE)
# Exact formats real exports use, tried before dateutil (which is 20x slower). US month-first
# ones only when dayfirst is False.
_ISO_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d",
                "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S")
_US_FORMATS = ("%m/%d/%Y %I:%M %p", "%m/%d/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S")
_last_format: list[str] = []  # files repeat one format: the one that last worked is tried first
_NO_YEAR = datetime(1, 1, 1)  # dateutil fills missing fields from a default; year 1 marks "no year given"


def parse_datetime(value: Any, *, dayfirst: bool = False) -> datetime | None:
    """A naive UTC datetime from ISO, US ``MM/DD/YYYY hh:mm AM``, Chinese ``2026年3月5日``,
    Excel serial numbers or Unix epochs; None when blank, InvalidValue when impossible.

    Aware values are converted to UTC; naive ones are taken as they are. Years must be in
    1900-2100. ``dayfirst`` reads ``05/03/2026`` as 5 March; without it a first number over
    12 is an error, not a silent swap.
    """
    if blank(value):
        return None
    if isinstance(value, datetime):  # also pandas Timestamp
        return _checked(value, value)
    if isinstance(value, date):
        return _checked(datetime(value.year, value.month, value.day), value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_number(float(value), value)
    text = fold_width(clean_text(value) or "")
    if _NUMERIC.match(text):
        return _from_number(float(text), value)
    if match := _CN_DATE.match(text):
        return _chinese(match, value)
    if (fast := _fast(text, dayfirst)) is not None:
        return _checked(fast, value)
    return _checked(_dateutil(text, dayfirst, value), value)


def parse_date(value: Any, *, dayfirst: bool = False) -> date | None:
    """The date part of :func:`parse_datetime`."""
    parsed = parse_datetime(value, dayfirst=dayfirst)
    return parsed.date() if parsed else None


def _fast(text: str, dayfirst: bool) -> datetime | None:
    """The shapes most exports use, parsed without dateutil; None to fall through."""
    if _ISO_START.match(text):
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return None
    if not dayfirst and (m := _US_TIME.match(text)):
        hour = int(m[4] or 0)
        if m[7]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if m[7].lower() == "pm" else 0)
        try:
            return datetime(int(m[3]), int(m[1]), int(m[2]), hour, int(m[5] or 0), int(m[6] or 0))
        except ValueError:
            return None
    formats = _ISO_FORMATS if dayfirst else _ISO_FORMATS + _US_FORMATS
    for fmt in (*_last_format, *formats):
        if fmt not in formats:
            continue
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        _last_format[:] = [fmt]
        return moment
    return None


def _dateutil(text: str, dayfirst: bool, original: Any) -> datetime:
    """Everything else, through dateutil, refusing what it would otherwise make up."""
    if not _HAS_DATE.search(text):  # dateutil reads "1" or "May" as a date in the current month
        raise InvalidValue(f"not a date: {show(original)}")
    if not dayfirst and (match := _US_SLASHED.match(text)) and int(match[1]) > 12 >= int(match[2]):
        raise InvalidValue(f"not a date (no month {match[1]}; day first?): {show(original)}")
    text = _GMT_OFFSET.sub(lambda m: f" {m[1]}{int(m[2]):02d}:{m[3] or '00'}", text)
    try:
        parsed = dateparser.parse(text, dayfirst=dayfirst, yearfirst=bool(_YEAR_FIRST.match(text)),
                                  default=_NO_YEAR, tzinfos=_zone)
    except InvalidValue as exc:
        raise InvalidValue(f"{exc.reason} in {show(original)}") from None
    except (ValueError, OverflowError):
        raise InvalidValue(f"not a date: {show(original)}") from None
    if parsed.year == _NO_YEAR.year:
        raise InvalidValue(f"not a date (no year): {show(original)}")
    return parsed


def _zone(name: str | None, offset: int | None) -> int | None:
    """dateutil's time-zone hook: seconds east of UTC, None for naive, InvalidValue for a guess."""
    if name is None or (offset is not None and name.upper() in ("UTC", "GMT", "UT", "Z")):
        return offset
    hours = TIME_ZONES.get(name.upper())
    if hours is None:
        raise InvalidValue(f"unknown or ambiguous time zone {name!r}")
    return int(hours * 3600)


def _checked(moment: datetime, original: Any) -> datetime:
    """A plain naive UTC datetime within the years we accept."""
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:
            raise InvalidValue(f"date out of range ({YEARS[0]}-{YEARS[1]}): {show(original)}") from None
        except ValueError:  # an offset of a day or more ("+25:00"), which no time zone has
            raise InvalidValue(f"time zone offset out of range: {show(original)}") from None
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise InvalidValue(f"date out of range ({YEARS[0]}-{YEARS[1]}): {show(original)}")
    if type(moment) is not datetime:  # a pandas Timestamp or other subclass: callers get the plain type
        moment = datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
                          moment.microsecond)
    return moment


def _from_number(number: float, original: Any) -> datetime:
    if EXCEL_SERIALS[0] <= number <= EXCEL_SERIALS[1]:
        # whole seconds: a serial's fraction of a day rarely lands exactly on one in binary
        return _checked(EXCEL_EPOCH + timedelta(seconds=round(number * 86400)), original)
    if EPOCH_SECONDS[0] <= number < EPOCH_SECONDS[1]:
        return _checked(datetime.fromtimestamp(number, UTC), original)
    if EPOCH_MILLISECONDS[0] <= number < EPOCH_MILLISECONDS[1]:
        return _checked(datetime.fromtimestamp(number / 1000, UTC), original)
    text = str(original).strip()
    if len(text) == 8 and text.isdigit():  # 20260305
        try:
            return _checked(datetime.strptime(text, "%Y%m%d"), original)
        except ValueError:
            pass
    raise InvalidValue(f"not a date: {show(original)}")


_AFTERNOON = ("下午", "晚上")


def _chinese(match: re.Match[str], original: Any) -> datetime:
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    hour = int(match[5] or 0)
    if match[4] in _AFTERNOON and hour < 12:
        hour += 12
    elif match[4] in ("上午", "凌晨", "早上") and hour == 12:
        hour = 0
    try:
        moment = datetime(year, month, day, hour, int(match[6] or 0), int(match[7] or 0))
    except ValueError:
        raise InvalidValue(f"not a date: {show(original)}") from None
    return _checked(moment, original)
