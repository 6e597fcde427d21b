"""Field errors in the user's language: one message per stable ``FieldError.code``.

Shared by every page that captures records (web-to-lead forms, manual entry), so the same
problem reads the same everywhere. An unknown code falls back to the English message.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _

from graphcrm.capture.validate import FieldError

MESSAGES: dict[str, Callable[[], str]] = {
    "required": lambda: _("Please fill this in."),
    "invalid_email": lambda: _("This is not a valid email address."),
    "invalid_phone": lambda: _("This is not a valid phone number."),
    "invalid_website": lambda: _("This is not a valid website address."),
    "invalid_number": lambda: _("Please enter a number."),
    "invalid_status": lambda: _("Unknown status: use new, working, qualified, disqualified or converted."),
    "invalid_rating": lambda: _("Unknown rating: use hot, warm or cold."),
    "too_long": lambda: _("This is too long."),
    "not_text": lambda: _("Please enter text."),
    "unknown_field": lambda: _("This field is not known."),
    "invalid": lambda: _("This value cannot be used."),
    # form definitions (the forms admin page)
    "not_offered": lambda: _("A form cannot ask for this field."),
    "no_identifying_field": lambda: _("Offer at least one of name, first name, last name, email, phone or mobile."),
    "required_not_offered": lambda: _("A required field must also be offered."),
    "invalid_language": lambda: _("Choose English or Chinese."),
    "invalid_region": lambda: _("Unknown phone region: use a two-letter country code such as CN or US."),
    "unknown_campaign": lambda: _("There is no such campaign."),
    "unknown_rep": lambda: _("There is no such rep."),
}


def field_error_message(error: FieldError) -> str:
    """The message for ``error`` in the current language."""
    message = MESSAGES.get(error.code)
    return message() if message else error.message


def messages_by_field(errors: list[FieldError]) -> dict[str, str]:
    """The first message for each field, keyed by field name."""
    out: dict[str, str] = {}
    for error in errors:
        out.setdefault(error.field, field_error_message(error))
    return out
