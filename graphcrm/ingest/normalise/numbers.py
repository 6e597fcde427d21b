"""Amounts, whole numbers and yes/no flags as real exports write them."""

from __future__ import annotations

import math
import re
from typing import Any

from graphcrm.ingest.normalise.text import InvalidValue, blank, clean_text, fold_width, show

_CURRENCY = re.compile(r"^(?:[A-Z]{3}\s*)?[$€£¥￥]?\s*|\s*(?:[A-Z]{3}|元|美元|人民币)$")
_CN_UNITS = {"万": 1e4, "亿": 1e8, "千": 1e3, "k": 1e3, "m": 1e6, "mm": 1e6, "bn": 1e9}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
TRUE = frozenset({"1", "true", "yes", "y", "t", "x", "是", "已转换", "对", "✓", "checked"})
FALSE = frozenset({"0", "false", "no", "n", "f", "否", "未转换", "不是", "unchecked"})


def parse_amount(value: Any) -> float | None:
    """A money amount: "$1,200.50", "¥12,000", "€1.200,50", "1.2万", "(500)", 1000; None when blank."""
    if blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidValue(f"not an amount: {show(value)}")
        return float(value)
    text = fold_width(clean_text(value) or "")
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()").strip()
    if text.startswith("-"):
        negative, text = True, text[1:].strip()
    text = _CURRENCY.sub("", text).strip()
    text = _CURRENCY.sub("", text).strip()
    scale = 1.0
    for unit, factor in sorted(_CN_UNITS.items(), key=lambda kv: -len(kv[0])):
        if text.lower().endswith(unit):
            text, scale = text[: -len(unit)].strip(), factor
            break
    text = _decimal_point(text.replace(" ", "").replace("'", ""))
    if not _NUMBER.match(text):
        raise InvalidValue(f"not an amount: {show(value)}")
    amount = float(text) * scale
    return -amount if negative else amount


def _decimal_point(text: str) -> str:
    """Settle "1,200.50" vs "1.200,50" vs "1,5" to a plain "1200.50"."""
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if "," in text:
        head, _, tail = text.rpartition(",")
        return text.replace(",", "") if len(tail) == 3 and head else text.replace(",", ".")
    if text.count(".") > 1 and re.fullmatch(r"\d{1,3}(\.\d{3})+", text):  # 1.200.300
        return text.replace(".", "")
    return text


def parse_int(value: Any) -> int | None:
    """A whole number such as employees: "250", "1,000", "250.0"; a range "50-100" gives its lower bound."""
    if blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = fold_width(clean_text(value) or "").replace(",", "").replace(" ", "")
    if match := re.match(r"^(\d+)\s*[-~–to至]+\s*\d+\+?$", text):
        return int(match[1])
    text = text.rstrip("+")
    try:
        number = float(text)
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
    text = (clean_text(value) or "").casefold()
    if text.endswith(".0"):
        text = text[:-2]
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise InvalidValue(f"not yes or no: {show(value)}")
