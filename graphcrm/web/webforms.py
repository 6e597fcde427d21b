"""Web-to-lead forms: the admin pages (define a form, get its QR code) and the public form.

The public pages (``/f/<form_id>``) need no sign-in. They are protected by a CSRF token, a
honeypot field, a per-IP rate limit and a small request size limit; they show the form in
its own language and never say whether the visitor was already known.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _

from graphcrm.capture import forms
from graphcrm.capture.channel import utm_from
from graphcrm.capture.forms import FormInvalid, FormNotFound, FormSpec, WebForm
from graphcrm.capture.record import CaptureRefused
from graphcrm.capture.validate import CaptureInvalid, FieldError
from graphcrm.web.app import get_store
from graphcrm.web.auth import check_role, signed_in
from graphcrm.web.field_errors import field_error_message, field_errors

bp = Blueprint("webforms", __name__)
log = logging.getLogger(__name__)

PUBLIC = ("webforms.public_form", "webforms.public_submit", "webforms.thanks")
HONEYPOT = "fax_number"  # a field people never see (hidden by CSS); bots fill it in
SUBMIT_LIMIT = "10 per minute;100 per day"  # per IP; GRAPHCRM_WEBFORM_RATE_LIMIT overrides
SUBMIT_MAX_BYTES = 32 * 1024  # GRAPHCRM_WEBFORM_MAX_BYTES overrides
REGIONS = ("CN", "US", "HK", "TW", "SG", "JP", "GB", "DE", "FR", "CA", "AU", "IN")


@bp.before_request
def _admins_only() -> Any:
    if request.endpoint in PUBLIC:
        return None
    return check_role("admin")


def _protect(state: Any) -> None:
    """Rate-limit public submissions and cap their size before anything reads the body.

    Registered at the end of this module: it wraps a view, so it must run after the routes are added.
    """
    app: Flask = state.app
    limiter = app.extensions["graphcrm_limiter"]
    limit = limiter.limit(lambda: current_app.config.get("WEBFORM_RATE_LIMIT", SUBMIT_LIMIT), methods=["POST"])
    app.view_functions["webforms.public_submit"] = limit(app.view_functions["webforms.public_submit"])
    # first of the app's before-request hooks: the CSRF check reads the form, so cap the body before it
    app.before_request_funcs.setdefault(None, []).insert(0, _cap_public_post)


def _cap_public_post() -> None:
    if request.endpoint == "webforms.public_submit" and request.method == "POST":
        request.max_content_length = int(current_app.config.get("WEBFORM_MAX_BYTES", SUBMIT_MAX_BYTES))


def public_url(form_id: str) -> str:
    """The absolute public URL of a form (``GRAPHCRM_PUBLIC_URL`` when set, else this request's host)."""
    base = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if base:
        return base + url_for("webforms.public_form", form_id=form_id)
    return url_for("webforms.public_form", form_id=form_id, _external=True)


# --- admin pages -----------------------------------------------------------------------------


@bp.get("/forms/")
def index() -> str:
    """Every form with its public URL, QR code and submission count."""
    store = get_store()
    names = {c["id"]: c["name"] for c in forms.campaigns(store)}
    rows = [{"form": f, "url": public_url(f.id), "campaign": names.get(f.campaign_id, f.campaign_id)}
            for f in forms.list_forms(store)]
    return render_template("webforms/index.html", rows=rows)


@bp.get("/forms/new")
def new() -> str:
    """An empty form definition."""
    return _edit_page(None, FormSpec(name="", campaign_id=request.args.get("campaign", "")), [])


@bp.post("/forms/new")
def create() -> Any:
    """Save a new form."""
    spec = _spec_from_request()
    try:
        form = forms.create_form(get_store(), spec, created_by=signed_in().id)
    except FormInvalid as exc:
        return _edit_page(None, spec, exc.errors), 422
    flash(_("Form “%(name)s” saved. Its public address and QR code are below.", name=form.name), "ok")
    return redirect(url_for("webforms.index"))


@bp.get("/forms/<form_id>/edit")
def edit(form_id: str) -> str:
    """Change a form."""
    form = _form_or_404(form_id, active_only=False)
    return _edit_page(form, form.spec, [])


@bp.post("/forms/<form_id>/edit")
def update(form_id: str) -> Any:
    """Save changes to a form."""
    form = _form_or_404(form_id, active_only=False)
    spec = _spec_from_request()
    try:
        forms.update_form(get_store(), form.id, spec)
    except FormInvalid as exc:
        return _edit_page(form, spec, exc.errors), 422
    flash(_("Form “%(name)s” saved.", name=spec.name), "ok")
    return redirect(url_for("webforms.index"))


@bp.post("/forms/<form_id>/active")
def toggle(form_id: str) -> Any:
    """Switch a form on or off."""
    form = _form_or_404(form_id, active_only=False)
    active = request.form.get("active") == "1"
    try:
        forms.set_active(get_store(), form.id, active)
    except FormNotFound:
        abort(404)
    flash(_("Form “%(name)s” is now accepting submissions.", name=form.name) if active
          else _("Form “%(name)s” is switched off: its public address answers “not found”.", name=form.name), "ok")
    return redirect(url_for("webforms.index"))


@bp.get("/forms/<form_id>/qr.<kind>")
def qr(form_id: str, kind: str) -> Any:
    """The QR code of the form's public URL as SVG or PNG (``?download=1`` saves it as a file)."""
    form = _form_or_404(form_id, active_only=False)
    if kind not in ("svg", "png"):
        abort(404)
    buffer = io.BytesIO()
    forms.write_qr(public_url(form.id), buffer, kind)
    buffer.seek(0)
    return send_file(buffer, mimetype="image/svg+xml" if kind == "svg" else "image/png",
                     as_attachment=bool(request.args.get("download")), download_name=f"{form.id}-qr.{kind}",
                     max_age=0)


def _spec_from_request() -> FormSpec:
    data = request.form
    return FormSpec(
        name=data.get("name", "")[:500], campaign_id=data.get("campaign_id", "")[:200],
        fields=tuple(data.getlist("fields"))[:50], required=tuple(data.getlist("required"))[:50],
        thank_you=data.get("thank_you", "")[:5000], language=data.get("language", "en")[:10],
        region=data.get("region", "US")[:40], owner_id=data.get("owner_id", "")[:200] or None,
        source_name=data.get("source_name", "")[:500] or None, active=data.get("active") == "1",
    )


def _edit_page(form: WebForm | None, spec: FormSpec, errors: list[FieldError]) -> str:
    store = get_store()
    return render_template(
        "webforms/edit.html", form=form, spec=spec, errors=field_errors(errors),
        campaigns=forms.campaigns(store), reps=forms.reps(store), all_fields=forms.FORM_FIELDS,
        field_labels=field_labels(), regions=sorted(set(REGIONS) | {spec.region} - {""}),
        languages={"en": "English", "zh": "中文"},
    )


# --- public pages ----------------------------------------------------------------------------


def _form_or_404(form_id: str, *, active_only: bool = True) -> WebForm:
    if not forms.looks_like_form_id(form_id):
        abort(404)
    form = forms.get_form(get_store(), form_id)
    if form is None or (active_only and not form.active):
        abort(404)
    return form


def _public(form_id: str) -> WebForm:
    form = _form_or_404(form_id)
    g.form_language = form.language  # the locale selector honours this first
    return form


@bp.get("/f/<form_id>")
def public_form(form_id: str) -> str:
    """The public form (no sign-in)."""
    form = _public(form_id)
    return _public_page(form, {}, [])


@bp.post("/f/<form_id>")
def public_submit(form_id: str) -> Any:
    """Accept a submission, then show the thank-you page (a bot filling the honeypot sees it too)."""
    form = _public(form_id)
    utm = utm_from(request.args)
    if request.form.get(HONEYPOT, "").strip():
        log.warning("web form %s: honeypot filled from %s, submission dropped", form.id, request.remote_addr)
        return redirect(url_for("webforms.thanks", form_id=form.id))
    try:
        forms.submit(get_store(), form, request.form, utm=utm)
    except CaptureInvalid as exc:
        return _public_page(form, request.form, exc.errors), 422
    except CaptureRefused:  # the campaign or owner rep has gone since the form was made
        log.error("web form %s cannot capture: its campaign or owner no longer exists", form.id)
        abort(404)
    return redirect(url_for("webforms.thanks", form_id=form.id))


@bp.get("/f/<form_id>/thanks")
def thanks(form_id: str) -> str:
    """The thank-you page."""
    form = _public(form_id)
    return render_template("webforms/thanks.html", form=form)


@bp.errorhandler(429)
def _too_many(_error: Any) -> Any:
    """A busy network (or a bot) sent too many submissions: say so, in the form's language."""
    form_id = (request.view_args or {}).get("form_id", "")
    form = forms.get_form(get_store(), form_id) if forms.looks_like_form_id(form_id) else None
    if form is not None:
        g.form_language = form.language  # before the first gettext call: the locale is fixed by it
    message = _("Too many submissions from your network. Please wait a minute and try again.")
    if form is None:
        return message, 429
    return render_template("webforms/message.html", form=form, message=message), 429


def _public_page(form: WebForm, values: Any, errors: list[FieldError]) -> str:
    labels = field_labels()
    by_field = field_errors([e for e in errors if e.field in form.fields])
    general = [field_error_message(e) for e in errors if e.field not in form.fields]
    action = url_for("webforms.public_submit", form_id=form.id, **dict(utm_from(request.args)))
    return render_template("webforms/public.html", form=form, values=values, errors=by_field, general=general,
                           labels=labels, input_types=INPUT_TYPES, autocomplete=AUTOCOMPLETE, action=action,
                           honeypot=HONEYPOT)


INPUT_TYPES = {"email": "email", "phone": "tel", "mobile": "tel", "website": "url", "employees": "number",
               "description": "textarea"}
AUTOCOMPLETE = {"first_name": "given-name", "last_name": "family-name", "name": "name", "title": "organization-title",
                "company_name": "organization", "email": "email", "phone": "tel", "mobile": "tel",
                "website": "url", "street": "street-address", "city": "address-level2", "region": "address-level1",
                "postcode": "postal-code", "country": "country-name"}


def field_labels() -> dict[str, str]:
    """Each form field's label in the current language."""
    return {
        "first_name": _("First name"), "last_name": _("Last name"), "name": _("Full name"), "title": _("Job title"),
        "company_name": _("Company"), "email": _("Email"), "phone": _("Phone"), "mobile": _("Mobile"),
        "website": _("Website"), "industry": _("Industry"), "employees": _("Employees"),
        "annual_revenue": _("Annual revenue"), "street": _("Street"), "city": _("City"),
        "region": _("State or province"), "postcode": _("Postcode"), "country": _("Country"),
        "description": _("Message"),
    }


bp.record_once(_protect)
