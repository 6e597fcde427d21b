"""Field errors from lead capture (graphcrm.capture.validate) in the UI language."""

from __future__ import annotations

import re

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
    # web-to-lead form definitions (graphcrm.capture.forms.validate_spec)
    "not_offered": _l("A form cannot ask for this field."),
    "no_identifying_field": _l("Offer at least one of name, first name, last name, email, phone or mobile."),
    "required_not_offered": _l("A required field must also be offered."),
    "invalid_language": _l("Choose English or Chinese."),
    "invalid_region": _l("Unknown phone region: use a two-letter country code such as CN or US."),
    "unknown_campaign": _l("There is no such campaign."),
    "unknown_rep": _l("There is no such rep."),
}
TOO_LONG = _l("At most %(n)s characters.")
NOTHING_TO_IDENTIFY = _l("Give at least a name, an email or a phone number.")


def field_error_message(error: FieldError) -> str:
    """The message a person sees next to the field."""
    if error.code == "too_long":
        limit = re.search(r"longer than (\d+) characters", error.message)  # a form's own limits (thank-you text)
        return str(TOO_LONG) % {"n": int(limit[1]) if limit else LONG_FIELDS.get(error.field, MAX_LENGTH)}
    if error.code == "required" and error.message.startswith("give at least one of"):
        return str(NOTHING_TO_IDENTIFY)
    return str(MESSAGES.get(error.code, MESSAGES["invalid"]))


def field_errors(errors: list[FieldError]) -> dict[str, str]:
    """Field name -> message, the first error of each field."""
    out: dict[str, str] = {}
    for error in errors:
        out.setdefault(error.field, field_error_message(error))
    return out
