"""The duplicates pages (admin): review queue, side-by-side review, merge, not a duplicate, undo."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from graphcrm.dedupe.evidence import compare_records, evidence_graph
from graphcrm.dedupe.merge import (COMPANY_FIELDS, PERSON_FIELDS, MergeConflict, MergeError, merge_history,
                                   merge_records, preferred_sources)
from graphcrm.dedupe.merge import unmerge as undo_merge
from graphcrm.dedupe.persist import NOT_DUPLICATE, set_status
from graphcrm.dedupe.records import ENTITIES
from graphcrm.dedupe.run import Thresholds, review_queue, run_dedupe
from graphcrm.web import graph as vis
from graphcrm.web.app import get_store
from graphcrm.web.auth import check_role, signed_in

bp = Blueprint("dedupe", __name__, url_prefix="/duplicates")
bp.before_request(lambda: check_role("admin"))  # reviewing and merging records is for admins
QUEUE_SIZE = 50
MAX_RECORDS = 8
FIELD_NAMES = {
    "name": _l("Name"), "title": _l("Title"), "email": _l("Email"), "phone": _l("Phone"), "mobile": _l("Mobile"),
    "website": _l("Website"), "company": _l("Company"), "industry": _l("Industry"), "employees": _l("Employees"),
    "annual_revenue": _l("Annual revenue"), "address": _l("Address"), "status": _l("Status"),
    "rating": _l("Rating"), "score": _l("Score"), "description": _l("Description"),
    "last_activity_at": _l("Last activity"), "domain": _l("Domain"), "city": _l("City"), "postcode": _l("Postcode"),
    "street": _l("Street"), "found_by": _l("Found by"),
}
STATUS_NAMES = {"agree": _l("agrees"), "partial": _l("partly agrees"), "disagree": _l("disagrees"),
                "missing": _l("missing"), "reference": _l("compared with"), "info": _l("found by")}
ENTITY_NAMES = {"lead": _l("Leads"), "contact": _l("Contacts"), "company": _l("Companies")}


@bp.app_context_processor
def _names() -> dict[str, Any]:
    return {"dedupe_fields": FIELD_NAMES, "dedupe_statuses": STATUS_NAMES, "dedupe_entities": ENTITY_NAMES}


def _entity() -> str:
    entity = request.values.get("entity", "lead")
    if entity not in ENTITIES:
        abort(400, "unknown entity")
    return entity


def _ids() -> list[str]:
    raw = request.values.getlist("ids") or request.values.get("ids", "").split(",")
    ids = list(dict.fromkeys(i.strip() for value in raw for i in value.split(",") if i.strip()))
    if not 2 <= len(ids) <= MAX_RECORDS:
        abort(400, "give two to eight record ids")
    return ids


@bp.get("/")
def queue() -> str:
    """Clusters of likely duplicates, best first, and the recent merges with undo."""
    entity = _entity()
    store = get_store()
    pairs, groups = review_queue(store, entity, Thresholds())
    best: dict[frozenset[str], float] = {frozenset((p.a, p.b)): p.score for p in pairs}
    from graphcrm.dedupe.console import describe_records

    shown = groups[:QUEUE_SIZE]
    records = describe_records(store, {i for g in shown for i in g})
    clusters = [{"ids": g, "records": [records[i] for i in g if i in records],
                 "score": max(s for k, s in best.items() if k <= set(g))} for g in shown]
    merged = request.args.get("merged")
    recent = merge_history(store, limit=10)
    return render_template("dedupe/queue.html", entity=entity, entities=ENTITIES, clusters=clusters,
                           total=len(groups), pairs=len(pairs), recent=recent, merged=merged)


@bp.post("/run")
def run() -> Response:
    """Look for duplicates among the records new since the last run."""
    entity = _entity()
    report = run_dedupe(get_store(), entity)
    flash(_("Compared %(pairs)s pairs among %(records)s records (%(new)s new).", pairs=f"{report.compared:,}",
            records=f"{report.records:,}", new=f"{report.new_records:,}"))
    return redirect(url_for("dedupe.queue", entity=entity))


@bp.get("/review")
def review() -> str:
    """The records side by side with agreeing and disagreeing fields, the evidence graph, and the actions."""
    entity = _entity()
    ids = _ids()
    store = get_store()
    pairs, _groups = review_queue(store, entity, Thresholds(review=0.0))
    comparison = compare_records(store, ids, pairs)
    if len(comparison.ids) < 2:
        abort(404)
    graph = vis.build(evidence_graph(store, comparison.ids, comparison.labels))
    label = comparison.labels[comparison.ids[0]]
    groups = COMPANY_FIELDS if label == "Company" else PERSON_FIELDS
    # the values pre-picked for each record as the one kept: the page switches them with the choice
    picks = {i: preferred_sources(comparison.nodes, i, label) for i in comparison.ids}
    return render_template("dedupe/review.html", entity=entity, comparison=comparison, graph=graph,
                           fields=[r["field"] for r in comparison.rows if r["field"] in groups],
                           default_survivor=_default_survivor(comparison), picks=picks)


@bp.post("/merge")
def merge() -> Response:
    """Merge the records into the chosen survivor with the chosen field values."""
    entity = _entity()
    ids = _ids()
    survivor = request.form.get("survivor") or None
    choices = {key[len("value-"):]: value for key, value in request.form.items()
               if key.startswith("value-") and value in ids}
    choices_for = request.form.get("choices_for") or None  # the kept record the shown choices were picked for
    try:
        report = merge_records(get_store(), ids, survivor=survivor, choices=choices, choices_for=choices_for,
                               by=signed_in().name)
    except MergeConflict as exc:
        flash(_("Not merged: %(reason)s", reason=str(exc)), "error")
        return redirect(url_for("dedupe.queue", entity=entity))
    except MergeError as exc:
        flash(_("Not merged: %(reason)s", reason=str(exc)), "error")
        return redirect(url_for("dedupe.review", entity=entity, ids=",".join(ids)))
    return redirect(url_for("dedupe.queue", entity=entity, merged=report.merge_id))


@bp.post("/not-duplicate")
def not_duplicate() -> Response:
    """Mark every pair among the records as not duplicates, for good."""
    entity = _entity()
    ids = _ids()
    from graphcrm.dedupe.evidence import load_records

    labels, _nodes = load_records(get_store(), ids)
    known = [i for i in ids if i in labels]
    pairs = [(labels[a], a, labels[b], b) for n, a in enumerate(known) for b in known[n + 1:]
             if not (labels[a] == labels[b] == "Contact" and entity == "lead")]
    set_status(get_store(), pairs, NOT_DUPLICATE)
    flash(_("Marked as not duplicates: they will not be suggested again."))
    return redirect(url_for("dedupe.queue", entity=entity))


@bp.post("/unmerge/<merge_id>")
def unmerge(merge_id: str) -> Response:
    """Undo a merge."""
    entity = _entity()
    try:
        undo_merge(get_store(), merge_id, by=signed_in().name)
    except MergeError as exc:
        flash(_("Not undone: %(reason)s", reason=str(exc)), "error")
    else:
        flash(_("Merge undone: the records are back as they were."))
    return redirect(url_for("dedupe.queue", entity=entity))


def _default_survivor(comparison: Any) -> str:
    contacts = [i for i in comparison.ids if comparison.labels[i] == "Contact"]
    if contacts and len(set(comparison.labels.values())) > 1:
        return contacts[0]
    return max(comparison.ids, key=lambda i: sum(v not in (None, "") for v in comparison.nodes[i].values()))
