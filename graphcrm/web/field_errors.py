"""Field errors from lead capture (graphcrm.capture.validate) in the UI language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from graphcrm.capture.validate import LONG_FIELDS, MAX_LENGTH, FieldError

MESSAGES = {
    "required": _l("Required."),
    "invalid_email": _l("Not an email address."),
    "invalid_phone": _l("Not a phone number for the chosen country."),
    "invalid_website": _l("Not a website address."),
    "invalid_number": _l("Not a number."),
    "invalid_status": _l("Unknown status."),
    "invalid_rating": _l("Choose hot, warm or cold."),
    "unknown_field": _l("This field is not part of the form."),
    "not_text": _l("Must be text."),
    "out_of_scope": _l("Not allowed here."),
    "invalid": _l("Invalid value."),
}
TOO_LONG = _l("At most %(n)s characters.")
NOTHING_TO_IDENTIFY = _l("Give at least a name, an email or a phone number.")


def field_error_message(error: FieldError) -> str:
    """The message a person sees next to the field."""
    if error.code == "too_long":
        return str(TOO_LONG) % {"n": LONG_FIELDS.get(error.field, MAX_LENGTH)}
    if error.code == "required" and error.message.startswith("give at least one of"):
        return str(NOTHING_TO_IDENTIFY)
    return str(MESSAGES.get(error.code, MESSAGES["invalid"]))


def field_errors(errors: list[FieldError]) -> dict[str, str]:
    """Field name -> message, the first error of each field."""
    out: dict[str, str] = {}
    for error in errors:
        out.setdefault(error.field, field_error_message(error))
    return out
