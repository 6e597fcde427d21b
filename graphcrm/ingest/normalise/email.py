"""Email addresses: trimmed, lowercased, validated (no DNS)."""

from __future__ import annotations

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email

from graphcrm.ingest.normalise.text import InvalidValue, clean_text, fold_width, show


# Plain ASCII addresses that email_validator accepts unchanged (a property test holds them to
# that); everything else goes through the validator.
_PLAIN = re.compile(
    r"^(?!\.)(?!.*\.\.)[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@"
    r"(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
_SPECIAL_TLDS = ("arpa", "invalid", "local", "localhost", "onion", "test", "home", "lan", "internal", "intranet")


def normalise_email(value: Any) -> str | None:
    """The address in lowercase, or None when blank; InvalidValue when it is not an address."""
    text = clean_text(value)
    if text is None:
        return None
    text = fold_width(text).strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    lowered = text.lower()
    if _PLAIN.match(lowered) and not lowered.rsplit(".", 1)[1] in _SPECIAL_TLDS:
        return lowered
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidValue(f"not an email address: {show(value)}") from None
    return result.normalized.lower()
