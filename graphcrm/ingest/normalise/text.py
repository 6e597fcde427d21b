"""Blank detection, whitespace tidying and the one error every normaliser raises."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
PLACEHOLDERS = frozenset({"", "-", "--", "—", "n/a", "na", "null", "none", "nan", "nil", "无", "空", "#n/a", "?"})


class InvalidValue(ValueError):
    """A non-empty value that cannot be used; ``str()`` and ``reason`` say why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def blank(value: Any) -> bool:
    """True for None, NaN, whitespace and placeholder junk such as "-", "N/A", "null", "无"."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        text = value.strip().strip("\u200b\ufeff").strip()
        if len(text) > 4:  # longer than every placeholder: the common case, decided fast
            return False
        return text.casefold() in PLACEHOLDERS
    return False


def clean_text(value: Any) -> str | None:
    """Trimmed, whitespace-collapsed, NFC-normalised text; None when blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= 4 and text.casefold() in PLACEHOLDERS:
        return None
    return text or None


def fold_width(text: str) -> str:
    """Full-width ASCII (Ｅｍａｉｌ，＠) to half-width."""
    return unicodedata.normalize("NFKC", text)


def show(value: Any, limit: int = 60) -> str:
    """A value quoted for an error message, cut to a readable length."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")
