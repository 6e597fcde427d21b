"""The rep's pages: my day, my leads, the pool, lead actions, and the rules admin with its simulator.

There are no users yet (issue 8): ``current_rep()`` is the rep chosen in the session with the
"act as" selector. Auth replaces that one function.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from graphcrm.manage import assignment, conversion, followups, pool, status
from graphcrm.clock import SYSTEM
from graphcrm.manage.config import ConfigError, save_text, stored_text
from graphcrm.manage.listing import SORTS, filter_leads, sort_leads
from graphcrm.manage.scores import CurrentScore, current_score, explain_lead
from graphcrm.manage.scoring import Reason, parse_scoring
from graphcrm.manage.settings import parse_settings
from graphcrm.queries.nodes import merged_into
from graphcrm.web.app import get_store
from graphcrm.web.auth import check_role, signed_in
from graphcrm.web.vocabulary import FACTS, RATINGS, SLUGS, STATUSES

bp = Blueprint("leads", __name__)
PAGE_SIZE = 100
clock = SYSTEM  # tests may replace it (graphcrm.clock.FixedClock)

REASONS = {
    "equals": _l("%(field)s is %(value)s"),
    "contains": _l("%(field)s contains %(value)s"),
    "at_least": _l("%(field)s at least %(value)s"),
    "touched": _l("touched by %(campaign)s %(days)s days ago"),
    "touched_responded": _l("responded to %(campaign)s %(days)s days ago"),
    "touched_times": _l("touched by %(campaign)s %(n)s times, last %(days)s days ago"),
    "touch_cap": _l("touch points above the cap of %(cap)s"),
    "engagement": _l("%(n)s follow-ups logged"),
    "inactive": _l("no activity for %(days)s days"),
}
CONDITIONS = {
    "region": _l("region"), "industry": _l("industry"), "source": _l("source"),
    "min_score": _l("score at least"), "max_score": _l("score at most"),
    "min_employees": _l("employees at least"), "max_employees": _l("employees at most"),
}
WHY = {
    "rule_rep": _l("the rule names this rep"),
    "round_robin": _l("weighted round robin within the team"),
    "no_rule": _l("no rule matches: the lead goes to the pool"),
    "team_full": _l("every rep of the team is inactive or at capacity: the lead goes to the pool"),
    "rep_unavailable": _l("the rule's rep is inactive or at capacity: the lead goes to the pool"),
}
SKIPPED = {"inactive": _l("inactive"), "full": _l("at capacity")}
ACTIVITY_TYPES = {"call": _l("call"), "email": _l("email"), "meeting": _l("meeting"), "note": _l("note")}
POOL_REFUSALS = {
    "not_in_pool": _l("This lead is not in the pool any more."),
    "closed": _l("This lead is closed."),
    "cooldown": _l("This lead was taken from you: you can claim it again after %(until)s."),
    "rep": _l("Choose an active rep first."),
    "capacity": _l("You are at capacity: close or release a lead first."),
    "not_owned": _l("This lead has no owner."),
}
SORT_NAMES = {
    "score": _l("Score"), "status": _l("Status"), "last_activity_at": _l("Last activity"),
    "next_followup_at": _l("Next follow-up"), "name": _l("Name"),
}


def current_rep() -> dict[str, Any] | None:
    """The rep the signed-in user works as: their own Rep (``graphcrm user add --rep``), or for
    an admin the rep chosen with "acting as"; None for analysts and unlinked users."""
    user = signed_in()
    rep_id = user.rep_id or (session.get("rep_id") if user.is_admin else None)
    if not rep_id:
        return None
    rows = get_store().read("manage/rep_get", id=rep_id)
    return rows[0] if rows else None


@bp.errorhandler(status.LeadNotFound)
def _no_such_lead(_exc: status.LeadNotFound) -> Any:
    """Every lead action on an unknown lead is a 404."""
    return NotFound()


@bp.before_request
def _may_change() -> Any:
    """Writes need a rep (or admin); a rep changes only the leads they own (everyone reads all).
    The rules page and acting as another rep are for admins."""
    if request.endpoint in ("leads.act_as", "leads.rules_admin"):
        return check_role("admin")
    if request.method != "POST":
        return None
    if denied := check_role("rep"):
        return denied
    lead_id = (request.view_args or {}).get("lead_id")
    survivor = merged_into(get_store(), "Lead", lead_id) if lead_id else None
    if survivor is not None:  # a page open from before the merge: nothing is done to a merged-away lead
        flash(_("This lead was merged into %(name)s: nothing was changed. Work with that record instead.",
                name=survivor.name), "error")
        return redirect(url_for("explore.entity", slug=SLUGS[survivor.label], node_id=survivor.id))
    if lead_id and request.endpoint != "leads.claim" and not signed_in().is_admin:
        rep = current_rep()
        owner = get_store().read("manage/lead_get", id=lead_id)
        if rep is None or not owner or owner[0]["owner_id"] != rep["id"]:
            abort(403, _("Only the lead's owner (or an admin) can change it."))
    return None


def reason_text(reason: Reason) -> str:
    """One explanation line in the UI language: "+20 title contains Director"."""
    params = dict(reason.params)
    if "field" in params:
        params["field"] = str(FACTS.get(params["field"], params["field"]))
    params = {k: (f"{v:g}" if isinstance(v, float) else v) for k, v in params.items()}
    return f"{reason.points:+g} " + str(REASONS[reason.code]) % params


@bp.app_context_processor
def _lead_helpers() -> dict[str, Any]:
    return {"lead_panel": lead_panel, "reason_text": reason_text,
            "activity_types": ACTIVITY_TYPES}


def _all_reps() -> list[dict[str, Any]]:
    # the picker shows loads 30 s stale at most: counting every rep's open leads took 88 ms a page on Neo4j
    return get_store().read_cached("manage/rep_loads", open=list(status.OPEN_STATUSES))


def lead_score(lead_id: str) -> CurrentScore:
    """The lead's one score (stored, explained as of when it was scored; scored first if it never was)."""
    return current_score(get_store(), lead_id, clock=clock)


def lead_panel(lead_id: str) -> dict[str, Any]:
    """What the lead page's actions panel shows."""
    store = get_store()
    lead = status.lead_row(store, lead_id)
    rep = current_rep()
    panel = {
        "lead": lead, "rep": rep, "score": lead_score(lead_id),
        "history": status.history(store, lead_id)[:10],
        "activities": store.read("manage/lead_activities", id=lead_id, limit=5),
        "owners": store.read("manage/ownership_history", id=lead_id),
        "reps": _all_reps(), "allowed": status.allowed_next(lead["status"]),
        "suggestions": conversion.suggest_companies(store, lead_id) if lead["status"] == "qualified" else [],
        "conversion": conversion.last_conversion(store, lead_id) if lead["status"] == "converted" else None,
        "now": clock.now(),
    }
    return panel


def _lead_page(lead_id: str) -> Response:
    return redirect(url_for("explore.entity", slug=SLUGS["Lead"], node_id=lead_id))


def _need_rep() -> dict[str, Any]:
    rep = current_rep()
    if rep is None:
        flash(_("Choose the rep you act as first."), "error")
        abort(redirect(request.referrer or url_for("leads.my_day")))
    return rep


# -- acting as a rep ---------------------------------------------------------------------------


@bp.post("/act-as")
def act_as() -> Response:
    """An admin chooses the rep to act as (actions are recorded as that rep)."""
    rep_id = request.form.get("rep_id", "")
    if rep_id and get_store().read("manage/rep_get", id=rep_id):
        session["rep_id"] = rep_id
    else:
        session.pop("rep_id", None)
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else url_for("leads.my_day"))


# -- pages ---------------------------------------------------------------------------------------


@bp.get("/my-day")
def my_day() -> str:
    """The rep's day: overdue follow-ups, due today, hot leads gone quiet, new assignments."""
    rep = current_rep()
    day = followups.my_day(get_store(), rep["id"], clock=clock) if rep else None
    return render_template("leads/my_day.html", rep=rep, reps=_all_reps(), day=day, now=clock.now())


@bp.get("/my-leads")
def my_leads() -> str:
    """The rep's open leads with filters and sorting."""
    rep = current_rep()
    chosen = {
        "status": request.args.get("status") if request.args.get("status") in STATUSES else "",
        "rating": request.args.get("rating") if request.args.get("rating") in RATINGS else "",
        "overdue": request.args.get("overdue") == "1",
        "q": request.args.get("q", "")[:100],
        "sort": request.args.get("sort") if request.args.get("sort") in SORTS else "score",
    }
    desc_arg = request.args.get("desc")
    descending = None if desc_arg not in ("0", "1") else desc_arg == "1"
    rows: list[dict[str, Any]] = []
    total = 0
    page = max(1, request.args.get("page", 1, type=int) or 1)
    if rep:
        found = filter_leads(get_store().read("manage/rep_leads", rep=rep["id"], open=list(status.OPEN_STATUSES)),
                             status=chosen["status"] or None, rating=chosen["rating"] or None,
                             overdue=chosen["overdue"], text=chosen["q"], now=clock.now())
        found = sort_leads(found, chosen["sort"], descending=descending)
        total = len(found)
        rows = found[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    return render_template("leads/my_leads.html", rep=rep, reps=_all_reps(), rows=rows, total=total, page=page,
                           pages=max(1, -(-total // PAGE_SIZE)), chosen=chosen, sorts=SORT_NAMES,
                           descending=descending, now=clock.now(), open_statuses=status.OPEN_STATUSES)


@bp.get("/pool")
def pool_page() -> str:
    """Leads in the pool (公海), longest-waiting first, each with a claim button."""
    page = max(1, request.args.get("page", 1, type=int) or 1)
    rows = pool.pool_leads(get_store(), limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    return render_template("leads/pool.html", rep=current_rep(), reps=_all_reps(), rows=rows[:PAGE_SIZE],
                           page=page, more=len(rows) > PAGE_SIZE)


@bp.post("/pool/<path:lead_id>/claim")
def claim(lead_id: str) -> Response:
    """The acting rep claims a lead from the pool."""
    rep = _need_rep()
    try:
        pool.claim(get_store(), lead_id, rep["id"], clock=clock)
    except pool.PoolError as exc:
        until = exc.until.strftime("%Y-%m-%d %H:%M") if exc.until else ""
        flash(str(POOL_REFUSALS[exc.code]) % {"until": until}, "error")
        return redirect(url_for("leads.pool_page"))
    flash(_("You claimed this lead."), "message")
    return _lead_page(lead_id)


# -- lead actions ----------------------------------------------------------------------------------


@bp.post("/lead-actions/<path:lead_id>/follow-up")
def log_followup(lead_id: str) -> Response:
    """Log a call, email, meeting or note with its outcome and the next follow-up date."""
    rep = _need_rep()
    next_at = _datetime_field("next_at")
    try:
        followups.log_followup(get_store(), lead_id, rep["id"], type=request.form.get("type", ""),
                               outcome=request.form.get("outcome", "")[:200], note=request.form.get("note", "")[:2000],
                               next_at=next_at, clock=clock)
    except followups.FollowUpError:
        flash(_("Choose a type, and a next follow-up date in the future."), "error")
        return _back(lead_id)
    flash(_("Follow-up logged."), "message")
    return _back(lead_id)


@bp.post("/lead-actions/<path:lead_id>/status")
def change_status(lead_id: str) -> Response:
    """Move the lead to another status (allowed transitions only)."""
    rep = _need_rep()
    try:
        status.change_status(get_store(), lead_id, request.form.get("status", ""), by=rep["id"],
                             reason=request.form.get("reason", "")[:200] or None, clock=clock)
    except status.TransitionError:
        flash(_("This status change is not allowed."), "error")
        return _lead_page(lead_id)
    flash(_("Status changed."), "message")
    return _lead_page(lead_id)


@bp.post("/lead-actions/<path:lead_id>/reassign")
def reassign(lead_id: str) -> Response:
    """Give the lead to another rep (the ownership history keeps the previous owner)."""
    _need_rep()
    try:
        assignment.assign(get_store(), lead_id, request.form.get("rep_id", ""), clock=clock)
    except assignment.AssignmentError:
        flash(_("Choose a rep."), "error")
        return _lead_page(lead_id)
    flash(_("Lead reassigned."), "message")
    return _lead_page(lead_id)


@bp.post("/lead-actions/<path:lead_id>/release")
def release(lead_id: str) -> Response:
    """Return the lead to the pool."""
    _need_rep()
    try:
        pool.release(get_store(), lead_id, clock=clock)
    except pool.PoolError as exc:
        flash(str(POOL_REFUSALS[exc.code]) % {"until": ""}, "error")
        return _lead_page(lead_id)
    flash(_("Lead returned to the pool."), "message")
    return _lead_page(lead_id)


@bp.post("/lead-actions/<path:lead_id>/convert")
def convert(lead_id: str) -> Response:
    """Convert the qualified lead into a contact at a company, optionally with an opportunity."""
    rep = _need_rep()
    company = request.form.get("company", "")
    opportunity = None
    if request.form.get("opportunity") == "1":
        try:
            amount = float(request.form["amount"]) if request.form.get("amount") else None
            close = date.fromisoformat(request.form["close_date"]) if request.form.get("close_date") else None
        except ValueError:
            flash(_("The amount must be a number and the close date a date."), "error")
            return _lead_page(lead_id)
        opportunity = conversion.OpportunitySpec(amount=amount, stage=request.form.get("stage") or "Prospecting",
                                                 close_date=close)
    try:
        conversion.convert(get_store(), lead_id, by=rep["id"], company_id=None if company in ("", "new") else company,
                           company_name=request.form.get("company_name", "")[:200] or None,
                           opportunity=opportunity, clock=clock)
    except conversion.ConversionError:
        flash(_("This lead cannot be converted: it must be qualified, with a company chosen or named."), "error")
        return _lead_page(lead_id)
    flash(_("Lead converted. You can undo the conversion until the opportunity changes."), "message")
    return _lead_page(lead_id)


@bp.post("/lead-actions/<path:lead_id>/undo-conversion")
def undo_conversion(lead_id: str) -> Response:
    """Undo the lead's conversion while nothing it created has changed."""
    rep = _need_rep()
    found = conversion.last_conversion(get_store(), lead_id)
    if found is None:
        abort(404)
    try:
        conversion.undo_conversion(get_store(), found["id"], by=rep["id"], clock=clock)
    except conversion.ConversionError:
        flash(_("The contact or opportunity has changed since the conversion: it cannot be undone here."), "error")
        return _lead_page(lead_id)
    flash(_("Conversion undone."), "message")
    return _lead_page(lead_id)


def _back(lead_id: str) -> Response:
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return _lead_page(lead_id)


def _datetime_field(name: str) -> datetime | None:
    raw = request.form.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=None, second=0, microsecond=0)
    except ValueError:
        return datetime.min  # in the past: refused with a message


# -- admin: scoring and assignment rules, with the simulator ------------------------------------


@bp.route("/admin/lead-rules", methods=["GET", "POST"])
def rules_admin() -> str:
    """Edit the scoring and assignment configurations; simulate a lead against the rules."""
    store = get_store()
    texts = {kind: stored_text(store, kind) for kind in ("scoring", "assignment")}
    errors: dict[str, str] = {}
    simulation = None
    score = None
    lead_id = (request.values.get("lead_id") or "").strip()
    if request.method == "POST":
        kind = request.form.get("kind", "")
        if kind not in texts:
            abort(400)
        texts[kind] = request.form.get("text", "")[:100_000]
        try:
            if kind == "scoring":
                parse_scoring(texts[kind])
            else:
                assignment.parse_assignment(texts[kind])
                parse_settings(texts[kind])
        except ConfigError as exc:
            errors[kind] = str(exc)
        if not errors and request.form.get("action") == "save":
            save_text(store, kind, texts[kind], clock.now())
            flash(_("Rules saved."), "message")
    if lead_id and not errors:
        try:
            lead = assignment.assignment_view(store, lead_id)
        except status.LeadNotFound:
            errors["simulate"] = _("No lead with this id.")
        else:
            simulation = assignment.decide(lead, assignment.parse_assignment(texts["assignment"]),
                                           assignment.load_reps(store), assignment.load_state(store))
            score = explain_lead(store, lead_id, clock=clock, cfg=parse_scoring(texts["scoring"]))
            simulation = {"decision": simulation, "lead": lead}
    reps = {r["id"]: r for r in _all_reps()}
    return render_template("leads/rules.html", texts=texts, errors=errors, simulation=simulation, score=score,
                           lead_id=lead_id, reps=reps, conditions=CONDITIONS, why=WHY, skipped=SKIPPED)
