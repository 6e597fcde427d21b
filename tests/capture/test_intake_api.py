"""The intake API over HTTP: tokens and scopes, idempotency, field errors, limits, all checked against the
OpenAPI description (every request and response in these tests is validated with openapi-core)."""

from __future__ import annotations

import json
import threading

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_spec_validator import validate
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from graphcrm.auth.users import add_user, new_token
from graphcrm.capture.integrations import create_integration, new_token as new_integration_token, set_active
from graphcrm.capture.record import captures_of
from graphcrm.web import create_app
from graphcrm.web.openapi import openapi_document
from tests.graphdump import dump
from tests.manage import world

SPEC = OpenAPI.from_dict(openapi_document())
LEAD = {"name": "王芳", "email": "Wang.Fang@Example.cn", "phone": "138 0013 8000", "company_name": "示例科技有限公司",
        "utm": {"utm_source": "baidu", "utm_campaign": "spring"}}


@pytest.fixture
def api(store):
    world.build(store)
    add_user(store, "alice", "admin", "correct horse battery")
    integration, token = create_integration(store, "Website", source_name="Website", campaign_id="campaign-webinar",
                                            region="CN", by="alice")
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "INTAKE_RATE_LIMIT": "1000 per minute"}, store=store)
    return app, store, integration, token


def post(app, token, body, *, key=None, raw=None, content_type="application/json", check=True):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if key is not None:
        headers["Idempotency-Key"] = key
    data = raw if raw is not None else json.dumps(body)
    response = app.test_client().post("/api/leads", data=data, headers=headers, content_type=content_type)
    if check:
        builder = EnvironBuilder(path="/api/leads", method="POST", data=data, headers=headers,
                                 content_type=content_type, base_url="http://localhost")
        SPEC.validate_response(WerkzeugOpenAPIRequest(Request(builder.get_environ())),
                               WerkzeugOpenAPIResponse(response))
    return response


def test_the_openapi_description_is_valid_and_served_without_sign_in(api):
    app, *_ = api
    validate(openapi_document())
    served = app.test_client().get("/api/openapi.json")
    assert served.status_code == 200 and served.json["paths"]["/api/leads"]["post"]["operationId"] == "createLeads"


def test_a_lead_lands_normalised_in_the_integrations_source_and_campaign(api):
    app, store, integration, token = api
    response = post(app, token, LEAD)
    assert response.status_code == 201 and response.json["outcome"] == "created" and response.json["touched"]
    assert "duplicates" not in response.json
    lead_id = response.json["id"]
    nodes, rels = dump(store)["nodes"], dump(store)["rels"]
    lead = nodes[("Lead", lead_id)]
    assert (lead["email"], lead["phone"], lead["captured_via"], lead["capture_ref"], lead["source_system"]) == \
        ("wang.fang@example.cn", "+8613800138000", "api", integration.id, integration.id)
    out = {(r[1], r[2]) for r in rels if r[0] == lead_id}
    assert {("FROM_SOURCE", "source-website"), ("TOUCHED_BY", "campaign-webinar"), ("HAS_EMAIL", "wang.fang@example.cn")} <= out
    [record] = captures_of(store, "Lead", lead_id)
    assert (record["method"], record["by"], record["utm"]) == ("api", "Website", {"utm_campaign": "spring",
                                                                                   "utm_source": "baidu"})


def test_a_retry_with_the_same_idempotency_key_writes_once_and_answers_the_same(api):
    app, store, _, token = api
    first = post(app, token, LEAD, key="order-42")
    before = dump(store)
    again = post(app, token, LEAD, key="order-42")
    assert (again.status_code, again.json, again.headers.get("Idempotent-Replayed")) == (201, first.json, "true")
    assert dump(store) == before
    reused = post(app, token, {**LEAD, "title": "CTO"}, key="order-42")
    assert reused.status_code == 422 and reused.json["error"] == "idempotency_key_reused"
    assert dump(store) == before
    without_key = post(app, token, LEAD)  # the same person again, no key: a touch on the same lead
    assert (without_key.status_code, without_key.json["outcome"], without_key.json["id"]) == \
        (200, "existing", first.json["id"])


def test_identical_requests_racing_with_one_key_create_one_lead(api):
    app, store, _, token = api
    barrier, answers = threading.Barrier(6), []

    def send() -> None:
        barrier.wait()
        answers.append(post(app, token, LEAD, key="race-1", check=False))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {a.status_code for a in answers} == {201}
    assert len({a.json["id"] for a in answers}) == 1
    assert sum(a.headers.get("Idempotent-Replayed") == "true" for a in answers) == 5
    leads = [k for k in dump(store)["nodes"] if k[0] == "Lead"]
    assert len(leads) == len(world.LEADS) + 1


def test_field_errors_are_per_field_and_a_bad_batch_saves_nothing(api):
    app, store, _, token = api
    before = dump(store)
    bad = post(app, token, {"name": "X", "email": "nope@", "phone": "12", "favourite_colour": "red"})
    assert bad.status_code == 422
    assert {f: e["code"] for f, e in bad.json["fields"].items()} == \
        {"email": "invalid_email", "phone": "invalid_phone", "favourite_colour": "unknown_field"}
    nothing = post(app, token, {"title": "CEO"})
    assert nothing.status_code == 422 and nothing.json["fields"]["name"]["code"] == "required"
    batch = post(app, token, {"leads": [{"name": "Good One", "email": "good@one.com"}, {"email": "bad"}]})
    assert batch.status_code == 422 and [r["index"] for r in batch.json["records"]] == [1]
    assert dump(store) == before
    good = post(app, token, {"leads": [{"name": "Good One", "email": "good@one.com"}, {"name": "Li Lei"}]})
    assert good.status_code == 200 and [r["outcome"] for r in good.json["leads"]] == ["created", "created"]
    # the assignment rules ran for the batch: no rule matches these leads in this world, so both wait in the pool
    assert [(r["assigned_to"], r["pooled"]) for r in good.json["leads"]] == [(None, True), (None, True)]
    pooled = {row["id"] for row in store.read("test_support/ids_of", label="Lead")
              if dump(store)["nodes"][("Lead", row["id"])].get("pool_since")}
    assert {r["id"] for r in good.json["leads"]} <= pooled


def test_the_scope_limits_source_and_campaign(api):
    app, store, _, token = api
    before = dump(store)
    other_campaign = post(app, token, {"name": "Zed", "campaign_id": "campaign-other"})
    other_source = post(app, token, {"name": "Zed", "source": "Trade Show"})
    assert other_campaign.json["fields"]["campaign_id"]["code"] == "out_of_scope"
    assert other_source.json["fields"]["source"]["code"] == "out_of_scope"
    assert dump(store) == before
    same = post(app, token, {"name": "Zed", "source": "website", "campaign_id": "campaign-webinar"})
    assert same.status_code == 201


def test_only_an_active_integration_token_gets_in(api):
    app, store, integration, token = api
    user_token = new_token(store, "alice")
    assert post(app, None, LEAD).status_code == 401
    assert post(app, user_token, LEAD).status_code == 401
    assert post(app, "gcrmi_forged", LEAD).status_code == 401
    fresh = new_integration_token(store, integration.id)
    assert post(app, token, LEAD).status_code == 401
    set_active(store, integration.id, False)
    assert post(app, fresh, LEAD).status_code == 401
    set_active(store, integration.id, True)
    assert post(app, fresh, LEAD).status_code == 201


def test_malformed_requests_get_clear_4xx_answers(api):
    app, store, _, token = api
    before = dump(store)
    assert post(app, token, None, raw="{not json").json["error"] == "bad_json"
    assert post(app, token, None, raw='["a list"]').status_code == 400
    assert post(app, token, {"leads": []}).status_code == 400
    assert post(app, token, None, raw="name=x", content_type="application/x-www-form-urlencoded",
                check=False).status_code == 415
    assert post(app, token, {"leads": [{"name": f"P{i}"} for i in range(101)]}).json["error"] == "too_many"
    assert post(app, token, {"name": "x" * (1024 * 1024)}).status_code == 413
    assert post(app, token, LEAD, key="has space").json["error"] == "bad_idempotency_key"
    assert post(app, token, None, raw="[" * 100_000 + "]" * 100_000).status_code == 400
    assert dump(store) == before


def test_hostile_values_are_stored_as_text(api):
    app, store, _, token = api
    hostile = "x'}) DETACH DELETE n //"
    response = post(app, token, {"name": hostile, "title": "<script>alert(1)</script>"})
    assert response.status_code == 201
    lead = dump(store)["nodes"][("Lead", response.json["id"])]
    assert (lead["name"], lead["title"]) == (hostile, "<script>alert(1)</script>")
    assert len([k for k in dump(store)["nodes"] if k[0] == "Lead"]) == len(world.LEADS) + 1


def test_each_integration_is_rate_limited(store):
    world.build(store)
    _, token = create_integration(store, "Chat", source_name="Chat", region="US")
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "INTAKE_RATE_LIMIT": "3 per minute"}, store=store)
    codes = [post(app, token, {"name": f"Person {i}"}).status_code for i in range(4)]
    assert codes == [201, 201, 201, 429]


def test_cli_manages_integrations_and_their_tokens_work(db_uri):
    from click.testing import CliRunner

    from graphcrm.cli import cli
    from graphcrm.store import open_store

    runner, db = CliRunner(), db_uri
    added = runner.invoke(cli, ["--db", db, "integration", "add", "Live Chat", "--source", "Chat", "--region", "CN"])
    assert added.exit_code == 0, added.output
    token = added.output.split("token (shown only now): ")[1].strip()
    assert token.startswith("gcrmi_") and "int-live-chat" in added.output
    assert runner.invoke(cli, ["--db", db, "integration", "add", "live chat", "--source", "X"]).exit_code == 1
    assert runner.invoke(cli, ["--db", db, "integration", "add", "Bad", "--source", "X",
                               "--campaign", "campaign-nope"]).output.strip() == "graphcrm: no campaign 'campaign-nope'"
    listed = json.loads(runner.invoke(cli, ["--db", db, "integration", "list", "--json"]).output)
    assert [(i["id"], i["source"], i["region"], i["active"]) for i in listed] == [("int-live-chat", "Chat", "CN", True)]
    assert token not in runner.invoke(cli, ["--db", db, "integration", "list"]).output
    store = open_store(db)
    try:
        app = create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)
        assert post(app, token, {"name": "李雷", "phone": "13800138000"}).status_code == 201
    finally:
        store.close()
    assert runner.invoke(cli, ["--db", db, "integration", "disable", "int-live-chat"]).exit_code == 0
    store = open_store(db)
    try:
        app = create_app({"TESTING": True, "SECRET_KEY": "t"}, store=store)
        assert post(app, token, {"name": "李雷"}).status_code == 401
    finally:
        store.close()


def test_maintain_forgets_idempotency_keys_after_a_week(api):
    from datetime import datetime, timedelta

    from graphcrm.capture.idempotency import recall, remember
    from graphcrm.clock import FixedClock
    from graphcrm.manage.maintain import maintain

    _, store, integration, _ = api
    now = datetime(2026, 11, 30, 12, 0)
    remember(store, integration.id, "old", "d1", 201, {"id": "x"}, now - timedelta(days=8))
    remember(store, integration.id, "recent", "d2", 201, {"id": "y"}, now - timedelta(days=6))
    report = maintain(store, clock=FixedClock(now))
    assert report.idempotency_keys_forgotten == 1
    assert recall(store, integration.id, "old", "d1") is None
    assert recall(store, integration.id, "recent", "d2") == (201, {"id": "y"})
