"""Email addresses: trimmed, lowercased, validated (no DNS)."""

from __future__ import annotations

from typing import Any

from email_validator import EmailNotValidError, validate_email

from graphcrm.ingest.normalise.text import InvalidValue, clean_text, fold_width, show


def normalise_email(value: Any) -> str | None:
    """The address in lowercase, or None when blank; InvalidValue when it is not an address."""
    text = clean_text(value)
    if text is None:
        return None
    text = fold_width(text).strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidValue(f"not an email address: {show(value)}") from None
    return result.normalized.lower()
