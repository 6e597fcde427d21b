"""Phone numbers to E.164 with ``phonenumbers``."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import phonenumbers
from phonenumbers import ValidationResult

from graphcrm.ingest.normalise.address import country_code
from graphcrm.ingest.normalise.text import InvalidValue, clean_text, fold_width, show

_EXCEL_FLOAT = re.compile(r"^\d{6,15}\.0+$")  # a number cell saved by Excel: 15969297112.0
_EXCEL_SCIENTIFIC = re.compile(r"^(\d)\.(\d+)[eE]\+?(\d{1,2})$")  # 1.5969297112E+10
_CN_EXTENSION = re.compile(r"\s*(?:转|分机|內線|内线)\s*(?:号\s*)?")  # 010-6552 9988转123
_INTL_00 = re.compile(r"^[\s(]*00")  # 0086 ... : international call prefix
_PUNCTUATION = re.compile(r"[\s().\-/]+")
# Fast paths for the two most common shapes, giving what phonenumbers gives (property tests
# compare them): ten-digit North American numbers and Chinese mobiles.
_NANP = re.compile(r"^(?:\+?1)?([2-9]\d{2}[2-9]\d{6})$")
_CN_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
_CN_MOBILE_PLAIN = re.compile(r"^1[3-9]\d{9}$")
_NANP_REGIONS = frozenset(phonenumbers.region_codes_for_country_code(1))  # US, CA and the Caribbean
# Written the North American way: (415) ..., 1-415-..., 415.555.1234, 1 415 555 1234.
_NANP_GROUPED = re.compile(r"^\s*(?:\+?1[\s.\-]*)?(?:\(\d{3}\)|\d{3})[\s.\-]*\d{3}[\s.\-]+\d{4}\b|^\s*\(\d{3}\)")
# The regions the import page offers, and the ones a number invalid in the default region is tried
# in: a number valid in exactly one of them (one country code) is that country's.
PHONE_REGIONS = ("US", "CN", "GB", "DE", "FR", "JP", "SG", "HK", "TW", "CA", "AU", "IN")


def normalise_phone(value: Any, region: str = "US") -> str | None:
    """E.164 (``+15551234567``, with ``;ext=12`` when there is an extension); None when blank.

    ``region`` (ISO code, or a country name such as "UK" or "China") is assumed for numbers
    written without a country code; an unknown region is a caller's mistake (ValueError).
    """
    text = clean_text(value)
    if text is None:
        return None
    region = _region(region or "US")
    if not text.isascii():
        text = _CN_EXTENSION.sub(" ext. ", fold_width(text))
    text = _excel_number(text.replace("(0)", ""), value)
    compact = _PUNCTUATION.sub("", text)
    nanp = region in _NANP_REGIONS
    if compact.startswith("00") and not (nanp and len(compact) == 10):
        # "00" is the international prefix almost everywhere (CN, EU); in North America it is
        # not, and there a ten-digit "006.433.9173" is a national number.
        text, compact = _INTL_00.sub("+", text, count=1), "+" + compact[2:]
    written_plain = not compact.startswith("+")  # no country code: the default region's, or another's
    grouped_nanp = nanp and bool(_NANP_GROUPED.match(text))  # (415) 555-..., 1-415-...: North American for sure
    nanp_match = _NANP.match(compact) if nanp or compact.startswith("+1") else None
    if written_plain and region != "CN" and not grouped_nanp and _CN_MOBILE_PLAIN.match(compact) \
            and _valid(86, compact, "CN") and not _valid_at_home(text, compact, region, nanp_match):
        # 1[3-9] and nine more digits, invalid at home and valid in China: a Chinese mobile
        return "+86" + compact
    if nanp_match:
        return "+1" + nanp_match[1]
    if (region == "CN" or compact.startswith("+86")) and (match := _CN_MOBILE.match(compact)):
        # 1 + ten digits is also a North American number with its trunk 1: that one, if China has no
        # such mobile and North America has the number (the only other reading of the shape)
        if written_plain and compact == match[1] and not _valid(86, compact, "CN") and _valid(1, compact[1:]):
            return "+1" + compact[1:]
        return "+86" + match[1]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if written_plain and not grouped_nanp and (number is None or not phonenumbers.is_valid_number(number)) \
            and (other := _valid_elsewhere(text, region)):
        # invalid in the default region but valid in (exactly) one other: not forced into the default
        return other
    if number is None:
        raise InvalidValue(f"not a phone number: {show(value)}")
    # is_possible (the length fits the country), not is_valid (the metadata knows the area code):
    # exports carry fictional and newly allocated area codes (+1 041 ...), and rejecting them
    # would lose real leads. Numbers only diallable locally (no area code) are not E.164.
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    possible = phonenumbers.is_possible_number_with_reason(number) == ValidationResult.IS_POSSIBLE
    if not possible or not 7 <= len(e164) - 1 <= 15 or number.national_number == 0:
        # E.164 allows at most 15 digits; some countries allow 3-digit service numbers, but a
        # contact's number has at least 7. All zeros is filler (and phonenumbers drops a zero).
        raise InvalidValue(f"not a possible phone number: {show(value)}")
    return f"{e164};ext={number.extension}" if number.extension else e164


def _valid_at_home(text: str, compact: str, region: str, nanp_match: re.Match[str] | None) -> bool:
    """Whether a number written without a country code is valid in the default region."""
    if nanp_match:
        return _valid(1, nanp_match[1])
    if region in _NANP_REGIONS:
        return False  # every valid North American number is NXX NXX XXXX: the regex said no
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def _valid(country_code: int, national: str, region: str | None = None) -> bool:
    """Whether the digits are a valid number of the country (``phonenumbers.is_valid_number``'s answer).

    The fast paths ask this of every number of a shape that two countries share, so it is one
    regular expression per country built from phonenumbers' own metadata, not a parse: a few
    microseconds instead of 10-45. ``region`` is accepted for clarity and must be the country's.
    """
    return _patterns(country_code).fullmatch(national) is not None


_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip", "pager",
          "uan", "voicemail")


@lru_cache(maxsize=16)
def _patterns(country_code: int) -> re.Pattern[str]:
    """Every number type's national pattern, of every region of the country, with its lengths."""
    parts = []
    for region in phonenumbers.region_codes_for_country_code(country_code):
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        general = metadata.general_desc.national_number_pattern if metadata.general_desc else None
        for name in _TYPES:
            desc = getattr(metadata, name)
            if desc is None or not desc.national_number_pattern:
                continue
            lengths = desc.possible_length or (metadata.general_desc.possible_length if metadata.general_desc else ())
            if lengths == (-1,):
                continue  # phonenumbers' "no numbers of this type"
            length = "(?=(?:" + "|".join(r"\d{%d}" % n for n in lengths) + ")$)" if lengths else ""
            head = f"(?=(?:{general})$)" if general else ""
            parts.append(f"{head}{length}(?:{desc.national_number_pattern})")
    return re.compile("|".join(f"(?:{p})" for p in parts) or "(?!)")


@lru_cache(maxsize=4096)
def _valid_elsewhere(text: str, region: str) -> str | None:
    """The E.164 form of a number written without a country code that is valid in exactly one other
    country of ``PHONE_REGIONS`` (None when in none, or in several)."""
    found: set[str] = set()
    own = phonenumbers.country_code_for_region(region)
    for other in PHONE_REGIONS:
        if phonenumbers.country_code_for_region(other) == own:
            continue
        try:
            number = phonenumbers.parse(text, other)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if 7 <= len(e164) - 1 <= 15 and number.national_number:
                found.add(f"{e164};ext={number.extension}" if number.extension else e164)
    return found.pop() if len(found) == 1 else None


def phone_region(name: str) -> str:
    """The ISO code of a region name or code ("uk" -> "GB"); ValueError when phone numbers know no such region."""
    return _region(name)


@lru_cache(maxsize=64)
def _region(name: str) -> str:
    code = (country_code(name) or "").upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"unknown phone region {name!r}: give an ISO 3166 code such as US, CN or GB")
    return code


def _excel_number(text: str, original: Any) -> str:
    """Undo Excel's number formatting of a phone cell, refusing one that lost digits."""
    if "." not in text:
        return text
    if _EXCEL_FLOAT.match(text):
        return text.split(".")[0]
    if match := _EXCEL_SCIENTIFIC.match(text):
        if len(match[2]) < int(match[3]):  # 1.59693E+10: the last digits are gone for good
            raise InvalidValue(f"phone number lost its last digits in Excel: {show(original)}")
        if len(match[2]) > int(match[3]):
            raise InvalidValue(f"not a phone number: {show(original)}")
        return match[1] + match[2]
    return text
