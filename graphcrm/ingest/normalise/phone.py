"""Phone numbers to E.164 with ``phonenumbers``."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

from graphcrm.ingest.normalise.text import InvalidValue, clean_text, fold_width, show

_EXCEL_FLOAT = re.compile(r"^\d{6,15}\.0+$")
_INTL_00 = re.compile(r"^00(?=[1-9])")
_PUNCTUATION = re.compile(r"[\s().\-/]+")
# Fast paths for the two most common shapes, giving exactly what phonenumbers gives
# (a property test compares them): North American 10-digit and Chinese mobile numbers.
_NANP = re.compile(r"^(?:\+?1)?([2-9]\d{2}[2-9]\d{6})$")
_CN_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")


def normalise_phone(value: Any, region: str = "US") -> str | None:
    """E.164 (``+15551234567``, with ``;ext=12`` when there is an extension); None when blank.

    Uses ``is_possible_number``, not ``is_valid_number``: real exports carry fictional or
    newly allocated area codes that the metadata does not know, and rejecting those would
    lose real leads. A number that cannot be parsed or has an impossible length is invalid.
    """
    text = clean_text(value)
    if text is None:
        return None
    text = fold_width(text)
    if _EXCEL_FLOAT.match(text):  # a number cell exported from Excel: 15969297112.0
        text = text.split(".")[0]
    text = _INTL_00.sub("+", text.replace("(0)", ""))
    region = (region or "US").upper()
    compact = _PUNCTUATION.sub("", text)
    if (region in ("US", "CA") or compact.startswith("+1")) and (match := _NANP.match(compact)):
        return "+1" + match[1]
    if (region == "CN" or compact.startswith("+86")) and (match := _CN_MOBILE.match(compact)):
        return "+86" + match[1]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise InvalidValue(f"not a phone number: {show(value)}") from None
    if not phonenumbers.is_possible_number(number):
        raise InvalidValue(f"not a possible phone number: {show(value)}")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164
