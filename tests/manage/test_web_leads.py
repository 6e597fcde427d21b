"""The rep's pages through Flask's test client on a real graph: CSRF, act-as, actions, admin."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from graphcrm.manage import status
from graphcrm.clock import FixedClock
from graphcrm.web import create_app
from graphcrm.web import leads as leads_view
from tests.manage import world
from tests.manage.world import T0


@pytest.fixture
def client(store, monkeypatch):
    world.build(store)
    monkeypatch.setattr(leads_view, "clock", FixedClock(T0))
    app = create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)
    return app.test_client()


def csrf(client, path="/my-day"):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def act_as(client, rep_id):
    return client.post("/act-as", data={"rep_id": rep_id, "next": "/my-day", "csrf_token": csrf(client)})


def test_pages_need_a_rep_then_show_their_lists(client):
    page = client.get("/my-day?lang=en").get_data(as_text=True)
    assert "Choose the rep you act as above" in page and "Rita Ray" in page
    assert client.post("/act-as", data={"rep_id": "rep-rita"}).status_code == 400  # no CSRF token
    assert act_as(client, "rep-rita").status_code == 302
    page = client.get("/my-day").get_data(as_text=True)
    assert "My day · Rita Ray" in page
    leads = client.get("/my-leads?sort=name").get_data(as_text=True)
    assert leads.index("Ann Lee") < leads.index("Bob Stone") and "lead-dan" not in leads
    hot = client.get("/my-leads?rating=hot").get_data(as_text=True)  # by the rules: Ann 69 hot, Bob 50 warm
    assert "Ann Lee" in hot and "Bob Stone" not in hot
    assert "Lead pool" in client.get("/pool").get_data(as_text=True)


def test_lead_actions_from_the_lead_page(client, store):
    act_as(client, "rep-sam")
    page = client.get("/leads/lead-dan").get_data(as_text=True)
    assert 'id="lead-actions"' in page and "Log follow-up" in page
    token = csrf(client, "/leads/lead-dan")
    next_at = (T0 + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    r = client.post("/lead-actions/lead-dan/follow-up", data={
        "csrf_token": token, "type": "call", "outcome": "Connected", "note": "<b>hi</b>", "next_at": next_at})
    assert r.status_code == 302
    page = client.get("/leads/lead-dan").get_data(as_text=True)
    assert "&lt;b&gt;hi&lt;/b&gt;" in page and "<b>hi</b>" not in page  # escaped
    assert status.lead_row(store, "lead-dan")["status"] == "working"
    client.post("/lead-actions/lead-dan/status", data={"csrf_token": token, "status": "qualified"})
    assert status.lead_row(store, "lead-dan")["status"] == "qualified"
    r = client.post("/lead-actions/lead-dan/status", data={"csrf_token": token, "status": "new"}, follow_redirects=True)
    assert "This status change is not allowed." in r.get_data(as_text=True)
    client.post("/lead-actions/lead-dan/convert", data={
        "csrf_token": token, "company": "new", "company_name": "Dune LLC", "opportunity": "1", "amount": "1200"})
    lead = status.lead_row(store, "lead-dan")
    assert lead["status"] == "converted"
    page = client.get("/leads/lead-dan").get_data(as_text=True)
    assert "Undo conversion" in page
    client.post("/lead-actions/lead-dan/undo-conversion", data={"csrf_token": token})
    assert status.lead_row(store, "lead-dan")["status"] == "qualified"
    client.post("/lead-actions/lead-dan/release", data={"csrf_token": token})
    assert status.lead_row(store, "lead-dan")["pool_since"] == T0
    r = client.post("/pool/lead-dan/claim", data={"csrf_token": token}, follow_redirects=True)
    assert "you can claim it again after 2026-11-09 09:00" in r.get_data(as_text=True)
    client.post("/lead-actions/lead-ann/reassign", data={"csrf_token": token, "rep_id": "rep-walt"})
    assert status.lead_row(store, "lead-ann")["owner_id"] == "rep-walt"
    assert client.post("/lead-actions/lead-nobody/status", data={"csrf_token": token, "status": "working"}).status_code == 404


def test_rules_admin_simulates_and_saves(client):
    token = csrf(client, "/admin/lead-rules")
    rules = '[[rules]]\nname = "All west"\nregion = ["US-West"]\nteam = "West"\n'
    page = client.post("/admin/lead-rules", data={"csrf_token": token, "kind": "assignment", "text": rules,
                                                   "lead_id": "lead-cat", "action": "simulate"}).get_data(as_text=True)
    assert "Rule All west fires: Walt Wu would get this lead" in page
    assert "All west" not in client.get("/admin/lead-rules").get_data(as_text=True)  # simulated, not saved
    bad = client.post("/admin/lead-rules", data={"csrf_token": token, "kind": "assignment", "text": "[[rules]]\nteam='x'",
                                                  "action": "save"}).get_data(as_text=True)
    assert "every rule needs a name" in bad
    client.post("/admin/lead-rules", data={"csrf_token": token, "kind": "assignment", "text": rules, "action": "save"})
    assert "All west" in client.get("/admin/lead-rules").get_data(as_text=True)
    page = client.get("/admin/lead-rules?lead_id=lead-eve&lang=zh").get_data(as_text=True)
    assert 'id="rule-trace"' in page
