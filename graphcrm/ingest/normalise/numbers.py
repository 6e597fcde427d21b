"""Amounts, whole numbers and yes/no flags as real exports write them."""

from __future__ import annotations

import math
import re
from typing import Any

from graphcrm.ingest.normalise.text import (
    InvalidValue,
    blank,
    clean_text,
    fold_width,
    show,
)

CURRENCY_CODES = frozenset({
    "USD", "EUR", "GBP", "CNY", "RMB", "JPY", "HKD", "TWD", "NTD", "SGD", "AUD", "CAD", "NZD", "CHF", "INR",
    "KRW", "RUB", "BRL", "MXN", "SEK", "NOK", "DKK", "MYR", "THB", "IDR", "PHP", "VND", "AED", "ZAR",
})
_SYMBOLS = "$€£¥￥₹₩₽฿"
_PREFIX = re.compile(rf"^(?:([A-Za-z]{{3}})\s*|[A-Z]{{1,2}}(?=[$¥]))?[{_SYMBOLS}]?\s*")  # USD 1, US$1, ¥1
_SUFFIX = re.compile(rf"\s*(?:[A-Za-z]{{3}}|元|块|美元|人民币|[{_SYMBOLS}])$")
# Longest first: "千万" before "万"; "w" is the Chinese shorthand for 万 (1.2w).
UNITS: dict[str, float] = {
    "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3, "bn": 1e9, "mm": 1e6, "k": 1e3, "m": 1e6, "w": 1e4,
}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS_DOTS = re.compile(r"\d{1,3}(\.\d{3})+")
_RANGE = re.compile(r"^(\d+)(?:-|~|–|—|to|至|到)\d+\+?$")
TRUE = frozenset({"1", "true", "yes", "y", "t", "x", "on", "是", "已转换", "对", "有", "✓", "✔", "√", "checked"})
FALSE = frozenset({"0", "false", "no", "n", "f", "off", "否", "未转换", "不是", "没有", "×", "unchecked"})


def parse_amount(value: Any) -> float | None:
    """A money amount: "$1,200.50", "¥12,000", "€1.200,50", "1.2万", "(500)", 1000; None when blank.

    The currency is dropped (callers that care keep the original). A single separator followed
    by exactly three digits is a thousands separator ("1,200" is 1200); otherwise "," is a
    decimal comma ("1,5" is 1.5) and a lone "." a decimal point ("1.200" is 1.2).
    """
    if blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise InvalidValue(f"not an amount: {show(value)}")
        return float(value)
    text = fold_width(clean_text(value) or "").replace("\u2212", "-")
    negative = text.startswith("(") and text.endswith(")")  # accounting style
    text = text.removeprefix("(").removesuffix(")").strip() if negative else text
    if text.startswith("-"):
        negative, text = True, text[1:].strip()
    text, scale = _strip_units(text, value)
    text = _decimal_point(text.replace(" ", "").replace("'", "").replace("’", ""))
    if not _NUMBER.match(text):
        raise InvalidValue(f"not an amount: {show(value)}")
    amount = float(text) * scale
    if not math.isfinite(amount):
        raise InvalidValue(f"not an amount: {show(value)}")
    return -amount if negative else amount


def _strip_units(text: str, original: Any) -> tuple[str, float]:
    """Remove currency codes and symbols and a scale word ("万", "k"); return the number and its scale."""
    prefix = _PREFIX.match(text)
    if prefix and prefix[1] and prefix[1].upper() not in CURRENCY_CODES:
        raise InvalidValue(f"not an amount: {show(original)}")
    text = text[prefix.end():] if prefix else text
    scale = 1.0
    for _ in range(2):  # "1.2万元", "1.2 万 RMB": currency and scale in either order
        if suffix := _SUFFIX.search(text):
            word = suffix[0].strip()
            if len(word) == 3 and word.isascii() and word.upper() not in CURRENCY_CODES:
                raise InvalidValue(f"not an amount: {show(original)}")
            text = text[: suffix.start()].strip()
        if scale == 1.0:
            for unit, factor in UNITS.items():
                if text.lower().endswith(unit) and text[: -len(unit)].rstrip()[-1:].isdigit():
                    text, scale = text[: -len(unit)].rstrip(), factor
                    break
    return text, scale


def _decimal_point(text: str) -> str:
    """Settle "1,200.50" vs "1.200,50" vs "1,5" to a plain "1200.50"."""
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if "," in text:
        head, _, tail = text.rpartition(",")
        thousands = len(tail) == 3 and head.lstrip("+-") not in ("", "0")
        return text.replace(",", "") if thousands else text.replace(",", ".")
    if text.count(".") > 1 and _THOUSANDS_DOTS.fullmatch(text):  # 1.200.300
        return text.replace(".", "")
    return text


def parse_int(value: Any) -> int | None:
    """A whole number such as employees: "250", "1,000", "250.0"; a range "50-100" gives its lower bound."""
    if blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = fold_width(clean_text(value) or "").replace(",", "").replace(" ", "")
    if match := _RANGE.match(text):
        return int(match[1])
    try:
        number = float(text.removesuffix("+"))
    except ValueError:
        raise InvalidValue(f"not a whole number: {show(value)}") from None
    if not math.isfinite(number) or number != int(number):
        raise InvalidValue(f"not a whole number: {show(value)}")
    return int(number)


def parse_bool(value: Any) -> bool | None:
    """Yes/no flags in English and Chinese; InvalidValue for anything else."""
    if blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = (clean_text(value) or "").casefold().removesuffix(".0")
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise InvalidValue(f"not yes or no: {show(value)}")
