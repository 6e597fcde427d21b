"""The web-form pages through Flask's test client: public form, submission, abuse protection, admin pages."""

from __future__ import annotations

import re

import pytest

from graphcrm.auth.users import add_user
from graphcrm.capture import forms
from graphcrm.capture.forms import FormSpec
from graphcrm.capture.record import captures_of
from graphcrm.web import create_app
from tests.capture.world import load_world
from tests.graphdump import dump

PASSWORD = "correct horse battery"


@pytest.fixture
def world(store):
    load_world(store)
    for name, role in (("root", "admin"), ("rita", "rep"), ("alan", "analyst")):
        add_user(store, name, role, PASSWORD)  # users exist: nobody is the loopback admin
    return store


@pytest.fixture
def form(world):
    return forms.create_form(world, FormSpec(
        name="Spring Expo", campaign_id="k-expo", fields=("first_name", "last_name", "company_name", "email", "phone"),
        required=("first_name", "email"), thank_you="Thanks <b>for</b> visiting booth 12!", region="CN"))


def make_app(store, **config):
    return create_app({"TESTING": True, "SECRET_KEY": "t", **config}, store=store)


@pytest.fixture
def app(world):
    return make_app(world)


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def open_form(client, form_id: str, query: str = "") -> tuple[str, str]:
    """The public page and its form action."""
    response = client.get(f"/f/{form_id}{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page, re.search(r'<form method="post" action="([^"]+)"', page)[1].replace("&amp;", "&")


def leads(store) -> list[str]:
    return [i for label, i in dump(store)["nodes"] if label == "Lead"]


def sign_in(client, name: str) -> None:
    token = csrf(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_the_public_form_needs_no_sign_in_and_a_submission_lands_on_the_campaign(app, world, form):
    client = app.test_client()
    assert client.get("/").status_code == 302  # the rest of the app still wants a sign-in
    page, action = open_form(client, form.id, "?utm_source=expo&utm_medium=poster&utm_campaign=spring&evil=1")
    assert "Spring Expo" in page and 'name="fax_number"' in page and 'autocomplete="email"' in page
    assert action == f"/f/{form.id}?utm_source=expo&utm_medium=poster&utm_campaign=spring"
    assert "topbar" not in page and "Sign out" not in page  # nothing of the CRM shows
    response = client.post(action, data={"csrf_token": csrf(page), "first_name": "Wei", "last_name": "Li",
                                         "email": "wei@acme.cn", "phone": "13800138000", "fax_number": ""})
    assert response.status_code == 302 and response.headers["Location"] == f"/f/{form.id}/thanks"
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thanks &lt;b&gt;for&lt;/b&gt; visiting booth 12!" in thanks  # the admin's text, escaped
    [lead] = leads(world)
    graph = dump(world)
    assert any(r[:3] == (lead, "TOUCHED_BY", "k-expo") and ("kind", "form") in r[3] for r in graph["rels"])
    source = next(r[2] for r in graph["rels"] if r[0] == lead and r[1] == "FROM_SOURCE")
    assert graph["nodes"][("Source", source)]["name"] == "Trade show"  # an unknown utm_source makes no source (issue 22)
    [cap] = captures_of(world, "Lead", lead)
    assert cap["method"] == "form" and cap["ref"] == form.id
    assert cap["utm"] == {"utm_source": "expo", "utm_medium": "poster", "utm_campaign": "spring"}

    # the same person again: a second touch on the same lead, and the same answer
    page, action = open_form(client, form.id)
    response = client.post(action, data={"csrf_token": csrf(page), "first_name": "Wei", "email": "WEI@acme.cn"})
    assert response.status_code == 302 and response.headers["Location"] == f"/f/{form.id}/thanks"
    assert leads(world) == [lead]
    assert len([r for r in dump(world)["rels"] if r[:3] == (lead, "TOUCHED_BY", "k-expo")]) == 2
    assert forms.get_form(world, form.id).submissions == 2


def test_field_errors_re_render_the_form_with_the_values_and_messages(app, world, form):
    client = app.test_client()
    page, action = open_form(client, form.id, "?utm_source=expo")
    response = client.post(action, data={"csrf_token": csrf(page), "first_name": "", "last_name": "<i>Li</i>",
                                         "email": "wei-at-acme", "phone": "12"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'data-field="first_name">Required\.<', page)
    assert re.search(r'data-field="email">Not an email address\.<', page)
    assert re.search(r'data-field="phone">Not a phone number for the chosen country\.<', page)
    assert 'value="wei-at-acme"' in page and 'value="&lt;i&gt;Li&lt;/i&gt;"' in page
    assert f'action="/f/{form.id}?utm_source=expo"' in page  # the tags survive a second try
    assert leads(world) == []


def test_a_chinese_form_speaks_chinese_whatever_the_browser_says(world):
    form = forms.create_form(world, FormSpec(name="春季展会", campaign_id="k-expo", fields=("name", "email"),
                                             required=("email",), language="zh"))
    client = make_app(world).test_client()
    page = client.get(f"/f/{form.id}?lang=en", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert 'lang="zh-CN"' in page and "邮箱" in page and "发送" in page
    response = client.post(f"/f/{form.id}", data={"csrf_token": csrf(page), "email": "x"})
    assert "不是有效的电子邮件地址" in response.get_data(as_text=True)
    thanks = client.get(f"/f/{form.id}/thanks").get_data(as_text=True)
    assert "谢谢" in thanks


def test_a_filled_honeypot_is_thanked_and_dropped(app, world, form):
    client = app.test_client()
    page, action = open_form(client, form.id)
    response = client.post(action, data={"csrf_token": csrf(page), "first_name": "Bot", "email": "bot@spam.io",
                                         "fax_number": "+1 555 0100"})
    assert response.status_code == 302 and response.headers["Location"] == f"/f/{form.id}/thanks"
    assert leads(world) == [] and forms.get_form(world, form.id).submissions == 0


def test_submissions_are_rate_limited_per_ip(world, form):
    client = make_app(world, WEBFORM_RATE_LIMIT="3 per hour").test_client()
    page, action = open_form(client, form.id)
    for i in range(3):
        response = client.post(action, data={"csrf_token": csrf(page), "first_name": "P", "email": f"p{i}@x.com"})
        assert response.status_code == 302
    response = client.post(action, data={"csrf_token": csrf(page), "first_name": "P", "email": "p9@x.com"})
    assert response.status_code == 429 and "Too many" in response.get_data(as_text=True)
    assert len(leads(world)) == 3
    other = client.post(action, data={"csrf_token": csrf(page), "first_name": "P", "email": "p10@x.com"},
                        environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 302 and len(leads(world)) == 4  # another visitor is not blocked
    assert client.get(f"/f/{form.id}").status_code == 200  # reading the form is not limited


def test_an_oversized_submission_is_refused(app, world, form):
    client = app.test_client()
    page, action = open_form(client, form.id)
    response = client.post(action, data={"csrf_token": csrf(page), "first_name": "Big", "email": "big@x.com",
                                         "last_name": "x" * 40_000})
    assert response.status_code == 413 and leads(world) == []


def test_a_submission_without_the_csrf_token_is_refused(app, world, form):
    response = app.test_client().post(f"/f/{form.id}", data={"first_name": "No", "email": "no@token.io"})
    assert response.status_code == 400 and leads(world) == []


def test_inactive_and_unknown_forms_are_not_found(app, world, form):
    client = app.test_client()
    page, action = open_form(client, form.id)
    forms.deactivate(world, form.id)
    assert client.get(f"/f/{form.id}").status_code == 404
    assert client.post(action, data={"csrf_token": csrf(page), "first_name": "A", "email": "a@b.io"}).status_code == 404
    assert client.get(f"/f/{form.id}/thanks").status_code == 404
    for missing in ("form-000000000000", "nope", "form-%27%7D)%20DETACH%20DELETE"):
        assert client.get(f"/f/{missing}").status_code == 404
    assert leads(world) == []


def test_admin_pages_are_for_admins_only(app, world, form):
    anonymous = app.test_client()
    for path in ("/forms/", "/forms/new", f"/forms/{form.id}/edit", f"/forms/{form.id}/qr.png"):
        response = anonymous.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    for name in ("rita", "alan"):
        client = app.test_client()
        sign_in(client, name)
        token = csrf(client.get("/").get_data(as_text=True))
        for path in ("/forms/", "/forms/new", f"/forms/{form.id}/edit", f"/forms/{form.id}/qr.svg"):
            assert client.get(path).status_code == 403
        assert client.post(f"/forms/{form.id}/active", data={"csrf_token": token, "active": "0"}).status_code == 403
        assert client.post("/forms/new", data={"csrf_token": token, "name": "x", "campaign_id": "k-expo",
                                               "fields": "email"}).status_code == 403
    assert forms.get_form(world, form.id).active and len(forms.list_forms(world)) == 1


def test_an_admin_creates_edits_and_switches_off_a_form(app, world, form):
    client = app.test_client()
    sign_in(client, "root")
    listing = client.get("/forms/").get_data(as_text=True)
    assert f"http://localhost/f/{form.id}" in listing and f"/forms/{form.id}/qr.svg" in listing
    assert "Spring Expo &lt;b&gt;2026&lt;/b&gt;" in listing  # the campaign name, escaped
    page = client.get("/forms/new").get_data(as_text=True)
    assert "Website" in page and "Ann Lee" in page
    response = client.post("/forms/new", data={
        "csrf_token": csrf(page), "name": "Website form", "campaign_id": "k-web", "fields": ["email", "name", "status"],
        "required": ["email"], "language": "zh", "region": "CN", "owner_id": "", "active": "1"})
    assert response.status_code == 422 and "A form cannot ask for this field." in response.get_data(as_text=True)
    response = client.post("/forms/new", data={
        "csrf_token": csrf(page), "name": "Website form", "campaign_id": "k-web", "fields": ["email", "name"],
        "required": ["email"], "language": "zh", "region": "CN", "owner_id": "r-bob", "thank_you": "谢谢",
        "active": "1"})
    assert response.status_code == 302
    [new] = [f for f in forms.list_forms(world) if f.id != form.id]
    assert (new.name, new.campaign_id, new.fields, new.language, new.owner_id, new.created_by) == \
        ("Website form", "k-web", ("name", "email"), "zh", "r-bob", "root")
    edit = client.get(f"/forms/{new.id}/edit").get_data(as_text=True)
    response = client.post(f"/forms/{new.id}/edit", data={
        "csrf_token": csrf(edit), "name": "Website form v2", "campaign_id": "k-web", "fields": ["email"],
        "required": [], "language": "en", "region": "US", "active": "1"})
    assert response.status_code == 302
    assert forms.get_form(world, new.id).name == "Website form v2"
    client.post(f"/forms/{new.id}/active", data={"csrf_token": csrf(edit), "active": "0"})
    assert forms.get_form(world, new.id).active is False
    assert client.get(f"/f/{new.id}").status_code == 404


def test_public_url_setting_overrides_the_request_host(world, form):
    client = make_app(world, PUBLIC_URL="https://crm.example.com/").test_client()
    sign_in(client, "root")
    listing = client.get("/forms/").get_data(as_text=True)
    assert f"https://crm.example.com/f/{form.id}" in listing
