"""Email addresses: trimmed, lowercased, validated (syntax only, no DNS)."""

from __future__ import annotations

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email

from graphcrm.ingest.normalise.domains import email_domain
from graphcrm.ingest.normalise.text import InvalidValue, clean_text, fold_width, show

# Plain ASCII addresses that email_validator accepts unchanged (a property test holds them to
# that; "ab--" labels are left to it) skip the validator, which is the slowest step of an import; everything else goes through it.
_PLAIN = re.compile(
    r"^(?!\.)(?!.*\.\.)(?!.*[@.][a-z0-9]{2}--)[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@"
    r"(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
_SPECIAL_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test", "home", "lan", "internal",
                           "intranet"})
_DISPLAY_NAME = re.compile(r"^[^<>@]*<([^<>]+)>$")  # Outlook and vCard style: Bob Smith <bob@x.com>
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)


def normalise_email(value: Any) -> str | None:
    """The address in lowercase, or None when blank; InvalidValue when it is not an address."""
    text = clean_text(value)
    if text is None:
        return None
    text = fold_width(text)
    if match := _DISPLAY_NAME.match(text):
        text = match[1]
    text = text.strip().strip("<>").strip()
    if _MAILTO.match(text):  # a mailto: link may carry ?subject=...; "?" is otherwise legal in an address
        text = _MAILTO.sub("", text).split("?", 1)[0].strip()
    lowered = text.lower()
    if _PLAIN.match(lowered) and lowered.rsplit(".", 1)[1] not in _SPECIAL_TLDS:
        return lowered
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidValue(f"not an email address: {show(value)}") from None
    address = result.normalized.lower()
    # the validator takes domains no DNS has (one-letter top-level domains such as "0@0.a");
    # an address is only kept when its domain is one graphcrm can link
    if email_domain(address) is None:
        raise InvalidValue(f"not an email address: {show(value)}")
    return address
