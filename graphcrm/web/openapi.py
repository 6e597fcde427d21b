"""The OpenAPI 3.1 description of the intake API, built from the same field lists the API checks."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from graphcrm import __version__
from graphcrm.capture.channel import UTM_KEYS
from graphcrm.capture.validate import LONG_FIELDS, MAX_LENGTH, PERSON_CAPTURE_FIELDS

FIELD_NOTES = {
    "external_id": "Your system's id for the lead: sending the same id again updates that lead.",
    "name": "Full name as written (Chinese names usually come only like this).",
    "email": "Validated and lower-cased.",
    "phone": "Any common format; numbers without a country code use the integration's region.",
    "mobile": "As phone.",
    "website": "A URL or a bare domain.",
    "source": "Leave out: the integration's source is used. Another source is refused (out of scope).",
    "status": "new, working, qualified, disqualified or converted (or a CRM's own word for one of them).",
    "rating": "hot, warm or cold.",
    "employees": "A whole number.",
    "annual_revenue": "An amount; 万 and 亿 are understood.",
    "region": "State or province.",
    "country": "Name or ISO code.",
}
NUMERIC = {"employees": "integer", "annual_revenue": "number"}


def _field(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["string", NUMERIC[name]] if name in NUMERIC else "string",
                              "description": FIELD_NOTES.get(name, name.replace("_", " ").capitalize() + ".")}
    if name not in NUMERIC:
        schema["maxLength"] = LONG_FIELDS.get(name, MAX_LENGTH)
    return schema


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    """The whole document (cached: it depends only on the code)."""
    lead_properties = {name: _field(name) for name in PERSON_CAPTURE_FIELDS}
    lead_properties["utm"] = {"type": "object", "description": "UTM tags of the visit that produced the lead.",
                              "properties": {k: {"type": "string", "maxLength": 200} for k in UTM_KEYS},
                              "additionalProperties": False}
    lead_properties["campaign_id"] = {"type": "string", "description":
                                      "Only the integration's own campaign is allowed (it is used anyway)."}
    result = {
        "type": "object",
        "required": ["id", "label", "outcome", "capture_id", "touched"],
        "properties": {
            "id": {"type": "string", "description": "The lead's id in graphcrm."},
            "label": {"type": "string", "enum": ["Lead", "Contact"],
                      "description": "Contact when the person was already a customer."},
            "outcome": {"type": "string", "enum": ["created", "updated", "unchanged", "existing"],
                        "description": "existing: the same person (email or phone) was known; a touchpoint was added."},
            "capture_id": {"type": "string"},
            "touched": {"type": "boolean", "description": "A touchpoint to the integration's campaign was added."},
            "assigned_to": {"type": ["string", "null"], "description": "The rep the assignment rules chose."},
            "pooled": {"type": "boolean", "description": "No rule matched: the lead waits in the pool."},
            "warnings": {"type": "array", "items": {"type": "string"}},
        },
    }
    field_errors = {"type": "object", "additionalProperties": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}
    example = {"name": "王芳", "email": "wang.fang@example.cn", "phone": "138 0013 8000",
               "company_name": "示例科技有限公司", "utm": {"utm_source": "baidu", "utm_campaign": "spring"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "graphcrm intake API", "version": __version__,
                 "description": "Push leads into graphcrm from a website, a chat tool or an ad platform. "
                                "Every lead is normalised like an import, linked to the integration's source "
                                "and campaign, and checked for duplicates: the same person sent twice gets "
                                "a touchpoint, not a second lead."},
        "paths": {"/api/leads": {"post": {
            "operationId": "createLeads",
            "summary": "Capture one lead, or a batch of up to 100 (all or nothing).",
            "security": [{"integrationToken": []}],
            "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False,
                            "description": "Send the same key when you retry: the first answer comes back "
                                           "(with Idempotent-Replayed: true) and nothing is written twice. "
                                           "Keys are kept for 7 days.",
                            "schema": {"type": "string", "minLength": 1, "maxLength": 255}}],
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"oneOf": [{"$ref": "#/components/schemas/Lead"}, {"$ref": "#/components/schemas/LeadBatch"}]},
                "examples": {"one": {"value": example}, "batch": {"value": {"leads": [example]}}}}}},
            "responses": {
                "201": {"description": "A new lead was created.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LeadResult"}}}},
                "200": {"description": "The lead was known (updated, unchanged or touched), or a batch was saved.",
                        "content": {"application/json": {"schema": {"oneOf": [
                            {"$ref": "#/components/schemas/LeadResult"},
                            {"$ref": "#/components/schemas/BatchResult"}]}}}},
                "400": _error_response("The body is not JSON, not a lead, or the Idempotency-Key is malformed."),
                "401": _error_response("No active integration token."),
                "409": _error_response("The lead refers to something that does not exist."),
                "413": _error_response("The body is over 1 MB or holds more than 100 leads."),
                "415": _error_response("The body is not sent as application/json."),
                "422": _error_response("Invalid fields (per field, or per lead of a batch), a field outside the "
                                       "integration's scope, or an Idempotency-Key reused for another body."),
                "429": _error_response("Too many requests from this integration."),
            }}}},
        "components": {
            "securitySchemes": {"integrationToken": {
                "type": "http", "scheme": "bearer",
                "description": "The token shown once when an admin creates the integration (gcrmi_...)."}},
            "schemas": {
                "Lead": {"type": "object", "properties": lead_properties, "additionalProperties": False,
                         "description": "At least one of name, first_name, last_name, email, phone, mobile."},
                "LeadBatch": {"type": "object", "required": ["leads"], "additionalProperties": False,
                              "properties": {"leads": {"type": "array", "minItems": 1, "maxItems": 100,
                                                       "items": {"$ref": "#/components/schemas/Lead"}}}},
                "LeadResult": result,
                "BatchResult": {"type": "object", "required": ["leads"],
                                "properties": {"leads": {"type": "array", "items": {"$ref": "#/components/schemas/LeadResult"}}}},
                "Error": {"type": "object", "required": ["error", "message"], "properties": {
                    "error": {"type": "string"}, "message": {"type": "string"}, "fields": field_errors,
                    "records": {"type": "array", "items": {"type": "object", "properties": {
                        "index": {"type": "integer"}, "fields": field_errors}}}}},
            },
        },
    }
