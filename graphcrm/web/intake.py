"""The intake API: other systems push leads in with an integration token (docs/api.md, /api/openapi.json).

``POST /api/leads`` takes one lead or ``{"leads": [...]}`` (up to ``MAX_BATCH``). A batch is all or
nothing: every record is checked first, and one transaction writes them all. An ``Idempotency-Key``
header makes a retried request return the first answer instead of writing again.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from graphcrm.capture.channel import Channel, utm_from
from graphcrm.capture.idempotency import IdempotencyConflict, body_digest, recall, remember, valid_key
from graphcrm.capture.integrations import Integration, integration_for_token, mark_used
from graphcrm.capture.record import Captured, CaptureRefused, capture
from graphcrm.capture.validate import CaptureInvalid, FieldError, check_fields
from graphcrm.ingest.fields import Kind
from graphcrm.manage.assignment import run_assignment
from graphcrm.web.app import get_store
from graphcrm.web.openapi import openapi_document
from graphcrm.clock import utc_now

bp = Blueprint("intake", __name__, url_prefix="/api")
log = logging.getLogger(__name__)

MAX_BATCH = 100
MAX_BODY = 1024 * 1024
OPTIONS = ("utm", "campaign_id")  # keys of a record that are not lead fields


def init_intake(app: Any) -> None:
    """Token-authenticated JSON needs no CSRF token; each integration is rate limited on its own."""
    app.extensions["csrf"].exempt(bp)
    limiter = app.extensions["graphcrm_limiter"]
    limit = app.config.get("INTAKE_RATE_LIMIT", "120 per minute")
    app.view_functions["intake.create_leads"] = limiter.limit(limit, key_func=_limit_key)(
        app.view_functions["intake.create_leads"])


def _limit_key() -> str:
    return "intake|" + body_digest(request.headers.get("Authorization", "").encode())


def _error(status: int, error: str, message: str, **more: Any) -> tuple[Response, int]:
    return jsonify(error=error, message=message, **more), status


def _fields(errors: list[FieldError]) -> dict[str, dict[str, str]]:
    return {e.field: {"code": e.code, "message": e.message} for e in errors}


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of the intake API."""
    return jsonify(openapi_document())


@bp.post("/leads")
def create_leads() -> Any:
    """Capture one lead or a batch for the integration whose token is sent."""
    header = request.headers.get("Authorization", "")
    integration = integration_for_token(get_store(), header[7:].strip()) if header.startswith("Bearer ") else None
    if integration is None:
        return _error(401, "unauthorized", "send an active integration token: Authorization: Bearer gcrmi_...")
    g.integration = integration
    if (request.content_length or 0) > MAX_BODY:
        return _error(413, "too_large", f"the body may be at most {MAX_BODY} bytes")
    if not request.is_json:
        return _error(415, "unsupported_media_type", "send JSON with Content-Type: application/json")
    body = request.get_data(cache=True)
    if len(body) > MAX_BODY:
        return _error(413, "too_large", f"the body may be at most {MAX_BODY} bytes")
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return _error(400, "bad_json", "the body is not valid JSON")
    batch = isinstance(payload, dict) and set(payload) == {"leads"}
    records = payload["leads"] if batch else [payload]
    if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
        return _error(400, "bad_request", 'send a lead object, or {"leads": [lead, ...]} with at least one lead')
    if len(records) > MAX_BATCH:
        return _error(413, "too_many", f"at most {MAX_BATCH} leads per request")
    key = request.headers.get("Idempotency-Key")
    if key is not None and not valid_key(key):
        return _error(400, "bad_idempotency_key", "Idempotency-Key: 1-255 printable ASCII characters, no spaces")

    problems = [(i, errors) for i, record in enumerate(records) if (errors := _check(record, integration))]
    if problems:
        if not batch:
            return _error(422, "invalid", "the lead has invalid fields", fields=_fields(problems[0][1]))
        return _error(422, "invalid", "some leads have invalid fields; nothing was saved",
                      records=[{"index": i, "fields": _fields(errors)} for i, errors in problems])
    return _write(integration, records, batch, key, body_digest(body))


def _check(record: dict[str, Any], integration: Integration) -> list[FieldError]:
    fields = {k: v for k, v in record.items() if k not in OPTIONS}
    errors = check_fields(Kind.LEADS, fields, integration.region)
    utm = record.get("utm")
    if utm is not None and (not isinstance(utm, dict) or not all(isinstance(v, str) for v in utm.values())):
        errors.append(FieldError("utm", "invalid", "an object of utm_source, utm_medium, ... strings"))
    campaign = record.get("campaign_id")
    if campaign is not None and campaign != integration.campaign_id:
        errors.append(FieldError("campaign_id", "out_of_scope", "this integration may not write to that campaign"))
    source = fields.get("source")
    if isinstance(source, str) and source.strip() and source.strip().casefold() != integration.source_name.casefold():
        errors.append(FieldError("source", "out_of_scope",
                                 f"this integration's leads come from {integration.source_name!r}; leave source out"))
    return errors


def _write(integration: Integration, records: list[dict[str, Any]], batch: bool, key: str | None,
           digest: str) -> Any:
    store = get_store()
    now = utc_now()
    try:
        with store.transaction():
            store.lock("capture")  # before the key is looked up: a racing replay waits for the first answer
            if key is not None and (earlier := recall(store, integration.id, key, digest)) is not None:
                response = jsonify(earlier[1])
                response.headers["Idempotent-Replayed"] = "true"
                return response, earlier[0]
            captured = [_capture_one(integration, record, now) for record in records]
            _assign(captured)
            results = [c.as_json() for c in captured]
            for result in results:
                result.pop("duplicates", None)  # an integration never sees other records
            answer: Any = {"leads": results} if batch else results[0]
            status = 201 if not batch and results[0]["outcome"] == "created" else 200
            if key is not None:
                remember(store, integration.id, key, digest, status, answer, now)
            mark_used(store, integration.id, now)
    except IdempotencyConflict:
        return _error(422, "idempotency_key_reused", "this Idempotency-Key was used for a different request")
    except CaptureInvalid as exc:
        return _error(422, "invalid", "a lead has invalid fields; nothing was saved", fields=_fields(exc.errors))
    except CaptureRefused as exc:
        log.warning("intake refused for %s: %s", integration.id, exc)
        return _error(409, "refused", str(exc))
    return jsonify(answer), status


def _assign(captured: list[Captured]) -> None:
    """The assignment rules for the new leads, once for the whole request (they read every rep's load)."""
    new = [c for c in captured if c.label == "Lead" and c.outcome == "created"]
    if not new:
        return
    decisions = {d.lead_id: d for d in run_assignment(get_store(), lead_ids=[c.id for c in new])}
    for c in new:
        if c.id in decisions:
            c.assigned_to, c.pooled = decisions[c.id].rep_id, decisions[c.id].to_pool


def _capture_one(integration: Integration, record: dict[str, Any], now: datetime) -> Captured:
    # the scope fixes the source: UTM tags are kept on the capture record, they do not pick the source
    fields = {**{k: v for k, v in record.items() if k not in OPTIONS}, "source": integration.source_name}
    channel = Channel("api", ref=integration.id, by=integration.name, campaign_id=integration.campaign_id,
                      source=integration.source_name, utm=utm_from(record.get("utm") or {}))
    return capture(get_store(), Kind.LEADS, fields, channel, region=integration.region, on_duplicate="existing",
                   source_system=integration.id, now=now, assign=False)
