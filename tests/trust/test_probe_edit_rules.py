"""Issue 22, point 5: the entry and edit forms go through the same rules as the dedicated lead
actions: status transitions (conversion only by converting, each change in the history), owner
changes only through reassigning, a rep touches only their own (or unowned) leads, and any field a
form does not offer is refused. For every form, each property the model has is posted."""

from __future__ import annotations

import re

import pytest

from graphcrm.auth.users import add_user
from graphcrm.capture.record import captures_of
from graphcrm.manage import status
from graphcrm.web import create_app
from graphcrm.web.capture import offered_fields
from tests.graphdump import dump
from tests.manage import world
from tests.trust.sessions import PASSWORD, signed_in

FORMS = [("lead", "/new/lead"), ("contact", "/new/contact"), ("company", "/new/company"),
         ("lead", "/edit/leads/lead-ann"), ("company", "/edit/companies/company-acme")]
LABEL = {"lead": "Lead", "contact": "Contact", "company": "Company"}


@pytest.fixture
def app(store):
    world.build(store)
    add_user(store, "rita", "rep", PASSWORD, rep="rep-rita")
    add_user(store, "sam", "rep", PASSWORD, rep="rep-sam")
    add_user(store, "boss", "admin", PASSWORD)
    return create_app({"TESTING": True, "SECRET_KEY": "probe"}, store=store)


def post(client, path, **fields):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)
    return client.post(path, data={"csrf_token": token, **fields})


def owner(store, lead_id):
    return store.read("manage/lead_get", id=lead_id)[0]["owner_id"]


def test_the_edit_form_cannot_convert_or_skip_the_status_rules(app, store):
    rita = signed_in(app, "rita")
    before = dump(store)
    refused = post(rita, "/edit/leads/lead-ann", status="converted")
    assert refused.status_code == 422 and dump(store) == before
    assert status.lead_row(store, "lead-ann")["status"] == "working" and not status.history(store, "lead-ann")
    moved = post(rita, "/edit/leads/lead-ann", status="qualified")  # an allowed move: recorded as one
    assert moved.status_code == 302
    [change] = status.history(store, "lead-ann")
    assert (change.from_status, change.to_status, change.by) == ("working", "qualified", "rep-rita")
    # a new lead cannot start converted either
    assert post(rita, "/new/lead", name="Nora New", email="nora@example.com", status="converted").status_code == 422


def test_hidden_owner_fields_do_not_move_leads(app, store):
    rita, boss = signed_in(app, "rita"), signed_in(app, "boss")
    before = dump(store)
    assert post(rita, "/edit/leads/lead-ann", owner_id="rep-sam", title="CTO").status_code == 422
    assert post(boss, "/edit/leads/lead-ann", owner_id="rep-sam").status_code == 422  # reassign is the way
    assert dump(store) == before and owner(store, "lead-ann") == "rep-rita"
    # a rep files a new lead under themselves or nobody, not under another rep
    assert post(rita, "/new/lead", name="Olga Other", email="olga@example.com", owner_id="rep-sam").status_code == 422
    assert dump(store) == before
    assert post(boss, "/new/lead", name="Olga Other", email="olga@example.com", owner_id="rep-sam").status_code == 302


def test_keeping_an_existing_lead_needs_the_right_to_touch_it(app, store):
    sam = signed_in(app, "sam")
    captures = len(captures_of(store, "Lead", "lead-ann"))
    before = dump(store)
    used = post(sam, "/new/lead", name="Ann Lee", email="ann@acme.com", decision="use:lead-ann")
    assert used.status_code == 422 and dump(store) == before
    assert len(captures_of(store, "Lead", "lead-ann")) == captures
    rita = signed_in(app, "rita")  # the owner may
    assert post(rita, "/new/lead", name="Ann Lee", email="ann@acme.com", decision="use:lead-ann").status_code == 302
    assert len(captures_of(store, "Lead", "lead-ann")) == captures + 1


@pytest.mark.parametrize("kind,path", FORMS)
def test_every_model_property_a_form_does_not_offer_is_refused(app, store, kind, path):
    boss = signed_in(app, "boss")  # the widest rights: nothing is refused for the role
    offered = offered_fields(kind, edit=path.startswith("/edit/"))
    properties = sorted(set(store.model.nodes[LABEL[kind]].properties) | {"owner_id", "campaign_id", "external_id"})
    refused = [p for p in properties if p not in offered]
    assert {"id", "created_at", "batch_id"} <= set(refused)
    base = {"name": "Probe Corp", "website": "probe.example.com"} if kind == "company" else \
        {"name": "Probe Person", "email": "probe@example.com"}
    for name in refused:
        before = dump(store)
        response = post(boss, path, **{**base, name: "probe-value"})
        assert response.status_code == 422, name
        assert dump(store) == before, name
    fine = post(boss, path, **base)  # the same post without it saves
    assert fine.status_code == 302, fine.get_data(as_text=True)[-500:]
