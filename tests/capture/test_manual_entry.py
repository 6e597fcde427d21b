"""Manual entry through the web app: duplicate alert and the recorded choice, field errors in both
languages, who may create and edit what, the live check, and the integrations admin page."""

from __future__ import annotations

import re

import pytest

from graphcrm.auth.users import add_user
from graphcrm.capture.record import captures_of
from graphcrm.web import create_app
from tests.graphdump import dump
from tests.manage import world

PASSWORD = "correct horse battery"


@pytest.fixture
def app(store):
    world.build(store)
    add_user(store, "rita", "rep", PASSWORD, rep="rep-rita")
    add_user(store, "sam", "rep", PASSWORD, rep="rep-sam")
    add_user(store, "ana", "analyst", PASSWORD)
    add_user(store, "boss", "admin", PASSWORD)
    return create_app({"TESTING": True, "SECRET_KEY": "test"}, store=store)


def token_of(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def signed_in(app, name):
    client = app.test_client()
    token = token_of(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token}).status_code == 302
    return client


def save(client, kind="lead", path=None, **fields):
    path = path or f"/new/{kind}"
    token = token_of(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **fields})


def test_the_form_defaults_the_owner_to_the_current_rep_and_offers_campaigns_and_sources(app):
    page = signed_in(app, "rita").get("/new/lead?lang=en").get_data(as_text=True)
    assert re.search(r'<option value="rep-rita" selected>', page)
    assert 'value="campaign-webinar"' in page and '<option value="Web">' in page
    assert 'data-check-url="/capture/check/lead"' in page


def test_a_likely_duplicate_stops_the_save_until_the_rep_chooses(app, store):
    rita = signed_in(app, "rita")
    before = dump(store)
    alert = save(rita, name="Ann Lee", email="ANN@acme.com", company_name="Acme", campaign_id="campaign-webinar",
                 owner_id="rep-rita")
    page = alert.get_data(as_text=True)
    assert alert.status_code == 409 and 'href="/leads/lead-ann"' in page and "same email" in page
    assert 'value="ANN@acme.com"' in page  # what was typed is kept
    assert dump(store) == before

    kept = save(rita, name="Ann Lee", email="ANN@acme.com", campaign_id="campaign-webinar", decision="use:lead-ann")
    assert kept.status_code == 302 and kept.headers["Location"] == "/leads/lead-ann"
    [record] = captures_of(store, "Lead", "lead-ann")
    assert (record["outcome"], record["by"], record["method"]) == ("existing", "rita", "manual")
    touches = [r for r in dump(store)["rels"] if r[0] == "lead-ann" and r[1] == "TOUCHED_BY"]
    assert len(touches) == 2  # the campaign touch went to the existing lead
    assert len([k for k in dump(store)["nodes"] if k[0] == "Lead"]) == len(world.LEADS)

    anyway = save(rita, name="Ann Lee", email="ANN@acme.com", owner_id="rep-rita", decision="create")
    new_id = anyway.headers["Location"].rsplit("/", 1)[1]
    [record] = captures_of(store, "Lead", new_id)
    assert record["outcome"] == "created_despite_duplicates" and [d["id"] for d in record["duplicates"]] == ["lead-ann"]
    history = rita.get(f"/leads/{new_id}?lang=en").get_data(as_text=True)
    assert "saved despite a duplicate alert" in history and 'href="/leads/lead-ann"' in history


def test_field_errors_come_back_next_to_the_fields_in_the_users_language(app, store):
    rita = signed_in(app, "rita")
    before = dump(store)
    bad = save(rita, path="/new/lead?lang=zh", name="张伟", email="zhang@", phone="12", phone_region="CN")
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "不是有效的电子邮件地址" in page and "不是所选国家的电话号码" in page
    english = save(rita, path="/new/lead?lang=en", title="CEO")
    assert english.status_code == 422 and "Give at least a name, an email or a phone number." in english.get_data(as_text=True)
    assert dump(store) == before


def test_a_chinese_mobile_is_read_for_the_chosen_country(app, store):
    rita = signed_in(app, "rita")
    saved = save(rita, name="张伟", phone="138 0013 8000", phone_region="CN", owner_id="rep-rita")
    lead = dump(store)["nodes"][("Lead", saved.headers["Location"].rsplit("/", 1)[1])]
    assert lead["phone"] == "+8613800138000"


def test_who_may_create_and_edit(app, store):
    assert app.test_client().get("/new/lead").status_code == 302  # sign in first
    analyst = signed_in(app, "ana")
    assert analyst.get("/new/lead").status_code == 403
    sam = signed_in(app, "sam")
    assert sam.get("/edit/leads/lead-ann").status_code == 403  # Rita's lead
    assert save(sam, path="/edit/leads/lead-dan", title="Head of Buying").status_code == 302
    assert dump(store)["nodes"][("Lead", "lead-dan")]["title"] == "Head of Buying"
    assert sam.get("/edit/companies/company-acme").status_code == 200
    assert sam.get("/admin/integrations").status_code == 403
    assert sam.post("/new/lead", data={"name": "No Token"}).status_code == 400  # CSRF
    boss = signed_in(app, "boss")
    edited = save(boss, path="/edit/leads/lead-ann", title="CEO", phone="")
    assert edited.status_code == 302
    ann = dump(store)["nodes"][("Lead", "lead-ann")]
    assert (ann["title"], ann["phone"]) == ("CEO", "+14155550100")  # an empty field keeps its value


def test_the_live_check_reports_errors_and_matches_without_writing(app, store):
    rita = signed_in(app, "rita")
    token = token_of(rita.get("/new/lead").get_data(as_text=True))
    before = dump(store)
    answer = rita.post("/capture/check/lead?lang=en", data={"name": "Anne Lee", "company_name": "ACME Inc."},
                       headers={"X-CSRFToken": token}).get_json()
    assert [m["id"] for m in answer["matches"]] == ["lead-ann"] and answer["matches"][0]["url"] == "/leads/lead-ann"
    bad = rita.post("/capture/check/lead?lang=en", data={"email": "x@"}, headers={"X-CSRFToken": token}).get_json()
    assert bad["errors"] == {"email": "Not an email address."}
    assert rita.post("/capture/check/lead", data={"name": "Ann"}).status_code == 400  # no CSRF token
    assert rita.get("/capture/companies?q=acm").get_json() == [{"id": "company-acme", "name": "Acme Inc"}]
    assert dump(store) == before


def test_admins_add_integrations_and_see_the_token_once(app, store):
    boss = signed_in(app, "boss")
    token = token_of(boss.get("/admin/integrations").get_data(as_text=True))
    added = boss.post("/admin/integrations", data={"csrf_token": token, "action": "add", "name": "Website",
                                                    "source_name": "Website", "campaign_id": "campaign-webinar",
                                                    "region": "CN"})
    secret = re.search(r'value="(gcrmi_[^"]+)"', added.get_data(as_text=True)).group(1)
    assert secret not in boss.get("/admin/integrations").get_data(as_text=True)
    response = app.test_client().post("/api/leads", json={"name": "李雷"}, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 201
    twice = boss.post("/admin/integrations", data={"csrf_token": token, "action": "add", "name": "website",
                                                    "source_name": "X"})
    assert "exists already" in twice.get_data(as_text=True)
