"""Blank detection, whitespace tidying and the one error every normaliser raises."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import pandas as pd

_SPACE = re.compile(r"\s+")  # Python's \s already covers NBSP (U+00A0) and the full-width space (U+3000)
# Control characters and zero-width marks: invisible, and they would stop equal values matching.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
# Compared casefolded. "NA" is only a placeholder in capitals (see BLANK_EXACT): "Na" is a given name.
PLACEHOLDERS = frozenset({
    "", "-", "--", "---", "—", "——", "–", "/", "?", "n/a", "n.a.", "#n/a", "null", "none", "nan", "nat", "nil",
    "<na>", "无", "空", "暂无", "未知", "不详",
})
BLANK_EXACT = frozenset({"NA"})
_LONGEST_PLACEHOLDER = max(len(p) for p in PLACEHOLDERS | BLANK_EXACT)


class InvalidValue(ValueError):
    """A non-empty value that cannot be used; ``str()`` and ``reason`` say why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_NA, _NAT = pd.NA, pd.NaT


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA and NaT: no value at all, whatever its type."""
    if value is None or value is _NA or value is _NAT:
        return True
    return isinstance(value, float) and math.isnan(value)


def blank(value: Any) -> bool:
    """True for None, NaN, whitespace and placeholder junk such as "-", "N/A", "null", "无"."""
    if type(value) is str and value.isascii() and value.isprintable():  # the common case, without regexes
        text = value.strip()
        return len(text) <= _LONGEST_PLACEHOLDER and (text.casefold() in PLACEHOLDERS or text in BLANK_EXACT)
    return _missing(value) or clean_text(value) is None


def clean_text(value: Any) -> str | None:
    """Trimmed, whitespace-collapsed, NFC-normalised text; None when blank."""
    if type(value) is str:  # (checked first: this runs for every cell of an import)
        text = value
    elif _missing(value):
        return None
    else:
        text = str(value)
    if text.isascii() and text.isprintable() and "  " not in text:
        text = text.strip()  # printable ASCII has no whitespace but the space: nothing for the regexes
    else:
        if not text.isprintable():
            text = _INVISIBLE.sub("", text)
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        text = _SPACE.sub(" ", text).strip()
    if len(text) <= _LONGEST_PLACEHOLDER and (text.casefold() in PLACEHOLDERS or text in BLANK_EXACT):
        return None
    return text


def fold_width(text: str) -> str:
    """Full-width ASCII (Ｅｍａｉｌ，＠) to half-width."""
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def show(value: Any, limit: int = 60) -> str:
    """A value quoted for an error message, cut to a readable length."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")
