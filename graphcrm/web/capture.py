"""Manual entry: create and edit leads, contacts and companies, with a duplicate alert before saving.

Every save goes through ``graphcrm.capture.record.capture`` (the importer's normalisation and
writes). The form checks fields as you type (``/capture/check``), suggests companies from the
graph, and offers source, campaign and owner pickers; the owner defaults to the current rep.
Also here: the admin page for intake API integrations.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from graphcrm.capture.channel import Channel
from graphcrm.capture.duplicates import Match, find_duplicates
from graphcrm.capture.integrations import IntegrationError, create_integration, list_integrations, new_token, set_active
from graphcrm.capture.record import (
    CaptureRefused, DuplicatesFound, capture, captures_of, prepare_capture, stored_fields,
)
from graphcrm.capture.validate import CAPTURE_FIELDS, CaptureInvalid
from graphcrm.ingest.fields import Kind
from graphcrm.queries.search import search
from graphcrm.web.app import get_store
from graphcrm.web.auth import check_role, signed_in
from graphcrm.web.field_errors import field_errors
from graphcrm.manage import status as lead_status
from graphcrm.web import leads as lead_pages
from graphcrm.web.leads import current_rep
from graphcrm.web.vocabulary import FACTS, LABELS, RATINGS, SLUGS, STATUSES
from graphcrm.clock import utc_now

bp = Blueprint("capture", __name__)

KINDS = {"lead": Kind.LEADS, "contact": Kind.CONTACTS, "company": Kind.COMPANIES}
LABEL_OF_KIND = {"lead": "Lead", "contact": "Contact", "company": "Company"}
KIND_OF_SLUG = {SLUGS[label]: kind for kind, label in LABEL_OF_KIND.items()}
PHONE_REGIONS = ("CN", "US", "GB", "DE", "FR", "JP", "SG", "HK", "TW", "AU", "CA", "IN")
# What the form shows, in order; the rest of CAPTURE_FIELDS (external_id) is for the API.
PERSON_FORM = ("name", "title", "company_name", "email", "phone", "mobile", "website", "industry", "employees",
               "annual_revenue", "street", "city", "region", "postcode", "country", "status", "rating", "source",
               "description")
COMPANY_FORM = ("name", "website", "phone", "industry", "employees", "annual_revenue", "street", "city", "region",
                "postcode", "country", "description")
CAPTIONS = {**FACTS, "name": _l("Name"), "street": _l("Street"), "postcode": _l("Postcode"),
            "source": _l("Source"), "description": _l("Notes")}
METHODS = {"manual": _l("entered by hand"), "form": _l("web form"), "api": _l("intake API"), "import": _l("import")}
OUTCOMES = {
    "created": _l("created"), "created_despite_duplicates": _l("saved despite a duplicate alert"),
    "updated": _l("edited"), "unchanged": _l("sent again, unchanged"),
    "existing": _l("already known: touch added"),
}


@bp.before_request
def _allowed() -> Any:
    """Admins manage integrations; saving needs a rep (analysts only read); a rep edits only own leads."""
    if request.endpoint == "capture.integrations":
        return check_role("admin")
    if denied := check_role("rep"):
        return denied
    if request.endpoint == "capture.edit_record" and (request.view_args or {}).get("slug") == SLUGS["Lead"]:
        lead_id = request.view_args["node_id"]
        if not signed_in().is_admin:
            rep = current_rep()
            owner = get_store().read("manage/lead_get", id=lead_id)
            if rep is None or not owner or owner[0]["owner_id"] != rep["id"]:
                abort(403, _("Only the lead's owner (or an admin) can change it."))
    return None


@bp.app_context_processor
def _capture_helpers() -> dict[str, Any]:
    return {"capture_history": _history, "capture_methods": METHODS, "capture_outcomes": OUTCOMES,
            "slugs_of": SLUGS}


def _history(label: str, node_id: str) -> list[dict[str, Any]]:
    return captures_of(get_store(), label, node_id)


def _choices() -> dict[str, Any]:
    store = get_store()
    return {"campaigns": store.read("capture/campaign_choices"), "sources": store.read("capture/source_choices"),
            "reps": store.read("capture/rep_choices"), "regions": PHONE_REGIONS, "statuses": STATUSES,
            "ratings": RATINGS, "captions": CAPTIONS}


def _default_region() -> str:
    from graphcrm.web.app import _select_locale

    return "CN" if _select_locale() == "zh" else "US"


def _form_values(kind: str) -> dict[str, str]:
    allowed = set(CAPTURE_FIELDS[KINDS[kind]])
    return {k: v.strip() for k, v in request.form.items() if k in allowed and isinstance(v, str) and v.strip()}


def _render(kind: str, *, values: dict[str, Any], errors: dict[str, str] | None = None,
            matches: list[Match] | None = None, edit_id: str | None = None, status: int = 200,
            extra: dict[str, Any] | None = None) -> tuple[str, int]:
    rep = current_rep()
    extra = extra or {}
    page = render_template(
        "capture/form.html", kind=kind, label=LABEL_OF_KIND[kind], fields=COMPANY_FORM if kind == "company"
        else PERSON_FORM, values=values, errors=errors or {}, matches=matches or [], edit_id=edit_id,
        label_names=LABELS, slugs=SLUGS,
        region=extra.get("region") or _default_region(), campaign_id=extra.get("campaign_id", ""),
        owner_id=extra.get("owner_id", rep["id"] if rep and edit_id is None else ""), **_choices())
    return page, status


@bp.route("/new/<any(lead, contact, company):kind>", methods=["GET", "POST"])
def new_record(kind: str) -> Any:
    """The entry form; on save, a duplicate alert first when the record looks known."""
    if request.method == "GET":
        return _render(kind, values={k: v for k, v in request.args.items() if k in CAPTURE_FIELDS[KINDS[kind]]})
    return _save(kind, edit_id=None)


@bp.route("/edit/<any(leads, contacts, companies):slug>/<path:node_id>", methods=["GET", "POST"])
def edit_record(slug: str, node_id: str) -> Any:
    """Edit a record through the same checks; a blank field keeps its stored value."""
    kind = KIND_OF_SLUG[slug]
    if request.method == "POST":
        return _save(kind, edit_id=node_id)
    values = stored_fields(get_store(), KINDS[kind], node_id)
    if values is None:
        abort(404)
    return _render(kind, values=values, edit_id=node_id)


def offered_fields(kind: str, *, edit: bool) -> set[str]:
    """Every field name the form offers (what it shows, plus its own controls); nothing else is taken."""
    offered = set(COMPANY_FORM if kind == "company" else PERSON_FORM) | {"csrf_token", "phone_region", "decision"}
    if edit:
        return offered | {"edit_id"}  # owner and campaign change through the lead's own actions
    return offered | {"owner_id"} | ({"campaign_id"} if kind != "company" else set())


def _rule_errors(kind: str, edit_id: str | None, values: dict[str, str], owner_id: str | None,
                 use_existing: str | None) -> dict[str, str]:
    """The domain rules the dedicated actions enforce, for the form too: fields the form does not
    offer, status transitions (conversion only by converting), whose lead a rep may touch."""
    errors: dict[str, str] = {}
    unknown = sorted(k for k in request.form if k not in offered_fields(kind, edit=edit_id is not None))
    if unknown:
        errors["form"] = _("This form does not take the field(s) %(names)s.", names=", ".join(unknown)[:200])
    user, rep = signed_in(), current_rep()
    if kind == "lead" and "status" in values:
        wanted = values["status"].strip().lower()
        current = (stored_fields(get_store(), KINDS[kind], edit_id) or {}).get("status") if edit_id else None
        if wanted != (current or "").lower() and wanted not in lead_status.allowed_next(current) + (
                [] if edit_id else ["new"]):
            errors["status"] = _("This status change is not allowed here: use the lead's actions "
                                 "(a conversion, for one).")
    if not user.is_admin:
        if owner_id and (rep is None or owner_id != rep["id"]):
            errors["form"] = _("Only an admin can give a new record to another rep.")
        if kind == "lead" and use_existing:
            found = get_store().read("manage/lead_get", id=use_existing)
            owner = found[0]["owner_id"] if found else None
            if owner and (rep is None or owner != rep["id"]):
                errors["form"] = _("Only the lead's owner (or an admin) can change it.")
    return errors


def _save(kind: str, *, edit_id: str | None) -> Any:
    values = _form_values(kind)
    region = request.form.get("phone_region") or _default_region()
    if region not in PHONE_REGIONS:
        region = _default_region()
    campaign_id = request.form.get("campaign_id") or None
    owner_id = request.form.get("owner_id") or None
    decision = request.form.get("decision", "")
    extra = {"region": region, "campaign_id": campaign_id or "", "owner_id": owner_id or ""}
    user = signed_in()
    channel = Channel("manual", by=user.name, campaign_id=campaign_id if kind != "company" else None)
    use_existing = decision[len("use:"):] if decision.startswith("use:") else None
    if errors := _rule_errors(kind, edit_id, values, owner_id, use_existing):
        return _render(kind, values=values, errors=errors, edit_id=edit_id, status=422, extra=extra)
    new_status = None
    if kind == "lead" and edit_id and "status" in values:
        current = (stored_fields(get_store(), KINDS[kind], edit_id) or {}).get("status")
        wanted = values.pop("status").strip().lower()
        new_status = wanted if wanted != (current or "").lower() else None  # through the status rules below
    try:
        result = capture(get_store(), KINDS[kind], values, channel, region=region, owner_id=owner_id,
                         on_duplicate="create" if decision == "create" else "ask", record_id=edit_id,
                         use_existing=use_existing)
        if new_status:
            rep = current_rep()
            lead_status.change_status(get_store(), edit_id, new_status, by=rep["id"] if rep else user.name,
                                      clock=lead_pages.clock)
            if result.outcome == "unchanged":
                result = dataclasses.replace(result, outcome="updated")
    except CaptureInvalid as exc:
        return _render(kind, values=values, errors=field_errors(exc.errors), edit_id=edit_id, status=422, extra=extra)
    except DuplicatesFound as exc:
        return _render(kind, values=values, matches=exc.matches, edit_id=edit_id, status=409, extra=extra)
    except lead_status.TransitionError:
        return _render(kind, values=values, edit_id=edit_id, status=422, extra=extra, errors={
            "status": _("This status change is not allowed here: use the lead's actions (a conversion, for one).")})
    except CaptureRefused:
        return _render(kind, values=values, errors={"form": _("A campaign, owner or record you chose no longer exists.")},
                       edit_id=edit_id, status=409, extra=extra)
    messages = {
        "created": _("Saved."), "updated": _("Changes saved."), "unchanged": _("Nothing changed."),
        "existing": _("Kept the existing record; the campaign touch and this entry are recorded on it."),
    }
    flash(messages[result.outcome], "success")
    return redirect(url_for("explore.entity", slug=SLUGS[result.label], node_id=result.id))


@bp.post("/capture/check/<any(lead, contact, company):kind>")
def check(kind: str) -> Response:
    """Field errors and duplicate matches for the values typed so far (nothing is written)."""
    values = _form_values(kind)
    region = request.form.get("phone_region") or _default_region()
    if region not in PHONE_REGIONS:
        region = _default_region()
    edit_id = request.form.get("edit_id") or None
    if not values:
        return jsonify(errors={}, matches=[])
    try:
        record = prepare_capture(KINDS[kind], values, Channel("manual"), region=region, now=utc_now())
    except CaptureInvalid as exc:
        errors = {k: v for k, v in field_errors(exc.errors).items() if k in values}
        return jsonify(errors=errors, matches=[])
    matches = find_duplicates(get_store(), record, exclude=edit_id)
    return jsonify(errors={}, matches=[{**m.as_json(), "url": url_for("explore.entity", slug=SLUGS[m.label], node_id=m.id),
                                        "label_name": str(LABELS[m.label])} for m in matches])


@bp.get("/capture/companies")
def company_suggestions() -> Response:
    """Companies in the graph whose name matches what was typed (for the company field)."""
    text = request.args.get("q", "")[:100]
    hits = search(get_store(), text, limit=8, labels=("Company",)) if len(text.strip()) >= 2 else []
    return jsonify([{"id": h.id, "name": h.name} for h in hits])


@bp.route("/admin/integrations", methods=["GET", "POST"])
def integrations() -> Any:
    """Add, disable and re-key the systems that send leads through the intake API."""
    store = get_store()
    token = None
    if request.method == "POST":
        action = request.form.get("action")
        try:
            if action == "add":
                added, token = create_integration(
                    store, request.form.get("name", ""), source_name=request.form.get("source_name", ""),
                    campaign_id=request.form.get("campaign_id") or None, region=request.form.get("region", "US"),
                    by=signed_in().name)
                flash(_("Integration %(name)s added. Copy its token now: it is not shown again.", name=added.name),
                      "success")
            elif action in ("disable", "enable"):
                set_active(store, request.form.get("id", ""), action == "enable")
                flash(_("Integration updated."), "success")
            elif action == "token":
                token = new_token(store, request.form.get("id", ""))
                flash(_("New token issued; the old one no longer works. Copy it now."), "success")
            else:
                abort(400)
        except (IntegrationError, ValueError) as exc:
            flash(_("Not saved: %(reason)s", reason=str(exc)), "error")
    return render_template("capture/integrations.html", integrations=list_integrations(store), token=token,
                           campaigns=store.read("capture/campaign_choices"), regions=PHONE_REGIONS)
