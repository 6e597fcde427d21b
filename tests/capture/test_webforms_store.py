"""Web-to-lead form definitions and submissions, against the real database (no web layer)."""

from __future__ import annotations

from datetime import datetime

import pytest

from graphcrm.capture import forms
from graphcrm.capture.forms import FormInvalid, FormNotFound, FormSpec
from graphcrm.capture.record import captures_of
from graphcrm.capture.validate import CaptureInvalid
from tests.capture.world import load_world
from tests.graphdump import dump

SPEC = FormSpec(name="  Spring   Expo booth ", campaign_id="k-expo",
                fields=("email", "first_name", "phone", "last_name", "company_name", "email"),
                required=("email",), thank_you="See you at the booth!", language="en", region="cn")


@pytest.fixture
def world(store):
    load_world(store)
    return store


def codes(exc: pytest.ExceptionInfo) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in exc.value.errors}


def test_a_form_is_stored_read_listed_changed_and_switched_off(world):
    form = forms.create_form(world, SPEC, created_by="admin", now=datetime(2026, 3, 1, 9))
    assert forms.looks_like_form_id(form.id) and len(form.id) == len("form-") + 12
    assert form.name == "Spring Expo booth" and form.region == "CN" and form.active and form.submissions == 0
    assert form.fields == ("first_name", "last_name", "company_name", "email", "phone")  # usual order, no repeats
    assert form.required == ("email",) and form.created_by == "admin"
    assert forms.get_form(world, form.id) == form
    other = forms.create_form(world, FormSpec(name="Web", campaign_id="k-web", language="zh"),
                              now=datetime(2026, 3, 2, 9))
    assert [f.id for f in forms.list_forms(world)] == [other.id, form.id]  # newest first
    assert other.id != form.id

    changed = forms.update_form(world, form.id, FormSpec(
        name="Expo", campaign_id="k-web", fields=("name", "mobile"), required=("mobile",), language="zh",
        region="US", owner_id="r-bob", source_name="Booth", active=True))
    assert (changed.name, changed.campaign_id, changed.fields, changed.owner_id, changed.source_name) == \
        ("Expo", "k-web", ("name", "mobile"), "r-bob", "Booth")
    assert changed.created_by == "admin" and changed.created_at == form.created_at

    forms.deactivate(world, form.id)
    assert forms.get_form(world, form.id).active is False
    forms.set_active(world, form.id, True)
    assert forms.get_form(world, form.id).active is True
    assert forms.count_submission(world, form.id) == 1 and forms.count_submission(world, form.id) == 2
    assert forms.get_form(world, "form-000000000000") is None
    with pytest.raises(FormNotFound):
        forms.set_active(world, "form-000000000000", False)
    with pytest.raises(FormNotFound):
        forms.update_form(world, "form-000000000000", SPEC)


def test_form_definitions_are_validated(world):
    with pytest.raises(FormInvalid) as exc:
        forms.create_form(world, FormSpec(name=" ", campaign_id="k-nope", fields=("status", "title", "shoe_size"),
                                          required=("email",), language="fr", region="Atlantis",
                                          owner_id="r-nobody", thank_you="x" * 2001))
    assert codes(exc) == {
        ("name", "required"), ("campaign_id", "unknown_campaign"), ("fields", "not_offered"),
        ("fields", "unknown_field"), ("fields", "no_identifying_field"), ("required", "required_not_offered"),
        ("language", "invalid_language"), ("region", "invalid_region"), ("owner_id", "unknown_rep"),
        ("thank_you", "too_long"),
    }
    with pytest.raises(FormInvalid) as exc:
        forms.create_form(world, FormSpec(name="x", campaign_id=""))
    assert codes(exc) == {("campaign_id", "required")}
    assert forms.list_forms(world) == []
    assert set(forms.FORM_FIELDS).isdisjoint({"external_id", "status", "rating", "source"})


def test_form_ids_are_random_and_url_safe():
    ids = {forms.new_form_id() for _ in range(200)}
    assert len(ids) == 200 and all(forms.looks_like_form_id(i) for i in ids)
    for bad in ("form-12", "form-ABCDEF123456", "form-12345678901g", "../etc/passwd", "form-0123456789abc"):
        assert not forms.looks_like_form_id(bad)


def test_a_submission_creates_a_lead_on_the_campaign_and_a_repeat_touches_it(world):
    form = forms.create_form(world, SPEC)
    at = datetime(2026, 3, 5, 10, 30)
    first = forms.submit(world, form, {"first_name": "Li", "last_name": "Wei", "email": "Li.Wei@Example.cn ",
                                       "phone": "138 0013 8000", "company_name": "Acme",
                                       "status": "converted", "csrf_token": "x"},  # not on the form: ignored
                         utm=(("utm_source", "poster"),), now=at)
    assert first.outcome == "created" and first.label == "Lead" and first.touched
    graph = dump(world)
    lead = graph["nodes"][("Lead", first.id)]
    assert lead["email"] == "li.wei@example.cn" and lead["phone"] == "+8613800138000"  # region CN
    assert lead.get("status") != "converted" and lead["captured_via"] == "form" and lead["capture_ref"] == form.id
    touches = [r for r in graph["rels"] if r[:3] == (first.id, "TOUCHED_BY", "k-expo")]
    assert len(touches) == 1 and ("kind", "form") in touches[0][3] and ("at", str(at)) in touches[0][3]
    sources = {r[2] for r in graph["rels"] if r[0] == first.id and r[1] == "FROM_SOURCE"}
    # an unknown utm_source creates no source (issue 22): the form's own, the raw value kept on the capture
    assert [graph["nodes"][("Source", s)]["name"] for s in sources] == ["Trade show"]
    [cap] = captures_of(world, "Lead", first.id)
    assert (cap["method"], cap["ref"], cap["utm"]) == ("form", form.id, {"utm_source": "poster"})
    assert "status" not in cap["fields"]

    again = forms.submit(world, form, {"email": "li.wei@example.cn", "first_name": "Li"},
                         now=datetime(2026, 3, 6, 11))
    assert again.outcome == "existing" and again.id == first.id and again.touched
    graph = dump(world)
    assert sum(1 for (label, _) in graph["nodes"] if label == "Lead") == 1
    assert len([r for r in graph["rels"] if r[:3] == (first.id, "TOUCHED_BY", "k-expo")]) == 2
    assert forms.get_form(world, form.id).submissions == 2


def test_the_campaign_source_is_the_lead_source_and_the_owner_gets_the_lead(world):
    form = forms.create_form(world, FormSpec(name="Expo", campaign_id="k-expo", owner_id="r-ann"))
    result = forms.submit(world, form, {"email": "sam@example.com"})
    graph = dump(world)
    sources = [graph["nodes"][("Source", r[2])]["name"] for r in graph["rels"]
               if r[0] == result.id and r[1] == "FROM_SOURCE"]
    assert sources == ["Trade show"]
    assert [r[0] for r in graph["rels"] if r[1] == "OWNS" and r[2] == result.id] == ["r-ann"]


def test_required_fields_and_bad_values_are_refused_and_nothing_is_written(world):
    form = forms.create_form(world, FormSpec(name="Expo", campaign_id="k-expo", fields=("first_name", "email", "phone"),
                                             required=("first_name", "email"), region="US"))
    with pytest.raises(CaptureInvalid) as exc:
        forms.submit(world, form, {"first_name": "  ", "email": "not-an-email", "phone": "12"})
    assert codes(exc) == {("first_name", "required"), ("email", "invalid_email"), ("phone", "invalid_phone")}
    assert "Lead" not in {label for label, _ in dump(world)["nodes"]}
    assert forms.get_form(world, form.id).submissions == 0
