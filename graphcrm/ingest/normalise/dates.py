"""Dates and times in the forms real exports use, as naive UTC datetimes."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from dateutil import parser as dateparser

from graphcrm.ingest.normalise.text import InvalidValue, blank, clean_text, fold_width, show

EXCEL_EPOCH = datetime(1899, 12, 30)  # Excel's 1900 date system (with its leap-year bug) counts from here
_CN_DATE = re.compile(
    r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"
    r"(?:\s*(上午|下午)?\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?:\s*[:：]\s*(\d{1,2})\s*秒?)?)?$"
)
_NUMERIC = re.compile(r"^\d+(\.\d+)?$")
_HAS_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?|\d{8}|[A-Za-z]{3,}\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]{3,}")
_US_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})\b")
# Exact formats real exports use, tried before dateutil (which is 20x slower). Only formats
# that read the same whatever `dayfirst` says come first; US month-first ones only when
# dayfirst is False.
_ISO_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d",
                "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S")
_US_FORMATS = ("%m/%d/%Y %I:%M %p", "%m/%d/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S")
_last_format: list[str] = []


def parse_datetime(value: Any, *, dayfirst: bool = False) -> datetime | None:
    """A naive UTC datetime from ISO, US ``MM/DD/YYYY hh:mm AM``, Chinese ``2026年3月5日``,
    Excel serial numbers or Unix epochs; None when blank, InvalidValue when impossible."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return _checked(_utc(value), value)
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
    if not _HAS_DATE.search(text):
        raise InvalidValue(f"not a date: {show(value)}")
    if match := _US_SLASHED.match(text):
        first, second = int(match[1]), int(match[2])
        if dayfirst is False and first > 12 >= second:
            raise InvalidValue(f"not a date (month {first}): {show(value)}")
    try:
        parsed = dateparser.parse(text, dayfirst=dayfirst, yearfirst=bool(re.match(r"^\d{4}", text)),
                                  default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        raise InvalidValue(f"not a date: {show(value)}") from None
    return _checked(_utc(parsed), value)


_US_TIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?)?$")
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _fast(text: str, dayfirst: bool) -> datetime | None:
    """The shapes most exports use, parsed without dateutil; None to fall through."""
    if _ISO_START.match(text):
        try:
            return _utc(datetime.fromisoformat(text))
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
    return _exact(text, dayfirst)


def _exact(text: str, dayfirst: bool) -> datetime | None:
    formats = _ISO_FORMATS if dayfirst else _ISO_FORMATS + _US_FORMATS
    for fmt in (*_last_format, *formats):
        if fmt not in formats:
            continue
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        _last_format[:] = [fmt]  # files repeat one format: try it first next time
        return moment
    return None


def parse_date(value: Any, *, dayfirst: bool = False) -> date | None:
    """The date part of :func:`parse_datetime`."""
    parsed = parse_datetime(value, dayfirst=dayfirst)
    return parsed.date() if parsed else None


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def _checked(moment: datetime, original: Any) -> datetime:
    if not 1900 <= moment.year <= 2100:
        raise InvalidValue(f"date out of range (1900-2100): {show(original)}")
    return moment


def _from_number(number: float, original: Any) -> datetime:
    if 20000 <= number <= 80000:  # Excel serial day (1954-2119)
        return _checked(EXCEL_EPOCH + timedelta(days=number), original).replace(microsecond=0)
    if 1e9 <= number < 5e9:  # Unix seconds
        return _checked(datetime.fromtimestamp(number, timezone.utc).replace(tzinfo=None), original)
    if 1e12 <= number < 5e12:  # Unix milliseconds
        return _checked(datetime.fromtimestamp(number / 1000, timezone.utc).replace(tzinfo=None), original)
    if re.fullmatch(r"\d{8}", str(original).strip()):
        try:
            return _checked(datetime.strptime(str(original).strip(), "%Y%m%d"), original)
        except ValueError:
            pass
    raise InvalidValue(f"not a date: {show(original)}")


def _chinese(match: re.Match[str], original: Any) -> datetime:
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    hour = int(match[5] or 0)
    if match[4] == "下午" and hour < 12:
        hour += 12
    try:
        return _checked(datetime(year, month, day, hour, int(match[6] or 0), int(match[7] or 0)), original)
    except ValueError:
        raise InvalidValue(f"not a date: {show(original)}") from None
